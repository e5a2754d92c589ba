"""A cluster ingest, and `detente load` of its shards, report what a local ingest of the same
input reports: the dates that could not be read, the articles not coded, and each note (the
reader's, and the coder's: a sentence over the token budget, a language it cannot read). The
shards had dropped them, so a cluster run's last line and run record left them out."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import CliRunner

from detente.cli import main
from detente.coder import MAX_SENTENCE_TOKENS, provenance_for
from detente.ingest.cluster import ClusterRun, CoderSettings, ingest_on_cluster
from detente.ingest.pipeline import Ingest, IngestOptions, IngestSummary
from detente.ingest.shards import NOTES, marker, merge_shards, shard_file
from detente.store import Store

# Invented text. The run-on sentence is some 360 tokens: one sentence, over the budget.
RUN_ON = ("Norway condemned Sudan on Monday. The envoys listed the grievances of the border "
          "towns" + "".join(f", the shelled market of town {i}" for i in range(50)) + ".")
FRENCH = ("Le ministre a annoncé mardi que les négociations avec les pays voisins reprendraient "
          "la semaine prochaine, après une longue pause due aux élections. Les syndicats ont "
          "salué cette décision, mais les agriculteurs restent inquiets pour leurs récoltes.")


def write_input(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a_plain.txt").write_text(
        "2006-02-10\n\nPeru accused Chile of shelling a border post on Tuesday.\n",
        encoding="utf-8")
    # a one-record file whose own date cannot be read (dated from the file instead)
    (folder / "b_undated.json").write_text(json.dumps(
        {"text": "Kenya praised Uganda for reopening the railway.", "date": "the Ides of May"}),
        encoding="utf-8")
    (folder / "c_run_on.txt").write_text(f"2006-02-11\n\n{RUN_ON}\n", encoding="utf-8")
    (folder / "d_french.txt").write_text(f"2006-02-12\n\n{FRENCH}\n", encoding="utf-8")
    return folder



def run_on(folder: Path, local) -> ClusterRun:
    # small units: each file is a unit of its own, so notes cross several shards
    return ClusterRun(folder, IngestOptions(), CoderSettings(),
                      address=local.scheduler_address, chunk_bytes=150)


def recorded_notes(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        [run] = store.query("SELECT problems FROM runs")
    return sorted(line for line in json.loads(run["problems"]) if line.startswith("note: "))


def test_a_cluster_run_and_load_report_the_notes_and_counts_of_a_local_run(
        tmp_path, coder, threads):
    news = write_input(tmp_path / "news")
    local_notes: list[str] = []
    with Store(tmp_path / "local.duckdb") as store:
        local = Ingest(store, coder).run([str(news)], on_note=local_notes.append)
    # the input gives each kind of note once, or the comparison below proves nothing
    assert (local.read, local.dates_unread, local.not_coded, local.failed) == (4, 1, 1, 0)
    assert any("b_undated.json" in n and "Ides of May" in n for n in local_notes)
    assert any("c_run_on.txt" in n and f"over the {MAX_SENTENCE_TOKENS}-token budget" in n
               for n in local_notes)
    assert any("d_french.txt" in n and "language 'fr'" in n for n in local_notes)

    cluster_notes: list[str] = []
    with Store(tmp_path / "cluster.duckdb") as store:
        cluster = ingest_on_cluster(store, [str(news)], run_on(tmp_path / "shards", threads),
                                    provenance_for(), on_note=cluster_notes.append,
                                    keep_shards=True)
    assert cluster.counts() == local.counts()
    # units finish in any order: the same notes, not always in the same order
    assert sorted(cluster_notes) == sorted(local_notes) == sorted(cluster.notes)
    assert recorded_notes(tmp_path / "cluster.duckdb") == recorded_notes(tmp_path / "local.duckdb")

    # the shards alone: `load` reports the same, in its last line and its run record
    result = CliRunner().invoke(main, ["load", str(tmp_path / "shards"),
                                       "--db", str(tmp_path / "loaded.duckdb")])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.endswith("(1 not coded: not English) (1 with a date that could not be read: "
                         "see the notes)"), last
    assert recorded_notes(tmp_path / "loaded.duckdb") == recorded_notes(tmp_path / "local.duckdb")


def test_a_second_merge_notes_no_article_again_as_a_local_rerun_does(tmp_path, coder, threads):
    # a local rerun reads every document again (its date notes again) but codes none: the
    # coder's notes are of articles stored, and so are a merge's
    news = write_input(tmp_path / "news")
    with Store(tmp_path / "local.duckdb") as store:
        Ingest(store, coder).run([str(news)])
        local = Ingest(store, coder).run([str(news)])
    run = run_on(tmp_path / "shards", threads)
    with Store(tmp_path / "cluster.duckdb") as store:
        ingest_on_cluster(store, [str(news)], run, provenance_for(), keep_shards=True)
        again = ingest_on_cluster(store, [str(news)], run, provenance_for(), keep_shards=True)
    assert (again.known, again.not_coded, again.dates_unread) == (4, 0, 1)
    assert (local.known, local.not_coded, local.dates_unread) == (4, 0, 1)
    resumed = [n for n in again.notes if n.startswith("resuming:")]
    assert sorted(set(again.notes) - set(resumed)) == sorted(local.notes)


def test_shards_written_before_notes_were_kept_still_load(tmp_path, shards):
    folder, ids = shards
    for unit_id in ids:  # as an older detente wrote them: no notes column, no marker keys
        path = shard_file(folder, unit_id, "articles")
        table = pq.read_table(path)
        pq.write_table(table.drop_columns([NOTES]), path)
        data = json.loads(marker(folder, unit_id).read_text())
        del data["notes"], data["dates_unread"]
        marker(folder, unit_id).write_text(json.dumps(data))
    summary = IngestSummary()
    with Store(tmp_path / "old.duckdb") as store:
        merge_shards(store, folder, ids, "r1", summary)
    assert (summary.new, summary.failed, summary.not_coded, summary.notes) == (9, 0, 0, [])


def test_notes_in_a_shard_that_are_not_a_list_of_text_skip_only_their_article(tmp_path, shards):
    folder, ids = shards
    path = shard_file(folder, ids[0], "articles")
    rows = pq.read_table(path).to_pylist()
    rows[1][NOTES] = '{"not": "a list"}'
    pq.write_table(pa.Table.from_pylist(rows), path)
    problems: list[str] = []
    with Store(tmp_path / "forged.duckdb") as store:
        merge_shards(store, folder, ids, "r1", IngestSummary(), on_problem=problems.append)
    assert len(problems) == 1 and "has notes that are not a JSON list of text" in problems[0]
