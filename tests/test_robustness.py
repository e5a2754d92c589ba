"""One bad record never stops a run: the repro commands of issue 15 as regression tests.

Each hostile input gets one clear line naming the file, and the rest of the run is stored.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language

import detente.coder
from detente.cli import main
from detente.coder import MAX_SENTENCE_TOKENS
from detente.events.dates import DateResolver
from detente.ingest.pipeline import Ingest, IngestOptions
from detente.ingest.readers import SourceDocument, read_file
from detente.ingest.text import InputProblem, valid_text
from detente.store import Store

GOOD_RECORDS = [
    "Peru praised Chile for the new border treaty.",
    "Egypt accused Libya of shelling a border post.",
    "Norway condemned Russia over the seized trawler.",
    "Japan warned China about drills near the islands.",
]


@pytest.fixture()
def cli_coder(monkeypatch, coder):
    """The command line builds its coder with the session's one (loading spaCy takes seconds)."""
    monkeypatch.setattr(detente.coder, "Coder", lambda *args, **kwargs: coder)
    return coder


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def twenty_records(odd_one: dict, at: int = 7) -> list[dict]:
    records = [{"id": f"r{i}", "text": f"{GOOD_RECORDS[i % 4]} Case {i} was raised again.",
                "date": f"2004-03-0{1 + i % 9}"} for i in range(20)]
    records[at] = {"id": f"r{at}", **odd_one}
    return records


def stored(db: Path) -> tuple[int, dict]:
    with Store(db, read_only=True) as store:
        run = store.query("SELECT * FROM runs ORDER BY started_at DESC LIMIT 1")[0]
        return store.count("articles"), run


# ---- 1. lone surrogates ------------------------------------------------------------------------

def test_valid_text_replaces_lone_surrogates_only():
    assert valid_text("Moscow \ud800 x \udfff") == "Moscow \ufffd x \ufffd"
    assert valid_text("pair \U0001f600 ok") == "pair \U0001f600 ok"
    valid_text("a\ud83d").encode("utf-8")  # a half pair too


def test_lone_surrogate_in_jsonl_text_and_title_is_stored(tmp_path, cli_coder):
    # printf '{"text":"Moscow condemned Tbilisi \\ud800 x"}\n{"text":"Paris praised Berlin."}\n'
    source = tmp_path / "s.jsonl"
    source.write_text('{"text":"Moscow condemned Tbilisi \\ud800 x","title":"T \\udc00"}\n'
                      '{"text":"Paris praised Berlin."}\n', encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 stored" in result.output and "0 failed" in result.output
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT text, title FROM articles ORDER BY doc_id")
    assert rows[0]["text"] == "Moscow condemned Tbilisi \ufffd x"
    assert rows[0]["title"] == "T \ufffd"
    assert rows[1]["text"] == "Paris praised Berlin."


def test_reader_documents_are_valid_utf8(tmp_path):
    source = tmp_path / "one.json"
    source.write_text('{"text": "Rome thanked Vienna \\ud800.", "source": "Wire \\udbff"}')
    (document,) = read_file(source)
    assert isinstance(document, SourceDocument)
    for value in (document.text, document.source):
        value.encode("utf-8")  # raises on a lone surrogate
        assert "\ufffd" in value


def test_api_code_with_lone_surrogate_answers_200(tmp_path, coder):
    from fastapi.testclient import TestClient

    from detente.web.app import create_app

    client = TestClient(create_app(str(tmp_path / "w.duckdb"), allow_writes=True, coder=coder))
    body = {"text": "Moscow condemned Tbilisi \ud800 for the raid.", "date": "2008-08-01"}
    headers = {"content-type": "application/json"}

    def post(payload: dict):  # json.dumps writes the lone surrogate as the escape "\ud800"
        return client.post("/api/code", content=json.dumps(payload), headers=headers)

    response = post(body)
    assert response.status_code == 200, response.text
    assert "\ufffd" in response.json()["text"]
    assert [e["target"]["country"] for e in response.json()["events"]] == ["GEO"]
    stored_reply = post({**body, "store": True})
    assert stored_reply.status_code == 200, stored_reply.text
    assert stored_reply.json()["stored"]["new"] is True


# ---- 2. extreme article dates ------------------------------------------------------------------

def test_year_one_dateline_with_relative_phrase_is_coded(cli_coder):
    # printf '0001-01-01\nRussia attacked Georgia last week.\n' | detente code -
    result = CliRunner().invoke(main, ["code", "-", "--format", "jsonl"],
                                input="0001-01-01\nRussia attacked Georgia last week.\n")
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(e["source"]["country"], e["target"]["country"]) for e in events] == [("RUS", "GEO")]
    assert events[0]["date"] == "0001-01-01"  # kept as written, not computed on
    assert "outside 1800-2100" in events[0]["date_note"]
    assert "outside 1800-2100" in result.stderr


def test_year_9999_with_next_week_is_coded(tmp_path, cli_coder):
    article = tmp_path / "n.txt"
    article.write_text("Russia threatened Georgia with strikes next week.\n")
    result = CliRunner().invoke(main, ["code", str(article), "--date", "9999-12-31",
                                       "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert events and all(e["date"] == "9999-12-31" for e in events)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1799-12-31", "2101-01-01"])
def test_resolver_never_computes_on_out_of_range_dates(day):
    import datetime as dt

    resolver = DateResolver.load()
    article = dt.date.fromisoformat(day)
    for phrase in ("last week", "next week", "on Monday", "next year", "two days ago"):
        assert resolver.resolve(phrase, article, "past") is None
    assert resolver.resolve("in March 2003", article).date == "2003-03-01"  # absolute: fine


def test_ingest_with_a_year_one_record_stores_all_twenty(tmp_path, cli_coder):
    placeholder = {"text": "Peru said on Monday it would recall its envoy from Chile.",
                   "date": "0001-01-01T00:00:00"}
    source = write_jsonl(tmp_path / "w.jsonl", twenty_records(placeholder))
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    count, run = stored(db)
    assert count == 20 and run["failed"] == 0
    assert any(f"{source}:8" in p and "outside 1800-2100" in p
               for p in json.loads(run["problems"]))


# ---- 3. runaway sentences ----------------------------------------------------------------------

def test_five_hundred_chained_nouns_are_skipped_with_a_reason(tmp_path, cli_coder):
    # python -c "print('sanctions '*500)" > r.txt; detente code r.txt
    article = tmp_path / "r.txt"
    article.write_text("sanctions " * 500 + "\n")
    result = CliRunner().invoke(main, ["code", str(article)])
    assert result.exit_code == 0, result.output
    assert f"over the {MAX_SENTENCE_TOKENS}-token budget" in result.stderr
    assert str(article) in result.stderr


def test_chained_nouns_under_the_budget_do_not_recurse(coder, monkeypatch):
    # The walk itself is bounded, not only the sentence length.
    monkeypatch.setattr(detente.coder, "MAX_SENTENCE_TOKENS", 10_000)
    assert coder.code_text("sanctions " * 900) == []
    events = coder.code_text("Iran condemned Iraq. " + "sanctions " * 900)
    assert [(e.source.country, e.target.country) for e in events] == [("IRN", "IRQ")]


def test_tag_line_in_an_ingest_stores_all_twenty(tmp_path, cli_coder):
    tags = {"text": "Peru praised Chile.\nTags: " + " ".join(["sanctions"] * 600)}
    source = write_jsonl(tmp_path / "t.jsonl", twenty_records(tags))
    db = tmp_path / "t.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    count, run = stored(db)
    assert count == 20 and run["failed"] == 0
    with Store(db, read_only=True) as store:
        events = store.query("SELECT source_country AS a, target_country AS b FROM events "
                             "WHERE doc_id = 'r7'")
    assert [(e["a"], e["b"]) for e in events] == [("PER", "CHL")]
    assert "budget" in result.output


# ---- isolation: any fault in one article is its problem alone ----------------------------------

def fail_on_egypt(coder, monkeypatch) -> None:
    """Make the coder fail on any article that names Egypt, as an unforeseen fault would."""
    analyse = coder.analyse

    def faulty(doc, doc_id, date=None):
        if "Egypt" in doc.text:
            raise RuntimeError("injected fault")
        return analyse(doc, doc_id, date)

    monkeypatch.setattr(coder, "analyse", faulty)


