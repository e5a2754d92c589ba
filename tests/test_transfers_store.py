"""Arms transfers go through ingest into the store, the transfers command and exports."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from detente.cli import main

ARTICLE = (
    "2003-04-14\n\n"
    "Russia delivered two battalions of S-300 air-defence systems to Iran on Friday. "
    "Moscow might also supply Tor-M1 systems to Tehran next year."
)


def test_transfers_stored_listed_and_exported(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    db = str(tmp_path / "t.duckdb")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", db]).exit_code == 0
    listed = runner.invoke(main, ["transfers", "--db", db, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    statuses = {r["designations"]: r["status"] for r in rows}
    assert statuses.get("S-300") == "delivered"
    assert statuses.get("Tor-M1") == "possible"
    assert all((r["supplier_country"], r["recipient_country"]) == ("RUS", "IRN") for r in rows)
    only = runner.invoke(main, ["transfers", "--db", db, "--status", "possible",
                                "--format", "json"])
    assert [r["designations"] for r in json.loads(only.stdout)] == ["Tor-M1"]
    out = tmp_path / "out"
    assert runner.invoke(main, ["export", str(out), "--db", db, "--format", "csv"]).exit_code == 0
    exported = list(csv.DictReader((out / "arms_transfers.csv").open()))
    assert len(exported) == len(rows)
    assert {r["categories"] for r in exported} == {"air_defence"}


def test_transfer_takes_the_date_of_its_event(coder):
    text = "China delivered 40 T-72 tanks to Pakistan last month."
    analysis = coder.analyse(coder.nlp(text), "t", "2001-10-05")
    (transfer,) = analysis.transfers
    assert transfer["date"] == "2001-09-01"
    assert transfer["quantity"] == 40 and transfer["status"] == "delivered"
