"""Writing events as a table for people, or JSONL/CSV for programs."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from detente.cleantext import printable
from detente.jsontext import json_text
from detente.model import EVENT_COLUMNS, Actor, Event, flatten_record, sentence_cell

QUAD_STYLES = {1: "green", 2: "bold green", 3: "yellow", 4: "bold red"}
# `detente code --format csv`: the store's flat event columns, less those only a store has.
CSV_COLUMNS = [c for c in EVENT_COLUMNS
               if c not in ("event_id", "origin", "article_id", "duplicate_of", "run_id")]


def flat_row(event: Event) -> dict[str, Any]:
    """One event as a flat row, in the columns of the store's events table."""
    row = flatten_record(event.to_dict())
    row["sentence"] = sentence_cell(row["sentence"])
    return {column: row[column] for column in CSV_COLUMNS}


def write_jsonl(events: Iterable[Event], stream: IO[str]) -> None:
    for event in events:
        stream.write(json_text(event.to_dict()) + "\n")  # (a U+2028 of the text escaped)


class CsvWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
        self.writer.writeheader()

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            self.writer.writerow(flat_row(event))


# Columns of `detente code` in a terminal, and the order they give way in when the terminal
# is narrow: the actors' words first, then PLOVER, CAMEO names and modality. The sentence
# number, codes and Goldstein always stay whole (a cut code would be a wrong fact); the
# trigger words wrap last.
CODED_DETAILS = ("actor words", "PLOVER", "CAMEO names", "modality")


def events_table(events: list[Event], title: str, width: int | None = None) -> Table:
    """One row per event, fitting ``width`` characters (None: any); the evidence sentence is
    in the JSONL/CSV output."""
    shown = list(CODED_DETAILS)
    while shown and width is not None and _coded_width(events, shown) > width:
        shown.pop(0)
    table = Table(title=Text(title), title_justify="left", expand=False)
    columns = _coded_columns(shown)
    for name in columns:
        table.add_column(name, justify="right" if name in ("#", "G") else "left",
                         no_wrap=name != "event")
    for event in events:
        cells = _styled_cells(_coded_cells(event, shown), event.quad_class)
        table.add_row(*(cells[name] for name in columns))
    return table


def _styled_cells(plain: dict[str, str], quad_class: int | None) -> dict[str, str]:
    """A row's cells as rich markup: the trigger in its quad class's colour, actors' words
    dimmed. The words come from articles and imported files: brackets in them are not markup,
    and a control character in them (an escape sequence in a file name) is shown, not sent to
    the terminal."""
    style = QUAD_STYLES.get(quad_class, "")
    cells = {name: escape(printable(text)) for name, text in plain.items()}
    if style:  # no quad class (a row written by hand or by another program): no colour;
        # "[]...[/]" was a markup error, a traceback in `detente events`
        cells["event"] = f"[{style}]{cells['event']}[/{style}]"
    for side in ("source", "target"):
        code, _, words = cells[side].partition(" ")
        cells[side] = f"{code} [dim]{words}[/dim]" if words else code
    return cells


def _coded_columns(shown: list[str]) -> list[str]:
    return ["#", "source", "event", "target", "CAMEO",
            *(["PLOVER"] if "PLOVER" in shown else []), "G",
            *(["modality"] if "modality" in shown else [])]


def _coded_cells(event: Event, shown: list[str]) -> dict[str, str]:
    """The plain text of each cell of an event's row, with the optional details ``shown``."""
    words = "actor words" in shown

    def actor(side: Actor) -> str:
        return f"{side.code or ''} {_clip(side.text or '') if words else ''}".strip()

    said = f" ({event.attribution.code} said)" if event.attribution else ""
    return {
        "#": str(event.sentence_index),
        "source": actor(event.source),
        "event": _clip(event.trigger.text, 24),
        "target": actor(event.target),
        "CAMEO": (f"{event.cameo} {_clip(event.cameo_name, 28)}" if "CAMEO names" in shown
                  else event.cameo),
        "PLOVER": event.plover or "",
        "G": f"{event.goldstein:+.1f}",
        "modality": event.modality + said,
    }


def _coded_width(events: list[Event], shown: list[str]) -> int:
    """Characters a table of these events takes with these details, borders and padding too."""
    names = _coded_columns(shown)
    widths = dict.fromkeys(names, 0)
    for event in events:
        for name, text in _coded_cells(event, shown).items():
            if name in widths:
                widths[name] = max(widths[name], len(text))
    return sum(max(widths[name], len(name)) for name in names) + 3 * len(names) + 1


# Columns of `detente events` in a terminal, and the order they give way in when the terminal
# is narrow: the article first, then the actors' words, CAMEO names, modality. Date, codes,
# quad class and Goldstein always stay whole; the trigger words wrap last.
OPTIONAL_DETAILS = ("article", "actor words", "CAMEO names", "modality")


def rows_table(rows: list[dict[str, Any]], title: str, width: int | None = None) -> Table:
    """Stored events (flat rows) as a table that fits ``width`` characters (None: any)."""
    shown = list(OPTIONAL_DETAILS)
    while shown and width is not None and _table_width(rows, shown) > width:
        shown.pop(0)
    table = Table(title=Text(title), title_justify="left")
    columns = ["date", "source", "event", "target", "CAMEO", "Q", "G"]
    columns += [name for name in ("modality", "article") if name in shown]
    for name in columns:
        # only the trigger words may wrap; a cut date or code would be a wrong fact
        table.add_column(name, no_wrap=name != "event", min_width=10 if name == "date" else None)
    for row in rows:
        cells = _styled_cells(_row_cells(row, shown), row["quad_class"])
        table.add_row(*(cells[name] for name in columns))
    return table


def _row_cells(row: dict[str, Any], shown: list[str]) -> dict[str, str]:
    """The plain text of each cell of a row, with the optional details ``shown``."""
    words = "actor words" in shown

    def actor(side: str) -> str:
        code = row[f"{side}_code"] or ""
        text = _clip(row[f"{side}_text"] or "") if words else ""
        return f"{code} {text}".strip()

    return {
        "date": str(row["date"] or ""),
        "source": actor("source"),
        # an imported POLECAT event has a PLOVER type and no CAMEO code
        "event": _clip(row["trigger_text"] or row["cameo_name"] or row["plover"] or "", 20),
        "target": actor("target"),
        "CAMEO": (f"{row['cameo']} {_clip(row['cameo_name'] or '', 24)}"
                  if "CAMEO names" in shown and row["cameo"] else str(row["cameo"] or "")),
        "Q": str(row["quad_class"] if row["quad_class"] is not None else ""),
        "G": f"{row['goldstein']:+.1f}" if row["goldstein"] is not None else "",
        "modality": row["modality"] or "",
        "article": _clip(row["doc_id"] or "", 18),
    }


def _table_width(rows: list[dict[str, Any]], shown: list[str]) -> int:
    """Characters a table of these rows takes with these details, borders and padding too."""
    widths: dict[str, int] = {}
    for row in rows:
        for name, text in _row_cells(row, shown).items():
            widths[name] = max(widths.get(name, len(name)), len(text))
    names = ["date", "source", "event", "target", "CAMEO", "Q", "G"]
    names += [name for name in ("modality", "article") if name in shown]
    return sum(widths.get(name, len(name)) for name in names) + 3 * len(names) + 1


def _clip(text: str, width: int = 22) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_table(events: list[Event], title: str, console: Console) -> None:
    if not events:
        console.print(Text(f"{title}: no events", style="dim"))
        return
    console.print(events_table(events, title, width=console.width))
