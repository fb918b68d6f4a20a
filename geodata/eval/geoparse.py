"""`sortie eval geoparse`: score the place pipeline on a gold corpus (TR-News JSON Lines format).

One article a line: {"id", "text", "toponyms": [{"start", "end", "name", "lat", "lon", ...}]}.
Scoring follows the field (Gritta et al., "A pragmatic guide to geoparsing evaluation"):
- recognition: a found span is right when it overlaps a gold span; recall counts gold spans that some
  found span overlaps;
- resolution: Acc@161, the share of gold toponyms resolved within 161 km (100 miles) of the gold
  point; over all gold toponyms with coordinates (a miss or an unresolved mention counts wrong) and
  over those found and resolved only (what most papers print); with the mean error in km;
- the error table: the gold toponyms missed, left unresolved and resolved wrong, by kind of gold place
  (its kind in Sortie's gazetteer when the gold's GeoNames id is there, else "not in gazetteer"),
  and the false positives by the label recognition gave them: where the errors are, class by class.
Reading and scoring are kept apart from the parse, so the scoring is testable on hand-made results.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sortie.geodata.errors import InputError
from sortie.geodata.records import Article, Toponym

ACC_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lon: float | None
    lat: float | None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def read_corpus(path: str | Path, limit: int | None = None) -> Iterator[GoldArticle]:
    """Gold articles from a JSON Lines file; a bad line raises InputError naming file and line."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read the corpus ({exc.strerror})") from None
    with handle:
        count = 0
        for lineno, line in enumerate(handle, 1):
            if limit is not None and count >= limit:
                return
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                gold = tuple(
                    GoldToponym(
                        int(t["start"]),
                        int(t["end"]),
                        str(t.get("name", "")),
                        _num(t.get("lon")),
                        _num(t.get("lat")),
                        _id(t.get("geonameid")),
                    )
                    for t in row.get("toponyms", [])
                )
                yield GoldArticle(str(row.get("id") or f"line-{lineno}"), str(row["text"]), gold)
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise InputError(str(path), f"line {lineno} is not a gold article ({exc})") from None
            except RecursionError:
                raise InputError(str(path), f"line {lineno} is nested too deeply") from None
            count += 1


