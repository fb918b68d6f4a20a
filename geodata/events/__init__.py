"""Events and routes from the parse, and their merging across sources into map features.

`extract` reads one article (its ParsedArticle and spaCy Doc) into Events (incidents at a place and
time) and Routes (movements between two places); `merge_features` folds those of many articles into
map Features, one per real-world event, citing every supporting sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sortie.geodata.records import Event, Feature, ParsedArticle, Route


def extract(parsed: ParsedArticle, doc: Doc, gazetteer: Any) -> tuple[list[Event], list[Route]]:
    """The events and routes one article reports, each told once with the number of times the
    article tells it. See `sortie.geodata.events.build` and `sortie.geodata.events.repeats`."""
    from sortie.geodata.events.build import extract_article
    from sortie.geodata.events.repeats import fold_repeats

    return fold_repeats(*extract_article(parsed, doc, gazetteer))


def merge_features(events: list[Event], routes: list[Route]) -> list[Feature]:
    """One Feature per event or route, merged across sources. See `sortie.geodata.events.merge`."""
    from sortie.geodata.events.merge import merge

    return merge(events, routes)


__all__ = ["extract", "merge_features"]
