"""Corrections on the dashboard: the side panel's candidates, "move here", "mark wrong" and the date
form, the corrections log with undo, the "show corrected-away" switch and the rings that mark
corrected features on the map (assets/corrections.js).

The pure parts (`correction_section`, `hide_wrong`, `correction_marks`) are tested without a browser;
the callbacks are guards plus one call. Candidate names and article words are untrusted: they only
ever go into components as plain strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from sortie.dashboard import ids
from sortie.geodata.records import TIME_PRECISIONS, Feature, Place

if TYPE_CHECKING:
    from sortie.dashboard.corpus import Corpus
    from sortie.geodata.places.explain import Explanation
    from sortie.geodata.store.corrections import Correction

# The ends of a feature that can be moved to another candidate, in the panel's order.
ENDS = {"places": ("place",), "events": ("place",), "routes": ("origin", "destination")}
# The machine's answer and an analyst's: the rings on the map and the panel's box use this colour.
CORRECTED_COLOR = "#e8590c"


def hide_wrong(features: Iterable[Feature], show: bool | Sequence[str] | None = False) -> list[Feature]:
    """The features less those marked wrong, unless corrected-away features are asked for."""
    items = list(features)
    return items if show else [f for f in items if not f.properties.get("wrong")]


def end_place_id(feature: Feature, end: str) -> str | None:
    """The gazetteer id the machine gave a feature's end (before any correction moved it)."""
    machine = feature.properties.get("machine")
    key = "place_id" if end == "place" else f"{end}_id"
    original = machine.get(key) if isinstance(machine, dict) else None
    value = original or feature.properties.get(key)
    if value is None and feature.layer == "places":
        value = feature.id.removeprefix("places:")
    return str(value) if value else None


def current_place_id(feature: Feature, end: str) -> str | None:
    value = feature.properties.get("place_id" if end == "place" else f"{end}_id")
    if value is None and feature.layer == "places":
        return feature.id.removeprefix("places:")
    return str(value) if value else None


class CorrectionSource:
    """What the panel reads and writes: candidates (store + gazetteer) and the corrections table."""

    def __init__(
        self, store_path: str | Path | None, who: str | None = None, *, enabled: bool = True
    ) -> None:
        from sortie.geodata.store import store_location
        from sortie.geodata.store.corrections import default_user

        # a GeoPackage file or a PostgreSQL URL (None: $SORTIE_STORE, else the default file)
        self.location = store_location(store_path)
        self.who = who or default_user()
        self.enabled = enabled

    @classmethod
    def disabled(cls) -> CorrectionSource:
        """No store behind the dashboard (hand-made records in tests): nothing to correct."""
        return cls(None, "nobody", enabled=False)

    def _store(self) -> Any:
        from sortie.geodata.store import open_store

        return open_store(self.location, must_exist=True)

    def log(self, feature: Feature) -> list[Correction]:
        """The corrections (undone ones too) this feature carries, from the store's log."""
        if not self.enabled:
            return []
        made: Any = feature.properties.get("corrections") or []
        ids_ = {c.get("id") for c in made if isinstance(c, dict)}
        return [c for c in self._store().corrections() if c.id in ids_]

    def explain(self, feature: Feature, end: str) -> Explanation | str:
        """The candidates of one end of `feature`, or a sentence saying why there are none."""
        if not self.enabled:
            return "candidates need the store the dashboard was started on"
        from sortie.geodata.errors import SortieError
        from sortie.geodata.places.explain import explain
        from sortie.geodata.places.gazetteer import open_gazetteer

        place_id = end_place_id(feature, end)
        if not place_id:
            return "the machine gave no place here"
        try:
            gazetteer = open_gazetteer()
            store = self._store()
            for c in feature.citations:
                parsed = store.parsed(c.doc)
                if parsed is None:
                    continue
                found = explain(parsed, place_id, gazetteer, offset=c.mention_start, span=(c.start, c.end))
                if found is not None:
                    return found
        except SortieError as exc:
            return f"candidates unavailable: {exc}"
        return "no cited sentence names this place (it came from another article's record)"

    def lookup(self, name: str, limit: int = 8) -> list[Place]:
        """Gazetteer places called `name` (or spelled like it), most important first."""
        if not self.enabled or not name.strip():
            return []
        from sortie.geodata.places.candidates import candidates, variant_candidates
        from sortie.geodata.places.gazetteer import open_gazetteer
        from sortie.geodata.places.priors import prior

        gazetteer = open_gazetteer()
        found = candidates(name.strip(), gazetteer) or [
            p for p, _ in variant_candidates(name.strip(), gazetteer)
        ]
        return sorted({p.id: p for p in found}.values(), key=lambda p: -prior(p))[:limit]

    def write(self, action: Callable[[Any], object]) -> None:
        if not self.enabled:
            raise PreventUpdate
        action(self._store())


