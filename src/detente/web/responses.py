"""JSON that stays inert even if a browser were tricked into reading it as HTML."""

from __future__ import annotations

import json
from typing import Any

from fastapi.responses import JSONResponse

# "<", ">" and "&" only ever occur inside JSON strings, where \u escapes mean the same text;
# escaped, no "<script>" from an article appears literally in a response body.
_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


class SafeJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                          default=str)
        return text.translate(_ESCAPES).encode("utf-8")
