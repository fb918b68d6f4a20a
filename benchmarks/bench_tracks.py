"""Observed tracks at scale: import of synthetic fixes, and the dashboard with them.

    python benchmarks/bench_tracks.py import --fixes 1000000 --tracks 1000 [--format readsb|opensky]
    python benchmarks/bench_tracks.py dashboard --fixes 1000000 --tracks 1000 --steps 8

The files are written from the documented formats (readsb trace_full JSON, one file per aircraft; or
OpenSky state-vector CSV, one file per 100 aircraft) into a temporary folder: aircraft fly geodesics
from random points at 250-480 kt with a fix every 5 s (1,000 fixes: 83 minutes each), starting
within `--hours` (24: about 60 aircraft in the air at any minute), so every fix passes the checks.
`import` times `sortie tracks import` (the same function, in-process, two worker processes) from the
files to the committed store. `dashboard` imports them into a store, serves the dashboard on
127.0.0.1, and measures in headless Chromium the first load (until the tracks are drawn) and the page
work of a step of the tracks' time slider (the time to apply the new window; then the next frame).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
T0 = 1709647200.0  # 2024-03-05T14:00:00Z
STEP_S = 5.0


def synthetic_tracks(
    n_tracks: int, n_fixes: int, seed: int = 8, hours: float = 24.0
) -> list[dict[str, np.ndarray | str]]:
    from pyproj import Geod

    rng = np.random.default_rng(seed)
    geod = Geod(ellps="WGS84")
    per = n_fixes // n_tracks
    out = []
    for k in range(n_tracks):
        lon0, lat0 = rng.uniform(-170, 170), rng.uniform(-60, 65)
        speed_kt = rng.uniform(250, 480)
        az = rng.uniform(0, 360)
        dist = np.arange(per) * STEP_S * speed_kt * 1852 / 3600
        lon, lat, _ = geod.fwd(np.full(per, lon0), np.full(per, lat0), np.full(per, az), dist)
        start = T0 + rng.uniform(0, hours * 3600)
        alt = np.minimum(35000, 2000 + np.arange(per) * 40.0)
        out.append({
            "hex": f"{0xa00000 + k:06x}", "callsign": f"TST{k:04d}", "ts": start + np.arange(per) * STEP_S,
            "lon": np.asarray(lon), "lat": np.asarray(lat), "alt": alt, "gs": np.full(per, speed_kt),
            "track": np.full(per, az),
        })  # fmt: skip
    return out


def write_readsb(tracks: list[dict], folder: Path) -> None:
    for t in tracks:
        ts = t["ts"]
        base = float(ts[0])
        trace = [
            [round(s - base, 2), round(la, 5), round(lo, 5), int(a), round(g, 1), round(tr, 1), 0, 0,
             {"flight": t["callsign"]} if i == 0 else None, "adsb_icao", int(a) + 100]
            for i, (s, la, lo, a, g, tr) in enumerate(
                zip(ts.tolist(), t["lat"].tolist(), t["lon"].tolist(), t["alt"].tolist(), t["gs"].tolist(),
                    t["track"].tolist(), strict=True))
        ]  # fmt: skip
        doc = {"icao": t["hex"], "t": "B52", "timestamp": base, "trace": trace}
        (folder / f"trace_full_{t['hex']}.json").write_text(json.dumps(doc, separators=(",", ":")))


OPENSKY_HEADER = (
    "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,"
    "geoaltitude,lastposupdate,lastcontact,hour"
)


def write_opensky(tracks: list[dict], folder: Path, per_file: int = 100) -> None:
    for f in range(math.ceil(len(tracks) / per_file)):
        lines = [OPENSKY_HEADER]
        for t in tracks[f * per_file : (f + 1) * per_file]:
            cols = [t[k].tolist() for k in ("ts", "lat", "lon", "alt", "gs", "track")]
            for s, la, lo, a, g, tr in zip(*cols, strict=True):
                m = a * 0.3048
                lines.append(
                    f"{s:.0f},{t['hex']},{la:.5f},{lo:.5f},{g * 0.514444:.2f},{tr:.1f},0,{t['callsign']},"
                    f"False,False,False,,{m:.1f},{m + 30:.1f},{s:.0f},{s:.0f},0"
                )
        (folder / f"states_{f:03d}.csv").write_text("\n".join(lines) + "\n")


def make_files(folder: Path, n_tracks: int, n_fixes: int, fmt: str, hours: float = 24.0) -> None:
    tracks = synthetic_tracks(n_tracks, n_fixes, hours=hours)
    (write_readsb if fmt == "readsb" else write_opensky)(tracks, folder)


def bench_import(args: argparse.Namespace) -> None:
    from sortie.geodata.tracks.importer import import_paths

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        t = time.perf_counter()
        make_files(folder, args.tracks, args.fixes, args.format, args.hours)
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(f"wrote {args.fixes:,} fixes of {args.tracks:,} aircraft as {args.format} "
              f"({size / 2**20:.0f} MB) in {time.perf_counter() - t:.1f} s")  # fmt: skip
        store = Path(tmp) / "store.gpkg"
        t = time.perf_counter()
        code = import_paths([str(folder)], store=str(store), workers=args.workers, quiet=True)
        took = time.perf_counter() - t
        assert code == 0, code
        print(f"import: {took:.2f} s, {args.fixes / took:,.0f} fixes/s ({args.workers} workers)")
        t = time.perf_counter()
        import_paths([str(folder)], store=str(store), workers=args.workers, quiet=True)
        print(f"re-import (all unchanged): {time.perf_counter() - t:.2f} s")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="what", required=True)
    for name in ("import", "dashboard"):
        sp = sub.add_parser(name)
        sp.add_argument("--fixes", type=int, default=1_000_000)
        sp.add_argument("--tracks", type=int, default=1000)
        sp.add_argument("--format", choices=["readsb", "opensky"], default="readsb")
        sp.add_argument("--workers", type=int, default=2)
        sp.add_argument("--steps", type=int, default=8)
        sp.add_argument("--hours", type=float, default=24.0, help="flights start within this many hours")
    args = p.parse_args(argv)
    if args.what == "import":
        bench_import(args)
    else:
        bench_dashboard(args)
    return 0


# After a key press on a handle: wait for the page to apply the new window, then for the frame after it.
AFTER_STEP_JS = """async (before) => {
    const t0 = performance.now();
    while (!window.sortieTracksTiming || window.sortieTracksTiming.at === before) {
        await new Promise((r) => setTimeout(r, 1));
        if (performance.now() - t0 > 10000) return null;
    }
    const timing = Object.assign({}, window.sortieTracksTiming);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return {apply_ms: timing.ms, changed: timing.changed, frame_ms: performance.now() - timing.at};
}"""
LOADED_JS = """async () => {
    const m = window.sortie.map();
    while (!(m.loaded() && m.areTilesLoaded())) await new Promise((r) => setTimeout(r, 20));
}"""


def step(page, handle, key: str) -> dict | None:
    before = page.evaluate("window.sortieTracksTiming ? window.sortieTracksTiming.at : -1")
    handle.press(key)
    return page.evaluate(AFTER_STEP_JS, before)


def bench_dashboard(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(REPO / "tests" / "e2e"))
    from harness import chromium, served

    from sortie.dashboard.app import create_app
    from sortie.geodata.tracks.importer import import_paths

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        make_files(folder, args.tracks, args.fixes, args.format, args.hours)
        store = Path(tmp) / "store.gpkg"
        t = time.perf_counter()
        assert import_paths([str(folder)], store=str(store), workers=args.workers, quiet=True) == 0
        print(f"imported {args.fixes:,} fixes of {args.tracks:,} aircraft in {time.perf_counter() - t:.1f} s")
        app = create_app(store)
        with served(app) as url, chromium() as browser:
            page = browser.new_page(viewport={"width": 1400, "height": 850})
            sizes: list[int] = []
            page.on(
                "response",
                lambda r: sizes.append(len(r.body())) if "_dash-update-component" in r.url else None,
            )
            for run in range(2):
                t = time.perf_counter()
                page.goto(url)
                page.wait_for_function(
                    "() => window.sortieTracks && window.sortieTracks.drawn()", timeout=300_000
                )
                drawn = time.perf_counter() - t
                built = page.evaluate("window.sortieTracksBuilt")
                page.evaluate(LOADED_JS)
                idle = time.perf_counter() - t
                print(
                    f"first load ({'cold server cache' if run == 0 else 'warm'}): tracks drawn {drawn:.1f} s"
                    f" (building {built['pieces']:,} minute pieces in the page: {built['ms']:.0f} ms),"
                    f" every tile drawn {idle:.1f} s; largest response {max(sizes) / 2**20:.1f} MB"
                )
            # A two-hour window in the middle of the span, set from the keyboard (PageUp/PageDown move a
            # handle ten minutes), then steps of ten minutes of its end.
            upper = page.locator("#track-slider .dash-slider-thumb-2")
            lower = page.locator("#track-slider .dash-slider-thumb-1")
            span = int(upper.get_attribute("aria-valuemax")) - int(upper.get_attribute("aria-valuemin"))
            for _ in range(span // 20):
                upper.press("PageDown")
            for _ in range(span // 20 - 12):
                lower.press("PageUp")
            page.wait_for_timeout(500)
            print(
                "window:",
                page.locator("#track-label").inner_text(),
                "- aircraft in it:",
                len(page.evaluate("window.sortieTracks.visibleFlights()")),
            )
            keys = ["PageUp", "PageDown"] * (args.steps // 2)
            steps = [s for s in (step(page, upper, k) for k in keys) if s]
            for key, s in zip(keys, steps, strict=False):
                print(
                    f"slider step ({key}, 10 min): window applied in {s['apply_ms']:.1f} ms"
                    f" ({s['changed']:,} pieces changed), next frame {s['frame_ms']:.0f} ms after"
                )
            work = sorted(s["apply_ms"] for s in steps)
            print(f"slider step page work: median {work[len(work) // 2]:.1f} ms, max {work[-1]:.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
