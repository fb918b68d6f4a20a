"""The store's layer tables (`places`, `routes`, `events`), kept in step with its articles.

The layers are derived data: a full rebuild from every article's stored results is the reference
(`rebuild_all`). Rebuilding everything for each article made ingest quadratic in the corpus, so an
article updates only the features it can affect (`update_article`), inside the caller's transaction;
a kill at any moment still leaves articles and layers consistent. Two bookkeeping tables make the
update local (neither is a GeoPackage table: GDAL and QGIS ignore them):

- `sortie_place_parts`: what each article says about each place (mentions, cited sentences, dates of
  its events and routes there). A place feature is the sum of its parts, so an article rebuilds only
  the places it touches (before and after), from their parts, never from other articles' parses.
- `sortie_records`: every event and route of every article, with its kind family, the ends it stands
  at, and its `block`: the records that `sortie.geodata.events.merge.merge_groups` put into shared
  features, linked transitively. A new record is merged again only with the blocks holding a record
  it would merge with (the merge's own test, `_links`), found among the records of its family near
  its ends (same country, or within `MERGE_REACH_KM`) at a time that can overlap its own (`t0`..`t1`,
  the days merging allows; an undated record overlaps any); those blocks, the blocks the article's
  old records were in, and the new records are merged again, and nothing else. Without the time,
  every report of a strike in a country reached every earlier one there, and an archive's ingest
  slowed with its size (2,500 articles: 0.5 articles/s, from 4.9 at 200); without the merge's own
  test and blocks taken from the merge's groups, a big story's hundreds of reports were merged
  again, all of them, for each new report near it.

This is exact, not an approximation, as long as merging is local to clusters (a feature depends on
its own records and their order, not on unrelated ones) and never links records farther apart than
`MERGE_REACH_KM` in different countries or at times that cannot overlap; `Store.rebuild()` restores
the reference state if the merge rules change, and the tests compare the two.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sortie.geodata.errors import StoreError
from sortie.geodata.geojson import CORE_PROPERTIES
from sortie.geodata.places.layer import (
    PlacePart,
    part_from_json,
    part_json,
    place_feature,
    place_feature_id,
    place_parts,
)
from sortie.geodata.records import Article, Citation, Event, Feature, ParsedArticle, Place, Route
from sortie.geodata.serial import from_jsonable, to_jsonable
from sortie.geodata.store import gpkg

LAYERS = ("places", "routes", "events")
GEOMETRY_TYPES = {"places": "POINT", "routes": "MULTILINESTRING", "events": "POINT"}
# Extra properties promoted to their own columns, so a GIS user can style and filter on them.
EXTRA_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "places": (("place_id", "TEXT"), ("mentions", "INTEGER"), ("admin1", "TEXT")),
    "routes": (("length_km", "REAL"), ("round_trip", "BOOLEAN"), ("duration", "TEXT"), ("path", "TEXT")),
    "events": (("actors", "TEXT"), ("targets", "TEXT"), ("quantity", "TEXT"), ("time_basis", "TEXT")),
}
# A row: its id, the export's core properties (the layer is the table) and the extras as JSON.
BASE_COLUMNS = ("id", *(c for c in CORE_PROPERTIES if c != "layer"), "properties")
# Farther than this apart and in different countries, two places never make records merge:
# sortie.geodata.events.merge joins water bodies within 3 x NEAR_KM (300 km), other places within NEAR_KM.
MERGE_REACH_KM = 350.0
# Degrees of latitude that MERGE_REACH_KM can span (a degree of latitude is at least 110.5 km).
_REACH_LAT = MERGE_REACH_KM / 110.5


class Connection(Protocol):
    """What the layer code asks of a database connection: sqlite3's calls, qmark (`?`) parameters.

    A sqlite3 connection (the GeoPackage); `sortie.geodata.store.postgis` wraps a psycopg one.
    """

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Any: ...


@dataclass(frozen=True)
class Geometries:
    """How a database keeps the layers' geometry column."""

    placeholder: str  # SQL for one geometry parameter
    encode: Callable[[dict[str, Any]], bytes]  # a GeoJSON geometry as that parameter
    # GeoPackage keeps each layer's extent in gpkg_contents, to be widened as features are added.
    extents: bool


