"""False hits of the development article sets, by cause (session 41, bench/misses.py).

Sentences written for the project, each template filled with several states so that a rule
tied to one name cannot pass. What a condition supposes ("if B attacked C", "unless B
withdrew") is no event of its own; the main clause still is (a threat, a conditional act). A
second verb of criticism with no one named borrows no target from a first verb of appeal ("urged
B and C to settle and warned that ..."), while one after a meeting or a criticism still does
("condemned B and warned of consequences", "met B's minister but rejected any call ...")."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, TRIPLES, coded

from detente.coder import Coder


def pairs_of(coder: Coder, text: str) -> set[tuple[str | None, str | None]]:
    return {(s, t) for s, t, _, _ in coded(coder, text)}


def roots_between(coder: Coder, text: str, source: str, target: str) -> set[str]:
    return {root for s, t, root, _ in coded(coder, text) if (s, t) == (source, target)}


# ---- what a condition supposes -------------------------------------------------------------
@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template,doer,target", [
    ("{a} said it would retaliate against {b} if {b} attacked {c}.", "b", "c"),
    ("{a} offered to host talks between {b} and {c} if they requested it.", "b", "a"),
    ("{a} warned {b} that it would respond if {b} sent warships to {c}.", "b", "c"),
    ("{a} threatened to cut aid to {b} unless {b} withdrew its troops from {c}.", "b", "c"),
    ("If {b} attacks {c}, {a} will defend {c}.", "b", "c"),
])
def test_what_a_condition_supposes_is_not_coded(coder: Coder, template, doer, target, a, b, c):
    names = {"a": a, "b": b, "c": c}
    found = pairs_of(coder, template.format(**names))
    assert (CODES[names[doer]], CODES[names[target]]) not in found


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template,roots", [
    ("{a} said it would retaliate against {b} if {b} attacked {c}.", {"13", "15", "16", "17",
                                                                      "18", "19", "20"}),
    ("{a} threatened to cut aid to {b} unless {b} withdrew its troops from {c}.",
     {"13", "16"}),
])
def test_the_main_clause_of_a_condition_still_codes(coder: Coder, template, roots, a, b, c):
    found = roots_between(coder, template.format(a=a, b=b, c=c), CODES[a], CODES[b])
    assert found & roots


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a} expelled {b}'s ambassador after {b} attacked {c}.",
    "{a} condemned {b} because {b} had attacked {c}.",
])
def test_an_act_told_as_a_cause_still_codes(coder: Coder, template, a, b, c):
    """(control) "after", "because": a clause of time or cause tells what was done."""
    found = roots_between(coder, template.format(a=a, b=b, c=c), CODES[b], CODES[c])
    assert found & {"18", "19", "20"}


# ---- a second verb's target after a first verb of cooperation ------------------------------
@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_a_warning_after_an_appeal_to_two_borrows_neither(coder: Coder, a, b, c):
    text = (f"{a} urged {b} and {c} to settle their differences within the rules and warned "
            "that a spiral of retaliation would hurt developing countries most.")
    for other in (b, c):
        found = roots_between(coder, text, CODES[a], CODES[other])
        assert "02" in found and "13" not in found, found


@pytest.mark.parametrize("a,b,_c", TRIPLES)
@pytest.mark.parametrize("template,root", [
    ("{a} condemned {b} for the raid and warned of consequences.", "13"),
    ("{a} met {b}'s foreign minister on Monday but rejected any call for a ceasefire.", "12"),
])
def test_criticism_after_a_meeting_or_a_criticism_keeps_its_target(coder: Coder, template,
                                                                   root, a, b, _c):
    """(control) a meeting's counterpart, or a first criticism's target, still is whom the
    second verb is aimed at."""
    found = roots_between(coder, template.format(a=a, b=b), CODES[a], CODES[b])
    assert root in found, found


def test_refusal_after_two_sides_met_is_aimed_at_the_other(coder: Coder):
    found = roots_between(coder, "Turkish and Greek ministers met in Ankara, but Turkey "
                                 "refused to sign the declaration.", "TUR", "GRC")
    assert "12" in found
