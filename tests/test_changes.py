from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detente.dyads.changepoints import change_points

START = pd.Timestamp("2022-01-03")


def dyad_series(values, measure: str = "net_cooperation") -> pd.DataFrame:
    """A regular weekly dyad series with ``values`` in ``measure``."""
    values = np.asarray(values, dtype=float)
    frame = pd.DataFrame(
        {
            "period": pd.date_range(START, periods=values.size, freq="W-MON"),
            "events": np.abs(values),
            "net_cooperation": values,
            "goldstein_total": values,
            "goldstein_mean": values,
        }
    )
    frame[measure] = values
    return frame


def wiggle(n: int, scale: float = 0.2) -> np.ndarray:
    """Small deterministic noise."""
    return scale * np.sin(1.7 * np.arange(n)) + 0.5 * scale * np.cos(4.1 * np.arange(n))


def test_step_down_is_one_change_at_the_right_period():
    values = np.r_[np.full(15, 3.0), np.full(15, -4.0)] + wiggle(30)
    found = change_points(dyad_series(values))
    assert len(found) == 1
    change = found[0]
    assert change.period == START + pd.Timedelta(weeks=15)
    assert change.before == pytest.approx(3.0, abs=0.2)
    assert change.after == pytest.approx(-4.0, abs=0.2)
    assert change.measure == "net_cooperation"


def test_flat_noisy_series_has_no_change():
    values = 2.0 + np.random.default_rng(11).normal(0.0, 1.0, 60)
    assert change_points(dyad_series(values)) == []


def test_flat_wiggle_has_no_change():
    assert change_points(dyad_series(1.0 + wiggle(40, scale=1.0))) == []


def test_two_breaks_are_both_found():
    values = np.r_[np.full(12, 3.0), np.full(12, -4.0), np.full(12, 1.0)] + wiggle(36)
    found = change_points(dyad_series(values))
    assert [c.period for c in found] == [
        START + pd.Timedelta(weeks=12),
        START + pd.Timedelta(weeks=24),
    ]
    assert [round(c.after) for c in found] == [-4, 1]
    assert found[0].after == found[1].before


def test_too_short_and_constant_series_have_no_change():
    assert change_points(dyad_series([5.0, -5.0, 5.0])) == []
    assert change_points(dyad_series(np.full(30, 2.0))) == []
    assert change_points(dyad_series([])) == []


def test_goldstein_mean_gaps_count_as_neutral():
    values = np.r_[np.full(12, 5.0) + wiggle(12), np.full(12, np.nan)]
    found = change_points(dyad_series(values, "goldstein_mean"), measure="goldstein_mean")
    assert len(found) == 1
    assert found[0].period == START + pd.Timedelta(weeks=12)
    assert found[0].after == 0.0
    assert found[0].measure == "goldstein_mean"


def test_large_explicit_penalty_suppresses_changes():
    values = np.r_[np.full(15, 3.0), np.full(15, -4.0)] + wiggle(30)
    assert change_points(dyad_series(values), penalty=1e6) == []


def test_unsorted_rows_are_put_in_time_order():
    values = np.r_[np.full(15, 3.0), np.full(15, -4.0)] + wiggle(30)
    shuffled = dyad_series(values).sample(frac=1.0, random_state=0)
    assert change_points(shuffled)[0].period == START + pd.Timedelta(weeks=15)


def test_unknown_measure():
    with pytest.raises(KeyError):
        change_points(dyad_series(np.zeros(10)), measure="nope")
