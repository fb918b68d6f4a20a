"""`sortie export`: the map's features as GeoJSON (RFC 7946), GeoPackage or CSV.

`feature_json` is the public shape (the acceptance README's property table); everything else shapes
or writes it. Files are written to a temporary file beside the target and renamed into place, so a
failed export never leaves a half-written file where the old one was.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import errno
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from geodata.errors import OutputError, SortieError
from geodata.geometry import (
    SHORTEST_PATH_NOTE,
    line_geometry,
    orient_geometry,
    representative_point,
    round_geometry,
)
from geodata.records import Feature
from geodata.serial import to_jsonable

FORMATS = ("geojson", "gpkg", "csv")
LAYERS = ("places", "routes", "events")
# The acceptance README's core properties, in its order (the store's columns follow it too).
CORE_PROPERTIES = (
    "layer",
    "name",
    "kind",
    "country",
    "geo_precision",
    "start",
    "end",
    "time_precision",
    "sources",
    "citations",
)


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def feature_properties(f: Feature) -> dict[str, Any]:
    """The properties of one exported feature: the core table first, then the layer's extras."""
    props: dict[str, Any] = {
        "layer": f.layer,
        "name": f.name,
        "kind": f.kind,
        "country": f.country,
        "geo_precision": f.geo_precision,
        "start": _iso(f.start),
        "end": _iso(f.end),
        "time_precision": f.time_precision,
        "sources": f.sources,
        "citations": [
            {
                "doc": c.doc,
                "sentence": c.sentence,
                "start": c.start,
                "end": c.end,
                "mention_start": c.mention_start,
                "mention_end": c.mention_end,
            }
            for c in f.citations
        ],
    }
    # Extras never overwrite the core names: those are the contract.
    props.update({k: to_jsonable(v) for k, v in f.properties.items() if k not in CORE_PROPERTIES})
    if f.layer == "routes":
        # Said in the data, not only in the UI, whoever built the route: a line between its ends.
        props["path"] = SHORTEST_PATH_NOTE
    if f.geometry.get("type") in ("Polygon", "MultiPolygon"):
        lon, lat = representative_point(f.geometry)
        props.setdefault("lon", round(lon, 6))
        props.setdefault("lat", round(lat, 6))
    return props


def rfc7946_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    """Lines cut at the antimeridian, polygons wound by the right-hand rule, 6 decimals (about 0.1 m).

    Route geometries are already split when built; doing it again here is a no-op for them and a
    guarantee for any line that reaches the export some other way.
    """
    kind = geometry.get("type")
    if kind in ("LineString", "MultiLineString"):
        parts = [geometry["coordinates"]] if kind == "LineString" else geometry["coordinates"]
        cut = [line_geometry(part) for part in parts]
        lines = [c["coordinates"] for c in cut if c["type"] == "LineString"]
        lines += [p for c in cut if c["type"] == "MultiLineString" for p in c["coordinates"]]
        geometry = (
            {"type": "LineString", "coordinates": lines[0]}
            if len(lines) == 1
            else {"type": "MultiLineString", "coordinates": lines}
        )
    return round_geometry(orient_geometry(geometry))


def feature_json(f: Feature) -> dict[str, Any]:
    """One GeoJSON Feature: lon/lat, RFC 7946 geometry, the acceptance properties."""
    return {
        "type": "Feature",
        "id": f.id,
        "geometry": rfc7946_geometry(f.geometry),
        "properties": feature_properties(f),
    }


