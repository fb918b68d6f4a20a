"""Reading the map, in a real browser: the view fitted to the features, offline place labels, the
timeline strip under the map, and the side panel that opens only for a selection.

A small world of its own (a few places around the eastern Mediterranean, events on known days, one
known only to its month), so that what the page must show can be worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from harness import PROJECT_JS, served, visible_ids, wait_for_map

from sortie.dashboard import ids
from sortie.dashboard.app import create_app
from sortie.dashboard.basemap import COUNTRIES
from sortie.dashboard.corpus import Corpus
from sortie.dashboard.views import day_number
from sortie.geodata.records import Article, Citation, Feature

pytestmark = pytest.mark.browser

DOC = "report.txt"
TEXT = "Jets flew from Incirlik. Strikes hit three villages near Idlib on 3 March 2021."
CITE = (Citation(DOC, TEXT[:24], 0, 24, 15, 23),)


def place(fid: str, name: str, kind: str, lon: float, lat: float, precision: str = "city") -> Feature:
    return Feature(
        f"places:{fid}",
        "places",
        name,
        kind,
        {"type": "Point", "coordinates": [lon, lat]},
        "TR",
        precision,
        None,
        None,
        None,
        CITE,
    )


def event(fid: str, lon: float, lat: float, start: dt.date, end: dt.date, precision: str) -> Feature:
    return Feature(
        f"events:{fid}",
        "events",
        f"air strike {fid}",
        "air_strike",
        {"type": "Point", "coordinates": [lon, lat]},
        "SY",
        "city",
        start,
        end,
        precision,
        CITE,
    )


D = dt.date
PLACES = [
    place("incirlik", "Incirlik Air Base", "airbase", 35.43, 37.00, "point"),
    place("adana", "Adana", "city", 35.32, 37.00),
    place("ankara", "Ankara", "city", 32.86, 39.93),
    place("latakia", "Latakia", "city", 35.78, 35.52),
    place("nicosia", "Nicosia", "city", 33.36, 35.17),
]
# A tight cluster of 24 villages (0.05 degree apart): at world scale one point, closer in a grid.
HAMLETS = [
    place(f"h{k}", f"Hamlet {k}", "town", 36.0 + (k % 6) * 0.05, 36.5 + (k // 6) * 0.05) for k in range(24)
]
EVENTS = [
    event("a", 36.63, 35.93, D(2021, 3, 3), D(2021, 3, 3), "day"),
    event("b", 36.70, 35.80, D(2021, 3, 3), D(2021, 3, 3), "day"),
    event("c", 36.55, 36.00, D(2021, 3, 3), D(2021, 3, 3), "day"),
    event("d", 36.20, 36.20, D(2021, 3, 5), D(2021, 3, 5), "day"),
    # Known only to its month: a span over February, not an event on 1 February.
    event("feb", 36.40, 35.60, D(2021, 2, 1), D(2021, 2, 28), "month"),
    event("late", 36.10, 36.60, D(2021, 3, 20), D(2021, 3, 20), "day"),
]
FEATURES = PLACES + HAMLETS + EVENTS


# The map-data requests the server answered (the browser may answer some from its cache).
SERVED: list[str] = []


@pytest.fixture(scope="module")
def base_url():
    """This module's own app (the `page` fixture checks every request goes to it)."""
    from flask import request

    corpus = Corpus.from_records(FEATURES, [Article(DOC, TEXT, title="Report", published=D(2021, 3, 21))])
    app = create_app(corpus=corpus)

    @app.server.before_request
    def record() -> None:
        if request.path.startswith("/map-data"):
            SERVED.append(request.full_path)

    with served(app) as url:
        yield url


BOUNDS_JS = """() => { const b = window.sortie.map().getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"""


def lonlats(features):
    return [f.geometry["coordinates"] for f in features]


def inside(bounds, points):
    w, s, e, n = bounds
    return all(w <= lon <= e and s <= lat <= n for lon, lat in points)


def settle(page):
    page.wait_for_function("() => { const m = window.sortie.map(); return m.loaded() && !m.isMoving(); }")


