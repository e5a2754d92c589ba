"""Reading bytes from outside with bounds: named pipes that may never be written to, and lines
that may never end or end in a lone CR.

Light on imports on purpose: the GDELT, ICEWS and POLECAT imports and the readers share it.
"""

from __future__ import annotations

import errno
import gzip
import io
import os
import re
import select
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import IO, BinaryIO

from detente.cleantext import shown_name

# A named pipe is read only while something writes to it: opening one with no writer would
# wait forever, so it is opened without waiting, and a pipe that stays silent this long ends.
PIPE_IDLE_SECONDS = 30.0


def open_input(path: str | Path) -> BinaryIO:
    """A file opened for reading bytes. A named pipe (a FIFO, or `<(command)`) is opened
    without waiting for a writer and read with a time bound: when nothing arrives for
    PIPE_IDLE_SECONDS, reading raises TimeoutError (an OSError) instead of hanging."""
    if not stat.S_ISFIFO(os.stat(path).st_mode):
        return Path(path).open("rb")  # noqa: SIM115 -- the caller closes it
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    return io.BufferedReader(_PipeReader(fd, PIPE_IDLE_SECONDS))


@contextmanager
def open_lines(path: Path) -> Iterator[IO[bytes]]:
    """An event file's bytes (the GDELT, ICEWS and POLECAT imports): plain, gzip, or the
    single member of a zip."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        with open_input(path) as raw, gzip.GzipFile(fileobj=raw) as stream:
            yield stream
    elif suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            if len(members) != 1:
                raise zipfile.BadZipFile(f"{len(members)} files inside, expected one")
            member = members[0]
            try:
                opened = archive.open(member)
            except NotImplementedError:  # Deflate64, PPMd and the like (a RuntimeError too)
                raise zipfile.BadZipFile(
                    f"{shown_name(member.filename)} is compressed with method "
                    f"{member.compress_type}, which cannot be read here") from None
            except RuntimeError:  # zipfile's word for a member that needs a password
                raise zipfile.BadZipFile(
                    f"{shown_name(member.filename)} is encrypted; a password is needed") from None
            with opened:
                yield opened
    else:
        with open_input(path) as stream:  # a named pipe with no writer ends, not hangs
            yield stream


class _PipeReader(io.RawIOBase):
    """The read end of a pipe, opened non-blocking; each read waits at most ``idle`` seconds.

    On Linux, poll() on a FIFO that never had a writer waits for one (it does not report
    end of file), so "no writer yet" and "writer silent" both end in the same time bound."""

    def __init__(self, fd: int, idle: float) -> None:
        super().__init__()
        self.fd = fd
        self.idle = idle
        self.poller = select.poll()
        self.poller.register(fd, select.POLLIN | select.POLLHUP)

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def readinto(self, buffer) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        while True:
            if not self.poller.poll(self.idle * 1000):
                raise TimeoutError(errno.ETIMEDOUT, "a named pipe with nothing written to it "
                                   f"for {self.idle:g} s")
            try:
                data = os.read(self.fd, len(view))
            except BlockingIOError:  # woken without data: wait again
                continue
            view[: len(data)] = data
            return len(data)

    def close(self) -> None:
        if not self.closed:
            os.close(self.fd)
        super().close()


def read_up_to(stream: BinaryIO, size: int) -> bytes:
    """At most ``size`` bytes of a stream, read LINE_CHUNK bytes at a time. ``stream.read(size)``
    allocates ``size`` bytes before it reads any: with --max-bytes 100000000000 every file,
    however small, failed with MemoryError (past 2**63, OverflowError: a traceback in `code`),
    and a limit of 2 GB cost 2 GB for each. Here memory follows what the stream holds."""
    buffer = io.BytesIO()
    while (left := size - buffer.tell()) > 0:
        block = stream.read(min(LINE_CHUNK, left))
        if not block:
            break
        buffer.write(block)
    return buffer.getvalue()


def walk_folder(directory: str | Path, problem: Callable[[str, str], None]
                 ) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk`` of a folder that follows symbolic links to folders, each real folder once;
    ``problem(path, reason)`` is told of each folder that cannot be listed.

    Not following links (os.walk's default, and Path.rglob's) left every file under a linked
    folder (``news/2004 -> /archive/2004``) out of a run without a word. A link back to the
    folder that holds it, or to one above it, would never end (or read everything above the
    folder named): it is a problem, and not followed; a second way into a folder already
    walked is not followed either, so no file is read twice. The caller may prune or sort
    ``subfolders``, as with os.walk.

    The walk keeps its own stack, in os.walk's order (each folder before those inside it):
    os.walk recurses once per level, and a folder 1,000 levels deep (a mirror of a site whose
    relative links lead ever deeper) stopped every command with a RecursionError."""
    top = os.path.realpath(directory)
    seen = {top}
    waiting = [(str(directory), top)]  # a folder, and its real path
    while waiting:
        folder, here = waiting.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as exc:
            problem(str(exc.filename or folder),
                    f"cannot list the directory ({exc.strerror or exc})")
            continue
        subfolders, names = [], []
        for entry in listed:
            (subfolders if _is_folder(entry) else names).append(entry.name)
        real = _not_walked(folder, here, subfolders, seen, problem)
        subfolders[:] = list(real)
        yield folder, subfolders, names
        waiting.extend((os.path.join(folder, name), real.get(name) or os.path.realpath(
            os.path.join(folder, name))) for name in reversed(subfolders))


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # (a link to a folder is one)
    except OSError:
        return False