def feature_collection(features: Iterable[Feature]) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection (WGS84 is implied: no `crs` member)."""
    return {"type": "FeatureCollection", "features": [feature_json(f) for f in features]}


def _overlaps(f: Feature, start: dt.date | None, end: dt.date | None) -> bool:
    assert f.start is not None
    f_end = f.end or f.start
    return (end is None or f.start <= end) and (start is None or f_end >= start)


def filter_features(
    features: Iterable[Feature],
    layers: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    include_undated: bool = True,
    query: str | None = None,
) -> list[Feature]:
    """Features in `layers` whose time span overlaps [start, end] (either end open when None).

    Undated features are kept or dropped by `include_undated`, whatever the window. `query` keeps
    features whose name, kind or a cited sentence contains it (case-insensitive).
    """
    wanted = set(layers) if layers else None
    needle = query.casefold().strip() if query else ""
    out = []
    for f in features:
        if wanted is not None and f.layer not in wanted:
            continue
        if f.start is None:
            if not include_undated:
                continue
        elif not _overlaps(f, start, end):
            continue
        if needle and not any(
            needle in text.casefold() for text in (f.name, f.kind, *(c.sentence for c in f.citations))
        ):
            continue
        out.append(f)
    return out


# -- writers -----------------------------------------------------------------------------------


def _flat_row(f: Feature) -> dict[str, Any]:
    """One feature as a flat record (lists and objects as JSON text), for CSV and GeoPackage."""
    row = {"id": f.id}
    for k, v in feature_properties(f).items():
        row[k] = json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
    return row


def _write_geojson(features: list[Feature], fh: IO[str]) -> None:
    json.dump(feature_collection(features), fh, ensure_ascii=False)
    fh.write("\n")


def _write_csv(features: list[Feature], fh: IO[str]) -> None:
    import shapely

    rows = [_flat_row(f) for f in features]
    fields: list[str] = ["id", *CORE_PROPERTIES]
    for r in rows:
        fields.extend(k for k in r if k not in fields)
    writer = csv.DictWriter(fh, [*fields, "wkt"], lineterminator="\n")
    writer.writeheader()
    for f, r in zip(features, rows, strict=True):
        geom = shapely.geometry.shape(rfc7946_geometry(f.geometry))
        writer.writerow({**r, "wkt": shapely.to_wkt(geom, rounding_precision=6, trim=True)})


def _write_gpkg(features: list[Feature], path: Path) -> None:
    import geopandas
    import shapely
    from pyogrio.errors import DataLayerError, DataSourceError

    by_layer: dict[str, list[Feature]] = {}
    for f in features:
        by_layer.setdefault(f.layer, []).append(f)
    for layer, items in by_layer.items():
        rows = [_flat_row(f) for f in items]
        cols: list[str] = []
        for r in rows:
            cols.extend(k for k in r if k not in cols)
        geoms = [shapely.geometry.shape(rfc7946_geometry(f.geometry)) for f in items]
        frame = geopandas.GeoDataFrame(
            [{c: r.get(c) for c in cols} for r in rows], geometry=geoms, crs="EPSG:4326"
        )
        try:
            frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
        except (DataSourceError, DataLayerError) as exc:
            # GDAL's own errors (a full disk, a file it cannot create) are RuntimeErrors: an
            # OSError here lets `_atomic` name the output and leave no temporary file behind.
            raise OSError(errno.EIO, f"the GeoPackage writer failed ({exc})") from exc


def _target_folder(out: Path) -> Path:
    """The folder `out` will be written in, or an OutputError saying why it cannot be created there."""
    if out.is_dir():
        raise OutputError(
            str(out), f"cannot write it: it is a folder; give a file name, e.g. {out / 'map.geojson'}"
        )
    folder = out.parent
    if not folder.is_dir():
        ancestor = folder
        while not ancestor.exists() and ancestor != ancestor.parent:
            ancestor = ancestor.parent
        if ancestor.exists() and not ancestor.is_dir():
            raise OutputError(str(out), f"cannot create it: {str(ancestor)!r} is a file, not a folder")
        raise OutputError(
            str(out),
            f"cannot create it: the folder {str(folder)!r} does not exist (create it first: mkdir -p)",
        )
    if not os.access(folder, os.W_OK):
        raise OutputError(str(out), f"cannot create it: the folder {str(folder)!r} is not writable")
    return folder


def _why(exc: OSError, folder: Path) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"the folder {str(folder)!r} is not writable"
    if exc.errno == errno.EROFS:
        return f"the folder {str(folder)!r} is on a read-only file system"
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    return f"{exc.strerror or exc} (in the folder {str(folder)!r})"


def _atomic(out: Path, write: Callable[[Path], None]) -> None:
    """Write `out` through a temporary file beside it, renamed into place once complete."""
    folder = _target_folder(out)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.stem}.tmp-", suffix=out.suffix or ".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(str(out), f"cannot create it: {_why(exc, folder)}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()  # the GeoPackage writer wants to create the file itself
        write(tmp)
        os.replace(tmp, out)
    except OSError as exc:
        raise OutputError(str(out), f"cannot write it: {_why(exc, folder)}") from None
    finally:
        tmp.unlink(missing_ok=True)


def write(features: Iterable[Feature], fmt: str, out: str | os.PathLike[str] | IO[str] | None = None) -> None:
    """Write features as `fmt` to a path (atomically), an open text stream, or stdout (None or "-")."""
    if fmt not in FORMATS:
        raise OutputError(str(out or "-"), f"unknown format {fmt!r} (choose one of {', '.join(FORMATS)})")
    items = list(features)
    text_writer = {"geojson": _write_geojson, "csv": _write_csv}.get(fmt)
    if out is None or out == "-" or not isinstance(out, (str, os.PathLike)):
        if text_writer is None:
            raise OutputError("-", f"{fmt} cannot be written to a stream; give a file with -o")
        text_writer(items, sys.stdout if out is None or isinstance(out, str) else out)
        return
    path = Path(out).expanduser()
    if fmt == "gpkg" and not items:
        raise OutputError(str(path), "nothing to export: a GeoPackage needs at least one feature")

    def to_file(tmp: Path) -> None:
        if text_writer is None:
            _write_gpkg(items, tmp)
            return
        buf = io.StringIO()
        text_writer(items, buf)
        tmp.write_text(buf.getvalue(), encoding="utf-8")

    _atomic(path, to_file)


def export_cli(args: argparse.Namespace) -> int:
    """`sortie export`: read the store, filter, write. Errors are SortieErrors (exit 2 in the CLI)."""
    from geodata.store import Store

    start, end = getattr(args, "start", None), getattr(args, "end", None)
    if start and end and start > end:
        # Otherwise the window would be empty and only undated features would come out, silently.
        raise SortieError(f"--start {start} is after --end {end}: swap them to export that period")
    store = Store(args.store, must_exist=True)
    layers = getattr(args, "layer", None) or None
    features = store.features(layers)
    if layers is None or "tracks" in layers:
        from geodata.tracks.store import track_features

        features += track_features(store)
    features = filter_features(
        features,
        layers=layers,
        start=start,
        end=end,
        include_undated=getattr(args, "undated", "include") != "exclude",
    )
    write(features, args.format, args.output)
    if args.output and args.output != "-":
        print(f"sortie: wrote {len(features)} features to {args.output}", file=sys.stderr)
    return 0
