"""Definite descriptions and groups named earlier (session 43): a body named again with "the"
and nothing new ("the commission", "the coalition") is the state its nearest earlier use of
the same noun and number named in its own owner, modifier or "of" phrase (never a use that
named no state or two, never a vessel, a post abroad or a generic plural); a counted group
named again in the same words ("the two leaders") is the group its earlier use named; a state
acting on a bare "the government" acts on another's; and "its" on a noun joined to one a state
owns is that state's. docs/history/accuracy.md, "Session 43, definite descriptions (helper)".

Each sentence is written for the project."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, DATE, TRIPLES, coded, pairs

from detente.coder import Coder


def any_pairs(found: list[tuple[str | None, str | None, str, str]]) -> set:
    return {(s, t) for s, t, _code, _ in found}


# a body named with its state, then again bare, accuses another: OWNER's act on ACCUSED
INTRODUCED_THEN_BARE = (
    "{owner}'s election commission announced the results on Monday. The commission accused "
    "{accused} of meddling in the vote.",
    "The {owner}-led coalition struck positions near the border on Monday. The coalition "
    "accused {accused} of arming the militants.",
    "{owner}'s election commission met in the capital on Monday. The commission said turnout "
    "had been high. On Tuesday, the commission accused {accused} of funding protests.",
)


@pytest.mark.parametrize("template", INTRODUCED_THEN_BARE)
@pytest.mark.parametrize("owner,accused,_", TRIPLES)
def test_a_body_named_again_bare_keeps_its_state(coder: Coder, template, owner, accused, _):
    text = template.format(owner=owner, accused=accused)
    assert (CODES[owner], CODES[accused]) in pairs(coded(coder, text), "11")


@pytest.mark.parametrize("speaker,banned,_", TRIPLES)
def test_a_state_urging_the_government_urges_another(coder: Coder, speaker, banned, _):
    text = (f"{banned}'s government banned foreign observers on Monday. A spokesperson for "
            f"{speaker}'s foreign ministry said {speaker} was reviewing its ties with {banned} "
            "and urged the government to lift the ban.")
    assert (CODES[speaker], CODES[banned]) in pairs(coded(coder, text), "02")


def test_a_defence_ministry_named_again_stays_the_military(coder: Coder):
    text = ("The Chilean defense ministry published a report on Monday. The ministry accused "
            "Peru of spying on its bases.")
    sources = {e.source.code for e in coder.code_text(text, date=DATE) if e.cameo[:2] == "11"}
    assert sources == {"CHLMIL"}


def test_a_former_presidents_government_then_the_government(coder: Coder):
    # the state's government acts, not a former official
    text = ("The inquiry looks into abuses under the government of former President Jorge "
            "Salas of Chile. On Monday, the government said it would suspend talks with Peru.")
    sectors = {e.source.code for e in coder.code_text(text, date=DATE)
               if e.target.country == "PER"}
    assert "CHLELI" not in sectors


# ---- controls: nothing, or the nearest state, never a wrong one -----------------------------
@pytest.mark.parametrize("_,accused,__", TRIPLES)
def test_a_commission_with_no_state(coder: Coder, _, accused, __):
    text = ("A commission announced the results on Monday. The commission accused "
            f"{accused} of meddling in the vote.")
    assert not [p for p in any_pairs(coded(coder, text)) if p[1] == CODES[accused]]


@pytest.mark.parametrize("first,second,accused", TRIPLES)
def test_a_joint_commission_of_two_states(coder: Coder, first, second, accused):
    text = (f"{first} and {second} set up a joint border commission on Monday. The commission "
            f"accused {accused} of smuggling arms.")
    found = any_pairs(coded(coder, text))
    assert (CODES[first], CODES[accused]) not in found
    assert (CODES[second], CODES[accused]) not in found


@pytest.mark.parametrize("first,second,accused", TRIPLES)
def test_the_nearest_commission_wins(coder: Coder, first, second, accused):
    text = (f"{first}'s election commission met on Monday. {second}'s election commission met "
            f"on Tuesday. The commission accused {accused} of meddling in the vote.")
    found = pairs(coded(coder, text), "11")
    assert (CODES[second], CODES[accused]) in found
    assert (CODES[first], CODES[accused]) not in found


@pytest.mark.parametrize("owner,coast,_", TRIPLES)
def test_a_vessel_is_not_linked_as_a_subject(coder: Coder, owner, coast, _):
    text = (f"{owner}'s largest tanker docked at the port on Monday. {coast} said the tanker "
            "had violated its waters.")
    assert (CODES[owner], CODES[coast]) not in any_pairs(coded(coder, text))


@pytest.mark.parametrize("owner,accused,_", TRIPLES)
def test_a_generic_plural_is_no_one(coder: Coder, owner, accused, _):
    text = (f"{owner}'s election commission met on Monday. Election commissions often accuse "
            f"{accused} of meddling.")
    assert (CODES[owner], CODES[accused]) not in any_pairs(coded(coder, text))
