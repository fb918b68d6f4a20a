"""Merging the events and routes of many articles into map features.

Two records are the same real-world event when their kinds are of one family, their places are
compatible (the same place, one inside the other, within ~100 km, the same water body), their times
are compatible (overlapping intervals; a "reported" date may follow a stated one by a few days) and
their actors overlap when both state them. A merged feature cites every supporting sentence; what
its sources disagree on (the date, the place, the numbers) stays visible in `disagreements`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from typing import Any

from sortie.geodata.events import vocab, where
from sortie.geodata.geometry import SHORTEST_PATH_NOTE
from sortie.geodata.records import GEO_PRECISIONS, TIME_PRECISIONS, Citation, Event, Feature, Place, Route

NEAR_KM = 100.0
# How long before a report an event it dates only by publication may have happened.
REPORTED_LAG = dt.timedelta(days=10)

_GENERIC_ACTOR_WORDS = frozenset(
    {"the", "a", "an", "two", "three", "four", "several", "some", "its", "their", "his", "her", "our",
     "about", "dozen", "of", "and", "these", "those", "they", "it", "both", "such", "forces", "force"}
)  # fmt: skip


# -- compatibility -----------------------------------------------------------------------------


def _km(a: Place, b: Place) -> float:
    from sortie.geodata.geometry import distance_km

    return distance_km((a.lon, a.lat), (b.lon, b.lat))


def contains(outer: Place, inner: Place) -> bool:
    """True when `inner` lies inside `outer` as far as the records tell (country, admin1).

    Not `where.contains`: that also puts a district inside its city, and two sources that place
    one event in a city and in a district of it still disagree, visibly, on where.
    """
    return inner.id != outer.id and where.in_division(inner, outer)


def places_compatible(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return a is b
    if a.id == b.id or contains(a, b) or contains(b, a):
        return True
    if a.kind == "water" and b.kind == "water":
        return a.name.lower() == b.name.lower() or _km(a, b) <= NEAR_KM * 3
    return _km(a, b) <= NEAR_KM and a.precision not in ("country", "continent")


def interval(r: Event | Route) -> tuple[dt.date, dt.date] | None:
    """The days `r` may have happened on, as far as merging goes (None: undated)."""
    if r.start is None:
        return None
    start, end = r.start, r.end or r.start
    if r.time_basis == "reported":
        start = start - REPORTED_LAG  # reported on that date: happened then or shortly before
    return start, end


def times_compatible(a: Event | Route, b: Event | Route) -> bool:
    """Overlapping intervals (an undated side is no evidence against). Stated dates must overlap:
    two attacks on one place a few days apart are two events (a source that misdates an event by a
    day makes two features: the lesser harm)."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return True
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _actor_words(actors: tuple[str, ...]) -> set[str]:
    words = set()
    for a in actors:
        for w in re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", a):
            key = re.sub(r"[^a-z0-9]", "", w.lower())
            if key and key not in _GENERIC_ACTOR_WORDS and not key.isdigit():
                words.add(vocab.singular(key))
    return words


_NAME_WORD = re.compile(r"\b[A-Z][A-Za-z.’']*[A-Za-z.]")


def _names(actors: tuple[str, ...]) -> set[str]:
    """Who the actors are by name: proper words and their initials ("United States" -> "us")."""
    out: set[str] = set()
    for a in actors:
        run: list[str] = []
        for w in [*a.replace("-", " ").split(), ""]:
            if _NAME_WORD.fullmatch(w) and w.lower() not in _GENERIC_ACTOR_WORDS:
                run.append(w.replace(".", "").replace("’s", "").replace("'s", "").lower())
                continue
            if run:
                out.update(vocab.singular(x) for x in run)
                if len(run) > 1:
                    out.add("".join(x[0] for x in run))
            run = []
    return out


