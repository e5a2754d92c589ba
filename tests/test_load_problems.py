"""Bad input to `detente load` and to the store: each fault is one line naming the file and
what is wrong, never a traceback; the good shards are merged all the same, and the exit code
says something failed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import ARTICLES_PER_UNIT, TEXTS, coded

from detente.cli import main
from detente.ingest.shards import finished, marker, shard_file, write_shard
from detente.ingest.units import WorkUnit
from detente.store import Store


def load(folder: Path, db: Path):
    return CliRunner().invoke(main, ["load", str(folder), "--db", str(db)])


def stored(db: Path) -> tuple[int, int]:
    with Store(db, read_only=True) as store:
        return store.count("articles"), store.count("events")


def rewrite(path: Path, change: Callable[[pa.Table], pa.Table]) -> None:
    pq.write_table(change(pq.read_table(path)), path)


def nulls(name: str, kind: pa.DataType) -> Callable[[pa.Table], pa.Table]:
    def change(table: pa.Table) -> pa.Table:
        return table.set_column(table.column_names.index(name), name,
                                pa.nulls(table.num_rows, kind))
    return change


def marker_with(**changes) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        data = json.loads(path.read_text())
        data.update(changes)
        path.write_text(json.dumps(data))
    return change


# each: what is done to the first unit's files, the file named, and what the line says
DAMAGES: dict[str, tuple[Callable[[Path, str], None], str, str]] = {
    "random bytes": (lambda f, u: shard_file(f, u, "events").write_bytes(os.urandom(300)),
                     "events.parquet", "not a readable Parquet file"),
    "truncated": (lambda f, u: shard_file(f, u, "events").write_bytes(
        shard_file(f, u, "events").read_bytes()[:60]), "events.parquet",
        "not a readable Parquet file"),
    "empty": (lambda f, u: shard_file(f, u, "articles").write_bytes(b""), "articles.parquet",
              "not a readable Parquet file"),
    "missing": (lambda f, u: shard_file(f, u, "events").unlink(), "events.parquet", "missing"),
    "marker not JSON": (lambda f, u: marker(f, u).write_text("{unit"), "done.json",
                        "not JSON"),
    "marker empty": (lambda f, u: marker(f, u).write_text(""), "done.json", "not JSON"),
    "marker null": (lambda f, u: marker(f, u).write_text("null"), "done.json",
                    "not a JSON object"),
    "marker unknown key": (lambda f, u: marker_with(colour="blue")(marker(f, u)), "done.json",
                           "unknown key"),
    "marker path null": (lambda f, u: marker_with(path=None)(marker(f, u)), "done.json",
                         "'path'"),
    "no signature column": (lambda f, u: rewrite(shard_file(f, u, "articles"),
                                                 lambda t: t.drop(["signature"])),
                            "articles.parquet", "no signature column"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_bad_shard_is_one_line_and_the_others_are_merged(shards, tmp_path, damage):
    folder, ids = shards
    spoil, file, says = DAMAGES[damage]
    spoil(folder, ids[0])
    result = load(folder, tmp_path / "s.duckdb")
    assert isinstance(result.exception, SystemExit), result.output  # not a traceback
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    assert f"{ids[0]}.{file}" in errors[0] and says in errors[0]
    assert "1 failed" in result.output
    assert stored(tmp_path / "s.duckdb") == (2 * ARTICLES_PER_UNIT, 2 * ARTICLES_PER_UNIT)


def test_a_marker_of_a_unit_whose_files_are_gone_is_one_line(shards, tmp_path):
    folder, _ = shards
    (folder / "gone.done.json").write_text(json.dumps({"unit_id": "gone", "path": "x.txt"}))
    result = load(folder, tmp_path / "s.duckdb")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "gone.articles.parquet: missing" in result.output
    assert stored(tmp_path / "s.duckdb") == (3 * ARTICLES_PER_UNIT, 3 * ARTICLES_PER_UNIT)


def test_a_folder_that_does_not_exist_is_named_as_missing(tmp_path):
    # it was "no finished shards (*.done.json) here", as if the folder were there but empty
    missing = tmp_path / "no-shards-folder"
    result = load(missing, tmp_path / "s.duckdb")
    assert result.exit_code == 2
    assert result.output == f"error: {missing}: no such folder\n"
    assert not (tmp_path / "s.duckdb").exists()  # refused before a store is made
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no finished shards" in load(empty, tmp_path / "s.duckdb").output


def test_articles_without_signatures_are_each_one_problem(shards, tmp_path):
    folder, ids = shards
    rewrite(shard_file(folder, ids[1], "articles"), nulls("signature", pa.binary()))
    result = load(folder, tmp_path / "s.duckdb")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.count("has no signature") == ARTICLES_PER_UNIT
    assert f"{ARTICLES_PER_UNIT} failed" in result.output
    assert stored(tmp_path / "s.duckdb")[0] == 2 * ARTICLES_PER_UNIT


def test_an_article_without_an_id_is_refused_and_the_rest_stored(shards, tmp_path):
    folder, ids = shards

    def first_id_null(table: pa.Table) -> pa.Table:
        values = table.column("article_id").to_pylist()
        return table.set_column(0, "article_id", pa.array([None, *values[1:]], pa.string()))

    rewrite(shard_file(folder, ids[0], "articles"), first_id_null)
    result = load(folder, tmp_path / "s.duckdb")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "no article_id" in result.output and "1 failed" in result.output
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.query("SELECT count(*) AS n FROM articles WHERE article_id IS NULL"
                           )[0]["n"] == 0
    assert stored(tmp_path / "s.duckdb") == (3 * ARTICLES_PER_UNIT - 1,) * 2


def refused_by_the_store(folder: Path, unit_id: str) -> None:
    """Damage a unit so that the store refuses each of its rows: its events' sentence numbers
    become text, which Parquet reads and DuckDB cannot cast."""
    def strings(table: pa.Table) -> pa.Table:
        return pa.table({name: pa.array(["not a number"] * table.num_rows)
                         if name == "sentence_index" else table.column(name)
                         for name in table.column_names})

    rewrite(shard_file(folder, unit_id, "events"), strings)


def test_rows_the_store_refuses_are_reported_and_counted(shards, tmp_path):
    folder, ids = shards
    refused_by_the_store(folder, ids[2])
    result = load(folder, tmp_path / "s.duckdb")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.count("cannot store") == ARTICLES_PER_UNIT
    assert f"{ids[2]}.articles.parquet" in result.output
    assert f"{ARTICLES_PER_UNIT} failed" in result.output
    assert stored(tmp_path / "s.duckdb")[0] == 2 * ARTICLES_PER_UNIT


def test_a_unit_with_a_damaged_marker_is_not_finished(tmp_path):
    """An ingest resuming in the same --out codes such a unit again instead of stopping."""
    work = WorkUnit("news/u0.txt")
    write_shard(tmp_path, work, [coded(0, 0)], 1, [])
    assert finished(tmp_path, work) is not None
    marker(tmp_path, work.unit_id).write_text("{unit")
    assert finished(tmp_path, work) is None


def test_good_shards_load_with_exit_code_zero(shards, tmp_path):
    folder, _ = shards
    result = load(folder, tmp_path / "s.duckdb")
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output
    assert "note:" not in result.output  # shards of one coding, with the store's columns


def notes(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("note:")]


def recorded_problems(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        [run] = store.query("SELECT problems FROM runs WHERE command = 'load'")
    return json.loads(run["problems"])


def with_columns(**added: list) -> Callable[[pa.Table], pa.Table]:
    def change(table: pa.Table) -> pa.Table:
        for name, values in added.items():
            table = table.append_column(name, pa.array(values))
        return table
    return change


def test_columns_the_store_cannot_keep_are_named_once_per_file(shards, tmp_path):
    # A shard of a newer detente may carry columns this store has no place for: the merge
    # left them out without a word. Each such file is now one note naming them; its rows are
    # stored all the same and the run does not fail for it.
    folder, ids = shards
    rows = ARTICLES_PER_UNIT  # each article of the fixture has one event
    events, articles = shard_file(folder, ids[1], "events"), shard_file(folder, ids[2], "articles")
    rewrite(events, with_columns(tone=[-2.5] * rows, **{"crowd\nsize": [3] * rows}))
    rewrite(articles, with_columns(word_count=[40] * rows))
    db = tmp_path / "s.duckdb"
    result = load(folder, db)
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert notes(result) == [
        f"note: {events}: 2 column(s) the store has no place for are left out (tone, "
        "'crowd\\nsize'); its rows are merged without them",
        f"note: {articles}: 1 column(s) the store has no place for are left out (word_count); "
        "its rows are merged without them"]
    assert stored(db) == (3 * ARTICLES_PER_UNIT, 3 * ARTICLES_PER_UNIT)
    # the run's record keeps them as printed
    assert [line for line in recorded_problems(db) if "no place" in line] == notes(result)


def test_a_file_with_many_unknown_columns_names_a_few_and_counts_the_rest(shards, tmp_path):
    folder, ids = shards
    people = shard_file(folder, ids[0], "people")
    long_name = "remark_" * 40
    pq.write_table(pa.table({"article_id": [f"u0a{n}" for n in range(ARTICLES_PER_UNIT)],
                             "name": ["A. Person"] * ARTICLES_PER_UNIT,
                             long_name: ["seen"] * ARTICLES_PER_UNIT,
                             **{f"x{n:02d}": [n] * ARTICLES_PER_UNIT for n in range(25)}}),
                   people)
    result = load(folder, tmp_path / "s.duckdb")
    assert result.exit_code == 0, result.output
    [line] = notes(result)
    assert line.startswith(f"note: {people}: 26 column(s) the store has no place for are left "
                           f"out ({long_name[:60]}..., x00, x01, x02, x03, x04, x05, x06, x07, "
                           "x08 and 16 more)")


def test_shards_of_several_codings_are_merged_with_one_note(shards, tmp_path):
    # A folder holding shards of two detente versions (or models, dictionaries, reading
    # options) was merged as if they were one run's. They are still merged, as asked, with
    # one line saying how many shards each coding made.
    folder, ids = shards
    marker_with(coding="0123456789abcdef")(marker(folder, ids[0]))
    marker_with(coding="fedcba9876543210")(marker(folder, ids[1]))
    marker_with(coding="fedcba9876543210")(marker(folder, ids[2]))
    db = tmp_path / "s.duckdb"
    result = load(folder, db)
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    line = (f"note: {folder}: its 3 shards were coded 2 different ways (another detente "
            "version, model, dictionary or reading option): 2 by coding fedcba9876543210, "
            "1 by coding 0123456789abcdef; all are merged, as asked")
    assert notes(result) == [line]
    assert stored(db) == (3 * ARTICLES_PER_UNIT, 3 * ARTICLES_PER_UNIT)
    assert line in recorded_problems(db)


def test_shards_without_a_recorded_coding_are_counted_as_such(shards, tmp_path):
    folder, ids = shards  # the fixture's markers record no coding, as before fingerprints
    marker_with(coding="0123456789abcdef")(marker(folder, ids[2]))
    result = load(folder, tmp_path / "s.duckdb")
    assert result.exit_code == 0, result.output
    [line] = notes(result)
    assert line.endswith(": 2 with none recorded (an older detente), 1 by coding "
                         "0123456789abcdef; all are merged, as asked")


# ---- the store file --------------------------------------------------------------------------

def filled_store(path: Path) -> None:
    """A store of a few MB (its tables span many blocks)."""
    from detente.store import StoredArticle

    with Store(path) as store:
        for batch in range(4):
            store.add_articles([
                StoredArticle({"article_id": f"b{batch}n{n}", "text": TEXTS[n % 3] * 20},
                              [(0, 0, 10, TEXTS[n % 3])])
                for n in range(2000)])
            store.checkpoint()


def test_a_store_cut_short_anywhere_is_one_line(tmp_path):
    """DuckDB reads a file's blocks as asked: a cut that spares what a command reads goes
    unseen, any other is the one-line message (never a traceback)."""
    base = tmp_path / "base.duckdb"
    filled_store(base)
    data = base.read_bytes()
    refused = 0
    for fraction in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        cut = tmp_path / f"cut{fraction}.duckdb"
        cut.write_bytes(data[:int(len(data) * fraction)])
        for command in (["events"], ["export", str(tmp_path / "out"), "--format", "csv"]):
            result = CliRunner().invoke(main, [*command, "--db", str(cut)])
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                fraction, command, result.exception)
            if result.exit_code:
                assert result.exit_code == 2, (fraction, command, result.output)
                # export reads the events after opening: its own one line names the file too
                assert (f"{cut}: a damaged or truncated DuckDB database" in result.output
                        or command[0] == "export" and str(cut) in result.output), result.output
                refused += result.output.count("damaged or truncated")
    assert refused


def test_a_store_in_a_directory_that_cannot_be_written_is_one_line(shards, tmp_path):
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is not installed")
    folder, _ = shards
    locked = tmp_path / "locked"
    locked.mkdir()
    db = locked / "store.duckdb"
    with Store(db):
        pass
    os.chmod(db, 0o666)
    os.chmod(locked, 0o555)
    caps = "-dac_override,-dac_read_search,-fowner"
    try:
        probe = subprocess.run([setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}",
                                "touch", str(locked / "probe")], capture_output=True)
        if probe.returncode == 0:
            pytest.skip("the directory is writable all the same (setpriv took no effect)")
        result = subprocess.run(
            [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}", sys.executable, "-m",
             "detente.cli", "load", str(folder), "--db", str(db)],
            capture_output=True, text=True)
    finally:
        os.chmod(locked, 0o755)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{db}: its directory {locked} is not writable" in result.stderr


@pytest.mark.parametrize("date", ["notadate", "2020-02-30"])
def test_code_refuses_a_date_that_is_none(tmp_path, date):
    article = tmp_path / "a.txt"
    article.write_text(TEXTS[0])
    result = CliRunner().invoke(main, ["code", str(article), "--date", date])
    assert result.exit_code == 2
    said = {"notadate": "--date 'notadate' is not a date",
            "2020-02-30": "--date '2020-02-30': no such day: February 2020 has 29 days"}
    assert said[date] in result.output
