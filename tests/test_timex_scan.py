"""Confined scanning: a rule looks only where its keywords are, and finds exactly what it would
find scanning the whole text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sortie.geodata.timex.recognize import _compiled
from sortie.geodata.timex.scan import Page, lowered_for_keywords, scan, scope_of


def scope(pattern: str):  # type: ignore[no-untyped-def]
    return scope_of(rf"(?<!\w){pattern}", re.IGNORECASE)


def test_keywords_come_from_the_part_every_match_needs() -> None:
    # The approximation is optional and the amount a digit class; of the two required word
    # groups, the one whose shortest word is longer is kept (a longer keyword is rarer).
    assert scope(r"(?:about\s+)?\d+\s+(?:years?|months?)\s+ago").keywords == {"year", "month"}
    # Alternatives of one required group are all keywords; a shared prefix is not cut off them.
    assert scope(r"(?:Jan\.|January|June)\s+\d+").keywords == {"jan.", "january", "june"}


def test_no_keyword_when_every_part_is_optional_or_a_class() -> None:
    assert scope(r"\d+(?:\s+days)?").keywords is None
    assert scope(r"(?:last\s+)?\w+").keywords is None


def test_inert_characters_are_punctuation_the_pattern_never_reads() -> None:
    s = scope(r"(?:last|next)\s+week(?!\w)")
    assert {",", '"', "(", "\u201c", "-"} <= set(s.inert)
    # A character read only by a lookaround is not inert: the lookaround would see it.
    assert "%" not in scope(r"year(?![%/])").inert
    assert "," not in scope(r"May,?\s+2019").inert


def test_anything_goes_patterns_have_no_inert_characters() -> None:
    assert scope(r"week[^x]").inert == ""  # a negated set matches punctuation
    assert scope(r"week.").inert == ""
    assert scope(r"week$").inert == ""  # the end of a piece is not the end of the text


def test_case_folding_that_substring_tests_miss_turns_the_filter_off() -> None:
    # Under re.IGNORECASE the long s matches "s" and the Kelvin sign "k": "ſeconds" is "seconds".
    assert lowered_for_keywords("two \u017feconds ago") is None
    assert lowered_for_keywords("\u212aabul, two weeks ago") is None
    assert lowered_for_keywords("\u0130stanbul, two weeks ago") is None  # lower() adds a character
    assert lowered_for_keywords("\u201cTwo Weeks\u201d ago") == "\u201ctwo weeks\u201d ago"


def test_rule_without_its_keyword_finds_nothing_and_with_it_finds_the_same() -> None:
    pattern = re.compile(r"(?<!\w)(?:the\s+)?(?:third|fourth)\s+quarter", re.IGNORECASE)
    s = scope_of(pattern.pattern, re.IGNORECASE)
    assert list(scan(pattern, s, Page("troops moved in the third week, she said."))) == []
    text = 'He said, "in the third quarter" and (the fourth\nquarter), then the Third Quarter.'
    assert [m.group() for m in scan(pattern, s, Page(text))] == [
        "the third quarter",
        "the fourth\nquarter",
        "the Third Quarter",
    ]


# Texts made of time words, numbers and the punctuation that cuts pieces, with case changes and the
# look-alike letters that defeat substring tests.
_WORDS = [
    "the", "last", "next", "past", "two", "ten", "a", "few", "days", "day", "weeks", "week", "ago",
    "earlier", "May", "may", "Jan.", "January", "Sept", "March", "Monday", "morning", "night", "year",
    "years", "1990s", "'90s", "2019", "2,015", "1999", "12/25/2019", "2020-01-03", "10", "p.m.", "a.m.",
    "noon", "GMT", "quarter", "third", "half", "fiscal", "summer", "century", "20th", "anniversary",
    "Christmas", "now", "currently", "every", "daily", "once", "twice", "per", "hours", "minutes",
    "of", "in", "on", "about", "nearly", "more", "than", "year-end", "end", "early", "mid",
    "\u017feconds", "\u212aabul", "\u0130stanbul", "½",
]  # fmt: skip
_GLUE = [
    " ", "  ", "\n", ", ", ". ", "-", " - ", '"', "\u201c", "\u201d", "(", ")", "'", "'s ", ": ", "; ", "/",
]  # fmt: skip
_texts = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GLUE), st.booleans()), max_size=30).map(
    lambda parts: "".join((w.upper() if up else w) + g for w, g, up in parts)
)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_every_rule_finds_exactly_what_a_whole_text_scan_finds(text: str) -> None:
    page = Page(text)
    for name, pattern, s in _compiled():
        whole = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        confined = [(m.span(), m.groups()) for m in scan(pattern, s, page)]
        assert confined == whole, name
