"""`sortie tracks import`: read track files (two processes on two cores), store them, propose matches.

Files given by name are read whatever their extension (the content decides the format); in a folder,
only files with a track extension are taken, so articles beside them are not mistaken for CSV. Each
file is read, checked and split in a worker process; the main process writes it to the store in one
transaction, so a bad file is reported and skipped with nothing stored from it.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sortie.geodata.errors import SortieError
from sortie.geodata.tracks.fixes import Flight
from sortie.geodata.tracks.read import TrackFile

# Files are committed in batches of about this many fixes: one commit (an fsync) per small file
# would cost more than reading it.
BATCH_FIXES = 250_000
# Fewer files are read in this process: starting workers costs more than reading a few files.
MIN_FILES_FOR_WORKERS = 8
FOLDER_SUFFIXES = (".json", ".gz", ".csv", ".kml", ".gpx", ".geojson")


def expand(paths: Sequence[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(
                str(f)
                for f in path.rglob("*")
                if f.is_file()
                and not f.name.startswith(".")
                and f.name != "meta.json"  # articles' metadata, when tracks sit beside articles
                and f.name.lower().endswith(FOLDER_SUFFIXES)
            )
            out.extend(found)
        else:
            out.append(str(path))
    return out


Result = tuple[TrackFile, list[Flight]] | SortieError | str


def read_and_split(path: str, known: frozenset[str] = frozenset()) -> Result:
    """One file read, checked and split into flights. A SortieError is returned, not raised (it
    crosses a process boundary); a file already stored (its sha256 in `known`) returns its path."""
    from sortie.geodata.tracks.flights import split_flights
    from sortie.geodata.tracks.read import AlreadyStored, read_track_file

    try:
        track = read_track_file(path, known=known)
        return track, split_flights(track.table, track.sha256)
    except AlreadyStored:
        return path
    except SortieError as exc:
        return exc


def _results(files: list[str], workers: int, known: frozenset[str]) -> Iterator[Result]:
    read = functools.partial(read_and_split, known=known)
    if workers <= 1 or len(files) < MIN_FILES_FOR_WORKERS:
        yield from map(read, files)
        return
    # Not fork: a forked child of a process that has started threads (GDAL's, a web server's) can
    # die on a lock held at the fork. A fork server starts clean and forks workers with the readers
    # already imported.
    import multiprocessing

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(
            [f"sortie.geodata.tracks.{name}" for name in ("importer", "readsb", "flights")]
        )
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        yield from pool.map(read, files, chunksize=4)


def import_paths(
    paths: Sequence[str], store: str | None = None, *, workers: int | None = None, quiet: bool = False
) -> int:
    """Import track files; print one line per file. Exit status: 0 all good, 1 some bad, 2 none read."""
    from sortie.geodata.store.geopackage import Store
    from sortie.geodata.tracks import store as track_store

    target = Store(store)
    files = expand(paths)
    if not files:
        print("sortie: error: no track files found in the given paths", file=sys.stderr)
        return 2
    n_workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    good = bad = 0
    batch: list[tuple[TrackFile, list[Flight]]] = []

    changed = False

    def flush() -> None:
        nonlocal changed
        statuses = track_store.import_files(target, batch)
        changed = changed or any(s != "unchanged" for s in statuses)
        for (track, flights), status in zip(batch, statuses, strict=True):
            if not quiet:
                print(
                    f"sortie: {track.path}: {status} ({track.table.format}, {len(track.table)} fixes,"
                    f" {len(flights)} flight{'s' if len(flights) != 1 else ''})",
                    file=sys.stderr,
                )
        batch.clear()

    pending = 0
    known = frozenset(f["sha256"] for f in track_store.files(target))
    for item in _results(files, n_workers, known):
        if isinstance(item, SortieError):
            print(f"sortie: error: {item}", file=sys.stderr)
            bad += 1
            continue
        if isinstance(item, str):
            good += 1
            if not quiet:
                print(f"sortie: {item}: unchanged (imported before)", file=sys.stderr)
            continue
        batch.append(item)
        good += 1
        pending += len(item[0].table)
        if pending >= BATCH_FIXES:
            flush()
            pending = 0
    if batch:
        flush()
    if changed:  # only then: re-importing files already stored writes nothing at all
        proposed = track_store.refresh_matches(target)
        if not quiet:
            print(
                f"sortie: {proposed} match(es) of observed flights with reported routes proposed",
                file=sys.stderr,
            )
    return 0 if not bad else 1 if good else 2