def actors_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Overlapping actors, when both state some ("two B-52H" and "the B52s" overlap on "b52").

    Actors named on both sides by different names ("Russian jets", "NATO jets") are not the same,
    whatever they fly.
    """
    wa, wb = _actor_words(a), _actor_words(b)
    if not wa or not wb:
        return True
    na, nb = _names(a), _names(b)
    if na and nb and not any(x == y or (min(len(x), len(y)) >= 4 and x[:4] == y[:4]) for x in na for y in nb):
        return False  # "Iran" and "Iranian forces" share a stem; "NATO" and "Russian" do not
    if vocab.medium(list(wa)) and vocab.medium(list(wa)) == vocab.medium(list(wb)):
        return True
    return any(x[:3] == y[:3] and min(len(x), len(y)) >= 2 for x in wa for y in wb)


def same_event(a: Event, b: Event) -> bool:
    one_country = a.place and b.place and (a.place.precision == "country") != (b.place.precision == "country")
    if one_country and "reported" in (a.time_basis, b.time_basis):
        # "an attack in Iraq" holds any attack in Baghdad: only dates stated by both can tie them
        return False
    return (
        vocab.family(a.kind) == vocab.family(b.kind)
        and places_compatible(a.place, b.place)
        and times_compatible(a, b)
        and actors_compatible(a.actors, b.actors)
    )


def same_route(a: Route, b: Route) -> bool:
    return (
        vocab.family(a.kind) == vocab.family(b.kind)
        and places_compatible(a.origin, b.origin)
        and places_compatible(a.destination, b.destination)
        and times_compatible(a, b)
        and actors_compatible(a.actors, b.actors)
    )


def cluster(
    items: list[Any], same: Any, apart: Any = None, key: Any = None, apart_key: Any = None
) -> list[list[Any]]:
    """Groups of items linked by `same` (single link, in input order: stable across runs).

    `apart(a, b)`: two items that may never share a group, however a chain of `same` links them
    ("a missile attack on Iraq" links the strike on Al Asad and the strike on Erbil, which stay two).
    `key(a)`, `apart_key(a)`: what `same`, and `apart`, read of an item. Items with equal keys stand
    for one another: a group is compared through one member per key, and each pair of keys is tested
    once. Without them a story told by hundreds of articles (hundreds of records alike but for their
    citations and dates) costs a comparison with each of them for every new one, and a growing
    archive's merges grow with the square of its biggest stories.
    """
    same_test, apart_test = _Asked(same, key), _Asked(apart, apart_key)
    groups: list[list[Any]] = []
    # For each group: one member for each distinct key, and for each distinct apart_key.
    alike: list[dict[Any, Any]] = []
    near: list[dict[Any, Any]] = []
    for item in items:
        me, here = same_test.named(item), apart_test.named(item)
        hits = [i for i, r in enumerate(alike) if same_test.any(me, r)]
        if apart is not None:
            hits = [i for i in hits if not apart_test.any(here, near[i])]
        if not hits:
            groups.append([item])
            alike.append(dict([me]))
            near.append(dict([here]))
            continue
        first = hits[0]
        groups[first].append(item)
        alike[first].setdefault(*me)
        near[first].setdefault(*here)
        gone = []
        for i in hits[1:]:
            if apart is not None and any(apart_test.any(b, near[i]) for b in near[first].items()):
                continue
            groups[first].extend(groups[i])
            for k, o in alike[i].items():
                alike[first].setdefault(k, o)
            for k, o in near[i].items():
                near[first].setdefault(k, o)
            gone.append(i)
        for i in reversed(gone):
            del groups[i], alike[i], near[i]
    return groups


class _Asked:
    """A test of two items, asked once for each pair of their keys (items numbered by key)."""

    def __init__(self, test: Any, key: Any) -> None:
        self.test, self.key = test, key or id
        self.numbers: dict[Any, int] = {}
        self.answers: dict[tuple[int, int], bool] = {}

    def named(self, item: Any) -> tuple[int, Any]:
        return self.numbers.setdefault(self.key(item), len(self.numbers)), item

    def any(self, a: tuple[int, Any], members: dict[int, Any]) -> bool:
        """Whether the test holds for `a` and any of `members` (one per key, by number)."""
        answers = self.answers
        for n, b in members.items():
            q = (a[0], n)
            if q not in answers:
                answers[q] = self.test(a[1], b)
            if answers[q]:
                return True
        return False


def event_key(e: Event) -> tuple[Any, ...]:
    """What `same_event` reads of an event."""
    return (e.kind, e.place, e.start, e.end, e.time_basis, e.actors)


def route_key(r: Route) -> tuple[Any, ...]:
    """What `same_route` reads of a route."""
    return (r.kind, r.origin, r.destination, r.start, r.end, r.time_basis, r.actors)


def event_site(e: Event) -> Place | None:
    """What `events_apart` reads of an event."""
    return e.place


def route_sites(r: Route) -> tuple[Place, Place]:
    """What `routes_apart` reads of a route."""
    return r.origin, r.destination


def _sites_apart(a: Place | None, b: Place | None) -> bool:
    """Two sites (points or towns) too far apart to be one place."""
    return (
        a is not None
        and b is not None
        and a.precision in ("point", "city")
        and b.precision in ("point", "city")
        and not places_compatible(a, b)
    )


def events_apart(a: Event, b: Event) -> bool:
    return _sites_apart(a.place, b.place)


def routes_apart(a: Route, b: Route) -> bool:
    return _sites_apart(a.origin, b.origin) or _sites_apart(a.destination, b.destination)


# -- choosing values and showing disagreements --------------------------------------------------


def time_note(r: Event | Route) -> str | None:
    """What the dates mean when no source states them: start = end = the report's date reads as
    "happened that day", which no source says (see `when.reported`)."""
    if r.time_basis != "reported" or r.start is None:
        return None
    return (
        f"no date stated: {r.start.isoformat()} is the publication date of the report; "
        "the event happened then or up to about a week before"
    )


def _geo_rank(p: Place | None) -> int:
    return GEO_PRECISIONS.index(p.precision) if p else 99


def _time_rank(r: Event | Route) -> tuple[int, int]:
    basis = {"stated": 0, "nearby": 1, "reported": 2}.get(r.time_basis, 3)
    prec = TIME_PRECISIONS.index(r.time_precision) if r.time_precision in TIME_PRECISIONS else 99
    return basis, prec


def _pick_time(group: list[Any]) -> Any:
    """The member whose time is best: stated before nearby before reported, finest, most sources."""
    dated = [r for r in group if r.start is not None]
    if not dated:
        return group[0]
    best = min(_time_rank(r) for r in dated)
    top = [r for r in dated if _time_rank(r) == best]
    votes = Counter((r.start, r.end) for r in top)
    docs = {k: len({r.citation.doc for r in top if (r.start, r.end) == k}) for k in votes}
    key = min(votes, key=lambda k: (-docs[k], -votes[k], k[0]))
    return next(r for r in top if (r.start, r.end) == key)


def _pick_place(places: list[Place]) -> Place:
    counts = Counter(p.id for p in places)
    return min(places, key=lambda p: (_geo_rank(p), -counts[p.id], p.id))


def _disagreements(group: list[Any], fields: dict[str, Any]) -> list[dict[str, Any]]:
    """Fields on which the sources (documents) disagree, with each document's value."""
    out = []
    for name, get in fields.items():
        by_doc: dict[str, Any] = {}
        for r in sorted(group, key=lambda r: _time_rank(r)):
            v = get(r)
            if v is not None and r.citation.doc not in by_doc:
                by_doc[r.citation.doc] = v
        if len(by_doc) > 1 and not _agree(name, list(by_doc.values()), group):
            out.append({"field": name, "values": by_doc})
    return out


