"""Whether an event is asserted, hedged, planned, conditional, or denied.

The cues live in ``data/modality.yaml``; this module walks from the trigger up the clause chain
(xcomp, ccomp, conj, advcl) looking for them, so "It may be that Lima will send ..." and
"If the embargo is lifted, Caracas will reopen talks" are read from the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from detente import parsetable as tree
from detente.datafiles import read_packaged
from detente.events.lexicon import verbs_table

NEGATED = "negated"
QUESTION = "question"  # "whether X will help Y": nothing is asserted
# Clause links through which a governing word's modality reaches the event.
GOVERNING_DEPS = {"xcomp", "ccomp", "acomp", "csubj", "advcl", "conj", "pcomp", "relcl", "acl",
                  "dobj"}
# links inside a phrase: a gerund under its preposition, the preposition under its head, a
# noun object under its verb
PHRASE_LINKS = ("pcomp", "prep", "dobj")
PRECEDENCE = ("conditional", "possible", "future", "intended", "asserted")
# the labels of the children that can negate a word (``is_negated``) or mark its modality
# (``modality_of``)
NEGATING_LABELS = ("neg", "advmod", "nsubj", "nsubjpass", "dobj", "attr")
MODAL_LABELS = ("aux", "auxpass", "advcl", "advmod", "acomp", "attr")


@dataclass(frozen=True)
class ModalityCues:
    negation: frozenset[str]
    negative_determiners: frozenset[str]
    negative_quantifiers: frozenset[str]
    denial_verbs: frozenset[str]
    negative_subjects: frozenset[str]
    negative_preconjunctions: frozenset[str]
    abstaining_verbs: frozenset[str]
    pending_adverbs: frozenset[str]
    counterfactual_modals: frozenset[str]
    hearsay_modifiers: frozenset[str]
    ended_adverbs: frozenset[str]
    doubting_heads: frozenset[str]
    belief_verbs: frozenset[str]
    no_comment_verbs: frozenset[str]
    no_comment_acts: frozenset[str]
    charge_nouns: frozenset[str]  # "..., a charge Abu Dhabi denies": the charge stands
    report_denial_verbs: frozenset[str]
    conditional_markers: frozenset[str]
    possible_aux: frozenset[str]
    possible_heads: frozenset[str]
    possible_verbs: frozenset[str]
    raising_verbs: frozenset[str]
    forgoing_words: frozenset[str]
    seeming_verbs: frozenset[str]
    question_markers: frozenset[str]
    asking_verbs: frozenset[str]
    asking_markers: frozenset[str]
    wish_heads: frozenset[str]
    future_aux: frozenset[str]
    future_heads: frozenset[str]
    future_modifiers: frozenset[str]  # "a planned summit": not held yet
    possible_modifiers: frozenset[str]  # "a possible sale": maybe
    intended_heads: frozenset[str]
    deciding_heads: frozenset[str]
    readiness_heads: frozenset[str]


@cache
def load_modality_cues() -> ModalityCues:
    table = read_packaged("modality.yaml")

    def words(section: str, key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in (table.get(section) or {}).get(key) or [])

    return ModalityCues(
        negation=words("negation", "dependents"),
        negative_determiners=words("negation", "determiners"),
        negative_quantifiers=words("negation", "quantifiers"),
        denial_verbs=words("negation", "denial_verbs"),
        negative_subjects=words("negation", "subjects"),
        negative_preconjunctions=words("negation", "preconjunctions"),
        abstaining_verbs=words("negation", "abstaining_verbs"),
        pending_adverbs=words("negation", "pending_adverbs"),
        counterfactual_modals=words("negation", "counterfactual_modals"),
        hearsay_modifiers=words("possible", "hearsay_modifiers"),
        ended_adverbs=words("negation", "ended_adverbs"),
        doubting_heads=words("negation", "doubting_heads"),
        belief_verbs=words("negation", "belief_verbs"),
        no_comment_verbs=words("negation", "no_comment_verbs"),
        no_comment_acts=words("negation", "no_comment_acts"),
        # one list of charges, kept with the verbs' object classes
        charge_nouns=frozenset(str(w).lower() for w in (
            verbs_table().get("object_classes") or {}).get("allegations") or []),
        report_denial_verbs=words("negation", "report_denial_verbs"),
        conditional_markers=words("conditional", "markers"),
        possible_aux=words("possible", "auxiliaries"),
        possible_heads=words("possible", "heads"),
        possible_verbs=words("possible", "verbs"),
        raising_verbs=words("possible", "raising") | words("possible", "seeming"),
        forgoing_words=words("negation", "forgoing"),
        seeming_verbs=words("possible", "seeming"),
        question_markers=words("question", "markers"),
        asking_verbs=words("question", "asking_verbs"),
        asking_markers=words("question", "asking_markers"),
        wish_heads=words("wish", "heads"),
        future_aux=words("future", "auxiliaries"),
        future_heads=words("future", "heads"),
        future_modifiers=words("future", "modifiers"),
        possible_modifiers=words("possible", "modifiers"),
        intended_heads=words("intended", "heads"),
        deciding_heads=words("intended", "deciding"),
        readiness_heads=words("intended", "readiness"),
    )


def asks_a_question(verb: Token, cues: ModalityCues) -> bool:
    """"asked the minister if he agreed": a question put, not a request made."""
    return verb.lemma_.lower() in cues.asking_verbs and any(
        c.dep_ in ("ccomp", "advcl") and any(m.dep_ == "mark" and m.lower_ in cues.asking_markers
                                  for m in c.children)
        for c in verb.children)


def supposed_in_a_condition(trigger: Token, cues: ModalityCues) -> bool:
    """"... would strike back if Hanoi sent troops": what a condition supposes (the clause
    after "if", "unless") is not reported as done, nor as to come; the main clause is the
    event ("would strike back", a threat)."""
    return any(word.dep_ == "advcl" and tree.has_child(word, "mark", cues.conditional_markers)
               for word in clause_chain(trigger))


def depth_zero_counterfactual(trigger: Token, cues: ModalityCues) -> bool:
    """"would have invaded", "could have blocked": a modal with the perfect "have" on the
    event's own verb tells what did not happen."""
    auxes = tree.labelled(trigger, "aux")
    return trigger.tag_ == "VBN" and any(a.lower_ in cues.counterfactual_modals for a in auxes) \
        and any(a.lemma_.lower() == "have" for a in auxes)


