"""The gazetteer index file's identity: its format version, where it lives by default, and the
fingerprint of what it is built from. The writer stamps them into the file and the reader checks them,
so both import them from here (and neither imports the other at load time).
"""

from __future__ import annotations

import os
from pathlib import Path

# Bump when the schema or the meaning of a column changes; an index of another version is refused.
FORMAT_VERSION = 2  # 2: the "variants" table of folded keys (transliteration-tolerant fallback)

# Every module of this package whose code decides what the index holds: the builder's, and the name
# keys it writes (`normalize`, `fold`). tests/test_build.py checks the list against the builder's imports.
BUILDER_MODULES = (
    "build.py", "sources.py", "entries.py", "geonames.py", "divisions.py", "airports.py", "curated.py",
    "writer.py", "names.py",
)  # fmt: skip
# The curated files under geodata/data/ that the builder reads.
CURATED_FILES = ("places.csv", "country_names.csv", "geonames_points.csv", "ap_abbreviations.csv")


def default_path() -> Path:
    """Where the index lives when no path is given: $SORTIE_GAZETTEER, else the user cache folder."""
    env = os.environ.get("SORTIE_GAZETTEER")
    if env:
        return Path(env).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "sortie" / f"gazetteer-{FORMAT_VERSION}.sqlite"


def data_digest() -> str:
    """A fingerprint of what an index is built from in this repository: the builder and curated files.

    Stored in the index; a default index with another fingerprint is rebuilt, so an edit to the
    curated places reaches every user without a manual step. (Package upgrades need
    `sortie gazetteer build`.)
    """
    import hashlib

    here = Path(__file__).parent
    data = here.parent / "data"
    h = hashlib.sha256(str(FORMAT_VERSION).encode())
    for path in (*(here / name for name in BUILDER_MODULES), *(data / name for name in CURATED_FILES)):
        h.update(path.read_bytes() if path.is_file() else b"")
    return h.hexdigest()[:16]