# -- the panel -------------------------------------------------------------------------------------


def _data(**values: str) -> dict[str, Any]:
    """`data-*` attributes as keyword arguments (the browser tests find candidates by them)."""
    return {f"data-{key}": value for key, value in values.items()}


def _reason_text(points: float, why: str) -> str:
    return f"{why} ({points:+.1f})" if points else why


def _place_line(p: Any) -> str:
    bits = [p.kind.replace("_", " ")]
    if p.admin1:
        bits.append(p.admin1)
    if p.country:
        bits.append(p.country)
    if p.population:
        bits.append(f"population {p.population:,}")
    return " · ".join(bits)


def candidate_list(feature: Feature, end: str, explanation: Explanation | str) -> html.Div:
    """One end's candidates, best first, each with its reasons and a "Move here" button."""
    label = {"place": "Place", "origin": "Origin", "destination": "Destination"}[end]
    if isinstance(explanation, str):
        return html.Div([html.H5(label), html.Div(explanation, className="muted")], className="candidates")
    current = current_place_id(feature, end)
    items = []
    for rank, c in enumerate(explanation.candidates, start=1):
        badges = []
        if c.machine:
            badges.append(html.Span("machine's choice", className="badge machine"))
        if c.place.id == current and not c.machine:
            badges.append(html.Span("analyst's choice", className="badge analyst"))
        near = (
            f"{c.nearest[1]:,.0f} km from {c.nearest[0]}, named in the article"
            if c.nearest
            else "no other place of the article to measure from"
        )
        items.append(
            html.Li(
                [
                    html.Div([html.Span(f"{rank}. {c.place.name}", className="cand-name"), *badges]),
                    html.Div(_place_line(c.place), className="cand-meta"),
                    html.Div(f"score {c.score:.1f} · {near}", className="cand-meta"),
                    html.Ul(
                        # Points too small to tip anything are left out (a capital's flag has none).
                        [html.Li(_reason_text(p, w)) for p, w in c.reasons if abs(p) >= 0.05 or p == 0],
                        className="cand-reasons",
                    ),
                    html.Button(
                        "Current" if c.place.id == current else "Move here",
                        id={"type": ids.CORR_MOVE, "end": end, "place": c.place.id},
                        disabled=c.place.id == current,
                        className="move",
                    ),
                ],
                className="candidate" + (" current" if c.place.id == current else ""),
                **_data(place=c.place.id),
            )
        )
    return html.Div(
        [
            html.H5(f"{label}: “{explanation.mention}”"),
            html.Div(f"The machine chose by: {explanation.reason}", className="cand-meta"),
            html.Ol(items, className="candidate-list"),
        ],
        className="candidates",
        **_data(end=end),
    )


