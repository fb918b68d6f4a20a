"""Anniversaries: dated only when the text dates the event they remember."""

from __future__ import annotations

import datetime as dt

import pytest

from sortie.geodata.timex import find_times

D = dt.date


def anniversary(text: str, published: dt.date | None):
    found = [t for t in find_times(text, None, published) if "anniversary" in t.text]
    assert found, f"no anniversary found in {text!r}"
    return found[-1]


CASES = [
    # (text, published, phrase, value): the event's month and day, in the year around publication
    (
        # the strike is dated in another sentence that shares its words (Soleimani, killed/strike);
        # Jan. 3 nearest to 2020-12-30 is 2021-01-03, after the event's year
        "Soleimani was killed in a Jan. 3, 2020, drone strike. Bombers flew days before the one-year "
        "anniversary of the strike that killed Soleimani.",
        D(2020, 12, 30), "the one-year anniversary", "2021-01-03",
    ),
    (
        # the date in the phrase itself; the gathering of 2021-03-20 looks back five days
        "Protesters gathered on the anniversary of the March 15, 2011 uprising in Deraa.",
        D(2021, 3, 20), "the anniversary", "2021-03-15",
    ),
    (
        # a bare "the anniversary of X" later in the text, the event dated before it
        "The flood destroyed Tarnow on May 4, 2010. Residents will gather for the tenth anniversary of "
        "the flood that destroyed Tarnow.",
        D(2020, 4, 20), "the tenth anniversary", "2020-05-04",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "phrase", "value"), CASES)
def test_dated_anniversary(text: str, published: dt.date, phrase: str, value: str) -> None:
    found = anniversary(text, published)
    assert found.text == phrase
    assert found.type == "DATE"
    assert found.value == value
    day = dt.date.fromisoformat(value)
    assert (found.start_date, found.end_date) == (day, day)


@pytest.mark.parametrize(
    "text",
    [
        # nothing in the text dates the death
        "Iran is on alert as the anniversary of the general's death approaches.",
        # a date that belongs to another event does not date this one
        "Talks resumed on Feb. 2, 2020, in Vienna. Crowds later marked the anniversary of the revolution.",
    ],
)
def test_undated_anniversary_is_not_guessed(text: str) -> None:
    # TimeML takes an anniversary for an event: with no date for it in the text there is no time
    assert [t for t in find_times(text, None, D(2020, 12, 30)) if "anniversary" in t.text] == []


def test_without_publication_the_ordinal_counts_from_the_event() -> None:
    text = (
        "The flood destroyed Tarnow on May 4, 2010. Residents will gather for the tenth anniversary of "
        "the flood that destroyed Tarnow."
    )
    assert anniversary(text, None).value == "2020-05-04"  # 2010 + 10 years


def test_without_publication_a_bare_anniversary_has_no_year() -> None:
    text = (
        "The flood destroyed Tarnow on May 4, 2010. Residents gathered on the anniversary of the flood in "
        "Tarnow."
    )
    found = anniversary(text, None)
    assert found.value == "XXXX-05-04"
    assert found.start_date is None

