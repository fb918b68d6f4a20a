"""An event timed by another zone's clock gets the local date too (Washington's evening is the
Gulf's next morning)."""

from __future__ import annotations

import datetime as dt

from sortie.geodata.events.localtime import local_interval, stated_clock
from sortie.geodata.events.when import When

TUESDAY = dt.date(2020, 1, 7)


def at(text: str) -> When:
    return When(TUESDAY, TUESDAY, "day", "stated", text)


def test_an_evening_in_washington_is_the_next_day_in_iraq():
    w = local_interval(at("5:30 p.m."), "Iran fired the missiles at 5:30 p.m. ET on Tuesday.", 43.0)
    assert (w.start, w.end) == (TUESDAY, dt.date(2020, 1, 8))


def test_a_morning_in_washington_is_the_same_day_in_iraq():
    w = local_interval(at("9 a.m."), "The strike came at 9 a.m. EST on Tuesday.", 43.0)
    assert (w.start, w.end) == (TUESDAY, TUESDAY)


def test_an_early_utc_hour_is_the_previous_day_in_the_americas():
    w = local_interval(at("2 a.m."), "The drone was shot down at 2 a.m. GMT on Tuesday.", -100.0)
    assert (w.start, w.end) == (dt.date(2020, 1, 6), TUESDAY)


def test_no_zone_or_no_clock_leaves_the_date_alone():
    assert local_interval(at("5:30 p.m."), "Iran fired the missiles at 5:30 p.m. on Tuesday.", 43.0) == at(
        "5:30 p.m."
    )
    assert stated_clock("Troops arrived on Tuesday, the ET unit said.", None) is None


def test_daylight_time_is_an_hour_less_behind():
    # 7:30 p.m. EDT is 23:30 UTC: still the same day at 0 degrees, the next day an hour east
    summer = When(dt.date(2024, 7, 2), dt.date(2024, 7, 2), "day", "stated", "7:30 p.m.")
    assert local_interval(summer, "It began at 7:30 p.m. ET.", 0.0).end == dt.date(2024, 7, 2)
    assert local_interval(summer, "It began at 7:30 p.m. ET.", 30.0).end == dt.date(2024, 7, 3)
