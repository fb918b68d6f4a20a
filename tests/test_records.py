"""Records validate themselves: a bad span, coordinate or interval fails where it is made."""

from __future__ import annotations

import datetime as dt

import pytest

from sortie.geodata.records import Article, Citation, Feature, Mention, Place, Sentence, TimeMention


def test_place_rejects_latitude_and_longitude_swapped_out_of_range() -> None:
    # Minot AFB written lat, lon by mistake: longitude -101 is fine, latitude -101 is not.
    with pytest.raises(ValueError, match="out of range"):
        Place("icao:KMIB", "Minot AFB", "airbase", "US", lon=48.4, lat=-101.4, precision="point")


def test_place_rejects_an_unknown_precision() -> None:
    with pytest.raises(ValueError, match="precision"):
        Place("x:1", "X", "city", None, 0.0, 0.0, precision="street")


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 5), (7, 2)])
def test_mention_needs_a_non_empty_span(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        Mention("x", start, end, 0, "GPE")


def test_sentence_and_article_checks() -> None:
    with pytest.raises(ValueError):
        Sentence(0, 10, 2, "x")
    with pytest.raises(ValueError):
        Article(doc="", text="x")


def test_time_interval_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="ends before"):
        TimeMention("x", 0, 1, 0, "DATE", "2020", dt.date(2020, 12, 31), dt.date(2020, 1, 1))
    with pytest.raises(ValueError, match="TIMEX3 type"):
        TimeMention("x", 0, 1, 0, "WHEN", "2020")


def test_feature_sources_count_distinct_articles() -> None:
    cite = [Citation("a.txt", "s1", 0, 2), Citation("a.txt", "s2", 3, 5), Citation("b.txt", "s", 0, 1)]
    f = Feature("f", "events", "n", "strike", {"type": "Point", "coordinates": [0, 0]}, None, "point",
                None, None, None, tuple(cite))  # fmt: skip
    assert f.sources == 2  # two sentences of one article are one source
