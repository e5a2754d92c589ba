"""The web API under load and at its edges: coding beside reads, names as plain text, notes,
upload names, HEAD. Stores are built in tmp_path from invented articles."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor

import anyio.to_thread
import pytest

from detente.model import EVENT_COLUMNS
from detente.store import Store, StoredArticle
from detente.web import api, create_app
from detente.web.params import ID_PATTERN, doc_id_of_file

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SPYING = "Chile accused Peru of spying."
PEOPLE = [("Ana Rojas", "CHL", "Foreign Minister"), ("Tomas Vidal", "PER", "Defence Minister")]


def event(n: int, source: str, target: str, date: str) -> dict:
    row = dict.fromkeys(EVENT_COLUMNS)
    row.update(event_id=f"g{n}", origin="detente", date=dt.date.fromisoformat(date),
               source_country=source, source_code=source, target_country=target,
               target_code=target, quad_class=3, goldstein=-2.0, cameo="112", cameo_root="11",
               modality="asserted", sentence_index=0, sentence=SPYING, sentence_start=0)
    return row


def article(article_id: str, people: list[tuple[str, str, str]]) -> StoredArticle:
    row = {"article_id": article_id, "doc_id": article_id, "source": "Wire", "url": None,
           "title": None, "date": dt.date(2002, 3, 4), "date_source": "metadata",
           "text": SPYING, "language": "en", "path": None, "ingested_at": None, "run_id": "r1",
           "duplicate_of": None}
    return StoredArticle(row, [(0, 0, len(SPYING), SPYING)], people=[
        {"article_id": article_id, "name": name, "role": role, "country": country,
         "sector": "GOV", "code": country + "GOV", "text": name, "start_char": None,
         "end_char": None} for name, country, role in people])


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "guard.duckdb"
    with Store(path) as store:
        store.add_articles([article("p1", PEOPLE)])
        store.add_events([event(i, "CHL", "PER", f"2002-{i + 1:02d}-15") for i in range(12)])
    return path


# ---- coding beside reads --------------------------------------------------------------------
async def _shared_threads(total: int) -> None:
    anyio.to_thread.current_default_thread_limiter().total_tokens = total


def test_waiting_coding_requests_leave_the_shared_threads_to_reads(db, coder, monkeypatch):
    # One request codes (held here until released); more than the shared threadpool has
    # threads want the coder meanwhile. Reads must still answer, and the waiting requests
    # get their 503 after about CODER_WAIT_SECONDS, not after the one coding ends.
    started, release = threading.Event(), threading.Event()

    def slow_coding(ctx, text, date, doc_id, store):
        with ctx.coder():
            started.set()
            release.wait(20)
        return {"doc_id": doc_id, "date": date, "text": text, "sentences": [], "events": [],
                "actors": [], "people": [], "transfers": [], "stored": None, "notes": []}

    monkeypatch.setattr(api, "code_article", slow_coding)
    with TestClient(create_app(str(db), coder=coder)) as client, \
            ThreadPoolExecutor(max_workers=8) as pool:
        client.portal.call(_shared_threads, 4)

        def post():
            began = time.monotonic()
            return client.post("/api/code", json={"text": SPYING}), time.monotonic() - began

        coding = pool.submit(post)
        try:
            assert started.wait(10)
            waiting = [pool.submit(post) for _ in range(5)]
            time.sleep(0.5)  # time for them to take whatever threads they take
            read = pool.submit(client.get, "/api/events").result(timeout=5)
            assert read.status_code == 200 and read.json()["total"] == 12
            for future in waiting:
                reply, seconds = future.result(timeout=5)
                assert reply.status_code == 503 and reply.headers["retry-after"], reply.text
                assert "busy" in reply.json()["detail"] and seconds < 3
        finally:
            release.set()
        reply, _ = coding.result(timeout=10)
        assert reply.status_code == 200 and reply.json()["text"] == SPYING
        # the coder's turn came back: the next request codes at once
        assert post()[0].status_code == 200


# ---- people: a name is text, not a pattern --------------------------------------------------
def test_people_name_is_plain_text_not_a_like_pattern(db):
    client = TestClient(create_app(str(db)))

    def names(name: str) -> list[str]:
        reply = client.get("/api/people", params={"name": name})
        assert reply.status_code == 200, reply.text
        return sorted(p["name"] for p in reply.json()["people"])

    assert names("_") == [] and names("%") == [] and names("%%") == []
    assert names("Ro%as") == [] and names("Vid_l") == []
    assert names("rojas") == ["Ana Rojas"] and names("A") == ["Ana Rojas", "Tomas Vidal"]
    assert names("mas vi") == ["Tomas Vidal"]


def test_people_name_matches_wildcard_characters_as_themselves(tmp_path):
    path = tmp_path / "odd.duckdb"
    with Store(path) as store:
        store.add_articles([article("q1", [("Unit_7 Envoy", "CHL", "Envoy"),
                                           ("Unit 7 Envoy", "PER", "Envoy"),
                                           ("Envoy 100% Rojas", "CHL", "Envoy")])])
    client = TestClient(create_app(str(path)))
    found = client.get("/api/people", params={"name": "t_7"}).json()["people"]
    assert [p["name"] for p in found] == ["Unit_7 Envoy"]
    found = client.get("/api/people", params={"name": "0% r"}).json()["people"]
    assert [p["name"] for p in found] == ["Envoy 100% Rojas"]


# ---- several dyads: a changed period is said --------------------------------------------------
def test_several_dyads_say_why_the_period_changed_as_one_dyad_does(db):
    client = TestClient(create_app(str(db)))
    span = {"since": "0001-01-01", "until": "9999-12-31", "by": "day"}
    several = client.get("/api/series", params={**span, "dyads": "CHL-PER"}).json()
    one = client.get("/api/dyads/CHL-PER/series", params=span).json()
    assert several["by"] == one["by"] == "quarter"
    assert several["notes"] == one["notes"]
    assert any(note.startswith("by quarter, not by day") for note in several["notes"])
    assert "since 0001-01-01 read as 1800-01-01: a series spans 1800-2100" in several["notes"]


# ---- an uploaded file's name as doc_id ------------------------------------------------------
@pytest.mark.parametrize(("filename", "doc_id"), [
    ("spying.txt", "spying"),
    ("reports/2002/spying report.v2.txt", "spying_report_v2"),
    ("C:\\news\\Perú.txt", "Peru"),
    ("a\tb\nc\x00d\u202eE.txt", "a_b_c_d_E"),
    (".txt", "upload"),
    ("\u202e\u202e.txt", "upload"),
    (None, "upload"),
    ("x" * 100 + ".txt", "x" * 64),
])
def test_doc_id_of_file_follows_the_id_rule(filename, doc_id):
    assert doc_id_of_file(filename) == doc_id and re.fullmatch(ID_PATTERN, doc_id)


def multipart_upload(filename: bytes, text: str) -> dict:
    """A raw multipart body (a client library would escape the control characters)."""
    body = (b'--xyzzy\r\nContent-Disposition: form-data; name="file"; filename="' + filename
            + b'"\r\nContent-Type: text/plain\r\n\r\n' + text.encode() + b"\r\n--xyzzy\r\n"
            b'Content-Disposition: form-data; name="store"\r\n\r\ntrue\r\n--xyzzy--\r\n')
    return {"content": body,
            "headers": {"content-type": "multipart/form-data; boundary=xyzzy"}}


def test_stored_upload_gets_a_doc_id_by_the_same_rule_as_posted_text(tmp_path, coder):
    path = tmp_path / "uploads.duckdb"
    client = TestClient(create_app(str(path), allow_writes=True, coder=coder))
    reply = client.post("/api/code/file",
                        **multipart_upload("chile\tperu\x00spy\u202etxt.txt".encode(), SPYING))
    assert reply.status_code == 200, reply.text
    assert reply.json()["doc_id"] == "chile_peru_spy_txt"
    stored = client.get(f"/api/articles/{reply.json()['stored']['article_id']}").json()
    assert stored["doc_id"] == "chile_peru_spy_txt"
    # a posted doc_id is held to the same rule, and refused, not rewritten
    refused = client.post("/api/code", json={"text": SPYING, "doc_id": "chile\tperu",
                                             "store": True})
    assert refused.status_code == 422 and "doc_id" in refused.text


# ---- HEAD wherever GET ----------------------------------------------------------------------
@pytest.mark.parametrize("url", ["/", "/code", "/events", "/api/events", "/api/events.csv",
                                 "/api/people", "/static/app.css", "/api/events/nope"])
def test_head_answers_as_get_without_a_body(db, url):
    client = TestClient(create_app(str(db)))
    get = client.get(url, follow_redirects=False)
    head = client.head(url, follow_redirects=False)
    assert head.status_code == get.status_code, url
    assert head.content == b""
    assert head.headers.get("content-type") == get.headers.get("content-type")
    assert head.headers.get("location") == get.headers.get("location")
    assert head.headers["x-content-type-options"] == "nosniff"  # the guard's headers too


def test_head_is_refused_where_get_is(db):
    reply = TestClient(create_app(str(db))).head("/api/code")
    assert reply.status_code == 405 and reply.content == b""
