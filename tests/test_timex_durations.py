"""Durations as TimeBank writes them: halves in the next smaller unit."""

from __future__ import annotations

import datetime as dt

import pytest

from sortie.geodata.timex import find_times

PUBLISHED = dt.date(2020, 12, 30)

HALVES = [
    # (text, phrase, value): half a year is six months, half an hour thirty minutes...
    ("They lived in refugee camps for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
    ("A minute and a half later, a pilot radioed the tower.", "A minute and a half", "PT1M30S"),
    ("The bombers spent 5 1/2 hours over the Gulf.", "5 1/2 hours", "PT5H30M"),
    ("The convoy waited a year and a half.", "a year and a half", "P1Y6M"),
    ("The convoy waited one and a half days.", "one and a half days", "P1DT12H"),
    ("The briefing took half an hour.", "half an hour", "PT30M"),
]


@pytest.mark.parametrize(("text", "phrase", "value"), HALVES)
def test_half_units(text: str, phrase: str, value: str) -> None:
    found = [t for t in find_times(text, None, PUBLISHED) if t.text == phrase]
    assert found, f"{phrase!r} not found in {text!r}: {find_times(text, None, PUBLISHED)}"
    assert (found[0].type, found[0].value) == ("DURATION", value)


def test_stock_fractions_are_not_durations() -> None:
    assert find_times("Shares dropped 2 1/2 to 37 3/4.", None, PUBLISHED) == []


LONG = [
    # (text, phrase, value): a duration written as an adjective in "-long"
    ("Envoys emerged from a day-long session with the generals.", "day-long", "P1D"),
    ("The truce ended a decades-long feud over the islands.", "decades-long", "PXY"),
    ("The navies held a two-week-long drill off the coast.", "two-week-long", "P2W"),
    ("Pilots flew a 12-hour-long patrol over the strait.", "12-hour-long", "PT12H"),
]


@pytest.mark.parametrize(("text", "phrase", "value"), LONG)
def test_long_adjectives_are_durations(text: str, phrase: str, value: str) -> None:
    found = [(t.text, t.type, t.value) for t in find_times(text, None, PUBLISHED)]
    assert found == [(phrase, "DURATION", value)]


def test_long_range_is_no_duration() -> None:
    assert find_times("The long-range bombers took off at dawn.", None, PUBLISHED) == []


WEEKLY = [
    # (text, phrase, value): a weekday with a plural part of day recurs every week
    ("The club's patrols fly on Sunday mornings.", "Sunday mornings", "XXXX-WXX-7TMO"),
    # the plural is both weekdays': Monday nights and Tuesday nights
    ("Two new flights leave Mumbai on Monday and Tuesday nights.", "Monday", "XXXX-WXX-1TNI"),
    ("Two new flights leave Mumbai on Monday and Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI"),
]


@pytest.mark.parametrize(("text", "phrase", "value"), WEEKLY)
def test_weekday_recurrences(text: str, phrase: str, value: str) -> None:
    found = [t for t in find_times(text, None, PUBLISHED) if t.text == phrase]
    assert found, f"{phrase!r} not found in {text!r}: {find_times(text, None, PUBLISHED)}"
    assert (found[0].type, found[0].value) == ("SET", value)


def test_a_single_weekday_night_is_a_date() -> None:
    found = find_times("The flight left on Monday night.", None, PUBLISHED)
    assert [(t.type, t.value) for t in found] == [("TIME", "2020-12-28TNI")]


VAGUE = [
    # (text, phrase, value): an unknown count of a unit, read after "in" or "over the"
    ("The squadron flew its first sortie in years.", "years", "PXY"),
    ("The carrier can be ready in days.", "days", "PXD"),
    ("Over the years the base has grown.", "the years", "PXY"),
]


@pytest.mark.parametrize(("text", "phrase", "value"), VAGUE)
def test_vague_durations(text: str, phrase: str, value: str) -> None:
    found = [t for t in find_times(text, None, PUBLISHED) if t.text == phrase]
    assert found, f"{phrase!r} not found in {text!r}: {find_times(text, None, PUBLISHED)}"
    assert (found[0].type, found[0].value) == ("DURATION", value)


@pytest.mark.parametrize(
    "text",
    [
        "Morale fell in years of war.",
        "It was a garrison town in days past.",
        "In weeks before the raid, jets flew.",
    ],
)
def test_units_after_in_that_are_not_durations(text: str) -> None:
    assert find_times(text, None, PUBLISHED) == []
