"""Reading news documents from text, HTML, JSON, JSON Lines and RSS/Atom files (optionally gzipped).

Every input becomes ``SourceDocument`` objects, or an ``InputProblem`` (a one-line message naming
the file, and for records the line or entry) that the caller reports while the good inputs of the
same run go on. Nothing raised while reading one file escapes the iterator.

Dates, in order of trust: an explicit date for the run, the document's own metadata (record field,
HTML page, feed entry), a date written in the first lines of the text, and -- for single-document
files only -- the file's modification time. Records in a collection (JSON Lines, JSON lists, feeds)
do not get the file date: it says when the collection was written, not when each article was.
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import gzip
import html
import io
import json
import math
import re
import stat
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import date as Date
from pathlib import Path
from typing import Any, BinaryIO

import feedparser
import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import set_date_params

from detente.cleantext import (
    REPLACEMENT_CHARACTER,
    plain_line_ends,
    read_copy,
    shown_name,
    text_without_controls,
    without_controls,
)
from detente.coder import Article, error_line
from detente.datafiles import read_packaged
from detente.ingest.jsonstream import NotText, big_number_reason, json_records
from detente.ingest.jsonstream import Problem as JsonProblem
from detente.ingest.markup import (
    FRAMING,
    Budget,
    closed_raw_text,
    closed_script,
    cut_by_depth,
    flat_html,
    html_budget,
    pages_elsewhere,
    shown_text_only,
    unframed,
    xml_problem,
)
from detente.ingest.rawio import (
    BlankRun,
    Stopped,
    look_problem,
    missing_reason,
    mixed_line_ends,
    numbered_lines,
    open_input,
    read_up_to,
    size_text,
    split_lines,
    walk_folder,
    white_space_reason,
    wide_text,
)
from detente.ingest.text import (
    DEFAULT_MAX_BYTES,
    InputProblem,
    _article_from_bytes,
    date_in_text,
    empty_path,
    parse_date,
    read_at_most,
    standard_input,
    valid_text,
)
from detente.ingest.text import read_file as _read_text_file
from detente.ingest.trafilatura_bounds import bound_json_ld_minify, bound_metadata

bound_json_ld_minify()  # trafilatura's JSON-LD minifier took 130 bytes a byte of a string
bound_metadata()  # its authors, and a block that is not JSON, took hours at the size limit

# The longest string read as a date: dateutil's time grows with the square of the length (a
# 1 MB "date" field took over a minute), and no written date is anywhere near this long.
MAX_DATE_CHARS = 200
MAX_FRAMES_NAMED = 3  # the framed pages a "no article text" problem names
# A feed is parsed whole, so it cannot have the per-article limit; it gets this many times
# max_bytes (50 MB by default) instead of no limit. feedparser holds about 14 times a feed's
# size while it parses (a 20 MB feed of 100,000 entries: 280 MB and 20 s before its first
# entry), so the 500 MB a factor of 100 allowed took some 7 GB: one line now, not a machine
# out of memory. Real feeds are well under a megabyte; an archive that large is JSON Lines.
FEED_FACTOR = 10
# A JSON file is read a record at a time; one record's JSON may take this many times max_bytes
# (escapes such as \u00e9 make the JSON of a text up to three times its UTF-8 size).
RECORD_JSON_FACTOR = 4
_GZIP = ".gz"
_TEXT, _HTML, _JSON, _JSONL, _FEED = "text", "html", "json", "jsonl", "feed"
FORMATS = {
    ".txt": _TEXT,
    ".html": _HTML,
    ".htm": _HTML,
    ".json": _JSON,
    ".jsonl": _JSONL,
    ".ndjson": _JSONL,
    ".xml": _FEED,
    ".rss": _FEED,
    ".atom": _FEED,
}
SUPPORTED = ", ".join([*FORMATS, "and these with .gz"])
# Elements after which the text of a feed fragment breaks a line, so paragraphs stay apart.
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"}
    | {"footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre"}
    | {"section", "table", "td", "th", "tr", "ul"}
)
# The reason text.py gives for a binary input. A JSON Lines file whose first line is binary is
# not text at all: one message for it, not one per "line". A binary line after text lines is one
# bad record (a NUL from a damaged disk); two in a row, the rest is binary and left unread.
_BINARY_REASON = "binary file, not text"
_BINARY_LINE = "binary data (a NUL byte) in the line, not text; skipped"
_BINARY_REST = "binary data again: the rest of the file is left unread"


@dataclass(frozen=True)
class SourceDocument:
    """One article read from an input, with what its file said about it."""

    text: str
    doc_id: str  # file stem; "<file stem>:<line or entry>" for records without an id field
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    date_source: str | None = None  # "metadata", "text", "file" or None
    url: str | None = None
    source: str | None = None  # outlet, feed title, or the record's source field
    path: str | None = None  # the file it came from ("-" for standard input)
    line: int | None = None  # 1-based line (JSON Lines) or entry (JSON lists, feeds)
    notes: tuple[str, ...] = ()  # what was odd but did not stop it (an unreadable date)
    date_unread: bool = False  # it gave a date that could not be read (said in a note)
    # (outlet, text) as detente read them before their control characters were cleaned, when
    # that differs: the article ids of those readings are looked for in the store too
    former_reading: tuple[str | None, str] | None = None

    def article(self) -> Article:
        """The coder's view of this document."""
        return Article(doc_id=self.doc_id, text=self.text, date=self.date)


@dataclass(frozen=True)
class FieldNames:
    """Which keys of a JSON record hold what. ``date_keys`` None: the date is read from the
    first key of data/record_fields.yaml a record has (``date`` first), as when no key was
    named; () reads ``date`` alone (a key the user named)."""

    text: str = "text"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    source: str = "source"
    id: str = "id"
    date_keys: tuple[str, ...] | None = None

    def record_date(self, record: dict) -> Any:
        """The record's publication date as written: the first of its date keys whose value
        reads as a date, else the first that holds anything (its note then says it could not
        be read), else None. ``date`` named otherwise than "date" is read first."""
        keys = (self.date,) if self.date_keys is not None else (
            dict.fromkeys((self.date, *record_date_keys())))
        unread = None
        for key in keys:
            value = record.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if iso_date(value) is not None:
                return value
            unread = value if unread is None else unread
        return unread


@functools.cache
def record_date_keys() -> tuple[str, ...]:
    """The keys a news record may give its date under (data/record_fields.yaml), in order."""
    keys = read_packaged("record_fields.yaml").get("date")
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise ValueError("detente/data/record_fields.yaml: 'date' must be a list of keys")
    return tuple(keys)


DEFAULT_FIELDS = FieldNames()


@dataclass(frozen=True)
class _Settings:
    fields: FieldNames
    date: str | None  # the run's explicit date, already ISO
    max_bytes: int
    stopped: Callable[[], object] | None = None  # true once the run is to stop (a signal)
    # whether a file's modification day dates an article that has no other date: not for a
    # file made only to carry a text (the API's), whose time is just when it was made
    file_dates: bool = True
    # whether ``date`` dates only the documents that carry no date of their own (in their
    # metadata or a dateline): `ingest --date`, "for inputs that carry none"; `code --date`
    # dates every input
    date_fills_in: bool = False


