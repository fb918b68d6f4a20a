"""The real gazetteer, built from the installed packages: the ambiguity cases a resolver relies on."""

from __future__ import annotations

import pytest

from sortie.geodata.places.gazetteer import Gazetteer, open_gazetteer

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return open_gazetteer()  # builds the default index on first use


def countries_of(places: list, kind: str) -> set[str | None]:
    return {p.country for p in places if p.kind == kind}


def test_paris_in_france_and_in_texas(gaz: Gazetteer) -> None:
    cities = [p for p in gaz.lookup("Paris") if p.kind == "city"]
    assert {"FR", "US"} <= {p.country for p in cities}
    assert cities[0].country == "FR"  # most populous first
    assert any(p.country == "US" and p.admin1 == "Texas" for p in cities)


def test_georgia_the_country_and_the_state(gaz: Gazetteer) -> None:
    places = gaz.lookup("Georgia")
    assert countries_of(places, "country") == {"GE"}
    assert "US" in countries_of(places, "admin1")


def test_persian_and_arabian_gulf_are_one_water_body(gaz: Gazetteer) -> None:
    persian = [p for p in gaz.lookup("Persian Gulf") if p.kind == "water"]
    arabian = [p for p in gaz.lookup("the Arabian Gulf") if p.kind == "water"]
    assert len(persian) == 1 and persian == arabian
    # Its point lies in the Gulf, between Qatar and Iran.
    assert 48 < persian[0].lon < 56 and 24 < persian[0].lat < 30


def test_icao_code_gives_the_air_base(gaz: Gazetteer) -> None:
    [base] = gaz.lookup("KMIB")
    assert (base.id, base.kind, base.admin1) == ("icao:KMIB", "airbase", "North Dakota")
    assert gaz.airport_codes()["KMIB"] == "icao:KMIB"


def test_minot_air_force_base_is_in_north_dakota_not_maine(gaz: Gazetteer) -> None:
    places = gaz.lookup("Minot Air Force Base")
    assert "icao:KMIB" in {p.id for p in places}
    assert all(p.admin1 == "North Dakota" for p in places)


@pytest.mark.parametrize(
    "name", ["Al Udeid", "RAF Fairford", "Baghdad's international airport", "Ain al-Asad"]
)
def test_names_the_ner_model_misses(gaz: Gazetteer, name: str) -> None:
    assert any(p.kind in ("airbase", "airport") for p in gaz.lookup(name))


@pytest.mark.parametrize("iso2", ["IQ", "FR", "NO"])
def test_country_polygons(gaz: Gazetteer, iso2: str) -> None:
    polygon = gaz.country_polygon(iso2)
    country = gaz.country(iso2)
    assert polygon is not None and country is not None
    from shapely.geometry import Point

    assert polygon.contains(Point(country.lon, country.lat))


def test_demonyms(gaz: Gazetteer) -> None:
    assert gaz.country_of_name("Iraqi") == "IQ"
    assert gaz.country_of_name("Iranian") == "IR"
    assert gaz.country_of_name("U.S.") == "US"
    assert gaz.country_of_name("American") == "US"


def test_governorates_of_iraq(gaz: Gazetteer) -> None:
    anbar = gaz.admin1("IQ", "Anbar")
    assert anbar is not None and anbar.kind == "admin1" and anbar.precision == "region"
    assert gaz.admin1("IQ", "Anbar province") == anbar


def test_prefetched_answers_are_the_answers_asked_one_by_one(gaz: Gazetteer) -> None:
    # "Paris" has many places (order matters), "Iraqi" is a demonym only, the last is nothing.
    names = ["Paris", "the Persian Gulf", "Iraqi", "U.S.", "Georgia", "Nowhereville Qqq", "..."]
    one_by_one, batched = Gazetteer(gaz.path), Gazetteer(gaz.path)
    batched.prefetch(names)
    for name in names:
        assert batched.lookup(name) == one_by_one.lookup(name)
        assert batched.country_of_name(name) == one_by_one.country_of_name(name)
    assert [p.country for p in batched.lookup("Paris")][:1] == ["FR"]
    assert batched.country_of_name("Iraqi") == "IQ"
    assert batched.lookup("Nowhereville Qqq") == []


def test_arctic_islands_by_the_names_news_gives_them(gaz: Gazetteer) -> None:
    # "Svalbard (Arctic Region)" in ISO 3166-2; news says "Svalbard", and "Bear Island" for Bjørnøya
    (svalbard,) = [p for p in gaz.lookup("Svalbard") if p.kind == "admin1"]
    assert svalbard.country == "NO" and 76 < svalbard.lat < 81
    assert [p.id for p in gaz.lookup("Bear Island")][:1] == [p.id for p in gaz.lookup("Bjørnøya")][:1]
    assert all(p.precision == "region" for p in gaz.lookup("Bjørnøya") if p.kind == "region")
