"""Request parameters of the JSON API, validated before any handler runs.

Every constraint lives in the type, so a bad value is a 422 naming the parameter and the reason
(FastAPI's standard error body), and the OpenAPI page documents the same limits.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import HTTPException, Query
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from detente.actors.lexicon import (
    CODE_EXAMPLES,
    code_of_known_actor,
    codes_by_name,
    retired_code,
)
from detente.codebook import load_codebook
from detente.dyads import DATE_BASES, DEFAULT_MODALITIES, PERIODS, Scope
from detente.model import MODALITIES
from detente.store import EventFilter, TransferFilter
from detente.web.queries import SORT_COLUMNS, equipment_categories, known_codes

MAX_PAGE_SIZE = 500


def _split_commas(value: Any) -> Any:
    """Accept ``quad=3&quad=4`` and ``quad=3,4`` alike."""
    if isinstance(value, list):
        return [part.strip() for item in value for part in str(item).split(",") if part.strip()]
    return value


def _split_upper(value: Any) -> Any:
    """Accept ``plover=accuse&plover=ASSAULT`` and ``plover=ACCUSE,ASSAULT`` alike."""
    split = _split_commas(value)
    return [part.upper() for part in split] if isinstance(split, list) else split


def _root(value: Any) -> Any:
    return value.zfill(2) if isinstance(value, str) else value


Quad = Annotated[int, Field(ge=1, le=4)]
Root = Annotated[str, BeforeValidator(_root), Field(pattern=r"^(0[1-9]|1[0-9]|20)$")]
Modality = Literal[MODALITIES]  # type: ignore[valid-type]
PloverType = Literal[tuple(load_codebook().plover_types)]  # type: ignore[valid-type]
Origin = Literal["detente", "gdelt", "icews", "polecat"]  # config.ORIGINS
Period = Literal[PERIODS]  # type: ignore[valid-type]
SortKey = Literal[tuple(SORT_COLUMNS)]  # type: ignore[valid-type]
TRANSFER_STATUSES = ("delivered", "contracted", "planned", "requested", "possible")
TransferStatus = Literal[TRANSFER_STATUSES]  # type: ignore[valid-type]
CODE_PATTERN = r"^[A-Za-z0-9]{2,24}$"  # a country code or an actor-code prefix (IRNMIL)
# a code, or a state's or IGO's name as people type it ("Russia", "united states", "U.N.")
ACTOR_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 .'-]{1,39}$"
ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"  # also the rule for a coded article's doc_id

ActorParam = Annotated[str | None, Query(pattern=ACTOR_PATTERN,
                                         description="Country or actor-code prefix, or a "
                                                     "state's name (Russia)")]
DyadParam = Annotated[str | None, Query(pattern=r"^[A-Za-z0-9 .']{2,40}-[A-Za-z0-9 .']{2,40}$",
                                        description="Two actors, both directions: RUS-IRN "
                                                    "or Russia-Iran")]
SinceParam = Annotated[dt.date | None, Query(description="First date, YYYY-MM-DD")]
UntilParam = Annotated[dt.date | None, Query(description="Last date, YYYY-MM-DD")]
OriginParam = Annotated[Origin | None, Query(description="Only events of this origin")]
AllReportsParam = Annotated[bool, Query(description="Count every report of a repeated story")]
# since/until (and a relation's periods) by when events happened or were published: a
# drill-down from a chart by publication date lists the same events
DateByParam = Annotated[Literal["event", "article"],
                        Query(description="Date events by when they happened (event) or were "
                                          "published (article)")]


def invalid(where: str, name: str, message: str) -> HTTPException:
    """A 422 in the same shape as FastAPI's own validation errors."""
    return HTTPException(422, detail=[{"type": "value_error", "loc": [where, name],
                                       "msg": message}])


