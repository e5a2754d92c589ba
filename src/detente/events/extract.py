"""Events in one sentence: trigger senses, their source and target actors, and modality.

The mechanism, in the order it is applied:
1. Verbs are visited from the clause root down, so a governing verb with a sense of its own
   ("threatened to use force", "refused to reopen") claims the infinitive it governs.
2. A verb's sense comes from the trigger lexicon (most specific construction first); a light
   verb ("held talks", "imposed sanctions") takes the sense of its object noun.
3. The source is the subject (or the passive agent), inherited through xcomp/conj/advcl when
   the verb has none; coordinated subjects each become a source.
4. The target comes from the sense's preposition, the direct object (or the object's
   possessor/agent: "rejected Venezuela's demand"), a dative, the target prepositions, an
   infinitive's arguments, or for attacks the place attacked ("struck targets in Syria").
5. Nouns in the trigger lexicon that head a prepositional adjunct ("despite objections from
   Beijing", "during his visit to Moscow") become nominal events.
6. Modality and negation come from ``modality``; negated events are dropped (unless the sense
   is the verb's negation: "will not tolerate"); reported speech gives the attribution.
7. A targetless event falls back on the other party of a coordinated or conditional clause,
   on the one told ("told Putin that ..."), or on the place attacked (through the gazetteer).
8. Reported statements add attitude events: a "must"/"should"/"time for X to" clause is a
   demand to its addressee, and words naming one other state with a cue (verbs.yaml
   ``attitude_cues``) are criticism, a threat or praise.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import islice, takewhile

from spacy.tokens import Doc, Span, Token

from detente import parsetable as tree
from detente.actors.resolve import DocumentActors
from detente.codebook import Codebook
from detente.events.lexicon import (
    DEFAULT_TARGET_PREPS,
    EventLexicon,
    Sense,
    bare_infinitive_verbs,
)
from detente.events.modality import (
    NEGATED,
    QUESTION,
    ModalityCues,
    absolute_clause,
    asks_a_question,
    clause_chain,
    declines_to_comment,
    finite_peer,
    joined_too_low,
    modality_of,
    negated_future,
    negated_intent,
    outside_modal,
    purpose_clause,
    supposed_in_a_condition,
    wisher,
)
from detente.events.places import BIG_CITY, CITIES, COUNTRIES, PLACES, Gazetteer
from detente.model import Actor, Event, Trigger
from detente.parsetable import ParseTable, string_ids
from detente.structure import DATELINES
from detente.wordforms import gerund_lemmas

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
HEDGED = ("possible", "future", "conditional")
INHERIT_SUBJECT_DEPS = {"xcomp", "conj", "advcl", "ccomp", "pcomp", "acomp"}
TIME_PREPS = {"after", "before", "since", "following", "amid", "during", "until"}
ADJUNCT_PREPS = {"after", "during", "before", "following", "despite", "amid", "since", "over",
                 "in", "at", "upon", "on", "with", "without", "under"}
SOURCE_MODIFIER_PREPS = ("by", "of", "from")
# a gerund after these says when or how the main subject acted ("criticized Oslo after
# meeting Accra's president"), where after "of", "for", "on" the object acts ("accused Oslo of")
SUBJECT_ADJUNCT_PREPS = frozenset({"after", "before", "since", "upon", "by", "without",
                                   "despite", "through", "besides"})
LOCATION_PREPS = ("in", "inside", "across", "near")
# ("a depot outside Aleppo" was struck in Syria; troops massed outside a state are not in it)
WITHIN_PREPS = ("in", "inside", "within")
NUMERIC_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY",
                              "QUANTITY"})
STRUCK_PLACE_PREPS = (*LOCATION_PREPS, "outside", "around")
# where a part of a land is named ("on the outskirts of", "at the edge of")
AREA_PREPS = (*STRUCK_PLACE_PREPS, "on", "at")
FORCE_ROOTS = {"15", "17", "18", "19", "20"}
VERBAL_CONFLICT_ROOTS = {"10", "11", "12", "13", "14"}
HOST_CODE = "043"
VISIT_CODE = "042"
VISIT_CODES = {VISIT_CODE, HOST_CODE}
UNDOING_ROOTS = {"08", "16"}  # easing, lifting, halting, cutting: the object act ends
# judgements of an act (criticize, reject, protest; praise): aimed at the act's doer
JUDGING_ROOTS = {"11", "12", "14"}
# what "the move" or "the decision" never names: words said, asked, discussed or denied
SAYING_ROOTS = {"01", "02", "04", "10", "11"}
CONSULT_ROOT = "04"
DENYING_LEMMAS = frozenset({"deny", "dismiss", "refute"})
ACT_HORIZON = 4  # sentences back to the act "the decision" names
EVENTS_IN_A_SENTENCE = 64  # more than a sentence of news tells: a bound on reading them
LEAD_SENTENCES = 2  # a story's lead: the act it is about
JUDGING_CODES = {"051"}
# subordinate clauses whose actor a targetless event responds to
CAUSE_MARKERS = {"if", "unless", "after", "when", "because", "once", "since"}
CONDITION_MARKERS = {"if", "unless"}
CONTRAST_MARKERS = {"though", "although", "but", "while", "whereas"}
ATTACK_ROOTS = {"18", "19", "20"}
TRADE_CODE = "061"
STATE_ARMS = {None, "GOV", "MIL"}  # a state itself, its government or its forces (no rebels)
# sanctions, expulsions, seizures: aimed at the state behind the firms, ships or people named
PENALTY_ROOTS = {"16", "17"}
REDUCING_ROOT = "16"  # sanctions, tariffs, cuts in relations
PENALISED_PREPS = ("on", "against", "from")
VERDICT_CODES = {"116"}  # "was sentenced in Iran": found guilty where the court sits
AID_ROOTS = {"07"}
AID_PLEDGE_PREFIX = "033"  # aid promised goes where aid given would
GIVING_ROOTS = {"06", "07"}
COMPANION_PREPS = {"along", "together", "alongside"}
FREE_RELATIVES = frozenset({"what", "whatever"})
RELATIVE_WORDS = frozenset({"that", "which", "whom"})
# "Accra is among the states that ...", "one of the states that ...": a class a subject is in
MEMBERSHIP_PREPS = frozenset({"among", "of"})
RELATIVE_OBJECTS = RELATIVE_WORDS | {"who", "what"}
# the entity types of a word that names who owns a thing ("the British sanctions", "EU tariffs")
OWNER_ENTITIES = frozenset({"NORP", "GPE", "ORG"})
RELATIVE_CLAUSE_DEPS = ("relcl", "acl")
EARLIER_MENTION_TOKENS = 250  # about eight sentences of news
# a nominal event that is what the clause is about ("a strike on Odesa killed four"); one that
# is judged ("criticized the sanctions on Cuba") is coded only in the judging event
NOMINAL_SUBJECT_DEPS = ("nsubj", "nsubjpass", "ROOT", "appos", "attr")
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN", "ADJ"})
# where a clause's main verb the tagger took for a noun stands (``_mistagged_verb``)
MISTAGGED_LABELS = ("ROOT", "conj", "ccomp")
# "according to": its word and label as the document's arrays hold them (``ParseTable``)
ACCORDING_IDS, PREP_IDS = string_ids("according"), string_ids("prep")
REFUSAL_DEFAULT = "120"
COOPERATIVE_ROOTS = {"03", "04", "05", "06", "07", "08"}
# acts of handing something or someone over: material cooperation, aid, returning people
HANDING_ROOTS = {"06", "07", "08"}
WORDS_OF_COOPERATION = {"03", "04", "05"}
CRITICISM_CODE = "111"
APPEAL_ROOTS = {"02", "10"}
# hosting (043) and mediating (045) a meeting of others, and the roots of what is hosted:
# a meeting or a negotiation (04), an intent to cooperate (03), an agreement (05)
HOSTING_CODES = {"043", "045"}
MEETING_ROOTS = {"03", "04", "05"}
JOINING_VERBS = {"join"}
# Roots of requests, promises and demands: reported with no addressee, they were made to the
# speaker ("the Chilean government said Peru had asked ...").
ADDRESSED_TO_SPEAKER_ROOTS = {"02", "03", "10"}
# appeals, demands and accusations concern the state named inside their prepositional object
# ("called for a government in Syria", "blamed the attack on militants in Afghanistan")
SUBTREE_PREP_ROOTS = {"02", "10", "11"}
# verbal events of an IGO official with no target of their own concern the state the official
# is assigned to ("the U.N. envoy for Syria called for calm")
JUDICIAL_SECTOR = "JUD"  # prosecutors and courts: what they say a state did is a charge
ACCUSATION_CODE = "112"
# reactions whose target may be named only as the doer of what they react to
REACTION_ROOTS = {"11", "12", "14", "15", "16"}
# reactions that, with no one named, answer whoever just acted against their maker
ANSWERING_ROOTS = {"11", "12", "13", "16"}  # 13: only a threat of an answer
NOT_ANSWERS = {"128", "129"}  # defying a norm, a veto: no answer to anyone
REASON_PREPS = ("after", "following", "over")
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning", "toward", "towards",
                         "against"})
THREAT_ROOT = "13"
INVESTIGATION_ROOT = "09"
POSTURE_ROOT = "15"
ARMS_AID_CODE = "072"
HOSTILE_ROOTS = {"13", "14", "15", "16", "17", "18", "19", "20"}
HOSTILE_OR_CONFLICT_ROOTS = {"10", "11", "12"} | HOSTILE_ROOTS
# a state's word that it will do one of these to another is a threat (not "will protest")
MATERIAL_THREAT_ROOTS = HOSTILE_ROOTS - {"13"}
# the modalities in which a state's own word about a hostile act of its own threatens it (not
# "could" or "is ready to": a possibility or a readiness is not yet a threat)
THREATENING = frozenset({"future", "conditional"})
HOLDING_ROOT = "17"  # arrests, detentions, seizures: what a release undoes
VIOLENT_ROOTS = {"17", "18", "19", "20"}
# armed men and groups named with no state; "in" a place is where they act
ARMED_SUBJECT_SECTORS = {"REB", "UAF"}
SCENE_PREPS = ("in", "near", "inside", "outside", "across")
# the words that name an area after its main city ("the Kharkiv region")
AREA_WORDS = ("region", "province", "oblast", "governorate", "district", "prefecture")
VERBAL_ROOTS = {"01", "02", "03", "04", "05", "10", "11", "12", "13", "14"}
ASSIGNMENT_PREPS = ("for", "to", "in", "on")


class _AttackPairs:
    """The (source, target) states of the attacks among a document's events so far, read as
    the events grow: reading every earlier event again for each targetless attack cost the
    square of a long story's attacks."""

    def __init__(self) -> None:
        self._events: Sequence[Event] = ()  # the document's events, as the coder keeps them
        self._read = 0
        self._found: set[tuple[str | None, str | None]] = set()
        self._so_far: list[Event] | None = None  # the sentence's copy of them

    def read(self, events: Sequence[Event], so_far: list[Event]) -> None:
        """Take in the document's events added since the sentence before."""
        if events is not self._events or len(events) < self._read:
            self._events, self._read, self._found = events, 0, set()
        self._found.update(_attack_pair(e) for e in events[self._read:]
                           if e.cameo_root in ATTACK_ROOTS)
        self._read = len(events)
        self._so_far = so_far

    def pairs(self, earlier: Sequence[Event]) -> Container[tuple[str | None, str | None]]:
        """The pairs of the attacks among ``earlier`` (the sentence's copy, as a rule)."""
        if earlier is not self._so_far:
            return {_attack_pair(e) for e in earlier if e.cameo_root in ATTACK_ROOTS}
        return _EitherSet(self._found, {_attack_pair(e) for e in self._so_far[self._read:]
                                        if e.cameo_root in ATTACK_ROOTS})


class _EitherSet(Container):
    """What is in one set or the other, without copying the larger one."""

    def __init__(self, one: set, other: set) -> None:
        self.one, self.other = one, other

    def __contains__(self, item: object) -> bool:
        return item in self.one or item in self.other


def _attack_pair(event: Event) -> tuple[str | None, str | None]:
    return event.source.country, event.target.country


@dataclass
class Candidate:
    """A trigger with its sense and the tokens it was found through."""

    trigger: Token
    sense: Sense
    span_start: int
    span_end: int
    rule: str

    @property
    def carried(self) -> Token:
        """The noun a light verb carries, before or after it ("imposed sanctions", "sanctions
        were imposed"), or the trigger itself."""
        doc = self.trigger.doc
        return doc[self.span_start] if self.span_start != self.trigger.i else doc[self.span_end - 1]


@dataclass(frozen=True)
class VerbFrame:
    """What a verb's senses are matched against: its dependents, the prepositions and
    particles it carries (on itself or its objects), and the lemmas of its objects and of
    their modifiers."""

    # each with its lower-case form and its label, read once for all the senses tried
    children: tuple[tuple[Token, str, str], ...]
    attached: tuple[tuple[Token, str, str], ...]
    object_lemmas: frozenset[str]
    modifier_lemmas: frozenset[str]
    asked: bool  # someone is asked to act ("told Seoul to leave")


