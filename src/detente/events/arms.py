"""Arms transfers: military equipment named in a sentence, and who supplies it to whom.

The records are the kind SIPRI compiles by hand: supplier, recipient, the systems, how many,
the value and how far the deal has gone. The mechanism:

1. ``find_equipment`` scans a sentence with one compiled pattern (``data/equipment.yaml``):
   named systems ("S-300PMU-1", "Leopard 2A6"), designation shapes ("Tor-M3", "Su-57"),
   "<Name>-class" ships and generic nouns ("air-defence systems"). A designation and the
   nouns after it are one item ("Tor-M1 air-defence systems"); the parse then drops generic
   nouns that only modify another noun ("arms embargo", "drone strike") or are verbs ("arms
   the rebels") and reads the number that modifies the item ("40 T-72 tanks").
2. ``find_transfers`` climbs from each item to the verb that governs it. A transfer verb
   (supply, sell, buy, ask for, sign a contract for ...) makes that clause a transfer; all the
   items under one verb are one record ("S-300 and Tor-M1 systems"). These words, like the
   number words and money scales, are the ``transfers``, ``numbers`` and ``money`` sections of
   ``data/equipment.yaml``, read once with the rest of it by ``catalogue()``.
3. Supplier and recipient come from the coder's events on that verb (or on the verb that
   governs it: "agreed to sell", "asked Russia to supply"), oriented by which actor is the
   grammatical agent; when the coder coded nothing there, the same actor resolution the coder
   uses is run on the verb's subject and its to/from/with phrases. A record that still lacks
   one party takes it from a record of the sentence or two before with the same other party
   ("Iran plans to buy arms from Russia. Tehran also wants S-300 systems": Russia supplies).
4. The status comes from the verb and the coder's modality cues: possible > requested >
   planned (future) > contracted > planned (intended) > delivered. Negated or blocked
   ("refused to deliver") clauses give no record.
5. The value is the money amount nearest the trigger, read with a pattern rather than from
   spaCy's MONEY entities, which the small model splits ("1.2 billion" CARDINAL + "euros").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from functools import cache
from itertools import pairwise
from typing import Any

import spacy
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from detente import parsetable as tree
from detente.actors.lexicon import ActorLexicon, load_actor_lexicon
from detente.actors.people import PeopleIndex, load_people, parse_day
from detente.actors.resolve import DocumentActors, build_matcher
from detente.datafiles import DictionaryError, read_packaged
from detente.events.modality import (
    NEGATED,
    QUESTION,
    ModalityCues,
    load_modality_cues,
    modality_of,
)
from detente.model import Actor, Event

MAX_CLIMB = 8  # how far up the parse a clause or its subject is looked for
# how many sentences back a record missing a party looks for a record of the same deal
CARRY_SENTENCES = 2


# ---- records ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Equipment:
    """A piece of military equipment named in the text."""

    text: str
    start: int  # document character offsets
    end: int
    designation: str | None  # "S-300PMU-1"; None for generic nouns ("tanks")
    category: str  # a category of equipment.yaml
    quantity: int | None  # "40 T-72 tanks" -> 40; "dozens of" -> None
    unit: str | None = None  # what the quantity counts when not the items: "battalion"
    maker: str | None = None  # state of the listed system's designer

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Transfer:
    """One reported arms transfer: who gives what to whom, and how far it has gone."""

    supplier: dict | None  # Actor.to_dict()
    recipient: dict | None
    equipment: list[Equipment]
    quantity: int | None
    value: float | None  # "over $7 billion" -> 7e9
    currency: str | None  # ISO 4217
    value_text: str | None
    status: str  # delivered, contracted, planned, requested, possible
    date: str | None
    sentence: str
    sentence_index: int
    doc_id: str
    trigger: dict  # text, start, end (document offsets)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # nested: equipment items become dicts too


# ---- the catalogue ------------------------------------------------------------------------
@dataclass(frozen=True)
class System:
    name: str
    category: str
    maker: str | None
    ambiguous: bool = False


@dataclass(frozen=True)
class Noun:
    category: str | None  # None: the designation before it decides ("S-300 systems")
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    head_only: bool = False  # equipment only after a designation ("Su-30 fighters")


@dataclass(frozen=True)
class Prefix:
    category: str
    maker: str | None
    min_digits: int = 1


@dataclass(frozen=True)
class TransferVocabulary:
    """The words that make a clause an arms transfer (equipment.yaml, ``transfers``)."""

    supply_verbs: frozenset[str]  # the subject supplies: "Russia delivered ..."
    acquire_verbs: frozenset[str]  # the subject receives: "India bought ..."
    request_verbs: frozenset[str]  # the subject asks: "Iran asked Russia for ..."
    contract_verbs: frozenset[str]  # "signed a contract for ..."
    contract_nouns: frozenset[str]
    supply_nouns: frozenset[str]  # "Russia's deliveries of ..."
    acquire_nouns: frozenset[str]  # "Iran's purchase of ..."
    request_nouns: frozenset[str]  # "a request for ..."
    nominal_governors: dict[str, str]  # verb over a transfer noun -> status it gives
    deal_verbs: frozenset[str]  # transfers reported when agreed: "contracted"
    deploy_verbs: frozenset[str]  # also move own forces: a record needs a recipient
    two_way_verbs: frozenset[str]  # "leased ... from Moscow": the subject receives
    blocking_verbs: frozenset[str]  # "refused to deliver": no record
    request_governors: frozenset[str]  # request_verbs and "urged Moscow to deliver"
    possible_governors: frozenset[str]  # "threatened to supply"
    object_control: frozenset[str]  # "asked Russia to supply": Russia supplies
    owning_verbs: frozenset[str]  # contract_verbs and "won a contract to supply"
    transaction_nouns: frozenset[str]  # "an arms deal": the arms are equipment


@dataclass(frozen=True)
class Catalogue:
    pattern: re.Pattern[str]
    systems: dict[str, System]  # every written form -> system
    nouns: dict[str, Noun]  # noun key (lowercase, no separators, singular) -> noun
    acronyms: dict[str, str]  # acronym -> category
    prefixes: dict[str, Prefix]
    units: frozenset[str]
    money: re.Pattern[str]
    currencies: dict[str, str]  # symbol, or currency word key -> ISO code
    money_scales: dict[str, float]  # "billion" -> 1e9
    number_words: dict[str, int]  # "forty" -> 40
    multipliers: dict[str, int]  # "dozen" -> 12
    gap_stopwords: frozenset[str]  # words that may not stand between a designation and noun
    transfers: TransferVocabulary


@cache
def catalogue() -> Catalogue:
    """The equipment table, compiled once into one pattern, with the words of transfers."""
    table = read_packaged("equipment.yaml")
    money = table.get("money") or {}
    numbers = table.get("numbers") or {}
    money_scales = _number_table(money, "scales", float)
    systems = _systems(table.get("names") or [])
    nouns, phrases, acronyms = _nouns(table)
    prefixes = {
        str(item["prefix"]): Prefix(item["category"], item.get("maker"),
                                    int(item.get("min_digits", 1)))
        for item in table.get("prefixes") or []
    }
    currencies, money_pattern = _money_pattern(
        table.get("currencies") or {}, money_scales, _words(money, "qualifiers", "money")
    )
    return Catalogue(
        pattern=_equipment_pattern(systems, phrases, acronyms, prefixes),
        systems=systems,
        nouns=nouns,
        acronyms=acronyms,
        prefixes=prefixes,
        units=frozenset(str(u) for u in table.get("quantity_units") or []),
        money=money_pattern,
        currencies=currencies,
        money_scales=money_scales,
        number_words=_number_table(numbers, "words", int),
        multipliers=_number_table(numbers, "multipliers", int),
        gap_stopwords=frozenset(_words(table, "gap_stopwords")),
        transfers=_transfer_vocabulary(table.get("transfers") or {}),
    )


def _vocabulary() -> TransferVocabulary:
    return catalogue().transfers


def _transfer_vocabulary(section: dict) -> TransferVocabulary:
    def words(key: str) -> frozenset[str]:
        return frozenset(_words(section, key, "transfers"))

    contract_verbs, request_verbs = words("contract_verbs"), words("request_verbs")
    contract_nouns, supply_nouns = words("contract_nouns"), words("supply_nouns")
    acquire_nouns = words("acquire_nouns")
    governors = section.get("nominal_governors") or {}
    statuses = {"delivered", "planned", "possible", "requested"}
    if not isinstance(governors, dict) or not all(
        isinstance(k, str) and v in statuses for k, v in governors.items()
    ):
        raise DictionaryError(
            "detente/data/equipment.yaml: transfers.nominal_governors must map verbs to one of "
            + ", ".join(sorted(statuses))
        )
    return TransferVocabulary(
        supply_verbs=words("supply_verbs"),
        acquire_verbs=words("acquire_verbs"),
        request_verbs=request_verbs,
        contract_verbs=contract_verbs,
        contract_nouns=contract_nouns,
        supply_nouns=supply_nouns,
        acquire_nouns=acquire_nouns,
        request_nouns=words("request_nouns"),
        nominal_governors=dict(governors),
        deal_verbs=words("deal_verbs"),
        deploy_verbs=words("deploy_verbs"),
        two_way_verbs=words("two_way_verbs"),
        blocking_verbs=words("blocking_verbs"),
        request_governors=request_verbs | words("request_governors"),
        possible_governors=words("possible_governors"),
        object_control=words("object_control"),
        owning_verbs=contract_verbs | words("owning_verbs"),
        transaction_nouns=(contract_nouns | supply_nouns | acquire_nouns
                           | words("transaction_nouns")),
    )


def _words(section: dict, key: str, parent: str | None = None) -> list[str]:
    """A list of words; an unquoted "on" or "no" (a boolean to YAML) is refused."""
    items = section.get(key) or []
    name = f"{parent}.{key}" if parent else key
    if not isinstance(items, list) or not all(isinstance(w, str) for w in items):
        raise DictionaryError(
            f"detente/data/equipment.yaml: {name} must be a list of words "
            f"(quote on, off, yes, no): {items!r}"
        )
    return [w.lower() for w in items]


def _number_table(section: dict, key: str, kind: type) -> dict:
    items = section.get(key) or {}
    if not isinstance(items, dict) or not all(
        isinstance(w, str) and isinstance(n, (int, float)) and not isinstance(n, bool)
        for w, n in items.items()
    ):
        raise DictionaryError(
            f"detente/data/equipment.yaml: {key} must map words to numbers: {items!r}"
        )
    return {w.lower(): kind(n) for w, n in items.items()}


def _systems(items: list[dict]) -> dict[str, System]:
    systems: dict[str, System] = {}
    for item in items:
        system = System(str(item["name"]), item["category"], item.get("maker"),
                        bool(item.get("ambiguous", False)))
        for form in [item["name"], *(item.get("aliases") or [])]:
            systems[_form_key(str(form))] = system
    return systems


def _form_key(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _nouns(table: dict) -> tuple[dict[str, Noun], list[str], dict[str, str]]:
    nouns: dict[str, Noun] = {}
    phrases: list[str] = []
    acronyms: dict[str, str] = {}
    for category, entry in (table.get("categories") or {}).items():
        for item in entry.get("nouns") or []:
            phrase, noun = _noun(item, category)
            nouns[_noun_key(phrase)] = noun
            phrases.append(phrase)
        for acronym in entry.get("acronyms") or []:
            acronyms[str(acronym)] = category
    for head, category in (table.get("heads") or {}).items():
        if _noun_key(str(head)) not in nouns:
            nouns[_noun_key(str(head))] = Noun(category, head_only=True)
            phrases.append(str(head))
    return nouns, phrases, acronyms


def _noun(item: Any, category: str) -> tuple[str, Noun]:
    if isinstance(item, str):
        return item, Noun(category)
    return str(item["noun"]), Noun(
        category,
        tuple(str(w).lower() for w in item.get("not_after") or []),
        tuple(str(w).lower() for w in item.get("not_before") or []),
    )


def _noun_key(text: str) -> str:
    """A noun as looked up: lowercase, no spaces or hyphens ("anti-aircraft" = "antiaircraft")."""
    return re.sub(r"[\s-]+", "", text.lower())


def _singular_keys(key: str) -> Iterator[str]:
    yield key
    if key.endswith("ies"):
        yield key[:-3] + "y"
    if key.endswith("es"):
        yield key[:-2]
    if key.endswith("s"):
        yield key[:-1]


def _equipment_pattern(
    systems: dict[str, System], phrases: list[str], acronyms: dict[str, str],
    prefixes: dict[str, Prefix],
) -> re.Pattern[str]:
    # Each list of words is compiled as a trie, so a position is tested against shared
    # prefixes once rather than against every entry (about 0.1 ms less per sentence).
    names = _trie_regex(_name_atoms(form) for form in systems)
    long_prefixes = [re.escape(p) for p in sorted(prefixes, key=len, reverse=True) if len(p) > 4]
    shape_prefix = "|".join([r"[A-Z][A-Za-z]{0,3}", *long_prefixes])
    acronym = _trie_regex(_name_atoms(a) for a in acronyms)
    generic = _trie_regex(form for phrase in phrases for form in _noun_atoms(phrase))
    return re.compile(
        r"(?<![\w-])(?:"
        rf"(?P<name>{names})(?P<variant>(?:-?[A-Z0-9]+)*)s?(?!\w)"
        rf"|(?P<shape>(?P<prefix>{shape_prefix})-(?P<code>[A-Z]{{0,3}}(?P<digits>\d+)"
        r"(?:-?[A-Z0-9]+)*))s?(?!\w)"
        r"|(?P<cls>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?-class)(?!\w)"
        rf"|(?P<acronym>{acronym})(?!\w)"
        rf"|(?i:(?P<noun>{generic}))(?![\w-])"
        r")"
    )


SEPARATOR = r"[\s-]*"


def _name_atoms(form: str) -> tuple[str, ...]:
    return tuple(r"\s+" if ch == " " else re.escape(ch) for ch in form)


def _noun_atoms(phrase: str) -> Iterator[tuple[str, ...]]:
    """A generic noun and its plurals; a space or hyphen may be either, or absent."""
    words = re.split(r"[\s-]+", phrase.lower())
    last = words[-1]
    endings = [last, last + "s", last + "es"]
    if last.endswith("y") and not last.endswith(("ay", "ey", "oy", "uy")):
        endings.append(last[:-1] + "ies")
    for ending in endings:
        atoms: list[str] = []
        for word in [*words[:-1], ending]:
            if atoms:
                atoms.append(SEPARATOR)
            atoms.extend(re.escape(ch) for ch in word)
        yield tuple(atoms)


def _trie_regex(sequences: Iterable[tuple[str, ...]]) -> str:
    trie: dict[str, dict] = {}
    for sequence in sequences:
        node = trie
        for atom in sequence:
            node = node.setdefault(atom, {})
        node[""] = {}  # a form ends here
    return _node_regex(trie)


def _node_regex(node: dict[str, dict]) -> str:
    branches = [atom + _node_regex(child) for atom, child in node.items() if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # an entry ending here is tried after the longer ones ("missile" after "missile system")
    return f"(?:{body})?" if "" in node else body


def _generic_regex(phrase: str) -> str:
    return _trie_regex(_noun_atoms(phrase))


def _money_pattern(
    table: dict, scales: dict[str, float], qualifiers: list[str]
) -> tuple[dict[str, str], re.Pattern[str]]:
    currencies: dict[str, str] = {}
    symbols: list[str] = []
    words: list[str] = []
    for code, entry in table.items():
        for symbol in entry.get("symbols") or []:
            currencies[str(symbol)] = str(code)
            symbols.append(str(symbol))
        for word in entry.get("words") or []:
            currencies[_noun_key(str(word))] = str(code)
            words.append(str(word))
    symbol_re = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    word_re = "|".join(_generic_regex(w) for w in sorted(words, key=len, reverse=True))
    scale_re = "|".join(re.escape(s) for s in sorted(scales, key=len, reverse=True))
    qualifier_re = "|".join(r"\s+".join(map(re.escape, q.split())) for q in qualifiers)
    pattern = re.compile(
        rf"(?<![\w$])(?:(?P<qualifier>(?i:{qualifier_re}))\s+)?"
        rf"(?P<symbol>{symbol_re})?\s?"
        r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"(?:\s*(?P<scale>(?i:{scale_re}))(?![A-Za-z]))?"
        rf"(?:\s+(?P<word>(?i:{word_re}))(?![A-Za-z]))?"
    )
    return currencies, pattern


# ---- equipment in a sentence ----------------------------------------------------------------
@dataclass(frozen=True)
class _Piece:
    """One match of the pattern: a designation, or a noun that may follow one."""

    start: int  # sentence-relative character offsets
    end: int
    kind: str  # name, shape, class, noun
    designation: str | None = None
    category: str | None = None
    maker: str | None = None
    needs_noun: bool = False  # counts only with a noun after it (ambiguous or unlisted)
    head_only: bool = False  # a noun that is equipment only after a designation


def find_equipment(sent: Span, text: str | None = None) -> list[Equipment]:
    """Military equipment named in one sentence, in text order. ``text`` is the sentence's
    text, when the caller has it (a span's own ``text`` joins its words anew each time)."""
    cat = catalogue()
    if text is None:
        text = sent.text
    pieces = [p for m in cat.pattern.finditer(text) if (p := _piece(m, text, cat)) is not None]
    found: list[Equipment] = []
    for group in _groups(pieces, text):
        item = _equipment(group, sent, text, cat)
        if item is not None:
            found.append(item)
    return found


def _piece(match: re.Match[str], text: str, cat: Catalogue) -> _Piece | None:
    start, end = match.span()
    if match["name"]:
        system = cat.systems[_form_key(match["name"])]
        designation = _form_key(match["name"] + match["variant"])
        # a numbered variant ("Tor-M3") is no ordinary word, unlike "Tor" or "Patriot"
        ambiguous = system.ambiguous and not any(ch.isdigit() for ch in match["variant"])
        return _Piece(start, end, "name", designation, system.category, system.maker,
                      ambiguous)
    if match["shape"]:
        prefix = cat.prefixes.get(match["prefix"])
        if prefix is not None and len(match["digits"]) >= prefix.min_digits:
            return _Piece(start, end, "shape", match["shape"], prefix.category, prefix.maker)
        return _Piece(start, end, "shape", match["shape"], needs_noun=True)
    if match["cls"]:
        return _Piece(start, end, "class", match["cls"], needs_noun=True)
    if match["acronym"]:
        return _Piece(start, end, "noun", category=cat.acronyms[match["acronym"]])
    noun = _lookup_noun(match["noun"], cat)
    if noun is None or _excluded(noun, text, start, end):
        return None
    return _Piece(start, end, "noun", category=noun.category, head_only=noun.head_only)


def _lookup_noun(text: str, cat: Catalogue) -> Noun | None:
    return next((cat.nouns[k] for k in _singular_keys(_noun_key(text)) if k in cat.nouns), None)


def _excluded(noun: Noun, text: str, start: int, end: int) -> bool:
    """"think tank", "arms control", "under the radar": the noun is something else there."""
    before = " " + " ".join(text[:start].lower().split()[-2:])
    if any(before.endswith(" " + phrase) for phrase in noun.not_after):
        return True
    after = text[end:].lower().split(maxsplit=1)
    return bool(after) and after[0].strip(".,;:") in noun.not_before


def _groups(pieces: list[_Piece], text: str) -> Iterator[list[_Piece]]:
    """Pieces that name one item: a designation and the nouns right after it."""
    group: list[_Piece] = []
    for piece in pieces:
        if group and piece.kind == "noun" and _joins(group[-1], piece, text):
            group.append(piece)
            continue
        if group:
            yield group
        group = [piece]
    if group:
        yield group


def _joins(previous: _Piece, piece: _Piece, text: str) -> bool:
    gap = text[previous.end : piece.start]
    if not gap.strip(" -"):
        return True
    # "Su-30 multirole fighters": up to two modifiers between a designation and its noun
    words = gap.split()
    return (
        previous.kind != "noun"
        and gap[0].isspace()
        and gap[-1].isspace()
        and len(words) <= 2
        and all(w.isalpha() and w.islower() and w not in catalogue().gap_stopwords
                for w in words)
    )


def _equipment(group: list[_Piece], sent: Span, text: str, cat: Catalogue) -> Equipment | None:
    first = group[0]
    named = first if first.kind != "noun" else None
    nouns = group[1:] if named else group
    category = _category(named, nouns)
    if category is None:
        return None
    start, end = sent.start_char + first.start, sent.start_char + group[-1].end
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    if named is None and not _nominal_use(root, span, sent):
        return None
    quantity, unit = _quantity(root, cat.units)
    return Equipment(
        text=text[first.start : group[-1].end],
        start=start,
        end=end,
        designation=named.designation if named else None,
        category=category,
        quantity=quantity,
        unit=unit,
        maker=named.maker if named else None,
    )


def _category(named: _Piece | None, nouns: list[_Piece]) -> str | None:
    """A listed system keeps its own category; otherwise the rightmost noun decides."""
    if named is None:
        # "fighters", "vessels", "guns" alone are not (only) military equipment
        return next((p.category for p in reversed(nouns) if p.category and not p.head_only),
                    None)
    from_nouns = next((p.category for p in reversed(nouns) if p.category), None)
    if named.needs_noun and not nouns:
        return None
    if named.kind == "name":
        return named.category
    return from_nouns or named.category


def _nominal_use(root: Token, span: Span, sent: Span) -> bool:
    """Whether a generic noun names equipment here, not a verb or another noun's modifier."""
    if root.pos_ in ("VERB", "AUX"):
        return False  # "Moscow arms the rebels", "the economy tanks"
    if root.pos_ == "PROPN" and span.text[:1].isupper() and span.start != sent.start:
        return False  # a name ("Shell")
    head = root.head
    if root.dep_ in ("compound", "amod", "nmod") and head.i >= span.end and not any(
        t.is_punct for t in root.doc[span.end : head.i]
    ):
        # "arms embargo", "drone strike" are not equipment; "an arms deal" is. A comma
        # between them is a misparsed list ("a frigate, surface-to-air missiles").
        return head.lemma_.lower() in _vocabulary().transaction_nouns
    return True


def _quantity(root: Token, units: frozenset[str]) -> tuple[int | None, str | None]:
    lemma = root.lemma_.lower()
    count = _count(root)
    if count is not None:
        return count, lemma if lemma in units else None  # "two Patriot batteries"
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        # "two battalions of S-300 systems": the number counts the formations
        holder = root.head.head
        holder_lemma = holder.lemma_.lower()
        if holder_lemma in units:
            count = _count(holder)
            if count is not None:
                return count, holder_lemma
    return None, None


def _count(noun: Token) -> int | None:
    # the parser sometimes takes a designation for a number ("T-72" as nummod of "tanks")
    counts = (_number(c) for c in noun.children if c.dep_ == "nummod")
    return next((n for n in counts if n is not None), None)


def _number(token: Token) -> int | None:
    cat = catalogue()
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    if text in cat.number_words:
        return cat.number_words[text]
    if text in cat.multipliers:
        inner = next((c for c in token.children if c.like_num and c.i < token.i), None)
        value = _number(inner) if inner is not None else 1  # "a dozen"
        return value * cat.multipliers[text] if value is not None else None
    return None  # "dozens", "several", "1.5"


# ---- transfers ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Clause:
    """The clause that makes a transfer out of the equipment under it."""

    verb: Token  # the verb whose subject and phrases name the parties
    kind: str  # supply, acquire, request, contract
    trigger: Token  # the verb, or the transfer noun it governs ("began deliveries of")
    direction: str | None = None  # for contracts: which side the subject is on, if known
    governed: str | None = None  # the status a governing verb gives a transfer noun


@dataclass(frozen=True)
class _ActorTools:
    lexicon: ActorLexicon
    matcher: Any  # spaCy PhraseMatcher
    people: PeopleIndex


_TOOLS: dict[int, tuple[Vocab, _ActorTools]] = {}


def _actor_tools(vocab: Vocab, coder: Any = None) -> _ActorTools:
    """The coder's actor dictionaries: its own when given, else built once per vocabulary."""
    if coder is not None:
        # office holders are the packaged table in any coder (load_people is cached)
        return _ActorTools(coder.actor_lexicon, coder.matcher, load_people())
    cached = _TOOLS.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        lexicon = load_actor_lexicon()
        matcher = build_matcher(spacy.blank("en", vocab=vocab), lexicon)
        cached = (vocab, _ActorTools(lexicon, matcher, load_people()))
        _TOOLS[id(vocab)] = cached
    return cached[1]


class _LazyActors:
    """Actor resolution for clauses the coder coded nothing in; built only when needed."""

    def __init__(self, doc: Doc, sents: list[Span], coder: Any, date: str | None,
                 max_tokens: int | None = None) -> None:
        self.doc = doc
        self.sents = sents
        self.coder = coder
        self.date = date
        self.max_tokens = max_tokens
        self.actors: DocumentActors | None = None
        self.observed = 0

    def upto(self, index: int) -> DocumentActors:
        if self.actors is None:
            tools = _actor_tools(self.doc.vocab, self.coder)
            self.actors = DocumentActors(self.doc, tools.lexicon, tools.matcher, tools.people,
                                         parse_day(self.date))
        # sentences are observed in order, so pronouns resolve as they do in the coder
        while self.observed <= index:
            sent = self.sents[self.observed]
            if self.max_tokens is None or len(sent) <= self.max_tokens:
                # (a sentence over the coder's budget is not observed there either)
                self.actors.observe(sent)
            self.observed += 1
        return self.actors


def find_transfers(
    doc: Doc, events: list[Event], doc_id: str, *, date: str | None = None, coder: Any = None,
    max_tokens: int | None = None,
) -> list[Transfer]:
    """Arms transfers in a document already coded into ``events``.

    ``date`` defaults to the events' date; ``coder`` (a ``Coder``) lends its actor
    dictionaries for clauses without events, otherwise the packaged ones are loaded once.
    Sentences over ``max_tokens`` (the coder's budget for one sentence) are left, as the coder
    leaves them: each of their clauses re-read the whole sentence (a 9,600-token run-on of
    sales took 84 s).
    """
    if date is None:
        date = next((e.date for e in events if e.date), None)
    sents = tree.sentences(doc)
    by_sentence: dict[int, list[Event]] = {}
    for event in events:
        by_sentence.setdefault(event.sentence_index, []).append(event)
    actors = _LazyActors(doc, sents, coder, date, max_tokens)
    cues = load_modality_cues()
    transfers: list[Transfer] = []
    text = tree.document_text(doc)
    for index, sent in enumerate(sents):
        if max_tokens is not None and len(sent) > max_tokens:
            continue
        equipment = find_equipment(sent, text[sent.start_char : sent.end_char])
        if not equipment:
            continue
        for clause, items in _clauses(sent, equipment):
            transfers.extend(_transfers(clause, items, sent, index, by_sentence.get(index, []),
                                        actors, cues, doc_id, date))
    return _carry_parties(transfers)


def _carry_parties(transfers: list[Transfer]) -> list[Transfer]:
    """"Iran plans to buy arms from Russia. Tehran also wants S-300 systems": a record that
    names one party only takes the other from a record of the sentence or two before that has
    the same party on the same side (the story is still on that deal); none is guessed when
    those records disagree."""
    done: list[Transfer] = []
    # the records come in sentence order, so only the last few sentences' are read (all of
    # them for each record had cost the square of a long story's records)
    ordered = all(a.sentence_index <= b.sentence_index for a, b in pairwise(transfers))
    indices: list[int] = []
    for record in transfers:
        first = bisect_left(indices, record.sentence_index - CARRY_SENTENCES) if ordered else 0
        if record.supplier is None and record.recipient is None:
            deal = _same_deal(record, done[first:])
            if deal is not None:
                done.append(replace(record, supplier=deal.supplier, recipient=deal.recipient))
                indices.append(record.sentence_index)
            continue
        for known, missing in (("recipient", "supplier"), ("supplier", "recipient")):
            party = getattr(record, known)
            if getattr(record, missing) is not None or party is None or not party.get("country"):
                continue
            others = {_party_key(getattr(earlier, missing)): getattr(earlier, missing)
                      for earlier in done[first:]
                      if 0 < record.sentence_index - earlier.sentence_index <= CARRY_SENTENCES
                      and getattr(earlier, missing) is not None
                      and (getattr(earlier, known) or {}).get("country") == party["country"]}
            if len(others) == 1:
                record = replace(record, **{missing: next(iter(others.values()))})
        done.append(record)
        indices.append(record.sentence_index)
    return done


def _same_deal(record: Transfer, earlier: list[Transfer]) -> Transfer | None:
    """The one deal, of the sentence or two before, with both parties named and the same
    kind of arms as a record that names neither ("A agreed to buy fighter jets from B. The
    first six jets were delivered"); None when there is none, or several that disagree."""
    kinds = {item.category for item in record.equipment}
    deals = {(_party_key(e.supplier), _party_key(e.recipient)): e for e in earlier
             if 0 < record.sentence_index - e.sentence_index <= CARRY_SENTENCES
             and e.supplier is not None and e.recipient is not None
             and kinds & {item.category for item in e.equipment}}
    return next(iter(deals.values())) if len(deals) == 1 else None


def _party_key(actor: dict) -> tuple:
    """One actor of a record, as a key: its state and code (not where it was named)."""
    return actor.get("country"), actor.get("code")


def _clauses(sent: Span, equipment: list[Equipment]) -> list[tuple[_Clause, list[Equipment]]]:
    """Equipment grouped by the transfer clause that governs it; ungoverned items are left out."""
    grouped: dict[int, tuple[_Clause, list[Equipment]]] = {}
    for item in equipment:
        span = sent.doc.char_span(item.start, item.end, alignment_mode="expand")
        clause = _clause_of(span.root) if span is not None else None
        if clause is not None:
            grouped.setdefault(clause.trigger.i, (clause, []))[1].append(item)
    return list(grouped.values())


def _clause_of(root: Token) -> _Clause | None:
    # "the S-300 systems that Russia sold to Iran": the clause hangs on the item
    for child in root.children:
        if child.dep_ in ("relcl", "acl") and _is_verb(child) and _verb_kind(child):
            return _verb_clause(child, None)
    nominal: Token | None = None
    token = root
    for _ in range(MAX_CLIMB):
        if token.head == token:
            return None
        token = token.head
        if _is_verb(token):
            return _verb_clause(token, nominal)
        if nominal is None and token.pos_ in ("NOUN", "PROPN") and _noun_kind(token):
            nominal = token
    return None


def _verb_clause(verb: Token, nominal: Token | None) -> _Clause | None:
    kind = _verb_kind(verb)
    noun_kind = _noun_kind(nominal) if nominal is not None else None
    if kind in ("supply", "acquire", "request"):
        return _Clause(verb, kind, verb)
    if kind == "contract":
        direction = noun_kind if noun_kind in ("supply", "acquire") else None
        return _Clause(verb, "contract", verb, direction)
    if nominal is None or noun_kind in (None, "contract"):
        return None
    lemma = verb.lemma_.lower()
    governors = _vocabulary().nominal_governors
    if noun_kind == "request":
        # "submitted a request for T-72 tanks"
        governed = "requested" if governors.get(lemma) == "requested" else None
    else:
        governed = governors.get(lemma)
        governed = None if governed == "requested" else governed
    if governed is None:
        return None
    return _Clause(verb, noun_kind, nominal, governed=governed)


def _verb_kind(verb: Token) -> str | None:
    words = _vocabulary()
    lemma = verb.lemma_.lower()
    if lemma == "hand":
        return "supply" if any(c.lower_ == "over" for c in verb.children) else None
    if lemma == "order" and any(c.dep_ == "prep" and c.lower_ in ("to", "into")
                                for c in verb.children):
        return None  # "ordered tanks to the border" is a command, not a purchase
    if lemma in words.two_way_verbs and _has_prep(verb, ("from",)) and not _has_prep(
            verb, ("to", "for")) and not any(c.dep_ == "dative" for c in verb.children):
        return "acquire"
    if lemma in words.supply_verbs:
        return "supply"
    if lemma in words.acquire_verbs:
        return "acquire"
    if lemma in words.request_verbs:
        return "request"
    if lemma in words.contract_verbs and (lemma == "agree" or any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in words.contract_nouns
        for c in verb.children
    )):
        return "contract"
    return None


