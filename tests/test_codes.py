"""detente's actor codes cannot be read as CAMEO's: the European Union is EU, and EUR stays
CAMEO's (and GDELT's and PETRARCH's) region Europe.

One list of IGOs (actors.yaml), PETRARCH's spellings beside it (phoenix.yaml), read both ways; a
store written when the EU was EUR is migrated when opened; EUR typed in a filter reads as EU,
with a note.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import warnings

import duckdb
import pytest
from click.testing import CliRunner

from detente.actors.lexicon import (
    RETIRED_CODES,
    code_of_known_actor,
    igo_codes,
    retired_code,
    state_and_igo_codes,
)
from detente.cli import main
from detente.datafiles import read_packaged
from detente.model import EVENT_COLUMNS, TRANSFER_COLUMNS
from detente.petrarch import igo_code, petrarch_igo_codes
from detente.store import SCHEMA_VERSION, EventFilter, Store, StoredArticle

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note on its test client, as in test_web
    from fastapi.testclient import TestClient


def test_no_detente_code_is_a_cameo_region_or_a_retired_code():
    regions = {code for code, ours in read_packaged("gdelt.yaml")["cameo_countries"].items()
               if ours is None}
    assert "EUR" in regions and "EU" in igo_codes()
    assert not regions & state_and_igo_codes()
    assert not set(RETIRED_CODES) & state_and_igo_codes()
    assert all(new in state_and_igo_codes() for new, _ in RETIRED_CODES.values())


def test_petrarch_spellings_name_only_detentes_igos_and_read_back():
    assert set(read_packaged("phoenix.yaml")["igos"]) <= igo_codes()  # no stale code (EUR)
    spelled = petrarch_igo_codes()
    assert set(spelled) == igo_codes()
    assert (spelled["EU"], spelled["NAT"], spelled["GCC"]) == ("IGOEUREEC", "IGOWSTNAT", "IGOGCC")
    for code, petrarch in spelled.items():
        assert igo_code(petrarch[3:]) == code
    # PETRARCH's EUR is the region: the EBRD (IGOEURDEVEBR) is not the EU, nor is "IGOEUR"
    assert igo_code("EURDEVEBR") == "EURDEVEBR" and igo_code("EUR") == "EUR"


def test_the_european_union_is_coded_eu(coder):
    events = coder.code_text("The European Union condemned Hungary over the new law.",
                             date="2021-06-01")
    assert [(e.source.country, e.source.code, e.target.country) for e in events] == [
        ("EU", "IGOEU", "HUN")]


def test_an_igos_people_carry_the_igos_code(coder):
    # the body, its head by name and its envoy by title: one code, the sector apart, so that a
    # query or a dyad of the IGO finds its people too
    text = ("NATO Secretary General Mark Rutte warned Russia on Friday. "
            "The alliance's envoy condemned Russia. NATO also criticized Belarus.")
    events = coder.code_text(text, date="2025-03-07")
    sources = {(e.source.code, e.source.country, e.source.kind) for e in events}
    assert ("IGONAT", "NAT", "person") in sources and ("IGONAT", "NAT", "igo") in sources
    assert not any(code.startswith("NAT") for code, _, _ in sources)
    people = [e.source for e in events if e.source.kind == "person"]
    assert people and all(p.sector == "GOV" for p in people)


@pytest.mark.parametrize(("day", "sector"), [
    ("1999-06-01", "GOV"),  # held Kabul
    ("2011-06-01", "REB"),  # an insurgency
    ("2023-06-01", "GOV"),  # governs again
])
def test_a_group_that_came_to_govern_has_the_sector_of_the_articles_date(coder, day, sector):
    events = coder.code_text("The Taliban accused Pakistan of shelling three border villages.",
                             date=day)
    assert [(e.source.code, e.source.sector, e.target.country) for e in events] == [
        ("AFG" + sector, sector, "PAK")]


@pytest.mark.parametrize(("text", "day", "code"), [
    # the office noun had made every group's people its state's government
    ("M23 officials accused Rwanda of breaking the truce.", "2024-05-01", "CODREB"),
    ("Hamas spokesman Omar Nasser accused Israel of breaking the truce.", "2024-05-01",
     "PSEREB"),
    ("A Taliban spokesman accused Pakistan of shelling border villages.", "2019-05-01",
     "AFGREB"),
    # a group that governs on the article's date: the office noun names the organ
    ("A Taliban spokesman accused Pakistan of shelling border villages.", "2023-05-01",
     "AFGGOV"),
    # a state's own people keep the office noun's sector
    ("Chilean officials accused Peru of breaking the truce.", "2024-05-01", "CHLGOV"),
])
def test_people_of_a_group_outside_the_state_carry_the_groups_sector(coder, text, day, code):
    events = coder.code_text(text, date=day)
    assert [e.source.code for e in events] == [code]


@pytest.mark.parametrize(("text", "day", "code"), [
    # a possessive that refers to the group ("its", "the rebels'"): the office noun had made
    # the group's people its state's government, as "M23 officials" no longer are
    ("M23 seized a border town on Monday. Its spokesman accused Rwanda of lying.",
     "2024-05-01", "CODREB"),
    ("M23 seized a border town on Monday. The rebels' spokesman accused Rwanda of lying.",
     "2024-05-01", "CODREB"),
    ("The Taliban seized a district on Monday. Its spokesman accused Pakistan of shelling "
     "border villages.", "2019-05-01", "AFGREB"),
    # of a group that governs on the article's date, the office noun still names the organ
    ("The Taliban seized a district on Monday. Its spokesman accused Pakistan of shelling "
     "border villages.", "2023-05-01", "AFGGOV"),
    # a state's own people keep the office noun's sector
    ("Russia massed troops near the border on Monday. Its spokesman accused Ukraine of "
     "provocations.", "2024-05-01", "RUSGOV"),
])
def test_people_of_a_group_named_by_a_possessive_carry_the_groups_sector(coder, text, day,
                                                                        code):
    events = coder.code_text(text, date=day)
    assert [e.source.code for e in events if e.cameo_root == "11"] == [code]


@pytest.mark.parametrize(("text", "code"), [
    # a group named on a participle other than an owning one is the holder's backer or ally,
    # not the holder's group: these had become the group's (LBNREB, CODREB) since the people
    # of a group carry its sector
    ("Hezbollah-allied President Michel Haddad accused Israel of violating the ceasefire.",
     "LBNGOV"),
    ("Hezbollah-aligned lawmaker Ali Haidar accused Israel of violating the ceasefire.",
     "LBNLEG"),
    ("The M23-backed governor Jean Doe accused Rwanda of lying.", "CODGOV"),
    # an owning participle: the group runs the office ("a Greek-owned ship" is Greece's)
    ("The Taliban-appointed governor Ahmad Wali accused Pakistan of shelling border "
     "villages in 2019.", "AFGREB"),
    ("Hamas-run police accused Israel of killing civilians.", "PSEREB"),
])
def test_a_group_that_backs_a_titled_person_is_not_the_persons_group(coder, text, code):
    events = coder.code_text(text, date="2019-05-01" if "2019" in text else "2024-05-01")
    assert [e.source.code for e in events] == [code]


def test_a_named_spokesman_of_a_groups_pronoun_is_the_groups(coder):
    # "its spokesman, Omar Nasser" after Hamas: the person had been PSEGOV, the Palestinian
    # government, where "Hamas spokesman Omar Nasser" is PSEREB
    text = "Hamas fired rockets on Monday. Its spokesman, Omar Nasser, accused Egypt of betrayal."
    analysis = coder.analyse(coder.nlp(text), "hamas", "2024-05-01")
    assert [(p.name, p.code) for p in analysis.people] == [("Omar Nasser", "PSEREB")]
    assert [e.source.code for e in analysis.events] == ["PSEREB"]


@pytest.mark.parametrize(("text", "code"), [
    # since ce61680 a party's ministers and lawmakers had been the party's (ISRPTY, INDPTY)
    ("Likud ministers accused Iran of arming militants.", "ISRGOV"),
    ("BJP lawmakers accused Pakistan of arming militants.", "INDLEG"),
    # the party's own office stays the party's
    ("An ANC spokesman accused Zimbabwe of harassing traders.", "ZAFPTY"),
])
def test_a_partys_people_in_a_state_office_hold_it_in_the_state(coder, text, code):
    events = coder.code_text(text, date="2024-05-01")
    assert [e.source.code for e in events] == [code]


def test_a_party_official_named_after_his_title_is_the_partys(coder):
    text = ("Jonas Mbeki, the ANC information director, said the newspaper had "
            "misquoted him.")
    people = coder.analyse(coder.nlp(text), "party", "2024-05-01").people
    assert [(p.name, p.code) for p in people] == [("Jonas Mbeki", "ZAFPTY")]


def test_a_groups_dated_sector_that_is_no_date_is_one_line(tmp_path):
    from detente.actors.lexicon import load_actor_lexicon
    from detente.datafiles import DictionaryError

    extension = {"groups": [{"names": ["Northern Front"], "country": "ETH", "sector": "REB",
                             "since": {"spring 2020": "GOV"}}]}
    with pytest.raises(DictionaryError, match="'spring 2020' in 'since' is no date"):
        load_actor_lexicon([extension])
    path = tmp_path / "fronts.yaml"
    path.write_text("groups:\n  - {names: [Northern Front], country: ETH, sector: REB,\n"
                    "     since: {spring 2020: GOV}}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["code", "-", "--date", "2023-01-01", "--dictionary",
                                       str(path)], input="Eritrea warned Ethiopia.\n")
    assert result.exit_code == 2
    assert str(path) in result.stderr and "'since' must be a mapping of YYYY-MM-DD dates" \
        in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_users_group_with_dated_sectors_is_read_from_yaml(tmp_path):
    from detente.coder import Coder

    # YAML reads the dates as dates, keys of a mapping (the run's dictionary fingerprint,
    # made of the file's data, once failed on such a key)
    path = tmp_path / "fronts.yaml"
    path.write_text("groups:\n  - {names: [Northern Front], country: ETH, sector: REB,\n"
                    "     since: {2020-01-01: GOV}}\n", encoding="utf-8")
    coder = Coder(dictionaries=[path])
    text = "The Northern Front accused Eritrea of shelling villages."
    assert [e.source.code for e in coder.code_text(text, date="2023-01-01")] == ["ETHGOV"]
    assert [e.source.code for e in coder.code_text(text, date="2019-01-01")] == ["ETHREB"]


def test_retired_codes_read_as_their_new_code_with_a_note():
    assert retired_code("eur")[0] == "EU" and "European Union" in retired_code("EUR")[1]
    assert retired_code("IRN") == ("IRN", None)
    assert code_of_known_actor("EUGOV") and code_of_known_actor("IRNMIL")
    assert not code_of_known_actor("EURGOV")  # CAMEO's Europe and a sector, not the EU


def row(event_id: str, origin: str = "detente", **values) -> dict:
    record = dict.fromkeys(EVENT_COLUMNS)
    record.update(event_id=event_id, origin=origin, date=dt.date(2021, 5, 3),
                  sentence="Sentence.", source_text="Hungary", source_code="HUN",
                  source_country="HUN", target_text="Russia", target_code="RUS",
                  target_country="RUS", cameo="112", cameo_root="11", quad_class=3,
                  goldstein=-2.0, modality="asserted")
    record.update(values)
    return record


@pytest.fixture
def old_store(tmp_path):
    """A store as detente-store/3 wrote it: the EU coded EUR (CAMEO's Europe)."""
    path = tmp_path / "old.duckdb"
    transfer = dict.fromkeys(TRANSFER_COLUMNS)
    transfer.update(transfer_id="t1", supplier_code="IGOEUR", supplier_country="EUR",
                    recipient_code="UKR", recipient_country="UKR", currency="EUR",
                    value=5e8)
    with Store(path) as store:
        store.add_articles([StoredArticle(
            row={"article_id": "a1", "source": "Wire", "date": dt.date(2021, 5, 3)},
            people=[{"article_id": "a1", "name": "Josep Borrell", "country": "EUR",
                     "sector": "GOV", "code": "EURGOV"}],
            transfers=[transfer])])
        store.add_events([
            row("e1", source_code="EURGOV", source_country="EUR", source_kind="person",
                source_sector="GOV", target_code="HUN", target_country="HUN"),
            row("e2", target_code="IGOEUR", target_country="EUR", target_kind="igo"),
            # GDELT's own codes stay: its Europe (no country) and its EU (IGOEUREEC)
            row("gdelt-1", "gdelt", source_code="EUR", source_country=None),
            row("gdelt-2", "gdelt", source_code="IGOEUREEC", source_country="EUR"),
        ])
        store.con.execute("UPDATE meta SET value = 'detente-store/3' WHERE key = 'schema'")
    return path


def stored(path) -> dict:
    con = duckdb.connect(str(path), read_only=True)
    try:
        def rows(sql: str) -> list[tuple]:
            return con.execute(sql).fetchall()

        return {
            "schema": rows("SELECT value FROM meta WHERE key = 'schema'")[0][0],
            "events": rows("SELECT event_id, source_code, source_country, target_code, "
                           "target_country FROM events ORDER BY event_id"),
            "actors": rows("SELECT event_id, event_role, code, country FROM actors "
                           "WHERE country IS NULL OR country NOT IN ('HUN', 'RUS') "
                           "ORDER BY event_id"),
            "people": rows("SELECT code, country FROM people"),
            "transfers": rows("SELECT supplier_code, supplier_country, currency "
                              "FROM arms_transfers"),
        }
    finally:
        con.close()


def test_opening_an_old_store_migrates_it_once(old_store):
    with Store(old_store, read_only=True) as store:  # a read-only command upgrades it too
        assert store.count("events") == 4
    after = stored(old_store)
    assert after["schema"] == SCHEMA_VERSION
    assert after["events"] == [
        ("e1", "IGOEU", "EU", "HUN", "HUN"),  # EURGOV -> EUGOV (store/4) -> IGOEU (6)
        ("e2", "HUN", "HUN", "IGOEU", "EU"),
        ("gdelt-1", "EUR", None, "RUS", "RUS"),
        ("gdelt-2", "IGOEUREEC", "EU", "RUS", "RUS"),
    ]
    assert after["actors"] == [("e1", "source", "IGOEU", "EU"), ("e2", "target", "IGOEU", "EU"),
                               ("gdelt-1", "source", "EUR", None),
                               ("gdelt-2", "source", "IGOEUREEC", "EU")]
    assert after["people"] == [("IGOEU", "EU")]
    assert after["transfers"] == [("IGOEU", "EU", "EUR")]  # the euro stays the euro
    with Store(old_store) as store:  # opened again, for writing: nothing more to do
        assert store.count("events") == 4
    assert stored(old_store) == after


def test_an_old_store_another_process_reads_is_left_as_it_is(old_store):
    # upgrading needs a writable connection, which DuckDB refuses while another process has
    # the file open: one line says so, and the file is untouched
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(old_store)!r}, "
         "read_only=True); print('ready', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = subprocess.run(
            [sys.executable, "-m", "detente.cli", "events", "--db", str(old_store)],
            capture_output=True, text=True, timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "made by an older detente (detente-store/3)" in result.stderr
    assert stored(old_store)["schema"] == "detente-store/3"


