"""Normalisation: a recognised extent, its reference date and tense -> TIMEX3 type, value and mod.

Relative expressions are computed from `Context.ref` (the publication date, or the date the text
itself sets, see `anchor`). When `ref` is None they get TimeML's unknown-anchor forms (XXXX-12-23,
XXXX-WXX-7, XXXX) rather than a guess. The rules live by family: `absolute` (names on the
calendar), `relative` (counted from the reference day), `durations` (durations and sets); this
module only dispatches.
"""

from __future__ import annotations

from collections.abc import Callable

from sortie.geodata.timex.absolute import (
    century,
    date_mdy,
    date_num,
    decade,
    holiday,
    month,
    month_year,
    quarter,
    season,
    week_of,
    year,
    year_words,
)
from sortie.geodata.timex.anniversary import anniversary as _anniversary
from sortie.geodata.timex.durations import (
    duration,
    duration_bare,
    duration_long,
    duration_vague,
    set_,
    set_freq,
)
from sortie.geodata.timex.reading import Context, Reading
from sortie.geodata.timex.recognize import Candidate
from sortie.geodata.timex.relative import (
    ago,
    ago_adj,
    clock,
    day_before,
    day_ref,
    deictic,
    part_of_day,
    part_of_day_mid,
    reference,
    relunit,
    weekday,
    year_end,
)

__all__ = ["HANDLERS", "RELATIVE_RULES", "Context", "Reading", "normalize"]


def anniversary_unknown(candidate: Candidate, context: Context) -> Reading | None:
    """An anniversary read alone: `find_times` dates it from the text with `anniversary.find_event`."""
    return _anniversary(candidate, context, None)


HANDLERS: dict[str, Callable[[Candidate, Context], Reading | None]] = {
    "date_mdy": date_mdy, "date_dmy": date_mdy, "date_range_day": date_mdy, "date_iso": date_num,
    "date_num": date_num,
    "month_year": month_year, "month": month, "weekday": weekday, "deictic": deictic,
    "part_of_day": part_of_day, "part_of_day_mid": part_of_day_mid, "relunit": relunit,
    "relunit_bare": relunit, "week_of": week_of, "year_end": year_end,
    "decade": decade, "century": century, "season": season, "quarter": quarter, "year": year,
    "year_words": year_words, "ago": ago, "ago_adj": ago_adj, "duration": duration,
    "duration_vague": duration_vague, "duration_ahead": duration_vague, "duration_bare": duration_bare,
    "duration_in": duration_bare,
    "duration_long": duration_long, "set": set_, "set_freq": set_freq, "clock": clock,
    "reference": reference, "holiday": holiday,
    "day_ref": day_ref, "day_before": day_before, "anniversary": anniversary_unknown,
}  # fmt: skip

RELATIVE_RULES = frozenset(
    {"weekday", "deictic", "part_of_day", "part_of_day_mid", "relunit", "relunit_bare", "ago", "ago_adj",
     "clock", "day_ref", "day_before", "month", "season", "quarter", "year_end", "holiday", "date_mdy",
     "date_dmy", "date_range_day"}
)  # fmt: skip


def normalize(candidate: Candidate, context: Context) -> Reading | None:
    """TIMEX3 reading of one candidate, or None when the extent turns out not to be a time."""
    return HANDLERS[candidate.rule](candidate, context)
