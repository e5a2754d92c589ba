"""PETRARCH/TABARI dictionary files read into detente's extension sections.

A PETRARCH user keeps their dictionaries: ``--dictionary CAMEO.2.0.txt`` (verbs),
``--dictionary Phoenix.Countries.actors.txt`` (actors) or ``--dictionary Phoenix.agents.txt``
(agents) produce the same sections a ``my.yaml`` extension holds (``verbs``, ``countries``,
``groups``, ``igos``, ``stateless``, ``people``, ``agents``), so the loaders downstream need no
second path. Syntax: PETRARCH2's ``docs/dictionaries.rst`` and the TABARI manual.

What maps onto detente and what does not (counted in the file's ``ReadReport``):

- Verbs: a synonym block gives each verb lemma a sense with the block's (or the verb's own)
  code. A pattern becomes a sense when its words fit a detente construction: nothing after ``*``
  (the bare verb); a noun phrase, after an article or in braces, whose last word is its head
  (PETRARCH's rule for ``{FINANCIAL AID}``; also ``* TRADE PROTOCOL``): the head is the object
  (``object``) and the word before it the object's modifier (``modifier``: "signed a trade
  protocol", not any protocol; of several modifiers the one next to the head is kept, counted);
  a preposition in parentheses or bare (``prep``; ``* WITH``, ``*_UPON``) and what it governs
  (``prep_object``: ``* (FOR AID)``, ``* OVER EFFORTS``, ``* FROM TREATY``, with a gerund's verb
  lemmas, ``WITH INCITING`` -> incite); a particle (``particle``, a bare UP/DOWN/OUT... or a
  multi-word verb such as ``+BEEF_UP``; a last word that is a preposition or a particle,
  ``*_ON``, gives both senses); an object followed by a preposition. A synset stands for each of
  its members: its single words stand for it (object, modifier or prep_object), and the pattern
  is also read with each multi-word member in its place (``* &COINS`` with ``+SWISS_FRANCS``:
  object franc, modifier swiss; a spelled-out pattern that fits no construction is left out,
  counted as a synset phrase left out). A synset of prepositions (``* &PREPOSIT1 RESOLUTION``:
  AGAINST, ON, ...) and alternative prepositions (``(BY/WITH GRENADE)``) are the preposition,
  one sense for each. A multi-word verb whose particle spaCy may parse as a preposition
  (``+PULL_OUT * (OF PACT)``) also gets the sense with the particle as the preposition, the
  pattern's object reached through it ("pulled out of the pact"). A prepositional phrase of any
  object (``(IN ^)``, ``AT ^``) beside another preposition is left out: a sense has one
  preposition. Markers after the verb: a target marker right after a preposition (``* WITH %``,
  ``* ABOUT +``, ``(FROM +)``) makes that preposition's object the target (``target_preps``); a
  skipped phrase (``^``) right after the verb, alone or after a possessive (``* THEIR ^ ABOUT
  +``), is an object of any kind and asks nothing; a target marker right after the verb (``* +
  IN DETENTION``) is its object, where detente looks first. Markers before the verb: a target
  before the verb and the source after it (``+ * MONEY $``, ``+ HAS * A MESSAGE $``, ``+ *
  PLEDGE FROM $``) reverse the roles (``reverse``: "Gondor received money from Arnor" is Arnor's
  act); a target before a passive (``+ WAS_ *``), with its source in the by-phrase (``+ WAS_ *
  BY $``), is where detente finds them anyway. Words before the verb: auxiliaries (``HAVE *
  OFFENSIVE``) and the source marker ``$`` change nothing; ``%`` (a compound source) makes a
  sense that fits only a coordinated subject (``compound``: ``% * [030:030]``, "A and B agree");
  a negation (``NOT *``, ``WILL
  NOT *``, a synset of such phrases) makes the sense the verb's negation (``negated``: "will not
  allow" codes the pattern's code, "allowed" the block's); a pattern that is the bare verb once
  its auxiliaries and markers are gone (``$ HAVE *``, ``+ WAS_ *``) leaves the block's code
  alone; ``%`` makes the compound's members act on each other (``symmetric``: "A and B have
  delayed", ``% HAVE * [191]``). Other nouns or adverbs before the verb, PETRARCH's "pre-verb
  nouns" (dictionaries.rst, "Patterns"), must head the verb's subject or stand as an adverb before
  it (``before_words``: ``HEAVILY *``, ``CURFEW *``), where PETRARCH2 looks for them among the
  phrases beside the verb phrase, or be the verb governing its clause, TABARI's reading
  (``INDICATED *``); beside them a modal is one of them (``INDICATED SHOULD *``). A null-coded
  object pattern (``* HARVEST [---]``) becomes a ``non_event_objects`` group: the block's verbs
  with that object are no event ("celebrated the harvest"), except where the object is a noun
  detente's own tables code as an event or an act ("praised the withdrawal", "the move"), left to
  them. Skipped (counted): other words before the verb (prepositional phrases, ``CALL FOR *``,
  ``IN_*``; words that are no nouns, ``NO *``; a target before a noun, ``+ HOSTING *``), a target
  before an active verb with no source after it, a source after the verb with no target before it
  or after a passive (``* (FROM $)``, ``+ WAS * DEAD IN $``), a target after a phrase of any
  object that is not the only preposition or whose preposition has its own object, words that are
  no nouns among the nouns (``* WOULD VISIT``, ``* NO EVIDENCE``, ``$ * + HELD``), modifiers of
  what a preposition governs (``* (FOR {FINANCIAL AID})``: the coder asks for the object's
  modifiers only), several prepositional phrases or prepositions, other source/target markers
  (``%`` after the verb, ``^`` or ``+`` glued to a word), other null-coded patterns (with a
  preposition or words before the verb), codes outside the CAMEO codebook, and transformations
  (``~``). A sense that replaces a packaged one of the same construction keeps the packaged way of
  finding its roles (``target_preps``, ``symmetric``, ``reverse``, ``xcomp``) where the pattern
  says nothing of them. A ``[a:a]`` code goes both ways (``symmetric``: "A and B met"); another
  ``[a:b]`` codes ``a`` from source to target and ``b``, TABARI's paired code, from target to
  source (``answer``: "A arrived in B" is A's visit and B's hosting of it). A block's verbs are
  word forms, as PETRARCH matches them: one written as another verb's form (``MET``, ``LEFT``)
  codes that form (``verbs_as_written``). A target after a phrase of any object (``* IFTAR AT ^ ^
  +``, ``* AT ^ +``) makes that phrase one that must be there, saying where (``place``), and the
  target is found as for any sense, never in it. PETRARCH applies a pattern to every verb of its
  block, and so does this reader.
- Actors: an entry without dates becomes a state (three-letter code), an IGO (``IGO...``,
  mapped onto detente's IGO codes) or a group (country + sector, ``ISRMIL``; transnational
  codes such as ``MNC`` or ``NGO``); ``[---]`` marks a phrase that names no actor. An entry
  with dated roles becomes a person whose code depends on the article date (``people``), with
  the entry's undated code as the fallback; where the phrase is also a place the actor
  matcher knows, the mention takes the dated code too. Several codes (``THE_SHIRE
  [FRO/BIL/SAM]``, a dated role's ``[FRO/BIL 900101-951231]``) make the phrase a compound, as
  TABARI codes it: each code is an actor, and the event is coded for each (``also``: the
  codes after the first, ``{country, sector}`` each).
- Agents: ``WORD [~SEC]`` gives the noun its sector (``agents``); irregular plurals in
  ``{...}`` and ``!SUBST!`` markers are expanded. A prefix code (``MSF {} [NGO~]``: in
  dictionaries.rst a ``~`` after the code puts the code before the actor code, one before it
  after) is an agent whose code goes before the actor's (``prefix: true``): "MSF Arnor" is
  NGOARN, "an MSF Arnor diplomat" NGOARNGOV.

Malformed lines (an unclosed bracket, a bad date, a pattern outside any verb block, a line over
MAX_LINE_CHARS) are skipped and counted; each is described as ``file:line: problem`` in
``ReadReport.problems`` so that the command line can say what was left out. Whole-file problems
(unreadable, not a PETRARCH dictionary, more senses, synset members or agent words than LIMITS
allow) raise ``DictionaryError``.

PETRARCH dictionaries use fictional codes in their validation suite and non-CAMEO codes in
places; detente's events need a codebook entry (name, Goldstein weight, quad class), so a verb
code outside the codebook is skipped, never passed through.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import ChainMap, Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from detente.actors.lexicon import (
    MAX_ACTOR_NAMES,
    MAX_ALSO_ACTORS,
    MAX_NAME_WORDS,
    igo_codes,
    name_words,
)
from detente.cleantext import first_control, plain_line_ends, shown_name
from detente.codebook import load_codebook
from detente.datafiles import DictionaryError, dictionary_text, read_packaged
from detente.wordforms import gerund_lemmas

VERBS, ACTORS, AGENTS, DISCARDS = "verbs", "actors", "agents", "discards"

# Words a PETRARCH pattern writes after the verb that spaCy attaches as particles.
PARTICLES = frozenset({"up", "down", "out", "off", "back", "away", "over", "in", "on", "through",
                       "along", "around", "about", "forward", "aside"})
# Small words that stay lower case inside a name written in capitals ("Prince of Dol Amroth").
NAME_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "de", "du", "da", "del", "al", "el",
                                 "la", "le", "van", "von", "bin"})
# CAMEO's transnational actor types and role codes that PETRARCH files use without a state
# ("REUTERS [MED]", "AMNESTY_INTERNATIONAL [NGO]"): coded as groups, never as states
NON_STATE_CODES = frozenset({"IGO", "IMG", "INT", "MNC", "NGM", "NGO", "UIS", "MED", "BUS",
                             "CVL", "EDU", "ELI", "HLH", "HRI", "LAB", "REF", "REL", "CRM",
                             "AGR", "ENV", "DEV", "MOS", "CHR", "BAH", "HIN", "JEW", "BUD"})
# PETRARCH codes that name no actor: null, discard, and the validation suite's "+++"
NULL_CODES = frozenset({"---", "###", "+++", ""})

# "--- LABEL [code] ---"; the files also have "--- DELAY [120]---  ---", a second code or a
# comment before the closing dashes: only the start of the line is read
_HEADER = re.compile(r"^---+\s*(?P<label>[^\[\s-][^\[]*)(?:\[(?P<code>[^\]]*)\])?")
# No "[" inside a code: "[" * 30,000 without a "]" was scanned to the line's end from each "["
# (3.7 s; a megabyte-long line, hours)
_CODE = re.compile(r"\[([^\[\]]*)\]")
# The code is taken whole (possessive "*+"): given back one character at a time, a code of
# 30,000 digits followed by a blank and a stray character took 13 s
_DATE_RESTRICTION = re.compile(
    r"^(?P<code>---|[^\s<>\d-][^\s<>]*+)?\s*"
    r"(?:(?P<op>[<>])\s*(?P<one>\d+)|(?P<start>\d+)\s*-\s*(?P<end>\d+))?$"
)
# The longest line of the dictionaries in use has 178 characters. A longer line is skipped as
# malformed, so that no line's reading costs more than a few milliseconds.
MAX_LINE_CHARS = 2_000
# What one file may make, and why a file may ask for more than its size: PETRARCH applies each
# pattern to every verb of its block, a synset may copy in another (itself, doubling it), a
# pattern is read again with each phrase of its synsets spelled out, and an agent's !MARKER!
# stands for a list of words: a file of 78 kB asked for 9 million senses, one of 200 bytes
# for 2^40 synset members. CAMEO.2.0.txt, the largest verbs file in use, makes 78,000 senses
# and no-event entries, copies 558 synset members and spells out 730,000 characters (each
# reading counted as its length and 75 more); Phoenix.agents.txt makes 3,327 agent words. A
# file past a limit is refused: it is no dictionary anyone keeps, and a part of it would code
# as no one meant.
SENSES = "verb senses and no-event entries"
SYNSET_MEMBERS = "synset members"
SPELLED = "characters of patterns read with synset phrases spelled out"
AGENT_WORDS = "agent words"
ACTOR_NAMES = "actor names"
NAME_WORDS = "words of actor names"
LIMITS = {
    SENSES: (1_000_000, "each pattern applies to every verb of its block"),
    SYNSET_MEMBERS: (100_000, "a synset that names another copies its members"),
    SPELLED: (5_000_000, "a pattern is read once for each phrase of its synsets"),
    AGENT_WORDS: (200_000, "a !MARKER! stands for each word of its list"),
    # each phrase in its usual casings; Phoenix.Countries.actors.txt makes 52,400. The coder
    # takes about 4 kB and 0.1 ms a name to build: a 14 MB file of 600,000 phrases made 1.8
    # million, 2.4 GB and a minute before the first article, and the 64 MiB any dictionary
    # may be some 11 GB
    ACTOR_NAMES: (MAX_ACTOR_NAMES, "the coder holds each name in each of its casings"),
    # and each word of them: 3,000 lines of 600-word names (5.4 MB) made 2.1 GB in 30 s
    NAME_WORDS: (MAX_NAME_WORDS, "the coder holds each word of each name in each casing"),
}


@dataclass
class ReadReport:
    """What one PETRARCH file gave: counts by outcome and the malformed lines skipped."""

    path: str
    kind: str
    counts: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    made: Counter = field(default_factory=Counter)  # what the file made, against LIMITS

    def problem(self, line_no: int, message: str) -> None:
        self.counts["malformed lines skipped"] += 1
        self.problems.append(f"{shown_name(self.path)}:{line_no}: {message}")

    def spend(self, what: str, amount: int, line_no: int) -> None:
        """Count ``amount`` more of ``what`` (a key of LIMITS); past its limit the whole file
        is refused, naming the line that went past it."""
        self.made[what] += amount
        limit, why = LIMITS[what]
        if self.made[what] > limit:
            raise DictionaryError(f"{shown_name(self.path)}:{line_no}: the file makes more than "
                                  f"{limit:,} {what} ({why}); no dictionary in use comes near")

    def summary(self) -> str:
        """One line for stderr: the file, its kind, and every count."""
        parts = ", ".join(f"{n:,} {what}" for what, n in sorted(self.counts.items()))
        first = f"; first problem: {self.problems[0]}" if self.problems else ""
        return (f"{shown_name(self.path)}: PETRARCH {self.kind} dictionary: "
                f"{parts or 'nothing read'}{first}")

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "kind": self.kind, "counts": dict(self.counts),
                "problems": list(self.problems)}


# ---- files ---------------------------------------------------------------------------------
def is_petrarch_file(path: str | Path) -> bool:
    """PETRARCH/TABARI dictionaries are plain text; detente's own extensions are YAML."""
    return Path(path).suffix.lower() not in (".yaml", ".yml", ".json")


