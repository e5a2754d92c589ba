"""Score the coder against every gold set in ../shared/gold (format: that folder's README.md).

Prints, per set: core recall, precision and F1 at the (sentence, source country, target country,
quad class) level, CAMEO-root agreement and modality kept. When a gold file also carries
`people`, `equipment` or `transfers` sections, those are scored too:

    people:     - {name: "Ali Shamkhani", country: IRN, role: "Defense Minister"}   # role optional
    equipment:  - {key: "phrase of the sentence", text: "S-300PMU-1", category: air_defence}
    transfers:  - {key: "phrase", supplier: RUS, recipient: IRN, status: planned}

A person matches by name (case ignored) and country, with role agreement reported apart; an
equipment item by sentence, overlapping text and category; a transfer by sentence, supplier
and recipient, with status agreement reported apart.

    .venv/bin/python bench/accuracy.py                 # every *.yaml in ../shared/gold
    .venv/bin/python bench/accuracy.py --gold DIR --show-misses
    .venv/bin/python bench/accuracy.py --dictionary FILE   # with extensions or PETRARCH files
    .venv/bin/python bench/accuracy.py --gold DIR --causes  # what the misses are made of
    .venv/bin/python bench/accuracy.py --gold bench/data/voa_corpus   # real VOA, by offsets

A gold file may hold no texts of its own: with `corpus:` (a JSONL file under ../shared, each
line with `id` and `text`) and `documents:` (the ids it codes), each item names its sentence by
`doc` and `span: [start, end]`, character offsets of the key in that story, and `sha1`, the
first 10 hex digits of the key's SHA-1 (a corpus changed under the offsets is reported, not
scored). So gold for the shared real stories lives in the repository without their text.

``--causes`` counts each set's missed core items by what the coder did with their sentence:
coded nothing at all, coded another pair of states, or coded the pair in another quad class
(counts only: it reads no text, so it can be run on blind sets; ``--show-misses`` adds the
cause to each line).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from detente.coder import Coder

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_GOLD = SHARED / "gold"


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass
class SetScore:
    name: str
    core: int
    recalled: int
    tuples: int
    correct_tuples: int
    root_agree: int
    modality_items: int
    modality_kept: int
    miss_causes: Counter = field(default_factory=Counter)

    @property
    def recall(self) -> float:
        return self.recalled / self.core if self.core else 0.0

    @property
    def precision(self) -> float:
        return self.correct_tuples / self.tuples if self.tuples else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def alias_map(gold: dict) -> dict[str, str]:
    aliases = {}
    for canonical, names in (gold.get("country_aliases") or {}).items():
        for name in names:
            aliases[name] = canonical
    return aliases


def item_matches(item: dict, sentence: str, src: str, tgt: str, quad: int) -> bool:
    if normalise(item["key"]) not in normalise(sentence):
        return False
    if quad not in item["quads"]:
        return False
    direct = src == item["src"] and tgt == item["tgt"]
    reverse = item.get("symmetric") and src == item["tgt"] and tgt == item["src"]
    return bool(direct or reverse)


class UnusableSet(Exception):
    """A gold set that cannot be scored here (its texts are missing or have changed)."""


def key_digest(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def load_set(gold_file: Path) -> tuple[dict, list[dict]]:
    """A gold set and its documents (doc_id, date, text): from the JSONL beside it, or from
    the shared corpus it points into, its items' keys read at their offsets."""
    gold = yaml.safe_load(gold_file.read_text())
    if not gold.get("corpus"):
        jsonl = gold_file.with_suffix(".jsonl")
        if not jsonl.exists():
            raise UnusableSet(f"{gold_file}: no matching {jsonl.name}")
        return gold, [json.loads(line) for line in jsonl.read_text().splitlines()]
    corpus = SHARED / gold["corpus"]
    if not corpus.exists():
        raise UnusableSet(f"{gold_file}: its corpus {corpus} is not here; nothing scored")
    wanted = [str(i) for i in gold.get("documents") or []]
    stories = {}
    for line in corpus.read_text().splitlines():
        story = json.loads(line)
        if str(story["id"]) in wanted:
            stories[str(story["id"])] = story
    missing = [i for i in wanted if i not in stories]
    if missing:
        raise UnusableSet(f"{gold_file}: stories {', '.join(missing)} are not in {corpus}")
    for item in (gold.get("core") or []) + (gold.get("optional") or []):
        start, end = item["span"]
        item["key"] = stories[str(item["doc"])]["text"][start:end]
        if key_digest(item["key"]) != item["sha1"]:
            raise UnusableSet(f"{gold_file}: the text at {item['doc']} {start}-{end} is not the "
                              "key it was coded on (the corpus changed)")
    documents = [{"doc_id": i, "date": (stories[i].get("published") or "")[:10] or None,
                  "text": stories[i]["text"]} for i in wanted]
    return gold, documents