def _has_prep(verb: Token, preps: tuple[str, ...]) -> bool:
    """Whether a preposition of these hangs on the verb or on its direct object."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return any(c.dep_ == "prep" and c.lower_ in preps for head in heads for c in head.children)


def _noun_kind(noun: Token) -> str | None:
    words = _vocabulary()
    lemma = noun.lemma_.lower()
    if lemma in words.supply_nouns:
        return "supply"
    if lemma in words.acquire_nouns:
        return "acquire"
    if lemma in words.request_nouns:
        return "request"
    if lemma in words.contract_nouns:
        return "contract"
    return None


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


# ---- one clause, one record per pair of parties -----------------------------------------------
def _transfers(
    clause: _Clause, items: list[Equipment], sent: Span, index: int, events: list[Event],
    actors: _LazyActors, cues: ModalityCues, doc_id: str, date: str | None,
) -> list[Transfer]:
    path = _governing_path(clause.verb)
    status = _status(clause, modality_of(clause.verb, cues), path)
    if status is None:
        return []
    value, currency, value_text = _money(sent, clause.trigger)
    trigger = clause.trigger
    # the date the coder resolved for the event on the same verb ("delivered ... last month")
    date = next((e.date for e in events if e.token_index in (clause.verb.i, trigger.i)
                 and e.date), date)
    records: list[Transfer] = []
    seen: set[tuple] = set()
    for supplier, recipient in _parties(clause, items, path, sent, index, events, actors):
        key = (_actor_key(supplier), _actor_key(recipient))
        if key in seen:
            continue
        seen.add(key)
        records.append(Transfer(
            supplier=supplier.to_dict() if supplier else None,
            recipient=recipient.to_dict() if recipient else None,
            equipment=list(items),
            quantity=_total(items),
            value=value,
            currency=currency,
            value_text=value_text,
            status=status,
            date=date,
            sentence=sent.text,
            sentence_index=index,
            doc_id=doc_id,
            trigger={"text": trigger.text, "start": trigger.idx,
                     "end": trigger.idx + len(trigger.text)},
        ))
    return records


def _actor_key(actor: Actor | None) -> tuple:
    return (actor.code, actor.start) if actor else (None, None)


def _total(items: list[Equipment]) -> int | None:
    """The number of items: known only when every item is counted in itself (not "battalions")."""
    if any(item.quantity is None or item.unit is not None for item in items):
        return None
    return sum(item.quantity for item in items if item.quantity is not None)


def _governing_path(verb: Token) -> list[Token]:
    """The verb and the words above it, up to a full relative clause's boundary."""
    path = [verb]
    current = verb
    for _ in range(MAX_CLIMB):
        if current.head == current:
            break
        if current.dep_ == "relcl" and any(c.dep_.startswith("nsubj") for c in current.children):
            break  # "Russia, which supplied ...": what governs Russia is not about the supply
        current = current.head
        path.append(current)
    return path