def place_search(feature: Feature, term: str = "", found: Sequence[Place] | None = None) -> html.Div:
    """Any gazetteer place by name, for when the right one is not among the candidates."""
    ends = ENDS.get(feature.layer, ())
    current = {end: current_place_id(feature, end) for end in ends}
    rows = []
    for p in found or ():
        buttons = [
            html.Button(
                "Move here" if len(ends) == 1 else f"Move the {end} here",
                id={"type": ids.CORR_MOVE, "end": end, "place": p.id},
                disabled=current[end] == p.id,
                className="move",
            )
            for end in ends
        ]
        rows.append(
            html.Li(
                [
                    html.Div(html.Span(p.name, className="cand-name")),
                    html.Div(_place_line(p), className="cand-meta"),
                    *buttons,
                ],
                className="candidate",
                **_data(place=p.id),
            )
        )
    if term and found is not None and not found:
        rows.append(html.Li(f"No place called “{term}” in the gazetteer.", className="muted"))
    return html.Div(
        [
            html.H5("Another place"),
            dcc.Input(
                id={"type": ids.CORR_SEARCH, "feature": feature.id},
                type="search",
                value=term,
                placeholder="a place name, e.g. as the article writes it",
                debounce=False,
            ),
            html.Button("Find", id={"type": ids.CORR_FIND, "feature": feature.id}, className="find"),
            html.Ol(rows, className="candidate-list search-results"),
        ],
        className="place-search",
    )


def _log_row(c: Correction) -> html.Li:
    when = c.made_at.replace("T", " ")[:16] + " UTC"
    text = f"{c.summary()} — by {c.who}, {when}"
    if not c.active:
        return html.Li(f"{text} (undone by {c.undone_by})", className="undone")
    return html.Li(
        [html.Span(text), html.Button("Undo", id={"type": ids.CORR_UNDO, "id": c.id}, className="undo")]
    )


def date_form(feature: Feature) -> html.Div:
    precision = feature.time_precision if feature.time_precision in TIME_PRECISIONS else "day"
    return html.Div(
        [
            html.H5("Fix the date"),
            html.Label(
                [
                    "From ",
                    dcc.Input(
                        id={"type": ids.CORR_START, "feature": feature.id},
                        type="text",
                        debounce=False,
                        value=feature.start.isoformat() if feature.start else "",
                        placeholder="YYYY-MM-DD",
                    ),
                ]
            ),
            html.Label(
                [
                    "to ",
                    dcc.Input(
                        id={"type": ids.CORR_END, "feature": feature.id},
                        type="text",
                        debounce=False,
                        value=feature.end.isoformat() if feature.end else "",
                        placeholder="YYYY-MM-DD",
                    ),
                ]
            ),
            dcc.RadioItems(
                id={"type": ids.CORR_PRECISION, "feature": feature.id},
                options=[{"label": p, "value": p} for p in TIME_PRECISIONS[:6]],
                value=precision,
                inline=True,
                className="precision",
            ),
            html.Button(
                "Save the date", id={"type": ids.CORR_DATE, "feature": feature.id}, className="save-date"
            ),
        ],
        className="date-form",
    )


def correction_section(
    feature: Feature | None,
    explanations: Mapping[str, Explanation | str],
    log: Sequence[Correction],
    message: str | None = None,
    search: tuple[str, Sequence[Place]] | None = None,
) -> list[Any]:
    """The panel's corrections part for the selected feature (nothing when none is selected);
    `search`, a place name asked for and the gazetteer's places of that name."""
    if feature is None:
        return []
    out: list[Any] = []
    if message:
        out.append(html.Div(message, className="correction-message", role="status"))
    if feature.properties.get("corrected"):
        out.append(
            html.Div(
                [
                    html.Strong("Corrected by an analyst"),
                    html.Span(
                        " (not the machine's answer)"
                        + (
                            ": marked wrong, hidden from the map and export"
                            if feature.properties.get("wrong")
                            else ""
                        ),
                    ),
                    html.Ul([_log_row(c) for c in log], className="correction-log"),
                ],
                className="corrected-box",
            )
        )
    out.append(html.H4("Correct it"))
    for end in ENDS.get(feature.layer, ()):
        out.append(candidate_list(feature, end, explanations.get(end, "no candidates")))
    if ENDS.get(feature.layer):
        out.append(place_search(feature, *(search or ("", None))))
    if feature.layer in ("events", "routes"):
        out.append(date_form(feature))
    if not feature.properties.get("wrong"):
        out.append(
            html.Button(
                "Mark as wrong (hide it)",
                id={"type": ids.CORR_WRONG, "feature": feature.id},
                className="mark-wrong",
            )
        )
    return out


