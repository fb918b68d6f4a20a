"""The curated files as entries: geodata/data/places.csv (water bodies, regions, facilities; names added
to existing places) and geodata/data/country_names.csv (short names and demonyms -> ISO2).
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from sortie.geodata.places.entries import ARABIC_ARTICLE_COUNTRIES, Entry, without_article
from sortie.geodata.places.names import normalize
from sortie.geodata.records import Place


def curated_entries(rows: Sequence[Mapping[str, str]], existing: dict[str, Entry]) -> list[Entry]:
    """Rows of places.csv as entries.

    A name prefixed with "~" is looked up but kept off the phrase matcher (a lone common word such as
    "Gulf"). A row whose id is already a place (an airportsdata base, say) adds its names to that
    place and, when the row's kind is "airbase", marks it military; every other row is a new place.
    """
    out = []
    for row in rows:
        raw = [row["name"], *(a.strip() for a in (row.get("alternate_names") or "").split("|"))]
        names = [n.lstrip("~").strip() for n in raw if n.strip("~ ")]
        phrases = [n.strip() for n in raw if n.strip() and not n.startswith("~")]
        if row.get("country") in ARABIC_ARTICLE_COUNTRIES:
            # "Al-Tanf" is "Tanf" as often: looked up, never matched alone (a bare word)
            names += [bare for n in names if (bare := without_article(n))]
        if row["id"] in existing:
            entry = existing[row["id"]]
            entry.names += names
            entry.phrases += phrases
            # The curated name is the one news uses ("Al Dhafra Air Base", not "Abu Dhabi-Al Dhafra AB").
            kind = "airbase" if row["kind"] == "airbase" else entry.place.kind
            entry.place = dataclasses.replace(entry.place, name=row["name"], kind=kind)
            continue
        place = Place(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            country=row.get("country") or None,
            lon=float(row["lon"]),
            lat=float(row["lat"]),
            precision=row["precision"],
            source=f"curated ({row['source']})",
        )
        out.append(Entry(place, names, phrases))
    return out


def country_name_table(
    countries: Mapping[str, Mapping[str, Any]], rows: Sequence[Mapping[str, str]]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(normalized name or demonym -> ISO2, ISO2 -> extra names for the names table).

    Plural demonyms are derived ("Iraqi" -> "Iraqis", "American" -> "Americans").
    """
    keys: dict[str, str] = {}
    extra: dict[str, list[str]] = defaultdict(list)
    for iso2, rec in countries.items():
        keys.setdefault(normalize(rec["name"]), iso2)
    for row in rows:
        iso2 = row["iso2"]
        names = [n.strip() for n in (row.get("names") or "").split("|") if n.strip()]
        demonyms = [n.strip() for n in (row.get("demonyms") or "").split("|") if n.strip()]
        extra[iso2] += names
        for n in names + demonyms:
            keys.setdefault(normalize(n), iso2)
        for d in demonyms:
            if not re.search(r"(s|sh|ch|ese|x|z)$", d):
                keys.setdefault(normalize(d + "s"), iso2)
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(c, attr, None)
                if value and c.alpha_2 in countries:
                    extra[c.alpha_2].append(value)
                    keys.setdefault(normalize(value), c.alpha_2)
    except ImportError:  # pycountry only adds official names; the curated file has the common ones
        pass
    return keys, dict(extra)