GEOPACKAGE = Geometries("?", gpkg.to_blob, extents=True)


def geometries(con: Connection) -> Geometries:
    """The geometry column of `con`'s database: a GeoPackage's, unless the connection says otherwise
    (the PostGIS store's connections carry their own)."""
    found = getattr(con, "geometries", GEOPACKAGE)
    assert isinstance(found, Geometries)
    return found


INDEX_SCHEMA = """
CREATE TABLE sortie_place_parts (place_id TEXT NOT NULL, doc TEXT NOT NULL, part TEXT NOT NULL,
  PRIMARY KEY (place_id, doc));
CREATE INDEX sortie_place_parts_doc ON sortie_place_parts (doc);
CREATE TABLE sortie_records (layer TEXT NOT NULL, doc TEXT NOT NULL, idx INTEGER NOT NULL,
  family TEXT NOT NULL, ends TEXT NOT NULL, lat REAL NOT NULL, country TEXT, t0 TEXT, t1 TEXT,
  block TEXT, record TEXT NOT NULL, PRIMARY KEY (layer, doc, idx));
CREATE INDEX sortie_records_doc ON sortie_records (doc);
CREATE INDEX sortie_records_lat ON sortie_records (layer, family, lat);
CREATE INDEX sortie_records_country ON sortie_records (layer, family, country);
CREATE INDEX sortie_records_days ON sortie_records (layer, family, t1);
CREATE INDEX sortie_records_undated ON sortie_records (layer, family) WHERE t0 IS NULL;
CREATE INDEX sortie_records_block ON sortie_records (block);
CREATE TABLE sortie_dirty_places (place_id TEXT NOT NULL PRIMARY KEY);
CREATE TABLE sortie_features (id TEXT NOT NULL PRIMARY KEY, layer TEXT NOT NULL, block TEXT NOT NULL,
  base_id TEXT NOT NULL, rank TEXT NOT NULL);
CREATE INDEX sortie_features_block ON sortie_features (block);
CREATE INDEX sortie_features_base ON sortie_features (base_id);
"""


def create_tables(con: sqlite3.Connection) -> None:
    """The layer tables (registered as GeoPackage features) and the bookkeeping tables."""
    for layer in LAYERS:
        extras = "".join(f', "{name}" {sqltype}' for name, sqltype in EXTRA_COLUMNS[layer])
        con.execute(
            f'CREATE TABLE "{layer}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom {GEOMETRY_TYPES[layer]},'
            ' "id" TEXT NOT NULL UNIQUE, "name" TEXT, "kind" TEXT, "country" TEXT, "geo_precision" TEXT,'
            ' "start" DATE, "end" DATE, "time_precision" TEXT, "sources" INTEGER, "citations" TEXT,'
            f' "properties" TEXT{extras})'
        )
        gpkg.register_features(con, layer, GEOMETRY_TYPES[layer], f"Sortie {layer} (updated on every ingest)")
    create_index_tables(con)


_BOOKKEEPING = ("sortie_place_parts", "sortie_dirty_places", "sortie_records", "sortie_features")


def create_index_tables(con: Connection, types: Callable[[str], str] = lambda stmt: stmt) -> None:
    """The bookkeeping tables; `types` rewrites each statement for another SQL dialect."""
    for stmt in INDEX_SCHEMA.split(";"):
        if stmt.strip():
            con.execute(types(stmt))


def upgrade_index_tables(con: Connection, types: Callable[[str], str] = lambda stmt: stmt) -> None:
    """An older store's bookkeeping tables (none in schema 1; in 2 without the records' days and the
    places marked for a refresh) made anew, and filled by a full rebuild; the articles and their
    results are kept as they are."""
    for table in _BOOKKEEPING:
        con.execute(f'DROP TABLE IF EXISTS "{table}"')
    create_index_tables(con, types)
    rebuild_all(con)


Merged = Sequence[tuple[Feature, Sequence[Event | Route]]]


def _merge(events: list[Event], routes: list[Route]) -> Merged:
    """The merging stage: the features, each with the records it merges (a seam: tests replace it
    with a stand-in that merges nothing)."""
    from sortie.geodata.events.merge import merge_groups

    return merge_groups(events, routes)


