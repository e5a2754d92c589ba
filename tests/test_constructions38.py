"""Constructions of news found wrong by sentences made from templates (session 38).

Each sentence is written for the project; a template is filled with several states so that a
rule tied to one name cannot pass."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, TRIPLES, coded

from detente.coder import Coder


def pairs(coder: Coder, text: str) -> set[tuple[str | None, str | None, str]]:
    return {(s, t, root) for s, t, root, _ in coded(coder, text)}


# ---- an infinitive on a noun of purpose acts for the noun's possessor ----------------------
@pytest.mark.parametrize("actor,other,_", TRIPLES)
@pytest.mark.parametrize("template,root", [
    ("{a}'s decision to expel {o}'s ambassador drew criticism.", "16"),
    ("{a}'s move to impose sanctions on {o} surprised analysts.", "16"),
    ("{a}'s bid to hold talks with {o} stalled.", "03"),
])
def test_a_possessed_noun_of_purpose_gives_its_infinitive_a_subject(coder: Coder, template,
                                                                    root, actor, other, _):
    found = pairs(coder, template.format(a=actor, o=other))
    assert (CODES[actor], CODES[other], root) in found


def test_a_bid_to_act_is_an_intention(coder: Coder):
    found = coded(coder, "Peru's bid to expel Chile's ambassador stalled.")
    assert ("PER", "CHL", "16", "intended") in found


def test_a_decision_named_as_a_predicate_leaves_a_request_asserted(coder: Coder):
    # "said the pact was a sovereign decision and asked X to respect it": the decision is
    # no intention of the request
    found = coded(coder, "Peru's minister said the pact was a sovereign decision and asked "
                         "Chile to respect it.")
    assert [m for s, t, _, m in found if (s, t) == ("PER", "CHL")] == ["asserted"]


def test_a_refusal_to_act_asserts_no_act(coder: Coder):
    # "refusal" is no noun of purpose: the meeting refused did not happen
    found = pairs(coder, "Peru's refusal to meet Chile's president drew criticism.")
    assert not any(source == "PER" and target == "CHL" and root == "04"
                   for source, target, root in found)


# ---- ellipsis: "..., as did C", "..., and so did C", "..., and C did too" -------------------
@pytest.mark.parametrize("actor,other,third", TRIPLES)
@pytest.mark.parametrize("template,root", [
    ("{a} condemned {o}, as did {c}.", "11"),
    ("{a} condemned {o}, and so did {c}.", "11"),
    ("{a} imposed sanctions on {o}, and {c} did too.", "16"),
])
def test_an_elided_clause_repeats_the_act_for_its_subject(coder: Coder, template, root, actor,
                                                          other, third):
    found = pairs(coder, template.format(a=actor, o=other, c=third))
    assert (CODES[actor], CODES[other], root) in found
    assert (CODES[third], CODES[other], root) in found


def test_an_elided_clause_with_a_subject_of_no_state_repeats_nothing(coder: Coder):
    found = pairs(coder, "Ghana condemned Peru, as did many analysts.")
    assert {(s, t) for s, t, _ in found} == {("GHA", "PER")}


def test_an_elided_clause_of_the_same_doer_adds_nothing(coder: Coder):
    events = coded(coder, "Ghana condemned Peru, as it did last year.")
    assert [(s, t) for s, t, _, _ in events] == [("GHA", "PER")]


# ---- a headline's "A, B <verb> ...": both names are the verb's subjects --------------------
@pytest.mark.parametrize("headline,one,other", [
    ("Brazil, Norway Sign Trade Pact", "BRA", "NOR"),
    ("Sri Lanka, Chile Sign Trade Pact", "LKA", "CHL"),
    ("Laos, Ivory Coast Sign Trade Pact", "LAO", "CIV"),
    ("Saudi Arabia, Egypt sign defense pact", "SAU", "EGY"),
    ("Mexico, Niger sign defense pact", "MEX", "NER"),
    ("Ghana, Peru hold border talks", "GHA", "PER"),
])
def test_a_headline_pair_of_names_before_a_verb_are_its_subjects(coder: Coder, headline, one,
                                                                  other):
    found = {(s, t) for s, t, _ in pairs(coder, headline)}
    assert {(one, other), (other, one)} <= found


def test_a_name_in_apposition_before_a_past_verb_is_no_headline_pair(coder: Coder):
    # ("Lima, the capital, ..."): a past tense verb is no headline's present
    found = pairs(coder, "Chile, Peru's neighbour, condemned Bolivia.")
    assert ("PER", "BOL") not in {(s, t) for s, t, _ in found}


# ---- a relative clause on a class the subject is said to belong to -----------------------
@pytest.mark.parametrize("actor,other,_", TRIPLES)
@pytest.mark.parametrize("template", [
    "{a} is among the countries that have condemned {o}.",
    "{a} is one of the states that condemned {o}.",
    "{a} was the only country that condemned {o}.",
])
def test_a_relative_clause_on_a_class_is_the_members_act(coder: Coder, template, actor, other,
                                                         _):
    found = pairs(coder, template.format(a=actor, o=other))
    assert (CODES[actor], CODES[other], "11") in found


def test_an_apposed_act_that_drew_criticism_is_no_members_act(coder: Coder):
    # "..., a move that drew criticism": the move is no class Ghana is said to be in
    found = pairs(coder, "Ghana cited Peru's objection, a move that drew criticism of Chile.")
    assert ("GHA", "PER", "11") not in found


def test_a_member_of_a_body_is_not_the_body(coder: Coder):
    # the bloc sanctioned Peru, not Ghana by itself
    found = pairs(coder, "Ghana is a member of the bloc that sanctioned Peru.")
    assert ("GHA", "PER") not in {(s, t) for s, t, _ in found}


# ---- a light verb's participle describing its event noun, with doer and target named -------
@pytest.mark.parametrize("actor,other,_", TRIPLES)
@pytest.mark.parametrize("template", [
    "The sanctions imposed by {a} on {o} took effect on Monday.",
    "Sanctions imposed on {o} by {a} took effect.",
])
def test_a_participle_of_a_light_verb_codes_the_noun_it_describes(coder: Coder, template,
                                                                  actor, other, _):
    found = pairs(coder, template.format(a=actor, o=other))
    assert (CODES[actor], CODES[other], "16") in found


def test_a_participle_naming_no_target_leaves_the_noun_spoken_of(coder: Coder):
    # the sanctions are criticised, not aimed at the critic
    found = pairs(coder, "Peru criticized the sanctions imposed by Ghana.")
    assert ("GHA", "PER") not in {(s, t) for s, t, _ in found}


# ---- a verb the parser hung on the noun before it, in a sentence with no other verb ---------
@pytest.mark.parametrize("actor,other,_", TRIPLES)
def test_a_ministers_verb_hung_on_the_minister_is_the_sentences_verb(coder: Coder, actor,
                                                                     other, _):
    # "X's foreign minister called Y's charges baseless": "called" read as a participle of
    # "minister", the charges and "baseless" as two predicates
    found = pairs(coder, f"{actor}'s foreign minister called {other}'s charges baseless.")
    assert (CODES[actor], CODES[other], "11") in found


def test_a_participle_naming_someone_stays_a_participle(coder: Coder):
    # "a man called Kofi": no verb of the sentence, no criticism
    found = pairs(coder, "A man called Kofi met Peru's president.")
    assert not any(root == "11" for _, _, root in found)


@pytest.mark.parametrize("actor,other", [("Chad", "Brazil"), ("New Zealand", "Poland"),
                                         ("Ivory Coast", "Norway")])
def test_a_past_verb_tagged_as_a_participle_before_its_object_is_the_verb(coder: Coder, actor,
                                                                           other):
    codes = {"Chad": "TCD", "Brazil": "BRA", "New Zealand": "NZL", "Poland": "POL",
             "Ivory Coast": "CIV", "Norway": "NOR"}
    found = pairs(coder, f"{actor} hosted talks with {other} on Monday.")
    assert any((s, t) == (codes[actor], codes[other]) and root == "04" for s, t, root in found)


# ---- a verb after a relative clause closed by a comma joins the clause's governor ----------
@pytest.mark.parametrize("actor,other,third", TRIPLES)
def test_a_verb_after_a_closed_relative_clause_acts_for_the_main_subject(coder: Coder, actor,
                                                                          other, third):
    text = (f"{actor}'s foreign ministry summoned {other}'s ambassador, whose embassy "
            f"represents {third}'s interests, and handed him a note of protest.")
    found = pairs(coder, text)
    assert (CODES[actor], CODES[other], "11") in found
    assert not any(s == CODES[other] and t == CODES[third] for s, t, _ in found)


@pytest.mark.parametrize("actor,other,third", TRIPLES)
def test_a_relative_clause_that_goes_on_keeps_its_own_second_verb(coder: Coder, actor, other,
                                                                  third):
    # no comma closes the clause: both verbs are the clause's, the neighbour's acts
    text = (f"{actor} criticized {other}, which has armed rebels in {third} and "
            f"threatened {third}'s president.")
    found = pairs(coder, text)
    assert (CODES[other], CODES[third], "13") in found
    assert (CODES[actor], CODES[third], "13") not in found
