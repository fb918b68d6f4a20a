"""A frame's places: the article's resolved toponyms tied to the parse, each given its role.

The rules of roles and of choosing among places are in `where`; this module maps the place stage's
mentions onto the Doc and applies those rules to one frame.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sortie.geodata.events import vocab, where
from sortie.geodata.events.frames import Frame, verb_lemma
from sortie.geodata.records import ParsedArticle, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True, slots=True)
class Located:
    """A resolved place mention mapped onto the Doc."""

    token: int
    place: Place
    start: int
    end: int


def locate_toponyms(parsed: ParsedArticle, doc: Doc, gazetteer: Any = None) -> dict[int, list[Located]]:
    """Resolved toponyms by sentence, each tied to the root word of its span in the Doc; with a
    gazetteer, also the article's places named again in a form the place stage did not know."""
    out: dict[int, list[Located]] = {}
    text = parsed.article.text
    for top in parsed.toponyms:
        if top.place is None:
            continue
        m = top.mention
        if _ship_name(text, m.start) or _UNIT_AFTER.match(text, m.end):
            # "HMCS Montreal", "USS Ross": a ship; "the Black Sea Fleet", "Pacific Air Forces": a
            # unit, whatever the place stage made of its name. Actors, never where things happened.
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        out.setdefault(m.sentence, []).append(Located(span.root.i, top.place, m.start, m.end))
    again = _named_again(parsed, doc, gazetteer) if gazetteer is not None else []
    for index, loc in [*_generic_waters(parsed, doc), *_short_names(parsed, doc), *again]:
        out.setdefault(index, []).append(loc)
    return out


# Words of a base's name that say what it is, not which one: "Whiteman Air Force Base" is called
# "Whiteman" once named.
_FACILITY_WORDS = frozenset(
    {"air", "force", "base", "afb", "raf", "station", "naval", "naf", "nas", "field", "airfield", "airport",
     "international", "joint", "army", "airbase", "ab", "cfb", "canadian", "forces", "support", "facility",
     "royal", "marine", "corps", "military"}
)  # fmt: skip


# Words that make the place name before them a military unit's: "Black Sea Fleet", "Pacific Air
# Forces", "Central Command", "Southern Military District" (but "Whiteman Air Force Base" is a base).
_UNIT_AFTER = re.compile(
    r"[ \t]+(?:Fleet|Flotilla|Command|Squadron|Army|Navy|Military\s+District|Air\s+Forces"
    r"|Air\s+Force(?!\s+(?:Base|Station))|Naval\s+Forces)\b"
)


# Prepositions after which a proper name the place stage left untagged may be a place named before.
_PLACE_PREPS = frozenset(
    {"at", "in", "near", "to", "from", "on", "over", "against", "into", "towards", "toward"}
)


def _named_again(parsed: ParsedArticle, doc: Doc, gazetteer: Any) -> list[tuple[int, Located]]:
    """ "targeted two bases ... at Al-Assad and Irbil" after the article named "Ain al-Assad" and
    "Erbil": a proper name after a place preposition (or joined to one that is) that the place stage
    left alone is a place the article has named, when exactly one named place fits it: by a
    gazetteer name of that place ("Irbil" is Erbil's), or as the end of that place's own mention
    ("al-Assad" of "Ain al-Assad"). One place per discourse; nothing new is guessed."""
    import bisect

    from sortie.geodata.places.names import normalize

    named = {t.place.id: t.place for t in parsed.toponyms if t.place is not None}
    if not named:
        return []
    # Each mention's words, filed under every ending they have, so a name finds the places whose
    # mention ends with it by one look-up rather than a pass over every mention.
    endings: dict[tuple[str, ...], list[Place]] = {}
    for t in parsed.toponyms:
        if t.place is not None:
            words = tuple(w for w in normalize(t.mention.text).split() if w not in _FACILITY_WORDS)
            for k in range(1, len(words) + 1):
                endings.setdefault(words[-k:], []).append(t.place)
    covered = sorted((t.mention.start, t.mention.end) for t in parsed.toponyms)
    starts = [s.start for s in parsed.sentences]
    out: list[tuple[int, Located]] = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.dep_ == "compound":
            continue
        slot = tok
        while slot.dep_ == "conj" and slot.head.i != slot.i:
            slot = slot.head
        if slot.dep_ != "pobj" or slot.head.lower_ not in _PLACE_PREPS:
            continue
        first = min(
            (
                t
                for t in tok.subtree
                if t.i <= tok.i and (t.pos_ == "PROPN" or t.tag_ == "HYPH" or t.dep_ == "compound")
            ),
            key=lambda t: t.i,
        )
        start, end = first.idx, tok.idx + len(tok.text)
        k = bisect.bisect_right(covered, (end, 1 << 62)) - 1
        if k >= 0 and covered[k][0] < end and start < covered[k][1]:
            continue
        name = parsed.article.text[start:end]
        key = normalize(name).split()
        try:
            hits = {p.id: p for p in gazetteer.lookup(name) if p.id in named}
        except Exception:  # a gazetteer that cannot look names up: only the mention forms
            hits = {}
        if not hits and key and len(key[-1]) >= 4:
            hits = {p.id: p for p in endings.get(tuple(key), [])}
        if len(hits) != 1:
            continue
        index = bisect.bisect_right(starts, start) - 1
        if index >= 0:
            out.append((index, Located(tok.i, next(iter(hits.values())), start, end)))
    return out


