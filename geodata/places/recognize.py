"""Toponym recognition: which spans of an article name places.

Sources, merged per article:
1. spaCy's GPE, LOC and FAC entities;
2. entities the model mislabels (ORG, NORP, PERSON) whose whole text is a well-known gazetteer place
   and whose context reads like a place (a bare "Edmonton" tagged ORG, "Aleppo" tagged NORP);
3. gazetteer names the model misses (air bases, airports, seas, regions, zones, landmarks), matched
   on the gazetteer's own normalized keys, and ICAO codes written as an upper-case token;
4. facility phrases taken whole: "Baghdad's international airport", "U.S. Embassy in Baghdad".

Then the filters: people are not places (general rules over the article's PERSON entities), nor are
organisations ("the State Department"). A demonym is a place only as an adjective that puts a noun in
its country ("Iraqi bases", "Russian troops": label NORP, resolved to the country), as gold news
corpora (TR-News, GeoWebNews) count it; a demonym used as a noun ("the Iraqis") is a people.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sortie.geodata.places.names import normalize as _normalize
from sortie.geodata.places.resolve import DEMONYM_LABEL, SITE_PREFIXES, SITE_SUFFIXES
from sortie.geodata.places.resolve import country_of_name as _country_of_name
from sortie.geodata.records import Mention, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Demonyms used as adjectives ("Iranian vessels") are mentions of their country, labelled NORP.
INCLUDE_DEMONYMS = True
# What may follow an adjectival demonym: the noun it modifies or another modifier before it.
_MODIFIED_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
# Labels the small model sometimes gives to a bare place name ("Edmonton" as ORG, "Aleppo" as NORP).
_RELABEL = frozenset({"ORG", "NORP", "PERSON"})
# Kinds that a mislabelled entity may be taken as: places common enough in news to name alone.
_RELABEL_KINDS = frozenset({"country", "admin1", "city"})
# A mislabelled city must be at least this big to be believed (an ORG "Apple" is not Apple, Iowa).
_RELABEL_MIN_POP = 50_000
# Prepositions that put what follows on the map ("born in Churchill", "flew to Cairns").
_LOCATIVE = frozenset({"in", "at", "near", "from", "to", "into", "outside", "across", "throughout", "around"})
# Lower-case words allowed inside a capitalised place name ("Strait of Hormuz", "Bab el-Mandeb").
_NAME_PARTICLES = frozenset(
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
# Heads of organisation names: an entity ending in one is an organisation, not a place.
_ORG_HEADS = frozenset(
    {
        "department", "ministry", "party", "council", "committee", "agency", "court", "police",
        "university", "college", "command", "corps", "army", "navy", "bank", "company", "corporation",
        "association", "union", "league", "federation", "commission", "office", "administration",
        "service", "services", "times", "post", "journal", "news", "press", "group", "institute",
        "foundation", "club", "team", "board", "authority", "force", "forces", "guard", "government",
        "parliament", "senate", "congress", "assembly", "inc", "ltd", "fc", "patrol", "network",
        "fleet", "flotilla", "squadron", "wing", "brigade", "division", "regiment", "battalion",
    }
)  # fmt: skip
# Titles before a name: "Ms Raggi" or "President Obama" is a person whatever the tag says.
_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "president", "gen", "general", "king", "queen",
     "prince", "princess", "sen", "senator", "rep", "gov", "governor", "mayor", "minister", "pope", "judge",
     "col", "colonel", "capt", "captain", "lt", "sgt", "prof", "professor", "rev", "sheikh", "ayatollah"}
)  # fmt: skip
# Words near an upper-case code that make it an airport code ("KMIB", "flew out of ... (ORBI)").
_AVIATION_WORDS = frozenset(
    {"airport", "airfield", "airbase", "base", "air", "runway", "flew", "flight", "flights", "landed",
     "departed", "takeoff", "icao", "iata", "aircraft", "plane", "planes", "jet", "jets", "bomber", "bombers"}
)  # fmt: skip
_CODE_WINDOW = 6  # tokens either side
# Nouns only a person owns: "<name>'s death" makes <name> a person, whatever the model says.
_PERSON_POSSESSIONS = frozenset(
    {
        "death", "killing", "assassination", "murder", "funeral", "wife", "husband", "son", "daughter",
        "mother", "father", "brother", "sister", "family", "widow", "lawyer", "attorney", "spokesman",
        "spokeswoman", "birthday", "likeness", "career", "presidency", "campaign", "successor",
        "predecessor", "body", "remains", "memoir", "tweet", "tweets", "administration", "aides",
    }
)  # fmt: skip
# Words after "<place>'s" that name a facility of that place; the whole phrase is one toponym.
FACILITY_HEADS = frozenset(
    {"airport", "airfield", "airbase", "port", "harbor", "harbour", "seaport", "embassy", "consulate"}
)
_DIPLOMATIC = frozenset({"embassy", "consulate"})
# Room for a few modifiers between the possessive and the head ("international", "main military").
_MAX_MODIFIERS = 3
# Words that name some province or town somewhere but, inside an organisation's name, are generic.
_GENERIC_NAMES = frozenset(
    {"center", "centre", "central", "district", "north", "south", "east", "west", "northern", "southern",
     "eastern", "western", "lakes", "law", "inc", "coast", "valley", "island", "islands", "city", "county",
     "state", "region", "capital", "metro", "national", "international", "union", "federal", "royal",
     "great", "new", "general", "mid", "upper", "lower", "midlands", "interior", "atlantic", "pacific"}
)  # fmt: skip
# Kinds of gazetteer place that a person's name is rarely mistaken for once the text treats it as a
# place: an atoll-base named after a saint ("Diego Garcia"), a station named for its village.
_SITE_KINDS = frozenset({"airbase", "facility", "water"})
# Words inside a name that make it a site, whatever the model's PERSON tag says ("RAF Mildenhall").
_SITE_WORDS = frozenset(
    {"raf", "base", "airbase", "airfield", "camp", "fort", "naval", "station", "port", "harbor", "harbour",
     "bay", "strait", "sea", "gulf", "island", "islands", "atoll", "canal", "channel"}
)  # fmt: skip
# Prepositions that put a site on the map ("leaned on Diego Garcia", "flew via Guam").
_SITE_LOCATIVE = _LOCATIVE | {"on", "via", "over", "off", "toward", "towards"}
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
_CONTAINER_KINDS = frozenset({"admin1", "country"})
_ACRONYM_MAX = 4
# Last words that make a name a division's own typed name ("Metcalfe County", "Orleans Parish").
_DIVISION_TAILS = frozenset({"county", "parish"})
_DEMONYM_ENDINGS = ("an", "ans", "ese", "ish", "i", "is", "ic", "ch", "er", "ers", "ois", "ene")
_DATELINE_ENDS = frozenset({"-", "–", "—", ",", "(", ":"})
_HYPHENS = frozenset({"-", "–", "—", "/"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})

# Source ranks for merging overlapping spans: higher wins at equal length.
_RANK_MODEL = 1
_RANK_GAZ = 2
_RANK_PHRASE = 3


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int  # token indices into the Doc, end exclusive
    end: int
    label: str
    rank: int
    # Characters to keep of a one-token candidate: "U.S." of the token "U.S.-led".
    chars: int | None = None


# -- the gazetteer phrase index --------------------------------------------------------------


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


def _capitalised(tokens: Iterable[Token]) -> bool:
    """Proper names are capitalised: every content word of the span starts upper case."""
    seen = False
    for tok in tokens:
        if not tok.is_alpha and not (tok.text[:1].isalpha() and "." in tok.text):
            continue  # punctuation, numbers; but "U.S." and "St." are words
        if tok.text[0].isupper():
            seen = True
        elif tok.lower_ not in _NAME_PARTICLES:
            return False
    return seen


def _aviation_context(doc: Doc, i: int) -> bool:
    """An upper-case word is an airport code only where the text talks of flying or airfields:
    four capitals are as often a TV station ("WBKO", in brackets after a dateline too) or an
    agency ("USDA")."""
    window = doc[max(0, i - _CODE_WINDOW) : i + _CODE_WINDOW + 1]
    return any(t.lower_ in _AVIATION_WORDS for t in window)


# Words repeat across articles ("the", "said"): normalizing each spelling once saves most of the
# matcher's time.
normalize = _word_key = lru_cache(maxsize=200_000)(_normalize)


def _gazetteer_matches(doc: Doc, words: Sequence[str], index: PhraseIndex) -> list[_Candidate]:
    # Word keys with hyphen tokens dropped, so "Rhineland-Palatinate" (3 tokens) meets its key.
    keys: list[str] = []
    positions: list[int] = []
    for i, word in enumerate(words):
        if word in _HYPHENS:
            continue
        key = _word_key(word)
        if key:
            keys.append(key)
            positions.append(i)
    found: list[_Candidate] = []
    longest_of, codes = index.longest, index.codes
    for k, key in enumerate(keys):
        longest = longest_of.get(key)
        if not longest and len(key) != 4:
            continue  # most words: no phrase starts with them and they are no ICAO code
        i = positions[k]
        word = words[i]
        if len(word) == 4 and word.isupper() and word in codes:
            if _aviation_context(doc, i):
                found.append(_Candidate(i, i + 1, "GAZ", _RANK_GAZ))
            continue
        if not longest:
            continue
        for n in range(min(longest, len(keys) - k), 0, -1):
            if tuple(keys[k : k + n]) in index.phrases:
                start, end = positions[k], positions[k + n - 1] + 1
                if _capitalised(doc[start:end]) and doc[start].sent == doc[end - 1].sent:
                    found.append(_Candidate(start, end, "GAZ", _RANK_GAZ))
                break
    return found


# -- facility phrases ------------------------------------------------------------------------


def _owner_start(doc: Doc, i: int, by_end: dict[int, _Candidate], gazetteer: Any) -> int | None:
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
        start = _strip_the(doc, ent_start, ent_end)
        if start <= prev.i and _country_of_name(gazetteer, doc[start : prev.i + 1].text):
            return start
    return prev.i if _country_of_name(gazetteer, prev.text) else None


def _names_a_water(doc: Doc, a: int, b: int, places: Iterable[_Candidate], gazetteer: Any) -> bool:
    """ "Georgia's Black Sea port": a sea among the modifiers is a place of its own, which the
    article names; the phrase is then not taken whole (the port is the "port of Poti" after it)."""
    return any(
        a <= c.start
        and c.end <= b
        and any(p.kind == "water" for p in gazetteer.lookup(doc[c.start : c.end].text))
        for c in places
    )


def _facility_phrases(doc: Doc, places: Iterable[_Candidate], gazetteer: Any) -> list[_Candidate]:
    """ "<place>'s (international) airport" and "<country> Embassy in <city>", each taken whole."""
    out: list[_Candidate] = []
    by_end = {c.end: c for c in places}
    for c in places:
        # "<place>'s [modifiers] <head>"
        i = c.end
        if i < len(doc) and doc[i].text in _POSSESSIVE:
            for j in range(i + 1, min(i + 2 + _MAX_MODIFIERS, len(doc))):
                tok = doc[j]
                if tok.lower_ in FACILITY_HEADS:
                    if not _names_a_water(doc, i + 1, j, places, gazetteer):
                        out.append(_Candidate(c.start, j + 1, "FAC", _RANK_PHRASE))
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
            out.append(_Candidate(owner_start, city.end, "FAC", _RANK_PHRASE))
    return out


# -- people, demonyms and organisations ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PersonEvidence:
    """What the article says about people.

    `parts`: every word sequence inside a PERSON entity of two or more words, so a surname used alone
    ("Soleimani" after "Qassem Soleimani") is known as a person's. `votes`: for a text the model
    tags PERSON alone, how often it does so against how often it tags it a place; a small model
    flips between the two on the same word ("Edmonton"), and the majority is the better guess.
    """

    parts: frozenset[tuple[str, ...]]
    person_tags: dict[str, int]
    place_tags: dict[str, int]
    org_tags: dict[str, int] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, ents: Iterable[Span]) -> _PersonEvidence:
        """The evidence in an article's entities (`doc.ents`)."""
        parts: set[tuple[str, ...]] = set()
        person_tags: dict[str, int] = {}
        place_tags: dict[str, int] = {}
        org_tags: dict[str, int] = {}
        for ent in ents:
            if ent.label_ in PLACE_LABELS:
                place_tags[ent.text] = place_tags.get(ent.text, 0) + 1
            if ent.label_ == "ORG":
                org_tags[ent.text] = org_tags.get(ent.text, 0) + 1
            if ent.label_ != "PERSON":
                continue
            words = [t.text for t in ent if t.text[:1].isupper() and t.text not in _POSSESSIVE]
            if len(words) == 1:
                person_tags[words[0]] = person_tags.get(words[0], 0) + 1
            if len(words) < 2:
                continue
            for a in range(len(words)):
                for b in range(a + 1, len(words) + 1):
                    parts.add(tuple(words[a:b]))
        return cls(frozenset(parts), person_tags, place_tags, org_tags)

    def organisation(self, span: Span) -> bool:
        """True when the model tags this very text an organisation as often as a place in the
        article ("Xinhua reported", "according to Xinhua"): a news agency, a company, a club."""
        return self.org_tags.get(span.text, 0) >= max(1, self.place_tags.get(span.text, 0))

    def names(self, span: Span) -> bool:
        """True when the article shows the span's words to be (part of) a person's name."""
        words = tuple(t.text for t in span if t.text not in _POSSESSIVE and t.lower_ != "the")
        if not words:
            return False
        if words in self.parts:
            return True
        text = " ".join(words)
        return self.person_tags.get(text, 0) > self.place_tags.get(text, 0)


