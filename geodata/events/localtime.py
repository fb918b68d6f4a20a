"""The local date of an event timed in another zone's clock.

US outlets time overseas strikes by Washington's clock: "Iran launched the missiles at 5:30 p.m. ET
Tuesday" is past 1 a.m. Wednesday in Iraq. The stated date is the reporter's; the event's date where it
happened may be the next (or the previous) day. Both are then the honest interval: the stated day and
the local one, at day precision. The zone is read beside the clock time; the place's longitude gives
its offset (solar, to the hour: close enough to tell which side of midnight).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from sortie.geodata.events.when import When

# Zones that reporters write after a clock time, with their UTC offsets in hours (standard, daylight).
_ZONES: dict[str, tuple[float, float]] = {
    "et": (-5, -4), "est": (-5, -5), "edt": (-4, -4), "eastern": (-5, -4),
    "ct": (-6, -5), "cst": (-6, -6), "cdt": (-5, -5), "central": (-6, -5),
    "mt": (-7, -6), "mst": (-7, -7), "mdt": (-6, -6),
    "pt": (-8, -7), "pst": (-8, -8), "pdt": (-7, -7), "pacific": (-8, -7),
    "gmt": (0, 0), "utc": (0, 0), "zulu": (0, 0), "bst": (1, 1),
}  # fmt: skip
_CLOCK = re.compile(
    r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*\(?\s*([A-Za-z]{2,7})\b(?:\s+time)?", re.IGNORECASE
)


def _us_daylight(day: dt.date) -> bool:
    """US daylight time: second Sunday of March to first Sunday of November."""
    march = dt.date(day.year, 3, 8)
    start = march + dt.timedelta(days=(6 - march.weekday()) % 7)
    nov = dt.date(day.year, 11, 1)
    end = nov + dt.timedelta(days=(6 - nov.weekday()) % 7)
    return start <= day < end


def stated_clock(sentence: str, time_text: str | None) -> tuple[float, float, float] | None:
    """(hour of day, standard and daylight UTC offsets of the stated zone) for a clock time with a
    zone in the sentence."""
    for m in _CLOCK.finditer(sentence):
        zone = m.group(4).lower()
        if zone not in _ZONES or (time_text and m.group(1) not in time_text):
            continue
        hour = int(m.group(1)) % 12 if m.group(3) else int(m.group(1))
        if m.group(3) and m.group(3).lower().startswith("p"):
            hour += 12
        if hour > 23:
            continue
        standard, daylight = _ZONES[zone]
        return hour + int(m.group(2) or 0) / 60, float(standard), float(daylight)
    return None


def local_interval(when: When, sentence: str, lon: float) -> When:
    """`when` widened to the local date at longitude `lon` when the sentence times it by another zone."""
    if when.start is None or when.start != when.end or when.precision not in ("day", "time"):
        return when
    clock = stated_clock(sentence, when.text)
    if clock is None:
        return when
    hour, standard, daylight = clock
    offset = daylight if _us_daylight(when.start) else standard
    local = hour - offset + round(lon / 15.0)
    if local >= 24:
        return dataclasses.replace(when, end=when.start + dt.timedelta(days=1))
    if local < 0:
        return dataclasses.replace(when, start=when.start - dt.timedelta(days=1))
    return when
