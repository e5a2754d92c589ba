"""The web API and pages (`detente serve`) on small stores built in tmp_path."""

from __future__ import annotations

import datetime as dt
import json
import warnings

import duckdb
import pytest

from detente.ingest.pipeline import Ingest
from detente.model import EVENT_COLUMNS
from detente.store import Store, StoredArticle
from detente.web import create_app
from detente.web.coding import MAX_TEXT_BYTES

with warnings.catch_warnings():
    # Starlette now suggests httpx2 for its test client; httpx works and is what we pin.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

GOLDSTEIN = {1: 3.0, 2: 7.0, 3: -4.0, 4: -10.0}
ARTICLE_A = "Russia condemned Georgia for the raid. Iran praised Russia for its help."
ARTICLE_B = "The United States imposed sanctions on Iran."
# A titled person, a place, relative dates and two arms transfers (planned; delivered, with a
# quantity and a value), ingested through the real pipeline.
IVANOV = ("Russian Defence Minister Sergei Ivanov said on Monday in Moscow that Russia will "
          "deliver S-300 air-defence systems to Iran next year. Ivanov met Iranian Foreign "
          "Minister Kamal Kharrazi in Tehran on Thursday.")
TANKS = ("China delivered 40 T-72 tanks to Pakistan last month in a deal worth $120 million. "
         "The United States condemned China for the sale.")
ARMS_STORIES = [
    {"id": "ivanov", "source": "Wire One", "date": "2001-10-05", "title": "Russia to arm Iran",
     "text": IVANOV},
    {"id": "tanks", "source": "Paper Two", "date": "2001-11-12", "title": "Tanks for Pakistan",
     "text": TANKS},
]
XSS = ('Russia condemned Georgia. <script>alert(1)</script> Iran praised Russia. '
       '<img src=x onerror="alert(2)">')


def event_row(n: int, source: str, target: str, quad: int, date: str, **extra) -> dict:
    row = dict.fromkeys(EVENT_COLUMNS)
    row.update(event_id=f"e{n:03d}", origin="detente", date=dt.date.fromisoformat(date),
               source_country=source, source_code=source, target_country=target,
               target_code=target, quad_class=quad, goldstein=GOLDSTEIN[quad],
               cameo="010", cameo_root="01", cameo_name="make statement", modality="asserted",
               sentence_index=0, sentence="", sentence_start=0)
    row.update(extra)
    return row


def text_event(n: int, article: str, text: str, sentence: tuple[int, int], source: str,
               trigger: str, target: str, quad: int, cameo: str, date: str, **extra) -> dict:
    """An event row whose actor and trigger offsets point into ``text``."""
    index, start = sentence
    sentence_text = text[start:].split(". ")[0].rstrip(".") + "."
    source_at = text.index(source, start)
    trigger_at = text.index(trigger, source_at)
    target_at = text.index(target, trigger_at)
    country = {"Russia": "RUS", "Georgia": "GEO", "Iran": "IRN", "United States": "USA"}
    return event_row(
        n, country[source], country[target], quad, date, article_id=article, doc_id=article,
        sentence_index=index, sentence=sentence_text, sentence_start=start,
        source_text=source, source_start=source_at, source_end=source_at + len(source),
        target_text=target, target_start=target_at, target_end=target_at + len(target),
        trigger_text=trigger, trigger_start=trigger_at, trigger_end=trigger_at + len(trigger),
        cameo=cameo, cameo_root=cameo[:2], **extra)


def article_row(article_id: str, text: str, outlet: str, date: str, **extra) -> dict:
    return {"article_id": article_id, "doc_id": article_id, "source": outlet, "url": None,
            "title": None, "date": dt.date.fromisoformat(date), "date_source": "metadata",
            "text": text, "language": "en", "path": None, "ingested_at": None, "run_id": "r1",
            "duplicate_of": None, **extra}


def sentences_of(text: str) -> list[tuple[int, int, int, str]]:
    found, start = [], 0
    for index, part in enumerate(text.split(". ")):
        end = start + len(part) + (0 if part.endswith(".") else 1)
        found.append((index, start, end, text[start:end]))
        start = end + 1
    return found


