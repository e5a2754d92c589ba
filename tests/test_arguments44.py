"""Arguments of an act noun beyond the verb's own dependents (session 44).

Sentences written for the project, each template filled with several states so that a rule
tied to one name cannot pass. A present participle set off after a clause's subject ("A's
minister, speaking after talks with B's minister, said ...") says what that subject does: an
act noun in its adjuncts (talks, a meeting, a visit) is the subject's. Controls: talks between
two other states stay theirs; a participle set off after a clause's object ("imposed sanctions
on firms from B, prompting C to warn") says what the clause did, not what the object did; a
participle on a noun that names no state finds no doer."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, TRIPLES

from detente.coder import Coder

DATE = "2025-03-04"


def pairs(coder: Coder, text: str) -> set[tuple[str | None, str | None]]:
    return {(e.source.country, e.target.country) for e in coder.code_text(text, date=DATE)}


@pytest.mark.parametrize("a,b,c", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a}'s foreign minister, speaking after talks with {b}'s foreign minister on Monday, said "
    "the visit had gone well.",
    "{a}'s president, speaking at a meeting with {b}'s prime minister in Geneva, said trade "
    "would grow.",
    "{a}'s special envoy, speaking during a visit to {b} on Tuesday, said the rains had come "
    "late.",
])
def test_an_act_in_a_participle_set_off_after_the_subject_is_the_subjects(
        coder: Coder, template, a, b, c):
    assert (CODES[a], CODES[b]) in pairs(coder, template.format(a=a, b=b, c=c))


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_talks_between_two_other_states_stay_theirs(coder: Coder, a, b, c):
    found = pairs(coder, f"{a}'s foreign minister, speaking after talks between {b} and {c} "
                         "in Geneva, said little had changed.")
    assert (CODES[b], CODES[c]) in found
    assert (CODES[a], CODES[b]) not in found
    assert (CODES[a], CODES[c]) not in found


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_a_participle_after_the_clause_is_not_its_objects(coder: Coder, a, b, c):
    found = pairs(coder, f"{a} imposed sanctions on firms from {b}, prompting {c} to warn of "
                         "retaliation.")
    assert (CODES[a], CODES[b]) in found
    assert (CODES[b], CODES[c]) not in found


@pytest.mark.parametrize("a,b,c", TRIPLES)
def test_a_participle_on_people_of_no_state_finds_no_doer(coder: Coder, a, b, c):
    found = pairs(coder, f"Officials speaking after talks with {b}'s foreign minister said the "
                         "rains had come late.")
    assert not {pair for pair in found if CODES[b] in pair}
