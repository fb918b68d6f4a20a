"""How wires and the defence press tell movements and attacks (sentences of our own in their patterns):
movements told through the aircraft's home, launch -> target without a movement verb, one incident
told twice, several sites in one sentence, departures whose end is only in the headline."""

from __future__ import annotations

import datetime as dt

import pytest
from events_world import extract_text as run

pytestmark = pytest.mark.model

DAY = "day"


@pytest.fixture(scope="module")
def nlp():
    from sortie.geodata.nlp import load_model

    return load_model()


def ends(routes):
    return sorted((r.origin.id, r.destination.id) for r in routes)


# -- movements told through the aircraft's home --------------------------------------------------


def test_a_base_in_the_phrase_of_what_moved_is_its_origin(nlp):
    text = "The B-1Bs, from the 7th Bomb Wing at Dyess Air Force Base, arrived at RAF Fairford on Tuesday."
    events, routes = run(nlp, text, {"Tuesday": ("DATE", "2024-03-05", "2024-03-05", DAY)})
    assert ends(routes) == [("t:KDYS", "t:EGVA")]
    assert [e.place.id for e in events] == ["t:EGVA"]  # the arrival, not the home base


def test_a_home_base_stated_in_the_next_sentence_is_the_deployments_origin(nlp):
    text = (
        "The Air Force deployed four B-52H bombers to RAF Fairford on Monday. "
        "The B-52s, from the 5th Bomb Wing based at Minot Air Force Base, crossed the Atlantic overnight."
    )
    _, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    route = next(r for r in routes if r.destination.id == "t:EGVA")
    assert route.origin.id == "t:KMIB"
    assert route.citation.sentence.startswith("The Air Force deployed")
    assert any("based at Minot" in c.sentence for c in route.support)


def test_a_home_base_of_another_aircraft_type_is_not_the_origin(nlp):
    text = (
        "Three B-2 bombers deployed to RAF Fairford on Monday. "
        "The F-35s from the 388th Fighter Wing, based at Minot Air Force Base, stayed home."
    )
    _, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert routes == []


def test_a_round_trip_begins_where_it_lands_back(nlp):
    text = "Two bombers flew to the Baltic Sea and back before landing at RAF Fairford."
    _, routes = run(nlp, text)
    assert ends(routes) == [("t:EGVA", "t:baltic")]
    assert routes[0].round_trip


def test_a_sortie_from_a_base_flies_to_the_interception_told_before(nlp):
    text = (
        "Typhoon jets were scrambled on Friday to intercept two bombers over the North Sea. "
        "The Typhoons were mobilised from RAF Fairford just before 8am."
    )
    events, routes = run(nlp, text, {"Friday": ("DATE", "2024-03-08", "2024-03-08", DAY)})
    assert ends(routes) == [("t:EGVA", "t:north")]
    assert [(e.kind, e.place.id) for e in events if e.kind == "interception"] == [("interception", "t:north")]


def test_a_long_flight_with_no_origin_came_from_the_aircrafts_country(nlp):
    text = "Two Russian Tu-160 bombers landed in Caracas on Monday after a 10,000 km flight."
    events, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert ends(routes) == [("t:RU", "t:caracas")]
    assert [e.place.id for e in events] == ["t:caracas"]


def test_a_short_hop_does_not_get_an_implied_origin(nlp):
    text = "Two Russian Tu-160 bombers landed in Caracas on Monday after a 40-minute flight."
    _, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert routes == []


def test_sent_on_a_visit_went_where_it_visited(nlp):
    text = "Russia sent its bombers and a cruiser to visit Venezuela in 2008."
    events, _ = run(nlp, text, {"2008": ("DATE", "2008", "2008-01-01", "year")})
    assert [e.place.id for e in events] == ["t:VE"]


def test_a_departure_with_its_end_only_in_the_headline(nlp):
    text = "Frigates depart for the Indo-Pacific\n\nTwo frigates left Kiel on Monday, the navy said."
    events, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert ends(routes) == [("t:kiel", "t:indopacific")]
    assert [e.place.id for e in events] == ["t:kiel"]  # the departure: its end is a whole region


