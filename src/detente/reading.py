"""The reading copy: the parser reads "tHe", "fRance", shouted headlines, a word in scare
quotes and doubled spaces as it would read ordinary copy, and every character offset the
coder reports is that of the original.

The tokenizer reads a copy of the text in which only casing (odd casing, and a participle
opening a sentence), the quote marks around single
words, the extra spaces of a run (and spaces typed before a comma, semicolon or colon) and
connectives set off between commas have changed; the
coder then takes every string it reports (sentence, actor and trigger text) from the original,
at offsets read back through the copy's ``OffsetMap`` where characters were left out.

Casing. The small pipeline's features (word shape, first letter, last letters) are
case-sensitive, so "tHe UK" or "fRance signed" derail the tagger and parser, and the actor
dictionary matches names case-sensitively: the copy has such words in ordinary casing.

A word is recased when its casing is odd (neither lower, Title, ALL CAPS, nor CamelCase as in
"McDonald", nor an acronym's plural as in "NGOs"), or when it is in capitals on a line that is
almost all capitals (a headline). Its form comes, in this order, from the same word written
normally elsewhere in the text, from the actor dictionary ("uk" -> "UK", "france" -> "France"),
from the English word lists the lemmatizer already carries (lower case). A word none of these
knows keeps its casing ("ChatGPT" is spelled so on purpose; a short one in capitals is an
acronym), except a long word in a shouted line, which becomes Title case (a name).

Opening participles. "Accusing Peru of meddling, Chile expelled ...": a capitalised word in
-ing before a name is tagged a proper noun, the name's first word, and the clause it opens is
lost. A word in -ing opening a sentence before a capitalised word, whose stem is an English
word (the lemmatizer's lists: "accuse", not "Beijing") and which is no dictionary name, is in
lower case in the copy.

Scare quotes. Quote marks around one word ("Japan 'sent' aid", "its 'rogue' regime") split
the small parser's tree: the word is read as a fragment and its clause loses a subject or verb.
In the copy those two quote marks become spaces; quotations of more than one word are kept.

Doubled spaces. Two spaces after a full stop, or between words of text copied from a PDF or a
table, are a token of their own for the tokenizer (one space is a word's trailing space, more
are a "word"), which the parser hangs anywhere in the tree: with a second space between words,
the VOA corpus kept 118 of its 156 international events and gained 24 false ones
(``bench/metamorphic.py --layouts``). The copy keeps one space of each run inside a line; line
breaks and indentation are left as they are. A parsed document's own offsets (``token.idx``,
``span.start_char``) are then the copy's: ``copy_offsets(doc)`` reads them back into the text
given (the coder's results and ``sentence_bounds`` already are).

Connective asides. "Tokyo and Seoul, however, shared concerns": the parser ends the subject at
the comma and reads "shared concerns" as a noun phrase, so the clause has no verb. A closed list
of connectives set off by commas or dashes before a verb ("however", "meanwhile", "for its
part", "too") is left out of the copy, as the extra spaces are: with ", however," after the
subject of every VOA event, 37 of 44 were kept, now 44 (``bench/metamorphic.py --wordings``).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from detente import parsetable
from detente.cleantext import OffsetMap, copy_reading

# where the tokenizer leaves the original text when it read a changed copy
ORIGINAL_TEXT = "detente_original_text"
# and, when the copy left out spaces, the map of its offsets back to the original's (as bytes)
COPY_OFFSETS = "detente_copy_offsets"
# the second and later spaces of a run between two words (tabs and other spaces are plain
# spaces by then: ``plain_spaces``)
EXTRA_SPACES = re.compile(r"(?<=[^\s] ) +(?=[^\s])")
# A connective set off between a subject and its verb ("Peru, however, rejected", "Chile,
# for its part, agreed", "Japan — meanwhile — sent"): the small parser reads the commas as the
# end of a noun phrase and the verb as an adjective ("shared concerns" as one noun), losing
# the clause. The copy leaves such an aside out; it names no actor and no act. Not before a
# word in -ing ("..., however, citing"), where the aside closes a clause and the commas keep
# the participle off the noun before them.
ASIDE = re.compile(
    r"(?<=[\w.)])(?:,|\s[—–]|\s--) (?:however|meanwhile|too|though|nonetheless|nevertheless"
    r"|in turn|for (?:its|their|his|her|our) part|likewise|moreover|furthermore|of course"
    r"|in fact|in response|in return|also|similarly|instead)(?:,|\s[—–]|\s--)"
    r"(?= (?![a-z]+ing\b)(?:[a-z]|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b))")
# Spaces typed before a comma, semicolon or colon ("Peru , Chile and Bolivia signed"), as in
# copy from some wires and from OCR: the tokenizer makes the comma a word of its own after a
# space, and the parser reads the lists and clauses around it otherwise.
SPACE_BEFORE_MARK = re.compile(r"(?<=\w) +(?=[,;:](?:\s|$))")
LEFT_OUT = re.compile(f"{EXTRA_SPACES.pattern}|{ASIDE.pattern}|{SPACE_BEFORE_MARK.pattern}")
# The serial comma of a list of names ("Chile, Ghana, and Peru condemned ..."): the small
# parser reads the first name as a fragment or an apposition and the last as the subject alone,
# so the list's other members lose their events (``bench/metamorphic.py --lists``: of 360
# members of subject lists of three states, 320 coded with the comma, 348 without it; 356 now
# with it). The copy leaves the comma out where the two items before "and" / "or" are names (each
# one to five capitalised words, "the" allowed before it), as most wire copy writes the list.
# A list of anything else ("talks, trade, and aid") is read as written, and so is one whose
# names have words in lower case ("Bosnia and Herzegovina, and Chile", where the comma tells
# the members apart; with "Republic of the Congo" the comma made the parse no worse).
SERIAL_COMMA = re.compile(r"(?<=[\w.)]),(?= (?:and|or) (?:[Tt]he )?[A-Z])")
_NAME = r"(?:[Tt]he )?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}"
_TWO_NAMES_BEFORE = re.compile(rf"(?:^|[^\w'’-]){_NAME}, {_NAME}$")
# how far back the two names are looked for
NAMES_REACH = 120
COPY_CHANGES = re.compile(f"{LEFT_OUT.pattern}|(?P<serial>{SERIAL_COMMA.pattern})")

WORD = re.compile(r"[^\W\d_]+")
# cheap test that a text may need recasing at all: a capital inside a word, or capitals in a row
# (a run of capitals read from its first letter only, and whole: tried from every letter of
# it, 20,000 capitals took 4.7 s; a match from inside a run is one from its start too)
HINT = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]|(?<![A-Z])[A-Z]{2,}+\W+[A-Z]{2,}+\W+[A-Z]{2,}")
NORMAL = re.compile(r"[a-z]+|[A-Z][a-z]*|[A-Z]+|(?:[A-Z][a-z]+){2,}|[A-Z]{2,}s", re.ASCII)
# cheap tests for a Title Case headline and for a line typed all in lower case
# (a headline may open with an acronym or a possessive: "EU Slaps ...", "Peru's President ...")
# A number is its digits, the marks between them the separator that follows (possessive):
# written as "\d[\d,.]*", a number took its dots and commas or left them to the separator,
# and "1.2.3..." was tried split in every way it can be: a line opening with 21 dotted numbers
# took 0.5 s, each two more four times that (60 held a coder for good). A match of the old
# pattern is one of this one (read each number's digits as numbers of their own), and the
# other way round.
# A name with "and", "of" or "the" may open it ("Bosnia and Herzegovina Expels ...", "Saint
# Vincent and the Grenadines ..."), so those words may stand between its capitalised ones.
TITLED = re.compile(
    r"(?:^|\n)[ \t]*(?:[A-Z][a-z]+(?:['\u2019]s)?|[A-Z]{2,}|\d++)[^\w\n]++"
    r"(?:(?:[A-Z][a-z]+(?:['\u2019]s)?|[A-Z]{2,}|\d++|and|of|the)[^\w\n]++)+[A-Z][a-z]+")
# (a line with no capital, then a run of three small letters in it: written as one pattern,
# "[^A-Z\n]*[a-z]{3,}[^A-Z\n]*(?:\n|$)", a long line of small letters with a capital at its
# end was tried at each split of it, the square of its length: 40,000 characters took 15 s)
LOWER_LINE = re.compile(r"(?:^|\n)(?=[^A-Z\n]*(?:\n|$))[^\n]*?[a-z]{3}")
TITLE_WORDS = 4
# a sentence's end inside a line: a full stop, "?" or "!" after a word of two letters or more
SENTENCE_INSIDE = re.compile(r"(?:[a-z]{2}|[A-Z][a-z]+)[.?!](?:\s|$)")
# a line shouts when it has this many words and nearly all of them are in capitals
SHOUT_WORDS = 3
SHOUT_SHARE = 0.8
BODY_WORDS = 12  # a shouted line of this many words is body copy, not a headline
ACRONYM_LENGTH = 4  # unknown capitals up to this length in a shouted line stay capitals
# a letter of a dotted abbreviation ("U.S.", "U.N.", "E.U."), written in capitals in any copy:
# recased alone, "U" is the English word "u" and "u.S." names no state
DOTTED_LETTER = re.compile(r"(?<![^\W\d_])[A-Z](?=\.[A-Z]\.)|(?<=[A-Z]\.)[A-Z](?=\.)")


# a capitalised word in -ing before a capitalised word: a participle opening its sentence
# before a name, when it opens a sentence and its stem is an English word
OPENING_PARTICIPLE = re.compile(r"\b[A-Z][a-z]+ing(?= (?:[Tt]he )?[A-Z][a-z])")
PARTICIPLE_STEM = 3  # letters at least ("King", "Bing" are no participles)


class CasingNormaliser:
    """Makes a same-length copy of a text with odd and shouted casing made ordinary."""

    def __init__(
        self,
        common: Iterable[str] = (),
        names: Iterable[str] = (),
        suffixes: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.common = frozenset(w.lower() for w in common) | STOP_WORDS
        # inflection rules (suffix, replacement): "condemns" is common because "condemn" is
        self.suffixes = tuple(sorted(set(suffixes)))
        self.names: dict[str, str] = {}
        # names of states, lower-cased: "US" stays the state in shouted body copy, where the
        # organisations spelled as English words ("IS", "WHO") are read as those words
        self.state_names: set[str] = set()
        self.add_names(names)
        # a large place the gazetteer knows ("Kharkiv"): a name, though the lemmatizer's word
        # lists carry it in lower case
        self.is_place: Callable[[str], bool] = lambda word: False

    def is_common(self, lower: str) -> bool:
        """An English word (or an inflection of one) that is written in lower case."""
        return lower in self.common or any(
            lower.endswith(old) and lower[: len(lower) - len(old)] + new in self.common
            for old, new in self.suffixes
        )

    def add_names(self, names: Iterable[str], states: Iterable[str] = ()) -> None:
        """Dictionary names, single words and phrases, in their proper casing; ``states``
        those of them that name a state."""
        for name in names:
            self.names.setdefault(name.lower(), name)
        self.state_names.update(name.lower() for name in states)

    def normalise(self, text: str) -> str:
        """The text with only the casing of odd, shouted, headline or unwritten words changed,
        and a participle opening a sentence before a name in lower case."""
        text = self._participles_lowered(text)
        if not (HINT.search(text) or TITLED.search(text) or LOWER_LINE.search(text)):
            return text  # ordinary copy: no second look at each word
        changes: dict[int, str] = {}
        evidence: dict[str, Counter] | None = None  # read from the whole text when first needed
        offset = 0
        for line in text.split("\n"):
            shouting = _shouts(line)
            # only a line that names a state is taken for a headline or lost capitals (not a
            # byline: "By Liisa Tamm and Mari Saar")
            styled = (_titled(line) or _unwritten(line)) and self._names_a_state(line)
            if not (shouting or styled or any(_odd(w) for w in WORD.findall(line))):
                offset += len(line) + 1
                continue  # an ordinary line: none of its words changes
            # "UNITED STATES", "uNited Kingdom": a dictionary name recased as a whole
            changes.update(self._phrases(line, offset, odd_only=not (shouting or styled)))
            dotted = {m.start() for m in DOTTED_LETTER.finditer(line)}
            words = list(WORD.finditer(line))
            for number, match in enumerate(words):
                start = offset + match.start()
                word = match.group()
                if start in changes or match.start() in dotted:
                    continue
                if styled:
                    form = self._styled_form(word)
                    if _sentence_start(text, start):
                        form = form[0].upper() + form[1:]
                    if form != word:
                        changes[start] = form
                    continue
                if not (_odd(word) or (shouting and word.isupper())):
                    continue
                if evidence is None:
                    evidence = _written_forms(text)
                form = self._form(word, evidence, shouting)
                if shouting and self._english_word(
                        word, len(words), words[number - 1].group() if number else None):
                    form = word.lower()
                if _sentence_start(text, start):
                    form = form[0].upper() + form[1:]
                if form != word and len(form) == len(word) and form.lower() == word.lower():
                    changes[start] = form
            offset += len(line) + 1
        if not changes:
            return text
        chars = list(text)
        for start, form in changes.items():
            chars[start:start + len(form)] = form
        return "".join(chars)

    def _participles_lowered(self, text: str) -> str:
        """"Accusing Peru of meddling, Chile expelled ...": capitalised before a name, the
        participle is tagged a proper noun (the name's first word) and its clause is lost; in
        lower case it is read as the verb it is. Only a word in -ing whose stem is an English
        word ("accuse", not "Beijing"), that is no name of the dictionary, opening a sentence."""
        changes = [m for m in OPENING_PARTICIPLE.finditer(text)
                   if _sentence_start(text, m.start()) and self._participle(m.group().lower())]
        if not changes:
            return text
        chars = list(text)
        for match in changes:
            chars[match.start()] = text[match.start()].lower()
        return "".join(chars)

    def _participle(self, lower: str) -> bool:
        stem = lower[: -len("ing")]
        if lower in STOP_WORDS or lower in self.names or len(stem) < PARTICIPLE_STEM:
            return False
        doubled = stem[:-1] if len(stem) > 1 and stem[-1] == stem[-2] else stem
        return any(form in self.common for form in (stem, stem + "e", doubled))

    def _form(self, word: str, evidence: dict[str, Counter], shouting: bool) -> str:
        lower = word.lower()
        seen = evidence.get(lower)
        # a headline's "US" is the state even where the story says "told us"
        if shouting and lower in self.names:
            return self.names[lower]
        if seen:
            return seen.most_common(1)[0][0]
        if lower in self.names:
            return self.names[lower]
        if self.is_common(lower):
            return lower
        if not shouting or len(word) <= ACRONYM_LENGTH:
            return word  # a brand's own spelling ("ChatGPT"), an acronym: nothing to go by
        return word.capitalize()

    def _english_word(self, word: str, line_words: int, before: str | None) -> bool:
        """A shouted stop word that the dictionary also has as an organisation's acronym
        ("IS", "WHO"), in a line of body copy (of ``line_words`` words) rather than a headline
        and not after "the" (``before``, the word before it in the line): the verb and the
        pronoun are far more frequent there than the organisations. (The line's words were
        found again for each such word, the square of a long shouted line's length: 40,000
        characters of "THE WHO IS HERE AND" took 20 s.)"""
        lower = word.lower()
        if lower not in STOP_WORDS or lower not in self.names or lower in self.state_names:
            return False
        return line_words >= BODY_WORDS and (before is None or before.lower() != "the")

    def _names_a_state(self, line: str) -> bool:
        # (a name of several words too: "New Zealand", "Saint Kitts and Nevis")
        return any(w.lower() in self.names and w.lower() not in STOP_WORDS
                   for w in WORD.findall(line)) or bool(self._phrases(line, 0, odd_only=False))

    def _styled_form(self, word: str) -> str:
        """In a headline written in Title Case or a line written all in lower case: names in
        their casing, other English words in lower case ("Iran Condemns Israeli Strike" ->
        "Iran condemns Israeli strike", "china warned japan" -> "China warned Japan")."""
        lower = word.lower()
        name = self.names.get(lower)
        if name is not None and lower not in STOP_WORDS and len(name) == len(word):
            return name
        if word.istitle() and self.is_common(lower) and not self.is_place(word):
            return lower
        return word

    def _phrases(self, line: str, offset: int, odd_only: bool) -> dict[int, str]:
        """Dictionary phrases in a line, in a line that is not shouted only those with an
        oddly cased word ("UNITED STATES", "uNited Kingdom" -> "United Kingdom")."""
        found: dict[int, str] = {}
        words = list(WORD.finditer(line))
        # where the odd words are, each read once: a phrase is looked at only around one
        odd = [i for i, w in enumerate(words) if _odd(w.group())] if odd_only else None
        for size in (5, 4, 3, 2):  # ("Saint Vincent and the Grenadines")
            starts: Iterable[int] = range(len(words) - size + 1)
            if odd is not None:
                starts = sorted({i for p in odd for i in range(max(0, p - size + 1), p + 1)
                                 if i <= len(words) - size})
            for i in starts:
                first, last = words[i], words[i + size - 1]
                phrase = line[first.start():last.end()]
                name = self.names.get(phrase.lower())
                # a dotted abbreviation's last full stop is no word's ("u.s." -> "U.S.")
                dotted = self.names.get(phrase.lower() + ".") if (
                    line[last.end():last.end() + 1] == ".") else None
                if dotted:
                    phrase, name = phrase + ".", dotted
                if name and len(name) == len(phrase) and first.start() + offset not in found:
                    found.update(_word_forms(name, offset + first.start()))
        return found


def _word_forms(phrase: str, start: int) -> dict[int, str]:
    return {start + m.start(): m.group() for m in WORD.finditer(phrase)}


def _titled(line: str) -> bool:
    """A headline in Title Case: four words or more, nearly all capitalised (an acronym counts;
    short function words may stay lower case, as house styles keep "on", "in", "to"), no full
    stop; or a single sentence ending in one whose every such word is capitalised ("Chile
    Condemned Peru On Monday.": a headline given a full stop; copy has small words)."""
    words = [w for w in WORD.findall(line) if len(w) > 1]
    content = [w for w in words if not (w.islower() and w in STOP_WORDS)]
    capitalised = sum(w.istitle() or (w.isupper() and len(w) <= ACRONYM_LENGTH) for w in content)
    stopped = line.rstrip().endswith(".")
    share = 1.0 if stopped else SHOUT_SHARE
    return (len(words) >= TITLE_WORDS and (not stopped or _one_sentence(line))
            and bool(content) and capitalised >= share * len(content)
            and sum(w.istitle() for w in content) >= 2)


def _one_sentence(line: str) -> bool:
    """A line whose only full stop ends it (dotted abbreviations aside: "U.S.")."""
    return not SENTENCE_INSIDE.search(line.rstrip()[:-1])


def _unwritten(line: str) -> bool:
    """A line typed all in lower case (four words or more): names lost their capitals."""
    words = WORD.findall(line)
    return len(words) >= TITLE_WORDS and not any(c.isupper() for c in line)


def _odd(word: str) -> bool:
    return not NORMAL.fullmatch(word) and word.isascii()


def _shouts(line: str) -> bool:
    words = [w for w in WORD.findall(line) if len(w) > 1]
    return len(words) >= SHOUT_WORDS and sum(w.isupper() for w in words) >= SHOUT_SHARE * len(words)


def _written_forms(text: str) -> dict[str, Counter]:
    """How each word is written where its casing is ordinary and not only sentence-initial."""
    forms: dict[str, Counter] = defaultdict(Counter)
    for line in text.split("\n"):
        if _shouts(line):
            continue
        for match in WORD.finditer(line):
            word = match.group()
            if len(word) > 1 and not _odd(word) and not (
                word.istitle() and _sentence_start(line, match.start())
            ):
                forms[word.lower()][word] += 1
    return forms


# (in either case: "u.s." in a line typed all in lower case is an abbreviation too)
INITIALS = re.compile(r"(?:^|[^\w.])(?:[A-Za-z]\.){2,}$")


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 8):start].rstrip(" \t\"'“‘(")
    # ("U.S. FORCES": the period of an abbreviation in capitals ends no sentence)
    return not before or before[-1] in "!?\n" or (
        before[-1] == "." and not INITIALS.search(before))


