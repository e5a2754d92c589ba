"""Reading the packaged data tables and a user's extension file.

Each table (cameo.yaml, actors.yaml, agents.yaml, verbs.yaml) has one loader next to the code
that uses it; this module only knows how to read YAML and merge a user's additions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from detente.cleantext import printable, shown_name
from detente.tablecache import cached, fingerprint

# A user's dictionary is bounded before it is built into Python objects. Aliases are read as
# shared references, but every later walk (the provenance fingerprint, the lexicon) expands
# them: nine levels of ten aliases ("billion laughs") were 10^9 nodes and gigabytes. The
# largest packaged table (people.yaml) is ~19,000 nodes and 5 levels deep.
MAX_NODES = 1_000_000
# libyaml's composer recurses once per level: 200,000 nested brackets crashed the process.
MAX_DEPTH = 64
# Read whole into memory; the largest PETRARCH dictionary in use is ~1.5 MB.
MAX_DICTIONARY_BYTES = 64 * 1024 * 1024
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class DictionaryError(ValueError):
    """A data or extension file is malformed; the message names the file and the problem."""


class _UserLoader(_LOADER):
    """The loader of a user's YAML. PyYAML keeps the last of two equal keys without a word (a
    second ``verbs:`` dropped every entry of the first), and a value its constructor cannot
    build (``to: 2004-13-01``, ``!!int abc``) escaped as a bare ValueError, a traceback: both
    are YAML errors here, at their line."""

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        # checked before its first flattening, which puts a merged mapping's keys ("<<: *a")
        # among its own; a mapping merged into another may be flattened before it is built
        checked = self.__dict__.setdefault("_keys_checked", set())
        if node not in checked:
            checked.add(node)
            _refuse_repeated_keys(node)
        super().flatten_mapping(node)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, KeyError, TypeError, OverflowError) as exc:
            what = node.tag.rsplit(":", 1)[-1]
            why = "" if isinstance(exc, KeyError) else f" ({exc})"  # KeyError: the value again
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {_node_text(node)} as {what}{why}",
                node.start_mark) from exc


def _refuse_repeated_keys(node: yaml.MappingNode) -> None:
    seen: dict[tuple[str, str], int] = {}
    for key, _value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
            continue  # a merged mapping's keys ("<<: *base") may be overridden
        line = key.start_mark.line + 1
        if (first := seen.get((key.tag, key.value))) is not None:
            lines = f"line {line}" if first == line else f"lines {first} and {line}"
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key.value!r} is written twice in one mapping, on "
                f"{lines}; YAML would keep only the second")
        seen[key.tag, key.value] = line


def _node_text(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        text = node.value if len(node.value) <= 40 else node.value[:37] + "..."
        return repr(text)
    return "the value"


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
        raise DictionaryError(f"{shown_name(path)}: cannot read dictionary file (not a regular "
                              f"file: {kind})")

    _check_file_size(path)
    if is_petrarch_file(path):
        return read_petrarch(path)
    text = dictionary_text(path, strict=True)
    _check_structure(text, str(path))
    return _parse(text, shown_name(path), _UserLoader)


def read_user_dictionary(path: str | Path) -> dict[str, Any]:
    """A ``--dictionary`` file, read (``read_extension``) and, when it is YAML, checked
    against the form of the packaged tables, so that a fault is one line naming the file."""
    from detente.extension_check import check_extension
    from detente.petrarch import is_petrarch_file

    if str(path) == "":  # Path("") is the current folder: "error: .: ... a directory"
        from detente.ingest.rawio import EMPTY_PATH

        raise DictionaryError(f"--dictionary '': {EMPTY_PATH}")
    with _one_line():
        data = read_extension(path)
        if not is_petrarch_file(path):  # a PETRARCH file's sections are made by its reader
            check_extension(data, shown_name(path))
    return data


def read_user_dictionaries(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """Every ``--dictionary`` file, read and checked one by one (``read_user_dictionary``),
    then the object classes their entries name, which any of them may define."""
    from detente.extension_check import check_class_references

    paths = list(paths)
    extensions = [read_user_dictionary(path) for path in paths]
    with _one_line():
        check_class_references(extensions, [str(path) for path in paths])
    return extensions


@contextmanager
def _one_line() -> Iterator[None]:
    """A DictionaryError raised within, with the control characters of a file's name or an
    entry (a newline) written as escapes: the message stays the one line it is meant to be."""
    try:
        yield
    except DictionaryError as exc:
        if str(exc).isprintable():
            raise
        raise DictionaryError(printable(str(exc))) from exc


def dictionary_text(path: Path, strict: bool) -> str:
    """A dictionary file's text. UTF-16/32 and binary files (a NUL byte) are one line saying
    so, as the readers say it: read with replacement characters they gave "nothing read" or a
    problem line that sent their control bytes to the terminal. ``strict``: other bytes that
    are not UTF-8 are refused too (YAML); a PETRARCH file that is not UTF-8 is read as the
    Windows Latin-1 that TABARI's files were written in (replaced, "MÉXICO" was "M\ufffdXICO",
    a name no text has).
    """
    from detente.ingest.rawio import wide_text

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DictionaryError(f"{shown_name(path)}: cannot read dictionary file "
                              f"({exc.strerror or exc})") from exc
    if wide := wide_text(data[:4]):
        raise DictionaryError(f"{shown_name(path)}: {wide}")
    if (nul := data.find(b"\x00")) >= 0:
        if _utf16_without_mark(data[:256]):
            raise DictionaryError(f"{shown_name(path)}: UTF-16 text without a byte-order mark, "
                                  "not UTF-8; convert it to UTF-8")
        raise DictionaryError(f"{shown_name(path)}: binary content (a NUL byte at offset "
                              f"{nul}), not a dictionary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if not strict:
            return data.decode("cp1252", errors="replace")
        raise DictionaryError(f"{shown_name(path)}: not UTF-8 text (invalid byte at offset "
                              f"{exc.start}); convert it to UTF-8") from exc


def _utf16_without_mark(head: bytes) -> bool:
    """Text of one-byte characters in UTF-16 (little or big endian) with no byte-order mark:
    every other byte is NUL and no other is (it was "binary content")."""
    head = head[: len(head) // 2 * 2]
    halves = head[0::2], head[1::2]
    return len(head) >= 4 and any(not a.strip(b"\x00") and b"\x00" not in b
                                  for a, b in (halves, halves[::-1]))


def _check_file_size(path: Path) -> None:
    """Refuse a dictionary larger than any real one before reading it into memory."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # a missing file is reported by the reader, with the reason
    if size > MAX_DICTIONARY_BYTES:
        raise DictionaryError(f"{shown_name(path)}: dictionary file too large ({size:,} bytes; "
                              f"the limit is {MAX_DICTIONARY_BYTES:,})")


