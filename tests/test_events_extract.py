"""Rules of the events stage on short sentences parsed by the real model (a tiny gazetteer)."""

from __future__ import annotations

import datetime as dt

import pytest
from events_world import extract_text

pytestmark = pytest.mark.model

DAY = "day"


@pytest.fixture(scope="module")
def nlp():
    from sortie.geodata.nlp import load_model

    return load_model()


run = extract_text


def only(items, kind=None):
    found = [i for i in items if kind is None or i.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_bombers_deploy_from_one_base_to_another(nlp):
    text = "Two B-1B bombers deployed to RAF Fairford from Barksdale Air Force Base on Monday."
    _events, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    route = only(routes)
    assert route.kind == "flight"  # a deployment of aircraft is flown
    assert (route.origin.id, route.destination.id) == ("t:KBAD", "t:EGVA")
    assert route.quantity == "Two"
    assert route.start == dt.date(2024, 3, 4) and route.time_basis == "stated"


def test_missiles_fired_from_a_country_at_ships_happen_at_the_ships(nlp):
    text = "Houthi rebels fired two ballistic missiles from Yemen at ships in the Gulf of Aden on Saturday."
    events, routes = run(nlp, text, {"Saturday": ("DATE", "2024-03-09", "2024-03-09", DAY)})
    event = only(events)
    assert event.kind == "missile_attack"
    assert event.place.id == "t:aden"  # where it hit, not where it came from
    assert event.quantity == "two"
    route = only(routes)
    assert (route.origin.id, route.destination.id) == ("t:YE", "t:aden")


def test_drones_shot_down_over_a_sea(nlp):
    text = "The destroyer shot down three drones over the Red Sea on Tuesday."
    events, _ = run(nlp, text, {"Tuesday": ("DATE", "2024-03-05", "2024-03-05", DAY)})
    event = only(events)
    assert event.kind == "shoot_down"
    assert event.place.id == "t:red"
    assert event.start == dt.date(2024, 3, 5)


def test_fighters_intercept_over_the_baltic(nlp):
    text = "German fighter jets intercepted two Russian aircraft over the Baltic Sea."
    events, _ = run(nlp, text)
    event = only(events)
    assert event.kind == "interception"
    assert event.place.id == "t:baltic"
    # no date stated: the publication date, marked as such, coarse
    assert event.time_basis == "reported" and event.time_precision == "week"


def test_carrier_sails_through_a_strait_into_the_gulf(nlp):
    text = "The aircraft carrier sailed through the Strait of Hormuz into the Gulf on Thursday."
    _events, routes = run(nlp, text, {"Thursday": ("DATE", "2024-03-07", "2024-03-07", DAY)})
    route = only(routes)
    assert route.kind == "sailing"
    assert (route.origin.id, route.destination.id) == ("t:hormuz", "t:gulf")


def test_airstrike_near_a_city(nlp):
    text = "An Israeli airstrike hit a weapons depot near Damascus on Sunday."
    events, _ = run(nlp, text, {"Sunday": ("DATE", "2024-03-03", "2024-03-03", DAY)})
    event = only(events)
    assert event.kind == "air_strike"
    assert event.place.id == "t:damascus"


def test_shelling_of_a_city(nlp):
    events, _ = run(nlp, "Russian forces shelled Kharkiv overnight, officials said.")
    event = only(events)
    assert event.kind == "shelling" and event.place.id == "t:kharkiv"
    assert "Russian forces" in event.actors


def test_demonym_on_a_base_places_the_attack_in_that_country(nlp):
    events, _ = run(nlp, "Iran fired a barrage of missiles at Iraqi military bases.")
    event = only(events, "missile_attack")
    assert event.place.id == "t:IQ"
    assert event.quantity == "a barrage of"


def test_drone_strike_outside_an_airport_is_dated_by_its_own_date(nlp):
    text = "He was killed in a Jan. 3, 2019, drone strike outside of Baghdad's international airport."
    events, _ = run(nlp, text, {"Jan. 3, 2019": ("DATE", "2019-01-03", "2019-01-03", DAY)})
    event = only(events)
    assert event.kind == "drone_strike"
    assert event.place.id == "t:ORBI"  # the airport, not the city centre
    assert event.start == dt.date(2019, 1, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Iran could be preparing an attack on U.S. bases in Iraq.",
        "Officials fear potential attacks on the embassy in Baghdad.",
        "Militias did not attack the base in Iraq.",
        "They warned of the risk of attacks in Baghdad.",
    ],
)
def test_hypotheticals_are_not_incidents(nlp, text):
    events, routes = run(nlp, text)
    assert [e for e in events if e.kind not in ("threat", "statement")] == []
    assert routes == []