# Words that make a town's name a sports club's: "Real Madrid", "Atletico Madrid", "Bayern Munich",
# "Leeds United", "Blackburn Rovers". ("City" is left out: Mexico City and Quebec City are places.)
_CLUB_PREFIXES = frozenset(
    {"real", "atletico", "atlético", "athletic", "inter", "ac", "fc", "sporting", "dynamo", "dinamo",
     "olympique", "borussia", "bayern", "racing", "deportivo", "hertha", "eintracht", "werder", "rapid",
     "partizan", "lokomotiv", "spartak", "zenit", "celta", "espanyol", "sc", "as", "ssc"}
)  # fmt: skip
_CLUB_SUFFIXES = frozenset(
    {"united", "fc", "rovers", "wanderers", "athletic", "hotspur", "albion", "rangers", "county fc",
     "sc", "cf"}
)  # fmt: skip


# Navy ship prefixes: "HMCS Vancouver", "USS Ross" name ships, not the places they are named after.
_SHIP_PREFIXES = frozenset(
    {"HMCS", "HMS", "USS", "USNS", "HMAS", "HMNZS", "INS", "RFS", "HNLMS", "HDMS", "HSwMS", "FGS", "ROKS",
     "JS", "PNS", "TCG", "ITS", "ESPS", "NRP", "BNS", "KRI", "RSS", "SPS", "FS", "MV", "RV", "CCGS",
     "USCGC", "KD", "BRP", "HTMS", "ARA", "BAP"}
)  # fmt: skip


