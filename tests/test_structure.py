"""Sentence boundaries from the text's own structure: lines, datelines, bylines."""

from __future__ import annotations

import pytest

from detente.coder import Coder
from detente.structure import DATELINES, dateline_spans

STORY = "Finland and Estonia signed a ferry agreement on Tuesday. Latvia criticized Estonia."

# written for these tests, in the forms wire copy opens with
OPENINGS = [
    "Tallinn, April 8, 2025\n",
    "TALLINN, April 8 (Baltic News) - ",
    "TALLINN, April 8 (Baltic News) -\n",
    "HELSINKI (Nordic Wire) — ",
    "RIGA — ",
    "RIGA/VILNIUS — ",
    "NEW TALLINN, Estonia -- ",
    "Tallinn, Estonia, 8 April 2025:\n",
    "2025-04-08\n",
    "By Liisa Tamm\n",
    "By Liisa Tamm, Jaan Kask and Mari Saar\n",
    "Tallinn, April 8, 2025\nBy Liisa Tamm\n\n",
]


def signature(events, shift: int = 0) -> list[tuple]:
    return sorted((e.source.code, e.cameo, e.target.code, e.trigger.start - shift) for e in events)


@pytest.mark.parametrize("opening", OPENINGS)
def test_dateline_is_recognised_up_to_where_the_story_starts(opening):
    spans = dateline_spans(opening + STORY)
    assert spans, opening
    assert spans[-1][1] <= len(opening)
    assert (opening + STORY)[spans[-1][1]:].strip().startswith(STORY[:10])


@pytest.mark.parametrize("text", [
    STORY,
    "Washington, Moscow and Beijing agreed on a truce.",
    "Paris, the French capital, hosted the talks on May 2.",
    "By the end of May 2, the troops had left.",
    "NATO - the alliance - met.",
    "UN envoys - and others - met.",
    "NATO and EU envoys met.",
])
def test_an_opening_sentence_is_no_dateline(text):
    assert dateline_spans(text) == []


@pytest.mark.parametrize("opening", OPENINGS)
def test_a_dateline_changes_no_event(coder: Coder, opening):
    plain = coder.code_text(STORY, date="2025-04-08")
    assert signature(plain)  # the story codes something to compare
    dated = coder.code_text(opening + STORY, date="2025-04-08")
    assert signature(dated, len(opening)) == signature(plain)


@pytest.mark.parametrize("opening", OPENINGS)
def test_a_dateline_is_a_sentence_and_the_story_is_not_cut(coder: Coder, opening):
    doc = coder.nlp(opening + STORY)
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[-2:] == [
        "Finland and Estonia signed a ferry agreement on Tuesday.", "Latvia criticized Estonia."
    ]
    assert len(doc.spans[DATELINES]) >= 1


def test_a_dateline_place_is_no_referent(coder: Coder):
    story = "The government condemned Latvia on Tuesday."
    plain = coder.code_text(story, date="2025-04-08")
    dated = coder.code_text("Tallinn, April 8, 2025\n" + story, date="2025-04-08")
    assert [e.source.country for e in dated] == [e.source.country for e in plain]


def test_a_line_without_final_punctuation_is_one_sentence(coder: Coder):
    text = "Leaders gather in Riga\nFinland and Estonia signed a ferry agreement on Tuesday."
    sentences = [s.text.strip() for s in coder.nlp(text).sents]
    assert sentences == [
        "Leaders gather in Riga", "Finland and Estonia signed a ferry agreement on Tuesday."
    ]


def test_a_quote_closing_a_paragraph_is_no_sentence_of_its_own(coder: Coder):
    text = ('The ministry called the border plan "a bid for annexation."\n\n'
            "Chad denied the claim.")
    sentences = [s.text.strip() for s in coder.nlp(text).sents]
    assert sentences == ['The ministry called the border plan "a bid for annexation."',
                         "Chad denied the claim."]


