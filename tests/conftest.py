from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import duckdb
import pytest

from detente.coder import Coder
from detente.ingest import dedup
from detente.ingest.pipeline import CodedArticle
from detente.ingest.shards import write_shard
from detente.ingest.units import WorkUnit


@pytest.fixture(scope="session")
def coder() -> Coder:
    return Coder()


@pytest.fixture(scope="module")
def threads():
    """Dask workers in this process: they start in a second, monkeypatches reach them, and
    a command given the scheduler's TCP address (``--cluster``) reaches them too."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                      dashboard_address=None) as local:
        yield local


def dyads(events) -> set[tuple[str, str]]:
    return {(e.source.country, e.target.country) for e in events}


# ---- shards of a cluster ingest, coded without a coder (`detente load`, the cluster merge) ----
# Invented sentences, one per article.
TEXTS = [
    "Norway and Chile signed a fisheries agreement on Monday.",
    "Peru accused Bolivia of moving troops to the border on Tuesday.",
    "Kenya praised Uganda for reopening the railway on Friday.",
]
ARTICLES_PER_UNIT = 3


def one_error(result) -> str:
    """The run's only error line; the run ended by its own exit, not a traceback."""
    assert isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    return errors[0]


def coded(unit: int, number: int) -> CodedArticle:
    """An invented coded article with one event (no coder needed)."""
    text = f"{TEXTS[number % len(TEXTS)]} Unit {unit}, report {number}."
    key = f"u{unit}a{number}"
    row = {"article_id": key, "doc_id": key, "title": None, "text": text,
           "path": f"news/u{unit}.txt", "language": "en"}
    event = {"event_id": f"{key}e0", "origin": "detente", "article_id": key, "doc_id": key,
             "sentence_index": 0, "sentence": text, "cameo": "057", "source_country": "NOR",
             "target_country": "CHL"}
    return CodedArticle(key, row, [(0, 0, len(text), text)], [event],
                        dedup.to_bytes(dedup.signature(text)))


@pytest.fixture()
def shards(tmp_path) -> tuple[Path, list[str]]:
    """A folder of three finished units, in input order."""
    folder = tmp_path / "shards"
    ids = []
    for unit in range(3):
        work = WorkUnit(f"news/u{unit}.txt")
        write_shard(folder, work, [coded(unit, n) for n in range(ARTICLES_PER_UNIT)],
                    ARTICLES_PER_UNIT, [])
        ids.append(work.unit_id)
    return folder, ids


def pytest_sessionfinish(session, exitstatus) -> None:
    """The CLI freezes the coder's tables for the collector (cli._coder_built); a test run
    that invoked it thaws them before the interpreter's teardown, so DuckDB's bindings do not
    list what the teardown then leaves behind as leaks at the end of the test output."""
    import gc

    gc.unfreeze()
    gc.collect()


class Server:
    """uvicorn in a thread on a loopback port chosen by the system, for browser tests."""

    def __init__(self, app) -> None:
        import uvicorn

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.socket.close()


def altered(path: Path, *statements: str) -> Path:
    """A store file changed by hand (columns dropped, rows written by something else)."""
    con = duckdb.connect(str(path))
    for statement in statements:
        con.execute(statement)
    con.close()
    return path
