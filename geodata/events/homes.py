"""Home bases: where the aircraft of a deployment came from, when the text says it of the aircraft
rather than of the movement.

Defence reporting seldom writes "flew from X to Y". It names the unit and its home: "the B-52s
from the 2nd Bomb Wing, based at Barksdale AFB, ...", "Those B-2s were from Whiteman's 393rd Bomb
Squadron", often in another sentence than the deployment itself ("deployed four B-52H to RAF
Fairford"). A home stated for an aircraft type is the origin of that type's deployment to a
destination elsewhere, when the deployment states no origin of its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sortie.geodata.events import vocab, where
from sortie.geodata.events.frames import REAL, Frame, verb_lemma
from sortie.geodata.records import Citation, ParsedArticle, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sortie.geodata.events.placing import Located

# Words through which a place is the home of the noun above it: "B-52s from Barksdale",
# "the wing at Whiteman", "based at", "stationed at", "home-ported in".
_HOME_PREPS = frozenset({"from", "at", "of"})
_HOME_VERBS = frozenset({"base", "station", "homeport", "home-port", "garrison"})
# Kinds of place that are an aircraft's home.
_HOME_KINDS = frozenset({"airbase", "airport", "facility"})
# Verbs of a deployment whose origin may be the home base (not a local sortie: "flew over the
# Baltic" from a forward base is not a flight from home).
_DEPLOY_VERBS = frozenset(
    {"deploy", "redeploy", "arrive", "land", "touch", "relocate", "dispatch", "send", "move", "transfer"}
)
_UP_STEPS = 8


@dataclass(frozen=True, slots=True)
class Home:
    """A home base the text states for some aircraft: their type keys ("b52"), or none known."""

    place: Place
    types: frozenset[str]
    medium: str | None
    sentence: int
    citation: Citation
    token: int
    start: int
    end: int


def _types(tokens: list[Token]) -> frozenset[str]:
    return frozenset(k for t in tokens if (k := vocab.designator(t.text)))


def _aircraft_noun(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and (
        vocab.singular(tok.lower_) in vocab.AIRCRAFT or vocab.designator(tok.text) is not None
    )


def _unit_noun(tok: Token) -> bool:
    """ "Wing", "Squadron", "Group": an air unit, named like a place but an owner of aircraft."""
    return tok.lower_ in _UNIT_WORDS and tok.pos_ in ("NOUN", "PROPN")


_UNIT_WORDS = frozenset({"wing", "squadron", "squadrons", "group", "regiment"})


def home_of(tok: Token) -> list[Token] | None:
    """The words of what a place at `tok` is the home of, or None when it is not a home.

    Walks up from the place through "from"/"at"/"of", "based"/"stationed" participles and air
    units, to an aircraft noun or the subject of a copula ("Those B-2s were from X's squadron").
    A "from" that hangs on a verb is a movement's origin, read by the movement itself.
    """
    cur = tok
    seen: list[Token] = []
    through_home = False
    for _ in range(_UP_STEPS):
        if cur.head.i == cur.i:
            return None
        up = cur.head
        if up.dep_ == "prep" or up.pos_ == "ADP":
            if up.lower_ not in _HOME_PREPS:
                return None
            through_home = True
            if up.head.pos_ in ("VERB", "AUX") and verb_lemma(up.head, _HOME_VERBS) not in _HOME_VERBS:
                # "Those B-2s were from X's squadron", "The B-52s, from X, crossed the Atlantic":
                # the parse hangs the aircraft's "from" on the verb; its subject is what is from there
                if up.lower_ == "from":
                    subj = [c for c in up.head.children if c.dep_ == "nsubj"]
                    if subj and (_aircraft_noun(subj[0]) or _types(list(subj[0].subtree))):
                        return [*seen, *subj[0].subtree]
                return None
        elif up.pos_ == "VERB":
            if verb_lemma(up, _HOME_VERBS) not in _HOME_VERBS:
                return None
            through_home = True
        elif up.pos_ in ("NOUN", "PROPN"):
            words = [up, *(c for c in up.children if c.dep_ in ("compound", "nummod", "amod"))]
            seen.extend(words)
            if through_home and _aircraft_noun(up):
                return seen
            named_by = _unit_noun(up) or cur.dep_ in ("compound", "poss")
            if through_home and not named_by and up.dep_ != "pobj":
                return None
        cur = up
    return None


def home_bases(parsed: ParsedArticle, located: dict[int, list[Located]], doc: Doc) -> list[Home]:
    """Every home base the article states, in text order."""
    out: list[Home] = []
    for index, locs in located.items():
        s = parsed.sentences[index]
        for loc in locs:
            if loc.place.kind not in _HOME_KINDS:
                continue
            words = home_of(doc[loc.token])
            if words is None:
                continue
            citation = Citation(parsed.article.doc, s.text, s.start, s.end, loc.start, loc.end)
            medium = vocab.medium([w.text for w in words])
            out.append(Home(loc.place, _types(words), medium, index, citation, loc.token, loc.start, loc.end))
    return sorted(out, key=lambda h: h.start)


def _frame_types(fr: Frame) -> frozenset[str]:
    doc = fr.head.doc
    words = [t for i in fr.tokens for t in doc[i].subtree]
    return _types(words)


class _Shelf:
    """Homes under one key (an aircraft type, or a medium), by sentence: the nearest to a frame is
    found by bisection, not by a pass over every home the article states."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, int]] = []  # (sentence, position in the article's homes)

    def nearest(
        self, sentence: int, homes: list[Home], fits: Callable[[Home], bool]
    ) -> tuple[int, int] | None:
        """(distance in sentences, position) of the nearest home that `fits`, the first stated among
        those as near."""
        rows = self.rows
        k = bisect.bisect_left(rows, (sentence, -1))
        best: tuple[int, int] | None = None
        for at in range(k, len(rows)):  # at or after the frame: the first that fits is the nearest
            if fits(homes[rows[at][1]]):
                best = (rows[at][0] - sentence, rows[at][1])
                break
        group: int | None = None  # before it: the latest sentence with one that fits, its first such
        for at in range(k - 1, -1, -1):
            s, pos = rows[at]
            if group is not None and s != group:
                break
            if fits(homes[pos]):
                group = s
                candidate = (sentence - s, pos)
                if best is None or candidate < best:
                    best = candidate
        return best