def _family(kind: str) -> str:
    from sortie.geodata.events.vocab import family

    return family(kind)


def _interval(record: Event | Route) -> tuple[dt.date, dt.date] | None:
    from sortie.geodata.events.merge import interval

    return interval(record)


# -- one article -------------------------------------------------------------------------------


def update_article(
    con: Connection,
    doc: str,
    parsed: ParsedArticle,
    events: list[Event],
    routes: list[Route],
    *,
    defer_places: bool = False,
) -> None:
    """Bring the layers in step with article `doc`'s new results (its old ones already replaced).

    `defer_places`: its places are only marked for `refresh_places` (see there), not rebuilt now.
    """
    old_places = {
        pid for (pid,) in con.execute("SELECT place_id FROM sortie_place_parts WHERE doc = ?", (doc,))
    }
    con.execute("DELETE FROM sortie_place_parts WHERE doc = ?", (doc,))
    parts = place_parts(parsed, events, routes)
    _insert_parts(con, doc, parts)
    touched = old_places | set(parts)
    if defer_places:
        con.executemany(
            "INSERT INTO sortie_dirty_places (place_id) SELECT ? WHERE NOT EXISTS"
            " (SELECT 1 FROM sortie_dirty_places WHERE place_id = ?)",
            [(pid, pid) for pid in sorted(touched)],
        )
    else:
        _refresh_places(con, touched)

    old_blocks = {
        b for (b,) in con.execute("SELECT DISTINCT block FROM sortie_records WHERE doc = ?", (doc,))
    }
    con.execute("DELETE FROM sortie_records WHERE doc = ?", (doc,))
    new = list(_records(doc, events, routes))
    # Before the new records are in: the search for other articles' blocks near them must not wade
    # through the article's own records (as many as the article has, for each of them).
    blocks = old_blocks | _reachable_blocks(con, doc, new)
    _insert_records(con, new)
    rows = _block_rows(con, blocks - {None}) + [r.row() for r in new]
    rows.sort(key=lambda r: (r[1], r[2]))  # (doc, idx): the order a full rebuild merges in
    _remerge(con, blocks, rows)


def refresh_places(con: Connection) -> int:
    """Rebuild the places that deferred updates marked; how many there were.

    A place feature cites every sentence that names the place in every article, so rebuilding a
    much-named one (a capital, a country) for each article that names it made a bulk ingest slow down
    as the archive grew. A bulk ingest defers them and calls this every so often, each place then
    rebuilt once for many articles; the marks are in the store, so the next write finishes the work of
    a run that was killed.
    """
    dirty = [pid for (pid,) in con.execute("SELECT place_id FROM sortie_dirty_places").fetchall()]
    if dirty:
        _refresh_places(con, dirty)
        con.execute("DELETE FROM sortie_dirty_places")
    return len(dirty)


def rebuild_all(con: Connection) -> None:
    """The reference state: every layer and bookkeeping table rebuilt from the stored results."""
    for table in (*LAYERS, *_BOOKKEEPING):
        con.execute(f'DELETE FROM "{table}"')
    if geometries(con).extents:
        con.execute(
            "UPDATE gpkg_contents SET min_x = NULL, min_y = NULL, max_x = NULL, max_y = NULL"
            " WHERE data_type = 'features'"
        )
    place_ids: set[str] = set()
    for parsed, events, routes in stored_results(con):
        parts = place_parts(parsed, events, routes)
        _insert_parts(con, parsed.article.doc, parts)
        place_ids.update(parts)
        _insert_records(con, list(_records(parsed.article.doc, events, routes)))
    _refresh_places(con, place_ids)
    # Merged a kind family at a time: records of different families never merge, and one merge of
    # every record compared each with every group of all kinds (a 4,900-article store was still at
    # it after ten minutes).
    families: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    for r in con.execute(f"SELECT {_ROW_COLUMNS} FROM sortie_records ORDER BY doc, idx"):
        families.setdefault((r[0], r[3]), []).append(tuple(r))
    for _family_key, rows in sorted(families.items()):
        _remerge(con, set(), rows)


