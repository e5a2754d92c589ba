"""`detente load` reads shards within a budget: a marker over its size limit is refused unread,
and a Parquet file whose rows or decoded size go past what its unit's articles may take (a
decompression bomb: a few KB on disk, megabytes or gigabytes decoded) is refused from its
footer or while decoding, before it is turned into rows. Each is one line naming the file;
the other shards are merged all the same. The hostile files are small, and the budget is set
low with --max-bytes, so nothing here allocates much."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import ARTICLES_PER_UNIT, coded

from detente.cli import main
from detente.ingest import shards as shard_module
from detente.ingest.pipeline import MAX_RUN_PROBLEMS
from detente.ingest.shards import (
    ARTICLE_SHARE,
    MAX_FOOTER_BYTES,
    MAX_MARKER_BYTES,
    SHARD_FACTOR,
    marker,
    shard_budget,
    shard_file,
    write_shard,
)
from detente.ingest.units import WorkUnit
from detente.store import Store

LOW = 10_000  # --max-bytes for the tests: a budget of 160 KB an article, 4 MB a shard


def load(folder: Path, db: Path, *options: str):
    return CliRunner().invoke(main, ["load", str(folder), "--db", str(db), *options])


def stored(db: Path) -> tuple[int, int]:
    with Store(db, read_only=True) as store:
        return store.count("articles"), store.count("events")


def one_refused(result, file: str, says: str) -> str:
    """The run refused one shard in one line naming ``file``, and merged the other two."""
    assert isinstance(result.exception, SystemExit), result.output  # not a traceback
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    assert file in errors[0] and says in errors[0], errors[0]
    assert "1 failed" in result.output
    return errors[0]


def events_of(folder: Path, unit_id: str) -> pa.Table:
    return pq.read_table(shard_file(folder, unit_id, "events"))


def repeated_text(rows: int, size: int) -> pa.DictionaryArray:
    """``rows`` values that are all one text of ``size`` bytes, stored once."""
    return pa.DictionaryArray.from_arrays(pa.array([0] * rows, pa.int32()),
                                          pa.array(["x" * size]))


def with_rows(table: pa.Table, rows: int, **columns: pa.Array) -> pa.Table:
    """The table's first row ``rows`` times (each event its own id), some columns replaced."""
    first = table.slice(0, 1)
    data = {name: pa.array(first.column(name).to_pylist() * rows, first.column(name).type)
            for name in first.column_names}
    data["event_id"] = pa.array([f"bomb{i}" for i in range(rows)])
    return pa.table({**data, **columns})


# ---- the marker ------------------------------------------------------------------------------

def test_a_marker_over_the_limit_is_refused_without_being_read(shards, tmp_path):
    folder, ids = shards
    path = marker(folder, ids[0])
    with path.open("r+b") as stream:  # sparse: the disk holds only the JSON at its start
        stream.truncate(MAX_MARKER_BYTES + 1)
    line = one_refused(load(folder, tmp_path / "s.duckdb"), f"{ids[0]}.done.json",
                       "over the 16.8 MB limit for a marker")
    assert "MB" in line
    assert stored(tmp_path / "s.duckdb") == (2 * ARTICLES_PER_UNIT, 2 * ARTICLES_PER_UNIT)


def test_a_valid_marker_larger_than_the_limit_is_refused(shards, tmp_path, monkeypatch):
    folder, ids = shards
    path = marker(folder, ids[1])
    data = json.loads(path.read_text())
    path.write_text(json.dumps(data | {"problems": ["news/u1.txt:1: not JSON"] * 200}))
    monkeypatch.setattr(shard_module, "MAX_MARKER_BYTES", 2000)
    one_refused(load(folder, tmp_path / "s.duckdb"), f"{ids[1]}.done.json",
                "limit for a marker")
    assert stored(tmp_path / "s.duckdb")[0] == 2 * ARTICLES_PER_UNIT


def test_a_marker_keeps_at_most_the_runs_tables_number_of_problems(tmp_path):
    """What a worker writes stays far below the marker limit however many lines of its unit
    were bad; the run that coded it still reports each."""
    problems = [f"news/u0.jsonl:{n}: not JSON" for n in range(MAX_RUN_PROBLEMS + 500)]
    info = write_shard(tmp_path, WorkUnit("news/u0.jsonl"), [coded(0, 0)], 1, problems)
    assert info.problems == problems
    kept = json.loads(marker(tmp_path, info.unit_id).read_text())["problems"]
    assert kept[:-1] == problems[:MAX_RUN_PROBLEMS]
    assert kept[-1] == "500 more problems of this unit not kept in its marker"


# ---- the Parquet files -------------------------------------------------------------------------

def more_articles_than_claimed(folder: Path, unit_id: str) -> None:
    path = shard_file(folder, unit_id, "articles")
    table = pq.read_table(path)
    pq.write_table(pa.concat_tables([table] * 20), path)


def a_compressed_bomb(folder: Path, unit_id: str) -> None:
    """Each event's sentence is 2 MB of one letter: some KB on disk, 6 MB decoded."""
    table = events_of(folder, unit_id)
    sentence = pa.array(["x" * 2_000_000] * table.num_rows)
    table = table.set_column(table.column_names.index("sentence"), "sentence", sentence)
    pq.write_table(table, shard_file(folder, unit_id, "events"), compression="zstd",
                   use_dictionary=False)
    assert shard_file(folder, unit_id, "events").stat().st_size < 50_000