def test_definite_subject_continues_the_previous_flight(nlp):
    text = (
        "Two B-52 bombers flew over the North Sea on Friday. "
        "The bombers took off from RAF Fairford and returned the same day."
    )
    events, routes = run(nlp, text, {"Friday": ("DATE", "2024-03-08", "2024-03-08", DAY)})
    route = only(routes)
    assert (route.origin.id, route.destination.id) == ("t:EGVA", "t:north")
    assert route.citation.sentence.startswith("The bombers took off")  # the sentence with its ends
    assert [c.sentence[:15] for c in route.support] == ["Two B-52 bomber"]
    assert route.round_trip
    assert route.start == dt.date(2024, 3, 8) and route.time_basis == "nearby"
    # the first sentence's flight is this route, and one event where it went, not two
    assert [(e.place.id, e.citation.sentence[:11]) for e in events] == [("t:north", "The bombers")]


def test_origin_only_borrows_the_area_stated_next(nlp):
    text = (
        "The two planes were dispatched from Minot Air Force Base in North Dakota and flew 36 hours "
        "to complete the round trip. It was the third time that the Air Force conducted such flights "
        "in the Arabian Gulf."
    )
    _, routes = run(nlp, text, {"36 hours": ("DURATION", "PT36H", "", "")})
    route = only(routes)
    assert (route.origin.id, route.destination.id) == ("t:KMIB", "t:gulf")
    assert route.duration == "36 hours" and route.round_trip
    assert route.quantity == "two"


def test_jets_scrambled_to_intercept_are_an_interception_and_a_sortie(nlp):
    text = (
        "Fighter jets were scrambled from RAF Fairford on Monday to intercept two bombers over the North Sea."
    )
    events, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    event = only(events)
    assert event.kind == "interception" and event.place.id == "t:north"
    assert "Fighter jets" in event.actors[0]  # the scrambled jets are the actors, not the targets
    route = only(routes)
    assert (route.origin.id, route.destination.id) == ("t:EGVA", "t:north")
    assert route.start == dt.date(2024, 3, 4)


def test_returning_to_base_is_the_same_flight_and_makes_a_round_trip(nlp):
    text = "Two B-52 bombers flew from RAF Fairford over the Baltic Sea before returning to their base."
    events, routes = run(nlp, text)
    route = only(routes)
    assert (route.origin.id, route.destination.id) == ("t:EGVA", "t:baltic")
    assert route.round_trip
    assert only(events).place.id == "t:baltic"  # the far end of a round trip, not the home base


def test_a_strike_group_is_a_ship_formation_not_a_strike(nlp):
    text = "The carrier strike group sailed through the Strait of Hormuz into the Gulf on Monday."
    events, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert [(e.kind, e.place.id) for e in events] == [("sailing", "t:gulf")]  # no strike
    route = only(routes)
    assert (route.kind, route.origin.id, route.destination.id) == ("sailing", "t:hormuz", "t:gulf")


def test_the_start_of_a_count_does_not_date_the_attack(nlp):
    text = "It was the fifth attack on shipping in the Red Sea since Jan. 2."
    events, _ = run(nlp, text, {"Jan. 2": ("DATE", "2024-01-02", "2024-01-02", DAY)})
    event = only(events)
    assert event.time_basis == "reported" and event.start == dt.date(2024, 3, 10)


def test_the_launch_site_in_the_next_sentence_adds_a_route_not_an_event(nlp):
    text = "Missiles struck Damascus on Monday. The missiles were fired from Iraq, a military source said."
    events, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    event = only(events)
    assert event.place.id == "t:damascus" and event.start == dt.date(2024, 3, 4)
    route = only(routes)
    assert (route.origin.id, route.destination.id) == ("t:IQ", "t:damascus")
    assert route.start == dt.date(2024, 3, 4)  # dated like the attack it continues


