"""Callbacks: each is a guard plus one call into `views`, `figures` or `panels`.

The map's features are drawn by the page (`assets/sortie.js`) on the MapLibre map inside the Plotly
graph; the page fetches them from /map-data (`feed.py`) when a search, event-type or article filter
changes (this module only tells it which). The time slider and the layer toggles are applied in the
browser: a drag or a toggle redraws the map without a server round trip and without re-sending or
re-parsing any feature. Everything else runs here, on the data in the app's Corpus.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs, unquote

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from sortie.dashboard import ids
from sortie.dashboard.corpus import Corpus
from sortie.dashboard.corrections import hide_wrong
from sortie.dashboard.feed import feed_query
from sortie.dashboard.panels import (
    article_view,
    citation_limit,
    citation_rows,
    feature_list,
    feature_panel,
    page_title,
)
from sortie.dashboard.player import register_player
from sortie.dashboard.views import (
    ViewState,
    article_options,
    controls_from_state,
    feature_days,
    features_in_view,
    state_from_controls,
    state_from_query,
    state_to_query,
)
from sortie.geodata.geojson import feature_collection
from sortie.geodata.records import Feature

ARTICLE_PREFIX = "/article/"
CONTROLS = [
    (ids.SLIDER, "value"),
    (ids.LAYERS, "value"),
    (ids.MODE, "value"),
    (ids.UNDATED, "value"),
    (ids.SEARCH, "value"),
    (ids.EVENT_TYPES, "value"),
    (ids.ARTICLE_FILTER, "value"),
]


def _on_article_page(pathname: str | None) -> bool:
    return bool(pathname and pathname.startswith(ARTICLE_PREFIX))


def _clicked_feature(click: dict[str, Any] | None) -> str | None:
    """The feature id behind a map click: the clicked point's customdata."""
    points = (click or {}).get("points") or []
    custom = points[0].get("customdata") if points else None
    return custom if isinstance(custom, str) and custom else None


def geojson_download(features: Sequence[Feature], filename: str) -> dict[str, str]:
    """A dcc.Download payload: the features as `sortie export` writes them."""
    return {
        "content": json.dumps(feature_collection(features), ensure_ascii=False),
        "filename": filename,
        "type": "application/geo+json",
    }