def _check_structure(text: str, where: str) -> None:
    """Refuse YAML whose nodes, with every alias expanded, exceed MAX_NODES, that nests deeper
    than MAX_DEPTH, or whose alias refers to a node containing it (a cycle no walk ends).

    Reads the parser's events only (flat, iterative), so a hostile file costs its own length.
    A syntax error is left to the real load, which reports it with its position.
    """
    expanded: dict[str, int] = {}  # anchor -> nodes it stands for, once its node is closed
    open_nodes: list[list] = []  # [anchor, nodes so far] of each collection being read
    total = 0
    aliased = False  # whether the size comes from aliases, for the message
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            aliased = aliased or isinstance(event, yaml.AliasEvent)
            if isinstance(event, _OPENS):
                if len(open_nodes) >= MAX_DEPTH:
                    raise DictionaryError(f"{where}: nested more than {MAX_DEPTH} levels deep "
                                          f"(line {event.start_mark.line + 1})")
                open_nodes.append([event.anchor, 1])
                continue
            size = _event_size(event, open_nodes, expanded, where)
            if size is None:
                continue
            if open_nodes:
                open_nodes[-1][1] += size
                reached = open_nodes[-1][1]
            else:
                total += size
                reached = total
            if reached > MAX_NODES:
                raise _too_large(where, event.start_mark.line + 1, aliased)
    except yaml.YAMLError:
        return


def _too_large(where: str, line: int, aliased: bool) -> DictionaryError:
    if aliased:
        return DictionaryError(f"{where}: too large with its YAML aliases expanded (more than "
                               f"{MAX_NODES:,} entries, line {line}); write the entries out or "
                               "split the file")
    # a file without aliases was told to write its (absent) aliases out
    return DictionaryError(f"{where}: too large (more than {MAX_NODES:,} YAML entries, line "
                           f"{line}); split the file")


def _event_size(event: yaml.Event, open_nodes: list[list], expanded: dict[str, int],
                where: str) -> int | None:
    """The nodes one parser event completes (None: the event completes no node)."""
    if isinstance(event, _CLOSES):
        anchor, size = open_nodes.pop()
        if anchor:
            expanded[anchor] = size
        return size
    if isinstance(event, yaml.ScalarEvent):
        if event.anchor:
            expanded[event.anchor] = 1
        return 1
    if isinstance(event, yaml.AliasEvent):
        if any(anchor == event.anchor for anchor, _ in open_nodes):
            raise DictionaryError(f"{where}: the alias *{event.anchor} refers to a node that "
                                  f"contains it (line {event.start_mark.line + 1})")
        return expanded.get(event.anchor, 1)
    return None


def _parse(text: str, where: str, loader: type = _LOADER) -> dict[str, Any]:
    try:
        # libyaml's parser when PyYAML was built with it: the tables load ~10x faster
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        # PyYAML's marks name the text it was given ("<unicode string>"), not the file
        why = " ".join(str(exc).replace('  in "<unicode string>", ', " at ").split())
        raise DictionaryError(f"{where}: not valid YAML ({why})") from exc
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
