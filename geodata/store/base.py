"""What every store offers, on top of what each kind of store does its own way.

The GeoPackage (`geopackage.Store`) and PostGIS (`postgis.PostgisStore`) stores hold the same tables
and take the same SQL through their connections; what reads them the same way lives here once.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable
from typing import Any

from sortie.geodata.errors import StoreError
from sortie.geodata.records import Article, Event, Feature, ParsedArticle, Route, Sentence
from sortie.geodata.serial import to_jsonable
from sortie.geodata.store import corrections as fixes
from sortie.geodata.store import layers
from sortie.geodata.store.corrections import Change, Correction

# A test hook: seconds to sleep inside the ingest transaction, after all its writes, before COMMIT,
# so a test can kill the process at the worst moment (it waits for the line printed on stderr).
PAUSE_ENV = "SORTIE_STORE_PAUSE_IN_TRANSACTION"


def article_sha256(article: Article) -> str:
    """What makes an article "the same": its text and its metadata, not where it was read from."""
    payload = {
        "text": article.text,
        "title": article.title,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
    }
    if article.url:  # only when known, so the fingerprints of articles without one stay as they were
        payload["url"] = article.url
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class BaseStore:
    """What a store offers, GeoPackage or PostGIS alike, built on what each does its own way:
    `_read()` and `_write()` (connections that take sqlite3-style SQL), `_features(layers)` and
    `_feature(id)` (the machine's answer, as stored), `article(doc)` and `location`."""

    @property
    def location(self) -> str:
        """Where the store is, for messages."""
        raise NotImplementedError

    def article(self, doc: str) -> Article | None:
        raise NotImplementedError

    # Each store's own part of writing an article: its SQL for "now" in `articles.ingested_at`, and
    # what it does once the article's rows and layers are written.
    _NOW_SQL: str

    def _article_written(self, con: Any, article: Article) -> None:
        raise NotImplementedError

    def ingest(
        self, parsed: ParsedArticle, events: list[Event], routes: list[Route], *, defer_places: bool = False
    ) -> str:
        """Store one article and its results and update the features it affects, in one transaction.

        Returns "added", "unchanged" (same text and metadata: nothing written) or "replaced".
        `defer_places` (a bulk ingest): the place features it touches are brought up to date by the
        next `refresh_places`, or by the next write without it; its routes and events are at once.
        """
        art = parsed.article
        digest = article_sha256(art)
        with self._write() as con:
            row = con.execute("SELECT sha256 FROM articles WHERE doc = ?", (art.doc,)).fetchone()
            if row and row[0] == digest:
                return "unchanged"
            status = "replaced" if row else "added"
            con.execute("DELETE FROM articles WHERE doc = ?", (art.doc,))
            con.execute("DELETE FROM article_results WHERE doc = ?", (art.doc,))
            con.execute(
                "INSERT INTO articles (doc, title, source, published, sha256, ingested_at, path, notes, text)"
                f" VALUES (?, ?, ?, ?, ?, {self._NOW_SQL}, ?, ?, ?)",
                (
                    art.doc,
                    art.title,
                    art.source,
                    art.published.isoformat() if art.published else None,
                    digest,
                    art.path,
                    json.dumps(list(art.notes)),
                    art.text,
                ),
            )
            parse = to_jsonable(parsed)
            parse.pop("article")  # the article itself lives in `articles`
            con.execute(
                "INSERT INTO article_results (doc, parsed, events, routes) VALUES (?, ?, ?, ?)",
                (art.doc, *(layers.dumps(x) for x in (parse, to_jsonable(events), to_jsonable(routes)))),
            )
            layers.update_article(con, art.doc, parsed, events, routes, defer_places=defer_places)
            if not defer_places:
                layers.refresh_places(con)  # a killed bulk ingest's, if any
            self._article_written(con, art)
            pause = os.environ.get(PAUSE_ENV)
            if pause:  # a test's hook: a write to kill in the middle of
                print(f"sortie-store: paused inside the transaction for {art.doc}", file=sys.stderr)
                sys.stderr.flush()
                time.sleep(float(pause))
        return status

    def refresh_places(self) -> int:
        """Bring the place features deferred by `ingest(..., defer_places=True)` up to date, in one
        transaction; how many places that was."""
        with self._write() as con:
            count = layers.refresh_places(con)
            if count:
                self._layers_written(con)
            return count

    def _layers_written(self, con: Any) -> None:
        """A hook: the layers changed in this transaction with no article written."""

    def _features(self, layers: Iterable[str] | None = None) -> list[Feature]:
        raise NotImplementedError

    def _feature(self, feature_id: str) -> Feature | None:
        raise NotImplementedError

    def _read(self) -> Any:
        raise NotImplementedError

    def _write(self) -> Any:
        raise NotImplementedError

    def features(
        self, layers: Iterable[str] | None = None, *, corrected: bool = True, wrong: bool = False
    ) -> list[Feature]:
        """The map's features, layer by layer (places, routes, events), each sorted by id.

        With the analysts' corrections applied (`corrected`), features marked wrong left out unless
        `wrong`; `corrected=False` gives the machine's answer.
        """
        wanted_layers = None if layers is None else list(layers)
        raw = self._features(wanted_layers)
        active = self.corrections(include_undone=False) if corrected else []
        if not active:
            return raw
        places = None
        # A route's waypoints are placed from the places layer when one of its ends is moved.
        moved_ends = any(c.kind == "end" and c.layer == "routes" for c in active)
        if moved_ends and wanted_layers is not None and "places" not in wanted_layers:
            places = {f.id: f for f in self._features(["places"])}
        return fixes.apply_corrections(raw, active, places=places, show_wrong=wrong)

    def feature(self, feature_id: str, *, corrected: bool = True) -> Feature | None:
        """One feature by id (corrected, as `features` gives it; a feature marked wrong too), or None."""
        found = self._feature(feature_id)
        if found is None or not corrected:
            return found
        if not any(c.layer == found.layer for c in self.corrections(include_undone=False)):
            return found
        # Which correction is this feature's is decided among its layer's features (the identity rule).
        layer = self.features([found.layer], wrong=True)
        return next((f for f in layer if f.id == feature_id), found)

    def add_correction(self, change: Change, who: str | None = None) -> Correction:
        """Store an analyst's correction (`who`: default $SORTIE_USER, else the OS user name)."""
        with self._write() as con:
            new_id = fixes.insert(con, change, who or fixes.default_user())
            (made,) = [c for c in fixes.select(con) if c.id == new_id]
        return made

    def corrections(self, *, include_undone: bool = True) -> list[Correction]:
        """Every correction, oldest first (with `include_undone=False`, only those in force)."""
        with self._read() as con:
            return fixes.select(con, include_undone=include_undone)

    def undo_correction(self, correction_id: int, who: str | None = None) -> Correction:
        """Undo a correction: the row stays in the log, stamped with who undid it and when."""
        with self._write() as con:
            return fixes.mark_undone(con, correction_id, who or fixes.default_user())

    # -- articles ------------------------------------------------------------------------------

    def sha256(self, doc: str) -> str | None:
        """The stored fingerprint of article `doc` (None if absent), to skip re-parsing it."""
        found = self.fingerprint(doc)
        return found[0] if found else None

    def fingerprint(self, doc: str) -> tuple[str, str | None] | None:
        """The stored sha256 of article `doc` and the path it was read from, or None if absent."""
        with self._read() as con:
            sql = "SELECT sha256, path FROM articles WHERE doc = ?"
            row = con.execute(sql, (doc,)).fetchone() if con else None
        return (row[0], row[1]) if row else None

    def parsed(self, doc: str) -> ParsedArticle | None:
        """The stored parse of article `doc` (sentences, toponyms, times), or None."""
        article = self.article(doc)
        if article is None:
            return None
        with self._read() as con:
            assert con is not None
            row = con.execute("SELECT parsed FROM article_results WHERE doc = ?", (doc,)).fetchone()
        if row is None:  # written in the article's own transaction: only a hand-edited store lacks it
            raise StoreError(f"{self.location}: article {doc!r} has no stored results; re-ingest it")
        return layers.parsed_from_json(article, row[0])

    def sentences(self, doc: str) -> tuple[Sentence, ...]:
        """The sentences of article `doc` with their offsets (empty if the article is not stored)."""
        parsed = self.parsed(doc)
        return parsed.sentences if parsed else ()
