"""A new user's first hour: each command's output and each API answer as one reads them.

Every test here failed before its fix: a `--top` that counted dyad-periods as dyads, CSV records
split over two lines, timestamps for days in JSON, people's events listed twice and a table in
the middle of a CSV, a dyad of one state answered with an empty page, an unknown supplier with
no warning, blocs numbered from 0 in the API and from 1 everywhere else, and an events page
past its last page that said no event matched. The texts are invented for these tests.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import warnings
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from conftest import Server

from detente.cli import main
from detente.ingest.pipeline import Ingest
from detente.model import EVENT_COLUMNS
from detente.store import Store
from detente.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette suggests httpx2; httpx is what we pin
    from fastapi.testclient import TestClient

CHROMIUM = "/usr/bin/chromium"
STORIES = [
    {"id": "oslo-1", "source": "Test Wire", "date": "2003-02-14", "title": "Oslo talks",
     "text": "Swedish Foreign Minister Anna Lindqvist met Norwegian Foreign Minister Lars "
             "Haugen in Oslo on Monday. Lindqvist praised Norway for its mediation. Haugen "
             "thanked Sweden for the support."},
    {"id": "minsk-1", "source": "Test Wire", "date": "2003-03-20", "title": "Tanks for Yerevan",
     # one sentence a line, as many wire files are: the line break ends the stored sentence
     "text": "Belarus delivered 30 T-72 tanks to Armenia last month.\nAzerbaijan condemned "
             "Belarus for the sale.\n"},
]


def event(n: int, source: str, target: str, day: str, goldstein: float, quad: int = 1,
          sentence: str = "A generated sentence.\n") -> dict:
    row = dict.fromkeys(EVENT_COLUMNS)
    row.update(event_id=f"j{n:03d}", origin="detente", date=dt.date.fromisoformat(day),
               source_country=source, source_code=source, target_country=target,
               target_code=target, quad_class=quad, goldstein=goldstein, cameo="040",
               cameo_root="04", cameo_name="consult", modality="asserted", sentence_index=0,
               sentence=sentence, sentence_start=0)
    return row


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> str:
    """Generated events: RUS->IRN has most events in all (2 in January, 2 in February), but
    USA->CHN has the busiest single month (3 in January); CHL->PER's weights add up to
    0.30000000000000004 in floating point."""
    rows = [event(1, "RUS", "IRN", "2004-01-10", 1.0), event(2, "RUS", "IRN", "2004-01-11", 1.0),
            event(3, "RUS", "IRN", "2004-02-10", 1.0), event(4, "RUS", "IRN", "2004-02-11", 1.0),
            event(5, "USA", "CHN", "2004-01-05", 2.0), event(6, "USA", "CHN", "2004-01-06", 2.0),
            event(7, "USA", "CHN", "2004-01-07", 2.0),
            event(8, "CHL", "PER", "2004-03-01", 0.1), event(9, "CHL", "PER", "2004-03-02", 0.2)]
    path = tmp_path_factory.mktemp("journey") / "history.duckdb"
    with Store(path) as store:
        store.add_events(rows)
    return str(path)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, coder) -> str:
    """Two invented stories ingested through the real pipeline: two ministers who meet (one
    event between two people), and a tank delivery."""
    folder = tmp_path_factory.mktemp("corpus")
    feed = folder / "stories.jsonl"
    feed.write_text("\n".join(json.dumps(story) for story in STORIES))
    path = folder / "corpus.duckdb"
    with Store(path) as store:
        Ingest(store, coder).run([str(feed)])
    return str(path)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


# ---- help ---------------------------------------------------------------------------------------
def commands(group, prefix=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from commands(command, (*prefix, name))
        else:
            yield " ".join((*prefix, name)), command


COMMANDS = list(commands(main))


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_option_says_what_it_does_and_every_command_has_an_example(name, command):
    import click

    # before: ingest's --title-field ... --id-field, plot's --by, serve's --port and the
    # --format of events, relations, blocs, people and transfers said nothing
    bare = [option.opts[0] for option in command.params
            if isinstance(option, click.Option) and not option.help]
    assert bare == [], f"detente {name}: {bare} have no help"
    assert "Example" in (command.help or ""), f"detente {name} shows no example"


# ---- relations --------------------------------------------------------------------------------
def test_top_with_by_keeps_the_dyads_with_most_events_and_every_period_of_each(history):
    result = run("relations", "--db", history, "--by", "month", "--top", "1",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    # before: the one busiest dyad-month (USA->CHN, January), not the busiest dyad
    assert {(r["source"], r["target"]) for r in rows} == {("RUS", "IRN")}
    assert [r["events"] for r in rows] == [2, 2]


def test_relations_json_periods_are_days(history):
    result = run("relations", "--db", history, "--by", "month", "--format", "json")
    assert result.exit_code == 0, result.output
    periods = {row["period"] for row in json.loads(result.stdout)}
    # before: "2004-01-01T00:00:00.000", where the CSV and the table say 2004-01-01
    assert periods == {"2004-01-01", "2004-02-01", "2004-03-01"}


def test_relations_csv_has_no_floating_point_noise(history):
    result = run("relations", "--db", history, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = {(r["source"], r["target"]): r for r in csv.DictReader(io.StringIO(result.stdout))}
    # before: 0.30000000000000004 and 0.15000000000000002
    assert rows["CHL", "PER"]["goldstein_total"] == "0.3"
    assert rows["CHL", "PER"]["goldstein_mean"] == "0.15"


# ---- events -----------------------------------------------------------------------------------
def test_events_csv_keeps_each_record_on_one_line(history):
    result = run("events", "--db", history, "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 9  # before: the sentence's line break made each record two lines
    records = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["sentence"] for r in records} == {"A generated sentence."}


def test_code_csv_keeps_each_record_on_one_line(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Peru accused Chile of spying on its navy.\nChile denied the charge.\n",
                     encoding="utf-8")
    result = run("code", str(story), "--format", "csv")
    assert result.exit_code == 0, result.output
    records = list(csv.DictReader(io.StringIO(result.stdout)))
    assert records and len(result.stdout.splitlines()) == 1 + len(records)
    assert records[0]["sentence"] == "Peru accused Chile of spying on its navy."


# ---- people -----------------------------------------------------------------------------------
def test_people_events_are_listed_once_in_date_order_as_json(corpus):
    result = run("people", "--db", corpus, "--country", "SWE", "--events", "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)  # before: a rich table followed the JSON
    assert [p["name"] for p in answer["people"]] == ["Anna Lindqvist"]

    result = run("people", "--db", corpus, "--events", "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert {p["name"] for p in answer["people"]} == {"Anna Lindqvist", "Lars Haugen"}
    ids = [e["event_id"] for e in answer["events"]]
    assert len(ids) == len(set(ids))  # the meeting of the two was listed for each of them
    dates = [e["date"] for e in answer["events"]]
    assert dates == sorted(dates)
    assert any(e["source"]["country"] == "SWE" and e["target"]["country"] == "NOR"
               for e in answer["events"])


def test_people_events_table_lists_each_event_once(corpus):
    result = run("people", "--db", corpus, "--events")
    assert result.exit_code == 0, result.output
    assert result.stdout.count(" met ") == 1  # before: once for each minister


def test_people_events_as_csv_is_refused_with_a_reason(corpus):
    result = run("people", "--db", corpus, "--events", "--format", "csv")
    assert result.exit_code == 2  # before: a CSV with an events table printed after it
    assert "--format json" in result.output


# ---- transfers --------------------------------------------------------------------------------
def test_transfers_json_has_days_and_equipment_as_a_list(corpus):
    result = run("transfers", "--db", corpus, "--format", "json")
    assert result.exit_code == 0, result.output
    [transfer] = json.loads(result.stdout)
    assert transfer["supplier_country"] == "BLR" and transfer["recipient_country"] == "ARM"
    assert transfer["date"] == "2003-02-01"  # before: "2003-02-01T00:00:00.000"
    # before: a string of JSON inside the JSON
    assert isinstance(transfer["equipment"], list)
    assert transfer["equipment"][0]["designation"] == "T-72"


def test_transfers_csv_keeps_each_record_on_one_line(corpus):
    result = run("transfers", "--db", corpus, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


# ---- the API ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def api(corpus) -> Iterator[TestClient]:
    with TestClient(create_app(corpus)) as client:
        yield client


def test_api_dyad_of_one_state_is_422(api):
    answer = api.get("/api/events", params={"dyad": "SWE-Sweden"})
    assert answer.status_code == 422  # before: 200 and an empty page, no word why
    assert "two different" in answer.json()["detail"][0]["msg"]
    assert api.get("/api/events", params={"dyad": "SWE-NOR"}).json()["total"] == 3


def test_api_unknown_supplier_gets_a_warning(api):
    answer = api.get("/api/transfers", params={"supplier": "zz"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["total"] == 0 and body["warnings"]  # before: an empty page and no warning
    assert "'zz'" in body["warnings"][0]
    known = api.get("/api/transfers", params={"supplier": "Belarus"}).json()
    assert known["total"] == 1 and known["warnings"] == []


def test_api_blocs_are_numbered_from_1_as_the_cli_numbers_them(api, corpus):
    graph = api.get("/api/graph").json()
    assert min(node["bloc"] for node in graph["nodes"]) == 1  # before: 0
    blocs = api.get("/api/blocs").json()
    assert blocs["blocs"][0]["bloc"] == 1
    cli = json.loads(run("blocs", "--db", corpus, "--format", "json").stdout)
    by_cli = {row["state"]: row["bloc"] for row in cli}
    by_api = {state["state"]: bloc["bloc"] for bloc in blocs["blocs"] for state in bloc["states"]}
    assert by_api == by_cli


# ---- the dashboard, in a browser --------------------------------------------------------------
@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"no Chromium at {CHROMIUM}")
def test_events_page_past_the_last_page_shows_the_last_page(history):
    sync_api = pytest.importorskip("playwright.sync_api")
    with Server(create_app(history)) as server, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            # a bookmark from when the store held more events
            page.goto(f"{server.url}/events?page=7&page_size=25")
            page.wait_for_selector("#events-table tbody tr[data-event-id]")
            assert page.locator("#events-table tbody tr[data-event-id]").count() == 9
            assert "page 1 of 1" in page.inner_text("#pager-top")
            assert "page=1" in page.url
            assert errors == []
        finally:
            browser.close()


def test_code_reads_pages_and_records_as_ingest_does(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Coast</title></head><body><nav>Home | World</nav>"
                    "<article><p>Ecuador accused Colombia of sending patrol boats into its "
                    "waters on Friday, the third such charge this spring.</p></article>"
                    "</body></html>", encoding="utf-8")
    records = tmp_path / "wires.jsonl"
    records.write_text(json.dumps({"id": "w1", "text": "Peru urged Chile to reopen the border.",
                                   "date": "2021-03-02"}) + "\n", encoding="utf-8")
    result = run("code", str(page), str(records), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # the page's markup had been coded as text: "<html><head>..." was the first sentence
    assert {(r["doc_id"], r["source_country"], r["target_country"]) for r in rows} >= {
        ("page", "ECU", "COL"), ("w1", "PER", "CHL")}
    assert not any("<" in r["sentence"] for r in rows)
    assert {r["date"] for r in rows if r["doc_id"] == "w1"} == {"2021-03-02"}