def _ship_name(text: str, start: int) -> bool:
    """The mention follows a ship prefix: "HMCS Montreal", "the USS Harry S. Truman"."""
    words = text[max(0, start - 8) : start].split()
    return bool(words) and words[-1].strip("(").upper() in vocab.SHIP_PREFIXES


def _short_names(parsed: ParsedArticle, doc: Doc) -> list[tuple[int, Located]]:
    """ "Whiteman's 393rd Bomb Squadron" after "Whiteman Air Force Base": a base the article has named
    is later called by its distinctive word(s) alone, which the place stage does not know as a place.
    One sense per discourse: only when that short name belongs to one named base."""
    import bisect

    shorts: dict[str, dict[str, Place]] = {}
    for t in parsed.toponyms:
        if t.place is None or t.place.kind not in ("airbase", "airport", "facility"):
            continue
        words = [w for w in t.mention.text.replace("-", " ").split() if w.lower() not in _FACILITY_WORDS]
        if len(words) == 1 and words[0][:1].isupper():
            shorts.setdefault(words[0], {})[t.place.id] = t.place
    if not shorts:
        return []
    covered = sorted((t.mention.start, t.mention.end) for t in parsed.toponyms)
    starts = [s.start for s in parsed.sentences]
    out: list[tuple[int, Located]] = []
    for tok in doc:
        places = shorts.get(tok.text)
        if not places or len(places) != 1 or tok.pos_ != "PROPN":
            continue
        k = bisect.bisect_right(covered, (tok.idx, 1 << 62)) - 1
        if k >= 0 and covered[k][0] <= tok.idx < covered[k][1]:
            continue
        index = bisect.bisect_right(starts, tok.idx) - 1
        if index >= 0:
            place = next(iter(places.values()))
            out.append((index, Located(tok.i, place, tok.idx, tok.idx + len(tok.text))))
    return out


# Kinds of water body a definite generic noun can stand for: "the strait" after "the Miyako Strait".
# "the sea" is left out: it is as often the open sea in general ("rescued at the sea's edge").
_WATER_NOUNS = frozenset({"strait", "gulf", "bay", "channel", "canal", "straits"})
# Features that are named like waters and told again the same way: "the shoal", "the reef".
_FEATURE_NOUNS = frozenset({"shoal", "reef", "atoll", "island", "archipelago"})


def _ends_with_feature(text: str) -> bool:
    words = text.lower().split()
    return bool(words) and words[-1] in _FEATURE_NOUNS


def _generic_waters(parsed: ParsedArticle, doc: Doc) -> list[tuple[int, Located]]:
    """ "as they passed through the strait", "fishermen around the shoal": a definite generic water
    or feature noun, not part of a name, stands for the one place of that kind the article named
    before it. Two different straits
    named before make it ambiguous, and it stays unplaced."""
    from sortie.geodata.places.names import normalize

    waters = [(t.mention.end, t.place, t.mention.text) for t in parsed.toponyms if t.place is not None]
    named = sorted(
        ((end, p) for end, p, text in waters if p.kind == "water" or _ends_with_feature(text)),
        key=lambda p: p[0],
    )
    if not named:
        return []
    # Looked up by bisection and filled as the tokens advance: a long article has many names and
    # many sentences, and scanning them all at every water noun made this quadratic.
    covered = sorted((t.mention.start, t.mention.end) for t in parsed.toponyms)
    starts = [a for a, _ in covered]
    sentence_starts = [s.start for s in parsed.sentences]
    named_before: dict[str, dict[str, Place]] = {}  # word of a name -> water bodies named so far
    k = 0
    out: list[tuple[int, Located]] = []
    for tok in doc:
        noun = tok.lower_
        generic = noun in _WATER_NOUNS or noun in _FEATURE_NOUNS
        if not generic or tok.text != noun or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
            continue  # "the strait of ...": a name, or a strait the article has not named
        j = bisect.bisect_right(starts, tok.idx) - 1  # mentions never overlap: only this one can hold it
        if j >= 0 and covered[j][0] <= tok.idx < covered[j][1]:
            continue
        while k < len(named) and named[k][0] <= tok.idx:
            for w in normalize(named[k][1].name).split():
                named_before.setdefault(w, {})[named[k][1].id] = named[k][1]
            k += 1
        before = named_before.get(noun.rstrip("s"), {})
        if len(before) != 1:
            continue
        place = next(iter(before.values()))
        i = bisect.bisect_right(sentence_starts, tok.idx) - 1
        if i >= 0 and tok.idx < parsed.sentences[i].end:
            out.append((parsed.sentences[i].index, Located(tok.i, place, tok.idx, tok.idx + len(tok.text))))
    return out


