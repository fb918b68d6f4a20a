"""Fixes -> flights: one aircraft's fixes split where it cannot have been one continuous flight.

A flight ends where the next fix of the same aircraft comes more than `MAX_GAP_S` later, where the
jump to it would need a speed no aircraft flies (`MAX_SPEED_KT`, over more than `JUMP_MIN_KM`, so
that position noise between fixes a second apart does not count), where the source says a new leg
starts (readsb), or where the callsign changes. Between two flights of one aircraft the unobserved
stretch is a `Gap` whose bridge is the great circle between them (never a straight line in lon/lat),
drawn dashed; an aircraft that did not move (on the ground between flights) gets no bridge.
"""

from __future__ import annotations

from typing import Any

from sortie.geodata.geometry import geodesic_line, line_geometry
from sortie.geodata.tracks.fixes import FixTable, Flight, Gap
from sortie.geodata.tracks.read import aircraft_keys

MAX_GAP_S = 600.0
MAX_SPEED_KT = 1500.0  # faster than any aircraft that carries a transponder in service
JUMP_MIN_KM = 20.0
BRIDGE_MAX_S = 6 * 3600.0  # beyond this the aircraft may have flown anywhere: no bridge drawn
BRIDGE_MIN_KM = 1.0
EARTH_KM = 6371.0088


def haversine_km(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> Any:
    """Great-circle distance on the mean sphere, vectorised (enough to find jumps; pyproj draws)."""
    import numpy as np

    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi, dlmb = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def breaks(table: FixTable, keys: Any) -> tuple[Any, list[str]]:
    """Indexes where a new flight starts (0 first) and, for each after the first, why."""
    import numpy as np

    n = len(table)
    if n == 0:
        return np.zeros(0, dtype=np.int64), []
    dt_s = np.diff(table.ts)
    km = haversine_km(table.lon[:-1], table.lat[:-1], table.lon[1:], table.lat[1:])
    with np.errstate(divide="ignore", invalid="ignore"):
        kt = km / 1.852 / (dt_s / 3600.0)
    new_key = keys[1:] != keys[:-1]
    gap = dt_s > MAX_GAP_S
    jump = (km > JUMP_MIN_KM) & (kt > MAX_SPEED_KT)
    leg = table.leg[1:] if table.leg is not None else np.zeros(n - 1, dtype=bool)
    calls = table.callsign
    changed = _callsign_changes(calls)
    cut = new_key | gap | jump | leg | changed
    idx = np.flatnonzero(cut) + 1
    reasons: list[str] = []
    for i in idx:
        j = i - 1
        if new_key[j]:
            reasons.append("another aircraft")
        elif gap[j]:
            reasons.append(f"no position for {dt_s[j] / 60:.0f} min")
        elif jump[j]:
            reasons.append(f"a jump of {km[j]:.0f} km in {dt_s[j]:.0f} s ({kt[j]:.0f} kt): impossible")
        elif leg[j]:
            reasons.append("a new leg (marked by the receiver)")
        else:
            reasons.append(f"callsign changed from {calls[j]} to {calls[i]}")
    return np.concatenate(([0], idx)).astype(np.int64), reasons


def _callsign_changes(calls: Any) -> Any:
    """Between fix i and i+1: both have a callsign and they differ (object arrays compare per item)."""
    import numpy as np

    now, before = calls[1:], calls[:-1]
    differ = np.asarray(now != before, dtype=bool)
    if not differ.any():
        return differ
    return differ & np.asarray([a is not None and b is not None for a, b in zip(before, now, strict=True)])


def line_coords(lon: Any, lat: Any) -> dict[str, Any]:
    """A GeoJSON line through the fixes, split at the antimeridian (fast path when it is not crossed).

    The coordinates of an unsplit line are a numpy (n, 2) array (positions index as [lon, lat]).
    """
    import numpy as np

    if lon.size == 1:
        lon, lat = np.repeat(lon, 2), np.repeat(lat, 2)  # a line needs two positions
    if lon.size < 2 or not (np.abs(np.diff(lon)) > 180.0).any():
        # An (n, 2) array, indexable as GeoJSON positions: lists of a million positions cost seconds
        # to build, pickle and turn back into arrays for the store.
        return {"type": "LineString", "coordinates": np.column_stack((lon, lat))}
    return line_geometry(np.column_stack((lon, lat)).tolist())


def flight_id(sha256: str, n: int) -> str:
    return f"trk-{sha256[:12]}-{n:04d}"


def split_flights(table: FixTable, sha256: str) -> list[Flight]:
    """The flights in a checked table (sorted per aircraft by time, as `read.check` leaves it)."""
    import numpy as np

    keys = aircraft_keys(table)
    starts, reasons = breaks(table, keys)
    stops = np.append(starts[1:], len(table))
    flights: list[Flight] = []
    for n, (a, b) in enumerate(zip(starts.tolist(), stops.tolist(), strict=True)):
        lon, lat = table.lon[a:b], table.lat[a:b]
        hex_id = table.icao24[a]
        calls = [c for c in table.callsign[a : b : max(1, (b - a) // 16)] if c]
        meta = table.meta.get(hex_id or "", {})
        alts = np.fmax(table.alt_baro_ft[a:b], table.alt_geo_ft[a:b])
        reason = reasons[n - 1] if n > 0 else None
        gap = None
        prev = flights[-1] if flights else None
        if prev is not None and reason != "another aircraft":
            gap = _gap(prev.last, (float(lon[0]), float(lat[0])), float(table.ts[a]) - prev.end.timestamp())
        flights.append(
            Flight(
                id=flight_id(sha256, n),
                icao24=hex_id,
                callsign=calls[0] if calls else None,
                aircraft_type=meta.get("type"),
                registration=meta.get("registration"),
                source=table.source,
                source_sha256=sha256,
                start=_utc(table.ts[a]),
                end=_utc(table.ts[b - 1]),
                fixes=b - a,
                first=(float(lon[0]), float(lat[0])),
                last=(float(lon[-1]), float(lat[-1])),
                alt_max_ft=None if np.isnan(alts).all() else round(float(np.nanmax(alts)), 1),
                geometry=line_coords(lon, lat),
                rows=(a, b),
                gap_before=gap,
                split_reason=reason if reason != "another aircraft" else None,
            )
        )
    return flights


def _gap(a: tuple[float, float], b: tuple[float, float], seconds: float) -> Gap | None:
    from sortie.geodata.geometry import distance_km

    km = distance_km(a, b)
    if seconds > BRIDGE_MAX_S or km < BRIDGE_MIN_KM:
        return None
    return Gap(seconds=seconds, km=km, geometry=line_geometry(geodesic_line(a, b, step_km=25.0)))


def _utc(ts: float) -> Any:
    import datetime as dt

    return dt.datetime.fromtimestamp(float(ts), dt.UTC)
