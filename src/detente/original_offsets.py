"""Coded results of a cleaned copy reported in the text the caller gave.

``Coder.code_text`` and the web API code a copy without the invisible characters that split
words (``cleantext.visible_copy``), but the offsets they return must point into the caller's
own text. Here every character offset of a result is read back through the copy's
``OffsetMap``, and every string that stands for a span is cut again from the caller's text, so
``text[start:end]`` stays the span's words (with any invisible character inside them).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from detente.cleantext import OffsetMap
from detente.model import Event

Spanned = TypeVar("Spanned")


def events_in_original(events: list[Event], original: str, offsets: OffsetMap) -> None:
    """Each event's offsets and span texts, in place, as offsets into ``original`` (with an
    empty map the offsets stay and the texts are cut again: a recased copy's words are not
    the original's)."""
    for event in events:
        # The sentence is the caller's sentence, not the copy's: the page (highlight.js) and
        # any reader take sentence_start + len(sentence) as its end, and an evidence offset
        # minus sentence_start as a position inside it, which holds only for the original.
        end = offsets.end(event.sentence_start + len(event.sentence))
        event.sentence_start = offsets.start(event.sentence_start)
        event.sentence = original[event.sentence_start:end]
        event.source = span_in_original(event.source, original, offsets)
        event.target = span_in_original(event.target, original, offsets)
        event.attribution = span_in_original(event.attribution, original, offsets)
        event.trigger = span_in_original(event.trigger, original, offsets)
        records_in_original(event.extra, original, offsets)  # the location


def span_in_original(item: Spanned, original: str, offsets: OffsetMap) -> Spanned:
    """An actor or trigger (a frozen dataclass with text, start and end) moved to ``original``."""
    start, end = getattr(item, "start", None), getattr(item, "end", None)
    if not isinstance(start, int) or not isinstance(end, int):
        return item  # no span (None, or an actor the text does not name)
    start, end = _span(start, end, offsets)
    return replace(item, text=original[start:end], start=start, end=end)


def records_in_original(records: Any, original: str, offsets: OffsetMap) -> None:
    """Every dict with integer ``start`` and ``end`` inside nested plain records (a location,
    a transfer's parties, equipment and trigger, the API's sentences), in place, with its
    ``text`` (if it has one) cut again from ``original``."""
    pending, seen = [records], set()
    while pending:  # a loop, not recursion: records come from the coder, not the caller
        record = pending.pop()
        if id(record) in seen:
            continue  # one dict reached twice would be moved twice
        seen.add(id(record))
        if isinstance(record, dict):
            _move_record(record, original, offsets)
            pending.extend(v for v in record.values() if isinstance(v, (dict, list)))
        elif isinstance(record, list):
            pending.extend(v for v in record if isinstance(v, (dict, list)))


def transfer_sentences(transfers: list[dict[str, Any]], sentences: list[tuple[int, int]],
                       original: str) -> None:
    """Each transfer's sentence (which has no offsets of its own) cut from ``original`` at its
    sentence's bounds there, like an event's."""
    for transfer in transfers:
        index = transfer.get("sentence_index")
        if isinstance(index, int) and 0 <= index < len(sentences):
            transfer["sentence"] = original[slice(*sentences[index])]


def _move_record(record: dict[str, Any], original: str, offsets: OffsetMap) -> None:
    start, end = record.get("start"), record.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return
    record["start"], record["end"] = _span(start, end, offsets)
    if isinstance(record.get("text"), str):
        record["text"] = original[record["start"]:record["end"]]


def _span(start: int, end: int, offsets: OffsetMap) -> tuple[int, int]:
    # an empty span just after a left-out character would otherwise end before it starts
    moved = offsets.start(start)
    return moved, max(moved, offsets.end(end))
