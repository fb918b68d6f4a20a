"""Recognition: where the time expressions are (extents), before any value is computed.

Each rule is a named regular expression; its named groups carry what normalisation needs. All rules
run over the whole text, then overlapping matches are settled longest-first, so "Jan. 3, 2019" wins
over "2019" and "the past two months" over "two months". Filters reject what only looks like a time:
"2,015 troops", "F-35", "Route 66", "$2015", a phone number.

Month and weekday names are matched case-sensitively ("May" the month, not "may" the verb); the
words around them are not.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from sortie.geodata.timex.lexicon import (
    MONTH_RE,
    NUMBER_WORD_RE,
    ORDINALS,
    PART_OF_DAY_RE,
    QUARTER_ORD_RE,
    SEASON_RE,
    UNIT_RE,
    VAGUE_QUANTITY_RE,
    WEEKDAY_RE,
)
from sortie.geodata.timex.scan import Page, Scope, scan, scope_of


@dataclass(frozen=True, slots=True)
class Candidate:
    """One matched extent and the rule that found it."""

    start: int
    end: int
    rule: str
    match: re.Match[str]


_MONTH = f"(?-i:{MONTH_RE})"
_WEEKDAY = f"(?-i:{WEEKDAY_RE})"
# "early", "the end of", "mid-": where in a stretch of time (TIMEX3 mod START/MID/END).
_POS = (
    r"(?P<pos>(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|close|turn)\s+of(?:\s+the)?"
    r"|earlier|later|early|late|mid)"
)
_POS_SEP = r"(?:\s+|-)"
# "about", "more than": how exact an amount is (TIMEX3 mod APPROX, MORE_THAN, ...).
_APPROX = (
    r"(?P<approx>about|around|approximately|roughly|some|nearly|almost|close to|more than|over|"
    r"less than|under|up to|at least|at most|no more than|no less than|fewer than|just over|"
    r"just under|well over)"
)
_NUM = rf"(?P<num>\d+(?:\.\d+)?|{NUMBER_WORD_RE}|{VAGUE_QUANTITY_RE})"
_YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
_RELYEAR = r"(?:this|last|next|that|the same|the previous|the following) year"
# "nineteen ninety-four", "two thousand": years said in words (broadcast transcripts)
_YEAR_WORDS = (
    r"(?:(?:nineteen|twenty)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen)|two thousand(?:\s+and\s+\w+)?)"
)
_ORDINAL = "|".join(
    sorted((w for w, n in ORDINALS.items() if n > 0 and not w[0].isdigit()), key=len, reverse=True)
)
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

RULES: tuple[tuple[str, str], ...] = (
    # Jan. 3, 2019 / Wednesday, Dec. 23 / December 23rd / early Jan. 3 / last Oct. 23
    (
        "date_mdy",
        rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:(?P<rel>last|this past|next|this coming)\s+)?(?:{_POS}{_POS_SEP})?"
        rf"(?P<month>{_MONTH})\s*{_DAYNUM}(?!\d|:\d)"
        rf"(?:(?:,\s*|\s+)(?P<year>{_YEAR4})(?!\d))?",
    ),
    # 3 January 2019 / the 3rd of January
    (
        "date_dmy",
        rf"(?P<pos>)(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?<![\d,.])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR4})(?!\d))?",
    ),
    # the second day of "April 24 and 25", "March 3-5", "Sept. 14 to 16, 2021": that month's too
    (
        "date_range_day",
        rf"(?P<pos>)(?<![\w.])(?P<month>{_MONTH})\s*[0-3]?\d(?:st|nd|rd|th)?\s*(?:and|or|to|through|until|-|\u2013)\s*"
        rf"(?P<core>(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d%]|:\d|[.,]\d|\s*(?:percent|per\s*cent|[ap]\.?m\b))"
        rf"(?:,?\s*(?P<year>{_YEAR4})(?!\d))?)",
    ),
    ("date_iso", r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
    ("date_num", r"(?<![\d/])(?P<mon>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)(?![\d/])"),
    # July 1997 / January of this year / early next month is elsewhere
    (
        "month_year",
        rf"(?:{_POS}{_POS_SEP})?(?P<month>{_MONTH}),?\s+(?:of\s+)?(?P<year>{_YEAR4}(?!\d)|{_RELYEAR}"
        rf"|{_YEAR_WORDS}(?!\w))",
    ),
    (
        "month",
        rf"(?:(?P<rel>last|next|this past|this coming|this|that|the coming|coming|each|every)\s+)?"
        rf"(?:{_POS}{_POS_SEP})?(?P<month>{_MONTH})(?!\w)",
    ),
    # last Friday / early Tuesday / Wednesday night / Sundays
    (
        "weekday",
        rf"(?:(?P<pos>early|late|earlier|later)\s+)?(?:(?P<rel>last|next|this past|this coming|this|"
        rf"that|coming|past|each|every|the previous|the following|the next|the prior)\s+)?"
        rf"(?P<wd>{_WEEKDAY})(?P<plural>s)?(?!\w)"
        rf"(?:\s+(?P<pod>{PART_OF_DAY_RE})(?P<pods>s)?)?",
    ),
    (
        "deictic",
        rf"(?:(?P<pos>early|late|earlier|later|mid)[\s-]+)?(?P<word>today|yesterday|tomorrow|tonight|"
        r"the day before yesterday|the day after tomorrow)(?!\w)"
        rf"(?:(?:'s)?\s+(?P<pod>{PART_OF_DAY_RE}))?",
    ),
    (
        "part_of_day",
        rf"(?:(?P<pos>early|late|earlier|later|mid)[\s-]+)?(?P<rel>this|last|tomorrow|yesterday|"
        rf"this past)\s+(?P<pod>{PART_OF_DAY_RE})(?!\w)",
    ),
    # mid-afternoon / midmorning yesterday
    (
        "part_of_day_mid",
        rf"(?P<pos>mid)[\s-]?(?P<pod>morning|afternoon)(?!\w)(?:\s+(?P<day>yesterday|today|tomorrow|"
        rf"{_WEEKDAY}))?",
    ),
    # this month / last week / the past year / earlier this year / the end of the year / the weekend
    (
        "relunit",
        rf"(?:{_POS}\s+)?(?P<rel>this past|this coming|this|last|next|the past|the last|the next|"
        r"the coming|the current|the previous|the following|the same|the latest|the prior|the full|the|"
        r"that|past|coming|current|previous|following|prior)"
        r"\s+(?P<fiscal>fiscal\s+)?(?P<unit>week|weekend|month|year|decade|century)(?![\w-])",
    ),
    ("relunit_bare", rf"{_POS}\s+(?P<rel>)(?P<unit>week|month|year)(?![\w-])"),
    # the day before last Tuesday / the day after Jan. 3
    (
        "day_before",
        rf"the\s+day\s+(?P<dir>before|after)\s+(?:(?P<rel>last|next|this)\s+)?(?:(?P<wd>{_WEEKDAY})"
        rf"|(?P<month>{_MONTH})\s*{_DAYNUM}(?!\d|:\d)(?:,?\s+(?P<year>{_YEAR4})(?!\d))?)(?!\w)",
    ),
    # the week of March 6
    (
        "week_of",
        rf"the\s+week\s+of\s+(?P<month>{_MONTH})\s*{_DAYNUM}(?!\d|:\d)(?:,?\s+(?P<year>{_YEAR4})(?!\d))?",
    ),
    ("year_end", r"(?P<word>year[- ]end|year's end|end[- ]of[- ]year)"),
    # the 1990s / the late 1970s / the '90s / the last half of the '80s
    (
        "decade",
        r"(?:the\s+(?P<halfof>first|second|last|latter)\s+half\s+of\s+)?"
        rf"(?P<the>the\s+)?(?:{_POS}{_POS_SEP})?(?:(?P<dec>(?:1[6-9]|20)\d0)'?s|'(?P<dec2>\d0)s"
        r"|(?P<decword>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?!\w)",
    ),
    (
        "century",
        r"(?:the\s+)?(?:(?P<pos>early|late|mid)[\s-]+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second|"
        r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
        r"fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]century(?!\w)",
    ),
    # this summer / last fall / the winter of 1994 / spring 2019
    (
        "season",
        rf"(?:{_POS}{_POS_SEP})?(?:(?P<rel>this past|this coming|this|last|next|the past|the coming|"
        rf"that|the)\s+)?(?P<season>{SEASON_RE})(?:\s+(?:of\s+)?(?P<year>{_YEAR4}(?!\d)|{_RELYEAR}"
        rf"|{_YEAR_WORDS}(?!\w)))?"
        rf"(?!\w)",
    ),
    # the third quarter / third-quarter / the latest quarter / the fiscal first quarter of 1990
    (
        "quarter",
        rf"(?:the\s+)?(?:(?P<yearpre>this year's|last year's|next year's|{_YEAR4}(?!\d)(?:'s)?)\s+)?"
        r"(?:the\s+)?(?:(?P<cmp>comparable|corresponding|same)\s+)?"
        r"(?:(?P<rel>latest|last|past|previous|prior|current|same|year-ago|year-earlier|comparable|"
        r"corresponding|recent|most recent|year-before|this|next|that)\s+)?(?:fiscal[\s-]+)?"
        rf"(?:(?P<ord>{QUARTER_ORD_RE})[\s-]+)?(?P<two>two\s+)?(?:fiscal[\s-]+)?(?P<unit>quarter|half|period)"
        r"(?P<quarters>s)?(?![\w-])"
        rf"(?:\s+of\s+(?:fiscal\s+)?(?P<year>{_YEAR4}(?!\d)|{_RELYEAR})"
        r"|\s+(?P<ago>a year (?:ago|earlier)|last year|the year before|the previous year)(?!\w))?",
    ),
    # fiscal 1989 / mid-1996 / the end of 1990 / 2015
    (
        "year",
        rf"(?:{_POS}{_POS_SEP})?(?:(?P<fiscal>fiscal(?:\s+year)?|the year|calendar(?:\s+year)?|FY)\s*)?"
        rf"(?<![\w$£€#.,/])(?P<year>{_YEAR4})(?![\w%/]|[.,:-]\d|\s+(?:GMT|EST|hours?|local time))",
    ),
    ("year_words", rf"(?:the\s+year\s+)?(?P<words>{_YEAR_WORDS})(?!\w)"),
    # ten days ago / a year earlier / nearly four years ago / two weeks from now
    (
        "ago",
        rf"(?:{_APPROX}\s+)?{_NUM}\s+(?P<unit>{UNIT_RE})s?(?:\s+or\s+so)?\s+"
        r"(?P<dir>ago|earlier|before now|from now|hence)(?!\w)",
    ),
    ("ago_adj", r"(?P<word>year-earlier|year-ago|year-before|a year-earlier)(?!\w)"),
    # the past two months / the last 45 days / about two years / a five-year plan / 36 hours
    (
        "duration",
        rf"(?:{_APPROX}\s+)?(?:(?P<rel>(?:(?:each|all|much|most|some|any|one)\s+of\s+)?(?:the|these|those|"
        r"its|their|his|her)\s+(?:past|last|next|coming|first|previous|following|final|latest|"
        rf"remaining|same|initial|ensuing|recent)|the|past|last|next|first)\s+)?(?P<halfpre>half\s+(?=an?\s))?{_NUM}"
        r"(?P<frac>\s+1/2|\s*\u00bd|\s+and\s+a\s+half)?"
        rf"(?:\s+(?:more|straight|consecutive|full|long|trading|business|working|calendar))?[\s-]"
        rf"(?P<unit>{UNIT_RE}|weekend|night)(?P<plural>s)?(?!\w)(?P<half>\s+and\s+a\s+half)?",
    ),
    # the coming weeks / recent years / the past few months (amount unknown)
    (
        "duration_vague",
        r"(?:(?P<rel>the\s+(?:past|last|next|coming|previous|following|recent)|recent|coming|past)\s+)"
        rf"(?P<unit>{UNIT_RE})s(?!\w)",
    ),
    ("duration_ahead", rf"(?P<rel>the)\s+(?P<unit>{UNIT_RE})s\s+(?P<ahead>ahead)(?!\w)"),
    (
        "duration_bare",
        rf"(?:for|within|over|took|takes|lasted|for many|for several)\s+"
        rf"(?P<core>(?:(?<=over )the\s+)?(?P<unit>{UNIT_RE})s)(?!\w)",
    ),
    # "the first rain in years", "done in days": a stretch; "in years of war", "in days past" are not
    (
        "duration_in",
        rf"in\s+(?P<core>(?P<unit>{UNIT_RE})s)(?![\w-])"
        r"(?!\s+(?:of|ago|before|after|earlier|later|past|to come)\b)",
    ),
    # a day-long meeting / a decades-long dispute / a two-week-long exercise: a duration as an adjective
    (
        "duration_long",
        rf"(?:(?P<num>\d+|{NUMBER_WORD_RE})-)?(?P<unit>{UNIT_RE})(?P<plural>s)?-long(?!\w)",
    ),
    # daily / every day / each Thursday / per year / twice a week
    (
        "set",
        rf"(?P<word>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)"
        rf"(?!\w)|(?P<every>every|each|per)\s+(?P<other>other\s+|\d+\s+|{NUMBER_WORD_RE}\s+)?"
        rf"(?P<unit>{UNIT_RE}|weekend|night)s?(?!\w)",
    ),
    (
        "set_freq",
        rf"(?:once|twice|times)\s+(?P<core>(?P<a>a|an|per)\s+(?P<unit>{UNIT_RE}|weekend|night))(?!\w)",
    ),
    # 10 p.m. Wednesday / 5 p.m. EST / noon Thursday / around 7:15 p.m.
    (
        "clock",
        rf"(?:(?P<approx>about|around|approximately|at about|shortly after|shortly before|just after|"
        rf"just before|after|before|until|by)\s+)?(?:(?P<h>[01]?\d)(?::(?P<min>[0-5]\d))?\s*"
        r"(?P<ampm>[ap]\.m\.?|[ap]m(?!\w))|(?P<word>noon|midnight|midday)|(?P<h24>[0-2]\d):?(?P<m24>[0-5]\d)\s*"
        r"(?P<z>GMT|UTC|Zulu|hours|hrs))"
        rf"(?:\s+(?P<tz>(?-i:[ECMP][SD]T|GMT|UTC)|local time))?"
        # "10:35 a.m. (0735 GMT) Friday": the same time in another zone, then its day
        rf"(?:(?:\s*\([^()\n]{{1,24}}\))?,?\s+(?:on\s+)?(?P<day>{_WEEKDAY}|today|"
        rf"yesterday|tomorrow|tonight|{_MONTH}\s*[0-3]?\d(?!\d)))?",
    ),
    (
        "reference",
        r"(?<![\w-])(?P<word>now|right now|just now|currently|current|nowadays|recently|recent|lately|"
        r"the past|the future|at present|presently|the present|"
        r"the (?:near|foreseeable|distant|immediate) future|the (?:near|short|long) term|a later date|"
        r"these days|the moment|this time|the time being|once again)(?![\w-])",
    ),
    (
        "holiday",
        r"(?P<word>(?-i:Christmas Eve|Christmas Day|Christmas|New Year's Eve|New Year's Day|"
        r"New Year's|Thanksgiving Day|Thanksgiving|Halloween|Independence Day|Valentine's Day|"
        r"Boxing Day|Veterans Day|Memorial Day|Labor Day|Easter))(?:\s+(?P<year>" + _YEAR4 + r"))?(?!\w)",
    ),
    (
        "day_ref",
        r"(?P<word>the (?:next|following|previous|prior) (?:day|morning|afternoon|evening|night)"
        r"|the (?:day|night) (?:before|after)(?! yesterday| tomorrow|\s+\w+ing\b)"
        r"|the same day|that day|the day|the same week|that week)(?![\w-])",
    ),
    # the anniversary / the one-year anniversary / its 75th anniversary (dated by `anniversary`)
    (
        "anniversary",
        rf"(?P<det>the|its|their|his|her|this)\s+(?:(?P<nth>{_ORDINAL}|\d{{1,3}}(?:st|nd|rd|th))[\s-]+"
        rf"|(?P<years>\d{{1,3}}|{NUMBER_WORD_RE})[\s-]+years?[\s-]+)?anniversary(?!\w)",
    ),
)


@cache
def _compiled() -> tuple[tuple[str, re.Pattern[str], Scope], ...]:
    # Compiled on first use, not at import: importing Sortie costs nothing. Each rule's scope (its
    # keywords and the characters it cannot cross) lets `find_candidates` scan only where it can match.
    out = []
    for name, pattern in RULES:
        source = rf"(?<!\w){pattern}"
        out.append((name, re.compile(source, re.IGNORECASE), scope_of(source, re.IGNORECASE)))
    return tuple(out)


# Words after a bare number that show it counts things rather than naming a year.
_COUNTED = re.compile(
    r"\s+(?:[a-z]+-)?(?:troops|people|soldiers|men|women|children|residents|civilians|fighters|"
    r"militants|deaths|dead|casualties|killed|wounded|injured|victims|workers|employees|jobs|cases|"
    r"votes|tons|tonnes|km|kilometers|kilometres|miles|meters|metres|feet|yards|dollars|euros|"
    r"pounds|barrels|shares|points|units|vehicles|tanks|aircraft|planes|jets|missiles|rockets|"
    r"rounds|homes|houses|families|refugees|prisoners|detainees|members|students|patients|acres|"
    r"hectares|sorties|strikes|times|percent|per\s+cent|cars|trucks|ships|boats|words|pages|"
    r"marines|sailors|airmen|personnel|officers|police|protesters|delegates|seats|calories)\b",
    re.IGNORECASE,
)
_QUANTITY_BEFORE = re.compile(
    r"(?:about|nearly|almost|some|over|than|least|approximately|around|only|just|total of|estimated|"
    r"roughly|and|to|of)\s+$",
    re.IGNORECASE,
)
# What stands before "a year" in a rate: an amount ("$2 million a year", "358,000 a month") or a
# plural noun ("four flights a week"); verbs in -s ("takes a week", "lasts a day") are not rates.
_RATE_BEFORE = re.compile(
    r"(?:\d[\d,.]*%?|\b(?:million|billion|trillion|thousand|hundred|dozen|[a-z]{3,}[^s']s))\s+$"
)
_NOT_RATE_BEFORE = re.compile(
    r"\b(?:takes|lasts|needs|spends|requires|gets|gives|means|seems|looks|remains|has|was|is|"
    r"less|across|plus|thus|perhaps|always|sometimes|nearly|almost|hours|times)\s+$",
    re.IGNORECASE,
)
_AFTER_SECOND = re.compile(r"\s+(?:later|earlier|ago|before|after|or|and|of|to|in|the|for)\b")
_MAY_CONTEXT = re.compile(
    r"(?:in|on|since|until|till|by|of|from|to|through|during|early|late|mid|last|next|this|before|"
    r"after|between|and|or|end|beginning|late-|mid-)\s+$",
    re.IGNORECASE,
)


def _preceded(before: str, words: str) -> bool:
    """Whether `before` ends with one of `words` (a regex alternation), in any case: "In the past"."""
    return bool(re.search(rf"\b(?:{words})\s+$", before, re.IGNORECASE))


# A unit or deictic word written with a capital inside an expression ("This Week", "60 Minutes",
# "the Six-Day War") makes it part of a name: a programme, a war, a title.
_TITLE_UNIT = re.compile(
    r"(?<=[\s-])(?-i:Seconds?|Minutes?|Hours?|Days?|Nights?|Weeks?|Weekends?|Months?|Years?|Decades?|"
    r"Century|Centuries|Today|Tonight|Tomorrow|Yesterday)\b"
)
_LONG_WORD = re.compile(r"[A-Za-z]{4,}")


def _named(c: Candidate, text: str) -> bool:
    """Whether `c` is part of a name written in title case ("on ABC's This Week"), not a time.

    A headline written in title case ("Bombers Return Next Week") keeps its times: there every long
    word has a capital, not just the name's."""
    extent = text[c.start : c.end]
    if c.rule == "holiday" or extent.isupper() or not _TITLE_UNIT.search(extent):
        return False
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    words = _LONG_WORD.findall(line)
    return sum(w[0].isupper() for w in words) < 0.7 * len(words)


