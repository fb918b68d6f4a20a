"""Pure logic behind the dashboard's callbacks: categories, the time window, filters and URL state.

Nothing here touches Dash's callback machinery, so every rule is tested as a plain function. The map's
time filter also runs in the browser (assets/sortie.js, as MapLibre layer filters, for speed while
dragging); `visible_in_time` below is the reference that code mirrors, and the browser tests check they
agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode

from sortie.geodata.places.layer import place_feature_id
from sortie.geodata.records import Citation, Feature

EPOCH = dt.date(1970, 1, 1)

# Layer toggles, in legend order: places split by kind, then routes, then events.
LAYERS: dict[str, str] = {
    "airbases": "Air bases and airports",
    "cities": "Cities and towns",
    "regions": "Countries and regions",
    "seas": "Seas and waters",
    "other": "Other places",
    "routes": "Routes",
    "events": "Events",
}
_PLACE_KINDS = {
    "airbase": "airbases",
    "airport": "airbases",
    "city": "cities",
    "town": "cities",
    "country": "regions",
    "admin1": "regions",
    "admin2": "regions",
    "region": "regions",
    "continent": "regions",
    "water": "seas",
    "sea": "seas",
}
# Locations no finer than these are drawn as a large hollow-looking halo, not a dot: the point is
# only the country's (or region's) representative point, and the map must not pretend otherwise.
COARSE_PRECISIONS = frozenset({"region", "country", "continent"})
MODES = ("window", "cumulative")


def category(feature: Feature) -> str:
    """The layer toggle a feature belongs to."""
    if feature.layer == "places":
        return _PLACE_KINDS.get(feature.kind, "other")
    return feature.layer if feature.layer in LAYERS else "other"


def is_coarse(feature: Feature) -> bool:
    return (feature.geo_precision or "") in COARSE_PRECISIONS


ROUTE_ENDS = ("origin", "destination")


def route_end_precisions(feature: Feature, places: Mapping[str, Feature]) -> dict[str, str | None]:
    """How exactly each end of a route is known (geo_precision), None when it cannot be told.

    From the route's own properties when the export gives them (`origin_precision`, or an `origin`
    record with its `geo_precision`), else from the end's place feature in the store's places layer
    (`places`: features by id), found by the route's `origin_id` / `destination_id`.
    """
    props = feature.properties
    out: dict[str, str | None] = {}
    for end in ROUTE_ENDS:
        record = props.get(end)
        given = props.get(f"{end}_precision") or (
            record.get("geo_precision") or record.get("precision") if isinstance(record, dict) else None
        )
        if not given:
            end_id = props.get(f"{end}_id")
            place = places.get(place_feature_id(str(end_id))) if end_id else None
            given = place.geo_precision if place is not None else None
        out[end] = str(given) if given else None
    return out


def route_is_coarse(feature: Feature, places: Mapping[str, Feature]) -> bool:
    """Whether either end of a route is known only to a country or region (or coarser).

    The line then joins representative points, not the places flown from or to, and is drawn so. When
    an end's precision cannot be told, the route's own geo_precision (that of its less exact end) decides.
    """
    ends = route_end_precisions(feature, places)
    if any(p in COARSE_PRECISIONS for p in ends.values() if p):
        return True
    return None in ends.values() and is_coarse(feature)


def day_number(date: dt.date) -> int:
    """Days since 1970-01-01: the unit of the time slider (and of the browser-side filter)."""
    return (date - EPOCH).days


def from_day_number(days: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(days))


def feature_days(feature: Feature) -> tuple[int, int] | None:
    """The feature's interval as day numbers, or None when undated (one known end stands for both)."""
    start = feature.start or feature.end
    end = feature.end or feature.start
    if start is None or end is None:
        return None
    return day_number(start), day_number(end)


# Precisions shown by cutting the ISO date: a month is "2020-12", never its first day.
_ISO_CUT = {"year": 4, "month": 7}


def when_label(start: dt.date | None, end: dt.date | None, precision: str | None) -> str:
    """The dates as exactly as they are known ("2020-12" for a month-only date, "2020-12-20 (week)"
    for a date known to a week); `assets/sortie.js:whenLabel` mirrors it for the map's hover label."""
    first, last = start or end, end or start
    if first is None or last is None:
        return "undated"
    cut = _ISO_CUT.get(precision or "")
    if cut:
        lo, hi = first.isoformat()[:cut], last.isoformat()[:cut]
        return lo if lo == hi else f"{lo} – {hi}"
    text = first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
    return text if precision in (None, "day") else f"{text} ({precision})"


