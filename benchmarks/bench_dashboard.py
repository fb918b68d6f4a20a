"""Dashboard speed on 100,000 synthetic features, measured in headless Chromium (run on demand).

    .venv/bin/python benchmarks/bench_dashboard.py [--features 100000] [--steps 10]

Reports: the first page load (navigation to the map drawn with every trace), the size of what the
server sends, and for slider steps (a key press on the slider's handle) the time to the map redrawn,
split into the browser-side time filter, Plotly's update, and MapLibre's render (its `idle` event).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))

from harness import chromium, served, wait_for_map

from dashboard.corpus import Corpus
from geodata.geometry import geodesic_line
from geodata.records import Article, Citation, Feature

PLACE_KINDS = [
    ("city", "city"),
    ("airbase", "point"),
    ("country", "country"),
    ("water", "region"),
    ("admin1", "region"),
]
EVENT_KINDS = [
    "strike",
    "missile_attack",
    "flight",
    "deployment",
    "naval",
    "clash",
    "shelling",
    "interception",
]


def synthetic(n: int, seed: int = 7) -> tuple[list[Feature], list[Article]]:
    """n features over a year: 60% places, 30% events, 10% routes; 5% undated; 1,000 articles."""
    rng = random.Random(seed)
    first = dt.date(2020, 1, 1)
    articles = [
        Article(
            f"a{i:04d}.txt",
            "Planes flew from A to B. " * 20,
            title=f"Article {i}",
            source="Wire",
            published=first + dt.timedelta(days=i % 366),
        )
        for i in range(1000)
    ]
    features = []
    for i in range(n):
        doc = articles[rng.randrange(len(articles))].doc
        cite = (Citation(doc, "Planes flew from A to B.", 0, 24, 17, 18),)
        day = None if rng.random() < 0.05 else first + dt.timedelta(days=rng.randrange(366))
        lon, lat = rng.uniform(-179, 179), rng.uniform(-60, 75)
        r = rng.random()
        if r < 0.6:
            kind, precision = PLACE_KINDS[i % len(PLACE_KINDS)]
            features.append(
                Feature(
                    f"places:{i}",
                    "places",
                    f"Place {i}",
                    kind,
                    {"type": "Point", "coordinates": [lon, lat]},
                    "US",
                    precision,
                    day,
                    day,
                    "day" if day else None,
                    cite,
                )
            )
        elif r < 0.9:
            kind = EVENT_KINDS[i % len(EVENT_KINDS)]
            features.append(
                Feature(
                    f"events:{i}",
                    "events",
                    f"{kind} {i}",
                    kind,
                    {"type": "Point", "coordinates": [lon, lat]},
                    "US",
                    "city",
                    day,
                    day,
                    "day" if day else None,
                    cite,
                )
            )
        else:
            end = (
                max(-179.0, min(179.0, lon + rng.uniform(-40, 40))),
                max(-60.0, min(75.0, lat + rng.uniform(-20, 20))),
            )
            line = geodesic_line((lon, lat), end, step_km=100)
            features.append(
                Feature(
                    f"routes:{i}",
                    "routes",
                    f"Route {i}",
                    "flight",
                    {"type": "LineString", "coordinates": [list(p) for p in line]},
                    "US",
                    "city",
                    day,
                    day,
                    "day" if day else None,
                    cite,
                )
            )
    return features, articles


HOOKS_JS = """() => {
    const g = document.querySelector('#map .js-plotly-plot');
    const m = g._fullLayout.map._subplot.map;
    window.bench = {t0: 0, plot: 0, idle: 0};
    const start = () => { window.bench = {t0: performance.now(), plot: 0, idle: 0}; };
    document.addEventListener('keydown', start, true);
    g.on('plotly_afterplot', () => { if (!window.bench.plot) window.bench.plot = performance.now(); });
    m.on('idle', () => { if (window.bench.t0 && !window.bench.idle) window.bench.idle = performance.now(); });
}"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()

    t = time.perf_counter()
    features, articles = synthetic(args.features)
    print(f"built {len(features)} synthetic features in {time.perf_counter() - t:.1f} s")
    from dashboard.app import create_app
    from dashboard.figures import map_figure

    t = time.perf_counter()
    fig = map_figure(features)
    build = time.perf_counter() - t
    import json

    t = time.perf_counter()
    size = len(json.dumps(fig))
    print(
        f"server: map_figure {build * 1000:.0f} ms, JSON {(time.perf_counter() - t) * 1000:.0f} ms, "
        f"{size / 1e6:.1f} MB, {sum(len(tr['lon']) for tr in fig['data'])} points/vertices"
    )

    app = create_app(corpus=Corpus.from_records(features, articles))
    with served(app) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        t = time.perf_counter()
        page.goto(url)
        wait_for_map(page, timeout=180_000)
        page.wait_for_function(
            "() => { const m = document.querySelector('#map .js-plotly-plot')._fullLayout.map._subplot.map;"
            " return m.loaded() && !m.isMoving(); }",
            timeout=180_000,
        )
        print(f"first load: {time.perf_counter() - t:.2f} s to the map drawn with every feature")
        page.evaluate(HOOKS_JS)
        thumb = page.locator(".dash-slider-thumb-2")
        thumb.click()  # focus it (Radix's slider takes keys once clicked)
        page.keyboard.press("PageDown")  # move off the end once so later steps all change the window
        page.wait_for_timeout(2000)
        totals, plots, filters = [], [], []
        for _ in range(args.steps):
            page.keyboard.press("ArrowLeft")
            page.wait_for_function("() => window.bench.idle > 0 && window.bench.plot > 0", timeout=60_000)
            b = page.evaluate("() => [window.bench, window.sortieTiming]")
            totals.append(b[0]["idle"] - b[0]["t0"])
            plots.append(b[0]["plot"] - b[0]["t0"])
            filters.append(b[1]["filterMs"])
            page.wait_for_timeout(300)
        print(
            f"slider step, key press -> map redrawn (median of {args.steps}): "
            f"{statistics.median(totals):.0f} ms "
            f"(min {min(totals):.0f}, max {max(totals):.0f})"
        )
        print(
            f"  of which time filter in JS: {statistics.median(filters):.1f} ms; "
            f"key press -> Plotly updated: {statistics.median(plots):.0f} ms; "
            f"MapLibre render after that: {statistics.median(totals) - statistics.median(plots):.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
