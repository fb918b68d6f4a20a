"""`--fetch`: pages and feeds from a real HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import datetime as dt
import gzip
import http.server
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sortie.geodata import fetch
from sortie.geodata.articles import load_articles
from sortie.geodata.cli import main
from sortie.geodata.errors import InputError
from sortie.geodata.fetch import OfflineError, doc_id
from sortie.geodata.pages import NO_DATE
from sortie.geodata.records import Article

HTML = Path(__file__).parent / "data" / "html"


class Site:
    """A local web site: the fixture pages, the feeds pointing at them, and a few bad answers."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.requests: list[tuple[str, str]] = []  # (path, User-Agent)
        self.base = ""


def _handler(site: Site) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site.root), **kwargs)

        def log_message(self, *args):  # keep the test output clean
            pass

        def do_GET(self):
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            if self.path == "/slow.html":
                time.sleep(1.5)
            elif self.path == "/huge.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(b"<html><body><p>" + b"word " * 4000 + b"</p></body></html>")
                return
            elif self.path == "/gzipped.html":
                body = gzip.compress((site.root / "ledger-bombers.html").read_bytes())
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            elif self.path == "/trickle.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(50):  # a byte every 0.2 s for 10 s: never silent for long
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.2)
                return
            elif self.path == "/to-ftp":
                self.send_response(302)
                self.send_header("Location", "ftp://127.0.0.1/file.html")
                self.end_headers()
                return
            elif self.path == "/moved":
                self.send_response(301)
                self.send_header("Location", "/ledger-bombers.html")
                self.end_headers()
                return
            super().do_GET()

    return Handler


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    root = tmp_path / "site"
    shutil.copytree(HTML, root)
    (root / "slow.html").write_bytes((HTML / "undated.html").read_bytes())
    (root / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    s = Site(root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    s.base = f"http://127.0.0.1:{server.server_port}"
    for name in ("feed.rss", "feed.atom"):
        path = root / name
        path.write_text(path.read_text(encoding="utf-8").replace("{base}", s.base), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield s
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_without_fetch_a_url_is_refused_and_nothing_is_requested(site, capsys):
    url = f"{site.base}/ledger-bombers.html"
    assert main(["parse", url]) == 2
    err = capsys.readouterr().err
    assert url in err and "offline" in err and "--fetch" in err
    with pytest.raises(OfflineError):
        list(load_articles([url]))
    assert site.requests == []


def test_with_fetch_a_page_is_extracted_as_a_saved_one_and_the_user_is_told(site, capsys):
    url = f"{site.base}/ledger-bombers.html"
    [article] = load_articles([url], fetch=True)
    assert isinstance(article, Article)
    saved = next(iter(load_articles([HTML / "ledger-bombers.html"])))
    assert article.text == saved.text
    assert (article.title, article.source, article.published) == (saved.title, saved.source, saved.published)
    assert article.doc == doc_id(url) and article.doc.endswith(".html")
    assert article.path == url
    # The page's own canonical URL, not the one it was fetched from.
    assert article.url == saved.url
    err = capsys.readouterr().err
    assert "going online" in err and f"127.0.0.1:{site.base.rsplit(':', 1)[1]}" in err
    [(path, agent)] = site.requests
    assert path == "/ledger-bombers.html" and agent.startswith("Sortie/")


def test_a_feed_brings_each_item_with_the_feeds_date(site, capsys):
    items = list(load_articles([f"{site.base}/feed.rss"], fetch=True))
    assert [type(i) for i in items] == [Article, Article]
    undated, bombers = items
    # The page has no date; its feed does (Fri, 19 Jan 2024 18:30 +0000).
    assert undated.published == dt.date(2024, 1, 19)
    assert NO_DATE not in undated.notes
    assert undated.title == "Tanker aircraft refuel fighters over the Black Sea"
    assert bombers.published == dt.date(2024, 3, 5)
    assert [p for p, _ in site.requests] == ["/feed.rss", "/undated.html", "/ledger-bombers.html"]
    assert all(agent.startswith("Sortie/") for _, agent in site.requests)
    err = capsys.readouterr().err
    assert "feed with 2 item(s)" in err


def test_an_atom_feed_uses_the_published_date_not_the_updated_one(site):
    [article] = load_articles([f"{site.base}/feed.atom"], fetch=True)
    # published 2024-06-10T21:15Z; updated (2024-06-12) and the page's own date (2024-06-11) lose.
    assert article.published == dt.date(2024, 6, 10)
    assert article.source == "Harbour Watch"


def test_published_flag_wins_over_the_feed(site):
    items = list(load_articles([f"{site.base}/feed.rss"], published=dt.date(2024, 2, 1), fetch=True))
    assert {a.published for a in items} == {dt.date(2024, 2, 1)}


@pytest.mark.parametrize(
    ("path", "fault"),
    [
        ("/missing.html", "HTTP 404"),
        ("/picture.png", "not a web page or a feed (Content-Type image/png)"),
        ("/to-ftp", "non-HTTP"),
        ("/frontpage.html", "no article text found"),
    ],
)
def test_a_bad_url_is_an_error_naming_it_and_the_others_still_come(site, path, fault):
    bad = f"{site.base}{path}"
    items = list(load_articles([bad, f"{site.base}/undated.html"], fetch=True))
    assert isinstance(items[0], InputError), items[0]
    assert items[0].path == bad and fault in items[0].fault
    assert isinstance(items[1], Article)


def test_a_slow_server_times_out(site, monkeypatch):
    monkeypatch.setattr(fetch, "TIMEOUT", 0.3)
    [item] = load_articles([f"{site.base}/slow.html"], fetch=True)
    assert isinstance(item, InputError) and "no answer within 0.3 s" in item.fault


def test_a_page_over_the_size_cap_is_refused(site, monkeypatch):
    monkeypatch.setattr(fetch, "MAX_BYTES", 10_000)
    [item] = load_articles([f"{site.base}/huge.html"], fetch=True)
    assert isinstance(item, InputError) and "too large" in item.fault


def test_a_server_that_keeps_sending_a_trickle_is_given_up_on(site, monkeypatch):
    monkeypatch.setattr(fetch, "DEADLINE", 1.0)
    [item] = load_articles([f"{site.base}/trickle.html"], fetch=True)
    assert isinstance(item, InputError) and "still sending after 1 s" in item.fault


def test_a_gzip_compressed_answer_is_read(site):
    [item] = load_articles([f"{site.base}/gzipped.html"], fetch=True)
    assert isinstance(item, Article) and item.title == "US bombers arrive in England for Baltic exercise"


@pytest.mark.parametrize(
    ("feed", "link", "refused"),
    [
        ("https://news.example.com/rss", "http://127.0.0.1:8080/admin", True),
        ("https://news.example.com/rss", "http://169.254.169.254/latest/meta-data/", True),
        ("https://news.example.com/rss", "http://192.168.1.1/", True),
        ("https://news.example.com/rss", "http://[::1]/", True),
        ("https://news.example.com/rss", "http://localhost/x", True),
        ("https://news.example.com/rss", "https://other.example.org/story", False),
        ("http://127.0.0.1:8000/rss", "http://127.0.0.1:8000/story", False),  # a feed of one's own
    ],
)
def test_a_public_feed_cannot_send_sortie_to_addresses_inside(feed, link, refused):
    assert fetch.private_link(feed, link) is refused


def test_a_redirect_to_another_page_is_followed(site):
    [item] = load_articles([f"{site.base}/moved"], fetch=True)
    assert isinstance(item, Article) and item.title == "US bombers arrive in England for Baltic exercise"


def test_doc_ids_are_stable_and_name_the_host_and_page():
    url = "https://news.example.com/world/2024/03/05/Bombers-Land.html?ref=rss"
    assert doc_id(url) == doc_id(url)
    assert doc_id(url).startswith("news.example.com_bombers-land_")
    assert doc_id(url) != doc_id("https://news.example.com/world/2024/03/05/Bombers-Land.html")


@pytest.mark.model
def test_ingest_with_fetch_stores_a_feeds_articles_under_their_url_ids(site, tmp_path, capsys):
    from sortie.geodata.store.geopackage import Store

    store = tmp_path / "s.gpkg"
    feed = f"{site.base}/feed.rss"
    assert main(["ingest", "--fetch", feed, "--store", str(store)]) == 0
    err = capsys.readouterr().err
    assert err.splitlines()[0] == f"sortie: going online (--fetch): fetching 1 URL(s) from {site.base[7:]}"
    assert "done: 2 added, 0 replaced, 0 unchanged, 0 failed" in err
    s = Store(store)
    doc = doc_id(f"{site.base}/undated.html")
    article = s.article(doc)
    assert article is not None and article.published == dt.date(2024, 1, 19)
    assert article.url == f"{site.base}/undated.html"  # the page names no URL of its own
    assert any(c.doc == doc for f in s.features() for c in f.citations)
    # Fetched again: the same ids, nothing changed.
    assert main(["ingest", "--fetch", feed, "--store", str(store)]) == 0
    assert "done: 0 added, 0 replaced, 2 unchanged, 0 failed" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content_type", "start", "feed"),
    [
        ("application/rss+xml", b"<rss version='2.0'>", True),
        (
            "text/xml",
            b'<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="/rss.xsl"?>\n<rss>',
            True,
        ),
        (
            "application/xml",
            b"<?xml version='1.0'?><!-- generated --><feed xmlns='http://www.w3.org/2005/Atom'>",
            True,
        ),
        ("text/xml", b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", False),
        ("text/html", b"<rss>", False),  # the server says it is a page
    ],
)
def test_a_feed_is_known_by_its_type_or_its_first_element(content_type, start, feed):
    assert fetch.is_feed(fetch.Response("http://x/", start + b"...", content_type, None)) is feed
