"""Shards `detente load` must take or refuse in one line: columns of any type the store has no
place for (a note, the rows loaded), markers of other detente versions (one note naming them;
a marker from before versions were kept still loads), and damaged shards found by trying bad
input (each one line naming the file; the other shards are merged, nothing stored is lost)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import ARTICLES_PER_UNIT, coded, one_error

from detente import __version__
from detente.cli import main
from detente.ingest.shards import (
    ShardInfo,
    ShardProblem,
    coding_mix,
    marker,
    read_marker,
    shard_file,
    write_shard,
)
from detente.ingest.units import WorkUnit
from detente.store import Store

ALL = 3 * ARTICLES_PER_UNIT  # articles (and events: one each) of the `shards` fixture


def load(folder: Path, db: Path, *options: str):
    return CliRunner().invoke(main, ["load", str(folder), "--db", str(db), *options])


def stored(db: Path) -> tuple[int, int]:
    with Store(db, read_only=True) as store:
        return store.count("articles"), store.count("events")


def notes(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("note:")]


def change_marker(path: Path, change: Callable[[dict], None]) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def set_version(version: str) -> Callable[[dict], None]:
    return lambda data: data.update(version=version)


# ---- 1. columns of any type the store has no place for ------------------------------------------

def test_extra_list_and_struct_columns_are_a_note_and_the_rows_are_loaded(shards, tmp_path):
    # a list or struct column the store has no place for refused the whole shard, while a
    # plain one was a note; neither is read, so neither counts against the budget either
    folder, ids = shards
    events, articles = shard_file(folder, ids[0], "events"), shard_file(folder, ids[1], "articles")
    table = pq.read_table(events)
    pq.write_table(table.append_column("counts", pa.array([list(range(50_000))] * 3)), events)
    table = pq.read_table(articles)
    pq.write_table(table.append_column("meta", pa.array([{"desk": "Lima", "page": 4}] * 3)),
                   articles)
    db = tmp_path / "s.duckdb"
    result = load(folder, db, "--max-bytes", "10000")  # 480 KB a shard; the lists are 1.2 MB
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert notes(result) == [
        f"note: {events}: 1 column(s) the store has no place for are left out (counts); its "
        "rows are merged without them",
        f"note: {articles}: 1 column(s) the store has no place for are left out (meta); its "
        "rows are merged without them"]
    assert stored(db) == (ALL, ALL)


# ---- 2. the detente version of each shard ----------------------------------------------------

def test_a_marker_records_the_version_that_wrote_it(tmp_path):
    info = write_shard(tmp_path, WorkUnit("news/u0.txt"), [coded(0, 0)], 1, [], "abc")
    assert json.loads(marker(tmp_path, info.unit_id).read_text())["version"] == __version__
    assert read_marker(marker(tmp_path, info.unit_id)).version == __version__


def test_shards_of_other_versions_are_loaded_with_one_note(shards, tmp_path):
    folder, ids = shards
    change_marker(marker(folder, ids[0]), set_version("0.0.7"))
    change_marker(marker(folder, ids[1]), set_version("0.0.9"))
    change_marker(marker(folder, ids[2]), set_version("0.0.9"))
    db = tmp_path / "s.duckdb"
    result = load(folder, db)
    assert result.exit_code == 0, result.output
    assert notes(result) == [
        f"note: {folder}: 3 of its 3 shards were written by another detente version than this "
        f"one ({__version__}): 2 by 0.0.9, 1 by 0.0.7; all are merged, as asked"]
    assert stored(db) == (ALL, ALL)


def test_a_marker_from_before_versions_were_kept_still_loads(shards, tmp_path):
    folder, ids = shards
    change_marker(marker(folder, ids[2]), lambda data: data.pop("version"))
    assert read_marker(marker(folder, ids[2])).version == ""
    db = tmp_path / "s.duckdb"
    result = load(folder, db)
    assert result.exit_code == 0, result.output
    [line] = notes(result)
    assert line.endswith(f"1 of its 3 shards were written by another detente version than this "
                         f"one ({__version__}): 1 with none recorded (an older detente); "
                         "all are merged, as asked")
    assert stored(db) == (ALL, ALL)


def test_other_versions_and_codings_make_one_line():
    infos = [ShardInfo("a", "x", coding="c1", version="0.0.9"),
             ShardInfo("b", "x", coding="c2", version="1.0")]
    line = coding_mix(Path("s"), infos, current="1.0")
    assert line == ("s: 1 of its 2 shards were written by another detente version than this "
                    "one (1.0): 1 by 0.0.9; its 2 shards were coded 2 different ways (another "
                    "detente version, model, dictionary or reading option): 1 by coding c1, 1 "
                    "by coding c2; all are merged, as asked")
    assert coding_mix(Path("s"), infos[1:], current="1.0") is None


def test_a_version_that_is_not_text_refuses_the_marker(tmp_path):
    info = write_shard(tmp_path, WorkUnit("news/u0.txt"), [coded(0, 0)], 1, [])
    change_marker(marker(tmp_path, info.unit_id), set_version(7))
    with pytest.raises(ShardProblem, match="the marker's 'version' is not str"):
        read_marker(marker(tmp_path, info.unit_id))


# ---- damaged shards found by trying bad input ------------------------------------------------

@pytest.mark.parametrize(("text", "says"), [
    ("[" * 100_000 + "]" * 100_000, "not JSON the loader can read (nested too deep)"),
    ('{"unit_id": "u", "path": "p", "read": ' + "9" * 5000 + "}",
     "not JSON the loader can read (Exceeds the limit (4300 digits)"),
])
def test_a_marker_python_cannot_decode_is_one_line(shards, tmp_path, text, says):
    # a RecursionError or ValueError traceback stopped the load before any shard was merged
    folder, ids = shards
    marker(folder, ids[0]).write_text(text)
    result = load(folder, tmp_path / "s.duckdb")
    line = one_error(result)
    assert f"{ids[0]}.done.json: the marker is {says}" in line
    assert stored(tmp_path / "s.duckdb") == (ALL - ARTICLES_PER_UNIT,) * 2


@pytest.mark.parametrize("column", ["article_id", "cameo"])
def test_a_column_named_twice_refuses_its_shard_in_one_line(shards, tmp_path, column):
    # article_id twice was a KeyError traceback mid-load; another column twice was merged
    # with whichever of the two a dict kept
    folder, ids = shards
    path = shard_file(folder, ids[1], "events")
    table = pq.read_table(path)
    pq.write_table(pa.Table.from_arrays([*table.columns, table.column(column)],
                                        names=[*table.column_names, column]), path)
    result = load(folder, tmp_path / "s.duckdb")
    assert f"{ids[1]}.events.parquet: its {column} column appears 2 times" in one_error(result)
    assert result.exit_code == 1
    assert stored(tmp_path / "s.duckdb") == (ALL - ARTICLES_PER_UNIT,) * 2


def test_an_event_id_of_another_article_refuses_the_later_article(shards, tmp_path):
    # the store keeps one row per event id: the later articles' events were dropped while the
    # run counted them ("9 events" with 7 stored)
    folder, ids = shards
    path = shard_file(folder, ids[0], "events")
    table = pq.read_table(path)
    same = pa.array(["same"] * table.num_rows)
    pq.write_table(table.set_column(table.column_names.index("event_id"), "event_id", same),
                   path)
    db = tmp_path / "s.duckdb"
    result = load(folder, db)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.count("has event id 'same' of article u0a0; it is skipped") == 2
    assert stored(db) == (ALL - 2, ALL - 2)
    assert f"{ALL - 2} events ->" in result.output  # the count is what is stored


def test_an_events_file_short_of_its_marker_skips_its_shard_until_it_is_whole(shards,
                                                                                tmp_path):
    # a file replaced by one of no rows lost the shard's events without a word; then its
    # articles were stored without them, and the shard restored later added nothing
    folder, ids = shards
    events = shard_file(folder, ids[2], "events")
    whole = pq.read_table(events)
    pq.write_table(pa.table({}), events)
    db = tmp_path / "s.duckdb"
    line = one_error(load(folder, db))
    assert line == (f"error: {events}: 0 event row(s), but the unit's marker says it coded "
                    f"{ARTICLES_PER_UNIT}; the shard is skipped, to be loaded whole once corrected")
    assert stored(db) == (ALL - ARTICLES_PER_UNIT,) * 2
    pq.write_table(whole, events)
    assert load(folder, db).exit_code == 0
    assert stored(db) == (ALL, ALL)


def test_events_of_no_article_skip_their_shard_until_it_is_corrected(shards, tmp_path):
    # the article was stored with none of its events and, being stored, never completed
    folder, ids = shards
    events = shard_file(folder, ids[0], "events")
    whole = pq.read_table(events)
    moved = pa.array(["x"] * whole.num_rows)
    pq.write_table(whole.set_column(whole.column_names.index("article_id"), "article_id",
                                    moved), events)
    db = tmp_path / "s.duckdb"
    assert "row(s) of no article in the shard (first: 'x'); the shard is skipped" in one_error(
        load(folder, db))
    assert stored(db) == (ALL - ARTICLES_PER_UNIT,) * 2
    pq.write_table(whole, events)
    load(folder, db)
    assert stored(db) == (ALL, ALL)


def test_events_of_one_article_sharing_an_id_refuse_it(shards, tmp_path):
    # the store kept one of them and the summary counted all
    folder, ids = shards
    events = shard_file(folder, ids[0], "events")
    table = pq.read_table(events)
    first = table.column("article_id")[0].as_py()
    article_ids = [first] * table.num_rows
    same = [f"{first}-e"] * table.num_rows
    table = table.set_column(table.column_names.index("article_id"), "article_id",
                             pa.array(article_ids))
    pq.write_table(table.set_column(table.column_names.index("event_id"), "event_id",
                                    pa.array(same)), events)
    result = load(folder, tmp_path / "s.duckdb")
    assert f"has events sharing an event_id ('{first}-e'); it is skipped" in one_error(result)
    articles, events_stored = stored(tmp_path / "s.duckdb")
    assert f"{events_stored} events ->" in result.output


@pytest.mark.parametrize("weight", [float("nan"), float("inf"), 11.0])
def test_a_goldstein_weight_outside_the_scale_refuses_its_article(shards, tmp_path, weight):
    # NaN was stored, spoiling its dyad's sums and every export of them
    folder, ids = shards
    path = shard_file(folder, ids[1], "events")
    table = pq.read_table(path)
    pq.write_table(table.append_column("goldstein", pa.array([weight] * table.num_rows)),
                   path)
    result = load(folder, tmp_path / "s.duckdb")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "not a number of -10..10; it is skipped" in result.output
    assert stored(tmp_path / "s.duckdb") == (ALL - ARTICLES_PER_UNIT,) * 2


@pytest.mark.parametrize("column", ["source_country", "target_country", "cameo"])
def test_an_events_file_without_a_column_repeats_are_marked_by_is_one_line(shards, tmp_path,
                                                                           column):
    # a KeyError traceback from marking repeated stories
    folder, ids = shards
    path = shard_file(folder, ids[0], "events")
    pq.write_table(pq.read_table(path).drop([column]), path)
    result = load(folder, tmp_path / "s.duckdb")
    assert f"{ids[0]}.events.parquet: no {column} column" in one_error(result)
    assert stored(tmp_path / "s.duckdb") == (ALL - ARTICLES_PER_UNIT,) * 2


def test_a_shard_of_no_articles_loads_without_a_word(shards, tmp_path):
    folder, _ = shards
    write_shard(folder, WorkUnit("news/empty.txt"), [], 0, [])
    result = load(folder, tmp_path / "s.duckdb")
    assert result.exit_code == 0 and not notes(result), result.output
    assert stored(tmp_path / "s.duckdb") == (ALL, ALL)


def test_an_older_shards_igo_people_are_merged_under_the_igo_code(tmp_path):
    # written before detente-store/6, when an IGO's envoy was coded UNOGOV
    article = coded(0, 0)
    article.events[0].update(source_code="UNOGOV", source_country="UNO", source_sector="GOV",
                             target_code="CHLGOV", target_country="CHL")
    article.people.append({"article_id": article.key, "name": "An Envoy", "country": "UNO",
                           "sector": "GOV", "code": "UNOGOV"})
    folder = tmp_path / "shards"
    write_shard(folder, WorkUnit("news/u0.txt"), [article], 1, [])
    db = tmp_path / "s.duckdb"
    assert load(folder, db).exit_code == 0
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT source_code, target_code FROM events").fetchall() == [
            ("IGOUNO", "CHLGOV")]
        assert store.con.execute("SELECT code FROM people").fetchall() == [("IGOUNO",)]
