"""Reading event files that are tab-separated with a header line (ICEWS, POLECAT).

The header tells where each column is; a file whose first line is no header of the format is
one problem naming it, and nothing of it is read further. Each later line is one record:
a line of another number of fields, or one its format's mapping refuses, is one problem
naming the file and line, and the file's other lines are still read. Lines are read as GDELT
files are (``rawio``: plain, gzipped or one file in a zip, a line at a time, the same bounds
on line length and runs of blank lines, a stop flag). A line that is not UTF-8 is read as
Windows-1252 (the usual encoding of such files outside UTF-8) and counted in a note, rather
than lost.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from detente.cleantext import printable, shown_name, without_controls
from detente.ingest import rawio
from detente.ingest.importing import ImportNote, ImportProblem, ImportSummary
from detente.ingest.rawio import (
    READ_FAILURES,
    Stopped,
    mixed_line_ends,
    not_text_kind,
    numbered_lines,
    open_lines,
    split_lines,
    unreadable_reason,
    wide_text,
)

MAX_UNMATCHED_SHOWN = 10  # country names listed in the note on names that matched no code
_SEPARATORS = re.compile(r"[\s_\-]+")


@dataclass(frozen=True)
class Layout:
    """Where a file's columns are: the stored name of each field (None: outside the list)."""

    stored: tuple[str | None, ...]
    headers: tuple[str, ...]
    notes: tuple[str, ...] = ()


# a record's fields (stored name -> text) and the columns outside the list -> its event rows
RowsOf = Callable[[dict[str, str], dict[str, str], str], list[dict[str, Any]]]


@dataclass(frozen=True)
class HeaderedFormat:
    """One format of header-led tab-separated event files."""

    name: str  # "ICEWS", in messages
    read_header: Callable[[str], Layout | str]  # a layout, or why the line is no header
    rows_of: RowsOf  # event rows of one record; ValueError says why it has none
    missing: frozenset[str]  # what a missing value is written as
    max_line_bytes: int
    row_size: str  # how long its rows are, in messages ("a few hundred")


def header_key(name: str) -> str:
    """A column or country name as it is matched: no case, accents, or runs of spaces,
    underscores and hyphens ("Event_ID", "event id" and "EVENT-ID" are one)."""
    return _SEPARATORS.sub(" ", _fold(name)).strip()


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def split_header(text: str, stored_of_key: dict[str, str]
                 ) -> tuple[tuple[str, ...], tuple[str | None, ...]]:
    """A header line's names, and the stored name of each (None: outside the list), matched
    by ``header_key``."""
    headers = tuple(part.strip() for part in text.split("\t"))
    stored = tuple(stored_of_key.get(header_key(header)) for header in headers)
    return _distinct_extras(headers, stored), stored


def _distinct_extras(headers: tuple[str, ...], stored: tuple[str | None, ...]
                     ) -> tuple[str, ...]:
    """The header names, each column outside the list under a name of its own ("Note",
    "Note 2"; an empty name "column 21", by its place): their values are kept by name, and
    two columns of one name kept only the last."""
    taken = set(headers)  # (a name as written is its column's: "Note 2" may be one)
    seen: set[str] = set()
    named = []
    for place, (header, kept) in enumerate(zip(headers, stored, strict=True), start=1):
        if not kept and (not header or header in seen):
            base = header or f"column {place}"
            header, copy = base, 1
            while header in taken:
                copy += 1
                header = f"{base} {copy}"
            taken.add(header)
        seen.add(header)
        named.append(header)
    return tuple(named)


def header_problem(fmt_name: str, text: str, stored: tuple[str | None, ...],
                   header_of: dict[str, str], lacking: list[str]) -> str | None:
    """Why a header line is none of the format's: a column named twice, or the ``lacking``
    columns it must have; None when it is one."""
    named = [name for name in stored if name]
    if twice := sorted({header_of[name] for name in named if named.count(name) > 1}):
        return f"its header names {', '.join(twice)} more than once"
    if not lacking:
        return None
    begins = printable(text[:60]) + ("..." if len(text) > 60 else "")
    return (f"its first line is no {fmt_name} header: no {', '.join(lacking)} column (it "
            f"begins '{begins}'; {fmt_name} files begin with a header line such as "
            f"'{'<TAB>'.join(list(header_of.values())[:3])}<TAB>...')")


