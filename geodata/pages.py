"""Saved web pages (`.html`, `.htm`): the article's text and metadata, extracted offline.

trafilatura finds the main text (leaving out navigation, adverts, related links, comments) and the
page's own metadata (OpenGraph, JSON-LD, `<meta>` tags, the byline, the URL). Every call here gets
the page as bytes or a parsed tree, never a string, so nothing goes online: htmldate (which dates
the page for trafilatura) downloads any string that starts with "http", and feedparser any string
it takes for a URL (`sortie.geodata.fetch` wraps feeds in a stream for that reason).

The article's text is what the extractor gives, one paragraph a line, with a blank line between
paragraphs and the title first (as a `.txt` article is written), so offsets and citations point into
it and "Read the article" shows it. Markup never survives: the extractor drops `<script>`, `<style>`
and every attribute, and an escaped tag in the prose ("&lt;script&gt;") comes out as plain text.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sortie.geodata.errors import InputError

HTML_SUFFIXES = (".html", ".htm")
# A saved news page carries its scripts, styles and inline data: 100 KB to a few MB for a few
# kilobytes of prose. Past this it is not one article page (and trafilatura would take seconds).
MAX_PAGE_BYTES = 10_000_000
# The extracted text goes to spaCy, which refuses texts over 1,000,000 characters.
MAX_TEXT_CHARS = 1_000_000
# Magic numbers of the files most often saved or renamed by mistake as .html.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_TAG = re.compile(r"<\s*(?:html|head|body|p|div|article|title|meta|h[1-6])\b", re.I)
# Said of an article whose page states no date, when neither meta.json nor --published gives one.
NO_DATE = (
    "no publication date in the page (its metadata, URL or byline): relative dates such as"
    " 'on Monday' are left undated; give the date in meta.json or with --published"
)
# Words in the longest line of an article's text, at the least: a front page extracts as headlines
# and menu entries, none of them a sentence of this length.
_PROSE_WORDS = 12
# Between a headline and the site's name in <title>: "Headline | Site", "Site - Headline".
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\u2013\u2014-]|::|\u00bb)\s+")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


@dataclass(frozen=True, slots=True)
class Page:
    """What a web page gives Sortie: the article's text and the metadata the page states."""

    text: str
    title: str | None
    source: str | None  # the outlet (the site's name)
    published: dt.date | None
    url: str | None
    notes: tuple[str, ...] = ()


def is_page(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)


def read_page(data: bytes, where: str, url: str | None = None, charset: str | None = None) -> Page:
    """Extract one page's article. `where` names it in errors; `url` is where it was fetched from and
    `charset` what the server said the encoding is (both None for a saved file)."""
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(
            where, f"too large for a web page ({len(data):,} bytes; the limit is {MAX_PAGE_BYTES:,})"
        )
    html, notes = _decode(data, where, charset)
    if not _TAG.search(html[:65536]):
        raise InputError(where, "no HTML markup in it: if it is plain text, name it .txt")
    found = _extract(html, where, url)
    title = _title(found)
    text = _article_text(found.get("text") or "", title)
    if not text:
        raise InputError(
            where,
            "no article text found in the page, only short lines such as menus and headlines (a front"
            " page, a list of links, a login or cookie wall, or a page whose text is loaded by script?)",
        )
    if text.count("\ufffd") > max(3, len(text) // 200):
        raise InputError(where, "garbled text (many undecodable characters): is the page's encoding right?")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            where, f"the article text is too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})"
        )
    published = _date(found.get("date"))
    page_url = http_url(found.get("url")) or http_url(url) or _saved_from(html)
    return Page(text, title, _clean(found.get("sitename")), published, page_url, tuple(notes))


def _saved_from(html: str) -> str | None:
    """The URL a browser notes atop a page it saved ("<!-- saved from url=(0052)https://... -->"),
    for a page whose metadata names none."""
    match = _SAVED_FROM.search(html[:2048])
    return http_url(match.group(1)) if match else None