# one word between a pair of quote marks, the opening one not an apostrophe inside a word
# a run of symbols (neither word characters nor spaces) longer than any writing has; "_" is a
# word character to Python but a mark to spaCy, which peels it as it peels the others (8,000
# underscores took 8.7 s, a posted article's 199,000 would take hours)
SYMBOL_RUN = 20
LONG_SYMBOL_RUN = re.compile(rf"(?:[^\w\s]|_){{{SYMBOL_RUN + 1},}}")
SYMBOL_RUN_CUT = re.compile(rf"(.{{{SYMBOL_RUN - 1}}}).", re.DOTALL)  # each SYMBOL_RUN-th
ONE_WORD_QUOTED = re.compile(
    r"""(?<![\w'’])(?:'(?P<a>[^\W_][\w-]*)'|‘(?P<b>[^\W_][\w-]*)’|"(?P<c>[^\W_][\w-]*)"|"""
    r"""“(?P<d>[^\W_][\w-]*)”)(?![\w'’])"""
)


def unquote_single_words(text: str) -> str:
    """The text with the quote marks around single words made spaces (same length)."""
    if "'" not in text and "‘" not in text and '"' not in text and "“" not in text:
        return text
    return ONE_WORD_QUOTED.sub(lambda m: " " + m.group()[1:-1] + " ", text)