def is_negated(token: Token, cues: ModalityCues) -> bool:
    """A `neg` child, "never", or a "no" determiner on the object ("had no plans")."""
    if token.pos_ == "NOUN" and (tree.has_child(token, "det", cues.negative_determiners)
                                 or _scarce(token, cues)):
        return True
    if token.lemma_ in ("have", "be") and tree.has_child(token, "advmod", cues.pending_adverbs):
        return True  # "has yet to establish ties": not done (so far)
    # (only children with these labels can say so)
    for child in tree.labelled(token, NEGATING_LABELS):
        label = child.dep_
        if label == "neg" or (label == "advmod" and child.lower_ in cues.negation):
            return True
        if label == "advmod" and child.lower_ in cues.ended_adverbs and tree.has_child(
                child, "neg"):
            return True  # "no longer buys"
        if label == "nsubj" and child.lower_ in cues.negative_subjects:
            return True
        if label in ("nsubj", "nsubjpass") and tree.has_child(
                child, ("preconj", "det"), cues.negative_preconjunctions):
            return True
        if label in ("dobj", "nsubj", "nsubjpass", "attr") and tree.has_child(
                child, "det", cues.negative_determiners):
            return True
    return False


def absolute_clause(verb: Token) -> bool:
    """"with Moscow warning of retaliation, ...": a clause with its own subject after "with",
    which the main clause's modality does not reach."""
    return verb.dep_ == "pcomp" and verb.head.lower_ == "with" and any(
        c.dep_ == "nsubj" for c in verb.children)


def outside_modal(verb: Token) -> bool:
    """"hoped Lima would show restraint and supported an inquiry", "items that could benefit
    Iran and continues to hold it accountable": a finite verb joined to a bare verb under a
    modal cannot share that verb's subject; the parser has joined it too low."""
    if verb.dep_ != "conj":
        return False  # (most words asked are no conjunct: their head is not made)
    head = verb.head
    return verb.tag_ in ("VBD", "VBZ", "VBP") and head.tag_ == "VB" and (
        any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children))


