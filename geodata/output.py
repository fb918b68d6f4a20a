"""The public JSON shape of `sortie parse` (documented in the README; names are a contract)."""

from __future__ import annotations

from typing import Any

from sortie.geodata.records import ParsedArticle, Place, TimeMention, Toponym


def place_json(place: Place) -> dict[str, Any]:
    return {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "country": place.country,
        "lon": round(place.lon, 6),
        "lat": round(place.lat, 6),
        "precision": place.precision,
    }


def toponym_json(t: Toponym) -> dict[str, Any]:
    m = t.mention
    out: dict[str, Any] = {
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "sentence": m.sentence,
        "label": m.label,
        "resolved": place_json(t.place) if t.place else None,
    }
    if t.reason:
        out["reason"] = t.reason
    return out


def time_json(t: TimeMention) -> dict[str, Any]:
    return {
        "text": t.text,
        "start": t.start,
        "end": t.end,
        "sentence": t.sentence,
        "type": t.type,
        "value": t.value,
        "start_date": t.start_date.isoformat() if t.start_date else None,
        "end_date": t.end_date.isoformat() if t.end_date else None,
        "precision": t.precision,
        "mod": t.mod,
    }


def parsed_json(p: ParsedArticle) -> dict[str, Any]:
    a = p.article
    out: dict[str, Any] = {
        "doc": a.doc,
        "title": a.title,
        "source": a.source,
        "published": a.published.isoformat() if a.published else None,
        "places": [toponym_json(t) for t in p.toponyms],
        "times": [time_json(t) for t in p.times],
        "sentences": [{"start": s.start, "end": s.end} for s in p.sentences],
    }
    if a.url:  # a web page's own URL (absent for a .txt without one in meta.json)
        out["url"] = a.url
    if a.notes:
        out["notes"] = list(a.notes)
    return out
