"""Time expressions: found in the text, normalised to TIMEX3 and placed on the calendar.

`find_times` is the stage the pipeline calls after spaCy. It is pure Python and needs only the text,
its sentences (with offsets) and the publication date:

    recognize (extents) -> anchor (reference date, tense) -> normalize (TIMEX3) -> calendar (interval)
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import replace

from sortie.geodata.records import Sentence, TimeMention
from sortie.geodata.timex.anchor import NEAR, quote_at, quotes, tense_at
from sortie.geodata.timex.anniversary import anniversary, find_event
from sortie.geodata.timex.calendar import duration_interval, duration_parts, interval
from sortie.geodata.timex.narrative import anaphoric, antecedent
from sortie.geodata.timex.normalize import Context, Reading, normalize
from sortie.geodata.timex.recognize import Candidate, find_candidates

__all__ = ["find_times", "split_sentences"]

# Rules whose reading counts from a nearby day: these follow a quotation's dated attribution.
_DAY_RELATIVE = frozenset(
    {"weekday", "deictic", "part_of_day", "part_of_day_mid", "ago", "clock", "day_ref", "day_before"}
)
_EXPLICIT_DAY = frozenset({"date_mdy", "date_dmy", "date_range_day", "date_iso", "date_num"})
_UNIT_PRECISION = {"D": "day", "H": "day", "MIN": "day", "S": "day", "W": "week", "M": "month",
                   "Q": "quarter", "Y": "year"}  # fmt: skip
# How far (in characters, each side) tense and nearby words are read. The nearest tense marker wins,
# so one a hundred words off never matters in prose; the bound keeps a run-on "sentence" (a page
# without full stops, hostile text) from making the work grow with the square of its length.
_WINDOW = 600


# Abbreviations that stand before a name and never end a sentence ("Inc." and "Co." may).
_TITLE_BEFORE = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Adm|Maj|Cmdr|Prof|Rev|St|vs|Messrs)\.$"
)


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """A plain sentence splitter for callers without spaCy (the evaluation, tests).

    Splits after . ! ? (and closing quotes) followed by a capital, and at blank lines; abbreviations
    such as "Dec." or "U.S." followed by a capital may split too, which only narrows the tense window.
    """
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        pos = para.start()
        for m in re.finditer(r"[.!?][\"'\u201d)]*\s+(?=[\"\u201c`(]*[A-Z])", para.group()):
            if _TITLE_BEFORE.search(para.group(), 0, m.start() + 1):
                continue  # "Dr. Barnett", "Roe vs. Wade": a title or "vs." before a name ends nothing
            end = para.start() + m.end()
            _add(out, text, pos, end)
            pos = end
        _add(out, text, pos, para.end())
    return tuple(out)


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    body = chunk.strip()
    if body:
        s = start + len(chunk) - len(chunk.lstrip())
        out.append(Sentence(len(out), s, s + len(body), body))


def find_times(
    text: str, sentences: tuple[Sentence, ...] | None = None, published: dt.date | None = None
) -> list[TimeMention]:
    """Every time expression in `text`, with its TIMEX3 type and value and its calendar interval.

    `published` is the reference for relative expressions; without it they get TimeML's XXXX forms
    and no interval.
    """
    sentences = sentences or split_sentences(text)
    starts = [s.start for s in sentences]
    candidates = find_candidates(text)
    spans = quotes(text)

    def sentence_of(offset: int) -> int:
        i = bisect.bisect_right(starts, offset) - 1
        return max(i, 0)

    def context(c: Candidate, ref: dt.date | None) -> Context:
        if not sentences:
            return Context(ref, _tense(text, 0, len(text), c))
        i = sentence_of(c.start)
        s = sentences[i]
        first = max(sentences[max(i - 2, 0)].start, c.start - 4 * _WINDOW)
        nearby = text[first : min(s.end, c.end + _WINDOW)]
        tense = _tense(text, s.start, s.end, c)
        near = _tense(text, s.start, s.end, c, NEAR) if tense and c.rule == "month" else tense
        return Context(ref, tense, nearby, near_tense=near)

    # Explicit day dates first: they may anchor the relative words of a quotation they attribute.
    explicit: list[tuple[Candidate, dt.date]] = []
    for c in candidates:
        if c.rule in _EXPLICIT_DAY:
            r = normalize(c, context(c, published))
            if r and re.fullmatch(r"\d{4}-\d\d-\d\d", r.value):
                explicit.append((c, dt.date.fromisoformat(r.value)))

    out: list[TimeMention] = []
    rules: list[str] = []  # the rule that found each of `out`
    anniversaries: list[Candidate] = []
    for c in candidates:
        if c.rule == "anniversary":
            anniversaries.append(c)  # dated once every other date of the text is known
            continue
        ref, anchor = published, "published" if published else None
        need = anaphoric(c)
        story = antecedent(out, need) if need else None
        past_day = _narrated_day(c, explicit, published, sentence_of) if story is None else None
        if story is not None and story.start_date is not None:
            # "the following year", "that day": from the date the story was last at
            ref, anchor = story.start_date, story.text
        elif past_day is not None:
            # "On March 20, 2003, troops crossed the border, and on Friday they took the airport"
            ref, anchor = past_day[1], past_day[0].match.group(0)
            story = _mention(text, past_day[0], Reading("DATE", past_day[1].isoformat()), None, None, 0)
        elif c.rule in _DAY_RELATIVE:
            shifted = _quote_anchor(c, spans, explicit, sentences, sentence_of)
            if shifted:
                ref, anchor = shifted[1], shifted[0]
        ctx = context(c, ref)
        try:
            reading = normalize(c, replace(ctx, narrative=True, story=story.value) if story else ctx)
            if reading is None:
                continue
            mention = _mention(text, c, reading, ref, anchor, sentence_of(c.start))
        except OverflowError:
            continue  # counts past the calendar's years 1 to 9999 ("1,000,000 days ago"): no date
        out.append(mention)
        rules.append(c.rule)
    dated = list(zip(rules, out, strict=True))
    keys_cache: dict[int, dict[str, int]] = {}
    for c in anniversaries:
        event = find_event(c, text, sentences, dated, keys_cache)
        if event is None:
            # TimeML takes an anniversary for an event; it is a time only through the date the text
            # gives the event remembered. Undated, it would be a mention with no place on the calendar.
            continue
        reading = anniversary(c, context(c, published), event)
        mention = _mention(text, c, reading, published, None, sentence_of(c.start))
        out.append(replace(mention, anchor=event.text if event else None))
    out.sort(key=lambda t: t.start)
    return out


def _tense(text: str, lo: int, hi: int, c: Candidate, reach: float = math.inf) -> int:
    """`tense_at` for `c` within text[lo:hi] (its sentence), read at most `_WINDOW` characters out.

    The window is cut at white space, so no word is split into a false marker ("...ed").
    """
    a, b = max(lo, c.start - _WINDOW), min(hi, c.end + _WINDOW)
    if a > lo:
        space = text.find(" ", a, c.start)
        a = space + 1 if space >= 0 else c.start
    if b < hi:
        space = text.rfind(" ", c.end, b)
        b = space if space >= 0 else c.end
    return tense_at(text[a:b], c.start - a, c.end - a, reach)


# A day date this far before publication is a story of its own: its sentence's weekdays are its.
_NARRATED_DAYS = 14
_RANGE_END = re.compile(r"\b(?:to|through|until|till)\s+(?:on\s+)?$|\b(?:and|or)\s+$", re.IGNORECASE)


def _narrated_day(
    c: Candidate,
    explicit: list[tuple[Candidate, dt.date]],
    published: dt.date | None,
    sentence_of: Callable[[int], int],
) -> tuple[Candidate, dt.date] | None:
    """The explicit day date earlier in the sentence of a bare weekday, when the sentence tells of
    a time well before publication: its weekday is the one next to that date, not last week's."""
    if c.rule != "weekday" or c.match["rel"] or c.match["plural"]:
        return None
    if _RANGE_END.search(c.match.string, max(c.start - 12, 0), c.start):
        return None  # "from Sept. 14 to Thursday": the range ends in the reporting week
    here = sentence_of(c.start)
    for e, day in reversed(explicit):
        if e.end <= c.start and sentence_of(e.start) == here:
            if published is None or (published - day).days > _NARRATED_DAYS:
                return e, day
            return None
    return None


