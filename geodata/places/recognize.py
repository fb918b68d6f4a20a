"""Toponym recognition: which spans of an article name places.

`recognize` composes the rules of the modules beside it, their candidates merged per article
(`spans.merge`: the longest span wins, then the better-backed):
1. spaCy's GPE, LOC and FAC entities, less what the filters reject (`filters`, `people`: people,
   ships, clubs, organisations, unknown acronyms), split where one entity holds a place and its
   container (`entities`);
2. entities the model mislabels (ORG, NORP, PERSON) whose whole text is a well-known gazetteer place
   and whose context reads like a place (`entities`: a bare "Edmonton" tagged ORG, "Aleppo" tagged NORP);
3. gazetteer names the model misses, and ICAO codes written as an upper-case token (`matcher`);
4. phrases taken whole (`phrases`: "Baghdad's international airport", "U.S. Embassy in Baghdad"),
   datelines (`datelines`), and names their context confirms (`context`: lists, a name after "at").

Adjectival demonyms ("Iraqi bases", "Russian troops") are mentions of their country (`demonyms`),
unless the caller passes `demonyms=False`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sortie.geodata.places.context import (
    list_members,
    named_with_parent,
    repeated_names,
    untagged_after_locative,
)
from sortie.geodata.places.datelines import dateline, divisions_after_places
from sortie.geodata.places.demonyms import adjectival_demonym, country_led, hyphenated_demonyms
from sortie.geodata.places.entities import (
    RELABEL,
    mislabelled_place,
    named_region,
    places_in_organisation,
    split_list,
)
from sortie.geodata.places.filters import ORG_HEADS, is_ship, keep_place_entity
from sortie.geodata.places.lexicon import DEMONYM_LABEL
from sortie.geodata.places.matcher import gazetteer_matches, phrase_index
from sortie.geodata.places.people import PersonEvidence, sites_not_people, words_of
from sortie.geodata.places.phrases import (
    air_base_phrases,
    designated_sites,
    directional_phrases,
    facility_phrases,
    kind_of_phrases,
    named_base_phrases,
    named_divisions,
    named_waters,
)
from sortie.geodata.places.spans import (
    HYPHENS,
    PLACE_LABELS,
    POSSESSIVE,
    RANK_MODEL,
    Candidate,
    merge,
    strip_the,
)
from sortie.geodata.records import Mention, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


_SPACE = re.compile(r"\s")


def recognize(
    doc: Doc,
    sentences: tuple[Sentence, ...],
    gazetteer: Any,
    *,
    text: str | None = None,
    demonyms: bool = True,
) -> list[Mention]:
    """Every span of `doc` that names a place, with exact offsets and its sentence index.

    `text` is the text the Doc was parsed from, when the caller has it (spaCy rebuilds `doc.text`
    from the tokens at each access). `demonyms`: whether an adjectival demonym ("Iraqi bases") is a
    mention of its country, labelled NORP, as the gold news corpora count it; off, it is no mention.
    """
    text = doc.text if text is None else text
    ents = doc.ents  # spaCy builds the spans anew at each access
    _prefetch(ents, text, gazetteer)
    persons = PersonEvidence.of(ents)
    cands: list[Candidate] = []
    other_ents: list[Span] = []
    for ent in ents:
        label = ent.label_
        start = strip_the(doc, ent.start, ent.end)
        span = doc[start : ent.end]
        if demonyms and label in (*PLACE_LABELS, "NORP") and adjectival_demonym(doc, span, gazetteer):
            cands.append(Candidate(start, ent.end, DEMONYM_LABEL, RANK_MODEL))
            continue
        if demonyms and label == "NORP" and any(t.text in HYPHENS for t in span):
            # "Turkish-Russian relations", "a German-Iraqi boy": two countries, one adjective
            parts = hyphenated_demonyms(span, gazetteer)
            if parts:
                cands.extend(parts)
                continue
        if label in PLACE_LABELS:
            if not keep_place_entity(doc, span, persons, gazetteer):
                continue
            cands.extend(split_list(doc, span, label, gazetteer))
        elif label in RELABEL and mislabelled_place(doc, span, label, persons, gazetteer):
            cands.append(Candidate(start, ent.end, "GPE", RANK_MODEL))
        else:
            other_ents.append(ent)
            if label == "ORG" and named_region(span, gazetteer):
                cands.append(Candidate(start, ent.end, "LOC", RANK_MODEL))
            elif label == "ORG":
                cands.extend(places_in_organisation(doc, span, persons, gazetteer))
    words = _token_texts(doc, text)
    cands.extend(dateline(doc, words, gazetteer))
    if demonyms:
        cands.extend(country_led(doc, words, gazetteer))
    gaz_matches = gazetteer_matches(doc, words, phrase_index(gazetteer))
    sites = sites_not_people(doc, [doc[c.start : c.end] for c in gaz_matches], ents, persons, gazetteer)
    # The other entity each token lies in (entities never overlap), for one look-up per match.
    other_at = {i: (e.start, e.end) for e in other_ents for i in range(e.start, e.end)}
    for c in gaz_matches:
        # A gazetteer name inside a longer organisation or person name is part of that name
        # ("Gulf" in "Gulf Cooperation Council"), unless the model itself saw a place there.
        e_start, e_end = other_at.get(c.start, (c.start, c.start))
        if c.end <= e_end and (e_end - e_start) > (c.end - c.start):
            continue
        span = doc[c.start : c.end]
        if persons.names(span) and words_of(span) not in sites:
            continue
        if c.end < len(doc) and doc[c.end].text[:1].isupper() and doc[c.end].lower_ in ORG_HEADS:
            continue  # "the Black Sea Fleet", "Pacific Air Forces": an organisation's name
        if is_ship(doc, span):
            continue
        cands.append(c)
    cands.extend(kind_of_phrases(doc, gazetteer))
    cands.extend(named_divisions(doc, gazetteer))
    cands.extend(named_base_phrases(doc, gazetteer))
    cands.extend(designated_sites(doc, words))
    cands.extend(named_waters(doc, words, gazetteer))
    merged = merge(cands)
    cands.extend(facility_phrases(doc, merged, gazetteer))
    cands.extend(air_base_phrases(doc, merged, gazetteer))
    cands.extend(directional_phrases(doc, merged, gazetteer))
    cands.extend(named_with_parent(doc, merged, gazetteer))
    cands.extend(divisions_after_places(doc, merged, gazetteer))
    found = merge(cands)
    found = merge(found + repeated_names(doc, found, ents, persons, gazetteer))
    found = merge(found + list_members(doc, found, persons, gazetteer))
    found = merge(found + untagged_after_locative(doc, found, persons, gazetteer))
    return _mentions(doc, found, sentences, text)


def _prefetch(ents: Iterable[Span], text: str, gazetteer: Any) -> None:
    """Ask the gazetteer about every entity of the article in one batch, before the filters ask
    about them one at a time (a gazetteer without batches is asked one at a time)."""
    prefetch = getattr(gazetteer, "prefetch", None)
    if prefetch is None:
        return
    # "the Gulf of Oman" stands for "Gulf of Oman" too: the gazetteer's keys drop a leading "the".
    prefetch([text[ent.start_char : ent.end_char] for ent in ents])


def _token_texts(doc: Doc, text: str) -> list[str]:
    """Every token's text, sliced from `text` by the offsets in one array (no Token objects)."""
    return [text[i : i + n] for i, n in doc.to_array(["IDX", "LENGTH"]).tolist()]


def _mentions(doc: Doc, cands: list[Candidate], sentences: tuple[Sentence, ...], full: str) -> list[Mention]:
    starts = [s.start for s in sentences]
    out: list[Mention] = []
    for c in cands:
        span = doc[c.start : c.end]
        start, end = span.start_char, span.end_char
        if c.chars is not None:
            end = start + c.chars
        # A possessive ending is not part of the name ("Iran's" -> "Iran").
        if c.end - c.start > 1 and span[-1].text in POSSESSIVE:
            end = span[-2].idx + len(span[-2])
        text = full[start:end]
        if not text or _SPACE.fullmatch(text):
            continue
        sentence = max(0, bisect.bisect_right(starts, start) - 1)
        out.append(Mention(text=text, start=start, end=end, sentence=sentence, label=c.label))
    return out
