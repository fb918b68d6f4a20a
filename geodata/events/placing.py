"""A frame's places: the article's resolved toponyms tied to the parse, each given its role.

The rules of roles and of choosing among places are in `where`; this module maps the place stage's
mentions onto the Doc and applies those rules to one frame.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geodata.events import vocab, where
from geodata.events.frames import Frame, verb_lemma
from geodata.records import ParsedArticle, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True, slots=True)
class Located:
    """A resolved place mention mapped onto the Doc."""

    token: int
    place: Place
    start: int
    end: int


def locate_toponyms(parsed: ParsedArticle, doc: Doc) -> dict[int, list[Located]]:
    """Resolved toponyms by sentence, each tied to the root word of its span in the Doc."""
    out: dict[int, list[Located]] = {}
    for top in parsed.toponyms:
        if top.place is None:
            continue
        m = top.mention
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        out.setdefault(m.sentence, []).append(Located(span.root.i, top.place, m.start, m.end))
    for index, loc in _generic_waters(parsed, doc):
        out.setdefault(index, []).append(loc)
    return out


# Kinds of water body a definite generic noun can stand for: "the strait" after "the Miyako Strait".
# "the sea" is left out: it is as often the open sea in general ("rescued at the sea's edge").
_WATER_NOUNS = frozenset({"strait", "gulf", "bay", "channel", "canal", "straits"})


def _generic_waters(parsed: ParsedArticle, doc: Doc) -> list[tuple[int, Located]]:
    """ "as they passed through the strait": a definite generic water noun, not part of a name,
    stands for the one water body of that kind the article named before it. Two different straits
    named before make it ambiguous, and it stays unplaced."""
    from geodata.gazetteer import normalize

    waters = [(t.mention.end, t.place) for t in parsed.toponyms if t.place is not None]
    named = sorted(((end, p) for end, p in waters if p.kind == "water"), key=lambda p: p[0])
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
        if noun not in _WATER_NOUNS or tok.text != noun or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
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
    # Demonyms on fixed places: "Iraqi military bases" are in Iraq.
    if gazetteer is not None:
        for tok in sent:
            if tok.i in taken or tok.dep_ not in ("amod", "compound") or tok.pos_ not in ("ADJ", "PROPN"):
                continue
            head = tok.head
            nouns = {vocab.singular(head.lower_), head.lemma_.lower()}
            if not nouns & vocab.LOCATION_NOUNS or nouns & vocab.OWNED_NOUNS or nouns & vocab.BORDER_NOUNS:
                continue  # "near the Syrian border" is not in Syria
            if _owned_by_demonym(tok):
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