class SentenceCoder:
    """Codes the events of one sentence of a document."""

    def __init__(
        self,
        lexicon: EventLexicon,
        codebook: Codebook,
        cues: ModalityCues,
        intent_codes: dict[str, str],
        refusal_codes: dict[str, str] | None = None,
        domestic: bool = False,
        places: Gazetteer | None = None,
        threat_codes: dict[str, str] | None = None,
    ) -> None:
        self.threat_codes = threat_codes or {}
        self._frames_doc: Doc | None = None  # the document the cached verb frames are of
        self._frames: dict[int, VerbFrame] = {}
        self._attacks = _AttackPairs()  # the pairs of the document's attacks so far
        self.places = places
        self.lexicon = lexicon
        self.codebook = codebook
        self.cues = cues
        self.intent_codes = intent_codes
        self.refusal_codes = refusal_codes or {}
        self.domestic = domestic
        # verbs that can mean each code: "the expulsions" (174) name what "expelled two
        # diplomats" (161) did, since "expel" alone means 174
        meaning: dict[str, set[str]] = {}
        for lemma, senses in lexicon.verbs.items():
            for sense in senses:
                meaning.setdefault(sense.code, set()).add(lemma)
        self.verbs_meaning = {code: frozenset(lemmas) for code, lemmas in meaning.items()}

    def code(
        self, sent: Span, sentence_index: int, actors: DocumentActors, doc_id: str,
        earlier: Sequence[Event] = (),
    ) -> list[Event]:
        """The events of one sentence; ``earlier`` holds the document's events so far, for
        answers to what was said before ("Beijing denies the allegations")."""
        claimed: set[int] = set()
        events: list[Event] = []
        # the document's events and this sentence's so far, for acts judged or answered later
        # in the same sentence (one copy a sentence)
        so_far = list(earlier)
        self._attacks.read(earlier, so_far)
        nouns, adjectives = self.lexicon.nouns, self.lexicon.adjectives
        parse = actors.parse
        for i in _by_depth(sent, parse):
            pos = parse.pos[i]
            # most words can trigger nothing: skip them before any tree walk
            if pos not in CANDIDATE_POS or i in claimed:
                continue
            if pos in ("NOUN", "PROPN") and parse.lemmas[i] not in nouns and (
                    parse.dep_[i] not in MISTAGGED_LABELS or not _mistagged_verb(parse.tokens[i])):
                continue  # (a noun of no event, unless it is a verb the tagger missed)
            token = parse.tokens[i]
            if pos == "ADJ" and token.lower_ not in adjectives:
                continue
            candidate = self._candidate(token)
            if candidate is None:
                continue
            found = self._events_for(candidate, sent, sentence_index, actors, doc_id, so_far)
            if not found and self._carried_by_a_bystander(candidate) and (
                    modality_of(candidate.trigger, self.cues) == NEGATED):
                # "would not affect its cooperation with Moscow": the act is spoken of, and
                # said to go on untouched; no event of its own
                claimed.add(candidate.carried.i)
            if not found and candidate.sense.code[:2] in APPEAL_ROOTS and (
                _asked_to_act(candidate.trigger) is not None
            ):
                # an appeal not coded (one to one's own government) still asserts nothing
                # of the act it asks for (the parser may make it a purpose clause)
                claimed.update(_asked_for(sent.doc, _xcomp_chain(candidate.trigger)))
                claimed.update(t.i for c in candidate.trigger.children
                               if c.dep_ == "advcl" and _to_infinitive(c) for t in c.subtree)
            if found:
                events.extend(found)
                so_far.extend(found)
                # nothing inside an act asked for, pledged or refused is asserted ("urged
                # both to end their growing cooperation")
                claimed.update(_asked_for(sent.doc, _xcomp_chain(candidate.trigger)))
                claimed.update((candidate.span_end - 1, candidate.carried.i))
                if candidate.sense.code[:2] in APPEAL_ROOTS:
                    # "called for a government that protects minorities": what is called
                    # for is not reported as done
                    claimed.update(t.i for c in candidate.trigger.children
                                   if c.dep_ == "prep" and c.lower_ == "for" for t in c.subtree)
                    # ("was called on by the UN to protect ...": the parser may make what is
                    # asked a purpose clause)
                    claimed.update(t.i for c in candidate.trigger.children
                                   if c.dep_ == "advcl" and _to_infinitive(c) for t in c.subtree)
                    # "demanded that Moscow withdraw": the act demanded is not done
                    claimed.update(t.i for c in candidate.trigger.children
                                   if c.dep_ == "ccomp" and _subjunctive(c, demanded=True)
                                   for t in c.subtree)
                if candidate.sense.code[:2] in (*APPEAL_ROOTS, THREAT_ROOT):
                    # "warned Washington against striking Iran", "urged Seoul to refrain from
                    # testing": the act warned against is not done
                    claimed.update(t.i for c in candidate.trigger.children
                                   if c.dep_ == "prep" and c.lower_ in ("against", "from")
                                   for g in c.children if g.dep_ == "pcomp" for t in g.subtree)
                if self._refused(candidate, found):
                    # "would not renew its cooperation with Lome": the cooperation is what is
                    # refused, not a future act of its own
                    claimed.update(c.i for c in candidate.trigger.children if c.dep_ == "dobj")
                if candidate.sense.objects and candidate.sense.code[:2] in UNDOING_ROOTS:
                    # "lifted its ban", "halted its aid": the object ends here, it is not
                    # asserted as an event of its own (a "rejected demand" still is one)
                    claimed.update(c.i for c in candidate.trigger.children if c.dep_ == "dobj")
        events.extend(self._elided_repeats(events, sent, actors))
        coded = {e.token_index for e in events}
        events.extend(self._attitudes(sent, sentence_index, actors, doc_id, coded, so_far))
        events.extend(self._charges(sent, sentence_index, actors, doc_id))
        events.extend(self._reported_against_speaker(events, sent, sentence_index, doc_id))
        return _distinct([e for e in events if not _speaks_for_himself(e.source, actors)
                          and not _trade_figure(e, sent)])

    def _refused(self, candidate: Candidate, found: list[Event]) -> bool:
        """A cooperative verb negated and coded as the refusal of its act."""
        return candidate.rule == "verb" and candidate.sense.code[:2] in COOPERATIVE_ROOTS and any(
            e.cameo[:2] not in COOPERATIVE_ROOTS for e in found) and modality_of(
            candidate.trigger, self.cues) == NEGATED

    def _elided_repeats(self, events: list[Event], sent: Span, actors: DocumentActors
                        ) -> list[Event]:
        """"Accra condemned Lome, as did Abuja", "..., and so did Abuja": the elided clause's
        subject does what its clause's head did, to the same target."""
        repeats: list[Event] = []
        parse = actors.parse
        # (only a clause headed by one of the elliptic verbs can be one: the few such words
        # of the document are listed once, not every token of every sentence read)
        for i in tree.within(parse.words_of(self.lexicon.elliptic_verbs), sent.start, sent.end):
            clause = parse.tokens[i]
            if not self._elided_clause(clause):
                continue
            subject = _child(clause, "nsubj")
            doers = actors.actors_for(subject) if subject is not None else []
            head = clause.head
            inside = {t.i for t in head.subtree} - {t.i for t in clause.subtree}
            own = self._subjects(head, actors)
            for event in events:
                if event.token_index not in inside or event.source not in own:
                    continue
                repeats.extend(replace(event, source=doer, rule="ellipsis") for doer in doers
                               if doer.country != event.target.country)
        return repeats

    def _elided_clause(self, clause: Token) -> bool:
        """A clause of a subject and an auxiliary alone, linked by "as" or "so"."""
        if clause.dep_ not in ("advcl", "conj") or clause.lemma_.lower() not in (
                self.lexicon.elliptic_verbs):
            return False
        kept = ("nsubj", "mark", "advmod", "punct", "cc")
        return all(c.dep_ in kept for c in clause.children) and any(
            c.lower_ in self.lexicon.elliptic_words for c in clause.children
            if c.dep_ in ("mark", "advmod"))

    def _reported_against_speaker(self, events: list[Event], sent: Span, sentence_index: int,
                                  doc_id: str) -> list[Event]:
        """"Seoul said Pyongyang fired shells at its islands", "'Moscow is trying to intimidate
        us,' the minister said": a state reporting a hostile act done to it accuses the doer
        (CAMEO 112), besides the act reported; one it says may come is a fear, not a charge."""
        charges: list[Event] = []
        mutual = {(e.token_index, (e.source.country, e.target.country)) for e in events}
        for event in events:
            speaker = event.attribution
            if speaker is None or not speaker.country or event.cameo_root not in (
                    MATERIAL_THREAT_ROOTS | {THREAT_ROOT}) or event.modality not in (
                    "asserted", "intended") or speaker.country != event.target.country or (
                    event.source.country == speaker.country) or event.token_index is None or (
                    event.target.start == speaker.start) or (event.token_index, (
                    event.target.country, event.source.country)) in mutual or (
                    sent.doc[event.token_index].lemma_.lower() in self.lexicon.sighting_verbs):
                # (a target guessed from the speaker is no charge made; nor is an act both
                # did, "troops of both sides exchanged fire, the Indian army said", nor forces
                # the speaker reports having tracked)
                continue
            said = next((w for w in clause_chain(sent.doc[event.token_index])[1:]
                         if w.lemma_.lower() in self.lexicon.speech_verbs), None)
            if said is None:
                continue
            candidate = Candidate(said, Sense(said.lemma_.lower(), ACCUSATION_CODE),
                                  said.i, said.i + 1, "speech-attitude")
            charges.append(self._event(candidate, ACCUSATION_CODE, "asserted", speaker,
                                       event.source, None, sent, sentence_index, doc_id))
        return charges

    def _charges(self, sent: Span, sentence_index: int, actors: DocumentActors,
                 doc_id: str) -> list[Event]:
        """"Prosecutors said Minsk had paid the smugglers", "X ordered the raid, a Polish court
        found": what a state's prosecutors or courts say another state did is an
        accusation (CAMEO 112), besides whatever the clause itself codes."""
        events: list[Event] = []
        for speech, clause in _attributions(sent, self.lexicon.speech_verbs, actors.parse):
            speaker_word = (_nearest_subject(speech) if speech.pos_ == "VERB"
                            else _child(speech, "pobj"))
            if speaker_word is None or actors.sector_of(speaker_word) != JUDICIAL_SECTOR:
                continue
            speakers = [a for a in actors.actors_for(speaker_word) if a.country]
            accused_word = _nearest_subject(clause)
            if not speakers or accused_word is None or modality_of(clause, self.cues) in (
                    NEGATED, QUESTION):
                continue
            own = {a.country for a in speakers}
            accused = [a for a in actors.actors_for(accused_word)
                       if a.country and a.country not in own]
            candidate = Candidate(speech, Sense(speech.lemma_.lower(), ACCUSATION_CODE),
                                  speech.i, speech.i + 1, "speech-attitude")
            events.extend(self._event(candidate, ACCUSATION_CODE, "asserted", speaker, target,
                                      None, sent, sentence_index, doc_id)
                          for speaker in speakers for target in accused)
        return events

    def _attitudes(
        self, sent: Span, sentence_index: int, actors: DocumentActors, doc_id: str,
        coded: set[int], earlier: Sequence[Event] = (),
    ) -> list[Event]:
        """"Caracas said, 'no state may lecture us, least of all Washington'": a statement
        naming one other state with an attitude cue is an event toward that state, unless an
        event was already coded inside the statement. "Tokyo said Seoul must apologise" is a
        demand to Seoul whatever the statement codes."""
        events: list[Event] = []
        parse = actors.parse
        for i in tree.within(parse.verbs_of(self.lexicon.speech_verbs), sent.start, sent.end):
            # ("alleged that Moscow ...": a speech verb coded is an event of its own)
            if i in coded:
                continue
            verb = parse.tokens[i]
            words = _reported_words(verb)
            if not words and not self._time_for(verb, actors, set()):
                continue  # (unless it stresses a need: "stressed the need for Rabat to act")
            speakers = [a for a in self._subjects(verb, actors) if a.country]
            if not speakers or modality_of(verb, self.cues) in (NEGATED, QUESTION):
                continue
            own = {a.country for a in speakers}
            # ("the Iran-backed group": a state named as a modifier's doer is no party)
            named = {a.country: a for t in words if t.pos_ in ("PROPN", "NOUN", "PRON")
                     and not (t.dep_ in ("npadvmod", "compound") and t.head.tag_ == "VBN"
                              and t.head.dep_ == "amod")
                     for a in actors.actors_for(t, conjuncts=False)
                     if a.country and a.country not in own}
            demanded = self._demanded(verb, actors, own, named)
            # several named in the words make the statement's aim unclear; several found as
            # the ones told or the joint doers of the act spoken of do not
            found_aside = not named
            if not named:
                # "Warsaw told him [the envoy] the incursion was unacceptable": the one told;
                # "'... will get burned,' Beijing said of the arms sales to Taipei": the one
                # spoken of
                named = {a.country: a for a in self._told(verb, actors) or self._spoken_of(
                    verb, actors) or self._doer_of_act_spoken_of(verb, speakers, earlier,
                                                                   sentence_index)
                         if a.country and a.country not in own}
            if demanded is not None:
                code, targets = self.lexicon.demand_modals[0], demanded
            elif not coded & {t.i for t in words} and (
                    len(named) == 1 or (found_aside and named)):
                code = self._attitude_code(words) or self._own_judgement(verb)
                targets = list(named.values())
            elif not coded & {t.i for t in words} and (
                    judged := self._judged_subject(verb, actors, own)):
                targets, predicate = judged
                code = self._attitude_code(predicate)
            else:
                continue
            if code is None:
                code = self._commendation(verb, actors, targets)
            if code is None:
                continue
            candidate = Candidate(verb, Sense(verb.lemma_.lower(), code), verb.i, verb.i + 1,
                                  "speech-attitude")
            events.extend(
                self._event(candidate, code, modality_of(verb, self.cues), speaker, target,
                            None, sent, sentence_index, doc_id)
                for speaker in speakers for target in targets
            )
        return events

    def _doer_of_act_spoken_of(self, verb: Token, speakers: list[Actor],
                               earlier: Sequence[Event], sentence_index: int) -> list[Actor]:
        """"Iran seized a tanker. Washington said the seizure violated international law": an
        act named bare as the subject of what is said is the one just reported."""
        clause = _child(verb, "ccomp")
        subject = _nearest_subject(clause) if clause is not None else None
        if subject is None or subject.pos_ != "NOUN" or _named_owner(subject) or (
                subject.lemma_.lower() not in self.lexicon.nouns) or not any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children):
            return []
        judged = self._noun_sense(subject)
        return _last_doer(speakers, earlier, sentence_index, judged.code[:2])

    def _spoken_of(self, verb: Token, actors: DocumentActors) -> list[Actor]:
        """Whom a statement is said of: "said of Washington's arms sales", "of any Israeli
        strike": the one named, or the doer of the act named."""
        of = _child_prep(verb, "of")
        topics = [] if of is None else [c for c in of.children if c.dep_ == "pobj"]
        # ("of three aid workers held by Mali": the one holding them too)
        return [a for topic in topics for a in (
            actors.actors_for(topic) + _owner_actors(topic, actors) + [
                d for clause in topic.children if clause.dep_ == "acl"
                for agent in clause.children if agent.dep_ == "agent"
                for d in _pobj_actors(agent, actors)])]

    def _quoted_topic(self, trigger: Token, sources: list[Actor],
                      actors: DocumentActors) -> list[Actor]:
        """"'We demand their release,' Paris said of the aid workers held by Mali": an act in
        a statement with no target of its own is aimed at whom the statement is said of."""
        word = trigger
        for _ in range(4):  # a quoted clause sits a few links below its speech verb
            if word.dep_ not in ("ccomp", "parataxis", "conj", "xcomp") or word.head == word:
                return []
            word = word.head
            if word.lemma_.lower() in self.lexicon.speech_verbs:
                own = {s.country for s in sources}
                return [a for a in self._spoken_of(word, actors)
                        if a.country and a.country not in own][:1]
        return []

    def _told(self, verb: Token, actors: DocumentActors) -> list[Actor]:
        telling = verb.lemma_.lower() in self.lexicon.telling_verbs
        told = next(iter(tree.labelled(verb, ("dative", "dobj") if telling else "dative")),
                    None)
        return actors.actors_for(told) if told is not None else []

    def _time_for(self, clause: Token, actors: DocumentActors, own: set[str]) -> list[Actor]:
        """"it is time for Tehran to return", "this is no time for the council to ...":
        whoever it is (or is not) time for is told what to do."""
        if clause.lemma_.lower() == "be":
            wanted = [c for c in tree.labelled(clause, ("attr", "nsubj"))
                      if c.lemma_.lower() in self.lexicon.demand_nouns]
        else:
            # "the attack underscores the need for Bamako to act": a need, by any verb
            wanted = [c for c in tree.labelled(clause, "dobj") if c.pos_ == "NOUN"
                      and c.lemma_.lower() in self.lexicon.demand_verbs]
        for attr in wanted:
            return [a for a in _for_to_addressee(attr, actors) if a.country not in own]
        return []

    def _demanded(
        self, verb: Token, actors: DocumentActors, own: set[str], named: dict[str, Actor]
    ) -> list[Actor] | None:
        """Who a reported "must"/"should" clause is addressed to: its subject when that is
        another state, else the one other state the clause names."""
        if self.lexicon.demand_modals is None:
            return None
        modals = self.lexicon.demand_modals[1]
        needed = self._time_for(verb, actors, own)
        if needed:
            return needed  # "stressed the need for Tripoli to hold elections"
        clauses = tree.labelled(verb, ("ccomp", "parataxis"))
        for clause in clauses:
            timely = self._time_for(clause, actors, own)
            if timely:
                return timely
            if not (any(c.lemma_.lower() in modals for c in tree.labelled(clause, "aux"))
                    or self._needs_to(clause) or _subjunctive(clause)):
                continue
            subject = next(iter(tree.labelled(clause, SUBJECT_DEPS)), None)
            # "its frontier with Chile must be redrawn": a thing the speaker owns is no addressee
            agent = subject is not None and (
                subject.pos_ in ("PRON", "PROPN") or actors.sector_of(subject) is not None)
            references = actors.lexicon.references
            if subject is not None and (agent or subject.lemma_.lower() in references.counted) and (
                any(a.country in own for a in actors.actors_for(subject))
            ):
                return None  # "the two countries should strengthen ties": a shared resolve
            found = actors.actors_for(subject) if agent else []
            addressed = [a for a in found if a.country not in own]
            if found and not addressed:
                return None  # "Tokyo said it must respond": a resolve, not a demand
            if addressed:
                return addressed
            if subject is not None and (agent or subject.lemma_.lower() in references.state):
                # "Europe must not be a vassal of Washington", "Arab states should invest in
                # Egypt": the ones obliged are named, though no state of the tables
                return None
            if len(named) == 1:
                return list(named.values())
        return None

    def _obliged(self, candidate: Candidate) -> bool:
        """"Japan should apologise to Seoul", "Moscow must withdraw", "Kyiv needs to hold
        elections": what a clause says must be done is not done (the saying may be a demand)."""
        if candidate.rule == "nominal" or self.lexicon.demand_modals is None:
            return False
        verb = candidate.trigger
        modals = self.lexicon.demand_modals[1]
        return any(c.dep_ == "aux" and c.lemma_.lower() in modals for c in verb.children) or (
            verb.dep_ == "xcomp" and self._needs_to(verb.head))

    def _needs_to(self, clause: Token) -> bool:
        """"Seoul needs to apologise", "Moscow has to withdraw": a verb of need with an
        infinitive says what its subject must do."""
        return clause.lemma_.lower() in self.lexicon.demand_verbs and any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
            for c in clause.children)

    def _investigated(self, verb: Token, candidate: Candidate,
                      actors: DocumentActors) -> Iterator[list[Actor]]:
        """"investigating whether Russian agents set the fire", "a probe into whether a
        Chinese-owned ship cut the cable", "looking into reports that ...": whoever the
        question or the report is about."""
        heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "ordered an inquiry"
        if candidate.rule == "light-verb":
            heads.append(candidate.carried)
        for head in heads:
            for child in head.children:
                if child.dep_ == "ccomp" or (child.dep_ == "prep" and child.lower_ in (
                        "into", "of", "on")):
                    # "an inquiry into the killing of civilians by Israeli forces": the doer
                    # of the act looked into, before anyone else the phrase names
                    for act in (c for c in child.children if c.dep_ == "pobj"
                                and c.lemma_.lower() in self.lexicon.nouns):
                        yield _owner_actors(act, actors, ("by",))
                    yield from _actors_in_phrase(child, actors)
                elif child.dep_ == "dobj" and child.lemma_.lower() in self.lexicon.made_nouns:
                    yield from _actors_in_phrase(child, actors)  # "reports that ..."

    def _concerned(self, phrase: Token, actors: DocumentActors) -> Iterator[list[Actor]]:
        """Whom an appeal concerns: the states named inside what it asks for ("called for
        the release of French citizens held in Iran"), in order."""
        political = actors.lexicon.political_sectors
        for found in _actors_in_phrase(phrase, actors, self.lexicon.holding_verbs):
            yield found
            if any(a.sector in political or a.kind == "igo" for a in found):
                return  # past the speaker's own citizens only, never past a party

    def _commendation(self, verb: Token, actors: DocumentActors,
                      targets: list[Actor]) -> str | None:
        """"Accra is an indispensable partner, Abuja said": a state said to be what praises
        (a partner, an ally) is praised; only as the predicate of that state, never a word
        anywhere in the statement ("partners of Iran" is no praise of anyone)."""
        wanted = {a.country for a in targets}
        for clause in tree.labelled(verb, ("ccomp", "parataxis")):
            subject = _nearest_subject(clause)
            if clause.lemma_ != "be" or subject is None or not wanted & {
                    a.country for a in actors.actors_for(subject)}:
                continue
            if any(c.dep_ in ("attr", "acomp") and c.lemma_.lower() in self.lexicon.commendations
                   for c in clause.children):
                return self.lexicon.praise_code
        return None

    def _judged_subject(self, verb: Token, actors: DocumentActors,
                        own: set[str]) -> tuple[list[Actor], list[Token]] | None:
        """"Caracas's conduct toward Guyana is reckless, Brasilia said": of several states
        a statement names, the one its clause is about (the subject, or the subject's owner),
        with the words said of it (the predicate, not its subject or subordinate clauses)."""
        for clause in tree.labelled(verb, ("ccomp", "parataxis")):
            subject = _nearest_subject(clause)
            if subject is None:
                continue
            found = actors.actors_for(subject) or _possessor_actors(subject, actors)
            others = [a for a in found if a.country and a.country not in own]
            if len({a.country for a in others}) != 1:
                continue
            aside = {t.i for c in clause.children if c.dep_ in SUBJECT_DEPS + (
                "advcl", "mark", "prep") for t in c.subtree}
            return others[:1], [t for t in clause.subtree if t.i not in aside]
        return None

    def _own_judgement(self, verb: Token) -> str | None:
        """"alleged that women under Taliban rule were denied schooling": a speech verb that
        judges (allege) codes its statement about the one other state it names."""
        return next((s.code for s in self.lexicon.verb_senses(verb)
                     if s.code[:2] in ("11", "12") and not (s.objects or s.prep or s.particle)
                     and _before_words_hold(verb, s)), None)

    def _attitude_code(self, words: list[Token]) -> str | None:
        # ("the Friendship Bridge": a word of a name carries no attitude)
        words = [t for t in words if t.pos_ != "PROPN"]
        lemmas = {t.lemma_.lower() for t in words}
        # "Kenya's ultimatum": a threat someone else owns is not the speaker's; "the fire
        # destroyed a warehouse": what was done is told, not threatened
        unowned = {t.lemma_.lower() for t in words if not tree.has_child(t, "poss")
                   and t.tag_ not in ("VBD", "VBN")}
        for code, cues in self.lexicon.attitude_cues:
            if (unowned if code.startswith("13") else lemmas) & cues:
                return code
        return None

    # ---- triggers -------------------------------------------------------------------------
    def _candidate(self, token: Token) -> Candidate | None:
        lemma = token.lemma_.lower()
        if _adjectival_visiting(token):
            return None
        if token.lower_ in self.lexicon.adjectives and _predicative(token):
            sense = self.lexicon.adjectives[token.lower_][0]
            if not _passive_by_agent(token, sense):
                return Candidate(token, sense, token.i, token.i + 1, "adjective")
        if token.pos_ == "VERB" or _mistagged_verb(token):
            if self._against_a_hazard(token):
                return None
            sense = self._verb_sense(token, self.lexicon.verb_senses(token))
            if sense is not None and sense.code[:2] in ATTACK_ROOTS:
                # "U.S. tariffs hit Chinese steel", "the sanctions target Russian banks": a
                # blow struck by a measure is the measure
                sense = self._figurative_blow(token) or self._words_attacked(token, sense) or sense
            obj = _child(token, "dobj")
            if obj is not None and obj.lemma_.lower() in self.lexicon.responsibility_nouns:
                # "claimed responsibility for an attack on a tanker" codes the attack
                claimed = self._light_object(token)
                if claimed is not None:
                    return claimed
            if sense and sense.specificity:
                return Candidate(token, sense, token.i, token.i + 1, "verb")
            if sense is None and lemma not in self.lexicon.light_verbs:
                # "will not tolerate attacks": the negation's sense, not the object's
                sense = self._negated_sense(token)
            if sense is None and lemma in self.lexicon.escaping_verbs:
                return None  # "escaped sanctions", "averted a strike": nothing befell anyone
            if (lemma in self.lexicon.light_verbs or (
                    sense is None and lemma not in self.lexicon.mentioning_verbs)) and not (
                    lemma in self.lexicon.naming_verbs and _judges_anothers_act(token)):
                # "imposed sanctions", "ramped up sanctions": the object noun carries the event
                # ("citing the war", "recalled the talks" speak of it: no act of the speaker)
                noun = self._light_object(token)
                if noun is not None and (lemma in self.lexicon.light_verbs or (
                        noun.carried.lemma_.lower()
                        not in self.lexicon.goods_nouns)):
                    # ("weapons were found": things named by a verb of no sense are no gift)
                    return noun
            sense = sense or self._negated_sense(token) or self._kind_sense(token)
            if sense:
                return Candidate(token, sense, token.i, token.i + 1, "verb")
            return None
        if token.pos_ in ("NOUN", "PROPN") and lemma in self.lexicon.nouns and (
                token.ent_type_ != "DATE"):  # "in March": a month, no march
            return self._nominal(token, lemma)
        return None

    def _figurative_blow(self, verb: Token) -> Sense | None:
        """The sense of the non-violent act named as the subject of a verb of attack."""
        subject = _child(verb, "nsubj")
        if subject is None or subject.pos_ != "NOUN":
            return None
        if subject.lemma_.lower() not in self.lexicon.nouns:
            return None
        measure = self._noun_sense(subject)
        if measure.code[:2] in ATTACK_ROOTS or measure.code[:2] == "15":
            return None  # "Russian strikes hit Kyiv": the blow is one
        return replace(measure, lemma=verb.lemma_.lower(), prep=None, objects=frozenset(),
                       symmetric=False)

    def _with_help(self, verb: Token) -> bool:
        """"with French support", "with Turkey's help": a with-phrase whose noun is an act of
        cooperation."""
        return any(self._noun_sense(p).code[:2] in COOPERATIVE_ROOTS
                   for c in tree.labelled(verb, "prep") if c.lower_ == "with"
                   for p in tree.labelled(c, "pobj") if p.pos_ == "NOUN"
                   and p.lemma_.lower() in self.lexicon.nouns)

    def _words_attacked(self, verb: Token, sense: Sense) -> Sense | None:
        """"attacked Berlin's migration policy", "attacked Tokyo's remarks": a blow at words,
        a writing or a policy is criticism (111), not force."""
        obj = _child(verb, "dobj")
        if obj is None:
            return None
        lemma = obj.lemma_.lower()
        lexicon = self.lexicon
        if lemma in lexicon.charge_nouns or lemma in lexicon.writing_nouns or (
                lemma in lexicon.act_nouns):
            return replace(sense, code=CRITICISM_CODE, objects=frozenset())
        return None

    def _verb_sense(self, verb: Token, senses: Iterable[Sense]) -> Sense | None:
        return next((s for s in senses if not s.target_kind and not s.negated
                     and self._fits(verb, s)), None)

    def _against_a_hazard(self, verb: Token) -> bool:
        """"battled wildfires", "fight the pandemic": a struggle with no actor on the other
        side; "released a report": a publication, not a captive."""
        obj = _child(verb, "dobj") or _child(verb, "nsubjpass")
        if obj is None and verb.dep_ in ("acl", "relcl"):
            obj = verb.head  # "a study to be published in May"
        if obj is None:
            return False
        lemma, object_lemma = verb.lemma_.lower(), obj.lemma_.lower()
        return any(lemma in verbs and object_lemma in objects
                   for verbs, objects in self.lexicon.non_event_objects)

    def _negated_sense(self, verb: Token) -> Sense | None:
        """What the verb means when negated, if that is an event ("will not tolerate")."""
        senses = self.lexicon.verb_senses(verb)
        return next((s for s in senses if s.negated and self._fits(verb, s)), None)

    def _negated_root(self, verb: Token) -> str | None:
        negated = self._negated_sense(verb)
        return negated.code[:2] if negated is not None else None

    def _kind_sense(self, verb: Token) -> Sense | None:
        """"Mali quit ECOWAS": a verb that is an event only toward one kind of target is a
        candidate; its targets decide (see ``_sense_for_targets``)."""
        senses = self.lexicon.verb_senses(verb)
        return next((s for s in senses if s.target_kind and not s.negated
                     and self._fits(verb, s)), None)

    def _sense_for_targets(self, candidate: Candidate, targets: list[Actor]) -> Sense:
        """A sense that depends on who the target is ("withdrew from ECOWAS" vs "from Kabul")."""
        if candidate.rule != "verb":
            return candidate.sense
        kinds = {t.kind for t in targets}
        for sense in self.lexicon.verb_senses(candidate.trigger):
            if sense.target_kind in kinds and self._fits(candidate.trigger, sense):
                return sense
        return candidate.sense

    def _light_object(self, verb: Token) -> Candidate | None:
        gap = _relative_gap(verb)
        if gap is not None and verb.lemma_.lower() in self.lexicon.light_verbs and (
                gap.lemma_.lower() in self.lexicon.nouns):
            # "the sanctions (which) Washington imposed on Caracas": the noun the clause
            # hangs on
            return Candidate(verb, self._noun_sense(gap), verb.i, verb.i + 1, "light-verb")
        described = self._described_by_participle(verb)
        if described is not None:
            # "the sanctions imposed by Accra on Lome": the noun the participle describes
            start, end = min(verb.i, described.i), max(verb.i, described.i) + 1
            return Candidate(verb, self._noun_sense(described), start, end, "light-verb")
        for child in self._light_nouns(verb):
            role = child.dep_
            if role == "dobj" and child.lower_ in RELATIVE_OBJECTS:
                continue
            if role in ("dobj", "nsubjpass"):
                # "issued a series of warnings", "announced an aid package": the event is the
                # noun being counted
                child = self.lexicon.counted(child) or child
            if role in ("dobj", "nsubjpass", "pobj") and (
                child.lemma_.lower() in self.lexicon.nouns
            ):
                sense = self._noun_sense(child)
                if sense.prep and _child_prep(child, sense.prep) is None:
                    continue  # "attended a climate conference": no "conference with" anyone
                if self._undergoes(verb, child):
                    # "Moscow faced new EU sanctions": the noun's doer acts on the subject
                    sense = replace(sense, reverse=not sense.reverse)
                if self._ends(verb):
                    # "ended its military cooperation with Paris": the act undone
                    ended = self.lexicon.ending_codes.get(sense.code[:2])
                    if ended is None:
                        return None
                    sense = replace(sense, code=ended, symmetric=False)
                start, end = min(verb.i, child.i), max(verb.i, child.i) + 1
                return Candidate(verb, sense, start, end, "light-verb")
        return None

    def _carried_by_a_bystander(self, candidate: Candidate) -> bool:
        """"said it would not affect its cooperation with Moscow": a verb of no sense and no
        light verb carrying the noun's act (what is affected goes on); negated, it says the
        act is untouched, and refuses nothing."""
        return candidate.rule == "light-verb" and (
            candidate.trigger.lemma_.lower() not in self.lexicon.light_verbs) and (
            not self.lexicon.verb_senses(candidate.trigger))

    def _ends(self, verb: Token) -> bool:
        """A verb that ends what its object names ("ended", "lifted", "scaled back")."""
        return _verb_in(verb, self.lexicon.ending_verbs)

    def _light_nouns(self, verb: Token) -> list[Token]:
        """The verb's own objects (and passive subject), and what "under" governs when the
        verb undergoes it ("came under Russian shelling"): the nouns a light verb may carry."""
        nouns = tree.labelled(verb, ("dobj", "nsubjpass", "pobj"))
        if verb.lemma_.lower() in self.lexicon.undergoing_verbs:
            nouns += [p for c in tree.labelled(verb, "prep") if c.lower_ == "under"
                      for p in tree.labelled(c, "pobj")]
        return nouns

    def _undergoes(self, verb: Token, noun: Token) -> bool:
        return verb.lemma_.lower() in self.lexicon.undergoing_verbs and noun.dep_ in (
            "dobj", "pobj")

    def _nominal(self, noun: Token, lemma: str) -> Candidate | None:
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "with" and any(
                s.code[:2] == THREAT_ROOT for s in self.lexicon.verb_senses(
                    head.head)):
            return None  # "was threatened with sanctions": threatened, not imposed
        governed_by_adjunct = noun.dep_ == "pobj" and head.lower_ in ADJUNCT_PREPS
        object_of_reaction = noun.dep_ == "dobj" and any(
            c.dep_ == "poss" for c in noun.children
        )
        # "answering a Russian plan for the council to ...": owned and addressed
        owned_elsewhere = noun.dep_ == "pobj" and any(
            c.dep_ in ("poss", "amod") and c.i < noun.i for c in noun.children
        )
        # "talks between Baku and Yerevan resumed": both parties are named (not "veterans of
        # the war between ...", "the anniversary of the treaty between ...": a background)
        between = _child_prep(noun, "between") is not None and not _background_of(
            noun, self.lexicon.nouns)
        sense = self._noun_sense(noun)
        if sense.prep and _child_prep(noun, sense.prep) is None:
            return None  # a noun with only prepositional senses, standing without one
        if noun.dep_ in ("nsubj", "nsubjpass") and self._called_off(head):
            return None  # "talks between Belgrade and Pristina were postponed": not held
        # "a Russian strike on Odesa killed four", "the visit by Modi to Washington was ...":
        # a doer and a target named on the noun, wherever it stands
        # ("the arrest of an activist" names whom, not who: "of" is no doer here)
        both_named = noun.dep_ in NOMINAL_SUBJECT_DEPS and _named_owner(noun, ("by",)) and any(
            c.dep_ == "prep" and c.lower_ in sense.target_preps for c in noun.children)
        # "Nairobi said talks with the IMF were going well": the speaker is a party to the
        # talks, cooperation or ties it reports on
        # (not what the relation is said to be: "Ankara's cooperation with Damascus was a
        # sovereign matter", "... is not directed at anyone": a description, not an act)
        reported = sense.symmetric and self._reported_subject(noun) is not None and any(
            c.dep_ == "prep" and c.lower_ in sense.target_preps for c in noun.children)
        if sense.symmetric and _described_relation(noun):
            both_named = reported = False
        # "China's demand that Vilnius rename the office was rejected": asker and asked
        asked = noun.dep_ in NOMINAL_SUBJECT_DEPS and _named_owner(noun) and (
            sense.code[:2] in APPEAL_ROOTS) and any(
            c.dep_ in ("acl", "ccomp") and (_subjunctive(c) or any(
                m.dep_ == "mark" and m.lower_ == "for" for m in c.children))
            for c in noun.children)
        if not (governed_by_adjunct or object_of_reaction or owned_elsewhere or between
                or both_named or reported or asked or _was_behind(noun)):
            return None
        if governed_by_adjunct and self._involvement_denied(head.head):
            return None  # "denied any role in the attack": no attack by the denier asserted
        return Candidate(noun, sense, noun.i, noun.i + 1, "nominal")

    def _involvement_denied(self, word: Token) -> bool:
        """"denied any role in", "rejected claims of involvement in": a part in an act denied
        (the parser hangs the act on the part or on the verb)."""
        verb = word if word.pos_ == "VERB" else (
            word.head.head if word.dep_ == "pobj" else word.head)
        if verb.lemma_.lower() not in DENYING_LEMMAS | {"reject"}:
            return False
        parts = [word] if word.pos_ != "VERB" else [c for c in word.children if c.dep_ == "dobj"]
        parts += [p for part in parts for prep in part.children if prep.dep_ == "prep"
                  for p in prep.children if p.dep_ == "pobj"]
        return any(p.lemma_.lower() in self.lexicon.involvement_nouns for p in parts)

    def _called_off(self, verb: Token) -> bool:
        return _verb_in(verb, self.lexicon.cancelling_verbs)

    def _noun_sense(self, noun: Token) -> Sense:
        """"a call for talks" (an appeal) before "a call with Tokyo" (a phone call)."""
        senses = self.lexicon.nouns[noun.lemma_.lower()]
        preps = {c.lower_ for c in tree.labelled(noun, "prep")}
        modifiers = {c.lemma_.lower() for c in tree.labelled(noun, ("amod", "compound"))}
        return next((s for s in senses if (s.prep is None or s.prep in preps)
                     and (not s.modifiers or s.modifiers & modifiers)), senses[-1])

    def _frame(self, verb: Token) -> VerbFrame:
        """The verb's construction, read once per verb whatever the number of its senses."""
        if verb.doc is not self._frames_doc:
            self._frames_doc, self._frames = verb.doc, {}
        frame = self._frames.get(verb.i)
        if frame is None:
            frame = self._frames[verb.i] = self._read_frame(verb)
        return frame

    def _read_frame(self, verb: Token) -> VerbFrame:
        children = tree.children(verb)
        labels = tree.child_labels(verb)
        labelled = list(zip(children, labels, strict=True))  # (each label read once)
        # the preposition may hang on the object noun: "shared concerns over X"
        objects = [c for c, label in labelled if label in ("dobj", "attr", "nsubjpass")]
        # "allowed inspectors to return": the parser makes the object the infinitive's subject
        objects += [s for c, label in labelled if label in ("advcl", "ccomp")
                    and _infinitive_clause(c) for s in tree.labelled(c, "nsubj")]
        named = _free_relative_object(verb)
        if named is not None:
            objects = [o for o in objects if o.lower_ not in FREE_RELATIVES] + [named]
        gap = _relative_gap(verb)
        if gap is not None:
            objects.append(gap)
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            objects.append(verb.head)  # "talks hosted by Doha": the participle's object
        # "holds Moscow responsible": the adjective of a small clause selects the sense
        objects += [c for c, label in labelled
                    if (label in ("ccomp", "xcomp") and c.pos_ in ("ADJ", "NOUN"))
                    or label == "oprd"]  # ("took them hostage": a noun the parser calls xcomp)
        # "described the move as a provocation": what something is named as
        objects += [p for c, label in labelled if label == "prep" and c.lower_ == "as"
                    for p in tree.labelled(c, ("pobj", "amod", "acomp"))]
        # "designated the group a terrorist organisation": what it is named carries the sense
        # "gave the agency 14 days to ...": the parser makes a second object an adverb
        if any(label in ("dobj", "dative") for label in labels):
            objects += [c for c, label in labelled if label == "npadvmod" and c.pos_ == "NOUN"]
        # (the parser may make the name an apposition of the object)
        # (or, "called the launch a provocation", an object of the object noun)
        objects += [a for o in objects if o.dep_ == "dobj"
                    for a in tree.labelled(o, ("appos", "dobj"))
                    if (a.dep_ == "appos" or o.pos_ == "NOUN") and a.pos_ == "NOUN"]
        naming = [o for o in objects if o.dep_ in ("oprd", "ccomp", "pobj", "appos")]
        # two objects: "named X a Y"
        naming += [c for c, label in labelled if label == "dobj"][1:]
        objects += [m for o in naming for m in tree.labelled(o, ("amod", "compound"))
                    if m.i < o.i]
        # a small clause's predicate carries no preposition of the verb ("called him a
        # correspondent for his videos" is no "call for")
        # ("sent jets and ships toward Taiwan": or on the object's last conjunct)
        attached = children + [g for o in objects if o.dep_ != "oprd"
                               for part in (o, *tree.conjuncts(o)) for g in tree.children(part)]
        # "were used by Iraqi forces against Iranian troops": or on the passive's doer
        attached += [g for c, label in labelled if label == "agent"
                     for p in tree.labelled(c, "pobj") for g in tree.labelled(p, "prep")]
        # "called for Washington to end the raids": the parser makes "for" the clause's mark
        attached += [m for c, label in labelled if label == "advcl"
                     for m in tree.labelled(c, "mark") if m.lower_ == "for"]
        return VerbFrame(
            children=tuple((c, c.lower_, label) for c, label in labelled),
            attached=tuple((c, c.lower_, c.dep_) for c in attached),
            object_lemmas=frozenset(lemma for obj in objects for lemma in self._object_lemmas(obj)),
            modifier_lemmas=frozenset(m.lemma_.lower() for obj in objects
                                      for m in tree.labelled(obj, ("amod", "compound"))
                                      if m.i < obj.i),
            asked=_asked_to_act(verb) is not None)

    def _fits(self, verb: Token, sense: Sense) -> bool:
        """Whether a verb occurs in the construction a sense asks for."""
        frame = self._frame(verb)
        children, attached = frame.children, frame.attached

        preps = ("prep", "dative", "agent", "prt", "mark")
        if sense.prep and not any(word == sense.prep and label in preps
                                  and not _names_a_time(c) for c, word, label in attached):
            return False  # ("called Maduro on Tuesday" is no "call on")
        if sense.prep_objects and not any(
            lemma in sense.prep_objects
            for c, word, label in attached if word == sense.prep and label in preps
            for p in _governed(c) for lemma in self._object_lemmas(p)
        ):
            return False  # "withdrew from the treaty", not "withdrew from Kabul"
        if sense.prep and any(label == "oprd" for _, _, label in children):
            return False  # "called him a hero for his videos": naming, not "calling for"
        # the parser tags some particles as adverbs ("sent them back")
        if sense.particle and not any(
            word == sense.particle and label in ("prt", "advmod") for _, word, label in children
        ):
            return False
        if sense.addressee and not frame.asked:
            return False
        if sense.compound and not any(label == "nsubj" and tree.conjuncts(c)
                                      for c, _, label in children):
            return False  # "A and B agree", not "A agrees"
        if not _before_words_hold(verb, sense):
            return False  # "was heavily criticized", "the military withdrew"
        if sense.place and not any(word == sense.place and label == "prep"
                                   for _, word, label in attached):
            return False  # "celebrated Iftar at Osgiliath", not "in Osgiliath"
        if sense.modifiers and sense.modifiers.isdisjoint(frame.modifier_lemmas):
            return False  # "signed a trade protocol", not any protocol
        return not sense.objects or not sense.objects.isdisjoint(frame.object_lemmas)

    def _object_lemmas(self, obj: Token) -> list[str]:
        """An object's lemma, and for "a batch of systems" the lemma of what it counts."""
        obj = _antecedent(obj)
        lemmas = [obj.lemma_.lower()]
        counted = self.lexicon.counted(obj)
        if counted is not None:
            lemmas.append(counted.lemma_.lower())
        if obj.pos_ == "PROPN":
            # "summoned Ambassador Koffi Adjovi": a diplomat named with the title before
            lemmas.extend(title for title in _titles(obj) if title in self.lexicon.diplomat_nouns)
        return lemmas

    # ---- events ---------------------------------------------------------------------------
    def _events_for(
        self, candidate: Candidate, sent: Span, sentence_index: int, actors: DocumentActors,
        doc_id: str, earlier: Sequence[Event] = (),
    ) -> list[Event]:
        hosted: str | None = None  # the modality of the talks a host's participle is on
        if candidate.rule == "nominal":
            sources, targets = self._nominal_roles(candidate, actors)
        elif candidate.rule == "adjective":
            sources = self._subjects(candidate.trigger, actors)
            targets = _first_other(_attitude_targets(candidate.trigger, candidate.sense, actors),
                                   sources)
        else:
            sources, targets = self._verb_roles(candidate, actors)
            # ("Armenian and U.S. troops began an exercise near Yerevan": held with the state
            # where it is held, not at it)
            sources, targets = self._held_with_host(candidate, sources, targets, actors)
            joint = self._joint_sense(candidate, sources, targets)
            if joint is not None:
                # "Seoul and Washington staged air drills": exercises two states hold with no
                # one else named are held together
                candidate = replace(candidate, sense=joint)
        if candidate.sense.reverse:
            sources, targets = targets, sources
            subject = _nearest_subject(candidate.trigger)
            if sources and not targets and subject is not None:
                # "The visit drew criticism from Washington": the visit named before; "signed a
                # law that drew criticism": the one who made what the clause hangs on
                made = _maker_of_antecedent(candidate.trigger, subject)
                # "the expulsion of its diplomats by Minsk drew a protest": the act's doer
                found = (self._subjects(made, actors) if made is not None
                         else _owner_actors(subject, actors, ("by",))
                         or self._earlier_mention(subject, actors, doer=True))
                targets = [a for a in found if a.country not in {s.country for s in sources}]
        if sources and not targets and candidate.rule != "nominal":
            targets = self._quoted_topic(candidate.trigger, sources, actors)
        if targets and self._denies_an_act(candidate):
            # "Iran denied sending drones to Russia": whom the act denied was aimed at is not
            # whom the denial answers (the one who says it happened may be: "Oslo accused
            # Minsk, a charge Minsk denies" read as a denied clause)
            clauses = [c for c in candidate.trigger.children if c.dep_ in ("xcomp", "ccomp")]
            told = {a.start for c in clauses if (subject := _nearest_subject(c)) is not None
                    for a in actors.actors_for(subject)}
            denied = [t for c in clauses for t in c.subtree]
            targets = [t for t in targets if t.start in told or not _named_among(t, denied)]
        released = self._released(candidate, actors)
        if sources and released is not None:
            # "Tokyo demanded the fishermen's immediate release": an appeal for people's
            # release is aimed at whoever holds them, never at the people's own state
            freed = {a.start for a in released}
            targets = [t for t in targets if t.start not in freed] or _last_holder(
                sources, released, earlier, sentence_index)
        if sources and not targets and self._answers_a_charge(candidate):
            # ("denied the accusations" a paragraph after the lead that made them)
            targets = _accusers(sources, earlier, sentence_index, state_sectors=(
                actors.lexicon.state_sectors if _denied_act(candidate.trigger) else None)
            ) or _in_lead(_accusers, sources, earlier, candidate.trigger.doc)
        elif sources and not targets and self._judges_an_act(candidate):
            # ("Kyiv welcomed the decision": the last act, which may lie a paragraph back,
            # or failing that the act the story leads with)
            targets = _doer_near_or_in_lead(sources, earlier, sentence_index,
                                            candidate.trigger.doc, acts_only=True)
        elif sources and not targets and self._judges_an_act(candidate, agreement=True):
            targets = _last_signatories(sources, earlier, sentence_index) or _in_lead(
                _last_signatories, sources, earlier, candidate.trigger.doc)  # (the lead's accord)
        elif sources and not targets and self._hosts_a_meeting(candidate):
            # "talks hosted by Uzbekistan", "a deal brokered by Oman": the host or the
            # mediator of a meeting or a deal is the host or mediator of its two parties
            targets = _meeting_parties(sources, earlier, sentence_index)
            hosted = _meeting_modality(targets, earlier, sentence_index)
        elif sources and not targets and (judged := self._judged_event(candidate)):
            # "Israel struck a depot. Damascus condemned the attack": the doer of the act
            # of that kind reported last (a kind named reaches as far back as "the decision")
            # ("C bombed B's consulate. A condemned the bombing": the noun of the verb the
            # act was told with names that act, whatever code each was given)
            targets = _doer_near_or_in_lead(
                sources, earlier, sentence_index, candidate.trigger.doc,
                root=_kind_of_act(judged.code),
                verbs=self.verbs_meaning.get(judged.code, frozenset()) | self._verbs_named_by(
                    _judged_thing(candidate.trigger)))
        if sources and not targets and candidate.sense.code[:2] in ANSWERING_ROOTS and (
                candidate.sense.code not in NOT_ANSWERS) and not candidate.sense.reverse and (
                (candidate.rule in ("verb", "light-verb") and self._no_one_named(candidate))
                or self._answered_with(candidate.trigger)) and (
                candidate.sense.code[:2] != THREAT_ROOT or self._threatens_an_answer(
                    candidate.trigger)):
            # "China fired flares at a Philippine plane. Manila lodged a protest": a reaction
            # with no one named answers whoever just acted against its maker (a deed judged,
            # "condemned the attack", answers only a deed)
            deeds_only = self._judges_a_deed(candidate)
            # (a word of protest, failing that, answers the act the story leads with)
            targets = _last_doer_against(sources, earlier, sentence_index,
                                         deeds_only=deeds_only) or (_in_lead(
                _last_doer_against, sources, earlier, candidate.trigger.doc,
                deeds_only=deeds_only)
                if candidate.sense.code[:2] in VERBAL_CONFLICT_ROOTS else [])
        if sources and not targets and candidate.trigger.dep_ == "conj" and (
                candidate.sense.code[:2] in VERBAL_CONFLICT_ROOTS) and not (
                self._judges_an_act_upon_a_state(candidate, actors)):
            # "condemned the strikes and warned of consequences": a second verb of the same
            # speaker, with no one named, is aimed at whom the first was (not "backed
            # Beijing's position and opposed any attempt to divide China": it names whom)
            targets = _first_verb_targets(candidate.trigger, sources, earlier, sentence_index)
        attribution: Actor | None = None
        if sources and not targets and candidate.sense.code[:2] in FORCE_ROOTS and (
                _bare_frontier(candidate.trigger, actors)):
            # "Kyiv said Belarusian troops had moved closer to the border": the speaker's
            attribution = self._attribution(candidate.trigger, actors)
            if attribution is not None and attribution.country not in {
                    s.country for s in sources}:
                targets = [attribution]
        if sources and not targets and candidate.sense.code[:2] in ATTACK_ROOTS and (
                candidate.rule in ("verb", "light-verb")) and all(
                s.kind == "state" and s.sector in STATE_ARMS for s in sources):
            # "Russian forces launched assaults near a village in the east": in a story of two
            # states at war, an attack on no one named falls on the other one
            # (only between two the story has already shown fighting each other)
            # (or that the rival itself reports: "..., Ukraine's military said")
            rivals = actors.rival_of({s.country for s in sources}, candidate.trigger.i)
            fought = self._attacks.pairs(earlier)
            reporter = self._attribution(candidate.trigger, actors)
            named = reporter is not None and reporter.kind == "state" and _names_its_state(
                reporter, candidate.trigger.doc, actors)
            targets = [r for r in rivals if any((s.country, r.country) in fought or (
                r.country, s.country) in fought for s in sources) or (
                named and reporter.country == r.country)]
        sense = self._sense_for_targets(candidate, targets)
        if sense.target_kind and sense.target_kind not in {t.kind for t in targets}:
            return []  # "quit Kabul" is no leaving of a body
        if candidate.sense.target_kind and any(s.kind == "person" for s in sources):
            return []  # "since leaving the UN secretariat, Ruiz ...": a career, no state
        if sense is not candidate.sense:
            candidate = Candidate(candidate.trigger, sense, candidate.span_start,
                                  candidate.span_end, candidate.rule)
        # ("would respond with tariffs": the answer is as sure as the verb of answering, and
        # said by whoever says that)
        answered = candidate.rule == "nominal" and self._answered_with(candidate.trigger)
        stated = candidate.trigger.head.head if answered else candidate.trigger
        if attribution is None:
            attribution = self._attribution(stated, actors)
        code = (self._force_visit(candidate, sources, actors)
                or self._arms_to_a_frontier(candidate, actors) or candidate.sense.code)
        if code[:2] == POSTURE_ROOT and self.lexicon.peacekeeping_code and (
                self._sent_to_help(candidate.trigger, targets, actors)):
            # "deployed troops in B to support B's army", "arrived in B as part of an AU
            # mission": forces sent to help the state they are in are a partner's, no show of
            # force against it
            code = self.lexicon.peacekeeping_code
        if code[:2] == POSTURE_ROOT and self._unarmed_deployment(candidate.trigger):
            return []
        modality = modality_of(stated, self.cues)
        if hosted is not None and modality == "asserted":
            # ("will meet next week at talks hosted by C": hosted when the talks are held)
            modality = hosted
        # an aim ("... to invest further") is offered to no one
        offered = modality == "intended" and self.intent_codes.get(code[:2], code)[:2] == "03" \
            and not purpose_clause(candidate.trigger)
        mutual = candidate.sense.symmetric and len({s.country for s in sources}) > 1
        if not targets and not mutual and (code[:2] in ADDRESSED_TO_SPEAKER_ROOTS or offered):
            # "Erdogan told Putin that Turkey was ready to host talks": offered to the one
            # told; with no one told, a reported request was made to the speaker
            told = self._addressee(candidate.trigger, actors)
            # (prosecutors and courts report offers; none is made to them)
            # (nor to speakers who are among those who offer: a joint statement)
            heard = attribution is not None and attribution.sector != JUDICIAL_SECTOR and (
                attribution.country not in {s.country for s in sources})
            targets = told or ([attribution] if heard else [])
        if candidate.sense.code in VISIT_CODES and code == candidate.sense.code:
            # "the Iranian vessel arrived", "Chinese tourists visited", "hosted refugees":
            # visitors and guests of state visits act for a state
            if candidate.sense.code == HOST_CODE:
                targets = [t for t in targets if _political(t, actors, bare_state=True)]
            else:
                # "Canada paid a visit to Mexico": a state named by its name visits (its
                # leaders), "the Iranian tanker arrived" is a thing of that state
                subject = _nearest_subject(candidate.trigger)
                named = subject is not None and subject.pos_ == "PROPN"
                sources = [s for s in sources if _political(s, actors, bare_state=named)]
        if self.domestic:
            targets = [t for t in targets if not _own_thing(t, sources, sent.doc, actors)]
        pairs = self._pairs(sources, targets, candidate.sense)
        if not pairs or modality == QUESTION or self._someone_elses_wish(candidate, actors) or (
                self._obliged(candidate)) or self._pushed_by_an_act(candidate) or (
                supposed_in_a_condition(candidate.trigger, self.cues)):
            return []
        if candidate.rule == "verb" and (asks_a_question(candidate.trigger, self.cues)
                                         or declines_to_comment(candidate.trigger, self.cues)
                                         or self._predicts_hostility(candidate)):
            return []
        if modality in HEDGED and self._speculation(candidate.trigger, actors):
            return []
        negation = self._negated_sense(candidate.trigger) if modality == NEGATED else None
        if candidate.sense.negated and modality != NEGATED:
            return []  # "tolerate" alone is no event; "will not tolerate" warns
        if negation is not None and candidate.rule == "verb":
            code, modality = negation.code, "asserted"
        elif modality == NEGATED and code[:2] in COOPERATIVE_ROOTS and (
            not self._carried_by_a_bystander(candidate)) and (
            negated_intent(candidate.trigger, self.cues) or (
                negated_future(candidate.trigger, self.cues)
                and not self._speculation(candidate.trigger, actors))):
            # (no plan to attack is no refusal of anything: a reassurance, not an event)
            # "had no plans to recognise", "Ankara will not approve the bid": a refusal
            code, modality = self.refusal_codes.get(code[:2], REFUSAL_DEFAULT), "asserted"
        elif modality == NEGATED:
            return []
        if modality == "intended":
            code = self.intent_codes.get(code[:2], code)
        code = self._vowed_threat(candidate, code)
        if code is None:
            return []
        code = self._vowed_answer(candidate, code, sources, targets, earlier, sentence_index)
        events = [
            self._event(candidate, self._by_people(code, src, actors), modality, src, tgt,
                        attribution, sent, sentence_index, doc_id)
            for src, tgt in pairs
        ]
        threat = self.threat_codes.get(code[:2]) if (
            modality in THREATENING or self._stands_ready(candidate, modality)) else None
        if threat is not None and attribution is not None and code[:2] in MATERIAL_THREAT_ROOTS:
            # "Beijing said it would take countermeasures against Vilnius": a state's word
            # that it will act against another is a threat, made now; so is its word that it
            # would if the other did something ("would expel its diplomats if Lima refused")
            events += [self._event(candidate, threat, "asserted", src, tgt, attribution, sent,
                                   sentence_index, doc_id)
                       for src, tgt in pairs if src.country == attribution.country]
        answer = candidate.sense.answer
        if answer is not None and code == candidate.sense.code:
            # a user's "[a:b]": the target's answer to the act, coded back to its doer (only
            # for the act as the sense codes it, not for a refusal or an intent made of it)
            events += [self._event(candidate, answer, modality, tgt, src, attribution, sent,
                                   sentence_index, doc_id) for src, tgt in pairs]
        return events

    def _held_with_host(self, candidate: Candidate, sources: list[Actor], targets: list[Actor],
                        actors: DocumentActors) -> tuple[list[Actor], list[Actor]]:
        """A show of force whose every target is a state its subject names beside the source
        ("Armenian and U.S. troops ... near Yerevan") is put on by both: the targets join the
        sources (and the joint sense, if the noun has one, codes it)."""
        if not self._subject_names_hosts(candidate, sources, targets, actors):
            return sources, targets
        own = {s.country for s in sources}
        return [*sources, *(t for t in targets if t.country not in own)], []

    def _subject_names_hosts(self, candidate: Candidate, sources: list[Actor],
                             targets: list[Actor], actors: DocumentActors) -> bool:
        """Whether a show of force's subject names every target's state beside a source of
        another state."""
        if not targets or candidate.rule != "light-verb" or (
                candidate.sense.code[:2] != POSTURE_ROOT):
            return False
        subject = _nearest_subject(candidate.trigger)
        if subject is None:
            return False
        named = {a.country for w in subject.subtree for a in actors.actors_for(w, conjuncts=False)}
        own = {s.country for s in sources}
        hosts = {t.country for t in targets}
        return own <= named and hosts <= named and bool(own - hosts)

    def _joint_sense(self, candidate: Candidate, sources: list[Actor],
                     targets: list[Actor]) -> Sense | None:
        """The joint sense of a show of force that several states put on at no one."""
        if targets or candidate.rule != "light-verb" or candidate.sense.code[:2] != POSTURE_ROOT:
            return None
        if len({s.country for s in sources if s.country}) < 2:
            return None
        senses = self.lexicon.nouns.get(candidate.carried.lemma_.lower(), ())
        return next((s for s in senses if s.symmetric and "joint" in s.modifiers), None)

    def _by_people(self, code: str, source: Actor, actors: DocumentActors) -> str:
        """"Chinese consumers boycotted Japanese goods": what a state does as a sanction,
        its people do as a protest (popular_codes in verbs.yaml)."""
        popular = self.lexicon.popular_codes.get(code)
        if popular is None or source.kind in ("igo", "person") or (
                source.sector is None or source.sector in actors.lexicon.political_sectors):
            return code
        return popular

    def _force_visit(self, candidate: Candidate, sources: list[Actor],
                     actors: DocumentActors) -> str | None:
        """"Turkish troops arrived in Libya": armed forces visiting are deployed (peacekeepers
        are a peacekeeping mission), not on a state visit."""
        if candidate.sense.code != VISIT_CODE or not any(
                s.sector == "MIL" and s.kind != "person" for s in sources):
            return None  # ("Deputy Defense Minister X visited Bamako": a person visits)
        person_nouns = actors.lexicon.references.person_nouns
        subject = _nearest_subject(candidate.trigger)
        if subject is not None and subject.lemma_.lower() in person_nouns:
            return None  # "the defence minister arrived in Kyiv": an official's visit
        if any(_head_lemma(s, candidate.trigger.doc) in person_nouns for s in sources):
            return None  # "..., the defence minister said during a visit to Kyiv"
        if subject is not None and subject.lemma_.lower() in self.lexicon.peacekeepers:
            return self.lexicon.peacekeeping_code
        return self.lexicon.force_visit_code

    def _sent_to_help(self, trigger: Token, targets: list[Actor],
                      actors: DocumentActors) -> bool:
        """Whether forces deployed or arriving where ``targets`` are were sent to help them: a
        purpose clause of cooperation aimed at one of them ("to support the Congolese army")
        or a mission they serve in ("as part of a UN mission")."""
        hosts = {t.country for t in targets if t.country}
        if not hosts:
            return False
        # ("began arriving in B as part of ...": the verb's own clause and its governor's)
        verbs = [trigger, trigger.head] if trigger.dep_ == "xcomp" else [trigger]
        for verb in verbs:
            if any(_to_infinitive(clause) and self._helps(clause, hosts, actors)
                   for clause in tree.labelled(verb, ("advcl", "xcomp"))):
                return True
            if any(self._part_of_a_mission(prep) for prep in tree.labelled(verb, "prep")):
                return True
        return False

    def _unarmed_deployment(self, trigger: Token) -> bool:
        """"deployed 200 observers across the country": monitors or observers sent are no show
        of force (the peacekeepers' own sense, "deployed peacekeepers", is coded before)."""
        return any(o.lemma_.lower() in self.lexicon.peacekeepers
                   for o in tree.labelled(trigger, "dobj"))

    def _helps(self, clause: Token, hosts: set[str], actors: DocumentActors) -> bool:
        """"to support the Congolese army", "to help Guyana build": a cooperative act aimed at
        one of ``hosts``."""
        helping = self._candidate(clause)
        if helping is None or helping.sense.code[:2] not in COOPERATIVE_ROOTS:
            return False
        # ("to help the Haitian police fight gangs": the one helped may be the subject of
        # the act helped with)
        aimed = [w for w in clause.subtree if w.dep_ in ("dobj", "dative", "pobj", "nsubj")]
        return any(a.country in hosts for word in aimed for a in actors.actors_for(word))

    def _part_of_a_mission(self, prep: Token) -> bool:
        """"as part of the African Union mission", "as part of a peacekeeping force"."""
        if prep.lower_ != "as":
            return False
        served = [m for part in tree.labelled(prep, "pobj") if part.lemma_.lower() == "part"
                  for of in tree.labelled(part, "prep") if of.lower_ == "of"
                  for m in tree.labelled(of, "pobj")]
        names = self.lexicon.partner_missions | self.lexicon.peacekeepers
        return any(w.lemma_.lower() in names for m in served
                   for w in (m, *tree.labelled(m, ("compound", "amod", "nmod"))))

    def _arms_to_a_frontier(self, candidate: Candidate, actors: DocumentActors) -> str | None:
        """"sent tanks to the Syrian border": arms sent to a frontier are deployed there, not
        given to the state beyond it (which "sent tanks to Kyiv" would be)."""
        if candidate.rule != "verb" or candidate.sense.code != ARMS_AID_CODE:
            return None
        frontier = any(actors.frontier(p) for c in candidate.trigger.children
                       if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "toward", "towards")
                       for p in c.children if p.dep_ == "pobj")
        return self.lexicon.force_visit_code if frontier else None

    def _someone_elses_wish(self, candidate: Candidate, actors: DocumentActors) -> bool:
        """"She hopes Washington and London can coordinate": a wish about others is no event
        (a state's own hope, "Kyiv hopes Berlin will send tanks", is the state's)."""
        subject = wisher(candidate.trigger, self.cues)
        if subject is None:
            return False
        political = actors.lexicon.political_sectors
        return not any(a.country and (a.kind in ("state", "igo") or a.sector in political)
                       for a in actors.actors_for(subject))

    def _pushed_by_an_act(self, candidate: Candidate) -> bool:
        """"Russia's invasion pushed Finland to join NATO", "the sanctions forced Tehran to
        negotiate": a hostile act as the subject of a verb of urging is a cause, not an appeal
        or a demand by whoever did it."""
        if candidate.rule != "verb" or candidate.sense.code[:2] not in APPEAL_ROOTS:
            return False
        subject = _child(candidate.trigger, "nsubj")
        if subject is None or subject.pos_ != "NOUN":
            return False
        lemma = subject.lemma_.lower()
        return lemma in self.lexicon.nouns and self._noun_sense(subject).code[:2] in HOSTILE_ROOTS

    def _stands_ready(self, candidate: Candidate, modality: str) -> bool:
        """"was prepared to close its border with B": an act intended, whose intention is a
        readiness ("prepared to", "ready to") and not a plan."""
        trigger = candidate.trigger
        return modality == "intended" and trigger.dep_ == "xcomp" and (
            trigger.head.lemma_.lower() in self.cues.readiness_heads
            or trigger.head.lower_ in self.cues.readiness_heads)

    def _vowed_threat(self, candidate: Candidate, code: str) -> str | None:
        """"vowed to retaliate against Israel": a promise of a hostile act is a threat; a
        decision to do it ("agreed to extend sanctions") is no event of its own (the act
        decided is coded, intended). None: no event."""
        if code[:2] != "03" or candidate.rule != "verb":
            return code
        for clause in (c for c in candidate.trigger.children if c.dep_ == "xcomp"):
            vowed = self._candidate(clause)
            if vowed is not None and vowed.sense.code[:2] in self.threat_codes:
                if candidate.trigger.lemma_.lower() in self.cues.deciding_heads:
                    return None
                return self.threat_codes[vowed.sense.code[:2]]
            # "vowed to take revenge on X", "vowed crushing revenge": no hostile verb, but
            # what is promised is named by a word of threat
            promised = [clause, *(c for c in clause.children if c.dep_ == "dobj")]
            threat = self._attitude_code(promised)
            if threat is not None and threat[:2] == THREAT_ROOT:
                return threat
        return code

    def _vowed_answer(self, candidate: Candidate, code: str, sources: list[Actor],
                      targets: list[Actor], earlier: Sequence[Event], sentence_index: int) -> str:
        """"B expelled a diplomat, and A vowed to respond in kind": a promise to answer a
        hostile act of the one it is aimed at threatens an act of that kind (the threat code of
        the act answered); a promise to answer anything else stays a promise."""
        answered = self._answered_act(candidate, code, sources, targets, earlier,
                                      sentence_index)
        return code if answered is None else self.threat_codes.get(answered.cameo_root, code)

    def _answered_act(self, candidate: Candidate, code: str, sources: list[Actor],
                      targets: list[Actor], earlier: Sequence[Event],
                      sentence_index: int) -> Event | None:
        """The hostile act of a target that a promise to respond (a responding verb that codes
        nothing itself) answers, or None."""
        if code[:2] != "03" or candidate.rule != "verb" or not targets or not any(
                _verb_in(c, self.lexicon.responding_verbs) and self._candidate(c) is None
                for c in tree.labelled(candidate.trigger, "xcomp")):
            return None
        answered = _last_act_against(sources, earlier, sentence_index)
        if answered is None or answered.source.country not in {t.country for t in targets}:
            return None
        return answered

    def _pairs(self, sources: list[Actor], targets: list[Actor], sense: Sense):
        if not targets and sense.symmetric and len(sources) > 1:
            return [(a, b) for a in sources for b in sources if a is not b and self._valid(a, b)]
        return [(s, t) for s in sources for t in targets if self._valid(s, t)]

    def _valid(self, source: Actor, target: Actor) -> bool:
        if not _placed(source) or not _placed(target):
            return False
        if source.country == target.country and source.country and not self.domestic:
            return False
        return not (source.code == target.code and source.name == target.name)

    def _event(
        self, candidate: Candidate, code: str, modality: str, source: Actor, target: Actor,
        attribution: Actor | None, sent: Span, sentence_index: int, doc_id: str,
    ) -> Event:
        entry = self.codebook.get(code)
        doc = sent.doc
        trigger_span = doc[candidate.span_start : candidate.span_end]
        confidence = _confidence(candidate, source, target, modality)
        return Event(
            doc_id=doc_id,
            sentence_index=sentence_index,
            sentence=sent.text,
            sentence_start=sent.start_char,
            source=source,
            target=target,
            cameo=entry.code,
            cameo_root=entry.root,
            cameo_name=entry.name,
            plover=entry.plover,
            quad_class=entry.quad_class,
            goldstein=entry.goldstein,
            trigger=Trigger(tree.span_text(trigger_span), trigger_span.start_char,
                            trigger_span.end_char, candidate.trigger.lemma_),
            modality=modality,
            attribution=attribution,
            confidence=confidence,
            symmetric=candidate.sense.symmetric,
            rule=candidate.rule,
            token_index=candidate.trigger.i,
        )

    # ---- roles of verbs -------------------------------------------------------------------
    def _verb_roles(self, candidate: Candidate, actors: DocumentActors):
        verb = candidate.trigger
        sense = candidate.sense
        agent = _child(verb, "agent")
        if verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN":
            # "forces backed by Rwanda", "Iran-backed militias": the participle's doer acts
            # on the noun it describes
            doers = _pobj_actors(agent, actors) if agent is not None else [
                a for c in verb.children if c.dep_ in ("npadvmod", "compound", "nmod")
                for a in actors.actors_for(c)]
            if doers and candidate.rule == "light-verb" and agent is not None:
                return doers, self._participle_targets(verb, agent, doers, actors)
            if doers:
                return doers, actors.actors_for(verb.head)
            if verb.dep_ == "acl" and candidate.rule == "verb" and _child(verb, "dobj") is None:
                # "brandy imported from the EU", "migrants detained in Libya": a thing
                # described by what befell it, whose doer only the phrase can imply
                return self._agentless_roles(verb, verb.head, candidate, actors)
        passive_subject = _child(verb, "nsubjpass")
        if passive_subject is None and _shares_passive(verb):
            # "were declared persona non grata and ordered to leave", "were detained and
            # deported by Jakarta": a participle joined to a passive is passive too, its subject
            # the one it befalls, its doer its own by-phrase or the first verb's
            passive_subject = _child(verb.head, "nsubjpass")
            agent = agent or _child(verb.head, "agent")
        if agent is None and passive_subject is not None:
            agent = _misplaced_agent(verb)
        if agent is not None and passive_subject is not None:
            # "was hit by a wave of attacks by militants based in Afghanistan": an act's doer
            # (the parser may give the verb the act's own by-phrase as a second agent)
            agents = [agent, *(c for c in verb.children if c.dep_ == "agent" and c != agent)]
            sources = next((found for a in agents if (found := _pobj_actors(a, actors))), [
                a for p in agent.children if p.dep_ == "pobj"
                and (self.lexicon.counted(p) or p).lemma_.lower() in self.lexicon.nouns
                for a in _owner_actors(p, actors, ("by", "from"))]) or [
                # "was hit by water cannon fired by a Chinese ship": the thing's user
                a for p in agent.children if p.dep_ == "pobj"
                for a in self._participle_doer(p, actors)]
            targets = actors.actors_for(passive_subject)
            if not targets:
                # "sanctions were imposed on Iran by the EU", "aid was sent to Gaza by Amman":
                # a thing is the subject, the target hangs on the verb
                targets = _first_other(self._target_options(verb, sense, actors, candidate),
                                       sources)
            if not {t.country for t in targets} - {s.country for s in sources}:
                # "the sanctions imposed by Accra on Lome were lifted by Accra": the thing's
                # target hangs on the participle that describes it (its doer, in the
                # subject's phrase, is no target)
                preps = (*sense.target_preps, *self._noun_sense(passive_subject).target_preps
                         ) if passive_subject.lemma_.lower() in self.lexicon.nouns else (
                    sense.target_preps)
                targets = _first_other((_prep_actors(head, preps, actors)
                                        for head in _participle_heads(passive_subject)),
                                       sources) or targets
            if not targets and sense.code[:2] in PENALTY_ROOTS:
                # "two tankers were sanctioned by the Treasury as vessels of an Iranian line"
                patients = [passive_subject, *(p for c in verb.children if c.dep_ == "prep"
                                               and c.lower_ == "as" for p in c.children)]
                targets = _first_other((_subtree_actors(p, actors) for p in patients), sources)
            return sources, targets
        if passive_subject is not None and candidate.rule == "verb":
            return self._agentless_roles(verb, passive_subject, candidate, actors)
        sources = self._subjects(verb, actors)
        asked = _asked_to_act(verb) or _called_upon(verb)
        if asked is not None and sources and sense.code[:2] in APPEAL_ROOTS and not self.domestic:
            addressed = {a.country for a in actors.actors_for(asked)}
            if addressed and addressed <= {s.country for s in sources}:
                # "senators sent a letter urging him [the secretary] to ...": an appeal to
                # one's own government, whatever state the act asked for concerns
                return sources, []
        between = _child_prep(verb, "between") if not sources else None
        if between is not None and "between" not in sense.target_preps:
            # "fighting between Sudanese and South Sudanese forces broke out": a gerund
            # subject whose parties act on each other
            parties = _pobj_actors(between, actors)
            if len({p.country for p in parties}) > 1:
                return parties, parties
        if not sources and sense.code[:2] in VIOLENT_ROOTS:
            # "gunmen kidnapped two Chinese engineers in Nigeria": armed men with no state of
            # their own act for the state they operate in (CODING)
            sources = self._located_attackers(verb, actors)
        if verb.lemma_.lower() in self.lexicon.topic_verbs:
            # what is discussed is a topic wherever it is named; only "with" names a partner
            # (the parser may hang it on the topic: "discussed trade with Seoul")
            topic = _child(verb, "dobj")
            options = iter([_prep_actors(verb, sense.target_preps, actors),
                            _prep_actors(topic, sense.target_preps, actors) if topic else []])
        else:
            options = self._target_options(verb, sense, actors, candidate)
        targets = _first_other(options, [] if self.domestic else sources)
        if not targets and self._judges_an_act_upon_a_state(candidate, actors):
            # "backed Beijing's position and opposed any attempt to divide China": the act
            # judged names whom it befalls, who is not the one judged; no other clause's
            # party is either
            return sources, []
        if sense.symmetric and len({s.country for s in sources}) > 1 and _topics_of_intent(
                verb, targets):
            # "Tokyo and Manila agreed to share intelligence on Chinese ships": what the two
            # agreed on, not whom: they agreed with each other
            targets = []
        if not targets and len(sources) > 1 and _reciprocal(verb):
            return sources, sources  # "Ottawa and Delhi expelled each other's diplomats"
        if not targets and sources and (verb.dep_ == "conj" or (
            verb.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONTRAST_MARKERS
                                         for m in verb.children))):
            # "the dispute went to arbitration, though Lima stayed away"
            targets = _counterpart_of_clause(verb.head, sources, actors)
        if not targets and sources and verb.dep_ == "advcl" and (
                sense.code[:2] in HOSTILE_OR_CONFLICT_ROOTS) and any(
                m.dep_ == "mark" and m.lower_ in CAUSE_MARKERS for m in verb.children):
            # "Niamey closed the border after ECOWAS imposed sanctions": a hostile act told as
            # the cause of another state's act, with no one named, befell that state
            targets = _counterpart_of_clause(verb.head, sources, actors)
        if not targets and sources and absolute_clause(verb) and sense.code[:2] in VERBAL_ROOTS:
            # "with Moscow warning of retaliation, Helsinki closed its border": the warning is
            # aimed at the main clause's party
            targets = _counterpart_of_clause(verb.head.head, sources, actors)
        if not targets and sources and verb.dep_ == "xcomp" and (
                verb.head.lemma_.lower() in self.lexicon.prompting_verbs):
            # "Pristina closed the offices, prompting Belgrade to put units on alert": a
            # response prompted by an act answers the act's doer
            own = {s.country for s in sources}
            targets = [a for a in self._subjects(verb.head, actors) if a.country not in own]
        # an act told after another (not on its condition) answers it unless it is words of
        # cooperation or a meeting ("Kuwait hosted talks after Iran seized a tanker"), a
        # meeting of the subjects with each other ("Egypt and Jordan met after Israel struck
        # Gaza") or an arrest of someone of no state named ("arrested a journalist after
        # Moscow's media praised ..."); material answers stay ("lifted sanctions after Tehran
        # freed the prisoners", "struck targets after Hezbollah fired rockets")
        root = sense.code[:2]
        meeting = sense.symmetric and len({s.country for s in sources}) > 1
        answering = root not in WORDS_OF_COOPERATION and not meeting and not (
            root == HOLDING_ROOT and self._own_patient(verb))
        # on a condition, an act answers the one the condition names unless it is words of
        # cooperation or a meeting ("France will sign the treaty unless Italy objects") or
        # gives a thing of its own ("Oslo will fund the programme if Copenhagen joins"):
        # "Washington will impose sanctions if Tehran resumes enrichment", "Tokyo will
        # resume aid if Pyongyang halts its tests" answer it
        answering_if = root not in WORDS_OF_COOPERATION and not meeting and not (
            root in HANDING_ROOTS and self._own_patient(verb))
        for clause in (c for c in tree.labelled(verb, "advcl") if not targets):
            marks = {m.lower_ for m in tree.labelled(clause, "mark")}
            conditional = bool(marks & CONDITION_MARKERS)
            if marks & CAUSE_MARKERS and (answering_if if conditional else answering):
                targets = _counterpart_of_clause(clause, sources, actors)
        if not targets and sense.code[:2] in VERBAL_ROOTS:
            targets = self._assignment(verb, sources, actors)
        if not targets and sources and sense.code[:2] in REACTION_ROOTS:
            # "recalled its ambassador after Madrid's move": a reaction is aimed at whoever
            # did what it reacts to
            own = {s.country for s in sources}
            causes = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in REASON_PREPS
                      for p in c.children if p.dep_ == "pobj"]
            targets = next((found for cause in causes
                            if (found := [a for a in _owner_actors(cause, actors, ("by",))
                                          if a.country not in own])), [])
        return sources, targets

    def _described_by_participle(self, verb: Token) -> Token | None:
        """The event noun a light verb's participle describes with both its doer and its
        target named ("the sanctions imposed by Accra on Lome"); with no target named ("the
        sanctions imposed by Accra" that Lome criticised) the noun is only spoken of."""
        agent = _child(verb, "agent")
        noun = verb.head
        if verb.dep_ != "acl" or verb.tag_ != "VBN" or agent is None or (
                verb.lemma_.lower() not in self.lexicon.light_verbs
                or noun.lemma_.lower() not in self.lexicon.nouns):
            return None
        preps = self._noun_sense(noun).target_preps
        heads = [verb, noun, *tree.labelled(agent, "pobj")]
        return noun if any(c.dep_ == "prep" and c.lower_ in preps
                           for head in heads for c in head.children) else None

    def _participle_targets(self, verb: Token, agent: Token, doers: list[Actor],
                            actors: DocumentActors) -> list[Actor]:
        """The target of "the sanctions imposed by Accra on Lome": the noun's own preposition,
        on the participle or on the doer's name, where the parser may hang it."""
        preps = self._noun_sense(verb.head).target_preps
        heads = [verb, verb.head, *tree.labelled(agent, "pobj")]
        return _first_other((_prep_actors(head, preps, actors) for head in heads), doers)

    def _agentless_roles(self, verb: Token, patient: Token, candidate: Candidate,
                         actors: DocumentActors) -> tuple[list[Actor], list[Actor]]:
        """A passive with no by-phrase: its subject is what the act befell ("a Chinese
        national was arrested in Kenya"), and the doer only what the clause implies."""
        root = candidate.sense.code[:2]
        doers: list[Actor] = []
        if patient.lemma_.lower() in self.lexicon.diplomat_nouns:
            # "Moscow's ambassador to Berlin was summoned": by the state that hosts him
            doers = _host_of_posted(verb, patient, actors)
        elif root in FORCE_ROOTS or root in AID_ROOTS:
            # "shells were fired at the town from Azerbaijan": fired from a state (the parser
            # may hang "from" on the place fired at); "tents were flown in from Jordan"
            # ("from across the border in Syria": the state further down the phrase)
            doers = [a for prep in verb.subtree if prep.dep_ == "prep" and prep.lower_ == "from"
                     for a in (_pobj_actors(prep, actors) or _subtree_actors(prep, actors))
                     if a.kind == "state"][:1]
            if not doers and candidate.sense.particle == "down":
                # "a Chinese balloon was shot down over the United States": by the state
                # whose sky it was
                doers = [a for a in _prep_actors(verb, ("over",), actors) if a.kind == "state"]
        if not doers and (root in PENALTY_ROOTS or candidate.sense.code in VERDICT_CODES):
            # "was arrested in Kenya", "was detained in Moscow": by the state it happened in
            # ("was expelled from Estonia", "deported from Thailand": by the state left)
            doers = [a for a in _prep_actors(verb, ("in", "from"), actors) if a.kind == "state"]
        if not doers and root in HANDING_ROOTS and candidate.rule == "verb":
            # "a suspect was extradited from Chile to Peru": handed over by the state left,
            # to the one the sense's preposition names (not the person's own state)
            left = [a for a in _prep_actors(verb, ("from",), actors) if a.kind == "state"][:1]
            given_to = _first_other([_prep_actors(verb, tuple(
                p for p in candidate.sense.target_preps if p != "with"), actors)], left)
            if left and given_to and candidate.sense.target_preps != DEFAULT_TARGET_PREPS:
                return left, given_to
        patients = actors.actors_for(patient)
        if patients and root in GIVING_ROOTS and not doers and patient.pos_ == "NOUN":
            # "Iranian drones were supplied to Russia": a state's goods given away are its gift
            options = self._target_options(verb, candidate.sense, actors, candidate)
            given_to = _first_other(options, patients)
            if given_to:
                return patients, given_to
        if patients and root == POSTURE_ROOT and not doers:
            # "Russian troops were massed near the border": forces moved are their state's
            # posture, aimed at where they were moved
            options = self._target_options(verb, candidate.sense, actors, candidate)
            return patients, _first_other(options, patients)
        if patients:
            return doers, patients
        options = self._target_options(verb, candidate.sense, actors, candidate)
        return doers, _first_other(options, [] if self.domestic else doers)

    def _own_patient(self, verb: Token) -> bool:
        """Whether the act has a patient of its own that is a thing or a person, not an act
        and not the subject's own: "raided a village", "arrested a journalist" (while
        "imposed sanctions" carries its target in the act, and "put its army on alert" or
        "recalled its ambassador" shows it)."""
        obj = _child(verb, "dobj")
        return obj is not None and obj.pos_ in ("NOUN", "PROPN") and (
            obj.lemma_.lower() not in self.lexicon.nouns) and not any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children)

    def _assignment(self, verb: Token, sources: list[Actor], actors: DocumentActors):
        """The state an IGO official speaking is assigned to: "the U.N. envoy for Syria"."""
        subject = _nearest_subject(verb)
        if subject is None or not any(s.kind == "igo" or s.country in actors.lexicon.igo_codes
                                      for s in sources):
            return []
        for prep in (c for c in subject.children if c.dep_ == "prep"
                     and c.lower_ in ASSIGNMENT_PREPS):
            assigned = [a for a in _pobj_actors(prep, actors) if a.kind == "state"]
            if assigned:
                return assigned
        return []

    def _participle_doer(self, noun: Token, actors: DocumentActors,
                         acting: bool = False) -> list[Actor]:
        """"rockets fired by Hamas", "aid convoys sent from Cairo": a participle describing a
        thing names who acted with it; a weapon or relief, also where it was sent from. For
        the one ``acting`` (a subject), a sponsor or supplier is not ("rebels armed by
        Rwanda attacked ...")."""
        preps = ("by", "from") if noun.lemma_.lower() in self.lexicon.goods_nouns else ("by",)
        sponsoring = actors.lexicon.references.sponsoring if acting else frozenset()
        for participle in (c for c in tree.labelled(noun, "acl") if c.tag_ == "VBN"
                           and c.lemma_.lower() not in sponsoring):
            for phrase in participle.children:
                doing = phrase.dep_ == "agent" or (phrase.dep_ == "prep" and phrase.lower_ in preps)
                if doing and (found := _pobj_actors(phrase, actors)):
                    return found
        return []

    def _subjects(self, verb: Token, actors: DocumentActors) -> list[Actor]:
        current = verb
        passive = tree.has_child(verb, "auxpass") or _shares_passive(verb)
        came_through_prep = False
        for _ in range(4):
            peer = finite_peer(current) if joined_too_low(current) else None
            if peer is not None and not outside_modal(current):
                peer = self._rejoined(current, peer, actors)
            if peer is not None:
                # "said Beijing hoped Lima would show restraint and supported an inquiry": the
                # past tense is joined to "hoped", whatever the parser says
                current = peer
                continue
            subject = _nearest_subject(current)
            if subject is not None:
                if subject.tag_ in ("WDT", "WP") and current.dep_ == "relcl":
                    return actors.actors_for(current.head) or _class_member(current.head,
                                                                            actors)
                found = actors.actors_for(subject) or self._participle_doer(
                    subject, actors, acting=True)
                found.extend(_companions(subject, actors, current))
                if not found and subject.lemma_.lower() in self.lexicon.writing_nouns:
                    found = self._maker(subject, actors)
                if verb.dep_ == "conj" and current == verb.head and (
                        not found or _acts_on_itself(verb, found, actors)):
                    # "X said the strikes hit bases and accused Kyiv of ...", "said Washington
                    # had no right ... and accused the United States": the parser joins the
                    # speaker's second verb to the reported clause
                    return self._speaker_of(current, actors) or found
                return found
            if current.dep_ == "relcl":
                return actors.actors_for(current.head)
            if current.dep_ == "acl" and current.tag_ in ("VBD", "VBN") and (any(
                c.dep_ == "dobj" for c in current.children
            ) or (current.tag_ == "VBD" and current.head.pos_ == "PROPN")) and not passive:
                # ("Spain, whose fishermen ..., protested to Rabat": a name's past tense)
                # a headline's "Israeli airstrikes killed 20 people" parsed as a participle
                # with an object: the noun it hangs on is its subject
                return _actors_before(current.head, current, actors)
            if current.dep_ == "acl" and current.tag_ == "VBN" and came_through_prep:
                # "firms accused of supplying drones", "a ship suspected of carrying arms":
                # what the participle says of its noun, the noun did
                return actors.actors_for(current.head)
            doing = self._noun_doing(current, actors) if not passive else []
            if doing:
                return doing
            if current.dep_ == "acl":
                # "had no plans to recognise", "issued warnings demanding": the clause's subject
                # is the subject's own plan or warning; "condemned the attempt to kill" is not.
                noun = current.head
                owner = self._purposed_by_owner(current, noun, actors)
                if owner:
                    return owner
                verb = noun
                while verb.dep_ in ("pobj", "prep", "dobj", "attr") and verb.head != verb:
                    verb = verb.head
                if verb.pos_ not in ("VERB", "AUX") or not self._owned_by_subject(noun, verb):
                    return []
                current = verb
                continue
            if current.dep_ not in INHERIT_SUBJECT_DEPS or current.head == current or passive:
                return []  # "feared being sent back": an inherited subject suffers a passive
            controller = current.head
            if current.dep_ == "xcomp" and current.tag_ == "VBG" and (
                    controller.lemma_.lower() in self.lexicon.speech_verbs):
                # "said returning people to Haiti violated the law": the parser makes the
                # reported clause's gerund subject the verb of saying's own
                return []
            if current.dep_ == "ccomp" and controller.dep_ == "relcl":
                # "two firms it says helped Iran": the said clause's gap is the noun the
                # relative clause follows (the parser may hang it higher), not the speaker
                before = controller.doc[max(controller.left_edge.i - 1, 0)]
                return actors.actors_for(before if before.pos_ in ("NOUN", "PROPN")
                                         else controller.head)
            through_prep = current.dep_ == "pcomp" and controller.dep_ == "prep"
            came_through_prep = through_prep
            object_acts = through_prep and controller.lower_ not in SUBJECT_ADJUNCT_PREPS
            if through_prep:
                controller = controller.head  # "increased patrols by conducting drills"
            if current.dep_ == "xcomp" or object_acts:
                # "urged Seoul to talk", "accused Rome of helping": the object acts
                obj = _child(controller, "dobj")
                penalised = self._penalised_for(controller, obj, current, actors)
                if penalised:
                    return penalised
                if current.dep_ == "xcomp" and self._diplomat_called_in(controller, obj):
                    # "summoned B's ambassador to lodge a protest": the infinitive is the
                    # summoner's purpose, not the envoy's act
                    current = controller
                    continue
                if obj is not None and actors.actors_for(obj):
                    if through_prep and controller.lemma_.lower() in JOINING_VERBS:
                        # "London joined Paris in condemning ...": both act
                        subject = _nearest_subject(controller)
                        both = actors.actors_for(subject) if subject is not None else []
                        return both + [a for a in actors.actors_for(obj) if a not in both]
                    return actors.actors_for(obj)
            current = controller
        return []

    def _diplomat_called_in(self, verb: Token, obj: Token | None) -> bool:
        """A verb whose act upon a diplomat is an event of its own ("summoned B's envoy",
        a sense with diplomats for its object), with a diplomat for its object."""
        if obj is None:
            return False
        diplomats = set(self._object_lemmas(obj)) & self.lexicon.diplomat_nouns
        return bool(diplomats) and any(diplomats & sense.objects
                                       for sense in self.lexicon.verb_senses(verb))

    def _penalised_for(self, verb: Token, obj: Token | None, gerund: Token,
                       actors: DocumentActors) -> list[Actor]:
        """"imposed sanctions on Tehran for selling arms to ...": the one a measure named by
        the object falls on did what "for" gives as the reason (the object itself is a thing,
        no actor, so object control reaches past it to the measure's target)."""
        if obj is None or gerund.head.lower_ != "for" or actors.actors_for(obj) or (
                obj.lemma_.lower() not in self.lexicon.nouns):
            return []
        sense = self._noun_sense(obj)
        if sense.code[:2] not in REACTION_ROOTS | PENALTY_ROOTS and (
                sense.code not in JUDGING_CODES):
            return []  # ("held talks with Lome for ending the crisis": both act)
        preps = sense.target_preps
        return _prep_actors(obj, preps, actors) or _prep_actors(verb, preps, actors)

    def _purposed_by_owner(self, clause: Token, noun: Token, actors: DocumentActors
                           ) -> list[Actor]:
        """"Lima's decision to expel", "Quito's move to impose", "Accra's bid to join": an
        infinitive on a noun of purpose acts for the noun's possessor."""
        if clause.tag_ != "VB" or noun.lemma_.lower() not in self.lexicon.purpose_nouns:
            return []
        owner = _child(noun, "poss")
        return actors.actors_for(owner) if owner is not None else []

    def _noun_doing(self, clause: Token, actors: DocumentActors) -> list[Actor]:
        """"Lavrov, speaking after talks with his German counterpart, said", "The Taliban
        barring the envoy from entering ... is a sign": a present participle on a clause's
        subject says what the subject does, so an act in its adjuncts is the subject's (not an
        act noun's: "warnings demanding" is the warner's, `_purposed_by_owner`)."""
        if clause.dep_ != "acl" or clause.tag_ != "VBG" or clause.head.pos_ not in (
                "PROPN", "NOUN"):
            return []
        holder = clause.head
        lemma = holder.lemma_.lower()
        if lemma in self.lexicon.nouns or lemma in self.lexicon.act_nouns:
            return []
        if holder.dep_ not in ("nsubj", "nsubjpass"):
            # ("imposed sanctions on firms, prompting Russia to warn": a participle after a
            # clause's object says what the clause did, wherever the parser hangs it)
            return []
        set_off = clause.doc[max(clause.left_edge.i - 1, 0)].lower_ == ","
        # (not set off, only on a name: "officials speaking after talks" need not be a state's;
        # taking any noun and any holder added a false blind tuple and no found item)
        return actors.actors_for(holder) if set_off or holder.pos_ == "PROPN" else []

    def _answered_with(self, noun: Token) -> bool:
        """"would respond with tariffs of its own": the noun a verb of answering answers with."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "with":
            return False
        verb = prep.head
        return _verb_in(verb, self.lexicon.responding_verbs)

    def _threatens_an_answer(self, verb: Token) -> bool:
        """"warned that it would respond", "vowed retaliation": what is threatened is an
        answer (not "warned of a famine")."""
        cues = next((words for code, words in self.lexicon.attitude_cues
                     if code[:2] == THREAT_ROOT), frozenset())
        return any(t.lemma_.lower() in cues or _verb_in(t, self.lexicon.responding_verbs)
                   for t in verb.subtree if t.i != verb.i)

    def _no_one_named(self, candidate: Candidate) -> bool:
        """Whether the act names no one it is aimed at: no object but an act or a thing done
        ("condemned the act", "lodged a protest"), no one spoken to or of."""
        verb = candidate.trigger
        for child in verb.children:
            if child.dep_ in ("dative", "iobj"):
                return False
            if child.dep_ == "dobj" and child.i != candidate.carried.i and (
                    child.lemma_.lower() not in self.lexicon.nouns
                    and child.lemma_.lower() not in self.lexicon.act_nouns):
                return False
            if child.dep_ == "prep" and child.lower_ in candidate.sense.target_preps:
                return False
        return True

    def _maker(self, writing: Token, actors: DocumentActors) -> list[Actor]:
        """Who made a statement, resolution or letter that speaks as a subject: named on it
        ("a resolution adopted by the Assembly", "a statement from Beijing") or where it was
        issued before ("X issued a statement. The statement threatened ...")."""
        made_by = [p for c in writing.children if c.dep_ == "acl" and c.tag_ == "VBN"
                   for a in c.children if a.dep_ == "agent" for p in _pobj_actors(a, actors)]
        return made_by or _prep_actors(writing, ("by", "from"), actors) or (
            self._earlier_mention(writing, actors, doer=True))

    def _rejoined(self, verb: Token, peer: Token, actors: DocumentActors) -> Token | None:
        """The verb above that a conjunct in another form than its clause's verb
        (`joined_in_another_form`) belongs to, or None to leave the parser's join: "A's
        spokesman said B was 'arming rebels' and called on C" moves "called" to "said" when
        the speaker (the first verb of its tense above with a subject that names a state:
        not "the dispute showed that ...") is of another state than B (the same state either
        way leaves the join, and whatever it found, as it was), and, for a past tense, when
        the verb only says something: "A's army said B's troops were regrouping and attacked
        C" may be B's attack, and stays so."""
        if verb.tag_ == "VBD" and not self._only_words(verb):
            return None
        spoken_of = {a.country for a in self._subjects(verb.head, actors)}
        for _ in range(3):  # (reported clauses nest shallowly)
            speaking = {a.country for a in self._subjects(peer, actors)}
            if speaking:
                return peer if speaking - spoken_of else None
            above = peer.head
            while above.head != above and above.tag_ != peer.tag_:
                above = above.head
            if above == peer or above.tag_ != peer.tag_:
                return None
            peer = above
        return None

    def _only_words(self, verb: Token) -> bool:
        """Whether every sense of a verb that fits its construction is an act of words (a
        statement, an appeal, a criticism, a demand, a rejection...), none a deed."""
        senses = [sense for sense in self.lexicon.verbs.get(verb.lemma_.lower(), [])
                  if self._fits(verb, sense)]
        return bool(senses) and all(sense.code[:2] in VERBAL_ROOTS for sense in senses)

    def _speaker_of(self, clause: Token, actors: DocumentActors) -> list[Actor]:
        """Who reports a clause, when it is the complement of a speech verb."""
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in self.lexicon.speech_verbs:
            return []
        speaker = _nearest_subject(clause.head)
        return actors.actors_for(speaker) if speaker is not None else []

    def _owned_by_subject(self, noun: Token, verb: Token) -> bool:
        """Whether a noun is the subject's own act: "had no plans", "issued warnings", "in an
        effort to"."""
        verb_lemma = verb.lemma_.lower()
        purpose = noun.lemma_.lower() in self.lexicon.purpose_nouns and noun.dep_ == "pobj"
        # "passed a resolution condemning X": the maker of a writing says what it says
        written = verb_lemma in self.lexicon.authoring_verbs and (
            noun.lemma_.lower() in self.lexicon.made_nouns)
        return purpose or written or verb_lemma in self.lexicon.light_verbs or verb_lemma == "have"

    def _target_options(
        self, verb: Token, sense: Sense, actors: DocumentActors, candidate: Candidate
    ) -> Iterator[list[Actor]]:
        """Possible targets, most explicit construction first."""
        asked = _asked_to_act(verb)
        if asked is not None and sense.addressee:
            yield actors.actors_for(asked)
        if candidate.rule == "light-verb":
            noun = candidate.carried
            if self._undergoes(verb, noun):
                # "suffered Israeli airstrikes": the one who carried it out, reversed later
                yield _owner_actors(noun, actors, ("by", "from"))
                yield _prep_actors(verb, ("from", "by"), actors)  # (hung on the verb)
            yield _prep_actors(noun, sense.target_preps, actors)
            # "held drills off the coast of Taiwan": the parser may hang it on the verb
            yield _prep_actors(verb, tuple(p for p in sense.target_preps if p not in ("with",)),
                               actors)
            # "voiced optimism over relations with Addis Ababa": the partner inside
            for prep in (c for c in noun.children if c.dep_ == "prep"
                         and c.lower_ in sense.target_preps):
                for inner in (p for p in prep.children if p.dep_ == "pobj"):
                    yield _partners_within(inner, actors)
            if self._is_charge(noun):
                # "repeated its accusation that Abu Dhabi arms the rebels": who is accused
                for clause in (c for c in noun.children if c.dep_ in ("acl", "ccomp")
                               and any(m.dep_ == "mark" and m.lower_ == "that"
                                       for m in c.children)):
                    subject = _nearest_subject(clause)
                    if subject is not None:
                        yield actors.actors_for(subject)
        # "villages in Syria were shelled by Turkish artillery": a passive's subject is what
        # the verb acts on, as an active verb's object is
        obj = _direct_object(verb) or _child(verb, "nsubjpass") or _shared_object(verb)
        if sense.prep:
            # the sense's preposition may hang on the object: "blamed the attacks on Kabul"
            held = [*verb.children, *(obj.children if obj is not None else ()),
                    *(g for c in verb.children if c.dep_ == "agent" for p in c.children
                      if p.dep_ == "pobj" for g in p.children)]
            for prep in held:
                if prep.lower_ == sense.prep and prep.dep_ in ("prep", "dative", "prt"):
                    if not sense.prep_objects:
                        yield _pobj_actors(prep, actors)
                        continue
                    # "withdrew from the treaty with Washington": the thing's parties
                    for thing in _governed(prep):
                        yield _partners_within(thing, actors)
        if obj is not None and candidate.rule == "verb" and sense.code[:2] in HANDING_ROOTS and (
                sense.target_preps != DEFAULT_TARGET_PREPS) and _child_prep(verb, "with") is None:
            # "extradited a Ukrainian suspect to Germany", "handed over a Syrian commander to
            # Iraq": what is handed goes to the one the sense's preposition names (not where
            # it gives someone "with" something: "supplied Syrian refugees with Turkish tents")
            yield _prep_actors(verb, tuple(p for p in sense.target_preps if p != "with"), actors)
        if obj is not None and candidate.rule == "verb":
            yield actors.actors_for(obj)
            if sense.objects and sense.target_preps != DEFAULT_TARGET_PREPS:
                # "requested the extradition of a citizen from Italy": the sense names where
                # its target hangs, before whoever the object is of
                yield _prep_actors(obj, sense.target_preps, actors)
                of = _child_prep(obj, "of")  # (or hangs on the one the object is of)
                for inner in ([] if of is None else [c for c in of.children if c.dep_ == "pobj"]):
                    yield _prep_actors(inner, sense.target_preps, actors)
            # ("drew criticism of the UN": who undergoes it is what the noun is "of"; so does
            # "the bombing of Lome's consulate" that "Accra condemned": no doer of the act)
            yield _owner_actors(obj, actors, ("by", "from") if sense.reverse or (
                self._judges_act_upon(candidate, obj)) else ("by", "of", "from"))
            if sense.code[:2] in JUDGING_ROOTS or sense.code in JUDGING_CODES:
                # "criticized the tariffs imposed by Brussels": who did what is judged
                yield self._participle_doer(obj, actors)
            if (sense.code[:2] in JUDGING_ROOTS or sense.code in JUDGING_CODES) and (
                    obj.lemma_.lower() in self.lexicon.nouns
                    or obj.lemma_.lower() in self.lexicon.act_nouns
                    or _child_prep(obj, "of") is not None):
                # "condemned the attack by Baku", "welcomed the closure of the camp by Rome":
                # the parser may hang the act's doer on the verb, which, active, has no
                # by-agent of its own
                yield _prep_actors(verb, ("by",), actors)
            if obj.dep_ in ("oprd", "attr"):
                # "denounced what it called a war by Washington": the parser may hang the
                # doer on the naming verb
                yield _prep_actors(obj.head, ("by",), actors)
            if sense.code[:2] in JUDGING_ROOTS:
                # "called the launch a provocation by Pyongyang": the doer named on what the
                # act is called
                for naming in (c for c in verb.children if c.dep_ in ("dobj", "oprd")
                               and c.i > obj.i):
                    yield _prep_actors(naming, ("by",), actors)
        if asked is not None:
            yield actors.actors_for(asked)  # "helped Sudan build a port"
        if self._involvement_denied(verb):
            # "denied any role in the attack on the port": aimed at the one the act befell
            for act in _denied_acts(verb):
                if act.lemma_.lower() in self.lexicon.nouns:
                    yield _prep_actors(act, self._noun_sense(act).target_preps, actors)
                yield self._earlier_mention(act, actors)
        for visiting in (c for c in tree.labelled(verb, ("xcomp", "ccomp", "advcl"))
                         if _adjectival_visiting(c)):
            yield actors.actors_for(_child(visiting, "dobj"))  # "met visiting minister X"
        for clause in (c for c in tree.labelled(verb, "ccomp") if c.pos_ in ("ADJ", "NOUN")):
            # "considers France a partner": the subject of the small clause
            subject = _child(clause, "nsubj")
            if subject is not None:
                yield actors.actors_for(subject)
        for child in tree.labelled(verb, "dative"):
            yield _pobj_actors(child, actors) or actors.actors_for(child)
        # ("attacked the camp with French support": a with-phrase naming help names a
        # helper, not the one the act is aimed at)
        yield _prep_actors(verb, tuple(p for p in sense.target_preps if p != "with")
                           if self._with_help(verb) else sense.target_preps, actors)
        if sense.code[:2] == POSTURE_ROOT:
            # "placed its troops on combat readiness near the Polish border": where the
            # posture is taken may hang on what the verb's preposition governs (or the
            # object's: "with Chad moving tanks to bases near Peru")
            holders = (verb,) if obj is None or obj.dep_ != "dobj" else (verb, obj)
            for prep in (p for holder in holders for p in tree.labelled(holder, "prep")):
                for place in tree.labelled(prep, "pobj"):
                    yield _prep_actors(place, sense.target_preps, actors)
        # "criticized the sanctions on Iran" is aimed at whoever imposed them, not at Iran
        # ("praised his summit with Kim" judges the subject's own act: Kim is its target)
        judged_event = (
            obj is not None and candidate.rule == "verb" and not sense.objects
            and obj.lemma_.lower() in self.lexicon.nouns
            and not any(c.pos_ == "PRON" for c in tree.labelled(obj, "poss"))
            and (sense.code[:2] in JUDGING_ROOTS or sense.code in JUDGING_CODES))
        if obj is not None and (not judged_event or self._cooperative(obj)):
            # "welcomed the resumption of ties with Quito", "... between Lima and La Paz":
            # the parties of a cooperative act judged, or of one the verb acts on
            yield _partners_within(obj, actors)
        if obj is not None and not judged_event:
            # "cutting ties with Kenya": the partner hangs on the object noun, or on the noun
            # it counts ("received the first batch of Tor-M1 systems from Russia"), or on its
            # last conjunct ("sent jets and ships toward Taiwan")
            for part in (obj, *tree.conjuncts(obj)):
                yield _prep_actors(part, sense.target_preps, actors)
            counted = self.lexicon.counted(obj)
            if counted is not None:
                yield _prep_actors(counted, sense.target_preps, actors)
            # "supported efforts to rebuild Haiti": whom the act supported is for; "rejected the
            # allegations made by Lima": who made what is judged
            for clause in tree.labelled(obj, "acl"):
                inner = _child(clause, "dobj")
                if inner is not None and not self._hostile_judgement(candidate):
                    # ("condemned the attempt to assassinate Karzai", "opposed any attempt to
                    # divide China": the one the act befalls is not the one condemned)
                    yield actors.actors_for(inner)
                agent = _child(clause, "agent")
                if agent is not None:
                    yield _pobj_actors(agent, actors)
        if obj is not None and candidate.rule == "verb" and not sense.objects and (
                sense.code[:2] in JUDGING_ROOTS or sense.code in JUDGING_CODES):
            # "criticized the dam, which Addis Ababa began filling": who made what is judged
            for clause in tree.labelled(obj, "relcl"):
                maker = _nearest_subject(clause)
                if maker is not None and maker.tag_ not in ("WDT", "WP"):
                    yield actors.actors_for(maker)
        relative = obj is None or obj.tag_ in ("WDT", "WP")
        # ("sent ships near Taiwan, a move Taipei called a provocation": the act judged is
        # the main clause's, named by a generic act noun set off after it)
        judged_move = verb.dep_ == "relcl" and sense.code[:2] in JUDGING_ROOTS and _set_off(
            verb.head) and verb.head.lemma_.lower() in self.lexicon.act_nouns
        if judged_move or relative and verb.dep_ == "relcl" and (self._is_charge(verb.head) or (
            sense.code[:2] == "12" and self._reported_act(verb.head) is not None
        )):
            # "accused Quito of X, a charge Lima rejected", "reported an incursion, which
            # Bangkok denied": the charge or the report is the main clause's
            yield self._subjects(actors.sentence_at(verb.i).root, actors)
        # (children with other labels are none of these)
        for child in tree.labelled(verb, ("xcomp", "advcl", "ccomp", "dobj")):
            if child.dep_ == "xcomp" or (_infinitive_clause(child) and asked is not None):
                # ("allowed aid convoys to enter Gaza": where the one let act goes)
                inner = Candidate(child, sense, child.i, child.i + 1, "verb")
                yield from self._target_options(child, sense, actors, inner)
                threatened = self._candidate(child) if sense.code[:2] == THREAT_ROOT else None
                if threatened is not None and threatened.sense.code[:2] in ATTACK_ROOTS:
                    # "would not hesitate to strike hideouts in Afghanistan": where the
                    # strike threatened would fall
                    yield from self._target_options(child, threatened.sense, actors, threatened)
            elif child.dep_ == "dobj" and child.lemma_.lower() in self.lexicon.nouns and (
                    THREAT_ROOT in (sense.code[:2], self._negated_root(verb))):
                # "did not rule out sanctions on Beijing": aimed at the act's target
                yield _prep_actors(child, self._noun_sense(child).target_preps, actors)
            elif child.dep_ == "ccomp" and sense.code[:2] == THREAT_ROOT:
                # "warned it would strike Seoul": a threat is aimed at the target of the act
                # threatened
                threatened = self._candidate(child)
                if threatened is not None and threatened.sense.code[:2] in HOSTILE_ROOTS:
                    yield from self._target_options(child, threatened.sense, actors, threatened)
        if obj is not None:
            # ("threatened to veto the package": a threat to undo what someone made)
            undoing = sense.code[:2] == THREAT_ROOT and verb.dep_ == "xcomp"
            judging = sense.code[:2] in JUDGING_ROOTS or sense.code in JUDGING_CODES
            if judging:
                # "criticized the embargo's effects": what has them is what is judged
                obj = self._act_owning(obj)
            # ("dismissed the ban": whoever imposed the ban named before, not its targets)
            if (judging or undoing) and (obj.lemma_.lower() in self.lexicon.made_nouns
                                         or self._verb_named_before(obj)
                                         or (judging and obj.lemma_.lower() in self.lexicon.nouns)):
                # "India's parliament passed a resolution ... Islamabad rejected the
                # resolution": whoever made what is judged
                yield self._earlier_mention(obj, actors, doer=True)
            if not (judging and self._one_doers_act(obj)):
                # "Peru declined to attend the session": the session named before, with its
                # parties (an act of one doer judged is aimed at its doer, never at whom it
                # befell: "the U.S. embargo against Cuba ... Spain criticized the embargo")
                yield self._earlier_mention(obj, actors)
        root = sense.code[:2]
        if root == INVESTIGATION_ROOT:
            yield from self._investigated(verb, candidate, actors)
        if root in SUBTREE_PREP_ROOTS:
            # "called for free elections in Belarus", "asked for an embargo against Minsk":
            # whom the appeal concerns
            for prep in (c for c in verb.children if c.lower_ == (sense.prep or "for")):
                for called in (c for c in prep.children if c.dep_ == "pobj"):
                    yield from self._concerned(called, actors)
            if obj is not None and root in APPEAL_ROOTS and not (
                    verb.dep_ == "xcomp" and _asked_to_act(verb.head) is not None):
                # "demanded the return of children taken by Russia" (not what one is asked
                # to do: "called on Rubio to prevent a crisis in Bosnia")
                yield from self._concerned(obj, actors)
        if obj is not None and (root in PENALTY_ROOTS or (
            root in UNDOING_ROOTS and (sense.objects or (
                candidate.rule == "light-verb" and self._ends(verb)))
        )):
            # "sanctioned three firms tied to Iran's military", "eased restrictions on goods
            # entering Gaza": whom the penalty, or its end, is aimed at
            yield _subtree_actors(obj, actors)
        if root == REDUCING_ROOT:
            # "imposed tariffs on imports of Canadian steel", "... on steel from Canada": the
            # state whose goods or firms the measure falls on
            for prep in (c for c in verb.children if c.dep_ == "prep"
                         and c.lower_ in PENALISED_PREPS):
                yield _subtree_actors(prep, actors)
        if root in AID_ROOTS or sense.code.startswith(AID_PLEDGE_PREFIX):
            # "sent tents to survivors in Turkey": the state the recipients are in
            # ("pledged money for the reconstruction of Lebanon": or the state the work is of)
            for prep in (c for head in (verb, obj) if head is not None for c in head.children
                         if c.dep_ in ("prep", "dative") and c.lower_ in sense.target_preps):
                for recipient in (p for p in prep.children if p.dep_ == "pobj"):
                    yield _prep_actors(recipient, ("in", "of"), actors)
            yield _prep_actors(verb, ("in",), actors)  # (the parser may hang it on the verb)
            if obj is not None:
                yield _place_in_state(obj, actors)  # "funded a clinic in Malawi"
        if root in FORCE_ROOTS:
            yield _prep_actors(verb, LOCATION_PREPS, actors)
            if obj is not None:
                yield _prep_actors(obj, LOCATION_PREPS, actors)
            held = [] if obj is None else [obj, *tree.conjuncts(obj)]
            # "bombed positions in the hills of northern Iraq", "shelled camps on the
            # outskirts of Kyiv": a part of a land said to be of a state or a city lies there
            for holder in (verb, *held):
                for prep in tree.labelled(holder, "prep"):
                    if prep.lower_ in AREA_PREPS:
                        for place in tree.labelled(prep, "pobj"):
                            yield self._land_of(place, actors)
        if root in ATTACK_ROOTS:
            # "drones hit Odesa", "struck a depot near Kharkiv": the state the place lies in
            struck = [obj] if obj is not None else []
            for head in [verb, *struck]:
                struck.extend(_named_in_free_relative(p) or p for c in head.children
                              if c.dep_ == "prep" and (c.lower_ in STRUCK_PLACE_PREPS
                                                       or c.lower_ in sense.target_preps)
                              for p in c.children if p.dep_ in ("pobj", "pcomp"))
            for word in struck:
                yield self._place_actors(word, actors)
        if root in VERBAL_CONFLICT_ROOTS:
            clause = _child(verb, "ccomp")
            subject = _child(clause, "nsubj") if clause is not None else None
            if subject is not None:
                yield actors.actors_for(subject)
            if root == THREAT_ROOT and clause is not None:
                # "warned that Cairo would not allow Ethiopia to ...": a warning is aimed at
                # the other state its clause names (not in the clause's own circumstances:
                # "warned that rations could be cut after Washington reduced its aid")
                # (a condition names whom it warns: "... if Japan deploys missiles")
                aside = [t for c in clause.children if c.dep_ == "advcl" and not any(
                    m.dep_ == "mark" and m.lower_ in self.cues.conditional_markers
                    for m in c.children) for t in c.subtree]
                for found in _actors_in_phrase(clause, actors):
                    if not any(_named_among(a, aside) for a in found):
                        yield found

    def _earlier_mention(self, noun: Token, actors: DocumentActors,
                         doer: bool = False) -> list[Actor]:
        """The parties of the last mention of the same noun in the sentences before, for a
        definite one named bare ("the hearing", "the talks", "the tanker")."""
        if noun.pos_ != "NOUN" or not tree.has_child(
            noun, "det", ("the", "this", "that", "these", "those")
        ) or _named_owner(noun):
            return []
        window = _recent_tokens(noun)
        places = list(range(window.end - 1, window.start - 1, -1))
        if doer:
            # (what a story leads with may be judged paragraphs later)
            places += range(min(_lead_end(noun.doc), window.start) - 1, -1, -1)
        parse = actors.parse
        # (read from the table: a noun of another lemma, not one of the nouns or proposals a
        # doer's act may be named by, is passed over without a token made of it)
        lemma, lemmas, lemma_ids = noun.lemma, parse.lemmas, parse.lemma_ids
        nouns, proposals = self.lexicon.nouns, self.lexicon.proposal_nouns
        # Past a bare mention of the act ("the attack" again, no maker) only the act's own
        # word names it: "soldiers returned fire" after "the attack" is another act, a reply
        passed_bare = False
        for i in places:
            pos = parse.pos[i]
            if pos not in ("NOUN", "VERB"):
                continue  # (only a noun naming it again, or the verb that made it, can be)
            if pos == "NOUN" and lemma_ids[i] != lemma and not (
                    doer and (lemmas[i] in nouns or lemmas[i] in proposals)):
                continue
            earlier = noun.doc[i]
            if doer and self._made_by_verb(earlier, noun):
                # "Japan offered to mediate ... Thailand turned down the offer"
                return self._subjects(earlier, actors)
            if earlier.pos_ == noun.pos_ and (earlier.lemma_ == noun.lemma_ or (
                    doer and not passed_bare and (self._both_proposals(earlier, noun)
                                                  or self._same_kind_of_act(earlier, noun)))):
                if doer and earlier.dep_ == "dobj" and (self._judging_verb(earlier.head)
                                                        or self._speaks_of(earlier.head)):
                    continue  # "Israel rejected the plan", "raised the strike with": not its doer
                senses = self.lexicon.nouns.get(earlier.lemma_.lower())
                preps = senses[-1].target_preps if senses else ()
                # not a compound: "the Doha agreement" is named for where it was signed
                adjectives = _adjective_actors(earlier, actors)
                if doer:
                    makers = self._makers_of(earlier, actors)
                    if makers and self._another_maker_told_with(earlier, makers, actors):
                        return []
                    if makers or (earlier.lemma_ == noun.lemma_
                                  and not self._refers_back_to_its_doer(earlier)):
                        return makers
                    passed_bare = passed_bare or earlier.lemma_ == noun.lemma_
                    # ("gunmen opened fire": a kind of act by no state, look further; "the
                    # embargo" with no maker named refers back itself, to where it was told)
                    continue
                return (_partners_within(earlier, actors) or _prep_actors(earlier, preps, actors)
                        or _prep_actors(earlier, SOURCE_MODIFIER_PREPS, actors)
                        or _possessor_actors(earlier, actors) or adjectives)
        return []

    def _makers_of(self, act: Token, actors: DocumentActors) -> list[Actor]:
        """Who made an act told by a noun: "paid a visit to Iran" (the subject of the verb
        whose object it is), "a resolution in the U.S. Congress", "a statement from Beijing",
        "Iran's move", "the Russian ban", "the U.S. embargo"."""
        made = act.head if act.dep_ in ("dobj", "nsubjpass") else None
        writers = (*SOURCE_MODIFIER_PREPS, "in") if (
            act.lemma_.lower() in self.lexicon.made_nouns) else ("by",)
        return (_prep_actors(act, writers, actors) or _possessor_actors(act, actors)
                or _adjective_actors(act, actors) or self._named_by_compound(act, actors)
                or (self._subjects(made, actors) if made is not None else []))

    def _another_maker_told_with(self, act: Token, makers: list[Actor],
                                 actors: DocumentActors) -> bool:
        """"C imposed an embargo on B, and B an embargo on C": the same act told of another
        maker in the same sentence, so that naming it back does not tell which one."""
        own = {m.country for m in makers}
        return any(other.i != act.i and other.pos_ == "NOUN" and other.lemma == act.lemma
                   and any(m.country not in own for m in self._makers_of(other, actors))
                   for other in act.sent)

    def _one_doers_act(self, noun: Token) -> bool:
        """"the embargo", "the strike": an act of one doer (not "the talks", "the agreement":
        those of two sides name their parties, not a doer)."""
        lemma = noun.lemma_.lower()
        return lemma in self.lexicon.nouns and lemma not in self.lexicon.agreement_nouns and (
            not self._noun_sense(noun).symmetric)

    def _refers_back_to_its_doer(self, noun: Token) -> bool:
        """"the embargo" named again with no maker: a definite act of one doer, told before,
        which is no mention to look past."""
        return _definite(noun) and self._one_doers_act(noun)

    def _named_by_compound(self, noun: Token, actors: DocumentActors) -> list[Actor]:
        """The state named as a compound before an act noun, its doer: "the U.S. embargo",
        "the Russian ban" (not an agreement's or a meeting's: "the Doha agreement", "the
        Geneva talks" are named for where they were held)."""
        lemma = noun.lemma_.lower()
        if lemma in self.lexicon.agreement_nouns or lemma not in self.lexicon.nouns or (
                self._noun_sense(noun).symmetric):
            return []
        return [a for c in noun.children if c.dep_ == "compound" and c.i < noun.i
                for a in actors.actors_for(c) if a.kind == "state"]

    def _same_kind_of_act(self, one: Token, other: Token) -> bool:
        # "Israeli airstrikes killed twelve ... Tehran condemned the strikes": an act named
        # again by another noun of its kind (its CAMEO root)
        nouns = self.lexicon.nouns
        return one.lemma_.lower() in nouns and other.lemma_.lower() in nouns and (
            self._noun_sense(one).code[:2] == self._noun_sense(other).code[:2])

    def _both_proposals(self, one: Token, other: Token) -> bool:
        # "put forward a plan ... rejected the proposal": a thing made, named again by another
        # word of its kind
        return {one.lemma_.lower(), other.lemma_.lower()} <= self.lexicon.proposal_nouns

    def _made_by_verb(self, earlier: Token, noun: Token) -> bool:
        # ("Iran vetoed the plan ... called the veto a disgrace": the act named by its verb)
        return earlier.pos_ == "VERB" and earlier.lemma_.lower() == noun.lemma_.lower() and (
            noun.lemma_.lower() in self.lexicon.proposal_nouns or noun.tag_ in ("NN", "NNS"))

    def _act_owning(self, noun: Token) -> Token:
        """The definite act noun that owns what a judgement names, when that is no act itself
        ("the embargo's effects", "the sanctions' impact"); else the noun."""
        def an_act(word: Token) -> bool:
            lemma = word.lemma_.lower()
            return lemma in self.lexicon.nouns or lemma in self.lexicon.made_nouns

        if an_act(noun):
            return noun
        owner = _child(noun, "poss")
        if owner is None or owner.pos_ != "NOUN" or not _definite(owner) or not an_act(owner):
            return noun
        return owner

    def _verb_named_before(self, noun: Token) -> bool:
        """Whether a definite noun names an act a verb of the same word told before, in the
        sentences just before or in the story's lead (the act a story leads with may be
        judged paragraphs later: "A and B exchanged prisoners ... C welcomed the exchange",
        which is where ``_earlier_mention`` looks for its doer too)."""
        if noun.pos_ != "NOUN" or not tree.has_child(noun, "det", ("the", "this", "that")):
            return False
        window, table = _recent_tokens(noun), tree.table_of(noun.doc)
        places = [*range(min(_lead_end(noun.doc), window.start)), *range(window.start,
                                                                          window.end)]
        if table is None:
            return any(noun.doc[i].pos_ == "VERB" and noun.doc[i].lemma_ == noun.lemma_
                       for i in places)
        pos, lemmas, lemma = table.pos, table.lemma_ids, noun.lemma
        return any(pos[i] == "VERB" and lemmas[i] == lemma for i in places)

    def _speaks_of(self, verb: Token) -> bool:
        """Whether a verb, in its sense here, talks about its object ("raised the strike with
        Israel") rather than carrying it out."""
        candidate = self._candidate(verb) if verb.pos_ == "VERB" else None
        return candidate is not None and candidate.rule == "verb" and (
            candidate.sense.code[:2] == CONSULT_ROOT)  # (a proposal or demand makes its object)

    def _judging_verb(self, verb: Token) -> bool:
        # (a verb that judges only some objects may make others: "approve a package", "issue
        # a statement")
        return verb.pos_ == "VERB" and any(
            (s.code[:2] in JUDGING_ROOTS or s.code in JUDGING_CODES) and not s.objects
            and _before_words_hold(verb, s) for s in self.lexicon.verb_senses(verb))

    def _reported_act(self, antecedent: Token) -> Token | None:
        """The event noun a relative clause hangs on: "an incursion, which ...", or "an
        incursion by Thai troops, which ..." (the parser attaches it to the doer)."""
        if antecedent.lemma_.lower() in self.lexicon.nouns:
            return antecedent
        if antecedent.dep_ == "pobj" and antecedent.head.lower_ == "by":
            noun = antecedent.head.head
            return noun if noun.lemma_.lower() in self.lexicon.nouns else None
        return None

    def _released(self, candidate: Candidate, actors: DocumentActors) -> list[Actor] | None:
        """The people an appeal or demand asks to free ("called for Lai's release", "demanded
        the release of the crew"), or None when it asks for no release."""
        verb = candidate.trigger
        if candidate.rule != "verb" or candidate.sense.code[:2] not in APPEAL_ROOTS:
            return None
        asked = [c for c in verb.children if c.dep_ == "dobj"] + [
            p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
            for p in c.children if p.dep_ == "pobj"]
        noun = next((n for n in asked if n.lemma_.lower() in self.lexicon.release_nouns), None)
        if noun is None:
            return None
        return _possessor_actors(noun, actors) + _prep_actors(noun, ("of",), actors) + [
            a for c in noun.children if c.dep_ == "poss" and c.pos_ == "PRON"
            for a in actors.actors_for(c)]

    def _is_charge(self, noun: Token) -> bool:
        return noun.lemma_.lower() in self.lexicon.charge_nouns

    def _answers_a_charge(self, candidate: Candidate) -> bool:
        """"Beijing denies the allegations", "Hanoi rejected the accusation": a rejection or a
        denial of a charge, answering whoever made it."""
        if candidate.sense.code[:2] not in ("11", "12") or candidate.rule != "verb" or (
                candidate.sense.reverse):  # ("drew criticism" undergoes it)
            return False
        obj = _judged_thing(candidate.trigger)
        return (obj is not None and self._is_charge(obj)) or (
            obj is None and candidate.sense.code[:2] == "12" and _denied_act(candidate.trigger))

    def _judges_a_deed(self, candidate: Candidate) -> bool:
        """"condemned the attack": a judgement naming a kind of deed (not words, not a bare
        "act"), which answers only whoever did that deed."""
        judged = self._judged_event(candidate)
        obj = _judged_thing(candidate.trigger)
        return judged is not None and judged.code[:2] not in VERBAL_ROOTS and (
            obj is None or obj.lemma_.lower() not in self.lexicon.act_nouns)

    def _denies_an_act(self, candidate: Candidate) -> bool:
        return candidate.rule == "verb" and candidate.sense.code[:2] == "12" and (
            candidate.trigger.lemma_.lower() in self.cues.denial_verbs) and _denied_act(
            candidate.trigger)

    def _cooperative(self, noun: Token) -> bool:
        senses = self.lexicon.nouns.get(noun.lemma_.lower())
        return bool(senses) and senses[-1].code[:2] < "09"

    def _hosts_a_meeting(self, candidate: Candidate) -> bool:
        """A participle of hosting or mediating, with its doer after "by", on a noun of a
        meeting, a negotiation or an agreement: "talks hosted by C", "a deal brokered by C"."""
        trigger = candidate.trigger
        if candidate.rule != "verb" or candidate.sense.code not in HOSTING_CODES or (
                trigger.dep_ != "acl" or trigger.tag_ != "VBN"):
            return False
        if not any(c.dep_ == "agent" for c in trigger.children):
            return False
        # ("two days of talks mediated by C": the parser may hang it on the count)
        heads = [trigger.head, *(o for p in trigger.head.children if p.dep_ == "prep"
                                 and p.lower_ == "of" for o in p.children if o.dep_ == "pobj")]
        return any(s.code[:2] in MEETING_ROOTS for head in heads
                   for s in self.lexicon.nouns.get(head.lemma_.lower(), []))

    def _judges_an_act(self, candidate: Candidate, agreement: bool = False) -> bool:
        """"Tehran condemned the move", "Kyiv welcomed the decision": a judgement of an act
        named without its doer, who is the one that just acted; with ``agreement``, of a pact
        ("criticized the deal"), whose parties just signed one."""
        code = candidate.sense.code
        if candidate.rule != "verb" or not (code[:2] in JUDGING_ROOTS or code in JUDGING_CODES):
            return False
        if candidate.sense.reverse:
            return False
        obj = _judged_thing(candidate.trigger)
        nouns = self.lexicon.agreement_nouns if agreement else self.lexicon.act_nouns
        return obj is not None and obj.lemma_.lower() in nouns and not _named_owner(obj) and (
            not _indefinite(obj))  # ("criticized a decision on quotas": none told before)

    def _hostile_judgement(self, candidate: Candidate) -> bool:
        """"condemned", "opposed", "rejected", "protested": a verb that finds fault with what
        its object names (not "drew criticism", whose subject undergoes it)."""
        return candidate.rule == "verb" and candidate.sense.code[:2] in JUDGING_ROOTS and (
            not candidate.sense.reverse)

    def _judges_act_upon(self, candidate: Candidate, obj: Token) -> bool:
        """"condemned the bombing of Lome's consulate": a hostile act judged, whose "of"
        names what it befell (its target), not who did it."""
        if not self._hostile_judgement(candidate) or obj.lemma_.lower() not in self.lexicon.nouns:
            return False
        sense = self._noun_sense(obj)
        return sense.code[:2] in HOSTILE_ROOTS and "of" in sense.target_preps

    def _judges_an_act_upon_a_state(self, candidate: Candidate, actors: DocumentActors
                                    ) -> bool:
        """"opposed any attempt to divide China", "condemned the bombing of Lome's
        consulate": a hostile judgement of an act whose object or "of" names an actor."""
        obj = _direct_object(candidate.trigger)
        if obj is None or not self._hostile_judgement(candidate):
            return False
        victims = [_child(clause, "dobj") for clause in tree.labelled(obj, "acl")]
        if self._judges_act_upon(candidate, obj):
            victims += [p for c in tree.labelled(obj, "prep") if c.lower_ == "of"
                        for p in tree.labelled(c, "pobj")]
        return any(v is not None and (actors.actors_for(v) or _possessor_actors(v, actors))
                   for v in victims)

    def _judged_event(self, candidate: Candidate) -> Sense | None:
        """The sense of an event noun judged with no doer named ("condemned the strikes")."""
        code = candidate.sense.code
        if candidate.rule != "verb" or not (code[:2] in JUDGING_ROOTS or code in JUDGING_CODES):
            return None
        if candidate.sense.reverse:
            return None  # "drew criticism": the subject undergoes the noun, judges nothing
        obj = _judged_thing(candidate.trigger)
        if obj is None or obj.lemma_.lower() not in self.lexicon.nouns or _indefinite(obj):
            return None  # ("criticized an embargo": no act told before)
        # ("condemned the bombing of Lome's consulate": "of" names what it befell, no doer)
        if _named_owner(obj, ("by", "from") if self._judges_act_upon(candidate, obj)
                        else SOURCE_MODIFIER_PREPS):
            return None
        return self._noun_sense(obj)

    def _verbs_named_by(self, noun: Token | None) -> frozenset[str]:
        """The verbs of the lexicon whose -ing form the noun is ("bombing": bomb, "shelling":
        shell, "shutting": shut)."""
        if noun is None:
            return frozenset()
        return frozenset(f for f in gerund_lemmas(noun.lower_) if f in self.lexicon.verbs)

    def _located_attackers(self, verb: Token, actors: DocumentActors) -> list[Actor]:
        subject = _nearest_subject(verb)
        if subject is None or actors.sector_of(subject) not in ARMED_SUBJECT_SECTORS:
            return []
        obj = _direct_object(verb)
        for head in (verb, *(() if obj is None else (obj,))):
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in SCENE_PREPS):
                for place in (p for p in prep.children if p.dep_ == "pobj"):
                    if actors.frontier(place):
                        continue  # "near the Rwandan border": on this side, not beyond
                    states = [a for a in actors.actors_for(place) if a.kind == "state"]
                    states = states or self._place_actors(place, actors)
                    if states:
                        sector = actors.sector_of(subject)
                        return [replace(states[0], text=subject.text, code=f"{states[0].country}"
                                        f"{sector}", sector=sector, kind="group",
                                        start=subject.idx, end=subject.idx + len(subject.text))]
        return []

    def _land_of(self, place: Token, actors: DocumentActors) -> list[Actor]:
        """The state a part of a land lies in, named after its "of": "the hills of northern
        Iraq", "the outskirts of Kyiv" (only nouns of a land's parts: not "on behalf of",
        "in the wake of")."""
        if place.lemma_.lower() not in self.lexicon.area_nouns:
            return []
        for land in (p for prep in tree.labelled(place, "prep") if prep.lower_ == "of"
                     for p in tree.labelled(prep, "pobj")):
            # ("the outskirts of Kyiv's capital", "the hills of Iraq's north": its owner's)
            states = [a for named in _country_or_its_region(land, actors)
                      for a in actors.actors_for(named) if a.kind == "state"]
            return states or self._place_actors(land, actors)
        return []

    def _place_actors(self, word: Token, actors: DocumentActors) -> list[Actor]:
        """The state a named city or region lies in, as the target of an attack on it."""
        if self.places is None or word.pos_ not in ("PROPN", "NOUN"):
            return []
        entity = actors.entity_at(word)
        if entity is None or entity.label_ in NUMERIC_ENTITIES:
            # ("Odesa overnight" read as a time: the name is the noun phrase)
            entity = word.doc[word.left_edge.i : word.i + 1]
        if self.places.resolve(entity.text, tiers=(COUNTRIES,)) is not None:
            # ("rebels attacked the army in Mali": a state is no town that bears its name, as
            # Mali, Jordan, Armenia and Benin are elsewhere; the state is the place's own)
            return []
        entry = self.places.resolve(entity.text, actors.countries(), tiers=(PLACES, CITIES))
        words = entity.text.split()
        # (a place of places.yaml, or one called a region, is never a person's name)
        named_place = getattr(entity, "label_", "") in ("GPE", "LOC", "FAC") or (
            entry is not None and entry.tier == PLACES) or words[-1].lower() in AREA_WORDS
        if entry is None and len(words) > 1 and words[-1].lower() in AREA_WORDS:
            # "the Odesa region", "Idlib province": an area named after its city
            name = " ".join(words[1:-1] if words[0].lower() == "the" else words[:-1])
            entry = self.places.resolve(name, actors.countries(), tiers=(PLACES, CITIES))
        if entry is None or entry.country is None:
            return []
        if not named_place and entry.population < BIG_CITY:
            return []  # the small model tags some cities as people: trust only large ones
        return [Actor(text=entity.text, code=entry.country, country=entry.country, sector=None,
                      kind="state", start=entity.start_char, end=entity.end_char)]

    # ---- roles of nominal events ----------------------------------------------------------
    def _nominal_roles(self, candidate: Candidate, actors: DocumentActors):
        noun = candidate.trigger
        sense = candidate.sense
        between = _child_prep(noun, "between")
        if between is not None:
            parties = _pobj_actors(between, actors)
            if "between" in sense.target_preps:
                # "Cairo's mediation between Israel and Hamas": a go-between acts on both;
                # with no go-between named, a joint act's parties act together ("joint
                # patrols between Chinese and Russian bombers")
                go_between = _owner_actors(noun, actors, ("by",))
                if not go_between and sense.symmetric:
                    return parties, parties
                return go_between, parties
            return parties, parties
        owners = _owner_actors(noun, actors)
        targets = _prep_actors(noun, sense.target_preps, actors)
        speech = self._reported_subject(noun) if sense.symmetric else None
        if not owners and targets and speech is not None:
            speaker = _nearest_subject(speech)
            owners = actors.actors_for(speaker) if speaker is not None else []
        if not targets and sense.code[:2] in ATTACK_ROOTS:
            # "a strike on Odesa": the state the place struck lies in
            targets = next((found for c in noun.children if c.dep_ == "prep"
                            and c.lower_ in sense.target_preps for p in c.children
                            if p.dep_ == "pobj" for found in [self._place_actors(p, actors)]
                            if found), [])
        if not targets and sense.code[:2] in ADDRESSED_TO_SPEAKER_ROOTS:
            targets = _for_to_addressee(noun, actors)
        if _was_behind(noun):
            # "Seoul said Pyongyang was behind the attack on its banks": who was behind it
            # did it
            return self._subjects(noun.head.head, actors), targets
        if not (noun.head.lower_ in ADJUNCT_PREPS or noun.dep_ == "dobj") and not (
            owners and targets
        ):
            return [], []  # owned nominal outside an adjunct: only with both parties named
        if not targets:
            # "a visit by India's prime minister to Moscow": the parser may hang the target on
            # the doer named by "by"
            targets = next((found for by in noun.children if by.dep_ == "prep" and by.lower_ ==
                            "by" for doer in by.children if doer.dep_ == "pobj"
                            for found in [_prep_actors(doer, sense.target_preps, actors)]
                            if found), [])
        if not targets:
            # "the signing of an accord with Russia": the partner hangs on the object noun
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            inner = _child(of, "pobj") if of is not None else None
            if inner is not None:
                targets = _prep_actors(inner, sense.target_preps, actors)
        partner = _infinitive_partner(noun)
        if not targets and partner is not None and sense.code[:2] not in APPEAL_ROOTS:
            # "Iran's refusal to cooperate with the agency": the noun's act is aimed at the
            # partner of its infinitive, whoever that is, not at whoever speaks of it (a
            # request is aimed at whom it asks: "turned down Peru's request to address it")
            return owners, actors.actors_for(partner)
        clause = noun.head.head if noun.dep_ == "pobj" else noun.head
        clause_subjects = self._subjects(clause, actors) if clause.pos_ in ("VERB", "AUX") else []
        if not owners and sense.code[:2] in ATTACK_ROOTS and noun.dep_ == "pobj" and (
                noun.head.lower_ in TIME_PREPS):
            # "brokered a truce after the border fighting", "condemned Israel after the
            # strikes on Gaza": an attack a clause is timed by is not its subject's
            return [], []
        if owners:
            # "rejected Beijing's demand" was made to the one rejecting it; "criticized China's
            # naval drills" were not aimed at the critic
            # (one "under U.S. sanctions" is its patient)
            addressed = sense.code[:2] in VERBAL_ROOTS or noun.dep_ != "dobj"
            own = {o.country for o in owners}
            # ("would respond with tariffs of its own": the owner's own clause is no target)
            others = [a for a in clause_subjects if a.country not in own]
            return owners, targets or (others if addressed else [])
        return clause_subjects, targets

    def _predicts_hostility(self, candidate: Candidate) -> bool:
        """"expects Pyongyang to launch a missile": a hostile act expected is foreseen, not
        asked for."""
        verb = candidate.trigger
        if verb.lemma_.lower() not in self.lexicon.predicting_verbs:
            return False
        for clause in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")):
            expected = self._candidate(clause)
            if expected is not None and expected.sense.code[:2] in HOSTILE_ROOTS:
                return True
        return False

    def _reported_subject(self, noun: Token) -> Token | None:
        """The speech verb when a noun is the subject of the clause it reports ("Lima said
        talks with Quito ...", "talks with Quito stalled, Lima said")."""
        if noun.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = noun.head
        speech_verbs = self.lexicon.speech_verbs
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in speech_verbs:
            return clause.head
        return next((c for c in clause.children if c.dep_ in ("parataxis", "ccomp")
                     and c.i > noun.i and c.lemma_.lower() in speech_verbs), None)

    # ---- attribution ----------------------------------------------------------------------
    def _addressee(self, trigger: Token, actors: DocumentActors) -> list[Actor]:
        """Whom the statement reporting the trigger was made to: "told Putin that ..."."""
        for word in clause_chain(trigger)[1:]:
            if word.lemma_.lower() in self.lexicon.speech_verbs:
                return self._told(word, actors)
        return []

    def _speculation(self, trigger: Token, actors: DocumentActors) -> bool:
        """"Analysts say Beijing could invade by 2027": what may happen, in the words of someone
        who speaks for no state, is an opinion, not an event."""
        for word in clause_chain(trigger)[1:]:
            if word.lemma_.lower() in self.lexicon.speech_verbs and word.pos_ == "VERB":
                subject = _nearest_subject(word)
                found = actors.actors_for(subject) if subject is not None else []
                political = actors.lexicon.political_sectors
                if subject is not None and not found and _described_as(
                        subject, actors.lexicon.references.experts):
                    return True  # "said Ana Ruiz, an analyst at ...": an expert's opinion
                if subject is None or subject.pos_ == "PRON" or (
                    subject.pos_ == "PROPN" and not found
                ) or actors.sector_of(subject) in political:
                    # a name the dictionaries do not know may be anyone's; "a senior
                    # official" speaks for a state even unnamed
                    return False
                # an official with a title but no state named is still an official
                # ("economists at a Singapore bank": of a state, speaking for none)
                return not any((a.country and a.kind in ("state", "igo")
                                and (a.sector is None or a.sector in political))
                               or a.sector in political or (a.kind == "person" and a.role)
                               for a in found)
        return False

    def _attribution(self, trigger: Token, actors: DocumentActors) -> Actor | None:
        chain = clause_chain(trigger)
        for below, word in zip(chain, chain[1:], strict=False):
            if word.lemma_.lower() in self.lexicon.speech_verbs:
                subject = _child(word, "nsubj")
                # ("was quoted as saying that ...": the one quoted)
                # ("went further, saying that ...": the participle's, the clause's subject,
                # when the clause is what it says, not "citing repairs, a move X called ...")
                found = actors.actors_for(subject) if subject is not None else (
                    self._subjects(word, actors) if word.dep_ == "pcomp" or (
                        word.dep_ == "advcl" and word.tag_ == "VBG"
                        and below.dep_ == "ccomp") else [])
                if found:
                    return found[0]
        sent, parse = actors.sentence_at(trigger.i), actors.parse
        heads = tree.within(parse.according(), sent.start, sent.end)
        # (the text is read only when the words are there; "ACCORDING TO" in capitals, which
        # has not the letters, is left as it was)
        if not heads or "ccording" not in parse.span_text(sent):
            return None
        for i in heads:
            to = next((c for c in sent.doc[i].children if c.lower_ == "to"), None)
            found = _pobj_actors(to, actors) if to is not None else []
            if found:
                return found[0]
        return None


