"""Implicit actors (session 42): "the two neighbours", "both countries" after a pair told by a
verb joined to another ("A recalled its envoy from B and accused B of ...": the joined verb's
subject is the first verb's), never with the state that now asks among them; an "it" that
is the subject of a verb of saying means an actor, or a thing that spoke before it (a
report), never a thing that only was ("its sovereignty over the island is not negotiable.
It said ..."). And what already worked, kept: a thing seized and named again as the object
of a later act ("intercepted the tanker") is the state it was said to be of, while a noun
that only repeats one named before with a state does not make a subject of that state (a
first try that did so coded a force posture from "the rangers had entered its waters";
docs/history/accuracy.md, "Session 42, implicit actors").

Each sentence is written for the project."""

from __future__ import annotations

import pytest
from coding_helpers import CODES, TRIPLES, coded, pairs

from detente.coder import Coder


@pytest.mark.parametrize("host,first,second", TRIPLES)
@pytest.mark.parametrize("words", ["the two neighbours", "the two countries"])
def test_talks_between_the_pair_named_before(coder: Coder, host, first, second, words):
    text = (f"{first} recalled its ambassador from {second} on Tuesday and accused {second} of "
            f"threatening the region. {host} offered to host talks between {words}.")
    found = pairs(coded(coder, text), "03")
    assert (CODES[host], CODES[first]) in found
    assert (CODES[host], CODES[second]) in found


@pytest.mark.parametrize("seizer,owner,_", TRIPLES)
def test_a_seized_thing_named_again_as_an_object(coder: Coder, seizer, owner, _):
    text = (f"{seizer}'s navy seized a {owner}-flagged oil tanker near the strait on Monday. "
            f"{owner} demanded its release. {seizer}'s navy boats intercepted the tanker again "
            "on Friday.")
    found = coded(coder, text)
    assert (CODES[seizer], CODES[owner]) in pairs(found, "17")


@pytest.mark.parametrize("captor,owner,_", TRIPLES)
def test_a_repeated_noun_as_subject_makes_no_posture(coder: Coder, captor, owner, _):
    # the rangers named back are the owner's, but what they are said to have done is the
    # captor's charge, not a military move of the owner's (a first try that gave "the rangers"
    # the owner's state coded one: see the session 42 paragraph)
    text = (f"{captor}'s soldiers detained two {owner} park rangers on the river on Monday. "
            f"{owner} demanded their release. {captor} said the rangers had entered its waters "
            "illegally.")
    found = coded(coder, text)
    assert (CODES[owner], CODES[captor]) not in pairs(found, "15")


@pytest.mark.parametrize("host,first,second", TRIPLES)
def test_the_joined_verbs_partner_who_asks_is_no_side(coder: Coder, host, first, second):
    text = (f"{first}'s president flew to {second} on Monday and thanked {host} for its help. "
            f"{host} urged both countries to show restraint.")
    assert (CODES[host], CODES[first]) not in pairs(coded(coder, text), "02")


@pytest.mark.parametrize("speaker,other,_", TRIPLES)
def test_it_said_after_a_thing_that_did_not_speak(coder: Coder, speaker, other, _):
    text = (f"{speaker} rejected the protest. Its Foreign Ministry said {speaker}'s sovereignty "
            "over the island was not up for discussion. It said the ceremony was routine and "
            f"urged {other} to respect that.")
    assert (CODES[speaker], CODES[other]) in pairs(coded(coder, text), "02")


@pytest.mark.parametrize("army,reporter,accused", TRIPLES)
def test_it_said_after_a_report_that_spoke(coder: Coder, army, reporter, accused):
    # the report spoke, so "it" may be the report: never the army named before it
    text = (f"{army}'s army published a report on Monday. The {reporter} report said {accused} "
            f"had attacked a border post. It said {accused} had fired shells at the border.")
    found = coded(coder, text)
    assert not any(s == CODES[army] for s, _t, _c, _m in found)
