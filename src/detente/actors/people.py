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

from detente.datafiles import DictionaryError, read_packaged


@dataclass(frozen=True)
class Term:
    role: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class OfficeHolder:
    name: str
    country: str
    sector: str | None
    terms: tuple[Term, ...]

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

    def lookup(self, text: str, day: dt.date | None) -> OfficeHolder | None:
        """The office holder a name refers to on a date, if that is unambiguous."""
        key = name_key(text)
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
        for alias in item.get("aliases") or []:
            index.aliases.setdefault(name_key(str(alias)), []).append(person)
    return index


def name_key(name: str) -> str:
    """A name as looked up: lowercase, accents dropped ("Moïse" and "Moise", "Erdoğan" and
    "Erdogan" are written both ways in English news)."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _holder(item: Any) -> OfficeHolder:
    try:
        terms = tuple(
            Term(str(t["role"]), _date(t.get("from")), _date(t.get("to")))
            for t in item.get("terms") or []
        )
        return OfficeHolder(str(item["name"]), str(item["country"]), item.get("sector"), terms)
    except (KeyError, TypeError, ValueError) as exc:
        raise DictionaryError(f"detente/data/people.yaml: bad entry {item!r} ({exc})") from exc


def _date(value: Any) -> dt.date | None:
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