def usable_sets(gold_files: Iterable[Path]) -> Iterator[tuple[Path, dict, list[dict]]]:
    """Each gold set that can be scored here, with its documents; one line on stderr for each
    that cannot (its texts missing or changed), which is skipped."""
    for gold_file in gold_files:
        try:
            gold, documents = load_set(gold_file)
        except UnusableSet as problem:
            print(f"skipped: {problem}", file=sys.stderr)
            continue
        yield gold_file, gold, documents


def analyses(coder: Coder, documents: list[dict]) -> list:
    return [coder.analyse(coder.nlp(doc["text"]), doc["doc_id"], doc.get("date"))
            for doc in documents]


def score_set(coder: Coder, gold: dict, documents: list[dict], name: str,
              show_misses: bool) -> SetScore:
    aliases = alias_map(gold)
    core, optional = gold.get("core") or [], gold.get("optional") or []
    events = []
    found = analyses(coder, documents)
    score_extras(gold, found, aliases)
    for analysis in found:
        for event in analysis.events:
            src = aliases.get(event.source.country, event.source.country)
            tgt = aliases.get(event.target.country, event.target.country)
            if src and tgt and src != tgt:
                events.append((event, src, tgt))
    tuples = {(normalise(e.sentence), s, t, e.quad_class): e for e, s, t in events}
    correct = {
        key for key in tuples
        if any(item_matches(i, key[0], key[1], key[2], key[3]) for i in core + optional)
    }
    recalled = root_agree = modality_items = modality_kept = 0
    causes: Counter = Counter()
    for item in core:
        matching = [e for e, s, t in events if item_matches(item, e.sentence, s, t, e.quad_class)]
        if matching:
            recalled += 1
            agrees = any(e.cameo_root in item.get("roots", []) for e in matching)
            root_agree += agrees
            if show_misses and not agrees:
                print(f"  ROOT {item['src']}->{item['tgt']} wants {item.get('roots')}, got "
                      f"{sorted({e.cameo for e in matching})}: {item['key']}")
            if item.get("modality"):
                modality_items += 1
                kept = all(e.modality != "asserted" for e in matching)
                modality_kept += kept
                if show_misses and not kept:
                    print(f"  MODAL {item['src']}->{item['tgt']} wants {item['modality']}, got "
                          f"{sorted({e.modality for e in matching})}: {item['key']}")
        else:
            cause = miss_cause(item, events)
            causes[cause] += 1
            if show_misses:
                print(f"  MISS {item['src']}->{item['tgt']} q{item['quads']} ({cause}): "
                      f"{item['key']}")
    if show_misses:
        for key, event in tuples.items():
            if key not in correct:
                print(f"  FP   {key[1]}->{key[2]} q{key[3]} {event.cameo} "
                      f"'{event.trigger.text}' [{event.rule}]: {event.sentence[:110]}")
    return SetScore(name, len(core), recalled, len(tuples), len(correct), root_agree,
                    modality_items, modality_kept, causes)


MISS_CAUSES = ("nothing coded", "another pair", "another quad")


def miss_cause(item: dict, events: list) -> str:
    """What the coder did with a missed item's sentence (events as (event, src, tgt))."""
    key = normalise(item["key"])
    in_sentence = [(s, t) for e, s, t in events if key in normalise(e.sentence)]
    if not in_sentence:
        return MISS_CAUSES[0]
    pairs = {(item["src"], item["tgt"])}
    if item.get("symmetric"):
        pairs.add((item["tgt"], item["src"]))
    return MISS_CAUSES[2] if pairs & set(in_sentence) else MISS_CAUSES[1]