def test_code_exits_1_when_an_article_failed_to_code(tmp_path, cli_coder, monkeypatch):
    # the failed article was named on stderr but the exit code was 0, as if every input
    # were in the output
    analyse = cli_coder.analyse
    fail_on_egypt(cli_coder, monkeypatch)
    (tmp_path / "a.txt").write_text("Peru and Chile signed a fisheries accord on Monday.")
    (tmp_path / "b.txt").write_text("Egypt accused Libya of hosting militants.")
    result = CliRunner().invoke(main, ["code", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 1, result.output
    assert f"error: {tmp_path / 'b.txt'}: coding failed (RuntimeError: injected fault)" in (
        result.stderr)
    assert "PER" in result.stdout and "EGY" not in result.stdout
    monkeypatch.setattr(cli_coder, "analyse", analyse)
    result = CliRunner().invoke(main, ["code", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0 and "EGY" in result.stdout, result.output


def test_a_coding_fault_in_one_article_is_one_counted_problem(tmp_path, coder, monkeypatch):
    fail_on_egypt(coder, monkeypatch)
    source = write_jsonl(tmp_path / "f.jsonl", [{"text": t} for t in GOOD_RECORDS])
    db = tmp_path / "f.duckdb"
    problems: list[str] = []
    with Store(db) as store:
        summary = Ingest(store, coder).run([str(source)], on_problem=problems.append)
    assert summary.new == 3 and summary.failed == 1
    assert problems == [f"{source}:2: coding failed (RuntimeError: injected fault)"]
    count, run = stored(db)
    assert count == 3 and run["failed"] == 1 and json.loads(run["problems"]) == problems


@Language.component("test_explode_on_boom")
def explode_on_boom(doc):
    if "boom" in doc.text:
        raise ValueError("a spaCy step failed")
    return doc


def test_a_spacy_fault_mid_batch_loses_only_that_article(coder):
    texts = [GOOD_RECORDS[0], "boom " + GOOD_RECORDS[1], GOOD_RECORDS[2], GOOD_RECORDS[3]]
    coder.nlp.add_pipe("test_explode_on_boom", first=True)
    try:
        articles = [detente.coder.Article(f"d{i}", t) for i, t in enumerate(texts)]
        results = list(coder.code_stream(articles, batch_size=4))
    finally:
        coder.nlp.remove_pipe("test_explode_on_boom")
    assert [r.article.doc_id for r in results] == ["d0", "d1", "d2", "d3"]
    assert [bool(r.error) for r in results] == [False, True, False, False]
    assert "a spaCy step failed" in results[1].error
    assert all(r.events for i, r in enumerate(results) if i != 1)


def test_a_store_fault_in_one_article_keeps_the_rest_of_the_batch(tmp_path, coder, monkeypatch):
    source = write_jsonl(tmp_path / "g.jsonl", [{"text": t} for t in GOOD_RECORDS])
    db = tmp_path / "g.duckdb"
    with Store(db) as store:
        add_articles = store.add_articles

        def refuse_norway(batch):
            if any("Norway" in a.row["text"] for a in batch):
                raise OSError("disk said no")
            add_articles(batch)

        monkeypatch.setattr(store, "add_articles", refuse_norway)
        summary = Ingest(store, coder, IngestOptions(batch_size=8)).run([str(source)])
    assert summary.new == 3 and summary.failed == 1
    assert summary.problems == [f"{source}:3: cannot store (OSError: disk said no)"]
    count, run = stored(db)
    assert count == 3 and run["failed"] == 1


def test_an_unforeseen_reader_fault_ends_only_that_file(tmp_path, coder, monkeypatch):
    import detente.ingest.readers as readers

    broken = write_jsonl(tmp_path / "a.jsonl", [{"text": GOOD_RECORDS[0]}])
    fine = write_jsonl(tmp_path / "b.jsonl", [{"text": GOOD_RECORDS[1]}])
    real = readers._read_jsonl

    def explode(path, gzipped, settings):
        if path.name == "a.jsonl":
            raise MemoryError("injected")
        yield from real(path, gzipped, settings)

    monkeypatch.setattr(readers, "_read_jsonl", explode)
    with Store(tmp_path / "r.duckdb") as store:
        summary = Ingest(store, coder).run([str(broken), str(fine)])
    assert summary.new == 1 and summary.failed == 1
    assert summary.problems == [f"{broken}: cannot read: MemoryError: injected"]


# ---- the coding budget of one web request ------------------------------------------------------

@pytest.fixture()
def web(tmp_path, coder):
    from fastapi.testclient import TestClient

    from detente.web.app import create_app

    return TestClient(create_app(str(tmp_path / "b.duckdb"), allow_writes=True, coder=coder))


def test_time_budget_stops_coding_with_a_note(coder):
    doc = coder.nlp("Peru praised Chile. Egypt accused Libya. Norway condemned Russia.")
    with coder.time_budget(0):
        analysis = coder.analyse(doc, "budget")
    assert analysis.events == []
    assert analysis.notes == ["sentences 1-3 not coded: the 0 s coding budget ran out"]
    assert len(coder.analyse(doc, "budget").events) == 3  # the budget ends with the block


def test_api_code_answers_within_its_budget(web, monkeypatch):
    import detente.web.coding as coding

    monkeypatch.setattr(coding, "CODING_SECONDS", 0)
    reply = web.post("/api/code", json={"text": "Peru praised Chile. Egypt accused Libya."})
    assert reply.status_code == 200
    assert reply.json()["events"] == [] and "budget ran out" in reply.json()["notes"][0]


def test_api_code_refuses_more_words_than_the_budget(web):
    from detente.web.coding import MAX_TEXT_BYTES, MAX_TEXT_TOKENS

    text = "a " * (MAX_TEXT_TOKENS + 1)
    assert len(text.encode()) < MAX_TEXT_BYTES  # under the size limit, over the word budget
    reply = web.post("/api/code", json={"text": text})
    assert reply.status_code == 413
    assert f"the limit is {MAX_TEXT_TOKENS:,}" in reply.json()["detail"]


def test_api_code_says_busy_instead_of_waiting_forever(web, monkeypatch):
    import detente.web.context as context

    monkeypatch.setattr(context, "CODER_WAIT_SECONDS", 0.1)
    ctx = web.app.state.web
    with ctx.coder():  # another request is coding
        reply = web.post("/api/code", json={"text": "Peru praised Chile."})
    assert reply.status_code == 503 and reply.headers["retry-after"] == "60"
    assert web.post("/api/code", json={"text": "Peru praised Chile."}).status_code == 200


# ---- expensive series: a year-1 event, a span of many days -------------------------------------

def year_one_store(path: Path) -> Path:
    import datetime as dt
    import random

    from detente.model import EVENT_COLUMNS

    rng = random.Random(15)

    def row(n: int, day: dt.date) -> dict:
        quad = rng.choice([1, 2, 3, 4])
        values = dict.fromkeys(EVENT_COLUMNS)
        values.update(event_id=f"e{n}", origin="gdelt", date=day, source_country="USA",
                      source_code="USA", target_country="RUS", target_code="RUS",
                      quad_class=quad, goldstein=[3.0, 7.0, -4.0, -10.0][quad - 1],
                      cameo="010", cameo_root="01", modality="asserted")
        return values

    start = dt.date(2001, 1, 1)
    rows = [row(n, start + dt.timedelta(days=rng.randrange(9000))) for n in range(3000)]
    rows.append(row(3000, dt.date(1, 1, 1)))  # GDELT's SQLDATE 00010101
    with Store(path) as store:
        store.add_events(rows)
    return path


def test_series_with_a_year_one_event_is_bounded_and_says_so(tmp_path):
    from detente import dyads

    db = year_one_store(tmp_path / "y1.duckdb")
    series = dyads.dyad_series(db, ("USA", "RUS"), by="day")
    assert series.attrs["by"] == "week"  # 9,000 days are too many periods; 1,300 weeks are not
    assert series["period"].min().year == 2001
    assert len(series) <= 2 * dyads.MAX_PERIODS
    assert series.attrs["notes"] == [
        "1 event(s) dated outside 1800-2100 left out",
        f"by week, not by day: the span has more than {dyads.MAX_PERIODS} days"]
    monthly = dyads.changes(db, by="month", dyad=("USA", "RUS"))
    assert monthly.attrs["by"] == "month"
    assert monthly.attrs["notes"] == ["1 event(s) dated outside 1800-2100 left out"]


def test_a_series_asked_from_before_1800_says_where_it_starts(tmp_path):
    # /series?since=0001-01-01 began at 1800 without a word (plot said so)
    import datetime as dt

    from detente import dyads

    db = year_one_store(tmp_path / "y1.duckdb")
    series = dyads.dyad_series(db, ("USA", "RUS"), by="year",
                               scope=dyads.Scope(since=dt.date(1, 1, 1)))
    assert series.attrs["notes"][0] == ("since 0001-01-01 read as 1800-01-01: a series spans "
                                        "1800-2100")


def test_a_series_asked_wholly_after_2100_says_so(tmp_path):
    import datetime as dt

    from detente import dyads

    db = year_one_store(tmp_path / "y2.duckdb")
    series = dyads.dyad_series(db, ("USA", "RUS"), by="year",
                               scope=dyads.Scope(since=dt.date(2150, 1, 1)))
    assert series.empty
    assert ("since 2150-01-01 lies wholly outside the years a series spans (1800-2100): "
            "nothing to show") in series.attrs["notes"]


def test_relations_page_of_a_store_with_a_year_one_event_loads_quickly(tmp_path):
    import time

    from fastapi.testclient import TestClient

    from detente.web.app import create_app

    client = TestClient(create_app(str(year_one_store(tmp_path / "p.duckdb"))))
    started = time.perf_counter()
    assert client.get("/relations").status_code == 200
    assert client.get("/api/graph").status_code == 200
    reply = client.get("/api/dyads/USA-RUS/series", params={"by": "day"})
    elapsed = time.perf_counter() - started
    assert reply.status_code == 200 and reply.json()["by"] == "week"
    assert "left out" in reply.json()["notes"][0]
    assert elapsed < 5, f"the relations page took {elapsed:.1f} s"


def test_pelt_gives_ruptures_exact_l2_breaks():
    import numpy as np
    import ruptures as rpt

    from detente.dyads.changepoints import pelt

    rng = np.random.default_rng(15)
    for _ in range(20):
        n = int(rng.integers(8, 120))
        signal = np.round(rng.normal(0, 1, n) + (np.arange(n) > n // 2) * rng.integers(0, 4))
        pen = 3 * float(np.var(signal)) * np.log(n) + 1e-9
        exact = rpt.Pelt(model="l2", min_size=2, jump=1).fit(signal).predict(pen=pen)[:-1]
        assert pelt(signal, pen, 2) == exact


# ---- validation at the edges -------------------------------------------------------------------

def test_gdelt_rows_with_out_of_range_values_are_rejected_and_counted(tmp_path):
    from test_gdelt import gdelt_line, write

    from detente.ingest.gdelt import import_gdelt

    path = write(tmp_path / "odd.CSV", [
        gdelt_line(58, GLOBALEVENTID="1"),
        gdelt_line(58, GLOBALEVENTID="2", GoldsteinScale="nan"),
        gdelt_line(58, GLOBALEVENTID="3", GoldsteinScale="inf"),
        gdelt_line(58, GLOBALEVENTID="4", GoldsteinScale="12345"),
        gdelt_line(58, GLOBALEVENTID="5", QuadClass="99"),
        gdelt_line(58, GLOBALEVENTID="6", QuadClass="-3"),
        gdelt_line(58, GLOBALEVENTID="7", GoldsteinScale="-10"),
    ])
    with Store(tmp_path / "g.duckdb") as store:
        summary = import_gdelt(store, [str(path)])
        totals = store.query("SELECT sum(goldstein) AS total FROM events")
    assert (summary.imported, summary.failed) == (2, 5)
    assert totals[0]["total"] == pytest.approx(-12.0)  # no NaN nulls the sum
    assert summary.problems == [
        f"{path}:2: GoldsteinScale 'nan' is outside -10..10",
        f"{path}:3: GoldsteinScale 'inf' is outside -10..10",
        f"{path}:4: GoldsteinScale '12345' is outside -10..10",
        f"{path}:5: QuadClass 99 is not 1, 2, 3 or 4",
        f"{path}:6: QuadClass -3 is not 1, 2, 3 or 4",
    ]


def test_sqlite_and_damaged_files_are_refused_before_anything_is_written(tmp_path, cli_coder):
    import sqlite3

    lite = tmp_path / "lite.db"
    with sqlite3.connect(lite) as con:
        con.execute("CREATE TABLE notes (n INTEGER)")
    good = tmp_path / "good.duckdb"
    with Store(good):
        pass
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(good.read_bytes()[:20_000])  # a copy cut short
    article = tmp_path / "a.txt"
    article.write_text("Peru praised Chile.")
    expected = {lite: "not a DuckDB database (a SQLite database)",
                damaged: "a damaged or truncated DuckDB database"}
    for path, message in expected.items():
        before = path.read_bytes()
        result = CliRunner().invoke(main, ["ingest", str(article), "--db", str(path)])
        assert result.exit_code != 0
        assert f"{path}: {message}" in result.output and "Traceback" not in result.output
        assert path.read_bytes() == before


def test_connections_never_load_extensions_from_the_network(tmp_path):
    with Store(tmp_path / "x.duckdb") as store:
        settings = store.con.execute(
            "SELECT current_setting('autoinstall_known_extensions'), "
            "current_setting('autoload_known_extensions')").fetchone()
    assert settings == (False, False)


# ---- Dask workers that die while starting ------------------------------------------------------

class FlakyLocalCluster:
    """Stands in for distributed.LocalCluster: the first ``failures`` starts fail as a nanny
    that dies at start-up does."""

    failures = 0
    started: list[int] = []

    def __init__(self, n_workers: int, **options) -> None:
        FlakyLocalCluster.started.append(n_workers)
        if len(FlakyLocalCluster.started) <= FlakyLocalCluster.failures:
            raise RuntimeError("Nanny failed to start.")


@pytest.fixture()
def flaky_cluster(monkeypatch):
    import detente.ingest.cluster as cluster

    monkeypatch.setattr(cluster, "LocalCluster", FlakyLocalCluster)
    FlakyLocalCluster.started = []
    return FlakyLocalCluster


def test_a_worker_dying_at_start_up_is_replaced(flaky_cluster):
    from detente.ingest.cluster import local_cluster

    flaky_cluster.failures = 1
    assert isinstance(local_cluster(2), FlakyLocalCluster)
    assert flaky_cluster.started == [2, 2]
    flaky_cluster.started, flaky_cluster.failures = [], 2
    local_cluster(2)  # the requested workers never start: one worker does the job
    assert flaky_cluster.started == [2, 2, 1]


def test_no_worker_can_start_is_one_line_naming_the_cause(tmp_path, flaky_cluster):
    flaky_cluster.failures = 99
    article = tmp_path / "a.txt"
    article.write_text("Peru praised Chile.")
    result = CliRunner().invoke(main, ["ingest", str(article), "--db", str(tmp_path / "c.duckdb"),
                                       "--workers", "2"])
    assert result.exit_code == 2
    assert ("no local Dask worker could start (RuntimeError: Nanny failed to start.)"
            in result.output)
    assert "Traceback" not in result.output and "cannot reach" not in result.output


# ---- the server's own answers ------------------------------------------------------------------

SECURITY_HEADERS = ("x-content-type-options", "x-frame-options", "content-security-policy")


def test_refusals_carry_the_security_headers(web):
    refused = web.post("/api/code", json={"text": "Peru praised Chile."},
                       headers={"origin": "http://elsewhere.example"})
    too_big = web.post("/api/code", content=b"x" * 10_000_000,
                       headers={"content-type": "application/json"})
    assert (refused.status_code, too_big.status_code) == (403, 413)
    for reply in (refused, too_big):
        assert all(name in reply.headers for name in SECURITY_HEADERS), reply.headers


def test_an_unexpected_error_is_a_500_with_headers_and_the_connection_serves_on(web,
                                                                            monkeypatch):
    import detente.web.queries as queries

    def broken(*args, **kwargs):
        raise RuntimeError("injected")

    web.post("/api/code", json={"text": "Peru praised Chile.", "store": True})
    monkeypatch.setattr(queries, "event_page", broken)
    reply = web.get("/api/events")
    assert reply.status_code == 500
    assert reply.json() == {"detail": "internal error (logged by the server)"}
    assert all(name in reply.headers for name in SECURITY_HEADERS)
    monkeypatch.undo()
    assert web.get("/api/events").status_code == 200


# ---- what used to go unreported ----------------------------------------------------------------

def test_broken_links_and_unlisted_folders_are_reported(tmp_path):
    import os

    from detente.ingest.readers import read_documents

    news = tmp_path / "news"
    news.mkdir()
    (news / "good.txt").write_text("Peru praised Chile.")
    (news / "gone.txt").symlink_to(news / "nowhere.txt")
    (news / "loop.txt").symlink_to(news / "loop.txt")
    locked = news / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Egypt accused Libya.")
    locked.chmod(0)
    try:
        listable = os.access(locked, os.R_OK)  # root reads every folder whatever its mode
        items = list(read_documents([str(news), str(news / "loop.txt")]))
    finally:
        locked.chmod(0o755)
    problems = [str(item) for item in items if isinstance(item, InputProblem)]
    documents = [item.text for item in items if isinstance(item, SourceDocument)]
    assert "Peru praised Chile." in documents
    assert f"{news / 'gone.txt'}: dangling symbolic link (to {news / 'nowhere.txt'}, which " \
           "does not exist)" in problems
    loop = f"{news / 'loop.txt'}: symbolic link loop (the link points back at itself)"
    assert problems.count(loop) == 2  # found in the folder, and named directly
    if not listable:
        assert any(p.startswith(f"{locked}: cannot list the directory") for p in problems)


def test_a_newline_in_a_file_name_keeps_the_message_on_one_line(tmp_path):
    odd = tmp_path / "two\nlines.txt"
    odd.write_bytes(b"")
    (problem,) = read_file(odd)
    # (in Python's quoted form since session 36: told from a name with a backslash and an n)
    assert str(problem) == f"{str(odd)!r}: empty file"


def test_an_empty_gdelt_file_is_reported(tmp_path):
    from detente.ingest.gdelt import import_gdelt

    empty = tmp_path / "20030101.export.CSV"
    empty.write_bytes(b"")
    with Store(tmp_path / "e.duckdb") as store:
        summary = import_gdelt(store, [str(empty)])
    assert summary.problems == [f"{empty}: empty file"]


def test_code_reads_no_more_of_stdin_than_the_limit(monkeypatch):
    import sys
    from types import SimpleNamespace

    from detente.ingest.text import read_inputs

    class Endless:
        """Standard input that never ends (`yes | detente code -`)."""

        def read(self, size: int = -1) -> bytes:
            assert size >= 0, "reading all of an endless stream never returns"
            return b"a" * size

    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=Endless()))
    (problem,) = read_inputs(["-"], max_bytes=1000)
    assert str(problem) == "-: input is over the 1.0 kB limit"


def test_unreadable_feed_and_record_dates_are_noted(tmp_path, coder):
    feed = tmp_path / "wire.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>One</title><pubDate>the day after the summit</pubDate>"
        "<description>Peru praised Chile for the treaty.</description></item>"
        "<item><title>Two</title><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>"
        "<description>Egypt accused Libya of shelling.</description></item>"
        "</channel></rss>", encoding="utf-8")
    records = write_jsonl(tmp_path / "r.jsonl", [
        {"text": "2004-05-06\nNorway condemned Russia.", "date": "sometime in spring"},
        {"text": "Japan warned China.", "date": "2004-05-07"}])
    notes: list[str] = []
    with Store(tmp_path / "n.duckdb") as store:
        summary = Ingest(store, coder).run([str(feed), str(records)], on_note=notes.append)
    assert (summary.new, summary.failed) == (4, 0)
    assert notes == [
        f"{feed}:1: unreadable date 'the day after the summit': left undated",
        f"{records}:1: unreadable date 'sometime in spring': dated from its text instead",
    ]
    count, run = stored(tmp_path / "n.duckdb")
    assert json.loads(run["problems"]) == [f"note: {note}" for note in notes]


def test_the_store_memory_is_bounded_and_a_bad_bound_is_one_line(tmp_path, monkeypatch):
    from detente.store import Store, StoreError

    monkeypatch.setenv("DETENTE_DB_MEMORY", "256MB")
    store = Store(tmp_path / "bounded.duckdb")
    limit = store.con.execute("select current_setting('memory_limit')").fetchone()[0]
    store.close()
    assert limit.endswith("MiB") and float(limit.split()[0]) < 300
    monkeypatch.setenv("DETENTE_DB_MEMORY", "lots")
    with pytest.raises(StoreError, match="DETENTE_DB_MEMORY"):
        Store(tmp_path / "other.duckdb")
    # DuckDB takes a negative size for no limit at all (80% of the machine) without a word
    for negative in ("-5", "-1GB"):
        monkeypatch.setenv("DETENTE_DB_MEMORY", negative)
        with pytest.raises(StoreError, match="DETENTE_DB_MEMORY.*negative"):
            Store(tmp_path / "other.duckdb")
    assert not (tmp_path / "other.duckdb").exists()


# ---- issue 16: inputs found by the second adversarial pass ------------------------------------

def test_a_megabyte_date_field_is_refused_at_once(tmp_path):
    # dateutil's time grows with the square of the length: this record took over two minutes
    import time

    from detente.ingest.readers import iso_date

    source = write_jsonl(tmp_path / "d.jsonl", [
        {"text": GOOD_RECORDS[0], "date": "2" * 1_000_000},
        {"text": GOOD_RECORDS[1], "date": "2004-03-05"}])
    started = time.perf_counter()
    first, second = read_file(source)
    assert time.perf_counter() - started < 5
    assert first.date is None and first.notes == (f"unreadable date {'2' * 60!r}: left undated",)
    assert second.date == "2004-03-05"
    assert iso_date(" 2004-03-05 ") == "2004-03-05"


@pytest.mark.parametrize("value, kind", [(5, "a number"), (["Peru praised Chile."], "a list"),
                                         ({"body": "x"}, "an object"), (True, "true or false")])
def test_a_text_field_of_the_wrong_type_says_what_it_is(tmp_path, value, kind):
    source = write_jsonl(tmp_path / "t.jsonl", [{"text": value}, {"text": GOOD_RECORDS[2]}])
    problem, document = read_file(source)
    assert str(problem) == f"{source}:1: record's 'text' is {kind}, not text"
    assert document.text == GOOD_RECORDS[2]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_read_only_up_to_the_limit(tmp_path):
    # stat() gives a device or a pipe no size: reading "all" of /dev/zero filled memory
    from detente.ingest.text import read_inputs

    as_json = tmp_path / "zero.json"
    as_json.symlink_to("/dev/zero")
    (text_problem,) = read_file("/dev/zero", max_bytes=1000)
    (json_problem,) = read_file(as_json, max_bytes=1000)
    (code_problem,) = read_inputs(["/dev/zero"], max_bytes=1000)
    assert str(text_problem) == str(code_problem) == "/dev/zero: input is over the 1.0 kB limit"
    assert str(json_problem) == f"{as_json}: binary file, not text"  # read a block at a time


def test_an_empty_file_given_as_db_becomes_the_database(tmp_path, cli_coder):
    # `touch events.duckdb` or mkstemp: DuckDB itself calls the empty file "not a database"
    db = tmp_path / "made.duckdb"
    db.write_bytes(b"")
    result = CliRunner().invoke(main, ["events", "--db", str(db)])
    assert result.exit_code == 2 and "empty file, no database yet" in result.output
    source = write_jsonl(tmp_path / "e.jsonl", [{"text": GOOD_RECORDS[0]}])
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert stored(db)[0] == 1


def test_a_full_disk_stops_the_ingest_with_one_line_and_a_rerun_finishes(tmp_path, cli_coder,
                                                                         monkeypatch):
    import duckdb

    full = duckdb.IOException('Could not write file "x.wal": No space left on device')
    real_add, real_finish = Store.add_articles, Store._finish_run
    writes: list[int] = []

    def add_until_full(self, batch):
        writes.append(len(batch))
        if len(writes) > 1:
            raise full
        real_add(self, batch)

    def finish_on_full_disk(self, *args):
        raise full

    source = write_jsonl(tmp_path / "f.jsonl", twenty_records({"text": "Chad thanked Mali."}))
    db = tmp_path / "f.duckdb"
    monkeypatch.setattr(Store, "add_articles", add_until_full)
    monkeypatch.setattr(Store, "_finish_run", finish_on_full_disk)
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db),
                                       "--batch-size", "4"])
    assert result.exit_code == 2
    assert result.output.count("error:") == 1, result.output  # not one line per article
    assert f"{db}: cannot write the database" in result.output
    assert "Traceback" not in result.output and len(writes) == 3  # batch, then one article
    monkeypatch.setattr(Store, "add_articles", real_add)
    monkeypatch.setattr(Store, "_finish_run", real_finish)
    assert stored(db)[0] == 4
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0 and "16 stored, 4 already stored" in result.output
    with Store(db, read_only=True) as store:
        assert store.query("SELECT count(DISTINCT doc_id) AS n FROM articles")[0]["n"] == 20


