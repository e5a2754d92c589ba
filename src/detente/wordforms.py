"""English word forms worked out from spelling alone, without the parser, so that modules
which code nothing (the PETRARCH dictionary reader) share them with the coder without loading
spaCy."""

from __future__ import annotations

# Under six letters an -ing word is mostly a noun of its own ("thing", "king", "wing") or a
# verb too short to guess a stem for ("going", "suing").
SHORTEST_GERUND = 6


def gerund_lemmas(word: str) -> list[str]:
    """Possible verb lemmas of an -ing form, most likely first: "inciting" -> incit, incite;
    "shipping" -> shipp, shippe, ship. The caller keeps those its lexicon knows."""
    word = word.lower()
    if not word.endswith("ing") or len(word) < SHORTEST_GERUND:
        return []
    stem = word[:-3]
    forms = [stem, stem + "e"]
    if stem[-1] == stem[-2]:
        forms.append(stem[:-1])
    return forms
