"""Session 36's adversarial pass over the web dashboard and API, the `--dictionary` files and
the query and export commands (docs/history/robustness.md, "Session 36"). Each test of a fault
failed before its fix; inputs are written for the project."""

from __future__ import annotations

import contextlib
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from detente import extension_check
from detente.actors.lexicon import MAX_NAME_WORDS
from detente.coder import Coder
from detente.datafiles import DictionaryError, read_user_dictionaries
from detente.reading import CasingNormaliser


class TooSlow(Exception):
    """A call ran past the seconds a test gave it."""


@contextlib.contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail the block when it runs longer than ``seconds`` (a SIGALRM interrupts Python's
    regular expressions and spaCy's tokenizer, which calls them): a fault that costs hours
    fails the test in seconds instead of holding the run."""
    def stop(signum, frame):
        raise TooSlow(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---- reading a posted text: the cost of the casing tests and the tokenizer -----------------
def test_a_line_of_dotted_numbers_is_read_in_linear_time():
    # The Title Case test read "1.2.3" as one number or several in every way it could: a line
    # opening with 21 dotted numbers took 0.5 s, each two more numbers four times that, and a
    # version list of 60 held `POST /api/code` (and its coder, for every later request) for ever
    line = ("Versions " + ".".join(str(n) for n in range(1, 60))
            + " were tested on the new kit.\n")
    normaliser = CasingNormaliser()
    started = time.perf_counter()
    with within(5):
        copy = normaliser.normalise(line * 50)
    assert copy == line * 50  # nothing in it to recase
    assert time.perf_counter() - started < 1


def test_a_long_run_of_capitals_is_read_in_linear_time():
    # The cheap test for shouted copy tried every start inside a run of capitals: 20,000 took
    # 4.7 s, the 200 kB a posted article may be some 8 minutes
    normaliser = CasingNormaliser()
    started = time.perf_counter()
    with within(5):
        normaliser.normalise("A" * 200_000)
        normaliser.normalise("Chile accused Peru. " + "B" * 100_000 + "c")
    assert time.perf_counter() - started < 1


def test_a_long_run_of_underscores_is_tokenized_in_linear_time(coder: Coder):
    # spaCy peels punctuation off a word one mark at a time, rescanning what is left: runs of
    # symbols are cut every 20th mark for that reason, but "_" is a word character to Python
    # and was left whole (8,000 underscores took 8.7 s, 199,000 would take hours)
    for run in ("_" * 50_000, "_." * 25_000, "=_" * 25_000):
        text = f"Chile accused Peru of spying. {run} Peru denied it."
        started = time.perf_counter()
        with within(10):
            doc = coder.nlp.tokenizer(text)
        assert time.perf_counter() - started < 3
        words = [token.text for token in doc]
        assert words[:6] == ["Chile", "accused", "Peru", "of", "spying", "."]
        assert words[-4:] == ["Peru", "denied", "it", "."]


# ---- --dictionary files --------------------------------------------------------------------
def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(*paths: Path) -> str:
    """The one line a set of dictionaries is refused with."""
    with pytest.raises(DictionaryError) as caught:
        read_user_dictionaries(list(paths))
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(("entry", "field", "capitals"), [
    ("countries:\n  - {code: zrl, names: [Zorland]}\n", "'code'", "ZRL"),
    ("groups:\n  - {names: [Zorl Front], country: Zrl, sector: REB}\n", "'country'", "ZRL"),
    ("groups:\n  - {names: [Zorl Front], country: ZRL, sector: reb}\n", "'sector'", "REB"),
    ("stateless:\n  - {names: [Zorl Brigade], code: imgZRL}\n", "'code'", "IMGZRL"),
    ("agents:\n  - {words: [zorlman], sector: mil}\n", "'sector'", "MIL"),
    ("groups:\n  - {names: [Zorl Front], country: ZRL, sector: REB, since: {2021-08-15: gov}}\n",
     "'since'", None),
    ("countries:\n  - {code: ZRL, names: [Zorland], also: [{country: per}]}\n", "'also'", None),
    ("people:\n  - name: Ana Zorl\n    terms: [{role: President, country: zrl}]\n", "'terms'",
     None),
])
def test_a_code_in_small_letters_is_refused_naming_its_entry(tmp_path, entry, field, capitals):
    # Codes were taken as written: "code: zrl" coded "Zorland accused Peru" as zrl -> PER,
    # stored so, and every query reads codes in capitals (`events --actor zrl` found nothing,
    # `plot --dyad zrl-PER` "unknown country code 'ZRL'"); a sector "reb" made CHLreb
    path = write(tmp_path, "mine.yaml", entry)
    message = refusal(path)
    assert message.startswith(f"{path}: section ") and field in message
    assert "capital" in message
    if capitals:
        assert f"({capitals})" in message


def test_codes_and_sectors_in_capitals_are_read_as_before(tmp_path):
    path = write(tmp_path, "mine.yaml", (
        "countries:\n  - {code: ZRL, names: [Zorland], also: [{country: PER, sector: GOV}]}\n"
        "groups:\n  - {names: [Zorl Front], country: ZRL, sector: REB,"
        " since: {2021-08-15: GOV}}\n"
        "  - {names: [Zorl Guard], country: ZRL, sector: ''}\n"
        "stateless:\n  - {names: [Zorl Brigade], code: IMGZRL2}\n"
        "agents:\n  - {words: [zorlman], sector: MIL}\n"))
    assert read_user_dictionaries([path])[0]["countries"][0]["code"] == "ZRL"


@pytest.mark.parametrize("entry", [
    "PERU [PER 991399-000000]\n",  # no 13th month
    "PERU [PER 991231-990101]\n",  # ends before it starts
    "PERU\n [PER 991399-991231]\n",  # the role on a line of its own
    "PERU\n [P!R 990101-991231]\n",  # no code
    "PERU\n [PER 990101-\n",  # no restriction
])
def test_a_name_whose_every_dated_role_is_refused_is_left_out(tmp_path, entry):
    # The refused role was a problem line ("bad date ..."), but its name stayed in the file as
    # a phrase naming no actor, and a user's name wins over the packaged tables: "Peru" coded
    # nothing any more, and "Chile accused Peru" lost its event
    path = write(tmp_path, "mine.actors.txt", entry + "ZORLAND [ZRL]\n")
    sections = read_user_dictionaries([path])[0]
    named = [name for section in ("stateless", "countries", "groups", "people")
             for item in sections.get(section) or []
             for name in item.get("names") or [item.get("name")]]
    assert "Peru" not in named and "Zorland" in named
    report = sections["petrarch"]
    assert report["counts"]["malformed lines skipped"] == 1
    assert report["problems"][0].startswith(f"{path}:")
    assert report["counts"]["names whose every dated role was refused, left out"] == 1


def test_the_packaged_name_codes_when_the_users_roles_for_it_are_refused(tmp_path):
    path = write(tmp_path, "mine.actors.txt", "PERU [PER 991399-000000]\n")
    events = Coder(dictionaries=[path]).code_text("Chile accused Peru of spying.",
                                                  date="2021-05-04")
    assert [(e.source.code, e.cameo, e.target.code) for e in events] == [("CHL", "112", "PER")]


# The coder holds every name of the user's dictionaries in its phrase matcher, some 400-650
# bytes a word and 4 kB a name: a 45 MB YAML file of one name of 15 million words took 68 s
# and 8.5 GB before the first article, 900,000 short names 91 s and 2.2 GB, and a 5.4 MB
# PETRARCH file of 3,000 names of 600 words 30 s and 2.1 GB (its 64 MB limit, some 25 GB).
def test_yaml_names_of_more_words_than_a_file_may_hold_are_refused(tmp_path):
    name = " ".join(["Z"] * 600)  # 1,199 characters
    entries = "".join(f"  - {{code: Z{n}, names: ['Zorl{n} {name}']}}\n" for n in range(1_700))
    path = write(tmp_path, "mine.yaml", "countries:\n" + entries)
    started = time.perf_counter()
    message = refusal(path)
    assert time.perf_counter() - started < 5
    assert message.startswith(f"{path}: section 'countries', entry 1664 (")
    assert f"more than {MAX_NAME_WORDS:,} words" in message


def test_a_yaml_name_longer_than_any_line_is_refused(tmp_path):
    path = write(tmp_path, "mine.yaml", "groups:\n  - {names: [Zorl Front], country: ZRL}\n"
                 f"  - {{names: [Zorl Guard, '{'Z' * 5_000}'], country: ZRL}}\n")
    message = refusal(path)
    assert message.startswith(f"{path}: section 'groups', entry 2 (")
    assert "5,000 characters" in message and "2,000" in message


@pytest.fixture()
def few_names(monkeypatch):
    monkeypatch.setattr(extension_check, "MAX_ACTOR_NAMES", 20)
    monkeypatch.setattr(extension_check, "MAX_NAME_WORDS", 60)


@pytest.mark.parametrize(("sections", "what"), [
    ("countries:\n" + "".join(f"  - {{code: ZR{n}, names: [Zorland {n}], demonyms: [Zorl{n}],"
                              f" capitals: [Zorl City {n}]}}\n" for n in range(8)), "names"),
    ("people:\n" + "".join(f"  - {{name: Zorl{n}, aliases: [Zo{n}]}}\n" for n in range(11)),
     "names"),
    ("not_actors: [" + ", ".join(f"Zorl Sea {n}" for n in range(21)) + "]\n", "names"),
    ("stateless:\n  - names: ['" + " ".join(["Zorl"] * 61) + "']\n", "words"),
    ("igos:\n  - {code: ZIG, names: ['" + "-".join(["Zorl"] * 31) + "']}\n", "words"),
])
def test_every_section_of_names_counts_against_the_files_limits(tmp_path, few_names,
                                                                  sections, what):
    message = refusal(write(tmp_path, "mine.yaml", sections))
    assert f"more than {20 if what == 'names' else 60} {what}" in message


def test_names_within_the_limits_are_read(tmp_path, few_names):
    path = write(tmp_path, "mine.yaml", "countries:\n  - {code: ZRL, names: [Zorland],"
                 " seats: [{name: Zorl Palace, sector: GOV}]}\n")
    assert read_user_dictionaries([path])[0]["countries"][0]["code"] == "ZRL"


def test_a_petrarch_file_of_long_names_is_refused_at_the_line_past_the_limit(tmp_path):
    lines = ["_".join([f"ZORL{n}"] + ["ZA"] * 600) + f" [ZR{n % 10}]" for n in range(700)]
    path = write(tmp_path, "long.actors.txt", "\n".join(lines) + "\n")
    started = time.perf_counter()
    message = refusal(path)
    assert time.perf_counter() - started < 10
    assert re.match(re.escape(str(path)) + r":\d+: the file makes more than 1,000,000 words of "
                    "actor names", message)
