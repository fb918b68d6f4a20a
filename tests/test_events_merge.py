"""Merging events and routes across articles: one feature per real event, disagreements kept."""

from __future__ import annotations

import datetime as dt

from events_world import PLACES
from hypothesis import given, settings
from hypothesis import strategies as st

from sortie.geodata.events import merge_features
from sortie.geodata.events.merge import (
    cluster,
    event_key,
    event_site,
    events_apart,
    route_key,
    route_sites,
    routes_apart,
    same_event,
    same_route,
)
from sortie.geodata.geometry import SHORTEST_PATH_NOTE
from sortie.geodata.records import Citation, Event, Route


def cite(doc: str, n: int = 0) -> Citation:
    return Citation(doc, f"sentence {n} of {doc}", 10 * n, 10 * n + 9)


def rockets(doc: str, day: int, place: str = "Baghdad", kind: str = "rocket_attack") -> Event:
    d = dt.date(2020, 12, day)
    return Event(kind, f"attack {doc}", PLACES[place], cite(doc), quantity="several", start=d, end=d,
                 time_precision="day")  # fmt: skip


def test_two_articles_one_event_two_sources():
    # one says "missiles", the other "rockets": the same attack on the same day in the same city
    a = rockets("a.txt", 20, kind="missile_attack")
    b = rockets("b.txt", 20)
    (feature,) = merge_features([a, b], [])
    assert feature.layer == "events" and feature.sources == 2
    assert {c.doc for c in feature.citations} == {"a.txt", "b.txt"}
    assert feature.start == dt.date(2020, 12, 20)
    assert feature.properties["disagreements"] == []
    assert feature.kind == "missile_attack" or feature.kind == "rocket_attack"


def test_stated_dates_that_differ_are_two_events():
    # two attacks on one city a day apart are two incidents, not one the sources misdate
    assert len(merge_features([rockets("a.txt", 20), rockets("b.txt", 21)], [])) == 2


def test_overlapping_dates_that_differ_are_kept_visible():
    a = rockets("a.txt", 20)
    b = Event(
        "rocket_attack",
        "b",
        PLACES["Baghdad"],
        cite("b.txt"),
        quantity="two",
        start=dt.date(2020, 12, 19),
        end=dt.date(2020, 12, 21),
        time_precision="day",
    )  # fmt: skip  ("between Saturday and Monday")
    c = Event("rocket_attack", "c", PLACES["Baghdad"], cite("c.txt"), start=dt.date(2020, 12, 20),
              end=dt.date(2020, 12, 22), time_precision="day")  # fmt: skip
    (feature,) = merge_features([a, b, c], [])
    fields = {d["field"]: d["values"] for d in feature.properties["disagreements"]}
    assert fields["date"]["b.txt"] == "2020-12-19/2020-12-21"  # overlaps c's, nested in neither
    assert fields["quantity"] == {"a.txt": "several", "b.txt": "two"}


def test_a_report_date_matches_a_stated_date_up_to_ten_days_before():
    stated = rockets("a.txt", 20)

    def reported(day: int) -> Event:
        d = dt.date(2020, 12, day)
        return Event("rocket_attack", "r", PLACES["Baghdad"], cite("b.txt"), start=d, end=d,
                     time_precision="week", time_basis="reported")  # fmt: skip

    assert len(merge_features([stated, reported(27)], [])) == 1  # reported a week later
    assert len(merge_features([stated, reported(31)], [])) == 2  # 11 days later: another attack
    assert len(merge_features([stated, reported(19)], [])) == 2  # reported before it happened


def test_far_apart_dates_or_places_are_different_events():
    assert len(merge_features([rockets("a.txt", 1), rockets("b.txt", 20)], [])) == 2
    assert len(merge_features([rockets("a.txt", 20), rockets("b.txt", 20, "Damascus")], [])) == 2


def test_a_month_holds_a_day_without_disagreement():
    month = Event("attack", "x", PLACES["Baghdad"], cite("b.txt", 1), start=dt.date(2020, 12, 1),
                  end=dt.date(2020, 12, 31), time_precision="month")  # fmt: skip
    (feature,) = merge_features([month, rockets("a.txt", 20)], [])
    assert feature.start == dt.date(2020, 12, 20) and feature.time_precision == "day"
    assert feature.properties["disagreements"] == []


def flight(doc: str, origin: str, actors: tuple[str, ...]) -> Route:
    d = dt.date(2020, 12, 30)
    return Route("flight", "f", PLACES[origin], PLACES["the Gulf"], cite(doc), actors=actors, start=d, end=d,
                 time_precision="week", time_basis="reported", round_trip=doc == "b.txt")  # fmt: skip


def test_one_route_from_two_articles_takes_the_finer_origin():
    a = flight("a.txt", "North Dakota", ("The B52s",))  # "their air base in North Dakota"
    b = flight("b.txt", "Minot Air Force Base", ("two B-52H",))
    (feature,) = merge_features([], [a, b])
    assert feature.layer == "routes" and feature.sources == 2
    assert feature.properties["origin_id"] == "t:KMIB"  # inside North Dakota, and finer
    assert feature.properties["path"] == SHORTEST_PATH_NOTE
    assert feature.properties["round_trip"] is True
    assert feature.geometry["coordinates"][0] == [-101.358, 48.4158]
    assert feature.geometry["coordinates"][-1] == [51.5, 26.9]
    # Minot to the Gulf is about 10,600 km on the great circle
    assert 10_000 < feature.properties["length_km"] < 11_500
    assert feature.country is None  # a sea: no country