def _accusers(sources: list[Actor], earlier: Sequence[Event], sentence_index: int,
              horizon: int = 3, state_sectors: frozenset[str] | None = None) -> list[Actor]:
    """Who last accused or criticised one of the sources, in the few sentences before. With
    ``state_sectors`` the denial names a deed of the denier's ("denied sheltering the
    fighters"): the state, or one of its organs (a sector of these), answers a charge against
    anyone of its state, the armed groups on its soil too; rebels or an opposition still
    answer only a charge against themselves."""
    own = {s.country for s in sources}
    for event in _recent_events(earlier, sentence_index, horizon):
        if event.cameo_root in ("11", "12", "10") and event.source.country not in own and any(
            (event.target.country == s.country
             if state_sectors is not None and (s.sector is None or s.sector in state_sectors)
             else _same_side(event.target, s))
            for s in sources
        ):
            return [event.source]
    return []


def _last_holder(sources: list[Actor], released: list[Actor], earlier: Sequence[Event],
                 sentence_index: int) -> list[Actor]:
    """The state that last seized or detained people (of the released people's state, when
    that is known) a few sentences back, when it is not the one asking."""
    own = {s.country for s in sources}
    theirs = {a.country for a in released if a.country} or own
    recent = [e for e in _recent_events(earlier, sentence_index, ACT_HORIZON)
              if e.modality != NEGATED and e.source.country not in own
              and e.target.country in theirs]
    # ("fired on a crab boat and detained its crew" where only the firing was coded: the
    # last force used on them)
    holders = [e for e in recent if e.cameo_root == HOLDING_ROOT] or [
        e for e in recent if e.cameo_root in ATTACK_ROOTS]
    return [holders[0].source] if holders else []