def break_symbol_runs(text: str) -> str:
    """The text with every ``SYMBOL_RUN``-th character of a long run of symbols made a space
    (same length). The tokenizer peels prefix and suffix symbols (quotes, brackets, emoji) off
    a word one at a time, rescanning what is left: a run of them with no space costs the square
    of its length (18,000 apostrophes took 100 s); runs of this length cost nothing, and no
    writing has longer ones than rules of "=" or "*", which the spaces leave as they are."""
    if not LONG_SYMBOL_RUN.search(text):
        return text
    return LONG_SYMBOL_RUN.sub(lambda run: SYMBOL_RUN_CUT.sub(r"\1 ", run.group()), text)


# Spaces other than the plain one (no-break spaces from HTML's &nbsp;, thin and typographic
# spaces, tabs between words): the tokenizer makes each a token of its own, in the middle of
# the sentence, and the parser then misreads it (a fifth of a story's events were lost).
ODD_SPACES = str.maketrans({c: " " for c in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004"
                            "\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"})
ODD_SPACE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def plain_spaces(text: str) -> str:
    """The text with every other kind of space made a plain one (same length)."""
    return text.translate(ODD_SPACES) if ODD_SPACE.search(text) else text


# Unicode's own hyphen and its no-break hyphen, which word processors and some sites write
# inside words: the tokenizer splits "Russia\u2010backed" or "al\u2010Assad" at them, where it
# keeps the hyphen-minus inside the word, and the dictionaries' names have the hyphen-minus
# (the VOA corpus kept 137 of its 156 international events: bench/metamorphic.py --layouts).
ODD_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