def _is_ship(doc: Doc, span: Span) -> bool:
    """ "HMCS Vancouver", "USS Ross": a ship named after a place, its prefix inside the entity or
    right before it."""
    if span[0].text in _SHIP_PREFIXES and len(span) > 1:
        return True
    return span.start > 0 and doc[span.start - 1].text in _SHIP_PREFIXES


def _is_team(doc: Doc, span: Span) -> bool:
    """A town's name inside a sports club's: a capitalised club word right before or after it."""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.text[:1].isupper() and before.lower_ in _CLUB_PREFIXES:
        return True
    return after is not None and after.text[:1].isupper() and after.lower_ in _CLUB_SUFFIXES


def _preceded_by_locative(doc: Doc, start: int) -> bool:
    j = start - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return j >= 0 and doc[j].lower_ in _LOCATIVE


def _owned_by_person(doc: Doc, end: int) -> bool:
    """ "<name>'s death": the possessed noun is one that only a person has."""
    if end >= len(doc) or doc[end].text not in _POSSESSIVE:
        return False
    for j in range(end + 1, min(end + 3, len(doc))):
        if doc[j].lower_ in _PERSON_POSSESSIONS:
            return True
        if doc[j].pos_ not in ("ADJ",):
            break
    return False


def _is_demonym(text: str, gazetteer: Any) -> bool:
    """ "Iraqi", "Americans", "Canadian": a country's adjective or people, not the place itself.

    A town may share the spelling (Canadian, Texas), so an adjective-like ending decides then.
    """
    iso2 = _country_of_name(gazetteer, text)
    if iso2 is None:
        return False
    places = gazetteer.lookup(text)
    if any(p.kind == "country" and p.country == iso2 for p in places):
        return False  # "U.S.", "Britain": the country's own short name
    key = normalize(text)
    if key.endswith(_DEMONYM_ENDINGS):
        return True
    return not any(normalize(p.name) == key and p.kind in _RELABEL_KINDS for p in places)


def _adjectival_demonym(doc: Doc, span: Span, gazetteer: Any) -> bool:
    """ "Russian troops", "the Turkish capital": a country's demonym modifying the noun after it.

    With a parse, the demonym's head must be a later noun it modifies; without one (a rule-only
    pipeline), the next word must be a word, not punctuation or the end of the sentence.
    """
    if not _is_demonym(span.text, gazetteer) or normalize(span.text).endswith("s"):
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


def _hyphenated_demonyms(span: Span, gazetteer: Any) -> list[_Candidate]:
    """The demonyms of a compound adjective ("Turkish-Russian"), each a mention of its country,
    when every part is one and the compound modifies a noun after it."""
    doc = span.doc
    parts = [t for t in span if t.text not in _HYPHENS]
    if len(parts) < 2 or span.end >= len(doc) or not doc[span.end].is_alpha:
        return []
    if not all(_is_demonym(t.text, gazetteer) and not normalize(t.text).endswith("s") for t in parts):
        return []
    return [_Candidate(t.i, t.i + 1, DEMONYM_LABEL, _RANK_MODEL) for t in parts]


