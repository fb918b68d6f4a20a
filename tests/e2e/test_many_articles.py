"""An archive of many articles, in a real browser: a place named in many of them shows its citations a
page at a time, the article filter finds any of them by what is typed, and an article's markup in a
cited sentence is shown as text.

A world of its own: one town named in 120 reports (more than two pages of citations), and one strike
told in a report whose text carries markup.
"""

from __future__ import annotations

import datetime as dt

import pytest
from harness import served, visible_ids, wait_for_map

from sortie.dashboard import ids
from sortie.dashboard.app import create_app
from sortie.dashboard.corpus import Corpus
from sortie.dashboard.panels import CITATION_PAGE
from sortie.dashboard.views import ARTICLE_OPTIONS
from sortie.geodata.records import Article, Citation, Feature

pytestmark = pytest.mark.browser

REPORTS = 120
TOWN = "Tal Afar"


def report(i: int) -> Article:
    return Article(
        f"r{i:03d}.txt",
        f"Drones were seen over {TOWN} on the morning of day {i}, residents said.",
        title=f"Report {i}",
        source="Wire",
        published=dt.date(2021, 1, 1) + dt.timedelta(days=i),
    )


ARTICLES = [report(i) for i in range(REPORTS)]
# Script and an image that runs script, in the cited sentence itself.
HOSTILE = Article(
    "markup.txt",
    'Jets struck <script>window.__pwned = 1</script> a depot <img src=x onerror="window.__pwned = 2"> '
    "near Mosul on 2 March 2021.",
    title="Markup",
    published=dt.date(2021, 3, 2),
)


def cite(article: Article, mention: str) -> Citation:
    start = article.text.index(mention)
    return Citation(article.doc, article.text, 0, len(article.text), start, start + len(mention))


TOWN_FEATURE = Feature(
    "places:town",
    "places",
    TOWN,
    "city",
    {"type": "Point", "coordinates": [42.45, 36.37]},
    "IQ",
    "city",
    None,
    None,
    None,
    tuple(cite(a, TOWN) for a in ARTICLES),
)
STRIKE = Feature(
    "events:strike",
    "events",
    "Strike near Mosul",
    "air_strike",
    {"type": "Point", "coordinates": [43.13, 36.34]},
    "IQ",
    "city",
    dt.date(2021, 3, 2),
    dt.date(2021, 3, 2),
    "day",
    (cite(HOSTILE, "Mosul"),),
)


@pytest.fixture(scope="module")
def base_url():
    """This module's own app (the `page` fixture checks every request goes to it)."""
    with served(create_app(corpus=Corpus.from_records([TOWN_FEATURE, STRIKE], [*ARTICLES, HOSTILE]))) as url:
        yield url


def shown(page) -> int:
    return page.locator(f"#{ids.PANEL} .citation").count()


