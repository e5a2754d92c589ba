"""Arms-transfer records on sentences written for these tests, one behaviour each."""

from __future__ import annotations

import json

import pytest

from detente.coder import Coder
from detente.datafiles import read_packaged
from detente.events.arms import (
    Equipment,
    Transfer,
    catalogue,
    find_equipment,
    find_transfers,
)
from detente.model import Event


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def equipment_of(coder: Coder, text: str) -> list[Equipment]:
    doc = coder.nlp(text)
    return [item for sent in doc.sents for item in find_equipment(sent)]


def transfers_of(coder: Coder, text: str) -> list[Transfer]:
    doc = coder.nlp(text)
    events = coder.code_doc(doc, "t", "2001-10-05")
    # the date is passed as well: a sentence the coder codes nothing in carries no date
    return find_transfers(doc, events, "t", date="2001-10-05")


def coded(coder: Coder, text: str) -> tuple[list[tuple], list[Transfer]]:
    """The coder's events as (source country, target country, CAMEO), and the transfers."""
    doc = coder.nlp(text)
    events: list[Event] = coder.code_doc(doc, "t", "2001-10-05")
    dyads = [(e.source.country, e.target.country, e.cameo) for e in events]
    return dyads, find_transfers(doc, events, "t", date="2001-10-05")


def only(transfers: list[Transfer]) -> Transfer:
    assert len(transfers) == 1, [t.to_dict() for t in transfers]
    return transfers[0]


def countries(transfer: Transfer) -> tuple[str | None, str | None]:
    supplier, recipient = transfer.supplier, transfer.recipient
    return (supplier["country"] if supplier else None, recipient["country"] if recipient else None)


# ---- the vocabulary ---------------------------------------------------------------------------

def test_transfer_vocabulary_comes_from_the_equipment_table():
    table = read_packaged("equipment.yaml")
    for key, words in table["transfers"].items():
        items = words if isinstance(words, list) else list(words)
        assert items and all(isinstance(w, str) for w in items), key  # "on" must be quoted
    assert all(isinstance(w, str) for w in table["gap_stopwords"])
    cat = catalogue()
    words = cat.transfers
    assert "deliver" in words.supply_verbs and "order" in words.acquire_verbs
    assert words.request_verbs <= words.request_governors
    assert words.contract_nouns | words.supply_nouns <= words.transaction_nouns
    assert words.nominal_governors["begin"] == "delivered"
    assert "on" in cat.gap_stopwords
    assert cat.number_words["forty"] == 40 and cat.multipliers["dozen"] == 12
    assert cat.money_scales["bn"] == 1e9


# ---- equipment ------------------------------------------------------------------------------

def test_designation_with_its_noun_is_one_item(coder):
    text = "Engineers inspected the S-300PMU-1 air-defence systems at the base."
    [item] = equipment_of(coder, text)
    assert item.designation == "S-300PMU-1"
    assert item.category == "air_defence"
    assert item.maker == "RUS"
    assert item.text == "S-300PMU-1 air-defence systems"
    assert text[item.start : item.end] == item.text


def test_designations_split_by_the_tokenizer_and_unlisted_variants(coder):
    items = equipment_of(coder, "Crews trained on Tor-M1 launchers, T-55 tanks and Su-27SK jets.")
    assert [(i.designation, i.category) for i in items] == [
        ("Tor-M1", "air_defence"), ("T-55", "tank"), ("Su-27SK", "aircraft"),
    ]


def test_unlisted_designation_takes_the_category_of_its_noun(coder):
    [item] = equipment_of(coder, "The factory builds ZX-9 howitzers.")
    assert (item.designation, item.category, item.maker) == ("ZX-9", "artillery", None)


def test_unlisted_designation_takes_the_category_of_a_listed_prefix(coder):
    items = equipment_of(coder, "The ministry showed a Su-57 and a Tor-M3 at the air show.")
    assert [(i.designation, i.category) for i in items] == [
        ("Su-57", "aircraft"), ("Tor-M3", "air_defence"),
    ]


