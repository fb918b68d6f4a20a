import dataclasses
import json

from dash import html

from sortie.dashboard.app import create_app
from sortie.dashboard.layout import slider_marks
from sortie.dashboard.panels import (
    CITATION_PAGE,
    article_href,
    article_view,
    citation_limit,
    citation_rows,
    feature_list,
    feature_panel,
)
from sortie.geodata.geojson import feature_collection


def texts(component):
    """Every string in a component tree, in order."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [t for c in component for t in texts(c)]
    children = getattr(component, "children", None)
    return texts(children) if children is not None else []


def test_app_factory_builds_layout_and_callbacks(corpus):
    app = create_app(corpus=corpus)
    layout = app.layout()
    assert "map" in str(layout) and "time-slider" in str(layout)
    assert app.config.serve_locally is True
    assert len(app.callback_map) >= 8


def test_slider_marks_label_both_ends(features):
    import datetime as dt

    from sortie.dashboard.views import day_number

    marks = slider_marks((dt.date(2020, 11, 1), dt.date(2020, 12, 31)))
    assert marks[day_number(dt.date(2020, 11, 1))] == "2020-11-01"
    assert marks[day_number(dt.date(2020, 12, 31))] == "2020-12-31"


def test_panel_lists_every_citation_with_the_mention_marked(corpus):
    snap = corpus.snapshot()
    route = snap.by_id["routes:1"]
    cited = citation_rows(route, snap.articles)
    assert cited["feature"] == "routes:1" and cited["total"] == len(route.citations) == len(cited["rows"])
    first = cited["rows"][0]
    # The mention is its own string (the page draws it in a <mark>), between the sentence's other parts.
    assert first["mention"] == "Minot"
    assert first["before"] + first["mention"] + first["after"] == route.citations[0].sentence
    # A citation with no mention of its own is its sentence, whole.
    (home,) = [k for k, c in enumerate(route.citations) if c.sentence == "Later they flew home."]
    row = cited["rows"][home]
    assert (row["before"], row["mention"], row["after"]) == ("Later they flew home.", "", "")
    assert [row["title"] for row in cited["rows"]].count("Bombers over the Gulf") == 2  # once per citation
    assert [row["href"] for row in cited["rows"]] == [article_href(c) for c in route.citations]
    assert cited["rows"][0]["href"] == "/article/calm.txt?s=0&e=51"
    # The panel's own components hold the facts only: the citations are the page's to draw.
    assert "Minot" not in texts(feature_panel(route, snap.articles))


def test_a_much_cited_feature_sends_its_citations_a_page_at_a_time(corpus):
    snap = corpus.snapshot()
    route = snap.by_id["routes:1"]
    many = dataclasses.replace(route, citations=route.citations * 60)  # as a place named in many articles
    total = len(many.citations)
    assert total > 2 * CITATION_PAGE
    assert len(citation_rows(many, snap.articles)["rows"]) == CITATION_PAGE
    assert citation_rows(many, snap.articles)["total"] == total
    assert len(citation_rows(many, snap.articles, 2 * CITATION_PAGE)["rows"]) == 2 * CITATION_PAGE
    assert len(citation_rows(many, snap.articles, 10 * total)["rows"]) == total
    # "Show more" holds for the feature it was asked for; a new selection starts again at one page.
    asked = {"id": many.id, "limit": 2 * CITATION_PAGE}
    assert citation_limit(many.id, asked) == 2 * CITATION_PAGE
    assert citation_limit("events:1", asked) == CITATION_PAGE
    assert (
        citation_limit(many.id, None)
        == citation_limit(many.id, {"id": many.id, "limit": "all"})
        == CITATION_PAGE
    )
    assert citation_rows(None, snap.articles) == {"feature": None, "rows": [], "total": 0}


def test_hostile_article_text_is_only_ever_a_string(corpus):
    article = corpus.article("hostile.txt")
    view = article_view(article, 0, 49)  # the first sentence: 12 + 8 + 8 + 9 + 12 characters
    words = texts(view)
    assert "Jets struck <script>alert(1)</script> near Kabul." in words
    assert " <img src=x onerror=alert(1)> Nothing else." in words
    assert not any(getattr(c, "dangerouslySetInnerHTML", None) for c in _walk(view))


def test_hostile_citation_in_the_panel_is_only_ever_a_string(corpus):
    snap = corpus.snapshot()
    event = snap.by_id["events:1"]  # cites the hostile article
    (row,) = citation_rows(event, snap.articles)["rows"]
    assert row["before"] == "Jets struck <script>alert(1)</script> near "  # before the marked mention
    assert all(isinstance(value, str) for value in row.values())  # drawn as text (assets/citations.js)
    assert not any(
        getattr(c, "dangerouslySetInnerHTML", None) for c in _walk(feature_panel(event, snap.articles))
    )


def test_feature_list_shows_a_month_only_date_as_the_month(features):
    rows = feature_list(features)["rows"]
    clash = next(r for r in rows if r["id"] == "events:2")
    # December 1-31 known to the month: "2020-12", not "2020-12-01".
    assert (clash["name"], clash["meta"]) == ("Afghanistan clash", "armed_clash · 2020-12")


def test_feature_list_says_how_many_rows_it_left_out(features):
    listed = feature_list(features, limit=2)
    assert [r["id"] for r in listed["rows"]] == [f.id for f in features[:2]]
    assert listed["more"] == len(features) - 2
    assert feature_list(features)["more"] == 0


def test_export_shape_is_that_of_sortie_export(features):
    collection = json.loads(json.dumps(feature_collection(features)))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(features)


def _walk(component):
    if isinstance(component, list | tuple):
        for c in component:
            yield from _walk(c)
    elif hasattr(component, "children"):
        yield component
        yield from _walk(component.children)


def test_route_panel_names_its_ends_and_how_exactly_each_is_known(corpus):
    snap = corpus.snapshot()
    panel = feature_panel(snap.by_id["routes:1"], snap.articles, snap.by_id)
    words = texts(panel)
    assert "Minot Air Force Base → Persian Gulf" in words
    # Minot is an exact point; the Persian Gulf (a sea) only a region.
    assert "origin exact point; destination known to a region" in words


def test_route_panel_without_its_end_places_says_the_less_exact_end(corpus):
    snap = corpus.snapshot()
    words = texts(feature_panel(snap.by_id["routes:1"], snap.articles))
    assert "known to a region (the less exact end)" in words


def test_place_panel_says_its_precision_in_words(corpus):
    snap = corpus.snapshot()
    assert "known to a country only" in texts(feature_panel(snap.by_id["places:iso:IR"], snap.articles))


def test_missing_assets_folder_is_a_clear_error(corpus, monkeypatch, tmp_path):
    import pytest

    from sortie.dashboard import basemap
    from sortie.geodata.errors import SortieError

    monkeypatch.setattr(basemap, "ASSETS", tmp_path / "assets")
    with pytest.raises(SortieError, match="assets folder is missing"):
        create_app(corpus=corpus)


def test_legend_explains_halos_and_dashed_routes(corpus):
    from sortie.dashboard.layout import controls

    sidebar = controls(corpus.snapshot())
    legend = next(c for c in _walk(sidebar) if getattr(c, "className", None) == "legend-precision")
    swatches = [c.className for c in _walk(legend) if isinstance(c, html.Span)]
    assert swatches == ["swatch solid", "swatch halo", "swatch line", "swatch line dashed"]
    assert "route with an end known to a country or region only" in texts(legend)


def test_tab_title_names_the_article_or_the_app(articles):
    from sortie.dashboard.panels import page_title

    calm, hostile = articles
    assert page_title(calm) == "Bombers over the Gulf – Sortie"
    assert page_title(hostile) == "hostile.txt – Sortie"  # untitled: its doc name
    assert page_title(None, "gone.txt") == "gone.txt (not found) – Sortie"
    assert page_title(None) == "Sortie"


def test_serve_refuses_a_file_that_is_not_a_store_before_starting(tmp_path, monkeypatch):
    import pytest

    from sortie.dashboard import app as app_module
    from sortie.geodata.errors import StoreError

    monkeypatch.setattr(app_module, "create_app", lambda *a, **k: pytest.fail("the server must not start"))
    not_a_store = tmp_path / "notes.gpkg"
    not_a_store.write_text("hello", encoding="utf-8")
    with pytest.raises(StoreError, match=r"notes\.gpkg: not a SQLite/GeoPackage file"):
        app_module.serve(store=not_a_store, port=0)
    with pytest.raises(StoreError, match="is a folder"):
        app_module.serve(store=tmp_path, port=0)


def test_a_port_in_use_is_named_before_the_server_starts():
    import socket

    import pytest

    from sortie.dashboard.app import check_port
    from sortie.geodata.errors import SortieError

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SortieError, match=f"cannot listen on 127.0.0.1:{port}.*--port"):
            check_port("127.0.0.1", port)


def test_feature_list_row_names_what_flew_the_route():
    from test_views import _route_with_actors

    [row] = feature_list([_route_with_actors(["The B52s", "United States B-52 bombers"])])["rows"]
    assert (row["name"], row["meta"]) == (
        "Flight: Minot Air Force Base to Persian Gulf",
        "flight · United States B-52 bombers · undated",
    )
