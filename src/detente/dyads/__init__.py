"""Relations: what the stored events add up to between every pair of states over time.

Dyad tables (counts per quad class, Goldstein sum and mean, net cooperation) per period,
directed or undirected, computed in DuckDB; the signed network of states; its blocs; and the
periods where a dyad's relation changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx
import pandas as pd

from detente.dyads.changepoints import change_points
from detente.model import MODALITIES
from detente.store import EventFilter, Store

PERIODS = ("day", "week", "month", "quarter", "year")
QUAD_COLUMNS = {
    1: "verbal_cooperation",
    2: "material_cooperation",
    3: "verbal_conflict",
    4: "material_conflict",
}
MEASURES = [*QUAD_COLUMNS.values(), "events", "goldstein_total", "goldstein_mean",
            "net_cooperation"]
# A series over time has at most this many periods; a longer span is counted in coarser
# periods (and says so), so one stray date cannot make a series of a million days.
MAX_PERIODS = 2000
# Modalities an aggregate counts unless told otherwise: only what the text says happened. A
# hypothetical attack ("if X attacks Y") is not a -10 between X and Y.
DEFAULT_MODALITIES = ("asserted",)
# The date an aggregate counts by: when the event happened, or when it was reported.
DATE_BASES = {"event": "date", "article": "article_date"}
# Periods outside these years are placeholders (GDELT's 00010101) or typos, not history: a
# series over time leaves them out (and says so) instead of stretching to year 1.
SERIES_YEARS = (1800, 2100)


@dataclass(frozen=True)
class Scope:
    """Which events count: dates, origin, modality, and whether repeated reports count again.

    ``modalities=None`` counts every modality; ``date_by="article"`` dates each event by the
    day it was published instead of the day it happened (since/until and periods alike).
    """

    since: dt.date | None = None
    until: dt.date | None = None
    origin: str | None = None
    all_reports: bool = False
    actors: bool = False  # keep sub-state actors and codes apart instead of rolling up
    modalities: tuple[str, ...] | None = DEFAULT_MODALITIES
    date_by: str = "event"

    def __post_init__(self) -> None:
        if self.date_by not in DATE_BASES:
            raise ValueError(f"unknown date basis '{self.date_by}': choose event or article")
        unknown = sorted(set(self.modalities or ()) - set(MODALITIES))
        if unknown:
            raise ValueError(f"unknown modality '{unknown[0]}': choose from "
                             f"{', '.join(MODALITIES)}")

    @property
    def date_column(self) -> str:
        return DATE_BASES[self.date_by]

    def where(self) -> tuple[str, list]:
        return EventFilter(since=self.since, until=self.until, origin=self.origin,
                           all_reports=self.all_reports,
                           modality=list(self.modalities) if self.modalities else None,
                           date_column=self.date_column).sql()

    def sides(self) -> tuple[str, str]:
        field = "code" if self.actors else "country"
        return f"source_{field}", f"target_{field}"


@contextmanager
def _opened(db: str | Path | Store) -> Iterator[Store]:
    if isinstance(db, Store):
        yield db
        return
    store = Store(db, read_only=True)
    try:
        yield store
    finally:
        store.close()


def relations(
    db: str | Path | Store,
    by: str | None = None,
    scope: Scope | None = None,
    directed: bool = True,
    dyad: tuple[str, str] | None = None,
) -> pd.DataFrame:
    """One row per dyad (and period, if ``by`` is given) with the standard measures.

    ``dyad=("RUS", "IRN")`` keeps both directions of that pair only.
    """
    scope = scope or Scope()
    if by is not None and by not in PERIODS:
        raise ValueError(f"unknown period '{by}': choose one of {', '.join(PERIODS)}")
    where, params = scope.where()
    source, target = scope.sides()
    if not directed:
        source, target = f"least({source}, {target})", f"greatest({source}, {target})"
    period = f"date_trunc('{by}', {scope.date_column})" if by else "NULL::TIMESTAMP"
    dated = f"AND {scope.date_column} IS NOT NULL" if by else ""
    dyad_clause = ""
    if dyad:
        dyad_clause = "AND ((source = ? AND target = ?) OR (source = ? AND target = ?))"
        params = [*params, dyad[0], dyad[1], dyad[1], dyad[0]]
    counts = ", ".join(
        f"count(*) FILTER (WHERE quad_class = {quad})::INTEGER AS {name}"
        for quad, name in QUAD_COLUMNS.items()
    )
    sql = f"""
        WITH e AS (
            SELECT {source} AS source, {target} AS target, {period} AS period,
                   quad_class, goldstein
            FROM events
            WHERE {where} AND {scope.sides()[0]} IS NOT NULL AND {scope.sides()[1]} IS NOT NULL
              AND {scope.sides()[0]} <> {scope.sides()[1]} {dated}
        )
        SELECT source, target, period, {counts}, count(*)::INTEGER AS events,
               -- rounded: a sum of one-decimal weights read -14.600000000000001 in CSV
               round(sum(goldstein), 6) AS goldstein_total,
               round(avg(goldstein), 6) AS goldstein_mean,
               (count(*) FILTER (WHERE quad_class IN (1, 2))
                - count(*) FILTER (WHERE quad_class IN (3, 4)))::INTEGER AS net_cooperation
        FROM e WHERE TRUE {dyad_clause}
        GROUP BY source, target, period
        ORDER BY period NULLS FIRST, events DESC, source, target
    """
    with _opened(db) as store:
        frame = store.con.execute(sql, params).df()
        undated = _undated(store, scope, dyad_clause, params) if by else 0
    if by is None:
        frame = frame.drop(columns="period")
    elif undated:
        # (a dyad whose events have no date read "no events in this period", no period asked)
        frame.attrs["notes"] = [f"{undated} event(s) without a date are in no period: they "
                                "count only where no period is asked"]
    return frame


def _undated(store: Store, scope: Scope, dyad_clause: str, params: list) -> int:
    """How many events a by-period count leaves out for want of a date."""
    where, _ = scope.where()
    source, target = scope.sides()
    row = store.con.execute(f"""
        SELECT count(*) FROM (
            SELECT {source} AS source, {target} AS target FROM events
            WHERE {where} AND {source} IS NOT NULL AND {target} IS NOT NULL
              AND {source} <> {target} AND {scope.date_column} IS NULL
        ) WHERE TRUE {dyad_clause}""", params).fetchone()
    return int(row[0]) if row else 0


def dyad_series(
    db: str | Path | Store, dyad: tuple[str, str], by: str = "month", scope: Scope | None = None
) -> pd.DataFrame:
    """Both directions of one dyad, one row per direction and period, empty periods as zeros."""
    frame, by, scope, notes = _bounded(db, by, scope, dyad, directed=True)
    if frame.empty:
        return _noted(frame, by, notes)
    filled = []
    for source, target in (dyad, dyad[::-1]):
        part = frame[(frame.source == source) & (frame.target == target)]
        if part.empty:  # only the other direction has events: this one is all zeros
            part = frame.head(1).assign(**{**dict.fromkeys(MEASURES, 0),
                                           "goldstein_mean": float("nan")})
        series = _filled(part, by, _span(frame, scope))
        series[["source", "target"]] = source, target
        filled.append(series)
    return _noted(pd.concat(filled, ignore_index=True), by, notes)


def dyads_series(
    db: str | Path | Store, pairs: list[tuple[str, str]], by: str = "month",
    scope: Scope | None = None,
) -> pd.DataFrame:
    """Several dyads on one time axis, both directions of each together: one row per dyad
    (``source``/``target`` in alphabetical order) and period, empty periods as zeros.

    Every dyad is counted by the same period (the coarsest any of them needs) over the same
    span, so their lines can share one chart.
    """
    pairs = list(dict.fromkeys(_ordered(pair) for pair in pairs))
    bounded = [_bounded(db, by, scope, pair, directed=False) for pair in pairs]
    # kept from the periods asked for: only they say that (and why) the period changed
    notes = [note for found in bounded for note in found[3]]
    coarsest = max((found[1] for found in bounded), key=PERIODS.index, default=by)
    if coarsest != by:  # one long dyad coarsens them all
        bounded = [_bounded(db, coarsest, scope, pair, directed=False) for pair in pairs]
        notes += [note for found in bounded for note in found[3]]
    notes = list(dict.fromkeys(notes))
    frames = [found[0] for found in bounded if not found[0].empty]
    if not frames:
        return _noted(pd.DataFrame(columns=["source", "target", "period", *MEASURES]),
                      coarsest, notes)
    span = _span(pd.concat(frames), bounded[0][2])
    filled = []
    for pair, (frame, *_rest) in zip(pairs, bounded, strict=True):
        part = frame if not frame.empty else frames[0].head(1).assign(
            **{**dict.fromkeys(MEASURES, 0), "goldstein_mean": float("nan")})
        series = _filled(part, coarsest, span)
        series[["source", "target"]] = pair
        filled.append(series)
    return _noted(pd.concat(filled, ignore_index=True), coarsest, notes)


def with_sides(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """A series with cooperation and conflict apart (quads 1+2 and 3+4: net cooperation hides
    a month of both) and each period's last day (to list the events behind a point)."""
    frame = frame.copy()
    frame["cooperation"] = frame["verbal_cooperation"] + frame["material_cooperation"]
    frame["conflict"] = frame["verbal_conflict"] + frame["material_conflict"]
    periods = pd.to_datetime(frame["period"])
    frame["period_end"] = (periods.dt.to_period(_FREQ[by]).dt.end_time.dt.normalize()
                           if len(frame) else periods)
    return frame


