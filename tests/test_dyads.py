"""Dyad measures, series and network on small stores whose answers can be checked by hand."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

import detente
from detente.cli import main
from detente.dyads import Scope, dyad_series, graph, relations
from detente.model import EVENT_COLUMNS
from detente.store import Store

GOLDSTEIN = {1: 3.0, 2: 7.0, 3: -4.0, 4: -10.0}


def event(n: int, source: str, target: str, quad: int, date: str, **extra) -> dict:
    row = dict.fromkeys(EVENT_COLUMNS)
    row.update(event_id=f"e{n}", origin="detente", date=dt.date.fromisoformat(date),
               source_country=source, source_code=source, target_country=target,
               target_code=target, quad_class=quad, goldstein=GOLDSTEIN[quad],
               cameo="010", cameo_root="01", modality="asserted")
    row.update(extra)
    return row


@pytest.fixture()
def store(tmp_path):
    rows = [
        event(1, "RUS", "IRN", 1, "2001-01-05"),
        event(2, "RUS", "IRN", 2, "2001-01-20"),
        event(3, "IRN", "RUS", 1, "2001-03-02"),
        event(4, "USA", "IRN", 3, "2001-01-07"),
        event(5, "USA", "IRN", 4, "2001-03-09"),
        event(6, "USA", "IRN", 4, "2001-03-09", duplicate_of="e5"),  # a repeated report
        event(7, "IRN", "UNO", 1, "2001-02-01", target_code="IGOUNOJUD"),
        event(8, "IRN", "UNO", 1, "2001-02-03", target_code="IGOUNO"),
    ]
    with Store(tmp_path / "d.duckdb") as db:
        db.add_events(rows)
    return tmp_path / "d.duckdb"


def row_of(frame, source, target):
    match = frame[(frame.source == source) & (frame.target == target)]
    assert len(match) == 1
    return match.iloc[0]


def test_directed_measures(store):
    frame = relations(store)
    rus_irn = row_of(frame, "RUS", "IRN")
    assert (rus_irn.verbal_cooperation, rus_irn.material_cooperation) == (1, 1)
    assert rus_irn.events == 2 and rus_irn.net_cooperation == 2
    assert rus_irn.goldstein_total == pytest.approx(10.0)
    assert rus_irn.goldstein_mean == pytest.approx(5.0)
    usa_irn = row_of(frame, "USA", "IRN")  # the repeated report counts once
    assert (usa_irn.verbal_conflict, usa_irn.material_conflict, usa_irn.events) == (1, 1, 2)
    assert usa_irn.net_cooperation == -2
    assert usa_irn.goldstein_total == pytest.approx(-14.0)


def test_all_reports_counts_repeats(store):
    usa_irn = row_of(relations(store, scope=Scope(all_reports=True)), "USA", "IRN")
    assert usa_irn.events == 3


def test_undirected_adds_both_directions(store):
    pair = row_of(relations(store, directed=False), "IRN", "RUS")
    assert pair.events == 3 and pair.net_cooperation == 3


def test_igo_bodies_roll_up_unless_actors(store):
    assert row_of(relations(store), "IRN", "UNO").events == 2
    split = relations(store, scope=Scope(actors=True))
    assert row_of(split, "IRN", "IGOUNO").events == 1
    assert row_of(split, "IRN", "IGOUNOJUD").events == 1


def test_by_month_and_dates(store):
    frame = relations(store, by="month", scope=Scope(since=dt.date(2001, 2, 1)))
    assert set(frame["period"].dt.month) == {2, 3}
    assert row_of(frame[frame.period.dt.month == 3], "USA", "IRN").material_conflict == 1


def test_dyad_series_fills_empty_periods_with_zero_and_no_mean(store):
    series = dyad_series(store, ("RUS", "IRN"), by="month")
    rus = series[series.source == "RUS"].set_index("period")
    assert list(rus["events"]) == [2, 0, 0]
    assert rus["goldstein_mean"].isna().tolist() == [False, True, True]
    irn = series[series.source == "IRN"].set_index("period")
    assert list(irn["events"]) == [0, 0, 1]


def test_signed_graph(store):
    network = graph(store)
    assert network["IRN"]["RUS"]["weight"] == 3
    assert network["IRN"]["USA"]["weight"] == -2
    assert network["IRN"]["USA"]["conflict"] == 2
    assert network.nodes["IRN"]["events"] == 7


def test_python_api_at_the_top(store):
    assert len(detente.relations(store)) == 4
    assert detente.graph(store).number_of_edges() == 3


def test_empty_database_gives_empty_results_not_zeros(tmp_path):
    with Store(tmp_path / "empty.duckdb"):
        pass
    assert relations(tmp_path / "empty.duckdb").empty
    result = CliRunner().invoke(main, ["relations", "--db", str(tmp_path / "empty.duckdb")])
    assert result.exit_code == 0
    assert "no events" in result.stderr and "RUS" not in result.stdout


def test_cli_dyad_validation_and_json(store):
    runner = CliRunner()
    bad = runner.invoke(main, ["relations", "--db", str(store), "--dyad", "RUS-XYZ"])
    assert bad.exit_code == 2 and "unknown country code 'XYZ'" in bad.stderr
    ok = runner.invoke(main, ["relations", "--db", str(store), "--dyad", "RUS-IRN",
                              "--format", "json"])
    assert ok.exit_code == 0, ok.output
    records = json.loads(ok.stdout)
    assert {(r["source"], r["target"]) for r in records} == {("RUS", "IRN"), ("IRN", "RUS")}
    none = runner.invoke(main, ["relations", "--db", str(store), "--dyad", "RUS-USA"])
    assert none.exit_code == 0 and "no events between RUS and USA" in none.stderr


def test_cli_graph_blocs_and_plot(store, tmp_path):
    runner = CliRunner()
    html = tmp_path / "g.html"
    result = runner.invoke(main, ["graph", "--db", str(store), "--out", str(html)])
    assert result.exit_code == 0, result.output
    assert html.stat().st_size > 100_000  # plotly.js is embedded: the page needs no network
    blocs = runner.invoke(main, ["blocs", "--db", str(store), "--format", "json"])
    rows = {r["state"]: r["bloc"] for r in json.loads(blocs.stdout)}
    assert rows["RUS"] == rows["IRN"] != rows["USA"]
    png = tmp_path / "p.png"
    plotted = runner.invoke(main, ["plot", "--db", str(store), "--dyad", "RUS-IRN",
                                   "--out", str(png)])
    assert plotted.exit_code == 0, plotted.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # a second run keeps what the first wrote, unless told to replace it
    for command, out, extra in (("graph", html, []), ("plot", png, ["--dyad", "RUS-IRN"])):
        before = out.read_bytes()
        again = runner.invoke(main, [command, "--db", str(store), "--out", str(out), *extra])
        assert again.exit_code == 2
        assert again.stderr == f"error: {out}: already exists; add --force to replace it\n"
        assert out.read_bytes() == before
        forced = runner.invoke(main, [command, "--db", str(store), "--out", str(out), *extra,
                                      "--force"])
        assert forced.exit_code == 0, forced.output