@pytest.fixture()
def db(tmp_path):
    """Three articles (one a repeat of the first, from another outlet) and their events."""
    second = ARTICLE_A.index("Iran")
    a = StoredArticle(
        article_row("a1", ARTICLE_A, "Wire One", "2001-10-05"), sentences_of(ARTICLE_A),
        [text_event(1, "a1", ARTICLE_A, (0, 0), "Russia", "condemned", "Georgia", 3, "111",
                    "2001-10-05"),
         text_event(2, "a1", ARTICLE_A, (1, second), "Iran", "praised", "Russia", 1, "051",
                    "2001-10-05")])
    b = StoredArticle(
        article_row("b1", ARTICLE_B, "Paper Two", "2001-11-02"), sentences_of(ARTICLE_B),
        [text_event(3, "b1", ARTICLE_B, (0, 0), "United States", "imposed sanctions", "Iran",
                    4, "163", "2001-11-02")])
    repeat = StoredArticle(
        article_row("c1", ARTICLE_A, "Paper Two", "2001-10-06", duplicate_of="a1"),
        sentences_of(ARTICLE_A),
        [text_event(4, "c1", ARTICLE_A, (0, 0), "Russia", "condemned", "Georgia", 3, "111",
                    "2001-10-06", duplicate_of="e001")])
    path = tmp_path / "small.duckdb"
    with Store(path) as store:
        store.add_articles([a, b, repeat])
        store.add_events([  # more history, so dyads have series and change points
            event_row(100 + i, "RUS", "IRN", 1 if i < 6 else 4, f"2002-{i + 1:02d}-10")
            for i in range(12)
        ] + [event_row(200 + i, "IRN", "RUS", 1, f"2002-{i + 1:02d}-12") for i in range(12)])
    return path


@pytest.fixture()
def client(db, coder):
    return TestClient(create_app(str(db), coder=coder))


@pytest.fixture(scope="module")
def arms_db(tmp_path_factory, coder):
    """The two ARMS_STORIES, ingested: people, places, dates and transfers as stored."""
    folder = tmp_path_factory.mktemp("arms")
    feed = folder / "stories.jsonl"
    feed.write_text("\n".join(json.dumps(story) for story in ARMS_STORIES))
    path = folder / "arms.duckdb"
    with Store(path) as store:
        Ingest(store, coder).run([str(feed)])
    return path


@pytest.fixture()
def arms(arms_db, coder):
    return TestClient(create_app(str(arms_db), coder=coder))


def article_ids(path) -> dict[str, str]:
    with Store(path, read_only=True) as store:
        return {r["doc_id"]: r["article_id"]
                for r in store.query("SELECT doc_id, article_id FROM articles")}


@pytest.fixture()
def big(tmp_path):
    """120 events over four quad classes and three dyads."""
    path = tmp_path / "big.duckdb"
    targets = ["IRN", "USA", "GEO"]
    with Store(path) as store:
        store.add_events([
            event_row(i, "RUS", targets[i % 3], i % 4 + 1, f"2003-{i % 12 + 1:02d}-01")
            for i in range(120)
        ])
    return TestClient(create_app(str(path)))


def detail(response) -> str:
    """The error message(s) of a response, as one string."""
    body = response.json()["detail"]
    if isinstance(body, list):
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in body)
    return body


# ---- events ---------------------------------------------------------------------------------
def test_pagination_totals_with_120_events(big):
    seen = []
    for page in (1, 2, 3):
        body = big.get("/api/events", params={"page": page, "page_size": 50}).json()
        assert (body["total"], body["pages"], body["page"]) == (120, 3, page)
        seen += [e["event_id"] for e in body["events"]]
    assert len(seen) == 120 and len(set(seen)) == 120  # no repeats, no gaps across pages
    last = big.get("/api/events", params={"page": 3, "page_size": 50}).json()
    assert len(last["events"]) == 20
    beyond = big.get("/api/events", params={"page": 4, "page_size": 50}).json()
    assert beyond["total"] == 120 and beyond["events"] == []
    fours = big.get("/api/events", params={"quad": 4, "page_size": 7}).json()
    assert fours["total"] == 30 and fours["pages"] == 5 and len(fours["events"]) == 7


def test_sorting_happens_before_paging(big):
    body = big.get("/api/events", params={"sort": "goldstein", "order": "desc",
                                          "page_size": 40}).json()
    scores = [e["goldstein"] for e in body["events"]]
    assert scores == sorted(scores, reverse=True) and scores[0] == 7.0 and scores[-1] == 3.0
    third = big.get("/api/events", params={"sort": "goldstein", "page": 3,
                                           "page_size": 30}).json()
    assert {e["goldstein"] for e in third["events"]} == {3.0}  # 30 of each score
    by_date = big.get("/api/events", params={"sort": "date", "order": "desc"}).json()
    assert by_date["events"][0]["date"] == "2003-12-01"


