"""Work units: the corpus cut into pieces a worker can code on its own.

A unit is a whole file, or for a large plain JSONL file a range of its lines (cut at line
starts, with the number of the first line so ids match a whole-file read). A unit's id
depends on the file's path, size, modification time and range, so a rerun recognises the
units it already coded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from detente.ingest.readers import (
    DEFAULT_FIELDS,
    FieldNames,
    Item,
    folder_contents,
    format_of,
    missing_reason,
    read_file,
    read_jsonl_range,
)
from detente.ingest.text import DEFAULT_MAX_BYTES, InputProblem

DEFAULT_CHUNK_BYTES = 4_000_000
_BLOCK = 1 << 20


@dataclass(frozen=True)
class WorkUnit:
    path: str
    start: int = 0
    end: int | None = None  # None: the whole file
    first_line: int = 1
    size: int = 0
    mtime_ns: int = 0

    @property
    def unit_id(self) -> str:
        key = f"{self.path}|{self.size}|{self.mtime_ns}|{self.start}|{self.end}"
        return hashlib.sha256(key.encode()).hexdigest()[:20]

    def read(
        self, fields: FieldNames = DEFAULT_FIELDS, date: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> Iterator[Item]:
        """The documents (and problems) of this unit."""
        if self.end is None:
            return read_file(self.path, fields, date, max_bytes)
        return read_jsonl_range(self.path, self.start, self.end, self.first_line, fields, date,
                                max_bytes)


def plan_units(
    paths: list[str], chunk_bytes: int = DEFAULT_CHUNK_BYTES
) -> tuple[list[WorkUnit], list[InputProblem]]:
    """Units for every input, in the order a single-process ingest reads them."""
    units: list[WorkUnit] = []
    problems: list[InputProblem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files, unreadable = folder_contents(path)
            problems.extend(unreadable)
            if not files and not unreadable:
                problems.append(InputProblem(raw, "directory has no supported files"))
        elif path.exists():
            files = [path]
        else:
            problems.append(InputProblem(raw, missing_reason(path)))
            continue
        for file in files:
            units.extend(_file_units(file, chunk_bytes))
    return units, problems


def _file_units(path: Path, chunk_bytes: int) -> list[WorkUnit]:
    stat = path.stat()
    whole = WorkUnit(str(path), size=stat.st_size, mtime_ns=stat.st_mtime_ns)
    kind, gzipped = format_of(path)
    if kind != "jsonl" or gzipped or stat.st_size <= chunk_bytes:
        return [whole]
    return [
        WorkUnit(str(path), start, end, first_line, stat.st_size, stat.st_mtime_ns)
        for start, end, first_line in _line_ranges(path, chunk_bytes)
    ]


def _line_ranges(path: Path, chunk_bytes: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, first line) of consecutive ranges of about chunk_bytes, cut after a newline."""
    size = path.stat().st_size
    start, first_line = 0, 1
    with path.open("rb") as stream:
        while start < size:
            stream.seek(min(start + chunk_bytes, size))
            stream.readline()  # the rest of the line the cut fell in
            end = stream.tell()
            stream.seek(start)
            lines = sum(block.count(b"\n") for block in _blocks(stream, end - start))
            yield start, end, first_line
            start, first_line = end, first_line + lines


def _blocks(stream, length: int) -> Iterator[bytes]:
    while length > 0:
        block = stream.read(min(_BLOCK, length))
        if not block:
            return
        length -= len(block)
        yield block
