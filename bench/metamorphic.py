"""Does an event survive when its state is named, or the story laid out, differently?

A check of generalisation on the VOA corpus, without gold: a coder of constructions codes the
same events whatever the name of the state and however the copy is laid out.

States: for each state that is the source or target of an international event the coder finds in a
story of the VOA corpus, every mention of that state in the story (its names, demonyms and
capitals as data/actors.yaml lists them) is replaced by the same kind of word for a substitute
state the story does not name, and the story is coded again. An event is kept when the new
story has an event in the same sentence, in the same quad class, with the substitute in its
place. A coder that has learnt words rather than constructions loses events here: a parse
that changes with the name, a demonym or capital the tables lack, a rule tied to one state.

Also counts events the substitution creates (an event the original story did not have: mostly
a domestic event made international, as when an armed group keeps its state and the story's
state is renamed). Prints counts per substitute state; story text only for the events listed
with --show (lost, then created).

    .venv/bin/python bench/metamorphic.py                    # 12 substitutes per state
    .venv/bin/python bench/metamorphic.py --substitutes 30   # every state of the panel
    .venv/bin/python bench/metamorphic.py --show 20          # list 20 lost events

Layouts (``--layouts``): every story is coded again hard-wrapped (40, 60, 72, 100 columns, with
blank lines or single line breaks between paragraphs, with Windows line ends), with indented
paragraphs, no-break spaces, other quote marks, all in one paragraph, after a dateline or a
headline and byline, with subheadings run into the copy (as a web page's are when its
paragraphs are joined), with two spaces after full stops or between words, tabs between words,
Unicode's hyphen for the hyphen-minus, "US" for "U.S.", unspaced dashes, spaces before commas,
apostrophes typed as acute accents, states' names in Markdown bold, mojibake (UTF-8 once read as
Windows-1252), all in capitals and all in lower case; each
layout's row says how many of the story's international events came back and how many new
ones appeared.

    .venv/bin/python bench/metamorphic.py --layouts

Wordings (``--wordings``): one sentence at a time, each sentence with an international event
is reworded as news rewords it, and the story coded again: a time, a clause or a source
fronted or added ("On Tuesday, ...", "As tensions rose over the border, ...", "Despite the
protests, ...", "... on Tuesday", "..., according to officials", "..., officials said",
"Speaking to reporters, ..."), "also" or an aside before the verb (", however,", ", meanwhile,",
", for its part,", "— however —", ", in a statement,", an apposition or a relative clause that
agrees with the subject, ", citing security concerns,", ", along with its allies,", ", on
Tuesday,"), the past tense made perfect ("has condemned"), the clause made
passive ("Y was condemned by X"), a subject that is a state's plain name said as news also
says it (its capital, "Chilean officials", "the Chilean government", "Chile's foreign
ministry"). Those must keep the sentence's events. Three must change their modality: "will
condemn" and "may condemn" keep the event as future or possible, and "did not condemn" must
drop it; such a row counts the events still asserted as wrong. Tense changes apply to a
simple past verb with its subject.

    .venv/bin/python bench/metamorphic.py --wordings
    .venv/bin/python bench/metamorphic.py --wordings --wording passive   # one wording

A subject that is a state's name can also be made the first of three ("listed subject": "Chile,
Fiji and Tonga condemned ..."; "listed subject, serial comma": "Chile, Fiji, and Tonga").

Lists (``--lists``): sentences made here, not news: three states of the panel as the subject
(or the object) of a verb of several kinds, in both house styles of a list, with and without
the serial comma ("A, B and C" / "A, B, and C"). Each member must be coded: a style that loses
members is a parse the reading copy should even out.

    .venv/bin/python bench/metamorphic.py --lists

Constructions (``--constructions``): sentences made here from templates of constructions news
uses, each filled with three panel states A, B, C (a name, or a name's "'s president"). A
filling is right when every expected (source, target, quad class) is coded; a wrong pair is
an international event between the states that the sentence does not say (the one criticised
taking part in a meeting of the one who criticised). The templates are those session 37 found
wrong (a gerund after "after", "before", "by"; "as well as", "and also", "together with"
between states; a fronted "like X,", "unlike X,"), with controls that must stay right
("accused B of", "rather than C": no wrong pair), and those session 38 fixed (a possessed
"decision to", "move to"; ellipsis ", as did C", ", and so did C"; headlines "A, B sign ...";
"is among the countries that", "one of the states that"; "the sanctions imposed by A on B";
a verb the parser hung on the noun before it or whose subject it read as an adverb),
with controls (a member of a bloc is not the bloc; "imposed by A" with no target named; requests
for comment and predictions that code nothing; "urged both to end their cooperation"), and
those of session 39: an act done to a state condemned or opposed ("condemned the attempt to
assassinate B's president", "opposed any attempt to divide B": no A -> B), "for V-ing" after a
measure ("imposed sanctions on B for selling weapons to C": B sells), a verb of no event
negated under "said" ("would not affect its cooperation with B"), with controls ("condemned
B's attack on C", "apologized to B for shelling C"), and
those session 39 fixed (absolute clauses "With A warning ..., B ..."; "the sanctions imposed
by A on B were lifted by A"; headlines whose verb in -s is tagged a noun; states whose names
have "and" in them as subject, object, possessor, list member, in headlines; lists "A, B and C"
the parser reads as an apposition), with some forty constructions of news, most of them right
(appeals that assert nothing of the act asked for, threats, denials, quotes round one word,
weekdays glued to names, agentless passives with a from-place). A role other than A, B, C in
an expectation is a state the template names itself (a panel state that is also one of them,
Bosnia and Herzegovina, makes some fillings name one state twice).

    .venv/bin/python bench/metamorphic.py --constructions

Discourse (``--discourse``): documents of two to four sentences made here, in which an actor is
introduced once (a titled person, a state, a ministry, a meeting of two states, an arms deal)
and referred back to in the last sentence, which holds the event: by surname, "the minister",
"he"/"she", "the government", "the country", "its", "the two countries", a capital. Each is
filled with panel states and invented names; a row counts the fillings whose last sentence
codes every expected pair (right), a pair of the document's states it does not say (wrong
pair), or no pair of them at all (nothing). Controls must link nothing to the first state: a
state named in between, a third state's official, a former official, officials of another
body. Two rows read arms-transfer records instead (supplier and recipient of the deal named
the sentence before). Nine rows name two states or more before a state's body or official
with no state named ("The Foreign Ministry", "the government", bare "officials"), and one
joins a verb after a relative clause closed by a comma. Seventeen check pronouns against number
and kind ("they" is no single person, "he"/"she" no state, "its" no person, "we" in a quote
its speaker's), each where the nearest actor before the pronoun is of the wrong kind. Eight
judge an act named back by its noun ("the embargo", "the exchange") after its doer, bare
mentions of it, or 270 words of a story with no actor (``FAR_FILLER``), with controls for two
doers, an indefinite noun, the judge being the doer and an act told too far back. Ten (session
43) name a body again with "the" after a use that named its state ("A's election commission ...
the commission"), a counted group again far on ("the two leaders"), and a state urging "the
government"; controls: a body with no state, a joint one of two states, the nearest of two, a
vessel, a generic plural.

    .venv/bin/python bench/metamorphic.py --discourse
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import textwrap
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ftfy  # noqa: F401  (registers the sloppy-windows-1252 codec)
from spacy.tokens import Token

from detente.actors.lexicon import packaged_countries
from detente.cleantext import read_copy
from detente.coder import Coder
from detente.reading import copy_offsets

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "voa" / (
    "voa_stories.jsonl")
# substitutes whose names take many forms: multi-word, apostrophes, "the", near-homonyms
# (Niger / Nigeria), demonyms unlike the name (Emirati, Burkinabe)
PANEL = ("GHA", "NGA", "NER", "TCD", "CIV", "COD", "ARE", "SAU", "LKA", "NZL", "LAO", "MMR",
         "KGZ", "UZB", "PER", "CHL", "NOR", "POL", "IDN", "PHL", "EGY", "BRA", "MEX", "VNM",
         "BIH", "MKD", "TLS", "BFA", "GMB", "NLD")


@dataclass
class Forms:
    code: str
    names: list[str]
    demonyms: list[str]
    capitals: list[str]

    def plural(self) -> str | None:
        return next((d for d in self.demonyms[1:] if d.endswith("s") and not
                     self.demonyms[0].endswith("s")), None)


@dataclass
class Tally:
    kept: int = 0
    lost: int = 0
    created: int = 0
    lost_examples: list[str] = field(default_factory=list)
    created_examples: list[str] = field(default_factory=list)


def state_forms() -> dict[str, Forms]:
    return {c["code"]: Forms(c["code"], list(c.get("names") or []),
                             list(c.get("demonyms") or []), list(c.get("capitals") or []))
            for c in packaged_countries()}


def substitution(original: Forms, substitute: Forms) -> list[tuple[re.Pattern, str]] | None:
    """(pattern, replacement) pairs, longest form first; None when a kind has no counterpart."""
    pairs: list[tuple[str, str]] = []
    plural = substitute.plural() or (substitute.demonyms[0] if substitute.demonyms else None)
    for kind, forms in (("name", original.names), ("demonym", original.demonyms),
                        ("capital", original.capitals)):
        for form in forms:
            if kind == "name":
                new = substitute.names[0]
            elif kind == "capital":
                if not substitute.capitals:
                    return None
                new = substitute.capitals[0]
            else:
                if not substitute.demonyms:
                    return None
                is_plural = form.endswith("s") and form != original.demonyms[0]
                new = plural if is_plural else substitute.demonyms[0]
            pairs.append((form, new))
    pairs.sort(key=lambda p: -len(p[0]))
    return [(re.compile(r"(?<![\w.])" + re.escape(form) + r"(?![\w])"), new)
            for form, new in pairs]


def apply(text: str, subs: list[tuple[re.Pattern, str]]) -> str:
    # one pass over all forms at once, so a replacement is never replaced again
    combined = re.compile("|".join(f"(?:{p.pattern})" for p, _ in subs))

    def replace(match: re.Match) -> str:
        for pattern, new in subs:
            if pattern.fullmatch(match.group(0)):
                return new
        return match.group(0)

    return combined.sub(replace, text)


def mentions(text: str, forms: Forms) -> bool:
    return any(re.search(r"(?<![\w.])" + re.escape(f) + r"(?![\w])", text)
               for f in forms.names + forms.demonyms + forms.capitals)


def norm(sentence: str) -> str:
    return " ".join(sentence.split())


def tuples(events: list) -> set[tuple[str, str, str, int]]:
    return {(norm(e.sentence), e.source.country, e.target.country, e.quad_class)
            for e in events if e.source.country and e.target.country
            and e.source.country != e.target.country}


def named_sides(events: list, forms: dict[str, Forms]) -> set[tuple[str, str, str, int, str]]:
    """(sentence, source, target, quad, state) for each side of an event whose actor's words
    name its state: a side found through a title, a person or an office ("the State
    Department") does not change with the state's name, so it tests nothing here."""
    found = set()
    for e in events:
        for actor in (e.source, e.target):
            state = forms.get(actor.country or "")
            if state is not None and mentions(actor.text, state):
                found.add((norm(e.sentence), e.source.country, e.target.country, e.quad_class,
                           actor.country))
    return found


def moved(event: tuple, subs: list[tuple[re.Pattern, str]], swap: dict[str, str]
          ) -> tuple[str, str, str, int]:
    """An original event's tuple as it should read once the state is replaced."""
    sentence, source, target, quad = event[:4]
    return norm(apply(sentence, subs)), swap.get(source, source), swap.get(target, target), quad


def check_story(coder: Coder, story: dict, forms: dict[str, Forms], rng: random.Random,
                substitutes: int, by_substitute: dict[str, Tally], total: Tally) -> None:
    """Code one story, then each variant with one of its named states replaced."""
    text, doc_id = story["text"], str(story["id"])
    date = (story.get("published") or "")[:10] or None
    events = coder.code_text(text, doc_id, date)
    original = tuples(events)
    sides = named_sides(events, forms)
    for state in sorted({side[4] for side in sides}):
        panel = [c for c in PANEL if c != state and not mentions(text, forms[c])]
        for substitute in rng.sample(panel, min(substitutes, len(panel))):
            subs = substitution(forms[state], forms[substitute])
            if subs is None:
                continue
            swap = {state: substitute}
            # the original's events, as they should read in the new story
            expected = {moved(side[:4], subs, swap) for side in sides if side[4] == state}
            got = tuples(coder.code_text(apply(text, subs), doc_id, date))
            tally = by_substitute.setdefault(substitute, Tally())
            for item in expected:
                hit = item in got
                for counts in (tally, total):
                    counts.kept += hit
                    counts.lost += not hit
                if not hit:
                    total.lost_examples.append(f"{doc_id} {state}->{substitute} {item[1]}->"
                                               f"{item[2]} q{item[3]}: {item[0][:150]}")
            created = {g for g in got if substitute in g[1:3]} - {
                moved(o, subs, swap) for o in original}
            tally.created += len(created)
            total.created += len(created)
            total.created_examples.extend(
                f"{doc_id} {state}->{substitute} {item[1]}->{item[2]} q{item[3]}: {item[0][:150]}"
                for item in sorted(created))


def wrapped(width: int, between: str = "\n\n") -> Callable[[str], str]:
    return lambda text: between.join("\n".join(textwrap.wrap(paragraph, width))
                                     for paragraph in text.split("\n\n"))


def straight_quotes(text: str) -> str:
    return text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))


def curly_quotes(text: str) -> str:
    text = re.sub(r"(\w)'(\w)", "\\1’\\2", text)
    return re.sub(r'"(\S)', "“\\1", text).replace('"', "”")


# subheadings of a web page, run into the copy when its paragraphs are joined (as in the VOA
# corpus): written for this check, in sentence case, without final punctuation
RUN_IN_HEADINGS = ("Border tensions", "Regional reaction", "Aid worries", "Next steps",
                   "Security concerns", "Trade and energy ties", "Sanctions crucial")