def test_different_actors_are_different_routes():
    a = flight("a.txt", "North Dakota", ("Iranian drones",))
    b = flight("b.txt", "Minot Air Force Base", ("two B-52H",))
    assert len(merge_features([], [a, b])) == 2


def test_actors_named_differently_do_not_merge_but_a_demonym_matches_its_country():
    d = dt.date(2020, 12, 20)

    def intercept(doc: str, actors: tuple[str, ...]) -> Event:
        return Event("interception", "i", PLACES["the Baltic Sea"], cite(doc), actors=actors, start=d, end=d,
                     time_precision="day")  # fmt: skip

    assert (
        len(merge_features([intercept("a.txt", ("NATO jets",)), intercept("b.txt", ("Russian jets",))], []))
        == 2
    )
    assert (
        len(merge_features([intercept("a.txt", ("Iran",)), intercept("b.txt", ("Iranian forces",))], [])) == 1
    )
    assert (
        len(merge_features([intercept("a.txt", ("the jets",)), intercept("b.txt", ("Russian jets",))], []))
        == 1
    )


def test_ids_are_stable_across_runs_and_order():
    a, b = rockets("a.txt", 20), rockets("b.txt", 20)
    assert merge_features([a, b], [])[0].id == merge_features([b, a], [])[0].id


def test_threats_and_placeless_events_are_not_on_the_map():
    threat = Event("threat", "t", PLACES["Baghdad"], cite("a.txt"))
    nowhere = Event("attack", "n", None, cite("a.txt", 2))
    assert merge_features([threat, nowhere], []) == []


def test_a_date_no_source_states_says_it_is_the_reports():
    # both articles date the flight only by their publication (2020-12-30)
    (feature,) = merge_features(
        [], [flight("a.txt", "North Dakota", ()), flight("b.txt", "North Dakota", ())]
    )
    assert feature.start == feature.end == dt.date(2020, 12, 30)
    assert feature.properties["time_basis"] == "reported"
    note = feature.properties["time_note"]
    assert "no date stated" in note and "2020-12-30" in note and "publication" in note


def test_a_stated_date_has_no_note():
    (feature,) = merge_features([rockets("a.txt", 20)], [])
    assert feature.properties["time_basis"] == "stated" and feature.properties["time_note"] is None


def test_a_country_level_telling_does_not_chain_two_distant_sites_into_one_event():
    import datetime as dt

    from events_world import PLACES

    from sortie.geodata.events.merge import merge
    from sortie.geodata.records import Citation, Event

    day = dt.date(2024, 3, 5)

    def attack(where: str, doc: str) -> Event:
        return Event("missile_attack", "m", PLACES[where], Citation(doc, where, 0, 1), start=day, end=day,
                     time_precision="day", time_basis="stated")  # fmt: skip

    features = merge([attack("Baghdad", "a"), attack("Iraq", "b"), attack("Erbil", "c")], [])
    names = sorted(f.properties["place_id"] for f in features)
    assert "t:baghdad" in names and "t:erbil" in names  # two sites stay two events


# -- many reports of few stories ---------------------------------------------------------------

_STORY_PLACES = ("Iraq", "Baghdad", "Baghdad International Airport", "the Gulf", "Syria", "Damascus")


@st.composite
def _reports(draw: st.DrawFn) -> list[Event]:
    """Reports drawn from a few kinds, places, days and actors (many alike but for their sentence,
    numbers and wording), as a big archive has of its big stories."""
    out = []
    for n in range(draw(st.integers(1, 40))):
        day = draw(st.sampled_from([None, 3, 4, 20]))
        when = dt.date(2020, 1, day) if day else None
        out.append(
            Event(
                draw(st.sampled_from(["strike", "missile_attack", "rocket_attack", "flight"])),
                f"report {n}",
                PLACES[draw(st.sampled_from(_STORY_PLACES))],
                cite(f"d{n % 7}.txt", n),
                actors=draw(st.sampled_from([(), ("US drones",), ("Iran",), ("Iranian forces", "US")])),
                quantity=draw(st.sampled_from([None, "two", "22"])),
                start=when,
                end=when,
                time_precision="day" if when else None,
                time_basis=draw(st.sampled_from(["stated", "reported"])),
                trigger=draw(st.sampled_from(["hit", "struck"])),
                mentions=draw(st.integers(1, 3)),
            )
        )
    return out


@settings(max_examples=200, deadline=None)
@given(_reports())
def test_reports_alike_stand_for_one_another_in_clustering(reports):
    # The keys (what same_event, and events_apart, read) only save work: with them, the groups are
    # those of comparing every report with every other.
    keyed = cluster(reports, same_event, events_apart, event_key, event_site)
    each = cluster(reports, same_event, events_apart)
    assert [[id(e) for e in g] for g in keyed] == [[id(e) for e in g] for g in each]
    routes = [
        Route(e.kind, e.name, e.place, PLACES["Minot Air Force Base"], e.citation, actors=e.actors,
              start=e.start, end=e.end, time_precision=e.time_precision, time_basis=e.time_basis)
        for e in reports
    ]  # fmt: skip
    keyed = cluster(routes, same_route, routes_apart, route_key, route_sites)
    each = cluster(routes, same_route, routes_apart)
    assert [[id(r) for r in g] for g in keyed] == [[id(r) for r in g] for g in each]
