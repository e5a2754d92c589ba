"""Repairs of the parse where the small model predictably goes wrong, after it has run.

A weekday glued after a name ("met Foreign Minister Ana Ruiz Monday", "visited Oslo Tuesday")
is tagged as a proper noun, so the parser makes the whole run one noun phrase headed by the
weekday: the name becomes its compound and the phrase a temporal modifier, and the verb loses
its object. The repair hands the weekday's place in the tree back to the name and hangs the
weekday on the clause as the time modifier it is. No extra parse: only heads and labels move.
"""

from __future__ import annotations

import calendar
from collections.abc import Container
from functools import lru_cache

import numpy
from spacy.attrs import DEP, LOWER, POS
from spacy.parts_of_speech import PROPN
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from detente.actors.lexicon import packaged_countries
from detente.events.lexicon import verbs_table

NOMINAL = ("PROPN", "NOUN")
# labels the parser gives a weekday it took for a bare time modifier of the clause
TIME_LABELS = ("npadvmod", "tmod", "obl:tmod")
# tags of a verb that can take a subject of its own
FINITE_TAGS = ("VBD", "VBZ", "VBP")
# labels of a noun's place in a clause (a "verb" so placed is a noun the tagger misread)
NOMINAL_LABELS = ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "compound")
# entities of a name that may modify a verb as an adverb ("met Monday")
TIME_ENTITIES = ("DATE", "TIME")
# entities a time modifier never is
NAME_ENTITIES = ("PERSON", "GPE", "ORG", "NORP")


@lru_cache(maxsize=1)
def weekdays() -> frozenset[str]:
    """Weekday names in lower case (calendar's, so no word list of our own)."""
    return frozenset(day.lower() for day in calendar.day_name)


@lru_cache(maxsize=1)
def _weekday_keys() -> numpy.ndarray:
    """The weekday names as spaCy's string keys, to find them in an array of lower-case forms."""
    return numpy.array(sorted(get_string_id(day) for day in weekdays()), dtype="uint64")


# the words that join a second subject to a first when the parser makes both subjects of
# the verb (", and" only with the serial comma: "Chile and Peru" it parses as a list)
SECOND_SUBJECT_JOINERS = ((",", "and"), (",", "or"), ("as", "well", "as"), ("and", "also"),
                          ("together", "with"))

# words between a subject and its verb that hang on the verb ("has", "also", "not")
VERB_PREMODIFIERS = ("aux", "auxpass", "advmod", "neg")

_APPOS, _NSUBJ = get_string_id("appos"), get_string_id("nsubj")
_POBJ = get_string_id("pobj")
_SUBJECT_KEYS = numpy.array([get_string_id("nsubj"), get_string_id("nsubjpass")], dtype="uint64")
_ADVCL = get_string_id("advcl")
_NPADVMOD = get_string_id("npadvmod")
_NAME_ON_VERB_KEYS = numpy.array([_NPADVMOD, get_string_id("compound")], dtype="uint64")
_CONJ = get_string_id("conj")
_PREP = get_string_id("prep")
_ACL, _WHOSE = get_string_id("acl"), get_string_id("whose")
_XCOMP = get_string_id("xcomp")
_RELCL = get_string_id("relcl")
_OPRD = get_string_id("oprd")
_WITH = get_string_id("with")
_TIME_KEYS = numpy.array([get_string_id(label) for label in TIME_LABELS], dtype="uint64")


def repair(doc: Doc, verbs: Container[str] = frozenset()) -> Doc:
    """Every repair, in turn (``verbs``: the English verbs, for words a repair may read as
    one)."""
    repair_glued_weekdays(doc)
    repair_names_with_and(doc)
    repair_serial_lists(doc)
    repair_objects_of_coordinators(doc)
    repair_stray_objects(doc)
    repair_with_infinitives(doc)
    repair_verbless_sentences(doc)
    repair_stranded_predicates(doc)
    repair_fronted_subjects(doc)
    repair_subjects_on_auxiliaries(doc)
    repair_headline_pairs(doc)
    repair_subjects_read_as_adverbs(doc)
    repair_verbs_after_closed_relatives(doc)
    repair_whose_appositions(doc)
    repair_that_clauses_of_verbs(doc, verbs)
    repair_with_absolutes(doc)
    repair_headline_verbs(doc, verbs)
    repair_complements_with_subjects(doc)
    repair_relative_verbs(doc, verbs)
    repair_merged_objects(doc)
    return doc


@lru_cache(maxsize=1)
def _names_with_and() -> dict[int, tuple[tuple[str, ...], ...]]:
    """The states' names with "and" inside ("Bosnia and Herzegovina", "Trinidad and Tobago"),
    as lower-case words, by where "and" stands in them (actors.yaml's own names)."""
    found: dict[int, set[tuple[str, ...]]] = {}
    for country in packaged_countries():
        for name in country.get("names") or []:
            words = tuple(str(name).lower().split())
            if "and" in words[1:-1]:
                found.setdefault(words.index("and"), set()).add(words)
    return {place: tuple(sorted(names)) for place, names in found.items()}


def repair_names_with_and(doc: Doc) -> Doc:
    """"Bosnia and Herzegovina's foreign minister Ana Ruiz said": the parser reads the name's
    "and" as joining two phrases, so the first word is the subject, the title its conjunct
    and the person named its apposition, and the title gives the name no office. A state's
    name is one phrase headed by its last word: the name's other words hang on it, and the
    phrase it heads takes the place the parser gave the first word."""
    for i in numpy.flatnonzero(doc.to_array(LOWER) == get_string_id("and")).tolist():
        for place, names in _names_with_and().items():
            start = i - place
            if start < 0 or not doc[start].is_title:
                continue
            for words in names:
                end = start + len(words)
                if end <= len(doc) and tuple(t.lower_ for t in doc[start:end]) == words:
                    _mend_name(doc, start, end)
    return doc