def read_petrarch(path: str | Path) -> dict[str, Any]:
    """Parse one PETRARCH dictionary file into extension sections plus a ``petrarch`` report."""
    path = Path(path)
    text = dictionary_text(path, strict=False)
    kind = detect_kind(path.name, text)
    if kind is None:
        raise DictionaryError(
            f"{shown_name(path)}: neither YAML nor a PETRARCH verbs, actors or agents dictionary"
        )
    reader = {VERBS: read_verbs, ACTORS: read_actors, AGENTS: read_agents,
              DISCARDS: read_discards}[kind]
    sections, report = reader(text, str(path))
    sections["petrarch"] = report.to_dict()
    return sections


def detect_kind(name: str, text: str) -> str | None:
    """The file's kind from its name (``*.verbs.txt``), else from its content."""
    lowered = name.lower()
    for kind in (VERBS, ACTORS, AGENTS, DISCARDS):
        if f".{kind}" in lowered or lowered.startswith(kind):
            return kind
    if "cameo" in lowered:
        return VERBS
    lines = [line.strip() for line in text.splitlines()[:5000]]
    if any(_HEADER.match(line) for line in lines):
        return VERBS
    if any(re.search(r"\[\s*~|~\s*\]", line) for line in lines):
        return AGENTS
    if any(_CODE.search(line) for line in lines if not line.startswith("#")):
        return ACTORS
    return None


def _clean(raw: str) -> str:
    """A line without its ``#`` comment (the actors reader also cuts at ``;``)."""
    return raw.split("#", 1)[0].rstrip()


def _lines(text: str, report: ReadReport) -> Iterator[tuple[int, str]]:
    """(line number, text without comment) for every line outside ``<!-- -->`` comments; one
    longer than MAX_LINE_CHARS is a problem of ``report``."""
    in_comment = False
    # (lines end at line ends alone: splitlines also ends one at a form feed, U+2028 or NEL,
    # and every later problem was said a line or more past where an editor shows it)
    for number, raw in enumerate(plain_line_ends(text).split("\n"), start=1):
        stripped = raw.strip()
        if in_comment:
            in_comment = "-->" not in stripped
            continue
        if stripped.startswith("<"):
            # an XML-style comment or tag line: "<!-- ... -->", "<! -- ... -->", "<ISSUE>"
            in_comment = stripped.startswith("<!") and "-->" not in stripped
            continue
        line = _clean(raw)
        if len(line) > MAX_LINE_CHARS:
            report.problem(number, f"line of {len(line):,} characters (the limit is "
                                   f"{MAX_LINE_CHARS:,})")
        elif (control := first_control(line)) and not control.isspace():
            # a name or a pattern word holding one matches no text: it had been taken in
            # silently, "VELL\x1bMARK" a country entry
            report.problem(number, f"a control character (U+{ord(control):04X}) in "
                                   f"{line.strip()[:40]!r}, which no text holds")
        elif line.strip():
            yield number, line


# ---- codes ---------------------------------------------------------------------------------
def split_code(code: str) -> tuple[str, str | None, str | None]:
    """A PETRARCH actor code as (kind, country, sector): ``ISRMIL`` -> group ISR MIL."""
    code = code.strip().upper()
    if code.startswith("IGO") and len(code) >= 6:
        return "igo", igo_code(code[3:]), None
    if len(code) <= 3 and code not in NON_STATE_CODES:
        return "country", code, None
    # a transnational actor ("[MNC]", "[NGOHRW]") is an actor of its own, not a state
    return "group", code[:3], code[3:] or None


def igo_code(rest: str) -> str:
    """The IGO a PETRARCH code names, as detente's tables code it.

    PETRARCH's IGO codes are hierarchical (``IGOWSTNAT``: West, NATO; ``IGOUNOHLHWHO``: UN,
    health, WHO; ``IGOEUREEC``: Europe, the EU). From the most specific three-letter part up,
    the first that is PETRARCH's code of one of detente's IGOs (data/phoenix.yaml: IGOEUREEC
    is EU) or is itself one of detente's IGO codes (NAT, UNO) is kept, so NATO is one actor
    whichever table named it; an IGO detente does not know keeps the whole code. A region
    (``EUR``, Europe) is never an IGO: ``IGOEURDEVEBR``, the EBRD, stays unknown.
    """
    full = "IGO" + rest
    ours = {petrarch: code for code, petrarch in petrarch_igo_codes().items()}
    for end in range(len(full), 5, -3):
        if full[:end] in ours:
            return ours[full[:end]]
        if full[end - 3:end] in igo_codes():
            return full[end - 3:end]
    return rest


