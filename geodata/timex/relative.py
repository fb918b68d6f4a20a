"""Dates counted from the reference day: weekdays, today/yesterday, "last week", "ten days ago", clock
times, and TimeML's vague references (PRESENT_REF, PAST_REF, FUTURE_REF).
"""

from __future__ import annotations

import datetime as dt
import re

from sortie.geodata.timex.absolute import near_year
from sortie.geodata.timex.calendar import add_months, shift, shift_value, week_value
from sortie.geodata.timex.lexicon import MONTHS, PARTS_OF_DAY, UNITS, WEEKDAY_RE, WEEKDAYS, number_value
from sortie.geodata.timex.reading import (
    APPROX_MOD,
    Context,
    Reading,
    date_value,
    month_num,
    pos_mod,
    quarter_of,
    safe_date,
)
from sortie.geodata.timex.recognize import Candidate


def weekday_date(wd: int, ref: dt.date, tense: int, rel: str) -> dt.date:
    today = ref.isoweekday()
    if rel in ("this", "that"):
        return ref + dt.timedelta(days=wd - today)
    if rel in ("last", "this past", "past", "the previous", "the prior"):
        return ref - dt.timedelta(days=(today - wd) % 7 or 7)
    if rel in ("next", "this coming", "coming", "the following", "the next"):
        return ref + dt.timedelta(days=(wd - today) % 7 or 7)
    if tense > 0:
        return ref + dt.timedelta(days=(wd - today) % 7)
    # News reports in the past tense or without a tense: the most recent such day, today included.
    return ref - dt.timedelta(days=(today - wd) % 7)


_SHARED_PLURAL_POD = re.compile(
    rf"\s+(?:and|or)\s+(?-i:{WEEKDAY_RE})s?\s+(?P<pod>morning|afternoon|evening|night)s(?!\w)", re.IGNORECASE
)


