"""The `detente` command: a thin layer over the library."""

from __future__ import annotations

# First: it sets SIGTERM's handler for the half second of the imports below (``run`` sets it
# again once they are done, till the command takes the signal)
import detente.starting  # noqa: F401

# isort: split
import contextlib
import csv
import dataclasses
import errno
import functools
import gc
import os
import re
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import click
from rich.console import Console
from rich.progress import (
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from detente import __version__, stopping
from detente.cleantext import printable, shell_word, shown_name
from detente.config import (
    DEFAULT_DB,
    EXPORT_FORMATS,
    MAX_BLOCS,
    ORIGINS,
    WRITE_ERRNOS,
    ModelNotInstalled,
)
from detente.datafiles import DictionaryError
from detente.ingest.text import DEFAULT_MAX_BYTES, InputProblem, read_inputs
from detente.jsontext import json_text
from detente.model import EVENT_COLUMNS, equipment_list, nest_row, sentence_cell
from detente.output import CsvWriter, print_table, rows_table, write_jsonl

if TYPE_CHECKING:
    import datetime as dt

    from detente.coder import Article
    from detente.ingest.pipeline import IngestSummary
    from detente.ingest.shards import ShardInfo

# No emoji codes: rich writes ":x:" in a file name, an article id or a title as an emoji (❌),
# markup or not
err_console = Console(stderr=True, emoji=False)
POSITIVE = click.IntRange(min=1)  # counts and sizes: 0 or -1 would mean nothing sensible


def _at_most_cores(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    """Each parser process or worker loads its own pipeline (some 300 MB): more of them than
    the machine has cores adds memory, not speed, and thousands would exhaust it."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
    # (two are always allowed: a test or a demo of the parallel path runs anywhere)
    if value is not None and value > max(cores, 2):
        raise click.BadParameter(f"{value} is more than this machine's {cores} cores")
    return value
def _at_most_max_blocs(ctx: click.Context, param: click.Parameter, value: int) -> int:
    """--max-blocs up to config.MAX_BLOCS, as the API takes it: each number of blocs is one
    more search over every state (200 states: 2.5 s for 4 blocs, 35 s for 200)."""
    if value > MAX_BLOCS:
        raise click.BadParameter(f"{value} is more than {MAX_BLOCS}, the most blocs looked for")
    return value


# DuckDB's LIMIT takes a BIGINT: a larger --limit (a ConversionException traceback) is
# read as this, which selects every row all the same.
MAX_ROWS = 2**63 - 1


# What a write to a full or limited disk raises; EPIPE (`| head`) is click's to handle.
_WRITE_ERRNOS = WRITE_ERRNOS


class _Commands(click.Group):
    """The command group; standard output that cannot be written (`> /dev/full`, a full
    disk) ends the command with one line instead of a traceback."""

    def invoke(self, ctx: click.Context):
        from detente.stopping import received, sigterm_as_ctrl_c

        _stores_written.clear()
        with sigterm_as_ctrl_c():  # SIGTERM takes Ctrl-C's path: parts removed, runs recorded
            try:
                return self._invoke(ctx)
            except KeyboardInterrupt as exc:
                if received() != "SIGTERM":
                    raise  # Ctrl-C: click's "Aborted!", as before
                _stopped_by_sigterm(exc)

    def _invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # now, while an error can still be reported
            return result
        except OSError as exc:
            if exc.filename is not None and exc.errno != errno.EPIPE:
                _path_failed(exc)
            if exc.errno not in _WRITE_ERRNOS:
                raise
            _stdout_failed(exc)  # files detente writes name themselves: this is standard output
        except Exception as exc:
            from detente.stopping import interrupted

            if interrupted(exc):  # Ctrl-C inside a DuckDB query: click's "Aborted!", no traceback
                raise KeyboardInterrupt from exc
            raise


# The stores this command opened to write: a SIGTERM's line says what was stored there stays.
_stores_written: list[str] = []


def _stopped_by_sigterm(exc: KeyboardInterrupt) -> NoReturn:
    """One line for a command a SIGTERM stopped (a scheduler, systemd, Kubernetes, `kill`):
    what it did not write and what it kept; the exit a shell gives it (143), which schedulers
    read as stopped by the signal."""
    from detente.outfiles import WriteStopped
    from detente.stopping import exit_code

    kept = [f"{exc.path} was not written (what was written of it is removed)"
            ] if isinstance(exc, WriteStopped) else []
    kept += [f"what was stored in {shown_name(db)} before it stays; the same command "
             "finishes the job" for db in _stores_written]
    with contextlib.suppress(OSError):
        _say(f"interrupted (SIGTERM): {'; '.join(kept) or stopping.NOTHING_CHANGED}")
    sys.exit(exit_code("SIGTERM"))


def _path_failed(exc: OSError) -> NoReturn:
    """One line for a path of the command's own (its store, an output folder, a dictionary)
    that cannot even be looked at: a folder on its way the user may not enter, a name past the
    file system's 255 bytes. Python 3.11's Path.exists() and is_dir() raise for these, and
    each such path had stopped its command with an OSError traceback."""
    with contextlib.suppress(OSError):
        _say_error(f"{shown_name(str(exc.filename))}: {exc.strerror or exc}")
    sys.exit(2)


def _stdout_failed(exc: OSError) -> NoReturn:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        # what is left in the buffer would fail again when Python flushes it at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    with contextlib.suppress(OSError):
        _say_error(f"standard output: cannot write ({exc.strerror or exc}); the output is "
                   "incomplete")
    sys.exit(2)


# Set by `code` and a local `ingest` in one process: the console script then ends without the
# interpreter's teardown (see ``run``).
_quick_exit = False


def run() -> None:
    """The `detente` console script: ``main``, and after `detente code` (one process) an exit
    that leaves the coder's tables to the operating system. Freeing them object by object (the
    gazetteer, the lexicons, spaCy's pipeline: about 270,000 objects) took 0.25 s of every
    `detente code`. Standard output and error are flushed first; nothing else is left to do."""
    stopping.quit_while_starting()  # till the command takes SIGTERM (set while importing too)
    try:
        main()
    except SystemExit as exc:
        code = exc.code
        if not _quick_exit or not (code is None or isinstance(code, int)):
            # the teardown frees the frozen tables too: left frozen, DuckDB's bindings list
            # what it leaves as leaks on standard error
            gc.unfreeze()
            raise
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            raise exc from None  # the ordinary exit reports it as before
        os._exit(code or 0)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="detente")
def main() -> None:
    """detente: code international news into political events (CAMEO/PLOVER).

    \b
    Example:
      detente code article.txt
    """
    from detente.config import environment_notes

    for line in environment_notes():  # the default is used: a typo must not pass unseen
        _say(f"note: {line}")


def _code_inputs(paths: tuple[str, ...], article_date: str | None, max_bytes: int,
                 on_note: Callable[[str], None]) -> Iterator[Article | InputProblem]:
    """What `code` reads: plain text as it is, and a page, a feed or JSON records named
    explicitly through the readers `ingest` uses (their markup had been coded as text)."""
    from detente.ingest.pipeline import source_of, where_of
    from detente.ingest.readers import (
        SourceDocument,
        is_gzipped_text,
        is_structured,
        read_file,
        read_gzipped_text,
    )

    for raw in paths:
        if raw != "-" and is_gzipped_text(raw) and os.path.isfile(raw):
            yield read_gzipped_text(raw, article_date, max_bytes)
        elif raw != "-" and is_structured(raw) and os.path.isfile(raw):
            for item in read_file(raw, date=article_date, max_bytes=max_bytes):
                if not isinstance(item, SourceDocument):
                    yield item
                    continue
                # what the reader noted (a <script> it closed, a date it could not read), as
                # `ingest` notes it: the events of a page read so must not pass unexplained
                for note in item.notes:
                    on_note(f"note: {where_of(item)}: {note}")
                # its file (and line) names it in the lines about its coding, as in the
                # notes: a record's id alone ("error: a1: text is 4,270,000 characters")
                # named no file
                yield dataclasses.replace(item.article(), meta=source_of(item))
        else:
            yield from read_inputs([raw], date=article_date, max_bytes=max_bytes)


class _InOrder:
    """The lines said of `code`'s inputs (a reader's note, a problem, a text skipped), each
    told just before the output of the article read after it. The coder reads ahead of what
    it has coded (a batch, a part of the stream), so a line said as it was read came before
    the events of the records above it."""

    def __init__(self) -> None:
        self.waiting: list[Callable[[], None]] = []  # said since the last article read
        self.before: deque[list[Callable[[], None]]] = deque()  # per article read, in order

    def say(self, line: str) -> None:
        self.waiting.append(functools.partial(_say, line))

    def error(self, line: str) -> None:
        self.waiting.append(functools.partial(_say_error, line))

    def article_read(self) -> None:
        self.before.append(self.waiting)
        self.waiting = []

    def article_coded(self) -> None:
        """Tell what was said before the article now coded (the articles come back in the
        order they were read)."""
        self._tell(self.before.popleft())

    def rest(self) -> None:
        """Tell what was said after the last article (a bad record at the end)."""
        self._tell(self.waiting)
        self.waiting = []

    @staticmethod
    def _tell(lines: list[Callable[[], None]]) -> None:
        if lines:  # the events written so far first: into a pipe or file, stdout is buffered
            with contextlib.suppress(OSError, ValueError):
                sys.stdout.flush()
        for tell in lines:
            tell()


@main.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "article_date", help="Article date (YYYY-MM-DD) for every input.")
@click.option(
    "--format", "output_format", type=click.Choice(["table", "jsonl", "csv"]), default="table",
    show_default=True, help="Output format.",
)
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(),
              help="Extra dictionary: YAML with the packaged tables' keys, or a PETRARCH/TABARI "
                   "verbs, actors or agents file (.txt). Repeatable.")
@click.option("--model", help="spaCy pipeline to use instead of the default (or $DETENTE_MODEL).")
@click.option("--domestic", is_flag=True, help="Also emit events inside one state.")
@click.option("--processes", default=1, show_default=True, type=POSITIVE,
              callback=_at_most_cores, help="Parser processes (at most one per core).")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=POSITIVE,
              help="Largest input file accepted as one article.")
def code_command(
    paths: tuple[str, ...],
    article_date: str | None,
    output_format: str,
    dictionaries: tuple[str, ...],
    model: str | None,
    domestic: bool,
    processes: int,
    max_bytes: int,
) -> None:
    """Code news text into events. PATHS are .txt files, directories of them, web pages,
    feeds or JSON records (as `ingest` reads them), or - for stdin. Exit code: 0 when every
    input was coded, 1 when some input was a problem (named on stderr), 2 when none was read.

    \b
    Examples:
      detente code article.txt
      detente code page.html wires.jsonl
      detente code news/ --format jsonl > events.jsonl
      cat article.txt | detente code - --date 2001-10-05 --format csv
    """
    from detente.coder import Coder

    article_date = _check_date_option(article_date)
    try:
        coder = Coder(model=model, dictionaries=dictionaries, domestic=domestic)
    except (DictionaryError, ModelNotInstalled) as exc:
        _say_error(str(exc))
        sys.exit(2)
    _report_dictionaries(coder)
    _coder_built()
    global _quick_exit
    # several parser processes are joined at exit (their queues flushed): only one exits quickly
    _quick_exit = processes == 1
    counts: Counter[str] = Counter()  # read, coded, skipped, problems
    told = _InOrder()

    def readable() -> Iterator[Article]:
        """The inputs, read one at a time as the coder asks (a folder of any size takes the
        memory of a batch), problems and texts in other languages told in input order."""
        for item in _code_inputs(paths, article_date, max_bytes, told.say):
            if isinstance(item, InputProblem):
                counts["problems"] += 1
                told.error(str(item))
                continue
            counts["read"] += 1
            if (skipped := _not_english(item)) is None:
                told.article_read()
                yield item
            else:
                counts["skipped"] += 1
                told.say(skipped)

    out = _stdout_console(160)
    csv_writer = CsvWriter(sys.stdout) if output_format == "csv" else None
    total = 0
    with _progress() as progress, _parsers_tied(processes):
        task = progress.add_task("coding", total=None)
        for coded in coder.code_stream(readable(), n_process=processes):
            article, events = coded.article, coded.events
            counts["coded"] += 1
            told.article_coded()
            where = shown_name(article.meta or article.doc_id)
            for note in coded.notes:
                _say(f"note: {where}: {note}")
            if coded.error:
                counts["problems"] += 1
                _say_error(f"{where}: {coded.error}")
            total += len(events)
            if output_format == "jsonl":
                write_jsonl(events, sys.stdout)
            elif csv_writer:
                csv_writer.write(events)
            else:
                print_table(events, f"{article.doc_id} ({article.date or 'no date'})", out)
            progress.update(task, advance=1, description=f"coding: {total} events")
        told.rest()
    if not counts["read"]:
        sys.exit(2)
    if output_format == "table" or counts["skipped"]:
        # a skipped article is no error, but an empty output must never look like a quiet day
        _say(f"{counts['coded']} article(s), {total} event(s), {counts['problems']} input "
             "problem(s)" + (f", {counts['skipped']} skipped (not English)"
                             if counts["skipped"] else ""))
    if counts["problems"]:
        # a script reading the output must learn that some input is missing from it
        sys.exit(1)


def _check_date_option(article_date: str | None) -> str | None:
    """``--date`` of `code`: a real calendar day, checked as `ingest` checks its own, and
    written as `ingest` stores it (YYYY-MM-DD), so "5 March 2004" dates events 2004-03-05."""
    from detente.ingest.readers import iso_date

    if not article_date:
        return None
    if (day := iso_date(article_date)) is None:
        _fail(_not_a_day("--date", article_date))
    return day


def _not_a_day(option: str, text: str) -> str:
    """What is wrong with a date option's value that is no date: the day that is not in the
    calendar (2016-02-30 had been "does not match the format '%Y-%m-%d'"), or its form."""
    if wrong := _no_such_day(text):
        return f"{option} {text!r}: no such day: {wrong}"
    return f"{option} {text!r} is not a date; write it as YYYY-MM-DD"


def _no_such_day(text: str) -> str | None:
    """Why a date written as year, month and day numbers is no day of the calendar (no month
    13, no 30 February); None for a real day or another form."""
    import calendar

    numbers = re.fullmatch(r"\s*(\d{1,4})-(\d{1,2})-(\d{1,2})\s*", text)
    if numbers is None:
        return None
    year, month, day = (int(number) for number in numbers.groups())
    if year == 0:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day == 0:
        return "there is no day 0"
    days = calendar.monthrange(year, month)[1]
    return f"{calendar.month_name[month]} {year} has {days} days" if day > days else None


def _calendar_day(ctx: click.Context, param: click.Parameter, value: str | None
                  ) -> dt.datetime | None:
    """--since and --until: a day of the calendar, written YYYY-MM-DD; anything else is one
    line naming the option and what is wrong (click's own error came after its usage lines)."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        _fail(_not_a_day(param.opts[0], value))


def day_option(name: str, help_text: str) -> Callable:
    return click.option(name, callback=_calendar_day, metavar="YYYY-MM-DD", help=help_text)


def _not_english(article: Article) -> str | None:
    """The line naming an article the coder cannot read, with its language (the check
    `ingest` makes: py3langid, and only a confident guess keeps text out); None for one it
    can."""
    from detente.ingest.language import codable, not_coded, stored_language

    language = stored_language(article.text)
    if codable(language):
        return None
    return f"skipped: {shown_name(article.meta or article.doc_id)}: {not_coded(language)}"


DB_OPTION = click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                         help="The DuckDB event store.")
# Every command that writes files (export, graph, plot) keeps an existing one unless told.
FORCE_OPTION = click.option("--force", is_flag=True,
                            help="Replace output files that already exist.")


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", default=None,
              help=f"The DuckDB event store [default: {DEFAULT_DB}; none with --out alone].")