ARTICLE_COLUMNS = "doc, text, path, title, source, published, notes"


def article_from_row(row: tuple[Any, ...]) -> Article:
    """An article from a row of the `articles` table (ARTICLE_COLUMNS)."""
    doc, text, path, title, source, published, notes = row
    date = dt.date.fromisoformat(published) if published else None
    return Article(doc, text, path, title, source, date, tuple(json.loads(notes or "[]")))


def parsed_from_json(article: Article, parsed: str) -> ParsedArticle:
    """A stored parse (kept without its article, which lives in `articles`) with its article."""
    return dataclasses.replace(
        from_jsonable(ParsedArticle, {**json.loads(parsed), "article": None}), article=article
    )


def stored_results(con: Connection) -> Iterator[tuple[ParsedArticle, list[Event], list[Route]]]:
    """Every stored article's parse, events and routes, in doc order."""
    columns = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS.split(", "))
    rows = con.execute(
        f"SELECT {columns}, r.parsed, r.events, r.routes"
        " FROM articles a JOIN article_results r ON a.doc = r.doc ORDER BY a.doc"
    )
    for *article, p, e, r in rows.fetchall():
        parsed = parsed_from_json(article_from_row(tuple(article)), p)
        events = [from_jsonable(Event, x) for x in json.loads(e)]
        yield parsed, events, [from_jsonable(Route, x) for x in json.loads(r)]


# -- places ------------------------------------------------------------------------------------


def _insert_parts(con: Connection, doc: str, parts: dict[str, PlacePart]) -> None:
    con.executemany(
        "INSERT INTO sortie_place_parts (place_id, doc, part) VALUES (?, ?, ?)",
        [(pid, doc, dumps(part_json(part))) for pid, part in parts.items()],
    )


def _refresh_places(con: Connection, place_ids: Iterable[str]) -> None:
    boxes: list[Box | None] = []
    for pid in sorted(place_ids):
        rows = con.execute("SELECT part FROM sortie_place_parts WHERE place_id = ? ORDER BY doc", (pid,))
        feature = place_feature(part_from_json(json.loads(p)) for (p,) in rows)
        con.execute('DELETE FROM "places" WHERE id = ?', (place_feature_id(pid),))
        if feature is not None:
            boxes.append(insert_feature(con, feature, feature.id))
    _grow_extent(con, "places", boxes)


# -- events and routes -------------------------------------------------------------------------

_ROW_COLUMNS = "layer, doc, idx, family, ends, lat, country, t0, t1, block, record"


@dataclass(frozen=True)
class _Record:
    layer: str  # "events" or "routes"
    doc: str
    idx: int  # position in the article's events (or routes) list
    family: str
    ends: tuple[Place, ...]  # where it stands: an event's place, a route's origin and destination
    record: Event | Route

    @property
    def days(self) -> tuple[str, str] | tuple[None, None]:
        """The first and last day it may merge on, ISO dates (which sort as they compare)."""
        days = _interval(self.record)
        return (days[0].isoformat(), days[1].isoformat()) if days else (None, None)

    def row(self) -> tuple[Any, ...]:
        ends = dumps([[p.lon, p.lat, p.country] for p in self.ends])
        first = self.ends[0]
        data = dumps(to_jsonable(self.record))
        t0, t1 = self.days
        return (
            self.layer,
            self.doc,
            self.idx,
            self.family,
            ends,
            first.lat,
            first.country,
            t0,
            t1,
            None,
            data,
        )


def _records(doc: str, events: list[Event], routes: list[Route]) -> Iterator[_Record]:
    # An event without a place never becomes a feature (nothing to draw), so it needs no index.
    for i, e in enumerate(events):
        if e.place is not None:
            yield _Record("events", doc, i, _family(e.kind), (e.place,), e)
    for i, r in enumerate(routes):
        yield _Record("routes", doc, i, _family(r.kind), (r.origin, r.destination), r)


def _insert_records(con: Connection, records: list[_Record]) -> None:
    marks = ", ".join("?" * len(_ROW_COLUMNS.split(",")))
    con.executemany(
        f"INSERT INTO sortie_records ({_ROW_COLUMNS}) VALUES ({marks})", [r.row() for r in records]
    )