def read_places(
    fr: Frame, located: list[Located], sent: Span, gazetteer: Any, named: dict[str, Place] | None = None
) -> None:
    """Places of the frame with their roles. `named`: the places the article names (by id)."""
    doc = fr.head.doc
    roles: list[where.PlaceRole] = []
    located = located + _renamed(fr, located, sent, gazetteer, named or {})
    waters = [p for p in (named or {}).values() if p.kind == "water"]
    taken = {loc.token for loc in located}
    for loc in located:
        tok = doc[loc.token]
        if loc.place.kind in _AREA_KINDS and _placed_by_own_phrase(
            tok, taken, _PLACING_PREPS if loc.place.kind == "country" else _NAMING_PREPS
        ):
            continue  # "US military installations in Qatar": in Qatar, whoever's they are
        got = where.role_of(tok, fr.tokens, fr.kind)
        if got is None:
            if any(tok.i in {t.i for t in a.subtree} for a in fr.actor_tokens):
                got = (where.ACTOR, 1)  # "Iran responded by firing ...": the launcher
            elif where.loose_role(tok):
                got = (where.LOOSE, 9)
            else:
                continue
        role, depth = got
        place = loc.place
        if role == where.LOCATIVE and place.kind != "water" and _via_off(tok, fr.tokens):
            # "off Iran's coast": the sea beside the place, not the place; without a sea the
            # article names near it, the place itself at its own (coarse) precision.
            place = where.sea_off(place, waters, gazetteer) or place
        if tok.dep_ in ("poss", "compound"):
            noun = vocab.singular(tok.head.lower_)
            if any(c.lower_ == "air" and c.dep_ in ("compound", "amod") for c in tok.head.children):
                noun = f"air {noun}"  # "Šiauliai air base", "Ørland Air Station"
            better = where.facility_place(place, noun, gazetteer) if gazetteer is not None else None
            if better is not None:
                place = better
        if role == where.LOCATIVE and verb_lemma(fr.head, vocab.ARRIVAL_VERBS) in vocab.ARRIVAL_VERBS:
            role = where.DESTINATION  # "arrived at X": where the movement ended
        if role in (where.ORIGIN, where.DESTINATION) and gazetteer is not None:
            place = where.capital_namesake(place, gazetteer) or place
        roles.append(where.PlaceRole(place, role, depth, loc.token, loc.start, loc.end))
    _landed_back(fr, roles)
    # Demonyms on fixed places: "Iraqi military bases" are in Iraq.
    if gazetteer is not None:
        for tok in sent:
            if tok.i in taken or tok.dep_ not in ("amod", "compound") or tok.pos_ not in ("ADJ", "PROPN"):
                continue
            head = tok.head
            nouns = {vocab.singular(head.lower_), head.lemma_.lower()}
            if not nouns & vocab.LOCATION_NOUNS or nouns & vocab.OWNED_NOUNS or nouns & vocab.BORDER_NOUNS:
                continue  # "near the Syrian border" is not in Syria
            if _owned_by_demonym(tok) or _placed_by_own_phrase(tok, taken):
                continue  # "hosts American and Chinese bases": whose bases, not where they are
            got = where.role_of(head, fr.tokens, fr.kind)
            if got is None or got[0] in (where.ACTOR, where.OWNER):
                continue
            country = where.demonym_place(tok.text, gazetteer)
            if country is not None:
                start = tok.idx
                roles.append(
                    where.PlaceRole(country, got[0], got[1] + 1, tok.i, start, start + len(tok.text))
                )
    fr.roles = roles


_PLACING_PREPS = frozenset({"in", "at", "near", "outside", "inside", "on", "of"})
# Places that qualify a noun rather than name it: "Georgia's Black Sea port of Poti" is Poti (but
# "Šiauliai air base in Lithuania" is named by Šiauliai, a county too).
_AREA_KINDS = frozenset({"country", "admin1", "water", "region"})
_NAMING_PREPS = frozenset({"of"})