def test_gdelt_numbers_the_store_cannot_hold_are_one_problem_each(tmp_path):
    # NumMentions past 32 bits ended the import with a traceback and lost its batch
    from test_gdelt import gdelt_line

    from detente.ingest.gdelt import import_gdelt

    path = tmp_path / "big.CSV"
    path.write_text("\ufeff" + "\n".join([
        gdelt_line(58, GLOBALEVENTID="1"),
        gdelt_line(58, GLOBALEVENTID="2", NumMentions="99999999999999999999"),
        gdelt_line(58, GLOBALEVENTID="3", ActionGeo_Type="99999999999"),
        gdelt_line(58, GLOBALEVENTID="4", ActionGeo_Lat="nan", AvgTone="1e999"),
        gdelt_line(58, GLOBALEVENTID="5", EventCode="\u0661\u0661\u0662"),
        gdelt_line(58, GLOBALEVENTID="6"),
    ]) + "\n", encoding="utf-8")
    with Store(tmp_path / "g.duckdb") as store:
        summary = import_gdelt(store, [str(path)])
        ids = [r["event_id"] for r in store.query("SELECT event_id FROM events ORDER BY 1")]
    assert ids == ["gdelt-1", "gdelt-6"]  # the first, after a byte-order mark, too
    assert summary.problems == [
        f"{path}:2: NumMentions '99999999999999999999' is out of range",
        f"{path}:3: ActionGeo_Type '99999999999' is out of range",
        f"{path}:4: AvgTone '1e999' is not a finite number",  # checked first
        f"{path}:5: EventCode '\u0661\u0661\u0662' is not a CAMEO code",
    ]