def _near(a: Place, end: list[Any]) -> bool:
    from sortie.geodata.geometry import distance_km

    lon, lat, country = end
    if a.country is not None and a.country == country:
        return True
    return abs(a.lat - lat) <= _REACH_LAT and distance_km((a.lon, a.lat), (lon, lat)) <= MERGE_REACH_KM


def _reachable_blocks(con: Connection, doc: str, new: list[_Record]) -> set[str | None]:
    """Blocks holding a record that one of `new` would merge with (`_links`).

    The query narrows them to the records of the same family near every end at a time that can
    overlap; each of those is then asked the merge's own question. The narrowing alone let a report
    with a loose date (a year, or none) reach every record of its kind in the country, hundreds in a
    big archive, all merged and written again for it though it joined none of them.
    """
    found: set[str | None] = set()
    asked: set[tuple[Any, ...]] = set()
    for rec in new:
        # Records alike in all that merging reads reach the same blocks: ask once for them all.
        key = (rec.layer, _merge_key(rec.record))
        if key in asked:
            continue
        asked.add(key)
        t0, t1 = rec.days
        first = rec.ends[0]
        near = " AND (lat BETWEEN ? AND ? OR country = ?)"
        where = (first.lat - _REACH_LAT, first.lat + _REACH_LAT, first.country)
        head = "SELECT block, ends, record FROM sortie_records WHERE layer = ? AND family = ? AND doc != ?"
        if t0 is None:
            rows = con.execute(head + near, (rec.layer, rec.family, doc, *where))
        else:
            # Two questions, each on its own index: the undated records, and the dated ones ending on
            # or after this one's first day (in an archive ingested in order, the last few weeks').
            rows = con.execute(
                f"{head} AND t0 IS NULL{near} UNION ALL {head} AND t1 >= ? AND t0 <= ?{near}",
                (rec.layer, rec.family, doc, *where, rec.layer, rec.family, doc, t0, t1, *where),
            )
        for block, ends, record in rows:
            if (
                block not in found
                and all(map(_near, rec.ends, json.loads(ends)))
                and _links(rec.record, _decoded(rec.layer, record))
            ):
                found.add(block)
    return found


def _merge_key(record: Event | Route) -> tuple[Any, ...]:
    from sortie.geodata.events.merge import event_key, route_key

    return event_key(record) if isinstance(record, Event) else route_key(record)


def _links(a: Event | Route, b: Event | Route) -> bool:
    """Whether merging would put `a` and `b` in one feature, were nothing else in the way."""
    from sortie.geodata.events.merge import same_event, same_route

    if isinstance(a, Event) and isinstance(b, Event):
        return same_event(a, b)
    return isinstance(a, Route) and isinstance(b, Route) and same_route(a, b)


def _block_rows(con: Connection, blocks: set[str | None]) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for block in sorted(b for b in blocks if b is not None):
        rows += con.execute(f"SELECT {_ROW_COLUMNS} FROM sortie_records WHERE block = ?", (block,)).fetchall()
    return rows


def _remerge(con: Connection, old_blocks: set[str | None], rows: list[tuple[Any, ...]]) -> None:
    """Merge `rows` (whole blocks and new records) again; replace the features of `old_blocks`."""
    gone_bases: set[str] = set()
    for block in old_blocks - {None}:
        for fid, layer, base in con.execute(
            "SELECT id, layer, base_id FROM sortie_features WHERE block = ?", (block,)
        ).fetchall():
            con.execute(f'DELETE FROM "{layer}" WHERE id = ?', (fid,))
            gone_bases.add(base)
        con.execute("DELETE FROM sortie_features WHERE block = ?", (block,))

    keys = [(layer, doc, idx) for layer, doc, idx, *_ in rows]
    decoded = [_decoded(r[0], r[-1]) for r in rows]
    merged = _merge(
        [x for x in decoded if isinstance(x, Event)], [x for x in decoded if isinstance(x, Route)]
    )
    block_of, feature_block = _blocks(keys, decoded, merged)
    con.executemany(
        "UPDATE sortie_records SET block = ? WHERE layer = ? AND doc = ? AND idx = ?",
        [(block_of[k], *k) for k in keys],
    )
    placed = [(f, feature_block[i]) for i, (f, _) in enumerate(merged)]
    _place_features(con, placed, gone_bases)