def _status(clause: _Clause, modality: str, path: list[Token]) -> str | None:
    """delivered, contracted, planned, requested or possible; None for no transfer."""
    words = _vocabulary()
    governing_verbs = {t.lemma_.lower() for t in path[1:] if _is_verb(t)}
    if modality == NEGATED or governing_verbs & words.blocking_verbs:
        return None
    if (modality in ("possible", "conditional", QUESTION) or clause.governed == "possible"
            or governing_verbs & words.possible_governors):
        return "possible"
    if clause.kind == "request" or governing_verbs & words.request_governors:
        return "requested"
    if modality == "future":
        return "planned"
    if clause.kind == "contract" or _under_contract(path):
        return "contracted"
    if modality == "intended" or clause.governed == "planned" or _unrealised(clause.verb):
        return "planned"
    if clause.governed == "delivered":
        return "delivered"
    if clause.kind in ("supply", "acquire") and clause.verb.lemma_.lower() in words.deal_verbs:
        return "contracted"  # a sale or purchase is reported when agreed, not when delivered
    return "delivered"


def _under_contract(path: list[Token]) -> bool:
    """"signed a contract to supply", "agreed to sell": the transfer is contracted."""
    words = _vocabulary()
    return any(
        (t.lemma_.lower() in words.contract_nouns and t.pos_ == "NOUN")
        or (_is_verb(t) and t.lemma_.lower() in words.contract_verbs)
        for t in path[1:]
    )


