"""The observed tracks in the store's GeoPackage, beside the article layers.

- `tracks` (features, MULTILINESTRING): one row per flight (`kind` "flight") and one per unobserved
  gap between two flights of an aircraft (`kind` "gap", its great-circle bridge; drawn dashed);
- `track_fixes` (attributes): every fix of a flight, one row per flight (`flight` is the flight
  row's `fid`) holding its fixes as columns: little-endian float64 arrays (NaN where unknown), one
  per field (`FIX_FIELDS`). A row per fix cost 3.7 s per million fixes to insert, most of an
  import's time; the positions are in the flight's geometry for any GIS, and
  `sortie.geodata.tracks.store.stored_fixes` gives the Fix records back;
- `track_files` (attributes): each imported file's sha256, so importing it again changes nothing;
- `track_matches` (attributes): flights proposed for reported routes, with the evidence, the score
  and the analyst's decision (proposed, accepted, rejected), kept across recomputations.

Files are written in batches (`import_files`), one transaction per batch: a file is read and checked
in full before its batch is written, so a bad file stores nothing, and a kill loses only the batch
being written (none of its files was reported as stored). The tables are
created on first import, so a store without tracks is unchanged by this module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import struct
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sortie.geodata.records import Feature
from sortie.geodata.store import gpkg
from sortie.geodata.store.geopackage import Store
from sortie.geodata.tracks.fixes import Fix, Flight, Gap, iso, parse_time
from sortie.geodata.tracks.match import DECISIONS, Match, evidence_from_json, evidence_json, propose
from sortie.geodata.tracks.read import TrackFile

FIX_FIELDS = ("ts", "lat", "lon", "alt_baro_ft", "alt_geo_ft", "speed_kt", "track_deg", "vrate_fpm",
              "on_ground", "record")  # fmt: skip
TRACK_COLUMNS = (
    "id", "kind", "flight_id", "icao24", "callsign", "aircraft_type", "registration", "start_time",
    "end_time", "fixes", "alt_max_ft", "source", "source_sha256", "split_reason", "gap_s", "gap_km",
)  # fmt: skip
SCHEMA = """
CREATE TABLE IF NOT EXISTS tracks (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTILINESTRING,
  id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, flight_id TEXT, icao24 TEXT, callsign TEXT,
  aircraft_type TEXT, registration TEXT, start_time DATETIME, end_time DATETIME, fixes INTEGER,
  alt_max_ft REAL, source TEXT, source_sha256 TEXT, split_reason TEXT, gap_s REAL, gap_km REAL);
CREATE INDEX IF NOT EXISTS tracks_source ON tracks (source_sha256);
CREATE TABLE IF NOT EXISTS track_fixes (fid INTEGER PRIMARY KEY, flight INTEGER NOT NULL UNIQUE,
  n INTEGER NOT NULL, ts BLOB, lat BLOB, lon BLOB, alt_baro_ft BLOB, alt_geo_ft BLOB, speed_kt BLOB,
  track_deg BLOB, vrate_fpm BLOB, on_ground BLOB, record BLOB);
CREATE TABLE IF NOT EXISTS track_files (fid INTEGER PRIMARY KEY AUTOINCREMENT, sha256 TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL, format TEXT NOT NULL, fixes INTEGER NOT NULL, flights INTEGER NOT NULL,
  imported_at DATETIME NOT NULL);
CREATE TABLE IF NOT EXISTS track_matches (fid INTEGER PRIMARY KEY AUTOINCREMENT, route_id TEXT NOT NULL,
  flight_id TEXT NOT NULL, score REAL NOT NULL, evidence TEXT NOT NULL, decision TEXT NOT NULL,
  decided_at DATETIME, UNIQUE (route_id, flight_id));
