"""Known office holders (``data/people.yaml``): who acts for which state, and when.

Lets the coder read "Putin warned ..." as Russia when the article never gives his title. A full
name identifies the person at any date; a bare surname or shared alias only when exactly one
of the people it may mean held office on the article date.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from detente.actors.lexicon import also_actors
from detente.datafiles import DictionaryError, read_packaged


@dataclass(frozen=True)
class Term:
    role: str
    start: dt.date | None
    end: dt.date | None
    # a term may act for another state or sector (PETRARCH's dated roles: "RUSELI" then
    # "RUSGOV"); None: the holder's own; "": no actor during the term (a null code)
    country: str | None = None
    sector: str | None = None
    # the further actors of a compound role ("[FRO/BIL 900101-951231]"), (country, sector)
    also: tuple[tuple[str, str | None], ...] = ()

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class OfficeHolder:
    name: str
    country: str | None  # None: no code outside the dated terms (PETRARCH entries)
    sector: str | None
    terms: tuple[Term, ...]
    also: tuple[tuple[str, str | None], ...] = ()  # the further actors of its own code

    def term_on(self, day: dt.date | None) -> Term | None:
        """The first term that covers the date."""
        return next((t for t in self.terms if t.covers(day)), None) if day else None

    def code_on(self, day: dt.date | None) -> tuple[str, str | None] | None:
        """(country, sector) on a date: the first term that covers it, else the person's own;
        None when that is a null code or there is none (no actor on that date)."""
        term = self.term_on(day)
        if term is not None and term.country is not None:
            return (term.country, term.sector) if term.country else None
        return (self.country, self.sector) if self.country else None

    def also_on(self, day: dt.date | None) -> tuple[tuple[str, str | None], ...]:
        """The further actors of a compound code on a date (``code_on``'s term, else the
        holder's own), none for a single code."""
        term = self.term_on(day)
        if term is not None and term.country is not None:
            return term.also if term.country else ()
        return self.also if self.country else ()

    def in_office(self, day: dt.date) -> bool:
        return any(term.covers(day) for term in self.terms)

    def role_on(self, day: dt.date | None) -> str | None:
        if day is not None:
            for term in self.terms:
                if term.covers(day):
                    return term.role
        return self.terms[-1].role if self.terms else None


@dataclass
class PeopleIndex:
    full_names: dict[str, OfficeHolder] = field(default_factory=dict)
    aliases: dict[str, list[OfficeHolder]] = field(default_factory=dict)
    # a user's people (every name they give is a full name), e.g. PETRARCH's dated roles
    extra: dict[str, list[OfficeHolder]] = field(default_factory=dict)
    _long_names: frozenset[str] | None = field(default=None, repr=False, compare=False)
    _first_words: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def lookup(self, text: str, day: dt.date | None) -> OfficeHolder | None:
        """The office holder a name refers to on a date, if that is unambiguous.

        A user's person with a term on the date comes first (a null-coded term: no actor);
        then a packaged holder in office on the date, since a user file's undated code is
        a catch-all that goes stale (the Phoenix roles end around 2015); then that code; then
        the packaged holder whatever the date.
        """
        key = name_key(text)
        extra = self.extra.get(key, [])
        # later files win, as in every extension section
        termed = [p for p in extra if p.term_on(day) is not None]
        if termed:
            return termed[-1] if termed[-1].code_on(day) is not None else None
        packaged = self._packaged(key, day)
        if packaged is not None and day is not None and packaged.in_office(day):
            return packaged
        defaulted = [p for p in extra if p.code_on(day) is not None]
        return defaulted[-1] if defaulted else packaged

    def long_names(self) -> frozenset[str]:
        """Every name of two words or more (keys, as ``name_key`` writes them): a full name
        names its holder whatever the model's entity recogniser makes of it."""
        if self._long_names is None:
            # (an alias two people share, "King Abdullah", is left to the title and the date)
            keys = [*self.full_names, *(k for k, holders in self.aliases.items()
                                        if len(holders) == 1), *self.extra]
            self._long_names = frozenset(k for k in keys if len(k.split()) > 1 or "-" in k)
            self._first_words = frozenset(k.split()[0].split("-")[0] for k in self._long_names)
        return self._long_names

    def may_begin_name(self, word: str) -> bool:
        """Whether a word (lower case) begins one of ``long_names``."""
        self.long_names()
        return name_key(word) in self._first_words

    def user_entry(self, text: str) -> OfficeHolder | None:
        """A user's entry for a name whatever the date (the last file's), or None."""
        entries = self.extra.get(name_key(text))
        return entries[-1] if entries else None

    def _packaged(self, key: str, day: dt.date | None) -> OfficeHolder | None:
        if key in self.full_names:
            return self.full_names[key]
        candidates = self.aliases.get(key, [])
        if day is not None:
            candidates = [person for person in candidates if person.in_office(day)]
        return candidates[0] if len(candidates) == 1 else None


@cache
def load_people() -> PeopleIndex:
    """The packaged office holders, indexed by full name and alias."""
    index = PeopleIndex()
    for item in read_packaged("people.yaml").get("people") or []:
        person = _holder(item)
        index.full_names[name_key(person.name)] = person
        # "Erdoğan" and "Erdogan" are one key: the person is listed under it once
        for key in dict.fromkeys(name_key(str(alias)) for alias in item.get("aliases") or []):
            index.aliases.setdefault(key, []).append(person)
    return index


def name_key(name: str) -> str:
    """A name as looked up: lowercase, accents dropped ("Moïse" and "Moise", "Erdoğan" and
    "Erdogan" are written both ways in English news)."""
    if name.isascii():
        return name.lower()  # (no accent to drop: most names, looked up for every title word)
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def people_index(extensions: list[dict[str, Any]] | None = None) -> PeopleIndex:
    """The packaged office holders plus the ``people`` of user extensions (PETRARCH actors
    with dated roles, or YAML entries of the packaged form)."""
    people = [p for extension in extensions or [] for p in extension.get("people") or []]
    if not people:
        return load_people()
    packaged = load_people()
    index = PeopleIndex(dict(packaged.full_names), dict(packaged.aliases))
    for item in people:
        person = _holder(item, "extension", country_required=False)
        for name in [person.name, *(item.get("aliases") or [])]:
            index.extra.setdefault(name_key(str(name)), []).append(person)
    return index


def _holder(item: Any, where: str = "detente/data/people.yaml",
            country_required: bool = True) -> OfficeHolder:
    try:
        terms = tuple(
            Term(str(t["role"]), _date(t.get("from")), _date(t.get("to")),
                 t.get("country"), t.get("sector"), also_actors(t))
            for t in item.get("terms") or []
        )
        country = item["country"] if country_required else item.get("country")
        return OfficeHolder(str(item["name"]), None if country is None else str(country),
                            item.get("sector"), terms, also_actors(item))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DictionaryError(f"{where}: bad people entry {item!r} ({exc})") from exc


def _date(value: Any) -> dt.date | None:
    # (YAML reads "2004-01-01T10:00:00" as a datetime, which no date compares with: every
    # article naming the person failed to code)
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def parse_day(text: str | None) -> dt.date | None:
    """An article date string as a date, or None when absent or unreadable."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