def _country_led(doc: Doc, words: Sequence[str], gazetteer: Any) -> list[_Candidate]:
    """ "the U.S.-led campaign", "a Britain-based group": a country's name joined by a hyphen to a
    lower-case participle is a mention of the country (the model tags none of it; the tokenizer
    keeps "U.S.-led" one token)."""
    out: list[_Candidate] = []
    for i, word in enumerate(words):
        if "-" not in word:
            continue
        name, _sep, rest = word.rpartition("-")
        if not name[:1].isupper() or not (rest.isalpha() and rest.islower() and rest.endswith("ed")):
            continue
        iso2 = _country_of_name(gazetteer, name)
        if iso2 is not None and not _is_demonym(name, gazetteer):
            out.append(_Candidate(i, i + 1, "GPE", _RANK_MODEL, chars=len(name)))
    return out


def _is_unknown_acronym(doc: Doc, span: Span, gazetteer: Any) -> bool:
    """ "CNN", "PKK", "GOP": an all-capitals short word that is not a country's abbreviation.

    GeoNames gives towns their airport codes as other names (Kannur answers to "CNN"), so a match
    in the gazetteer proves nothing. Written with periods ("B.C.", "U.K.") it is an abbreviation,
    more often a place's, and stays; so does one right after "<place>, " ("Washington, DC").
    """
    text = span.text
    if not (text.isalpha() and text.isupper() and len(text) <= 5):
        return False
    if _country_of_name(gazetteer, text) is not None:
        return False
    return not (
        span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].ent_type_ == "GPE"
    )


def _is_organisation(span: Span) -> bool:
    last = span[-1]
    return last.lower_ in _ORG_HEADS and len(span) > 1


def _known_place(text: str, gazetteer: Any) -> bool:
    """A well-known place by this very name: a country, a first-level division or a big city.

    The place's own name must match, not one of its other names: GeoNames lists airport codes
    and old spellings among those, and "CNN" is not a reason to believe in Kannur. Generic words
    that also name some province ("Centre", "Central") are not evidence either.
    """
    key = normalize(text)
    if not key or key in _GENERIC_NAMES:
        return False
    if _country_of_name(gazetteer, text) is not None and not _is_demonym(text, gazetteer):
        return True
    typed_division = key.split()[-1] in _DIVISION_TAILS
    acronym = text.isupper() and text.isalpha() and len(text) <= _ACRONYM_MAX
    for p in gazetteer.lookup(text):
        if normalize(p.name) != key:
            continue
        if acronym and not p.name.isupper():
            continue  # "BA" (an airline) is not Ba, Fiji: a place's name is no acronym
        if p.kind in ("country", "admin1") or (p.kind == "city" and p.population >= _RELABEL_MIN_POP):
            return True
        if p.kind == "admin2" and typed_division:
            return True  # "Metcalfe County": a county by its own typed name, however small
    return False


def _strip_the(doc: Doc, start: int, end: int) -> int:
    while start < end - 1 and doc[start].lower_ == "the":
        start += 1
    return start


# -- merging ---------------------------------------------------------------------------------


def _merge(cands: list[_Candidate]) -> list[_Candidate]:
    """Overlapping spans: the longest wins, then the better-backed (phrase > gazetteer > model)."""
    chosen: list[_Candidate] = []
    taken: set[int] = set()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.rank, c.start)):
        if any(i in taken for i in range(c.start, c.end)):
            continue
        chosen.append(c)
        taken.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


# -- the stage -------------------------------------------------------------------------------


_SPACE = re.compile(r"\s")


def recognize(
    doc: Doc, sentences: tuple[Sentence, ...], gazetteer: Any, *, text: str | None = None
) -> list[Mention]:
    """Every span of `doc` that names a place, with exact offsets and its sentence index.

    `text` is the text the Doc was parsed from, when the caller has it (spaCy rebuilds `doc.text`
    from the tokens at each access).
    """
    text = doc.text if text is None else text
    ents = doc.ents  # spaCy builds the spans anew at each access
    _prefetch(ents, text, gazetteer)
    persons = _PersonEvidence.of(ents)
    cands: list[_Candidate] = []
    other_ents: list[Span] = []
    for ent in ents:
        label = ent.label_
        start = _strip_the(doc, ent.start, ent.end)
        span = doc[start : ent.end]
        if (
            INCLUDE_DEMONYMS
            and label in (*PLACE_LABELS, "NORP")
            and _adjectival_demonym(doc, span, gazetteer)
        ):
            cands.append(_Candidate(start, ent.end, DEMONYM_LABEL, _RANK_MODEL))
            continue
        if INCLUDE_DEMONYMS and label == "NORP" and any(t.text in _HYPHENS for t in span):
            # "Turkish-Russian relations", "a German-Iraqi boy": two countries, one adjective
            parts = _hyphenated_demonyms(span, gazetteer)
            if parts:
                cands.extend(parts)
                continue
        if label in PLACE_LABELS:
            if not _keep_place_entity(doc, span, persons, gazetteer):
                continue
            cands.extend(_split_list(doc, span, label, gazetteer))
        elif label in _RELABEL and _mislabelled_place(doc, span, label, persons, gazetteer):
            cands.append(_Candidate(start, ent.end, "GPE", _RANK_MODEL))
        else:
            other_ents.append(ent)
            if label == "ORG" and _named_region(span, gazetteer):
                cands.append(_Candidate(start, ent.end, "LOC", _RANK_MODEL))
            elif label == "ORG":
                cands.extend(_places_in_organisation(doc, span, persons, gazetteer))
    words = _token_texts(doc, text)
    cands.extend(_dateline(doc, words, gazetteer))
    if INCLUDE_DEMONYMS:
        cands.extend(_country_led(doc, words, gazetteer))
    gaz_matches = _gazetteer_matches(doc, words, phrase_index(gazetteer))
    sites = _sites_not_people(doc, [doc[c.start : c.end] for c in gaz_matches], ents, persons, gazetteer)
    # The other entity each token lies in (entities never overlap), for one look-up per match.
    other_at = {i: (e.start, e.end) for e in other_ents for i in range(e.start, e.end)}
    for c in gaz_matches:
        # A gazetteer name inside a longer organisation or person name is part of that name
        # ("Gulf" in "Gulf Cooperation Council"), unless the model itself saw a place there.
        e_start, e_end = other_at.get(c.start, (c.start, c.start))
        if c.end <= e_end and (e_end - e_start) > (c.end - c.start):
            continue
        span = doc[c.start : c.end]
        if persons.names(span) and _words_of(span) not in sites:
            continue
        if c.end < len(doc) and doc[c.end].text[:1].isupper() and doc[c.end].lower_ in _ORG_HEADS:
            continue  # "the Black Sea Fleet", "Pacific Air Forces": an organisation's name
        if _is_ship(doc, span):
            continue
        cands.append(c)
    cands.extend(_kind_of_phrases(doc, gazetteer))
    cands.extend(_named_divisions(doc, gazetteer))
    cands.extend(_named_base_phrases(doc, gazetteer))
    cands.extend(_designated_sites(doc, words))
    cands.extend(_named_waters(doc, words, gazetteer))
    merged = _merge(cands)
    cands.extend(_facility_phrases(doc, merged, gazetteer))
    cands.extend(_air_base_phrases(doc, merged, gazetteer))
    cands.extend(_directional_phrases(doc, merged, gazetteer))
    cands.extend(_named_with_parent(doc, merged, gazetteer))
    cands.extend(_divisions_after_places(doc, merged, gazetteer))
    found = _merge(cands)
    found = _merge(found + _repeated_names(doc, found, ents, persons, gazetteer))
    found = _merge(found + _list_members(doc, found, persons, gazetteer))
    found = _merge(found + _untagged_after_locative(doc, found, persons, gazetteer))
    return _mentions(doc, found, sentences, text)


