"""JSON text of records read from the store: always valid JSON.

JSON has no way to write a number that is not finite, and Python's encoder writes NaN,
Infinity and -Infinity, which every other JSON reader refuses. A store can hold such numbers
(one merged from shards before they were checked, or edited by hand); they are written as
null, as the web API's responses write them.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

# made once: json.dumps builds an encoder for every call that changes a default
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str, allow_nan=False)


# Characters JSON lets a string hold as they are that end a line for Python's splitlines (NEL,
# U+2028, U+2029) or that a terminal obeys (the C1 set): written as escapes, so one record
# stays one line of a JSON Lines file for every reader. (The encoder escapes C0 itself.)
_ESCAPED = re.compile("[\x80-\x9f\u2028\u2029]")


def json_text(value: Any) -> str:
    """``value`` as JSON (non-ASCII as it is, what JSON cannot hold as its str()), each
    number that is not finite as null."""
    try:
        text = _ENCODER.encode(value)
    except ValueError:  # rare: only a record with such a number pays for the second pass
        text = _ENCODER.encode(_finite(value))
    if text.isascii() or not _ESCAPED.search(text):
        return text
    return _ESCAPED.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value
