"""End to end in a real headless Chromium: the dashboard as a person uses it.

Needs /usr/bin/chromium (Debian: `apt-get install -y chromium`); Playwright drives that browser
and never downloads its own. Screenshots of each page go to build/screenshots/ (ignored by
git), or to the folder DETENTE_SCREENSHOTS names: `make screenshots` refreshes the README's
images in docs/screenshots/ that way, so a test run never rewrites tracked files.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Server

from detente.ingest.pipeline import Ingest
from detente.model import EVENT_COLUMNS
from detente.store import Store
from detente.web import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / os.environ.get("DETENTE_SCREENSHOTS", "build/screenshots")
WAIT_MS = 20_000

pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None,
    reason=f"no Chromium at {CHROMIUM} (install it with: apt-get install -y chromium)",
)

ARTICLE = ("MOSCOW, October 5, 2001\n"
           "Russia condemned Georgia for the raid on Tuesday. Iran praised Russia for its help "
           "with the reactor. The United States imposed sanctions on Iran.")
ARMS = ("Russian Defence Minister Sergei Ivanov said on Monday in Moscow that Russia will "
        "deliver S-300 air-defence systems to Iran next year. Ivanov met Iranian Foreign "
        "Minister Kamal Kharrazi in Tehran on Thursday. China delivered 40 T-72 tanks to "
        "Pakistan last month in a deal worth $120 million. The United States condemned China "
        "for the sale.")
STORIES = [
    {"id": "moscow-1", "source": "Wire One", "date": "2001-10-05",
     "title": "Moscow rebukes Tbilisi",
     "text": "Russia condemned Georgia for the raid on Tuesday. Iran praised Russia for its "
             "help with the reactor. The United States imposed sanctions on Iran."},
    {"id": "beijing-1", "source": "Paper Two", "date": "2001-11-12", "title": "Talks in Beijing",
     "text": "China and Russia held talks on trade in Beijing. Russia accused Ukraine of "
             "shelling the border town. Ukraine rejected the claim."},
    {"id": "delhi-1", "source": "Wire One", "date": "2001-12-01", "title": "Prisoner deal",
     "text": "Japan protested to China over the incursion. India and Pakistan signed an "
             "agreement on prisoners. Turkey warned Greece over the flights."},
    {"id": "arms-1", "source": "Wire One", "date": "2001-10-05", "title": "Russia to arm Iran",
     "text": ARMS},
]
GOLDSTEIN = {1: 3.0, 2: 7.0, 3: -4.0, 4: -10.0}


def history() -> list[dict]:
    """Two years of generated events: two camps that cooperate inside and clash across."""
    camps = [("RUS", "IRN", "CHN", "SYR"), ("USA", "GBR", "UKR", "GEO")]
    rows, n = [], 0
    for month in range(24):
        day = dt.date(2002 + month // 12, month % 12 + 1, 15)
        for camp in camps:
            for a, b in zip(camp, camp[1:], strict=False):
                rows.append(_row(n, a, b, 1 if month % 3 else 2, day))
                n += 1
        # the RUS-USA dyad turns hostile halfway through: a change point to find
        rows.append(_row(n, "RUS", "USA", 1 if month < 12 else 4, day))
        rows.append(_row(n + 1, "USA", "RUS", 1 if month < 12 else 3, day))
        rows.append(_row(n + 2, "IRN", "GBR", 3, day))
        n += 3
    return rows


def _row(n: int, source: str, target: str, quad: int, day: dt.date) -> dict:
    row = dict.fromkeys(EVENT_COLUMNS)
    row.update(event_id=f"h{n:05d}", origin="detente", date=day, source_country=source,
               source_code=source, target_country=target, target_code=target,
               quad_class=quad, goldstein=GOLDSTEIN[quad], cameo="040", cameo_root="04",
               cameo_name="consult", modality="asserted", sentence_index=0,
               sentence=f"{source} and {target} (generated history).", sentence_start=0)
    return row


@pytest.fixture(scope="module")
def server(tmp_path_factory, coder) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("browser")
    feed = folder / "stories.jsonl"
    feed.write_text("\n".join(json.dumps(story) for story in STORIES))
    db = folder / "dashboard.duckdb"
    with Store(db) as store:
        Ingest(store, coder).run([str(feed)])
        store.add_events(history())
        running_ids = {row["doc_id"]: row["article_id"]
                       for row in store.query("SELECT doc_id, article_id FROM articles")}
    with Server(create_app(str(db), coder=coder)) as running:
        running.ids = running_ids  # doc_id -> article_id
        yield running


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    problems: list[str] = []
    dialogs: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda message: problems.append(f"console: {message.text}")
           if message.type == "error" else None)

    def dismiss(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", dismiss)
    tab.problems = problems  # type: ignore[attr-defined]
    tab.dialogs = dialogs  # type: ignore[attr-defined]
    yield tab
    context.close()
    assert problems == [], problems  # no script errors, no blocked resources (CSP), no 404s


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # sticky panels sit where a reader first sees them
    page.mouse.move(0, 0)  # no row left looking hovered
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def code(page, server: Server, text: str) -> None:
    page.goto(f"{server.url}/code")
    page.fill("#text", text)
    page.click("#submit")
    page.wait_for_selector("#result:not([hidden])")


def test_code_an_article_and_see_the_evidence(page, server):
    code(page, server, ARTICLE)
    rows = page.locator("#event-table tbody tr[data-index]")
    assert rows.count() == 3
    assert "condemn" in rows.nth(0).inner_text().lower()
    assert "RUS" in rows.nth(0).inner_text() and "GEO" in rows.nth(0).inner_text()
    assert "dated 2001-10-05" in page.inner_text("#status")

    rows.nth(1).click()  # Iran praised Russia
    evidence = page.locator("#doc .sent.evidence")
    assert evidence.count() == 1
    assert evidence.inner_text().startswith("Iran praised Russia for its help")
    assert page.locator("#doc .ev-trigger").inner_text() == "praised"
    assert sorted(page.locator("#doc .ev-actor").all_inner_texts()) == ["Iran", "Russia"]
    assert "selected" in (rows.nth(1).get_attribute("class") or "")

    rows.nth(2).click()  # the highlight moves with the selection
    assert page.locator("#doc .sent.evidence").inner_text().startswith("The United States")
    assert page.locator("#doc .ev-trigger").inner_text() == "imposed sanctions"
    assert page.locator("#doc .m-actor").count() >= 5  # every mention is marked, not only these
    assert page.is_disabled("#store")  # a read-only server
    rows.nth(0).click()


def test_code_page_shows_people_places_and_transfers(page, server):
    code(page, server, "MOSCOW, October 5, 2001\n" + ARMS)
    assert "2 people; 2 arms transfers" in page.inner_text("#status")
    assert page.locator("#doc .m-place").all_inner_texts() == ["Tehran"]  # the place, marked
    met = page.locator("#event-table tbody tr[data-index]", has_text="met")
    assert "2001-10-04" in met.inner_text() and "(day, ‘on Thursday’)" in met.inner_text()
    assert "Tehran" in met.locator("td .where").inner_text()
    delivered = page.locator("#event-table tbody tr[data-index]", has_text="China").first
    assert "2001-09" in delivered.inner_text() and "(month, ‘last month’)" in delivered.inner_text()
    condemned = page.locator("#event-table tbody tr[data-index]", has_text="condemned")
    assert "(article date)" in condemned.inner_text()
    met.click()
    assert page.inner_text("#doc .ev-place") == "Tehran"

    people = page.locator("#people-table tbody tr[data-index]")
    assert people.count() == 2 and page.inner_text("#people-count") == "2"
    first = people.nth(0).inner_text()
    assert "Sergei Ivanov" in first and "Defence Minister" in first and "RUS" in first
    assert "military" in first
    people.nth(1).click()
    assert page.inner_text("#doc .pe-focus") == "Iranian Foreign Minister Kamal Kharrazi"
    assert page.locator("#doc .ev-place").count() == 0  # one selection at a time
    assert page.locator("table.pickable tr.selected").count() == 1

    transfers = page.locator("#transfer-table tbody tr[data-index]")
    assert transfers.count() == 2
    tanks = transfers.nth(1).inner_text()
    assert "China" in tanks and "Pakistan" in tanks and "T-72" in tanks and "tank" in tanks
    assert "USD 120 million" in tanks and "40" in tanks
    assert transfers.nth(1).locator(".status-badge.st-delivered").inner_text() == "delivered"
    assert transfers.nth(0).locator(".status-badge.st-planned").inner_text() == "planned"
    transfers.nth(0).click()
    assert page.inner_text("#doc .sent.evidence").startswith("Russian Defence Minister")
    assert page.locator("#doc .tr-equip").all_inner_texts() == ["S-300 air-defence systems"]
    assert page.inner_text("#doc .tr-trigger") == "deliver"
    assert page.locator("#doc .pe-focus").count() == 0
    screenshot(page, "code.png")


def test_markup_in_an_article_stays_text(page, server):
    hostile = ('Russia condemned Georgia. <script>alert("xss")</script> Iran praised Russia. '
               '<img src=x onerror="alert(1)"> <b>bold?</b>')
    code(page, server, hostile)
    page.locator("#event-table tbody tr[data-index]").first.click()
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.inner_text("#doc") == hostile  # shown literally, every character
    assert page.locator("#doc script, #doc img, #doc b").count() == 0


def test_events_table_filters_sorts_and_pages(page, server):
    page.goto(f"{server.url}/events")
    page.wait_for_selector("#events-table tbody tr[data-event-id]")
    first = page.inner_text(".pager .where")
    assert "page 1 of" in first
    quads = set(page.locator("#events-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.quad)"))
    assert len(quads) > 1

    page.check("input[name=quad][value='4']")
    page.click("#filters button[type=submit]")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#events-table tbody tr[data-event-id]')]"
        ".every(r => r.dataset.quad === '4')")
    rows = page.locator("#events-table tbody tr[data-event-id]")
    assert rows.count() >= 1 and page.inner_text(".pager .where") != first
    assert "quad=4" in page.url  # the filter is in the address, shareable
    assert "imposed sanctions" in page.inner_text("#events-table tbody")

    page.uncheck("input[name=quad][value='4']")
    page.fill("input[name=actor]", "RUS")
    page.click("#filters button[type=submit]")
    page.wait_for_function("() => !document.querySelector('#events-table[aria-busy]')")
    page.click("button[data-sort=goldstein]")
    page.wait_for_selector("button[data-sort=goldstein][aria-sort=ascending]")
    page.wait_for_function("() => !document.querySelector('#events-table[aria-busy]')")
    scores = [float(s) for s in page.locator("#events-table tbody td.num").all_inner_texts()]
    assert scores == sorted(scores)
    page.click(".pager .next >> nth=0")
    page.wait_for_function("() => document.querySelector('.pager .where')"
                           ".textContent.startsWith('page 2')")
    page.fill("input[name=actor]", "")
    page.click("#filters button[type=submit]")
    page.wait_for_function("() => document.querySelector('.pager .where')"
                           ".textContent.startsWith('page 1')")
    page.select_option("select[name=page_size]", "25")  # a shorter picture
    page.click("#filters button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll("
                           "'#events-table tbody tr[data-event-id]').length === 25")
    screenshot(page, "events.png")


def test_bad_filter_shows_the_reason(page, server):
    page.goto(f"{server.url}/events?actor=R%3Cx%3E")
    page.wait_for_selector("#status.error")
    assert "actor: String should match pattern" in page.inner_text("#status")
    # the browser logs the 422 itself; that one is expected
    page.problems[:] = [p for p in page.problems if "status of 422" not in p]


def test_article_view_from_the_events_table(page, server):
    page.goto(f"{server.url}/events?quad=4")
    page.wait_for_selector("#events-table tbody tr[data-event-id] a")
    page.locator("#events-table tbody tr[data-event-id] a").first.click()
    page.wait_for_selector("#doc .sent.evidence")
    assert "/articles/" in page.url
    assert page.inner_text("#article-title") == "Moscow rebukes Tbilisi"
    assert page.inner_text("#doc .sent.evidence").startswith("The United States imposed")
    assert page.inner_text("#doc .ev-trigger") == "imposed sanctions"
    assert page.locator("#event-table tbody tr.selected").count() == 1


def test_article_page_shows_transfers_and_places(page, server):
    page.goto(f"{server.url}/articles/{server.ids['arms-1']}")
    page.wait_for_selector("#transfer-table tbody tr[data-index]")
    assert page.inner_text("#article-title") == "Russia to arm Iran"
    place = page.locator("#doc .m-place")
    assert place.all_inner_texts() == ["Tehran"]
    assert "place: Tehran" in (place.first.get_attribute("title") or "")
    transfers = page.locator("#transfer-table tbody tr[data-index]")
    assert transfers.count() == 2 and page.inner_text("#transfers-count") == "2"
    assert "Russia" in transfers.nth(0).inner_text() and "S-300" in transfers.nth(0).inner_text()
    assert "air defence" in transfers.nth(0).inner_text()
    transfers.nth(1).click()
    assert page.inner_text("#doc .sent.evidence").startswith("China delivered")
    assert page.locator("#doc .tr-equip").all_inner_texts() == ["T-72 tanks"]
    assert page.locator("#people-table tbody tr[data-index]").count() == 2
    screenshot(page, "article.png")

    # a transfer named in the address is chosen when the page opens
    tid = transfers.nth(0).get_attribute("data-transfer-id")
    page.goto(f"{server.url}/articles/{server.ids['arms-1']}?transfer={tid}")
    page.wait_for_selector("#transfer-table tbody tr.selected")
    assert page.locator("#doc .tr-equip").all_inner_texts() == ["S-300 air-defence systems"]


def test_relations_network_and_dyad_series(page, server):
    page.goto(f"{server.url}/relations")
    page.wait_for_selector("#network .scatterlayer .point")
    page.wait_for_selector("#series .scatterlayer .point")  # the busiest dyad, drawn at once
    assert "states" in page.inner_text("#status")
    assert page.locator("#blocs .bloc").count() >= 2

    # click the RUS marker in the plot itself, where a person would
    box = page.evaluate("""() => {
        const gd = document.getElementById('network');
        const index = gd.data.findIndex(t => (t.customdata || []).includes('RUS'));
        const point = gd.data[index].customdata.indexOf('RUS');
        const trace = gd.querySelectorAll('.scatterlayer .trace')[index];
        const r = trace.querySelectorAll('.point')[point].getBoundingClientRect();
        return {x: r.x + r.width / 2, y: r.y + r.height / 2};
    }""")
    page.mouse.move(box["x"], box["y"])
    page.mouse.click(box["x"], box["y"])
    page.wait_for_selector("#state-dyads:not([hidden]) tbody tr")
    assert page.inner_text("#state-title") == "Dyads of Russia (RUS)"
    partners = page.locator("#state-dyads tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.other)")
    assert {"USA", "IRN", "GEO", "CHN"} <= set(partners)

    # choosing a dyad draws its series with the change point marked
    page.locator("#state-dyads tbody tr[data-other=USA]").click()
    page.wait_for_function(
        "() => document.getElementById('series').dataset.drawn === 'RUS-USA'")
    page.wait_for_selector("#series .shapelayer path", state="attached")  # a 0-wide line
    assert "2003-01" in page.inner_text("#changes")
    screenshot(page, "relations.png")


def test_events_dyad_filter_with_names_warning_and_csv(page, server):
    page.goto(f"{server.url}/events")
    page.wait_for_selector("#events-table tbody tr[data-event-id]")
    page.fill("input[name=dyad]", "Russia-Iran")  # names, both directions
    page.click("#filters button[type=submit]")
    page.wait_for_function("() => /dyad=Russia-Iran/.test(location.search) && "
                           "!document.querySelector('#events-table[aria-busy]')")
    pairs = page.locator("#events-table tbody tr[data-event-id]").evaluate_all(
        "rows => rows.map(r => r.cells[1].textContent + '|' + r.cells[3].textContent)")
    assert pairs and all(("RUS" in p and "IRN" in p) for p in pairs)
    assert any("IRN" in p.split("|")[0] for p in pairs)  # both directions
    assert any("RUS" in p.split("|")[0] for p in pairs)
    href = page.get_attribute("#csv-link", "href")
    assert href.startswith("/api/events.csv?") and "dyad=Russia-Iran" in href
    assert "page=" not in href  # every matching event, not one page
    download = page.request.get(server.url + href)
    lines = download.text().strip().splitlines()
    assert download.ok and lines[0].startswith("event_id,") and len(lines) == len(pairs) + 1

    page.fill("input[name=dyad]", "")
    page.fill("input[name=actor]", "Narnia")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#warnings:not([hidden])")
    assert "Narnia" in page.inner_text("#warnings")


def test_a_selection_past_one_download_gets_a_reason_not_a_link(page, server, monkeypatch):
    monkeypatch.setattr("detente.web.api.CSV_MAX_EVENTS", 5)  # the history holds hundreds
    page.goto(f"{server.url}/events")
    page.wait_for_selector("#csv-too-many:not([hidden])")
    assert page.is_hidden("#csv-link")
    assert "more than the 5 one download holds" in page.inner_text("#csv-too-many")
    assert page.request.get(server.url + "/api/events.csv").status == 413
    # a narrow selection downloads again
    page.fill("input[name=dyad]", "Russia-Georgia")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#csv-link:not([hidden])")
    assert page.is_hidden("#csv-too-many")


def test_relations_drill_down_and_series_csv(page, server):
    page.goto(f"{server.url}/relations")
    page.wait_for_selector("#series .scatterlayer .point")
    csv_href = page.get_attribute("#series-csv", "href")
    assert "/series.csv?" in csv_href
    series = page.request.get(server.url + csv_href)
    assert series.ok and series.text().splitlines()[0].startswith("period,")
    page.evaluate("() => document.querySelector('.state-chip[data-state=RUS]').click()")
    page.wait_for_selector("#state-dyads:not([hidden]) tbody tr[data-other=USA] a.drill")
    page.click("#state-dyads tbody tr[data-other=USA] a.drill")
    page.wait_for_url("**/events?dyad=RUS-USA*")
    page.wait_for_selector("#events-table tbody tr[data-event-id]")
    assert page.input_value("input[name=dyad]") == "RUS-USA"
    sources = page.locator("#events-table tbody tr[data-event-id]").evaluate_all(
        "rows => rows.map(r => r.cells[1].textContent)")
    assert all(("RUS" in s) != ("USA" in s) for s in sources)  # one of the pair as source
    assert any("USA" in s for s in sources) and any("RUS" in s for s in sources)


def _plot_point(page, div: str, trace: str, x_prefix: str) -> dict:
    """Where on the screen a plotted point is: ``trace`` is a JS test on a trace, ``x_prefix``
    the start of the point's x value (a date, or a stringified customdata dyad)."""
    return page.evaluate("""([div, test, prefix]) => {
        const gd = document.getElementById(div);
        gd.scrollIntoView({block: 'center'});  // the mouse only reaches what is on screen
        const index = gd.data.findIndex(new Function('t', 'return ' + test));
        const trace = gd.data[index];
        const point = trace.x.findIndex((x, i) => String(x).startsWith(prefix) ||
            JSON.stringify((trace.customdata || [])[i] || '').includes(prefix));
        const full = gd._fullLayout;
        const xa = full[trace.xaxis === 'x' || !trace.xaxis ? 'xaxis' : trace.xaxis];
        const ya = full[trace.yaxis && trace.yaxis !== 'y' ? 'yaxis' + trace.yaxis.slice(1)
                                                           : 'yaxis'];
        const box = gd.getBoundingClientRect();
        const x = xa.type === 'date' ? xa.d2p(trace.x[point]) : xa.l2p(trace.x[point]);
        const y = trace.type === 'bar' ? ya.l2p(trace.y[point] / 2) : ya.l2p(trace.y[point]);
        return {x: box.left + xa._offset + x, y: box.top + ya._offset + y};
    }""", [div, trace, x_prefix])


