"""The `detente code` command: formats, stdin, and bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from detente.cli import main

ARTICLE = "2002-01-15\n\nTehran warned Washington against new sanctions. Peru praised Chile.\n"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_jsonl_output(runner, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    result = runner.invoke(main, ["code", str(article), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["source"]["country"], r["target"]["country"]) for r in records} == {
        ("IRN", "USA"), ("PER", "CHL")
    }
    assert all(r["doc_id"] == "a" and r["date"] == "2002-01-15" for r in records)


def test_the_console_script_writes_everything_before_its_quick_exit(runner, tmp_path):
    """`detente code` ends without the interpreter's teardown (cli.run): the output is whole,
    the exit status the command's, as in-process."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE * 40)
    script = "import sys; from detente.cli import run; sys.exit(run())"
    done = subprocess.run([sys.executable, "-c", script, "code", str(article), "--format",
                           "jsonl"], capture_output=True, text=True, timeout=300)
    expected = runner.invoke(main, ["code", str(article), "--format", "jsonl"])
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected.stdout and len(done.stdout.splitlines()) == 80
    missing = subprocess.run([sys.executable, "-c", script, "code", str(tmp_path / "none.txt")],
                             capture_output=True, text=True, timeout=300)
    assert missing.returncode == 2 and "no such file" in missing.stderr
    version = subprocess.run([sys.executable, "-c", script, "--version"], capture_output=True,
                             text=True, timeout=60)
    assert version.returncode == 0 and "detente" in version.stdout


