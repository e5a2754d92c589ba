"""Memory over a long run: resident memory every N articles while coding, and while ingesting
into a fresh event store, with the slope of the growth after warm-up.

    .venv/bin/python bench/memory.py                        # 2,000 generated articles, both
    .venv/bin/python bench/memory.py --articles 500 --mode code
    .venv/bin/python bench/memory.py --mode ingest --every 32 --fresh-words 20

The first ``--warmup`` share of the run is left out of the slope: lazily loaded tables, spaCy's
memory pools and the store's buffers settle there. Memory is sampled after a garbage
collection, as RSS and as RSS once glibc has returned its free memory (malloc_trim), and the
slope is fitted to both. The generated sentences draw on a small vocabulary, where real news
brings new words in every article (names, places, numbers: about 100 new spaCy lexemes an
article over the VOA stories), and spaCy keeps each new word it meets unless told otherwise;
``--fresh-words N`` ends each article with a sentence of N made-up names never seen before,
the worst case of an open vocabulary. spaCy's string store size is printed beside the memory,
and for an ingest DuckDB's own account of its memory (``duckdb_memory()``) and the memory right
after each of the store's checkpoints (sample with an ``--every`` that divides 512), with the
slope through those points: the growth without the sawtooth between checkpoints.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import random
import string
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_articles  # noqa: E402

from detente.coder import Article, Coder  # noqa: E402
from detente.ingest.language import _identifier  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    """Resident memory of this process now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 1e6


def trimmed_rss_mb() -> float | None:
    """Resident memory once glibc has given back the free memory it keeps (malloc_trim): what
    is held. Plain RSS swings by tens of MB with where the sample falls (a spaCy memory zone
    just freed, a DuckDB checkpoint that trims the heap itself); this does not."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        return None
    return rss_mb()


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares MB per article."""
    n = len(points)
    if n < 2:
        return 0.0
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0


def with_fresh_words(text: str, count: int, rng: random.Random) -> str:
    """The text and a closing sentence of ``count`` made-up names, as new to spaCy as the
    names, places and numbers of real news."""
    if not count:
        return text
    names = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(6, 10))).capitalize()
             for _ in range(count)]
    return f"{text.rstrip()} Officials named {', '.join(names)} in the report.\n"


class Sampler:
    """RSS, string-store size (and what ``db_mb`` says, if given) every ``every`` articles."""

    def __init__(self, coder: Coder, every: int) -> None:
        self.coder, self.every = coder, every
        self.points: list[tuple[int, float, float | None, int, float | None]] = []
        self.db_mb: Callable[[], float] | None = None
        self._next = 0

    def __call__(self, articles: int) -> None:
        if articles >= self._next:
            gc.collect()  # what stays is held, not merely not yet collected
            self.points.append((articles, rss_mb(), trimmed_rss_mb(),
                                len(self.coder.nlp.vocab.strings),
                                self.db_mb() if self.db_mb else None))
            self._next = articles + self.every

    def report(self, label: str, total: int, warmup: float) -> dict:
        settled = [point for point in self.points if point[0] >= warmup * total]
        per_article = slope([(n, mb) for n, mb, *_ in settled])
        held = slope([(n, trimmed) for n, _, trimmed, *_ in settled if trimmed is not None])
        print(f"\n{label}: articles, RSS MB, RSS after malloc_trim MB, spaCy strings, "
              "DuckDB MB (duckdb_memory)")
        for n, mb, trimmed, strings, db in self.points:
            print(f"  {n:6d}  {mb:8.1f}  {'' if trimmed is None else f'{trimmed:8.1f}'}  "
                  f"{strings:8d}  {'' if db is None else f'{db:8.1f}'}")
        first, last = self.points[0], self.points[-1]
        print(f"{label}: slope after the first {warmup:.0%}: {per_article * 1000:+.1f} KB/article "
              f"RSS, {held * 1000:+.1f} KB/article after malloc_trim "
              f"({max(per_article, held) * 100_000 / 1000:+.2f} GB per 100,000 articles at the "
              f"larger); strings {first[3]} -> {last[3]}")
        result = {"mode": label, "kb_per_article": per_article * 1000,
                  "kb_per_article_trimmed": held * 1000,
                  "rss_start_mb": first[1], "rss_end_mb": last[1]}
        if label == "ingest":
            result.update(self.after_checkpoints())
        return result

    def after_checkpoints(self) -> dict:
        """RSS right after each of the store's checkpoints, the same point of each period:
        between two of them DuckDB holds the rows written since the last in memory (about 20
        MB), a sawtooth that the fitted slope above takes for growth when the run ends high."""
        from detente.ingest.pipeline import CHECKPOINT_EVERY

        points = [(n, mb, trimmed) for n, mb, trimmed, *_ in self.points
                  if n and n % CHECKPOINT_EVERY == 0]
        if not points:
            return {}
        print(f"ingest: right after each checkpoint (every {CHECKPOINT_EVERY} articles), "
              "articles: RSS / after malloc_trim MB")
        print("  " + ", ".join(f"{n}: {mb:.1f} / {'-' if t is None else f'{t:.1f}'}"
                               for n, mb, t in points))
        per_article = slope([(n, mb) for n, mb, _ in points])
        held = slope([(n, t) for n, _, t in points if t is not None])
        print(f"ingest: slope through them {per_article * 1000:+.1f} KB/article RSS, "
              f"{held * 1000:+.1f} KB/article after malloc_trim")
        return {"after_checkpoints_kb_per_article": per_article * 1000,
                "after_checkpoints_kb_per_article_trimmed": held * 1000}


