"""Acts named back by their noun (session 41): a judgement of "the embargo", "the exchange"
takes for its target whoever did that act, found on the earlier mention that tells it (the
subject of its verb, its possessor, a state named before it: "the U.S. embargo"), past bare
mentions of it in between, in the story's lead however far back, and through what the act
has ("the embargo's effects"); never the act's own target, and no one when two doers did it
or the noun is indefinite.

Each sentence is written for the project."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, TRIPLES, coded, pairs

from detente.coder import Coder

# about 280 words with no actor and no act, so a judgement after them is further from the
# lead than the words a definite noun is read back through
FAR = " ".join([
    "Crowds gathered at the bus station long before the doors opened on the cold morning.",
    "Vendors sold tea, bread and warm soup from carts lined up along the pavement outside.",
    "Several older women said they had waited for news of their sons for many months.",
    "A nurse walked between the benches with a clipboard, writing down names and ages.",
    "Children played with a ball near the ticket office while their parents talked quietly.",
    "A light rain started shortly after noon and most people moved under the long roof.",
    "Two doctors set up a small tent with folding chairs, blankets and boxes of medicine.",
    "The first bus was late, and a rumour spread that the road had been closed by snow.",
    "Drivers said the mountain pass had been cleared overnight by workers with shovels.",
    "When the buses finally arrived, people pushed forward to look at the windows.",
    "Some of the men waved, and a few of them wept as they stepped down onto the ground.",
    "One of them said he had counted the days on the wall of his room for three years.",
    "Another said the food had been poor but that the guards had not beaten anyone.",
    "Hospital staff said the checks would go on through the weekend and into next week.",
    "Reporters were kept behind a rope and allowed to speak to the men only in the evening.",
])



@pytest.mark.parametrize("judge,target,doer", TRIPLES)
def test_what_an_act_has_names_the_act(coder: Coder, judge, target, doer):
    text = (f"{doer} imposed an embargo on {target} in May. {judge} criticized the embargo's "
            "effects on its companies.")
    assert (CODES[judge], CODES[doer]) in pairs(coded(coder, text), "11")


@pytest.mark.parametrize("judge,target,_", TRIPLES)
def test_a_state_named_before_the_act_is_its_doer(coder: Coder, judge, target, _):
    # "the U.S. embargo against B": the United States made it, B undergoes it
    text = (f"The U.S. embargo against {target} has been in place for decades. {judge} "
            "criticized the embargo.")
    found = pairs(coded(coder, text), "11")
    assert (CODES[judge], "USA") in found
    assert (CODES[judge], CODES[target]) not in found


@pytest.mark.parametrize("judge,target,doer", TRIPLES)
def test_a_bare_mention_in_between_is_looked_past(coder: Coder, judge, target, doer):
    text = (f"{doer} imposed an embargo on {target} in May. Officials said the embargo would "
            f"stay in place for a year. {judge} criticized the embargo.")
    found = pairs(coded(coder, text), "11")
    assert (CODES[judge], CODES[doer]) in found
    assert (CODES[judge], CODES[target]) not in found


@pytest.mark.parametrize("one,other,judge", TRIPLES)
def test_the_lead_act_is_named_back_however_far(coder: Coder, one, other, judge):
    text = (f"{one} and {other} exchanged prisoners on Sunday at a border crossing. {FAR} "
            f"{judge} welcomed the exchange.")
    found = {(s, t) for s, t, code, _ in coded(coder, text) if code.startswith("05")}
    assert {(CODES[judge], CODES[one]), (CODES[judge], CODES[other])} <= found


# ---- controls: no doer, or no telling which ------------------------------------------------
@pytest.mark.parametrize("judge,target,doer", TRIPLES)
def test_two_doers_of_the_act_leave_the_judgement_aimed_at_no_one(coder: Coder, judge,
                                                                   target, doer):
    text = (f"{doer} imposed an embargo on {target} in May, and {target} imposed an embargo on "
            f"{doer} in June. {judge} criticized the embargo.")
    assert not {t for s, t in pairs(coded(coder, text), "11") if s == CODES[judge]}


@pytest.mark.parametrize("judge,target,doer", TRIPLES)
def test_an_indefinite_noun_names_nothing_back(coder: Coder, judge, target, doer):
    text = (f"{doer} imposed an embargo on {target} in May. {judge} criticized a decision on "
            "fishing quotas.")
    assert not {t for s, t in pairs(coded(coder, text), "11") if s == CODES[judge]}


@pytest.mark.parametrize("judge,target,_", TRIPLES)
def test_the_judge_that_did_the_act_is_aimed_at_no_one(coder: Coder, judge, target, _):
    text = (f"{judge} imposed an embargo on {target} in May. Officials said the embargo would "
            f"stay in place for a year. {judge} praised the embargo.")
    assert not {(s, t) for s, t, code, _ in coded(coder, text)
                if s == CODES[judge] and code.startswith("05")}


@pytest.mark.parametrize("one,other,judge", TRIPLES)
def test_talks_judged_are_aimed_at_their_parties(coder: Coder, one, other, judge):
    # control: an act of two sides names its parties, not a doer
    text = f"{one} and {other} held talks in May. {judge} criticized the talks."
    found = pairs(coded(coder, text), "11")
    assert {(CODES[judge], CODES[one]), (CODES[judge], CODES[other])} <= found


@pytest.mark.parametrize("judge,target,guards", TRIPLES)
def test_past_a_bare_mention_only_the_act_s_own_word_names_it(coder: Coder, judge, target,
                                                              guards):
    # the attack's doer is never named; the guards' answering fire is another act, so the
    # condemnation after "the attack" said again has no target rather than the guards
    text = (f"A gunman opened fire on the car of {target}'s president on Sunday. {guards}'s "
            "soldiers guarding the president returned fire and killed the attacker. The "
            f"president said the attack would not stop his work. {judge} condemned the attack.")
    found = coded(coder, text)
    assert (CODES[judge], CODES[guards]) not in {(s, t) for s, t, _, _ in found}
