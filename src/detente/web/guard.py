"""Request guards for a server that holds untrusted text: origin, body size, browser headers;
and HEAD answered wherever GET is.

Pure ASGI (no BaseHTTPMiddleware) so they add nothing measurable to each request.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOG = logging.getLogger("detente.web")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The pages load only their own scripts; plotly needs inline styles and data: images.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
# FastAPI's own docs pages load Swagger UI / ReDoc with inline scripts; they get no CSP.
NO_CSP_PREFIXES = ("/docs", "/redoc")


class Guard:
    """Refuse cross-site writes and oversized bodies; add security headers to every answer."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if scope["method"] not in SAFE_METHODS and not same_origin(headers):
            # A page on another site (or another local port) may not make this server code or
            # store text on the user's behalf.
            await _plain_error(self._with_headers(scope, send), 403,
                               "cross-origin request refused")
            return
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if scope["method"] not in SAFE_METHODS and encoding != "identity":
            # a gzip body was read as the JSON's own bytes: "There was an error parsing the
            # body", with no word of the compression
            await _plain_error(self._with_headers(scope, send), 415,
                               f"request body is compressed (Content-Encoding: "
                               f"{encoding[:40]}); send it uncompressed")
            return
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            await _plain_error(self._with_headers(scope, send), 413, self._too_large())
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, self._limited(receive), self._with_headers(scope, sending))
        except Exception:
            if started:
                raise  # half an answer is out: only closing the connection ends it
            # Answered here rather than re-raised, so the server keeps the connection (a
            # re-raised error resets it, and the client's next request with it).
            LOG.exception("error answering %s %s", scope["method"], scope["path"])
            await _plain_error(self._with_headers(scope, send), 500,
                               "internal error (logged by the server)")

    def _too_large(self) -> str:
        return f"request body over {self.max_body // 1000} kB"

    def _limited(self, receive: Receive) -> Receive:
        """Count body bytes as they arrive (a chunked upload has no content-length)."""
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # FastAPI re-raises HTTPException from body reading, so this becomes a 413
                    raise HTTPException(413, detail=self._too_large())
            return message

        return limited

    def _with_headers(self, scope: Scope, send: Send) -> Send:
        csp = not scope["path"].startswith(NO_CSP_PREFIXES)

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "same-origin")
                if csp:
                    headers.setdefault("Content-Security-Policy", CSP)
            await send(message)

        return sending


class HeadAsGet:
    """Answer HEAD as GET would, headers only (RFC 9110: whatever takes GET takes HEAD).

    FastAPI's routes take only the methods they name, so HEAD was a 405 on every page; a path
    that takes no GET still answers HEAD with GET's 405.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        # Content-Length stays GET's, as RFC 9110 allows
        await self.app({**scope, "method": "GET"}, receive, headers_only)


def same_origin(headers: Headers) -> bool:
    """False for a request a browser sent from another origin."""
    origin = headers.get("origin")
    if origin is None:
        # Not a browser form or fetch from another site (those always send Origin on POST),
        # unless the browser says so itself.
        return headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")
    parts = urlsplit(origin)
    return bool(parts.netloc) and parts.netloc.lower() == headers.get("host", "").lower()


async def _plain_error(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