def test_event_filters(client):
    def ids(**params) -> set[str]:
        body = client.get("/api/events", params={"page_size": 500, **params}).json()
        assert body["total"] == len(body["events"])
        return {e["event_id"] for e in body["events"]}

    assert ids(quad=4) == {"e003"} | {f"e{100 + i}" for i in range(6, 12)}
    assert ids(quad="3,4", since="2001-01-01", until="2001-12-31") == {"e001", "e003"}
    assert ids(quad=[3, 4], until="2001-12-31") == {"e001", "e003"}
    assert ids(source="USA") == {"e003"}
    assert ids(actor="GEO") == {"e001"}  # the repeat (e004) counts once...
    assert ids(actor="GEO", all_reports="true") == {"e001", "e004"}  # ...unless asked
    assert ids(root="11") == {"e001"} and ids(root=["5", "16"]) == {"e002", "e003"}
    assert ids(outlet="Paper Two") == {"e003"}
    assert ids(outlet="Paper Two", all_reports=True) == {"e003", "e004"}
    assert ids(origin="gdelt") == set() and len(ids(modality="asserted")) == 27


def test_event_record_and_article(client):
    record = client.get("/api/events/e003").json()
    assert record["source"]["code"] == "USA" and record["target"]["code"] == "IRN"
    trigger = record["trigger"]
    assert ARTICLE_B[trigger["start"]:trigger["end"]] == "imposed sanctions"
    assert client.get("/api/events/nope").status_code == 404
    article = client.get("/api/articles/a1").json()
    assert article["text"] == ARTICLE_A and article["outlet"] == "Wire One"
    assert [e["event_id"] for e in article["events"]] == ["e001", "e002"]
    assert [s["index"] for s in article["sentences"]] == [0, 1]
    for event in article["events"]:  # every offset points at the text it names
        assert ARTICLE_A[event["source"]["start"]:event["source"]["end"]] == event["source"]["text"]
        start = event["sentence_start"]
        assert ARTICLE_A[start:start + len(event["sentence"])] == event["sentence"]
    missing = client.get("/api/articles/zzz")
    assert missing.status_code == 404 and "zzz" in detail(missing)


@pytest.mark.parametrize(("url", "params", "named"), [
    ("/api/events", {"since": "2001-02-30"}, "since"),
    ("/api/events", {"until": "yesterday"}, "until"),
    ("/api/events", {"page_size": 10000}, "page_size"),
    ("/api/events", {"page": 0}, "page"),
    ("/api/events", {"quad": 9}, "quad"),
    ("/api/events", {"quad": "3,x"}, "quad"),
    ("/api/events", {"root": 21}, "root"),
    ("/api/events", {"modality": "certain"}, "modality"),
    ("/api/events", {"sort": "sentence; DROP TABLE events"}, "sort"),
    ("/api/events", {"order": "sideways"}, "order"),
    ("/api/events", {"actor": "<script>"}, "actor"),
    ("/api/events", {"since": "2002-01-01", "until": "2001-01-01"}, "until"),
    ("/api/dyads", {"by": "decade"}, "by"),
    ("/api/dyads", {"state": "XYZ"}, "XYZ"),
    ("/api/dyads/RUS-XYZ/series", {}, "XYZ"),
    ("/api/dyads/RUS-RUS/series", {}, "two different"),
    ("/api/dyads/RUS-IRN/series", {"by": "fortnight"}, "by"),
    ("/api/graph", {"max_blocs": 0}, "max_blocs"),
    ("/api/blocs", {"origin": "reuters"}, "origin"),
])
def test_bad_parameters_are_422_with_a_reason(client, url, params, named):
    response = client.get(url, params=params)
    assert response.status_code == 422, response.text
    assert named in detail(response)


def test_unknown_country_code_is_named(client):
    response = client.get("/api/dyads/RUS-XYZ/series")
    assert response.status_code == 422
    assert "unknown country code 'XYZ'" in detail(response)


# ---- relations ------------------------------------------------------------------------------
def test_dyads(client):
    body = client.get("/api/dyads").json()
    rows = {(r["source"], r["target"]): r for r in body["dyads"]}
    assert rows[("RUS", "GEO")]["verbal_conflict"] == 1  # the repeated report counts once
    assert rows[("RUS", "IRN")]["events"] == 12 and rows[("IRN", "RUS")]["events"] == 13
    undirected = client.get("/api/dyads", params={"directed": "false"}).json()
    assert {(r["source"], r["target"]) for r in undirected["dyads"]} == {
        ("GEO", "RUS"), ("IRN", "RUS"), ("IRN", "USA")}
    monthly = client.get("/api/dyads", params={"by": "month", "state": "usa"}).json()
    assert monthly["total"] == 1 and monthly["dyads"][0]["period"].startswith("2001-11-01")


