"""`sortie ingest`: read, parse, extract, and store articles, one transaction per article.

An article whose text and metadata are already stored is not even parsed. A bad file is reported
by name and skipped; the others are still ingested, and the exit code says something failed.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sortie.geodata.articles import load_articles, metadata_fault
from sortie.geodata.errors import InputError, SortieError
from sortie.geodata.progress import Progress, say
from sortie.geodata.records import Article, Event, ParsedArticle, Route
from sortie.geodata.store import open_store, parallel
from sortie.geodata.store.base import article_sha256
from sortie.geodata.store.parallel import Analysed, Failed, Outcome

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sortie.geodata.store import Store
    from sortie.geodata.store.postgis import PostgisStore


def _say(message: str) -> None:
    say(message)  # above the progress bar of reading, when one shows


Extractor = Callable[[ParsedArticle, "Doc", Any], tuple[list[Event], list[Route]]]


def _extractor() -> Extractor:
    """The events stage (a seam: tests replace it), imported only when there is something to parse."""
    from sortie.geodata.events import extract

    return extract


def _other_file(old: str | None, new: str | None) -> bool:
    """True when two paths name different files (a path missing on either side is no evidence)."""
    if not old or not new:
        return False
    return os.path.realpath(old) != os.path.realpath(new)


# A bulk ingest brings the place features up to date after this many articles (and at its end), not
# after each one (sortie.geodata.store.layers.refresh_places): a map read meanwhile may show a place
# without its latest citations for that long, and each much-named place is rebuilt once for them all.
PLACES_EVERY = 100
# ... and, since a refresh takes longer as the archive grows (a much-named place is rebuilt from all
# its citations), no sooner than keeps refreshing to about this share of the run's time.
PLACES_SHARE = 0.2


def ingest_paths(
    paths: Iterable[str | os.PathLike[str]],
    store: str | None = None,
    published: dt.date | None = None,
    fetch: bool = False,
    *,
    workers: int = 1,
    dask: bool = False,
    scheduler: str | None = None,
) -> int:
    """Ingest every article under `paths` into `store`; return the exit code (0 ok, 1 some failed).

    A broken meta.json counts as a failure for the exit code, though its articles are still ingested.
    URLs among `paths` are fetched only with `fetch` (see `sortie.geodata.fetch`).
    `workers` > 1 parses in that many processes; `dask` on a local Dask cluster of `workers`
    processes, `scheduler` on the Dask cluster at that address. This process writes the store.
    """
    target = open_store(store)
    counts: Counter[str] = Counter()
    places_ok = True
    todo: list[Article] = []
    # doc -> (sha256, path) of the version this run last read, so a second file of the same name
    # in this run is compared with it rather than with the store.
    seen: dict[str, tuple[str, str | None]] = {}
    # Broken meta.json files, each reported once: their articles are still ingested from their text,
    # but without title, source or date, so the run must not look clean (exit 1).
    broken_meta: set[str] = set()
    for item in load_articles(paths, published, fetch=fetch):
        if isinstance(item, InputError):
            _say(f"error: {item}")
            counts["failed"] += 1
            continue
        fault = metadata_fault(item)
        if fault and fault not in broken_meta:
            broken_meta.add(fault)
            _say(
                f"error: {fault}; its articles are read without title, source or date"
                " (fix it, then ingest again)"
            )
        for note in item.notes:
            if not fault or not note.endswith(fault):
                _say(f"note: {item.doc}: {note}")
        digest = article_sha256(item)
        in_run = seen.get(item.doc)
        earlier = in_run or target.fingerprint(item.doc)
        seen[item.doc] = (digest, item.path)
        if earlier and earlier[0] == digest:
            _say(f"{item.doc}: unchanged")
            counts["unchanged"] += 1
            continue
        if earlier and _other_file(earlier[1], item.path):
            # The article id is the file name (the output contract cites it), so this is a new
            # version of that article, as an edited file would be; say so, in case it is not.
            when = "read earlier in this run" if in_run else "in the store"
            _say(
                f"note: {item.doc}: {item.path} replaces the article of the same file name {when}, "
                f"read from {earlier[1]} (articles are identified by file name; rename one file to keep both)"
            )
        todo.append(item)

    if todo:
        how = ""
        if scheduler:
            how = f" on the Dask cluster at {scheduler}"
        elif dask:
            how = f" on a local Dask cluster of {_plural(workers, 'worker')}"
        elif workers > 1:
            how = f" in {workers} worker processes"
        _say(f"parsing {len(todo)} article(s) into {target.location}{how}")
        stored = 0  # articles written since the places were last brought up to date
        refreshed, took = time.monotonic(), 0.0  # when that ended, how long it took
        with Progress(len(todo)) as progress:
            try:
                for n, outcome in enumerate(_outcomes(todo, workers, dask, scheduler), start=1):
                    try:
                        status = _store_one(target, outcome, n, len(todo), progress.say)
                    finally:
                        progress.advance()
                    counts[status] += 1
                    stored += status in ("added", "replaced")
                    since = time.monotonic() - refreshed
                    if stored >= PLACES_EVERY and took <= since * PLACES_SHARE / (1 - PLACES_SHARE):
                        started = time.monotonic()
                        places_ok = _refresh_places(target, progress.say)
                        refreshed = time.monotonic()
                        took, stored = refreshed - started, 0
            finally:
                # Also after Ctrl-C or an error: the articles stored so far get their places.
                if stored:
                    places_ok = _refresh_places(target, progress.say)

    summary = ", ".join(f"{counts[k]} {k}" for k in ("added", "replaced", "unchanged", "failed"))
    if broken_meta:
        summary += f", {_plural(len(broken_meta), 'broken meta.json file')}"
    _say(f"done: {summary}; store {target.location}")
    return 1 if counts["failed"] or broken_meta or not places_ok else 0


def _refresh_places(target: Store | PostgisStore, say: Callable[[str], None]) -> bool:
    """The place features deferred so far brought up to date; False (and said) if the store failed
    (the next write does it)."""
    try:
        target.refresh_places()
    except SortieError as exc:
        say(f"error: the places layer is not up to date ({exc}); the next ingest brings it up to date")
        return False
    return True


def _store_one(
    target: Store | PostgisStore, outcome: Outcome, n: int, total: int, say: Callable[[str], None]
) -> str:
    """Store one article's results and say so; "added", "replaced", "unchanged" or "failed"."""
    if isinstance(outcome, Failed):
        say(f"error: {outcome.doc}: {outcome.message}")
        return "failed"
    parsed, events, routes = outcome.parsed, outcome.events, outcome.routes
    name = parsed.article.doc
    try:
        status = target.ingest(parsed, events, routes, defer_places=True)
    except SortieError as exc:
        say(f"error: {name}: {exc}")
        return "failed"
    except Exception as exc:  # a bug in one article's stages must not cost the other articles
        say(f"error: {name}: {parallel.internal_error(exc)}")
        return "failed"
    told = sum(r.mentions for r in events) + sum(r.mentions for r in routes)
    folded = len(events) + len(routes)
    repeats = f"; told {told:,} times in all" if told > folded else ""
    say(
        f"[{n}/{total}] {name}: {status} ({_plural(len(events), 'event')}, "
        f"{_plural(len(routes), 'route')}{repeats})"
    )
    return status


def _outcomes(todo: list[Article], workers: int, dask: bool, scheduler: str | None) -> Iterator[Outcome]:
    """Each article's results or failure: in this process, in worker processes, or on Dask.

    Workers give them back as they finish, in no set order; the store's layers do not depend on it.
    """
    if scheduler or dask:
        yield from parallel.on_dask(todo, scheduler, workers)
    elif workers > 1:
        yield from parallel.in_processes(todo, workers)
    else:
        yield from _serial(todo)


def _serial(todo: list[Article]) -> Iterator[Outcome]:
    from sortie.geodata.pipeline import parse_docs
    from sortie.geodata.places.gazetteer import open_gazetteer

    gazetteer = open_gazetteer()
    extract = _extractor()
    for parsed, doc in parse_docs(todo, gazetteer=gazetteer):
        try:
            events, routes = extract(parsed, doc, gazetteer)
        except SortieError as exc:
            yield Failed(parsed.article.doc, str(exc))
            continue
        except Exception as exc:  # a bug in one article's stages must not cost the other articles
            yield Failed(parsed.article.doc, parallel.internal_error(exc))
            continue
        yield Analysed(parsed, list(events), list(routes))


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