def _words_of(span: Span) -> tuple[str, ...]:
    return tuple(t.text for t in span if t.text not in _POSSESSIVE and t.lower_ != "the")


def _sites_not_people(
    doc: Doc, spans: Sequence[Span], ents: Iterable[Span], persons: _PersonEvidence, gazetteer: Any
) -> set[tuple[str, ...]]:
    """Gazetteer names the model tags PERSON that the article nonetheless uses as places.

    A small model reads "Diego Garcia" or "RAF Mildenhall" as a person's name. The name is kept as a
    place when the gazetteer knows it as an air base, facility or water body, the article never uses
    it as a person (no title before it, nothing only a person owns after it, not part of a longer
    person's name, its last word never a person's surname alone), and the article puts it on the map:
    a locative preposition before it ("deployed to", "leaned on") or a site word in it ("RAF", "Bay").
    Decided once per name for the whole article, so every use of it agrees.
    """
    by_name: dict[tuple[str, ...], list[Span]] = {}
    for span in spans:
        if persons.names(span):
            by_name.setdefault(_words_of(span), []).append(span)
    if not by_name:
        return set()
    person_ents = [e for e in ents if e.label_ == "PERSON"]
    for ent in person_ents:
        key = _words_of(ent)
        if key in by_name:
            by_name[key].append(ent)
    out: set[tuple[str, ...]] = set()
    for key, uses in by_name.items():
        if not any(p.kind in _SITE_KINDS for p in gazetteer.lookup(" ".join(key))):
            continue
        if persons.person_tags.get(key[-1], 0) or any(
            len(_words_of(e)) > len(key) and _contains(_words_of(e), key) for e in person_ents
        ):
            continue  # "Garcia said": the article has a person of that name
        if any(_titled(doc, u.start) or _owned_by_person(doc, u.end) for u in uses):
            continue
        site_word = any(w.casefold() in _SITE_WORDS for w in key)
        if site_word or any(_preceded_by(doc, u.start, _SITE_LOCATIVE) for u in uses):
            out.add(key)
    return out


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _titled(doc: Doc, start: int) -> bool:
    """ "President Garcia", "Mr. Garcia": a title right before the name."""
    return start > 0 and doc[start - 1].lower_.rstrip(".") in _HONORIFICS


def _preceded_by(doc: Doc, start: int, words: frozenset[str] | set[str]) -> bool:
    j = start - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return j >= 0 and doc[j].lower_ in words


def _named_with_parent(doc: Doc, places: Sequence[_Candidate], gazetteer: Any) -> list[_Candidate]:
    """ "took off from Anadyr in Chukotka": a capitalised word the model left untagged, after a
    locative preposition and before "in <place>", is a place when the gazetteer has a place of that
    name inside that very division or country. The parent confirms it; a lone word would not."""
    out: list[_Candidate] = []
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
            if a < 1 or any(i in taken for i in range(a, j)) or doc[a - 1].lower_ not in _LOCATIVE:
                continue
            span = doc[a:j]
            if not _capitalised(span) or not all(t.is_alpha or t.text == "-" for t in span):
                continue
            key = normalize(span.text)
            if any(normalize(p.name) == key and _inside(p, parents) for p in gazetteer.lookup(span.text)):
                out.append(_Candidate(a, j, "GPE", _RANK_MODEL))
                break
    return out


def _inside(p: Any, parents: Sequence[Any]) -> bool:
    return any(
        p.country == q.country and (q.kind == "country" or normalize(p.admin1 or "") == normalize(q.name))
        for q in parents
    )


def _directional_phrases(doc: Doc, places: Iterable[_Candidate], gazetteer: Any) -> list[_Candidate]:
    """ "the western Pacific": a lower-case direction before a place, taken whole when the
    gazetteer has a sea or region by that name (the matcher wants capitals, so it misses it)."""
    out: list[_Candidate] = []
    for c in places:
        i = c.start - 1
        if c.label == DEMONYM_LABEL or i < 0 or doc[i].text not in _DIRECTIONS:
            continue  # exact lower case: a capitalised "Western ..." is the matcher's
        name = f"{doc[i].text} {doc[c.start : c.end].text}"
        if any(p.kind in ("water", "region") for p in gazetteer.lookup(name)):
            out.append(_Candidate(i, c.end, "LOC", _RANK_PHRASE))
    return out