def test_dyad_series_with_change_points(client):
    body = client.get("/api/dyads/RUS-IRN/series", params={"since": "2002-01-01"}).json()
    assert body["dyad"] == ["RUS", "IRN"] and body["names"] == ["Russia", "Iran"]
    forward = [r for r in body["series"] if (r["source"], r["target"]) == ("RUS", "IRN")]
    assert len(forward) == 12 and [r["net_cooperation"] for r in forward] == [1] * 6 + [-1] * 6
    assert [c["period"][:10] for c in body["changes"]] == ["2002-07-01"]
    assert body["changes"][0]["before"] > body["changes"][0]["after"]
    again = client.get("/api/dyads/IRN-RUS/series", params={"since": "2002-01-01"})
    assert again.status_code == 200  # a long-running server answers every time, not once
    assert [c["period"][:10] for c in again.json()["changes"]] == ["2002-07-01"]


def test_graph_and_blocs(client):
    graph = client.get("/api/graph").json()
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert set(nodes) == {"RUS", "IRN", "GEO", "USA"}
    assert all(isinstance(n["x"], float) and isinstance(n["bloc"], int) for n in nodes.values())
    edges = {(e["source"], e["target"]): e for e in graph["edges"]}
    assert edges[("GEO", "RUS")]["conflict"] == 1 and edges[("GEO", "RUS")]["weight"] == -1
    assert {"cooperation", "conflict", "events", "goldstein_total", "weight"} <= set(
        edges[("IRN", "RUS")])
    blocs = client.get("/api/blocs").json()
    members = [s["state"] for bloc in blocs["blocs"] for s in bloc["states"]]
    assert sorted(members) == sorted(nodes) and 0 <= blocs["fit"] <= 1 and blocs["method"]
    assert nodes["GEO"]["bloc"] != nodes["RUS"]["bloc"]  # the one hostile dyad splits them


# ---- coding ---------------------------------------------------------------------------------
def test_code_returns_events_sentences_and_actors(client):
    text = "MOSCOW, October 5, 2001\nRussia condemned Georgia for the raid on Tuesday."
    body = client.post("/api/code", json={"text": text}).json()
    assert body["date"] == "2001-10-05" and body["stored"] is None
    (event,) = body["events"]
    assert (event["source"]["code"], event["cameo"], event["target"]["code"]) == (
        "RUS", "111", "GEO")
    assert text[event["trigger"]["start"]:event["trigger"]["end"]] == "condemned"
    sentence = body["sentences"][event["sentence_index"]]
    assert text[sentence["start"]:sentence["end"]].startswith("Russia condemned")
    assert [(a["text"], a["start"]) for a in body["actors"]] == [
        ("Russia", text.index("Russia")), ("Georgia", text.index("Georgia"))]
    dated = client.post("/api/code", json={"text": text, "date": "2002-01-31"}).json()
    assert dated["date"] == "2002-01-31"


def by_trigger(events: list[dict]) -> dict[str, dict]:
    return {e["trigger"]["text"]: e for e in events}


def check_ivanov(text: str, body: dict) -> None:
    """People, places, dates and the transfer of IVANOV, with offsets that point into ``text``."""
    events = by_trigger(body["events"])
    met = events["met"]
    assert (met["date"], met["date_precision"], met["date_text"], met["article_date"]) == (
        "2001-10-04", "day", "on Thursday", "2001-10-05")
    place = met["location"]
    assert (place["name"], place["country"], place["feature"]) == ("Tehran", "IRN", "city")
    assert text[place["start"]:place["end"]] == "Tehran"
    deliver = events["deliver"]
    assert (deliver["date"], deliver["date_end"], deliver["date_precision"]) == (
        "2002-01-01", "2002-12-31", "year")
    assert deliver["location"] is None  # "in Moscow" is where he spoke, not the delivery

    people = {p["name"]: p for p in body["people"]}
    assert set(people) == {"Sergei Ivanov", "Kamal Kharrazi"}
    ivanov = people["Sergei Ivanov"]
    assert (ivanov["role"], ivanov["country"], ivanov["sector"], ivanov["kind"]) == (
        "Defence Minister", "RUS", "MIL", "person")
    assert text[ivanov["start"]:ivanov["end"]] == "Russian Defence Minister Sergei Ivanov"

    (transfer,) = body["transfers"]
    assert (transfer["supplier"]["code"], transfer["recipient"]["code"]) == ("RUS", "IRN")
    assert transfer["status"] == "planned" and transfer["sentence_index"] == 0
    (item,) = transfer["equipment"]
    assert (item["designation"], item["category"]) == ("S-300", "air_defence")
    assert text[item["start"]:item["end"]] == "S-300 air-defence systems"
    trigger = transfer["trigger"]
    assert text[trigger["start"]:trigger["end"]] == "deliver"
    sentence = body["sentences"][transfer["sentence_index"]]
    assert text[sentence["start"]:sentence["end"]] == transfer["sentence"]


