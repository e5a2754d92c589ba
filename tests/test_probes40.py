"""Mechanisms behind misses of the development probes (session 40).

Each sentence is written for the project, not taken from a probe; a template is filled with
several states so that a rule tied to one name cannot pass."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, DATE

from detente.coder import Coder

PAIRS = [("Laos", "Ivory Coast"), ("Norway", "Chile"), ("New Zealand", "Kyrgyzstan"),
         ("Chad", "Brazil")]
TRIPLES = [("Laos", "Ivory Coast", "Mexico"), ("Norway", "Chile", "Sri Lanka"),
           ("Gambia", "Poland", "New Zealand"), ("Chad", "Brazil", "Ghana")]


def found(coder: Coder, text: str) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.country, e.target.country, e.cameo)
            for e in coder.code_text(text, date=DATE)}


def pairs(coder: Coder, text: str) -> set[tuple[str | None, str | None]]:
    return {(s, t) for s, t, _ in found(coder, text)}


# ---- an attitude about dealings with a state is aimed at that state --------------------------
@pytest.mark.parametrize("actor,other", PAIRS)
@pytest.mark.parametrize("template,code", [
    ("{a} is hopeful about the prospects for a new round of talks with {o}.", "013"),
    ("{a} said it was upbeat about settling its river dispute with {o}.", "013"),
    ("{a} was pessimistic that the fishing talks with {o} would end in a deal.", "012"),
    ("{a} said it was pessimistic that {o} would drop its claim.", "012"),
])
def test_an_attitude_about_dealings_is_aimed_at_the_partner(coder: Coder, template, code,
                                                             actor, other):
    assert (CODES[actor], CODES[other], code) in found(
        coder, template.format(a=actor, o=other))


def test_an_attitude_about_no_dealings_is_aimed_at_no_one(coder: Coder):
    assert not found(coder, "Chile is optimistic about the grape harvest this year.")
    assert not found(coder, "Chile said it was hopeful that the rains would come early.")


# ---- an absolute clause after a clause with no actor ---------------------------------------
@pytest.mark.parametrize("actor,other", PAIRS)
@pytest.mark.parametrize("template", [
    "Tensions grew on Friday, with {a} moving tanks to bases near {o}.",
    "Ties soured, with {a} massing tanks near the border with {o}.",
])
def test_an_absolute_clause_after_a_clause_with_no_actor_is_coded(coder: Coder, template,
                                                                   actor, other):
    assert (CODES[actor], CODES[other]) in pairs(coder, template.format(a=actor, o=other))


@pytest.mark.parametrize("actor,other", PAIRS)
def test_an_absolute_clause_after_a_noun_read_as_the_root_is_coded(coder: Coder, actor, other):
    text = f"Strains deepened in May, with {actor} pausing negotiations on a fisheries pact " \
           f"with {other}."
    assert (CODES[actor], CODES[other]) in pairs(coder, text)


def test_an_absolute_clauses_phrases_move_with_it(coder: Coder):
    doc = coder.nlp("Tensions rose on Monday, with Chad moving fighter jets to airfields near "
                    "Peru.")
    words = {t.text: t for t in doc}
    assert words["moving"].dep_ == "pcomp" and words["Chad"].head.text == "moving"


# ---- "whose" read as an apposition, its verb joined to the main clause ----------------------
@pytest.mark.parametrize("actor,other,third", TRIPLES)
def test_the_noun_whose_owns_acts_in_its_clause(coder: Coder, actor, other, third):
    text = f"{actor} expelled the consul of {other}, whose defence minister, Ana Soto, had " \
           f"accused {third} of espionage."
    coded = pairs(coder, text)
    assert (CODES[other], CODES[third]) in coded
    assert (CODES[actor], CODES[third]) not in coded


@pytest.mark.parametrize("actor,other,third", TRIPLES)
def test_whose_noun_with_a_participle_acts_in_its_clause(coder: Coder, actor, other, third):
    text = f"{actor} summoned {other}'s envoy, whose government, led by Ana Soto, had " \
           f"condemned {third}."
    coded = pairs(coder, text)
    assert (CODES[other], CODES[third]) in coded
    assert (CODES[actor], CODES[third]) not in coded


# ---- a that-clause hung on a verb in -s as a noun's clause ----------------------------------
@pytest.mark.parametrize("actor,other", [("New Zealand", "Kyrgyzstan"), ("Chile", "Peru"),
                                         ("Ghana", "Laos")])
def test_a_that_clause_of_a_verb_in_s_is_what_it_asks(coder: Coder, actor, other):
    text = f"{actor} demands that {other} pull its soldiers out of the disputed valley."
    assert (CODES[actor], CODES[other], "100") in found(coder, text)


# ---- a place in a region a state owns ------------------------------------------------------
@pytest.mark.parametrize("actor,other", PAIRS)
@pytest.mark.parametrize("template", [
    "{a} fired rockets at a fuel depot in {o}'s southern province.",
    "The missiles, which {a} fired at a power plant in {o}'s east, caused a blackout.",
])
def test_a_place_in_a_states_region_names_the_state(coder: Coder, template, actor, other):
    assert (CODES[actor], CODES[other]) in pairs(coder, template.format(a=actor, o=other))


# ---- handed over from one state to another, no doer named -----------------------------------
@pytest.mark.parametrize("actor,other", PAIRS)
def test_extradited_from_one_state_to_another(coder: Coder, actor, other):
    text = f"A wanted banker was extradited from {actor} to {other} on Tuesday."
    assert (CODES[actor], CODES[other], "063") in found(coder, text)


def test_extradited_to_a_state_from_nowhere_named_has_no_doer(coder: Coder):
    assert not any(s for s, _ in pairs(coder, "A wanted banker was extradited to Peru."))
