"""What corrections cost when the features are read (run on demand; not a test).

    python benchmarks/bench_corrections.py [--articles 5000] [--corrections 0,10,100,1000]

1. Inputs: a store of synthetic articles written at run time (no model: hand-built records, one
   place, one event and one route per article, at random spots), so every article adds about three
   features and the merge has no work to share between them.
2. For each number of corrections (spread over places, events and routes: moves, dates and "wrong"),
   the corrections are stored and `Store.features()` (what the dashboard and `sortie export` read)
   is timed, best of three, against `Store.features(corrected=False)`, the machine's answer alone.
3. Output: one line per number of corrections: features, seconds without and with them, the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def build(path: Path, n: int) -> None:
    from storeworld import parsed_article

    from sortie.geodata.records import Citation, Event, Place, Route
    from sortie.geodata.store.geopackage import Store

    rng = random.Random(7)
    store = Store(path)
    for i in range(n):
        a = Place(
            f"bench:a{i}", f"Alpha {i}", "city", None, rng.uniform(-170, 170), rng.uniform(-60, 60), "city"
        )
        b = Place(
            f"bench:b{i}", f"Beta {i}", "city", None, rng.uniform(-170, 170), rng.uniform(-60, 60), "city"
        )
        text = f"Jets flew from Alpha {i} to Beta {i}. Rockets hit Alpha {i} on Sunday."
        p = parsed_article(f"doc{i:06d}.txt", text, {f"Alpha {i}": a, f"Beta {i}": b})
        s0, s1 = p.sentences[0], p.sentences[1]
        day = dt.date(2020, 1, 1) + dt.timedelta(days=i % 365)
        route = Route(
            "flight",
            "flight",
            a,
            b,
            Citation(p.article.doc, s0.text, s0.start, s0.end),
            start=day,
            end=day,
            time_precision="day",
        )
        event = Event(
            "rocket_attack",
            "rockets",
            a,
            Citation(p.article.doc, s1.text, s1.start, s1.end),
            start=day,
            end=day,
            time_precision="day",
        )
        store.ingest(p, [event], [route])


def best_of(fn: object, times: int = 3) -> float:
    out = []
    for _ in range(times):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append(time.perf_counter() - t0)
    return min(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--corrections", default="0,10,100,1000", help="comma-separated counts")
    args = ap.parse_args()
    from sortie.geodata.records import Place
    from sortie.geodata.store.corrections import mark_wrong, move, redate
    from sortie.geodata.store.geopackage import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.gpkg"
        t0 = time.perf_counter()
        build(path, args.articles)
        print(f"store: {args.articles} articles in {time.perf_counter() - t0:.1f} s")
        store = Store(path)
        features = store.features(corrected=False)
        rng = random.Random(11)
        made = 0
        elsewhere = Place("bench:elsewhere", "Elsewhere", "city", "ZZ", 10.0, 10.0, "city")
        for want in (int(x) for x in args.corrections.split(",")):
            while made < want:
                f = rng.choice(features)
                if f.layer == "places":
                    change = move(f, elsewhere)
                elif made % 2:
                    change = redate(f, dt.date(2021, 1, 1), dt.date(2021, 1, 2), "day")
                else:
                    change = mark_wrong(f)
                store.add_correction(change, "bench")
                made += 1
            raw = best_of(lambda: store.features(corrected=False))
            fixed = best_of(store.features)
            print(
                f"{want:>6} corrections, {len(features)} features: machine {raw:.3f} s, "
                f"corrected {fixed:.3f} s ({fixed / raw:.2f}x)"
            )


if __name__ == "__main__":
    main()
