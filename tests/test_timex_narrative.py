"""Narrative anchoring: "that year", "the following month", "the quarter" count from the date the
story was last at; other relative words keep counting from the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from sortie.geodata.timex import find_times

PUBLISHED = dt.date(2020, 12, 30)


def value_of(text: str, phrase: str) -> str:
    found = [t for t in find_times(text, None, PUBLISHED) if t.text == phrase]
    assert found, f"{phrase!r} not found in {text!r}"
    return found[-1].value


CASES = [
    # (text, phrase, value): worked out from the date the text gives before the phrase
    ("On May 22, 1995, he was made a general, and the following year he was appointed attache.",
     "the following year", "1996"),
    ("Imports totaled $37 million in 1988, a small share of all imports that year.", "that year", "1988"),
    ("He fled in June 1998 and returned to Cuba later that year.", "later that year", "1998"),
    ("It was put up for sale in March 1989. The following month, the company was sold.",
     "The following month", "1989-04"),
    ("Slepian was killed on Oct. 23, 1998. That day, the police had been warned.", "That day", "1998-10-23"),
    # "the quarter" refers back to the quarter reported on, not to the year-ago one it is compared with
    ("Profit rose in the third quarter of 1989 from the year-ago quarter. In the quarter, sales fell.",
     "the quarter", "1989-Q3"),
    # "N units earlier" counts back from the date the story is at, at the unit's precision
    ("Militias stormed the embassy on Dec. 31, 2019. Two days earlier, jets struck their camps.",
     "Two days earlier", "2019-12-29"),
    ("The base opened in March 1998. A year earlier, the runway was built.", "A year earlier", "1997"),
    # ...and in results for a quarter, the same quarter a year before, for "a year ago" too
    ("Profit for the fiscal first quarter rose 8%. A year earlier, it fell.", "A year earlier",
     "2019-Q1"),
    ("Profit for the fiscal first quarter rose 8% from $3 million a year ago.", "a year ago",
     "2019-Q1"),
    # a comparison is not where the story is: the second "a year earlier" counts from 1998 too
    ("In 1998 the fleet grew. A year earlier it had shrunk; sales fell from a year earlier.",
     "a year earlier", "1997"),
    # "the previous Friday": the Friday before the day the story is at
    ("The index closed at 2082 on Friday, Oct. 27, 1989, down 4.5% from the previous Friday.",
     "the previous Friday", "1989-10-20"),
    ("The talks opened on Wednesday, Jan. 6, 2021, and ended the following Monday.", "the following Monday",
     "2021-01-11"),
    # "the next day", "the night before": a day next to the day the story is at
    ("Jets struck the depot on Monday, Jan. 4, 2021. The next day, drones hit it again.", "The next day",
     "2021-01-05"),
    ("The base was shelled on Jan. 4, 2021. The night before, sirens had sounded.", "The night before",
     "2021-01-03TNI"),
    # ...but the day named again after a comma is the same day
    ("He was last seen Nov. 3, 2020, the day before a warrant was issued.", "the day before",
     "2020-11-03"),
    # "the day before" a day the text names
    ("The envoy landed the day before last Tuesday's talks.", "the day before last Tuesday", "2020-12-28"),
    # a clock time without a day is on the day the story is at
    ("The doctor was shot on Oct. 23, 1998, at his home. He died at 10 p.m.", "10 p.m.",
     "1998-10-23T22:00"),
    # a weekday in a sentence about a day well before publication is next to that day
    ("On March 20, 2003, troops crossed the border, and on Friday they took the airport.", "Friday",
     "2003-03-21"),
    # ...not the end of a range, nor a weekday beside a day of the reporting week
    ("The fund bought shares from Sept. 14, 2020 to Thursday.", "Thursday", "2020-12-24"),
    ("Jets flew on Dec. 28, and on Wednesday they returned.", "Wednesday", "2020-12-30"),
    # nothing to refer back to: the publication date
    ("Sales fell that year.", "that year", "2020"),
    # "next year" is not narrative: it counts from the publication, whatever the story said before
    ("In 1995 he left the army. He will return next year.", "next year", "2021"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "value"), CASES)
def test_counts_from_the_story(text: str, phrase: str, value: str) -> None:
    assert value_of(text, phrase) == value


def test_anchor_names_the_date_counted_from() -> None:
    text = "On May 22, 1995, he was made a general, and the following year he was appointed attache."
    following = next(t for t in find_times(text, None, PUBLISHED) if t.text == "the following year")
    assert following.anchor == "May 22, 1995"
    assert (following.start_date, following.end_date) == (dt.date(1996, 1, 1), dt.date(1996, 12, 31))