def score_extras(gold: dict, found: list, aliases: dict[str, str]) -> None:
    """People, equipment and transfers, for gold files that carry them."""
    country = lambda code: aliases.get(code, code)  # noqa: E731
    if gold.get("people"):
        people = [p for a in found for p in a.people]
        matched = [g for g in gold["people"] if any(
            p.name and p.name.lower() == g["name"].lower()
            and country(p.country) == country(g.get("country")) for p in people)]
        roles = [g for g in matched if g.get("role") and any(
            p.name.lower() == g["name"].lower() and (p.role or "").lower() == g["role"].lower()
            for p in people)]
        names = {g["name"].lower() for g in gold["people"]}
        correct = sum(1 for p in people if p.name and p.name.lower() in names)
        print(f"  people: recall {len(matched)}/{len(gold['people'])}, precision "
              f"{correct}/{len(people)}, role agreement {len(roles)}/"
              f"{sum(1 for g in matched if g.get('role'))}")
    if gold.get("equipment"):
        items = [(t, e) for a in found for t in a.transfers for e in t["equipment"]]
        hits = [g for g in gold["equipment"] if any(
            normalise(g["key"]) in normalise(t["sentence"])
            and (g["text"].lower() in e["text"].lower() or e["text"].lower() in g["text"].lower())
            and e["category"] == g.get("category", e["category"]) for t, e in items)]
        print(f"  equipment (in transfers): recall {len(hits)}/{len(gold['equipment'])}")
    if gold.get("transfers"):
        transfers = [t for a in found for t in a.transfers]

        def same(g: dict, t: dict) -> bool:
            sides = [country((t.get(s) or {}).get("country")) for s in ("supplier", "recipient")]
            return (normalise(g["key"]) in normalise(t["sentence"])
                    and sides == [g.get("supplier"), g.get("recipient")])

        hits = [g for g in gold["transfers"] if any(same(g, t) for t in transfers)]
        status = [g for g in hits if any(same(g, t) and t["status"] == g.get("status")
                                         for t in transfers)]
        right = sum(1 for t in transfers if any(same(g, t) for g in gold["transfers"]))
        print(f"  transfers: recall {len(hits)}/{len(gold['transfers'])}, precision "
              f"{right}/{len(transfers)}, status agreement {len(status)}/{len(hits)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder of gold sets")
    parser.add_argument("--show-misses", action="store_true", help="list misses and false hits")
    parser.add_argument("--causes", action="store_true",
                        help="count each set's misses by cause (no text printed)")
    parser.add_argument("--dictionary", action="append", default=[], metavar="FILE",
                        help="an extension or PETRARCH dictionary, as the coder's --dictionary "
                             "(repeatable)")
    args = parser.parse_args()
    sets = sorted(args.gold.glob("*.yaml"))
    if not sets:
        # a clean clone without ../shared beside it: nothing to score is not a failure
        print(f"{args.gold}: no gold sets (*.yaml) found; the shared gold is expected at "
              f"{DEFAULT_GOLD}. Nothing scored.", file=sys.stderr)
        return 0
    coder = Coder(dictionaries=args.dictionary)
    print(f"{'set':<14}{'core':>6}{'recall':>8}{'prec':>8}{'F1':>8}{'root':>8}{'modal':>8}")
    for gold_file, gold, documents in usable_sets(sets):
        if args.show_misses:
            print(f"== {gold_file.stem}")
        s = score_set(coder, gold, documents, gold_file.stem, args.show_misses)
        root = s.root_agree / s.recalled if s.recalled else 0.0
        modal = f"{s.modality_kept}/{s.modality_items}"
        print(f"{s.name:<14}{s.core:>6}{s.recall:>8.2f}{s.precision:>8.2f}{s.f1:>8.2f}"
              f"{root:>8.2f}{modal:>8}")
        if args.causes:
            print("  misses: " + ", ".join(f"{s.miss_causes[c]} {c}" for c in MISS_CAUSES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