def test_a_gdelt_row_the_store_refuses_is_one_problem_and_the_batch_is_kept(tmp_path,
                                                                            monkeypatch):
    import duckdb
    from test_gdelt import gdelt_line, write

    from detente.ingest.gdelt import import_gdelt

    path = write(tmp_path / "r.CSV", [gdelt_line(58, GLOBALEVENTID=str(n)) for n in (1, 2, 3)])
    with Store(tmp_path / "r.duckdb") as store:
        add_details = store.add_gdelt_details

        def refuse_two(rows):
            if any(row["event_id"] == "gdelt-2" for row in rows):
                raise duckdb.ConversionException("value out of range")
            add_details(rows)

        monkeypatch.setattr(store, "add_gdelt_details", refuse_two)
        summary = import_gdelt(store, [str(path)])
        ids = [r["event_id"] for r in store.query("SELECT event_id FROM events ORDER BY 1")]
    assert ids == ["gdelt-1", "gdelt-3"]
    assert (summary.imported, summary.failed, summary.known) == (2, 1, 0)
    assert summary.problems == [f"{path}:2: cannot store (value out of range)"]


def test_a_gdelt_line_without_an_end_is_not_read_into_memory(tmp_path, monkeypatch):
    from test_gdelt import gdelt_line

    import detente.ingest.gdelt as gdelt

    monkeypatch.setattr(gdelt, "MAX_LINE_BYTES", 2000)
    path = tmp_path / "long.CSV"
    path.write_text("x" * 10_000 + "\n" + gdelt_line(58, GLOBALEVENTID="7") + "\n")
    items = list(gdelt.read_gdelt_events(path))
    assert str(items[0]) == f"{path}:1: line is over 2,000 bytes; GDELT event lines are a few " \
                            "thousand"
    assert items[1]["event_id"] == "gdelt-7" and items[1]["where"] == f"{path}:2"


