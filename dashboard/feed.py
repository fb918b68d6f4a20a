"""The map's features over HTTP: `/map-data?<filters>` answers `figures.map_data` as JSON, cached.

The features are the largest thing the page loads (about 9 MB for 100,000), so they do not travel as a
Dash callback output: Dash walks a callback's whole output to make it JSON-safe, and the browser then
keeps it as a component property. Here the bytes are made once per filter (orjson) and kept for the
next request, and the page fetches them itself (assets/sortie.js), starting as soon as its script runs,
while Dash is still drawing the page.

Only the filters that need the server (search, event types, article, and whether features analysts
marked wrong are shown) select what is sent; the layer toggles and the time window are applied in the
page, so toggling a layer sends nothing.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode

from sortie.dashboard.corrections import hide_wrong
from sortie.dashboard.figures import map_data
from sortie.dashboard.views import LAYERS, ViewState, filter_without_time, state_from_query
from sortie.geodata.records import Feature

if TYPE_CHECKING:
    from dash import Dash

    from sortie.dashboard.corpus import Corpus, Snapshot

PATH = "/map-data"
# Kept answers: the default view and a few searches (each about 9 MB at 100,000 features).
CACHE_SIZE = 6


def feed_query(state: ViewState, *, wrong: bool = False, version: object = None) -> str:
    """The query string of `PATH` for a view: its server-side filters only, in a fixed order; `wrong`
    asks for the features analysts marked wrong too; `version` (the corrections' count, which the
    answer does not depend on: a correction changes the store) only tells one page load's answers apart."""
    params: list[tuple[str, str]] = []
    if state.query.strip():
        params.append(("q", state.query.strip()))
    if state.event_types:
        params.append(("types", ",".join(sorted(state.event_types))))
    if state.article:
        params.append(("article", state.article))
    if wrong:
        params.append(("wrong", "1"))
    if version:
        params.append(("v", str(version)))
    return urlencode(params)


def feed_features(features: Sequence[Feature], query: str) -> list[Feature]:
    """The features `PATH?query` sends: every layer, filtered by search, event types, article and
    whether features marked wrong are shown."""
    state = replace(state_from_query(query), layers=tuple(LAYERS))
    wrong = parse_qs(query).get("wrong", [""])[-1] == "1"
    return filter_without_time(hide_wrong(features, wrong), state)


class MapFeed:
    """The map data per filter, as JSON bytes, for the app's corpus (shared by all visitors)."""

    def __init__(self, corpus: Corpus, size: int = CACHE_SIZE) -> None:
        self._corpus = corpus
        self._size = size
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._cache: OrderedDict[str, bytes] = OrderedDict()

    def body(self, query: str) -> bytes:
        """The JSON for `PATH?query`: every layer, filtered by search, event types and article."""
        import orjson

        state = replace(state_from_query(query), layers=tuple(LAYERS))
        key = feed_query(state, wrong=parse_qs(query).get("wrong", [""])[-1] == "1")
        snapshot = self._corpus.snapshot()
        with self._lock:
            if snapshot is not self._snapshot:  # the store changed: nothing kept holds
                self._snapshot = snapshot
                self._cache.clear()
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        data = map_data(feed_features(snapshot.features, query), snapshot.by_id)
        body = orjson.dumps(data)
        with self._lock:
            if snapshot is self._snapshot:
                self._cache[key] = body
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        return body

    def warm(self) -> threading.Thread:
        """Make the default view's answer in the background, so the first visitor need not wait for it."""

        def run() -> None:
            # A store that cannot be read: the page's own request reports it.
            with contextlib.suppress(Exception):
                self.body("")

        thread = threading.Thread(target=run, name="sortie-map-data", daemon=True)
        thread.start()
        return thread


def register_feed(app: Dash, feed: MapFeed) -> None:
    from flask import Response, request

    @app.server.route(PATH)
    def map_data_route() -> Response:
        body = feed.body(request.query_string.decode("utf-8", "replace"))
        # no-store: the store may change between page loads (a new ingest shows on reload).
        return Response(body, mimetype="application/json", headers={"Cache-Control": "no-store"})
