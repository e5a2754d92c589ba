"""Bad input, second pass of session 32: files a cluster worker cannot see as planned, feeds
past what can be read whole, JSON Feed files, and dictionaries that name one actor twice.
Each test failed before its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import detente.ingest.cluster as cluster_module
from detente import petrarch
from detente.coder import provenance_for
from detente.datafiles import DictionaryError
from detente.ingest.cluster import ClusterRun, CoderSettings, ingest_on_cluster
from detente.ingest.pipeline import IngestOptions
from detente.ingest.rawio import size_text
from detente.ingest.readers import SourceDocument, read_documents
from detente.ingest.text import InputProblem
from detente.petrarch import ACTOR_NAMES, AGAIN, UNCODED_AGAIN, read_petrarch


def write_news(folder: Path) -> Path:
    folder.mkdir()
    for i, (a, b) in enumerate([("Peru", "Chile"), ("Egypt", "Sudan")]):
        (folder / f"n{i}.txt").write_text(
            f"2006-02-1{i}\n\n{a} accused {b} of shelling a border post in file {i}.",
            encoding="utf-8")
    return folder


def shard_run(tmp_path: Path, local) -> ClusterRun:
    return ClusterRun(tmp_path / "shards", IngestOptions(), CoderSettings(),
                      address=local.scheduler_address)


def coded_articles(run: ClusterRun, paths: list[str]) -> tuple[int, list[str]]:
    """The articles of the units the cluster coded (or found coded), and the problems."""
    problems: list[str] = []
    articles: list[int] = []
    ingest_on_cluster(None, paths, run, provenance_for(), on_problem=problems.append,
                      on_unit=lambda info, count, total: articles.append(info.articles))
    return sum(articles), problems


def test_a_file_its_worker_cannot_see_is_coded_by_the_rerun_that_can(
        tmp_path, threads, monkeypatch):
    # the worker (another machine, another mount) wrote a shard of no articles for it, which
    # counted as coded: every rerun skipped the file, repeating "No such file or directory"
    news = write_news(tmp_path / "news")
    hidden = news / "n1.txt"
    kept = tmp_path / "n1.kept"
    planned = cluster_module.plan_units

    def plan_then_hide(*args, **kwargs):
        units = planned(*args, **kwargs)
        hidden.rename(kept)  # the client saw it; the worker will not
        return units

    monkeypatch.setattr(cluster_module, "plan_units", plan_then_hide)
    run = shard_run(tmp_path, threads)
    coded, problems = coded_articles(run, [str(news)])
    assert coded == 1
    # the file's problem line (session 36), as a file the client cannot read
    assert problems == [f"{hidden}: cannot find on the Dask workers (No such file or directory)"]
    monkeypatch.setattr(cluster_module, "plan_units", planned)
    kept.rename(hidden)
    assert coded_articles(run, [str(news)]) == (2, [])  # n1's article, coded at last


def test_a_worker_seeing_another_size_of_a_file_does_not_code_it(tmp_path, threads, monkeypatch):
    # a range of lines planned in one copy was cut in another copy's bytes
    news = write_news(tmp_path / "news")
    changed = news / "n0.txt"
    planned = cluster_module.plan_units

    def plan_then_change(*args, **kwargs):
        units = planned(*args, **kwargs)
        changed.write_text("2006-02-10\n\nPeru praised Chile.", encoding="utf-8")
        return units

    monkeypatch.setattr(cluster_module, "plan_units", plan_then_change)
    coded, problems = coded_articles(shard_run(tmp_path, threads), [str(news)])
    assert coded == 1 and len(problems) == 1
    assert problems[0].startswith(f"{changed}: not coded on the cluster (this worker sees "
                                  f"{changed} as 31 bytes, not the ")
    assert "planned (another copy, or changed since the run began)" in problems[0]


# ---- feeds -------------------------------------------------------------------------------
def feed_of(entries: int) -> str:
    items = "".join(f"<item><guid>g{i}</guid><description>Peru accused Chile of spying in "
                    f"report {i}.</description></item>\n" for i in range(entries))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>Wire</title>{items}</channel></rss>")


def test_a_feed_past_ten_times_the_article_limit_is_one_line(tmp_path):
    # feedparser holds ~14 times a feed's size: the 100-times limit let a 500 MB feed take
    # some 7 GB before its first entry
    feed = tmp_path / "wire.rss"
    feed.write_text(feed_of(200), encoding="utf-8")  # about 20 kB
    items = list(read_documents([str(feed)], max_bytes=1_000))
    assert [str(item) for item in items] == [
        f"{feed}: file is over the 10.0 kB limit for a file parsed whole (at least "
        f"{size_text(feed.stat().st_size)}; convert it to JSON Lines, or raise --max-bytes)"]
    assert len(list(read_documents([str(feed)], max_bytes=3_000))) == 200


def test_a_json_feed_is_read_item_by_item(tmp_path):
    # it was one record, refused as "record has no 'text'": none of its articles was read
    feed = tmp_path / "wire.json"
    feed.write_text(json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "Harbour Wire",
        "items": [
            {"id": "a1", "url": "https://example.org/a1", "title": "Nets",
             "content_text": "Peru accused Chile of seizing a trawler.",
             "date_published": "2021-03-04T10:00:00Z"},
            {"id": "a2", "content_html": "<p>Egypt praised <b>Sudan</b> for the truce.</p>",
             "date_modified": "2021-03-05T08:00:00+02:00"},
            "not an item",
            {"id": "a4", "title": "no text"},
            {"summary": "Japan criticized China over a reef."},
        ]}), encoding="utf-8")
    items = list(read_documents([str(feed)]))
    documents = [item for item in items if isinstance(item, SourceDocument)]
    assert [(d.doc_id, d.text, d.date, d.url, d.source, d.line) for d in documents] == [
        ("a1", "Peru accused Chile of seizing a trawler.", "2021-03-04",
         "https://example.org/a1", "Harbour Wire", 1),
        ("a2", "Egypt praised Sudan for the truce.", "2021-03-05", None, "Harbour Wire", 2),
        ("wire:5", "Japan criticized China over a reef.", None, None, "Harbour Wire", 5)]
    assert [str(item) for item in items if isinstance(item, InputProblem)] == [
        f"{feed}:3: JSON Feed item is not a JSON object", f"{feed}:4: record has no 'text'"]


def test_a_json_feed_without_items_says_so(tmp_path):
    feed = tmp_path / "wire.json"
    feed.write_text('{"version": "https://jsonfeed.org/version/1", "items": []}')
    assert [str(item) for item in read_documents([str(feed)])] == [
        f"{feed}: the JSON Feed has no items"]


# ---- dictionaries ------------------------------------------------------------------------
def actor_sections(sections: dict) -> dict[str, list[tuple[str, object]]]:
    """Each name of a read actors file with the section and code it went to."""
    names: dict[str, list[tuple[str, object]]] = {}
    for section in ("countries", "igos", "groups", "stateless"):
        for entry in sections[section]:
            code = entry.get("code") or entry.get("country")
            for name in entry["names"]:
                names.setdefault(name, []).append((section, code))
    return names


def test_a_name_two_actor_entries_give_goes_to_the_first_that_codes_it(tmp_path):
    # Phoenix.International.actors.txt gives "U.N._" no code (line 22) and "U.N. [IGOUNO]"
    # (line 110): the phrases naming no actor were loaded last, so every U.N. event was lost;
    # two codes for one name went to the later by the order of the sections, unsaid
    path = tmp_path / "my.actors.txt"
    path.write_text("BORDURIA_ [BRD]\nU.N._\n\nFREEDONIA_ [FRD]\nBORDURIA_ [SYL]\n"
                    "U.N. [IGOUNO]\nKLOPSTOKIA_ [KLP]\n+BORDURIA_ [KLP]\n", encoding="utf-8")
    sections = read_petrarch(path)
    names = actor_sections(sections)
    assert names["U.N."] == [("igos", "UNO")]
    assert names["Borduria"] == [("countries", "BRD")]
    report = sections["petrarch"]
    assert report["counts"][AGAIN] == 2  # a synonym (line 8) is its entry's (line 7)
    assert report["counts"][UNCODED_AGAIN] == 1
    assert report["problems"] == [
        f"{path}:5: 'BORDURIA_' is coded BRD at line 1; this entry's SYL is left out "
        "(PETRARCH takes the first)",
        f"{path}:7: 'BORDURIA_' is coded BRD at line 1; this entry's KLP is left out "
        "(PETRARCH takes the first)"]


def test_an_actors_file_of_too_many_names_is_one_line(tmp_path, monkeypatch):
    # a 14 MB file of 600,000 phrases took 2.4 GB and a minute to build; the 64 MiB a file
    # may be, some 11 GB. (The limit is lowered here: the real one takes a 5 MB file.)
    assert petrarch.LIMITS[ACTOR_NAMES][0] == 500_000
    monkeypatch.setitem(petrarch.LIMITS, ACTOR_NAMES, (50, "each name in each casing"))
    path = tmp_path / "many.actors.txt"
    path.write_text("".join(f"ZORBLAND_{i}_OFFICE_ [ZZZGOV]\n+ZORB_{i}_\n" for i in range(20)),
                    encoding="utf-8")
    with pytest.raises(DictionaryError) as refused:
        read_petrarch(path)
    assert str(refused.value) == (
        f"{path}:33: the file makes more than 50 actor names (each name in each casing); no "
        "dictionary in use comes near")


def test_a_petrarch_date_in_other_digits_is_one_problem(tmp_path):
    # int() reads digits of any script: full-width digits made the role start in 1234
    path = tmp_path / "my.actors.txt"
    path.write_text("LATVIA_ [LVA]\n\t[LVAGOV >１２３４０１０１]\n", encoding="utf-8")
    sections = read_petrarch(path)
    assert sections["people"] == []
    assert sections["petrarch"]["problems"] == [
        f"{path}:2: bad date in '[LVAGOV >１２３４０１０１]' (date '１２３４０１０１' is not "
        "written in the digits 0-9)"]