def run_code(coder: Coder, articles: list[Article], sampler: Sampler) -> None:
    for done, _ in enumerate(coder.code_stream(articles), start=1):
        sampler(done)


def run_ingest(coder: Coder, articles: list[Article], sampler: Sampler, folder: Path) -> None:
    from detente.ingest.pipeline import Ingest, IngestOptions
    from detente.store import Store

    corpus = folder / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps({"id": article.doc_id, "text": article.text,
                                  "source": "bench"}) + "\n")
    with Store(folder / "bench.duckdb") as store:
        sampler.db_mb = lambda: store.con.execute(
            "SELECT sum(memory_usage_bytes) / 1e6 FROM duckdb_memory()").fetchall()[0][0]
        Ingest(store, coder, IngestOptions(batch_size=32)).run(
            [str(corpus)], on_progress=lambda summary: sampler(summary.new))


def main() -> int:
    parser = argparse.ArgumentParser(description="Memory over a long coding or ingest run.")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--sentences", type=int, default=8, help="sentences per article")
    parser.add_argument("--every", type=int, default=100, help="articles between samples")
    parser.add_argument("--warmup", type=float, default=0.2, help="share left out of the slope")
    parser.add_argument("--mode", choices=["code", "ingest", "both"], default="both")
    parser.add_argument("--fresh-words", type=int, default=0,
                        help="made-up names closing each article, new to spaCy (0: none)")
    args = parser.parse_args()

    generated = generate_articles(args.articles, args.sentences, seed=7)
    rng = random.Random(11)
    articles = [Article(doc_id, with_fresh_words(text, args.fresh_words, rng))
                for doc_id, text in generated]
    modes: dict[str, Callable[[Coder, Sampler, Path], None]] = {
        "code": lambda coder, sampler, _: run_code(coder, articles, sampler),
        "ingest": lambda coder, sampler, folder: run_ingest(coder, articles, sampler, folder),
    }
    results = []
    # The language identifier's model (about 75 MB) is read the first time an article is not
    # plainly English (language.py), which in the generated corpus happens after thousands of
    # articles: read it first, so that one-time load is not taken for growth.
    _identifier()
    for mode in (["code", "ingest"] if args.mode == "both" else [args.mode]):
        coder = Coder()  # a fresh coder each, so the second run does not start warm
        sampler = Sampler(coder, args.every)
        sampler(0)
        start = time.perf_counter()
        with tempfile.TemporaryDirectory() as folder:
            modes[mode](coder, sampler, Path(folder))
        print(f"{mode}: {args.articles} articles in {time.perf_counter() - start:.0f} s")
        results.append(sampler.report(mode, args.articles, args.warmup))
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
