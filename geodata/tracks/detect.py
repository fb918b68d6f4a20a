"""Which format a track file is, from its content (the extension is only a tie-breaker for nothing).

Files are sniffed by their first bytes: JSON (readsb trace or GeoJSON, told apart by their keys),
XML (KML or GPX, by the root element), else CSV (OpenSky state vectors or Flightradar24, by the
header). A CSV whose header fits neither is refused with the columns it has and the ones expected.
"""

from __future__ import annotations

import re

from sortie.geodata.errors import TrackFileError

READSB = "readsb"
GEOJSON = "geojson"
KML = "kml"
GPX = "gpx"
OPENSKY = "opensky"
FR24 = "fr24"
FORMATS = (READSB, OPENSKY, FR24, KML, GPX, GEOJSON)

# The columns each CSV format must have (more are allowed: OpenSky adds some over the years).
OPENSKY_COLUMNS = (
    "time",
    "icao24",
    "lat",
    "lon",
    "velocity",
    "heading",
    "vertrate",
    "callsign",
    "onground",
    "baroaltitude",
    "geoaltitude",
)
FR24_COLUMNS = ("Timestamp", "UTC", "Callsign", "Position", "Altitude", "Speed", "Direction")

_XML_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(kml|gpx)\b")


def csv_header(head: bytes) -> list[str]:
    first = head.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace").strip().rstrip("\r")
    return [c.strip().strip('"') for c in first.split(",")]


def detect(path: str, head: bytes) -> str:
    """The format of a file whose first bytes (at least a few KB, already decompressed) are `head`."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text:
        raise TrackFileError(path, "empty file: no positions in it")
    if text[:1] in (b"{", b"["):
        # Keys can come in any order, but readsb writes "icao" and "trace" near the top.
        if b'"trace"' in head or b'"icao"' in head:
            return READSB
        if b'"type"' in head and (b'"Feature' in head or b'"LineString"' in head):
            return GEOJSON
        raise TrackFileError(path, "a JSON file, but neither a readsb/tar1090 trace nor GeoJSON")
    if text[:1] == b"<":
        found = _XML_ROOT.search(head)
        if found:
            return KML if found.group(1) == b"kml" else GPX
        raise TrackFileError(path, "an XML file, but neither KML nor GPX (no <kml> or <gpx> root)")
    if b"\x00" in head:
        raise TrackFileError(path, "a binary file, not a track export")
    columns = csv_header(head)
    if set(OPENSKY_COLUMNS) <= set(columns):
        return OPENSKY
    if set(FR24_COLUMNS) <= set(columns):
        return FR24
    shown = ", ".join(columns[:12]) + (", ..." if len(columns) > 12 else "")
    raise TrackFileError(
        path,
        f"line 1: unknown CSV columns ({shown}); expected OpenSky state vectors"
        f" ({', '.join(OPENSKY_COLUMNS)}) or Flightradar24 ({', '.join(FR24_COLUMNS)})",
    )
