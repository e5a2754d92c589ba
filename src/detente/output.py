"""Writing events as a table for people, or JSONL/CSV for programs."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from detente.model import Event

QUAD_STYLES = {1: "green", 2: "bold green", 3: "yellow", 4: "bold red"}
CSV_COLUMNS = [
    "doc_id", "date", "sentence_index", "source_code", "source_country", "source_text",
    "target_code", "target_country", "target_text", "cameo", "cameo_root", "cameo_name",
    "plover", "quad_class", "goldstein", "modality", "attribution", "confidence",
    "trigger_text", "trigger_start", "trigger_end", "sentence",
]


def flat_row(event: Event) -> dict[str, Any]:
    """One event as a flat row (CSV and tables)."""
    return {
        "doc_id": event.doc_id,
        "date": event.date,
        "sentence_index": event.sentence_index,
        "source_code": event.source.code,
        "source_country": event.source.country,
        "source_text": event.source.text,
        "target_code": event.target.code,
        "target_country": event.target.country,
        "target_text": event.target.text,
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "cameo_name": event.cameo_name,
        "plover": event.plover,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "modality": event.modality,
        "attribution": event.attribution.code if event.attribution else None,
        "confidence": round(event.confidence, 3),
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "sentence": event.sentence,
    }


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
    table = Table(title=title, show_lines=False, expand=True)
    for name, kwargs in [
        ("#", {"justify": "right", "no_wrap": True}),
        ("source", {"no_wrap": True}),
        ("event", {}),
        ("target", {"no_wrap": True}),
        ("CAMEO", {"no_wrap": True}),
        ("PLOVER", {"no_wrap": True}),
        ("G", {"justify": "right"}),
        ("modality", {}),
        ("evidence", {"ratio": 1}),
    ]:
        table.add_column(name, **kwargs)
    for event in events:
        style = QUAD_STYLES.get(event.quad_class, "")
        evidence = f"[dim]{event.sentence.strip()}[/dim]"
        said = f" (said: {event.attribution.code})" if event.attribution else ""
        table.add_row(
            str(event.sentence_index),
            f"{event.source.code}\n[dim]{event.source.text}[/dim]",
            f"[{style}]{event.trigger.text}[/{style}]\n[dim]{event.cameo_name}[/dim]",
            f"{event.target.code}\n[dim]{event.target.text}[/dim]",
            event.cameo,
            event.plover,
            f"{event.goldstein:+.1f}",
            event.modality + said,
            evidence,
        )
    return table


def print_table(events: list[Event], title: str, console: Console) -> None:
    if not events:
        console.print(f"[dim]{title}: no events[/dim]")
        return
    console.print(events_table(events, title))
