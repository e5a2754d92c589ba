"""The signals that stop a command: Ctrl-C (SIGINT) and SIGTERM, which a scheduler, systemd or
Kubernetes sends. SIGTERM takes Ctrl-C's one path (a KeyboardInterrupt: parts of output files
removed, runs recorded as stopped), and the signal last received is kept, so that the command
can say which one stopped it and end with the exit a shell gives (128 + its number)."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

# The signals that stop a command, and the names messages and run records give them.
STOP_SIGNALS = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM"}

_received: list[int] = []  # the stop signals this command received, in order
# What a command that stopped before it changed anything says it kept.
NOTHING_CHANGED = "no store or output file was changed"


def _quit_while_starting(number: int, frame: object) -> NoReturn:
    """SIGTERM before the command runs (Python importing its modules, click reading its
    arguments): nothing is written yet, so it ends at once, with the line and exit status
    of a command stopped so later. The line is said as far as it can be: standard error
    closed, or a pipe with no reader left, raised from here into whatever was importing (click
    took the BrokenPipeError for its own: exit 1)."""
    with contextlib.suppress(OSError):
        os.write(2, f"interrupted ({STOP_SIGNALS[signal.SIGTERM]}): {NOTHING_CHANGED}\n".encode())
    os._exit(128 + number)


def quit_while_starting() -> None:
    """Say SIGTERM's line and end at once on SIGTERM, until ``sigterm_as_ctrl_c`` takes it:
    set first by the command line, as its imports take half a second, and a SIGTERM in them
    ended it by the signal's default, with no line. Not in a process multiprocessing started
    (a Dask worker imports the `detente` script as it starts), nor where a handler is set."""
    if "multiprocessing" in sys.modules and sys.modules["multiprocessing"].parent_process():
        return
    if (threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL):
        signal.signal(signal.SIGTERM, _quit_while_starting)


def started() -> None:
    """SIGTERM back to its default once the command line is imported: a program that imports
    it (a test, a Dask worker) has its own ways; ``cli.run`` sets the handler again."""
    if signal.getsignal(signal.SIGTERM) is _quit_while_starting:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def stop_now(number: int) -> NoReturn:
    """Stop as Ctrl-C stops (raise KeyboardInterrupt), remembering which signal it was."""
    _received.append(number)
    raise KeyboardInterrupt


def received() -> str:
    """The name of the last stop signal received: "Ctrl-C" when none was recorded (Python's
    own SIGINT handler raises KeyboardInterrupt without a word here)."""
    return STOP_SIGNALS[_received[-1]] if _received else STOP_SIGNALS[signal.SIGINT]


def exit_code(name: str) -> int:
    """The exit status a shell gives a command the named signal stopped (130, 143)."""
    number = next((n for n, known in STOP_SIGNALS.items() if name.startswith(known)),
                  signal.SIGINT)
    return 128 + number


@contextmanager
def sigterm_as_ctrl_c() -> Iterator[None]:
    """While the block runs, SIGTERM raises KeyboardInterrupt as Ctrl-C does; without this it
    ended the process at once, with no line and with the part of an output file left. A
    SIGTERM handler set already (or SIGTERM ignored) is left as it is, as are threads other
    than the main one, which cannot set handlers."""
    _received.clear()
    ours = (threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, _quit_while_starting))
    if ours:
        signal.signal(signal.SIGTERM, lambda number, frame: stop_now(number))
    try:
        yield
    finally:
        if ours:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _received.clear()  # a later Ctrl-C in this process is no SIGTERM


def interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB's answer to Ctrl-C (or SIGTERM) during a query: it takes the
    KeyboardInterrupt and raises RuntimeError("Query interrupted") in its place, which the
    handlers of a refused batch or row took for one (the run went on, Ctrl-C lost) and which
    ended other commands with a traceback."""
    if isinstance(exc, RuntimeError) and str(exc).startswith("Query interrupted"):
        return True
    # (no DuckDB error without DuckDB loaded: `detente code` never loads it, and need not here)
    duckdb = sys.modules.get("duckdb")
    return duckdb is not None and isinstance(exc, duckdb.InterruptException)