# ---- the third adversarial pass: pipes, interrupted runs, dates, line ends, big files, full disks

@pytest.fixture()
def fifo(tmp_path, monkeypatch):
    """A named pipe nobody writes to (`mkfifo p`), and a short wait for a writer."""
    import os

    import detente.ingest.rawio as rawio

    if not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes")
    monkeypatch.setattr(rawio, "PIPE_IDLE_SECONDS", 0.3)

    def make(name: str) -> Path:
        path = tmp_path / name
        os.mkfifo(path)
        return path

    return make


@pytest.mark.parametrize("name", ["p.txt", "p", "p.jsonl", "p.json", "p.json.gz", "p.xml"])
def test_a_named_pipe_with_no_writer_is_one_line_not_a_hang(fifo, name):
    # mkfifo p.txt; detente code p.txt waited forever for a writer
    from detente.ingest.text import read_inputs

    pipe = fifo(name)
    (problem,) = read_file(pipe)
    assert str(problem).startswith(f"{pipe}: ")
    assert "a named pipe with nothing written to it for 0.3 s" in str(problem)
    if name == "p.txt":
        (code_problem,) = read_inputs([str(pipe)])
        assert str(code_problem) == str(problem)


def test_a_named_pipe_with_a_writer_is_read(fifo):
    import threading

    pipe = fifo("w.jsonl")
    lines = "".join(json.dumps({"text": text}) + "\n" for text in GOOD_RECORDS[:2])

    def write() -> None:
        with pipe.open("w") as stream:  # blocks until the reader opens the pipe
            stream.write(lines)

    writer = threading.Thread(target=write)
    writer.start()
    items = list(read_file(pipe))
    writer.join(5)
    assert [item.text for item in items] == GOOD_RECORDS[:2]


def test_named_pipes_in_a_folder_a_gdelt_import_and_a_db_are_refused_or_bounded(fifo,
                                                                                 tmp_path):
    from detente.ingest.gdelt import import_gdelt
    from detente.ingest.readers import read_documents
    from detente.store import StoreError

    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(GOOD_RECORDS[0])
    pipe = fifo("news/b.txt")
    items = list(read_documents([str(news)]))
    assert [str(item) for item in items if isinstance(item, InputProblem)] == [
        f"{pipe}: not a regular file (a named pipe or a device), left out of the directory's "
        "files"]
    assert [item.text for item in items if isinstance(item, SourceDocument)] == [GOOD_RECORDS[0]]
    events = fifo("20030101.export.CSV")
    with Store(tmp_path / "g.duckdb") as store:
        summary = import_gdelt(store, [str(events)])
    assert summary.problems == [f"{events}: unreadable (a named pipe with nothing written to "
                                "it for 0.3 s)"]
    from detente.ingest.icews import import_icews

    icews_events = fifo("events.2016.tab")
    with Store(tmp_path / "i.duckdb") as store:
        summary = import_icews(store, [str(icews_events)])
    assert summary.problems == [f"{icews_events}: unreadable (a named pipe with nothing "
                                "written to it for 0.3 s)"]
    db = fifo("p.duckdb")
    with pytest.raises(StoreError, match="not a regular file"):
        Store(db, read_only=True)


def test_a_named_pipe_or_a_folder_as_dictionary_is_one_line(fifo, tmp_path):
    from detente.datafiles import DictionaryError, read_extension

    with pytest.raises(DictionaryError, match="not a regular file: a named pipe or a device"):
        read_extension(fifo("mine.yaml"))
    with pytest.raises(DictionaryError, match="not a regular file: a directory"):
        read_extension(tmp_path)


def test_a_directory_as_db_is_one_line(tmp_path):
    from detente.store import StoreError

    with pytest.raises(StoreError, match="a directory, not a database file"):
        Store(tmp_path)


def test_brackets_in_file_names_and_imported_words_are_not_read_as_markup(tmp_path, cli_coder):
    # rich read "[/x]" in a file name as a closing tag and ended the command with a traceback
    from test_gdelt import gdelt_line, write

    folder = tmp_path / "["
    folder.mkdir()
    article = folder / "x]c.txt"
    article.write_text("Russia attacked Georgia on Monday.")
    result = CliRunner().invoke(main, ["code", str(article), str(folder / "x]gone.txt")])
    assert result.exit_code == 1, result.output
    assert "x]c (no date)" in result.output
    assert f"error: {folder}/x]gone.txt: no such file or directory" in result.output
    db = tmp_path / "[b]events.duckdb"
    events = write(tmp_path / "b.CSV", [gdelt_line(58, GLOBALEVENTID="1", Actor1Name="[/x]")])
    result = CliRunner().invoke(main, ["import", "gdelt", str(events), "--db", str(db)])
    assert result.exit_code == 0 and f"-> {db}" in result.output, result.output
    result = CliRunner().invoke(main, ["events", "--db", str(db), "--origin", "gdelt"])
    assert result.exit_code == 0 and "[/x]" in result.output, result.output
    from test_icews import HEADER, row
    from test_icews import write as write_icews

    icews_events = write_icews(folder / "x]i.tab", [HEADER, row(Source_Name="[/x]")])
    result = CliRunner().invoke(main, ["import", "icews", str(icews_events),
                                       str(folder / "x]gone.tab"), "--db", str(db)])
    assert result.exit_code == 1 and f"-> {db}" in result.output, result.output
    assert f"error: {folder}/x]gone.tab: no such file" in result.output
    result = CliRunner().invoke(main, ["events", "--db", str(db), "--origin", "icews"])
    assert result.exit_code == 0 and "[/x]" in result.output, result.output
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "[/x]")])
    assert result.exit_code == 2
    assert result.output == f"error: {tmp_path}/[/x]: no such database (run `detente ingest` " \
                            "first)\n"


def gdelt_store(tmp_path: Path, events: int = 300) -> Path:
    """A store of imported GDELT events: something to export, made without the parser."""
    from test_gdelt import gdelt_line, write

    from detente.ingest.gdelt import import_gdelt

    source = write(tmp_path / "many.CSV", [gdelt_line(58, GLOBALEVENTID=str(n))
                                           for n in range(1, events + 1)])
    db = tmp_path / "g.duckdb"
    with Store(db) as store:
        assert import_gdelt(store, [str(source)]).imported == events
    return db


