""""Lexicon open" misses (session 42): a verb with a sense that needs nothing, both states
named, and nothing coded, because the target or the source was not found where the sentence
puts it. Three mechanisms: a force act falls on the state a part of a land lies in ("in the
hills of northern B", "on the outskirts of B's capital"); a bare infinitive after "help" that the
parser reads as a present or a noun still names whom the help is for ("help B's farmers raise
yields", "help B search for oil"); a passive's by-phrase that the parser hangs on its place
names its doers ("was signed at a ceremony in C by A's and B's ministers"). Controls: a
multi-word preposition names no place ("in the wake of B's warning"), a land of the doer's
own is no target, a reported present is no bare infinitive, and a welcome by crowds in a
place has no doer.

Each sentence is written for the project."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, TRIPLES, coded, pairs

from detente.coder import Coder


def states(found: list[tuple[str | None, str | None, str, str]]) -> set:
    return {(s, t) for s, t, _, _ in found if s and t and s != t}


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template,root", [
    ("{a}'s warplanes bombed rebel positions in the hills of northern {b} on Sunday.", "19"),
    ("{a}'s artillery shelled militia camps on the outskirts of {b}'s capital overnight.",
     "19"),
])
def test_force_falls_on_the_land_a_place_is_of(coder: Coder, template: str, root: str,
                                               a: str, b: str, c: str) -> None:
    found = coded(coder, template.format(a=a, b=b))
    assert (CODES[a], CODES[b]) in pairs(found, root)


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_a_city_of_a_land_names_its_state(coder: Coder, a: str, b: str, c: str) -> None:
    found = coded(coder, f"{a}'s drones struck fuel depots on the outskirts of Lagos.")
    assert (CODES[a], "NGA") in pairs(found, "19")


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a}'s jets bombed rebel camps in the wake of {b}'s warning.",
    "{a}'s jets bombed rebel camps in the hills of northern {a} as {b}'s envoy arrived.",
    "{a}'s forces fought on behalf of {b} in the hills of northern {a}.",
])
def test_no_place_no_target_controls(coder: Coder, template: str, a: str, b: str,
                                     c: str) -> None:
    found = coded(coder, template.format(a=a, b=b))
    assert (CODES[a], CODES[b]) not in states(found)


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a} will help {b}'s farmers raise their yields of rice.",
    "{a} offered to help {b} search for oil off its coast.",
    "{a} agreed to help {b} rebuild its ports.",
])
def test_help_with_a_bare_infinitive(coder: Coder, template: str, a: str, b: str,
                                     c: str) -> None:
    found = coded(coder, template.format(a=a, b=b))
    assert (CODES[a], CODES[b]) in states(found)


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_a_reported_present_is_no_bare_infinitive(coder: Coder, a: str, b: str,
                                                  c: str) -> None:
    found = coded(coder, f"{a}'s minister said {b}'s farmers raise rice on terraces.")
    assert (CODES[a], CODES[b]) not in states(found)


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "The deal was signed at a ceremony in {c} by {a}'s energy minister and {b}'s prime "
    "minister.",
    "The pact was signed in {c} on Monday by the foreign ministers of {a} and {b}.",
])
def test_a_passive_by_phrase_hung_on_its_place(coder: Coder, template: str, a: str, b: str,
                                               c: str) -> None:
    found = coded(coder, template.format(a=a, b=b, c=c))
    assert {(CODES[a], CODES[b]), (CODES[b], CODES[a])} <= pairs(found, "05") | pairs(
        found, "03") | pairs(found, "06") | pairs(found, "04")
    assert not {(CODES[a], CODES[c]), (CODES[b], CODES[c])} & states(found)


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_a_welcome_in_a_place_has_no_doer(coder: Coder, a: str, b: str, c: str) -> None:
    found = coded(coder, f"{a}'s president was welcomed in {c} by cheering crowds.")
    assert not {pair for pair in states(found) if CODES[b] in pair}
