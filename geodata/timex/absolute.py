"""Dates named on the calendar: day dates, months, years, decades, centuries, seasons, quarters, holidays.

A name without its year ("Dec. 23", "April", "the third quarter", "Christmas") takes the year the
reference date and the tense imply; with no reference date it keeps TimeML's XXXX year.
"""

from __future__ import annotations

import datetime as dt
import re

from sortie.geodata.timex.calendar import add_months, week_value
from sortie.geodata.timex.lexicon import MONTH_RE, ORDINALS, SEASONS, TENS_WORDS, year_words_value
from sortie.geodata.timex.reading import Context, Reading, month_num, pos_mod, quarter_of, safe_date
from sortie.geodata.timex.recognize import Candidate


def near_year(month: int, day: int, ref: dt.date, tense: int) -> dt.date | None:
    """The year of "Dec. 23" or "Feb. 29" seen from `ref`.

    The nearest such day, unless the tense contradicts it by more than three months: news dates events
    close to its own day, and a tense read from a few words is weaker evidence than that
    ("the split is payable Dec. 7", said in late October, is this year's).
    """
    options = [d for y in range(ref.year - 4, ref.year + 5) if (d := safe_date(y, month, day))]
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


def month_year_of(month: int, ref: dt.date, tense: int, near_tense: int | None = None) -> int:
    """The year of a bare month: the last one in the past tense, the next one in the future,
    else the nearest (a December article's "January" is the coming one).

    Next month is the coming one when the past tense is not its own verb's (`near_tense`, when
    known): "they told buyers of a cut in its supply in September", written in August, tells of a
    plan; a September eleven months back would be "last September". "Talks collapsed in January",
    written in December, is this year's.
    """
    if tense < 0:
        if near_tense is not None and near_tense >= 0 and (month - ref.month) % 12 == 1:
            return ref.year + (month < ref.month)
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


def year_of(text: str | None, ref: dt.date | None) -> str | None:
    """A year written as digits or relative ("this year"); None when it cannot be known."""
    if not text:
        return None
    t = text.lower()
    if t[:4].isdigit():
        return t[:4]
    said = year_words_value(t)
    if said is not None:
        return f"{said:04d}"
    if ref is None:
        return "XXXX"
    if t.startswith(("last", "the previous")):
        return str(ref.year - 1)
    if t.startswith(("next", "the following")):
        return str(ref.year + 1)
    return str(ref.year)


