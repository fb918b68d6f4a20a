"""Shared fixtures: tiny worlds for unit tests (add fixtures below; keep existing ones as they are)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest

from sortie.geodata.places.names import normalize
from sortie.geodata.records import Place


def _place(pid: str, name: str, kind: str, country: str | None, lon: float, lat: float, **kw: Any) -> Place:
    precision = kw.pop(
        "precision",
        {"country": "country", "admin1": "region", "water": "region", "region": "region", "city": "city"}.get(
            kind, "point"
        ),
    )
    return Place(pid, name, kind, country, lon, lat, precision, **kw)


# (place, other names). Coordinates are GeoNames' (lon, lat) for the real places they stand for.
TINY_PLACES: list[tuple[Place, tuple[str, ...]]] = [
    (_place("iso:FR", "France", "country", "FR", 2.0, 46.0, population=64_768_389), ()),
    (
        _place("iso:US", "United States", "country", "US", -98.5, 39.76, population=310_232_863),
        ("U.S.", "US"),
    ),
    (_place("iso:GE", "Georgia", "country", "GE", 43.5, 42.0, population=4_630_000), ()),
    (_place("iso:RU", "Russia", "country", "RU", 100.0, 60.0, population=140_702_000), ()),
    (_place("iso:IQ", "Iraq", "country", "IQ", 44.0, 33.0, population=29_671_605), ()),
    (_place("iso:IR", "Iran", "country", "IR", 53.0, 32.0, population=76_923_300), ()),
    (
        _place(
            "geonames:2988507",
            "Paris",
            "city",
            "FR",
            2.3488,
            48.8534,
            population=2_138_551,
            admin1="Île-de-France",
        ),
        (),
    ),
    (
        _place(
            "geonames:4717560", "Paris", "city", "US", -95.5555, 33.6609, population=24_782, admin1="Texas"
        ),
        (),
    ),
    (_place("geonames:4736286", "Texas", "admin1", "US", -99.2506, 31.2504, admin1="Texas"), ("Tex.",)),
    (_place("geonames:4197000", "Georgia", "admin1", "US", -83.5002, 32.7504, admin1="Georgia"), ("Ga.",)),
    (
        _place(
            "geonames:4180439", "Atlanta", "city", "US", -84.388, 33.749, population=463_878, admin1="Georgia"
        ),
        (),
    ),
    (
        _place(
            "geonames:611717",
            "Tbilisi",
            "city",
            "GE",
            44.7925,
            41.6941,
            population=1_049_498,
            admin1="Tbilisi",
        ),
        (),
    ),
    (
        _place(
            "geonames:524901",
            "Moscow",
            "city",
            "RU",
            37.6156,
            55.7522,
            population=10_381_222,
            admin1="Moscow",
        ),
        (),
    ),
    (
        _place(
            "geonames:4140963",
            "Washington",
            "city",
            "US",
            -77.0364,
            38.8951,
            population=601_723,
            admin1="District of Columbia",
        ),
        ("Washington, D.C.",),
    ),
    (_place("geonames:5815135", "Washington", "admin1", "US", -120.5015, 47.5001, admin1="Washington"), ()),
    (
        _place(
            "geonames:5809844",
            "Seattle",
            "city",
            "US",
            -122.3321,
            47.6062,
            population=737_015,
            admin1="Washington",
        ),
        (),
    ),
    (
        _place(
            "geonames:5038108",
            "Minot",
            "city",
            "US",
            -101.2963,
            48.2325,
            population=48_377,
            admin1="North Dakota",
        ),
        (),
    ),
    (
        _place(
            "test:minot-maine", "Minot", "city", "US", -70.3331, 44.0864, population=2_600, admin1="Maine"
        ),
        (),
    ),
    (
        _place("geonames:5690763", "North Dakota", "admin1", "US", -100.5010, 47.5003, admin1="North Dakota"),
        (),
    ),
    (_place("test:maine", "Maine", "admin1", "US", -69.2498, 45.5003, admin1="Maine"), ()),
    (
        _place(
            "icao:KMIB", "Minot Air Force Base", "airbase", "US", -101.358, 48.4156, admin1="North Dakota"
        ),
        ("Minot AFB",),
    ),
    (
        _place(
            "geonames:98182",
            "Baghdad",
            "city",
            "IQ",
            44.4009,
            33.3406,
            population=7_216_000,
            admin1="Baghdad",
        ),
        (),
    ),
    (
        _place(
            "icao:ORBI", "Baghdad International Airport", "airport", "IQ", 44.2346, 33.2625, admin1="Baghdad"
        ),
        (),
    ),
    (_place("sortie:persian-gulf", "Persian Gulf", "water", None, 51.5, 26.9), ("Arabian Gulf",)),
    (_place("sortie:middle-east", "Middle East", "region", None, 45.0, 29.0), ()),
    (_place("sortie:green-zone", "Green Zone", "facility", "IQ", 44.39, 33.30, admin1="Baghdad"), ()),
    (
        _place(
            "sortie:white-house",
            "White House",
            "facility",
            "US",
            -77.0365,
            38.8977,
            admin1="District of Columbia",
        ),
        (),
    ),
]
TINY_CODES = {"KMIB": "icao:KMIB", "ORBI": "icao:ORBI", "MOT": "icao:KMIB"}
TINY_DEMONYMS = {
    "French": "FR", "American": "US", "Americans": "US", "Georgian": "GE", "Russian": "RU", "Iraqi": "IQ",
    "Iranian": "IR",
}  # fmt: skip
_PHRASE_KINDS = frozenset({"airbase", "airport", "water", "region", "facility"})


class TinyGazetteer:
    """The Gazetteer interface over a handful of places, in memory."""

    def __init__(self, entries: Iterable[tuple[Place, tuple[str, ...]]] = TINY_PLACES) -> None:
        self.entries = list(entries)
        self.places = {p.id: p for p, _ in self.entries}
        self.names: dict[str, list[Place]] = {}
        for p, others in self.entries:
            for name in (p.name, *others):
                self.names.setdefault(normalize(name), []).append(p)

    def lookup(self, name: str) -> list[Place]:
        found = self.names.get(normalize(name), [])
        return sorted(found, key=lambda p: (-p.population, p.id))

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def country(self, iso2: str) -> Place | None:
        return next((p for p in self.places.values() if p.kind == "country" and p.country == iso2), None)

    def country_of_name(self, name: str) -> str | None:
        key = normalize(name)
        for demonym, iso2 in TINY_DEMONYMS.items():
            if normalize(demonym) == key:
                return iso2
        country = next((p for p in self.lookup(name) if p.kind == "country"), None)
        return country.country if country else None

    def admin1(self, iso2: str, name: str) -> Place | None:
        return next((p for p in self.lookup(name) if p.kind == "admin1" and p.country == iso2), None)

    def multiword_names(self) -> list[tuple[str, str]]:
        return [
            (n, p.kind) for p, others in self.entries if p.kind in _PHRASE_KINDS for n in (p.name, *others)
        ]

    def airport_codes(self) -> dict[str, str]:
        return dict(TINY_CODES)

    def country_polygon(self, iso2: str) -> None:
        return None


@pytest.fixture
def tiny_gazetteer() -> TinyGazetteer:
    return TinyGazetteer()


@pytest.fixture
def rule_nlp() -> Callable[[list[dict[str, Any]]], Any]:
    """A blank English pipeline (sentencizer + entity_ruler) that tags what the patterns say."""
    import spacy

    def make(patterns: list[dict[str, Any]]) -> Any:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        ruler = nlp.add_pipe("entity_ruler")
        ruler.add_patterns(patterns)
        return nlp

    return make


# Two Londons and the parents that tell them apart; Quebec the province and Quebec the city.
COMMONWEALTH_PLACES: list[tuple[Place, tuple[str, ...]]] = [
    (_place("iso:GB", "United Kingdom", "country", "GB", -2.69531, 54.75844, population=66_488_991), ("UK",)),
    (_place("iso:CA", "Canada", "country", "CA", -113.64258, 60.10867, population=37_058_856), ()),
    (_place("test:england", "England", "admin1", "GB", -0.70312, 52.16045), ()),
    (_place("geonames:6093943", "Ontario", "admin1", "CA", -84.49983, 49.25014), ("Ont.",)),
    (_place("geonames:6115047", "Quebec", "admin1", "CA", -71.99907, 52.00017), ("Que.",)),
    (
        _place("geonames:2643743", "London", "city", "GB", -0.12574, 51.50853, population=8_961_989,
               admin1="England"),
        (),
    ),
    (
        _place("geonames:6058560", "London", "city", "CA", -81.23304, 42.98339, population=346_765,
               admin1="Ontario"),
        (),
    ),
    (
        _place("geonames:6325494", "Québec", "city", "CA", -71.21454, 46.81228, population=531_902,
               admin1="Quebec"),
        (),
    ),
    (
        _place("geonames:6077243", "Montreal", "city", "CA", -73.58781, 45.50884, population=1_600_000,
               admin1="Quebec"),
        (),
    ),
]  # fmt: skip


@pytest.fixture
def commonwealth_gazetteer() -> TinyGazetteer:
    """The tiny world plus two Londons, Ontario and Quebec."""
    return TinyGazetteer([*TINY_PLACES, *COMMONWEALTH_PLACES])


# Bases, ports and straits whose names trip the model: a base named like a person, a port inside a
# possessive phrase, a town with an air base, a strait with no entry of its own.
BASES_PLACES: list[tuple[Place, tuple[str, ...]]] = [
    (_place("icao:FJDG", "Diego Garcia", "airbase", "IO", 72.4111, -7.3133), ()),
    (_place("icao:EGUN", "RAF Mildenhall", "airbase", "GB", 0.48641, 52.3619, admin1="England"), ()),
    (
        _place("geonames:2642543", "Mildenhall", "city", "GB", 0.51086, 52.34446, population=14_382,
               admin1="England"),
        (),
    ),
    (
        _place("sortie:souda-bay", "Naval Support Activity Souda Bay", "facility", "GR", 24.11, 35.49),
        ("Souda Bay",),
    ),
    (_place("iso:GR", "Greece", "country", "GR", 22.0, 39.0, population=11_000_000), ()),
    (_place("test:crete", "Crete", "admin1", "GR", 24.739, 35.2454, admin1="Crete"), ()),
    (_place("iso:YE", "Yemen", "country", "YE", 48.0, 15.5, population=23_495_361), ()),
    (
        _place("geonames:79415", "Hodeidah", "city", "YE", 42.9545, 14.7978, population=617_871,
               admin1="Al Hudaydah"),
        (),
    ),
    (_place("iso:JP", "Japan", "country", "JP", 139.0, 36.0, population=126_000_000), ()),
    (
        _place("test:miyakojima", "Miyako", "city", "JP", 125.2811, 24.8056, population=55_000,
               admin1="Okinawa"),
        (),
    ),
    (
        _place("geonames:563464", "Engels", "city", "RU", 46.1106, 51.4989, population=202_419,
               admin1="Saratov Oblast"),
        (),
    ),
    (
        _place("icao:XWSG", "Engels Air Base", "airbase", "RU", 46.2, 51.46667, admin1="Saratov"),
        ("Engels air base", "Engels Airbase"),
    ),
    (
        _place("geonames:498677", "Saratov", "city", "RU", 46.0154, 51.5406, population=863_725,
               admin1="Saratov Oblast"),
        (),
    ),
    (_place("test:saratov-oblast", "Saratov Oblast", "admin1", "RU", 46.5, 51.5), ("Saratov",)),
]  # fmt: skip
PORT_OF_HODEIDAH = (
    _place("sortie:port-of-hodeidah", "Port of Hodeidah", "facility", "YE", 42.94, 14.83),
    ("Hodeidah port",),
)


@pytest.fixture
def bases_gazetteer() -> TinyGazetteer:
    """The tiny world plus air bases, ports and straits (and the Port of Hodeidah's own entry)."""
    return TinyGazetteer([*TINY_PLACES, *BASES_PLACES, PORT_OF_HODEIDAH])


@pytest.fixture
def bases_gazetteer_without_port() -> TinyGazetteer:
    """The same world with no entry for the Port of Hodeidah."""
    return TinyGazetteer([*TINY_PLACES, *BASES_PLACES])


# A town the model leaves untagged, in the division named right after it.
FAR_EAST_PLACES: list[tuple[Place, tuple[str, ...]]] = [
    (_place("test:chukotka", "Chukotka", "admin1", "RU", 171.0, 66.0, admin1="Chukotka"), ()),
    (
        _place("geonames:2127202", "Anadyr", "city", "RU", 177.5103, 64.73424, population=15_604,
               admin1="Chukotka"),
        (),
    ),
]  # fmt: skip


@pytest.fixture
def far_east_gazetteer() -> TinyGazetteer:
    return TinyGazetteer([*TINY_PLACES, *FAR_EAST_PLACES])


@pytest.fixture
def pacific_gazetteer() -> TinyGazetteer:
    """An ocean and its western part, named with a direction."""
    return TinyGazetteer(
        [
            (_place("test:pacific", "Pacific Ocean", "water", None, -160.0, 0.0), ("Pacific",)),
            (_place("test:west-pacific", "Western Pacific", "water", None, 150.0, 15.0), ()),
        ]
    )


@pytest.fixture(scope="session")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The exported map of a test article set (tests/data/<name>), ingested once per session."""
    from events_articles import DATA, export

    cache: dict[str, list[dict[str, Any]]] = {}

    def get(name: str) -> list[dict[str, Any]]:
        if name not in cache:
            cache[name] = export(DATA / name, tmp_path_factory.mktemp(name) / "store")
        return cache[name]

    return get


# -- a real PostgreSQL + PostGIS server (tests/pgcluster.py), for the PostGIS store's tests ----------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """One throwaway server for the session, from Debian's packages; the tests skip without them."""
    from pgcluster import Server, missing

    why = missing()
    if why is not None:
        pytest.skip(why)
    server = Server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: Any) -> str:
    """The URL of a new, empty database with PostGIS on the session's server."""
    return str(pg_server.new_database())