def _mend_name(doc: Doc, start: int, end: int) -> None:
    """Make doc[start:end] one phrase headed by its last word (see ``repair_names_with_and``)."""
    first, last = doc[start], doc[end - 1]
    inside = range(start, end)
    if first.head == first or first.head.i in inside or last.head == last:
        return  # (the name as a sentence's root, or read otherwise: left as parsed)
    phrase = last
    while phrase.head.i not in inside and phrase.head != phrase:
        phrase = phrase.head  # "Herzegovina's foreign minister": up to what hangs on "Bosnia"
    if phrase.head != first:
        return
    head, label = first.head, first.dep_
    if label == "conj" and phrase != last and not any(c.dep_ == "cc" and c.i not in inside
                                   for member in (head, *head.conjuncts)
                                   for c in member.children):
        # ("Ana Ruiz, Bosnia and Herzegovina's top diplomat,": a title the name owns, with no
        # coordinator but the name's own; a list has one of its own, "Chile, Bosnia and
        # Herzegovina's president and Peru's")
        label = "appos"
    for child in list(first.children):
        if child.i not in inside and child != phrase:
            child.head = phrase  # (the person apposed to the title, "the", ...)
    phrase.head, phrase.dep_ = head, label
    for word in doc[start : end - 1]:
        word.head, word.dep_ = last, "compound"


def repair_stranded_predicates(doc: Doc) -> Doc:
    """"Iran, which borders both countries, offered to mediate": after a clause set off by
    commas, the parser may make the subject the root and hang the main verb on it as a
    modifier. A sentence whose root is a noun, with a finite-looking verb after a comma that
    has no subject of its own, is that noun's clause: the verb becomes the root."""
    for sent in doc.sents:
        root = sent.root
        if root.pos_ not in NOMINAL:
            continue
        verb = next((c for c in root.children if c.dep_ == "acl" and _stranded(c, root)
                     and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)
        if verb is None:
            continue
        verb.head, verb.dep_, verb.pos_ = verb, "ROOT", "VERB"
        verb.tag_ = "VBD"
        root.head, root.dep_ = verb, "nsubj"
        _split_predicates(verb)
    return doc


def _stranded(verb: Token, root: Token) -> bool:
    """A verb after a comma that follows the root noun's clause, or right after the root noun
    a past tense or a verb with an object and a predicate ("Accra's foreign minister called
    the charges baseless": the parser hung "called" on "minister"; "a man called Kofi" keeps
    its participle)."""
    doc = verb.doc
    after_comma = verb.tag_ in ("VBD", "VBN") and verb.i > root.i + 1 and (
        doc[verb.i - 1].text == ",")
    return after_comma or (verb.i == root.i + 1 and (
        verb.tag_ == "VBD" or (verb.tag_ == "VBN" and _object_and_predicate(verb) is not None)))


def _object_and_predicate(verb: Token) -> Token | None:
    """"called Lima's charges baseless": the noun of two predicates the parser gave the verb,
    a noun before an adjective, which is the object."""
    predicates = [c for c in verb.children if c.dep_ == "oprd"]
    if len(predicates) == 2 and predicates[0].pos_ in NOMINAL and (
            predicates[1].pos_ == "ADJ") and not any(c.dep_ == "dobj" for c in verb.children):
        return predicates[0]
    return None


def _split_predicates(verb: Token) -> None:
    obj = _object_and_predicate(verb)
    if obj is not None:
        obj.dep_ = "dobj"


def repair_fronted_subjects(doc: Doc) -> Doc:
    """"Unlike Niger, Mexico condemned Chile", "During a visit to Oslo, Peru's president
    criticized ...", "After talks with Niger, Mexico condemned ...": after a phrase fronted by
    a preposition and a comma, the parser may hang the subject on the phrase's last noun as
    an apposition or a conjunct, leaving the verb without a subject (or with the preposition,
    or the fronted noun after "after", as one). The noun phrase right before such a verb is
    its subject, and the fronted words a phrase again."""
    for sent in doc.sents:
        verb = sent.root
        opener = sent[0]
        if verb.pos_ not in ("VERB", "AUX") or opener.pos_ not in ("ADP", "SCONJ"):
            continue
        subject = _stranded_subject(verb, opener)
        if subject is None:
            continue
        for child in list(verb.children):
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < subject.i:
                _make_fronted_phrase(child, opener)
        if opener.head == verb and opener.dep_ in ("nsubj", "mark"):
            opener.dep_ = "prep"
        subject.head, subject.dep_ = verb, "nsubj"
    return doc


def _stranded_subject(verb: Token, opener: Token) -> Token | None:
    """The apposed or conjoined noun phrase ending right before the verb, set off by a comma
    from the fronted phrase it was hung on."""
    doc = verb.doc
    end = verb.i - 1
    while end > opener.i and doc[end].head == verb and doc[end].dep_ in VERB_PREMODIFIERS:
        end -= 1
    last = doc[end]
    phrase = last if last.dep_ in ("appos", "conj") else last.head
    while phrase.dep_ == "conj" and phrase.head.dep_ == "conj" and phrase.head.i > opener.i:
        phrase = phrase.head  # "Bosnia and Herzegovina": the first of the name's conjuncts
    if phrase.dep_ not in ("appos", "conj") or phrase.pos_ not in NOMINAL:
        return None
    if phrase.right_edge.i != end or doc[phrase.left_edge.i - 1].text != ",":
        return None
    fronted = phrase.head
    if not opener.i <= fronted.i < phrase.left_edge.i or fronted.pos_ not in NOMINAL:
        return None
    # the noun it hangs on is the fronted phrase's, reached from the opener
    return phrase if opener.i <= fronted.left_edge.i and _within(fronted, opener, verb) else None


def _within(token: Token, opener: Token, verb: Token) -> bool:
    """Whether a word hangs, through its heads, on the opener or on the verb's fronted
    subject (not on the verb's later words)."""
    while token != verb and token.head != token:
        if token == opener:
            return True
        if token.head == verb:
            return token.i < opener.i + 3 and token.dep_ in ("nsubj", "prep", "mark", "advcl")
        token = token.head
    return False


def _make_fronted_phrase(noun: Token, opener: Token) -> None:
    """"After talks with Niger, ...": the noun the parser took for the subject is the
    object of the fronted preposition."""
    if opener.head == noun.head and opener.i < noun.i and opener.dep_ in ("mark", "prep"):
        opener.dep_ = "prep"
        noun.head, noun.dep_ = opener, "pobj"


def repair_subjects_on_auxiliaries(doc: Doc) -> Doc:
    """"Angola has been mediating between them": the parser may hang the subject on an
    auxiliary ("been") instead of the verb the auxiliary serves; it is that verb's subject."""
    labels = doc.to_array(DEP)
    for i in numpy.flatnonzero(numpy.isin(labels, _SUBJECT_KEYS)).tolist():
        subject = doc[i]
        auxiliary = subject.head
        if auxiliary.dep_ in ("aux", "auxpass") and auxiliary.head.pos_ in ("VERB", "AUX") and (
                auxiliary.head != auxiliary):
            subject.head = auxiliary.head
    return doc


def repair_verbless_sentences(doc: Doc) -> Doc:
    """"Azerbaijan massed troops along the border.": the parser may read a whole sentence as
    one noun phrase, the past-tense verb as a modifier of its object. A sentence whose root is
    a noun, with a verb in the past tense modifying it right after a name, is that name's
    clause: the verb becomes the root, the name its subject and the noun its object."""
    for sent in doc.sents:
        root = sent.root
        if root.pos_ not in NOMINAL:
            continue
        # (or its participle's form: "Chad hosted talks with Brazil" tags "hosted" VBN)
        verb = next((c for c in root.children if c.dep_ == "amod" and c.tag_ in ("VBD", "VBN")
                     and c.i > sent.start), None)
        if verb is None:
            continue
        subject = doc[verb.i - 1]
        if subject.pos_ != "PROPN" or subject.head != verb:
            continue
        verb.head, verb.dep_, verb.pos_ = verb, "ROOT", "VERB"
        verb.tag_ = "VBD"
        subject.dep_ = "nsubj"
        for child in list(root.children):
            if child.dep_ == "prep":
                child.head = verb  # "along its border": where the act is done
        root.head, root.dep_ = verb, "dobj"
    return doc


def repair_with_infinitives(doc: Doc) -> Doc:
    """"sought to engage with Taliban leaders to offer an assessment": the parser reads "with
    X to V" as a clause whose subject is X. The "with" phrase is the verb's partner and the
    infinitive the purpose of the verb it hangs on, done by that verb's subject."""
    for i in numpy.flatnonzero(doc.to_array(DEP) == _ADVCL).tolist():
        verb = doc[i]  # (the labels read as an array first, as the repairs below do)
        if verb.dep_ != "advcl" or verb.tag_ != "VB":
            continue
        children = list(verb.children)
        mark = next((c for c in children if c.dep_ == "mark" and c.lower_ == "with"), None)
        subject = next((c for c in children if c.dep_ == "nsubj" and c.pos_ in NOMINAL), None)
        if mark is None or subject is None or not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in children):
            continue
        mark.head, mark.dep_, mark.pos_ = verb.head, "prep", "ADP"
        subject.head, subject.dep_ = mark, "pobj"
    return doc


