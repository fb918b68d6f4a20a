"""The offline basemap: Natural Earth countries and coastlines as GeoJSON served from `assets/`.

The dashboard must not ask any outside server for map tiles, so the background map is a MapLibre style
whose sources are small GeoJSON files generated here from the Natural Earth low-resolution countries
that ship with pyogrio (no download): countries, coastlines and the countries' label points. Its text
is drawn from glyphs this app serves itself (sortie.dashboard.glyphs), never a font server's. Run
`python -m sortie.dashboard.basemap` to (re)build them; the app builds them on first start when they are
missing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sortie.dashboard.glyphs import FONT_STACK, GLYPHS_URL

# The brief puts `assets/` at the repository's top level, beside this package: it is found relative to
# the checkout (an editable install), and a wheel installed elsewhere has none (see `assets_dir`).
ASSETS = Path(__file__).resolve().parent.parent / "assets"
BASEMAP_DIR = ASSETS / "basemap"
COUNTRIES = BASEMAP_DIR / "countries.geojson"
COASTLINE = BASEMAP_DIR / "coastline.geojson"
COUNTRY_LABELS = BASEMAP_DIR / "country-labels.geojson"
# URLs under the app's own host (Dash serves `assets/` at /assets/).
COUNTRIES_URL = "/assets/basemap/countries.geojson"
COASTLINE_URL = "/assets/basemap/coastline.geojson"
COUNTRY_LABELS_URL = "/assets/basemap/country-labels.geojson"

COLORS = {"water": "#dbe7ef", "land": "#f4f1ea", "border": "#b9b2a4", "coast": "#8aa3b5", "label": "#8c8471"}


def natural_earth_path() -> Path:
    """The Natural Earth 1:110m countries shapefile that pyogrio ships as a test fixture."""
    import pyogrio

    path = Path(pyogrio.__file__).parent / "tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp"
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: reinstall pyogrio (pip install --force-reinstall pyogrio)"
        )
    return path


def _rounded(geojson: dict[str, Any]) -> dict[str, Any]:
    """Round coordinates: 0.001 degree (about 100 m) is far finer than a 1:110m map needs."""
    from sortie.geodata.geometry import round_geometry

    return round_geometry(geojson, 3)


def build_basemap(out_dir: Path = BASEMAP_DIR) -> tuple[Path, Path, Path]:
    """Write countries (polygons with a name and a label point), coastlines (lines) and the countries'
    label points (ranked by area: where labels would collide, the larger country's wins) as GeoJSON."""
    import pyogrio
    import shapely
    from shapely.geometry import mapping

    frame = pyogrio.read_dataframe(natural_earth_path())
    out_dir.mkdir(parents=True, exist_ok=True)
    countries = []
    label_points: list[tuple[float, str, float, float]] = []  # (area, name, lon, lat)
    for name, iso3, geom in zip(frame["name"], frame["iso_a3"], frame.geometry, strict=True):
        label = shapely.point_on_surface(geom)
        label_points.append((geom.area, name, round(label.x, 3), round(label.y, 3)))
        countries.append(
            {
                "type": "Feature",
                "properties": {
                    "name": name,
                    "iso_a3": iso3,
                    "label_lon": round(label.x, 3),
                    "label_lat": round(label.y, 3),
                },
                "geometry": _rounded(mapping(geom)),
            }
        )
    # Coastlines are the outline of the land: the boundary of the union of all countries, so that
    # land borders between two countries are not drawn twice as coasts.
    land = shapely.union_all(list(frame.geometry))
    coast = shapely.boundary(land)
    coast_fc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {}, "geometry": _rounded(mapping(coast))}],
    }
    countries_fc = {"type": "FeatureCollection", "features": countries}
    by_area = sorted(label_points, key=lambda p: -p[0])
    labels_fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": name, "rank": rank},
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
            }
            for rank, (_, name, lon, lat) in enumerate(by_area)
        ],
    }
    paths = (out_dir / COUNTRIES.name, out_dir / COASTLINE.name, out_dir / COUNTRY_LABELS.name)
    for path, data in zip(paths, (countries_fc, coast_fc, labels_fc), strict=True):
        path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    return paths


def assets_dir() -> Path:
    """The repository's `assets/` folder (the page's script, styles and basemap), or a clear error."""
    from sortie.geodata.errors import FileFault

    if not (ASSETS / "sortie.js").is_file():
        raise FileFault(
            str(ASSETS),
            "the dashboard's assets folder is missing (it is not part of an installed wheel): run "
            "`sortie serve` from a checkout of the repository installed with `pip install -e .`",
        )
    return ASSETS


def ensure_basemap() -> None:
    """Build the basemap files if they are missing (cheap: about a second)."""
    if not (COUNTRIES.exists() and COASTLINE.exists() and COUNTRY_LABELS.exists()):
        build_basemap()


def offline_style(origin: str = "") -> dict[str, Any]:
    """A MapLibre style with no outside URL: water background, land, borders, coastlines, country names.

    Its `glyphs` are this app's own (GLYPHS_URL, served by sortie.dashboard.glyphs); no `sprite`.
    `origin` may prefix the URLs (MapLibre resolves relative URLs against the page).
    """
    return {
        "version": 8,
        "name": "sortie-offline",
        "glyphs": origin + GLYPHS_URL,
        "sources": {
            "countries": {"type": "geojson", "data": origin + COUNTRIES_URL},
            "coastline": {"type": "geojson", "data": origin + COASTLINE_URL},
            "country-labels": {"type": "geojson", "data": origin + COUNTRY_LABELS_URL},
        },
        "layers": [
            {"id": "background", "type": "background", "paint": {"background-color": COLORS["water"]}},
            {
                "id": "land",
                "type": "fill",
                "source": "countries",
                "paint": {"fill-color": COLORS["land"], "fill-antialias": False},
            },
            {
                "id": "borders",
                "type": "line",
                "source": "countries",
                "paint": {"line-color": COLORS["border"], "line-width": 0.6},
            },
            {
                "id": "coastline",
                "type": "line",
                "source": "coastline",
                "paint": {"line-color": COLORS["coast"], "line-width": 0.9},
            },
            {
                "id": "country-labels",
                "type": "symbol",
                "source": "country-labels",
                "layout": {
                    "text-field": ["get", "name"],
                    "text-font": [FONT_STACK],
                    "text-size": ["interpolate", ["linear"], ["zoom"], 1, 9.5, 5, 12],
                    "text-max-width": 7,
                    "text-letter-spacing": 0.04,
                    "text-padding": 4,
                    "symbol-sort-key": ["get", "rank"],
                },
                "paint": {
                    "text-color": COLORS["label"],
                    "text-halo-color": COLORS["land"],
                    "text-halo-width": 1,
                },
            },
        ],
    }


if __name__ == "__main__":
    for written in build_basemap():
        print(f"wrote {written} ({written.stat().st_size // 1024} KB)")