def joined_too_low(verb: Token) -> bool:
    """Whether the parser has joined a verb to one whose form it cannot share: under a modal
    (`outside_modal`) or in another form inside a complement (`joined_in_another_form`)."""
    return outside_modal(verb) or joined_in_another_form(verb)


def joined_in_another_form(verb: Token) -> bool:
    """"said B was 'arming rebels' and called on C to act", "said B 'treats us like servants'
    and mocked C", "said they were disappointed by the vote and called on C", "closed the
    offices, prompting B to raise its alert and drawing a rebuke from C": a conjunct with no
    subject or auxiliary of its own, in a form the complement clause's verb cannot share (a
    simple past beside a progressive, a present or a passive; a gerund beside an infinitive),
    is the second verb of the clause above it, not of the complement."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass")
                                  for c in verb.children):
        return False
    head = verb.head
    if verb.tag_ == "VBG":
        return head.dep_ == "xcomp" and head.tag_ == "VB" and any(
            c.dep_ == "aux" and c.tag_ == "TO" for c in head.children)
    if verb.tag_ != "VBD" or head.dep_ != "ccomp":
        return False
    if head.tag_ in ("VBZ", "VBP"):
        return True
    if head.tag_ == "VBG":  # (a progressive; "was arming ... and called" is no "was called")
        return any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children)
    # ("were disappointed ... and called on C": an active verb with its own object)
    return head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in head.children) and any(
        c.dep_ in ("dobj", "dative", "prt") for c in verb.children)


def finite_peer(verb: Token) -> Token | None:
    """The nearest verb above a misjoined finite verb with its tense: what it is joined to."""
    current = verb.head
    for _ in range(12):  # (clause chains are short; the bound keeps odd parses cheap)
        if current.head == current:
            return None
        current = current.head
        if current.tag_ == verb.tag_ and current.pos_ in ("VERB", "AUX"):
            return current
    return None


def clause_chain(trigger: Token, stop_at: Token | None = None) -> list[Token]:
    """The trigger and the words governing it through clause links, nearest first."""
    chain = [trigger]
    current = trigger
    while current.head != current and (
        current.dep_ in GOVERNING_DEPS
        # "interested in talking": a gerund's preposition passes the chain on to its head
        or (current.dep_ == "prep" and chain[-2:-1] and chain[-2].dep_ == "pcomp")
        # "a war between them would cost trillions", "what would be his first visit": an
        # event noun that is its clause's subject or predicate takes the clause's modality
        or (current is trigger and current.pos_ == "NOUN"
            and current.dep_ in ("nsubj", "nsubjpass", "attr"))
    ):
        if current is stop_at or absolute_clause(current):
            break
        # ("items that could benefit Iran and continues to hold it": not under "could")
        current = (finite_peer(current) if joined_too_low(current) else None) or current.head
        chain.append(current)
    return chain


def _own_clause(chain: list[Token], cues: ModalityCues) -> set[int]:
    """Depths in a clause chain of the verbs whose "would" marks the event's own clause: its
    first verb, and verbs it shares an auxiliary with ("would continue to help", "would open
    the border and establish ties": the infinitive or the bare conjunct has none of its own;
    not a verb of intending or wishing, whose own cue says more: "would love to meet")."""
    first = next((d for d, w in enumerate(chain) if w.pos_ in ("VERB", "AUX")), 0)
    depths = {first}
    for depth in range(first + 1, len(chain)):
        below, above = chain[depth - 1], chain[depth]
        if below.dep_ in PHRASE_LINKS and above.pos_ not in ("VERB", "AUX"):
            continue  # ("would begin talks on upgrading ties": inside the object's phrase)
        # ("would retaliate by expelling", "would begin talks on upgrading": an act named in
        # the object or a prepositional phrase of a verb is in that verb's clause)
        shares = below.dep_ in ("xcomp", *PHRASE_LINKS) or (below.dep_ == "conj" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in below.children))
        if not shares or above.pos_ not in ("VERB", "AUX") or (
                above.lemma_.lower() in cues.intended_heads | cues.wish_heads):
            break
        depths.add(depth)
    return depths


def modality_of(trigger: Token, cues: ModalityCues, owner: Token | None = None) -> str:
    """The modality of the event whose trigger is given, or NEGATED.

    ``owner`` is the verb whose subject is the event's source when the trigger is an embedded
    infinitive ("Spain stands ready to send"): cues above it still count.
    """
    found: set[str] = set()
    predicated = _predicate_of(trigger)
    if predicated in cues.doubting_heads:
        return NEGATED  # "a Saudi recognition of Israel remains unlikely"
    if predicated in cues.possible_heads:
        found.add("possible")
    chain = clause_chain(trigger)
    # "would" marks the clause the event is in: the verb of an event noun ("said the UAE would
    # host talks"), not a clause above it
    own_clause = _own_clause(chain, cues)
    if _forgone(trigger, cues):
        return NEGATED
    if depth_zero_counterfactual(trigger, cues):
        return NEGATED  # "Israel would have invaded": what would have happened did not
    for depth, word in enumerate(chain):
        if is_negated(word, cues) and (
            depth == 0 or _negation_reaches(chain, depth) or _negative_subject(word, cues)
        ):
            return NEGATED
        if depth > 0 and chain[depth - 1].dep_ == "ccomp" and is_negated(word, cues):
            # "did not confirm that the militia had crossed": what a clause says is not
            # asserted by whoever does not say it (nor denied: "did not say that ...")
            found.add("possible")
        if depth > 0 and chain[depth - 1].dep_ == "xcomp" and declines_to_comment(word, cues):
            if depth == 1:
                return NEGATED  # "declined to confirm ...": nothing was said
            found.add("possible")  # "declined to confirm that X had ...": nor is X asserted
        lemma = word.lemma_.lower()
        # (a verb joined to a denial, a doubt or a refusal is not under it: "denied any role
        # and accused Kabul of ...", "declined to attend and condemned the vote")
        governs = depth > 0 and chain[depth - 1].dep_ != "conj"
        if governs and lemma in cues.denial_verbs and not _charge_denied(trigger, word, cues):
            return NEGATED
        if governs and (_doubted(word, lemma, cues) or lemma in cues.abstaining_verbs):
            return NEGATED
        if depth > 1 and lemma in cues.report_denial_verbs and chain[depth - 2].dep_ in (
            "acl", "ccomp", "relcl"
        ) and chain[depth - 1].pos_ in ("NOUN", "PROPN"):
            return NEGATED  # "rejected reports that it had struck ...", not "rejected a demand"
        if depth == 1 and lemma in cues.report_denial_verbs and chain[0].dep_ == "ccomp":
            # "rejected the claim from Lima that it had struck ...": the parser may hang the
            # claim's clause on the verb
            return NEGATED
        for child in tree.labelled(word, MODAL_LABELS):
            label = child.dep_
            if label in ("aux", "auxpass"):
                aux = child.lower_
                if aux in cues.future_aux or child.lemma_.lower() in cues.future_aux:
                    found.add("future")
                elif aux in cues.possible_aux:
                    found.add("possible")
                elif aux == "would" and depth in own_clause:
                    found.add("conditional" if _has_condition(word, cues) else "future")
            if label == "advcl" and tree.has_child(child, "mark", cues.conditional_markers):
                found.add("conditional")
            if label == "advmod" and child.lower_ in cues.possible_heads:
                found.add("possible")
            if depth > 0 and label in ("acomp", "attr") and child != chain[depth - 1]:
                # "It is possible that ...": the cue is a complement of the governing copula
                found.update(_governing_cue(child, child.lemma_.lower(), cues))
        if word.dep_ == "advcl" and tree.has_child(word, "mark", cues.conditional_markers):
            found.add("conditional")
        if depth == 0 and word.pos_ == "NOUN":
            # "before a planned summit", "the possible sale of jets": an act named as to come
            modifiers = {w for c in word.children if c.dep_ == "amod"
                         for w in (c.lower_, c.lemma_.lower())}
            if modifiers & cues.future_modifiers:
                found.add("future")
            if modifiers & cues.possible_modifiers:
                found.add("possible")
        if depth == 0 and purpose_clause(word):
            found.add("intended")  # "signed a pact to fight X": the fight is the pact's aim
        if tree.has_child(word, "mark", cues.question_markers):
            return QUESTION
        if _asked_if(word, cues) or (depth == len(chain) - 1 and _direct_question(word)):
            return QUESTION
        if depth > 0 and word.pos_ == "NOUN" and lemma in cues.charge_nouns and chain[
                depth - 1].dep_ in ("acl", "ccomp") and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in chain[depth - 1].children):
            found.add("possible")  # "reports that jets struck Syria": told, not known
        if depth > 0 and chain[depth - 1].dep_ not in ("conj", "advcl"):
            # "is considering sanctions and warned ...", "pledged aid, while Britain announced
            # sanctions": a sibling's or a main clause's verb does not govern the clause
            found.update(_governing_cue(word, lemma, cues))
    return next((m for m in PRECEDENCE if m in found), "asserted")


def wisher(trigger: Token, cues: ModalityCues) -> Token | None:
    """The subject of a hope or wish the event is the content of ("she hopes X will ...")."""
    for word in clause_chain(trigger)[1:]:
        if word.lemma_.lower() in cues.wish_heads:
            return next((c for c in word.children if c.dep_ == "nsubj"), None)
    return None


def negated_intent(trigger: Token, cues: ModalityCues) -> bool:
    """"had no plans to recognise", "does not intend to meet": a refusal, not a non-event."""
    chain = clause_chain(trigger)
    for depth, word in enumerate(chain[1:], start=1):
        if word.lemma_.lower() in cues.intended_heads:
            if word.lemma_.lower() in cues.wish_heads:
                # "does not want to meet Kim": a wish not had is no refusal (CODING), unlike
                # a negated plan
                return False
            governing = chain[depth + 1] if depth + 1 < len(chain) else None
            return is_negated(word, cues) or (
                word.dep_ == "dobj" and governing is not None and is_negated(governing, cues)
            )
    return False


def negated_future(trigger: Token, cues: ModalityCues) -> bool:
    """"will not approve", "would not attend": the act itself negated with a future auxiliary,
    a stated refusal rather than a report that something did not happen."""
    if not any(c.dep_ == "neg" for c in trigger.children):
        return False
    return any(c.dep_ == "aux" and (c.lower_ in cues.future_aux or c.lower_ == "would"
                                    or c.lemma_.lower() in cues.future_aux)
               for c in trigger.children)


def _charge_denied(trigger: Token, denial: Token, cues: ModalityCues) -> bool:
    """"X accused Y of arming the rebels, a charge Z denies": the parser hangs the accusation
    on the denial, but what is denied is the charge, not that X made it."""
    return denial.i > trigger.i and any(
        t.lemma_.lower() in cues.charge_nouns for t in trigger.doc[trigger.i + 1 : denial.i])


def purpose_clause(word: Token) -> bool:
    """An infinitive of purpose: "sent troops to deter Baku", "met to discuss the border"."""
    return word.dep_ == "advcl" and word.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in word.children)


def _scarce(noun: Token, cues: ModalityCues) -> bool:
    """"little reason to think", "few signs that": a scarce ground denies what it grounds
    (but "a little pressure" is some pressure)."""
    return any(c.lower_ in cues.negative_quantifiers and not tree.has_child(noun, None, "a")
               for c in tree.labelled(noun, "amod"))


def _hearsay_source(word: Token, cues: ModalityCues) -> bool:
    """"Rumours suggested ...", "unconfirmed reports said ...": what a rumour or an
    unconfirmed report says is possible, not asserted."""
    subject = tree.child(word, "nsubj")
    if subject is None:
        return False
    # (a plural opening the sentence may keep its ending in its lemma: "Rumours suggested")
    names = {subject.lemma_.lower(), subject.lower_.removesuffix("s")}
    return not names.isdisjoint(cues.possible_heads) or any(
        c.dep_ == "amod" and c.lower_ in cues.hearsay_modifiers for c in subject.children)


def _forgone(verb: Token, cues: ModalityCues) -> bool:
    """"struck without warning Beirut", "instead of sanctioning Moscow", "rather than
    sanctioning Moscow": an act named as not done."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ in cues.forgoing_words:
        return True  # "without"
    if verb.dep_ == "pcomp" and head.lower_ == "of" and any(
            c.lower_ in cues.forgoing_words for c in head.children):
        return True  # "instead of"
    return verb.dep_ == "conj" and any(
        c.dep_ == "cc" and any(m.lower_ in cues.forgoing_words for m in c.children)
        for c in head.children if c.i < verb.i)  # "rather than"


