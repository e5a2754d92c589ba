"""A clause read again without the aside that broke its parse.

"Oslo, which has long been cautious, condemned the test": set off between a subject and its
verb (by commas or dashes), a relative clause, an apposition ("Oslo, a longtime partner,"), a
phrase of manner ("Oslo, in a statement,") or a participle's clause ("Oslo, citing security
concerns,") makes the small parser end the clause at the closing mark: the verb after it is
left without a subject, hung on the aside as a second verb of its own, or read as an adjective
of the noun that follows ("condemned tests" as one noun phrase). The events of the clause are
lost: with such an aside added after the subject of each VOA event, 27 of 44 came back for a
relative clause, 34 for an apposition, 24 for a participle (``bench/metamorphic.py
--wordings``; 43, 44 and 40 with this module).

The mechanism, named "reading without the aside": where a sentence has such an aside and the
word after it is a verb form with no subject of its own, the sentence is parsed again without
the aside, by the same pipeline's own tagger and parser; when that reading gives the verb a
subject, it is taken for every word outside the aside. The aside keeps its own parse and hangs
on the noun it follows (as its relative clause or apposition, so an apposition still names who
the subject is: "Ana Ruiz, Chile's foreign minister, ..."; a list of members, ", including
Peru and Chile,", so the coder takes them as the subject's actors) or, a phrase of manner or a
participle's clause, on the verb. Nothing is dropped from the text: every word keeps its
offsets, entities and evidence. A sentence whose parse already gives the verb its subject is
not read again, and a reading that does not give it one is not used.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

# tags of a finite verb or of a participle the parser may have taken for an adjective
VERB_TAGS = ("VBD", "VBZ", "VBP", "VBN", "MD")
FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
RELATIVE_WORDS = ("which", "who", "whose", "whom")
# words opening a list of the noun's members ("Several states, including Peru and Chile,"):
# the list hangs on the noun, where the coder finds the members as actors
MEMBERS = ("including", "like", "such", "notably", "especially", "among")
NOMINAL = ("NOUN", "PROPN", "PRON")
NAMES = ("PERSON", "GPE", "ORG", "NORP")
# an aside longer than this is a clause of the sentence, not one set off inside it
MAX_ASIDE_TOKENS = 16
# adverbs or date words that may stand between the aside and its verb ("..., abruptly
# deported", "..., Sunday praised")
MAX_ADVERBS = 2

MARKS = (",", "—", "–", "--")
# what sets an aside off: two commas, or two dashes (with commas inside: "— which, like
# Chile, has ... —")
_SET_OFF_BY = (numpy.array([get_string_id(m) for m in MARKS[:1]], dtype="uint64"),
               numpy.array([get_string_id(m) for m in MARKS[1:]], dtype="uint64"))
# the pipeline's tagging and parsing, over a batch of unparsed sentences
Parse = Callable[[list[Doc]], list[Doc]]


@dataclass(frozen=True)
class Aside:
    """A span set off by two commas or dashes after a noun: their token indices."""

    opening: int
    closing: int
    verb: int  # the verb form after the closing mark

    @property
    def antecedent(self) -> int:
        return self.opening - 1


def read_without_asides(doc: Doc, parse: Parse, speech_verbs: frozenset[str] = frozenset()
                        ) -> Doc:
    """Parse again each sentence whose verb an aside cut off from its subject (all of a
    document's such sentences in one batch). An aside that is a speaker's clause ("Peru, the
    ministry said, will ..."; ``speech_verbs`` by lemma) is left as the parser read it."""
    asides = _broken_asides(doc, speech_verbs)
    if not asides:
        return doc
    readings = parse([_without(doc, aside) for aside in asides])
    changed = [(aside, reading) for aside, reading in zip(asides, readings, strict=True)
               if _verb_has_its_subject(doc, aside, reading)]
    if changed:
        _transplant(doc, changed)
    return doc


def _broken_asides(doc: Doc, speech_verbs: frozenset[str]) -> list[Aside]:
    """The first aside of each sentence whose following verb has no subject."""
    table = doc.to_array([ORTH, SENT_START])
    pairs = sorted(pair for marks in _SET_OFF_BY for pair in itertools.pairwise(
        numpy.flatnonzero(numpy.isin(table[:, 0], marks)).tolist()))
    if not pairs:
        return []
    starts = table[:, 1] == 1
    starts[0] = True
    sentence_of = (numpy.cumsum(starts) - 1).tolist()  # each word's sentence, from 0
    bounds = [*numpy.flatnonzero(starts).tolist(), len(doc)]  # (not Token.sent: a walk)
    found: dict[int, Aside] = {}
    for opening, closing in pairs:
        sentence = sentence_of[opening]
        if sentence in found or sentence_of[closing] != sentence or not (
                2 <= closing - opening <= MAX_ASIDE_TOKENS):
            continue
        aside = _aside_between(doc, opening, closing, bounds[sentence], bounds[sentence + 1],
                               speech_verbs)
        if aside is not None:
            found[sentence] = aside
    return list(found.values())


def _aside_between(doc: Doc, opening: int, closing: int, start: int, end: int,
                   speech_verbs: frozenset[str]) -> Aside | None:
    """Two marks of one sentence (from ``start`` to ``end``) that set off an aside after a
    noun, with a verb after it that has no subject."""
    if opening == start or not _ends_a_noun_phrase(doc[opening - 1]):
        return None
    verb = _verb_after(doc, closing, end)
    if verb is None or _has_subject(_predicate(verb)) or _shares_a_subject(
            _predicate(verb), opening):
        return None
    kind = _aside_kind(doc[opening + 1])
    if kind is None or _is_said(doc, opening, closing, speech_verbs):
        return None
    return Aside(opening, closing, verb.i)


def _shares_a_subject(verb: Token, opening: int) -> bool:
    """A second verb of a list before the aside, whose subject is the first verb's ("Oslo
    detained the envoy, a critic of the deal, expelled him and ..."); not the verb of a clause
    opened by a conjunction ("After Peru expelled them, Chile, furious, recalled ...")."""
    first = verb.head
    return verb.dep_ == "conj" and first.i < opening and _has_subject(first) and not any(
        child.dep_ == "mark" for child in first.children)


def _is_said(doc: Doc, opening: int, closing: int, speech_verbs: frozenset[str]) -> bool:
    """An aside that is a speaker's clause, a verb of saying with its subject inside ("Peru,
    the foreign ministry said, will expel ..."): the parser reads it as the main clause with
    the rest as what was said, which the coder reads as reported speech."""
    return any(doc[i].lemma_ in speech_verbs and doc[i].tag_ in FINITE_TAGS and any(
        child.dep_ in SUBJECTS and opening < child.i < closing for child in doc[i].children)
        for i in range(opening + 1, closing))


def _ends_a_noun_phrase(word: Token) -> bool:
    """A noun, or a name the tagger took for something else ("Trump" as an adjective)."""
    return word.pos_ in NOMINAL or word.ent_type_ in NAMES


def _verb_after(doc: Doc, mark: int, end: int) -> Token | None:
    """The verb form right after a mark, past at most two adverbs or words of a date
    ("..., abruptly deported", "..., Sunday praised")."""
    i = mark + 1
    while i < end and i - mark <= MAX_ADVERBS and (
            doc[i].tag_ == "RB" or doc[i].ent_type_ == "DATE"):
        i += 1
    if i >= end:
        return None
    word = doc[i]
    if not word.text[:1].islower():
        return None
    # "..., slammed the decision": a past form read as an adjective of the noun after it; not
    # one set off itself (", alarmed, threatened": the aside is "alarmed")
    if word.tag_ in VERB_TAGS or word.tag_ == "JJ" and word.lower_.endswith("ed") and not (
            i + 1 < end and doc[i + 1].text in MARKS):
        return word
    return None


def _predicate(verb: Token) -> Token:
    """The verb an auxiliary serves ("has met": "met"), else the verb itself."""
    return verb.head if verb.dep_ in ("aux", "auxpass") else verb


def _has_subject(verb: Token) -> bool:
    return any(child.dep_ in SUBJECTS for child in verb.children)


def _aside_kind(first: Token) -> str | None:
    """How the aside hangs: "relcl" for a relative clause, "members" for a list of the noun's
    members, "appos" for a noun phrase, "prep" for a phrase of manner or time, "advcl" for a
    participle's clause ("citing security concerns"), "acl" for a participle's phrase
    ("backed by Oslo"); None for anything else (a clause of its own, a quotation)."""
    if first.lower_ in RELATIVE_WORDS:
        return "relcl"
    if first.lower_ in MEMBERS:
        return "members"
    if first.tag_ in ("DT", "PRP$", "JJ", "NNP", "NN", "NNS", "NNPS", "CD"):
        return "appos"
    if first.tag_ == "IN" and first.lower_ not in ("that", "if", "because", "while") or (
            first.lower_ == "along"):
        return "prep"
    if first.tag_ == "VBG":
        return "advcl"
    if first.tag_ == "VBN":  # "backed by Oslo": a modifier of the noun
        return "acl"
    return None


def _kept(doc: Doc, aside: Aside) -> list[int]:
    """The sentence's words outside the aside and its marks."""
    sent = doc[aside.antecedent].sent
    return [i for i in range(sent.start, sent.end)
            if not aside.opening <= i <= aside.closing]


def _without(doc: Doc, aside: Aside) -> Doc:
    """The sentence without the aside, as one unparsed sentence."""
    kept = [doc[i] for i in _kept(doc, aside)]
    spaces = [bool(t.whitespace_) or t.i == aside.antecedent for t in kept]
    return Doc(doc.vocab, words=[t.text for t in kept], spaces=spaces,
               sent_starts=[True] + [False] * (len(kept) - 1))


def _verb_has_its_subject(doc: Doc, aside: Aside, reading: Doc) -> bool:
    """Whether the reading without the aside gives the verb after it a subject (in one tree
    over the same words: a pipeline that merges words or splits the sentence is not used)."""
    kept = _kept(doc, aside)
    if len(reading) != len(kept) or sum(t.head == t for t in reading) != 1:
        return False
    verb = _predicate(reading[kept.index(aside.verb)])
    # a participle that stays one ("Arica, the port of the dispute, located in ...") is a
    # modifier, which has no subject of its own: only a finite verb is a clause cut off
    finite = verb.tag_ in FINITE_TAGS or any(
        child.dep_ in ("aux", "auxpass") for child in verb.children)
    return finite and _has_subject(verb)


def _transplant(doc: Doc, readings: Sequence[tuple[Aside, Doc]]) -> None:
    """Write each reduced reading into the document, every word outside its aside."""
    attrs = [HEAD, DEP, TAG, POS, LEMMA, MORPH]
    table = doc.to_array(attrs).astype("int64")
    heads = numpy.arange(len(doc)) + table[:, 0]  # absolute heads
    for aside, reduced in readings:
        kept = _kept(doc, aside)
        new = reduced.to_array(attrs).astype("int64")
        for k, i in enumerate(kept):
            heads[i] = kept[k + new[k, 0]]
            table[i, 1:] = new[k, 1:]
        _hang_aside(doc, aside, heads, table)
    table[:, 0] = heads - numpy.arange(len(doc))
    doc.from_array(attrs, table.astype("uint64"))


def _hang_aside(doc: Doc, aside: Aside, heads: numpy.ndarray, table: numpy.ndarray) -> None:
    """The aside keeps its parse; its top word hangs on the noun before it (or the verb)."""
    inner = range(aside.opening + 1, aside.closing)
    # the words the aside hangs from: those headed outside it, and its own root if the first
    # parse made one (left a root, it would start a sentence of its own)
    tops = [i for i in inner if heads[i] == i or not aside.opening < heads[i] < aside.closing]
    kind = _aside_kind(doc[aside.opening + 1]) or "appos"
    top = max(tops, key=lambda i: len(list(doc[i].subtree))) if tops else inner[0]
    anchor = _verb_of(doc, aside, heads, table) if kind in ("prep", "advcl") else _noun_of(
        doc, aside, heads, table)
    for i in tops:
        heads[i] = top
    heads[top] = anchor
    table[top, 1] = doc.vocab.strings.add("prep" if kind == "members" else kind)
    punct = doc.vocab.strings.add("punct")
    for mark in (aside.opening, aside.closing):
        heads[mark] = anchor
        table[mark, 1] = punct


def _verb_of(doc: Doc, aside: Aside, heads: numpy.ndarray, table: numpy.ndarray) -> int:
    """The verb after the aside, or the verb its auxiliary serves, in the new reading."""
    if doc.vocab.strings[int(table[aside.verb, 1])] in ("aux", "auxpass"):
        return int(heads[aside.verb])
    return aside.verb


def _noun_of(doc: Doc, aside: Aside, heads: numpy.ndarray, table: numpy.ndarray) -> int:
    """The noun the aside is about: the verb's subject when the noun before the comma is part
    of the subject's phrase ("Ana Ruiz of Lima, who ...": Ruiz; "Oslo and Bern, partners,":
    Oslo), else the noun before the comma."""
    labels = doc.vocab.strings
    verb = _verb_of(doc, aside, heads, table)
    sent = doc[aside.antecedent].sent
    subjects = [i for i in range(sent.start, aside.opening)
                if heads[i] == verb and labels[int(table[i, 1])] in SUBJECTS]
    node = aside.antecedent
    for _ in range(len(sent)):  # up the new tree, at most the sentence's length
        if node in subjects:
            return node
        if heads[node] == node:
            break
        node = int(heads[node])
    return aside.antecedent
