"""Ranking a mention's candidates: each gets a score that adds up evidence (importance, the label's fit
to the kind, parents named in the sentence, the article's countries and divisions, the mention's role),
each term a reason; the best wins, with the reason a reader is shown.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sortie.geodata.places.candidates import DIVISION_OF
from sortie.geodata.places.lexicon import normalize
from sortie.geodata.places.names import spelling_similarity
from sortie.geodata.places.neighbours import (
    NEARBY_KM,
    Context,
    Nearby,
    Neighbours,
    Parents,
    nearby_bonus,
    votes,
)
from sortie.geodata.places.priors import EXACT_NAME_BONUS, is_capital, km_between, prior
from sortie.geodata.records import Mention, Place, Toponym

LABEL_FIT = {
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
_VARIANT_PENALTY = 1.0  # a guess from spelling is never as good as the name itself
_VARIANT_DISTANCE = 4.0  # times (1 - similarity) of the two spellings: the closest spelling first
# A name that ends in one of these is that division, not a town or airport named after it.
_DIVISION_TAILS = frozenset({"county", "co", "parish", "borough", "district", "province", "governorate"})
_DIVISION_KINDS = frozenset({"admin1", "admin2"})
_DIVISION_NAMED = 2.0
_CONTAINER_KINDS = frozenset({"admin1", "country"})


@dataclass(slots=True)
class Scored:
    place: Place
    score: float
    reasons: list[tuple[float, str]]
    # How far ahead of the best candidate elsewhere (over NEARBY_KM away) it is: how sure.
    margin: float = math.inf


# Words after a name that make it a division: "Washington state", "Saratov region", "Idlib province".
_DIVISION_WORDS = re.compile(r"\s(?:state|region|province|oblast|governorate|prefecture)\b", re.IGNORECASE)


def _named_as_division(name: str) -> bool:
    """ "Monroe County", "Plymouth Co.", "County of Brant": the name says it is a division."""
    words = normalize(name).split()
    return len(words) >= 2 and (
        words[-1] in _DIVISION_TAILS or (words[0] in DIVISION_OF and words[1] == "of")
    )


def _followed_by_state(m: Mention, text: str) -> bool:
    return _DIVISION_WORDS.match(text, m.end) is not None


def _score(
    p: Place,
    m: Mention,
    parents: Parents,
    context: Context,
    own: tuple[dict[str, float], dict[tuple[str, str], float]],
    container: bool,
    state_word: bool,
    variant: str | None = None,
) -> Scored:
    reasons: list[tuple[float, str]] = []

    def add(points: float, why: str) -> None:
        if points:
            reasons.append((points, why))

    add(prior(p), "importance")
    if p.kind == "city" and is_capital(p):
        reasons.append((0.0, "capital"))
    if normalize(p.name) == normalize(m.text):
        add(EXACT_NAME_BONUS, "exact name")
    add(LABEL_FIT.get(m.label, {}).get(p.kind, 0.0), f"{m.label} fits {p.kind}")
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
    return Scored(p, sum(r[0] for r in reasons), reasons)


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


def reason_for(best: Scored, n: int) -> str:
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


def best_toponym(
    i: int,
    m: Mention,
    cands: list[Place],
    near: Neighbours,
    context: Context,
    variants: dict[str, str] | None = None,
    nearby: Nearby | None = None,
) -> Toponym:
    """The best of `cands` for mention i (`m`: itself, or the inner name of its phrase);
    `variants` (place id -> the spelling it matched) when they come from the transliteration
    fallback; `nearby`, the places the article's other names were first resolved to (the second
    pass)."""
    best, n = rank_candidates(i, m, cands, near, context, variants, nearby)
    if best is None:
        return Toponym(m, None, "no candidate in gazetteer")
    return Toponym(m, best.place, reason_for(best, n), round(best.score, 3))


def rank_candidates(
    i: int,
    m: Mention,
    cands: list[Place],
    near: Neighbours,
    context: Context,
    variants: dict[str, str] | None = None,
    nearby: Nearby | None = None,
) -> tuple[Scored | None, int]:
    """The best scored of `cands` for mention i (None when it has none) and how many it had."""
    if not cands:
        return None, 0
    scored = score_all(i, m, cands, near, context, variants, nearby)
    best = max(scored, key=lambda s: (s.score, -len(s.place.id)))
    best = _finer_namesake(best, scored, m)
    elsewhere = [
        s.score
        for s in scored
        if km_between(s.place.lon, s.place.lat, best.place.lon, best.place.lat) > NEARBY_KM
    ]
    best.margin = best.score - max(elsewhere) if elsewhere else math.inf
    return best, len(scored)


def score_all(
    i: int,
    m: Mention,
    cands: list[Place],
    near: Neighbours,
    context: Context,
    variants: dict[str, str] | None = None,
    nearby: Nearby | None = None,
) -> list[Scored]:
    """Each of `cands` scored for mention i, with the reasons that add up to its score (what
    `rank_candidates` picks from, and what an analyst is shown: `places.explain`)."""
    if not cands:
        return []
    parents = near.parents(i, m)
    own = votes(m.text, cands)
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
            extra.append(nearby_bonus(s.place, key, nearby, top_prior - prior(s.place)))
        for points, why in extra:
            if points:
                s.reasons.append((points, why))
                s.score += points
    return scored


# Reasons that tie a resolution to its own sentence: "Paris, Missouri" then decides the later "Paris".
_LOCAL_EVIDENCE = ("named in the sentence", "parent right after the name", "named as a container")


_SAME_SPOT_KM = 30.0
_FINE_PRECISIONS = frozenset({"point", "city"})


def _finer_namesake(best: Scored, scored: Sequence[Scored], m: Mention) -> Scored:
    """A district named bare ("Ørland") with a town or airfield of its name inside it: the finer
    place is the same spot, told more exactly (a county written as one, "Plymouth County", stays)."""
    if best.place.kind != "admin2" or _named_as_division(m.text):
        return best
    finer = [
        s
        for s in scored
        if s.place.precision in _FINE_PRECISIONS
        and km_between(s.place.lon, s.place.lat, best.place.lon, best.place.lat) <= _SAME_SPOT_KM
    ]
    if not finer:
        return best
    pick = max(finer, key=lambda s: s.score)
    pick.reasons.append((0.0, f"in {best.place.name}, of the same name: the finer place"))
    return pick


def placed_by_its_sentence(best: Scored) -> bool:
    return any(why.endswith(_LOCAL_EVIDENCE) for _, why in best.reasons)