def test_the_map_opens_fitted_to_the_features_and_keeps_a_view_the_user_chose(page, base_url):
    page.goto(base_url)
    wait_for_map(page)
    settle(page)
    bounds = page.evaluate(BOUNDS_JS)
    # Every feature is in view, and the view is the region they are in, not the world.
    assert inside(bounds, lonlats(FEATURES))
    assert bounds[2] - bounds[0] < 40 and bounds[3] - bounds[1] < 30
    # ... with a margin: no feature sits on the map's edge.
    w, s, e, n = bounds
    assert all(w + 0.2 < lon < e - 0.2 and s + 0.2 < lat < n - 0.2 for lon, lat in lonlats(FEATURES))

    # The analyst drags the map; a new search then leaves the view where they put it.
    box = page.locator(f"#{ids.MAP} .maplibregl-canvas").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx - 150, cy - 80, steps=8)
    page.mouse.up()
    settle(page)
    moved = page.evaluate(BOUNDS_JS)
    assert moved != bounds
    page.locator(f"#{ids.SEARCH}").fill("Ankara")
    assert visible_ids(page, 1) == ["places:ankara"]  # (visible_ids looks at the world: it moves the map)
    page.evaluate("([w, s, e, n]) => window.sortie.map().jumpTo({center: [(w + e) / 2, (s + n) / 2]})", moved)
    # Without a move of the user's, a filter change refits: "Fit" does it on demand.
    page.get_by_role("button", name="Fit").click()
    page.wait_for_timeout(600)
    settle(page)
    w, s, e, n = page.evaluate(BOUNDS_JS)
    assert w < 32.86 < e and s < 39.93 < n
    page.locator(f"#{ids.SEARCH}").fill("")
    page.wait_for_function(f"() => window.sortie.records().length === {len(FEATURES)}")
    page.wait_for_timeout(600)
    settle(page)
    assert inside(page.evaluate(BOUNDS_JS), lonlats(FEATURES))


# The colours painted at these places ([lon, lat]), as RGB, read from the map's own WebGL canvas right
# after a frame (before the browser may clear it), and the basemap's water and land colours.
PIXELS_JS = """async (points) => {
    const m = window.sortie.map();
    const canvas = m.getCanvas();
    const gl = canvas.getContext('webgl2') || canvas.getContext('webgl');
    const ratio = gl.drawingBufferWidth / canvas.clientWidth;
    const colours = await new Promise((done) => {
        m.once('render', () => done(points.map((lonlat) => {
            const p = m.project(lonlat);
            const px = new Uint8Array(4);
            gl.readPixels(Math.round(p.x * ratio), Math.round(gl.drawingBufferHeight - p.y * ratio), 1, 1,
                gl.RGBA, gl.UNSIGNED_BYTE, px);
            return [px[0], px[1], px[2]];
        })));
        m.triggerRepaint();
    });
    return {colours, water: m.getPaintProperty('background', 'background-color'),
            land: m.getPaintProperty('land', 'fill-color')};
}"""


def rgb(colour) -> tuple[int, int, int]:
    """A style colour (a "#rrggbb" string, or MapLibre's {r, g, b} in 0..1) as RGB 0..255."""
    if isinstance(colour, str):
        return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return tuple(round(colour[k] * 255) for k in "rgb")


def near(a, b, tolerance: int = 6) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def test_the_map_paints_the_land_and_the_features_when_its_data_comes_first(page, base_url):
    # Opened with no filters in its URL, the page builds the map from the data it asked for while Dash
    # loaded, before Plotly has finished setting the map up. The frames then on screen must show the
    # land and the features, not the bare background (as they once did, while every test that asked
    # MapLibre which features it drew still passed).
    page.goto(base_url)
    wait_for_map(page)
    page.wait_for_selector(f'#{ids.MAP}[aria-busy="false"]')
    settle(page)
    central_anatolia = [[lon, lat] for lon in (38.6, 39.2, 39.8, 40.4) for lat in (38.7, 39.1, 39.5)]
    hamlets = [36.125, 36.575]  # the middle of the 24 villages' tight grid: covered by their dots
    read = page.evaluate(PIXELS_JS, [*central_anatolia, hamlets])
    water, land = rgb(read["water"]), rgb(read["land"])
    *ground, dots = read["colours"]
    # Land where no feature, border or label is (a label may cover a point or two).
    assert sum(near(c, land) for c in ground) >= len(ground) - 2, (ground, land)
    # The dots over the villages: neither land nor water.
    assert not near(dots, land) and not near(dots, water), dots