Item = SourceDocument | InputProblem


def read_documents(
    paths: list[str],
    fields: FieldNames = DEFAULT_FIELDS,
    date: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stopped: Callable[[], object] | None = None,
    file_dates: bool = True,
    date_fills_in: bool = False,
    leave_out: Callable[[Path], bool] | None = None,
) -> Iterator[Item]:
    """Documents (or problems) for each path: a file, a directory (recursively), or '-' (stdin).

    Raises ValueError at once (not while iterating) if ``date`` is not a date: that is a mistake
    in the command, not in one input. ``stopped`` (true once the run is to stop) is looked at
    where reading goes on long without an item to yield (a run of blank lines): the file then
    ends there, with no problem, and the caller tells the run it was interrupted.
    ``file_dates`` False: a file's modification day never dates an article. ``date_fills_in``
    True: ``date`` dates only the documents that carry no date of their own. A directory's
    files for which ``leave_out`` is true are not inputs (a file named in ``paths`` is).
    """
    settings = _settings(fields, date, max_bytes, stopped, file_dates, date_fills_in)
    return (item for raw in paths for item in _read_path(raw, settings, leave_out))


def read_file(
    path: str | Path,
    fields: FieldNames = DEFAULT_FIELDS,
    date: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date_fills_in: bool = False,
) -> Iterator[Item]:
    """Documents (or problems) from one named file, whatever the state of the file by now.
    ``date_fills_in``: as for read_documents."""
    settings = _settings(fields, date, max_bytes, date_fills_in=date_fills_in)
    return _read_one(Path(path), settings, named=True)


def is_structured(path: str | Path) -> bool:
    """Whether a file is a web page, a feed or JSON records (not plain text), by its name."""
    return _format(Path(path))[0] not in (None, _TEXT)


def is_gzipped_text(path: str | Path) -> bool:
    """Whether a file is plain text compressed with gzip, by its name (news.txt.gz)."""
    return _format(Path(path)) == (_TEXT, True)


def read_gzipped_text(name: str | Path, date: str | None, max_bytes: int
                      ) -> Article | InputProblem:
    """A .txt.gz file as `code` reads a .txt file: its text as it is, dated by ``date`` or
    its dateline (never by the file's time, which `code` takes from no file). `code` had
    said "a gzip file, not text" of a file `ingest` reads, and coded plain text named .txt.gz,
    which `ingest` refuses."""
    path = Path(name)
    data = _gunzip(path, max_bytes)
    if isinstance(data, InputProblem):
        return data
    return _article_from_bytes(_stem(path), str(path), data, date, max_bytes)


def iso_date(value: object) -> str | None:
    """YYYY-MM-DD for a date written unambiguously (see ``read_date``); None otherwise."""
    return read_date(value)[0]