def _agree(name: str, values: list[Any], group: list[Any]) -> bool:
    if len({str(v) for v in values}) == 1:
        return True
    if name in ("place", "origin", "destination"):
        return False  # only called with ids that differ: checked by containment below
    if name == "date":
        ivs = [tuple(v.split("/")) for v in values]
        # nested intervals ("December" and "Sunday, Dec. 20") agree; disjoint ones do not
        return all(a[0] <= b[0] <= b[1] <= a[1] or b[0] <= a[0] <= a[1] <= b[1] for a in ivs for b in ivs)
    return False


def _date_value(r: Event | Route) -> str | None:
    if r.start is None or r.time_basis == "reported":
        return None
    return f"{r.start.isoformat()}/{(r.end or r.start).isoformat()}"


def _place_disagreement(group: list[Any], get: Any, name: str) -> dict[str, Any] | None:
    by_doc: dict[str, Place] = {}
    for r in group:
        p = get(r)
        if p is not None:
            cur = by_doc.get(r.citation.doc)
            if cur is None or _geo_rank(p) < _geo_rank(cur):
                by_doc[r.citation.doc] = p
    ps = list(by_doc.values())
    for a in ps:
        for b in ps:
            if a.id != b.id and not (contains(a, b) or contains(b, a)):
                return {"field": name, "values": {d: f"{p.name} ({p.id})" for d, p in by_doc.items()}}
    return None


def _citations(group: list[Any]) -> tuple[Citation, ...]:
    cites: list[Citation] = []
    for r in group:
        cites.append(r.citation)
        cites.extend(r.support)
    seen: dict[tuple[str, int, int], Citation] = {}
    for c in cites:
        seen.setdefault((c.doc, c.start, c.end), c)
    return tuple(sorted(seen.values(), key=lambda c: (c.doc, c.start)))


def feature_id(layer: str, kind: str, place_ids: list[str], date: dt.date | None) -> str:
    key = "|".join([layer, vocab.family(kind), *place_ids, date.isoformat() if date else ""])
    return f"{layer[:-1]}-{hashlib.sha1(key.encode()).hexdigest()[:12]}"


def _kind(group: list[Any]) -> str:
    """The most specific kind the sources give ("rocket attack" over "attack"), by votes."""
    votes = Counter(r.kind for r in group)
    return min(votes, key=lambda k: (k == vocab.ATTACK, -votes[k], k))