def test_a_local_ingest_ends_quickly_with_its_store_whole_and_no_teardown_noise(tmp_path):
    """`detente ingest` in one process also skips the teardown (which had DuckDB's bindings
    print dozens of "leaked" lines): the store is closed first, so it holds every event."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    db = tmp_path / "events.duckdb"
    script = "import sys; from detente.cli import run; sys.exit(run())"
    done = subprocess.run([sys.executable, "-c", script, "ingest", str(article), "--db",
                           str(db)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "leaked" not in done.stderr and "1 stored" in done.stderr
    listed = subprocess.run([sys.executable, "-c", script, "events", "--db", str(db),
                             "--format", "jsonl"], capture_output=True, text=True, timeout=300)
    assert {(r["source"]["country"], r["target"]["country"])
            for r in map(json.loads, listed.stdout.splitlines())} == {("IRN", "USA"),
                                                                     ("PER", "CHL")}


def test_an_ingest_that_tears_down_leaves_no_leak_report(tmp_path):
    """Several parser processes: the interpreter's ordinary teardown, with the coder's tables
    thawed first, so DuckDB's bindings find nothing left behind to report."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    script = "import sys; from detente.cli import run; sys.exit(run())"
    done = subprocess.run([sys.executable, "-c", script, "ingest", str(article), "--processes",
                           "2", "--db", str(tmp_path / "events.duckdb")], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "leaked" not in done.stderr and "1 stored" in done.stderr


def test_stdin_with_date_as_csv(runner):
    result = runner.invoke(
        main, ["code", "-", "--date", "2001-10-05", "--format", "csv"],
        input="Egypt accused Libya of hosting militants.",
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["date"] == "2001-10-05"
    assert (rows[0]["source_country"], rows[0]["target_country"]) == ("EGY", "LBY")


def test_table_output(runner, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = runner.invoke(main, ["code", str(tmp_path)])
    assert result.exit_code == 0
    assert "IRN" in result.stdout and "USA" in result.stdout


def test_bad_files_get_one_line_errors_and_good_ones_are_coded(runner, tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "huge.txt").write_bytes(b"a" * 2_000)
    result = runner.invoke(main, ["code", str(tmp_path), "--format", "jsonl",
                                  "--max-bytes", "1000"])
    assert result.exit_code == 1  # some input is missing from the output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("binary.txt: binary file" in e for e in errors)
    assert any("latin.txt: not UTF-8" in e for e in errors)
    assert any("huge.txt: file is" in e for e in errors)
    assert "Traceback" not in result.output
    assert len(result.stdout.splitlines()) == 2


def test_a_nul_past_the_first_block_makes_the_file_one_bad_file(runner, tmp_path):
    # only the first 8 KB were looked at for a NUL: one further on stayed in the coded text
    (tmp_path / "good.txt").write_text(ARTICLE)
    text = (ARTICLE + "The weather in the capital stayed mild all week.\n" * 200).encode()
    assert len(text) > 8192
    (tmp_path / "glued.txt").write_bytes(text + b"\x00\x07\x00rest" + ARTICLE.encode())
    result = runner.invoke(main, ["code", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {tmp_path / 'glued.txt'}: binary content (a NUL byte at offset "
                      f"{len(text)}), not text"]
    assert {json.loads(line)["doc_id"] for line in result.stdout.splitlines()} == {"good"}
    assert "Traceback" not in result.output


def test_a_huge_max_bytes_reads_small_files_as_usual(runner, tmp_path):
    # each read asked for --max-bytes + 1 bytes at once: Python allocates that before reading,
    # so a limit past 2**63 was an OverflowError traceback (100 GB: MemoryError for every file)
    (tmp_path / "a.txt").write_text("Egypt accused Libya of hosting militants.")
    huge = str(2**63 - 1)
    result = runner.invoke(main, ["code", str(tmp_path / "a.txt"), "--format", "csv",
                                  "--max-bytes", huge])
    assert result.exit_code == 0, result.output
    assert "EGY" in result.stdout
    result = runner.invoke(main, ["code", "-", "--format", "csv", "--max-bytes", huge],
                           input="Egypt accused Libya of hosting militants.")
    assert result.exit_code == 0, result.output
    assert "EGY" in result.stdout


@pytest.mark.parametrize("command", [["events"], ["export", "out", "--format", "csv"]])
def test_a_limit_past_a_bigint_selects_everything(runner, tmp_path, monkeypatch, command):
    # DuckDB's LIMIT is a BIGINT: --limit 99999999999999999999999 was a ConversionException
    # traceback
    from detente.store import Store

    monkeypatch.chdir(tmp_path)
    Store(tmp_path / "e.duckdb").close()
    result = runner.invoke(main, [*command, "--db", "e.duckdb", "--limit", "9" * 23])
    assert result.exit_code == 0, result.output


def test_unreadable_file(runner, tmp_path):
    if __import__("os").geteuid() == 0:
        pytest.skip("root can read any file")
    bad = tmp_path / "locked.txt"
    bad.write_text(ARTICLE)
    bad.chmod(0)
    result = runner.invoke(main, ["code", str(bad)])
    assert result.exit_code == 2
    assert "locked.txt: cannot read" in result.stderr


def test_a_folder_that_cannot_be_listed_is_named(runner, tmp_path, monkeypatch):
    import os

    news = tmp_path / "news"
    (news / "locked").mkdir(parents=True)
    (news / "a.txt").write_text(ARTICLE)
    (news / "locked" / "b.txt").write_text(ARTICLE)
    scandir = os.scandir

    def denied(path=".", *args):
        if str(path) == str(news / "locked"):  # as for a folder of another user's, mode 700
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path, *args)

    monkeypatch.setattr(os, "scandir", denied)
    result = runner.invoke(main, ["code", str(news), "--format", "jsonl"])
    assert result.exit_code == 1, result.output
    # Path.rglob passed over it without a word: its articles were left out silently
    assert f"{news / 'locked'}: cannot list the directory (Permission denied)" in result.stderr
    assert result.stdout.strip()


def test_nothing_readable_exits_2(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    result = runner.invoke(main, ["code", str(tmp_path / "empty.txt"), str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "nope.txt: no such file or directory" in result.stderr
    assert "Traceback" not in result.output


def test_user_dictionary_extends_actors_and_verbs(runner, tmp_path):
    extension = tmp_path / "my.yaml"
    extension.write_text(
        "countries:\n"
        "  - {code: ATL, names: [Atlantis], demonyms: [Atlantean], capitals: [Poseidonia]}\n"
        "verbs:\n  - {lemma: snub, code: '111'}\n"
    )
    result = runner.invoke(
        main, ["code", "-", "--format", "jsonl", "--dictionary", str(extension)],
        input="Poseidonia snubbed Greece at the summit.",
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["source"]["country"] == "ATL"
    assert record["cameo"] == "111"


def test_a_users_name_wins_over_a_packaged_one_in_any_section(runner, tmp_path):
    # the packaged group "Hamas" (a later section than countries) had beaten a user's country
    # entry of that name without a word
    extension = tmp_path / "my.yaml"
    extension.write_text("countries:\n  - {code: PSE, names: [Hamas]}\n")
    text = "Hamas accused Israel of breaking the truce."
    coded = runner.invoke(main, ["code", "-", "--format", "jsonl", "--dictionary",
                                 str(extension)], input=text)
    assert coded.exit_code == 0, coded.output
    assert json.loads(coded.stdout.splitlines()[0])["source"]["code"] == "PSE"
    packaged = runner.invoke(main, ["code", "-", "--format", "jsonl"], input=text)
    assert json.loads(packaged.stdout.splitlines()[0])["source"]["code"] == "PSEREB"


def test_bad_dictionary_is_a_one_line_error(runner, tmp_path):
    extension = tmp_path / "bad.yaml"
    extension.write_text("verbs:\n  - {lemma: snub, code: '999'}\n")
    result = runner.invoke(main, ["code", "-", "--dictionary", str(extension)], input="x")
    assert result.exit_code == 2
    assert "snub" in result.stderr and "999" in result.stderr


def test_every_command_has_help_with_an_example(runner):
    import click

    def commands(group: click.Group, prefix: list[str]):
        for name, command in group.commands.items():
            yield [*prefix, name]
            if isinstance(command, click.Group):
                yield from commands(command, [*prefix, name])

    paths = [[], *commands(main, [])]
    assert len(paths) >= 14
    for path in paths:
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example" in result.output, path


# Written for this test: ordinary French and Spanish prose, long enough to tell its language.
FRENCH = ("Le ministre a rencontré hier son homologue pour parler de la coopération entre les "
          "deux pays. Les deux gouvernements ont promis de poursuivre le dialogue pendant les "
          "prochains mois, malgré les tensions récentes à la frontière.\n")
SPANISH = ("El gobierno anunció ayer que enviará una delegación a la capital vecina para "
           "negociar un acuerdo sobre el agua. Los dos países quieren cerrar el asunto antes "
           "del invierno, según dijo una portavoz del ministerio.\n")


def test_non_english_input_is_skipped_with_a_reason(runner, tmp_path):
    (tmp_path / "a-english.txt").write_text(ARTICLE)
    (tmp_path / "b-french.txt").write_text(FRENCH)
    (tmp_path / "c-spanish.txt").write_text(SPANISH)
    result = runner.invoke(main, ["code", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["doc_id"] for line in result.stdout.splitlines()} == {"a-english"}
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert len(skipped) == 2
    assert "b-french.txt: language 'fr', not coded" in skipped[0]
    assert "c-spanish.txt: language 'es', not coded" in skipped[1]
    # counted: even a machine-readable run says how many articles it left out
    assert "1 article(s), 2 event(s), 0 input problem(s), 2 skipped (not English)" in (
        result.stderr)


def test_only_non_english_input_says_why_nothing_came_out(runner):
    result = runner.invoke(main, ["code", "-", "--format", "csv"], input=FRENCH)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1  # the header, no rows
    assert "language 'fr', not coded (detente codes English text)" in result.stderr
    assert "0 article(s), 0 event(s), 0 input problem(s), 1 skipped" in result.stderr


def test_english_with_foreign_names_is_still_coded(runner):
    text = ("Le Monde reported that Paris and Madrid signed a water agreement on Tuesday. "
            "France praised Spain for the accord, and Spain thanked France for its patience "
            "during the long talks.")
    result = runner.invoke(main, ["code", "-", "--format", "jsonl"], input=text)
    assert result.exit_code == 0, result.output
    assert "skipped" not in result.stderr
    assert result.stdout.strip()  # coded, not left out


# ---- export: option checks ----------------------------------------------------------------------
@pytest.fixture()
def empty_store(tmp_path) -> str:
    from detente.store import Store

    db = tmp_path / "e.duckdb"
    Store(db).close()
    return str(db)


@pytest.mark.parametrize(("options", "message"), [
    (["--modality", "maybe"], "error: --modality: unknown modality 'maybe' (choose from "
                              "asserted, possible, future, conditional, intended)\n"),
    (["--modality", "asserted,bogus"], "error: --modality: unknown modality 'bogus' (choose "
                                       "from asserted, possible, future, conditional, "
                                       "intended)\n"),
    (["--since", "2002-01-01", "--until", "2001-01-01"],
     "error: --since 2002-01-01 is after --until 2001-01-01: no date is in that range\n"),
])
def test_export_refuses_filters_that_select_nothing(runner, tmp_path, empty_store, options,
                                                    message):
    out = tmp_path / "out"
    result = runner.invoke(main, ["export", str(out), "--db", empty_store, "--format", "csv",
                                  *options])
    assert result.exit_code == 2 and result.stderr == message
    assert not out.exists()  # refused before anything is written


def test_export_warns_on_an_unknown_actor_code(runner, tmp_path, empty_store):
    def export(*options: str):
        # the same folder each time: only the warnings are looked at
        result = runner.invoke(main, ["export", str(tmp_path / "out"), "--db", empty_store,
                                      "--format", "csv", "--force", *options])
        assert result.exit_code == 0, result.output
        return result.stderr

    assert "warning" not in export("--actor", "IRN", "--since", "2001-01-01",
                                   "--until", "2001-01-01", "--modality", "asserted,future")
    assert "warning" not in export("--actor", "irngov", "--source", "IGOUNO", "--target", "EU")
    warned = export("--actor", "ZZZ")
    assert warned.startswith("warning: --actor ZZZ: not a state or IGO code detente knows")
    assert "only events whose actor code starts with ZZZ are selected" in warned
    assert export("--target", "Russia").startswith("warning: --target Russia: not a state")
    assert "did you mean RUS?" in export("--target", "Russia")


@pytest.mark.parametrize("option", ["--actor", "--source", "--target"])
def test_an_empty_actor_code_is_a_usage_error(runner, empty_store, option):
    # a script's empty variable selected every event without a word
    result = runner.invoke(main, ["events", "--db", empty_store, option, ""])
    assert result.exit_code == 2
    assert result.stderr == f"error: {option}: an empty code selects nothing (leave the " \
                            "option out for every actor)\n"


def test_export_keeps_an_existing_file_unless_forced(runner, tmp_path, empty_store):
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "events.csv"
    earlier.write_text("an earlier export, kept\n")
    args = ["export", str(out), "--db", empty_store, "--format", "csv"]
    refused = runner.invoke(main, args)
    assert refused.exit_code == 2
    assert refused.stderr == f"error: {earlier}: already exists; add --force to replace it\n"
    assert earlier.read_text() == "an earlier export, kept\n"
    assert [p.name for p in out.iterdir()] == ["events.csv"]  # no part file left either
    other = runner.invoke(main, [*args[:-1], "jsonl"])  # another format's file is no clash
    assert other.exit_code == 0, other.output
    forced = runner.invoke(main, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert earlier.read_text().startswith("event_id,")


def test_help_of_every_file_writing_command_names_force(runner):
    for command in ("export", "graph", "plot"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "--force" in result.output, command
    assert "--force   # replace out/events.csv" in runner.invoke(main, ["export",
                                                                     "--help"]).output
