"""Review of the format work of session 32: ICEWS ids against the store's imported ones and
on big exports, Phoenix's reports of a story, ICEWS's missing values."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from pathlib import Path

from test_export_conformance import ICEWS_HEADER, event, icews_rows

from detente.export import IcewsIds, export_events
from detente.ingest.icews import import_icews
from detente.store import EventFilter, Store, StoredArticle


def test_icews_made_ids_skip_the_ids_of_the_stores_imported_icews_events(tmp_path):
    # detente's own ICEWS export read back into the store: the imported events keep their
    # Event IDs, which are the numbers the store's own events were made; the next export
    # must not give one number to two rows
    with Store(tmp_path / "i.duckdb") as db:
        db.add_events([event(1), event(2)])
        first = icews_rows(export_events(db, tmp_path / "one", "icews"))
        assert import_icews(db, [str(tmp_path / "one" / "events.icews.tab")]).imported == 2
        again = icews_rows(export_events(db, tmp_path / "two", "icews"))
    event_ids = [row["Event ID"] for row in again]
    assert len(again) == 4 and len(set(event_ids)) == 4
    # the imported ones keep their own; the made ones move to the next free number
    assert {row["Event ID"] for row in first} < set(event_ids)


def test_icews_event_numbers_hold_no_memory_per_event():
    # an export of tens of millions of events: the taken numbers are bits of a memory map,
    # and an event's id is not kept (each is asked once)
    ids = IcewsIds()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for n in range(100_000):
            ids.events.number(f"{n:024x}")
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 1_000_000  # (a set and a dict of them: about 16 MB)


def phoenix_lines(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def test_phoenix_joins_the_reports_of_a_story_as_phoenix_does(tmp_path):
    # phoenix_pipeline (postprocess.py create_strings, oneaday_filter.py filter_events): an
    # event told by several stories is one row whose ids, urls and sources hold one entry per
    # story, appended in turn and joined by ";", in the columns SentenceID, URLs, NewsSources
    first = event(1, article_id="a1", source_url="https://one.example/a")
    repeat = {**first, "event_id": "c2", "article_id": "a2", "duplicate_of": "c1",
              "sentence_index": 4, "source_url": "https://two.example/b"}
    alone = event(3, article_id="a1", source_url="https://one.example/a")
    with Store(tmp_path / "p.duckdb") as db:
        db.add_articles([StoredArticle(row={"article_id": article, "source": outlet,
                                            "date": dt.date(2004, 3, 8), "language": "en"})
                         for article, outlet in (("a1", "Wire One"), ("a2", "Wire Two"))])
        db.add_events([first, repeat, alone])
        rows = phoenix_lines(export_events(db, tmp_path / "one", "phoenix"))
        every = phoenix_lines(export_events(db, tmp_path / "all", "phoenix",
                                            EventFilter(all_reports=True)))
    assert [row[0] for row in rows] == ["c1", "c3"]
    assert rows[0][-3:] == ["a1_1;a2_4", "https://one.example/a;https://two.example/b",
                            "Wire One;Wire Two"]
    assert rows[1][-3:] == ["a1_3", "https://one.example/a", "Wire One"]
    # every report asked for: each row is its own report
    assert sorted(tuple(row[-3:]) for row in every) == [
        ("a1_1", "https://one.example/a", "Wire One"),
        ("a1_3", "https://one.example/a", "Wire One"),
        ("a2_4", "https://two.example/b", "Wire Two")]


def test_icews_missing_values_are_empty_fields(tmp_path):
    # The Dataverse files leave a missing value's field empty: the only "NA"s seen are in
    # andybega/icews's sample (inst/extdata/events.2018.sample.tab), which its
    # data-raw/get-sample-tsv.R wrote with readr's write_tsv (whose default writes NA as "NA");
    # code that reads the Dataverse files themselves tests a sector for "" (a Stata do-file of
    # babakrezaee/DataAndCodes, ICEWS_aggregation.do).
    with Store(tmp_path / "n.duckdb") as db:
        db.add_events([event(1, article_id=None, target_text="protesters", target_code=None,
                             target_country=None, target_kind=None)])
        (row,) = icews_rows(export_events(db, tmp_path / "o", "icews"))
    missing = ("Source Sectors", "Target Sectors", "Target Country", "Story ID", "Publisher",
               "City", "District", "Province", "Country", "Latitude", "Longitude")
    assert set(missing) <= set(ICEWS_HEADER)
    assert {name: row[name] for name in missing} == dict.fromkeys(missing, "")
    assert "NA" not in row.values()
