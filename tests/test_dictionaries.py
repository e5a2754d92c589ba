"""The packaged dictionaries load, are consistent, and hold no YAML accidents."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.actors.lexicon import load_actor_lexicon
from detente.actors.people import load_people
from detente.codebook import load_codebook
from detente.datafiles import read_packaged
from detente.events.lexicon import load_event_lexicon


@pytest.mark.parametrize("name", ["actors.yaml", "agents.yaml", "verbs.yaml", "modality.yaml",
                                  "people.yaml", "cameo.yaml"])
def test_no_word_was_read_as_a_boolean(name):
    # YAML 1.1 reads bare no/on/off/yes as booleans: a word list must hold strings only.
    def walk(node, path):
        if isinstance(node, bool) and path.rsplit("/", 1)[-1] not in (
            "symmetric", "reverse", "xcomp", "negated", "addressee"
        ):
            pytest.fail(f"{name}: {path} is the boolean {node}, quote the word")
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}[{index}]")

    walk(read_packaged(name), "")


def test_every_trigger_code_is_in_the_codebook():
    codebook = load_codebook()
    lexicon = load_event_lexicon()
    for table in (lexicon.verbs, lexicon.nouns):
        for senses in table.values():
            assert all(sense.code in codebook for sense in senses)


def test_every_root_has_verb_triggers():
    lexicon = load_event_lexicon()
    roots = {sense.code[:2] for senses in lexicon.verbs.values() for sense in senses}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_actor_lexicon_covers_states_capitals_and_igos():
    lexicon = load_actor_lexicon()
    assert lexicon.entries["Tehran"].country == "IRN"
    assert lexicon.entries["Kremlin"].country == "RUS"
    assert lexicon.entries["NATO"].code == "IGONAT"
    assert lexicon.entries["Russian Federation"].country == "RUS"  # from pycountry
    countries = {e.country for e in lexicon.entries.values() if e.kind == "country"}
    assert len(countries) >= 193


def test_office_holder_surname_depends_on_the_date():
    people = load_people()
    assert people.lookup("Vladimir Putin", None).country == "RUS"
    bush_2002 = people.lookup("Bush", dt.date(2002, 5, 1))
    assert bush_2002 is not None and bush_2002.name == "George W. Bush"


def test_untitled_office_holder_is_coded_by_article_date(coder):
    events = coder.code_text("Putin warned Kyiv against joining the alliance.", "t", "2021-11-30")
    assert {(e.source.country, e.target.country) for e in events} == {("RUS", "UKR")}
    assert events[0].source.name == "Vladimir Putin"


def test_names_and_codes_of_states_come_from_one_table():
    from detente.actors.lexicon import codes_by_name, state_names

    codes = codes_by_name()
    assert (codes["russia"], codes["iranian"], codes["united nations"]) == ("RUS", "IRN", "UNO")
    # each state's usual name leads back to its code: the two lookups read the same entries
    assert all(codes[name.lower()] == code for code, name in state_names().items())
    lexicon = load_actor_lexicon()
    assert all(lexicon.entries[name].country == code for code, name in state_names().items()
               if name in lexicon.entries)


def test_a_verb_sense_can_require_a_modifier_of_its_object(tmp_path):
    from detente.coder import Coder

    extension = tmp_path / "trade.yaml"
    extension.write_text('verbs:\n  - {lemma: sign, object: protocol, modifier: [trade], '
                         'code: "0311", target_preps: [with]}\n', encoding="utf-8")
    coder = Coder(dictionaries=[extension])
    trade = coder.code_text("Chile signed a trade protocol with Peru.")
    other = coder.code_text("Chile signed a border protocol with Peru.")
    assert [e.cameo for e in trade] == ["0311"]
    assert "0311" not in [e.cameo for e in other]