def _air_base_phrases(doc: Doc, places: Iterable[_Candidate], gazetteer: Any) -> list[_Candidate]:
    """ "Engels air base": a place followed by lower-case base words, taken whole when the gazetteer
    has an air base by that name; the town alone would put the strike on the town."""
    out: list[_Candidate] = []
    for c in places:
        if c.label == DEMONYM_LABEL:
            continue
        for tail in _BASE_TAILS:
            end = c.end + len(tail)
            if end > len(doc) or tuple(t.lower_ for t in doc[c.end : end]) != tail:
                continue
            name = doc[_strip_the(doc, c.start, c.end) : end].text
            if any(p.kind in ("airbase", "airport") for p in gazetteer.lookup(name)):
                out.append(_Candidate(c.start, end, "FAC", _RANK_PHRASE))
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


def _kind_of_phrases(doc: Doc, gazetteer: Any) -> list[_Candidate]:
    """ "the port of Odesa": the name after "<kind noun> of", when the gazetteer knows it."""
    out: list[_Candidate] = []
    for tok in doc:
        if tok.lower_ != "of" or tok.i == 0 or doc[tok.i - 1].lower_ not in _KIND_NOUNS:
            continue
        if doc[tok.i - 1].text[0].isupper():
            continue  # "Port of Spain", "City of London": the gazetteer's own names
        a = b = tok.i + 1
        while (
            b < len(doc)
            and b - a < 4
            and ((doc[b].is_alpha and doc[b].text[0].isupper()) or (doc[b].text in _HYPHENS and b > a))
        ):
            b += 1
        while b > a and not doc[b - 1].is_alpha:
            b -= 1
        if b == a or doc[a:b].sent != tok.sent:
            continue
        name = doc[a:b].text
        if _is_demonym(name, gazetteer) or not gazetteer.lookup(name):
            continue
        label = "LOC" if doc[tok.i - 1].lower_ in _WATER_OR_LAND else "GPE"
        out.append(_Candidate(a, b, label, _RANK_PHRASE))
    return out


# Lower-case words after a name that make it a division ("the Odesa region", "Idlib province").
_DIVISION_NOUNS = frozenset({"region", "province", "oblast", "governorate", "prefecture", "district"})


def _named_divisions(doc: Doc, gazetteer: Any) -> list[_Candidate]:
    """ "drones launched at the Odesa region": a capitalised name before a lower-case division word,
    which the model often leaves untagged, when the gazetteer has a division or town of that name
    (resolution then prefers the division: see `resolve._followed_by_state`)."""
    out: list[_Candidate] = []
    for tok in doc:
        if tok.text not in _DIVISION_NOUNS or tok.i == 0:
            continue
        b = a = tok.i
        while a > 0 and b - a < 3 and (doc[a - 1].is_alpha and doc[a - 1].text[0].isupper()):
            a -= 1
        if a == b or doc[a].is_sent_start or doc[a].text in _NOT_NAMES:
            continue
        name = doc[a:b].text
        if _is_demonym(name, gazetteer):
            continue  # "the Kurdish region": whose region, not its name
        if any(p.kind in ("admin1", "admin2", "city") and normalize(p.name) == normalize(name)
               for p in gazetteer.lookup(name)):  # fmt: skip
            out.append(_Candidate(a, b, "GPE", _RANK_PHRASE))
    return out


_SITE_NAME_MAX = 3
# Capitalised words that open a sentence or a phrase without naming anything.
_NOT_NAMES = frozenset(
    {"The", "A", "An", "This", "That", "Its", "His", "Her", "Their", "Our", "Your", "Each"}
)


def _site_name_after(doc: Doc, i: int) -> int:
    """End of the capitalised name starting at token i (hyphenated parts count), or i if none."""
    j = i
    while j < len(doc) and j - i < _SITE_NAME_MAX * 2:
        tok = doc[j]
        word = tok.is_alpha and tok.text[0].isupper() and tok.text not in _NOT_NAMES
        joint = tok.text in _HYPHENS and j > i and j + 1 < len(doc) and doc[j + 1].text[:1].isupper()
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


def _designated_sites(doc: Doc, words: Sequence[str]) -> list[_Candidate]:
    """Military sites named by a designator and a capitalised name, taken whole: resolution puts
    them at the site's own entry, else at the town they are named for, else beside the place
    the sentence names with them."""
    out: list[_Candidate] = []
    for i, word in enumerate(words):
        if word not in _SITE_FIRST_WORDS:  # most words: no designator starts with them
            continue
        for pre in _PREFIXES_BY_WORD.get(word, ()):
            end = i + len(pre)
            if tuple(words[i:end]) == pre:
                name_end = _site_name_after(doc, end)
                if name_end > end:
                    out.append(_Candidate(i, name_end, "FAC", _RANK_PHRASE))
                break
        for suf in _SUFFIXES_BY_WORD.get(word, ()):
            end = i + len(suf)
            if tuple(words[i:end]) == suf:
                start = _site_name_before(doc, i)
                if start < i and doc[start:end].sent == doc[i].sent:
                    out.append(_Candidate(start, end, "FAC", _RANK_PHRASE))
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


def _named_waters(doc: Doc, words: Sequence[str], gazetteer: Any) -> list[_Candidate]:
    """ "Moray Firth": a capitalised water word after a name the gazetteer knows as a place, not
    followed by another capitalised word ("Tampa Bay Buccaneers" is a club)."""
    out: list[_Candidate] = []
    for i, word in enumerate(words):
        if word not in _WATER_WORDS or i == 0:
            continue
        tok = doc[i]
        if tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper():
            continue
        a = _site_name_before(doc, tok.i)
        if a < tok.i and gazetteer.lookup(doc[a : tok.i].text):
            out.append(_Candidate(a, tok.i + 1, "LOC", _RANK_MODEL))
    return out


def _named_base_phrases(doc: Doc, gazetteer: Any) -> list[_Candidate]:
    """ "Mont-de-Marsan air base" when the model tags the town an organisation or misses it: the
    capitalised words before lower-case base words, taken whole when the gazetteer has that base."""
    out: list[_Candidate] = []
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
                if any(t.is_punct and t.text not in _HYPHENS for t in doc[a : tok.i]):
                    continue
                if tail[-1] == "airport" and a > 0 and doc[a - 1].is_alpha and doc[a - 1].text[0].isupper():
                    break  # "New Jersey airport" is no airport of Jersey: the name is the whole run
                if any(p.kind in ("airbase", "airport") for p in gazetteer.lookup(doc[a:end].text)):
                    out.append(_Candidate(a, end, "FAC", _RANK_PHRASE))
                    break
            break
    return out


