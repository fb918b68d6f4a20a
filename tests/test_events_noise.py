"""What must not reach the map as an event, or not as drawn (the noise an analyst saw in the third
set of test articles), on short sentences parsed by the real model and a tiny gazetteer: a presence
is no movement, a demonym on what a place hosts or on a ship's flag says whose, not where; habits
and events in general are no incident; a country that "attacked" a city is no launch site; one
movement told twice in an article is one route."""

from __future__ import annotations

import datetime as dt

import pytest
from events_world import extract_text

pytestmark = pytest.mark.model

DAY = "day"
MONDAY = {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)}


@pytest.fixture(scope="module")
def nlp():
    from sortie.geodata.nlp import load_model

    return load_model()


run = extract_text


def on_map(events):
    return [e for e in events if e.place is not None and e.kind not in ("threat", "statement")]


# -- 1. a presence, and demonyms of owners --------------------------------------------------------


def test_troops_stationed_somewhere_are_a_presence_not_an_event(nlp):
    text = "About 1,500 French troops are stationed in Djibouti, which also hosts American and Chinese bases."
    events, routes = run(nlp, text)
    assert on_map(events) == [] and routes == []


def test_troops_stationed_on_a_date_still_moved(nlp):
    events, _ = run(nlp, "Two hundred troops were stationed in Djibouti on Monday.", MONDAY)
    assert [e.place.id for e in on_map(events)] == ["t:DJ"]


def test_bases_of_several_countries_are_where_the_text_puts_them(nlp):
    events, _ = run(nlp, "Drones struck American, French and Italian bases in Djibouti on Monday.", MONDAY)
    # three owners, one place: not the United States
    assert [e.place.id for e in on_map(events)] == ["t:DJ"]


def test_what_a_country_hosts_is_in_that_country(nlp):
    events, _ = run(nlp, "On Monday, rockets struck the country, which hosts American bases.", MONDAY)
    assert [e.place.id for e in on_map(events) if e.place.id == "t:US"] == []


def test_a_ships_flag_is_not_where_it_was_hit(nlp):
    events, _ = run(nlp, "A Panama-flagged cargo ship was hit in the Red Sea on Monday.", MONDAY)
    assert [e.place.id for e in on_map(events)] == ["t:red"]
    events, _ = run(nlp, "A Panama-flagged cargo ship was hit on Monday.", MONDAY)
    assert on_map(events) == []  # no place stated: off the map, not in Panama


# -- 2. habits and events in general --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mirage fighters have flown over Djibouti for more than two decades.",
        "Israel rarely comments on individual strikes in Syria.",
        "The ship has taken part in exercises in the Pacific.",
        "The fleet holds drills in the Baltic Sea every year.",
        "American troops have been stationed in Djibouti since 2002.",
    ],
)
def test_habits_and_events_in_general_are_not_on_the_map(nlp, text):
    events, routes = run(nlp, text)
    assert on_map(events) == [] and routes == []


def test_a_dated_part_in_exercises_is_an_exercise(nlp):
    events, _ = run(nlp, "The ship took part in exercises in the Pacific on Monday.", MONDAY)
    assert [(e.kind, e.place.id) for e in on_map(events)] == [("exercise", "t:pacific")]


def test_a_long_flight_in_the_perfect_is_still_a_flight(nlp):
    # hours, not years: one sortie
    events, _ = run(nlp, "Two B-52 bombers have flown for 36 hours over the Baltic Sea.")
    assert [(e.kind, e.place.id) for e in on_map(events)] == [("flight", "t:baltic")]


# -- 3. an attack route needs a stated launch or launch site -------------------------------------


def test_a_country_that_attacked_a_city_is_no_launch_site(nlp):
    events, routes = run(nlp, "Russia attacked the port of Odesa with missiles and drones on Monday.", MONDAY)
    assert routes == []  # the missiles may have come from ships, aircraft or occupied land
    assert [e.place.id for e in on_map(events)] == ["t:odesa"]


def test_a_country_that_fired_missiles_at_a_city_is_the_launch_site(nlp):
    _, routes = run(nlp, "Russia fired missiles at Odesa on Monday.", MONDAY)
    assert [(r.origin.id, r.destination.id) for r in routes] == [("t:RU", "t:odesa")]


# -- 4. one movement told twice in one article ------------------------------------------------------


def test_a_departure_told_again_is_one_route_dated_by_the_stated_day(nlp):
    text = (
        "More than 30 warships sailed from Kiel into the Baltic Sea on Thursday. "
        "German frigates and minehunters left the German port in a long column."
    )
    _, routes = run(nlp, text, {"Thursday": ("DATE", "2024-03-07", "2024-03-07", DAY)})
    assert len(routes) == 1, routes
    route = routes[0]
    assert (route.origin.id, route.destination.id) == ("t:kiel", "t:baltic")
    assert route.start == dt.date(2024, 3, 7) and route.time_basis == "stated"  # not the publication day
    cited = {route.citation.sentence, *(c.sentence for c in route.support)}
    assert any(s.startswith("German frigates") for s in cited)


def test_two_departures_on_different_days_stay_two_routes(nlp):
    text = (
        "Warships sailed from Kiel into the Baltic Sea on Thursday. "
        "On Friday, submarines sailed from Kiel into the North Sea."
    )
    times = {
        "Thursday": ("DATE", "2024-03-07", "2024-03-07", DAY),
        "Friday": ("DATE", "2024-03-08", "2024-03-08", DAY),
    }
    _, routes = run(nlp, text, times)
    assert sorted(r.destination.id for r in routes) == ["t:baltic", "t:north"]


def test_a_count_of_strikes_so_far_this_year_is_a_tally_not_an_event(nlp):
    from events_world import extract_text

    events, _ = extract_text(
        nlp, "The command has conducted more than a dozen strikes in Iraq so far this year."
    )
    assert events == []


def test_exercises_the_bombers_will_join_are_a_plan(nlp):
    from events_world import extract_text

    events, _ = extract_text(
        nlp, "The bombers will integrate with allied aircraft in exercises over the Baltic Sea."
    )
    assert events == []


def test_aircraft_flying_from_a_base_to_do_something_by_habit_is_no_flight(nlp):
    from events_world import extract_text

    text = "Patrol aircraft flying from RAF Fairford routinely track Russian ships in the North Sea."
    events, routes = extract_text(nlp, text)
    assert (events, routes) == ([], [])
