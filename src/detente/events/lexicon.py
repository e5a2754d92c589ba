"""Event triggers: which verbs and nouns, in which constructions, denote which CAMEO event.

Loaded from ``data/verbs.yaml`` (plus a user's ``--dictionary`` additions) and checked against
the CAMEO codebook, so a typo in a code is reported when the dictionary is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Token

from detente.codebook import load_codebook
from detente.datafiles import DictionaryError, merged_section, read_packaged

DEFAULT_TARGET_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "into", "from")


@dataclass(frozen=True)
class Sense:
    """One trigger sense: a lemma, the constructions it needs, and the event it codes."""

    lemma: str
    code: str
    prep: str | None = None
    particle: str | None = None
    objects: frozenset[str] = frozenset()
    target_preps: tuple[str, ...] = DEFAULT_TARGET_PREPS
    symmetric: bool = False
    reverse: bool = False
    xcomp: bool = False
    target_kind: str | None = None  # only when the target is of this kind (igo, state, group)
    modifiers: frozenset[str] = frozenset()  # nouns only: "joint exercises", not "exercises"
    negated: bool = False  # the sense is the verb's negation: "will not tolerate" is a warning
    addressee: bool = False  # only with someone asked to act: "wants Tehran to stop"
    compound: bool = False  # only with a coordinated subject: "A and B agree" (PETRARCH's %)
    # with ``prep``: what the preposition governs ("withdrew from the treaty", "took X to court")
    prep_objects: frozenset[str] = frozenset()
    # PETRARCH's "[a:b]": the target answers the source's act with event ``b`` ("A arrived
    # in B" is A's visit, 032, and B's hosting of it, 033)
    answer: str | None = None
    # from a PETRARCH verbs file, whose verbs are word forms: a block headed "LEFT" or "MET"
    # also stands for that form of another lemma (the token "left", lemma leave)
    as_written: bool = False
    # PETRARCH's pre-verb nouns ("HEAVILY *", "CURFEW *"): words that must head the verb's
    # subject or be an adverb before the verb
    before_words: frozenset[str] = frozenset()
    # a preposition whose phrase must be there, saying where, not whom: "celebrated Iftar at
    # Osgiliath with Gondor" (PETRARCH's "* IFTAR AT ^ +"); it never names the target
    place: str | None = None

    @property
    def specificity(self) -> int:
        return sum((self.prep is not None, self.particle is not None, bool(self.objects),
                    bool(self.modifiers), self.addressee, bool(self.prep_objects),
                    self.compound, bool(self.before_words), self.place is not None))


@dataclass
class EventLexicon:
    verbs: dict[str, list[Sense]] = field(default_factory=dict)
    nouns: dict[str, list[Sense]] = field(default_factory=dict)
    adjectives: dict[str, list[Sense]] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    undergoing_verbs: frozenset[str] = frozenset()  # "faced EU sanctions": the noun's doer acts
    escaping_verbs: frozenset[str] = frozenset()  # "escaped sanctions": no event from the noun
    mentioning_verbs: frozenset[str] = frozenset()  # "citing the war": the noun is spoken of
    naming_verbs: frozenset[str] = frozenset()  # "called X's sanctions theft": X's act judged
    topic_verbs: frozenset[str] = frozenset()  # "met to discuss China": a topic, no partner
    cancelling_verbs: frozenset[str] = frozenset()  # "the talks were postponed": not held
    responding_verbs: frozenset[str] = frozenset()  # "responded with tariffs": an answer
    predicting_verbs: frozenset[str] = frozenset()  # "expects X to launch": a prediction
    speech_verbs: frozenset[str] = frozenset()
    purpose_nouns: frozenset[str] = frozenset()
    elliptic_verbs: frozenset[str] = frozenset()  # "..., as did Abuja": the act repeated
    elliptic_words: frozenset[str] = frozenset()
    telling_verbs: frozenset[str] = frozenset()
    # (verb lemmas, object lemmas) groups: "fought the wildfires", "released a report"
    non_event_objects: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    quantity_nouns: frozenset[str] = frozenset()  # "a series of", counted with "of"
    holding_verbs: frozenset[str] = frozenset()  # "detained in Tehran": Iran holds them
    authoring_verbs: frozenset[str] = frozenset()  # "passed a resolution condemning X"
    amount_nouns: frozenset[str] = frozenset()  # "500 million euros in aid", with "in"/"of"
    goods_nouns: frozenset[str] = frozenset()  # things given ("weapons", "food"), not acts
    responsibility_nouns: frozenset[str] = frozenset()  # "claimed responsibility for"
    release_nouns: frozenset[str] = frozenset()  # "demanded the crew's release": the holder
    involvement_nouns: frozenset[str] = frozenset()  # "denied any role in the attack"
    prompting_verbs: frozenset[str] = frozenset()  # "..., prompting Belgrade to respond"
    sighting_verbs: frozenset[str] = frozenset()  # "said it tracked Chinese jets": no charge
    area_nouns: frozenset[str] = frozenset()  # "in the hills of northern Iraq": a land's part
    # user senses by the word form their lemma is written as (``Sense.as_written``)
    verb_forms: dict[str, list[Sense]] = field(default_factory=dict)

    def verb_senses(self, verb: Token) -> list[Sense]:
        """The senses of a verb token: by its lemma, after those a PETRARCH file gives its
        very word form where that is not the lemma ("met": the block MET before MEET, as
        PETRARCH matches the forms a block writes, not lemmas)."""
        lemma = verb.lemma_.lower()
        senses = self.verbs.get(lemma, [])
        if not self.verb_forms:  # (no PETRARCH file: the form need not be read)
            return senses
        written = self.verb_forms.get(verb.lower_) if verb.lower_ != lemma else None
        return [*written, *senses] if written else senses

    def counted(self, noun: Token) -> Token | None:
        """The noun a quantity or an amount counts, or the act claimed: "a series of warnings",
        "$2 billion in aid", "responsibility for the attack"; None when there is none."""
        lemma = noun.lemma_.lower()
        if lemma in self.quantity_nouns:
            preps = ("of",)
        elif lemma in self.amount_nouns or noun.like_num or noun.ent_type_ == "MONEY":
            preps = ("in", "of")
        elif lemma in self.responsibility_nouns:
            preps = ("for",)
        else:
            return None
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                counted = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if counted is not None:
                    return counted
        if lemma in self.quantity_nouns:
            # "an aid package", "a weapons shipment": what is counted, named before the count
            return next((c for c in noun.children if c.dep_ == "compound" and c.i < noun.i
                         and c.pos_ == "NOUN"), None)
        return None
    attitude_cues: tuple[tuple[str, frozenset[str]], ...] = ()  # (code, cue lemmas), in order
    demand_modals: tuple[str, frozenset[str]] | None = None  # (code, modal lemmas)
    demand_nouns: frozenset[str] = frozenset()  # "it is time for X to ..."
    demand_verbs: frozenset[str] = frozenset()  # "X needs to ..."
    charge_nouns: frozenset[str] = frozenset()  # what a denial answers: "denied the allegations"
    act_nouns: frozenset[str] = frozenset()  # acts judged without their doer: "the move"
    made_nouns: frozenset[str] = frozenset()  # "rejected the resolution": answers its maker
    proposal_nouns: frozenset[str] = frozenset()  # "a plan ... the proposal": one thing
    commendations: frozenset[str] = frozenset()  # "X is a reliable partner": praise of X
    popular_codes: dict[str, str] = field(default_factory=dict)  # a boycott by consumers
    ending_verbs: frozenset[str] = frozenset()  # "ended its cooperation with X"
    ending_codes: dict[str, str] = field(default_factory=dict)  # noun root -> code of ending
    praise_code: str = "051"
    agreement_nouns: frozenset[str] = frozenset()  # "welcomed the pact": its signatories
    writing_nouns: frozenset[str] = frozenset()  # "the statement urged ...": its maker speaks
    diplomat_nouns: frozenset[str] = frozenset()  # "the ambassador was summoned": by the host
    force_visit_code: str | None = None  # "Turkish troops arrived in Libya": deployed
    peacekeeping_code: str | None = None
    peacekeepers: frozenset[str] = frozenset()
    partner_missions: frozenset[str] = frozenset()  # "as part of an AU mission": sent to help


def load_event_lexicon(extensions: list[dict[str, Any]] | None = None) -> EventLexicon:
    """Build the trigger lexicon from verbs.yaml plus user extensions."""
    extensions = [_verbs_as_written(e) for e in extensions or []]
    table = verbs_table()
    codebook = load_codebook()
    classes = _object_classes(table, extensions)
    root_preps = {str(root): tuple(str(p) for p in preps)
                  for root, preps in (table.get("root_target_preps") or {}).items()}
    lexicon = EventLexicon(
        verbs=_senses(merged_section(table, extensions, "verbs"), codebook, "verbs", classes,
                      len(table.get("verbs") or []), root_preps),
        nouns=_senses(merged_section(table, extensions, "nouns"), codebook, "nouns", classes,
                      len(table.get("nouns") or [])),
        adjectives=_senses(merged_section(table, extensions, "adjectives"), codebook,
                           "adjectives", classes, len(table.get("adjectives") or [])),
        light_verbs=frozenset(merged_section(table, extensions, "light_verbs")),
        undergoing_verbs=frozenset(merged_section(table, extensions, "undergoing_verbs")),
        escaping_verbs=frozenset(merged_section(table, extensions, "escaping_verbs")),
        mentioning_verbs=frozenset(merged_section(table, extensions, "mentioning_verbs")),
        naming_verbs=frozenset(merged_section(table, extensions, "naming_verbs")),
        topic_verbs=frozenset(merged_section(table, extensions, "topic_verbs")),
        cancelling_verbs=frozenset(merged_section(table, extensions, "cancelling_verbs")),
        responding_verbs=frozenset(merged_section(table, extensions, "responding_verbs")),
        predicting_verbs=frozenset(merged_section(table, extensions, "predicting_verbs")),
        speech_verbs=frozenset(merged_section(table, extensions, "speech_verbs")),
        purpose_nouns=frozenset(merged_section(table, extensions, "purpose_nouns")),
        elliptic_verbs=frozenset(merged_section(table, extensions, "elliptic_verbs")),
        elliptic_words=frozenset(merged_section(table, extensions, "elliptic_words")),
        telling_verbs=frozenset(merged_section(table, extensions, "telling_verbs")),
        quantity_nouns=frozenset(merged_section(table, extensions, "quantity_nouns")),
        holding_verbs=frozenset(merged_section(table, extensions, "holding_verbs")),
        authoring_verbs=frozenset(merged_section(table, extensions, "authoring_verbs")),
        amount_nouns=classes.get("money", frozenset()) | frozenset(
            merged_section(table, extensions, "amount_nouns")),
        goods_nouns=classes.get("weapons", frozenset()) | classes.get("relief", frozenset()),
        responsibility_nouns=frozenset(
            merged_section(table, extensions, "responsibility_nouns")),
        involvement_nouns=frozenset(merged_section(table, extensions, "involvement_nouns")),
        release_nouns=frozenset(merged_section(table, extensions, "release_nouns")),
        prompting_verbs=frozenset(merged_section(table, extensions, "prompting_verbs")),
        sighting_verbs=frozenset(merged_section(table, extensions, "sighting_verbs")),
        area_nouns=frozenset(merged_section(table, extensions, "area_nouns")),
        attitude_cues=_attitudes(merged_section(table, extensions, "attitude_cues"), codebook,
                                 classes),
    )
    modals = _attitudes([table["demand_modals"]], codebook) if "demand_modals" in table else ()
    lexicon.demand_modals = modals[0] if modals else None
    # an extension may add groups (a PETRARCH file's null-coded "* FIRE [---]")
    groups = merged_section(table, extensions, "non_event_objects")
    if not all(isinstance(group, dict) for group in groups):
        raise DictionaryError("dictionary section 'non_event_objects': each entry needs "
                              "lemmas and objects")
    lexicon.non_event_objects = tuple(
        (frozenset(str(w).lower() for w in group.get("lemmas") or []),
         frozenset(str(w).lower() for w in group.get("objects") or []))
        for group in groups)
    lexicon.charge_nouns = classes.get("allegations", frozenset())
    lexicon.act_nouns = classes.get("acts", frozenset())
    lexicon.commendations = classes.get("commendations", frozenset())
    lexicon.popular_codes = {str(k): _code_in(codebook, str(v), "popular_codes")
                             for k, v in (table.get("popular_codes") or {}).items()}
    ending = table.get("ending_verbs") or {}
    lexicon.ending_verbs = frozenset(str(v).lower() for v in ending.get("verbs") or [])
    lexicon.ending_codes = {str(k): _code_in(codebook, str(v), "ending_verbs")
                            for k, v in (ending.get("codes") or {}).items()}
    # the code of the praise group among the attitude cues
    lexicon.praise_code = next((code for code, _ in lexicon.attitude_cues
                                if code.startswith("05")), lexicon.praise_code)
    lexicon.made_nouns = (lexicon.charge_nouns | lexicon.act_nouns
                          | classes.get("writings", frozenset()))
    lexicon.agreement_nouns = classes.get("agreements", frozenset())
    lexicon.writing_nouns = classes.get("writings", frozenset())
    lexicon.proposal_nouns = classes.get("proposals", frozenset())
    lexicon.diplomat_nouns = classes.get("diplomats", frozenset())
    forces = table.get("force_visits") or {}
    if forces:
        lexicon.force_visit_code = _code_in(codebook, forces["code"], "force_visits")
        lexicon.peacekeeping_code = _code_in(codebook, forces["peacekeeping_code"],
                                             "force_visits")
        lexicon.peacekeepers = frozenset(str(w).lower() for w in forces.get("peacekeepers") or [])
        lexicon.partner_missions = frozenset(str(w).lower() for w in forces.get("missions") or [])
    nouns = (table.get("demand_modals") or {}).get("nouns") or []
    lexicon.demand_nouns = frozenset(str(n).lower() for n in nouns)
    needs = (table.get("demand_modals") or {}).get("verbs") or []
    lexicon.demand_verbs = frozenset(str(v).lower() for v in needs)
    lexicon.verb_forms = {form: written for form, senses in lexicon.verbs.items()
                          if (written := [s for s in senses if s.as_written])}
    return lexicon


@cache
def verbs_table() -> dict[str, Any]:
    """verbs.yaml as parsed, once per process (the modality cues read its charge nouns too).
    Callers only read it."""
    return read_packaged("verbs.yaml")


@cache
def bare_infinitive_verbs() -> frozenset[str]:
    """The verbs of verbs.yaml whose infinitive goes without "to" ("helped Kenya build"),
    read where the parser's tags are mended, below any dictionary a user adds."""
    return frozenset(str(word).lower() for word in verbs_table().get("bare_infinitive_verbs")
                     or [])


