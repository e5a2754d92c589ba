"""Constructions of news found wrong by sentences made from templates (session 37).

Each sentence is written for the project; a template is filled with several states so that a
rule tied to one name cannot pass."""

from __future__ import annotations

import pytest

from detente.coder import Coder

DATE = "2025-03-04"


def pairs(coder: Coder, text: str) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.country, e.target.country, e.cameo[:2])
            for e in coder.code_text(text, date=DATE)}


# ---- a clause after "after", "before", "by", "without": the main subject acts -------------
@pytest.mark.parametrize("actor,other,host", [("Mexico", "Norway", "Niger"),
                                               ("Chile", "Ghana", "Peru"),
                                               ("Vietnam", "Egypt", "Poland")])
@pytest.mark.parametrize("template", [
    "{a}'s president criticized {o} after meeting {h}'s president.",
    "Before meeting {h}'s president, {a}'s president criticized {o}.",
    "{a}'s president praised {o} before visiting {h} on Friday.",
])
def test_a_gerund_after_a_time_word_takes_the_main_subject(coder: Coder, template, actor,
                                                            other, host):
    codes = {"Mexico": "MEX", "Norway": "NOR", "Niger": "NER", "Chile": "CHL", "Ghana": "GHA",
             "Peru": "PER", "Vietnam": "VNM", "Egypt": "EGY", "Poland": "POL"}
    found = pairs(coder, template.format(a=actor, o=other, h=host))
    a, o, h = codes[actor], codes[other], codes[host]
    assert (a, h, "04") in found  # the meeting or visit is the president's
    assert (o, h, "04") not in found  # not the criticized state's


def test_sending_troops_by_which_a_state_angered_another_is_its_own(coder: Coder):
    found = pairs(coder, "Chile angered Peru by sending troops to Bolivia.")
    assert not any(source == "PER" and target == "BOL" for source, target, _ in found)


@pytest.mark.parametrize("text,agent,target", [
    ("Ghana accused Peru of meeting rebels from Chad.", "PER", "TCD"),
    ("Norway praised Chile for hosting Peru's president.", "CHL", "PER"),
    ("Peru congratulated Chile on hosting Ghana's president.", "CHL", "GHA"),
    ("Ghana blamed Peru for attacking Chad.", "PER", "TCD"),
])
def test_the_object_still_acts_after_of_for_and_on(coder: Coder, text, agent, target):
    # "accused X of V-ing", "praised X for V-ing", "congratulated X on V-ing": the one
    # accused or praised did it
    assert any(s == agent and t == target for s, t, _ in pairs(coder, text))


# ---- "as well as", "and also", "together with" between two subjects or objects -------------
@pytest.mark.parametrize("first,second,target", [("Vietnam", "Norway", "Uzbekistan"),
                                                 ("Indonesia", "Chad", "Gambia"),
                                                 ("Peru", "Ghana", "Chile"),
                                                 ("Mexico", "Egypt", "Poland")])
@pytest.mark.parametrize("joint", [" as well as ", " and also ", " together with "])
def test_both_subjects_joined_by_a_longer_coordinator_act(coder: Coder, first, second, target,
                                                         joint):
    # the parser made the second name a second subject of the verb and the first was lost
    codes = {"Vietnam": "VNM", "Norway": "NOR", "Uzbekistan": "UZB", "Indonesia": "IDN",
             "Chad": "TCD", "Gambia": "GMB", "Peru": "PER", "Ghana": "GHA", "Chile": "CHL",
             "Mexico": "MEX", "Egypt": "EGY", "Poland": "POL"}
    found = pairs(coder, f"{first}{joint}{second} condemned {target} on Monday.")
    assert {(codes[first], codes[target], "11"), (codes[second], codes[target], "11")} <= found


@pytest.mark.parametrize("source,first,second", [("Vietnam", "Indonesia", "Nigeria"),
                                                  ("Chile", "Gambia", "Peru"),
                                                  ("Norway", "Mexico", "Egypt")])
