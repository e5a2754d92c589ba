"""A story's lead after its dateline (session 42): wire copy opens with a dateline that is a
sentence of its own ("OSLO, March 3 (Reuters) -"), so the lead a later judgement reaches back
to is the story's first two sentences after it, as in a story with no dateline.

Each sentence is written for the project."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, TRIPLES, coded

from detente.coder import Coder

# sentences with no actor and no act: they put the judgement beyond the last few sentences
FILLER = ("Crews worked through the night. Schools stayed shut on Tuesday. Residents queued "
          "for water. Trains ran late across the region. Shops opened in the afternoon. ")


def _story(dateline: bool, doer: str, target: str, judge: str, act_sentence: int) -> str:
    """A story whose act is told in its ``act_sentence``-th sentence and judged much later."""
    opening = ["Sirens sounded across the capital overnight.",
               "Officials counted the damage in the morning."][: act_sentence - 1]
    act = f"{doer} launched missiles at cities in {target}, officials said."
    head = "LIMA, May 4 (Reuters) -\n" if dateline else ""
    return head + " ".join([*opening, act]) + " " + FILLER + f"{judge} condemned the attack."


@pytest.mark.parametrize(("doer", "target", "judge"), TRIPLES)
@pytest.mark.parametrize("dateline", [False, True])
def test_the_lead_is_the_story_s_two_first_sentences(coder: Coder, doer: str, target: str,
                                                     judge: str, dateline: bool) -> None:
    events = coded(coder, _story(dateline, doer, target, judge, act_sentence=2))
    assert (CODES[judge], CODES[doer], "11", "asserted") in events


@pytest.mark.parametrize(("doer", "target", "judge"), TRIPLES)
def test_a_dateline_does_not_stretch_the_lead_past_two_sentences(
        coder: Coder, doer: str, target: str, judge: str) -> None:
    events = coded(coder, _story(True, doer, target, judge, act_sentence=3))
    assert (CODES[doer], CODES[target], "19", "asserted") in events
    assert not [e for e in events if e[0] == CODES[judge]]
