"""`--fetch`: web pages and RSS/Atom feeds read from the network, the one place Sortie goes online.

Nothing here runs unless the user gave `--fetch`; `refuse_urls` is the check that stops a URL
argument otherwise. Requests are plain HTTP(S) GETs with a timeout, a size cap and a User-Agent
naming Sortie; a feed's items are fetched one by one and extracted as saved pages are
(`sortie.geodata.pages`). The network loop yields Articles and errors; the pure parts (`doc_id`,
`feed_items`) are tested on their own.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import http.client
import io
import ipaddress
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.message import Message
from typing import IO, Any
from urllib.parse import urlsplit

from sortie.geodata.errors import InputError, SortieError
from sortie.geodata.pages import MAX_PAGE_BYTES, NO_DATE, read_page
from sortie.geodata.progress import Progress
from sortie.geodata.records import Article

USER_AGENT = "Sortie/0.1 (offline news-to-map tool; fetching because its user asked with --fetch)"
# Seconds to wait for a server to connect or to send the next bytes, and for a whole answer.
TIMEOUT = 20.0
DEADLINE = 60.0
MAX_BYTES = MAX_PAGE_BYTES
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
# Feed types by name; generic XML (text/xml, application/xml) is a feed only if it starts as one.
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
# The first element of an RSS, Atom or RDF feed, after the XML declaration, processing instructions
# (many feeds carry an xml-stylesheet one) and comments.
_FEED_START = re.compile(rb"^\s*(?:(?:<\?.*?\?>|<!--.*?-->)\s*)*<(?:rss|feed|rdf:RDF)\b", re.S)


class OfflineError(SortieError):
    """A URL was given without --fetch."""


def is_url(arg: str) -> bool:
    parts = urlsplit(str(arg))
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def refuse_urls(args: Iterable[str]) -> None:
    """Raise OfflineError naming the first URL among `args` (checked before anything is read)."""
    for arg in args:
        if is_url(str(arg)):
            raise OfflineError(
                f"{arg}: is a URL, and Sortie works offline: add --fetch to let it fetch web pages"
                " and feeds (the only time it goes online)"
            )


def hosts(urls: Iterable[str]) -> list[str]:
    """The distinct hosts (host:port when a port is given) of `urls`, in order of appearance."""
    return list(dict.fromkeys(urlsplit(u).netloc.lower() for u in urls))


def doc_id(url: str) -> str:
    """A stable, file-name-like article id for a fetched page: host, last path word, short hash.

    The same URL always gets the same id, so fetching it again replaces the article or finds it
    unchanged, as ingesting a file of the same name does.
    """
    parts = urlsplit(url)
    words = [w for w in parts.path.split("/") if w]
    slug = re.sub(r"[^a-z0-9]+", "-", re.sub(r"\.html?$", "", words[-1].lower()) if words else "")
    slug = slug.strip("-")[:60] or "index"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    host = re.sub(r"[^a-z0-9.-]+", "-", parts.netloc.lower())
    return f"{host}_{slug}_{digest}.html"


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    data: bytes
    content_type: str
    charset: str | None


@dataclass(frozen=True, slots=True)
class FeedItem:
    link: str
    title: str | None
    published: dt.date | None


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib would also follow one to ftp)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(newurl):
            raise urllib.error.HTTPError(
                req.full_url, code, f"redirect to a non-HTTP URL {newurl!r}", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def get(url: str) -> Response:
    """GET `url`; an InputError naming the URL for every way it can fail."""
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=TIMEOUT) as resp:
            declared = resp.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_BYTES:
                raise InputError(url, f"too large ({int(declared):,} bytes; the limit is {MAX_BYTES:,})")
            data = _read(resp, url)
            headers: Message = resp.headers
            if headers.get("Content-Encoding", "").strip().lower() in ("gzip", "x-gzip"):
                # Not asked for, but some servers compress anyway.
                data = _gunzip(data, url)
            return Response(resp.geturl(), data, headers.get_content_type(), headers.get_content_charset())
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise InputError(url, f"no answer within {TIMEOUT:g} s") from None
        raise InputError(url, f"cannot be fetched ({getattr(reason, 'strerror', None) or reason})") from None
    except TimeoutError:
        raise InputError(url, f"no answer within {TIMEOUT:g} s") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:  # a reset connection, a bad URL
        raise InputError(url, f"cannot be fetched ({type(exc).__name__}: {exc})") from None


def _read(resp: Any, url: str) -> bytes:
    """The body, at most MAX_BYTES, within DEADLINE seconds: TIMEOUT bounds each wait for the
    next bytes, so a server sending a trickle would otherwise hold Sortie for ever."""
    end = time.monotonic() + DEADLINE
    chunks: list[bytes] = []
    size = 0
    while chunk := resp.read1(65536):  # what has come, not a full 64 KB: the deadline is checked as it comes
        size += len(chunk)
        if size > MAX_BYTES:
            raise InputError(url, f"too large (over {MAX_BYTES:,} bytes)")
        if time.monotonic() > end:
            raise InputError(url, f"still sending after {DEADLINE:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _gunzip(data: bytes, url: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(MAX_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise InputError(url, f"a broken gzip-compressed answer ({exc})") from None
    if len(out) > MAX_BYTES:
        raise InputError(url, f"too large once decompressed (over {MAX_BYTES:,} bytes)")
    return out


def private_link(feed: str, link: str) -> bool:
    """True when a feed on a public host links to this machine or a private network: a feed from
    outside must not make Sortie request addresses inside (an admin page, a cloud metadata service).
    Judged on the link's literal host; names are not resolved."""
    return _inside(urlsplit(link).hostname) and not _inside(urlsplit(feed).hostname)