def test_both_objects_joined_by_as_well_as_are_targets(coder: Coder, source, first, second):
    codes = {"Vietnam": "VNM", "Indonesia": "IDN", "Nigeria": "NGA", "Chile": "CHL",
             "Gambia": "GMB", "Peru": "PER", "Norway": "NOR", "Mexico": "MEX", "Egypt": "EGY"}
    found = pairs(coder, f"{source} condemned {first} as well as {second}.")
    assert {(codes[source], codes[first], "11"), (codes[source], codes[second], "11")} <= found


def test_as_well_as_between_verbs_is_left_alone(coder: Coder):
    found = pairs(coder, "Chile criticized Peru as well as calling for talks with Ghana.")
    assert ("CHL", "PER", "11") in found


# ---- a fronted phrase, a comma, then the subject -----------------------------------------
@pytest.mark.parametrize("text,source,target", [
    ("Unlike Niger, Mexico condemned Chile.", "MEX", "CHL"),
    ("Unlike Niger, Bosnia and Herzegovina condemned Mexico.", "BIH", "MEX"),
    ("Like Norway, Timor-Leste condemned Chile.", "TLS", "CHL"),
    ("During a visit to Norway, Mexico's president criticized Chile.", "MEX", "CHL"),
    ("After talks with Niger, Mexico condemned Norway.", "MEX", "NOR"),
])
def test_the_subject_after_a_fronted_phrase_is_not_its_apposition(coder: Coder, text, source,
                                                                   target):
    # the parser hung the subject on the fronted phrase's last name as an apposition or a
    # conjunct, and the verb was left with no subject
    assert any(s == source and t == target for s, t, _ in pairs(coder, text))


@pytest.mark.parametrize("text,source,target", [
    ("In Lima, Peru's president, Ana Ruiz, criticized Chile.", "PER", "CHL"),
    ("After the talks, Ghana, Peru and Chile condemned Norway.", "CHL", "NOR"),
])
def test_a_fronted_phrase_leaves_an_ordinary_subject_alone(coder: Coder, text, source, target):
    assert any(s == source and t == target for s, t, _ in pairs(coder, text))


# ---- a sentence that opens with a participle before a name -------------------------------
@pytest.mark.parametrize("text,source,target", [
    ("Accusing Peru of meddling, Chile expelled two diplomats.", "CHL", "PER"),
    ("Accusing Gambia of meddling, Vietnam expelled two diplomats.", "VNM", "GMB"),
    ("Talks stalled. Accusing Peru of spying, Chile recalled its envoy.", "CHL", "PER"),
])
def test_a_participle_opening_a_sentence_before_a_name_is_a_verb(coder: Coder, text, source,
                                                                  target):
    # capitalised before a name, the participle was tagged a proper noun (the name's first
    # word) and its clause coded nothing
    assert any(s == source and t == target for s, t, _ in pairs(coder, text))


def test_only_an_opening_participle_before_a_name_is_read_in_lower_case(coder: Coder):
    from detente.reading import CasingNormaliser

    normaliser = CasingNormaliser(common=["accuse", "read", "cite"],
                                  suffixes=[("ing", ""), ("ing", "e")])
    text = ("Accusing Peru of spying, Chile acted. Beijing Daily said so. Citing security, "
            "Peru left. \"Citing Chile's vote, we left,\" he said. He kept Reading Chile.")
    copy = normaliser.normalise(text)
    assert len(copy) == len(text)
    assert copy.startswith("accusing Peru")
    assert "Beijing Daily" in copy and "Citing security" in copy
    assert "\"citing Chile's" in copy and "kept Reading Chile" in copy


@pytest.mark.parametrize("text,left_out", [
    ("Mexico criticized Chile rather than Peru.", ("MEX", "PER", "11")),
    ("Vietnam criticized Uzbekistan instead of Norway.", ("VNM", "NOR", "11")),
])
def test_a_name_after_rather_than_or_instead_of_is_no_target(coder: Coder, text, left_out):
    assert left_out not in pairs(coder, text)
