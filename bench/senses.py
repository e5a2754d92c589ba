"""How often each of the coder's senses is right, over every gold set at once.

For each (mechanism, CAMEO code, trigger word) the coder used, counts the distinct (sentence,
source country, target country, quad class) tuples that match a core or optional gold item
(right) and those that match none (false), and, for the false ones whose sentence the gold codes
for the same pair of states, which quad classes and roots the gold wanted there. A sense wrong
more often than right, where every coder wanted the same other code, is a default to change
(session 16 changed three this way); one wrong in many ways is a case to leave.

Reads no text out: only counts and codes are printed, so blind sets can be included.

    .venv/bin/python bench/senses.py                          # ../shared/gold
    .venv/bin/python bench/senses.py --gold DIR --gold DIR2   # several folders together
    .venv/bin/python bench/senses.py --min-false 2 --all      # every sense with 2 false or more
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import (  # noqa: E402
    DEFAULT_GOLD,
    alias_map,
    analyses,
    item_matches,
    normalise,
    usable_sets,
)

from detente.coder import Coder  # noqa: E402


@dataclass
class Tally:
    right: int = 0
    false: int = 0
    wanted: Counter[str] = field(default_factory=Counter)  # what gold coded the same pair as
    sets: set[str] = field(default_factory=set)


def same_pair(item: dict, source: str, target: str) -> bool:
    direct = (item["src"], item["tgt"]) == (source, target)
    return direct or bool(item.get("symmetric") and (item["tgt"], item["src"]) == (source,
                                                                                   target))


def tally_set(coder: Coder, gold: dict, documents: list[dict], name: str,
              tallies: dict[tuple[str, str, str], Tally]) -> None:
    aliases = alias_map(gold)
    items = (gold.get("core") or []) + (gold.get("optional") or [])
    seen: set[tuple] = set()
    for analysis in analyses(coder, documents):
        for event in analysis.events:
            source = aliases.get(event.source.country, event.source.country)
            target = aliases.get(event.target.country, event.target.country)
            if not source or not target or source == target:
                continue  # the scorer keeps only these
            key = (event.sentence, source, target, event.quad_class)
            if key in seen:
                continue
            seen.add(key)
            word = event.trigger.text.split()[0].lower() if event.trigger.text else ""
            tally = tallies.setdefault((event.rule, event.cameo, word), Tally())
            if any(item_matches(i, event.sentence, source, target, event.quad_class)
                   for i in items):
                tally.right += 1
                continue
            tally.false += 1
            sentence = normalise(event.sentence)
            for item in items:
                if normalise(item["key"]) in sentence and same_pair(item, source, target):
                    quads = ",".join(map(str, item["quads"]))
                    tally.wanted[f"q{quads} {'/'.join(item.get('roots') or [])}"] += 1
                    tally.sets.add(name)
                    break


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append",
                        help=f"folder of gold sets (repeatable; default {DEFAULT_GOLD})")
    parser.add_argument("--min-false", type=int, default=3,
                        help="list senses with at least this many false tuples")
    parser.add_argument("--all", action="store_true",
                        help="also those right more often than wrong")
    args = parser.parse_args()
    folders = [f for f in (args.gold or [DEFAULT_GOLD]) if f.is_dir()]
    files = sorted(p for f in folders for p in f.glob("*.yaml"))
    if not files:
        print("no gold sets found; nothing counted", file=sys.stderr)
        return 0
    coder = Coder()
    tallies: dict[tuple[str, str, str], Tally] = {}
    for path, gold, documents in usable_sets(files):
        tally_set(coder, gold, documents, path.stem, tallies)
    print(f"{'rule':<16}{'code':<6}{'word':<16}{'right':>6}{'false':>6}  gold wanted (same pair)")
    for (rule, code, word), tally in sorted(tallies.items(), key=lambda kv: -kv[1].false):
        if tally.false < args.min_false or (tally.right > tally.false and not args.all):
            continue
        wanted = ", ".join(f"{w} x{n}" for w, n in tally.wanted.most_common(4))
        print(f"{rule:<16}{code:<6}{word[:15]:<16}{tally.right:>6}{tally.false:>6}  {wanted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
