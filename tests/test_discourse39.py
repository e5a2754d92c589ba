"""Actors introduced once and referred back to later, and pronouns checked against number and
kind (session 39): an official's name the small model tags as no entity, "who heads" a
state's ministry, "the mission" after a state's mission to the United Nations, and a state's
name with "and" inside ("Bosnia and Herzegovina"), which the parser read as two phrases.

Each document is written for the project and filled with several states, so that a rule tied
to one name cannot pass."""

from __future__ import annotations

import pytest

from detente.coder import Coder

DATE = "2025-03-04"
CODES = {"Mexico": "MEX", "Norway": "NOR", "Niger": "NER", "Chile": "CHL", "Ghana": "GHA",
         "Peru": "PER", "Laos": "LAO", "Ivory Coast": "CIV", "Poland": "POL",
         "Bosnia and Herzegovina": "BIH", "Trinidad and Tobago": "TTO", "Gambia": "GMB"}
STATES = [("Mexico", "Norway", "Niger"), ("Laos", "Ivory Coast", "Poland"),
          ("Chile", "Ghana", "Peru")]


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def last_pairs(coder: Coder, text: str) -> set[tuple[str | None, str | None, int]]:
    """(source, target, quad class) of the events of a document's last sentence."""
    events = coder.code_text(text, date=DATE)
    last = len([s for s in coder.nlp(text).sents]) - 1
    return {(e.source.country, e.target.country, e.quad_class) for e in events
            if e.sentence_index == last}


def pairs_of(coder: Coder, text: str) -> set[tuple[str | None, str | None]]:
    return {(e.source.country, e.target.country) for e in coder.code_text(text, date=DATE)}


# ---- a name the small model does not tag, set off with an official's title --------------
# ("Ana Ruiz" is read as no entity after these titles: the title made no person of it)
@pytest.mark.parametrize("a,b,c", STATES)
@pytest.mark.parametrize("template", [
    "Ana Ruiz, {a}'s top diplomat, landed in Vienna on Monday. Ruiz accused {b} of "
    "blocking the talks.",
    "{a}'s ambassador to the United Nations, Ana Ruiz, addressed the council on Monday. "
    "Ruiz accused {b} of breaking the truce.",
])
def test_untagged_name_with_an_apposed_title(coder: Coder, template: str, a: str, b: str,
                                             c: str) -> None:
    pairs = last_pairs(coder, template.format(a=a, b=b))
    assert (CODES[a], CODES[b], 3) in pairs


def test_untagged_name_with_no_officials_title_is_nobody(coder: Coder) -> None:
    # (control: a name set off with a noun that is no state office serves no state)
    text = ("Ana Ruiz, a farmer from Peru, spoke to reporters on Monday. Ruiz accused Chile "
            "of poisoning the river.")
    assert ("PER", "CHL") not in pairs_of(coder, text)


# ---- "X, who heads A's ministry" -------------------------------------------------------
@pytest.mark.parametrize("a,b,c", STATES)
@pytest.mark.parametrize("template", [
    "Tomas Halvorsen, who heads {a}'s foreign ministry, spoke in Vienna on Monday. "
    "Halvorsen accused {b} of spying.",
    "Laura Kim, who leads {a}'s defense ministry, visited the border on Monday. Kim accused "
    "{b} of massing troops there.",
])
def test_who_heads_a_states_ministry(coder: Coder, template: str, a: str, b: str,
                                     c: str) -> None:
    assert (CODES[a], CODES[b], 3) in last_pairs(coder, template.format(a=a, b=b))


def test_who_heads_a_private_body_is_nobody(coder: Coder) -> None:
    # (control: heading a body of no state gives the person no state)
    text = ("Tomas Halvorsen, who heads a football club in Oslo, spoke on Monday. Halvorsen "
            "accused Chile of cheating.")
    assert not {p for p in pairs_of(coder, text) if p[1] == "CHL" and p[0]}


# ---- "the mission" after a state's mission to the United Nations -----------------------
@pytest.mark.parametrize("a,b,c", STATES)
@pytest.mark.parametrize("template", [
    "{a}'s mission to the United Nations released a letter on Monday. The mission accused "
    "{b} of shelling civilians.",
    "{a}'s U.N. mission released a letter on Monday. The mission accused {b} of shelling "
    "civilians.",
])
def test_the_mission_is_the_states(coder: Coder, template: str, a: str, b: str,
                                   c: str) -> None:
    pairs = last_pairs(coder, template.format(a=a, b=b))
    assert (CODES[a], CODES[b], 3) in pairs
    assert not {p for p in pairs if p[0] != CODES[a]}  # (not split into the U.N.)