def test_a_departure_with_no_end_at_all_is_an_event_where_it_left(nlp):
    events, routes = run(nlp, "Two frigates left Kiel on Monday, the navy said.")
    assert routes == []
    assert [(e.kind, e.place.id) for e in events] == [("sailing", "t:kiel")]


def test_a_ship_named_after_a_city_is_not_a_place(nlp):
    _, routes = run(nlp, "The frigate HMCS Odesa sailed from Kiel to the Baltic Sea on Monday.")
    assert ends(routes) == [("t:kiel", "t:baltic")]


def test_a_fleet_named_after_a_sea_is_an_actor_not_a_place(nlp):
    events, routes = run(nlp, "Ships of the Baltic Sea Fleet sailed from Kiel on Monday.")
    assert routes == []
    assert [e.place.id for e in events] == ["t:kiel"]


def test_places_flown_over_in_a_list_end_at_the_last(nlp):
    text = "The bombers took off from RAF Fairford and flew over the North Sea, the Baltic Sea and Kiel."
    _, routes = run(nlp, text)
    assert ends(routes) == [("t:EGVA", "t:kiel")]
    assert [p.id for p in routes[0].waypoints] == ["t:north", "t:baltic"]


# -- launch -> target, one incident told twice, several sites ------------------------------------


def test_targeting_a_site_inside_the_first_telling_places_the_attack_there(nlp):
    text = (
        "Iran fired missiles at American bases in Iraq on Monday. "
        "Iran targeted Al Asad Air Base, officials said."
    )
    events, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    attack = [e for e in events if e.kind == "missile_attack"]
    assert [e.place.id for e in attack] == ["t:ORAA"]
    assert attack[0].start == dt.date(2024, 3, 4)
    assert ends(routes) == [("t:IR", "t:ORAA")]
    assert any(c.sentence.startswith("Iran targeted") for c in routes[0].support)


def test_a_country_modifier_gives_way_to_the_nouns_own_place(nlp):
    text = "Iran fired missiles at American military installations in Iraq on Monday."
    events, _ = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert [e.place.id for e in events] == ["t:IQ"]  # not the United States


def test_one_sentence_naming_two_sites_far_apart_is_two_events(nlp):
    text = "The strikes landed at Baghdad International Airport as well as near the consulate in Erbil."
    events, _ = run(nlp, text)
    assert sorted(e.place.id for e in events) == ["t:ORBI", "t:erbil"]


def test_rockets_that_land_are_a_rocket_attack_where_they_landed(nlp):
    events, _ = run(nlp, "Two rockets landed near Baghdad International Airport on Monday.")
    assert [(e.kind, e.place.id, e.quantity) for e in events] == [("rocket_attack", "t:ORBI", "Two")]


def test_explosions_that_destroy_aircraft_on_the_ground_are_one_incident_at_the_place(nlp):
    text = "Seven warplanes were destroyed after explosions rocked Odesa on Tuesday."
    events, _ = run(nlp, text, {"Tuesday": ("DATE", "2024-03-05", "2024-03-05", DAY)})
    assert [(e.place.id, e.start) for e in events] == [("t:odesa", dt.date(2024, 3, 5))]


def test_an_attack_in_a_condition_is_no_event(nlp):
    events, _ = run(nlp, "Iran warned that it would hit back if an attack on Iranian soil occurs.")
    assert [e for e in events if e.kind not in ("threat", "statement")] == []


# -- what translated communiqués and naval reports say ----------------------------------------------


def test_hostile_people_neutralized_is_an_attack_where_it_happened(nlp):
    events, _ = run(nlp, "The army neutralized several dozen terrorists near Odesa on Saturday.")
    assert [(e.kind, e.place.id) for e in events] == [("attack", "t:odesa")]


def test_a_ship_following_foreign_warships_is_a_naval_encounter(nlp):
    events, _ = run(nlp, "A German frigate followed three Russian warships in the Baltic Sea on Tuesday.")
    assert [(e.kind, e.place.id) for e in events] == [("naval_encounter", "t:baltic")]


