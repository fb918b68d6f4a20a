"""When an event happened: a time tied to it, else the nearest one before it, else the report date.

The order follows how a reader dates an incident: "a Jan. 3, 2019, drone strike" and "hit Sunday" are
tied to their trigger; a date stated earlier in the same paragraph carries over to the next sentence;
failing both, the article's publication date bounds it ("reported"), with a coarse precision.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sortie.geodata.records import TIME_PRECISIONS, TimeMention

STATED = "stated"
NEARBY = "nearby"
REPORTED = "reported"
# A report date says the event happened on or shortly before it: a week is the honest precision.
# The interval stays the publication day itself (start = end = published), not the week before
# it: news mostly reports the day's and the day before's events, so a week-long window would
# date most of them days too early. What the day means is said beside it: the feature's
# `time_basis` ("reported") and `time_note` properties, and the dashboard's "When" row.
REPORTED_PRECISION = "week"


@dataclass(frozen=True, slots=True)
class When:
    start: dt.date | None
    end: dt.date | None
    precision: str | None
    basis: str
    text: str | None = None  # the time expression used, when one was


def datable(t: TimeMention) -> bool:
    """A time expression that can date an incident: a calendar interval, not a duration or a set."""
    if t.type not in ("DATE", "TIME") or t.start_date is None or t.end_date is None:
        return False
    return not t.value.startswith("P") and "REF" not in t.value


def from_mention(t: TimeMention, basis: str) -> When:
    return When(t.start_date, t.end_date, t.precision, basis, t.text)


def reported(published: dt.date | None) -> When:
    if published is None:
        return When(None, None, None, REPORTED)
    return When(published, published, REPORTED_PRECISION, REPORTED)


# -- times stated relative to another moment ----------------------------------------------------
#
# "days before the anniversary", "ahead of the summit", "since Nov. 19": the expression names a
# moment the event is placed before or after, not the event's own date. Only a stated distance
# ("two days before X", "on the eve of X") dates the event; otherwise it says nothing usable.

BEFORE = "before"
AFTER = "after"

_NUMBERS = {"a": 1, "an": 1, "the": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
# Relation words, spaces and hyphens as written aside ("run-up", "run up", "runup" alike).
_RELATIONS = {
    "before": BEFORE, "ahead of": BEFORE, "prior to": BEFORE, "until": BEFORE, "till": BEFORE,
    "in the run up to": BEFORE, "in the lead up to": BEFORE, "in the build up to": BEFORE,
    "on the eve of": BEFORE,
    "after": AFTER, "since": AFTER, "following": AFTER, "in the wake of": AFTER,
    "in the aftermath of": AFTER,
}  # fmt: skip
_EVE = "on the eve of"
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
# How exact "n units before X" is: a stated number of days keeps X's precision.
_UNIT_PRECISION = {"week": "week", "month": "month", "year": "year"}


def _words(phrase: str) -> str:
    return r"[\s-]*".join(re.escape(w) for w in phrase.split())


# The words right before a time expression: [[number] unit] relation [determiner], at the end.
_RELATION_AT_END = re.compile(
    r"(?:(?<![\w-])(?P<n>\d+|" + "|".join(_NUMBERS) + r")\s+)?"
    r"(?:(?<![\w-])(?P<unit>hours?|days?|weeks?|months?|years?)\s+)?"
    r"(?<![\w-])(?P<rel>" + "|".join(_words(k) for k in sorted(_RELATIONS, key=len, reverse=True)) + ")"
    r"\s*(?:the|a|an|this|that|its|their|his|her)?\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Relation:
    """A time expression's place in a relation: the event came `direction` of it, by `offset`
    when the text states the distance (None: somewhere before or after it, unbounded)."""

    direction: str  # BEFORE or AFTER
    offset: dt.timedelta | None
    precision: str | None  # how exact the stated distance is ("week" for "a week before")
    words: str  # the relation as written ("two days before")


def relation_before(prefix: str) -> Relation | None:
    """The relation the words just before a time expression put it in, or None.

    `prefix` is the sentence's text up to the expression: "flew two days before" -> two days
    BEFORE; "flew days before" -> BEFORE, unbounded; "on the eve of" -> one day BEFORE.
    """
    m = _RELATION_AT_END.search(prefix.rstrip())
    if m is None:
        return None
    rel = m.group("rel")
    key = " ".join(re.split(r"[\s-]+", rel.lower()))
    key = next((k for k in _RELATIONS if k.replace(" ", "") == key.replace(" ", "")), key)
    direction = _RELATIONS.get(key, BEFORE)
    if key == _EVE:
        return Relation(direction, dt.timedelta(days=1), None, rel)
    unit, n = m.group("unit"), m.group("n")
    count = (int(n) if n.isdigit() else _NUMBERS.get(n.lower())) if unit and n else None
    if unit is None or count is None:
        # "days before", "just weeks after", "since": the distance is not stated
        return Relation(direction, None, None, f"{unit} {rel}" if unit else rel)
    unit = unit.lower().removesuffix("s")
    offset = dt.timedelta(days=int(count * _UNIT_DAYS[unit]))
    return Relation(direction, offset, _UNIT_PRECISION.get(unit), f"{n} {m.group('unit')} {rel}")


def shifted(t: TimeMention, rel: Relation, basis: str) -> When | None:
    """The event's time from a bounded relation ("two days before X": X minus two days), or None
    when the relation states no distance (the expression then does not date the event)."""
    if rel.offset is None or t.start_date is None or t.end_date is None:
        return None
    sign = -1 if rel.direction == BEFORE else 1
    precision = t.precision
    if rel.precision and (precision is None or _coarser(rel.precision, precision)):
        precision = rel.precision
    return When(
        t.start_date + sign * rel.offset, t.end_date + sign * rel.offset, precision, basis,
        f"{rel.words} {t.text}",
    )  # fmt: skip


def _coarser(a: str, b: str) -> bool:
    order = {p: i for i, p in enumerate(TIME_PRECISIONS)}
    return order.get(a, 0) > order.get(b, 0)


def choose(
    tied: list[TimeMention],
    earlier: Iterable[TimeMention],
    published: dt.date | None,
    relations: dict[TimeMention, Relation] | None = None,
) -> When:
    """The time of an event.

    `tied` are the sentence's time expressions attached to the trigger, nearest first; `earlier`
    those of the previous sentences of the same paragraph, nearest first; `relations` the time
    expressions that are the object of "before", "after", "since"... ("days before X" is not X).
    """
    relations = relations or {}
    for basis, times in ((STATED, tied), (NEARBY, earlier)):
        for t in times:
            if not datable(t):
                continue
            if basis == NEARBY and published is not None and t.start_date and t.start_date > published:
                continue  # a later date named before the event ("the coming anniversary")
            rel = relations.get(t)
            if rel is None:
                return from_mention(t, basis)
            moved = shifted(t, rel, basis)
            if moved is not None:
                return moved
    return reported(published)
