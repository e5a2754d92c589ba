"""Session 44's cut of the coder's cost: the sentence pass of the actor resolver skips a
common noun whose phrase (the noun and every word below it) holds no word that can name an
actor or lead the resolver to one (``DocumentActors._names_no_actor``); such a noun resolves
to no actor whatever came before, so skipping it changes nothing. The words that may lead to
an actor are read once a document from the parse table (``_leads_to_actor``), and must be
those a word-by-word reading finds. docs/history/speed.md, "Session 44, the coder's cost
(helper)"."""

from __future__ import annotations

import pytest

from detente import parsetable as tree
from detente.actors.resolve import DocumentActors
from detente.coder import Coder

# written for these tests
TEXTS = [
    "Ghana imposed new economic sanctions on Togo. The delegation held long meetings about "
    "fishing quotas.",
    "The ministry's statement criticised Benin. Its plan for the border drew a protest.",
    "Chile freed 12 prisoners on Thursday, including a Peruvian citizen.",
    "The president of the commission, Ana Ruiz, said the long dispute over fishing rights "
    "with Peru would go to court.",
    "Officials from Bolivia met their counterparts; the two sides signed a deal on water.",
]


def actors_of(coder: Coder, doc) -> DocumentActors:
    return DocumentActors(doc, coder.actor_lexicon, coder.matcher, coder.office_holders)


@pytest.fixture(scope="module")
def docs(coder: Coder):
    return list(coder.nlp.pipe(TEXTS))


def skipped(coder: Coder, doc) -> dict[str, bool]:
    """Whether each common noun of the document is skipped, by its text."""
    with tree.coding(doc):
        actors = actors_of(coder, doc)
        return {t.text: actors._names_no_actor(t) for t in doc if t.pos_ == "NOUN"}


def test_a_noun_whose_phrase_names_no_one_is_skipped(coder: Coder, docs):
    found = skipped(coder, docs[0])
    assert found["sanctions"] and found["meetings"]


def test_a_noun_with_a_sector_owner_pronoun_or_name_below_it_is_walked(coder: Coder, docs):
    found = skipped(coder, docs[1])
    assert not found["statement"]  # ("the ministry's": a sector, which may lead to a state)
    assert not found["plan"]  # ("its": a pronoun)
    assert not skipped(coder, docs[3])["dispute"]  # ("with Peru": a name below it)


def test_a_plural_object_with_an_including_phrase_on_its_verb_is_walked(coder: Coder, docs):
    assert not skipped(coder, docs[2])["prisoners"]


def test_every_skipped_noun_resolves_to_no_actor(coder: Coder, docs):
    count = 0
    for doc in docs:
        with tree.coding(doc):
            actors = actors_of(coder, doc)
            for sent in doc.sents:
                actors.observe(sent)
            for token in doc:
                if token.pos_ == "NOUN" and actors._names_no_actor(token):
                    count += 1
                    assert actors.actors_for(token, conjuncts=False) == [], token.text
    assert count >= 5


def test_the_leading_words_are_those_a_word_by_word_reading_finds(coder: Coder, docs):
    for doc in docs:
        with tree.coding(doc):
            actors = actors_of(coder, doc)
            lexicon, refs = actors.lexicon, actors.lexicon.references
            ends = lexicon.sector_word_ends()
            lemmas = (actors._reference_lemmas | refs.posted_abroad | refs.introduced
                      | refs.members | ends)
            expected = [
                t.i in actors.mention_at or t.i in actors.person_at or t.is_title
                or t.ent_type_ == "PERSON" or t.pos_ in ("PROPN", "PRON")
                or t.tag_ in ("WP", "WDT", "WP$") or t.lemma_.lower() in lemmas
                or t.lower_.rstrip(".") in ends for t in doc]
            assert actors._leads_to_actor().tolist() == expected