def run_in_headings(text: str, every: int = 4) -> str:
    """Every ``every``-th sentence start gets a subheading glued before it."""
    starts = iter(range(1, 10**6))

    def heading(match: re.Match) -> str:
        count = next(starts)
        if count % every:
            return match.group(0)
        return f"{match.group(0)}{RUN_IN_HEADINGS[count // every % len(RUN_IN_HEADINGS)]} "

    return re.sub(r'(?<=[a-z][.!?]) (?=[A-Z“"])|(?<=[a-z][.!?][”"]) (?=[A-Z“"])', heading, text)


LAYOUTS: dict[str, Callable[[str], str]] = {
    "wrapped 40": wrapped(40),
    "wrapped 60": wrapped(60),
    "wrapped 72": wrapped(72),
    "wrapped 100": wrapped(100),
    "wrapped 72, single breaks": wrapped(72, "\n"),
    "wrapped 72, CRLF": lambda text: wrapped(72)(text).replace("\n", "\r\n"),
    "CRLF line ends": lambda text: text.replace("\n", "\r\n"),
    "indented paragraphs": lambda text: re.sub(r"\n\n(?=\S)", "\n\n    ", text),
    "no-break spaces (50)": lambda text: text.replace(" ", "\u00a0", 50),
    "straight quotes": straight_quotes,
    "curly quotes": curly_quotes,
    "one paragraph": lambda text: re.sub(r"\s*\n\s*", " ", text),
    "single line breaks": lambda text: re.sub(r"\n\s*\n", "\n", text),
    "leading dateline": lambda text: "WASHINGTON (VOA) — " + text.lstrip(),
    "headline and byline": lambda text: "Talks Stall as Tensions Rise\n\nBy Staff Reporter\n\n"
    + text,
    # two spaces after a full stop (a word of three letters or more before it), as typists do
    "two spaces after stops": lambda text: re.sub(
        r"([a-z]{3,}[.?!][\"\u201d]?) (?=[A-Z\"\u201c])", r"\1  ", text),
    # padding between words, as text copied from a PDF or a table has it
    "doubled spaces": lambda text: re.sub(r"(?<=[a-z]) (?=[a-z])", "  ", text),
    "tabs between words": lambda text: re.sub(r"(?<=[a-z]) (?=[a-z])", "\t", text),
    "Unicode hyphens": lambda text: re.sub(r"(?<=\w)-(?=\w)", "\u2010", text),
    "undotted U.S., U.N., U.K.": lambda text: re.sub(r"\b(U)\.(S|N|K)\.", r"\1\2", text),
    "unspaced dashes": lambda text: text.replace(" \u2014 ", "\u2014"),
    "spaces before commas": lambda text: re.sub(r"(?<=\w), ", " , ", text),
    # UTF-8 once decoded as Windows-1252, as scraped copy shows it ("Russia\u00e2\u20ac\u2122s")
    "mojibake": lambda text: text.encode("utf-8").decode("sloppy-windows-1252"),
    # an apostrophe typed as an acute accent ("Russia\u00b4s"), and states' names in Markdown bold
    "acute apostrophes": lambda text: re.sub(r"(?<=\w)[\u2019'](?=\w)", "\u00b4", text),
    "Markdown bold": lambda text: re.sub(r"\b(United States|Russia|China|Iran|Israel|Ukraine|"
                                         r"Syria|Pakistan|Afghanistan|Japan|North Korea|Sudan|"
                                         r"Somalia|Haiti|U\.S\.|U\.N\.)(?!\w)", r"**\1**", text),
    "run-in subheadings": run_in_headings,
    # (measured, not yet kept whole: recasing a shouted or unwritten story guesses each word)
    "all capitals": str.upper,
    "all lower case": str.lower,
}
CASINGS = ("all capitals", "all lower case")


def layout_key(event) -> tuple[str, str, str, int]:
    # the end of the sentence's letters and digits, in lower case: the layouts change its
    # spaces, quotes, hyphens, dots and case
    sentence = re.sub(r"[\W_]+", "", event.sentence).lower()
    return sentence[-50:], event.source.country, event.target.country, event.quad_class


def international(events: list) -> set[tuple[str, str, str, int]]:
    return {layout_key(e) for e in events if e.source.country and e.target.country
            and e.source.country != e.target.country}


def check_layouts(coder: Coder, stories: list[dict], show: int) -> None:
    kept: dict[str, int] = dict.fromkeys(LAYOUTS, 0)
    new: dict[str, int] = dict.fromkeys(LAYOUTS, 0)
    base_total = 0
    lost: list[str] = []
    for story in stories:
        date = (story.get("published") or "")[:10] or None
        base = international(coder.code_text(story["text"], str(story["id"]), date))
        base_total += len(base)
        for name, layout in LAYOUTS.items():
            # (read as `detente code` and `ingest` read a file: CRLF line ends as line breaks)
            got = international(coder.code_text(read_copy(layout(story["text"])),
                                                str(story["id"]), date))
            kept[name] += len(base & got)
            new[name] += len(got - base)
            lost.extend(f"{name}: {story['id']} {k[1]}->{k[2]} q{k[3]} ...{k[0]}"
                        for k in base - got)
    print(f"{'layout':<28}{'kept':>6}{'of':>6}{'share':>8}{'new':>6}")
    for name in LAYOUTS:
        print(f"{name:<28}{kept[name]:>6}{base_total:>6}{kept[name] / max(1, base_total):>8.2f}"
              f"{new[name]:>6}")
    for line in lost[:show]:
        print("  LOST", line)


@dataclass(frozen=True)
class Wording:
    """A rewording of one sentence, given the sentence, its offset in the story and the
    trigger token of one of its events; None where it does not apply. ``modality`` is the
    modality the sentence's events must then have (None: any, the events must stay)."""

    rewrite: Callable[[str, int, Token], str | None]
    modality: str | None = None


LOWERED_OPENERS = {"the", "a", "an", "its", "this", "these", "both", "in", "on", "after",
                   "last", "earlier", "it", "they", "he", "she", "we", "some", "many"}


def _opener_lowered(sentence: str) -> str:
    first = sentence.split(" ", 1)[0]
    return sentence[0].lower() + sentence[1:] if first.lower() in LOWERED_OPENERS else sentence


def _unquoted(sentence: str) -> bool:
    return not any(mark in sentence for mark in '"“”')


def _before_stop(sentence: str, words: str) -> str | None:
    stop = re.search(r"[.!?]\s*$", sentence)
    if stop is None or not _unquoted(sentence):
        return None
    return sentence[: stop.start()] + words + sentence[stop.start():]


def _simple_past_subject(trigger: Token) -> Token | None:
    """The subject of a regular simple past verb with no auxiliary or negation of its own."""
    if trigger.tag_ != "VBD" or not trigger.text.endswith("ed") or any(
            c.dep_ in ("aux", "auxpass", "neg") for c in trigger.children):
        return None
    return next((c for c in trigger.children if c.dep_ == "nsubj" and c.i < trigger.i), None)


def _retensed(auxiliary: str, base: bool) -> Callable[[str, int, Token], str | None]:
    def rewrite(sentence: str, start: int, trigger: Token) -> str | None:
        if _simple_past_subject(trigger) is None:
            return None
        at = trigger.idx - start
        verb = trigger.lemma_ if base else trigger.text
        return f"{sentence[:at]}{auxiliary} {verb}{sentence[at + len(trigger.text):]}"
    return rewrite


def _expected(sentence: str, start: int, trigger: Token) -> str | None:
    subject = _simple_past_subject(trigger)
    if subject is None:
        return None
    at = trigger.idx - start
    auxiliary = "are" if _plural(subject) else "is"
    rest = sentence[at + len(trigger.text):]
    return f"{sentence[:at]}{auxiliary} expected to {trigger.lemma_}{rest}"


def _conditional(sentence: str, start: int, trigger: Token) -> str | None:
    future = _retensed("will", base=True)(sentence, start, trigger)
    if future is None or sentence.startswith(('"', "“")):
        return None
    return "If the talks fail, " + _opener_lowered(future)


def _aside(words: str | Callable[[Token], str]) -> Callable[[str, int, Token], str | None]:
    """Words set off after the subject; a function of the subject gives words that agree
    with it (", a longtime partner," or ", longtime partners,")."""
    def rewrite(sentence: str, start: int, trigger: Token) -> str | None:
        subject = _simple_past_subject(trigger)
        if subject is None:
            return None
        last = trigger.doc[max(t.i for t in subject.subtree)]
        if trigger.doc[last.i + 1].is_punct:
            return None
        at = last.idx + len(last.text) - start
        return sentence[:at] + (words if isinstance(words, str) else words(subject)) + (
            sentence[at:])
    return rewrite


def _listed(serial: bool) -> Callable[[str, int, Token], str | None]:
    """A subject that is a state's name made the first of three ("Chile, Fiji and Tonga
    condemned ...", or with the serial comma "Chile, Fiji, and Tonga"): its events must stay."""
    words = ", Fiji, and Tonga" if serial else ", Fiji and Tonga"

    def rewrite(sentence: str, start: int, trigger: Token) -> str | None:
        # a past verb of any form, with no auxiliary whose number the list would change
        if trigger.tag_ != "VBD" or any(c.dep_ in ("aux", "auxpass", "neg")
                                        for c in trigger.children):
            return None
        subject = next((c for c in trigger.children if c.dep_ == "nsubj" and c.i < trigger.i),
                       None)
        if subject is None or subject.ent_type_ != "GPE" or any(
                c.dep_ in ("conj", "cc", "appos") for c in subject.children):
            return None
        last = trigger.doc[max(t.i for t in subject.subtree)]
        if trigger.doc[last.i + 1].is_punct:
            return None
        at = last.idx + len(last.text) - start
        return sentence[:at] + words + sentence[at:]
    return rewrite


def _plural(subject: Token) -> bool:
    return subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)


def _apposition(subject: Token) -> str:
    return ", longtime partners," if _plural(subject) else ", a longtime partner,"


def _relative(subject: Token) -> str:
    pronoun = "who" if subject.ent_type_ == "PERSON" else "which"
    return f", {pronoun} {'have' if _plural(subject) else 'has'} long been cautious,"


def _also(sentence: str, start: int, trigger: Token) -> str | None:
    if _simple_past_subject(trigger) is None:
        return None
    return sentence[: trigger.idx - start] + "also " + sentence[trigger.idx - start:]


CLAUSE_INSIDE = ("relcl", "appos", "acl", "punct", "cc", "conj")


def _phrase(token: Token) -> tuple[int, int] | None:
    """A noun phrase's token range, when it is a plain one (no clause, apposition or list)."""
    if any(t.dep_ in CLAUSE_INSIDE for t in token.subtree if t != token):
        return None
    return token.left_edge.i, token.right_edge.i + 1


def _passive(sentence: str, start: int, trigger: Token) -> str | None:
    """"X condemned Y ..." as "Y was condemned by X ...": a regular simple past verb with a
    plain subject right before it and a plain object right after it."""
    subject = _simple_past_subject(trigger)
    obj = next((c for c in trigger.children if c.dep_ == "dobj"), None)
    if subject is None or obj is None or subject.pos_ == "PRON" or any(
            c.dep_ in ("dative", "ccomp", "xcomp", "prt") for c in trigger.children):
        return None
    doc = trigger.doc
    subject_span, object_span = _phrase(subject), _phrase(obj)
    if subject_span is None or object_span is None or object_span[0] != trigger.i + 1 or any(
            t.dep_ != "advmod" for t in doc[subject_span[1]:trigger.i]):
        return None
    words = [doc[i:j].text for i, j in (subject_span, object_span)]
    first = doc[subject_span[0]]
    if first.pos_ == "DET":  # "The ministry" inside the sentence: "the ministry"
        words[0] = words[0][0].lower() + words[0][1:]
    before = sentence[: first.idx - start]
    if not before:
        words[1] = words[1][0].upper() + words[1][1:]
    plural = obj.tag_ in ("NNS", "NNPS")
    adverbs = "".join(t.text_with_ws for t in doc[subject_span[1]:trigger.i])
    after = sentence[doc[object_span[1] - 1].idx + len(doc[object_span[1] - 1].text) - start:]
    return (f"{before}{words[1]} {'were' if plural else 'was'} {adverbs}{trigger.text} by "
            f"{words[0]}{after}")


@lru_cache(maxsize=1)
def _forms_by_name() -> dict[str, Forms]:
    return {name: forms for forms in state_forms().values() for name in forms.names}


def _subject_as(make: Callable[[Forms, str], str | None], past_only: bool = False,
                dep: str = "nsubj") -> Callable[[str, int, Token], str | None]:
    """A subject (or object) that is a state's plain name said another way news says it
    ("Chile" as "Santiago", "Chilean officials", "the Chilean government", "Chile's foreign
    ministry")."""
    def rewrite(sentence: str, start: int, trigger: Token) -> str | None:
        subject = next((c for c in trigger.children if c.dep_ == dep), None)
        if subject is None or past_only and trigger.tag_ != "VBD":
            return None
        span = _phrase(subject)
        if span is None:
            return None
        doc = trigger.doc
        words = doc[span[0]:span[1]].text
        forms = _forms_by_name().get(re.sub(r"^[Tt]he ", "", words))
        new = make(forms, words) if forms is not None else None
        if new is None:
            return None
        at = doc[span[0]].idx - start
        new = new[0].upper() + new[1:] if at == 0 else new
        return sentence[:at] + new + sentence[at + len(words):]
    return rewrite


