"""Read articles from disk: `.txt` files, saved web pages (`.html`, `.htm`) and folders of them, with a
`meta.json` beside them; and, with `fetch=True` only, web pages and feeds from URLs.

Bad input never stops the other files: `load_articles` yields an `Article` or an `InputError` for
each path, in order, and the caller decides what to print. Offsets later point into the text
exactly as read here (newlines kept, no normalisation), so nothing in this module rewrites text.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from sortie.geodata.errors import InputError, MetadataError
from sortie.geodata.pages import MAX_PAGE_BYTES, NO_DATE, http_url, is_page, read_page
from sortie.geodata.records import Article

# spaCy refuses a text longer than `nlp.max_length` (1,000,000 characters by default) with an
# error that would stop the whole batch; a news article is a few kilobytes, so anything past this is a
# dump, a log or a binary. Counted in bytes, which bounds the characters for every accepted encoding.
MAX_BYTES = 1_000_000
META_FILE = "meta.json"
# What a folder gives: its text files and its saved web pages.
SUFFIXES = (".txt", ".html", ".htm")
# Starts the note on an article read without its broken meta.json: `metadata_fault` finds it, so the
# commands can report the meta.json as an error (exit 1) while still using the article's text.
METADATA_IGNORED = "metadata ignored: "
# Byte-order marks, longest first: a UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Single-byte encodings named in the error when a file is not UTF-8. cp1252 before latin-1 because
# news sites written on Windows put curly quotes in 0x91-0x94, which latin-1 reads as control codes.
_FALLBACK_ENCODINGS = ("cp1252", "latin-1")


def parse_date(value: str, where: str) -> dt.date:
    """Read an ISO date (YYYY-MM-DD), or raise an error naming `where` the bad value was."""
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise MetadataError(where, f"{value!r} is not a date (expected YYYY-MM-DD)") from None


def parse_url(value: object, where: str) -> str | None:
    """A `url` from meta.json: an absolute http(s) URL (it becomes a link in the dashboard)."""
    if value in (None, ""):
        return None
    url = http_url(value)
    if url is None:
        raise MetadataError(where, f"{value!r} is not an http(s) URL")
    return url


def decode(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Decode an article's bytes; return the text and any notes about how it was decoded.

    UTF-8 (with or without BOM) is the contract. A file in another encoding is decoded only when
    that is unambiguous (a UTF-16 or UTF-32 byte-order mark); otherwise the error says which
    encoding would work.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                name = encoding.upper()
                fault = f"has a {name} byte-order mark but is not {name} ({exc.reason})"
                raise InputError(path, fault) from None
            _check_text(text, path)
            return text, (f"decoded as {encoding.upper()} (byte-order mark found)",)
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (NUL bytes found); expected UTF-8 text" + _utf16_hint(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = _guess_encoding(data)
        raise InputError(
            path,
            f"not valid UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start})"
            + (f"; it decodes as {hint}: convert it with `iconv -f {hint} -t utf-8`" if hint else ""),
        ) from None
    _check_text(text, path)
    return text, ()


def _check_text(text: str, path: str) -> None:
    # Checked on the decoded text, so a file holding only a byte-order mark is empty too.
    if not text.strip():
        raise InputError(path, "the file is empty")
    if _looks_binary(text):
        raise InputError(path, "binary file (mostly control characters); expected UTF-8 text")


def _utf16_hint(data: bytes) -> str:
    """UTF-16 without a byte-order mark: English text has a NUL in every other byte."""
    sample = data[:8192]
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if len(sample) >= 4 and zeros.count(0) > 0.9 * len(zeros):
            return (
                f"; it looks like {encoding.upper()} without a byte-order mark:"
                f" convert it with `iconv -f {encoding} -t utf-8`"
            )
    return ""


def _guess_encoding(data: bytes) -> str | None:
    for enc in _FALLBACK_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _looks_binary(text):
            return enc
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return controls > max(8, len(sample) // 20)


def read_meta(folder: Path) -> dict[str, dict[str, Any]]:
    """Read `meta.json` in `folder` (absent: empty); a broken one raises MetadataError."""
    path = folder / META_FILE
    if not path.exists():
        return {}
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MetadataError(str(path), f"not valid JSON: {exc}") from None
    except RecursionError:
        # Python's JSON reader recurses once per level of nesting; metadata is one level of objects.
        raise MetadataError(str(path), "nested too deeply to be metadata (file name -> object)") from None
    except OSError as exc:  # a folder named meta.json, no permission
        raise MetadataError(str(path), f"cannot be read ({exc.strerror})") from None
    if not isinstance(meta, dict) or not all(isinstance(v, dict) for v in meta.values()):
        raise MetadataError(str(path), "expected an object mapping file names to objects of metadata")
    return meta


def read_article(path: Path, meta: dict[str, Any] | None = None, published: dt.date | None = None) -> Article:
    """Read one article file. `published` (from the command line) overrides the metadata, which
    overrides what a web page says of itself."""
    where = str(path)
    if not path.exists():
        raise InputError(where, "no such file")
    if path.is_dir():
        raise InputError(where, "is a folder; give its .txt or .html files or the folder as a path")
    if not path.is_file():
        # A FIFO or a device would block or never end; only regular files are articles.
        raise InputError(where, "not a regular file")
    page = is_page(path.name)
    limit = MAX_PAGE_BYTES if page else MAX_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(where, f"too large ({size:,} bytes; the limit is {limit:,})")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(where, f"cannot be read ({exc.strerror})") from None
    meta = meta or {}
    date = published
    if date is None and meta.get("published"):
        date = parse_date(str(meta["published"]), f"{path.parent / META_FILE} [{path.name}].published")
    url = parse_url(meta.get("url"), f"{path.parent / META_FILE} [{path.name}].url")
    if not page:
        text, notes = decode(data, where)
        return Article(
            doc=path.name,
            text=text,
            path=where,
            title=_str_or_none(meta.get("title")),
            source=_str_or_none(meta.get("source")),
            published=date,
            notes=notes,
            url=url,
        )
    found = read_page(data, where)
    date = date or found.published
    return Article(
        doc=path.name,
        text=found.text,
        path=where,
        title=_str_or_none(meta.get("title")) or found.title,
        source=_str_or_none(meta.get("source")) or found.source,
        published=date,
        notes=(*found.notes, *(() if date else (NO_DATE,))),
        url=url or found.url,
    )


def _str_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def metadata_fault(article: Article) -> str | None:
    """Why `article` was read without its metadata (its meta.json is broken), or None."""
    for note in article.notes:
        if note.startswith(METADATA_IGNORED):
            return note[len(METADATA_IGNORED) :]
    return None


def expand(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | InputError]:
    """Files named directly, and the `.txt`, `.html` and `.htm` files of folders (not of their
    subfolders: a saved page's `*_files` folder holds its parts), sorted; missing paths pass through.

    A folder without such a file is an InputError: a mistyped folder must not pass for an empty run.
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            try:
                files = sorted(q for q in p.iterdir() if q.suffix.lower() in SUFFIXES and q.is_file())
            except OSError as exc:
                yield InputError(str(p), f"cannot list the folder ({exc.strerror})")
                continue
            if not files:
                yield InputError(str(p), "no .txt or .html files in this folder")
            yield from files
        else:
            yield p


def load_articles(
    paths: Iterable[str | os.PathLike[str]], published: dt.date | None = None, fetch: bool = False
) -> Iterator[Article | InputError]:
    """Yield an Article, or the InputError that explains why not, for every file under `paths`.

    URLs among `paths` are fetched (after the files) only when `fetch` is true; otherwise they raise
    `OfflineError` before anything is read.
    """
    from sortie.geodata import fetch as online

    args = list(paths)
    urls = [str(a) for a in args if online.is_url(str(a))]
    if urls and not fetch:
        online.refuse_urls(urls)
    yield from _load_files([a for a in args if not online.is_url(str(a))], published)
    if urls:
        yield from online.fetch_articles(urls, published)


# Reading shows progress from this many files: web pages take 10 ms to a second each to extract.
READ_PROGRESS_FROM = 50


def _load_files(
    paths: Iterable[str | os.PathLike[str]], published: dt.date | None
) -> Iterator[Article | InputError]:
    from sortie.geodata.progress import Progress

    metas: dict[Path, dict[str, dict[str, Any]] | MetadataError] = {}
    found = list(expand(paths))  # listing folders is quick; it gives the total to show progress
    files = sum(1 for p in found if not isinstance(p, InputError))
    with Progress(files, "reading", "files", least=READ_PROGRESS_FROM) as progress:
        for path in found:
            if isinstance(path, InputError):
                yield path
                continue
            yield from _load_file(path, metas, published)
            progress.advance()


def _load_file(
    path: Path, metas: dict[Path, dict[str, dict[str, Any]] | MetadataError], published: dt.date | None
) -> Iterator[Article | InputError]:
    folder = path.parent
    if folder not in metas:
        try:
            metas[folder] = read_meta(folder)
        except MetadataError as exc:
            metas[folder] = exc
    meta = metas[folder]
    try:
        if isinstance(meta, MetadataError):
            # The text is still good: read it without metadata, and say why title, source and
            # (unless --published gave it) the date are missing.
            article = read_article(path, None, published)
            yield replace(article, notes=(*article.notes, f"{METADATA_IGNORED}{meta}"))
        else:
            yield read_article(path, meta.get(path.name), published)
    except InputError as exc:
        yield exc