def _not_walked(folder: str, here: str, subfolders: list[str], seen: set[str],
                problem: Callable[[str, str], None]) -> dict[str, str]:
    """The subfolders to walk into, each with its real path: not a link to a folder that holds
    this one (``here``, its real path; a problem), nor a second way into one walked already.
    Only a link's real path is looked up (os.path.realpath reads every folder of a path: in a
    deep tree, once per level for each level, the square of its depth)."""
    kept = {}
    for name in subfolders:
        path = os.path.join(folder, name)
        link = os.path.islink(path)
        target = os.path.realpath(path) if link else os.path.join(here, name)
        if link and (here == target or here.startswith(target.rstrip(os.sep) + os.sep)):
            problem(path, f"symbolic link loop (to {shown_name(target)}, a folder that "
                    "holds it); not followed")
        elif target not in seen:
            seen.add(target)
            kept[name] = target
    return kept


def folder_files(folder: Path, suffixes: tuple[str, ...], problem: Callable[[str, str], None]
                 ) -> list[Path]:
    """The files under a folder whose names end in one of ``suffixes`` (lower case), sorted;
    ``problem(path, reason)`` is told of each subfolder that cannot be listed, each link that
    loops or names nothing and each pipe or device with such a name. Path.rglob passed over
    all of these without a word, and over linked folders too."""
    files = []
    for where, _, names in walk_folder(folder, problem):
        for name in names:
            path = Path(where, name)
            if path.suffix.lower() not in suffixes:
                continue
            if reason := look_problem(path):  # a folder listed but not entered (r--)
                problem(str(path), reason)
            elif path.is_file():
                files.append(path)
            elif path.exists():  # a named pipe or a device: reading one may never end
                problem(str(path), "not a regular file (a named pipe or a device), left out "
                        "of the folder's files")
            elif path.is_symlink():
                problem(str(path), missing_reason(path))
    return sorted(files)