def _plausible(c: Candidate, text: str) -> bool:
    """Reject look-alikes that the patterns alone cannot tell apart from times."""
    m = c.match
    if _named(c, text):
        return False
    before = text[max(0, c.start - 30) : c.start]
    after = text[c.end : c.end + 40]
    if c.rule == "year":
        if m["fiscal"] or m["pos"]:
            return True
        if re.search(
            r"\d[\s.)-]$|[A-Za-z]-$|\b(?:No|Nos|Route|Highway|Flight|number|Article)\.?\s+$", before
        ):
            return False
        if _COUNTED.match(after):
            return False
        if _QUANTITY_BEFORE.search(before) and re.match(r"\s+[a-z]", after):
            # "some 1500 fighters", "about 2000 of them"; a year after "in about" stays rare
            return bool(re.search(r"\b(?:of|and|to)\s+$", before))
        return True
    bare_month = c.rule == "month" and not m["rel"] and not m["pos"]
    if bare_month and m["month"] == "May":
        # "May" alone is the month only after a preposition ("in May"), never "Theresa May"
        named = re.search(r"(?:Theresa|Minister|Mrs\.|Ms\.)\s+$", before)
        return bool(_MAY_CONTEXT.search(before)) and not named
    if bare_month and m["month"] == "March":  # the verb: "troops march on the capital"
        return not re.match(r"\s+(?:on|to|through|against|for)\b", after) or bool(_MAY_CONTEXT.search(before))
    if c.rule == "duration":
        if re.match(r"-old\b|\s+old\b", after):
            return False  # "a 30-year-old man", "six years old": an age, not a time
        unit, num = m["unit"].lower(), m["num"].lower()
        if re.fullmatch(_YEAR4, num) and unit in ("quarter", "half", "period"):
            return False  # "the 1988 quarter" is a quarter of 1988, not 1,988 quarters
        if unit == "quarter" and (m["plural"] is None or not num[:1].isdigit()) and not m["rel"]:
            # "a quarter of the market", "three quarters": fractions, unless counted ("the next
            # three quarters")
            return num not in ("a", "one", "three", "an") and "-" not in m.group(0)
        rel = " ".join((m["rel"] or "").lower().split())
        if unit == "quarter" and num == "two" and rel in ("the first", "first", "the last", "last"):
            return False  # "the first two quarters (of 1990)": a half year, read by the quarter rule
        if num in ("a", "an", "one") and not m["rel"]:
            if unit == "second" and re.match(r"\s+[a-z]", after) and not _AFTER_SECOND.match(after):
                return False  # "a second group", "a second time": an ordinal
            if _RATE_BEFORE.search(before) and not _NOT_RATE_BEFORE.search(before):
                return False  # "$2 million a year", "four flights a week": a rate, not a stretch
    if c.rule == "quarter":
        paired = m["ord"] or (m["rel"] or "").lower() == "last"
        if bool(m["two"]) != bool(m["quarters"]) or (m["two"] and not paired):
            return False  # "the first two quarters" is a half year; "the latest quarters" no date
        if before.endswith("-"):
            return False  # "quarter-to-quarter", "year-to-year": a comparison, not a period
        bare = not (m["ord"] or m["rel"] or m["year"] or m["yearpre"])
        if bare and re.search(r"\b(?:a|an|one|three|in a)\s+$", before, re.IGNORECASE):
            return False  # "more than a quarter of", "in a quarter that": a fraction, any quarter
        unit = m["unit"].lower()
        if unit == "half" and not (m["ord"] or m["rel"]):
            return False
        dated = m["yearpre"] or m["year"] or m["ago"] or m["cmp"]
        if (
            unit == "period"
            and not dated
            and (m["rel"] or "").lower()
            not in (
                "latest",
                "year-ago",
                "year-earlier",
                "comparable",
                "same",
                "year-before",
                "most recent",
            )
        ):
            return False
    if c.rule == "date_range_day" and _COUNTED.match(after):
        return False  # "On May 5 and 12 soldiers were hurt": a count, not a second day
    if c.rule == "decade" and m["decword"] and not m["the"]:
        return False  # "the nineties" is a decade; "in his forties" is an age
    if c.rule == "season" and not (m["rel"] or m["year"] or m["pos"]):
        return _preceded(before, "in|during|since|until|by|this|last|next|over|the")
    if c.rule == "season" and m["rel"] and m["rel"].lower() == "the" and not m["year"]:
        return _preceded(before, "in|during|since|until|by|over|through|into")
    if c.rule == "reference" and m["word"].lower().endswith(" term"):
        # "in the near term" is a time; "the long term effects" or "the short term loan" is not
        return _preceded(before, "in|for|over|into") and not re.match(r"\s+[a-z]", after)
    if c.rule == "reference" and m["word"].lower() in ("the past", "the present", "the moment", "this time"):
        return _preceded(before, "in|for|into|at|from|than|of")
    if c.rule == "reference" and m["word"].lower() == "current":
        return not re.match(r"\s+(?:account|accounts|events|affairs)\b", after)
    if c.rule == "clock" and (m["word"] or "").lower() == "noon" and c.start == m.start("word"):
        # "high noon": a showdown (or the film), not twelve o'clock
        return not re.search(r"\bhigh[\s-]$", before, re.IGNORECASE)
    if c.rule == "day_ref" and m["word"].lower() == "the day":
        return _preceded(before, "on|of|during|for|that|all")
    return True


