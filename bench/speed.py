"""Coding speed: the bare spaCy pipeline against detente end to end, on the same text, in one run.

    .venv/bin/python bench/speed.py                      # 6,000 generated sentences
    .venv/bin/python bench/speed.py --sentences 20000 --processes 2
    .venv/bin/python bench/speed.py --voa                # the real VOA corpus in ../shared
    .venv/bin/python bench/speed.py --end-to-end --rounds 5

Prints sentences per second for (a) spaCy alone and (b) spaCy plus detente's coding, and the
overhead of the coding as a ratio, both in this process with the model already loaded; the two
legs alternate for ``--warm-rounds`` rounds (3) and each keeps its best.

With ``--voa`` or ``--end-to-end`` it then measures what a user waits for: fresh processes, one
running `detente code` on the articles (as .txt files) and one a bare spaCy script parsing the
same files with ``spacy.load`` and ``nlp.pipe``, model load and start-up included, alternating,
best of ``--rounds``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_articles  # noqa: E402
from processes import alternate  # noqa: E402
from startup import detente_command  # noqa: E402

from detente.coder import EVENT_COMPONENT, PIPE_BATCH, Article, Coder  # noqa: E402
from detente.config import model_name  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
VOA = SHARED / "corpora" / "voa" / "voa_stories.jsonl"


def voa_articles() -> list[Article]:
    lines = VOA.read_text(encoding="utf-8").splitlines()
    return [Article(str(d["id"]), d["text"]) for d in map(json.loads, lines)]


# The bare spaCy side of the end-to-end comparison: the .txt files of a folder, in the order
# `detente code` reads them, through the pipeline alone.
SPACY_CHILD = """
import json, sys
from pathlib import Path
import spacy
nlp = spacy.load(sys.argv[1])
texts = (p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[2]).rglob("*.txt")))
sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=int(sys.argv[3])))
print(json.dumps({"sentences": sentences}))
"""


def end_to_end(articles: list[Article], rounds: int, batch_size: int) -> None:
    """detente code against a bare spaCy script, fresh processes, model load included."""
    model = model_name()
    folder = Path(tempfile.mkdtemp(prefix="detente-speed-"))
    try:
        corpus = folder / "corpus"
        corpus.mkdir()
        for number, article in enumerate(articles):
            (corpus / f"{number:06d}.txt").write_text(article.text, encoding="utf-8")
        cache = folder / "cache"  # a table cache of its own, built by the untimed first run
        commands = {
            "spacy": [sys.executable, "-c", SPACY_CHILD, model, str(corpus), str(batch_size)],
            "detente": [*detente_command(), "code", str(corpus), "--format", "jsonl"],
        }
        env = {"DETENTE_CACHE_DIR": str(cache)}
        alternate({"detente": [*detente_command(), "code", str(corpus / "000000.txt")]},
                  rounds=1, env=env)
        runs = alternate(commands, rounds=rounds, env=env)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    bare, full = runs["spacy"], runs["detente"]
    sentences = bare.reports[-1]["sentences"]
    print(f"end to end: fresh processes, model load included, one process each, alternating, "
          f"best of {rounds}; {len(articles)} articles, {sentences} sentences")
    print(f"(a) spaCy alone, spacy.load + nlp.pipe  {bare.best:6.1f} s  (rounds {bare.rounds()})")
    print(f"(b) detente code                        {full.best:6.1f} s  (rounds {full.rounds()})")
    print(f"end-to-end ratio (b best / a best) {full.best / bare.best:.3f}")


def timed_bare(nlp, texts: list[str], batch_size: int,
               processes: int) -> tuple[float, float, int]:
    """Wall and CPU seconds spaCy alone takes over the texts, and the sentences it found."""
    start, start_cpu = time.perf_counter(), time.process_time()
    with nlp.select_pipes(disable=[EVENT_COMPONENT]):
        sentences = sum(len(list(doc.sents))
                        for doc in nlp.pipe(texts, batch_size=batch_size, n_process=processes))
    return time.perf_counter() - start, time.process_time() - start_cpu, sentences


def timed_full(coder: Coder, articles: list[Article], batch_size: int,
               processes: int) -> tuple[float, float, int]:
    """Wall and CPU seconds detente takes to code the articles end to end, and its events."""
    start, start_cpu = time.perf_counter(), time.process_time()
    events = sum(len(found) for _, found in coder.code_articles(articles, batch_size, processes))
    return time.perf_counter() - start, time.process_time() - start_cpu, events


def print_cpu_ratio(bare_cpu_times: list[float], full_cpu_times: list[float]) -> None:
    # CPU seconds leave out the time a busy host takes the core away, which swung the wall
    # ratio of one commit from 6% to 36% between two runs on a shared machine.
    bare_cpu, full_cpu = min(bare_cpu_times), min(full_cpu_times)
    print(f"CPU seconds, best of {len(bare_cpu_times)}: "
          f"(a) {bare_cpu:.2f} (rounds {rounded(bare_cpu_times)}), "
          f"(b) {full_cpu:.2f} (rounds {rounded(full_cpu_times)})")
    print(f"CPU ratio (b / a) {full_cpu / bare_cpu:.3f}  "
          f"(coding adds {100 * (full_cpu / bare_cpu - 1):.1f}% CPU)")


def rounded(times: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in times)


def main() -> int:
    parser = argparse.ArgumentParser(description="Coding speed against bare spaCy.")
    parser.add_argument("--sentences", type=int, default=6000)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=PIPE_BATCH)
    parser.add_argument("--voa", action="store_true",
                        help="use ../shared/corpora/voa instead; implies --end-to-end")
    parser.add_argument("--end-to-end", action="store_true",
                        help="also time fresh processes, model load included")
    parser.add_argument("--rounds", type=int, default=3, help="end-to-end rounds (best counts)")
    parser.add_argument("--warm-rounds", type=int, default=3,
                        help="in-process rounds, alternating the two legs (best counts)")
    parser.add_argument("--warm-only", action="store_true",
                        help="skip the end-to-end measurement")
    args = parser.parse_args()
    if args.warm_rounds < 1:
        parser.error("--warm-rounds must be at least 1")

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

    # The two legs alternate and each keeps its best round: one pass each read 1.19 to 1.28
    # on a busy two-core machine, the spread all in whichever leg a background job slowed.
    bare_times: list[float] = []
    full_times: list[float] = []
    bare_cpu_times: list[float] = []
    full_cpu_times: list[float] = []
    for _ in range(args.warm_rounds):
        seconds, cpu_seconds, sentences = timed_bare(nlp, texts, args.batch_size, args.processes)
        bare_times.append(seconds)
        bare_cpu_times.append(cpu_seconds)
        seconds, cpu_seconds, events = timed_full(coder, articles, args.batch_size, args.processes)
        full_times.append(seconds)
        full_cpu_times.append(cpu_seconds)
    bare, full = min(bare_times), min(full_times)

    print(f"articles {len(articles)}, sentences {sentences}, events {events}, "
          f"processes {args.processes}")
    print(f"warm, model loaded, alternating, best of {args.warm_rounds}")
    print(f"(a) spaCy alone       {sentences / bare:9.1f} sentences/s  ({bare:.1f} s; "
          f"rounds {rounded(bare_times)})")
    print(f"(b) detente end to end {sentences / full:8.1f} sentences/s  ({full:.1f} s; "
          f"rounds {rounded(full_times)})")
    overhead = 100 * (full / bare - 1)
    print(f"ratio (b time / a time) {full / bare:.3f}  (coding adds {overhead:.1f}%)")
    if args.processes == 1:
        print_cpu_ratio(bare_cpu_times, full_cpu_times)
    if (args.voa or args.end_to_end) and not args.warm_only:
        if args.processes != 1:
            print("end to end: measured with one process only (drop --processes)")
        else:
            end_to_end(articles, args.rounds, args.batch_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