def plain_hyphens(text: str) -> str:
    """The text with Unicode's hyphens made hyphen-minus (same length)."""
    return text.translate(ODD_HYPHENS) if ("\u2010" in text or "\u2011" in text) else text


# Marks typed for an apostrophe after a letter ("Russia\u00b4s", "Kyiv\u02bcs", "don`t",
# "states\u00b4 rights"): an acute accent, the modifier letter apostrophe, a backtick or a
# prime. The tokenizer splits no possessive at them, so "Russia\u00b4s" is no name the tables
# know (the VOA corpus kept 132-143 of its 156 international events with them). A backtick
# or prime that opens a quotation follows no letter and stays.
ODD_APOSTROPHE = re.compile("(?<=[^\\W\\d_])[\u00b4\u02bc`\u2032](?=[^\\W\\d_]|\\s|$)")


def plain_apostrophes(text: str) -> str:
    """The text with marks typed for an apostrophe after a letter made one (same length)."""
    return ODD_APOSTROPHE.sub("\u2019", text) if ODD_APOSTROPHE.search(text) else text


# Markdown's emphasis around words ("**Russia** accused **Ukraine**", "*Kyiv*"), as scrapers
# and converters that write Markdown leave it: the tokenizer keeps the stars on the name, which
# no table knows then (the VOA corpus kept 125 of its 156 international events with its states
# in bold). The marks become spaces (same length); the runs of spaces are then cut to one.
EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=[^\s*_])"  # the opening mark, before a word
                      r"([^*_\n]{1,200}?)(?<=[^\s*_])\1(?![\w*])")  # the words, the same mark


