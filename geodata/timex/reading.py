"""What normalisation reads and returns, and the small helpers every family of rule shares.

`Context` is what a relative expression is computed from (reference date, tense, nearby text);
`Reading` is a TIMEX3 type, value and mod, with the direction of a duration anchored at the
reference date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sortie.geodata.timex.lexicon import MONTHS


@dataclass(frozen=True, slots=True)
class Context:
    """What a relative expression is computed from."""

    ref: dt.date | None  # reference date; None when unknown
    tense: int = 0  # -1 past, +1 future, 0 unknown (from `anchor.tense_at`)
    nearby: str = ""  # the sentence and the two before it, for reading "a year ago" in its context
    narrative: bool = False  # `ref` is the date the story was last at (see `narrative`), not today
    story: str | None = None  # with `narrative`: that date's TIMEX3 value ("1989-Q3", "1995-05-22")
    # the tense read only from markers next to the expression (`anchor.NEAR`): its own verb's
    near_tense: int | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    type: str
    value: str
    mod: str | None = None
    direction: int = 0  # for a duration: -1 ends at the reference date, +1 starts there
    # A stretch the expression denotes when its TIMEX3 value names another one: "the past year" is
    # valued as the previous calendar year (TimeBank) but denotes the twelve months up to the
    # reference date (period "P1Y", direction -1).
    period: str | None = None


_POS_MOD = {
    "early": "START", "earlier": "START", "beginning": "START", "start": "START", "turn": "START",
    "late": "END", "later": "END", "end": "END", "close": "END", "mid": "MID", "middle": "MID",
}  # fmt: skip


APPROX_MOD = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "close to": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN", "just under": "LESS_THAN",
    "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
}  # fmt: skip


def pos_mod(pos: str | None) -> str | None:
    if not pos:
        return None
    for word in pos.lower().replace("-", " ").split():
        if word in _POS_MOD:
            return _POS_MOD[word]
    return None


def month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_value(day: dt.date | None) -> str:
    return day.isoformat() if day else "XXXX-XX-XX"


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1
