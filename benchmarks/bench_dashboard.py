"""Dashboard speed on 100,000 synthetic features (or a real store), measured in headless Chromium.

    .venv/bin/python benchmarks/bench_dashboard.py [--features 100000] [--steps 10]
    .venv/bin/python benchmarks/bench_dashboard.py --store FILE [--steps 10]

With --store, the features are those of an existing store (e.g. one made with
`sortie ingest --store /tmp/x.gpkg seeds/`) instead of synthetic ones. Run on demand.

Reports: the size of what the server sends for the map, the first page load (navigation to the map drawn
with every feature), and for slider steps (a key press on a slider handle) the time to the map redrawn
(MapLibre's `idle` event), how much of it is the page changing layers and feature states, and the cost
of one frame with nothing changed (what drawing the shown features costs: software GL in headless
Chromium with --disable-gpu). Two cases: a wide window (most features shown) and a one-month window.
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

from sortie.dashboard.corpus import Corpus
from sortie.geodata.geometry import geodesic_line
from sortie.geodata.records import Article, Citation, Feature

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
    const m = window.sortie.map();
    const now = () => performance.now();
    window.bench = {t0: 0, tiles: 0, idle: 0, painted: 0};
    const after = () => window.bench.t0 && window.sortieTiming
        && window.sortieTiming.filteredAt > window.bench.t0;
    document.addEventListener('keydown', () => {
        window.bench = {t0: now(), tiles: 0, idle: 0, painted: 0};
        // A step that changes nothing on the map renders nothing (and MapLibre then fires no idle):
        // ask for a frame as soon as the page has applied the window, from inside the page (a request
        // from the benchmark would add its own round trip to the figure).
        const poke = () => (after() ? m.triggerRepaint() : requestAnimationFrame(poke));
        requestAnimationFrame(poke);
    }, true);
    m.on('sourcedata', (e) => {
        // A source of features re-tiled (not the labels', which follow the window once it rests).
        if (after() && e.sourceId.startsWith('sortie-') && e.sourceId !== 'sortie-labels' && e.isSourceLoaded)
            window.bench.tiles = now();
    });
    // idle: MapLibre has issued the draw; the next animation frame comes once the GPU (here software GL
    // in the GPU process) has drawn it: that is when the new map is on screen.
    m.on('idle', () => {
        const b = window.bench;
        if (!after() || b.idle) return;
        b.idle = now();
        requestAnimationFrame(() => { b.painted = now(); });
    });
}"""

# The time of one frame with nothing changed: what drawing the features costs (software GL here).
FRAME_JS = """async () => {
    const m = window.sortie.map();
    const times = [];
    for (let k = 0; k < 5; k++) {
        const t = performance.now();
        await new Promise((done) => { m.once('render', done); m.triggerRepaint(); });
        times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return times[2];
}"""


def steps(page, thumb: str, key: str, count: int) -> dict[str, list[float]]:
    """Press `key` on a slider handle `count` times (`key` may be "A|B": A, B, A, ...); per step, the
    times from the key press to the map's layers and feature states set, and to the map drawn (MapLibre
    idle); whether what is shown changed; and whether a source had to be re-tiled (a window end crossed
    into another chunk)."""
    out: dict[str, list[float]] = {
        "filters": [],
        "retiled": [],
        "idle": [],
        "drawn": [],
        "js": [],
        "changed": [],
    }
    keys = key.split("|")
    for k in range(count):
        page.locator(thumb).press(keys[k % len(keys)])
        page.wait_for_function("() => window.sortieTiming.filteredAt > window.bench.t0", timeout=60_000)
        page.wait_for_function("() => window.bench.painted > 0", timeout=60_000)
        b, timing = page.evaluate("() => [window.bench, window.sortieTiming]")
        out["filters"].append(timing["filteredAt"] - b["t0"])
        out["js"].append(timing["filterMs"])
        out["changed"].append(1.0 if timing.get("changed") else 0.0)
        out["retiled"].append(1.0 if b["tiles"] else 0.0)
        out["idle"].append(b["idle"] - b["t0"])
        out["drawn"].append(b["painted"] - b["t0"])
        page.wait_for_timeout(200)
    return out


