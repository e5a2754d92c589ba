"""Every miss and false hit of gold article sets, counted by cause.

For each core item the coder misses it records the gold root, the sentence's root verb, the
key's event word (the first word of the key the lexicon knows, else its first verb) and
whether the lexicon has it, whether the item's two actors are resolved anywhere in the
sentence, and what else the sentence coded; for each false hit, what kind it is. Then it
counts the classes, so the largest can be worked on first:

    .venv/bin/python bench/misses.py                      # the development article sets
    .venv/bin/python bench/misses.py --sets a,c,e --list  # chosen sets, with a line per item
    .venv/bin/python bench/misses.py --gold DIR           # every *.yaml of another folder

Classes of a miss (the first that holds): "wrong pair" and "wrong quad" (the sentence coded
another pair of states, or the pair in another quad class), "actor not found" (the source's or
the target's state is resolved nowhere in the sentence), "lexicon absent" (no word of the key
is in verbs.yaml), "lexicon gated" (a word of the key has only senses that need a preposition,
an object or a particle) and "lexicon open" (it has an unconstrained sense and still coded
nothing: argument finding). Recalled items whose modality was lost are counted as "modality".
A false hit is "in a gold sentence, wrong pair" (the sentence has a gold item, core or
optional, for other states), "in a gold sentence, wrong quad", or "no gold in the sentence".
Readable sets only: ``--list`` prints sentences (never give it a blind set's letters).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import accuracy

from detente import parsetable
from detente.actors.people import parse_day
from detente.actors.resolve import DocumentActors
from detente.coder import Coder

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
DEVELOPMENT_SETS = "acegklnpqrsw"
BLIND_SETS = frozenset("bdfhijmovx")
EVENT_POS = ("VERB", "NOUN", "ADJ")


@dataclass
class Miss:
    set_name: str
    item: dict
    kind: str
    root_lemma: str
    event_word: str
    lexicon: str  # absent, gated, open
    actors_found: str  # both, no source, no target, neither
    coded: str  # what the sentence coded, "src->tgt qN code" each


def key_span(doc, key: str):
    """The tokens of the key in the document (whitespace and case ignored), or None."""
    words = [re.escape(w) for w in key.split()]
    match = re.search(r"\s+".join(words), doc.text, flags=re.IGNORECASE)
    if not match:
        return None
    return doc.char_span(match.start(), match.end(), alignment_mode="expand")


def lexicon_status(lexicon, token) -> str:
    """absent, gated (only constrained senses) or open (a sense that needs nothing)."""
    lemma = token.lemma_.lower()
    table = {"VERB": lexicon.verbs, "NOUN": lexicon.nouns, "ADJ": lexicon.adjectives}
    senses = table.get(token.pos_, {}).get(lemma) or lexicon.verbs.get(lemma) or []
    if not senses:
        return "absent"
    return "open" if any(s.specificity == 0 for s in senses) else "gated"


def event_word(lexicon, span) -> tuple[str, str]:
    """The key's event word and its lexicon status: the first word the lexicon knows, else
    the first verb, else the first noun."""
    for token in span:
        if token.pos_ in EVENT_POS:
            status = lexicon_status(lexicon, token)
            if status != "absent":
                return f"{token.lemma_.lower()}/{token.pos_[0]}", status
    for pos in ("VERB", "NOUN"):
        token = next((t for t in span if t.pos_ == pos), None)
        if token is not None:
            return f"{token.lemma_.lower()}/{pos[0]}", "absent"
    return "-", "absent"


def sentence_states(coder: Coder, doc, date: str | None, aliases: dict) -> dict[int, set]:
    """The states (aliased) resolved on any word of each sentence, by sentence start."""
    found: dict[int, set] = {}
    with parsetable.coding(doc):
        actors = DocumentActors(doc, coder.actor_lexicon, coder.matcher, coder.office_holders,
                                parse_day(date), coder.sentence_coder.lexicon.speech_verbs)
        for sent in doc.sents:
            actors.observe(sent)
            states = set()
            for token in sent:
                if token.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
                    for actor in actors.actors_for(token, conjuncts=False):
                        if actor.country:
                            states.add(aliases.get(actor.country, actor.country))
            found[sent.start] = states
    return found


def examine_set(coder: Coder, gold_file: Path) -> tuple[list[Miss], list[tuple], int]:
    """Misses, false hits (kind, line) and the count of recalled items whose modality was lost."""
    gold, documents = accuracy.load_set(gold_file)
    aliases = accuracy.alias_map(gold)
    core, optional = gold.get("core") or [], gold.get("optional") or []
    lexicon = coder.sentence_coder.lexicon
    misses: list[Miss] = []
    false_hits: list[tuple] = []
    modality_lost = 0
    for document in documents:
        doc = coder.nlp(document["text"])
        analysis = coder.analyse(doc, document["doc_id"], document.get("date"))
        events = []
        for event in analysis.events:
            src = aliases.get(event.source.country, event.source.country)
            tgt = aliases.get(event.target.country, event.target.country)
            if src and tgt and src != tgt:
                events.append((event, src, tgt))
        states = sentence_states(coder, doc, document.get("date"), aliases)
        doc_items = [i for i in core if accuracy.normalise(i["key"]) in
                     accuracy.normalise(document["text"])]
        for item in doc_items:
            matching = [e for e, s, t in events
                        if accuracy.item_matches(item, e.sentence, s, t, e.quad_class)]
            if matching:
                if item.get("modality") and any(e.modality == "asserted" for e in matching):
                    modality_lost += 1
                continue
            misses.append(describe_miss(gold_file.stem, item, doc, events, states, lexicon))
        false_hits.extend(classify_false_hits(document, events, core + optional))
    return misses, false_hits, modality_lost


def describe_miss(set_name: str, item: dict, doc, events: list, states: dict, lexicon) -> Miss:
    span = key_span(doc, item["key"])
    key = accuracy.normalise(item["key"])
    coded = [f"{s}->{t} q{e.quad_class} {e.cameo}" for e, s, t in events
             if key in accuracy.normalise(e.sentence)]
    if span is None:
        return Miss(set_name, item, "key not found", "-", "-", "-", "-", ", ".join(coded))
    sent = span[0].sent
    word, status = event_word(lexicon, span)
    here = states.get(sent.start, set())
    sides = (item["src"] in here, item["tgt"] in here)
    actors_found = {(True, True): "both", (False, True): "no source",
                    (True, False): "no target", (False, False): "neither"}[sides]
    cause = accuracy.miss_cause(item, events)
    if cause == "another pair":
        kind = "wrong pair"
    elif cause == "another quad":
        kind = "wrong quad"
    elif actors_found != "both":
        kind = "actor not found"
    else:
        kind = f"lexicon {status}"
    return Miss(set_name, item, kind, sent.root.lemma_.lower(), word, status, actors_found,
                ", ".join(coded))


def classify_false_hits(document: dict, events: list, items: list[dict]) -> list[tuple]:
    text = accuracy.normalise(document["text"])
    present = [i for i in items if accuracy.normalise(i["key"]) in text]
    found = []
    seen = set()
    for event, src, tgt in events:
        sentence = accuracy.normalise(event.sentence)
        tuple_key = (sentence, src, tgt, event.quad_class)
        if tuple_key in seen:
            continue
        seen.add(tuple_key)
        if any(accuracy.item_matches(i, sentence, src, tgt, event.quad_class) for i in present):
            continue
        in_sentence = [i for i in present if accuracy.normalise(i["key"]) in sentence]
        pairs = {(i["src"], i["tgt"]) for i in in_sentence}
        pairs |= {(i["tgt"], i["src"]) for i in in_sentence if i.get("symmetric")}
        if not in_sentence:
            kind = "FP no gold in the sentence"
        elif (src, tgt) in pairs:
            kind = "FP gold sentence, wrong quad"
        else:
            kind = "FP gold sentence, wrong pair"
        line = (f"{src}->{tgt} q{event.quad_class} {event.cameo} '{event.trigger.text}' "
                f"[{event.rule}]: {event.sentence[:120]}")
        found.append((kind, event.trigger.lemma_.lower() if hasattr(event.trigger, "lemma_")
                      else event.trigger.text.lower(), line))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=DEVELOPMENT_SETS,
                        help="letters of bench/data/articles sets (default: development sets)")
    parser.add_argument("--gold", type=Path, help="score every *.yaml of this folder instead")
    parser.add_argument("--list", action="store_true", help="a line per miss and false hit")
    parser.add_argument("--top", type=int, default=25, help="event words listed per class")
    args = parser.parse_args()
    if args.gold:
        files = sorted(args.gold.glob("*.yaml"))
    else:
        letters = [s.strip() for s in args.sets.replace(",", "")]
        files = [ARTICLES / f"articles_{s}.yaml" for s in letters]
        if args.list and BLIND_SETS & set(letters):
            print("--list prints sentences: not on blind sets", file=sys.stderr)
            return 2
    coder = Coder()
    misses: list[Miss] = []
    false_hits: list[tuple] = []
    modality_lost = 0
    for gold_file in files:
        set_misses, set_false, set_modality = examine_set(coder, gold_file)
        misses += set_misses
        false_hits += set_false
        modality_lost += set_modality
    print_table(misses, false_hits, modality_lost, args.top)
    if args.list:
        print_lines(misses, false_hits)
    return 0


def print_table(misses: list[Miss], false_hits: list[tuple], modality_lost: int,
                top: int) -> None:
    kinds = Counter(m.kind for m in misses)
    print(f"misses {len(misses)}:")
    for kind, count in kinds.most_common():
        sets = len({m.set_name for m in misses if m.kind == kind})
        print(f"  {kind:<20}{count:>5}  ({sets} sets)")
        words = Counter(m.event_word for m in misses if m.kind == kind)
        print("      " + ", ".join(f"{w} {n}" for w, n in words.most_common(top)))
    actors = Counter(m.actors_found for m in misses if m.kind == "actor not found")
    print("  actor not found by side: " + ", ".join(f"{k} {v}" for k, v in actors.items()))
    roots = Counter(str((m.item.get("roots") or ["?"])[0]) for m in misses)
    print("  by gold root: " + ", ".join(f"{r} {n}" for r, n in sorted(roots.items())))
    print(f"modality lost (recalled, asserted where gold has one): {modality_lost}")
    print(f"false hits {len(false_hits)}:")
    for kind, count in Counter(k for k, _, _ in false_hits).most_common():
        words = Counter(w for k, w, _ in false_hits if k == kind)
        print(f"  {kind:<32}{count:>5}")
        print("      " + ", ".join(f"{w} {n}" for w, n in words.most_common(top)))


def print_lines(misses: list[Miss], false_hits: list[tuple]) -> None:
    for miss in sorted(misses, key=lambda m: (m.kind, m.event_word)):
        item = miss.item
        print(f"{miss.kind:<16} {miss.set_name[-1]} {item['src']}->{item['tgt']} "
              f"q{item['quads']} r{item.get('roots')} root={miss.root_lemma} "
              f"word={miss.event_word} actors={miss.actors_found} coded=[{miss.coded}]: "
              f"{item['key']}")
    for kind, _, line in sorted(false_hits):
        print(f"{kind}: {line}")


if __name__ == "__main__":
    sys.exit(main())
