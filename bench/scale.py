"""Scaling on this machine: the single-process path against 1 and 2 local Dask workers.

    .venv/bin/python bench/scale.py                  # 400 generated articles (~5,200 sentences)
    .venv/bin/python bench/scale.py --articles 800

For each setup: sentences/s for coding (workers writing Parquet shards) and for the merge into
DuckDB, scaling efficiency against the single-process path, and each worker's resident
memory after the run. The coder is loaded on every worker before timing starts.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import psutil
from distributed import Client

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_articles  # noqa: E402

from detente.coder import Coder, provenance_for  # noqa: E402
from detente.ingest.cluster import (  # noqa: E402
    ClusterRun,
    CoderSettings,
    local_cluster,
    prepare,
)
from detente.ingest.pipeline import Ingest, IngestOptions, IngestSummary  # noqa: E402
from detente.ingest.shards import merge_shards  # noqa: E402
from detente.store import Store  # noqa: E402


def write_corpus(folder: Path, articles: int, files: int) -> int:
    generated = generate_articles(articles, 12)
    per_file = -(-len(generated) // files)
    for index in range(files):
        part = generated[index * per_file : (index + 1) * per_file]
        with (folder / f"part{index:02d}.jsonl").open("w", encoding="utf-8") as out:
            for doc_id, text in part:
                out.write(json.dumps({"id": doc_id, "text": text}) + "\n")
    return sum(text.count(". ") + 1 for _, text in generated)


def single_process(folder: Path, work: Path) -> tuple[float, int]:
    coder = Coder()
    with Store(work / "single.duckdb") as store:
        start = time.perf_counter()
        Ingest(store, coder, IngestOptions(batch_size=64)).run([str(folder)])
        seconds = time.perf_counter() - start
        sentences = store.count("sentences")
    return seconds, sentences


def on_cluster(folder: Path, work: Path, workers: int) -> dict:
    settings = CoderSettings()
    with local_cluster(workers) as cluster, Client(cluster) as client:
        prepare(client, settings)  # load spaCy on each worker before the clock starts
        run = ClusterRun(work / f"shards{workers}", IngestOptions(), settings,
                         address=cluster.scheduler_address)
        start = time.perf_counter()
        unit_ids = run.code([str(folder)], IngestSummary())
        coding = time.perf_counter() - start
        memory = client.run(lambda: psutil.Process().memory_info().rss)
        peak = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    with Store(work / f"cluster{workers}.duckdb") as store:
        start = time.perf_counter()
        merge_shards(store, run.out_dir, unit_ids, "bench", IngestSummary())
        merging = time.perf_counter() - start
        sentences = store.count("sentences")
    return {"coding": coding, "merging": merging, "sentences": sentences,
            "memory_mb": [m / 1e6 for m in memory.values()],
            "peak_mb": [m / 1e6 for m in peak.values()]}


def main() -> int:
    parser = argparse.ArgumentParser(description="Local scaling with Dask workers.")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--files", type=int, default=8, help="input files (work units)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        write_corpus(corpus, args.articles, args.files)
        single_seconds, sentences = single_process(corpus, work)
        single_rate = sentences / single_seconds
        print(f"corpus: {args.articles} articles, {sentences} sentences, {args.files} units; "
              f"provenance {provenance_for()['model']}")
        print(f"single process (ingest into DuckDB): {single_rate:7.1f} sentences/s")
        for workers in (1, 2):
            result = on_cluster(corpus, work, workers)
            coding_rate = result["sentences"] / result["coding"]
            total_rate = result["sentences"] / (result["coding"] + result["merging"])
            memory = ", ".join(f"{m:.0f} (peak {p:.0f})"
                               for m, p in zip(result["memory_mb"], result["peak_mb"],
                                               strict=True))
            print(f"{workers} worker(s): coding {coding_rate:7.1f} sentences/s "
                  f"({coding_rate / single_rate:.2f}x single), with merge {total_rate:7.1f} "
                  f"sentences/s ({total_rate / single_rate:.2f}x), merge "
                  f"{result['sentences'] / result['merging']:.0f} sentences/s, "
                  f"efficiency {coding_rate / single_rate / workers:.2f}, "
                  f"worker memory {memory} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
