"""Anniversaries: "the anniversary of X", "the one-year anniversary", "the first anniversary".

An anniversary is a date only when the text says when X happened: a day date inside the phrase
("the anniversary of the Jan. 3 strike") or a sentence elsewhere that dates the same event ("X was
killed in a Jan. 3, 2020, drone strike"), found by the words the two share. The anniversary then
falls on that month and day, in the year the reference date and the tense imply, and after the
event's own year. When nothing in the text dates the event the value stays XXXX-XX-XX, with no
interval: a guess would put the event on the map on a day nobody wrote.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from sortie.geodata.records import Sentence, TimeMention
from sortie.geodata.timex.absolute import month_year_of, near_year
from sortie.geodata.timex.lexicon import ORDINALS, number_value
from sortie.geodata.timex.reading import Context, Reading
from sortie.geodata.timex.recognize import Candidate


@dataclass(frozen=True, slots=True)
class Event:
    """When the remembered event happened, as far as the text says."""

    month: int
    day: int | None  # None when the text gives only the month ("in January 2020")
    year: int | None  # None when the date in the text has no year of its own
    text: str  # the date as written, for the mention's anchor


# Explicit calendar dates: a weekday or "last month" near an event's words does not date it.
_DATED_RULES = frozenset({"date_mdy", "date_dmy", "date_iso", "date_num", "month_year"})
# A clause ends at these; not at a period, which abbreviations use ("U.S. drone strike").
_PHRASE_END = re.compile(r"[;:!?\n]|,\s|\s[\u2014\u2013-]\s")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019.-]*[A-Za-z]|[A-Za-z]")
# Words that say nothing about which event is meant.
_STOP = frozenset((
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "from", "with", "and", "or", "that",
    "which", "who", "whom", "whose", "this", "these", "those", "its", "his", "her", "their", "our",
    "was", "were", "is", "are", "be", "been", "has", "have", "had", "it", "he", "she", "they", "we",
    "as", "but", "not", "than", "then", "after", "before", "when", "while", "during", "since",
    "anniversary", "year", "years", "day", "days", "month", "months", "first", "last", "said", "says",
    "one-year", "mark", "marks", "marked", "successful", "also", "about", "over", "into", "out",
))  # fmt: skip
# Ways news names the same event with different words: a death is a killing, a strike an attack.
_SAME_EVENT = {
    "death": "KILL", "died": "KILL", "dies": "KILL", "dead": "KILL", "killed": "KILL", "killing": "KILL",
    "kill": "KILL", "slain": "KILL", "assassination": "KILL", "assassinated": "KILL", "murder": "KILL",
    "murdered": "KILL", "strike": "ATTACK", "strikes": "ATTACK", "airstrike": "ATTACK",
    "attack": "ATTACK", "attacks": "ATTACK", "attacked": "ATTACK", "bombing": "ATTACK",
    "bombed": "ATTACK", "raid": "ATTACK", "invasion": "INVADE", "invaded": "INVADE",
}  # fmt: skip
_MIN_SCORE = 3  # a shared name (2) and one more shared word, or three shared words
_MAX_PHRASE = 200  # characters of "of X" read: an event is named in a few words


def _ordinal_number(text: str | None) -> int | None:
    if not text:
        return None
    word = text.lower()
    if word[:1].isdigit():
        return int(re.sub(r"\D", "", word) or 0) or None
    n = ORDINALS.get(word)
    return n if n and n > 0 else None


def years_since(c: Candidate) -> int | None:
    """How many years the phrase says have passed: "first" and "one-year" are 1; None when unsaid."""
    g = c.match
    if g["nth"]:
        return _ordinal_number(g["nth"])
    if g["years"]:
        return number_value(g["years"])
    return None


def _keys(words: str) -> dict[str, int]:
    """Content words of a phrase with their weights: names (capitalised, mid-sentence in the "of"
    phrase) count double."""
    out: dict[str, int] = {}
    for m in _WORD.finditer(words):
        raw = re.sub(r"['\u2019]s$", "", m.group())
        low = raw.lower()
        if low in _STOP or len(low) < 3:
            continue
        # a crude stem, so "abduction" meets "abducted" and "bombers" meets "bomber"
        key = _SAME_EVENT.get(low) or (re.sub(r"(?:ions?|ed|ing|s)$", "", low) if len(low) > 5 else low)
        weight = 2 if raw[:1].isupper() and low not in _SAME_EVENT else 1
        out[key] = max(out.get(key, 0), weight)
    return out


def _of_phrase(text: str, c: Candidate, sentence_end: int) -> tuple[int, int] | None:
    """Span of "of X" after the anniversary, up to the end of its clause."""
    m = re.match(r"\s+of\s+", text[c.end : c.end + 8])
    if not m:
        return None
    start = c.end + m.end()
    # Searched no further than the 200 characters kept (plus the longest clause end, 3), so a long
    # sentence is not rescanned for every anniversary in it.
    stop = _PHRASE_END.search(text, start, min(sentence_end, start + _MAX_PHRASE + 3))
    return start, min(stop.start() if stop else sentence_end, start + _MAX_PHRASE)


def _event_of(mention: TimeMention, rule: str) -> Event | None:
    m = re.match(r"^(\d{4})-(\d\d)(?:-(\d\d))?$", mention.value)
    if not m:
        return None
    if m[3] is None and rule != "month_year":
        return None
    # A date written without its year ("Jan. 3") got one from the reference date: not the event's.
    has_year = (rule != "date_mdy" and rule != "date_dmy") or re.search(r"\d{4}", mention.text) is not None
    return Event(int(m[2]), int(m[3]) if m[3] else None, int(m[1]) if has_year else None, mention.text)


def find_event(
    c: Candidate,
    text: str,
    sentences: tuple[Sentence, ...],
    dated: list[tuple[str, TimeMention]],
    keys_cache: dict[int, dict[str, int]] | None = None,
) -> Event | None:
    """The date of the event `c` is the anniversary of, from the text; None when it is not dated.

    `dated` is every mention found in the text with the rule that found it. `keys_cache` (one per
    text) keeps the words around each dated mention once read, so a text with many anniversaries
    reads each mention's sentence once, not once per anniversary.
    """
    keys_cache = {} if keys_cache is None else keys_cache
    starts = [s.start for s in sentences]
    own = bisect.bisect_right(starts, c.start) - 1
    phrase = _of_phrase(text, c, sentences[own].end if own >= 0 else len(text))
    if phrase is None:
        return None
    candidates = [(rule, t) for rule, t in dated if rule in _DATED_RULES]
    for rule, t in candidates:  # a date in the phrase itself: "the anniversary of the Jan. 3 strike"
        if phrase[0] <= t.start <= phrase[1]:
            return _event_of(t, rule)
    wanted = _keys(text[phrase[0] : phrase[1]])
    best: tuple[int, int, Event] | None = None
    for rule, t in candidates:
        i = bisect.bisect_right(starts, t.start) - 1
        if i < 0 or (sentences[i].start <= c.start < sentences[i].end):
            continue  # the anniversary's own sentence: only its "of" phrase may date the event
        found = keys_cache.get(t.start)
        if found is None:
            s = sentences[i]
            found = keys_cache[t.start] = _keys(text[s.start : t.start] + " " + text[t.end : s.end])
        score = sum(w for k, w in wanted.items() if k in found)
        event = _event_of(t, rule)
        if event and score >= _MIN_SCORE and (best is None or score > best[0]):
            best = (score, -t.start, event)
    return best[2] if best else None


def anniversary(c: Candidate, ctx: Context, event: Event | None) -> Reading:
    """The anniversary's date: the event's month and day in the year the reference date implies."""
    if event is None:
        return Reading("DATE", "XXXX-XX-XX")
    n = years_since(c)
    if ctx.ref is None:
        year = str(event.year + n) if event.year is not None and n else "XXXX"
    elif event.day is not None:
        day = near_year(event.month, event.day, ctx.ref, ctx.tense)
        year = str(day.year) if day else "XXXX"
    else:
        year = str(month_year_of(event.month, ctx.ref, ctx.tense))
    if year != "XXXX" and event.year is not None and int(year) <= event.year:
        year = str(event.year + (n or 1))  # an anniversary comes after its event
    if event.day is None:
        return Reading("DATE", f"{year}-{event.month:02d}")
    if year != "XXXX" and not _valid(int(year), event.month, event.day):
        return Reading("DATE", f"{year}-{event.month:02d}")  # Feb. 29 in a common year
    return Reading("DATE", f"{year}-{event.month:02d}-{event.day:02d}")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True