def test_a_strike_following_another_event_is_not_an_encounter(nlp):
    events, _ = run(nlp, "The strike followed a bombing in Damascus.")
    assert "naval_encounter" not in [e.kind for e in events]


def test_attackers_storming_a_site_near_the_first_telling_share_its_date(nlp):
    text = (
        "Gunmen attacked a base near Kiel before dawn on Sunday, the army said. "
        "The attackers stormed the barracks in Kiel and burned two vehicles."
    )
    events, _ = run(nlp, text, {"Sunday": ("DATE", "2024-03-10", "2024-03-10", DAY)})
    assert {e.start for e in events} == {dt.date(2024, 3, 10)}


def test_places_named_again_in_another_form_are_the_articles_places(nlp):
    text = (
        "Iran fired missiles at the Al Asad Air Base and at Erbil on Tuesday. "
        "The missiles were launched from Iran and targeted two bases at al-Asad and Irbil, officials said."
    )
    _, routes = run(nlp, text, {"Tuesday": ("DATE", "2024-03-05", "2024-03-05", DAY)})
    second = [
        r for r in routes if any(c.sentence.startswith("The missiles") for c in (r.citation, *r.support))
    ]
    assert sorted(r.destination.id for r in second) == ["t:ORAA", "t:erbil"]
    assert {r.origin.id for r in second} == {"t:IR"}


def test_a_column_passing_through_a_town_is_seen_there(nlp):
    text = "Tanks drove from Kiel to Odesa on Monday, passing through several cities, including Kharkiv."
    events, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert ends(routes) == [("t:kiel", "t:odesa")]
    assert [p.id for p in routes[0].waypoints] == ["t:kharkiv"]
    assert [e.place.id for e in events] == ["t:kharkiv"]


def test_several_origins_to_one_end_are_several_routes(nlp):
    text = (
        "F-15E jets from Barksdale Air Force Base and F-35s from Minot Air Force Base have deployed "
        "to RAF Fairford, the Air Force said on Monday."
    )
    _, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert ends(routes) == [("t:KBAD", "t:EGVA"), ("t:KMIB", "t:EGVA")]


def test_a_second_wave_hits_where_the_first_did_and_its_launch_site_is_told_after(nlp):
    text = (
        "Drones struck the airport in Odesa on Sunday. "
        "A second wave of drones targeted the fuel depot near the port on Sunday evening. "
        "The army said the drones were launched from Kharkiv."
    )
    events, routes = run(nlp, text, {"Sunday": ("DATE", "2024-03-10", "2024-03-10", DAY)})
    assert {e.place.id for e in events} == {"t:odesa"}
    assert ends(routes) == [("t:kharkiv", "t:odesa")]


def test_clashes_reported_in_several_towns_are_one_event_in_each(nlp):
    text = "Clashes were also reported in Kiel and Odesa on Friday, the army said."
    events, _ = run(nlp, text, {"Friday": ("DATE", "2024-03-08", "2024-03-08", DAY)})
    assert sorted((e.kind, e.place.id) for e in events) == [
        ("armed_clash", "t:kiel"),
        ("armed_clash", "t:odesa"),
    ]


def test_a_countrys_projectiles_fired_in_the_passive_leave_from_that_country(nlp):
    events, routes = run(nlp, "Iran's missiles were fired at Al Asad Air Base on Tuesday.")
    assert ends(routes) == [("t:IR", "t:ORAA")]
    assert [e.place.id for e in events] == ["t:ORAA"]


def test_the_definite_event_noun_told_next_happened_when_the_first_telling_did(nlp):
    text = (
        "Fighter jets intercepted two bombers on Wednesday, officials said. "
        "The intercept took place over the North Sea."
    )
    events, _ = run(nlp, text, {"Wednesday": ("DATE", "2024-03-06", "2024-03-06", DAY)})
    at_sea = [e for e in events if e.place is not None and e.place.id == "t:north"]
    assert at_sea and {e.start for e in at_sea} == {dt.date(2024, 3, 6)}


