"""Events that should not be coded, or had the wrong actor (session 39, issue 12).

Sentences written for the project, each template filled with several states so that a rule
tied to one name cannot pass: an act done to a state judged (no criticism of that state), an
act against a state opposed (no rejection of it), the one a measure falls on doing what "for"
gives as the reason, and a verb of no event negated under a reported clause."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, TRIPLES, coded

from detente.coder import Coder


def pairs(coder: Coder, text: str) -> set[tuple[str | None, str | None]]:
    return {(s, t) for s, t, _, _ in coded(coder, text)}


def fill(template: str, a: str, b: str, c: str) -> str:
    return template.format(a=a, b=b, c=c)


# ---- an act done to a state, judged, is no judgement of that state -------------------------
@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a} condemned the attempt to assassinate {b}'s president.",
    "{a} denounced the bombing of {b}'s consulate on Sunday.",
    "{a} deplored the killing of {b}'s ambassador.",
    "{a} opposed any attempt to divide {b}.",
    "{a} rejected efforts to isolate {b}.",
    "{a} rejected all attempts to destabilize {b}.",
])
def test_judging_an_act_done_to_a_state_does_not_judge_it(coder: Coder, template, a, b, c):
    assert (CODES[a], CODES[b]) not in pairs(coder, fill(template, a, b, c))


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a} condemned {b}'s attack on {c}.",
    "{a} condemned {b} for the attack on the border post.",
    "{a} condemned the killing of {c}'s ambassador by {b}.",
    "{a} opposed {b}'s plan to build the dam.",
    "{a} rejected {b}'s attempt to isolate {c}.",
])
def test_judging_a_states_own_act_still_judges_it(coder: Coder, template, a, b, c):
    found = coded(coder, fill(template, a, b, c))
    assert (CODES[a], CODES[b], "11") in {(s, t, r) for s, t, r, _ in found} or (
        (CODES[a], CODES[b], "12") in {(s, t, r) for s, t, r, _ in found})


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a} backed {c}'s position and opposed any attempt to divide {b}.",
    "{a} praised {c} and condemned the bombing of {b}'s consulate.",
])
def test_a_second_verb_judging_an_act_upon_a_state_takes_no_target_from_the_first(
        coder: Coder, template, a, b, c):
    found = {(s, t, r) for s, t, r, _ in coded(coder, fill(template, a, b, c))}
    assert (CODES[a], CODES[c], "11") not in found
    assert (CODES[a], CODES[b], "11") not in found


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_condemning_an_act_upon_a_state_answers_its_doer(coder: Coder, a, b, c):
    text = f"{c} killed {b}'s ambassador on Monday. {a} deplored the killing of {b}'s ambassador."
    found = pairs(coder, text)
    assert (CODES[a], CODES[c]) in found
    assert (CODES[a], CODES[b]) not in found


def test_judging_the_act_of_a_state_named_by_of_still_judges_it(coder: Coder):
    # "of" names the doer of a noun of no event ("the brutality of X's army")
    found = pairs(coder, "Chile condemned the brutality of Peru's army.")
    assert ("CHL", "PER") in found


# ---- the one a measure falls on does what "for" gives as the reason -------------------------
@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_sanctions_on_a_state_for_an_act_make_it_the_doer(coder: Coder, a, b, c):
    found = pairs(coder, f"{a} imposed sanctions on {b} for selling weapons to {c}.")
    assert (CODES[a], CODES[b]) in found
    assert (CODES[b], CODES[c]) in found
    assert (CODES[a], CODES[c]) not in found


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a} criticized {b} for helping {c}.",
    "{a} praised {b} for hosting the talks with {c}.",
    "{a} blamed {b} for arming {c}.",
])
def test_the_object_of_a_judgement_does_what_for_says(coder: Coder, template, a, b, c):
    found = pairs(coder, fill(template, a, b, c))
    assert (CODES[b], CODES[c]) in found
    assert (CODES[a], CODES[c]) not in found


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_the_subject_does_what_for_says_after_a_verb_to_someone(coder: Coder, a, b, c):
    # (control: "apologized to B": no object to control the gerund)
    found = pairs(coder, f"{a} apologized to {b} for shelling {c}.")
    assert (CODES[b], CODES[c]) not in found


# ---- a verb of no event, negated under a reported clause -----------------------------------
@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_a_negated_verb_of_no_event_codes_nothing(coder: Coder, a, b, c):
    text = f"{a} said that it would not affect its cooperation with {b}."
    assert (CODES[a], CODES[b]) not in pairs(coder, text)


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_a_refusal_stated_with_a_verb_of_its_own_stays(coder: Coder, a, b, c):
    # (control: "will not resume talks": the light verb does the act, its negation refuses)
    found = coded(coder, f"{a} will not resume talks with {b}.")
    assert (CODES[a], CODES[b], "12", "asserted") in found