def _away_from(place: Place) -> Callable[[Home], bool]:
    return lambda h: where.distinct(h.place, place)


def assign_home_origins(frames: list[Frame], homes: list[Home]) -> None:
    """Give a deployment that states where it went but not where from the home base stated for its
    aircraft: the same type when the frame names one, else the article's one home for that medium."""
    if not homes:
        return
    by_type: dict[str, _Shelf] = {}
    by_medium: dict[str, _Shelf] = {}
    medium_places: dict[str, set[str]] = {}
    for pos, h in enumerate(homes):
        for t in h.types:
            by_type.setdefault(t, _Shelf()).rows.append((h.sentence, pos))
        if h.medium is not None:
            by_medium.setdefault(h.medium, _Shelf()).rows.append((h.sentence, pos))
            medium_places.setdefault(h.medium, set()).add(h.place.id)
    for shelf in (*by_type.values(), *by_medium.values()):
        shelf.rows.sort()
    for fr in frames:
        if fr.status != REAL or fr.kind not in vocab.MOVEMENTS or fr.consumed or fr.round_trip:
            continue
        if verb_lemma(fr.head, _DEPLOY_VERBS) not in _DEPLOY_VERBS and vocab.singular(fr.head.lower_) != (
            "deployment"
        ):
            continue
        if fr.places(where.ORIGIN):
            continue
        dest = where.best_place(fr.roles, (where.DESTINATION, where.LOCATIVE))
        if dest is None:
            continue
        types = _frame_types(fr)
        if types:
            shelves = [by_type[t] for t in types if t in by_type]
        else:
            if fr.medium is None or len(medium_places.get(fr.medium, ())) != 1:
                continue
            shelves = [by_medium[fr.medium]]
        fits = _away_from(dest.place)
        found = [got for shelf in shelves if (got := shelf.nearest(fr.sentence, homes, fits)) is not None]
        if not found:
            continue
        home = homes[min(found)[1]]
        fr.roles = [*fr.roles, where.PlaceRole(home.place, where.ORIGIN, 9, home.token, home.start, home.end)]
        if home.sentence != fr.sentence:
            fr.support.append(home.citation)


