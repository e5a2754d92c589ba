"""Armed groups without a state (Islamic State, al-Qaeda) are actors under their own Phoenix
codes, country None: in the coder's output, the store and the exports, but in no relation
between states."""

from __future__ import annotations

import csv
import json

import pytest

from detente import dyads
from detente.export import FILE_NAMES, PHOENIX_COLUMNS, export_events
from detente.ingest.pipeline import Ingest
from detente.store import EventFilter, Store

# Written for these tests; no sentence comes from a news article.
SENTENCES = {
    "Islamic State fighters attacked Iraqi troops near the border on Monday.": (
        "IMGMUSISI", "IRQ"),
    "Jordan condemned al-Qaeda for the bombing of the hotel.": ("JOR", "IMGMUSALQ"),
}


@pytest.mark.parametrize("sentence", list(SENTENCES))
def test_a_stateless_group_is_an_actor_with_its_own_code(coder, sentence):
    source, target = SENTENCES[sentence]
    events = coder.code_text(sentence, date="2015-03-02")
    pairs = {(e.source.code[:9], e.target.code[:9]) for e in events}
    assert any(s.startswith(source) and t.startswith(target) for s, t in pairs), pairs
    for event in events:
        for actor in (event.source, event.target):
            if actor.code.startswith("IMG"):
                assert actor.country is None and actor.kind == "group"


# Written for these tests: a group named in an of-, for- or from-phrase after the people who
# act for it, as the modifier form ("Islamic State fighters") is.
OF_PHRASES = {
    "Fighters of the Islamic State shelled Syrian army positions overnight.": (
        "IMGMUSISI", "SYR"),
    "A spokesman for al-Qaeda threatened Denmark over the cartoons.": ("IMGMUSALQ", "DNK"),
    "Gunmen from the Islamic State abducted Turkish truck drivers.": ("IMGMUSISI", "TUR"),
    "Militants of al-Qaida attacked Malian soldiers near Timbuktu.": ("IMGMUSALQ", "MLI"),
    # an armed group with a state, in the same phrasing, as before
    "Fighters from al-Shabaab attacked Ethiopian troops.": ("SOMREB", "ETH"),
}


@pytest.mark.parametrize("sentence", list(OF_PHRASES))
def test_people_of_a_group_act_for_it(coder, sentence):
    source, target = OF_PHRASES[sentence]
    events = coder.code_text(sentence, date="2016-04-12")
    assert any(e.source.code == source and (e.target.country or "") == target
               for e in events), [(e.source.code, e.target.code) for e in events]


def test_a_group_without_a_code_is_still_no_actor(coder):
    # rights groups and monitors are recognised but coded as nothing (the actor table says so)
    assert coder.code_text("Egypt criticised Amnesty International over its report.") == []


@pytest.fixture()
def stored(tmp_path, coder):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({
        "id": "s1", "date": "2015-03-02", "source": "Test Wire",
        "text": " ".join(SENTENCES) + " Jordan praised Egypt for its help."}))
    store = Store(tmp_path / "s.duckdb")
    Ingest(store, coder).run([str(feed)])
    yield store
    store.close()


def test_stored_with_country_null_and_left_out_of_relations(stored):
    rows = stored.query("SELECT source_code, source_country, target_code, target_country "
                        "FROM events ORDER BY sentence_index")
    groups = [r for r in rows if "IMGMUSISI" in (r["source_code"], r["target_code"])
              or "IMGMUSALQ" in (r["source_code"], r["target_code"])]
    assert len(groups) >= 2
    assert all(None in (r["source_country"], r["target_country"]) for r in groups)
    found = {row["event_id"] for row in stored.query(
        "SELECT event_id FROM events WHERE starts_with(source_code, 'IMGMUSISI')")}
    assert found == {e["event_id"] for e in stored.events(EventFilter(actor="IMGMUSISI"))}
    table = dyads.relations(stored)
    assert set(table.source) | set(table.target) == {"JOR", "EGY"}  # states only


def test_exports_carry_the_group_codes(stored, tmp_path):
    phoenix = export_events(stored, tmp_path / "out", "phoenix", None)
    assert phoenix.name == FILE_NAMES["phoenix"]
    with phoenix.open(encoding="utf-8", newline="") as stream:
        lines = [dict(zip(PHOENIX_COLUMNS, line, strict=True))
                 for line in csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)]
    isis = next(r for r in lines if r["SourceActorFull"] == "IMGMUSISI")
    assert isis["SourceActorEntity"] == "IMG"  # Phoenix's root for militarised groups
    assert isis["TargetActorEntity"] == "IRQ"
    plover = export_events(stored, tmp_path / "plover", "plover", None)
    records = [json.loads(line) for line in plover.read_text(encoding="utf-8").splitlines()]
    # PLOVER's entity code is the manual's IMG (transnational militarized group) for both;
    # which group it was stays in the words of the text
    groups = {entity["entity_text"] for r in records
              for entity in [*r["actor"], *r["recipient"]] if entity["code"] == "IMG"}
    assert any("Islamic State" in text for text in groups)
    assert any("al-Qaeda" in text for text in groups), groups


def test_the_bare_acronym_is_the_group_and_its_place_no_target(coder):
    # Written for this test. "IS" alone, as news abbreviates the group after naming it once:
    # the strikes are on the group, and the state they fall in is only their place (CODING.md)
    events = coder.code_text("Danish jets launched airstrikes against IS in Iraq, "
                             "hitting depots near the river.", date="2017-05-02")
    assert events and all(e.target.code == "IMGMUSISI" for e in events), \
        [(e.source.code, e.target.code) for e in events]
    # the verb "is" in capitals is no group: the acronym matches its own case only
    assert [(e.source.country, e.target.country) for e in coder.code_text(
        "Denmark is angry with Iraq over the detentions.", date="2017-05-02")] == [("DNK", "IRQ")]
