"""`sortie`: one command line over importable functions.

Exit codes scripts can trust: 0 all good; 1 some inputs were bad (the rest was still processed);
2 usage error or nothing could be done.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from sortie.geodata.errors import SortieError, one_line


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (expected YYYY-MM-DD)") from None


def _count(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return n


def _port(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if not 1 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1 to 65535)")
    return n


def _err(message: str) -> None:
    from sortie.geodata.progress import say

    say(message)  # above a progress bar, when one shows


def cmd_parse(args: argparse.Namespace) -> int:
    from sortie.geodata.articles import metadata_fault
    from sortie.geodata.fetch import refuse_urls
    from sortie.geodata.output import parsed_json
    from sortie.geodata.pipeline import parse_paths

    if not args.fetch:
        refuse_urls(args.paths)
    good = bad = 0
    broken_meta: set[str] = set()
    for item in parse_paths(args.paths, args.published, fetch=args.fetch):
        if isinstance(item, SortieError):
            _err(f"error: {item}")
            bad += 1
            continue
        good += 1
        # A broken meta.json is an error (reported once), though its articles are still parsed
        # from their text: without their title, source or date, so the run must not exit 0.
        fault = metadata_fault(item.article)
        if fault and fault not in broken_meta:
            broken_meta.add(fault)
            _err(f"error: {fault}; its articles are read without title, source or date")
        for note in item.article.notes:
            if not fault or not note.endswith(fault):
                _err(f"note: {item.article.doc}: {note}")
        print(json.dumps(parsed_json(item), ensure_ascii=False), flush=True)
    # 1 when the bad files were some of them; 2 when none could be parsed (see the module docstring).
    return 0 if not bad and not broken_meta else 1 if good else 2


def cmd_eval(args: argparse.Namespace) -> int:
    import importlib

    # Each module offers evaluate(corpus, limit=) and format_report(report).
    scorer = importlib.import_module(f"sortie.geodata.eval.{args.task}")
    if args.task == "events":
        report = scorer.evaluate(args.corpus, docs=args.docs, limit=args.limit)
    else:
        if args.docs:
            _err(f"error: --docs is for `sortie eval events` only; a {args.task} corpus holds its texts")
            return 2
        report = scorer.evaluate(args.corpus, limit=args.limit)
    # A corpus of the other task parses but has nothing to score: all zeros would look like a result.
    if not report.get("gold_toponyms", report.get("gold", 1)):
        _err(
            f"error: {args.corpus}: no gold {'toponyms' if args.task == 'geoparse' else 'time expressions'}"
            f" in it; is it a {args.task} corpus?"
        )
        return 2
    print(json.dumps(report) if args.json else scorer.format_report(report))
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from sortie.geodata.places.build import build_gazetteer

    # Checked before the build, which takes a while and would fail only at its last step.
    if args.output and os.path.isdir(args.output):
        _err(f"error: {args.output}: is a folder; give the index's file name (e.g. gazetteer.sqlite)")
        return 2
    path = build_gazetteer(args.output)
    print(f"gazetteer written to {path}")
    if args.output:
        _err(f"note: Sortie reads the index from {path} when SORTIE_GAZETTEER is set to that path")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from sortie.geodata.fetch import refuse_urls
    from sortie.geodata.store.ingest import ingest_paths

    if not args.fetch:
        refuse_urls(args.paths)  # before the store is opened or anything read
    return ingest_paths(
        args.paths,
        store=args.store,
        published=args.published,
        fetch=args.fetch,
        workers=args.workers,
        dask=args.dask,
        scheduler=args.scheduler,
    )


def cmd_export(args: argparse.Namespace) -> int:
    from sortie.geodata.store.export import export_cli

    return export_cli(args)


def cmd_tracks(args: argparse.Namespace) -> int:
    from sortie.geodata.store import is_url, store_location
    from sortie.geodata.store.geopackage import Store
    from sortie.geodata.tracks import store as track_store
    from sortie.geodata.tracks.importer import import_paths

    if is_url(store_location(args.store)):
        _err("error: observed tracks are kept in GeoPackage stores only; give --store FILE.gpkg")
        return 2
    if args.action == "import":
        return import_paths(args.paths, store=args.store)
    store = Store(args.store, must_exist=True)
    if args.action == "match":
        print(f"{track_store.refresh_matches(store)} match(es) proposed")
        return 0
    track_store.decide(store, args.route, args.flight, args.decision)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from sortie.dashboard.app import serve

    serve(
        store=args.store,
        host=args.host,
        port=args.port,
        online_tiles=args.online_tiles,
        debug=args.debug,
        threads=args.threads,
        user=args.user,
    )
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse, with the bad argument quoted on one line whatever characters it holds."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {one_line(message)}\n")


PATHS_HELP = ".txt files, saved web pages (.html, .htm) or folders of them; with --fetch, also URLs and feeds"
FETCH_HELP = (
    "go online to fetch the web pages and RSS/Atom feeds given as http(s) URLs (off by default: Sortie"
    " reads only local files otherwise)"
)
STORE_HELP = (
    "store file, or a PostgreSQL database with PostGIS (postgresql://user@host/db);"
    " default: $SORTIE_STORE, else sortie.gpkg in the user data folder"
)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="sortie",
        description="Turn news articles about military flights and movements into a cited, time-aware map.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sp = sub.add_parser("parse", help="print the places and times found in articles, as JSON Lines")
    sp.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    sp.add_argument("--published", type=_date, help="publication date for all files (overrides meta.json)")
    sp.add_argument("--fetch", action="store_true", help=FETCH_HELP)
    sp.set_defaults(func=cmd_parse)

    sp = sub.add_parser("eval", help="score the pipeline on a gold corpus")
    sp.add_argument(
        "task",
        choices=["geoparse", "timex", "events"],
        help="geoparse (places, TR-News format), timex (TimeBank) or events (routes and events by stage)",
    )
    sp.add_argument(
        "corpus", help="JSON Lines gold corpus (TR-News or TimeBank format), or an events gold JSON file"
    )
    sp.add_argument("--docs", help="events: the gold's articles (default: the gold file's folder)")
    sp.add_argument("--limit", type=_count, help="score only the first N articles")
    sp.add_argument("--json", action="store_true", help="print the figures as JSON")
    sp.set_defaults(func=cmd_eval)

    sp = sub.add_parser("gazetteer", help="build the offline gazetteer index from installed packages")
    sp.add_argument("action", choices=["build"], help="build: (re)build the index")
    sp.add_argument(
        "-o",
        "--output",
        help="index file to write (default: $SORTIE_GAZETTEER, else the user cache folder)",
    )
    sp.set_defaults(func=cmd_gazetteer)

    sp = sub.add_parser("ingest", help="add articles to the store (re-ingesting is safe)")
    sp.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    sp.add_argument("--store", help=STORE_HELP)
    sp.add_argument(
        "--published", type=_date, help="publication date YYYY-MM-DD for all files (overrides meta.json)"
    )
    sp.add_argument(
        "--workers",
        type=_count,
        default=1,
        help="parse in N processes (default: %(default)s: in this one); with --dask, the cluster's size",
    )
    sp.add_argument(
        "--dask", action="store_true", help="parse on a local Dask cluster (distributed.LocalCluster)"
    )
    sp.add_argument(
        "--scheduler", metavar="ADDRESS", help="parse on the Dask cluster at ADDRESS (tcp://host:8786)"
    )
    sp.add_argument("--fetch", action="store_true", help=FETCH_HELP)
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("export", help="write the map's features as GeoJSON, GeoPackage or CSV")
    sp.add_argument("--store", help=STORE_HELP)
    sp.add_argument(
        "--format", choices=["geojson", "gpkg", "csv"], default="geojson", help="default: %(default)s"
    )
    sp.add_argument("-o", "--output", help="output file (default: stdout for geojson and csv)")
    sp.add_argument(
        "--layer",
        action="append",
        choices=["places", "routes", "events", "tracks"],
        help="only this layer (repeatable)",
    )
    sp.add_argument("--start", type=_date, help="only features that overlap this date (YYYY-MM-DD) or later")
    sp.add_argument("--end", type=_date, help="only features that overlap this date (YYYY-MM-DD) or earlier")
    sp.add_argument(
        "--undated",
        choices=["include", "exclude"],
        default="include",
        help="keep features with no date when filtering by date (default: %(default)s)",
    )
    sp.add_argument(
        "--corrected-away",
        choices=["exclude", "include"],
        default="exclude",
        help="features an analyst marked wrong (default: %(default)s; included ones say `wrong: true`)",
    )
    sp.set_defaults(func=cmd_export)

    sp = sub.add_parser("tracks", help="observed flight tracks (ADS-B, GPS): import, match, decide")
    tracks = sp.add_subparsers(dest="action", required=True, metavar="ACTION", help="import, match or decide")
    tp = tracks.add_parser(
        "import", help="import track files (readsb/tar1090 JSON, OpenSky or FR24 CSV, KML, GPX, GeoJSON)"
    )
    tp.add_argument("paths", nargs="+", metavar="PATH", help="track files or folders of them")
    tp.add_argument("--store", help=STORE_HELP)
    tp = tracks.add_parser("match", help="propose observed flights for the stored routes again")
    tp.add_argument("--store", help=STORE_HELP)
    tp = tracks.add_parser("decide", help="accept or reject a proposed match")
    tp.add_argument("flight", help="flight id (trk-...)")
    tp.add_argument("route", help="route feature id")
    tp.add_argument(
        "decision", choices=["accepted", "rejected", "proposed"], help="proposed undoes a decision"
    )
    tp.add_argument("--store", help=STORE_HELP)
    sp.set_defaults(func=cmd_tracks)

    sp = sub.add_parser("serve", help="open the dashboard (http://127.0.0.1:8050 by default)")
    sp.add_argument("--store", help=STORE_HELP)
    sp.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    sp.add_argument("--port", type=_port, default=8050, help="default: %(default)s")
    sp.add_argument(
        "--threads", type=_count, default=8, help="requests served at once (default: %(default)s)"
    )
    sp.add_argument(
        "--online-tiles",
        action="store_true",
        help="use online map tiles (sends map requests to a tile server)",
    )
    sp.add_argument(
        "--debug",
        action="store_true",
        help="Flask's development server with Dash's debug mode (reloads, error pop-ups)",
    )
    sp.add_argument(
        "--user", help="who signs the corrections made (default: $SORTIE_USER, else your user name)"
    )
    sp.set_defaults(func=cmd_serve)

    from sortie.geodata.store.corrections_cli import add_parser as add_corrections_parser

    add_corrections_parser(sub, STORE_HELP, _date)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except SortieError as exc:
        _err(f"error: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`sortie parse ... | head`): not an error of ours. Point stdout at
        # devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        # A fault of the machine rather than of the input: a full disk, a folder without permission.
        where = f"{exc.filename}: " if exc.filename else ""
        _err(f"error: {where}{exc.strerror or exc}")
        return 2
    except (RecursionError, MemoryError) as exc:
        _err(f"error: the input is too large or too deeply nested to process ({type(exc).__name__})")
        return 2
    except Exception as exc:
        # Never a traceback for the user: one line that says what broke, to report.
        _err(f"internal error ({type(exc).__name__}: {exc}); please report it with the command you ran")
        return 2
