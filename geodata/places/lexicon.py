"""What recognition and resolution share about names: the label of an adjectival demonym, the words
that make a name a military site, and the look-ups both ask of every name, remembered.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sortie.geodata.places.names import normalize as _normalize

# The label recognition gives a demonym used as an adjective ("Iraqi bases"), which resolution then
# reads as its country.
DEMONYM_LABEL = "NORP"

# Words that make the name beside them a military site, whether or not the gazetteer has the site:
# "Canadian Forces Base Esquimalt", "Naval Support Facility Diego Garcia", "Joint Base Lewis-McChord"
# (name after), "the Vaziani training area", "Senaki Military Base" (name before).
SITE_PREFIXES: tuple[tuple[str, ...], ...] = (
    ("Canadian", "Forces", "Base"), ("CFB",), ("Naval", "Support", "Facility"),
    ("Naval", "Support", "Activity"), ("Naval", "Station"), ("Naval", "Base"), ("Naval", "Air", "Facility"),
    ("Joint", "Base"), ("Air", "Force", "Station"), ("Marine", "Corps", "Base"),
    ("Marine", "Corps", "Air", "Station"), ("RAAF", "Base"), ("Army", "Garrison"),
)  # fmt: skip
SITE_SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("training", "area"), ("Training", "Area"), ("training", "ground"), ("Training", "Ground"),
    ("Military", "Base"), ("military", "base"), ("Naval", "Base"), ("naval", "base"), ("Army", "Base"),
    ("army", "base"), ("Air", "Base"), ("Airbase",), ("Barracks",), ("firing", "range"),
    ("Training", "Range"), ("Garrison",), ("Cantonment",),
)  # fmt: skip

# Place names repeat across candidates and articles: normalize each spelling once.
normalize = lru_cache(maxsize=200_000)(_normalize)


@lru_cache(maxsize=50_000)
def country_of_name(gazetteer: Any, name: str) -> str | None:
    """`Gazetteer.country_of_name`, remembered: recognition and ranking ask it of every mention."""
    return gazetteer.country_of_name(name)
