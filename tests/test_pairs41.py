"""Wrong pairs of the development article sets, by mechanism (session 41).

Sentences written for the project, each template filled with several states so that a rule
tied to one name cannot pass. (1) A verb the parser joins to a reported clause in a form that
clause's verb cannot share ("said B was 'arming rebels' and called on C", "said B 'treats its
neighbours like servants' and mocked C", "said B was angered by the vote and urged C", "closed
the offices, prompting B to raise its alert and drawing a rebuke from C") is the speaker's, or
the first clause's; a deed so joined ("said B's troops were regrouping and attacked C") and a
verb with an auxiliary of its own ("was massing troops and had shelled C") stay the reported
subject's. (2) A plural noun that names no state stands for the members its "including"
phrase names, also where the parser hangs the phrase on the verb after a time ("freed 40
prisoners on Monday, including citizens of B and C")."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, TRIPLES

from detente.coder import Coder

DATE = "2025-03-04"


def pairs(coder: Coder, text: str) -> set[tuple[str | None, str | None]]:
    return {(e.source.country, e.target.country) for e in coder.code_text(text, date=DATE)}


# ---- a verb joined to a reported clause in a form it cannot share ----------------------------
@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template,speaker,target", [
    ("{a}'s foreign minister said {b} was \"arming rebels on our border\" and called on {c} "
     "to act.", "a", "c"),
    ("{a}'s spokeswoman said the dispute showed that {b} \"treats its neighbours like "
     "servants\" and mocked {c} for its silence.", "a", "c"),
    ("{a}'s envoy said {b} was angered by the vote and urged {c} to reopen its embassy.",
     "a", "c"),
    ("{a}'s spokesman said {b} is massing troops on the border and condemned {c}.", "a", "c"),
    ("{a}'s police closed four offices, prompting {b} to raise its alert and drawing a sharp "
     "rebuke from {c}.", "c", "a"),
])
def test_a_verb_joined_in_another_form_is_the_clause_above(coder: Coder, template, speaker,
                                                            target, a, b, c):
    states = {"a": CODES[a], "b": CODES[b], "c": CODES[c]}
    found = pairs(coder, template.format(a=a, b=b, c=c))
    assert (states[speaker], states[target]) in found
    assert (CODES[b], CODES[c]) not in found


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a}'s army said {b}'s troops were regrouping and attacked {c}'s positions.",
    "{a} said {b} was massing troops and had shelled {c}.",
])
def test_a_deed_or_a_verb_with_its_own_auxiliary_stays_the_reported_subjects(
        coder: Coder, template, a, b, c):
    found = pairs(coder, template.format(a=a, b=b, c=c))
    assert (CODES[b], CODES[c]) in found
    assert (CODES[a], CODES[c]) not in found


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_a_speaker_of_the_same_state_leaves_the_join(coder: Coder, a, b, c):
    # the speaker and the reported subject are one state: the event is that state's either way
    found = pairs(coder, f"{a}'s spokesman said {a} \"firmly opposes all attacks\" and "
                         f"rejected {b}'s report as a smear.")
    assert (CODES[a], CODES[b]) in found


# ---- "including" names a plural noun's members -----------------------------------------------
@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_including_names_the_objects_members(coder: Coder, a, b, c):
    assert (CODES[a], CODES[b]) in pairs(coder, f"{a} condemned several states, including {b}.")
    found = pairs(coder, f"{a} freed 40 prisoners on Monday, including citizens of {b} and {c}.")
    assert {(CODES[a], CODES[b]), (CODES[a], CODES[c])} <= found


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_including_names_the_subjects_members(coder: Coder, a, b, c):
    assert (CODES[b], CODES[c]) in pairs(coder, f"Several states, including {b}, condemned {c}.")


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "Several states condemned the attacks on Monday, including {a}.",
    "{a}'s troops, including units from {b}, attacked {c}.",
])
def test_including_does_not_replace_a_named_state_or_a_plural_subject(coder: Coder, template,
                                                                     a, b, c):
    found = pairs(coder, template.format(a=a, b=b, c=c))
    assert not any(source == CODES[a] and target is None for source, target in found)
    if "{c}" in template:
        assert (CODES[a], CODES[c]) in found
    else:
        assert not found
