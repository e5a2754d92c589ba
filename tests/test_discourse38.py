"""Actors introduced once and referred back to in a later sentence (session 38).

Each document is written for the project and filled with several states, so that a rule tied
to one name cannot pass."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, DATE, TRIPLES

from detente.coder import Coder

STATES = TRIPLES


def last_pairs(coder: Coder, text: str) -> set[tuple[str | None, str | None, int]]:
    """(source, target, quad class) of the events of a document's last sentence."""
    events = coder.code_text(text, date=DATE)
    last = max((e.sentence_index for e in events), default=-1)
    return {(e.source.country, e.target.country, e.quad_class) for e in events
            if e.sentence_index == last}


# ---- "the government" of the one state a document has named ------------------------------
@pytest.mark.parametrize("a,b,c", STATES)
@pytest.mark.parametrize("template", [
    "Protests spread across {a} on Monday. The government accused {b} of funding them.",
    "Floods hit northern {a} last week. On Monday, the foreign ministry thanked {b} for its "
    "help.",
    "{a} held elections on Sunday. The government then accused {b} of meddling.",
])
def test_a_state_body_is_the_one_state_named_before(coder: Coder, template, a, b, c):
    found = last_pairs(coder, template.format(a=a, b=b))
    assert any(s == CODES[a] and t == CODES[b] for s, t, _ in found)


@pytest.mark.parametrize("a,b,c", STATES)
def test_a_state_body_is_nobody_s_when_two_states_were_named_once(coder: Coder, a, b, c):
    found = last_pairs(coder, f"Protests spread from {a} to {c} on Monday. The government "
                              f"accused {b} of funding them.")
    assert not any(s in (CODES[a], CODES[c]) and t == CODES[b] for s, t, _ in found)


# ---- a subject "it" is not the state its own clause acts on --------------------------------
@pytest.mark.parametrize("a,b,c", STATES)
@pytest.mark.parametrize("template,quad", [
    ("{a} held talks with {b} on Monday. On Tuesday, it accused {a} of lying.", 3),
    ("{a} signed a deal with {b} in March. Under the deal, it will send troops to {a}.", 4),
    ("{a} held talks with {b} on Monday. On Tuesday, it imposed sanctions on {a}.", 4),
])
def test_a_subject_it_is_not_its_clause_s_object(coder: Coder, template, quad, a, b, c):
    found = last_pairs(coder, template.format(a=a, b=b))
    assert (CODES[b], CODES[a], quad) in found


@pytest.mark.parametrize("a,b,c", STATES)
def test_a_subject_it_may_be_the_owner_of_its_object(coder: Coder, a, b, c):
    # the object is the state's own thing, not the state: "it" is still the state
    found = last_pairs(coder, f"{a} closed its border with {b} on Monday. On Tuesday, it "
                              f"expelled {b}'s ambassador.")
    assert (CODES[a], CODES[b], 4) in found


def test_an_arms_supplier_it_is_not_the_recipient_named_in_its_clause(coder: Coder):
    doc = coder.nlp("Chile signed a deal with Ghana in March. Under the deal, it will supply "
                    "40 tanks to Chile.")
    transfers = coder.analyse(doc, "t", DATE).transfers
    assert [(t["supplier"]["country"], t["recipient"]["country"]) for t in transfers
            if t["sentence_index"] == 1] == [("GHA", "CHL")]


@pytest.mark.parametrize("a,people,b", [("Mexico", "Mexican", "Norway"),
                                         ("Chile", "Chilean", "Ghana"),
                                         ("Vietnam", "Vietnamese", "Egypt")])
def test_a_subject_it_may_act_on_its_own_people(coder: Coder, a, people, b):
    # its citizens are the state's own people, not the state: "it" stays the state
    found = last_pairs(coder, f"{a} accused {b} on Monday of moving troops to the border and "
                              f"warned that it would defend {people} citizens by all means.")
    assert not any(s == CODES[b] and t == CODES[a] and q == 1 for s, t, q in found)


# ---- an arms deal's parties carried to a record that names neither ------------------------
def transfer_pairs(coder: Coder, text: str, sentence: int) -> list[tuple[str, str]]:
    transfers = coder.analyse(coder.nlp(text), "t", DATE).transfers
    return [((t["supplier"] or {}).get("country"), (t["recipient"] or {}).get("country"))
            for t in transfers if t["sentence_index"] == sentence]


@pytest.mark.parametrize("a,b,c", STATES)
def test_a_delivery_with_no_party_is_the_deal_of_the_sentence_before(coder: Coder, a, b, c):
    found = transfer_pairs(coder, f"{a} agreed last year to buy tanks from {b}. The first 40 "
                                  f"tanks were delivered on Monday.", 1)
    assert found == [(CODES[b], CODES[a])]


@pytest.mark.parametrize("text", [
    # other arms than the deal's, and no deal before: nobody's delivery
    "Chile agreed last year to buy tanks from Ghana. The first six fighter jets were delivered "
    "on Monday.",
    "Floods hit Chile last year. The first 40 tanks were delivered on Monday.",
    # two deals for the same arms: which one is not said
    "Chile agreed to buy tanks from Ghana, and Peru agreed to buy tanks from Egypt. The first "
    "40 tanks were delivered on Monday.",
])
def test_a_delivery_with_no_party_takes_none_it_cannot_tell(coder: Coder, text):
    assert transfer_pairs(coder, text, 1) == []