def test_code_returns_people_transfers_dates_and_places(client):
    body = client.post("/api/code", json={"text": IVANOV, "date": "2001-10-05"}).json()
    check_ivanov(IVANOV, body)
    upload = client.post("/api/code/file", files={"file": ("ivanov.txt", IVANOV.encode())},
                         data={"date": "2001-10-05"}).json()
    check_ivanov(IVANOV, upload)
    plain = client.post("/api/code", json={"text": ARTICLE_B}).json()
    assert plain["people"] == [] and plain["transfers"] == []


def test_stored_code_result_has_people_and_transfers(tmp_path, coder):
    client = TestClient(create_app(str(tmp_path / "w.duckdb"), allow_writes=True, coder=coder))
    body = client.post("/api/code", json={"text": IVANOV, "date": "2001-10-05",
                                          "store": True}).json()
    check_ivanov(IVANOV, body)  # the same shape stored or not
    assert body["transfers"][0]["transfer_id"] and body["stored"]["new"] is True


def test_article_has_people_transfers_places_and_dates(arms, arms_db):
    ids = article_ids(arms_db)
    article = arms.get(f"/api/articles/{ids['ivanov']}").json()
    assert article["text"] == IVANOV
    check_ivanov(IVANOV, article)
    (transfer,) = article["transfers"]
    assert transfer["categories"] == ["air_defence"] and transfer["designations"] == ["S-300"]
    assert transfer["supplier"] == {"code": "RUS", "country": "RUS", "text": "Russia"}
    tanks = arms.get(f"/api/articles/{ids['tanks']}").json()
    (sale,) = tanks["transfers"]
    assert (sale["supplier"]["code"], sale["recipient"]["code"], sale["status"]) == (
        "CHN", "PAK", "delivered")
    assert (sale["quantity"], sale["value"], sale["currency"], sale["value_text"]) == (
        40, 120e6, "USD", "$120 million")
    assert tanks["people"] == []
    delivered = by_trigger(tanks["events"])["delivered"]
    assert (delivered["date"], delivered["date_end"], delivered["date_precision"],
            delivered["date_text"]) == ("2001-10-01", "2001-10-31", "month", "last month")
    condemned = by_trigger(tanks["events"])["condemned"]
    assert (condemned["date"], condemned["date_precision"]) == ("2001-11-12", "article")


def test_transfers_are_filtered_and_paged(arms):
    def found(**params) -> list[tuple[str, str]]:
        body = arms.get("/api/transfers", params=params).json()
        return [(t["supplier"]["code"], t["recipient"]["code"]) for t in body["transfers"]]

    # oldest first, by the date of each transfer's event: "last month" before "next year"
    assert found() == [("CHN", "PAK"), ("RUS", "IRN")]
    assert found(supplier="chn") == [("CHN", "PAK")]
    assert found(recipient="IRN") == [("RUS", "IRN")]
    assert found(status="delivered") == [("CHN", "PAK")]
    assert found(status="planned,contracted") == [("RUS", "IRN")]
    assert found(category="tank") == [("CHN", "PAK")]
    assert found(category="air-defence") == [("RUS", "IRN")]  # the hyphen reads as _
    assert found(category=["tank", "air_defence"]) == [("CHN", "PAK"), ("RUS", "IRN")]
    assert found(since="2001-11-01") == [("RUS", "IRN")]  # delivery next year
    assert found(until="2001-10-31") == [("CHN", "PAK")]  # delivered last month
    assert found(status="requested") == []
    first = arms.get("/api/transfers", params={"page_size": 1}).json()
    assert (first["total"], first["pages"], len(first["transfers"])) == (2, 2, 1)
    second = arms.get("/api/transfers", params={"page_size": 1, "page": 2}).json()
    assert second["transfers"][0]["recipient"]["code"] == "IRN"
    record = first["transfers"][0]
    assert record["equipment"][0]["designation"] == "T-72" and record["article_id"]


