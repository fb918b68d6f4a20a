"""What surrounds a mention, indexed once per article so ranking stays linear in the mentions: the
countries and divisions the article is about (`Context`), what the other mentions of its sentence
name (`Neighbours`), and the places the article pins down near it on the map (`Nearby`).
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sortie.geodata.places.lexicon import normalize
from sortie.geodata.places.priors import EXACT_NAME_BONUS, km_between, prior
from sortie.geodata.records import Mention, Place

_MIN_NEIGHBOUR_WEIGHT = 0.2  # countries with less of the article's votes are not looked up
_NEAR_KM = 1500.0  # a country this close to a sea or region counts as its neighbour
_VOTE_SHARPNESS = 2.0  # how much a name's vote favours its likeliest candidate (softmax inverse temperature)


@dataclass(frozen=True, slots=True)
class Context:
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
            if km_between(p.lon, p.lat, lon, lat) <= _NEAR_KM
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


def votes(name: str, cands: Sequence[Place]) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """What one name says about the article's countries and divisions: one vote, split over its
    candidates by their prior (a softmax), so "Canada" votes for the country and not for the
    hamlets called Cañada, while "London" splits between England and Ontario."""
    if not cands:
        return {}, {}
    key = normalize(name)
    weights = [
        math.exp(_VOTE_SHARPNESS * (prior(p) + (EXACT_NAME_BONUS if normalize(p.name) == key else 0.0)))
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


def article_context(mentions: Sequence[Mention], cands: Sequence[list[Place]], gazetteer: Any) -> Context:
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
        c_votes, a_votes = votes(m.text, c)
        countries.update(c_votes)
        admin1s.update(a_votes)
        total += sum(c_votes.values())
    points: dict[str, tuple[float, float]] = {}
    if any(p.country is None for c in cands for p in c):
        for iso2, weight in countries.items():
            country = gazetteer.country(iso2) if weight >= _MIN_NEIGHBOUR_WEIGHT else None
            if country is not None:
                points[iso2] = (country.lon, country.lat)
    return Context(countries, admin1s, total, points)


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
class Parents:
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


class Neighbours:
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

    def parents(self, i: int, m: Mention) -> Parents:
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
        return Parents(
            _Others(self.countries.get(s, Counter()), own_c),
            _Others(self.admin1s.get(s, Counter()), own_a),
            adjacent,
            _Others(self.children.get(s, Counter()), own_ch),
        )

    def is_container(self, m: Mention) -> bool:
        """ "Seattle, Washington": a mention right after "<place>, " names the place that contains it."""
        return self.text[max(0, m.start - 2) : m.start] == ", " and (m.start - 2) in self.ends


NEARBY_KM = 100.0
_NEARBY_POINTS = 1.5  # per place of the article within NEARBY_KM, up to _NEARBY_MAX of them
_NEARBY_MAX = 2
_NEARBY_GAP = 1.5


# Degrees of latitude within which a place NEARBY_KM away must lie (a great circle is never shorter
# than its north-south part), with a margin for rounding.
_NEARBY_LAT = math.degrees(NEARBY_KM / 6371.0) + 0.01


class Nearby:
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
        """How many other places (up to _NEARBY_MAX) lie within NEARBY_KM of `p`, not named `key`."""
        got = self.counted.get((p.id, key))
        if got is not None:
            return got
        lo = bisect.bisect_left(self.lats, p.lat - _NEARBY_LAT)
        hi = bisect.bisect_right(self.lats, p.lat + _NEARBY_LAT)
        n = 0
        for q in self.places[lo:hi]:
            if q.id == p.id or normalize(q.name) == key:
                continue
            if km_between(p.lon, p.lat, q.lon, q.lat) <= NEARBY_KM:
                n += 1
                if n >= _NEARBY_MAX:
                    break
        self.counted[(p.id, key)] = n
        return n


def nearby_bonus(p: Place, key: str, nearby: Nearby | Sequence[Place], gap: float) -> tuple[float, str]:
    """Points for a candidate lying near other places the article names (a town of Kingston south of
    Brisbane in a story about Queensland), counting each of those once and never the name itself.
    One such place is weak evidence: it moves a name between namesakes of like importance only
    (`gap`, how far the candidate's prior falls below its best namesake's), never from Paris, France
    to a Paris near the Kentucky town the reporter's witness comes from."""
    index = nearby if isinstance(nearby, Nearby) else Nearby(nearby)
    seen = index.count(p, key)
    if not seen or (seen < _NEARBY_MAX and gap > _NEARBY_GAP):
        return 0.0, ""
    return _NEARBY_POINTS * seen, f"near {seen} other place(s) the article names"
