"""The command lines the README and every command's `--help` show are ones detente accepts:
each names a command that exists, options that command has, values its choices allow and the
arguments it requires. Parsing only: what the commands do is tested where they are."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from detente.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"
COMMAND = re.compile(r"(?:\.venv/bin/)?\bdetente\s+(?=[a-z])")
# a line that runs detente, first or after a pipe (not a benchmark's output naming it)
RUNS = re.compile(r"^\s*(?:[^#|]*\|\s*)?(?:\.venv/bin/)?detente\s+[a-z]")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    yield prefix, group
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


def _words(line: str) -> list[str]:
    """A shell line's words after `detente`, up to a comment, a pipe or a redirection."""
    line = COMMAND.split(line, maxsplit=1)[1]
    words = shlex.split(line, comments=True)
    for stop in ("|", ">", ">>", "&&", ";"):
        if stop in words:
            words = words[:words.index(stop)]
    return words


def readme_lines() -> list[tuple[str, str]]:
    """Every line of the README's shell blocks that runs detente, continuations joined."""
    found, block, pending = [], None, ""
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            block = None if block is not None else line[3:].strip()
            continue
        if block not in ("", "sh", "shell", "bash"):
            continue
        line = pending + line
        if line.rstrip().endswith("\\"):
            pending = line.rstrip()[:-1] + " "
            continue
        pending = ""
        if RUNS.match(line):
            found.append((f"README.md:{number}", line))
    # whole command lines in the prose (`detente people --db events.duckdb [--country IRN]`),
    # the brackets of optional parts dropped
    prose = " ".join(README.read_text(encoding="utf-8").split())
    for span in re.findall(r"`((?:\.venv/bin/)?detente [a-z][^`]*--db[^`]*)`", prose):
        found.append(("README.md (text)", re.sub(r"[][]", "", span)))
    return found


def help_lines() -> list[tuple[str, str]]:
    found = []
    for path, command in _commands(main):
        text = command.get_help(click.Context(command, info_name="detente"))
        found += [(f"detente {' '.join(path)} --help", line.strip())
                  for line in text.splitlines() if re.match(r"\s+detente [a-z]", line)]
    return found


def parse(words: list[str]) -> None:
    """Parse as click would run it, without running it (raises click's usage errors)."""
    command: click.Command = main
    while isinstance(command, click.Group):
        name, words = words[0], words[1:]
        found = command.get_command(click.Context(command), name)
        assert found is not None, f"no command {name!r}"
        command = found
    command.make_context("detente", list(words))


def test_the_readme_and_the_help_show_commands():
    assert len(readme_lines()) >= 30
    assert len(help_lines()) >= 25


SHOWN = readme_lines() + help_lines()


@pytest.mark.parametrize(("where", "line"), SHOWN, ids=[where for where, _ in SHOWN])
def test_every_command_line_shown_is_accepted(where, line):
    try:
        parse(_words(line))
    except click.ClickException as exc:
        pytest.fail(f"{where}: {line!r}: {exc.format_message()}")


def test_options_named_in_help_texts_exist():
    """An option a help text mentions (`--out` of `ingest` in `load`'s help) is one of some
    command's."""
    every = {opt for _, command in _commands(main) for p in command.params for opt in p.opts}
    every |= {"--help", "--version"}
    for path, command in _commands(main):
        text = command.get_help(click.Context(command, info_name="detente"))
        for option in set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", text)):
            assert option in every, f"detente {' '.join(path)} --help names {option}"
