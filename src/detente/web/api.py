"""The JSON API under /api (documented at /docs)."""

from __future__ import annotations

import datetime as dt
import errno
import json
import math
from functools import partial
from typing import Annotated, Any

import pandas as pd
from fastapi import (
    APIRouter,
    Depends,
    File,
    Form,
    HTTPException,
    Path,
    Query,
    Request,
    Response,
    UploadFile,
)
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from detente import dyads
from detente.actors.lexicon import state_names
from detente.cleantext import shown_name
from detente.config import MAX_BLOCS, WRITE_ERRNOS
from detente.ingest.eventtables import event_table
from detente.ingest.rawio import not_text_kind, wide_text
from detente.ingest.text import valid_text
from detente.model import EVENT_COLUMNS
from detente.store import StoreWriteError
from detente.web import queries
from detente.web.cache import ResultCache
from detente.web.coding import MAX_TEXT_BYTES, CodingProblem, code_article, text_too_large
from detente.web.context import WebContext
from detente.web.network import network_payload
from detente.web.params import (
    ID_PATTERN,
    CodeRequest,
    DyadsParam,
    EventQuery,
    Period,
    TransferQuery,
    checked_doc_id,
    doc_id_of_file,
    dyad_codes,
    dyad_list,
    event_query,
    invalid,
    scope_query,
    state_code,
    transfer_query,
)
from detente.web.series import dyad_changes, several_dyads
from detente.web.series import dyad_series as one_dyad

router = APIRouter(prefix="/api")
TABLES = ResultCache(4)  # whole relation tables can be large: keep few
SERIES = ResultCache(256)
READ_ONLY = ("this server is read-only: start it with --allow-writes to store articles "
             "(coding without storing works)")


def web(request: Request) -> WebContext:
    return request.app.state.web


Context = Annotated[WebContext, Depends(web)]
Scope = Annotated[dyads.Scope, Depends(scope_query)]
MaxBlocs = Annotated[int, Query(ge=1, le=MAX_BLOCS, description="Most blocs to look for")]


class EventsPage(BaseModel):
    total: int
    page: int
    page_size: int
    pages: int
    events: list[dict[str, Any]]
    warnings: list[str] = []  # actors the tables do not know ("russia2")


class TransfersPage(BaseModel):
    total: int
    page: int
    page_size: int
    pages: int
    transfers: list[dict[str, Any]]
    warnings: list[str] = []  # suppliers or recipients the tables do not know ("zz")


class People(BaseModel):
    total: int
    people: list[dict[str, Any]]


class Coded(BaseModel):
    doc_id: str
    date: str | None
    text: str
    sentences: list[dict[str, Any]]
    events: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    people: list[dict[str, Any]]
    transfers: list[dict[str, Any]]
    stored: dict[str, Any] | None
    # what was left uncoded, and why (a runaway sentence, the budget); that it has no date
    notes: list[str] = []


# ---- coding ---------------------------------------------------------------------------------
# The coding endpoints are async: their coding runs on the coder's own thread (ctx.coding), so
# requests waiting for the coder hold none of the threads the other endpoints run in.
@router.post("/code", response_model=Coded, summary="Code one article's text")
async def code(body: CodeRequest, ctx: Context) -> dict[str, Any]:
    """Events, sentences, actor mentions, people and arms transfers of a text; stored too if
    asked and allowed."""
    date = body.date.isoformat() if body.date else None
    return await _code(ctx, body.text, date, body.doc_id, body.store)


