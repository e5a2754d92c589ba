"""What the event-file importers (``import gdelt``, ``import icews``) share: the problem and
summary records, and how a batch of imported rows is committed, each refusal one problem."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from detente.cleantext import printable
from detente.ingest.rawio import first_line_of
from detente.ingest.repeats import Repeats
from detente.store import Store

# how a format's own fields of the new rows are written beside their event rows
AddDetails = Callable[[Store, list[dict[str, Any]]], None]


@dataclass(frozen=True)
class ImportProblem:
    """One line (or one whole file, line None) that could not be imported, and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        path = printable(self.path)
        where = path if self.line is None else f"{path}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass
class ImportSummary:
    read: int = 0  # event lines read and understood
    imported: int = 0  # of those, new to the store
    known: int = 0  # already stored (or repeated in the input): not added again
    failed: int = 0  # bad lines and unreadable files
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    interrupted: str | None = None  # what stopped the import before the end of its files
    repeats: Repeats = field(default_factory=Repeats, repr=False)


def report(summary: ImportSummary, problem: ImportProblem,
           on_problem: Callable[[str], None] | None) -> None:
    """Count a problem; report it unless it is the same problem in the same file over and
    over (a file of another format): those are summed up at the end (``repeated``)."""
    summary.failed += 1
    if not summary.repeats.show(problem.path, problem.reason):
        return
    summary.problems.append(str(problem))
    if on_problem:
        on_problem(str(problem))


def repeated(summary: ImportSummary, on_problem: Callable[[str], None] | None) -> None:
    for line in summary.repeats.summary():
        summary.problems.append(line)
        if on_problem:
            on_problem(line)


def commit(
    store: Store,
    batch: list[dict[str, Any]],
    summary: ImportSummary,
    add_details: AddDetails,
    on_progress: Callable[[Any], None] | None,
    on_problem: Callable[[str], None] | None = None,
) -> None:
    """Store the batch's rows not stored before, with their format's own fields; empty it."""
    if not batch:
        return
    new = store.new_events(batch)
    known = len(batch) - len(new)
    try:
        _write(store, new, add_details)
    except Exception:  # rolled back: write the rows one at a time, each refusal its problem
        new = _write_one_by_one(store, new, add_details, summary, on_problem)
    summary.imported += len(new)
    summary.known += known
    batch.clear()
    if on_progress:
        on_progress(summary)


def _write(store: Store, rows: list[dict[str, Any]], add_details: AddDetails) -> None:
    with store.transaction():
        store.add_events(rows)
        add_details(store, rows)


def _write_one_by_one(store: Store, rows: list[dict[str, Any]], add_details: AddDetails,
                      summary: ImportSummary, on_problem: Callable[[str], None] | None
                      ) -> list[dict[str, Any]]:
    written = []
    for row in rows:
        try:
            _write(store, [row], add_details)
        except Exception as exc:
            if failure := store.write_failure(exc):
                raise failure from exc  # the disk, not the row: no row can be written
            where = row.get("where") or row["event_id"]
            report(summary, ImportProblem(where, None, f"cannot store ({first_line_of(exc)})"),
                   on_problem)
            continue
        written.append(row)
    return written


def run_counts(summary: ImportSummary) -> dict[str, int]:
    # The runs table counts articles for ingest; for an import the units are event lines.
    return {"read": summary.read, "new": summary.imported, "known": summary.known,
            "failed": summary.failed, "events": summary.imported}
