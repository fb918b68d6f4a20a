"""Splitting fixes into flights: gaps, impossible jumps, new legs, the antimeridian, gap bridges."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sortie.geodata.geometry import geod
from sortie.geodata.tracks.fixes import make_table
from sortie.geodata.tracks.flights import split_flights
from sortie.geodata.tracks.read import check

T0 = dt.datetime(2024, 3, 5, 14, 0, tzinfo=dt.UTC).timestamp()


def table(ts, lon, lat, **cols):
    n = len(ts)
    cols.setdefault("icao24", "ae5c2f")
    return check(make_table("f.json", "test", n, ts=np.array(ts, float) + T0, lon=lon, lat=lat, **cols))


def test_a_gap_over_ten_minutes_splits_and_is_bridged_along_the_great_circle():
    # 30 s apart, then 40 min with no position while the aircraft crossed 1,200 km of ocean.
    lon = [-60.0, -59.9, -45.0, -44.9]
    lat = [45.0, 45.0, 50.0, 50.0]
    flights = split_flights(table([0, 30, 30 + 2400, 30 + 2430], lon, lat), "a" * 64)
    assert [f.fixes for f in flights] == [2, 2]
    second = flights[1]
    assert second.split_reason == "no position for 40 min"
    assert second.gap_before is not None
    assert second.gap_before.seconds == 2400
    line = second.gap_before.geometry["coordinates"]
    assert line[0] == [-59.9, 45.0] and line[-1] == [-45.0, 50.0]
    # A great circle from (-59.9, 45) to (-45, 50) bows north of the straight lon/lat line: its
    # midpoint is pyproj's geodesic midpoint, not the average of the ends.
    (mid,) = geod().npts(-59.9, 45.0, -45.0, 50.0, 1)
    middle = min(line, key=lambda p: abs(p[0] - mid[0]))
    straight = 45.0 + (middle[0] + 59.9) / 14.9 * 5.0  # the lon/lat line's latitude there
    assert middle[1] > straight + 0.3
    assert middle[1] == pytest.approx(mid[1], abs=0.05)


def test_ten_minutes_exactly_does_not_split():
    flights = split_flights(table([0, 600], [10.0, 10.5], [50.0, 50.0]), "a" * 64)
    assert len(flights) == 1


def test_an_impossible_jump_splits():
    # 1,100 km in 60 s is 36,000 kt: a bad position or two aircraft under one address.
    flights = split_flights(table([0, 60, 120], [10.0, 10.01, 25.0], [50.0, 50.0, 50.0]), "a" * 64)
    assert [f.fixes for f in flights] == [2, 1]
    assert "impossible" in (flights[1].split_reason or "")


def test_a_new_leg_flag_and_a_new_callsign_split():
    t = table(
        [0, 30, 60, 90],
        [10.0, 10.01, 10.02, 10.03],
        [50.0] * 4,
        leg=[False, False, True, False],
        callsign=["A1", "A1", "A1", "B2"],
    )
    reasons = [f.split_reason for f in split_flights(t, "a" * 64)]
    assert reasons == [None, "a new leg (marked by the receiver)", "callsign changed from A1 to B2"]


def test_two_aircraft_in_one_file_are_two_flights_with_no_bridge():
    t = table([0, 0, 30, 30], [10.0, 20.0, 10.01, 20.01], [50.0] * 4, icao24=["aaaaaa", "bbbbbb"] * 2)
    flights = split_flights(t, "a" * 64)
    assert sorted(f.icao24 for f in flights) == ["aaaaaa", "bbbbbb"]
    assert all(f.gap_before is None and f.fixes == 2 for f in flights)


def test_a_flight_over_the_antimeridian_is_split_there():
    f = split_flights(table([0, 30, 60], [179.9, 179.99, -179.95], [50.0, 50.0, 50.0]), "a" * 64)[0]
    assert f.geometry["type"] == "MultiLineString"
    west, east = f.geometry["coordinates"]
    assert west[-1][0] == 180.0 and east[0][0] == -180.0
    assert west[-1][1] == pytest.approx(50.0)


def test_flight_summary():
    f = split_flights(
        table([0, 60], [10.0, 10.5], [50.0, 50.1], alt_baro_ft=[1000, 2000], callsign="X1"), "b" * 64
    )[0]
    assert f.start == dt.datetime.fromtimestamp(T0, dt.UTC) and f.end - f.start == dt.timedelta(seconds=60)
    assert (f.first, f.last, f.alt_max_ft, f.callsign, f.label) == (
        (10.0, 50.0),
        (10.5, 50.1),
        2000.0,
        "X1",
        "X1",
    )
    assert f.id == "trk-bbbbbbbbbbbb-0000"


@given(
    steps=st.lists(
        st.tuples(
            st.floats(1, 1500),  # seconds to the next fix: some beyond the 10-minute gap
            st.floats(-3, 3),  # degrees of longitude moved: some over the antimeridian
            st.floats(-1, 1),
        ),
        min_size=1,
        max_size=40,
    ),
    lon0=st.floats(-180, 180),
    lat0=st.floats(-80, 80),
)
@settings(max_examples=60, deadline=None)
def test_flights_cover_every_fix_once_in_order_and_stay_on_the_globe(steps, lon0, lat0):
    ts, lon, lat = [0.0], [lon0], [lat0]
    for dt_s, dlon, dlat in steps:
        ts.append(ts[-1] + dt_s)
        lon.append((lon[-1] + dlon + 180.0) % 360.0 - 180.0)
        lat.append(max(-85.0, min(85.0, lat[-1] + dlat)))
    flights = split_flights(table(ts, lon, lat), "c" * 64)
    assert sum(f.fixes for f in flights) == len(ts)
    assert [f.rows for f in flights] == [
        (a, b)
        for a, b in zip(
            np.cumsum([0] + [f.fixes for f in flights[:-1]]),
            np.cumsum([f.fixes for f in flights]),
            strict=True,
        )
    ]
    for before, after in itertools.pairwise(flights):
        assert before.end <= after.start
        gap = (after.start - before.end).total_seconds()
        # Split only for a reason that holds: a gap over ten minutes, or an impossible jump.
        assert (gap > 600) == (after.split_reason or "").startswith("no position for")
        assert gap > 600 or "impossible" in (after.split_reason or "")
    for f in flights:
        geom = f.geometry
        parts = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
        for part in parts:
            for x, y in part:
                assert -180.0 <= x <= 180.0 and -90.0 <= y <= 90.0
            # no segment of a drawn part runs the long way round the globe
            assert all(abs(a[0] - b[0]) <= 180.0 for a, b in itertools.pairwise(part))
