"""Writing events as a table for people, or JSONL/CSV for programs."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from detente.model import EVENT_COLUMNS, Event, flatten_record

QUAD_STYLES = {1: "green", 2: "bold green", 3: "yellow", 4: "bold red"}
# `detente code --format csv`: the store's flat event columns, less those only a store has.
CSV_COLUMNS = [c for c in EVENT_COLUMNS
               if c not in ("event_id", "origin", "article_id", "duplicate_of", "run_id")]


def flat_row(event: Event) -> dict[str, Any]:
    """One event as a flat row, in the columns of the store's events table."""
    row = flatten_record(event.to_dict())
    return {column: row[column] for column in CSV_COLUMNS}


def write_jsonl(events: Iterable[Event], stream: IO[str]) -> None:
    for event in events:
        stream.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")


class CsvWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
        self.writer.writeheader()

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            self.writer.writerow(flat_row(event))


def events_table(events: list[Event], title: str) -> Table:
    """One row per event; the evidence sentence is in the JSONL/CSV output."""
    table = Table(title=title, title_justify="left", expand=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("source", no_wrap=True)
    table.add_column("event", no_wrap=True)
    table.add_column("target", no_wrap=True)
    table.add_column("CAMEO", no_wrap=True)
    table.add_column("PLOVER", no_wrap=True)
    table.add_column("G", justify="right", no_wrap=True)
    table.add_column("modality", no_wrap=True)
    for event in events:
        style = QUAD_STYLES.get(event.quad_class, "")
        said = f" ({event.attribution.code} said)" if event.attribution else ""
        table.add_row(
            str(event.sentence_index),
            f"{event.source.code} [dim]{_clip(event.source.text)}[/dim]",
            f"[{style}]{_clip(event.trigger.text, 24)}[/{style}]",
            f"{event.target.code} [dim]{_clip(event.target.text)}[/dim]",
            f"{event.cameo} {_clip(event.cameo_name, 28)}",
            event.plover,
            f"{event.goldstein:+.1f}",
            event.modality + said,
        )
    return table


def rows_table(rows: list[dict[str, Any]], title: str) -> Table:
    """Stored events (flat rows) as a table."""
    table = Table(title=title, title_justify="left")
    for name in ("date", "source", "event", "target", "CAMEO", "Q", "G", "modality", "article"):
        table.add_column(name, no_wrap=True)
    for row in rows:
        style = QUAD_STYLES.get(row["quad_class"], "")
        table.add_row(
            str(row["date"] or ""),
            f"{row['source_code']} [dim]{_clip(row['source_text'] or '')}[/dim]",
            f"[{style}]{_clip(row['trigger_text'] or row['cameo_name'] or '', 20)}[/{style}]",
            f"{row['target_code']} [dim]{_clip(row['target_text'] or '')}[/dim]",
            f"{row['cameo']} {_clip(row['cameo_name'] or '', 24)}",
            str(row["quad_class"]),
            f"{row['goldstein']:+.1f}" if row["goldstein"] is not None else "",
            row["modality"] or "",
            _clip(row["doc_id"] or "", 18),
        )
    return table


def _clip(text: str, width: int = 22) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_table(events: list[Event], title: str, console: Console) -> None:
    if not events:
        console.print(f"[dim]{title}: no events[/dim]")
        return
    console.print(events_table(events, title))
