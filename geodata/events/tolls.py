"""The death toll a sentence states for its event: "killing two people", "40 soldiers were killed".

Kept beside the event so that two sources giving different tolls for one strike show it (see
`merge`); a toll without a number ("killed a large number of militants") is no toll.
"""

from __future__ import annotations

import re

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
_NUM = r"(\d[\d,]*|" + "|".join(_WORDS) + r")"
_HEDGE = r"(?:at least |about |some |more than |nearly |around |up to )?"
_KILLING = re.compile(r"\bkill(?:ing|ed|s)?\s+" + _HEDGE + _NUM + r"\b(?!\s*(?:%|per\s?cent|years?))", re.I)
_WERE_KILLED = re.compile(
    r"\b" + _HEDGE + _NUM + r"\s+(?:[a-z-]+\s+){0,3}(?:were|was|have been|had been)\s+killed\b", re.I
)


def _value(word: str) -> int | None:
    w = word.lower().replace(",", "")
    if w.isdigit():
        return int(w)
    return _WORDS.get(w)


def killed(sentence: str) -> int | None:
    """The number of dead the sentence states, or None."""
    for pattern in (_KILLING, _WERE_KILLED):
        m = pattern.search(sentence)
        if m:
            return _value(m.group(1))
    return None
