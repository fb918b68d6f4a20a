"""The side panel of a much-cited place, in headless Chromium (run on demand).

    .venv/bin/python benchmarks/bench_panel.py [--citations 50 200 500 5000]

For each count: a store of one place cited by that many articles; the place's row in the list is
clicked and the time to its citations in the panel is taken, then to the next page after "Show more"
(when there is one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))

from harness import chromium, served, wait_for_map

from sortie.dashboard import ids
from sortie.dashboard.app import create_app
from sortie.dashboard.corpus import Corpus
from sortie.geodata.records import Article, Citation, Feature

COUNT_JS = f"(k) => document.querySelectorAll('#{ids.PANEL} .citation').length > k"


def archive(articles: int, cited: int) -> Corpus:
    """`articles` reports, one place (Baghdad) named in the first `cited` of them (also used by
    bench_archive.py)."""
    reports = [
        Article(
            f"a{i:06d}.txt",
            f"Bombers flew over Baghdad on day {i}.",
            title=f"Bombers over Baghdad, report number {i}",
            source="Wire",
            published=dt.date(2020, 1, 1) + dt.timedelta(days=i % 300),
        )
        for i in range(articles)
    ]
    cites = tuple(Citation(a.doc, a.text, 0, len(a.text), 18, 25) for a in reports[:cited])
    point = {"type": "Point", "coordinates": [44.4, 33.3]}
    place = Feature("places:x", "places", "Baghdad", "city", point, "IQ", "city", None, None, None, cites)
    return Corpus.from_records([place], reports)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citations", type=int, nargs="+", default=[50, 200, 500, 5000])
    args = parser.parse_args()
    with chromium() as browser:
        for n in args.citations:
            with served(create_app(corpus=archive(n, n))) as url:
                page = browser.new_context(viewport={"width": 1400, "height": 850}).new_page()
                page.goto(url)
                wait_for_map(page, timeout=60_000)
                t0 = time.perf_counter()
                page.locator(f"#{ids.FEATURE_LIST} [data-feature]").first.click()
                page.wait_for_function(COUNT_JS, arg=0, timeout=300_000)
                shown = page.locator(f"#{ids.PANEL} .citation").count()
                line = f"{n:6d} citations: {shown} shown {time.perf_counter() - t0:6.2f} s after the click"
                more = page.locator(f"#{ids.PANEL} .citations-more")
                if more.count():
                    t0 = time.perf_counter()
                    more.click()
                    page.wait_for_function(COUNT_JS, arg=shown)
                    count = page.locator(f"#{ids.PANEL} .citation").count()
                    line += f"; 'Show more': {count} shown {time.perf_counter() - t0:.2f} s after"
                print(line, flush=True)
                page.context.close()


if __name__ == "__main__":
    main()
