"""Review of the format work of session 32: ICEWS ids against the store's imported ones and
on big exports, ICEWS's missing values."""

from __future__ import annotations

import tracemalloc

from test_export_conformance import ICEWS_HEADER, event, icews_rows

from detente.export import IcewsIds, export_events
from detente.ingest.icews import import_icews
from detente.store import Store


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