@cache
def petrarch_igo_codes() -> dict[str, str]:
    """Each of detente's IGO codes (actors.yaml) as PETRARCH writes it (data/phoenix.yaml
    ``igos``: NAT -> IGOWSTNAT, EU -> IGOEUREEC); one PETRARCH's dictionary lacks is
    ``IGO`` + its code (IGOGCC)."""
    table = read_packaged("phoenix.yaml").get("igos") or {}
    return {code: str(table.get(code) or f"IGO{code}") for code in sorted(igo_codes())}


def parse_date(text: str) -> dt.date:
    """YYYYMMDD or YYMMDD (TABARI's two-digit years: 00-29 are 20xx, 30-99 are 19xx)."""
    if not (text.isascii() and text.isdigit()):
        # int() takes digits of any script: "[LVA >１２３４０１０１]" was dated 1234-01-01
        raise ValueError(f"date '{text[:20]}' is not written in the digits 0-9")
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year < 30 else 1900 + year}{text[2:]}"
    if len(text) != 8:
        raise ValueError(f"date '{text}' is neither YYMMDD nor YYYYMMDD")
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


SEVERAL_CODES = "actors with several codes: each an actor"


def _codes(inside: str, report: ReadReport, number: int) -> list[str]:
    """The codes of a bracket: ``[FRO/BIL/SAM]`` (TABARI's compound actor) is three; past
    MAX_ALSO_ACTORS after the first, the rest are left out, with a problem line (each code is
    an actor coded every event of the phrase)."""
    codes = [c.upper() for c in re.split(r"[/\s]+", inside.strip()) if c]
    if len(codes) > MAX_ALSO_ACTORS + 1:
        report.problem(number, f"{len(codes)} codes in one bracket '[{inside[:30]}...]': the "
                               f"first {MAX_ALSO_ACTORS + 1} kept")
        codes = codes[: MAX_ALSO_ACTORS + 1]
    return codes


def _also(codes: list[str]) -> list[dict[str, str]]:
    """The codes after an actor's first, as the actors they name: ``{country, sector}``
    (``IGOUNO`` is the IGO UNO, ``USAGOV`` the state USA's GOV, ``NGO`` a transnational
    group's own root)."""
    also = []
    for code in codes:
        country, sector = _country_sector(code)
        if country:
            also.append({"country": country, **({"sector": sector} if sector else {})})
    return also


# ---- names ---------------------------------------------------------------------------------
def phrase_words(phrase: str) -> list[str]:
    """A PETRARCH phrase's words: underscores and blanks both separate them."""
    return [w for w in re.split(r"[_\s]+", phrase.strip()) if w]


def name_variants(phrase: str) -> list[str]:
    """How a name written in capitals appears in news text: "Minas Tirith", "U.N.", "IMF".

    detente's actor matcher is case-sensitive, so each entry is added in the usual casings:
    capitalised words (small words lower case), with short words kept in capitals, and all
    capitals for short or dotted names.
    """
    words = phrase_words(phrase)
    if not words:
        return []
    if len(words) == 1 and len(words[0]) <= 3 and words[0].isupper():
        return [words[0]]  # an acronym: "UN" must not also match the name "Un"

    def cap(word: str, index: int, short_upper: bool) -> str:
        lower = word.lower()
        if lower in NAME_FUNCTION_WORDS:
            return lower if index > 0 else lower.capitalize()
        if "." in word or (short_upper and len(word) <= 3 and word.isupper()):
            return word  # "U.N.", "AU"
        return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))

    variants = [
        " ".join(cap(w, i, False) for i, w in enumerate(words)),
        " ".join(cap(w, i, True) for i, w in enumerate(words)),
        # a name followed by common nouns: "Hamas gunmen", "Israeli troops"
        " ".join([cap(words[0], 0, True), *(w.lower() for w in words[1:])]),
    ]
    joined = " ".join(words)
    if len(joined.replace(".", "")) <= 5 or "." in joined:
        variants.append(joined.upper())
    if words[0].lower() == "the" and len(words) > 1:
        variants.extend(["the" + v[3:] for v in variants[:2]])
    return list(dict.fromkeys(variants))


def singular(word: str) -> str:
    """A regular English singular, for matching spaCy's lemmas ("TIES" -> "tie")."""
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# ---- verbs ---------------------------------------------------------------------------------
@dataclass
class _Block:
    code: str | None  # the block's default code; None for "---"
    symmetric: bool = False  # "[031:031]": the default goes both ways
    answer: str | None = None  # "[032:033]": the target's answer to the default
    verbs: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    # (lemma, particle, own code)


def read_verbs(text: str, where: str) -> tuple[dict[str, Any], ReadReport]:
    """Verb synonym blocks and their patterns as detente verb senses."""
    report = ReadReport(where, VERBS)
    codebook = load_codebook()
    synsets = _Synsets()
    current_synset: str | None = None
    block: _Block | None = None
    senses: list[dict[str, Any]] = []
    non_events: list[dict[str, Any]] = []
    owners: dict[str, str] = {}  # word form -> the verb whose line first writes it
    for number, line in _lines(text, report):
        stripped = line.strip()
        if stripped.startswith("+") and current_synset is not None:
            report.spend(SYNSET_MEMBERS, synsets.add(current_synset, stripped[1:]), number)
            continue
        current_synset = None
        header = _HEADER.match(stripped)
        if header:
            raw = header.group("code") or ""
            code = _valid_code(raw, codebook, report, "block")
            block = _Block(code, _both_ways(raw), _answer_code(raw, code, codebook, report))
            continue
        if stripped.startswith("&"):
            current_synset = stripped.split()[0].rstrip("_")
            synsets.define(current_synset)
            continue
        if stripped.startswith("~"):
            report.counts["transformations skipped"] += 1
            continue
        if block is None:
            report.problem(number, f"'{stripped[:40]}' outside any '--- VERB [code] ---' block")
            continue
        if stripped.startswith("-"):
            senses.extend(_pattern_senses(stripped[1:], block, synsets, codebook, report,
                                          number, non_events))
            report.spend(SPELLED, synsets.take_spelled(), number)
        else:
            senses.extend(_verb_line(stripped, block, codebook, report, number))
            _claim_forms(stripped, owners)
            report.spend(SENSES, 1, number)
    inherited = _inherit_roles(senses)
    if inherited:
        report.counts["senses keeping detente's role finding"] = inherited
    # PETRARCH matches the word forms a block writes (it makes a verb's regular forms itself:
    # dictionaries.rst, section "Verb Synonym Blocks"), not lemmas: a
    # verb written as another's form (LEFT, MET) stands for that form, where detente would
    # look for the lemma "left" in vain (see events.lexicon.EventLexicon.verb_senses); not a
    # form an earlier line gives another verb ("FIND {FINDS FOUND FINDING}" before "FOUND"
    # under ESTABLISH: PETRARCH keeps the first verb stored for a form)
    written = sorted({s["lemma"] for s in senses if owners.get(s["lemma"]) == s["lemma"]})
    sections: dict[str, Any] = {"verbs": senses, "verbs_as_written": written}
    if non_events:
        sections["non_event_objects"] = non_events
    return sections, report


# How a packaged sense finds its roles; PETRARCH gives the code, detente keeps these.
ROLE_FIELDS = ("target_preps", "symmetric", "reverse", "xcomp")


def _inherit_roles(senses: list[dict[str, Any]]) -> int:
    """Copy role-finding fields from the packaged sense each PETRARCH sense replaces.

    A sense with the same lemma, preposition, particle and objects (or overlapping objects)
    replaces the packaged one; without this, "arrive [032]" would lose the packaged
    ``target_preps: [in]`` and find no target in "arrived in Gondor".
    """
    table = read_packaged("verbs.yaml")
    classes = {str(name): {str(w).lower() for w in words or []}
               for name, words in (table.get("object_classes") or {}).items()}
    packaged: dict[str, list[dict[str, Any]]] = {}
    for item in table.get("verbs") or []:
        if isinstance(item, dict) and "lemma" in item:
            packaged.setdefault(str(item["lemma"]).lower(), []).append(item)
    count = 0
    for sense in senses:
        match = next((p for p in packaged.get(sense["lemma"], ())
                      if _same_construction(sense, p, classes)), None)
        if match is None:
            continue
        # what the PETRARCH pattern itself says ("[031:031]", "* WITH +") is kept
        roles = {k: match[k] for k in ROLE_FIELDS if k in match and k not in sense}
        if roles:
            sense.update(roles)
            count += 1
    return count


def _same_construction(sense: dict[str, Any], packaged: dict[str, Any],
                       classes: dict[str, set[str]]) -> bool:
    if sense.get("prep") != packaged.get("prep") or sense.get("particle") != packaged.get(
        "particle"
    ):
        return False
    if packaged.get("target_kind") or packaged.get("negated"):
        return False
    return all(_overlap(sense.get(key), packaged.get(key), classes)
               for key in ("object", "modifier", "prep_object"))


def _overlap(wanted: list[str] | None, packaged: Any, classes: dict[str, set[str]]) -> bool:
    """Both ask for no words, or for words in common (a packaged ``@class`` is expanded)."""
    words = [packaged] if isinstance(packaged, str) else list(packaged or [])
    have: set[str] = set()
    for word in (str(w).lower() for w in words):
        have |= classes.get(word[1:], set()) if word[:1] == "@" else {word}
    return bool(have & set(wanted)) if wanted else not have


