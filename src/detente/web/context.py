"""What every request of the web app shares: the database path, the write switch, the coder.

Each request opens its own connection to the store (read-only unless writes are allowed), so
the server does not hold the database between requests: once the dashboard has been idle for
``KEEP_WARM_SECONDS``, `detente ingest` can write to the same file, and the next request sees
what it wrote. Opening a DuckDB file from cold costs ~30 ms (more than most queries); while
requests keep coming, one extra connection keeps the database loaded so each request's own
connection opens in ~1 ms.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from detente.coder import Coder
from detente.ingest.rawio import look_problem
from detente.store import Store, StoreError, connect, foreign_file

KEEP_WARM_SECONDS = 2.0
T = TypeVar("T")
FileIdentity = tuple[int, int, int, int]  # device, inode, modification time in ns, size
_CONTEXTS: weakref.WeakSet[WebContext] = weakref.WeakSet()


@atexit.register
def _release_all() -> None:
    # Stop the keep-warm threads and close their connections before the interpreter tears
    # DuckDB's bindings down: a daemon thread killed inside DuckDB's C++ aborts the process.
    for context in list(_CONTEXTS):
        context.shutdown()


class NoDatabase(LookupError):
    """The server was started without a database file, or the file does not exist yet."""


class DatabaseUnavailable(RuntimeError):
    """The file exists but cannot be opened now (locked by an ingest, or not a detente store)."""


class CoderBusy(RuntimeError):
    """Other coding requests held the coder for longer than a request may wait."""


# A short article codes in well under this; a request that finds the coder busy for longer is
# behind a long text (up to the 20 s coding budget) or a queue, and a client is better told
# promptly to come back than left hanging.
CODER_WAIT_SECONDS = 1.0
CODER_POLL_SECONDS = 0.02
BUSY = "the coder is busy with other requests; try again in a minute"


class WebContext:
    """Per-application state; one instance lives on ``app.state.web``."""

    def __init__(self, db_path: str | Path | None, allow_writes: bool,
                 coder: Coder | None = None) -> None:
        self.db_path = Path(db_path) if db_path else None
        self.allow_writes = allow_writes
        self._coder = coder
        self._coder_lock = threading.Lock()  # spaCy pipelines are not documented thread-safe
        # Coding runs on its own thread, never in the threadpool every other endpoint shares.
        # A request takes the turn before its work goes to that thread and the turn comes back
        # when the work ends, so no request queues in the thread's pool (see coding()).
        self._coding_thread = ThreadPoolExecutor(max_workers=1,
                                                 thread_name_prefix="detente-coder")
        self._coding_turn = threading.Lock()
        self.write_lock = threading.Lock()  # one ingest at a time from this server
        self._warm: duckdb.DuckDBPyConnection | None = None
        self._warm_file: FileIdentity | None = None  # the file it opened, and which version
        self._warm_lock = threading.RLock()
        self._stopping = threading.Event()
        self._cooler: threading.Thread | None = None
        self._last_used = 0.0
        _CONTEXTS.add(self)

    # ---- database -------------------------------------------------------------------------
    def has_database(self) -> bool:
        return self.db_path is not None and os.path.isfile(self.db_path)

    def path_problem(self) -> str | None:
        """What is wrong with a --db that names a folder or a pipe: no database to come ("does
        not exist (run `detente ingest` first)" had sent the user to an ingest that refuses
        it); or one that cannot be looked at (a folder on its way the server may not enter, a
        name too long), where every page and request had answered 500."""
        if self.db_path is not None and (reason := look_problem(self.db_path)):
            return f"{self.db_path}: {reason}; start the server with --db naming a database file"
        if self.db_path is None or not self.db_path.exists() or self.db_path.is_file():
            return None
        return (f"{self.db_path}: {foreign_file(self.db_path)}; start the server with --db "
                "naming a database file")

    def start_problem(self) -> str | None:
        """What is wrong with --db as the server starts (a folder, a text or another
        program's file), said once then: the banner had said "database news.txt" and only
        each request's 503 told why nothing showed. A file missing or locked is no problem."""
        if problem := self.path_problem():
            return problem
        if self.db_path is not None and (foreign := foreign_file(self.db_path)):
            return (f"{self.db_path}: {foreign}; pages and requests that read the store answer "
                    "503 until it is one (start the server with --db naming a database file)")
        return None

    def database_label(self) -> str:
        return str(self.db_path) if self.db_path else "none"

    @contextmanager
    def store(self, create: bool = False) -> Iterator[Store]:
        """The store for one request; ``create`` only when writing is allowed."""
        if self.db_path is None:
            raise NoDatabase("no database yet: start the server with --db PATH")
        if problem := self.path_problem():
            raise DatabaseUnavailable(problem)
        if not self.db_path.is_file() and not (create and self.allow_writes):
            raise NoDatabase(f"no database yet: {self.db_path} does not exist "
                             "(run `detente ingest` first)")
        self._forget_a_replaced_file()
        try:
            # One mode for every connection of this process: DuckDB refuses a read-only and a
            # read-write connection to the same file side by side.
            store = Store(self.db_path, read_only=not self.allow_writes)
        except StoreError as exc:
            raise DatabaseUnavailable(str(exc)) from exc
        try:
            self._keep_warm()
            yield store
        finally:
            store.close()
            if self.allow_writes:
                self._note_own_writes()

    def _forget_a_replaced_file(self) -> None:
        """Let go of the warm connection when the file at the path is no longer the one it
        opened (a rebuilt store moved into place) or was written over in place since (`cp
        new.duckdb events.duckdb` keeps the inode; its time and size change). DuckDB gives
        every new connection to a path the database it has open there: requests went on
        reading the old file, and an article stored went into it, lost with the last
        connection (the reply said stored)."""
        with self._warm_lock:
            if self._warm is not None and self._warm_file != _file_identity(self.db_path):
                self.release()

    def _note_own_writes(self) -> None:
        """The file as this server's own writes left it (a checkpoint changes its time and
        size), so that they are not taken for a copy written over it."""
        with self._warm_lock:
            if self._warm is not None:
                self._warm_file = _file_identity(self.db_path)

    def _keep_warm(self) -> None:
        with self._warm_lock:
            self._last_used = time.monotonic()
            if self._warm is not None:
                return
            # same mode as the request's connection, so DuckDB shares one database instance
            self._warm_file = _file_identity(self.db_path)
            self._warm = connect(self.db_path, read_only=not self.allow_writes)
            self._cooler = threading.Thread(target=self._cool_down, name="detente-keep-warm",
                                            daemon=True)
            self._cooler.start()

    def _cool_down(self) -> None:
        while not self._stopping.wait(KEEP_WARM_SECONDS / 4):
            with self._warm_lock:
                if time.monotonic() - self._last_used >= KEEP_WARM_SECONDS:
                    self.release()
                    return

    def release(self) -> None:
        """Let go of the database now (the next request opens it again)."""
        with self._warm_lock:
            warm, self._warm = self._warm, None
            if warm is not None:
                warm.close()

    def shutdown(self) -> None:
        """Stop the keep-warm thread and close its connection (at exit)."""
        self._stopping.set()
        self._coding_thread.shutdown(wait=False, cancel_futures=True)
        cooler = self._cooler
        if cooler is not None and cooler is not threading.current_thread():
            cooler.join(timeout=KEEP_WARM_SECONDS)
        self.release()

    def cache_key(self) -> tuple:
        """Changes whenever the database (or its write-ahead log) changes."""
        if not self.has_database():
            return (str(self.db_path),)
        assert self.db_path is not None
        parts: list[object] = [str(self.db_path.resolve())]
        for path in (self.db_path, self.db_path.with_name(self.db_path.name + ".wal")):
            try:
                info = path.stat()
            except OSError:
                continue
            parts.append((path.name, info.st_mtime_ns, info.st_size))
        return tuple(parts)

    # ---- coder ----------------------------------------------------------------------------
    @contextmanager
    def coder(self) -> Iterator[Coder]:
        """The coder, loaded on first use (about a second) and used by one request at a time."""
        if not self._coder_lock.acquire(timeout=CODER_WAIT_SECONDS):
            raise CoderBusy(BUSY)
        try:
            if self._coder is None:
                self._coder = Coder()
            yield self._coder
        finally:
            self._coder_lock.release()

    async def coding(self, work: Callable[[], T]) -> T:
        """``work`` (which uses the coder) run on the coder's own thread.

        A request that cannot start within CODER_WAIT_SECONDS gets CoderBusy; until then it
        waits on the event loop, holding no thread: fifty requests once waited for the coder
        in the shared threadpool, took every thread of it, and reads waited a minute.
        """
        deadline = time.monotonic() + CODER_WAIT_SECONDS
        # polled rather than awaited: the coding thread gives the turn back, and a threading
        # lock works whichever event loop the request runs in
        while not self._coding_turn.acquire(blocking=False):
            if time.monotonic() >= deadline:
                raise CoderBusy(BUSY)
            await asyncio.sleep(CODER_POLL_SECONDS)
        try:
            future = self._coding_thread.submit(work)
        except BaseException:
            self._coding_turn.release()
            raise
        # given back when the work ends, or is cancelled before it starts, even if the client
        # has gone away meanwhile
        future.add_done_callback(lambda _: self._coding_turn.release())
        return await asyncio.wrap_future(future)


def _file_identity(path: Path | None) -> FileIdentity | None:
    """Which file is at ``path``, whatever its name (device, inode), and which version of it
    (its time and size change when another program writes over it in place)."""
    try:
        info = path.stat() if path else None
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size) if info else None