def register_callbacks(app: Dash, corpus: Corpus) -> None:
    def view_state(*controls: Any, selected: str | None = None) -> ViewState:
        slider, layers, mode, undated, query, types, article = controls  # in the order of CONTROLS
        span = corpus.snapshot().span
        return state_from_controls(span, slider, layers, mode, undated, query, types, article, selected)

    @app.callback(
        *[Output(i, p) for i, p in CONTROLS],
        Output(ids.SELECTED, "data"),
        Output(ids.URL, "search"),
        Output(ids.ARTICLE_FILTER, "options"),
        Input(ids.URL, "search"),
        *[Input(i, p) for i, p in CONTROLS],
        Input(ids.MAP, "clickData"),
        Input(ids.LIST_PICK, "data"),
        Input(ids.CLEAR, "n_clicks"),
        State(ids.SELECTED, "data"),
        State(ids.URL, "pathname"),
    )
    def sync_state(search, *args):
        """URL -> controls on load (and back/forward); controls and clicks -> URL afterwards."""
        n = len(CONTROLS)
        controls, (click, pick, _clear, selected, pathname) = args[:n], args[n:]
        if _on_article_page(pathname):
            raise PreventUpdate
        trigger = ctx.triggered_id
        keep = [no_update] * len(CONTROLS)
        if trigger is None or trigger == ids.URL:
            state = state_from_query(search)
            snapshot = corpus.snapshot()
            # The article filter keeps only a value among its options: the URL's article must be one.
            options = article_options(snapshot.article_labels, None, state.article)
            return *controls_from_state(state, snapshot.span), state.selected, no_update, options
        # One request can carry several inputs at once: look at all of them, not only the first.
        fired = {t["prop_id"].rsplit(".", 1)[0] for t in ctx.triggered}
        if ids.LIST_PICK in fired and isinstance(pick, dict) and isinstance(pick.get("id"), str):
            selected = pick["id"]
        elif ids.MAP in fired:
            selected = _clicked_feature(click) or selected
        elif ids.CLEAR in fired:
            selected = None
        return *keep, selected, state_to_query(view_state(*controls, selected=selected)), no_update

    @app.callback(
        Output(ids.MAP_DATA, "data"),
        Input(ids.SEARCH, "value"),
        Input(ids.EVENT_TYPES, "value"),
        Input(ids.ARTICLE_FILTER, "value"),
        Input(ids.SHOW_WRONG, "value"),
        Input(ids.CORR_VERSION, "data"),
        State(ids.URL, "pathname"),
    )
    def features_for_map(query, types, article, wrong, corrected, pathname):
        """Which features the page should fetch: the query of /map-data for these filters (with the
        corrections' version, so that the page does not reuse what it fetched before a correction)."""
        if _on_article_page(pathname):
            raise PreventUpdate
        state = view_state(None, None, None, None, query, types, article)
        return {"query": feed_query(state, wrong=bool(wrong), version=corrected)}

    app.clientside_callback(
        ClientsideFunction(namespace="sortie", function_name="applyTime"),
        Output(ids.SLIDER_LABEL, "children"),
        Input(ids.MAP_DATA, "data"),
        Input(ids.SLIDER, "drag_value"),
        Input(ids.SLIDER, "value"),
        Input(ids.MODE, "value"),
        Input(ids.UNDATED, "value"),
        Input(ids.LAYERS, "value"),
    )

    # The side panel takes room only while a feature or a track is selected.
    app.clientside_callback(
        ClientsideFunction(namespace="sortie", function_name="panelOpen"),
        Output(ids.MAIN, "className"),
        Input(ids.SELECTED, "data"),
        Input(ids.TRACK_SELECTED, "data"),
        Input(ids.CLEAR, "n_clicks"),
    )

    @app.callback(
        Output(ids.LIST_ROWS, "data"),
        Output(ids.FEATURE_COUNT, "children"),
        *[Input(i, p) for i, p in CONTROLS],
        Input(ids.SHOW_WRONG, "value"),
        Input(ids.CORR_VERSION, "data"),
    )
    def in_view_list(*args):
        controls, (wrong, _corrected) = args[:-2], args[-2:]
        snapshot = corpus.snapshot()
        features = hide_wrong(snapshot.features, wrong)
        shown = features_in_view(features, view_state(*controls), snapshot.span)
        shown.sort(key=lambda f: (feature_days(f) or (10**9, 10**9), f.name))
        return feature_list(shown), f"({len(shown)})"

    # The rows are drawn by the page, and marked there when the selection changes (markSelected): a
    # new selection does not redraw them, which would drop a keyboard user's place in the list.
    app.clientside_callback(
        ClientsideFunction(namespace="sortie", function_name="renderList"),
        Output(ids.LIST_DRAWN, "data"),
        Input(ids.LIST_ROWS, "data"),
        State(ids.SELECTED, "data"),
    )

    app.clientside_callback(
        ClientsideFunction(namespace="sortie", function_name="markSelected"),
        Output(ids.MARKED, "data"),
        Input(ids.SELECTED, "data"),
    )

    @app.callback(
        Output(ids.ARTICLE_FILTER, "options", allow_duplicate=True),
        Input(ids.ARTICLE_FILTER, "search_value"),
        State(ids.ARTICLE_FILTER, "value"),
        prevent_initial_call=True,
    )
    def article_choices(search, selected):
        """The article filter offers the articles matching what is typed, and always the one chosen."""
        return article_options(corpus.snapshot().article_labels, search, selected)

    @app.callback(
        Output(ids.PANEL_FACTS, "children"),
        Output(ids.CITATION_ROWS, "data"),
        Input(ids.SELECTED, "data"),
        Input(ids.CORR_VERSION, "data"),
        Input(ids.CITATION_LIMIT, "data"),
    )
    def panel(selected, _corrected, asked):
        snapshot = corpus.snapshot()
        feature = snapshot.by_id.get(selected) if selected else None
        if ctx.triggered_id == ids.CITATION_LIMIT:  # "Show more": the facts stay as they are
            return no_update, citation_rows(feature, snapshot.articles, citation_limit(selected, asked))
        # A selection, even of the feature shown before, starts again at one page.
        limit = citation_limit(selected, None if ctx.triggered_id == ids.SELECTED else asked)
        facts = feature_panel(feature, snapshot.articles, snapshot.by_id)
        return facts, citation_rows(feature, snapshot.articles, limit)

    app.clientside_callback(
        ClientsideFunction(namespace="sortieCitations", function_name="render"),
        Output(ids.CITATIONS_DRAWN, "data"),
        Input(ids.CITATION_ROWS, "data"),
    )

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.EXPORT_VIEW, "n_clicks"),
        *[State(i, p) for i, p in CONTROLS],
        State(ids.SHOW_WRONG, "value"),
        prevent_initial_call=True,
    )
    def export_view(_n, *args):
        controls, wrong = args[:-1], args[-1]
        snapshot = corpus.snapshot()
        shown = features_in_view(hide_wrong(snapshot.features, wrong), view_state(*controls), snapshot.span)
        return geojson_download(shown, "sortie-view.geojson")

    @app.callback(
        Output(ids.DOWNLOAD_ALL, "data"),
        Input(ids.EXPORT_ALL, "n_clicks"),
        State(ids.SHOW_WRONG, "value"),
        prevent_initial_call=True,
    )
    def export_all(_n, wrong):
        return geojson_download(hide_wrong(corpus.snapshot().features, wrong), "sortie-all.geojson")

    @app.callback(
        Output(ids.MAIN, "style"),
        Output(ids.ARTICLE_VIEW, "style"),
        Output(ids.ARTICLE_BODY, "children"),
        Output(ids.PAGE_TITLE, "data"),
        Input(ids.URL, "pathname"),
        State(ids.URL, "search"),
    )
    def article_page(pathname, search):
        if not _on_article_page(pathname):
            return {}, {"display": "none"}, [], page_title(None)
        doc = unquote(pathname[len(ARTICLE_PREFIX) :])
        params = parse_qs((search or "").lstrip("?"))

        def offset(key: str) -> int | None:
            value = (params.get(key) or [""])[0]
            return int(value) if value.isdigit() else None

        article = corpus.article(doc)
        return (
            {"display": "none"},
            {},
            article_view(article, offset("s"), offset("e")),
            page_title(article, doc),
        )

    app.clientside_callback(
        ClientsideFunction(namespace="sortie", function_name="scrollToHighlight"),
        Output(ids.SCROLLED, "data"),
        Input(ids.ARTICLE_BODY, "children"),
    )

    app.clientside_callback(
        ClientsideFunction(namespace="sortie", function_name="setTitle"),
        Output(ids.TITLE_SET, "data"),
        Input(ids.PAGE_TITLE, "data"),
    )

    register_player(
        app,
        play_id=ids.PLAY,
        ticker_id=ids.TICKER,
        slider_id=ids.SLIDER,
        tick=ClientsideFunction(namespace="sortie", function_name="tick"),
        tick_states=[State(ids.MODE, "value")],
    )
