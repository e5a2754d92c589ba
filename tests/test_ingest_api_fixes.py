"""Faults of an earlier review: what an ingest with --out alone reports, datelines hidden by
invisible characters, and the date an article stored through the API was given.

Every text here is invented for these tests."""

from __future__ import annotations

import datetime as dt
import json
import os
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

import detente.ingest.cluster as cluster_module
from detente.cli import main
from detente.ingest.pipeline import Ingest, IngestSummary
from detente.ingest.readers import SourceDocument, read_documents
from detente.ingest.shards import ShardInfo
from detente.ingest.text import date_in_text
from detente.store import Store
from detente.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note about httpx2, as in test_web
    from fastapi.testclient import TestClient

SHY, ZWSP = "\u00ad", "\u200b"
BODY = "Peru accused Chile of violating its airspace near the border."
# A dateline whose month name a web page split with a hyphenation hint.
HIDDEN_DATELINE = f"LIMA, Ma{SHY}rch 5, 2024\n\n{BODY}"
OLD_DAY = dt.datetime(2001, 2, 3, 12, 0)  # a file time no article here carries


def aged(path: Path) -> Path:
    """The file, its modification time set to OLD_DAY (so a file date is told from today)."""
    stamp = OLD_DAY.timestamp()
    os.utime(path, (stamp, stamp))
    return path


def only_document(path: Path) -> SourceDocument:
    [document] = read_documents([str(path)])
    assert isinstance(document, SourceDocument), document
    return document


# ---- 1. `ingest --out DIR` without --db: the last line says what was written ------------------
def _fake_cluster(units: list[ShardInfo], read: int):
    """ingest_on_cluster as it runs without a store: each unit reported, nothing merged."""
    def run(store, paths, run, provenance, on_unit=None, on_problem=None, keep_shards=False,
            on_progress=None, on_note=None) -> IngestSummary:
        assert store is None
        for count, info in enumerate(units, start=1):
            on_unit(info, count, len(units))
        return IngestSummary(read=read)
    return run