def corrected_note(feature: Feature) -> str:
    """One line for the top of the panel: an analyst changed this feature, who and when."""
    props = feature.properties
    when = str(props.get("corrected_at") or "").replace("T", " ")[:16]
    what = "marked wrong" if props.get("wrong") else "corrected"
    return f"{what} by {props.get('corrected_by')}, {when} UTC (the machine's answer and undo: below)"


def correction_controls() -> html.Div:
    """The sidebar's switch for corrected-away features and the legend of the corrected ring."""
    return html.Div(
        [
            dcc.Checklist(
                id=ids.SHOW_WRONG,
                options=[{"label": "show features marked wrong", "value": "yes"}],
                value=[],
            ),
            html.Div(
                [html.Span(className="swatch corrected-ring"), "corrected by an analyst"],
                className="legend-row",
            ),
            dcc.Store(id=ids.CORR_VERSION, data=0),
            dcc.Store(id=ids.CORR_MARKS),
            dcc.Store(id=ids.CORR_DRAWN),
        ],
        className="correction-controls",
    )


def correction_marks(features: Iterable[Feature], shown: Iterable[str]) -> dict[str, list[Any]]:
    """Where to ring the corrected features the map shows (`shown`: their ids), as columns."""
    from sortie.dashboard.views import feature_days

    wanted = set(shown)
    out: dict[str, list[Any]] = {"id": [], "lon": [], "lat": [], "day": [], "span": [], "wrong": []}
    for f in features:
        if f.id not in wanted or not f.properties.get("corrected"):
            continue
        at = _anchor(f)
        if at is None:
            continue
        days = feature_days(f)
        out["id"].append(f.id)
        out["lon"].append(round(at[0], 4))
        out["lat"].append(round(at[1], 4))
        out["day"].append(days[0] if days else None)
        out["span"].append(days[1] - days[0] if days else 0)
        out["wrong"].append(bool(f.properties.get("wrong")))
    return out