def _num(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def _id(value: Any) -> int | None:
    return None if value is None or value == "" else int(value)


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


@dataclass(slots=True)
class Tally:
    found: int = 0  # spans the system found
    found_right: int = 0  # of which overlap a gold span
    gold: int = 0
    gold_found: int = 0  # gold spans overlapped by a found span
    gold_coords: int = 0  # gold spans with coordinates
    resolved: int = 0  # of those, found and resolved
    within: int = 0  # of those, within ACC_KM of gold
    errors_km: list[float] = field(default_factory=list)  # of resolved gold toponyms
    # The error table: (outcome, kind of gold place) -> count, outcome one of "gold", "missed",
    # "unresolved", "wrong", "right"; and false positives by recognition label.
    by_kind: Counter[tuple[str, str]] = field(default_factory=Counter)
    false_positives: Counter[str] = field(default_factory=Counter)
    wrong_as: Counter[str] = field(default_factory=Counter)  # wrong resolutions by kind chosen


# What kind of place a gold toponym names, for the error table.
KindOf = Callable[[GoldToponym], str]


def _no_kind(g: GoldToponym) -> str:
    return "all"


def score_article(
    gold: Sequence[GoldToponym], found: Sequence[Toponym], tally: Tally, kind_of: KindOf = _no_kind
) -> None:
    """Add one article's counts to `tally`; `kind_of` names the class of each gold toponym."""
    from sortie.geodata.geometry import distance_km

    tally.found += len(found)
    for t in found:
        if any(_overlaps(t.mention.start, t.mention.end, g.start, g.end) for g in gold):
            tally.found_right += 1
        else:
            tally.false_positives[t.mention.label] += 1
    for g in gold:
        hits = [t for t in found if _overlaps(t.mention.start, t.mention.end, g.start, g.end)]
        kind = kind_of(g)
        tally.gold += 1
        tally.gold_found += bool(hits)
        tally.by_kind["gold", kind] += 1
        if not hits:
            tally.by_kind["missed", kind] += 1
        if g.lat is None or g.lon is None:
            continue
        tally.gold_coords += 1
        # Of several overlapping mentions, the one sharing most characters with the gold span speaks.
        hits.sort(key=lambda t: -(min(t.mention.end, g.end) - max(t.mention.start, g.start)))
        place = hits[0].place if hits else None
        if place is None:
            if hits:
                tally.by_kind["unresolved", kind] += 1
            continue
        km = distance_km((place.lon, place.lat), (g.lon, g.lat))
        tally.resolved += 1
        tally.within += km <= ACC_KM
        tally.by_kind["right" if km <= ACC_KM else "wrong", kind] += 1
        if km > ACC_KM:
            tally.wrong_as[place.kind] += 1
        tally.errors_km.append(km)


def report_of(tally: Tally, articles: int) -> dict[str, Any]:
    p = tally.found_right / tally.found if tally.found else 0.0
    r = tally.gold_found / tally.gold if tally.gold else 0.0
    errors = tally.errors_km
    return {
        "articles": articles,
        "gold_toponyms": tally.gold,
        "gold_with_coordinates": tally.gold_coords,
        "found": tally.found,
        "found_correct": tally.found_right,
        "gold_found": tally.gold_found,
        "resolved": tally.resolved,
        "within_161km": tally.within,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "acc161_resolved": tally.within / tally.resolved if tally.resolved else 0.0,
        "acc161_all": tally.within / tally.gold_coords if tally.gold_coords else 0.0,
        "mean_error_km": statistics.fmean(errors) if errors else None,
        "median_error_km": statistics.median(errors) if errors else None,
        "errors_by_kind": _error_table(tally.by_kind),
        "false_positives_by_label": dict(tally.false_positives.most_common()),
        "wrong_by_kind_chosen": dict(tally.wrong_as.most_common()),
    }


_OUTCOMES = ("gold", "missed", "unresolved", "wrong", "right")


def _error_table(by_kind: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """kind -> outcome -> count, the kinds with most errors first."""
    kinds = {kind for _, kind in by_kind}
    table = {kind: {o: by_kind[o, kind] for o in _OUTCOMES} for kind in kinds}
    return dict(
        sorted(
            table.items(), key=lambda kv: (-(kv[1]["missed"] + kv[1]["unresolved"] + kv[1]["wrong"]), kv[0])
        )
    )


def score(
    pairs: Iterable[tuple[GoldArticle, Sequence[Toponym]]], kind_of: KindOf = _no_kind
) -> dict[str, Any]:
    """Figures for (gold article, system toponyms) pairs: the pure half of `evaluate`."""
    tally = Tally()
    n = 0
    for gold, found in pairs:
        score_article(gold.toponyms, found, tally, kind_of)
        n += 1
    return report_of(tally, n)


def gazetteer_kinds(gazetteer: Any) -> KindOf:
    """Classes a gold toponym by the kind Sortie's gazetteer gives its GeoNames id: "city",
    "admin1", "admin2", ...; "not in gazetteer" when the gazetteer lacks it (a coverage miss),
    "no geonameid" when the gold gives none."""

    def kind_of(g: GoldToponym) -> str:
        if g.geonameid is None:
            return "no geonameid"
        place = gazetteer.get(f"geonames:{g.geonameid}")
        return place.kind if place is not None else "not in gazetteer"

    return kind_of


def evaluate(corpus: str, limit: int | None = None, *, demonyms: bool = True) -> dict[str, Any]:
    """Parse every article of `corpus` with the full pipeline and score it; `demonyms=False` counts
    no adjectival demonym ("Iraqi bases") as a mention of its country."""
    from sortie.geodata.pipeline import parse_articles
    from sortie.geodata.places.gazetteer import open_gazetteer

    golds = list(read_corpus(corpus, limit))
    articles = [Article(doc=g.id, text=g.text) for g in golds]
    gazetteer = open_gazetteer()
    parsed = parse_articles(articles, gazetteer=gazetteer, demonyms=demonyms)
    report = score(((g, p.toponyms) for g, p in zip(golds, parsed, strict=True)), gazetteer_kinds(gazetteer))
    report["corpus"] = str(corpus)
    return report


def format_report(report: dict[str, Any]) -> str:
    """The figures as a person reads them."""

    def km(v: float | None) -> str:
        return "n/a" if v is None else f"{v:,.0f} km"

    return "\n".join(
        [
            f"corpus: {report.get('corpus', '?')} ({report['articles']} articles, "
            f"{report['gold_toponyms']} gold toponyms, {report['gold_with_coordinates']} with coordinates)",
            "recognition (a found span counts when it overlaps a gold span):",
            f"  precision {report['precision']:.3f}  "
            f"({report['found_correct']}/{report['found']} found spans)",
            f"  recall    {report['recall']:.3f}  "
            f"({report['gold_found']}/{report['gold_toponyms']} gold spans)",
            f"  F1        {report['f1']:.3f}",
            "resolution (Acc@161: within 161 km of the gold point):",
            f"  Acc@161 over found and resolved   {report['acc161_resolved']:.3f}  "
            f"({report['within_161km']}/{report['resolved']})",
            f"  Acc@161 over all gold with coords {report['acc161_all']:.3f}  "
            f"({report['within_161km']}/{report['gold_with_coordinates']}; a miss counts wrong)",
            f"  error: mean {km(report['mean_error_km'])}, median {km(report['median_error_km'])}",
            *_format_table(report),
        ]
    )


def _format_table(report: dict[str, Any]) -> list[str]:
    table = report.get("errors_by_kind") or {}
    if not table:
        return []
    width = max(len("kind of gold place"), *(len(k) for k in table))
    lines = [
        "errors by kind of gold place (missed: not found; unresolved: found, no place; wrong: > 161 km off):",
        f"  {'kind of gold place':<{width}}  " + "  ".join(f"{o:>10}" for o in _OUTCOMES),
    ]
    for kind, row in table.items():
        lines.append(f"  {kind:<{width}}  " + "  ".join(f"{row[o]:>10}" for o in _OUTCOMES))
    for key, title in (
        ("wrong_by_kind_chosen", "wrong resolutions by kind Sortie chose"),
        ("false_positives_by_label", "false positives by recognition label"),
    ):
        counts = report.get(key) or {}
        if counts:
            lines.append(f"{title}: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
    return lines