def test_catalogue_uses_known_categories():
    table = read_packaged("equipment.yaml")
    categories = set(table["categories"])
    assert {"air_defence", "aircraft", "helicopter", "tank", "armoured_vehicle", "artillery",
            "missile", "drone", "ship", "submarine", "small_arms", "ammunition", "radar",
            "engine", "electronics", "components"} <= categories
    for entry in [*table["names"], *table["prefixes"]]:
        assert entry["category"] in categories, entry
    assert {c for c in table["heads"].values() if c} <= categories


def test_generic_nouns_and_their_categories(coder):
    text = ("The shipment held howitzers, armoured personnel carriers, a frigate, "
            "surface-to-air missiles, ammunition and spare parts.")
    assert [(i.text, i.category, i.designation) for i in equipment_of(coder, text)] == [
        ("howitzers", "artillery", None),
        ("armoured personnel carriers", "armoured_vehicle", None),
        ("frigate", "ship", None),
        ("surface-to-air missiles", "air_defence", None),
        ("ammunition", "ammunition", None),
        ("spare parts", "components", None),
    ]


def test_words_that_only_look_like_equipment(coder):
    text = ("A think tank said the arms embargo failed, Moscow arms the rebels, "
            "suicide bombers struck, the G-20 met and students hold F-1 visas.")
    assert equipment_of(coder, text) == []


def test_ambiguous_names_need_a_noun(coder):
    assert equipment_of(coder, "Abrams said the Patriot Act was renewed.") == []
    [item] = equipment_of(coder, "The unit operates Abrams tanks.")
    assert (item.designation, item.category) == ("Abrams", "tank")


def test_quantities(coder):
    items = equipment_of(
        coder,
        "The order covers 40 T-72 tanks, a dozen Mi-17 helicopters, two battalions of "
        "S-300 systems and dozens of drones.",
    )
    assert [(i.designation, i.quantity, i.unit) for i in items] == [
        ("T-72", 40, None), ("Mi-17", 12, None), ("S-300", 2, "battalion"), (None, None, None),
    ]


# ---- transfers ------------------------------------------------------------------------------

def test_delivered_transfer(coder):
    transfer = only(transfers_of(
        coder, "Russia delivered two battalions of S-300PMU-1 air-defence systems to Iran."
    ))
    assert countries(transfer) == ("RUS", "IRN")
    assert transfer.status == "delivered"
    assert [i.designation for i in transfer.equipment] == ["S-300PMU-1"]
    assert transfer.trigger["text"] == "delivered"
    assert transfer.date == "2001-10-05"
    assert transfer.sentence_index == 0 and transfer.doc_id == "t"


def test_contract_with_a_value(coder):
    transfer = only(transfers_of(
        coder, "Russia signed a contract worth over $7 billion to supply Iran with Su-30 fighters."
    ))
    assert countries(transfer) == ("RUS", "IRN")
    assert transfer.status == "contracted"
    assert transfer.value == 7e9
    assert transfer.currency == "USD"
    assert transfer.value_text == "over $7 billion"
    assert [(i.designation, i.category) for i in transfer.equipment] == [("Su-30", "aircraft")]


def test_value_in_euros_and_quantity(coder):
    transfer = only(transfers_of(coder, "Russia sold Iran 40 T-72 tanks for 1.2 billion euros."))
    assert countries(transfer) == ("RUS", "IRN")
    assert (transfer.value, transfer.currency) == (1.2e9, "EUR")
    assert transfer.quantity == 40


def test_coordinated_systems_are_one_record(coder):
    transfer = only(transfers_of(coder, "Russia supplied S-300 and Tor-M1 systems to Iran."))
    assert [i.designation for i in transfer.equipment] == ["S-300", "Tor-M1"]
    assert countries(transfer) == ("RUS", "IRN")


def test_supplier_named_by_its_capital(coder):
    transfer = only(transfers_of(
        coder, "Moscow will deliver Tor-M1 air-defence systems to Tehran."
    ))
    assert countries(transfer) == ("RUS", "IRN")
    assert transfer.supplier["text"] == "Moscow"
    assert transfer.status == "planned"


def test_intention_is_planned(coder):
    transfer = only(transfers_of(coder, "Moscow plans to supply Tehran with T-55 tanks."))
    assert countries(transfer) == ("RUS", "IRN")
    assert transfer.status == "planned"