def _repeated_names(
    doc: Doc, found: Sequence[_Candidate], ents: Sequence[Span], persons: _PersonEvidence, gazetteer: Any
) -> list[_Candidate]:
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
        words = tuple(t.text for t in doc[c.start : c.end] if t.text not in _POSSESSIVE)
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
    out: list[_Candidate] = []
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
            if not _keep_place_entity(doc, span, persons, gazetteer):
                continue
            out.append(_Candidate(tok.i, end, label, _RANK_MODEL))
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


def _list_members(
    doc: Doc, found: Sequence[_Candidate], persons: _PersonEvidence, gazetteer: Any
) -> list[_Candidate]:
    """ "Vancouver, Calgary, Edmonton, Saskatoon": a capitalised word in a comma list whose
    neighbours are places is a place too when the gazetteer has a town of that very name."""
    taken = {i for c in found for i in range(c.start, c.end)}
    out: list[_Candidate] = []
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
            if persons.names(span) or not _local_place(tok.text, gazetteer):
                continue
            out.append(_Candidate(i, i + 1, "GPE", _RANK_MODEL))
            taken.add(i)
    return out


# Prepositions after which an untagged capitalised name is looked up: "bases at Al-Asad and Irbil",
# "sailed from Severomorsk", "moved ... to Ocaña".
_SITE_PREPOSITIONS = frozenset({"at", "in", "near", "from", "to"})
_OWN_NAME_MIN_POP = 15_000  # a town by its very name: smaller ones share names with too much else
_UNTAGGED_MIN_POP = 100_000  # a city known by another spelling must be a big one to be believed


def _untagged_after_locative(
    doc: Doc, found: Sequence[_Candidate], persons: _PersonEvidence, gazetteer: Any
) -> list[_Candidate]:
    """Names the model leaves untagged right after "at"/"in"/"near" (and the names listed with
    them: "at Al-Asad and Irbil"), taken when the gazetteer has a big city by that name or one of
    its spellings, a country or division by its own name, or a military site."""
    taken = {i for c in found for i in range(c.start, c.end)}
    ends = {c.start: c.end for c in found}
    out: list[_Candidate] = []
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
        if (
            not opens
            or i in taken
            or (tok.ent_type_ and not lone_person)
            or not (tok.is_alpha and tok.text[0].isupper())
        ):
            listed = in_list and i in taken
            i += 1
            continue
        end = _site_name_after(doc, i)
        span = doc[i:end]
        # "from Anadyr in Chukotka": a name its sentence places in a division is for the parent rule
        # (`_named_with_parent`) to confirm or not
        parent_after = end < len(doc) and doc[end].lower_ == "in" and prev in ("from", "to")
        if (
            end > i
            and not parent_after
            and not tok.is_sent_start
            and (not persons.names(span) or (lone_person and (span.text,) not in persons.parts))
            and _believable(span.text, gazetteer)
        ):
            out.append(_Candidate(i, end, "GPE", _RANK_MODEL))
            taken.update(range(i, end))
            listed = True
            i = end
            continue
        listed = False
        i += 1
    return out


def _believable(text: str, gazetteer: Any) -> bool:
    if text.isupper() or _is_demonym(text, gazetteer):
        return False
    key = normalize(text)
    for p in gazetteer.lookup(text):
        if p.kind in ("country", "admin1") and normalize(p.name) == key:
            return True
        if p.kind == "city" and p.population >= _UNTAGGED_MIN_POP:
            return True
        if p.kind == "city" and p.population >= _OWN_NAME_MIN_POP and normalize(p.name) == key:
            return True
        if p.kind in _SITE_KINDS:
            return True
    return False


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


def _keep_place_entity(doc: Doc, span: Span, persons: _PersonEvidence, gazetteer: Any) -> bool:
    text = span.text
    if not any(ch.isalpha() for ch in text) or (not text[0].isupper() and not text[0].isdigit()):
        return False
    if _is_organisation(span) or span[0].lower_.rstrip(".") in _HONORIFICS:
        return False
    if _is_team(doc, span) or _is_ship(doc, span):
        return False
    if persons.organisation(span) and not _known_place(text, gazetteer):
        return False
    if _is_unknown_acronym(doc, span, gazetteer):
        return False
    if _is_demonym(text, gazetteer):
        return False
    if _owned_by_person(doc, span.end):
        return False
    # Part of a person's name elsewhere in the article ("Soleimani" after "Qassem Soleimani"): a
    # person, unless the sentence puts it on the map ("in Washington").
    return not (persons.names(span) and not _preceded_by_locative(doc, span.start))


# Prepositions that join two places the model sometimes tags as one entity.
_INNER_PREPS = frozenset({"near", "outside"})


def _split_list(doc: Doc, span: Span, label: str, gazetteer: Any) -> list[_Candidate]:
    """ "Souda Bay, Crete" tagged as one entity: a place and its container, two mentions.

    Split at the commas when every part is a name the gazetteer knows; the parts after the first
    are containers (an island, a province, a country), so they take the label GPE. Otherwise the
    entity stays whole ("Washington, D.C." is one name in the gazetteer and never gets here).
    """
    whole = [_Candidate(span.start, span.end, label, _RANK_MODEL)]
    near = [t.i for t in span if t.lower_ in _INNER_PREPS and span.start < t.i < span.end - 1]
    if len(near) == 1 and not gazetteer.lookup(span.text):
        # "Line of Control near Rajouri" tagged as one entity: two places, either side of "near"
        k = near[0]
        sides = [doc[span.start : k], doc[k + 1 : span.end]]
        if all(p.text[:1].isupper() for p in sides):
            return [_Candidate(p.start, p.end, label, _RANK_MODEL) for p in sides]
    commas = [t.i for t in span if t.text == ","]
    if not commas or gazetteer.lookup(span.text):
        return whole
    bounds = [span.start, *commas, span.end]
    parts: list[_Candidate] = []
    for k in range(len(bounds) - 1):
        a = bounds[k] + (1 if k else 0)
        b = bounds[k + 1]
        part = doc[a:b]
        if not part.text.strip() or not part.text[0].isupper():
            return whole
        if not gazetteer.lookup(part.text) and _country_of_name(gazetteer, part.text) is None:
            return whole
        parts.append(_Candidate(a, b, label if k == 0 else "GPE", _RANK_MODEL))
    return parts