def _recent_events(earlier: Sequence[Event], sentence_index: int,
                   horizon: int) -> Iterator[Event]:
    """The document's events of the last ``horizon`` sentences, newest first."""
    for event in reversed(earlier):
        if sentence_index - event.sentence_index > horizon:
            return
        yield event


def _first_verb_targets(verb: Token, sources: list[Actor], earlier: Sequence[Event],
                        sentence_index: int) -> list[Actor]:
    """The targets of the conflict events coded for the verb a conjunct is joined to, by the
    same sources. ("urged B and C to settle and warned that a spiral of retaliation would hurt
    the poor": a word against after an appeal or a word of cooperation is aimed at someone
    else, or at no one.)"""
    own = {s.country for s in sources}
    return [e.target for e in _recent_events(earlier, sentence_index, 0)
            if e.sentence_index == sentence_index and e.token_index == verb.head.i
            and e.source.country in own and e.target.country not in own
            and e.cameo_root in HOSTILE_OR_CONFLICT_ROOTS]


def _last_doer_against(sources: list[Actor], earlier: Sequence[Event],
                       sentence_index: int, horizon: int = 2, deeds_only: bool = False
                       ) -> list[Actor]:
    """The state that last did something hostile to one of the sources (asserted or said to
    have been done), in this sentence or the two before; with ``deeds_only``, something done
    rather than said."""
    own = {s.country for s in sources}
    hostile = MATERIAL_THREAT_ROOTS if deeds_only else HOSTILE_OR_CONFLICT_ROOTS
    for event in _recent_events(earlier, sentence_index, horizon):
        if event.cameo_root in hostile and event.modality != NEGATED and (
                event.source.country not in own) and any(
                _same_side(event.target, s) for s in sources):
            return [event.source]
    return []