@router.post("/code/file", response_model=Coded, summary="Code an uploaded text file")
async def code_file(
    ctx: Context,
    file: Annotated[UploadFile, File(description="A UTF-8 plain-text article, at most 200 kB; "
                                                 "its name (letters, digits, _ and - kept) "
                                                 "becomes the doc_id")],
    date: Annotated[dt.date | None, Form()] = None,
    store: Annotated[bool, Form()] = False,
) -> dict[str, Any]:
    data = await file.read(MAX_TEXT_BYTES + 1)  # one byte more is enough to know it is too big
    # the name as every message gives one: quoted when it holds a backslash or a control
    name = shown_name(file.filename or "upload")
    if len(data) > MAX_TEXT_BYTES:
        raise HTTPException(413, detail=f"{name}: the file is over the "
                            f"{MAX_TEXT_BYTES // 1000} kB limit for one article")
    if wide := wide_text(data):
        # UTF-16 or UTF-32 (a Windows export) had been "a binary file", as `ingest` said once
        raise invalid("body", "file", f"{name}: {wide}")
    if kind := not_text_kind(data):
        # a PDF, a zip or an image whose bytes decode as UTF-8 had been coded as an article
        raise invalid("body", "file", f"{name}: {kind}, not text")
    # the whole file, as `ingest` checks a .txt file: a NUL past the first 8 kB was stored
    if (nul := data.find(b"\x00")) >= 0:
        raise invalid("body", "file", f"{name}: " + (
            "a binary file, not text" if nul < 8192
            else f"binary content (a NUL byte at offset {nul}), not text"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise invalid("body", "file", f"{name}: not UTF-8 text (invalid byte at "
                      f"offset {exc.start}); convert it to UTF-8") from exc
    if not text.strip():
        raise invalid("body", "file", f"{name}: the file is empty")
    if table := event_table(text):  # a GDELT or ICEWS file's rows coded as sentences: 0 events
        raise invalid("body", "file", f"{name}: {table}")
    return await _code(ctx, text, date.isoformat() if date else None,
                       doc_id_of_file(file.filename), store)


async def _code(ctx: WebContext, text: str, date: str | None, doc_id: str,
                store: bool) -> dict[str, Any]:
    # JSON may carry lone surrogates ("\ud800"), which no encoder downstream accepts
    text, doc_id = valid_text(text), checked_doc_id(doc_id)
    # counting the words of 200 kB takes up to 0.1 s: too long for the event loop, and a 413
    # needs no turn of the coder
    if message := await run_in_threadpool(text_too_large, text):
        raise HTTPException(413, detail=message)
    if store and not ctx.allow_writes:
        raise HTTPException(403, detail=READ_ONLY)
    try:
        return await ctx.coding(partial(code_article, ctx, text, date, doc_id, store))
    except CodingProblem as exc:
        raise invalid("body", "text", str(exc)) from exc
    except StoreWriteError as exc:
        # a full disk or a file system gone read-only had been a 500, "internal error", and a
        # traceback in the log: the client must learn that nothing was stored, and why
        raise not_stored(exc.failure) from exc
    except OSError as exc:  # the record the store path writes first, in the temporary folder
        if not store or exc.errno not in (*WRITE_ERRNOS, errno.EROFS):
            raise
        raise not_stored(f"the server cannot write a file ({exc.strerror})") from exc


def not_stored(why: str) -> HTTPException:
    """507 Insufficient Storage: an article to store that the server had no room to write."""
    return HTTPException(507, detail=f"the article was not stored: {why}; free space on the "
                         "server and post it again")


# ---- events and articles --------------------------------------------------------------------
@router.get("/events", response_model=EventsPage, summary="Stored events, filtered and paged")
def events(ctx: Context, query: Annotated[EventQuery, Depends(event_query)]) -> dict[str, Any]:
    with ctx.store() as store:
        found = queries.event_page(store, query.selection, query.outlet, query.page,
                                   query.page_size, query.sort, query.order)
    return {"total": found.total, "page": query.page, "page_size": query.page_size,
            "pages": max(1, math.ceil(found.total / query.page_size)), "events": found.events,
            "warnings": list(query.warnings)}


# The most events one CSV download holds (about 45 MB, 10 s of the server's time); a larger
# selection is refused, saying so: it had been cut to its first 100,000 rows without a word.
CSV_MAX_EVENTS = 100_000


@router.get("/events.csv", summary="Stored events, filtered, as a CSV download",
            response_class=Response)
def events_csv(ctx: Context, query: Annotated[EventQuery, Depends(event_query)]) -> Response:
    """Every event the filter matches (no paging), the store's columns; a selection of more
    than 100,000 events is refused (413)."""
    with ctx.store() as store:
        total = queries.event_count(store, query.selection, query.outlet)
        if total > CSV_MAX_EVENTS:
            raise HTTPException(413, detail=(
                f"the selection holds {total:,} events, more than the {CSV_MAX_EVENTS:,} one "
                "download holds: narrow it (dates, actors, event types) or write them all "
                "with `detente export`"))
        rows = queries.event_rows(store, query.selection, query.outlet, query.sort,
                                  query.order, limit=CSV_MAX_EVENTS)
    return _csv_response(pd.DataFrame(rows, columns=list(EVENT_COLUMNS)), "events.csv")


def _csv_response(frame: pd.DataFrame, name: str) -> Response:
    return Response(frame.to_csv(index=False), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/events/{event_id}", summary="One stored event")
def event(ctx: Context, event_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> dict[str, Any]:
    with ctx.store() as store:
        record = queries.one_event(store, event_id)
    if record is None:
        raise HTTPException(404, detail=f"no event {event_id}")
    return record


@router.get("/articles/{article_id}",
            summary="One stored article: text, sentences, events, people, arms transfers")
def article(ctx: Context,
            article_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> dict[str, Any]:
    with ctx.store() as store:
        record = queries.article(store, article_id)
    if record is None:
        raise HTTPException(404, detail=f"no article {article_id}")
    return record


@router.get("/transfers", response_model=TransfersPage,
            summary="Stored arms transfers, filtered and paged")
def transfers(ctx: Context,
              query: Annotated[TransferQuery, Depends(transfer_query)]) -> dict[str, Any]:
    with ctx.store() as store:
        found = queries.transfer_page(store, query.selection, query.page, query.page_size)
    return {"total": found.total, "page": query.page, "page_size": query.page_size,
            "pages": max(1, math.ceil(found.total / query.page_size)),
            "transfers": found.transfers, "warnings": list(query.warnings)}


@router.get("/people", response_model=People, summary="People named in the stored articles")
def people(
    ctx: Context,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,8}$",
                                         description="Only people acting for this state or "
                                                     "IGO (IRN, UNO)")] = None,
    name: Annotated[str | None, Query(max_length=100,
                                      description="Only names containing this")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000, description="Most people (most events "
                                                             "first)")] = 1000,
) -> dict[str, Any]:
    """Each person once: most frequent office and state, articles, events as source/target."""
    with ctx.store() as store:
        found = queries.people(store, country, name.strip() if name else None)
    return {"total": len(found), "people": found[:limit]}


# ---- relations ------------------------------------------------------------------------------
@router.get("/dyads", summary="Relations: one row per dyad (and period)")
def dyad_table(
    ctx: Context,
    scope: Scope,
    by: Annotated[Period | None, Query(description="One row per period")] = None,
    directed: bool = True,
    state: Annotated[str | None, Query(max_length=8,
                                       description="Only dyads with this state")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000, description="Most rows (most events first)")]
    = 1000,
) -> dict[str, Any]:
    code = state_code(state, "query", "state") if state else None

    def compute():
        with ctx.store() as store:
            return dyads.relations(store, by=by, scope=scope, directed=directed)

    # by period, every dyad of every month: worth keeping while the database stays the same
    frame = TABLES.get((ctx.cache_key(), by, scope, directed), compute)
    notes = list(frame.attrs.get("notes", []))  # (undated events left out of the periods)
    if code:
        frame = frame[(frame.source == code) | (frame.target == code)]
    total = len(frame)
    frame = frame.sort_values(["events", "source", "target"], ascending=[False, True, True])
    return {"by": by, "directed": directed, "total": total, "notes": notes,
            "dyads": _records(frame.head(limit))}


