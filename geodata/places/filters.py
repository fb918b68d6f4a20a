"""The filters that reject spans that are not places: people, ships, sports clubs, organisations,
demonyms, unknown acronyms; and the test of a well-known place that a mislabelled entity must pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sortie.geodata.places.demonyms import is_demonym
from sortie.geodata.places.lexicon import country_of_name
from sortie.geodata.places.people import HONORIFICS, PersonEvidence, owned_by_person
from sortie.geodata.places.spans import LOCATIVE, normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


# A mislabelled city must be at least this big to be believed (an ORG "Apple" is not Apple, Iowa).
_RELABEL_MIN_POP = 50_000
# Heads of organisation names: an entity ending in one is an organisation, not a place.
ORG_HEADS = frozenset(
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
# Words that name some province or town somewhere but, inside an organisation's name, are generic.
_GENERIC_NAMES = frozenset(
    {"center", "centre", "central", "district", "north", "south", "east", "west", "northern", "southern",
     "eastern", "western", "lakes", "law", "inc", "coast", "valley", "island", "islands", "city", "county",
     "state", "region", "capital", "metro", "national", "international", "union", "federal", "royal",
     "great", "new", "general", "mid", "upper", "lower", "midlands", "interior", "atlantic", "pacific"}
)  # fmt: skip
_ACRONYM_MAX = 4
# Last words that make a name a division's own typed name ("Metcalfe County", "Orleans Parish").
_DIVISION_TAILS = frozenset({"county", "parish"})


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


def is_ship(doc: Doc, span: Span) -> bool:
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


def preceded_by_locative(doc: Doc, start: int) -> bool:
    j = start - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return j >= 0 and doc[j].lower_ in LOCATIVE


def is_unknown_acronym(doc: Doc, span: Span, gazetteer: Any) -> bool:
    """ "CNN", "PKK", "GOP": an all-capitals short word that is not a country's abbreviation.

    GeoNames gives towns their airport codes as other names (Kannur answers to "CNN"), so a match
    in the gazetteer proves nothing. Written with periods ("B.C.", "U.K.") it is an abbreviation,
    more often a place's, and stays; so does one right after "<place>, " ("Washington, DC").
    """
    text = span.text
    if not (text.isalpha() and text.isupper() and len(text) <= 5):
        return False
    if country_of_name(gazetteer, text) is not None:
        return False
    return not (
        span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].ent_type_ == "GPE"
    )


def _is_organisation(span: Span) -> bool:
    last = span[-1]
    return last.lower_ in ORG_HEADS and len(span) > 1


def known_place(text: str, gazetteer: Any) -> bool:
    """A well-known place by this very name: a country, a first-level division or a big city.

    The place's own name must match, not one of its other names: GeoNames lists airport codes
    and old spellings among those, and "CNN" is not a reason to believe in Kannur. Generic words
    that also name some province ("Centre", "Central") are not evidence either.
    """
    key = normalize(text)
    if not key or key in _GENERIC_NAMES:
        return False
    if country_of_name(gazetteer, text) is not None and not is_demonym(text, gazetteer):
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


def keep_place_entity(doc: Doc, span: Span, persons: PersonEvidence, gazetteer: Any) -> bool:
    text = span.text
    if not any(ch.isalpha() for ch in text) or (not text[0].isupper() and not text[0].isdigit()):
        return False
    if _is_organisation(span) or span[0].lower_.rstrip(".") in HONORIFICS:
        return False
    if _is_team(doc, span) or is_ship(doc, span):
        return False
    if persons.organisation(span) and not known_place(text, gazetteer):
        return False
    if is_unknown_acronym(doc, span, gazetteer):
        return False
    if is_demonym(text, gazetteer):
        return False
    if owned_by_person(doc, span.end):
        return False
    # Part of a person's name elsewhere in the article ("Soleimani" after "Qassem Soleimani"): a
    # person, unless the sentence puts it on the map ("in Washington").
    return not (persons.names(span) and not preceded_by_locative(doc, span.start))
