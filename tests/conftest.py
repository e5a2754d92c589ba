from __future__ import annotations

import pytest

from detente.coder import Coder


@pytest.fixture(scope="session")
def coder() -> Coder:
    return Coder()


def dyads(events) -> set[tuple[str, str]]:
    return {(e.source.country, e.target.country) for e in events}


def pytest_sessionfinish(session, exitstatus) -> None:
    """The CLI freezes the coder's tables for the collector (cli._coder_built); a test run
    that invoked it thaws them before the interpreter's teardown, so DuckDB's bindings do not
    list what the teardown then leaves behind as leaks at the end of the test output."""
    import gc

    gc.unfreeze()
    gc.collect()