def _inside(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local or address.is_reserved


def is_feed(response: Response) -> bool:
    """A feed by its Content-Type, or by its first element when the server says only "XML" or
    nothing useful (a page served as text/html is a page, whatever it holds)."""
    if response.content_type in _PAGE_TYPES:
        return False
    return response.content_type in _FEED_TYPES or bool(_FEED_START.match(response.data[:4096]))


def feed_items(data: bytes, url: str) -> list[FeedItem]:
    """Each entry's link, title and published (else updated) date. Offline: the bytes are wrapped
    in a stream, since feedparser fetches any string it takes for a URL."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": url})
    if not parsed.entries and parsed.get("bozo"):
        raise InputError(url, f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')})")
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        date = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        items.append(FeedItem(str(link), entry.get("title") or None, date))
    return items


def fetch_articles(
    urls: Iterable[str], published: dt.date | None = None, stream: IO[str] | None = None
) -> Iterator[Article | InputError]:
    """The article behind every URL: a page, or each item of a feed. `published` (--published)
    overrides every date; else a feed item's date overrides the page's. Says on `stream` (stderr)
    that it goes online, and where, before the first request."""
    urls = list(urls)
    with Progress(len(urls), "fetching", "pages", stream) as progress:
        progress.say(f"going online (--fetch): fetching {len(urls)} URL(s) from {', '.join(hosts(urls))}")
        for url in urls:
            try:
                response = get(url)
                if _moved_host(url, response.url):
                    progress.say(f"note: {url} redirected to {response.url}")
                if not is_feed(response):
                    yield _article(url, response, published)
                    continue
                items = feed_items(response.data, response.url)
            except InputError as exc:
                yield exc
                continue
            finally:
                progress.advance()
            links = [i.link for i in items if is_url(i.link)]
            progress.say(
                f"{url}: feed with {len(items)} item(s); fetching them from {', '.join(hosts(links))}"
            )
            progress.grow(len(items))
            for item in items:
                try:
                    if not is_url(item.link):
                        raise InputError(
                            f"{url} [{item.title or item.link}]", "its link is not an http(s) URL"
                        )
                    if private_link(url, item.link):
                        raise InputError(
                            f"{url} [{item.link}]",
                            "a feed from outside links to this machine or a private network: not fetched",
                        )
                    # The feed's date wins over the page's: it is the publisher's own list of what it
                    # published when, and pages often carry none or only their last update.
                    yield _article(item.link, get(item.link), published or item.published)
                except InputError as exc:
                    yield exc
                finally:
                    progress.advance()


def _moved_host(asked: str, got: str) -> bool:
    return urlsplit(asked).netloc.lower() != urlsplit(got).netloc.lower()


def _article(url: str, response: Response, published: dt.date | None) -> Article:
    if response.content_type not in _PAGE_TYPES and not response.data.lstrip()[:1] == b"<":
        raise InputError(url, f"not a web page or a feed (Content-Type {response.content_type})")
    page = read_page(response.data, url, url=response.url, charset=response.charset)
    date = published or page.published
    return Article(
        doc=doc_id(url),
        text=page.text,
        path=url,
        title=page.title,
        source=page.source,
        published=date,
        notes=(*page.notes, *(() if date else (NO_DATE,))),
        url=page.url or response.url,
    )
