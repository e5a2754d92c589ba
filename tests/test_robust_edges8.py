"""Bad input, session 33's pass: commands sharing one store or one output file, inputs that
change while they are read, and the web API's hostile parameters. Each test failed before its
fix."""

from __future__ import annotations

import os
import signal
import threading

import duckdb
import pytest
from click.testing import CliRunner
from conftest import coded

from detente.cli import main
from detente.coder import provenance_for
from detente.ingest.cluster import ClusterRun, CoderSettings, ingest_on_cluster
from detente.ingest.pipeline import IngestOptions, IngestSummary, StoreWriter
from detente.outfiles import WriteError, replacing
from detente.store import Store


def test_two_writers_of_one_output_file_never_mix_their_bytes(tmp_path):
    # two `detente export out/ --force` at once (a cron job and a person) wrote the same
    # events.jsonl.part: the first renamed it while the second still wrote into it, so
    # out/events.jsonl held the head of one export and the tail of the other, both runs
    # saying "wrote" or the second "cannot write (No such file or directory)"
    path = tmp_path / "events.jsonl"
    long_export, short_export = "a\n" * 1000, "b\n" * 10
    with replacing(path) as first, first.open("w") as first_stream:
        first_stream.write(long_export[:500])
        with replacing(path) as second, second.open("w") as second_stream:
            second_stream.write(short_export)
        first_stream.write(long_export[500:])
    assert path.read_text() == long_export  # the last one renamed, whole
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no part left behind



@pytest.mark.parametrize("inside", ["shards", "."])
def test_a_shard_folder_inside_the_input_folder_is_not_read_as_input(tmp_path, threads,
                                                                     inside):
    # `detente ingest news/ --workers 2 --out news/shards` run again read its own markers
    # (news/shards/*.done.json) as JSON records: one "record has no 'text'" each, exit code 1
    # on every rerun, and a shard more for each marker
    news = tmp_path / "news"
    news.mkdir()
    for i, (a, b) in enumerate([("Peru", "Chile"), ("Egypt", "Sudan")]):
        (news / f"n{i}.txt").write_text(
            f"2006-02-1{i}\n\n{a} accused {b} of shelling a border post in file {i}.",
            encoding="utf-8")
    run = ClusterRun(news / inside, IngestOptions(), CoderSettings(),
                     address=threads.scheduler_address)
    for _ in range(2):
        problems: list[str] = []
        summary = ingest_on_cluster(None, [str(news)], run, provenance_for(),
                                    on_problem=problems.append)
        assert problems == [] and summary.failed == 0
    assert len(list((news / inside).glob("*.done.json"))) == 2  # a marker per file, no more


SLOW_QUERY = "SELECT count(*) FROM range(20000000000)"  # a minute or more: Ctrl-C comes first


def ctrl_c_during(con: duckdb.DuckDBPyConnection) -> None:
    """Run a long query and press Ctrl-C (SIGINT to this process) while it runs. DuckDB then
    raises RuntimeError("Query interrupted"): the KeyboardInterrupt is gone.

    Python's Ctrl-C handler is set for the query: pytest started as a shell's background job
    (`pytest ... &` where the shell has no job control, as the sessions' helpers run it)
    inherits SIGINT ignored, and Python then keeps it ignored, so the signal was dropped and
    the query ran to its end: these tests failed that way whatever ran before them."""
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer.start()
    try:
        con.execute(SLOW_QUERY).fetchall()
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, inherited)


def test_ctrl_c_during_an_export_query_is_no_traceback(tmp_path, monkeypatch):
    # Ctrl-C during `detente export out/ --format csv` (or parquet: DuckDB writes the file)
    # printed a traceback ending in "RuntimeError: Query interrupted"
    import detente.export

    db = tmp_path / "e.duckdb"
    Store(db).close()
    monkeypatch.setattr(detente.export, "_copy",
                        lambda store, part, fmt, selection: ctrl_c_during(store.con))
    result = CliRunner().invoke(main, ["export", str(tmp_path / "out"), "--db", str(db),
                                       "--format", "csv"])
    assert isinstance(result.exception, SystemExit), result.exception  # click's "Aborted!"
    assert result.exit_code == 1 and "Aborted!" in result.output
    assert list((tmp_path / "out").iterdir()) == []  # no part left