@cache
def meeting_verbs() -> frozenset[str]:
    """The verbs of verbs.yaml that mean a meeting, a call or a visit (CAMEO 04) with whoever
    is their object: "met officials from Lima" meets Lima's officials (see
    ``DocumentActors._represented``). Verbs of travel ("flew to", "arrived in": their target
    named by a preposition) are not: "flew officials from Lima" moved them."""
    return frozenset(str(item["lemma"]).lower() for item in verbs_table().get("verbs") or []
                     if str(item.get("code", "")).startswith("04") and not any(
                         item.get(key) for key in ("object", "reverse", "prep", "particle",
                                                   "target_preps")))


def _attitudes(items: list[Any], codebook: Any,
               classes: dict[str, frozenset[str]] | None = None,
               ) -> tuple[tuple[str, frozenset[str]], ...]:
    cues = []
    for item in items:
        code = str(item.get("code", "")) if isinstance(item, dict) else ""
        if code not in codebook:
            raise DictionaryError(f"dictionary section 'attitude_cues': unknown code {code!r}")
        # a cue list may name an object class ("@disparagements": "said the claims were absurd")
        words = [str(w) for w in item.get("lemmas") or []]
        cues.append((code, _expand_objects(words, classes or {}, code, "attitude_cues")))
    return tuple(cues)