@click.option("--date", "article_date", help="Date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--text-field", default="text", show_default=True, help="JSON key of the text.")
@click.option("--title-field", default="title", show_default=True,
              help="JSON key of the headline.")
@click.option("--date-field", default=None,
              help="JSON key of the publication date (ISO, written dates, Unix time) "
                   "[default: date, else the first of published, publishedAt, pubDate... a "
                   "record has].")
@click.option("--url-field", default="url", show_default=True,
              help="JSON key of the article's address.")
@click.option("--source-field", default="source", show_default=True,
              help="JSON key of the outlet (one copy of a story is kept per outlet).")
@click.option("--id-field", default="id", show_default=True,
              help="JSON key of the record's id (its doc_id).")
@click.option("--batch-size", default=32, show_default=True, type=POSITIVE,
              help="Articles written per transaction.")
@click.option("--processes", default=1, show_default=True, type=POSITIVE,
              callback=_at_most_cores,
              help="Parser processes on this machine (spaCy; at most one per core).")
@click.option("--workers", type=POSITIVE, callback=_at_most_cores,
              help="Code on a local Dask cluster of this many worker processes (at most one "
                   "per core).")
@click.option("--cluster", "address", help="Code on an existing Dask scheduler, e.g. "
              "tcp://scheduler:8786 (every worker must see the input files).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="With --workers/--cluster: keep the Parquet shards here; without --db, "
                   "only write them (merge later with `detente load`).")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(),
              help="Extra dictionary: YAML, or a PETRARCH/TABARI verbs, actors or agents "
                   "file (.txt). Repeatable.")
@click.option("--model", help="spaCy pipeline to use instead of the default.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=POSITIVE,
              help="Largest single document accepted.")
@click.option("--domestic", is_flag=True,
              help="Also store events inside one state (articles stored before keep theirs).")