def time_span(features: Iterable[Feature]) -> tuple[dt.date, dt.date] | None:
    """First and last dates over the dated features, or None when nothing is dated."""
    days = [d for f in features if (d := feature_days(f)) is not None]
    if not days:
        return None
    return from_day_number(min(d[0] for d in days)), from_day_number(max(d[1] for d in days))


def visible_in_time(
    days: tuple[int, int] | None, window: tuple[int, int], *, mode: str = "window", show_undated: bool = True
) -> bool:
    """Whether a feature with interval `days` shows for the slider at `window` (day numbers).

    Window mode shows what overlaps the window; cumulative mode shows everything up to the window's end
    (what has happened so far). Undated features show only when asked for.
    """
    if days is None:
        return show_undated
    lo, hi = window
    if mode == "cumulative":
        return days[0] <= hi
    return days[0] <= hi and days[1] >= lo


@dataclass(frozen=True)
class ViewState:
    """What the analyst is looking at; everything here round-trips through the URL's query string."""

    layers: tuple[str, ...] = tuple(LAYERS)
    start: dt.date | None = None  # the time window; None means the corpus's first (last) date
    end: dt.date | None = None
    mode: str = "window"
    undated: bool = True
    query: str = ""
    event_types: tuple[str, ...] = ()
    article: str | None = None
    selected: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False)


def window_days(state: ViewState, span: tuple[dt.date, dt.date] | None) -> tuple[int, int]:
    """The slider window in day numbers, defaulting to (and clamped into) the corpus span."""
    if span is None:
        return (0, 0)
    lo, hi = day_number(span[0]), day_number(span[1])
    start = day_number(state.start) if state.start else lo
    end = day_number(state.end) if state.end else hi
    start, end = max(lo, min(start, hi)), max(lo, min(end, hi))
    return (min(start, end), max(start, end))


def _matches_query(feature: Feature, query: str) -> bool:
    needle = query.strip().casefold()
    if not needle:
        return True
    ends = ("origin_name", "destination_name", "origin", "destination")
    names = [feature.name, *(str(feature.properties.get(k) or "") for k in ends), *actors(feature)]
    return any(needle in n.casefold() for n in names if n)


def actors(feature: Feature) -> list[str]:
    """Who or what moved or acted ("two B-52 bombers"), as the articles said it: what a user looks for."""
    value = feature.properties.get("actors")
    items = value if isinstance(value, list | tuple) else [value] if value else []
    return [str(a) for a in items if a]


def filter_without_time(features: Iterable[Feature], state: ViewState) -> list[Feature]:
    """Layers, search (places and actors), event types and article: every filter except the time window."""
    layers = set(state.layers)
    types = set(state.event_types)
    out = []
    for f in features:
        if category(f) not in layers:
            continue
        if types and f.layer == "events" and f.kind not in types:
            continue
        if state.article and all(c.doc != state.article for c in f.citations):
            continue
        if not _matches_query(f, state.query):
            continue
        out.append(f)
    return out


def features_in_view(
    features: Iterable[Feature], state: ViewState, span: tuple[dt.date, dt.date] | None
) -> list[Feature]:
    """What the map shows for `state`: the filters, then the time window (this is what Export writes)."""
    window = window_days(state, span)
    return [
        f
        for f in filter_without_time(features, state)
        if visible_in_time(feature_days(f), window, mode=state.mode, show_undated=state.undated)
    ]


# --- URL state --------------------------------------------------------------------------------------


