"""Coding speed: the bare spaCy pipeline against detente end to end, on the same text, in one run.

    .venv/bin/python bench/speed.py                      # 6,000 generated sentences
    .venv/bin/python bench/speed.py --sentences 20000 --processes 2
    .venv/bin/python bench/speed.py --voa                # the real VOA corpus in ../shared

Prints sentences per second for (a) spaCy alone and (b) spaCy plus detente's coding, and the
overhead of the coding as a ratio.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_articles  # noqa: E402

from detente.coder import EVENT_COMPONENT, PIPE_BATCH, Article, Coder  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
VOA = SHARED / "corpora" / "voa" / "voa_stories.jsonl"


def voa_articles() -> list[Article]:
    lines = VOA.read_text(encoding="utf-8").splitlines()
    return [Article(str(d["id"]), d["text"]) for d in map(json.loads, lines)]


def main() -> int:
    parser = argparse.ArgumentParser(description="Coding speed against bare spaCy.")
    parser.add_argument("--sentences", type=int, default=6000)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=PIPE_BATCH)
    parser.add_argument("--voa", action="store_true", help="use ../shared/corpora/voa instead")
    args = parser.parse_args()

    if args.voa:
        articles = voa_articles()
    else:
        per_article = 12
        generated = generate_articles(max(1, args.sentences // per_article), per_article)
        articles = [Article(doc_id, text) for doc_id, text in generated]
    coder = Coder()
    nlp = coder.nlp
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:20]))  # warm up

    start = time.perf_counter()
    with nlp.select_pipes(disable=[EVENT_COMPONENT]):
        sentences = sum(
            len(list(doc.sents))
            for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.processes)
        )
    bare = time.perf_counter() - start

    start = time.perf_counter()
    events = sum(
        len(found)
        for _, found in coder.code_articles(articles, args.batch_size, args.processes)
    )
    full = time.perf_counter() - start

    print(f"articles {len(articles)}, sentences {sentences}, events {events}, "
          f"processes {args.processes}")
    print(f"(a) spaCy alone       {sentences / bare:9.1f} sentences/s  ({bare:.1f} s)")
    print(f"(b) detente end to end {sentences / full:8.1f} sentences/s  ({full:.1f} s)")
    overhead = 100 * (full / bare - 1)
    print(f"ratio (b time / a time) {full / bare:.3f}  (coding adds {overhead:.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