def ingest_command(paths: tuple[str, ...], db_path: str | None, article_date: str | None,
                   text_field: str, title_field: str, date_field: str | None, url_field: str,
                   source_field: str, id_field: str, batch_size: int, processes: int,
                   workers: int | None, address: str | None, out_dir: str | None,
                   dictionaries: tuple[str, ...], model: str | None, max_bytes: int,
                   domestic: bool) -> None:
    """Code a corpus into the store: .txt, .html, .json, .jsonl(.gz), RSS/Atom .xml, folders.

    Running the same command again adds nothing; after a crash it finishes the job. Exit
    code: 0 when every input was stored, 1 when some input was a problem (named on stderr;
    the rest is stored), 2 when none was read.

    \b
    Examples:
      detente ingest news/ --db events.duckdb
      detente ingest wires.jsonl.gz --db events.duckdb --text-field body --date-field published
      detente ingest big/ --db events.duckdb --workers 2
      detente ingest big/ --out shards/ --cluster tcp://scheduler:8786
    """
    from detente.ingest.pipeline import IngestOptions
    from detente.ingest.readers import FieldNames, iso_date
    from detente.store import StoreError

    if article_date and iso_date(article_date) is None:
        _fail(_not_a_day("--date", article_date))
    if out_dir and not (workers or address):
        _fail("--out needs --workers or --cluster (a local ingest writes to --db directly)")
    if address:
        _check_cluster_address(address)
    if db_path == "":  # `--db "$DB"` with DB unset: it had meant no store, and a traceback
        _fail("--db '': an empty path names no database file")
    if db_path is None and not out_dir:
        db_path = DEFAULT_DB
    # a key named is the only one read; left out, the usual keys of news records are tried
    fields = FieldNames(text=text_field, title=title_field, date=date_field or "date",
                        url=url_field, source=source_field, id=id_field,
                        date_keys=None if date_field is None else ())
    options = IngestOptions(fields=fields, date=article_date, batch_size=batch_size,
                            n_process=processes, max_bytes=max_bytes)
    global _quick_exit
    store = _open_store(db_path) if db_path else None
    shards: dict[str, ShardInfo] = {}  # unit id -> its shard's marker (ShardInfo), as units finish
    try:
        if workers or address:
            summary = _ingest_on_cluster(store, list(paths), options, workers, address, out_dir,
                                         db_path, model, dictionaries, domestic, shards)
        else:
            summary = _ingest_here(store, list(paths), options, model, dictionaries, domestic)
    except StoreError as exc:  # the database cannot be written (a full disk): one line
        _fail(str(exc))
    finally:
        if store is not None:
            store.close()
    # the store is closed and checkpointed: a local run in one process ends as `code` does,
    # without a teardown (which also had DuckDB's bindings list the coder's frozen objects as
    # leaks on standard error)
    _quick_exit = processes == 1 and not (workers or address)
    _say(f"{summary.read} read, "
         + (_stored_line(summary, db_path) if db_path else _written_line(summary, out_dir, shards))
         + _left_out(summary))
    _exit_if_interrupted(summary.interrupted)
    _exit_if_failed(summary.read, summary.failed)


def _exit_if_failed(read: int, failed: int) -> None:
    """The exit code `code` and `load` give: 2 when some input was a problem and none was
    read, 1 when some was a problem (named on stderr) and others were read, 0 when none was;
    a script must learn that a file or record is missing from the store."""
    if failed:
        sys.exit(2 if read == 0 else 1)


def _left_out(summary: IngestSummary) -> str:
    """What a run's last line adds about articles not (fully) read or coded; `load` says it
    as `ingest` does, so the shards of a cluster run report what a local run would."""
    return ((f" ({summary.not_coded} not coded: not English)" if summary.not_coded else "")
            + (f" ({summary.dates_unread} with a date that could not be read: see the notes)"
               if summary.dates_unread else ""))


def _stored_line(summary: IngestSummary, db_path: str) -> str:
    """What an ingest into a store did, for its last line."""
    return (f"{summary.new} stored, {summary.known} already stored, "
            f"{summary.duplicates} repeated stories, {summary.failed} failed, "
            f"{summary.events} events -> {shown_name(db_path)}")


def _written_line(summary: IngestSummary, out_dir: str, shards: dict[str, ShardInfo]) -> str:
    """What an ingest with --out alone did: it stores nothing (its summary's stored and event
    counts stay 0, and said "0 stored, ... 0 events" after writing thousands), so the line
    counts the articles and events in the shards of its inputs (a unit named twice, once)."""
    articles = sum(info.articles for info in shards.values())
    events = sum(info.events for info in shards.values())
    return (f"{articles} articles coded, {summary.failed} failed, {events} events written to "
            f"{len(shards)} shards in {shown_name(out_dir)} (not stored yet: "
            f"`detente load {shell_word(out_dir)} --db FILE` stores them)")


def _check_cluster_address(address: str) -> None:
    """A --cluster value that names no scheduler, or at which nothing listens, is one line,
    before the store is opened (Dask itself waited 30 s before saying so)."""
    from detente.ingest.cluster import address_problem, unreachable

    if problem := address_problem(address):
        _fail(f"--cluster {address}: not a Dask scheduler address ({problem}); write it as "
              "tcp://HOST:PORT, e.g. tcp://scheduler:8786")
    if problem := unreachable(address):
        _fail(f"--cluster {address}: cannot reach a scheduler there ({problem})")


def _exit_if_interrupted(interrupted: str | None) -> None:
    """One line saying a signal stopped the run, and the exit code a shell gives such a
    command (128 + the signal)."""
    from detente.stopping import exit_code

    if not interrupted:
        return
    _say(f"interrupted ({interrupted})")
    sys.exit(exit_code(interrupted))


def _report_dictionaries(coder) -> None:
    """One stderr line per PETRARCH dictionary: what it gave, what was skipped and why."""
    from detente.petrarch import ReadReport

    for item in getattr(coder, "dictionary_reports", []):
        report = ReadReport(item["path"], item["kind"], Counter(item["counts"]),
                            list(item["problems"]))
        # a malformed line is quoted in the summary: its control bytes are shown, not sent
        err_console.print(printable(report.summary()), highlight=False, soft_wrap=True,
                          markup=False)
    _report_name_notes(getattr(coder, "dictionary_notes", []))


def _report_name_notes(notes: list[str]) -> None:
    """One note line for each name the user's dictionaries give in more than one way."""
    for line in notes:
        _say(f"note: {line}")


def _ingest_here(store, paths: list[str], options, model, dictionaries, domestic=False):
    from detente.coder import Coder
    from detente.ingest.pipeline import Ingest

    try:
        coder = Coder(model=model, dictionaries=dictionaries, domestic=domestic)
    except (DictionaryError, ModelNotInstalled) as exc:
        _fail(str(exc))
    _report_dictionaries(coder)
    _coder_built()
    job = Ingest(store, coder, options)
    with _ingest_progress() as (show, problem, note), _stop_on_signals(job.stop):
        try:
            return job.run(paths, on_progress=show, on_problem=problem, on_note=note)
        except KeyboardInterrupt:  # a second signal: stopped at once, the run recorded so
            return job.summary


def _parsers_tied(processes: int):
    """With several parser processes, they die when this command dies, even by SIGKILL."""
    if processes == 1:
        return contextlib.nullcontext()
    from detente.ingest.pipeline import parsers_die_with_parent

    return parsers_die_with_parent()


def _coder_built() -> None:
    """The coder's tables, built, stay to the end of the command: the garbage collector need
    not walk them again (each full collection walked some 270,000 objects, 0.08 s)."""
    gc.freeze()


