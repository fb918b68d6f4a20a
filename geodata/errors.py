"""Every error Sortie raises on purpose, in one catalogue.

Each names the file (or input) and the fault, so a user can act on it without reading a traceback.
"""

from __future__ import annotations


class SortieError(Exception):
    """Base of Sortie's own errors; the CLI prints these without a traceback."""


class FileFault(SortieError):
    """A fault of one named file: `path` and `fault` are kept apart so a caller can show either."""

    def __init__(self, path: str, fault: str) -> None:
        super().__init__(f"{path}: {fault}")
        self.path = path
        self.fault = fault


class InputError(FileFault):
    """An input file cannot be used: missing, binary, empty, undecodable, too large."""


class MetadataError(InputError):
    """A meta.json beside the articles is broken, or one of its values is."""


class GazetteerMissing(SortieError):
    """The gazetteer index file is absent or from another version."""


class StoreError(SortieError):
    """The store file cannot be opened or written."""


class OutputError(FileFault):
    """An export cannot be written: unknown format, missing folder, no permission."""


class TrackFileError(InputError):
    """An observed-track file (ADS-B, GPS export) cannot be read: the fault names the line or record."""