WORDINGS: dict[str, Wording] = {
    "fronted time": Wording(lambda s, start, t: None if s.startswith(("On ", '"', "“"))
                            else "On Tuesday, " + _opener_lowered(s)),
    "trailing time": Wording(lambda s, start, t: _before_stop(s, " on Tuesday")),
    "according to": Wording(lambda s, start, t: None if re.search(r"\bsa(id|ys)\b", s)
                            else _before_stop(s, ", according to officials")),
    "fronted clause": Wording(lambda s, start, t: None if s.startswith(('"', "“"))
                              else "As tensions rose over the border, " + _opener_lowered(s)),
    "fronted despite": Wording(lambda s, start, t: None if s.startswith(('"', "“"))
                               else "Despite the protests, " + _opener_lowered(s)),
    "also": Wording(_also),
    "aside": Wording(_aside(", however,")),
    "aside, meanwhile": Wording(_aside(", meanwhile,")),
    "aside, for its part": Wording(_aside(", for its part,")),
    "aside in dashes": Wording(_aside(" — however —")),
    "aside, in a statement": Wording(_aside(", in a statement,")),
    "aside, apposition": Wording(_aside(_apposition)),
    "aside, relative": Wording(_aside(_relative)),
    "aside, relative in dashes": Wording(_aside(lambda subject: " —" + _relative(
        subject)[1:-1] + " —")),
    "aside, apposition in dashes": Wording(_aside(lambda subject: " —" + _apposition(
        subject)[1:-1] + " —")),
    "aside, participle": Wording(_aside(", citing security concerns,")),
    "aside, along with": Wording(_aside(", along with its allies,")),
    "aside, on Tuesday": Wording(_aside(", on Tuesday,")),
    "listed subject": Wording(_listed(serial=False)),
    "listed subject, serial comma": Wording(_listed(serial=True)),
    "officials said at end": Wording(lambda s, start, t: None if re.search(
        r"\bsa(id|ys)\b", s) else _before_stop(s, ", officials said")),
    "fronted participle": Wording(lambda s, start, t: None if s.startswith(('"', "“"))
                                  else "Speaking to reporters, " + _opener_lowered(s)),
    "perfect": Wording(_retensed("has", base=False)),
    "passive": Wording(_passive),
    "will": Wording(_retensed("will", base=True), "future"),
    "may": Wording(_retensed("may", base=True), "possible"),
    "could": Wording(_retensed("could", base=True), "possible"),
    "expected to": Wording(_expected, "future"),
    "if ..., will": Wording(_conditional, "conditional"),
    "did not": Wording(_retensed("did not", base=True), "none"),
    "reported": Wording(lambda s, start, t: None if not _unquoted(s) or s.startswith(
        ("On ", "In ")) else "Officials said that " + _opener_lowered(s)),
    "capital": Wording(_subject_as(lambda f, w: f.capitals[0] if f.capitals else None)),
    "officials": Wording(_subject_as(lambda f, w: f"{f.demonyms[0]} officials"
                                     if f.demonyms else None, past_only=True)),
    "government": Wording(_subject_as(lambda f, w: f"the {f.demonyms[0]} government"
                                      if f.demonyms else None)),
    "ministry": Wording(_subject_as(lambda f, w: f"{re.sub(r'^[Tt]he ', 'the ', w)}'s foreign "
                                    "ministry")),
    "president": Wording(_subject_as(lambda f, w: f"the {f.demonyms[0]} president"
                                     if f.demonyms else None)),
    "army": Wording(_subject_as(lambda f, w: f"{re.sub(r'^[Tt]he ', 'the ', w)}'s army")),
    "capital object": Wording(_subject_as(lambda f, w: f.capitals[0] if f.capitals else None,
                                          dep="dobj")),
    "government object": Wording(_subject_as(lambda f, w: f"the {f.demonyms[0]} government"
                                             if f.demonyms else None, dep="dobj")),
}


@dataclass
class WordingTally:
    kept: int = 0
    of: int = 0
    wrong: int = 0
    lost: list[str] = field(default_factory=list)


def _sides(events: list) -> dict[tuple[str, str, int], set[str]]:
    """(source, target, quad) -> the modalities it was coded with."""
    found: dict[tuple[str, str, int], set[str]] = {}
    for event in events:
        if event.source.country and event.target.country and (
                event.source.country != event.target.country):
            found.setdefault((event.source.country, event.target.country, event.quad_class),
                             set()).add(event.modality)
    return found


def _reworded(story: dict, events: list, doc, wording: Wording) -> tuple[str, list, int] | None:
    """The story with the events' sentence reworded at the first event the wording fits, the
    events of that trigger, and where the reworded verb now is; None where it fits none."""
    first = events[0]
    sentence, start = first.sentence, first.sentence_start
    # the rewordings place words by the parse's offsets, which are the reading copy's: where
    # the copy left spaces out (reading.single_spaced) they are read back into the story's
    offsets = copy_offsets(doc)
    copy_start = bisect_left(range(len(doc.text) + 1), start, key=offsets.start)
    copy_end = bisect_left(range(len(doc.text) + 1), start + len(sentence), key=offsets.start)
    if copy_end - copy_start != len(sentence):
        return None  # spaces were left out inside the sentence itself: no offset is its own
    for event in events:
        if event.token_index is None:
            continue
        trigger = doc[event.token_index]
        new = wording.rewrite(sentence, copy_start, trigger)
        if new:
            text = story["text"]
            own = [e for e in events if e.token_index == event.token_index]
            # (a rewording adds words before the trigger or replaces the trigger's own word)
            at = trigger.idx - copy_start
            moved = len(new) - len(sentence) if new.endswith(sentence[at:]) else 0
            # where the verb now is: words were put before it ("is expected to", a fronted
            # clause) or it was retensed in place ("will condemn")
            verb_at = next((found for word in (trigger.lemma_, trigger.text)
                            if (found := new.find(word, at)) >= 0), at + moved)
            return (text[:start] + new + text[start + len(sentence):], own, start + verb_at)
    return None


def check_wordings(coder: Coder, stories: list[dict], show: int,
                   names: list[str] | None = None) -> None:
    """Each wording of ``names`` (all by default) applied to every sentence with an event."""
    names = names or list(WORDINGS)
    tallies = {name: WordingTally() for name in names}
    for story in stories:
        date = (story.get("published") or "")[:10] or None
        doc = coder.nlp(story["text"])
        by_sentence: dict[int, list] = {}
        for event in coder.code_doc(doc, str(story["id"]), date):
            if event.source.country and event.target.country and (
                    event.source.country != event.target.country) and story["text"][
                    event.sentence_start:].startswith(event.sentence):
                by_sentence.setdefault(event.sentence_start, []).append(event)
        for start, events in by_sentence.items():
            for name in names:
                wording = WORDINGS[name]
                reworded = _reworded(story, events, doc, wording)
                if reworded is None:
                    continue
                text, own, trigger_start = reworded
                end = start + len(text) - len(story["text"]) + len(events[0].sentence)
                coded = [e for e in coder.code_text(text, str(story["id"]), date)
                         if start <= e.sentence_start < end]
                if wording.modality:
                    # the reworded verb's own events: "will condemn" may sit beside an act
                    # the sentence asserts ("..., a charge Delhi rejected")
                    base = set(_sides(own))
                    coded = [e for e in coded if e.trigger.start <= trigger_start
                             and e.trigger.end > trigger_start]
                else:
                    base = set(_sides(events))
                _tally(tallies[name], wording, base, _sides(coded),
                       f"{story['id']} {text[start:end]}")
    print(f"{'wording':<24}{'kept':>6}{'of':>6}{'share':>8}{'wrong':>7}")
    for name, tally in tallies.items():
        print(f"{name:<24}{tally.kept:>6}{tally.of:>6}{tally.kept / max(1, tally.of):>8.2f}"
              f"{tally.wrong:>7}")
    for name, tally in tallies.items():
        for line in tally.lost[:show]:
            print(f"  {name}: {line[:200]}")


def _tally(tally: WordingTally, wording: Wording, base: set, got: dict, where: str) -> None:
    """Kept: the event is still there (for "did not": gone or not asserted); wrong: it is
    there with the wrong modality."""
    tally.of += len(base)
    for side in base:
        modalities = got.get(side, set())
        if wording.modality == "none":
            ok = "asserted" not in modalities
        elif wording.modality:
            ok = bool(modalities) and "asserted" not in modalities
            tally.wrong += bool(modalities) and not ok
        else:
            ok = bool(modalities)
        tally.kept += ok
        tally.wrong += wording.modality == "none" and not ok
        if not ok:
            tally.lost.append(f"{side[0]}->{side[1]} q{side[2]} {sorted(modalities)}: {where}")


LIST_PREDICATES = ("condemned {}", "criticized {}", "signed a trade deal with {}",
                   "accused {} of spying", "praised {}", "sent aid to {}",
                   "imposed sanctions on {}", "warned {} against escalation",
                   "held talks with {}", "expelled diplomats from {}")
# predicates whose object may be a list of states, each a target
LIST_OBJECTS = ("condemned {}", "criticized {}", "accused {} of spying", "praised {}",
                "warned {} against escalation")


def check_lists(coder: Coder, sentences: int, seed: int) -> None:
    """Three panel states as a subject or object list, with and without the serial comma."""
    forms = state_forms()
    names = [forms[code].names[0] for code in PANEL if forms.get(code) and forms[code].names]
    rng = random.Random(seed)
    tallies: dict[str, list[int]] = {}
    for _ in range(sentences):
        first, second, third, other = rng.sample(names, 4)
        as_subject, as_object = rng.choice(LIST_PREDICATES), rng.choice(LIST_OBJECTS)
        for style, last in (("", " and "), (", serial comma", ", and ")):
            members = f"{first}, {second}{last}{third}"
            side = coder.code_text(f"{members} {as_subject.format(other)} on Tuesday.",
                                   date="2025-03-04")
            _count_members(tallies.setdefault("subject list" + style, [0, 0]),
                           {e.source.country for e in side if e.target.country})
            side = coder.code_text(f"{other} {as_object.format(members)} on Tuesday.",
                                   date="2025-03-04")
            _count_members(tallies.setdefault("object list" + style, [0, 0]),
                           {e.target.country for e in side if e.source.country})
    print(f"{'list':<30}{'coded':>7}{'of':>6}{'share':>8}")
    for name, (coded, of) in tallies.items():
        print(f"{name:<30}{coded:>7}{of:>6}{coded / max(1, of):>8.2f}")


