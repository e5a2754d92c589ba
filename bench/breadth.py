"""Breadth probe: does the coder find the common ways news states each kind of event?

The sentences in bench/data/breadth.yaml are written for the project, one or more per CAMEO root,
in the phrasings wire and broadcast news use most. They are not gold from any story: the probe
shows which kinds of event the lexicon and the argument finding miss, so that work goes to
general senses and constructions. A miss lists what was coded instead.

`--data` names another probe file in the same format, such as bench/data/heldout.yaml, a
held-out probe written without looking at the lexicon or running the coder (not to be tuned
on). An item may carry a `kind` (its construction; figures are then also printed per kind)
and may be negative, `none: true` instead of a root: it is right when no event between src and
tgt is coded, in either direction and of any modality. Items are counted found when the pair
and the CAMEO root match, and also, as the gold sets are scored, when the pair and the quad
class match (an arrest coded as an assault is the same material conflict).

    .venv/bin/python bench/breadth.py
    .venv/bin/python bench/breadth.py --show-misses
    .venv/bin/python bench/breadth.py --data bench/data/heldout.yaml --show-misses
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from detente.codebook import load_codebook
from detente.coder import Coder

PROBE = Path(__file__).resolve().parent / "data" / "breadth.yaml"

# The European Union's code is being renamed from EUR to EU: a probe may use either. The IMF
# and the World Bank count as the UN, as the gold sets' coding rules have it (CODING.md).
ALIASES = {"EUR": "EU", "IMF": "UNO", "WBK": "UNO"}


def _code(code: str | None) -> str | None:
    return ALIASES.get(code, code) if code else code


def found(events, item: dict) -> bool:
    src, tgt = _code(item["src"]), _code(item["tgt"])
    return any(_code(e.source.country) == src and _code(e.target.country) == tgt
               and e.cameo_root == item["root"] for e in events)


def found_in_quad(events, item: dict, quad: int) -> bool:
    """Found at the level the gold sets are scored at: the pair and the quad class."""
    src, tgt = _code(item["src"]), _code(item["tgt"])
    return any(_code(e.source.country) == src and _code(e.target.country) == tgt
               and e.quad_class == quad for e in events)


def between(events, item: dict) -> list:
    """The events coded between the item's two states, in either direction."""
    pair = {_code(item["src"]), _code(item["tgt"])}
    return [e for e in events
            if {_code(e.source.country), _code(e.target.country)} == pair]


def describe(events) -> str:
    def one(e) -> str:
        modality = getattr(e, "modality", "asserted")
        hedge = "" if modality == "asserted" else f" ({modality})"
        return f"{e.source.country}->{e.target.country} {e.cameo}{hedge} [{e.trigger.text}]"
    return ", ".join(one(e) for e in events) or "nothing"


def _rate(n: int, total: int) -> str:
    return f"{n}/{total} ({n / total:.2f})" if total else "0/0"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=PROBE,
                        help="probe file (default: bench/data/breadth.yaml)")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    items = yaml.safe_load(args.data.read_text(encoding="utf-8"))
    coder = Coder()
    codebook = load_codebook()
    root_quad = {entry.root: entry.quad_class for entry in codebook}
    quad_hits = 0
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    kind_hits: Counter[str] = Counter()
    kind_totals: Counter[str] = Counter()
    neg_right = neg_total = 0
    for item in items:
        events = coder.code_text(item["text"], date="2024-06-01")
        kind = item.get("kind")
        if item.get("none"):
            neg_total += 1
            wrong = between(events, item)
            ok = not wrong
            neg_right += ok
            if not ok and args.show_misses:
                print(f"FALSE {item['src']}-{item['tgt']} none: {item['text']}")
                print(f"     got {describe(wrong)}")
        else:
            totals[item["root"]] += 1
            ok = found(events, item)
            quad_hits += ok or found_in_quad(events, item, root_quad[item["root"]])
            if ok:
                hits[item["root"]] += 1
            elif args.show_misses:
                print(f"MISS {item['src']}->{item['tgt']} {item['root']}: {item['text']}")
                print(f"     got {describe(events)}")
        if kind:
            kind_totals[kind] += 1
            kind_hits[kind] += ok
    for root in sorted(totals):
        print(f"root {root}: {hits[root]}/{totals[root]}")
    positives = sum(totals.values())
    if kind_totals:
        width = max(len(k) for k in kind_totals)
        for kind in sorted(kind_totals, key=lambda k: (kind_hits[k] / kind_totals[k], k)):
            print(f"kind {kind:<{width}}  {_rate(kind_hits[kind], kind_totals[kind])}")
    print(f"found {sum(hits.values())}/{positives} ({sum(hits.values()) / positives:.2f})"
          if positives else "found 0/0")
    if positives:
        print(f"found in the right quad class {_rate(quad_hits, positives)}")
    if neg_total:
        print(f"negatives correct {_rate(neg_right, neg_total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