@functools.lru_cache(maxsize=50_000)
def _decoded(layer: str, record: str) -> Event | Route:
    """A stored record read back. Cached: a story many articles tell is merged again for each new
    one, with every record of it (records are frozen, so sharing them is safe)."""
    data = json.loads(record)
    return from_jsonable(Event, data) if layer == "events" else from_jsonable(Route, data)


def _block_key(key: tuple[str, str, int]) -> str:
    layer, doc, idx = key
    return f"{doc}\x1f{layer}\x1f{idx:06d}"


def _blocks(
    keys: list[tuple[str, str, int]], records: list[Event | Route], merged: Merged
) -> tuple[dict[tuple[str, str, int], str], list[str]]:
    """Records linked through the features that merge them, as blocks named by their first record."""
    parent = {k: k for k in keys}

    def root(k: tuple[str, str, int]) -> tuple[str, str, int]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # By identity: the merge gives back the very records it was given (a record stored twice, read
    # as one object from `_decoded`'s cache, ties its two rows, which is harmless).
    rows_of: dict[int, list[tuple[str, str, int]]] = {}
    for k, rec in zip(keys, records, strict=True):
        rows_of.setdefault(id(rec), []).append(k)
    members: list[list[tuple[str, str, int]]] = []
    for _feature, group in merged:
        mine = [k for rec in group for k in rows_of.get(id(rec), [])]
        for k in mine[1:]:
            parent[root(k)] = root(mine[0])
        members.append(mine)
    # A block is named by its smallest record key: independent of the order the merge ran in.
    name: dict[tuple[str, str, int], str] = {}
    for k in sorted(keys, key=_block_key):
        name.setdefault(root(k), _block_key(k))
    block_of = {k: name[root(k)] for k in keys}
    feature_block = [
        block_of[m[0]] if m else f"\x1f{f.id}" for (f, _), m in zip(merged, members, strict=True)
    ]
    return block_of, feature_block


def _rank(f: Feature) -> str:
    """What orders features that share an id: their citations, then their whole content."""
    content = hashlib.sha1(dumps(to_jsonable(f)).encode()).hexdigest()
    return dumps([[[c.doc, c.start, c.end] for c in f.citations], content])


def _place_features(con: Connection, placed: list[tuple[Feature, str]], gone_bases: set[str]) -> None:
    """Insert merged features under their final ids.

    Features that share an id (same kind, place and date, but e.g. actors that rule out one event)
    are told apart by "#2", "#3"... in the order of their content, not of ingestion, so a store
    built article by article and a rebuilt one name them alike.
    """
    for f, _block in placed:
        if f.layer not in ("routes", "events"):
            raise StoreError(f"feature {f.id!r}: unknown layer {f.layer!r} (merging gives routes and events)")
    fresh: dict[str, list[tuple[str, Feature | None, str, str]]] = {}
    for f, block in placed:
        fresh.setdefault(f.id, []).append((_rank(f), f, f.layer, block))
    boxes: dict[str, list[Box | None]] = {"routes": [], "events": []}
    for base in sorted(gone_bases | set(fresh)):
        entries = list(fresh.get(base, []))
        kept = con.execute(
            "SELECT rank, id, layer FROM sortie_features WHERE base_id = ?", (base,)
        ).fetchall()
        for rank, old_id, layer in kept:  # park them: their suffix may change
            parked = f"{old_id}\x1fparked"
            con.execute(f'UPDATE "{layer}" SET id = ? WHERE id = ?', (parked, old_id))
            con.execute("UPDATE sortie_features SET id = ? WHERE id = ?", (parked, old_id))
            entries.append((rank, None, layer, parked))
        entries.sort(key=lambda e: e[0])
        for n, (rank, feature, layer, where) in enumerate(entries, start=1):
            fid = base if n == 1 else f"{base}#{n}"
            if feature is None:
                con.execute(f'UPDATE "{layer}" SET id = ? WHERE id = ?', (fid, where))
                con.execute("UPDATE sortie_features SET id = ? WHERE id = ?", (fid, where))
                continue
            boxes[layer].append(insert_feature(con, feature, fid))
            con.execute(
                "INSERT INTO sortie_features (id, layer, block, base_id, rank) VALUES (?, ?, ?, ?, ?)",
                (fid, layer, where, base, rank),
            )
    for layer, items in boxes.items():
        _grow_extent(con, layer, items)


