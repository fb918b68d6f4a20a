"""A tiny world of hand-built records for the store, layers and export tests (no model, no gazetteer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sortie.geodata.records import (
    Article,
    Citation,
    Event,
    Feature,
    Mention,
    ParsedArticle,
    Place,
    Route,
    Sentence,
    TimeMention,
    Toponym,
)

GUAM = Place("test:guam", "Andersen Air Force Base", "airbase", "GU", 144.93, 13.58, "point", source="test")
HONOLULU = Place("test:honolulu", "Honolulu", "city", "US", -157.86, 21.31, "city", population=350_000)
IRAQ = Place("test:iq", "Iraq", "country", "IQ", 43.5, 33.0, "country")
BAGHDAD = Place("test:baghdad", "Baghdad", "city", "IQ", 44.4, 33.34, "city", admin1="Baghdad")


def sentences(text: str) -> tuple[Sentence, ...]:
    """Split on ". " (enough for hand-written test texts), with offsets into `text`."""
    out: list[Sentence] = []
    start = 0
    while start < len(text):
        stop = text.find(". ", start)
        stop = len(text) if stop < 0 else stop + 1
        out.append(Sentence(len(out), start, stop, text[start:stop]))
        start = stop + 1
    return tuple(out)


def parsed_article(
    doc: str, text: str, places: dict[str, Place], published: dt.date | None = dt.date(2020, 12, 30)
) -> ParsedArticle:
    """An article whose toponyms are every occurrence of each key of `places` in `text`."""
    sents = sentences(text)
    toponyms: list[Toponym] = []
    for name, place in places.items():
        at = text.find(name)
        while at >= 0:
            index = next(s.index for s in sents if s.start <= at < s.end)
            toponyms.append(Toponym(Mention(name, at, at + len(name), index, "GPE"), place, "test"))
            at = text.find(name, at + 1)
    toponyms.sort(key=lambda t: t.mention.start)
    times = (
        TimeMention(
            "Sunday", 0, 1, 0, "DATE", "2020-12-20", dt.date(2020, 12, 20), dt.date(2020, 12, 20), "day"
        ),
    )
    return ParsedArticle(
        Article(doc, text, f"/articles/{doc}", "A title", "Wire", published), sents, tuple(toponyms), times
    )


def citation(p: ParsedArticle, index: int) -> Citation:
    s = p.sentences[index]
    return Citation(p.article.doc, s.text, s.start, s.end)


def flight(p: ParsedArticle, index: int, start: dt.date | None = dt.date(2020, 12, 10)) -> Route:
    return Route(
        "flight",
        "B-52 flight",
        GUAM,
        HONOLULU,
        citation(p, index),
        actors=("two B-52H",),
        start=start,
        end=start,
        time_precision="day" if start else None,
        duration="36 hours",
    )


def attack(p: ParsedArticle, index: int) -> Event:
    return Event(
        "attack",
        "rocket attack",
        BAGHDAD,
        citation(p, index),
        actors=("militias",),
        start=dt.date(2020, 12, 1),
        end=dt.date(2020, 12, 31),
        time_precision="month",
    )


def route_feature(route: Route, fid: str = "routes:flight:test:guam>test:honolulu:2020-12-10") -> Feature:
    from sortie.geodata.geometry import route_geometry

    geometry, km = route_geometry(route.origin, route.destination)
    return Feature(
        fid,
        "routes",
        route.name,
        route.kind,
        geometry,
        route.destination.country,
        "point",
        route.start,
        route.end,
        route.time_precision,
        (route.citation,),
        {
            "length_km": round(km, 1),
            "round_trip": False,
            "duration": route.duration,
            "actors": list(route.actors),
        },
    )


def event_feature(event: Event) -> Feature:
    from sortie.geodata.geometry import point_geometry

    assert event.place is not None
    return Feature(
        f"events:{event.kind}:{event.place.id}:{event.start}",
        "events",
        event.name,
        event.kind,
        point_geometry(event.place),
        event.place.country,
        event.place.precision,
        event.start,
        event.end,
        event.time_precision,
        (event.citation,),
        {"actors": list(event.actors), "time_basis": event.time_basis},
    )


def fake_merge(events: list[Event], routes: list[Route]) -> list[Feature]:
    """Stands in for sortie.geodata.events.merge_features: one feature per record, no merging."""
    return [f for f, _ in fake_merge_groups(events, routes)]


def fake_merge_groups(events: list[Event], routes: list[Route]) -> list[tuple[Feature, list[Any]]]:
    """Stands in for the store's merging stage (each feature with its records): no merging."""
    return [(route_feature(r, f"routes:{r.citation.doc}:{r.citation.start}"), [r]) for r in routes] + [
        (event_feature(e), [e]) for e in events
    ]
