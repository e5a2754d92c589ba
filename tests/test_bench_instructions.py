"""bench/instructions.py: each leg's instruction count read from callgrind's dumps."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def instructions():
    spec = importlib.util.spec_from_file_location("bench_instructions", BENCH / "instructions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_dump_s_total_is_its_instruction_count(instructions, tmp_path: Path) -> None:
    dump = tmp_path / "callgrind.out.2"
    dump.write_text("# callgrind format\nevents: Ir\nfn=(1) main\n16 40\n\ntotals: 5417000123\n")
    assert instructions.instructions(dump) == 5_417_000_123


def test_a_dump_without_a_total_is_one_line_naming_it(instructions, tmp_path: Path) -> None:
    dump = tmp_path / "callgrind.out.3"
    dump.write_text("# callgrind format\nevents: Ir\n")
    with pytest.raises(SystemExit, match="callgrind.out.3: no instruction total"):
        instructions.instructions(dump)


def test_no_valgrind_is_said_not_a_traceback(instructions, monkeypatch, capsys) -> None:
    monkeypatch.setattr(instructions.shutil, "which", lambda name: None)
    assert instructions.measure(1) == 2
    assert "valgrind is not installed" in capsys.readouterr().err

