"""How many malloc arenas the process may use (glibc only), so a long ingest's memory does not
grow with the threads DuckDB starts.

Each time the store is opened, DuckDB starts its threads anew (9 on a 2-core machine), and
glibc gives threads their own arenas, up to eight per core. What a thread's arena holds free
at its top stays resident: ``malloc_trim`` does not return the top of an arena other than the
main one, and DuckDB's large blocks raise glibc's trim threshold so that freeing does not
either. A long ingest reopens the store after every checkpoint (``Store.reopen``), so one arena
after another fills to its high-water mark: measured 2026-12-04, the memory in use stayed at
100 MB (``mallinfo2``) and Python's own at 145 arenas while the resident memory grew by 4-5 MB
at a time, in the thread arenas. Two arenas hold the same work without it.
"""

from __future__ import annotations

import ctypes
import functools

M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h
STORE_ARENAS = 2  # the main thread's arena and one the threads share


@functools.cache
def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt  # noqa: B018 -- glibc has it; musl and other systems do not
    except (OSError, AttributeError):
        return None
    return libc


def bound_arenas(count: int = STORE_ARENAS) -> bool:
    """Let glibc make at most ``count`` malloc arenas from now on (``MALLOC_ARENA_MAX``
    overrides it). It takes effect while the process has made few arenas yet (glibc fixes its
    own limit once more than eight exist), so call it before opening the store; later, or
    outside glibc, nothing changes. Whether glibc took the setting."""
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.mallopt(M_ARENA_MAX, count))