def test_civil_flights_and_habits_are_not_events(nlp):
    text = "Flights were diverted to Damascus. Jets are scrambled several times a month over the Baltic Sea."
    events, routes = run(nlp, text)
    assert [e for e in events if e.place is not None] == [] and routes == []


# -- an attack route needs a stated launch site (regression: a route drawn from a place that was
# only named inside the attacker's phrase, and between a city and a site inside it) -------------


def test_a_place_inside_the_agent_phrase_is_no_launch_site(nlp):
    text = (
        "The embassy in Baghdad was attacked on Sunday by several rockets that landed near "
        "Baghdad International Airport."
    )
    events, routes = run(nlp, text, {"Sunday": ("DATE", "2024-03-03", "2024-03-03", DAY)})
    assert routes == []  # where the rockets landed is not where they came from
    assert only(events).kind == "rocket_attack"


def test_no_route_between_a_city_and_a_site_inside_it(nlp):
    text = "Rockets were fired from Baghdad at Baghdad International Airport on Sunday."
    events, routes = run(nlp, text, {"Sunday": ("DATE", "2024-03-03", "2024-03-03", DAY)})
    assert routes == []  # the airport is in Baghdad: a line between them shows nothing
    assert only(events).place.id == "t:ORBI"


def test_the_country_backing_an_attacker_is_no_launch_site(nlp):
    text = "Iran-backed militias fired rockets at Damascus on Monday."
    events, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert routes == []
    assert only(events).place.id == "t:damascus"


def test_a_country_that_fires_is_the_launch_site(nlp):
    text = "Iran fired a barrage of missiles at Iraqi military bases on Monday."
    _events, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    route = only(routes)
    assert (route.kind, route.origin.id, route.destination.id) == ("missile_attack", "t:IR", "t:IQ")


def test_a_later_sentence_naming_the_launch_site_adds_the_route(nlp):
    text = (
        "Houthi rebels fired drones and missiles at ships in the Red Sea on Tuesday. "
        "The rebels launched the drones and missiles from Yemen, the command said."
    )
    events, routes = run(nlp, text, {"Tuesday": ("DATE", "2024-03-05", "2024-03-05", DAY)})
    route = only(routes)
    assert (route.origin.id, route.destination.id) == ("t:YE", "t:red")
    assert any(c.sentence.startswith("Houthi rebels fired") for c in (route.citation, *route.support))
    assert [e.place.id for e in events if e.place] == ["t:red"]  # one attack, at the ships


# -- a time that is the object of "before", "after", "ahead of" does not date the event ---------

ANNIVERSARY = {"the anniversary": ("DATE", "2024-03-08", "2024-03-08", DAY)}


def test_days_before_a_date_is_not_that_date(nlp):
    text = "Two B-52 bombers flew over the Baltic Sea days before the anniversary."
    event = only(run(nlp, text, ANNIVERSARY)[0])
    # no distance stated: the report's date (published 2024-03-10), marked as such
    assert event.time_basis == "reported" and event.start == dt.date(2024, 3, 10)


def test_a_stated_distance_before_a_date_dates_the_event(nlp):
    text = "Two B-52 bombers flew over the Baltic Sea two days before the anniversary."
    event = only(run(nlp, text, ANNIVERSARY)[0])
    assert event.start == event.end == dt.date(2024, 3, 6) and event.time_basis == "stated"


def test_ahead_of_a_date_falls_back_to_the_plain_date_before_it(nlp):
    text = (
        "On Tuesday, NATO warned Moscow. Two B-52 bombers flew over the Baltic Sea ahead of the anniversary."
    )
    times = {"Tuesday": ("DATE", "2024-03-05", "2024-03-05", DAY), **ANNIVERSARY}
    event = only(run(nlp, text, times)[0])
    assert event.start == dt.date(2024, 3, 5) and event.time_basis == "nearby"


def test_a_date_modifying_the_event_after_after_still_dates_it(nlp):
    # "after an April incident, when ...": April is the incident's month, the incident is the event
    text = (
        "Tensions rose after an April incident, when a dozen Iranian boats approached U.S. warships "
        "in the Gulf of Aden."
    )
    event = only(run(nlp, text, {"April": ("DATE", "2023-04", "2023-04-01", "month")})[0])
    assert event.kind == "naval_encounter"
    assert (event.start, event.end) == (dt.date(2023, 4, 1), dt.date(2023, 4, 30))