def _unrealised(verb: Token) -> bool:
    """An infinitive of purpose or under a noun or "be": "the decision to deliver", "is to
    deliver", "(signed a deal) to supply"; not "continued to supply"."""
    infinitive = verb.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux"
                                           for c in verb.children)
    return infinitive and (
        verb.dep_ in ("advcl", "acl", "relcl") or verb.head.pos_ == "NOUN"
        or verb.head.lemma_ == "be"
    )


# ---- parties ------------------------------------------------------------------------------------
def _parties(
    clause: _Clause, items: list[Equipment], path: list[Token], sent: Span, index: int,
    events: list[Event], actors: _LazyActors,
) -> list[tuple[Actor | None, Actor | None]]:
    """(supplier, recipient) pairs: from the coder's events on the verb, else resolved here."""
    agent = _agent_token(clause)
    direct, governing = _events_on(clause, path, sent, events)
    if direct:
        pairs = [_orient(event, agent) for event in direct]
    else:
        pairs = _resolved_pairs(clause, agent, actors.upto(index), governing)
    makers = {item.maker for item in items if item.maker}
    found = [_assign(clause, a, o, makers) for a, o in pairs]
    deployed = clause.verb.lemma_.lower() in _vocabulary().deploy_verbs
    kept = [
        (s, r) for s, r in found
        if (s or r) and not (s and r and s.country == r.country)
        and not (deployed and r is None)
    ]
    if not found and not deployed:
        # "The first six jets were delivered on Monday": no party named here; a record of
        # the sentence before with the same kind of arms may name both (_carry_parties)
        return [(None, None)]
    return _one_direction(kept, makers)


