"""Actor dictionaries: which words name which state, IGO or group, and which nouns name a sector.

Loaded from ``data/actors.yaml`` (countries, IGOs, groups) and ``data/agents.yaml`` (sector
nouns and titles), plus country names from pycountry so that formal names ("Russian
Federation") are known without being typed in. A user's ``--dictionary`` file may add entries
under the same keys.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pycountry

from detente.cleantext import printable, shown_name
from detente.datafiles import DictionaryError, merged_section, read_packaged

# How a phrase names its actor; decides what it means as a head noun versus a modifier.
COUNTRY, DEMONYM, CAPITAL, SEAT, IGO, GROUP, STATELESS = (
    "country", "demonym", "capital", "seat", "igo", "group", "stateless",
)


@dataclass(frozen=True)
class ActorEntry:
    """What a dictionary phrase denotes."""

    phrase: str
    country: str | None
    sector: str | None
    kind: str
    own_code: str | None = None  # a stateless group's code (IMGMUSISI): it has no country
    # a group's sector from a date on (the Taliban govern Afghanistan from 2021-08-15), latest
    # last; before the first date, or with no article date, ``sector``
    later_sectors: tuple[tuple[dt.date, str], ...] = ()
    # the further actors the phrase names at once, (country, sector) each: PETRARCH's compound
    # code "THE_SHIRE [FRO/BIL/SAM]" is one actor per code, and an event is coded for each
    also: tuple[tuple[str, str | None], ...] = ()

    def sector_on(self, day: dt.date | None) -> str | None:
        """The sector on the article's date."""
        sector = self.sector
        for since, later in self.later_sectors:
            if day is not None and day >= since:
                sector = later
        return sector

    @property
    def code(self) -> str | None:
        if self.country is None:
            return self.own_code
        if self.kind == IGO:
            return "IGO" + self.country
        return actor_code(self.country, self.sector)


@dataclass(frozen=True)
class Title:
    words: tuple[str, ...]  # lowercased tokens, e.g. ("defense", "minister")
    text: str
    sector: str | None
    country: str | None = None  # titles that imply their state ("Taoiseach")


@dataclass(frozen=True)
class ReferenceNouns:
    """Nouns that refer back to earlier actors ("the bloc", "the trio", "the two sides")."""

    collective: frozenset[str] = frozenset()
    state: frozenset[str] = frozenset()
    counted: frozenset[str] = frozenset()
    counted_people: frozenset[str] = frozenset()
    group_sizes: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    relational: frozenset[str] = frozenset()
    posted_abroad: frozenset[str] = frozenset()  # "diplomats in Moscow" are not Moscow's
    institution_people: frozenset[str] = frozenset()  # "a ministry spokesman"
    members: frozenset[str] = frozenset()  # "members of the U.S. Senate": the body's
    owning_participles: frozenset[str] = frozenset()  # "a Greek-owned ship"
    frontier: frozenset[str] = frozenset()  # "along its border with Ukraine"
    territory: frozenset[str] = frozenset()  # "entered its waters": not the intruder's
    entering: frozenset[str] = frozenset()  # verbs entering such ground
    experts: frozenset[str] = frozenset()  # "Ana Ruiz, an analyst": speaks for no state
    owned_people: frozenset[str] = frozenset()  # "pardoned his son": a person, not a thing
    expletive_verbs: frozenset[str] = frozenset()  # "it seems that ...": "it" names nothing
    expletive_predicates: frozenset[str] = frozenset()  # "it is time to ..."
    stance_predicates: frozenset[str] = frozenset()  # "it was concerned that ...": refers back
    person_nouns: frozenset[str] = frozenset()  # "the Chilean president ... he": a person
    partitive: frozenset[str] = frozenset()  # "dozens of Iraqi soldiers": the soldiers act
    seated: frozenset[str] = frozenset()  # "the regime in Damascus": serves where it sits
    protagonist_people: frozenset[str] = frozenset()  # bare "officials": the protagonist's
    protagonist_descriptors: frozenset[str] = frozenset()  # "senior officials" stay bare
    place_named: frozenset[str] = frozenset()  # "the Paris accord": no party named
    sponsoring: frozenset[str] = frozenset()  # "rebels armed by Rwanda": Rwanda is no doer
    heading_verbs: frozenset[str] = frozenset()  # "X, who heads A's foreign ministry"
    introduced: frozenset[str] = frozenset()  # "a Greek-flagged tanker ... the tanker"