def _governing_cue(word: Token, lemma: str, cues: ModalityCues) -> set[str]:
    if lemma in cues.possible_heads or lemma in cues.possible_verbs:
        return {"possible"}
    if _hearsay_source(word, cues):
        return {"possible"}
    if lemma in cues.raising_verbs and (lemma in cues.seeming_verbs or any(
            c.dep_ == "auxpass" for c in word.children)):
        # "Iran is believed to have supplied ...", "Seoul appears to have sent ...": a belief
        # or an appearance, not an assertion
        return {"possible"}
    if lemma in cues.future_heads:
        return {"future"}
    if lemma in cues.intended_heads:
        return {"intended"}
    return set()


def _predicate_of(noun: Token) -> str | None:
    """What an event noun that is a clause's subject is said to be ("the visit is likely")."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    predicate = next((c for c in noun.head.children if c.dep_ in ("acomp", "attr")), None)
    return predicate.lemma_.lower() if predicate is not None else None


def _doubted(word: Token, lemma: str, cues: ModalityCues) -> bool:
    """"it is unlikely that ...", "analysts doubt that ...", "do not expect X to ...", "few
    believe that ...": the clause is predicted not to happen."""
    if lemma in cues.doubting_heads:
        return True
    if any(c.lemma_.lower() in cues.doubting_heads
           for c in tree.labelled(word, ("acomp", "attr"))):
        return True
    if lemma not in cues.belief_verbs:
        return False
    subject = tree.child(word, "nsubj")
    scarce_subject = subject is not None and tree.has_child(
        subject, "amod", cues.negative_quantifiers)
    return scarce_subject or tree.has_child(word, "neg")