def _series_traces(page) -> list[dict]:
    return page.evaluate("() => document.getElementById('series').data.map("
                         "t => ({name: t.name, x: t.x, y: t.y}))")


def _show_russia_and_usa(page, server) -> None:
    """The Relations page with the RUS-USA series drawn."""
    page.goto(f"{server.url}/relations")
    page.wait_for_selector("#series .scatterlayer .point")
    page.select_option("#dyad-a", "RUS")
    page.select_option("#dyad-b", "USA")
    page.click("#dyad-form button[type=submit]")
    page.wait_for_function("() => document.getElementById('series').dataset.drawn === 'RUS-USA'")


def _yearly(trace: dict, year: str) -> float:
    return sum(y for x, y in zip(trace["x"], trace["y"], strict=True) if x.startswith(year))


def test_several_dyads_on_one_chart_cooperation_and_conflict_apart(page, server):
    _show_russia_and_usa(page, server)
    page.select_option("#dyad-b", "IRN")
    page.click("#dyad-add")  # the dyad shown stays, the picked one joins it
    page.wait_for_function(
        "() => document.getElementById('series').dataset.drawn === 'RUS-USA,RUS-IRN'")
    assert page.input_value("#dyad-list") == "RUS-USA, RUS-IRN"
    lines = {t["name"]: t for t in _series_traces(page)}
    assert set(lines) == {"RUS–USA net cooperation", "RUS–IRN net cooperation"}
    # both directions together: two cooperative reports a month in 2002, two hostile in 2003
    assert _yearly(lines["RUS–USA net cooperation"], "2002") == 24
    assert _yearly(lines["RUS–USA net cooperation"], "2003") == -24
    assert "/api/series.csv?" in page.get_attribute("#series-csv", "href")
    assert page.is_hidden("#series-events")  # several dyads: each point lists its own

    page.fill("#dyad-list", "Russia-United States, USA-GBR")  # names work too
    page.click("#dyad-form button[type=submit]")
    page.wait_for_function(
        "() => document.getElementById('series').dataset.drawn === 'RUS-USA,USA-GBR'")
    page.select_option("#series-measure", "sides")
    page.wait_for_function("() => document.getElementById('series').dataset.measure === 'sides'")
    lines = {t["name"]: t for t in _series_traces(page)}
    assert set(lines) == {"RUS–USA cooperation", "RUS–USA conflict", "USA–GBR cooperation",
                          "USA–GBR conflict"}
    # net cooperation would read 0 for a month of one of each; apart, both show
    assert _yearly(lines["RUS–USA cooperation"], "2002") == 24
    assert _yearly(lines["RUS–USA conflict"], "2002") == 0
    assert _yearly(lines["RUS–USA cooperation"], "2003") == 0
    assert _yearly(lines["RUS–USA conflict"], "2003") == -24  # drawn below zero
    assert _yearly(lines["USA–GBR cooperation"], "2002") == 12

    page.fill("#dyad-list", "")  # one dyad again: each direction apart, split the same way
    page.select_option("#dyad-b", "USA")
    page.click("#dyad-form button[type=submit]")
    page.wait_for_function("() => document.getElementById('series').dataset.drawn === 'RUS-USA'")
    names = {t["name"] for t in _series_traces(page)}
    assert {"RUS → USA cooperation", "RUS → USA conflict", "USA → RUS cooperation",
            "USA → RUS conflict"} <= names


