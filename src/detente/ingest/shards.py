"""Parquet shards: what a worker writes for one work unit, and the merge into the store.

A shard is three Parquet files with the store's columns (articles, sentences, events) and a
small JSON marker written last; a unit counts as done only when its marker exists, so a
worker killed mid-write leaves nothing that looks finished. Merging goes through the same
``StoreWriter`` as a local ingest, so it skips known articles (re-merging adds nothing) and
marks repeated stories the same way.

Reading a shard is bounded, as reading an input is: a marker over MAX_MARKER_BYTES is refused
unread, and a shard's Parquet files are checked from their footers (rows, columns, sizes)
before any is decoded, then decoded a row group at a time, each group's cost counted before
it becomes Python rows. What a shard may cost is ``shard_budget``: ARTICLE_SHARE times the
per-article limit (``--max-bytes``) for each article in it, at most SHARD_FACTOR times in all.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from detente import __version__
from detente.cleantext import printable, shell_word, shown_name, without_controls
from detente.ingest import dedup
from detente.ingest.language import codable
from detente.ingest.pipeline import (
    EVENT_KEY,
    MAX_RUN_PROBLEMS,
    CodedArticle,
    IngestSummary,
    StoreWriter,
)
from detente.ingest.rawio import size_text
from detente.ingest.text import DEFAULT_MAX_BYTES, read_at_most
from detente.ingest.units import WorkUnit
from detente.model import (
    ACTOR_ROLES,
    EVENT_COLUMNS,
    EVENT_ID_FIELDS,
    TRANSFER_COLUMNS,
    TRANSFER_ID_FIELDS,
    event_id,
    transfer_id,
)
from detente.store import ARTICLE_COLUMNS, PEOPLE_COLUMNS, SENTENCE_COLUMNS, Store

TABLES = ("articles", "sentences", "events", "people", "transfers")

# A marker is a few hundred bytes and a line for each problem of its unit, of which it keeps
# MAX_RUN_PROBLEMS (as the runs table does); a larger file is refused before it is read.
MAX_MARKER_BYTES = 16 * 1024 * 1024
# What decoding a shard may cost, in bytes: the data Arrow decodes plus CELL_BYTES for each
# value made a Python object (a measured shard of news took 57-108 bytes a value, text
# included, and some 80 KB an article in all). The budget is ARTICLE_SHARE times the
# per-article limit (--max-bytes, 5 MB by default) for each article of the shard, and
# SHARD_FACTOR times it at most (2 GB by default, about twice the memory of the local worker
# that coded the unit).
ARTICLE_SHARE = 16
SHARD_FACTOR = 400
CELL_BYTES = 64
# A Parquet footer (the file's table of contents) is some KB for a shard; Arrow reads it whole.
MAX_FOOTER_BYTES = 16 * 1024 * 1024


@dataclass
class ShardInfo:
    """The marker of a finished unit: what it read and what it found."""

    unit_id: str
    path: str
    start: int = 0
    read: int = 0
    articles: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)
    # what coded it (``coding_fingerprint``): a rerun codes again a unit whose shard another
    # detente version, model, dictionary or reading option made ("": a marker before this)
    coding: str = ""
    # the detente version that wrote it: the fingerprint is a hash, so `load` could not say
    # which version made a shard ("": a marker before versions were kept, still read)
    version: str = ""
    # what its readers noted ("<file:line>: ...", a date that could not be read) and how many
    # documents gave such a date: a local ingest reports both, and a cluster run and `load`
    # had dropped them ([] and 0: a marker before they were kept, still read)
    notes: list[str] = field(default_factory=list)
    dates_unread: int = 0
    # how many problems the unit had: its marker keeps MAX_RUN_PROBLEMS lines of them, and
    # `load` counts them all, as the run that coded the unit did (0: a marker before this, whose
    # lines are counted)
    problems_total: int = 0

    @property
    def problem_count(self) -> int:
        """How many input problems the unit had (an older marker's: the lines it keeps)."""
        return max(self.problems_total, len(self.problems))


MARKER_SUFFIX = ".done.json"


def marker(out_dir: Path, unit_id: str) -> Path:
    return out_dir / f"{unit_id}{MARKER_SUFFIX}"


def is_marker(path: Path, out_dir: Path) -> bool:
    """Whether ``path`` is a marker in the shard folder ``out_dir``. A shard folder inside the
    input folder (`ingest news/ --out news/shards`) had its markers read as JSON records on
    the rerun: one "record has no 'text'" each, and a shard more for each."""
    if not path.name.endswith(MARKER_SUFFIX):
        return False
    try:
        return os.path.samefile(path.parent, out_dir)
    except OSError:  # no shard folder yet: no marker either
        return False


def is_shard_marker(path: Path) -> bool:
    """Whether ``path`` is a marker as ``write_shard`` writes it, in any folder: a JSON object
    of ShardInfo's fields naming its own file's unit, which no news record is. A local ingest
    of a folder holding an old shard folder had read each marker as a record."""
    if not path.name.endswith(MARKER_SUFFIX):
        return False
    try:
        read_marker(path)
    except ShardProblem:
        return False
    return True


def old_shard_markers(note: Callable[[str], None]) -> Callable[[Path], bool]:
    """The check that leaves the markers of an earlier `ingest --out` out of an input folder
    (``is_shard_marker``), with one ``note`` for each shard folder they are in, not a problem
    for each marker. One check for a local ingest and the cluster's planner, which had left
    out only its own --out folder's markers and read another run's as records."""
    noted: set[Path] = set()

    def left_out(path: Path) -> bool:
        if not is_shard_marker(path):
            return False
        if path.parent not in noted:
            noted.add(path.parent)
            folder = shown_name(path.parent)
            note(f"{folder}: a shard folder of an earlier `ingest --out`: its markers are not "
                 f"news, left out (`detente load {shell_word(path.parent)}` merges it)")
        return True

    return left_out


def shard_file(out_dir: Path, unit_id: str, table: str) -> Path:
    return out_dir / f"{unit_id}.{table}.parquet"


class ShardProblem(Exception):
    """A shard that cannot be merged; the message names its file and what is wrong in one
    line."""


def finished(out_dir: Path, unit: WorkUnit, coding: str | None = None) -> ShardInfo | None:
    """The marker of the unit's shard when the shard is there to merge: the marker readable,
    coded the same way (``coding``, when given) and each Parquet file's footer readable. A
    run that crashed half-way (a truncated file, a marker of a unit whose files are gone) or a
    shard of another coder finishes nothing: the unit is coded again."""
    path = marker(out_dir, unit.unit_id)
    if not path.exists():
        return None
    try:
        info = read_marker(path)
        if coding is not None and info.coding != coding:
            return None
        for table in TABLES:
            _open_table(shard_file(out_dir, unit.unit_id, table)).close()
    except ShardProblem:  # a damaged marker or shard finishes nothing
        return None
    return info


def read_marker(path: Path) -> ShardInfo:
    """A unit's marker, checked: a JSON object with ShardInfo's fields, naming its own unit.
    One over MAX_MARKER_BYTES is refused before it is read."""
    try:
        if path.exists() and not path.is_file():  # a pipe would wait for a writer
            kind = "a directory" if path.is_dir() else "a named pipe or a device"
            raise ShardProblem(f"{shown_name(path)}: the marker is not a regular file ({kind})")
        size = path.stat().st_size
        if size <= MAX_MARKER_BYTES:
            raw = read_at_most(path, MAX_MARKER_BYTES + 1)  # it may have grown since
            size = len(raw)
        if size > MAX_MARKER_BYTES:
            raise ShardProblem(f"{shown_name(path)}: the marker is {size_text(size)}, over the "
                               f"{size_text(MAX_MARKER_BYTES)} limit for a marker")
        data = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ShardProblem(f"{shown_name(path)}: cannot read the marker ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise ShardProblem(f"{shown_name(path)}: the marker is not JSON ({exc})") from exc
    except (ValueError, RecursionError) as exc:
        # arrays nested thousands deep, or a number of thousands of digits, which Python's
        # decoder refuses with its own errors (a traceback that stopped the whole load)
        reason = ("nested too deep" if isinstance(exc, RecursionError)
                  else str(exc).split(";")[0][:120])
        raise ShardProblem(f"{shown_name(path)}: the marker is not JSON the loader can read "
                           f"({reason})") from exc
    if not isinstance(data, dict):
        raise ShardProblem(f"{shown_name(path)}: the marker is not a JSON object")
    known = {f.name for f in fields(ShardInfo)}
    if unknown := sorted(set(data) - known):
        raise ShardProblem(f"{shown_name(path)}: unknown key(s) in the marker: "
                           f"{', '.join(unknown)}")
    for name, kind in _MARKER_TYPES.items():
        if name in data and not _is(data[name], kind):
            raise ShardProblem(f"{shown_name(path)}: the marker's {name!r} is not {kind.__name__} "
                               f"(it is {data[name]!r})")
    # a count the store keeps (shard_problems.problems, an INTEGER): a forged or damaged
    # marker's -1 or 10**40 had stopped the load with DuckDB's traceback, its articles merged
    if not 0 <= data.get("problems_total", 0) <= MAX_PROBLEMS_TOTAL:
        raise ShardProblem(f"{shown_name(path)}: the marker's 'problems_total' is no count of "
                           f"problems (it is {repr(data['problems_total'])[:40]})")
    if missing := sorted(n for n in ("unit_id", "path") if n not in data):
        raise ShardProblem(f"{shown_name(path)}: the marker has no {', '.join(missing)}")
    for lines in ("problems", "notes"):
        if not all(isinstance(line, str) for line in data.get(lines, [])):
            raise ShardProblem(f"{shown_name(path)}: the marker's {lines!r} are not all text")
    # a note goes to the terminal as it is: a forged marker's control bytes are shown, not sent
    data["notes"] = [printable(note) for note in data.get("notes", [])]
    if marker(path.parent, data["unit_id"]) != path:  # it would merge another unit's files
        raise ShardProblem(f"{shown_name(path)}: the marker names another unit "
                           f"({data['unit_id']!r})")
    return ShardInfo(**data)


# the most input problems a marker may count (the store's INTEGER)
MAX_PROBLEMS_TOTAL = 2**31 - 1
# the JSON type of each marker field (an int field refuses true/false, which JSON gives as bool)
_MARKER_TYPES: dict[str, type] = {"unit_id": str, "path": str, "start": int, "read": int,
                                  "articles": int, "events": int, "problems": list,
                                  "coding": str, "version": str, "notes": list,
                                  "dates_unread": int, "problems_total": int}


def _is(value: Any, kind: type) -> bool:
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


def write_shard(
    out_dir: Path, unit: WorkUnit, coded: list[CodedArticle], read: int, problems: list[str],
    coding: str = "", notes: Sequence[str] = (), dates_unread: int = 0,
) -> ShardInfo:
    """Write a unit's coded articles, then its marker (each file replaced atomically, from a
    temporary file of its own: two runs coding the same unit into one folder at once each
    write whole files). ``notes`` and ``dates_unread`` are what its readers noted (the
    marker keeps them); each article's own notes (what the coder left out) go in its row."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = {
        "articles": [{**c.row, "signature": c.signature, NOTES: _notes_cell(c.notes),
                      FORMER_IDS: _former_ids_cell(c.former_ids)} for c in coded],
        "sentences": [
            {"article_id": c.key, "sentence_index": i, "start_char": s, "end_char": e,
             "text": t}
            for c in coded for i, s, e, t in c.sentences
        ],
        "events": [row for c in coded for row in c.events],
        "people": [row for c in coded for row in c.people],
        "transfers": [row for c in coded for row in c.transfers],
    }
    for table, table_rows in rows.items():
        _write_table(shard_file(out_dir, unit.unit_id, table), table_rows)
    info = ShardInfo(unit.unit_id, unit.path, unit.start, read, len(coded), len(rows["events"]),
                     problems, coding, __version__, list(notes), dates_unread, len(problems))
    # the run reports them all; the marker stays small
    kept = {"problems": _capped(problems, "problems"), "notes": _capped(info.notes, "notes")}
    _atomic_write(marker(out_dir, unit.unit_id), json.dumps(asdict(info) | kept).encode())
    return info


def _capped(lines: list[str], what: str) -> list[str]:
    """The first MAX_RUN_PROBLEMS of a unit's lines, and one counting the rest."""
    if len(lines) <= MAX_RUN_PROBLEMS:
        return lines
    return [*lines[:MAX_RUN_PROBLEMS], f"{len(lines) - MAX_RUN_PROBLEMS:,} more {what} of "
            "this unit not kept in its marker"]


# The articles table's column of each article's notes (what the coder left out: a sentence
# over a budget, a language it cannot read), as JSON text: a list column would be refused as
# nested, and a note may hold any character. An older shard has none: its articles have none.
NOTES = "notes"


# The articles table's column of the ids an earlier detente gave each article
# (``pipeline.former_ids``), as JSON text: the merge looks for them in the store, as a local
# ingest does, so that a store written before controls were cleaned takes no second copy. An
# older shard has none.
FORMER_IDS = "former_ids"
_ARTICLE_ID = re.compile(r"[0-9a-f]{24}")


def _notes_cell(notes: list[str]) -> str | None:
    return json.dumps(notes) if notes else None


def _former_ids_cell(ids: frozenset[str]) -> str | None:
    return json.dumps(sorted(ids)) if ids else None


def _former_ids_of(cell: Any) -> frozenset[str] | None:
    """An article's former ids from its shard row; None when the cell holds anything but a
    JSON list of article ids (a damaged or forged shard: a made-up id could hide an article
    as "already stored")."""
    if cell is None:
        return frozenset()
    try:
        ids = json.loads(cell) if isinstance(cell, str) else None
    except (ValueError, RecursionError):
        return None
    if not isinstance(ids, list) or not all(
            isinstance(i, str) and _ARTICLE_ID.fullmatch(i) for i in ids):
        return None
    return frozenset(ids)


def _notes_of(cell: Any) -> list[str] | None:
    """An article's notes from its shard row, each made one printable line; None when the
    cell holds something else than a JSON list of text (a damaged or forged shard)."""
    if cell is None:
        return []
    try:
        notes = json.loads(cell) if isinstance(cell, str) else None
    except (ValueError, RecursionError):
        return None
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        return None
    return [printable(note) for note in notes]


def report_reading(summary: IngestSummary, info: ShardInfo,
                   on_note: Callable[[str], None] | None = None) -> None:
    """Count a finished unit's reading as a local ingest counts its own: the documents read,
    those whose date could not be read, and each note of its readers."""
    summary.read += info.read
    summary.dates_unread += info.dates_unread
    for note in info.notes:
        summary.note(note, on_note)


def report_problems(summary: IngestSummary, info: ShardInfo,
                    on_problem: Callable[[str], None] | None = None) -> None:
    """Count a finished unit's input problems (a record with no text, a line that is no JSON)
    as the run that coded it counted them: each line its marker keeps is reported, and the
    lines it left out (past MAX_RUN_PROBLEMS) are counted all the same."""
    for problem in info.problems:
        summary.problem(problem, on_problem)
    summary.failed += info.problem_count - len(info.problems)


def _write_table(path: Path, rows: list[dict[str, Any]]) -> None:
    temporary = _temporary(path)
    try:
        pq.write_table(pa.Table.from_pylist(rows), temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _atomic_write(path: Path, data: bytes) -> None:
    temporary = _temporary(path)
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _temporary(path: Path) -> Path:
    """A name no other writer uses: one ``.partial`` name per file let two workers (two runs
    into one folder, or a task Dask ran twice) write into the same temporary file at once."""
    return path.with_name(f"{path.name}.{os.getpid()}-{uuid.uuid4().hex[:12]}.partial")


def shard_budget(articles: int, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """The bytes decoding a shard of ``articles`` articles may take (see ARTICLE_SHARE)."""
    return min(max(articles, 1) * ARTICLE_SHARE, SHARD_FACTOR) * max_bytes


def read_shard(
    out_dir: Path, unit_id: str, max_bytes: int = DEFAULT_MAX_BYTES,
    on_note: Callable[[str], None] | None = None,
) -> tuple[list[CodedArticle], list[str]]:
    """The coded articles of a finished unit, in the order they were coded, and a problem
    line for each article refused (one without an id or signature, or with an event or
    transfer id of another article) and for an events file short of its marker's count. A
    shard whose files are missing or unreadable, lack the columns a merge needs (or name one
    twice), hold more articles than its marker says, or would take more than ``shard_budget``
    to decode, raises ShardProblem. Each file
    with columns the store has no place for is a line to ``on_note`` (``unstored_columns``)."""
    files: dict[str, pq.ParquetFile] = {}
    try:
        for table in TABLES:
            files[table] = _open_table(shard_file(out_dir, unit_id, table))
        rows = _decode_shard(out_dir, unit_id, files, max_bytes)
        for line in unstored_columns(out_dir, unit_id, files):
            if on_note:
                on_note(line)
    finally:
        for file in files.values():
            file.close()
    articles_file = shard_file(out_dir, unit_id, "articles")
    if whole := _orphans(out_dir, unit_id, rows) + _events_missing(out_dir, unit_id, rows):
        # an article stored without some of its rows could never be completed: a later load
        # of the corrected shard finds it stored and adds nothing
        raise ShardProblem(f"{whole[0]}; the shard is skipped, to be loaded whole once corrected"
                           + (f" ({len(whole) - 1} more such table(s))" if len(whole) > 1 else ""))
    problems: list[str] = []
    sentences: dict[str, list[tuple[int, int, int, str]]] = {}
    for s in rows["sentences"]:
        sentences.setdefault(s["article_id"], []).append(
            (s["sentence_index"], s["start_char"], s["end_char"], s["text"]))
    _igo_codes_as_now(rows)
    events: dict[str, list[dict[str, Any]]] = {}
    for event in rows["events"]:
        events.setdefault(event["article_id"], []).append(event)
    people: dict[str, list[dict[str, Any]]] = {}
    for person in rows["people"]:
        people.setdefault(person["article_id"], []).append(person)
    transfers: dict[str, list[dict[str, Any]]] = {}
    for transfer in rows["transfers"]:
        transfers.setdefault(transfer["article_id"], []).append(transfer)
    sentence_rows: dict[str, list[dict[str, Any]]] = {}
    for row in rows["sentences"]:
        sentence_rows.setdefault(row["article_id"], []).append(row)
    # each row's place in its file: a refusal names the file and row of the record at fault
    # (an event's bad value had been given the articles file's name and row)
    row_numbers = {id(row): number for table in TABLES for number, row in enumerate(rows[table])}
    coded = []
    owners: dict[str, str] = {}  # event and transfer ids -> the article merged with them
    for number, article in enumerate(rows["articles"]):
        signature = article.pop("signature")
        notes = _notes_of(article.pop(NOTES, None))
        former = _former_ids_of(article.pop(FORMER_IDS, None))
        key = article["article_id"]
        where = f"{articles_file}: row {number}"
        if not isinstance(key, str) or not key:
            problems.append(f"{where}: no article_id; the article and its events are skipped")
            continue
        if refused := (_refused(article, signature, events.get(key, []),
                                transfers.get(key, []))
                       or (None if notes is not None else Refusal("has notes that are not a "
                                                                  "JSON list of text"))
                       or (None if former is not None else Refusal(
                           "has former ids that are not a JSON list of article ids"))
                       or _binary(article, {"sentences": sentence_rows.get(key, []),
                                            "events": events.get(key, []),
                                            "people": people.get(key, []),
                                            "transfers": transfers.get(key, [])})
                       or _taken_ids(key, events.get(key, []), transfers.get(key, []), owners)):
            if refused.row is not None:
                where = (f"{shard_file(out_dir, unit_id, refused.table)}: "
                         f"row {row_numbers[id(refused.row)]}")
            problems.append(f"{where}: article {key} {refused.reason}; it is skipped")
            continue
        _named_without_controls(article, events.get(key, []))
        # only an article in a language the coder cannot read is stored uncoded (older
        # shards kept no flag; the language tells it for them too)
        uncoded = not codable(article.get("language") or "en")
        coded.append(CodedArticle(key, article, sentences.get(key, []), events.get(key, []),
                                  signature, people.get(key, []), transfers.get(key, []),
                                  notes=notes or [], where=f"{where} (article {key})",
                                  coded=not uncoded, former_ids=former or frozenset()))
    return coded, problems


def _named_without_controls(article: dict[str, Any], events: list[dict[str, Any]]) -> None:
    """The article's title, id, outlet and address, and its events' address, as a local ingest
    reads them (``cleantext.without_controls``): a shard another detente wrote, or one edited,
    had them merged with an escape or a line separator in them."""
    for row, columns in ((article, ("title", "doc_id", "url", "source")),
                         *((event, ("source_url",)) for event in events)):
        for column in columns:
            if isinstance(value := row.get(column), str):
                row[column] = without_controls(value)


def _igo_codes_as_now(rows: dict[str, list[dict[str, Any]]]) -> None:
    """A shard of an older detente coded an IGO's people UNOGOV, which the store now has as
    IGOUNO (detente-store/6), and the EU EUR (detente-store/4): merged as coded now, so one
    store holds one code for them. A row whose code is renamed gets the id its codes give
    now, as the store's migration gives its rows (detente-store/7): with the old one, the
    same article coded now and exported from another store had other event ids."""
    for table, sides, make_id in (("events", ACTOR_ROLES, ("event_id", event_id)),
                                  ("transfers", ("supplier", "recipient"),
                                   ("transfer_id", transfer_id))):
        for row in rows[table]:
            renamed = [_code_as_now(row, f"{side}_code", f"{side}_country") for side in sides]
            if any(renamed) and isinstance(key := row.get("article_id"), str):
                column, make = make_id
                fields = EVENT_ID_FIELDS if column == "event_id" else TRANSFER_ID_FIELDS
                row[column] = make(key, {name: row.get(name) for name in fields})
    for person in rows["people"]:
        _code_as_now(person, "code", "country")


def _code_as_now(row: dict[str, Any], code: str, country: str) -> bool:
    """Give a row's actor code (and country) as this version codes them; whether they
    changed."""
    from detente.actors.lexicon import igo_code_as_coded_now

    before = (row.get(code), row.get(country))
    if row.get(country) == "EUR":  # detente's own rows never name CAMEO's region Europe
        row[country] = "EU"
        if isinstance(value := row.get(code), str):
            row[code] = ("IGOEU" + value[6:] if value.startswith("IGOEUR")
                         else "EU" + value[3:] if value.startswith("EUR") else value)
    row[code] = igo_code_as_coded_now(row.get(code), row.get(country))
    return (row.get(code), row.get(country)) != before


def _orphans(out_dir: Path, unit_id: str, rows: dict[str, list[dict[str, Any]]]) -> list[str]:
    """A problem line for each table of the shard with rows of no article in it: the merge
    reads rows by their article, so these would vanish without a word."""
    articles = {article["article_id"] for article in rows["articles"]}
    if any(not isinstance(key, str) or not key for key in articles):
        return []  # the rows are most likely that article's, whose line says they are skipped
    problems = []
    for table in TABLES[1:]:
        orphans = [row["article_id"] for row in rows[table] if row["article_id"] not in articles]
        if orphans:
            problems.append(f"{shard_file(out_dir, unit_id, table)}: {len(orphans)} row(s) of "
                            f"no article in the shard (first: {orphans[0]!r})")
    return problems


def _taken_ids(key: str, events: list[dict[str, Any]], transfers: list[dict[str, Any]],
               owners: dict[str, str]) -> Refusal | None:
    """Why an article's event or transfer ids clash with another article's of the shard, or
    None (its ids are then noted in ``owners``). The store keeps one row per id: the second
    article's rows were dropped while the merge counted them. A coder derives the ids from
    the article's own, so a clash is a damaged or forged shard; the same article twice is
    no clash (the second copy is skipped as already stored)."""
    ids = [("event", r["event_id"], r) for r in events] + \
        [("transfer", r["transfer_id"], r) for r in transfers]
    for name, value, row in ids:
        if owners.get(value, key) != key:
            return Refusal(f"has {name} id {value[:NAME_CHARS]!r} of article "
                           f"{shown_name(owners[value])}", f"{name}s", row)
    owners.update((value, key) for _, value, _ in ids)
    return None


def _events_missing(out_dir: Path, unit_id: str, rows: dict[str, list[dict[str, Any]]]
                    ) -> list[str]:
    """A line when the events file holds fewer rows than the unit's marker says it coded (a
    file replaced or cut): its articles are merged, but without some of their events."""
    claimed = read_marker(marker(out_dir, unit_id)).events
    if (held := len(rows["events"])) >= claimed:
        return []
    return [f"{shard_file(out_dir, unit_id, 'events')}: {held:,} event row(s), but the unit's "
            f"marker says it coded {claimed:,}"]


class Refusal(NamedTuple):
    """Why an article of a shard is not merged, and the record at fault when it is a row of
    another of the shard's tables (its file and row are named)."""

    reason: str
    table: str = "articles"
    row: dict[str, Any] | None = None


def _binary(article: dict[str, Any], rows: dict[str, list[dict[str, Any]]]) -> Refusal | None:
    """Where an article's text or one of its rows holds a NUL (binary data, which every other
    way into the store refuses), as a reason to refuse the article; None when none does."""
    for column, value in article.items():
        if isinstance(value, str) and "\x00" in value:
            return Refusal(f"has a NUL character in its {column} (binary data, not text)")
    for table, table_rows in rows.items():
        for row in table_rows:
            for column, value in row.items():
                if isinstance(value, str) and "\x00" in value:
                    return Refusal(f"has a NUL character in its {table}' {column} (binary "
                                   "data, not text)", table, row)
    return None


def _refused(article: dict[str, Any], signature: Any, events: list[dict[str, Any]],
             transfers: list[dict[str, Any]]) -> Refusal | None:
    """Why an article of a shard cannot be merged, or None. The store keeps one row per
    event_id (and transfer_id), so rows without one collapsed into one while the merge
    counted them all; a signature of another length makes every such article share its LSH
    bands (a "repeat" of the others); a text that is not text would be stored as a list's
    repr."""
    if not isinstance(signature, bytes):
        return Refusal("has no signature")
    if len(signature) != dedup.SIGNATURE_BYTES:
        return Refusal(f"has a signature of {len(signature)} bytes, not "
                       f"{dedup.SIGNATURE_BYTES}")
    if not isinstance(article.get("text"), str):
        return Refusal(f"has no text (its 'text' is {type(article.get('text')).__name__})")
    for name, rows, id_column, table in (("event", events, "event_id", "events"),
                                         ("transfer", transfers, "transfer_id", "transfers")):
        if lacking := [r for r in rows
                       if not isinstance(r.get(id_column), str) or not r.get(id_column)]:
            return Refusal(f"has {len(lacking)} {name}(s) without an {id_column}", table,
                           lacking[0])
        if len({r[id_column] for r in rows}) < len(rows):
            # (the store keeps one row per id: the others would vanish unreported)
            first = Counter(r[id_column] for r in rows).most_common(1)[0][0]
            second = [r for r in rows if r[id_column] == first][1]
            return Refusal(f"has {name}s sharing an {id_column} ({first!r})", table, second)
    return _off_scale(events)


# The scales of an event's numbers: a value off its scale (NaN fails every comparison) is no
# coder's. NaN Goldstein spoiled every sum of its dyad, and detente's own importers refuse it
# in the files it exports; a NaN confidence stopped the GDELT mentions export and wrote NaN,
# which JSON readers refuse, into the JSON exports; a place off the globe went into them all.
NUMBER_SCALES: dict[str, tuple[float, float]] = {
    "goldstein": (-10.0, 10.0), "confidence": (0.0, 1.0),
    "location_lat": (-90.0, 90.0), "location_lon": (-180.0, 180.0)}


def _off_scale(events: list[dict[str, Any]]) -> Refusal | None:
    """An event's number that is off its scale (``NUMBER_SCALES``), as a reason to refuse."""
    for event in events:
        for column, (low, high) in NUMBER_SCALES.items():
            value = event.get(column)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float) or not (
                    low <= value <= high):
                return Refusal(f"has event {event.get('event_id')!r} with "
                               f"{_column_name(column)} {value!r}, not a number of "
                               f"{low:g}..{high:g}", "events", event)
    return None


def _column_name(column: str) -> str:
    return "Goldstein weight" if column == "goldstein" else column


# what a merge reads of each table by name; the other columns go to the store as they are,
# those the store has (STORED_COLUMNS)
_NEEDED_COLUMNS = {"articles": ("article_id", "signature"),
                   "sentences": ("article_id", "sentence_index", "start_char", "end_char",
                                 "text"),
                   # (the three a merge reads to mark a repeated story's events)
                   "events": ("article_id", *EVENT_KEY), "people": ("article_id",),
                   "transfers": ("article_id",)}


# The columns the store keeps of each table of a shard (the articles' signature goes to its own
# table, their NOTES to the run's record, their FORMER_IDS only to the merge's check). A shard
# of another detente version may carry others: they are named in a note, not kept. The store's
# tables are flat, with no column for data it does not know (an event's ``extra`` is never
# stored, by a local ingest either), and giving them one would change the store's schema for
# every user; a note costs nothing, and the rows are merged all the same.
STORED_COLUMNS: dict[str, frozenset[str]] = {
    "articles": frozenset([*ARTICLE_COLUMNS, "signature", NOTES, FORMER_IDS]),
    "sentences": frozenset(SENTENCE_COLUMNS),
    "events": frozenset(EVENT_COLUMNS),
    "people": frozenset(PEOPLE_COLUMNS),
    "transfers": frozenset(TRANSFER_COLUMNS),
}
# A note names this many columns left out (or codings), and counts the rest, each name cut to
# NAME_CHARS: a footer or a marker may hold thousands of names, of any length.
NAMED = 10
NAME_CHARS = 60


def _named(names: Sequence[str]) -> str:
    """The first NAMED of ``names``, fit for a one-line note, and how many more there are."""
    shown = [shown_name(n if len(n) <= NAME_CHARS else f"{n[:NAME_CHARS]}...")
             for n in names[:NAMED]]
    more = f" and {len(names) - NAMED:,} more" if len(names) > NAMED else ""
    return ", ".join(shown) + more


def unstored_columns(out_dir: Path, unit_id: str, files: dict[str, pq.ParquetFile]
                     ) -> list[str]:
    """A line for each file of the shard with columns the store does not keep, naming them.
    A file of no rows loses no value, and says nothing."""
    lines = []
    for table, file in files.items():
        names = file.metadata.schema.to_arrow_schema().names
        left_out = [n for n in names if n not in STORED_COLUMNS[table]]
        if not left_out or not file.metadata.num_rows:
            continue
        lines.append(f"{shard_file(out_dir, unit_id, table)}: {len(left_out):,} column(s) the "
                     f"store has no place for are left out ({_named(left_out)}); its rows are "
                     "merged without them")
    return lines


def _open_table(path: Path) -> pq.ParquetFile:
    """One Parquet file of a shard, its footer read (nothing decoded yet); a missing, empty or
    damaged one, or one whose footer is over MAX_FOOTER_BYTES, is a ShardProblem."""
    if path.exists() and not path.is_file():
        # Arrow reads a folder as a dataset of its files: an empty folder became a table of
        # no rows, and the shard's events vanished from a merge that reported none failed
        kind = "a directory" if path.is_dir() else "a named pipe or a device"
        raise ShardProblem(f"{shown_name(path)}: {kind}, not a Parquet file")
    try:
        with path.open("rb") as stream:  # the file ends in the footer's length and b"PAR1"
            stream.seek(max(path.stat().st_size - 8, 0))
            tail = stream.read(8)
        footer = int.from_bytes(tail[:4], "little")
        if tail[4:] == b"PAR1" and footer > MAX_FOOTER_BYTES:
            raise ShardProblem(f"{shown_name(path)}: its Parquet footer is {size_text(footer)}, "
                               f"over the {size_text(MAX_FOOTER_BYTES)} limit")
        meta = pq.read_metadata(path)
        # text is read dictionary-encoded, to be counted before it is built (_decoded_cost);
        # a nested column is refused later, by name, if the store keeps it (else never read)
        flat = [f.name for f in meta.schema.to_arrow_schema() if not pa.types.is_nested(f.type)]
        return pq.ParquetFile(path, metadata=meta, read_dictionary=flat)
    except FileNotFoundError as exc:
        raise ShardProblem(f"{shown_name(path)}: missing (the shard is incomplete)") from exc
    except (OSError, pa.ArrowException) as exc:
        raise _unreadable(path, exc) from exc


def _unreadable(path: Path, exc: Exception) -> ShardProblem:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    reason = reason.split(f"{path}': ", 1)[-1]  # Arrow repeats the file's name
    return ShardProblem(f"{shown_name(path)}: not a readable Parquet file ({reason})")


def _decode_shard(out_dir: Path, unit_id: str, files: dict[str, pq.ParquetFile],
                  max_bytes: int) -> dict[str, list[dict[str, Any]]]:
    """Each table's rows, once the footers show a shard a merge can read within its budget:
    the columns it needs, flat values, no more articles than its marker says, and no more
    values and decoded bytes than ``shard_budget`` allows. The rows are then decoded a row
    group at a time, each group's decoded size counted (text kept dictionary-encoded until
    then, so a value repeated a million times is counted, not built) before it becomes rows."""
    def where(table: str) -> Path:
        return shard_file(out_dir, unit_id, table)

    for table in _NEEDED_COLUMNS:
        _check_columns(where(table), table, files[table])
    articles = files["articles"].metadata.num_rows
    claimed = read_marker(marker(out_dir, unit_id)).articles
    if articles > claimed:
        raise ShardProblem(f"{where('articles')}: {articles:,} rows, but the unit's marker "
                           f"says it coded {claimed:,} article(s)")
    budget = shard_budget(articles, max_bytes)
    kept = {table: _kept_columns(table, file) for table, file in files.items()}
    costs = {table: _footer_cost(where(table), file, kept[table])
             for table, file in files.items()}
    if sum(costs.values()) > budget:
        _over_budget(where(max(costs, key=costs.__getitem__)), sum(costs.values()), budget,
                     articles)
    spent = 0
    rows: dict[str, list[dict[str, Any]]] = {}
    for table, file in files.items():
        rows[table] = []
        for group in range(file.num_row_groups):
            try:
                part = file.read_row_group(group, columns=kept[table])
            except (OSError, pa.ArrowException) as exc:
                raise _unreadable(where(table), exc) from exc
            spent += _decoded_cost(part)
            if spent > budget:
                _over_budget(where(table), spent, budget, articles)
            rows[table].extend(_plain(part).to_pylist())
    return rows


def _check_columns(path: Path, table: str, file: pq.ParquetFile) -> None:
    """Refuse (ShardProblem) a file whose columns a merge cannot read: one it needs missing,
    a column the store keeps named twice or holding lists or structs, an article_id not text.
    Columns the store has no place for may be anything: they are never read."""
    # the file's own types (schema_arrow has text as read: dictionary-encoded)
    schema = file.metadata.schema.to_arrow_schema()
    count = file.metadata.num_rows
    # which of two same-named columns is meant cannot be told (Arrow's field() raised
    # KeyError, a traceback that stopped the load, and a dict kept the last silently)
    if twice := next((n for n in sorted(STORED_COLUMNS[table])
                      if schema.get_all_field_indices(n)[1:]), None):
        raise ShardProblem(f"{shown_name(path)}: its {twice} column appears "
                           f"{len(schema.get_all_field_indices(twice))} times")
    # a table of no rows is written with no columns at all
    if count and (missing := [c for c in _NEEDED_COLUMNS[table] if c not in schema.names]):
        raise ShardProblem(f"{shown_name(path)}: no {', '.join(missing)} column")
    # rows are grouped by article id: a list or a struct there cannot be a key
    kind = schema.field("article_id").type if count else pa.null()
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)
            or pa.types.is_null(kind)):
        raise ShardProblem(f"{shown_name(path)}: its article_id column holds {kind}, not text")
    # a list or struct of a column the store has no place for refused the whole shard, while
    # a plain one was a note: only the columns kept must be flat
    if nested := next((f for f in schema if f.name in STORED_COLUMNS[table]
                       and pa.types.is_nested(f.type)), None):
        raise ShardProblem(f"{shown_name(path)}: its {nested.name} column holds {nested.type}, not "
                           "single values")


def _kept_columns(table: str, file: pq.ParquetFile) -> list[str]:
    """The file's columns the store keeps, the only ones decoded."""
    return [n for n in file.metadata.schema.to_arrow_schema().names
            if n in STORED_COLUMNS[table]]


def _footer_cost(path: Path, file: pq.ParquetFile, columns: Sequence[str]) -> int:
    """What the footer says decoding the file's ``columns`` takes: their pages' uncompressed
    bytes, and CELL_BYTES a value. A column whose decoded size the footer cannot bound is
    refused. The columns kept are flat, so each is one Parquet column named as it is."""
    meta = file.metadata
    wanted = set(columns)
    cost = meta.num_rows * len(wanted) * CELL_BYTES
    for group in range(meta.num_row_groups):
        for number in range(meta.num_columns):
            column = meta.row_group(group).column(number)
            if column.path_in_schema not in wanted:
                continue  # not read: a column the store has no place for
            # each value shares a prefix with the one before: a few bytes may decode to any
            # size, and Arrow builds every value before a dictionary can share them
            if "DELTA_BYTE_ARRAY" in column.encodings:
                raise ShardProblem(f"{shown_name(path)}: its {column.path_in_schema} column is "
                                   "DELTA_BYTE_ARRAY-encoded, which no shard is")
            cost += max(column.total_uncompressed_size, 0)
    return cost


def _decoded_cost(part: pa.Table) -> int:
    """The bytes a row group takes decoded, CELL_BYTES a value included; a dictionary-encoded
    column is counted as the values it stands for, without building them."""
    cost = part.num_rows * part.num_columns * CELL_BYTES
    for column in part.columns:
        for chunk in column.chunks:
            if not pa.types.is_dictionary(chunk.type):
                cost += chunk.nbytes
            elif _is_text(chunk.type.value_type):
                lengths = pc.binary_length(chunk.dictionary).take(chunk.indices)
                cost += (pc.sum(lengths).as_py() or 0) + chunk.indices.nbytes
            else:  # values of one width (a file written from Arrow's dictionary arrays)
                cost += len(chunk) * -(-chunk.dictionary.nbytes // max(len(chunk.dictionary), 1))
    return cost


def _is_text(kind: pa.DataType) -> bool:
    return (pa.types.is_binary(kind) or pa.types.is_string(kind)
            or pa.types.is_large_binary(kind) or pa.types.is_large_string(kind))


def _plain(part: pa.Table) -> pa.Table:
    """The table with its dictionary-encoded columns decoded."""
    return pa.table([pc.cast(column, column.type.value_type)
                     if pa.types.is_dictionary(column.type) else column
                     for column in part.columns], names=part.column_names)


def _over_budget(path: Path, cost: int, budget: int, articles: int) -> None:
    raise ShardProblem(
        f"{shown_name(path)}: the shard would take over {size_text(cost)} to decode, past its "
        f"{size_text(budget)} budget ({ARTICLE_SHARE} times --max-bytes for each of its "
        f"{articles:,} article(s), {SHARD_FACTOR} times at most); if it is genuine, load it "
        "with a larger --max-bytes")


def merge_shards(
    store: Store,
    out_dir: Path,
    unit_ids: Iterable[str],
    run_id: str,
    summary: IngestSummary,
    batch_size: int = 256,
    on_progress: Callable[[IngestSummary], None] | None = None,
    on_problem: Callable[[str], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_note: Callable[[str], None] | None = None,
) -> None:
    """Write finished units into the store in unit order; known articles are skipped. A bad
    shard, or a bad article in one, is a problem counted in ``summary`` and reported; the
    other shards are merged all the same. A shard file's columns the store cannot keep are a
    note (in ``summary`` and to ``on_note``). ``max_bytes`` is the per-article limit the
    shards were coded under, which sets what reading each may cost (``shard_budget``)."""
    writer = StoreWriter(store, run_id, summary, batch_size, on_problem=on_problem)

    def note(line: str) -> None:
        summary.note(line, on_note)

    for unit_id in unit_ids:
        try:
            shard, refused = read_shard(out_dir, unit_id, max_bytes, note)
        except ShardProblem as exc:
            summary.problem(str(exc), on_problem)
            continue
        for problem in refused:
            summary.problem(problem, on_problem)
        keyed = ((coded.key, coded) for coded in shard)
        for _, coded in writer.unseen(keyed):
            summary.article_stored(coded, on_note)  # as a local ingest does, new ones only
            writer.add(coded, on_progress)
    writer.flush(on_progress)


def shard_markers(out_dir: Path, on_problem: Callable[[str], None] | None = None
                  ) -> list[ShardInfo]:
    """The marker of every finished unit in a shard folder (for `detente load`), in input
    order; a marker that cannot be read is reported to ``on_problem`` and its unit left out."""
    infos = []
    for path in sorted(out_dir.glob("*.done.json")):
        try:
            infos.append(read_marker(path))
        except ShardProblem as exc:
            if on_problem:
                on_problem(str(exc))
    return sorted(infos, key=lambda i: (i.path, i.start))


def shard_ids(out_dir: Path, on_problem: Callable[[str], None] | None = None) -> list[str]:
    """Every finished unit in a shard folder, in input order (see ``shard_markers``)."""
    return [info.unit_id for info in shard_markers(out_dir, on_problem)]


def coding_mix(out_dir: Path, infos: Sequence[ShardInfo], current: str = __version__
               ) -> str | None:
    """One note line for a folder whose shards were written by a detente version other than
    ``current`` (naming each version and its shards) or coded more than one way (naming each
    ``coding_fingerprint`` and its shards), most first; None when neither. One line, as the
    version is part of the fingerprint: shards of two versions are always two codings too."""
    parts = [part for part in (_version_part(infos, current), _coding_part(infos)) if part]
    if not parts:
        return None
    return f"{shown_name(out_dir)}: {'; '.join(parts)}; all are merged, as asked"


def _version_part(infos: Sequence[ShardInfo], current: str) -> str | None:
    """Which other detente versions wrote shards of the folder, and how many each."""
    counts = Counter(info.version for info in infos if info.version != current)
    if not counts:
        return None
    ways = [f"{count} by {version}" if version else
            f"{count} with none recorded (an older detente)"
            for version, count in _most_first(counts)]
    return (f"{sum(counts.values())} of its {len(infos)} shards were written by another "
            f"detente version than this one ({printable(current)}): {_named(ways)}")


def _coding_part(infos: Sequence[ShardInfo]) -> str | None:
    counts = Counter(info.coding for info in infos)
    if len(counts) < 2:
        return None
    ways = [f"{count} by coding {coding}" if coding else
            f"{count} with none recorded (an older detente)"
            for coding, count in _most_first(counts)]
    return (f"its {len(infos)} shards were coded {len(counts)} different ways "
            f"(another detente version, model, dictionary or reading option): {_named(ways)}")


def _most_first(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda c: (-c[1], c[0]))


def shard_infos(out_dir: Path, unit_ids: Iterable[str]) -> list[ShardInfo]:
    return [read_marker(marker(out_dir, u)) for u in unit_ids]
