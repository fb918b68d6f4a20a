"""The `places` layer: one feature per resolved place across all articles, citing every sentence.

Countries are drawn as points (the gazetteer's representative position) with geo_precision
"country", not as polygons: one geometry type per layer keeps the GeoPackage layer simple for QGIS
and the dashboard's marker layer, and the precision says how much the position means.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from geodata.geometry import point_geometry
from geodata.records import TIME_PRECISIONS, Citation, Event, Feature, ParsedArticle, Place, Route

PLACES = "places"


def place_feature_id(place_id: str) -> str:
    """Stable across re-ingests: the place's own namespaced id (e.g. "places:geonames:98182")."""
    return f"{PLACES}:{place_id}"


@dataclass
class _Acc:
    place: Place
    citations: dict[tuple[str, int], Citation] = field(default_factory=dict)
    mentions: int = 0
    dates: list[tuple[dt.date, dt.date, str | None]] = field(default_factory=list)


def places_layer(
    parsed: Iterable[ParsedArticle], events: Iterable[Event] = (), routes: Iterable[Route] = ()
) -> list[Feature]:
    """Place features from parsed articles, dated by the dated events and routes at each place.

    A place with no dated event or route at it stays undated (null start/end): being named in an
    article is not evidence of when anything happened there.
    """
    acc: dict[str, _Acc] = {}
    for p in parsed:
        doc = p.article.doc
        for t in p.toponyms:
            if t.place is None:
                continue
            a = acc.setdefault(t.place.id, _Acc(t.place))
            a.mentions += 1
            key = (doc, t.mention.sentence)
            if key in a.citations or not 0 <= t.mention.sentence < len(p.sentences):
                continue
            s = p.sentences[t.mention.sentence]
            a.citations[key] = Citation(doc, s.text, s.start, s.end, t.mention.start, t.mention.end)

    def date_at(place: Place | None, start: dt.date | None, end: dt.date | None, prec: str | None) -> None:
        if place is not None and start is not None and place.id in acc:
            acc[place.id].dates.append((start, end or start, prec))

    for e in events:
        date_at(e.place, e.start, e.end, e.time_precision)
    for r in routes:
        for pl in {p.id: p for p in (r.origin, *r.waypoints, r.destination)}.values():
            date_at(pl, r.start, r.end, r.time_precision)

    out = [_feature(a) for a in acc.values()]
    out.sort(key=lambda f: f.id)
    return out


def _feature(a: _Acc) -> Feature:
    pl = a.place
    start = min((d[0] for d in a.dates), default=None)
    end = max((d[1] for d in a.dates), default=None)
    precision = _coarsest([d[2] for d in a.dates]) if a.dates else None
    citations = tuple(sorted(a.citations.values(), key=lambda c: (c.doc, c.start)))
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
        properties={"place_id": pl.id, "mentions": a.mentions, "admin1": pl.admin1},
    )


def _coarsest(precisions: list[str | None]) -> str | None:
    """The coarsest precision among the dates that span the feature (the span is no finer than that)."""
    known = [p for p in precisions if p in TIME_PRECISIONS]
    return max(known, key=TIME_PRECISIONS.index) if known else None
