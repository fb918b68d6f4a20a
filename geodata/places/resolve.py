"""Toponym resolution: for each mention, the gazetteer place a careful analyst would pick, or none.

Each candidate from `Gazetteer.lookup` gets a score that adds up evidence, each term a reason:
- importance as a prior: countries, first-level divisions, seas and regions, then cities by
  population, national capitals above namesakes;
- the NER label against the place's kind (a FAC is a facility, a LOC a sea or region);
- a parent named in the same sentence ("Minot ... in North Dakota", "Paris, Texas");
- the countries the article is about: a document-level vector from the places it names without
  ambiguity;
- the mention's role: a container after a comma ("Seattle, Washington") is a division or country.
A name the gazetteer does not know as written falls back to places spelled like it up to
transliteration ("Rajouri" for GeoNames' "Rajauri"): ranked the same way, with a penalty that
grows with the spelling distance, and a reason that names the spelling matched.
Phrases taken whole by recognition ("Baghdad's airport", "U.S. Embassy in Baghdad") resolve to the
facility when the gazetteer has it, otherwise to the city point, and say so.

`resolve` composes the modules beside it: `candidates` (what the gazetteer offers), `priors`,
`neighbours` (the article's and the sentence's evidence), `ranking` and `fallbacks` (names the
gazetteer lacks as written), then a second pass for one place per name and places near each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sortie.geodata.places.candidates import candidates
from sortie.geodata.places.fallbacks import (
    named_for,
    placed_beside,
    resolve_phrase,
    resolve_site,
    resolve_variant,
    site_parts,
)
from sortie.geodata.places.lexicon import DEMONYM_LABEL, country_of_name, normalize
from sortie.geodata.places.neighbours import Context, Nearby, Neighbours, article_context
from sortie.geodata.places.ranking import (
    Scored,
    best_toponym,
    placed_by_its_sentence,
    rank_candidates,
    reason_for,
)
from sortie.geodata.records import Mention, Place, Sentence, Toponym

# Kinds that say where on the map a story is, for the second pass: towns, counties, airfields.
_LOCAL_KINDS = frozenset({"city", "admin2", "airport", "airbase", "facility"})
_SURE_MARGIN = 2.0  # a first-pass winner this far ahead of any namesake elsewhere pins its place down


def _demonym_country(m: Mention, gazetteer: Any) -> list[Place]:
    """A demonym ("Iraqi" in "Iraqi bases") stands for its country and nothing else."""
    iso2 = country_of_name(gazetteer, m.text)
    country = gazetteer.country(iso2) if iso2 else None
    return [country] if country is not None else []


def resolve(
    mentions: list[Mention], sentences: tuple[Sentence, ...], text: str, gazetteer: Any
) -> list[Toponym]:
    """One Toponym per mention, in order; an unresolvable mention gets `place=None` and a reason."""
    cands = [
        _demonym_country(m, gazetteer) if m.label == DEMONYM_LABEL else candidates(m.text, gazetteer)
        for m in mentions
    ]
    context = article_context(mentions, cands, gazetteer)
    near = Neighbours(mentions, cands, text)
    out: list[Toponym] = []
    ranked: dict[int, Scored] = {}  # mentions ranked among their own candidates, for the second pass
    for i in range(len(mentions)):
        if mentions[i].label == DEMONYM_LABEL:
            place = cands[i][0] if cands[i] else None
            why = f"demonym of {place.name}" if place else "demonym of no known country"
            out.append(Toponym(mentions[i], place, why))
            continue
        phrase = resolve_phrase(i, mentions, cands, near, context, gazetteer)
        if phrase is None and not cands[i]:
            phrase = named_for(i, mentions, cands, near, context, gazetteer)
        if phrase is None and not cands[i]:
            phrase = resolve_site(i, mentions, cands, near, context, gazetteer)
        if phrase is None and not cands[i]:  # only now: the fallback never touches a known name
            phrase = resolve_variant(i, mentions, cands, near, context, gazetteer)
        if phrase is None:
            best, n = rank_candidates(i, mentions[i], cands[i], near, context)
            if best is not None:
                ranked[i] = best
                phrase = Toponym(mentions[i], best.place, reason_for(best, n), round(best.score, 3))
            else:
                phrase = Toponym(mentions[i], None, "no candidate in gazetteer")
        out.append(phrase)
    out = _second_pass(out, ranked, mentions, cands, near, context)
    placed: dict[str, Toponym] = {}  # a site placed once is placed there at its every mention
    for i, t in enumerate(out):
        if t.place is None and site_parts(t.mention.text) is not None:
            key = normalize(t.mention.text)
            first = placed.get(key)
            if first is not None and first.place is not None:
                out[i] = Toponym(t.mention, first.place, first.reason, first.score)
                continue
            out[i] = placed_beside(i, out, mentions, near) or t
            placed[key] = out[i]
    return out


def _second_pass(
    out: list[Toponym],
    ranked: dict[int, Scored],
    mentions: Sequence[Mention],
    cands: Sequence[list[Place]],
    near: Neighbours,
    context: Context,
) -> list[Toponym]:
    """One place per name and article, and places near each other.

    A name resolved by evidence in its own sentence ("Paris, Missouri") means the same place at
    its other uses in the article ("Paris" alone, later), when that place is among their
    candidates. Every other ambiguous name is ranked again with the places the article's other
    names were resolved to as evidence: a town near them beats a namesake far away.
    """
    anchors: dict[str, Place] = {}
    for i, best in ranked.items():
        if placed_by_its_sentence(best):
            anchors.setdefault(normalize(mentions[i].text), best.place)
    # Only places the article pins down count as evidence: a name with one candidate, or one its
    # sentence placed; another ambiguous name's guess would only spread its own mistakes.
    sure = [
        t.place
        for i, t in enumerate(out)
        if t.place is not None
        and t.place.kind in _LOCAL_KINDS
        and (
            len(cands[i]) == 1
            or (i in ranked and (placed_by_its_sentence(ranked[i]) or ranked[i].margin >= _SURE_MARGIN))
        )
    ]
    nearby = Nearby(sure)
    for i, best in ranked.items():
        if len(cands[i]) < 2 or placed_by_its_sentence(best):
            continue
        anchor = anchors.get(normalize(mentions[i].text))
        if anchor is not None and any(p.id == anchor.id for p in cands[i]):
            out[i] = Toponym(
                mentions[i], anchor, f"as where the article first placed {anchor.name}", out[i].score
            )
            continue
        out[i] = best_toponym(i, mentions[i], cands[i], near, context, nearby=nearby)
    return out