def read_rows(fmt: HeaderedFormat, path: Path, stopped: Callable[[], object] | None = None
              ) -> Iterator[dict[str, Any] | ImportProblem | ImportNote]:
    """Event rows (flat EVENT_COLUMNS, ready for ``Store.add_events``), problems and notes of
    one file, streamed. The first line that is not blank is the header."""
    name = str(path)
    line_no = 0
    layout: Layout | None = None
    rows = 0  # lines after the header that are not blank
    legacy: list[int] = []  # lines with bytes that are not UTF-8
    try:
        with open_lines(path) as stream:
            for line_no, raw in _numbered_lines(stream, fmt, stopped):
                if raw is not None and not raw:
                    continue  # blank lines (a run of them is one item): no event, no problem
                if layout is None:
                    found = _first_line(fmt, raw)
                    if isinstance(found, str):
                        yield ImportProblem(name, None, found)
                        return
                    layout = found
                    yield from (ImportNote(f"{shown_name(name)}: {note}") for note in found.notes)
                    continue
                if raw is None:
                    yield ImportProblem(name, line_no, f"line is over {fmt.max_line_bytes:,} "
                                        f"bytes; {fmt.name} rows are {fmt.row_size}")
                    continue
                text = _decoded(raw, line_no, legacy)
                rows += 1
                yield from _parse_line(fmt, name, line_no, text, layout)
        if layout is None:
            yield ImportProblem(name, None, f"empty file ({_article(fmt)} file has a header "
                                "line)")
        elif not rows:
            # (a release of a quiet week may be one; a file cut short after its header, or
            # the wrong file, said "0 read, 0 imported" and nothing of why)
            yield ImportNote(f"{shown_name(name)}: a header line and no rows: no events in it")
    except Stopped:  # the caller sees its own flag and records the run as interrupted
        pass
    except READ_FAILURES as failure:
        yield ImportProblem(name, None, unreadable_reason(failure, line_no))
    # not in a `finally`: a generator closed early (the import stopped) may not yield
    if legacy:
        lines = "1 line" if len(legacy) == 1 else f"{len(legacy):,} lines"
        yield ImportNote(f"{shown_name(name)}: {lines} held bytes that are not UTF-8, read as "
                         f"Windows-1252 (the first: line {legacy[0]:,})")


def _numbered_lines(stream: BinaryIO, fmt: HeaderedFormat,
                    stopped: Callable[[], object] | None) -> Iterator[tuple[int, bytes | None]]:
    # rawio's limits looked up at the call, so a test can lower them
    return numbered_lines(split_lines(stream, fmt.max_line_bytes), rawio.BLANK_RUN_BYTES,
                          stopped)


def _first_line(fmt: HeaderedFormat, raw: bytes | None) -> Layout | str:
    """The layout of a file's header line, or why the file is no file of the format."""
    if raw is None:
        return (f"not {_article(fmt)} event file: its first line is over "
                f"{fmt.max_line_bytes:,} bytes, where {fmt.name} files begin with a header "
                "line")
    if wide := wide_text(raw):
        return wide
    if kind := not_text_kind(raw):  # "its first line is not UTF-8 text" said no more
        return f"{kind}, not {_article(fmt)} event file"
    try:
        # a byte-order mark (an export from a spreadsheet) is not part of the first header
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return f"not {_article(fmt)} event file: its first line is not UTF-8 text"
    found = fmt.read_header(text.rstrip("\r\n"))
    return found if isinstance(found, Layout) else f"not {_article(fmt)} event file: {found}"


def _article(fmt: HeaderedFormat) -> str:
    return ("an " if fmt.name[0] in "AEIOU" else "a ") + fmt.name