@contextmanager
def _stop_on_signals(stop):
    """While an ingest runs, Ctrl-C or SIGTERM stops it cleanly: no more input is read, what
    was read is coded and stored, and the run is recorded as interrupted. A second signal stops
    at once (raises KeyboardInterrupt; the articles already coded are still stored)."""
    from detente.stopping import STOP_SIGNALS, stop_now

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    here = os.getpid()  # parser processes forked from this one inherit the handler

    def handler(number: int, frame) -> None:
        if os.getpid() != here:
            return
        name = STOP_SIGNALS[number]
        if _stop_on_signals.asked:
            stop_now(number)
        _stop_on_signals.asked = name
        stop(name)
        with contextlib.suppress(OSError):
            os.write(2, f"\n{name}: stopping once what was read is stored ({name} again "
                        "stops at once)\n".encode())

    _stop_on_signals.asked = None
    previous = {number: signal.signal(number, handler) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


_stop_on_signals.asked = None  # the first signal's name, while an ingest runs


def _ingest_on_cluster(store, paths, options, workers, address, out_dir, db_path, model,
                       dictionaries, domestic=False, finished: dict[str, ShardInfo] | None = None):
    """The cluster's summary; ``finished`` gets each finished unit's marker (its counts)."""
    from pathlib import Path

    from detente.actors.lexicon import user_name_notes
    from detente.coder import provenance_for
    from detente.datafiles import read_user_dictionaries
    from detente.ingest.cluster import (
        ClusterError,
        ClusterRun,
        ClusterStartError,
        ClusterStopped,
        CoderSettings,
        ingest_on_cluster,
    )

    try:
        extensions = read_user_dictionaries(dictionaries)
        provenance = provenance_for(model, extensions=extensions)
    except DictionaryError as exc:
        _fail(str(exc))
    # the workers build the coder: its notes on the user's names are told here, once
    _report_name_notes(user_name_notes(extensions, [str(d) for d in dictionaries]))
    shards = Path(out_dir) if out_dir else Path(f"{db_path}.shards")
    run = ClusterRun(shards, options, CoderSettings(model, tuple(dictionaries), domestic),
                     address=address, workers=workers or 2)
    with _ingest_progress() as (show, problem, _note), _quiet_dask_client():
        def unit_done(info, count: int, total: int) -> None:
            if finished is not None:
                finished[info.unit_id] = info
            line = f"coded {count}/{total} units ({info.articles} articles in the last)"
            if not err_console.is_terminal:
                print(line, file=sys.stderr, flush=True)

        try:
            return ingest_on_cluster(store, paths, run, provenance, on_unit=unit_done,
                                     on_problem=problem, keep_shards=bool(out_dir),
                                     on_note=_note)
        except ClusterStopped as exc:
            if exc.signal:  # the user (or a scheduler) stopped it: the exit a shell gives it
                _exit_if_interrupted(str(exc))
            _fail(str(exc))
        except (ClusterStartError, ClusterError) as exc:
            _fail(str(exc))
        except OSError as exc:
            where = f"reach the Dask cluster {address}" if address else "start a local Dask cluster"
            _fail(f"cannot {where}: {exc}")


@contextmanager
def _quiet_dask_client():
    """Dask's client logs a traceback when it loses its scheduler; the run says so in a line."""
    import logging

    log = logging.getLogger("distributed.client")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


def _ingest_progress():
    """Progress of an ingest: articles stored, events, and how fast."""
    return _live_progress(
        "ingesting", lambda summary: (
            f"ingesting: {summary.new} articles stored, {summary.events} events"),
        lambda summary: summary.new, "{:.1f} articles/s")


@contextmanager
def _live_progress(doing: str, line_of: Callable[[Any], str], count_of: Callable[[Any], int],
                   rate_form: str):
    """A live line on a terminal, a log line now and then otherwise; yields the functions
    that show a summary, a problem and a note."""
    with Progress(
        TextColumn("{task.description}"), SpinnerColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[rate]}"), console=err_console, transient=True,
    ) as progress:
        task = progress.add_task(doing, rate="")
        started = time.perf_counter()
        logged = [0.0]

        def show(summary) -> None:
            now = time.perf_counter()
            rate = rate_form.format(count_of(summary) / max(now - started, 1e-9))
            line = line_of(summary)
            progress.update(task, description=line, rate=rate)
            if not err_console.is_terminal and (not logged[0] or now - logged[0] >= 5):
                # logs of unattended runs get a line now and then instead of a bar
                logged[0] = now
                print(f"{line} ({rate})", file=sys.stderr, flush=True)

        def problem(line: str) -> None:
            _say_error(line, progress.console)

        def note(line: str) -> None:
            _say(f"note: {line}", progress.console)

        yield show, problem, note


@main.command("load")
@click.argument("shard_dir", type=click.Path())
@DB_OPTION
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=POSITIVE,
              help="The per-article limit the shards were coded under (ingest's --max-bytes): "
                   "a shard may take 16 times this per article to read, 400 times at most.")
def load_command(shard_dir: str, db_path: str, max_bytes: int) -> None:
    """Merge Parquet shards written by `ingest --out` into the store (again adds nothing).

    \b
    Example:
      detente load shards/ --db events.duckdb
    """
    from pathlib import Path

    from detente.coder import provenance_for
    from detente.ingest.pipeline import IngestSummary
    from detente.ingest.shards import (
        coding_mix,
        merge_shards,
        report_problems,
        report_reading,
        shard_markers,
    )
    from detente.stopping import received
    from detente.store import StoreError

    _refuse_empty_path(shard_dir)
    folder = Path(shard_dir)
    summary = IngestSummary()
    unreadable: list[str] = []  # markers that cannot be read: reported once the store is open
    if not folder.is_dir():  # click lets a missing path through; "no shards here" hid the typo
        _fail(f"{shown_name(shard_dir)}: {'not a folder' if folder.exists() else 'no such folder'}")
    markers = shard_markers(folder, unreadable.append)
    units = [info.unit_id for info in markers]
    if not units and not unreadable:
        _fail(f"{shown_name(shard_dir)}: no finished shards (*.done.json) here")
    store = _open_store(db_path)
    try:
        run_id = store.start_run("load", [shard_dir], provenance_for())
        failure: BaseException | None = None  # what stopped the merge, if anything did
        try:
            with _ingest_progress() as (show, problem, note):
                for line in unreadable:
                    summary.problem(line, problem)
                # Shards of several codings are merged all the same, with this note: the user
                # named this folder to load, each shard is whole, and `load` cannot code a unit
                # again (as `ingest --cluster` does with a shard coded otherwise) nor tell which
                # coding is wanted; refusing would leave them to sort the files by hand.
                if mix := coding_mix(folder, markers):
                    summary.note(mix, note)
                # the input problems of each shard (a record with no text) are counted as the
                # `ingest --out` run counted them, once per store: a shard loaded again stores
                # nothing and counts none of them again
                problems = [info for info in markers if info.problem_count]
                counted = store.counted_shards((i.unit_id, i.coding) for i in problems)
                for info in markers:  # the readers' notes and problems, as the ingest's
                    report_reading(summary, info, note)
                    if (info.unit_id, info.coding) not in counted:
                        report_problems(summary, info, problem)
                if counted:
                    summary.note(_counted_before(shard_dir, problems, counted), note)
                merge_shards(store, folder, units, run_id, summary, on_progress=show,
                             on_problem=problem, max_bytes=max_bytes, on_note=note)
                store.count_shards(run_id, [(i.unit_id, i.coding, i.problem_count)
                                            for i in problems
                                            if (i.unit_id, i.coding) not in counted])
        except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM: the batches merged stay, as an
            failure = exc                 # ingest's do, and the run says it was stopped
            summary.interrupted = (f"{received()}, after {summary.new} articles stored; the "
                                   "same command finishes the job")
        except BaseException as exc:
            failure = exc
            raise
        finally:
            # recorded(): the notes too, and at most MAX_RUN_PROBLEMS lines, as an ingest's
            store.finish_run(run_id, summary.counts(), summary.recorded(), stopped_by=failure)
    except StoreError as exc:
        _fail(str(exc))
    finally:
        store.close()
    _say(f"{len(units) + len(unreadable)} shards: {summary.new} articles stored, "
         f"{summary.known} already stored, {summary.duplicates} repeated stories, "
         f"{summary.failed} failed, {summary.events} events -> "
         f"{shown_name(db_path)}{_left_out(summary)}")
    _exit_if_interrupted(summary.interrupted)
    # what could be merged was; the rest needs looking at (2: nothing was read at all)
    _exit_if_failed(summary.read, summary.failed)


def _counted_before(shard_dir: str, infos: list[ShardInfo], counted: dict[tuple[str, str], str]
                    ) -> str:
    """The note of a load whose shards' input problems an earlier run counted in this store:
    they are in that run's record, and counting them again would count one bad record twice."""
    again = [info for info in infos if (info.unit_id, info.coding) in counted]
    runs = sorted(set(counted.values()))
    return (f"{shown_name(shard_dir)}: the {sum(i.problem_count for i in again):,} input "
            f"problem(s) of {len(again)} shard(s) were counted by an earlier run into this "
            f"store (run {', '.join(runs[:3])}{' and more' if len(runs) > 3 else ''}); not "
            "counted again")


FILTER_OPTIONS = [
    click.option("--actor", help="Country or actor code on either side (IRN, USAGOV, IGOUNO)."),
    click.option("--source", "source_actor", help="Country or actor code of the source."),
    click.option("--target", "target_actor", help="Country or actor code of the target."),
    day_option("--since", "First date (YYYY-MM-DD)."),
    day_option("--until", "Last date (YYYY-MM-DD)."),
    click.option("--quad", help="Quad classes, e.g. 3,4."),
    click.option("--root", help="CAMEO roots, e.g. 13,16."),
    click.option("--plover", help="PLOVER event types, e.g. ACCUSE,ASSAULT (POLECAT's events "
                                  "have these and no CAMEO code)."),
    click.option("--modality", help="Modalities, e.g. asserted,future."),
    click.option("--origin", type=click.Choice(ORIGINS),
                 help="Only events from here."),
    click.option("--all-reports", is_flag=True, help="Count every report of a repeated story."),
    click.option("--limit", type=POSITIVE, help="At most this many events."),
]