def _anchor(f: Feature) -> tuple[float, float] | None:
    geometry = f.geometry
    coords: Any = geometry.get("coordinates")
    if geometry.get("type") == "Point":
        return float(coords[0]), float(coords[1])
    lines = [coords] if geometry.get("type") == "LineString" else coords or []
    points = [p for line in lines for p in line]
    if not points:
        return None
    lon, lat = points[len(points) // 2]
    return float(lon), float(lat)


# -- acting on a click -----------------------------------------------------------------------------


def _date(text: str | None) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        from sortie.geodata.store.corrections import CorrectionError

        raise CorrectionError(f"{text!r} is not a date (write it as YYYY-MM-DD)") from None


def act(
    source: CorrectionSource,
    feature: Feature,
    trigger: Mapping[str, Any],
    form: Mapping[str, Any],
) -> str:
    """Carry out the clicked correction on `feature`; the sentence to show."""
    from sortie.geodata.store.corrections import mark_wrong, move, redate

    kind = trigger.get("type")
    if kind == ids.CORR_MOVE:
        from sortie.geodata.places.gazetteer import open_gazetteer

        place = open_gazetteer().get(str(trigger["place"]))
        if place is None:
            return f"{trigger['place']} is not in the gazetteer any more"
        end = str(trigger["end"])
        change = move(feature, place, None if feature.layer == "places" else end)
        source.write(lambda st: st.add_correction(change, source.who))
        return f"Moved to {place.name}."
    if kind == ids.CORR_WRONG:
        source.write(lambda st: st.add_correction(mark_wrong(feature), source.who))
        return "Marked wrong: hidden from the map and export (tick “show features marked wrong” to see it)."
    if kind == ids.CORR_DATE:
        change = redate(feature, _date(form.get("start")), _date(form.get("end")), form.get("precision"))
        source.write(lambda st: st.add_correction(change, source.who))
        return "Date saved."
    if kind == ids.CORR_UNDO:
        source.write(lambda st: st.undo_correction(int(trigger["id"]), source.who))
        return "Undone."
    raise PreventUpdate


def panel_after(
    source: CorrectionSource,
    corpus: Corpus,
    selected: str | None,
    trigger: Mapping[str, Any] | None,
    form: Mapping[str, Any],
    version: int,
) -> tuple[list[Any], Any]:
    """The corrections part of the panel after `trigger` (a click, or None for a new selection), and
    the new corrections version when something was stored (else no_update)."""
    from sortie.geodata.errors import SortieError

    feature = corpus.snapshot().by_id.get(selected) if selected else None
    if feature is None:
        return [], no_update
    message: str | None = None
    search: tuple[str, list[Place]] | None = None
    bump: Any = no_update
    if trigger is not None and trigger.get("type") in (ids.CORR_FIND, ids.CORR_SEARCH):
        name = str(form.get("term") or "")
        search = (name, source.lookup(name))
    elif trigger is not None:
        try:
            message = act(source, feature, trigger, form)
            bump = version + 1
        except SortieError as exc:
            message = f"Not saved: {exc}"
        feature = corpus.snapshot().by_id.get(feature.id, feature)
    explanations = {end: source.explain(feature, end) for end in ENDS.get(feature.layer, ())}
    return correction_section(feature, explanations, source.log(feature), message, search), bump


def _one(values: Sequence[Any] | None) -> Any:
    return values[0] if values else None


def register_correction_callbacks(app: Dash, corpus: Corpus, source: CorrectionSource) -> None:
    @app.callback(
        Output(ids.CORR_PANEL, "children"),
        Output(ids.CORR_VERSION, "data"),
        Input(ids.SELECTED, "data"),
        Input({"type": ids.CORR_MOVE, "end": ALL, "place": ALL}, "n_clicks"),
        Input({"type": ids.CORR_WRONG, "feature": ALL}, "n_clicks"),
        Input({"type": ids.CORR_DATE, "feature": ALL}, "n_clicks"),
        Input({"type": ids.CORR_UNDO, "id": ALL}, "n_clicks"),
        Input({"type": ids.CORR_FIND, "feature": ALL}, "n_clicks"),
        Input({"type": ids.CORR_SEARCH, "feature": ALL}, "n_submit"),
        State({"type": ids.CORR_SEARCH, "feature": ALL}, "value"),
        State({"type": ids.CORR_START, "feature": ALL}, "value"),
        State({"type": ids.CORR_END, "feature": ALL}, "value"),
        State({"type": ids.CORR_PRECISION, "feature": ALL}, "value"),
        State(ids.CORR_VERSION, "data"),
    )
    def corrections_panel(selected, *args):
        term, start, end, precision, version = args[6:]  # after the six kinds of click
        trigger = ctx.triggered_id if isinstance(ctx.triggered_id, dict) else None
        if trigger is not None and not any(t.get("value") for t in ctx.triggered):
            raise PreventUpdate  # the buttons were (re)drawn, not clicked
        form = {"start": _one(start), "end": _one(end), "precision": _one(precision), "term": _one(term)}
        return panel_after(source, corpus, selected, trigger, form, version or 0)

    @app.callback(
        Output(ids.CORR_MARKS, "data"),
        Input(ids.MAP_DATA, "data"),
    )
    def marks(request):
        # MAP_DATA names the /map-data query the page draws: ring what it sends (imported here: the
        # feed module imports this one).
        from sortie.dashboard.feed import feed_features

        features = corpus.snapshot().features
        shown = feed_features(features, (request or {}).get("query") or "")
        return correction_marks(features, [f.id for f in shown])

    app.clientside_callback(
        ClientsideFunction(namespace="sortieCorrections", function_name="draw"),
        Output(ids.CORR_DRAWN, "data"),
        Input(ids.CORR_MARKS, "data"),
        Input(ids.SLIDER, "drag_value"),
        Input(ids.SLIDER, "value"),
        Input(ids.MODE, "value"),
        Input(ids.UNDATED, "value"),
    )
