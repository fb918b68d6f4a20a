"""The press's own forms: the dateline that opens a story ("DETROIT —", "HOLLIDAY, Mo. —") and a
division's press abbreviation after a place ("Gatineau, Que.").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sortie.geodata.places.demonyms import is_demonym
from sortie.geodata.places.filters import known_place
from sortie.geodata.places.lexicon import DEMONYM_LABEL
from sortie.geodata.places.spans import HYPHENS, RANK_MODEL, RANK_PHRASE, Candidate, normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc


_DATELINE_ENDS = frozenset({"-", "–", "—", ",", "(", ":"})


def dateline(doc: Doc, words: Sequence[str], gazetteer: Any) -> list[Candidate]:
    """ "DETROIT — The U.S. ...", "BERLIN (AP) —", "HOLLIDAY, Mo. —": the place in capitals that
    opens a news story, on the first line or at the start of a later one (after a title).

    A well-known place is taken on its own; any town or county the gazetteer knows is taken when
    the dateline says it is one: a dash after it, or a division abbreviation ("Ky.", "Ont.") that
    the gazetteer knows (which is then a mention too).
    """
    out: list[Candidate] = []
    starts = [0] + [i + 1 for i, w in enumerate(words) if "\n" in w and not w.strip()]
    for i in starts[:_DATELINE_LINES]:
        while i < len(doc) and doc[i].is_space:
            i += 1
        j = i
        while j < len(doc) and doc[j].is_alpha and doc[j].text.isupper() and j - i < 4:
            j += 1
        if j == i:
            # "Sanaa, June 2 (UNI)": a dateline in title case, told by the date after it
            while j < len(doc) and doc[j].is_alpha and doc[j].text[:1].isupper() and j - i < 3:
                j += 1
            dated = j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in _MONTHS
            if j > i and dated and known_place(doc[i:j].text, gazetteer):
                out.append(Candidate(i, j, "GPE", RANK_MODEL))
            continue
        if j >= len(doc) or not (doc[j].text in _DATELINE_ENDS or doc[j].is_space):
            continue
        # "CO." after a county's name: "PLYMOUTH CO. -"
        if doc[j].text.upper() in ("CO.", "CO") and j + 1 < len(doc):
            j += 1
        text = doc[i:j].text.title()  # a dateline's capitals are no acronym
        if len(text) < 3 or is_demonym(text, gazetteer):
            continue
        division = _division_after(doc, j, gazetteer)
        dashed = doc[j].text in HYPHENS
        if known_place(text, gazetteer) or ((division or dashed) and local_place(text, gazetteer)):
            out.append(Candidate(i, j, "GPE", RANK_MODEL))
            if division:
                out.append(Candidate(*division, "GPE", RANK_MODEL))
    return out


_DATELINE_LINES = 3  # a dateline follows the title (and a byline) at most
_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
     "nov", "dec"}
)  # fmt: skip


def _division_after(doc: Doc, j: int, gazetteer: Any) -> tuple[int, int] | None:
    """The tokens of a division's press abbreviation right after "<place>, " at token j ("Mo.",
    "Ont.", "Ky"), when the gazetteer knows it as a first-level division."""
    if j + 1 >= len(doc) or doc[j].text != ",":
        return None
    a = j + 1
    tok = doc[a]
    if not (tok.text[:1].isupper() and len(tok.text.rstrip(".")) <= _ABBREVIATION_MAX):
        return None
    b = a + 1
    if b < len(doc) and doc[b].text == "." and not tok.text.endswith("."):
        b += 1  # "Que" "." as two tokens
    name = doc[a:b].text
    variants = {name, name.rstrip(".") + "."}
    if any(p.kind == "admin1" for v in variants for p in gazetteer.lookup(v)):
        return a, b
    return None


_ABBREVIATION_MAX = 6  # "Mass.", "Calif", "Sask."


def local_place(text: str, gazetteer: Any) -> bool:
    """A town or county by this very name, however small: the datelines of local news."""
    key = normalize(text)
    return any(
        normalize(p.name) == key and p.kind in ("city", "admin2", "admin1") for p in gazetteer.lookup(text)
    )


def divisions_after_places(doc: Doc, places: Sequence[Candidate], gazetteer: Any) -> list[Candidate]:
    """ "Gatineau, Que.", "Churchill, Man.": a division's press abbreviation after a place and a
    comma, whatever the model tagged it (often PERSON)."""
    out: list[Candidate] = []
    for c in places:
        if c.label == DEMONYM_LABEL:
            continue
        division = _division_after(doc, c.end, gazetteer)
        if division is not None:
            out.append(Candidate(*division, "GPE", RANK_PHRASE))
    return out
