"""Side panel and full-text view, built as Dash components from records.

Article text is untrusted input: it only ever goes into components as plain string children (React
escapes them), never through raw HTML, `dangerouslySetInnerHTML` or Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from dash import html

from sortie.dashboard import ids
from sortie.dashboard.corpus import ArticleMeta
from sortie.dashboard.corrections import corrected_note
from sortie.dashboard.views import actors, route_end_precisions, split_article, split_mention, when_label
from sortie.geodata.records import Article, Citation, Feature

# geo_precision (sortie.geodata.records.GEO_PRECISIONS) in words, for the side panel.
PRECISION_WORDS = {
    "point": "exact point",
    "city": "known to a town or city",
    "region": "known to a region",
    "country": "known to a country only",
    "continent": "known to a continent only",
}


def article_href(citation: Citation) -> str:
    """The app route that shows the citing article with this sentence highlighted."""
    return f"/article/{quote(citation.doc, safe='')}?" + urlencode({"s": citation.start, "e": citation.end})


def _dates(feature: Feature) -> str:
    if not (feature.start or feature.end):
        return "undated"
    start = (feature.start or feature.end).isoformat()  # type: ignore[union-attr]
    end = (feature.end or feature.start).isoformat()  # type: ignore[union-attr]
    # The panel gives the whole interval and its precision (the list and hover say it shorter).
    text = start if start == end else f"{start} – {end}"
    text = f"{text} ({feature.time_precision})" if feature.time_precision else text
    if feature.properties.get("time_basis") == "reported":
        # no source dates it: the day shown is the report's, the event is on or before it
        text = f"reported {text}: no date stated, the event is on or before the report"
    return text


def _row(label: str, value: object, cls: str | None = None) -> html.Tr:
    return html.Tr([html.Th(label), html.Td(str(value), className=cls)])


def precision_words(precision: str | None) -> str:
    if not precision:
        return "unknown"
    return PRECISION_WORDS.get(precision, f"known to: {precision}")


def route_ends(feature: Feature) -> str | None:
    """ "Origin → destination" (with "via" the waypoints) from a route's properties, when named."""
    props = feature.properties
    origin, destination = props.get("origin_name"), props.get("destination_name")
    if not (origin and destination):
        return None
    waypoints = props.get("waypoints")
    stops = waypoints if isinstance(waypoints, list) else []
    via = [str(w["name"]) for w in stops if isinstance(w, dict) and w.get("name")]
    return f"{origin} → {destination}" + (f" (via {', '.join(via)})" if via else "")


def route_precision(feature: Feature, places: Mapping[str, Feature]) -> str:
    """How exactly each end of a route is known (see `views.route_end_precisions`).

    A route's geo_precision is that of its less precise end: say which end that is when it can be told.
    """
    ends = route_end_precisions(feature, places)
    if None not in ends.values():
        origin, destination = ends["origin"], ends["destination"]
        if origin == destination:
            return f"both ends {precision_words(origin)}"
        return "; ".join(f"{end} {precision_words(p)}" for end, p in ends.items())
    return f"{precision_words(feature.geo_precision)} (the less exact end)"


# Citations sent to the side panel at first, and added by each "Show more": a place named in
# thousands of articles must not send them all at once.
CITATION_PAGE = 50


def citation_row(citation: Citation, meta: ArticleMeta | None) -> dict[str, str]:
    """One citation as the page draws it (assets/citations.js): plain strings, set as text there."""
    before, mention, after = split_mention(citation)
    source = " · ".join(
        x
        for x in (
            (meta.source if meta else None),
            (meta.published.isoformat() if meta and meta.published else None),
        )
        if x
    )
    return {
        "title": meta.label if meta else citation.doc,
        "source": source or "outlet and date unknown",
        "before": before,
        "mention": mention,
        "after": after,
        "href": article_href(citation),
    }


def citation_rows(
    feature: Feature | None, articles: Mapping[str, ArticleMeta], limit: int = CITATION_PAGE
) -> dict[str, Any]:
    """The selected feature's first `limit` citations, as rows the page draws (assets/citations.js),
    with the feature's id and how many it has. Data, not Dash components: Dash's renderer took 6-8 s
    for the 200 citations of a much-named place, and 31-53 s for 500 (benchmarks/bench_panel.py)."""
    if feature is None:
        return {"feature": None, "rows": [], "total": 0}
    shown = feature.citations[: max(limit, 0)]
    return {
        "feature": feature.id,
        "rows": [citation_row(c, articles.get(c.doc)) for c in shown],
        "total": len(feature.citations),
    }


def citation_limit(selected: str | None, asked: Any) -> int:
    """How many citations the panel shows: a page for a newly selected feature, and what the page
    asked for (`asked`: {"id", "limit"}, set by "Show more") while the same feature stays selected."""
    if isinstance(asked, dict) and selected and asked.get("id") == selected:
        limit = asked.get("limit")
        if isinstance(limit, int) and not isinstance(limit, bool) and limit > CITATION_PAGE:
            return limit
    return CITATION_PAGE