def test_an_attack_two_weeks_before_the_report_is_dated_two_weeks_back(nlp):
    text = "This comes two weeks after an attack on the consulate in Damascus killed seven officers."
    events, _ = run(nlp, text, {"two weeks": ("DURATION", "P2W", "", "")})
    attack = [e for e in events if e.place is not None and e.place.id == "t:damascus"]
    # published 2024-03-10: two weeks back is 2024-02-25, give or take a quarter of it
    assert [(e.start, e.end, e.time_precision) for e in attack] == [
        (dt.date(2024, 2, 22), dt.date(2024, 2, 28), "week")
    ]


def test_a_country_on_an_outpost_placed_somewhere_unknown_is_whose_it_is_not_where(nlp):
    # "Qarvan" is no place the gazetteer knows (a misspelling, a village): the outpost is still
    # somewhere named, so "Russian" says whose it is, and the attack is not put in Russia.
    text = "A drone attack on a Russian military outpost in northern Qarvan killed two soldiers on Sunday."
    events, _ = run(nlp, text, {"Sunday": ("DATE", "2024-03-03", "2024-03-03", DAY)})
    assert "t:RU" not in [e.place.id for e in events if e.place]


def test_a_country_on_an_outpost_with_no_place_of_its_own_is_where_it_is(nlp):
    text = "A drone attack on a Syrian military outpost killed two soldiers on Sunday."
    events, _ = run(nlp, text, {"Sunday": ("DATE", "2024-03-03", "2024-03-03", DAY)})
    assert [e.place.id for e in events] == ["t:SY"]


def test_a_place_after_an_unknown_origin_says_where_the_origin_is(nlp):
    # The parser hangs "in Djibouti" on the drones; read in order, it says where the airfield is.
    text = "Last month, the Air Force quietly moved several drones from Harbor Field in Djibouti to Erbil."
    _, routes = run(nlp, text, {"Last month": ("DATE", "2024-02", "2024-02-01", "month")})
    assert ends(routes) == [("t:DJ", "t:erbil")]


def test_a_place_after_a_known_origin_is_where_the_movement_went(nlp):
    text = "Two transport aircraft arrived from Baghdad in Erbil on Monday."
    _, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert ends(routes) == [("t:baghdad", "t:erbil")]


def test_a_town_hyphened_to_a_site_name_is_where_the_site_is(nlp):
    text = "Two bombers took off from Erbil-Harir on Monday and landed in Baghdad."
    _, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert ends(routes) == [("t:erbil", "t:baghdad")]


def test_what_a_flight_took_off_to_watch_over_is_where_it_went(nlp):
    text = "Two fighters took off from Erbil on Monday to monitor the airspace over Baghdad."
    _, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert ends(routes) == [("t:erbil", "t:baghdad")]


def test_a_base_named_after_a_comma_is_the_end_it_renames(nlp):
    # The parser hangs the name on the verb, not on "base" (read alone, it would be where they went).
    text = "The jets flew in to Baghdad on Monday from their home base, Naval Air Station Erbil, with tankers"
    _, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert [r.origin.id for r in routes] == ["t:erbil"]


def test_the_reef_told_again_is_the_reef_named_before_and_a_delivery_goes_there(nlp):
    text = (
        "Coast guard ships blocked fishermen near Pearl Reef on Sunday. "
        "A navy tanker sailed from Odesa on Saturday to deliver fuel to the fishermen around the reef."
    )
    sunday, saturday = ("DATE", "2024-03-10", "2024-03-10", DAY), ("DATE", "2024-03-09", "2024-03-09", DAY)
    _, routes = run(nlp, text, {"Sunday": sunday, "Saturday": saturday})
    assert ends(routes) == [("t:odesa", "t:pearlreef")]


def test_aircraft_coming_from_a_base_to_strike_flew_from_that_base(nlp):
    text = "The aircraft, coming from the air base of Erbil, struck a column near Baghdad on Sunday."
    events, routes = run(nlp, text, {"Sunday": ("DATE", "2024-03-10", "2024-03-10", DAY)})
    assert ends(routes) == [("t:erbil", "t:baghdad")]
    assert [e.place.id for e in events] == ["t:baghdad"]  # struck near Baghdad, not at the base


