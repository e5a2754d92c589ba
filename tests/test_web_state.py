"""The Relations page keeps its state in the address; the API writes days as days.

Before: `/relations?dyads=RUS-IRN` showed the default chart (the page read nothing from the
address and wrote nothing back), and the JSON of `/api/dyads`, `/series` and the change points
wrote each period as "2002-01-01T00:00:00.000", which a browser reads as local midnight: the
page centred a lone period's chart on the day before east of UTC. The browser tests drive
Debian's /usr/bin/chromium through Playwright, as tests/test_web_browser.py does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import warnings
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from conftest import Server
from test_web_browser import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, history

from detente.store import Store
from detente.web import create_app
from detente.web.api import _records

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette suggests httpx2; httpx is what we pin
    from fastapi.testclient import TestClient

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
needs_chromium = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None,
    reason=f"no Chromium at {CHROMIUM} (install it with: apt-get install -y chromium)")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """Two years of generated events (tests/test_web_browser.py's history): RUS-USA, the
    busiest dyad, turns hostile in 2003; events fall on the 15th of each month."""
    path = tmp_path_factory.mktemp("state") / "history.duckdb"
    with Store(path) as store:
        store.add_events(history())
    return str(path)


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db))


# ---- the API: days as days --------------------------------------------------------------------
def test_json_periods_are_days_as_in_the_csv(client):
    monthly = client.get("/api/dyads", params={"by": "month", "state": "RUS"}).json()["dyads"]
    assert monthly and all(DAY.match(row["period"]) for row in monthly)

    one = client.get("/api/dyads/RUS-USA/series", params={"by": "quarter"}).json()
    assert one["series"][0]["period"] == "2002-01-01"  # before: "2002-01-01T00:00:00.000"
    assert one["series"][0]["period_end"] == "2002-03-31"
    assert [c["period"] for c in one["changes"]] == ["2003-01-01"]
    rows = list(csv.DictReader(io.StringIO(
        client.get("/api/dyads/RUS-USA/series.csv", params={"by": "quarter"}).text)))
    assert ([(r["period"], r["period_end"]) for r in one["series"]]
            == [(r["period"], r["period_end"]) for r in rows])  # the JSON says what the CSV says

    several = client.get("/api/series", params={"dyads": "RUS-USA,RUS-IRN", "by": "week"}).json()
    for line in several["dyads"]:
        assert all(DAY.match(r["period"]) and DAY.match(r["period_end"]) for r in line["series"])
    rows = list(csv.DictReader(io.StringIO(client.get(
        "/api/series.csv", params={"dyads": "RUS-USA,RUS-IRN", "by": "week"}).text)))
    assert ({r["period"] for line in several["dyads"] for r in line["series"] if r["events"]}
            == {r["period"] for r in rows if int(r["events"])})


def test_no_json_answer_writes_a_day_as_midnight(client):
    for url in ("/api/dyads?by=day&limit=50", "/api/dyads?by=week&directed=false",
                "/api/dyads/RUS-USA/series?by=day", "/api/dyads/USA-RUS/series?by=year",
                "/api/series?dyads=RUS-USA,IRN-GBR&by=month", "/api/graph", "/api/blocs",
                "/api/events?page_size=5"):
        answer = client.get(url)
        assert answer.status_code == 200, (url, answer.text)
        assert "T00:00:00" not in answer.text, url


def test_records_keep_a_time_of_day_where_there_is_one():
    frame = pd.DataFrame({
        "period": pd.to_datetime(["2001-10-01", None]),
        "day": [dt.date(2001, 10, 2), None],
        "seen": pd.to_datetime(["2001-10-01 12:30", "2001-10-02 00:00"]),
        "count": [1, 2],
    })
    assert _records(frame) == [
        {"period": "2001-10-01", "day": "2001-10-02", "seen": "2001-10-01T12:30:00.000",
         "count": 1},
        {"period": None, "day": None, "seen": "2001-10-02T00:00:00.000", "count": 2},
    ]


# ---- the page in a browser -------------------------------------------------------------------
@pytest.fixture(scope="module")
def server(db) -> Iterator[Server]:
    if shutil.which(CHROMIUM) is None:
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with Server(create_app(db)) as running:
        yield running


def launch(playwright, zone: str | None = None):
    env = {**os.environ, "TZ": zone} if zone else None
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=env)


@pytest.fixture(scope="module")
def playwright():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as running:
        yield running


@pytest.fixture(scope="module")
def browser(playwright):
    chromium = launch(playwright)
    yield chromium
    chromium.close()


def open_tab(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda message: problems.append(f"console: {message.text}")
           if message.type == "error" else None)
    tab.problems = problems  # type: ignore[attr-defined]
    return context, tab


@pytest.fixture()
def page(browser):
    context, tab = open_tab(browser)
    yield tab
    context.close()
    assert tab.problems == [], tab.problems  # no script errors, nothing failed to load


def drawn(page, what: str) -> None:
    page.wait_for_function(
        "what => document.getElementById('series').dataset.drawn === what", arg=what)


def address(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def series(page) -> list[dict]:
    return page.evaluate("() => document.getElementById('series').data.map("
                         "t => ({name: t.name, x: t.x, type: t.type}))")


def network_ready(page) -> None:
    page.wait_for_selector("#network .scatterlayer .point")
    page.wait_for_function("() => /states/.test(document.getElementById('status').textContent)")


@needs_chromium
def test_relations_page_reads_its_state_from_the_address(page, server):
    page.goto(f"{server.url}/relations?dyads=RUS-IRN")
    drawn(page, "RUS-IRN")  # before: the busiest dyad, RUS-USA, each direction apart
    assert page.input_value("#dyad-list") == "RUS-IRN"
    assert {t["name"] for t in series(page)} == {"RUS–IRN net cooperation"}

    page.goto(f"{server.url}/relations?dyads=RUS-IRN,Russia-United%20States&by=quarter"
              "&since=2002-01-01&until=2002-12-31&measure=sides&state=RUS&max_blocs=2"
              "&all_reports=true")
    drawn(page, "RUS-IRN,RUS-USA")
    network_ready(page)
    page.wait_for_function("() => document.getElementById('series').dataset.measure === 'sides'")
    assert page.input_value("input[name=since]") == "2002-01-01"
    assert page.input_value("input[name=until]") == "2002-12-31"
    assert page.input_value("select[name=max_blocs]") == "2"
    assert page.is_checked("input[name=all_reports]")
    assert page.input_value("#series-by") == "quarter"
    assert "by quarter" in page.inner_text("#series-title")
    traces = series(page)
    assert {t["name"] for t in traces} == {"RUS–IRN cooperation", "RUS–IRN conflict",
                                           "RUS–USA cooperation", "RUS–USA conflict"}
    assert {x for t in traces for x in t["x"]} == {"2002-01-01", "2002-04-01", "2002-07-01",
                                                   "2002-10-01"}  # 2002's quarters only
    assert page.inner_text("#state-title") == "Dyads of Russia (RUS)"
    assert page.is_hidden("#address-problem")
    # what the page writes back is the same state, in codes
    assert address(page) == {"dyads": ["RUS-IRN,RUS-USA"], "by": ["quarter"],
                             "since": ["2002-01-01"], "until": ["2002-12-31"],
                             "measure": ["sides"], "state": ["RUS"], "max_blocs": ["2"],
                             "all_reports": ["true"]}

    # one dyad, each direction apart, with its change points
    page.goto(f"{server.url}/relations?dyad=USA-RUS&by=year")
    drawn(page, "USA-RUS")
    assert (page.input_value("#dyad-a"), page.input_value("#dyad-b")) == ("USA", "RUS")
    assert {t["name"] for t in series(page) if t["type"] == "scatter"} == {
        "USA → RUS net cooperation", "RUS → USA net cooperation"}
    assert "by year" in page.inner_text("#series-title")


@needs_chromium
def test_relations_page_writes_its_state_to_the_address(page, server):
    page.goto(f"{server.url}/relations")
    drawn(page, "RUS-USA")  # the busiest dyad
    network_ready(page)
    assert address(page) == {"dyad": ["RUS-USA"]}  # defaults stay out of the address

    page.fill("input[name=since]", "2003-01-01")
    page.select_option("select[name=max_blocs]", "3")
    page.click("#scope button[type=submit]")
    page.wait_for_function("() => /since=2003-01-01/.test(location.search)")
    page.select_option("#series-by", "quarter")
    page.select_option("#dyad-b", "IRN")
    page.click("#dyad-add")  # RUS-USA stays, RUS-IRN joins it
    drawn(page, "RUS-USA,RUS-IRN")
    page.select_option("#series-measure", "sides")
    page.wait_for_function("() => /measure=sides/.test(location.search)")
    page.evaluate("() => document.querySelector('.state-chip[data-state=IRN]').click()")
    page.wait_for_function("() => /state=IRN/.test(location.search)")
    state = {"since": ["2003-01-01"], "max_blocs": ["3"], "dyads": ["RUS-USA,RUS-IRN"],
             "by": ["quarter"], "measure": ["sides"], "state": ["IRN"]}
    assert address(page) == state
    assert "dyads=RUS-USA,RUS-IRN" in page.url  # readable: the comma as it is typed
    before = series(page)

    page.reload()  # a bookmark, or the link sent to a colleague
    drawn(page, "RUS-USA,RUS-IRN")
    network_ready(page)
    page.wait_for_function("() => document.getElementById('series').dataset.measure === 'sides'")
    assert series(page) == before
    assert page.input_value("input[name=since]") == "2003-01-01"
    assert page.input_value("select[name=max_blocs]") == "3"
    assert page.inner_text("#state-title") == "Dyads of Iran (IRN)"
    assert address(page) == state

    page.fill("#dyad-list", "")  # back to one dyad: the address says so
    page.select_option("#dyad-a", "USA")
    page.select_option("#dyad-b", "GBR")
    page.click("#dyad-form button[type=submit]")
    drawn(page, "USA-GBR")
    assert address(page)["dyad"] == ["USA-GBR"] and "dyads" not in address(page)


@needs_chromium
def test_bad_values_in_the_address_get_the_reason_and_the_defaults(browser, server):
    context, page = open_tab(browser)
    page.goto(f"{server.url}/relations?since=2002-13-45&until=yesterday&max_blocs=99"
              "&by=fortnight&dyads=RUS-XYZ&measure=pie&all_reports=maybe&state=ATLANTIS")
    drawn(page, "RUS-USA")  # the default chart: the busiest dyad
    network_ready(page)
    page.wait_for_selector("#address-problem:not([hidden])")
    problem = page.inner_text("#address-problem")
    for reason in ("since: Input should be a valid date", "until: Input should be a valid date",
                   "max_blocs: Input should be less than or equal to 8",
                   "by: Input should be 'day', 'week', 'month', 'quarter' or 'year'",
                   "all_reports: Input should be a valid boolean",
                   "unknown country code 'XYZ'", "measure:", "ATLANTIS"):
        assert reason in problem, (reason, problem)
    assert "error" in page.get_attribute("#address-problem", "class")
    assert page.input_value("input[name=since]") == ""
    assert page.input_value("select[name=max_blocs]") == "4"
    assert page.input_value("#series-by") == "month"
    assert page.input_value("#dyad-list") == ""
    assert page.input_value("#series-measure") == "net"
    assert not page.is_checked("input[name=all_reports]")
    assert "states" in page.inner_text("#status")  # the network is drawn, in the default scope
    assert address(page) == {"dyad": ["RUS-USA"]}  # what is shown, not what was refused

    page.goto(f"{server.url}/relations?dyad=RUS-XYZ&since=2003-06-01&until=2003-01-01")
    drawn(page, "RUS-USA")
    page.wait_for_selector("#address-problem:not([hidden])")
    problem = page.inner_text("#address-problem")
    assert "until (2003-01-01) is before since (2003-06-01)" in problem
    assert "dyad: unknown country code 'XYZ'" in problem
    assert page.input_value("input[name=since]") == "2003-06-01"  # the good half stays
    assert page.input_value("input[name=until]") == ""
    assert page.locator("#dyad-b option[value=XYZ]").count() == 0
    context.close()
    # the refused requests are the only complaints: their 422s, no script error
    assert page.problems and all("status of 422" in p for p in page.problems), page.problems


@needs_chromium
@pytest.mark.parametrize("zone, offset", [("Pacific/Kiritimati", -14 * 60),
                                          ("America/Los_Angeles", 8 * 60)])
def test_charts_keep_their_days_far_from_utc(playwright, server, zone, offset):
    chromium = launch(playwright, zone)
    try:
        context, page = open_tab(chromium)
        page.goto(f"{server.url}/relations")
        # the browser runs in that zone: 15 March 2003, local midnight, is `offset` from UTC
        assert page.evaluate("() => new Date(2003, 2, 15).getTimezoneOffset()") == offset
        drawn(page, "RUS-USA")
        first = page.evaluate("() => document.getElementById('series').data.map(t => t.x[0])")
        assert set(first) == {"2002-01-01"}  # the first month, as a day

        # one day alone on the chart, chosen as a person would
        page.fill("input[name=since]", "2003-03-15")
        page.fill("input[name=until]", "2003-03-15")
        page.click("#scope button[type=submit]")
        page.wait_for_function("() => document.getElementById('series').data[0].x.length === 1")
        page.select_option("#dyad-form select[name=by]", "day")
        page.click("#dyad-form button[type=submit]")
        page.wait_for_function("() => /by day/.test("
                               "document.getElementById('series-title').textContent)")
        shown = page.evaluate("""() => {
            const gd = document.getElementById('series');
            const xa = gd._fullLayout.xaxis;
            const bar = gd.data.find(t => t.type === 'bar');
            const middle = (xa.r2l(xa.range[0]) + xa.r2l(xa.range[1])) / 2;
            return {bar: bar.x, middle: xa.l2d(middle).slice(0, 16),
                    ticks: [...gd.querySelectorAll('.xtick text')].map(t => t.textContent)};
        }""")
        # the day's bar in the middle of its axis, labelled with that day
        assert shown == {"bar": ["2003-03-15"], "middle": "2003-03-15",
                         "ticks": ["15 Mar 2003"]}
        context.close()
        assert page.problems == [], page.problems
    finally:
        chromium.close()