def test_hedged_delivery_is_possible(coder):
    transfer = only(transfers_of(
        coder, "It is possible that Russia will deliver Tor-M1 systems to Iran."
    ))
    assert countries(transfer) == ("RUS", "IRN")
    assert transfer.status == "possible"  # possible wins over the future "will"


def test_request(coder):
    transfer = only(transfers_of(coder, "Iran asked Russia for additional T-72 tanks."))
    assert countries(transfer) == ("RUS", "IRN")
    assert transfer.status == "requested"
    assert transfer.equipment[0].designation == "T-72"


def test_request_that_another_state_supply(coder):
    transfer = only(transfers_of(coder, "Iran asked Russia to supply T-72 tanks."))
    assert countries(transfer) == ("RUS", "IRN")
    assert transfer.status == "requested"


def test_purchase_is_contracted(coder):
    # A purchase is reported when the deal is made, not when the jets arrive: "contracted".
    transfer = only(transfers_of(coder, "India bought 40 Su-30 jets from Russia."))
    assert countries(transfer) == ("RUS", "IND")
    assert transfer.status == "contracted"
    assert transfer.quantity == 40


def test_receipt_from_a_supplier_is_delivered(coder):
    transfer = only(transfers_of(
        coder, "Iran received the first batch of Tor-M1 systems from Russia."
    ))
    assert countries(transfer) == ("RUS", "IRN")
    assert transfer.status == "delivered"


def test_recipient_alone_is_enough(coder):
    transfer = only(transfers_of(coder, "Iran will buy S-300 missiles, Russian officials said."))
    assert countries(transfer) == (None, "IRN")


def test_wanting_deliveries_is_a_request(coder):
    transfer = only(transfers_of(coder, "Armenia wants deliveries of T-72 tanks from Belarus."))
    assert countries(transfer) == ("BLR", "ARM")
    assert transfer.status == "requested"


def test_a_party_named_in_the_sentence_before_is_kept(coder):
    # the "a programme to buy arms from State A ... State B wants deliveries"
    records = transfers_of(coder, "Armenia plans to buy arms from Belarus. Yerevan also wants "
                                  "deliveries of T-72 tanks and Tor-M1 systems.")
    assert [countries(t) for t in records] == [("BLR", "ARM"), ("BLR", "ARM")]
    assert records[1].sentence_index == 1 and records[1].status == "requested"


def test_a_supplier_named_before_is_kept_for_its_next_delivery(coder):
    records = transfers_of(coder, "Belarus sold tanks to Armenia in May. Minsk will also "
                                  "deliver Tor-M1 systems.")
    assert [countries(t) for t in records] == [("BLR", "ARM"), ("BLR", "ARM")]


@pytest.mark.parametrize("text", [
    # too far back: another deal may be meant
    "Belarus sold tanks to Armenia in May. Yerevan held a parade. Armenian troops marched. "
    "Officials spoke. Armenia also wants Tor-M1 systems.",
    # two suppliers before: which one is not said
    "Armenia bought tanks from Belarus. Armenia bought radars from France. Armenia also "
    "wants Tor-M1 systems.",
])
def test_no_party_is_carried_when_the_deal_is_unclear(coder, text):
    assert countries(transfers_of(coder, text)[-1]) == (None, "ARM")


@pytest.mark.parametrize("text, expected", [
    ("Armenia will lease four Su-30 fighters from Belarus.", ("BLR", "ARM")),
    ("Belarus leased four Su-30 fighters to Armenia.", ("BLR", "ARM")),
])
def test_a_lease_goes_the_way_its_preposition_says(coder, text, expected):
    assert countries(only(transfers_of(coder, text))) == expected


def test_negated_supply_gives_no_record(coder):
    assert transfers_of(coder, "Russia did not deliver the S-300 missiles to Iran.") == []


def test_refusal_gives_no_record(coder):
    assert transfers_of(coder, "Russia refused to deliver the S-300 systems to Iran.") == []


def test_equipment_without_a_transfer(coder):
    assert transfers_of(coder, "The army paraded its T-90 tanks.") == []


def test_deployment_is_not_a_transfer(coder):
    assert transfers_of(coder, "Russia sent tanks to the border.") == []