def _bounded(
    db: str | Path | Store, by: str, scope: Scope | None, dyad: tuple[str, str] | None,
    directed: bool,
) -> tuple[pd.DataFrame, str, Scope, list[str]]:
    """The dyad table per period for a series: within SERIES_YEARS, and by the finest period
    no finer than ``by`` that spans it in at most MAX_PERIODS; with what was changed, said."""
    notes = []
    first, last = dt.date(SERIES_YEARS[0], 1, 1), dt.date(SERIES_YEARS[1], 12, 31)
    scope = scope or Scope()
    for asked, bound, name in ((scope.since, first, "since"), (scope.until, last, "until")):
        if asked and (asked < first if name == "since" else asked > last):
            notes.append(f"{name} {asked.isoformat()} read as {bound.isoformat()}: a series "
                         f"spans {SERIES_YEARS[0]}-{SERIES_YEARS[1]}")
    for asked, name, beyond in ((scope.since, "since", last), (scope.until, "until", first)):
        if asked and (asked > beyond if name == "since" else asked < beyond):
            # (clamped, the span would be empty without a word: "since 2150")
            notes.append(f"{name} {asked.isoformat()} lies wholly outside the years a series "
                         f"spans ({SERIES_YEARS[0]}-{SERIES_YEARS[1]}): nothing to show")
    scope = replace(scope, since=scope.since and max(scope.since, first),
                    until=scope.until and min(scope.until, last))
    frame = relations(db, by=by, scope=scope, directed=directed, dyad=dyad)
    notes.extend(frame.attrs.get("notes", []))
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    inside = frame["period"].between(first, last)
    if not inside.all():
        left_out = int(frame.loc[~inside, "events"].sum())
        notes.append(f"{left_out} event(s) dated outside {SERIES_YEARS[0]}-{SERIES_YEARS[1]} "
                     "left out")
        frame = frame[inside]
    requested = by
    while not frame.empty and by != PERIODS[-1] and _period_count(frame, by, scope) > MAX_PERIODS:
        by = PERIODS[PERIODS.index(by) + 1]
    if by != requested:
        notes.append(f"by {by}, not by {requested}: the span has more than {MAX_PERIODS} "
                     f"{requested}s")
        frame = relations(db, by=by, scope=scope, directed=directed, dyad=dyad)
        frame = frame[frame["period"].between(first, last)]
    return frame, by, scope, notes


