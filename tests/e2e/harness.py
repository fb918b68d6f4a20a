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
    """Until the MapLibre canvas exists, the basemap has loaded, the page has drawn the features and
    Dash's controls (the time window, the layers) have reached the map."""
    page.wait_for_selector("#map .maplibregl-canvas", timeout=timeout)
    page.wait_for_function(
        """() => {
            const m = window.sortie && window.sortie.map();
            return m && m.isSourceLoaded('countries') && m.isSourceLoaded('coastline')
                && window.sortie.drawn() && window.sortie.time() !== null && m.loaded();
        }""",
        timeout=timeout,
    )


# The ids of the features the map currently draws, as MapLibre reports them (queryRenderedFeatures over
# the page's feature layers, at world scale so that nothing is outside the viewport, less those drawn
# transparent by feature-state), once it is idle.
VISIBLE_IDS_JS = """async () => {
    const m = window.sortie.map();
    m.jumpTo({center: [0, 0], zoom: 0});
    await new Promise((done) => { m.once('idle', done); m.triggerRepaint(); });
    const layers = window.sortie.layerIds().filter((id) => m.getLayer(id));
    const ids = new Set();
    for (const f of m.queryRenderedFeatures({layers})) {
        // Features outside the time window in a partly shown chunk are drawn transparent (feature-state).
        if (!(f.state && f.state.off)) ids.add(window.sortie.record(f.properties.i).id);
    }
    return [...ids].sort();
}"""


def visible_ids(page: Any, count: int | None = None, timeout: float = 15_000) -> list[str]:
    """The drawn features' ids; with `count`, first wait until that many are drawn (filters settle)."""
    import time

    deadline = time.monotonic() + timeout / 1000
    while True:
        shown = page.evaluate(VISIBLE_IDS_JS)
        if count is None or len(shown) == count or time.monotonic() > deadline:
            return shown
        page.wait_for_timeout(100)


# Pixel position (relative to the page) of a lon/lat on the map.
PROJECT_JS = """([lon, lat]) => {
    const m = window.sortie.map();
    const p = m.project([lon, lat]);
    const r = m.getCanvas().getBoundingClientRect();
    return [r.left + p.x, r.top + p.y];
}"""
