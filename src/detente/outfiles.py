"""Writing output files so that a failed write never leaves a half-written file behind under
the name of a complete one.

Each file is written under a ``.part`` name of its own writer beside it and renamed to its own
name only once everything is written; on any error the part is removed. A full disk, a quota,
a file size limit or an unwritable folder becomes one ``WriteError`` naming the file.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb

from detente.cleantext import shown_name
from detente.stopping import interrupted

PART_SUFFIX = ".part"
_PARTS = itertools.count()  # several parts of one process (threads, nested writes)
_ERRNO = re.compile(r'"errno"\s*:\s*"?(\d+)')


class WriteError(Exception):
    """An output file could not be written; the message names it, in one line."""


class WriteStopped(KeyboardInterrupt):
    """A Ctrl-C or SIGTERM stopped the write of ``path``; what was written of it is removed.
    A KeyboardInterrupt still, so every Ctrl-C path takes it as before."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


# The stores this process has opened (their files and DuckDB's write-ahead logs): an output
# never replaces one ("graph --db x.html --out x.html --force" had written the page over the
# store it was drawn from)
_STORES: set[str] = set()


def protect(path: str | Path) -> None:
    """Never write an output over this store file, nor its write-ahead log."""
    real = os.path.realpath(path)
    _STORES.update((real, real + ".wal"))


def _a_store(path: Path) -> bool:
    real = os.path.realpath(path)
    if real in _STORES:
        return True
    # another name of the same file (a hard link)
    return path.exists() and any(
        os.path.exists(store) and os.path.samefile(path, store) for store in _STORES)


def write_failure(path: Path, exc: BaseException) -> WriteError | None:
    """The one-line error for a failed write of ``path``; None if ``exc`` is no write error."""
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
    elif isinstance(exc, duckdb.IOException | duckdb.PermissionException):
        # DuckDB's message carries a JSON blob; its errno says it best ("No space left ...")
        found = _ERRNO.search(str(exc))
        lines = str(exc).strip().splitlines()
        reason = os.strerror(int(found.group(1))) if found else (lines[0] if lines else "")
    else:
        return None
    return WriteError(f"{shown_name(path)}: cannot write ({reason}); no {path.name} was written")


@contextlib.contextmanager
def replacing(path: str | Path, replace: bool = True) -> Iterator[Path]:
    """A path to write instead of ``path``; it becomes ``path`` when the block ends without
    an error, and is removed otherwise (a write error is raised as a WriteError).

    With ``replace`` False a file already under ``path`` when the block ends is left as it
    is and the WriteError says so: a caller's own "already exists" check comes before the
    write, and another writer may take the name in between."""
    path = Path(path)
    if path.name in ("", ".", ".."):
        # `--out ''`, `.` or `/` names a folder, not a file (with_name would raise ValueError)
        raise WriteError(f"{shown_name(path)}: a folder, not a file name; name the file to write")
    # A part of this writer's own: two exports to one path at once had shared one part, and
    # the first renamed it while the second still wrote into it (a file of both, "wrote")
    part = path.with_name(f"{path.name}.{os.getpid()}-{next(_PARTS)}{PART_SUFFIX}")
    if _a_store(path):
        raise WriteError(f"{shown_name(path)}: is an event store this command opened (--db); "
                         "name another file, nothing was written")
    if path.parent.exists() and not path.parent.is_dir():
        raise WriteError(f"{shown_name(path)}: cannot write ({shown_name(path.parent)} is not "
                         "a directory)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_dead_writers_parts(path)
        yield part
        if replace:
            os.replace(part, path)
        else:
            _place_new(part, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        if not isinstance(exc, WriteStopped) and (isinstance(exc, KeyboardInterrupt)
                                                  or interrupted(exc)):
            # the command's last line names the file it did not write (a DuckDB query stopped
            # by the signal said "Query interrupted" instead)
            raise WriteStopped(path) from exc
        if isinstance(exc, Exception) and (failure := write_failure(path, exc)):
            raise failure from exc
        raise


def _place_new(part: Path, path: Path) -> None:
    """Give ``part`` the name ``path`` only if no file has it: a link, unlike a rename, never
    replaces one, so of two writers the later is refused in place of the earlier replaced."""
    try:
        try:
            os.link(part, path)
        except FileExistsError:
            raise
        except OSError:
            # a file system without hard links: take the name first (O_EXCL), then fill it; a
            # reader may see it empty for a moment, but no one's file is replaced
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
            os.replace(part, path)
            return
    except FileExistsError:
        if os.path.isdir(path) and not os.path.islink(path):
            os.replace(part, path)  # raises "Is a directory", the error --force would give
        raise WriteError(f"{shown_name(path)}: already exists; add --force to replace it") from None
    with contextlib.suppress(OSError):  # the file is written; a part left is the next one's
        part.unlink()


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` is running (this one included): what it writes is left alone;
    what a dead process left is anyone's to remove."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process, or no pid this system gives: left alone
    return True


def _remove_dead_writers_parts(path: Path) -> None:
    """Remove the parts of ``path`` that writers no longer running left (a SIGTERM or a kill
    -9 ends a writer before it can remove its part): each writer's part has a name of its
    own, so without this they would pile up beside the output, one per stopped run."""
    own_parts = re.compile(re.escape(path.name) + r"\.(\d+)-\d+" + re.escape(PART_SUFFIX) + "$")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        found = own_parts.match(name)
        if found and not process_alive(int(found.group(1))):
            with contextlib.suppress(OSError):
                (path.parent / name).unlink()


def output_directory(path: str | Path) -> Path:
    """The folder an export writes into, made if missing; a WriteError if it cannot be."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise WriteError(f"{shown_name(path)}: not a directory (name a folder to write the "
                         "files into)")
    if path.is_symlink() and not path.exists():  # mkdir's own word was "File exists"
        raise WriteError(f"{shown_name(path)}: a dangling symbolic link (to "
                         f"{shown_name(os.readlink(path))}, which does not exist); name a folder "
                         "to write the files into")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"{shown_name(path)}: cannot make the folder "
                         f"({exc.strerror or exc})") from exc
    return path
