"""Corrections in a real browser: move a place to another candidate, mark a feature wrong, fix a date,
reload, and find them kept and shown as corrections (not as the machine's answer)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from harness import served, visible_ids, wait_for_map

from sortie.dashboard import ids
from sortie.geodata.store.geopackage import Store

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def own_store(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's store: corrections here must not change what other tests see."""
    path = tmp_path_factory.mktemp("corrections") / "corrected.gpkg"
    shutil.copy(store_path, path)
    return path


@pytest.fixture(scope="module")
def base_url(own_store: Path) -> Iterator[str]:
    """This module's app, over its own store (the `page` fixture checks requests against it)."""
    from sortie.dashboard.app import create_app

    with served(create_app(own_store, user="tester")) as url:
        yield url


@pytest.fixture
def page_at(page, base_url):
    own_url = base_url

    def go(selected: str | None = None, extra: str = "") -> None:
        page.goto(own_url + (f"/?sel={quote(selected, safe='')}{extra}" if selected else "/"))
        wait_for_map(page)

    return go


def ambiguous_place(store: Store):
    """A place of the store whose mention the gazetteer offers other places for, and the first of those."""
    from sortie.geodata.places.explain import explain
    from sortie.geodata.places.gazetteer import open_gazetteer

    for f in store.features(["places"]):
        c = f.citations[0]
        found = explain(
            store.parsed(c.doc), f.properties["place_id"], open_gazetteer(), offset=c.mention_start
        )
        others = [x.place for x in found.candidates if not x.machine] if found else []
        if others:
            return f, others[0]
    raise AssertionError("no place of the seeds has another candidate")


def panel(page):
    return page.locator(f"#{ids.CORR_PANEL}")


def test_move_a_place_to_another_candidate_and_find_it_kept(page, page_at, own_store):
    store = Store(own_store)
    place, other = ambiguous_place(store)
    page_at(place.id)
    candidates = panel(page).locator(".candidates[data-end='place'] .candidate")
    candidates.first.wait_for(timeout=20_000)
    assert candidates.count() >= 2
    # The machine's answer is marked as such, with its reasons.
    machine = panel(page).locator(".candidate", has=page.locator(".badge.machine"))
    assert machine.count() == 1
    assert machine.locator(".cand-reasons li").count() >= 1
    row = panel(page).locator(f".candidate[data-place='{other.id}']")
    row.get_by_role("button", name="Move here").click()
    other_name = other.name
    panel(page).locator(".corrected-box").wait_for(timeout=10_000)
    assert "moved from" in panel(page).locator(".correction-log").inner_text()
    assert "tester" in panel(page).locator(".correction-log").inner_text()
    # The side panel's title is the analyst's place now, and the map rings it.
    page.locator(f"#{ids.PANEL} .panel-title").get_by_text(other_name, exact=True).wait_for(timeout=10_000)
    page.wait_for_function("(id) => window.sortieCorrections.ringed().includes(id)", arg=place.id)
    # Stored: a reload shows it again, still as a correction.
    page_at(place.id)
    panel(page).locator(".corrected-box").wait_for(timeout=20_000)
    assert panel(page).locator(".badge.analyst").count() == 1
    page.wait_for_function("(id) => window.sortieCorrections.ringed().includes(id)", arg=place.id)
    (stored,) = [c for c in store.corrections() if c.feature_id == place.id]
    assert stored.who == "tester" and stored.new["name"] == other_name


def test_mark_a_feature_wrong_hides_it_until_asked(page, page_at, own_store):
    store = Store(own_store)
    event = next(f for f in store.features(["events"]))
    page_at(event.id)
    panel(page).get_by_role("button", name="Mark as wrong (hide it)").click()
    panel(page).locator(".correction-message").wait_for(timeout=10_000)
    everything = sorted(f.id for f in store.features())
    assert event.id not in everything
    assert visible_ids(page, len(everything)) == everything
    # After a reload too; and the switch brings it back, ringed as corrected.
    page_at()
    assert event.id not in visible_ids(page)
    page.get_by_text("show features marked wrong").click()
    assert event.id in visible_ids(page, len(everything) + 1)
    page.wait_for_function("(id) => window.sortieCorrections.ringed().includes(id)", arg=event.id)


def test_fix_a_date_and_find_it_kept(page, page_at, own_store):
    store = Store(own_store)
    route = next(f for f in store.features(["routes"]))
    page_at(route.id)
    form = panel(page).locator(".date-form")
    form.wait_for(timeout=20_000)
    form.locator("input[type=text]").nth(0).fill("2020-11-02")
    form.locator("input[type=text]").nth(1).fill("2020-11-03")
    form.get_by_text("day", exact=True).click()
    form.get_by_role("button", name="Save the date").click()
    panel(page).locator(".corrected-box").wait_for(timeout=10_000)
    when = page.locator(f"#{ids.PANEL} .facts")
    when.get_by_text("2020-11-02 – 2020-11-03", exact=False).wait_for(timeout=10_000)
    page_at(route.id)
    page.locator(f"#{ids.PANEL} .facts").get_by_text("2020-11-02 – 2020-11-03", exact=False).wait_for(
        timeout=20_000
    )
    assert "date changed from" in panel(page).locator(".correction-log").inner_text()
    # Said first in the side panel, not only under the citations: the date is the analyst's.
    assert "corrected by tester" in page.locator(f"#{ids.PANEL} .facts td.corrected").inner_text()
    fixed = next(f for f in store.features(["routes"]) if f.id == route.id)
    assert fixed.start.isoformat() == "2020-11-02" and fixed.properties["corrected_by"] == "tester"


def test_a_bad_date_is_refused_with_a_message(page, page_at, own_store):
    route = next(f for f in Store(own_store).features(["routes"]))
    page_at(route.id)
    form = panel(page).locator(".date-form")
    form.wait_for(timeout=20_000)
    form.locator("input[type=text]").nth(0).fill("<b>soon</b>")
    form.get_by_role("button", name="Save the date").click()
    message = panel(page).locator(".correction-message")
    message.wait_for(timeout=10_000)
    assert "is not a date" in message.inner_text()
    assert page.locator("b", has_text="soon").count() == 0  # shown as text, not markup


def test_move_a_route_end_to_a_place_found_by_name(page, page_at, own_store):
    store = Store(own_store)
    route = store.features(["routes"])[-1]
    page_at(route.id)
    search = panel(page).locator(".place-search input")
    search.wait_for(timeout=20_000)
    search.fill("Kandahar")
    search.press("Enter")
    results = panel(page).locator(".search-results .candidate")
    results.first.wait_for(timeout=10_000)
    first = results.first
    place_id = first.get_attribute("data-place")
    name = first.locator(".cand-name").inner_text()
    first.get_by_role("button", name="Move the destination here").click()
    panel(page).locator(".corrected-box").wait_for(timeout=10_000)
    page.locator(f"#{ids.PANEL} .route-ends").get_by_text(f"→ {name}", exact=False).wait_for(timeout=10_000)
    moved = next(f for f in store.features(["routes"]) if f.id == route.id)
    assert moved.properties["destination_id"] == place_id
    assert moved.properties["machine"]["destination_id"] == route.properties["destination_id"]
