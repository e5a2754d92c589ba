"""The twelfth adversarial pass (session 32): exit codes of `ingest` and `import`, event ids of
stores and shards of older detente versions, and bad input the earlier passes touched least.
Every input is made here from invented sentences."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from detente.cli import main

GOOD = "Peru and Chile signed a fisheries accord on Monday."


# ---- exit codes: 0 all stored, 1 some input a problem, 2 none read ----------------------------

@pytest.fixture()
def news(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    return folder


def test_ingest_exits_1_when_some_input_failed(news, tmp_path):
    # the empty file was named on stderr, but the exit code was 0 as if all were stored
    (news / "empty.txt").write_text("")
    db = tmp_path / "e.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(news), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert f"{news / 'empty.txt'}: empty file" in result.stderr
    assert "1 stored" in result.stderr
    (news / "empty.txt").unlink()
    result = CliRunner().invoke(main, ["ingest", str(news), "--db", str(db)])
    assert result.exit_code == 0, result.output  # all read: already stored is no problem


def test_ingest_exits_2_when_nothing_was_read(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "empty.txt"),
                                       "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 2, result.output


GDELT_LINE = "\t".join(
    ["1", "20240105", "202401", "2024", "2024.0137", "PER", "PERU", "PER", "", "", "", "", "",
     "", "", "CHL", "CHILE", "CHL", "", "", "", "", "", "", "", "1", "057", "057", "05", "1",
     "8.0", "2", "1", "2", "1.5", "1", "Peru", "PE", "PE", "", "-9.2", "-75.0", "PE", "1",
     "Chile", "CI", "CI", "", "-30.0", "-71.0", "CI", "1", "Peru", "PE", "PE", "", "-9.2",
     "-75.0", "PE", "20240105", "http://example.org/a"])


def test_import_exits_1_when_some_line_failed(tmp_path):
    path = tmp_path / "events.CSV"
    bad = GDELT_LINE.replace("\t8.0\t", "\tnan\t").replace("1\t20240105", "2\t20240105", 1)
    path.write_text(GDELT_LINE + "\n" + bad + "\n")
    db = tmp_path / "e.duckdb"
    result = CliRunner().invoke(main, ["import", "gdelt", str(path), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "1 imported" in result.stderr and "1 failed" in result.stderr
    path.write_text(GDELT_LINE + "\n")
    result = CliRunner().invoke(main, ["import", "gdelt", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("kind", ["gdelt", "icews", "polecat"])
def test_import_exits_2_when_no_file_was_read(tmp_path, kind):
    result = CliRunner().invoke(main, ["import", kind, str(tmp_path / "gone.tab"),
                                       "--db", str(tmp_path / "e.duckdb")])
    assert result.exit_code == 2, result.output
    assert "gone.tab" in result.stderr and "Traceback" not in result.output


def test_help_states_the_exit_codes():
    for command in (["ingest"], ["import", "gdelt"], ["import", "icews"],
                    ["import", "polecat"]):
        result = CliRunner().invoke(main, [*command, "--help"])
        assert "1 when some" in " ".join(result.output.split()), command
