"""Load on the web API: concurrent clients against `detente serve` on 127.0.0.1.

    .venv/bin/python bench/serve_load.py                       # 100,000 events, 20 s per endpoint
    .venv/bin/python bench/serve_load.py --events 20000 --seconds 5 --clients 4

Builds a store of generated events (written straight through Store.add_articles / add_events),
starts the server in a subprocess on a free loopback port, then for a bounded time per scenario
drives it with concurrent httpx clients: GET /api/events with filters, sorting and pages;
GET /api/dyads; GET /api/graph; POST /api/code. Prints requests/s, p50/p95 latency and errors
for each. Only 127.0.0.1 is ever contacted; every loop stops after its time or request cap.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from detente.model import EVENT_COLUMNS
from detente.store import Store, StoredArticle

HOST = "127.0.0.1"
MAX_REQUESTS = 200_000  # per scenario, whatever the duration: the loop always ends
STATES = ["USA", "RUS", "CHN", "IRN", "GBR", "FRA", "DEU", "UKR", "GEO", "SYR", "ISR", "TUR",
          "IND", "PAK", "JPN", "KOR", "PRK", "EGY", "SAU", "IRQ", "AFG", "BRA", "ARG", "MEX",
          "CAN", "POL", "BLR", "GRC", "ITA", "ESP", "NGA", "ZAF", "KEN", "ETH", "SDN", "LBY",
          "VEN", "COL", "CUB", "VNM"]
CODES = [("010", 1, 0.0), ("036", 1, 4.0), ("040", 1, 1.0), ("051", 1, 3.4), ("057", 1, 8.0),
         ("061", 2, 6.4), ("071", 2, 7.4), ("111", 3, -2.0), ("112", 3, -2.0),
         ("130", 3, -4.4), ("163", 4, -8.0), ("190", 4, -10.0), ("193", 4, -10.0)]
OUTLETS = ["Wire One", "Paper Two", "Daily Three", "Radio Four"]
ARTICLE = (
    "MOSCOW, October 5, 2001\n"
    "Russia condemned Georgia for the raid on the border village on Tuesday. Iranian Defense "
    "Minister Ali Shamkhani said Iran will sign a new arms agreement with Russia next month. "
    "The United States imposed sanctions on Iran over the missile programme. China and Russia "
    "held talks on trade in Beijing, and Japan protested to China over the incursion. Turkey "
    "warned Greece over the flights. India and Pakistan signed an agreement on prisoners. "
    "The European Union urged both sides to resume negotiations."
)


# ---- the store ----------------------------------------------------------------------------
def build_store(path: Path, events: int, per_article: int = 50, seed: int = 1) -> None:
    rng = random.Random(seed)
    start = dt.date(2000, 1, 1)
    articles = []
    for number in range(events // per_article):
        article_id = f"a{number:07d}"
        day = start + dt.timedelta(days=rng.randrange(6 * 365))
        text = f"Generated article {number}. " + "Sentence of a generated story. " * 20
        rows = [_event(rng, article_id, number * per_article + i, day, text)
                for i in range(per_article)]
        articles.append(StoredArticle(
            row={"article_id": article_id, "doc_id": article_id, "source": rng.choice(OUTLETS),
                 "date": day, "date_source": "metadata", "text": text, "language": "en"},
            sentences=[(0, 0, len(text), text)], events=rows))
    with Store(path) as store:
        for first in range(0, len(articles), 200):  # a few thousand rows per Arrow batch
            store.add_articles(articles[first:first + 200])


def _event(rng: random.Random, article_id: str, n: int, day: dt.date, text: str) -> dict:
    source, target = rng.sample(STATES, 2)
    cameo, quad, goldstein = rng.choice(CODES)
    row = dict.fromkeys(EVENT_COLUMNS)
    row.update(event_id=f"e{n:08d}", origin="detente", article_id=article_id, doc_id=article_id,
               date=day, sentence_index=0, sentence=text[:60], sentence_start=0,
               source_country=source, source_code=source, source_text=source,
               target_country=target, target_code=target, target_text=target,
               cameo=cameo, cameo_root=cameo[:2], cameo_name="generated", plover="",
               quad_class=quad, goldstein=goldstein, trigger_text="x", trigger_start=0,
               trigger_end=1, modality="asserted", confidence=0.8)
    return row


# ---- the server ---------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "detente.web", "--db", str(db), "--host", HOST,
         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read().decode()[-500:]}")
        try:
            if httpx.get(f"http://{HOST}:{port}/code", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start within 60 s")


# ---- the load -----------------------------------------------------------------------------
@dataclass
class Result:
    name: str
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)

    def line(self) -> str:
        done = len(self.latencies)
        if not done:
            return f"{self.name:<34} no successful request; errors {self.errors}"
        cuts = statistics.quantiles(self.latencies, n=20) if done > 1 else self.latencies * 19
        return (f"{self.name:<34} {done:>7} {done / self.seconds:>9.1f} "
                f"{statistics.median(self.latencies) * 1000:>9.1f} {cuts[18] * 1000:>9.1f} "
                f"{self.errors:>7}")


Request = Callable[[httpx.AsyncClient, random.Random], "asyncio.Future[httpx.Response]"]


def events_request(client: httpx.AsyncClient, rng: random.Random):
    params: dict = {"page": rng.randint(1, 100), "page_size": rng.choice([25, 50, 100])}
    kind = rng.randrange(5)
    if kind == 1:
        params["quad"] = rng.sample([1, 2, 3, 4], rng.randint(1, 2))
    elif kind == 2:
        params |= {"actor": rng.choice(STATES), "since": "2001-01-01", "until": "2004-12-31",
                   "page": rng.randint(1, 5)}
    elif kind == 3:
        params |= {"sort": rng.choice(["goldstein", "source", "cameo"]),
                   "order": rng.choice(["asc", "desc"])}
    elif kind == 4:
        params |= {"outlet": rng.choice(OUTLETS), "root": ["11", "19"], "page": rng.randint(1, 5)}
    return client.get("/api/events", params=params)


def dyads_request(client: httpx.AsyncClient, rng: random.Random):
    return client.get("/api/dyads", params={"by": rng.choice(["month", "year"]),
                                            "directed": rng.choice(["true", "false"]),
                                            "state": rng.choice(STATES), "limit": 200})


def graph_request(client: httpx.AsyncClient, rng: random.Random):
    return client.get("/api/graph")


def series_request(client: httpx.AsyncClient, rng: random.Random):
    a, b = rng.sample(STATES, 2)  # 1,560 ordered pairs: mostly computed, not cached
    return client.get(f"/api/dyads/{a}-{b}/series", params={"by": "month"})


def code_request(client: httpx.AsyncClient, rng: random.Random):
    return client.post("/api/code", json={"text": ARTICLE, "doc_id": f"load{rng.randrange(9)}"})


async def drive(base: str, name: str, make: Request, clients: int, seconds: float) -> Result:
    result = Result(name)
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def worker(seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < deadline and (
                    len(result.latencies) + result.errors < MAX_REQUESTS):
                began = time.perf_counter()
                try:
                    response = await make(client, rng)
                except httpx.HTTPError:
                    result.errors += 1
                    continue
                result.statuses[response.status_code] = (
                    result.statuses.get(response.status_code, 0) + 1)
                if response.status_code == 200:
                    result.latencies.append(time.perf_counter() - began)
                else:
                    result.errors += 1

        began = time.monotonic()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        result.seconds = time.monotonic() - began
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description="Concurrent load on the web API (loopback).")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0, help="per scenario")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients for reads")
    parser.add_argument("--code-clients", type=int, default=4)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="detente-load-") as folder:
        db = Path(folder) / "load.duckdb"
        began = time.perf_counter()
        build_store(db, args.events)
        print(f"store: {args.events:,} events built in {time.perf_counter() - began:.1f} s, "
              f"{db.stat().st_size / 1e6:.1f} MB")
        port = free_port()
        server = start_server(db, port)
        base = f"http://{HOST}:{port}"
        try:
            # the coder loads on the first /api/code (spaCy: about two seconds); the network,
            # relation tables and series are computed on first use, then cached until the
            # database changes: their first (uncached) times, one request alone
            print("first call, nothing cached:")
            for label, method, path, body in [
                    ("POST /api/code (loads spaCy)", "POST", "/api/code", {"text": ARTICLE}),
                    ("GET /api/graph", "GET", "/api/graph", None),
                    ("GET /api/dyads?by=month", "GET", "/api/dyads?by=month", None),
                    ("GET /api/dyads/RUS-USA/series", "GET", "/api/dyads/RUS-USA/series",
                     None)]:
                began = time.perf_counter()
                httpx.request(method, base + path, json=body, timeout=120).raise_for_status()
                print(f"  {label:<32} {(time.perf_counter() - began) * 1000:8.0f} ms")
            scenarios = [
                ("GET /api/events (filters, pages)", events_request, args.clients),
                ("GET /api/dyads (tables cached)", dyads_request, args.clients),
                ("GET /api/dyads/{a}-{b}/series", series_request, args.clients),
                ("GET /api/graph (cached)", graph_request, args.clients),
                ("POST /api/code (~600 chars)", code_request, args.code_clients),
            ]
            print(f"\n{args.seconds:g} s per scenario on {base}\n")
            print(f"{'endpoint':<34} {'ok':>7} {'req/s':>9} {'p50 ms':>9} {'p95 ms':>9} "
                  f"{'errors':>7}  clients")
            for name, make, clients in scenarios:
                result = asyncio.run(drive(base, name, make, clients, args.seconds))
                print(f"{result.line()}  {clients}", flush=True)
                if result.errors:
                    print(f"  statuses: {result.statuses}")
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
