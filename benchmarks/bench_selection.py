"""Selecting a feature over 100,000 synthetic features, in headless Chromium (run on demand).

    .venv/bin/python benchmarks/bench_selection.py [--features 100000] [--rounds 3]

A selection opens the side panel, which narrows the map (fitted again to its new size); clearing it
widens the map again. Each round selects a feature from the list and then clears it, and reports for
each: the time to the panel's text shown (or the panel gone), and to the map done (it no longer says
it is drawing and MapLibre has nothing left to load or move).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))

from bench_dashboard import synthetic
from harness import chromium, served, wait_for_map

from sortie.dashboard import ids
from sortie.dashboard.app import create_app
from sortie.dashboard.corpus import Corpus

DONE_JS = f"""() => {{ const m = window.sortie.map();
    return document.getElementById('{ids.MAP}').getAttribute('aria-busy') !== 'true'
        && m.loaded() && !m.isMoving(); }}"""
PICK_JS = f"([id, n]) => window.dash_clientside.set_props('{ids.LIST_PICK}', {{data: {{id: id, n: n}}}})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    features, articles = synthetic(args.features)
    picks = [f.id for f in features if f.layer == "places"][: args.rounds]
    times: dict[str, list[float]] = {
        "select: panel": [],
        "select: map": [],
        "clear: panel": [],
        "clear: map": [],
    }
    with served(create_app(corpus=Corpus.from_records(features, articles))) as url, chromium() as browser:
        page = browser.new_context(viewport={"width": 1400, "height": 850}).new_page()
        page.goto(url)
        wait_for_map(page, timeout=300_000)
        page.wait_for_function(DONE_JS, timeout=120_000)
        for n, fid in enumerate(picks, start=1):
            t0 = time.perf_counter()
            page.evaluate(PICK_JS, [fid, n])
            page.wait_for_function(f"() => document.querySelectorAll('#{ids.PANEL} .citation').length > 0")
            times["select: panel"].append(time.perf_counter() - t0)
            page.wait_for_timeout(100)
            page.wait_for_function(DONE_JS, timeout=120_000)
            times["select: map"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            page.locator(f"#{ids.CLEAR}").click()
            page.wait_for_function(
                "() => !document.getElementById('main-view').classList.contains('panel-open')"
            )
            times["clear: panel"].append(time.perf_counter() - t0)
            page.wait_for_timeout(100)
            page.wait_for_function(DONE_JS, timeout=120_000)
            times["clear: map"].append(time.perf_counter() - t0)
    print(f"{args.features} features, {args.rounds} rounds")
    for name, ts in times.items():
        print(f"  {name:14} {statistics.median(ts):6.2f} s  ({min(ts):.2f}-{max(ts):.2f})")


if __name__ == "__main__":
    main()
