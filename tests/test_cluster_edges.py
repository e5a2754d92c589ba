"""The scale-out path under stress: a unit that fails, a worker that dies on one article, a run
stopped half-way, shards a crash or another coder left, two writers of one shard, and a
scheduler address that answers wrongly or not at all. Each is at most one line per fault; what
was coded is kept, nothing is stored twice, and the same command finishes the job."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import dask
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import one_error
from distributed import Client, LocalCluster, default_client

import detente.ingest.cluster as cluster_module
from detente.cli import main
from detente.coder import provenance_for
from detente.ingest import shards as shard_module
from detente.ingest.cluster import (
    JOURNAL_SUFFIX,
    LOCAL_RUN_CONFIG,
    ClusterRun,
    ClusterStopped,
    CoderSettings,
    ingest_on_cluster,
)
from detente.ingest.pipeline import IngestOptions, IngestSummary
from detente.ingest.shards import marker, shard_file, shard_ids, write_shard
from detente.ingest.units import WorkUnit, plan_units
from detente.store import Store, StoredArticle

STATES = ["Peru", "Chile", "Egypt", "Sudan", "Japan", "China", "Kenya", "Norway"]


def write_news(folder: Path, files: int = 4) -> Path:
    folder.mkdir()
    for i in range(files):
        a, b = STATES[i % 8], STATES[(i + 3) % 8]
        (folder / f"n{i:02d}.txt").write_text(
            f"2006-02-{10 + i}\n\n{a} accused {b} of shelling a border post in file {i}. "
            f"{b} denied the charge on Tuesday.", encoding="utf-8")
    return folder


def write_wire(path: Path, records: int = 6, dated: bool = True) -> Path:
    rows = [{"id": f"w{i}", "text": f"{STATES[i % 8]} praised {STATES[(i + 2) % 8]} for the "
             f"ceasefire in wire {i}."} | ({"date": "2006-03-01"} if dated else {})
            for i in range(records)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path



def run_on(tmp_path: Path, local, **options) -> ClusterRun:
    return ClusterRun(tmp_path / "shards", IngestOptions(**options), CoderSettings(),
                      address=local.scheduler_address, chunk_bytes=150)


def stored(db: Path) -> dict[str, str]:
    with Store(db, read_only=True) as store:
        return {r["doc_id"]: str(r["date"]) for r in
                store.query("SELECT doc_id, date FROM articles")}


# ---- a unit that fails -----------------------------------------------------------------------
def test_an_article_whose_coding_raises_is_one_problem_and_its_unit_is_stored(
        tmp_path, threads, monkeypatch):
    # it raised out of the run (a traceback): nothing at all was stored, on every retry
    original = cluster_module.code_documents

    def raising(coder, documents, *args, **kwargs):
        documents = list(documents)
        if any("wire 4." in document.text for _, document in documents):
            raise RuntimeError("parser state broken")
        return original(coder, documents, *args, **kwargs)

    monkeypatch.setattr(cluster_module, "code_documents", raising)
    wire = write_wire(tmp_path / "wire.jsonl")
    problems: list[str] = []
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest_on_cluster(store, [str(wire)], run_on(tmp_path, threads),
                                    provenance_for(), on_problem=problems.append)
    assert problems == [f"{wire}:5: cannot be coded (RuntimeError: parser state broken)"]
    assert (summary.new, summary.failed) == (5, 1)
    assert sorted(stored(tmp_path / "s.duckdb")) == ["w0", "w1", "w2", "w3", "w5"]


def test_a_unit_the_cluster_cannot_code_is_one_line_and_the_rerun_codes_only_it(
        tmp_path, threads, monkeypatch):
    # a shard folder the worker cannot write, a full disk: the first such unit raised out of
    # the run, and the units already coded were not merged
    news = write_news(tmp_path / "news")
    original = cluster_module.write_shard

    def refusing(folder, unit, *args, **kwargs):
        if unit.path.endswith("n02.txt"):
            raise PermissionError(13, "Permission denied", str(folder))
        return original(folder, unit, *args, **kwargs)

    monkeypatch.setattr(cluster_module, "write_shard", refusing)
    problems: list[str] = []
    notes: list[str] = []
    run = run_on(tmp_path, threads)
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest_on_cluster(store, [str(news)], run, provenance_for(),
                                    on_problem=problems.append, on_note=notes.append)
        assert store.count("articles") == 3
    assert len(problems) == 1 and summary.failed == 1
    assert problems[0].startswith(f"{news / 'n02.txt'}: not coded on the cluster "
                                  "(PermissionError: [Errno 13] Permission denied")
    assert "its articles are not stored (the same command tries it again)" in problems[0]
    assert any("1 unit(s) not coded: the shards are kept" in note for note in notes)
    monkeypatch.setattr(cluster_module, "write_shard", original)
    coded: list[str] = []
    notes.clear()
    with Store(tmp_path / "s.duckdb") as store:
        again = ingest_on_cluster(store, [str(news)], run, provenance_for(),
                                  on_unit=lambda info, n, total: coded.append(info.path),
                                  on_note=notes.append)
        assert store.count("articles") == 4
    assert (again.new, again.known, again.failed) == (1, 3, 0)
    assert notes[0] == (f"resuming: 3 of 4 units are already coded in {run.out_dir} and are "
                        "not coded again")
    assert coded[-1].endswith("n02.txt")  # the only unit sent to the cluster
    assert not run.out_dir.exists()  # all merged: the shards are gone


# ---- a worker that dies on one article -------------------------------------------------------
def test_an_article_its_worker_died_on_twice_is_skipped_and_the_rest_stored(tmp_path, threads):
    # the journal a unit's attempts leave when each worker dies: a batch attempt, then two
    # careful ones that died on article 2 (the third record)
    wire = write_wire(tmp_path / "wire.jsonl", records=4)
    run = run_on(tmp_path, threads)
    run.chunk_bytes = 10_000  # one unit
    (unit,), _ = plan_units([str(wire)], run.chunk_bytes)
    run.out_dir.mkdir()
    journal = run.out_dir / f"{unit.unit_id}{JOURNAL_SUFFIX}"
    journal.write_text("batch\ncareful\n0\n1\n2\ncareful\n0\n1\n2\n")
    problems: list[str] = []
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest_on_cluster(store, [str(wire)], run, provenance_for(),
                                    on_problem=problems.append)
    assert problems == [f"{wire}:3: its worker died each of the 2 times it was coded (out of "
                        "memory, or a crash in the parser); it is skipped"]
    assert (summary.new, summary.failed) == (3, 1)
    assert sorted(stored(tmp_path / "s.duckdb")) == ["w0", "w1", "w3"]


def test_a_worker_that_dies_once_loses_no_article(tmp_path, threads):
    wire = write_wire(tmp_path / "wire.jsonl", records=4)
    run = run_on(tmp_path, threads)
    run.chunk_bytes = 10_000
    (unit,), _ = plan_units([str(wire)], run.chunk_bytes)
    run.out_dir.mkdir()
    # one careful death on an article is not enough to skip it (a worker killed by hand)
    (run.out_dir / f"{unit.unit_id}{JOURNAL_SUFFIX}").write_text("batch\ncareful\n0\n1\n")
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest_on_cluster(store, [str(wire)], run, provenance_for())
    assert (summary.new, summary.failed) == (4, 0)


def _poison():
    """A worker plugin that makes its worker process exit on the article of "wire 2"."""
    from distributed import WorkerPlugin

    class Poison(WorkerPlugin):
        name = "poison"

        def setup(self, worker) -> None:
            import detente.ingest.cluster as cluster

            original = cluster.code_documents

            def dying(coder, documents, *args, **kwargs):
                documents = list(documents)
                if any("wire 2." in document.text for _, document in documents):
                    os._exit(3)
                return original(coder, documents, *args, **kwargs)

            cluster.code_documents = dying

    return Poison()


def test_a_worker_process_that_dies_on_one_article_loses_only_that_article(tmp_path):
    # the worker died on each try; Dask gave up on the unit (KilledWorker), which raised out
    # of the run: none of the other units' articles was stored
    from distributed import Client

    wire = write_wire(tmp_path / "wire.jsonl", records=6)
    problems: list[str] = []
    # (the run's own local cluster keeps a worker that is slow to come back, LOCAL_RUN_CONFIG:
    # the test's cluster had closed one that loaded its coder for over 15 s on a busy machine,
    # failing both units, or leaving the run waiting for ever)
    with dask.config.set(LOCAL_RUN_CONFIG), \
            LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                         dashboard_address=None, memory_limit="1GiB") as local, \
            Client(local) as client:
        client.register_plugin(_poison())
        run = ClusterRun(tmp_path / "shards", IngestOptions(), CoderSettings(),
                         address=local.scheduler_address, chunk_bytes=200)
        with Store(tmp_path / "s.duckdb") as store:
            summary = ingest_on_cluster(store, [str(wire)], run, provenance_for(),
                                        on_problem=problems.append)
    assert problems == [f"{wire}:3: its worker died each of the 2 times it was coded (out of "
                        "memory, or a crash in the parser); it is skipped"]
    assert (summary.new, summary.failed) == (5, 1)
    assert "w2" not in stored(tmp_path / "s.duckdb")


# ---- a run stopped half-way, and its rerun ---------------------------------------------------
def test_ctrl_c_keeps_the_coded_shards_and_the_rerun_stores_each_article_once(tmp_path, threads):
    # Ctrl-C raised KeyboardInterrupt through the run: click's "Aborted!", and no word of
    # what was coded or how to finish
    news = write_news(tmp_path / "news", files=6)
    run = run_on(tmp_path, threads)

    def stop_after_two(info, count, total):
        if count == 2:
            raise KeyboardInterrupt

    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(ClusterStopped) as stopped:
            ingest_on_cluster(store, [str(news)], run, provenance_for(),
                              on_unit=stop_after_two)
        assert store.count("articles") == 0
    assert stopped.value.signal == "Ctrl-C"
    assert str(stopped.value).startswith("Ctrl-C: 2 of 6 units coded, their shards kept in ")
    assert str(stopped.value).endswith("the same command codes the rest")
    assert len(shard_ids(run.out_dir)) >= 2
    notes: list[str] = []
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest_on_cluster(store, [str(news)], run, provenance_for(),
                                    on_note=notes.append)
        assert store.count("articles") == 6
        ids = [r["article_id"] for r in store.query("SELECT article_id FROM articles")]
    assert len(set(ids)) == 6 and (summary.new, summary.failed) == (6, 0)
    assert notes[0].startswith("resuming: ")


def test_ctrl_c_on_the_command_line_is_one_line_and_exit_130(tmp_path, monkeypatch):
    def stopped(*args, **kwargs):
        raise ClusterStopped("Ctrl-C: 1 of 3 units coded, their shards kept in x and none "
                             "merged yet; the same command codes the rest", "Ctrl-C")

    monkeypatch.setattr(cluster_module, "ingest_on_cluster", stopped)
    news = write_news(tmp_path / "news", files=1)
    result = CliRunner().invoke(main, ["ingest", str(news), "--out", str(tmp_path / "x"),
                                       "--workers", "1"])
    assert result.exit_code == 130, result.output
    assert "interrupted (Ctrl-C: 1 of 3 units coded" in result.output
    assert "Aborted" not in result.output and "Traceback" not in result.output


STALL_AT = 3  # the unit a worker with the stall plugin holds (whichever it is given third)


def _stall(flag: str):
    """A worker plugin: the worker codes two units as usual, then holds the third (until its
    process is killed), once it has made ``flag``. The worker runs one unit at a time, so the
    two units are coded, whatever order the scheduler gives them in."""
    from distributed import WorkerPlugin

    class Stall(WorkerPlugin):
        name = "stall"

        def setup(self, worker) -> None:
            import pathlib
            import time

            import detente.ingest.cluster as cluster

            original = cluster.code_documents
            units = [0]  # a unit's articles are coded in one call (no worker dies here)

            def stalling(coder, documents, *args, **kwargs):
                units[0] += 1
                if units[0] == STALL_AT:
                    pathlib.Path(flag).touch()
                    time.sleep(600)
                return original(coder, documents, *args, **kwargs)

            cluster.code_documents = stalling

    return Stall()


def _until(ready: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(0.05)


def _scheduler_address(file: Path) -> str | None:
    try:  # the scheduler may be writing it
        return json.loads(file.read_text())["address"]
    except (OSError, ValueError, KeyError):
        return None


@pytest.fixture()
def scheduler_apart(tmp_path) -> Iterator[tuple[str, subprocess.Popen]]:
    """A Dask scheduler and one worker (one thread), each a process of its own: the test may
    kill the scheduler as a crash or a lost machine would, its sockets closed by the system."""
    file = tmp_path / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    started: list[subprocess.Popen] = []
    try:
        started.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
             "--port", "0", "--no-dashboard", "--scheduler-file", str(file)], **quiet))
        _until(lambda: _scheduler_address(file) is not None, "the scheduler's address")
        address = _scheduler_address(file)
        started.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
             "--no-nanny", "--no-dashboard"], **quiet))
        with Client(address, timeout=30) as client:
            client.wait_for_workers(1, timeout=60)
            client.register_plugin(_stall(str(tmp_path / "stalled")))
        yield address, started[0]
    finally:
        for process in reversed(started):
            process.kill()
            process.wait(timeout=60)


def test_a_lost_scheduler_stops_the_run_in_one_line_and_the_same_command_resumes(
        tmp_path, scheduler_apart, monkeypatch):
    # The scheduler is killed while a finished unit waits for the client to fetch it: such a
    # unit was reported as "not coded on the cluster" (CommClosedError), though its shard was
    # written, before the line saying the scheduler was lost.
    address, scheduler = scheduler_apart
    news = write_news(tmp_path / "news", files=8)
    db = tmp_path / "s.duckdb"
    shards = Path(f"{db}.shards")
    with Store(db) as store:  # stored before this run: it must stay as it is
        store.add_articles([StoredArticle({"article_id": "earlier", "text": "An old report."},
                                          [])])
    original = cluster_module.ingest_on_cluster

    def losing_the_scheduler(*args, on_unit, **kwargs):
        def unit_done(info, count: int, total: int) -> None:
            on_unit(info, count, total)
            if count > 1:
                return
            client = default_client()  # the run's

            def finished() -> int:  # units the client knows are coded, this one included
                return sum(f.status == "finished" for f in client.futures.values())

            # the worker holds its third unit; the second is coded and waits to be fetched
            _until(lambda: (tmp_path / "stalled").exists() and finished() == STALL_AT - 1,
                   "the second unit's result")
            scheduler.kill()  # not waited for: the client is not given time to notice

        return original(*args, on_unit=unit_done, **kwargs)

    monkeypatch.setattr(cluster_module, "ingest_on_cluster", losing_the_scheduler)
    result = CliRunner().invoke(main, ["ingest", str(news), "--db", str(db),
                                       "--cluster", address])
    line = one_error(result)
    assert result.exit_code == 2
    # one plain line: Dask's CommClosedError (both ends of a socket, errno) is left out
    assert line == (f"error: the Dask scheduler at {address} was lost: 1 of 8 units coded, "
                    f"their shards kept in {shards} and none merged yet; the same command "
                    "resumes from them and codes the rest"), line
    with Store(db, read_only=True) as store:
        assert [r["article_id"] for r in store.query("SELECT article_id FROM articles")] == [
            "earlier"]
    assert len(shard_ids(shards)) == STALL_AT - 1  # both coded units, not the one held
    monkeypatch.setattr(cluster_module, "ingest_on_cluster", original)
    # the same command, on a scheduler that answers (one in this process, over TCP)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                      dashboard_address=None) as local:
        again = CliRunner().invoke(main, ["ingest", str(news), "--db", str(db),
                                          "--cluster", local.scheduler_address])
    assert again.exit_code == 0, again.output
    assert (f"note: resuming: {STALL_AT - 1} of 8 units are already coded in {shards} and "
            "are not coded again") in again.output
    assert "error:" not in again.output
    with Store(db, read_only=True) as store:
        ids = [r["article_id"] for r in store.query("SELECT article_id FROM articles")]
    assert len(ids) == len(set(ids)) == 9 and "earlier" in ids
    assert not shards.exists()  # all merged: the shards are gone


class _LosingClient:
    """A client whose scheduler goes away once the first unit's result is fetched: the next
    wait raises Dask's CommClosedError, as a real client's does."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir

    def register_plugin(self, *args, **kwargs) -> None:
        pass

    def map(self, function, units, *, key, **kwargs) -> list:
        return [_Done(name, write_shard(self.out_dir, unit, [], 0, []) if n == 0 else None)
                for n, (name, unit) in enumerate(zip(key, units, strict=True))]