def _one_direction(
    pairs: list[tuple[Actor | None, Actor | None]], makers: set[str]
) -> list[tuple[Actor | None, Actor | None]]:
    """"Russia and Iran agreed on the sale": of A->B and B->A keep the maker's side."""
    kept: list[tuple[Actor | None, Actor | None]] = []
    for supplier, recipient in pairs:
        reverse = next((p for p in kept if p[0] is not None and p[1] is not None
                        and supplier is not None and recipient is not None
                        and p[0].country == recipient.country
                        and p[1].country == supplier.country), None)
        if reverse is None:
            kept.append((supplier, recipient))
        elif supplier is not None and supplier.country in makers and (
            reverse[0] is None or reverse[0].country not in makers
        ):
            kept[kept.index(reverse)] = (supplier, recipient)
    return kept


def _events_on(
    clause: _Clause, path: list[Token], sent: Span, events: list[Event]
) -> tuple[list[Event], list[Event]]:
    """The coder's events triggered by the clause's verb, and by the verbs governing it."""
    doc = sent.doc
    own = {clause.verb.i, clause.trigger.i}
    above = {t.i for t in path[1:] if _is_verb(t)}
    direct: list[Event] = []
    governing: list[Event] = []
    for event in events:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None:
            continue
        indices = {t.i for t in span}
        if indices & own:
            direct.append(event)
        elif indices & above:
            governing.append(event)
    return direct, governing