def feature_panel(
    feature: Feature | None,
    articles: Mapping[str, ArticleMeta],
    features: Mapping[str, Feature] | None = None,
) -> list[object]:
    """The panel's head for the selected feature: its name and facts (or a hint when nothing is selected).

    `features` (all features by id) lets a route's panel say how exactly each of its ends is known.
    """
    if feature is None:
        return [
            html.P(
                "Click a point or route on the map, or a row in the list, to read its sources.",
                className="hint",
            )
        ]
    is_route = feature.layer == "routes"
    ends = route_ends(feature) if is_route else None
    rows = [
        _row(
            "Kind", f"{feature.layer[:-1] if feature.layer.endswith('s') else feature.layer}: {feature.kind}"
        ),
        *([_row("Route", ends, "route-ends")] if ends else []),
        _row(
            "Precision",
            route_precision(feature, features or {}) if is_route else precision_words(feature.geo_precision),
        ),
        _row("Country", feature.country or "—"),
        _row("When", _dates(feature)),
        _row(
            "Sources",
            f"{feature.sources} article{'s' if feature.sources != 1 else ''}, "
            f"{len(feature.citations)} sentence{'s' if len(feature.citations) != 1 else ''}",
        ),
    ]
    if feature.properties.get("corrected"):
        # First, so that no one reads an analyst's answer as the machine's (details: dashboard.corrections).
        rows.insert(0, _row("Corrected", corrected_note(feature), "corrected"))
    for key in ("actors", "quantity", "duration"):
        value = feature.properties.get(key)
        if value:
            rows.append(
                _row(key.capitalize(), ", ".join(map(str, value)) if isinstance(value, list) else value)
            )
    # The citations follow, drawn by the page (citation_rows).
    return [html.H3(feature.name, className="panel-title"), html.Table(html.Tbody(rows), className="facts")]


APP_TITLE = "Sortie"


def page_title(article: Article | None, doc: str | None = None) -> str:
    """The browser tab's title: the article's (or, for the map, the app's) so that tabs can be told apart."""
    if article is not None:
        return f"{article.title or article.doc} – {APP_TITLE}"
    return f"{doc} (not found) – {APP_TITLE}" if doc else APP_TITLE


def article_view(article: Article | None, start: int | None, end: int | None) -> list[object]:
    """The article's full text, the cited sentence highlighted (scrolled to by the page)."""
    if article is None:
        return [html.P("This article is not in the store.")]
    before, sentence, after = split_article(article.text, start, end)
    meta = " · ".join(
        x for x in (article.source, article.published.isoformat() if article.published else None) if x
    )
    body: list[str | html.Mark] = (
        [before, html.Mark(sentence, id=ids.HIGHLIGHT), after] if sentence else [before]
    )
    return [
        html.A("← Back to the map", href="/", className="back"),
        html.H2(article.title or article.doc),
        html.Div(meta or "outlet and date unknown", className="citation-source"),
        html.Div(article.doc, className="doc-id"),
        *_original_link(article.url),
        html.Div(body, className="article-text"),
    ]


def _original_link(url: str | None) -> list[html.A]:
    """A link to where the article was published: http(s) only (a stored `javascript:` URL would run
    on click), opened without giving the outlet this page (noreferrer) or a handle on it (noopener)."""
    if not url or urlsplit(url).scheme.lower() not in ("http", "https"):
        return []
    return [
        html.A(
            f"Original page: {url}",
            href=url,
            target="_blank",
            rel="noopener noreferrer nofollow",
            className="article-url",
        )
    ]


def aria(**values: str) -> dict[str, Any]:
    """ARIA attributes as keyword arguments (Dash accepts `aria-*` props, which are no Python names)."""
    return {f"aria-{key}": value for key, value in values.items()}


def feature_list(features: list[Feature], limit: int = 200) -> dict[str, Any]:
    """The rows for the features in view (the first `limit`), as the page draws them (sortie.js:
    renderList): each its feature's id, name, and a line of what, who and when; and how many more
    there are. Data, not components: 200 rows of Dash components cost Dash's renderer seconds of the
    page's time each time the list changed."""
    rows = []
    for f in features[:limit]:
        when = when_label(f.start, f.end, f.time_precision)
        # The longest actor phrase is usually the most specific ("United States B-52 bombers"): a
        # route's name gives only its ends, so this is how a user spots "the B-52 flight".
        who = max(actors(f), key=len, default=None)
        corrected = "corrected" if f.properties.get("corrected") else None
        meta = " · ".join(x for x in (f.kind, who, when, corrected) if x)
        rows.append({"id": f.id, "name": f.name, "meta": meta})
    return {"rows": rows, "more": max(0, len(features) - limit)}
