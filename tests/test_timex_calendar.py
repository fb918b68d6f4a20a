"""Calendar intervals of TIMEX3 values, and shifts by months across month ends and leap days."""

from __future__ import annotations

import datetime as dt

import pytest

from sortie.geodata.timex.calendar import add_months, duration_interval, interval, shift_value

D = dt.date


@pytest.mark.parametrize(
    ("value", "mod", "expected"),
    [
        ("2020-12-20", None, (D(2020, 12, 20), D(2020, 12, 20), "day")),
        ("2020-02", None, (D(2020, 2, 1), D(2020, 2, 29), "month")),
        ("2020-12", "START", (D(2020, 12, 1), D(2020, 12, 10), "month")),
        ("2020-W53", None, (D(2020, 12, 28), D(2021, 1, 3), "week")),
        ("2020-W52-WE", None, (D(2020, 12, 26), D(2020, 12, 27), "week")),
        ("1989-Q3", None, (D(1989, 7, 1), D(1989, 9, 30), "quarter")),
        ("2020-WI", None, (D(2020, 12, 1), D(2021, 2, 28), "season")),
        ("2018", None, (D(2018, 1, 1), D(2018, 12, 31), "year")),
        ("199", None, (D(1990, 1, 1), D(1999, 12, 31), "decade")),
        ("2020-12-30T22:00", None, (D(2020, 12, 30), D(2020, 12, 30), "day")),
    ],
)
def test_interval(value: str, mod: str | None, expected: tuple[dt.date, dt.date, str]) -> None:
    assert interval(value, mod) == expected


@pytest.mark.parametrize("value", ["PRESENT_REF", "XXXX-04", "XXXX-WXX-7", "P2M"])
def test_values_off_the_calendar_have_no_interval(value: str) -> None:
    assert interval(value) is None


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(D(2024, 2, 29), -12) == D(2023, 2, 28)
    assert add_months(D(2021, 3, 31), -1) == D(2021, 2, 28)
    assert add_months(D(2020, 12, 30), 2) == D(2021, 2, 28)


def test_duration_runs_back_or_forward_from_its_anchor() -> None:
    assert duration_interval("P2M", D(2020, 12, 30), -1) == (D(2020, 10, 30), D(2020, 12, 30))
    assert duration_interval("P2W", D(2020, 12, 30), 1) == (D(2020, 12, 30), D(2021, 1, 13))
    assert duration_interval("PXW", D(2020, 12, 30), 1) is None


def test_shifts_past_the_calendar_raise_one_error() -> None:
    # datetime stops at years 1 and 9999; every shift fails the same way so callers catch one error.
    with pytest.raises(OverflowError):
        add_months(D(2020, 12, 30), -12 * 2020)  # year 0
    with pytest.raises(OverflowError):
        add_months(D(9999, 12, 1), 1)


def test_a_duration_reaching_past_the_calendar_has_no_interval() -> None:
    assert duration_interval("P50000Y", D(2020, 12, 30), -1) is None
    assert duration_interval("P9999999D", D(2020, 12, 30), 1) is None


@pytest.mark.parametrize(
    ("value", "amount", "unit", "expected"),
    [
        ("2019-01-03", -2, "D", "2019-01-01"),
        ("2019-01-03", -1, "Y", "2018-01-03"),
        ("2020-02-29", 1, "Y", "2021-02-28"),  # no Feb. 29 in 2021: the month's last day
        ("2020-W01", -1, "W", "2019-W52"),
        ("2020-01", -2, "M", "2019-11"),
        ("1989-Q1", -1, "Y", "1988-Q1"),
        ("1989-Q1", -1, "Q", "1988-Q4"),
        ("1998", 2, "Y", "2000"),
        ("1998", -1, "DE", "1988"),
        # a unit finer than the value, or a value that is not a plain date: no shift
        ("1998", -3, "D", None),
        ("1989-Q3", -1, "M", None),
        ("2020-01", -1, "W", None),
        ("2020-12-30T22:00", -1, "D", None),
        ("PRESENT_REF", -1, "Y", None),
        ("2020-SU", -1, "Y", None),
    ],
)
def test_shift_value_keeps_the_precision(value: str, amount: int, unit: str, expected: str | None) -> None:
    assert shift_value(value, amount, unit) == expected