@pytest.mark.parametrize(("params", "named"), [
    ({"status": "sold"}, "status"),
    ({"category": "boat"}, "unknown equipment category 'boat'"),
    ({"supplier": "<b>"}, "supplier"),
    ({"since": "2002-01-01", "until": "2001-01-01"}, "until"),
    ({"page_size": 501}, "page_size"),
])
def test_bad_transfer_parameters_are_422(arms, params, named):
    response = arms.get("/api/transfers", params=params)
    assert response.status_code == 422 and named in detail(response)


def test_people_endpoint(arms):
    body = arms.get("/api/people").json()
    assert body["total"] == 2
    assert {p["name"] for p in body["people"]} == {"Sergei Ivanov", "Kamal Kharrazi"}
    (ivanov,) = arms.get("/api/people", params={"country": "rus"}).json()["people"]
    assert (ivanov["name"], ivanov["role"], ivanov["sector"], ivanov["articles"]) == (
        "Sergei Ivanov", "Defence Minister", "MIL", 1)
    assert ivanov["events_as_source"] >= 1
    named = arms.get("/api/people", params={"name": "kharr"}).json()["people"]
    assert [p["country"] for p in named] == ["IRN"]
    assert arms.get("/api/people", params={"country": "PAK"}).json() == {"total": 0,
                                                                         "people": []}
    assert arms.get("/api/people", params={"country": "R;S"}).status_code == 422


def test_store_without_people_or_transfer_tables(tmp_path, coder):
    # a store made before those tables existed, opened read-only: empty lists, not a 500
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.add_articles([StoredArticle(article_row("o1", ARTICLE_B, "Wire", "2001-01-01"),
                                          sentences_of(ARTICLE_B))])
        store.con.execute("DROP TABLE people")
        store.con.execute("DROP TABLE arms_transfers")
    client = TestClient(create_app(str(path), coder=coder))
    article = client.get("/api/articles/o1").json()
    assert article["people"] == [] and article["transfers"] == []
    assert client.get("/api/transfers").json()["total"] == 0
    assert client.get("/api/people").json() == {"total": 0, "people": []}
    assert client.get("/articles/o1").status_code == 200


def test_article_page_has_people_and_transfer_panels(arms, arms_db):
    html = arms.get(f"/articles/{article_ids(arms_db)['ivanov']}").text
    assert 'id="people-table"' in html and 'id="transfer-table"' in html
    assert "Sergei Ivanov, Kamal Kharrazi" in html  # the people, in the article's details
    assert 'class="m-place"' in html  # the legend names the place style


def test_code_rejects_bad_input(client):
    assert client.post("/api/code", json={"text": "   "}).status_code == 422
    assert "date" in detail(client.post("/api/code", json={"text": "x", "date": "2001-13-01"}))
    assert client.post("/api/code", json={"txt": "x"}).status_code == 422
    binary = client.post("/api/code/file", files={"file": ("a.txt", b"\x00\x01bin")})
    assert binary.status_code == 422 and "binary" in detail(binary)
    latin = client.post("/api/code/file", files={"file": ("a.txt", "Café".encode("latin-1"))})
    assert latin.status_code == 422 and "UTF-8" in detail(latin)


def test_a_rejected_value_is_echoed_short(client):
    long_date = client.post("/api/code/file", files={"file": ("a.txt", b"Peru met Chile.")},
                            data={"date": "2001-" + "9" * 5000})
    assert long_date.status_code == 422 and "date" in detail(long_date)
    assert len(long_date.text) < 1000  # the 5,000 characters were sent back whole
    listed = client.post("/api/code", json=["Peru met Chile."] * 500)
    assert listed.status_code == 422 and len(listed.text) < 1000
    short = client.post("/api/code", json={"text": "x", "date": "2001-13-01"})
    assert short.json()["detail"][0]["input"] == "2001-13-01"  # a short value stays as sent


