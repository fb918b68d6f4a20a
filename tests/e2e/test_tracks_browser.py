"""Observed tracks in a real browser: drawn as their own layer, filtered by their own minutes, a click
shows the aircraft and the reported route it matches, and the analyst's decision is stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import PROJECT_JS, served, wait_for_map

from sortie.dashboard import ids
from sortie.geodata.store.geopackage import Store
from sortie.geodata.tracks import store as track_store

pytestmark = [pytest.mark.browser, pytest.mark.model]

E2E = Path(__file__).resolve().parents[1] / "data" / "tracks" / "e2e"


@pytest.fixture(scope="module")
def track_store_path(tmp_path_factory) -> Path:
    from sortie.geodata.store.ingest import ingest_paths
    from sortie.geodata.tracks.importer import import_paths

    path = tmp_path_factory.mktemp("tracks") / "store.gpkg"
    assert ingest_paths([str(E2E)], store=str(path)) == 0
    assert import_paths([str(E2E)], store=str(path)) == 0
    return path


@pytest.fixture(scope="module")
def track_url(track_store_path):
    from sortie.dashboard.app import create_app

    with served(create_app(track_store_path)) as url:
        yield url


@pytest.fixture
def page(browser, track_url):
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    yield pg
    context.close()
    assert errors == [], f"console errors: {errors}"


def wait_for_tracks(page):
    page.wait_for_function("() => window.sortieTracks && window.sortieTracks.drawn()", timeout=30_000)


def test_tracks_are_drawn_and_filtered_by_their_own_minutes(page, track_url, track_store_path):
    flights = track_store.flights(Store(track_store_path))
    page.goto(track_url)
    wait_for_map(page)
    wait_for_tracks(page)
    assert page.evaluate("window.sortieTracks.visibleFlights()") == sorted(f.id for f in flights)
    # The tracks' time bar is in minutes: a window of 20:30Z-20:40Z on 5 March shows only the B-52's
    # first flight (20:02Z-21:21Z), and its head marker is on it.
    b52 = next(f for f in flights if f.callsign == "JULIO51")
    # From the keyboard (PageUp/PageDown move a handle 10 minutes, the arrows one): the bar spans
    # 15:00Z-23:16Z; the lower handle goes 330 minutes right, the upper 156 minutes left.
    lower = page.locator(f"#{ids.TRACK_SLIDER} .dash-slider-thumb-1")
    upper = page.locator(f"#{ids.TRACK_SLIDER} .dash-slider-thumb-2")
    assert upper.get_attribute("aria-valuenow") == str(int(max(f.end for f in flights).timestamp() // 60) + 1)
    for _ in range(15):
        upper.press("PageDown")
    for _ in range(6):
        upper.press("ArrowLeft")
    for _ in range(33):
        lower.press("PageUp")
    c17 = next(f for f in flights if f.callsign == "RCH285")  # 15:00Z-23:15Z: in every window
    shown = ",".join(sorted([b52.id, c17.id]))  # not the B-52's second flight (21:37Z on)
    page.wait_for_function("(ids) => window.sortieTracks.visibleFlights().join() === ids", arg=shown)
    assert "2024-03-05 20:30Z – 2024-03-05 20:40Z" in page.locator(f"#{ids.TRACK_LABEL}").inner_text()
    heads = {h["id"]: h["at"] for h in page.evaluate("window.sortieTracks.heads()")}
    assert set(heads) == {b52.id, c17.id}
    # The B-52's head is where it was at the window's end (20:40:59Z): between its fixes of 20:40Z and 20:41Z.
    fixes = {f.ts.strftime("%H:%M"): f for f in track_store.stored_fixes(Store(track_store_path), b52.id)}
    a, b = fixes["20:40"], fixes["20:41"]
    assert min(a.lat, b.lat) - 1e-3 <= heads[b52.id][1] <= max(a.lat, b.lat) + 1e-3
    assert min(a.lon, b.lon) - 1e-3 <= heads[b52.id][0] <= max(a.lon, b.lon) + 1e-3


def test_clicking_a_track_shows_its_aircraft_and_the_matching_route_and_stores_a_decision(
    page, track_url, track_store_path
):
    store = Store(track_store_path)
    b52 = next(f for f in track_store.flights(store) if f.callsign == "JULIO51")
    (route,) = store.features(["routes"])
    page.goto(track_url)
    wait_for_map(page)
    wait_for_tracks(page)
    lonlat = page.evaluate("(id) => window.sortieTracks.anchor(id)", b52.id)
    x, y = page.evaluate(PROJECT_JS, lonlat)
    page.mouse.move(x - 4, y - 4)
    page.mouse.move(x, y)
    hover = page.locator(".track-hover")
    hover.wait_for(state="visible", timeout=10_000)
    assert "JULIO51 · AE5C2F · B52" in hover.inner_text()
    assert " ft · " in hover.inner_text() and "kt · 2024-03-05" in hover.inner_text()
    page.mouse.click(x, y)
    panel = page.locator(f"#{ids.TRACK_PANEL}")
    panel.get_by_text("Observed flight JULIO51").wait_for(timeout=10_000)
    text = panel.inner_text()
    assert "AE5C2F" in text and "B52" in text and str(E2E / "trace_full_ae5c2f.json") in text
    assert route.name in text
    assert "callsign JULIO51 is named in the article" in text
    panel.get_by_role("button", name="Accept").click()
    panel.locator(".match.accepted").wait_for(timeout=10_000)
    match, at = next((m, at) for m, at in track_store.matches(store) if m.route_id == route.id)
    assert match.decision == "accepted" and at
