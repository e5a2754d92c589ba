"""Bad input and interrupted runs, session 43: `ingest --workers` onto a full disk stopping at
its first failure, a store replaced on disk while `serve` runs, and bad files and requests
given to the CLI and the web API, each one line naming the file or request. Each test failed
before its fix."""

from __future__ import annotations

import re
import shutil
import warnings
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import coded

from detente.cli import main
from detente.ingest.pipeline import IngestSummary, StoreWriter
from detente.store import Store


def write_news(folder: Path, count: int) -> None:
    """``count`` invented stories, one event each, every one different."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"story{i:03d}.txt").write_text(
            f"2005-03-1{i}\n\nGhana accused Togo over border incident number {i} on Monday.",
            encoding="utf-8")


# ---- `ingest --workers` onto a full disk: the first failure stops it -------------------------
def test_a_cluster_ingest_onto_a_full_disk_tries_no_unit_twice(tmp_path, monkeypatch, threads):
    from detente.ingest import shards as shard_module

    write_news(tmp_path / "news", 6)
    db, out = str(tmp_path / "e.duckdb"), tmp_path / "shards"
    write_table = shard_module._write_table
    written: list[str] = []
    refused: Counter[str] = Counter()  # the units whose first table found the disk full

    def fills_up(path, rows):  # one unit's five tables fit, then the disk is full
        if len(written) >= 5:
            refused[path.name.split(".")[0]] += 1
            raise OSError(28, "No space left on device")
        written.append(path)
        write_table(path, rows)

    monkeypatch.setattr(shard_module, "_write_table", fills_up)
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "news"), "--db", db,
                                       "--cluster", threads.scheduler_address,
                                       "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert re.search(r"cannot write the shards \(No space left on device\): 1 of 6 units",
                     result.output), result.output
    # main: the first unit refused was coded and refused three times (Dask's retries) before
    # the client heard of it
    assert refused and max(refused.values()) == 1, refused
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 0  # none merged yet; the rerun resumes from the one


# ---- a store written over in place while `detente serve` runs --------------------------------
def made_store(path: Path, articles: int) -> Path:
    """A store of ``articles`` invented articles, one event each (no coder needed)."""
    with Store(path) as store:
        writer = StoreWriter(store, store.start_run("test", [], {}), IngestSummary(), 10)
        for number in range(articles):
            writer.add(coded(articles, number), None)
        writer.flush()
    return path


def web_client(db: Path, allow_writes: bool, coder=None):
    from detente.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(create_app(str(db), allow_writes=allow_writes, coder=coder))


@pytest.mark.parametrize("allow_writes", [False, True])
def test_a_store_copied_over_in_place_while_served_is_read_anew(tmp_path, allow_writes):
    # `cp rebuilt.duckdb events.duckdb` while the dashboard was in use (the file keeps its
    # inode): every request read the database DuckDB had open, 1 event, until the server's
    # idle time let it go
    db = made_store(tmp_path / "events.duckdb", 1)
    rebuilt = made_store(tmp_path / "rebuilt.duckdb", 3)
    client = web_client(db, allow_writes)
    assert client.get("/api/events").json()["total"] == 1  # held warm from here
    inode = db.stat().st_ino
    shutil.copyfile(rebuilt, db)
    assert db.stat().st_ino == inode
    assert client.get("/api/events").json()["total"] == 3


def test_a_served_stores_own_writes_keep_it_warm(tmp_path, coder):
    # what the server stores itself is not taken for a copy written over the file
    db = made_store(tmp_path / "events.duckdb", 1)
    client = web_client(db, allow_writes=True, coder=coder)
    assert client.get("/api/events").json()["total"] == 1
    warm = client.app.state.web._warm
    answer = client.post("/api/code", json={"text": "Chile accused Peru of moving troops to "
                                            "the border on Tuesday.", "store": True})
    assert answer.status_code == 200 and answer.json()["stored"]["new"]
    assert client.get("/api/events").json()["total"] == 2
    assert client.app.state.web._warm is warm