def test_a_step_that_hides_a_chunk_of_features_is_painted_once_it_is_tiled(page, base_url):
    # Hiding the undated places hides their whole chunk, which MapLibre tiles again while painting is
    # held: once the map no longer says it is drawing, what is on screen is the new window.
    page.goto(base_url)
    wait_for_map(page)
    settle(page)
    ankara = [32.86, 39.93]  # an undated place, far from every event
    before = page.evaluate(PIXELS_JS, [ankara])
    land = rgb(before["land"])
    assert not near(before["colours"][0], land)
    page.get_by_text("show undated").click()
    page.wait_for_function("() => window.sortie.time() && !window.sortie.time().showUndated")
    page.wait_for_selector(f'#{ids.MAP}[aria-busy="false"]')
    settle(page)
    after = page.evaluate(PIXELS_JS, [ankara])
    assert near(after["colours"][0], land), after["colours"]


def test_the_map_is_painted_in_its_new_size_once_the_side_panel_has_opened(page, base_url):
    # Opening the panel narrows the map, which is fitted to its new size while painting is held, then
    # painted once: when the map no longer says it is drawing, what is on screen is the new view.
    page.goto(base_url)
    wait_for_map(page)
    settle(page)
    wide = page.locator(f"#{ids.MAP}").bounding_box()["width"]
    page.locator(f"#{ids.FEATURE_LIST} .item").first.click()
    page.locator(f"#{ids.PANEL} .panel-title").wait_for()
    page.wait_for_function(
        "([id, w]) => document.getElementById(id).offsetWidth < w - 100", arg=[ids.MAP, wide]
    )
    page.wait_for_selector(f'#{ids.MAP}[aria-busy="false"]')
    settle(page)
    assert inside(page.evaluate(BOUNDS_JS), lonlats(FEATURES))
    # Land inside the features' box, away from every feature: it stays in view in the narrower map.
    cappadocia = [[lon, lat] for lon in (33.8, 34.2, 34.6) for lat in (38.2, 38.6)]
    read = page.evaluate(PIXELS_JS, [*cappadocia, [36.125, 36.575]])
    water, land = rgb(read["water"]), rgb(read["land"])
    *ground, dots = read["colours"]
    assert sum(near(c, land) for c in ground) >= len(ground) - 2, (ground, land)
    assert not near(dots, land) and not near(dots, water), dots


LABELS_JS = """async (view) => {
    const m = window.sortie.map();
    if (view !== null) m.jumpTo(view);
    await new Promise((done) => { m.once('idle', done); m.triggerRepaint(); });
    const names = (layer) => m.getLayer(layer) ? [...new Set(
        m.queryRenderedFeatures({layers: [layer]}).map((f) => f.properties.n || f.properties.name))] : null;
    return {places: names(window.sortie.labelLayer), countries: names('country-labels')};
}"""