# -- "off X's coast" is the sea beside X; a plain continuation folds into the route -------------


def test_flying_off_a_coast_continued_by_the_next_sentence_is_one_route_to_the_sea(nlp):
    text = (
        "The bombers flew off Yemen's coast on Friday. The two planes were dispatched from RAF "
        "Fairford and flew 30 hours. It was the third time this year that the Air Force conducted "
        "such flights in the Gulf of Aden."
    )
    times = {"Friday": ("DATE", "2024-03-08", "2024-03-08", DAY), "30 hours": ("DURATION", "PT30H", "", "")}
    events, routes = run(nlp, text, times)
    # no separate "Flight: Yemen", and "such flights" is no new flight: one event, at the sea
    assert [e.place.id for e in events] == ["t:aden"]
    route = only(routes)
    assert (route.origin.id, route.destination.id) == ("t:EGVA", "t:aden")  # the sea, not Yemen
    assert route.citation.sentence.startswith("The two planes")  # the sentence with its origin
    assert [c.sentence[:11] for c in route.support] == ["The bombers", "It was the "]
    assert route.start == dt.date(2024, 3, 8)


def test_off_a_coast_with_no_sea_named_keeps_the_country(nlp):
    text = "Two bombers flew off Iran's coast on Friday."
    event = only(run(nlp, text, {"Friday": ("DATE", "2024-03-08", "2024-03-08", DAY)})[0])
    assert event.place.id == "t:IR" and event.place.precision == "country"


def test_an_incident_off_a_coast_is_at_the_sea_the_article_names(nlp):
    text = "A drone was shot down off Yemen's coast on Friday as warships patrolled the Gulf of Aden."
    event = only(run(nlp, text, {"Friday": ("DATE", "2024-03-08", "2024-03-08", DAY)})[0])
    assert event.kind == "shoot_down" and event.place.id == "t:aden"


def test_flights_on_several_occasions_are_no_one_event(nlp):
    events, routes = run(nlp, "Jets flew over the North Sea on several occasions last month.")
    assert events == [] and routes == []


# -- second set of articles: shoot-downs, movements in relative clauses, leading times, objects
# that carry the direction, verbs of moving ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Air defences destroyed 32 drones over the Red Sea during the night.",
        "The destroyer downed two missiles over the Red Sea.",
        "Air defences shot down 41 of the drones over the Red Sea.",
    ],
)
def test_bringing_down_what_flies_over_a_place_is_a_shoot_down_there(nlp, text):
    event = only(run(nlp, text)[0])
    assert event.kind == "shoot_down"
    assert event.place.id == "t:red"


def test_destroying_a_thing_on_the_ground_is_no_shoot_down(nlp):
    events, _ = run(nlp, "Israeli jets destroyed a weapons depot near Damascus.")
    assert [e for e in events if e.kind == "shoot_down"] == []


def test_a_flight_told_in_a_relative_clause_goes_to_the_strike_of_the_main_clause(nlp):
    text = "Two bombers that flew from Minot Air Force Base struck Baghdad International Airport."
    events, routes = run(nlp, text)
    route = only(routes)
    assert (route.origin.id, route.destination.id) == ("t:KMIB", "t:ORBI")
    # the base the bombers came from is not a place of the strike
    assert only(events, "attack").place.id == "t:ORBI"


def test_taking_part_in_the_raid_goes_where_the_raid_told_before_was(nlp):
    text = (
        "Jets struck a depot near Damascus on Friday. "
        "Two bombers that flew from Minot Air Force Base took part in the raid."
    )
    _, routes = run(nlp, text, {"Friday": ("DATE", "2024-03-08", "2024-03-08", DAY)})
    route = only(routes)
    assert (route.origin.id, route.destination.id) == ("t:KMIB", "t:damascus")
    assert route.start == dt.date(2024, 3, 8)  # the raid's day, not the report's
    assert "took part in the raid" in route.citation.sentence