def _quote_anchor(
    c: Candidate,
    spans: list[tuple[int, int]],
    explicit: list[tuple[Candidate, dt.date]],
    sentences: tuple[Sentence, ...],
    sentence_of: Callable[[int], int],
) -> tuple[str, dt.date] | None:
    """The date of the attribution of the quotation `c` sits in ("..., he tweeted on Dec. 23")."""
    q = quote_at(spans, c.start, c.end)
    if q is None or not sentences:
        return None
    first = sentences[sentence_of(q[0])]
    last = sentences[sentence_of(max(q[1] - 1, q[0]))]
    # `explicit` is in text order (candidates are sorted by start and never overlap): only those
    # from the quotation's first sentence on are read, not every date of the article.
    k = bisect.bisect_left(explicit, first.start, key=lambda x: x[0].start)
    for e, day in itertools.islice(explicit, k, None):
        if e.start > last.end:
            break
        outside = e.end <= q[0] or e.start >= q[1]
        if outside and e.end <= last.end:
            return e.match.group(0), day
    return None


def _mention(
    text: str, c: Candidate, r: Reading, ref: dt.date | None, anchor: str | None, sentence: int
) -> TimeMention:
    start_date = end_date = None
    precision = None
    # The stretch a duration covers, anchored at the reference date: the period a DATE names beside
    # its value ("the past year"), or a DURATION's own value ("the past two months").
    period = r.period if r.period else r.value if r.type == "DURATION" else None
    if period and r.direction and ref is not None:
        span = duration_interval(period, ref, r.direction)
        parts = duration_parts(period)
        if span and parts:
            start_date, end_date = span
            precision = _UNIT_PRECISION.get(parts[1], "year")
    elif r.type in ("DATE", "TIME"):
        found = interval(r.value, r.mod)
        if found:
            start_date, end_date, precision = found
    relative = anchor if ref is not None and c.rule not in ("year", "decade", "century", "date_iso") else None
    return TimeMention(
        text=text[c.start : c.end],
        start=c.start,
        end=c.end,
        sentence=sentence,
        type=r.type,
        value=r.value,
        start_date=start_date,
        end_date=end_date,
        precision=precision,
        mod=r.mod,
        anchor=relative,
    )
