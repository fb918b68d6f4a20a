"""`sortie eval events`: score routes and events against hand-written gold, stage by stage.

The gold is the acceptance format (`{"places", "routes", "events", "not_cited"}`, see the README):
each route or event quotes a sentence it rests on, and gives its place(s) with a tolerance (a point
and `within_km`, or a `country`) and its date (`date` or `date_within`). Each gold item is matched as
the acceptance check does (a feature of its layer citing the sentence, its ends or place within
tolerance, its dates inside the gold's), and a miss is put down to the first stage that fails, so
the next change is aimed where it pays:

- `not detected`: no feature cites the sentence, and the place stage did resolve the gold places;
- `end not resolved`: the place stage missed or misplaced a gold end (nothing downstream can mend it);
- `wrong end`: a feature cites the sentence but its ends (or place) are elsewhere;
- `wrong date`: cited and placed right, dated wrong;
- `not cited`: a feature at the right place and date exists but does not cite the sentence.

It also lists the route and event features no gold item supports (each to be judged by a reader:
a true event the gold left out, or a false one), and any that cite a `not_cited` sentence.
Reading and scoring are kept apart from the parse, so the scoring is testable on hand-made features.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sortie.geodata.errors import InputError

STAGES = ("found", "not detected", "end not resolved", "wrong end", "wrong date", "not cited")
Inside = Callable[[float, float, str], bool]


def load_gold(path: str | Path) -> dict[str, Any]:
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not a readable gold file ({exc})") from None
    if not isinstance(gold, dict) or not any(k in gold for k in ("routes", "events")):
        raise InputError(str(path), "no 'routes' or 'events' in it; is it an events gold file?")
    return gold


# -- matching (pure) ------------------------------------------------------------------------------


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from sortie.geodata.geometry import distance_km

    return distance_km((lon1, lat1), (lon2, lat2))


def point_ok(spec: dict[str, Any], lon: float, lat: float, inside: Inside) -> bool:
    if "country" in spec:
        return inside(lon, lat, spec["country"])
    return _km(spec["lat"], spec["lon"], lat, lon) <= spec["within_km"]


def cites(feature: dict[str, Any], doc: str, sentence: str) -> bool:
    return any(
        str(c.get("doc", "")).endswith(doc) and sentence in (c.get("sentence") or "")
        for c in feature["properties"].get("citations") or []
    )


def _citations(g: dict[str, Any]) -> list[tuple[str, str]]:
    return list(g["cited_in"].items()) if "cited_in" in g else [(g["doc"], g["sentence"])]


def _line_ends(geom: dict[str, Any]) -> tuple[tuple[float, float], tuple[float, float]] | None:
    coords = (
        geom["coordinates"]
        if geom["type"] == "LineString"
        else [c for part in geom["coordinates"] for c in part]
        if geom["type"] == "MultiLineString"
        else []
    )
    if len(coords) < 2:
        return None
    return (coords[0][0], coords[0][1]), (coords[-1][0], coords[-1][1])


def _point(feature: dict[str, Any]) -> tuple[float, float] | None:
    geom, props = feature["geometry"], feature["properties"]
    if geom and geom["type"] == "Point":
        return geom["coordinates"][0], geom["coordinates"][1]
    if props.get("lon") is not None:
        return props["lon"], props["lat"]
    return None


def date_ok(g: dict[str, Any], props: dict[str, Any]) -> bool:
    s, e = (props.get("start") or "")[:10], (props.get("end") or "")[:10]
    if "date" in g:
        return s == g["date"] and (not e or e == g["date"])
    if "date_within" in g:
        lo, hi = g["date_within"]
        return bool(s) and lo <= s <= hi and (not e or lo <= e <= hi)
    return True


def placed_right(g: dict[str, Any], feature: dict[str, Any], layer: str, inside: Inside) -> bool:
    if layer == "routes":
        ends = _line_ends(feature["geometry"])
        return (
            ends is not None and point_ok(g["from"], *ends[0], inside) and point_ok(g["to"], *ends[1], inside)
        )
    at = _point(feature)
    return at is not None and point_ok(g["at"], *at, inside)


def stage_of(
    g: dict[str, Any],
    layer: str,
    features: list[dict[str, Any]],
    resolved: Callable[[dict[str, Any], str], bool],
    inside: Inside,
) -> str:
    """The first stage at which the pipeline failed this gold item ("found" when it did not)."""
    feats = [f for f in features if f["properties"].get("layer") == layer]
    cited = [f for f in feats if all(cites(f, d, s) for d, s in _citations(g))]
    if cited:
        placed = [f for f in cited if placed_right(g, f, layer, inside)]
        if not placed:
            return "end not resolved" if not _ends_resolved(g, layer, resolved) else "wrong end"
        return "found" if any(date_ok(g, f["properties"]) for f in placed) else "wrong date"
    if any(placed_right(g, f, layer, inside) and date_ok(g, f["properties"]) for f in feats):
        return "not cited"
    return "not detected" if _ends_resolved(g, layer, resolved) else "end not resolved"


def _ends_resolved(g: dict[str, Any], layer: str, resolved: Callable[[dict[str, Any], str], bool]) -> bool:
    specs = [g["from"], g["to"]] if layer == "routes" else [g["at"]]
    # an end the text only implies ("from Russia" unnamed) has no mention to resolve
    doc = _citations(g)[0][0]
    return all(resolved(spec, doc) for spec in specs if spec.get("mention"))


def unsupported(gold: dict[str, Any], features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Route and event features that cite no sentence of any gold route or event (an event where a
    gold route's movement was seen rests on that route's sentence)."""
    items = [*gold.get("routes", []), *gold.get("events", [])]
    return [
        f
        for f in features
        if f["properties"].get("layer") in ("routes", "events")
        and not any(any(cites(f, d, s) for d, s in _citations(g)) for g in items)
    ]