class _Done:
    status = "finished"

    def __init__(self, key: str, info) -> None:
        self.key, self.info = key, info

    def result(self):
        return self.info


def _lost_after_one(futures):
    from distributed.comm.core import CommClosedError

    yield futures[0]
    raise CommClosedError("in <TCP (closed) ConnectionPool.gather local=tcp://127.0.0.1:6001 "
                          "remote=tcp://10.0.0.9:8786>: ConnectionResetError: [Errno 104] "
                          "Connection reset by peer")


def test_a_lost_scheduler_is_a_plain_line_naming_its_address(tmp_path, monkeypatch):
    # the line carried Dask's CommClosedError whole (both ends of the socket, the errno)
    news = write_news(tmp_path / "news", files=3)
    run = ClusterRun(tmp_path / "shards", IngestOptions(), CoderSettings(),
                     address="tcp://10.0.0.9:8786", chunk_bytes=150)
    monkeypatch.setattr(ClusterRun, "_client",
                        lambda self: contextlib.nullcontext(_LosingClient(self.out_dir)))
    monkeypatch.setattr(cluster_module, "as_completed", _lost_after_one)
    with pytest.raises(ClusterStopped) as stopped:
        run.code([str(news)], IngestSummary())
    assert str(stopped.value) == (
        f"the Dask scheduler at tcp://10.0.0.9:8786 was lost: 1 of 3 units coded, their shards "
        f"kept in {run.out_dir} and none merged yet; the same command resumes from them and "
        "codes the rest")
    assert stopped.value.signal is None