def test_eur_in_a_filter_finds_the_eu_with_a_note(old_store):
    runner = CliRunner()

    def ids(*args: str) -> tuple[set[str], str]:
        result = runner.invoke(main, ["events", "--db", str(old_store), "--format", "jsonl",
                                      *args])
        assert result.exit_code == 0, result.output
        return {json.loads(line)["event_id"] for line in result.stdout.splitlines()}, \
            result.stderr

    eu, quiet = ids("--actor", "EU")
    assert eu == {"e1", "e2", "gdelt-2"} and "note" not in quiet  # not GDELT's Europe
    assert ids("--actor", "EUR") == (eu, "note: --actor EUR: EUR is read as EU: detente codes "
                                         "the European Union EU (EUR is CAMEO's code for the "
                                         "region Europe)\n")
    assert ids("--source", "eugov")[0] == {"e1"}
    people = runner.invoke(main, ["people", "--db", str(old_store), "--country", "EUR",
                                  "--format", "json"])
    assert people.exit_code == 0 and "Josep Borrell" in people.stdout


def test_two_letter_codes_are_no_code_prefix(old_store):
    with Store(old_store, read_only=True) as store:
        assert {r["event_id"] for r in store.events(EventFilter(actor="EU"))} == {
            "e1", "e2", "gdelt-2"}
        assert {r["event_id"] for r in store.events(EventFilter(actor="EUR"))} == {"gdelt-1"}
        assert {r["event_id"] for r in store.events(EventFilter(dyad=("HUN", "eu")))} == {
            "e1", "e2"}


