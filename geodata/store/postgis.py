"""The server store: the same layers and bookkeeping as the GeoPackage, in PostgreSQL with PostGIS.

Selected by a URL (`sortie ingest ... --store postgresql://user@host/db`). The tables have the
GeoPackage store's names and columns, in the connection's schema (its `search_path`), so the layer
code (`sortie.geodata.store.layers`) runs unchanged on both: it sees a connection that takes the
same SQL (see `_Connection`). What differs is kept here:

- geometries are PostGIS `geometry(..., 4326)` columns with a GiST index, so QGIS, GDAL and SQL
  (`ST_DWithin`, `ST_Intersects`) use them directly; `citations` and `properties` are `json`
  (kept as written, so both stores give the same bytes back), dates are `date`;
- text columns compare by code point (`COLLATE "C"`), as SQLite and Python do: the order in which
  the layer code reads an article's parts or a layer's rows, and so the features, is the same;
- every write transaction is preceded by one advisory lock, so any number of `sortie ingest`
  processes, on any machines, may write the same store: their articles are serialised, and the
  incremental merge sees every earlier article, as it does in SQLite's single-writer file.

One article is one transaction, as in the GeoPackage: a kill, a lost connection or an error
rolls back everything of that article and nothing stored before it.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from sortie.geodata.errors import StoreError
from sortie.geodata.records import Article, Feature
from sortie.geodata.store import is_url, layers
from sortie.geodata.store.base import BaseStore
from sortie.geodata.store.geopackage import SCHEMA_VERSION

# Schema 2 lacks the records' days (sortie.geodata.store.layers): upgraded on the next write.
_READABLE_VERSIONS = ("2", SCHEMA_VERSION)

# The key of the advisory lock that serialises Sortie's writers (any bigint no other application uses).
_WRITE_LOCK = int.from_bytes(b"sortie", "big")
_PG_TYPES = {"POINT": "Point", "MULTILINESTRING": "MultiLineString"}
_SQL_TYPES = {
    "TEXT": 'text COLLATE "C"',
    "INTEGER": "integer",
    "REAL": "double precision",
    "BOOLEAN": "boolean",
}
_TABLES = (*layers.LAYERS, "articles", "article_results", "sortie_meta", "sortie_place_parts",
           "sortie_records", "sortie_features")  # fmt: skip


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def _wkb(geometry: dict[str, Any]) -> bytes:
    import shapely

    shape = shapely.geometry.shape(geometry)
    return bytes(shapely.to_wkb(shape, byte_order=1, flavor="iso", output_dimension=2))


def _geometry(wkb: bytes) -> dict[str, Any]:
    import shapely

    from sortie.geodata.geometry import shape_geometry

    return shape_geometry(shapely.from_wkb(bytes(wkb)))


# PostGIS computes extents itself (ST_Extent, or its statistics): nothing to keep up to date.
POSTGIS_GEOMETRIES = layers.Geometries("ST_GeomFromWKB(?, 4326)", _wkb, extents=False)


@cache
def _qmark(sql: str) -> str:
    """The layer code's SQL (qmark parameters, as sqlite3) in psycopg's (format) style.

    Sortie's SQL has no `?` inside string literals, so every `?` is a parameter.
    """
    return sql.replace("%", "%%").replace("?", "%s")


class _Connection:
    """A psycopg connection that takes sqlite3's calls, as the layer code makes them."""

    geometries = POSTGIS_GEOMETRIES
    dialect = "postgresql"

    def __init__(self, con: Any) -> None:
        self._con = con

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._con.execute(_qmark(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [tuple(r) for r in rows]
        if batch:
            with self._con.cursor() as cur:
                cur.executemany(_qmark(sql), batch)


class PostgisStore(BaseStore):
    """A Sortie store in a PostgreSQL database with PostGIS. Nothing is created until the first write.

    One connection, opened here (to check the database) and shared by the threads of a web server
    under a lock (each call is short); opened again if the server dropped it.
    """

    def __init__(self, url: str, *, must_exist: bool = False) -> None:
        if not is_url(url):
            raise StoreError(f"{url}: not a PostgreSQL URL (postgresql://user@host/database)")
        self.url = url
        self._location = redacted(url)
        self._lock = threading.RLock()
        self._con: Any = None
        self._exists = False  # a Sortie store was found (or made) here: no need to check again
        with self._session() as con:
            self._exists = self._check(con)
        if must_exist and not self._exists:
            raise StoreError(
                f"{self.location}: no Sortie store in this database; create one with "
                f"`sortie ingest PATH... --store {self.location}`"
            )

    @property
    def location(self) -> str:
        """The database's URL with its password hidden, for messages."""
        return self._location

    def __repr__(self) -> str:
        return f"PostgisStore({self.location!r})"

    # -- connections ---------------------------------------------------------------------------

    def _open(self) -> Any:
        try:
            import psycopg
            from psycopg.types.string import TextLoader
        except ImportError as exc:
            raise StoreError(
                f"{self.location}: a PostgreSQL store needs psycopg ({exc}); install it with "
                "`pip install 'sortie-osint[scale]'`"
            ) from None
        try:
            con = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: cannot connect ({_first_line(exc)})") from None
        # Read back what SQLite gives: dates as ISO text, JSON as its text (decoded where it is used).
        for name in ("date", "json", "jsonb"):
            con.adapters.register_loader(name, TextLoader)
        return con

    @contextmanager
    def _session(self) -> Iterator[Any]:
        """The store's connection, held by this thread for the block; errors become StoreErrors."""
        with self._lock:
            if self._con is None or self._con.closed or self._con.broken:
                self._con = self._open()
            import psycopg  # installed: _open says how to install it otherwise

            try:
                yield self._con
            except psycopg.Error as exc:
                raise StoreError(f"{self.location}: store error ({_first_line(exc)})") from None

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def _check(self, con: Any) -> bool:
        """True if the database holds a Sortie store; False if none yet; else StoreError."""
        found = con.execute("SELECT to_regclass('sortie_meta') IS NOT NULL").fetchone()[0]
        if not found:
            return False
        row = con.execute("SELECT value FROM sortie_meta WHERE key = 'schema_version'").fetchone()
        if not row or row[0] not in _READABLE_VERSIONS:
            raise StoreError(
                f"{self.location}: store schema version {row[0] if row else None!r}, this Sortie reads"
                f" {SCHEMA_VERSION!r}; re-ingest the articles into a new database"
            )
        return True

    @contextmanager
    def _write(self) -> Iterator[_Connection]:
        """One write transaction, after every other Sortie writer's; creates the store on first use."""
        with self._session() as con:
            # Taken before the transaction begins, so that the transaction starts after the previous
            # writer's commit and sees its tables: PostgreSQL refreshes its catalog caches when a
            # transaction starts, not when an advisory lock is granted. A lost session frees it.
            con.execute("SELECT pg_advisory_lock(%s)", (_WRITE_LOCK,))
            try:
                with con.transaction():
                    if not self._exists and not self._check(con):
                        _create_schema(con, self.location)
                    _upgrade(_Connection(con))
                    yield _Connection(con)
                self._exists = True  # committed
            finally:
                if not (con.closed or con.broken):
                    con.execute("SELECT pg_advisory_unlock(%s)", (_WRITE_LOCK,))

    @contextmanager
    def _read(self) -> Iterator[_Connection | None]:
        with self._session() as con:
            if not self._exists:
                self._exists = self._check(con)
            yield _Connection(con) if self._exists else None

    # -- writing -------------------------------------------------------------------------------

    # What the shared `ingest` asks of this store (see `base.BaseStore.ingest`).
    _NOW_SQL = "now()"

    def _article_written(self, con: Any, article: Article) -> None:
        _changed(con)

    def _layers_written(self, con: Any) -> None:
        _changed(con)

    def rebuild(self) -> None:
        """Rebuild the layers from the stored results (e.g. after the merging rules changed)."""
        with self._write() as con:
            layers.rebuild_all(con)
            _changed(con)

    # -- reading -------------------------------------------------------------------------------

    def _features(self, wanted: Iterable[str] | None = None) -> list[Feature]:
        """The machine's features, layer by layer (places, routes, events), each sorted by id.

        One statement over the layers, so they come from one snapshot even while an ingest commits.
        """
        chosen = [layer for layer in layers.LAYERS if wanted is None or layer in set(wanted)]
        cols = ", ".join(f'"{c}"' for c in layers.BASE_COLUMNS)
        selects = [
            f'SELECT {n} AS n, ST_AsBinary(geom) AS geom, {cols} FROM "{layer}"'
            for n, layer in enumerate(chosen)
        ]
        out: list[Feature] = []
        with self._read() as con:
            if con is None or not selects:
                return []
            rows = con.execute(" UNION ALL ".join(selects) + " ORDER BY n, id").fetchall()
        for n, wkb, *rest in rows:
            out.append(_row_feature(chosen[n], wkb, rest))
        return out

    def _feature(self, feature_id: str) -> Feature | None:
        cols = ", ".join(f'"{c}"' for c in layers.BASE_COLUMNS)
        with self._read() as con:
            for layer in layers.LAYERS if con else ():
                assert con is not None
                row = con.execute(
                    f'SELECT ST_AsBinary(geom), {cols} FROM "{layer}" WHERE id = ?', (feature_id,)
                ).fetchone()
                if row:
                    return _row_feature(layer, row[0], row[1:])
        return None

    def articles(self) -> list[dict[str, Any]]:
        """Metadata of every stored article (no text), sorted by doc."""
        with self._read() as con:
            if con is None:
                return []
            rows = con.execute(
                "SELECT doc, title, source, published, sha256,"
                " to_char(ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
                " FROM articles ORDER BY doc"
            ).fetchall()
        keys = ("doc", "title", "source", "published", "sha256", "ingested_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def article(self, doc: str) -> Article | None:
        with self._read() as con:
            if con is None:
                return None
            sql = f"SELECT {layers.ARTICLE_COLUMNS} FROM articles WHERE doc = ?"
            row = con.execute(sql, (doc,)).fetchone()
        return layers.article_from_row(row) if row else None

    def version(self) -> object:
        """Changes with every committed write (the dashboard reloads when it does)."""
        with self._read() as con:
            if con is None:
                return None
            row = con.execute("SELECT value FROM sortie_meta WHERE key = 'generation'").fetchone()
        return row[0] if row else None


def _row_feature(layer: str, wkb: bytes, rest: Sequence[Any]) -> Feature:
    """A feature from a layer row: the geometry's WKB, then BASE_COLUMNS (the GeoPackage's reader)."""
    return layers.row_feature(layer, (wkb, *rest), decode=_geometry)


def _changed(con: _Connection) -> None:
    """Count a write that changed the store (readers such as the dashboard reload when it moves)."""
    con.execute("UPDATE sortie_meta SET value = (value::bigint + 1)::text WHERE key = 'generation'")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _upgrade(con: _Connection) -> None:
    """A store of schema 2 brought to this one inside the write transaction (its data all kept)."""
    (version,) = con.execute("SELECT value FROM sortie_meta WHERE key = 'schema_version'").fetchone()
    if version != SCHEMA_VERSION:
        layers.upgrade_index_tables(con, _pg_types)
        con.execute("UPDATE sortie_meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION,))


def _pg_types(stmt: str) -> str:
    return stmt.replace("TEXT", _SQL_TYPES["TEXT"]).replace("REAL", "double precision")


def _create_schema(con: Any, location: str) -> None:
    """The tables of a new store, in the transaction of its first write."""
    taken = [t for t in _TABLES if con.execute("SELECT to_regclass(%s)", (f'"{t}"',)).fetchone()[0]]
    if taken:
        raise StoreError(
            f"{location}: the database already has table(s) {', '.join(taken)} that are not a Sortie "
            "store's; use another database, or another schema (options=-csearch_path=...)"
        )
    have = con.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone()
    if not have:
        try:
            with con.transaction():  # a savepoint: the error below is ours to word
                con.execute("CREATE EXTENSION postgis")
        except Exception as exc:
            raise StoreError(
                f"{location}: PostGIS is not enabled in this database and cannot be enabled by this "
                f"user ({_first_line(exc)}); run `CREATE EXTENSION postgis;` in it as a superuser"
            ) from None
    t = _SQL_TYPES["TEXT"]
    con.execute(f"CREATE TABLE sortie_meta (key {t} PRIMARY KEY, value text NOT NULL)")
    con.execute(
        "INSERT INTO sortie_meta VALUES ('schema_version', %s), ('generation', '0')", (SCHEMA_VERSION,)
    )
    for layer in layers.LAYERS:
        kind = _PG_TYPES[layers.GEOMETRY_TYPES[layer]]
        extras = "".join(f', "{name}" {_SQL_TYPES[sqltype]}' for name, sqltype in layers.EXTRA_COLUMNS[layer])
        con.execute(
            f'CREATE TABLE "{layer}" (fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,'
            f' geom geometry({kind}, 4326), "id" {t} NOT NULL UNIQUE, "name" text, "kind" text,'
            ' "country" text, "geo_precision" text, "start" date, "end" date, "time_precision" text,'
            f' "sources" integer, "citations" json, "properties" json{extras})'
        )
        con.execute(f'CREATE INDEX "{layer}_geom" ON "{layer}" USING gist (geom)')
        con.execute(f'CREATE INDEX "{layer}_span" ON "{layer}" ("start", "end")')
    con.execute(
        f"CREATE TABLE articles (fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, doc {t} NOT NULL"
        " UNIQUE, title text, source text, published date, sha256 text NOT NULL,"
        " ingested_at timestamptz NOT NULL, path text, notes text, text text NOT NULL)"
    )
    con.execute(
        f"CREATE TABLE article_results (fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        f" doc {t} NOT NULL UNIQUE, parsed text NOT NULL, events text NOT NULL, routes text NOT NULL)"
    )
    # The bookkeeping tables of sortie.geodata.store.layers, with PostgreSQL's types.
    layers.create_index_tables(con, _pg_types)
