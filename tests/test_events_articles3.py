"""End to end on a third set of articles written for the tests (tests/data/articles3: Rafales
flown to Djibouti, a Taiwan Strait transit and China's response told with "the strait", strikes
on Odesa and near Sevastopol, India-Pakistan strikes in and around Kashmir, a Baltic exercise
sailing from Kiel, a Houthi tanker attack and a US strike near Sanaa, a helicopter carrier arriving
in Callao, and one strike near Damascus reported by two articles that differ in how they give the
date, the place and the toll). The gold (tests/data/articles3_gold.json) was written by hand from
the texts before the pipeline ran on them.
The checks every set gets are in tests/test_events_articles.py; these are this set's own.
"""

from __future__ import annotations

import pytest
from events_articles import Exports, cited

pytestmark = pytest.mark.model


def test_one_strike_told_by_two_articles_is_one_feature_with_two_sources(
    exports: Exports,
) -> None:
    # "near Damascus on Tuesday" (published Wednesday 12 March) and "in Mezzeh, a western suburb
    # of Damascus, on March 11": the same strike, one feature citing both articles
    both = [
        f for f in exports("articles3")
        if f["properties"]["layer"] == "events"
        and cited(f, "c08_damascus_strike_a.txt", "An Israeli air strike hit a residential building")
        and cited(f, "c09_damascus_strike_b.txt", "Israeli jets struck an apartment building in Mezzeh")
    ]  # fmt: skip
    assert len(both) == 1
    p = both[0]["properties"]
    assert p["start"][:10] == "2025-03-11"
    assert p["sources"] == 2
    # the sources disagree on the toll (two dead, three dead): kept visible, not resolved
    tolls = [d["values"] for d in p["disagreements"] if d["field"] == "killed"]
    assert len(tolls) == 1
    assert sorted(tolls[0].values()) == [2, 3]


def test_a_country_that_attacked_a_port_draws_no_route_from_the_country(
    exports: Exports,
) -> None:
    # "Russia attacked the port of Odesa with missiles and drones": no launch site is stated (the
    # missiles may come from ships, bombers or Crimea), so an event at Odesa and no line from Russia
    routes = [
        f["properties"]["name"]
        for f in exports("articles3")
        if f["properties"]["layer"] == "routes"
        and cited(f, "c03_odesa_sevastopol.txt", "Russia attacked the port of Odesa")
    ]
    assert routes == []


def test_the_departure_from_kiel_told_twice_is_one_route_dated_by_the_stated_day(
    exports: Exports,
) -> None:
    # "sailed from Kiel on Thursday" and "left the northern German port in a long column": one
    # movement, dated Thursday 5 June (not the publication day, 6 June), citing both sentences
    routes = [
        f for f in exports("articles3")
        if f["properties"]["layer"] == "routes"
        and (cited(f, "c05_baltops_kiel.txt", "sailed from Kiel on Thursday")
             or cited(f, "c05_baltops_kiel.txt", "left the northern German port"))
    ]  # fmt: skip
    assert len(routes) == 1
    p = routes[0]["properties"]
    assert cited(routes[0], "c05_baltops_kiel.txt", "left the northern German port")
    assert p["start"][:10] == "2025-06-05"
