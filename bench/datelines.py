"""Does a dateline change what the coder finds? The VOA stories with and without one prepended.

    .venv/bin/python bench/datelines.py            # every story in ../shared/corpora/voa
    .venv/bin/python bench/datelines.py --limit 20 --show

Each story is coded as it is and once per typical dateline or byline put before it; an event is
(source, CAMEO code, target, trigger offset in the story). Prints, per dateline, the events found
and how many stories gained or lost any. With sentence boundaries taken from the text's
structure the counts should be equal.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from detente.coder import Article, Coder

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
VOA = SHARED / "corpora" / "voa" / "voa_stories.jsonl"

# made up for this harness, in the forms wire services use
DATELINES = (
    "Oslo, March 3, 2025\n",
    "OSLO, March 3 (Reuters) - ",
    "OSLO, March 3 (Reuters) -\n",
    "WASHINGTON (AP) — ",
    "OSLO — ",
    "2025-03-03\n",
    "By Kari Holm\n",
    "Oslo, March 3, 2025\nBy Kari Holm\n\n",
)


def signature(coded_events, shift: int) -> Counter:
    return Counter(
        (e.source.code if e.source else None, e.cameo, e.target.code if e.target else None,
         e.trigger.start - shift)
        for e in coded_events
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show", action="store_true", help="print each story that differs")
    args = parser.parse_args()
    if not VOA.exists():
        print(f"no corpus at {VOA}: nothing measured")
        return 0
    stories = [json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines()]
    stories = stories[: args.limit] if args.limit else stories
    coder = Coder()

    def code(prefix: str) -> list[Counter]:
        articles = [Article(str(s["id"]), prefix + s["text"], s["published"][:10]) for s in stories]
        return [signature(events, len(prefix)) for _, events in coder.code_articles(articles)]

    plain = code("")
    print(f"{'dateline':40} events  gained  lost  stories differing")
    print(f"{'(none)':40} {sum(sum(c.values()) for c in plain):6}")
    for prefix in DATELINES:
        found = code(prefix)
        pairs = list(zip(found, plain, strict=True))
        gained = sum(sum((f - p).values()) for f, p in pairs)
        lost = sum(sum((p - f).values()) for f, p in pairs)
        differing = [s["id"] for s, (f, p) in zip(stories, pairs, strict=True) if f != p]
        print(f"{prefix!r:40} {sum(sum(c.values()) for c in found):6} {gained:7} {lost:5}"
              f"  {len(differing)}")
        if args.show:
            for story, (f, p) in zip(stories, pairs, strict=True):
                if f != p:
                    print(f"    {story['id']}: +{dict(f - p)} -{dict(p - f)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
