"""Checking a user's YAML dictionary before anything is built from it.

The lexicons read an extension's entries as the packaged tables are written and trust them:
a name list given as a number (``names: 7``), a list where a word belongs (``sector: [COP]``)
or a number where text belongs (``title: 5``) stopped `detente code` and `ingest` with a
Python traceback, and the errors they did raise named the section but not the file. Here
every section a dictionary may extend is checked against the form of the packaged tables, and
the first fault is one line naming the file, the section and the entry. Keys an entry does
not need are left alone, so a table that gains a field does not break older dictionaries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from detente.actors.lexicon import MAX_ACTOR_NAMES, MAX_NAME_CHARS, MAX_NAME_WORDS, name_words
from detente.cleantext import first_control
from detente.datafiles import DictionaryError

# An actor's code (ISO or IGO letters: "code: ' '" had given events a blank code) and a sector's,
# in capitals as every table writes them: "code: zrl" was stored as written, and the queries,
# which read codes in capitals, never found it (`events --actor zrl`, `plot --dyad zrl-PER`);
# a sector "reb" made the actor CHLreb
ACTOR_CODE = re.compile(r"[A-Z][A-Z0-9]+")
SECTOR_CODE = re.compile(r"[A-Z][A-Z0-9]*")


def _is_code(value: Any, shape: re.Pattern[str] = ACTOR_CODE, none_ok: bool = False) -> bool:
    """Whether ``value`` is a code of this shape (or, ``none_ok``, None or "": no code)."""
    if none_ok and value in (None, ""):
        return True
    return isinstance(value, str) and shape.fullmatch(value) is not None


def _is_word(value: Any) -> bool:
    return isinstance(value, str) and _word_problem(value) is None


def _word_problem(word: str) -> str | None:
    """Why a name or word of a list can match no text, or None: a blank one, or one holding a
    control character (an article's text holds none: each is read as a space), which had
    been taken in silently, as a PETRARCH line's was until session 39."""
    if not word.strip():
        return f"is blank ({word!r})"
    if (control := first_control(word)) is not None:
        return (f"holds a control character (U+{ord(control):04X}) in {word!r}, which no "
                "text holds")
    return None


def _is_sector(value: Any) -> bool:
    return _is_code(value, SECTOR_CODE, none_ok=True)


# What a field may hold; each test returns whether the value fits.
_KINDS: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "text": ("text", lambda v: isinstance(v, str)),
    "actor code": ("a code of capital letters and digits (USA, UNO)", _is_code),
    "sector": ("a sector code of capital letters (GOV, MIL)", _is_sector),
    # YAML reads 111 unquoted as a number; the coder takes its text
    "code": ("a code", lambda v: isinstance(v, str | int) and not isinstance(v, bool)),
    "flag": ("true or false", lambda v: isinstance(v, bool)),
    "words": ("a list of words", lambda v: isinstance(v, list)
              and all(_is_word(w) for w in v)),
    "text or words": ("a word or a list of words", lambda v: isinstance(v, str) or (
        isinstance(v, list) and all(_is_word(w) for w in v))),
    "seats": ("a list of names or {name, sector} entries (sector in capitals)",
              lambda v: isinstance(v, list) and all(
                  isinstance(s, str) or (isinstance(s, dict) and isinstance(s.get("name"), str)
                                         and _is_sector(s.get("sector"))) for s in v)),
    # the further actors of a compound (PETRARCH's "[FRO/BIL/SAM]"): each a state's or IGO's
    # code, with a sector or none
    "actors": ("a list of {country, sector} entries (codes in capital letters)",
               lambda v: isinstance(v, list) and all(_is_member(m) for m in v)),
    "terms": ("a list of {role, from, to, country, sector} entries",
              lambda v: isinstance(v, list) and not any(_term_problem(t) for t in v)),
    "dated sectors": ("a mapping of YYYY-MM-DD dates to sectors in capitals ({2021-08-15: GOV})",
                      lambda v: isinstance(v, dict) and all(
                          _is_day(day) and day is not None and _is_code(sector, SECTOR_CODE)
                          for day, sector in v.items())),
}

_SENSE = {"lemma": "text", "code": "code", "object": "text or words", "target_preps": "words",
          "prep": "text", "particle": "text", "target_kind": "text", "modifier": "text or words",
          "prep_object": "text or words", "symmetric": "flag", "reverse": "flag",
          "xcomp": "flag", "negated": "flag", "addressee": "flag",
          "compound": "flag", "answer": "code",
          "before_words": "words", "place": "text"}

