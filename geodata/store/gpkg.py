"""The GeoPackage 1.3 essentials, written with stdlib sqlite3 so the store keeps transactional control.

Only what a GeoPackage that GDAL and QGIS open needs: the header ids, the three core tables, EPSG:4326,
and geometry blobs (the "GP" header + ISO WKB from shapely). No R-tree index: GDAL's index triggers call
GDAL's own SQL functions, which a plain sqlite3 connection does not have.
"""

from __future__ import annotations

import sqlite3
import struct
from typing import Any

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10300  # GeoPackage 1.3.0
SRS_ID = 4326

_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)

CORE_SCHEMA = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
"""

_SRS_ROWS = (
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian CRS"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic CRS"),
    ("WGS 84 geodetic", SRS_ID, "EPSG", 4326, _WGS84_WKT, "longitude/latitude in decimal degrees on WGS 84"),
)

# Bytes of envelope after the header, by the envelope indicator (flags bits 1-3).
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def init_core(con: sqlite3.Connection) -> None:
    """Create the core tables and set the header ids (call inside the creating transaction)."""
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {USER_VERSION}")
    for stmt in CORE_SCHEMA.split(";"):
        if stmt.strip():
            con.execute(stmt)
    con.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", _SRS_ROWS)


def register_features(con: sqlite3.Connection, table: str, geometry_type: str, description: str) -> None:
    con.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)"
        " VALUES (?, 'features', ?, ?, ?)",
        (table, table, description, SRS_ID),
    )
    con.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)", (table, geometry_type, SRS_ID)
    )


def register_attributes(con: sqlite3.Connection, table: str, description: str) -> None:
    con.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description)"
        " VALUES (?, 'attributes', ?, ?)",
        (table, table, description),
    )


def to_blob(geometry: dict[str, Any]) -> bytes:
    """A GeoJSON geometry as a GeoPackage geometry blob (little-endian, xy envelope unless a point)."""
    import shapely

    shape = shapely.geometry.shape(geometry)
    wkb = shapely.to_wkb(shape, byte_order=1, flavor="iso", output_dimension=2)
    srs = struct.pack("<i", SRS_ID)
    if shape.is_empty:
        return b"GP\x00" + bytes([0b10001]) + srs + wkb
    if shape.geom_type == "Point":
        return b"GP\x00\x01" + srs + wkb
    minx, miny, maxx, maxy = shape.bounds
    return b"GP\x00\x03" + srs + struct.pack("<4d", minx, maxx, miny, maxy) + wkb


def from_blob(blob: bytes) -> dict[str, Any]:
    """A GeoPackage geometry blob back to a GeoJSON geometry dict (lists, not tuples)."""
    from sortie.geodata.geometry import shape_geometry

    return shape_geometry(_shape(blob))


def bounds(blob: bytes) -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = _shape(blob).bounds
    return minx, miny, maxx, maxy


def _shape(blob: bytes) -> Any:
    """The shapely geometry in a blob: the WKB after the header and its envelope."""
    import shapely

    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob (no 'GP' magic)")
    flags = blob[3]
    offset = 8 + _ENVELOPE_BYTES[(flags >> 1) & 0b111]
    return shapely.from_wkb(blob[offset:])
