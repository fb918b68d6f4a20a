"""Proposing observed flights for reported routes: time, departure, arrival, aircraft."""

from __future__ import annotations

import datetime as dt

import pytest

from sortie.geodata.geometry import geodesic_line, line_geometry
from sortie.geodata.records import Citation, Feature
from sortie.geodata.tracks.fixes import Flight
from sortie.geodata.tracks.match import Match, evaluate, propose

MINOT = (-101.358, 48.416)
FAIRFORD = (-1.790, 51.682)


def route(
    start=dt.date(2024, 3, 5),
    actors=("B-52",),
    sentence="Two B-52s flew from Minot to Fairford.",
    precision="point",
    rid="r1",
):
    cite = Citation("a.txt", sentence, 0, len(sentence))
    return Feature(
        rid,
        "routes",
        "flight: Minot to Fairford",
        "flight",
        line_geometry(geodesic_line(MINOT, FAIRFORD)),
        "GB",
        precision,
        start,
        start,
        "day",
        (cite,),
        {"actors": list(actors)},
    )


def flight(start_h=14.0, hours=9.0, first=MINOT, last=FAIRFORD, ac_type="B52", callsign="JULIO51", fid="f1"):
    t0 = dt.datetime(2024, 3, 5, tzinfo=dt.UTC) + dt.timedelta(hours=start_h)
    line = line_geometry(geodesic_line(first, last))
    return Flight(
        fid,
        "ae5c2f",
        callsign,
        ac_type,
        None,
        "x.json",
        "0" * 64,
        t0,
        t0 + dt.timedelta(hours=hours),
        100,
        first,
        last,
        35000.0,
        line,
    )


def test_the_flight_that_is_the_route_scores_high_with_its_evidence():
    m = evaluate(route(), flight())
    assert m.evidence.departure_km == pytest.approx(0.0, abs=0.1)
    assert m.evidence.arrival_km == pytest.approx(0.0, abs=0.1)
    assert m.evidence.time_offset_h == 0.0
    assert "B52" in m.evidence.aircraft
    assert m.score == pytest.approx(1.0)


def test_a_flight_a_week_later_or_elsewhere_is_not_proposed():
    late = flight(start_h=24 * 7, fid="late")
    elsewhere = flight(first=(30.0, 50.0), last=(35.0, 45.0), fid="elsewhere")
    right = flight(fid="right")
    found = propose([route()], [late, elsewhere, right])
    assert [m.flight_id for m in found] == ["right"]


def test_a_track_seen_only_part_of_the_way_counts_its_closest_approach():
    # Coverage lost 100 km short of Fairford: the closest approach is what counts.
    short = flight(last=(-3.2, 51.9))
    m = evaluate(route(), short)
    assert m.evidence.arrival_km == m.evidence.closest_km
    assert 80 < m.evidence.closest_km < 120
    assert m.evidence.parts["arrival"] > 0.3
    assert propose([route()], [short])


def test_the_wrong_aircraft_type_lowers_the_score_and_a_named_callsign_raises_it():
    assert evaluate(route(), flight(ac_type="C17")).evidence.parts["aircraft"] == 0.1
    named = route(actors=(), sentence="The bomber, callsign JULIO51, left Minot.")
    assert evaluate(named, flight(ac_type=None)).evidence.parts["aircraft"] == 1.0


def test_an_hour_outside_the_day_still_matches_a_day_precise_date():
    # Dated 5 March (local time unknown): a flight from 02:00Z on 6 March is inside the margin.
    assert evaluate(route(), flight(start_h=26)).evidence.time_offset_h == 0.0
    assert evaluate(route(), flight(start_h=40)).evidence.time_offset_h == pytest.approx(4.0)


def test_decisions_are_checked():
    with pytest.raises(ValueError, match="maybe"):
        Match("r", "f", 0.5, evaluate(route(), flight()).evidence, "maybe")