def repair_stray_objects(doc: Doc) -> Doc:
    """"President Ruto Tuesday met Prime Minister Abiy Ahmed": with a weekday in the subject,
    the parser takes the name after the verb for a time modifier. A name that is no date,
    after a verb with no object, is its object."""
    labels = doc.to_array([DEP, POS])
    timed = numpy.isin(labels[:, 0], _TIME_KEYS) & (labels[:, 1] == PROPN)
    for i in numpy.flatnonzero(timed).tolist():
        token = doc[i]
        verb = token.head
        if token.dep_ in TIME_LABELS and token.pos_ == "PROPN" and verb.pos_ == "VERB" and (
            token.i > verb.i and token.ent_type_ in NAME_ENTITIES
            and token.lower_ not in weekdays()
            and not any(c.dep_ == "dobj" for c in verb.children)
        ):
            token.dep_ = "dobj"
    return doc


def repair_subjects_read_as_adverbs(doc: Doc) -> Doc:
    """"Ivory Coast hosted talks with Norway", "Chad elevated ties with Brazil": the parser may
    read a name right before a finite verb that has no subject as an adverb of it (as it
    reads "Monday"). A name that is no time, so placed, is the verb's subject."""
    labels = doc.to_array([DEP, POS])
    # (or as a compound of it, as of a noun: "Norway expels ..." in a headline)
    misread = numpy.isin(labels[:, 0], _NAME_ON_VERB_KEYS) & (labels[:, 1] == PROPN)
    for i in numpy.flatnonzero(misread).tolist():
        name, verb = doc[i], doc[i].head
        if verb.i != i + 1 or verb.tag_ not in FINITE_TAGS or name.ent_type_ in TIME_ENTITIES:
            continue
        if name.dep_ == "compound" and verb.dep_ in NOMINAL_LABELS:
            continue  # ("known as Jim Crow laws": a noun in -s the tagger read as a verb)
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
            name.dep_ = "nsubj"
    return doc


def repair_headline_pairs(doc: Doc) -> Doc:
    """"Laos, Chile Sign Trade Pact", "Peru, Norway hold talks": a headline's two states set
    off by a comma before a verb in the present. The parser may make the first name the root,
    with the verb an apposition, or the verb a compound of its object. The verb becomes the
    root, the first name its subject and the second that subject's conjunct. A name with
    "and" inside ("Bosnia and Herzegovina") is one name; the tagger may read the verb as a
    noun ("sign defense pact"), which it is not when the verb tells the act its object names
    (see ``_tells_its_object``)."""
    repaired = False
    for sent in doc.sents:
        pair = _headline_pair(sent)
        if pair is None:
            continue
        first, second, verb = pair
        misread = verb.tag_ == "NN"
        for word in sent[verb.i - sent.start + 1:]:
            if word.head.i < verb.i or word.head == word:
                word.head = verb  # what hung on the names, or the root, is the verb's
                if word.dep_ in ("ROOT", "appos"):
                    word.dep_ = "dobj"
                    if misread and word.pos_ == "VERB":
                        word.tag_, word.pos_ = "NN", "NOUN"  # ("sign deal": the verb's noun)
        verb.head, verb.dep_, verb.pos_ = verb, "ROOT", "VERB"
        if misread:
            verb.tag_ = "VBP"
        first.head, first.dep_ = verb, "nsubj"
        second.head, second.dep_ = first, "conj"
        comma = next(t for t in doc[first.i:second.i] if t.text == ",")
        comma.head, comma.dep_ = first, "punct"
        repaired = True
    if repaired:
        # ("Bosnia and Herzegovina, Chile sign ...": a name left as the root is mended now)
        repair_names_with_and(doc)
    return doc


