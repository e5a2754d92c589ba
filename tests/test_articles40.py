"""Classes of the development article sets' misses (session 40, bench/misses.py).

Sentences written for the project, each template filled with several states so that a rule
tied to one name cannot pass: the host or mediator of two others' talks or deal ("talks hosted
by C", "a deal brokered by C"), and a diplomat summoned "to lodge a protest" (the summoner's
purpose, not the envoy's act), also when the diplomat is named with the title before the
name; and a state's word, reported, that it stands ready to act against another ("said it
was prepared to close its border with B"), or what it says in a participle of saying ("went
further, saying ..."), a threat made now."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, DATE, TRIPLES

from detente.coder import Coder


def coded(coder: Coder, text: str) -> list[tuple[str | None, str | None, str]]:
    return [(e.source.country, e.target.country, e.cameo)
            for e in coder.code_text(text, date=DATE)]


def pairs(coder: Coder, text: str) -> set[tuple[str | None, str | None]]:
    return {(s, t) for s, t, _ in coded(coder, text)}


# ---- the host or mediator of two others' talks or deal ---------------------------------------
@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template,code", [
    ("{a} and {b} agreed to a ceasefire at talks hosted by {c}.", "043"),
    ("{a} and {b} swapped prisoners under a deal brokered by {c}.", "045"),
    ("{a} and {b} agreed to reopen the border after two days of talks mediated by {c}'s "
     "president.", "045"),
    ("Talks between {a} and {b}, hosted by {c}, broke down in May.", "043"),
])
def test_a_host_or_mediator_of_others_talks_acts_towards_both(coder: Coder, template, code,
                                                                 a, b, c):
    events = coded(coder, template.format(a=a, b=b, c=c))
    for party in (a, b):
        assert (CODES[c], CODES[party], code) in events


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_the_host_of_talks_to_come_hosts_them_then(coder: Coder, a, b, c):
    events = coder.code_text(f"{a} and {b} will meet next week at talks hosted by {c}.",
                             date=DATE)
    hosting = [e for e in events if e.source.country == CODES[c]]
    assert {e.target.country for e in hosting} == {CODES[a], CODES[b]}
    assert {e.modality for e in hosting} == {"future"}


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "A trade fair hosted by {c} drew companies from {a} and {b}.",
    "The talks hosted by {c} ended without a deal.",
    "{a} and {b} agreed to reopen the border after two weeks of fighting mediated by "
    "{c}'s president.",
])
def test_no_host_without_a_meeting_of_two(coder: Coder, template, a, b, c):
    found = pairs(coder, template.format(a=a, b=b, c=c))
    assert not {(CODES[c], CODES[a]), (CODES[c], CODES[b])} & found


# ---- a diplomat summoned to lodge a protest ---------------------------------------------------
@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a} summoned {b}'s ambassador to lodge a formal protest.",
    "{a}'s foreign ministry summoned {b}'s charge d'affaires to deliver a protest over the "
    "shelling.",
    "{a} summoned {b}'s Ambassador Koffi Adjovi to lodge a protest.",
    "{a}'s foreign minister summoned {b}'s Ambassador Koffi Adjovi to inform him of the "
    "decision and to lodge a strong protest.",
])
def test_the_summoner_protests_to_the_summoned(coder: Coder, template, a, b, c):
    found = pairs(coder, template.format(a=a, b=b, c=c))
    assert (CODES[a], CODES[b]) in found
    assert (CODES[b], CODES[a]) not in found


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_a_diplomat_named_after_the_title_is_recalled(coder: Coder, a, b, c):
    events = coded(coder, f"{a} recalled Ambassador Koffi Adjovi from {b}.")
    assert (CODES[a], CODES[b], "161") in events


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_an_envoy_urged_to_protest_acts_himself(coder: Coder, a, b, c):
    # (not a summons: the one urged is asked to protest, to a third state)
    found = pairs(coder, f"{a} urged {b}'s ambassador to lodge a protest with {c}.")
    assert (CODES[a], CODES[b]) in found
    assert (CODES[a], CODES[c]) not in found


# ---- a state's word that it stands ready to act against another is a threat ------------------
@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a} said it was prepared to close its border with {b}.",
    "{a} said it was ready to impose sanctions on {b}.",
    "{a}'s defense minister went further, saying it was prepared to close the border with {b} "
    "if {b} expelled more diplomats.",
    "{a} reacted angrily, saying it would cut ties with {b}.",
])
def test_a_stated_readiness_to_act_against_a_state_threatens_it(coder: Coder, template, a, b,
                                                                    c):
    events = coder.code_text(template.format(a=a, b=b, c=c), date=DATE)
    assert any((e.source.country, e.target.country, e.cameo[:2], e.modality)
               == (CODES[a], CODES[b], "13", "asserted") for e in events)


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a} said it planned to impose sanctions on {b}.",
    "{a} was prepared to close its border with {b}.",
    "{a} said it was prepared to help {b} rebuild its roads.",
])
def test_a_plan_or_an_unreported_readiness_is_no_threat(coder: Coder, template, a, b, c):
    events = coder.code_text(template.format(a=a, b=b, c=c), date=DATE)
    assert not any(e.cameo[:2] == "13" for e in events)
