"""Which language an article is written in, so that text the coder cannot read is not coded.

detente's dictionaries and spaCy pipeline are English; a French or Russian article gives no
events, and coding it silently would look like a quiet news day. The language is told by
py3langid (pinned; its model ships inside the package, nothing is downloaded), on the first
few thousand characters. Short texts and unsure guesses count as English, as detente has
always read them: only a confident other language keeps an article from the coder.
"""

from __future__ import annotations

import functools
from typing import Any

CODED_LANGUAGES = frozenset({"en"})
# Below this many letters a language guess is noise ("Iran" reads as Afrikaans).
MIN_LETTERS = 120
MIN_CONFIDENCE = 0.95  # normalised probability of the best language
SAMPLE_CHARS = 4000  # enough to tell, and the cost stays flat for long articles


# Words only English uses this often: when they make up this share of a sample's words the
# text is plainly English, and the identifier's model (about 0.45 s to load) is not needed.
ENGLISH_MARKERS = frozenset({"the", "of", "and", "to", "that", "for", "with", "said", "by",
                             "from", "his", "has", "have", "it", "which", "were", "are", "this",
                             "their", "would", "its"})
PLAINLY_ENGLISH = 0.12
MIN_WORDS = 30


def _plainly_english(sample: str) -> bool:
    words = [w.strip(".,;:!?\"'()[]") for w in sample.lower().split()]
    if len(words) < MIN_WORDS:
        return False
    return sum(w in ENGLISH_MARKERS for w in words) / len(words) >= PLAINLY_ENGLISH


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when the text cannot tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    if _plainly_english(sample):
        return "en"
    language, confidence = _identifier().classify(sample)
    return str(language) if confidence >= MIN_CONFIDENCE else None


def stored_language(text: str) -> str:
    """The language to store: the detected one, or English when the text cannot tell."""
    return detect_language(text) or "en"


def codable(language: str) -> bool:
    return language in CODED_LANGUAGES


def not_coded(language: str) -> str:
    """Why an article is left uncoded: one wording for `ingest` and `code` alike."""
    return f"language '{language}', not coded (detente codes English text)"