def plain_emphasis(text: str) -> str:
    """The text with Markdown's emphasis marks around words made spaces (same length)."""
    if "*" not in text and "__" not in text:
        return text
    return EMPHASIS.sub(lambda m: " " * len(m.group(1)) + m.group(2) + " " * len(m.group(1)),
                        text)


# Hard-wrapped copy (plain-text wire, mail, archives) breaks every line near one width. Its
# line breaks are no structure: each would start a sentence (structure.py), cutting every
# sentence into pieces (a story wrapped at 70 columns kept none of its events).
WRAP_WIDTHS = (30, 120)  # line widths copy is wrapped at; longer lines are whole paragraphs
WRAPPED_SHARE = 0.5  # of the breaks inside paragraphs that look like wraps, for a wrapped text
LIST_ITEM = re.compile(r"\s*(?:[-*•·–—]|\d{1,3}[.)]|\(?[a-z]\))\s")


def unwrap_lines(text: str) -> str:
    """The text with the line breaks of hard-wrapping made spaces (same length).

    A break is a wrap when the next line's first word would not have fitted on the line: the
    line runs near the text's width (what most of its lines come to). A heading, a dateline or
    a list item ends early or starts its own line, and keeps its break; a text whose breaks
    inside paragraphs are mostly not wraps is left as it is."""
    if text.count("\n") < 3:
        return text
    lines = text.split("\n")
    widths = sorted(len(line.rstrip()) for line in lines if line.strip())
    width = widths[(len(widths) - 1) * 9 // 10] if widths else 0
    if not WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1]:
        return text
    wraps: list[int] = []  # offsets of the breaks that are wraps
    inner = 0  # breaks between two lines of text
    offset = 0
    for line, following in zip(lines, lines[1:], strict=False):
        offset += len(line)
        if line.strip() and following.strip():
            inner += 1
            if _wrapped(line, following, width):
                wraps.append(offset)
        offset += 1
    if not wraps or len(wraps) < WRAPPED_SHARE * inner:
        return text
    characters = list(text)
    for at in wraps:
        characters[at] = " "
        if at and characters[at - 1] == "\r":
            characters[at - 1] = " "
    return "".join(characters)


