"""Bad input, second pass of session 32: files a cluster worker cannot see as planned, feeds
past what can be read whole, JSON Feed files, and dictionaries that name one actor twice.
Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed import LocalCluster

import detente.ingest.cluster as cluster_module
from detente.coder import provenance_for
from detente.ingest.cluster import ClusterRun, CoderSettings, ingest_on_cluster
from detente.ingest.pipeline import IngestOptions


@pytest.fixture(scope="module")
def threads():
    """Workers in this process: monkeypatches reach them, and they start in a second."""
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as local:
        yield local


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
    assert problems == [f"{hidden}: not coded on the cluster (this worker cannot see {hidden} "
                        "(No such file or directory)); its articles are not stored (the same "
                        "command tries it again)"]
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
