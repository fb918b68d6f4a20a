"""The store on disk: one GeoPackage file that QGIS and GDAL open directly.

Layout (GeoPackage 1.3, written with stdlib sqlite3 so every article is one transaction):

- feature tables `places` (POINT), `routes` (MULTILINESTRING), `events` (POINT), one row per map
  feature, with the export properties as columns (lists such as citations as JSON text) and every
  extra property in `properties` (JSON);
- attribute tables `articles` (text and metadata, the sha256 that makes re-ingest a no-op) and
  `article_results` (each article's parse, events and routes as JSON, see `sortie.geodata.serial`);
- `sortie_meta` (not a GeoPackage table; it marks the file as a Sortie store and its schema version);
- bookkeeping tables that let an article update only the features it affects (`sortie.geodata.store.layers`).

One article is one transaction: its text, its results and the features it changes are committed
together, so a kill at any moment leaves the store exactly as it was before that article. (Batching
several articles per transaction would be faster still, but a kill would then lose the whole batch;
with the layers updated incrementally, per-article commits cost little and lose at most one.)
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sortie.geodata.errors import StoreError
from sortie.geodata.records import Article, Feature
from sortie.geodata.store import gpkg
from sortie.geodata.store import layers as store_layers
from sortie.geodata.store.base import BaseStore

# 2: bookkeeping tables for incremental layer updates. A version 1 store is upgraded on its next write.
SCHEMA_VERSION = "3"
_READABLE_VERSIONS = ("1", "2", SCHEMA_VERSION)
LAYERS = store_layers.LAYERS


def default_store_path() -> Path:
    """$SORTIE_STORE, else sortie.gpkg in the user data folder ($XDG_DATA_HOME or ~/.local/share)."""
    env = os.environ.get("SORTIE_STORE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "sortie" / "sortie.gpkg"


def file_version(path: Path) -> object:
    """The times and sizes of a store file and of its write-ahead log, where a commit goes first:
    they change whenever a write commits (no need to open the file to tell)."""
    out: list[tuple[int, int] | None] = []
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            stat = file.stat()
        except OSError:
            out.append(None)
            continue
        out.append((stat.st_mtime_ns, stat.st_size))
    return tuple(out)


class Store(BaseStore):
    """A Sortie store file. Nothing is created until the first write.

    Every call opens its own short-lived connection, so one Store can serve a multi-threaded web
    server and readers see only committed articles.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, must_exist: bool = False) -> None:
        self.path = Path(path).expanduser() if path else default_store_path()
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder; give the store's file name (e.g. sortie.gpkg)")
        if must_exist and not self.path.exists():
            raise StoreError(
                f"{self.path}: no store here; create one with `sortie ingest PATH... --store {self.path}`"
            )
        if self.path.exists():
            with self._connect() as con:
                self._check(con)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def location(self) -> str:
        """Where the store is, for messages (the PostGIS store's is its URL)."""
        return str(self.path)

    def version(self) -> object:
        """Changes whenever a write commits (see `file_version`)."""
        return file_version(self.path)

    # -- connections ---------------------------------------------------------------------------

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from None
        try:
            yield con
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: store error ({exc})") from None
        finally:
            con.close()

    def _check(self, con: sqlite3.Connection) -> bool:
        """True if the file is a Sortie store; False if it is an empty database; else StoreError."""
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a SQLite/GeoPackage file ({exc})") from None
        if not tables and app_id == 0:
            return False  # empty (e.g. a creation killed before its commit): safe to initialise
        if app_id != gpkg.APPLICATION_ID:
            raise StoreError(
                f"{self.path}: not a GeoPackage (application_id {app_id:#x}), so not a Sortie store"
            )
        if "sortie_meta" not in tables:
            raise StoreError(f"{self.path}: a GeoPackage, but not a Sortie store (no sortie_meta table)")
        row = con.execute("SELECT value FROM sortie_meta WHERE key = 'schema_version'").fetchone()
        if not row or row[0] not in _READABLE_VERSIONS:
            found = row[0] if row else None
            raise StoreError(
                f"{self.path}: store schema version {found!r}, this Sortie reads {SCHEMA_VERSION!r};"
                " re-ingest the articles into a new store"
            )
        return True

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT); creates the store on first use."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create its folder ({exc.strerror})") from None
        with self._connect() as con:
            _write_ahead_log(con)
            try:
                con.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"{self.path}: cannot write the store ({exc})") from None
            try:
                if not self._check(con):
                    _create_schema(con)
                _upgrade(con)
                yield con
                con.execute("COMMIT")
            except BaseException:
                # SQLite may have rolled back by itself (a full disk, an I/O error): a second
                # ROLLBACK would fail and hide the error that caused it.
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection | None]:
        """A connection to read from, or None when there is no store yet (nothing to read)."""
        if not self.path.exists():
            yield None
            return
        with self._connect() as con:
            yield con if self._check(con) else None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction for other parts of Sortie that keep tables here (sortie.geodata.tracks)."""
        with self._write() as con:
            yield con

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection | None]:
        """A read connection, or None when there is no store yet."""
        with self._read() as con:
            yield con

    # -- writing -------------------------------------------------------------------------------

    # What the shared `ingest` asks of this store (see `base.BaseStore.ingest`).
    # GeoPackage DATETIME: ISO 8601 in UTC with milliseconds and a Z (what GDAL expects).
    _NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

    def _article_written(self, con: Any, article: Article) -> None:
        if article.url:
            con.execute("UPDATE articles SET url = ? WHERE doc = ?", (article.url, article.doc))

    def rebuild(self) -> None:
        """Rebuild the layers from the stored results (e.g. after the merging rules changed)."""
        with self._write() as con:
            store_layers.rebuild_all(con)

    # -- reading -------------------------------------------------------------------------------

    def _features(self, layers: Iterable[str] | None = None) -> list[Feature]:
        wanted = [layer for layer in LAYERS if layers is None or layer in set(layers)]
        out: list[Feature] = []
        with self._read() as con:
            for layer in wanted if con else ():
                assert con is not None
                cols = ", ".join(f'"{c}"' for c in store_layers.BASE_COLUMNS)
                for row in con.execute(f'SELECT geom, {cols} FROM "{layer}" ORDER BY id'):
                    out.append(store_layers.row_feature(layer, row))
        return out

    def _feature(self, feature_id: str) -> Feature | None:
        cols = ", ".join(f'"{c}"' for c in store_layers.BASE_COLUMNS)
        with self._read() as con:
            for layer in LAYERS if con else ():
                assert con is not None
                row = con.execute(
                    f'SELECT geom, {cols} FROM "{layer}" WHERE id = ?', (feature_id,)
                ).fetchone()
                if row:
                    return store_layers.row_feature(layer, row)
        return None

    def articles(self) -> list[dict[str, Any]]:
        """Metadata of every stored article (no text), sorted by doc."""
        with self._read() as con:
            if con is None:
                return []
            rows = con.execute(
                "SELECT doc, title, source, published, sha256, ingested_at FROM articles ORDER BY doc"
            ).fetchall()
        keys = ("doc", "title", "source", "published", "sha256", "ingested_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def article(self, doc: str) -> Article | None:
        """One article with its full text (for "read the article"), or None."""
        with self._read() as con:
            if con is None:
                return None
            url = ", url" if _has_url_column(con) else ", NULL"
            sql = f"SELECT {store_layers.ARTICLE_COLUMNS}{url} FROM articles WHERE doc = ?"
            row = con.execute(sql, (doc,)).fetchone()
        if not row:
            return None
        return dataclasses.replace(store_layers.article_from_row(row[:-1]), url=row[-1])


def _write_ahead_log(con: sqlite3.Connection) -> None:
    """Put the store in SQLite's write-ahead-log mode (once; the mode is kept in the file).

    In the default rollback-journal mode a commit locks out every reader, so a dashboard serving
    many viewers and an ingest wait on each other; with the log, readers keep reading the last
    committed state while an article is written. GDAL and QGIS read such a GeoPackage as any other.
    The log (`<store>-wal`) is folded back into the file when the last connection closes.
    """
    try:
        if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            con.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError:
        pass  # another process holds the file just now: switched on a later write


def _create_schema(con: sqlite3.Connection) -> None:
    gpkg.init_core(con)
    con.execute("CREATE TABLE sortie_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("INSERT INTO sortie_meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    store_layers.create_tables(con)
    con.execute(
        "CREATE TABLE articles (fid INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL UNIQUE, title TEXT,"
        " source TEXT, published DATE, sha256 TEXT NOT NULL, ingested_at DATETIME NOT NULL, path TEXT,"
        " notes TEXT, text TEXT NOT NULL)"
    )
    gpkg.register_attributes(con, "articles", "ingested articles: text and metadata")
    con.execute(
        "CREATE TABLE article_results (fid INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL UNIQUE,"
        " parsed TEXT NOT NULL, events TEXT NOT NULL, routes TEXT NOT NULL)"
    )
    gpkg.register_attributes(con, "article_results", "per-article parse, events and routes (JSON)")


def _has_url_column(con: sqlite3.Connection) -> bool:
    return any(row[1] == "url" for row in con.execute("PRAGMA table_info(articles)"))


def _add_url_column(con: sqlite3.Connection) -> None:
    """Articles' URLs (a web page's own) came after the `articles` table: a store without the column
    gets it on its next write, and reads of one without it see no URL (so no version change)."""
    if not _has_url_column(con):
        con.execute("ALTER TABLE articles ADD COLUMN url TEXT")


def _upgrade(con: sqlite3.Connection) -> None:
    """Bring an older store to this schema inside the write transaction (its data is all kept)."""
    _add_url_column(con)
    (version,) = con.execute("SELECT value FROM sortie_meta WHERE key = 'schema_version'").fetchone()
    if version != SCHEMA_VERSION:
        store_layers.upgrade_index_tables(con)
        con.execute("UPDATE sortie_meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION,))
