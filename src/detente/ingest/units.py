"""Work units: the corpus cut into pieces a worker can code on its own.

A unit is a whole file, or for a large plain JSONL file a range of its lines (cut at line
starts, with the number of the first line so ids match a whole-file read). A unit's id
depends on the file's path, size, modification time and range, so a rerun recognises the
units it already coded.

Planning reads each file a block at a time, and a range is read whole by its worker, so a line
longer than the per-article limit (a file of one 2 GB line) is a unit of its own, which is
reported as the whole-file reader reports it without being read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import BinaryIO

from detente.ingest.rawio import look_problem, size_text
from detente.ingest.readers import (
    DEFAULT_FIELDS,
    RECORD_JSON_FACTOR,
    FieldNames,
    Item,
    folder_contents,
    format_of,
    missing_reason,
    read_file,
    read_jsonl_range,
)
from detente.ingest.text import DEFAULT_MAX_BYTES, InputProblem, empty_path

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
    # The range is one line over the planner's limit: read says so rather than reading it whole
    # (unless the run's own limit is higher and the line fits it).
    long_line: bool = False

    @property
    def unit_id(self) -> str:
        key = f"{self.path}|{self.size}|{self.mtime_ns}|{self.start}|{self.end}"
        return hashlib.sha256(key.encode()).hexdigest()[:20]

    def read(
        self, fields: FieldNames = DEFAULT_FIELDS, date: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES, date_fills_in: bool = False,
    ) -> Iterator[Item]:
        """The documents (and problems) of this unit; ``date_fills_in`` as for
        readers.read_documents."""
        if self.end is None:
            return read_file(self.path, fields, date, max_bytes, date_fills_in)
        # end - start counts the line's LF; a line with none (the file's last) is one byte
        # shorter than that, so a line this long is over the limit either way
        if self.long_line and self.end - self.start - 1 > max_bytes * RECORD_JSON_FACTOR:
            # the reader's words and line number for a line over the limit (readers.py's
            # _jsonl_lines), so a cluster run reports it as a local ingest does
            where = f"{self.path}:{self.first_line}"
            return iter([InputProblem(where, f"input is over the {size_text(max_bytes)} limit")])
        return read_jsonl_range(self.path, self.start, self.end, self.first_line, fields, date,
                                max_bytes, date_fills_in)


STDIN_ON_A_CLUSTER = ("standard input cannot be coded on a Dask cluster (its workers read "
                      "files): save it to a file, or ingest it without --workers and --cluster")


def plan_units(
    paths: list[str], chunk_bytes: int = DEFAULT_CHUNK_BYTES, max_line: int = DEFAULT_MAX_BYTES,
    leave_out: Callable[[Path], bool] | None = None,
) -> tuple[list[WorkUnit], list[InputProblem]]:
    """Units for every input, in the order a single-process ingest reads them.

    A JSONL line over ``max_line`` bytes (the per-article limit) is a unit of its own, so no
    range a worker reads whole is much over ``chunk_bytes + max_line``. A folder's files for
    which ``leave_out`` is true (the run's own shard markers) are not inputs."""
    units: list[WorkUnit] = []
    problems: list[InputProblem] = []
    for raw in paths:
        if empty := empty_path(raw):
            problems.append(empty)
            continue
        if raw == "-":  # it had been looked for as a file named "-": "no such file"
            problems.append(InputProblem(raw, STDIN_ON_A_CLUSTER))
            continue
        path = Path(raw)
        if reason := look_problem(path):
            problems.append(InputProblem(raw, reason))
            continue
        if path.is_dir():
            files, unreadable = folder_contents(path)
            files = [file for file in files if not (leave_out and leave_out(file))]
            problems.extend(unreadable)
            if not files and not unreadable:
                problems.append(InputProblem(raw, "directory has no supported files"))
        elif path.exists():
            files = [path]
        else:
            problems.append(InputProblem(raw, missing_reason(path)))
            continue
        for file in files:
            if reason := _unreadable(file):
                problems.append(InputProblem(str(file), reason))
                continue
            units.extend(_file_units(file, chunk_bytes, max_line))
    return units, problems


def _unreadable(path: Path) -> str | None:
    """Why a regular file cannot be opened to read (a file the user may not read), in a local
    ingest's words, or None. Such a file had been planned as a unit that failed on the workers,
    three tries, "not coded on the cluster (this worker may not read ...)", and every run kept
    the other units' shards for a rerun that failed the same way. A pipe or a device is left to
    the reader (opening one to read may wait for a writer). The open does not wait: a file
    made a pipe after it was looked at held the planner till a writer came, and a file another
    program holds a write lease on, the lease's break time (45 s) each; such a file may be
    read, its reader waits."""
    try:
        if not S_ISREG(path.stat().st_mode):
            return None
        os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY))
    except BlockingIOError:
        return None  # a lease being broken: readable once it is
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    return None


