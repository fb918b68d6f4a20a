"""Saved web pages: the article's prose and the page's own metadata, extracted offline."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sortie.geodata.articles import load_articles, read_article
from sortie.geodata.errors import InputError
from sortie.geodata.pages import MAX_PAGE_BYTES, NO_DATE, read_page
from sortie.geodata.records import Article

HTML = Path(__file__).parent / "data" / "html"


def page(name: str):
    return read_page((HTML / name).read_bytes(), name)


def test_a_news_page_gives_its_prose_without_menus_adverts_or_related_links():
    text = page("ledger-bombers.html").text
    assert (
        "Four American B-52H bombers landed at RAF Fairford in Gloucestershire on Monday after flying"
        " from Minot Air Force Base in North Dakota, the US Air Force said." in text
    )
    assert "the last arriving about forty minutes later." in text
    assert text.rstrip().endswith("over the North Sea and the Norwegian Sea.")
    for boilerplate in (
        "cookies",  # the consent banner
        "Business",  # the section menu
        "Holiday cottages",  # adverts
        "Switch your energy supplier",
        "Tanker jets spotted",  # related links, inline and in the sidebar
        "Council sets budget",
        "Most read",
        "morning briefing",  # newsletter box
        "All rights reserved",  # footer
        "Share on social media",
        "Photograph: Ledger staff",  # the picture's caption
        "dataLayer",  # inline script
    ):
        assert boilerplate not in text


def test_title_outlet_date_and_url_come_from_the_pages_metadata():
    found = page("ledger-bombers.html")
    assert found.title == "US bombers arrive in England for Baltic exercise"
    assert found.source == "The Northern Ledger"
    assert found.published == dt.date(2024, 3, 5)
    assert found.url == "https://www.northernledger.example/world/2024/03/05/us-bombers-arrive-fairford"


def test_the_text_is_laid_out_as_a_txt_article_title_first_and_blank_lines_between_paragraphs():
    found = page("ledger-bombers.html")
    paragraphs = found.text.split("\n\n")
    assert paragraphs[0] == found.title
    assert (
        paragraphs[1]
        == "Four Stratofortress aircraft crossed the Atlantic overnight to join allied air drills."
    )
    assert all(p and "\n" not in p and p == p.strip() for p in paragraphs)


def test_an_old_windows_1252_page_with_its_headline_in_the_title_tag():
    found = page("coastal-patrol.htm")
    assert found.title == "Navy patrol plane tracks submarine off Sicily"  # not "Harbour Watch"
    assert found.source == "Harbour Watch"
    assert found.published == dt.date(2024, 6, 11)
    assert found.url is None  # the page does not say where it lives
    assert "a sight they described as \u201cmore common this year than ever.\u201d" in found.text
    assert found.text.startswith("Navy patrol plane tracks submarine off Sicily\n\nA US Navy P-8A Poseidon")
    for boilerplate in ("Subscribe", "Ship movements", "Advertise", "Noisy at night", "Readers' comments"):
        assert boilerplate not in found.text


def test_script_and_event_handlers_never_reach_the_text_and_escaped_markup_stays_text():
    found = page("hostile.html")
    text = found.text
    assert (
        "An armed drone struck a fuel depot near Kandahar on 3 March 2021, two local officials said." in text
    )
    assert "A second report said the depot had been hit again a day later, according to residents." in text
    # Real tags are gone, with their scripts and attributes.
    for trace in (
        "'head'",
        "'inline'",
        "'svg'",
        "'img'",
        "'hover'",
        "onerror",
        "onload",
        "javascript:",
        "<img",
    ):
        assert trace not in text
    # Markup that the page shows as text (it was escaped there) is text here too, shown as written.
    assert "the writing <script>window.__pwned = 'text'; alert('text')</script> was found" in text
    assert found.url is None  # og:url was a javascript: URL


def test_a_page_without_a_date_says_so_and_what_was_used(tmp_path):
    shutil.copy(HTML / "undated.html", tmp_path)
    [article] = load_articles([tmp_path])
    assert isinstance(article, Article)
    assert article.published is None
    assert NO_DATE in article.notes
    assert "--published" in NO_DATE and "meta.json" in NO_DATE
    # Given on the command line, the date is used and nothing is said.
    [dated] = load_articles([tmp_path], published=dt.date(2024, 1, 19))
    assert dated.published == dt.date(2024, 1, 19)
    assert NO_DATE not in dated.notes


def test_meta_json_overrides_what_the_page_says(tmp_path):
    shutil.copy(HTML / "ledger-bombers.html", tmp_path)
    meta = {"ledger-bombers.html": {"title": "T", "source": "Wire copy", "published": "2024-03-04"}}
    (tmp_path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    [article] = load_articles([tmp_path])
    assert (article.title, article.source, article.published) == ("T", "Wire copy", dt.date(2024, 3, 4))
    assert article.url == "https://www.northernledger.example/world/2024/03/05/us-bombers-arrive-fairford"
    assert article.doc == "ledger-bombers.html"
    assert article.text.startswith("US bombers arrive in England")  # the text is still the page's


def test_a_folder_gives_its_txt_html_and_htm_files_and_nothing_else(tmp_path):
    for name in ("ledger-bombers.html", "coastal-patrol.htm"):
        shutil.copy(HTML / name, tmp_path)
    (tmp_path / "notes.txt").write_text("Two bombers flew from Minot to Guam on Monday.", encoding="utf-8")
    (tmp_path / "style.css").write_text("body { color: red }", encoding="utf-8")
    # A browser's "save page, complete" puts the page's parts in a folder beside it: not articles.
    (tmp_path / "ledger-bombers_files").mkdir()
    shutil.copy(HTML / "frontpage.html", tmp_path / "ledger-bombers_files" / "frame.html")
    docs = [a.doc for a in load_articles([tmp_path]) if isinstance(a, Article)]
    assert docs == ["coastal-patrol.htm", "ledger-bombers.html", "notes.txt"]


@pytest.mark.parametrize(
    ("content", "fault"),
    [
        (None, "no article text found in the page, only short lines"),  # frontpage.html
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary file (a PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (a PDF document)"),
        (b"<html>" + bytes(range(1, 9)) * 2000, "binary or garbled file"),
        (b"<html><body>" + b"\x00\x01" * 500, "binary file (NUL bytes found)"),
        (
            b"Two bombers flew from Minot to Guam on Monday, the air force said in a statement.",
            "no HTML markup",
        ),
    ],
)
def test_bad_pages_get_a_specific_error_naming_the_file(tmp_path, content, fault):
    path = tmp_path / "page.html"
    if content is None:
        shutil.copy(HTML / "frontpage.html", path)
    else:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert caught.value.path == str(path)
    assert fault in caught.value.fault


def test_a_huge_page_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "dump.html"
    with path.open("wb") as f:
        f.truncate(MAX_PAGE_BYTES + 1)
    with pytest.raises(InputError, match="too large"):
        read_article(path)


def test_a_bad_page_does_not_stop_the_others(tmp_path):
    shutil.copy(HTML / "frontpage.html", tmp_path / "a.html")
    shutil.copy(HTML / "undated.html", tmp_path / "b.html")
    items = list(load_articles([tmp_path]))
    assert isinstance(items[0], InputError) and isinstance(items[1], Article)


# Run in a fresh interpreter with an audit hook that stops any socket use: extraction and its
# libraries must not try the network, even for a page whose text starts with a URL (htmldate and
# feedparser download any string that looks like one).
_OFFLINE = """
import sys
attempts = []
# What reaching another machine takes (urllib3 binds a socket to ::1 at import to test for IPv6: local).
NETWORK = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
           "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg"}