def _period_count(frame: pd.DataFrame, by: str, scope: Scope | None) -> int:
    span = _span(frame, scope)
    return len(_period_range(pd.Timestamp(span.since), pd.Timestamp(span.until), by))


def _noted(frame: pd.DataFrame, by: str, notes: list[str]) -> pd.DataFrame:
    """The frame, carrying the period it is counted by and what was changed to make it."""
    frame.attrs.update(by=by, notes=notes)
    return frame


def _span(frame: pd.DataFrame, scope: Scope | None) -> Scope:
    """The scope's dates, or the first and last period with events."""
    since = (scope and scope.since) or frame["period"].min()
    until = (scope and scope.until) or frame["period"].max()
    return Scope(since=since, until=until)


def _period_range(start: pd.Timestamp, end: pd.Timestamp, by: str) -> pd.DatetimeIndex:
    start = start.to_period(_FREQ[by]).start_time
    return pd.period_range(start, end, freq=_FREQ[by]).start_time


_FREQ = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}


def graph(db: str | Path | Store, scope: Scope | None = None) -> nx.Graph:
    """The signed network: states as nodes, an edge per dyad weighted by net cooperation."""
    frame = relations(db, scope=scope, directed=False)
    network = nx.Graph()
    for row in frame.itertuples(index=False):
        cooperation = row.verbal_cooperation + row.material_cooperation
        conflict = row.verbal_conflict + row.material_conflict
        network.add_edge(
            row.source, row.target, cooperation=int(cooperation), conflict=int(conflict),
            events=int(row.events), goldstein_total=float(row.goldstein_total or 0.0),
            weight=int(cooperation - conflict),
        )
    for node in network.nodes:
        network.nodes[node]["events"] = sum(
            data["events"] for _, _, data in network.edges(node, data=True)
        )
    return network


