"""Rows of an event file that repeat another row's record id with other content.

Each format's record id names one event of its publisher (GDELT's GLOBALEVENTID, ICEWS's
Event ID on its Event Date, POLECAT's Event ID): the same id with the same fields is the same
event read twice (a yearly and a weekly file, a rerun) and is stored once, silently. The same
id with other fields is input that contradicts itself: the first row read (or the event
stored) is kept, and each later row is one problem naming its file and line, the row it
differs from and the fields that differ. Fields are compared as the file wrote them (typed as
they are stored), not as detente maps them, so a newer table of country codes does not turn a
rerun into conflicts; a column outside the published list (``extra``) and the file's name are
not compared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from detente.cleantext import shown_name, without_controls
from detente.store import Store

MAX_NAMED = 3  # fields named in one problem; the rest counted
MAX_VALUE = 60  # characters of a value shown


@dataclass(frozen=True)
class RecordKey:
    """What names one record of a format's files, and which of its fields are compared."""

    details: str  # the row's key of the format's own fields ("icews"), as stored in `table`
    table: str  # where they are stored ("icews_events")
    key: str  # the column of `table` that names one record ("event_id", "polecat_event_id")
    label: Callable[[dict[str, Any]], str]  # the record's name in messages, from its fields
    fields: Mapping[str, str]  # compared columns of `table` -> their names in the file
    event_fields: Mapping[str, str]  # compared columns of `events` -> their names in the file
    source: str | None = None  # the column of `table` that names the file it came from
    # whether detente's own export wrote the row: its rendering of a stored event (country
    # names as detente writes them), the same event again, not input that contradicts it
    exported: Callable[[dict[str, Any]], bool] | None = None


Content = tuple[Any, ...]  # the compared fields of a row: `fields`, then `event_fields`


def conflicting(store: Store, rows: Sequence[dict[str, Any]], record: RecordKey
                ) -> list[tuple[dict[str, Any], str]]:
    """The rows of a batch that repeat a record id stored or read earlier in the batch with
    other content, each with why; a row made of several events (POLECAT's pairs) compares
    once, as its first event."""
    stored = _stored(store, record, {row[record.details][record.key] for row in rows})
    first: dict[Any, tuple[Content, str]] = {}
    found: list[tuple[dict[str, Any], str]] = []
    for row in rows:
        key = row[record.details][record.key]
        content = _content(row, record)
        if key in stored:
            earlier, where = stored[key]
        elif key in first:
            earlier, where = first[key]
        else:
            first[key] = content, f"at {shown_name(row.get('where') or '?')}"
            continue
        if earlier == content or (record.exported and record.exported(row[record.details])):
            continue
        if row.get("where") and where == f"at {shown_name(row['where'])}":
            continue  # another event of the same row
        label = record.label(row[record.details])
        found.append((row, f"{label} was read before ({where}) with other content: "
                           f"{_differences(record, earlier, content)}; the first is kept, "
                           "this row is not imported"))
    return found


def _content(row: dict[str, Any], record: RecordKey) -> Content:
    details = row[record.details]
    return (*(details.get(column) for column in record.fields),
            *(row.get(column) for column in record.event_fields))


def _stored(store: Store, record: RecordKey, keys: set[Any]) -> dict[Any, tuple[Content, str]]:
    """The compared fields of the records among ``keys`` that are stored, and where from."""
    columns = [*(f'd."{column}"' for column in record.fields),
               *(f'e."{column}"' for column in record.event_fields)]
    source = f'd."{record.source}"' if record.source else "NULL"
    found = store.con.execute(
        f'SELECT d."{record.key}", {source}, {", ".join(columns)} '
        f"FROM {record.table} d JOIN events e USING (event_id) "
        f'WHERE d."{record.key}" IN (SELECT unnest(?)) ORDER BY e.event_id',
        [sorted(keys)]).fetchall()
    stored: dict[Any, tuple[Content, str]] = {}
    for key, source_file, *content in found:
        where = f"stored from {shown_name(source_file)}" if source_file else "stored"
        # (an event imported before control characters were read as such is the same event)
        stored.setdefault(key, (tuple(without_controls(value) if isinstance(value, str)
                                      else value for value in content), where))
    return stored


def _differences(record: RecordKey, earlier: Content, later: Content) -> str:
    """The fields that differ, each with both values (earlier first), at most MAX_NAMED."""
    names = [*record.fields.values(), *record.event_fields.values()]
    differing = [(name, before, after) for name, before, after
                 in zip(names, earlier, later, strict=True) if before != after]
    said = [f"{name} {_shown(before)} there, {_shown(after)} here"
            for name, before, after in differing[:MAX_NAMED]]
    more = len(differing) - MAX_NAMED
    return "; ".join(said) + (f"; {more} more field(s) differ" if more > 0 else "")


def _shown(value: Any) -> str:
    if value is None:
        return "empty"
    text = str(value)
    return repr(text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "...")