# ---- shards a crash or another coder left ----------------------------------------------------
def test_a_truncated_shard_under_its_marker_is_coded_again(tmp_path, threads):
    # the rerun took the marker's word: the merge refused the shard on every rerun, for good
    news = write_news(tmp_path / "news")
    run = run_on(tmp_path, threads)
    ingest_on_cluster(None, [str(news)], run, provenance_for())
    first = shard_ids(run.out_dir)[0]
    events = shard_file(run.out_dir, first, "events")
    events.write_bytes(events.read_bytes()[:40])
    shard_file(run.out_dir, shard_ids(run.out_dir)[1], "people").unlink()
    problems: list[str] = []
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest_on_cluster(store, [str(news)], run, provenance_for(),
                                    on_problem=problems.append)
        assert store.count("articles") == 4
    assert problems == [] and (summary.new, summary.failed) == (4, 0)


def test_shards_of_other_reading_options_are_coded_again(tmp_path, threads):
    # a unit's id names its file, not how it was read: the rerun with another --date merged
    # the shards coded with the first one
    wire = write_wire(tmp_path / "wire.jsonl", records=3, dated=False)
    run = run_on(tmp_path, threads, date="2001-05-05")
    ingest_on_cluster(None, [str(wire)], run, provenance_for())
    other = ClusterRun(run.out_dir, IngestOptions(date="2002-06-06"), CoderSettings(),
                       address=run.address, chunk_bytes=run.chunk_bytes)
    with Store(tmp_path / "s.duckdb") as store:
        ingest_on_cluster(store, [str(wire)], other, provenance_for())
    assert set(stored(tmp_path / "s.duckdb").values()) == {"2002-06-06"}


