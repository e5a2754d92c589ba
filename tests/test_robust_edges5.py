"""The eleventh adversarial pass (session 31): a store shared by processes, the web API's odd
bodies, dates given on the command line, and empty option values. Each fault is one line
naming what is wrong, or is read as meant; nothing stored is lost. Inputs are made here from
invented sentences."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from detente.store import Store
from detente.web.context import WebContext

SENTENCE = "Peru and Chile signed a fisheries accord on Monday."


def opened_by_another_process(path: Path) -> str:
    """What a second process gets when it opens the store for writing: "opened" or DuckDB's
    error."""
    script = ("import duckdb, sys\n"
              "try:\n"
              "    duckdb.connect(sys.argv[1]).close()\n"
              "    print('opened')\n"
              "except duckdb.Error as exc:\n"
              "    print(exc)\n")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          text=True, timeout=60)
    return done.stdout.strip()


# ---- a store this process holds stays locked against other processes -------------------------

def test_the_dashboard_keeps_its_lock_on_the_store_between_requests(tmp_path):
    """Each request opens a Store, whose check of the file's first bytes opened and closed the
    file: POSIX drops every lock a process holds on a file when it closes any descriptor of it,
    so while the dashboard's warm connection held the store an ingest could open it too (two
    writers, and a checkpoint of one overwrites what the other has committed)."""
    path = tmp_path / "events.duckdb"
    Store(path).close()
    for allow_writes in (False, True):
        context = WebContext(path, allow_writes)
        try:
            with context.store():
                pass  # the warm connection now holds the file
            with context.store():
                pass  # a second request while it does
            assert "lock" in opened_by_another_process(path)
        finally:
            context.shutdown()
    assert opened_by_another_process(path) == "opened"  # and it is let go when done


def test_a_second_store_in_one_process_keeps_the_lock(tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path):
        Store(path).close()
        assert "lock" in opened_by_another_process(path)
