"""`sortie corrections`: list, make, undo and export the analysts' corrections of a store."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from typing import Any

from sortie.geodata.errors import SortieError
from sortie.geodata.store.corrections import (
    Correction,
    CorrectionError,
    default_user,
    mark_wrong,
    move,
    redate,
)

LOG_FIELDS = (
    "id",
    "layer",
    "feature_id",
    "kind",
    "field",
    "old",
    "new",
    "who",
    "at",
    "undone_at",
    "undone_by",
)


def log_csv(corrections: list[Correction]) -> str:
    """The corrections log as CSV (old and new values as JSON text)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, LOG_FIELDS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for c in corrections:
        row = c.as_json()
        row["old"] = json.dumps(row["old"], ensure_ascii=False, sort_keys=True)
        row["new"] = json.dumps(row["new"], ensure_ascii=False, sort_keys=True)
        writer.writerow(row)
    return buf.getvalue()


def log_json(corrections: list[Correction]) -> str:
    return (
        json.dumps({"corrections": [c.as_json() for c in corrections]}, ensure_ascii=False, indent=1) + "\n"
    )


def _line(c: Correction) -> str:
    state = f"  [undone by {c.undone_by} at {c.undone_at}]" if not c.active else ""
    return f"{c.id:>4}  {c.made_at}  {c.who}  {c.feature_id}: {c.summary()}{state}"


def _feature(store: Any, feature_id: str) -> Any:
    found = next((f for f in store.features(wrong=True) if f.id == feature_id), None)
    if found is None:
        raise CorrectionError(f"no feature {feature_id!r} in {store.location} (ids are in `sortie export`)")
    return found


def corrections_cli(args: argparse.Namespace) -> int:
    from sortie.geodata.store import open_store

    store = open_store(args.store, must_exist=True)
    who = getattr(args, "user", None) or default_user()
    action = args.action
    if action == "list":
        items = store.corrections(include_undone=args.all)
        if args.json:
            sys.stdout.write(log_json(items))
        elif not items:
            print("no corrections" + ("" if args.all else " in force (--all lists undone ones too)"))
        for c in items if not args.json else ():
            print(_line(c))
        return 0
    if action == "export":
        items = store.corrections(include_undone=True)
        text = log_csv(items) if args.format == "csv" else log_json(items)
        if args.output in (None, "-"):
            sys.stdout.write(text)
        else:
            from pathlib import Path

            from sortie.geodata.store.export import _atomic

            def to_file(tmp: Path) -> None:
                tmp.write_text(text, encoding="utf-8")

            _atomic(Path(args.output), to_file)
            print(f"sortie: wrote {len(items)} corrections to {args.output}", file=sys.stderr)
        return 0
    if action == "undo":
        undone = store.undo_correction(args.id, who)
        print(f"undone: {_line(undone)}")
        return 0
    feature = _feature(store, args.feature)
    if action == "move":
        from sortie.geodata.places.gazetteer import open_gazetteer

        place = open_gazetteer().get(args.place)
        if place is None:
            raise CorrectionError(f"no place {args.place!r} in the gazetteer (ids look like geonames:98182)")
        change = move(feature, place, args.end)
    elif action == "wrong":
        change = mark_wrong(feature)
    elif action == "date":
        change = redate(feature, args.start, args.end, args.precision)
    else:  # argparse allows no other
        raise SortieError(f"unknown action {action!r}")
    made = store.add_correction(change, who)
    print(f"stored: {_line(made)}")
    return 0


def add_parser(sub: Any, store_help: str, date: Any) -> None:
    """The `corrections` subcommand and its actions (called by the CLI's parser builder)."""
    from sortie.geodata.records import TIME_PRECISIONS

    sp = sub.add_parser("corrections", help="list, make, undo or export analysts' corrections")
    actions = sp.add_subparsers(
        dest="action", required=True, metavar="ACTION", help="list, undo, export, move, wrong or date"
    )
    user_help = "who makes it (default: $SORTIE_USER, else your user name)"

    ap = actions.add_parser("list", help="the corrections in force (with --all, undone ones too)")
    ap.add_argument("--all", action="store_true", help="also the undone corrections")
    ap.add_argument("--json", action="store_true", help="as JSON")
    ap.add_argument("--store", help=store_help)

    ap = actions.add_parser("undo", help="undo a correction (it stays in the log, stamped undone)")
    ap.add_argument("id", type=int, help="the correction's number (from `sortie corrections list`)")
    ap.add_argument("--user", help=user_help)
    ap.add_argument("--store", help=store_help)

    ap = actions.add_parser("export", help="write the whole corrections log (undone ones too)")
    ap.add_argument("--format", choices=["json", "csv"], default="json", help="default: %(default)s")
    ap.add_argument("-o", "--output", help="output file (default: stdout)")
    ap.add_argument("--store", help=store_help)

    ap = actions.add_parser(
        "move", help="move a place, or an event's place or a route's end, to another place"
    )
    ap.add_argument("feature", help="feature id (e.g. places:geonames:98182, route-...)")
    ap.add_argument("place", help="gazetteer id of the right place (e.g. geonames:4710178)")
    ap.add_argument("--end", choices=["origin", "destination"], help="which end of a route")
    ap.add_argument("--user", help=user_help)
    ap.add_argument("--store", help=store_help)

    ap = actions.add_parser("wrong", help="mark a feature wrong (hidden from the map and export)")
    ap.add_argument("feature", help="feature id")
    ap.add_argument("--user", help=user_help)
    ap.add_argument("--store", help=store_help)

    ap = actions.add_parser("date", help="fix an event's or route's dates")
    ap.add_argument("feature", help="feature id")
    ap.add_argument("--start", type=date, help="first day YYYY-MM-DD")
    ap.add_argument("--end", type=date, help="last day YYYY-MM-DD (default: the start)")
    ap.add_argument("--precision", choices=TIME_PRECISIONS, default="day", help="default: %(default)s")
    ap.add_argument("--user", help=user_help)
    ap.add_argument("--store", help=store_help)
    sp.set_defaults(func=corrections_cli)
