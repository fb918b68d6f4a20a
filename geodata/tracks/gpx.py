"""GPX tracks, read with gpxpy: every `<trkpt>` with a `<time>` is a fix.

Elevation is metres (stored as geometric altitude: GPS gives height, not pressure altitude); GPX 1.0's
`<speed>` is m/s and `<course>` degrees. A track's `<name>` that is six hex digits is the aircraft's
address, any other its callsign. A GPX without times cannot be placed on the time slider: refused.
"""

from __future__ import annotations

import datetime as dt
import math

from sortie.geodata.errors import TrackFileError
from sortie.geodata.tracks.fixes import FT_PER_M, KT_PER_MS, FixTable, make_table
from sortie.geodata.tracks.kml import _ident


def read(path: str, data: bytes) -> FixTable:
    import gpxpy
    import gpxpy.gpx

    try:
        doc = gpxpy.parse(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise TrackFileError(path, "not UTF-8 text, so not GPX") from None
    except gpxpy.gpx.GPXException as exc:
        raise TrackFileError(path, f"broken GPX: {exc}") from None
    cols: dict[str, list[object]] = {
        k: [] for k in ("ts", "lat", "lon", "alt_geo_ft", "speed_kt", "track_deg", "icao24", "callsign")
    }
    n = 0
    for track in doc.tracks:
        hex_id, callsign = _ident(track.name)
        for segment in track.segments:
            for point in segment.points:
                n += 1
                if point.time is None:
                    raise TrackFileError(path, f"trkpt {n}: no <time>, so the track cannot be placed in time")
                when = point.time if point.time.tzinfo else point.time.replace(tzinfo=dt.UTC)
                cols["ts"].append(when.timestamp())
                cols["lat"].append(point.latitude)
                cols["lon"].append(point.longitude)
                cols["alt_geo_ft"].append(
                    point.elevation * FT_PER_M if point.elevation is not None else math.nan
                )
                cols["speed_kt"].append(point.speed * KT_PER_MS if point.speed is not None else math.nan)
                course = getattr(point, "course", None)
                cols["track_deg"].append(course if course is not None else math.nan)
                cols["icao24"].append(hex_id)
                cols["callsign"].append(callsign)
    if n == 0:
        raise TrackFileError(path, "no <trkpt> in it: GPX waypoints and routes are not observed tracks")
    return make_table(path, "gpx", n, record_label="trkpt {}", **cols)  # type: ignore[arg-type]
