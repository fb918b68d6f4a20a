"""List the time-expression errors of `sortie eval timex`, one class at a time (run on demand).

    python benchmarks/timex_errors.py ../shared/eval/timebank_aquaint.jsonl [--error value] [--kind week]

Prints the eval's figures and per-class table, then every error of the chosen class with the words
around it, grouped by kind of value: what to read before writing a rule. The corpus text is only
printed, never stored.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from sortie.geodata.eval.timex import KIND_ORDER, evaluate, format_report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--error", choices=["missed", "spurious", "value"], help="only this class of error")
    ap.add_argument("--kind", choices=KIND_ORDER, help="only errors on values of this kind")
    ap.add_argument("--context", type=int, default=60, help="characters shown each side (default 60)")
    args = ap.parse_args()

    report = evaluate(args.corpus)
    print(format_report(report))
    texts = {}
    for line in Path(args.corpus).read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            texts[doc["id"]] = (doc["text"], (doc.get("dct") or "")[:10])
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for m in report["misses"]:
        if (args.error in (None, m["kind"])) and (args.kind in (None, m["class"])):
            groups[(m["kind"], m["class"])].append(m)
    for (error, kind), items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"\n== {error} / {kind}: {len(items)}")
        for m in items:
            text, dct = texts[m["doc"]]
            start = m["start"]
            around = text[max(0, start - args.context) : start + args.context].replace("\n", " ")
            gold = f"{m.get('gold', '')!r} {m.get('value', '')}" if "gold" in m else "-"
            found = f"{m.get('found', '')!r} {m.get('got', '')}" if "found" in m else "-"
            print(f"{m['doc']} dct {dct}  gold {gold}  found {found}\n    ...{around}...")


if __name__ == "__main__":
    main()