def filter_options(command):
    """The event filter options shared by `events` and `export`."""
    for option in reversed(FILTER_OPTIONS):
        command = option(command)
    return command


def _selection(options: dict):
    """The EventFilter of the filter options; a one-line usage error (exit 2) for a value that
    can select nothing (an unknown modality, --since after --until), a warning for an actor
    code detente does not know (it is still matched as written)."""
    from detente.store import EventFilter

    since, until = options["since"], options["until"]
    _check_dates(since, until)
    return EventFilter(
        actor=_actor_code(options["actor"], "--actor"),
        source=_actor_code(options["source_actor"], "--source"),
        target=_actor_code(options["target_actor"], "--target"),
        since=since.date() if since else None, until=until.date() if until else None,
        quads=_int_list(options["quad"], "--quad", range(1, 5)),
        roots=_root_list(options["root"]), types=_plover_list(options["plover"]),
        modality=_modality_list(options["modality"]),
        origin=options["origin"], all_reports=options["all_reports"],
        limit=options["limit"] and min(options["limit"], MAX_ROWS),
    )


def _check_dates(since: dt.datetime | None, until: dt.datetime | None) -> None:
    """A one-line usage error for --since after --until: a range no date is in (every command
    that takes both; the API answers 422)."""
    if since and until and since > until:
        # (isoformat: strftime writes the year 1 as "1")
        _fail(f"--since {since.date().isoformat()} is after --until "
              f"{until.date().isoformat()}: no date is in that range")


def _modality_list(text: str | None) -> list[str] | None:
    """The modalities --modality names; a usage error for a word that is none of them."""
    from detente.model import MODALITIES

    chosen = _word_list(text, "--modality")
    for word in chosen or ():
        if word not in MODALITIES:
            _fail(f"--modality: unknown modality '{word}' (choose from {', '.join(MODALITIES)})")
    return chosen


def _state_code(value: str | None, option: str) -> str | None:
    """A state or IGO filter's code (people's --country, transfers' --supplier and
    --recipient), with a warning on stderr when detente knows no state or IGO of that code: it
    had answered only that nothing matched ("--supplier Russia")."""
    from detente.actors.lexicon import (
        CODE_EXAMPLES,
        code_of_known_actor,
        codes_by_name,
        state_and_igo_codes,
    )

    code = _code(value, option)
    upper = (code or "").upper()
    if upper.startswith("IGO") and upper[3:] in state_and_igo_codes():
        return upper[3:]  # IGOUNO: the people and transfers of the U.N., country UNO
    named = codes_by_name().get(code.lower()) if code else None
    if not code or upper in state_and_igo_codes() or (not named and code_of_known_actor(upper)):
        return code
    hint = f"; did you mean {named}?" if named else ""
    _say(f"warning: {option} {value}: not a state or IGO code detente knows "
         f"({CODE_EXAMPLES}){hint}")
    return code


def _actor_code(value: str | None, option: str) -> str | None:
    """An actor filter's code (a retired one read as its new code), with a warning on stderr
    when it is no state or IGO code detente knows, nor an actor code built on one (IRNMIL,
    IGOUNO): such a code selects only events whose actor code starts with it."""
    from detente.actors.lexicon import (
        CODE_EXAMPLES,
        code_of_known_actor,
        codes_by_name,
        state_and_igo_codes,
    )

    code = _code(value, option)
    if not code:
        return code
    upper = code.upper()
    if upper in state_and_igo_codes():
        return code
    # a name first: "Russia" reads as a code too (RUS + SIA), but no one means that
    named = codes_by_name().get(code.lower())
    if not named and (code_of_known_actor(upper) or upper.startswith("IGO")):
        return code
    hint = f"; did you mean {named}?" if named else ""
    # as Store's actor_match reads it: two letters are a country code, more a code prefix
    matched = f"code starts with {upper}" if len(upper) >= 3 else f"country is {upper}"
    _say(f"warning: {option} {value}: not a state or IGO code detente knows ({CODE_EXAMPLES}); "
         f"only events whose actor {matched} are selected{hint}")
    return code


@main.command("events")
@DB_OPTION
@filter_options
@click.option("--format", "output_format", type=click.Choice(["table", "jsonl", "csv"]),
              default="table", show_default=True,
              help="A table to read; JSON Lines (nested records) or CSV (the store's columns) "
                   "for programs.")
def events_command(db_path: str, output_format: str, **options) -> None:
    """Query the stored events.

    \b
    Example:
      detente events --db events.duckdb --actor IRN --since 2001-09-01 --quad 3,4
    """
    selection = _selection(options)
    store = _open_store(db_path, read_only=True)
    rows = store.events(selection)
    store.close()
    write_rows(rows, output_format, _stdout_console(160))
    if output_format == "table":
        err_console.print(f"{len(rows)} event(s)")


@main.command("export")
@click.argument("out_dir", type=click.Path(file_okay=False))
@DB_OPTION
@click.option("--format", "export_format", required=True,
              type=click.Choice(EXPORT_FORMATS),
              help="parquet/csv: the events table; jsonl: event records; plover: PLOVER JSON "
                   "records; phoenix: Phoenix/PETRARCH tab-separated columns; icews: the "
                   "ICEWS files' 20 columns with their header; polecat: the POLECAT release "
                   "files' 40 columns with their header; gdelt: GDELT 2.0's event "
                   "table (61 columns); gdelt-mentions: its mentions table, each report "
                   "with the sentence and offsets that prove the event.")
@FORCE_OPTION
@filter_options
def export_command(out_dir: str, db_path: str, export_format: str, force: bool,
                   **options) -> None:
    """Write the stored events to OUT_DIR in a format analysts load. A file of the same name
    already in OUT_DIR is not replaced unless --force is given.

    \b
    Examples:
      detente export out/ --db events.duckdb --format parquet
      detente export out/ --db events.duckdb --format phoenix --since 2001-01-01
      detente export out/ --db events.duckdb --format icews --since 2023-04-11
      detente export out/ --db events.duckdb --format gdelt --actor IRN
      detente export out/ --db events.duckdb --format csv --force   # replace out/events.csv
    """
    from pathlib import Path

    from detente.export import export_events, export_transfers, output_files
    from detente.outfiles import WriteError

    _refuse_empty_path(out_dir)
    selection = _selection(options)
    store = _open_store(db_path, read_only=True)
    try:
        if not force:  # detente names the files, so the user may not know one is there
            _refuse_existing(output_files(store, Path(out_dir), export_format))
        def note(line: str) -> None:
            _say(f"note: {line}")

        # replace=force: another export may write the file after the check above
        written = [export_events(store, Path(out_dir), export_format, selection, on_note=note,
                                 replace=force),
                   export_transfers(store, Path(out_dir), export_format, selection,
                                    on_note=note, replace=force)]
    except WriteError as exc:  # a full disk, an unwritable folder: no half-written file stays
        _fail(str(exc))
    except ValueError as exc:
        _fail(f"{shown_name(out_dir)}: {exc}")
    finally:
        store.close()
    for path in filter(None, written):
        _say(f"wrote {shown_name(path)}")


@main.group("import")
def import_group() -> None:
    """Bring other event data sets into the store, beside detente's own events.

    \b
    Examples:
      detente import gdelt 20011005.export.CSV --db events.duckdb
      detente import icews events.2015.20180710092545.tab.zip --db events.duckdb
      detente import polecat ngecEvents.20230103111842.Release603.DV.txt --db events.duckdb
    """


@import_group.command("gdelt")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
def import_gdelt_command(paths: tuple[str, ...], db_path: str) -> None:
    """Import GDELT 1.0 or 2.0 event files (.CSV, .zip, .gz, or folders of them).

    Imported events get origin 'gdelt'; importing a file again adds nothing. Exit code: 0
    when every line was read, 1 when some line or file was a problem (named on stderr; the
    rest is imported), 2 when none was read.

    \b
    Example:
      detente import gdelt 20011005.export.CSV --db events.duckdb
    """
    from detente.ingest.gdelt import import_gdelt

    _end_import(_run_import(import_gdelt, paths, db_path), db_path)


@import_group.command("icews")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
def import_icews_command(paths: tuple[str, ...], db_path: str) -> None:
    """Import ICEWS Coded Event Data files (.tab, .tsv, .txt, .zip, .gz, or folders of them).

    The Dataverse files (doi:10.7910/DVN/28075 and the weekly doi:10.7910/DVN/QI2T9A):
    tab-separated with a header line. Imported events get origin 'icews' and detente's
    country codes; ICEWS's Intensity is their Goldstein weight; every column is kept in the
    icews_events table. Importing a file again adds nothing. Exit code: 0 when every line was
    read, 1 when some line or file was a problem (named on stderr; the rest is imported), 2
    when none was read.

    \b
    Examples:
      detente import icews events.2015.20180710092545.tab.zip --db events.duckdb
      detente import icews icews-files/ --db events.duckdb
    """
    from detente.ingest.icews import import_icews

    _end_import(_run_import(import_icews, paths, db_path), db_path)


