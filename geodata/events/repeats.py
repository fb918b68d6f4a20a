"""One article telling the same event many times: one record, with the number of times told.

A live blog, a long report or a text that repeats itself names one strike or one flight again and
again. Each telling is a record of `sortie.geodata.events.build`; map features are merged from records by
`sortie.geodata.events.merge`, which compares records pairwise within a neighbourhood, so thousands of
tellings of one event would cost thousands of comparisons and rows for one feature. Records of one
article with the same kind, the same place (or ends) and the same time, whose actors do not
contradict each other, are folded here into the first of them: every telling stays cited (its
sentence joins `support`) and `mentions` counts them. Nothing is dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sortie.geodata.events.merge import actors_compatible
from sortie.geodata.records import Citation, Event, Route

R = TypeVar("R", Event, Route)


def _event_key(e: Event) -> Hashable:
    return (e.kind, e.place.id if e.place else None, e.start, e.end, e.time_basis)


def _route_key(r: Route) -> Hashable:
    waypoints = tuple(p.id for p in r.waypoints)
    return (r.kind, r.origin.id, r.destination.id, waypoints, r.start, r.end, r.time_basis)


def _fold(records: list[R], key_of: Callable[[R], Hashable]) -> list[R]:
    """Fold records with one key and compatible actors into the first of them, in article order."""
    groups: dict[Hashable, list[list[R]]] = {}
    order: list[list[R]] = []
    for r in records:
        bucket = groups.setdefault(key_of(r), [])
        # Actors that contradict ("Russian jets", "NATO jets") keep two records. A bucket holds one
        # group per set of actors the article names there: a handful, not one per telling.
        home = next((g for g in bucket if actors_compatible(g[0].actors, r.actors)), None)
        if home is None:
            home = []
            bucket.append(home)
            order.append(home)
        home.append(r)
    return [_one(g) for g in order]


def _one(group: list[R]) -> R:
    first = group[0]
    if len(group) == 1:
        return first
    support: dict[Citation, None] = dict.fromkeys(first.support)
    for r in group[1:]:
        support[r.citation] = None
        support.update(dict.fromkeys(r.support))
    support.pop(first.citation, None)
    actors = tuple(dict.fromkeys(a for r in group for a in r.actors))
    quantity = first.quantity or next((r.quantity for r in group if r.quantity), None)
    changes: dict[str, Any] = {
        "support": tuple(support),
        "actors": actors,
        "quantity": quantity,
        "mentions": sum(r.mentions for r in group),
    }
    if isinstance(first, Event):
        told = [r for r in group if isinstance(r, Event)]
        changes["targets"] = tuple(dict.fromkeys(t for r in told for t in r.targets))
        if first.killed is None:
            changes["killed"] = next((r.killed for r in told if r.killed is not None), None)
    return dataclasses.replace(first, **changes)


def fold_repeats(events: list[Event], routes: list[Route]) -> tuple[list[Event], list[Route]]:
    """The article's events and routes with repeated tellings of one event folded together."""
    return _fold(events, _event_key), _fold(routes, _route_key)
