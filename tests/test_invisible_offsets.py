"""Invisible characters inside words (a soft hyphen, a zero-width space) in text given to
``Coder.code_text`` and ``POST /api/code``: the events are coded as if the characters were not
there, while every offset returned still points into the text as the caller gave it."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from detente.cleantext import read_copy, visible_copy
from detente.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note about httpx2, as in test_web
    from fastapi.testclient import TestClient

SHY, ZWSP = "\u00ad", "\u200b"
# Invented reports. A hyphenation hint splits a country's name in the first; in the second a
# zero-width space follows the subject of the second sentence, and a place name is split too.
HYPHENATED = f"Colom{SHY}bia accused Venezuela of supporting rebels on the border."
SPACED = (f"Bolivia praised Argentina for the gas deal. Peru{ZWSP} accused Chile of violating "
          f"its airspace near Ari{SHY}ca.")
# An arms delivery whose recipient carries a soft hyphen, then a protest at a split name.
DELIVERY = (f"China delivered 40 T-72 tanks to Paki{SHY}stan last month. The United States "
            f"condemned Chi{ZWSP}na for the sale.")
PLAIN = [HYPHENATED.replace(SHY, ""), SPACED.replace(ZWSP, "").replace(SHY, "")]


def visible(text: str) -> str:
    return text.replace(SHY, "").replace(ZWSP, "")


def coded(event: dict[str, Any]) -> tuple:
    return event["source"]["code"], event["cameo"], event["target"]["code"]


def spans(record: Any) -> list[dict[str, Any]]:
    """Every dict in a nested record that carries character offsets (start and end)."""
    found, pending = [], [record]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            if isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
                found.append(item)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


def assert_points_into(text: str, event: dict[str, Any]) -> None:
    """The event's sentence and every span it reports are slices of ``text``."""
    start = event["sentence_start"]
    assert text[start:start + len(event["sentence"])] == event["sentence"]
    for span in spans(event):
        if "text" in span:
            assert text[span["start"]:span["end"]] == span["text"], span


def words(text: str, span: dict[str, Any]) -> str:
    return text[span["start"]:span["end"]]


@pytest.fixture(scope="module")
def client(tmp_path_factory, coder) -> TestClient:
    store = tmp_path_factory.mktemp("invisible") / "none.duckdb"
    return TestClient(create_app(str(store), coder=coder))


# ---- the offset map itself ----------------------------------------------------------------
def test_every_span_of_the_copy_maps_to_the_same_words_in_the_text():
    text = f"{ZWSP}Peru{SHY}{SHY} and Chi{ZWSP}le{ZWSP} met.{SHY}"
    copy, offsets = visible_copy(text)
    assert copy == "Peru and Chile met." == read_copy(text)
    for i in range(len(copy) + 1):
        for j in range(i, len(copy) + 1):
            start, end = offsets.start(i), offsets.end(j) if j > i else offsets.start(i)
            assert visible(text[start:end]) == copy[i:j]
            if j > i:  # a span opens and closes on a visible character
                assert text[start] not in (SHY, ZWSP) and text[end - 1] not in (SHY, ZWSP)


# ---- Coder.code_text ----------------------------------------------------------------------
def test_code_text_reads_a_country_name_through_a_soft_hyphen(coder):
    (event,) = [e.to_dict() for e in coder.code_text(HYPHENATED)]
    assert coded(event) == ("COL", "112", "VEN")
    assert words(HYPHENATED, event["source"]) == f"Colom{SHY}bia" == event["source"]["text"]
    assert words(HYPHENATED, event["trigger"]) == "accused"
    assert words(HYPHENATED, event["target"]) == "Venezuela"
    assert event["sentence"] == HYPHENATED and event["sentence_start"] == 0
    assert_points_into(HYPHENATED, event)


def test_code_text_keeps_a_subject_followed_by_a_zero_width_space(coder):
    events = [e.to_dict() for e in coder.code_text(SPACED)]
    accused = next(e for e in events if coded(e) == ("PER", "112", "CHL"))
    second = SPACED.index("Peru")
    assert accused["sentence_start"] == second and accused["sentence"] == SPACED[second:]
    assert words(SPACED, accused["source"]) == "Peru"  # the invisible space stays outside
    assert words(SPACED, accused["trigger"]) == "accused"
    assert words(SPACED, accused["target"]) == "Chile"
    violated = next(e for e in events if e["trigger"]["text"] == "violating")
    assert words(SPACED, violated["location"]) == f"near Ari{SHY}ca"
    assert violated["location"]["name"] == "Arica"
    for event in events:
        assert_points_into(SPACED, event)


def test_code_text_finds_what_the_text_without_the_characters_gives(coder):
    for text in (HYPHENATED, SPACED):
        found = [e.to_dict() for e in coder.code_text(text)]
        plain = [e.to_dict() for e in coder.code_text(visible(text))]
        assert [coded(e) for e in found] == [coded(e) for e in plain]
        for event, expected in zip(found, plain, strict=True):
            assert visible(event["sentence"]) == expected["sentence"]
            assert [visible(s.get("text", "")) for s in spans(event)] == [
                s.get("text", "") for s in spans(expected)]