def test_the_places_of_a_relative_clause_are_not_the_main_flights(nlp):
    text = "The B-2s, which deployed to RAF Fairford from Barksdale Air Force Base, flew over the North Sea."
    events, routes = run(nlp, text)
    route = only(routes)
    assert (route.origin.id, route.destination.id) == ("t:KBAD", "t:EGVA")
    assert sorted(e.place.id for e in events) == ["t:EGVA", "t:north"]


def test_a_time_at_the_head_of_the_sentence_dates_its_event(nlp):
    text = "Last month, a carrier conducted drills in the Red Sea, officials said."
    events, _ = run(nlp, text, {"Last month": ("DATE", "2024-02", "2024-02-01", "month")})
    event = only(events)
    assert event.kind == "exercise"
    assert (event.start, event.end) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert event.time_basis == "stated" and event.time_precision == "month"


def test_from_and_at_on_the_missile_are_the_firings_ends(nlp):
    text = "The Houthis fired a ballistic missile from Yemen at Baghdad."
    events, routes = run(nlp, text)
    assert only(events).place.id == "t:baghdad"
    route = only(routes)
    assert route.kind == "missile_attack"
    assert (route.origin.id, route.destination.id) == ("t:YE", "t:baghdad")


@pytest.mark.parametrize(
    "text",
    [
        "Russia moved several bombers from Minot Air Force Base to RAF Fairford.",
        "The bombers were relocated from Minot Air Force Base to RAF Fairford.",
        "The Air Force transferred four tankers from Minot Air Force Base to RAF Fairford.",
    ],
)
def test_moving_aircraft_from_one_base_to_another_is_a_flight(nlp, text):
    route = only(run(nlp, text)[1])
    assert route.kind == "flight"
    assert (route.origin.id, route.destination.id) == ("t:KMIB", "t:EGVA")


def test_shifting_warships_is_a_sailing(nlp):
    event = only(run(nlp, "The navy shifted two destroyers to the Red Sea.")[0])
    assert event.kind == "sailing" and event.place.id == "t:red"
    assert event.quantity == "two"


@pytest.mark.parametrize(
    "text",
    [
        "The ministry moved its headquarters to Baghdad.",
        "Plans to close the base and move its troops to Baghdad were shelved.",
    ],
)
def test_moving_other_things_or_planning_a_move_is_no_movement(nlp, text):
    assert run(nlp, text) == ([], [])


# -- third round: "the strait", sequels, exchanges of fire, plans ------------------------------


def test_the_strait_is_the_one_named_before_and_its_passage_dates_the_shadowing(nlp):
    text = (
        "A carrier sailed through the Strait of Hormuz on Sunday. "
        "An Iranian boat shadowed the carrier as it passed through the strait, the navy said."
    )
    events, _ = run(nlp, text, {"Sunday": ("DATE", "2024-03-10", "2024-03-10", DAY)})
    shadow = only([e for e in events if "shadowed" in e.citation.sentence])
    assert shadow.place.id == "t:hormuz"
    assert shadow.start == dt.date(2024, 3, 10)


def test_an_event_the_strike_followed_takes_the_place_and_date_on_follow(nlp):
    # "The strike" is the one told before; the bombing is the new event, in Baghdad on Jan. 5
    text = "The strike followed a car bombing in Baghdad on Jan. 5 that killed 12 people."
    events, _ = run(nlp, text, {"Jan. 5": ("DATE", "2024-01-05", "2024-01-05", DAY)})
    event = only(events)
    assert event.kind == "attack"  # a car bomb is not an air strike
    assert event.place.id == "t:baghdad"
    assert event.start == dt.date(2024, 1, 5)
    assert event.killed == 12


def test_troops_exchanging_fire_is_a_clash(nlp):
    events, _ = run(nlp, "Troops exchanged artillery fire near Kharkiv on Saturday.",
                    {"Saturday": ("DATE", "2024-03-09", "2024-03-09", DAY)})  # fmt: skip
    event = only(events)
    assert (event.kind, event.place.id) == ("armed_clash", "t:kharkiv")


def test_an_exercise_that_begins_after_publication_is_a_plan(nlp):
    text = "The exercise, which begins on Monday in the Baltic Sea, will include mine clearance drills."
    events, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-11", "2024-03-11", DAY)})
    assert [e for e in events if e.kind == "exercise"] == []
    assert routes == []