# section -> (keys every entry needs, the kind of each key the coder reads)
ENTRY_SECTIONS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "countries": (("code",), {"code": "actor code", "names": "words", "demonyms": "words",
                              "capitals": "words", "seats": "seats", "also": "actors"}),
    "igos": (("code",), {"code": "actor code", "names": "words", "sector": "sector",
                         "also": "actors"}),
    "groups": (("country",), {"names": "words", "country": "actor code", "sector": "sector",
                              "since": "dated sectors", "also": "actors"}),
    "stateless": ((), {"names": "words", "sector": "sector", "code": "actor code",
                       "kind": "text"}),
    "agents": (("sector",), {"words": "words", "sector": "sector", "prefix": "flag"}),
    "titles": (("title",), {"title": "text", "sector": "sector", "country": "actor code"}),
    "verbs": (("lemma", "code"), _SENSE),
    "nouns": (("lemma", "code"), _SENSE),
    "adjectives": (("lemma", "code"), _SENSE),
    "attitude_cues": (("code",), {"code": "code", "lemmas": "words"}),
    "non_event_objects": ((), {"lemmas": "words", "objects": "words"}),
    "people": (("name",), {"name": "text", "aliases": "words", "country": "actor code",
                           "also": "actors",
                           "sector": "sector", "terms": "terms"}),
}
# sections that are a plain list of words
WORD_SECTIONS = frozenset({
    "not_actors", "light_verbs", "undergoing_verbs", "escaping_verbs", "mentioning_verbs",
    "naming_verbs", "topic_verbs",
    "cancelling_verbs", "responding_verbs", "predicting_verbs", "speech_verbs",
    "purpose_nouns", "elliptic_verbs", "elliptic_words", "telling_verbs", "quantity_nouns",
    "holding_verbs", "authoring_verbs",
    "amount_nouns", "responsibility_nouns", "involvement_nouns", "release_nouns",
    "prompting_verbs", "area_nouns",
})
CODED_SECTIONS = ("verbs", "nouns", "adjectives", "attitude_cues")  # codes from the codebook
SENSE_SECTIONS = ("verbs", "nouns", "adjectives")
# The kinds of actor a sense's target_kind may ask for (an actor's ``kind``)
TARGET_KINDS = ("group", "igo", "person", "state")
# Fields a sense matches against one token's lemma or text: a blank or a hyphen never occurs in
# one (spaCy splits "snub-off" into three tokens), so such an entry matched nothing, silently.
# Each with where the other words of such a phrase go.
ONE_WORD_FIELDS = {
    "lemma": " (a particle goes under 'particle', a preposition under 'prep')",
    "prep": "", "particle": "", "target_preps": "",
    "object": " (a word before it goes under 'modifier')", "modifier": "", "prep_object": "",
}
KNOWN_SECTIONS = frozenset(ENTRY_SECTIONS) | WORD_SECTIONS | {"object_classes"}


def check_extension(data: dict[str, Any], where: str) -> None:
    """Raise DictionaryError, naming ``where``, at the first section or entry the coder
    could not read; a section it would ignore (a misspelt name) is refused too."""
    if unknown := sorted(str(name) for name in data if name not in KNOWN_SECTIONS):
        raise DictionaryError(
            f"{where}: unknown section(s) {', '.join(map(repr, unknown))}; a dictionary "
            f"extends {', '.join(sorted(KNOWN_SECTIONS))}")
    for section, value in data.items():
        if value is None:  # "verbs:" with nothing under it adds nothing
            continue
        if section == "object_classes":
            _check_classes(value, where)
        elif section in WORD_SECTIONS:
            _check_kind(value, "words", f"{where}: section '{section}'")
        else:
            _check_entries(section, value, where)
    _check_codes(data, where)
    _check_names(data, where)


# sections whose entries' fields are names the coder's phrase matcher holds (``not_actors``: a
# list of phrases, each its own entry)
NAME_FIELDS = {"countries": ("names", "demonyms", "capitals", "seats"), "igos": ("names",),
               "groups": ("names",), "stateless": ("names",), "not_actors": (),
               "people": ("name", "aliases")}


def _check_names(data: dict[str, Any], where: str) -> None:
    """Refuse a file whose actor names come to more than the coder should hold (MAX_ACTOR_NAMES
    names, MAX_NAME_WORDS words, MAX_NAME_CHARS characters a name), naming the entry that goes
    past the limit, as a PETRARCH file is refused at its line."""
    names = words = 0
    for section, fields in NAME_FIELDS.items():
        for number, entry in enumerate(data.get(section) or [], start=1):
            for name in _entry_names(entry, fields):
                names += 1
                words += name_words(name)
                problem = _names_problem(name, names, words)
                if problem:  # (the entry written out only then: it may hold every name)
                    raise DictionaryError(f"{where}: section '{section}', entry {number} "
                                          f"({_short(entry)}): {problem}")


