"""The page: controls and legend on the left, the map in the middle, the citations panel on the right,
the time slider below. Built per page load from the current data (slider range, event types)."""

from __future__ import annotations

import datetime as dt

from dash import dcc, html

from sortie.dashboard import ids
from sortie.dashboard.corpus import Snapshot
from sortie.dashboard.corrections import correction_controls
from sortie.dashboard.figures import legend_items, map_figure
from sortie.dashboard.panels import aria
from sortie.dashboard.player import player
from sortie.dashboard.tracks import track_bar, track_panel_div, track_stores
from sortie.dashboard.views import LAYERS, article_options, day_number, event_types, from_day_number


def slider_marks(span: tuple[dt.date, dt.date] | None, count: int = 5) -> dict[int, str]:
    """About `count` evenly spaced date labels over the span (both ends always labelled)."""
    if span is None:
        return {0: "no dates"}
    lo, hi = day_number(span[0]), day_number(span[1])
    if hi == lo:
        return {lo: span[0].isoformat()}
    step = max(1, round((hi - lo) / (count - 1)))
    days = sorted({*range(lo, hi, step), hi})
    if len(days) > 2 and days[-1] - days[-2] < step / 2:
        days.pop(-2)  # keep the last two labels from overlapping
    # Full dates at the ends, short ones between (with the year when the span is long), so the labels
    # fit under the slider and stay unambiguous.
    short = "%d %b" if hi - lo <= 180 else "%b %Y"
    return {
        d: from_day_number(d).isoformat() if d in (lo, hi) else from_day_number(d).strftime(short)
        for d in days
    }


def _swatch(color: str) -> html.Span:
    return html.Span(className="swatch", style={"backgroundColor": color})


def controls(snapshot: Snapshot) -> html.Div:
    legend = legend_items(snapshot.features)
    layer_options = [
        {"label": html.Span([_swatch(color), label]), "value": key}
        for key, label, color in legend
        if key in LAYERS
    ]
    types = event_types(snapshot.features)
    event_rows = [
        html.Div([_swatch(color), label], className="legend-row")
        for key, label, color in legend
        if key.startswith("event:")
    ]
    return html.Div(
        className="sidebar",
        children=[
            html.H1("Sortie"),
            html.Div(
                f"{len(snapshot.features)} features from {len(snapshot.articles)} articles", className="muted"
            ),
            html.H4("Layers"),
            dcc.Checklist(id=ids.LAYERS, options=layer_options, value=list(LAYERS), className="layers"),
            html.Div(event_rows, id=ids.LEGEND_EVENTS, className="legend-events"),
            html.Div(
                [
                    html.Div([html.Span(className="swatch solid"), "exact place"], className="legend-row"),
                    html.Div(
                        [html.Span(className="swatch halo"), "known to a country or region only"],
                        className="legend-row",
                    ),
                    html.Div(
                        [html.Span(className="swatch line"), "route between known places"],
                        className="legend-row",
                    ),
                    html.Div(
                        [
                            html.Span(className="swatch line dashed"),
                            "route with an end known to a country or region only",
                        ],
                        className="legend-row",
                    ),
                ],
                className="legend-precision",
            ),
            html.H4("Filters"),
            dcc.Input(
                id=ids.SEARCH,
                type="search",
                placeholder="Search places or actors (e.g. B-52)",
                debounce=0.3,
                className="search",
            ),
            dcc.Dropdown(
                id=ids.EVENT_TYPES,
                options=[{"label": t.replace("_", " "), "value": t} for t in types],
                multi=True,
                placeholder="Event types (all)",
            ),
            dcc.Dropdown(
                id=ids.ARTICLE_FILTER,
                # A first page of them: typing searches them all (callbacks.py:article_choices).
                options=article_options(snapshot.article_labels, None, None),
                placeholder="Article (all): type to search",
            ),
            correction_controls(),
            html.H4("Export GeoJSON"),
            html.Div(
                [
                    html.Button("What is in view", id=ids.EXPORT_VIEW),
                    html.Button("Everything", id=ids.EXPORT_ALL),
                ],
                className="buttons",
            ),
            dcc.Download(id=ids.DOWNLOAD),
            dcc.Download(id=ids.DOWNLOAD_ALL),
            html.H4(["In view ", html.Span(id=ids.FEATURE_COUNT, className="muted")]),
            html.Div(id=ids.FEATURE_LIST, className="feature-list"),
        ],
    )


def timebar(snapshot: Snapshot) -> html.Div:
    span = snapshot.span
    lo, hi = (day_number(span[0]), day_number(span[1])) if span else (0, 0)
    return html.Div(
        className="timebar",
        children=[
            *player(
                play_id=ids.PLAY,
                ticker_id=ids.TICKER,
                interval_ms=700,
                label_id=ids.SLIDER_LABEL,
                slider_id=ids.SLIDER,
                span=(lo, hi),
                marks=slider_marks(span),
            ),
            dcc.RadioItems(
                id=ids.MODE,
                options=[
                    {"label": "sliding window", "value": "window"},
                    {"label": "cumulative", "value": "cumulative"},
                ],
                value="window",
                className="mode",
            ),
            dcc.Checklist(id=ids.UNDATED, options=[{"label": "show undated", "value": "yes"}], value=["yes"]),
        ],
    )


def page(snapshot: Snapshot, *, online_tiles: bool = False) -> html.Div:
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.MAP_DATA),
            dcc.Store(id=ids.SELECTED),
            dcc.Store(id=ids.LIST_ROWS),
            dcc.Store(id=ids.LIST_DRAWN),
            dcc.Store(id=ids.LIST_PICK),
            dcc.Store(id=ids.CITATION_ROWS),
            dcc.Store(id=ids.CITATIONS_DRAWN),
            dcc.Store(id=ids.CITATION_LIMIT),
            dcc.Store(id=ids.MARKED),
            dcc.Store(id=ids.SCROLLED),
            dcc.Store(id=ids.PAGE_TITLE),
            dcc.Store(id=ids.TITLE_SET),
            *track_stores(),
            html.Div(
                id=ids.MAIN,
                className="main",
                children=[
                    controls(snapshot),
                    html.Div(
                        [
                            html.Button(
                                "Fit",
                                id=ids.FIT,
                                className="fit",
                                title="Fit the map to the features shown",
                            ),
                            dcc.Graph(
                                id=ids.MAP,
                                className="map",
                                # The basemap only, set once: the page draws the features (sortie.js).
                                figure=map_figure(online_tiles=online_tiles),
                                config={
                                    "scrollZoom": True,
                                    "displaylogo": False,
                                    "modeBarButtonsToRemove": ["toImage"],
                                },
                            ),
                            html.Div(id=ids.TIMELINE, className="timeline"),
                            timebar(snapshot),
                            track_bar(),
                        ],
                        className="centre",
                    ),
                    html.Div(
                        [
                            html.Button(
                                "×",
                                id=ids.CLEAR,
                                className="clear",
                                title="Clear the selection",
                                **aria(label="Clear the selection"),
                            ),
                            track_panel_div(),
                            html.Div(
                                [
                                    html.Div(id=ids.PANEL_FACTS),
                                    html.Div(id=ids.CITATIONS, className="citations"),
                                ],
                                id=ids.PANEL,
                            ),
                            html.Div(id=ids.CORR_PANEL, className="corrections"),
                        ],
                        className="panel",
                    ),
                ],
            ),
            html.Div(id=ids.ARTICLE_VIEW, className="article-view", children=html.Div(id=ids.ARTICLE_BODY)),
        ]
    )