def test_drill_down_from_a_chart_bar(page, server):
    _show_russia_and_usa(page, server)
    spot = _plot_point(page, "series", "t.type === 'bar'", "2003-03")
    page.mouse.move(spot["x"], spot["y"])
    page.mouse.click(spot["x"], spot["y"])
    page.wait_for_url("**/events?dyad=RUS-USA&since=2003-03-01&until=2003-03-31*")
    page.wait_for_selector("#events-table tbody tr[data-event-id]")
    dates = page.locator("#events-table tbody tr[data-event-id] td:first-child").all_inner_texts()
    assert dates == ["2003-03-15", "2003-03-15"]  # that month's two reports, both directions
    assert page.input_value("input[name=since]") == "2003-03-01"


def test_drill_down_from_a_network_edge(page, server):
    page.goto(f"{server.url}/relations")
    page.wait_for_selector("#network .scatterlayer .point")
    edge = page.evaluate("() => fetch('/api/graph').then(r => r.json()).then(g => "
                         "g.edges.find(e => e.source === 'RUS' && e.target === 'USA'))")
    spot = _plot_point(page, "network", "t.mode === 'markers' && !t.name", '"RUS","USA"')
    page.mouse.move(spot["x"], spot["y"])
    page.mouse.click(spot["x"], spot["y"])
    page.wait_for_url("**/events?dyad=RUS-USA*")
    page.wait_for_selector("#events-table tbody tr[data-event-id]")
    assert page.input_value("input[name=dyad]") == "RUS-USA"
    assert page.inner_text("#status") == f"{edge['events']} events match."


def test_a_link_with_a_plover_type_keeps_its_filter(page, server):
    # lower case, as the API takes it: the select shows the type, the table holds only it
    page.goto(f"{server.url}/events?plover=sanction")
    page.wait_for_function("() => !document.querySelector('#events-table[aria-busy]')")
    assert page.input_value("select[name=plover]") == "SANCTION"
    assert page.evaluate("new URL(location).searchParams.get('plover')") == "SANCTION"
    # several types (which the select cannot choose one by one) stay the filter, shown as given
    page.goto(f"{server.url}/events?plover=SANCTION,ASSAULT")
    page.wait_for_function("() => !document.querySelector('#events-table[aria-busy]')")
    assert page.input_value("select[name=plover]") == "SANCTION,ASSAULT"
    assert page.evaluate("new URL(location).searchParams.get('plover')") == "SANCTION,ASSAULT"