def find_candidates(text: str) -> list[Candidate]:
    """Every time-expression extent in `text`, non-overlapping, in order of position."""
    found: list[Candidate] = []
    page = Page(text)
    for name, pattern, scope in _compiled():
        for m in scan(pattern, scope, page):
            # A rule may match context it does not own ("for weeks"): group `core` is the extent.
            start, end = m.span("core") if "core" in pattern.groupindex else m.span()
            if (
                name == "duration"
                and (m["rel"] or "").lower() == "the"
                and "-" in text[m.end("num") : m.start("unit")]
            ):
                start = m.start("num")  # "the one-year anniversary": the article belongs to the noun
            if name == "duration" and m["rel"] and (m["approx"] or "").lower() in ("over", "under"):
                start = m.start("rel")  # "over the next three quarters": "over" is the preposition
            if end > start:
                c = Candidate(start, end, name, m)
                if _plausible(c, text):
                    found.append(c)
    # Longest extent first; on ties the earlier rule (more specific) wins.
    order = {name: i for i, (name, _) in enumerate(RULES)}
    found.sort(key=lambda c: (-(c.end - c.start), order[c.rule], c.start))
    # Kept sorted by start; the extents taken never overlap, so their ends are sorted too and only the
    # two neighbours of a new extent can overlap it (a bisection, not a scan of all taken so far).
    taken: list[Candidate] = []
    starts: list[int] = []
    for c in found:
        i = bisect.bisect_right(starts, c.start)
        if (i and taken[i - 1].end > c.start) or (i < len(taken) and taken[i].start < c.end):
            continue
        starts.insert(i, c.start)
        taken.insert(i, c)
    return taken