def _decode(data: bytes, where: str, charset: str | None) -> tuple[str, list[str]]:
    """The page as text: a byte-order mark, else UTF-8, else the charset the server or the page
    declares, else Windows-1252 (said in a note). Binary files are refused by name."""
    if not data.strip():
        raise InputError(where, "the file is empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(where, f"binary file ({what}); expected an HTML page")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, where), []
    if b"\x00" in data[:8192]:
        raise InputError(where, "binary file (NUL bytes found); expected an HTML page")
    declared = charset or _declared_charset(data)
    notes: list[str] = []
    # UTF-8 first: text in another encoding is hardly ever valid UTF-8, while pages saved or served
    # as UTF-8 often still declare the charset they were first written in.
    for encoding in [e for e in ("utf-8", declared) if e]:
        try:
            text = data.decode(encoding)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    else:
        # Windows-1252 decodes almost any byte: the note says so, in case the words come out wrong.
        text = data.decode("cp1252", errors="replace")
        notes.append("not UTF-8 and no usable charset declared: read as Windows-1252")
    text = text.lstrip("\ufeff")
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(sample) // 20):
        raise InputError(where, "binary or garbled file (mostly control characters); expected an HTML page")
    return text, notes


def _strict(data: bytes, encoding: str, where: str) -> str:
    try:
        return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as exc:
        name = encoding.upper()
        raise InputError(where, f"has a {name} byte-order mark but is not {name} ({exc.reason})") from None


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _extract(html: str, where: str, url: str | None) -> dict[str, Any]:
    """trafilatura's main text and metadata, as a dict (imported here: it takes a while to load)."""
    for name in _LOGGERS:
        # Their warnings ("wrong encoding detected") would go to the terminal through logging's
        # last-resort handler; what matters reaches the user as Sortie's own errors and notes.
        logging.getLogger(name).addHandler(logging.NullHandler())
        logging.getLogger(name).propagate = False
    import trafilatura

    try:
        tree = _load_html(html)
    except Exception as exc:  # lxml on a pathological document (nesting past its limits)
        raise InputError(where, f"the HTML parser failed ({type(exc).__name__}: {exc})") from None
    if tree is None:
        raise InputError(where, "not an HTML page the parser can read")
    heads = tree.xpath("//head/title/text()")
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,  # readers' comments are not the article
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            # The date from the page's metadata, URL and byline only: htmldate's "extensive" search
            # reads dates out of the prose too, and would take an event's date for the report's.
            date_extraction_params={
                "extensive_search": False,
                "original_date": True,
                "max_date": dt.date.today().isoformat(),  # noqa: DTZ011 - a calendar day, as htmldate takes it
            },
        )
    except Exception as exc:  # a fault inside the extractor must cost only this page
        raise InputError(where, f"the HTML extractor failed ({type(exc).__name__}: {exc})") from None
    found = {} if doc is None else doc if isinstance(doc, dict) else dict(doc.as_dict())
    return {**found, "page_title": " ".join(heads)}


def _load_html(html: str) -> Any:
    """An lxml tree of the page. Parsed here, so no library ever sees a string it might take for a
    URL to download (htmldate's `load_html` fetches any string starting with "http")."""
    from trafilatura import load_html

    # A leading "http..." line is text, not a URL: it is never passed on as a string.
    return load_html(html.encode("utf-8"))


def _title(found: dict[str, Any]) -> str | None:
    """The headline. trafilatura reads it from OpenGraph, JSON-LD, <h1> or <title>; when that gives
    only the site's name ("Harbour Watch - Navy patrol plane ..."), the rest of <title> is the headline."""
    title, site = _clean(found.get("title")), _clean(found.get("sitename"))
    if title and (not site or _key(title) != _key(site)):
        return title
    parts = [_clean(p) for p in _TITLE_SEPARATORS.split(found.get("page_title") or "")]
    rest = [p for p in parts if p and (not site or _key(p) != _key(site))]
    # The site's name alone is no headline: better none than the outlet heading every article.
    return max(rest, key=len) if rest else None


def _article_text(extracted: str, title: str | None) -> str:
    """Paragraphs separated by blank lines, the title first when the body does not begin with it."""
    lines = [" ".join(line.split()) for line in extracted.splitlines()]
    paragraphs = [line for line in lines if line]
    title = _clean(title)
    if title and (not paragraphs or _key(paragraphs[0]) != _key(title)):
        paragraphs.insert(0, title)
    # Menus, headlines and link lists are short lines; an article has at least one line of prose.
    if not any(len(p.split()) >= _PROSE_WORDS for p in paragraphs):
        return ""
    return "\n\n".join(paragraphs)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def http_url(value: object) -> str | None:
    """An absolute http(s) URL, or None: a `javascript:` or relative og:url is no source to show."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    parts = urlsplit(value)
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None
