"""Durations ("36 hours", "the past two months", "several years") and sets ("daily", "every other week").

A duration's value is TimeML's period (P2M, PT36H, PXY); its direction says whether it ends at the
reference date ("the past two months") or starts there ("the coming weeks"), so `calendar` can
place it.
"""

from __future__ import annotations

from sortie.geodata.timex.lexicon import UNITS, number_value
from sortie.geodata.timex.reading import APPROX_MOD, Context, Reading
from sortie.geodata.timex.recognize import Candidate

# A half of each unit in the next smaller one, as TimeBank writes it: "2 1/2 years" is P2Y6M,
# "a minute and a half" PT1M30S. Units without an exact half in whole smaller units keep a decimal.
_HALF = {"Y": "6M", "M": "15D", "D": "T12H", "H": "30M", "MIN": "30S"}


def _duration_value(amount: float | None, unit: str) -> str:
    if amount is not None and amount % 1 == 0.5 and unit in _HALF:
        whole, half = int(amount), _HALF[unit]
        if unit in ("H", "MIN"):
            head = f"{whole}{'M' if unit == 'MIN' else 'H'}" if whole else ""
            return f"PT{head}{half}"
        return f"P{whole}{unit}{half}" if whole else f"P{half}"
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
    amount: float | None = number_value(num) if not num.replace(".", "", 1).isdigit() else float(num)
    if isinstance(amount, float) and amount.is_integer():
        amount = int(amount)
    if (g["half"] or g["frac"]) and amount is not None:
        amount = amount + 0.5
    elif g["halfpre"]:
        amount = 0.5  # "half a day", "half an hour"
    rel = " ".join((g["rel"] or "").lower().split())
    approx = (g["approx"] or "").lower()
    mod = None if g["rel"] and approx in ("over", "under") else APPROX_MOD.get(approx)
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
    rel = "coming" if "ahead" in g.groupdict() and g["ahead"] else (g["rel"] or "").lower().split()[-1]
    if rel == "recent" and unit == "Y":
        return Reading("DATE", "PAST_REF")  # TimeBank reads "recent years" as a vague past
    return Reading(
        "DURATION", _duration_value(None, unit), None, 1 if rel in ("next", "coming", "following") else -1
    )


def duration_bare(m: Candidate, c: Context) -> Reading | None:
    return Reading("DURATION", _duration_value(None, UNITS[m.match["unit"].lower()]))


def duration_long(m: Candidate, c: Context) -> Reading | None:
    """ "a day-long meeting" lasts a day, "a two-week-long drill" two weeks, "a decades-long feud" an
    unknown number of decades."""
    g = m.match
    unit = UNITS[g["unit"].lower()]
    # no number: one unit ("day-long"), or an unknown count of them ("decades-long")
    amount = number_value(g["num"]) if g["num"] else (None if g["plural"] else 1)
    return Reading("DURATION", _duration_value(amount, unit))


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
