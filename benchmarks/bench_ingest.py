"""Cost of storing one article as the store grows (run on demand; not a test).

    python benchmarks/bench_ingest.py --corpus /work/shared/eval/trnews.jsonl --articles 300 \
        [--cache /tmp/sortie-bench-ingest.json] [--full-rebuild] [--store FILE]

1. Inputs: `--articles` article texts from a JSON Lines corpus (its "text" fields, read at run time,
   never copied into the repo) or the seeds, repeated; copy k of a text is published k * 61 days
   later, so copies are distinct articles that mostly do not merge with each other. They are parsed
   and their events and routes extracted once (the real model and gazetteer), and cached as JSON
   with `--cache` so before/after runs time identical inputs without re-parsing.
2. Timing: `Store.ingest` on each article in turn into a new store (parsing excluded): the mean
   milliseconds per article over each tenth of the run. A cost that does not grow with the corpus
   shows flat tenths. `--full-rebuild` also calls `Store.rebuild()` after every article, which is
   what every ingest cost when each article rebuilt every layer (the "before" figure).
3. Check: the incrementally maintained layers equal a full rebuild of the same store.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASE_DATE = dt.date(2020, 1, 6)


def texts_from(corpus: Path | None) -> list[str]:
    if corpus is not None:
        return [json.loads(line)["text"] for line in corpus.open(encoding="utf-8") if line.strip()]
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def build_inputs(corpus: Path | None, count: int) -> list[dict[str, Any]]:
    """Parse and extract `count` articles; return them as JSON-able dicts (see sortie.geodata.serial)."""
    from sortie.geodata.events import extract
    from sortie.geodata.pipeline import parse_docs
    from sortie.geodata.places.gazetteer import open_gazetteer
    from sortie.geodata.records import Article
    from sortie.geodata.serial import to_jsonable

    base = texts_from(corpus)
    if not base:
        raise SystemExit("no texts to ingest")
    articles = [
        Article(
            doc=f"bench-{i:04d}.txt",
            text=base[i % len(base)],
            source="bench",
            published=BASE_DATE + dt.timedelta(days=61 * (i // len(base))),
        )
        for i in range(count)
    ]
    gazetteer = open_gazetteer()
    out = []
    t0 = time.perf_counter()
    for n, (parsed, doc) in enumerate(parse_docs(articles, gazetteer=gazetteer), start=1):
        events, routes = extract(parsed, doc, gazetteer)
        out.append(
            {"parsed": to_jsonable(parsed), "events": to_jsonable(events), "routes": to_jsonable(routes)}
        )
        if n % 50 == 0:
            print(f"  parsed {n}/{count} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return out


def load_inputs(args: argparse.Namespace) -> list[dict[str, Any]]:
    cache: Path | None = args.cache
    if cache is not None and cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        if len(data) >= args.articles:
            return data[: args.articles]
    data = build_inputs(args.corpus, args.articles)
    if cache is not None:
        cache.write_text(json.dumps(data), encoding="utf-8")
    return data


def run(inputs: list[dict[str, Any]], store_path: Path, full_rebuild: bool) -> list[float]:
    """Seconds spent storing each article, in order."""
    from sortie.geodata.records import Event, ParsedArticle, Route
    from sortie.geodata.serial import from_jsonable
    from sortie.geodata.store.geopackage import Store

    store = Store(store_path)
    times = []
    for item in inputs:
        parsed = from_jsonable(ParsedArticle, item["parsed"])
        events = [from_jsonable(Event, e) for e in item["events"]]
        routes = [from_jsonable(Route, r) for r in item["routes"]]
        t0 = time.perf_counter()
        store.ingest(parsed, events, routes)
        if full_rebuild:
            store.rebuild()
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, help="JSON Lines file with a 'text' field per line")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--cache", type=Path, help="JSON file keeping the parsed inputs between runs")
    ap.add_argument("--full-rebuild", action="store_true", help="rebuild every layer after each article")
    ap.add_argument("--store", type=Path, help="store file to create (default: a temporary one)")
    args = ap.parse_args()

    import sortie.geodata.store.geopackage  # noqa: F401  # bound now: the store code timed is the code at start

    inputs = load_inputs(args)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or Path(tmp) / "bench.gpkg"
        if path.exists():
            raise SystemExit(f"{path}: exists; the benchmark needs a new store")
        t0 = time.perf_counter()
        times = run(inputs, path, args.full_rebuild)
        total = time.perf_counter() - t0
        n = len(times)
        tenth = max(1, n // 10)
        rows = [times[i : i + tenth] for i in range(0, n, tenth)]
        mode = "ingest + full rebuild" if args.full_rebuild else "ingest"
        print(f"{mode}: {n} articles in {total:.1f} s ({1000 * total / n:.0f} ms/article on average)")
        print("mean ms/article by tenth of the run:", " ".join(f"{1000 * sum(r) / len(r):.0f}" for r in rows))
        from sortie.geodata.store.geopackage import Store

        store = Store(path)
        before = store.features()
        store.rebuild()
        after = store.features()
        same = before == after
        print(f"layers equal a full rebuild: {same} ({len(after)} features)")
        if not same:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
