"""Ingest on a Dask LocalCluster: same events as one process, survives a killed worker,
resumes only the missing units, and merges shards idempotently."""

from __future__ import annotations

import os
import signal

import pytest
from distributed import Client, LocalCluster

from detente.coder import provenance_for
from detente.ingest.cluster import ClusterRun, CoderSettings, ingest_on_cluster
from detente.ingest.pipeline import Ingest, IngestOptions, IngestSummary
from detente.ingest.shards import marker, merge_shards, shard_ids
from detente.ingest.units import plan_units
from detente.store import Store

STATES = ["Peru", "Chile", "Egypt", "Sudan", "Japan", "China", "Kenya", "Somalia"]


def write_corpus(folder, files: int = 8) -> None:
    folder.mkdir()
    for i in range(files):
        a, b = STATES[i % 8], STATES[(i + 3) % 8]
        # every other story typed with two spaces after its full stops: the reading copy leaves
        # the second out, and its offset map must come back from spaCy's and Dask's workers
        gap = "  " if i % 2 else " "
        (folder / f"n{i:02d}.txt").write_text(
            f"2006-02-{10 + i}\n\n{a} accused {b} of arming rebels in case {i}.{gap}"
            f"{b} rejected the accusation on Tuesday.{gap}{a} later praised {b} for its restraint.")


def events(db) -> dict[str, dict]:
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT * FROM events")
    return {r["event_id"]: {k: v for k, v in r.items() if k != "run_id"} for r in rows}


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, memory_limit="1GiB") as local:
        yield local


def run_for(tmp_path, cluster, name="shards") -> ClusterRun:
    return ClusterRun(tmp_path / name, IngestOptions(), CoderSettings(),
                      address=cluster.scheduler_address, chunk_bytes=200)


def test_same_events_on_one_process_two_processes_and_a_cluster(tmp_path, coder, cluster):
    write_corpus(tmp_path / "news")
    results = []
    for name, processes in (("one", 1), ("two", 2)):
        with Store(tmp_path / f"{name}.duckdb") as store:
            Ingest(store, coder, IngestOptions(n_process=processes)).run([str(tmp_path / "news")])
        results.append(events(tmp_path / f"{name}.duckdb"))
    with Store(tmp_path / "cluster.duckdb") as store:
        summary = ingest_on_cluster(store, [str(tmp_path / "news")], run_for(tmp_path, cluster),
                                    provenance_for())
    results.append(events(tmp_path / "cluster.duckdb"))
    assert summary.new == 8 and summary.read == 8
    assert results[0] and results[0] == results[1] == results[2]
    # offsets into the stored text, also for the stories the copy read with one space less
    with Store(tmp_path / "two.duckdb", read_only=True) as store:
        rows = store.query("SELECT a.text, s.start_char, s.end_char, s.text AS sentence "
                           "FROM sentences s JOIN articles a USING (article_id)")
        found = store.query("SELECT a.text, e.trigger_start, e.trigger_end, e.trigger_text, "
                            "e.source_start, e.source_end, e.source_text FROM events e "
                            "JOIN articles a USING (article_id)")
    assert len(rows) == 8 * 4 and all(
        r["text"][r["start_char"]:r["end_char"]] == r["sentence"] for r in rows)
    assert "Chile rejected the accusation on Tuesday." in {r["sentence"] for r in rows}
    assert sum("  " in r["text"] for r in found) >= 8 and all(
        r["text"][r["trigger_start"]:r["trigger_end"]] == r["trigger_text"]
        and r["text"][r["source_start"]:r["source_end"]] == r["source_text"] for r in found)


