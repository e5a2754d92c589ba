"""The text's own structure: where sentences may start before the parser decides.

Wire copy opens with a dateline ("OSLO, March 3 (Reuters) -", "Oslo, March 3, 2025") or a
byline, often on a line of its own. Left to itself the small parser glues such a line to the
story's first sentence; forced to start a sentence after it, it then cuts that sentence after
its first word, because nothing told it the other tokens may *not* start one. So the boundaries
are set from the text: a line is a sentence start, a leading dateline is a sentence of its own,
and inside a line a sentence may only start after sentence-final punctuation (or, as the
parser judges, at a capitalised common word: a subheading run into its paragraph).
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

# a dateline is only looked for where copy puts one: at the start of its first lines
DATELINE_LINES = 3
# the span group that keeps them: they say where the reporter was, not who did anything
DATELINES = "detente_datelines"


@lru_cache(maxsize=1)
def dateline_pattern() -> re.Pattern[str]:
    """A dateline at the start of a line, ending where the story (or the line) begins."""
    months = [m for m in calendar.month_name[1:]] + [m for m in calendar.month_abbr[1:]]
    month = "(?:" + "|".join(sorted(set(months) | {"Sept"}, key=len, reverse=True)) + r")\.?"
    date = (
        rf"(?:{month}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"  # March 3, 2025 / March 3
        rf"|\d{{1,2}}\s+{month}(?:\s+\d{{4}})?"  # 3 March 2025
        r"|\d{4}-\d{2}-\d{2})"  # 2025-03-03
    )
    word = r"[A-Z][\w.'’-]*"
    place = rf"{word}(?:[ \t]+{word}){{0,3}}"
    places = rf"{place}(?:,[ \t]+{place}){{0,2}}"
    # ("ISLAMABAD/WASHINGTON —": a story filed from two places)
    shouted = r"[A-Z][A-Z.'’-]+(?:(?:[ \t]|/)[A-Z][A-Z.'’-]+){0,2}"
    agency = r"\([ \t]*[A-Z][\w .&'’-]{0,40}\)"
    dash = r"[ \t]*(?:--|[-–—:])"
    end = r"(?=[ \t]*(?:\n|$))"
    return re.compile(
        rf"(?:{places},[ \t]+{date}(?:[ \t]*{agency})?(?:{dash}|{end})"  # CITY, Month D (Agency) -
        rf"|{places}[ \t]*{agency}{dash}"  # CITY (Agency) -
        # OSLO — Norway ... : a city in capitals, a dash and a sentence starting
        rf"|{shouted}(?:,[ \t]+{place})?[ \t]+(?:--|[-–—])(?=[ \t]+[A-Z\"“‘'])"
        rf"|{date}{end}"  # a date line
        rf"|By[ \t]+{place}(?:(?:,|[ \t]+and)[ \t]+{place})*{end})",  # a byline
        re.MULTILINE,
    )


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the datelines and bylines that open the text's first lines."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n", DATELINE_LINES)[:DATELINE_LINES]:
        found = dateline_pattern().match(line)
        if found:
            spans.append((offset, offset + found.end()))
        offset += len(line) + 1
    return spans


FINAL = ".!?…"  # "U.S." ends in one too: the parser is left to judge abbreviations
# a closing quote or bracket ends a sentence when final punctuation comes before it
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})


def set_structure_boundaries(doc: Doc) -> Doc:
    """Fix sentence starts from lines and datelines; inside a line, allow them only after
    sentence-final punctuation or at a capitalised common word. Every other token is marked
    as no sentence start."""
    if len(doc) < 2:
        return doc
    datelines = _datelines(doc)
    doc.spans[DATELINES] = datelines
    # the tokens read once as arrays, what their words are read once per word (_word)
    orths, tags, spaces = doc.to_array([ORTH, TAG, IS_SPACE]).T.tolist()
    known: dict[int, tuple[bool, bool, bool, bool]] = {}  # by word, in this document only
    words = [known.get(orth) or known.setdefault(orth, _word(doc, orth)) for orth in orths]
    starts = {i + 1 for i in range(len(doc) - 1) if spaces[i] and words[i][3]} | {
        span.end for span in datelines if span.end < len(doc)}
    # one array write: setting token.is_sent_start checks the whole doc on every call
    values = numpy.zeros((len(doc), 1), dtype="int64")  # 0: the parser decides
    values[0, 0] = 1
    previous = 0  # the last non-space token seen
    quoted_start = -1  # the word after an opening quote that starts a run-in sentence
    for i in range(1, len(doc)):
        if i == quoted_start:
            values[i, 0] = -1
        elif i in starts:
            values[i, 0] = 1
        elif _run_in_start(doc, words, tags, i):
            values[i, 0] = 1
            if tags[i] == _OPENING_QUOTE_TAG:
                quoted_start = i + 1  # ('“The army ...': the quote starts it, not the word)
        elif words[i][1] and not spaces[i - 1] and not doc[i - 1].whitespace_:
            # 'of annexation."' at a paragraph's end: the quote closes the sentence before
            values[i, 0] = -1
        elif not _after_final_punctuation(words, previous) and not (
            # a capitalised common word ("The", "Though"): text run in without punctuation (a
            # subheading glued to its paragraph) may start a sentence there, as the parser judges
            words[i][2] and tags[i] not in _NAME_TAGS
        ):
            values[i, 0] = -1
        if not spaces[i]:
            previous = i
    doc.from_array([SENT_START], values.astype("uint64"))  # -1 wraps as spaCy expects
    return doc


_NAME_TAGS = frozenset(get_string_id(tag) for tag in ("NNP", "NNPS"))
# words that are capitalised inside a line only where a sentence starts: a determiner,
# preposition, conjunction or wh-word ("The", "If", "When"), unless a name follows
_FUNCTION_TAGS = frozenset(get_string_id(tag) for tag in ("DT", "IN", "CC", "WRB"))
_OPENING_QUOTE_TAG = get_string_id("``")


def _run_in_start(doc: Doc, words: list[tuple[bool, bool, bool, bool]], tags: list[int],
                  i: int) -> bool:
    """'... elections." Turnout, results The commission counted ...': a subheading run into
    its paragraph ends where a capitalised function word follows a lower-case word and comes
    before one; where a name may follow it ("in The Hague", "told The New York Times"), or the
    word before is capitalised, only when what runs up to it is a short heading."""
    word = i + 1 if tags[i] == _OPENING_QUOTE_TAG else i  # (cheap tests first: every token)
    if word + 1 >= len(tags) or not (words[word][2] or doc[word].text == "A"):
        return False
    if tags[word] not in _FUNCTION_TAGS or not doc[word].is_alpha:
        # (a designation the tagger calls a preposition, "delivered Su-27 fighters", is no
        # function word: only a word such as "The", "If" or "When" may open a run-in sentence)
        return word == i and _heading_before_word(doc, words, tags, i)
    before, after = doc[i - 1], doc[word + 1]
    if not before.is_alpha or before.whitespace_ == "":
        return False
    if before.text[:1].islower() and after.text[:1].islower() and after.is_alpha and (
            len(doc[word].text) > 1):
        return True
    return _ends_a_heading(doc, words, tags, i, name_follows=not after.text[:1].islower())


# a heading is a few words; looking further back than this never finds one
HEADING_WORDS = 6
# what a word before the capitalised function word is when they belong to one sentence
_LEADING_TAGS = frozenset(get_string_id(tag) for tag in (
    "IN", "DT", "TO", "CC", "PRP$", "POS", "WDT", "MD"))
# a heading's noun is often tagged a present-tense verb ("Financial strain", "BLA surges")
_VERB_TAGS = frozenset(get_string_id(tag) for tag in ("VBP", "VBZ"))
# the other verb forms: a verb of a sentence that a name goes on ("joined The Hague talks")
_SENTENCE_VERB_TAGS = frozenset(get_string_id(tag) for tag in ("VB", "VBD", "VBG", "VBN"))


def _ends_a_heading(doc: Doc, words: list[tuple[bool, bool, bool, bool]], tags: list[int],
                    i: int, name_follows: bool) -> bool:
    """'... in 2014. Financial strain Both camps opened ...': a run of a few words in sentence
    case (capitalised first, a lower-case word among them) since the last sentence end,
    then a capitalised function word, is a heading. A word that leads into what follows ("in",
    "the") rules it out, and so does a verb where a name may follow ("joined The Hague ...",
    "Kenya says The Hague ...")."""
    before = tags[i - 1]
    if before in _LEADING_TAGS or name_follows and (
            before in _SENTENCE_VERB_TAGS or doc[i - 1].text[:1].isupper()):
        return False  # (the last: a name in title case, "Reporters Without Borders")
    start = i - 1
    while start > 0 and i - start < HEADING_WORDS and not _ends_sentence(doc, words, start - 1):
        start -= 1
    if start > 0 and not _ends_sentence(doc, words, start - 1):
        return False  # longer than a heading
    run = doc[start:i]
    if name_follows and before in _VERB_TAGS and tags[start] in _NAME_TAGS:
        return False  # "Kenya says The Hague ...": a sentence; "Some recent advances The ..."
    return run[0].text[:1].isupper() and all(
        token.is_alpha or token.text == "-" for token in run) and any(
        token.text[:1].islower() for token in run)


# what a heading's words are: nouns and their modifiers, a conjunction or "of" between them
_HEADING_TAGS = frozenset(get_string_id(tag) for tag in (
    "NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "CC", "IN", "HYPH", "VBP", "VBZ"))
_NOUN_TAGS = frozenset(get_string_id(tag) for tag in ("NN", "NNS", "NNP", "NNPS"))
_PLURAL_TAG = get_string_id("NNS")
_ADJECTIVE_TAG = get_string_id("JJ")
_COMMA = get_string_id(",")
# a plural noun of people ("ministers", "analysts", "residents") names those who follow it
PERSON_ENDINGS = ("er", "or", "ist", "yst", "ian", "ant", "ent", "man", "men", "person",
                  "ee", "ess", "ary", "ive", "ate")


def _heading_before_word(doc: Doc, words: list[tuple[bool, bool, bool, bool]],
                         tags: list[int], i: int) -> bool:
    """'... he said. Costs and benefits Norway ...', 'Low reading scores Science was ...',
    'EU backing vital Ruiz, speaking ...': a sentence-case heading of a few
    nouns run into a paragraph that opens with a name or another capitalised word. Where a
    title may introduce a name ("Security analyst Ana Ruiz said", "Former top EU official
    X"), no heading: before a name only a plural noun that names no people, or an adjective
    closing a run with a noun, before the name and its comma."""
    before = doc[i - 1]
    if not (before.is_alpha and before.text[:1].islower() and before.whitespace_):
        return False
    name = tags[i] in _NAME_TAGS
    if name and tags[i - 1] == _PLURAL_TAG:
        if before.lower_.rstrip("s").endswith(PERSON_ENDINGS):
            return False
    elif name and tags[i - 1] == _ADJECTIVE_TAG:
        if i + 1 >= len(doc) or tags[i + 1] != _COMMA or (
                tags[i - 2] not in _NOUN_TAGS | _VERB_TAGS):
            return False  # ("Since last August, ...": a date)
    elif name or tags[i - 1] not in _NOUN_TAGS | {_ADJECTIVE_TAG} or not (
            doc[i].text[1:].islower()):
        return False  # ("media association CamboJA said": a name the tagger missed)
    start = i - 1
    while start > 0 and i - start < HEADING_WORDS and not _ends_sentence(doc, words, start - 1):
        start -= 1
    if start == 0 or not _ends_sentence(doc, words, start - 1) or i - start < 2:
        return False  # no run, or longer than a heading
    run = doc[start:i]
    return run[0].text[:1].isupper() and tags[start] not in _LEADING_TAGS and all(
        tags[t.i] in _HEADING_TAGS for t in run) and any(
        tags[t.i] in _NOUN_TAGS for t in run) and any(t.text[:1].islower() for t in run)


def _ends_sentence(doc: Doc, words: list[tuple[bool, bool, bool, bool]], j: int) -> bool:
    return words[j][3] or doc[j].is_space or _after_final_punctuation(words, j)


def _word(doc: Doc, orth: int) -> tuple[bool, bool, bool, bool]:
    """What a word (by its string key) is to the boundaries: whether it ends in final
    punctuation, is a closing quote or bracket, starts with a capital without being all
    capitals, holds a line break."""
    text = doc.vocab.strings[orth]
    return (bool(text) and text[-1] in FINAL, text in CLOSERS,
            text[:1].isupper() and not text.isupper(), "\n" in text)


def _datelines(doc: Doc) -> list[Span]:
    """The leading datelines as token spans (the story may go on after one on its line)."""
    found: list[Span] = []
    for start, end in dateline_spans(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        while span.end < len(doc) and doc[span.end].is_space:
            span = doc[span.start: span.end + 1]  # the line break belongs to the dateline
        found.append(span)
    return found


def _after_final_punctuation(words: list[tuple[bool, bool, bool, bool]], previous: int) -> bool:
    final, closer = words[previous][:2]
    if closer:
        # '... she said." Next' or '(... done.) Next': look through the closer
        return previous > 0 and words[previous - 1][0]
    return final