def date_mdy(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    month = month_num(g["month"])
    day = int(g["day"])
    if not 1 <= day <= 31:
        return None
    mod = pos_mod(g["pos"])
    # "March 3-5, 2019", "May 5 and 6, 2019": the year written after the range is both days'
    year = g["year"] or ((r := _RANGE_YEAR.match(g.string, m.end)) and r["year"])
    if year:
        d = safe_date(int(year), month, day)
        return Reading("DATE", d.isoformat(), mod) if d else None
    if c.ref is None:
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", mod)
    rel = (g.groupdict().get("rel") or "").lower()
    if rel in ("last", "this past", "next", "this coming"):
        # "last Oct. 23": the latest such day before the reference, "next" the first after it
        ahead = rel in ("next", "this coming")
        years = (c.ref.year + 1, c.ref.year) if ahead else (c.ref.year - 1, c.ref.year)
        days = [d for y in years if (d := safe_date(y, month, day)) and (d > c.ref if ahead else d < c.ref)]
        if days:
            return Reading("DATE", (min(days) if ahead else max(days)).isoformat(), mod)
    if _ENDED_BEFORE.search(m.match.string, max(m.start - 20, 0), m.start):
        # "the fiscal year ended Jan. 31": a period already over, so that day is behind, however
        # near the coming one is ("ending Jan. 31" may be either)
        back = [d for y in (c.ref.year - 1, c.ref.year) if (d := safe_date(y, month, day)) and d <= c.ref]
        if back:
            return Reading("DATE", back[-1].isoformat(), mod)
    d = near_year(month, day, c.ref, c.tense)
    return Reading("DATE", d.isoformat(), mod) if d else None


_RANGE_YEAR = re.compile(
    r"\s*(?:and|or|to|through|until|-|\u2013)\s*[0-3]?\d(?:st|nd|rd|th)?,?\s*(?P<year>(?:1[6-9]|20)\d\d)(?!\d)"
)
_ENDED_BEFORE = re.compile(r"\bended\s+(?:on\s+)?$", re.IGNORECASE)


def date_num(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    year = int(g["year"])
    if year < 100:
        year += 1900 if year >= 50 else 2000
    d = safe_date(year, int(g["mon"]), int(g["day"]))
    return Reading("DATE", d.isoformat()) if d else None


def month_year(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    year = year_of(g["year"], c.ref)
    return Reading("DATE", f"{year}-{month_num(g['month']):02d}", pos_mod(g["pos"]))


def month(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    num = month_num(g["month"])
    rel = (g["rel"] or "").lower()
    mod = pos_mod(g["pos"])
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
        year = month_year_of(num, c.ref, c.tense, c.near_tense)
    return Reading("DATE", f"{year}-{num:02d}", mod)


def decade(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    if g["decword"]:
        # A decade named in words is the last century's in news ("the nineties" is 199)
        value = "19" + str(TENS_WORDS[g["decword"].lower()[:-3] + "y"] // 10)
    elif g["dec"]:
        value = g["dec"][:3]
    else:
        two = int(g["dec2"])
        value = ("19" if two >= 30 else "20") + g["dec2"][0]
    if g["halfof"]:
        # "the last half of the '80s": the decade, its first or last part
        return Reading("DATE", value, "START" if g["halfof"].lower() == "first" else "END")
    return Reading("DATE", value, pos_mod(g["pos"]))


def century(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    word = g["ord"].lower()
    n = int(word[:-2]) if word[:1].isdigit() else ORDINALS.get(word)
    if not n:
        return None
    return Reading("DATE", f"{n - 1:02d}", pos_mod(g["pos"]))


def season(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    code = SEASONS[g["season"].lower()]
    rel = (g["rel"] or "").lower()
    mod = pos_mod(g["pos"])
    if g["year"]:
        return Reading("DATE", f"{year_of(g['year'], c.ref)}-{code}", mod)
    if c.ref is None:
        return Reading("DATE", f"XXXX-{code}", mod)
    year = c.ref.year
    current = {12: "WI", 1: "WI", 2: "WI"}.get(c.ref.month) or ("SP", "SU", "FA")[(c.ref.month - 3) // 3]
    order = ["SP", "SU", "FA", "WI"]
    # Seasons are named by the year they start in: January's winter is last year's "WI", and the
    # fall before it too (in February 1998 "last fall" is 1997-FA).
    base = year - 1 if c.ref.month <= 2 else year
    step = order.index(code) - order.index(current)
    if rel in ("last", "this past", "the past") or (rel in ("", "the", "that") and c.tense < 0):
        year = base - 1 if step > 0 or (step == 0 and rel == "last") else base
    elif rel in ("next", "this coming", "the coming") or c.tense > 0:
        year = base + 1 if step < 0 or (step == 0 and rel == "next") else base
    elif code == "WI" and c.ref.month <= 2 and rel in ("this", ""):
        year -= 1  # January's "this winter" began in December
    return Reading("DATE", f"{year}-{code}", mod)


_ENDED = re.compile(
    rf"\s*,?\s*(?:which\s+)?(?P<verb>ended|ending|that ended)\s+(?P<month>{MONTH_RE})\s*"
    r"(?P<day>[0-3]?\d)(?!\d)(?:,?\s*(?P<year>(?:19|20)\d\d)(?!\d))?"
)


def _period_end(m: Candidate, c: Context) -> dt.date | None:
    """The last day of a reported period named after it: "the quarter ended Sept. 30"."""
    e = _ENDED.match(m.match.string, m.end)
    if not e:
        return None
    month, day = month_num(e["month"]), int(e["day"])
    if e["year"]:
        return safe_date(int(e["year"]), month, day)
    if c.ref is None:
        return None
    # "ended" is behind the reference date; "ending" the nearest such day
    return near_year(month, day, c.ref, -1 if e["verb"].endswith("ended") else 0)


_YEAR_AGO = ("year-ago", "year-earlier", "year-before")


def quarter(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    # "the quarter a year ago", "the corresponding period last year": the year-ago quarter
    rel = "year-ago" if g["ago"] else (g["rel"] or g["cmp"] or "").lower()
    half = g["unit"].lower() == "half" or bool(g["two"])  # "the first two quarters": the first half
    letter, per_year = ("H", 2) if half else ("Q", 4)
    year_text = g["year"] or g["yearpre"]
    # "the quarter ended Sept. 30" is dated by its last day, unless it refers back to a quarter the
    # story named ("the fiscal first quarter ... for the quarter ended Sept. 30")
    dated_by_end = not (year_text or half or c.narrative) and g["unit"].lower() == "quarter"
    end = _period_end(m, c) if dated_by_end else None
    # "the last two quarters": "last" was read as the relation word, not the ordinal
    ordinal = g["ord"] or ("last" if g["two"] else None)
    if ordinal:
        n = ORDINALS[ordinal.lower()]
        n = per_year if n == -1 else n
        if n > per_year:
            return None
        if end:
            return Reading("DATE", f"{end.year}-{letter}{n}")  # a fiscal quarter, in its year
        if year_text:
            return Reading("DATE", f"{year_of(year_text, c.ref)}-{letter}{n}")
        if c.ref is None:
            return Reading("DATE", f"XXXX-{letter}{n}")
        year, current = quarter_of(c.ref)
        current = (current + 1) // 2 if half else current
        if rel in _YEAR_AGO or (c.tense <= 0 and n > current):
            year -= 1
        return Reading("DATE", f"{year}-{letter}{n}")
    if end:
        # three months ending that day: the calendar quarter holding most of them
        year, n = quarter_of(end - dt.timedelta(days=45))
        return Reading("DATE", f"{year}-Q{n}")
    if c.ref is None:
        return Reading("DATE", f"XXXX-{letter}X")
    if half:
        year, current = c.ref.year, 1 if c.ref.month <= 6 else 2
        return Reading("DATE", f"{year}-H{current}")
    if c.narrative:
        # the quarter the story reported on ("the quarter", "the 1988 period"), or a year before it
        day = add_months(c.ref, -12 if rel in _YEAR_AGO else 0)
    else:
        # Financial news: "the quarter", "the latest quarter" is the last one completed.
        offset = {"current": 0, "this": 0, "next": 1}
        shift_by = -5 if rel in _YEAR_AGO else offset.get(rel, -1)
        day = add_months(c.ref, 3 * shift_by)
    year, n = quarter_of(day)
    if year_text:
        year = int(year_of(year_text, c.ref) or year)
    return Reading("DATE", f"{year}-Q{n}")


def week_of(m: Candidate, c: Context) -> Reading | None:
    """ "the week of March 6": the ISO week holding that day."""
    g = m.match
    month, day = month_num(g["month"]), int(g["day"])
    if g["year"]:
        d = safe_date(int(g["year"]), month, day)
    elif c.ref is not None:
        d = near_year(month, day, c.ref, c.tense)
    else:
        return Reading("DATE", "XXXX-WXX")
    return Reading("DATE", week_value(d)) if d else None


def year(m: Candidate, c: Context) -> Reading | None:
    g = m.match
    return Reading("DATE", g["year"], pos_mod(g["pos"]))


def year_words(m: Candidate, c: Context) -> Reading | None:
    y = year_words_value(m.match["words"])
    if y is None or not 1600 <= y <= 2099:
        return None
    if not m.match.group(0).lower().startswith("the year") and "thousand" in m.match["words"].lower():
        after = m.match.string[m.end : m.end + 12].lower()
        if not after.lstrip().startswith((",", ".", ";")):
            return None  # "two thousand people": a count
    return Reading("DATE", str(y))


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
    ref = c.ref
    assert ref is not None  # the early return above covers an unknown reference without a year
    # The year before, of and after the reference, within the calendar's years 1 to 9999.
    years = range(max(ref.year - 1, dt.MINYEAR), min(ref.year + 1, dt.MAXYEAR) + 1)
    options = [on(y) for y in years]
    past = [d for d in options if d <= ref]
    future = [d for d in options if d >= ref]
    if c.tense < 0 and past:
        pick = max(past)
    elif c.tense > 0 and future:
        pick = min(future)
    else:
        pick = min(options, key=lambda d: abs((d - ref).days))
    return Reading("DATE", pick.isoformat())
