"""What the event-file importers (``import gdelt``, ``import icews``) share: the problem and
summary records, the import loop (paths and folders read in turn, rows committed in batches,
the run recorded and resumable), and how a batch is committed, each refusal one problem."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from detente import __version__
from detente.cleantext import shown_name
from detente.ingest.conflicts import RecordKey, conflicting
from detente.ingest.rawio import EMPTY_PATH, first_line_of, folder_files, look_problem
from detente.ingest.repeats import Repeats
from detente.stopping import interrupted, received
from detente.store import INTERRUPTED, MAX_RUN_PROBLEMS, Store

# how a format's own fields of the new rows are written beside their event rows
AddDetails = Callable[[Store, list[dict[str, Any]]], None]
Stop = Callable[[], object] | None  # why to stop early (a signal), or None to go on


@dataclass(frozen=True)
class ImportProblem:
    """One line (or one whole file, line None) that could not be imported, and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        path = shown_name(self.path)
        where = path if self.line is None else f"{path}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ImportNote:
    """Something worth saying about a file that costs no row (a column it lacks)."""

    text: str


Item = dict[str, Any] | ImportProblem | ImportNote
ReadFile = Callable[[Path, Stop], Iterator[Item]]


@dataclass(frozen=True)
class EventFiles:
    """One event-file format, as the import loop reads and stores it."""

    command: str  # the runs table's name of an import ("import-gdelt")
    name: str  # the format's name in messages ("GDELT")
    suffixes: tuple[str, ...]  # what a folder given as input is searched for
    read_file: ReadFile  # a file's rows, problems and notes, in order
    add_details: AddDetails  # the format's own fields of new rows, beside the event rows
    # what names one record of a file, and what a repeat of it must match (read from the
    # format's data file when first asked)
    record: Callable[[], RecordKey]


@dataclass
class ImportSummary:
    read: int = 0  # event lines read and understood
    imported: int = 0  # of those, new to the store
    known: int = 0  # already stored (or repeated in the input): not added again
    failed: int = 0  # bad lines and unreadable files
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    interrupted: str | None = None  # what stopped the import before the end of its files
    conflicted: str | None = None  # the last row reported as conflicting (a POLECAT row's
    # events may fall in two batches: one problem)
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
    files: EventFiles,
    on_progress: Callable[[Any], None] | None,
    on_problem: Callable[[str], None] | None = None,
) -> None:
    """Store the batch's rows not stored before, with their format's own fields; empty it.
    A row repeating a record read or stored before with other content is a problem."""
    if not batch:
        return
    batch[:] = _without_conflicts(store, batch, files.record(), summary, on_problem)
    new = store.new_events(batch)
    known = len(batch) - len(new)
    try:
        _write(store, new, files.add_details)
    except Exception as exc:  # rolled back: write the rows one at a time, each refusal its problem
        if interrupted(exc):
            raise KeyboardInterrupt from exc
        new = _write_one_by_one(store, new, files.add_details, summary, on_problem)
    summary.imported += len(new)
    summary.known += known
    batch.clear()
    if on_progress:
        on_progress(summary)


def _without_conflicts(store: Store, batch: list[dict[str, Any]], record: RecordKey,
                       summary: ImportSummary, on_problem: Callable[[str], None] | None
                       ) -> list[dict[str, Any]]:
    refused = conflicting(store, batch, record)
    for row, reason in refused:
        where = row.get("where") or row["event_id"]
        if where != summary.conflicted:
            summary.conflicted = where
            report(summary, ImportProblem(where, None, reason), on_problem)
    ids = {id(row) for row, _ in refused}
    return [row for row in batch if id(row) not in ids]


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
            if interrupted(exc):
                raise KeyboardInterrupt from exc
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


Summary = TypeVar("Summary", bound=ImportSummary)


def import_event_files(
    store: Store,
    files: EventFiles,
    paths: list[str],
    summary: Summary,
    batch_size: int,
    on_problem: Callable[[str], None] | None = None,
    on_progress: Callable[[Summary], None] | None = None,
    stopped: Stop = None,
    on_note: Callable[[str], None] | None = None,
    take_row: Callable[[dict[str, Any]], None] | None = None,
    closing_notes: Callable[[], list[str]] | None = None,
) -> Summary:
    """Import event files (or folders of them) into the store; one transaction per batch,
    rerunnable. ``take_row`` sees each row before it is stored (the format's own counts);
    ``closing_notes`` are said when the files are done (or the import stopped)."""

    def note(text: str) -> None:
        summary.notes.append(text)
        if on_note:
            on_note(text)

    run_id = store.start_run(files.command, paths, {"detente_version": __version__})
    if previous := store.unfinished_run(files.command, paths, run_id):
        started = previous["started_at"].strftime("%Y-%m-%d %H:%M")
        note(f"resuming run {previous['run_id']} of {started} UTC ({previous['how']}): "
             "events already stored are skipped")
    try:
        batch: list[dict[str, Any]] = []
        for item in _items(files, paths, stopped):
            if stopped and (reason := stopped()):
                summary.interrupted = str(reason)
                break
            if isinstance(item, ImportNote):
                note(item.text)
                continue
            if isinstance(item, ImportProblem):
                report(summary, item, on_problem)
                continue
            summary.read += 1
            if take_row:
                take_row(item)
            item["run_id"] = run_id
            batch.append(item)
            if len(batch) >= batch_size:
                commit(store, batch, summary, files, on_progress, on_problem)
        commit(store, batch, summary, files, on_progress, on_problem)
        if stopped and not summary.interrupted and (reason := stopped()):
            summary.interrupted = str(reason)  # a reader ended on the flag with no item to show it
    except KeyboardInterrupt:  # a second signal, or the first where none was asked to wait
        summary.interrupted = f"{received()}, at once"
        raise
    finally:
        repeated(summary, on_problem)
        for text in closing_notes() if closing_notes else []:
            note(text)
        if summary.interrupted:
            summary.interrupted += (f", after {summary.imported} events imported; the same "
                                    "command finishes the job")
        stopped_so = [f"{INTERRUPTED}: {summary.interrupted}"] if summary.interrupted else []
        store.finish_run(run_id, run_counts(summary),
                         [*stopped_so, *summary.problems[:MAX_RUN_PROBLEMS],
                          *(f"note: {line}" for line in summary.notes)])
    return summary


def _items(files: EventFiles, paths: Iterable[str], stopped: Stop) -> Iterator[Item]:
    """The rows, problems and notes of every path in turn: a file, or a folder's files."""
    for raw in paths:
        if not raw:
            yield ImportProblem("''", None, EMPTY_PATH)
            continue
        path = Path(raw)
        if reason := look_problem(path):
            yield ImportProblem(raw, None, reason)
            continue
        if not path.is_dir():
            yield from files.read_file(path, stopped)
            continue
        found, problems = _folder_files(path, files.suffixes)
        yield from problems
        if not found and not problems:
            yield ImportProblem(raw, None, f"folder has no {files.name} files "
                                           f"({', '.join(files.suffixes)})")
        for file in found:
            yield from files.read_file(file, stopped)


def _folder_files(folder: Path, suffixes: tuple[str, ...]
                  ) -> tuple[list[Path], list[ImportProblem]]:
    """A folder's files of the format, sorted, and a problem for each that cannot be read."""
    problems: list[ImportProblem] = []
    files = folder_files(folder, suffixes,
                         lambda path, reason: problems.append(ImportProblem(path, None, reason)))
    return files, sorted(problems, key=lambda found: found.path)