def test_too_large_is_413(client):
    text = "Russia condemned Georgia. " * (MAX_TEXT_BYTES // 26 + 10)
    response = client.post("/api/code", json={"text": text})
    assert response.status_code == 413 and "200 kB" in detail(response)
    upload = client.post("/api/code/file", files={"file": ("big.txt", text.encode())})
    assert upload.status_code == 413 and "big.txt" in detail(upload)
    huge = client.post("/api/code", content=b'{"text": "' + b"x" * 2_000_000 + b'"}',
                       headers={"content-type": "application/json"})
    assert huge.status_code == 413


def test_upload_is_coded(client):
    text = "Russia condemned Georgia for the raid."
    body = client.post("/api/code/file", files={"file": ("moscow.txt", text.encode())},
                       data={"date": "2008-08-08"}).json()
    assert body["doc_id"] == "moscow" and body["date"] == "2008-08-08"
    assert [e["cameo"] for e in body["events"]] == ["111"]


def test_storing_needs_allow_writes(client, db):
    refused = client.post("/api/code", json={"text": ARTICLE_B, "store": True})
    assert refused.status_code == 403 and "--allow-writes" in detail(refused)
    upload = client.post("/api/code/file", files={"file": ("a.txt", ARTICLE_B.encode())},
                         data={"store": "true"})
    assert upload.status_code == 403
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 3  # nothing written
    page = client.get("/code").text
    assert 'id="store" name="store" disabled' in page


def test_storing_with_allow_writes(tmp_path, coder):
    client = TestClient(create_app(str(tmp_path / "new.duckdb"), allow_writes=True, coder=coder))
    text = "Russia condemned Georgia for the raid. Iran praised Russia for its help."
    first = client.post("/api/code", json={"text": text, "store": True, "date": "2008-08-08"})
    body = first.json()
    assert first.status_code == 200 and body["stored"]["new"] is True
    assert all(e["event_id"] for e in body["events"]) and len(body["events"]) == 2
    article = client.get(f"/api/articles/{body['stored']['article_id']}").json()
    assert article["text"] == text and article["date"] == "2008-08-08"
    assert len(article["events"]) == 2
    again = client.post("/api/code", json={"text": text, "store": True}).json()
    assert again["stored"]["new"] is False and again["stored"]["article_id"] == article[
        "article_id"]
    assert client.get("/api/events").json()["total"] == 2
    assert 'id="store" name="store">' in client.get("/code").text  # the checkbox is enabled


def test_cached_answers_follow_the_database(tmp_path, coder):
    client = TestClient(create_app(str(tmp_path / "grow.duckdb"), allow_writes=True,
                                   coder=coder))
    client.post("/api/code", json={"text": "Peru praised Chile for its help.", "store": True})
    assert {n["id"] for n in client.get("/api/graph").json()["nodes"]} == {"PER", "CHL"}
    assert client.get("/api/dyads").json()["total"] == 1
    client.post("/api/code", json={"text": "Egypt accused Libya of the attack.", "store": True})
    assert {n["id"] for n in client.get("/api/graph").json()["nodes"]} == {
        "PER", "CHL", "EGY", "LBY"}
    assert client.get("/api/dyads").json()["total"] == 2


# ---- untrusted text -------------------------------------------------------------------------
def test_markup_in_articles_is_escaped(tmp_path, coder):
    client = TestClient(create_app(str(tmp_path / "x.duckdb"), allow_writes=True, coder=coder))
    coded = client.post("/api/code", json={"text": XSS, "store": True})
    assert coded.status_code == 200
    raw = coded.text  # JSON: the text survives exactly, but no markup appears in the body
    assert "<script>" not in raw and "<img" not in raw
    assert coded.json()["text"] == XSS
    assert coded.headers["content-type"].startswith("application/json")
    page = client.get(coded.json()["stored"]["url"])
    assert page.status_code == 200
    html = page.text
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in html
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1][:20]
    article = client.get(f"/api/articles/{coded.json()['stored']['article_id']}")
    assert "<script>" not in article.text and article.json()["text"] == XSS


def test_only_web_addresses_become_links(tmp_path):
    path = tmp_path / "u.duckdb"
    with Store(path) as store:
        store.add_articles([StoredArticle(article_row(
            "u1", "Peru praised Chile.", "Wire", "2001-01-01", url="javascript:alert(1)"))])
    html = TestClient(create_app(str(path))).get("/articles/u1").text
    assert 'href="javascript' not in html and "javascript:alert(1)" in html


def test_cross_origin_writes_are_refused(client):
    response = client.post("/api/code", json={"text": "Peru praised Chile."},
                           headers={"Origin": "http://evil.example"})
    assert response.status_code == 403
    same = client.post("/api/code", json={"text": "Peru praised Chile."},
                       headers={"Origin": "http://testserver"})
    assert same.status_code == 200


