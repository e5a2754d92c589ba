"""Items session 37 left (docs/history/robustness.md), each reproduced with invented inputs
first: JSON exports of a store holding NaN, the text a <noframes> fallback's title or form
field holds, impossible dates given to date options; and more bad input found while hunting
for faults of the same kind."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from detente.cli import main
from detente.ingest.pipeline import Ingest, IngestOptions
from detente.store import Store

ARTICLE = """Moscow, March 3, 2016

Russian Foreign Minister Sergei Lavrov met Iranian Foreign Minister Mohammad Javad Zarif in \
Tehran on Thursday.

Russia agreed to deliver 40 tanks worth $2 billion to Iran next year, the ministry said.

Iran condemned Israel on Thursday.
"""


def _strict_lines(text: str) -> list:
    """Each line of JSON text read by a parser that refuses NaN and Infinity, as JSON does."""
    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return [json.loads(line, parse_constant=refuse) for line in text.splitlines() if line]


# ---- 1. JSON exports of a store holding a number that is not finite ----------------------------
@pytest.fixture()
def nan_store(tmp_path, coder) -> Path:
    """A store of one article whose events and transfer hold NaN and infinite numbers (a store
    merged from shards before they were checked, or edited by hand)."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "nan.duckdb"
    with Store(db) as store:
        Ingest(store, coder, IngestOptions()).run([str(tmp_path / "news")])
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE events SET goldstein = 'nan'::DOUBLE, confidence = 'inf'::DOUBLE, "
                    "location_lat = '-inf'::DOUBLE, location_lon = 'nan'::DOUBLE")
        con.execute("UPDATE arms_transfers SET value = 'nan'::DOUBLE")
        counts = con.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM "
                             "people), (SELECT count(*) FROM arms_transfers)").fetchone()
    assert all(counts), counts  # events, people and a transfer to write
    return db


@pytest.mark.parametrize("fmt", ["jsonl", "plover"])
def test_a_json_export_of_a_stored_nan_writes_null(nan_store, tmp_path, fmt):
    # json.dumps wrote NaN, Infinity and -Infinity, which JSON readers refuse
    result = CliRunner().invoke(main, ["export", str(tmp_path / "out"), "--db", str(nan_store),
                                       "--format", fmt])
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "out").iterdir())
    assert files
    for path in files:
        records = _strict_lines(path.read_text(encoding="utf-8"))
        assert records, path
    events = _strict_lines((tmp_path / "out" / files[-1].name).read_text(encoding="utf-8"))
    if fmt == "jsonl":
        assert {record["goldstein"] for record in events} == {None}
        assert {record["confidence"] for record in events} == {None}
        assert all(record["location"] is None or record["location"]["lat"] is None
                   for record in events)
        [transfer] = _strict_lines((tmp_path / "out" / "arms_transfers.jsonl").read_text())
        assert transfer["value"] is None and transfer["quantity"] == 40  # the rest as stored


@pytest.mark.parametrize("command", [["events", "--format", "jsonl"],
                                     ["people", "--format", "json", "--events"],
                                     ["transfers", "--format", "json"]])
def test_a_commands_json_of_a_stored_nan_writes_null(nan_store, command):
    result = CliRunner().invoke(main, [*command, "--db", str(nan_store)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    [document] = [_strict_lines(out)] if command[0] == "events" else _strict_lines(out)
    assert document
    assert "NaN" not in out and "Infinity" not in out
