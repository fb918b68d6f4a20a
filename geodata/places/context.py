"""Places the model missed that their context confirms: a name placed in its parent ("Anadyr in
Chukotka"), a name the article already uses as a place, a member of a list of places, an untagged
name after a locative preposition ("bases at Al-Asad and Irbil").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sortie.geodata.places.datelines import local_place
from sortie.geodata.places.demonyms import is_demonym
from sortie.geodata.places.filters import keep_place_entity
from sortie.geodata.places.lexicon import DEMONYM_LABEL
from sortie.geodata.places.people import SITE_KINDS, PersonEvidence
from sortie.geodata.places.phrases import site_name_after
from sortie.geodata.places.spans import (
    LOCATIVE,
    POSSESSIVE,
    RANK_MODEL,
    Candidate,
    capitalised,
    normalize,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


_CONTAINER_KINDS = frozenset({"admin1", "country"})


def named_with_parent(doc: Doc, places: Sequence[Candidate], gazetteer: Any) -> list[Candidate]:
    """ "took off from Anadyr in Chukotka": a capitalised word the model left untagged, after a
    locative preposition and before "in <place>", is a place when the gazetteer has a place of that
    name inside that very division or country. The parent confirms it; a lone word would not."""
    out: list[Candidate] = []
    taken = {i for c in places for i in range(c.start, c.end)}
    for c in places:
        j = c.start - 1  # "in" or ","
        if j < 2 or doc[j].lower_ not in ("in", ",") or c.label == DEMONYM_LABEL:
            continue
        parents = [p for p in gazetteer.lookup(doc[c.start : c.end].text) if p.kind in _CONTAINER_KINDS]
        if not parents:
            continue
        for n in (1, 2, 3):
            a = j - n
            if a < 1 or any(i in taken for i in range(a, j)) or doc[a - 1].lower_ not in LOCATIVE:
                continue
            span = doc[a:j]
            if not capitalised(span) or not all(t.is_alpha or t.text == "-" for t in span):
                continue
            key = normalize(span.text)
            if any(normalize(p.name) == key and _inside(p, parents) for p in gazetteer.lookup(span.text)):
                out.append(Candidate(a, j, "GPE", RANK_MODEL))
                break
    return out


def _inside(p: Any, parents: Sequence[Any]) -> bool:
    return any(
        p.country == q.country and (q.kind == "country" or normalize(p.admin1 or "") == normalize(q.name))
        for q in parents
    )


def repeated_names(
    doc: Doc, found: Sequence[Candidate], ents: Sequence[Span], persons: PersonEvidence, gazetteer: Any
) -> list[Candidate]:
    """A name the article already uses as a place is a place at its other uses too ("Israel first
    struck Hodeidah ..." after "the port of Hodeidah"), where the model saw nothing or a lone tag:
    not inside a longer entity ("Odesa Film Festival") unless that is the place's own institution
    ("the Bantam Superior Court", "Glasgow Police"), and not where the person filters object."""
    # Each distinct name once (the first label found for it), keyed by its first word: a name
    # used thousands of times must not be tried thousands of times at every token.
    names: dict[str, dict[tuple[str, ...], str]] = {}
    for c in found:
        if c.label == DEMONYM_LABEL or c.chars is not None:
            continue
        words = tuple(t.text for t in doc[c.start : c.end] if t.text not in POSSESSIVE)
        if not words or not all(w[:1].isupper() or not w.isalpha() for w in words):
            continue
        names.setdefault(words[0], {}).setdefault(words, c.label)
        if all(w.isupper() for w in words if w.isalpha()):
            # a dateline's "BANTAM" is the "Bantam" of the story below it
            titled = tuple(w.title() for w in words)
            names.setdefault(titled[0], {}).setdefault(titled, c.label)
    if not names:
        return []
    taken = {i for c in found for i in range(c.start, c.end)}
    # The entity each token lies in (spaCy's entities never overlap): one look-up per candidate
    # instead of a scan over every entity of the article.
    entity_at: dict[int, tuple[int, int]] = {i: (e.start, e.end) for e in ents for i in range(e.start, e.end)}
    out: list[Candidate] = []
    for tok in doc:
        for words, label in names.get(tok.text, {}).items():
            end = tok.i + len(words)
            if end > len(doc) or tuple(t.text for t in doc[tok.i : end]) != words:
                continue
            if any(i in taken for i in range(tok.i, end)):
                continue
            institution = _institution_after(doc, end)
            if end < len(doc) and doc[end].is_alpha and doc[end].text[0].isupper() and not institution:
                continue  # the start of a longer name
            a, b = entity_at.get(tok.i, (tok.i, tok.i))
            if end <= b and (b - a) > len(words) and not institution:
                continue
            span = doc[tok.i : end]
            if not keep_place_entity(doc, span, persons, gazetteer):
                continue
            out.append(Candidate(tok.i, end, label, RANK_MODEL))
            taken.update(range(tok.i, end))
            break
    return out


# Heads of a town's own institutions: "<Town> Superior Court", "<Town> Police Department".
_INSTITUTION_HEADS = frozenset(
    {"court", "police", "department", "council", "sheriff", "hospital", "school", "mayor", "county"}
)


def _institution_after(doc: Doc, end: int) -> bool:
    """The capitalised words after a place name end in one of its institutions' heads."""
    for j in range(end, min(end + 4, len(doc))):
        tok = doc[j]
        if not (tok.is_alpha and tok.text[0].isupper()):
            return False
        if tok.lower_ in _INSTITUTION_HEADS:
            return True
    return False


def list_members(
    doc: Doc, found: Sequence[Candidate], persons: PersonEvidence, gazetteer: Any
) -> list[Candidate]:
    """ "Vancouver, Calgary, Edmonton, Saskatoon": a capitalised word in a comma list whose
    neighbours are places is a place too when the gazetteer has a town of that very name."""
    taken = {i for c in found for i in range(c.start, c.end)}
    out: list[Candidate] = []
    for c in found:
        if c.label == DEMONYM_LABEL:
            continue
        for i in (c.end + 1, c.start - 2):  # the word after "<place>," or before ", <place>"
            if not (0 < i < len(doc) - 1) or i in taken:
                continue
            tok = doc[i]
            sep_before, sep_after = doc[i - 1].text, doc[i + 1].text
            if not (tok.is_alpha and tok.text[0].isupper() and not tok.is_sent_start):
                continue
            if sep_before not in (",", "and", "or") or sep_after not in (",", "and", "or", "."):
                continue
            span = doc[i : i + 1]
            if persons.names(span) or not local_place(tok.text, gazetteer):
                continue
            out.append(Candidate(i, i + 1, "GPE", RANK_MODEL))
            taken.add(i)
    return out


# Prepositions after which an untagged capitalised name is looked up: "bases at Al-Asad and Irbil",
# "sailed from Severomorsk", "moved ... to Ocaña".
_SITE_PREPOSITIONS = frozenset({"at", "in", "near", "from", "to"})
_OWN_NAME_MIN_POP = 15_000  # a town by its very name: smaller ones share names with too much else
_UNTAGGED_MIN_POP = 100_000  # a city known by another spelling must be a big one to be believed


# Model labels that are never a place, so a gazetteer town under them is the model's mistake.
_NEVER_PLACES = frozenset({"PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})


def untagged_after_locative(
    doc: Doc, found: Sequence[Candidate], persons: PersonEvidence, gazetteer: Any
) -> list[Candidate]:
    """Names the model leaves untagged right after "at"/"in"/"near" (and the names listed with
    them: "at Al-Asad and Irbil"), taken when the gazetteer has a big city by that name or one of
    its spellings, a country or division by its own name, or a military site."""
    taken = {i for c in found for i in range(c.start, c.end)}
    ends = {c.start: c.end for c in found}
    out: list[Candidate] = []
    listed = False  # the previous item of an "at X and Y" list is a place
    i = 1
    while i < len(doc):
        prev = doc[i - 1].lower_
        in_list = listed and prev in ("and", "or", ",")
        opens = prev in _SITE_PREPOSITIONS or in_list
        tok = doc[i]
        if listed and tok.lower_ in ("and", "or", ","):
            i += 1  # the list goes on
            continue
        if opens and i in ends:
            # a place already found opens or continues the list: "at Al-Assad and Irbil"
            listed = True
            i = ends[i]
            continue
        # A lone word the model calls a person or an organisation, second in a list of places after
        # "at", is as often a town it does not know ("at Al-Assad and Irbil"): the gazetteer decides.
        lone_person = (
            in_list
            and tok.ent_type_ in ("PERSON", "ORG")
            and tok.ent_iob_ == "B"
            and (i + 1 >= len(doc) or doc[i + 1].ent_iob_ != "I")
        )
        # "sailed from Severomorsk": an unfamiliar town the model calls a product or a title.
        miscast = tok.ent_type_ in _NEVER_PLACES and tok.ent_iob_ == "B" and prev in _SITE_PREPOSITIONS
        if (
            not opens
            or i in taken
            or (tok.ent_type_ and not (lone_person or miscast))
            or not (tok.is_alpha and tok.text[0].isupper())
        ):
            listed = in_list and i in taken
            i += 1
            continue
        end = site_name_after(doc, i)
        span = doc[i:end]
        # "from Anadyr in Chukotka": a name its sentence places in a division is for the parent rule
        # (`named_with_parent`) to confirm or not
        parent_after = end < len(doc) and doc[end].lower_ == "in" and prev in ("from", "to")
        if (
            end > i
            and not parent_after
            and not tok.is_sent_start
            and (not persons.names(span) or (lone_person and (span.text,) not in persons.parts))
            and _believable(span.text, gazetteer)
        ):
            out.append(Candidate(i, end, "GPE", RANK_MODEL))
            taken.update(range(i, end))
            listed = True
            i = end
            continue
        listed = False
        i += 1
    return out


def _believable(text: str, gazetteer: Any) -> bool:
    if text.isupper() or is_demonym(text, gazetteer):
        return False
    key = normalize(text)
    for p in gazetteer.lookup(text):
        if p.kind in ("country", "admin1") and normalize(p.name) == key:
            return True
        if p.kind == "city" and p.population >= _UNTAGGED_MIN_POP:
            return True
        if p.kind == "city" and p.population >= _OWN_NAME_MIN_POP and normalize(p.name) == key:
            return True
        if p.kind in SITE_KINDS:
            return True
    return False
