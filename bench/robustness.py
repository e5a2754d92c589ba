"""Expensive requests, timed: the figures of the README's "Robustness" section.

    .venv/bin/python bench/robustness.py

1. The Relations page of a store whose busiest dyad has one event dated year 1 (GDELT's
   SQLDATE 00010101) among 3,000 from 2001-2025: the page, its network and the dyad's series
   by day and by month, as the browser asks for them.
2. Change-point detection over 250 and 2,000 periods: ruptures' pure-Python ``Pelt`` (what
   detente used before) against the compiled ``KernelCPD`` it uses now; same breaks.
3. ``POST /api/code`` with 40 kB of repeated verbs.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import ruptures as rpt
from fastapi.testclient import TestClient

from detente.dyads.changepoints import pelt
from detente.model import EVENT_COLUMNS
from detente.store import Store
from detente.web.app import create_app


def year_one_store(path: Path, count: int = 3000) -> Path:
    rng = random.Random(15)
    rows = []
    for n in range(count + 1):
        day = dt.date(1, 1, 1) if n == count else (
            dt.date(2001, 1, 1) + dt.timedelta(days=rng.randrange(9000)))
        quad = rng.choice([1, 2, 3, 4])
        row = dict.fromkeys(EVENT_COLUMNS)
        row.update(event_id=f"e{n}", origin="gdelt", date=day, source_country="USA",
                   source_code="USA", target_country="RUS", target_code="RUS",
                   quad_class=quad, goldstein=[3.0, 7.0, -4.0, -10.0][quad - 1],
                   cameo="010", cameo_root="01", modality="asserted")
        rows.append(row)
    with Store(path) as store:
        store.add_events(rows)
    return path


def timed(label: str, call) -> object:
    started = time.perf_counter()
    result = call()
    print(f"  {label:<44} {time.perf_counter() - started:7.2f} s")
    return result


def relations_page(folder: Path) -> None:
    print("Relations page, 3,001 events of which one is dated 0001-01-01:")
    client = TestClient(create_app(str(year_one_store(folder / "year1.duckdb"))))
    started = time.perf_counter()
    timed("GET /relations", lambda: client.get("/relations"))
    timed("GET /api/graph", lambda: client.get("/api/graph"))
    for by in ("month", "day"):
        reply = timed(f"GET /api/dyads/USA-RUS/series?by={by}",
                      lambda by=by: client.get("/api/dyads/USA-RUS/series", params={"by": by}))
        body = reply.json()
        print(f"    -> by {body['by']}, {len(body['series'])} rows; notes: {body['notes']}")
    print(f"  {'whole page (both series)':<44} {time.perf_counter() - started:7.2f} s")


def change_points() -> None:
    print("Change points (PELT, L2 cost, min_size 2):")
    rng = np.random.default_rng(15)
    for n in (250, 2000):
        signal = np.round(rng.normal(0, 1, n) + (np.arange(n) > n // 2) * 2)
        pen = 3 * float(np.var(signal)) * np.log(n)
        if n <= 250:  # the old one takes minutes on 2,000
            old = timed(f"ruptures Pelt, {n} periods",
                        lambda s=signal, p=pen: rpt.Pelt(model="l2", min_size=2, jump=1)
                        .fit(s).predict(pen=p)[:-1])
        new = timed(f"KernelCPD (detente), {n} periods", lambda s=signal, p=pen: pelt(s, p, 2))
        if n <= 250:
            print(f"    -> same breaks: {old == new}")


def coding_request() -> None:
    print("POST /api/code:")
    client = TestClient(create_app(None))
    timed("first request (loads spaCy)", lambda: client.post("/api/code",
                                                             json={"text": "Peru praised Chile."}))
    text = "Russia attacked Georgia and " * 1500
    reply = timed(f"{len(text) / 1000:.0f} kB of repeated verbs",
                  lambda: client.post("/api/code", json={"text": text, "date": "2008-08-01"}))
    print(f"    -> {reply.status_code}, {len(reply.json().get('events', []))} events, "
          f"notes: {reply.json().get('notes')}")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        relations_page(Path(folder))
    change_points()
    coding_request()
    return 0


if __name__ == "__main__":
    sys.exit(main())