def _file_units(path: Path, chunk_bytes: int, max_line: int) -> list[WorkUnit]:
    stat = path.stat()
    whole = WorkUnit(str(path), size=stat.st_size, mtime_ns=stat.st_mtime_ns)
    kind, gzipped = format_of(path)
    if kind != "jsonl" or gzipped or stat.st_size <= chunk_bytes:
        return [whole]
    with path.open("rb") as stream:
        # The reader ends every line in a lone CR when the file's first line ends so; cut at
        # LFs, such a file would be one range read whole. Read whole-file, it is streamed.
        if _lone_cr_first(stream, max_line):
            return [whole]
        stream.seek(0)
        return [
            WorkUnit(str(path), start, end, first_line, stat.st_size, stat.st_mtime_ns,
                     long_line)
            for start, end, first_line, long_line in _line_ranges(stream, chunk_bytes, max_line)
        ]


def _lone_cr_first(stream: BinaryIO, max_line: int) -> bool:
    """Whether the first line end is a CR with no LF after it, as ``rawio.split_lines`` tells
    a file's line ends (it looks no further than the first line's limit either)."""
    seen = 0
    after_cr = False  # the last block ended in a CR: its line end is told by the next byte
    while seen <= max_line and (data := stream.read(min(_BLOCK, max_line + 1))):
        if after_cr:
            return not data.startswith(b"\n")
        cr, lf = data.find(b"\r"), data.find(b"\n")
        if lf >= 0 and not 0 <= cr < lf:
            return False
        if cr >= 0:
            if cr + 1 < len(data):
                return data[cr + 1] != 0x0A
            after_cr = True
        seen += len(data)
    return False  # a file that ends in its first CR: split_lines reads it as LF-ended too


def _line_ranges(
    stream: BinaryIO, chunk_bytes: int, max_line: int
) -> Iterator[tuple[int, int, int, bool]]:
    """(start, end, first line, one long line) of consecutive ranges of the file: each ends
    after the first LF at or past ``chunk_bytes`` from its start, except that a line over
    ``max_line`` bytes (its LF not counted, as the reader counts) is a range of its own.

    One pass, one block in memory at a time (reading up to the LF after the cut took a whole
    line into memory: all of a file with no LF). Each block is looked at with a few searches
    in C, not one per line: a block is no longer than ``max_line`` + 1 bytes, so a line that
    starts and ends inside one is short; only the line that runs into a block from an earlier
    one, and the line at each cut, are looked at one by one."""
    block = min(_BLOCK, max_line + 1)
    start, first_line = 0, 1  # the range being built
    lines = 0  # the LFs in it so far
    line_start = 0  # where the line being read started
    pos = 0  # the file offset of the block
    while data := stream.read(block):
        at = 0
        while (lf := data.find(b"\n", at)) >= 0:
            end = pos + lf + 1
            if end - 1 - line_start > max_line:
                if line_start > start:
                    yield start, line_start, first_line, False
                yield line_start, end, first_line + lines, True
                start, first_line, lines = end, first_line + lines + 1, 0
            else:
                lines += 1
                if end - 1 >= start + chunk_bytes:
                    yield start, end, first_line, False
                    start, first_line, lines = end, first_line + lines, 0
            line_start = end
            at = lf + 1
            # The lines up to the cut start after an LF of this block: short, counted at once.
            cut = min(start + chunk_bytes - pos, len(data))
            if cut > at:
                if (last := data.rfind(b"\n", at, cut)) >= 0:
                    lines += data.count(b"\n", at, cut)
                    line_start = pos + last + 1
                at = cut
        pos += len(data)
    if start < pos:  # the last range, with the last line when no LF ends it
        if pos - line_start > max_line:
            if line_start > start:
                yield start, line_start, first_line, False
            yield line_start, pos, first_line + lines, True
        else:
            yield start, pos, first_line, False