def check_dates(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise invalid("query", "until", f"until ({until}) is before since ({since})")


@dataclass(frozen=True)
class EventQuery:
    selection: EventFilter
    outlet: str | None
    page: int
    page_size: int
    sort: str
    order: str
    warnings: tuple[str, ...] = ()  # actors no table knows: the answer may well be empty


def actor_code(value: str | None, warnings: list[str]) -> str | None:
    """A typed actor as a code: codes as they are, names through the actor tables ("russia"
    -> RUS); what neither knows is kept as a code prefix, with a warning."""
    if not value:
        return None
    text = value.strip()
    code = text.upper()
    known = known_codes()
    if code in known:
        return code
    named = codes_by_name().get(text.lower())  # names first: "Russia" is no prefix of RUS
    if named:
        return named
    current, note = retired_code(code)
    if note:  # EUR: the European Union as detente coded it before it was EU
        warnings.append(note)
        return current
    if code.isalnum() and (code_of_known_actor(code) or code.startswith("IGO")):
        return code  # an actor code: IRNMIL, EUGOV, IGOUNO
    warnings.append(f"'{text}' is no country or IGO code or name detente knows (codes such "
                    "as RUS, IRNMIL, UNO, or names such as Russia)")
    return code


def event_query(
    actor: ActorParam = None,
    source: ActorParam = None,
    target: ActorParam = None,
    since: SinceParam = None,
    until: UntilParam = None,
    quad: Annotated[list[Quad] | None, BeforeValidator(_split_commas),
                    Query(description="Quad classes 1..4 (repeat, or 3,4)")] = None,
    root: Annotated[list[Root] | None, BeforeValidator(_split_commas),
                    Query(description="CAMEO roots 01..20 (repeat, or 17,18)")] = None,
    plover: Annotated[list[PloverType] | None, BeforeValidator(_split_upper),
                      Query(description="PLOVER event types (repeat, or ACCUSE,ASSAULT)")
                      ] = None,
    modality: Annotated[list[Modality] | None, BeforeValidator(_split_commas),
                        Query(description="asserted, possible, future, ...")] = None,
    origin: OriginParam = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Articles' outlet")] = None,
    dyad: DyadParam = None,
    all_reports: AllReportsParam = False,
    date_by: DateByParam = "event",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
    sort: Annotated[SortKey, Query(description="Column to sort by")] = "date",
    order: Annotated[Literal["asc", "desc"], Query()] = "asc",
) -> EventQuery:
    """The filter, page and order of ``GET /api/events``."""
    check_dates(since, until)
    warnings: list[str] = []
    actor, source, target = (actor_code(value, warnings) for value in (actor, source, target))
    pair = None
    if dyad:
        first, second = dyad.split("-", 1)
        pair = (actor_code(first, warnings) or "", actor_code(second, warnings) or "")
        if pair[0] == pair[1]:  # as the series endpoints refuse it: no event is in it
            raise invalid("query", "dyad", f"a dyad needs two different actors (got {pair[0]} "
                          "twice)")
    selection = EventFilter(actor=actor, source=source, target=target, since=since,
                            until=until, quads=quad or None, roots=root or None,
                            types=list(plover) if plover else None,
                            modality=list(modality) if modality else None, origin=origin,
                            dyad=pair, all_reports=all_reports,
                            date_column=DATE_BASES[date_by])
    return EventQuery(selection, outlet or None, page, page_size, sort, order,
                      tuple(warnings))


@dataclass(frozen=True)
class TransferQuery:
    selection: TransferFilter
    page: int
    page_size: int
    warnings: tuple[str, ...] = ()  # suppliers or recipients no table knows


def transfer_query(
    supplier: ActorParam = None,
    recipient: ActorParam = None,
    status: Annotated[list[TransferStatus] | None, BeforeValidator(_split_commas),
                      Query(description="delivered, contracted, planned, requested, possible "
                                        "(repeat, or delivered,contracted)")] = None,
    category: Annotated[list[str] | None, BeforeValidator(_split_commas),
                        Query(description="Equipment categories: tank, aircraft, air_defence, "
                                          "... (repeat, or tank,artillery)")] = None,
    since: SinceParam = None,
    until: UntilParam = None,
    all_reports: AllReportsParam = False,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
) -> TransferQuery:
    """The filter and page of ``GET /api/transfers``."""
    check_dates(since, until)
    categories = [_category(value) for value in category or []]
    # names and retired codes (EUR) as for events, and a warning for a code no table knows:
    # an empty page must not look like a quiet market
    warnings: list[str] = []
    supplier, recipient = (actor_code(value, warnings) for value in (supplier, recipient))
    selection = TransferFilter(supplier=supplier, recipient=recipient,
                               statuses=list(status) if status else None,
                               categories=categories or None, since=since, until=until,
                               all_reports=all_reports)
    return TransferQuery(selection, page, page_size, tuple(warnings))


def _category(value: str) -> str:
    """An equipment category of equipment.yaml ("air-defence" reads as air_defence)."""
    name = value.strip().lower().replace("-", "_").replace(" ", "_")
    known = equipment_categories()
    if name not in known:
        raise invalid("query", "category", f"unknown equipment category '{value[:40]}' "
                      f"(one of: {', '.join(sorted(known))})")
    return name


def scope_query(
    since: SinceParam = None,
    until: UntilParam = None,
    origin: OriginParam = None,
    all_reports: AllReportsParam = False,
    modality: Annotated[list[Modality] | None, BeforeValidator(_split_commas),
                        Query(description="Modalities that count (default: asserted only; "
                                          "repeat, or asserted,future)")] = None,
    all_modalities: Annotated[bool, Query(description="Count every modality, hypothetical "
                                                      "events included")] = False,
    date_by: DateByParam = "event",
) -> Scope:
    """Which events count toward relations (dates, origin, modality, repeated reports)."""
    check_dates(since, until)
    modalities = None if all_modalities else tuple(modality or DEFAULT_MODALITIES)
    return Scope(since=since, until=until, origin=origin, all_reports=all_reports,
                 modalities=modalities, date_by=date_by)


def state_code(value: str, where: str, name: str) -> str:
    """An upper-case country or IGO code the coder knows, or a 422 naming the code."""
    code = retired_code(value.strip().upper())[0]  # EUR, the EU as it was coded, is EU
    if code not in known_codes():
        raise invalid(where, name, f"unknown country code '{value}' (use {CODE_EXAMPLES})")
    return code


def dyad_codes(a: str, b: str) -> tuple[str, str]:
    first, second = state_code(a, "path", "a"), state_code(b, "path", "b")
    if first == second:
        raise invalid("path", "b", f"a dyad needs two different states (got {first} twice)")
    return first, second


MAX_DYADS = 8  # lines on one chart that a reader can still tell apart


def dyad_list(values: list[str]) -> list[tuple[str, str]]:
    """``RUS-IRN,Russia-United States`` as code pairs: codes or names, each pair once."""
    if not values:
        raise invalid("query", "dyads", "name at least one dyad, such as RUS-IRN")
    if len(values) > MAX_DYADS:
        raise invalid("query", "dyads", f"at most {MAX_DYADS} dyads on one chart "
                      f"(got {len(values)})")
    pairs: dict[tuple[str, ...], tuple[str, str]] = {}
    for value in values:
        first, _, second = value.partition("-")
        if not second:
            raise invalid("query", "dyads", f"'{value[:40]}' is no dyad (two states: RUS-IRN)")
        a, b = (_named_code(part) for part in (first, second))
        if a == b:
            raise invalid("query", "dyads", f"a dyad needs two different states ({value[:40]})")
        # RUS-IRN and IRN-RUS are one line (both directions count): the first spelling stays
        pairs.setdefault(tuple(sorted((a, b))), (a, b))
    return list(pairs.values())


def _named_code(value: str) -> str:
    # a state's name as people type it ("Russia") as its code; codes pass through
    named = codes_by_name().get(value.strip().lower())
    return state_code(named or value, "query", "dyads")


DyadsParam = Annotated[list[str], BeforeValidator(_split_commas),
                       Query(alias="dyads",
                             description="Dyads, codes or names (repeat, or RUS-IRN,RUS-USA)")]


def checked_doc_id(doc_id: str) -> str:
    """``doc_id`` if it follows ID_PATTERN, else a 422: the one rule for both coding endpoints
    (a posted name is checked by CodeRequest already, an uploaded file's by doc_id_of_file)."""
    if not re.fullmatch(ID_PATTERN, doc_id):
        raise invalid("body", "doc_id", "a doc_id is 1-64 letters, digits, _ and - "
                      f"(got {doc_id[:70]!r})")
    return doc_id


def doc_id_of_file(filename: str | None) -> str:
    """An uploaded file's name as a doc_id: its base name without folders or extension, accents
    dropped, every run of other characters (spaces, tabs, newlines, NUL, direction marks) as one
    "_", at most 64 characters; "upload" if nothing is left."""
    name = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    name = name.rsplit(".", 1)[0] if "." in name else name
    letters = "".join(c for c in unicodedata.normalize("NFKD", name)
                      if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9_-]+", "_", letters).strip("_")[:64] or "upload"


class CodeRequest(BaseModel):
    """``POST /api/code``: one article's text."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article, plain text (at most 200 kB)")
    date: dt.date | None = Field(None, description="Article date; else one in its first lines")
    store: bool = Field(False, description="Also store it (server started with --allow-writes)")
    doc_id: str = Field("web", pattern=ID_PATTERN, description="A name for the article")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("the text is empty")
        # as `ingest` refuses a .txt file with a NUL: the parser reads "Russia\x00" as no
        # country, and the text was stored with it
        if (nul := text.find("\x00")) >= 0:
            raise ValueError(f"binary content (a NUL character at offset {nul}), not text")
        return text
