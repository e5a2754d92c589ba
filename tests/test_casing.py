"""Casing normalisation: odd and shouted casing read as ordinary copy, offsets unchanged."""

from __future__ import annotations

import pytest

from detente.casing import CasingNormaliser, NormalisingTokenizer
from detente.coder import Article, Coder


@pytest.fixture(scope="module")
def normaliser(coder: Coder) -> CasingNormaliser:
    assert isinstance(coder.nlp.tokenizer, NormalisingTokenizer)
    return coder.nlp.tokenizer.normaliser


@pytest.mark.parametrize(("text", "expected"), [
    ("tHe UK and fRance signed a pact.", "The UK and France signed a pact."),
    ("Talks with tHe UK and gERMANY ended.", "Talks with the UK and Germany ended."),
    ("ESTONIA AND LATVIA SIGN FERRY DEAL\nThe deal was signed.",
     "Estonia and Latvia sign ferry deal\nThe deal was signed."),
    ("UNITED STATES CONDEMNS NEW STRIKES", "United States condemns new strikes"),
    # the document's own spelling of a name the dictionaries do not know
    ("The Kalvenor delegation arrived. kALVENOR officials left.",
     "The Kalvenor delegation arrived. Kalvenor officials left."),
])
def test_odd_and_shouted_casing_is_made_ordinary(normaliser, text, expected):
    assert normaliser.normalise(text) == expected


@pytest.mark.parametrize("text", [
    "McDonald met NGOs and MPs in Oslo; the UN and NATO agreed.",
    "The app QuikTALK and the site reelNEWS reported it.",  # spelled so on purpose
    "Leaders of NATO, the EU and the UN met.",
])
def test_ordinary_names_and_brands_are_left_alone(normaliser, text):
    assert normaliser.normalise(text) == text


def test_only_casing_changes(normaliser):
    text = "fRANCE, tHe uk AND gERMANY\nBRITAIN, FRANCE AND GERMANY AGREE ON TARIFFS\nOk."
    fixed = normaliser.normalise(text)
    assert fixed != text and len(fixed) == len(text) and fixed.lower() == text.lower()


def test_odd_casing_codes_and_reports_the_original_words(coder: Coder):
    text = "Talks ended. tHe UK and fRance signed a defence pact on Monday."
    events = coder.code_text(text, date="2025-03-03")
    assert {(e.source.country, e.target.country) for e in events} >= {("GBR", "FRA")}
    for event in events:
        for part in (event.source, event.target, event.trigger):
            assert text[part.start:part.end] == part.text
        assert text[event.sentence_start:].startswith(event.sentence)
    assert "fRance" in {e.source.text for e in events} | {e.target.text for e in events}


def test_stored_sentences_are_the_original_text(coder: Coder):
    text = "UNITED STATES CONDEMNS RUSSIA\nThe United States condemned Russia."
    coded = next(coder.code_stream([Article("a", text, "2025-03-03")]))
    assert [s[3].strip() for s in coded.sentences] == [
        "UNITED STATES CONDEMNS RUSSIA", "The United States condemned Russia."
    ]
    assert all(text[start:end] == sentence for _, start, end, sentence in coded.sentences)