@dataclass
class ActorLexicon:
    entries: dict[str, ActorEntry] = field(default_factory=dict)  # phrase as written -> entry
    agent_sectors: dict[str, str] = field(default_factory=dict)  # lowercase lemma(s) -> sector
    # agents whose code goes before the actor's (PETRARCH's "MSF [NGO~]": "MSF Arnor" is
    # NGOARN): lowercase word(s) -> code. Only a user's dictionaries give them.
    agent_prefixes: dict[str, str] = field(default_factory=dict)
    compound_names: bool = False  # whether any name is of several actors (an entry's ``also``)
    titles: dict[tuple[str, ...], Title] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)  # sector code -> name
    references: ReferenceNouns = field(default_factory=ReferenceNouns)
    igo_codes: set[str] = field(default_factory=set)  # "NAT", "UNO", ...: the IGOs known
    political_sectors: frozenset[str] = frozenset()  # sectors that act for a state
    state_sectors: frozenset[str] = frozenset()  # sectors of the state itself
    private_sectors: frozenset[str] = frozenset()  # "a former minister": speaks for himself
    body_titles: frozenset[str] = frozenset()  # "president" of a state or of an association
    party_sectors: frozenset[str] = frozenset()  # "Likud ministers" hold the state's office
    # a line for each name the user's dictionaries give in more than one way (which is kept)
    notes: list[str] = field(default_factory=list)
    # the number of titles and their last words (``_title_ends``)
    _ends_of_titles: tuple[int, frozenset[str]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def add(self, entry: ActorEntry) -> None:
        self.entries[entry.phrase] = entry

    def _title_ends(self) -> frozenset[str]:
        """The last words of the known titles (made again if titles were added since)."""
        if self._ends_of_titles is None or self._ends_of_titles[0] != len(self.titles):
            self._ends_of_titles = (len(self.titles), frozenset(t[-1] for t in self.titles if t))
        return self._ends_of_titles[1]

    def title_for(self, words: Iterable[str]) -> Title | None:
        """The longest known title at the end of ``words`` ("Iranian Defense Minister")."""
        words = list(words)
        # (most words asked about end no title: those are answered from the last word alone)
        if not words or words[-1].lower().rstrip(".") not in self._title_ends():
            return None
        lowered = tuple(w.lower().rstrip(".") for w in words)
        for start in range(len(lowered)):
            title = self.titles.get(lowered[start:])
            if title:
                return title
        return None


def load_actor_lexicon(extensions: list[dict[str, Any]] | None = None,
                       sources: list[str] | None = None) -> ActorLexicon:
    """Build the actor lexicon from the packaged tables plus any user extensions (read from
    the files ``sources``, named in its notes)."""
    extensions = extensions or []
    actors = read_packaged("actors.yaml")
    agents = read_packaged("agents.yaml")
    lexicon = ActorLexicon()
    _add_pycountry_names(lexicon)
    # the packaged tables first, every section, then the user's: a user's name wins over a
    # packaged one in any section ("Hamas" given as a country had lost to the packaged group,
    # a later section, without a word)
    _add_actor_sections(lexicon, actors, [])
    _add_user_sections(lexicon, extensions, sources)
    lexicon.sectors = dict(agents.get("sectors") or {})
    lexicon.political_sectors = frozenset(agents.get("political_sectors") or [])
    lexicon.state_sectors = frozenset(agents.get("state_sectors") or [])
    lexicon.private_sectors = frozenset(agents.get("private_sectors") or [])
    lexicon.body_titles = frozenset(str(t).lower() for t in agents.get("body_titles") or [])
    lexicon.party_sectors = frozenset(agents.get("party_sectors") or [])
    for item in merged_section(agents, extensions, "agents"):
        sector = _required(item, "sector", "agents")
        words = lexicon.agent_prefixes if item.get("prefix") else lexicon.agent_sectors
        for word in item.get("words") or []:
            words[str(word).lower()] = sector
    for item in merged_section(agents, extensions, "titles"):
        text = _required(item, "title", "titles")
        words = tuple(w.lower().rstrip(".") for w in text.split())
        lexicon.titles[words] = Title(words, text, item.get("sector"), item.get("country"))
    lexicon.references = _references(agents.get("references") or {})
    lexicon.references = replace(lexicon.references, person_nouns=_person_nouns(lexicon))
    lexicon.political_sectors |= _political_subsectors(lexicon, actors, extensions)
    lexicon.compound_names = any(entry.also for entry in lexicon.entries.values())
    return lexicon


def _later_sectors(item: dict[str, Any]) -> tuple[tuple[dt.date, str], ...]:
    """A group's ``since`` ({date: sector}), in date order; a date that is no ISO date or a
    sector that is no text is a dictionary error naming the group."""
    since = item.get("since") or {}
    if not isinstance(since, dict):
        raise DictionaryError(f"dictionary section 'groups': entry {item.get('names')!r}: "
                              "'since' is no table of dates and sectors")
    later = []
    for day, sector in since.items():
        try:
            # (YAML reads 2020-01-01T10:00:00 as a datetime, which no date compares with)
            when = (day.date() if isinstance(day, dt.datetime) else
                    day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)))
        except ValueError:
            raise DictionaryError(f"dictionary section 'groups': entry {item.get('names')!r}: "
                                  f"{day!r} in 'since' is no date (YYYY-MM-DD)") from None
        if not isinstance(sector, str) or not sector:
            raise DictionaryError(f"dictionary section 'groups': entry {item.get('names')!r}: "
                                  f"'since' {day} names no sector")
        later.append((when, sector))
    return tuple(sorted(later))