def _headline_pair(sent: Span) -> tuple[Token, Token, Token] | None:
    """The first name, the second and the verb of a sentence "<name>, <name> <verb> ..."
    (whatever the recogniser took the names for: "Sri Lanka" a person, "Niger" a product).
    Each name is given by the word its phrase hangs on."""
    if sent[0].ent_iob_ != "B":
        return None  # (no name opens the sentence; Span.ents scans the whole doc's entities)
    doc = sent.doc
    one = _named_run(doc, sent.start, sent.end)
    if one is None or one.end >= sent.end or doc[one.end].text != ",":
        return None
    two = _named_run(doc, one.end + 1, sent.end)
    if two is None or two.end >= sent.end:
        return None
    verb = doc[two.end]
    present = verb.tag_ in ("VB", "VBP", "VBZ") and verb.text.lower() == verb.lemma_.lower()
    if not present and not (verb.tag_ == "NN" and _tells_its_object(verb, sent)):
        return None  # ("Peru, Chile's neighbour, said": no verb in the present)
    return _phrase_head(one), _phrase_head(two), verb


def _phrase_head(name: Span) -> Token:
    """The word of a name the parser hangs the name on: the one whose head lies outside it
    (a name split at its "and" is headed by its first word until mended)."""
    return next((t for t in name if t.head == t or not name.start <= t.head.i < name.end),
                name.root)


def _named_run(doc: Doc, start: int, end: int) -> Span | None:
    """The words of a name opening doc[start:end]: proper nouns the recogniser took for part
    of a name, with "and", "of" or "the" between two of them."""
    stop = start
    while stop < end and doc[stop].ent_type_ and (doc[stop].pos_ == "PROPN" or (
            stop > start and doc[stop].lower_ in NAME_JOINERS)):
        stop += 1
    while stop > start and doc[stop - 1].pos_ != "PROPN":
        stop -= 1
    return doc[start:stop] if stop > start else None


def _tells_its_object(word: Token, sent: Span) -> bool:
    """"sign defense pact": a word tagged a noun whose verb means what the noun heading the
    rest of the line means (both CAMEO 057), so the line says the act; "border talks",
    "trade talks" name a meeting ("trade" the verb is no meeting)."""
    rest = sent[word.i + 1 - sent.start:]
    if not len(rest) or word.text.lower() != word.lemma_.lower():
        return False
    last = next((t for t in rest if t.pos_ in ("ADP", "PUNCT")), None)
    words = rest[: last.i - rest.start] if last is not None else rest
    if not len(words) or words[-1].pos_ not in ("NOUN", "VERB"):
        return False  # (the tagger may read the object as the verb: "sign deal" VBP)
    head = words[-1]
    verbs, nouns = _event_codes()
    named = nouns.get((head.lemma_ if head.pos_ == "NOUN" else head.text).lower(), frozenset())
    return bool(verbs.get(word.lower_, frozenset()) & named)


@lru_cache(maxsize=1)
def _event_codes() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The CAMEO codes each verb and each event noun of verbs.yaml may mean."""
    table = verbs_table()
    found: list[dict[str, frozenset[str]]] = []
    for section in ("verbs", "nouns"):
        codes: dict[str, set[str]] = {}
        for entry in table.get(section) or []:
            codes.setdefault(str(entry["lemma"]).lower(), set()).add(str(entry["code"]))
        found.append({lemma: frozenset(values) for lemma, values in codes.items()})
    return found[0], found[1]


def repair_serial_lists(doc: Doc) -> Doc:
    """"Norway, Sweden, and the EU condemned ...": a serial (Oxford) comma makes the parser read
    the second name as an apposition of the first, or the last name as a second subject of the
    verb. A list of names is coordination, so each such member becomes a conjunct."""
    # the labels read once as an array (a label read token by token is a string each time);
    # a repair only ever makes a token a conjunct, so each label is checked again at its turn
    labels = doc.to_array([DEP, POS])
    for i in numpy.flatnonzero(labels[:, 0] == _APPOS).tolist():
        token = doc[i]
        if token.dep_ == "appos" and _serial_member(token):
            token.dep_ = "conj"
    subjects = (labels[:, 0] == _NSUBJ) & (labels[:, 1] == PROPN)
    for i in numpy.flatnonzero(subjects).tolist():
        token = doc[i]
        if token.dep_ == "nsubj" and token.pos_ == "PROPN":
            _join_second_subject(token)
    return doc


def _serial_member(member: Token) -> bool:
    """An apposed name followed, in its list, by ", and|or" and another name."""
    first = member.head
    if first.i > member.i or first.pos_ != "PROPN" or member.pos_ != "PROPN":
        return False
    if any(child.dep_ == "det" and child.lower_ in ("a", "an") for child in member.children):
        return False  # "Ana Ruiz, a Chilean diplomat, and ...": a description, not a member
    doc = member.doc
    if doc[member.left_edge.i - 1].text != ",":
        return False
    comma = next((t.i for t in doc[member.i + 1:] if t.text == ","), None)
    after = [c for c in (*first.rights, *member.rights) if c.i > member.i]
    if _listed_apposition(member):
        return True  # ("Chile, Peru and Bolivia", "Ghana, Trinidad and Tobago and Peru")
    # the member's own phrase ends in ", and": the serial comma itself (the last member may
    # be a common noun: "on Laos, Chile, and their allies")
    return any(c.dep_ == "cc" and c.lower_ in ("and", "or") and c.i - 1 == comma
               for c in after) and any(c.dep_ == "conj" and c.pos_ in NOMINAL for c in after)


def _listed_apposition(member: Token) -> bool:
    """A name apposed to a name that has a name of its own joined by "and" or "or" with no
    comma before it is the second member of a list (an apposition describes; it is not
    itself a list)."""
    joined = any(c.dep_ == "cc" and c.lower_ in ("and", "or")
                 and member.doc[c.i - 1].text != "," for c in member.rights)
    return joined and any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in member.rights)


def _join_second_subject(last: Token) -> None:
    """"Poland, the Czech Republic, and Hungary criticized", "Chile as well as Peru
    criticized", "Chile and also Peru": the name after the coordinator that the parser made a
    second subject of the verb joins the list of the first; after "together with" it is the
    first's companion ("along with" is parsed so)."""
    doc, edge = last.doc, last.left_edge.i
    earlier = [c for c in last.head.lefts if c.dep_ == "nsubj" and c.i < last.i
               and c.pos_ == "PROPN"]
    if not earlier or edge < 2:
        return
    joined = _joined_by(doc, edge)
    if joined is None:
        return
    if doc[joined].text != "," and not earlier[-1].i < joined <= earlier[-1].right_edge.i + 1:
        return  # a longer coordinator must follow the first subject's own words
    companion = doc[edge - 1]
    if companion.lower_ == "with":
        if companion.dep_ == "prep" and not any(c.dep_ == "pobj" for c in companion.children):
            last.head, last.dep_ = companion, "pobj"
        return
    members = [earlier[-1], *[c for c in earlier[-1].conjuncts if c.i < last.i]]
    last.head, last.dep_ = max(members, key=lambda t: t.i), "conj"