def _mislabelled_place(doc: Doc, span: Span, label: str, persons: _PersonEvidence, gazetteer: Any) -> bool:
    """An ORG/NORP/PERSON entity that is, by its whole text, a well-known place."""
    text = span.text
    if not text[:1].isupper() or _is_demonym(text, gazetteer) or not _known_place(text, gazetteer):
        return False
    if label == "PERSON":
        # A surname and a town can share a spelling; only a locative context and no fuller
        # person name in the article make it a place.
        if len(span) > 1 or not _preceded_by_locative(doc, span.start):
            return False
        return (span.text,) not in persons.parts
    # Only a fuller person name counts against it here: the model's PERSON tags of the same word
    # are as unreliable as the ORG/NORP tag that brought it here.
    words = tuple(t.text for t in span if t.text not in _POSSESSIVE)
    return words not in persons.parts and not _owned_by_person(doc, span.end)


def _named_region(span: Span, gazetteer: Any) -> bool:
    """ "the Indo-Pacific region" tagged ORG: a region or sea by name, then a lower-case "region"."""
    last = span[-1]
    if len(span) < 2 or last.text not in ("region", "area"):
        return False
    return any(p.kind in ("region", "water") for p in gazetteer.lookup(span[:-1].text))


def _places_in_organisation(
    doc: Doc, span: Span, persons: _PersonEvidence, gazetteer: Any
) -> list[_Candidate]:
    """The place an organisation is named after: "Kentucky State Police", "CTV Winnipeg", "the
    University of Manitoba". The organisation is not a place, but the place it names is one the
    article talks about; it is taken when it is a well-known place opening or closing the name."""
    if len(span) < 2:
        return []
    if any(t.text == "," for t in span):
        # "Fairford, England" tagged ORG: a place and its container when each part is a place
        parts = _split_list(doc, span, "GPE", gazetteer)
        if len(parts) > 1:
            return parts
    out: list[_Candidate] = []
    words = [t for t in span if t.text not in _POSSESSIVE]
    if not words:
        return []
    first, last = words[0].i, words[-1].i + 1
    options = [(first, first + n) for n in (3, 2, 1)] + [(last - n, last) for n in (3, 2, 1)]
    for a, b in options:
        if not (span.start <= a < b <= span.end) or (a, b) == (span.start, span.end):
            continue
        sub = doc[a:b]
        if not _capitalised(sub) or sub[0].lower_ in _NAME_PARTICLES or not sub[0].text[:1].isalpha():
            continue
        if _is_demonym(sub.text, gazetteer) or not _known_place(sub.text, gazetteer):
            continue
        if _is_unknown_acronym(doc, sub, gazetteer):
            continue
        if tuple(t.text for t in sub) in persons.parts:
            continue
        out.append(_Candidate(a, b, "GPE", _RANK_MODEL))
        break
    return out


def _dateline(doc: Doc, words: Sequence[str], gazetteer: Any) -> list[_Candidate]:
    """ "DETROIT — The U.S. ...", "BERLIN (AP) —", "HOLLIDAY, Mo. —": the place in capitals that
    opens a news story, on the first line or at the start of a later one (after a title).

    A well-known place is taken on its own; any town or county the gazetteer knows is taken when
    the dateline says it is one: a dash after it, or a division abbreviation ("Ky.", "Ont.") that
    the gazetteer knows (which is then a mention too).
    """
    out: list[_Candidate] = []
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
            if j > i and dated and _known_place(doc[i:j].text, gazetteer):
                out.append(_Candidate(i, j, "GPE", _RANK_MODEL))
            continue
        if j >= len(doc) or not (doc[j].text in _DATELINE_ENDS or doc[j].is_space):
            continue
        # "CO." after a county's name: "PLYMOUTH CO. -"
        if doc[j].text.upper() in ("CO.", "CO") and j + 1 < len(doc):
            j += 1
        text = doc[i:j].text.title()  # a dateline's capitals are no acronym
        if len(text) < 3 or _is_demonym(text, gazetteer):
            continue
        division = _division_after(doc, j, gazetteer)
        dashed = doc[j].text in _HYPHENS
        if _known_place(text, gazetteer) or ((division or dashed) and _local_place(text, gazetteer)):
            out.append(_Candidate(i, j, "GPE", _RANK_MODEL))
            if division:
                out.append(_Candidate(*division, "GPE", _RANK_MODEL))
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


def _local_place(text: str, gazetteer: Any) -> bool:
    """A town or county by this very name, however small: the datelines of local news."""
    key = normalize(text)
    return any(
        normalize(p.name) == key and p.kind in ("city", "admin2", "admin1") for p in gazetteer.lookup(text)
    )


def _divisions_after_places(doc: Doc, places: Sequence[_Candidate], gazetteer: Any) -> list[_Candidate]:
    """ "Gatineau, Que.", "Churchill, Man.": a division's press abbreviation after a place and a
    comma, whatever the model tagged it (often PERSON)."""
    out: list[_Candidate] = []
    for c in places:
        if c.label == DEMONYM_LABEL:
            continue
        division = _division_after(doc, c.end, gazetteer)
        if division is not None:
            out.append(_Candidate(*division, "GPE", _RANK_PHRASE))
    return out


def _mentions(doc: Doc, cands: list[_Candidate], sentences: tuple[Sentence, ...], full: str) -> list[Mention]:
    starts = [s.start for s in sentences]
    out: list[Mention] = []
    for c in cands:
        span = doc[c.start : c.end]
        start, end = span.start_char, span.end_char
        if c.chars is not None:
            end = start + c.chars
        # A possessive ending is not part of the name ("Iran's" -> "Iran").
        if c.end - c.start > 1 and span[-1].text in _POSSESSIVE:
            end = span[-2].idx + len(span[-2])
        text = full[start:end]
        if not text or _SPACE.fullmatch(text):
            continue
        sentence = max(0, bisect.bisect_right(starts, start) - 1)
        out.append(Mention(text=text, start=start, end=end, sentence=sentence, label=c.label))
    return out