def _political_subsectors(lexicon: ActorLexicon, actors: dict[str, Any],
                          extensions: list[dict[str, Any]]) -> frozenset[str]:
    """Longer sector codes of a political sector ("REBHMS", "GOVFRM" in PETRARCH files) act
    for a state as their first three letters do."""
    sectors = set(lexicon.agent_sectors.values()) | {
        str(item["sector"])
        for key in ("groups", "igos")
        for item in merged_section(actors, extensions, key)
        if isinstance(item, dict) and item.get("sector")
    }
    return frozenset(s for s in sectors if len(s) > 3 and s[:3] in lexicon.political_sectors)


def _person_nouns(lexicon: ActorLexicon) -> frozenset[str]:
    """The head nouns of titles ("foreign minister", "secretary of state") and the counted
    people: a common noun that names one official, to whom "he" or "she" may refer."""
    heads = set(lexicon.references.counted_people)
    for words in lexicon.titles:
        if "of" in words:
            words = words[:words.index("of")]
        if words and words[-1].isalpha() and words[-1] != "affairs":
            heads.add(words[-1])
    return frozenset(heads)


def _references(table: dict[str, Any]) -> ReferenceNouns:
    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in table.get(key) or [])

    def sizes(key: str) -> dict[str, int]:
        return {str(w).lower(): int(n) for w, n in (table.get(key) or {}).items()}

    return ReferenceNouns(
        collective=words("collective_nouns"),
        state=words("state_nouns"),
        counted=words("counted_nouns") | words("state_nouns"),
        counted_people=words("counted_people"),
        group_sizes=sizes("group_sizes"),
        numbers=sizes("numbers"),
        relational=words("relational_nouns"),
        posted_abroad=words("posted_abroad"),
        institution_people=words("institution_people"),
        members=words("member_nouns"),
        owning_participles=words("owning_participles"),
        frontier=words("frontier_nouns"),
        territory=words("territory_nouns"),
        entering=words("entering_verbs"),
        experts=words("expert_nouns"),
        owned_people=words("owned_people"),
        expletive_verbs=words("expletive_verbs"),
        expletive_predicates=words("expletive_predicates"),
        stance_predicates=words("stance_predicates"),
        partitive=words("partitive_nouns"),
        seated=words("seated_nouns"),
        protagonist_people=words("protagonist_people"),
        protagonist_descriptors=words("protagonist_people_descriptors"),
        place_named=words("place_named_nouns"),
        sponsoring=words("sponsoring_participles"),
        heading_verbs=words("heading_verbs"),
        introduced=words("introduced_nouns") | words("collective_nouns"),
    )