def _code_in(codebook: Any, code: Any, section: str) -> str:
    if str(code) not in codebook:
        raise DictionaryError(f"dictionary section '{section}': unknown code {code!r}")
    return str(code)


def _verbs_as_written(extension: dict[str, Any]) -> dict[str, Any]:
    """A PETRARCH verbs file's senses marked ``as_written`` where their lemma is a word form
    the file writes for that verb (``verbs_as_written``, see detente.petrarch.read_verbs)."""
    written = set(extension.get("verbs_as_written") or [])
    if not written:
        return extension
    verbs = [{**v, "as_written": True} if isinstance(v, dict) and v.get("lemma") in written
             else v for v in extension.get("verbs") or []]
    return {**extension, "verbs": verbs}


def _object_classes(table: dict, extensions: list[dict[str, Any]]) -> dict[str, frozenset[str]]:
    """Named classes of object nouns ("@ties", "@weapons"); an extension may add classes."""
    classes: dict[str, frozenset[str]] = {}
    for source in [table, *extensions]:
        for name, words in (source.get("object_classes") or {}).items():
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise DictionaryError(f"dictionary section 'object_classes': '{name}' needs a "
                                      "list of words")
            classes[str(name)] = frozenset(w.lower() for w in words)
    return classes


def _expand_objects(words: list[str], classes: dict[str, frozenset[str]], lemma: str,
                    section: str) -> frozenset[str]:
    expanded: set[str] = set()
    for word in words:
        word = str(word).lower()
        if not word.startswith("@"):
            expanded.add(word)
        elif word[1:] in classes:
            expanded |= classes[word[1:]]
        else:
            raise DictionaryError(f"dictionary section '{section}': '{lemma}' names unknown "
                                  f"object class {word!r}")
    return frozenset(expanded)


