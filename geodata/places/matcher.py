"""Gazetteer names the model misses (air bases, airports, seas, regions, zones, landmarks), matched on
the gazetteer's own normalized keys, and ICAO codes written as an upper-case token near talk of flying.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sortie.geodata.places.spans import HYPHENS, RANK_GAZ, Candidate, capitalised, normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc


# Words near an upper-case code that make it an airport code ("KMIB", "flew out of ... (ORBI)").
_AVIATION_WORDS = frozenset(
    {"airport", "airfield", "airbase", "base", "air", "runway", "flew", "flight", "flights", "landed",
     "departed", "takeoff", "icao", "iata", "aircraft", "plane", "planes", "jet", "jets", "bomber", "bombers"}
)  # fmt: skip
_CODE_WINDOW = 6  # tokens either side


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Multi-word gazetteer names as tuples of normalized words, for matching token sequences.

    Matching on `normalize()` keys (not on raw token text, as spaCy's PhraseMatcher would) means the
    text matches whenever `Gazetteer.lookup` would: accents, curly apostrophes, "U.S." and "US" alike.
    Building it is a pass over a list of strings, far cheaper than tokenizing every name with spaCy.
    """

    phrases: frozenset[tuple[str, ...]]
    longest: dict[str, int]  # first word -> longest phrase starting with it
    codes: frozenset[str]  # ICAO codes, upper case


@lru_cache(maxsize=4)
def phrase_index(gazetteer: Any) -> PhraseIndex:
    """Built once per gazetteer (cached on its identity), never per document."""
    phrases: set[tuple[str, ...]] = set()
    longest: dict[str, int] = {}
    for surface, _kind in gazetteer.multiword_names():
        words = tuple(normalize(surface).split())
        if not words:
            continue
        phrases.add(words)
        if longest.get(words[0], 0) < len(words):
            longest[words[0]] = len(words)
    # ICAO codes are four letters; three-letter IATA codes collide with too many acronyms.
    codes = frozenset(c for c in gazetteer.airport_codes() if len(c) == 4 and c.isalpha())
    return PhraseIndex(frozenset(phrases), longest, codes)


def _aviation_context(doc: Doc, i: int) -> bool:
    """An upper-case word is an airport code only where the text talks of flying or airfields:
    four capitals are as often a TV station ("WBKO", in brackets after a dateline too) or an
    agency ("USDA")."""
    window = doc[max(0, i - _CODE_WINDOW) : i + _CODE_WINDOW + 1]
    return any(t.lower_ in _AVIATION_WORDS for t in window)


def gazetteer_matches(doc: Doc, words: Sequence[str], index: PhraseIndex) -> list[Candidate]:
    # Word keys with hyphen tokens dropped, so "Rhineland-Palatinate" (3 tokens) meets its key.
    keys: list[str] = []
    positions: list[int] = []
    for i, word in enumerate(words):
        if word in HYPHENS:
            continue
        key = normalize(word)
        if key:
            keys.append(key)
            positions.append(i)
    found: list[Candidate] = []
    longest_of, codes = index.longest, index.codes
    for k, key in enumerate(keys):
        longest = longest_of.get(key)
        if not longest and len(key) != 4:
            continue  # most words: no phrase starts with them and they are no ICAO code
        i = positions[k]
        word = words[i]
        if len(word) == 4 and word.isupper() and word in codes:
            if _aviation_context(doc, i):
                found.append(Candidate(i, i + 1, "GAZ", RANK_GAZ))
            continue
        if not longest:
            continue
        for n in range(min(longest, len(keys) - k), 0, -1):
            if tuple(keys[k : k + n]) in index.phrases:
                start, end = positions[k], positions[k + n - 1] + 1
                if capitalised(doc[start:end]) and doc[start].sent == doc[end - 1].sent:
                    found.append(Candidate(start, end, "GAZ", RANK_GAZ))
                break
    return found
