"""Throughput of the field's formats: every export, and the three importers reading back what
was exported, on one store of generated events.

    .venv/bin/python bench/formats.py                # 100,000 events
    .venv/bin/python bench/formats.py --events 20000

The events are made up (states, sectors, CAMEO codes with their PLOVER types and weights,
places, articles with reports of repeated stories), stored once; each export then writes them
all, and `import gdelt`, `import icews` and `import polecat` read the files the `gdelt`, `icews`
and `polecat` exports wrote into empty stores. Printed: seconds and rows per second for each,
and the number of rows each import stored (the round trip keeps them all, but for the events
a format cannot carry: PLOVER and POLECAT have no type for CAMEO roots 01 and 02).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from detente.codebook import load_codebook
from detente.export import FORMATS, export_events
from detente.ingest.gdelt import import_gdelt
from detente.ingest.icews import import_icews
from detente.ingest.polecat import import_polecat
from detente.model import EVENT_COLUMNS
from detente.store import Store, StoredArticle

STATES = ("USA", "RUS", "CHN", "IRN", "UKR", "FRA", "DEU", "TUR", "ISR", "EGY", "IND", "PAK",
          "KOR", "PRK", "JPN", "BRA", "NGA", "ETH", "SAU", "GBR")
SECTORS = (None, "GOV", "MIL", "COP", "JUD", "LEG")
PLACES = (("Kharkiv", "city", "UKR", 49.99, 36.23), ("Gaza", "city", "PSE", 31.5, 34.47),
          ("Texas", "region", "USA", 31.0, -100.0), ("Iran", "country", "IRN", 32.0, 53.0),
          (None, None, None, None, None))
EVENTS_PER_ARTICLE = 10
IMPORTERS: dict[str, Callable[..., Any]] = {"gdelt": import_gdelt, "icews": import_icews,
                                            "polecat": import_polecat}


def generated_store(path: Path, count: int, seed: int = 7) -> None:
    """``count`` events in articles of ten, every tenth article a repeat of the one before."""
    rng = random.Random(seed)
    codes = [entry for entry in load_codebook() if entry.plover]
    articles = []
    for number in range(count // EVENTS_PER_ARTICLE):
        article_id = f"a{number}"
        repeat = number % 10 == 9
        events = [_event(rng, codes, article_id, number, index)
                  for index in range(EVENTS_PER_ARTICLE)]
        if repeat:  # the same story again: each event a report of the previous article's
            previous = articles[-1].events
            events = [{**e, "event_id": f"{article_id}-{i}", "article_id": article_id,
                       "duplicate_of": previous[i]["event_id"]} for i, e in enumerate(previous)]
        articles.append(StoredArticle(
            row={"article_id": article_id, "source": f"Wire {number % 7}",
                 "url": f"https://news.example/{number}", "date": events[0]["date"],
                 "text": "x" * 3000, "ingested_at": dt.datetime(2025, 1, 1, 12, 0),
                 "duplicate_of": f"a{number - 1}" if repeat else None},
            events=events))
    with Store(path) as store:
        store.add_articles(articles)


def _event(rng: random.Random, codes: list, article_id: str, number: int, index: int
           ) -> dict[str, Any]:
    entry = rng.choice(codes)
    source, target = rng.sample(STATES, 2)
    sector = rng.choice(SECTORS)
    name, feature, country, lat, lon = rng.choice(PLACES)
    row = dict.fromkeys(EVENT_COLUMNS)
    row.update(
        event_id=f"{article_id}-{index}", origin="detente", article_id=article_id,
        doc_id=article_id, date=dt.date(2015, 1, 1) + dt.timedelta(days=number % 3650),
        date_precision="day", sentence_index=index, sentence="A sentence.\n",
        source_text=source, source_code=source + (sector or ""), source_country=source,
        source_sector=sector, source_kind="state", source_start=10 * index,
        target_text=target, target_code=target, target_country=target, target_kind="state",
        cameo=entry.code, cameo_root=entry.root, cameo_name=entry.name, plover=entry.plover,
        quad_class=entry.quad_class, goldstein=entry.goldstein, trigger_text="did",
        trigger_start=10 * index + 5, trigger_end=10 * index + 8, modality="asserted",
        confidence=0.8, location_name=name, location_feature=feature,
        location_country=country, location_lat=lat, location_lon=lon)
    return row


def timed(label: str, rows: int, call: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - started
    print(f"  {label:<28} {seconds:7.2f} s  {rows / seconds:>10,.0f} rows/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="events to generate")
    count = parser.parse_args().events
    with tempfile.TemporaryDirectory() as folder:
        store_path = Path(folder) / "generated.duckdb"
        started = time.perf_counter()
        generated_store(store_path, count)
        print(f"{count:,} generated events stored in {time.perf_counter() - started:.1f} s")
        written: dict[str, Path] = {}
        print("exports (every event; the reports of a repeated story once):")
        with Store(store_path, read_only=True) as store:
            stored = store.con.execute(
                "SELECT count(*) FROM events WHERE duplicate_of IS NULL").fetchone()[0]
            for fmt in FORMATS:
                written[fmt] = timed(fmt, stored, lambda fmt=fmt: export_events(
                    store, Path(folder) / fmt, fmt))
        print("imports of the exported files:")
        for fmt, importer in IMPORTERS.items():
            lines = sum(1 for _ in written[fmt].open(encoding="utf-8"))
            with Store(Path(folder) / f"{fmt}.duckdb") as store:
                summary = timed(f"import {fmt}", lines, lambda importer=importer, fmt=fmt,
                                store=store: importer(store, [str(written[fmt])]))
                print(f"  {'':<28} {summary.imported:,} stored, {summary.failed:,} failed")


if __name__ == "__main__":
    main()
