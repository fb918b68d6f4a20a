"""Cost of one long article, stage by stage, against spaCy alone (run on demand; not a test).

    python benchmarks/bench_scale.py [--sizes 10000,100000,1000000] [--shape prose]

1. Inputs: a synthetic article of each size (characters), made at run time from the test articles
   in tests/data (their paragraphs in turn, numbers changed on each pass so copies differ; `prose`),
   or one of the shapes that once made Sortie quadratic: `line` (the prose on one line),
   `repeated` (one place name over and over) and `sentences` (one short sentence naming a place,
   again and again).
2. Each size runs in two fresh processes: spaCy alone (the model loaded, the text parsed as Sortie
   parses it, in pieces), and the whole ingest: spaCy, recognition, resolution, times, events (with
   coreference and the folding of repeats), merging into features, and the store (a new store in a
   temporary folder). Seconds are wall-clock per stage; memory is the process's peak resident size
   after each stage (ru_maxrss), so a stage's figure is the peak so far.
3. Output: one table per size, with the ingest's total time and peak memory as a ratio to spaCy
   alone. Linear stages keep their share of the time as the size grows tenfold.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("spacy", "recognize", "resolve", "times", "events", "merge", "store")


def prose(size: int) -> str:
    paras = [
        p
        for d in ("articles", "articles2", "articles3")
        for f in sorted((ROOT / "tests" / "data" / d).glob("*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n\n")
        if p.strip()
    ]
    out: list[str] = []
    total = i = 0
    while total < size:
        k = i // len(paras)
        para = re.sub(r"\b\d+\b", lambda m, k=k: str(int(m.group()) + k), paras[i % len(paras)])
        out.append(para)
        total += len(para) + 2
        i += 1
    return "\n\n".join(out)[:size]


def make_text(shape: str, size: int) -> str:
    if shape == "prose":
        return prose(size)
    if shape == "line":
        return prose(size).replace("\n", " ")
    unit = {"repeated": "Kabul ", "sentences": "Bombers flew to Kabul. "}[shape]
    return unit * max(1, size // len(unit))  # whole units: a cut name would be another word


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def child(mode: str, shape: str, size: int) -> dict[str, Any]:
    """Run in a fresh process: time and peak memory after each stage."""
    import datetime as dt
    import tempfile

    from sortie.geodata.nlp import load_model, parse_texts
    from sortie.geodata.places.gazetteer import open_gazetteer
    from sortie.geodata.records import Article

    text = make_text(shape, size)
    nlp = load_model()
    gazetteer = open_gazetteer() if mode == "full" else None
    out: dict[str, Any] = {"chars": len(text), "loaded_mb": _peak_mb(), "stages": {}}

    def stage(name: str, t0: float) -> float:
        now = time.perf_counter()
        out["stages"][name] = {"s": now - t0, "peak_mb": _peak_mb()}
        return now

    t = time.perf_counter()
    [doc] = parse_texts(nlp, [text])
    t = stage("spacy", t)
    if mode == "spacy":
        return out

    from sortie.geodata.events import extract, merge_features
    from sortie.geodata.pipeline import sentences_of
    from sortie.geodata.places.recognize import recognize
    from sortie.geodata.places.resolve import resolve
    from sortie.geodata.records import ParsedArticle
    from sortie.geodata.store.geopackage import Store
    from sortie.geodata.timex import find_times

    article = Article("long.txt", text, published=dt.date(2024, 3, 6))
    sentences = sentences_of(doc, text)
    mentions = recognize(doc, sentences, gazetteer, text=text)
    t = stage("recognize", t)
    toponyms = resolve(mentions, sentences, text, gazetteer)
    t = stage("resolve", t)
    times = find_times(text, sentences, article.published)
    t = stage("times", t)
    parsed = ParsedArticle(article, sentences, tuple(toponyms), tuple(times))
    events, routes = extract(parsed, doc, gazetteer)
    t = stage("events", t)
    features = merge_features(events, routes)
    t = stage("merge", t)
    with tempfile.TemporaryDirectory() as folder:
        Store(Path(folder) / "bench.gpkg").ingest(parsed, events, routes)
        stage("store", t)
    out["counts"] = {
        "sentences": len(sentences),
        "mentions": len(mentions),
        "times": len(times),
        "events": len(events),
        "routes": len(routes),
        "told": sum(e.mentions for e in events) + sum(r.mentions for r in routes),
        "features": len(features),
    }
    return out


def run_child(mode: str, shape: str, size: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", mode, "--shape", shape, "--sizes", str(size)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} run for {size:,} characters failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(shape: str, size: int) -> None:
    alone = run_child("spacy", shape, size)
    full = run_child("full", shape, size)
    spacy_s = alone["stages"]["spacy"]["s"]
    spacy_mb = alone["stages"]["spacy"]["peak_mb"]
    print(f"\n{shape}, {full['chars']:,} characters: {json.dumps(full['counts'])}")
    print(f"  {'stage':<10} {'seconds':>8} {'peak MB':>8}")
    print(f"  {'(loaded)':<10} {'':>8} {full['loaded_mb']:8.0f}")
    for name in STAGES:
        st = full["stages"][name]
        print(f"  {name:<10} {st['s']:8.2f} {st['peak_mb']:8.0f}")
    total = sum(st["s"] for st in full["stages"].values())
    peak = max(st["peak_mb"] for st in full["stages"].values())
    after = total - full["stages"]["spacy"]["s"]
    print(
        f"  spaCy alone {spacy_s:.2f} s, peak {spacy_mb:.0f} MB; ingest {total:.2f} s "
        f"({total / spacy_s:.2f}x spaCy alone; stages after spaCy {after:.2f} s), "
        f"peak {peak:.0f} MB ({peak / spacy_mb:.2f}x)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="characters, comma-separated")
    ap.add_argument("--shape", choices=["prose", "line", "repeated", "sentences"], default="prose")
    ap.add_argument("--child", choices=["spacy", "full"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.child:
        print(json.dumps(child(args.child, args.shape, sizes[0])))
        return
    for size in sizes:
        report(args.shape, size)


if __name__ == "__main__":
    main()
