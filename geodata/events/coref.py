"""Plain coreference between the movement frames of one article.

Only what the text makes plain: a definite or pronoun subject of the same medium ("The two planes
were dispatched ...") continues the movement of the sentence before ("B-52 bombers flew ..."); a
movement with an origin but no end borrows the area of operation stated next to it ("such flights
in the Arabian Gulf"); a vague origin ("their air base in North Dakota") gives way to a base the
article names, for the same movement, inside it.
"""

from __future__ import annotations

from geodata.events import vocab, where
from geodata.events.frames import REAL, Frame
from geodata.records import Place

WINDOW = 2  # sentences either side


def _compatible(a: Frame, b: Frame) -> bool:
    return a.medium is None or b.medium is None or a.medium == b.medium


def _movement(fr: Frame) -> bool:
    return fr.status == REAL and fr.kind in vocab.MOVEMENTS and not fr.consumed


def _has_end(fr: Frame) -> bool:
    return bool(fr.places(where.DESTINATION, where.LOCATIVE, where.TARGET))


def _areas(fr: Frame) -> list[where.PlaceRole]:
    return fr.places(where.DESTINATION, where.LOCATIVE, where.TARGET, where.LOOSE)


def link(frames: list[Frame]) -> None:
    """Resolve continuations in place: frames absorbed into another are marked `consumed`."""
    moves = [f for f in frames if _movement(f)]
    # 1. "The two planes were dispatched ..." continues "B-52 bombers flew ...".
    for i, fr in enumerate(moves):
        if not (fr.definite_actor or not fr.actors):
            continue
        for prev in reversed(moves[:i]):
            if prev.consumed or fr.sentence - prev.sentence > WINDOW or prev.sentence == fr.sentence:
                continue
            if not _compatible(prev, fr):
                continue
            # Only a continuation that completes a movement: one sentence gives where from, the
            # other where to ("flew off Iran's coast" + "were dispatched from Minot").
            if bool(prev.places(where.ORIGIN)) == bool(fr.places(where.ORIGIN)):
                continue
            if not (_has_end(prev) or _has_end(fr)) or (_has_end(prev) and prev.places(where.ORIGIN)):
                continue
            actors = prev.actors if (fr.definite_actor or not fr.actors) and prev.actors else fr.actors
            # The frame stating the origin keeps the record (its sentence names the route's ends).
            keep, other = (fr, prev) if fr.places(where.ORIGIN) else (prev, fr)
            keep.actors = actors
            keep.medium = keep.medium or other.medium
            keep.quantity = keep.quantity or other.quantity
            keep.roles = keep.roles + [
                r for r in _areas(other) if r.role != where.LOOSE or not _has_end(keep)
            ]
            keep.support.append(other.citation)
            keep.support.extend(other.support)
            keep.round_trip = keep.round_trip or other.round_trip
            keep.duration = keep.duration or other.duration
            if keep.time is None or (
                other.time and other.time.basis != "reported" and keep.time.basis == "reported"
            ):
                keep.time = other.time
            other.consumed = True
            break
    # 2. An origin without an end borrows the area of operation stated nearby.
    for fr in moves:
        if fr.consumed or not fr.places(where.ORIGIN) or fr.places(where.DESTINATION, where.LOCATIVE):
            continue
        near = [
            o
            for o in frames
            if o is not fr
            and o.status == REAL
            and o.kind in vocab.MOVEMENTS
            and abs(o.sentence - fr.sentence) <= WINDOW
            and _compatible(o, fr)
            and o.places(where.DESTINATION, where.LOCATIVE)
        ]
        if not near:
            continue

        other = min(near, key=lambda o, at=fr.sentence: _area_score(o, at))
        area = where.best_place(other.roles, (where.DESTINATION, where.LOCATIVE))
        if area is None:
            continue
        fr.roles = [
            *fr.roles,
            where.PlaceRole(area.place, where.DESTINATION, 9, area.token, area.start, area.end),
        ]
        fr.support.append(other.citation)
        if not other.places(where.ORIGIN):
            other.consumed = True
    # 3. A coarse origin gives way to a named base inside it, for the same medium.
    for fr in moves:
        origin = where.best_place(fr.roles, (where.ORIGIN,))
        if origin is None or origin.place.precision not in ("region", "country"):
            continue
        for o in frames:
            if o is fr or not _compatible(o, fr):
                continue
            for r in o.places(where.ORIGIN):
                if where.finer(r.place, origin.place) and _inside(r.place, origin.place):
                    fr.roles = [x for x in fr.roles if x is not origin] + [
                        where.PlaceRole(r.place, where.ORIGIN, origin.depth, r.token, r.start, r.end)
                    ]
                    fr.support.append(o.citation)
                    break


def _area_score(o: Frame, at: int) -> tuple[int, int, int]:
    """Nearest sentence first, then a water body (an area of operation), then the later sentence."""
    best = where.best_place(o.roles, (where.DESTINATION, where.LOCATIVE))
    water = 0 if best and best.place.kind == "water" else 1
    return (abs(o.sentence - at), water, 0 if o.sentence > at else 1)


def _inside(inner: Place, outer: Place) -> bool:
    if outer.kind == "country":
        return inner.country == outer.country
    if outer.kind == "admin1":
        return inner.country == outer.country and (inner.admin1 or "").lower() == outer.name.lower()
    return False