# ---- pages, missing databases, static files -------------------------------------------------
def test_pages(client):
    for url, marker in [("/code", 'id="code-form"'), ("/events", 'id="events-table"'),
                        ("/relations", 'id="network"'), ("/articles/a1", 'id="doc"')]:
        response = client.get(url)
        assert response.status_code == 200 and marker in response.text, url
        assert response.headers["content-type"].startswith("text/html")
    assert "Wire One" in client.get("/events").text  # outlet suggestions
    assert client.get("/", follow_redirects=False).headers["location"] == "/code"
    assert client.get("/articles/zzz").status_code == 404


@pytest.mark.parametrize("db_path", [None, "missing.duckdb"])
def test_no_database_yet(tmp_path, db_path):
    client = TestClient(create_app(str(tmp_path / db_path) if db_path else None))
    for url in ("/events", "/relations"):
        page = client.get(url)
        assert page.status_code == 200 and "No database yet" in page.text
    response = client.get("/api/events")
    assert response.status_code == 404 and "no database yet" in detail(response)
    assert client.get("/api/graph").status_code == 404
    assert client.get("/code").status_code == 200
    assert not (tmp_path / "missing.duckdb").exists()  # reading never creates a file


def test_another_programs_database_is_503(tmp_path):
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).execute("CREATE TABLE t (x INTEGER)").close()
    response = TestClient(create_app(str(path))).get("/api/events")
    assert response.status_code == 503 and "another program" in detail(response)


def test_static_files_and_offline_plotly(client):
    for url in ("/static/app.css", "/static/common.js", "/static/highlight.js",
                "/static/code.js", "/static/events.js", "/static/article.js",
                "/static/relations.js"):
        assert client.get(url).status_code == 200, url
    plotly = client.get("/vendor/plotly.min.js")
    assert plotly.status_code == 200 and "plotly" in plotly.text[:300].lower()
    for page in ("/code", "/events", "/relations"):
        html = client.get(page).text
        assert "http://" not in html.replace("http://testserver", "")
        assert "https://" not in html  # nothing from a CDN: the pages work offline


def test_openapi_lists_every_endpoint(client):
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/api/code", "/api/code/file", "/api/events", "/api/events/{event_id}",
            "/api/articles/{article_id}", "/api/dyads", "/api/dyads/{a}-{b}/series",
            "/api/graph", "/api/blocs", "/api/transfers", "/api/people"} <= paths
    assert client.get("/docs").status_code == 200


def test_json_has_no_nan(client):
    # goldstein_mean is NaN for empty periods; the API says null instead of invalid JSON
    body = client.get("/api/dyads/RUS-IRN/series").content
    assert b"NaN" not in body
    assert any(row["goldstein_mean"] is None for row in json.loads(body)["series"])


def test_dyad_with_events_one_way_only(client):
    body = client.get("/api/dyads/GEO-RUS/series").json()
    backward = [r for r in body["series"] if (r["source"], r["target"]) == ("RUS", "GEO")]
    forward = [r for r in body["series"] if (r["source"], r["target"]) == ("GEO", "RUS")]
    assert [r["verbal_conflict"] for r in backward] == [1]
    assert [r["events"] for r in forward] == [0]  # the silent direction is all zeros


def test_dns_rebinding_is_refused_when_hosts_are_trusted(db):
    client = TestClient(create_app(str(db), trusted_hosts=["127.0.0.1", "localhost"]))
    assert client.get("/code", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/api/events", headers={"host": "attacker.example"}).status_code == 400


def test_serve_binds_loopback_and_says_where(monkeypatch, capsys, db):
    import uvicorn

    from detente.web import serve

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    serve(str(db), port=8123)
    assert calls == [{"host": "127.0.0.1", "port": 8123, "log_level": "warning"}]
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8123/" in out and "read-only" in out and "warning" not in out
    serve(str(db), host="0.0.0.0", port=8124, allow_writes=True)
    out = capsys.readouterr().out
    assert "writes allowed" in out and "warning: listening on 0.0.0.0" in out


def test_api_docs_page_needs_no_network(tmp_path):
    from fastapi.testclient import TestClient

    from detente.web.app import create_app

    client = TestClient(create_app(str(tmp_path / "none.duckdb")))
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower()
    scripts = [part.split('"')[0] for part in page.text.split('src="')[1:]]
    assert scripts and all(client.get(src).status_code == 200 for src in scripts)
    assert client.get("/openapi.json").json()["info"]["title"] == "detente"
