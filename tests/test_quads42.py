"""The right pair in the wrong quad class (session 42, bench/misses.py's "wrong quad").

Sentences written for the project, each template filled with several states so that a rule
tied to one name cannot pass. Forces sent to help the state they are in (a purpose clause of
cooperation aimed at it, a mission they serve in) are a partner's help, CAMEO 074, not a
show of force against it, and observers deployed are none; an exercise that the host's own
troops hold with the visitors is held together (062, both ways); a promise to respond to a
hostile act of the one it is aimed at threatens an act of that kind (13x), while a promise to
answer an offer stays a promise."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, TRIPLES, coded

from detente.coder import Coder


def roots_between(coder: Coder, text: str, source: str, target: str) -> set[str]:
    return {root for s, t, root, _ in coded(coder, text) if (s, t) == (source, target)}


# ---- forces sent to help the state they are in ---------------------------------------------
@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a} has deployed troops in {b} to support {b}'s army, officials said.",
    "{a}'s troops arrived in {b} on Monday to help {b}'s police fight armed gangs.",
    "{a} deployed 800 soldiers to {b} last year as part of a peacekeeping mission.",
    "{a}'s soldiers began arriving in {b} this week as part of a regional mission.",
])
def test_forces_sent_to_help_are_no_show_of_force(coder: Coder, template, a, b, c):
    roots = roots_between(coder, template.format(a=a, b=b, c=c), CODES[a], CODES[b])
    assert "07" in roots
    assert "15" not in roots


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_observers_deployed_are_no_show_of_force(coder: Coder, a, b, c):
    text = f"{a}'s observer mission, which deployed about 150 observers across {b}, met voters."
    assert "15" not in roots_between(coder, text, CODES[a], CODES[b])


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    # controls: the purpose helps someone else, or is hostile
    "{a} deployed troops near the border of {b} to support rebels there.",
    "{a}'s troops arrived in {b} to attack {c}.",
    "{a} deployed troops to {b} to support {c}'s army.",
    "{a} deployed troops to the border of {b} as part of a show of strength.",
])
def test_forces_sent_for_another_purpose_stay_a_show_of_force(coder: Coder, template, a, b, c):
    roots = roots_between(coder, template.format(a=a, b=b, c=c), CODES[a], CODES[b])
    assert "15" in roots
    assert "07" not in roots


# ---- an exercise held with the host --------------------------------------------------------
@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_exercise_with_the_hosts_troops_is_held_together(coder: Coder, a, b, c):
    text = f"Troops from {a} and {b} began a military exercise near {b}'s capital on Monday."
    assert roots_between(coder, text, CODES[a], CODES[b]) == {"06"}
    assert roots_between(coder, text, CODES[b], CODES[a]) == {"06"}


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_exercise_near_a_third_state_is_a_show_of_force(coder: Coder, a, b, c):
    text = f"Troops from {a} and {c} began a military exercise near {b}'s border on Monday."
    assert roots_between(coder, text, CODES[a], CODES[b]) == {"15"}
    assert roots_between(coder, text, CODES[c], CODES[b]) == {"15"}


# ---- a promise to respond ------------------------------------------------------------------
@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template,root", [
    ("{b} expelled a diplomat from {a} on Monday, and {a} vowed to respond in kind.", "13"),
    ("{b} imposed tariffs on steel from {a}, and {a} vowed to respond.", "13"),
    ("{b} ordered two diplomats from {a} to leave, and {a} promised to respond in kind.", "13"),
])
def test_a_promise_to_answer_a_hostile_act_is_a_threat(coder: Coder, template, root, a, b, c):
    roots = roots_between(coder, template.format(a=a, b=b, c=c), CODES[a], CODES[b])
    assert root in roots
    assert "03" not in roots


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    # controls: an offer answered, a promise of cooperation after a hostile act
    "{b} offered aid to {a} on Monday, and {a} vowed to respond quickly to the offer.",
    "{b} expelled a diplomat from {a} on Monday, and {a} vowed to deepen trade with {b}.",
])
def test_a_promise_of_cooperation_stays_one(coder: Coder, template, a, b, c):
    roots = roots_between(coder, template.format(a=a, b=b, c=c), CODES[a], CODES[b])
    assert "03" in roots
    assert "13" not in roots