def test_a_time_before_the_attribution_dates_the_event_and_after_it_the_saying(nlp):
    sunday, monday = ("DATE", "2024-03-10", "2024-03-10", DAY), ("DATE", "2024-03-11", "2024-03-11", DAY)
    text = "The air force bombed a depot in the area of Baghdad, on Sunday, the agency learned."
    events, _ = run(nlp, text, {"Sunday": sunday})
    assert [(e.start, e.time_basis) for e in events] == [(dt.date(2024, 3, 10), "stated")]
    text = "Jets struck fighters near Baghdad, the agency said on Monday."
    events, _ = run(nlp, text, {"Monday": monday})
    assert [e.start == dt.date(2024, 3, 11) for e in events] == [False]


def test_ships_that_had_sailed_from_a_port_went_where_they_were_followed(nlp):
    text = (
        "A patrol aircraft followed a group of Russian warships in the Red Sea on Tuesday. "
        "The ships had sailed from Odesa on Monday, the navy said."
    )
    tuesday, monday = ("DATE", "2024-03-05", "2024-03-05", DAY), ("DATE", "2024-03-04", "2024-03-04", DAY)
    _, routes = run(nlp, text, {"Tuesday": tuesday, "Monday": monday})
    assert ends(routes) == [("t:odesa", "t:red")]


def test_missiles_fired_into_a_sea_were_launched_from_the_site_told_next(nlp):
    text = (
        "Iran fired two ballistic missiles into the Red Sea on Tuesday. "
        "The missiles were launched from the Damascus area and flew some 250 kilometers."
    )
    _, routes = run(nlp, text, {"Tuesday": ("DATE", "2024-03-05", "2024-03-05", DAY)})
    assert ("t:damascus", "t:red") in ends(routes)


def test_what_a_strike_hit_told_as_what_someone_called_it_is_its_target(nlp):
    text = (
        "On Monday, jets flying from Erbil struck what the army called militant camps in Baghdad, "
        "in response to the attack on Kharkiv."
    )
    events, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert ends(routes) == [("t:erbil", "t:baghdad")]
    # the strike is in Baghdad; Kharkiv is the place of the other event it answers
    assert {e.place.id for e in events if e.trigger == "struck" and e.place} == {"t:baghdad"}


def test_a_flight_told_after_the_landing_says_where_it_came_from(nlp):
    text = "Two bombers landed in Caracas on Monday after a 10,000-kilometre flight from Russia."
    _, routes = run(nlp, text, {"Monday": ("DATE", "2024-03-04", "2024-03-04", DAY)})
    assert ends(routes) == [("t:RU", "t:caracas")]


def test_a_coarse_origin_does_not_borrow_the_base_of_a_flight_years_before(nlp):
    text = (
        "Two transport planes landed in Caracas on Monday after a long flight from Iraq. "
        "The crews rested. The cargo was unloaded. Officials welcomed the visit. Talks followed. "
        "In 2008, two planes flew to Caracas from Al Asad Air Base."
    )
    monday, year = ("DATE", "2024-03-04", "2024-03-04", DAY), ("DATE", "2008", "2008-01-01", "year")
    _, routes = run(nlp, text, {"Monday": monday, "2008": year})
    by_year = {r.start.year: r.origin.id for r in routes}
    assert by_year == {2024: "t:IQ", 2008: "t:ORAA"}


def test_an_arrival_at_a_place_no_one_knows_is_neither_at_its_origin_nor_elsewhere(nlp):
    text = (
        "Fighters from Erbil arrived at Harbor Field on Wednesday, the air force said. "
        "On Tuesday, tankers flew from Baghdad to the Red Sea."
    )
    wednesday, tuesday = ("DATE", "2024-03-06", "2024-03-06", DAY), ("DATE", "2024-03-05", "2024-03-05", DAY)
    events, routes = run(nlp, text, {"Wednesday": wednesday, "Tuesday": tuesday})
    assert ends(routes) == [("t:baghdad", "t:red")]  # the fighters do not borrow the tankers' end
    assert "t:erbil" not in [e.place.id for e in events if e.place]  # nor arrive where they left
