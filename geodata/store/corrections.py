"""Analysts' corrections: kept in the store beside the machine's layers, applied when features are read.

The layers stay the machine's answer (derived data, rebuilt from the articles at will); a correction is
a row of the `corrections` table (a GeoPackage attributes table, so QGIS lists it too) that says what
an analyst changed, from what, to what, who and when. Re-ingesting articles or rebuilding the layers
never touches it, and every read of the features (`Store.features`, so the dashboard and `sortie
export`) applies the corrections still in force, in the order they were made.

Which feature a correction belongs to (the identity rule, tested in tests/test_corrections.py):

- a place: its feature id, `places:<gazetteer id>`, the key the store merges a place's mentions on.
  It is the same whatever articles are ingested, in what order, or how often, so a correction of a
  place also holds for the articles that name it later (they resolved to the same gazetteer entry);
- an event or route: the feature whose cited sentences (article, sentence text) share the most with
  the sentences the feature cited when it was corrected, among features of the same layer; when no
  feature cites any of them any more (the articles were edited or removed), the feature that has the
  id the corrected one had. An event or route id hashes its kind, ends and first date, so a new
  article dating it more exactly changes the id; its sentences stay. A correction applies to at most
  one feature.

Kinds: `place` (a place feature moved to another gazetteer entry), `end` (an event's place, or a
route's origin or destination, moved: field `place`, `origin` or `destination`), `date` (start, end
and precision of an event or route) and `wrong` (the feature is hidden from the map and the export
unless corrected-away features are asked for). Undoing keeps the row and stamps it undone.

The SQL is plain (one table, INSERT/SELECT/UPDATE by key) so other Store implementations can port it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sortie.geodata.errors import SortieError
from sortie.geodata.records import GEO_PRECISIONS, TIME_PRECISIONS, Feature, Place

KINDS = ("place", "end", "date", "wrong")
END_FIELDS = {"events": ("place",), "routes": ("origin", "destination")}
USER_ENV = "SORTIE_USER"

SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (fid INTEGER PRIMARY KEY AUTOINCREMENT,
  layer TEXT NOT NULL, feature_id TEXT NOT NULL, anchor TEXT NOT NULL, kind TEXT NOT NULL,
  field TEXT, old_value TEXT NOT NULL, new_value TEXT NOT NULL, who TEXT NOT NULL,
  made_at DATETIME NOT NULL, undone_at DATETIME, undone_by TEXT);
CREATE INDEX IF NOT EXISTS corrections_feature ON corrections (feature_id)
"""
COLUMNS = (
    "fid, layer, feature_id, anchor, kind, field, old_value, new_value, who, made_at, undone_at, undone_by"
)


class CorrectionError(SortieError):
    """A correction that cannot be made (unknown feature, a date that is not a date, ...)."""


@dataclass(frozen=True)
class Correction:
    """One analyst's change to one feature, as stored."""

    id: int
    layer: str
    feature_id: str  # the feature's id when it was corrected
    anchor: tuple[tuple[str, str], ...]  # its cited sentences then: (doc, sentence text)
    kind: str  # one of KINDS
    field: str | None  # for `end`: place, origin or destination
    old: dict[str, Any]  # the value before (the machine's, or an earlier correction's)
    new: dict[str, Any]
    who: str
    made_at: str  # UTC, ISO 8601 with a Z
    undone_at: str | None = None
    undone_by: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"correction {self.id}: unknown kind {self.kind!r}")

    @property
    def active(self) -> bool:
        return self.undone_at is None

    def summary(self) -> str:
        """One line in words, for `sortie corrections list` and the dashboard."""
        if self.kind in ("place", "end"):
            where = f"{self.field} " if self.kind == "end" else ""
            return f"{where}moved from {_place_words(self.old)} to {_place_words(self.new)}"
        if self.kind == "date":
            return f"date changed from {_date_words(self.old)} to {_date_words(self.new)}"
        return "marked wrong"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "layer": self.layer,
            "feature_id": self.feature_id,
            "kind": self.kind,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "who": self.who,
            "at": self.made_at,
            "undone_at": self.undone_at,
            "undone_by": self.undone_by,
            "anchor": [list(a) for a in self.anchor],
        }


