"""Ingest throughput and store size against `detente code` on the same generated corpus.

    .venv/bin/python bench/ingest.py                    # 2,000 generated articles
    .venv/bin/python bench/ingest.py --articles 500

Prints articles/s and sentences/s for (a) coding alone (what `detente code` does) and
(b) ingest end to end into a fresh DuckDB store, their ratio, and the database size per
1,000 articles.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_articles  # noqa: E402

from detente.coder import Article, Coder  # noqa: E402
from detente.ingest.pipeline import Ingest, IngestOptions  # noqa: E402
from detente.store import Store  # noqa: E402


def write_jsonl(articles: list[tuple[str, str]], path: Path) -> None:
    import json

    with path.open("w", encoding="utf-8") as out:
        for doc_id, text in articles:
            out.write(json.dumps({"id": doc_id, "text": text, "source": "bench"}) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description="Ingest throughput and store size.")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    generated = generate_articles(args.articles, 12)
    coder = Coder()
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        write_jsonl(generated, corpus)

        start = time.perf_counter()
        sentences = 0
        for coded in coder.code_stream(Article(d, t) for d, t in generated):
            sentences += len(coded.sentences)
        code_seconds = time.perf_counter() - start

        db = Path(folder) / "bench.duckdb"
        start = time.perf_counter()
        with Store(db) as store:
            summary = Ingest(store, coder, IngestOptions(batch_size=args.batch_size)).run(
                [str(corpus)]
            )
        ingest_seconds = time.perf_counter() - start
        size = db.stat().st_size + (db.with_suffix(".duckdb.wal").stat().st_size
                                    if db.with_suffix(".duckdb.wal").exists() else 0)

    n = len(generated)
    print(f"articles {n}, sentences {sentences}, events stored {summary.events}, "
          f"repeated stories {summary.duplicates}")
    print(f"(a) detente code  {n / code_seconds:7.1f} articles/s  "
          f"{sentences / code_seconds:7.1f} sentences/s  ({code_seconds:.1f} s)")
    print(f"(b) detente ingest {n / ingest_seconds:6.1f} articles/s  "
          f"{sentences / ingest_seconds:7.1f} sentences/s  ({ingest_seconds:.1f} s)")
    print(f"ingest throughput / code throughput: {code_seconds / ingest_seconds:.2f}")
    print(f"database size: {size / 1e6:.1f} MB, {size / 1e6 / n * 1000:.1f} MB per 1,000 articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