def _ends_as_well_as(word: Token) -> bool:
    """Whether the word is the last "as" of "as well as" (not "than" of "rather than", "of"
    of "instead of": the name after those is left out, not added)."""
    doc = word.doc
    return word.i >= 2 and [t.lower_ for t in doc[word.i - 2:word.i + 1]] == ["as", "well",
                                                                              "as"]


def _joined_by(doc: Doc, edge: int) -> int | None:
    """Where the coordinator before the word at ``edge`` starts: ", and", ", or", "as well
    as", "and also", "together with"; None when the words before are none of these."""
    before = [t.lower_ for t in doc[max(edge - 3, 0):edge]]
    for words in SECOND_SUBJECT_JOINERS:
        if before[-len(words):] == list(words) and edge - len(words) > 0:
            return edge - len(words)
    return None


def repair_verbs_after_closed_relatives(doc: Doc) -> Doc:
    """"Peru summoned Chile's envoy, whose embassy speaks for Bolivia, and handed him a note":
    the parser may join the verb after the relative clause to the clause's own verb, which
    makes the embassy hand the note. A relative clause set off by commas on both sides ends at
    its closing comma, so a verb after ", and" that has no subject of its own joins the verb
    that governs the clause's noun."""
    dependencies = doc.to_array(DEP)
    for i in numpy.flatnonzero(dependencies == _CONJ).tolist():
        verb = doc[i]
        relative = verb.head
        if verb.pos_ not in ("VERB", "AUX") or relative.dep_ != "relcl":
            continue
        governor = _closing_governor(verb, relative)
        if governor is not None:
            for word in (verb, *(c for c in relative.children if c.i in (verb.i - 1, verb.i - 2)
                                 and c.dep_ in ("cc", "punct"))):
                word.head = governor
    return doc


# words that may stand between a relative clause's subject and its verb
BEFORE_RELATIVE_VERB = ("punct", "aux", "auxpass", "advmod", "neg")
# how the parser may hang a relative clause's verb on the main clause instead
CLAUSES_JOINED = ("conj", "ccomp", "advcl", "parataxis")


def repair_whose_appositions(doc: Doc) -> Doc:
    """"Peru summoned the envoy of Bolivia, whose foreign minister, Ana Soto, had accused
    Lima ...": the parser may read "whose foreign minister" as an apposition of "Bolivia" and
    join the clause's verb to the main verb, so Peru accuses. The noun "whose" owns is the
    subject of the first verb after it that has no subject of its own, and that verb a
    relative clause of the noun before "whose", as the parser reads it when it reads it
    right."""
    for i in numpy.flatnonzero(doc.to_array(LOWER) == _WHOSE).tolist():
        word = doc[i]
        if word.dep_ != "poss":
            continue
        noun = word.head
        if word.i < 2 or doc[word.i - 1].text != "," or doc[word.i - 2].pos_ not in NOMINAL:
            continue
        antecedent = doc[word.i - 2]  # (the name or noun right before the comma)
        if noun.dep_ == "appos":
            verb = _verb_after_whose_noun(noun)
        elif noun.dep_ in ("nsubj", "nsubjpass") and noun.head.dep_ in CLAUSES_JOINED:
            verb = noun.head  # (its subject already, but the verb joined to the main one)
        else:
            continue
        if verb is None or verb.is_ancestor(antecedent):
            continue
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        noun.head, noun.dep_ = verb, "nsubjpass" if passive else "nsubj"
        verb.head, verb.dep_ = antecedent, "relcl"
    return doc


def repair_that_clauses_of_verbs(doc: Doc, verbs: Container[str]) -> Doc:
    """"Baku demands that Yerevan withdraw its troops": the parser may label the that-clause
    of a verb in -s a noun's clause (acl), as after the noun "demands", and the verb then
    has nothing it asks for; the tagger may even call the verb a plural noun with a subject
    of its own. A clause with "that" and a subject of its own hanging on a verb (or on such
    a noun, whose stem is an English verb) is its complement."""
    for i in numpy.flatnonzero(doc.to_array(DEP) == _ACL).tolist():
        word = doc[i]
        head = word.head
        if head.i > word.i or not (
                tree_has(word, "mark", "that") and tree_has(word, ("nsubj", "nsubjpass"))):
            continue
        misread = head.tag_ == "NNS" and head.dep_ == "ROOT" and tree_has(head, "nsubj") and (
            _verb_in_s(head, verbs))
        if head.pos_ not in ("VERB", "AUX") and not misread:
            continue
        if misread:  # (its lemma, now a verb's, is the lemmatizer's again: see ``nlp``)
            head.tag_, head.pos_ = "VBZ", "VERB"
        word.dep_ = "ccomp"
    return doc