@import_group.command("polecat")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
def import_polecat_command(paths: tuple[str, ...], db_path: str) -> None:
    """Import POLECAT event data release files (.txt, .tab, .tsv, .zip, .gz, or folders of them).

    The Dataverse files (doi:10.7910/DVN/AJGVIT): tab-separated with a header line, coded in
    PLOVER. Imported events get origin 'polecat', detente's country codes, the PLOVER type,
    the quad class of Quad Code and the intensity as their Goldstein weight, and no CAMEO
    code; an event with several actors or recipients becomes one event for each pair; every
    column is kept in the polecat_events table. Importing a file again adds nothing. Exit
    code: 0 when every line was read, 1 when some line or file was a problem (named on
    stderr; the rest is imported), 2 when none was read.

    \b
    Examples:
      detente import polecat ngecEvents.20230103111842.Release603.DV.txt --db events.duckdb
      detente import polecat polecat-files/ --db events.duckdb
    """
    from detente.ingest.polecat import import_polecat

    _end_import(_run_import(import_polecat, paths, db_path), db_path)


def _run_import(import_files: Callable[..., Any], paths: tuple[str, ...], db_path: str) -> Any:
    """Run an importer of event files into the store with a progress line; Ctrl-C or SIGTERM
    stop it after the batch in hand (a second one at once), what was committed kept."""
    from detente.stopping import received
    from detente.store import StoreError

    store = _open_store(db_path)
    stop_reason: list[str] = []
    try:
        with _import_progress() as (show, problem, note), \
                _stop_on_signals(stop_reason.append):
            return import_files(store, list(paths), on_problem=problem, on_progress=show,
                                stopped=lambda: stop_reason[0] if stop_reason else None,
                                on_note=note)
    except StoreError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:  # a second signal: what was committed stays, and is recorded
        _exit_if_interrupted(f"{received()}, at once; the same command finishes the job")
    finally:
        store.close()


def _end_import(summary: Any, db_path: str) -> None:
    """Say how an import ended (and how many country names matched no code, for formats
    that write countries as names); exit 130/143 when stopped, 1 when some line or file was
    a problem, 2 when nothing was read."""
    unmatched = getattr(summary, "unmatched", None)
    _say(f"{summary.read} read, {summary.imported} imported, {summary.known} already stored, "
         f"{summary.failed} failed"
         + (f", {unmatched.total()} country names matched no code" if unmatched is not None
            else "") + f" -> {shown_name(db_path)}")
    _exit_if_interrupted(summary.interrupted)
    _exit_if_failed(summary.read, summary.failed)


def _import_progress():
    """Progress of an import of event files: rows read, stored and failed, and how fast."""
    return _live_progress(
        "importing", lambda summary: (
            f"importing: {summary.read:,} read, {summary.imported:,} stored, "
            f"{summary.failed:,} failed"),
        lambda summary: summary.read, "{:,.0f} rows/s")


SCOPE_OPTIONS = [
    day_option("--since", "First date (YYYY-MM-DD)."),
    day_option("--until", "Last date (YYYY-MM-DD)."),
    click.option("--origin", type=click.Choice(ORIGINS),
                 help="Only events from here."),
    click.option("--all-reports", is_flag=True, help="Count every report of a repeated story."),
    click.option("--actors", is_flag=True,
                 help="Keep IGOs' bodies and sub-state actors apart (by actor code)."),
    click.option("--modality", "modalities",
                 help="Modalities that count, e.g. asserted,future (default: asserted)."),
    click.option("--all-modalities", is_flag=True,
                 help="Count possible, future, conditional and intended events too."),
    click.option("--date-by", type=click.Choice(["event", "article"]), default="event",
                 show_default=True,
                 help="Date events by when they happened or when they were published."),
]


def scope_options(command):
    """The options that choose which events count, shared by the relation commands."""
    for option in reversed(SCOPE_OPTIONS):
        command = option(command)
    return command


def _scope(options: dict):
    from detente.dyads import Scope

    since, until = options.pop("since"), options.pop("until")
    _check_dates(since, until)  # relations, graph, blocs and plot had drawn an empty period
    modalities = _modalities(options.pop("modalities"), options.pop("all_modalities"))
    return Scope(since=since.date() if since else None, until=until.date() if until else None,
                 origin=options.pop("origin"), all_reports=options.pop("all_reports"),
                 actors=options.pop("actors"), modalities=modalities,
                 date_by=options.pop("date_by"))


def _modalities(text: str | None, every: bool) -> tuple[str, ...] | None:
    """The modalities an aggregate counts: asserted by default, None for all."""
    from detente.dyads import DEFAULT_MODALITIES, MODALITIES

    if every:
        return None
    chosen = _word_list(text, "--modality")
    if not chosen:
        return DEFAULT_MODALITIES
    for word in chosen:
        if word not in MODALITIES:
            _fail(f"--modality: unknown modality '{word}' (choose from {', '.join(MODALITIES)})")
    return tuple(chosen)


def _dyad(text: str) -> tuple[str, str]:
    """"RUS-IRN" as two known codes, or a one-line error."""
    from detente.actors.lexicon import CODE_EXAMPLES, load_actor_lexicon

    written = [p.strip().upper() for p in text.split("-")]
    if len(written) != 2 or not all(written):
        _fail(f"--dyad takes two codes joined by a dash, e.g. RUS-IRN (got {text!r})")
    parts = [_code(p, "--dyad") for p in written]
    known = {e.country for e in load_actor_lexicon().entries.values() if e.country}
    for code in parts:
        if code not in known:
            _fail(f"--dyad {text}: unknown country code '{code}' (use {CODE_EXAMPLES})")
    if parts[0] == parts[1]:  # as the API refuses it: a dyad is two states
        _fail(f"--dyad {text}: a dyad needs two different states (got {parts[0]} twice)")
    return parts[0], parts[1]


def _code(value: str | None, option: str) -> str | None:
    """A code given on the command line as detente codes it now: a retired one (EUR, for
    the European Union before it was EU) is read as its new code, with a note on stderr."""
    from detente.actors.lexicon import retired_code

    if value is not None and not value.strip():
        # ("--actor ''" from a script's empty variable selected every event, unsaid)
        _fail(f"{option}: an empty code selects nothing (leave the option out for every actor)")
    if not value:
        return value
    code, note = retired_code(value)
    if note:
        _say(f"note: {option} {value}: {note}")
    return code


@main.command("relations")
@DB_OPTION
@click.option("--dyad", help="One pair, both directions, e.g. RUS-IRN (a time series).")
@click.option("--by", type=click.Choice(["day", "week", "month", "quarter", "year"]),
              help="One row per period (default for --dyad: month).")
@click.option("--undirected", is_flag=True, help="Add up both directions of each pair.")
@click.option("--changes", is_flag=True,
              help="List the periods where a dyad's net cooperation shifts.")
@click.option("--top", type=POSITIVE, help="Only the N dyads with most events.")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]),
              default="table", show_default=True,
              help="A table to read; CSV or JSON (a list of records) for programs.")
@scope_options
def relations_command(db_path: str, dyad: str | None, by: str | None, undirected: bool,
                      changes: bool, top: int | None, output_format: str, **options) -> None:
    """Dyads: events by quad class, Goldstein total and mean, net cooperation.

    \b
    Examples:
      detente relations --db events.duckdb
      detente relations --db events.duckdb --dyad RUS-IRN --by month
      detente relations --db events.duckdb --changes
    """
    from detente import dyads

    scope = _scope(options)
    pair = _dyad(dyad) if dyad is not None else None  # ("" is no pair: an error)
    store = _open_store(db_path, read_only=True)
    try:
        if changes:
            frame = dyads.changes(store, by=by or "month", scope=scope, dyad=pair)
            empty = "no dyad has enough periods with events to show a change"
        elif pair:
            frame = dyads.dyad_series(store, pair, by=by or "month", scope=scope)
            empty = f"no events between {pair[0]} and {pair[1]} in this period"
        else:
            frame = dyads.relations(store, by=by, scope=scope, directed=not undirected)
            empty = "no events between two different states in this period"
    finally:
        store.close()
    if top and not frame.empty and not pair and not changes:
        frame = _top_dyads(frame, top)
    _print_notes(frame)
    _write_frame(frame, output_format, empty)


def _top_dyads(frame, top: int):
    """The rows of the ``top`` dyads with most events in all (every period of each, with
    --by), in the frame's order; the N largest rows were N dyad-periods, not N dyads."""
    totals = frame.groupby(["source", "target"], sort=False)["events"].sum()
    ranked = totals.reset_index().sort_values(["events", "source", "target"],
                                              ascending=[False, True, True], kind="stable")
    chosen = set(map(tuple, ranked.head(top)[["source", "target"]].itertuples(index=False)))
    keep = [pair in chosen for pair in zip(frame["source"], frame["target"], strict=True)]
    return frame[keep]


