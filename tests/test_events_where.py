"""Where an event or route is: containment, distinct route ends, the sea off a coast. No model."""

from __future__ import annotations

from events_world import PLACES, TinyGazetteer, place

from sortie.geodata.events import where


def test_a_city_contains_a_site_near_its_centre():
    baghdad, airport = PLACES["Baghdad"], PLACES["Baghdad International Airport"]  # ~18 km apart
    assert where.contains(baghdad, airport) and not where.contains(airport, baghdad)
    assert not where.distinct(baghdad, airport) and not where.distinct(airport, baghdad)


def test_a_country_contains_its_cities_by_code():
    assert where.contains(PLACES["Iraq"], PLACES["Baghdad"])
    assert not where.contains(PLACES["Iran"], PLACES["Baghdad"])
    assert not where.distinct(PLACES["Iraq"], PLACES["Baghdad"])


def test_different_places_apart_are_distinct_route_ends():
    assert where.distinct(PLACES["Iran"], PLACES["Iraq"])
    assert where.distinct(PLACES["Yemen"], PLACES["the Gulf of Aden"])  # a sea is in no country
    assert where.distinct(PLACES["Baghdad"], PLACES["Damascus"])
    assert not where.distinct(PLACES["Baghdad"], PLACES["Baghdad"])


def test_a_city_does_not_contain_a_far_place():
    assert not where.contains(PLACES["Baghdad"], PLACES["Damascus"])


WATERS = [PLACES["the Gulf of Aden"], PLACES["the Red Sea"], PLACES["the Baltic Sea"]]


def test_the_sea_off_a_country_is_the_named_sea_nearest_it():
    # Yemen's point is ~340 km from the Gulf of Aden's, ~1,000 km from the Red Sea's
    assert where.sea_off(PLACES["Yemen"], WATERS, TinyGazetteer()) == PLACES["the Gulf of Aden"]


def test_no_sea_named_near_the_country_gives_none():
    assert where.sea_off(PLACES["Iran"], [PLACES["the Baltic Sea"]], TinyGazetteer()) is None
    assert where.sea_off(PLACES["Iran"], [], TinyGazetteer()) is None


class OutlineGazetteer(TinyGazetteer):
    """A gazetteer with one country outline: a box for Iran, its south coast at 27.5° N."""

    def country_polygon(self, iso2: str):
        from shapely.geometry import box

        return box(44.0, 27.5, 63.0, 39.0) if iso2 == "IR" else None


def test_with_an_outline_the_sea_nearest_the_coast_wins():
    caspian = place("t:caspian", "Caspian Sea", "water", None, 50.5, 41.5, "region")  # ~280 km off
    gulf = PLACES["the Gulf"]  # 26.9° N: ~70 km off the south coast
    red = PLACES["the Red Sea"]  # ~900 km from the box
    assert where.sea_off(PLACES["Iran"], [caspian, red, gulf], OutlineGazetteer()) == gulf
    assert where.sea_off(PLACES["Iran"], [caspian, red], OutlineGazetteer()) == caspian
    assert where.sea_off(PLACES["Iran"], [red], OutlineGazetteer()) is None


def _role(name: str, role: str, depth: int) -> where.PlaceRole:
    return where.PlaceRole(PLACES[name], role, depth, token=0, start=0, end=1)


def test_a_country_that_only_qualifies_a_finer_place_gives_way_to_it():
    # "hit a vehicle near <city> airport in northeastern <country>": the parse hangs the city deep
    # under the object and the country on the verb; the event still happened at the city.
    roles = [_role("Baghdad", where.TARGET, 4), _role("Iraq", where.LOCATIVE, 2)]
    assert where.best_place(roles, (where.LOCATIVE, where.TARGET)).place == PLACES["Baghdad"]


def test_a_country_is_kept_when_the_finer_place_is_in_another_country():
    roles = [_role("Damascus", where.TARGET, 4), _role("Iraq", where.LOCATIVE, 2)]
    assert where.best_place(roles, (where.LOCATIVE, where.TARGET)).place == PLACES["Iraq"]


def test_in_division_reads_the_codes_not_the_distance():
    iraq, baghdad = PLACES["Iraq"], PLACES["Baghdad"]
    dakota = PLACES["North Dakota"]
    minot = place("t:minot", "Minot", "airbase", "US", -101.36, 48.42, "point", "north dakota")
    assert where.in_division(baghdad, iraq) and not where.in_division(minot, iraq)
    assert where.in_division(minot, dakota)  # the division's name, in any case
    # A city is no division: what lies near it is `contains`' question, by distance.
    assert not where.in_division(PLACES["Baghdad International Airport"], baghdad)
    # A place of unknown country is in no country, even one whose own code is unknown.
    assert not where.in_division(
        place("t:x", "X", "city", None, 0, 0, "city"), place("t:y", "Y", "country", None, 0, 0, "country")
    )


def test_a_town_beside_a_wide_region_says_where_along_it():
    # "exchanged fire along the Line of Control in the Poonch sector": the region is nearer the verb
    # in the parse, the town a few hundred km away at most says where along it
    loc = place("t:loc", "Line of Control", "region", None, 74.5, 34.0, "region")
    poonch = place("t:poonch", "Poonch", "city", "IN", 74.09, 33.77, "city")
    roles = [
        where.PlaceRole(loc, where.LOCATIVE, 2, token=0, start=0, end=1),
        where.PlaceRole(poonch, where.LOCATIVE, 3, token=5, start=5, end=6),
    ]
    assert where.best_place(roles, (where.LOCATIVE, where.TARGET)).place == poonch
    far = place("t:far", "Far Town", "city", "IN", 80.0, 20.0, "city")
    roles[1] = where.PlaceRole(far, where.LOCATIVE, 3, token=5, start=5, end=6)
    assert where.best_place(roles, (where.LOCATIVE, where.TARGET)).place == loc


class _NamesakeGazetteer:
    def __init__(self, *places):
        self.places = places

    def lookup(self, name):
        return [p for p in self.places if p.name.lower().startswith(name.lower())]


def test_a_small_country_named_after_its_city_ends_a_route_at_the_city():
    country = place("t:DJ", "Djibouti", "country", "DJ", 42.5, 11.8, "country")
    city = place("t:djc", "Djibouti", "city", "DJ", 43.15, 11.59, "city")
    assert where.capital_namesake(country, _NamesakeGazetteer(country, city)) == city
    assert where.namesakes(country, city)  # no route from the one to the other
    # a large country whose namesake city is far from its point stays the country
    mexico = place("t:MX", "Mexico", "country", "MX", -102.0, 23.0, "country")
    mexico_city = place("t:mxc", "Mexico City", "city", "MX", -99.13, 19.43, "city")
    assert where.capital_namesake(mexico, _NamesakeGazetteer(mexico, mexico_city)) is None
    assert not where.namesakes(PLACES["Iraq"], PLACES["Baghdad"])