def report(page, name: str, times: dict[str, list[float]]) -> None:
    med = {k: statistics.median(v) for k, v in times.items()}
    drawn = times["drawn"]
    frame = page.evaluate(FRAME_JS)
    retiled = int(sum(times["retiled"]))
    changed = int(sum(times["changed"]))
    print(
        f"slider step, {name}: key press -> map redrawn, median of {len(drawn)}: {med['drawn']:.0f} ms "
        f"(min {min(drawn):.0f}, max {max(drawn):.0f}); {changed} steps changed what is shown, "
        f"{retiled} re-tiled a source\n"
        f"  key press -> layers and feature states set {med['filters']:.0f} ms "
        f"-> MapLibre idle {med['idle']:.0f} ms -> next frame (drawn) {med['drawn']:.0f} ms "
        f"(setting them: {med['js']:.1f} ms); one frame with nothing changed: {frame:.0f} ms"
    )


def first_load(page, url: str) -> float:
    """Open the map in `page`; print where the time went; return seconds to the map drawn with every
    feature."""
    t = time.perf_counter()
    page.goto(url)
    wait_for_map(page, timeout=180_000)
    page.wait_for_function("() => { const m = window.sortie.map(); return m.loaded() && !m.isMoving(); }")
    loaded = time.perf_counter() - t
    # Where the first load went, on the page's clock (ms since navigation): the map data's response
    # (from /map-data, dashboard/feed.py), the features built into MapLibre, the map loaded and drawn.
    at = page.evaluate(
        """async () => {
            const big = performance.getEntriesByType('resource')
                .filter((e) => e.name.includes('/map-data'))
                .sort((a, b) => b.encodedBodySize - a.encodedBodySize)[0];
            const loaded = performance.now();
            await new Promise((done) => requestAnimationFrame(done));
            return {request: big.requestStart, response: big.responseStart, received: big.responseEnd,
                    built: window.sortieBuilt.at, buildMs: window.sortieBuilt.ms, loaded,
                    controlled: window.sortieControlled.at,
                    painted: performance.now()};
        }"""
    )
    print(
        f"first load: {loaded:.2f} s to the map drawn with every feature; on the page's clock (s): "
        f"map data asked {at['request'] / 1000:.2f}, server answered {at['response'] / 1000:.2f}, "
        f"received {at['received'] / 1000:.2f}, built into MapLibre {at['built'] / 1000:.2f} "
        f"(took {at['buildMs']:.0f} ms), Dash's controls applied {at['controlled'] / 1000:.2f}, "
        f"tiles loaded {at['loaded'] / 1000:.2f}, "
        f"drawn {at['painted'] / 1000:.2f}"
    )
    return loaded


