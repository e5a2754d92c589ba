"""Items session 39 left (docs/history/accuracy.md), each fixed as a class and checked here
with several states: a refusal and the act it refuses, a denial of a charge and whom the
charge says was harmed, a judged act named by the noun of the verb that told it.

Each sentence is written for the project."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, DATE

from detente.coder import Coder
from detente.reading import _titled

TRIPLES = [("Laos", "Ivory Coast", "Mexico"), ("Norway", "Chile", "Sri Lanka"),
           ("Chad", "Brazil", "New Zealand"), ("New Zealand", "Poland", "Ghana")]


def coded(coder: Coder, text: str) -> set[tuple[str | None, str | None, str, str]]:
    return {(e.source.country, e.target.country, e.cameo, e.modality)
            for e in coder.code_text(text, date=DATE)}


# ---- a refusal claims the act it refuses ----------------------------------------------------
@pytest.mark.parametrize("actor,other,_", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a} said it would not renew its cooperation with {o}.",
    "{a} will not renew its military cooperation with {o}.",
])
def test_a_refused_cooperation_is_no_future_cooperation(coder: Coder, template, actor, other,
                                                        _):
    found = coded(coder, template.format(a=actor, o=other))
    pair = (CODES[actor], CODES[other])
    assert any((s, t) == pair and code.startswith("12") for s, t, code, _ in found)
    assert not any((s, t) == pair and code.startswith("0") for s, t, code, _ in found)


def test_a_renewal_promised_still_codes_its_cooperation(coder: Coder):
    # control: the claim is the refusal's; a promise keeps its object's event
    found = coded(coder, "Chad said it would renew its cooperation with Brazil.")
    assert any(code.startswith("0") and modality == "future"
               for s, t, code, modality in found if (s, t) == ("TCD", "BRA"))


# ---- a denial answers whoever made the charge, never whom the charge names ------------------
@pytest.mark.parametrize("actor,other,third", TRIPLES)
def test_a_denied_charge_with_no_accuser_aims_at_no_one(coder: Coder, actor, other, third):
    text = f"{other} denied the allegation that it had attacked {third}."
    assert not any(s == CODES[other] and t == CODES[third]
                   for s, t, _, _ in coded(coder, text))


@pytest.mark.parametrize("actor,other,third", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a} rejected {o}'s allegation that it had attacked {t}.",
    "{a} rejected the charge from {o} that it had shelled {t}.",
])
def test_a_denied_charge_answers_its_maker(coder: Coder, template, actor, other, third):
    found = coded(coder, template.format(a=actor, o=other, t=third))
    assert any((s, t, code[:2]) == (CODES[actor], CODES[other], "12") for s, t, code, _ in found)
    assert not any((s, t) == (CODES[actor], CODES[third]) for s, t, _, _ in found)


@pytest.mark.parametrize("actor,other,third", TRIPLES)
def test_a_denial_after_the_accusation_answers_the_accuser(coder: Coder, actor, other, third):
    text = (f"{actor} accused {other} of attacking {third}. {other} denied the allegation "
            f"that it had attacked {third}.")
    found = coded(coder, text)
    assert any((s, t, code[:2]) == (CODES[other], CODES[actor], "12") for s, t, code, _ in found)
    assert not any((s, t, code[:2]) == (CODES[other], CODES[third], "12")
                   for s, t, code, _ in found)


# ---- "condemned the bombing": the noun of the verb the act was told with --------------------
@pytest.mark.parametrize("actor,other,third", TRIPLES)
@pytest.mark.parametrize("template", [
    "{t} bombed {o}'s consulate on Sunday. {a} condemned the bombing.",
    "{t}'s army shelled a village in {o}. On Monday, {a} denounced the shelling.",
    "{t} bombed {o}'s consulate on Sunday. {a} condemned the bombing of {o}'s consulate.",
])
def test_a_judged_act_named_by_its_verbs_noun_answers_its_doer(coder: Coder, template, actor,
                                                               other, third):
    found = coded(coder, template.format(a=actor, o=other, t=third))
    assert any((s, t, code[:2]) == (CODES[actor], CODES[third], "11") for s, t, code, _ in found)
    assert not any((s, t) == (CODES[actor], CODES[other]) for s, t, _, _ in found)


def test_a_bombing_with_no_doer_named_answers_no_one(coder: Coder):
    # control: the consulate's state suffered the act; no one is said to have done it
    text = "A bomb exploded outside Peru's consulate on Sunday. Chad condemned the bombing."
    assert not any(s == "TCD" for s, _, _, _ in coded(coder, text))


# ---- headlines: a pair before a verb the tagger read as a noun; Title Case with a full stop --
@pytest.mark.parametrize("one,two", [("Laos", "Ivory Coast"), ("Bosnia and Herzegovina", "Peru"),
                                     ("New Zealand", "Bosnia and Herzegovina")])
@pytest.mark.parametrize("headline", ["{a}, {b} sign defense pact", "{a}, {b} Sign Trade Pact",
                                      "{a}, {b} sign deal on fishing"])
def test_a_headline_pair_signs_what_its_noun_names(coder: Coder, headline, one, two):
    codes = {"Bosnia and Herzegovina": "BIH", **CODES}
    found = coded(coder, headline.format(a=one, b=two))
    assert {(codes[one], codes[two]), (codes[two], codes[one])} <= {
        (s, t) for s, t, code, _ in found if code == "057"}


@pytest.mark.parametrize("headline", ["Ghana, Peru border talks", "Ghana, Peru trade talks",
                                      "Chad, Brazil trade deal"])
def test_a_headline_pair_before_a_noun_phrase_stays_a_noun_phrase(coder: Coder, headline):
    # control: "trade" the verb means no deal and no talks; "border" is no event
    assert not coded(coder, headline)


@pytest.mark.parametrize("one,two", [("Bosnia and Herzegovina", "Chad"),
                                     ("New Zealand", "Bosnia and Herzegovina"),
                                     ("Chile", "Peru")])
def test_a_title_case_sentence_with_a_full_stop_is_read_as_a_headline(coder: Coder, one, two):
    codes = {"Bosnia and Herzegovina": "BIH", **CODES}
    found = coded(coder, f"{one} Condemned {two} On Monday.")
    assert any((s, t, code[:2]) == (codes[one], codes[two], "11") for s, t, code, _ in found)


def test_two_title_case_sentences_on_a_line_are_no_headline(coder: Coder):
    # control: a line of two sentences is copy, however it is cased
    assert _titled("Chile Condemned Peru On Monday.")
    assert not _titled("Chile Condemned Peru. Peru Rejected The Charge On Monday.")
    assert not _titled("Chile condemned Peru on Monday after the border clash.")


# ---- "met officials from B": the officials are B's, wherever the parser hangs "from" ---------
@pytest.mark.parametrize("actor,other,third", TRIPLES)
def test_officials_met_from_a_state_are_that_states(coder: Coder, actor, other, third):
    text = (f"{actor}'s president Tomas Halvorsen met officials from {other} on Monday. He said "
            f"they had accused {third} of spying.")
    found = coded(coder, text)
    assert any((s, t, code[:2]) == (CODES[other], CODES[third], "11") for s, t, code, _ in found)
    assert not any((s, t) == (CODES[actor], CODES[third]) for s, t, _, _ in found)


def test_diplomats_recalled_from_a_state_stay_the_recallers(coder: Coder):
    # control: a verb of moving people has a place they come from
    text = "Chad recalled its diplomats from Brazil on Monday. They accused Peru of spying."
    assert ("TCD", "PER") in {(s, t) for s, t, _, _ in coded(coder, text)}
