"""Demonyms: "Iraqi", "Americans". A demonym is a place only as an adjective that puts a noun in its
country ("Iraqi bases", "Russian troops": label NORP, resolved to the country), as gold news corpora
(TR-News, GeoWebNews) count it; used as a noun ("the Iraqis") it is a people. Also a country's name
joined to a participle ("the U.S.-led campaign").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sortie.geodata.places.lexicon import DEMONYM_LABEL, country_of_name
from sortie.geodata.places.spans import HYPHENS, RANK_MODEL, Candidate, normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


# What may follow an adjectival demonym: the noun it modifies or another modifier before it.
_MODIFIED_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
# Kinds that a mislabelled entity may be taken as: places common enough in news to name alone.
_RELABEL_KINDS = frozenset({"country", "admin1", "city"})
_DEMONYM_ENDINGS = ("an", "ans", "ese", "ish", "i", "is", "ic", "ch", "er", "ers", "ois", "ene")


def is_demonym(text: str, gazetteer: Any) -> bool:
    """ "Iraqi", "Americans", "Canadian": a country's adjective or people, not the place itself.

    A town may share the spelling (Canadian, Texas), so an adjective-like ending decides then.
    """
    iso2 = country_of_name(gazetteer, text)
    if iso2 is None:
        return False
    places = gazetteer.lookup(text)
    if any(p.kind == "country" and p.country == iso2 for p in places):
        return False  # "U.S.", "Britain": the country's own short name
    key = normalize(text)
    if key.endswith(_DEMONYM_ENDINGS):
        return True
    return not any(normalize(p.name) == key and p.kind in _RELABEL_KINDS for p in places)


def adjectival_demonym(doc: Doc, span: Span, gazetteer: Any) -> bool:
    """ "Russian troops", "the Turkish capital": a country's demonym modifying the noun after it.

    With a parse, the demonym's head must be a later noun it modifies; without one (a rule-only
    pipeline), the next word must be a word, not punctuation or the end of the sentence.
    """
    if not is_demonym(span.text, gazetteer) or normalize(span.text).endswith("s"):
        return False  # plural demonyms ("Iraqis") are people
    if span.end >= len(doc) or doc[span.end].sent != span[-1].sent:
        return False
    nxt, last = doc[span.end], span[-1]
    if not doc.has_annotation("DEP"):
        return nxt.is_alpha
    if last.dep_ in ("amod", "compound", "nmod", "nummod") and last.head.i >= span.end:
        # "Russian troops"; "Russian hacking" (a gerund is a noun here)
        return last.head.pos_ in ("NOUN", "PROPN") or last.head.tag_ == "VBG"
    return nxt.pos_ in _MODIFIED_POS and last.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj")


def hyphenated_demonyms(span: Span, gazetteer: Any) -> list[Candidate]:
    """The demonyms of a compound adjective ("Turkish-Russian"), each a mention of its country,
    when every part is one and the compound modifies a noun after it."""
    doc = span.doc
    parts = [t for t in span if t.text not in HYPHENS]
    if len(parts) < 2 or span.end >= len(doc) or not doc[span.end].is_alpha:
        return []
    if not all(is_demonym(t.text, gazetteer) and not normalize(t.text).endswith("s") for t in parts):
        return []
    return [Candidate(t.i, t.i + 1, DEMONYM_LABEL, RANK_MODEL) for t in parts]


def country_led(doc: Doc, words: Sequence[str], gazetteer: Any) -> list[Candidate]:
    """ "the U.S.-led campaign", "a Britain-based group": a country's name joined by a hyphen to a
    lower-case participle is a mention of the country (the model tags none of it; the tokenizer
    keeps "U.S.-led" one token)."""
    out: list[Candidate] = []
    for i, word in enumerate(words):
        if "-" not in word:
            continue
        name, _sep, rest = word.rpartition("-")
        if not name[:1].isupper() or not (rest.isalpha() and rest.islower() and rest.endswith("ed")):
            continue
        iso2 = country_of_name(gazetteer, name)
        if iso2 is not None and not is_demonym(name, gazetteer):
            out.append(Candidate(i, i + 1, "GPE", RANK_MODEL, chars=len(name)))
    return out