@router.get("/dyads/{a}-{b}/series", summary="One dyad over time, with change points")
def dyad_series(
    ctx: Context,
    a: Annotated[str, Path(max_length=8)],
    b: Annotated[str, Path(max_length=8)],
    scope: Scope,
    by: Annotated[Period, Query()] = "month",
) -> dict[str, Any]:
    pair = dyad_codes(a, b)

    def compute() -> dict[str, Any]:
        with ctx.store() as store:
            series = one_dyad(store, pair, by=by, scope=scope)
            found = dyad_changes(store, pair, by=by, scope=scope)
        names = state_names()
        # a long span comes back in coarser periods than asked (the notes say so)
        return {"dyad": list(pair), "names": [names.get(code, code) for code in pair],
                "by": series.attrs.get("by", by), "notes": series.attrs.get("notes", []),
                "series": _records(series), "changes": _records(found)}

    # change point detection takes ~50 ms a series; the answer only changes with the data
    return SERIES.get((ctx.cache_key(), pair, by, scope), compute)


@router.get("/dyads/{a}-{b}/series.csv", summary="One dyad over time, as a CSV download",
            response_class=Response)
def dyad_series_csv(
    ctx: Context,
    a: Annotated[str, Path(max_length=8)],
    b: Annotated[str, Path(max_length=8)],
    scope: Scope,
    by: Annotated[Period, Query()] = "month",
) -> Response:
    """Both directions, one row per direction and period: the counts the chart draws."""
    pair = dyad_codes(a, b)
    with ctx.store() as store:
        series = one_dyad(store, pair, by=by, scope=scope)
    return _csv_response(series, f"{pair[0]}-{pair[1]}-by-{series.attrs.get('by', by)}.csv")


