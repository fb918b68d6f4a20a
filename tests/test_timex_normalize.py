"""Hard cases for time normalisation: each phrase read in a sentence, from a reference date.

Expected values are worked out by hand from the calendar (2020-12-30 is a Wednesday in ISO week 53).
"""

from __future__ import annotations

import datetime as dt

import pytest

from sortie.geodata.timex import find_times

D = dt.date
PUBLISHED = D(2020, 12, 30)


def one(text: str, phrase: str, published: dt.date | None = PUBLISHED):
    found = [t for t in find_times(text, None, published) if t.text == phrase]
    assert found, f"{phrase!r} not found in {text!r}: {find_times(text, None, published)}"
    return found[0]


VALUES = [
    # (sentence, expression, value)
    ("Just 10 days ago, the US embassy in Baghdad was attacked.", "10 days ago", "2020-12-20"),
    ("Soleimani was killed in a Jan. 3, 2019, drone strike.", "Jan. 3, 2019", "2019-01-03"),
    ("Tensions were further raised after an April incident.", "April", "2020-04"),
    ("A rocket attack targeted the U.S. Embassy in Baghdad this month.", "this month", "2020-12"),
    ("Rouhani is up for reelection in June, and the country may elect a hardliner.", "June", "2021-06"),
    ("In 2018, he pulled the U.S. out of the deal.", "2018", "2018"),
    ("The 2015 pact was inked by Iran.", "2015", "2015"),
    # a December article: January is behind or ahead by tense
    ("The talks collapsed in January.", "January", "2020-01"),
    ("The talks will resume in January.", "January", "2021-01"),
    ("He will meet the envoy on Monday.", "Monday", "2021-01-04"),
    ("They met the envoy on Monday.", "Monday", "2020-12-28"),
    ("The anniversary falls on Jan. 3.", "Jan. 3", "2021-01-03"),
    ("Officials spoke yesterday.", "yesterday", "2020-12-29"),
    ("The vote is tomorrow.", "tomorrow", "2020-12-31"),
    ("Talks stalled last week.", "last week", "2020-W52"),
    ("Talks resume this week.", "this week", "2020-W53"),
    ("Protests spread this past weekend.", "this past weekend", "2020-W52-WE"),
    ("Fires burned last summer.", "last summer", "2020-SU"),
    ("Sales fell in mid-November.", "mid-November", "2020-11"),
    ("Troops flew in at 10 p.m. Wednesday.", "10 p.m. Wednesday", "2020-12-30T22:00"),
    ("Growth slowed in the 1990s.", "the 1990s", "199"),
    ("Costs rose in fiscal 1998.", "fiscal 1998", "1998"),
    ("Patrols fly daily.", "daily", "P1D"),
    ("Iran is now on alert.", "now", "PRESENT_REF"),
    ("Shelling resumed in mid-afternoon yesterday.", "mid-afternoon yesterday", "2020-12-29TAF"),
    ("The jets took off at midday.", "midday", "2020-12-30T12:00"),
    ("The carrier will sail in the near future.", "the near future", "FUTURE_REF"),
    ("Fuel supplies are secure for the short term.", "the short term", "FUTURE_REF"),
    ("The hearing was put off to a later date.", "a later date", "FUTURE_REF"),
    ("Talks will go on over the weeks ahead.", "the weeks ahead", "PXW"),
    ("The hearing is set for the week of Jan. 11.", "the week of Jan. 11", "2021-W02"),
    # years said in words, as broadcast transcripts write them
    (
        "Oil fell to that level in the winter of nineteen ninety-four.",
        "the winter of nineteen ninety-four",
        "1994-WI",
    ),
    ("January nineteen ninety-seven. A second bomb went off.", "January nineteen ninety-seven", "1997-01"),
    # a clock time with its day after the same time in another zone, as wires write it
    (
        "The blast came at about 10:35 a.m. (0735 GMT) Monday.",
        "at about 10:35 a.m. (0735 GMT) Monday",
        "2020-12-28T10:35",
    ),
    ("The new basing rules take hold effective Feb. 1.", "Feb. 1", "2021-02-01"),
    # tense from the words around a weekday (see test_timex_anchor)
    ("A navy spokesman said Thursday that the frigates will stay.", "Thursday", "2020-12-24"),
    ("The embassy gave the crew until Tuesday to leave.", "Tuesday", "2021-01-05"),
    ("The ceasefire had been scheduled to expire Sunday.", "Sunday", "2020-12-27"),
    ("The offer stands until 9 a.m. Monday.", "until 9 a.m. Monday", "2021-01-04T09:00"),
    ("The base was recently expanded.", "recently", "PAST_REF"),
    ("The bombers flew for 36 hours.", "36 hours", "PT36H"),
]


