"""Many viewers at once: `sortie serve` under 50 concurrent clients on loopback (run on demand).

    python benchmarks/bench_serve.py [--clients 50] [--seconds 60] [--store FILE] [--ingest-during]

1. Store: the seeds and the three test article sets ingested into a new store in a temporary folder
   (or `--store FILE`, used as it is).
2. Server: `sortie serve --store STORE --port P` in its own process, on 127.0.0.1 only.
3. Requests: the page's real ones. Headless Chromium (Debian's /usr/bin/chromium, see
   tests/e2e/harness.py) opens the page once and a person's first minute is played: the page loads,
   a search is typed and cleared, a layer is switched off and on, a feature of the list is clicked,
   its article opened. Every request the page sends to the server is recorded (Dash's callback POSTs
   with their exact bodies, and the GETs of the page, its layout, its scripts and the article view).
4. Load: `--clients` threads, each with its own keep-alive connection, replay the recorded requests
   in order, from a different starting point each, for `--seconds` (a bounded loop on loopback).
   Every response must be 200 (or Dash's 204 for "nothing to update"); anything else, or a broken
   connection, counts as an error.
5. With `--ingest-during`, `sortie ingest` of one more article runs into the same store while the
   clients replay; its exit status and output are checked for a lock error, and after it the page's
   layout must list the new article.

Output: requests made, errors, p50 / p99 / max latency of the callbacks and of all requests.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
SETS = [ROOT / "seeds", *(ROOT / "tests" / "data" / d for d in ("articles", "articles2", "articles3"))]
SORTIE = [sys.executable, "-m", "geodata"]
NEW_ARTICLE = (
    "Two B-52 bombers flew from Fairford to Estonia on 3 March 2024, the air force said.\n",
    "late.txt",
)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes | None
    headers: dict[str, str]

    @property
    def callback(self) -> bool:
        return self.path.startswith("/_dash-update-component")

    @property
    def label(self) -> str:
        """The path, or for a callback the outputs it updates (what tells callbacks apart)."""
        if not self.callback or not self.body:
            return self.path.split("?")[0]
        try:
            return "callback " + str(json.loads(self.body).get("output", "?"))[:60]
        except ValueError:
            return "callback ?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(folder: Path) -> Path:
    store = folder / "serve.gpkg"
    done = subprocess.run([*SORTIE, "ingest", "--store", str(store), *map(str, SETS)], check=False)
    if done.returncode != 0:
        raise SystemExit("ingest of the article sets failed")
    return store


def start_server(store: Path, port: int, log: Path) -> subprocess.Popen[str]:
    with log.open("w") as out:  # the child keeps its own copy of the file
        proc = subprocess.Popen(
            [*SORTIE, "serve", "--store", str(store), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"sortie serve stopped: {log.read_text()}") from None
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("sortie serve did not start within 60 s")


def record(base: str) -> list[Request]:
    """The requests a person's first minute on the page sends, as the browser sent them."""
    from harness import chromium, wait_for_map

    from sortie.dashboard import ids

    seen: list[Request] = []

    def keep(req: object) -> None:
        url = urlsplit(req.url)  # type: ignore[attr-defined]
        if f"{url.scheme}://{url.netloc}" != base:
            return
        headers = {
            k: v
            for k, v in req.headers.items()  # type: ignore[attr-defined]
            if k.lower() in ("content-type", "accept", "x-csrftoken")
        }
        body = req.post_data_buffer  # type: ignore[attr-defined]
        path = url.path + (f"?{url.query}" if url.query else "")
        seen.append(Request(req.method, path, body, headers))  # type: ignore[attr-defined]

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("request", keep)
        page.goto(base)
        wait_for_map(page)
        page.wait_for_load_state("networkidle")
        search = page.locator(f"#{ids.SEARCH}")
        search.fill("B-52")
        page.wait_for_load_state("networkidle")
        search.fill("")
        page.wait_for_load_state("networkidle")
        layer = page.locator(f"#{ids.LAYERS}").get_by_text("Routes")
        layer.click()
        page.wait_for_load_state("networkidle")
        layer.click()
        page.wait_for_load_state("networkidle")
        page.locator(f"#{ids.FEATURE_LIST} .item").first.click()
        page.locator(f"#{ids.PANEL} .citation-link").first.wait_for(timeout=15_000)
        href = page.locator(f"#{ids.PANEL} .citation-link").first.get_attribute("href") or "/"
        page.wait_for_load_state("networkidle")
        page.goto(base + href if href.startswith("/") else href)
        page.locator(f"#{ids.HIGHLIGHT}").wait_for(timeout=15_000)
        page.wait_for_load_state("networkidle")
    return seen


