"""End to end: the seed articles through the real spaCy pipeline, times read as a reader would.

Expected values come from reading the seeds (published 2020-12-30, from seeds/meta.json): the tweet
"of Dec. 23" says the embassy "got hit Sunday", the Sunday before the tweet (2020-12-20); Rouhani "is
up for reelection in June", an election still to come (2021-06).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sortie.geodata.records import ParsedArticle, TimeMention

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def parsed() -> list[ParsedArticle]:
    from sortie.geodata.pipeline import parse_paths

    out = [p for p in parse_paths([str(SEEDS)]) if isinstance(p, ParsedArticle)]
    assert len(out) == len(list(SEEDS.glob("*.txt"))), "a seed failed to load"
    return out


def _near(parsed: list[ParsedArticle], phrase: str, word: str) -> TimeMention:
    """The mention `phrase` in the sentence that contains `word`."""
    for p in parsed:
        for t in p.times:
            if t.text == phrase and word in p.sentences[t.sentence].text:
                return t
    raise AssertionError(f"{phrase!r} not found in a sentence with {word!r}")


def test_sunday_of_the_tweet_counts_from_the_tweet(parsed: list[ParsedArticle]) -> None:
    sunday = _near(parsed, "Sunday", "tweeted")
    assert sunday.value == "2020-12-20"
    assert (sunday.start_date, sunday.end_date) == (dt.date(2020, 12, 20), dt.date(2020, 12, 20))


def test_june_of_the_reelection_is_the_next_june(parsed: list[ParsedArticle]) -> None:
    june = _near(parsed, "June", "reelection")
    assert june.value == "2021-06"
    assert (june.start_date, june.end_date) == (dt.date(2021, 6, 1), dt.date(2021, 6, 30))


def test_every_mention_points_into_its_text(parsed: list[ParsedArticle]) -> None:
    for p in parsed:
        assert p.times, p.article.doc
        for t in p.times:
            assert p.article.text[t.start : t.end] == t.text