def tree_has(token: Token, labels: str | tuple[str, ...], lower: str | None = None) -> bool:
    """Whether a token has a child with one of these labels (and this lower-case form)."""
    wanted = (labels,) if isinstance(labels, str) else labels
    return any(c.dep_ in wanted and (lower is None or c.lower_ == lower) for c in token.children)


def _verb_after_whose_noun(noun: Token) -> Token | None:
    """The verb right after the noun "whose" owns (and its apposition, "Ana Soto"), with only
    commas, auxiliaries and adverbs between, that the parser gave no subject of its own."""
    doc = noun.doc
    for token in doc[noun.right_edge.i + 1 : noun.sent.end]:
        if token.pos_ in ("VERB", "AUX") and token.dep_ in CLAUSES_JOINED:
            if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in token.children):
                return None
            return token
        if token.dep_ not in BEFORE_RELATIVE_VERB:
            return None
    return None


def _closing_governor(verb: Token, relative: Token) -> Token | None:
    """The verb governing a relative clause's noun, when the clause is set off by commas and
    a verb with no subject follows its closing comma and a coordinator."""
    doc = verb.doc
    start = relative.left_edge.i
    coordinator = doc[verb.i - 1]
    closing = verb.i - 2
    if start == 0 or doc[start - 1].text != "," or coordinator.dep_ != "cc" or (
            coordinator.head != relative) or closing <= relative.i or doc[closing].text != ",":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None  # (a clause of its own)
    if any(t.i > closing for t in relative.subtree if not t.is_ancestor(verb) and t != verb
           and not verb.is_ancestor(t) and t.i not in (closing, coordinator.i)):
        return None  # (the clause goes on past the comma)
    noun = relative.head
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return None  # ("the envoy, who arrived on Monday, and ...": no verb to join)
    governor = noun.head
    for _ in range(len(doc)):  # up the tree to the first verb, bounded by the sentence
        if governor.pos_ in ("VERB", "AUX") or governor.head == governor:
            break
        governor = governor.head
    return governor if governor.pos_ in ("VERB", "AUX") else None


def repair_objects_of_coordinators(doc: Doc) -> Doc:
    """"condemned Chile as well as Peru": the parser may hang the second name on the last
    "as" of "as well as" (labelled a coordinator) as its object; a coordinator takes no
    object, so the name is a conjunct of the word "as well as" joins it to."""
    labels = doc.to_array([DEP, POS])
    names = (labels[:, 0] == _POBJ) & (labels[:, 1] == PROPN)
    for i in numpy.flatnonzero(names).tolist():
        token = doc[i]
        head = token.head
        if head.dep_ == "cc" and head.head.pos_ in NOMINAL and head.head.i < head.i and (
                _ends_as_well_as(head)):
            token.head, token.dep_ = head.head, "conj"
    return doc


def repair_glued_weekdays(doc: Doc) -> Doc:
    """Give each weekday that heads a name back to the name (see the module's docstring)."""
    lower = doc.to_array(LOWER)
    days: list[Token] = [doc[i] for i in numpy.flatnonzero(
        numpy.isin(lower, _weekday_keys())).tolist()]
    for day in days:
        name = _glued_name(day)
        if name is not None:
            _reattach(name, day)
        elif _glued_before_name(day):
            _detach(day)
    if days:
        _fix_entities(doc, {day.i for day in days})
    return doc


def _glued_name(day: Token) -> Token | None:
    """The noun right before a weekday that the parser made the weekday's dependent."""
    if day.i == 0:
        return None
    before = day.doc[day.i - 1]
    if before.head == day and before.pos_ in NOMINAL and before.dep_ in ("compound", "nmod"):
        return before
    return None


def _glued_before_name(day: Token) -> bool:
    """"On Monday Norway hosted ...": the weekday taken for a compound of the next name."""
    return day.dep_ == "compound" and day.head.i == day.i + 1 and day.head.pos_ == "PROPN"


def _detach(day: Token) -> None:
    """Hang the weekday on the preposition left without an object, else on the clause."""
    before = day.doc[day.i - 1] if day.i else None
    if before is not None and before.dep_ == "prep" and not any(
        child.dep_ in ("pobj", "pcomp") for child in before.children
    ):
        day.head, day.dep_ = before, "pobj"
    else:
        day.head, day.dep_ = _clause_of(day.head), "npadvmod"


def _reattach(name: Token, day: Token) -> None:
    """Move the name into the weekday's place and the weekday onto the clause."""
    head, label = day.head, day.dep_
    if day.dep_ == "ROOT" or head == day:
        return
    if label in TIME_LABELS:
        label = _argument_label(name, head)
        if label is None:
            return
    for child in list(day.lefts):
        if child != name:
            child.head = name  # "the", titles and other modifiers of the name phrase
    name.head, name.dep_ = head, label
    day.head, day.dep_ = _clause_of(name), "npadvmod"