def _decoded(raw: bytes, line_no: int, legacy: list[int]) -> str:
    """A line as text: UTF-8, each byte that is not part of UTF-8 read as Windows-1252 (so a
    stray byte does not turn the line's UTF-8 into mojibake); ``legacy`` gets its number."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        legacy.append(line_no)
        return raw.decode("utf-8", errors=_WINDOWS_1252_BYTES)


def _windows_1252_bytes(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    # the five bytes Windows-1252 leaves undefined are read as ISO-8859-1's controls
    return "".join(bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)
                   for byte in bad), error.end


_WINDOWS_1252_BYTES = "detente-windows-1252-bytes"
codecs.register_error(_WINDOWS_1252_BYTES, _windows_1252_bytes)


def _parse_line(fmt: HeaderedFormat, name: str, line_no: int, text: str, layout: Layout
                ) -> Iterator[dict[str, Any] | ImportProblem]:
    text = text.rstrip("\r\n")
    if not text.strip():
        return
    if "\x00" in text:
        # (stored raw, it went on into every export of the event; text has no NUL)
        yield ImportProblem(name, line_no, "a NUL byte: binary data, not text")
        return
    read = text  # as read: a CR inside it is made a space next
    text = without_controls(text)  # (an escape, a line separator: see cleantext)
    fields = text.split("\t")
    if len(fields) != len(layout.stored):
        yield ImportProblem(name, line_no, f"{len(fields)} tab-separated fields; the header "
                            f"has {len(layout.stored)}{mixed_line_ends(read)}")
        return
    record = {stored: value for stored, value in zip(layout.stored, fields, strict=True)
              if stored}
    extra = {header: value.strip() for header, stored, value
             in zip(layout.headers, layout.stored, fields, strict=True)
             if not stored and value.strip() not in fmt.missing}
    try:
        rows = fmt.rows_of(record, extra, name)
    except ValueError as exc:
        yield ImportProblem(name, line_no, str(exc))
        return
    for row in rows:
        row["where"] = f"{name}:{line_no}"  # (shown_name when said)
        yield row


def bounded_number(text: str | None, header: str, bounds: tuple[float, float]) -> float | None:
    """A number of a file, checked against its column's range; ValueError naming the column."""
    if text is None:
        return None
    try:
        if not text.isascii() or "_" in text:
            raise ValueError
        value = float(text)
    except ValueError:
        raise ValueError(f"{header} {text!r} is not a number") from None
    # float() reads "nan" and "inf" too; one NaN would null a dyad's Goldstein totals
    if not math.isfinite(value) or not bounds[0] <= value <= bounds[1]:
        raise ValueError(f"{header} {text!r} is outside {bounds[0]:g}..{bounds[1]:g}")
    return value


# ---- the country names a file's rows could not match ------------------------------------------
@dataclass
class UnmatchedSummary(ImportSummary):
    # country names (as the file wrote them) that matched no country code, and how often
    unmatched: Counter[str] = field(default_factory=Counter)


def counting_unmatched(summary: UnmatchedSummary, table: str) -> dict[str, Any]:
    """The ``import_event_files`` hooks that count each row's unmatched country names and say
    them in a closing note (``row["unmatched"]``; the names stay in ``table``)."""
    counts = summary.unmatched
    return {"take_row": lambda row: counts.update(row.pop("unmatched")),
            "closing_notes": lambda: [unmatched_note(counts, table)] if counts else []}


def unmatched_note(unmatched: Counter[str], table: str) -> str:
    """The note on the country names that matched no code, the commonest first."""
    shown = ", ".join(f"{name!r} ({count:,})"
                      for name, count in unmatched.most_common(MAX_UNMATCHED_SHOWN))
    more = len(unmatched) - MAX_UNMATCHED_SHOWN
    return (f"{unmatched.total():,} country names matched no country code and were stored as "
            f"null, the name kept in {table}: {shown}"
            + (f" and {more:,} more names" if more > 0 else ""))
