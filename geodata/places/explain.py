"""The gazetteer candidates of a resolved mention, ranked as the resolver ranks them, with its reasons.

For an analyst checking a place: which entries the name could be, what counted for each (importance,
population, the NER label, parents named in the sentence, the article's countries, places nearby) and
how far each lies from the other places the article names. Computed on demand from the stored parse
and the gazetteer (nothing extra is stored at ingest), with the resolver's own scoring
(`places.ranking.score_all`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sortie.geodata.places.candidates import candidates, variant_candidates
from sortie.geodata.places.lexicon import DEMONYM_LABEL, country_of_name, normalize
from sortie.geodata.places.neighbours import Nearby, Neighbours, article_context
from sortie.geodata.places.ranking import score_all
from sortie.geodata.records import Mention, ParsedArticle, Place, Toponym

# Kinds that say where a story is, for the distance to "the article's other places" (not countries:
# a country's representative point can be a thousand km from the places in it).
_LOCAL_KINDS = frozenset({"city", "admin1", "admin2", "airport", "airbase", "facility", "water", "region"})


# The kinds the resolver's second pass counts as the article's places nearby (places.resolve).
_NEARBY_KINDS = frozenset({"city", "admin2", "airport", "airbase", "facility"})


@dataclass(frozen=True)
class Candidate:
    place: Place
    score: float
    reasons: tuple[tuple[float, str], ...]  # (points, why), as the resolver added them up
    machine: bool  # the resolver's answer
    nearest: tuple[str, float] | None = None  # the closest other place the article names, and km


@dataclass(frozen=True)
class Explanation:
    """Why a mention became the place it did, and what else it could have been."""

    doc: str
    mention: str
    sentence: int
    reason: str  # the resolver's own summary, as stored with the toponym
    candidates: tuple[Candidate, ...]  # best first; the machine's answer always among them


def find_toponym(
    parsed: ParsedArticle, place_id: str, offset: int | None = None, span: tuple[int, int] | None = None
) -> int | None:
    """Index of the toponym of `parsed` resolved to `place_id`: the one at `offset` (a citation's
    mention start), else the first in `span` (the cited sentence), else the first of the article."""
    hits = [i for i, t in enumerate(parsed.toponyms) if t.place is not None and t.place.id == place_id]
    at = [i for i in hits if parsed.toponyms[i].mention.start == offset]
    inside = [i for i in hits if span and span[0] <= parsed.toponyms[i].mention.start < span[1]]
    best = at or inside or hits
    return best[0] if best else None


def explain(
    parsed: ParsedArticle,
    place_id: str,
    gazetteer: Any,
    *,
    offset: int | None = None,
    span: tuple[int, int] | None = None,
    limit: int = 5,
) -> Explanation | None:
    """The top `limit` candidates of the mention of `parsed` that resolved to `place_id` (the one at
    `offset` or in `span`, see `find_toponym`), or None when no mention of the article did."""
    index = find_toponym(parsed, place_id, offset, span)
    if index is None:
        return None
    toponym = parsed.toponyms[index]
    mentions = [t.mention for t in parsed.toponyms]
    key = normalize(toponym.mention.text)
    others = [
        t.place
        for t in parsed.toponyms
        if t.place is not None and t.place.kind in _LOCAL_KINDS and normalize(t.mention.text) != key
    ]
    text = parsed.article.text
    ranked = scored_candidates(mentions, text, gazetteer, index, others)
    inner = _inner(toponym) if len(ranked) <= 1 else None
    if inner is not None:
        # A phrase resolved through the name inside it ("U.S. Embassy in Baghdad"): that name's
        # candidates, ranked at its place in the sentence, are the choices the analyst has.
        mentions[index] = inner
        found = scored_candidates(mentions, text, gazetteer, index, others)
        if len(found) > len(ranked):
            ranked, toponym = found, Toponym(inner, toponym.place, toponym.reason, toponym.score)
    top = list(ranked[:limit])
    if not any(p.id == place_id for p, _s, _r in top):
        # Placed by another rule (a phrase, a site, the second pass): shown with the resolver's reason.
        mine = next((x for x in ranked if x[0].id == place_id), None)
        assert toponym.place is not None
        top.append(mine or (toponym.place, toponym.score, ((toponym.score, toponym.reason),)))
    items = tuple(
        Candidate(p, score, reasons, p.id == place_id, _nearest(p, others)) for p, score, reasons in top
    )
    return Explanation(
        parsed.article.doc, toponym.mention.text, toponym.mention.sentence, toponym.reason, items
    )


def _mention_candidates(m: Mention, gazetteer: Any) -> list[Place]:
    """What `places.resolve` ranks for a mention: a demonym's country, else the gazetteer's places."""
    if m.label == DEMONYM_LABEL:
        iso2 = country_of_name(gazetteer, m.text)
        country = gazetteer.country(iso2) if iso2 else None
        return [country] if country is not None else []
    return candidates(m.text, gazetteer)


def scored_candidates(
    mentions: list[Mention], text: str, gazetteer: Any, index: int, nearby: Sequence[Place] = ()
) -> list[tuple[Place, float, tuple[tuple[float, str], ...]]]:
    """Every candidate of mention `index`, best first, with its score and the reasons that add up to
    it, ranked in its article as `places.resolve` ranks it; `nearby`, the places the article's other
    names resolved to, counted as its second pass counts them."""
    m = mentions[index]
    cands = [_mention_candidates(x, gazetteer) for x in mentions]
    context = article_context(mentions, cands, gazetteer)
    near = Neighbours(mentions, cands, text)
    found, variants = cands[index], None
    if not found and m.label != DEMONYM_LABEL:  # as `resolve`: spellings only when the name is unknown
        spelled = variant_candidates(m.text, gazetteer)
        found, variants = [p for p, _ in spelled], {p.id: s for p, s in spelled}
    local = [q for q in nearby if q.kind in _NEARBY_KINDS]
    scored = score_all(index, m, found, near, context, variants, Nearby(local) if local else None)
    scored.sort(key=lambda s: (-s.score, len(s.place.id)))
    return [(s.place, round(s.score, 3), tuple(s.reasons)) for s in scored]


def _inner(t: Toponym) -> Mention | None:
    """The place's own name written inside a longer mention, as a mention of its own."""
    if t.place is None:
        return None
    at = t.mention.text.casefold().find(t.place.name.casefold())
    if at < 0 or len(t.place.name) >= len(t.mention.text):
        return None
    start = t.mention.start + at
    return Mention(
        t.mention.text[at : at + len(t.place.name)],
        start,
        start + len(t.place.name),
        t.mention.sentence,
        "GPE",
    )


def _nearest(p: Place, others: Sequence[Place]) -> tuple[str, float] | None:
    from sortie.geodata.geometry import distance_km

    best: tuple[str, float] | None = None
    for q in {q.id: q for q in others if q.id != p.id}.values():
        km = distance_km((p.lon, p.lat), (q.lon, q.lat))
        if best is None or km < best[1]:
            best = (q.name, km)
    return best
