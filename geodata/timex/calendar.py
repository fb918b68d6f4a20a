"""Calendar arithmetic: TIMEX3 values to intervals on the calendar, and date shifts by units.

A DATE value names a stretch of calendar (a day, an ISO week, a month, a season, a quarter, a year, a
decade, a century); `interval` returns its first and last day and how fine it is. A `mod` narrows it
the way a reader would: START is the first third, MID the middle third, END the last third.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re

# Meteorological seasons (northern hemisphere): what news writers mean by "the summer".
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)(?P<we>-WE)?|Q(?P<q>[1-4])"
    r"|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$"
)
_DECADE = re.compile(r"^(?P<dec>\d{3})$")
_CENTURY = re.compile(r"^(?P<cen>\d{2})$")


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the month's length (Mar 31 - 1 month = Feb 28/29).

    Raises OverflowError past the calendar's years 1 to 9999, as `date + timedelta` does, so callers
    have one error to expect from every shift ("the past 999999 years").
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError(f"year {year} is out of range")
    last = _cal.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """`day` moved by `amount` units (D, W, M, Q, Y, DE, CE; WE counts as a week)."""
    if unit == "D":
        return day + dt.timedelta(days=amount)
    if unit in ("W", "WE"):
        return day + dt.timedelta(weeks=amount)
    if unit == "FN":
        return day + dt.timedelta(weeks=2 * amount)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200, "ML": 12000}.get(unit)
    if months is None:
        return day  # hours, minutes: the day itself
    return add_months(day, amount * months)


def week_value(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


_MONTHS_IN = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}


def shift_value(value: str, amount: int, unit: str) -> str | None:
    """A DATE value moved by `amount` units, kept at its own precision: ("1989-Q3", -1, "Y") is
    "1988-Q3", ("1989-08-12", -1, "Y") "1988-08-12", ("1998", 2, "Y") "2000".

    None when the value is not a plain calendar date or cannot move by that unit at its precision
    (a year moved by days); the caller then counts from its reference date instead.
    """
    m = _VALUE.match(value)
    if not m or "T" in value or m["h"] or m["s"] or m["we"]:
        return None
    y = int(m["y"])
    if m["d"]:
        return shift(dt.date(y, int(m["m"]), int(m["d"])), amount, unit).isoformat()
    if m["w"]:
        if unit not in ("W", "WE"):
            return None
        return week_value(dt.date.fromisocalendar(y, int(m["w"]), 1) + dt.timedelta(weeks=amount))
    months = _MONTHS_IN.get(unit)
    if months is None:
        return None
    if m["m"]:
        return f"{add_months(dt.date(y, int(m['m']), 1), amount * months):%Y-%m}"
    if m["q"]:
        if months % 3:
            return None
        day = add_months(dt.date(y, 3 * int(m["q"]) - 2, 1), amount * months)
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if months % 12:
        return None
    year = y + amount * months // 12
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError(f"year {year} is out of range")
    return f"{year:04d}"


def _thirds(start: dt.date, end: dt.date, mod: str | None) -> tuple[dt.date, dt.date]:
    span = (end - start).days + 1
    third = max(span // 3, 1)
    if mod == "START":
        return start, start + dt.timedelta(days=third - 1)
    if mod == "END":
        return end - dt.timedelta(days=third - 1), end
    if mod == "MID":
        return start + dt.timedelta(days=third), end - dt.timedelta(days=third)
    return start, end


def interval(value: str, mod: str | None = None) -> tuple[dt.date, dt.date, str] | None:
    """First and last day of the calendar stretch a DATE/TIME value names, with its precision.

    None for values that are not on the calendar (XXXX forms, PRESENT_REF, durations).
    """
    m = _VALUE.match(value)
    if m:
        y = int(m["y"])
        if m["d"]:
            day = dt.date(y, int(m["m"]), int(m["d"]))
            return day, day, "day"
        if m["m"]:
            month = int(m["m"])
            start, end = dt.date(y, month, 1), dt.date(y, month, _cal.monthrange(y, month)[1])
            return (*_thirds(start, end, mod), "month")
        if m["w"]:
            start = dt.date.fromisocalendar(y, int(m["w"]), 1)
            if m["we"]:
                return start + dt.timedelta(days=5), start + dt.timedelta(days=6), "week"
            return (*_thirds(start, start + dt.timedelta(days=6), mod), "week")
        if m["q"]:
            q = int(m["q"])
            start = dt.date(y, 3 * q - 2, 1)
            return (*_thirds(start, add_months(start, 3) - dt.timedelta(days=1), mod), "quarter")
        if m["h"]:
            start = dt.date(y, 1 if m["h"] == "1" else 7, 1)
            return (*_thirds(start, add_months(start, 6) - dt.timedelta(days=1), mod), "quarter")
        if m["s"]:
            first, last = SEASON_MONTHS[m["s"]]
            start = dt.date(y, first, 1)
            end_year = y + 1 if last < first else y
            end = dt.date(end_year, last, _cal.monthrange(end_year, last)[1])
            return (*_thirds(start, end, mod), "season")
        return (*_thirds(dt.date(y, 1, 1), dt.date(y, 12, 31), mod), "year")
    m = _DECADE.match(value)
    if m:
        y = int(m["dec"]) * 10
        return (*_thirds(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), mod), "decade")
    m = _CENTURY.match(value)
    if m:
        y = int(m["cen"]) * 100
        return (*_thirds(dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), mod), "century")
    return None


_DURATION = re.compile(r"^P(?:T)?(?P<n>\d+)(?P<u>DE|CE|ML|[YMWDHS])$")


def duration_parts(value: str) -> tuple[int, str] | None:
    """(amount, unit) of a simple TIMEX3 duration: P2M -> (2, "M"); PT5H -> (5, "H")."""
    m = _DURATION.match(value)
    if not m:
        return None
    unit = m["u"]
    if value.startswith("PT"):
        unit = {"M": "MIN"}.get(unit, unit)
    return int(m["n"]), unit


def duration_interval(value: str, anchor: dt.date, direction: int) -> tuple[dt.date, dt.date] | None:
    """Interval of a duration that ends (direction -1) or starts (+1) at `anchor`.

    None when the value is not a simple duration, or when it reaches past the calendar's years 1 to
    9999: "the past 5,000 decades" has a TIMEX3 value but no dates.
    """
    parts = duration_parts(value)
    if parts is None:
        return None
    amount, unit = parts
    try:
        if unit in ("H", "MIN", "S"):
            days = {"H": amount // 24, "MIN": 0, "S": 0}[unit]
            other = anchor + dt.timedelta(days=direction * days)
        else:
            other = shift(anchor, direction * amount, unit)
    except OverflowError:
        return None
    return (other, anchor) if direction < 0 else (anchor, other)
