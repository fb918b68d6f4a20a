"""The map's features over HTTP: `/map-data?<filters>` answers `figures.map_data` as JSON, cached,
with the GeoJSON sources the map draws them from (`sources.py`), each at its own URL.

The features are the largest thing the page loads (about 9 MB for 100,000), so they do not travel as a
Dash callback output: Dash walks a callback's whole output to make it JSON-safe, and the browser then
keeps it as a component property. Here the bytes are made once per filter (orjson) and kept for the
next request, and the page fetches them itself (assets/sortie.js), starting as soon as its script runs,
while Dash is still drawing the page.

The sources' URLs name the answer they belong to (a token made with it), so a source fetched after the
store changed cannot mix with the records its page has: such a request is told the answer is gone.

Only the filters that need the server (search, event types, article, and whether features analysts
marked wrong are shown) select what is sent; the layer toggles and the time window are applied in the
page, so toggling a layer sends nothing.
"""

from __future__ import annotations

import contextlib
import gzip
import secrets
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode

from sortie.dashboard.corrections import hide_wrong
from sortie.dashboard.figures import Drawing, map_data
from sortie.dashboard.sources import bounds, chunk_features, chunk_records
from sortie.dashboard.views import LAYERS, ViewState, event_types, filter_without_time, state_from_query
from sortie.geodata.records import Feature

if TYPE_CHECKING:
    from dash import Dash

    from sortie.dashboard.corpus import Corpus, Snapshot

PATH = "/map-data"
SOURCE_PATH = PATH + "/source/<int:chunk>"  # ?a=<the answer's token>
SOURCE_URL = PATH + "/source/{chunk}?a={token}"
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


@dataclass(frozen=True)
class Answer:
    """One filter's answer: the map data (with its sources' URLs) and each source's GeoJSON, as
    gzip-compressed JSON. GeoJSON repeats itself: compressed, it shrinks to about a fifth (4.8 MB
    for 100,000 features' records and sources), for a third of a second's work once per answer."""

    token: str
    body: bytes
    sources: tuple[bytes, ...]


def _gzip(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=3, mtime=0)


def make_answer(data: dict[str, Any], token: str) -> Answer:
    """The answer for `map_data`'s `data`: its records, with `sources` ([{url, members, roles}] per
    chunk) and the `bounds` of all they draw, and each chunk's FeatureCollection. The routes' lines
    and arrowheads travel in the sources only."""
    import orjson

    described, bodies = [], []
    for k, members in enumerate(chunk_records(data)):
        collection, roles = chunk_features(data, members)
        url = SOURCE_URL.format(chunk=k, token=token)
        described.append({"url": url, "members": members, "roles": roles})
        bodies.append(_gzip(orjson.dumps(collection)))
    routes = {k: v for k, v in data["routes"].items() if k not in ("parts", "head")}
    records = {**data, "routes": routes, "sources": described, "bounds": bounds(data)}
    return Answer(token, _gzip(orjson.dumps(records)), tuple(bodies))


class MapFeed:
    """The map data per filter, as JSON bytes, for the app's corpus (shared by all visitors)."""

    def __init__(self, corpus: Corpus, size: int = CACHE_SIZE) -> None:
        self._corpus = corpus
        self._size = size
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._cache: OrderedDict[str, Answer] = OrderedDict()
        # For the snapshot: each feature's Drawing (figures.map_data), and the event kinds the legend
        # has (an event of a kind outside EVENT_COLORS keeps its legend colour under any filter).
        self._drawings: dict[str, Drawing | None] = {}
        self._event_kinds: list[str] = []

    def body(self, query: str) -> bytes:
        """The JSON for `PATH?query`: every layer, filtered by search, event types and article."""
        return gzip.decompress(self.answer(query).body)

    def source(self, token: str, chunk: int) -> bytes | None:
        """A source's GeoJSON (gzip-compressed), if the answer named by `token` is still kept (None:
        gone, or no such chunk)."""
        with self._lock:
            found = next((a for a in self._cache.values() if a.token == token), None)
        return found.sources[chunk] if found and 0 <= chunk < len(found.sources) else None

    def answer(self, query: str) -> Answer:
        state = replace(state_from_query(query), layers=tuple(LAYERS))
        key = feed_query(state, wrong=parse_qs(query).get("wrong", [""])[-1] == "1")
        snapshot = self._corpus.snapshot()
        with self._lock:
            if snapshot is not self._snapshot:  # the store changed: nothing kept holds
                self._snapshot = snapshot
                self._cache.clear()
                self._drawings = {}
                self._event_kinds = event_types(snapshot.features)
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            drawings, event_kinds = self._drawings, self._event_kinds
        features = feed_features(snapshot.features, query)
        data = map_data(features, snapshot.by_id, event_kinds=event_kinds, drawings=drawings)
        answer = make_answer(data, secrets.token_urlsafe(9))
        with self._lock:
            if snapshot is self._snapshot:
                self._cache[key] = answer
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        return answer

    def warm(self) -> threading.Thread:
        """Make the default view's answer in the background, so the first visitor need not wait for it."""

        def run() -> None:
            # A store that cannot be read: the page's own request reports it.
            with contextlib.suppress(Exception):
                self.body("")

        thread = threading.Thread(target=run, name="sortie-map-data", daemon=True)
        thread.start()
        return thread


NO_STORE = {"Cache-Control": "no-store"}
KEEP = {"Cache-Control": "private, max-age=86400, immutable"}


def register_feed(app: Dash, feed: MapFeed) -> None:
    from flask import Response, request

    def compressed(body: bytes, mimetype: str, headers: dict[str, str]) -> Response:
        """`body` (gzip) as it is to a client that takes gzip (every browser), else unpacked."""
        if "gzip" in request.accept_encodings:
            headers = {**headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
            return Response(body, mimetype=mimetype, headers=headers)
        return Response(
            gzip.decompress(body), mimetype=mimetype, headers={**headers, "Vary": "Accept-Encoding"}
        )

    @app.server.route(PATH)
    def map_data_route() -> Response:
        answer = feed.answer(request.query_string.decode("utf-8", "replace"))
        # no-store: the store may change between page loads (a new ingest shows on reload).
        return compressed(answer.body, "application/json", NO_STORE)

    @app.server.route(SOURCE_PATH)
    def map_source_route(chunk: int) -> Response:
        body = feed.source(request.args.get("a", ""), chunk)
        if body is None:
            gone = b'{"error": "these map data are no longer kept: reload the page"}'
            return Response(gone, status=410, mimetype="application/json", headers=NO_STORE)
        # A source's URL names one answer, which never changes: the browser may keep it (going back to
        # an earlier filter, such as clearing a search, downloads nothing).
        return compressed(body, "application/geo+json", KEEP)