def _wrapped(line: str, following: str, width: int) -> bool:
    if following[:1].isspace() or LIST_ITEM.match(following):
        return False  # an indented paragraph or a list item starts its own line
    first_word = following.split(None, 1)[0]
    return len(line.rstrip()) + 1 + len(first_word) > width


class NormalisingTokenizer:
    """The pipeline's tokenizer, reading the normalised copy of the text (see the module)."""

    def __init__(self, tokenizer: Any, normaliser: CasingNormaliser) -> None:
        self.tokenizer = tokenizer
        self.normaliser = normaliser

    def __call__(self, text: str) -> Doc:
        fixed = break_symbol_runs(unquote_single_words(self.normaliser.normalise(
            unwrap_lines(plain_emphasis(plain_apostrophes(plain_hyphens(plain_spaces(text))))))))
        fixed, offsets = single_spaced(fixed)
        doc = self.tokenizer(fixed)
        if fixed != text:
            doc.user_data[ORIGINAL_TEXT] = text
        if offsets:
            doc.user_data[COPY_OFFSETS] = offsets.to_bytes()
        return doc


def single_spaced(text: str) -> tuple[str, OffsetMap]:
    """The text with each run of spaces inside a line cut to one space, spaces before a comma,
    semicolon or colon, each connective aside and the serial comma of a list of names left
    out, and the map back."""
    return copy_reading(text, COPY_CHANGES, _left_out)