def _names_problem(name: str, names: int, words: int) -> str | None:
    """Why a file cannot add ``name`` after ``names`` names of ``words`` words, or None."""
    if len(name) > MAX_NAME_CHARS:
        return (f"a name of {len(name):,} characters (at most {MAX_NAME_CHARS:,}, as a "
                "PETRARCH line)")
    for made, limit, what in ((names, MAX_ACTOR_NAMES, "names"),
                              (words, MAX_NAME_WORDS, "words")):
        if made > limit:
            return (f"the file's actor names come to more than {limit:,} {what} (the coder "
                    "holds each word of each name); no dictionary in use comes near: split it "
                    "or leave names out")
    return None


def _entry_names(entry: Any, fields: tuple[str, ...]) -> list[str]:
    """The names one entry gives the matcher (an entry checked by _check_entries)."""
    if not fields:  # a phrase of a plain list
        return [entry] if isinstance(entry, str) else []
    found = []
    for key in fields:
        value = entry.get(key) if isinstance(entry, dict) else None
        for item in [value] if isinstance(value, str) else value or []:
            found.append(item.get("name") if isinstance(item, dict) else item)
    return [name for name in found if isinstance(name, str)]


def check_class_references(extensions: list[dict[str, Any]], names: list[str]) -> None:
    """Every object class an entry names (``object: "@pacts"``) is one of verbs.yaml or of one
    of the files, which the lexicon merges (so one file may use another's): the lexicon's own
    error stopped the run without naming the file. ``names``: each extension's file."""
    uses = [(where, *use) for extension, where in zip(extensions, names, strict=True)
            for use in _class_uses(extension)]
    if not uses:
        return
    from detente.events.lexicon import verbs_table

    known = {str(name) for name in verbs_table().get("object_classes") or {}}
    for extension in extensions:
        known |= {str(name) for name in extension.get("object_classes") or {}}
    for where, section, number, entry, word in uses:
        if word[1:] not in known:
            raise DictionaryError(f"{where}: section '{section}', entry {number} "
                                  f"({_short(entry)}): no object class '{word[1:]}' in "
                                  "verbs.yaml or any --dictionary file")


def _class_uses(extension: dict[str, Any]) -> list[tuple[str, int, Any, str]]:
    """(section, entry number, entry, "@name" as the lexicon reads it) of each class named."""
    uses = []
    for section, keys in [*((s, ("object", "prep_object")) for s in SENSE_SECTIONS),
                          ("attitude_cues", ("lemmas",))]:
        for number, entry in enumerate(extension.get(section) or [], start=1):
            for key in keys:
                words = entry.get(key) or []
                for word in [words] if isinstance(words, str) else words:
                    if str(word).startswith("@"):
                        uses.append((section, number, entry, str(word).lower()))
    return uses


def _check_entries(section: str, entries: Any, where: str) -> None:
    if not isinstance(entries, list):
        raise DictionaryError(f"{where}: section '{section}' must be a list of entries, not "
                              f"{_kind_of(entries)}")
    needed, kinds = ENTRY_SECTIONS[section]
    for number, entry in enumerate(entries, start=1):
        at = f"{where}: section '{section}', entry {number} ({_short(entry)})"
        if not isinstance(entry, dict):
            raise DictionaryError(f"{at}: must be a mapping such as "
                                  f"{{{', '.join(f'{k}: ...' for k in needed or kinds)}}}")
        if missing := [key for key in needed if entry.get(key) in (None, "", [])]:
            raise DictionaryError(f"{at}: needs {' and '.join(map(repr, missing))}")
        for key, kind in kinds.items():
            if entry.get(key) is not None:
                _check_kind(entry[key], kind, f"{at}: '{key}'")
        if section in SENSE_SECTIONS:
            _check_sense(entry, at)


def _check_sense(sense: dict[str, Any], at: str) -> None:
    """What the form of a sense's fields cannot say: the lexicon refused some of it (without
    naming the file), and matched nothing with the rest."""
    for key, hint in ONE_WORD_FIELDS.items():
        words = sense.get(key)
        for word in [words] if isinstance(words, str) else words or []:
            if not word or re.search(r"[\s-]", word):
                raise DictionaryError(f"{at}: '{key}' {word!r} must be one word, as spaCy "
                                      f"reads one token{hint}")
    if sense.get("prep_object") and not sense.get("prep"):
        raise DictionaryError(f"{at}: has a 'prep_object' but no 'prep' that governs it")
    kind = sense.get("target_kind")
    if kind is not None and kind not in TARGET_KINDS:
        raise DictionaryError(f"{at}: 'target_kind' {kind!r} is none of "
                              f"{', '.join(TARGET_KINDS)}")


