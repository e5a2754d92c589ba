"""Faults found in review of the day's changes, each shown by a test that failed before its fix.
The texts are written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import dask
import duckdb
from click.testing import CliRunner
from distributed import Client, LocalCluster

from detente.cli import main
from detente.coder import provenance_for
from detente.ingest.cluster import (
    LOCAL_RUN_CONFIG,
    ClusterRun,
    CoderSettings,
    coding_fingerprint,
    ingest_on_cluster,
)
from detente.ingest.pipeline import IngestOptions
from detente.store import Store


def _jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": f"{path.stem}{i}", "text": text,
                                        "date": "2004-05-06"}) + "\n"
                            for i, text in enumerate(texts)), encoding="utf-8")
    return path


def _poison_beside_another():
    """A worker plugin: the article "Peru fired on Chile in story 2." makes its worker process
    exit, once the other unit (coded at the same time in another thread of the process) has
    begun its own third article, "Japan praised Kenya in item 2." (or 3 s later)."""
    from distributed import WorkerPlugin

    class PoisonBeside(WorkerPlugin):
        name = "poison-beside"

        def setup(self, worker) -> None:
            import os as worker_os
            import threading
            import time

            import detente.ingest.cluster as cluster

            original = cluster.code_documents
            other_began = threading.Event()

            def dying(coder, documents, *args, **kwargs):
                documents = list(documents)
                texts = [document.text for _, document in documents]
                if any("item 2." in text for text in texts):
                    other_began.set()
                    time.sleep(1.0)  # mid-article when the process dies
                if any("story 2." in text for text in texts):
                    other_began.wait(3)
                    worker_os._exit(3)
                return original(coder, documents, *args, **kwargs)

            cluster.code_documents = dying

    return PoisonBeside()


def test_a_unit_beside_one_that_kills_its_worker_loses_no_article(tmp_path):
    # A scheduler's workers run several units at once (a thread each): when one unit's article
    # killed the process, the article each other unit was coding was counted as a death of its
    # own, and after two such deaths an innocent article was skipped ("its worker died each of
    # the 2 times it was coded").
    poison = _jsonl(tmp_path / "a.jsonl", [f"Peru {'fired on' if i == 2 else 'praised'} "
                                           f"Chile in story {i}." for i in range(4)])
    other = _jsonl(tmp_path / "b.jsonl", [f"Japan praised Kenya in item {i}." for i in range(4)])
    problems: list[str] = []
    # (the run's own local cluster keeps a worker that is slow to come back, LOCAL_RUN_CONFIG:
    # the test's cluster had closed one that loaded its coder for over 15 s on a busy machine,
    # failing the other unit, or leaving the run waiting for ever)
    with dask.config.set(LOCAL_RUN_CONFIG), \
            LocalCluster(n_workers=1, threads_per_worker=2, processes=True,
                         dashboard_address=None, memory_limit="2GiB") as local, \
            Client(local) as client:
        client.register_plugin(_poison_beside_another())
        run = ClusterRun(tmp_path / "shards", IngestOptions(), CoderSettings(),
                         address=local.scheduler_address)
        with Store(tmp_path / "s.duckdb") as store:
            summary = ingest_on_cluster(store, [str(poison), str(other)], run,
                                        provenance_for(), on_problem=problems.append)
            stored = {r["doc_id"] for r in store.query("SELECT doc_id FROM articles")}
    assert problems == [f"{poison}:3: its worker died each of the 2 times it was coded (out of "
                        "memory, or a crash in the parser); it is skipped"]
    assert stored == {"a0", "a1", "a3", "b0", "b1", "b2", "b3"}
    assert (summary.new, summary.failed) == (7, 1)


def test_the_coding_fingerprint_follows_the_article_limits(monkeypatch):
    # DETENTE_MAX_CHARS sets the longest article the parser reads, DETENTE_ARTICLE_SECONDS the
    # time one may take: a rerun with a larger limit, to code the articles refused or cut
    # short, reused every shard and reported them refused again.
    settings, options = CoderSettings(), IngestOptions()
    provenance = provenance_for()
    monkeypatch.delenv("DETENTE_MAX_CHARS", raising=False)
    monkeypatch.delenv("DETENTE_ARTICLE_SECONDS", raising=False)
    first = coding_fingerprint(provenance, settings, options)
    assert coding_fingerprint(provenance, settings, options) == first  # the same run, again
    monkeypatch.setenv("DETENTE_MAX_CHARS", "900000")
    longer = coding_fingerprint(provenance, settings, options)
    assert longer != first
    monkeypatch.setenv("DETENTE_ARTICLE_SECONDS", "0")
    assert coding_fingerprint(provenance, settings, options) not in (first, longer)


def test_transfers_as_json_with_equipment_that_is_not_json(tmp_path):
    # `export` writes such a value as its text (a store edited by hand); `transfers --format
    # json` stopped with a JSONDecodeError traceback
    db = tmp_path / "s.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO arms_transfers (transfer_id, article_id, equipment, date) "
                "VALUES ('t1', 'a1', 'two patrol boats', DATE '2003-01-01'), "
                "('t2', 'a2', '[\"frigate\"]', DATE '2003-01-02')")
    con.close()
    result = CliRunner().invoke(main, ["transfers", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0 and result.exception is None, result.output
    records = json.loads(result.stdout)
    assert sorted(map(str, (r["equipment"] for r in records))) == [
        "['frigate']", "two patrol boats"]



def test_joiners_of_other_scripts_are_kept_in_the_stored_text(tmp_path):
    # A Persian word's zero-width non-joiner, an emoji sequence's joiner and the direction
    # marks of Hebrew text are part of the writing: they were all left out of the stored text
    # (an article in another language is stored as it is), while a joiner or mark inside a
    # Latin word still is ("Chi\u200dle" is Chile).
    from detente.ingest.text import read_inputs

    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "mi-khaham", I want
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    hebrew = "\u05e9\u05dc\u05d5\u05dd\u200f 2004"
    story = tmp_path / "story.txt"
    story.write_text(f"{persian} {family} {hebrew}\nChi\u200dle thanked Pe\u200eru.\n",
                     encoding="utf-8")
    [article] = list(read_inputs([str(story)]))
    assert article.text == f"{persian} {family} {hebrew}\nChile thanked Peru.\n"


def test_two_runs_of_one_input_on_one_scheduler_each_code_their_own(tmp_path):
    # The tasks were named by their unit alone: on a scheduler shared by two runs of the same
    # files (another --out or --db, another --date), Dask gave the second run the first's
    # results, shards written in the first run's folder, coded its way; the second run's
    # merge found none of them ("missing") and stored nothing.
    from detente.ingest.cluster import code_unit, prepare
    from detente.ingest.units import plan_units

    news = tmp_path / "news"
    news.mkdir()
    for i, (one, other) in enumerate([("Peru", "Chile"), ("Japan", "Kenya")]):
        (news / f"n{i}.txt").write_text(f"2004-05-0{i + 1}\n\n{one} thanked {other} for the "
                                        "talks.", encoding="utf-8")
    units, _ = plan_units([str(news)])
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as local, Client(local) as first:
        # the other run, still holding its results
        settings = CoderSettings()
        prepare(first, settings)
        (tmp_path / "elsewhere").mkdir()
        held = first.map(code_unit, units, out_dir=str(tmp_path / "elsewhere"),
                         options=IngestOptions(date="1999-01-01"),
                         plugin=settings.plugin_name, coding="another",
                         key=[f"unit-{u.unit_id}" for u in units])
        first.gather(held)
        problems: list[str] = []
        run = ClusterRun(tmp_path / "shards", IngestOptions(), settings,
                         address=local.scheduler_address)
        with Store(tmp_path / "s.duckdb") as store:
            summary = ingest_on_cluster(store, [str(news)], run, provenance_for(),
                                        on_problem=problems.append)
            dates = sorted(str(r["date"]) for r in store.query("SELECT date FROM articles"))
    assert problems == [] and (summary.new, summary.failed) == (2, 0)
    assert dates == ["2004-05-01", "2004-05-02"]
