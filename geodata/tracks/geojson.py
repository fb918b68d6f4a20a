"""GeoJSON LineStrings with times: `properties.coordinateProperties.times` (one time per position,
as in Mapbox's and geojson.io's convention), or a 4th coordinate holding Unix time.

Times are ISO 8601 strings or Unix seconds (milliseconds when above 1e11). A 3rd coordinate is an
altitude in metres (RFC 7946: height). `icao24`/`hex` and `callsign`/`flight` properties name the
aircraft. A line with no times is refused: it is a route, not an observed track.
"""

from __future__ import annotations

import math
from typing import Any

from sortie.geodata.errors import TrackFileError
from sortie.geodata.tracks.fixes import FT_PER_M, FixTable, clean_callsign, clean_hex, make_table, parse_time
from sortie.geodata.tracks.readsb import load_json


def _seconds(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value / 1000.0 if value > 1e11 else float(value)
    if isinstance(value, str):
        return parse_time(value).timestamp()
    raise ValueError(f"{value!r} is not a time")


def read(path: str, data: bytes) -> FixTable:
    doc = load_json(path, data)
    features = (
        doc.get("features") if isinstance(doc, dict) and doc.get("type") == "FeatureCollection" else [doc]
    )
    cols: dict[str, list[Any]] = {k: [] for k in ("ts", "lat", "lon", "alt_geo_ft", "icao24", "callsign")}
    n = 0
    for k, feature in enumerate(features or []):
        geometry = (feature or {}).get("geometry") or {}
        kind = geometry.get("type")
        if kind not in ("LineString", "MultiLineString"):
            continue
        props = feature.get("properties") or {}
        lines = (
            [geometry.get("coordinates") or []] if kind == "LineString" else geometry.get("coordinates") or []
        )
        coords = [c for line in lines for c in line]
        times = (props.get("coordinateProperties") or {}).get("times")
        if isinstance(times, list) and kind == "MultiLineString" and times and isinstance(times[0], list):
            times = [t for part in times for t in part]
        if times is None and not all(len(c) >= 4 for c in coords):
            raise TrackFileError(
                path, f"feature {k}: a {kind} with no times (coordinateProperties.times or a 4th coordinate)"
            )
        if times is not None and len(times) != len(coords):
            raise TrackFileError(path, f"feature {k}: {len(times)} times for {len(coords)} positions")
        hex_id = clean_hex(props.get("icao24") or props.get("hex"))
        callsign = clean_callsign(props.get("callsign") or props.get("flight"))
        for j, c in enumerate(coords):
            n += 1
            try:
                cols["ts"].append(_seconds(times[j] if times is not None else c[3]))
                cols["lon"].append(float(c[0]))
                cols["lat"].append(float(c[1]))
            except (ValueError, TypeError, IndexError) as exc:
                raise TrackFileError(path, f"feature {k}, position {j}: {exc}") from None
            cols["alt_geo_ft"].append(float(c[2]) * FT_PER_M if len(c) > 2 and c[2] is not None else math.nan)
            cols["icao24"].append(hex_id)
            cols["callsign"].append(callsign)
    if n == 0:
        raise TrackFileError(path, "no LineString with times in it")
    return make_table(path, "geojson", n, record_label="position {}", **cols)  # type: ignore[arg-type]
