"""Normalisation: a recognised extent, its reference date and tense -> TIMEX3 type, value and mod.

Relative expressions are computed from `Context.ref` (the publication date, or the date the text
itself sets, see `anchor`). When `ref` is None they get TimeML's unknown-anchor forms (XXXX-12-23,
XXXX-WXX-7, XXXX) rather than a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from geodata.timex.calendar import add_months, shift, week_value
from geodata.timex.lexicon import (
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAYS,
    number_value,
    year_words_value,
)
from geodata.timex.recognize import Candidate


@dataclass(frozen=True, slots=True)
class Context:
    """What a relative expression is computed from."""

    ref: dt.date | None  # reference date; None when unknown
    tense: int = 0  # -1 past, +1 future, 0 unknown (from `anchor.tense_at`)
    nearby: str = ""  # the sentence and the two before it, for reading "a year ago" in its context


@dataclass(frozen=True, slots=True)
class Reading:
    type: str
    value: str
    mod: str | None = None
    direction: int = 0  # for a duration: -1 ends at the reference date, +1 starts there


_POS_MOD = {
    "early": "START", "earlier": "START", "beginning": "START", "start": "START", "turn": "START",
    "late": "END", "later": "END", "end": "END", "close": "END", "mid": "MID", "middle": "MID",
}  # fmt: skip
_APPROX_MOD = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "close to": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN", "just under": "LESS_THAN",
    "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
}  # fmt: skip


def _pos_mod(pos: str | None) -> str | None:
    if not pos:
        return None
    for word in pos.lower().replace("-", " ").split():
        if word in _POS_MOD:
            return _POS_MOD[word]
    return None


def _month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _near_year(month: int, day: int, ref: dt.date, tense: int) -> dt.date | None:
    """The year of "Dec. 23" or "Feb. 29" seen from `ref`.

    The nearest such day, unless the tense contradicts it by more than three months: news dates events
    close to its own day, and a tense read from a few words is weaker evidence than that
    ("the split is payable Dec. 7", said in late October, is this year's).
    """
    options = [d for y in range(ref.year - 4, ref.year + 5) if (d := _safe_date(y, month, day))]
    if not options:
        return None
    options = [d for d in options if abs((d - ref).days) < 4 * 366]  # Feb. 29 reaches 4 years out
    nearest = min(options, key=lambda d: abs((d - ref).days))
    if tense < 0 and (nearest - ref).days > 92:
        past = [d for d in options if d <= ref]
        return max(past) if past else nearest
    if tense > 0 and (ref - nearest).days > 92:
        future = [d for d in options if d >= ref]
        return min(future) if future else nearest
    return nearest


def _month_year(month: int, ref: dt.date, tense: int) -> int:
    """The year of a bare month: the last one in the past tense, the next one in the future,
    else the nearest (a December article's "January" is the coming one)."""
    if tense < 0:
        return ref.year - 1 if month > ref.month else ref.year
    if tense > 0:
        return ref.year + 1 if month < ref.month else ref.year
    ahead = (month - ref.month) % 12
    if ahead == 0:
        return ref.year
    if ahead < 6:
        return ref.year + (month < ref.month)
    if ahead > 6:
        return ref.year - (month > ref.month)
    return ref.year


def _weekday_date(wd: int, ref: dt.date, tense: int, rel: str) -> dt.date:
    today = ref.isoweekday()
    if rel in ("this", "that"):
        return ref + dt.timedelta(days=wd - today)
    if rel in ("last", "this past", "past"):
        return ref - dt.timedelta(days=(today - wd) % 7 or 7)
    if rel in ("next", "this coming", "coming"):
        return ref + dt.timedelta(days=(wd - today) % 7 or 7)
    if tense > 0:
        return ref + dt.timedelta(days=(wd - today) % 7)
    # News reports in the past tense or without a tense: the most recent such day, today included.
    return ref - dt.timedelta(days=(today - wd) % 7)


def _year_of(text: str | None, ref: dt.date | None) -> str | None:
    """A year written as digits or relative ("this year"); None when it cannot be known."""
    if not text:
        return None
    t = text.lower()
    if t[:4].isdigit():
        return t[:4]
    if ref is None:
        return "XXXX"
    if t.startswith(("last", "the previous")):
        return str(ref.year - 1)
    if t.startswith(("next", "the following")):
        return str(ref.year + 1)
    return str(ref.year)


def _date_value(day: dt.date | None) -> str:
    return day.isoformat() if day else "XXXX-XX-XX"


def date_mdy(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    month = _month_num(g["month"])
    day = int(g["day"])
    if not 1 <= day <= 31:
        return None
    mod = _pos_mod(g["pos"])
    if g["year"]:
        d = _safe_date(int(g["year"]), month, day)
        return Reading("DATE", d.isoformat(), mod) if d else None
    if c.ref is None:
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", mod)
    d = _near_year(month, day, c.ref, c.tense)
    return Reading("DATE", d.isoformat(), mod) if d else None


def date_num(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    year = int(g["year"])
    if year < 100:
        year += 1900 if year >= 50 else 2000
    d = _safe_date(year, int(g["mon"]), int(g["day"]))
    return Reading("DATE", d.isoformat()) if d else None


def month_year(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    year = _year_of(g["year"], c.ref)
    return Reading("DATE", f"{year}-{_month_num(g['month']):02d}", _pos_mod(g["pos"]))


def month(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    num = _month_num(g["month"])
    rel = (g["rel"] or "").lower()
    mod = _pos_mod(g["pos"])
    if rel in ("each", "every"):
        return Reading("SET", f"XXXX-{num:02d}")
    if c.ref is None:
        return Reading("DATE", f"XXXX-{num:02d}", mod)
    if rel in ("last", "this past"):
        year = c.ref.year - 1 if num >= c.ref.month else c.ref.year
    elif rel in ("next", "this coming", "the coming", "coming"):
        year = c.ref.year + 1 if num <= c.ref.month else c.ref.year
    elif rel in ("this", "that"):
        year = c.ref.year
    else:
        year = _month_year(num, c.ref, c.tense)
    return Reading("DATE", f"{year}-{num:02d}", mod)


def weekday(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    wd = WEEKDAYS[g["wd"].lower()]
    rel = (g["rel"] or "").lower()
    pod = PARTS_OF_DAY.get((g["pod"] or "").lower())
    if g["plural"] or rel in ("each", "every"):
        return Reading("SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""))
    mod = _pos_mod(g["pos"])
    if c.ref is None:
        return Reading("TIME" if pod else "DATE", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), mod)
    d = _weekday_date(wd, c.ref, c.tense, rel)
    return Reading("TIME" if pod else "DATE", d.isoformat() + (f"T{pod}" if pod else ""), mod)


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def deictic(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    word = g["word"].lower()
    offset = -2 if "before yesterday" in word else 2 if "after tomorrow" in word else _DEICTIC[word]
    pod = PARTS_OF_DAY.get((g["pod"] or "").lower()) or ("NI" if word == "tonight" else None)
    day = c.ref + dt.timedelta(days=offset) if c.ref else None
    suffix = f"T{pod}" if pod else ""
    return Reading("TIME" if pod else "DATE", _date_value(day) + suffix, _pos_mod(g["pos"]))


def part_of_day(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    rel = g["rel"].lower()
    pod = PARTS_OF_DAY[g["pod"].lower()]
    offset = {"yesterday": -1, "tomorrow": 1, "last": -1 if pod == "NI" else 0}.get(rel, 0)
    day = c.ref + dt.timedelta(days=offset) if c.ref else None
    return Reading("TIME", f"{_date_value(day)}T{pod}", _pos_mod(g["pos"]))


def _shift_value(ref: dt.date | None, unit: str, amount: int) -> str:
    """The calendar stretch `amount` units away from `ref`, at the unit's own precision."""
    if unit in ("D", "H", "MIN", "S"):
        return _date_value(ref + dt.timedelta(days=amount) if ref and unit == "D" else ref)
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
    mod = _pos_mod(g["pos"])
    after = m.match.string[m.end : m.end + 20].lower()
    if unit == "Y" and rel in ("the", "the fiscal") and after.lstrip().startswith(("ended", "ending", "to ")):
        return Reading("DURATION", "P1Y")  # "the year ended Sept. 30": a fiscal year, not 2020
    if rel in ("the past", "the last", "past") and unit in ("Y", "M", "W", "DE", "CE") and not mod:
        # "the past year": the twelve months up to the reference date
        amount = {"DE": 10, "CE": 100}.get(unit, 1)
        code = "Y" if unit in ("DE", "CE") else unit
        return Reading("DURATION", f"P{amount}{code}", None, -1)
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


def year_end(m: Candidate, c: Context) -> Reading | None:
    return Reading("DATE", f"{c.ref.year}-12" if c.ref else "XXXX-12", "END")


def decade(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    if g["dec"]:
        value = g["dec"][:3]
    else:
        two = int(g["dec2"])
        value = ("19" if two >= 30 else "20") + g["dec2"][0]
    return Reading("DATE", value, _pos_mod(g["pos"]))


def century(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    word = g["ord"].lower()
    n = int(word[:-2]) if word[:1].isdigit() else ORDINALS.get(word)
    if not n:
        return None
    return Reading("DATE", f"{n - 1:02d}", _pos_mod(g["pos"]))


def season(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    code = SEASONS[g["season"].lower()]
    rel = (g["rel"] or "").lower()
    mod = _pos_mod(g["pos"])
    if g["year"]:
        return Reading("DATE", f"{_year_of(g['year'], c.ref)}-{code}", mod)
    if c.ref is None:
        return Reading("DATE", f"XXXX-{code}", mod)
    year = c.ref.year
    current = {12: "WI", 1: "WI", 2: "WI"}.get(c.ref.month) or ("SP", "SU", "FA")[(c.ref.month - 3) // 3]
    order = ["SP", "SU", "FA", "WI"]
    ahead = order.index(code) > order.index(current)
    if rel in ("last", "this past", "the past") or (rel in ("", "the", "that") and c.tense < 0):
        year = year - 1 if ahead or (rel == "last" and code == current) else year
    elif rel in ("next", "this coming", "the coming") or c.tense > 0:
        year = year + 1 if (not ahead and code != current) or (rel == "next" and code == current) else year
    if code == "WI" and c.ref.month <= 2 and rel in ("this", ""):
        year -= 1  # January's "this winter" began in December
    return Reading("DATE", f"{year}-{code}", mod)


def _quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    rel = (g["rel"] or "").lower()
    half = g["unit"].lower() == "half"
    letter, per_year = ("H", 2) if half else ("Q", 4)
    year_text = g["year"] or g["yearpre"]
    if g["ord"]:
        n = ORDINALS[g["ord"].lower()]
        n = per_year if n == -1 else n
        if n > per_year:
            return None
        if year_text:
            return Reading("DATE", f"{_year_of(year_text, c.ref)}-{letter}{n}")
        if c.ref is None:
            return Reading("DATE", f"XXXX-{letter}{n}")
        year, current = _quarter_of(c.ref)
        current = (current + 1) // 2 if half else current
        if rel in ("year-ago", "year-earlier", "year-before") or (c.tense < 0 and n > current):
            year -= 1
        return Reading("DATE", f"{year}-{letter}{n}")
    if c.ref is None:
        return Reading("DATE", f"XXXX-{letter}X")
    if half:
        year, current = c.ref.year, 1 if c.ref.month <= 6 else 2
        return Reading("DATE", f"{year}-H{current}")
    # Financial news: "the quarter", "the latest quarter" is the last one completed.
    offset = {"current": 0, "this": 0, "next": 1, "year-ago": -5, "year-earlier": -5, "year-before": -5}
    shift_by = offset.get(rel, -1)
    day = add_months(c.ref, 3 * shift_by) if shift_by > -5 else add_months(c.ref, -15)
    year, n = _quarter_of(day)
    if year_text:
        year = int(_year_of(year_text, c.ref) or year)
    return Reading("DATE", f"{year}-Q{n}")


def year(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    return Reading("DATE", g["year"], _pos_mod(g["pos"]))


def year_words(m: Candidate, c: Context) -> Reading | None:
    y = year_words_value(m.match["words"])
    if y is None or not 1600 <= y <= 2099:
        return None
    if not m.match.group(0).lower().startswith("the year") and "thousand" in m.match["words"].lower():
        after = m.match.string[m.end : m.end + 12].lower()
        if not after.lstrip().startswith((",", ".", ";")):
            return None  # "two thousand people": a count
    return Reading("DATE", str(y))


def _amount(g_num: str) -> int | None:
    return number_value(g_num)


_QUARTER_TALK = re.compile(r"\bquarter|\bthree months\b", re.IGNORECASE)


def _year_before(c: Context) -> str:
    """ "A year ago" in an earnings report means the same quarter a year before (TimeBank's reading)."""
    if c.ref is None:
        return "XXXX"
    if _QUARTER_TALK.search(c.nearby):
        year, n = _quarter_of(add_months(c.ref, -15))
        return f"{year}-Q{n}"
    return str(c.ref.year - 1)


def ago(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    unit = UNITS[g["unit"].lower()]
    amount = _amount(g["num"])
    direction = 1 if g["dir"].lower() in ("from now", "hence") else -1
    mod = _APPROX_MOD.get((g["approx"] or "").lower())
    if amount is None:
        return Reading("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", mod)
    if unit == "Y" and amount == 1 and direction < 0:
        return Reading("DATE", _year_before(c), mod)
    return Reading("DATE", _shift_value(c.ref, unit, direction * amount), mod)


def ago_adj(m: Candidate, c: Context) -> Reading | None:
    return Reading("DATE", _year_before(c))


def _duration_value(amount: float | None, unit: str) -> str:
    if unit == "WE":
        unit, amount = "D", (2 * amount if amount is not None else None)
    scale = {"DE": (10, "Y"), "CE": (100, "Y"), "ML": (1000, "Y"), "FN": (2, "W")}.get(unit)
    if scale:
        amount, unit = (amount * scale[0] if amount is not None else None), scale[1]
    n = "X" if amount is None else (f"{amount:g}" if isinstance(amount, float) else str(amount))
    if unit in ("H", "MIN", "S"):
        return f"PT{n}{'M' if unit == 'MIN' else unit}"
    return f"P{n}{unit}"


def duration(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    unit = UNITS[g["unit"].lower()]
    num = g["num"]
    amount: float | None = _amount(num) if not num.replace(".", "", 1).isdigit() else float(num)
    if isinstance(amount, float) and amount.is_integer():
        amount = int(amount)
    if g["half"] and amount is not None:
        amount = amount + 0.5
    rel = " ".join((g["rel"] or "").lower().split())
    mod = _APPROX_MOD.get((g["approx"] or "").lower())
    if (g["approx"] or "").lower() in ("another", "only", "just", "barely"):
        mod = None
    if num.lower() in ("couple of", "a couple of", "a couple"):
        amount, mod = 2, "APPROX"
    value = _duration_value(amount, unit)
    direction = 0
    last_word = rel.split()[-1] if rel else ""
    if last_word in ("past", "last", "previous", "recent"):
        direction = -1
    elif last_word in ("next", "coming", "following", "remaining", "ensuing"):
        direction = 1
    return Reading("DURATION", value, mod, direction)


def duration_vague(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    unit = UNITS[g["unit"].lower()]
    rel = (g["rel"] or "").lower().split()[-1]
    if rel == "recent" and unit == "Y":
        return Reading("DATE", "PAST_REF")  # TimeBank reads "recent years" as a vague past
    return Reading(
        "DURATION", _duration_value(None, unit), None, 1 if rel in ("next", "coming", "following") else -1
    )


def duration_bare(m: Candidate, c: Context) -> Reading | None:
    return Reading("DURATION", _duration_value(None, UNITS[m.match["unit"].lower()]))


_SET_WORDS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "quarterly": "P1Q", "biweekly": "P2W", "biannually": "P6M",
}  # fmt: skip


def set_(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    if g["word"]:
        return Reading("SET", _SET_WORDS[g["word"].lower()])
    unit = UNITS[g["unit"].lower()]
    other = (g["other"] or "").strip().lower()
    n = 2 if other == "other" else (number_value(other) or 1) if other else 1
    return Reading("SET", _duration_value(n, unit))


def set_freq(m: Candidate, c: Context) -> Reading | None:
    return Reading("SET", _duration_value(1, UNITS[m.match["unit"].lower()]))


def clock(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    if g["word"]:
        hh, mm = (12, 0) if g["word"].lower() == "noon" else (24, 0)
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
        day = _weekday_date(WEEKDAYS[day_text], c.ref, c.tense, "")
    else:
        mon, _, dd = g["day"].partition(" ") if " " in g["day"] else (g["day"][:4], "", g["day"][4:])
        num = _month_num(mon.strip().rstrip(".")) if mon.strip().rstrip(".").lower() in MONTHS else None
        day = (
            _near_year(num, int(dd.strip()), c.ref, c.tense)
            if num and c.ref and dd.strip().isdigit()
            else None
        )
    mod = _APPROX_MOD.get((g["approx"] or "").lower())
    return Reading("TIME", f"{_date_value(day)}T{hh:02d}:{mm:02d}", mod)


_REFERENCE = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF", "the present": "PRESENT_REF",
    "these days": "PRESENT_REF", "the moment": "PRESENT_REF", "this time": "PRESENT_REF",
    "the time being": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF",
    "lately": "PAST_REF", "the past": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF",
}  # fmt: skip


def reference(m: Candidate, c: Context) -> Reading | None:
    value = _REFERENCE.get(m.match["word"].lower())
    return Reading("DATE", value) if value else None


_FIXED_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new year's eve": (12, 31), "new year's day": (1, 1), "new year's": (1, 1),
    "halloween": (10, 31), "independence day": (7, 4), "valentine's day": (2, 14),
    "boxing day": (12, 26), "veterans day": (11, 11),
}  # fmt: skip


def _nth_weekday(year: int, month: int, wd: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    if n > 0:
        return first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    last = add_months(first, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - wd) % 7)


_MOVABLE = {"thanksgiving day": (11, 4, 4), "thanksgiving": (11, 4, 4), "labor day": (9, 1, 1),
            "memorial day": (5, 1, -1)}  # fmt: skip


def holiday(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    name = g["word"].lower()
    if name == "easter":
        return None  # computus not worth it here; dateparser cannot do it either
    year = int(g["year"]) if g["year"] else None
    if year is None and c.ref is None:
        if name in _FIXED_HOLIDAYS:
            mo, dd = _FIXED_HOLIDAYS[name]
            return Reading("DATE", f"XXXX-{mo:02d}-{dd:02d}")
        return Reading("DATE", "XXXX-XX-XX")

    def on(y: int) -> dt.date:
        if name in _FIXED_HOLIDAYS:
            mo, dd = _FIXED_HOLIDAYS[name]
            return dt.date(y, mo, dd)
        mo, wd, n = _MOVABLE[name]
        return _nth_weekday(y, mo, wd, n)

    if year is not None:
        return Reading("DATE", on(year).isoformat())
    assert c.ref is not None
    options = [on(y) for y in (c.ref.year - 1, c.ref.year, c.ref.year + 1)]
    if c.tense < 0:
        pick = max(d for d in options if d <= c.ref)
    elif c.tense > 0:
        pick = min(d for d in options if d >= c.ref)
    else:
        pick = min(options, key=lambda d: abs((d - c.ref).days))  # type: ignore[operator]
    return Reading("DATE", pick.isoformat())


def day_ref(m: Candidate, c: Context) -> Reading | None:
    word = m.match["word"].lower()
    if word.endswith("week"):
        return Reading("DATE", week_value(c.ref) if c.ref else "XXXX-WXX")
    return Reading("DATE", _date_value(c.ref))


HANDLERS: dict[str, Callable[[Candidate, Context], Reading | None]] = {
    "date_mdy": date_mdy, "date_dmy": date_mdy, "date_iso": date_num, "date_num": date_num,
    "month_year": month_year, "month": month, "weekday": weekday, "deictic": deictic,
    "part_of_day": part_of_day, "relunit": relunit, "relunit_bare": relunit, "year_end": year_end,
    "decade": decade, "century": century, "season": season, "quarter": quarter, "year": year,
    "year_words": year_words, "ago": ago, "ago_adj": ago_adj, "duration": duration,
    "duration_vague": duration_vague, "duration_bare": duration_bare, "set": set_,
    "set_freq": set_freq, "clock": clock, "reference": reference, "holiday": holiday,
    "day_ref": day_ref,
}  # fmt: skip

# Rules whose value depends on the reference date (the others read absolutely).
RELATIVE_RULES = frozenset(
    {"weekday", "deictic", "part_of_day", "relunit", "relunit_bare", "ago", "ago_adj", "clock", "day_ref",
     "month", "season", "quarter", "year_end", "holiday", "date_mdy", "date_dmy"}
)  # fmt: skip


def normalize(candidate: Candidate, context: Context) -> Reading | None:
    """TIMEX3 reading of one candidate, or None when the extent turns out not to be a time."""
    return HANDLERS[candidate.rule](candidate, context)
