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


def one_line(message: str) -> str:
    """`message` with its control characters escaped ("\\n" for a line break): a file name may hold
    any character but "/", and an error about it must stay one line a script can read."""
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)
