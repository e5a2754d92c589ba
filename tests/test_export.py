"""Exports: every format is written, read back, and holds the selected events once each; the
arms transfers beside them follow the same filters."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import duckdb
import pytest

from detente.export import (
    ARTICLE_EXTRAS,
    FILE_NAMES,
    FORMATS,
    PHOENIX_COLUMNS,
    PLOVER_FIELDS,
    export_events,
    export_transfers,
)
from detente.ingest.gdelt import gdelt_columns
from detente.ingest.polecat import columns as polecat_columns
from detente.model import EVENT_COLUMNS, TRANSFER_COLUMNS, flatten_record
from detente.store import EventFilter, Store, StoredArticle

DOCS = Path(__file__).resolve().parents[1] / "docs" / "export_formats.md"


def icews_columns() -> list[str]:
    from detente.ingest.icews import columns

    return list(columns())


def actor(text: str, code: str, country: str, sector: str | None = None) -> dict:
    return {"text": text, "code": code, "country": country, "sector": sector, "name": None,
            "role": None, "kind": "state", "start": 0, "end": len(text)}


def record(**changes) -> dict:
    base = {
        "doc_id": "doc1", "date": "2003-01-10", "sentence_index": 0,
        "sentence": 'Iran accused the United States of "piracy", officials said.',
        "sentence_start": 0, "source": actor("Iran", "IRNGOV", "IRN", "GOV"),
        "target": actor("the United States", "USA", "USA"), "cameo": "112",
        "cameo_root": "11", "cameo_name": "Accuse", "plover": "ACCUSE", "quad_class": 3,
        "goldstein": -2.0, "trigger": {"text": "accused", "start": 5, "end": 12},
        "modality": "asserted", "attribution": None, "confidence": 0.8, "symmetric": False,
        "rule": "verb",
    }
    base.update(changes)
    return base


def row(event_id: str, article_id: str | None, origin: str = "detente", **changes) -> dict:
    flat = flatten_record(record(**changes))
    flat.update(event_id=event_id, article_id=article_id, origin=origin,
                source_url=f"https://news.example/{event_id}" if article_id else None)
    flat["date"] = dt.date.fromisoformat(flat["date"]) if flat["date"] else None
    return flat


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "e.duckdb") as store:
        store.add_articles([
            StoredArticle(row={"article_id": "art1", "source": "Reuters",
                               "date": dt.date(2003, 1, 10), "language": "en",
                               "title": "Iran accuses US"}),
            StoredArticle(row={"article_id": "art2", "source": "AFP",
                               "date": dt.date(2003, 1, 11), "language": "en",
                               "duplicate_of": "art1"}),
            StoredArticle(row={"article_id": "art3", "source": "AP",
                               "date": dt.date(2003, 1, 12), "language": "en"}),
        ])
        store.add_events([
            row("e1", "art1"),
            # The same event reported again by another outlet: exported only with all_reports.
            row("e2", "art2", date="2003-01-11", duplicate_of="e1"),
            row("e3", "art3", date="2003-01-12", sentence_index=2, cameo="141",
                cameo_root="14", cameo_name="Demonstrate or rally", plover="PROTEST",
                goldstein=-6.5, sentence="Students protested\tin Tehran.",
                trigger={"text": "protested", "start": 9, "end": 18},
                source=actor("Students", "IRNEDU", "IRN", "EDU")),
            row("gdelt-1001", None, origin="gdelt", date="2003-01-09", cameo="043",
                cameo_root="04", cameo_name="Host a visit", plover="CONSULT", quad_class=1,
                goldstein=2.8, sentence=None, sentence_index=None,
                trigger={"text": None, "start": None, "end": None}, confidence=None,
                rule="gdelt 1.0"),
        ])
        yield store


def export(store: Store, tmp_path: Path, fmt: str, selection: EventFilter | None = None):
    path = export_events(store, tmp_path / "out", fmt, selection)
    assert path == tmp_path / "out" / FILE_NAMES[fmt] and path.exists()
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def read_phoenix(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


EXPECTED_ORDER = ["gdelt-1001", "e1", "e3"]  # oldest first, the repeated report left out


def test_parquet_has_every_column_and_skips_repeats(store, tmp_path):
    path = export(store, tmp_path, "parquet")
    result = duckdb.sql(f"SELECT * FROM read_parquet('{path}')")
    assert result.columns == [*EVENT_COLUMNS, *ARTICLE_EXTRAS]
    rows = [dict(zip(result.columns, values, strict=True)) for values in result.fetchall()]
    assert [r["event_id"] for r in rows] == EXPECTED_ORDER
    e1 = rows[1]
    assert e1["date"] == dt.date(2003, 1, 10) and e1["goldstein"] == -2.0
    assert e1["source_code"] == "IRNGOV" and e1["target_country"] == "USA"
    assert e1["quad_class"] == 3 and e1["symmetric"] is False
    assert (e1["outlet"], e1["title"]) == ("Reuters", "Iran accuses US")
    assert rows[0]["outlet"] is None  # GDELT events have no stored article


def test_csv_round_trips_quotes_and_tabs(store, tmp_path):
    path = export(store, tmp_path, "csv")
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        rows = list(reader)
    assert reader.fieldnames == [*EVENT_COLUMNS, *ARTICLE_EXTRAS]
    assert [r["event_id"] for r in rows] == EXPECTED_ORDER
    assert rows[1]["sentence"] == 'Iran accused the United States of "piracy", officials said.'
    assert rows[2]["sentence"] == "Students protested\tin Tehran."
    assert rows[1]["date"] == "2003-01-10" and rows[0]["article_id"] == ""


def test_jsonl_is_the_nested_record(store, tmp_path):
    records = read_jsonl(export(store, tmp_path, "jsonl"))
    assert [r["event_id"] for r in records] == EXPECTED_ORDER
    e1 = records[1]
    assert e1["source"]["code"] == "IRNGOV" and e1["target"]["text"] == "the United States"
    assert e1["trigger"] == {"text": "accused", "start": 5, "end": 12}
    assert e1["date"] == "2003-01-10" and e1["attribution"] is None
    assert "source_code" not in e1


def test_a_nested_record_keeps_its_own_rows_columns():
    from detente.model import nest_row

    full = {"event_id": "e1", "date": dt.date(2003, 1, 10), "source_code": "IRN",
            "source_text": "Iran", "location_name": "Tehran", "trigger_text": "met",
            "outlet": "VOA"}
    fewer = {"source_code": None, "date": None, "event_id": "e2"}
    for _ in range(2):  # the second time from the columns the first row's shape left
        first, second = nest_row(full), nest_row(fewer)
        assert list(first) == ["event_id", "date", "outlet", "source", "target",
                               "attribution", "location", "trigger"]
        assert first["date"] == "2003-01-10" and first["source"]["text"] == "Iran"
        assert first["location"]["name"] == "Tehran" and first["trigger"]["text"] == "met"
        assert list(second) == ["date", "event_id", "source", "target", "attribution",
                                "location", "trigger"]
        assert second["source"] is None and second["location"] is None


def test_all_reports_and_filters_select_rows(store, tmp_path):
    every = read_jsonl(export(store, tmp_path, "jsonl", EventFilter(all_reports=True)))
    assert {r["event_id"] for r in every} == {"e1", "e2", "e3", "gdelt-1001"}
    assert next(r for r in every if r["event_id"] == "e2")["duplicate_of"] == "e1"
    gdelt = read_phoenix(export(store, tmp_path, "phoenix", EventFilter(origin="gdelt")))
    assert [r[0] for r in gdelt] == ["gdelt-1001"]
    path = export(store, tmp_path, "parquet", EventFilter(roots=["14"]))
    assert duckdb.sql(f"SELECT event_id FROM read_parquet('{path}')").fetchall() == [("e3",)]


def test_plover_records(store, tmp_path):
    records = read_jsonl(export(store, tmp_path, "plover"))
    assert [r["id"] for r in records] == EXPECTED_ORDER
    assert all(tuple(r) == PLOVER_FIELDS for r in records)
    e1, e3 = records[1], records[2]
    assert e1["date"] == "2003-01-10" and e1["event"] == ["ACCUSE"]
    assert e1["quad_code"] == 3 and e1["event_scale"] == -2.0 and e1["cameo_code"] == "112"
    assert e1["actor"] == [{"code": "IRN", "sector": "GOV", "entity_text": "Iran",
                            "identifier_text": "Iran", "office": None}]
    assert e1["recipient"][0]["entity_text"] == "the United States"
    assert e1["recipient"][0]["identifier_text"] == "United States"
    assert e1["text_info"]["wording"] == "accused" and e1["event_text"][0].startswith("Iran")
    # the manual's citation names: citation (database identifier), publication (publisher)
    assert e1["cite_info"] == {"citation": "art1", "url": "https://news.example/e1",
                               "title": "Iran accuses US", "language": "en",
                               "publication": "Reuters", "publication_date": "2003-01-10"}
    assert e1["mode"] == ["disapprove"] and e1["context"] is None  # no context: null, not []
    assert (e1["modality"], e1["confidence"], e1["origin"]) == ("asserted", 0.8, "detente")
    # PLOVER puts protests under material conflict; CAMEO root 14 is verbal conflict.
    assert e3["event"] == ["PROTEST"] and e3["quad_code"] == 4 and e3["mode"] == ["demo"]
    gdelt = records[0]
    assert gdelt["origin"] == "gdelt" and gdelt["cite_info"]["citation"] is None
    assert gdelt["cite_info"]["publication"] is None and gdelt["event_text"] is None
    assert gdelt["mode"] == ["visit"] and gdelt["quad_code"] == 1


def test_phoenix_columns(store, tmp_path):
    rows = read_phoenix(export(store, tmp_path, "phoenix"))
    assert len(rows) == 3 and all(len(r) == len(PHOENIX_COLUMNS) == 26 for r in rows)
    by_name = [dict(zip(PHOENIX_COLUMNS, r, strict=True)) for r in rows]
    assert [r["EventID"] for r in by_name] == EXPECTED_ORDER
    e1 = by_name[1]
    assert (e1["Date"], e1["Year"], e1["Month"], e1["Day"]) == ("20030110", "2003", "01", "10")
    assert (e1["SourceActorFull"], e1["SourceActorEntity"], e1["SourceActorRole"]) == (
        "IRNGOV", "IRN", "GOV")
    assert (e1["TargetActorFull"], e1["TargetActorEntity"], e1["TargetActorRole"]) == (
        "USA", "USA", "")
    assert (e1["EventCode"], e1["EventRootCode"], e1["QuadClass"]) == ("112", "11", "3")
    assert float(e1["GoldsteinScore"]) == -2.0
    # e2 (art2) tells e1's story again: Phoenix joins the reports' ids, URLs and outlets
    assert e1["SentenceID"] == "art1_0;art2_0" and e1["NewsSources"] == "Reuters;AFP"
    assert e1["URLs"] == "https://news.example/e1;https://news.example/e2"
    assert all(e1[c] == "" for c in ("Issues", "Lat", "Lon", "LocationName", "CountryCode"))
    assert by_name[2]["SentenceID"] == "art3_2" and by_name[2]["NewsSources"] == "AP"
    assert by_name[0]["SentenceID"] == "" and by_name[0]["NewsSources"] == ""


def test_empty_selection_writes_empty_files(store, tmp_path):
    nothing = EventFilter(actor="ZZZ")
    for fmt in FORMATS:
        path = export(store, tmp_path, fmt, nothing)
        if fmt == "parquet":
            assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchall() == [(0,)]
        elif fmt == "csv":
            assert path.read_text().splitlines() == [",".join([*EVENT_COLUMNS,
                                                               *ARTICLE_EXTRAS])]
        elif fmt == "icews":  # the files' header line, as the Dataverse files have one
            assert path.read_text().splitlines() == ["\t".join(icews_columns())]
        elif fmt == "polecat":  # so do POLECAT's
            assert path.read_text().splitlines() == ["\t".join(polecat_columns())]
        else:
            assert path.read_text() == ""


def test_unknown_format_is_one_line_error(store, tmp_path):
    with pytest.raises(ValueError, match="unknown export format 'xml'") as info:
        export_events(store, tmp_path / "out", "xml")
    assert "\n" not in str(info.value)


def test_docs_name_every_column():
    text = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([A-Za-z_]+)`", text))
    assert set(PLOVER_FIELDS) <= documented and set(PHOENIX_COLUMNS) <= documented
    assert {f"`{name}`" for name in icews_columns()} <= set(re.findall(r"`[^`]+`", text))
    assert {f"`{name}`" for name in polecat_columns()} <= set(re.findall(r"`[^`]+`", text))
    # GDELT's columns by name or by a documented family (`Actor1*`, `ActionGeo_*`)
    named = set(re.findall(r"`([A-Za-z0-9_*]+)`", text))
    families = tuple(name.rstrip("*") for name in named if name.endswith("*"))
    for table in ("gdelt2", "gdelt2_mentions"):
        assert [c for c in gdelt_columns(table)
                if c not in named and not c.startswith(families)] == []


# ---- arms transfers beside the events ----------------------------------------------------------
def transfer(transfer_id: str, date: str | None, supplier: str, recipient: str, **changes) -> dict:
    row = dict.fromkeys(TRANSFER_COLUMNS)
    row.update(transfer_id=transfer_id, article_id="art9", doc_id="doc9",
               date=dt.date.fromisoformat(date) if date else None, sentence_index=0,
               sentence="Ruritania delivered four patrol boats to Freedonia.\n",
               supplier_code=supplier, supplier_country=supplier, recipient_code=recipient,
               recipient_country=recipient, equipment="[]", categories="ship",
               quantity=4, status="delivered")
    row.update(changes)
    return row


@pytest.fixture
def transfers_store(tmp_path: Path):
    with Store(tmp_path / "t.duckdb") as store:
        store.add_articles([StoredArticle(
            row={"article_id": "art9", "source": "Wire", "date": dt.date(2003, 5, 2),
                 "language": "en"},
            transfers=[transfer("t1", "2003-01-05", "RUS", "IRN"),
                       transfer("t2", "2003-03-01", "CHN", "PAK"),
                       transfer("t3", "2003-04-20", "RUS", "IND"),
                       transfer("t4", None, "FRA", "IRN")])])
        yield store


def exported_transfers(store: Store, tmp_path: Path, fmt: str = "csv",
                       notes: list[str] | None = None, **selection) -> list[dict]:
    path = export_transfers(store, tmp_path / "tr", fmt, EventFilter(**selection),
                            on_note=notes.append if notes is not None else None)
    assert path == tmp_path / "tr" / f"arms_transfers.{fmt}"
    if fmt == "jsonl":
        return read_jsonl(path)
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_transfers_follow_the_export_filters(transfers_store, tmp_path):
    def ids(**selection) -> list[str]:
        return [r["transfer_id"] for r in exported_transfers(transfers_store, tmp_path,
                                                              **selection)]

    assert ids() == ["t1", "t2", "t3", "t4"]  # oldest first, the undated last
    assert ids(since=dt.date(2003, 2, 1)) == ["t2", "t3"]
    assert ids(until=dt.date(2003, 3, 31)) == ["t1", "t2"]
    assert ids(actor="IRN") == ["t1", "t4"]  # supplier or recipient
    assert ids(actor="RUS", since=dt.date(2003, 4, 1)) == ["t3"]
    assert ids(limit=2) == ["t1", "t2"]
    assert ids(origin="detente") == ["t1", "t2", "t3", "t4"]
    assert ids(origin="gdelt") == []  # transfers are coded from text: GDELT has none


def test_filters_of_events_only_are_named(transfers_store, tmp_path):
    notes: list[str] = []
    rows = exported_transfers(transfers_store, tmp_path, "jsonl", notes, roots=["07"],
                              source="RUS")
    assert len(rows) == 4
    assert notes == ["arms_transfers.jsonl: --source, --root apply to events only; it holds "
                     "the transfers the other filters select (`detente transfers` selects by "
                     "supplier, recipient and status)"]
    exported_transfers(transfers_store, tmp_path, "jsonl", notes, actor="RUS")
    assert len(notes) == 1


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_transfer_sentences_lose_their_line_break(transfers_store, tmp_path, fmt):
    path = export_transfers(transfers_store, tmp_path / fmt, fmt)
    reader = {"csv": "read_csv", "jsonl": "read_json", "parquet": "read_parquet"}[fmt]
    sentences = duckdb.sql(f"SELECT sentence FROM {reader}('{path}')").fetchall()
    assert sentences == [("Ruritania delivered four patrol boats to Freedonia.",)] * 4
    if fmt == "csv":
        assert len(path.read_text(encoding="utf-8").splitlines()) == 5  # a header, 4 records


def test_cli_export_filters_transfers(transfers_store, tmp_path):
    from click.testing import CliRunner

    from detente.cli import main

    db = str(transfers_store.path)
    transfers_store.close()
    out = tmp_path / "cli"
    result = CliRunner().invoke(main, ["export", str(out), "--db", db, "--format", "csv",
                                       "--actor", "PAK", "--since", "2003-01-01"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((out / "arms_transfers.csv").open(encoding="utf-8")))
    assert [r["transfer_id"] for r in rows] == ["t2"]
