"""Reading the packaged data tables and a user's extension file.

Each table (cameo.yaml, actors.yaml, agents.yaml, verbs.yaml) has one loader next to the code
that uses it; this module only knows how to read YAML and merge a user's additions.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from detente.tablecache import cached, fingerprint


class DictionaryError(ValueError):
    """A data or extension file is malformed; the message names the file and the problem."""


def read_packaged(name: str) -> dict[str, Any]:
    """Parse ``detente/data/<name>`` from the installed package (a fresh copy on every call).

    The parsed table comes from the table cache when its text is unchanged: even libyaml
    takes a third of a second for the tables a coder reads, a pickle a fraction of that.
    """
    text = packaged_text(name)
    key = fingerprint([name, text, yaml.__version__])
    return cached(f"data.{name}", key, lambda: _parse(text, f"detente/data/{name}"))


def packaged_text(name: str) -> str:
    """The text of ``detente/data/<name>`` as installed."""
    return resources.files("detente").joinpath("data", name).read_text(encoding="utf-8")


def read_extension(path: str | Path) -> dict[str, Any]:
    """Parse a user's dictionary extension file (same top-level keys as the packaged tables).

    YAML files are read as they are; any other file is read as a PETRARCH/TABARI verbs,
    actors or agents dictionary (``detente.petrarch``) into the same sections.
    """
    path = Path(path)
    from detente.petrarch import is_petrarch_file, read_petrarch  # imports this module

    if path.exists() and not path.is_file():  # a folder, or a named pipe that may never end
        kind = "a directory" if path.is_dir() else "a named pipe or a device"
        raise DictionaryError(f"{path}: cannot read dictionary file (not a regular file: "
                              f"{kind})")

    if is_petrarch_file(path):
        return read_petrarch(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"{path}: cannot read dictionary file ({exc})") from exc
    return _parse(text, str(path))


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        # libyaml's parser when PyYAML was built with it: the tables load ~10x faster
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{where}: not valid YAML ({exc})".replace("\n", " ")) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DictionaryError(f"{where}: expected a mapping of sections at the top level")
    return data


def merged_section(base: dict[str, Any], extensions: list[dict[str, Any]], key: str) -> list:
    """The list under ``key`` with every extension's entries appended (later entries win)."""
    entries = list(base.get(key) or [])
    for extension in extensions:
        extra = extension.get(key) or []
        if not isinstance(extra, list):
            raise DictionaryError(f"extension section '{key}' must be a list")
        entries.extend(extra)
    return entries
