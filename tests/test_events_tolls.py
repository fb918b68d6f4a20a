"""The death toll a sentence states, kept so that sources giving different tolls show it. No model."""

from __future__ import annotations

import pytest

from sortie.geodata.events.tolls import killed


@pytest.mark.parametrize(
    ("sentence", "toll"),
    [
        ("An air strike hit a building near the capital on Tuesday, killing two people.", 2),
        ("Jets struck an apartment on March 11, killing three people, a monitor said.", 3),
        ("a bombing on Feb. 14 that killed 40 paramilitary police", 40),
        ("Two people were killed and eight wounded in the strike", 2),
        ("Officials said the strikes killed at least 12 fighters.", 12),
    ],
)
def test_a_stated_toll_is_read(sentence: str, toll: int) -> None:
    assert killed(sentence) == toll


@pytest.mark.parametrize(
    "sentence",
    [
        'India said the strike killed a "very large number" of militants.',
        "The drone hit a fuel depot, causing a large fire.",
    ],
)
def test_no_number_no_toll(sentence: str) -> None:
    assert killed(sentence) is None
