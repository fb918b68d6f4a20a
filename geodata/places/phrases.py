"""Phrase rules that add places the model missed, each taken whole: facilities ("Baghdad's international
airport", "U.S. Embassy in Baghdad"), air bases ("Engels air base"), designated military sites,
waters ("Moray Firth"), directions ("the western Pacific"), "<kind> of <name>" ("the port of Odesa")
and divisions ("the Odesa region").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sortie.geodata.places.demonyms import is_demonym
from sortie.geodata.places.lexicon import DEMONYM_LABEL, SITE_PREFIXES, SITE_SUFFIXES, country_of_name
from sortie.geodata.places.spans import (
    HYPHENS,
    POSSESSIVE,
    RANK_MODEL,
    RANK_PHRASE,
    Candidate,
    normalize,
    strip_the,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


# Words after "<place>'s" that name a facility of that place; the whole phrase is one toponym.
FACILITY_HEADS = frozenset(
    {"airport", "airfield", "airbase", "port", "harbor", "harbour", "seaport", "embassy", "consulate"}
)
_DIPLOMATIC = frozenset({"embassy", "consulate"})
# Room for a few modifiers between the possessive and the head ("international", "main military").
_MAX_MODIFIERS = 3
# Lower-case words after a place that make it an air base: "Engels air base", "the Hmeimim airbase".
_BASE_TAILS: tuple[tuple[str, ...], ...] = (
    ("air", "force", "base"),
    ("air", "base"),
    ("airbase",),
    ("airfield",),
    ("air", "station"),
    ("naval", "air", "station"),
    ("international", "airport"),
    ("airport",),
)
_BASE_TAIL_STARTS = frozenset(tail[0] for tail in _BASE_TAILS)
# Lower-case directions before a sea or region that the gazetteer names with them: "the western
# Pacific" is the Western Pacific, not the ocean's centre.
_DIRECTIONS = frozenset(
    {"western", "eastern", "northern", "southern", "central", "west", "east", "north", "south"}
)


def _owner_start(doc: Doc, i: int, by_end: dict[int, Candidate], gazetteer: Any) -> int | None:
    """Where the country owning the embassy at token i is named: "U.S." in "the U.S. Embassy"."""
    if i in by_end:
        return by_end[i].start
    if i == 0:
        return None
    prev = doc[i - 1]
    if prev.ent_type_ in ("NORP", "GPE", "ORG"):
        # The entity prev lies in, from its tokens' IOB tags (not a scan of every entity).
        ent_start, ent_end = prev.i, prev.i + 1
        while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
            ent_start -= 1
        while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
            ent_end += 1
        start = strip_the(doc, ent_start, ent_end)
        if start <= prev.i and country_of_name(gazetteer, doc[start : prev.i + 1].text):
            return start
    return prev.i if country_of_name(gazetteer, prev.text) else None


def _names_a_water(doc: Doc, a: int, b: int, places: Iterable[Candidate], gazetteer: Any) -> bool:
    """ "Georgia's Black Sea port": a sea among the modifiers is a place of its own, which the
    article names; the phrase is then not taken whole (the port is the "port of Poti" after it)."""
    return any(
        a <= c.start
        and c.end <= b
        and any(p.kind == "water" for p in gazetteer.lookup(doc[c.start : c.end].text))
        for c in places
    )


def facility_phrases(doc: Doc, places: Iterable[Candidate], gazetteer: Any) -> list[Candidate]:
    """ "<place>'s (international) airport" and "<country> Embassy in <city>", each taken whole."""
    out: list[Candidate] = []
    by_end = {c.end: c for c in places}
    for c in places:
        # "<place>'s [modifiers] <head>"
        i = c.end
        if i < len(doc) and doc[i].text in POSSESSIVE:
            for j in range(i + 1, min(i + 2 + _MAX_MODIFIERS, len(doc))):
                tok = doc[j]
                if tok.lower_ in FACILITY_HEADS:
                    if not _names_a_water(doc, i + 1, j, places, gazetteer):
                        out.append(Candidate(c.start, j + 1, "FAC", RANK_PHRASE))
                    break
                if not tok.is_alpha or tok.pos_ in ("VERB", "AUX", "ADP", "PRON", "DET"):
                    break
    for c in places:
        # "<country or demonym> Embassy in <place>"
        i = c.start - 2
        if i < 1 or doc[i].lower_ not in _DIPLOMATIC or doc[i + 1].lower_ != "in":
            continue
        city = c
        owner_start = _owner_start(doc, i, by_end, gazetteer)
        if owner_start is not None:
            out.append(Candidate(owner_start, city.end, "FAC", RANK_PHRASE))
    return out


def directional_phrases(doc: Doc, places: Iterable[Candidate], gazetteer: Any) -> list[Candidate]:
    """ "the western Pacific": a lower-case direction before a place, taken whole when the
    gazetteer has a sea or region by that name (the matcher wants capitals, so it misses it)."""
    out: list[Candidate] = []
    for c in places:
        i = c.start - 1
        if c.label == DEMONYM_LABEL or i < 0 or doc[i].text not in _DIRECTIONS:
            continue  # exact lower case: a capitalised "Western ..." is the matcher's
        name = f"{doc[i].text} {doc[c.start : c.end].text}"
        if any(p.kind in ("water", "region") for p in gazetteer.lookup(name)):
            out.append(Candidate(i, c.end, "LOC", RANK_PHRASE))
    return out


def air_base_phrases(doc: Doc, places: Iterable[Candidate], gazetteer: Any) -> list[Candidate]:
    """ "Engels air base": a place followed by lower-case base words, taken whole when the gazetteer
    has an air base by that name; the town alone would put the strike on the town."""
    out: list[Candidate] = []
    for c in places:
        if c.label == DEMONYM_LABEL:
            continue
        for tail in _BASE_TAILS:
            end = c.end + len(tail)
            if end > len(doc) or tuple(t.lower_ for t in doc[c.end : end]) != tail:
                continue
            name = doc[strip_the(doc, c.start, c.end) : end].text
            if any(p.kind in ("airbase", "airport") for p in gazetteer.lookup(name)):
                out.append(Candidate(c.start, end, "FAC", RANK_PHRASE))
            break
    return out


# "the port of Odesa", "the Danish island of Bornholm", "the town of Pulwama": a noun of place kind
# before "of" says the capitalised name after it is a place, whatever tag the model gave it.
_KIND_NOUNS = frozenset(
    {"port", "city", "town", "village", "island", "islands", "province", "region", "district",
     "county", "governorate", "oblast", "harbour", "harbor", "zone", "area", "municipality", "outskirts",
     "vicinity", "suburbs", "commune", "department"}
)  # fmt: skip
_WATER_OR_LAND = frozenset({"island", "islands"})


def kind_of_phrases(doc: Doc, gazetteer: Any) -> list[Candidate]:
    """ "the port of Odesa": the name after "<kind noun> of", when the gazetteer knows it."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.lower_ != "of" or tok.i == 0 or doc[tok.i - 1].lower_ not in _KIND_NOUNS:
            continue
        if doc[tok.i - 1].text[0].isupper():
            continue  # "Port of Spain", "City of London": the gazetteer's own names
        a = b = tok.i + 1
        while (
            b < len(doc)
            and b - a < 4
            and ((doc[b].is_alpha and doc[b].text[0].isupper()) or (doc[b].text in HYPHENS and b > a))
        ):
            b += 1
        while b > a and not doc[b - 1].is_alpha:
            b -= 1
        if b == a or doc[a:b].sent != tok.sent:
            continue
        name = doc[a:b].text
        if is_demonym(name, gazetteer) or not gazetteer.lookup(name):
            continue
        label = "LOC" if doc[tok.i - 1].lower_ in _WATER_OR_LAND else "GPE"
        out.append(Candidate(a, b, label, RANK_PHRASE))
    return out


