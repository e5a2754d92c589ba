"""What the template tests of constructions share (test_constructions38, test_precision39,
test_discourse38, test_articles40, test_probes40, test_left40): the states their templates are
filled with, the codes those states have, and the events of a text as the tests compare them.
Each template is filled with several states, so that a rule tied to one name cannot pass."""

from __future__ import annotations

from detente.coder import Coder

DATE = "2025-03-04"
# every state a template test fills in, by the name it is written with
CODES = {"Mexico": "MEX", "Norway": "NOR", "Niger": "NER", "Chile": "CHL", "Ghana": "GHA",
         "Peru": "PER", "Vietnam": "VNM", "Egypt": "EGY", "Poland": "POL", "Laos": "LAO",
         "Ivory Coast": "CIV", "New Zealand": "NZL", "Chad": "TCD", "Brazil": "BRA",
         "Sri Lanka": "LKA", "Kyrgyzstan": "KGZ", "Gambia": "GMB"}
TRIPLES = [("Mexico", "Norway", "Niger"), ("Chile", "Ghana", "Peru"),
           ("Vietnam", "Egypt", "Poland")]
# the adjective each state of TRIPLES names its people and forces with
ADJECTIVES = {"Mexico": "Mexican", "Norway": "Norwegian", "Niger": "Nigerien",
              "Chile": "Chilean", "Ghana": "Ghanaian", "Peru": "Peruvian",
              "Vietnam": "Vietnamese", "Egypt": "Egyptian", "Poland": "Polish"}


def coded(coder: Coder, text: str) -> list[tuple[str | None, str | None, str, str]]:
    """(source country, target country, CAMEO root, modality) of each event of the text."""
    return [(e.source.country, e.target.country, e.cameo[:2], e.modality)
            for e in coder.code_text(text, date=DATE)]


def pairs(found: list[tuple[str | None, str | None, str, str]], root: str) -> set:
    """The (source, target) pairs of the events of `coded` with this CAMEO root."""
    return {(s, t) for s, t, code, _ in found if code == root}