def _orient(event: Event, agent: Token | None) -> tuple[Actor | None, Actor | None]:
    """(agent, other) of an event: the coder may have reversed the roles ("received ... from")."""
    if agent is not None:
        low, high = agent.left_edge.idx, agent.right_edge.idx + len(agent.right_edge.text)
        if event.target.start is not None and low <= event.target.start < high and not (
            event.source.start is not None and low <= event.source.start < high
        ):
            return event.target, event.source
    return event.source, event.target


def _resolved_pairs(
    clause: _Clause, agent: Token | None, actors: DocumentActors, governing: list[Event]
) -> list[tuple[Actor | None, Actor | None]]:
    agents = actors.actors_for(agent) if agent is not None else []
    others = _other_actors(clause, actors)
    oriented = [_orient(event, agent) for event in governing]
    if not agents:
        agents = [a for a, _ in oriented if a is not None][:1]
    if not others:
        others = [o for _, o in oriented if o is not None][:1]
    countries = {a.country for a in agents}
    others = [o for o in others if o.country not in countries] or ([] if agents else others)
    if agents and others:
        return [(a, o) for a in agents for o in others]
    return [(a, None) for a in agents] or [(None, o) for o in others]


def _assign(
    clause: _Clause, agent: Actor | None, other: Actor | None, makers: set[str]
) -> tuple[Actor | None, Actor | None]:
    """(supplier, recipient) from the clause's agent and the other party."""
    direction = clause.kind if clause.kind != "contract" else clause.direction
    if direction is None:
        # A contract "for" equipment: the party whose state makes it is the supplier; failing
        # that, the subject is taken to be the buyer.
        agent_makes = agent is not None and agent.country in makers
        other_makes = other is not None and other.country in makers
        direction = "supply" if agent_makes and not other_makes else "acquire"
    if direction == "supply":
        return agent, other
    return other, agent


