"""Dating an event by a time stated relative to another one: pure rules, no model."""

from __future__ import annotations

import datetime as dt

import pytest

from sortie.geodata.events import when
from sortie.geodata.records import TimeMention

PUBLISHED = dt.date(2020, 12, 30)


def tm(text: str, start: str, end: str | None = None, precision: str = "day") -> TimeMention:
    a = dt.date.fromisoformat(start)
    b = dt.date.fromisoformat(end) if end else a
    return TimeMention(text, 0, len(text), 0, "DATE", start[:7] if end else start, a, b, precision)


@pytest.mark.parametrize(
    ("prefix", "direction", "days"),
    [
        ("Bombers flew off the coast days before", "before", None),
        ("Bombers flew off the coast two days before the", "before", 2),
        ("The destroyer sailed 3 weeks after", "after", 21),
        ("Jets flew a week after", "after", 7),
        ("Rockets hit the base the day before", "before", 1),
        ("Two bombers flew on the eve of the", "before", 1),
        ("Rockets hit the base in the run-up to the", "before", None),
        ("Rockets hit the base in the run up to", "before", None),
        ("The carrier sailed ahead of the", "before", None),
        ("It was the fifth attack since", "after", None),
        ("Missiles struck the port just hours after the", "after", None),
        ("Missiles struck the port in the wake of", "after", None),
        ("Drones were launched following the", "after", None),
    ],
)
def test_the_relation_before_a_time_expression(prefix, direction, days):
    rel = when.relation_before(prefix)
    assert rel is not None and rel.direction == direction
    assert rel.offset == (None if days is None else dt.timedelta(days=days))


@pytest.mark.parametrize("prefix", ["Missiles struck the port on", "Jets flew", "It happened afterwards", ""])
def test_plain_time_expressions_have_no_relation(prefix):
    assert when.relation_before(prefix) is None


ANNIVERSARY = tm("the anniversary", "2021-01-03")


def test_an_unbounded_relation_does_not_date_the_event():
    before = when.relation_before("flew days before")
    got = when.choose([ANNIVERSARY], [], PUBLISHED, {ANNIVERSARY: before})
    # not Jan. 3 (the anniversary), but the report's date, marked "reported"
    assert (got.start, got.end, got.basis) == (PUBLISHED, PUBLISHED, "reported")


def test_an_unbounded_relation_falls_back_to_the_next_plain_date():
    monday = tm("Monday", "2020-12-28")
    before = when.relation_before("flew days before")
    got = when.choose([ANNIVERSARY, monday], [], PUBLISHED, {ANNIVERSARY: before})
    assert (got.start, got.basis) == (dt.date(2020, 12, 28), "stated")
    earlier = when.choose([ANNIVERSARY], [monday], PUBLISHED, {ANNIVERSARY: before})
    assert (earlier.start, earlier.basis) == (dt.date(2020, 12, 28), "nearby")


def test_two_days_before_is_two_days_earlier():
    got = when.choose([ANNIVERSARY], [], PUBLISHED, {ANNIVERSARY: when.relation_before("two days before")})
    assert (got.start, got.end, got.precision, got.basis) == (
        dt.date(2021, 1, 1),
        dt.date(2021, 1, 1),
        "day",
        "stated",
    )


def test_two_days_after_is_two_days_later():
    sunday = tm("Sunday", "2020-12-20")
    got = when.choose([sunday], [], PUBLISHED, {sunday: when.relation_before("two days after")})
    assert got.start == got.end == dt.date(2020, 12, 22)


def test_the_eve_is_the_day_before():
    got = when.choose([ANNIVERSARY], [], PUBLISHED, {ANNIVERSARY: when.relation_before("on the eve of")})
    assert got.start == dt.date(2021, 1, 2)


def test_a_week_before_is_known_to_the_week():
    got = when.choose([ANNIVERSARY], [], PUBLISHED, {ANNIVERSARY: when.relation_before("a week before")})
    assert (got.start, got.precision) == (dt.date(2020, 12, 27), "week")


def test_a_distance_from_a_month_keeps_the_months_precision():
    april = tm("April", "2020-04-01", "2020-04-30", "month")
    got = when.choose([april], [], PUBLISHED, {april: when.relation_before("two weeks after")})
    assert (got.start, got.end, got.precision) == (dt.date(2020, 4, 15), dt.date(2020, 5, 14), "month")


def test_a_reported_date_is_the_publication_day_marked_reported():
    got = when.choose([], [], PUBLISHED)
    assert (got.start, got.end, got.precision, got.basis) == (PUBLISHED, PUBLISHED, "week", "reported")
