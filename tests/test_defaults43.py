"""Gated and absent lexicon misses (session 43): verbs and nouns the lexicon has only with a
fixed object, or not at all. What was kept: forces a state reports having tracked, detected or
spotted are their own state's show of force against the watcher (CAMEO 150, the object the
doer), and that report is an observation, not an accusation. Controls: tracking people,
animals or a balloon is no show of force.

Each sentence is written for the project."""

from __future__ import annotations

import pytest
from coding_helpers import ADJECTIVES, CODES, TRIPLES, coded, pairs

from detente.coder import Coder


def states(found: list[tuple[str | None, str | None, str, str]]) -> set:
    return {(s, t) for s, t, _, _ in found if s and t and s != t}


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a}'s defense ministry said it had tracked 14 {adj} military aircraft and five navy "
    "ships near the island.",
    "{a}'s navy detected three {adj} warships off its coast on Monday.",
    "{a}'s coast guard spotted two {adj} submarines near the islands.",
])
def test_forces_seen_are_their_states_show_of_force(coder: Coder, template: str, a: str,
                                                    b: str, c: str) -> None:
    found = coded(coder, template.format(a=a, adj=ADJECTIVES[b]))
    assert (CODES[b], CODES[a]) in pairs(found, "15")
    # the watcher reports what it saw: no charge against the forces' state
    assert (CODES[a], CODES[b]) not in states(found)


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a}'s police tracked the smugglers to {b}.",
    "{a}'s scientists tracked {adj} whales for a year.",
    "{a}'s air force tracked a {adj} weather balloon over the capital.",
])
def test_tracking_what_is_no_force_codes_nothing(coder: Coder, template: str, a: str, b: str,
                                                 c: str) -> None:
    found = coded(coder, template.format(a=a, b=b, adj=ADJECTIVES[b]))
    assert not {pair for pair in states(found) if CODES[a] in pair and CODES[b] in pair}


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a}'s defense ministry said {adj} warships fired on its patrol boats near the island.",
    "{a} said {adj} troops shelled its border posts on Monday.",
])
def test_a_hostile_act_reported_is_still_a_charge(coder: Coder, template: str, a: str, b: str,
                                                  c: str) -> None:
    found = coded(coder, template.format(a=a, adj=ADJECTIVES[b]))
    assert (CODES[a], CODES[b]) in pairs(found, "11")