def _last_act_against(sources: list[Actor], earlier: Sequence[Event], sentence_index: int,
                      horizon: int = 2) -> Event | None:
    """The last hostile act or word of another state against one of the sources, in this
    sentence or the two before (as ``_last_doer_against`` finds its doer)."""
    own = {s.country for s in sources}
    return next((event for event in _recent_events(earlier, sentence_index, horizon)
                 if event.cameo_root in HOSTILE_OR_CONFLICT_ROOTS
                 and event.modality != NEGATED and event.source.country not in own
                 and any(_same_side(event.target, s) for s in sources)), None)


def _last_doer(sources: list[Actor], earlier: Sequence[Event], sentence_index: int,
               root: str | None = None, horizon: int = 2, acts_only: bool = False,
               verbs: frozenset[str] = frozenset()) -> list[Actor]:
    """The state that did the last thing reported (of this CAMEO root, if given), in this
    sentence or the two before, when it is not the judge itself. With ``acts_only``, the last
    thing done: no statement, appeal, talk, demand, criticism or denial is "the decision".
    An act done by one of ``verbs`` counts as of the root too."""
    own = {s.country for s in sources}

    def fits(event: Event) -> bool:
        if acts_only and (event.cameo_root in SAYING_ROOTS
                          or event.trigger.lemma in DENYING_LEMMAS):
            return False
        return event.source.country not in own and event.modality == "asserted" and (
            root is None or event.cameo.startswith(root) or event.trigger.lemma in verbs)

    recent = _recent_events(earlier, sentence_index, horizon)
    event = next((e for e in recent if fits(e)), None)
    if event is None:
        return []
    doers = _joint_doers(event, earlier, own)
    if root is not None:
        # ("C imposed an embargo on B, and B one on C. A criticized the embargo": two doers
        # of that kind of act told in one sentence, and no telling which one is judged; a
        # sentence tells few acts, so only so many events are read for the other)
        theirs = {d.country for d in doers}
        same = takewhile(lambda e: e.sentence_index == event.sentence_index, recent)
        if any(fits(e) and e.source.country not in theirs
               for e in islice(same, EVENTS_IN_A_SENTENCE)):
            return []
    return doers


