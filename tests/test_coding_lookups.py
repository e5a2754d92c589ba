"""What the coder looks up once a document instead of asking spaCy again and again (session
35's speed work) gives what spaCy gives: each token's sentence, a name's key, the words'
tags, labels and children read from the document's arrays, the walk from the root down, a
sentence's equipment found in its text cut from the document's; and session 36's: a title
found from its last word, an actor made and recorded field by field, the helpers that read a
token's children from the table of the document being coded (as spaCy's own attributes),
texts cut from the document's text joined once."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from detente import parsetable as tree
from detente.actors.people import name_key
from detente.actors.resolve import DocumentActors
from detente.coder import Coder
from detente.events.arms import find_equipment
from detente.events.extract import _by_depth
from detente.parsetable import ParseTable, string_ids

# written for these tests: a dateline (a boundary the structure component sets), a quote, a
# glued weekday the parse repairs, "according to"
TEXTS = [
    "OSLO, March 3 (Reuters) - Norway and Denmark signed a fisheries agreement on Monday. "
    "The Danish foreign minister, Lars Holm, said Copenhagen would send a team to Oslo.\n\n"
    "\"We will talk again next month,\" he said.",
    "Norway hosted German Chancellor Hans Weber Monday. Chile was not invited.",
    "According to Chilean officials, Peru moved troops to the border. Bolivia did not respond, "
    "and ACCORDING TO its envoy it never will.",
]


@pytest.fixture(scope="module")
def docs(coder: Coder):
    return list(coder.nlp.pipe(TEXTS))


def test_a_tokens_sentence_is_the_one_spacy_gives(coder: Coder, docs):
    for doc in docs:
        actors = DocumentActors(doc, coder.actor_lexicon, coder.matcher)
        found = [(actors.sentence_at(t.i).start, actors.sentence_at(t.i).end) for t in doc]
        assert found == [(t.sent.start, t.sent.end) for t in doc]
        assert len(set(found)) > 1


@pytest.mark.parametrize(("written", "key"), [
    ("Recep Tayyip ERDOĞAN", "recep tayyip erdogan"),
    ("Recep Tayyip Erdogan", "recep tayyip erdogan"),
    ("Jovenel Moïse", "jovenel moise"),
    ("Jean-Marc AYRAULT", "jean-marc ayrault"),
])
def test_a_names_key_drops_case_and_accents(written, key):
    assert name_key(written) == key


def _table_as_spacy_reads_it(doc: Doc) -> list[tuple]:
    return [(t.pos_, t.dep, t.lower, t.head.i, [c.i for c in t.children]) for t in doc]


def _table(doc: Doc) -> list[tuple]:
    table = ParseTable(doc)
    return [(table.pos[i], table.dep[i], table.lower[i], table.heads[i], list(table.children(i)))
            for i in range(len(doc))]


def test_the_table_holds_what_the_tokens_say(docs):
    for doc in docs:
        assert _table(doc) == _table_as_spacy_reads_it(doc)


def test_the_children_follow_a_head_set_after_the_parse():
    # (as the parse repairs do: spaCy moves the edges that token.children reads)
    words = ["Chile", "and", "Peru", "signed", "a", "pact", "in", "Lima", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[3, 0, 0, 3, 5, 3, 5, 6, 3],
              deps=["nsubj", "cc", "conj", "ROOT", "det", "dobj", "prep", "pobj", "punct"])
    doc[6].head = doc[3]  # "in Lima" moves from the pact to the signing
    doc[2].head = doc[3]
    assert [c.i for c in doc[3].children] == [0, 2, 5, 6, 8]
    assert _table(doc) == _table_as_spacy_reads_it(doc)


def test_labels_and_words_are_compared_by_their_ids(docs):
    table = ParseTable(docs[2])
    according = [t for t in docs[2] if t.lower_ == "according"]
    assert len(according) == 2
    for token in according:
        assert table.lower[token.i] in string_ids("according")
        assert table.dep[token.i] in string_ids(token.dep_)
        assert table.dep[token.i] not in string_ids("nsubj", "dobj")


def _by_depth_through_tokens(sent) -> list[int]:
    order, queue, seen = [], [sent.root], {sent.root.i}
    while queue:
        token = queue.pop(0)
        order.append(token.i)
        for child in token.children:
            if child.i not in seen:
                seen.add(child.i)
                queue.append(child)
    return order + [t.i for t in sent if t.i not in seen]


def test_the_walk_from_the_root_visits_as_the_tokens_children_lead(docs):
    for doc in docs:
        table = ParseTable(doc)
        for sent in doc.sents:
            assert _by_depth(sent, table) == _by_depth_through_tokens(sent)
            assert sorted(_by_depth(sent, table)) == list(range(sent.start, sent.end))


def test_equipment_is_found_alike_in_the_text_cut_from_the_documents(coder: Coder):
    doc = coder.nlp("Norway bought F-35 jets and two Patriot batteries from Washington. "
                    "Chile ordered Leopard 2 tanks.\n\nPeru wants S-300 systems.")
    found = [find_equipment(sent, doc.text[sent.start_char : sent.end_char])
             for sent in doc.sents]
    assert found == [find_equipment(sent) for sent in doc.sents]
    assert sum(len(items) for items in found) >= 3


# ---- session 36: words and actors asked for again and again ----------------------------

def test_a_title_is_found_by_its_last_word_as_by_every_ending(coder: Coder):
    lexicon = coder.actor_lexicon

    def every_ending(words: list[str]):
        lowered = tuple(w.lower().rstrip(".") for w in words)
        return next((lexicon.titles[lowered[start:]] for start in range(len(lowered))
                     if lowered[start:] in lexicon.titles), None)

    asked = [["Iranian", "Defense", "Minister"], ["Prime", "Minister."], ["minister"],
             ["Foreign", "Ministry"], ["talks"], [], ["the", "Secretary-General"]]
    asked += [list(words) for words in list(lexicon.titles)[:200]]
    for words in asked:
        assert lexicon.title_for(words) == every_ending(words)
    assert any(lexicon.title_for(words) for words in asked)


def test_a_title_added_later_is_found():
    from detente.actors.lexicon import ActorLexicon, Title

    lexicon = ActorLexicon()
    assert lexicon.title_for(["chief", "envoy"]) is None
    lexicon.titles[("chief", "envoy")] = Title(("chief", "envoy"), "chief envoy", "GOV", None)
    assert lexicon.title_for(["The", "Chief", "Envoy"]).text == "chief envoy"


def test_an_actors_record_has_every_field(coder: Coder):
    import dataclasses

    from detente.model import Actor

    actor = Actor("Kenya", "KEN", "KEN", "GOV", "x", "y", "state", 3, 8)
    assert actor.to_dict() == dataclasses.asdict(actor)
    assert list(actor.to_dict()) == [f.name for f in dataclasses.fields(Actor)]


def test_an_actor_is_made_with_every_field_and_stays_frozen():
    import dataclasses
    import inspect
    import pickle

    from detente.model import Actor

    fields = dataclasses.fields(Actor)
    parameters = list(inspect.signature(Actor.__init__).parameters.values())[1:]
    assert [(p.name, p.default) for p in parameters] == [
        (f.name, inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
        for f in fields]
    actor = Actor("Kenya", "KEN", "KEN", start=3, end=8)
    assert dataclasses.replace(actor, text="Nairobi") == Actor("Nairobi", "KEN", "KEN", None,
                                                               None, None, "state", 3, 8)
    assert pickle.loads(pickle.dumps(actor)) == actor and hash(actor) == hash(Actor(
        "Kenya", "KEN", "KEN", start=3, end=8))
    with pytest.raises(dataclasses.FrozenInstanceError):
        actor.code = "UGA"


# ---- session 36: the table read while a document is coded ----------------------------------

# written for these tests: coordination, a negated conjunct, appositions, a title "of", a
# clause, a quote
MORE_TEXTS = [
    "Chile, Peru and Bolivia, but not Ecuador, signed the accord, which Brazil welcomed.",
    "The chair of the Andean Council, Maria Lopez, said Quito would not send troops.",
    "\"We will talk,\" the Norwegian envoy told reporters in Oslo on Monday.",
]


@pytest.fixture(scope="module")
def more_docs(coder: Coder):
    return list(coder.nlp.pipe(TEXTS + MORE_TEXTS))


def _spacy_answers(doc: Doc) -> list[tuple]:
    """What each helper answers for every token, and what spaCy's own attributes say."""
    found = []
    for token in doc:
        found.append((
            [c.i for c in tree.children(token)], [c.i for c in token.children],
            [c.i for c in tree.subtree(token)], [c.i for c in token.subtree],
            [c.i for c in tree.conjuncts(token)], [c.i for c in token.conjuncts],
            [c.i for c in tree.labelled(token, ("prep", "appos"))],
            [c.i for c in token.children if c.dep_ in ("prep", "appos")],
            getattr(tree.child(token, "prep", "of"), "i", None),
            next((c.i for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None),
            tree.has_child(token, None, ("the", "a")),
            any(c.lower_ in ("the", "a") for c in token.children),
            tree.child_labels(token), [c.dep_ for c in token.children],
            (tree.sentence(token).start, tree.sentence(token).end),
            (token.sent.start, token.sent.end),
        ))
    return found


def test_the_helpers_answer_as_spacy_inside_and_outside_the_coding_block(more_docs):
    for doc in more_docs:
        outside = _spacy_answers(doc)
        for row in outside:  # each helper's answer outside the block is spaCy's own
            assert row[0::2] == row[1::2]
        with tree.coding(doc):
            assert _spacy_answers(doc) == outside


def test_the_table_holds_lemmas_labels_and_conjuncts_as_the_tokens_do(more_docs):
    for doc in more_docs:
        table = ParseTable(doc)
        assert table.lemmas == [t.lemma_.lower() for t in doc]
        assert table.lemma_ids == [t.lemma for t in doc]
        assert table.dep_ == [t.dep_ for t in doc]
        assert [table.conjuncts(t.i) for t in doc] == [[c.i for c in t.conjuncts] for t in doc]
    empty = ParseTable(Doc(spacy.blank("en").vocab, words=[]))
    assert empty.kids == empty.lemmas == empty.pos == []


def test_the_table_is_the_blocks_and_its_documents(coder: Coder):
    words = ["Chile", "and", "Peru", "signed", "a", "pact", "in", "Lima", "."]
    doc = Doc(coder.nlp.vocab, words=words, heads=[3, 0, 0, 3, 5, 3, 5, 6, 3],
              deps=["nsubj", "cc", "conj", "ROOT", "det", "dobj", "prep", "pobj", "punct"])
    other = coder.nlp("Norway hosted Denmark.")
    with tree.coding(doc) as table:
        with tree.coding(doc) as inner:  # (a block inside another, for the same document)
            assert inner is table
        assert tree.table_of(doc) is table and tree.table_of(other) is None
        # a token of another document is read from spaCy, not from this table
        assert [c.i for c in tree.children(other[1])] == [c.i for c in other[1].children]
        assert [c.i for c in tree.children(doc[5])] == [4, 6]
    assert tree.table_of(doc) is None
    doc[6].head = doc[3]  # the parse changed after the block: the next block reads it anew
    with tree.coding(doc):
        assert [c.i for c in tree.children(doc[5])] == [4]
        assert [c.i for c in tree.children(doc[3])] == [0, 5, 6, 8]
    with pytest.raises(RuntimeError), tree.coding(doc):
        raise RuntimeError
    assert tree.table_of(doc) is None  # (the block is left behind after an error too)


def test_the_entities_are_read_once_as_the_document_holds_them(coder: Coder):
    # a known office holder the entity recogniser may read otherwise: set as a person
    doc = coder.nlp("Thabo Mbeki met Kenyan officials in Nairobi on Monday.")
    actors = DocumentActors(doc, coder.actor_lexicon, coder.matcher, coder.office_holders)
    assert actors._entity_spans == doc.ents
    assert [(e.start, e.end, e.label_) for e in actors._entity_spans] == [
        (e.start, e.end, e.label_) for e in doc.ents]
    assert ("Thabo Mbeki", "PERSON") in [(e.text, e.label_) for e in doc.ents]


# ---- session 36: texts cut from the document's, joined once ------------------------------

def test_texts_are_cut_from_the_documents_text_joined_once(more_docs):
    for doc in more_docs:
        table = ParseTable(doc)
        assert table.text == doc.text
        assert [table.span_text(s) for s in doc.sents] == [s.text for s in doc.sents]
        assert [table.span_text(e) for e in doc.ents] == [e.text for e in doc.ents]
        assert all(table.words_text(start, end) == doc[start:end].text
                   for start in range(len(doc)) for end in range(len(doc) + 2))
        with tree.coding(doc):
            assert tree.document_text(doc) == doc.text
            assert [tree.span_text(s) for s in doc.sents] == [s.text for s in doc.sents]
            assert [s.start for s in tree.sentences(doc)] == [s.start for s in doc.sents]


def test_the_pipeline_steps_sentences_are_the_ones_coded_afresh(coder: Coder):
    from detente.coder import EVENTS_KEY, Article, sentence_records

    # (a doubled space the reading copy leaves out: the offsets are the text's own)
    text = "Norway  and Chile signed a pact.\n\nPeru protested on Monday."
    article = Article("s36", text, "2024-05-01")
    [(doc, _)] = coder.nlp.pipe([(text, article)], as_tuples=True)
    records = doc.user_data[EVENTS_KEY]["sentences"]
    assert records == sentence_records(doc)
    assert [text[start:end] for _, start, end, _ in records] == [r[3] for r in records]
    coded = coder._coded(doc, article)
    assert coded.sentences == records


def test_a_spans_root_and_an_empty_documents_text_are_spacys(more_docs):
    for doc in more_docs:
        table = ParseTable(doc)
        spans = [*doc.sents, *doc.ents, doc[2:6], doc[:]]
        assert [table.root_of(s) for s in spans] == [s.root.i for s in spans]
        assert [table.root_of(s) for s in spans] == [s.root.i for s in spans]  # (kept)
        with tree.coding(doc):
            assert [tree.root_of(s) for s in spans] == [s.root.i for s in spans]
    vocab = spacy.blank("en").vocab
    assert ParseTable(Doc(vocab, words=[])).text == ""
    spaced = Doc(vocab, words=["Oslo", "\n\n", "said", "."], spaces=[True, False, False, True])
    assert ParseTable(spaced).text == spaced.text == "Oslo \n\nsaid. "


# ---- session 37: the few words a scan wants, found once a document ------------------------

def test_the_words_a_scan_wants_are_the_ones_a_word_by_word_scan_finds(coder: Coder, more_docs):
    speech = coder.sentence_coder.lexicon.speech_verbs
    for doc in more_docs:
        table = ParseTable(doc)
        assert table.verbs_of(speech) == [t.i for t in doc if t.pos_ == "VERB"
                                          and t.lemma_.lower() in speech]
        assert table.according() == [t.i for t in doc if t.lower_ == "according"
                                     and t.dep_ == "prep"]
        assert table.nominals() == [t.i for t in doc if t.pos_ in ("NOUN", "PROPN")
                                    and t.dep_ not in ("compound", "amod")]
        assert table.of_pos(("VERB", "ADJ")) == [t.i for t in doc if t.pos_ in ("VERB", "ADJ")]
        for sent in doc.sents:
            assert tree.within(table.nominals(), sent.start, sent.end) == [
                t.i for t in sent if t.i in table.nominals()]
    found = [ParseTable(doc) for doc in more_docs]
    assert sum(len(t.verbs_of(speech)) for t in found) >= 3
    assert sum(len(t.according()) for t in found) >= 2
    other = frozenset({"sign"})  # (another set of lemmas is found for itself)
    assert [found[3].doc[i].lemma_ for i in found[3].verbs_of(other)] == ["sign"]
    assert tree.within([2, 5, 9], 5, 9) == [5] and tree.within([], 0, 3) == []


def test_the_entities_are_set_again_only_when_that_changes_the_document(coder: Coder):
    from spacy.tokens import Span

    from detente.actors.resolve import _same_entities

    words = ["Thabo", "Mbeki", "met", "Kenyan", "officials", "in", "Nairobi", "."]
    doc = Doc(coder.nlp.vocab, words=words,
              ents=["B-PERSON", "I-PERSON", "O", "B-NORP", "O", "O", "B-GPE", "O"])
    same = tuple(Span(doc, e.start, e.end, label=e.label_) for e in doc.ents)
    assert _same_entities(doc, doc.ents, same)
    assert not _same_entities(doc, doc.ents, same[:2])
    assert not _same_entities(doc, doc.ents, (Span(doc, 0, 2, label="ORG"), *same[1:]))
    assert not _same_entities(doc, doc.ents, (Span(doc, 0, 1, label="PERSON"), *same[1:]))
    linked = (Span(doc, 0, 2, label="PERSON", kb_id="Q1"), *same[1:])
    assert not _same_entities(doc, doc.ents, linked)
    # a word whose entity tag is missing is marked outside by the setter: set again
    partly = Doc(coder.nlp.vocab, words=words, ents=["B-PERSON", "I-PERSON"] + [None] * 6)
    assert not _same_entities(partly, partly.ents,
                              (Span(partly, 0, 2, label="PERSON"),))
    # a known office holder read as something else becomes a person; one read as a person
    # stays as the recogniser set it
    for ents, expected in ((["B-GPE", "I-GPE"], "PERSON"), (["B-PERSON", "I-PERSON"], "PERSON")):
        doc = Doc(coder.nlp.vocab, words=words, ents=[*ents, "O", "B-NORP", "O", "O", "B-GPE", "O"])
        with tree.coding(doc):
            actors = DocumentActors(doc, coder.actor_lexicon, coder.matcher, coder.office_holders)
        assert [(e.start, e.end, e.label_) for e in doc.ents] == [
            (0, 2, expected), (3, 4, "NORP"), (6, 7, "GPE")]
        assert [(e.start, e.end, e.label_) for e in actors._entity_spans] == [
            (e.start, e.end, e.label_) for e in doc.ents]