# (name, template, expected (source, target, quad classes), pairs also allowed); the states
# are "A", "B", "C"
Expected = tuple[tuple[str, str, frozenset[int]], ...]
CONSTRUCTIONS: tuple[tuple[str, str, Expected, tuple[tuple[str, str], ...]], ...] = (
    ("gerund after 'after'", "{A}'s president criticized {B} after meeting {C}'s president.",
     (("A", "B", frozenset({3})), ("A", "C", frozenset({1}))), (("C", "A"),)),
    ("gerund after 'before', fronted",
     "Before meeting {C}'s president, {A}'s president criticized {B}.",
     (("A", "B", frozenset({3})), ("A", "C", frozenset({1}))), (("C", "A"),)),
    ("gerund after 'by'", "{A} angered {B} by sending troops to {C}.", (), (("A", "C"),
                                                                            ("B", "A"))),
    ("object acts after 'of' (control)", "{A} accused {B} of attacking {C}.",
     (("A", "B", frozenset({3})), ("B", "C", frozenset({4}))), ()),
    ("subjects joined by 'as well as'", "{A} as well as {C} condemned {B}.",
     (("A", "B", frozenset({3})), ("C", "B", frozenset({3}))), ()),
    ("objects joined by 'as well as'", "{A} condemned {B} as well as {C}.",
     (("A", "B", frozenset({3})), ("A", "C", frozenset({3}))), ()),
    ("subjects joined by 'and also'", "{A} and also {C} condemned {B}.",
     (("A", "B", frozenset({3})), ("C", "B", frozenset({3}))), ()),
    ("'rather than' (control)", "{A} criticized {B} rather than {C}.",
     (("A", "B", frozenset({3})),), ()),
    ("'together with' a second subject", "{A} together with {C} condemned {B}.",
     (("A", "B", frozenset({3})),), (("C", "B"),)),
    ("fronted 'like X,'", "Like {C}, {A} condemned {B}.", (("A", "B", frozenset({3})),),
     (("C", "B"),)),
    ("fronted 'unlike X,'", "Unlike {C}, {A} condemned {B}.", (("A", "B", frozenset({3})),),
     ()),
    # session 38
    ("possessed 'decision to'", "{A}'s decision to expel {B}'s ambassador drew criticism.",
     (("A", "B", frozenset({4})),), ()),
    ("possessed 'move to'", "{A}'s move to impose sanctions on {B} surprised analysts.",
     (("A", "B", frozenset({4})),), ()),
    ("ellipsis ', as did C'", "{A} condemned {B}, as did {C}.",
     (("A", "B", frozenset({3})), ("C", "B", frozenset({3}))), ()),
    ("ellipsis ', and so did C'", "{A} condemned {B}, and so did {C}.",
     (("A", "B", frozenset({3})), ("C", "B", frozenset({3}))), ()),
    ("headline 'A, B Sign Trade Pact'", "{A}, {B} Sign Trade Pact",
     (("A", "B", frozenset({1, 2})),), (("B", "A"),)),
    ("headline 'A, B sign defense pact'", "{A}, {B} sign defense pact",
     (("A", "B", frozenset({1, 2})),), (("B", "A"),)),
    ("'is among the countries that'", "{A} is among the countries that have condemned {B}.",
     (("A", "B", frozenset({3})),), ()),
    ("'is one of the states that'", "{A} is one of the states that condemned {B}.",
     (("A", "B", frozenset({3})),), ()),
    ("'member of the bloc that' (control)", "{A} is a member of the bloc that sanctioned {B}.",
     (), ()),
    ("'sanctions imposed by A on B'", "The sanctions imposed by {A} on {B} took effect.",
     (("A", "B", frozenset({4})),), ()),
    ("'imposed by A', no target (control)", "{B} criticized the sanctions imposed by {A}.",
     (("B", "A", frozenset({3})),), ()),
    ("'A's foreign minister called ... baseless'", "{A}'s foreign minister called {B}'s "
     "charges baseless.", (("A", "B", frozenset({3})),), ()),
    ("'A hosted talks with B'", "{A} hosted talks with {B} on Monday.",
     (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("'A elevated ties with B'", "{A} elevated ties with {B} to a strategic partnership.",
     (("A", "B", frozenset({1, 2})),), (("B", "A"),)),
    ("no answer to a request (control)", "{B} did not respond to a request for comment from "
     "{A}.", (), ()),
    ("'little reason to think' (control)", "There is little reason to think {A} will meet {B} "
     "this year.", (), ()),
    ("'urged both to end' (control)", "{C} urged {A} and {B} to end their growing "
     "cooperation.", (("C", "A", frozenset({1, 3})), ("C", "B", frozenset({1, 3}))), ()),
    # session 39: condemning an act done to a state is no criticism of that state
    ("condemned an attempt on B's president", "{A} condemned the attempt to assassinate "
     "{B}'s president.", (), ()),
    ("condemned the attack on B's embassy", "{A} condemned the attack on {B}'s embassy.",
     (), ()),
    ("denounced the bombing of B's consulate", "{A} denounced the bombing of {B}'s "
     "consulate on Sunday.", (), ()),
    ("deplored the killing of B's envoy", "{A} deplored the killing of {B}'s ambassador.",
     (), ()),
    ("condemned the attacks against B", "{A} strongly condemned the attacks against {B}.",
     (), ()),
    ("condemned B's attack on C (control)", "{A} condemned {B}'s attack on {C}.",
     (("A", "B", frozenset({3})),), (("B", "C"),)),
    ("condemned B for an attack (control)", "{A} condemned {B} for the attack on the border "
     "post.", (("A", "B", frozenset({3})),), ()),
    ("condemned the attack by B on C (control)", "{A} condemned the attack by {B} on {C}.",
     (("A", "B", frozenset({3})),), (("B", "C"),)),
    ("killing of C's envoy by B (control)", "{A} condemned the killing of "
     "{C}'s ambassador by {B}.", (("A", "B", frozenset({3})),), (("B", "C"),)),
    # opposing or rejecting an act against a state is no rejection of that state
    ("opposed any attempt to divide B", "{A} opposed any attempt to divide {B}.", (), ()),
    ("rejected efforts to isolate B", "{A} rejected efforts to isolate {B}.", (), ()),
    ("opposed moves to partition B", "{A} firmly opposed moves to partition {B}.", (), ()),
    ("rejected attempts to destabilize B", "{A} rejected all attempts to destabilize {B}.",
     (), ()),
    ("opposed B's plan (control)", "{A} opposed {B}'s plan to build the dam.",
     (("A", "B", frozenset({3})),), ()),
    ("rejected B's proposal (control)", "{A} rejected {B}'s proposal for new talks.",
     (("A", "B", frozenset({3})),), (("B", "A"),)),
    ("rejected B's attempt to isolate C (control)", "{A} rejected {B}'s attempt to isolate "
     "{C}.", (("A", "B", frozenset({3})),), (("B", "C"),)),
    # the object of the governing verb does what a "for V-ing" adjunct says
    ("sanctions on B for selling to C", "{A} imposed sanctions on {B} for selling weapons to "
     "{C}.", (("A", "B", frozenset({4})), ("B", "C", frozenset({2}))), ()),
    ("praised B for hosting talks with C", "{A} praised {B} for hosting the talks with {C}.",
     (("A", "B", frozenset({1})),), (("B", "C"), ("C", "B"))),
    ("criticized B for helping C", "{A} criticized {B} for helping {C}.",
     (("A", "B", frozenset({3})),), (("B", "C"),)),
    ("punished B for attacking C", "{A} punished {B} for attacking {C}.",
     (("A", "B", frozenset({4})),), (("B", "C"),)),
    ("thanked B for sending aid to C", "{A} thanked {B} for sending aid to {C}.",
     (("A", "B", frozenset({1})),), (("B", "C"),)),
    ("blamed B for arming C", "{A} blamed {B} for arming {C}.",
     (("A", "B", frozenset({3})),), (("B", "C"),)),
    ("fined B for supplying C", "{A} fined {B} for supplying oil to {C}.",
     (("A", "B", frozenset({4})),), (("B", "C"),)),
    ("apologized to B for shelling C (control)", "{A} apologized to {B} for shelling {C}.",
     (("A", "B", frozenset({1})),), (("A", "C"),)),
    # a verb negated under a reported clause
    ("said it would not affect cooperation with B", "{A} said that it would not affect its "
     "cooperation with {B}.", (), ()),
    ("said the move would not affect ties with B", "{A} said the decision would not affect "
     "its ties with {B}.", (), ()),
    ("said it would not cut ties with B", "{A} said that it would not cut its ties with {B}.",
     (), ()),
    ("said it would cut ties with B (control)", "{A} said that it would cut its ties with "
     "{B}.", (("A", "B", frozenset({3, 4})),), ()),

    # session 39: absolutes, a passive on a described thing, headlines in -s, names with "and"
    ("absolute 'With A warning ..., B closed'", "With {A} warning of retaliation, {B} closed "
     "its border with {C}.", (("B", "C", frozenset({4})),), (("A", "B"),)),
    ("absolute 'With A threatening sanctions'", "With {A} threatening sanctions, {B} recalled "
     "its ambassador from {C}.", (("B", "C", frozenset({4})),), (("A", "B"),)),
    ("'sanctions imposed by A on B lifted by A'", "The sanctions imposed by {A} on {B} were "
     "lifted by {A} on Monday.", (("A", "B", frozenset({4})), ("A", "B", frozenset({2}))), ()),
    ("headline 'A Expels B Envoy'", "{A} Expels {B} Envoy", (("A", "B", frozenset({4})),), ()),
    ("headline 'A Hosts Talks With B'", "{A} Hosts Talks With {B}",
     (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("headline 'A Condemns B Attack'", "{A} Condemns {B} Attack",
     (("A", "B", frozenset({3})),), ()),
    ("'helped B build'", "{A} helped {B} build a new port.", (("A", "B", frozenset({2})),),
     (("B", "A"),)),
    ("relative 'B, which A accuses of'", "{B}, which {A} accuses of arming rebels, denied the "
     "charge.", (("A", "B", frozenset({3})),), (("B", "A"),)),
    ("'A, B and C held talks'", "{A}, {B} and {C} held talks on Monday.",
     (("A", "B", frozenset({1})), ("A", "C", frozenset({1}))),
     (("B", "A"), ("C", "A"), ("B", "C"), ("C", "B"))),
    ("Oxford comma objects, a common noun last", "{A} imposed sanctions on {B}, {C}, and their "
     "allies.", (("A", "B", frozenset({4})), ("A", "C", frozenset({4}))), ()),
    ("Oxford comma subjects, pact", "{A}, {B}, and {C} signed a trade pact.",
     (("A", "B", frozenset({1, 2})), ("A", "C", frozenset({1, 2}))),
     (("B", "A"), ("C", "A"), ("B", "C"), ("C", "B"))),
    *(row for code, name in (("BIH", "Bosnia and Herzegovina"), ("TTO", "Trinidad and Tobago"),
                             ("ATG", "Antigua and Barbuda"), ("KNA", "Saint Kitts and Nevis"),
                             ("STP", "Sao Tome and Principe"),
                             ("VCT", "Saint Vincent and the Grenadines"))
      for row in (
          (f"'and' name as subject: {code}", f"{name} accused {{B}} of spying.",
           ((code, "B", frozenset({3})),), ()),
          (f"'and' name as object: {code}", f"{{A}} criticized {name}.",
           (("A", code, frozenset({3})),), ()),
          (f"'and' name heading a headline: {code}", f"{name} Condemns {{B}} Attack",
           ((code, "B", frozenset({3})),), ()),
          (f"'and' name in a headline's object: {code}", f"{{A}} Expels {name} Envoy",
           (("A", code, frozenset({4})),), ()),
          (f"'and' name before a bare infinitive: {code}", f"{{A}} helped {name} build a new "
           "port.", (("A", code, frozenset({2})),), ((code, "A"),)),
          (f"'and' name inside a list: {code}", f"{{A}}, {name} and {{B}} condemned {{C}}.",
           (("A", "C", frozenset({3})), (code, "C", frozenset({3})),
            ("B", "C", frozenset({3}))), ()),
          (f"'and' name possessed: {code}", f"{{A}} criticized {name}'s president.",
           (("A", code, frozenset({3})),), ()),
      )),
    # session 39, round 3: common news constructions, most of them right on main (controls)
    ("agentless 'fired at B from across the border in A'", "Shells were fired at {B} from "
     "across the border in {A}.", (("A", "B", frozenset({4})),), ()),
    ("agentless 'fired at B's villages from A'", "Shells were fired at {B}'s border villages "
     "from {A}.", (("A", "B", frozenset({4})),), ()),
    ("'an incursion, which B denied'", "{A} accused {B} of an incursion, which {B} denied.",
     (("A", "B", frozenset({3})),), (("B", "A"),)),
    ("'A, along with C, imposed sanctions on B'", "{A}, along with {C}, imposed sanctions on "
     "{B}.", (("A", "B", frozenset({4})),), (("C", "B"),)),
    ("'wants B to stop attacking C' (inner)", "{A} wants {B} to stop attacking {C}.",
     (("A", "B", frozenset({1, 3})),), ()),
    ("'expects B to withdraw from C' (inner)", "{A} expects {B} to withdraw its troops from "
     "{C}.", (("A", "B", frozenset({1, 3})),), ()),
    ("'said B is failing to protect' (control)", "{A} said {B} is failing to protect {C}'s "
     "diplomats.", (), (("A", "B"),)),
    ("'threatened to expel' is a threat", "{A} threatened to expel {B}'s ambassador.",
     (("A", "B", frozenset({3})),), ()),
    ("'threatened to cut ties' is a threat", "{A} threatened to cut ties with {B}.",
     (("A", "B", frozenset({3})),), ()),
    ("'rejected the allegation from B'", "{A} rejected the allegation from {B}.",
     (("A", "B", frozenset({3})),), ()),
    # (since session 39's merge a denial of an unattributed allegation is aimed at no one;
    # B -> C, once allowed here, is a wrong pair since session 40)
    ("'denied the allegation that it attacked C'", "{B} denied the allegation that it had "
     "attacked {C}.", (), ()),
    ("'denied that it attacked B' (control)", "{A} denied that it had attacked {B}.", (),
     (("A", "B"),)),
    ("quotes around one word: 'of \"sabotage\"'", '{A} accused {B} of "sabotage".',
     (("A", "B", frozenset({3})),), ()),
    ("quotes around an adverb", '{A} "strongly" condemned {B}.',
     (("A", "B", frozenset({3})),), ()),
    ("quoted word: 'called B's move \"aggression\"'", '{A} called {B}\'s move "aggression".',
     (("A", "B", frozenset({3})),), ()),
    ("title-case sentence with a full stop", "{A} Condemned {B} On Monday.",
     (("A", "B", frozenset({3})),), ()),
    ("weekday glued: 'met B's president Tuesday'", "{A}'s president met {B}'s president "
     "Tuesday.", (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("weekday glued: 'A Tuesday accused B'", "{A} Tuesday accused {B} of spying.",
     (("A", "B", frozenset({3})),), ()),
    ("weekday glued: 'accused B Tuesday of'", "{A} accused {B} Tuesday of spying.",
     (("A", "B", frozenset({3})),), ()),
    ("'agreed Monday to restore ties'", "{A} and {B} agreed Monday to restore diplomatic ties.",
     (("A", "B", frozenset({1, 2})),), (("B", "A"),)),
    ("weekday between subject and verb", "{A} on Monday condemned {B}.",
     (("A", "B", frozenset({3})),), ()),
    ("relative 'which has long backed C'", "{A}, which has long backed {C}, condemned {B}.",
     (("A", "B", frozenset({3})),), (("A", "C"),)),
    ("'would not tolerate attacks by B'", "{A} said it would not tolerate attacks by {B}.",
     (("A", "B", frozenset({3})),), ()),
    ("'pledged to help B rebuild'", "{A} pledged to help {B} rebuild its power grid.",
     (("A", "B", frozenset({1, 2})),), (("B", "A"),)),
    ("'offered to mediate between B and C'", "{A} offered to mediate between {B} and {C}.",
     (("A", "B", frozenset({1})), ("A", "C", frozenset({1}))), (("B", "C"), ("C", "B"))),
    ("'stopped short of condemning' (control)", "{A} stopped short of condemning {B}.", (),
     ()),
    ("'called on B to release'", "{A} called on {B} to release the detained journalists.",
     (("A", "B", frozenset({1, 3})),), ()),
    ("'summoned B's envoy over remarks by B's'", "{A} summoned {B}'s ambassador over remarks "
     "by {B}'s president.", (("A", "B", frozenset({3})),), ()),
    ("'traded accusations'", "{A} and {B} traded accusations over the border clash.",
     (("A", "B", frozenset({3})), ("B", "A", frozenset({3}))), ()),
    ("'blamed B for the attack'", "{A} blamed {B} for the attack on its embassy.",
     (("A", "B", frozenset({3})),), ()),
    ("'welcomed B's decision to release'", "{A} welcomed {B}'s decision to release the "
     "prisoners.", (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("'vowed to retaliate against B'", "{A} vowed to retaliate against {B}.",
     (("A", "B", frozenset({3})),), ()),
    ("'warned B against sending troops to C'", "{A} warned {B} against sending troops to {C}.",
     (("A", "B", frozenset({3})),), ()),
    ("'was accused by B of spying'", "{A} was accused by {B} of spying.",
     (("B", "A", frozenset({3})),), ()),
    ("'shelled positions held by B'", "{A}'s army shelled positions held by {B}.",
     (("A", "B", frozenset({4})),), ()),
    ("'A and C both condemned B'", "{A} and {C} both condemned {B}.",
     (("A", "B", frozenset({3})), ("C", "B", frozenset({3}))), ()),
    ("'neither A nor C condemned' (control)", "Neither {A} nor {C} condemned {B}.", (), ()),
    ("'accused B of failing to stop'", "{A} accused {B} of failing to stop the attacks.",
     (("A", "B", frozenset({3})),), ()),
    ("'said B was responsible for the attack'", "{A} said {B} was responsible for the attack.",
     (("A", "B", frozenset({3})),), ()),
    ("'hopes to sign' (intention)", "{A} hopes to sign a trade deal with {B} next year.",
     (("A", "B", frozenset({1, 2})),), (("B", "A"),)),
    ("'A's army and B's army clashed'", "{A}'s army and {B}'s army clashed along the border.",
     (("A", "B", frozenset({4})),), (("B", "A"),)),
    # session 40: attitudes to dealings with another state, absolute clauses after a clause
    # with no actor
    ("'hopeful about the prospects for talks with B'", "{A} is hopeful about the prospects "
     "for fresh talks with {B}.", (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("'optimistic about the chances of a deal with B' (main: right)", "{A}'s negotiators were "
     "optimistic about the chances of a water-sharing deal with {B}.",
     (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("'upbeat about settling its dispute with B'", "{A} said it was upbeat about settling its "
     "fishing dispute with {B} soon.", (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("'pessimistic that talks with B would succeed'", "{A} was pessimistic that the border "
     "talks with {B} would succeed.", (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("'pessimistic that B would change course'", "{A} said it was pessimistic that {B} "
     "would change course.", (("A", "B", frozenset({1})),), ()),
    ("'optimistic about the harvest' (control)", "{A} is optimistic about the harvest, a "
     "minister said after visiting {B}.", (), ()),
    ("absolute 'Tensions rose, with A moving jets to bases near B'", "Tensions rose on "
     "Monday, with {A} moving fighter jets to bases near {B}.", (("A", "B", frozenset({4})),),
     ()),
    ("absolute 'Relations worsened, with A massing troops near B'", "Relations worsened, "
     "with {A} massing troops near the border with {B}.", (("A", "B", frozenset({4})),), ()),
    ("absolute 'Tensions deepened, with A pausing talks with B'", "Tensions deepened in "
     "March, with {A} pausing negotiations on a trade agreement with {B}.",
     (("A", "B", frozenset({3, 4})),), ()),
    ("'the envoy of B, whose minister, NAME, had accused C'", "{A} expelled the envoy of {B}, "
     "whose foreign minister, Ana Soto, had accused {C} of spying.",
     (("A", "B", frozenset({4})), ("B", "C", frozenset({3}))), ()),
    ("'B's ambassador, whose government, led by NAME, had criticized C'", "{A} summoned {B}'s "
     "ambassador, whose government, led by Ana Soto, had criticized {C}.",
     (("B", "C", frozenset({3})),), (("A", "B"),)),
    ("'the envoy of B, whose president had praised C' (control)", "{A} met the envoy of {B}, "
     "whose president had praised {C}.",
     (("A", "B", frozenset({1})), ("B", "C", frozenset({1}))), (("B", "A"),)),
    ("'A demands that B withdraw its troops from ...'", "{A} demands that {B} withdraw its "
     "troops from the border area.", (("A", "B", frozenset({3})),), ()),
    ("'A demands that B release ...'", "{A} demands that {B} release the detained sailors.",
     (("A", "B", frozenset({3})),), ()),
    ("'A insists that B pay compensation'", "{A} insists that {B} pay compensation to the "
     "families.", (("A", "B", frozenset({3})),), ()),
    ("'fired missiles at a refinery in B's province'", "{A} fired missiles at a refinery in "
     "{B}'s eastern province.", (("A", "B", frozenset({4})),), ()),
    ("'drones, which A launched at an airfield in B's north'", "The drones, which {A} "
     "launched at an airfield in {B}'s north, started a large fire.",
     (("A", "B", frozenset({4})),), ()),
    ("'fired missiles at a base in B' (control)", "{A} fired missiles at a base in {B}.",
     (("A", "B", frozenset({4})),), ()),
    ("agentless 'was extradited from A to B'", "A suspect was extradited from {A} to {B} on "
     "Friday.", (("A", "B", frozenset({2})),), ()),
    ("agentless 'a smuggler for C's cartel was extradited from A to B'", "A suspected "
     "smuggler for a cartel based in {C} was extradited from {A} to {B}, officials said.",
     (("A", "B", frozenset({2})),), ()),
    ("agentless 'were handed over from A to B'", "Two fugitives were handed over from {A} to "
     "{B} at the border.", (("A", "B", frozenset({2})),), ()),
    ("agentless 'was extradited to B' (control)", "A suspect was extradited to {B} from a "
     "prison in {A}.", (), (("A", "B"),)),
    ("absolute 'A met B, with C watching' (control)", "{A} met {B} in Geneva, with {C} "
     "watching closely.", (("A", "B", frozenset({1})),), (("B", "A"),)),

    # session 40: hosts and mediators of others' talks, and the summoner's purpose
    ("'agreed at talks hosted by C'", "{A} and {B} agreed to a ceasefire at talks hosted by "
     "{C}.", (("C", "A", frozenset({1})), ("C", "B", frozenset({1})),
              ("A", "B", frozenset({1}))), (("B", "A"),)),
    ("'swapped prisoners under a deal brokered by C'", "{A} and {B} swapped prisoners under a "
     "deal brokered by {C}.", (("C", "A", frozenset({1})), ("C", "B", frozenset({1}))),
     (("A", "B"), ("B", "A"))),
    ("'after two days of talks mediated by C's'", "{A} and {B} agreed to reopen the border "
     "after two days of talks mediated by {C}'s president.",
     (("C", "A", frozenset({1})), ("C", "B", frozenset({1}))), (("A", "B"), ("B", "A"))),
    ("'will meet at talks hosted by C' (future)", "{A} and {B} will meet next week at talks "
     "hosted by {C}.", (("C", "A", frozenset({1, "future"})), ("C", "B", frozenset({1, "future"}))),
     (("A", "B"), ("B", "A"))),
    ("'a fair hosted by C' (control)", "A trade fair hosted by {C} drew companies from {A} and "
     "{B}.", (), ()),
    ("'summoned B's envoy to lodge a protest'", "{A} summoned {B}'s ambassador to lodge a "
     "formal protest.", (("A", "B", frozenset({3})),), ()),
    ("'summoned B's charge to deliver a protest'", "{A}'s foreign ministry summoned {B}'s "
     "charge d'affaires to deliver a protest over the shelling and said it had informed {C}.",
     (("A", "B", frozenset({3})),), (("A", "C"),)),
    ("'summoned B's envoy to explain' (control)", "{A} summoned {B}'s ambassador to explain "
     "the raid.", (("A", "B", frozenset({3})),), ()),
    ("'summoned B's Ambassador <name> to lodge'", "{A} summoned {B}'s Ambassador Koffi Adjovi "
     "to lodge a protest.", (("A", "B", frozenset({3})),), ()),
    ("'recalled Ambassador <name> from B'", "{A} recalled Ambassador Koffi Adjovi from {B}.",
     (("A", "B", frozenset({3, 4})),), ()),
    ("'said it was prepared to close its border'", "{A} said it was prepared to close its "
     "border with {B}.", (("A", "B", frozenset({3, "asserted"})),), ()),
    ("'went further, saying it was prepared to'", "{A}'s defense minister went further, saying "
     "it was prepared to close the border with {B} if {B} expelled more diplomats.",
     (("A", "B", frozenset({3, "asserted"})),), (("B", "A"),)),
    ("'reacted, saying it would cut ties with B'", "{A} reacted angrily, saying it would cut "
     "ties with {B}.", (("A", "B", frozenset({3, "asserted"})),), ()),
    ("'said it planned to impose sanctions' (control)", "{A} said it planned to impose "
     "sanctions on {B}.", (("A", "B", frozenset({4, "intended"})),), ()),
    ("'was prepared to help B rebuild' (control)", "{A} said it was prepared to help {B} "
     "rebuild its roads.", (("A", "B", frozenset({1})),), ()),
    ("'urged B's envoy to lodge a protest' (control)", "{A} urged {B}'s ambassador to lodge a "
     "protest with {C}.", (("A", "B", frozenset({1, 3})),), (("B", "C"),)),

    # session 40: a charge's maker is whom its denial answers, not whom the charge names
    ("'rejected B's allegation that it attacked C'", "{A} rejected {B}'s allegation that it "
     "had attacked {C}.", (("A", "B", frozenset({3})),), (("B", "A"),)),
    ("'rejected the charge from B that it shelled C'", "{A} rejected the charge from {B} that "
     "it had shelled {C}.", (("A", "B", frozenset({3})),), ()),

    # session 41: a verb joined to a reported clause in a form it cannot share is the
    # speaker's; "including" names the members of a plural noun of no state
    ("'said B was \"arming\" ... and called on C'", "{A}'s foreign minister said {B} was "
     "\"arming rebels on our border\" and called on {C} to act.", (("A", "C", frozenset({1})),),
     (("B", "A"),)),
    ("'said B \"treats\" ... and mocked C'", "{A}'s spokeswoman said the dispute showed that "
     "{B} \"treats its neighbours like servants\" and mocked {C} for its silence.",
     (("A", "C", frozenset({3})),), ()),
    ("'said B was angered by ... and urged C'", "{A}'s envoy said {B} was angered by the "
     "vote and urged {C} to reopen its embassy.", (("A", "C", frozenset({1})),), ()),
    ("'prompting B to ... and drawing a rebuke from C'", "{A}'s police closed four offices, "
     "prompting {B} to raise its alert and drawing a sharp rebuke from {C}.",
     (("C", "A", frozenset({3})),), (("B", "A"),)),
    ("'said B's troops were regrouping and attacked' (control)", "{A}'s army said {B}'s troops "
     "were regrouping and attacked {C}'s positions.", (("B", "C", frozenset({4})),), ()),
    ("'said B was massing ... and had shelled C' (control)", "{A} said {B} was massing troops "
     "and had shelled {C}.", (("B", "C", frozenset({4})),), ()),
    ("'condemned several states, including B'", "{A} condemned several states, including {B}.",
     (("A", "B", frozenset({3})),), ()),
    ("'freed prisoners on Monday, including B's'", "{A} freed 40 prisoners on Monday, "
     "including citizens of {B} and {C}.",
     (("A", "B", frozenset({2})), ("A", "C", frozenset({2}))), ()),
    ("'allies, including B, condemned C'", "{A}'s allies, including {B}, condemned {C}.",
     (("B", "C", frozenset({3})),), (("A", "C"),)),
    ("'condemned the attacks, including C's' (control)", "Several states condemned the attacks "
     "on Monday, including {A}.", (), ()),
    ("'troops, including B's, attacked C' (control)", "{A}'s troops, including units from "
     "{B}, attacked {C}.", (("A", "C", frozenset({4})),), (("B", "C"),)),

    # session 41: what a condition supposes is no event; the main clause still is
    ("'would retaliate if B attacked C'", "{A} said it would retaliate against {B} if {B} "
     "attacked {C}.", (("A", "B", frozenset({3, 4})),), ()),
    ("'offered to host talks if they requested it'", "{A} offered to host talks between {B} "
     "and {C} if they requested it.", (), (("A", "B"), ("A", "C"), ("B", "C"), ("C", "B"))),
    ("'warned B it would respond if B sent warships'", "{A} warned {B} that it would respond "
     "if {B} sent warships to {C}.", (("A", "B", frozenset({3})),), ()),
    ("'would use force if B refused to withdraw'", "{A} said it would use force if {B} "
     "refused to withdraw its troops from {C}.", (), (("A", "B"), ("A", "C"))),
    ("'threatened to cut aid unless B withdrew'", "{A} threatened to cut aid to {B} unless {B} "
     "withdrew its troops from {C}.", (("A", "B", frozenset({3, 4})),), ()),
    ("'if B attacks C, A will defend C'", "If {B} attacks {C}, {A} will defend {C}.", (),
     (("A", "C"), ("A", "B"))),
    ("'asked if A was considering sanctions' (control)", "Asked by reporters if {A} was "
     "considering sanctions against {B}, the minister said he had nothing to add.", (), ()),
    ("'expelled B's envoy after B attacked C' (control)", "{A} expelled {B}'s ambassador after "
     "{B} attacked {C}.", (("A", "B", frozenset({3, 4})), ("B", "C", frozenset({4}))), ()),
    ("'as B attacked C' (control)", "{A} condemned {B} as {B} attacked {C} again.",
     (("A", "B", frozenset({3})), ("B", "C", frozenset({4}))), ()),
    # session 42: where a force act falls, a part of a land "of" a state or city, or a place
    # on the second object's phrase; a bare infinitive after "help" the parser misreads; a
    # passive's by-phrase hung on its place
    ("'bombed positions in the hills of northern B'", "{A}'s warplanes bombed rebel positions "
     "in the hills of northern {B} on Sunday.", (("A", "B", frozenset({4})),), ()),
    ("'shelled camps in the outskirts of B's capital'", "{A}'s artillery shelled militia camps "
     "on the outskirts of {B}'s capital overnight.", (("A", "B", frozenset({4})),), ()),
    ("'occupied a ridge and posts inside southern B'", "{A}'s troops have occupied a ridge "
     "and several hilltop posts inside southern {B}.", (("A", "B", frozenset({4})),), ()),
    ("'shelled a bridge and villages in eastern B'", "{A}'s forces shelled a bridge and two "
     "villages in eastern {B} on Friday.", (("A", "B", frozenset({4})),), ()),
    ("'bombed camps in the wake of B's warning' (control)", "{A}'s jets bombed rebel camps "
     "in the wake of {B}'s warning.", (), ()),
    ("'bombed camps in the hills of northern A' (control)", "{A}'s jets bombed rebel camps "
     "in the hills of northern {A} as {B}'s envoy arrived.", (), (("B", "A"),)),
    # an infinitive the parser misreads after "help"
    ("'will help B's farmers raise yields'", "{A} will help {B}'s farmers raise their "
     "yields of rice.", (("A", "B", frozenset({1, 2})),), ()),
    ("'offered to help B search for oil'", "{A} offered to help {B} search for oil off its "
     "coast.", (("A", "B", frozenset({1, 2})),), ()),
    ("'agreed to help B rebuild its ports'", "{A} agreed to help {B} rebuild its ports.",
     (("A", "B", frozenset({1, 2})),), ()),
    ("'said B's farmers raise rice' (control)", "{A}'s minister said {B}'s farmers raise "
     "rice on terraces.", (), ()),
    # a passive's doers, the parser hanging "by" on its place
    ("'signed at a ceremony in C by A's and B's ministers'", "The deal was signed at a "
     "ceremony in {C} by {A}'s energy minister and {B}'s prime minister.",
     (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("'signed in the capital of C by A's and B's ministers'", "The accord was signed in the "
     "capital of {C} by {A}'s energy minister and {B}'s deputy prime minister.",
     (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("'was signed in C by the ministers of A and B'", "The pact was signed in {C} on Monday "
     "by the foreign ministers of {A} and {B}.", (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("'was attacked in C by B's militia'", "The convoy of {A}'s aid agency was attacked in "
     "{C} by a militia from {B}.", (("B", "A", frozenset({4})),), (("B", "C"),)),
    ("'was welcomed in C by crowds' (control)", "{A}'s president was welcomed in {C} by "
     "cheering crowds.", (), (("A", "C"), ("C", "A"))),

    # session 42 (quad classes): forces sent to help the state they are in, an exercise held
    # with the state it is held in, a promise to answer a hostile act
    ("deployed troops in B 'to support B's army'", "{A} has deployed troops in {B} to support "
     "{B}'s army, officials said.", (("A", "B", frozenset({2})),), ()),
    ("troops arrived in B 'to help B's police'", "{A}'s troops arrived in {B} on Monday to "
     "help {B}'s police fight armed gangs.", (("A", "B", frozenset({2})),), ()),
    ("deployed troops to B 'as part of a mission'", "{A} deployed 800 soldiers to {B} last "
     "year as part of a peacekeeping mission.", (("A", "B", frozenset({2})),), ()),
    ("began arriving in B 'as part of a mission'", "{A}'s soldiers began arriving in {B} "
     "this week as part of a regional mission.", (("A", "B", frozenset({2})),), ()),
    ("deployed troops near B 'to support rebels' (control)", "{A} deployed troops near the "
     "border of {B} to support rebels there.", (("A", "B", frozenset({4})),), ()),
    ("troops arrived in B 'to attack C' (control)", "{A}'s troops arrived in {B} to attack "
     "{C}.", (("A", "B", frozenset({4})),), (("A", "C"),)),
    ("deployed troops to B 'to support C' (control)", "{A} deployed troops to {B} to support "
     "{C}'s army.", (("A", "B", frozenset({4})),), (("A", "C"),)),
    ("exercise by A's and B's troops near B's capital", "Troops from {A} and {B} began a "
     "military exercise near {B}'s capital on Monday.",
     (("A", "B", frozenset({2})), ("B", "A", frozenset({2}))), ()),
    ("exercise by A's and C's troops near B (control)", "Troops from {A} and {C} began a "
     "military exercise near {B}'s border on Monday.",
     (("A", "B", frozenset({4})), ("C", "B", frozenset({4}))), (("A", "C"), ("C", "A"))),
    ("B expelled a diplomat, A 'vowed to respond in kind'", "{B} expelled a diplomat from {A} "
     "on Monday, and {A} vowed to respond in kind.",
     (("B", "A", frozenset({4})), ("A", "B", frozenset({3}))), ()),
    ("B imposed tariffs, A 'vowed to respond'", "{B} imposed tariffs on steel from {A}, and "
     "{A} vowed to respond.", (("A", "B", frozenset({3})),), (("B", "A"),)),
    ("B offered aid, A 'vowed to respond' (control)", "{B} offered aid to {A} on Monday, and "
     "{A} vowed to respond quickly to the offer.", (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("B expelled a diplomat, A 'vowed to deepen trade' (control)", "{B} expelled a diplomat "
     "from {A} on Monday, and {A} vowed to deepen trade with {B}.",
     (("A", "B", frozenset({1})),), (("B", "A"),)),
    # session 44: an appeal made on one's own government about another state is no appeal to
    # that state ("called on" as "urged" already was)
    ("'called on' own minister to act in B", "Senators from {A} called on {A}'s "
     "foreign minister to prevent further unrest in {B}.", (), ()),
    ("'in calling on' own government, B", "Two senators from {A} led a group of "
     "lawmakers in calling on {A}'s government to prevent further violence in {B}.", (), ()),
    ("'urged' own minister to act in B (control)", "Senators from {A} urged "
     "{A}'s foreign minister to prevent further unrest in {B}.", (), ()),
    ("'called on' B to act (control)", "Senators from {A} called on {B} to "
     "withdraw its troops from {C}.", (("A", "B", frozenset({1})),), ()),

    # session 44: an act noun in the adjunct of a participle set off after a subject is the
    # subject's ("A's minister, speaking after talks with B's minister, said ...")
    ("'A's minister, speaking after talks with B'", "{A}'s foreign minister, speaking "
     "after talks with {B}'s foreign minister on Monday, said the visit had gone well.",
     (("A", "B", frozenset({1})),), ()),
    ("'A's president, speaking at a meeting'", "{A}'s president, speaking at a "
     "meeting with {B}'s prime minister in Geneva, said trade would grow.",
     (("A", "B", frozenset({1})),), ()),
    ("'A's envoy, speaking during a visit to B'", "{A}'s special envoy, speaking during a "
     "visit to {B} on Tuesday, said the rains had come late.",
     (("A", "B", frozenset({1})),), ()),
    ("'speaking after talks between B, C' (control)", "{A}'s foreign "
     "minister, speaking after talks between {B} and {C} in Geneva, said little had changed.",
     (("B", "C", frozenset({1})),), (("C", "B"),)),
    ("'on B's firms, prompting C to warn' (control)", "{A} imposed sanctions on "
     "firms from {B}, prompting {C} to warn of retaliation.",
     (("A", "B", frozenset({4})),), (("C", "A"),)),
    ("'officials speaking after talks' (control)", "Officials speaking after talks "
     "with {B}'s foreign minister said the rains had come late.", (), ()),
)


def check_constructions(coder: Coder, sentences: int, seed: int,
                        templates: tuple = CONSTRUCTIONS) -> None:
    """Templates of constructions filled with panel states: right fillings and wrong pairs."""
    forms = state_forms()
    # names that need no article ("the Philippines" would need one before a verb)
    names = {code: forms[code].names[0] for code in PANEL if forms.get(code) and (
        forms[code].names) and code not in ("PHL", "NLD", "ARE", "COD")}
    rng = random.Random(seed)
    fillings = [rng.sample(sorted(names), 3) for _ in range(sentences)]
    print(f"{'construction':<44}{'right':>7}{'of':>5}{'share':>8}{'wrong pair':>12}")
    for name, template, expected, allowed in templates:
        right = wrong = 0
        for codes in fillings:
            state = dict(zip("ABC", codes, strict=True))
            text = template.format(**{role: names[code] for role, code in state.items()})
            found = {(e.source.country, e.target.country, e.quad_class, e.modality)
                     for e in coder.code_text(text, date="2025-03-04")}
            # a role other than A, B, C is a state the template names itself ("GNB")
            said = {(state.get(a, a), state.get(b, b)) for a, b, _ in expected} | {
                (state.get(a, a), state.get(b, b)) for a, b in allowed}
            right += all(any((s, t) == (state.get(a, a), state.get(b, b))
                             and _fits(quad, modality, quads) for s, t, quad, modality in found)
                         for a, b, quads in expected)
            named = set(codes) | {code for pair in said for code in pair}
            wrong += any(s in named and t in named and s != t and (s, t) not in said
                         for s, t, _, _ in found)
        print(f"{name:<44}{right:>7}{len(fillings):>5}{right / len(fillings):>8.2f}"
              f"{wrong:>12}")


# Documents of two to four sentences in which an actor is introduced once and referred back to
# in the sentence with the event (always the last). "{A}", "{B}", "{C}" are panel states,
# "{Acap}"/"{Bcap}" A's and B's capitals, "{P}" a full name ("{Ps}" its surname,
# "{he}"/"{He}" its pronoun) and "{Q}"/"{Qs}" a second one. (name, template, expected, pairs
# also allowed); a control has no expected pair and is right when it codes no wrong one.
# about 270 words of a story with no actor and no act: puts the lead beyond the words a
# definite noun is read back through (EARLIER_MENTION_TOKENS)
FAR_FILLER = (
    "Families waited at the airport for hours before the first buses arrived. Many of the men "
    "looked tired, and some had to be helped down the steps by nurses in white coats. A doctor "
    "said most of them were in good health but that a few would need treatment for weeks. "
    "Relatives held up photographs and handwritten signs with the names of sons and brothers. "
    "Some had travelled for two days to reach the city, sleeping in cars along the highway. "
    "Local shops stayed open late to sell water, bread and phone cards to the crowd. A choir "
    "from a nearby church sang as the evening grew cold and the wind picked up. Volunteers "
    "handed out blankets and hot tea from tables set up beside the terminal doors. The men "
    "were taken to a hospital on the edge of the city for checks that lasted into the night. "
    "Several said they had not seen their families for more than four years. One man, a "
    "teacher from a mountain village, said he had kept a diary on scraps of paper the whole "
    "time. Another said he wanted to eat his mother's cooking and then sleep for a week. "
    "Hospital staff said the checks would continue through the weekend and into next week. "
    "Buses were to take the men home once doctors had cleared them to travel. Reporters were "
    "kept behind a rope line and were not allowed to speak with the men until the morning."
)
DISCOURSE: tuple[tuple[str, str, Expected, tuple[tuple[str, str], ...]], ...] = (
    ("title and name, then the surname",
     "{A}'s foreign minister {P} arrived in Geneva on Monday. {Ps} criticized {B} on Tuesday.",
     (("A", "B", frozenset({3})),), ()),
    ("title and name, then the surname (3)",
     "{A}'s President {P} returned home on Monday. Crowds greeted {him} at the airport. "
     "On Tuesday, {Ps} accused {B} of arming rebels.",
     (("A", "B", frozenset({3})),), ()),
    ("person of a state, then 'the minister'",
     "{A}'s defense minister {P} toured the border region on Monday. The minister accused "
     "{B} of massing troops there.",
     (("A", "B", frozenset({3})),), ()),
    ("person of a state, then 'the president'",
     "{P}, the president of {A}, flew to Geneva on Monday. The president met {B}'s prime "
     "minister on Tuesday.",
     (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("person of a state, then 'he'/'she'",
     "{A}'s foreign minister {P} spoke to reporters on Monday. {He} condemned {B} for the "
     "attack.",
     (("A", "B", frozenset({3})),), ()),
    ("person of a state, then 'he' two sentences on",
     "{A}'s prime minister {P} opened parliament on Monday. The session lasted three hours. "
     "Later, {he} accused {B} of meddling in the election.",
     (("A", "B", frozenset({3})),), ()),
    ("state, then 'the foreign ministry'",
     "Floods hit northern {A} last week. On Monday, the foreign ministry thanked {B} for "
     "sending aid.",
     (("A", "B", frozenset({1, 2})),), (("B", "A"),)),
    ("state, then 'the ministry'",
     "{A}'s foreign ministry issued a statement on Monday. The ministry condemned {B} for the "
     "border clash.",
     (("A", "B", frozenset({3})),), ()),
    ("state, then 'The Foreign Ministry'",
     "{A} held elections on Sunday. The Foreign Ministry accused {B} of meddling.",
     (("A", "B", frozenset({3})),), ()),
    ("state, then 'the government'",
     "Protests spread across {A} on Monday. The government accused {B} of funding the "
     "protesters.",
     (("A", "B", frozenset({3})),), ()),
    ("state, then 'the country'",
     "{A} held elections on Sunday. On Monday, the country expelled two diplomats from {B}.",
     (("A", "B", frozenset({3, 4})),), ()),
    ("state, then 'the kingdom'",
     "{A} marked its national day on Sunday. On Monday, the kingdom accused {B} of spying.",
     (("A", "B", frozenset({3})),), ()),
    ("state, then 'the island nation'",
     "A cyclone struck {A} last week. The island nation has asked {B} for emergency aid.",
     (("A", "B", frozenset({1, 2})),), (("B", "A"),)),
    ("state, then 'its'",
     "{A} held talks with donors on Monday. Its foreign minister later criticized {B}.",
     (("A", "B", frozenset({3})),), ()),
    ("state, then 'it'",
     "{A} closed its embassy in Geneva on Monday. It also accused {B} of spying.",
     (("A", "B", frozenset({3})),), ()),
    ("'it' whose clause names the other state",
     "{A} held talks with {B} on Monday. On Tuesday, it accused {A} of lying about the "
     "talks.",
     (("B", "A", frozenset({3})),), ()),
    ("a meeting, then 'the two countries'",
     "The presidents of {A} and {B} met in Geneva on Monday. The two countries signed a trade "
     "agreement.",
     (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("a meeting, then 'both sides'",
     "Officials from {A} and {B} met in Geneva on Monday. Both sides agreed to reopen the "
     "border.",
     (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("a meeting, then 'the two leaders'",
     "{A}'s president met {B}'s prime minister in Geneva on Monday. The two leaders signed a "
     "defense pact.",
     (("A", "B", frozenset({1})),), (("B", "A"),)),
    ("'of A' after the name, then the surname",
     "Foreign Minister {P} of {A} arrived in Geneva on Monday. {Ps} accused {B} of stalling "
     "the talks.",
     (("A", "B", frozenset({3})),), ()),
    ("name with an apposed title, then the surname",
     "{P}, {A}'s top diplomat, arrived in Geneva on Monday. {Ps} accused {B} of stalling the "
     "talks.",
     (("A", "B", frozenset({3})),), ()),
    ("name with 'who heads' a ministry, then the surname",
     "{P}, who heads {A}'s foreign ministry, spoke on Monday. {Ps} accused {B} of spying.",
     (("A", "B", frozenset({3})),), ()),
    ("an envoy, then 'the envoy'",
     "{A}'s envoy {P} arrived in Geneva on Monday. The envoy accused {B} of stalling the "
     "talks.",
     (("A", "B", frozenset({3})),), ()),
    ("a spokesman, then 'the spokesman'",
     "{A}'s foreign ministry spokesman {P} spoke on Monday. The spokesman accused {B} of "
     "spying.",
     (("A", "B", frozenset({3})),), ()),
    ("officials from a state, then 'the officials'",
     "Officials from {A} arrived in Geneva on Monday. The officials accused {B} of stalling "
     "the talks.",
     (("A", "B", frozenset({3})),), ()),
    ("an embassy, then 'the embassy'",
     "{A}'s embassy in Geneva issued a statement on Monday. The embassy accused {B} of spying.",
     (("A", "B", frozenset({3})),), ()),
    ("state, then 'the country's president'",
     "{A} held elections on Sunday. The country's president accused {B} of meddling.",
     (("A", "B", frozenset({3})),), ()),
    ("a meeting, then 'both ministers'",
     "The foreign ministers of {A} and {B} met in Geneva on Monday. Their talks ended without "
     "agreement. Both ministers accused {C} of blocking a deal.",
     # (C blocking the deal the two sought rejects them: the coder's reading, allowed)
     (("A", "C", frozenset({3})), ("B", "C", frozenset({3}))),
     (("A", "B"), ("B", "A"), ("C", "A"), ("C", "B"))),
    ("a person, then the surname after another state's",
     "{A}'s foreign minister {P} spoke on Monday. {C}'s president responded on Tuesday. "
     "{Ps} then accused {C} of lying.",
     (("A", "C", frozenset({3})),), ()),
    ("state, then its capital as the state",
     "{A} and {B} have long disputed their border. On Monday, {Acap} accused {B} of moving "
     "troops to the frontier.",
     (("A", "B", frozenset({3})),), ()),
    ("an ambassador, then the surname",
     "{A}'s ambassador to the United Nations, {P}, spoke on Monday. {Ps} accused {B} of "
     "violating the ceasefire.",
     (("A", "B", frozenset({3})),), ()),
    ("a U.N. mission, then 'the mission'",
     "{A}'s mission to the United Nations issued a statement on Monday. The mission accused "
     "{B} of violating the ceasefire.",
     (("A", "B", frozenset({3})),), ()),
    ("a ministry, then 'a spokesman for the ministry'",
     "{A}'s foreign ministry said on Monday that it was studying the report. A spokesman for "
     "the ministry later condemned {B}.",
     (("A", "B", frozenset({3})),), ()),
    ("title's state, not the state visited",
     "{A}'s foreign minister, visiting {C}, criticized {B} on Tuesday.",
     (("A", "B", frozenset({3})),), (("A", "C"), ("C", "A"))),
    ("title's state, not the state visited (2)",
     "{A}'s foreign minister {P} arrived in {C} on Monday. {Ps} criticized {B} at a news "
     "conference there.",
     (("A", "B", frozenset({3})),), (("A", "C"), ("C", "A"))),
    # two states or more named before a state's body or official with no state named: the
    # body is the story's protagonist's (the state most often the subject so far, the first
    # of those as often), never a state its own clause acts on, not the latest state named
    ("two states, then 'The Foreign Ministry'",
     "{A} protested to {B} on Thursday over remarks by {B}'s president. The Foreign Ministry "
     "summoned {B}'s ambassador and handed him a note of protest.",
     (("A", "B", frozenset({3})),), ()),
    ("two states, then 'the government'",
     "{A} accused {B} of shelling border villages on Monday. On Tuesday, the government "
     "expelled {B}'s ambassador.",
     (("A", "B", frozenset({4})),), ()),
    ("two states, then 'the foreign minister'",
     "{A} recalled its ambassador from {B} on Monday. The foreign minister accused {B} of "
     "interfering in the election.",
     (("A", "B", frozenset({3})),), ()),
    ("two states, the other answers, then 'the government'",
     "{A} accused {B} of arming rebels on Monday. {B} denied the charge. On Tuesday, the "
     "government accused {A} of staging the attack.",
     (("B", "A", frozenset({3})),), (("A", "B"),)),
    ("three states, a third between, then 'the government'",
     "{A} accused {B} of arming rebels on Monday. {C} urged both sides to show restraint. On "
     "Tuesday, the government expelled {B}'s ambassador.",
     (("A", "B", frozenset({4})),), (("C", "A"), ("C", "B"))),
    ("the other's president, then 'the government'",
     "{A} accused {B} of arming rebels on Monday. {B}'s president rejected the charge on "
     "Tuesday. The government then expelled {A}'s ambassador.",
     (("B", "A", frozenset({4})),), (("A", "B"),)),
    ("two states, then bare 'officials'",
     "{A} protested to {B} on Thursday over a border incident. Officials accused {B} of "
     "lying about the incident.",
     (("A", "B", frozenset({3})),), ()),
    ("control: two states, then officials in B's capital",
     "{A} protested to {B} on Thursday over a border incident. In {Bcap}, officials accused "
     "{C} of provoking the incident.",
     (), (("B", "C"),)),
    ("control: two states, then 'officials in' B's capital",
     "{A} protested to {B} on Thursday over a border incident. Officials in {Bcap} accused "
     "{C} of provoking the incident.",
     (), (("B", "C"),)),
    ("a verb after a relative clause closed by a comma",
     "{A}'s foreign ministry summoned {B}'s ambassador, whose embassy represents {C}'s "
     "interests, and handed him a note of protest.",
     (("A", "B", frozenset({3})),), ()),
    ("control: a meeting of two, then 'the government'",
     "{A} and {B} held talks in Geneva on Monday. The government later accused {B} of "
     "stalling.",
     (), ()),
    # pronouns checked against number and kind: "they" is no single person, "he"/"she" no
    # state, "its" a state or body (not a person), "we" in a quote its speaker's; the
    # nearest actor before each is of the wrong number or kind
    ("'they' after a single person, then plural people",
     "Officials from {A} met {B}'s foreign minister {P} on Monday. They later accused {C} "
     "of blocking the talks.",
     (("A", "C", frozenset({3})),), (("A", "B"), ("B", "A"))),
    ("'they' after two states, not the person between",
     "{A} and {B} signed a defense pact on Monday, said {C}'s envoy {P}. They accused {C} of "
     "arming rebels.",
     (("A", "C", frozenset({3})), ("B", "C", frozenset({3}))), (("A", "B"), ("B", "A"),
                                                                ("C", "A"), ("C", "B"))),
    ("'he'/'she' after a state named later",
     "{A}'s foreign minister {P} flew to {B} on Monday. On Tuesday, {he} accused {C} of "
     "arming rebels.",
     (("A", "C", frozenset({3})),), (("A", "B"), ("B", "A"))),
    ("'he'/'she' as subject, the state its object nearer",
     "{A}'s president {P} spoke after talks with {B} on Monday. {He} then accused {C} of "
     "spying.",
     (("A", "C", frozenset({3})),), (("A", "B"), ("B", "A"))),
    ("'its' after a person, the state before",
     "{B} welcomed {A}'s foreign minister {P} on Monday. Its president later accused {C} of "
     "arming rebels.",
     (("B", "C", frozenset({3})),), (("A", "B"), ("B", "A"))),
    ("'its' after a person with an apposed title",
     "{B} hosted {P}, {A}'s foreign minister, on Monday. Its army later accused {C} of "
     "massing troops.",
     (("B", "C", frozenset({3})),), (("A", "B"), ("B", "A"))),
    ("'it' after a person, the state before",
     "{B} welcomed {A}'s foreign minister {P} on Monday. It also accused {C} of spying.",
     (("B", "C", frozenset({3})),), (("A", "B"), ("B", "A"))),
    ("'we' in a quote from a titled speaker",
     "{C} held talks with {B} on Monday. \"We condemn {B} for the attack,\" {A}'s foreign "
     "minister {P} said.",
     (("A", "B", frozenset({3})),), (("C", "B"), ("B", "C"))),
    ("'we' in a quote, the speaker said the sentence before",
     "{A}'s foreign minister {P} spoke on Monday after talks with {C}. \"We condemn {B} "
     "for the attack,\" {he} said.",
     (("A", "B", frozenset({3})),), (("A", "C"), ("C", "A"))),
    ("'he'/'she' in what a speaker reports",
     "{A}'s foreign minister {P} met {C}'s envoy on Monday. {He} said {he} would accuse {B} of "
     "arming rebels.",
     (("A", "B", frozenset({3})),), (("A", "C"), ("C", "A"))),
    ("'they' in what a single person reports",
     "{A}'s president {P} met {B}'s trade officials on Monday. {He} said they had accused {C} "
     "of dumping steel.",
     (("B", "C", frozenset({3})),), (("A", "B"), ("B", "A"))),
    ("'they' in what a third state's person reports, after a pair",
     "{A} and {B} signed a defense pact on Monday. {C}'s president said they had accused "
     "{C} of spying.",
     (("A", "C", frozenset({3})), ("B", "C", frozenset({3}))), (("A", "B"), ("B", "A"))),
    ("'they' in what one of a pair reports",
     "{A} and {B} signed a defense pact on Monday. {A}'s president said they had accused "
     "{C} of spying.",
     (("A", "C", frozenset({3})),), (("A", "B"), ("B", "A"), ("B", "C"))),
    ("'they' in what a person reports, a pair named as a place",
     "Grain prices rose in {A} and {B} last month. {C}'s trade minister {P} said they had "
     "accused {B} of hoarding grain.",
     (("C", "B", frozenset({3})),), ()),
    ("'them' after a meeting of two, not a person",
     "{A} and {B} held talks on Monday, {C}'s foreign minister {P} said. {C} later accused "
     "them of stalling.",
     (("C", "A", frozenset({3})), ("C", "B", frozenset({3}))), (("A", "B"), ("B", "A"),
                                                                ("A", "C"), ("B", "C"))),
    ("control: 'they' with only one person before",
     "{A}'s foreign minister {P} arrived in Geneva on Monday. They accused {B} of spying.",
     (), ()),
    ("control: 'he'/'she' with only states before",
     "{A} held talks with {C} on Monday. {He} accused {B} of spying.",
     (), (("C", "B"),)),
    ("control: a state named in between",
     "{A} held elections on Sunday. On Monday, {C} closed its border. The country also "
     "accused {B} of smuggling.",
     (("C", "B", frozenset({3})),), ()),
    ("control: two states named once, then 'the government'",
     "Protests spread from {A} to {C} on Monday. The government accused {B} of funding the "
     "protesters.",
     (), ()),
    ("control: a third state's official",
     "{A}'s foreign minister {P} met {C}'s foreign minister {Q} on Monday. {Qs} criticized {B} "
     "on Tuesday.",
     (("C", "B", frozenset({3})),), (("A", "C"), ("C", "A"))),
    ("control: a former official",
     "{A}'s foreign minister {P} spoke on Monday. A former foreign minister, {Q}, criticized "
     "{B} on Tuesday.",
     (), ()),
    ("control: officials of another body",
     "{A}'s foreign minister {P} spoke on Monday. United Nations officials criticized {B} on "
     "Tuesday.",
     (), ()),
    # session 40: a named act judged by its noun; a denial after the accusation
    ("an act told by its verb, then 'condemned the bombing'",
     "{C} bombed {B}'s consulate on Sunday. {A} condemned the bombing.",
     (("A", "C", frozenset({3})),), (("C", "B"),)),
    ("an act told by its verb, then 'the shelling'",
     "{C}'s army shelled a village in {B}. On Monday, {A} denounced the shelling.",
     (("A", "C", frozenset({3})),), (("C", "B"),)),
    ("'condemned the bombing of B's consulate' after its doer",
     "{C} bombed {B}'s consulate on Sunday. {A} condemned the bombing of {B}'s consulate.",
     (("A", "C", frozenset({3})),), (("C", "B"),)),
    ("no doer named, then 'condemned the bombing' (control)",
     "A bomb exploded outside {B}'s consulate on Sunday. {A} condemned the bombing.",
     (), ()),
    ("'met officials from B', then 'they' in what he reports",
     "{A}'s president {P} met officials from {B} on Monday. {He} said they had accused {C} of "
     "spying.",
     (("B", "C", frozenset({3})),), (("A", "B"), ("B", "A"))),
    ("'hosted diplomats from B', then 'they'",
     "{A}'s foreign minister hosted diplomats from {B} on Monday. They accused {C} of "
     "meddling in the election.",
     (("B", "C", frozenset({3})),), (("A", "B"), ("B", "A"))),
    ("'recalled its diplomats from B', then 'they' (control)",
     "{A} recalled its diplomats from {B} on Monday. They accused {C} of spying.",
     (("A", "C", frozenset({3})),), (("A", "B"),)),
    ("accusation, then 'denied the allegation that it attacked C'",
     "{A} accused {B} of attacking {C}. {B} denied the allegation that it had attacked {C}.",
     (("B", "A", frozenset({3})),), (("A", "B"), ("B", "C"))),
    # session 41: an act named back by its noun, after other mentions or far from its doer
    ("an act named bare in between, then 'criticized the embargo'",
     "{C} imposed an embargo on {B} in May. Officials said the embargo would stay in place for "
     "a year. {A} criticized the embargo.",
     (("A", "C", frozenset({3})),), (("C", "B"),)),
    ("'the C embargo against B' named, then 'criticized the embargo'",
     "The {C} embargo against {B} has been in place since May. {A} criticized the embargo.",
     (("A", "C", frozenset({3})),), (("C", "B"),)),
    ("an embargo, then 'criticized the embargo's effects'",
     "{C} imposed an embargo on {B} in May. {A} criticized the embargo's effects on its "
     "companies.",
     (("A", "C", frozenset({3})),), (("C", "B"),)),
    ("an act told by its verb in the lead, judged by its noun far on",
     "{A} and {B} exchanged prisoners on Sunday at a border crossing. " + FAR_FILLER
     + " {C} welcomed the exchange.",
     (("C", "A", frozenset({1})), ("C", "B", frozenset({1}))), (("A", "B"), ("B", "A"))),
    ("the reactor is the doer: 'A imposed ... A praised the embargo' (control)",
     "{A} imposed an embargo on {B} in May. Officials said the embargo would stay in place for "
     "a year. {A} praised the embargo.",
     (), ()),
    ("two doers of the act named, then 'the embargo' (control)",
     "{C} imposed an embargo on {B} in May, and {B} imposed an embargo on {C} in June. {A} "
     "criticized the embargo.",
     (), (("C", "B"), ("B", "C"))),
    ("the act told too far back, after the lead (control)",
     "{A}'s president {P} opened a school on Monday. Pupils sang for the guests. {C} imposed an "
     "embargo on {B} in May. " + FAR_FILLER + " {A} criticized an embargo.",
     (), ()),
    ("an indefinite noun: 'criticized a decision' (control)",
     "{C} imposed an embargo on {B} in May. {A} criticized a decision on fishing quotas.",
     (), (("C", "B"),)),
    # session 42: "the two neighbours" after a pair told by a verb joined to another
    ("'A recalled ... and accused B', then 'the two neighbours'",
     "{A} recalled its ambassador from {B} on Tuesday and accused {B} of threatening the "
     "region. {C} offered to host talks between the two neighbours.",
     (("C", "A", frozenset({1})), ("C", "B", frozenset({1}))), (("A", "B"), ("B", "A"))),
    ("'A closed ... and criticized B', then 'both countries'",
     "{A} closed its border on Monday and criticized {B} for the raids. {C} urged both "
     "countries to show restraint.",
     (("C", "A", frozenset({1})), ("C", "B", frozenset({1}))), (("A", "B"),)),
    ("'A flew to B and thanked C', C urges 'both countries' (control)",
     "{A}'s president {P} flew to {Bcap} on Monday and thanked {C} for its help. {C} urged both "
     "countries to show restraint.",
     (), (("A", "B"), ("A", "C"), ("C", "A"), ("C", "B"))),
    ("'A closed ... and criticized the rebels', 'both countries' (control)",
     "{A} closed its border on Monday and criticized the rebels for the raids. {C} urged both "
     "countries to show restraint.",
     (), ()),
    # session 42: "it said" never means a thing that did not speak
    ("'sovereignty over it' in between, then 'It said ... and urged B'",
     "{A} rejected the protest. Its Foreign Ministry said {A}'s sovereignty over the island was "
     "not up for discussion. It said the ceremony was routine and urged {B} to respect that.",
     (("A", "B", frozenset({1})),), ()),
    ("a thing as subject in between, then 'It said ... and urged B'",
     "{A}'s foreign ministry criticized {B} on Monday. The disputed island lies in the river. "
     "It said the talks had failed and urged {B} to withdraw its troops.",
     (("A", "B", frozenset({1})),), ()),
    ("a report that spoke, then 'It said' (control)",
     "{A}'s army published a report on Monday. The {B} report said {C} had attacked a border "
     "post. It said {C} had fired shells at the border.",
     (), (("B", "C"),)),
    # session 43: a body named again with "the" and nothing new, after a use that named its
    # state; a counted group named again in the same words; a state acting on "the government"
    ("'A's election commission', then 'the commission accused B'",
     "{A}'s election commission announced the results on Monday. The commission accused {B} "
     "of meddling in the vote.",
     (("A", "B", frozenset({3})),), ()),
    ("'the A-led coalition', then 'the coalition accused B'",
     "The {A}-led coalition struck positions near the border on Monday. The coalition accused "
     "{B} of arming the militants.",
     (("A", "B", frozenset({3})),), ()),
    ("'A's commission', 'the commission said', then 'the commission'",
     "{A}'s election commission met in the capital on Monday. The commission said turnout had "
     "been high. On Tuesday, the commission accused {B} of funding protests.",
     (("A", "B", frozenset({3})),), ()),
    ("'the two leaders' named again four sentences on",
     "{A}'s president {P} met {B}'s prime minister {Q} in Geneva on Monday. The two leaders "
     "talked for two hours at a lakeside hotel. Reporters waited outside in the rain. Guards "
     "closed the gates at noon. Staff served lunch in the garden. In a joint statement, the two "
     "leaders condemned {C}'s missile tests.",
     (("A", "C", frozenset({3})), ("B", "C", frozenset({3}))), (("A", "B"), ("B", "A"))),
    ("'said Acap ... and urged the government' after B's government",
     "{B}'s government banned foreign observers on Monday. A spokesperson for {A}'s foreign "
     "ministry said {Acap} was reviewing its ties with {Bcap} and urged the government to lift "
     "the ban.",
     (("A", "B", frozenset({1})),), ()),
    ("a commission with no state, then 'the commission' (control)",
     "A commission announced the results on Monday. The commission accused {B} of meddling in "
     "the vote.",
     (), ()),
    ("a joint commission of two states, then 'the commission' (control)",
     "{A} and {B} set up a joint border commission on Monday. The commission accused {C} of "
     "smuggling arms.",
     (), ()),
    ("another state's commission in between: the nearest (control)",
     "{A}'s election commission met on Monday. {B}'s election commission met on Tuesday. The "
     "commission accused {C} of meddling in the vote.",
     (("B", "C", frozenset({3})),), ()),
    ("'A's largest tanker', then 'the tanker' (a vessel: control)",
     "{A}'s largest tanker docked at the port on Monday. {B} said the tanker had violated its "
     "waters.",
     (), ()),
    ("'A's election commission', then generic 'commissions' (control)",
     "{A}'s election commission met on Monday. Election commissions often accuse {B} of "
     "meddling.",
     (), ()),
)
# an arms supplier named in the sentence before: (name, template, supplier, recipient); a
# control names none, and is right when the last sentence has no record with both parties
DISCOURSE_TRANSFERS: tuple[tuple[str, str, str | None, str | None], ...] = (
    ("arms supplier named the sentence before",
     "{A} agreed last year to buy fighter jets from {B}. The first six fighter jets were "
     "delivered on Monday.", "B", "A"),
    ("arms of another kind than the deal's (control)",
     "{A} agreed last year to buy tanks from {B}. The first six fighter jets were delivered on "
     "Monday.", None, None),
    ("arms supplier, then 'it'",
     "{A} signed a deal with {B} in March. Under the deal, it will supply 40 tanks to {A}.",
     "B", "A"),
)
# invented names: (full name, pronoun)
PEOPLE = (("Ana Ruiz", "she"), ("Tomas Halvorsen", "he"), ("Maria Costa", "she"),
          ("David Mensah", "he"), ("Laura Kim", "she"), ("Peter Novak", "he"),
          ("Elena Petrova", "she"), ("Samuel Okafor", "he"), ("Clara Lindgren", "she"),
          ("Jonas Weber", "he"))


def _discourse_fill(template: str, names: dict[str, str], capitals: dict[str, str],
                    people: list[tuple[str, str]]) -> str:
    (full, pronoun), (other, _) = people
    return template.format(**names, **capitals, P=full, Ps=full.split()[-1], Q=other,
                           Qs=other.split()[-1], he=pronoun, He=pronoun.capitalize(),
                           him="him" if pronoun == "he" else "her")


def _capitals(forms: dict[str, Forms], codes: list[str]) -> dict[str, str]:
    """"{Acap}", "{Bcap}": the capitals of a filling's states A and B."""
    return {f"{role}cap": forms[code].capitals[0]
            for role, code in zip("AB", codes[:2], strict=True)}


def check_discourse(coder: Coder, documents: int, seed: int) -> None:
    """Short documents that introduce an actor once and refer back to it in the sentence with
    the event: right fillings (every expected pair in that sentence), wrong pairs (a pair of
    the document's states it does not say), and fillings that code nothing there."""
    forms = state_forms()
    names = {code: forms[code].names[0] for code in PANEL if forms.get(code) and (
        forms[code].names) and forms[code].capitals and code not in ("PHL", "NLD", "ARE",
                                                                     "COD")}
    rng = random.Random(seed)
    fillings = [(rng.sample(sorted(names), 3), rng.sample(PEOPLE, 2)) for _ in range(documents)]
    print(f"{'document':<52}{'right':>7}{'wrong pair':>12}{'nothing':>9}{'of':>5}")
    for name, template, expected, allowed in DISCOURSE:
        right = wrong = nothing = 0
        for codes, people in fillings:
            state = dict(zip("ABC", codes, strict=True))
            events, _ = _last_sentence_coded(coder, _discourse_fill(
                template, {r: names[c] for r, c in state.items()},
                _capitals(forms, codes), people))
            found = {(e.source.country, e.target.country, e.quad_class) for e in events}
            said = {(state[a], state[b]) for a, b, _ in expected} | {
                (state[a], state[b]) for a, b in allowed}
            bad = any(s in codes and t in codes and s != t and (s, t) not in said
                      for s, t, _ in found)
            wrong += bad
            right += not bad and all(any((s, t) == (state[a], state[b]) and quad in quads
                                         for s, t, quad in found) for a, b, quads in expected)
            nothing += not any(s in codes and t in codes and s != t for s, t, _ in found)
        print(f"{name:<52}{right:>7}{wrong:>12}{nothing:>9}{len(fillings):>5}")
    for name, template, supplier, recipient in DISCOURSE_TRANSFERS:
        right = wrong = nothing = 0
        for codes, people in fillings:
            state = dict(zip("ABC", codes, strict=True))
            _, transfers = _last_sentence_coded(coder, _discourse_fill(
                template, {r: names[c] for r, c in state.items()},
                _capitals(forms, codes), people))
            pairs = {((t["supplier"] or {}).get("country"),
                      (t["recipient"] or {}).get("country")) for t in transfers}
            pairs = {p for p in pairs if None not in p}
            said = (state[supplier], state[recipient]) if supplier else None
            right += pairs == ({said} if said else set())
            wrong += any(p != said for p in pairs)
            nothing += not pairs
        print(f"{name:<52}{right:>7}{wrong:>12}{nothing:>9}{len(fillings):>5}")


def _last_sentence_coded(coder: Coder, text: str) -> tuple[list, list[dict]]:
    """The events and arms transfers of a document's last sentence."""
    doc = coder.nlp(text)
    analysis = coder.analyse(doc, "text", "2025-03-04")
    last = len(list(doc.sents)) - 1
    return ([e for e in analysis.events if e.sentence_index == last],
            [t for t in analysis.transfers if t["sentence_index"] == last])


def _fits(quad: int, modality: str, wanted: frozenset) -> bool:
    """An expected set holds quad classes and, where the template says so, a modality."""
    modalities = {item for item in wanted if isinstance(item, str)}
    return quad in wanted and (not modalities or modality in modalities)


def _count_members(tally: list[int], found: set[str | None]) -> None:
    tally[0] += min(3, len(found - {None}))
    tally[1] += 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--substitutes", type=int, default=12,
                        help="substitute states tried per (story, state), from the panel")
    parser.add_argument("--stories", type=int, default=0, help="only the first N stories")
    parser.add_argument("--show", type=int, default=0, help="list this many lost events")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--wording", action="append", choices=sorted(WORDINGS),
                        help="with --wordings: only this wording (repeatable)")
    parser.add_argument("--layouts", action="store_true",
                        help="code each story in other layouts instead of renaming states")
    parser.add_argument("--wordings", action="store_true",
                        help="reword each sentence with an event instead of renaming states")
    parser.add_argument("--lists", type=int, nargs="?", const=120, default=0,
                        metavar="SENTENCES",
                        help="code lists of three states made here, in both house styles "
                             "(default 120 of each kind)")
    parser.add_argument("--constructions", type=int, nargs="?", const=30, default=0,
                        metavar="SENTENCES",
                        help="code templates of constructions filled with panel states "
                             "(default 30 fillings of each)")
    parser.add_argument("--discourse", type=int, nargs="?", const=20, default=0,
                        metavar="DOCUMENTS",
                        help="code short documents that refer back to an actor named before "
                             "(default 20 fillings of each)")
    args = parser.parse_args()
    if args.discourse:
        check_discourse(Coder(), args.discourse, args.seed)
        return 0
    if args.constructions:
        check_constructions(Coder(), args.constructions, args.seed)
        return 0
    if args.lists:
        check_lists(Coder(), args.lists, args.seed)
        return 0
    if not args.corpus.exists():
        print(f"{args.corpus}: corpus not found; nothing measured.", file=sys.stderr)
        return 0
    coder = Coder()
    forms = state_forms()
    rng = random.Random(args.seed)
    by_substitute: dict[str, Tally] = {}
    total = Tally()
    stories = [json.loads(line) for line in args.corpus.read_text().splitlines()]
    if args.layouts:
        check_layouts(coder, stories[: args.stories or None], args.show)
        return 0
    if args.wordings:
        check_wordings(coder, stories[: args.stories or None], args.show, args.wording)
        return 0
    for story in stories[: args.stories or None]:
        check_story(coder, story, forms, rng, args.substitutes, by_substitute, total)
    print(f"{'substitute':<12}{'kept':>6}{'lost':>6}{'share':>8}{'created':>9}")
    for code, tally in sorted(by_substitute.items(), key=lambda kv: kv[1].kept / max(
            1, kv[1].kept + kv[1].lost)):
        share = tally.kept / max(1, tally.kept + tally.lost)
        print(f"{code:<12}{tally.kept:>6}{tally.lost:>6}{share:>8.2f}{tally.created:>9}")
    share = total.kept / max(1, total.kept + total.lost)
    print(f"{'all':<12}{total.kept:>6}{total.lost:>6}{share:>8.2f}{total.created:>9}")
    for line in total.lost_examples[: args.show]:
        print("  LOST", line)
    for line in total.created_examples[: args.show]:
        print("  CREATED", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
