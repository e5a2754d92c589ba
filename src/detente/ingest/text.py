"""Reading plain-text articles from files, directories and standard input.

Every problem with one input becomes an ``InputProblem`` (a one-line message naming the file);
the good inputs of the same run are still returned.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from dateutil import parser as date_parser

from detente.cleantext import plain_line_ends, printable, read_copy, shown_name, valid_text
from detente.ingest.eventtables import event_table
from detente.ingest.rawio import (
    EMPTY_PATH,
    look_problem,
    missing_reason,
    not_text_kind,
    open_input,
    read_up_to,
    size_text,
    walk_folder,
    wide_text,
)
from detente.model import Article

__all__ = ["DEFAULT_MAX_BYTES", "InputProblem", "date_in_text", "open_input", "parse_date",
           "printable", "read_at_most", "read_inputs", "valid_text"]

DEFAULT_MAX_BYTES = 5_000_000
# A NUL in the first bytes: a binary file. One further on: text with binary content in it.
BINARY_PROBE = 8192
DATE_LINES = 3
HEAD_CHARS = 2048  # the first piece of a text looked at for its first DATE_LINES lines
_DATE_PATTERN = re.compile(
    r"\b(\d{4}-\d{2}-\d{2}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}"
    r"|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* \d{4})\b"
)


@dataclass(frozen=True)
class InputProblem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{shown_name(self.path)}: {self.reason}"



def empty_path(raw: str) -> InputProblem | None:
    """The problem with an input path given as '' (rawio.EMPTY_PATH), None for any other."""
    return None if raw else InputProblem("''", EMPTY_PATH)


def standard_input(limit: int) -> bytes | InputProblem:
    """Up to ``limit`` bytes of standard input, or the problem with it: closed (a job started
    by cron or a daemon may have none; Python then has no sys.stdin) or unreadable."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return InputProblem("-", "no standard input (it is closed)")
    try:
        return read_up_to(stream, limit)
    except OSError as exc:
        return InputProblem("-", f"cannot read standard input ({exc.strerror or exc})")


def read_inputs(
    paths: list[str], date: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | InputProblem]:
    """Articles (or problems) for each path: a file, a directory of .txt files, or '-'."""
    for raw in paths:
        if empty := empty_path(raw):
            yield empty
            continue
        if raw == "-":
            # one byte past the limit tells "too big" without holding an endless stream
            data = standard_input(max_bytes + 1)
            yield data if isinstance(data, InputProblem) else _article_from_bytes(
                "stdin", "-", data, date, max_bytes)
            continue
        path = Path(raw)
        if reason := look_problem(path):
            yield InputProblem(raw, reason)
        elif path.is_dir():
            files, unlisted = _txt_files(path)
            yield from unlisted
            if not files and not unlisted:
                yield InputProblem(raw, "directory has no .txt files")
            for file in files:
                if reason := look_problem(file):  # a folder listed but not entered (r--)
                    yield InputProblem(str(file), reason)
                    continue
                if file.exists() and not file.is_file():  # a pipe may never be written to
                    yield InputProblem(str(file), "not a regular file (a named pipe, a device "
                                       "or a directory), left out of the directory's files")
                    continue
                if not file.exists():  # a link to nothing, or to itself: as `ingest` says
                    yield InputProblem(str(file), missing_reason(file))
                    continue
                yield read_file(file, date, max_bytes)
        elif path.exists():
            yield read_file(path, date, max_bytes)
        else:  # a link that loops was "no such file or directory"
            yield InputProblem(raw, missing_reason(path))


def _txt_files(directory: Path) -> tuple[list[Path], list[InputProblem]]:
    """Every path named *.txt under a directory, sorted (as Path.rglob found them), and a
    problem for each subdirectory that cannot be listed: rglob passed over those without a
    word, so `detente code news/` left their articles out silently."""
    problems: list[InputProblem] = []

    def problem(path: str, reason: str) -> None:
        problems.append(InputProblem(path, reason))

    found = [Path(folder, name)
             for folder, folders, names in walk_folder(directory, problem)
             for name in [*names, *folders] if name.endswith(".txt")]
    return sorted(found), problems


