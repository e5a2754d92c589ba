"""Constructions of news found wrong by sentences made from templates (session 39).

Each sentence is written for the project; a template is filled with several states (those
the bench found wrong among them) so that a rule tied to one name cannot pass."""

from __future__ import annotations

import pytest

from detente.coder import Coder

DATE = "2025-03-04"
CODES = {"Mexico": "MEX", "Norway": "NOR", "Niger": "NER", "Chile": "CHL", "Ghana": "GHA",
         "Peru": "PER", "Laos": "LAO", "Ivory Coast": "CIV", "New Zealand": "NZL",
         "Chad": "TCD", "Brazil": "BRA", "Gambia": "GMB", "Poland": "POL",
         "North Macedonia": "MKD", "Sri Lanka": "LKA", "Kyrgyzstan": "KGZ",
         "Bosnia and Herzegovina": "BIH", "Trinidad and Tobago": "TTO",
         "Antigua and Barbuda": "ATG", "Saint Kitts and Nevis": "KNA",
         "Sao Tome and Principe": "STP", "Saint Vincent and the Grenadines": "VCT"}
TRIPLES = [("Laos", "Ivory Coast", "Mexico"), ("Norway", "Chile", "Sri Lanka"),
           ("Chad", "Brazil", "New Zealand"), ("New Zealand", "Poland", "Ghana")]
AND_NAMES = ["Bosnia and Herzegovina", "Trinidad and Tobago", "Antigua and Barbuda",
             "Saint Kitts and Nevis", "Sao Tome and Principe",
             "Saint Vincent and the Grenadines"]


def quads(coder: Coder, text: str) -> set[tuple[str | None, str | None, int]]:
    return {(e.source.country, e.target.country, e.quad_class)
            for e in coder.code_text(text, date=DATE)}


def roots(coder: Coder, text: str) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.country, e.target.country, e.cameo[:2])
            for e in coder.code_text(text, date=DATE)}


def labels(coder: Coder, text: str) -> dict[str, tuple[str, str]]:
    """Each word's label and head (words of the sentences here are unique)."""
    return {t.text: (t.dep_, t.head.text) for t in coder.nlp(text)}


# ---- an absolute clause "With A <verb>ing ..., B ...": A acts in its own clause ------------
@pytest.mark.parametrize("actor,other,third", TRIPLES)
@pytest.mark.parametrize("template", [
    "With {w} warning of retaliation, {a} closed its border with {o}.",
    "With {w} threatening sanctions, {a} recalled its ambassador from {o}.",
])
def test_an_absolute_clauses_subject_is_no_partner_of_the_main_verb(coder: Coder, template,
                                                                    actor, other, third):
    found = quads(coder, template.format(w=actor, a=other, o=third))
    assert (CODES[other], CODES[third], 4) in found
    assert not any(s == CODES[other] and t == CODES[actor] for s, t, _ in found)


def test_an_absolute_clause_reads_its_ing_word_as_a_verb(coder: Coder):
    # (the clause "with" governs, as the parser reads it when it reads it right)
    found = labels(coder, "With Chad warning of retaliation, Brazil closed its border.")
    assert found["warning"] == ("pcomp", "With")
    assert found["Chad"] == ("nsubj", "warning")


def test_with_a_partner_then_an_object_is_no_absolute_clause(coder: Coder):
    # "shared with Peru worrying details": a partner, then the thing shared
    found = labels(coder, "Ghana shared with Peru worrying details of the border incident.")
    assert found["with"][0] == "prep"


# ---- a thing described by a participle, then a passive with its doer ------------------------
@pytest.mark.parametrize("actor,other,_", TRIPLES)
def test_a_lifting_finds_its_target_on_the_participle(coder: Coder, actor, other, _):
    text = f"The sanctions imposed by {actor} on {other} were lifted by {actor} on Monday."
    found = roots(coder, text)
    assert (CODES[actor], CODES[other], "08") in found
    assert (CODES[actor], CODES[other], "16") in found


# ---- headlines whose verb in -s the tagger reads as a plural noun --------------------------
@pytest.mark.parametrize("actor,other,_", TRIPLES)
@pytest.mark.parametrize("template,quad", [
    ("{a} Expels {o} Envoy", 4),
    ("{a} Hosts Talks With {o}", 1),
    ("{a} Condemns {o} Attack", 3),
])
def test_a_headlines_verb_in_s_is_a_verb(coder: Coder, template, quad, actor, other, _):
    found = quads(coder, template.format(a=actor, o=other))
    assert (CODES[actor], CODES[other], quad) in found


def test_a_headline_of_two_names_and_a_noun_in_s_gets_no_verb(coder: Coder):
    # "Ghana, Peru talks": no verb; "talks" stays the noun it is
    assert not quads(coder, "Ghana, Peru Talks")


def test_a_sentence_of_body_copy_keeps_its_noun_in_s(coder: Coder):
    found = labels(coder, "Ghana talks resumed on Monday.")
    assert found["talks"][0] == "nsubj"


