"""Word lists for time expressions: month, weekday, season and part-of-day names, numerals, units.

These are the resources a HeidelTime-style tagger needs; the regular expressions in `recognize`
are built from them, so adding a spelling here adds it everywhere.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

# Abbreviations only count with their period ("Jan.", "Aug."), except "Sept" which news writes bare;
# bare "mar", "jan" or "dec" are words or names far more often than months.
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Sept\.?|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)"
)

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
}  # fmt: skip
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip
SEASON_RE = r"(?:spring|summer|fall|autumn|winter)"

# Parts of the day as TimeML writes them after a date: 2020-12-20TNI.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip
PART_OF_DAY_RE = r"(?:morning|afternoon|evening|night)"

UNITS: dict[str, str] = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "FN", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
    "century": "CE", "centurie": "CE", "millennium": "ML", "millennia": "ML",
}  # fmt: skip
UNIT_RE = (
    r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie)|millenni(?:um|a))"
)

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "last": -1, "final": -1,
}  # fmt: skip
QUARTER_ORD_RE = r"(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)"

UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_SMALL = "|".join(sorted(UNITS_WORDS, key=len, reverse=True))
_TENS = "|".join(TENS_WORDS)
# "forty", "twenty four", "twenty-four", "a hundred", "two hundred", "dozen"
NUMBER_WORD_RE = (
    rf"(?:(?:(?:{_TENS})(?:[- ](?:{_SMALL}))?|{_SMALL}|an?)(?:[- ]hundred)?(?:[- ]thousand)?"
    r"|hundreds|thousands|dozens|a dozen|dozen)"
)
# How many, when not a number: TimeML writes X ("several years": PXY).
VAGUE_QUANTITY_RE = r"(?:several|a few|few|many|some|a couple of|a couple|couple of|a number of|numerous)"


def number_value(words: str) -> int | None:
    """Read a small cardinal written in figures or words: "45", "forty", "twenty-four", "a hundred"."""
    w = words.lower().replace(",", "").strip()
    if w.isdigit():
        return int(w)
    if w in ("a", "an"):
        return 1
    if w in ("dozen", "a dozen"):
        return 12
    total, current = 0, 0
    for part in w.replace("-", " ").split():
        if part in ("a", "an"):
            current = max(current, 1)
        elif part in UNITS_WORDS:
            current += UNITS_WORDS[part]
        elif part in TENS_WORDS:
            current += TENS_WORDS[part]
        elif part == "hundred":
            current = max(current, 1) * 100
        elif part == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def year_words_value(words: str) -> int | None:
    """Read a year said in words: "nineteen ninety-six", "two thousand", "the year two thousand"."""
    w = words.lower().replace("-", " ").split()
    if not w:
        return None
    if w[:2] == ["two", "thousand"]:
        rest = number_value(" ".join(x for x in w[2:] if x != "and")) if w[2:] else 0
        return None if rest is None else 2000 + rest
    if w[0] in UNITS_WORDS and 10 <= UNITS_WORDS[w[0]] <= 19 and len(w) >= 2:
        rest = number_value(" ".join(w[1:]))
        if rest is None or rest >= 100:
            return None
        return UNITS_WORDS[w[0]] * 100 + rest
    return None