# The sections that give a phrase an actor, in the order the lexicon loads them.
ACTOR_SECTIONS = ("countries", "igos", "groups", "stateless", "not_actors")
# How many of the names two sections of the user's dictionaries give are noted one by one; the
# rest are counted in one line (two large files merged could name thousands).
MAX_NAME_NOTES = 100
# How many of the entries that give one name its note names; the rest are counted.
MAX_WAYS_NOTED = 5


def _add_actor_sections(lexicon: ActorLexicon, actors: dict[str, Any],
                        extensions: list[dict[str, Any]]) -> None:
    """The actor sections of a table and its extensions, in order: within them a later
    section's name wins (a group over a country of the same name)."""
    for section in ACTOR_SECTIONS:
        for item in merged_section(actors, extensions, section):
            for entry in _item_entries(section, item, lexicon.igo_codes):
                lexicon.add(entry)


def _item_entries(section: str, item: Any, igo_codes: set[str] | None = None
                  ) -> list[ActorEntry]:
    """The entries one item of an actor section gives, in order (a name given twice in one
    item, as a country's name and its capital, goes to the later); an IGO's code joins
    ``igo_codes``. An item without its required key is a DictionaryError."""
    if section == "countries":
        return _country_entries(item)
    also = also_actors(item)
    if section == "igos":
        code = _required(item, "code", "igos")
        if igo_codes is not None:
            igo_codes.add(code)
        return [ActorEntry(name, code, item.get("sector"), IGO, also=also)
                for name in item.get("names") or []]
    if section == "groups":
        country = _required(item, "country", "groups")
        later = _later_sectors(item)
        return [ActorEntry(name, country, item.get("sector"), GROUP, later_sectors=later,
                           also=also)
                for name in item.get("names") or []]
    if section == "stateless":
        return [ActorEntry(name, None, item.get("sector"), STATELESS, item.get("code"))
                for name in item.get("names") or []]
    # Phrases that contain a country word without naming the state ("South China Sea").
    return [ActorEntry(str(item), None, None, STATELESS)]


# The most further actors one phrase may name: each is coded every event of the phrase, so a
# compound of n actors facing one of m is n * m events of a clause.
MAX_ALSO_ACTORS = 11
# What the actor names of one dictionary file may come to. The coder holds each name in its
# phrase matcher, about 4 kB and 0.1 ms a name and 400-650 bytes a word: a 45 MB file of one
# name of 15 million words took 8.5 GB before the first article, 900,000 short names 2.2 GB.
# Phoenix.Countries.actors.txt, the largest file in use, makes 52,400 names (in their usual
# casings) of 70,600 words; a name's words are counted as the tokenizer splits them at the
# least (a hyphen or a full stop is a word of its own).
MAX_ACTOR_NAMES = 500_000
MAX_NAME_WORDS = 1_000_000
MAX_NAME_CHARS = 2_000  # a PETRARCH line's limit; the longest name in use has 101
_NAME_WORD = re.compile(r"\w+|[^\w\s]")


def name_words(name: str) -> int:
    """How many words the coder holds for ``name`` (see MAX_NAME_WORDS)."""
    return sum(1 for _ in _NAME_WORD.finditer(name))


def also_actors(item: Any) -> tuple[tuple[str, str | None], ...]:
    """An entry's further actors (``also``: [{country, sector}]) as (country, sector) pairs;
    more than MAX_ALSO_ACTORS is a DictionaryError naming the entry."""
    members = (item.get("also") if isinstance(item, dict) else None) or ()
    if len(members) > MAX_ALSO_ACTORS:
        raise DictionaryError(f"dictionary entry {str(item)[:80]!r}: {len(members)} further "
                              f"actors in 'also' (at most {MAX_ALSO_ACTORS}: each is coded "
                              "every event of the phrase)")
    return tuple((str(m["country"]), m.get("sector") or None) for m in members)


