"""Take docs/dashboard.png: the dashboard on the seeds, with the route cited by both seeds selected.

    .venv/bin/python scripts/screenshot.py [--store FILE] [-o docs/dashboard.png]

Uses the browser tests' setup (tests/e2e/harness.py): a store built by ingesting seeds/ (unless
--store is given), the app on a free local port, Debian's headless Chromium.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))

from harness import PROJECT_JS, SEEDS, chromium, served, wait_for_map  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="an existing store (default: ingest seeds/ into a temporary one)")
    parser.add_argument("-o", "--output", default=str(REPO / "docs" / "dashboard.png"))
    args = parser.parse_args()

    from sortie.dashboard.app import create_app
    from sortie.geodata.store.geopackage import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = args.store
        if store is None:
            from sortie.geodata.store.ingest import ingest_paths

            store = str(Path(tmp) / "seeds.gpkg")
            ingest_paths([str(SEEDS)], store=store)
        features = Store(store).features()
        # The best-supported route (most articles citing it) is the one worth showing selected.
        routes = sorted((f for f in features if f.layer == "routes"), key=lambda f: (-f.sources, f.id))
        with served(create_app(store)) as url, chromium() as browser:
            page = browser.new_page(viewport={"width": 1500, "height": 860}, device_scale_factor=1)
            page.goto(url + (f"/?sel={routes[0].id}" if routes else "/"))
            wait_for_map(page)
            if routes:
                page.locator("#panel .citation").first.wait_for()
                # Hover the route's mid-route marker so the hover label shows in the picture.
                mid = page.evaluate("(id) => window.sortie.anchor(id)", routes[0].id)
                x, y = page.evaluate(PROJECT_JS, mid)
                page.mouse.move(x, y)
            page.wait_for_timeout(1500)
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