# Lower-case words after a name that make it a division ("the Odesa region", "Idlib province").
_DIVISION_NOUNS = frozenset({"region", "province", "oblast", "governorate", "prefecture", "district"})


def named_divisions(doc: Doc, gazetteer: Any) -> list[Candidate]:
    """ "drones launched at the Odesa region": a capitalised name before a lower-case division word,
    which the model often leaves untagged, when the gazetteer has a division or town of that name
    (resolution then prefers the division: see `ranking._followed_by_state`)."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.text not in _DIVISION_NOUNS or tok.i == 0:
            continue
        b = a = tok.i
        while a > 0 and b - a < 3 and (doc[a - 1].is_alpha and doc[a - 1].text[0].isupper()):
            a -= 1
        if a == b or doc[a].is_sent_start or doc[a].text in _NOT_NAMES:
            continue
        name = doc[a:b].text
        if is_demonym(name, gazetteer):
            continue  # "the Kurdish region": whose region, not its name
        if any(p.kind in ("admin1", "admin2", "city") and normalize(p.name) == normalize(name)
               for p in gazetteer.lookup(name)):  # fmt: skip
            out.append(Candidate(a, b, "GPE", RANK_PHRASE))
    return out


_SITE_NAME_MAX = 3
# Capitalised words that open a sentence or a phrase without naming anything.
_NOT_NAMES = frozenset(
    {"The", "A", "An", "This", "That", "Its", "His", "Her", "Their", "Our", "Your", "Each"}
)


def site_name_after(doc: Doc, i: int) -> int:
    """End of the capitalised name starting at token i (hyphenated parts count), or i if none."""
    j = i
    while j < len(doc) and j - i < _SITE_NAME_MAX * 2:
        tok = doc[j]
        word = tok.is_alpha and tok.text[0].isupper() and tok.text not in _NOT_NAMES
        joint = tok.text in HYPHENS and j > i and j + 1 < len(doc) and doc[j + 1].text[:1].isupper()
        if not (word or joint):
            break
        j += 1
    return j


def _site_name_before(doc: Doc, i: int) -> int:
    """Start of the capitalised name ending right before token i, or i if none."""
    a = i
    while a > 0 and i - a < _SITE_NAME_MAX:
        tok = doc[a - 1]
        if tok.is_alpha and tok.text[0].isupper() and tok.text not in _NOT_NAMES and not tok.is_sent_start:
            a -= 1
        elif tok.is_alpha and tok.text[0].isupper() and tok.text not in _NOT_NAMES:
            a -= 1
            break
        else:
            break
    return a


def designated_sites(doc: Doc, words: Sequence[str]) -> list[Candidate]:
    """Military sites named by a designator and a capitalised name, taken whole: resolution puts
    them at the site's own entry, else at the town they are named for, else beside the place
    the sentence names with them."""
    out: list[Candidate] = []
    for i, word in enumerate(words):
        if word not in _SITE_FIRST_WORDS:  # most words: no designator starts with them
            continue
        for pre in _PREFIXES_BY_WORD.get(word, ()):
            end = i + len(pre)
            if tuple(words[i:end]) == pre:
                name_end = site_name_after(doc, end)
                if name_end > end:
                    out.append(Candidate(i, name_end, "FAC", RANK_PHRASE))
                break
        for suf in _SUFFIXES_BY_WORD.get(word, ()):
            end = i + len(suf)
            if tuple(words[i:end]) == suf:
                start = _site_name_before(doc, i)
                if start < i and doc[start:end].sent == doc[i].sent:
                    out.append(Candidate(start, end, "FAC", RANK_PHRASE))
                break
    return out


def _by_first_word(designators: Sequence[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for words in designators:
        grouped.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in grouped.items()}


_PREFIXES_BY_WORD = _by_first_word(SITE_PREFIXES)
_SUFFIXES_BY_WORD = _by_first_word(SITE_SUFFIXES)
_SITE_FIRST_WORDS = frozenset(_PREFIXES_BY_WORD) | frozenset(_SUFFIXES_BY_WORD)


# Water words after a place's name: "Moray Firth", "Miyako Strait" (the model often tags none).
_WATER_WORDS = frozenset({"Firth", "Strait", "Straits", "Sound", "Channel", "Bay", "Gulf", "Lagoon", "Fjord"})


def named_waters(doc: Doc, words: Sequence[str], gazetteer: Any) -> list[Candidate]:
    """ "Moray Firth": a capitalised water word after a name the gazetteer knows as a place, not
    followed by another capitalised word ("Tampa Bay Buccaneers" is a club)."""
    out: list[Candidate] = []
    for i, word in enumerate(words):
        if word not in _WATER_WORDS or i == 0:
            continue
        tok = doc[i]
        if tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper():
            continue
        a = _site_name_before(doc, tok.i)
        if a < tok.i and gazetteer.lookup(doc[a : tok.i].text):
            out.append(Candidate(a, tok.i + 1, "LOC", RANK_MODEL))
    return out


def named_base_phrases(doc: Doc, gazetteer: Any) -> list[Candidate]:
    """ "Mont-de-Marsan air base" when the model tags the town an organisation or misses it: the
    capitalised words before lower-case base words, taken whole when the gazetteer has that base."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.text not in _BASE_TAIL_STARTS:  # most tokens: skip before slicing the Doc
            continue
        if tok.i == 0 or not doc[tok.i - 1].text[:1].isupper():
            continue  # the name ends right before the base words
        for tail in _BASE_TAILS:
            end = tok.i + len(tail)
            # lower-case base words only: a capitalised "Air Force Base" is the gazetteer's own name
            if end > len(doc) or tuple(t.text for t in doc[tok.i : end]) != tail:
                continue
            for a in range(max(0, tok.i - 6), tok.i):
                if not (doc[a].is_alpha and doc[a].text[0].isupper()):
                    continue
                if any(t.is_punct and t.text not in HYPHENS for t in doc[a : tok.i]):
                    continue
                if tail[-1] == "airport" and a > 0 and doc[a - 1].is_alpha and doc[a - 1].text[0].isupper():
                    break  # "New Jersey airport" is no airport of Jersey: the name is the whole run
                if any(p.kind in ("airbase", "airport") for p in gazetteer.lookup(doc[a:end].text)):
                    out.append(Candidate(a, end, "FAC", RANK_PHRASE))
                    break
            break
    return out