def _asked_if(word: Token, cues: ModalityCues) -> bool:
    """"Asked if Ankara would mediate, the minister ...": the clause of a question put."""
    return word.head.lemma_.lower() in cues.asking_verbs and tree.has_child(
        word, "mark", cues.asking_markers)


def _direct_question(root: Token) -> bool:
    """"Will Tokyo apologise to Seoul?": a sentence that asks, not one that reports. Only a
    question mark at the end of the clause's own sentence, outside quotation marks, counts."""
    sent, doc = tree.sentence(root), root.doc
    last = sent.end - 1  # (the last word only: this runs for every clause of every sentence)
    while last >= sent.start and doc[last].is_space:
        last -= 1
    if last < sent.start or doc[last].is_quote:
        return False  # a quoted question ends the sentence: someone asked it, nothing happened
    return doc[last].text == "?" and tree.root_of(sent) == root.i


def declines_to_comment(verb: Token, cues: ModalityCues) -> bool:
    """"declined to say whether ...", "refused to comment": no refusal of anything asked."""
    return verb.lemma_.lower() in cues.no_comment_verbs and any(
        c.lemma_.lower() in cues.no_comment_acts for c in tree.labelled(verb, "xcomp"))


def _negative_subject(word: Token, cues: ModalityCues) -> bool:
    """"Nobody expects Beijing to apologise": a negative subject denies the whole clause."""
    return any(c.dep_ == "nsubj" and c.lower_ in cues.negative_subjects for c in word.children)


def _negation_reaches(chain: list[Token], depth: int) -> bool:
    # "did not agree to meet" negates the meeting; "said it would not ..." is handled at depth 0.
    # "had no plans to recognise" negates the recognising too (through the noun's clause).
    # "will not allow Moscow to blackmail us": an infinitive with its own subject, too
    below = chain[depth - 1]
    return below.dep_ in ("xcomp", "acl", "relcl") or (
        below.dep_ == "dobj" and depth >= 2 and chain[depth - 2].dep_ == "acl"
    ) or (below.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to"
                                        for c in below.children))


def _has_condition(word: Token, cues: ModalityCues) -> bool:
    return any(
        child.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in cues.conditional_markers for m in child.children)
        for child in word.children
    )