def read_date(value: object) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, None) for a date written unambiguously, (None, what is wrong with it) for
    any other value, and (None, None) for no value at all.

    Read: any common written form with a year and a month (dateutil; a missing day is the
    1st), year first (2004-03-05, 2004/03/05), the day and the month told apart by a month
    name or a number over 12 (5 March 2004, 13/2/2004); and numbers (JSON numbers or digit
    strings): YYYYMMDD, YYYYMMDDHHMMSS, Unix time in seconds (9-10 digits) or milliseconds
    (12-13 digits), in UTC. Not read: a date without a year or a month ("Tuesday", "June 5"),
    day and month that could be either (1/2/2004), a year before 1000 not written with four
    digits ("5 March 500", the ordinal "05-064"), and other numbers ("-1", "0", "2004").
    """
    if value is None:
        return None, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _numeric_date(value)
    if not isinstance(value, str):
        return None, UNREADABLE_DATE
    text = value.strip()
    if not text:
        return None, None
    if len(text) > MAX_DATE_CHARS:
        return None, UNREADABLE_DATE
    if _NUMBER.fullmatch(text):
        return _numeric_date(float(text) if "." in text else int(text), text.lstrip("+"))
    return _written_date(text)


UNREADABLE_DATE = "unreadable date"
AMBIGUOUS_DATE = "ambiguous date (day or month first?)"
INCOMPLETE_DATE = "incomplete date (no year or no month)"
SHORT_YEAR = "unreadable date (a year before 1000 is written with four digits)"
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]|$)")  # what follows is the time of day
_YEAR_FIRST = re.compile(r"[+-]?\d{4}[-/.]\d{1,2}(?!\d)")
# Two different defaults for the parts a date leaves out: a part that comes out differently
# was not written.
_DEFAULTS = (datetime(2001, 2, 3), datetime(2002, 4, 5))
EPOCH_SECONDS = (1e8, 1e10)  # 1973-03-03 .. 2286-11-20
EPOCH_MILLISECONDS = (1e11, 1e13)


def _numeric_date(number: int | float, written: str | None = None
                  ) -> tuple[str | None, str | None]:
    if isinstance(number, float) and not math.isfinite(number):
        return None, UNREADABLE_DATE
    digits = str(abs(int(number)))
    if written is not None and written.isdigit() and len(written) in (8, 14):
        digits = written  # YYYYMMDD as written: int() drops the zeros of a year such as 0001
    try:
        if isinstance(number, int) and number > 0 and len(digits) in (8, 14):
            form = "%Y%m%d" if len(digits) == 8 else "%Y%m%d%H%M%S"
            return datetime.strptime(digits, form).date().isoformat(), None
        for (low, high), scale in ((EPOCH_SECONDS, 1), (EPOCH_MILLISECONDS, 1000)):
            if low <= number < high:
                return datetime.fromtimestamp(number / scale, UTC).date().isoformat(), None
    except (ValueError, OverflowError, OSError):
        pass
    return None, UNREADABLE_DATE


_SIGNED_YEAR = re.compile(r"\s*-\d")
# The second 60 of a time (23:59:60), a leap second, which RFC 5322 (feeds' dates) and ISO 8601
# allow and dateutil refuses: such an article was left undated. Its day is the one written.
_LEAP_SECOND = re.compile(r"(?<=\b(?:[01]\d|2[0-3]):[0-5]\d):60(?!\d)")


def _written_date(text: str) -> tuple[str | None, str | None]:
    if _SIGNED_YEAR.match(text):
        # "-0001-01-01", a year before the common era: dateutil drops the sign (the year 1);
        # ISO's "--03-05" is a day with no year, told as such below
        return None, UNREADABLE_DATE
    if _ISO_DAY.match(text):  # the common case, without dateutil's three parses
        try:
            return Date.fromisoformat(text[:10]).isoformat(), None
        except ValueError:
            return None, UNREADABLE_DATE
    text = _LEAP_SECOND.sub(":59", text)
    try:
        first, second = (parse_date(text, default=default, ignoretz=True)
                         for default in _DEFAULTS)
        if (first.year, first.month) != (second.year, second.month):
            return None, INCOMPLETE_DATE
        if not _YEAR_FIRST.match(text):
            other = parse_date(text, default=_DEFAULTS[0], dayfirst=True, ignoretz=True)
            if other.date() != first.date():
                return None, AMBIGUOUS_DATE
    except (ValueError, OverflowError):
        return None, UNREADABLE_DATE
    if not _year_as_written(text, first.year):
        return None, SHORT_YEAR
    day = first.day if first.day == second.day else 1  # "March 2004" is March 1st
    return Date(first.year, first.month, day).isoformat(), None


def _year_as_written(text: str, year: int) -> bool:
    """Whether a year below 1000 stands in the text in four digits ("0005"). dateutil takes any
    number of three digits for a year, so an ISO ordinal day ("05-064": 2005, day 64) or a
    typo ("5 March 500") would be stored as the year 64 or 500."""
    return year >= 1000 or _year_written(text, year)


def _year_written(text: str, year: int) -> bool:
    """Whether the year stands in the text in four digits."""
    return re.search(rf"(?<!\d){year:04d}(?!\d)", text) is not None


def _settings(fields: FieldNames, date: str | None, max_bytes: int,
              stopped: Callable[[], object] | None = None, file_dates: bool = True,
              date_fills_in: bool = False) -> _Settings:
    given = iso_date(date) if date else None
    if date and given is None:
        raise ValueError(f"not a date: {date!r} (use YYYY-MM-DD)")
    return _Settings(fields, given, max_bytes, stopped, file_dates, date_fills_in)


def _read_path(raw: str, settings: _Settings,
               leave_out: Callable[[Path], bool] | None = None) -> Iterator[Item]:
    if empty := empty_path(raw):
        yield empty
        return
    if raw == "-":
        yield _valid_document(_stdin_document(settings))
        return
    path = Path(raw)
    if reason := look_problem(path):
        yield InputProblem(raw, reason)
    elif path.is_dir():
        files, problems = folder_contents(path)
        files = [file for file in files if not (leave_out and leave_out(file))]
        yield from problems
        if not files and not problems:
            yield InputProblem(raw, f"directory has no supported files ({SUPPORTED})")
        for file in files:
            yield from _read_one(file, settings, named=False)
    elif path.exists():
        yield from _read_one(path, settings, named=True)
    else:
        yield InputProblem(raw, missing_reason(path))


def folder_contents(directory: Path) -> tuple[list[Path], list[InputProblem]]:
    """Every supported, non-hidden file under a directory, in a stable (sorted) order, and a
    problem for each subdirectory that cannot be listed and each broken link that names a
    supported file (which would otherwise be left out without a word)."""
    problems: list[InputProblem] = []

    def problem(path: str, reason: str) -> None:
        problems.append(InputProblem(path, reason))

    files = []
    for folder, subfolders, names in walk_folder(directory, problem):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in names:
            path = Path(folder, name)
            if name.startswith(".") or _format(path)[0] is None:
                continue
            if reason := look_problem(path):  # a folder listed but not entered (r--)
                problems.append(InputProblem(str(path), reason))
            elif path.is_file():
                files.append(path)
            elif path.exists():  # a named pipe or a device: reading one may never end
                problems.append(InputProblem(str(path), "not a regular file (a named pipe or "
                                             "a device), left out of the directory's files"))
            elif path.is_symlink():
                problems.append(InputProblem(str(path), missing_reason(path)))
    return sorted(files), sorted(problems, key=lambda problem: problem.path)


def _suffix(path: Path) -> tuple[str, bool]:
    """(the suffix that names the format, gzipped): News.JSONL.gz -> ('.jsonl', True)."""
    name = path.name.lower()
    return Path(name.removesuffix(_GZIP)).suffix, name.endswith(_GZIP)


def _format(path: Path) -> tuple[str | None, bool]:
    """(format, gzipped); format None if the suffix is not a supported one."""
    suffix, gzipped = _suffix(path)
    return FORMATS.get(suffix), gzipped


def _stem(path: Path) -> str:
    """The name without its format suffix or .gz: news.jsonl.gz -> news."""
    suffix, gzipped = _suffix(path)
    name = path.name[: -len(_GZIP)] if gzipped else path.name
    return name[: -len(suffix)] if suffix in FORMATS else name


def _read_one(path: Path, settings: _Settings, named: bool) -> Iterator[Item]:
    """The items of one file; an error no reader foresaw ends that file alone, as a problem
    naming the file and the last record read, and what was read before it still counts."""
    last_line: int | None = None
    try:
        for item in _read_one_unguarded(path, settings, named):
            last_line = item.line if isinstance(item, SourceDocument) else last_line
            yield _valid_document(item)
    except Exception as exc:  # one bad input must never stop the run
        after = f" (after record {last_line})" if last_line else ""
        yield InputProblem(str(path), f"cannot read{after}: {error_line(exc)}")


def _valid_document(item: Item) -> Item:
    """The document with every text field valid UTF-8 (lone surrogates replaced), and its
    text and title as stored and coded (``read_copy``: "Russia&#39;s", CRLF line ends)."""
    if not isinstance(item, SourceDocument):
        return item
    changes = {
        field.name: valid_text(value)
        for field in dataclasses.fields(item)
        if isinstance(value := getattr(item, field.name), str) and valid_text(value) != value
    }
    for name in ("text", "title"):
        value = changes.get(name, getattr(item, name))
        if value is not None and (plain := read_copy(value)) != value:
            changes[name] = plain
    read = (changes.get("source", item.source), changes.get("text", item.text))
    for name in _NAMING_FIELDS:
        # an escape or a line separator in a title, an id, an outlet or an address had gone
        # into the store and on into every export (a raw U+2028 split a JSON Lines export's
        # line for Python's splitlines)
        value = changes.get(name, getattr(item, name))
        if value is not None and (plain := without_controls(value)) != value:
            changes[name] = plain
    # the text's own: a space each, one for one (offsets into it hold; see cleantext)
    if (plain := text_without_controls(read[1])) != read[1]:
        changes["text"] = plain
    if (changes.get("source", item.source), changes.get("text", item.text)) != read:
        changes["former_reading"] = read
    return dataclasses.replace(item, **changes) if changes else item


_NAMING_FIELDS = ("title", "doc_id", "url", "source")


def _read_one_unguarded(path: Path, settings: _Settings, named: bool) -> Iterator[Item]:
    kind, gzipped = _format(path)
    suffix = _suffix(path)[0]
    if kind is None and named and not suffix:
        # A named file without any suffix (/dev/fd/63, a page saved without one) is read as
        # plain text, as before; in a directory such files (README, Makefile) are left alone.
        kind = _TEXT
    if kind is None:
        # Directories hold all sorts of files; only a file the user named is worth a message.
        if named:
            yield InputProblem(str(path), f"unsupported file type '{suffix}' ({SUPPORTED})")
        return
    readers: dict[str, Callable[[Path, bool, _Settings], Iterator[Item]]] = {
        _TEXT: _read_text,
        _HTML: _read_html,
        _JSON: _read_json,
        _JSONL: _read_jsonl,
        _FEED: _read_feed,
    }
    yield from readers[kind](path, gzipped, settings)


# --- whole files --------------------------------------------------------------------------------


def _one_line(detail: object) -> str:
    return " ".join(str(detail).split())


def _cannot_read(path: Path, exc: OSError) -> InputProblem:
    return InputProblem(str(path), f"cannot read ({exc.strerror or exc})")


def _gunzip(path: Path, limit: int) -> bytes | InputProblem:
    """The decompressed bytes, at most limit + 1 of them (enough for the caller to see 'too big'
    without inflating a gzip bomb into memory)."""
    try:
        with open_input(path) as raw, gzip.GzipFile(fileobj=raw) as stream:
            return read_up_to(stream, limit + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        return _read_problem(path, exc)


def _read_problem(path: Path, exc: Exception, after: str = "") -> InputProblem:
    """The problem for an error while reading a (possibly gzipped) file."""
    if isinstance(exc, EOFError):
        return InputProblem(str(path), f"truncated gzip (the compressed data ends early{after})")
    if isinstance(exc, gzip.BadGzipFile):
        return InputProblem(str(path), _bad_gzip_reason(path, exc, after))
    if isinstance(exc, zlib.error):
        return InputProblem(str(path), f"corrupt gzip data ({exc})")
    assert isinstance(exc, OSError)
    return _cannot_read(path, exc)


_NOT_GZIP = re.compile(r"Not a gzipped file \((.*)\)\Z", re.DOTALL)
_GZIP_MAGIC = b"\x1f\x8b"


def _bad_gzip_reason(path: Path, exc: gzip.BadGzipFile, after: str) -> str:
    """What is wrong, of what Python's gzip says in one error for three faults: a check of the
    data that failed (a download whose bytes changed), bytes after the compressed data that
    are no further gzip member, and a file that is no gzip at all. Each was "not a gzip
    file", the first two after the file's records had been read."""
    found = _NOT_GZIP.match(str(exc))
    if found is None:  # "CRC check failed ...", "Incorrect length of data produced"
        return f"damaged gzip ({exc}{after})"
    if _starts_as_gzip(path):
        return f"bytes after the gzip data that are no gzip (they start {found.group(1)}{after})"
    return f"not a gzip file (it starts {found.group(1)})"