def _list(values: Any) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def event_feature(group: list[Event]) -> Feature:
    from sortie.geodata.geometry import point_geometry

    kind = _kind(group)
    place = _pick_place([e.place for e in group if e.place is not None])
    timed = _pick_time(group)
    fields = {"date": _date_value, "quantity": lambda e: e.quantity, "killed": lambda e: e.killed}
    dis = _disagreements(group, fields)
    pd = _place_disagreement(group, lambda e: e.place, "place")
    if pd:
        dis.append(pd)
    named = next((e for e in group if e.place and e.place.id == place.id and e.kind == kind), group[0])
    return Feature(
        id=feature_id("events", kind, [place.id], timed.start),
        layer="events",
        name=named.name
        if named.place and named.place.id == place.id
        else f"{vocab.label(kind)}: {place.name}",
        kind=kind,
        geometry=point_geometry(place),
        country=place.country,
        geo_precision=place.precision,
        start=timed.start,
        end=timed.end,
        time_precision=timed.time_precision,
        citations=_citations(group),
        properties={
            "actors": _list(a for e in group for a in e.actors),
            "targets": _list(t for e in group for t in e.targets),
            "quantity": next((e.quantity for e in group if e.quantity), None),
            # the toll of the best-dated source; others' tolls, when different, are in disagreements
            "killed": next((e.killed for e in sorted(group, key=_time_rank) if e.killed is not None), None),
            "trigger": _list(e.trigger for e in group),
            # times the sources tell it, all articles together (`sources` counts the articles)
            "mentions": sum(e.mentions for e in group),
            "time_basis": timed.time_basis,
            "time_note": time_note(timed),
            "place_id": place.id,
            "place_name": place.name,
            "lon": place.lon,
            "lat": place.lat,
            "disagreements": dis,
        },
    )


def route_feature(group: list[Route]) -> Feature:
    from sortie.geodata.geometry import route_geometry

    kind = _kind(group)
    origin = _pick_place([r.origin for r in group])
    dest = _pick_place([r.destination for r in group])
    timed = _pick_time(group)
    waypoints = next((r.waypoints for r in group if r.waypoints), ())
    geometry, length = route_geometry(origin, dest, waypoints)
    dis = _disagreements(group, {"date": _date_value, "quantity": lambda r: r.quantity})
    for name, get in (("origin", lambda r: r.origin), ("destination", lambda r: r.destination)):
        d = _place_disagreement(group, get, name)
        if d:
            dis.append(d)
    durations = _list(r.duration for r in group)
    return Feature(
        id=feature_id("routes", kind, [origin.id, dest.id], timed.start),
        layer="routes",
        name=f"{vocab.label(kind)}: {origin.name} to {dest.name}",
        kind=kind,
        geometry=geometry,
        country=dest.country,
        geo_precision=max((origin.precision, dest.precision), key=GEO_PRECISIONS.index),
        start=timed.start,
        end=timed.end,
        time_precision=timed.time_precision,
        citations=_citations(group),
        properties={
            "actors": _list(a for r in group for a in r.actors),
            "quantity": next((r.quantity for r in group if r.quantity), None),
            "trigger": _list(r.trigger for r in group),
            "mentions": sum(r.mentions for r in group),
            "time_basis": timed.time_basis,
            "time_note": time_note(timed),
            "round_trip": any(r.round_trip for r in group),
            "duration": durations[0] if durations else None,
            "length_km": round(length, 1),
            "path": SHORTEST_PATH_NOTE,
            "origin_id": origin.id,
            "origin_name": origin.name,
            "destination_id": dest.id,
            "destination_name": dest.name,
            "waypoints": [{"id": p.id, "name": p.name} for p in waypoints],
            "disagreements": dis,
        },
    )


def merge(events: list[Event], routes: list[Route]) -> list[Feature]:
    """Features for the map: incidents with a place, and routes, each merged across sources."""
    return [f for f, _ in merge_groups(events, routes)]


def merge_groups(events: list[Event], routes: list[Route]) -> list[tuple[Feature, list[Event] | list[Route]]]:
    """`merge`'s features, each with the records it merges (the store keeps track of which)."""
    incidents = [e for e in events if e.place is not None and e.kind not in vocab.NOT_INCIDENTS]
    out: list[tuple[Feature, list[Event] | list[Route]]] = []
    for g in cluster(incidents, same_event, events_apart, event_key, event_site):
        out.append((event_feature(g), g))
    for h in cluster(list(routes), same_route, routes_apart, route_key, route_sites):
        out.append((route_feature(h), h))
    return out