def _country_entries(item: dict[str, Any]) -> list[ActorEntry]:
    code = _required(item, "code", "countries")
    also = also_actors(item)
    entries = [ActorEntry(name, code, None, COUNTRY, also=also)
               for name in item.get("names") or []]
    entries += [ActorEntry(name, code, None, DEMONYM) for name in item.get("demonyms") or []]
    entries += [ActorEntry(name, code, "GOV", CAPITAL) for name in item.get("capitals") or []]
    for seat in item.get("seats") or []:
        if isinstance(seat, str):
            seat = {"name": seat}
        entries.append(ActorEntry(seat["name"], code, seat.get("sector") or "GOV", SEAT))
    return entries


@dataclass
class _UserItem:
    """One item of an actor section of a user's dictionary, and where it is."""

    source: str  # the file
    section: str
    entries: dict[str, ActorEntry]  # phrase -> what this item makes it (its last entry)
    igo_codes: set[str]  # an IGO's code, known whether or not it keeps any name


def _user_items(extensions: list[dict[str, Any]], sources: list[str]) -> list[_UserItem]:
    """Every item of the user's actor sections in the order they were given: the files in
    command-line order, each file's sections in its own order, each section's items in
    order."""
    items = []
    for extension, source in zip(extensions, sources, strict=True):
        for section in extension:
            if section not in ACTOR_SECTIONS:
                continue
            for item in merged_section({}, [extension], section):
                codes: set[str] = set()
                entries = {entry.phrase: entry for entry in _item_entries(section, item, codes)}
                items.append(_UserItem(source, section, entries, codes))
    return items


def user_name_notes(extensions: list[dict[str, Any]], sources: list[str] | None = None
                    ) -> list[str]:
    """A note line for each name the user's dictionaries give different meanings to, as the
    coder built from them reports it (``ActorLexicon.notes``)."""
    return load_actor_lexicon(extensions, sources).notes


def _sources(extensions: list[dict[str, Any]], sources: list[str] | None) -> list[str]:
    return sources or [f"dictionary {n}" for n in range(1, len(extensions) + 1)]


def _name_owners(items: list[_UserItem]) -> dict[str, int]:
    """Which item of the user's dictionaries keeps each name (its index in ``_user_items``'
    order).

    As in a PETRARCH actors file (``petrarch._one_actor_per_name``), the first item that codes
    a name keeps it, and an item that gives it no code (``not_actors``, a stateless entry
    without one) never hides one that does. The lexicon had loaded the sections one after
    another, so the later section won without a word: a name given as a country in one file
    and as a group in another went to the group, whichever file came first."""
    owners: dict[str, int] = {}
    for index, item in enumerate(items):
        for phrase, entry in item.entries.items():
            first = owners.get(phrase)
            if first is None or (items[first].entries[phrase].code is None
                                 and entry.code is not None):
                owners[phrase] = index
    return owners


def _name_notes(items: list[_UserItem], owners: dict[str, int], lexicon: ActorLexicon
                ) -> list[str]:
    """The notes on the names the user's dictionaries give different meanings to: a name
    given twice as written, then one given in several spellings (see ``_spelling_notes``);
    the first MAX_NAME_NOTES, then a line counting the rest."""
    notes = itertools.chain(_given_again_notes(items, owners),
                            _spelling_notes(items, owners, lexicon))
    kept = list(itertools.islice(notes, MAX_NAME_NOTES))
    if rest := sum(1 for _ in notes):
        kept.append(f"{rest:,} more names your dictionaries give in more than one way; the "
                    "first that codes each spelling is kept")
    return kept


def _given_again_notes(items: list[_UserItem], owners: dict[str, int]) -> Iterator[str]:
    """A note for each name several items give, as written, in different ways."""
    givers: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        for phrase in item.entries:
            givers.setdefault(phrase, []).append(index)
    for phrase, given in givers.items():
        if len({items[i].entries[phrase] for i in given}) < 2:
            continue
        # (a name one file gives thousands of times had made one line of them all)
        ways = "; ".join(_given_as(items[i], phrase) for i in given[:MAX_WAYS_NOTED])
        if len(given) > MAX_WAYS_NOTED:
            ways += f"; and {len(given) - MAX_WAYS_NOTED:,} more"
        yield (f"your dictionaries give '{printable(phrase[:60])}' {len(given)} times: {ways}; "
               f"the first that codes it is kept ({_given_as(items[owners[phrase]], phrase)}), "
               "as in a PETRARCH actors file")


