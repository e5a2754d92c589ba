"""Reading without the aside: a clause whose verb a relative clause, an apposition or a phrase
of manner cut off from its subject is parsed again without the aside (``detente.reparse``)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from detente.coder import Coder
from detente.reparse import read_without_asides


def _sides(coder: Coder, text: str) -> set[tuple[str, str, str]]:
    return {(e.source.country, e.target.country, e.trigger.text)
            for e in coder.code_text(text, "t", "2024-06-01")}


@pytest.mark.parametrize(("text", "expected"), [
    ("After months of quiet talks over the disputed islands, Japan, which has long been "
     "cautious, abruptly deported 40 Chinese fishermen to Beijing.",
     {("JPN", "CHN", "deported")}),
    ("Portugal, a longtime partner, shared concerns over Iran's nuclear programme.",
     {("PRT", "IRN", "shared")}),
    ("In a joint statement issued after their meeting in May, Oslo and Copenhagen, which have "
     "long been cautious, shared concerns over Russia's rapid build-up of forces.",
     {("NOR", "RUS", "shared"), ("DNK", "RUS", "shared")}),
    ("In a joint statement issued after their meeting in May, Oslo and Copenhagen, longtime "
     "partners, shared concerns over Russia's rapid build-up of forces.",
     {("NOR", "RUS", "shared"), ("DNK", "RUS", "shared")}),
    ("In a joint statement issued after their meeting in May, Oslo and Copenhagen, in a "
     "statement, shared concerns over Russia's rapid build-up of forces.",
     {("NOR", "RUS", "shared"), ("DNK", "RUS", "shared")}),
    ("Earlier in March, Peru, citing security concerns, expelled two Bolivian diplomats.",
     {("PER", "BOL", "expelled")}),
    ("After months of quiet talks over the disputed islands, Japan — which has long been "
     "cautious — abruptly deported 40 Chinese fishermen to Beijing.",
     {("JPN", "CHN", "deported")}),
    ("Portugal — a longtime partner — shared concerns over Iran's nuclear programme.",
     {("PRT", "IRN", "shared")}),
    ("After weeks of talks about the dam, Egypt, citing security concerns, abruptly recalled "
     "its ambassador from Ethiopia.", {("EGY", "ETH", "recalled")}),
    ("Underscoring their concern over the vote, several neighbours, including Peru and Chile, "
     "shared concerns over Bolivia's rapid build-up of forces.",
     {("PER", "BOL", "shared"), ("CHL", "BOL", "shared")}),
])
def test_a_clause_behind_an_aside_keeps_its_event(coder: Coder, text, expected):
    assert expected <= _sides(coder, text)


def test_the_reread_sentence_reports_the_texts_own_words_and_offsets(coder: Coder):
    text = ("Talks ended.\n\nPortugal, a longtime partner, shared concerns over Iran's nuclear "
            "programme.")
    event = next(e for e in coder.code_text(text, "t", "2024-06-01")
                 if e.target.country == "IRN")
    assert event.sentence == text[event.sentence_start:event.sentence_start + len(
        event.sentence)]
    assert event.sentence.startswith("Portugal, a longtime partner,")
    assert text[event.trigger.start:event.trigger.end] == "shared"


def test_the_aside_keeps_its_parse_and_hangs_on_its_noun(coder: Coder):
    doc = coder.nlp("After months of quiet talks over the disputed islands, Japan, which has "
                    "long been cautious, abruptly deported 40 Chinese fishermen to Beijing.")
    japan = next(t for t in doc if t.text == "Japan")
    verb = next(t for t in doc if t.text == "deported")
    assert japan.head == verb and japan.dep_ == "nsubj"
    clause = next(t for t in japan.children if t.dep_ == "relcl")
    assert {t.text for t in clause.subtree} >= {"which", "has", "long", "been", "cautious"}
    assert len(list(doc.sents)) == 1


# ---- the mechanism on hand-made parses: when it reads again, and what it keeps ----------------
WORDS = ["Peru", ",", "which", "was", "wary", ",", "condemned", "the", "test", "."]
CUT_OFF = dict(  # the verb hung on the aside, with no subject: the parse the mechanism mends
    heads=[0, 0, 3, 0, 3, 3, 3, 8, 6, 0],
    deps=["ROOT", "punct", "nsubj", "relcl", "acomp", "punct", "conj", "det", "dobj", "punct"],
)
WHOLE = dict(  # the same sentence read right: the verb has its subject
    heads=[6, 0, 3, 0, 3, 0, 6, 8, 6, 6],
    deps=["nsubj", "punct", "nsubj", "relcl", "acomp", "punct", "ROOT", "det", "dobj", "punct"],
)
TAGS = ["NNP", ",", "WDT", "VBD", "JJ", ",", "VBD", "DT", "NN", "."]
POS = ["PROPN", "PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "VERB", "DET", "NOUN", "PUNCT"]


def _doc(coder: Coder, words, tags, pos, heads, deps) -> Doc:
    return Doc(coder.nlp.vocab, words=words, tags=tags, pos=pos, heads=heads, deps=deps,
               spaces=[i + 1 < len(words) and words[i + 1] not in (",", ".")
                       for i in range(len(words))])


def _reduced(coder: Coder, heads, deps, tags=None):
    """A stand-in for the pipeline's parser, reading the sentence without its aside."""
    calls: list[list[str]] = []

    def parse(docs: list[Doc]) -> list[Doc]:
        calls.extend([t.text for t in doc] for doc in docs)
        return [_doc(coder, [t.text for t in doc], tags or ["NNP", "VBD", "DT", "NN", "."],
                     ["PROPN", "VERB", "DET", "NOUN", "PUNCT"], heads, deps) for doc in docs]
    return parse, calls