def _lead_sentences(doc: Doc) -> int:
    """How many sentences a story's lead spans: LEAD_SENTENCES of the story itself, after
    the datelines and bylines that open wire copy (each a sentence of its own)."""
    return LEAD_SENTENCES + len(doc.spans.get(DATELINES, ()))


def _in_lead(find: Callable[..., list[Actor]], sources: list[Actor], earlier: Sequence[Event],
             doc: Doc, **kinds: object) -> list[Actor]:
    """What ``find`` finds among the events of a story's lead: the act it is about, which
    later sentences answer."""
    # (the events come in sentence order: the lead's are the first, not read from all of them
    # at each question)
    sentences = _lead_sentences(doc)
    lead = list(takewhile(lambda e: e.sentence_index < sentences, earlier))
    return find(sources, lead, sentences - 1, horizon=sentences, **kinds)


def _kind_of_act(code: str) -> str:
    """The code prefix an act judged by name must share with the act it names: the root for
    violence (a strike, a shelling, an assault are one kind), three digits otherwise
    ("welcomed the release" is no easing of sanctions, though both are CAMEO 08)."""
    return code[:2] if code[:2] in ATTACK_ROOTS else code[:3]


def _doer_near_or_in_lead(sources: list[Actor], earlier: Sequence[Event], sentence_index: int,
                          doc: Doc, **kinds: object) -> list[Actor]:
    """The last doer (of the kind ``_last_doer`` is given) a few sentences back, or failing
    that in the story's lead, the act the story is about."""
    return _last_doer(sources, earlier, sentence_index, horizon=ACT_HORIZON, **kinds) or (
        _in_lead(_last_doer, sources, earlier, doc, **kinds))