def _spelling_notes(items: list[_UserItem], owners: dict[str, int], lexicon: ActorLexicon
                    ) -> Iterator[str]:
    """A note for each name the user's dictionaries keep in several spellings ("Zorland",
    "ZORLAND") with different meanings. The matcher reads case, so each spelling is a name of
    its own where the text writes it so, and the rule of the first that codes a name does not
    join them; but the reading copy recases a line in capitals (a headline), odd casing and a
    line in lower case from the lexicon's first spelling of each name (``reading.add_names``),
    so there one of them wins, without a word before this note."""
    spellings: dict[str, list[str]] = {}
    for phrase in owners:
        spellings.setdefault(phrase.lower(), []).append(phrase)
    recased: dict[str, str] = {}  # as the reading copy's normaliser takes them: the first
    for phrase in lexicon.entries:
        recased.setdefault(phrase.lower(), phrase)
    for lower, written in spellings.items():
        if len({_meaning(items[owners[phrase]].entries[phrase]) for phrase in written}) < 2:
            continue
        ways = "; ".join(_spelled_as(items[owners[phrase]], phrase)
                         for phrase in written[:MAX_WAYS_NOTED])
        if len(written) > MAX_WAYS_NOTED:
            ways += f"; and {len(written) - MAX_WAYS_NOTED:,} more"
        read = recased[lower]
        code = lexicon.entries[read].code
        yield (f"your dictionaries give '{printable(written[0][:60])}' in {len(written)} "
               f"spellings: {ways}; the matcher reads case, so text that writes one gets its "
               "code, and a line whose casing is read anew (a headline in capitals) gets the "
               f"first, '{printable(read[:60])}' ({code if code else 'no code'})")


def _meaning(entry: ActorEntry) -> ActorEntry:
    """What an entry makes of its name, whatever the spelling."""
    return replace(entry, phrase="")


def _given_as(item: _UserItem, phrase: str) -> str:
    entry = item.entries[phrase]
    return (f"{shown_name(item.source)} {item.section} "
            f"({entry.code if entry.code else 'no code'})")


def _spelled_as(item: _UserItem, phrase: str) -> str:
    entry = item.entries[phrase]
    return (f"{shown_name(item.source)} {item.section} '{printable(phrase[:60])}' "
            f"({entry.code if entry.code else 'no code'})")


def _add_user_sections(lexicon: ActorLexicon, extensions: list[dict[str, Any]],
                       sources: list[str] | None) -> None:
    """The actor sections of the user's dictionaries, a name several items give going to the
    one ``_name_owners`` keeps (and a note naming the others in ``lexicon.notes``)."""
    items = _user_items(extensions, _sources(extensions, sources))
    owners = _name_owners(items)
    for index, item in enumerate(items):
        lexicon.igo_codes |= item.igo_codes
        for phrase, entry in item.entries.items():
            if owners[phrase] == index:
                lexicon.add(entry)
    lexicon.notes = _name_notes(items, owners, lexicon)


def _add_pycountry_names(lexicon: ActorLexicon) -> None:
    # Formal names only; the curated table adds short forms and overrides these.
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name and "," not in name and "(" not in name:
                lexicon.add(ActorEntry(name, country.alpha_3, None, COUNTRY))


def _required(item: Any, key: str, section: str) -> Any:
    if not isinstance(item, dict) or not item.get(key):
        raise DictionaryError(f"dictionary section '{section}': entry {item!r} has no '{key}'")
    return item[key]


@functools.cache
def _coded_entries() -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    """(countries, IGOs) of actors.yaml, the entries with a code, parsed once for the lookups
    below (the coder's lexicon adds pycountry's names and users' extensions; these name only
    detente's own). Other modules read actors.yaml through these, never on their own."""
    table = read_packaged("actors.yaml")
    countries, igos = (tuple(item for item in table.get(section) or []
                             if isinstance(item, dict) and item.get("code"))
                       for section in ("countries", "igos"))
    return countries, igos


