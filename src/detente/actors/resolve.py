"""Who a noun phrase refers to, within one document.

``DocumentActors`` walks a parsed document sentence by sentence. It finds dictionary mentions,
reads a noun phrase's head, modifiers and possessor to decide its state and sector, introduces
people from their titles ("Iranian Defense Minister Ali Shamkhani") and resolves later
references by surname, title or pronoun to the most recent compatible actor.
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy
from spacy.attrs import ENT_IOB, IS_TITLE
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from detente import parsetable as tree
from detente.actors.lexicon import (
    CAPITAL,
    COUNTRY,
    DEMONYM,
    GROUP,
    IGO,
    SEAT,
    STATELESS,
    ActorEntry,
    ActorLexicon,
    ReferenceNouns,
    actor_code,
)
from detente.actors.people import OfficeHolder, PeopleIndex, name_key
from detente.events.lexicon import meeting_verbs
from detente.model import Actor
from detente.parsetable import ParseTable, string_ids, table_of
from detente.reading import phrase_tokenizer

MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod"}
# children through which a common noun may still name an actor ("officials from Iran", "the
# president, Judge X"): nouns with none of them are skipped when a sentence is observed
PLAIN_NOUN_BLOCKERS = MODIFIER_DEPS | {"appos", "prep", "acl", "relcl"}
PLAIN_NOUN_BLOCKER_IDS = string_ids(*PLAIN_NOUN_BLOCKERS)
OF_IDS = string_ids("of")
INCLUDING_IDS = string_ids("including")
PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
NEUTER_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "them", "their"}
FIRST_PERSON_PRONOUNS = {"i", "we", "me", "us", "my", "our", "ours"}
# prepositions that give the reason for an act on someone ("criticised X over its ...")
REASON_PHRASE_PREPS = frozenset({"over", "for"})  # (not "about": "briefed Beijing about its")
QUOTE_MARKS = "\"“”"
# a group with an explicit size may be introduced a few sentences before it is counted
COUNTED_GROUP_HORIZON = 3
FIRST_TERM_YEAR = 1945  # the people table's terms start after the war
# the longest agent phrase a prefix code is looked for in ("human rights body", "MSF")
MAX_AGENT_WORDS = 4
MAX_NAME_TOKENS = 7  # "Teodoro Obiang Nguema Mbasogo", "Abd Rabbuh Mansur Hadi", "Min-koo"
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside"}
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})  # "In Port Sudan, officials said": a place
RECENT_WINDOW = 6  # a pronoun prefers a subject among the six latest fitting actors
PEOPLE_SECTOR = "CVL"
# the story's focus state, for office holders named with a title but no state
FOCUS_MENTIONS = 2
SAME_NOUN_REACH = 200  # tokens, about six sentences of news
# how far back a pronoun or a definite noun looks for its actor, in tokens (about thirty
# sentences of news): the farthest right reference in 365 stories and articles is 730 tokens
# back, and a bound keeps a long text's every reference from reading the whole story
REFERENCE_REACH = 1000
GOVERNMENT_SECTOR = "GOV"
STATE_FORCE_SECTORS = frozenset({"MIL", "COP"})  # a state's armed forces and police
FOCUS_LEAD = 1.5
FORMER_OFFICIAL_SECTOR = "ELI"  # CAMEO's elites: no longer speaking for the government
REPRESENTS_PREPS = {"for", "of", "from", "at"}
ARMED_SECTORS = {"REB"}
OBJECT_DEPS = ("dobj", "dative", "pobj")
OBJECT_LIKE_PREPS = frozenset({"to", "with", "against", "on"})
# how a reported clause hangs on the verb that reports it
REPORTED_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "dep"})
LOCAL_SECTORS = {"JUD", "COP", "LEG", *ARMED_SECTORS}
LOCATED_PREPS = ("in", "on", "inside")
PLACE_PREPS = {*LOCATED_PREPS, *LOCATIVE_PREPS}  # where someone is, not whom they serve
# Nested walks (a compound of a compound, an owner's owner) deeper than this are runaway input,
# "sanctions sanctions ..." in a tag line, not language: they stop there instead of recursing.
MAX_WALK_DEPTH = 40


# the possessive a subject pronoun's own things take ("it ... its", "they ... their")
POSSESSED_BY = {"it": "its", "he": "his", "she": "her", "they": "their"}


@dataclass
class Remembered:
    token_index: int
    actor: Actor
    is_subject: bool
    thing: bool = False  # "the Iranian vessel": owned by a state, but "it" means the vessel


class DocumentActors:
    """Resolves noun phrases of one document to actors, remembering what came before."""

    def __init__(
        self,
        doc: Doc,
        lexicon: ActorLexicon,
        matcher: PhraseMatcher,
        people: PeopleIndex | None = None,
        day: dt.date | None = None,
        speech_verbs: frozenset[str] = frozenset(),
    ) -> None:
        self.doc = doc
        self.parse = table_of(doc) or ParseTable(doc)
        self.lexicon = lexicon
        self.office_holders = people or PeopleIndex()
        self.speech_verbs = speech_verbs
        self.day = day
        self.mention_at: dict[int, tuple[Span, ActorEntry]] = {}
        self.person_at: dict[int, Span] = {}
        self.people: dict[str, Actor] = {}  # full name or surname (lowercase) -> person
        # the first word of a full name: "Wang" of "Wang Yi", "Abiy" of "Abiy Ahmed" (a name
        # whose family name comes first, or a person known by the given name)
        self.given_names: dict[str, Actor] = {}
        # surnames of people the document named who act for no state ("publisher Jimmy Lai"):
        # a later bare "Lai" is that person, not an office holder who shares the name
        self.private_names: set[str] = set()
        self.history: list[Remembered] = []
        self._cache: dict[int, list[Actor]] = {}
        self._sectors: dict[int, str | None] = {}
        self._resolving: set[int] = set()
        self._compound_depth = 0
        self._sentence_years: dict[int, list[int]] = {}  # sentence start -> ``_past_years``
        # where each observed sentence ends and where its entries start in ``history``: a walk
        # over the entries after a token reads only those (``_history_from``), not the whole
        # story's for every pronoun (which cost the square of a long story's length)
        self._observed_ends: list[int] = []
        self._observed_offsets: list[int] = []
        self._observed_in_order = True
        self._states_index: dict[str, tuple[list[int], list[int]]] | None = None
        self._countries: frozenset[str] | None = None
        self._entities: dict[int, Span] | None = None
        self._entity_spans: tuple[Span, ...] = ()
        # for each kind of actor a reference may want, the places in ``history`` of the
        # entries that can be one (``_fits_reference``'s fixed conditions): "he" in a story of
        # states reads no state (each pronoun had read the whole history)
        self._referable: dict[str, list[int]] = {}
        # the bare definite bodies linked to a use that named their state
        # (``_introduced_with_state``): a later "the commission" may link to them in turn
        self._introduced: set[int] = set()
        refs = lexicon.references
        self._counted_lemmas = refs.counted | refs.counted_people  # (``_counted_size``)
        self._reference_lemmas = (refs.collective | refs.state | refs.counted
                                  | refs.counted_people | frozenset(refs.group_sizes)
                                  | refs.institution_people)
        self._find_mentions(matcher)
        # where each person the entities name ends, in order (a sentence's are introduced)
        self._person_ends = sorted(i for i, ent in self.person_at.items() if i == ent.end - 1)

    # ---- mentions -------------------------------------------------------------------------
    def _find_mentions(self, matcher: PhraseMatcher) -> None:
        spans = [Span(self.doc, start, end, label=key) for key, start, end in matcher(self.doc)]
        matched = {i for span in spans for i in range(span.start, span.end)}
        taken: set[int] = set()
        for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
            if any(i in taken for i in range(span.start, span.end)) or _opposed(span) or (
                    _first_name(span, matched)):
                continue
            entry = self.lexicon.entries.get(self.parse.span_text(span))
            if entry is None:
                continue
            taken.update(range(span.start, span.end))
            for i in range(span.start, span.end):
                self.mention_at[i] = (span, entry)
        # (the entities read once: every reading of ``doc.ents`` makes each entity's span
        # anew; they are not changed after this)
        self._entity_spans = self._name_known_people(taken) or self.doc.ents
        for ent in (e for e in self._entity_spans if e.label_ == "PERSON"):
            if ent[-1].tag_ == "POS":
                ent = ent[:-1]  # "Bush's": the name without the possessive (a slice: no label)
            if len(ent) and not any(i in taken for i in range(ent.start, ent.end)):
                for i in range(ent.start, ent.end):
                    self.person_at[i] = ent
        for name in self._untagged_titled_names(taken):
            for i in range(name.start, name.end):
                self.person_at[i] = name

    def _untagged_titled_names(self, taken: set[int]) -> list[Span]:
        """Names the small model tags as no entity ("Ana Ruiz, Laos's top diplomat", "Laos's
        ambassador, Ana Ruiz,"): a run of two capitalised proper nouns or more, none part of
        an entity or a mention, set in apposition with an official's title noun (a state
        sector's agent word) or said to head a state's body ("who heads ...") is a person, as
        a tagged name there is."""
        names: list[Span] = []
        for i in numpy.flatnonzero(self.doc.to_array(IS_TITLE)).tolist():
            token = self.parse.tokens[i]
            if token.pos_ != "PROPN" or token.ent_type_ or i in taken or i in self.person_at:
                continue
            words = [c for c in token.lefts if c.dep_ == "compound"]
            start = i - len(words)
            if not words or any(w.i < start or w.pos_ != "PROPN" or not w.is_title
                                or w.ent_type_ or w.i in taken for w in words):
                continue
            titles = [c for c in token.children if c.dep_ == "appos"]
            if token.dep_ == "appos":
                titles.append(_titled_head(token.head))
            if any(self._official_noun(t) for t in titles) or self._headed_body(token):
                names.append(Span(self.doc, start, i + 1, label="PERSON"))
        return names

    def _headed_body(self, name: Token) -> Token | None:
        """"Ana Ruiz, who heads Laos's foreign ministry,": the state's body a relative clause
        says a person heads (its verb one of agents.yaml's ``heading_verbs``)."""
        for clause in name.children:
            if clause.dep_ != "relcl" or clause.lemma_.lower() not in (
                    self.lexicon.references.heading_verbs) or not any(
                    c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children):
                continue
            body = next((c for c in clause.children if c.dep_ == "dobj"), None)
            if body is not None and self.sector_of(body) in self.lexicon.state_sectors:
                return body
        return None

    def _official_noun(self, token: Token) -> bool:
        """A common noun naming one official of a state ("diplomat", "ambassador")."""
        lemma = token.lemma_.lower()
        return token.pos_ == "NOUN" and token.tag_ == "NN" and (
            lemma in self.lexicon.references.person_nouns) and (
            self.lexicon.agent_sectors.get(lemma) in self.lexicon.state_sectors)

    def _name_known_people(self, taken: set[int]) -> tuple[Span, ...]:
        """The full names of known office holders are people whatever the small model's
        entity recogniser read them as ("Thabo Mbeki" as a place, "Milorad Dodik" as a
        building, "Ursula von der" cut short): their spans become PERSON entities. The
        entities as set, if any were (``doc.ents`` would read them back alike)."""
        doc, found = self.doc, []
        index = self.office_holders
        end = 0  # where the last name found ends: no name starts inside it
        # (a name starts with a capitalised word: only those are read, from the doc's array)
        for i in numpy.flatnonzero(doc.to_array(IS_TITLE)).tolist():
            if i < end or i in taken or not index.may_begin_name(self.parse.tokens[i].text):
                continue
            span = self._known_name_at(i)
            if span is None or any(j in taken for j in range(span.start, span.end)):
                continue  # ("Luis Montenegro": a state's name inside stays the state's)
            found.append(span)
            end = span.end
        if found:
            # (the names found are in order and apart: the one that may overlap an entity is
            # the last to start before it ends; each entity against every name cost the square)
            starts = [span.start for span in found]

            def overlaps(e: Span) -> bool:
                last = bisect_left(starts, e.end) - 1
                return last >= 0 and found[last].end > e.start

            current = doc.ents
            kept = [e for e in current if not overlaps(e)]
            ents = tuple(sorted([*kept, *found], key=lambda e: e.start))
            if not _same_entities(doc, current, ents):
                doc.ents = ents
            return ents
        return ()

    def _known_name_at(self, start: int) -> Span | None:
        """The longest known full name starting at a token, unless it is part of a longer name
        ("Queen Elizabeth Central Hospital")."""
        doc, names = self.doc, self.office_holders.long_names()
        words = list(doc[start : start + MAX_NAME_TOKENS])
        spaced = [word.text_with_ws for word in words]
        for end in range(start + len(words), start + 1, -1):
            # the text of doc[start:end], joined from its words: no span made for each length
            last = end - start - 1
            if name_key("".join(spaced[:last]) + words[last].text) not in names:
                continue
            after = doc[end] if end < len(doc) else None
            if after is not None and after.is_title and after.pos_ == "PROPN" and (
                    doc[end - 1].dep_ == "compound" and doc[end - 1].head.i >= end):
                return None
            return Span(doc, start, end, label="PERSON")
        return None

    # ---- sentence pass --------------------------------------------------------------------
    def observe(self, sent: Span) -> None:
        """Introduce the people of a sentence and remember its actors for later pronouns."""
        if self._observed_ends and sent.start < self._observed_ends[-1]:
            self._observed_in_order = False  # (then every walk reads the whole history)
        self._observed_ends.append(sent.end)
        self._observed_offsets.append(len(self.history))
        ends = self._person_ends
        for i in ends[bisect_left(ends, sent.start) : bisect_left(ends, sent.end)]:
            self._introduce_person(self.person_at[i])
        parse = self.parse
        # (a noun that modifies another, "the Iran talks", is read with its head)
        for i in tree.within(parse.nominals(), sent.start, sent.end):
            token = parse.tokens[i]
            if self._plain_noun(token):
                continue  # most nouns ("people", "talks") can name no actor: skip the walk
            found = self.actors_for(token, conjuncts=False)
            if self._only_a_place(token):
                continue  # "speaking in Brussels": a place is no referent for "it"
            thing = not self._refers(token) and not any(a.sector for a in found)
            named = self._apposed_person(token)
            if named is not None:
                # "The EU's foreign policy chief, Kaja Kallas, said ... She": the title
                # with a name apposed is also that person, the newer referent for "she"
                found = [*found, named]
            for actor in found:
                self._remember(Remembered(
                    token.i, actor, token.dep_ in ("nsubj", "nsubjpass"),
                    thing and actor is not named))

    def _remember(self, remembered: Remembered) -> None:
        """Add an actor to the history, filed under the kinds a reference can take it as."""
        actor = remembered.actor
        if actor.country or (remembered.thing and actor.kind == "person"):
            place = len(self.history)
            self._referable.setdefault(actor.kind, []).append(place)
            if actor.kind != "person" and self._titled_person(remembered.token_index):
                self._referable.setdefault("person", []).append(place)
        self.history.append(remembered)

    def _referable_history(self, kinds: set[str]) -> Iterator[Remembered]:
        """The history's entries that can be one of these kinds of actor, newest first."""
        places = [reversed(self._referable[kind]) for kind in kinds if kind in self._referable]
        last = None
        for place in heapq.merge(*places, reverse=True):
            if place != last:  # (a titled state's entry is filed twice)
                last = place
                yield self.history[place]

    def _history_from(self, first_token: int) -> int:
        """Where in ``history`` the entries of tokens from ``first_token`` on may start: every
        entry before it is of an earlier token (sentences are observed in order)."""
        if not self._observed_in_order:
            return 0
        block = bisect_right(self._observed_ends, first_token)
        return self._observed_offsets[block] if block < len(self._observed_offsets) else len(
            self.history)

    def _observed_end(self, token_index: int) -> int:
        """Where the observed sentence holding ``token_index`` ends (sentences in order)."""
        block = bisect_right(self._observed_ends, token_index)
        return self._observed_ends[block] if block < len(self._observed_ends) else len(
            self.doc)

    def entity_at(self, token: Token) -> Span | None:
        """The named entity a token is part of (read from ``doc.ents`` once a document, not
        once a question: each reading builds every entity of the document)."""
        if self._entities is None:
            self._entities = {i: e for e in self._entity_spans for i in range(e.start, e.end)}
        return self._entities.get(token.i)

    def _plain_noun(self, token: Token) -> bool:
        """A common noun that resolves to no actor whatever the story: not named, no modifier
        or apposition that could name a state, no reference or agent noun."""
        parse, i = self.parse, token.i
        if parse.pos[i] != "NOUN" or token.is_title or i in self.mention_at or (
            i in self.person_at
        ):
            return False
        if any(parse.dep[c] in PLAIN_NOUN_BLOCKER_IDS for c in parse.kids[i]):
            return False
        return parse.lemmas[i] not in self._reference_lemmas and self.sector_of(token) is None

    def _counted_whole(self, head: Token) -> Token | None:
        """"dozens of Iraqi soldiers", "two of the ships": the noun counted with "of"."""
        parse = self.parse
        if not (parse.lemmas[head.i] in self.lexicon.references.partitive or head.like_num):
            return None
        of = next((j for j in parse.labelled(head.i, "prep") if parse.lower[j] in OF_IDS), None)
        if of is None:
            return None
        counted = parse.labelled(of, "pobj")
        return self.doc[counted[0]] if counted else None

    # ---- resolution -----------------------------------------------------------------------
    def actors_for(self, token: Token, conjuncts: bool = True) -> list[Actor]:
        """Actors a nominal token (and, by default, its coordinated siblings) refer to."""
        # ("Algeria and Tunisia, but not Morocco, attended": a conjunct negated is left out)
        parse = self.parse
        heads = [token, *(self.parse.tokens[j] for j in parse.conjuncts(token.i)
                          if not parse.labelled(j, "neg"))] if conjuncts else [token]
        if len(heads) > 1:
            heads = self._name_heads(heads)
        found: list[Actor] = []
        for head in heads:
            for actor in self._actors_of_head(head):
                if actor not in found:
                    found.append(actor)
        return found

    def _name_heads(self, heads: list[Token]) -> list[Token]:
        """Coordinated heads without those that are only the start of a name with "and" in it
        whose end is another head's modifier: "Trinidad and Tobago's president" parsed as
        "Trinidad" and "Tobago's president" is one actor, the president."""
        kept = [head for head in heads if not self._name_ends_in_other(head, heads)]
        return kept or heads

    def _name_ends_in_other(self, head: Token, heads: list[Token]) -> bool:
        """Whether the name ``head`` starts ends inside another head's phrase."""
        mention = self.mention_at.get(head.i)
        span = mention[0] if mention else None
        return span is not None and any(
            other != head and not span.start <= other.i < span.end
            and span.start <= other.left_edge.i < span.end for other in heads)

    def _actors_of_head(self, head: Token) -> list[Actor]:
        if head.i not in self._cache:
            if head.i in self._resolving or len(self._resolving) >= MAX_WALK_DEPTH:
                return []  # a phrase that refers to itself (a title and its apposed name)
            self._resolving.add(head.i)
            try:
                self._cache[head.i] = self._dictionary_codes(head, self._resolve_head(head))
            finally:
                self._resolving.discard(head.i)
        return self._cache[head.i]

    # ---- a user's compound codes and prefix agents (PETRARCH dictionaries) -----------------
    def _dictionary_codes(self, head: Token, actors: list[Actor]) -> list[Actor]:
        """The actors of a head as a user's PETRARCH dictionaries code them: a phrase of
        several codes is each of them (``_members``), and an agent whose code goes before the
        actor's, named in the head's phrase, prefixes it (``_prefixed``). detente's own tables
        give neither: without such a dictionary the actors are returned as they are."""
        if not actors:
            return actors
        expanded = actors
        if self.lexicon.compound_names or self.office_holders.extra:
            expanded = [member for actor in actors for member in self._members(actor)]
        prefix = self._prefix_agent(head) if self.lexicon.agent_prefixes else None
        return [self._prefixed(actor, prefix) for actor in expanded] if prefix else expanded

    def _members(self, actor: Actor) -> list[Actor]:
        """An actor named by a phrase of several codes ("THE_SHIRE [FRO/BIL/SAM]", TABARI's
        compound actor), as one actor per code, each with the sector the phrase's words gave
        the first (the Shire's diplomats are FROGOV, BILGOV and SAMGOV); any other actor alone."""
        also, own_sector = self._also_named(actor)
        if not also:
            return [actor]
        members = [actor]
        for country, sector in also:
            sector = sector if actor.sector == own_sector else actor.sector
            kind = "igo" if country in self.lexicon.igo_codes else (
                "state" if actor.kind == "igo" else actor.kind)
            member = replace(actor, country=country, sector=sector, kind=kind,
                             code=self._code(country, sector))
            if member not in members:
                members.append(member)
        return members

    def _also_named(self, actor: Actor) -> tuple[tuple[tuple[str, str | None], ...],
                                                 str | None]:
        """The further actors of the mention inside an actor's words that gave it its
        country, and the sector that mention gives by itself; ((), None) for none."""
        if actor.start is None or actor.end is None or actor.country is None:
            return (), None
        span = self.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None:
            return (), None
        mentions = [self.mention_at[t.i] for t in span if t.i in self.mention_at]
        # a user's person or place of dated codes: the words of its mention, or the actor's own
        # (a person is found by name, not as a mention)
        for text in [*(mention.text for mention, _ in mentions), actor.text]:
            holder = self.office_holders.user_entry(text)
            coded = holder.code_on(self.day) if holder is not None else None
            if coded is not None and coded[0] == actor.country:
                return holder.also_on(self.day), coded[1]
        for _, entry in mentions:
            if entry.also and entry.country == actor.country:
                return entry.also, entry.sector_on(self.day)
        return (), None

    def _prefix_agent(self, head: Token) -> str | None:
        """The code of an agent placed before the actor's (PETRARCH's ``MSF {} [NGO~]``) that
        the head's phrase names: the head or words before it ("MSF Arnor", "the human rights
        body of Arnor"), longest first."""
        words = [t for t in self.doc[head.left_edge.i : head.i + 1]
                 if not t.is_punct and t.pos_ not in ("DET", "PART")]
        prefixes = self.lexicon.agent_prefixes
        for size in range(min(len(words), MAX_AGENT_WORDS), 0, -1):
            for start in range(len(words) - size + 1):
                window = words[start : start + size]
                *before, last = window
                for last_word in (last.lower_, last.lemma_.lower()):
                    found = prefixes.get(" ".join([*(t.lower_ for t in before), last_word]))
                    if found:
                        return found
        return None

    @staticmethod
    def _prefixed(actor: Actor, prefix: str) -> Actor:
        """An actor with an agent's code before its own (NGO + ARNGOV: NGOARNGOV), once: a
        code that already begins with it keeps it (PETRARCH's validation suite, the note of
        record AGENTS-16: a prefix is not put before a code twice)."""
        if not actor.code or actor.code.startswith(prefix):
            return actor
        return replace(actor, code=prefix + actor.code)

    def _resolve_head(self, head: Token) -> list[Actor]:
        if head.i in self.mention_at:
            return self._from_mention(head)
        if head.i in self.person_at:
            person = self._person(self.person_at[head.i])
            return [person] if person else []
        counted = self._counted_whole(head)
        if counted is not None:
            return self.actors_for(counted)
        if head.tag_ in ("WP", "WDT") and head.lower_ != "whose":
            # "a minister who was sanctioned by the EU", "the envoy whom Beijing expelled":
            # a relative word stands for the noun its clause hangs on
            return self._antecedent_of(head)
        parse = self.parse
        pos = parse.pos[head.i]
        if pos == "PRON":
            return [self._as_mention(a, head) for a in self._pronoun(head)]
        # the small model tags some names as common nouns ("Trump met with Kim")
        named = pos == "PROPN" or (pos == "NOUN" and head.is_title)
        known = self._known_person(head.lower_) if named else None
        if known is not None:
            return [self._as_mention(known, head)]
        if named and head.ent_type_ in ("", "NORP", "ORG", "PERSON"):
            # the small model misses some surnames ("Modi met Albanese": NORP)
            name = self.doc[head.left_edge.i : head.i + 1]
            holder = None if head.lower_ in self.private_names else (
                self.office_holders.lookup(self.parse.span_text(name), self.day)
                or self._holder_then(name))
            if holder is not None:
                return [self._office_holder(name, holder, [])]
        sector = self.sector_of(head)
        countries = self._modifier_actors(head, sector)
        if countries:
            return countries
        references = self.lexicon.references
        if (parse.lemmas[head.i] in references.introduced or sector in (
                self.lexicon.political_sectors)) and (
                parse.lemmas[head.i] not in references.posted_abroad):
            introduced = self._introduced_with_state(head)
            if introduced:
                return introduced
        if sector:
            represented = self._represented(head, sector)
            if represented:
                return represented
        nouns = self.lexicon.references
        lemma = parse.lemmas[head.i]
        if lemma in nouns.members:
            return self._body_of_members(head)
        if sector or lemma in nouns.collective or lemma in nouns.state or (
            self._counted_size(head)
        ):
            described = self._definite_description(head, sector)
            if described:
                return described
        if lemma in nouns.posted_abroad and not sector:
            posted = self._posted_again(head)
            if posted is not None:
                return [self._as_mention(posted, head)]
        # "The president, Judge Joan Donoghue, ...": the apposition names who it is
        apposed = [a for c in _apposed_names(head, parse)
                   for a in self.actors_for(c, conjuncts=False)][:1]
        return apposed or self._included(head)

    def _included(self, head: Token) -> list[Actor]:
        """"informed its partners, including Russia", "freed 64 prisoners, including a Polish
        citizen and two Lithuanians": a plural noun that names no state of its own stands, in
        an event, for the members its "including" phrase names (every conjunct)."""
        parse = self.parse
        if parse.tag_[head.i] not in ("NNS", "NNPS"):
            return []
        preps = [p for p in parse.labelled(head.i, "prep") if parse.lower[p] in INCLUDING_IDS]
        if not preps and head.dep_ == "dobj" and not any(
                s.tag_ == "NNS" for s in head.head.children if s.dep_ == "nsubj"):
            # "freed 64 prisoners on Thursday, including ...": the parser hangs the phrase
            # after a time on the verb; it is the object's when no plural subject could own it
            preps = [p for p in parse.labelled(head.head.i, "prep")
                     if parse.lower[p] in INCLUDING_IDS and p > head.i]
        found: list[Actor] = []
        for prep in preps:
            for member in parse.labelled(prep, "pobj"):
                found.extend(a for a in self.actors_for(parse.tokens[member]) if a not in found)
        return found

    def _posted_again(self, head: Token) -> Actor | None:
        """"A's mission to the United Nations said ... The mission accused B": a post abroad
        that names no sector by itself, with "the" and nothing else, is the state's or
        body's post of that noun named a few sentences before."""
        if not self._bare_office(head):
            return None
        same = self._recent_same_noun(head)
        return same if same is not None and same.kind in ("state", "igo") else None

    def _apposed_person(self, head: Token) -> Actor | None:
        """The person a name set off after a title noun is ("the chief, Kaja Kallas,")."""
        if head.i in self.person_at:
            return None
        for name in _apposed_names(head, self.parse):
            if name.i in self.person_at:
                people = [a for a in self.actors_for(name, conjuncts=False) if a.kind == "person"]
                if people:
                    return people[0]
        return None

    def _from_mention(self, head: Token) -> list[Actor]:
        span, entry = self.mention_at[head.i]
        if entry.kind == STATELESS:
            return self._stateless(span, entry)
        dated = self._dated(span)
        if dated is not None:
            return dated
        if entry.kind == DEMONYM and head.i == span.end - 1 and head.pos_ != "ADJ":
            # "Americans" as a head noun: the people, not the government.
            return [self._actor(span, entry.country, PEOPLE_SECTOR, kind="state")]
        sector = entry.sector_on(self.day)
        if entry.kind in (COUNTRY, CAPITAL, DEMONYM):
            sector = self.sector_of(head) or entry.sector
        kind = {IGO: "igo", GROUP: "group"}.get(entry.kind, "state")
        if entry.kind == IGO:
            owned = self._owned_body(head, span)
            if owned:
                return owned
            return [self._actor(span, entry.country, sector, kind=kind, code=entry.code)]
        return [self._actor(span, entry.country, sector, kind=kind)]

    def _code(self, country: str, sector: str | None) -> str:
        """An actor's code, an IGO's (a user's too) whoever acts for it (``actor_code``)."""
        return actor_code(country, sector, self.lexicon.igo_codes)

    def _owned_body(self, head: Token, span: Span) -> list[Actor]:
        """"Russia's Security Council", "the African Union's Peace and Security Council": a
        body named like another's that a state or organisation owns is the owner's own."""
        owners = [c for c in head.children if c.dep_ == "poss" and c.i < span.start]
        found = [a for owner in owners for a in self.actors_for(owner, conjuncts=False)
                 if a.kind in ("state", "igo")]
        return [replace(a, text=self.parse.words_text(owners[0].left_edge.i, head.i + 1),
                        start=owners[0].left_edge.idx, end=head.idx + len(head.text))
                for a in found[:1]]

    def _dated(self, span: Span) -> list[Actor] | None:
        """A user's entry with dated codes for this phrase (PETRARCH's "ZIMBABWE [RHO <790606]
        [ZBW]"): its code on the article date, no actor under a null code, or None to use
        the phrase's undated entry."""
        holder = self.office_holders.user_entry(self.parse.span_text(span))
        if holder is None:
            return None
        code = holder.code_on(self.day)
        if code is not None:
            return [self._actor(span, code[0], code[1])]
        return [] if holder.term_on(self.day) is not None else None

    @staticmethod
    def _as_mention(actor: Actor, token: Token) -> Actor:
        """A remembered actor, as referred to by this token."""
        return replace(actor, text=token.text, start=token.idx, end=token.idx + len(token.text))

    def _stateless(self, span: Span, entry: ActorEntry) -> list[Actor]:
        """A group without a state is an actor under its own code, country None; without a
        code (a rights group, "the international community") it is no actor."""
        if not entry.code:
            return []
        return [self._actor(span, None, entry.sector, "group", code=entry.code)]

    def _actor(
        self,
        span: Span,
        country: str | None,
        sector: str | None,
        kind: str = "state",
        code: str | None = None,
        **person: str | None,
    ) -> Actor:
        if code is None and country:
            code = self._code(country, sector)
        return Actor(
            text=self.parse.span_text(span),
            code=code,
            country=country,
            sector=sector,
            kind=kind,
            start=span.start_char,
            end=span.end_char,
            **person,
        )

    def sector_of(self, head: Token) -> str | None:
        """Sector named by a head noun, its compounds ("Air Force") or a title."""
        if head.i not in self._sectors:
            self._sectors[head.i] = self._sector_of(head)
        return self._sectors[head.i]

    def _sector_of(self, head: Token) -> str | None:
        sector = self._named_sector(head)
        if sector in self.lexicon.state_sectors and any(
                c.dep_ in ("amod", "compound") and c.lower_ in ("former", "ex")
                for c in head.children):
            # "a former French ambassador ... he suggested": no longer speaks for the state,
            # as a former official named with a title does not (``_person``)
            return FORMER_OFFICIAL_SECTOR
        return sector

    def _named_sector(self, head: Token) -> str | None:
        counted = self._counted_whole(head)
        if counted is not None:
            return self.sector_of(counted)
        parse, i = self.parse, head.i
        lemma, lemmas, labels, tokens = parse.lemmas[i], parse.lemmas, parse.dep_, parse.tokens
        text = head.text
        kids = parse.kids[i]
        # (asked of every head a sentence's actors are sought for: most have no left child)
        lefts = kids[: bisect_left(kids, i)] if kids else ()
        compounds: list[int] = []
        if lefts:
            # "the militant group", "Air Force": modifiers that name the sector with the head;
            # adjectives count for multi-word agents ("main opposition group", PETRARCH's agents)
            compounds = [j for j in lefts if labels[j] == "compound"]
            # (the state named among them is no part of the agent: "former Australian prime
            # minister")
            modifiers = [j for j in lefts if labels[j] in ("compound", "amod")
                         and j not in self.mention_at]
            if modifiers:
                phrase = " ".join([*(lemmas[j] for j in modifiers), lemma])
                for start in range(len(modifiers)):
                    words = phrase.split(" ", start)[-1]
                    if words in self.lexicon.agent_sectors:
                        return self.lexicon.agent_sectors[words]
        title = self.lexicon.title_for(
            [*(tokens[j].text for j in compounds), text] if compounds else (text,))
        if title and title.sector:
            return title.sector
        if parse.pos[i] == "PROPN":
            # "spokesperson Randhir Jaiswal": a name's title noun gives its sector
            sectors = self.lexicon.agent_sectors
            for compound in reversed(compounds):
                if parse.pos[compound] == "NOUN" and lemmas[compound] in sectors:
                    return sectors[lemmas[compound]]
        sectors = self.lexicon.agent_sectors
        found = sectors.get(lemma) or sectors.get(text.lower())
        if found is None and parse.pos[i] == "PROPN" and head.is_sent_start:
            # "Fighters of the RSF attacked ...": a plural the model read as a name because it
            # opens the sentence keeps its plural ending in its lemma
            found = next((sectors[w] for w in _singulars(head.lower_) if w in sectors), None)
        return found

    def _modifier_actors(self, head: Token, sector: str | None) -> list[Actor]:
        """States named by the modifiers of a head: "Iranian officials", "China's envoy"."""
        found: list[Actor] = []
        parse, i = self.parse, head.i
        modifiers = [
            self.parse.tokens[modifier]
            for child in parse.kids[i]
            if child < i and parse.dep_[child] in MODIFIER_DEPS
            for modifier in [child, *parse.conjuncts(child)]
        ]
        named = [m for m in modifiers if parse.pos[m.i] != "PRON"]
        # "his Chinese counterpart": a named state wins over the possessive pronoun
        for modifier in named:
            found.extend(self._modifier_actor(modifier, head, sector))
        if parse.lemmas[i] in self.lexicon.references.posted_abroad:
            # "the Chinese U.N. ambassador": the parser may hang the sender on the post
            nested = [g for m in named for g in m.children
                      if g.dep_ in ("compound", "amod") and g.i < m.i and g.i in self.mention_at]
            # ("the British and Canadian envoys": one post of each, coordinated)
            each = head.tag_ == "NNS" and not nested and any(m.conjuncts for m in named)
            if (nested or len(found) > 1) and not each:
                return self._sender(head, [*named, *nested])
        if not found:
            for modifier in modifiers:
                if modifier.pos_ == "PRON":
                    found.extend(self._modifier_actor(modifier, head, sector))
        return found

    def _sender(self, head: Token, named: list[Token]) -> list[Actor]:
        """"Iran's U.N. mission", "the Chinese UN ambassador", "the UN's Syria envoy": an
        envoy serves the state or body that sends it (the possessor, else the first named),
        not where it is posted."""
        owners = [m for m in named if m.dep_ == "poss"] or sorted(named, key=lambda m: m.i)
        for modifier in owners:
            sent_by = self._modifier_actor(modifier, head, self.sector_of(head))
            if sent_by:
                return sent_by
        return []

    def _antecedent_of(self, relative: Token) -> list[Actor]:
        """The actors of the noun a relative clause hangs on, for a relative word in it."""
        clause = relative.head
        for _ in range(6):  # a relative word sits a few links below its clause's verb
            if clause.dep_ == "relcl":
                return self.actors_for(clause.head, conjuncts=False)
            if clause.head == clause:
                break
            clause = clause.head
        return []

    def _only_a_place(self, token: Token) -> bool:
        """A capital or seat named as where something happened ("in Brussels", "at Doha")."""
        entry = self.mention_at.get(token.i, (None, None))[1]
        # "Brussels" names the EU, but "in Brussels" is where
        city = entry is not None and (
            entry.kind in (CAPITAL, SEAT) or (entry.kind == IGO and token.ent_type_ == "GPE"))
        return city and token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS

    def _refers(self, token: Token) -> bool:
        """Whether a noun names an actor a pronoun can refer back to, not a thing one owns."""
        if self.parse.pos[token.i] == "PROPN" or token.i in self.mention_at or (
                token.i in self.person_at):
            return True
        nouns = self.lexicon.references
        lemma = self.parse.lemmas[token.i]
        return (self.sector_of(token) is not None or self.lexicon.title_for([token.text])
                or lemma in nouns.state
                or lemma in nouns.collective or lemma in nouns.counted
                or lemma in nouns.group_sizes)

    def relational(self, noun: Token) -> bool:
        """"its enemies", "Iran's allies": a noun whose possessor is the other party."""
        return noun.lemma_.lower() in self.lexicon.references.relational

    def names_country(self, token: Token) -> bool:
        """Whether a word is part of a country's name ("Lebanon", not "Beirut" or "Doha")."""
        entry = self.mention_at.get(token.i, (None, None))[1]
        return entry is not None and entry.kind == COUNTRY

    def frontier(self, noun: Token) -> bool:
        """"its border with Ukraine": a noun that, as a place aimed at, stands for a state."""
        return noun.lemma_.lower() in self.lexicon.references.frontier

    def names_where_made(self, modifier: Token, head: Token) -> bool:
        """"left the Paris accord", "the Minsk agreements", "the Lima Group": a capital before
        a pact or a group names where it was made or first met, not a party to it."""
        mention = self.mention_at.get(modifier.i)
        if mention is None or modifier.dep_ != "compound" or not (
                mention[1].kind in (CAPITAL, SEAT)
                or (mention[1].kind == IGO and modifier.ent_type_ == "GPE")):  # ("Brussels")
            return False
        # ("the Oslo Accords": the model keeps a capitalised plural as its own lemma)
        words = {head.lemma_.lower(), *_singulars(head.lower_)}
        return not words.isdisjoint(self.lexicon.references.place_named)

    def _group_sector(self, entry: ActorEntry, sector: str | None,
                      office: str | None = None) -> str | None:
        """"M23 officials", "a Gazprom spokesman", "Taliban officials" in 2019: people of a
        group outside the state are the group (rebels, a company, a party), not the state's
        government; of a group that governs then, the head names the organ ("fighters")."""
        own = entry.sector_on(self.day)
        if own and own not in self.lexicon.state_sectors and not self._party_in_office(
                own, sector, office):
            return own
        return sector or own

    def _party_in_office(self, group_sector: str, sector: str | None,
                         office: str | None) -> bool:
        """"Likud ministers", "BJP lawmakers": a party's people named by an office of the
        state hold it in the state (the PLOVER manual's GOV takes "governing parties"); its
        spokesman, president or director (agents.yaml body_titles) are the party's."""
        return group_sector in self.lexicon.party_sectors and (
            sector in self.lexicon.state_sectors) and (
            office is None or office.lower() not in self.lexicon.body_titles)

    def _owned_sector(self, owner: Actor, sector: str | None,
                      office: str | None = None) -> str | None:
        """The sector of an office noun owned by a possessive ("M23 ... its spokesman", "the
        rebels' spokesman"): of a group outside the state, the group's, as "M23 officials" is
        (``_group_sector``; the office noun had made the group's people its state's
        government); else the noun's own. A noun that names no office is left as it was."""
        if sector is not None and owner.kind == "group" and owner.sector and (
                owner.sector not in self.lexicon.state_sectors) and not self._party_in_office(
                owner.sector, sector, office):
            return owner.sector
        return sector

    def _modifier_actor(self, modifier: Token, head: Token, sector: str | None) -> list[Actor]:
        parse, m = self.parse, modifier.i
        label, pos = parse.dep_[m], parse.pos[m]
        if label == "poss" and self.relational(head):
            return []
        if modifier.i in self.mention_at:
            span, entry = self.mention_at[modifier.i]
            if entry.kind == STATELESS:  # "Islamic State fighters"
                return self._stateless(self.doc[span.start : head.i + 1], entry)
            if entry.country is None:
                return []
            if self.names_where_made(modifier, head):
                return []
            phrase = self.doc[span.start : head.i + 1]
            if entry.kind == IGO:
                return [self._actor(phrase, entry.country, sector or entry.sector, "igo",
                                    code=entry.code)]
            if entry.kind != GROUP:
                return [self._actor(phrase, entry.country, sector or entry.sector_on(self.day),
                                    "state")]
            return [self._actor(phrase, entry.country,
                                self._group_sector(entry, sector, head.lemma_), "group")]
        if label == "poss" and (pos == "PRON" or modifier.lower_ == "whose"):
            # ("Spain, whose fishermen were detained, ...": whose is the clause's antecedent)
            owners = (self._antecedent_of(modifier) if modifier.lower_ == "whose"
                      else self._pronoun(modifier))
            return [
                replace(o, text=self.parse.words_text(modifier.i, head.i + 1), sector=owned,
                        code=self._code(o.country or "", owned) if o.kind != "igo" else o.code,
                        name=None, role=None, kind="state" if o.kind == "person" else o.kind,
                        start=modifier.idx, end=head.idx + len(head.text))
                for o in owners
                # ("his organization", of a former official: his own, not a state's)
                if o.country and not (o.sector == FORMER_OFFICIAL_SECTOR and sector is None)
                for owned in [self._owned_sector(o, sector, head.lemma_)]
            ]
        led = self._leaders_government(modifier, head, sector) if (
            label == "compound" and pos == "PROPN"
            and parse.lemmas[head.i] in self.lexicon.references.seated) else []
        if led:
            return led
        if label == "compound" and m in self.person_at:
            return []
        if label == "poss" and pos in ("NOUN", "PROPN"):
            # "the court's president": the owner described elsewhere in the document
            return [replace(o, text=self.parse.words_text(modifier.left_edge.i, head.i + 1),
                            sector=owned, start=modifier.left_edge.idx,
                            end=head.idx + len(head.text), name=None, role=None,
                            kind="state" if o.kind == "person" else o.kind,
                            code=o.code if o.kind == "igo" else self._code(o.country, owned))
                    for o in self.actors_for(modifier, conjuncts=False) if o.country
                    for owned in [self._owned_sector(o, sector, head.lemma_) or o.sector]]
        owning = self.lexicon.references.owning_participles
        if label == "amod" and (parse.lemmas[m] in owning or any(
                # ("Greek-flagged": the model may tag the participle an adjective, its own lemma)
                base in owning for base in _participle_bases(modifier.lower_))):
            # "a Greek-owned ship": the owner hangs on the participle, not on the noun
            return [replace(a, text=self.parse.words_text(a_start, head.i + 1),
                            start=self.parse.tokens[a_start].idx, end=head.idx + len(head.text))
                    for child in modifier.children
                    if child.dep_ in ("npadvmod", "compound", "nmod") and child.i < modifier.i
                    for a_start in [child.left_edge.i]
                    for a in self._modifier_actor(child, modifier, sector)]
        if label == "compound" and self._compound_depth < MAX_WALK_DEPTH:
            self._compound_depth += 1
            try:
                return self._modifier_actors(modifier, sector)
            finally:
                self._compound_depth -= 1
        return []

    def _leaders_government(self, name: Token, head: Token, sector: str | None) -> list[Actor]:
        """"the Maduro government", "the Assad regime": a government named after its leader
        serves the leader's state (other things named so are the person's own: "a Ruto
        aide")."""
        leaders = [a for a in self.actors_for(name, conjuncts=False)
                   if a.kind == "person" and a.country]
        phrase = self.doc[name.left_edge.i : head.i + 1]
        return [self._actor(phrase, leader.country, sector or leader.sector, "state")
                for leader in leaders[:1]]

    def _represented(self, head: Token, sector: str) -> list[Actor]:
        """"a spokesperson for the State Department", "officials from Iran", "a court in
        Lima": whom they serve."""
        # courts, police and lawmakers serve where they sit; others in a place are often just
        # there
        references = self.lexicon.references
        located = (sector in LOCAL_SECTORS or head.lemma_.lower() in references.seated) and (
            head.lemma_.lower() not in references.posted_abroad)
        # armed groups take the state they operate in: "militants based in Syria", "fighters
        # present on Afghan soil"
        places = [head]
        if sector in ARMED_SECTORS:
            places += [c for c in tree.labelled(head, ("acl", "amod")) if c.i > head.i]
        # ("urged the authorities in Tbilisi to ...": the parser may hang the seat on the verb)
        after = [c for c in tree.labelled(head.head, "prep")
                 if c.i == head.right_edge.i + 1] if head.head != head else []
        # ("met officials from Lima": the parser may hang "from" on a verb of meeting, which
        # has no place to come from; "recalled diplomats from Lima" has)
        met_from = [c for c in after if c.lower_ == "from" and head.dep_ == "dobj"
                    and head.head.lemma_.lower() in meeting_verbs()]
        if not located:
            after = met_from
        for prep in [*(c for place in places for c in tree.children(place)), *after]:
            if prep.dep_ == "prep" and (prep.lower_ in REPRESENTS_PREPS and prep.head == head
                                        or prep.lower_ in LOCATED_PREPS and located
                                        or prep in met_from):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and not self._met_in(head, prep, pobj, sector):
                        return [
                            self._armed(replace(
                                a, text=self.parse.words_text(head.left_edge.i,
                                                              pobj.right_edge.i + 1),
                                start=head.left_edge.idx,
                                end=pobj.right_edge.idx + len(pobj.right_edge.text),
                                name=None, role=None,
                                kind="state" if a.kind == "person" else a.kind), sector)
                            for a in self.actors_for(pobj) if (a.country or _stateless(a))
                            and (prep.lower_ not in LOCATED_PREPS or a.kind == "state")
                        ]
        return []

    def _body_of_members(self, head: Token) -> list[Actor]:
        """"members of the U.S. Senate", "a member of NATO": the body they belong to, named
        with "of"; a state's people or a plain country ("members of the public", "a member
        of the Kenyan community") is no body."""
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        body = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if body is None:
            return []
        phrase = self.doc[head.left_edge.i : body.right_edge.i + 1]
        return [replace(a, text=phrase.text, start=phrase[0].idx,
                        end=phrase[-1].idx + len(phrase[-1].text), name=None, role=None)
                for a in self.actors_for(body, conjuncts=False)
                if a.kind in ("igo", "group") or a.kind == "state" and (
                    a.sector in self.lexicon.state_sectors)]

    def _met_in(self, head: Token, prep: Token, pobj: Token, sector: str) -> bool:
        """"held talks with the rebels in Oslo": a place the parser hung on an armed group
        may be where its partner met it; only a country named directly locates the group.
        "of", "for" and "from" name whom the fighters belong to, not where they were met
        ("fighters of the Islamic State", "militants from Boko Haram")."""
        if sector not in ARMED_SECTORS or prep.head != head or prep.lower_ not in PLACE_PREPS:
            return False
        entry = self.mention_at.get(pobj.i, (None, None))[1]
        return entry is None or entry.kind != COUNTRY

    @staticmethod
    def _armed(actor: Actor, sector: str) -> Actor:
        """"militants in Iraq" are an Iraqi armed group, not the Iraqi state."""
        if sector not in ARMED_SECTORS or actor.kind != "state":
            return actor
        return replace(actor, sector=sector, code=actor_code(actor.country or "", sector),
                       kind="group")

    # ---- people ---------------------------------------------------------------------------
    def countries(self) -> frozenset[str]:
        """The states the document names: the context for resolving ambiguous place names."""
        if self._countries is None:  # (the mentions are found once, when the document is)
            self._countries = frozenset(
                entry.country for _, entry in self.mention_at.values()
                if entry.country and entry.kind in (COUNTRY, CAPITAL, DEMONYM)
            )
        return self._countries

    def introduced_people(self) -> list[Actor]:
        """Every person the document introduced or named, once each, in order of appearance."""
        unique: dict[str, Actor] = {}
        for person in self.people.values():
            unique.setdefault(person.name or person.text, person)
        return sorted(unique.values(), key=lambda p: p.start or 0)

    def _introduce_person(self, ent: Span) -> None:
        person = self._person(ent)
        if person is None:
            if len(ent) > 1:
                self.private_names.add(ent[-1].text.lower())
            # "Omar left his village. He found work in the port": a private person is the
            # nearer "he" than an official named before, and refers to no actor
            nobody = Actor(text=ent.text, code=None, country=None, name=ent.text, kind="person",
                           start=ent.start_char, end=ent.end_char)
            self._remember(Remembered(ent.end - 1, nobody, ent.root.dep_ == "nsubj", True))
            return
        self.people[ent.text.lower()] = person
        self.people[ent[-1].text.lower()] = person
        if len(ent) > 1 and ent[0].is_alpha:
            self.given_names[ent[0].lower_] = person
        # remembered at once, so "his counterpart" later in the same sentence can refer back
        self._remember(Remembered(ent.end - 1, person, ent.root.dep_ == "nsubj"))

    def _known_person(self, word: str) -> Actor | None:
        """The person a bare name refers to: a surname first, else a name's first word."""
        return self.people.get(word) or self.given_names.get(word)

    def _person(self, ent: Span) -> Actor | None:
        text = self.parse.span_text(ent)
        known = self.people.get(text.lower()) or self.people.get(ent[-1].text.lower()) or (
            self.given_names.get(ent[0].lower_) if len(ent) == 1 else None)
        context = self._title_context(ent)
        if known and not context:
            return replace(known, text=text, start=ent.start_char, end=ent.end_char)
        country, title = self._country_and_title(context, ent)
        field = known is None and self._field_of_an_expert(ent)
        if field:
            country = None  # "a senior Iran analyst at the Acme Group" studies Iran
        if country is None and not field and (
                title is not None or self._agent_in(context) is not None):
            country = self._state_named_after(ent)
        if known and country is None:
            country = known.country
        if country is None and known is None and text.lower() not in self.private_names:
            holder = self.office_holders.lookup(text, self.day) or self._holder_then(ent)
            if holder is not None:
                return self._office_holder(ent, holder, context)
        if country is None and known is None and (
                title is not None or self._agent_in(context) is not None):
            # "In Tehran, Foreign Ministry spokesman Ali Karimi said ...": an office with no
            # state named, in a sentence set in a state's capital, serves that state
            country = self._fronted_seat(ent)
        if country is None and known is None:
            # "department spokesperson Jane Roe" after "the State Department": the office of a
            # body the story has named
            country = self._named_institution(context)
        # "Ana Ruiz, who heads Chile's foreign ministry,": the body a titleless name heads
        head_of = self._body_headed_by(ent) if title is None and known is None else None
        if country is None and head_of is not None:
            country = head_of.country
        if country is None and title is None and known is None:
            return None
        private = title is not None and known is None and (
            title.text.lower() in self.lexicon.body_titles) and self._office_of_a_private_body(
            ent)
        if country is None and known is None and title is not None and not private and (
            title.sector in self.lexicon.state_sectors
            and not any(t.lower_ in ("former", "ex") for t in context)
        ):
            # "President Jovenel Moise" in a story about Haiti: an office holder the tables do
            # not know, with no state named, holds office in the state the story is about
            country = self._focus_state(ent.start)
            visited = self._visited_states(ent)
            foreign = visited | self._counterpart_states(ent)
            if country in foreign or (country is None and foreign):
                # "Wong met Prime Minister X": X holds office elsewhere than Wong's state
                country = self._focus_state(ent.start, foreign) or (
                    self._host_of_visit(ent, country) if country in visited else None)
            if country is None:
                # "Prime Minister X spoke with his Mauritanian counterpart" in a story that
                # names two states as often: the office is in the state the paragraph is about
                country = self._paragraph_state(ent, foreign | self._foreign_roles(ent))
            if country is None and title.text.lower() not in self.lexicon.body_titles:
                # "A Peruvian court halted the appointment of Interior Minister nominee X":
                # named before the story says its state twice, an office of a
                # state (not a "leader" or "president" of anything) is in the state the whole
                # story is about
                country = self._focus_state(len(self.doc), foreign)
        role = title.text if title else (known.role if known else None)
        # "a Belgian citizen, Jan Peeters": a nationality alone makes no official
        sector = title.sector if title else (known.sector if known else None)
        if title is None and sector is None:
            # "foreign ministry spokesperson Ana Ruiz": an agent noun is the office
            agent = self._agent_in(context)
            if agent is not None:
                role, sector = agent.text, self.lexicon.agent_sectors[agent.lemma_.lower()]
            elif head_of is not None and head_of.country == country:
                role, sector = "head", head_of.sector
        if private:
            sector = None  # (a nationality named with the body stays: "Chile's ... Association")
        elif title is not None and title.text.lower() in self.lexicon.body_titles:
            # "president of the national assembly", "director general of military public
            # relations": the head of an organ of the state is of the organ's sector
            sector = self._organ_sector(ent) or sector
        group = next((self.mention_at[t.i][1] for t in context if t.i in self.mention_at
                      and self.mention_at[t.i][1].kind == GROUP
                      and not self._tied_group(self.mention_at[t.i][0])), None)
        if group is not None and group.country == country:
            # "M23 spokesman Jean Doe"
            sector = self._group_sector(group, sector, title.text if title else None)
        elif (owner := self._owning_group(context, ent)) is not None and owner.country == country:
            # "M23 ... Its spokesman, Jean Doe"
            sector = self._owned_sector(owner, sector, title.text if title else None)
        if any(t.lower_ in ("former", "ex") for t in context):
            sector = FORMER_OFFICIAL_SECTOR
        counterpart = self._counterpart_of(context)
        if title is None and counterpart is not None:
            role, sector = counterpart.role, counterpart.sector
        first = min(context[0].i, ent.start) if context else ent.start
        return Actor(
            text=self.parse.words_text(first, ent.end),
            code=self._code(country, sector) if country else None,
            country=country,
            sector=sector,
            name=ent.text,
            role=role,
            kind="person",
            start=self.parse.tokens[first].idx,
            end=ent.end_char,
        )

    def _body_headed_by(self, ent: Span) -> Actor | None:
        """The state's body a relative clause on a name says the person heads."""
        body = self._headed_body(ent.root)
        return None if body is None else next(
            (a for a in self.actors_for(body, conjuncts=False)
             if a.country and a.kind == "state" and a.sector in self.lexicon.state_sectors),
            None)

    def _organ_sector(self, ent: Span) -> str | None:
        """The sector of the state organ a title of an apposition is of, if it names one."""
        for owner in self._bodies_headed(ent):
            # ("military public relations", "the military's media wing": or its modifier)
            words = [owner, *(m for m in owner.children if m.i < owner.i and m.dep_ in (
                "amod", "compound", "nmod", "poss"))]
            sector = next((found for word in words
                           if (found := self.sector_of(word)) in self.lexicon.state_sectors),
                          None)
            if sector is not None:
                return sector
        return None

    def _bodies_headed(self, ent: Span) -> list[Token]:
        """"Jane Roe, president of X" / "vice president at X": the X of its apposition."""
        # ("an activist and president of X": or of a title joined to it; "the leader of X,
        # Jane Roe": or of the title the name is apposed to)
        titles = [t for appos in ent.root.children if appos.dep_ == "appos"
                  for t in (appos, *appos.conjuncts)]
        if ent.root.dep_ == "appos" and ent.root.head.i < ent.start:
            titles.append(_titled_head(ent.root.head))
        return [p for title in titles
                for prep in title.children if prep.dep_ == "prep" and prep.lower_ in ("of", "at")
                for p in prep.children if p.dep_ == "pobj"]

    def _field_of_an_expert(self, ent: Span) -> bool:
        """"Ana Ruiz, a senior Iran analyst at the Acme Group", "the Japan chair at the Acme
        Institute": a state named before an expert's noun, of one who works at a body that is
        no actor, names the field of study, not the expert's state."""
        experts, heads = self.lexicon.references.experts, self.lexicon.body_titles
        return any(
            self._private_body(body)
            for appos in tree.labelled(ent.root, "appos")
            if (appos.lemma_.lower() in experts or appos.lemma_.lower() in heads)
            # (the state on the noun itself: "the Syrian Center's director" is Syrian)
            and any(m.i in self.mention_at for m in appos.children
                    if m.dep_ in ("amod", "compound", "nmod") and m.i < appos.i)
            for prep in appos.children if prep.dep_ == "prep" and prep.lower_ in ("of", "at")
            for body in prep.children if body.dep_ == "pobj")

    def _office_of_a_private_body(self, ent: Span) -> bool:
        """"Jane Roe, president of the Poultry Farmers' Association", "vice president at the
        Acme Endowment": a title held in a named body that is no actor of the tables (no
        state, IGO, group or organ of a state) is no state's office."""
        return any(self._private_body(owner) for owner in self._bodies_headed(ent))

    def _private_body(self, token: Token) -> bool:
        """A name of a body (capitalised, not a known actor, no organ's noun in it) whose
        actors, if any, are only the nationality named with it."""
        # ("the Bring Back Our Girls movement": or a common noun with a name before it)
        named = token.is_title or any(c.is_title and c.i < token.i and c.dep_ in (
            "compound", "nmod", "appos") for c in token.children)
        if not named or token.i in self.mention_at or token.i in self.person_at or (
                self.sector_of(token) in self.lexicon.state_sectors):
            return False  # ("the National Assembly": an organ; "Acme Company" is private)
        return all(a.kind == "state" and a.sector not in self.lexicon.state_sectors
                   for a in self.actors_for(token, conjuncts=False))

    def _ranked_states(self, before: int) -> list[tuple[str, int]]:
        """The states named before a token, with how often, most often first (of those named
        as often, the one whose mention comes first in ``mention_at``'s order)."""
        ranked = []
        for country, (starts, firsts) in self._states_named().items():
            count = bisect_left(starts, before)
            if count:
                ranked.append((firsts[count - 1], country, count))
        ranked.sort(key=lambda found: (-found[2], found[0]))
        return [(country, count) for _, country, count in ranked]

    def _states_named(self) -> dict[str, tuple[list[int], list[int]]]:
        """For each state named, where its mentions start, in order, and for each the first
        place in ``mention_at`` of those up to it: built once, so that ``_ranked_states`` does
        not read every mention of the document at every question."""
        if self._states_index is None:
            mentions: dict[str, list[tuple[int, int]]] = {}
            seen: set[int] = set()
            for order, (span, entry) in enumerate(self.mention_at.values()):
                if span.start not in seen and entry.country and (
                        entry.kind in (COUNTRY, CAPITAL, DEMONYM)):
                    seen.add(span.start)
                    mentions.setdefault(entry.country, []).append((span.start, order))
            self._states_index = {}
            for country, found in mentions.items():
                found.sort()
                firsts: list[int] = []
                for _, order in found:
                    firsts.append(min(order, firsts[-1]) if firsts else order)
                self._states_index[country] = ([start for start, _ in found], firsts)
        return self._states_index

    def _focus_pair(self, before: int) -> list[Actor]:
        """The two states a story is about: each named twice at least, and the second half as
        often again as any third."""
        ranked = self._ranked_states(before)
        if len(ranked) < 2 or ranked[1][1] < FOCUS_MENTIONS or (
                len(ranked) > 2 and ranked[1][1] < FOCUS_LEAD * ranked[2][1]):
            return []
        pair = [self._latest_as_state(country, before) for country, _ in ranked[:2]]
        return [actor for actor in pair if actor is not None] if all(pair) else []

    def _focus_actor(self, before: int) -> Actor | None:
        """The latest mention, as a state, of the state a story is about (``_focus_state``)."""
        country = self._focus_state(before)
        return None if country is None else self._latest_as_state(country, before)

    def _sole_state(self, before: int) -> Actor | None:
        """The one state a document has named before a token, when it has named only one
        ("Protests spread across Chile. The government ..."): the story is about it, though
        named once, short of what ``_focus_state`` asks to choose among several."""
        ranked = self._ranked_states(before)
        return self._latest_as_state(ranked[0][0], before) if len(ranked) == 1 else None

    def _latest_as_state(self, country: str, before: int) -> Actor | None:
        """The latest actor before a token that is this state itself (not one of its people)."""
        return next((r.actor for r in reversed(self.history) if r.token_index < before
                     and r.actor.country == country and r.actor.kind == "state"), None)

    def rival_of(self, countries: set[str | None], before: int) -> list[Actor]:
        """The other state of the pair a story is about, for one of the pair."""
        pair = self._focus_pair(before)
        if len(pair) != 2 or not countries or not countries <= {a.country for a in pair}:
            return []
        return [a for a in pair if a.country not in countries]

    def _fronted_seat(self, ent: Span) -> str | None:
        """The state of the capital or country a sentence opens with ("In Tehran, ...")."""
        first = self.sentence_at(ent.start)[0]
        if first.lower_ != "in" or first.i >= ent.start:
            return None
        place = next((c for c in first.children if c.dep_ == "pobj"), None)
        if place is None or place.i + 1 >= ent.start or self.parse.tokens[place.i + 1].text != ",":
            return None
        mention = self.mention_at.get(place.i)
        if mention is None or mention[1].kind not in (COUNTRY, CAPITAL):
            return None
        return mention[1].country

    def _visited_states(self, ent: Span) -> set[str]:
        """States of the places a person goes to ("a visit to Honiara by Foreign Minister X",
        "Foreign Minister X flew to Honiara"): never the person's own (a person "in" a capital
        may well be at home)."""
        governor = ent.root.head
        if ent.root.dep_ == "pobj" and governor.head.dep_ != "ROOT":
            governor = governor.head
        places = [p for prep in governor.children if prep.dep_ == "prep"
                  and prep.lower_ == "to" for p in prep.children if p.dep_ == "pobj"]
        return {self.mention_at[p.i][1].country for p in places if p.i in self.mention_at
                and self.mention_at[p.i][1].kind in (COUNTRY, CAPITAL)}

    def _counterpart_states(self, ent: Span) -> set[str]:
        """States of the people on the other side of a person's meeting or call ("Wong met
        Prime Minister X", "X met Wong"): not the person's own."""
        root = ent.root
        while root.dep_ == "conj" and root.head != root:
            root = root.head  # ("met A and B": B is met as A is)
        verb = root.head
        if root.dep_ == "pobj" and verb.lower_ == "with":
            verb = verb.head
        if verb.pos_ != "VERB" or root.dep_ not in ("nsubj", "dobj", "pobj"):
            return set()
        others = [c for c in verb.children if c.dep_ in ("nsubj", "dobj") and c != root]
        others += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                   for p in c.children if p.dep_ == "pobj" and p != root]
        return {a.country for o in others if o.i in self.person_at or o.pos_ == "PROPN"
                for a in self.actors_for(o, conjuncts=False)
                if a.kind == "person" and a.country}

    def _host_of_visit(self, ent: Span, visited: str) -> str | None:
        """The state acting in a visitor's clause ("Australia pledged aid during a visit to
        Honiara by Foreign Minister X"), or the one other state the sentence names: the
        visitor's, when the story's focus is the host."""
        verb = ent.root
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        mention = self.mention_at.get(subject.i) if subject is not None else None
        if mention is not None and mention[1].country not in (None, visited) and (
                mention[1].kind in (COUNTRY, CAPITAL)):
            return mention[1].country
        sent = self.sentence_at(ent.start)
        others = {entry.country for i, (span, entry) in self.mention_at.items()
                  if sent.start <= i < sent.end and entry.country
                  and entry.kind in (COUNTRY, CAPITAL, DEMONYM) and entry.country != visited}
        return others.pop() if len(others) == 1 else None

    def _paragraph_state(self, ent: Span, foreign: set[str]) -> str | None:
        """The state whose clause a titled person's clause hangs on ("New Zealand announced
        aid as Foreign Minister X visited"), else the state the sentence before is about
        (its main subject's), when that is not ``foreign``."""
        verbs: list[Token] = []
        clause = ent.root.head if ent.root.dep_ in ("nsubj", "nsubjpass") else None
        if clause is not None and clause.dep_ == "advcl":
            verbs.append(clause.head)
        # "Kazakh officials asked Moscow to act, Energy Minister X said": a paraphrase (not a
        # quote, whose subject is as often the speaker's adversary)
        reported = _paraphrase_before(ent, self.speech_verbs)
        if reported is not None:
            verbs.append(reported)
        start = self.sentence_at(ent.start).start
        if start > 0:
            verbs.append(self.sentence_at(start - 1).root)
        states = (self._subject_state(verb) for verb in verbs)
        return next((state for state in states if state and state not in foreign), None)

    def _subject_state(self, verb: Token) -> str | None:
        """The one state a verb's subject stands for, if any."""
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return None
        countries = {a.country for a in self.actors_for(subject) if a.country}
        return countries.pop() if len(countries) == 1 else None

    def _foreign_roles(self, ent: Span) -> set[str]:
        """States of the other officials a person's sentence names ("summoned the Iranian
        ambassador", "his Mauritanian counterpart"): not the person's own."""
        people = self.lexicon.references.posted_abroad | {"counterpart"}
        sent = self.sentence_at(ent.start)
        return {entry.country for i, (span, entry) in self.mention_at.items()
                if sent.start <= i < sent.end and entry.country
                and entry.kind in (COUNTRY, DEMONYM) and span.root.dep_ in ("amod", "poss")
                and span.root.head.lemma_.lower() in people}

    def _state_named_after(self, ent: Span) -> str | None:
        """"Foreign Minister Ana Ruiz of Chile": the state a title's holder is "of"."""
        for prep in (c for c in ent.root.children if c.dep_ == "prep" and c.lower_ == "of"):
            for place in (p for p in prep.children if p.dep_ == "pobj"):
                mention = self.mention_at.get(place.i)
                if mention is not None and mention[1].kind in (COUNTRY, DEMONYM):
                    return mention[1].country
        return None

    def _named_institution(self, context: list[Token]) -> str | None:
        """The state of a body a title's words name again ("department", "ministry")."""
        people = self.lexicon.references.institution_people
        for token in context:
            if token.pos_ in ("NOUN", "PROPN") and token.i not in self.mention_at and (
                    token.lemma_.lower() not in people):
                named = self._recent_same_noun(token)
                if named is not None:
                    return named.country
        return None

    def _focus_state(self, before: int, foreign: set[str] | frozenset[str] = frozenset()
                     ) -> str | None:
        """The state named clearly most often before a token, if any (twice at least, and
        half as often again as any other), of those not ``foreign``."""
        ranked = [(country, n) for country, n in self._ranked_states(before)
                  if country not in foreign]
        if not ranked or ranked[0][1] < FOCUS_MENTIONS:
            return None
        if len(ranked) > 1 and ranked[0][1] < FOCUS_LEAD * ranked[1][1]:
            return None
        return ranked[0][0]

    def _agent_in(self, context: list[Token]) -> Token | None:
        """The last noun of a title that names a sector on its own ("spokesperson")."""
        for token in reversed(context):
            sector = self.lexicon.agent_sectors.get(token.lemma_.lower())
            if token.pos_ in ("NOUN", "PROPN") and token.i not in self.mention_at and (
                sector in self.lexicon.state_sectors
            ):
                return token
        return None

    def _counterpart_of(self, context: list[Token]) -> Actor | None:
        """"his Russian counterpart Sergei Ivanov" holds the office of the one he meets."""
        for token in context:
            if token.lemma_.lower() == "counterpart":
                owner = next((c for c in token.children if c.dep_ == "poss"), None)
                if owner is not None and owner.pos_ == "PRON":
                    people = [a for a in self._pronoun(owner) if a.kind == "person"]
                    return people[0] if people and people[0].role else None
        return None

    def _holder_then(self, ent: Span) -> OfficeHolder | None:
        """"In 2016, Obama visited Cuba" in a 2020 story: a bare name out of office on the
        story's date is the one who held office in a year its sentence names (a year of the
        sentence's dates, before the story's)."""
        if self.day is None:
            return None
        for year in self._past_years(self.sentence_at(ent.start)):
            for day in (dt.date(year, 6, 30), dt.date(year, 1, 1), dt.date(year, 12, 31)):
                holder = self.office_holders.lookup(ent.text, day)
                if holder is not None:
                    return holder
        return None

    def _past_years(self, sent: Span) -> list[int]:
        """The years a sentence's dates name before the story's, latest first (read once a
        sentence: every unknown name of the sentence asks)."""
        if sent.start not in self._sentence_years:
            self._sentence_years[sent.start] = sorted(
                {int(t.text) for t in sent if t.ent_type_ == "DATE" and t.is_digit
                 and len(t.text) == 4 and FIRST_TERM_YEAR <= int(t.text) < self.day.year},
                reverse=True)
        return self._sentence_years[sent.start]

    def _office_holder(self, ent: Span, holder: OfficeHolder, context: list[Token]) -> Actor:
        # (a title apposed after the name, "X — leader of ...", does not start the mention)
        start = min(context[0].i, ent.start) if context else ent.start
        # a dated role may name another state or sector than the person's own
        country, sector = holder.code_on(self.day) or (holder.country or "", holder.sector)
        if any(t.lower_ in ("former", "ex") for t in context):
            # "led by former NATO Secretary General X": a known name with "former" before it
            # speaks for no state, as an unknown one does (_person)
            sector = FORMER_OFFICIAL_SECTOR
        return Actor(
            text=self.parse.words_text(start, ent.end),
            code=self._code(country, sector),
            country=country,
            sector=sector,
            name=holder.name,
            role=holder.role_on(self.day),
            kind="person",
            start=self.parse.tokens[start].idx,
            end=ent.end_char,
        )

    def _title_context(self, ent: Span) -> list[Token]:
        """Words before a name that introduce it: "Iranian Defense Minister", "Iran's envoy".

        Read from the token sequence rather than the parse, which often splits titled names.
        """
        tokens: list[Token] = []
        i = ent.start - 1
        first = self.sentence_at(ent.start).start
        while i >= first:
            token = self.parse.tokens[i]
            joins_phrase = token.lower_ == "of" and i > first and self.parse.tokens[i - 1].pos_ in (
                "NOUN", "PROPN")
            hyphen = token.text == "-" and not token.whitespace_  # "Secretary-General"
            # "United Nations-appointed rapporteur": the owner before a hyphened participle
            owned = token.tag_ == "VBN" and i > first and self.parse.tokens[i - 1].text == "-"
            if not (token.pos_ in ("PROPN", "ADJ", "NOUN") or token.tag_ == "POS"
                    or token.i in self.mention_at or joins_phrase or hyphen or owned):
                break
            tokens.insert(0, token)
            i -= 1
        if ent.root.dep_ == "appos" and ent.root.head.i < ent.start:
            # "The court's president, Judge Ana Ruiz, ...": the title is the head phrase
            head = _titled_head(ent.root.head)
            tokens = [*head.subtree][: head.i - head.left_edge.i + 1]
            tokens = [t for t in tokens if t.dep_ not in ("det", "punct")]
        for appos in tree.labelled(ent.root, "appos"):
            # the title's own words: "chair of the Council for Free Media in Taiwan" takes
            # no state from inside its of-phrase (_owner_country reads what it is of)
            tokens.extend(t for t in appos.subtree
                          if t.dep_ not in ("det", "punct", "prep", "pobj") and t.i >= ent.end
                          and not _inside_prep(t, appos))
        return [t for t in tokens if t.tag_ != "POS"]

    def _country_and_title(self, context: list[Token], ent: Span):
        country = None
        former = any(t.lower_ in ("former", "ex") for t in context)
        nationality = False
        for token in context:
            if token.i in self.mention_at:
                entry = self.mention_at[token.i][1]
                # "former top EU official Michel Barnier" no longer speaks for the EU
                if entry.country and entry.kind != STATELESS and not (former and entry.kind == IGO):
                    country, nationality = entry.country, entry.kind == DEMONYM
                    break
        if country is None or (nationality and any(c.dep_ == "appos" for c in ent.root.children)):
            # "X, a Spanish member of the European Parliament": whom the title is of, when
            # that is a body of states, outranks the holder's nationality
            owner = self._owner_country(context, ent)
            if country is None or owner in self.lexicon.igo_codes:
                country = owner or country
        words = _words([t for t in context if t.i not in self.mention_at and t.dep_ != "poss"])
        title = self.lexicon.title_for(words) if words else None
        if title is None:
            for end in range(len(words), 0, -1):
                title = self.lexicon.title_for(words[:end])
                if title:
                    break
        if country is None and title is not None:
            country = title.country
        return country, title

    def _tied_group(self, span: Span) -> bool:
        """Whether a group named in a title hangs on a participle other than an owning one:
        "Hezbollah-allied President X", "the M23-backed governor X" are backed by or allied
        with the group, not its people ("Hamas-run", "Taliban-appointed" are, as "a
        Greek-owned ship" is Greece's: agents.yaml ``owning_participles``)."""
        head = span.root.head
        if head.i < span.end or head.pos_ not in ("VERB", "ADJ") or not head.lower_.endswith("ed"):
            return False
        owning = self.lexicon.references.owning_participles
        return head.lemma_.lower() not in owning and not any(
            base in owning for base in _participle_bases(head.lower_))

    def _owning_group(self, context: list[Token], ent: Span) -> Actor | None:
        """The group a possessive in the title before the name refers to ("its spokesman,
        Jean Doe" after M23; "the rebels' spokesman"), if one does; a group named in the title
        is a mention. ("his" is a person's; and one after the name, in an apposition, "Nawaf
        Salam, his second trip", is not the title's: resolved while the name is, it would be
        resolved as nobody, and kept so.)"""
        for token in context:
            if token.dep_ == "poss" and token.i < ent.start and token.i not in self.mention_at and (
                    token.lower_ in ("its", "their") or token.pos_ in ("NOUN", "PROPN")):
                return next((a for a in self.actors_for(token, conjuncts=False)
                             if a.kind == "group"), None)
        return None

    def _owner_country(self, context: list[Token], ent: Span) -> str | None:
        """The state of a possessor in the title ("the court's president, Judge X")."""
        owners = [t for t in context if t.dep_ == "poss" and t.pos_ != "PRON"]
        if ent.root.dep_ == "appos" and ent.root.head.i < ent.start:
            owners.append(_titled_head(ent.root.head))
        # "Ana Ruiz, the leader of the Basque Country": what the title is of
        for appos in tree.labelled(ent.root, "appos"):
            owners.extend(p for prep in appos.children if prep.dep_ == "prep"
                          and prep.lower_ in ("of", "for") for p in prep.children
                          if p.dep_ == "pobj")
        for owner in owners:
            # "the leader of the Serb entity within Bosnia": or where what it is of lies (not
            # where a named body sits: "the Committee for Justice in New Delhi")
            places = [p for prep in owner.children if owner.pos_ == "NOUN" and prep.dep_ == "prep"
                      and prep.lower_ in ("in", "within", "inside", "of") for p in prep.children
                      if p.dep_ == "pobj"]
            for word in (owner, *places):
                for actor in self.actors_for(word, conjuncts=False):
                    if actor.country:
                        return actor.country
        return None

    # ---- references -----------------------------------------------------------------------
    def _pronoun(self, token: Token) -> list[Actor]:
        lower = token.text.lower()
        if lower == "it" and _expletive(token, self.lexicon.references):
            return []
        if lower in FIRST_PERSON_PRONOUNS:
            return self._quoted_speaker(token) or self._official(
                self._fronted_subject(token) or self._own(token) or self._reporter(token))
        ahead = (self._fronted_subject(token) or self._own(token) or self._judged_owner(token)
                 or self._controller(token) or self._reporter(token)
                 or self._subject_pronoun_owns(token))
        if ahead:
            return ahead
        if lower in PERSONAL_PRONOUNS:
            wanted = {"person"}
        elif lower in NEUTER_PRONOUNS:
            wanted = {"state", "igo", "group"}
        elif lower in PLURAL_PRONOUNS:
            return self._plural_referent(token)
        else:
            return []
        actor = self._recent(token.i, wanted, neuter=lower in NEUTER_PRONOUNS,
                             exclude=self._own_subject_countries(token),
                             object_pronoun=token if token.dep_ in OBJECT_DEPS else None,
                             ground=self._states_ground(token),
                             speaking=lower == "it" and self._spoke(token.i))
        if actor is not None and lower == "it" and self._thing_between(actor, token):
            return []  # "Egypt welcomed the truce after both sides agreed to it"
        return [actor] if actor else []

    def _spoke(self, token_index: int) -> bool:
        """Whether a word is the subject of a verb of saying ("it said", "the report said"):
        an "it" that speaks means an actor, or a thing that spoke before (a report, a
        statement), never a thing that only was ("its sovereignty ... is not negotiable")."""
        token = self.parse.tokens[token_index]
        return token.dep_ == "nsubj" and token.head.lemma_.lower() in self.speech_verbs

    def _own_subject_countries(self, token: Token) -> set[str]:
        """"Peru praised Chile and thanked it": an object pronoun is never its own clause's
        subject (that would be "itself"); nor is the holder of the ground a subject entered
        ("a Venezuelan boat entered its waters")."""
        verb = token.head
        if token.lower_ == "it" and token.dep_ == "nsubj":
            return self._object_countries(verb)
        if self._entered_ground(token):
            token, verb = verb, verb.head
        elif token.lower_ not in ("it", "him", "her", "them"):
            return set()
        if token.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
        elif token.dep_ not in ("dobj", "dative"):
            return set()
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and verb.dep_ in ("conj", "advcl", "xcomp"):
            # ("blamed India, accusing it of ...": the participle's subject is the clause's)
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subject is None and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            # ("accused a Russian jet of entering its airspace": the one accused enters)
            subject = next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
        if subject is None or subject.i > token.i:
            return set()
        # "the senators urged him": a person may share a body's state, not a person's place
        personal = token.lower_ in ("him", "her")
        return {a.country for a in self.actors_for(subject)
                if a.country and (a.kind == "person" or not personal)}

    def _object_countries(self, verb: Token) -> set[str]:
        """"Chile held talks with Ghana. It accused Chile of lying": a subject "it" is never
        its own clause's object, nor the one its clause acts to or on (that would be
        "itself"): the states of the verb's objects and of the to/with/against/on phrases of
        the verb and its objects."""
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        # (the phrase may hang on the object: "imposed sanctions on Chile")
        objects.extend(p for holder in (verb, *objects) for prep in holder.children
                       if prep.dep_ in ("prep", "dative") and prep.lower_ in OBJECT_LIKE_PREPS
                       for p in prep.children if p.dep_ == "pobj")
        # only a state named as itself: "it violates Thailand's obligations", "it would
        # defend Russian citizens" may be Thailand, Russia
        named = (self.mention_at.get(o.i, (None, None))[1] for o in objects)
        return {entry.country for entry in named if entry is not None and entry.country
                and entry.kind in (COUNTRY, CAPITAL)}

    def _entered_ground(self, token: Token) -> bool:
        """"entered its waters", "violated its airspace": "its" holding ground entered."""
        ground = token.head
        verb = ground.head.head if ground.dep_ == "pobj" else ground.head
        references = self.lexicon.references
        return token.lower_ == "its" and token.dep_ == "poss" and (
            ground.lemma_.lower() in references.territory) and (
            ground.dep_ in ("dobj", "pobj")) and verb.lemma_.lower() in references.entering

    def _states_ground(self, token: Token) -> bool:
        """"its airspace", "its border": a possessive of ground only a state holds, whose "it"
        may be the state of people named in the plural ("Peruvian officials said a Chilean
        ship had entered its waters")."""
        references = self.lexicon.references
        return token.lower_ == "its" and token.dep_ == "poss" and (
            token.head.lemma_.lower() in references.territory | references.frontier)

    def _thing_between(self, actor: Actor, token: Token) -> bool:
        """Whether an object "it" more likely means a thing named after the actor: a singular
        common noun that names no actor stands between them in the same sentence."""
        if token.dep_ not in ("dobj", "pobj") or actor.start is None:
            return False
        sent = self.sentence_at(token.i)
        if actor.start < sent.start_char:
            return False
        return any(
            t.pos_ == "NOUN" and t.tag_ == "NN" and t.dep_ in ("dobj", "nsubj", "nsubjpass")
            and t.idx > actor.end and not self.actors_for(t, conjuncts=False)
            for t in sent if t.i < token.i
        )

    def _quoted_speaker(self, token: Token) -> list[Actor]:
        """"We urge Lima to act," the minister said: "we" and "I" in a quotation are its
        speaker, found on the speech verb above the quote, or on the one that closes a quote
        running over from the sentence before or on into the next."""
        speaker = _governing_speaker(token, self.speech_verbs)
        sent = self.sentence_at(token.i)
        if speaker is None and any(q in self.parse.span_text(sent) for q in QUOTE_MARKS):
            sentences = [sent]
            following = sent.end
            if following < len(self.doc):
                sentences.append(self.sentence_at(following))
            speaker = next((found for sent in sentences[1:]
                            if (found := _speaker_in(sent, self.speech_verbs)) is not None),
                           None)
        if speaker is None or speaker.pos_ == "PRON" and speaker.lower_ in FIRST_PERSON_PRONOUNS:
            return []
        return self._official(self.actors_for(speaker))

    def _official(self, found: list[Actor]) -> list[Actor]:
        """"we" speaks for a state only from an official's or a body's mouth, not an
        activist's."""
        return [a for a in found if a.country and (
            a.kind == "igo" or a.sector in self.lexicon.state_sectors
            or a.country in self.lexicon.igo_codes)]

    def _reporter(self, token: Token) -> list[Actor]:
        """"Lima announced it was recalling its envoy", "the official says they are talking":
        the subject of a reported clause is, by default, the one reporting it; so is the owner
        of that subject ("the army chief said his forces had ...")."""
        subject_word = token.head if token.dep_ == "poss" else token
        clause = subject_word.head
        if subject_word.dep_ != "nsubj" or clause.dep_ != "ccomp":
            return []
        speech = clause.head
        if speech.lemma_.lower() not in self.speech_verbs:
            return []
        subject = next((c for c in speech.children if c.dep_ == "nsubj"), None)
        if subject is None and speech.dep_ == "conj":
            # "Hanoi protested the tariff and said it would send a minister": the first verb's
            subject = next((c for c in speech.head.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ == "PRON":
            return []
        named = self.actors_for(subject)
        found = [a for a in named if a.country]
        lower = token.lower_
        if lower in PLURAL_PRONOUNS and found and token.dep_ == "nsubj" and (
                {a.country for a in found} & self._acted_on(token.head)):
            # ("C's president said they had accused C": not C, whom the clause acts on)
            group = self._others_just_named(token, subject, found)
            if group:
                return group
        if not found and lower in NEUTER_PRONOUNS and subject.tag_ == "NN" and (
                subject.lemma_.lower() not in self.lexicon.references.person_nouns):
            # "The election commission said it had invited observers from Russia": the body
            # that reports, which serves no state the story names, not the last state named
            return [Actor(text=token.text, code=None, country=None, kind="group",
                          start=token.idx, end=token.idx + len(token.text))]
        if not found and lower in PERSONAL_PRONOUNS and named and all(
                a.kind == "person" for a in named):
            # "Ruiz said he had told the envoy ...": the speaker, whose state the story does
            # not give, not the last person it did give a state
            return named
        # "the army chief ... he": an official named by a common noun is a person too
        # (not a body: "the security service said it had detained ...")
        official = subject.pos_ == "NOUN" and self.sector_of(subject) is not None and (
            subject.lemma_.lower() in self.lexicon.references.person_nouns)
        if lower in PERSONAL_PRONOUNS:
            found = [a for a in found if a.kind == "person" or official]
        elif lower in NEUTER_PRONOUNS:
            found = [a for a in found if a.kind != "person" and not official]
        return found

    def _others_just_named(self, token: Token, subject: Token,
                           reporters: list[Actor]) -> list[Actor]:
        """"A and B signed a pact. C's president said they had accused C": "they" in what one
        person or state reports, when its clause acts on the reporter's state, is not the
        reporter but the group of several others that was a subject in that sentence or the
        one before, when there is one (a reporter's "they" is its own side otherwise: "the
        official says they are talking"; a group named only as a place, "prices rose in A,
        B and C", is no such group)."""
        if subject.tag_ not in ("NN", "NNP") or self.parse.conjuncts(subject.i):
            return []
        sentences, starts = self._sentences()
        here = bisect_right(starts, token.i) - 1
        horizon = sentences[max(0, here - 1)].start
        own = {a.country for a in reporters}
        groups = [self._group_at(r.token_index)
                  for r in self.history[self._history_from(horizon):]
                  if horizon <= r.token_index < subject.i and r.actor.country and r.is_subject
                  and not r.thing and self._in_group(r.token_index)]
        groups = [g for g in groups if len({a.country for a in g[1]}) > 1
                  and not own & {a.country for a in g[1]}]
        return max(groups, key=lambda g: g[0])[1] if groups else []

    def _controller(self, token: Token) -> list[Actor]:
        """"called on the EU to speed up its support": a possessive inside an infinitive is
        the one asked to act (the object of "call on", "urge", "ask")."""
        if token.dep_ != "poss" or token.lower_ not in ("its", "their"):
            return []
        verb = token.head
        while verb.dep_ in ("pobj", "prep", "dobj", "compound", "amod") and verb.head != verb:
            verb = verb.head
        if verb.dep_ != "xcomp" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return []
        governor = verb.head
        asked = [c for c in governor.children if c.dep_ == "dobj"]
        asked += [p for c in governor.children if c.dep_ == "prep" and c.lower_ == "on"
                  for p in c.children if p.dep_ == "pobj"]
        found = [a for word in asked for a in self.actors_for(word) if a.country]
        plural = token.lower_ == "their"
        return found if found and (len(found) > 1) == plural else []

    def _own(self, token: Token) -> list[Actor]:
        """"Brazil keeps to its own rules": "its own" is the clause subject's."""
        if token.dep_ != "poss" or not tree.has_child(token.head, None, "own"):
            return []
        found = self._clause_subject(token, before=False)
        if found or token.lower_ in PLURAL_PRONOUNS:
            return found
        # a misparsed clause has no subject: the nearest actor before it in the sentence
        start = self.sentence_at(token.i).start
        nearest = [r.actor for r in self.history[self._history_from(start):]
                   if start <= r.token_index < token.i and r.actor.kind != "person"
                   and r.actor.country and not self._in_group(r.token_index)]
        return nearest[-1:]

    def _judged_owner(self, token: Token) -> list[Actor]:
        """"Ankara criticised Athens over its deal with Cairo", "thanked Islamabad for its
        help": a possessive in the reason given for an act on someone is that one's."""
        if token.dep_ != "poss" or token.lower_ not in ("its", "their"):
            return []
        phrase = token.head
        if phrase.dep_ != "pobj" or phrase.head.lower_ not in REASON_PHRASE_PREPS:
            return []
        verb = phrase.head.head
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if verb.pos_ != "VERB" or obj is None or obj.i > token.i:
            return []
        found = [a for a in self.actors_for(obj) if a.country and a.kind != "person"]
        plural = token.lower_ == "their"
        return found if found and (len(found) > 1) == plural else []

    def _subject_pronoun_owns(self, token: Token) -> list[Actor]:
        """"it would send its minister", "they recalled their envoys": a possessive of the
        clause's subject pronoun's kind refers to what that pronoun does."""
        if token.dep_ != "poss":
            return []
        verb = token.head
        for _ in range(4):  # (the noun's verb, through a preposition or two)
            if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                break
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ != "PRON" or subject.i > token.i or (
                POSSESSED_BY.get(subject.lower_) != token.lower_):
            return []
        return self.actors_for(subject, conjuncts=False)

    def _fronted_subject(self, token: Token) -> list[Actor]:
        """"At their meeting, Tokyo and Washington agreed": a possessive in a phrase before the
        subject refers ahead to that subject."""
        if token.dep_ != "poss":
            return []
        return self._clause_subject(token, before=True)

    def _clause_subject(self, token: Token, before: bool) -> list[Actor]:
        """The subject of the clause a possessive stands in, when it fits the pronoun's number
        (and, with ``before``, only a subject that comes after the possessive)."""
        verb = token.head
        while verb.dep_ in ("pobj", "prep", "compound", "amod", "nmod", "acl", "dobj", "npadvmod"):
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if verb.pos_ not in ("VERB", "AUX") or subject is None or (before and subject.i < token.i):
            return []
        found = [a for a in self.actors_for(subject) if a.country]
        plural = token.lower_ in PLURAL_PRONOUNS
        return found if found and (len(found) > 1) == plural else []

    def _recent(
        self, before: int, kinds: set[str], sector: str | None = None, neuter: bool = False,
        igo_only: bool = False, exclude: set[str] | frozenset[str] = frozenset(),
        object_pronoun: Token | None = None, ground: bool = False, speaking: bool = False,
    ) -> Actor | None:
        # the six latest fitting actors, newest first (the history is in document order; only
        # the entries of a kind that can fit are read)
        candidates: list[Remembered] = []
        for remembered in self._referable_history(kinds):
            if len(candidates) == RECENT_WINDOW:
                break
            if remembered.token_index < before - REFERENCE_REACH:
                # (a sentence's people are remembered before its nouns: an entry after this
                # one may be of the same sentence and within reach; once the whole sentence
                # is out of reach, every entry after it is older still)
                if self._observed_in_order and self._observed_end(
                        remembered.token_index) <= before - REFERENCE_REACH:
                    break
                continue
            if igo_only and remembered.actor.country not in self.lexicon.igo_codes:
                continue
            if remembered.actor.country in exclude:
                continue
            if speaking and remembered.thing and not self._spoke(remembered.token_index):
                continue  # ("... sovereignty over it is not up for discussion. It said ...")
            if self._fits_reference(remembered, before, kinds, sector, neuter and not (
                    ground and remembered.actor.kind == "state")):
                candidates.append(remembered)
        if not candidates:
            return None
        subjects = [r for r in candidates if r.is_subject]
        chosen = (subjects or candidates)[0]
        if object_pronoun is not None:
            # "sent a letter to Rubio ..., urging him to": an object pronoun takes the one
            # just named in its own sentence before a subject of the sentences before
            start = self.sentence_at(object_pronoun.i).start
            chosen = next((r for r in candidates if r.token_index >= start), chosen)
        if chosen.thing:
            return None
        if igo_only and chosen.actor.kind == "person":
            # (a former official's "organization" is not the IGO he once led)
            return None if chosen.actor.sector == FORMER_OFFICIAL_SECTOR else self._igo_of(
                chosen.actor)
        return chosen.actor

    def _igo_of(self, person: Actor) -> Actor:
        """The organisation an IGO official works for, as an actor."""
        return replace(person, code="IGO" + (person.country or ""), sector=None, name=None,
                       role=None, kind="igo")

    def _fits_reference(
        self, remembered: Remembered, before: int, kinds: set[str], sector: str | None,
        neuter: bool,
    ) -> bool:
        actor = remembered.actor
        private = remembered.thing and actor.kind == "person"
        # "the Chilean president ... he": an official named by a title is a person
        titled = self._titled_person(remembered.token_index)
        kind_fits = actor.kind in kinds or ("person" in kinds and titled)
        if remembered.token_index >= before or not kind_fits or not (actor.country or private):
            return False
        if sector is not None and actor.sector != sector:
            return False
        # "Chinese ships ... its waters": a plural noun is no "it" (a plural name may be)
        if neuter and self.parse.tag_[remembered.token_index] == "NNS" and (
            remembered.token_index not in self.mention_at
        ):
            return False
        # a member of a group ("Mali and Niger", "the three nations") is not an "it"
        return not self._in_group(remembered.token_index)

    def _one_person(self, token: Token) -> bool:
        return token.tag_ in ("NN", "NNP") and (self._titled_person(token.i) or any(
            a.kind == "person" for a in self.actors_for(token, conjuncts=False)))

    def _titled_person(self, token_index: int) -> bool:
        return self.parse.tag_[token_index] == "NN" and (
            self.parse.lemmas[token_index] in self.lexicon.references.person_nouns)

    def _in_group(self, token_index: int) -> bool:
        if len(self._cache.get(token_index, ())) > 1:
            return True
        # ("Bosnia and Herzegovina": one name the parser coordinates is no group)
        return any(self._cache.get(j) for j in self.parse.conjuncts(token_index)) and (
            len(self._group_at(token_index)[1]) > 1)

    def _sentences(self) -> tuple[list[Span], list[int]]:
        """The document's sentences and their first tokens (``ParseTable.sentences``)."""
        return self.parse.sentences()

    def sentence_at(self, i: int) -> Span:
        """The sentence the token at ``i`` is in, as ``token.sent`` gives it
        (``ParseTable.sentence_at``)."""
        return self.parse.sentence_at(i)

    def _plural_referent(self, token: Token, size: int | None = None) -> list[Actor]:
        """"they", "the three nations", "the trio": the latest coordination of several actors
        (of the counted size, when there is a count), else the latest plural actor ("Iranian
        officials ... they"); never a single state."""
        # "they" rarely reaches further back than the previous sentence; a count may
        sentences, starts = self._sentences()
        here = bisect_right(starts, token.i) - 1
        reach = 1 if size is None else COUNTED_GROUP_HORIZON
        horizon = sentences[max(0, here - reach)].start
        earlier = [r for r in self.history[self._history_from(horizon):]
                   if horizon <= r.token_index < token.i and r.actor.country]
        groups = [self._group_at(r.token_index) for r in earlier
                  if self._in_group(r.token_index)]
        if size == 2 and token.dep_ in ("nsubj", "nsubjpass"):
            # "In a call with the EU's Kallas, China's Wang said the two sides should ...": the
            # two named just before in the sentence itself
            in_sentence = self._sentence_parties(token)
            if in_sentence:
                return in_sentence
        if size is not None:
            every = [self._group_at(r.token_index) for r in earlier if not r.thing]
            # "Qatar and Turkey called on both sides": the sides are others than who calls
            acting = self._acting_states(token)
            # ("the Caribbean Community, or CARICOM" names one body twice)
            fitting = sorted((g for g in every if len({a.country for a in g[1]}) == size
                              and not acting & {a.country for a in g[1]}), key=lambda g: g[0])
            people = self._last_people(token, size, sentences[max(0, here - 1)].start) if (
                token.lemma_.lower() in self.lexicon.references.counted_people) else []
            # ("Chile and Peru began talks ... Boric wants to meet Lula. The two leaders
            # last met in May": the people just named, before a group of states named
            # further back)
            if people and not (fitting and fitting[-1][0] >= sentences[max(0, here - 1)].start):
                return people
            # ("Chile and Peru agreed ..., in talks that Brazil and Mexico attended. The
            # deal, which the two countries' ministers signed": those who acted)
            acted = {self._group_at(r.token_index)[0] for r in earlier
                     if r.is_subject and not r.thing}
            near = [g for g in fitting if g[0] >= sentences[max(0, here - 1)].start]
            if size == 2 and fitting and not near:
                # ("Baku accused Yerevan ... the French minister spoke with his Armenian
                # counterpart ... The two neighbors fought wars": a pair named a paragraph
                # back in passing is not the story's pair)
                pair = self._focus_pair(token.i)
                if pair:
                    return pair
            if fitting:
                # ("... in talks attended by the United States and China. The deal, signed by
                # the two countries' ministers": of the pairs just named, those who acted)
                chosen = near or fitting
                return next((g for g in reversed(chosen) if g[0] in acted), chosen[-1])[1]
            if token.lemma_.lower() in self.lexicon.references.counted_people:
                return people
            if size != 2:
                return []
            # "both countries" in a story of two states' quarrel: the two it is about
            # (a clause a paragraph back names two who may not be the story's pair)
            near = sentences[max(0, here - 1)].start
            return self._clause_parties(token, near) or self._focus_pair(token.i)
        plural = [r for r in earlier if self.parse.tag_[r.token_index] in ("NNS", "NNPS")]
        # ("freeze the assets the officials hold and bar them": a plural of its own sentence
        # before a group of the sentences before)
        own_start = sentences[here].start
        own = [r for r in plural if r.token_index >= own_start and not r.thing]
        if own and not any(g[0] >= own_start for g in groups):
            return self._group_at(own[-1].token_index)[1]
        if groups:
            return groups[-1][1]
        met = self._plural_parties(sentences[max(0, here - 1)], token)
        if met:
            return met
        if not plural or plural[-1].thing:
            return []  # "Japanese photos ... donate them": the photos, not Japan
        return self._group_at(plural[-1].token_index)[1]

    def _acting_states(self, token: Token) -> set[str | None]:
        """The states of the subject of the verb a word depends on, when it is not that
        subject itself."""
        verb = token.head
        for _ in range(4):  # a preposition or two between the word and its verb
            if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                break
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.i == token.i:
            return set()
        return {a.country for a in self.actors_for(subject) if a.country}

    def _sentence_parties(self, token: Token) -> list[Actor]:
        """The actors of exactly two states named in a token's sentence before it."""
        parties: dict[str, Actor] = {}
        start = self.sentence_at(token.i).start
        for remembered in self.history[self._history_from(start):]:
            if start <= remembered.token_index < token.i and not remembered.thing \
                    and remembered.actor.country:
                parties.setdefault(remembered.actor.country, remembered.actor)
        return list(parties.values()) if len(parties) == 2 else []

    def _plural_parties(self, sent: Span, token: Token) -> list[Actor]:
        """"Vietnamese officials met their Chinese counterparts. They agreed ...": plural
        people of two states, subject and object of one verb, are "they" together; so are two
        people ("Ruto met Hassan. They discussed ...")."""
        root = sent.root if sent.start < token.i else None
        if root is None or self.sentence_at(token.i).start == sent.start:
            return []
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        partner = _partner_of(root)
        if subject is None or partner is None or not (
                all(t.tag_ in ("NNS", "NNPS") for t in (subject, partner))
                or all(self._one_person(t) for t in (subject, partner))):
            return []
        parties = [*self.actors_for(subject), *self.actors_for(partner)]
        return parties if len({a.country for a in parties if a.country}) == 2 else []

    def _clause_parties(self, token: Token, horizon: int) -> list[Actor]:
        """"The army fought the rebels ... both sides": two actors, the subject and the
        object of the latest clause before the count that names two."""
        for remembered in reversed(self.history[self._history_from(horizon):]):
            subject = self.parse.tokens[remembered.token_index]
            if not horizon <= subject.i < token.i or subject.dep_ != "nsubj":
                continue
            for verb in _verbs_of_subject(subject):
                partner = _partner_of(verb)
                if partner is None or partner.i >= token.i:
                    continue
                parties = [*self.actors_for(subject, conjuncts=False),
                           *self.actors_for(partner, conjuncts=False)]
                # ("the U.N. agency urged Pakistan ... both sides": a body asking is no side)
                # ("Rahmon criticized its treatment of Tajiks": one state twice is no two
                # sides)
                if len(parties) != 2 or parties[0].country == parties[1].country or any(
                        a.kind == "igo" for a in parties):
                    continue
                # ("A flew to B and thanked C. C urged both countries": a joined verb's
                # partner who now asks is no side)
                if verb is subject.head or not self._acting_states(token) & {
                        a.country for a in parties}:
                    return parties
        return []

    def _last_people(self, token: Token, size: int, horizon: int) -> list[Actor]:
        """"Xi met Biden ... the two leaders": the last people of distinct states named."""
        people: dict[str, Actor] = {}
        for remembered in reversed(self.history[self._history_from(horizon):]):
            actor = remembered.actor
            person = actor.kind == "person" or self._titled_person(remembered.token_index)
            if not horizon <= remembered.token_index < token.i or not person:
                continue
            if actor.country and actor.country not in people:
                people[actor.country] = actor
            if len(people) == size:
                return list(reversed(people.values()))
        return []

    def _group_at(self, token_index: int) -> tuple[int, list[Actor]]:
        """The actors remembered at a token with its whole coordination, and where it ends."""
        members = [token_index, *self.parse.conjuncts(token_index)]
        group: list[Actor] = []
        for member in members:
            group.extend(a for a in self._cache.get(member, []) if a not in group)
        return max(members), group

    def _definite_description(self, head: Token, sector: str | None) -> list[Actor]:
        """"the minister", "the regional body", "the country": the latest fitting actor."""
        determined = tree.has_child(head, ("det", "predet"), ("the", "this", "that", "both"))
        if determined and self._own_name(head):
            return []  # "the Joint Stabilization Force": a name, not "the force" named before
        nouns = self.lexicon.references
        if not determined and not self._institutional(head):
            if head.tag_ == "NNS" and head.dep_ == "nsubj" and (
                    sector in STATE_FORCE_SECTORS or head.lemma_.lower() in (
                        nouns.seated - nouns.counted)) \
                    and not any(c.dep_ == "det" for c in head.children):
                # "Kenya's army said troops had killed ...": forces with no state named acting
                # in what a state's own side reports are its own (not the arms it speaks of)
                actor = self._speakers_own(head, sector) or self._home_body(
                    head, sector) or self._protagonists_people(head, sector)
                return [actor] if actor else []
            if self._bare_people(head):
                actor = self._speakers_own(head, sector) or self._protagonists_people(
                    head, sector)
                return [actor] if actor else []
            return []
        lemma = head.lemma_.lower()
        size = self._counted_size(head)
        described = any(c.dep_ in ("amod", "compound") for c in head.children)
        if size is None and described and head.tag_ == "NNS":
            return []  # "the Baltic states", "the Gulf nations": a region, not a back-reference
        if size is not None or (lemma in nouns.state and head.tag_ == "NNS"):
            # "the three nations", "the trio": the last coordinated group of actors
            return [self._as_mention(a, head) for a in self._plural_referent(head, size)]
        if lemma in nouns.collective:
            # "NATO chief Mark Rutte said the alliance ...": an IGO official stands for it
            actor = self._recent(head.i, {"igo", "person"}, igo_only=True)
        elif lemma in nouns.state:
            # "the country" is the state the story is about, when it is about one (the last
            # state named as a subject is as often another: "France asked for a cabinet in
            # Lebanon that serves the whole country")
            actor = self._focus_actor(head.i) or self._recent(head.i, {"state"})
        elif self._named_stateless(head):
            return []  # "the Gang Suppression Force ... the new force": that one, no state's
        else:
            # ("sanctions on 14 Georgian officials ... the officials hold, Britain said": a
            # plural named before is that group before it is the speaker's own)
            same = self._recent_same_noun(head) if head.tag_ == "NNS" else None
            actor = same or self._speakers_own(head, sector) or self._recent_same_noun(
                head, titles=True) or (
                self._recent_with_role(head)) or self._latest_or_protagonists(head, sector) or (
                self._home_body(head, sector) if sector in self.lexicon.state_sectors
                else None)
        return [actor] if actor else []

    def _introduced_with_state(self, head: Token) -> list[Actor]:
        """"Kenya's election commission ... the commission said", "the Saudi-led coalition
        ... the coalition": a body named again with "the" and nothing new is the one its
        nearest earlier use of the same number named with its own owner, modifier or "of"
        phrase (or that such a use was linked to). Nothing when that nearest use named no
        one, or two states: a wrong state is worse than none."""
        parse = self.parse
        if not self._bare_again(head):
            return []
        lemma, plural = parse.lemmas[head.i], head.tag_ in ("NNS", "NNPS")
        horizon = max(self.sentence_at(head.i).start - SAME_NOUN_REACH, 0)
        for i in range(head.i - 1, horizon - 1, -1):
            if parse.lemmas[i] != lemma or parse.pos[i] != "NOUN" or (
                    (self.doc[i].tag_ in ("NNS", "NNPS")) != plural):
                continue
            earlier = self.doc[i]
            if not (i in self._introduced or self._names_its_own(earlier)) or not (
                    self._said_again(head, earlier)):
                return []
            actors = [a for a in self.actors_for(earlier, conjuncts=False) if a.country]
            if len({a.country for a in actors}) != 1 or actors[0].kind not in ("state", "igo"):
                return []
            self._introduced.add(head.i)
            sector = self.sector_of(head)
            if sector and actors[0].kind == "state" and (
                    actors[0].sector not in self.lexicon.state_sectors):
                # ("the government of former President X ... the government": the state's
                # government, not its former official's sector; "the defense ministry ...
                # the ministry" stays the military's)
                return [self._as_body(actors[0], head, sector)]
            return [self._as_mention(actors[0], head)]
        return []

    def _bare_again(self, head: Token) -> bool:
        """"the commission", "the election commission", "the coalition, a bloc of five,":
        "the" and no owner, number or "of" phrase of its own (those name whose it is
        themselves)."""
        return tree.has_child(head, ("det",), ("the",)) and not any(
            c.dep_ in ("poss", "nummod", "predet") or (c.dep_ == "prep" and c.lower_ == "of")
            for c in head.children)

    def _names_its_own(self, earlier: Token) -> bool:
        """Whether an earlier use of a noun names its state itself, in an owner, a modifier
        or an "of" phrase ("Kenya's commission", "the Peru-led coalition", "the coalition of
        B"; not "the gang leader", "the authoritarian regime", whose state came from
        elsewhere)."""
        own = [c for c in earlier.children if c.dep_ in MODIFIER_DEPS] + [
            p for c in earlier.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj"]
        countries = {a.country for a in self.actors_for(earlier, conjuncts=False)}
        return any(a.country in countries for child in own for word in child.subtree
                   if word.pos_ in ("PROPN", "ADJ", "PRON", "NOUN")
                   for a in self.actors_for(word, conjuncts=False) if a.country)

    @staticmethod
    def _said_again(head: Token, earlier: Token) -> bool:
        """Whether a later use says nothing new of the noun: each word before it ("the
        election commission", not "the other commission") was said of the earlier one."""
        said = {c.lemma_.lower() for c in earlier.subtree if c.i < earlier.i}
        return all(c.lemma_.lower() in said for c in head.children
                   if c.dep_ in ("amod", "compound") and c.i < head.i)

    def _latest_or_protagonists(self, head: Token, sector: str | None) -> Actor | None:
        """The latest actor of the sector, or, for "the government", "the Foreign Ministry"
        after two states or more were named, the body of the story's protagonist when that
        actor was no subject: "A protested to B over remarks by B's president. The Foreign
        Ministry summoned B's ambassador" is A's ministry, not the president's."""
        if not sector:
            return None
        latest = self._recent(head.i, self._describable_kinds(sector), sector)
        # (only the government's offices: "the force", "the National Assembly" are as often
        # a body of no state's or a state's named apart from the story's protagonist)
        if sector != GOVERNMENT_SECTOR or not self._bare_office(head) or (
                latest is not None and any(
                r.actor is latest and r.is_subject for r in self.history)) or len(
                self._ranked_states(head.i)) < 2:
            return latest
        state = self._protagonist_state(head)
        return latest if state is None else self._as_body(state, head, sector)

    def _bare_people(self, head: Token) -> bool:
        """"Officials accused ...", "senior officials said": plural people of a state, the
        subject, with no state, body or place said of them."""
        references = self.lexicon.references
        return head.tag_ == "NNS" and head.dep_ == "nsubj" and (
            head.lemma_.lower() in references.protagonist_people) and all(
            c.dep_ == "punct" or (c.dep_ == "amod" and (
                c.lower_ in references.protagonist_descriptors)) for c in head.children)

    def _protagonists_people(self, head: Token, sector: str | None) -> Actor | None:
        """Bare "officials" after a story has named two states or more: the protagonist's
        (``_protagonist``), unless their sentence names a place or state before them ("In
        <city>, officials said": that place's, perhaps, or visitors', so nobody's)."""
        if not sector or not self._bare_people(head) or len(self._ranked_states(head.i)) < 2:
            return None
        start = self.sentence_at(head.i).start
        if any(self.parse.tokens[i].ent_type_ in PLACE_ENTITIES or (
                i in self.mention_at and self.mention_at[i][1].country)
               for i in range(start, head.i)):
            return None
        state = self._protagonist_state(head)
        return None if state is None else self._as_body(state, head, sector)

    def _protagonist_state(self, head: Token) -> Actor | None:
        """The latest actor before a word that is the story's protagonist state itself."""
        country = self._protagonist(head)
        return None if country is None else self._latest_as_state(country, head.i)

    def _as_body(self, state: Actor, head: Token, sector: str) -> Actor:
        """A state's body of this sector, named by the word at ``head``."""
        return replace(state, text=head.text, start=head.idx, end=head.idx + len(head.text),
                       sector=sector, code=self._code(state.country, sector), name=None,
                       role=None)

    def _bare_office(self, head: Token) -> bool:
        """"the government", "the Foreign Ministry": an office every state has, with "the"
        and nothing else said of it (not "the chief Brexit negotiator", "the Cato Institute
        think tank", "the government in Kabul")."""
        return tree.has_child(head, ("det",), ("the",)) and all(
            c.dep_ in ("det", "punct") or (c.dep_ in ("amod", "compound") and (
                f"{c.lower_} {head.lower_}" in self.lexicon.agent_sectors))
            for c in head.children)

    def _protagonist(self, head: Token) -> str | None:
        """The state a story has most often made the subject of its sentences before a
        word's sentence (of those as often, the first), leaving out the states the word's
        own clause acts on ("summoned B's ambassador": not B) and the members of a group
        ("A and B held talks": neither)."""
        start = self.sentence_at(head.i).start
        acted_on = self._acted_on(head.head) if head.dep_ in ("nsubj", "nsubjpass") else set()
        counts: dict[str, int] = {}
        for remembered in self.history:
            actor = remembered.actor
            if remembered.token_index >= start:
                break
            if not remembered.is_subject or remembered.thing or not actor.country or (
                    actor.kind not in ("state", "person")) or (
                    actor.country in self.lexicon.igo_codes) or self._in_group(
                    remembered.token_index):
                continue
            counts[actor.country] = counts.get(actor.country, 0) + 1
        ranked = sorted(counts.items(), key=lambda found: -found[1])  # (stable: first wins)
        return next((country for country, _ in ranked if country not in acted_on), None)

    def _acted_on(self, verb: Token) -> set[str]:
        """The states a clause acts on: its objects' and to/with/against/on phrases' states,
        named as themselves or as owners ("summoned B's ambassador": B)."""
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        objects.extend(p for holder in (verb, *objects) for prep in holder.children
                       if prep.dep_ in ("prep", "dative") and prep.lower_ in OBJECT_LIKE_PREPS
                       for p in prep.children if p.dep_ == "pobj")
        owners = [c for o in objects for c in o.children if c.dep_ in ("poss", "amod",
                                                                        "compound")]
        return {a.country for word in (*objects, *owners) for a in self.actors_for(word)
                if a.country}

    def _own_name(self, head: Token) -> bool:
        """Whether a capitalised head and its capitalised words are a name of their own, not
        an office every state has ("the Foreign Ministry", "the Defense Ministry")."""
        words = [t for t in head.subtree if t.i <= head.i and t.pos_ == "PROPN"]
        if head.pos_ != "PROPN" or len(words) < 3:
            return False
        return " ".join(t.lower_ for t in words) not in self.lexicon.agent_sectors and (
            " ".join(t.lower_ for t in words[-2:]) not in self.lexicon.agent_sectors)

    def _named_stateless(self, head: Token) -> bool:
        """Whether the last earlier use of a noun, a few sentences back, was part of a name
        that belongs to no state, which a definite use of the noun then refers back to."""
        horizon = self.sentence_at(head.i).start - SAME_NOUN_REACH
        lemmas = self.parse.lemmas
        lemma = lemmas[head.i]
        for i in range(head.i - 1, max(horizon, 0) - 1, -1):
            if self.parse.pos[i] in ("NOUN", "PROPN") and lemmas[i] == lemma:
                return self.parse.pos[i] == "PROPN" and i in self._cache and not any(
                    a.country for a in self._cache[i])
        return False

    def _describable_kinds(self, sector: str) -> set[str]:
        """"the refugees" are refugees named before, never the UN refugee agency: only an
        acting body's sector (government, military, ...) describes an organisation."""
        if sector in self.lexicon.political_sectors:
            return {"state", "igo", "group"}
        return {"state", "group"}

    def _home_body(self, head: Token, sector: str) -> Actor | None:
        """"Security forces killed six attackers", "authorities arrested", "the government
        said" in a story about Somalia: a state's forces or bodies with no state named (and no
        earlier one to refer to), and no other state named before them in their sentence, are
        those of the state the story is about."""
        start = self.sentence_at(head.i).start
        # ("the Foreign Ministry": a capital that spells the office every state has names
        # nobody's)
        named = any(c.dep_ in ("amod", "compound", "nmod") and (
            c.ent_type_ in ("NORP", "GPE", "LOC", "ORG") or (c.is_title and c.i > start)) and (
            f"{c.lower_} {head.lower_}" not in self.lexicon.agent_sectors)
            for c in head.children)
        if named or head.lemma_.lower() in self.lexicon.references.posted_abroad:
            return None  # "European peacekeepers": someone's, but not said whose
        # ("the government" is one body, a state's; bare plural "authorities" may be anyone's
        # when the story has named its state only once)
        focus = self._focus_actor(head.i) or (self._sole_state(head.i) if tree.has_child(
            head, ("det",), ("the",)) else None)
        if focus is None or any(entry.country not in (None, focus.country)
                                for i, (span, entry) in self.mention_at.items()
                                if start <= i < head.i):
            return None  # ("In Lima, security forces ...": another state's, maybe)
        return self._as_body(focus, head, sector)

    def _speakers_own(self, head: Token, sector: str | None) -> Actor | None:
        """"The envoy said the president would meet Lula": an official's "the president" or "the
        government", in what the official reports, is the official's own."""
        if sector not in self.lexicon.state_sectors or self.sentence_at(head.i).root == head:
            return None
        speaker = _governing_speaker(head, self.speech_verbs)
        if speaker is None or speaker.i == head.i:
            return None
        own = [a for a in self.actors_for(speaker) if a.country and a.kind != "igo"
               and a.country not in self.lexicon.igo_codes
               # ("He said the government had ...": "he" stands for an official named before)
               and (speaker.pos_ != "PRON" or a.kind == "person")]
        if own and own[0].country in self._ground_entered_by(head):
            # ("the minister said the drone had entered Estonian airspace from Russia's Pskov
            # region": what enters a state's ground is not that state's own, but the state's
            # it came from)
            own = [a for a in self._came_from(head) if a.country != own[0].country]
        if not own:
            return None
        return replace(own[0], text=head.text, start=head.idx, end=head.idx + len(head.text),
                       sector=sector, code=self._code(own[0].country, sector), kind="state",
                       name=None, role=None)

    def _came_from(self, subject: Token) -> list[Actor]:
        """The states of the places a verb's subject came "from" ("from Russia's Pskov
        region": Russia)."""
        return [a for prep in subject.head.children if prep.dep_ == "prep" and prep.lower_ == "from"
                for place in prep.children if place.dep_ == "pobj"
                for word in (place, *(c for c in place.children if c.dep_ in ("poss", "amod",
                                                                           "compound")))
                for a in self.actors_for(word) if a.country and a.kind == "state"]

    def _ground_entered_by(self, subject: Token) -> set[str | None]:
        """The states whose ground ("Estonian airspace", "Japan's waters") the verb of which a
        word is the subject enters."""
        verb = subject.head
        references = self.lexicon.references
        if subject.dep_ != "nsubj" or verb.lemma_.lower() not in references.entering:
            return set()
        grounds = [c for c in verb.children if c.dep_ == "dobj"] + [
            p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        return {a.country for ground in grounds
                if ground.lemma_.lower() in references.territory
                for owner in ground.children if owner.dep_ in ("amod", "poss", "compound")
                for a in self.actors_for(owner) if a.country}

    def _recent_same_noun(self, head: Token, titles: bool = False) -> Actor | None:
        """"A U.S. spokesperson said ... the spokesperson added": the last phrase with the same
        head noun, within a few sentences."""
        lemma = head.lemma_.lower()
        horizon = self.sentence_at(head.i).start - SAME_NOUN_REACH
        for remembered in reversed(self.history):
            if remembered.token_index >= head.i:
                continue
            if remembered.token_index < horizon:
                break
            if self.parse.lemmas[remembered.token_index] == lemma and (
                remembered.actor.country
            ):
                return remembered.actor
            if titles and self._title_names(remembered.actor, lemma):
                # "foreign ministry spokesman X said ... the ministry summoned": the body a
                # person's title named
                return replace(remembered.actor, kind="state", name=None, role=None)
        return None

    def _title_names(self, person: Actor, lemma: str) -> bool:
        """Whether a person's title has a word of this lemma ("foreign ministry spokesman")."""
        if person.kind != "person" or not person.country or person.start is None or (
                person.sector not in self.lexicon.state_sectors) or (
                person.end is None):
            return False
        span = self.doc.char_span(person.start, person.end, alignment_mode="expand")
        # (the title's own head is the person: "Defense Minister X ... the minister")
        return span is not None and any(
            t.lemma_.lower() == lemma and t.i not in self.person_at
            and t.head.i not in self.person_at for t in span)

    def _institutional(self, head: Token) -> bool:
        """"a ministry spokesman", "an embassy official": the institution is one the story has
        named, so the indefinite article does not make it anyone's."""
        people = self.lexicon.references.institution_people
        return head.tag_ == "NN" and head.lemma_.lower() in people and any(
            c.dep_ == "compound" and c.lemma_.lower() in self.lexicon.agent_sectors
            for c in head.children)

    def _counted_size(self, head: Token) -> int | None:
        """How many actors a group noun counts: "the trio" 3, "the two sides" 2."""
        nouns = self.lexicon.references
        lemma = self.parse.lemmas[head.i]
        if lemma in nouns.group_sizes:
            return nouns.group_sizes[lemma]
        if lemma not in self._counted_lemmas or head.tag_ not in ("NNS", "NNPS"):
            return None
        for child in head.children:
            if child.dep_ in ("nummod", "det", "predet") and child.lower_ in nouns.numbers:
                return nouns.numbers[child.lower_]
        return None

    def _recent_with_role(self, head: Token) -> Actor | None:
        words = head.lemma_.lower()
        for remembered in reversed(self.history):
            if remembered.token_index >= head.i:
                continue
            role = (remembered.actor.role or "").lower()
            if role and role.split()[-1] == words:
                return remembered.actor
            if words == "leader" and remembered.actor.kind == "person" and (
                    remembered.actor.sector == GOVERNMENT_SECTOR):
                return remembered.actor  # "the leftist leader": the last head of government
        return None


def _verbs_of_subject(subject: Token) -> list[Token]:
    """The verb a subject hangs on and the verbs joined to it that have no subject of their
    own: "A recalled its envoy from B and accused B of ...": A is who accused."""
    verb = subject.head
    return [verb, *(c for c in verb.conjuncts if c.i > verb.i and c.pos_ in ("VERB", "AUX")
                    and not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children))]


def _partner_of(verb: Token) -> Token | None:
    """The other party of a clause: its object, or who it is done with or against."""
    return next((c for c in verb.children if c.dep_ == "dobj"), None) or next(
        (p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "against")
         for p in c.children if p.dep_ == "pobj"), None)


def _paraphrase_before(ent: Span, speech_verbs: frozenset[str]) -> Token | None:
    """The unquoted clause a person is said to have said, when it comes first ("Kazakh
    officials asked Moscow to act, Energy Minister X said")."""
    verb = ent.root.head
    if ent.root.dep_ != "nsubj" or verb.lemma_.lower() not in speech_verbs:
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < ent.start), None)
    if clause is None or any(t.is_quote for t in ent.sent if t.i < ent.start):
        return None
    return clause


def _governing_speaker(token: Token, speech_verbs: frozenset[str]) -> Token | None:
    """The subject of the speech verb that reports the clause a word is in."""
    current = token
    for _ in range(12):  # clause chains in news are short; a bound keeps odd parses cheap
        if current.head == current:
            return None
        child, current = current, current.head
        if current.lemma_.lower() in speech_verbs and current.pos_ == "VERB":
            if child.dep_ not in REPORTED_CLAUSE_DEPS:
                return None  # ("he told the court": whom one speaks to is not what is said)
            return next((c for c in current.children if c.dep_ == "nsubj"), None)
    return None


def _speaker_in(sent: Span, speech_verbs: frozenset[str]) -> Token | None:
    """The subject of a speech verb that closes a quotation in this sentence ('..., he said')."""
    # (a sentence without a quotation mark has no token of them: its words are not read)
    if not any(q in tree.span_text(sent) for q in QUOTE_MARKS):
        return None
    marks = [t.i for t in sent if t.text in QUOTE_MARKS]
    if not marks:
        return None
    # the attribution stands outside the quote: after it closes, or before it opens
    outside = [t for t in sent if t.i > marks[-1]] + [t for t in sent if t.i < marks[0]]
    for token in outside:
        if token.lemma_.lower() in speech_verbs and token.pos_ == "VERB":
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
    return None


def _stateless(actor: Actor) -> bool:
    """A group coded under its own code, with no state ("fighters of the Islamic State")."""
    return actor.kind == "group" and actor.country is None and bool(actor.code)


def _apposed_names(head: Token, parse: ParseTable) -> list[Token]:
    """The head's appositions ("The president, Judge Joan Donoghue,"), then the names the
    parser hung on what a title is of: "The chairperson of the African Union Commission,
    Mahmoud Ali Youssouf, ..." (a name set off after a title, on the nearest noun). One walk
    over the head's children: asked of nearly every noun."""
    tokens, labels = parse.tokens, parse.dep_
    apposed: list[Token] = []
    misplaced: list[Token] = []
    for child in parse.kids[head.i]:
        if labels[child] == "appos":
            apposed.append(tokens[child])
        elif labels[child] == "prep" and parse.lower[child] in OF_IDS:
            for inner in parse.labelled(child, "pobj"):
                if tokens[inner].ent_type_ != "PERSON":
                    misplaced.extend(name for name in (tokens[j] for j in parse.labelled(
                        inner, "appos")) if name.ent_type_ == "PERSON")
    return apposed + misplaced


def _titled_head(head: Token) -> Token:
    """"The French ambassador to the United Nations, Marc Dubois": the parser may hang the
    name on the last noun of the title; the title is the noun the prepositions hang on."""
    for _ in range(3):
        if head.dep_ != "pobj" or head.head.dep_ != "prep" or head.head.head.pos_ != "NOUN":
            break
        head = head.head.head
    return head


def _inside_prep(token: Token, top: Token) -> bool:
    """Whether a token hangs below a preposition on its way up to ``top``."""
    for _ in range(MAX_WALK_DEPTH):
        if token == top or token.head == token:
            return False
        if token.dep_ == "prep":
            return True
        token = token.head
    return False


def _words(tokens: list[Token]) -> list[str]:
    """Token texts with hyphenated parts joined: "Secretary-General" is one title word."""
    words: list[str] = []
    glued = False
    for token in tokens:
        if words and (glued or token.text == "-"):
            words[-1] += token.text
        else:
            words.append(token.text)
        glued = not token.whitespace_ and token.text == "-" or (
            not token.whitespace_ and token.i + 1 < len(token.doc)
            and token.doc[token.i + 1].text == "-")
    return words


def _expletive(token: Token, references: ReferenceNouns) -> bool:
    """"It stands to reason that ...", "it is time to ...": an "it" that refers to nothing;
    "it was ready to talk", "it was concerned that ..." refer back."""
    verb = token.head
    if verb.lemma_.lower() not in references.expletive_verbs:
        return False
    # the clause may hang on the verb or inside its phrase ("stands to reason that ...", "it
    # is clear that ..."); "it was angry with Canberra" has none and refers back
    clausal = ("ccomp", "xcomp", "acl", "csubj", "advcl")
    predicate = next((c for c in verb.children if c.dep_ in ("acomp", "attr", "oprd")), None)
    if predicate is None or verb.lemma_.lower() not in ("be", "become", "remain"):
        # "it seems that", "it stands to reason that" (not "it was looking into reports
        # that ...": a verb in the progressive is done by its subject)
        if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children):
            return False
        return any(t.dep_ in clausal for t in verb.subtree if t != verb)
    # "it is clear that", "it was time for X to": the clause of the verb or its predicate
    clauses = [t for t in (*verb.children, *predicate.children) if t.dep_ in clausal]
    if not clauses:
        return False
    lemma = predicate.lemma_.lower()
    if lemma in references.stance_predicates:
        return False
    to_clause = all(c.dep_ == "xcomp" or _child_dep(c, "aux", "to") for c in clauses)
    return not to_clause or lemma in references.expletive_predicates