def replay(
    port: int, requests: list[Request], clients: int, seconds: float
) -> tuple[list[tuple[bool, float, str]], list[str]]:
    """(is a callback, seconds) per request answered, and the errors, from `clients` threads."""
    stop = time.monotonic() + seconds
    results: list[tuple[bool, float, str]] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[tuple[bool, float, str]] = []
        bad: list[str] = []
        k = n * 7
        while time.monotonic() < stop:
            req = requests[k % len(requests)]
            k += 1
            t0 = time.perf_counter()
            try:
                con.request(req.method, req.path, body=req.body, headers=req.headers)
                resp = con.getresponse()
                resp.read()
            except (OSError, http.client.HTTPException) as exc:
                bad.append(f"{req.method} {req.path}: {type(exc).__name__}: {exc}")
                con.close()
                con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append((req.callback, time.perf_counter() - t0, req.label))
            if resp.status not in (200, 204):
                bad.append(f"{req.method} {req.path}: HTTP {resp.status}")
        con.close()
        with lock:
            results.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def ingest_during(store: Path, folder: Path) -> subprocess.Popen[str]:
    late = folder / "late"
    late.mkdir(exist_ok=True)
    (late / NEW_ARTICLE[1]).write_text(NEW_ARTICLE[0], encoding="utf-8")
    return subprocess.Popen(
        [*SORTIE, "ingest", "--store", str(store), str(late)], stderr=subprocess.PIPE, text=True
    )


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--store", type=Path, help="an existing store (default: the article sets, ingested anew)")
    ap.add_argument("--ingest-during", action="store_true", help="ingest one more article while serving")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sortie-bench-serve-"))
    server = None
    try:
        store = args.store or build_store(folder)
        if args.ingest_during and args.store:
            shutil.copy(args.store, folder / "serve.gpkg")  # never write into the user's store
            store = folder / "serve.gpkg"
        port = free_port()
        log = folder / "serve.log"
        server = start_server(store, port, log)
        base = f"http://127.0.0.1:{port}"
        requests = record(base)
        callbacks = sum(r.callback for r in requests)
        print(f"recorded {len(requests)} requests of the page ({callbacks} callbacks); store {store}")
        ingest = ingest_during(store, folder) if args.ingest_during else None
        results, errors = replay(port, requests, args.clients, args.seconds)
        all_s = [s for _, s, _ in results]
        cb_s = [s for cb, s, _ in results if cb]
        print(
            f"{args.clients} clients, {args.seconds:.0f} s: {len(results)} responses "
            f"({len(results) / args.seconds:.0f}/s), {len(errors)} errors"
        )
        for name, values in (("callbacks", cb_s), ("all requests", all_s)):
            if values:
                print(
                    f"  {name:<13} p50 {pct(values, 0.50):7.1f} ms  p99 {pct(values, 0.99):7.1f} ms  "
                    f"max {max(values) * 1000:7.1f} ms  mean {statistics.mean(values) * 1000:7.1f} ms"
                )
        by_label: dict[str, list[float]] = {}
        for _, sec, label in results:
            by_label.setdefault(label, []).append(sec)
        slowest = sorted(by_label.items(), key=lambda kv: -statistics.mean(kv[1]))[:5]
        print(
            "  slowest requests (mean): "
            + "; ".join(f"{k} {statistics.mean(v) * 1000:.0f} ms" for k, v in slowest)
        )
        for e in sorted(set(errors))[:10]:
            print(f"  error: {e}")
        said = [line for line in log.read_text().splitlines() if "Sortie dashboard on" not in line]
        if said:
            print("server said:\n  " + "\n  ".join(said[-10:]))
        if ingest is not None:
            _, err = ingest.communicate(timeout=600)
            locked = "locked" in err.lower()
            con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                con.request("GET", "/_dash-layout")
                shown = NEW_ARTICLE[1] in con.getresponse().read().decode()
            except (OSError, http.client.HTTPException) as exc:
                print(f"  reload after the ingest failed: {type(exc).__name__}: {exc}")
                shown = False
            print(
                f"ingest during serving: exit {ingest.returncode}, lock error: {'yes' if locked else 'no'}, "
                f"new article in a reloaded page: {'yes' if shown else 'no'}"
            )
            if ingest.returncode or locked or not shown:
                print(err)
                return 1
        return 1 if errors else 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        if not args.store or args.ingest_during:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