def test_out_without_db_reports_the_articles_and_events_written(tmp_path, monkeypatch):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(BODY, encoding="utf-8")
    units = [ShardInfo("u1", "a.txt", read=3, articles=3, events=4),
             ShardInfo("u2", "b.txt", read=2, articles=2, events=1)]
    monkeypatch.setattr(cluster_module, "ingest_on_cluster", _fake_cluster(units, read=5))
    out = tmp_path / "shards"
    result = CliRunner().invoke(main, ["ingest", str(news), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    # it said "5 read, 0 stored, ... 0 events -> shards"
    assert "0 stored" not in last and "0 events" not in last, last
    assert "5 read" in last and "5 articles coded" in last and "5 events" in last, last
    assert str(out) in last and "detente load" in last, last


def test_a_unit_reported_twice_is_counted_once(tmp_path, monkeypatch):
    # an input named twice is read twice (its unit reported twice), but written once
    news = tmp_path / "a.txt"
    news.write_text(BODY, encoding="utf-8")
    info = ShardInfo("u1", str(news), read=1, articles=1, events=2)
    monkeypatch.setattr(cluster_module, "ingest_on_cluster", _fake_cluster([info, info], 2))
    result = CliRunner().invoke(main, ["ingest", str(news), str(news), "--out",
                                       str(tmp_path / "o"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert "1 articles coded" in last and "2 events" in last, last


def test_out_without_db_on_a_local_cluster_counts_what_load_then_stores(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    for number, (a, b) in enumerate([("Peru", "Chile"), ("Kenya", "Uganda")]):
        (news / f"n{number}.txt").write_text(
            f"2006-02-1{number}\n\n{a} accused {b} of shelling a border post. {b} denied "
            "the charge on Tuesday.", encoding="utf-8")
    out = tmp_path / "shards"
    coded = CliRunner().invoke(main, ["ingest", str(news), "--out", str(out), "--workers", "1"])
    assert coded.exit_code == 0, coded.output
    loaded = CliRunner().invoke(main, ["load", str(out), "--db", str(tmp_path / "s.duckdb")])
    assert loaded.exit_code == 0, loaded.output
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        events = store.count("events")
    assert events > 0
    last = coded.output.strip().splitlines()[-1]
    assert f"2 read, 2 articles coded, 0 failed, {events} events written to 2 shards" in last


# ---- 2. a dateline is read as the coder reads the text ---------------------------------------
def test_a_dateline_split_by_invisible_characters_is_read():
    assert date_in_text(HIDDEN_DATELINE) == "2024-03-05"
    assert date_in_text(f"{ZWSP}\n\nMarch 5,{ZWSP} 2024\n{BODY}") == "2024-03-05"
    # lines past the third are still not a dateline
    assert date_in_text(f"one\ntwo\nthree\nMa{SHY}rch 5, 2024") is None


def test_ingest_reads_a_record_dateline_as_it_codes_it(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "w1", "text": HIDDEN_DATELINE}) + "\n", encoding="utf-8")
    document = only_document(path)
    assert (document.date, document.date_source) == ("2024-03-05", "text")
    assert SHY not in document.text


def test_ingest_stores_the_dateline_date(tmp_path, coder):
    path = tmp_path / "wire.json"
    path.write_text(json.dumps([{"id": "w1", "text": HIDDEN_DATELINE}]), encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        summary = Ingest(store, coder).run([str(path)])
        rows = store.query("SELECT date, date_source FROM articles")
    assert summary.new == 1
    assert [(str(r["date"]), r["date_source"]) for r in rows] == [("2024-03-05", "text")]


@pytest.fixture()
def writable(tmp_path, coder) -> tuple[Path, TestClient]:
    db = tmp_path / "api.duckdb"
    return db, TestClient(create_app(str(db), allow_writes=True, coder=coder))


def stored_date(client: TestClient, coded: dict) -> tuple[str | None, str | None]:
    """The stored article's date and where it came from, as the API gives them back."""
    article = client.get(f"/api/articles/{coded['stored']['article_id']}")
    assert article.status_code == 200, article.text
    return article.json()["date"], article.json()["date_source"]


def test_api_coding_reads_the_dateline_of_the_visible_text(writable):
    _, client = writable
    answer = client.post("/api/code", json={"text": HIDDEN_DATELINE})
    assert answer.status_code == 200, answer.text
    coded = answer.json()
    assert coded["date"] == "2024-03-05"
    assert coded["text"] == HIDDEN_DATELINE  # the caller's text, as given


def test_api_storing_reads_the_dateline_of_the_visible_text(writable):
    _, client = writable
    answer = client.post("/api/code", json={"text": HIDDEN_DATELINE, "store": True})
    assert answer.status_code == 200, answer.text
    assert answer.json()["date"] == "2024-03-05"
    # the dateline's date is the text's, not one the request gave
    assert stored_date(client, answer.json()) == ("2024-03-05", "text")


# ---- 3. an article stored through the API without a date has none ----------------------------
def test_api_article_without_a_date_is_stored_undated(writable):
    _, client = writable
    answer = client.post("/api/code", json={"text": BODY, "store": True, "doc_id": "nodate"})
    assert answer.status_code == 200, answer.text
    coded = answer.json()
    # it was dated today: the modification time of the temporary file the text was put in
    assert coded["date"] is None
    assert any("no date" in note for note in coded["notes"]), coded["notes"]
    assert stored_date(client, coded) == (None, None)


def test_api_article_with_a_date_keeps_it(writable):
    _, client = writable
    answer = client.post("/api/code", json={"text": BODY, "store": True, "date": "2019-07-01"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["date"] == "2019-07-01"
    assert not any("no date" in note for note in answer.json()["notes"])
    assert stored_date(client, answer.json()) == ("2019-07-01", "metadata")


def test_api_coding_without_a_date_says_so(writable):
    _, client = writable
    coded = client.post("/api/code", json={"text": BODY}).json()
    assert coded["date"] is None
    assert any("no date" in note for note in coded["notes"]), coded["notes"]


def test_files_on_disk_keep_their_modification_date(tmp_path):
    # the documented fallback for real files: a .txt, and a one-record .json
    text = tmp_path / "note.txt"
    text.write_text(BODY, encoding="utf-8")
    aged(text)
    record = tmp_path / "one.json"
    record.write_text(json.dumps({"id": "r1", "text": BODY}), encoding="utf-8")
    aged(record)
    for path in (text, record):
        document = only_document(path)
        assert (document.date, document.date_source) == ("2001-02-03", "file"), path


# ---- nearby: what the store records of an article posted to the API --------------------------
def test_api_article_records_no_temporary_file(writable):
    # the article's path and the run's input were the name of a temporary file, gone by then
    _, client = writable
    answer = client.post("/api/code", json={"text": BODY, "store": True, "doc_id": "posted"})
    assert answer.status_code == 200, answer.text
    with client.app.state.web.store() as store:
        articles = store.query("SELECT doc_id, path FROM articles")
        runs = store.query("SELECT command, inputs FROM runs")
    assert [(a["doc_id"], a["path"]) for a in articles] == [("posted", None)]
    assert [(r["command"], json.loads(r["inputs"])) for r in runs] == [
        ("ingest", ["POST /api/code"])]