"""
_REGISTERED = {
    "tracks": "observed flight tracks (ADS-B, GPS) and the gaps between them",
    "track_fixes": "every observed position of the tracks",
    "track_files": "imported track files (sha256: importing one again changes nothing)",
    "track_matches": "observed flights proposed for reported routes, and the analyst's decisions",
}


def ensure_tables(con: sqlite3.Connection) -> None:
    for stmt in SCHEMA.split(";"):
        if stmt.strip():
            con.execute(stmt)
    have = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
    for table, description in _REGISTERED.items():
        if table in have:
            continue
        if table == "tracks":
            gpkg.register_features(con, table, "MULTILINESTRING", description)
        else:
            gpkg.register_attributes(con, table, description)


def _has_tables(con: sqlite3.Connection | None) -> bool:
    if con is None:
        return False
    return con.execute("SELECT 1 FROM sqlite_master WHERE name = 'track_files'").fetchone() is not None


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def multiline_blob(parts: Sequence[Any]) -> bytes:
    """A GeoPackage blob of a MultiLineString from numpy (n, 2) arrays, without GeoJSON dicts."""
    import numpy as np
    import shapely

    lines = [shapely.linestrings(p) for p in parts]
    shape = shapely.multilinestrings(lines)
    wkb = shapely.to_wkb(shape, byte_order=1, flavor="iso", output_dimension=2)
    allpts = np.concatenate(parts)
    minx, miny = allpts.min(axis=0)
    maxx, maxy = allpts.max(axis=0)
    header = b"GP\x00\x03" + struct.pack("<i", gpkg.SRS_ID) + struct.pack("<4d", minx, maxx, miny, maxy)
    return header + wkb


def blob_geometry(blob: bytes) -> dict[str, Any]:
    """A stored track line as GeoJSON: a LineString, or a MultiLineString when split at the antimeridian.

    Read with numpy (gpkg.from_blob walks shapely's nested tuples: slow for a million positions).
    """
    import shapely

    parts = shapely.get_parts(gpkg._shape(blob))
    coords = [shapely.get_coordinates(p).tolist() for p in parts]
    if len(coords) == 1:
        return {"type": "LineString", "coordinates": coords[0]}
    return {"type": "MultiLineString", "coordinates": coords}


def _geometry_parts(geometry: dict[str, Any]) -> list[Any]:
    import numpy as np

    coords = geometry["coordinates"]
    parts = [coords] if geometry["type"] == "LineString" else coords
    return [np.asarray(p, dtype=np.float64) for p in parts]


def import_files(store: Store, batch: Sequence[tuple[TrackFile, Sequence[Flight]]]) -> list[str]:
    """Store read files and their flights in one transaction; per file "added", "replaced" or "unchanged"."""
    out = []
    with store.transaction() as con:
        ensure_tables(con)
        for track, flights in batch:
            out.append(_import_one(con, track, flights))
        _grow_extent(
            con,
            [
                f
                for (_t, flights), status in zip(batch, out, strict=True)
                if status != "unchanged"
                for f in flights
            ],
        )
    return out


def _import_one(con: sqlite3.Connection, track: TrackFile, flights: Sequence[Flight]) -> str:
    import numpy as np

    table = track.table
    if con.execute("SELECT 1 FROM track_files WHERE sha256 = ?", (track.sha256,)).fetchone():
        return "unchanged"
    old = con.execute("SELECT sha256 FROM track_files WHERE path = ?", (track.path,)).fetchall()
    for (sha,) in old:  # the same file grown or corrected: its new content replaces the old
        _delete_file(con, sha)
    for flight in flights:
        if flight.gap_before is not None:
            _insert_gap(con, flight, flight.gap_before)
        cur = con.execute(
            f"INSERT INTO tracks (geom, {', '.join(TRACK_COLUMNS)}) VALUES ({', '.join('?' * 17)})",
            (
                multiline_blob(_geometry_parts(flight.geometry)),
                flight.id, "flight", flight.id, flight.icao24, flight.callsign, flight.aircraft_type,
                flight.registration, iso(flight.start), iso(flight.end), flight.fixes, flight.alt_max_ft,
                flight.source, flight.source_sha256, flight.split_reason, None, None,
            ),
        )  # fmt: skip
        a, b = flight.rows
        blobs = [
            np.ascontiguousarray(getattr(table, name)[a:b], dtype="<f8").tobytes() for name in FIX_FIELDS
        ]
        con.execute(
            f"INSERT INTO track_fixes (flight, n, {', '.join(FIX_FIELDS)}) VALUES ({', '.join('?' * 12)})",
            (cur.lastrowid, b - a, *blobs),
        )
    con.execute(
        "INSERT INTO track_files (sha256, path, format, fixes, flights, imported_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (track.sha256, track.path, table.format, len(table), len(flights), _now()),
    )
    return "replaced" if old else "added"


def _insert_gap(con: sqlite3.Connection, flight: Flight, gap: Gap) -> None:
    start = flight.start - dt.timedelta(seconds=gap.seconds)
    con.execute(
        f"INSERT INTO tracks (geom, {', '.join(TRACK_COLUMNS)}) VALUES ({', '.join('?' * 17)})",
        (
            multiline_blob(_geometry_parts(gap.geometry)),
            f"{flight.id}-gap", "gap", flight.id, flight.icao24, flight.callsign, flight.aircraft_type,
            flight.registration, iso(start), iso(flight.start), 0, None, flight.source, flight.source_sha256,
            flight.split_reason, round(gap.seconds, 1), round(gap.km, 1),
        ),
    )  # fmt: skip


def _delete_file(con: sqlite3.Connection, sha: str) -> None:
    con.execute(
        "DELETE FROM track_fixes WHERE flight IN (SELECT fid FROM tracks WHERE source_sha256 = ?)", (sha,)
    )
    con.execute(
        "DELETE FROM track_matches WHERE flight_id IN (SELECT id FROM tracks WHERE source_sha256 = ?)", (sha,)
    )
    con.execute("DELETE FROM tracks WHERE source_sha256 = ?", (sha,))
    con.execute("DELETE FROM track_files WHERE sha256 = ?", (sha,))


def _grow_extent(con: sqlite3.Connection, flights: Sequence[Flight]) -> None:
    boxes = []
    for f in flights:
        for part in _geometry_parts(f.geometry):
            boxes.append((*part.min(axis=0), *part.max(axis=0)))
    if not boxes:
        return
    row = con.execute(
        "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'tracks'"
    ).fetchone()
    if row and row[0] is not None:
        boxes.append(row)
    minx, miny, maxx, maxy = zip(*boxes, strict=True)
    con.execute(
        "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?,"
        " last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = 'tracks'",
        (float(min(minx)), float(min(miny)), float(max(maxx)), float(max(maxy))),
    )


# -- reading -------------------------------------------------------------------------------------


def _row_flight(row: Sequence[Any]) -> Flight:
    (
        blob,
        fid,
        _kind,
        _flight_id,
        icao24,
        callsign,
        ac_type,
        reg,
        start,
        end,
        fixes,
        alt_max,
        source,
        sha,
        reason,
        *_,
    ) = row
    geometry = blob_geometry(blob)
    parts = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
    first, last = parts[0][0], parts[-1][-1]
    return Flight(
        id=fid, icao24=icao24, callsign=callsign, aircraft_type=ac_type, registration=reg, source=source,
        source_sha256=sha, start=parse_time(start), end=parse_time(end), fixes=fixes,
        first=(first[0], first[1]), last=(last[0], last[1]), alt_max_ft=alt_max, geometry=geometry,
        split_reason=reason,
    )  # fmt: skip


def flights(store: Store) -> list[Flight]:
    """Every stored flight (not the gaps), ordered by start time."""
    with store.reader() as con:
        if not _has_tables(con):
            return []
        assert con is not None
        rows = con.execute(
            f"SELECT geom, {', '.join(TRACK_COLUMNS)} FROM tracks WHERE kind = 'flight'"
            " ORDER BY start_time, id"
        ).fetchall()
        gaps = {
            fid: Gap(seconds, km, blob_geometry(blob))
            for fid, seconds, km, blob in con.execute(
                "SELECT flight_id, gap_s, gap_km, geom FROM tracks WHERE kind = 'gap'"
            )
        }
    return [dataclasses.replace(f, gap_before=gaps.get(f.id)) for f in map(_row_flight, rows)]


def matches(store: Store) -> list[tuple[Match, str | None]]:
    """Stored matches (best first per route), each with the time of the analyst's decision."""
    with store.reader() as con:
        if not _has_tables(con):
            return []
        assert con is not None
        rows = con.execute(
            "SELECT route_id, flight_id, score, evidence, decision, decided_at FROM track_matches"
            " ORDER BY route_id, score DESC, flight_id"
        ).fetchall()
    return [(Match(r, f, s, evidence_from_json(json.loads(e)), d), at) for r, f, s, e, d, at in rows]


def refresh_matches(store: Store) -> int:
    """Propose flights for every stored route again; decisions already taken are kept. Returns the count."""
    routes = store.features(["routes"])
    found = propose(routes, flights(store)) if routes else []
    with store.transaction() as con:
        ensure_tables(con)
        decided = {
            (r, f): (d, at)
            for r, f, d, at in con.execute(
                "SELECT route_id, flight_id, decision, decided_at FROM track_matches"
                " WHERE decision != 'proposed'"
            )
        }
        con.execute("DELETE FROM track_matches WHERE decision = 'proposed'")
        for m in found:
            decision, at = decided.get((m.route_id, m.flight_id), ("proposed", None))
            con.execute(
                "INSERT INTO track_matches (route_id, flight_id, score, evidence, decision, decided_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (route_id, flight_id)"
                " DO UPDATE SET score = excluded.score,"
                " evidence = excluded.evidence",
                (m.route_id, m.flight_id, m.score, json.dumps(evidence_json(m.evidence)), decision, at),
            )
    return len(found)


def decide(store: Store, route_id: str, flight_id: str, decision: str) -> None:
    """Record the analyst's decision on a proposed match ("proposed" undoes one)."""
    from sortie.geodata.errors import SortieError

    if decision not in DECISIONS:
        raise SortieError(f"decision {decision!r}: choose one of {', '.join(DECISIONS)}")
    with store.transaction() as con:
        ensure_tables(con)
        cur = con.execute(
            "UPDATE track_matches SET decision = ?, decided_at = ? WHERE route_id = ? AND flight_id = ?",
            (decision, None if decision == "proposed" else _now(), route_id, flight_id),
        )
        if cur.rowcount == 0:
            raise SortieError(f"no proposed match of flight {flight_id!r} with route {route_id!r}")


def files(store: Store) -> list[dict[str, Any]]:
    with store.reader() as con:
        if not _has_tables(con):
            return []
        assert con is not None
        rows = con.execute(
            "SELECT sha256, path, format, fixes, flights, imported_at FROM track_files ORDER BY path"
        )
        keys = ("sha256", "path", "format", "fixes", "flights", "imported_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]


def fix_columns(store: Store, fields: Sequence[str] = FIX_FIELDS) -> dict[str, Any]:
    """Every stored flight's fixes as numpy columns: {flight id: {field: array}}, in start order."""
    import numpy as np

    with store.reader() as con:
        if not _has_tables(con):
            return {}
        assert con is not None
        cols = ", ".join(f"x.{f}" for f in fields)
        rows = con.execute(
            f"SELECT t.id, {cols} FROM tracks t JOIN track_fixes x ON x.flight = t.fid"
            " ORDER BY t.start_time, t.id"
        ).fetchall()
    return {
        fid: {name: np.frombuffer(blob, dtype="<f8") for name, blob in zip(fields, blobs, strict=True)}
        for fid, *blobs in rows
    }


def stored_fixes(store: Store, flight_id: str) -> list[Fix]:
    """The Fix records of one stored flight."""
    import math

    columns = fix_columns(store).get(flight_id)
    flight = next((f for f in flights(store) if f.id == flight_id), None)
    if not columns or flight is None:
        return []

    def opt(v: float) -> float | None:
        return None if math.isnan(v) else float(v)

    return [
        Fix(dt.datetime.fromtimestamp(float(columns["ts"][i]), dt.UTC), flight.icao24, flight.callsign,
            float(columns["lat"][i]), float(columns["lon"][i]), opt(columns["alt_baro_ft"][i]),
            opt(columns["alt_geo_ft"][i]), opt(columns["speed_kt"][i]), opt(columns["track_deg"][i]),
            opt(columns["vrate_fpm"][i]), bool(columns["on_ground"][i]), flight.source)
        for i in range(len(columns["ts"]))
    ]  # fmt: skip


# -- export ---------------------------------------------------------------------------------------


def track_features(store: Store) -> list[Feature]:
    """The tracks layer as map features for `sortie export`: flights with their matches, and gaps."""
    with store.reader() as con:
        if not _has_tables(con):
            return []
        assert con is not None
        rows = con.execute(
            f"SELECT geom, {', '.join(TRACK_COLUMNS)} FROM tracks ORDER BY start_time, id"
        ).fetchall()
    routes = {f.id: f for f in store.features(["routes"])}
    by_flight: dict[str, list[dict[str, Any]]] = {}
    for m, at in matches(store):
        if m.route_id not in routes:  # a route gone since (its article re-ingested differently)
            continue
        entry = {
            "route_id": m.route_id, "route_name": routes[m.route_id].name, "flight_id": m.flight_id,
            "score": m.score, "decision": m.decision, "decided_at": at, "evidence": evidence_json(m.evidence),
        }  # fmt: skip
        for member in m.evidence.flights or (m.flight_id,):
            by_flight.setdefault(member, []).append(entry)
    return list(_features(rows, by_flight))


def _features(rows: Iterable[Sequence[Any]], by_flight: dict[str, list[dict[str, Any]]]) -> Iterator[Feature]:
    for row in rows:
        blob, *values = row
        rec = dict(zip(TRACK_COLUMNS, values, strict=True))
        geometry = blob_geometry(blob)
        start, end = parse_time(rec["start_time"]), parse_time(rec["end_time"])
        label = rec["callsign"] or (rec["icao24"] or "").upper() or rec["source"]
        gap = rec["kind"] == "gap"
        props = {k: rec[k] for k in TRACK_COLUMNS if k not in ("id", "kind") and rec[k] is not None}
        props["path"] = (
            "great circle across a gap in the observed positions (not observed)"
            if gap
            else "observed positions"
        )
        if not gap:
            props["matches"] = by_flight.get(rec["id"], [])
        yield Feature(
            id=rec["id"], layer="tracks", name=f"{label} (gap)" if gap else label, kind=rec["kind"],
            geometry=geometry, country=None, geo_precision="point", start=start.date(), end=end.date(),
            time_precision="second", citations=(), properties=props,
        )  # fmt: skip