def changes(
    db: str | Path | Store,
    by: str = "month",
    scope: Scope | None = None,
    dyad: tuple[str, str] | None = None,
    measure: str = "net_cooperation",
) -> pd.DataFrame:
    """Periods where a dyad's relation shifts, for every undirected dyad (or the one given)."""
    frame, by, scope, notes = _bounded(db, by, scope, _ordered(dyad), directed=False)
    rows = []
    for (source, target), part in frame.groupby(["source", "target"], sort=True):
        series = _filled(part, by, scope)
        for point in change_points(series, measure=measure):
            rows.append({"source": source, "target": target, "period": point.period,
                         "measure": point.measure, "before": point.before,
                         "after": point.after})
    return _noted(pd.DataFrame(rows, columns=["source", "target", "period", "measure",
                                              "before", "after"]), by, notes)


def _ordered(dyad: tuple[str, str] | None) -> tuple[str, str] | None:
    # undirected rows hold the pair in alphabetical order
    return tuple(sorted(dyad)) if dyad else None  # type: ignore[return-value]


def _filled(part: pd.DataFrame, by: str, scope: Scope | None) -> pd.DataFrame:
    start = pd.Timestamp((scope and scope.since) or part["period"].min())
    end = pd.Timestamp((scope and scope.until) or part["period"].max())
    series = part.set_index("period").reindex(_period_range(start, end, by))
    counts = [*QUAD_COLUMNS.values(), "events", "net_cooperation"]
    series[counts] = series[counts].fillna(0).astype(int)
    series["goldstein_total"] = series["goldstein_total"].fillna(0.0)
    return series.rename_axis("period").reset_index()


def iso_days(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each column of dates alone (no time of day) as "2001-10-01" text, as the
    CSV and the tables print them: pandas writes a day to JSON as a timestamp
    ("2001-10-01T00:00:00.000"), which a browser takes for local time."""
    dated = {}
    for column in frame.columns:
        values = frame[column]
        present = values.dropna()
        if present.empty:
            continue
        if values.dtype.kind == "M" and (present == present.dt.normalize()).all():
            dated[column] = values.dt.strftime("%Y-%m-%d").astype(object).where(
                values.notna(), None)
        elif values.dtype == object and all(
                isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in present):
            dated[column] = values.map(lambda v: v.isoformat() if isinstance(v, dt.date)
                                       else None)
    return frame.assign(**dated) if dated else frame
