"""Fuzzing the edges: readers, the coder and the API never raise on hostile input.

Hypothesis with a fixed seed (``derandomize``) and a bounded number of examples, so a run is
fast and the same on every machine; ``bench/fuzz.py`` runs many more texts through the coder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.ingest.readers import SourceDocument, read_file
from detente.ingest.text import InputProblem

FUZZ = settings(derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])

# Every code point, lone surrogates and controls included: what a JSON escape can smuggle in.
ANY_CHARACTER = st.one_of(st.characters(codec=None, categories=None),
                          st.characters(categories=["Cs"]), st.characters(categories=["Cc"]))
WORDS = st.sampled_from(["Russia", "Georgia", "attacked", "praised", "NATO", "sanctions",
                         "talks", "the", "on Monday", "next week", "Tbilisi", "urged", "Iran"])
ODD = st.sampled_from(["\x00", "\x1b", "\u200b", "\u202e", "\ufeff", "\u0301", "\ud800",
                       "\udfff", "\U0001f4a3", "\u05d9\u05e9", "|", "--", "\n", "\r\n", "\t"])
# Texts like news with hostile pieces in them, and texts with nothing like news at all.
TEXTS = st.one_of(
    st.text(ANY_CHARACTER, max_size=300),
    st.lists(st.one_of(WORDS, ODD, st.text(ANY_CHARACTER, max_size=5)), max_size=80)
    .map(" ".join),
    st.tuples(WORDS, st.integers(300, 1500)).map(lambda pair: (pair[0] + " ") * pair[1]),
)
DATES = st.one_of(st.none(), st.sampled_from(["2008-08-01", "0001-01-01", "9999-12-31"]),
                  st.dates().map(str))
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(ANY_CHARACTER)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=12,
)
RECORDS = st.one_of(
    st.fixed_dictionaries({"text": TEXTS}, optional={"title": JSON_VALUES, "date": JSON_VALUES,
                                                     "id": JSON_VALUES, "url": JSON_VALUES,
                                                     "source": JSON_VALUES}),
    JSON_VALUES,
)


def check_items(items: list) -> None:
    """Each item is a document with valid UTF-8 fields, or a one-line problem."""
    for item in items:
        assert isinstance(item, SourceDocument | InputProblem)
        if isinstance(item, InputProblem):
            assert "\n" not in item.reason and item.reason
            continue
        for value in (item.text, item.title, item.source, item.url, item.doc_id, item.date):
            if value is not None:
                value.encode("utf-8")


@settings(FUZZ, max_examples=60)
@given(lines=st.lists(st.one_of(RECORDS.map(json.dumps), st.binary(max_size=60)
                                .map(lambda b: b.decode("latin-1"))), max_size=6))
def test_jsonl_reader_never_raises(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("fuzz") / "records.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    check_items(list(read_file(path)))


@settings(FUZZ, max_examples=40)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".json", ".html", ".xml",
                                                             ".jsonl.gz", ".json.gz"]))
def test_any_bytes_in_any_format_are_read_or_reported(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    check_items(list(read_file(path)))


@settings(FUZZ, max_examples=40)
@given(value=RECORDS)
def test_json_file_reader_never_raises(tmp_path_factory, value):
    path = tmp_path_factory.mktemp("fuzz") / "one.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    check_items(list(read_file(path)))


@settings(FUZZ, max_examples=40)
@given(text=TEXTS, date=DATES)
def test_coder_never_raises(coder, text, date):
    events = coder.code_text(text, date=date)
    for event in events:
        json.dumps(event.to_dict()).encode("utf-8")  # every record can be written out


@pytest.fixture(scope="module")
def client(tmp_path_factory, coder):
    from fastapi.testclient import TestClient

    from detente.web.app import create_app

    db = Path(tmp_path_factory.mktemp("api")) / "fuzz.duckdb"
    return TestClient(create_app(str(db), allow_writes=True, coder=coder))


@settings(FUZZ, max_examples=25)
@given(text=TEXTS, date=st.one_of(st.none(), st.text(ANY_CHARACTER, max_size=12), DATES),
       store=st.booleans(), doc_id=st.one_of(st.none(), st.text(ANY_CHARACTER, max_size=20)))
def test_api_code_answers_without_server_errors(client, text, date, store, doc_id):
    body = {"text": text, "date": date, "store": store}
    if doc_id is not None:
        body["doc_id"] = doc_id
    # json.dumps writes lone surrogates as escapes, as a hostile client would send them
    reply = client.post("/api/code", content=json.dumps(body),
                        headers={"content-type": "application/json"})
    assert reply.status_code in (200, 413, 422), reply.text
    if reply.status_code == 200:
        assert reply.json()["text"].encode("utf-8")


@settings(FUZZ, max_examples=40)
@given(path=st.sampled_from(["/api/events", "/api/relations", "/api/graph", "/api/people",
                             "/api/dyads/USA-RUS/series", "/api/transfers"]),
       params=st.dictionaries(st.sampled_from(["since", "until", "by", "actor", "quad", "page",
                                               "page_size", "origin", "state", "limit"]),
                              st.text(ANY_CHARACTER.filter(lambda c: c < "\ud800" or
                                                           c > "\udfff"), max_size=12),
                              max_size=3))
def test_api_queries_answer_without_server_errors(client, path, params):
    reply = client.get(path, params=params)
    assert reply.status_code < 500, (path, params, reply.text)