def test_place_names_are_drawn_from_the_apps_own_glyphs(page, base_url):
    glyphs = []
    page.on("response", lambda r: glyphs.append((r.url, r.status)) if "/glyphs/" in r.url else None)
    page.goto(base_url)
    wait_for_map(page)
    settle(page)
    # The labels follow the view once it rests (a quarter of a second), and fade in.
    page.wait_for_function(
        "() => window.sortie.map().queryRenderedFeatures({layers: [window.sortie.labelLayer]}).length > 0"
    )
    fitted = page.evaluate(LABELS_JS, None)
    names = {f.name for f in PLACES + HAMLETS}
    # Place names, never an event's.
    assert set(fitted["places"]) <= names
    assert {"Ankara", "Nicosia"} <= set(fitted["places"])
    # The basemap names the country Ankara is in (found from the shipped countries file).
    from shapely.geometry import Point, shape

    countries = json.loads(COUNTRIES.read_text(encoding="utf-8"))["features"]
    (turkey,) = [
        c["properties"]["name"] for c in countries if shape(c["geometry"]).contains(Point(32.86, 39.93))
    ]
    assert turkey in fitted["countries"]
    # Labels that would overlap are left out: at world scale the 29 places are a few pixels apart and
    # only a handful are named; close in on the villages and each has room for its name.
    world = page.evaluate(LABELS_JS, {"zoom": 0})
    assert 1 <= len(world["places"]) <= 8
    page.evaluate(LABELS_JS, {"zoom": 10, "center": [36.125, 36.575]})
    page.wait_for_timeout(800)  # labels fade in
    page.screenshot(path="/tmp/mapwork/shots/close.png")
    close = page.evaluate(LABELS_JS, None)
    assert len([n for n in close["places"] if n.startswith("Hamlet")]) >= 20
    # The glyphs came from this app (the `page` fixture checks no request left it) and were found.
    assert glyphs and all(status == 200 for _, status in glyphs)
    assert all(url.startswith(base_url + "/glyphs/") for url, _ in glyphs)


def test_timeline_strip_counts_events_per_day_and_shows_a_month_as_a_span(page, base_url):
    page.goto(base_url)
    wait_for_map(page)
    strip = page.locator(f"#{ids.TIMELINE}")
    strip.locator(".tl-bar").first.wait_for()
    bars = {
        b.get_attribute("data-lo"): (b.get_attribute("data-count"), b.locator("title").text_content())
        for b in strip.locator(".tl-bar").all()
    }
    day = lambda d: str(day_number(d))  # noqa: E731
    # Day bars (the strip spans 1 February to 20 March: 48 days), counted by hand from EVENTS.
    assert bars == {
        day(D(2021, 3, 3)): ("3", "2021-03-03: 3 events"),
        day(D(2021, 3, 5)): ("1", "2021-03-05: 1 event"),
        day(D(2021, 3, 20)): ("1", "2021-03-20: 1 event"),
    }
    # The February event is a span over its month, labelled as a month, and no bar on 1 February.
    (span,) = strip.locator(".tl-span").all()
    assert span.get_attribute("data-lo") == day(D(2021, 2, 1))
    assert span.get_attribute("data-hi") == day(D(2021, 2, 28))
    assert span.locator("title").text_content() == "2021-02: 1 event"
    assert "events per day" in strip.locator(".timeline-caption").inner_text()
    # The slider's window (all of it, at first) is shaded over the strip.
    window = strip.locator(".tl-window")
    assert window.get_attribute("data-lo") == day(D(2021, 2, 1))
    assert window.get_attribute("data-hi") == day(D(2021, 3, 20))
    # A click on the 3 March bar moves the slider's window to that day: the map shows its three strikes
    # (and the undated places), the strip shades that day.
    strip.locator(f'.tl-bar[data-lo="{day(D(2021, 3, 3))}"]').click()
    page.wait_for_function(
        "(id) => document.getElementById(id).innerText === '2021-03-03 – 2021-03-03'", arg=ids.SLIDER_LABEL
    )
    expected = sorted(["events:a", "events:b", "events:c", *(f.id for f in PLACES + HAMLETS)])
    assert visible_ids(page, len(expected)) == expected
    page.wait_for_function(
        "(d) => document.querySelector('#timeline .tl-window').getAttribute('data-hi') === d",
        arg=day(D(2021, 3, 3)),
    )
    assert window.get_attribute("data-lo") == day(D(2021, 3, 3))
    # The bar in the window is told apart from the others.
    assert "in-window" in strip.locator(f'.tl-bar[data-lo="{day(D(2021, 3, 3))}"]').get_attribute("class")
    assert "in-window" not in strip.locator(f'.tl-bar[data-lo="{day(D(2021, 3, 5))}"]').get_attribute("class")
    assert "from=2021-03-03" in page.url and "to=2021-03-03" in page.url