class _Synsets(dict):
    """Synsets by name (``&CURRENCY``: its members), and what reading them has cost.

    ``phrasal`` names those with a phrase of several words among their members (``+SWISS_
    FRANCS``), kept as members are added, so that a pattern is spelled out without walking
    any synset's members. ``spelled`` counts the characters of the patterns read again with a
    phrase in a synset's place, for the file's limit (LIMITS).
    """

    def __init__(self) -> None:
        super().__init__()
        self.phrasal: set[str] = set()
        self.spelled = 0
        self.order: dict[str, int] = {}  # the order of definition, for spelling them out

    def define(self, name: str) -> None:
        self[name] = []
        self.phrasal.discard(name)
        self.order.setdefault(name, len(self.order))

    def add(self, name: str, member: str) -> int:
        """Add a member line's member(s) to synset ``name``; the number added."""
        member = member.strip().rstrip("_")
        if member.startswith("&"):
            # an embedded synset: only one defined earlier, so no recursion or cycles; its
            # members are copied, counted against the file's limit (one copying the synset
            # into itself doubles it)
            other = member.rstrip("_")
            new, phrasal = self.get(other, []), other in self.phrasal
        else:
            new, phrasal = [member], _is_phrase(member)
        self[name].extend(new)
        if phrasal:
            self.phrasal.add(name)
        return len(new)

    def take_spelled(self) -> int:
        spelled, self.spelled = self.spelled, 0
        return spelled


def _is_phrase(member: str) -> bool:
    """A member of several words, put in its synset's place in a pattern. One naming a synset
    (``X_&OTHER``) is none: put in, it would be found again and again."""
    return len(phrase_words(member)) > 1 and "&" not in member


def _both_ways(raw: str) -> bool:
    """``[031:031]``: the event goes both ways with one code ("A and B met")."""
    first, _, second = raw.strip().partition(":")
    return bool(second) and first.strip() == second.strip()


def _valid_code(raw: str, codebook: Any, report: ReadReport, what: str) -> str | None:
    """A CAMEO code the codebook knows, or None (null codes, non-CAMEO codes: counted); of
    ``[a:b]`` the first (the second is ``_answer_code``'s)."""
    code = raw.strip()
    if ":" in code:
        code = code.split(":", 1)[0].strip()
    if code in NULL_CODES:
        return None
    if code not in codebook:
        report.counts[f"{what} codes outside the CAMEO codebook skipped"] += 1
        return None
    return code


def _answer_code(raw: str, code: str | None, codebook: Any, report: ReadReport) -> str | None:
    """The second code of ``[a:b]`` (a != b): TABARI's paired code, the target's answer to the
    source's act, coded from target to source ("A arrived in B": A visits, 032; B hosts the
    visit, 033). ``[a:a]`` is one event both ways instead (``symmetric``). Kept only where the
    first code is kept and the second is CAMEO's; otherwise counted."""
    first, colon, second = raw.strip().partition(":")
    second = second.strip()
    if not colon or second == first.strip():
        return None
    if code is None or second in NULL_CODES or second not in codebook:
        report.counts["second code of [a:b] dropped"] += 1
        return None
    report.counts["codes [a:b] with the target's answer"] += 1
    return second


def _verb_line(line: str, block: _Block, codebook: Any, report: ReadReport,
               number: int) -> list[dict[str, Any]]:
    """A verb of the block: ``HURRY {HURRIES ...}``, ``+BEEF_UP``, ``KLM_+RST [002]``."""
    own = None
    match = _CODE.search(line)
    if match:
        own = _valid_code(match.group(1), codebook, report, "verb")
        line = line[: match.start()]
    if "[" in line or "]" in line:  # "SNUB [111", "SNUB] [111]": no lemma has brackets
        report.problem(number, f"unbalanced brackets in verb line '{line.strip()[:40]}'")
        return []
    head = line.split("{", 1)[0].strip()
    words = phrase_words(head)
    if not words:
        report.problem(number, "verb line without a verb")
        return []
    verb_index = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    lemma = words[verb_index].lstrip("+").lower()
    before, after = words[:verb_index], words[verb_index + 1 :]
    if before or len(after) > 1 or (after and after[0].lower() not in PARTICLES):
        report.counts["multi-word verbs skipped"] += 1
        return []
    particle = after[0].lower() if after else None
    block.verbs.append((lemma, particle, own))
    code = own or (block.code if not match else None)
    if code is None:
        return []
    report.counts["verb senses"] += 1
    symmetric = _both_ways(match.group(1)) if match else block.symmetric
    answer = (_answer_code(match.group(1), own, codebook, report) if match
              else block.answer)
    return [_sense(lemma, code, particle=particle, symmetric=symmetric, answer=answer)]


def _claim_forms(line: str, owners: dict[str, str]) -> None:
    """Record the word forms a verb line writes, its verb and the irregular forms in braces
    (``LEAVE {LEAVES LEAVING LEFT}``), for the verb that writes them first."""
    head, _, braces = _CODE.sub("", line).partition("{")
    lemma = _verb_word(head)
    if not lemma:
        return
    for form in [head, *braces.split("}", 1)[0].split()]:
        word = _verb_word(form)
        if word:
            owners.setdefault(word, lemma)


def _verb_word(phrase: str) -> str:
    """The verb of a verb line's phrase: the word marked ``+`` (``WIRE_+TAP``), else the first."""
    words = phrase_words(phrase)
    return next((w for w in words if w.startswith("+")), words[0] if words else "").lstrip(
        "+").lower()


def _sense(lemma: str, code: str, **fields: Any) -> dict[str, Any]:
    return {"lemma": lemma, "code": code, **{k: v for k, v in fields.items() if v}}