def _starts_as_gzip(path: Path) -> bool:
    """Whether a regular file starts as gzip does (a pipe is not opened again: that could wait
    for a writer for ever)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as stream:
            return stream.read(len(_GZIP_MAGIC)) == _GZIP_MAGIC
    except OSError:
        return False


def _load_text(path: Path, gzipped: bool, limit: int, markup: bool = False
               ) -> str | InputProblem:
    """The whole file as text, after text.py's checks: size, binary, UTF-8, empty
    (``markup``: a web page, its character references left to its parser)."""
    if gzipped:
        data = _gunzip(path, limit)
        if isinstance(data, InputProblem):
            return data
        result = _article_from_bytes(path.stem, str(path), data, None, limit, markup)
    else:
        result = _read_text_file(path, None, limit, markup)
    return result if isinstance(result, InputProblem) else result.text


def _load_collection(path: Path, gzipped: bool, limit: int) -> bytes | InputProblem:
    """The raw bytes of a file that must be parsed whole (a JSON file or a feed)."""
    if gzipped:
        data = _gunzip(path, limit)
        if isinstance(data, bytes) and len(data) > limit:
            return _collection_too_big(path, len(data), limit)
        return data
    try:
        size = path.stat().st_size
        if size > limit:  # checked before reading, so a huge file is never loaded
            return _collection_too_big(path, size, limit)
        data = read_at_most(path, limit + 1)  # a device or a pipe has no size to check
    except OSError as exc:
        return _cannot_read(path, exc)
    if len(data) > limit:
        return _collection_too_big(path, len(data), limit)
    return data


def _collection_too_big(path: Path, size: int, limit: int) -> InputProblem:
    return InputProblem(
        str(path),
        f"file is over the {size_text(limit)} limit for a file parsed whole "
        f"(at least {size_text(size)}; convert it to JSON Lines, or raise --max-bytes)",
    )


def _file_date(path: Path) -> str | None:
    """The modification date of a regular file (a pipe's would just be now)."""
    try:
        info = path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return datetime.fromtimestamp(info.st_mtime).date().isoformat()


def _pick_date(
    settings: _Settings, metadata: str | None, text: str, file_date: str | None
) -> tuple[str | None, str | None]:
    """(date, where it came from), most trustworthy source first."""
    if settings.date and not settings.date_fills_in:
        return settings.date, "metadata"
    if metadata:
        return metadata, "metadata"
    found = date_in_text(text)
    if found:
        return found, "text"
    if settings.date:  # the run's date, for a document that carries none
        return settings.date, "metadata"
    if file_date and settings.file_dates:
        return file_date, "file"
    return None, None


def _stdin_document(settings: _Settings) -> Item:
    # Read one byte past the limit: enough to know the input is too big, without holding it all.
    data = standard_input(settings.max_bytes + 1)
    if isinstance(data, InputProblem):
        return data
    result = _article_from_bytes("stdin", "-", data, None, settings.max_bytes)
    if isinstance(result, InputProblem):
        return result
    day, source = _pick_date(settings, None, result.text, None)
    return SourceDocument(result.text, "stdin", date=day, date_source=source, path="-")


def _read_text(path: Path, gzipped: bool, settings: _Settings) -> Iterator[Item]:
    text = _load_text(path, gzipped, settings.max_bytes)
    if isinstance(text, InputProblem):
        yield text
        return
    day, source = _pick_date(settings, None, text, _file_date(path))
    yield SourceDocument(text, _stem(path), date=day, date_source=source, path=str(path))


class OverBudget(ValueError):
    """HTML past the markup budget (markup.py), not parsed: the message says why."""


def _within_budget(markup: str) -> Budget:
    """The markup's budget; raises OverBudget when it is past it."""
    budget = html_budget(markup)
    if budget.problem:
        raise OverBudget(f"HTML not parsed: {budget.problem}")
    return budget


# An HTML page may say its encoding in a <meta> tag within its first 1024 bytes (the HTML
# standard's prescan window); pages saved from older sites are often windows-1252 that way.
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""",
                           re.IGNORECASE)
# labels the HTML standard reads as windows-1252 (its bytes 0x80-0x9F are letters, not controls)
_WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1",
                                  "us-ascii", "ascii", "windows-1252", "cp1252"})


def _load_html(path: Path, gzipped: bool, limit: int) -> str | InputProblem:
    """The page's text: UTF-8 as every file, or else the encoding its <meta charset> names
    (a page declared windows-1252 or ISO-8859-1 was refused as "not UTF-8 text")."""
    markup = _load_text(path, gzipped, limit, markup=True)
    if not (isinstance(markup, InputProblem) and markup.reason.startswith("not UTF-8")):
        return markup
    # the checks passed but UTF-8: the size is within the limit, and no NUL or wide BOM
    data = _gunzip(path, limit) if gzipped else _load_collection(path, False, limit)
    if isinstance(data, InputProblem):
        return data
    codec = _declared_codec(data[:1024])
    if codec is None:
        return markup
    return plain_line_ends(data.decode(codec, errors="replace"))


def _declared_codec(head: bytes) -> str | None:
    """The Python codec of a page's <meta charset>, when it names one other than UTF-8."""
    found = _META_CHARSET.search(head)
    if not found:
        return None
    label = found.group(1).decode("ascii").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    codec = web_codec(label)
    # a page that says UTF-8 but is not stays refused
    return None if codec == "utf-8" else codec


def web_codec(label: str) -> str | None:
    """The Python codec an encoding's label names, when it is one of the web's character
    encodings (data/web_encodings.yaml); None for any other label. Python's codecs hold more
    than character sets: "punycode" took hours to decode a page of a few MB, the escape codecs
    rewrote its text, and "base64" ended it with Python's advice."""
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return codec if codec in web_codecs() else None


@functools.cache
def web_codecs() -> frozenset[str]:
    """The Python names of the character encodings a page or a feed may be read in."""
    names = read_packaged("web_encodings.yaml").get("codecs")
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise ValueError("detente/data/web_encodings.yaml: 'codecs' must be a list of names")
    return frozenset(names)


def _read_html(path: Path, gzipped: bool, settings: _Settings) -> Iterator[Item]:
    markup = _load_html(path, gzipped, settings.max_bytes)
    if isinstance(markup, InputProblem):
        yield markup
        return
    markup = closed_raw_text(markup)  # (a "</title>" left out lost the article)
    # The parsers' time grows with the square of some shapes of markup: a linear scan first
    # refuses those, and turns off the fallbacks on pages with very many paragraphs.
    try:
        budget = _within_budget(markup)
    except OverBudget as exc:
        yield InputProblem(str(path), str(exc))
        return
    # One parse gives both the main text (what trafilatura.extract returns) and the metadata.
    # No extensive date search: dates guessed from free text would pass for page metadata.
    try:
        page = _extracted(markup, budget)
    except Exception as exc:  # a third-party parser on arbitrary input: report, never crash
        yield InputProblem(str(path), f"cannot parse the HTML ({_one_line(exc)})")
        return
    text = page.text if page is not None else None
    notes: tuple[str, ...] = ()
    if not text or not text.strip():
        page, notes = _read_past_open_script(markup, budget)
        text = page.text if page is not None else None
    if not text or not text.strip():
        yield InputProblem(str(path), "no article text found in the HTML" + _framed(markup))
        return
    assert page is not None
    day, source = _pick_date(settings, iso_date(page.date), text, _file_date(path))
    yield SourceDocument(
        text,
        _stem(path),
        title=_string(page.title),
        date=day,
        date_source=source,
        url=_string(page.url),
        source=_string(page.sitename),
        path=str(path),
        notes=notes,
    )


def _read_past_open_script(markup: str, budget: Budget) -> tuple[Any, tuple[str, ...]]:
    """The page read once more with its unclosed <script> or <style> closed where the next
    tag begins, and a note saying so; (None, ()) when it has none, or still no text. A
    browser shows nothing past such a tag, and so the article was lost; only a page of which
    nothing else survives is read so, and the note says it is not what a browser shows."""
    closed, names = closed_script(markup)
    if not names:
        return None, ()
    try:
        page = _extracted(closed, budget)
    except Exception:  # (reported as the page without text, as it was)
        return None, ()
    shown = " and ".join(f"<{name}>" for name in names)
    return page, (f"{shown} never closed (a browser shows nothing after it): closed where "
                  "the next tag begins, to read the article",)


def _framed(markup: str) -> str:
    """Where a page with no article text sends a reader, when it shows nothing else: the
    pages it frames, or the address it redirects to; the page to read instead."""
    sources, redirect = pages_elsewhere(markup)
    if not sources:
        return (f": the page only sends the browser to {shown_name(redirect)}; read that "
                "instead") if redirect else ""
    shown = ", ".join(shown_name(source) for source in sources[:MAX_FRAMES_NAMED])
    more = f" and {len(sources) - MAX_FRAMES_NAMED} more" if len(sources) > MAX_FRAMES_NAMED else ""
    if len(sources) == 1:
        return f": the page only frames another page ({shown}); read that instead"
    return f": the page only frames other pages ({shown}{more}); read those instead"


def _extracted(markup: str, budget: Budget) -> Any:
    """trafilatura's reading of the page: its text and metadata (None when it finds none).

    A page with no <html> or <body> whose markup libxml2 reads as one element (an <svg>, an
    <audio> or an <object> around the article, a lone <style>) is parsed as that element
    alone; htmldate removes such elements from a copy of the tree, whose root has no parent
    to be removed from, and lxml failed an assertion: the page was "cannot parse the HTML ()".
    Such a page is read again as the document around that element, as the same markup inside
    <html><body> is read."""
    def extract(page: lxml.html.HtmlElement | str) -> Any:
        return trafilatura.bare_extraction(
            page, with_metadata=True, date_extraction_params=set_date_params(extensive=False),
            fast=not budget.full_extraction)

    try:
        return extract(_parsed_page(markup))
    except AssertionError:
        parsed = _parsed_page(markup)  # parsed again: the first reading may have changed it
        if isinstance(parsed, str) or parsed.getparent() is None:
            raise
        return extract(parsed.getroottree().getroot())


def _parsed_page(markup: str) -> lxml.html.HtmlElement | str:
    """What trafilatura reads of a page: the tree it parses (parsed here, once, to be looked
    at), or, when libxml2 stopped at its depth limit, the page flattened (``flat_html``): text
    nested deeper than 256 elements, and all that followed it, had been left out of the tree,
    the page read as "no article text"."""
    tree = trafilatura.load_html(markup)
    if tree is None:
        tree = _one_framing_element(markup)
    if tree is None:
        return markup  # trafilatura says what it makes of it, as before
    return flat_html(markup) if cut_by_depth(tree) else shown_text_only(unframed(tree))


def _one_framing_element(markup: str) -> lxml.html.HtmlElement | None:
    """A page trafilatura's loader refuses as no HTML (one element holding only text, where it
    asks for two) that holds a <noframes> or an <iframe>: the document, to be read."""
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None
    return root if next(root.iter(*FRAMING), None) is not None else None


# --- JSON records -------------------------------------------------------------------------------


def _string(value: Any) -> str | None:
    """A usable string from a metadata value: stripped text, or a number written out."""
    if isinstance(value, str):
        # a NUL (a JSON "\u0000", a feed's "&#0;") is binary data in a name or an address:
        # the text refuses it, and it had gone on into the store and every CSV export
        return valid_text(value.strip()).replace("\x00", REPLACEMENT_CHARACTER) or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        # (JSON's readers take NaN and Infinity: no id or outlet, "nan" or "inf" written out)
        return str(value) if math.isfinite(value) else None
    return None


def _over_limit(where: str, what: str, text: str, max_bytes: int) -> InputProblem | None:
    """A problem if one record's text is bigger than one article may be."""
    if len(text.encode("utf-8")) <= max_bytes:
        return None
    return InputProblem(where, f"{what} text is over the {size_text(max_bytes)} limit")


def _record_document(
    record: Any, where: str, default_id: str, line: int | None, path: Path, settings: _Settings
) -> Item:
    """A document from one JSON record, or the problem with it."""
    if not isinstance(record, dict):
        return InputProblem(where, "record is not a JSON object")
    try:
        return _checked_record_document(record, where, default_id, line, path, settings)
    except Exception as exc:  # one bad record must never end the file
        return InputProblem(where, f"cannot read the record: {error_line(exc)}")


def _checked_record_document(
    record: dict, where: str, default_id: str, line: int | None, path: Path, settings: _Settings
) -> Item:
    fields = settings.fields
    text = record.get(fields.text)
    if text is not None and not isinstance(text, str):
        return InputProblem(where, f"record's '{fields.text}' is {_json_kind(text)}, not text")
    if not isinstance(text, str) or not text.strip():
        return InputProblem(where, f"record has no '{fields.text}'")
    text = valid_text(text)  # a JSON "\ud800" escape decodes to a lone surrogate
    if (nul := text.find("\x00")) >= 0:
        # a JSON "\u0000" escape: refused as a NUL byte in a file is, and as the API refuses
        # it; it had been stored, and went on into the sentences and every export
        return InputProblem(where, f"record's '{fields.text}' holds a NUL character (\\u0000, "
                            f"at character {nul}), not text")
    if too_big := _over_limit(where, "record", text, settings.max_bytes):
        return too_big
    file_date = _file_date(path) if line is None else None  # only for a one-record file
    written = fields.record_date(record)
    read = iso_date(written)
    day, source = _pick_date(settings, read, text, file_date)
    return SourceDocument(
        text,
        _string(record.get(fields.id)) or default_id,
        title=_string(record.get(fields.title)),
        date=day,
        date_source=source,
        url=_string(record.get(fields.url)),
        source=_string(record.get(fields.source)),
        path=str(path),
        line=line,
        notes=(notes := _date_notes(settings, written, read, source))
        + _metadata_notes(record, fields),
        date_unread=bool(notes),
    )


def _metadata_notes(record: dict, fields: Any) -> tuple[str, ...]:
    """A note for each of the id, title, url and source given as something that is no text
    (a list, an object, true): stored empty, which had been said nowhere."""
    return tuple(
        f"its '{name}' is {_json_kind(value)}, not text: "
        + ("the default id used instead" if name == fields.id else "left empty")
        for name in dict.fromkeys((fields.id, fields.title, fields.url, fields.source))
        if (value := record.get(name)) is not None and not isinstance(value, str)
        and _string(value) is None)


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN or an infinite number"
    if isinstance(value, int | float):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


def _read_json(path: Path, gzipped: bool, settings: _Settings) -> Iterator[Item]:
    """The records of a JSON file (one object, or a list of them), read one at a time: a list
    of any size takes the memory of one record (jsonstream.py)."""
    stem = _stem(path)
    last = 0
    try:
        with open_input(path) as raw, gzip.GzipFile(fileobj=raw) if gzipped else raw as stream:
            for item in json_records(stream, settings.max_bytes * RECORD_JSON_FACTOR):
                where = str(path) if item.index is None else f"{path}:{item.index}"
                if isinstance(item, JsonProblem):
                    yield InputProblem(where, item.reason)
                    continue
                last = item.index or 0
                if item.index is None and _is_json_feed(item.value):
                    yield from _json_feed_documents(item.value, path, settings)
                    continue
                default_id = stem if item.index is None else f"{stem}:{item.index}"
                yield _record_document(item.value, where, default_id, item.index, path,
                                       settings)
    except NotText as exc:
        yield InputProblem(str(path), str(exc))
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        yield _read_problem(path, exc, f", after record {last}" if last else "")


def _is_json_feed(value: Any) -> bool:
    """Whether a file's one JSON object is a JSON Feed (jsonfeed.org, versions 1 and 1.1):
    its articles are its ``items``. It had been read as one record, refused with "record has
    no 'text'", its articles unread."""
    return (isinstance(value, dict) and isinstance(value.get("items"), list)
            and str(value.get("version", "")).startswith("https://jsonfeed.org/version/"))


def _json_feed_documents(feed: dict, path: Path, settings: _Settings) -> Iterator[Item]:
    """The documents of a JSON Feed's items, each read as a JSON record of the run's field
    names (``content_text``, else the text of ``content_html``, else ``summary`` as its text;
    ``url`` or ``external_url``; ``date_published`` or ``date_modified``; the feed's title as
    the outlet). A key the item has under the run's own field name is kept as it is."""
    if not feed["items"]:
        yield InputProblem(str(path), "the JSON Feed has no items")
        return
    outlet = feed.get("title")
    stem = _stem(path)
    for index, entry in enumerate(feed["items"], 1):
        where = f"{path}:{index}"
        if not isinstance(entry, dict):
            yield InputProblem(where, "JSON Feed item is not a JSON object")
            continue
        try:
            record = _json_feed_record(entry, settings.fields, outlet)
        except OverBudget as exc:  # this item alone
            yield InputProblem(where, str(exc))
            continue
        yield _record_document(record, where, f"{stem}:{index}", index, path, settings)


def _json_feed_record(entry: dict, fields: FieldNames, outlet: Any) -> dict:
    """A JSON Feed item as a record of the run's field names. Raises OverBudget for HTML past
    the markup budget."""
    html_text = entry.get("content_html")
    text = next((value for value in (
        entry.get("content_text"),
        _strip_html(html_text) if isinstance(html_text, str) and html_text.strip() else None,
        entry.get("summary"),
    ) if isinstance(value, str) and value.strip()), None)
    given = {fields.text: text, fields.url: entry.get("url") or entry.get("external_url"),
             fields.date: entry.get("date_published") or entry.get("date_modified"),
             fields.source: outlet}
    return {**{key: value for key, value in given.items() if value is not None}, **entry}


class _LineCounter:
    """The last line read (for the message about a gzip that ends early), whether any line
    held something (a file of blank lines is as empty as an empty one), and whether reading
    ended before the end of the file (then it is not called empty)."""

    def __init__(self) -> None:
        self.last = 0
        self.any_content = False
        self.ended_early = False


def _lines(stream: BinaryIO, settings: _Settings) -> Iterator[tuple[int, bytes | None]]:
    """(number, line without its end) for each line; None for a line over what one record's
    JSON may take, whose rest is skipped, so one runaway line never fills memory. A lone CR
    ends lines in a file whose first line ends so (old Mac files). Blank lines in a row are
    bounded as a JSON file's white space is (BlankRun), and the stop flag is looked at while
    they are skipped (Stopped).

    Blank lines in a row come as one empty line numbered as the last of them: skipping 20 MB
    of line ends one at a time took 25 s."""
    limit = settings.max_bytes * RECORD_JSON_FACTOR  # a line is a record's JSON
    yield from numbered_lines(split_lines(stream, limit), limit, settings.stopped)


def _jsonl_items(
    path: Path, stream: BinaryIO, settings: _Settings, seen: _LineCounter, first_line: int = 1
) -> Iterator[Item]:
    try:
        yield from _jsonl_lines(path, stream, settings, seen, first_line)
    except BlankRun:
        seen.ended_early = True
        yield InputProblem(str(path), white_space_reason(settings.max_bytes * RECORD_JSON_FACTOR))
    except Stopped:  # the caller sees its own flag and records the run as interrupted
        seen.ended_early = True


def _jsonl_lines(
    path: Path, stream: BinaryIO, settings: _Settings, seen: _LineCounter, first_line: int
) -> Iterator[Item]:
    stem = _stem(path)
    # a line read as text (or a range of a file, past its first line): a binary line after
    # it is one bad record
    text_read = first_line > 1
    binary_before = False  # the last line with content was binary
    for counted, line in _lines(stream, settings):
        number = counted + first_line - 1
        seen.last = number
        if line is not None and not line.strip():
            continue  # a blank line (often the last) is no record
        seen.any_content = True
        where = f"{path}:{number}"
        if line is None:
            yield InputProblem(where, f"input is over the {size_text(settings.max_bytes)} limit")
            continue
        # the line is JSON, held to what a record's JSON may take; its text to the limit
        # (_record_document), as a .json file's record is
        checked = _article_from_bytes(stem, where, line, None,
                                      settings.max_bytes * RECORD_JSON_FACTOR)
        if isinstance(checked, InputProblem):
            binary = checked.reason == _BINARY_REASON
            if binary and text_read:
                yield InputProblem(where, _BINARY_REST if binary_before else _BINARY_LINE)
                if binary_before:
                    return
                binary_before = True
                continue
            yield checked
            if binary or number == 1 and wide_text(line):
                return  # not a text file at all: one message, not one per "line"
            continue
        text_read, binary_before = True, False
        try:
            record = json.loads(checked.text)
        except json.JSONDecodeError as exc:
            yield InputProblem(where, f"malformed JSON ({exc.msg}: column {exc.colno})"
                               + (mixed_line_ends(line) if exc.msg == "Extra data" else ""))
            continue
        except RecursionError:
            yield InputProblem(where, "malformed JSON (nested too deeply)")
            continue
        except ValueError:  # an integer past int()'s digit limit: this record alone
            yield InputProblem(where, big_number_reason())
            continue
        yield _record_document(record, where, f"{stem}:{number}", number, path, settings)


def read_jsonl_range(
    path: str | Path,
    start: int,
    end: int,
    first_line: int,
    fields: FieldNames = DEFAULT_FIELDS,
    date: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date_fills_in: bool = False,
) -> Iterator[Item]:
    """Documents from the lines of a plain JSONL file between two byte offsets.

    ``start`` and ``end`` fall on line starts (see ``detente.ingest.units``); ``first_line`` is
    the number of the line at ``start``, so ids and messages match a whole-file read.
    ``date_fills_in``: as for read_documents.
    """
    path = Path(path)
    settings = _settings(fields, date, max_bytes, date_fills_in=date_fills_in)
    try:
        with path.open("rb") as stream:
            stream.seek(start)
            chunk = stream.read(end - start)
    except OSError as exc:
        yield _cannot_read(path, exc)
        return
    for item in _jsonl_items(path, io.BytesIO(chunk), settings, _LineCounter(), first_line):
        yield _valid_document(item)


def format_of(path: Path) -> tuple[str | None, bool]:
    """(format name, gzipped) of a file, format None when it is not supported."""
    return _format(path)


def _read_jsonl(path: Path, gzipped: bool, settings: _Settings) -> Iterator[Item]:
    seen = _LineCounter()
    try:
        with open_input(path) as raw, gzip.GzipFile(fileobj=raw) if gzipped else raw as stream:
            yield from _jsonl_items(path, stream, settings, seen)
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        after = f", after line {seen.last}" if seen.last else ""
        yield _read_problem(path, exc, after)
        return
    if not seen.any_content and not seen.ended_early:
        yield InputProblem(str(path), "empty file")


# --- feeds --------------------------------------------------------------------------------------


def _read_feed(path: Path, gzipped: bool, settings: _Settings) -> Iterator[Item]:
    data = _load_collection(path, gzipped, settings.max_bytes * FEED_FACTOR)
    if isinstance(data, InputProblem):
        yield data
        return
    if not data.strip():
        yield InputProblem(str(path), "empty file")
        return
    if too_costly := xml_problem(data):  # feedparser's time grows with its square
        yield InputProblem(str(path), f"feed not parsed: {too_costly}")
        return
    # A stream, not bytes or str: feedparser would take a string for a URL or a file name.
    # It reads the encoding from the XML declaration itself, so there is no UTF-8 check here.
    try:
        readable = _readable_declaration(_no_impossible_references(_in_single_bytes(data)))
        feed = feedparser.parse(io.BytesIO(readable))
    except Exception as exc:  # a third-party parser on arbitrary input: report, never crash
        yield InputProblem(str(path), f"not a readable RSS/Atom feed ({_one_line(exc)})")
        return
    if not feed.entries:
        yield _empty_feed_problem(path, feed)
        return
    outlet = _string(feed.feed.get("title"))
    stem = _stem(path)
    for index, entry in enumerate(feed.entries, 1):
        yield _entry_document(entry, index, stem, outlet, path, settings)


# The encoding an XML declaration names. Written in single bytes, as this pattern matches it,
# it cannot be UTF-16 or UTF-32, which would spell "<?xml" with NUL bytes.
_DECLARED_ENCODING = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s{0,64}<\?xml\s[^>]{0,200}?encoding\s*=\s*["']([^"'>]{0,64})["']""",
    re.IGNORECASE)


def _readable_declaration(data: bytes) -> bytes:
    """The feed, its XML declaration made to say UTF-8 where it names no character encoding of
    the web (``web_codec``). feedparser decodes a feed in any Python codec its declaration
    names: "punycode" took hours on a feed of a few MB, or refused it, and "unicode_escape"
    rewrote its text. A feed generator's template copied over may name UTF-16 or UTF-32 in a
    file written in single bytes: feedparser believed it and refused the feed as "not
    well-formed" as soon as its text held a letter outside ASCII."""
    found = _DECLARED_ENCODING.match(data)
    if found is None or web_codec(found.group(1).decode("ascii", "replace")) is not None:
        return data
    return data[:found.start(1)] + b"utf-8" + data[found.end(1):]


# UTF-32's marks first: UTF-32 LE's begins with UTF-16 LE's
_WIDE_MARKS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
               (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _in_single_bytes(data: bytes) -> bytes:
    """A feed written in UTF-16 or UTF-32 behind a byte order mark, as UTF-8 declared so, for
    its references to be checked (``_no_impossible_references``); any other feed, or one
    that is not the text its mark says, as it is (feedparser says what it makes of it)."""
    codec = next((codec for mark, codec in _WIDE_MARKS if data.startswith(mark)),
                 None) or _unmarked_wide_codec(data[:4])
    if codec is None:
        return data
    try:
        single = data.decode(codec).encode("utf-8")
    except UnicodeError:
        return data
    found = _DECLARED_ENCODING.match(single)
    return single[:found.start(1)] + b"utf-8" + single[found.end(1):] if found else single


def _unmarked_wide_codec(head: bytes) -> str | None:
    """The codec of a feed in UTF-16 or UTF-32 without a byte order mark, told by how its
    first character, the "<" every XML document opens with, is written (XML 1.0, appendix
    F); None for any other. feedparser read no such feed, with or without its declaration."""
    if len(head) < 4 or b"<" not in head:
        return None
    for codec, opening in (("utf-32-le", b"<\0\0\0"), ("utf-32-be", b"\0\0\0<"),
                           ("utf-16-le", b"<\0"), ("utf-16-be", b"\0<")):
        if head.startswith(opening) and (codec.startswith("utf-32") or b"\0\0" not in head):
            return codec
    return None


# A numeric character reference, its number in decimal or in hexadecimal
_NUMERIC_REFERENCE = re.compile(rb"&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));")
_REPLACEMENT_REFERENCE = b"&#xFFFD;"


def _no_impossible_references(data: bytes) -> bytes:
    """The feed, each numeric character reference to no character (0, a UTF-16 surrogate, as
    an emoji written as its two halves has, or past U+10FFFF) made one to U+FFFD, as HTML
    reads them: feedparser's fallback parser took them in, then failed to encode them, and the
    whole feed was "not a readable RSS/Atom feed", every entry lost."""
    if b"&#" not in data:
        return data
    return _NUMERIC_REFERENCE.sub(_possible_reference, data)


def _possible_reference(found: re.Match[bytes]) -> bytes:
    decimal, hexadecimal = found.groups()
    digits = (decimal or hexadecimal).lstrip(b"0")
    if len(digits) > 7:  # past U+10FFFF in either base (and no huge number to convert)
        return _REPLACEMENT_REFERENCE
    number = int(digits or b"0", 10 if decimal else 16)
    if number == 0 or 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
        return _REPLACEMENT_REFERENCE
    return found.group()


def _empty_feed_problem(path: Path, feed: Any) -> InputProblem:
    if feed.get("bozo"):
        detail = _one_line(feed.get("bozo_exception", ""))
        return InputProblem(str(path), f"not a readable RSS/Atom feed ({detail})")
    if not feed.get("version"):
        return InputProblem(str(path), "not an RSS or Atom feed")
    return InputProblem(str(path), "the feed has no entries")


def _entry_document(
    entry: Any, index: int, stem: str, outlet: str | None, path: Path, settings: _Settings
) -> Item:
    where = f"{path}:{index}"
    try:
        text = _entry_text(entry)
    except OverBudget as exc:  # this entry alone
        return InputProblem(where, str(exc))
    if not text:
        return InputProblem(where, "feed entry has no text (no content or summary)")
    if too_big := _over_limit(where, "entry", text, settings.max_bytes):
        return too_big
    metadata = _entry_date(entry)
    day, source = _pick_date(settings, metadata, text, None)
    return SourceDocument(
        text,
        _string(entry.get("id")) or f"{stem}:{index}",
        title=_string(entry.get("title")),
        date=day,
        date_source=source,
        url=_string(entry.get("link")),
        source=outlet,
        path=str(path),
        line=index,
        notes=(notes := _date_notes(settings, _written_entry_date(entry), metadata, source)),
        date_unread=bool(notes),
    )


def _entry_text(entry: Any) -> str | None:
    """Plain text of the entry's content, or else its summary. Raises OverBudget for HTML
    past the markup budget."""
    parts = [*entry.get("content", []), entry.get("summary_detail")]
    for part in parts:
        if not part or not str(part.get("value", "")).strip():
            continue
        value = part["value"]
        text = value.strip() if part.get("type") == "text/plain" else _strip_html(value)
        if text:
            return text
    return None


def _entry_date(entry: Any) -> str | None:
    """The entry's publication (or else update) date, as the feed wrote it."""
    for key in ("published", "updated", "created"):
        # dict.get, not entry.get: feedparser's own get maps a missing "updated" to "published"
        # (tried already) with a DeprecationWarning.
        # The written string keeps the publisher's own day; feedparser's parsed form is in UTC.
        written = dict.get(entry, key)
        day, problem = read_date(written)
        if day:
            return day
        parsed = dict.get(entry, f"{key}_parsed")
        # feedparser reads forms dateutil cannot ("2005-064"), but it fills a missing year (and
        # month, day) from today: "--03-05" or "T10:00" would be stored as this year's dates.
        # An incomplete or ambiguous date stays one, as in other inputs.
        if parsed and problem == UNREADABLE_DATE and _year_written(written, parsed[0]) and (
                _month_named(written, parsed[1])):
            return Date(*parsed[:3]).isoformat()
    return None


# Words of a written date that name no month: English weekdays and time zones
_NOT_MONTHS = frozenset({"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
                         "sun", "monday", "tuesday", "wednesday", "thursday", "friday",
                         "saturday", "sunday", "gmt", "utc", "est", "edt", "cst", "cdt", "mst",
                         "mdt", "pst", "pdt", "am", "pm"})


def _month_named(written: Any, month: int) -> bool:
    """Whether the written date names its month in a word of some language ("Thu, 5 Feb
    2004", a Greek "11 Ιούλ 2004"): only then is feedparser's reading kept. Written in
    numbers only, feedparser rolls a day no one wrote into a real one ("2004-02-30" -> March
    1st, "2004-99" -> December 1st) and misreads ISO weeks and ordinals ("2005-064" -> June
    1st)."""
    if not isinstance(written, str) or not 1 <= month <= 12:
        return False
    words = re.findall(r"[^\W\d_]{3,}", written.lower())
    return any(word not in _NOT_MONTHS for word in words)


def _written_entry_date(entry: Any) -> str | None:
    """The first date string the entry carries, read or not."""
    for key in ("published", "updated", "created"):
        if written := _string(dict.get(entry, key)):
            return written
    return None


def _date_notes(
    settings: _Settings, written: Any, read: str | None, used: str | None
) -> tuple[str, ...]:
    """A note when the document's own date could not be read (and what dated it instead)."""
    every_input = settings.date and not settings.date_fills_in  # `code --date`: no own date
    if every_input or read or read_date(written) == (None, None):
        return ()
    # (its own date unread, "metadata" is the run's --date)
    instead = ("dated by --date instead" if used == "metadata"
               else f"dated from its {used} instead" if used else "left undated")
    kind = read_date(written)[1] or UNREADABLE_DATE
    shown = repr(_one_line(_string(written) or json.dumps(written, default=str))[:60])
    what, _, why = kind.partition(" (")
    return (f"{what} {shown}{' (' + why if why else ''}: {instead}",)


def _strip_html(fragment: str) -> str:
    """Text of an HTML fragment: trafilatura's main text, or for short fragments (which it
    often judges too small to be an article) the text of every tag. Raises OverBudget for a
    fragment past the markup budget."""
    budget = _within_budget(fragment)
    fragment = _read_whole(fragment)
    try:
        extracted = trafilatura.extract(fragment, fast=not budget.full_extraction)
    except Exception:  # the tag-stripping below still gives the text
        extracted = None
    if extracted and extracted.strip():
        return extracted.strip()
    unescaped = html.unescape(fragment)
    if unescaped != fragment:  # escaped twice, the tags show only now
        _within_budget(unescaped)
        unescaped = _read_whole(unescaped)
    return _tag_text(unescaped)


def _read_whole(fragment: str) -> str:
    """The fragment, or it flattened (``flat_html``) when libxml2 stops reading it at its depth
    limit: its text nested deeper (and all that follows) had been lost."""
    try:
        tree = lxml.html.document_fromstring(fragment)
    except (etree.ParserError, ValueError):
        return fragment
    return flat_html(fragment) if cut_by_depth(tree) else fragment


def _tag_text(markup: str) -> str:
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return markup.strip()
    for element in root.iter():
        if element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    lines = (re.sub(r"\s+", " ", line).strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
