"""The `places` layer: one feature per resolved place across all articles, citing every sentence.

Countries are drawn as points (the gazetteer's representative position) with geo_precision
"country", not as polygons: one geometry type per layer keeps the GeoPackage layer simple for QGIS
and the dashboard's marker layer, and the precision says how much the position means.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sortie.geodata.geometry import point_geometry
from sortie.geodata.records import TIME_PRECISIONS, Citation, Event, Feature, ParsedArticle, Place, Route
from sortie.geodata.serial import to_jsonable

PLACES = "places"


def place_feature_id(place_id: str) -> str:
    """Stable across re-ingests: the place's own namespaced id (e.g. "places:geonames:98182")."""
    return f"{PLACES}:{place_id}"


@dataclass(frozen=True)
class PlacePart:
    """What one article (or one set of records) says about one place.

    A place feature is the sum of its parts, so the store updates a place from its parts alone.
    `place` and `mentions` come from toponyms; `dates` from dated events and routes at the place.
    """

    place: Place | None
    mentions: int = 0
    citations: tuple[Citation, ...] = ()  # one per sentence naming the place, in reading order
    dates: tuple[tuple[dt.date, dt.date, str | None], ...] = ()


@dataclass
class _Acc:
    place: Place | None = None
    citations: dict[tuple[str, int], Citation] = field(default_factory=dict)
    mentions: int = 0
    dates: list[tuple[dt.date, dt.date, str | None]] = field(default_factory=list)

    def part(self) -> PlacePart:
        return PlacePart(self.place, self.mentions, tuple(self.citations.values()), tuple(self.dates))


def place_parts(
    parsed: ParsedArticle | None, events: Iterable[Event] = (), routes: Iterable[Route] = ()
) -> dict[str, PlacePart]:
    """The parts one article gives its places: its toponyms, and dates from its events and routes."""
    acc: dict[str, _Acc] = {}
    if parsed is not None:
        doc = parsed.article.doc
        for t in parsed.toponyms:
            if t.place is None:
                continue
            a = acc.setdefault(t.place.id, _Acc())
            a.place = a.place or t.place
            a.mentions += 1
            key = (doc, t.mention.sentence)
            if key in a.citations or not 0 <= t.mention.sentence < len(parsed.sentences):
                continue
            s = parsed.sentences[t.mention.sentence]
            a.citations[key] = Citation(doc, s.text, s.start, s.end, t.mention.start, t.mention.end)

    def date_at(place: Place | None, start: dt.date | None, end: dt.date | None, prec: str | None) -> None:
        if place is not None and start is not None:
            acc.setdefault(place.id, _Acc()).dates.append((start, end or start, prec))

    for e in events:
        date_at(e.place, e.start, e.end, e.time_precision)
    for r in routes:
        for pl in {p.id: p for p in (r.origin, *r.waypoints, r.destination)}.values():
            date_at(pl, r.start, r.end, r.time_precision)
    return {pid: a.part() for pid, a in acc.items()}


def places_layer(
    parsed: Iterable[ParsedArticle], events: Iterable[Event] = (), routes: Iterable[Route] = ()
) -> list[Feature]:
    """Place features from parsed articles, dated by the dated events and routes at each place.

    A place with no dated event or route at it stays undated (null start/end): being named in an
    article is not evidence of when anything happened there.
    """
    parts: dict[str, list[PlacePart]] = {}
    for p in parsed:
        for pid, part in place_parts(p).items():
            parts.setdefault(pid, []).append(part)
    for pid, part in place_parts(None, events, routes).items():
        parts.setdefault(pid, []).append(part)
    out = [f for f in map(place_feature, parts.values()) if f is not None]
    out.sort(key=lambda f: f.id)
    return out


def place_feature(parts: Iterable[PlacePart]) -> Feature | None:
    """One place's feature from its parts (articles in doc order); None if no article names it."""
    items = list(parts)
    pl = next((p.place for p in items if p.place is not None), None)
    if pl is None:
        return None  # dated by an event or route, but named by no article: not a place of the map
    dates = [d for p in items for d in p.dates]
    start = min((d[0] for d in dates), default=None)
    end = max((d[1] for d in dates), default=None)
    precision = _coarsest([d[2] for d in dates]) if dates else None
    citations = tuple(sorted((c for p in items for c in p.citations), key=lambda c: (c.doc, c.start)))
    return Feature(
        id=place_feature_id(pl.id),
        layer=PLACES,
        name=pl.name,
        kind=pl.kind,
        geometry=point_geometry(pl),
        country=pl.country,
        geo_precision=pl.precision,
        start=start,
        end=end,
        time_precision=precision,
        citations=citations,
        properties={"place_id": pl.id, "mentions": sum(p.mentions for p in items), "admin1": pl.admin1},
    )


def part_json(part: PlacePart) -> dict[str, Any]:
    """A part as JSON-able data (for the store)."""
    return {
        "place": to_jsonable(part.place),
        "mentions": part.mentions,
        "citations": to_jsonable(part.citations),
        "dates": [[s.isoformat(), e.isoformat(), p] for s, e, p in part.dates],
    }


def part_from_json(data: dict[str, Any]) -> PlacePart:
    # Decoded by hand, not by serial.from_jsonable: a much-cited place (a capital, a country) has
    # thousands of citations, all read again whenever an article names it.
    return PlacePart(
        Place(**data["place"]) if data["place"] else None,
        data["mentions"],
        tuple(Citation(**c) for c in data["citations"]),
        tuple((dt.date.fromisoformat(s), dt.date.fromisoformat(e), p) for s, e, p in data["dates"]),
    )


def _coarsest(precisions: list[str | None]) -> str | None:
    """The coarsest precision among the dates that span the feature (the span is no finer than that)."""
    known = [p for p in precisions if p in TIME_PRECISIONS]
    return max(known, key=TIME_PRECISIONS.index) if known else None