def _pattern_senses(body: str, block: _Block, synsets: _Synsets, codebook: Any,
                    report: ReadReport, number: int,
                    non_events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One pattern line as senses for every verb of its block, when it is expressible."""
    match = _CODE.search(body)
    if not match:
        report.problem(number, f"pattern without a [code]: '-{body.strip()[:40]}'")
        return []
    report.counts["patterns"] += 1
    raw_code = match.group(1).strip()
    if raw_code.split(":", 1)[0].strip() in NULL_CODES:
        group = _non_event(body[: match.start()], block, synsets)
        if isinstance(group, str):
            report.counts[f"patterns skipped: {group}"] += 1
        else:
            report.spend(SENSES, len(group["lemmas"]) + len(group["objects"]), number)
            non_events.append(group)
            report.counts["null-coded patterns: objects that make no event"] += 1
            report.counts["patterns used"] += 1
        return []
    code = _valid_code(raw_code, codebook, report, "pattern")
    if code is None:
        return []
    answer = _answer_code(raw_code, code, codebook, report)
    constructions = _construction(body[: match.start()], synsets)
    if isinstance(constructions, str):
        report.counts[f"patterns skipped: {constructions}"] += 1
        return []
    senses = []
    kinds: set[str] = set()  # what the pattern's constructions have, counted once a pattern
    for construction in constructions:
        dropped = construction.pop("_phrases_dropped", 0)
        if dropped:
            report.counts["synset phrases left out of patterns"] += dropped
        if construction.pop("_modifiers_dropped", 0):
            kinds.add("patterns keeping only the modifier next to the head")
        if _both_ways(raw_code) or construction.get("compound"):
            # "% * [030:030]", and "% HAVE * [191]": a compound actor's members act on each
            # other (TABARI's compound-actor marker), "A and B have delayed" is A's act toward
            # B and B's toward A, as "[a:a]" makes it
            construction["symmetric"] = True
        if answer is not None:
            construction["answer"] = answer
        for key, kind in (("negated", "patterns of the negated verb"),
                          ("prep_object", "patterns with a prepositional object"),
                          ("modifier", "patterns with a modifier of the object"),
                          ("before_words", "patterns with nouns or adverbs before the verb"),
                          ("place", "patterns with a place phrase before the target"),
                          ("reverse", "patterns with the roles reversed (target before the "
                                      "verb, source after it)")):
            if construction.get(key):
                kinds.add(kind)
        for lemma, particle, _own in block.verbs:
            if particle and construction.get("particle"):
                continue  # "+BACK_DOWN" with "* OUT": two particles, no such construction
            fields = {"particle": particle, **construction}
            report.spend(SENSES, 1, number)  # one by one: a block may have any number of verbs
            senses.append(_sense(lemma, code, **fields))
            if particle in PREPOSITION_LIKE_PARTICLES and construction.get("prep_object"):
                # spaCy often makes OUT the preposition of "pulled out of the pact" and OF
                # one under it: what the pattern's preposition governs is reached through it
                through = {k: v for k, v in construction.items()
                           if k not in ("prep", "target_preps")}
                report.spend(SENSES, 1, number)
                senses.append(_sense(lemma, code, prep=particle, **through))
    report.counts.update(kinds)
    report.counts["pattern senses"] += len(senses)
    if senses:
        report.counts["patterns used"] += 1
    return senses


def _non_event(pattern: str, block: _Block, synsets: _Synsets
               ) -> dict[str, Any] | str:
    """A null-coded ``* NOUN [---]`` as a ``non_event_objects`` group: the block's verbs with
    that object are no event ("celebrated the harvest"); or why the pattern is left out."""
    constructions = _construction(pattern, synsets)
    if isinstance(constructions, str) or len(constructions) != 1:
        return "null code (no event)"
    fields = constructions[0]
    fields.pop("_phrases_dropped", None)
    fields.pop("_modifiers_dropped", None)
    # a verb with a particle ("+BACK_DOWN") would stand for every use of its lemma
    lemmas = sorted({lemma for lemma, particle, _own in block.verbs if not particle})
    if set(fields) != {"object"} or not lemmas:
        return "null code (no event)"
    # PETRARCH nulls "praised the withdrawal" and "gained support" where its block code would
    # be wrong; detente codes such an object noun as the event itself (its doer, its
    # recipient), so these stay with detente's tables
    objects = [o for o in fields["object"] if o not in _packaged_event_nouns()]
    if not objects:
        return "null code on an object detente codes as an event"
    return {"lemmas": lemmas, "objects": objects}


@cache
def _packaged_event_nouns() -> frozenset[str]:
    """Nouns detente's own tables code as events or judge as acts ("the withdrawal", "the
    move", "the deal")."""
    table = read_packaged("verbs.yaml")
    nouns = {str(item["lemma"]).lower() for item in table.get("nouns") or []
             if isinstance(item, dict) and "lemma" in item}
    classes = table.get("object_classes") or {}
    for name in ("acts", "agreements"):
        nouns |= {str(w).lower() for w in classes.get(name) or []}
    return frozenset(nouns)


# A phrase in braces holds no brace, one in parentheses no parenthesis (it may hold braces:
# "(FOR {FINANCIAL AID})"): "}" * n + "{" * n was scanned to the end from each "{"
_TOKEN = re.compile(r"\{[^{}]*\}|\([^()]*\)|[^\s{}()]+")
# Words before the verb that only carry tense, aspect or mood: the pattern holds without them
# (``HAVE * OFFENSIVE``); Treebank splits "won't" and "can't" into WO/CA and N'T.
AUXILIARIES = frozenset({"AM", "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "HAVE", "HAS",
                         "HAD", "HAVING", "DO", "DOES", "DID", "WILL", "WO", "WOULD", "SHALL",
                         "SHOULD", "MAY", "MIGHT", "MUST", "CAN", "CA", "COULD"})
NEGATIONS = frozenset({"NOT", "N'T", "NEVER", "NEITHER"})
MODALS = frozenset({"WILL", "WOULD", "SHALL", "SHOULD", "MAY", "MIGHT", "MUST", "CAN", "COULD"})
BE_FORMS = frozenset({"AM", "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING"})
# Words a pattern writes after the verb, without parentheses, that are prepositions; the
# ones that are also particles ("* ON": "called on") give both senses
PREPOSITIONS = frozenset({"about", "against", "at", "between", "by", "for", "from", "in",
                          "into", "of", "on", "onto", "over", "to", "toward", "towards", "upon",
                          "with", "within", "without", "through", "across", "along", "around",
                          "under", "during", "after", "before", "behind", "among", "amid",
                          "despite", "as", "near", "beyond", "until", "since", "via",
                          "throughout", "inside", "outside", "above", "below", "beneath"})
DETERMINERS = frozenset({"the", "a", "an"})
# Particles spaCy may parse as the preposition itself ("pulled out of", "broke off from")
PREPOSITION_LIKE_PARTICLES = frozenset({"out", "off", "up", "down"}) | (PARTICLES & PREPOSITIONS)


def _words(text: str, synsets: Mapping[str, list[str]]) -> list[str]:
    """A pattern part's tokens: "TO_LET_ESCAPE" is three consecutive words; a synset name,
    a phrase in braces and a prepositional phrase stay whole."""
    tokens = []
    for token in _TOKEN.findall(text):
        if token[0] == "&" and token.rstrip("_") not in synsets and "_" in token.strip("_"):
            # "&NEGATVAUXVRB_WANT": a synset glued to the next word
            name, *rest = token.split("_")
            tokens.extend([name, *(w for w in rest if w)])
        else:
            tokens.extend([token] if token[0] in "&{(" else [w for w in token.split("_") if w])
    return tokens


def _construction(pattern: str, synsets: _Synsets) -> list[dict[str, Any]] | str:
    """The Sense fields a pattern's words ask for (one set, or several where a word may be a
    preposition or a particle, a synset stands for several prepositions or a synset has
    phrases among its words), or the reason it cannot be expressed."""
    if pattern.count("{") != pattern.count("}") or pattern.count("(") != pattern.count(")"):
        return "unbalanced braces"
    if "[" in pattern or "]" in pattern:  # "* FOO] [111]": the code is cut off already
        return "unbalanced brackets"
    # glued forms: "IN_*" (words right before the verb), "*_OUT" (right after it)
    pattern = re.sub(r"_?\*_?", lambda m: " * ", pattern, count=1)
    if "*" not in pattern:
        return "no verb position (*)"
    before, after = pattern.split("*", 1)
    variants = _synset_variants(after, synsets)
    if isinstance(variants, str):
        return variants
    found: list[dict[str, Any]] = []
    reasons, dropped = [], 0
    for text, local, phrase in variants:
        one = _one_construction(before, text, synsets, local)
        if isinstance(one, str):
            reasons.append(one)
            dropped += phrase
            continue
        found.extend(c for c in one if c not in found)
    if not found:
        return reasons[0]
    if dropped:
        found[0]["_phrases_dropped"] = found[0].get("_phrases_dropped", 0) + dropped
    return found


# Synsets of phrases one pattern may name: each is spelled out with each of the others'
# phrases. The dictionaries in use name at most two ("{&MILITARY &AIRCRAFT}").
MAX_PHRASAL_SYNSETS = 4
Variant = tuple[str, Mapping[str, list[str]], bool]


def _synset_variants(text: str, synsets: _Synsets, limit: int = 64) -> list[Variant] | str:
    """The words after the verb once each synset with phrases among its members is spelled
    out: (text, synsets, whether a phrase was put in); or why the pattern is left out.

    A synset stands for each of its members, and a member may be a phrase of consecutive
    words (``+SWISS_FRANCS``): the pattern is read once with the synset's single words and
    once with each phrase in the synset's place (``* &COINS`` -> ``* SWISS_FRANCS``: the head
    and its modifier), as if each had been written out. At most ``limit`` readings are made
    (the spelling stops there, it does not make them all first: six synsets of 60 phrases
    were 60^6 readings), and their length counts against the file's limit (``spelled``).
    """
    names = _phrasal_synsets_in(text, synsets)
    if len(names) > MAX_PHRASAL_SYNSETS:
        return f"more than {MAX_PHRASAL_SYNSETS} synsets of phrases"
    variants = _spelled(text, synsets, names, {}, limit)
    # a reading costs about what reading 75 more characters does (35 us for 40 characters)
    synsets.spelled += (len(text) + 75) * (len(variants) - 1)
    return variants


def _spelled(text: str, synsets: _Synsets, names: list[str],
             singles_only: dict[str, list[str]], limit: int) -> list[Variant]:
    """``_synset_variants`` for the synsets ``names`` (longest first; each one read takes the
    ones after it along); ``singles_only``: the synsets read with their single words only."""
    for index, name in enumerate(names):
        place = re.compile(r"(?<![A-Za-z0-9&])" + re.escape(name) + r"(?![A-Za-z0-9])")
        if not place.search(text):  # another name's phrase took its place
            continue
        members, rest = synsets[name], names[index + 1:]
        singles = [m for m in members if len(phrase_words(m)) == 1]
        variants: list[Variant] = []
        if singles:
            variants += _spelled(text, synsets, rest, {**singles_only, name: singles}, limit)
        for phrase in (m for m in members if _is_phrase(m)):
            if len(variants) >= limit:
                break
            spelled = place.sub(lambda m, p=phrase: "_".join(phrase_words(p)), text)
            variants += [(t, local, True) for t, local, _ in
                         _spelled(spelled, synsets, rest, singles_only, limit - len(variants))]
        return variants[:limit]
    return [(text, ChainMap(singles_only, synsets) if singles_only else synsets, False)]


_SYNSET_RUN = re.compile(r"&[^\s{}()]*")


def _phrasal_synsets_in(text: str, synsets: _Synsets) -> list[str]:
    """The synsets with phrases that ``text`` names, longest name first. A name stands where
    no letter, digit or "&" is before it and no letter or digit after it (``&COINS``, ``(OF
    &COINS)``, ``&COINS_``): each run from an "&" is cut where such a name may end, so that
    the cost is the text's length, not that times the number of synsets."""
    if not synsets.phrasal:
        return []
    found: set[str] = set()
    for run in _SYNSET_RUN.finditer(text):
        start, word = run.start(), run.group()
        if start and (text[start - 1] == "&" or _letter_or_digit(text[start - 1])):
            continue
        for end in range(1, len(word) + 1):
            if (end == len(word) or not _letter_or_digit(word[end])) and (
                    word[:end] in synsets.phrasal):
                found.add(word[:end])
    return sorted(found, key=lambda name: (-len(name), synsets.order[name]))


def _letter_or_digit(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _one_construction(before: str, after: str, synsets: Mapping[str, list[str]],
                      local: Mapping[str, list[str]]) -> list[dict[str, Any]] | str:
    """The constructions of one spelling of a pattern (``local``: the synsets after the verb
    as ``_synset_variants`` left them)."""
    fields: dict[str, Any] = {}
    before_words = _words(before, synsets)
    for token in before_words:
        reason = _pre_token(token, fields, synsets)
        if reason:
            return reason
    modals = fields.pop("_modals", [])
    if fields.get("before_words"):
        # "INDICATED SHOULD *" and "INDICATED WOULD * NOW" are two patterns: beside other
        # words before the verb, a modal is one of them (alone, "WILL *", it changes nothing)
        fields["before_words"] = fields["before_words"] + modals
    reason = _after_verb(_words(after, local), fields, local) or _roles(fields)
    if reason:
        return reason
    if before_words and not fields:
        # "$ HAVE *" reduced to the bare verb: the block's code stays its code
        return "auxiliaries or markers before the bare verb"
    choices = fields.pop("_prep_choices", None)
    if choices:
        # one construction per preposition of the synset; a target marker after it ("* &PREP
        # +") names each one's object
        marked = fields.get("target_preps") == [fields["prep"]]
        return [{**fields, "prep": prep, **({"target_preps": [prep]} if marked else {})}
                for prep in choices]
    if fields.pop("_or_particle", False):
        as_particle = {k: v for k, v in fields.items() if k != "prep"}
        return [fields, {**as_particle, "particle": fields["prep"]}]
    return [fields]


def _preposition_synset(token: str, synsets: Mapping[str, list[str]]) -> list[str]:
    """The prepositions a synset of prepositions stands for (``&PREPOSIT1``: AGAINST, IN, ON,
    ...), in its order; empty for any other token or synset."""
    if not token.startswith("&"):
        return []
    members = [m.lower() for m in synsets.get(token.rstrip("_")) or []]
    if not members or any(m not in PREPOSITIONS for m in members):
        return []
    return list(dict.fromkeys(members))


def _roles(fields: dict[str, Any]) -> str:
    """Read the source and target markers around the verb into ``fields``.

    A target before the verb and the source after it (``+ * MONEY $``, ``+ * PLEDGE FROM $``)
    reverse the roles (``reverse``: "Gondor received money from Arnor" is Arnor's act); a
    target before a passive verb (``+ WAS_ *``), and its source in the by-phrase (``+ WAS_ *
    BY $``), are where detente finds them anyway.
    """
    target_before = fields.pop("_target_before", False)
    passive = fields.pop("_be", False) and target_before
    source_after = fields.pop("_source_after", False)
    source_prep = fields.pop("_source_prep", None)
    skipped = fields.pop("_skipped_prep", None)
    target_after = fields.pop("_target_after", False)
    fields.pop("_marked_target", None)
    if passive and source_prep == "by" and fields.get("prep") == "by" and not (
            {"prep_object", "target_preps"} & set(fields)):
        # "+ WAS_ * BY $": the passive's agent, where detente finds the source anyway
        del fields["prep"]
        source_prep = None
    if source_after or source_prep:
        if not target_before or passive:
            return "source after the verb"
        fields["reverse"] = True
        if source_prep is not None and source_prep != fields.get("prep"):
            return "several prepositions"
    elif target_before and not passive:
        return "target or skipped phrase before the verb"
    if skipped is not None and target_after:
        if fields.get("prep") != skipped or {"_prep_choices", "prep_object", "target_preps"} & (
                set(fields)):
            return "target after a skipped prepositional phrase"
        # "* IFTAR AT ^ ^ +": a phrase of any object says where the act took place, and the
        # target comes after it: the phrase must be there (``place``), but its object is not
        # the target, whom detente finds as for any sense
        fields["place"] = fields.pop("prep")
    return ""


def _negation_phrase(phrase: str) -> bool:
    """"WILL NOT", "DID N'T", "REALLY DID NOT": a negation with auxiliaries (and adverbs)."""
    words = [w.upper() for w in phrase_words(phrase)]
    return bool(set(words) & NEGATIONS) and all(
        w in NEGATIONS or w in AUXILIARIES or w.endswith("LY") for w in words)


def _pre_token(token: str, fields: dict[str, Any], synsets: Mapping[str, list[str]]) -> str:
    """One word before the verb: an auxiliary or the source marker changes nothing, a negation
    makes the sense the verb's negation; anything else cannot be expressed."""
    if token == "$":
        return ""  # the source before the verb: its usual place
    if token == "%":
        fields["compound"] = True  # "% * [030:030]": only when the subject is "A and B"
        return ""
    if token == "+":
        fields["_target_before"] = True  # "+ * MONEY $", "+ WAS_ *": read with what follows
        return ""
    if token.startswith("+") or token.startswith("^"):
        return "target or skipped phrase before the verb"
    if token.startswith("&"):
        members = synsets.get(token.rstrip("_"))
        if members is None:
            return "undefined synsets"
        if members and all(_negation_phrase(m) for m in members):
            fields["negated"] = True
            return ""
        return "words before the verb"
    word = token.upper()
    if word in AUXILIARIES:
        if word in BE_FORMS:
            fields["_be"] = True  # "+ WAS_ *": a passive, whose subject is its target
        elif word in MODALS:
            fields.setdefault("_modals", []).append(word.lower())
        return ""
    if word in NEGATIONS:
        fields["negated"] = True
        return ""
    if word.lower() in PREPOSITIONS or word in NOT_NOUNS or not _PRE_VERB_NOUN.fullmatch(word):
        # "CALL FOR *", "IN_*", "ANTI- + *": a pre-verb prepositional phrase, which PETRARCH
        # looks for among the verb phrase's own (detente has no field for it)
        return "words before the verb"
    # "[Pre-Verb Nouns] * ..." (dictionaries.rst, "Patterns"): PETRARCH2 matches each against
    # the heads of the phrases beside the verb phrase in its clause, its subject's head and an
    # adverb before it ("CURFEW *", "HEAVILY UNJUSTLY *"); a governing verb written there
    # ("SAID *", TABARI's reading) is such a head as rarely in detente as in PETRARCH2
    fields.setdefault("before_words", []).append(word.lower())
    return ""


# A word before the verb that may be a noun or an adverb: letters, inner hyphens, apostrophes
_PRE_VERB_NOUN = re.compile(r"[A-Z](?:[A-Z'-]*[A-Z])?")


def _after_verb(tokens: list[str], fields: dict[str, Any], synsets: Mapping[str, list[str]]) -> str:
    """Read the words after the verb into ``fields``; a non-empty result is why they cannot be.

    A run of nouns is a noun phrase whose last word is its head ("TRADE PROTOCOL": a protocol
    of trade), as PETRARCH's ``{FINANCIAL AID}`` is: the head is the object (``object``) and
    one word before it the object's modifier (``modifier``). A preposition, bare (``* FROM
    TREATY``) or in parentheses (``* (FOR AID)``), ends the object's phrase, and the phrase
    after it is what the preposition governs (``prep_object``)."""
    phrase: list[str] = []  # the noun phrase being read: words, synsets, phrases in braces
    tokens = _without_any_place(tokens)

    def close() -> str:
        if not phrase:
            return ""
        slot = "prep_object" if "prep" in fields else "object"
        if slot == "object" and fields.get("_marked_target"):
            return "several nouns"  # "$ * + HELD": a word after the target, not its object
        reason = _noun_phrase(list(phrase), slot, fields, synsets)
        phrase.clear()
        return reason

    after_prep = False  # the last token read was the sense's preposition
    for index, token in enumerate(tokens):
        last = index == len(tokens) - 1
        just_after_prep, after_prep = after_prep, False
        if token in ("+", "%", "$", "^"):
            if token == "^" and all(w.upper() in POSSESSIVES for w in phrase):
                phrase.clear()  # "* THEIR ^ ABOUT +": their anything
            reason = close() or _marker_after_verb(token, fields, just_after_prep)
            if reason:
                return reason
            continue
        if token.startswith(("$", "%", "^", "+")):
            return "source/target markers"
        if token.startswith("("):
            reason = close() or _prep_phrase(token, fields, synsets)
            if reason:
                return reason
            continue
        choices = _preposition_synset(token, synsets)
        if choices:
            # "* &PREPOSIT1 RESOLUTION": a synset of prepositions stands for any of them; a
            # sense has one preposition, so each gives its own
            reason = close()
            if reason:
                return reason
            if "prep" in fields:
                return "several prepositions"
            fields["prep"] = choices[0]
            fields["_prep_choices"] = choices
            after_prep = True
            continue
        if token.startswith(("{", "&")):
            phrase.append(token)
            continue
        word = token.lower()
        if word in DETERMINERS and not last:
            continue  # "* THE UPKEEP": the object's article
        if word in PREPOSITIONS:
            # "* WITH %", "* DOWN FROM", "*_UPON", "* FROM TREATY"; a last word that may also
            # be a particle ("*_ON": "called on Gondor" or "called it on") gives both senses
            reason = close()
            if reason:
                return reason
            if "prep" in fields:
                return "several prepositions"
            fields["prep"] = word
            if word in PARTICLES and last and "particle" not in fields:
                fields["_or_particle"] = True
            after_prep = True
            continue
        if word in PARTICLES and "particle" not in fields and "prep" not in fields:
            # "* DOWN", "* MINISTER OUT"
            reason = close()
            if reason:
                return reason
            fields["particle"] = word
            continue
        phrase.append(token)
    return close()


# Words that may stand before a skipped object (``* THEIR ^ ABOUT +``: their anything)
POSSESSIVES = frozenset({"THEIR", "ITS", "HIS", "HER", "OUR", "MY", "YOUR", "THE", "A", "AN"})


def _marker_after_verb(token: str, fields: dict[str, Any], after_prep: bool) -> str:
    """A source (``$``), target (``+``), compound (``%``) or skipped-phrase (``^``) marker
    after the verb, read into ``fields``; a non-empty result is why it cannot be."""
    if after_prep:
        prep = fields["prep"]
        if token in ("+", "%"):
            fields["target_preps"] = [prep]  # "* WITH %", "* ABOUT +": its object
        elif token == "$":
            fields["_source_prep"] = prep  # "+ * PLEDGE FROM $": its object is the source
        else:
            fields["_skipped_prep"] = prep  # "* AT ^ +": any object, not the target
        fields.pop("_or_particle", None)
        return ""
    if token == "%":
        return "source/target markers"  # a compound actor after the verb
    if token == "$":
        fields["_source_after"] = True  # "+ * MONEY $": the source follows
    elif token == "+" and "_skipped_prep" in fields:
        fields["_target_after"] = True  # "* IFTAR IN ^ +": after a phrase of any object
    elif token == "+":
        fields["_marked_target"] = True  # "* + IN DETENTION": the object, where detente looks
    # "^" right after the verb is an object, whatever it is; after anything else, one more
    # phrase skipped: neither asks anything of the sense
    return ""


def _without_any_place(tokens: list[str]) -> list[str]:
    """``* TALKS (IN ^) (WITH)``, ``* EID AT ^ WITH +``: a prepositional phrase whose object may
    be anything (``^``) only says where or from where; beside another preposition, which the
    sense needs, it is left out (a sense has one preposition)."""
    kept, dropped, index = [], False, 0
    while index < len(tokens):
        token = tokens[index]
        if token.startswith("(") and phrase_words(token[1:-1])[1:] == ["^"]:
            dropped, index = True, index + 1
        elif token.lower() in PREPOSITIONS and tokens[index + 1 : index + 2] == ["^"]:
            dropped, index = True, index + 2
        else:
            kept.append(token)
            index += 1
    other_prep = any(t.startswith("(") or t.lower() in PREPOSITIONS for t in kept)
    return kept if dropped and other_prep else tokens


def _prep_phrase(token: str, fields: dict[str, Any], synsets: Mapping[str, list[str]]) -> str:
    """``(FOR)``, ``(FROM +)``, ``(FROM ^)`` (any phrase), ``(FOR AID)``, ``(OF &TREATY)``,
    ``(BY/WITH GRENADE)`` (either preposition)."""
    if "prep" in fields:
        return "several prepositional phrases"
    inner = _words(token[1:-1], synsets)
    choices = [p.lower() for p in inner[0].split("/")] if inner else []
    if len(choices) > 1 and all(p in PREPOSITIONS for p in choices):
        # "(BY/WITH GRENADE)": either preposition, one sense for each (as a synset of them)
        fields["_prep_choices"] = list(dict.fromkeys(choices))
        inner = [choices[0], *inner[1:]]
    if not inner or not inner[0].isalpha():
        return "missing prepositions"  # "(a b ATTACK)", "(/WITH X)"
    prep, rest = inner[0].lower(), inner[1:]
    fields["prep"] = prep
    if rest in ([], ["^"]):
        return ""
    if rest in (["+"], ["%"]):
        fields["target_preps"] = [prep]
        return ""
    if rest == ["$"]:
        fields["_source_prep"] = prep  # "+ * (FROM $)": its object is the source
        return ""
    if any(t.startswith(("$", "%", "^", "+")) for t in rest):
        return "source/target markers"
    rest = [t for t in rest[:-1] if t.lower() not in DETERMINERS] + rest[-1:]  # "(TO A VOTE)"
    return _noun_phrase(rest, "prep_object", fields, synsets)


# Words that are neither a noun phrase's head nor a modifier spaCy attaches to it (amod or
# compound): a pattern with one of them among its nouns is about something else ("* WOULD
# VISIT", "* NO EVIDENCE", "* POLICY WAS")
NOT_NOUNS = AUXILIARIES | NEGATIONS | frozenset({
    "NO", "ONLY", "REALLY", "VERY", "AND", "OR", "BUT", "THAT", "THIS", "THESE", "THOSE", "EACH",
    "OUR", "THEIR", "ITS", "HIS", "HER", "MY", "YOUR", "OWN", "BE", "TO"})


def _noun_phrase(words: list[str], slot: str, fields: dict[str, Any],
                 synsets: Mapping[str, list[str]]) -> str:
    """A noun phrase's head as ``slot`` (``object`` or ``prep_object``) and, for an object,
    one modifier; or why it cannot be one."""
    flat: list[str] = []
    for word in words:  # "{FINANCIAL AID}": the braces only group the phrase
        flat.extend(_words(word[1:-1], synsets) if word.startswith("{") else [word])
    flat = [w for w in flat[:-1] if w.lower() not in DETERMINERS] + flat[-1:]
    if not flat:
        return ""
    if slot in fields:
        return "several nouns"
    if any(not w.startswith("&") and (w.upper() in NOT_NOUNS or not re.search(r"[A-Za-z]", w))
           for w in flat):
        return "several nouns"
    *modifiers, head = flat
    if slot == "prep_object" and modifiers:
        # the coder asks for modifiers of the verb's object only
        return "modifiers of a prepositional object"
    if len(modifiers) > 1:
        # "{JOINT BORDER PATROLS}": the coder asks for one modifier; the one next to the head
        # is kept ("border patrols") and the others are counted
        fields["_modifiers_dropped"] = len(modifiers) - 1
        modifiers = modifiers[-1:]
    for key, word in [(slot, head)] + [("modifier", m) for m in modifiers]:
        forms = _word_forms(word, fields, synsets, gerund=slot == "prep_object")
        if isinstance(forms, str):
            return forms
        fields[key] = forms
    return ""


def _word_forms(word: str, fields: dict[str, Any], synsets: Mapping[str, list[str]],
                gerund: bool = False) -> list[str] | str:
    """The lemmas a pattern word (or a synset's single words) may have in spaCy's parse."""
    if word.startswith("&"):
        members = synsets.get(word.rstrip("_"))
        if members is None:
            return "undefined synsets"
        # a member phrase ("SWISS FRANCS") would need its own modifier: the pattern keeps the
        # single words and the phrases are counted
        words = [m for m in members if len(phrase_words(m)) == 1]
        if not words:
            return "synsets of phrases only"
        fields["_phrases_dropped"] = fields.get("_phrases_dropped", 0) + len(members) - len(
            words)
    else:
        words = [word]
    if any(w.startswith("@") for w in words):
        # detente reads "@name" as one of its object classes: the lexicon refused the run
        return "words starting with @"
    forms = {f for w in words for f in (w.lower(), singular(w))}
    if gerund:  # "charged with inciting": the preposition governs a verb, lemma "incite"
        forms |= {f for w in words for f in gerund_lemmas(w)}
    return sorted(forms)


# ---- actors --------------------------------------------------------------------------------
@dataclass
class _Actor:
    line: int
    names: list[str]
    code: str | None  # the undated code, if any
    roles: list[tuple[str | None, dt.date | None, dt.date | None, list[str]]] = field(
        default_factory=list)
    also: list[str] = field(default_factory=list)  # the undated codes after the first
    refused_roles: int = 0  # dated roles skipped as problems (a bad date, code or bracket)


def read_actors(text: str, where: str) -> tuple[dict[str, Any], ReadReport]:
    """Actor entries (phrase, ``+synonyms``, dated ``[CODE a-b]`` roles) as extension sections."""
    report = ReadReport(where, ACTORS)
    entries: list[_Actor] = []
    for number, line in _lines(text, report):
        line = line.split(";", 1)[0]
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("["):
            _restriction(entries, stripped, report, number)
            continue
        dated = _dated_groups(stripped)
        phrase, codes, ok = _phrase_and_code(stripped.lstrip("+"), report, number,
                                             first_code=not dated)
        if not ok:
            continue
        code = codes[0] if codes else None
        if bad := next((c for c in codes if _not_a_code(c)), None):
            report.problem(number, f"actor code '{bad[:20]}' of '{phrase[:40]}' is no code "
                           "(letters and digits, as USA or IGOUNO); the entry is skipped")
            continue
        if stripped.startswith("+"):
            if not entries:
                report.problem(number, f"synonym '{phrase}' before any actor")
                continue
            entries[-1].names.append(phrase)
        else:
            entries.append(_Actor(number, [phrase], code, also=codes[1:]))
            # "ARMENIA_ [USRARM <900823] [ARM >911221]": the roles on the name's own line, as
            # each on a line of its own (the first code had been kept, undated, for ever)
            for group in dated:
                _restriction(entries, group, report, number)
    _one_actor_per_name(entries, report)
    sections: dict[str, Any] = {"countries": [], "igos": [], "groups": [], "stateless": [],
                                "people": []}
    for entry in entries:
        _actor_sections(entry, sections, report)
    return sections, report


AGAIN = "names given another code again: the first kept"
UNCODED_AGAIN = "names with no code that another entry codes: the code kept"


def _one_actor_per_name(entries: list[_Actor], report: ReadReport) -> None:
    """Leave each name that several undated entries give to one of them: the first that codes
    it, as PETRARCH's matcher takes the first of equally long phrases; an entry that gives it
    no code (or a null one) never hides one that does. The lexicon loads its sections one
    after another (countries, IGOs, groups, then phrases naming no actor), so the section had
    decided: in Phoenix.International.actors.txt "U.N._" without a code (line 22) hid "U.N.
    [IGOUNO]" (line 110), and a run with that file lost every U.N. event without a word. A
    name given another code again is counted and named; people (dated roles) keep their own
    index and are left as they are."""
    def key(phrase: str) -> str:
        return " ".join(phrase_words(phrase)).upper()

    undated = [entry for entry in entries if not entry.roles]
    owner: dict[str, _Actor] = {}
    for entry in undated:
        for phrase in entry.names:
            first = owner.get(key(phrase))
            if first is None or (_actor_code(first.code) is None
                                 and _actor_code(entry.code) is not None):
                owner[key(phrase)] = entry
    for entry in undated:
        kept = []
        for phrase in entry.names:
            first = owner[key(phrase)]
            if first is entry:
                kept.append(phrase)
            elif _actor_code(entry.code) is None:
                report.counts[UNCODED_AGAIN] += 1
            elif _actor_code(entry.code) != _actor_code(first.code):
                report.counts[AGAIN] += 1
                report.problems.append(
                    f"{report.path}:{entry.line}: '{phrase[:40]}' is coded "
                    f"{_actor_code(first.code)} at line {first.line}; this entry's "
                    f"{_actor_code(entry.code)} is left out (PETRARCH takes the first)")
        entry.names = kept


def _actor_code(code: str | None) -> str | None:
    """An entry's code, None for none or a null code (both name no actor)."""
    return None if code is None or code in NULL_CODES else code.upper()


def _not_a_code(code: str) -> bool:
    """Whether an actor code is neither a null code ("---") nor letters and digits after a
    letter (NGOCHRPRO214); "!!!" and "12" had become states of those codes."""
    return code not in NULL_CODES and re.fullmatch(r"[A-Z][A-Z0-9]+", code) is None


def _dated_groups(line: str) -> list[str]:
    """The bracketed codes after an actor's name when they give it dated roles (one of them
    with a date: "[USRARM <900823] [ARM >911221]", "[ARM] [USR <911221]", the undated one
    its default), each as "[...]"; [] when none has a date: the first code is the name's
    (several undated ones are counted, as before)."""
    if line.startswith(("+", "[")):
        return []
    groups = [m.group(0) for m in _CODE.finditer(line)]
    if any((parts := _DATE_RESTRICTION.match(g[1:-1].strip())) is not None
           and (parts.group("op") or parts.group("start")) for g in groups):
        return groups
    return []


def _phrase_and_code(text: str, report: ReadReport, number: int, first_code: bool = True
                     ) -> tuple[str, list[str], bool]:
    """The phrase and the codes of its first bracket (several: a compound actor)."""
    match = _CODE.search(text)
    phrase = text if match is None else text[: match.start()]
    if "[" in phrase or "]" in phrase:  # "]] [ATL]", "X [FOO [ATL]": no name has brackets
        report.problem(number, f"unbalanced brackets in '{text[:40]}'")
        return "", [], False
    if match is None or not first_code:
        return phrase.strip(), [], True
    return phrase.strip(), _codes(match.group(1), report, number), True


def _restriction(entries: list[_Actor], text: str, report: ReadReport, number: int) -> None:
    """``[CODE <date]``, ``[CODE >date]``, ``[CODE a-b]`` or ``[CODE]`` after an actor."""
    if not entries:
        report.problem(number, f"bad date restriction '{text[:40]}'")
        return
    if not _read_role(entries[-1], text, report, number):
        entries[-1].refused_roles += 1


def _read_role(entry: _Actor, text: str, report: ReadReport, number: int) -> bool:
    """Give ``entry`` the role or default code ``text`` writes; False (a problem of
    ``report``) when it cannot be read."""
    match = _CODE.match(text)
    parts = _DATE_RESTRICTION.match(match.group(1).strip()) if match else None
    if parts is None:
        report.problem(number, f"bad date restriction '{text[:40]}'")
        return False
    codes = _codes(parts.group("code") or "", report, number) or [""]
    code, also = codes[0] or None, codes[1:]
    if bad := next((c for c in [code or "", *also] if c and _not_a_code(c)), None):
        report.problem(number, f"actor code '{bad[:20]}' in '{text[:40]}' is no code (letters "
                       "and digits, as USA or IGOUNO); the role is skipped")
        return False
    try:
        if parts.group("op") == "<":
            span = (None, parse_date(parts.group("one")))
        elif parts.group("op") == ">":
            span = (parse_date(parts.group("one")), None)
        elif parts.group("start"):
            span = (parse_date(parts.group("start")), parse_date(parts.group("end")))
            if span[0] > span[1]:  # a role held on no day at all
                raise ValueError(f"it ends ({span[1]}) before it starts ({span[0]})")
        else:
            entry.code = code  # "[CODE]" alone: the default
            entry.also = also
            return True
    except ValueError as exc:
        report.problem(number, f"bad date in '{text[:40]}' ({exc})")
        return False
    entry.roles.append((code, *span, also))
    return True


ROLES_REFUSED = "names whose every dated role was refused, left out"


def _actor_sections(entry: _Actor, sections: dict[str, Any], report: ReadReport) -> None:
    names = [v for phrase in entry.names for v in name_variants(phrase)]
    if not names:
        return
    if entry.refused_roles and not entry.roles and entry.code is None:
        # its roles were problems, each a line: kept, the name would name no actor, and a
        # user's name wins over the packaged tables ("PERU [PER 991399-000000]" coded no Peru)
        report.counts[ROLES_REFUSED] += 1
        return
    report.spend(ACTOR_NAMES, len(names), entry.line)
    report.spend(NAME_WORDS, sum(name_words(name) for name in names), entry.line)
    if entry.roles:
        sections["people"].append(_person(entry, names))
        report.counts["people with dated roles"] += 1
        if entry.also or any(role[3] for role in entry.roles):
            report.counts[SEVERAL_CODES] += 1
        return
    code = entry.code
    if code is None or code in NULL_CODES:
        sections["stateless"].append({"names": names})
        report.counts["phrases naming no actor"] += 1
        return
    kind, country, sector = split_code(code)
    # "[FRO/BIL/SAM]": the codes after the first are actors too, each coded the event
    also = {"also": _also(entry.also)} if entry.also else {}
    if also:
        report.counts[SEVERAL_CODES] += 1
    if kind == "igo":
        sections["igos"].append({"code": country, "names": names, "sector": sector, **also})
    elif kind == "country":
        sections["countries"].append({"code": country, "names": names, **also})
    else:
        sections["groups"].append({"names": names, "country": country, "sector": sector,
                                   **also})
    report.counts[f"{kind} entries"] += 1


def _person(entry: _Actor, names: list[str]) -> dict[str, Any]:
    country, sector = _country_sector(entry.code)
    terms = []
    for code, start, end, also in entry.roles:
        # a null-coded term ("[--- <950630]") is explicitly no actor: country ""
        term_country, term_sector = _country_sector(code)
        term_country = term_country or ""
        terms.append({"role": code or "", "from": start, "to": end,
                      "country": term_country, "sector": term_sector,
                      **({"also": _also(also)} if also and term_country else {})})
    # the people index is case-insensitive: one spelling of each name is enough
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(name.lower(), name)
    unique = list(unique.values())
    return {"name": unique[0], "aliases": unique[1:], "country": country, "sector": sector,
            "terms": terms, **({"also": _also(entry.also)} if entry.also and country else {})}


def _country_sector(code: str | None) -> tuple[str | None, str | None]:
    """A code as it reads in an actor code: country part and the rest (``IGOUNO`` stays)."""
    if code is None or code in NULL_CODES:
        return None, None
    code = code.upper()
    if code.startswith("IGO") and len(code) >= 6:
        return igo_code(code[3:]), None  # as people.yaml codes IGO officials: UNO, NAT
    return code[:3], code[3:] or None


# ---- agents --------------------------------------------------------------------------------
def read_agents(text: str, where: str) -> tuple[dict[str, Any], ReadReport]:
    """Agent nouns (``FOREIGN_MINISTER [~GOVFRM]``) as detente agent words with a sector."""
    report = ReadReport(where, AGENTS)
    substitutions: dict[str, list[str]] = {}
    by_sector: dict[tuple[str, bool], list[str]] = {}
    for number, line in _lines(text, report):
        stripped = line.strip()
        marker = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", stripped)
        if marker:
            substitutions[marker.group(1)] = [w.strip() for w in marker.group(2).split(",")]
            continue
        match = _CODE.search(stripped)
        if match is None:
            report.problem(number, f"agent without a [~CODE]: '{stripped[:40]}'")
            continue
        code = match.group(1).replace(" ", "")
        prefix = re.fullmatch(r"[A-Za-z]+~", code) is not None
        if prefix:  # "[NGO~]": the code goes before the actor's (NGOARN)
            code = "~" + code[:-1]
        if not re.fullmatch(r"~[A-Za-z]+", code):
            # "[~~MIL]", "[~C-O-P]", "[~]": letters only, or the sector is no sector
            report.problem(number, f"agent code '{code}' is not of the form ~CODE")
            continue
        phrase = stripped[: match.start()]
        if unknown := sorted(set(re.findall(r"![A-Z]+!", phrase)) - substitutions.keys()):
            # its words would keep the marker and be dropped without a word
            report.problem(number, f"{', '.join(unknown)} in '{phrase.strip()[:40]}' is "
                                   "defined nowhere before it")
            continue
        words = _agent_words(phrase, substitutions)
        report.spend(AGENT_WORDS, len(words), number)
        by_sector.setdefault((code[1:].upper(), prefix), []).extend(words)
        report.counts[PREFIX_AGENT_WORDS if prefix else "agent words"] += len(words)
    agents = [{"words": sorted(set(words)), "sector": sector, **({"prefix": True} if prefix
                                                                   else {})}
              for (sector, prefix), words in by_sector.items()]
    return {"agents": agents}, report


PREFIX_AGENT_WORDS = "prefix agent words (CODE~: the code before the actor's)"


def _agent_words(text: str, substitutions: dict[str, list[str]]) -> list[str]:
    """The phrase and its irregular plurals, with ``!MARKER!`` expanded (one marker level)."""
    phrase, _, plural = text.partition("{")
    forms = [phrase] + [p for p in plural.rstrip("} ").split() if p]
    words = []
    for form in forms:
        marker = re.search(r"![A-Z]+!", form)
        expansions = [form]
        if marker and marker.group(0) in substitutions:
            expansions = [form.replace(marker.group(0), sub)
                          for sub in substitutions[marker.group(0)]]
        words.extend(" ".join(phrase_words(e)).lower() for e in expansions)
    return [w for w in words if w and "!" not in w]


# ---- discards ------------------------------------------------------------------------------
def read_discards(text: str, where: str) -> tuple[dict[str, Any], ReadReport]:
    """Discard lists void sentences in PETRARCH; detente has no such filter: counted only."""
    report = ReadReport(where, DISCARDS)
    report.counts["discard phrases not used"] = sum(1 for _ in _lines(text, report))
    return {}, report
