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

from geodata.errors import SortieError


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


def _err(message: str) -> None:
    print(f"sortie: {message}", file=sys.stderr)


def cmd_parse(args: argparse.Namespace) -> int:
    from geodata.output import parsed_json
    from geodata.pipeline import parse_paths

    good = bad = 0
    for item in parse_paths(args.paths, args.published):
        if isinstance(item, SortieError):
            _err(f"error: {item}")
            bad += 1
            continue
        good += 1
        for note in item.article.notes:
            _err(f"note: {item.article.doc}: {note}")
        print(json.dumps(parsed_json(item), ensure_ascii=False), flush=True)
    # 1 when the bad files were some of them; 2 when none could be parsed (see the module docstring).
    return 0 if not bad else 1 if good else 2


def cmd_eval(args: argparse.Namespace) -> int:
    import importlib

    # Both modules offer evaluate(corpus, limit=) and format_report(report).
    scorer = importlib.import_module(f"geodata.eval_{args.task}")
    report = scorer.evaluate(args.corpus, limit=args.limit)
    print(json.dumps(report) if args.json else scorer.format_report(report))
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from geodata.build import build_gazetteer

    path = build_gazetteer(args.output)
    print(f"gazetteer written to {path}")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from geodata.ingest import ingest_paths

    return ingest_paths(args.paths, store=args.store, published=args.published)


def cmd_export(args: argparse.Namespace) -> int:
    from geodata.export import export_cli

    return export_cli(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from dashboard.app import serve

    serve(store=args.store, host=args.host, port=args.port, online_tiles=args.online_tiles, debug=args.debug)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="sortie",
        description="Turn news articles about military flights and movements into a cited, time-aware map.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sp = sub.add_parser("parse", help="print the places and times found in articles, as JSON Lines")
    sp.add_argument("paths", nargs="+", metavar="PATH", help=".txt files or folders of them")
    sp.add_argument("--published", type=_date, help="publication date for all files (overrides meta.json)")
    sp.set_defaults(func=cmd_parse)

    sp = sub.add_parser("eval", help="score the pipeline on a gold corpus")
    sp.add_argument("task", choices=["geoparse", "timex"])
    sp.add_argument("corpus", help="JSON Lines gold corpus (TR-News or TimeBank format)")
    sp.add_argument("--limit", type=_count, help="score only the first N articles")
    sp.add_argument("--json", action="store_true", help="print the figures as JSON")
    sp.set_defaults(func=cmd_eval)

    sp = sub.add_parser("gazetteer", help="build the offline gazetteer index from installed packages")
    sp.add_argument("action", choices=["build"])
    sp.add_argument("-o", "--output", help="where to write it (default: the user cache folder)")
    sp.set_defaults(func=cmd_gazetteer)

    sp = sub.add_parser("ingest", help="add articles to the store (re-ingesting is safe)")
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--store", help="store file (default: $SORTIE_STORE or the user data folder)")
    sp.add_argument("--published", type=_date)
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("export", help="write the map's features as GeoJSON, GeoPackage or CSV")
    sp.add_argument("--store")
    sp.add_argument("--format", choices=["geojson", "gpkg", "csv"], default="geojson")
    sp.add_argument("-o", "--output", help="output file (default: stdout for geojson and csv)")
    sp.add_argument(
        "--layer",
        action="append",
        choices=["places", "routes", "events"],
        help="only this layer (repeatable)",
    )
    sp.add_argument("--start", type=_date, help="only features that overlap this date or later")
    sp.add_argument("--end", type=_date, help="only features that overlap this date or earlier")
    sp.add_argument("--undated", choices=["include", "exclude"], default="include")
    sp.set_defaults(func=cmd_export)

    sp = sub.add_parser("serve", help="open the dashboard (http://127.0.0.1:8050 by default)")
    sp.add_argument("--store")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=8050)
    sp.add_argument(
        "--online-tiles",
        action="store_true",
        help="use online map tiles (sends map requests to a tile server)",
    )
    sp.add_argument("--debug", action="store_true")
    sp.set_defaults(func=cmd_serve)
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


if __name__ == "__main__":
    sys.exit(main())