# -- rows --------------------------------------------------------------------------------------


Box = tuple[float, float, float, float]


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def insert_feature(con: Connection, f: Feature, fid: str) -> Box | None:
    """Write one feature row under id `fid`; return its bounding box (None: the database keeps none)."""
    geometry = f.geometry
    if GEOMETRY_TYPES[f.layer] == "MULTILINESTRING" and geometry.get("type") == "LineString":
        geometry = {"type": "MultiLineString", "coordinates": [geometry["coordinates"]]}
    if str(geometry.get("type", "")).upper() != GEOMETRY_TYPES[f.layer]:
        raise StoreError(
            f"feature {f.id!r}: a {geometry.get('type')} in the {f.layer} layer, which holds "
            f"{GEOMETRY_TYPES[f.layer]}"
        )
    extras = EXTRA_COLUMNS[f.layer]
    geo = geometries(con)
    blob = geo.encode(geometry)
    values: list[Any] = [
        blob,
        fid,
        f.name,
        f.kind,
        f.country,
        f.geo_precision,
        f.start.isoformat() if f.start else None,
        f.end.isoformat() if f.end else None,
        f.time_precision,
        f.sources,
        dumps(to_jsonable(f.citations)),
        dumps(to_jsonable(f.properties)),
    ]
    for name, _type in extras:
        v = f.properties.get(name)
        values.append(dumps(to_jsonable(v)) if isinstance(v, (list, tuple, dict)) else v)
    cols = ", ".join(f'"{c}"' for c in ("geom", *BASE_COLUMNS, *(n for n, _ in extras)))
    marks = ", ".join([geo.placeholder, *("?" * (len(values) - 1))])
    con.execute(f'INSERT INTO "{f.layer}" ({cols}) VALUES ({marks})', values)
    return gpkg.bounds(blob) if geo.extents else None


def _grow_extent(con: Connection, layer: str, found: list[Box | None]) -> None:
    """Widen the layer's extent in gpkg_contents to cover the boxes `found`.

    Only ever widened on update (finding the new extent after a deletion would read every row):
    GeoPackage says this extent is informative, not necessarily minimal. A rebuild makes it tight.
    """
    if not geometries(con).extents:
        return
    boxes = [b for b in found if b is not None]
    row = con.execute(
        "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?", (layer,)
    ).fetchone()
    if row and row[0] is not None:
        boxes = [*boxes, row]
    ext: tuple[float | None, ...] = (None, None, None, None)  # an empty layer has no extent
    if boxes:
        minx, miny, maxx, maxy = zip(*boxes, strict=True)
        ext = (min(minx), min(miny), max(maxx), max(maxy))
    con.execute(
        "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?,"
        " last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
        (*ext, layer),
    )


def row_feature(
    layer: str, row: Sequence[Any], decode: Callable[[Any], dict[str, Any]] = gpkg.from_blob
) -> Feature:
    """A feature read back from a layer row (geom, `decode`d, followed by BASE_COLUMNS)."""
    blob, fid, name, kind, country, geo_prec, start, end, time_prec, _sources, citations, props = row
    geometry = decode(blob)
    if geometry["type"] == "MultiLineString" and len(geometry["coordinates"]) == 1:
        geometry = {"type": "LineString", "coordinates": geometry["coordinates"][0]}
    return Feature(
        id=fid,
        layer=layer,
        name=name,
        kind=kind,
        geometry=geometry,
        country=country,
        geo_precision=geo_prec,
        start=dt.date.fromisoformat(start) if start else None,
        end=dt.date.fromisoformat(end) if end else None,
        time_precision=time_prec,
        citations=tuple(from_jsonable(Citation, c) for c in json.loads(citations)),
        properties=json.loads(props),
    )
