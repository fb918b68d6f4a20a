"""What an analyst does, in a real browser: open, click, slide, export, read an article."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from harness import HOSTILE_DOC, HOSTILE_TEXT, PROJECT_JS, SEEDS, visible_ids, wait_for_map

from sortie.dashboard import ids
from sortie.dashboard.views import (
    ViewState,
    day_number,
    feature_days,
    features_in_view,
    from_day_number,
    state_from_query,
    time_span,
    visible_in_time,
)
from sortie.geodata.store.geopackage import Store

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def features(store_path):
    return Store(store_path).features()


def seed_docs():
    return set(json.loads((SEEDS / "meta.json").read_text(encoding="utf-8")))


def test_page_loads_with_basemap_and_features(page, base_url, features):
    page.goto(base_url)
    wait_for_map(page)
    shown = visible_ids(page)
    # Every feature is on the map at first (the slider spans the corpus, undated shown).
    drawable = {f.id for f in features}
    assert set(shown) == drawable
    assert page.locator(f"#{ids.FEATURE_COUNT}").inner_text() == f"({len(features)})"
    # While the features are tiled the map says "Drawing the map..." (aria-busy); drawn, it no longer does.
    busy = f"document.getElementById('{ids.MAP}').getAttribute('aria-busy')"
    page.wait_for_function(f"() => {busy} === 'false'")
    # A layer toggle redraws the map from the server's new data: the routes go, the rest stays.
    page.locator(f"#{ids.LAYERS}").get_by_text("Routes").click()
    others = sorted(f.id for f in features if f.layer != "routes")
    assert len(others) < len(features)
    assert visible_ids(page, len(others)) == others


def test_clicking_the_route_cited_by_both_seeds_shows_both_sentences(page, base_url, features):
    (route,) = [f for f in features if f.layer == "routes" and {c.doc for c in f.citations} >= seed_docs()]
    page.goto(base_url)
    wait_for_map(page)
    # A real mouse click on the route's mid-route marker, projected from lon/lat to pixels.
    lonlat = page.evaluate("(id) => window.sortie.anchor(id)", route.id)
    x, y = page.evaluate(PROJECT_JS, lonlat)
    page.mouse.move(x - 5, y - 5)
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    panel = page.locator(f"#{ids.PANEL}")
    panel.get_by_text(route.name, exact=True).wait_for(timeout=10_000)
    quotes = panel.locator(".citation-text").all_inner_texts()
    for citation in route.citations:
        assert citation.sentence in quotes
    assert {c.doc for c in route.citations} >= seed_docs()
    # The selection is in the URL, so the view can be shared.
    page.wait_for_function("(id) => decodeURIComponent(location.search).includes(id)", arg=f"sel={route.id}")
    # Each citation links to its article's full text with the sentence highlighted.
    link = panel.locator(".citation-link").first.get_attribute("href")
    page.goto(base_url + link)
    mark = page.locator(f"#{ids.HIGHLIGHT}")
    mark.wait_for()
    assert mark.inner_text() == route.citations[0].sentence


def test_time_slider_hides_and_shows_features_by_their_dates(page, base_url, features):
    span = time_span(features)
    lo = day_number(span[0])
    page.goto(base_url)
    wait_for_map(page)
    # Drag the slider's right handle with the mouse all the way left: the window shrinks to the first day.
    upper = page.locator(".dash-slider-thumb-2")
    thumb, track = upper.bounding_box(), page.locator(".dash-slider-track").bounding_box()
    y = thumb["y"] + thumb["height"] / 2
    page.mouse.move(thumb["x"] + thumb["width"] / 2, y)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(thumb["x"] - (thumb["x"] - track["x"] + 20) * step / 10, y)
    page.mouse.up()
    expected = sorted(f.id for f in features if visible_in_time(feature_days(f), (lo, lo)))
    page.wait_for_function(
        f"() => document.querySelector('#{ids.SLIDER_LABEL}').innerText.endsWith('{span[0]}')"
    )
    assert visible_ids(page) == expected
    assert len(expected) < len(features), "the seeds should have features after their first day"
    # Cumulative: everything that started by the window's end, whenever it ended.
    page.get_by_text("cumulative").click()
    so_far = sorted(f.id for f in features if visible_in_time(feature_days(f), (lo, lo), mode="cumulative"))
    assert visible_ids(page, len(so_far)) == so_far
    page.get_by_text("sliding window").click()
    assert visible_ids(page, len(expected)) == expected
    upper.focus()
    page.keyboard.press("End")  # and, from the keyboard, back to the whole span: everything shows again
    page.wait_for_function(
        f"() => document.querySelector('#{ids.SLIDER_LABEL}').innerText.endsWith('{span[1]}')"
    )
    assert visible_ids(page) == sorted(f.id for f in features)
    page.get_by_text("show undated").click()
    dated = sorted(f.id for f in features if feature_days(f) is not None)
    assert visible_ids(page, len(dated)) == dated
    # Moving the slider re-renders the feature list; that alone must never select a feature
    # (a regression: the list's first row was selected when a slider move and the re-rendered rows
    # reached the server in one request).
    for _ in range(30):
        upper.press("PageDown")
    page.wait_for_timeout(1500)
    assert "sel=" not in page.url
    assert page.locator(f"#{ids.PANEL} .citation").count() == 0


def test_export_downloads_only_what_is_in_view(page, base_url, features):
    span = time_span(features)
    starts = sorted({d[0] for f in features if (d := feature_days(f))})
    # From the corpus's second distinct start date on, routes and events only, no undated: set in the URL
    # (which is also how a shared view opens).
    query = "?layers=routes,events&undated=0"
    if len(starts) > 1:
        query += f"&from={from_day_number(starts[1]).isoformat()}"
    state = state_from_query(query)
    expected = {f.id for f in features_in_view(features, state, span)}
    page.goto(base_url + "/" + query)
    wait_for_map(page)
    assert set(visible_ids(page, len(expected))) == expected
    with page.expect_download() as info:
        page.locator(f"#{ids.EXPORT_VIEW}").click()
    collection = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert {f["id"] for f in collection["features"]} == expected
    assert all(f["properties"]["layer"] in ("routes", "events") for f in collection["features"])
    with page.expect_download() as info:
        page.locator(f"#{ids.EXPORT_ALL}").click()
    everything = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert len(everything["features"]) == len(features)
    assert ViewState() != state  # the export above was really narrowed


def test_hostile_article_is_shown_as_text_and_runs_nothing(page, base_url):
    first = HOSTILE_TEXT.index("<script>")
    end = HOSTILE_TEXT.index("\n")
    page.goto(f"{base_url}/article/{quote(HOSTILE_DOC)}?s={first}&e={end}")
    body = page.locator(".article-text")
    body.wait_for()
    text = body.inner_text()
    assert "<script>window.__pwned = 1; alert(1)</script>" in text
    assert '<img src=x onerror="window.__pwned = 2; alert(2)">' in text
    assert page.locator(".article-text script, .article-text img").count() == 0
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.locator(f"#{ids.HIGHLIGHT}").inner_text() == HOSTILE_TEXT[first:end]


COARSE = {"country", "region", "continent"}


def test_routes_with_an_end_known_only_to_a_country_or_region_are_dashed(page, base_url, features):
    by_id = {f.id: f for f in features}
    routes = [f for f in features if f.layer == "routes"]

    def coarse_end(route):
        ends = [by_id.get(f"places:{route.properties.get(k)}") for k in ("origin_id", "destination_id")]
        return any(p is not None and p.geo_precision in COARSE for p in ends)

    dashed = sorted(r.id for r in routes if coarse_end(r))
    assert dashed, "the seeds' routes end at a sea and at countries"
    page.goto(base_url)
    wait_for_map(page)
    # The lines MapLibre draws in the page's dashed-line layers (a dash pattern of their own).
    drawn = page.evaluate(
        """async () => {
            const m = window.sortie.map();
            m.jumpTo({center: [0, 0], zoom: 0});
            await new Promise((done) => { m.once('idle', done); m.triggerRepaint(); });
            const out = {};
            for (const id of window.sortie.layerIds()) {
                const layer = m.getLayer(id);
                if (layer.type !== 'line') continue;
                const kind = m.getPaintProperty(id, 'line-dasharray') ? 'dashed' : 'solid';
                for (const f of m.queryRenderedFeatures({layers: [id]})) {
                    if (f.properties.r === 'arrow') continue;  // arrowheads stay solid
                    (out[kind] = out[kind] || new Set()).add(window.sortie.record(f.properties.i).id);
                }
            }
            return {dashed: [...(out.dashed || [])].sort(), solid: [...(out.solid || [])].sort()};
        }"""
    )
    assert drawn["dashed"] == dashed
    assert drawn["solid"] == sorted(r.id for r in routes if not coarse_end(r))
    legend = page.locator(".legend-precision").inner_text()
    assert "route with an end known to a country or region only" in legend


def test_article_view_scrolls_to_the_sentence_and_names_the_article_in_the_title(page, base_url, features):
    # The citation furthest into a titled seed article: with a short window it starts out of view.
    meta = json.loads((SEEDS / "meta.json").read_text(encoding="utf-8"))
    titled = {doc for doc, m in meta.items() if m.get("title")}
    citation = max((c for f in features for c in f.citations if c.doc in titled), key=lambda c: c.start)
    page.set_viewport_size({"width": 900, "height": 300})
    page.goto(f"{base_url}/article/{quote(citation.doc)}?s={citation.start}&e={citation.end}")
    mark = page.locator(f"#{ids.HIGHLIGHT}")
    mark.wait_for()
    assert mark.inner_text() == citation.sentence
    page.wait_for_function(
        """(id) => {
            const r = document.getElementById(id).getBoundingClientRect();
            return r.top >= 0 && r.top < window.innerHeight;
        }""",
        arg=ids.HIGHLIGHT,
    )
    assert page.evaluate("() => window.scrollY") > 0  # it had to scroll to get there
    page.wait_for_function("(t) => document.title.startsWith(t)", arg=meta[citation.doc]["title"])
    assert page.title().endswith("Sortie")


def test_feature_list_and_buttons_work_from_the_keyboard(page, base_url, features):
    page.goto(base_url)
    wait_for_map(page)
    items = page.locator(f"#{ids.FEATURE_LIST} .item")
    items.first.wait_for()
    first, second = items.nth(0), items.nth(1)
    names = [first.locator(".item-name").inner_text(), second.locator(".item-name").inner_text()]
    panel_title = page.locator(f"#{ids.PANEL} .panel-title")
    first.focus()
    page.keyboard.press("Enter")
    panel_title.get_by_text(names[0], exact=True).wait_for(timeout=10_000)
    # The list re-renders with the selection marked; the focus stays on the row, and Tab goes on.
    page.wait_for_function("() => document.activeElement.classList.contains('selected')")
    # ...and a screen reader hears which row is the selected one: that row only.
    current = page.locator(f"#{ids.FEATURE_LIST} [aria-current='true']")
    assert current.count() == 1 and current.locator(".item-name").inner_text() == names[0]
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    panel_title.get_by_text(names[1], exact=True).wait_for(timeout=10_000)
    # The citation's link, the clear button and the play button are reachable and work with Enter.
    link = page.locator(f"#{ids.PANEL} .citation-link").first
    link.focus()
    assert page.evaluate("() => document.activeElement.classList.contains('citation-link')")
    page.locator(f"#{ids.CLEAR}").focus()
    page.keyboard.press("Enter")
    page.locator(".panel").wait_for(state="hidden", timeout=10_000)  # closed with the selection
    page.locator(f"#{ids.PLAY}").focus()
    page.keyboard.press("Enter")
    page.locator(f"#{ids.PLAY}").get_by_text("Pause").wait_for(timeout=10_000)
    page.keyboard.press("Enter")
    page.locator(f"#{ids.PLAY}").get_by_text("Play").wait_for(timeout=10_000)
    with page.expect_download() as info:
        page.locator(f"#{ids.EXPORT_ALL}").focus()
        page.keyboard.press("Enter")
    assert json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["type"] == "FeatureCollection"