@pytest.mark.parametrize("a,b,c", STATES)
@pytest.mark.parametrize("body", ["Foreign Ministry", "Interior Ministry", "Defense Ministry"])
def test_a_capitalised_office_every_state_has_is_the_story_s_state_s(coder: Coder, body, a,
                                                                       b, c):
    found = last_pairs(coder, f"{a} held elections on Sunday. The {body} accused {b} of "
                              f"meddling.")
    assert any(s == CODES[a] and t == CODES[b] for s, t, _ in found)


# ---- a government office with no state named, after two states or more (round 2) ---------
def final_sentence_pairs(coder: Coder, text: str) -> set[tuple[str | None, str | None]]:
    """(source, target) of the events of the document's final sentence (none when it codes
    none, unlike ``last_pairs``, which reads the last sentence with an event)."""
    final = len(list(coder.nlp(text).sents)) - 1
    return {(e.source.country, e.target.country)
            for e in coder.code_text(text, date=DATE) if e.sentence_index == final}


@pytest.mark.parametrize("a,b,c", STATES)
@pytest.mark.parametrize("template", [
    # the latest office named is the other state's, and no subject: the protagonist's
    "{a} complained to {b} on Friday about a speech by {b}'s prime minister. The Foreign "
    "Ministry then summoned {b}'s envoy.",
    # nothing of the government's sector named before
    "{a} accused {b} of firing on fishing boats on Monday. On Wednesday, the government "
    "expelled {b}'s ambassador.",
    # a third state spoke last: still the state the story acts from
    "{a} accused {b} of hiding weapons. {c} called for calm on Tuesday. The government then "
    "expelled {b}'s ambassador.",
])
def test_a_government_office_after_two_states_is_the_protagonist_s(coder: Coder, template, a,
                                                                    b, c):
    found = final_sentence_pairs(coder, template.format(a=a, b=b, c=c))
    assert (CODES[a], CODES[b]) in found
    assert not any(s == CODES[b] for s, _ in found)


@pytest.mark.parametrize("a,b,c", STATES)
def test_the_protagonist_is_never_a_state_its_own_clause_acts_on(coder: Coder, a, b, c):
    # the other state answered: the state acted on ({a}) is left out
    found = final_sentence_pairs(
        coder, f"{a} accused {b} of hiding weapons on Monday. {b} denied the charge. On "
               f"Tuesday, the government expelled {a}'s ambassador.")
    assert (CODES[b], CODES[a]) in found


@pytest.mark.parametrize("a,b,c", STATES)
@pytest.mark.parametrize("template", [
    # two states that acted together: no protagonist
    "{a} and {b} held talks in Geneva on Monday. The government later accused {b} of "
    "stalling.",
    # not a bare office: a body named apart
    "{a} accused {b} of hiding weapons on Monday. The government in {c} expelled {b}'s "
    "ambassador.",
])
def test_a_government_office_takes_no_protagonist_it_cannot_tell(coder: Coder, template, a,
                                                                  b, c):
    found = final_sentence_pairs(coder, template.format(a=a, b=b, c=c))
    assert not any(s == CODES[a] for s, _ in found)


# ---- bare "officials", "authorities" after two states or more (bare officials helper) -----
# each filling's second state's capital and another of its cities
PLACES = {"Norway": ("Oslo", "Bergen"), "Ghana": ("Accra", "Kumasi"),
          "Egypt": ("Cairo", "Alexandria")}


@pytest.mark.parametrize("a,b,c", STATES)
@pytest.mark.parametrize("template", [
    "{a} protested to {b} on Thursday over a border incident. Officials accused {b} of "
    "lying about the incident.",
    "{a} accused {b} of hiding weapons on Monday. {c} called for calm on Tuesday. Senior "
    "officials then accused {b} of stalling the inquiry.",
    "{a} complained to {b} on Friday about a shooting at the border. Authorities accused {b} "
    "of shielding the gunmen.",
])
def test_bare_officials_after_two_states_are_the_protagonist_s(coder: Coder, template, a, b,
                                                               c):
    found = final_sentence_pairs(coder, template.format(a=a, b=b, c=c))
    assert (CODES[a], CODES[b]) in found
    assert not any(s == CODES[b] for s, _ in found)


@pytest.mark.parametrize("a,b,c", STATES)
@pytest.mark.parametrize("template", [
    # a place named first: that state's officials, or visitors; not the protagonist's
    "{a} protested to {b} on Thursday over a border incident. In {capital}, officials accused "
    "{c} of provoking the incident.",
    "{a} protested to {b} on Thursday over a border incident. In {city}, where fighting went "
    "on, officials accused {c} of arming the rebels.",
    "{a} protested to {b} on Thursday over a border incident. Officials in {capital} accused "
    "{c} of provoking the incident.",
    # two states that acted together: no protagonist
    "{a} and {b} held talks in Geneva on Monday. Officials later accused {c} of stalling.",
])
def test_bare_officials_take_no_protagonist_it_cannot_tell(coder: Coder, template, a, b, c):
    capital, city = PLACES[b]
    found = final_sentence_pairs(coder, template.format(a=a, b=b, c=c, capital=capital,
                                                        city=city))
    assert not any(s == CODES[a] for s, _ in found)