def test_web_reads_eur_as_the_eu_and_says_so(old_store):
    from detente.web import create_app

    client = TestClient(create_app(str(old_store)))
    body = client.get("/api/events", params={"actor": "EUR"}).json()
    assert {e["event_id"] for e in body["events"]} == {"e1", "e2", "gdelt-2"}
    assert any("EUR is read as EU" in w for w in body["warnings"])
    assert client.get("/api/events", params={"source": "EUGOV"}).json()["warnings"] == []
    assert client.get("/api/transfers", params={"supplier": "EUR"}).json()["total"] == 1


def test_a_store_of_version_5_gives_an_igos_people_its_code(tmp_path):
    path = tmp_path / "five.duckdb"
    with Store(path) as store:
        store.add_articles([StoredArticle(
            row={"article_id": "a1", "source": "Wire", "date": dt.date(2024, 5, 3)},
            people=[{"article_id": "a1", "name": "Antonio Guterres", "country": "UNO",
                     "sector": "GOV", "code": "UNOGOV"}])])
        store.add_events([
            row("e1", source_code="UNOGOV", source_country="UNO", source_sector="GOV",
                source_kind="person"),
            row("e2", target_code="IGOUNO", target_country="UNO", target_kind="igo"),
            # an imported event keeps its file's code
            row("g1", "gdelt", source_code="UNOGOV", source_country="UNO", source_sector="GOV"),
        ])
        store.con.execute("UPDATE meta SET value = 'detente-store/5' WHERE key = 'schema'")
    with Store(path, read_only=True) as store:
        assert store.count("events") == 3
    after = stored(path)
    assert after["schema"] == SCHEMA_VERSION
    assert [e[:2] for e in after["events"]] == [("e1", "IGOUNO"), ("e2", "HUN"),
                                                ("g1", "UNOGOV")]
    assert after["people"] == [("IGOUNO", "UNO")]
    with Store(path, read_only=True) as store:
        def sources(code: str) -> set[str]:
            return {r["event_id"] for r in store.events(EventFilter(source=code))}

        # IGOUNO and UNO find the body's people; UNOGOV, as before, its people in that sector
        assert sources("IGOUNO") == {"e1"} and sources("UNO") == {"e1", "g1"}
        assert sources("UNOGOV") == {"e1", "g1"}
        assert sources("UNOMIL") == set()


def test_the_people_of_an_igo_a_user_adds_carry_its_code(tmp_path):
    from detente.coder import Coder

    path = tmp_path / "alliance.yaml"
    path.write_text("igos:\n  - {code: ZZA, names: [Zarovian Alliance]}\npeople:\n"
                    "  - name: Mara Quell\n    country: ZZA\n    sector: GOV\n"
                    "    terms: [{role: Secretary-General, from: 2020-01-01, to: null}]\n",
                    encoding="utf-8")
    coder = Coder(dictionaries=[path])
    codes = [(e.source.code, e.source.kind) for text in (
        "The Zarovian Alliance condemned Russia.", "Mara Quell condemned Russia on Monday.")
        for e in coder.code_text(text, date="2023-06-01")]
    assert codes == [("IGOZZA", "igo"), ("IGOZZA", "person")]