@pytest.mark.parametrize(("text", "phrase", "value"), VALUES)
def test_value(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


INTERVALS = [
    # (sentence, expression, value, start, end)
    (
        "In the past two months these bombers have flown over the Gulf.",
        "the past two months", "P2M", D(2020, 10, 30), D(2020, 12, 30),
    ),
    (
        "It was the third time in the last 45 days that such flights took place.",
        "the last 45 days", "P45D", D(2020, 11, 15), D(2020, 12, 30),
    ),
    (
        "At the beginning of the month Washington reduced its staff.",
        "the beginning of the month", "2020-12", D(2020, 12, 1), D(2020, 12, 10),
    ),
    ("Talks resume this week.", "this week", "2020-W53", D(2020, 12, 28), D(2021, 1, 3)),
    ("Tensions rose after an April incident.", "April", "2020-04", D(2020, 4, 1), D(2020, 4, 30)),
    ("Fires burned last summer.", "last summer", "2020-SU", D(2020, 6, 1), D(2020, 8, 31)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "value", "start", "end"), INTERVALS)
def test_interval(text: str, phrase: str, value: str, start: dt.date, end: dt.date) -> None:
    t = one(text, phrase)
    assert (t.value, t.start_date, t.end_date) == (value, start, end)


def test_beginning_of_month_is_marked_start() -> None:
    assert one("At the beginning of the month staff left.", "the beginning of the month").mod == "START"


def test_quoted_weekday_counts_from_the_dated_attribution() -> None:
    text = (
        "\u201cOur embassy in Baghdad got hit Sunday by several rockets,\u201d he tweeted on Dec. 23. "
        "\u201cThree rockets failed to launch.\u201d"
    )
    sunday = one(text, "Sunday")
    # Dec. 23, 2020 is a Wednesday: the Sunday before it is the 20th, not the 27th before publication
    assert sunday.value == "2020-12-20"
    assert sunday.anchor == "Dec. 23"


def test_unquoted_weekday_counts_from_publication() -> None:
    assert one("The embassy was hit Sunday by rockets.", "Sunday").value == "2020-12-27"


def test_leap_day_found_in_the_nearest_leap_year() -> None:
    assert one("The deal was signed on Feb. 29.", "Feb. 29", D(2021, 3, 10)).value == "2020-02-29"
    assert one("The deal was signed on Feb. 29.", "Feb. 29", D(2024, 3, 1)).value == "2024-02-29"


def test_counting_back_from_a_leap_day() -> None:
    assert one("A year ago the border closed.", "A year ago", D(2024, 2, 29)).value == "2023"
    assert one("It closed 365 days ago.", "365 days ago", D(2024, 2, 29)).value == "2023-03-01"


def test_earnings_year_ago_is_the_same_quarter() -> None:
    text = "Third-quarter profit rose 11%. Net income was $4 million a year ago."
    assert one(text, "a year ago", D(1989, 11, 2)).value == "1988-Q3"


def test_the_quarter_is_the_last_one_completed() -> None:
    assert one("Revenue inched up 3.7% in the quarter.", "the quarter", D(1989, 10, 30)).value == "1989-Q3"


@pytest.mark.parametrize(
    ("text", "phrase", "published", "value"),
    [
        # a quarter named by its last day: the calendar quarter holding most of its three months
        ("In the quarter ended July 31, the airline flew 3,000 sorties.", "the quarter", D(2019, 10, 3),
         "2019-Q2"),
        ("Sales for the quarter ending June 30 are expected to fall.", "the quarter", D(2021, 5, 20),
         "2021-Q2"),
        # a fiscal quarter keeps its ordinal, in the year of its last day
        ("Profit for its fourth quarter ended Aug. 26 rose 5%.", "fourth quarter", D(2019, 10, 3),
         "2019-Q4"),
        # an ordinal quarter still to come this year is last year's when nothing says future
        ("Shipyard losses for the fourth quarter total $3 million.", "the fourth quarter", D(2021, 1, 26),
         "2020-Q4"),
        ("The shipyard will post a loss for the fourth quarter.", "the fourth quarter", D(2021, 1, 26),
         "2021-Q4"),
        # the first two quarters of a year are its first half, the last two its second
        ("Demand should stay weak through at least the first two quarters of 2022.",
         "the first two quarters of 2022", D(2021, 10, 5), "2022-H1"),
        ("The yard lost money in the last two quarters of 2020.", "the last two quarters of 2020",
         D(2021, 10, 5), "2020-H2"),
    ],
)  # fmt: skip
def test_quarters(text: str, phrase: str, published: dt.date, value: str) -> None:
    assert one(text, phrase, published).value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # the quarter reported on and the one it is compared with, named several ways
        ("Third-quarter profit rose 8%. In the 1988 quarter, the yard lost money.", "the 1988 quarter",
         "1988-Q3"),
        ("Third-quarter profit rose 8% from the corresponding period last year.",
         "the corresponding period last year", "1988-Q3"),
        ("Third-quarter profit rose 8%. For the quarter a year ago, it was flat.", "the quarter a year ago",
         "1988-Q3"),
        ("Profit for the fiscal first quarter rose, up from the comparable year-ago quarter.",
         "the comparable year-ago quarter", "1988-Q1"),
    ],
)  # fmt: skip
def test_compared_quarters(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase, D(1989, 11, 2)).value == value


