"""Airports and military air bases (airportsdata) as entries: every form news uses for one ("Minot Afb
Airport" is "Minot Air Force Base", "Minot AFB", "Minot Air Base"), and which are military.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sortie.geodata.places.entries import Entry
from sortie.geodata.places.names import normalize
from sortie.geodata.records import Place

# airportsdata writes designators in title case ("Minot Afb Airport"); each maps to its long form
# and the forms news uses. The first form is the display form.
_BASE_TYPES: dict[str, tuple[str, ...]] = {
    "afb": ("Air Force Base", "AFB", "Air Base", "Airbase"),
    "air force base": ("Air Force Base", "AFB", "Air Base", "Airbase"),
    "space force base": ("Space Force Base", "SFB", "Air Force Base", "AFB"),
    "ab": ("Air Base", "AB", "Airbase", "Air Force Base"),
    "air base": ("Air Base", "AB", "Airbase", "Air Force Base"),
    "airbase": ("Air Base", "AB", "Airbase", "Air Force Base"),
    "arb": ("Air Reserve Base", "ARB", "Air Base"),
    "angb": ("Air National Guard Base", "ANGB", "Air Base"),
    "nas": ("Naval Air Station", "NAS"),
    "naval air station": ("Naval Air Station", "NAS"),
    "naf": ("Naval Air Facility", "NAF"),
    "mcas": ("Marine Corps Air Station", "MCAS"),
    "aaf": ("Army Airfield", "AAF", "Army Air Field"),
    "army air field": ("Army Airfield", "AAF", "Army Air Field"),
    "army airfield": ("Army Airfield", "AAF", "Army Air Field"),
    "afs": ("Air Force Station", "AFS"),
    "air station": ("Air Station",),
    "naval base": ("Naval Base",),
    "naval station": ("Naval Station",),
}
# Prefix designators: "RAF Fairford", "Joint Base Andrews", "Naval Air Station Pensacola".
_PREFIX_TYPES: dict[str, tuple[str, ...]] = {
    "raf": ("RAF", "Royal Air Force", "RAF Station"),
    "joint base": ("Joint Base", "JB"),
    "jb": ("Joint Base", "JB"),
    "naval air station": ("Naval Air Station", "NAS"),
    "marine corps air station": ("Marine Corps Air Station", "MCAS"),
    "naval support activity": ("Naval Support Activity", "NSA"),
    "rnzaf base": ("RNZAF Base",),
    "raaf base": ("RAAF Base",),
}
# Suffixes that say "military" without naming a base type.
_MILITARY_HINTS = re.compile(
    r"\b(military|air force|navy|naval|army|air national guard|joint base|air base|afb|nas|naf|mcas|raf)\b",
    re.IGNORECASE,
)
_ABBREVIATIONS = {
    "intl": "International",
    "int'l": "International",
    "rgnl": "Regional",
    "muni": "Municipal",
    "mem": "Memorial",
    "fld": "Field",
    "afld": "Airfield",
}
_AIRPORT_WORDS = ("Airport", "Airfield", "Air Field", "Aerodrome", "Airstrip")
# A base core that is a title plus a name ("Prince Sultan") would match people; keep it off the matcher.
_TITLES = {"prince", "king", "queen", "sheikh", "sultan", "emir", "general", "president", "saint", "st"}


def _expand(name: str) -> str:
    words = name.split()
    words = [_ABBREVIATIONS.get(w.casefold().rstrip("."), w) for w in words]
    out = " ".join(words)
    # "Mc Guire" -> "McGuire": airportsdata splits Scottish/Irish names.
    return re.sub(r"\bMc (\w)", lambda m: "Mc" + m.group(1).lower(), out)


def _strip_airport_word(name: str) -> str:
    for word in _AIRPORT_WORDS:
        if name.endswith(" " + word):
            return name[: -len(word) - 1].strip()
    return name


@dataclass(frozen=True)
class AirportNames:
    display: str
    military: bool
    names: tuple[str, ...]  # every alias, for lookup
    phrases: tuple[str, ...]  # long forms, for a PhraseMatcher


def airport_names(name: str, city: str = "", scheduled: bool = False) -> AirportNames:
    """Every form a news article may use for an airportsdata entry, and whether it is military.

    "Minot Afb Airport" -> "Minot Air Force Base", "Minot AFB", "Minot Air Base", "Minot" (lookup
    only, never a phrase: bare cores are often people's names). "Baghdad International Airport" ->
    also "Baghdad International", "Baghdad airport", "Baghdad's international airport".
    """
    raw = re.sub(r"\s+", " ", name).strip()
    # "Fallon Nas (Van Voorhis Field) Airport": the parenthetical is the field's own name.
    inner = re.findall(r"\(([^)]*)\)", raw)
    main = re.sub(r"\s*\([^)]*\)\s*", " ", raw).strip()
    main = _expand(main.split("/")[0].strip()) if "/" in main and " " in main else _expand(main)
    bare = _strip_airport_word(main)
    names: list[str] = [raw, main, bare]
    phrases: list[str] = []
    military = False
    display = main
    low = bare.casefold()

    for suffix, forms in sorted(_BASE_TYPES.items(), key=lambda kv: -len(kv[0])):
        if low.endswith(" " + suffix):
            military = True
            core = bare[: -len(suffix) - 1].strip()
            display = f"{core} {forms[0]}"
            variants = [f"{core} {f}" for f in forms] + [f"{f} {core}" for f in forms if f.isupper()]
            if forms[0] in ("Naval Air Station", "Marine Corps Air Station", "Joint Base"):
                variants.append(f"{forms[0]} {core}")  # "Naval Air Station Pensacola"
            names += [*variants, core]
            phrases += variants
            if len(core.split()) >= 2 and core.split()[0].casefold() not in _TITLES:
                phrases.append(core)  # "Al Udeid": NER misses these
            break
    else:
        for prefix, forms in sorted(_PREFIX_TYPES.items(), key=lambda kv: -len(kv[0])):
            if low.startswith(prefix + " "):
                military = True
                core = bare[len(prefix) + 1 :].strip()
                display = f"{forms[0]} {core}"
                variants = [f"{f} {core}" for f in forms] + [f"{core} {forms[0]}"]
                names += [*variants, core]
                phrases += [v for v in variants if len(v.split()) >= 2]
                break
    if not military and _MILITARY_HINTS.search(raw):
        military = True
        if _MILITARY_HINTS.search(main):
            phrases.append(main)
    if military:
        names += inner
        # News often names a base after the town beside it ("Severomorsk-1 Naval Air Base" is "the
        # Severomorsk air base"): the town's form is looked up, never matched as a phrase alone.
        if city and not _generic(city) and normalize(city) not in normalize(bare):
            names += [f"{city} Air Base", f"{city} Airbase"]

    if not military and scheduled:
        # Commercial airports: the full name with and without "Airport", the name without its city
        # ("London Heathrow" -> "Heathrow"), and the city with "airport" ("Baghdad airport",
        # "Baghdad's international airport").
        international = "International" in bare.split()
        stems = [bare]
        if international:
            stems.append(re.sub(r"\s*\bInternational\b", "", bare).strip())
        if city and bare.startswith(city + " ") and not _generic(bare[len(city) + 1 :]):
            stems.append(bare[len(city) + 1 :])
            names.append(bare[len(city) + 1 :])
        for stem in stems:
            if _generic(stem):
                continue
            names.append(f"{stem} Airport")
            if international and "International" not in stem.split():
                names.append(f"{stem} International Airport")
        if main.endswith("Airport") and not _generic(bare):
            phrases.append(main)
        # "Maiquetia (Simon Bolivar Internacional) Airport": the bracketed name is the one news
        # uses ("the Simón Bolívar international airport"), in English.
        for other in inner:
            other = re.sub(r"\b(?:Internacional|Internacionale|Int'l)\b", "International", other).strip()
            if _generic(other) or not other[:1].isupper():
                continue
            bracketed = [other, other if other.endswith("Airport") else f"{other} Airport"]
            names += bracketed
            phrases += [f for f in bracketed if len(f.split()) >= 2]
        if city and not _generic(city):
            city_forms = [f"{city} Airport", f"{city}'s airport"]
            if international:
                city_forms += [f"{city} International Airport", f"{city}'s international airport"]
            names += city_forms
            phrases += city_forms
    clean = _dedupe(n for n in names if n)
    return AirportNames(display, military, tuple(clean), tuple(_dedupe(phrases)))


_GENERIC = {
    "international",
    "national",
    "regional",
    "municipal",
    "county",
    "state",
    "city",
    "central",
    "airport",
    "field",
    "new",
    "old",
    "north",
    "south",
    "east",
    "west",
    "general",
    "memorial",
    "",
}


def _generic(stem: str) -> bool:
    """A stem too vague to name one airport on its own ("Municipal", "State", "New")."""
    return all(w in _GENERIC for w in stem.casefold().split())


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = normalize(item)
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def airport_entries(airports: Sequence[Mapping[str, Any]]) -> list[Entry]:
    """airportsdata records -> airports (kind "airport") and military air bases (kind "airbase")."""
    out = []
    seen: set[str] = set()
    for rec in airports:
        icao, iata, lid = rec.get("icao") or "", rec.get("iata") or "", rec.get("lid") or ""
        pid = f"icao:{icao}" if icao else f"iata:{iata}" if iata else f"lid:{lid}"
        if pid in seen or not (-90 <= rec["lat"] <= 90 and -180 <= rec["lon"] <= 180):
            continue
        seen.add(pid)
        an = airport_names(rec["name"], rec.get("city") or "", scheduled=bool(iata))
        place = Place(
            id=pid,
            name=an.display,
            kind="airbase" if an.military else "airport",
            country=rec.get("country") or None,
            lon=float(rec["lon"]),
            lat=float(rec["lat"]),
            precision="point",
            admin1=rec.get("subd") or None,
            source="airportsdata",
        )
        codes = [(c, s) for c, s in ((icao, "icao"), (iata, "iata")) if c]
        out.append(Entry(place, [*an.names, *(c for c, _ in codes)], list(an.phrases), codes))
    return out
