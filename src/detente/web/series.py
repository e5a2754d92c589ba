"""One dyad over time for the relations page: both directions, and its change points."""

from __future__ import annotations

import pandas as pd

from detente import dyads
from detente.store import Store

CHANGE_COLUMNS = ["source", "target", "period", "measure", "before", "after"]


def dyad_series(store: Store, pair: tuple[str, str], by: str,
                scope: dyads.Scope) -> pd.DataFrame:
    """Both directions, with cooperation and conflict apart and each period's last day."""
    series = dyads.dyad_series(store, pair, by=by, scope=scope)
    return _sided(series, by)


def several_dyads(store: Store, pairs: list[tuple[str, str]], by: str,
                  scope: dyads.Scope) -> pd.DataFrame:
    """One line per dyad (both directions together), all on one time axis."""
    series = dyads.dyads_series(store, pairs, by=by, scope=scope)
    return _sided(series, by)


def _sided(series: pd.DataFrame, by: str) -> pd.DataFrame:
    counted_by = series.attrs.get("by", by)  # a long span comes back in coarser periods
    sided = dyads.with_sides(series, counted_by)
    sided.attrs.update(series.attrs)
    return sided


def dyad_changes(store: Store, pair: tuple[str, str], by: str,
                 scope: dyads.Scope) -> pd.DataFrame:
    """Where the pair's net cooperation (both directions together) shifts."""
    found = dyads.changes(store, by=by, scope=scope, dyad=pair)
    return found if not found.empty else pd.DataFrame(columns=CHANGE_COLUMNS)
