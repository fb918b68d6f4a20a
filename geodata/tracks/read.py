"""A track file -> a checked FixTable: size limit, decompression, format detection, validation.

Every fault is a TrackFileError naming the file and the line or record, raised before anything is
stored: a file is imported whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sortie.geodata.errors import TrackFileError
from sortie.geodata.tracks import detect
from sortie.geodata.tracks.fixes import FixTable, iso

if TYPE_CHECKING:
    import numpy as np

# A day of one aircraft's readsb trace is a few MB; a whole hour of OpenSky's state vectors over
# Europe is about 100 MB. Larger files are refused rather than read into memory whole.
MAX_BYTES = 128 * 1024 * 1024
# ADS-B began in earnest in the 2000s; a time before this is a unit error (ms read as s, or 0).
EARLIEST = dt.datetime(1995, 1, 1, tzinfo=dt.UTC).timestamp()
# Clock skew between the receiver and this machine: later than now by more than this is "in the future".
FUTURE_SLACK_S = 3600.0


@dataclass(frozen=True)
class TrackFile:
    path: str
    sha256: str  # of the bytes as stored on disk (compressed or not): what makes a re-import a no-op
    table: FixTable


def _readers() -> dict[str, Callable[[str, bytes], FixTable]]:
    from sortie.geodata.tracks import csvformats, geojson, gpx, kml, readsb

    return {
        detect.READSB: readsb.read,
        detect.OPENSKY: csvformats.read_opensky,
        detect.FR24: csvformats.read_fr24,
        detect.KML: kml.read,
        detect.GPX: gpx.read,
        detect.GEOJSON: geojson.read,
    }


def file_bytes(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> bytes:
    p = Path(path)
    if p.is_dir():
        raise TrackFileError(str(p), "is a folder; give the track files (or a folder of them) to import")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise TrackFileError(str(p), f"cannot read it ({exc.strerror})") from None
    if size > max_bytes:
        raise TrackFileError(
            str(p),
            f"{size / 2**20:.0f} MB is over the {max_bytes / 2**20:.0f} MB limit for one track file;"
            " split it (e.g. by hour or by aircraft) and import the parts",
        )
    try:
        return p.read_bytes()
    except OSError as exc:
        raise TrackFileError(str(p), f"cannot read it ({exc.strerror})") from None


def decompress(path: str, raw: bytes, max_bytes: int = MAX_BYTES) -> bytes:
    """readsb writes its traces gzip-compressed even when named .json: undo it, within the limit."""
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        d = zlib.decompressobj(wbits=31)
        data = d.decompress(raw, max_bytes + 1)
    except zlib.error as exc:
        raise TrackFileError(path, f"broken gzip data ({exc})") from None
    if len(data) > max_bytes:
        raise TrackFileError(path, f"decompresses to over the {max_bytes / 2**20:.0f} MB limit")
    if not d.eof:
        raise TrackFileError(path, "truncated gzip data: the file was cut short")
    return data


class AlreadyStored(Exception):
    """The file's sha256 is among those the caller already has (a re-import): nothing to read."""


def read_track_file(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_BYTES,
    now: float | None = None,
    known: frozenset[str] = frozenset(),
) -> TrackFile:
    """Read and check one file; raise TrackFileError naming the file and the line/record at fault.

    A file whose sha256 is in `known` raises AlreadyStored before it is parsed.
    """
    name = str(path)
    raw = file_bytes(path, max_bytes)
    if known and hashlib.sha256(raw).hexdigest() in known:
        raise AlreadyStored(name)
    data = decompress(name, raw, max_bytes)
    fmt = detect.detect(name, data[:8192])
    table = _readers()[fmt](name, data)
    table = check(table, now=now)
    return TrackFile(name, hashlib.sha256(raw).hexdigest(), table)


def check(table: FixTable, *, now: float | None = None) -> FixTable:
    """The table validated and sorted per aircraft by time (for formats with no order of their own)."""
    import numpy as np

    path = table.source
    if len(table) == 0:
        raise TrackFileError(path, "no positions in it")

    def fail(mask: np.ndarray, message: Callable[[int], str]) -> None:
        bad = np.flatnonzero(mask)
        if bad.size:
            i = int(bad[0])
            more = f" (and {bad.size - 1} more)" if bad.size > 1 else ""
            raise TrackFileError(path, f"{table.where(i)}: {message(i)}{more}")

    fail(np.isnan(table.ts), lambda i: "no time")
    with np.errstate(invalid="ignore"):
        fail(~(np.abs(table.lat) <= 90.0), lambda i: f"latitude {table.lat[i]} is out of range (-90 to 90)")
        fail(
            ~(np.abs(table.lon) <= 180.0), lambda i: f"longitude {table.lon[i]} is out of range (-180 to 180)"
        )
    fail(table.ts < EARLIEST, lambda i: f"time {iso(max(table.ts[i], 0))} is before 1995: a unit error?")
    limit = (now if now is not None else dt.datetime.now(dt.UTC).timestamp()) + FUTURE_SLACK_S
    fail(table.ts > limit, lambda i: f"time {iso(table.ts[i])} is in the future")
    keys = aircraft_keys(table)
    if table.unordered:
        order = np.lexsort((table.ts, keys))
        return table.take(order)
    order = np.argsort(keys, kind="stable")
    ts, k = table.ts[order], keys[order]
    back = np.flatnonzero((np.diff(ts) < 0) & (k[1:] == k[:-1]))
    if back.size:
        i, j = int(order[back[0] + 1]), int(order[back[0]])
        raise TrackFileError(
            path,
            f"{table.where(i)}: time {iso(table.ts[i])} is before that of {table.where(j)}"
            f" ({iso(table.ts[j])}) for the same aircraft: the positions are out of order"
            f" ({back.size} such step(s))",
        )
    return table.take(order) if not _is_sorted(order) else table


def _is_sorted(order: object) -> bool:
    import numpy as np

    assert isinstance(order, np.ndarray)
    return bool(order.size == 0 or (np.diff(order) > 0).all())


def aircraft_keys(table: FixTable) -> np.ndarray:
    """An integer per fix naming its aircraft: the hex, else the callsign, else one for the whole file."""
    import numpy as np

    if len(table) and table.icao24[0] is not None and (table.icao24 == table.icao24[0]).all():
        return np.zeros(len(table), dtype=np.int64)
    import pandas as pd

    ident = pd.Series(table.icao24).fillna(pd.Series(table.callsign)).fillna("")
    codes, _ = pd.factorize(ident)
    return np.asarray(codes, dtype=np.int64)