def _print_notes(frame) -> None:
    """What a series changed to stay bounded (coarser periods, stray dates), on stderr."""
    for note in frame.attrs.get("notes", []):
        _say(f"note: {note}")


@main.command("graph")
@DB_OPTION
@click.option("--out", default="graph.html", show_default=True, type=click.Path(),
              help="The self-contained HTML file to write.")
@click.option("--max-blocs", default=4, show_default=True, type=POSITIVE,
              callback=_at_most_max_blocs,
              help=f"Colour nodes by bloc (at most {MAX_BLOCS} blocs).")
@FORCE_OPTION
@scope_options
def graph_command(db_path: str, out: str, max_blocs: int, force: bool, **options) -> None:
    """Write the signed network of states as an interactive HTML page.

    Cooperation is green, conflict red, edge width is the number of events; nodes are
    coloured by bloc. Open the file in any browser; it needs no network.

    \b
    Example:
      detente graph --db events.duckdb --since 2001-01-01 --out graph.html
    """

    from pathlib import Path

    from detente.dyads.plots import network_html

    scope = _scope(options)
    # g.png held a web page; a folder (`--out .`) is refused by name when written
    if Path(out).name not in ("", ".", "..") and not out.lower().endswith((".html", ".htm")):
        _fail(f"--out {shown_name(out)}: name an .html file (the graph is an interactive web page)")
    if not force:
        _refuse_existing([out])
    network, partition = _network_and_blocs(db_path, scope, max_blocs)
    for node, bloc in partition.blocs.items():
        network.nodes[node]["bloc"] = bloc + 1  # numbered from 1, as `detente blocs` prints
    with _writing(out, force) as part:
        network_html(network, part, _title("Signed network of states", scope))
    written = out
    _say(f"wrote {shown_name(written)}: {network.number_of_nodes()} states, "
         f"{network.number_of_edges()} dyads")


def _network_and_blocs(db_path: str, scope, max_blocs: int):
    """The signed network of the scope and its bloc partition."""
    from detente import dyads
    from detente.dyads.blocs import find_blocs

    store = _open_store(db_path, read_only=True)
    try:
        network = dyads.graph(store, scope=scope)
    finally:
        store.close()
    return network, find_blocs(network, max_blocs=max_blocs)


@main.command("blocs")
@DB_OPTION
@click.option("--max-blocs", default=4, show_default=True, type=POSITIVE,
              callback=_at_most_max_blocs,
              help=f"Most blocs to consider (at most {MAX_BLOCS}).")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]),
              default="table", show_default=True,
              help="A table to read; CSV or JSON (a list of records) for programs.")
@scope_options
def blocs_command(db_path: str, max_blocs: int, output_format: str, **options) -> None:
    """Groups of states that cooperate inside and conflict across (structural balance).

    \b
    Example:
      detente blocs --db events.duckdb --since 2001-01-01
    """
    import pandas as pd

    network, partition = _network_and_blocs(db_path, _scope(options), max_blocs)
    frame = pd.DataFrame(
        [{"state": node, "bloc": bloc + 1, "events": network.nodes[node]["events"]}
         for node, bloc in sorted(partition.blocs.items(), key=lambda kv: (kv[1], kv[0]))]
    )
    _write_frame(frame, output_format, "no events between two different states in this period")
    if not frame.empty:
        err_console.print(
            f"{frame['bloc'].nunique()} bloc(s); fit {partition.fit:.2f} (1 = all cooperation "
            f"inside blocs and all conflict across); {partition.method}", highlight=False,
            soft_wrap=True)


@main.command("plot")
@DB_OPTION
@click.option("--dyad", required=True, help="The pair to draw, e.g. USA-IRN.")
@click.option("--by", type=click.Choice(["day", "week", "month", "quarter", "year"]),
              default="month", show_default=True, help="One point per period.")
@click.option("--out", required=True, type=click.Path(),
              help="A .png picture or an interactive .html page.")
@FORCE_OPTION
@scope_options
def plot_command(db_path: str, dyad: str, by: str, out: str, force: bool,
                 **options) -> None:
    """Draw one dyad's relation over time, both directions, change points marked.

    \b
    Example:
      detente plot --db events.duckdb --dyad USA-IRN --out usa_irn.png
    """

    from detente import dyads
    from detente.dyads.plots import series_html, series_png

    scope = _scope(options)
    pair = _dyad(dyad)
    if not out.lower().endswith((".png", ".html")):
        _fail(f"--out {shown_name(out)}: name a .png or .html file")
    if not force:
        _refuse_existing([out])
    store = _open_store(db_path, read_only=True)
    try:
        series = dyads.dyad_series(store, pair, by=by, scope=scope)
        found = dyads.changes(store, by=by, scope=scope, dyad=pair)
    finally:
        store.close()
    points = list(found.itertuples(index=False)) if not found.empty else []
    draw = series_png if out.lower().endswith(".png") else series_html
    _print_notes(series)
    title = _title(f"{pair[0]} – {pair[1]} relations by {series.attrs.get('by', by)}", scope)
    with _writing(out, force) as part:
        draw(series, part, title, points)
    written = out
    _say(f"wrote {shown_name(written)}")
    if series.empty:
        err_console.print(f"no events between {pair[0]} and {pair[1]} in this period")


def _title(text: str, scope) -> str:
    if scope.since or scope.until:
        text = f"{text}, {scope.since or '…'} to {scope.until or '…'}"
    if scope.modalities != ("asserted",):  # say when hypothetical events are counted too
        text += f" ({', '.join(scope.modalities) if scope.modalities else 'all'} modalities)"
    if scope.date_by == "article":
        text += ", by publication date"
    return text


def _write_frame(frame, output_format: str, empty_message: str) -> None:
    if frame.empty:
        if output_format == "json":
            sys.stdout.write("[]\n")
        elif output_format == "csv":
            sys.stdout.write(",".join(frame.columns) + "\n")
        err_console.print(empty_message, highlight=False)
        return
    if output_format == "csv":
        frame.to_csv(sys.stdout, index=False)
    elif output_format == "json":
        from detente.dyads import iso_days

        sys.stdout.write(iso_days(frame).to_json(orient="records", date_format="iso") + "\n")
    else:
        table = Table(show_lines=False)
        for column in frame.columns:
            table.add_column(column, justify="right" if frame[column].dtype.kind in "if"
                             else "left", no_wrap=True)
        for row in frame.itertuples(index=False):
            table.add_row(*(Text(_cell(value)) for value in row))
        _stdout_console(200).print(table)


def _cell(value) -> str:
    import pandas as pd

    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


@main.command("people")
@DB_OPTION
@click.option("--country", help="Only people acting for this state or IGO (e.g. IRN, UNO).")
@click.option("--name", help="Only people whose name contains this.")
@click.option("--events", "show_events", is_flag=True,
              help="Also list each person's events (best with --name or --country).")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]),
              default="table", show_default=True,
              help="A table to read; CSV or JSON (a list of records) for programs.")
def people_command(db_path: str, country: str | None, name: str | None, show_events: bool,
                   output_format: str) -> None:
    """People in the stored articles: office, state, and how active they were.

    \b
    Examples:
      detente people --db events.duckdb --country IRN
      detente people --db events.duckdb --name Shamkhani --events
    """
    import pandas as pd

    from detente.store import EventFilter

    if show_events and output_format == "csv":
        # one CSV holds one table: people and their events are two
        _fail("--events: a CSV holds one table; use --format json (people and their events) "
              "or table")
    store = _open_store(db_path, read_only=True)
    try:
        found = store.people(country=_state_code(country, "--country"),
                             name=_name_part(name))
        events: dict[str, dict] = {}
        if show_events:
            # an event between two of the people found is listed once
            for person in found:
                for row in store.events(EventFilter(person=person["name"])):
                    events.setdefault(row["event_id"], row)
    finally:
        store.close()
    listed = sorted(events.values(), key=lambda row: (row["date"] is None, str(row["date"]),
                                                       row["event_id"]))
    if show_events and output_format == "json":
        sys.stdout.write(json_text(
            {"people": found, "events": [nest_row(row) for row in listed]}) + "\n")
        if not found:
            err_console.print("no people found", highlight=False)
        return
    _write_frame(pd.DataFrame(found), output_format, "no people found")
    if show_events:
        write_rows(listed, "table", _stdout_console(160))


@main.command("transfers")
@DB_OPTION
@click.option("--supplier", help="Country code of the supplier (e.g. RUS).")
@click.option("--recipient", help="Country code of the recipient (e.g. IRN).")
@click.option("--status", type=click.Choice(["delivered", "contracted", "planned", "requested",
                                             "possible"]), help="Only this status.")
@click.option("--category", help="Equipment category, e.g. air_defence, aircraft, tank.")
@day_option("--since", "First date (YYYY-MM-DD).")
@day_option("--until", "Last date (YYYY-MM-DD).")
@click.option("--all-reports", is_flag=True, help="Count every report of a repeated story.")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]),
              default="table", show_default=True,
              help="A table to read; CSV or JSON (a list of records) for programs.")
