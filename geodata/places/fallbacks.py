"""Mentions the gazetteer does not have as written: a facility phrase ("Baghdad's airport", "U.S.
Embassy in Baghdad") at the facility or the city point; a water named for a place ("Miyako Strait"); a
military site at the town it is named for, or beside a place its sentence names; a spelling variant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sortie.geodata.places.candidates import GENERIC_WORDS, candidates, variant_candidates
from sortie.geodata.places.lexicon import (
    DEMONYM_LABEL,
    NUMBERED_SITES,
    SITE_PREFIXES,
    SITE_SUFFIXES,
    country_of_name,
    normalize,
)
from sortie.geodata.places.names import spelling_similarity
from sortie.geodata.places.neighbours import Context, Neighbours
from sortie.geodata.places.priors import km_between, prior
from sortie.geodata.places.ranking import LABEL_FIT, best_toponym
from sortie.geodata.records import Mention, Place, Toponym

# A place found only by spelling must be corroborated: important in itself (a city of ~100k,
# a division, a country) or in a country that has this share of the article's place names.
_VARIANT_MIN_PRIOR = 3.3
_VARIANT_WORST_FIT = -1.0
_VARIANT_MIN_SIMILARITY = 0.8  # as the gazetteer's own threshold, on the distinctive words only
_VARIANT_MIN_SHARE = 0.1
_VARIANT_GENERIC = GENERIC_WORDS | {"county", "airport", "air", "base", "international"}
_AIRPORT_WORDS = ("airport", "airfield", "airbase")
_POSSESSIVE_PHRASE = re.compile(
    r"^(?P<place>.+?)\s*['’]s?\s+(?P<mods>(?:[\w-]+\s+){0,3}?)(?P<head>airport|airfield|airbase|port|"
    r"harbou?r|seaport|embassy|consulate)$",
    re.IGNORECASE,
)
_EMBASSY_PHRASE = re.compile(r"^(?P<owner>.+?)\s+(?:embassy|consulate)\s+in\s+(?P<place>.+)$", re.IGNORECASE)
# "<Name> Strait" with no entry of its own: the strait is named for a place it lies beside.
_NAMED_WATER = re.compile(
    r"^(?:the\s+)?(?:(?P<name>.+?)\s+(?P<tail>Straits?|Sea|Gulf|Bay|Channel|Passage|Sound|Firth|Fjord)"
    r"|(?P<head>Straits?|Sea|Gulf|Bay|Channel|Passage|Sound)\s+of\s+(?P<name2>.+))$",
    re.IGNORECASE,
)
# Words that open a sea's name without naming a place ("Black Sea", "North Channel").
_NOT_NAMESAKES = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "black", "white",
     "red", "yellow", "dead", "inland", "great", "little", "high", "open", "deep", "central", "inner",
     "outer", "new"}
)  # fmt: skip
# What such a name may come from: an island or town, a division or a country (not another sea).
_NAME_SOURCE_KINDS = frozenset(
    {"city", "admin1", "admin2", "country", "region", "airport", "airbase", "facility"}
)
# Kinds an inner place of "<country>'s <place> port" may be: where a facility stands.
_INNER_KINDS = frozenset({"city", "facility", "airbase", "airport"})
_FACILITY_KINDS = frozenset({"airbase", "airport", "facility"})


def _near(a: Place, b: Place) -> float:
    return km_between(a.lon, a.lat, b.lon, b.lat)


def _airport_of(city: Place, gazetteer: Any) -> Place | None:
    """The airport that serves `city`, by the names airports are usually given."""
    found: list[Place] = []
    for pattern in ("{} International Airport", "{} Airport", "{} International", "{} Air Base"):
        found.extend(
            p for p in gazetteer.lookup(pattern.format(city.name)) if p.kind in ("airport", "airbase")
        )
    found = [p for p in found if _near(p, city) <= 60.0]
    return min(found, key=lambda p: _near(p, city)) if found else None


def resolve_phrase(
    i: int,
    mentions: list[Mention],
    cands: list[list[Place]],
    near: Neighbours,
    context: Context,
    gazetteer: Any,
) -> Toponym | None:
    """ "Baghdad's international airport", "U.S. Embassy in Baghdad": a facility or the city point."""
    m = mentions[i]
    whole = [p for p in cands[i] if p.kind in _FACILITY_KINDS]
    if whole:
        return None  # the gazetteer knows the phrase itself: ordinary ranking
    head = ""
    if match := _POSSESSIVE_PHRASE.match(m.text):
        inner_text, head = match.group("place"), match.group("head").lower()
        inner_start = m.start
        named = _named_inner(m, match, gazetteer)
        if named is not None:
            return named
    elif match := _EMBASSY_PHRASE.match(m.text):
        inner_text, head = match.group("place"), "embassy"
        inner_start = m.start + match.start("place")
    else:
        return None
    inner = Mention(inner_text, inner_start, inner_start + len(inner_text), m.sentence, "GPE")
    city = best_toponym(i, inner, candidates(inner_text, gazetteer), near, context)
    if city.place is None:
        return Toponym(m, None, f"{head} of an unknown place")
    if head in _AIRPORT_WORDS:
        airport = _airport_of(city.place, gazetteer)
        if airport is not None:
            return Toponym(m, airport, f"airport of {city.place.name}", city.score)
        return Toponym(m, city.place, f"{city.place.name} (its airport is not in the gazetteer)", city.score)
    return Toponym(m, city.place, f"{head} in {city.place.name}: {city.place.kind} point", city.score)


def _named_inner(m: Mention, match: re.Match[str], gazetteer: Any) -> Toponym | None:
    """ "Yemen's Hodeidah port": the modifiers name the place the facility is at, inside the
    possessor. The facility is there (its own entry when the gazetteer has "<place> port"), never at
    the possessor's country point. Modifiers that name a sea ("Yemen's main Red Sea port") are not
    where it is, only what it faces."""
    words = match.group("mods").split()
    head = match.group("head").lower()
    owner = country_of_name(gazetteer, match.group("place"))
    # The capitalised words right before the head: "Hodeidah" in "main Hodeidah".
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
    inner = " ".join(words[k:])
    if not inner:
        return None
    for form in (f"{inner} {head}", f"{head} of {inner}"):
        facilities = [p for p in gazetteer.lookup(form) if p.kind in _FACILITY_KINDS]
        facilities = [p for p in facilities if owner is None or p.country == owner] or facilities
        if facilities:
            return Toponym(m, facilities[0], f"{head} of {inner}, by name")
    places = [p for p in candidates(inner, gazetteer) if p.kind in _INNER_KINDS]
    if owner is not None:
        places = [p for p in places if p.country == owner]
    if not places:
        return None
    place = max(places, key=prior)
    if head in _AIRPORT_WORDS:
        airport = _airport_of(place, gazetteer)
        if airport is not None:
            return Toponym(m, airport, f"airport of {place.name}")
    return Toponym(m, place, f"{head} at {place.name}: {place.kind} point")


def named_for(
    i: int,
    mentions: list[Mention],
    cands: list[list[Place]],
    near: Neighbours,
    context: Context,
    gazetteer: Any,
) -> Toponym | None:
    """ "Miyako Strait" with no entry: placed at what it is named for (Miyako island's town), at
    region precision, since a strait lies beside its namesake, not on it. The namesake is ranked
    like any mention at the same offsets, so the sentence and article pick among namesakes."""
    m = mentions[i]
    match = _NAMED_WATER.match(m.text)
    if match is None:
        return None
    name = match.group("name") or match.group("name2")
    water = (match.group("tail") or match.group("head")).lower()
    words = name.split()
    if not all(w[:1].isupper() for w in words) or words[0].casefold() in _NOT_NAMESAKES:
        return None
    found = [p for p in candidates(name, gazetteer) if p.kind in _NAME_SOURCE_KINDS]
    if not found:
        return None
    offset = m.text.find(name)
    inner = Mention(name, m.start + offset, m.start + offset + len(name), m.sentence, "GPE")
    namesake = best_toponym(i, inner, found, near, context)
    p = namesake.place
    if p is None:
        return None
    place = Place(
        id=f"{p.id}/{water}",
        name=m.text.removeprefix("the ").strip(),
        kind="water",
        country=p.country,
        lon=p.lon,
        lat=p.lat,
        precision="region",
        admin1=p.admin1,
        source=p.source,
    )
    return Toponym(m, place, f"no entry for the {water}: placed at {p.name}, its namesake", namesake.score)


# A name ending in what kind of facility it is: a facility, whatever town is spelled like it.
_FACILITY_TAIL = re.compile(
    r"\s(?:field|airfield|air\s?base|base|station|port|harbou?r|camp|range|depot)$", re.IGNORECASE
)


def _distinctive(name: str) -> str:
    words = [w for w in normalize(name).split() if w not in _VARIANT_GENERIC]
    return " ".join(words) or name


def resolve_variant(
    i: int,
    mentions: list[Mention],
    cands: list[list[Place]],
    near: Neighbours,
    context: Context,
    gazetteer: Any,
) -> Toponym | None:
    """Mention i ranked among the places spelled like it that something corroborates (importance,
    or lying in a country the article is about: "Balakot" is no village in Romania). The article's
    context is left as the exactly known names made it: a guess from spelling does not steer it."""
    found = [
        (p, surface)
        for p, surface in variant_candidates(mentions[i].text, gazetteer)
        # not the wrong kind for the label (a GPE is no airport or sea); spaCy's FAC for a small town
        # ("near Rajouri") is a mild misfit and passes
        if LABEL_FIT.get(mentions[i].label, {}).get(p.kind, 0.0) > _VARIANT_WORST_FIT
        # alike in what distinguishes them, not in a shared generic word ("Barren/Berrien County")
        and spelling_similarity(_distinctive(mentions[i].text), _distinctive(surface))
        >= _VARIANT_MIN_SIMILARITY
        and (prior(p) >= _VARIANT_MIN_PRIOR or context.country_share(p.country, {}) >= _VARIANT_MIN_SHARE)
        # "North Field" (an airfield the gazetteer lacks) is no town spelled "Northfield"
        and not (p.kind == "city" and _FACILITY_TAIL.search(mentions[i].text))
    ]
    if not found:
        return None
    return best_toponym(
        i, mentions[i], [p for p, _ in found], near, context, {p.id: surface for p, surface in found}
    )


def site_parts(name: str) -> tuple[str, str] | None:
    """(designator, name) of "Canadian Forces Base Esquimalt", "Vaziani training area", "Air Base 201"."""
    words = name.removeprefix("the ").split()
    if len(words) > 2 and words[0].isdigit() and words[1] == "Wing":
        return "Wing", " ".join(words[2:])  # a Canadian base by its wing: "4 Wing Cold Lake"
    for pre in SITE_PREFIXES:
        if tuple(words[: len(pre)]) == pre and len(words) > len(pre):
            return " ".join(pre), " ".join(words[len(pre) :])
    for suf in SITE_SUFFIXES:
        if tuple(words[-len(suf) :]) == suf and len(words) > len(suf):
            return " ".join(suf), " ".join(words[: -len(suf)])
    for pre in NUMBERED_SITES:
        if tuple(words[: len(pre)]) == pre and len(words) == len(pre) + 1 and words[-1].isdigit():
            return " ".join(pre), words[-1]
    return None


_SITE_TOWN_KINDS = frozenset({"city", "admin2", "airbase", "airport", "facility"})


def resolve_site(
    i: int,
    mentions: list[Mention],
    cands: list[list[Place]],
    near: Neighbours,
    context: Context,
    gazetteer: Any,
) -> Toponym | None:
    """A military site the gazetteer lacks, at the town it is named for ("Canadian Forces Base
    Esquimalt" at Esquimalt; "Joint Base Lewis-McChord" at whichever part is a place)."""
    m = mentions[i]
    parts = site_parts(m.text)
    if parts is None:
        return None
    designator, name = parts
    names = [name, *(n.strip() for n in re.split(r"[-–—/]", name) if n.strip() and n.strip() != name)]
    for part in names:
        found = [p for p in candidates(part, gazetteer) if p.kind in _SITE_TOWN_KINDS]
        if not found:
            continue
        offset = max(0, m.text.find(part))
        inner = Mention(part, m.start + offset, m.start + offset + len(part), m.sentence, "GPE")
        sub = best_toponym(i, inner, found, near, context)
        if sub.place is not None:
            return Toponym(
                m, sub.place, f"no entry for this {designator.lower()}: placed at {sub.place.name}", sub.score
            )
    return None


def placed_beside(
    i: int, out: Sequence[Toponym], mentions: Sequence[Mention], near: Neighbours
) -> Toponym | None:
    """A site with no entry and no known namesake, placed at the nearest place its sentence names
    ("the Vaziani training area outside Tbilisi"), with that place's coarser precision."""
    m = mentions[i]
    same_sentence = (out[j] for j in near.by_sentence.get(m.sentence, []) if j != i)
    beside = [
        (abs(t.mention.start - m.start), t)
        for t in same_sentence
        if t.place is not None
        and t.mention.sentence == m.sentence
        and t.mention.label != DEMONYM_LABEL
        and t.place.kind in _BESIDE_KINDS
    ]
    if not beside:
        return None
    # "Niger's Air Base 201 near the desert city of Agadez": the place its own phrase locates it
    # by comes first, then the nearest one
    located = [
        (d, t)
        for d, t in beside
        if t.mention.start > m.end and _LOCATED_BY.match(near.text[m.end : t.mention.start])
    ]
    _, t = min(located or beside, key=lambda x: x[0])
    assert t.place is not None
    return Toponym(m, t.place, f"no entry for this site: placed at {t.place.name}, named beside it", t.score)


_BESIDE_KINDS = frozenset({"city", "admin2", "admin1", "country"})
# What comes between a site and the place that locates it: "near the desert city of", ", outside".
_LOCATED_BY = re.compile(
    r"^[\s,]*(?:near|outside|in|at|close to|just|(?:north|south|east|west)(?:east|west)? of)\b[\w\s-]{0,30}$",
    re.IGNORECASE,
)
