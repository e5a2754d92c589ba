"""One dyad over time for the relations page: both directions, and its change points."""

from __future__ import annotations

import pandas as pd

from detente import dyads
from detente.store import Store

CHANGE_COLUMNS = ["source", "target", "period", "measure", "before", "after"]


def dyad_series(store: Store, pair: tuple[str, str], by: str,
                scope: dyads.Scope) -> pd.DataFrame:
    return dyads.dyad_series(store, pair, by=by, scope=scope)


def dyad_changes(store: Store, pair: tuple[str, str], by: str,
                 scope: dyads.Scope) -> pd.DataFrame:
    """Where the pair's net cooperation (both directions together) shifts."""
    found = dyads.changes(store, by=by, scope=scope, dyad=pair)
    return found if not found.empty else pd.DataFrame(columns=CHANGE_COLUMNS)