def _described_as(name: Token, nouns: frozenset[str]) -> bool:
    """Whether a name's apposition is one of these nouns ("Ana Ruiz, an analyst")."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in name.children)


def _adjective_actors(noun: Token, actors: DocumentActors) -> list[Actor]:
    """The actors of the adjectives before a noun ("the Russian ban")."""
    return [a for c in noun.children if c.dep_ == "amod" and c.i < noun.i
            for a in actors.actors_for(c)]


def _indefinite(noun: Token) -> bool:
    """"a decision", "an embargo": a noun that introduces something, not one named back."""
    return tree.has_child(noun, "det", ("a", "an"))


def _definite(noun: Token) -> bool:
    """"the embargo", "this move": a noun that refers to something already told."""
    return tree.has_child(noun, "det", ("the", "this", "that", "these", "those"))


def _recent_tokens(noun: Token) -> Span:
    """The words a definite noun may name back: the EARLIER_MENTION_TOKENS before its
    sentence."""
    start = noun.sent.start
    return noun.doc[max(0, start - EARLIER_MENTION_TOKENS) : start]


def _lead_end(doc: Doc) -> int:
    """Where a story's lead (its first LEAD_SENTENCES sentences after any dateline) ends."""
    end = 0
    sentences = _lead_sentences(doc)
    for number, sent in enumerate(doc.sents):
        if number == sentences:
            break
        end = sent.end
    return end


def _named_among(actor: Actor, words: Iterable[Token]) -> bool:
    """Whether an actor's mention starts at one of these words."""
    return actor.start is not None and any(t.idx == actor.start for t in words)


def _joint_doers(event: Event, earlier: Sequence[Event], own: set[str | None]) -> list[Actor]:
    """Everyone who did the act an event codes: "Britain and France imposed sanctions" has
    two doers, both answered by "Minsk called the sanctions illegal"."""
    doers: dict[str | None, Actor] = {}
    for other in _recent_events(earlier, event.sentence_index, 0):
        if other.sentence_index == event.sentence_index and (
                other.token_index == event.token_index) and other.source.country not in own:
            doers.setdefault(other.source.country, other.source)
    return list(doers.values()) or [event.source]


def _host_of_posted(verb: Token, envoy: Token, actors: DocumentActors) -> list[Actor]:
    """The state a diplomat is posted to ("ambassador to Berlin", "envoy in Warsaw"), or whose
    ministry he is called to ("summoned to the Polish foreign ministry")."""
    own = {a.country for a in actors.actors_for(envoy)}
    # ("summoned to the foreign ministry in Dhaka", "expelled from Tallinn")
    moved = [p for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "from", "at")]
    # "were ordered to leave Poland": the state they must leave
    left = [o for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() == "leave"
            for o in c.children if o.dep_ == "dobj"]
    if left:
        hosts = [a for o in left for a in actors.actors_for(o) if a.country not in own]
        if hosts:
            return hosts
    for found in (_prep_actors(envoy, ("to", "in"), actors), _prep_actors(verb, ("to", "from"),
                  actors), *(found for p in moved for found in _actors_in_phrase(p, actors))):
        hosts = [a for a in found if a.country not in own]
        if hosts:
            return hosts
    return []


def _misplaced_agent(verb: Token) -> Token | None:
    """"is designated as a terrorist group by Washington", "was threatened with sanctions by
    ECOWAS": the parser may hang a passive's by-phrase on the noun of its as- or with-phrase,
    or of its place ("was signed in Accra by the two ministers"), or call it a plain
    preposition ("was sent aid by Algeria")."""
    by = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    if by is not None:
        return by
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in (
            "as", "with", "in", "at")):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            by = _child_prep(noun, "by")
            if by is not None:
                return by
    return None


def _maker_of_antecedent(clause: Token, subject: Token) -> Token | None:
    """"Tbilisi signed a law that drew criticism": the verb whose object the relative clause
    hangs on."""
    if clause.dep_ != "relcl" or subject.tag_ not in ("WDT", "WP"):
        return None
    antecedent = clause.head
    return antecedent.head if antecedent.dep_ in ("dobj", "nsubjpass") else None


def _denied_act(verb: Token) -> bool:
    """"denied providing sanctuary", "denies that its troops crossed": an act denied, not one
    refused ("refused to attend" takes an infinitive)."""
    return any((c.dep_ == "xcomp" and c.tag_ == "VBG") or (c.dep_ == "ccomp" and c.pos_ in (
        "VERB", "AUX")) for c in verb.children)


def _named_owner(noun: Token, preps: Iterable[str] = SOURCE_MODIFIER_PREPS) -> bool:
    """"Iran's move", "the decision by Kyiv", "the Chinese proposal": a doer named on the noun."""
    return any(
        # ("the overnight strikes", "Sunday's attack": a time is no doer)
        (c.dep_ == "poss" and c.ent_type_ not in NUMERIC_ENTITIES)
        or (c.dep_ == "prep" and c.lower_ in preps)
        or (c.dep_ in ("amod", "compound") and c.i < noun.i and c.ent_type_
            and c.ent_type_ not in NUMERIC_ENTITIES)
        for c in noun.children)


def _partners_within(noun: Token, actors: DocumentActors, depth: int = 3) -> list[Actor]:
    """The parties named inside a noun phrase, through its "of" chain: "a resumption of ties
    with Quito", "talks between Lima and La Paz"."""
    for _ in range(depth):
        for word in ("between", "with"):
            prep = _child_prep(noun, word)
            if prep is not None:
                found = _pobj_actors(prep, actors)
                if found:
                    return found
        of = _child_prep(noun, "of")
        inner = _child(of, "pobj") if of is not None else None
        if inner is None:
            return []
        noun = inner
    return []


def _meeting_modality(parties: list[Actor], earlier: Sequence[Event],
                      sentence_index: int) -> str | None:
    """The one modality of the sentence's events between the parties, if they share one:
    of those of its verbs, if any (a noun's own is settled only later: "will meet at talks
    hosted by C", the talks' future)."""
    between = {a.country for a in parties}
    events = [event for event in _recent_events(earlier, sentence_index, 0)
              if event.sentence_index == sentence_index
              and {event.source.country, event.target.country} <= between]
    verbs = [event for event in events if event.rule != "nominal"]
    found = {event.modality for event in verbs or events}
    return found.pop() if len(found) == 1 else None


def _titles(name: Token) -> list[str]:
    """The words of a title before a name ("Ambassador Koffi Adjovi": ambassador)."""
    return [w.lemma_.lower() for w in name.lefts if w.dep_ == "compound"]


def _meeting_parties(sources: list[Actor], earlier: Sequence[Event],
                     sentence_index: int) -> list[Actor]:
    """The two states the sentence's other events are between, when there are exactly two
    and the host is neither ("agreed to a truce at talks hosted by C": A and B)."""
    own = {s.country for s in sources}
    parties: dict[str, Actor] = {}
    for event in _recent_events(earlier, sentence_index, 0):
        sides = (event.source, event.target)
        if event.sentence_index != sentence_index or any(a.country in own for a in sides):
            continue
        for actor in sides:
            if actor.country:
                parties.setdefault(actor.country, actor)
    return list(parties.values()) if len(parties) == 2 else []


def _last_signatories(sources: list[Actor], earlier: Sequence[Event], sentence_index: int,
                      horizon: int = 2) -> list[Actor]:
    """The parties of the last agreement reported, in this sentence or the two before."""
    own = {s.country for s in sources}
    for event in _recent_events(earlier, sentence_index, horizon):
        # (or an agreement to act: "Ankara agreed to supply Kyiv with drones")
        if (event.cameo_root == "05" and event.symmetric) or (
                event.cameo_root == "03" and event.trigger.lemma == "agree"):
            parties = {a.country: a for a in (event.source, event.target)
                       if a.country not in own}
            return list(parties.values())
    return []


def _same_side(one: Actor, other: Actor) -> bool:
    """The same state, and not a government and its rebels: "Kabul" answers for the Afghan
    government, not for the Taliban."""
    return one.country == other.country and (
        one.sector == other.sector or not one.sector or not other.sector)


def _class_member(noun: Token, actors: DocumentActors) -> list[Actor]:
    """"Accra is among the countries that condemned Lome", "Accra is one of the states that
    ...", "Accra was the only country that ...", "Accra, one of the states that ...": the
    relative clause on a class says what the one said to belong to it did."""
    word = noun
    if word.dep_ == "pobj" and word.head.lower_ in MEMBERSHIP_PREPS:
        word = word.head.head
        if word.pos_ != "NUM" and word.lemma_.lower() != "be":
            return []  # ("a member of the bloc that sanctioned Lima": the bloc acted)
    if word.dep_ == "appos" and word != noun:
        # ("Accra, one of the states that ..."; not "..., a move that drew criticism")
        return actors.actors_for(word.head)
    if word.dep_ == "attr":
        word = word.head
    if word.lemma_.lower() != "be" or word == noun:
        return []
    subject = _child(word, "nsubj")
    return actors.actors_for(subject) if subject is not None else []


def _antecedent(obj: Token) -> Token:
    """"the group that Seoul established": a relative pronoun object stands for its noun."""
    verb = obj.head
    if obj.lower_ in RELATIVE_WORDS and verb.dep_ in RELATIVE_CLAUSE_DEPS:
        return verb.head
    return obj


def _relative_gap(verb: Token) -> Token | None:
    """"the drones that Washington began shipping to Kyiv", "the shells Sofia supplied": a
    relative clause with its own subject and no object acts on the noun it hangs on."""
    clause, label = verb, verb.dep_
    for _ in range(3):  # through "began shipping", "agreed to send"
        if label in RELATIVE_CLAUSE_DEPS or label != "xcomp":
            break
        clause = clause.head
        label = clause.dep_
    if label not in RELATIVE_CLAUSE_DEPS or clause.head.pos_ not in ("NOUN", "PROPN"):
        return None
    if label == "acl" and not tree.has_child(verb, "dobj", RELATIVE_WORDS):
        return None  # "the fact that Sofia withdrew": a clause saying what the noun holds
    subject = _child(clause, "nsubj")
    if subject is None or subject.lower_ in RELATIVE_WORDS or subject.tag_ in ("WDT", "WP"):
        return None  # "the drones that struck Kyiv": the noun is the doer
    if any(c.lower_ not in RELATIVE_WORDS for c in tree.labelled(verb, "dobj")):
        return None
    return clause.head


def _attributions(sent: Span, speech_verbs: frozenset[str], parse: ParseTable
                  ) -> Iterator[tuple[Token, Token]]:
    """(speech verb or "according", the clause it attributes) in a sentence."""
    speech, according = parse.verbs_of(speech_verbs), parse.according()
    found = sorted({*tree.within(speech, sent.start, sent.end),
                    *tree.within(according, sent.start, sent.end)})
    for i in found:
        if parse.pos[i] == "VERB" and parse.lemmas[i] in speech_verbs:
            token = parse.tokens[i]
            for clause in tree.labelled(token, "ccomp"):
                yield token, clause
        elif parse.lower[i] in ACCORDING_IDS and parse.dep[i] in PREP_IDS:
            token = parse.tokens[i]
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is not None and token.head.pos_ in ("VERB", "AUX"):
                yield to, token.head


def _reported_words(verb: Token) -> list[Token]:
    """The words a speech verb reports: its complement clause, or the quote it is tagged to."""
    clauses = tree.labelled(verb, ("ccomp", "parataxis"))
    if clauses:
        return [t for clause in clauses for t in tree.subtree(clause)]
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i:
        inside = {t.i for t in tree.subtree(verb)}
        return [t for t in tree.subtree(verb.head) if t.i not in inside]
    return []


def _mistagged_verb(token: Token) -> bool:
    # The small parser sometimes tags a clause's main verb as a noun ("Both A and B support X").
    return token.dep_ in MISTAGGED_LABELS and tree.has_child(token, "nsubj") and (
        token.tag_ in ("NN", "NNS", "VBP", "VBZ", "VBD"))


def _political(actor: Actor, actors: DocumentActors, bare_state: bool) -> bool:
    """Whether an actor acts for a state, a movement or an IGO (not tourists or refugees).
    ``bare_state`` admits a state named without a sector ("hosted Iran"), which as a
    visitor is more often a thing of that state ("the Iranian tanker arrived")."""
    if actor.kind == "person":
        return actor.sector != "CVL"
    if actor.kind == "igo" or actor.sector in actors.lexicon.political_sectors:
        return True
    return bare_state and actor.sector is None and actor.kind == "state"


def _xcomp_chain(verb: Token) -> list[int]:
    """The infinitives a coded verb governs, all the way down: "urged Moscow to stop
    attacking Kyiv" asks for the attack to end, it does not report one."""
    found: list[int] = []
    current = [verb]
    while current:
        current = [c for v in current for c in v.children
                   if c.dep_ == "xcomp" or _infinitive_clause(c)]
        found.extend(c.i for c in current)
    return found


def _adjectival_visiting(word: Token) -> bool:
    """"met visiting U.S. envoy X": the parser makes "visiting" a verb taking the visitor as
    its object; it describes the one met."""
    return (word.lower_ == "visiting" and word.dep_ in ("xcomp", "ccomp", "advcl")
            and word.i == word.head.i + 1 and _child(word, "dobj") is not None)


def _speaks_for_himself(actor: Actor, actors: DocumentActors) -> bool:
    """"a former prime minister accused ...": a former official speaks for himself (CODING),
    unless a user's dictionary gives the person that role on purpose (PETRARCH's dated
    roles: "ELI" for a former president is an actor there)."""
    return actor.sector in actors.lexicon.private_sectors and (
        actors.office_holders.user_entry(actor.text) is None)


def _subjunctive(clause: Token, demanded: bool = False) -> bool:
    """"insisted that Yerevan amend its constitution": a bare verb after "that" with a
    subject of its own (no "to", no tense) is what is demanded of that subject. Under a verb
    of demanding (``demanded``), a plural subject's plain form is one too ("demanded that the
    authorities guarantee ...")."""
    children = list(clause.children)
    subject = next((c for c in children if c.dep_ in SUBJECT_DEPS), None)
    # ("Norway explain": a singular subject with the plain form, which the tagger may call
    # a present tense)
    bare = clause.lower_ == clause.lemma_.lower() and (clause.tag_ == "VB" or (
        clause.tag_ == "VBP" and subject is not None and (
            demanded or subject.tag_ in ("NN", "NNP"))))
    return bare and subject is not None and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in children) and not any(
            c.dep_ in ("aux", "auxpass") for c in children)


def _shares_passive(verb: Token) -> bool:
    """A participle joined to a passive verb with no subject or auxiliary of its own ("were
    detained and deported"): it shares the passive."""
    head = verb.head
    # (a regular past form tagged past tense is a participle too with a by-phrase, or with an
    # infinitive and no object: "were expelled and ordered to leave", not "were welcomed and
    # signed a deal" nor "was re-elected and called on X to ...")
    deps = set(tree.child_labels(verb))
    participle = (verb.tag_ == "VBN" and not deps & {"dobj", "ccomp", "dative"}) or (
        verb.tag_ == "VBD" and verb.lower_.endswith("ed") and (
            "agent" in deps or ("xcomp" in deps and not deps & {"dobj", "ccomp", "dative",
                                                               "prep"})))
    return verb.dep_ == "conj" and participle and head.tag_ == "VBN" and tree.has_child(
        head, "auxpass") and not deps & {"nsubj", "nsubjpass", "aux", "auxpass"}


def _predicative(word: Token) -> bool:
    """"is concerned about", "was angered by": an attitude stated of the subject."""
    if word.pos_ == "ADJ" or (word.tag_ == "VBN" and word.dep_ == "acomp"):
        # ("is deeply disappointed by": the parser may tag the participle a verb)
        return word.dep_ in ("acomp", "ROOT", "conj", "xcomp", "ccomp", "advcl", "oprd")
    return word.tag_ == "VBN" and tree.has_child(word, "auxpass")


def _passive_by_agent(word: Token, sense: Sense) -> bool:
    """"Iran was opposed by Riyadh": a participle with a by-agent its attitude does not take
    (one is "opposed to", not "by", a thing) is the verb's passive."""
    return word.tag_ == "VBN" and "by" not in sense.target_preps and tree.has_child(
        word, "agent")


def _attitude_targets(
    word: Token, sense: Sense, actors: DocumentActors
) -> Iterator[list[Actor]]:
    """Whom an attitude is about: the object of its preposition ("angry with Rome"), or the
    doer of what that object names ("concerned about the actions of Moscow", "critical of
    Berlin's decision")."""
    phrases = [c for c in word.children if c.dep_ in ("prep", "agent")
               and c.lower_ in sense.target_preps]
    for phrase in phrases:
        yield _pobj_actors(phrase, actors)
        for obj in (c for c in phrase.children if c.dep_ in ("pobj", "pcomp")):
            if obj.dep_ == "pobj":
                yield _owner_actors(obj, actors, ("of", "by", "from"))
                yield _partners_within(obj, actors)  # "open to talks with Kyiv"
            # "optimistic about prospects for talks with Seoul", "upbeat about the chances of
            # settling its border with Laos": the partner of the dealings it is about
            yield _dealings_partners(obj, actors)
    for clause in _attitude_clauses(word):
        # "concerned that Beijing had sent ships": whoever the clause is about
        subject = _nearest_subject(clause)
        if subject is not None:
            yield actors.actors_for(subject)
            # "pessimistic that talks with Rome would succeed": the partner of those talks
            yield _partners_within(subject, actors)


def _attitude_clauses(word: Token) -> list[Token]:
    """The that-clauses an attitude governs; after "was pessimistic" the parser may hang the
    clause on the copula instead, right after the adjective."""
    clauses = [c for c in word.children if c.dep_ == "ccomp"]
    if word.dep_ == "acomp" and not clauses:
        clauses = [c for c in word.head.children if c.dep_ == "ccomp" and c.i > word.i
                   and tree.has_child(c, "mark", "that")]
    return clauses


# the words that lead from a hope or a worry to the dealings it is about: "prospects for
# talks", "chances of a deal", "reaching a deal", "settling its border"
DEALINGS_PATHS = ("prep", "pobj", "pcomp", "dobj")
DEALINGS_PREPS = ("of", "for", "on", "about")


def _dealings_partners(word: Token, actors: DocumentActors, depth: int = 8) -> list[Actor]:
    """The state named with "with" or "between" in the dealings a word leads to, through its
    "of"/"for" phrases, a gerund and its object, at most ``depth`` words down."""
    frontier = [word]
    for _ in range(depth):
        following: list[Token] = []
        for node in frontier:
            for partner_word in ("with", "between"):
                prep = _child_prep(node, partner_word)
                found = _pobj_actors(prep, actors) if prep is not None else []
                if found:
                    return found
            following.extend(c for c in node.children if c.dep_ in DEALINGS_PATHS and (
                c.dep_ != "prep" or c.lower_ in DEALINGS_PREPS))
        frontier = following
    return []


def _nearest_subject(verb: Token) -> Token | None:
    """A headline run into the first sentence ("Reaction A spokesperson said") gives the verb
    two subjects: the one nearest before the verb is its own."""
    subjects = tree.labelled(verb, SUBJECT_DEPS)
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else next(iter(subjects), None)


def _asked_for(doc, chain: list[int]) -> set[int]:
    """The words of the acts a verb asks for, pledges or refuses, but not their time and
    circumstance ("agreed to boost trade during a visit by Xi": the visit happened), nor what a
    relative clause with a subject of its own tells of a noun."""
    words: set[int] = set()
    for index in chain:
        words.add(index)
        for child in doc[index].children:
            if child.dep_ == "prep" and child.lower_ in ADJUNCT_PREPS:
                continue
            # ("helped Iran build drones that Russia used against Kyiv": a relative clause
            # tells what its noun is, and that stands)
            told = {t.i for r in child.subtree if r.dep_ == "relcl" and any(
                c.dep_ in SUBJECT_DEPS and c.lower_ not in RELATIVE_WORDS for c in r.children)
                for t in r.subtree}
            words.update(t.i for t in child.subtree if t.i not in told)
    return words


def _infinitive_clause(clause: Token) -> bool:
    """"wants Tehran to stop", "helped Sudan build": the parser makes the infinitive a ccomp
    with its own subject."""
    label = clause.dep_
    if label == "advcl" and tree.has_child(clause, "mark", "for"):
        return tree.has_child(clause, "aux", "to")  # "for X to"
    if label != "ccomp":
        return False
    bare = (clause.tag_ == "VB" or _bare_after_a_pair(clause) or _bare_after_helping(clause)
            ) and not tree.has_child(clause, ("mark", "aux"))
    return bare or tree.has_child(clause, "aux", "to")


def _bare_after_a_pair(clause: Token) -> bool:
    """"helped Bosnia and Herzegovina build": after a subject of two names joined by "and"
    the tagger reads the bare infinitive as a plural present; after a verb in the past, in the
    base form and with no auxiliary, it is the infinitive."""
    if clause.tag_ != "VBP" or clause.head.tag_ != "VBD" or tree.has_child(
            clause, ("mark", "aux")):
        return False
    subject = _child(clause, "nsubj")
    # ("and" is a compound once repair_names_with_and has made the name one phrase)
    return subject is not None and subject.pos_ == "PROPN" and tree.has_child(
        subject, ("cc", "compound"), "and") and clause.lower_ == clause.lemma_.lower()


def _bare_after_helping(clause: Token) -> bool:
    """"will help Kenyan farmers raise yields": after a verb whose infinitive goes without
    "to", the tagger reads the infinitive after a plural as a present, or after a name as a
    noun; in its base form and with no auxiliary (checked by the caller), it is the
    infinitive."""
    if clause.head.lemma_.lower() not in bare_infinitive_verbs():
        return False
    if clause.tag_ == "NN":
        # ("offered to help Chad search for oil": read as a noun, the name its compound)
        return _clause_subject(clause) is not None
    subject = _child(clause, "nsubj")
    # (only "help [its farmers] raise", the subject's phrase right between the two verbs)
    return clause.tag_ == "VBP" and clause.lower_ == clause.lemma_.lower() and (
        subject is not None and subject.left_edge.i == clause.head.i + 1
        and subject.i == clause.i - 1)


def _clause_subject(clause: Token) -> Token | None:
    """The subject of an infinitive's clause, or ("will help Chad search for oil") the name the
    parser compounded before a bare infinitive after a verb that takes one."""
    subject = _child(clause, "nsubj")
    if subject is not None or clause.head.lemma_.lower() not in bare_infinitive_verbs():
        return subject
    return next((c for c in clause.children if c.dep_ == "compound" and c.i < clause.i
                 and c.pos_ == "PROPN"), None)


def _asked_to_act(verb: Token) -> Token | None:
    """Who a verb asks, expects or wants to do something: the object before an infinitive
    ("urged Seoul to talk") or the infinitive's own subject ("wants Tehran to stop")."""
    # (only these clauses can be either: the others are passed over)
    for clause in tree.labelled(verb, ("advcl", "ccomp", "xcomp")):
        if _infinitive_clause(clause):
            subject = _clause_subject(clause)
            if subject is not None:
                return subject
        if clause.dep_ == "xcomp" or (clause.dep_ == "advcl" and _to_infinitive(clause)):
            # (the parser may make "pushed Warsaw to accept" a purpose clause: only a name
            # before it is taken as asked)
            obj = _child(verb, "dobj")
            if obj is not None and obj.i < clause.i and (
                    clause.dep_ == "xcomp" or obj.pos_ == "PROPN"):
                return obj
    return None


def _called_upon(verb: Token) -> Token | None:
    """"called on the secretary to prevent ...": the one an appeal is made upon, named in an
    "on" phrase before the infinitive that says what is asked (`_asked_to_act` reads objects
    and subjects only)."""
    clause = next((c for c in tree.labelled(verb, ("xcomp", "advcl")) if _to_infinitive(c)),
                  None)
    if clause is None:
        return None
    upon = next((c for c in tree.labelled(verb, "prep")
                 if c.lower_ in ("on", "upon") and c.i < clause.i), None)
    called = None if upon is None else _child(upon, "pobj")
    # ("said it held a test on Friday to bolster ...": a day is no one called upon)
    return None if called is None or called.ent_type_ in ("DATE", "TIME") else called


def _to_infinitive(clause: Token) -> bool:
    return clause.tag_ == "VB" and tree.has_child(clause, "aux", "to")


def _by_depth(sent: Span, parse: ParseTable) -> list[int]:
    """The indices of the sentence's tokens from its root down (breadth first), so governing
    verbs come first."""
    order, kids = [parse.root_of(sent)], parse.kids
    for i in order:  # (read as it grows: the queue of the walk; a word has one head, so
        order.extend(kids[i])  # none is met twice)
    # a sentence split inside a parse can leave tokens the root does not reach
    seen = set(order)
    order.extend(i for i in range(sent.start, sent.end) if i not in seen)
    return order