def _agent_token(clause: _Clause) -> Token | None:
    """The phrase naming who acts: the subject, the passive agent, or "Russia's" deliveries."""
    if clause.trigger is not clause.verb:
        owner = next((c for c in clause.trigger.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
    return _subject(clause.verb)


def _subject(verb: Token) -> Token | None:
    current = verb
    for _ in range(MAX_CLIMB):
        found, done = _own_subject(current)
        if done:
            return found
        head = current.head
        if head == current:
            return None
        if current.dep_ == "xcomp" and head.lemma_.lower() in _vocabulary().object_control:
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj  # "asked Russia to supply": Russia supplies
        if current.pos_ in ("NOUN", "PROPN"):
            owner = next((c for c in current.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner  # "Russia's decision to deliver"
            if _is_verb(head) and not _owned(head):
                return None  # "Israel condemned the deal to supply ...": not Israel's deal
        current = head
    return None


def _own_subject(verb: Token) -> tuple[Token | None, bool]:
    """A word's own subject or passive agent; done=True when the search should stop."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head, True
            return child, True
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None), True
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None, True  # "S-300 systems were delivered to Iran": no agent named
    return None, False


def _owned(verb: Token) -> bool:
    """Verbs whose subject owns the deal in their object ("signed a contract to supply")."""
    return verb.lemma_.lower() in _vocabulary().owning_verbs


def _other_actors(clause: _Clause, actors: DocumentActors) -> list[Actor]:
    """The party on the other side: a recipient for supplies, a supplier otherwise."""
    verb = clause.verb
    scope = _scope(clause)
    if clause.kind == "supply":
        preps: tuple[str, ...] = ("to", "for")
        direct = [c for c in verb.children if c.dep_ in ("dative", "dobj", "nsubjpass")]
    elif clause.kind == "request":
        preps, direct = ("from", "to"), [c for c in verb.children if c.dep_ == "dobj"]
    elif clause.kind == "contract":
        preps, direct = ("with", "from", "to"), []
    else:
        preps, direct = ("from",), []
    for token in direct:
        found = _pobj_actors(token, actors) if token.dep_ == "dative" else []
        found = found or actors.actors_for(token)
        if found:
            return found
    for token in scope:
        if token.dep_ in ("prep", "dative") and token.lower_ in preps:
            found = _pobj_actors(token, actors)
            if found:
                return found
    return []


def _scope(clause: _Clause) -> list[Token]:
    """The clause's own words: the verb's subtree without the clauses embedded in it."""
    words: list[Token] = []
    stack = [clause.verb, clause.trigger] if clause.trigger is not clause.verb else [clause.verb]
    seen: set[int] = set()
    while stack:
        token = stack.pop()
        if token.i in seen:
            continue
        seen.add(token.i)
        words.append(token)
        stack.extend(c for c in token.children
                     if not (_is_verb(c) and c.dep_ not in ("aux", "auxpass", "prt")))
    return sorted(words, key=lambda t: t.i)


def _pobj_actors(prep: Token, actors: DocumentActors) -> list[Actor]:
    found: list[Actor] = []
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            found.extend(actors.actors_for(child))
    return found


# ---- money ------------------------------------------------------------------------------------
def _money(sent: Span, trigger: Token) -> tuple[float | None, str | None, str | None]:
    """The amount nearest the trigger: value, ISO currency and the words that state it."""
    cat = catalogue()
    best: tuple[int, float, str, str] | None = None
    for match in cat.money.finditer(sent.text):
        currency = _currency(match, cat)
        if currency is None:
            continue
        distance = abs(sent.start_char + match.start() - trigger.idx)
        if best is None or distance < best[0]:
            value = float(match["number"].replace(",", ""))
            value *= cat.money_scales.get((match["scale"] or "").lower(), 1.0)
            best = (distance, value, currency, match.group().strip())
    if best is None:
        return None, None, None
    return best[1], best[2], best[3]


def _currency(match: re.Match[str], cat: Catalogue) -> str | None:
    if match["symbol"]:
        return cat.currencies.get(match["symbol"])
    if match["word"]:
        keys = _singular_keys(_noun_key(match["word"]))
        return next((cat.currencies[k] for k in keys if k in cat.currencies), None)
    return None
