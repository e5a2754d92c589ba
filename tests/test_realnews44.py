"""The coder on real news it was not tuned on (session 44). Of the false events read in the VOA
corpus, one construction fixed here: an appeal "on" one's own government to act about another
state ("called on the foreign minister to prevent unrest in X") is made to that government,
not to the other state, as "urged the minister to ..." already was.
docs/history/accuracy.md, "Session 44, the coder on the VOA corpus (helper)".

Each sentence is written for the project."""

from __future__ import annotations

import pytest
from coding_helpers import ADJECTIVES, CODES, TRIPLES, coded, pairs

from detente.coder import Coder


@pytest.mark.parametrize("template", [
    "Three {adj} senators called on {a}'s foreign minister to prevent further unrest in {b}.",
    "Two {adj} senators led a group of lawmakers in calling on the {adj} government to prevent "
    "further violence in {b}.",
    "The {adj} parliament called upon {a}'s defense minister to end the training mission in "
    "{b}.",
])
@pytest.mark.parametrize("a,b,_c", TRIPLES)
def test_an_appeal_on_ones_own_government_is_not_aimed_at_the_state_it_concerns(
        coder: Coder, template, a, b, _c):
    text = template.format(a=a, b=b, adj=ADJECTIVES[a])
    assert not [f for f in coded(coder, text) if f[1] == CODES[b]]


@pytest.mark.parametrize("a,b,_c", TRIPLES)
def test_an_appeal_on_another_state_still_is(coder: Coder, a, b, _c):
    text = f"Three {ADJECTIVES[a]} senators called on {b} to withdraw its troops."
    assert (CODES[a], CODES[b]) in pairs(coded(coder, text), "02")


@pytest.mark.parametrize("a,b,_c", TRIPLES)
def test_an_appeal_urging_ones_own_minister_is_not_aimed_at_the_other_state(coder: Coder, a, b,
                                                                         _c):
    # (the object form, handled before this session: the "on" form above now reads the same)
    text = (f"Three {ADJECTIVES[a]} senators urged {a}'s foreign minister to prevent further "
            f"unrest in {b}.")
    assert not [f for f in coded(coder, text) if f[1] == CODES[b]]