def test_ctrl_c_while_a_batch_is_stored_stops_the_run(tmp_path, monkeypatch):
    # `detente load` (and a second Ctrl-C of `ingest`, which means "stop at once") caught
    # DuckDB's "Query interrupted" as a batch the store refused: the batch was stored again
    # one article at a time and the run went on, Ctrl-C lost
    with Store(tmp_path / "s.duckdb") as store:
        writer = StoreWriter(store, store.start_run("test", [], {}), IngestSummary(), 10)
        store_them = store.add_articles
        calls: list[int] = []

        def interrupted_once(articles):
            calls.append(len(articles))
            if len(calls) == 1:
                ctrl_c_during(store.con)
            return store_them(articles)

        monkeypatch.setattr(store, "add_articles", interrupted_once)
        for number in range(3):
            writer.add(coded(0, number), None)
        with pytest.raises(KeyboardInterrupt):
            writer.flush()
        assert calls == [3]  # not stored again one by one


def test_an_events_csv_past_its_limit_is_refused_not_cut(tmp_path, monkeypatch):
    # GET /api/events.csv ("Download these events as CSV": "every matching event") of a
    # selection of 673,792 events gave the first 100,000, 200 OK, nothing saying the rest
    # were left out
    from fastapi.testclient import TestClient
    from test_robustness import gdelt_store

    from detente.web import api, create_app

    monkeypatch.setattr(api, "CSV_MAX_EVENTS", 2)
    client = TestClient(create_app(str(gdelt_store(tmp_path, events=3))))
    reply = client.get("/api/events.csv")
    assert reply.status_code == 413
    assert reply.json()["detail"] == (
        "the selection holds 3 events, more than the 2 one download holds: narrow it "
        "(dates, actors, event types) or write them all with `detente export`")
    reply = client.get("/api/events.csv?actor=IRN&page_size=1&since=2003-01-10")
    assert reply.status_code == 413  # the filters count, paging does not
    monkeypatch.setattr(api, "CSV_MAX_EVENTS", 3)
    reply = client.get("/api/events.csv")
    assert reply.status_code == 200 and len(reply.text.splitlines()) == 4  # header, 3 rows


def test_an_export_folder_that_is_a_dangling_link_says_so(tmp_path):
    # `detente export out/` where out is a link to a folder that is gone said "cannot make
    # the folder (File exists)"
    db = tmp_path / "e.duckdb"
    Store(db).close()
    out = tmp_path / "out"
    out.symlink_to(tmp_path / "gone")
    result = CliRunner().invoke(main, ["export", str(out), "--db", str(db), "--format", "csv"])
    assert result.exit_code == 2
    assert result.output == (f"error: {out}: a dangling symbolic link (to {tmp_path / 'gone'}, "
                             "which does not exist); name a folder to write the files into\n")


def test_parts_a_stopped_writer_left_are_removed_by_the_next_write(tmp_path):
    # SIGTERM or kill -9 ends an export before it removes its part, and each writer's part has
    # a name of its own: without this every stopped run left one more beside the output
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(gone.stdout)
    target = tmp_path / "events.jsonl"
    dead_part = tmp_path / f"events.jsonl.{dead_pid}-0.part"
    live_part = tmp_path / f"events.jsonl.{os.getppid()}-3.part"  # a writer still running
    other_output = tmp_path / f"events.csv.{dead_pid}-0.part"  # another output's part
    for leftover in (dead_part, live_part, other_output):
        leftover.write_text("half of an export")
    with replacing(target) as part:
        part.write_text("{}\n")
    assert target.read_text() == "{}\n"
    assert not dead_part.exists()
    assert live_part.exists() and other_output.exists()


def test_two_writers_without_force_never_replace_each_other(tmp_path):
    # two `detente export out/` (no --force) at once both passed the "already exists" check
    # before either wrote, and the later replaced the earlier's whole file
    path = tmp_path / "events.jsonl"
    with pytest.raises(WriteError) as refused, replacing(path, replace=False) as first:
        first.write_text("first\n")
        with replacing(path, replace=False) as second:
            second.write_text("second\n")
    assert str(refused.value) == f"{path}: already exists; add --force to replace it"
    assert path.read_text() == "second\n"  # the one that finished first stays whole
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no part left behind
    with replacing(path) as forced:  # --force replaces, as before
        forced.write_text("forced\n")
    assert path.read_text() == "forced\n"


