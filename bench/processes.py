"""Timing fresh processes: each command runs in a new interpreter, so imports, model load and
start-up are paid as a user pays them. The commands alternate (a b a b ...) so that load from
the other programs on a shared machine falls on both alike, and the best round of each counts.
"""

from __future__ import annotations

import compileall
import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# A BLAS that spreads over every core would make "one process" mean more than one CPU.
ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


def compile_detente() -> None:
    """Byte-compile detente's own modules, as installing a package does (`make install` does it
    for the editable install): under PYTHONDONTWRITEBYTECODE every fresh process would compile
    an edited module again, which no installed copy pays."""
    import detente

    compileall.compile_dir(os.path.dirname(detente.__file__), quiet=1)


@dataclass
class Timings:
    """Wall seconds of every round of one command, and what its last round printed."""

    seconds: list[float] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)  # the JSON line a command printed, if any

    @property
    def best(self) -> float:
        return min(self.seconds)

    def best_of(self, key: str) -> float:
        """The lowest value of ``key`` among the rounds' JSON reports."""
        return min(report[key] for report in self.reports)

    def rounds(self) -> str:
        return ", ".join(f"{s:.2f}" for s in self.seconds)


def alternate(
    commands: Mapping[str, Sequence[str]], rounds: int = 3, env: Mapping[str, str] | None = None,
) -> dict[str, Timings]:
    """Run every command once per round, in turn, and time each run from start to exit.

    A command that prints a JSON object as its last line of stdout has it kept in ``reports``.
    """
    environment = {**os.environ, **ONE_THREAD, **(env or {})}
    compile_detente()
    results = {name: Timings() for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            start = time.perf_counter()
            done = subprocess.run(list(argv), capture_output=True, text=True, env=environment)
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                sys.exit(f"{name} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
            results[name].seconds.append(elapsed)
            lines = done.stdout.strip().splitlines()
            if lines and lines[-1].startswith("{"):
                results[name].reports.append(json.loads(lines[-1]))
    return results
