"""Narrative anchoring: expressions that count from the date the story was last at.

"that year", "the following month", "later that year", "the same day", "the quarter" name a stretch
of time relative to the date the text last mentioned, not to the publication date: "On May 22, 1995,
he was made a general, and the following year he was appointed attache" is 1996. HeidelTime anchors
these to the last mentioned date in narrative documents, and TimeBank's annotation agrees ("the
following year" 1996 after May 22, 1995; "that year" 1988 after "in 1988"; "later that year" 1998
after "June 1998"; "the quarter" after "the fiscal first quarter" is that quarter).

Only expressions that say so by their words ("that", "the following", "the same", "the previous")
count from the story; "next year", "last week" and "a year ago" keep counting from the publication.
"""

from __future__ import annotations

import re

from sortie.geodata.records import TimeMention
from sortie.geodata.timex.recognize import Candidate

# How coarse an antecedent may be for each unit: "that year" may follow "June 1998" (month) or
# "1998" (year), "that day" needs a day.
_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4, "decade": 5, "century": 6}
_UNIT_RANK = {"week": 1, "weekend": 1, "month": 2, "year": 4, "decade": 5, "century": 6}
# What an "N units earlier/later" needs to count from: a date at least as fine as its unit.
_UNIT_NEED = {"second": "day", "minute": "day", "hour": "day", "day": "day", "week": "week",
              "fortnight": "week", "month": "month", "quarter": "quarter", "year": "year",
              "decade": "decade", "century": "century", "centurie": "century"}  # fmt: skip
_ANAPHORIC_REL = frozenset(
    {"that", "the following", "following", "the previous", "previous", "the prior", "prior", "the same"}
)
_ANAPHORIC_WEEKDAY = frozenset({"the previous", "the prior", "the following", "the next"})
_QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")
# A results period of several months ("the first nine months", "the six months"), not a quarter.
_REPORTING_MONTHS = re.compile(r"^P(?:[4-9]|1[01])M$")
_QUARTER_TALK = re.compile(r"\bquarter|\bthree months\b", re.IGNORECASE)
_COMPARISON = re.compile(
    r"year-(?:ago|earlier|before)|\ba year\b|last year|previous|\b(?:ago|earlier)$"
    r"|\b\d{4}(?:'s)? (?:period|quarter)",  # "the 1988 period": the one compared with
    re.IGNORECASE,
)


def anaphoric(c: Candidate) -> str | None:
    """What kind of antecedent `c` needs ("day", "year", "quarter"...), or None when `c` counts from
    the publication date."""
    g = c.match
    if c.rule == "relunit":
        rel = " ".join((g["rel"] or "").lower().split())
        if rel in _ANAPHORIC_REL and not g["fiscal"]:
            unit = g["unit"].lower()
            return next(k for k, v in _RANK.items() if v == _UNIT_RANK[unit])
        return None
    if c.rule == "ago" and g["dir"].lower() == "earlier":
        # "a year earlier" than the date the story is at; "a year ago" counts from today...
        return _UNIT_NEED.get(g["unit"].lower())
    year_ago = c.rule == "ago_adj" or (
        c.rule == "ago" and g["unit"].lower() == "year" and g["num"].lower() in ("a", "one", "1")
    )
    if year_ago and _QUARTER_TALK.search(c.match.string, max(c.start - 400, 0), c.end + 100):
        # ...except in results for a quarter, compared with the same quarter a year before
        return "quarter"
    if c.rule == "weekday" and " ".join((g["rel"] or "").lower().split()) in _ANAPHORIC_WEEKDAY:
        return "day"  # "the previous Friday": before the day the story is at
    if c.rule == "clock" and not g["day"]:
        return "day"  # "at 10 p.m.": on the day the story is at ("He was shot on Oct. 23 ... at 10 p.m.")
    if c.rule == "day_ref":
        return "week" if g["word"].lower().endswith("week") else "day"
    if c.rule == "quarter" and not g["ord"] and not g["year"]:
        rel = "year-ago" if g["ago"] else (g["rel"] or g["cmp"] or "").lower()
        unit = g["unit"].lower()
        if g["yearpre"]:
            # "the 1988 period": the quarter reported on, in the year named
            return "quarter" if unit in ("quarter", "period") and not rel else None
        if unit == "quarter" and rel in ("", "that", "same"):
            return "quarter"
        if unit in ("quarter", "period") and rel in ("year-ago", "year-earlier", "year-before"):
            return "quarter"  # the year-ago quarter: the one reported on, a year before
    return None


def antecedent(history: list[TimeMention], need: str) -> TimeMention | None:
    """The last date mentioned before, fine enough for `need`; None when the story has none.

    A comparison ("a year earlier", "the year-ago quarter") is not where the story is: the next
    "a year earlier" counts from the period reported on, not from the one it was compared with.
    """
    for t in reversed(history):
        if need in ("quarter", "year") and t.type == "DURATION" and _REPORTING_MONTHS.match(t.value):
            # "in the nine months, profit rose 8% from a year earlier": the comparison is with the
            # stretch just named, not with the quarter before it; a year back from today says it
            return None
        if t.type not in ("DATE", "TIME") or t.start_date is None or t.precision is None:
            continue
        if _COMPARISON.search(t.text):
            continue
        if need == "quarter":
            # "the quarter" refers back to the quarter reported on: a quarter, not any date inside
            # one, and not the year-ago quarter it is compared with
            if _QUARTER_VALUE.match(t.value) and not _COMPARISON.search(t.text):
                return t
            continue
        if _RANK.get(t.precision, 9) <= _RANK[need]:
            return t
    return None