# ---- POST /api/code -----------------------------------------------------------------------
# doubled spaces too: the parser reads them as one (reading.single_spaced), a second map
DOUBLED = f"Peru  accused  Chi{SHY}le  of  violating  the  treaty. Bolivia  praised  Brazil."


@pytest.mark.parametrize(("text", "dyad"), [(HYPHENATED, ("COL", "112", "VEN")),
                                            (SPACED, ("PER", "112", "CHL")),
                                            (DOUBLED, ("PER", "112", "CHL"))])
def test_the_api_codes_the_text_and_points_into_it(client, coder, text, dyad):
    body = client.post("/api/code", json={"text": text}).json()
    assert body["text"] == text
    assert dyad in [coded(event) for event in body["events"]]
    assert body["events"] == [e.to_dict() for e in coder.code_text(text, body["doc_id"])]
    for event in body["events"]:
        assert_points_into(text, event)
        sentence = body["sentences"][event["sentence_index"]]
        assert (sentence["start"], sentence["end"]) == (
            event["sentence_start"], event["sentence_start"] + len(event["sentence"]))
    for mention in body["actors"]:
        assert words(text, mention) == mention["text"]
    assert visible(" ".join(words(text, s) for s in body["sentences"])) == visible(text)


def test_the_api_reports_a_transfer_in_the_callers_text(client):
    body = client.post("/api/code", json={"text": DELIVERY}).json()
    (transfer,) = body["transfers"]
    assert transfer["recipient"]["code"] == "PAK"
    assert words(DELIVERY, transfer["recipient"]) == f"Paki{SHY}stan"
    assert words(DELIVERY, transfer["trigger"]) == "delivered"
    assert [words(DELIVERY, item) for item in transfer["equipment"]] == [
        item["text"] for item in transfer["equipment"]]
    first = body["sentences"][0]
    assert transfer["sentence"] == DELIVERY[first["start"]:first["end"]]
    condemned = next(e for e in body["events"] if e["trigger"]["text"] == "condemned")
    assert (condemned["source"]["code"], condemned["target"]["code"]) == ("USA", "CHN")
    assert words(DELIVERY, condemned["target"]) == f"Chi{ZWSP}na"
    for span in spans(body):
        if "text" in span:
            assert words(DELIVERY, span) == span["text"], span


# ---- text without such characters --------------------------------------------------------
@pytest.mark.parametrize("text", PLAIN)
def test_text_without_invisible_characters_is_coded_as_before(client, coder, text):
    copy, offsets = visible_copy(text)
    assert copy is text and not offsets
    assert all(offsets.start(i) == i == offsets.end(i) for i in range(len(text) + 1))
    own = [e.to_dict() for e in coder.code_doc(coder.nlp(text), "plain")]
    assert [e.to_dict() for e in coder.code_text(text, "plain")] == own
    body = client.post("/api/code", json={"text": text, "doc_id": "plain"}).json()
    assert body["events"] == own and body["text"] == text
    doc = coder.nlp(text)
    assert [(s["start"], s["end"]) for s in body["sentences"]] == [
        (s.start_char, s.end_char) for s in doc.sents]


# ---- character references ----------------------------------------------------------------
REFERENCED = ("Peru said &ldquo;Chile violated the treaty&rdquo; on Monday. "
              "Bolivia&rsquo;s navy seized a Chilean trawler &amp; its crew.")


def test_character_references_are_read_and_spans_keep_them_whole(client, coder):
    copy, offsets = visible_copy(REFERENCED)
    assert copy == ("Peru said \u201cChile violated the treaty\u201d on Monday. "
                    "Bolivia\u2019s navy seized a Chilean trawler & its crew.")
    found = {coded(e.to_dict()) for e in coder.code_text(REFERENCED)}
    assert found == {coded(e.to_dict()) for e in coder.code_text(copy)}
    assert ("BOLMIL", "171", "CHL") in found
    body = client.post("/api/code", json={"text": REFERENCED}).json()
    assert body["text"] == REFERENCED
    for event in body["events"]:
        assert_points_into(REFERENCED, event)
        sentence = body["sentences"][event["sentence_index"]]
        assert REFERENCED[sentence["start"]:sentence["end"]] == event["sentence"]
    seized = next(e for e in body["events"] if e["trigger"]["text"] == "seized")
    assert words(REFERENCED, seized["source"]) == "Bolivia&rsquo;s navy"
    assert seized["sentence"].endswith("&amp; its crew.")
    assert body["sentences"][0]["end"] == REFERENCED.index(" Bolivia")


def test_a_reference_of_two_characters_is_left_as_written():
    text = "Talks &nbsp;resumed in Lima &NotEqualTilde; today."
    copy, offsets = visible_copy(text)
    assert "&NotEqualTilde;" in copy and "&nbsp;" not in copy
    assert offsets.start(copy.index("resumed")) == text.index("resumed")
