"""Hygiene: a test run leaves tracked files alone; `events` in a narrow terminal stays readable."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from rich.console import Console

from detente.model import EVENT_COLUMNS
from detente.output import events_table, rows_table

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                    reason="needs git and a checkout")
def test_browser_screenshots_go_to_an_ignored_folder():
    from test_web_browser import SCREENSHOTS

    target = SCREENSHOTS / "code.png"
    ignored = subprocess.run(["git", "check-ignore", "-q", str(target)], cwd=ROOT,
                             check=False)
    assert ignored.returncode == 0, f"{target} is not ignored by git"
    assert not str(SCREENSHOTS).startswith(str(ROOT / "docs"))


def row(n: int) -> dict:
    values = dict.fromkeys(EVENT_COLUMNS)
    values.update(date=dt.date(2003, 1, 10 + n), source_code="IRNGOV",
                  source_text="the Iranian foreign ministry spokesman", target_code="USA",
                  target_text="the United States of America", trigger_text="accused",
                  cameo="112", cameo_name="Accuse of crime, corruption", quad_class=3,
                  goldstein=-2.0, modality="asserted", doc_id="a-rather-long-article-name")
    return values


@pytest.mark.parametrize("width", [68, 80, 100])
def test_events_table_fits_the_terminal(width):
    console = Console(width=width, record=True, force_terminal=False)
    console.print(rows_table([row(0), row(1)], "stored events", width=width))
    text = console.export_text()
    lines = text.splitlines()
    assert all(len(line) <= width for line in lines)
    # dates, codes, quad class and Goldstein are whole on every row
    assert "2003-01-10" in text and "2003-01-11" in text
    assert "┃ Q ┃" in text and "┃ date       ┃" in text
    assert text.count("-2.0") == 2 and text.count("IRNGOV") == 2


def test_wide_terminal_shows_every_detail():
    console = Console(width=200, record=True, force_terminal=False)
    console.print(rows_table([row(0)], "stored events", width=200))
    text = console.export_text()
    assert "a-rather-long-art" in text and "asserted" in text and "Accuse of" in text


def test_control_characters_in_stored_words_are_shown_not_sent_to_the_terminal():
    stored = row(0)
    stored.update(doc_id="esc\x1b[31mred", trigger_text="accused\x07")
    console = Console(width=200, file=None, record=True, force_terminal=True)
    console.print(rows_table([stored], "stored events", width=200))
    text = console.export_text(styles=False)
    assert "\x1b[31m" not in text and "\x07" not in text
    assert "\\x1b[31mred" in text and "accused\\x07" in text


def test_actors_yaml_is_read_by_its_one_loader():
    # places, petrarch and the GDELT import used to parse it each on their own
    package = ROOT / "src" / "detente"
    readers = sorted(str(path.relative_to(package)) for path in package.rglob("*.py")
                     if 'read_packaged("actors.yaml")' in path.read_text(encoding="utf-8"))
    assert readers == ["actors/lexicon.py"]


@pytest.mark.parametrize("width", [60, 80, 130])
def test_coded_events_table_fits_the_terminal_with_numbers_and_codes_whole(coder, width):
    events = coder.code_text("Chile accused Peru of violating the maritime treaty signed in "
                             "Lima. Bolivia praised Brazil for the generous gas deal on Monday.",
                             date="2025-01-01")
    console = Console(width=width, record=True, force_terminal=False)
    console.print(events_table(events, "coded", width=width))
    text = console.export_text()
    assert all(len(line) <= width for line in text.splitlines())
    assert "┃ # ┃" in text and "│ 0 │" in text and "│ 1 │" in text  # the sentence numbers
    assert "CHL" in text and "BRA" in text and "-2.0" in text and "+3.4" in text
    assert "…" not in text  # a detail is left out whole rather than cut
