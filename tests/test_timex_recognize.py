"""Extents of time expressions, and look-alikes that are not times."""

from __future__ import annotations

import datetime as dt

import pytest

from sortie.geodata.timex import find_times, split_sentences

PUBLISHED = dt.date(2020, 12, 30)


# an anniversary is a time when the text dates the event it remembers
DATED_ANNIVERSARY = (
    "Soleimani was killed in a Jan. 3, 2020, drone strike. Crowds gathered days before the one-year "
    "anniversary of the strike that killed Soleimani."
)


def texts(text: str) -> list[str]:
    return [t.text for t in find_times(text, None, PUBLISHED)]


@pytest.mark.parametrize(
    ("text", "extent"),
    [
        ("as in the past two months these bombers flew", "the past two months"),
        (DATED_ANNIVERSARY, "the one-year anniversary"),
        ("killed in a Jan. 3, 2019, drone strike", "Jan. 3, 2019"),
        ("Just 10 days ago, the embassy was attacked", "10 days ago"),
        ("he tweeted on Dec. 23.", "Dec. 23"),
        ("The talks may resume in early March.", "early March"),
        ("It happened on Wednesday, Dec. 23, 2020, at dawn.", "Wednesday, Dec. 23, 2020"),
        # a colon after the date (an editorial's dateline) is not a clock time's
        ("The paper wrote in an editorial on Monday, Dec. 28: enough.", "Monday, Dec. 28"),
        ("It takes a week to refit the ship.", "a week"),  # a verb in -s is no rate
        ("The carrier will sail in the near future.", "the near future"),
        ("Talks will go on over the weeks ahead.", "the weeks ahead"),
        ("Losses should narrow over the next three quarters.", "the next three quarters"),
        ("The jets took off at midday.", "midday"),
        ("Shelling resumed in mid-afternoon yesterday.", "mid-afternoon yesterday"),
        ("sales in the third quarter rose", "the third quarter"),
        ("the 30-year-old man said it took nearly two years", "nearly two years"),
    ],
)
def test_extent(text: str, extent: str) -> None:
    assert extent in texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "the 1st Armored Division moved north",
        "two F-35 jets and a B-52 took off",
        "a MiG-29 and a Su-57 were seen",
        "traffic on Route 66 was heavy",
        "the Pentagon sent 2,015 troops",
        "the Pentagon sent 2015 troops",
        "the crash killed 176 people",
        "call 202-555-1987 for details",
        "the deal is worth $2015 million",
        "Iran may retaliate, officials fear.",
        "a 30-year-old man was arrested",
        # rates: an amount or a plural noun before "a year" counts things per year
        "the base costs $2 million a year to run",
        "the airline runs four flights a week",
        "it paid 358,000 a month",
        # an ordinal and fractions, not units of time
        "a second squadron arrived",
        "rebels hold more than a quarter of the city",
        "losses mounted in a quarter that saw heavy fighting",
        # "the long term effects" is an adjective, not a time
        "the long term effects are unknown",
        # a unit written with a capital inside the expression makes it a name: a programme, a war
        'The envoy said on the network\'s "This Week" program that the talks would go on.',
        'He told CBS\'s "60 Minutes" the strike was legal.',
        "Veterans of the Six-Day War gathered at the memorial.",
    ],
)
def test_not_times(text: str) -> None:
    assert texts(text) == []


def test_offsets_point_into_the_text() -> None:
    text = "\u201cOur embassy got hit Sunday,\u201d he tweeted on Dec. 23.\n\nIn 2018, he left."
    found = find_times(text, None, PUBLISHED)
    assert [t.text for t in found] == ["Sunday", "Dec. 23", "2018"]
    for t in found:
        assert text[t.start : t.end] == t.text


def test_sentence_index_follows_the_sentences_given() -> None:
    text = "Troops left on Monday. They came back in April."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Troops left on Monday.", "They came back in April."]
    assert [t.sentence for t in find_times(text, sentences, PUBLISHED)] == [0, 1]


def test_titles_and_vs_do_not_end_sentences() -> None:
    text = "In March, a week after the Smith vs. Jones ruling, a blast hurt Dr. Ann Lee. Gen. Ray left."
    assert [s.text for s in split_sentences(text)] == [
        "In March, a week after the Smith vs. Jones ruling, a blast hurt Dr. Ann Lee.",
        "Gen. Ray left.",
    ]
    # "Inc." may end one: a company named last in a sentence
    assert len(split_sentences("Shares rose at Acme Inc. The firm said so.")) == 2


def test_the_tense_of_a_month_is_read_across_a_title() -> None:
    # "killed" makes the March the last one; split at "vs." or "Dr.", the month was read without it
    text = "In March, a week after the Smith vs. Jones ruling, a blast killed Dr. Ann Lee in her clinic."
    found = find_times(text, split_sentences(text), dt.date(2020, 11, 2))
    assert [t.value for t in found if t.text == "March"] == ["2020-03"]


def test_high_noon_is_no_clock_time() -> None:
    assert texts("For the alliance, high noon comes today.") == ["today"]
    assert texts("The film High Noon was shown.") == []
    assert texts("The jets took off at noon.") == ["noon"]


def test_a_title_case_headline_keeps_its_times() -> None:
    # every long word has a capital: a headline, not a name inside prose
    assert texts("Bombers Return To Guam Next Week After Long Deployment") == ["Next Week"]
