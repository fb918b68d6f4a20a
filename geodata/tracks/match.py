"""Observed flights proposed for each reported route, with the evidence and a score.

A flight could be a route when it flew inside the route's time interval, departed near the route's
origin, and arrived at (or passed close to) its destination; the aircraft type or callsign, when the
article names one, must not contradict it. Each test gives a value in [0, 1] kept as evidence; the
score is their weighted sum. A route's dates are calendar days in an unknown time zone, so the
interval is widened by `DATE_MARGIN_H` at each end. Places known only to a country or region are
judged with a wider distance scale. The analyst decides: a proposal is never taken as a fact.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sortie.geodata.records import Feature
from sortie.geodata.tracks.fixes import Flight

DATE_MARGIN_H = 12.0
WEIGHTS = {"time": 0.35, "departure": 0.25, "arrival": 0.25, "aircraft": 0.15}
MIN_SCORE = 0.5
MAX_PER_ROUTE = 5
# Distance (km) at which a place match counts one half, by how exactly the route's ends are known.
DISTANCE_SCALE_KM = {"point": 75.0, "city": 75.0, "region": 400.0, "country": 600.0}
_TYPE = re.compile(r"\b([A-Z]{1,3})-?(\d{1,3})([A-Z]?)\b")
DECISIONS = ("proposed", "accepted", "rejected")


@dataclass(frozen=True)
class Evidence:
    departure_km: float  # the flight's first fix to the route's origin
    arrival_km: float  # its last fix to the route's destination
    closest_km: float  # its closest fix to the destination (a flight seen only part of the way)
    time_offset_h: float | None  # 0 inside the interval; hours before (-) or after (+) it; None undated
    aircraft: str  # what the identity test found, in words
    parts: dict[str, float]  # each test's value in [0, 1]
    flights: tuple[str, ...] = ()  # the flights judged together: one, or one journey across gaps


@dataclass(frozen=True)
class Match:
    route_id: str
    flight_id: str
    score: float
    evidence: Evidence
    decision: str = "proposed"

    def __post_init__(self) -> None:
        if self.decision not in DECISIONS:
            raise ValueError(f"decision {self.decision!r} is not one of {', '.join(DECISIONS)}")


def route_ends(route: Feature) -> tuple[tuple[float, float], tuple[float, float]]:
    geom: Any = route.geometry
    parts = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
    first, last = parts[0][0], parts[-1][-1]
    return (float(first[0]), float(first[1])), (float(last[0]), float(last[1]))


def route_interval(route: Feature) -> tuple[dt.datetime, dt.datetime] | None:
    if route.start is None:
        return None
    margin = dt.timedelta(hours=DATE_MARGIN_H)
    lo = dt.datetime.combine(route.start, dt.time(), dt.UTC) - margin
    hi = dt.datetime.combine(route.end or route.start, dt.time(), dt.UTC) + dt.timedelta(days=1) + margin
    return lo, hi


def _geod_km(lons: Any, lats: Any, lon: float, lat: float) -> Any:
    import numpy as np

    from sortie.geodata.geometry import geod

    n = len(lons)
    _a, _b, metres = geod().inv(np.asarray(lons), np.asarray(lats), np.full(n, lon), np.full(n, lat))
    return np.asarray(metres) / 1000.0


def _flight_points(flight: Flight, limit: int = 400) -> tuple[list[float], list[float]]:
    geom: Any = flight.geometry
    parts = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
    pts = [p for part in parts for p in part]
    step = max(1, len(pts) // limit)
    kept = [*pts[::step], pts[-1]]
    return [p[0] for p in kept], [p[1] for p in kept]


def _closeness(km: float, scale: float) -> float:
    return 1.0 / (1.0 + (km / scale) ** 2)


def _types(texts: Iterable[str]) -> set[str]:
    """Aircraft designators named in the text: "B-52H", "KC-135s" -> {"B52", "KC135"}."""
    found = set()
    for text in texts:
        for letters, digits, _suffix in _TYPE.findall(text.upper()):
            found.add(letters + digits)
    return found


def aircraft_test(route: Feature, flight: Flight) -> tuple[float, str]:
    actors = [str(a) for a in route.properties.get("actors") or []]  # type: ignore[attr-defined]
    sentences = [c.sentence for c in route.citations]
    if flight.callsign and any(
        re.search(rf"\b{re.escape(flight.callsign)}\b", s, re.IGNORECASE) for s in sentences
    ):
        return 1.0, f"callsign {flight.callsign} is named in the article"
    named = _types(actors) or _types(sentences)
    if flight.aircraft_type and named:
        mine = re.sub(r"[^A-Z0-9]", "", flight.aircraft_type.upper())
        if any(mine == t or mine.startswith(t) or t.startswith(mine) for t in named):
            return 1.0, f"type {flight.aircraft_type} is what the article names ({', '.join(sorted(named))})"
        return 0.1, f"type {flight.aircraft_type}, the article names {', '.join(sorted(named))}"
    if named:
        return 0.5, f"the article names {', '.join(sorted(named))}; the track does not say its type"
    return 0.5, "the article names no aircraft type or callsign"


def evaluate(route: Feature, flight: Flight) -> Match:
    origin, destination = route_ends(route)
    scale = DISTANCE_SCALE_KM.get(route.geo_precision or "point", 75.0)
    lons, lats = _flight_points(flight)
    to_dest = _geod_km(lons, lats, *destination)
    departure = float(_geod_km([flight.first[0]], [flight.first[1]], *origin)[0])
    arrival = float(_geod_km([flight.last[0]], [flight.last[1]], *destination)[0])
    closest = float(to_dest.min())
    interval = route_interval(route)
    if interval is None:
        offset, time_part = None, 0.5
    else:
        lo, hi = interval
        if flight.end < lo:
            offset = -(lo - flight.end).total_seconds() / 3600
        elif flight.start > hi:
            offset = (flight.start - hi).total_seconds() / 3600
        else:
            offset = 0.0
        time_part = 1.0 / (1.0 + (abs(offset) / 12.0) ** 2)
    ident, said = aircraft_test(route, flight)
    parts = {
        "time": round(time_part, 3),
        "departure": round(_closeness(departure, scale), 3),
        # A track often ends before the landing (coverage): the closest approach counts too.
        "arrival": round(_closeness(min(arrival, closest), scale), 3),
        "aircraft": ident,
    }
    score = round(sum(WEIGHTS[k] * v for k, v in parts.items()), 3)
    evidence = Evidence(
        round(departure, 1),
        round(arrival, 1),
        round(closest, 1),
        None if offset is None else round(offset, 2),
        said,
        parts,
    )
    return Match(route.id, flight.id, score, evidence)


def journeys(flights: Sequence[Flight]) -> list[tuple[Flight, ...]]:
    """Flights of one aircraft joined across the gaps between them (a lost signal is not a landing):
    a flight with a `gap_before` continues the previous flight of the same aircraft and file."""
    by_aircraft: dict[tuple[str, str], list[Flight]] = {}
    for f in flights:
        by_aircraft.setdefault((f.source_sha256, f.icao24 or f.callsign or ""), []).append(f)
    out: list[tuple[Flight, ...]] = []
    for group in by_aircraft.values():
        group.sort(key=lambda f: f.start)
        chain: list[Flight] = []
        for f in group:
            if chain and f.gap_before is None:
                out.append(tuple(chain))
                chain = []
            chain.append(f)
        out.append(tuple(chain))
    return out


def joined(chain: Sequence[Flight]) -> Flight:
    """A journey as one flight for matching: first fix of the first, last of the last, every position."""
    import dataclasses

    if len(chain) == 1:
        return chain[0]
    coords: list[Any] = []
    for f in chain:
        geom: Any = f.geometry
        parts = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
        coords.extend([p[0], p[1]] for part in parts for p in part)
    return dataclasses.replace(
        chain[0], end=chain[-1].end, last=chain[-1].last, fixes=sum(f.fixes for f in chain),
        geometry={"type": "LineString", "coordinates": coords},
    )  # fmt: skip


def propose(routes: Sequence[Feature], flights: Sequence[Flight]) -> list[Match]:
    """For each route, the flights (or journeys of flights across gaps) that could be it, best first,
    at most MAX_PER_ROUTE. A journey's match is keyed by its first flight; its evidence lists all."""
    import dataclasses

    chains = journeys(flights)
    candidates = [joined(c) for c in chains]
    members = {j.id: tuple(f.id for f in c) for j, c in zip(candidates, chains, strict=True)}
    out: list[Match] = []
    for route in routes:
        if route.layer != "routes":
            continue
        interval = route_interval(route)
        found = []
        for flight in candidates:
            # Cheap time test first: a flight days away from the interval is not looked at further.
            if interval and (
                flight.end < interval[0] - dt.timedelta(days=2)
                or flight.start > interval[1] + dt.timedelta(days=2)
            ):
                continue
            m = evaluate(route, flight)
            m = dataclasses.replace(m, evidence=dataclasses.replace(m.evidence, flights=members[flight.id]))
            p = m.evidence.parts
            if m.score >= MIN_SCORE and p["time"] >= 0.5 and max(p["departure"], p["arrival"]) >= 0.5:
                found.append(m)
        found.sort(key=lambda m: (-m.score, m.flight_id))
        out.extend(found[:MAX_PER_ROUTE])
    return out


def evidence_json(e: Evidence) -> dict[str, Any]:
    return {
        "departure_km": e.departure_km,
        "arrival_km": e.arrival_km,
        "closest_km": e.closest_km,
        "time_offset_h": e.time_offset_h,
        "aircraft": e.aircraft,
        "parts": dict(e.parts),
        "flights": list(e.flights),
    }


def evidence_from_json(d: dict[str, Any]) -> Evidence:
    return Evidence(
        d["departure_km"],
        d["arrival_km"],
        d["closest_km"],
        d["time_offset_h"],
        d["aircraft"],
        dict(d["parts"]),
        tuple(d.get("flights", ())),
    )
