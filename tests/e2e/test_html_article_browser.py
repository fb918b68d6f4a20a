"""A saved web page in the dashboard: "Read the article" shows the extracted text, and the page's
scripts and event handlers never run."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from harness import served, wait_for_map

from sortie.dashboard import ids
from sortie.geodata.store.geopackage import Store

pytestmark = pytest.mark.browser

HTML = Path(__file__).resolve().parents[1] / "data" / "html"
BOMBERS = "ledger-bombers.html"
HOSTILE = "hostile.html"


# These two override the session's seed store for this module: the `page` fixture serves this one.
@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sortie.geodata.store.ingest import ingest_paths

    folder = tmp_path_factory.mktemp("pages")
    saved = folder / "saved"
    saved.mkdir()
    for name in (BOMBERS, HOSTILE):
        shutil.copy(HTML / name, saved)
    path = folder / "pages.gpkg"
    assert ingest_paths([str(saved)], store=str(path)) == 0
    return path


@pytest.fixture(scope="module")
def base_url(store_path: Path) -> Iterator[str]:
    from sortie.dashboard.app import create_app

    with served(create_app(store_path)) as url:
        yield url


def test_read_the_article_shows_the_pages_extracted_text_with_the_cited_sentence(page, base_url, store_path):
    store = Store(store_path)
    text = store.article(BOMBERS).text
    (fairford,) = [f for f in store.features() if f.layer == "places" and f.name == "RAF Fairford"]
    page.goto(base_url)
    wait_for_map(page)
    page.locator(f"#{ids.FEATURE_LIST} .item[title='{fairford.id}']").click()
    link = page.locator(".citation-link").first
    link.wait_for()
    sentence = page.locator(".citation-text").first.inner_text()
    assert "RAF Fairford" in sentence
    # The new tab is watched from its first moment, as the fixture watches the map's page.
    def watch(tab):
        tab.on("dialog", lambda d: (page.log.dialogs.append(d.message), d.dismiss()))
        tab.on("pageerror", lambda e: page.log.errors.append(f"uncaught: {e}"))
        tab.on("request", lambda r: page.log.requests.append(r.url))

    page.context.on("page", watch)
    with page.expect_popup() as opened:
        link.click()
    article = opened.value
    mark = article.locator(f"#{ids.HIGHLIGHT}")
    mark.wait_for()
    assert mark.inner_text() == sentence
    shown = article.locator(".article-text").inner_text()
    # The page's prose, as extracted: the title first, then the paragraphs; no menu, advert or footer.
    assert shown.strip() == text.strip()
    assert shown.startswith("US bombers arrive in England for Baltic exercise")
    assert "Residents near the base reported the first aircraft touching down" in shown
    for boilerplate in ("Holiday cottages", "Related stories", "All rights reserved", "cookies"):
        assert boilerplate not in shown
    assert "The Northern Ledger · 2024-03-05" in article.locator(".citation-source").inner_text()
    original = article.locator("a.article-url")
    assert original.get_attribute("href") == store.article(BOMBERS).url
    assert "noopener" in (original.get_attribute("rel") or "")
    article.close()


def test_a_hostile_page_shows_its_words_as_text_and_runs_nothing(page, base_url, store_path):
    text = Store(store_path).article(HOSTILE).text
    start = text.index("One official said")
    end = text.index("\n", start)
    page.goto(f"{base_url}/article/{quote(HOSTILE)}?s={start}&e={end}")
    mark = page.locator(f"#{ids.HIGHLIGHT}")
    mark.wait_for()
    assert (
        "the writing <script>window.__pwned = 'text'; alert('text')</script> was found" in mark.inner_text()
    )
    body = page.locator(".article-text")
    assert "An armed drone struck a fuel depot near Kandahar" in body.inner_text()
    # Nothing of the page became markup: no element inside the text but the highlight.
    assert body.evaluate("(el) => [...el.querySelectorAll('*')].map((e) => e.tagName)") == ["MARK"]
    assert page.evaluate("() => window.__pwned === undefined")
    # og:url was a javascript: URL: no link to the original is offered.
    assert page.locator("a.article-url").count() == 0
    page.wait_for_timeout(300)  # any handler that could fire (onload, onerror) has had its chance
