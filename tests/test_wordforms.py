"""Verb lemmas guessed from an -ing word's spelling, shared by the coder and the PETRARCH reader."""

import subprocess
import sys

import pytest

from detente.wordforms import gerund_lemmas


@pytest.mark.parametrize(("word", "lemma"), [
    ("shelling", "shell"), ("Blockading", "blockade"), ("shutting", "shut"), ("RAIDING", "raid"),
])
def test_an_ing_form_offers_its_verb(word: str, lemma: str) -> None:
    assert lemma in gerund_lemmas(word)


@pytest.mark.parametrize("word", ["thing", "going", "meeting.", "bombed", ""])
def test_short_words_and_other_endings_offer_nothing(word: str) -> None:
    assert gerund_lemmas(word) == []


def test_the_module_loads_no_parser() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, detente.wordforms; print('spacy' in sys.modules)"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "False"