def test_date_comes_from_the_events(coder):
    doc = coder.nlp("Russia supplied S-300 and Tor-M1 systems to Iran.")
    events = coder.code_doc(doc, "t", "2001-10-05")
    assert events, "the coder codes this supply"
    assert only(find_transfers(doc, events, "t")).date == "2001-10-05"


def test_record_is_plain_json(coder):
    transfer = only(transfers_of(coder, "Russia supplied S-300 and Tor-M1 systems to Iran."))
    record = json.loads(json.dumps(transfer.to_dict()))
    assert record["supplier"]["code"] == "RUS"
    assert record["equipment"][1]["designation"] == "Tor-M1"
    assert set(record) >= {"supplier", "recipient", "equipment", "quantity", "value",
                           "currency", "value_text", "status", "date", "sentence",
                           "sentence_index", "doc_id", "trigger"}


# ---- the coder's event on the same clause ------------------------------------------------------
# The transfer record and the CAMEO event come from one parse; deliveries and receipts of arms
# are military aid (072), sales, purchases and orders military cooperation (062).

def test_delivery_of_battalions_is_military_aid(coder):
    events, transfers = coded(coder, "Russia delivered two battalions of S-300 systems to Iran.")
    assert events == [("RUS", "IRN", "072")]
    transfer = only(transfers)
    assert countries(transfer) == ("RUS", "IRN")
    assert transfer.status == "delivered"
    assert [(i.designation, i.quantity, i.unit) for i in transfer.equipment] == [
        ("S-300", 2, "battalion"),
    ]


def test_future_delivery_between_capitals_is_military_aid(coder):
    events, transfers = coded(coder, "Moscow will deliver Tor-M1 air-defence systems to Tehran.")
    assert events == [("RUS", "IRN", "072")]
    transfer = only(transfers)
    assert countries(transfer) == ("RUS", "IRN")
    assert transfer.status == "planned"


def test_delivery_of_armoured_personnel_carriers(coder):
    events, transfers = coded(
        coder, "Russia delivered BTR-80 armoured personnel carriers to Iraq."
    )
    assert events == [("RUS", "IRQ", "072")]
    transfer = only(transfers)
    assert countries(transfer) == ("RUS", "IRQ")
    assert [(i.designation, i.category) for i in transfer.equipment] == [
        ("BTR-80", "armoured_vehicle"),
    ]


def test_obtained_from_a_supplier_is_reversed(coder):
    events, transfers = coded(coder, "Iran obtained artillery shells from North Korea.")
    assert events == [("PRK", "IRN", "072")]  # the from-phrase is the source
    transfer = only(transfers)
    assert countries(transfer) == ("PRK", "IRN")
    assert transfer.status == "delivered"


def test_received_systems_are_military_aid_not_hosting(coder):
    events, transfers = coded(coder, "China received S-400 systems from Russia.")
    assert events == [("RUS", "CHN", "072")]  # bare "receive" would be 043 China -> Russia
    transfer = only(transfers)
    assert countries(transfer) == ("RUS", "CHN")
    assert transfer.status == "delivered"


def test_received_batch_from_a_supplier_is_coded(coder):
    events, transfers = coded(
        coder, "Iran received the first batch of Tor-M1 systems from Russia."
    )
    assert countries(only(transfers)) == ("RUS", "IRN")  # the record is right already
    assert events == [("RUS", "IRN", "072")]


def test_order_from_a_supplier_is_military_cooperation(coder):
    events, transfers = coded(coder, "India ordered three Kilo-class submarines from Russia.")
    assert events == [("IND", "RUS", "062")]  # not 100 (demand): India orders from Russia
    transfer = only(transfers)
    assert countries(transfer) == ("RUS", "IND")
    assert transfer.status == "contracted"
    assert transfer.quantity == 3
    # without a supplier, "ordered bombers to strike" is still a command
    events, _ = coded(coder, "Russia ordered bombers to strike Syria.")
    assert "062" not in {code for _, _, code in events}


def test_handing_over_submarines_is_military_aid_not_a_return(coder):
    events, transfers = coded(coder, "Russia handed over two Kilo-class submarines to India.")
    assert events == [("RUS", "IND", "072")]  # not 084 (return, release)
    transfer = only(transfers)
    assert countries(transfer) == ("RUS", "IND")
    assert transfer.status == "delivered"
    assert transfer.quantity == 2
