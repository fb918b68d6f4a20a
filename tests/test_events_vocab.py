"""The vocabulary and the time choice: pure rules, no model."""

from __future__ import annotations

import datetime as dt

import pytest

from sortie.geodata.events import vocab, when
from sortie.geodata.records import TimeMention


@pytest.mark.parametrize(
    ("kind", "instruments", "medium", "expected"),
    [
        ("attack", ["drone"], None, "drone_strike"),
        ("attack", ["rockets"], None, "rocket_attack"),
        ("attack", ["missiles"], None, "missile_attack"),
        ("attack", ["mortars"], None, "shelling"),
        ("air_strike", ["drone"], None, "drone_strike"),
        ("deployment", [], "air", "flight"),
        ("deployment", [], "sea", "sailing"),
        ("attack", [], None, "attack"),
    ],
)
def test_instruments_and_medium_refine_the_kind(kind, instruments, medium, expected):
    assert vocab.refine(kind, instruments, medium) == expected


def test_missiles_and_rockets_are_one_family():
    assert vocab.family("missile_attack") == vocab.family("rocket_attack") == vocab.family("drone_strike")
    assert vocab.family("flight") != vocab.family("attack")


@pytest.mark.parametrize(
    ("words", "expected"),
    [(["two", "B-52", "bombers"], "air"), (["the", "aircraft", "carrier"], "sea"),
     (["the", "Air", "Force"], "air"), (["Iranian", "naval", "vessels"], "sea"), (["Iran"], None)],
)  # fmt: skip
def test_medium_of_an_actor(words, expected):
    assert vocab.medium(words) == expected


def tm(text, value, start, typ="DATE", precision="day"):
    d = dt.date.fromisoformat(start) if start else None
    return TimeMention(text, 0, len(text), 0, typ, value, d, d, precision if d else None)


PUBLISHED = dt.date(2020, 12, 30)


def test_a_tied_date_wins():
    got = when.choose(
        [tm("Sunday", "2020-12-20", "2020-12-20")], [tm("Dec. 1", "2020-12-01", "2020-12-01")], PUBLISHED
    )
    assert (got.start, got.basis, got.precision) == (dt.date(2020, 12, 20), "stated", "day")


def test_durations_do_not_date_an_event():
    got = when.choose([tm("36 hours", "PT36H", None, "DURATION")], [], PUBLISHED)
    assert got.basis == "reported" and got.start == got.end == PUBLISHED and got.precision == "week"


def test_an_earlier_date_in_the_paragraph_carries_over():
    got = when.choose([], [tm("Friday", "2020-12-25", "2020-12-25")], PUBLISHED)
    assert (got.start, got.basis) == (dt.date(2020, 12, 25), "nearby")


def test_no_date_and_no_publication_is_undated():
    got = when.choose([], [], None)
    assert got.start is None and got.basis == "reported"
