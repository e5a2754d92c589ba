"""Telling a table of events from news text: a GDELT, ICEWS, POLECAT, Phoenix (the daily
files or the Cline Center's historical ones) or GKG file, or detente's own CSV export, given to
`code`, `ingest` or `/api/code/file` was read as one article, its rows coded as sentences: 0
events, and no word of why.

A file is such a table when its first line is a header of one of the formats (tab- or
comma-separated; most of its names the format's), or when its first two lines are rows of a
format written without a header (tab-separated, the format's number of fields, its first
fields shaped as the format writes them). The column lists are the importers' and exporters'
own (gdelt.yaml, icews.yaml, polecat.yaml, export_specs.yaml, the store's event columns), and
GKG's and the historical Phoenix files' (event_tables.yaml). Only the first lines are looked
at: a news text has no line of 16 tabs, and no first line of five names or more all of one
format's columns.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from detente.datafiles import read_packaged

MIN_HEADER_NAMES = 5  # a header of fewer names is not told from a line of text
MAX_HEADER_CHARS = 4_000  # the longest header (GDELT 2.0's 61 names) is some 700
MAX_NAME_WORDS = 4  # "Primary Recipient Sector"; a clause of a sentence has more
MIN_ROW_TABS = 15  # the narrowest headerless rows (GDELT's mentions) have 16 fields
HEADER_SHARE = 0.8  # of a header's names that must be one format's columns
FIRST_LINES_CHARS = 200_000  # a GDELT 2.0 row is 1-3 kB; a GKG row may be 100 kB
_NOT_NAME = re.compile(r"[^0-9a-z]+")

NONE_READS = "detente imports none; `detente import` reads GDELT, ICEWS and POLECAT event files"


@dataclass(frozen=True)
class TableFormat:
    """One format of event tables: what to call it, what reads it, its columns (for a header)
    and, for one written without a header, how its rows look."""

    what: str
    reader: str  # the command that imports it ("gdelt"), or why none does
    columns: Callable[[], list[str]]
    row: Callable[[list[str]], bool] | None = None  # a headerless row of the format
    imported: bool = False  # ``reader`` names the `detente import` command that reads it

    def said(self, separator: str) -> str:
        """One line saying what the file is and what reads it: the importers read the files
        tab-separated, as they are published, and a comma-separated copy must say so."""
        if not self.imported:
            return f"{self.what}, not news text ({self.reader})"
        if separator == ",":
            return (f"{self.what}, comma-separated, not news text (`detente import "
                    f"{self.reader}` reads it tab-separated, as it is published)")
        return f"{self.what}, not news text (import it with `detente import {self.reader}`)"


def _key(name: str) -> str:
    """A column name as headers are matched: no case, spaces or punctuation ("Event ID",
    "event_id" and "EVENTID" are one; GKG's "V2.1DATE" is "v21date")."""
    return _NOT_NAME.sub("", name.casefold())


def _data(file: str, key: str) -> Callable[[], list[str]]:
    def columns() -> list[str]:
        table = read_packaged(file)
        for part in key.split("."):
            table = table[part]
        return [str(name) for name in table]

    return columns


def _mapped(file: str) -> Callable[[], list[str]]:
    """The header names of an importer's ``columns`` (name -> stored) and ``aliases``."""
    def columns() -> list[str]:
        table = read_packaged(file)
        return [*table["columns"], *(table.get("aliases") or {})]

    return columns


def _detente_csv() -> list[str]:
    from detente.model import EVENT_COLUMNS

    return [*EVENT_COLUMNS, "outlet", "title"]  # what `export --format csv` adds


def _digits(text: str, count: int | None = None) -> bool:
    return text.isascii() and text.isdigit() and (count is None or len(text) == count)


def _gdelt1_row(fields: list[str]) -> bool:
    return len(fields) in (57, 58) and _digits(fields[0])  # (57: the files before 2013-04)


def _gdelt2_row(fields: list[str]) -> bool:
    return len(fields) == 61 and _digits(fields[0])


def _mentions_row(fields: list[str]) -> bool:
    return len(fields) == 16 and _digits(fields[0]) and _digits(fields[1], 14)


_GKG_RECORD = re.compile(r"\d{14}-T?\d+")


def _gkg_row(fields: list[str]) -> bool:
    return len(fields) == 27 and bool(_GKG_RECORD.fullmatch(fields[0]))


def _phoenix_row(fields: list[str]) -> bool:
    return len(fields) == 26 and _digits(fields[1], 8)


FORMATS = (
    TableFormat("a GDELT 1.0 event file", "gdelt", _data("gdelt.yaml", "gdelt1"), _gdelt1_row,
                imported=True),
    TableFormat("a GDELT 2.0 event file", "gdelt", _data("gdelt.yaml", "gdelt2"), _gdelt2_row,
                imported=True),
    TableFormat("a GDELT 2.0 mentions file", "detente imports none; `detente import gdelt` "
                "reads the event file it goes with", _data("gdelt.yaml", "gdelt2_mentions"),
                _mentions_row),
    TableFormat("a GDELT Global Knowledge Graph file", NONE_READS,
                _data("event_tables.yaml", "gkg2"), _gkg_row),
    TableFormat("a GDELT Global Knowledge Graph file", NONE_READS,
                _data("event_tables.yaml", "gkg1")),
    TableFormat("a GDELT Global Knowledge Graph counts file", NONE_READS,
                _data("event_tables.yaml", "gkg1_counts")),
    TableFormat("an ICEWS event file", "icews", _mapped("icews.yaml"), imported=True),
    TableFormat("a POLECAT event file", "polecat", _mapped("polecat.yaml"), imported=True),
    TableFormat("a Phoenix event file", NONE_READS, _data("export_specs.yaml", "phoenix.columns"),
                _phoenix_row),
    TableFormat("a Cline Center Historical Phoenix event file", NONE_READS,
                _data("event_tables.yaml", "historical_phoenix")),
    TableFormat("a table of events as `detente export --format csv` writes it",
                "its events are coded already; give `code` or `ingest` the articles",
                _detente_csv),
)


@functools.cache
def _column_keys() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(_key(name) for name in table.columns()) for table in FORMATS)


