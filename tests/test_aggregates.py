"""Honest aggregates: only asserted events count unless asked, and either date can be used.

A hypothetical attack ("if X attacks Y") must not add a -10 to X-Y; an event reported in March
about January counts in January by event date and in March by publication date.
"""

from __future__ import annotations

import datetime as dt
import warnings

import pytest
from click.testing import CliRunner

from detente.cli import main
from detente.dyads import Scope, dyad_series, graph, relations
from detente.model import EVENT_COLUMNS
from detente.store import Store
from detente.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

GOLDSTEIN = {1: 3.0, 2: 7.0, 3: -4.0, 4: -10.0}


def event(n: int, source: str, target: str, quad: int, date: str, modality: str,
          published: str | None = None) -> dict:
    row = dict.fromkeys(EVENT_COLUMNS)
    row.update(event_id=f"m{n}", origin="detente", date=dt.date.fromisoformat(date),
               article_date=dt.date.fromisoformat(published or date),
               source_country=source, source_code=source, target_country=target,
               target_code=target, quad_class=quad, goldstein=GOLDSTEIN[quad],
               cameo="190" if quad == 4 else "010", cameo_root="19" if quad == 4 else "01",
               modality=modality)
    return row


@pytest.fixture()
def db(tmp_path):
    rows = [
        event(1, "RUS", "GEO", 1, "2008-01-10", "asserted", published="2008-03-02"),
        event(2, "RUS", "GEO", 4, "2008-01-12", "conditional"),  # "if Russia attacks Georgia"
        event(3, "RUS", "GEO", 4, "2008-02-01", "future"),
        event(4, "USA", "GEO", 1, "2008-02-03", "possible"),  # only a hypothetical dyad
    ]
    path = tmp_path / "m.duckdb"
    with Store(path) as store:
        store.add_events(rows)
    return path


def pair(frame, source: str, target: str):
    match = frame[(frame.source == source) & (frame.target == target)]
    return match.iloc[0] if len(match) else None


def test_only_asserted_events_count_by_default(db):
    frame = relations(db)
    rus_geo = pair(frame, "RUS", "GEO")
    assert rus_geo.events == 1 and rus_geo.material_conflict == 0
    assert rus_geo.goldstein_total == pytest.approx(3.0)
    assert pair(frame, "USA", "GEO") is None


def test_every_modality_or_a_chosen_few(db):
    every = pair(relations(db, scope=Scope(modalities=None)), "RUS", "GEO")
    assert every.events == 3 and every.material_conflict == 2
    some = pair(relations(db, scope=Scope(modalities=("asserted", "future"))), "RUS", "GEO")
    assert some.events == 2


def test_unknown_modality_is_refused():
    with pytest.raises(ValueError, match="unknown modality 'maybe'"):
        Scope(modalities=("maybe",))


def test_graph_leaves_hypothetical_dyads_out(db):
    assert set(graph(db).nodes) == {"RUS", "GEO"}
    assert "USA" in graph(db, scope=Scope(modalities=None)).nodes


def test_publication_date_moves_events_to_their_report(db):
    by_event = relations(db, by="month")
    by_article = relations(db, by="month", scope=Scope(date_by="article"))
    assert list(by_event.period.dt.month) == [1]
    assert list(by_article.period.dt.month) == [3]
    march = Scope(since=dt.date(2008, 3, 1), date_by="article")
    assert relations(db, scope=march).events.sum() == 1
    assert relations(db, scope=Scope(since=dt.date(2008, 3, 1))).empty


def test_series_follow_the_scope(db):
    series = dyad_series(db, ("RUS", "GEO"), by="month", scope=Scope(modalities=None))
    rus_geo = series[(series.source == "RUS")]
    assert list(rus_geo.events) == [2, 1]


def test_cli_options(db, tmp_path):
    runner = CliRunner()
    asserted = runner.invoke(main, ["relations", "--db", str(db), "--format", "csv"])
    assert asserted.exit_code == 0 and "USA" not in asserted.output
    every = runner.invoke(main, ["relations", "--db", str(db), "--format", "csv",
                                 "--all-modalities"])
    assert "USA,GEO" in every.output
    chosen = runner.invoke(main, ["relations", "--db", str(db), "--format", "csv",
                                  "--modality", "possible"])
    assert "USA,GEO" in chosen.output and "RUS,GEO" not in chosen.output
    bad = runner.invoke(main, ["relations", "--db", str(db), "--modality", "maybe"])
    assert bad.exit_code != 0 and "unknown modality 'maybe'" in bad.output
    assert "Traceback" not in bad.output
    by_article = runner.invoke(main, ["relations", "--db", str(db), "--format", "csv",
                                      "--by", "month", "--date-by", "article"])
    assert "2008-03-01" in by_article.output
    blocs = runner.invoke(main, ["blocs", "--db", str(db), "--format", "csv",
                                 "--all-modalities"])
    assert "USA" in blocs.output
    out = tmp_path / "g.html"
    drawn = runner.invoke(main, ["graph", "--db", str(db), "--out", str(out)])
    assert "2 states, 1 dyads" in drawn.output
    drawn = runner.invoke(main, ["graph", "--db", str(db), "--out", str(out),
                                 "--all-modalities", "--force"])
    assert "3 states, 2 dyads" in drawn.output


def test_api_scope(db):
    client = TestClient(create_app(str(db)))
    dyads = client.get("/api/dyads").json()["dyads"]
    assert [(d["source"], d["target"]) for d in dyads] == [("RUS", "GEO")]
    every = client.get("/api/dyads", params={"all_modalities": "true"}).json()["dyads"]
    assert ("USA", "GEO") in [(d["source"], d["target"]) for d in every]
    future = client.get("/api/dyads", params={"modality": "future"}).json()["dyads"]
    assert future[0]["material_conflict"] == 1
    nodes = {n["id"] for n in client.get("/api/graph").json()["nodes"]}
    assert "USA" not in nodes
    series = client.get("/api/dyads/RUS-GEO/series",
                        params={"date_by": "article", "by": "month"}).json()["series"]
    assert {row["period"][:7] for row in series if row["events"]} == {"2008-03"}
    bad = client.get("/api/dyads", params={"modality": "maybe"})
    assert bad.status_code == 422
    assert client.get("/api/dyads", params={"date_by": "sometime"}).status_code == 422