def noise_cited(gold: dict[str, Any], features: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    """Features citing a sentence the gold lists as reporting nothing (plans, captions, habits)."""
    return [
        (f, n["why"])
        for n in gold.get("not_cited", [])
        for f in features
        if f["properties"].get("layer") in ("routes", "events") and cites(f, n["doc"], n["sentence"])
    ]


# -- running the pipeline --------------------------------------------------------------------------


def _features_and_places(docs: str | Path, limit: int | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from sortie.geodata.articles import load_articles
    from sortie.geodata.events import extract, merge_features
    from sortie.geodata.geojson import feature_json
    from sortie.geodata.pipeline import parse_docs
    from sortie.geodata.places.gazetteer import open_gazetteer
    from sortie.geodata.records import Article

    articles = [a for a in load_articles([docs]) if isinstance(a, Article)]
    if limit:
        articles = articles[:limit]
    if not articles:
        raise InputError(str(docs), "no readable articles in it")
    gazetteer = open_gazetteer()
    events, routes, places = [], [], {}
    for parsed, doc in parse_docs(articles, gazetteer=gazetteer):
        ev, rt = extract(parsed, doc, gazetteer)
        events += ev
        routes += rt
        places[Path(parsed.article.doc).name] = (parsed.article.text, parsed.toponyms)
    features = [feature_json(f) for f in merge_features(events, routes)]
    return features, {"places": places, "gazetteer": gazetteer}


def evaluate(
    gold_path: str | Path, docs: str | Path | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Stage table, misses and unsupported features for the articles in `docs` (default: the gold
    file's folder)."""
    gold = load_gold(gold_path)
    docs = docs or Path(gold_path).parent
    features, world = _features_and_places(docs, limit)
    gazetteer = world["gazetteer"]
    texts = world["places"]

    def inside(lon: float, lat: float, iso2: str) -> bool:
        outline = gazetteer.country_polygon(iso2)
        if outline is None:
            return False
        from shapely.geometry import Point

        pt = Point(lon, lat)
        return bool(outline.contains(pt)) or outline.distance(pt) * 111.0 <= 60.0

    def resolved(spec: dict[str, Any], doc: str) -> bool:
        if doc not in texts:
            return False
        text, toponyms = texts[doc]
        m = spec["mention"]
        spans = _occurrences(text, m)
        hits = [
            t.place
            for t in toponyms
            if t.place and any(t.mention.start < b and a < t.mention.end for a, b in spans)
        ]
        return any(point_ok(spec, p.lon, p.lat, inside) for p in hits)

    report: dict[str, Any] = {"gold": 0, "docs": sorted(texts)}
    for layer in ("routes", "events"):
        items = [g for g in gold.get(layer, []) if all(d in texts for d, _ in _citations(g))]
        stages = [(g, stage_of(g, layer, features, resolved, inside)) for g in items]
        report[layer] = {
            "total": len(items),
            "stages": dict(Counter(s for _, s in stages)),
            "misses": [
                {"what": g.get("id") or g.get("what"), "doc": _citations(g)[0][0], "stage": s}
                for g, s in stages
                if s != "found"
            ],
        }
        report["gold"] += len(items)
    report["unsupported"] = [_brief(f) for f in unsupported(gold, features)]
    report["noise_cited"] = [{**_brief(f), "why": why} for f, why in noise_cited(gold, features)]
    return report


def _occurrences(text: str, s: str) -> list[tuple[int, int]]:
    out, i = [], text.find(s)
    while i >= 0:
        out.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return out


def _brief(f: dict[str, Any]) -> dict[str, Any]:
    p = f["properties"]
    return {
        "layer": p["layer"],
        "name": p["name"],
        "start": p.get("start"),
        "end": p.get("end"),
        "cites": [f"{c['doc']}: {c['sentence'][:90]}" for c in p.get("citations") or []],
    }


def format_report(report: dict[str, Any]) -> str:
    lines = []
    header = f"{'layer':8} {'total':>5} " + " ".join(f"{s:>16}" for s in STAGES)
    lines.append(header)
    for layer in ("routes", "events"):
        r = report[layer]
        lines.append(f"{layer:8} {r['total']:>5} " + " ".join(f"{r['stages'].get(s, 0):>16}" for s in STAGES))
    for layer in ("routes", "events"):
        for m in report[layer]["misses"]:
            lines.append(f"  {layer[:-1]} {m['stage']:>16}: {m['doc']} {m['what']}")
    lines.append(f"features no gold item supports: {len(report['unsupported'])}")
    lines += [
        f"  {u['layer'][:-1]}: {u['name']} [{u['start']}..{u['end']}] <- {u['cites'][0]}"
        for u in report["unsupported"]
    ]
    if report["noise_cited"]:
        lines.append(f"features citing a sentence that reports nothing: {len(report['noise_cited'])}")
        lines += [f"  {u['name']} ({u['why']}) <- {u['cites'][0]}" for u in report["noise_cited"]]
    return "\n".join(lines)


def main_figures(report: dict[str, Any]) -> Iterable[str]:
    for layer in ("routes", "events"):
        r = report[layer]
        yield f"{layer} {r['stages'].get('found', 0)}/{r['total']}"
