"""``python -m detente.web --db events.duckdb``: the dashboard without the CLI wrapper."""

from __future__ import annotations

import argparse

from detente.web.app import serve


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m detente.web", description=__doc__)
    parser.add_argument("--db", default="detente.duckdb", help="The event store (DuckDB file).")
    parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--allow-writes", action="store_true",
                        help="Let the code page store articles in the database.")
    args = parser.parse_args(argv)
    serve(args.db, host=args.host, port=args.port, allow_writes=args.allow_writes)


if __name__ == "__main__":
    main()
