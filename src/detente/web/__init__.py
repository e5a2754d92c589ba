"""The web dashboard and HTTP API (`detente serve`)."""

from detente.web.app import create_app, serve

__all__ = ["create_app", "serve"]