def _left_out(match: re.Match[str]) -> str:
    """What the copy reads for a match of ``COPY_CHANGES``: nothing, or a serial comma kept
    where the list is not one of names."""
    if match.group("serial") is None:
        return ""
    start = match.start()
    before = match.string[max(0, start - NAMES_REACH):start]
    return "" if _TWO_NAMES_BEFORE.search(before) else match.group()


def install(nlp: Language) -> CasingNormaliser:
    """Put the normalising tokenizer in front of a pipeline; returns its normaliser."""
    common: set[str] = set()
    suffixes: set[tuple[str, str]] = set()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) if (
        "lemmatizer" in nlp.pipe_names) else None
    if lookups is not None:
        for table, add in (("lemma_index", common.update), ("lemma_exc", common.update),
                           ("lemma_rules", suffixes.update)):
            if lookups.has_table(table):
                for entries in lookups.get_table(table).values():
                    add(tuple(e) if isinstance(e, list) else e for e in entries)
    normaliser = CasingNormaliser(common, suffixes=suffixes)
    normaliser.add_names(calendar_names())
    nlp.tokenizer = NormalisingTokenizer(nlp.tokenizer, normaliser)
    return normaliser


def calendar_names() -> list[str]:
    """Months and weekdays, names in any copy ("ON MONDAY" is "on Monday"); not "May" and
    "March", which a shouted line uses as a verb as often ("MAY", "MARCH ON THE CAPITAL")."""
    names = [*calendar.month_name[1:], *calendar.day_name]
    return [name for name in names if name not in ("May", "March")]