def test_side_panel_opens_for_a_selection_and_closes_again(page, base_url):
    page.goto(base_url)
    wait_for_map(page)
    panel = page.locator(".panel")
    map_box = page.locator(f"#{ids.MAP}")
    assert not panel.is_visible()
    wide = map_box.bounding_box()["width"]
    # Select a feature from the list: the panel opens beside the map with its name.
    row = page.locator(f"#{ids.FEATURE_LIST} .item").first
    name = row.locator(".item-name").inner_text()
    row.click()
    page.locator(f"#{ids.PANEL} .panel-title").get_by_text(name, exact=True).wait_for()
    assert panel.is_visible()
    page.wait_for_function(
        "([id, w]) => document.getElementById(id).offsetWidth < w - 100", arg=[ids.MAP, wide]
    )
    # The close button hides it again, and the map takes the room back.
    page.locator(f"#{ids.CLEAR}").click()
    panel.wait_for(state="hidden")
    page.wait_for_function(
        "([id, w]) => document.getElementById(id).offsetWidth >= w - 2", arg=[ids.MAP, wide]
    )
    assert "sel=" not in page.url
    # The same row clicked again selects its feature again.
    row.click()
    page.locator(f"#{ids.PANEL} .panel-title").get_by_text(name, exact=True).wait_for()
    assert panel.is_visible()


def test_layer_toggles_and_a_search_cleared_again_fetch_no_features(page, base_url):
    page.goto(base_url)
    wait_for_map(page)
    assert visible_ids(page, len(FEATURES)) == sorted(f.id for f in FEATURES)
    fetched = SERVED
    before = len(fetched)
    # A layer toggle is applied in the page: the towns go, nothing is fetched.
    page.locator(f"#{ids.LAYERS}").get_by_text("Cities and towns").click()
    others = sorted(f.id for f in FEATURES if f.kind not in ("city", "town"))
    assert visible_ids(page, len(others)) == others
    page.locator(f"#{ids.LAYERS}").get_by_text("Cities and towns").click()
    assert visible_ids(page, len(FEATURES)) == sorted(f.id for f in FEATURES)
    assert len(fetched) == before
    # A search fetches only what matches; clearing it draws everything again from what the page kept.
    page.locator(f"#{ids.SEARCH}").fill("Hamlet 2")
    matches = sorted(f.id for f in HAMLETS if f.name.startswith("Hamlet 2"))  # 2, 20-23
    assert visible_ids(page, len(matches)) == matches
    # The matches' data, then their source (one: a few features make one chunk).
    searched = fetched[before:]
    assert len(searched) == 2 and "q=Hamlet+2" in searched[0] and "/map-data/source/0?" in searched[1]
    page.locator(f"#{ids.SEARCH}").fill("")
    assert visible_ids(page, len(FEATURES)) == sorted(f.id for f in FEATURES)
    assert len(fetched) == before + 2  # the browser kept the first sources' GeoJSON too


def test_a_click_where_places_overlap_picks_the_one_drawn_under_the_pointer(page, base_url):
    page.goto(base_url)
    wait_for_map(page)
    # At zoom 4 Adana and Incirlik Air Base (0.11 degree apart) are drawn about 2.5 px apart: both
    # dots are under a click on either.
    page.evaluate("() => window.sortie.map().jumpTo({center: [35.4, 37.0], zoom: 4})")
    settle(page)
    title = page.locator(f"#{ids.PANEL} .panel-title")
    for name, lonlat in (
        ("Adana", [35.32, 37.00]),
        ("Incirlik Air Base", [35.43, 37.00]),
        ("Adana", [35.32, 37.00]),
    ):
        x, y = page.evaluate(PROJECT_JS, lonlat)
        page.mouse.click(x, y)
        title.get_by_text(name, exact=True).wait_for(timeout=10_000)