@pytest.mark.parametrize(
    ("text", "phrase", "published", "value"),
    [
        # seasons are named by the year they start in: in February the fall before is last year's
        ("Fighting flared last fall.", "last fall", D(2021, 2, 10), "2020-FA"),
        ("Fighting flared in the fall.", "the fall", D(2021, 2, 10), "2020-FA"),
        ("Fighting flared last winter.", "last winter", D(2021, 2, 10), "2019-WI"),
        ("Exercises resume next spring.", "next spring", D(2021, 2, 10), "2021-SP"),
        ("Fighting flared last fall.", "last fall", D(2021, 10, 10), "2020-FA"),
        ("Exercises resume next winter.", "next winter", D(2021, 1, 10), "2021-WI"),
    ],
)  # fmt: skip
def test_seasons(text: str, phrase: str, published: dt.date, value: str) -> None:
    assert one(text, phrase, published).value == value


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # a sentence may open with the word that makes it a time
        ("In the past, the base hosted bombers.", "the past"),
        ("Over the summer, the carrier stayed in port.", "the summer"),
    ],
)
def test_capitalised_prepositions(text: str, phrase: str) -> None:
    assert one(text, phrase).text == phrase


def test_quarter_to_quarter_is_not_a_quarter() -> None:
    found = find_times("The quarter-to-quarter comparison was flattering.", None, D(2019, 10, 3))
    assert [t.text for t in found] == []


NO_PUBLISHED = [
    ("The embassy was hit Sunday.", "Sunday", "XXXX-WXX-7"),
    ("Tensions rose after an April incident.", "April", "XXXX-04"),
    ("Just 10 days ago the embassy was attacked.", "10 days ago", "XXXX-XX-XX"),
    ("A rocket hit the embassy this month.", "this month", "XXXX-XX"),
    ("He tweeted on Dec. 23.", "Dec. 23", "XXXX-12-23"),
    ("In the past two months bombers flew.", "the past two months", "P2M"),
]


@pytest.mark.parametrize(("text", "phrase", "value"), NO_PUBLISHED)
def test_without_publication_date_relative_values_are_unanchored(text: str, phrase: str, value: str) -> None:
    t = one(text, phrase, None)
    assert t.value == value
    assert t.start_date is None and t.end_date is None


def test_without_publication_date_absolute_dates_still_normalise() -> None:
    t = one("Soleimani was killed in a Jan. 3, 2019, drone strike.", "Jan. 3, 2019", None)
    assert (t.value, t.start_date, t.end_date) == ("2019-01-03", D(2019, 1, 3), D(2019, 1, 3))


CONVENTIONS = [
    # TimeBank's conventions (majority reading of the gold corpus), from 2020-12-30:
    # "the past year" is valued as the previous calendar year but denotes the twelve months to date
    ("Hate groups grew over the past year.", "the past year", "2019", D(2019, 12, 30), D(2020, 12, 30)),
    ("Wages fell in the last decade.", "the last decade", "201", D(2010, 12, 30), D(2020, 12, 30)),
    # a decade in words is the last century's
    ("Numbers dropped through the nineties.", "the nineties", "199", D(1990, 1, 1), D(1999, 12, 31)),
]


@pytest.mark.parametrize(("text", "phrase", "value", "start", "end"), CONVENTIONS)
def test_timebank_conventions(text: str, phrase: str, value: str, start: dt.date, end: dt.date) -> None:
    t = one(text, phrase)
    assert (t.type, t.value, t.start_date, t.end_date) == ("DATE", value, start, end)


def test_an_age_in_decades_is_not_a_time() -> None:
    assert not [
        t for t in find_times("In his forties he moved to Basra.", None, PUBLISHED) if "forties" in t.text
    ]


def test_the_last_week_of_a_month_is_not_counted_back_from_today() -> None:
    t = one("In the last week of June, troops left.", "the last week")
    assert t.start_date is None and t.end_date is None


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # Regression: these raised ValueError/OverflowError out of find_times and lost the article.
        ("Fossils show the region was dry for the past 5000 decades.", "the past 5000 decades", "P50000Y"),
        ("Ice covered it for the past 999999 years.", "the past 999999 years", "P999999Y"),
    ],
)
def test_durations_beyond_the_calendar_keep_their_value_without_dates(
    text: str, phrase: str, value: str
) -> None:
    t = one(text, phrase)
    assert (t.value, t.start_date, t.end_date) == (value, None, None)


