"""The packaged CAMEO codebook: completeness, consistency and spot checks against sources."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from detente.codebook import CameoCode, Codebook, load_codebook

ROOTS = [f"{n:02d}" for n in range(1, 21)]

# Sub-codes per root in the CAMEO 1.1b3 manual (3- and 4-digit codes).
MANUAL_COUNTS = {
    "01": 10, "02": 27, "03": 28, "04": 7, "05": 8, "06": 5, "07": 6, "08": 25, "09": 5,
    "10": 27, "11": 12, "12": 26, "13": 22, "14": 26, "15": 6, "16": 13, "17": 13,
    "18": 14, "19": 9, "20": 7,
}  # fmt: skip

PLOVER_QUADS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip


def gdelt_quad(root: str) -> int:
    n = int(root)
    if n <= 5:
        return 1
    if n <= 9:
        return 2
    if n <= 14:
        return 3
    return 4


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return load_codebook()


def test_all_twenty_roots_present_each_with_codes(codebook: Codebook) -> None:
    assert list(codebook.roots) == ROOTS
    for root in ROOTS:
        assert codebook.codes_under(root), f"root {root} has no codes"


def test_code_counts_match_the_manual(codebook: Codebook) -> None:
    counts = {root: len(codebook.codes_under(root)) for root in ROOTS}
    assert counts == MANUAL_COUNTS
    assert len(codebook) == sum(MANUAL_COUNTS.values()) >= 280


def test_every_code_has_a_known_root_prefix(codebook: Codebook) -> None:
    for entry in codebook:
        assert entry.root == entry.code[:2], entry
        assert entry.root in codebook.roots, entry
        assert len(entry.code) in (3, 4) and entry.code.isdigit(), entry


def test_four_digit_codes_sit_under_a_listed_three_digit_code(codebook: Codebook) -> None:
    for entry in codebook:
        if len(entry.code) == 4:
            assert entry.code[:3] in codebook, entry


def test_goldstein_weights_in_range(codebook: Codebook) -> None:
    for entry in codebook:
        assert isinstance(entry.goldstein, float), entry
        assert -10.0 <= entry.goldstein <= 10.0, entry


def test_quad_class_follows_gdelt_root_convention(codebook: Codebook) -> None:
    for entry in codebook:
        assert entry.quad_class == gdelt_quad(entry.root), entry


def test_plover_types_are_the_sixteen_with_their_quads(codebook: Codebook) -> None:
    assert dict(codebook.plover_types) == PLOVER_QUADS
    for entry in codebook:
        assert entry.plover in PLOVER_QUADS, entry


def test_every_plover_type_is_used(codebook: Codebook) -> None:
    used = {entry.plover for entry in codebook}
    assert used == set(PLOVER_QUADS)


def test_names_are_short_and_unique(codebook: Codebook) -> None:
    names = [entry.name for entry in codebook]
    assert len(set(names)) == len(names)
    for name in names:
        assert name and "not specified below" not in name


# Facts checked against the CAMEO 1.1b3 manual (names), GDELT's CAMEO.goldsteinscale.txt
# (weights) and openeventdata/PLOVER CAMEO2PLOVER-2021.txt (PLOVER; DEMAND named REQUEST).
@pytest.mark.parametrize(
    ("code", "name", "goldstein", "plover"),
    [
        ("012", "Make pessimistic comment", -0.4, None),
        ("0311", "Express intent to cooperate economically", 5.2, "AGREE"),
        ("043", "Host a visit", 2.8, "CONSULT"),
        ("057", "Sign formal agreement", 8.0, "SUPPORT"),
        ("072", "Provide military aid", 8.3, "AID"),
        ("0811", "Ease restrictions on political freedoms", 5.0, "CONCEDE"),
        ("0813", "Ease curfew", 5.0, "RETREAT"),
        ("0874", "Retreat or surrender militarily", 10.0, "RETREAT"),
        ("094", "Investigate war crimes", -2.0, "ACCUSE"),
        ("107", "Demand settling of dispute", -5.0, "REQUEST"),
        ("1125", "Accuse of espionage, treason", -2.0, "ACCUSE"),
        ("129", "Veto", -5.0, "REJECT"),
        ("130", "Threaten", -4.4, "THREATEN"),
        ("145", "Protest violently, riot", -7.5, "PROTEST"),
        ("163", "Impose embargo, boycott, or sanctions", -8.0, "COERCE"),
        ("1712", "Destroy property", -9.2, "ASSAULT"),
        ("182", "Physically assault", -9.5, "ASSAULT"),
        ("1823", "Kill by physical assault", -10.0, "ASSAULT"),
        ("190", "Use conventional military force", -10.0, "ASSAULT"),
        ("191", "Impose blockade, restrict movement", -9.5, "COERCE"),
        ("2042", "Detonate nuclear weapons", -10.0, "ASSAULT"),
    ],
)
def test_spot_checks(
    codebook: Codebook, code: str, name: str, goldstein: float, plover: str | None
) -> None:
    entry = codebook.get(code)
    assert entry.code == code
    assert entry.name == name
    assert entry.goldstein == goldstein
    if plover is not None:
        assert entry.plover == plover


def test_only_retreat_or_surrender_scores_plus_ten(codebook: Codebook) -> None:
    assert [e.code for e in codebook if e.goldstein == 10.0] == ["0874"]


def test_root_and_quad_names(codebook: Codebook) -> None:
    assert codebook.root_name("01") == "Make public statement"
    assert codebook.root_name("19") == "Fight"
    assert codebook.quad_class_name(1) == "verbal cooperation"
    assert codebook.quad_class_name(4) == "material conflict"
    with pytest.raises(KeyError):
        codebook.root_name("21")
    with pytest.raises(KeyError):
        codebook.quad_class_name(5)


def test_get_unknown_code_raises_key_error(codebook: Codebook) -> None:
    for bad in ("999", "0875", "19", "", "10"):
        with pytest.raises(KeyError, match="unknown CAMEO event code"):
            codebook.get(bad)


def test_leading_zeros_are_kept(codebook: Codebook) -> None:
    assert "010" in codebook
    assert "10" not in codebook
    assert 10 not in codebook
    assert codebook.get("010").root == "01"


def test_iteration_yields_codes_in_file_order(codebook: Codebook) -> None:
    entries = list(codebook)
    assert all(isinstance(e, CameoCode) for e in entries)
    assert entries[0].code == "010"
    assert entries[-1].code == "2042"


def test_codes_under_returns_only_that_root(codebook: Codebook) -> None:
    fight = [e.code for e in codebook.codes_under("19")]
    assert fight == ["190", "191", "192", "193", "194", "195", "1951", "1952", "196"]
    with pytest.raises(KeyError):
        codebook.codes_under("00")


def test_loaded_once_and_immutable(codebook: Codebook) -> None:
    assert load_codebook() is codebook
    with pytest.raises(dataclasses.FrozenInstanceError):
        codebook.get("190").goldstein = 0.0
    with pytest.raises(TypeError):
        codebook.codes["999"] = codebook.get("190")


def minimal_document(**code: Any) -> dict[str, Any]:
    entry = {"code": "190", "name": "Use conventional military force", "goldstein": -10.0}
    entry["plover"] = "ASSAULT"
    entry.update(code)
    return {
        "quad_classes": {4: "material conflict"},
        "plover_types": {"ASSAULT": 4},
        "roots": {"19": {"name": "Fight", "quad_class": 4}},
        "codes": [entry],
    }


def test_minimal_document_loads() -> None:
    codebook = Codebook.from_mapping(minimal_document())
    assert codebook.get("190").quad_class == 4


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"code": "210"}, "210"),
        ({"goldstein": 10.5}, "190"),
        ({"goldstein": -11}, "190"),
        ({"goldstein": "high"}, "190"),
        ({"plover": "DEMAND"}, "190"),
        ({"code": 190}, "190"),
    ],
)
def test_invalid_code_is_rejected_naming_it(override: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Codebook.from_mapping(minimal_document(**override))


def test_duplicate_code_is_rejected() -> None:
    document = minimal_document()
    document["codes"].append(dict(document["codes"][0]))
    with pytest.raises(ValueError, match="190: listed twice"):
        Codebook.from_mapping(document)