def test_shards_of_another_coder_version_are_coded_again(tmp_path, threads):
    news = write_news(tmp_path / "news", files=2)
    run = run_on(tmp_path, threads)
    ingest_on_cluster(None, [str(news)], run, provenance_for())
    stamps = {u: marker(run.out_dir, u).read_text() for u in shard_ids(run.out_dir)}
    newer = provenance_for() | {"dictionary_version": "0123456789ab"}
    coded: list[str] = []
    ingest_on_cluster(None, [str(news)], run, newer,
                      on_unit=lambda info, n, total: coded.append(info.coding))
    assert len(set(coded)) == 1 and coded[0] not in {json.loads(s)["coding"]
                                                     for s in stamps.values()}


# ---- two writers of one shard ----------------------------------------------------------------
def test_two_writers_of_one_shard_each_write_whole_files(tmp_path, monkeypatch):
    # both wrote into the same "<file>.partial": one writer's rename took the other's file,
    # and the other failed (FileNotFoundError), or renamed a file still being written
    from conftest import coded

    both_written = threading.Barrier(2, timeout=10)
    original = pq.write_table

    def slow_write(table, where, *args, **kwargs):
        original(table, where, *args, **kwargs)
        both_written.wait()

    monkeypatch.setattr(shard_module.pq, "write_table", slow_write)
    unit = WorkUnit("news/shared.txt")
    errors: list[BaseException] = []

    def write() -> None:
        try:
            write_shard(tmp_path, unit, [coded(0, 0), coded(0, 1)], 2, [])
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            errors.append(exc)
            both_written.abort()

    writers = [threading.Thread(target=write) for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert errors == []
    assert pq.read_table(shard_file(tmp_path, unit.unit_id, "articles")).num_rows == 2
    assert not list(tmp_path.glob("*.partial"))


# ---- where the shards go, and the scheduler's address ----------------------------------------
def test_a_shard_folder_that_cannot_be_made_is_named(tmp_path):
    # it read "cannot start a local Dask cluster: [Errno 20] Not a directory"
    news = write_news(tmp_path / "news", files=1)
    (tmp_path / "afile").write_text("not a folder")
    out = tmp_path / "afile" / "shards"
    result = CliRunner().invoke(main, ["ingest", str(news), "--out", str(out), "--workers", "1"])
    assert one_error(result) == f"error: {out}: cannot make the shard folder (Not a directory)"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_scheduler_address_where_nothing_listens_is_one_quick_line(tmp_path):
    # Dask tried again for 30 s, and the store was made by then
    news = write_news(tmp_path / "news", files=1)
    address = f"tcp://127.0.0.1:{_free_port()}"
    started = time.monotonic()
    result = CliRunner().invoke(main, ["ingest", str(news), "--db", str(tmp_path / "s.duckdb"),
                                       "--cluster", address])
    assert time.monotonic() - started < 10
    assert one_error(result) == (f"error: --cluster {address}: cannot reach a scheduler there "
                                 "(Connection refused)")
    assert not (tmp_path / "s.duckdb").exists()


def test_an_address_where_another_server_answers_is_one_line(tmp_path):
    # Dask read an HTTP reply as a frame length and tried to allocate 3 EiB: a MemoryError
    # traceback
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]

        def answer() -> None:
            while True:
                try:
                    peer, _ = server.accept()
                except OSError:
                    return
                with peer:
                    peer.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                    time.sleep(0.2)

        threading.Thread(target=answer, daemon=True).start()
        news = write_news(tmp_path / "news", files=1)
        address = f"tcp://127.0.0.1:{port}"
        result = CliRunner().invoke(main, ["ingest", str(news), "--db",
                                           str(tmp_path / "s.duckdb"), "--cluster", address])
    line = one_error(result)
    assert line.startswith(f"error: --cluster {address}: what answers there is not a Dask "
                           "scheduler ("), line
    assert result.exit_code == 2
    assert not (tmp_path / "s.duckdb.shards").exists()
