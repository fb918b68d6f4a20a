"""The model's own entities taken apart or taken over: a place and its container tagged as one entity
("Souda Bay, Crete"), a place the model tagged ORG, NORP or PERSON, the region or town an
organisation is named after.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sortie.geodata.places.demonyms import is_demonym
from sortie.geodata.places.filters import is_unknown_acronym, known_place, preceded_by_locative
from sortie.geodata.places.lexicon import country_of_name
from sortie.geodata.places.people import PersonEvidence, owned_by_person
from sortie.geodata.places.spans import NAME_PARTICLES, POSSESSIVE, RANK_MODEL, Candidate, capitalised

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


# Labels the small model sometimes gives to a bare place name ("Edmonton" as ORG, "Aleppo" as NORP).
RELABEL = frozenset({"ORG", "NORP", "PERSON"})


# Prepositions that join two places the model sometimes tags as one entity.
_INNER_PREPS = frozenset({"near", "outside"})


def split_list(doc: Doc, span: Span, label: str, gazetteer: Any) -> list[Candidate]:
    """ "Souda Bay, Crete" tagged as one entity: a place and its container, two mentions.

    Split at the commas when every part is a name the gazetteer knows; the parts after the first
    are containers (an island, a province, a country), so they take the label GPE. Otherwise the
    entity stays whole ("Washington, D.C." is one name in the gazetteer and never gets here).
    """
    whole = [Candidate(span.start, span.end, label, RANK_MODEL)]
    near = [t.i for t in span if t.lower_ in _INNER_PREPS and span.start < t.i < span.end - 1]
    if len(near) == 1 and not gazetteer.lookup(span.text):
        # "Line of Control near Rajouri" tagged as one entity: two places, either side of "near"
        k = near[0]
        sides = [doc[span.start : k], doc[k + 1 : span.end]]
        if all(p.text[:1].isupper() for p in sides):
            return [Candidate(p.start, p.end, label, RANK_MODEL) for p in sides]
    commas = [t.i for t in span if t.text == ","]
    if not commas or gazetteer.lookup(span.text):
        return whole
    bounds = [span.start, *commas, span.end]
    parts: list[Candidate] = []
    for k in range(len(bounds) - 1):
        a = bounds[k] + (1 if k else 0)
        b = bounds[k + 1]
        part = doc[a:b]
        if not part.text.strip() or not part.text[0].isupper():
            return whole
        if not gazetteer.lookup(part.text) and country_of_name(gazetteer, part.text) is None:
            return whole
        parts.append(Candidate(a, b, label if k == 0 else "GPE", RANK_MODEL))
    return parts


def mislabelled_place(doc: Doc, span: Span, label: str, persons: PersonEvidence, gazetteer: Any) -> bool:
    """An ORG/NORP/PERSON entity that is, by its whole text, a well-known place."""
    text = span.text
    if not text[:1].isupper() or is_demonym(text, gazetteer) or not known_place(text, gazetteer):
        return False
    if label == "PERSON":
        # A surname and a town can share a spelling; only a locative context and no fuller
        # person name in the article make it a place.
        if len(span) > 1 or not preceded_by_locative(doc, span.start):
            return False
        return (span.text,) not in persons.parts
    # Only a fuller person name counts against it here: the model's PERSON tags of the same word
    # are as unreliable as the ORG/NORP tag that brought it here.
    words = tuple(t.text for t in span if t.text not in POSSESSIVE)
    return words not in persons.parts and not owned_by_person(doc, span.end)


def named_region(span: Span, gazetteer: Any) -> bool:
    """ "the Indo-Pacific region" tagged ORG: a region or sea by name, then a lower-case "region"."""
    last = span[-1]
    if len(span) < 2 or last.text not in ("region", "area"):
        return False
    return any(p.kind in ("region", "water") for p in gazetteer.lookup(span[:-1].text))


def places_in_organisation(doc: Doc, span: Span, persons: PersonEvidence, gazetteer: Any) -> list[Candidate]:
    """The place an organisation is named after: "Kentucky State Police", "CTV Winnipeg", "the
    University of Manitoba". The organisation is not a place, but the place it names is one the
    article talks about; it is taken when it is a well-known place opening or closing the name."""
    if len(span) < 2:
        return []
    if any(t.text == "," for t in span):
        # "Fairford, England" tagged ORG: a place and its container when each part is a place
        parts = split_list(doc, span, "GPE", gazetteer)
        if len(parts) > 1:
            return parts
    out: list[Candidate] = []
    words = [t for t in span if t.text not in POSSESSIVE]
    if not words:
        return []
    first, last = words[0].i, words[-1].i + 1
    options = [(first, first + n) for n in (3, 2, 1)] + [(last - n, last) for n in (3, 2, 1)]
    for a, b in options:
        if not (span.start <= a < b <= span.end) or (a, b) == (span.start, span.end):
            continue
        sub = doc[a:b]
        if not capitalised(sub) or sub[0].lower_ in NAME_PARTICLES or not sub[0].text[:1].isalpha():
            continue
        if is_demonym(sub.text, gazetteer) or not known_place(sub.text, gazetteer):
            continue
        if is_unknown_acronym(doc, sub, gazetteer):
            continue
        if tuple(t.text for t in sub) in persons.parts:
            continue
        out.append(Candidate(a, b, "GPE", RANK_MODEL))
        break
    return out
