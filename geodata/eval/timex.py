"""Score time-expression recognition and normalisation against a TimeML gold corpus.

The corpus is JSON Lines, one article a line: {"id", "dct", "text", "timexes": [{"start", "end",
"text", "type", "value"}]}. Scoring follows TempEval-3: strict extent match (same offsets) and
relaxed (any overlap) precision/recall/F1; type accuracy and value accuracy over relaxed matches;
value F1 = relaxed F1 x value accuracy.

Errors are also counted by class, for finding what to fix: a missed gold expression and a wrong
value by the kind of the gold value (a day, a week, a duration, a vague reference...), a spurious one
by the kind of the value found; a wrong value is "same kind" when the kind was right and only the
date or amount was wrong ("Friday" a week off), "other kind" when it was not ("last week" valued
as a month, "recent years" as PAST_REF instead of a duration).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from sortie.geodata.errors import InputError


def _read(corpus: str, limit: int | None) -> list[dict]:
    path = Path(corpus)
    if not path.is_file():
        raise InputError(corpus, "no such corpus file")
    docs = []
    try:
        with path.open(encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    docs.append(_document(json.loads(line)))
                except json.JSONDecodeError as e:
                    raise InputError(corpus, f"line {number} is not JSON ({e.msg})") from None
                except (KeyError, TypeError, ValueError, AttributeError) as e:
                    raise InputError(corpus, f"line {number} is not a gold document ({e})") from None
                except RecursionError:
                    raise InputError(corpus, f"line {number} is nested too deeply") from None
                if limit is not None and len(docs) >= limit:
                    break
    except UnicodeDecodeError as e:
        raise InputError(corpus, f"not valid UTF-8 ({e.reason} at byte {e.start})") from None
    return docs


def _document(doc: Any) -> dict:
    """One gold document, checked for what `evaluate` reads, with `dct` parsed into `published`."""
    if not isinstance(doc, dict):
        raise TypeError(f"expected an object, got {type(doc).__name__}")
    for key, kind in (("id", (str, int)), ("text", str), ("timexes", list)):
        if not isinstance(doc.get(key), kind):
            raise KeyError(f"{key!r} missing or of the wrong type")
    for g in doc["timexes"]:
        if not isinstance(g, dict) or not all(k in g for k in ("start", "end", "text", "type", "value")):
            raise KeyError("a timex needs start, end, text, type and value")
    dct = doc.get("dct")
    return {**doc, "published": dt.date.fromisoformat(dct[:10]) if dct else None}


_KINDS = (
    ("ref", re.compile(r"^(?:PRESENT|PAST|FUTURE)_REF$")),
    ("duration", re.compile(r"^P")),
    ("time", re.compile(r"T")),
    ("day", re.compile(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}$")),
    ("week", re.compile(r"^[\dX]{4}-W")),
    ("quarter", re.compile(r"^[\dX]{4}-[QH]")),
    ("season", re.compile(r"^[\dX]{4}-(?:SP|SU|FA|WI)$")),
    ("month", re.compile(r"^[\dX]{4}-[\dX]{2}$")),
    ("year", re.compile(r"^[\dX]{4}$")),
    ("decade", re.compile(r"^[\dX]{3}$")),
    ("century", re.compile(r"^[\dX]{2}$")),
)
# The order the table lists kinds in: the calendar from fine to coarse, then the rest.
KIND_ORDER = ("time", "day", "week", "month", "season", "quarter", "year", "decade", "century",
              "duration", "set", "ref", "other")  # fmt: skip


def value_kind(type_: str, value: str) -> str:
    """What a TIMEX3 value names: "day", "week", "duration", "set", "ref" (PRESENT_REF...)."""
    if type_ == "SET":
        return "set"
    return next((kind for kind, pattern in _KINDS if pattern.search(value)), "other")


def _prf(tp: int, found: int, gold: int) -> tuple[float, float, float]:
    p = tp / found if found else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(corpus: str, limit: int | None = None) -> dict:
    """Figures for `find_times` on `corpus`, each document read with its `dct` as publication date."""
    from sortie.geodata.timex import find_times

    n_gold = n_found = strict = relaxed = type_ok = value_ok = 0
    errors: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = {}

    def count(kind: str, error: str) -> None:
        by_kind.setdefault(kind, Counter())[error] += 1

    misses: list[dict] = []
    docs = _read(corpus, limit)
    for doc in docs:
        text = doc["text"]
        found = find_times(text, None, doc["published"])
        gold = doc["timexes"]
        n_gold += len(gold)
        for g in gold:
            count(value_kind(g["type"], g["value"]), "gold")
        n_found += len(found)
        used: set[int] = set()
        for g in gold:
            match = None
            for i, f in enumerate(found):
                overlaps = i not in used and f.start < g["end"] and g["start"] < f.end
                # Any overlap matches (relaxed); an exact one is preferred (strict).
                if overlaps and (match is None or (f.start, f.end) == (g["start"], g["end"])):
                    match = i
            if match is None:
                errors["missed"] += 1
                count(value_kind(g["type"], g["value"]), "missed")
                misses.append({"doc": doc["id"], "kind": "missed", "gold": g["text"], "value": g["value"],
                               "class": value_kind(g["type"], g["value"]), "start": g["start"]})  # fmt: skip
                continue
            used.add(match)
            f = found[match]
            relaxed += 1
            strict += (f.start, f.end) == (g["start"], g["end"])
            type_ok += f.type == g["type"]
            if f.value == g["value"]:
                value_ok += 1
            else:
                errors["wrong value"] += 1
                kind = value_kind(g["type"], g["value"])
                count(kind, "same kind" if value_kind(f.type, f.value) == kind else "other kind")
                misses.append({"doc": doc["id"], "kind": "value", "gold": g["text"], "value": g["value"],
                               "found": f.text, "got": f.value, "dct": doc.get("dct"), "class": kind,
                               "start": g["start"]})  # fmt: skip
        for i, f in enumerate(found):
            if i not in used:
                errors["spurious"] += 1
                count(value_kind(f.type, f.value), "spurious")
                misses.append({"doc": doc["id"], "kind": "spurious", "found": f.text, "got": f.value,
                               "class": value_kind(f.type, f.value), "start": f.start})  # fmt: skip
    sp, sr, sf = _prf(strict, n_found, n_gold)
    rp, rr, rf = _prf(relaxed, n_found, n_gold)
    value_acc = value_ok / relaxed if relaxed else 0.0
    return {
        "corpus": corpus,
        "documents": len(docs),
        "gold": n_gold,
        "found": n_found,
        "strict": {"precision": sp, "recall": sr, "f1": sf},
        "relaxed": {"precision": rp, "recall": rr, "f1": rf},
        "type_accuracy": type_ok / relaxed if relaxed else 0.0,
        "value_accuracy": value_acc,
        "value_f1": rf * value_acc,
        "errors": dict(errors),
        "errors_by_kind": {k: dict(by_kind[k]) for k in KIND_ORDER if k in by_kind},
        "misses": misses,
    }


def format_report(report: dict) -> str:
    """The figures as a short plain-text table."""
    s, r = report["strict"], report["relaxed"]
    lines = [
        f"corpus: {report['corpus']} ({report['documents']} documents, {report['gold']} gold, "
        f"{report['found']} found)",
        f"strict extent   P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}",
        f"relaxed extent  P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}",
        f"type accuracy   {report['type_accuracy']:.3f}",
        f"value accuracy  {report['value_accuracy']:.3f}",
        f"value F1        {report['value_f1']:.3f}",
        "errors: " + ", ".join(f"{k} {v}" for k, v in sorted(report["errors"].items())),
        "",
        "errors by kind of value (missed and wrong: the gold value's kind; spurious: the found one's)",
        f"{'kind':<10}{'gold':>6}{'missed':>8}{'spurious':>10}{'wrong value':>13}{'same kind':>11}"
        f"{'other kind':>12}",
    ]
    for kind, n in report.get("errors_by_kind", {}).items():
        wrong = n.get("same kind", 0) + n.get("other kind", 0)
        lines.append(
            f"{kind:<10}{n.get('gold', 0):>6}{n.get('missed', 0):>8}{n.get('spurious', 0):>10}{wrong:>13}"
            f"{n.get('same kind', 0):>11}{n.get('other kind', 0):>12}"
        )
    return "\n".join(lines)
