"""The list of features in view, as the page draws it from the rows the server sends: names that are
markup stay text, the list stops at 200 rows and says how many it left out, and a row click selects.

A world of its own: 202 towns, one of which an article named with markup that would run script.
"""

from __future__ import annotations

import datetime as dt

import pytest
from harness import served, wait_for_map

from sortie.dashboard import ids
from sortie.dashboard.app import create_app
from sortie.dashboard.corpus import Corpus
from sortie.geodata.records import Article, Citation, Feature

pytestmark = pytest.mark.browser

DOC = "report.txt"
TEXT = "Troops moved through the towns of the valley."
CITE = (Citation(DOC, TEXT, 0, len(TEXT), 0, 6),)
HOSTILE_NAME = '<img src=x onerror="window.__pwned = 1"><b>Ghost town</b>'


def town(k: int, name: str) -> Feature:
    return Feature(
        f"places:t{k:03d}",
        "places",
        name,
        "town",
        {"type": "Point", "coordinates": [20.0 + (k % 20) * 0.1, 40.0 + (k // 20) * 0.1]},
        "GR",
        "city",
        dt.date(2021, 5, 1),
        dt.date(2021, 5, 1),
        "day",
        CITE,
    )


# Rows are sorted by date, then name: the hostile name ("<...") comes before "Town ...".
FEATURES = [town(0, HOSTILE_NAME)] + [town(k, f"Town {k:03d}") for k in range(1, 202)]


@pytest.fixture(scope="module")
def base_url():
    corpus = Corpus.from_records(
        FEATURES, [Article(DOC, TEXT, title="Report", published=dt.date(2021, 5, 2))]
    )
    with served(create_app(corpus=corpus)) as url:
        yield url


def test_the_list_shows_names_as_text_and_says_what_it_left_out(page, base_url):
    page.goto(base_url)
    wait_for_map(page)
    rows = page.locator(f"#{ids.FEATURE_LIST} .item")
    rows.first.wait_for()
    assert rows.count() == 200
    assert page.locator(f"#{ids.FEATURE_COUNT}").inner_text() == "(202)"
    assert page.locator(f"#{ids.FEATURE_LIST}").get_by_text("… and 2 more (narrow the filters)").is_visible()
    # The markup in the name is shown as it was written, and none of it became an element or ran.
    assert rows.first.locator(".item-name").inner_text() == HOSTILE_NAME
    assert page.locator(f"#{ids.FEATURE_LIST} img, #{ids.FEATURE_LIST} b").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    # A click on a row selects its feature.
    rows.nth(5).click()
    page.locator(f"#{ids.PANEL} .panel-title").get_by_text("Town 005", exact=True).wait_for()
    assert "sel=places%3At005" in page.url or "sel=places:t005" in page.url