def _argument_label(name: Token, verb: Token) -> str | None:
    """The role a name next to its verb fills when the weekday had taken its place."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    taken = {child.dep_ for child in verb.children if child != name}
    if name.i > verb.i and "dobj" not in taken:
        return "dobj"
    if name.i < verb.i and not taken & {"nsubj", "nsubjpass"}:
        return "nsubj"
    return None


def _clause_of(token: Token) -> Token:
    """The nearest verb above a token (the sentence's root when there is none)."""
    node = token.head
    while node.pos_ not in ("VERB", "AUX") and node.head != node:
        node = node.head
    return node


def _fix_entities(doc: Doc, days: set[int]) -> None:
    """A weekday is a DATE of its own: never the end of a name, nor a date starting with one."""
    ents: list[Span] = []
    for ent in doc.ents:
        inside = sorted(days & set(range(ent.start, ent.end)))
        if inside and ent.label_ != "DATE" and inside == [ent.end - 1]:
            ent = Span(doc, ent.start, ent.end - 1, label=ent.label_)  # "Ana Ruiz Monday"
        elif inside and ent.label_ == "DATE" and inside[0] > ent.start:
            ent = Span(doc, inside[0], ent.end, label="DATE")  # "[Ruiz] Monday"
        if len(ent) and (ent.label_ == "DATE" or not days & set(range(ent.start, ent.end))):
            ents.append(ent)
    covered = {i for ent in ents for i in range(ent.start, ent.end)}
    ents.extend(Span(doc, i, i + 1, label="DATE") for i in sorted(days - covered))
    doc.ents = sorted(ents, key=lambda span: span.start)


def repair_with_absolutes(doc: Doc) -> Doc:
    """"With Chad warning of retaliation, Brazil closed its border with Peru": an absolute
    clause, whose subject acts in it and not in the main clause. The parser may read "with" as
    a preposition of the main verb and the -ing word as its object (a noun whose compound is
    the name, or a modifier of a noun with the name on it), so the main verb took the name
    for its partner. The -ing word becomes the clause "with" governs, as the parser reads it
    when it reads it right (``modality.absolute_clause``), and the name its subject (its
    lemma, now a verb's, is the lemmatizer's again: see ``nlp``)."""
    labels = doc.to_array([LOWER, DEP])
    for i in numpy.flatnonzero((labels[:, 0] == _WITH) & (labels[:, 1] == _PREP)).tolist():
        marker = doc[i]
        verb = marker.head
        clause = _absolute_clause(marker)
        # ("Tensions deepened, with ...": the parser may make the noun the sentence's root)
        if clause is None or (verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "ROOT"):
            continue
        action, subject, trailing = clause
        noun = action.head if action.head != marker else None
        action.head, action.dep_ = marker, "pcomp"
        action.tag_, action.pos_ = "VBG", "VERB"
        subject.head, subject.dep_ = action, "nsubj"
        if noun is not None:  # ("With Chad threatening sanctions": its object)
            noun.head, noun.dep_ = action, "dobj"
        for phrase in trailing:  # ("with Chad moving jets to bases near Peru": where to)
            phrase.head = action
    return doc


def _absolute_clause(marker: Token) -> tuple[Token, Token, list[Token]] | None:
    """The -ing word and the name of "with <name> <-ing word>", read as a phrase of "with":
    the -ing word its object ("With Chad warning"), or a modifier of its object with the name
    on that object or on the modifier ("With Chad threatening sanctions"); and the phrases of
    the main verb that end the clause after it."""
    noun = next((c for c in marker.children if c.dep_ in ("pobj", "pcomp")), None)
    if noun is None:
        return None
    if noun.lower_.endswith("ing") and noun.tag_ in ("NN", "VBG"):
        action, words = noun, list(noun.children)
    else:
        # (or of a compound of it, "with Chad moving fighter jets"; or the -ing word is read
        # as a compound itself, "with Chad massing troops")
        modified = [noun, *(c for c in noun.children if c.dep_ == "compound")]
        action = next((c for m in modified for c in m.children if c.dep_ in ("amod", "compound")
                       and c.tag_ in ("VBG", "NN") and c.lower_.endswith("ing")
                       and (c.dep_ == "compound" or c.tag_ == "VBG")), None)
        if action is None:
            return None
        words = [*noun.children, *action.children, *action.head.children]
    before = [c for c in words if marker.i < c.i < action.i]
    subject = next((c for c in before if c.dep_ in ("compound", "nsubj", "nmod", "npadvmod")
                    and c.pos_ == "PROPN" and c.i == action.i - 1
                    and c.left_edge.i == marker.i + 1), None)
    if subject is None or any(c.dep_ in ("det", "poss", "amod") for c in before):
        return None  # ("with the warning", "with Chad's backing": a noun phrase)
    trailing = _trailing_phrases(marker, noun)
    if not _set_off(marker, trailing[-1] if trailing else noun):
        return None  # ("shared with VOA disturbing details": a partner, then an object)
    return action, subject, trailing


def _trailing_phrases(marker: Token, noun: Token) -> list[Token]:
    """"Tensions rose, with Chad moving jets to bases near Peru": the parser may hang the
    phrases that end the absolute clause on the main verb; those right after it, one after
    the other, belong to the clause's action."""
    phrases: list[Token] = []
    end = noun.right_edge.i
    for child in (c for c in marker.head.rights if c.i > end):
        if child.dep_ != "prep" or child.left_edge.i != end + 1:
            break
        phrases.append(child)
        end = child.right_edge.i
    return phrases


def _set_off(marker: Token, phrase: Token) -> bool:
    """Whether "with" opens its sentence or follows a comma, and its phrase ends the sentence
    or a comma follows it: an absolute clause is set off so."""
    doc, sent = marker.doc, marker.sent
    after = phrase.right_edge.i + 1
    opens = marker.i == sent.start or doc[marker.i - 1].text == ","
    return opens and (after >= sent.end or doc[after].text in (",", ".") or doc[after].is_punct)


# words inside a name of proper nouns
NAME_JOINERS = ("and", "of", "the")
# what ends a sentence of body copy (a headline has no full stop)
FINAL_STOPS = (".", "?", "!", "\"", "”", "'", "’")


def repair_headline_verbs(doc: Doc, verbs: Container[str]) -> Doc:
    """"Laos Expels Peru Envoy", "Chad Hosts Talks With Brazil": in a headline (no full stop)
    the tagger may read the verb in -s right after the opening name as a plural noun, and the
    parser builds a noun phrase round it. A word in -s whose stem is an English verb, right
    after the name that opens a headline with no verb before it, is the verb: the name its
    subject, the words up to a preposition its object (their last one the head), and what
    follows hangs on that object as the parser hangs it in the headlines it reads right."""
    for sent in doc.sents:
        found = _headline_verb(sent, verbs)
        if found is None:
            continue
        verb, subject, object_words = found
        head = object_words[-1]
        if head.tag_ == "VBZ":
            head.tag_, head.pos_ = "NNS", "NOUN"
        verb.head, verb.dep_, verb.tag_, verb.pos_ = verb, "ROOT", "VBZ", "VERB"
        outside = [w for w in subject if not subject.start <= w.head.i < subject.end]
        _hang_phrase(subject, outside[0] if outside else subject[-1], verb, "nsubj")
        _hang_phrase(doc[head.i - len(object_words) + 1: head.i + 1], head, verb, "dobj")
        for word in sent[head.i + 1 - sent.start:]:
            if word.head == word:  # ("...; no deaths reported": a clause of its own)
                word.head, word.dep_ = verb, "parataxis"
            elif word.head.i <= head.i:
                word.head = head
    return doc


def _headline_verb(sent: Span, verbs: Container[str]) -> tuple[Token, Span, list[Token]] | None:
    """The verb, the subject name and the object's words of a headline "<name> <verb>s ..."
    whose verb the tagger read as a plural noun."""
    if len(sent) < 3 or sent[-1].text in FINAL_STOPS:
        return None
    name = _opening_name(sent)
    if name is None or name.end >= sent.end - 1:
        return None
    verb = sent.doc[name.end]
    if verb.tag_ != "NNS" or not _verb_in_s(verb, verbs):
        return None
    object_words: list[Token] = []
    for word in sent[verb.i + 1 - sent.start:]:
        # ("Hosts Talks": the verb's noun in -s, read as the verb)
        misread = not object_words and word.tag_ == "VBZ" and word.dep_ == "ROOT"
        if word.pos_ in ("ADP", "PUNCT", "CCONJ", "VERB", "AUX") and not misread:
            break
        object_words.append(word)
    if not object_words or (object_words[-1].pos_ not in NOMINAL
                            and object_words[-1].tag_ != "VBZ"):
        return None
    return verb, name, object_words


def _opening_name(sent: Span) -> Span | None:
    """The proper nouns that open a sentence, with "and", "of" or "the" between two of them
    ("Bosnia and Herzegovina", "Saint Vincent and the Grenadines", which the recogniser may
    split)."""
    end = sent.start
    while end < sent.end and (sent.doc[end].pos_ == "PROPN" or (
            end > sent.start and sent.doc[end].lower_ in NAME_JOINERS)):
        end += 1
    while end > sent.start and sent.doc[end - 1].pos_ != "PROPN":
        end -= 1  # (a joiner ends no name)
    return sent.doc[sent.start:end] if end > sent.start else None


def _hang_phrase(phrase: Span, head: Token, governor: Token, label: str) -> None:
    """A phrase made one constituent: its head on ``governor`` as ``label``, and each word
    whose head lay outside the phrase on its head as a compound."""
    for word in phrase:
        if word != head and (word.head == word or not phrase.start <= word.head.i < phrase.end):
            word.head, word.dep_ = head, "compound"
    head.head, head.dep_ = governor, label


def repair_complements_with_subjects(doc: Doc) -> Doc:
    """"helped Sao Tome and Principe build a port": the parser may label the infinitive an
    open complement (whose subject is the governing verb's) and still give it a subject of
    its own. A complement with its own subject is a closed one, as the parser labels
    "helped Peru build"."""
    for i in numpy.flatnonzero(doc.to_array(DEP) == _XCOMP).tolist():
        clause = doc[i]
        if any(c.dep_ == "nsubj" and c.i < clause.i for c in clause.children):
            clause.dep_ = "ccomp"
    return doc


def repair_relative_verbs(doc: Doc, verbs: Container[str]) -> Doc:
    """"Brazil, which Chad accuses of arming rebels, denied ...": the tagger may read the
    relative clause's verb in -s as a plural noun with the name before it as its compound. A
    relative clause is headed by a verb: a word in -s whose stem is an English verb, heading
    a clause whose relative word follows a comma, is that verb, and the name before it its
    subject. (Only a clause set off by a comma: "the summit that New Delhi hosts" read so
    coded a hosting that articles_e's gold leaves out.)"""
    for i in numpy.flatnonzero(doc.to_array(DEP) == _RELCL).tolist():
        verb = doc[i]
        relative = next((c for c in verb.children if c.tag_ in ("WDT", "WP") and c.i < verb.i
                         and c.i > 0 and doc[c.i - 1].text == ","), None)
        if verb.tag_ != "NNS" or relative is None or not _verb_in_s(verb, verbs):
            continue
        name = doc[verb.i - 1]
        if name.head != verb or name.dep_ not in ("compound", "nsubj") or name.pos_ != "PROPN":
            continue
        verb.tag_, verb.pos_ = "VBZ", "VERB"
        name.dep_ = "nsubj"
    return doc


def _verb_in_s(word: Token, verbs: Container[str]) -> bool:
    """A word in -s whose stem is an English verb ("expels", "accuses", "hosts")."""
    stem = word.lower_[:-1]
    return word.lower_.endswith("s") and (
        stem in verbs or (stem.endswith("e") and stem[:-1] in verbs))


def repair_merged_objects(doc: Doc) -> Doc:
    """"Peru called Chile's move aggression": the parser may read the object and the
    predicate said of it as one noun phrase ("Chile's move aggression", the predicate's
    compound the object) and make it the predicate of a verb left with no object. The one
    predicate of an active verb with no object, whose phrase holds a common noun with an
    owner ("'s") right before its head, is two: that noun (with its owner) is the object."""
    for i in numpy.flatnonzero(doc.to_array(DEP) == _OPRD).tolist():
        predicate = doc[i]
        verb = predicate.head
        if any(c.dep_ in ("dobj", "nsubjpass", "auxpass") or (c.dep_ == "oprd" and c != predicate)
               for c in verb.children):
            continue  # (two predicates: "called the detention center 'the perfect place'")
        left = [c for c in predicate.children if c.i < predicate.i]
        noun = left[-1] if left else None
        if noun is None or noun.dep_ != "compound" or noun.pos_ != "NOUN" or (
                noun.i != predicate.i - 1):
            continue
        owners = [c for c in left if c.dep_ == "poss" and c.i < noun.i]
        if not owners:
            continue  # ("call the ICE hotline": one noun phrase, no owner before it)
        noun.head, noun.dep_ = verb, "dobj"
        for owner in owners:
            owner.head = noun
    return doc
