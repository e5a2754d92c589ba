"""Faults found in a second review of the day's changes, each shown by a test that failed
before its fix. The texts are made up for these tests."""

from __future__ import annotations

from detente.actors.resolve import REFERENCE_REACH

# ---- the reference reach --------------------------------------------------------------------
# The first sentence names a state's office holder early and a private person, the subject of
# its last clause, late. Padding of sentences without actors puts the start of the reach of
# "He" between the two: the office holder out of reach, the private man inside it.
OPENING = "The Chilean president said Abdullahi Warsame fled. "
CLOSING = "Reporters met the Peruvian foreign minister. He condemned Bolivia."
RAIN = "Rain fell all day. "  # five tokens


def _padded(rains: int, agains: int) -> str:
    return OPENING + RAIN * rains + "Rain fell" + " again" * agains + ". " + CLOSING


def _positions(coder, text: str) -> tuple[int, int, int]:
    doc = coder.nlp(text)
    return tuple(next(t.i for t in doc if t.text == word)
                 for word in ("president", "Warsame", "He"))


def _straddling(coder) -> str:
    _, private, pronoun = _positions(coder, _padded(0, 0))
    rains, agains = divmod(private + REFERENCE_REACH - pronoun, 5)
    text = _padded(rains, agains)
    office, private, pronoun = _positions(coder, text)
    assert office < pronoun - REFERENCE_REACH <= private, (office, private, pronoun)
    return text


def test_an_entry_within_reach_is_read_though_its_sentence_began_out_of_reach(coder):
    # Before: the walk back stopped at the office holder, who lies out of reach, though the
    # people of his sentence are remembered before its nouns and the private man came next,
    # within reach. "He" took the Peruvian minister (Peru condemned Bolivia), where every
    # actor within the reach makes the private man, who is no actor, its referent.
    text = _straddling(coder)
    condemned = [(e.source.country, e.target.country) for e in coder.code_text(text)
                 if e.trigger.text == "condemned"]
    assert ("PER", "BOL") not in condemned, condemned