@router.get("/series", summary="Several dyads over time, one line each")
def dyads_over_time(
    ctx: Context,
    dyads_: DyadsParam,
    scope: Scope,
    by: Annotated[Period, Query()] = "month",
) -> dict[str, Any]:
    """Each dyad's two directions together, on one time axis (the same periods and span)."""
    pairs = dyad_list(dyads_)

    def compute() -> dict[str, Any]:
        with ctx.store() as store:
            series = several_dyads(store, pairs, by=by, scope=scope)
        names = state_names()
        lines = []
        for pair in pairs:
            a, b = sorted(pair)  # series rows name each pair in alphabetical order
            rows = series[(series.source == a) & (series.target == b)]
            lines.append({"dyad": list(pair), "names": [names.get(c, c) for c in pair],
                          "series": _records(rows.drop(columns=["source", "target"]))})
        return {"by": series.attrs.get("by", by), "notes": series.attrs.get("notes", []),
                "dyads": lines}

    return SERIES.get((ctx.cache_key(), "several", tuple(pairs), by, scope), compute)


@router.get("/series.csv", summary="Several dyads over time, as a CSV download",
            response_class=Response)
def dyads_over_time_csv(
    ctx: Context,
    dyads_: DyadsParam,
    scope: Scope,
    by: Annotated[Period, Query()] = "month",
) -> Response:
    """One row per dyad (its states in alphabetical order) and period: what the chart draws."""
    pairs = dyad_list(dyads_)
    with ctx.store() as store:
        series = several_dyads(store, pairs, by=by, scope=scope)
    return _csv_response(series, f"dyads-by-{series.attrs.get('by', by)}.csv")


@router.get("/graph", summary="The signed network of states, with blocs and a layout")
def network(ctx: Context, scope: Scope, max_blocs: MaxBlocs = 4) -> dict[str, Any]:
    return network_payload(ctx, scope, max_blocs)


@router.get("/blocs", summary="Blocs of states (structural balance)")
def blocs(ctx: Context, scope: Scope, max_blocs: MaxBlocs = 4) -> dict[str, Any]:
    payload = network_payload(ctx, scope, max_blocs)
    members: dict[int, list[dict[str, Any]]] = {}
    for node in payload["nodes"]:
        members.setdefault(node["bloc"], []).append(
            {"state": node["id"], "name": node["name"], "events": node["events"]})
    return {**payload["partition"],
            "blocs": [{"bloc": bloc, "states": members[bloc]} for bloc in sorted(members)]}


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame as JSON-ready records: ISO dates, NaN as null, numpy scalars as Python.

    A column of days (periods, their last days) reads "2001-10-01", as the CSV endpoints write
    it: pandas would write "2001-10-01T00:00:00.000", which a browser takes for local time."""
    return json.loads(dyads.iso_days(frame).to_json(orient="records", date_format="iso"))
