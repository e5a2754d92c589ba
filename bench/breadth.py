"""Breadth probe: does the coder find the common ways news states each kind of event?

The sentences in bench/data/breadth.yaml are written for the project, one or more per CAMEO root,
in the phrasings wire and broadcast news use most. They are not gold from any story: the probe
shows which kinds of event the lexicon and the argument finding miss, so that work goes to
general senses and constructions. A miss lists what was coded instead.

    .venv/bin/python bench/breadth.py
    .venv/bin/python bench/breadth.py --show-misses
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from detente.coder import Coder

PROBE = Path(__file__).resolve().parent / "data" / "breadth.yaml"


def found(events, item: dict) -> bool:
    return any(e.source.country == item["src"] and e.target.country == item["tgt"]
               and e.cameo_root == item["root"] for e in events)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    items = yaml.safe_load(PROBE.read_text(encoding="utf-8"))
    coder = Coder()
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for item in items:
        events = coder.code_text(item["text"], date="2024-06-01")
        totals[item["root"]] += 1
        if found(events, item):
            hits[item["root"]] += 1
        elif args.show_misses:
            got = ", ".join(f"{e.source.country}->{e.target.country} {e.cameo} [{e.trigger.text}]"
                            for e in events) or "nothing"
            print(f"MISS {item['src']}->{item['tgt']} {item['root']}: {item['text']}")
            print(f"     got {got}")
    for root in sorted(totals):
        print(f"root {root}: {hits[root]}/{totals[root]}")
    print(f"found {sum(hits.values())}/{len(items)} ({sum(hits.values()) / len(items):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