def _placed_by_own_phrase(tok: Token, places: set[int], preps: frozenset[str] = _PLACING_PREPS) -> bool:
    """A country or demonym modifying a noun that a phrase of its own places elsewhere: "US military
    installations in Qatar", "an American outpost near Rukban" (the modifier says whose; a town
    naming the noun, "Šiauliai air base in Lithuania", is not asked)."""
    if tok.dep_ not in ("compound", "amod", "poss", "nmod"):
        return False
    head = tok.head
    return any(
        c.dep_ == "prep"
        and c.lower_ in preps
        and any((t.i in places or _named_elsewhere(t, c)) and t.i != tok.i for t in c.subtree)
        for c in head.children
    )


_LOCATING_PREPS = frozenset({"in", "near", "outside", "inside"})


def _named_elsewhere(t: Token, prep: Token) -> bool:
    """A proper name after "in"/"near" that the gazetteer does not know ("an outpost in northeast
    Joran", misspelt) still says the noun is somewhere named, so the modifier says whose it is."""
    return prep.lower_ in _LOCATING_PREPS and t.pos_ == "PROPN" and t.dep_ == "pobj"


def _landed_back(fr: Frame, roles: list[where.PlaceRole]) -> None:
    """ "flew to the Baltic Sea and back before landing in Fairford": a round trip with no origin
    of its own began where it came back to land."""
    if fr.kind not in vocab.MOVEMENTS or any(r.role == where.ORIGIN for r in roles):
        return
    doc = fr.head.doc
    words = {t.lower_ for i in fr.tokens for t in doc[i].subtree}
    if "back" not in words and not fr.returns:
        return
    for k, r in enumerate(roles):
        if r.role != where.LOOSE:
            continue
        cur = doc[r.token]
        for _ in range(4):
            if cur.head.i == cur.i or cur.head.i in fr.tokens:
                break
            cur = cur.head
            if cur.pos_ == "VERB" and verb_lemma(cur, _BACK_VERBS) in _BACK_VERBS and cur.dep_ == "pcomp":
                roles[k] = where.PlaceRole(r.place, where.ORIGIN, r.depth, r.token, r.start, r.end)
                return


_BACK_VERBS = frozenset({"land", "return", "recover"})


def _owned_by_demonym(demonym: Token) -> bool:
    """A demonym that says whose a fixed place is, not where: on what a place hosts ("the country,
    which hosts American bases": they are in the host, not in America), or one of several demonyms
    on one noun ("American, Chinese and Italian bases": no one country is where they are)."""
    head = demonym.head
    proper = [c for c in head.children if c.dep_ == "amod" and c.text[:1].isupper()]
    if any(c.dep_ == "conj" for c in demonym.children) or len(proper) > 1:
        return True
    return head.dep_ == "dobj" and verb_lemma(head.head, vocab.HOST_VERBS) in vocab.HOST_VERBS


def _renamed(
    fr: Frame, located: list[Located], sent: Span, gazetteer: Any, named: dict[str, Place]
) -> list[Located]:
    """Ends of a movement the place stage left unresolved, resolved by the article's own places.

    "deployed to Fairford from ..." after the article named "RAF Fairford": one place per
    discourse, so a bare proper name in a from/to slot whose gazetteer senses include a place the
    article names elsewhere is that place.
    """
    if gazetteer is None or not named or fr.kind not in vocab.MOVEMENTS:
        return []
    covered = {t.i for loc in located for t in doc_span(sent, loc)}
    out = []
    for tok in sent:
        if tok.pos_ != "PROPN" or tok.i in covered or tok.dep_ != "pobj":
            continue
        if (
            tok.head.lower_ not in vocab.ORIGIN_PREPS | vocab.DESTINATION_PREPS
            or tok.head.head.i not in fr.tokens
        ):
            continue
        words = [t for t in tok.subtree if t.pos_ == "PROPN" or t.dep_ == "compound"]
        name = sent.doc[min(t.i for t in words) : max(t.i for t in words) + 1].text
        try:
            senses = gazetteer.lookup(name)
        except Exception:
            continue
        hits = {p.id: named[p.id] for p in senses if p.id in named}
        if len(hits) == 1:
            place = next(iter(hits.values()))
            start = sent.doc[min(t.i for t in words)].idx
            out.append(Located(tok.i, place, start, start + len(name)))
    return out


def doc_span(sent: Span, loc: Located) -> list[Token]:
    span = sent.doc.char_span(loc.start, loc.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _via_off(tok: Token, frame: set[int]) -> bool:
    cur = tok
    while cur.i not in frame and cur.head.i != cur.i:
        if cur.lower_ == "off" and cur.pos_ == "ADP":
            return True
        cur = cur.head
    return False
