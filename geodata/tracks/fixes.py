"""The records of observed positions: one Fix per position report, a Flight per split sequence.

Readers produce a `FixTable` (one numpy column per field): a million fixes as a million frozen
dataclasses would cost seconds on their own. `FixTable.fixes()` gives the typed records for anyone who
wants them (tests, small files). Units are the aviation ones whatever the file held: feet, knots,
feet per minute, degrees; times are UTC.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

# Conversions from SI (OpenSky, GPX, KML, GeoJSON altitudes are metres; speeds m/s).
FT_PER_M = 1 / 0.3048
KT_PER_MS = 3600 / 1852
FPM_PER_MS = 60 / 0.3048

FLOAT_COLUMNS = ("lat", "lon", "alt_baro_ft", "alt_geo_ft", "speed_kt", "track_deg", "vrate_fpm")


@dataclass(frozen=True, slots=True)
class Fix:
    """One observed position. Unknown values are None (a file that lacks them says nothing)."""

    ts: dt.datetime  # UTC, timezone-aware
    icao24: str | None  # lower-case 24-bit hex, e.g. "ae01c5"; None when the file has no hex (FR24)
    callsign: str | None
    lat: float
    lon: float
    alt_baro_ft: float | None
    alt_geo_ft: float | None
    speed_kt: float | None
    track_deg: float | None
    vrate_fpm: float | None
    on_ground: bool
    source: str  # the file it was read from

    def __post_init__(self) -> None:
        if self.ts.tzinfo is None:
            raise ValueError(f"fix time {self.ts.isoformat()} has no time zone (fixes are UTC)")
        if not (-90.0 <= self.lat <= 90.0 and -180.0 <= self.lon <= 180.0):
            raise ValueError(f"fix position lat {self.lat}, lon {self.lon} is out of range")


@dataclass(frozen=True)
class FixTable:
    """Fixes of one file, as columns of equal length (NaN where a value is unknown).

    `record` is each fix's place in the file (a line number, an array index...) and `record_label`
    formats it for error messages ("line {}"). `leg` marks fixes where the source itself says a new
    flight starts (readsb's "new leg" flag). `meta` holds what the file says about the aircraft
    (type, registration), keyed by icao24.
    """

    source: str
    format: str
    ts: np.ndarray  # float64, seconds since 1970-01-01 UTC
    icao24: np.ndarray  # object: str or None
    callsign: np.ndarray  # object: str or None
    lat: np.ndarray
    lon: np.ndarray
    alt_baro_ft: np.ndarray
    alt_geo_ft: np.ndarray
    speed_kt: np.ndarray
    track_deg: np.ndarray
    vrate_fpm: np.ndarray
    on_ground: np.ndarray  # bool
    record: np.ndarray  # int64
    record_label: str = "record {}"
    leg: np.ndarray | None = None  # bool
    meta: dict[str, dict[str, str]] = field(default_factory=dict)
    unordered: bool = False  # the format has no order (KML placemarks): sorted by time, never "out of order"

    def __len__(self) -> int:
        return int(self.ts.shape[0])

    def where(self, i: int) -> str:
        return self.record_label.format(int(self.record[i]))

    def fix(self, i: int) -> Fix:
        def opt(col: np.ndarray) -> float | None:
            v = float(col[i])
            return None if math.isnan(v) else v

        return Fix(
            ts=dt.datetime.fromtimestamp(float(self.ts[i]), dt.UTC),
            icao24=self.icao24[i],
            callsign=self.callsign[i],
            lat=float(self.lat[i]),
            lon=float(self.lon[i]),
            alt_baro_ft=opt(self.alt_baro_ft),
            alt_geo_ft=opt(self.alt_geo_ft),
            speed_kt=opt(self.speed_kt),
            track_deg=opt(self.track_deg),
            vrate_fpm=opt(self.vrate_fpm),
            on_ground=bool(self.on_ground[i]),
            source=self.source,
        )

    def fixes(self) -> Iterator[Fix]:
        for i in range(len(self)):
            yield self.fix(i)

    def take(self, index: np.ndarray) -> FixTable:
        """The fixes at `index` (an integer array), in that order."""
        import dataclasses

        cols = {
            name: getattr(self, name)[index]
            for name in ("ts", "icao24", "callsign", *FLOAT_COLUMNS, "on_ground", "record")
        }
        leg = self.leg[index] if self.leg is not None else None
        return dataclasses.replace(self, leg=leg, **cols)


def make_table(
    source: str,
    fmt: str,
    n: int,
    *,
    record_label: str = "record {}",
    meta: dict[str, dict[str, str]] | None = None,
    unordered: bool = False,
    **columns: Any,
) -> FixTable:
    """A FixTable from whatever columns a reader has; the missing ones are filled as unknown.

    Each column may be a numpy array, a list, or a scalar (repeated n times).
    """
    import numpy as np

    def col(name: str, dtype: Any, default: Any) -> np.ndarray:
        value = columns.pop(name, default)
        if isinstance(value, np.ndarray) and value.dtype == dtype and value.shape == (n,):
            return value
        if value is None or np.isscalar(value):
            arr = np.empty(n, dtype=dtype)
            arr[:] = value if value is not None else default
            return arr
        return np.asarray(value, dtype=dtype)

    table = FixTable(
        source=source,
        format=fmt,
        ts=col("ts", np.float64, math.nan),
        icao24=col("icao24", object, None),
        callsign=col("callsign", object, None),
        **{name: col(name, np.float64, math.nan) for name in FLOAT_COLUMNS},
        on_ground=col("on_ground", np.bool_, False),
        record=col("record", np.int64, 0) if "record" in columns else np.arange(1, n + 1, dtype=np.int64),
        record_label=record_label,
        leg=col("leg", np.bool_, False) if "leg" in columns else None,
        meta=meta or {},
        unordered=unordered,
    )
    if columns:
        raise TypeError(f"unknown fix columns: {', '.join(sorted(columns))}")
    return table


@dataclass(frozen=True)
class Gap:
    """The unobserved stretch before a flight: from the previous flight's last fix of the same aircraft."""

    seconds: float
    km: float
    geometry: dict[str, Any]  # the great-circle bridge (split at the antimeridian), drawn dashed


@dataclass(frozen=True)
class Flight:
    """A sequence of fixes of one aircraft with no gap longer than the split rule allows."""

    id: str
    icao24: str | None
    callsign: str | None
    aircraft_type: str | None
    registration: str | None
    source: str
    source_sha256: str
    start: dt.datetime
    end: dt.datetime
    fixes: int
    first: tuple[float, float]  # (lon, lat)
    last: tuple[float, float]
    alt_max_ft: float | None
    geometry: dict[str, Any]  # LineString, or MultiLineString when it crosses the antimeridian
    rows: tuple[int, int] = (0, 0)  # [start, stop) in the file's time-sorted fix order
    gap_before: Gap | None = None
    split_reason: str | None = None  # why the previous flight of the aircraft ended here

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError(f"flight {self.id}: times must be UTC-aware")
        if self.end < self.start:
            raise ValueError(f"flight {self.id}: ends ({self.end}) before it starts ({self.start})")

    @property
    def label(self) -> str:
        """What a person calls it: callsign, else hex, else the file."""
        return self.callsign or (self.icao24.upper() if self.icao24 else None) or self.source


def iso(ts: float | dt.datetime) -> str:
    """UTC ISO 8601 with a Z, to the second (what the store and the exports write)."""
    when = ts if isinstance(ts, dt.datetime) else dt.datetime.fromtimestamp(float(ts), dt.UTC)
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> dt.datetime:
    """An ISO 8601 time (a Z or an offset; none means UTC) as an aware UTC datetime."""
    value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def clean_callsign(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text.upper() or None


def clean_hex(value: Any) -> str | None:
    text = str(value).strip().lower() if value is not None else ""
    # readsb marks non-ICAO addresses (TIS-B, anonymised) with a leading "~": keep it, it is the id.
    return text or None


def as_floats(values: Sequence[Any]) -> np.ndarray:
    """A float column from JSON values: None and strings ("ground") become NaN."""
    import numpy as np

    try:
        return np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        return np.array([v if isinstance(v, (int, float)) else math.nan for v in values], dtype=np.float64)