def hook(event, args):
    if event in NETWORK:
        attempts.append(f"{event} {args!r}")  # kept: a library may swallow the error raised below
        raise RuntimeError(f"went online: {event} {args!r}")
sys.addaudithook(hook)
from pathlib import Path
from sortie.geodata.pages import read_page
from sortie.geodata.fetch import feed_items
folder = Path(sys.argv[1])
for name in ("ledger-bombers.html", "coastal-patrol.htm", "hostile.html", "undated.html"):
    assert read_page((folder / name).read_bytes(), name).text
prose = b"Bombers flew from Minot to Guam on Monday, officials said. " * 9
trap = b"http://127.0.0.1:9/<html><body><p>" + prose + b"</p>"
read_page(trap, "trap.html")
feed = (folder / "feed.rss").read_bytes().replace(b"{base}", b"http://127.0.0.1:9")
assert len(feed_items(feed, "http://127.0.0.1:9/feed.rss")) == 2
assert not attempts, attempts
print("offline ok")
"""


def test_extraction_never_goes_online():
    done = subprocess.run(
        [sys.executable, "-c", _OFFLINE, str(HTML)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "offline ok"


def test_meta_json_may_give_a_url_but_only_an_http_one(tmp_path):
    (tmp_path / "a.txt").write_text("Bombers flew from Minot to Guam on Monday.", encoding="utf-8")
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps({"a.txt": {"url": "https://example.org/a"}}), encoding="utf-8")
    [article] = load_articles([tmp_path])
    assert article.url == "https://example.org/a"
    meta.write_text(json.dumps({"a.txt": {"url": "javascript:alert(1)"}}), encoding="utf-8")
    [error] = load_articles([tmp_path])
    assert isinstance(error, InputError)
    assert error.path.endswith("meta.json [a.txt].url") and "not an http(s) URL" in error.fault


def test_a_page_a_browser_saved_gives_the_url_it_noted_when_the_metadata_names_none():
    data = (HTML / "coastal-patrol.htm").read_bytes()
    saved = b"<!-- saved from url=(0047)https://harbourwatch.example/news/patrol.htm -->\r\n" + data
    assert read_page(saved, "p.htm").url == "https://harbourwatch.example/news/patrol.htm"
    assert read_page(data, "p.htm").url is None
    # The page's own canonical URL comes first.
    bombers = (
        b"<!-- saved from url=(0025)https://m.example/amp/1 -->\n"
        + (HTML / "ledger-bombers.html").read_bytes()
    )
    assert read_page(bombers, "b.html").url.startswith("https://www.northernledger.example/")