@pytest.mark.parametrize("text, expected", [
    ("Chile signed the pact. Border talks The ministers met in Lima on Monday.",
     ["Chile signed the pact.", "Border talks", "The ministers met in Lima on Monday."]),
    ("Peru protested. What comes next If the court rules for Chile, Lima may appeal.",
     ["Peru protested.", "What comes next", "If the court rules for Chile, Lima may appeal."]),
    ("Peru protested. Angry reaction “The ruling is unjust,” Lima said.",
     ["Peru protested.", "Angry reaction", "“The ruling is unjust,” Lima said."]),
    # a name after the capitalised word: no subheading
    ("The court in The Hague ruled for Chile.", ["The court in The Hague ruled for Chile."]),
    # a heading ending in a capitalised word, or before a name ("A", "The" + a name)
    ("Peru protested. Talks with Chile Despite the ruling, both sides met.",
     ["Peru protested.", "Talks with Chile", "Despite the ruling, both sides met."]),
    ("Peru protested. Regional reaction A Bolivian envoy urged calm.",
     ["Peru protested.", "Regional reaction", "A Bolivian envoy urged calm."]),
    ("Peru protested. Fresh strain Both Lima and Quito recalled envoys.",
     ["Peru protested.", "Fresh strain", "Both Lima and Quito recalled envoys."]),
    # a name in title case, a verb before a name, a sentence's own words: no heading
    ("Peru protested. Doctors Without Borders left Lima.",
     ["Peru protested.", "Doctors Without Borders left Lima."]),
    ("Peru protested. Chile says The Hague erred.",
     ["Peru protested.", "Chile says The Hague erred."]),
    ("Peru protested. Chile then joined The Hague talks.",
     ["Peru protested.", "Chile then joined The Hague talks."]),
    # a heading before a name or another capitalised word
    ("Peru protested. Border worries Chile said the fence was legal.",
     ["Peru protested.", "Border worries", "Chile said the fence was legal."]),
    ("Peru protested. Fishing quotas Last week, Lima closed the port.",
     ["Peru protested.", "Fishing quotas", "Last week, Lima closed the port."]),
    ("Peru protested. Funding support crucial Ruiz, speaking on Monday, rejected the claim.",
     ["Peru protested.", "Funding support crucial",
      "Ruiz, speaking on Monday, rejected the claim."]),
    # a title or a plural of people before names, a date, a name the tagger reads as a noun
    ("Peru protested. Security analyst Ana Ruiz said the fence was legal.",
     ["Peru protested.", "Security analyst Ana Ruiz said the fence was legal."]),
    ("Peru protested. Foreign ministers Ana Ruiz and Luis Vega met in Lima.",
     ["Peru protested.", "Foreign ministers Ana Ruiz and Luis Vega met in Lima."]),
    ("Peru protested. Former top Andean official Luis Vega said the fence was legal.",
     ["Peru protested.", "Former top Andean official Luis Vega said the fence was legal."]),
    ("Peru protested. Since last August, Lima has closed two ports.",
     ["Peru protested.", "Since last August, Lima has closed two ports."]),
    ("Peru protested. Andean trade group AndiNet said the fence was legal.",
     ["Peru protested.", "Andean trade group AndiNet said the fence was legal."]),
])
def test_a_subheading_run_into_its_paragraph_ends_before_it(coder: Coder, text, expected):
    assert [s.text for s in coder.nlp(text).sents] == expected


@pytest.mark.parametrize("text", ["Belarus delivered Su-27 fighters to Serbia.",
                                  "Russia delivered Su-27 fighters to Iran."])
def test_a_designation_the_tagger_calls_a_preposition_starts_no_sentence(coder: Coder, text):
    # the small tagger reads "Su-27" here as a preposition, like a run-in "If" or "The"
    assert [s.text for s in coder.nlp(text).sents] == [text]
    assert [e.cameo for e in coder.code_text(text)] == ["072"]