def transfers_command(db_path: str, supplier: str | None, recipient: str | None,
                      status: str | None, category: str | None, since, until,
                      all_reports: bool, output_format: str) -> None:
    """Arms transfers found in the stored articles: who supplies what to whom, how far along.

    \b
    Example:
      detente transfers --db events.duckdb --supplier RUS --status delivered
    """
    import pandas as pd

    from detente.store import TransferFilter

    _check_dates(since, until)
    category = _category(category) if category is not None else None
    store = _open_store(db_path, read_only=True)
    try:
        rows = store.transfers(TransferFilter(
            supplier=_state_code(supplier, "--supplier"),
            recipient=_state_code(recipient, "--recipient"),
            statuses=[status] if status else None, categories=[category] if category else None,
            since=since.date() if since else None, until=until.date() if until else None,
            all_reports=all_reports))
    finally:
        store.close()
    columns = ["date", "supplier_country", "recipient_country", "designations", "categories",
               "quantity", "value", "currency", "status", "doc_id"]
    frame = pd.DataFrame(rows)
    if not frame.empty:
        # one record a line in CSV: the stored sentence keeps the line break that ended it
        frame["sentence"] = frame["sentence"].map(sentence_cell)
    if output_format == "json" and not frame.empty:
        # the equipment list as JSON, not a string of JSON inside the JSON
        # (a value that is not JSON, a store edited by hand, as its text: as `export` writes it)
        frame["equipment"] = frame["equipment"].map(equipment_list)
    if output_format == "table" and not frame.empty:
        frame = frame[columns]
    _write_frame(frame, output_format, "no arms transfers match")


def _name_part(value: str | None) -> str | None:
    """people's --name; a usage error when it holds no letter to look for ('' from a script's
    empty variable had listed everyone)."""
    if value is not None and not value.strip():
        _fail(f"--name: {value!r} names nothing (leave the option out for everyone)")
    return value


def _category(value: str) -> str:
    """An equipment category of equipment.yaml, as the API reads one ("air-defence" is
    air_defence); a usage error for any other word, which selected nothing in silence."""
    from detente.web.queries import equipment_categories

    name = value.strip().lower().replace("-", "_").replace(" ", "_")
    if not name:  # from a script's empty variable: it had selected every transfer, unsaid
        _fail(f"--category: {value!r} names nothing (leave the option out for every value)")
    known = equipment_categories()
    if name not in known:
        _fail(f"--category: unknown equipment category {value!r} (choose from "
              f"{', '.join(sorted(known))})")
    return name


@main.command("serve")
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 exposes the dashboard to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--allow-writes", is_flag=True,
              help="Let the code page store articles in the database (read-only otherwise).")
def serve_command(db_path: str, host: str, port: int, allow_writes: bool) -> None:
    """Run the web dashboard and HTTP API (OpenAPI schema at /openapi.json, docs at /docs).

    \b
    Example:
      detente serve --db events.duckdb       # then open http://127.0.0.1:8000
    """
    from detente.stopping import exit_code, received
    from detente.web.app import CannotListen, serve

    try:
        serve(db_path, host=host, port=port, allow_writes=allow_writes)
    except CannotListen as exc:
        _fail(str(exc))
    # uvicorn shuts down on SIGTERM and sends it again once done, then swallows the
    # KeyboardInterrupt that SIGTERM now raises, as it swallows Ctrl-C's: a scheduler must
    # still see the server stopped by its signal
    if received() == "SIGTERM":
        where = f"[{host}]" if ":" in host else host
        _say(f"interrupted (SIGTERM): the dashboard at {where}:{port} was shut down")
        sys.exit(exit_code("SIGTERM"))


def write_rows(rows: list[dict], output_format: str, console: Console) -> None:
    if output_format == "jsonl":
        for row in rows:
            sys.stdout.write(json_text(nest_row(row)) + "\n")
    elif output_format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(EVENT_COLUMNS))
        writer.writeheader()
        # the stored sentence keeps the line break that ended it: in a cell it made one record
        # two lines in every line-based tool (`export --format csv` strips it the same way)
        writer.writerows({**row, "sentence": sentence_cell(row.get("sentence"))}
                         for row in rows)
    elif rows:
        # in a terminal, columns that fit its width; piped, the full table at 160 columns
        console.print(rows_table(rows, "stored events", width=console.width))
    else:
        console.print("[dim]no events match[/dim]")


def _open_store(path: str, read_only: bool = False):
    from detente.store import Store, StoreError

    if not path:  # Path('') is the current folder: "a directory" would hide the cause
        _fail("--db '': an empty path names no database file")
    if not read_only:  # (before the opening: a new store's tables are made by it)
        _stores_written.append(path)
    try:
        return Store(path, read_only=read_only)
    except StoreError as exc:
        _fail(str(exc))


def _fail(message: str) -> NoReturn:
    _say_error(message)
    sys.exit(2)


def _refuse_empty_path(folder: str) -> None:
    """'' as a folder argument is one line: it would be read as the current folder."""
    from detente.ingest.rawio import EMPTY_PATH

    if not folder:
        _fail(f"'': {EMPTY_PATH}")


def _refuse_existing(paths: Iterable[str | os.PathLike[str]]) -> None:
    """Stop, with one line naming the first output file that is already there: a rerun with
    other options must not replace an earlier result without a word."""
    from pathlib import Path

    for path in map(Path, paths):
        if path.exists() and not path.is_dir():  # a folder is the writer's own error to give
            _fail(f"{shown_name(path)}: already exists; add --force to replace it")


@contextmanager
def _writing(out: str, replace: bool):
    """A path to write ``out`` through: it is ``out`` only once written whole; a failed write
    is one line naming the file. Without ``replace`` (no --force) a file another run wrote
    there meanwhile is kept and this write refused."""
    from pathlib import Path

    from detente.outfiles import WriteError, replacing

    try:
        with replacing(Path(out), replace) as part:
            yield part
    except WriteError as exc:
        _fail(str(exc))


def _stdout_console(width: int) -> Console:
    """A console for tables on standard output: the terminal's width, or ``width`` in a file
    or a pipe; no emoji codes (see ``err_console``)."""
    return Console(width=None if sys.stdout.isatty() else width, emoji=False)


def _say(line: str, console: Console | None = None) -> None:
    """One line on stderr as it is, but for control characters: file names may hold brackets
    rich would read as markup, and a newline or an escape code (``printable``)."""
    (console or err_console).print(printable(line), markup=False, highlight=False,
                                   soft_wrap=True)


def _say_error(line: str, console: Console | None = None) -> None:
    """One "error: ..." line on stderr, the message printed as it is but for control
    characters (``printable``): a store or output path given with a newline or an escape code
    in it, named in the line, had cut it in two or reached the terminal."""
    (console or err_console).print(Text.assemble(("error:", "red"), " ", printable(line)),
                                   highlight=False, soft_wrap=True)


def _int_list(text: str | None, option: str, allowed: range) -> list[int] | None:
    words = _word_list(text, option)
    if words is None:
        return None
    try:
        values = [int(part) for part in words]
    except ValueError:
        _fail(f"{option} takes numbers separated by commas, e.g. 3,4 (got {text!r})")
    if any(v not in allowed for v in values):
        _fail(f"{option} values must be {allowed.start}..{allowed.stop - 1} (got {text!r})")
    return values


def _root_list(text: str | None) -> list[str] | None:
    words = _word_list(text, "--root")
    if words is None:
        return None
    roots = [part.zfill(2) for part in words]
    if any(not r.isdigit() or not 1 <= int(r) <= 20 for r in roots):
        _fail(f"--root takes CAMEO roots 01..20 separated by commas (got {text!r})")
    return roots


def _plover_list(text: str | None) -> list[str] | None:
    """The PLOVER types --plover names (any case); a usage error for one that is none."""
    from detente.codebook import load_codebook

    chosen = [word.upper() for word in _word_list(text, "--plover") or ()] or None
    known = load_codebook().plover_types
    for word in chosen or ():
        if word not in known:
            _fail(f"--plover: unknown PLOVER event type '{word}' (choose from "
                  f"{', '.join(known)})")
    return chosen


def _word_list(text: str | None, option: str) -> list[str] | None:
    """The comma-separated words of an option; None when it is not given. One given with no
    word in it ('', ',') is a usage error: `--quad "$QUADS"` with the variable empty had
    selected every event (the default modalities, for --modality), without a word."""
    if text is None:
        return None
    words = [part.strip() for part in text.split(",") if part.strip()]
    if not words:
        _fail(f"{option}: {text!r} names nothing (leave the option out for every value)")
    return words


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), SpinnerColumn(), TimeElapsedColumn(),
        console=err_console, transient=True, disable=not err_console.is_terminal,
    )


stopping.started()  # imported: SIGTERM's default again, for a program that imports this

if __name__ == "__main__":
    run()