def test_a_place_named_in_many_articles_shows_its_citations_a_page_at_a_time(page, base_url):
    assert REPORTS > 2 * CITATION_PAGE
    page.goto(f"{base_url}/?sel={TOWN_FEATURE.id}")
    wait_for_map(page)
    panel = page.locator(f"#{ids.PANEL}")
    panel.locator(".citation").first.wait_for(timeout=10_000)
    assert shown(page) == CITATION_PAGE
    assert panel.locator("h4").text_content() == f"Citations: {CITATION_PAGE} of {REPORTS}"
    more = panel.locator(".citations-more")
    assert more.inner_text() == f"Show {CITATION_PAGE} more ({REPORTS - CITATION_PAGE} not shown)"
    # The first page is the first reports, each its sentence with the town marked.
    quotes = panel.locator(".citation-text").all_inner_texts()
    assert quotes == [a.text for a in ARTICLES[:CITATION_PAGE]]
    assert panel.locator(".citation-text mark").first.inner_text() == TOWN

    more.click()
    page.wait_for_function(f"() => document.querySelectorAll('#{ids.PANEL} .citation').length === 100")
    # A keyboard user goes on reading where the new citations begin.
    focused = page.evaluate(
        "() => document.activeElement.closest('.citation').querySelector('.citation-text').innerText"
    )
    assert focused == ARTICLES[CITATION_PAGE].text
    rest = REPORTS - 2 * CITATION_PAGE
    assert more.inner_text() == f"Show {rest} more ({rest} not shown)"

    more.click()
    page.wait_for_function(
        f"(n) => document.querySelectorAll('#{ids.PANEL} .citation').length === n", arg=REPORTS
    )
    assert panel.locator(".citations-more").count() == 0
    assert panel.locator("h4").text_content() == "Citations"
    assert panel.locator(".citation-text").last.inner_text() == ARTICLES[-1].text
    # Each citation opens its own article with the sentence highlighted.
    link = panel.locator(".citation-link").last.get_attribute("href")
    page.goto(base_url + link)
    page.locator(f"#{ids.HIGHLIGHT}").wait_for()
    assert page.locator(f"#{ids.HIGHLIGHT}").inner_text() == ARTICLES[-1].text


def test_a_new_selection_starts_again_at_one_page(page, base_url):
    page.goto(f"{base_url}/?sel={TOWN_FEATURE.id}")
    wait_for_map(page)
    panel = page.locator(f"#{ids.PANEL}")
    panel.locator(".citations-more").click()
    page.wait_for_function(f"() => document.querySelectorAll('#{ids.PANEL} .citation').length === 100")
    page.locator(f"#{ids.FEATURE_LIST} [data-feature='{STRIKE.id}']").click()
    panel.locator(".panel-title").get_by_text(STRIKE.name, exact=True).wait_for()
    page.wait_for_function(f"() => document.querySelectorAll('#{ids.PANEL} .citation').length === 1")
    page.locator(f"#{ids.FEATURE_LIST} [data-feature='{TOWN_FEATURE.id}']").click()
    panel.locator(".panel-title").get_by_text(TOWN, exact=True).wait_for()
    page.wait_for_function(
        f"(n) => document.querySelectorAll('#{ids.PANEL} .citation').length === n", arg=CITATION_PAGE
    )


def test_the_article_filter_finds_any_article_of_the_archive_by_what_is_typed(page, base_url):
    assert REPORTS > ARTICLE_OPTIONS
    page.goto(base_url)
    wait_for_map(page)
    page.locator(f"#{ids.ARTICLE_FILTER}").click()
    # A page of the archive is offered at once; what is typed is looked for in all of it, in any case.
    offered = page.locator(".dash-dropdown-option")
    offered.first.wait_for()
    assert offered.count() == ARTICLE_OPTIONS
    page.keyboard.type("report 117")
    page.get_by_role("option", name="Report 117", exact=True).click()
    page.wait_for_function("() => location.search.includes('article=r117.txt')")
    assert visible_ids(page, 1) == [TOWN_FEATURE.id]
    # A view shared with its article names it in the filter.
    page.goto(f"{base_url}/?article=r117.txt")
    wait_for_map(page)
    page.locator(f"#{ids.ARTICLE_FILTER}").get_by_text("Report 117", exact=True).wait_for()
    assert visible_ids(page, 1) == [TOWN_FEATURE.id]


def test_markup_in_a_cited_sentence_is_shown_as_text_and_runs_nothing(page, base_url):
    page.goto(f"{base_url}/?sel={STRIKE.id}")
    wait_for_map(page)
    quote = page.locator(f"#{ids.PANEL} .citation-text")
    quote.wait_for(timeout=10_000)
    assert quote.inner_text() == HOSTILE.text
    assert quote.locator("mark").inner_text() == "Mosul"
    assert page.locator(f"#{ids.PANEL} script, #{ids.PANEL} img").count() == 0
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__pwned === undefined")
