"""The dashboard's API as an analyst uses it: dyads both ways, names for codes, CSV downloads."""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings

import pytest

from detente.model import EVENT_COLUMNS
from detente.store import Store
from detente.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def row(n: int, source: str, target: str, quad: int, date: str) -> dict:
    values = dict.fromkeys(EVENT_COLUMNS)
    values.update(event_id=f"w{n}", origin="detente", date=dt.date.fromisoformat(date),
                  source_country=source, source_code=source + "GOV", target_country=target,
                  target_code=target, quad_class=quad, goldstein=3.0 if quad < 3 else -4.0,
                  cameo="040", cameo_root="04", modality="asserted", sentence_index=0,
                  sentence="A sentence.", sentence_start=0)
    return values


@pytest.fixture()
def client(tmp_path):
    path = tmp_path / "w.duckdb"
    with Store(path) as store:
        store.add_events([row(1, "RUS", "IRN", 1, "2003-01-05"),
                          row(2, "IRN", "RUS", 3, "2003-02-05"),
                          row(3, "RUS", "USA", 4, "2003-02-07"),
                          row(4, "USA", "IRN", 3, "2003-03-01")])
    return TestClient(create_app(str(path)))


def ids(client, **params) -> set[str]:
    answer = client.get("/api/events", params=params)
    assert answer.status_code == 200, answer.text
    return {e["event_id"] for e in answer.json()["events"]}


def test_dyad_filter_takes_both_directions(client):
    assert ids(client, dyad="RUS-IRN") == {"w1", "w2"}
    assert ids(client, dyad="IRN-RUS") == {"w1", "w2"}
    assert ids(client, dyad="USA-IRN") == {"w4"}


def test_names_are_accepted_for_codes(client):
    assert ids(client, actor="russia") == ids(client, actor="RUS") == {"w1", "w2", "w3"}
    assert ids(client, dyad="Russia-Iran") == {"w1", "w2"}
    assert ids(client, source="United States") == {"w4"}


def test_unknown_actor_gets_a_warning_not_silence(client):
    answer = client.get("/api/events", params={"actor": "Narnia"}).json()
    assert answer["total"] == 0
    assert answer["warnings"] and "'Narnia'" in answer["warnings"][0]
    assert client.get("/api/events", params={"actor": "RUS"}).json()["warnings"] == []
    assert client.get("/api/events", params={"actor": "<script>"}).status_code == 422


def test_events_csv_holds_every_match(client):
    answer = client.get("/api/events.csv", params={"dyad": "RUS-IRN", "page_size": 1})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["event_id"] for r in rows] == ["w1", "w2"]
    assert list(rows[0]) == list(EVENT_COLUMNS)


def test_series_csv_is_what_the_chart_draws(client):
    answer = client.get("/api/dyads/RUS-IRN/series.csv", params={"by": "month"})
    assert answer.status_code == 200 and "RUS-IRN-by-month.csv" in answer.headers[
        "content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    series = client.get("/api/dyads/RUS-IRN/series", params={"by": "month"}).json()["series"]
    assert len(rows) == len(series) == 4  # two directions, January and February
    assert sum(int(r["events"]) for r in rows) == 2
    assert {"verbal_cooperation", "verbal_conflict", "net_cooperation"} <= set(rows[0])


def test_several_dyads_share_one_time_axis(client):
    body = client.get("/api/series", params={"dyads": "RUS-IRN,Russia-United States",
                                             "by": "month"}).json()
    assert [line["dyad"] for line in body["dyads"]] == [["RUS", "IRN"], ["RUS", "USA"]]
    assert body["dyads"][1]["names"] == ["Russia", "United States"]
    periods = [[row["period"][:7] for row in line["series"]] for line in body["dyads"]]
    assert periods == [["2003-01", "2003-02"]] * 2  # same span; a month without events is 0
    rus_irn, rus_usa = ({row["period"][:7]: row for row in line["series"]}
                        for line in body["dyads"])
    # both directions of a dyad in one line: w1 (RUS->IRN) and w2 (IRN->RUS)
    assert (rus_irn["2003-01"]["cooperation"], rus_irn["2003-02"]["conflict"]) == (1, 1)
    assert rus_usa["2003-01"]["events"] == 0 and rus_usa["2003-02"]["conflict"] == 1
    assert rus_irn["2003-02"]["period_end"].startswith("2003-02-28")


def test_several_dyads_each_once_and_checked(client):
    body = client.get("/api/series", params={"dyads": ["RUS-IRN", "IRN-RUS"]}).json()
    assert [line["dyad"] for line in body["dyads"]] == [["RUS", "IRN"]]
    for dyads, reason in [("RUS-RUS", "two different"), ("RUS", "no dyad"),
                          ("RUS-XYZ", "XYZ"), (",".join(["RUS-IRN"] * 9), "at most 8")]:
        answer = client.get("/api/series", params={"dyads": dyads})
        assert answer.status_code == 422 and reason in answer.text, (dyads, answer.text)
    assert client.get("/api/series").status_code == 422


def test_several_dyads_csv_is_what_the_chart_draws(client):
    answer = client.get("/api/series.csv", params={"dyads": "RUS-IRN,USA-IRN", "by": "quarter"})
    assert answer.status_code == 200 and "dyads-by-quarter.csv" in answer.headers[
        "content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [(r["source"], r["target"], r["events"]) for r in rows] == [("IRN", "RUS", "2"),
                                                                       ("IRN", "USA", "1")]
    assert rows[0]["cooperation"] == rows[0]["conflict"] == "1"  # net 0 hides both
    assert rows[0]["period_end"] == "2003-03-31"


def test_one_dyad_series_has_sides_and_period_ends(client):
    series = client.get("/api/dyads/RUS-USA/series", params={"by": "week"}).json()["series"]
    week = next(r for r in series if r["events"])
    assert (week["cooperation"], week["conflict"]) == (0, 1)
    # 2003-02-07 is a Friday: its week runs Monday 3 to Sunday 9 February
    assert (week["period"][:10], week["period_end"][:10]) == ("2003-02-03", "2003-02-09")


def test_events_by_publication_date(tmp_path):
    path = tmp_path / "p.duckdb"
    late = {**row(1, "RUS", "IRN", 1, "2003-01-05"), "article_date": dt.date(2003, 4, 1)}
    with Store(path) as store:
        store.add_events([late, row(2, "IRN", "RUS", 3, "2003-04-01")])
    client = TestClient(create_app(str(path)))
    april = {"since": "2003-04-01", "until": "2003-04-30"}
    assert ids(client, **april) == {"w2"}
    assert ids(client, **april, date_by="article") == {"w1"}  # w2 has no publication date