def _place_words(value: Mapping[str, Any]) -> str:
    # The division tells namesakes apart: "Washington (city, Utah, US)".
    bits = [str(x) for x in (value.get("kind"), value.get("admin1"), value.get("country")) if x]
    return f"{value.get('name')} ({', '.join(bits)})" if bits else str(value.get("name"))


def _date_words(value: Mapping[str, Any]) -> str:
    start, end, precision = value.get("start"), value.get("end"), value.get("time_precision")
    if not start and not end:
        return "undated"
    text = start if start == end or not end else f"{start} – {end}"
    return f"{text} ({precision})" if precision else str(text)


def default_user() -> str:
    """Who makes a correction: $SORTIE_USER, else the name the operating system gives the user."""
    name = os.environ.get(USER_ENV, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (some containers)
        return f"uid {os.getuid()}"


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


# -- the table -----------------------------------------------------------------------------------


# The same table in PostgreSQL (`sortie.geodata.store.postgis`): an identity column for the id.
POSTGRES_SCHEMA = SCHEMA.replace(
    "fid INTEGER PRIMARY KEY AUTOINCREMENT", "fid BIGSERIAL PRIMARY KEY"
).replace("DATETIME", "TEXT")


def _postgres(con: Any) -> bool:
    """A PostGIS store's connection (it says so), else the GeoPackage's sqlite3 one."""
    return getattr(con, "dialect", "sqlite") == "postgresql"


def ensure_table(con: Any) -> None:
    """Create the table (and register it with the GeoPackage) on the first correction."""
    from sortie.geodata.store import gpkg

    for stmt in (POSTGRES_SCHEMA if _postgres(con) else SCHEMA).split(";"):
        if stmt.strip():
            con.execute(stmt)
    if _postgres(con):
        return
    if not con.execute("SELECT 1 FROM gpkg_contents WHERE table_name = 'corrections'").fetchone():
        gpkg.register_attributes(con, "corrections", "analysts' corrections of the features (who, when)")


def has_table(con: Any) -> bool:
    if con is None:
        return False
    if _postgres(con):
        return con.execute("SELECT to_regclass('corrections')").fetchone()[0] is not None
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corrections'"
    return con.execute(sql).fetchone() is not None


def insert(con: Any, change: Change, who: str, made_at: str | None = None) -> int:
    """Store `change`; its id."""
    ensure_table(con)
    sql = (
        "INSERT INTO corrections (layer, feature_id, anchor, kind, field, old_value, new_value, who, made_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    values = (
        change.layer,
        change.feature_id,
        _dumps([list(a) for a in change.anchor]),
        change.kind,
        change.field,
        _dumps(change.old),
        _dumps(change.new),
        who,
        made_at or utc_now(),
    )
    if _postgres(con):
        return int(con.execute(sql + " RETURNING fid", values).fetchone()[0])
    return int(con.execute(sql, values).lastrowid or 0)


def select(con: Any, *, include_undone: bool = True) -> list[Correction]:
    """Every correction, oldest first."""
    if not has_table(con):
        return []
    assert con is not None
    where = "" if include_undone else " WHERE undone_at IS NULL"
    rows = con.execute(f"SELECT {COLUMNS} FROM corrections{where} ORDER BY fid").fetchall()
    return [_from_row(r) for r in rows]


def mark_undone(con: Any, correction_id: int, who: str) -> Correction:
    """Stamp a correction undone (the row stays in the log); CorrectionError if there is none to undo."""
    if not has_table(con):
        raise CorrectionError(f"no correction {correction_id}: this store has no corrections")
    row = con.execute(f"SELECT {COLUMNS} FROM corrections WHERE fid = ?", (correction_id,)).fetchone()
    if row is None:
        raise CorrectionError(f"no correction {correction_id} (see `sortie corrections list`)")
    found = _from_row(row)
    if not found.active:
        raise CorrectionError(f"correction {correction_id} was already undone by {found.undone_by}")
    now = utc_now()
    con.execute(
        "UPDATE corrections SET undone_at = ?, undone_by = ? WHERE fid = ?", (now, who, correction_id)
    )
    return dataclasses.replace(found, undone_at=now, undone_by=who)


def _from_row(row: Sequence[Any]) -> Correction:
    fid, layer, feature_id, anchor, kind, field, old, new, who, made_at, undone_at, undone_by = row
    return Correction(
        int(fid),
        layer,
        feature_id,
        tuple((str(d), str(s)) for d, s in json.loads(anchor)),
        kind,
        field,
        json.loads(old),
        json.loads(new),
        who,
        made_at,
        undone_at,
        undone_by,
    )


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


# -- proposed changes (validated before they are stored) ---------------------------------------


@dataclass(frozen=True)
class Change:
    """A correction before it is stored: what to change on which feature, from what, to what."""

    layer: str
    feature_id: str
    anchor: tuple[tuple[str, str], ...]
    kind: str
    field: str | None
    old: dict[str, Any]
    new: dict[str, Any]


def anchor_of(feature: Feature) -> tuple[tuple[str, str], ...]:
    return tuple(dict.fromkeys((c.doc, c.sentence) for c in feature.citations))


def place_json(place: Place) -> dict[str, Any]:
    return {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "country": place.country,
        "admin1": place.admin1,
        "lon": place.lon,
        "lat": place.lat,
        "geo_precision": place.precision,
    }


def current_place(feature: Feature, field: str | None = None) -> dict[str, Any]:
    """Where a place feature, or an event's place or a route's end (`field`), stands now."""
    props = feature.properties
    coords = _end_coords(feature, field)
    if feature.layer == "places" or field is None:
        return {
            "id": props.get("place_id") or feature.id.removeprefix("places:"),
            "name": feature.name,
            "kind": feature.kind,
            "country": feature.country,
            "admin1": props.get("admin1"),
            "lon": coords[0] if coords else None,
            "lat": coords[1] if coords else None,
            "geo_precision": feature.geo_precision,
        }
    if feature.layer == "events":
        return {
            "id": props.get("place_id"),
            "name": props.get("place_name"),
            "country": feature.country,
            "lon": coords[0] if coords else None,
            "lat": coords[1] if coords else None,
            "geo_precision": feature.geo_precision,
        }
    return {
        "id": props.get(f"{field}_id"),
        "name": props.get(f"{field}_name"),
        "lon": coords[0] if coords else None,
        "lat": coords[1] if coords else None,
        "geo_precision": props.get(f"{field}_precision"),
    }


def move(feature: Feature, place: Place, field: str | None = None) -> Change:
    """Move a place feature (field None), or an event's place or a route's end, to `place`."""
    if feature.layer == "places":
        if field not in (None, "place"):
            raise CorrectionError(f"{feature.id}: a place has no {field!r} to move")
        return Change(
            "places", feature.id, anchor_of(feature), "place", None, current_place(feature), place_json(place)
        )
    allowed = END_FIELDS.get(feature.layer, ())
    field = field or (allowed[0] if len(allowed) == 1 else None)
    if field not in allowed:
        raise CorrectionError(
            f"{feature.id}: say which end to move ({' or '.join(allowed) or 'none: not an event or route'})"
        )
    old = current_place(feature, field)
    return Change(feature.layer, feature.id, anchor_of(feature), "end", field, old, place_json(place))


def redate(feature: Feature, start: dt.date | None, end: dt.date | None, precision: str | None) -> Change:
    """Give an event or route the dates an analyst read (either end may be left open)."""
    if feature.layer not in ("events", "routes"):
        raise CorrectionError(f"{feature.id}: only events and routes have dates to fix (a place has none)")
    if start is None and end is None:
        raise CorrectionError(f"{feature.id}: give a start or an end date")
    if start and end and start > end:
        raise CorrectionError(f"{feature.id}: the start {start} is after the end {end}")
    if precision is not None and precision not in TIME_PRECISIONS:
        raise CorrectionError(f"unknown date precision {precision!r} (one of {', '.join(TIME_PRECISIONS)})")
    old = {
        "start": _iso(feature.start),
        "end": _iso(feature.end),
        "time_precision": feature.time_precision,
    }
    first, last = start or end, end or start
    new = {"start": _iso(first), "end": _iso(last), "time_precision": precision}
    return Change(feature.layer, feature.id, anchor_of(feature), "date", None, old, new)


def mark_wrong(feature: Feature) -> Change:
    return Change(
        feature.layer, feature.id, anchor_of(feature), "wrong", None, {"wrong": False}, {"wrong": True}
    )


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


# -- applying ------------------------------------------------------------------------------------


def targets(features: Sequence[Feature], corrections: Iterable[Correction]) -> dict[int, int]:
    """Correction id -> index in `features` of the feature it applies to (the identity rule above)."""
    by_id = {f.id: i for i, f in enumerate(features)}
    by_sentence: dict[tuple[str, str, str], list[int]] = {}
    for i, f in enumerate(features):
        if f.layer != "places":
            for key in anchor_of(f):
                by_sentence.setdefault((f.layer, *key), []).append(i)
    out: dict[int, int] = {}
    for c in corrections:
        if c.layer == "places":
            found = by_id.get(c.feature_id)
        else:
            votes: dict[int, int] = {}
            for key in c.anchor:
                for i in by_sentence.get((c.layer, *key), ()):
                    votes[i] = votes.get(i, 0) + 1
            same = by_id.get(c.feature_id)
            # Most shared sentences; on a tie, the feature with the old id; then the first.
            found = (
                max(votes, key=lambda i: (votes[i], i == same, -i))
                if votes
                else (same if same is not None and features[same].layer == c.layer else None)
            )
        if found is not None:
            out[c.id] = found
    return out


def apply_corrections(
    features: Sequence[Feature],
    corrections: Iterable[Correction],
    *,
    places: Mapping[str, Feature] | None = None,
    show_wrong: bool = False,
) -> list[Feature]:
    """The features as corrected: the machine's values replaced, each changed feature saying so.

    A corrected feature's properties gain `corrected` (true), `corrected_by` and `corrected_at` (of the
    latest correction), `corrections` (each: id, kind, field, who, at, old, new) and `machine` (the
    machine's values of every field a correction changed). A feature marked wrong is left out, or with
    `show_wrong` kept with `wrong: true`. `places` (place features by id) gives a route's waypoints
    their positions when one of its ends is moved.
    """
    items = list(features)
    active = [c for c in corrections if c.active]
    where = targets(items, active)
    if not where:
        return items
    by_feature: dict[int, list[Correction]] = {}
    for c in active:
        if c.id in where:
            by_feature.setdefault(where[c.id], []).append(c)
    lookup = places if places is not None else {f.id: f for f in items if f.layer == "places"}
    out: list[Feature] = []
    for i, f in enumerate(items):
        mine = by_feature.get(i)
        if mine:
            f = corrected(f, mine, lookup)
            if f.properties.get("wrong") and not show_wrong:
                continue
        out.append(f)
    return out


def corrected(feature: Feature, corrections: Sequence[Correction], places: Mapping[str, Feature]) -> Feature:
    """One feature with `corrections` (its own, oldest first) applied."""
    f = feature
    machine: dict[str, Any] = {}
    for c in corrections:
        if c.kind == "place":
            f = _move_place(f, c.new, machine)
        elif c.kind == "end" and c.field:
            f = _move_end(f, c.field, c.new, machine, places)
        elif c.kind == "date":
            f = _redate(f, c.new, machine)
        elif c.kind == "wrong":
            f = dataclasses.replace(f, properties={**f.properties, "wrong": True})
    last = corrections[-1]
    props = {
        **f.properties,
        "corrected": True,
        "corrected_by": last.who,
        "corrected_at": last.made_at,
        "corrections": [
            {k: c.as_json()[k] for k in ("id", "kind", "field", "who", "at", "old", "new")}
            for c in corrections
        ],
        "machine": machine,
    }
    return dataclasses.replace(f, properties=props)


def _keep(machine: dict[str, Any], f: Feature, *names: str) -> None:
    """Remember the machine's value of each field the first time a correction changes it."""
    for name in names:
        if name in machine:
            continue
        if name in ("name", "kind", "country", "geo_precision", "time_precision", "geometry"):
            machine[name] = getattr(f, name)
        elif name in ("start", "end"):
            machine[name] = _iso(getattr(f, name))
        else:
            machine[name] = f.properties.get(name)


def _point(value: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [float(value["lon"]), float(value["lat"])]}


def _move_place(f: Feature, new: Mapping[str, Any], machine: dict[str, Any]) -> Feature:
    _keep(machine, f, "name", "kind", "country", "geo_precision", "geometry", "place_id", "admin1")
    props = {**f.properties, "place_id": new["id"], "admin1": new.get("admin1")}
    return dataclasses.replace(
        f,
        name=new["name"],
        kind=new["kind"],
        country=new.get("country"),
        geo_precision=new["geo_precision"],
        geometry=_point(new),
        properties=props,
    )


def _end_coords(f: Feature, field: str | None) -> tuple[float, float] | None:
    geometry = f.geometry
    coords: Any = geometry.get("coordinates") or []
    if geometry.get("type") == "Point":
        return float(coords[0]), float(coords[1])
    lines = [coords] if geometry.get("type") == "LineString" else coords
    if not lines:
        return None
    lon, lat = lines[0][0] if field == "origin" else lines[-1][-1]
    return float(lon), float(lat)


def _as_place(value: Mapping[str, Any]) -> Place:
    precision = value.get("geo_precision")
    return Place(
        str(value.get("id") or "?"),
        str(value.get("name") or "?"),
        str(value.get("kind") or "place"),
        value.get("country"),
        float(value["lon"]),
        float(value["lat"]),
        precision if precision in GEO_PRECISIONS else "point",
    )


def _move_end(
    f: Feature, field: str, new: Mapping[str, Any], machine: dict[str, Any], places: Mapping[str, Feature]
) -> Feature:
    old_name = f.properties.get("place_name") if f.layer == "events" else f.properties.get(f"{field}_name")
    name = f.name.replace(str(old_name), str(new["name"])) if old_name else f.name
    if f.layer == "events":
        _keep(machine, f, "name", "country", "geo_precision", "geometry", "place_id", "place_name")
        props = {
            **f.properties,
            "place_id": new["id"],
            "place_name": new["name"],
            "lon": new["lon"],
            "lat": new["lat"],
        }
        return dataclasses.replace(
            f,
            name=name,
            country=new.get("country"),
            geo_precision=new["geo_precision"],
            geometry=_point(new),
            properties=props,
        )
    from sortie.geodata.geometry import route_geometry

    other = "destination" if field == "origin" else "origin"
    _keep(machine, f, "name", "country", "geo_precision", f"{field}_id", f"{field}_name")
    here = _as_place(new)
    other_value = current_place(f, other)
    if not other_value.get("geo_precision"):
        end_place = places.get(f"places:{other_value.get('id')}")
        other_value["geo_precision"] = end_place.geo_precision if end_place else f.geo_precision
    there = _as_place(other_value)
    waypoints = []
    stops: Any = f.properties.get("waypoints") or []
    for w in stops:
        wp = places.get(f"places:{w.get('id')}") if isinstance(w, dict) else None
        coords = _end_coords(wp, None) if wp else None
        if coords:
            waypoints.append(Place(str(w["id"]), str(w.get("name")), "place", None, *coords, "point"))
    origin, destination = (here, there) if field == "origin" else (there, here)
    geometry, length = route_geometry(origin, destination, waypoints)
    props = {
        **f.properties,
        f"{field}_id": new["id"],
        f"{field}_name": new["name"],
        f"{field}_precision": here.precision,
        f"{other}_precision": there.precision,
        "length_km": round(length, 1),
    }
    return dataclasses.replace(
        f,
        name=name,
        geometry=geometry,
        country=destination.country,
        geo_precision=max((origin.precision, destination.precision), key=GEO_PRECISIONS.index),
        properties=props,
    )


def _redate(f: Feature, new: Mapping[str, Any], machine: dict[str, Any]) -> Feature:
    _keep(machine, f, "start", "end", "time_precision", "time_basis")
    start, end = new.get("start"), new.get("end")
    return dataclasses.replace(
        f,
        start=dt.date.fromisoformat(start) if start else None,
        end=dt.date.fromisoformat(end) if end else None,
        time_precision=new.get("time_precision"),
        properties={**f.properties, "time_basis": "corrected"},
    )


# -- on a store --------------------------------------------------------------------------------


class CorrectedStore:
    """What a store (GeoPackage or PostGIS) offers over its corrections, from four of its own:
    `_features(layers)` and `_feature(id)` (the machine's answer), `_read()` and `_write()`."""

    def _features(self, layers: Iterable[str] | None = None) -> list[Feature]:
        raise NotImplementedError

    def _feature(self, feature_id: str) -> Feature | None:
        raise NotImplementedError

    def _read(self) -> Any:
        raise NotImplementedError

    def _write(self) -> Any:
        raise NotImplementedError

    def features(
        self, layers: Iterable[str] | None = None, *, corrected: bool = True, wrong: bool = False
    ) -> list[Feature]:
        """The map's features, layer by layer (places, routes, events), each sorted by id.

        With the analysts' corrections applied (`corrected`), features marked wrong left out unless
        `wrong`; `corrected=False` gives the machine's answer.
        """
        wanted_layers = None if layers is None else list(layers)
        raw = self._features(wanted_layers)
        active = self.corrections(include_undone=False) if corrected else []
        if not active:
            return raw
        places = None
        # A route's waypoints are placed from the places layer when one of its ends is moved.
        moved_ends = any(c.kind == "end" and c.layer == "routes" for c in active)
        if moved_ends and wanted_layers is not None and "places" not in wanted_layers:
            places = {f.id: f for f in self._features(["places"])}
        return apply_corrections(raw, active, places=places, show_wrong=wrong)

    def feature(self, feature_id: str, *, corrected: bool = True) -> Feature | None:
        """One feature by id (corrected, as `features` gives it; a feature marked wrong too), or None."""
        found = self._feature(feature_id)
        if found is None or not corrected:
            return found
        if not any(c.layer == found.layer for c in self.corrections(include_undone=False)):
            return found
        # Which correction is this feature's is decided among its layer's features (the identity rule).
        layer = self.features([found.layer], wrong=True)
        return next((f for f in layer if f.id == feature_id), found)

    def add_correction(self, change: Change, who: str | None = None) -> Correction:
        """Store an analyst's correction (`who`: default $SORTIE_USER, else the OS user name)."""
        with self._write() as con:
            new_id = insert(con, change, who or default_user())
            (made,) = [c for c in select(con) if c.id == new_id]
        return made

    def corrections(self, *, include_undone: bool = True) -> list[Correction]:
        """Every correction, oldest first (with `include_undone=False`, only those in force)."""
        with self._read() as con:
            return select(con, include_undone=include_undone)

    def undo_correction(self, correction_id: int, who: str | None = None) -> Correction:
        """Undo a correction: the row stays in the log, stamped with who undid it and when."""
        with self._write() as con:
            return mark_undone(con, correction_id, who or default_user())