# ---- names of states with "and" in them are one actor ---------------------------------------
@pytest.mark.parametrize("name", AND_NAMES)
@pytest.mark.parametrize("template,source,target,quad", [
    ("{x} condemned Peru.", "X", "PER", 3),
    ("Peru condemned {x}.", "PER", "X", 3),
    ("{x} Condemns Peru Attack", "X", "PER", 3),
    ("Chile Expels {x} Envoy", "CHL", "X", 4),
    ("Ghana helped {x} build a new port.", "GHA", "X", 2),
    ("Ghana, {x} and Peru condemned Chile.", "X", "CHL", 3),
])
def test_a_name_with_and_is_one_actor(coder: Coder, name, template, source, target, quad):
    code = CODES[name]
    found = quads(coder, template.format(x=name))
    wanted = (code if source == "X" else source, code if target == "X" else target, quad)
    assert wanted in found


@pytest.mark.parametrize("name", ["Trinidad and Tobago", "Saint Kitts and Nevis"])
def test_a_possessed_name_with_and_is_one_actor(coder: Coder, name):
    # the parser may read "Trinidad and [Tobago's president]": one actor, not two
    events = coder.code_text(f"Poland criticized {name}'s president.", date=DATE)
    assert [(e.source.country, e.target.country) for e in events] == [("POL", CODES[name])]


def test_two_states_then_a_possessed_state_are_still_two(coder: Coder):
    found = quads(coder, "Poland criticized Chile and Peru's president.")
    assert {("POL", "CHL", 3), ("POL", "PER", 3)} <= found


# ---- lists: an apposed name with a conjunct of its own is the list's second member --------
@pytest.mark.parametrize("text,members", [
    ("North Macedonia, Brazil and Gambia held talks on Monday.", ("MKD", "BRA", "GMB")),
    ("North Macedonia, Brazil, and Gambia signed a trade pact.", ("MKD", "BRA", "GMB")),
])
def test_every_member_of_a_list_of_three_takes_part(coder: Coder, text, members):
    found = {(s, t) for s, t, _ in quads(coder, text)}
    first, second, third = members
    assert {(first, second), (first, third), (second, third)} <= found | {
        (t, s) for s, t in found}


def test_a_serial_list_may_end_in_a_common_noun(coder: Coder):
    found = quads(coder, "Laos imposed sanctions on Ivory Coast, Mexico, and their allies.")
    assert {("LAO", "CIV", 4), ("LAO", "MEX", 4)} <= found


def test_an_apposition_with_no_list_stays_an_apposition(coder: Coder):
    found = labels(coder, "Ana Ruiz, Chile's envoy, met Peru's president on Monday.")
    assert found["envoy"][0] == "appos"


# ---- a relative clause's verb in -s read as a noun ------------------------------------------
@pytest.mark.parametrize("accuser,accused", [("Chad", "Brazil"), ("North Macedonia", "Brazil"),
                                             ("Laos", "Ivory Coast")])
def test_a_relative_clauses_verb_in_s_is_a_verb(coder: Coder, accuser, accused):
    text = f"{accused}, which {accuser} accuses of arming rebels, denied the charge."
    assert (CODES[accuser], CODES[accused], 3) in quads(coder, text)


# ---- controls: right on main and still ------------------------------------------------------
@pytest.mark.parametrize("text,wanted,unwanted", [
    # an appeal asserts nothing of what it asks for
    ("Ghana wants Peru to stop attacking Chile.", ("GHA", "PER"), ("PER", "CHL")),
    # a threat is verbal conflict, whatever it threatens
    ("Ghana threatened to expel Peru's ambassador.", ("GHA", "PER"), None),
    # shells fired from a state named only in the place they came from
    ("Shells were fired at Peru from across the border in Ghana.", ("GHA", "PER"), None),
    ("Ghana on Monday condemned Peru.", ("GHA", "PER"), None),
    ('Ghana "strongly" condemned Peru.', ("GHA", "PER"), None),
])
def test_controls_stay_right(coder: Coder, text, wanted, unwanted):
    found = {(s, t) for s, t, _ in quads(coder, text)}
    assert wanted in found
    assert unwanted not in found


def test_a_threat_is_never_material(coder: Coder):
    found = quads(coder, "Ghana threatened to cut ties with Peru.")
    assert ("GHA", "PER", 3) in found and ("GHA", "PER", 4) not in found


# ---- an object and its predicate read as one noun phrase ------------------------------------
@pytest.mark.parametrize("judge,judged", [("New Zealand", "Kyrgyzstan"),
                                          ("Poland", "Bosnia and Herzegovina"),
                                          ("Ghana", "Peru")])
def test_an_owned_noun_before_a_predicate_is_the_object(coder: Coder, judge, judged):
    codes = {**CODES, "Kyrgyzstan": "KGZ"}
    text = f'{judge} called {judged}\'s move "aggression".'
    assert (codes[judge], codes[judged], 3) in quads(coder, text)


@pytest.mark.parametrize("text,word", [
    ("Could they call the ICE hotline?", "ICE"),  # no owner: one noun phrase
    # two predicates: the first phrase is the object, whole
    ('Ghana called the detention center in Peru "the perfect place" to hold them.',
     "detention"),
])
def test_a_predicate_with_no_owned_noun_before_it_stays_whole(coder: Coder, text, word):
    assert labels(coder, text)[word][0] != "dobj"