def test_an_export_without_force_does_not_replace_a_file_made_meanwhile(tmp_path,
                                                                       monkeypatch):
    # the export's own check passed; another export wrote out/events.csv before this one ended
    import detente.export

    db = tmp_path / "e.duckdb"
    Store(db).close()
    out = tmp_path / "out"

    def another_export_ends_first(store, part, fmt, selection):
        part.write_text("this run's rows\n")
        (out / "events.csv").write_text("the other run's rows\n")

    monkeypatch.setattr(detente.export, "_copy", another_export_ends_first)
    result = CliRunner().invoke(main, ["export", str(out), "--db", str(db), "--format", "csv"])
    assert result.exit_code == 2
    assert result.output == (f"error: {out / 'events.csv'}: already exists; add --force to "
                             "replace it\n")
    assert (out / "events.csv").read_text() == "the other run's rows\n"
    assert [p.name for p in out.iterdir()] == ["events.csv"]


def test_without_hard_links_a_writer_without_force_still_never_replaces(tmp_path,
                                                                       monkeypatch):
    # a file system that makes no hard links (os.link: "Operation not permitted") takes the
    # name with O_EXCL instead
    def no_links(source, target):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "g.html"
    with replacing(path, replace=False) as part:
        part.write_text("first\n")
    assert path.read_text() == "first\n"
    with pytest.raises(WriteError, match="already exists"), \
            replacing(path, replace=False) as part:
        part.write_text("second\n")
    assert path.read_text() == "first\n" and [p.name for p in tmp_path.iterdir()] == ["g.html"]


def test_a_local_ingest_leaves_out_an_old_shard_folders_markers(tmp_path):
    # `detente ingest news/ --db x.duckdb` after an earlier `ingest news/ --workers 2 --out
    # news/shards` read news/shards/*.done.json as JSON records: one "record has no 'text'"
    # each, and exit code 1 on every run
    from detente.ingest.shards import write_shard
    from detente.ingest.units import WorkUnit

    news = tmp_path / "news"
    news.mkdir()
    (news / "n.txt").write_text("2006-02-10\n\nPeru accused Chile of shelling a border post.",
                                encoding="utf-8")
    shards = news / "shards"
    for name in ("a.txt", "b.txt", "c.txt"):
        write_shard(shards, WorkUnit(str(news / name)), [], 1, [])
    # a news file that only has the marker's suffix is news
    (news / "wire.done.json").write_text('{"text": "Egypt accused Sudan of shelling a post."}',
                                         encoding="utf-8")
    db = str(tmp_path / "x.duckdb")
    result = CliRunner().invoke(main, ["ingest", str(news), "--db", db])
    assert result.exit_code == 0, result.output
    assert "record has no 'text'" not in result.output
    assert [line for line in result.output.splitlines() if "shard" in line] == [
        f"note: {shards}: a shard folder of an earlier `ingest --out`: its markers are not "
        f"news, left out (`detente load {shards}` merges it)"]
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    # a marker named on the command line is read as asked
    [named] = sorted(shards.glob("*.done.json"))[:1]
    result = CliRunner().invoke(main, ["ingest", str(named), "--db", db])
    assert result.exit_code == 2 and "record has no 'text'" in result.output  # none read


def test_ctrl_c_during_an_ingest_lookup_is_recorded_as_ctrl_c(tmp_path, coder, monkeypatch):
    # Ctrl-C landing in the lookup of the articles already stored (a read, not a write) was
    # recorded as "stopped by an error (Query interrupted)" before click's "Aborted!"
    from detente.ingest.pipeline import Ingest

    source = tmp_path / "n.txt"
    source.write_text("2006-02-10\n\nPeru accused Chile of shelling a border post.",
                      encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        monkeypatch.setattr(store, "known_articles", lambda keys: ctrl_c_during(store.con))
        ingest = Ingest(store, coder)
        with pytest.raises(KeyboardInterrupt):
            ingest.run([str(source)])
        assert ingest.summary.interrupted.startswith("Ctrl-C, at once, after 0 articles stored")
        [recorded] = store.con.execute("SELECT problems FROM runs").fetchone()
        assert "Ctrl-C, at once" in recorded and "Query interrupted" not in recorded
