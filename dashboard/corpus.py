"""What the dashboard reads: the features, the articles' metadata, and an article's full text.

One object per app, read-only once loaded (shared by every visitor, so it holds no per-user state).
`Corpus.from_store` reads the store lazily and reloads when the store file changes (a new
`sortie ingest` shows on the next page load); tests build a Corpus from hand-made records.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sortie.dashboard.views import time_span
from sortie.geodata.records import Article, Feature


@dataclass(frozen=True)
class ArticleMeta:
    doc: str
    title: str | None
    source: str | None
    published: dt.date | None

    @property
    def label(self) -> str:
        return self.title or self.doc


@dataclass
class Snapshot:
    """Everything loaded from the store at one moment, with indexes built once."""

    features: list[Feature]
    articles: dict[str, ArticleMeta]
    by_id: dict[str, Feature] = field(init=False)
    span: tuple[dt.date, dt.date] | None = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {f.id: f for f in self.features}
        self.span = time_span(self.features)

    @functools.cached_property
    def article_labels(self) -> dict[str, str]:
        """Each article's label (its title, else its id), by id: what the article filter searches."""
        return {doc: meta.label for doc, meta in self.articles.items()}


def _meta(row: dict[str, Any]) -> ArticleMeta:
    published = row.get("published")
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published)
        except ValueError:
            published = None
    return ArticleMeta(str(row["doc"]), row.get("title"), row.get("source"), published)


class Corpus:
    """The dashboard's data source: a snapshot of features and articles, and article texts on demand."""

    def __init__(
        self,
        load: Callable[[], Snapshot],
        article_text: Callable[[str], Article | None],
        version: Callable[[], object] = lambda: None,
    ) -> None:
        self._load = load
        self._article = article_text
        self._version = version
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._seen: object = object()

    @classmethod
    def from_records(cls, features: Sequence[Feature], articles: Sequence[Article]) -> Corpus:
        texts = {a.doc: a for a in articles}
        metas = {a.doc: ArticleMeta(a.doc, a.title, a.source, a.published) for a in articles}
        snapshot = Snapshot(list(features), metas)
        return cls(lambda: snapshot, texts.get)

    @classmethod
    def from_store(cls, location: str | Path | None = None) -> Corpus:
        """The store at `location` (a file or a postgresql:// URL; None: the default store)."""
        from sortie.geodata.store import is_url, open_store, store_location

        found = store_location(location)
        if is_url(found):
            server = open_store(found)  # one connection, kept for the app's life

            def load_server() -> Snapshot:
                return Snapshot(server.features(), {m.doc: m for m in map(_meta, server.articles())})

            return cls(load_server, server.article, server.version)

        from sortie.geodata.store.geopackage import Store, default_store_path, file_version

        store_path = Path(found).expanduser() if found else default_store_path()

        def load() -> Snapshot:
            store = Store(store_path)
            # Features marked wrong too (flagged): the page hides them unless asked (dashboard.corrections).
            features = store.features(wrong=True)
            return Snapshot(features, {m.doc: m for m in map(_meta, store.articles())})

        return cls(load, lambda doc: Store(store_path).article(doc), lambda: file_version(store_path))

    def snapshot(self) -> Snapshot:
        """The current data, reloaded only when the store changed since the last load."""
        with self._lock:
            version = self._version()
            if self._snapshot is None or version != self._seen:
                self._snapshot = self._load()
                self._seen = version
            return self._snapshot

    def article(self, doc: str) -> Article | None:
        return self._article(doc)
