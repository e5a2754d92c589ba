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
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from detente.ingest import dedup
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


class ShardProblem(Exception):
    """A shard that cannot be merged; the message names its file and what is wrong in one
    line."""


def finished(out_dir: Path, unit: WorkUnit) -> ShardInfo | None:
    path = marker(out_dir, unit.unit_id)
    if not path.exists():
        return None
    try:
        return read_marker(path)
    except ShardProblem:  # a damaged marker finishes nothing: the unit is coded again
        return None


def read_marker(path: Path) -> ShardInfo:
    """A unit's marker, checked: a JSON object with ShardInfo's fields, naming its own unit."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ShardProblem(f"{path}: cannot read the marker ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise ShardProblem(f"{path}: the marker is not JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ShardProblem(f"{path}: the marker is not a JSON object")
    known = {f.name for f in fields(ShardInfo)}
    if unknown := sorted(set(data) - known):
        raise ShardProblem(f"{path}: unknown key(s) in the marker: {', '.join(unknown)}")
    for name, kind in _MARKER_TYPES.items():
        if name in data and not _is(data[name], kind):
            raise ShardProblem(f"{path}: the marker's {name!r} is not {kind.__name__} "
                               f"(it is {data[name]!r})")
    if missing := sorted(n for n in ("unit_id", "path") if n not in data):
        raise ShardProblem(f"{path}: the marker has no {', '.join(missing)}")
    if not all(isinstance(p, str) for p in data.get("problems", [])):
        raise ShardProblem(f"{path}: the marker's 'problems' are not all text")
    if marker(path.parent, data["unit_id"]) != path:  # it would merge another unit's files
        raise ShardProblem(f"{path}: the marker names another unit ({data['unit_id']!r})")
    return ShardInfo(**data)


# the JSON type of each marker field (an int field refuses true/false, which JSON gives as bool)
_MARKER_TYPES: dict[str, type] = {"unit_id": str, "path": str, "start": int, "read": int,
                                  "articles": int, "events": int, "problems": list}


def _is(value: Any, kind: type) -> bool:
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


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


def read_shard(out_dir: Path, unit_id: str) -> tuple[list[CodedArticle], list[str]]:
    """The coded articles of a finished unit, in the order they were coded, and a problem
    line for each article refused (one without an id or signature). A shard whose files are
    missing or unreadable, or lack the columns a merge needs, raises ShardProblem."""
    tables = {t: _read_table(shard_file(out_dir, unit_id, t)) for t in TABLES}
    articles_file = shard_file(out_dir, unit_id, "articles")
    for table, needed in _NEEDED_COLUMNS.items():
        found = tables[table]
        # a table of no rows is written with no columns at all
        if found.num_rows and (missing := [c for c in needed if c not in found.column_names]):
            raise ShardProblem(f"{shard_file(out_dir, unit_id, table)}: no "
                               f"{', '.join(missing)} column")
        # rows are grouped by article id: a list or a struct there cannot be a key
        kind = found.schema.field("article_id").type if found.num_rows else pa.null()
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)
                or pa.types.is_null(kind)):
            raise ShardProblem(f"{shard_file(out_dir, unit_id, table)}: its article_id column "
                               f"holds {kind}, not text")
    rows = {t: table.to_pylist() for t, table in tables.items()}
    problems = _orphans(out_dir, unit_id, rows)
    sentences: dict[str, list[tuple[int, int, int, str]]] = {}
    for s in rows["sentences"]:
        sentences.setdefault(s["article_id"], []).append(
            (s["sentence_index"], s["start_char"], s["end_char"], s["text"]))
    events: dict[str, list[dict[str, Any]]] = {}
    for event in rows["events"]:
        events.setdefault(event["article_id"], []).append(event)
    people: dict[str, list[dict[str, Any]]] = {}
    for person in rows["people"]:
        people.setdefault(person["article_id"], []).append(person)
    transfers: dict[str, list[dict[str, Any]]] = {}
    for transfer in rows["transfers"]:
        transfers.setdefault(transfer["article_id"], []).append(transfer)
    coded = []
    for number, article in enumerate(rows["articles"]):
        signature = article.pop("signature")
        key = article["article_id"]
        where = f"{articles_file}: row {number}"
        if not isinstance(key, str) or not key:
            problems.append(f"{where}: no article_id; the article and its events are skipped")
            continue
        if refused := _refused(article, signature, events.get(key, []),
                               transfers.get(key, [])):
            problems.append(f"{where}: article {key} {refused}; it is skipped")
            continue
        coded.append(CodedArticle(key, article, sentences.get(key, []), events.get(key, []),
                                  signature, people.get(key, []), transfers.get(key, []),
                                  where=f"{where} (article {key})"))
    return coded, problems


def _orphans(out_dir: Path, unit_id: str, rows: dict[str, list[dict[str, Any]]]) -> list[str]:
    """A problem line for each table of the shard with rows of no article in it: the merge
    reads rows by their article, so these would vanish without a word."""
    articles = {article["article_id"] for article in rows["articles"]}
    if any(not isinstance(key, str) or not key for key in articles):
        return []  # the rows are most likely that article's, whose line says they are skipped
    problems = []
    for table in TABLES[1:]:
        orphans = [row["article_id"] for row in rows[table] if row["article_id"] not in articles]
        if orphans:
            problems.append(f"{shard_file(out_dir, unit_id, table)}: {len(orphans)} row(s) of "
                            f"no article in the shard (first: {orphans[0]!r}); they are skipped")
    return problems


def _refused(article: dict[str, Any], signature: Any, events: list[dict[str, Any]],
             transfers: list[dict[str, Any]]) -> str | None:
    """Why an article of a shard cannot be merged, or None. The store keeps one row per
    event_id (and transfer_id), so rows without one collapsed into one while the merge
    counted them all; a signature of another length makes every such article share its LSH
    bands (a "repeat" of the others); a text that is not text would be stored as a list's
    repr."""
    if not isinstance(signature, bytes):
        return "has no signature"
    if len(signature) != dedup.SIGNATURE_BYTES:
        return (f"has a signature of {len(signature)} bytes, not "
                f"{dedup.SIGNATURE_BYTES}")
    if not isinstance(article.get("text"), str):
        return f"has no text (its 'text' is {type(article.get('text')).__name__})"
    for name, rows, id_column in (("event", events, "event_id"),
                                  ("transfer", transfers, "transfer_id")):
        if missing := sum(not isinstance(r.get(id_column), str) or not r.get(id_column)
                          for r in rows):
            return f"has {missing} {name}(s) without an {id_column}"
    return None


# what a merge reads of each table by name; the other columns go to the store as they are
_NEEDED_COLUMNS = {"articles": ("article_id", "signature"),
                   "sentences": ("article_id", "sentence_index", "start_char", "end_char",
                                 "text"),
                   "events": ("article_id",), "people": ("article_id",),
                   "transfers": ("article_id",)}


def _read_table(path: Path) -> pa.Table:
    """One Parquet file of a shard; a missing, empty or damaged one is a ShardProblem."""
    if path.exists() and not path.is_file():
        # Arrow reads a folder as a dataset of its files: an empty folder became a table of
        # no rows, and the shard's events vanished from a merge that reported none failed
        kind = "a directory" if path.is_dir() else "a named pipe or a device"
        raise ShardProblem(f"{path}: {kind}, not a Parquet file")
    try:
        return pq.read_table(path)
    except FileNotFoundError as exc:
        raise ShardProblem(f"{path}: missing (the shard is incomplete)") from exc
    except (OSError, pa.ArrowException) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        reason = reason.split(f"{path}': ", 1)[-1]  # Arrow repeats the file's name
        raise ShardProblem(f"{path}: not a readable Parquet file ({reason})") from exc


def merge_shards(
    store: Store,
    out_dir: Path,
    unit_ids: Iterable[str],
    run_id: str,
    summary: IngestSummary,
    batch_size: int = 256,
    on_progress: Callable[[IngestSummary], None] | None = None,
    on_problem: Callable[[str], None] | None = None,
) -> None:
    """Write finished units into the store in unit order; known articles are skipped. A bad
    shard, or a bad article in one, is a problem counted in ``summary`` and reported; the
    other shards are merged all the same."""
    writer = StoreWriter(store, run_id, summary, batch_size, on_problem=on_problem)
    for unit_id in unit_ids:
        try:
            shard, refused = read_shard(out_dir, unit_id)
        except ShardProblem as exc:
            summary.problem(str(exc), on_problem)
            continue
        for problem in refused:
            summary.problem(problem, on_problem)
        keyed = ((coded.key, coded) for coded in shard)
        for _, coded in writer.unseen(keyed):
            writer.add(coded, on_progress)
    writer.flush(on_progress)


def shard_ids(out_dir: Path, on_problem: Callable[[str], None] | None = None) -> list[str]:
    """Every finished unit in a shard folder (for `detente load`), in input order; a marker
    that cannot be read is reported to ``on_problem`` and its unit left out."""
    infos = []
    for path in sorted(out_dir.glob("*.done.json")):
        try:
            infos.append(read_marker(path))
        except ShardProblem as exc:
            if on_problem:
                on_problem(str(exc))
    return [info.unit_id for info in sorted(infos, key=lambda i: (i.path, i.start))]


def shard_infos(out_dir: Path, unit_ids: Iterable[str]) -> list[ShardInfo]:
    return [ShardInfo(**json.loads(marker(out_dir, u).read_text(encoding="utf-8")))
            for u in unit_ids]