def run_detente(args: list[str], file_size_limit: int | None = None, **options):
    """`detente ARGS` in a child process, optionally with files limited to a size (`ulimit -f`:
    writing past it fails with EFBIG, as a full disk fails with ENOSPC)."""
    import signal
    import subprocess
    import sys

    def limit() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run([sys.executable, "-m", "detente.cli", *args], text=True,
                          stderr=subprocess.PIPE, timeout=120,
                          preexec_fn=limit if file_size_limit else None, **options)


@pytest.mark.parametrize("fmt, name", [("csv", "events.csv"), ("jsonl", "events.jsonl")])
def test_an_export_that_cannot_be_written_is_one_line_and_leaves_no_half_file(tmp_path, fmt,
                                                                             name):
    # a full disk during `detente export` printed DuckDB's traceback (csv, parquet) and left a
    # half-written events file under its final name
    import subprocess

    db = gdelt_store(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / name).write_text("the last complete export\n")
    # --force: replacing the last export is what a failed write must not spoil
    result = run_detente(["export", str(out), "--db", str(db), "--format", fmt, "--force"],
                         file_size_limit=4096, stdout=subprocess.DEVNULL)
    assert result.returncode == 2
    assert result.stderr == f"error: {out / name}: cannot write (File too large); no {name} " \
                            "was written\n"
    assert [p.name for p in out.iterdir()] == [name]  # no .part left behind
    assert (out / name).read_text() == "the last complete export\n"
    result = run_detente(["export", str(out), "--db", str(db), "--format", fmt, "--force"],
                         stdout=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert (out / name).stat().st_size > 4096


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_standard_output_on_a_full_disk_is_one_line(tmp_path):
    # `detente events --format csv > /dev/full` ended with a traceback
    db = gdelt_store(tmp_path, 20)
    with open("/dev/full", "w") as full:
        result = run_detente(["events", "--db", str(db), "--format", "csv"], stdout=full)
    assert result.returncode == 2
    assert result.stderr == "error: standard output: cannot write (No space left on device); " \
                            "the output is incomplete\n"


def test_export_into_a_device_and_a_graph_beside_a_file_are_one_line(tmp_path):
    db = gdelt_store(tmp_path, 5)
    not_a_folder = tmp_path / "plain"
    not_a_folder.write_text("x")
    if Path("/dev/null").exists():  # a device: click's own check lets it through
        result = CliRunner().invoke(main, ["export", "/dev/null", "--db", str(db),
                                           "--format", "csv"])
        assert result.exit_code == 2
        assert result.output == "error: /dev/null: not a directory (name a folder to write " \
                                "the files into)\n"
    result = CliRunner().invoke(main, ["graph", "--db", str(db), "--out",
                                       str(not_a_folder / "g.html")])
    assert result.exit_code == 2
    assert result.output == f"error: {not_a_folder / 'g.html'}: cannot write ({not_a_folder} " \
                            "is not a directory)\n"


@pytest.mark.parametrize("value, expected, problem", [
    ("2004-03-05", "2004-03-05", None),
    ("20261203", "2026-12-03", None), (20261203, "2026-12-03", None),
    ("20031205103000", "2003-12-05", None),  # GDELT 2.0's DATEADDED form
    (1700000000, "2023-11-14", None), ("1700000000", "2023-11-14", None),  # Unix seconds
    (1700000000123, "2023-11-14", None), (1.7e9, "2023-11-14", None),  # milliseconds, float
    ("13/2/2003", "2003-02-13", None), ("2004/03/05", "2004-03-05", None),
    ("March 2024", "2024-03-01", None),
    ("-1", None, "unreadable date"), (-1, None, "unreadable date"), (0, None, "unreadable date"),
    ("-0001-01-01", None, "unreadable date"), ("-2004-03-05", None, "unreadable date"),
    ("12", None, "unreadable date"), ("2004", None, "unreadable date"),
    ("20040230", None, "unreadable date"), (float("nan"), None, "unreadable date"),
    (True, None, "unreadable date"),
    ("1/2/2003", None, "ambiguous date (day or month first?)"),
    ("5.3.2004", None, "ambiguous date (day or month first?)"),
    ("Tuesday", None, "incomplete date (no year or no month)"),
    ("June 10", None, "incomplete date (no year or no month)"),
    ("", None, None), (None, None, None),
])
def test_dates_are_read_only_when_unambiguous(value, expected, problem):
    # "-1" was stored as January 1st of this year, "Tuesday" as a Tuesday of this January,
    # and numbers (epoch seconds, 20261203) were not read at all
    from detente.ingest.readers import read_date

    assert read_date(value) == (expected, problem)


def test_unreadable_record_dates_are_null_noted_and_counted(tmp_path, cli_coder):
    source = write_jsonl(tmp_path / "dates.jsonl", [
        {"id": "a", "text": GOOD_RECORDS[0], "date": -1},
        {"id": "b", "text": GOOD_RECORDS[1], "date": 1700000000},
        {"id": "c", "text": GOOD_RECORDS[2], "date": "20261203"},
        {"id": "d", "text": GOOD_RECORDS[3], "date": "1/2/2003"},
        {"id": "e", "text": "Chad thanked Mali.", "date": 1700000000000},
    ])
    db = tmp_path / "d.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"note: {source}:1: unreadable date '-1': left undated" in result.output
    assert f"note: {source}:4: ambiguous date '1/2/2003' (day or month first?): left " \
           "undated" in result.output
    assert "5 stored" in result.output
    assert "(2 with a date that could not be read: see the notes)" in result.output
    with Store(db, read_only=True) as store:
        dates = {r["doc_id"]: r["date"] for r in store.query("SELECT doc_id, date FROM articles")}
    assert {key: day and day.isoformat() for key, day in dates.items()} == {
        "a": None, "b": "2023-11-14", "c": "2026-12-03", "d": None, "e": "2023-11-14"}


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_gdelt_and_jsonl_files_with_any_line_ends_are_split_into_their_lines(tmp_path, ending):
    # a GDELT file from an old Mac (lone CR line ends) was one 3-line "line" of 172 fields
    from test_gdelt import gdelt_line

    from detente.ingest.gdelt import read_gdelt_events

    events = tmp_path / "mac.CSV"
    events.write_bytes(ending.join(gdelt_line(58, GLOBALEVENTID=str(n)) for n in (1, 2, 3))
                       .encode() + ending.encode())
    rows = list(read_gdelt_events(events))
    assert [row["event_id"] for row in rows] == ["gdelt-1", "gdelt-2", "gdelt-3"]
    assert rows[2]["where"] == f"{events}:3"
    records = tmp_path / "mac.jsonl"
    records.write_bytes(ending.join(json.dumps({"text": text}) for text in GOOD_RECORDS)
                        .encode())
    documents = list(read_file(records))
    assert [(d.text, d.line) for d in documents] == [(t, n) for n, t in enumerate(GOOD_RECORDS, 1)]


def test_a_truncated_gzip_keeps_the_lines_before_the_cut(tmp_path):
    import gzip

    from test_gdelt import gdelt_line

    from detente.ingest.gdelt import read_gdelt_events

    lines = "".join(gdelt_line(58, GLOBALEVENTID=str(n)) + "\n" for n in range(1, 2001))
    whole = gzip.compress(lines.encode())
    cut = tmp_path / "cut.CSV.gz"
    cut.write_bytes(whole[: len(whole) * 9 // 10])
    items = list(read_gdelt_events(cut))
    *rows, problem = items
    assert str(problem).startswith(f"{cut}: unreadable after line {len(rows)}")
    assert len(rows) > 1500  # all but the last compressed block's lines


def test_a_big_gzipped_json_list_is_read_a_record_at_a_time(tmp_path):
    # a 290 MB JSON list (2.7 MB gzipped) took 800 MB of memory before its first record
    import gzip
    import tracemalloc

    records = [{"id": f"r{n}", "text": f"{GOOD_RECORDS[n % 4]} Case {n}. " * 4,
                "date": "2004-03-01"} for n in range(10_000)]
    source = tmp_path / "big.json.gz"
    source.write_bytes(gzip.compress(json.dumps(records).encode()))
    del records
    tracemalloc.start()
    try:
        count = sum(1 for item in read_file(source) if isinstance(item, SourceDocument))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 10_000
    assert peak < 2_000_000, peak  # the list's text alone is 2.6 MB


def test_one_malformed_record_in_a_json_list_is_one_problem(tmp_path, cli_coder):
    good = [json.dumps({"id": f"r{n}", "text": GOOD_RECORDS[n]}) for n in range(4)]
    source = tmp_path / "list.json"
    source.write_text("[\n" + ",\n".join([good[0], good[1], '{"id": "bad", "text": "x" "y"}',
                                         good[2], good[3]]) + "\n]\n")
    db = tmp_path / "l.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 1, result.output  # one record is missing from the store
    assert result.output.count("error:") == 1
    assert f"error: {source}:3: malformed JSON (Expecting ',' delimiter: line 4 column 27)" \
           in result.output
    assert "4 stored" in result.output and "1 failed" in result.output


@pytest.mark.parametrize("content, problems, texts", [
    ('[{"text": "A."}, {"text": "B."}, {"text": "C', ["{path}:3: malformed JSON (the file "
                                                      "ends inside this record)"], "AB"),
    ('[{"text": "A."}, {"text": "B."},]', ["{path}: malformed JSON (a comma before the list's "
                                           "end: line 1 column 33)"], "AB"),
    ('[{"text": "A."} {"text": "B."}]', ["{path}: malformed JSON (Expecting ',' delimiter "
                                         "after record 1: line 1 column 17)"], "AB"),
    ('[{"text": "A."}, 7, {"text": "B."}]', ["{path}:2: record is not a JSON object"], "AB"),
    ('[{"text": "A."}] and more', ["{path}: text after the end of the JSON list, left unread"],
     "A"),
    ("", ["{path}: empty file"], ""),
    ("[\n]", ["{path}: the JSON list is empty"], ""),
])
def test_broken_json_lists_keep_every_readable_record(tmp_path, content, problems, texts):
    source = tmp_path / "l.json"
    source.write_text(content)
    items = list(read_file(source))
    assert [str(i) for i in items if isinstance(i, InputProblem)] == [
        p.format(path=source) for p in problems]
    assert "".join(i.text[0] for i in items if isinstance(i, SourceDocument)) == texts


def test_a_truncated_gzipped_json_list_keeps_the_records_before_the_cut(tmp_path):
    import gzip

    whole = gzip.compress(json.dumps([{"text": f"Record {n}. " * 30} for n in range(3000)])
                          .encode())
    source = tmp_path / "cut.json.gz"
    source.write_bytes(whole[: len(whole) // 2])
    *documents, problem = read_file(source)
    assert len(documents) > 500 and all(isinstance(d, SourceDocument) for d in documents)
    assert str(problem) == f"{source}: truncated gzip (the compressed data ends early, after " \
                           f"record {len(documents)})"


def test_endless_white_space_in_a_json_file_is_one_problem():
    from detente.ingest.jsonstream import json_records

    class Blank:
        def read(self, size: int) -> bytes:
            return b" " * size

    (problem,) = json_records(Blank(), 1_000_000)
    assert problem.reason == "over 1.0 MB of white space in a row; the rest of the file is " \
                             "left unread"


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_an_interrupted_ingest_is_recorded_so_and_a_rerun_resumes_it(tmp_path, cli_coder,
                                                                     signal_name):
    # SIGTERM killed the ingest with no record of it (finished_at NULL, no counts); Ctrl-C
    # recorded the run as if it had finished, and the next run did not say what it resumed
    import signal
    import subprocess
    import sys

    number = getattr(signal, signal_name)
    records = [{"id": f"r{n}", "text": f"{GOOD_RECORDS[n % 4]} Case {n} was raised again."}
               for n in range(600)]
    source = write_jsonl(tmp_path / "many.jsonl", records)
    db = tmp_path / "i.duckdb"
    process = subprocess.Popen(
        [sys.executable, "-m", "detente.cli", "ingest", str(source), "--db", str(db),
         "--batch-size", "4"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        # a shell's background job ignores SIGINT; this one gets Python's Ctrl-C handler
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    for line in process.stderr:
        if "articles stored" in line:
            break
    process.send_signal(number)
    rest = process.stderr.read()
    assert process.wait(60) == 128 + number, rest
    assert "Traceback" not in rest
    name = "Ctrl-C" if signal_name == "SIGINT" else "SIGTERM"
    count, run = stored(db)
    assert 0 < count < 600, rest
    recorded = f"{name}, after {count} articles stored; the same command finishes the job"
    assert f"interrupted ({recorded})" in rest
    assert json.loads(run["problems"])[0] == f"interrupted: {recorded}"
    assert run["articles_new"] == count and run["finished_at"] is not None
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    started = run["started_at"].strftime("%Y-%m-%d %H:%M")
    resumed = (f"resuming run {run['run_id']} of {started} UTC (interrupted: {recorded}; it "
               f"stored {count} articles): stored articles are skipped, not coded again")
    assert f"note: {resumed}" in result.output
    assert f"{600 - count} stored, {count} already stored" in result.output
    total, second = stored(db)
    assert total == 600 and json.loads(second["problems"]) == [f"note: {resumed}"]
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert "resuming" not in result.output and "0 stored, 600 already stored" in result.output


def test_a_killed_run_is_named_by_the_next(tmp_path, coder):
    source = write_jsonl(tmp_path / "k.jsonl", [{"text": text} for text in GOOD_RECORDS])
    db = tmp_path / "k.duckdb"
    with Store(db) as store:
        killed = store.start_run("ingest", [str(source)], {})  # never finished: SIGKILL
        notes: list[str] = []
        summary = Ingest(store, coder).run([str(source)], on_note=notes.append)
    assert summary.new == 4
    assert notes == [f"resuming run {killed} of {notes[0].split(' of ')[1][:16]} UTC (killed "
                     "before it could finish; it stored 0 articles): stored articles are "
                     "skipped, not coded again"]


def test_an_interrupted_gdelt_import_is_recorded_so_and_resumed(tmp_path):
    from test_gdelt import gdelt_line, write

    from detente.ingest.gdelt import import_gdelt

    source = write(tmp_path / "i.CSV", [gdelt_line(58, GLOBALEVENTID=str(n))
                                        for n in range(1, 101)])
    asked = iter(range(200))

    def after_forty() -> str | None:  # a SIGTERM arriving after 40 lines
        return "SIGTERM" if next(asked) >= 40 else None

    with Store(tmp_path / "i.duckdb") as store:
        first = import_gdelt(store, [str(source)], batch_size=16, stopped=after_forty)
        run = store.query("SELECT * FROM runs")[0]
        assert (first.imported, store.count("events")) == (40, 40)
        assert first.interrupted == "SIGTERM, after 40 events imported; the same command " \
                                    "finishes the job"
        assert json.loads(run["problems"]) == [f"interrupted: {first.interrupted}"]
        second = import_gdelt(store, [str(source)])
        assert (second.imported, second.known, store.count("events")) == (60, 40, 100)
        assert second.notes[0].startswith(f"resuming run {run['run_id']} of ")
        assert "(interrupted: SIGTERM, after 40 events imported" in second.notes[0]


def test_a_text_over_the_parser_limit_fails_alone_without_reparsing_its_batch(coder,
                                                                             monkeypatch):
    # spaCy refused the text and failed the whole batch, whose articles were then each parsed
    # again; the message was spaCy's paragraph about memory
    from detente.coder import Article, Coder

    monkeypatch.setattr(coder.nlp, "max_length", 200)
    monkeypatch.setattr(Coder, "_code_alone", lambda self, article: pytest.fail("reparsed"))
    articles = [Article("a", GOOD_RECORDS[0]), Article("long", "Peru praised Chile. " * 20),
                Article("b", GOOD_RECORDS[1])]
    coded = list(coder.code_stream(articles))
    assert [c.article.doc_id for c in coded] == ["a", "long", "b"]
    assert coded[1].error == "text is 400 characters, over the 200 the parser reads at once " \
                             "(split it into articles)"
    assert coded[0].events and coded[2].events and not coded[0].error


def test_an_article_is_parsed_only_up_to_the_configured_length(coder, monkeypatch):
    # spaCy's own limit, 1,000,000 characters, let one text cost minutes and gigabytes
    from detente.coder import Article
    from detente.config import DEFAULT_MAX_CHARS, max_article_chars

    assert coder.nlp.max_length == DEFAULT_MAX_CHARS < 1_000_000
    text = "Peru praised Chile. " * (DEFAULT_MAX_CHARS // 20 + 1)
    (coded,) = coder.code_stream([Article("long", text)])
    assert coded.error.startswith(f"text is {len(text):,} characters, over the "
                                  f"{DEFAULT_MAX_CHARS:,} the parser reads at once")
    monkeypatch.setenv("DETENTE_MAX_CHARS", "2000000")
    assert max_article_chars() == 2_000_000
    monkeypatch.setenv("DETENTE_MAX_CHARS", "lots")
    assert max_article_chars() == DEFAULT_MAX_CHARS


def test_wide_unicode_files_are_one_line_each(tmp_path):
    # a UTF-16 file was "binary file, not text", and a UTF-16 GDELT file one problem per line
    from test_gdelt import gdelt_line

    from detente.ingest.gdelt import read_gdelt_events

    message = "UTF-16 text, not UTF-8; convert it to UTF-8"
    for name, content in [("w.txt", GOOD_RECORDS[0]),
                          ("w.jsonl", json.dumps({"text": GOOD_RECORDS[0]}) + "\n" * 3),
                          ("w.json", json.dumps([{"text": GOOD_RECORDS[0]}]))]:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-16"))
        (problem,) = read_file(path)
        assert problem.reason == message
    events = tmp_path / "w.CSV"
    events.write_bytes("\n".join(gdelt_line(58, GLOBALEVENTID=str(n)) for n in range(50))
                       .encode("utf-16"))
    assert [str(p) for p in read_gdelt_events(events)] == [f"{events}: {message}"]


def test_the_same_problem_over_and_over_is_shown_twenty_times_then_counted(tmp_path):
    # a wrong --text-field, or a CSV that is no GDELT file: one error line per record
    from detente.ingest.gdelt import import_gdelt
    from detente.ingest.pipeline import IngestSummary

    summary, shown = IngestSummary(), []
    records = tmp_path / "wires.jsonl"
    for line in range(1, 101):
        summary.problem(InputProblem(f"{records}:{line}", "record has no 'text'"), shown.append)
    summary.problem(InputProblem(f"{records}:101", "malformed JSON (column 3)"), shown.append)
    summary.repeated(shown.append)
    assert summary.failed == 101 and len(shown) == 22
    assert shown[-1] == f"{records}: 80 more problems of this kind, counted but not shown: " \
                        "record has no 'text'"
    # (rows that begin with an id, so the file may be GDELT's, damaged: each line is a problem)
    table = tmp_path / "table.tsv"
    table.write_text("".join(f"{n}\t{n * 2}\tx\n" for n in range(500)))
    lines: list[str] = []
    with Store(tmp_path / "r.duckdb") as store:
        imported = import_gdelt(store, [str(table)], on_problem=lines.append)
        run = store.query("SELECT problems FROM runs")[0]
    assert imported.failed == 500 and len(lines) == 21
    assert lines[-1] == f"{table}: 480 more problems of this kind, counted but not shown: 3 " \
                        "tab-separated fields; GDELT event files have 57 or 58 (GDELT 1.0) or " \
                        "61 (GDELT 2.0)"
    assert json.loads(run["problems"]) == lines


def test_a_run_keeps_at_most_a_thousand_problems(tmp_path):
    from detente.ingest.pipeline import IngestSummary

    summary = IngestSummary()
    for n in range(1500):
        summary.problem(f"file{n}.txt: empty file", None)
    recorded = summary.recorded()
    assert len(recorded) == 1001 and recorded[-1] == "500 more problems and notes not kept here"


def test_a_named_pipe_in_a_folder_given_to_code_is_left_out(fifo, tmp_path):
    from detente.ingest.text import read_inputs

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(GOOD_RECORDS[0])
    pipe = fifo("news/b.txt")
    article, problem = read_inputs([str(tmp_path / "news")])  # in the order of their names
    assert str(problem) == f"{pipe}: not a regular file (a named pipe, a device or a " \
                           "directory), left out of the directory's files"
    assert article.text == GOOD_RECORDS[0]


@pytest.mark.parametrize("args", [["events", "--limit", "-1"], ["export", "out", "--format",
                                  "csv", "--limit", "-3"], ["code", "x.txt", "--max-bytes", "-1"],
                                  ["code", "x.txt", "--processes", "0"],
                                  ["ingest", "x.txt", "--batch-size", "0"],
                                  ["relations", "--top", "0"], ["blocs", "--max-blocs", "0"]])
def test_counts_and_sizes_below_one_are_refused_by_name(args):
    # --limit -1 ended in DuckDB's parser error, --processes 0 in a traceback from spaCy
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "is not in the range x>=1" in result.output


@pytest.mark.parametrize("args", [["code", "x.txt", "--processes", "100000"],
                                  ["ingest", "x.txt", "--workers", "100000"]])
def test_more_processes_than_cores_are_refused_by_name(args):
    # --processes 100000 would have started that many parsers, each loading its own model
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "100000 is more than this machine's" in result.output


def test_code_reads_its_inputs_as_it_codes_them(cli_coder, monkeypatch):
    # `detente code news/` read every file of the folder into memory before coding the first
    import detente.cli as cli
    from detente.coder import PIPE_BATCH, Article

    read = [0]
    first_output_after: list[int] = []

    def inputs(paths, date=None, max_bytes=0):
        for n in range(10 * PIPE_BATCH):
            read[0] += 1
            yield Article(f"a{n}", GOOD_RECORDS[n % 4], meta=f"a{n}.txt")

    def write(events, stream):
        first_output_after.append(read[0])

    monkeypatch.setattr(cli, "read_inputs", inputs)
    monkeypatch.setattr(cli, "write_jsonl", write)
    result = CliRunner().invoke(main, ["code", "news", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert len(first_output_after) == 10 * PIPE_BATCH
    assert first_output_after[0] <= 2 * PIPE_BATCH


@pytest.mark.parametrize(("message", "says"), [
    ("Corrupt database file: computed checksum 152 does not match stored checksum 199 in "
     "block at location 1585152", "a damaged or truncated DuckDB database"),
    ('IO Error: Could not set lock on file "s.duckdb": Conflicting lock is held in python '
     "(PID 7)", "in use by another process"),
    # (the file's name, quoted in the message, says nothing of what went wrong)
    ('IO Error: Could not set lock on file "/data/corrupt_copies/checksum.duckdb": '
     "Conflicting lock is held in python (PID 7)", "in use by another process"),
    ('Corrupt database file: computed checksum 1 does not match stored checksum 2 in block at '
     'location 9 of "/data/lock/s.duckdb"', "a damaged or truncated DuckDB database"),
])
def test_a_damaged_block_is_no_lock(message, says):
    # "block" holds "lock": a damaged store was reported as busy, to be retried forever
    import duckdb

    from detente.store import _open_error

    assert says in _open_error(Path("s.duckdb"), duckdb.IOException(message))


@pytest.mark.parametrize("first", ["Event ID\tEvent Date\tEvent Type", "Peru praised Chile."])
def test_a_file_of_another_kind_given_to_import_gdelt_is_one_problem(tmp_path, first):
    # an ICEWS or POLECAT file, or a news text, was a problem for each of its lines, 100,001
    # counted failed for a file of 100,000 rows
    from detente.ingest.gdelt import import_gdelt

    path = tmp_path / "other.txt"
    path.write_text(first + "\n" + "".join(f"row {n}\tx\n" for n in range(300)))
    lines: list[str] = []
    with Store(tmp_path / "g.duckdb") as store:
        imported = import_gdelt(store, [str(path)], on_problem=lines.append)
    assert imported.failed == 1 and len(lines) == 1
    assert lines[0].startswith(f"{path}: not a GDELT event file: ")


def test_a_gdelt_file_whose_first_line_is_cut_keeps_its_other_rows(tmp_path):
    # (a file split by bytes, or a download resumed): one problem, not a refused file
    from test_gdelt import gdelt_line

    from detente.ingest.gdelt import import_gdelt

    rows = [gdelt_line(61, GLOBALEVENTID=str(1001 + n)) for n in range(4)]
    cut = tmp_path / "cut.CSV"
    cut.write_text("\n".join(rows)[40:] + "\n")
    headed = tmp_path / "headed.CSV"
    headed.write_text("GLOBALEVENTID\tSQLDATE\nnot a row\n" + "\n".join(rows[1:]) + "\n")
    with Store(tmp_path / "g.duckdb") as store:
        first = import_gdelt(store, [str(cut)])
        second = import_gdelt(store, [str(headed)])
    assert (first.imported, first.failed) == (3, 1)
    assert (second.failed, second.imported + second.known) == (1, 3)


def test_an_icews_or_polecat_file_given_to_import_gdelt_is_named(tmp_path):
    from test_polecat import HEADER, polecat_line

    from detente.ingest.gdelt import import_gdelt

    path = tmp_path / "events.polecat.txt"
    path.write_text("\t".join(HEADER) + "\n" + polecat_line() + "\n")
    lines: list[str] = []
    with Store(tmp_path / "g.duckdb") as store:
        import_gdelt(store, [str(path)], on_problem=lines.append)
    assert lines == [f"{path}: not a GDELT event file: its first line is the header of a "
                     "POLECAT file (import it with `detente import polecat`)"]