def weekday(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    wd = WEEKDAYS[g["wd"].lower()]
    rel = " ".join((g["rel"] or "").lower().split())
    pod = PARTS_OF_DAY.get((g["pod"] or "").lower())
    shared = None if pod else _SHARED_PLURAL_POD.match(g.string, m.end)
    if shared:
        # "on Monday and Tuesday nights": the plural part of day is each weekday's, both recurring
        pod = PARTS_OF_DAY[shared["pod"].lower()]
    if g["plural"] or g["pods"] or shared or rel in ("each", "every"):
        # "Sundays", "Tuesday nights", "every Friday": a weekly recurrence
        return Reading("SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""))
    mod = pos_mod(g["pos"])
    if c.ref is None:
        return Reading("TIME" if pod else "DATE", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), mod)
    if c.narrative and not rel:
        # a weekday in a story about another day: the nearest such day to it, either side
        d = c.ref + dt.timedelta(days=(wd - c.ref.isoweekday() + 3) % 7 - 3)
    else:
        d = weekday_date(wd, c.ref, c.tense, rel)
    return Reading("TIME" if pod else "DATE", d.isoformat() + (f"T{pod}" if pod else ""), mod)


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def deictic(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    word = g["word"].lower()
    offset = -2 if "before yesterday" in word else 2 if "after tomorrow" in word else _DEICTIC[word]
    pod = PARTS_OF_DAY.get((g["pod"] or "").lower()) or ("NI" if word == "tonight" else None)
    day = c.ref + dt.timedelta(days=offset) if c.ref else None
    suffix = f"T{pod}" if pod else ""
    return Reading("TIME" if pod else "DATE", date_value(day) + suffix, pos_mod(g["pos"]))


def part_of_day(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    rel = g["rel"].lower()
    pod = PARTS_OF_DAY[g["pod"].lower()]
    offset = {"yesterday": -1, "tomorrow": 1, "last": -1 if pod == "NI" else 0}.get(rel, 0)
    day = c.ref + dt.timedelta(days=offset) if c.ref else None
    return Reading("TIME", f"{date_value(day)}T{pod}", pos_mod(g["pos"]))


def part_of_day_mid(m: Candidate, c: Context) -> Reading | None:
    """ "mid-afternoon", "midmorning yesterday": that part of the day it names, else of the reference."""
    g = m.match
    pod = PARTS_OF_DAY[g["pod"].lower()]
    day_text = (g["day"] or "").lower()
    if c.ref is None:
        day = None
    elif day_text in WEEKDAYS:
        day = weekday_date(WEEKDAYS[day_text], c.ref, c.tense, "")
    else:
        day = c.ref + dt.timedelta(days=_DEICTIC.get(day_text, 0))
    return Reading("TIME", f"{date_value(day)}T{pod}", "MID")


def _shift_value(ref: dt.date | None, unit: str, amount: int) -> str:
    """The calendar stretch `amount` units away from `ref`, at the unit's own precision."""
    if unit in ("D", "H", "MIN", "S"):
        return date_value(ref + dt.timedelta(days=amount) if ref and unit == "D" else ref)
    if unit in ("W", "WE", "FN"):
        if ref is None:
            return "XXXX-WXX"
        value = week_value(shift(ref, amount, "W" if unit != "FN" else "FN"))
        return value + "-WE" if unit == "WE" else value
    if unit == "M":
        return f"{add_months(ref, amount):%Y-%m}" if ref else "XXXX-XX"
    if unit == "Q":
        if ref is None:
            return "XXXX-QX"
        d = add_months(ref, 3 * amount)
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if unit == "DE":
        return str((ref.year // 10) + amount)[:3] if ref else "XXX"
    if unit == "CE":
        return str(ref.year // 100 + amount) if ref else "XX"
    return str(ref.year + amount) if ref else "XXXX"


_REL_OFFSET = {
    "this": 0, "the current": 0, "current": 0, "the": 0, "that": 0, "the same": 0, "the latest": 0,
    "last": -1, "the last": -1, "the previous": -1, "previous": -1, "the prior": -1, "prior": -1,
    "the past": -1, "past": -1, "this past": -1, "next": 1, "the next": 1, "the coming": 1,
    "coming": 1, "this coming": 1, "the following": 1, "following": 1, "": 0,
}  # fmt: skip


def relunit(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    rel = " ".join((g["rel"] or "").lower().split())
    unit = UNITS[g["unit"].lower()]
    mod = pos_mod(g["pos"])
    after = m.match.string[m.end : m.end + 20].lower()
    if unit == "Y" and rel in ("the", "the fiscal") and after.lstrip().startswith(("ended", "ending", "to ")):
        return Reading("DURATION", "P1Y")  # "the year ended Sept. 30": a fiscal year, not 2020
    if rel in ("the past", "the last", "past") and unit in ("Y", "M", "W", "DE", "CE") and not mod:
        # "the past year": the twelve months up to the reference date. TimeBank values it as the
        # previous calendar unit ("the past year" 1997, "the last decade" 198, "the last week" the
        # previous ISO week) but a bare "past decade" as the duration P10Y.
        amount = {"DE": 10, "CE": 100}.get(unit, 1)
        code = "Y" if unit in ("DE", "CE") else unit
        if after.lstrip().startswith("of "):
            return Reading("DURATION", f"P{amount}{code}")  # "the last week of June": not up to now
        if rel == "past":
            return Reading("DURATION", f"P{amount}{code}", None, -1)
        return Reading("DATE", _shift_value(c.ref, unit, -1), None, -1, f"P{amount}{code}")
    if rel in ("the next", "the coming") and unit in ("Y", "M", "W") and not mod:
        return Reading("DURATION", f"P1{unit}", None, 1)
    if unit == "WE":
        if c.ref is None:
            return Reading("DATE", "XXXX-WXX-WE", mod)
        offset = _REL_OFFSET.get(rel, 0)
        sat = c.ref + dt.timedelta(days=6 - c.ref.isoweekday())  # Saturday of this ISO week
        if offset == 0 and rel in ("the", "") and c.tense <= 0 and c.ref.isoweekday() < 6:
            offset = -1  # "over the weekend" in a weekday's report: the one just gone
        return Reading("DATE", week_value(sat + dt.timedelta(weeks=offset)) + "-WE", mod)
    offset = _REL_OFFSET.get(rel, 0)
    if mod in ("START", "END") and rel == "" and g["pos"] and g["pos"].lower() in ("earlier", "later"):
        offset = 0
    return Reading("DATE", _shift_value(c.ref, unit, offset), mod)


def day_before(m: Candidate, c: Context) -> Reading | None:
    """ "the day before last Tuesday", "the day after Jan. 3": a day next to a day the text names."""
    g = m.match
    shift_by = -1 if g["dir"].lower() == "before" else 1
    if g["wd"]:
        if c.ref is None:
            return Reading("DATE", "XXXX-XX-XX")
        rel = (g["rel"] or "").lower()
        day: dt.date | None = weekday_date(WEEKDAYS[g["wd"].lower()], c.ref, c.tense, rel)
    elif g["year"]:
        day = safe_date(int(g["year"]), month_num(g["month"]), int(g["day"]))
    elif c.ref is not None:
        day = near_year(month_num(g["month"]), int(g["day"]), c.ref, c.tense)
    else:
        return Reading("DATE", "XXXX-XX-XX")
    return Reading("DATE", (day + dt.timedelta(days=shift_by)).isoformat()) if day else None


def year_end(m: Candidate, c: Context) -> Reading | None:
    """ "year-end" is "the end of the year": TimeML values it as the year, with the mod END."""
    return Reading("DATE", str(c.ref.year) if c.ref else "XXXX", "END")


_QUARTER_TALK = re.compile(r"\bquarter|\bthree months\b", re.IGNORECASE)
# A results period longer than a quarter: "the nine months", "the first half".
_MONTHS_TALK = re.compile(
    r"\b(?:four|five|six|seven|eight|nine|ten|eleven|[4-9]|1[01])\s+months\b|\b(?:first|second)\s+half\b",
    re.IGNORECASE,
)


def _year_before(c: Context) -> str:
    """ "A year ago" in an earnings report means the same quarter a year before (TimeBank's reading)."""
    if c.ref is None:
        return "XXXX"
    quarter_at = _last(_QUARTER_TALK, c.nearby)
    if quarter_at >= 0 and quarter_at > _last(_MONTHS_TALK, c.nearby):
        year, n = quarter_of(add_months(c.ref, -15))
        return f"{year}-Q{n}"
    # no quarter, or one followed by a longer stretch ("in the nine months, profit rose from a
    # year ago"): the comparison is of years
    return str(c.ref.year - 1)


def _last(pattern: re.Pattern[str], text: str) -> int:
    """Where the last match of `pattern` in `text` starts, -1 when none."""
    return max((m.start() for m in pattern.finditer(text)), default=-1)


def ago(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    unit = UNITS[g["unit"].lower()]
    amount = number_value(g["num"])
    direction = 1 if g["dir"].lower() in ("from now", "hence", "later") else -1
    mod = APPROX_MOD.get((g["approx"] or "").lower())
    if amount is None:
        return Reading("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", mod)
    if c.narrative and c.story:
        # "a year earlier": from the date the story was at, a quarter's to the quarter a year
        # before (results compared with the same period); else at the unit's own precision
        moved = shift_value(_coarsen(c.story, unit), direction * amount, unit)
        if moved:
            return Reading("DATE", moved, mod)
    if unit == "Y" and amount == 1 and direction < 0:
        return Reading("DATE", _year_before(c), mod)
    return Reading("DATE", _shift_value(c.ref, unit, direction * amount), mod)


def _coarsen(value: str, unit: str) -> str:
    """`value` cut to the precision of `unit` ("1989-08-12" to "1989" for years), a quarter kept."""
    if unit == "Y" and not _QUARTER_VALUE.match(value):
        return value[:4]
    if unit == "M" and len(value) > 7 and value[4] == "-" and value[5:7].isdigit():
        return value[:7]
    return value


_QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")


def ago_adj(m: Candidate, c: Context) -> Reading | None:
    moved = shift_value(c.story, -1, "Y") if c.narrative and c.story else None
    return Reading("DATE", moved or _year_before(c))


def clock(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    if g["word"]:
        hh, mm = (12, 0) if g["word"].lower() in ("noon", "midday") else (24, 0)
    elif g["h24"]:
        hh, mm = int(g["h24"]), int(g["m24"])
    else:
        hh, mm = int(g["h"]), int(g["min"] or 0)
        if not 1 <= hh <= 12:
            return None
        pm = g["ampm"].lower().startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    if hh > 24:
        return None
    day_text = (g["day"] or "").lower()
    if not day_text or day_text in ("today", "tonight"):
        day = c.ref
    elif day_text in ("yesterday", "tomorrow"):
        day = c.ref + dt.timedelta(days=_DEICTIC[day_text]) if c.ref else None
    elif day_text in WEEKDAYS:
        if c.ref is None:
            return Reading("TIME", f"XXXX-WXX-{WEEKDAYS[day_text]}T{hh:02d}:{mm:02d}")
        day = weekday_date(WEEKDAYS[day_text], c.ref, c.tense, "")
    else:
        mon, _, dd = g["day"].partition(" ") if " " in g["day"] else (g["day"][:4], "", g["day"][4:])
        num = month_num(mon.strip().rstrip(".")) if mon.strip().rstrip(".").lower() in MONTHS else None
        day = (
            near_year(num, int(dd.strip()), c.ref, c.tense)
            if num and c.ref and dd.strip().isdigit()
            else None
        )
    mod = APPROX_MOD.get((g["approx"] or "").lower())
    return Reading("TIME", f"{date_value(day)}T{hh:02d}:{mm:02d}", mod)


_REFERENCE = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF", "the present": "PRESENT_REF",
    "these days": "PRESENT_REF", "the moment": "PRESENT_REF", "this time": "PRESENT_REF",
    "the time being": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF",
    "lately": "PAST_REF", "the past": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the immediate future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "a later date": "FUTURE_REF",
}  # fmt: skip


def reference(m: Candidate, c: Context) -> Reading | None:
    value = _REFERENCE.get(m.match["word"].lower())
    return Reading("DATE", value) if value else None


def day_ref(m: Candidate, c: Context) -> Reading | None:
    """ "that day", "the same week", "the next day", "the night before": from the day the story is at
    (see `narrative`), else from the reference date."""
    word = " ".join(m.match["word"].lower().split())
    if word.endswith("week"):
        return Reading("DATE", week_value(c.ref) if c.ref else "XXXX-WXX")
    words = set(word.split())
    if re.search(r"\d,\s*$", m.match.string[max(m.start - 3, 0) : m.start]):
        words = {"the", "day"}  # "Nov. 3, the day before the warrant": the same day, named again
    offset = (
        1 if words & {"next", "following", "after"} else -1 if words & {"previous", "prior", "before"} else 0
    )
    day = c.ref + dt.timedelta(days=offset) if c.ref else None
    pod = next((PARTS_OF_DAY[w] for w in words if w in PARTS_OF_DAY), None)
    return Reading("TIME", f"{date_value(day)}T{pod}") if pod else Reading("DATE", date_value(day))
