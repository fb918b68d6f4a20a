"""Writing the SQLite index: the schema, the rows of every table (names, folded variants, codes, country
names, outlines), the identity stamped in `meta`, written atomically.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from sortie.geodata.places.entries import Entry
from sortie.geodata.places.index_file import FORMAT_VERSION, data_digest
from sortie.geodata.places.names import fold, normalize

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT, lon REAL NOT NULL, lat REAL NOT NULL, precision TEXT NOT NULL,
    population INTEGER NOT NULL, admin1 TEXT, source TEXT NOT NULL);
CREATE TABLE names(key TEXT NOT NULL, place INTEGER NOT NULL, surface TEXT NOT NULL, phrase INTEGER NOT NULL);
CREATE TABLE codes(code TEXT NOT NULL, system TEXT NOT NULL, place INTEGER NOT NULL);
CREATE TABLE variants(key TEXT NOT NULL, place INTEGER NOT NULL, surface TEXT NOT NULL);
CREATE TABLE country_names(key TEXT PRIMARY KEY, iso2 TEXT NOT NULL);
CREATE TABLE polygons(iso2 TEXT PRIMARY KEY, wkb BLOB NOT NULL);
"""
_INDEXES = """
CREATE INDEX names_key ON names(key);
CREATE INDEX variants_key ON variants(key);
CREATE INDEX names_phrase ON names(phrase) WHERE phrase = 1;
CREATE INDEX places_kind_country ON places(kind, country);
CREATE UNIQUE INDEX codes_code ON codes(code, system);
"""


def write_index(
    path: str | Path,
    entries: Sequence[Entry],
    country_names: Mapping[str, str],
    polygons: Mapping[str, bytes],
    versions: Mapping[str, str] | None = None,
) -> Path:
    """Write the SQLite index to `path` (atomically: a temporary file renamed at the end)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        db.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    i,
                    p.id,
                    p.name,
                    p.kind,
                    p.country,
                    p.lon,
                    p.lat,
                    p.precision,
                    p.population,
                    p.admin1,
                    p.source,
                )
                for i, p in enumerate((e.place for e in entries), start=1)
            ),
        )
        names = list(_name_rows(entries))
        db.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
        db.executemany("INSERT INTO variants VALUES (?,?,?)", _variant_rows(entries, names))
        codes: dict[tuple[str, str], int] = {}
        for i, e in enumerate(entries, start=1):
            for code, system in e.codes:
                codes.setdefault((code, system), i)  # first holder wins: ICAO table before LID/IATA
        db.executemany("INSERT INTO codes VALUES (?,?,?)", ((c, s, i) for (c, s), i in codes.items()))
        db.executemany("INSERT INTO country_names VALUES (?,?)", country_names.items())
        db.executemany("INSERT INTO polygons VALUES (?,?)", polygons.items())
        meta = {
            "format_version": str(FORMAT_VERSION),
            "data_digest": data_digest(),
            "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "places": str(len(entries)),
            **{f"version:{k}": v for k, v in (versions or {}).items()},
        }
        db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        db.executescript(_INDEXES + "ANALYZE;")
        db.commit()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)  # a half-written index must not linger beside the real one
        raise
    db.close()
    os.replace(tmp, path)
    return path


def _name_rows(entries: Sequence[Entry]) -> Iterator[tuple[str, int, str, int]]:
    for i, e in enumerate(entries, start=1):
        phrases = {normalize(p) for p in e.phrases}
        seen: set[str] = set()
        # Phrases first, so the surface kept for a key is the matcher's form.
        for name in [*e.phrases, *e.names]:
            key = normalize(name)
            if key and key not in seen:
                seen.add(key)
                yield key, i, name, int(key in phrases)


_PINYIN_COUNTRIES = frozenset({"CN"})


def _variant_rows(
    entries: Sequence[Entry], names: Iterable[tuple[str, int, str, int]]
) -> Iterator[tuple[str, int, str]]:
    """(folded key, place rowid, surface): the transliteration-tolerant fallback's table.

    Left out: codes and acronyms ("KMIB", GeoNames' "CFR" for Caen), matched exactly or not at all;
    and China's places, whose names news writes in pinyin, the one romanization (the older ones are
    GeoNames alternate names already), where folding would only merge distinct syllables (q/k, x/s).
    """
    seen: set[tuple[str, int]] = set()
    for key, i, surface, _phrase in names:
        entry = entries[i - 1]
        if entry.place.country in _PINYIN_COUNTRIES or (surface.isupper() and len(surface) <= 5):
            continue
        folded = fold(key)
        if folded and (folded, i) not in seen:
            seen.add((folded, i))
            yield folded, i, surface