def _check_classes(value: Any, where: str) -> None:
    if not isinstance(value, dict):
        raise DictionaryError(f"{where}: section 'object_classes' must map each class name "
                              f"to a list of words, not {_kind_of(value)}")
    for name, words in value.items():
        _check_kind(words, "words", f"{where}: section 'object_classes', class '{name}'")


def _check_codes(data: dict[str, Any], where: str) -> None:
    """Event codes the codebook does not know, named with their file (the lexicon's own
    error names only the section)."""
    from detente.codebook import load_codebook

    codebook = load_codebook()
    for section in CODED_SECTIONS:
        for number, entry in enumerate(data.get(section) or [], start=1):
            code = entry["code"]
            if str(code) not in codebook:
                # "code: 010" is the number 8 to YAML (an octal), "code: 10" loses its zero
                quote = ("; write the code in quotes (code: \"010\"): YAML reads an unquoted "
                         "code as a number, 010 as 8" if isinstance(code, int) else "")
                raise DictionaryError(f"{where}: section '{section}', entry {number} "
                                      f"({_short(entry)}): unknown CAMEO code '{code}'{quote}")


def _check_kind(value: Any, kind: str, at: str) -> None:
    name, fits = _KINDS[kind]
    if fits(value):
        return
    unfit = next(((n, item) for n, item in enumerate(value, start=1) if not fits([item])),
                 None) if isinstance(value, list) and fits([]) else None
    if unfit is not None:  # a list where one is asked for: name its first item that does not fit
        number, item = unfit
        why = (_term_problem(item) if kind == "terms"
               else _word_problem(item) if isinstance(item, str) else None)
        raise DictionaryError(f"{at} must be {name}; item {number} "
                              + (why or f"is {_kind_of(item)}"))
    # (a list where one word is asked for, "sector: []", had raised StopIteration)
    raise DictionaryError(f"{at} must be {name}, not {_kind_of(value)}{_capitals(value, fits)}")


def _capitals(value: Any, fits: Callable[[Any], bool]) -> str:
    """The advice for a code written in small letters, or ""."""
    if isinstance(value, str) and value != value.upper() and fits(value.upper()):
        return (f": write it in capitals ({value.upper()}), as the queries and the exports "
                "read codes")
    return ""


def _term_problem(term: Any) -> str | None:
    """Why one term of office cannot be read (people.py's ``_holder`` reads it so), or None."""
    if not isinstance(term, dict):
        return f"is {_kind_of(term)}"
    if not isinstance(term.get("role"), str):
        return f"({_short(term)}) needs a 'role' as text"
    for end in ("from", "to"):
        if not _is_day(term.get(end)):
            return f"({_short(term)}) has a '{end}' that is no YYYY-MM-DD date"
    start, end = _day(term.get("from")), _day(term.get("to"))
    if start and end and start > end:  # a term held on no day: the entry coded nothing
        return f"({_short(term)}) ends before it starts"
    if not _is_code(term.get("country"), none_ok=True):
        return f"({_short(term)}) has a 'country' that is no code in capital letters (USA)"
    if not _is_sector(term.get("sector")):
        return f"({_short(term)}) has a 'sector' that is no code in capital letters (GOV)"
    if not all(_is_member(m) for m in term.get("also") or []):
        return f"({_short(term)}) has an 'also' that is no list of {{country, sector}} entries"
    return None


def _is_member(member: Any) -> bool:
    """One further actor of a compound: {country: a code, sector: a sector code or none}."""
    return (isinstance(member, dict) and _is_code(member.get("country"))
            and _is_sector(member.get("sector")))


def _is_day(value: Any) -> bool:
    if value is None or isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def _day(value: Any) -> dt.date | None:
    """A term's end as a date (YAML reads an unquoted 2004-01-01 as one)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):  # "names: [NO]" is Norway to its writer
        return (f"bool {value} (YAML reads an unquoted yes, no, on or off as true or false: "
                "write it in quotes)")
    if isinstance(value, list):
        return f"a list ({_short(value)})"
    if isinstance(value, dict):
        return f"a mapping ({_short(value)})"
    return f"{type(value).__name__} {_short(value)}"


def _short(value: Any, limit: int = 60) -> str:
    """An entry as it reads in a one-line message, cut to ``limit`` characters."""
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."
