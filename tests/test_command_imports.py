"""Commands that code nothing start without spaCy: importing it (and the pipeline's thinc and
numpy kernels) took most of the time a small `detente export` or `detente events` waited."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from detente.store import Store

# Runs a command in a fresh interpreter and prints which heavy packages it imported.
CHILD = textwrap.dedent("""
    import sys
    from detente import cli
    try:
        cli.main.main(args=sys.argv[1:], standalone_mode=False)
    finally:
        print("imported:", ",".join(sorted({"spacy", "thinc", "datasketch"} & set(sys.modules))))
""")


def _imported(*args: str) -> str:
    done = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True,
                          text=True, timeout=120, check=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("imported:")]
    assert lines, done.stdout + done.stderr
    return lines[-1]


@pytest.fixture()
def store_path(tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path):
        pass
    return str(path)


@pytest.mark.parametrize("command", [
    ["export", "{out}", "--format", "csv"],
    ["export", "{out}", "--format", "jsonl"],
    ["events", "--limit", "3"],
    ["relations"],
    ["people"],
])
def test_a_command_that_codes_nothing_loads_no_spacy(command, store_path, tmp_path):
    args = [part.format(out=tmp_path / "out") for part in command]
    assert _imported(*args, "--db", store_path) == "imported: "


def test_ingest_still_loads_the_coder(tmp_path):
    text = tmp_path / "one.txt"
    text.write_text("Norway and Chile signed a fisheries agreement on Monday.\n")
    imported = _imported("ingest", str(text), "--db", str(tmp_path / "events.duckdb"))
    assert "spacy" in imported.removeprefix("imported:").strip().split(",")
