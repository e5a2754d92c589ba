"""Parquet shards: what a worker writes for one work unit, and the merge into the store.

A shard is three Parquet files with the store's columns (articles, sentences, events) and a
small JSON marker written last; a unit counts as done only when its marker exists, so a
worker killed mid-write leaves nothing that looks finished. Merging goes through the same
``StoreWriter`` as a local ingest, so it skips known articles (re-merging adds nothing) and
marks repeated stories the same way.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from detente.ingest.pipeline import CodedArticle, IngestSummary, StoreWriter
from detente.ingest.units import WorkUnit
from detente.store import Store

TABLES = ("articles", "sentences", "events", "people", "transfers")


@dataclass
class ShardInfo:
    """The marker of a finished unit: what it read and what it found."""

    unit_id: str
    path: str
    start: int = 0
    read: int = 0
    articles: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)


def marker(out_dir: Path, unit_id: str) -> Path:
    return out_dir / f"{unit_id}.done.json"


def shard_file(out_dir: Path, unit_id: str, table: str) -> Path:
    return out_dir / f"{unit_id}.{table}.parquet"


def finished(out_dir: Path, unit: WorkUnit) -> ShardInfo | None:
    path = marker(out_dir, unit.unit_id)
    if not path.exists():
        return None
    return ShardInfo(**json.loads(path.read_text(encoding="utf-8")))


def write_shard(
    out_dir: Path, unit: WorkUnit, coded: list[CodedArticle], read: int, problems: list[str]
) -> ShardInfo:
    """Write a unit's coded articles, then its marker (each file replaced atomically)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = {
        "articles": [{**c.row, "signature": c.signature} for c in coded],
        "sentences": [
            {"article_id": c.key, "sentence_index": i, "start_char": s, "end_char": e,
             "text": t}
            for c in coded for i, s, e, t in c.sentences
        ],
        "events": [row for c in coded for row in c.events],
        "people": [row for c in coded for row in c.people],
        "transfers": [row for c in coded for row in c.transfers],
    }
    for table, table_rows in rows.items():
        _write_table(shard_file(out_dir, unit.unit_id, table), table_rows)
    info = ShardInfo(unit.unit_id, unit.path, unit.start, read, len(coded), len(rows["events"]),
                     problems)
    _atomic_write(marker(out_dir, unit.unit_id), json.dumps(asdict(info)).encode())
    return info


def _write_table(path: Path, rows: list[dict[str, Any]]) -> None:
    temporary = path.with_suffix(".partial")
    pq.write_table(pa.Table.from_pylist(rows), temporary)
    os.replace(temporary, path)


def _atomic_write(path: Path, data: bytes) -> None:
    temporary = path.with_suffix(".partial")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def read_shard(out_dir: Path, unit_id: str) -> Iterator[CodedArticle]:
    """The coded articles of a finished unit, in the order they were coded."""
    tables = {t: pq.read_table(shard_file(out_dir, unit_id, t)).to_pylist() for t in TABLES}
    sentences: dict[str, list[tuple[int, int, int, str]]] = {}
    for s in tables["sentences"]:
        sentences.setdefault(s["article_id"], []).append(
            (s["sentence_index"], s["start_char"], s["end_char"], s["text"]))
    events: dict[str, list[dict[str, Any]]] = {}
    for event in tables["events"]:
        events.setdefault(event["article_id"], []).append(event)
    people: dict[str, list[dict[str, Any]]] = {}
    for person in tables["people"]:
        people.setdefault(person["article_id"], []).append(person)
    transfers: dict[str, list[dict[str, Any]]] = {}
    for transfer in tables["transfers"]:
        transfers.setdefault(transfer["article_id"], []).append(transfer)
    for article in tables["articles"]:
        signature = article.pop("signature")
        key = article["article_id"]
        yield CodedArticle(key, article, sentences.get(key, []), events.get(key, []), signature,
                           people.get(key, []), transfers.get(key, []))


def merge_shards(
    store: Store,
    out_dir: Path,
    unit_ids: Iterable[str],
    run_id: str,
    summary: IngestSummary,
    batch_size: int = 256,
    on_progress: Callable[[IngestSummary], None] | None = None,
) -> None:
    """Write finished units into the store in unit order; known articles are skipped."""
    writer = StoreWriter(store, run_id, summary, batch_size)
    for unit_id in unit_ids:
        keyed = ((coded.key, coded) for coded in read_shard(out_dir, unit_id))
        for _, coded in writer.unseen(keyed):
            writer.add(coded, on_progress)
    writer.flush(on_progress)


def shard_ids(out_dir: Path) -> list[str]:
    """Every finished unit in a shard folder (for `detente load`), in input order."""
    ids = [p.name.removesuffix(".done.json") for p in out_dir.glob("*.done.json")]
    infos = shard_infos(out_dir, ids)
    return [info.unit_id for info in sorted(infos, key=lambda i: (i.path, i.start))]


def shard_infos(out_dir: Path, unit_ids: Iterable[str]) -> list[ShardInfo]:
    return [ShardInfo(**json.loads(marker(out_dir, u).read_text(encoding="utf-8")))
            for u in unit_ids]
