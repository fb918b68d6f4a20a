"""A mention's candidate places: the gazetteer's places for the name, a country by its short forms, an
ICAO code, a division's other forms, the name bare of generic words; and, for a name nothing answers
to, the places spelled like it up to transliteration.
"""

from __future__ import annotations

from typing import Any

from sortie.geodata.places.lexicon import country_of_name, normalize
from sortie.geodata.records import Place

# Generic words a writer puts around a name that the gazetteer lists bare ("Karak district").
GENERIC_WORDS = frozenset(
    {"district", "province", "governorate", "city", "state", "region", "area", "municipality",
     "greater", "downtown", "metro", "prefecture", "oblast", "territory"}
)  # fmt: skip
# "The County of Brant", "the City of Turkey": a division named by its kind first.
DIVISION_OF = frozenset({"city", "county", "town", "borough", "municipality", "district", "province"})


def candidates(name: str, gazetteer: Any) -> list[Place]:
    """Places the gazetteer has for `name`, trying the bare name when a generic word is around it.

    A country also answers to its short forms and abbreviations ("U.S.", "Britain"), which the
    gazetteer keeps in its country-name table rather than among place names.
    """
    found = gazetteer.lookup(name)
    iso2 = country_of_name(gazetteer, name)
    if iso2 and not any(p.kind == "country" and p.country == iso2 for p in found):
        country = gazetteer.country(iso2)
        if country is not None:
            found = [country, *found]
    if not found and name.isupper() and len(name) == 4:
        codes = gazetteer.airport_codes()  # a copy of every code: only when nothing else answers
        if name in codes:
            place = gazetteer.get(codes[name])
            found = [place] if place else []
    if found:
        return found
    words = normalize(name).split()
    for form in _division_forms(words):
        found = gazetteer.lookup(form)
        if found:
            return found
    bare = [w for w in words if w not in GENERIC_WORDS]
    if bare and len(bare) < len(words):
        return gazetteer.lookup(" ".join(bare))
    return []


def _division_forms(words: list[str]) -> list[str]:
    """Other ways of writing a division's name: "Plymouth Co." is "Plymouth County", "the County
    of Brant" is "Brant County" (or just "Brant"), "the City of Montreal" is "Montreal"."""
    if len(words) >= 2 and words[-1] == "co":
        return [" ".join([*words[:-1], "county"])]
    if len(words) >= 3 and words[1] == "of" and words[0] in DIVISION_OF:
        inner = " ".join(words[2:])
        return [f"{inner} {words[0]}", inner] if words[0] != "city" else [inner, f"{inner} city"]
    if len(words) >= 2 and words[-1] == "borough":
        return [" ".join(words[:-1])]
    return []


def variant_candidates(name: str, gazetteer: Any) -> list[tuple[Place, str]]:
    """Places spelled like `name` up to transliteration, each with the spelling it matched; only
    for a name nothing else answers to (a gazetteer without the fallback has none)."""
    lookup_variant = getattr(gazetteer, "lookup_variant", None)
    if lookup_variant is None:
        return []
    found: list[tuple[Place, str]] = lookup_variant(name)
    if not found:
        words = normalize(name).split()
        bare = [w for w in words if w not in GENERIC_WORDS]
        if bare and len(bare) < len(words):  # "Rajouri district"
            found = lookup_variant(" ".join(bare))
    return found
