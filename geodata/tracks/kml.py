"""KML tracks, read with fastkml (a maintained KML library; it parses gx:Track into whens and coords).

Two shapes are fixes: a `gx:Track` (FlightAware's and tar1090's "Export KML": `<when>` times paired
with `<gx:coord>lon lat alt</gx:coord>`) and Placemarks holding a Point and a `TimeStamp` (the
Flightradar24 style, one placemark per position, its heading in the IconStyle). KML altitudes are
metres; both exporters write the aircraft's barometric altitude there, so it is stored as such.
Placemarks are not a sequence in KML, so Point fixes are ordered by their times. A Placemark name
that is six hex digits is the aircraft's address; any other name is taken as its callsign.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from typing import Any

from sortie.geodata.errors import TrackFileError
from sortie.geodata.tracks.fixes import FT_PER_M, FixTable, make_table

_HEX = re.compile(r"^[0-9a-fA-F]{6}$")
# A callsign: 2-8 letters and digits with a letter first (an ICAO airline code + number, or a
# registration); a placemark named "14:02:10" (a time, as Flightradar24 names them) is not one.
_CALLSIGN = re.compile(r"^[A-Z][A-Z0-9-]{1,7}$")


def _ident(name: str | None) -> tuple[str | None, str | None]:
    """(hex, callsign) from a name: its first word, if it is one of them."""
    words = (name or "").split()
    text = words[0] if words else ""
    if _HEX.match(text) and not text.isdigit():
        return text.lower(), None
    return (None, text.upper()) if _CALLSIGN.match(text.upper()) else (None, None)


def _parse(path: str, data: bytes) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fastkml warns about optional extras at import
        from fastkml import kml

    try:
        return kml.KML.parse(io.BytesIO(data), strict=False)
    except Exception as exc:  # lxml's and ElementTree's syntax errors have no common base but this
        raise TrackFileError(path, f"broken KML: {exc}") from None


def read(path: str, data: bytes) -> FixTable:
    from fastkml import Placemark
    from fastkml.geometry import LineString, MultiGeometry, Point
    from fastkml.gx import MultiTrack, Track
    from fastkml.utils import find_all

    doc = _parse(path, data)
    ts: list[float] = []
    lon: list[float] = []
    lat: list[float] = []
    alt: list[float] = []
    heading: list[float] = []
    hexes: list[str | None] = []
    calls: list[str | None] = []
    untimed: list[str] = []
    # Flightradar24 names the document after the flight and each placemark after its time.
    top = next(iter(getattr(doc, "features", None) or ()), None)
    doc_hex, doc_call = _ident(getattr(top, "name", None))
    placemark: Any
    for n, placemark in enumerate(find_all(doc, of_type=Placemark), start=1):
        geometry = placemark.kml_geometry
        hex_id, callsign = _ident(placemark.name)
        if hex_id is None and callsign is None:
            hex_id, callsign = doc_hex, doc_call
        tracks = list(geometry.tracks) if isinstance(geometry, MultiTrack) else [geometry]
        for track in tracks:
            if isinstance(track, Track):
                whens, coords = track.whens, track.coords
                if not whens:
                    untimed.append(
                        f"Placemark {n} ({placemark.name or 'unnamed'}): a gx:Track with no <when>"
                    )
                    continue
                if len(whens) != len(coords):
                    raise TrackFileError(
                        path, f"Placemark {n}: gx:Track has {len(whens)} <when> but {len(coords)} <gx:coord>"
                    )
                for when, coord in zip(whens, coords, strict=True):
                    ts.append(_seconds(when.dt))
                    lon.append(coord[0])
                    lat.append(coord[1])
                    alt.append(coord[2] * FT_PER_M if len(coord) > 2 else math.nan)
                    heading.append(math.nan)
                    hexes.append(hex_id)
                    calls.append(callsign)
            elif isinstance(track, Point):
                stamp = getattr(placemark.times, "timestamp", None)
                if stamp is None:
                    untimed.append(
                        f"Placemark {n} ({placemark.name or 'unnamed'}): a Point with no <TimeStamp>"
                    )
                    continue
                point: Any = track.geometry
                x, y, *z = point.coords[0]
                ts.append(_seconds(stamp.dt))
                lon.append(x)
                lat.append(y)
                alt.append(z[0] * FT_PER_M if z else math.nan)
                heading.append(_heading(placemark))
                hexes.append(hex_id)
                calls.append(callsign)
            elif isinstance(track, (LineString, MultiGeometry)):
                untimed.append(
                    f"Placemark {n} ({placemark.name or 'unnamed'}):"
                    f" a {type(track).__name__}, which has no times"
                )
    if not ts:
        detail = f"; {untimed[0]}" if untimed else ""
        raise TrackFileError(
            path, f"no timed positions: a track needs a gx:Track or Points with a TimeStamp{detail}"
        )
    return make_table(
        path,
        "kml",
        len(ts),
        record_label="position {}",
        ts=ts,
        lon=lon,
        lat=lat,
        alt_baro_ft=alt,
        track_deg=heading,
        icao24=hexes,
        callsign=calls,
        unordered=True,
    )


def _heading(placemark: Any) -> float:
    for style in getattr(placemark, "styles", None) or ():
        for sub in getattr(style, "styles", None) or ():
            value = getattr(sub, "heading", None)
            if value is not None:
                return float(value)
    return math.nan


def _seconds(when: Any) -> float:
    """A KML time as Unix seconds; a date alone (a day's resolution) counts as its midnight UTC."""
    import datetime as dt

    if not isinstance(when, dt.datetime):
        when = dt.datetime.combine(when, dt.time(), dt.UTC)
    elif when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.timestamp()