def test_a_count_beyond_the_calendar_is_left_out_not_fatal() -> None:
    # 9,999,999 days is some 27,000 years: no calendar day to name; the other dates still come back.
    found = find_times("It ended 9999999 days ago, and again on Jan. 3, 2019.", None, PUBLISHED)
    assert [t.value for t in found] == ["2019-01-03"]


def test_a_holiday_read_at_the_calendar_edge() -> None:
    # Christmas in the past tense, read on Jan. 5 of year 1: no year 0 to fall back to, so the
    # nearest Christmas (Dec. 25 of year 1) is taken rather than raising.
    assert one("They met at Christmas.", "Christmas", D(1, 1, 5)).value == "0001-12-25"


def test_a_period_that_ended_on_a_day_ended_before_publication() -> None:
    # Jan. 31, 2021 is nearer to the publication date than Jan. 31, 2020, but a year that "ended"
    # on it is over: the earlier one
    text = "In the fiscal year ended Jan. 31, the yard earned $4 million."
    assert one(text, "Jan. 31").value == "2020-01-31"
    # ...even four days ahead of publication
    text = "In the second quarter ended Jan. 3, the airline lost money."
    assert one(text, "Jan. 3").value == "2020-01-03"


def test_a_year_earlier_after_nine_months_compares_years_not_quarters() -> None:
    text = (
        "Third-quarter profit rose 11% to $4 million. In the nine months, net income rose to $12 million "
        "from $10 million a year earlier."
    )
    # the nine months of 1989 against those of 1988: a year, not the third quarter of 1988
    assert one(text, "a year earlier", D(1989, 11, 2)).value == "1988"
    text = "Third-quarter profit rose 11% to $4 million, from $3.6 million a year earlier."
    assert one(text, "a year earlier", D(1989, 11, 2)).value == "1988-Q3"


def test_next_month_in_a_past_sentence_is_the_coming_one_unless_its_own_verb_is_past() -> None:
    # a December article: the past tense is the describing, not the cut's
    text = "Officials briefed on the plan described a sharp cut in fuel deliveries to the base in January."
    assert one(text, "January").value == "2021-01"
    # "collapsed in January" is a past event of its own: last January
    assert one("The talks collapsed in January.", "January").value == "2020-01"
    # a month further ahead in a past sentence stays last year's
    text = "Officials briefed on the plan described a sharp cut in fuel deliveries to the base in March."
    assert one(text, "March").value == "2020-03"


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # the second day of a range or a pair takes the first one's month
        ("The summit will be held on April 24 and 25.", "25", "2021-04-25"),
        # a year written after the range belongs to both days
        ("Talks ran March 3-5, 2019, in Vienna.", "March 3", "2019-03-03"),
        ("Talks ran March 3-5, 2019, in Vienna.", "5, 2019", "2019-03-05"),
    ],
)
def test_day_ranges(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


@pytest.mark.parametrize(
    "text", ["Shares rose from Sept. 14 to 16 percent.", "On Sept. 14 and 16 soldiers were wounded."]
)
def test_a_number_after_a_date_is_not_a_day_when_it_counts_something(text: str) -> None:
    assert [t.text for t in find_times(text, None, PUBLISHED)] == ["Sept. 14"]


@pytest.mark.parametrize("phrase", ["year-end", "year end", "year's end", "the end of the year"])
def test_year_end_is_the_end_of_the_year(phrase: str) -> None:
    # TimeML: the year, with the mod END (its last third on the calendar)
    found = one(f"The base should reopen by {phrase}.", phrase)
    assert (found.value, found.mod) == ("2020", "END")
    assert (found.start_date, found.end_date) == (D(2020, 9, 1), D(2020, 12, 31))


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # "last" with a day date: the latest such day before publication, "next" the first after
        ("The pilot was shot down last Oct. 23 near the border.", "last Oct. 23", "2020-10-23"),
        ("The pilot was shot down last Dec. 31 near the border.", "last Dec. 31", "2019-12-31"),
        ("The envoy returns next March 3.", "next March 3", "2021-03-03"),
    ],
)
def test_last_and_next_day_dates(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value", "mod"),
    [
        # half of a decade: the decade, its first or last part
        ("Arms sales were flat in the last half of the '80s.", "the last half of the '80s", "198", "END"),
        ("Arms sales grew in the first half of the 1990s.", "the first half of the 1990s", "199", "START"),
    ],
)
def test_half_of_a_decade(text: str, phrase: str, value: str, mod: str) -> None:
    found = one(text, phrase)
    assert (found.value, found.mod) == (value, mod)
