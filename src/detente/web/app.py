"""The web dashboard and HTTP API: `detente serve`.

Pages (HTML, Jinja2 with autoescape, scripts in static/) and a JSON API under /api (OpenAPI at
/docs). Article text is untrusted: templates escape it and the scripts only ever put it into the
page as text nodes. The server binds 127.0.0.1 by default and never writes to the database
unless started with ``allow_writes``.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import math
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import FastAPI, Request
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from detente import __version__
from detente.codebook import load_codebook
from detente.coder import Coder
from detente.config import ORIGINS
from detente.model import MODALITIES
from detente.web import api, queries
from detente.web.api import router
from detente.web.coding import MAX_TEXT_BYTES
from detente.web.context import CoderBusy, DatabaseUnavailable, NoDatabase, WebContext
from detente.web.guard import Guard, HeadAsGet
from detente.web.params import ID_PATTERN
from detente.web.responses import SafeJSONResponse

HERE = Path(__file__).parent
# JSON escapes can make a 200 kB text up to several times longer on the wire.
MAX_BODY_BYTES = 6 * MAX_TEXT_BYTES
LOOPBACK_NAMES = ["127.0.0.1", "localhost"]


def create_app(
    db_path: str | Path | None,
    allow_writes: bool = False,
    coder: Coder | None = None,
    *,
    trusted_hosts: list[str] | None = None,
) -> FastAPI:
    """The application; ``trusted_hosts`` limits the Host header (against DNS rebinding)."""
    context = WebContext(db_path, allow_writes, coder)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        context.release()  # the database file is free as soon as the server stops

    # FastAPIOffline serves the /docs page's Swagger UI from its package, not from a CDN
    app = FastAPIOffline(title="detente", version=__version__, lifespan=lifespan,
                  description="Political events coded from news text, and the relations "
                              "between states they add up to.",
                  default_response_class=SafeJSONResponse)
    app.state.web = context
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _add_pages(app, _templates())
    _add_error_handlers(app)
    app.add_middleware(Guard, max_body=MAX_BODY_BYTES)
    if trusted_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=trusted_hosts)
    app.add_middleware(HeadAsGet)  # outermost: no answer to a HEAD carries a body
    return app


def _templates() -> Jinja2Templates:
    # autoescape for every template, whatever its file name: article text is untrusted
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    return Jinja2Templates(env=env)


# A rejected value is echoed back only as far as it helps to see what was wrong: a whole
# body or a long field sent back doubles the traffic of a bad request.
ECHOED_INPUT_CHARS = 80


def _without_long_input(error: dict[str, Any]) -> dict[str, Any]:
    value = error.get("input")
    if isinstance(value, float) and not math.isfinite(value):
        # Python's JSON reader takes NaN, Infinity and 1e400 for floats, and JSON has no way
        # to write them back: echoed as a string ("NaN", "Infinity"), or the 422 itself failed
        # (a 500, with a traceback in the log)
        return {**error, "input": json.dumps(value)}
    if isinstance(value, dict | list):
        return {**error, "input": f"({type(value).__name__} of {len(value)} items)"}
    if isinstance(value, str | bytes) and len(value) > ECHOED_INPUT_CHARS:
        shown = value[:ECHOED_INPUT_CHARS]
        if isinstance(shown, bytes):
            shown = shown.decode("utf-8", "replace")
        return {**error, "input": f"{shown}... ({len(value)} characters)"}
    return error


# FastAPI's 400 for a JSON body its reader raised on with anything but a JSON syntax error
UNREAD_BODY = "There was an error parsing the body"


def body_problem(cause: BaseException) -> str:
    """What is wrong with a JSON body FastAPI could not read, from the error it raised: its
    400 said "There was an error parsing the body" for bytes that are not UTF-8 (a Latin-1
    text, a gzip file), JSON nested too deep for Python's reader and a number past Python's
    4,300 digits alike, and left the client to guess."""
    if isinstance(cause, UnicodeDecodeError):
        return (f"request body is not UTF-8 (invalid byte 0x{cause.object[cause.start]:02x} "
                f"at offset {cause.start}); send the JSON in UTF-8")
    if isinstance(cause, RecursionError):
        return "request body is JSON nested too deep to read"
    if isinstance(cause, ValueError) and "integer string conversion" in str(cause):
        return "request body holds a number of over 4,300 digits"
    return f"request body is not readable JSON ({type(cause).__name__})"


def _add_error_handlers(app: FastAPI) -> None:
    # FastAPI's own handlers answer with plain JSONResponse, which would echo a rejected
    # "<script>" parameter literally; these give the same bodies through SafeJSONResponse.
    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [_without_long_input(error) for error in exc.errors()]
        return SafeJSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code in (204, 304):
            return Response(status_code=exc.status_code, headers=exc.headers)
        detail = exc.detail
        if detail == UNREAD_BODY and exc.__cause__ is not None:
            detail = body_problem(exc.__cause__)
        return SafeJSONResponse({"detail": detail}, status_code=exc.status_code,
                                headers=exc.headers)

    @app.exception_handler(NoDatabase)
    async def no_database(request: Request, exc: NoDatabase) -> JSONResponse:
        return SafeJSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(CoderBusy)
    async def coder_busy(request: Request, exc: CoderBusy) -> JSONResponse:
        return SafeJSONResponse({"detail": str(exc)}, status_code=503,
                                headers={"Retry-After": "60"})

    @app.exception_handler(DatabaseUnavailable)
    async def unavailable(request: Request, exc: DatabaseUnavailable) -> JSONResponse:
        return SafeJSONResponse({"detail": str(exc)}, status_code=503)


def _add_pages(app: FastAPI, templates: Jinja2Templates) -> None:
    def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
        ctx: WebContext = request.app.state.web
        base = {"page": name, "allow_writes": ctx.allow_writes, "has_db": ctx.has_database(),
                "db_label": ctx.database_label(),
                "db_name": ctx.db_path.name if ctx.db_path else "no database",
                "version": __version__,
                "max_kb": MAX_TEXT_BYTES // 1000, "problem": None}
        merged = {**base, **context}
        merged["problem"] = merged["problem"] or ctx.path_problem()  # --db a folder, a pipe
        return templates.TemplateResponse(request, f"{name}.html", merged, status_code=status)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/code")

    @app.get("/code", include_in_schema=False)
    def code_page(request: Request) -> Response:
        return page(request, "code")

    @app.get("/events", include_in_schema=False)
    def events_page(request: Request) -> Response:
        ctx: WebContext = request.app.state.web
        outlets, problem = [], None
        if ctx.has_database():
            try:
                with ctx.store() as store:
                    outlets = queries.outlets(store)
            except DatabaseUnavailable as exc:
                problem = str(exc)
        # the filters' choices from their one list each, not written out in the page
        # (the download's limit read when the page is made: the API refuses past it)
        return page(request, "events", outlets=outlets, problem=problem,
                    modalities=MODALITIES, origins=ORIGINS,
                    plover_types=list(load_codebook().plover_types),
                    csv_max=api.CSV_MAX_EVENTS)

    @app.get("/articles/{article_id}", include_in_schema=False)
    def article_page(request: Request,
                     article_id: Annotated[str, PathParam(pattern=ID_PATTERN)]) -> Response:
        ctx: WebContext = request.app.state.web
        if not ctx.has_database():
            return page(request, "article", status=404, article=None)
        try:
            with ctx.store() as store:
                record = queries.article(store, article_id)
        except DatabaseUnavailable as exc:
            return page(request, "article", status=503, article=None, problem=str(exc))
        if record is None:
            return page(request, "article", status=404, article=None,
                        problem=f"no article {article_id} in this database")
        # only web addresses become links: a stored "javascript:" URL must stay text
        url = record.get("url") or ""
        record["link"] = url if url.lower().startswith(("http://", "https://")) else None
        return page(request, "article", article=record)

    @app.get("/relations", include_in_schema=False)
    def relations_page(request: Request) -> Response:
        return page(request, "relations")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        # the copy bundled with the plotly Python package: no CDN, works offline
        return FileResponse(_plotly_js(), media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})


def _plotly_js() -> Path:
    return Path(str(resources.files("plotly").joinpath("package_data", "plotly.min.js")))


def serve(db_path: str | Path | None, host: str = "127.0.0.1", port: int = 8000,
          allow_writes: bool = False) -> None:
    """Run the dashboard until interrupted (Ctrl-C); CannotListen if the address cannot be
    listened on."""
    import uvicorn

    if problem := listen_problem(host, port):
        raise CannotListen(problem)
    loopback = _is_loopback(host)
    # Host checking defeats DNS rebinding; Starlette's check cannot parse IPv6 hosts, so only
    # the IPv4 loopback and "localhost" get it.
    trusted = LOOPBACK_NAMES if loopback and ":" not in host else None
    app = create_app(db_path, allow_writes=allow_writes, trusted_hosts=trusted)
    shown = f"[{host}]" if ":" in host else host
    mode = "writes allowed" if allow_writes else "read-only"
    print(f"detente dashboard: http://{shown}:{port}/  (API docs at /docs; database "
          f"{db_path or 'none'}, {mode})", flush=True)
    if problem := app.state.web.start_problem():
        print(f"warning: {problem}", flush=True)
    if not loopback:
        print(f"warning: listening on {host}: anyone who can reach this address can read the "
              "database" + (" and store articles" if allow_writes else "")
              + "; there is no login", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


class CannotListen(RuntimeError):
    """The server's address cannot be listened on; the message says why, in one line."""


def listen_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port (an unknown host, a port in use or not
    allowed), or None. uvicorn would log its own "ERROR: [Errno 98] ..." after the banner and
    exit with code 3; the probe binds as uvicorn does (SO_REUSEADDR), then lets go."""
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError) as exc:
        return f"cannot listen on {where}: no such address ({exc})"
    try:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        hint = "; choose another --port" if exc.errno in (errno.EADDRINUSE, errno.EACCES) else ""
        return f"cannot listen on {where} ({exc.strerror or exc}){hint}"
    return None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
