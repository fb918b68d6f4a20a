"""The CSV family: OpenSky state vectors and Flightradar24's flight CSV export.

OpenSky's state vectors (its historical CSV dumps `states_*.csv` and Impala's `state_vectors_data4`):
`time` (Unix s), `icao24`, `lat`, `lon`, `velocity` (m/s), `heading` (deg), `vertrate` (m/s),
`callsign`, `onground`, `baroaltitude` and `geoaltitude` (m), and a few more we do not need. A row
without a position is a state vector, not a fix, and is skipped. Flightradar24's export: `Timestamp`
(Unix s), `UTC`, `Callsign`, `Position` ("lat,lon"), `Altitude` (ft), `Speed` (kt), `Direction`
(deg); it has no hex, so its fixes have none.

pandas' C parser reads both; a column that comes out as text where numbers belong is searched row by
row only then, to name the line at fault.
"""

from __future__ import annotations

import io
from typing import Any

from sortie.geodata.errors import TrackFileError
from sortie.geodata.tracks import detect
from sortie.geodata.tracks.fixes import FPM_PER_MS, FT_PER_M, KT_PER_MS, FixTable, make_table


def _frame(path: str, data: bytes, columns: tuple[str, ...], strings: tuple[str, ...]) -> Any:
    import pandas as pd

    try:
        return pd.read_csv(
            io.BytesIO(data),
            usecols=list(columns),
            dtype={c: str for c in strings},
            keep_default_na=False,
            na_values={c: [""] for c in columns if c not in strings},
            skip_blank_lines=False,
            engine="c",
        )
    except UnicodeDecodeError:
        raise TrackFileError(path, "not UTF-8 text, so not CSV") from None
    except (pd.errors.ParserError, ValueError) as exc:
        raise TrackFileError(path, f"broken CSV: {str(exc).strip()}") from None


def _numbers(path: str, frame: Any, name: str) -> Any:
    """A column as float64 (NaN where empty), or an error naming the first line that is not a number."""
    import numpy as np
    import pandas as pd

    col = frame[name]
    if col.dtype.kind in "fi":
        return col.to_numpy(dtype=np.float64)
    values = pd.to_numeric(col, errors="coerce")
    bad = values.isna() & col.notna() & (col.astype(str).str.strip() != "")
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise TrackFileError(path, f"line {row + 2}: {name} {col.iloc[row]!r} is not a number")
    return values.to_numpy(dtype=np.float64)


def _texts(frame: Any, name: str, clean: Any = str.strip) -> Any:
    """A text column cleaned (None where empty). Hexes and callsigns repeat on every row of an
    aircraft, so each distinct value is cleaned once and the result spread back by its codes."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(frame[name])
    cleaned = [clean(u) or None if isinstance(u, str) else None for u in uniques]
    return np.array([*cleaned, None], dtype=object)[codes]  # code -1 (missing) takes the last: None


def _bools(frame: Any, name: str) -> Any:
    col = frame[name]
    if col.dtype == bool:
        return col.to_numpy()
    return col.isin(("True", "true", "TRUE", "1", "t", "T", " True", "True ")).to_numpy()


def read_opensky(path: str, data: bytes) -> FixTable:
    import numpy as np

    frame = _frame(path, data, detect.OPENSKY_COLUMNS, ("icao24", "callsign", "onground"))
    lat, lon = _numbers(path, frame, "lat"), _numbers(path, frame, "lon")
    lines = np.arange(2, len(frame) + 2, dtype=np.int64)
    # A state vector without a position is not a fix (OpenSky writes many: coverage without ADS-B).
    keep = ~(np.isnan(lat) & np.isnan(lon))
    if not keep.all():
        frame, lat, lon, lines = frame[keep], lat[keep], lon[keep], lines[keep]
    return make_table(
        path,
        detect.OPENSKY,
        len(frame),
        record_label="line {}",
        record=lines,
        ts=_numbers(path, frame, "time"),
        icao24=_texts(frame, "icao24", lambda t: t.strip().lower()),
        callsign=_texts(frame, "callsign", lambda t: t.strip().upper()),
        lat=lat,
        lon=lon,
        alt_baro_ft=_numbers(path, frame, "baroaltitude") * FT_PER_M,
        alt_geo_ft=_numbers(path, frame, "geoaltitude") * FT_PER_M,
        speed_kt=_numbers(path, frame, "velocity") * KT_PER_MS,
        track_deg=_numbers(path, frame, "heading"),
        vrate_fpm=_numbers(path, frame, "vertrate") * FPM_PER_MS,
        on_ground=_bools(frame, "onground"),
    )


def read_fr24(path: str, data: bytes) -> FixTable:
    import numpy as np

    frame = _frame(path, data, detect.FR24_COLUMNS, ("UTC", "Callsign", "Position"))
    position = frame["Position"].fillna("").str.split(",", n=1, expand=True)
    if position.shape[1] < 2:
        position[1] = ""
    bad = position[1].isna() | (position[1].astype(str).str.strip() == "")
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        value = frame["Position"].iloc[row]
        raise TrackFileError(path, f'line {row + 2}: Position {value!r} is not "lat,lon"')
    import pandas as pd

    where = pd.DataFrame({"lat": position[0], "lon": position[1]})
    return make_table(
        path,
        detect.FR24,
        len(frame),
        record_label="line {}",
        record=np.arange(2, len(frame) + 2, dtype=np.int64),
        ts=_numbers(path, frame, "Timestamp"),
        callsign=_texts(frame, "Callsign", lambda t: t.strip().upper()),
        lat=_numbers(path, where, "lat"),
        lon=_numbers(path, where, "lon"),
        alt_baro_ft=_numbers(path, frame, "Altitude"),
        speed_kt=_numbers(path, frame, "Speed"),
        track_deg=_numbers(path, frame, "Direction"),
        # FR24 writes altitude 0 on the ground and gives no ground flag.
        on_ground=_numbers(path, frame, "Altitude") <= 0,
    )