def _child_dep(token: Token, dep: str, text: str) -> bool:
    return any(c.dep_ == dep and c.lower_ == text for c in token.children)


def _same_entities(doc: Doc, current: tuple[Span, ...], ents: tuple[Span, ...]) -> bool:
    """Whether setting ``doc.ents = ents`` would leave the document as it is: the same
    entities (bounds, label, knowledge-base and entity ids), and no word whose entity tag is
    missing (the setter marks those outside). The names found are mostly the entities the
    recogniser read already, and each setting re-tags every word of the document."""
    def key(ent: Span) -> tuple[int, int, int, int, int]:
        return ent.start, ent.end, ent.label, ent.kb_id, ent.id

    if len(current) != len(ents) or [key(e) for e in current] != [key(e) for e in ents]:
        return False
    return not numpy.any(doc.to_array(ENT_IOB) == 0)


def _opposed(span: Span) -> bool:
    """"anti-Pakistan fighters", "pro-Russian separatists" do not name that state as actor."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == "-":
        return doc[span.start - 2].lower_ in ("anti", "pro", "non", "post", "pre", "ex")
    return span.start >= 1 and doc[span.start - 1].lower_.rstrip("-") in ("anti", "pro") and (
        doc[span.start - 1].text.endswith("-")
    )


def build_matcher(nlp, lexicon: ActorLexicon) -> PhraseMatcher:
    """A case-sensitive phrase matcher over every dictionary phrase."""
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    tokenize = phrase_tokenizer(nlp)
    phrases = sorted(lexicon.entries)
    for phrase in phrases:
        matcher.add(phrase, [tokenize(phrase)])
    return matcher


def _first_name(span: Span, matched: set[int]) -> bool:
    """"Jordan Bardella", "Chad Mitchell", "Georgia Harrison": a state's name opening a
    person's name the model found, before a surname no table knows, is a first name (not
    "Jordan Israel talks", which the model may also read as a person)."""
    doc = span.doc
    first = doc[span.start]
    if len(span) != 1 or first.ent_type_ != "PERSON" or first.ent_iob_ != "B" or (
            span.end >= len(doc)):
        return False
    after = doc[span.end]
    return after.ent_iob_ == "I" and after.pos_ == "PROPN" and after.is_title and (
        after.i not in matched)


def _singulars(plural: str) -> list[str]:
    """What an English plural may be the plural of ("fighters", "militias", "authorities")."""
    forms = []
    if plural.endswith("ies"):
        forms.append(plural[:-3] + "y")
    if plural.endswith("es"):
        forms.append(plural[:-2])
    if plural.endswith("s"):
        forms.append(plural[:-1])
    return forms


def _participle_bases(word: str) -> list[str]:
    """What an -ed participle may be the form of ("owned", "operated", "flagged", "led")."""
    if not word.endswith("ed"):
        return []
    return [word[:-2], word[:-1], word[:-3], word[:-2] + "ad"]
