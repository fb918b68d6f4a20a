"""The candidate span every recognition rule returns, the words the rules share, and the merge.

A `Candidate` is a token span of the Doc with a label and a rank (which source found it); where two
overlap, `merge` keeps the longest, then the better-backed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from sortie.geodata.places.names import normalize as _normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Prepositions that put what follows on the map ("born in Churchill", "flew to Cairns").
LOCATIVE = frozenset({"in", "at", "near", "from", "to", "into", "outside", "across", "throughout", "around"})
# Lower-case words allowed inside a capitalised place name ("Strait of Hormuz", "Bab el-Mandeb").
NAME_PARTICLES = frozenset(
    {
        "of",
        "the",
        "al",
        "el",
        "de",
        "del",
        "la",
        "le",
        "du",
        "des",
        "da",
        "and",
        "on",
        "upon",
        "an",
        "bin",
        "am",
    }
)
HYPHENS = frozenset({"-", "–", "—", "/"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})

# Source ranks for merging overlapping spans: higher wins at equal length.
RANK_MODEL = 1
RANK_GAZ = 2
RANK_PHRASE = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int  # token indices into the Doc, end exclusive
    end: int
    label: str
    rank: int
    # Characters to keep of a one-token candidate: "U.S." of the token "U.S.-led".
    chars: int | None = None


def capitalised(tokens: Iterable[Token]) -> bool:
    """Proper names are capitalised: every content word of the span starts upper case."""
    seen = False
    for tok in tokens:
        if not tok.is_alpha and not (tok.text[:1].isalpha() and "." in tok.text):
            continue  # punctuation, numbers; but "U.S." and "St." are words
        if tok.text[0].isupper():
            seen = True
        elif tok.lower_ not in NAME_PARTICLES:
            return False
    return seen


# Words repeat across articles ("the", "said"): normalizing each spelling once saves most of the
# matcher's time.
normalize = lru_cache(maxsize=200_000)(_normalize)


def strip_the(doc: Doc, start: int, end: int) -> int:
    while start < end - 1 and doc[start].lower_ == "the":
        start += 1
    return start


def merge(cands: list[Candidate]) -> list[Candidate]:
    """Overlapping spans: the longest wins, then the better-backed (phrase > gazetteer > model)."""
    chosen: list[Candidate] = []
    taken: set[int] = set()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.rank, c.start)):
        if any(i in taken for i in range(c.start, c.end)):
            continue
        chosen.append(c)
        taken.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)