def test_a_rescue_mission_is_nobody(coder: Coder) -> None:
    # (control: a mission that is a task names no actor later)
    text = ("Chile launched a rescue mission on Monday. The mission accused Peru of hiding "
            "the sailors.")
    assert ("CHL", "PER") not in pairs_of(coder, text)


# ---- a state's name with "and" inside ---------------------------------------------------
@pytest.mark.parametrize("joined", ["Bosnia and Herzegovina", "Trinidad and Tobago"])
@pytest.mark.parametrize("b,c", [("Norway", "Gambia"), ("Ghana", "Peru")])
def test_titled_person_of_a_name_with_and(coder: Coder, joined: str, b: str, c: str) -> None:
    text = (f"{joined}'s foreign minister Maria Costa met {b}'s envoy on Monday. She said "
            f"she would accuse {c} of arming rebels.")
    pairs = last_pairs(coder, text)
    assert (CODES[joined], CODES[c], 3) in pairs
    assert (CODES[b], CODES[c], 3) not in pairs  # (the envoy met is not "she")


@pytest.mark.parametrize("b,c", [("Norway", "Gambia"), ("Ghana", "Peru")])
def test_they_after_a_person_of_a_name_with_and(coder: Coder, b: str, c: str) -> None:
    # ("they" is the officials, never the single person the parser had made the object)
    text = (f"Officials from {b} met Bosnia and Herzegovina's foreign minister Tomas "
            f"Halvorsen on Monday. They later accused {c} of blocking the talks.")
    pairs = last_pairs(coder, text)
    assert ("BIH", CODES[c], 3) not in pairs


@pytest.mark.parametrize("template", [
    "Chile, Bosnia and Herzegovina and Peru condemned Ghana on Tuesday.",
    "Ghana criticized Chile, Bosnia and Herzegovina and Peru on Tuesday.",
    "Chile and Bosnia and Herzegovina condemned Ghana on Tuesday.",
])
def test_name_with_and_in_a_list_stays_a_member(coder: Coder, template: str) -> None:
    # (control: the name's "and" joined into one phrase leaves the list's own "and")
    pairs = pairs_of(coder, template)
    members = {"CHL", "BIH", "PER"} if "Peru" in template else {"CHL", "BIH"}
    if template.startswith("Ghana"):
        assert {t for s, t in pairs if s == "GHA"} >= members
    else:
        assert {s for s, t in pairs if t == "GHA"} >= members


# ---- pronouns against number and kind (controls: the nearest actor is of the wrong kind) --
@pytest.mark.parametrize("a,b,c", STATES)
def test_they_after_one_person_is_nobody(coder: Coder, a: str, b: str, c: str) -> None:
    text = (f"{a}'s foreign minister Jonas Weber arrived in Vienna on Monday. They accused "
            f"{b} of spying.")
    assert (CODES[a], CODES[b], 3) not in last_pairs(coder, text)


@pytest.mark.parametrize("a,b,c", STATES)
def test_its_after_a_person_is_the_state_before(coder: Coder, a: str, b: str, c: str) -> None:
    text = (f"{b} welcomed {a}'s foreign minister Jonas Weber on Monday. Its army later "
            f"accused {c} of massing troops.")
    pairs = last_pairs(coder, text)
    assert (CODES[b], CODES[c], 3) in pairs
    assert (CODES[a], CODES[c], 3) not in pairs


# ---- "they" in what one person reports: a pair that acted just before, not the reporter ---
@pytest.mark.parametrize("a,b,c", STATES)
def test_they_reported_by_a_third_states_person_is_the_pair(coder: Coder, a: str, b: str,
                                                           c: str) -> None:
    text = (f"{a} and {b} agreed a trade deal on Monday. {c}'s prime minister said they had "
            f"accused {c} of dumping steel.")
    pairs = last_pairs(coder, text)
    assert {(CODES[a], CODES[c], 3), (CODES[b], CODES[c], 3)} <= pairs


def test_they_reported_not_acting_on_the_reporter_is_the_reporters(coder: Coder) -> None:
    # (control: a clause that does not act on the reporter's state keeps "they" the
    # reporter's side, a pair having acted before or not)
    text = ("Mexico and Norway signed a fishing pact on Monday. Peru's fisheries minister said "
            "they had accused Chile of overfishing.")
    pairs = last_pairs(coder, text)
    assert ("PER", "CHL", 3) in pairs
    assert not {p for p in pairs if p[0] in ("MEX", "NOR")}