@functools.cache
def _states_and_igos() -> tuple[dict[str, Any], ...]:
    countries, igos = _coded_entries()
    return countries + igos


def packaged_countries() -> tuple[dict[str, Any], ...]:
    """The countries of actors.yaml as written (code, names, demonyms), for the gazetteer."""
    return _coded_entries()[0]


@functools.cache
def igo_codes() -> frozenset[str]:
    """detente's IGO codes (UNO, NAT, EU...)."""
    return frozenset(str(item["code"]) for item in _coded_entries()[1])


def actor_code(country: str, sector: str | None, igos: Collection[str] | None = None) -> str:
    """The code of an actor of this state or IGO in this sector: a state's own code and the
    sector (IRNMIL), but an IGO's code whoever acts for it (IGOUNO for the U.N. and for its
    envoy alike, the sector kept apart), so that one query or dyad finds the body and its
    people together. ``igos``: the IGO codes in use (a user's dictionary may add some);
    detente's own by default."""
    if country in (igo_codes() if igos is None else igos):
        return "IGO" + country
    return country + (sector or "")


def igo_code_as_coded_now(code: Any, country: Any) -> Any:
    """A stored actor code as this version codes it: an IGO's person or official coded before
    detente-store/6 (UNOGOV) has the IGO's code (IGOUNO); any other code is returned as it is."""
    if (isinstance(country, str) and isinstance(code, str) and country in igo_codes()
            and not code.startswith("IGO")):
        return "IGO" + country
    return code


@functools.cache
def state_and_igo_codes() -> frozenset[str]:
    """detente's country and IGO codes."""
    return frozenset(str(item["code"]) for item in _states_and_igos())


@functools.cache
def state_names() -> dict[str, str]:
    """Country or IGO code -> its usual name (the first name actors.yaml gives it)."""
    names: dict[str, str] = {}
    for item in _states_and_igos():
        given = item.get("names") or []
        if given:
            names.setdefault(str(item["code"]), str(given[0]))
    return names


@functools.cache
def agent_sectors() -> frozenset[str]:
    """The CAMEO sector codes of data/agents.yaml (GOV, MIL, COP ...)."""
    return frozenset(str(code) for code in read_packaged("agents.yaml").get("sectors") or {})


@functools.cache
def codes_by_name() -> dict[str, str]:
    """A state's or IGO's names and demonyms, lower-cased -> its code ("russia" -> RUS): what
    people type where a code is asked for."""
    names: dict[str, str] = {}
    for item in _states_and_igos():
        for name in [*(item.get("names") or []), *(item.get("demonyms") or [])]:
            names.setdefault(str(name).lower(), str(item["code"]))
    return names


# Codes detente once gave an actor that now has another. EUR is CAMEO's region Europe (GDELT's
# "Europe", no state): the European Union is EU. A store written with the old code is migrated
# when it is opened (detente.store); one typed where a code is asked for (an old script's
# `--actor EUR`) is read as the new code, with a note saying so (retired_code).
RETIRED_CODES = {"EUR": ("EU", "CAMEO's code for the region Europe")}  # old: (new, why)
# what a message suggests where a country or IGO code is asked for
CODE_EXAMPLES = "ISO alpha-3 codes such as RUS, or IGO codes such as UNO, EU, NAT"


def retired_code(code: str) -> tuple[str, str | None]:
    """A code as detente codes it now, and a note when it was a retired one (EUR -> EU)."""
    old = code.strip().upper()
    if old not in RETIRED_CODES:
        return code, None
    new, why = RETIRED_CODES[old]
    return new, (f"{old} is read as {new}: detente codes the {state_names().get(new, new)} "
                 f"{new} ({old} is {why})")


def code_of_known_actor(code: str) -> bool:
    """Whether an actor code starts with one of detente's states or IGOs followed by whole
    three-letter parts (IRNMIL, EUGOV; not EURGOV, which is CAMEO's Europe)."""
    known = state_and_igo_codes()
    return any(code[:n] in known and (len(code) - n) % 3 == 0 for n in (2, 3))