def test_jsonl_cut_into_line_ranges_gives_the_same_documents(tmp_path, coder, cluster):
    lines = [f'{{"text": "{STATES[i % 8]} warned {STATES[(i + 1) % 8]} about case {i}."}}'
             for i in range(40)]
    (tmp_path / "wire.jsonl").write_text("\n".join(lines) + "\n")
    units, _ = plan_units([str(tmp_path / "wire.jsonl")], chunk_bytes=200)
    assert len(units) > 3
    with Store(tmp_path / "local.duckdb") as store:
        Ingest(store, coder).run([str(tmp_path / "wire.jsonl")])
    run = ClusterRun(tmp_path / "s", IngestOptions(), CoderSettings(),
                     address=cluster.scheduler_address, chunk_bytes=200)
    with Store(tmp_path / "cluster.duckdb") as store:
        ingest_on_cluster(store, [str(tmp_path / "wire.jsonl")], run, provenance_for())
    assert events(tmp_path / "local.duckdb") == events(tmp_path / "cluster.duckdb")


def test_rerun_codes_only_missing_units_and_merge_is_idempotent(tmp_path, cluster):
    write_corpus(tmp_path / "news")
    run = run_for(tmp_path, cluster)
    ingest_on_cluster(None, [str(tmp_path / "news")], run, provenance_for())
    ids = shard_ids(run.out_dir)
    assert len(ids) == 8
    stamps = {u: marker(run.out_dir, u).stat().st_mtime_ns for u in ids}
    marker(run.out_dir, ids[3]).unlink()  # as if that worker died before finishing
    coded = []
    ingest_on_cluster(None, [str(tmp_path / "news")], run, provenance_for(),
                      on_unit=lambda info, n, total: coded.append(info.unit_id))
    changed = [u for u in ids if marker(run.out_dir, u).stat().st_mtime_ns != stamps.get(u)]
    assert changed == [ids[3]]
    with Store(tmp_path / "m.duckdb") as store:
        first = IngestSummary()
        merge_shards(store, run.out_dir, ids, "r1", first)
        counts = store.count("articles"), store.count("events")
        again = IngestSummary()
        merge_shards(store, run.out_dir, ids, "r2", again)
        assert counts == (8, first.events) and first.events > 0
        assert (store.count("articles"), store.count("events")) == counts
        assert again.new == 0 and again.known == 8


def test_a_killed_worker_loses_no_article(tmp_path):
    write_corpus(tmp_path / "news", files=12)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, memory_limit="1GiB") as local, \
            Client(local) as client:
        pids = list(client.run(os.getpid).values())
        killed = []

        def kill_once(info, count, total):
            if not killed:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        run = ClusterRun(tmp_path / "shards", IngestOptions(), CoderSettings(),
                         address=local.scheduler_address)
        with Store(tmp_path / "k.duckdb") as store:
            summary = ingest_on_cluster(store, [str(tmp_path / "news")], run, provenance_for(),
                                        on_unit=kill_once)
            assert killed
            assert summary.new == 12
            assert store.count("articles") == 12


def test_hostile_records_on_the_cluster_lose_nothing(tmp_path, cluster):
    # Issue 15: a lone surrogate, a year-1 placeholder date and a 600-word tag line, in JSON
    # Lines cut into line ranges, as `ingest --workers 2` reads them.
    import json

    records = [{"id": f"r{i}", "text": f"{STATES[i % 8]} praised {STATES[(i + 1) % 8]} in "
                f"case {i}.", "date": "2006-02-10"} for i in range(12)]
    records[2]["text"] = "Peru condemned Chile \ud800 over case 2."
    records[5].update(text="Egypt said on Monday it would recall its envoy.",
                      date="0001-01-01T00:00:00")
    records[8]["text"] = "Japan praised China.\nTags: " + " ".join(["sanctions"] * 600)
    source = tmp_path / "hostile.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with Store(tmp_path / "h.duckdb") as store:
        summary = ingest_on_cluster(store, [str(source)], run_for(tmp_path, cluster),
                                    provenance_for())
        texts = {r["doc_id"]: r["text"] for r in store.query("SELECT doc_id, text FROM articles")}
    assert (summary.new, summary.failed) == (12, 0)
    assert texts["r2"] == "Peru condemned Chile \ufffd over case 2."
