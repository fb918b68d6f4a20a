"""`sortie export`: the map's features as GeoJSON (RFC 7946), GeoPackage or CSV.

The public shape of a feature is `sortie.geodata.geojson`; this module filters and writes it. Files
are written to a temporary file beside the target and renamed into place, so a failed export never
leaves a half-written file where the old one was.
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

from sortie.geodata.errors import OutputError, SortieError
from sortie.geodata.geojson import CORE_PROPERTIES, feature_collection, feature_properties, rfc7946_geometry
from sortie.geodata.records import Feature

FORMATS = ("geojson", "gpkg", "csv")
LAYERS = ("places", "routes", "events")
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
    from sortie.geodata.store import Store, open_store

    start, end = getattr(args, "start", None), getattr(args, "end", None)
    if start and end and start > end:
        # Otherwise the window would be empty and only undated features would come out, silently.
        raise SortieError(f"--start {start} is after --end {end}: swap them to export that period")
    store = open_store(args.store, must_exist=True)
    layers = getattr(args, "layer", None) or None
    features = store.features(layers, wrong=getattr(args, "corrected_away", "exclude") == "include")
    # Observed tracks are kept in GeoPackage stores only (see `sortie tracks`).
    if isinstance(store, Store) and (layers is None or "tracks" in layers):
        from sortie.geodata.tracks.store import track_features

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
