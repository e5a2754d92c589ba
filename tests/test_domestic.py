"""Events inside one state (``domestic=True``): who is acted on."""
from __future__ import annotations

import pytest

from detente.coder import Coder


@pytest.fixture(scope="module")
def domestic() -> Coder:
    return Coder(domestic=True)


def triples(coder: Coder, text: str) -> set[tuple[str, str, str]]:
    return {(e.source.code, e.cameo, e.target.code)
            for e in coder.code_text(text, "t", "2024-05-05")}


@pytest.mark.parametrize("text", [
    "The Kenyan president praised his first budget on Monday.",
    "Brazil's president signed a decree extending his term by a year.",
])
def test_a_thing_the_source_owns_is_no_target(domestic, text):
    # the possessive stands for the source itself: no one else is acted on
    assert triples(domestic, text) == set()


@pytest.mark.parametrize("text, expected", [
    ("The Nigerian president thanked his supporters in Abuja.", ("NGAGOV", "051", "NGACVL")),
    ("The Peruvian government ordered its army to seal the border.",
     ("PERGOV", "100", "PERMIL")),
])
def test_people_the_source_owns_are_still_acted_on(domestic, text, expected):
    assert expected in triples(domestic, text)
