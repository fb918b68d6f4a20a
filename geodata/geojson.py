"""The public GeoJSON shape of a map feature (RFC 7946): the acceptance README's property table.

Export writes it and the dashboard downloads it; the store keeps its columns in the same order. It
sits below both so that neither imports the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sortie.geodata.geometry import (
    SHORTEST_PATH_NOTE,
    line_geometry,
    orient_geometry,
    representative_point,
    round_geometry,
)
from sortie.geodata.records import Feature
from sortie.geodata.serial import to_jsonable

# The acceptance README's core properties, in its order (the store's columns follow it too).
CORE_PROPERTIES = (
    "layer",
    "name",
    "kind",
    "country",
    "geo_precision",
    "start",
    "end",
    "time_precision",
    "sources",
    "citations",
)


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def feature_properties(f: Feature) -> dict[str, Any]:
    """The properties of one exported feature: the core table first, then the layer's extras."""
    props: dict[str, Any] = {
        "layer": f.layer,
        "name": f.name,
        "kind": f.kind,
        "country": f.country,
        "geo_precision": f.geo_precision,
        "start": _iso(f.start),
        "end": _iso(f.end),
        "time_precision": f.time_precision,
        "sources": f.sources,
        "citations": [
            {
                "doc": c.doc,
                "sentence": c.sentence,
                "start": c.start,
                "end": c.end,
                "mention_start": c.mention_start,
                "mention_end": c.mention_end,
            }
            for c in f.citations
        ],
    }
    # Extras never overwrite the core names: those are the contract.
    props.update({k: to_jsonable(v) for k, v in f.properties.items() if k not in CORE_PROPERTIES})
    if f.layer == "routes":
        # Said in the data, not only in the UI, whoever built the route: a line between its ends.
        props["path"] = SHORTEST_PATH_NOTE
    if f.geometry.get("type") in ("Polygon", "MultiPolygon"):
        lon, lat = representative_point(f.geometry)
        props.setdefault("lon", round(lon, 6))
        props.setdefault("lat", round(lat, 6))
    return props


def rfc7946_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    """Lines cut at the antimeridian, polygons wound by the right-hand rule, 6 decimals (about 0.1 m).

    Route geometries are already split when built; doing it again here is a no-op for them and a
    guarantee for any line that reaches the export some other way.
    """
    kind = geometry.get("type")
    if kind in ("LineString", "MultiLineString"):
        parts = [geometry["coordinates"]] if kind == "LineString" else geometry["coordinates"]
        cut = [line_geometry(part) for part in parts]
        lines = [c["coordinates"] for c in cut if c["type"] == "LineString"]
        lines += [p for c in cut if c["type"] == "MultiLineString" for p in c["coordinates"]]
        geometry = (
            {"type": "LineString", "coordinates": lines[0]}
            if len(lines) == 1
            else {"type": "MultiLineString", "coordinates": lines}
        )
    return round_geometry(orient_geometry(geometry))


def feature_json(f: Feature) -> dict[str, Any]:
    """One GeoJSON Feature: lon/lat, RFC 7946 geometry, the acceptance properties."""
    return {
        "type": "Feature",
        "id": f.id,
        "geometry": rfc7946_geometry(f.geometry),
        "properties": feature_properties(f),
    }


def feature_collection(features: Iterable[Feature]) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection (WGS84 is implied: no `crs` member)."""
    return {"type": "FeatureCollection", "features": [feature_json(f) for f in features]}