def event_table(text: str) -> str | None:
    """What table of events ``text`` is, and what reads it, as one line ("a GDELT 2.0 event
    file, not news text (import it with `detente import gdelt`)"); None for anything else."""
    lines = [line.rstrip("\r") for line in text[:FIRST_LINES_CHARS].lstrip("\ufeff")
             .split("\n", 8)[:8] if line.strip()][:2]
    if not lines:
        return None
    separator = "\t" if "\t" in lines[0] else ","
    table = _header_of(lines[0], separator) or _rows_of(lines)
    return table.said(separator) if table else None


def _names(line: str, separator: str) -> list[str] | None:
    """The names of a line that may be a header, matched as headers are; None for a line no
    header is like (too long, too few names, a name of many words: a sentence), told before
    any format's list is read."""
    if len(line) > MAX_HEADER_CHARS or line.count(separator) < MIN_HEADER_NAMES - 1:
        return None
    try:
        cells = next(csv.reader([line], delimiter=separator))
    except csv.Error:
        return None
    if any(len(cell.split()) > MAX_NAME_WORDS for cell in cells):
        return None
    names = [name for name in map(_key, cells) if name]
    return names if len(names) >= MIN_HEADER_NAMES else None


def _header_of(line: str, separator: str) -> TableFormat | None:
    """The format whose header ``line`` is: the one that has the most of its names, when
    they are at least HEADER_SHARE of them."""
    if (names := _names(line, separator)) is None:
        return None
    best, share = None, 0.0
    for table, keys in zip(FORMATS, _column_keys(), strict=True):
        found = sum(name in keys for name in names) / len(names)
        if found > share:
            best, share = table, found
    return best if share >= HEADER_SHARE else None


def _rows_of(lines: list[str]) -> TableFormat | None:
    """The headerless format every one of ``lines`` is a row of (tab-separated)."""
    if any(line.count("\t") < MIN_ROW_TABS for line in lines):
        return None
    rows = [line.split("\t") for line in lines]
    for table in FORMATS:
        if table.row is not None and all(table.row(fields) for fields in rows):
            return table
    return None
