"""How many repeated reports near-duplicate detection finds, on a corpus built from real stories.

    .venv/bin/python bench/dedup.py            # needs ../shared/corpora/voa

The 65 VOA stories are ingested as published by one outlet; 25 of them are republished by a
second outlet with the edits wire copy gets (a new first line, the last paragraph cut, a
changed word), and 5 more are rewritten enough that they should count as new stories. Prints
what the store marks as repeated and how many events a query then counts once.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path

from detente.coder import Coder
from detente.ingest.pipeline import Ingest
from detente.store import EventFilter, Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
VOA = SHARED / "corpora" / "voa" / "voa_stories.jsonl"


def republished(text: str) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    sentences = " ".join(paragraphs).split(". ")
    kept = sentences[: max(3, len(sentences) - 2)]  # the last lines cut for length
    edited = ". ".join(kept).replace(" said ", " told reporters ", 1)
    return f"(Second Outlet) Staff report. {edited}"


def rewritten(text: str, rng: random.Random) -> str:
    sentences = text.split(". ")
    rng.shuffle(sentences)
    return ". ".join(sentences[: len(sentences) // 2])


def main() -> int:
    if not VOA.exists():
        print(f"{VOA}: not found", file=sys.stderr)
        return 2
    stories = [json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(7)
    records = [{"id": s["id"], "text": s["text"], "source": "VOA",
                "date": s.get("published", "")[:10]} for s in stories]
    chosen = rng.sample(stories, 30)
    for story in chosen[:25]:
        records.append({"id": f"{story['id']}-copy", "text": republished(story["text"]),
                        "source": "Second Outlet", "date": story.get("published", "")[:10]})
    for story in chosen[25:]:
        records.append({"id": f"{story['id']}-rewrite", "text": rewritten(story["text"], rng),
                        "source": "Third Outlet", "date": story.get("published", "")[:10]})
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        corpus.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
        with Store(Path(folder) / "dedup.duckdb") as store:
            summary = Ingest(store, Coder()).run([str(corpus)])
            marked = store.query("SELECT doc_id FROM articles WHERE duplicate_of IS NOT NULL")
            every = len(store.events(EventFilter(all_reports=True)))
            once = len(store.events(EventFilter()))
    copies = {r["doc_id"] for r in marked}
    found = sum(1 for s in chosen[:25] if f"{s['id']}-copy" in copies)
    false = sum(1 for s in chosen[25:] if f"{s['id']}-rewrite" in copies) + sum(
        1 for d in copies if not d.endswith(("-copy", "-rewrite")))
    print(f"articles stored {summary.new}: 65 originals, 25 republished copies, 5 rewrites")
    print(f"marked as repeated: {len(copies)} (copies found {found}/25, wrongly marked {false})")
    print(f"events: {every} in all reports, {once} counted once "
          f"({every - once} repeats removed, {100 * (every - once) / max(every, 1):.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