def _judged_thing(verb: Token) -> Token | None:
    """What a verb of judging judges: its object, or a passive's subject when the judge is
    named ("the expulsions were denounced by the UN")."""
    return _direct_object(verb) or (_child(verb, "nsubjpass") if _child(verb, "agent")
                                    is not None else None)


def _direct_object(verb: Token) -> Token | None:
    """The object, or what a free relative object names: "condemned what it called an illegal
    blockade" judges the blockade."""
    return (_free_relative_object(verb) or _child(verb, "dobj") or _object_of_result(verb)
            or _object_of_participle(verb))


def _acts_on_itself(verb: Token, sources: list[Actor], actors: DocumentActors) -> bool:
    """Whether a verb's inherited subject would be its own object's state."""
    obj = _child(verb, "dobj")
    own = {s.country for s in sources if s.country}
    return obj is not None and bool(own & {a.country for a in actors.actors_for(obj)})


def _denied_acts(verb: Token) -> list[Token]:
    """The acts a part is denied in: "denied any role in the attack" (on the verb or the part)."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return [p for head in heads for prep in head.children
            if prep.dep_ == "prep" and prep.lower_ == "in"
            for p in prep.children if p.dep_ == "pobj"]


def _names_its_state(actor: Actor, doc: Doc, actors: DocumentActors) -> bool:
    """Whether an actor's own words name its state ("Ukraine's military", "Kyiv"), not only
    refer back to one ("officials")."""
    if actor.start is None or actor.end is None:
        return False
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and any(t.i in actors.mention_at for t in span)


def _names_a_time(prep: Token) -> bool:
    """"on Tuesday", "in March": a preposition of time, no partner or target."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def _shared_object(verb: Token) -> Token | None:
    """"condemned and rejected the plan", "shelled and destroyed the posts": the object the
    parser gives only the last of two coordinated verbs is the first one's too."""
    if any(c.dep_ in ("dobj", "prep", "ccomp", "xcomp") for c in verb.children):
        return None
    later = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    if later is None or not any(c.dep_ == "cc" and c.i < later.i for c in verb.children):
        return None
    return _child(later, "dobj")


def _bare_frontier(verb: Token, actors: DocumentActors) -> bool:
    """"moved closer to the border", "crossed the border": a frontier named with no state."""
    places = [c for c in verb.children if c.dep_ == "dobj"] + [
        p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(actors.frontier(p) and not any(
        c.dep_ in ("poss", "amod", "compound", "prep") for c in p.children) for p in places)


def _was_behind(noun: Token) -> bool:
    """"X was behind the attack": the act its subject is said to have done."""
    head = noun.head
    return noun.dep_ == "pobj" and head.lower_ == "behind" and head.head.lemma_ == "be"


def _background_of(noun: Token, event_nouns: Mapping[str, object]) -> bool:
    """An act named only as what something else is "of" ("veterans of the war", "the
    anniversary of the treaty"), where the something else is no act."""
    head = noun.head
    return noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN") \
        and head.head.lemma_.lower() not in event_nouns


def _set_off(noun: Token) -> bool:
    """A noun phrase set off by a comma after its clause (", a move Taipei called ...")."""
    start = noun.left_edge.i
    return start > noun.sent.start and noun.doc[start - 1].text == "," and noun.dep_ != "nsubj"


def _verb_in(verb: Token, words: frozenset[str]) -> bool:
    """Whether a verb's lemma, alone or with its particle ("call off"), is one of the words."""
    return verb.lemma_.lower() in words or _phrasal_lemma(verb) in words


def _phrasal_lemma(verb: Token) -> str:
    """"scaled back" -> "scale back": the lemma with its particle, if it has one."""
    particle = next((c.lower_ for c in tree.labelled(verb, "prt")), None)
    return f"{verb.lemma_.lower()} {particle}" if particle else verb.lemma_.lower()


def _object_of_participle(verb: Token) -> Token | None:
    """"abducted a herder grazing his goats": the parser makes the object the subject of a
    clause of its participle."""
    return next((o for c in tree.labelled(verb, "ccomp") if c.tag_ == "VBG"
                 and not tree.has_child(c, ("aux", "auxpass", "mark"))
                 for o in tree.labelled(c, "nsubj") if o.pos_ in ("NOUN", "PROPN")), None)


def _object_of_result(verb: Token) -> Token | None:
    """"shot dead a medic", "beat unconscious two guards": the parser hangs the object on the
    adjective that names the result."""
    return next((o for c in tree.labelled(verb, ("acomp", "oprd")) if c.pos_ == "ADJ"
                 for o in tree.labelled(c, "dobj")), None)


def _free_relative_object(verb: Token) -> Token | None:
    for clause in (c for c in tree.labelled(verb, ("ccomp", "dobj")) if c.pos_ == "VERB"):
        if not tree.has_child(clause, ("dobj", "nsubj"), FREE_RELATIVES):
            continue
        for child in clause.children:
            if child.dep_ in ("oprd", "attr"):
                return child  # "what it called a blockade", "what was a provocation"
            if child.dep_ == "prep" and child.lower_ == "as":
                named = _child(child, "pobj")  # "what he described as a provocation"
                if named is not None:
                    return named
    return None


def _named_in_free_relative(clause: Token) -> Token | None:
    """"what it called a blockade", "what Kabul said were camps": the noun a free relative
    names, in its own clause or the one a speech verb governs."""
    for inner in (clause, *(c for c in clause.children if c.dep_ == "ccomp")):
        if not any(w.lower_ in FREE_RELATIVES and w.dep_ in ("nsubj", "nsubjpass", "dobj")
                   for w in inner.children):
            continue
        for child in inner.children:
            if child.dep_ in ("attr", "oprd"):
                return child
            if child.dep_ == "prep" and child.lower_ == "as":
                return _child(child, "pobj")
    return None


def _governed(prep: Token) -> list[Token]:
    """What a preposition governs, through a second one ("pulled out of the treaty")."""
    found = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    return found or [p for c in prep.children if c.dep_ == "prep"
                     for p in c.children if p.dep_ in ("pobj", "pcomp")]


def _infinitive_partner(noun: Token) -> Token | None:
    """Whom the infinitive a noun governs acts on: "refusal to cooperate with the agency",
    "a decision to expel the envoy"."""
    act = next((c for c in noun.children if c.dep_ == "acl" and _to_infinitive(c)), None)
    if act is None:
        return None
    return _direct_object(act) or next(
        (p for c in act.children if c.dep_ == "prep" and c.lower_ in DEFAULT_TARGET_PREPS
         for p in c.children if p.dep_ == "pobj"), None)


def _described_relation(noun: Token) -> bool:
    """Whether a relation noun is the subject of what it is said to be or not to be: a
    copula ("was a sovereign matter") or a negated predicate ("is not directed at")."""
    clause = noun.head
    return noun.dep_ in ("nsubj", "nsubjpass") and (clause.lemma_ == "be" or any(
        c.dep_ == "neg" for c in clause.children))


def _actors_before(noun: Token, verb: Token, actors: DocumentActors) -> list[Actor]:
    """A noun and those of its conjuncts that stand before a verb hung on it: "Prague, which
    holds the presidency, called on Moscow ..., and Sofia and Bratislava declared ...": the
    parser may join the later clause's subjects to the noun, but the verb between is not
    theirs."""
    found: list[Actor] = []
    for head in (h for h in (noun, *noun.conjuncts) if h.i < verb.i):
        found.extend(a for a in actors.actors_for(head, conjuncts=False) if a not in found)
    return found


def _judges_anothers_act(verb: Token) -> bool:
    """"Moscow called the British sanctions an act of war", "described Seoul's drills as a
    rehearsal": an object owned by someone named on it, given a name of its own by the verb
    (a small clause, a second object or "as"), is that one's act judged, not the subject's."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    named_as = len(objects) > 1 or any(
        c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")
        or (c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("ADJ", "NOUN")) for c in verb.children)
    # ("described its drills as a warning": a possessive pronoun is the subject's own act)
    return named_as and bool(objects) and any(
        (c.dep_ == "poss" and c.pos_ != "PRON")
        or (c.dep_ in ("amod", "compound") and c.ent_type_ in OWNER_ENTITIES)
        for c in objects[0].children)


def _before_words_hold(verb: Token, sense: Sense) -> bool:
    """Whether the words a sense asks for before the verb stand there (a sense that asks for
    none: always), so that a sense of "SAID *" is never read as the bare verb's."""
    return not sense.before_words or sense.before_words <= _before_verb_heads(verb)


def _before_verb_heads(verb: Token) -> set[str]:
    """The words a PETRARCH pattern may name before a verb: the head of its subject and the
    adverbs before it (PETRARCH2's pre-verb nouns, the heads of the phrases beside the verb
    phrase in its clause), its modals, and the verb whose clause it is (TABARI's "SAID *",
    "INDICATED SHOULD *": the words before the verb in the sentence), each as written and as
    its lemma."""
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "aux")
             or (c.dep_ in ("advmod", "npadvmod") and c.i < verb.i)]
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.i < verb.i:
        heads.append(verb.head)  # "indicated it deplored", "said it would free"
    return {form for h in heads for form in (h.lower_, h.lemma_.lower())}


# (asked tens of thousands of times a corpus: the table's answer, without a call between)
_child = tree.child


def _child_prep(head: Token, word: str) -> Token | None:
    return tree.child(head, "prep", word)


def _pobj_actors(prep: Token, actors: DocumentActors) -> list[Actor]:
    found: list[Actor] = []
    # (only these children name anything)
    for child in (c for p in (prep, *_coordinated_preps(prep))
                  for c in tree.labelled(p, ("pcomp", "pobj", "attr", "oprd"))):
        if child.dep_ == "pcomp":
            # "strikes on what it said were hideouts inside Afghanistan": what is named
            child = _named_in_free_relative(child) or child
        if child.dep_ in ("pobj", "pcomp", "attr", "oprd"):
            # "over China's expansion": the owner of the thing stands for its state
            found.extend(_across_frontier(child, actors) or actors.actors_for(child)
                         or _possessor_actors(child, actors) or _place_in_state(child, actors)
                         or _from_actors(child, actors))
    return found


def _coordinated_preps(prep: Token) -> list[Token]:
    """"sanctions on Russian firms and on Chinese ones", "aid to Lima and to La Paz": the
    same preposition again after "and" (the parser may hang it on the verb instead)."""
    word = prep.lower_
    joined = [c for c in tree.labelled(prep, "conj") if c.lower_ == word]
    for cc in tree.labelled(prep, "cc"):
        after = cc.doc[cc.i + 1] if cc.i + 1 < len(cc.doc) else None
        if after is not None and after.lower_ == prep.lower_ and after.dep_ == "prep" and (
                after not in joined):
            joined.append(after)
    return joined


def _from_actors(noun: Token, actors: DocumentActors) -> list[Actor]:
    """"against competition from Ukrainian haulers", "on imports from China": a thing that
    comes from a state stands for that state."""
    if noun.pos_ != "NOUN" or actors.sector_of(noun) is not None:
        return []
    return [a for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "from"
            for p in prep.children if p.dep_ == "pobj" for a in actors.actors_for(p)
            if a.country]


def _place_in_state(noun: Token, actors: DocumentActors) -> list[Actor]:
    """"out of three villages in southern Lebanon": a place said to lie in a country (not
    people there, and not a city: "the rebels in Doha" met someone there)."""
    if noun.pos_ != "NOUN" or actors.sector_of(noun) is not None:
        return []
    return [a for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in WITHIN_PREPS
            for p in prep.children if p.dep_ == "pobj"
            for named in _country_or_its_region(p, actors)
            for a in actors.actors_for(named) if a.kind == "state"]


def _country_or_its_region(place: Token, actors: DocumentActors) -> list[Token]:
    """The word naming the country a place lies in: the place itself ("in Lebanon"), or the
    country that owns a region named by a common noun ("in Iraq's Basra province", "in
    Russia's north")."""
    if actors.names_country(place):
        return [place]
    if place.pos_ != "NOUN" or actors.sector_of(place) is not None:
        return []
    return [c for c in place.children if c.dep_ == "poss" and actors.names_country(c)]


def _topics_of_intent(verb: Token, targets: list[Actor]) -> bool:
    """Whether every target is named only in a topic phrase ("on", "about", "toward" ...) of
    the infinitive the verb governs."""
    if not targets:
        return False
    doc = verb.doc
    for target in targets:
        span = doc.char_span(target.start, target.end, alignment_mode="expand")
        if span is None:
            return False
        word, topical = span.root, False
        while word.head != word and word != verb:
            if word.dep_ == "pobj" and word.head.lower_ in TOPIC_PREPS:
                topical = True
            if word.dep_ == "xcomp" and word.head == verb:
                break
            word = word.head
        if not (topical and word.dep_ == "xcomp" and word.head == verb):
            return False
    return True


def _reciprocal(verb: Token) -> bool:
    """"expelled each other's diplomats", "accused one another": the subjects act on each other."""
    words = [t.lower_ for c in verb.children if c.dep_ in ("dobj", "prep", "dative")
             for t in c.subtree]
    pairs = set(zip(words, words[1:], strict=False))
    return ("each", "other") in pairs or ("one", "another") in pairs


def _counterpart_of_clause(
    clause: Token, sources: list[Actor], actors: DocumentActors
) -> list[Actor]:
    """"Turkish and Greek ministers met, but Ankara refused to ...": a clause with no target of
    its own is aimed at the one other state of the clause it is coordinated with."""
    own = {s.country for s in sources}
    participants = [c for c in clause.children if c.dep_ in (*SUBJECT_DEPS, "dobj", "dative")]
    # (not where it took place: "met in Brasilia and agreed on ..." agreed with no Brazil)
    participants += [p for c in clause.children if c.dep_ == "prep" and c.lower_ not in (
        WITHIN_PREPS) and c.lower_ != "at" for p in c.children if p.dep_ == "pobj"]
    others: dict[str, Actor] = {}
    for word in participants:
        for actor in actors.actors_for(word):
            if actor.country and actor.country not in own:
                others.setdefault(actor.country, actor)
    return list(others.values()) if len(others) == 1 else []


def _subtree_actors(phrase: Token, actors: DocumentActors) -> list[Actor]:
    """The first actor with a state named anywhere inside a phrase."""
    return next(_actors_in_phrase(phrase, actors), [])


def _actors_in_phrase(
    phrase: Token, actors: DocumentActors, holding: frozenset[str] = frozenset()
) -> Iterator[list[Actor]]:
    """The actors with a state named inside a phrase, word by word. A place in which a
    holding verb keeps someone ("detained in Tehran") is the holder."""
    words = tree.subtree(phrase)
    excepted = {t.i for w in words if _excepting(w) for t in tree.subtree(w)}
    for word in words:
        if word.pos_ not in ("NOUN", "PROPN") or word.dep_ in ("compound", "amod", "conj"):
            continue
        if word.i in excepted:
            continue  # "to all countries except Nepal": Nepal is left out
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in word.children):
            continue  # "froze its participation in ...": the subject's own thing
        if word.dep_ == "pobj" and word.head.lower_ in LOCATION_PREPS and (
            word.head.head.pos_ == "VERB" and word.head.head.lemma_.lower() not in holding
        ):
            continue  # "a group headquartered in Copenhagen" is not Denmark
        found = [a for a in actors.actors_for(word) if a.country]
        if found:
            yield found


def _excepting(word: Token) -> bool:
    """"except", "excluding", "other than", "apart from": what the word governs is left out."""
    return word.lower_ in ("except", "excluding", "barring") or (
        word.lower_ == "than" and word.head.lower_ == "other") or (
        word.lower_ == "from" and word.head.lower_ in ("apart", "aside"))


def _for_to_addressee(head: Token, actors: DocumentActors) -> list[Actor]:
    """"a proposal (made) for the council to lift sanctions": who is asked to act."""
    heads = [head, *(c for c in head.children if c.dep_ == "acl")]
    for clause in (c for h in heads for c in h.children if c.dep_ in ("acl", "relcl", "advcl",
                                                                       "ccomp")):
        # the parser may make "for" the clause's marker and the addressee its subject;
        # "a demand that Vilnius rename the office": what is demanded of its subject
        if any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children) or (
                _subjunctive(clause)):
            subject = _child(clause, "nsubj")
            if subject is not None:
                return actors.actors_for(subject)
    for owner in heads:
        for prep in (c for c in owner.children if c.dep_ == "prep" and c.lower_ == "for"):
            addressee = _child(prep, "pobj")
            if addressee is None:
                continue
            clauses = [*owner.children, *addressee.children]
            if any(c.dep_ in ("advcl", "xcomp", "acl", "relcl") and c.i > addressee.i
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                   for c in clauses):
                return _pobj_actors(prep, actors)
    return []


def _across_frontier(noun: Token, actors: DocumentActors) -> list[Actor]:
    """"along its border with Ukraine": the state on the far side of a frontier."""
    if not actors.frontier(noun):
        return []
    # ("off the coast of Taiwan": a frontier of one state only is that state's)
    found = _prep_actors(noun, ("with",), actors) or _prep_actors(noun, ("of",), actors)
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if not found and following is not None and following.lower_ == "with" and (
            following.dep_ == "prep" and following.head.i < noun.i):
        # "withdrew its troops from the border with Azerbaijan": the small parser hangs the
        # border's "with" on the verb
        found = _pobj_actors(following, actors)
    return found


def _possessor_actors(noun: Token, actors: DocumentActors) -> list[Actor]:
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON" and not actors.relational(noun):
            return actors.actors_for(child)
    # "outraged at the killing of its envoy by Venezuelan agents": the doer, as a possessor
    by = _child_prep(noun, "by")
    doer = _child(by, "pobj") if by is not None else None
    return actors.actors_for(doer) if doer is not None else []


def _prep_actors(head: Token, preps: Iterable[str], actors: DocumentActors) -> list[Actor]:
    # "sent them back to China": the phrase may hang on the particle
    # ("pulled its units out of the villages": or on a preposition used as one)
    heads = [head, *(c for c in tree.labelled(head, ("prt", "advmod", "prep")) if (
        c.dep_ != "prep" or c.lower_ in ("out", "away", "back")))]
    phrases = [(c, c.lower_) for h in heads for c in tree.labelled(h, ("prep", "dative"))]
    # the preferred preposition first: "the release of its citizen by Iran" is Iran's act
    for wanted in preps:
        for phrase in (p for p, word in phrases if word == wanted):
            found = _pobj_actors(phrase, actors)
            if found:
                return found
    return []


def _head_lemma(actor: Actor, doc: Doc) -> str | None:
    """The lemma of the last word of an actor's phrase (its head noun, as phrases are cut)."""
    if actor.end is None:
        return None
    span = doc.char_span(actor.start or 0, actor.end, alignment_mode="expand")
    return span[-1].lemma_.lower() if span is not None and len(span) else None


def _owner_actors(
    noun: Token, actors: DocumentActors, preps: Iterable[str] = SOURCE_MODIFIER_PREPS
) -> list[Actor]:
    """Who owns or performs a nominal: "Venezuela's demand", "the launch by North Korea"."""
    for child in noun.children:
        if child.dep_ == "poss" and actors.relational(noun):
            continue
        if child.dep_ in ("poss", "amod", "compound") and child.i < noun.i and not (
            _maker(child, actors) or actors.names_where_made(child, noun)
        ):
            found = actors.actors_for(child)
            if found:
                return found
    of = _child_prep(noun, "of")
    inner = _child(of, "pobj") if of is not None else None
    if "by" in preps and inner is not None and _child_prep(noun, "by") is None and (
            found := _prep_actors(inner, ("by",), actors)):
        # "the release of its nationals by Addis Ababa": the parser hangs the doer on what
        # the act is of, which is no doer of its own
        return found
    found = _prep_actors(noun, preps, actors)
    if found:
        return found
    # "offers of dialogue from Washington": the maker hangs on what the noun is of
    return _prep_actors(inner, ("by", "from"), actors) if inner is not None else []


def _maker(modifier: Token, actors: DocumentActors) -> bool:
    """"Iranian-made rockets": a participle naming who made or designed a thing, not who
    owns it ("a Greek-owned ship")."""
    return modifier.pos_ == "VERB" and (
        modifier.lemma_.lower() not in actors.lexicon.references.owning_participles)


def _participle_heads(noun: Token) -> list[Token]:
    """The words a noun's participles and their doers' names, where the parser may hang the
    participle's prepositions ("the sanctions imposed by Accra on Lome": on "Accra")."""
    participles = [p for p in tree.labelled(noun, "acl") if p.tag_ == "VBN"]
    return [*participles, *(name for p in participles for agent in tree.labelled(p, "agent")
                            for name in tree.labelled(agent, "pobj"))]


def _first_other(options: Iterable[list[Actor]], sources: list[Actor]) -> list[Actor]:
    """The first option naming someone other than the sources' own states."""
    source_countries = {s.country for s in sources}
    for option in options:
        named = {a.country for a in option if a.country}
        if named - source_countries or any(not a.country and _placed(a) for a in option):
            return option  # (a stateless group under its own code counts as another)
        if named and len(source_countries) > 1 and named < source_countries:
            # "Washington and Islamabad designated the BLA": aimed at one of the subjects'
            # states, an event for the others
            return option
    return []


def _companions(subject: Token, actors: DocumentActors, verb: Token | None = None) -> list[Actor]:
    """"Peru, along with Chile and Bolivia, ...": the companions are sources too
    (the parser hangs "along with" on the subject or on the verb, "together with" on either)."""
    found: list[Actor] = []
    for child in tree.children(subject):
        found.extend(_companion_actors(child, actors))
        if child.dep_ == "prep" and _exemplifies(child):
            # "several states, including Brazil and India, ...": the members named act
            found.extend(_pobj_actors(child, actors))
    if verb is not None:
        # only between the subject and the verb: "met X along with Y" has Y met, not meeting
        for child in tree.children(verb):
            if subject.i < child.i < verb.i:
                found.extend(_companion_actors(child, actors))
            elif child.i < subject.i and _headline_conjunct(child, subject, actors):
                found.extend(actors.actors_for(child))  # "Russia, Belarus hold drills"
    return found


def _headline_conjunct(word: Token, subject: Token, actors: DocumentActors) -> bool:
    """A headline's "A, B verb": a state the parser left as an adverb before the subject,
    set off by a comma, is a second subject."""
    after = word.right_edge.i + 1
    # ("Kenya, Ethiopia sign pact": or a second subject of its own)
    if word.dep_ not in ("npadvmod", "nmod", "dep", "nsubj") or word.pos_ != "PROPN" or (
            after + 1 != subject.left_edge.i or word.doc[after].text != ","):
        return False
    named = actors.actors_for(word)
    return bool(named) and all(a.kind == "state" for a in named)


def _companion_actors(child: Token, actors: DocumentActors) -> list[Actor]:
    if child.dep_ in ("prep", "advmod") and child.lower_ in COMPANION_PREPS:
        return [a for grandchild in child.children
                if grandchild.dep_ == "prep" and grandchild.lower_ == "with"
                for a in _pobj_actors(grandchild, actors)] + (
            _pobj_actors(child, actors) if child.lower_ == "alongside" else [])
    if child.dep_ == "prep" and child.lower_ == "with" and any(
            c.dep_ == "advmod" and c.lower_ in COMPANION_PREPS for c in child.children):
        return _pobj_actors(child, actors)  # "Germany, together with France, ..."
    return []


def _exemplifies(prep: Token) -> bool:
    """"including X", "such as X" after a plural subject."""
    if prep.lower_ == "including":
        return True
    return prep.lower_ == "as" and prep.i > 0 and prep.nbor(-1).lower_ == "such"


def _confidence(candidate: Candidate, source: Actor, target: Actor, modality: str) -> float:
    score = {"verb": 0.8, "light-verb": 0.75, "adjective": 0.6, "nominal": 0.55,
             "speech-attitude": 0.45}.get(candidate.rule, 0.5)
    if source.kind == "person" and source.role is None:
        score -= 0.1
    if modality != "asserted":
        score -= 0.05
    if source.text.lower() in ("he", "she", "it", "they") or target.text.lower() in ("it", "they"):
        score -= 0.1
    return max(0.05, min(1.0, score))


def _trade_figure(event: Event, sent: Span) -> bool:
    """"China bought $40 billion worth of chips last year", "trade, which reached $1.6
    billion", "trade rose 22%": commerce measured is a statistic, not an act between states."""
    if event.cameo != TRADE_CODE or event.modality != "asserted" or event.token_index is None:
        return False
    trigger = sent.doc[event.token_index]
    # ("trade between them rose 22%": or the figure its verb gives)
    measured = [*trigger.subtree, *(trigger.head.subtree if trigger.dep_ in (
        "nsubj", "nsubjpass") else ())]
    return any(t.ent_type_ in ("MONEY", "PERCENT") for t in measured)


def _distinct(events: list[Event]) -> list[Event]:
    seen: set[tuple] = set()
    kept: list[Event] = []
    for event in events:
        # one event a trigger for each pair of codes: "Afghanistan's Taliban government" and
        # the "Taliban government" inside it, or a man and his network, are one party
        key = (event.token_index, event.source.code, event.target.code, event.cameo)
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return kept


def _own_thing(target: Actor, sources: list[Actor], doc: Doc,
               actors: DocumentActors) -> bool:
    """Whether a target is only a thing the source owns ("praised his first summit", "signed
    a measure extending his term", "considers it its own territory"): such a phrase stands
    for its owner, which is the source itself, so no one is acted on. Only a question with
    domestic events: abroad, source and target of one state are never paired anyway. People
    owned are still acted on ("thanked his supporters", "ordered its military")."""
    if target.start is None or target.end is None:
        return False
    span = doc.char_span(target.start, target.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    lemma = head.lemma_.lower()
    if head.pos_ not in ("NOUN", "PROPN") or actors.sector_of(head) is not None or (
            head.i in actors.mention_at or head.i in actors.person_at) or (
            lemma in actors.lexicon.references.owned_people
            or lemma in actors.lexicon.references.person_nouns):
        return False
    owners = [a for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"
              for a in actors.actors_for(c, conjuncts=False)]
    return bool(owners) and all(
        any(o.code == s.code and o.name == s.name for s in sources) for o in owners)


def _placed(actor: Actor) -> bool:
    """An actor an event can have: one with a state or IGO, or a stateless group under its own
    code (IMGMUSISI; country None), which the dictionaries give only to groups they name."""
    return bool(actor.country) or (actor.kind == "group" and bool(actor.code))
