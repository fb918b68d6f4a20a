"""The dashboard over a big archive of articles, in headless Chromium (run on demand).

    .venv/bin/python benchmarks/bench_archive.py [--articles 100000] [--loads 2]

A store of that many articles (one place, named in the first twenty) is served; for each load, the
page is opened in a new browser context and timed to its map drawn, with the size of Dash's layout;
then the article filter is opened, an article's number typed, and the time to its option shown taken.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))

from bench_panel import archive
from harness import chromium, served, wait_for_map

from sortie.dashboard import ids
from sortie.dashboard.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--loads", type=int, default=2)
    args = parser.parse_args()
    wanted = f"report number {args.articles * 2 // 3}"
    with served(create_app(corpus=archive(args.articles, 20))) as url, chromium() as browser:
        for _ in range(args.loads):
            page = browser.new_context(viewport={"width": 1400, "height": 850}).new_page()
            sizes: dict[str, int] = {}

            def size(request, sizes=sizes):
                if "_dash-layout" in request.url:
                    sizes["layout"] = request.sizes()["responseBodySize"]

            page.on("requestfinished", size)
            t0 = time.perf_counter()
            page.goto(url)
            wait_for_map(page, timeout=300_000)
            loaded = time.perf_counter() - t0
            page.locator(f"#{ids.ARTICLE_FILTER}").click()
            t0 = time.perf_counter()
            page.keyboard.type(wanted)
            page.get_by_role("option", name=f"Bombers over Baghdad, {wanted}", exact=True).wait_for(
                timeout=120_000
            )
            found = time.perf_counter() - t0
            print(
                f"{args.articles} articles: map drawn {loaded:.1f} s after navigation, Dash's layout "
                f"{sizes.get('layout', 0) / 1e6:.2f} MB; '{wanted}' typed in the article filter, "
                f"its option shown {found:.1f} s after the first key",
                flush=True,
            )
            page.context.close()


if __name__ == "__main__":
    main()