def phrase_tokenizer(nlp: Language) -> Callable[[str], Doc]:
    """The tokenizer for dictionary phrases: as written, never recased. A phrase alone reads
    as a Title Case headline ("Democratic People's Republic of Korea"), whose common words
    the normaliser would lower, and the pattern would then match no sentence."""
    tokenizer = nlp.tokenizer
    return tokenizer.tokenizer if isinstance(tokenizer, NormalisingTokenizer) else tokenizer


def add_place_test(nlp: Language, is_place: Callable[[str], bool]) -> None:
    """Teach a pipeline's normaliser which Title Case words are large places."""
    if isinstance(nlp.tokenizer, NormalisingTokenizer):
        nlp.tokenizer.normaliser.is_place = is_place


def add_names(nlp: Language, names: Iterable[str], states: Iterable[str] = ()) -> None:
    """Teach a pipeline's normaliser the dictionary's names (if it has one), and which of
    them name states."""
    if isinstance(nlp.tokenizer, NormalisingTokenizer):
        nlp.tokenizer.normaliser.add_names(names, states)


# ---- reporting the original text --------------------------------------------------------------
def original_text(doc: Doc) -> str | None:
    """The text as given, when the pipeline read a changed copy of it."""
    return doc.user_data.get(ORIGINAL_TEXT)


def copy_offsets(doc: Doc) -> OffsetMap:
    """The map from the document's offsets to the original's (empty: they are the same)."""
    data = doc.user_data.get(COPY_OFFSETS)
    return OffsetMap.from_bytes(data) if data else OffsetMap()


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Each sentence's start and end, as offsets into the text the pipeline was given."""
    offsets = copy_offsets(doc)
    sentences = parsetable.sentences(doc)  # (listed once while the document is coded)
    if not offsets:
        return [(s.start_char, s.end_char) for s in sentences]
    return [(offsets.start(s.start_char), offsets.end(s.end_char)) for s in sentences]
