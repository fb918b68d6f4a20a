"""The store: the GeoPackage on disk, its layer tables, ingest into it and export out of it.

A store is a GeoPackage file (`geopackage.Store`, the default) or a PostgreSQL database with
PostGIS (`postgis.PostgisStore`), chosen by its location: `open_store("postgresql://...")`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sortie.geodata.store.geopackage import Store

if TYPE_CHECKING:
    from sortie.geodata.store.postgis import PostgisStore

__all__ = ["Store", "is_url", "open_store", "store_location"]

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(location: object) -> bool:
    """True when `location` names a PostgreSQL database (postgresql://...) rather than a file."""
    return isinstance(location, str) and location.startswith(URL_SCHEMES)


def store_location(location: str | os.PathLike[str] | None) -> str | os.PathLike[str] | None:
    """`location`, else $SORTIE_STORE (a file or a URL), else None (the default file)."""
    return location or os.environ.get("SORTIE_STORE") or None


def open_store(
    location: str | os.PathLike[str] | None = None, *, must_exist: bool = False
) -> Store | PostgisStore:
    """The store at `location`: a PostgreSQL URL or a GeoPackage file; None: $SORTIE_STORE, else the
    default file."""
    found = store_location(location)
    if is_url(found):
        from sortie.geodata.store.postgis import PostgisStore

        assert isinstance(found, str)
        return PostgisStore(found, must_exist=must_exist)
    return Store(found, must_exist=must_exist)