# -- implied national origins -----------------------------------------------------------------------

# "landed in Caracas following a 6,200-mile flight", "after a 14-hour flight": a long flight with no
# stated origin came from the aircraft's own country (a flight this long is no local sortie).
_LONG_FLIGHT = re.compile(
    r"(\d[\d,.]*)[\s-]*(mile|kilometre|kilometer|km|nautical[\s-]mile|hour)s?[\s-]+(?:long[\s-]+)?"
    r"(?:non-?stop[\s-]+)?(?:flight|trip|journey|sortie|mission|transit)",
    re.IGNORECASE,
)
LONG_FLIGHT_KM = 2000.0
LONG_FLIGHT_HOURS = 6.0
_KM_PER = {"mile": 1.609, "kilometre": 1.0, "kilometer": 1.0, "km": 1.0, "nautical mile": 1.852,
           "nautical-mile": 1.852}  # fmt: skip


def long_flight(sentence: str) -> bool:
    """The sentence states a flight long enough to have come from afar."""
    for m in _LONG_FLIGHT.finditer(sentence):
        try:
            n = float(m.group(1).replace(",", ""))
        except ValueError:
            continue
        unit = m.group(2).lower()
        if unit == "hour":
            if n >= LONG_FLIGHT_HOURS:
                return True
        elif n * _KM_PER.get(unit.replace(" ", "-"), _KM_PER.get(unit, 1.0)) >= LONG_FLIGHT_KM:
            return True
    return False


def nationalities(doc: Doc, gazetteer: Any) -> dict[str, Place]:
    """Aircraft types and the country the article says flies them: "Russian Tu-160 bombers" (the
    headline counts), "Russia sent its Tu-160s". Only types said of one country."""
    if gazetteer is None:
        return {}
    found: dict[str, dict[str, Place]] = {}
    for tok in doc:
        key = vocab.designator(tok.text)
        if key is None:
            continue
        noun = tok.head if tok.dep_ in ("compound", "nmod", "amod") else tok
        for c in noun.children:
            country = None
            if c.dep_ in ("amod", "compound", "nmod") and c.i != tok.i and c.text[:1].isupper():
                country = where.demonym_place(c.text, gazetteer)
            elif c.dep_ == "poss" and c.lower_ == "its":
                owner = _subject_of(noun)
                if owner is not None and owner.ent_type_ == "GPE":
                    country = where.demonym_place(owner.text, gazetteer)
            if country is not None and country.kind == "country":
                found.setdefault(key, {})[country.id] = country
    return {k: next(iter(v.values())) for k, v in found.items() if len(v) == 1}


def _subject_of(noun: Token) -> Token | None:
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def assign_national_origins(frames: list[Frame], flags: dict[str, Place]) -> None:
    """A long flight of a type the article ties to one country, to a destination outside it, with
    no origin stated: from that country, at country precision."""
    if not flags:
        return
    for fr in frames:
        if fr.status != REAL or fr.kind not in vocab.MOVEMENTS or fr.consumed or fr.places(where.ORIGIN):
            continue
        dest = where.best_place(fr.roles, (where.DESTINATION, where.LOCATIVE))
        if dest is None or not long_flight(fr.citation.sentence):
            continue
        countries = {flags[k].id: flags[k] for k in _frame_types(fr) if k in flags}
        if len(countries) != 1:
            continue
        country = next(iter(countries.values()))
        if dest.place.country == country.country:
            continue
        fr.roles = [*fr.roles, where.PlaceRole(country, where.ORIGIN, 9, fr.head.i, fr.citation.start,
                                               fr.citation.start)]  # fmt: skip
