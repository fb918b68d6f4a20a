"""Composition root: article -> sentences -> toponyms and times (and, for ingest, events and routes).

The stages live in their own modules; this one only wires them, so each stage stays testable alone.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from sortie.geodata.articles import load_articles
from sortie.geodata.errors import InputError
from sortie.geodata.records import Article, ParsedArticle, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from sortie.geodata.places.gazetteer import Gazetteer


def sentences_of(doc: Doc, text: str | None = None) -> tuple[Sentence, ...]:
    """Sentences with offsets into the article text, trimmed of surrounding whitespace.

    `text` is the article text the Doc was parsed from, when the caller has it: slicing it is far
    cheaper than spaCy's `Span.text`, which joins the tokens anew at every access.
    """
    text = doc.text if text is None else text
    out: list[Sentence] = []
    for sent in doc.sents:
        start_char = sent.start_char
        chunk = text[start_char : sent.end_char]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if not body:
            continue
        start = start_char + lead
        out.append(Sentence(len(out), start, start + len(body), body))
    return tuple(out)


def analyse(article: Article, doc: Doc, gazetteer: Gazetteer, *, demonyms: bool = True) -> ParsedArticle:
    """Run the place and time stages on one article whose text spaCy has already parsed.

    `demonyms`: whether an adjectival demonym ("Iraqi bases") is a mention of its country (see
    `sortie.geodata.places.recognize.recognize`).
    """
    from sortie.geodata.places.recognize import recognize
    from sortie.geodata.places.resolve import resolve
    from sortie.geodata.timex import find_times

    sentences = sentences_of(doc, article.text)
    mentions = recognize(doc, sentences, gazetteer, text=article.text, demonyms=demonyms)
    toponyms = resolve(mentions, sentences, article.text, gazetteer)
    times = find_times(article.text, sentences, article.published)
    return ParsedArticle(article, sentences, tuple(toponyms), tuple(times))


def parse_docs(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    gazetteer: Gazetteer | None = None,
    batch_size: int = 16,
    demonyms: bool = True,
) -> Iterator[tuple[ParsedArticle, Doc]]:
    """Parse articles in batches with spaCy's `nlp.pipe` (long ones in pieces, see
    `sortie.geodata.nlp.parse_texts`); yield each result with its Doc.

    The Doc is yielded for stages that need the dependency parse (events); it is not stored.
    """
    from sortie.geodata.nlp import load_model, parse_texts
    from sortie.geodata.places.gazetteer import open_gazetteer

    batch = list(articles)
    if not batch:
        return  # every input was bad: no reason to load the model and the gazetteer
    nlp = load_model() if nlp is None else nlp
    gazetteer = open_gazetteer() if gazetteer is None else gazetteer
    docs = parse_texts(nlp, (a.text for a in batch), batch_size=batch_size)
    for article, doc in zip(batch, docs, strict=True):
        yield analyse(article, doc, gazetteer, demonyms=demonyms), doc


def parse_articles(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    gazetteer: Gazetteer | None = None,
    batch_size: int = 16,
    demonyms: bool = True,
) -> Iterator[ParsedArticle]:
    """The Python API behind `sortie parse`: ParsedArticle for each Article (`demonyms`: see `analyse`)."""
    for parsed, _doc in parse_docs(
        articles, nlp=nlp, gazetteer=gazetteer, batch_size=batch_size, demonyms=demonyms
    ):
        yield parsed


def parse_paths(
    paths: Iterable[str | os.PathLike[str]], published: dt.date | None = None, fetch: bool = False
) -> Iterator[ParsedArticle | InputError]:
    """Read and parse every article under `paths` (URLs only with `fetch`); bad files come back as
    errors, in order."""
    loaded = list(load_articles(paths, published, fetch=fetch))
    good = [a for a in loaded if isinstance(a, Article)]
    parsed = iter(parse_articles(good))
    for item in loaded:
        yield next(parsed) if isinstance(item, Article) else item