def _date_or_none(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None  # a hand-edited URL must not break the page: fall back to the default


def state_to_query(state: ViewState) -> str:
    """The query string ("?from=...&to=...") for `state`; defaults are left out to keep links short."""
    default = ViewState()
    params: list[tuple[str, str]] = []
    if state.start:
        params.append(("from", state.start.isoformat()))
    if state.end:
        params.append(("to", state.end.isoformat()))
    if tuple(state.layers) != default.layers:
        params.append(("layers", ",".join(state.layers) or "none"))
    if state.mode != default.mode:
        params.append(("mode", state.mode))
    if not state.undated:
        params.append(("undated", "0"))
    if state.query:
        params.append(("q", state.query))
    if state.event_types:
        params.append(("types", ",".join(state.event_types)))
    if state.article:
        params.append(("article", state.article))
    if state.selected:
        params.append(("sel", state.selected))
    return "?" + urlencode(params) if params else ""


def state_from_query(search: str | None) -> ViewState:
    """Parse a query string written by `state_to_query`; unknown or broken values fall back to defaults."""
    raw = parse_qs((search or "").lstrip("?"), keep_blank_values=False)

    def one(key: str) -> str | None:
        values = raw.get(key)
        return values[-1] if values else None

    state = ViewState()
    layers = one("layers")
    if layers is not None:
        state = replace(state, layers=tuple(x for x in layers.split(",") if x in LAYERS))
    mode = one("mode")
    return replace(
        state,
        start=_date_or_none(one("from")),
        end=_date_or_none(one("to")),
        mode=mode if mode in MODES else state.mode,
        undated=one("undated") != "0",
        query=one("q") or "",
        event_types=tuple(x for x in (one("types") or "").split(",") if x),
        article=one("article") or None,
        selected=one("sel") or None,
    )


# --- citations ---------------------------------------------------------------------------------------


def split_mention(citation: Citation) -> tuple[str, str, str]:
    """The citing sentence as (before, mention, after), the mention located by its article offsets.

    When the offsets do not fall inside the sentence (or are missing) the whole sentence is `before`.
    """
    text = citation.sentence
    if citation.mention_start is None or citation.mention_end is None:
        return text, "", ""
    lo = citation.mention_start - citation.start
    hi = citation.mention_end - citation.start
    if not 0 <= lo < hi <= len(text):
        return text, "", ""
    return text[:lo], text[lo:hi], text[hi:]


def split_article(text: str, start: int | None, end: int | None) -> tuple[str, str, str]:
    """An article's text as (before, highlighted sentence, after), for the full-text view."""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return text, "", ""
    return text[:start], text[start:end], text[end:]


def event_types(features: Sequence[Feature]) -> list[str]:
    return sorted({f.kind for f in features if f.layer == "events"})


# --- controls <-> state --------------------------------------------------------------------------------


def state_from_controls(
    span: tuple[dt.date, dt.date] | None,
    slider: Sequence[int] | None,
    layers: Sequence[str] | None,
    mode: str | None,
    undated: Sequence[str] | None,
    query: str | None,
    types: Sequence[str] | None,
    article: str | None,
    selected: str | None,
) -> ViewState:
    """The view from the controls' values; a slider spanning the whole corpus means "no time limit"."""
    start = end = None
    if span is not None and slider and len(slider) == 2:
        lo, hi = day_number(span[0]), day_number(span[1])
        a, b = sorted(int(x) for x in slider)
        start = from_day_number(a) if a > lo else None
        end = from_day_number(b) if b < hi else None
    return ViewState(
        layers=tuple(x for x in LAYERS if x in set(layers or ())),
        start=start,
        end=end,
        mode=mode if mode in MODES else "window",
        undated=bool(undated),
        query=query or "",
        event_types=tuple(types or ()),
        article=article or None,
        selected=selected or None,
    )


def controls_from_state(state: ViewState, span: tuple[dt.date, dt.date] | None) -> tuple[object, ...]:
    """(slider, layers, mode, undated, query, types, article): the inverse of `state_from_controls`."""
    return (
        list(window_days(state, span)),
        list(state.layers),
        state.mode,
        ["yes"] if state.undated else [],
        state.query,
        list(state.event_types),
        state.article,
    )


# Articles the article filter offers at once: an archive of 100,000 sent them all in the page's layout
# (7.6 MB) and took half a minute to open.
ARTICLE_OPTIONS = 50


def article_options(
    labels: Mapping[str, str], search: str | None, selected: str | None, limit: int = ARTICLE_OPTIONS
) -> list[dict[str, str]]:
    """The article filter's options: the articles (doc -> label) whose label holds `search` (any case),
    or all of them when there is none, in order of their ids, the first `limit`; and the `selected`
    article first, whatever the search, so the filter can name it."""
    needle = (search or "").strip().casefold()
    docs = sorted(doc for doc, label in labels.items() if needle in label.casefold())[:limit]
    if selected is not None and selected in labels and selected not in docs:
        docs.insert(0, selected)
    return [{"label": labels[doc], "value": doc} for doc in docs]
