"""When an event happened: a time tied to it, else the nearest one before it, else the report date.

The order follows how a reader dates an incident: "a Jan. 3, 2019, drone strike" and "hit Sunday" are
tied to their trigger; a date stated earlier in the same paragraph carries over to the next sentence;
failing both, the article's publication date bounds it ("reported"), with a coarse precision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from geodata.records import TimeMention

STATED = "stated"
NEARBY = "nearby"
REPORTED = "reported"
# A report date says the event happened on or shortly before it: a week is the honest precision.
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


def choose(tied: list[TimeMention], earlier: list[TimeMention], published: dt.date | None) -> When:
    """The time of an event.

    `tied` are the sentence's time expressions attached to the trigger, nearest first; `earlier`
    those of the previous sentences of the same paragraph, nearest first.
    """
    for t in tied:
        if datable(t):
            return from_mention(t, STATED)
    for t in earlier:
        if datable(t) and (published is None or t.start_date is None or t.start_date <= published):
            return from_mention(t, NEARBY)
    return reported(published)
