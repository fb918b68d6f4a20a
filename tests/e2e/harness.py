"""Serve the dashboard on a free local port and drive Debian's Chromium with Playwright.

Shared by the browser tests, `scripts/screenshot.py` and `benchmarks/bench_dashboard.py`. Chromium is
the system package (/usr/bin/chromium), never a browser downloaded by `playwright install`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
# An article whose text tries to run script: the dashboard must show it as text.
HOSTILE_DOC = "hostile.txt"
HOSTILE_TEXT = (
    "Warplanes struck a depot near Kandahar on 3 March 2021. <script>window.__pwned = 1; alert(1)</script>\n"
    'A second report said <img src=x onerror="window.__pwned = 2; alert(2)"> the base was hit again.\n'
)


@contextmanager
def served(app: Any) -> Iterator[str]:
    """Run a Dash app's Flask server in a background thread; yield its base URL (http://127.0.0.1:PORT)."""
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one log line per request drowns the output
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_for_map(page: Any, timeout: float = 30_000) -> None:
    """Until the MapLibre canvas exists, the basemap source has loaded and the figure has data."""
    page.wait_for_selector("#map .maplibregl-canvas", timeout=timeout)
    page.wait_for_function(
        """() => {
            const g = document.querySelector('#map .js-plotly-plot');
            const sub = g && g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot;
            return sub && sub.map.isSourceLoaded('countries') && sub.map.isSourceLoaded('coastline')
                && g.data && g.data.length > 0;
        }""",
        timeout=timeout,
    )


# The ids of the features the map currently draws: points and vertices with coordinates in the
# graph's data, mapped to features through the time tables (assets/sortie.js keeps them on window).
VISIBLE_IDS_JS = """() => {
    const g = document.querySelector('#map .js-plotly-plot');
    const tables = window.sortieTables || [];
    const ids = new Set();
    g.data.forEach((t, j) => {
        const tab = tables[j];
        if (!tab) return;
        t.lon.forEach((x, i) => {
            const k = tab.vidx ? tab.vidx[i] : i;
            if (x !== null && k >= 0) ids.add(tab.ids[k]);
        });
    });
    return [...ids].sort();
}"""

# Pixel position (relative to the page) of a lon/lat on the map.
PROJECT_JS = """([lon, lat]) => {
    const g = document.querySelector('#map .js-plotly-plot');
    const m = g._fullLayout.map._subplot.map;
    const p = m.project([lon, lat]);
    const r = m.getCanvas().getBoundingClientRect();
    return [r.left + p.x, r.top + p.y];
}"""
