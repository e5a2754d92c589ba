from __future__ import annotations

import pytest

from detente.coder import Coder


@pytest.fixture(scope="session")
def coder() -> Coder:
    return Coder()


def dyads(events) -> set[tuple[str, str]]:
    return {(e.source.country, e.target.country) for e in events}