def _senses(items: list[Any], codebook: Any, section: str,
            classes: dict[str, frozenset[str]] | None = None,
            packaged: int | None = None,
            root_preps: dict[str, tuple[str, ...]] | None = None) -> dict[str, list[Sense]]:
    """Senses by lemma, most specific first; among equally specific senses a user's
    (the entries after the first ``packaged`` ones) come first, so they win when both fit."""
    packaged = len(items) if packaged is None else packaged
    by_lemma: dict[str, dict[tuple, Sense]] = {}
    from_user: set[Sense] = set()
    for index, item in enumerate(items):
        sense = _sense(item, section, classes or {}, root_preps or {})
        for code in (sense.code, sense.answer or sense.code):
            if code not in codebook:
                raise DictionaryError(
                    f"dictionary section '{section}': '{sense.lemma}' has unknown CAMEO code "
                    f"'{code}'"
                )
        # a negated sense ("will not tolerate") stands beside the plain one, never replaces it
        key = (sense.prep, sense.particle, sense.objects, sense.target_kind, sense.modifiers,
               sense.addressee, sense.negated, sense.prep_objects, sense.compound,
               sense.before_words, sense.place)
        by_lemma.setdefault(sense.lemma, {})[key] = sense  # later entries (extensions) win
        if index >= packaged:
            from_user.add(sense)
    return {
        lemma: sorted(senses.values(), key=lambda s: (-s.specificity, s not in from_user))
        for lemma, senses in by_lemma.items()
    }


