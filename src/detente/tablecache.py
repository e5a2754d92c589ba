"""Tables built once and kept between runs, so a coder starts without rebuilding them.

A table such as the gazetteer is derived from data files and installed packages; building it
takes seconds, reading it back a fraction of that. Each cached table is one pickle file named by
a fingerprint of everything it was built from: a changed input gives a new name, so a stale
file is never read (and is removed when the new one is written).

The folder is ``$DETENTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/detente``, else
``~/.cache/detente``. Nothing is ever downloaded. The cache is an optimisation only: a folder
that cannot be created or written, or a file that cannot be read back, means the table is built
as if there were no cache, and coding goes on.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

CACHE_ENV = "DETENTE_CACHE_DIR"
# Bumped when the cache's own layout changes; part of every fingerprint.
LAYOUT = "1"

T = TypeVar("T")


def cache_dir() -> Path:
    """The folder cached tables go into (it may not exist yet)."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "detente"


def fingerprint(parts: Iterable[str | bytes]) -> str:
    """A short hash of a table's inputs (file contents, package versions, code)."""
    digest = hashlib.sha256(f"{LAYOUT} {sys.version_info[:2]}".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        # the length keeps ("ab", "c") and ("a", "bc") apart
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:16]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The table ``name`` built from inputs whose fingerprint is ``key``: read from the cache
    when a file for exactly that key is there, else built and (if possible) stored."""
    path = cache_dir() / f"{name}-{key}.pickle"
    value = _read(path)
    if value is not None:
        return value
    value = build()
    _write(path, value, name)
    return value


def _read(path: Path) -> object | None:
    try:
        with path.open("rb") as handle, _collector_paused():
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # truncated, from another version, unreadable: build it again
        return None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Unpickling creates ~10^5 objects and none of them is garbage; the cycle collector would
    walk them again and again as they arrive (it nearly doubled the gazetteer's read time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _write(path: Path, value: object, name: str) -> None:
    """Store atomically (a concurrent reader sees the old file or the whole new one) and drop
    the files this table had under other fingerprints."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for stale in path.parent.glob(f"{name}-*.pickle"):
            if stale != path and stale.name.rsplit("-", 1)[0] == name:
                stale.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass  # a read-only or full disk costs start-up time, never a result
