"""Ingest into the store: idempotent, resumable after SIGKILL, repeated stories marked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli import main
from detente.ingest.pipeline import Ingest, IngestOptions
from detente.store import EventFilter, Store, StoreError

PAIRS = [("Peru", "Chile"), ("Egypt", "Libya"), ("Norway", "Russia"), ("Japan", "China"),
         ("Kenya", "Somalia"), ("Brazil", "Argentina"), ("Poland", "Belarus")]
VERBS = ["accused", "praised", "warned", "condemned"]


def write_corpus(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        a, b = PAIRS[i % len(PAIRS)]
        verb = VERBS[i % len(VERBS)]
        text = (f"2003-0{1 + i % 9}-1{i % 9}\n\n{a} {verb} {b} over incident number {i} "
                f"near the shared frontier. Officials in {a} gave no further detail on case {i}.")
        (folder / f"story{i:03d}.txt").write_text(text)


def ingest(db: Path, inputs: list[str], coder, **options) -> dict:
    with Store(db) as store:
        summary = Ingest(store, coder, IngestOptions(**options)).run(inputs)
    return vars(summary)


def test_ingest_twice_adds_nothing(tmp_path, coder):
    write_corpus(tmp_path / "news", 6)
    db = tmp_path / "e.duckdb"
    first = ingest(db, [str(tmp_path / "news")], coder)
    assert first["new"] == 6 and first["events"] >= 6
    second = ingest(db, [str(tmp_path / "news")], coder)
    assert second["new"] == 0 and second["known"] == 6
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 6
        assert store.count("events") == first["events"]
        runs = store.query("SELECT * FROM runs ORDER BY started_at")
        assert len(runs) == 2 and runs[0]["model_version"] and runs[0]["dictionary_version"]
        assert runs[1]["articles_known"] == 6


def test_repeated_story_is_stored_per_outlet_and_counted_once(tmp_path, coder):
    story = ("Ankara accused Athens of violating Turkish airspace with fighter jets on Monday. "
             "The Turkish foreign ministry summoned the Greek ambassador over the incident. "
             "Greek officials rejected the claim and said the flights were routine patrols.")
    records = [
        {"id": "a1", "text": story, "source": "Wire One", "date": "2004-05-03"},
        {"id": "b1", "text": story.replace("Monday", "Monday morning"), "source": "Paper Two",
         "date": "2004-05-03"},
        {"id": "c1", "text": "Peru praised Chile for its help after the floods in the south.",
         "source": "Paper Two", "date": "2004-05-04"},
    ]
    feed = tmp_path / "wires.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records))
    db = tmp_path / "e.duckdb"
    summary = ingest(db, [str(feed)], coder)
    assert summary["new"] == 3 and summary["duplicates"] == 1
    with Store(db, read_only=True) as store:
        articles = {a["doc_id"]: a for a in store.query("SELECT * FROM articles")}
        assert articles["b1"]["duplicate_of"] == articles["a1"]["article_id"]
        once = store.events(EventFilter())
        every = store.events(EventFilter(all_reports=True))
        repeats = [e for e in every if e["duplicate_of"]]
        assert repeats and len(once) == len(every) - len(repeats)
        originals = {e["event_id"] for e in once}
        assert all(r["duplicate_of"] in originals for r in repeats)


def test_events_query_filters(tmp_path, coder):
    write_corpus(tmp_path / "news", 8)
    db = tmp_path / "e.duckdb"
    ingest(db, [str(tmp_path / "news")], coder)
    runner = CliRunner()
    result = runner.invoke(main, ["events", "--db", str(db), "--actor", "PER", "--quad", "3,4",
                                  "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    for record in records:
        assert "PER" in (record["source"]["country"], record["target"]["country"])
        assert record["quad_class"] in (3, 4)
    bad = runner.invoke(main, ["events", "--db", str(db), "--quad", "7"])
    assert bad.exit_code == 2 and "--quad values must be 1..4" in bad.stderr


def test_foreign_database_is_refused_untouched(tmp_path):
    import duckdb

    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE invoices (n INTEGER)")
    con.close()
    before = other.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        Store(other)
    assert other.read_bytes() == before
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database")
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store(text)
    assert text.read_text() == "not a database"


def test_cli_ingest_reports_a_locked_database(tmp_path):
    db = tmp_path / "e.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"from detente.store import Store; s = Store({str(db)!r}); print('ready', flush=True); "
         "import time; time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = subprocess.run(
            [sys.executable, "-m", "detente.cli", "events", "--db", str(db)],
            capture_output=True, text=True, timeout=60,
        )
        assert result.returncode == 2
        assert "in use by another process" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        holder.kill()
        holder.wait()


def test_sigkill_midway_then_rerun_finishes_without_loss_or_duplicates(tmp_path, coder):
    corpus = tmp_path / "news"
    write_corpus(corpus, 60)
    clean_db = tmp_path / "clean.duckdb"
    clean = ingest(clean_db, [str(corpus)], coder)
    db = tmp_path / "killed.duckdb"
    command = [sys.executable, "-m", "detente.cli", "ingest", str(corpus), "--db", str(db),
               "--batch-size", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    # wait for the first committed batch (the log line says so), then kill without warning
    for line in process.stderr:
        if "articles stored" in line:
            break
    killed_midway = process.poll() is None
    if killed_midway:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with Store(db, read_only=True) as store:
        partial = store.count("articles")
    if killed_midway:
        assert 0 < partial < 60
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with Store(db, read_only=True) as store, Store(clean_db, read_only=True) as reference:
        assert store.count("articles") == 60
        ids = [r["event_id"] for r in store.query("SELECT event_id FROM events")]
        assert len(ids) == len(set(ids)) == clean["events"]
        assert set(ids) == {r["event_id"] for r in reference.query("SELECT event_id FROM events")}


def test_cli_ingest_reports_a_text_file_with_a_late_nul_and_stores_the_rest(tmp_path):
    write_corpus(tmp_path / "news", 2)
    text = ("Peru praised Chile over the new trade treaty signed at the border.\n" * 150).encode()
    assert len(text) > 8192
    (tmp_path / "news" / "damaged.txt").write_bytes(text + b"\x00\x00\x00")
    db = str(tmp_path / "e.duckdb")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "news"), "--db", db])
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {tmp_path / 'news' / 'damaged.txt'}: binary content (a NUL "
                      f"byte at offset {len(text)}), not text"], result.output
    assert "Traceback" not in result.output
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 2


def test_cli_ingest_export_and_gdelt_side_by_side(tmp_path):
    write_corpus(tmp_path / "news", 4)
    db = str(tmp_path / "e.duckdb")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(tmp_path / "news"), "--db", db])
    assert result.exit_code == 0, result.output
    assert "4 stored" in result.stderr
    from detente.ingest.gdelt import layouts

    columns = layouts()[61][1]
    values = dict.fromkeys(columns, "")
    values.update(GLOBALEVENTID="900001", SQLDATE="20030105", Actor1Code="PER",
                  Actor1CountryCode="PER", Actor2Code="CHL", Actor2CountryCode="CHL",
                  EventCode="112", EventBaseCode="112", EventRootCode="11", QuadClass="3",
                  GoldsteinScale="-2.0", SOURCEURL="https://example.org/a")
    gdelt_file = tmp_path / "20030105.export.CSV"
    gdelt_file.write_text("\t".join(values[c] for c in columns) + "\n")
    result = runner.invoke(main, ["import", "gdelt", str(gdelt_file), "--db", db])
    assert result.exit_code == 0, result.output
    both = runner.invoke(main, ["events", "--db", db, "--actor", "PER", "--format", "jsonl"])
    origins = {json.loads(line)["origin"] for line in both.stdout.splitlines()}
    assert origins == {"detente", "gdelt"}
    out = tmp_path / "out"
    result = runner.invoke(main, ["export", str(out), "--db", db, "--format", "csv",
                                  "--origin", "detente"])
    assert result.exit_code == 0, result.output
    import csv

    rows = list(csv.DictReader((out / "events.csv").open()))
    assert rows and {r["origin"] for r in rows} == {"detente"}


def test_ingest_dates_records_by_their_published_key_unless_another_key_is_named(tmp_path):
    wire = tmp_path / "wire.jsonl"
    wire.write_text(json.dumps({"id": "w1", "published": "2025-03-14T08:00:00Z",
                                "text": "Chile recalled its ambassador from Peru."}) + "\n",
                    encoding="utf-8")

    def stored_dates(*options: str) -> list:
        db = tmp_path / f"s{len(options)}.duckdb"
        result = CliRunner().invoke(main, ["ingest", str(wire), "--db", str(db), *options])
        assert result.exit_code == 0, result.output
        with Store(db, read_only=True) as store:
            return [row[0] for row in store.con.execute(
                "SELECT strftime(date, '%Y-%m-%d') FROM articles").fetchall()]

    assert stored_dates() == ["2025-03-14"]
    assert stored_dates("--date-field", "date") == [None]