def load(args: argparse.Namespace) -> tuple[Corpus, list[Feature]]:
    """The corpus to serve: the store's (--store) or synthetic features."""
    if args.store:
        path = Path(args.store)
        if not path.exists():
            sys.exit(
                f"bench_dashboard: no store at {path} (make one with `sortie ingest --store {path} PATH`)"
            )
        t = time.perf_counter()
        corpus = Corpus.from_store(path)
        snapshot = corpus.snapshot()
        print(
            f"read {len(snapshot.features)} features of {len(snapshot.articles)} articles from {path} "
            f"in {time.perf_counter() - t:.2f} s"
        )
        return corpus, snapshot.features
    t = time.perf_counter()
    features, articles = synthetic(args.features)
    print(f"built {len(features)} synthetic features in {time.perf_counter() - t:.1f} s")
    return Corpus.from_records(features, articles), features


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000, help="synthetic features (without --store)")
    parser.add_argument("--store", help="measure on this store instead of synthetic features")
    parser.add_argument("--steps", type=int, default=10, help="slider steps per case (0: first load only)")
    parser.add_argument("--loads", type=int, default=1, help="first loads to measure, each in a new page")
    args = parser.parse_args()

    corpus, features = load(args)
    from sortie.dashboard.app import create_app
    from sortie.dashboard.feed import make_answer
    from sortie.dashboard.figures import map_data

    t = time.perf_counter()
    data = map_data(features, corpus.snapshot().by_id)
    build = time.perf_counter() - t
    t = time.perf_counter()
    answer = make_answer(data, "bench")
    sources = sum(len(s) for s in answer.sources)
    vertices = sum(len(p) // 2 for parts in data["routes"]["parts"] for p in parts)
    print(
        f"server: map_data {build * 1000:.0f} ms, its answer {(time.perf_counter() - t) * 1000:.0f} ms "
        f"(records {len(answer.body) / 1e6:.2f} MB and {len(answer.sources)} GeoJSON sources "
        f"{sources / 1e6:.2f} MB, gzip); {len(data['points']['id'])} points, {len(data['routes']['id'])} "
        f"routes with {vertices} vertices"
    )

    app = create_app(corpus=corpus)
    with served(app) as url, chromium() as browser:
        # First loads in fresh pages (a new browser context each: no cache), then the slider in the last.
        loads: list[float] = []
        page = None
        for _ in range(max(1, args.loads)):
            if page is not None:
                page.context.close()  # an open map would go on using the machine
            page = browser.new_context(viewport={"width": 1400, "height": 850}).new_page()
            loads.append(first_load(page, url))
        if len(loads) > 1:
            print(
                f"first load, median of {len(loads)}: {statistics.median(loads):.2f} s "
                f"(min {min(loads):.2f}, max {max(loads):.2f})"
            )
        if args.steps < 1:
            return 0
        page.evaluate(HOOKS_JS)
        upper, lower = ".dash-slider-thumb-2", ".dash-slider-thumb-1"
        lo, hi = (
            int(page.locator(upper).get_attribute(name) or 0) for name in ("aria-valuemin", "aria-valuemax")
        )
        if hi - lo < 4:
            print(f"slider steps: not measured, the corpus spans {hi - lo + 1} day(s)")
            return 0
        page.locator(upper).press("PageDown")  # off the end once, so that every later step changes the window
        page.wait_for_timeout(1000)
        at_end = int(page.locator(upper).get_attribute("aria-valuenow") or hi)
        # Each step moves a handle one day: no more steps than there are days to move over.
        count = min(args.steps, at_end - lo - 1)
        report(page, "wide window (the end handle)", steps(page, upper, "ArrowLeft", count))
        # A window of about a month (less in a short corpus), set as a shared link would; then its start
        # handle steps right.
        end = int(page.locator(upper).get_attribute("aria-valuenow") or hi)
        width = min(35, end - lo)
        page.evaluate(
            "([a, b]) => window.dash_clientside.set_props('time-slider', {value: [a, b]})", [end - width, end]
        )
        page.wait_for_timeout(3000)
        name = "one-month window" if width == 35 else f"{width}-day window"
        report(
            page, f"{name} (the start handle)", steps(page, lower, "ArrowRight", min(args.steps, width - 1))
        )
        # Larger steps, which in a small real store change what is shown far more often than one-day
        # steps: the end handle ten days back from the last day and forth again (PageDown, PageUp; the
        # slider ignores Home on the end handle), where a news corpus's latest reports sit.
        page.evaluate(
            "([a, b]) => window.dash_clientside.set_props('time-slider', {value: [a, b]})", [lo, hi]
        )
        page.wait_for_timeout(2000)
        report(
            page,
            "ten-day steps at the end (the end handle)",
            steps(page, upper, "PageDown|PageUp", args.steps),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