def one_text_a_thousand_times(folder: Path, unit_id: str) -> None:
    """200 events share one 100 KB sentence through the dictionary: 100 KB in the footer's
    sizes, 20 MB once built."""
    table = with_rows(events_of(folder, unit_id), 200, sentence=repeated_text(200, 100_000))
    pq.write_table(table, shard_file(folder, unit_id, "events"))


def many_rows_of_nothing(folder: Path, unit_id: str) -> None:
    """50,000 events of one article with nothing in them: a few KB on disk."""
    table = events_of(folder, unit_id)
    rows = 50_000
    key = table.column("article_id")[0].as_py()
    data = {name: pa.nulls(rows, table.schema.field(name).type) for name in table.column_names}
    data["article_id"] = pa.array([key] * rows)
    data["event_id"] = pa.array([f"e{i}" for i in range(rows)])
    pq.write_table(pa.table(data), shard_file(folder, unit_id, "events"))


def a_list_column(folder: Path, unit_id: str) -> None:
    table = events_of(folder, unit_id)
    lists = pa.array([list(range(1000))] * table.num_rows)
    # a column the store keeps: an extra column of lists is only a note (tests/test_shard_fixes.py)
    at = table.column_names.index("sentence")
    pq.write_table(table.set_column(at, "sentence", lists), shard_file(folder, unit_id, "events"))


def prefix_shared_text(folder: Path, unit_id: str) -> None:
    """Each value shares its prefix with the one before: its decoded size is not in the
    footer, and Arrow builds each value in full."""
    table = events_of(folder, unit_id)
    pq.write_table(table, shard_file(folder, unit_id, "events"), use_dictionary=False,
                   column_encoding={"sentence": "DELTA_BYTE_ARRAY"})


def a_huge_footer(folder: Path, unit_id: str) -> None:
    """A file that ends in a footer length of 17 MB (sparse: nothing is written)."""
    path = shard_file(folder, unit_id, "people")
    size = MAX_FOOTER_BYTES + 1000
    with path.open("wb") as stream:
        stream.write(b"PAR1")
        stream.seek(size - 8)
        stream.write((MAX_FOOTER_BYTES + 1).to_bytes(4, "little") + b"PAR1")


# each: what is done to the second unit's files, the file named, what the line says
HOSTILE: dict[str, tuple[Callable[[Path, str], None], str, str]] = {
    "more articles than the marker says": (more_articles_than_claimed, "articles.parquet",
                                           "60 rows, but the unit's marker says it coded 3"),
    "compressed bomb": (a_compressed_bomb, "events.parquet", "MB budget"),
    "one text a thousand times": (one_text_a_thousand_times, "events.parquet", "MB budget"),
    "many rows of nothing": (many_rows_of_nothing, "events.parquet", "MB budget"),
    "list column": (a_list_column, "events.parquet", "sentence column holds list<element: int64>"),
    "prefix-shared text": (prefix_shared_text, "events.parquet", "DELTA_BYTE_ARRAY"),
    "huge footer": (a_huge_footer, "people.parquet", "Parquet footer is 16.8 MB, over"),
}


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_a_hostile_shard_is_one_line_and_the_others_are_merged(shards, tmp_path, hostile):
    folder, ids = shards
    spoil, file, says = HOSTILE[hostile]
    spoil(folder, ids[1])
    result = load(folder, tmp_path / "s.duckdb", "--max-bytes", str(LOW))
    one_refused(result, f"{ids[1]}.{file}", says)
    assert stored(tmp_path / "s.duckdb") == (2 * ARTICLES_PER_UNIT, 2 * ARTICLES_PER_UNIT)


def test_a_dictionary_bomb_is_counted_as_built_not_as_stored(shards, tmp_path):
    """The footer sees 100 KB of text; the count of the decoded row group sees the 20 MB the
    rows would take, and stops there."""
    folder, ids = shards
    one_text_a_thousand_times(folder, ids[1])
    footer = sum(pq.read_metadata(shard_file(folder, ids[1], t)).row_group(0).total_byte_size
                 for t in shard_module.TABLES if pq.read_metadata(
                     shard_file(folder, ids[1], t)).num_row_groups)
    assert footer < shard_budget(ARTICLES_PER_UNIT, LOW)
    line = one_refused(load(folder, tmp_path / "s.duckdb", "--max-bytes", str(LOW)),
                       f"{ids[1]}.events.parquet", "MB budget")
    assert float(re.search(r"take over ([\d.,]+) MB", line)[1].replace(",", "")) > 20


def test_the_default_budget_refuses_more_rows_than_articles_without_an_option(shards, tmp_path):
    folder, ids = shards
    more_articles_than_claimed(folder, ids[0])
    one_refused(load(folder, tmp_path / "s.duckdb"), f"{ids[0]}.articles.parquet",
                "marker says it coded 3 article(s)")


def test_genuine_shards_load_within_a_low_budget(shards, tmp_path):
    folder, _ = shards
    result = load(folder, tmp_path / "s.duckdb", "--max-bytes", str(LOW))
    assert result.exit_code == 0, result.output
    assert stored(tmp_path / "s.duckdb") == (3 * ARTICLES_PER_UNIT, 3 * ARTICLES_PER_UNIT)


def test_the_budget_is_what_load_says_it_is():
    assert shard_budget(0, 1000) == shard_budget(1, 1000) == ARTICLE_SHARE * 1000
    assert shard_budget(10**9, 1000) == SHARD_FACTOR * 1000
    help_text = " ".join(CliRunner().invoke(main, ["load", "--help"]).output.split())
    assert f"{ARTICLE_SHARE} times this per article" in help_text
    assert f"{SHARD_FACTOR} times at most" in help_text