def test_a_verb_cut_off_by_an_aside_is_read_again_without_it(coder: Coder):
    doc = _doc(coder, WORDS, TAGS, POS, **CUT_OFF)
    parse, calls = _reduced(coder, [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"])
    read_without_asides(doc, parse)
    assert calls == [["Peru", "condemned", "the", "test", "."]]
    peru, verb = doc[0], doc[6]
    assert (peru.head, peru.dep_) == (verb, "nsubj") and verb.dep_ == "ROOT"
    assert doc[8].head == verb and doc[8].dep_ == "dobj"
    # the relative clause keeps its own words and hangs on the noun it follows
    assert (doc[3].head, doc[3].dep_) == (peru, "relcl") and doc[2].head == doc[3]
    assert doc[1].head == peru and doc[5].head == peru


def test_a_documents_broken_sentences_are_read_again_in_one_batch(coder: Coder):
    shift = len(WORDS)
    heads = CUT_OFF["heads"] + [h + shift for h in CUT_OFF["heads"]]
    doc = _doc(coder, WORDS + WORDS, TAGS + TAGS, POS + POS, heads, CUT_OFF["deps"] * 2)
    batches: list[int] = []
    parse, calls = _reduced(coder, [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"])

    def counted(docs: list[Doc]) -> list[Doc]:
        batches.append(len(docs))
        return parse(docs)
    read_without_asides(doc, counted)
    assert batches == [2]
    assert [(doc[i].head.i, doc[i].dep_) for i in (0, shift)] == [(6, "nsubj"),
                                                                 (shift + 6, "nsubj")]
    assert len(list(doc.sents)) == 2


def test_a_verb_with_its_subject_is_not_read_again(coder: Coder):
    doc = _doc(coder, WORDS, TAGS, POS, **WHOLE)
    parse, calls = _reduced(coder, [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"])
    read_without_asides(doc, parse)
    assert calls == []
    assert [t.head.i for t in doc] == WHOLE["heads"]


def test_a_second_reading_that_finds_no_subject_changes_nothing(coder: Coder):
    doc = _doc(coder, WORDS, TAGS, POS, **CUT_OFF)
    parse, calls = _reduced(coder, [0, 0, 3, 1, 0], ["ROOT", "acl", "det", "dobj", "punct"])
    read_without_asides(doc, parse)
    assert len(calls) == 1
    assert [t.head.i for t in doc] == CUT_OFF["heads"]


def test_a_participle_that_stays_a_modifier_is_not_made_a_clause(coder: Coder):
    """"Peru, which was wary, located ...": read again, the participle is still a participle
    with no auxiliary, a modifier rather than a verb that lost its subject."""
    words = [*WORDS[:6], "located", *WORDS[7:]]
    tags = [*TAGS[:6], "VBN", *TAGS[7:]]
    doc = _doc(coder, words, tags, POS, **CUT_OFF)
    parse, calls = _reduced(coder, [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"],
                            tags=["NNP", "VBN", "DT", "NN", "."])
    read_without_asides(doc, parse)
    assert len(calls) == 1
    assert [t.head.i for t in doc] == CUT_OFF["heads"]


@pytest.mark.parametrize(("text", "word", "label", "anchor"), [
    # a participle's clause is the verb's; a list of members stays on the noun it lists
    ("Earlier in March, Peru, citing security concerns, expelled two Bolivian diplomats.",
     "citing", "advcl", "expelled"),
    ("Underscoring their concern over the vote, several neighbours, including Peru and Chile, "
     "shared concerns over Bolivia's rapid build-up of forces.",
     "including", "prep", "neighbours"),
])
def test_each_kind_of_aside_hangs_where_it_belongs(coder: Coder, text, word, label, anchor):
    doc = coder.nlp(text)
    token = next(t for t in doc if t.text == word)
    assert (token.dep_, token.head.text) == (label, anchor)


@pytest.mark.parametrize("reading", [
    # a pipeline step that merged two words, and one that cut the sentence in two
    dict(words=["Peru", "condemned", "the test", "."], heads=[1, 1, 1, 1],
         deps=["nsubj", "ROOT", "dobj", "punct"]),
    dict(words=["Peru", "condemned", "the", "test", "."], heads=[1, 1, 3, 3, 3],
         deps=["nsubj", "ROOT", "det", "ROOT", "punct"]),
])
def test_a_reading_of_other_words_or_of_two_sentences_changes_nothing(coder: Coder, reading):
    doc = _doc(coder, WORDS, TAGS, POS, **CUT_OFF)
    size = len(reading["words"])

    def parse(docs: list[Doc]) -> list[Doc]:
        return [_doc(coder, reading["words"], ["NNP", "VBD", "DT", "NN", "."][:size],
                     ["PROPN", "VERB", "DET", "NOUN", "PUNCT"][:size], reading["heads"],
                     reading["deps"]) for _ in docs]
    read_without_asides(doc, parse)
    assert [t.head.i for t in doc] == CUT_OFF["heads"]


@pytest.mark.parametrize("text", [
    # a second verb of a list shares the first one's subject: the aside cut nothing off
    "Russia seized the Ukrainian town, a transport hub, shelled Kharkiv and attacked Odesa.",
    "Turkey detained the Swedish journalist, a critic of Ankara, deported him and banned his "
    "paper.",
    # the aside is a clause of its own, which the parser already reads
    "Peru, the foreign ministry said in a statement released late on Monday, will expel two "
    "Chilean diplomats.",
])
def test_what_is_no_aside_cutting_a_verb_off_is_read_as_before(coder: Coder, text):
    doc = coder.nlp(text)
    assert len(list(doc.sents)) == 1
    coder.nlp.disable_pipe("detente_reparse")
    try:
        without = _sides(coder, text)
    finally:
        coder.nlp.enable_pipe("detente_reparse")
    assert _sides(coder, text) == without and without


def test_an_adjective_set_off_itself_is_not_the_verb_after_an_aside(coder: Coder):
    text = "Two weeks after the coup in Niamey, ECOWAS, alarmed, threatened military intervention."
    assert not any(e.trigger.text == "alarmed" for e in coder.code_text(text, "t", "2024-06-01"))


def test_an_asides_own_root_hangs_with_it_and_splits_no_sentence(coder: Coder):
    """The first parse made the aside's verb the root: read again, it hangs on the noun with
    the rest of the aside, and the sentence stays one."""
    heads = [3, 0, 3, 3, 3, 3, 3, 8, 6, 3]
    deps = ["nsubj", "punct", "nsubj", "ROOT", "acomp", "punct", "conj", "det", "dobj", "punct"]
    doc = _doc(coder, WORDS, TAGS, POS, heads, deps)
    parse, _ = _reduced(coder, [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"])
    read_without_asides(doc, parse)
    assert (doc[3].head, doc[3].dep_) == (doc[0], "relcl")
    assert doc[6].dep_ == "ROOT" and len(list(doc.sents)) == 1