def first_line_of(exc: BaseException) -> str:
    """An error's message, its first line only (its type's name if it has none)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# What an existence check reads as "not there" (as Path.exists() does); ``missing_reason``
# then says how it is missing.
_MISSING = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def look_problem(path: str | Path) -> str | None:
    """Why a path cannot even be looked at, or None when it is there or missing: a folder on
    its way the user may not enter, a name past the file system's 255 bytes. Python 3.11's
    Path.exists() and is_dir() raise for these, not only for a file that is not there: every
    command stopped with an OSError traceback, its other inputs unread."""
    try:
        os.stat(path)
    except OSError as exc:
        return None if exc.errno in _MISSING else f"cannot read ({exc.strerror or exc})"
    return None


def missing_reason(path: Path) -> str:
    """Why a path that does not exist as far as reading goes is missing: a broken link, a
    link that loops back on itself, or nothing there at all."""
    if not path.is_symlink():
        return "no such file or directory"
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link points back at itself)"
    return f"dangling symbolic link (to {shown_name(os.readlink(path))}, which does not exist)"


# Why '' is refused as an input path: Path('') is the current folder, so `detente ingest
# "$DIR"` with DIR unset read every file under it.
EMPTY_PATH = "an empty path names no file or folder"

LINE_CHUNK = 1 << 16  # bytes read at a time
# The byte-order marks of UTF-16 and UTF-32: text, but not UTF-8 (and full of NUL bytes).
_WIDE_MARKS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
               (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def wide_text(head: bytes) -> str | None:
    """The problem with bytes that start with a UTF-16 or UTF-32 byte-order mark, or that are
    such text without one, else None."""
    for mark, name in _WIDE_MARKS:
        if head.startswith(mark):
            return f"{name} text, not UTF-8; convert it to UTF-8"
    if name := _wide_without_mark(head[:WIDE_PROBE]):
        # it had been "binary file, not text", as if the file were damaged
        return f"{name} text without a byte-order mark, not UTF-8; convert it to UTF-8"
    return None


# How common files that are not text begin (their "magic numbers"). Such a file whose bytes
# happen to decode as UTF-8 (a PDF written in ASCII, a zip of stored text with no NUL in its
# headers, a GIF) was coded as an article: the PDF's page text between its operators, events
# and all, or nothing, with no word of why. The list is data/file_signatures.yaml (which says
# why no file-type library reads them).
SIGNATURES_FILE = "file_signatures.yaml"


@lru_cache(maxsize=1)
def file_signatures() -> tuple[tuple[bytes, str], ...]:
    """(first bytes, what such a file is) of data/file_signatures.yaml, read once."""
    from detente.datafiles import read_packaged  # YAML only for a file that is read

    entries = read_packaged(SIGNATURES_FILE).get("signatures")
    where = f"detente/data/{SIGNATURES_FILE}"
    if not isinstance(entries, list):
        raise ValueError(f"{where}: 'signatures' must be a list")
    signatures = []
    for number, entry in enumerate(entries, start=1):
        head = entry.get("bytes") if isinstance(entry, dict) else None
        kind = entry.get("kind") if isinstance(entry, dict) else None
        if not (isinstance(head, str) and head and isinstance(kind, str) and kind):
            raise ValueError(f"{where}: signature {number} needs 'bytes' and 'kind' as text")
        signatures.append((head.encode("latin-1"), kind))
    return tuple(signatures)


def not_text_kind(head: bytes) -> str | None:
    """What a file that begins with these bytes is, when its signature says it is not text
    ("a PDF document"), else None."""
    for signature, kind in file_signatures():
        if head.startswith(signature):
            return kind
    return None


WIDE_PROBE = 512  # bytes looked at for UTF-16 or UTF-32 text without a byte-order mark
# (width, where the NUL bytes of Latin text fall in each character, name): UTF-32 first,
# whose characters look like two UTF-16 ones
_WIDE_LAYOUTS = ((4, (1, 2, 3), "UTF-32LE"), (4, (0, 1, 2), "UTF-32BE"),
                 (2, (1,), "UTF-16LE"), (2, (0,), "UTF-16BE"))


def _wide_without_mark(head: bytes) -> str | None:
    """The encoding of UTF-16 or UTF-32 text without a byte-order mark, told by where its NUL
    bytes fall: in text mostly of Latin letters, each character's high bytes are NUL and its
    low byte is not (what .NET's Encoding.Unicode and some exports write)."""
    for width, high, name in _WIDE_LAYOUTS:
        characters = len(head) // width
        if characters < 4:
            continue
        rows = [head[i * width:(i + 1) * width] for i in range(characters)]
        latin = sum(all(row[k] == 0 for k in high)
                    and any(row[k] for k in range(width) if k not in high) for row in rows)
        if latin >= 0.9 * characters:
            return name
    return None


@dataclass(frozen=True)
class BlankLines:
    """Blank (white space only) lines in a row, given as one item: yielding them one by one
    took 25 s for 20 MB of line ends. ``size`` is what ``bounded_blank_runs`` counts of them:
    their bytes, a line end each, without the CR of a CR LF (as for the lines yielded one by
    one)."""

    count: int
    size: int


Line = bytes | None | BlankLines


# Lines end as the file's first line ends: in a file that mixes line ends (files joined
# together), records ended by a lone CR after a first line ended by LF run into one line, and
# records ended by LF after a first line ended by a lone CR (an old Mac file added to).
_MIXED_LINE_ENDS = ("; the line holds a lone CR: this file's first line ends in LF, so a lone "
                    "CR ends no record (convert its line ends to LF)")
_MIXED_LINE_ENDS_CR = ("; the line holds a LF: this file's first line ends in a lone CR, so a "
                       "LF ends no record (convert its line ends to LF)")


def mixed_line_ends(line: bytes | str) -> str:
    """Why a line of ``split_lines`` holds more than one record, if its line ends say so;
    else ''. Said by the JSON Lines reader and the importers of event files: a GDELT row and
    the next joined by a lone CR was "113 tab-separated fields", and no more."""
    text = line.decode("latin-1") if isinstance(line, bytes) else line
    if "\n" in text:  # only a file whose lines end in a lone CR keeps a LF inside a line
        return _MIXED_LINE_ENDS_CR
    return _MIXED_LINE_ENDS if "\r" in text.rstrip("\r") else ""


def split_lines(stream: BinaryIO, limit: int) -> Iterator[Line]:
    """Each line of a stream, without its end; None for a line over ``limit`` bytes, whose
    rest is skipped without being held (a file with no line ends never fills memory); and
    BlankLines for blank lines in a row within one read (``numbered_lines`` numbers the lines
    after them as if each blank line had come alone).

    Lines end in LF (a CR before it is dropped), or, when that is how the first line of the
    file ends, in a lone CR (files from old Macs and some spreadsheet exports)."""
    # read1: what one read gives, so a gzip cut short costs only the lines of its last block
    read = getattr(stream, "read1", None) or stream.read
    head = b""  # up to the first line end (at most the limit): it tells the file's line ends
    while not _first_end_known(head) and len(head) <= limit and (more := read(LINE_CHUNK)):
        head += more
    end = b"\r" if _lone_cr_first(head) else b"\n"
    buffer = bytearray()
    skipping = False  # inside a line already over the limit
    for chunk in chain([head], iter(lambda: read(LINE_CHUNK), b"")):
        start = 0
        while True:
            if not buffer and not skipping and (run := _blank_run(chunk, start, end, limit)):
                yield _blank_lines(chunk, start, run, end)
                start = run
            if (stop := chunk.find(end, start)) < 0:
                break
            if skipping or len(buffer) + stop - start > limit:
                yield None
            else:
                buffer += chunk[start:stop]
                yield _without_cr(bytes(buffer)) if end == b"\n" else bytes(buffer)
            buffer.clear()
            skipping = False
            start = stop + 1
        if not skipping:
            buffer += chunk[start:]
            if len(buffer) > limit:
                skipping = True
                buffer.clear()
    if skipping:
        yield None
    elif buffer:
        yield _without_cr(bytes(buffer)) if end == b"\n" else bytes(buffer)


_SPACE = b" \t\n\r\x0b\x0c"  # what bytes.strip() takes for white space
# The longest blank line the careful pattern takes (a longer one goes the slow way): the bound
# keeps its repeat count under what the re module allows.
_MAX_BLANK_LINE = 1 << 30


def _blank_run(chunk: bytes, start: int, end: bytes, limit: int) -> int | None:
    """Where the blank lines that start at ``start`` end (after the last one's end), or None
    when no blank line starts there. A run longer than ``limit`` is looked at again line by
    line, so that a blank line over the limit is left to the caller, as any line over it."""
    fast, careful = _patterns(end, min(limit, _MAX_BLANK_LINE))
    run = fast.match(chunk, start)
    if run and run.end() - start > limit:
        run = careful.match(chunk, start)
    return run.end() if run else None


@lru_cache(maxsize=8)
def _patterns(end: bytes, longest: int) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """(a run of blank lines ending in ``end``, the same with no line over ``longest``).

    The first is one greedy repeat of a character class, which the re module runs in C
    without a step per line; it backtracks only over the white space after the last line end.
    The second ends each line at ``end``, which no class of it holds, so it cannot backtrack
    further than into its last line."""
    fast = re.compile(b"[" + re.escape(_SPACE) + b"]*" + re.escape(end))
    line_space = re.escape(_SPACE.replace(end, b""))
    careful = re.compile(b"(?:[" + line_space + b"]{0,%d}" % longest + re.escape(end) + b")+")
    return fast, careful


def _blank_lines(chunk: bytes, start: int, stop: int, end: bytes) -> BlankLines:
    count = chunk.count(end, start, stop)
    crs = chunk.count(b"\r\n", start, stop) if end == b"\n" else 0
    return BlankLines(count, stop - start - crs)


def _first_end_known(data: bytes) -> bool:
    cr = data.find(b"\r")
    return b"\n" in data or 0 <= cr < len(data) - 1


def _lone_cr_first(data: bytes) -> bool:
    """Whether the first line end in ``data`` is a CR with no LF after it."""
    cr, lf = data.find(b"\r"), data.find(b"\n")
    return cr >= 0 and (lf < 0 or cr < lf) and cr + 1 < len(data) and data[cr + 1] != 0x0A


def _without_cr(line: bytes) -> bytes:
    return line[:-1] if line.endswith(b"\r") else line


# The most white space in a row a file may hold before the rest of it is left unread: what a
# JSON file gets at the default limits (5 MB per article, its JSON up to four times that).
BLANK_RUN_BYTES = 20_000_000
# How many blank lines in a row pass between two looks at the stop flag: a blank line yields no
# item, so a caller that looks at it once per item would never look while a run is skipped.
STOP_CHECK_LINES = 4096


def size_text(size: float) -> str:
    """A size in bytes for a message: MB with one decimal from 0.1 MB up, kB below that, bytes
    under a kilobyte (a limit of 500 bytes had read "the 0.0 MB limit")."""
    if size >= 100_000:
        return f"{size / 1e6:,.1f} MB"
    if size >= 1_000:
        return f"{size / 1e3:.1f} kB"
    return f"{size:.0f} byte" + ("" if size == 1 else "s")


def white_space_reason(limit: int) -> str:
    """The problem with a file holding more white space in a row than ``limit`` bytes."""
    return (f"over {size_text(limit)} of white space in a row; the rest of the file is left "
            "unread")


class BlankRun(Exception):
    """More blank lines in a row than a file may hold (an endless stream of line ends)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit  # the bytes of white space a run may hold


# what stops an event file part-way or before its first line; ``unreadable_reason`` says why
READ_FAILURES = (BlankRun, OSError, EOFError, zipfile.BadZipFile)


def unreadable_reason(failure: BaseException, line_no: int) -> str:
    """Why an event file could not be read to its end, as a problem's reason; ``line_no`` is
    the last line read (those before are imported)."""
    if isinstance(failure, BlankRun):
        return white_space_reason(failure.limit)
    if isinstance(failure, FileNotFoundError):
        return "no such file"
    if isinstance(failure, IsADirectoryError):
        return "is a directory"
    if isinstance(failure, zipfile.BadZipFile):
        return f"not a readable zip file ({first_line_of(failure)})"
    # a truncated .gz fails part-way: say how far it got
    where = f"unreadable after line {line_no}" if line_no else "unreadable"
    return f"{where} ({getattr(failure, 'strerror', None) or first_line_of(failure)})"


class Stopped(Exception):
    """The stop flag was raised (a signal) while blank lines were being skipped."""


def numbered_lines(lines: Iterable[Line], limit: int, stopped: Callable[[], object] | None = None
                   ) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) for each line, blank lines bounded as ``bounded_blank_runs`` bounds them;
    a run of blank lines comes as one empty line numbered as the last of them, so the next line
    keeps its number."""
    number = 0
    for line in bounded_blank_runs(lines, limit, stopped):
        if isinstance(line, BlankLines):
            number += line.count
            yield number, b""
        else:
            number += 1
            yield number, line


def bounded_blank_runs(lines: Iterable[Line], limit: int,
                       stopped: Callable[[], object] | None = None) -> Iterator[Line]:
    """The lines, with a bound on runs of blank (white space only) lines: raises BlankRun once
    a run holds over ``limit`` bytes (line ends counted), and Stopped when ``stopped()`` turns
    true while a run is skipped. BlankLines are passed on as they are: a caller that skips
    blank lines skips a run of them in one step. The run's bound and the stop flag are looked
    at before the run is passed on."""
    run_bytes = 0
    run_lines = 0
    for line in lines:
        if isinstance(line, BlankLines):
            count, size = line.count, line.size
        elif line is None or line.strip():
            run_bytes = run_lines = 0
            yield line
            continue
        else:
            count, size = 1, len(line) + 1
        looks = run_lines // STOP_CHECK_LINES  # the looks at the flag so far in this run
        run_bytes += size
        run_lines += count
        if run_bytes > limit:
            raise BlankRun(limit)
        if stopped and run_lines // STOP_CHECK_LINES > looks and stopped():
            raise Stopped
        yield line