def _sense(item: Any, section: str, classes: dict[str, frozenset[str]],
           root_preps: dict[str, tuple[str, ...]]) -> Sense:
    if not isinstance(item, dict) or "lemma" not in item or "code" not in item:
        raise DictionaryError(
            f"dictionary section '{section}': entry {item!r} needs lemma and code"
        )
    objects = item.get("object") or []
    if isinstance(objects, str):
        objects = [objects]
    preps = item.get("target_preps")
    modifiers = item.get("modifier") or []
    if isinstance(modifiers, str):
        modifiers = [modifiers]
    prep_objects = item.get("prep_object") or []
    if isinstance(prep_objects, str):
        prep_objects = [prep_objects]
    if prep_objects and not item.get("prep"):
        raise DictionaryError(f"dictionary section '{section}': '{item['lemma']}' has a "
                              "prep_object but no prep")
    place = str(item.get("place") or "").lower() or None
    if place and not preps:
        # the place's preposition names where, so it names no target
        default = root_preps.get(str(item["code"])[:2], DEFAULT_TARGET_PREPS)
        preps = [p for p in default if p != place]
    return Sense(
        lemma=str(item["lemma"]).lower(),
        code=str(item["code"]),
        prep=item.get("prep"),
        particle=item.get("particle"),
        objects=_expand_objects(objects, classes, str(item["lemma"]), section),
        target_preps=tuple(preps) if preps else root_preps.get(
            str(item["code"])[:2], DEFAULT_TARGET_PREPS),
        symmetric=bool(item.get("symmetric", False)),
        reverse=bool(item.get("reverse", False)),
        xcomp=bool(item.get("xcomp", False)),
        target_kind=item.get("target_kind"),
        modifiers=frozenset(str(m).lower() for m in modifiers),
        negated=bool(item.get("negated", False)),
        addressee=bool(item.get("addressee", False)),
        compound=bool(item.get("compound", False)),
        prep_objects=_expand_objects(prep_objects, classes, str(item["lemma"]), section),
        answer=str(item["answer"]) if item.get("answer") else None,
        as_written=bool(item.get("as_written", False)),
        before_words=frozenset(str(w).lower() for w in item.get("before_words") or []),
        place=place,
    )