def read_file(path: Path, date: str | None, max_bytes: int, markup: bool = False
              ) -> Article | InputProblem:
    """A text file as an article (``markup``: a web page, whose character references its
    parser reads)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            shown, limit = size_text(size), size_text(max_bytes)
            if shown == limit:  # "1.5 kB, over the 1.5 kB limit" said no size over it
                shown, limit = f"{size:,} bytes", f"{max_bytes:,} bytes"
            return InputProblem(
                str(path), f"file is {shown}, over the {limit} limit for one article (split "
                "it, or raise --max-bytes)"
            )
        data = read_at_most(path, max_bytes + 1)
    except OSError as exc:
        return InputProblem(str(path), f"cannot read ({exc.strerror or exc})")
    return _article_from_bytes(path.stem, str(path), data, date, max_bytes, markup)


def read_at_most(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of a file. A device or a pipe has no size to check first
    (/dev/zero, `<(yes)`), and reading all of it would never end or fill memory."""
    with open_input(path) as stream:
        return read_up_to(stream, size)


def _article_from_bytes(
    doc_id: str, where: str, data: bytes, date: str | None, max_bytes: int,
    markup: bool = False,
) -> Article | InputProblem:
    if len(data) > max_bytes:
        return InputProblem(where, f"input is over the {size_text(max_bytes)} limit")
    if wide := wide_text(data):
        return InputProblem(where, wide)
    if kind := not_text_kind(data):  # (a PDF in ASCII decodes as UTF-8, and was coded)
        return InputProblem(where, f"{kind}, not text")
    # find() scans the bytes already read, without a copy; a NUL past the first block (a
    # damaged or glued-together file) was kept in the article's text
    nul = data.find(b"\x00")
    if 0 <= nul < BINARY_PROBE:
        return InputProblem(where, "binary file, not text")
    if nul >= 0:
        return InputProblem(where, f"binary content (a NUL byte at offset {nul}), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputProblem(
            where, f"not UTF-8 text (invalid byte at offset {exc.start}); convert it to UTF-8"
        )
    if not text.strip():
        return InputProblem(where, "empty file")
    if table := event_table(text):  # its rows had been coded as sentences: 0 events, no word
        return InputProblem(where, table)
    # "Russia&#39;s" is "Russia's"; CRLF a line break (a page's references are its parser's)
    text = plain_line_ends(text) if markup else read_copy(text)
    return Article(doc_id=doc_id, text=text, date=date or date_in_text(text), meta=where)


def date_in_text(text: str) -> str | None:
    """The ISO day of a date written in the first lines (a dateline or header), if there is
    one, read as the coder reads those lines."""
    match = _DATE_PATTERN.search(_visible_head(text))
    if not match:
        return None
    try:
        return parse_date(match.group(1)).date().isoformat()
    except (ValueError, OverflowError):
        return None


def _visible_head(text: str) -> str:
    """The first DATE_LINES lines of the text as the coder reads it (``read_copy``): a soft
    hyphen in "Ma\\u00adrch 5, 2024" or a zero-width space before it hid the dateline, while
    the coder, which never sees them, read the date's words. Only the head is cleaned, a
    longer piece each time the lines run past it, not the whole of a long article."""
    size = HEAD_CHARS
    while True:
        lines = read_copy(text[:size]).strip().splitlines()
        # one line more than needed: the last of those needed is whole, not cut at ``size``
        if len(lines) > DATE_LINES or size >= len(text):
            return "\n".join(lines[:DATE_LINES])
        size *= 4


# A number of three or four digits with a leading zero: a year below 100 written in full.
_PADDED_YEAR = re.compile(r"(?<!\d)0\d{2,3}(?!\d)")


class _YearsAsWritten(date_parser.parserinfo):
    """dateutil's reading, except that a year written with leading zeros is that year.

    dateutil moves a year below 100 into the century around today ("1 Jan 01" is 2001), and
    it does so also when the year was written in full, since the number reaches it without its
    digits ("1 Jan 0001" was 2001 too, and "1 Jan 0000" the year 2000)."""

    def __init__(self, written: set[int]) -> None:
        super().__init__()
        self.written = written

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        if year in self.written:
            return year
        return super().convertyear(year, century_specified)


def parse_date(text: str, **options: Any) -> datetime:
    """``dateutil.parser.parse(text, **options)``, with a year written in four digits (or
    three) taken as written: "1 Jan 0001" is the year 1, not 2001. Raises as dateutil does
    (ValueError, OverflowError); a year 0 is a ValueError."""
    written = {int(digits) for digits in _PADDED_YEAR.findall(text)}
    if not written:
        return date_parser.parse(text, **options)
    return date_parser.parser(_YearsAsWritten(written)).parse(text, **options)
