"""`sortie serve` as a user runs it: a production server on loopback that keeps answering while an
ingest writes to the same store, and shows the new articles on the next page load."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SORTIE = [sys.executable, "-m", "geodata"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str) -> tuple[int, str]:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        con.request("GET", path)
        resp = con.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        con.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, Path, subprocess.Popen[str]]]:
    store = tmp_path / "store.gpkg"
    done = subprocess.run(
        [*SORTIE, "ingest", "--store", str(store), str(SEEDS)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    port = _free_port()
    proc = subprocess.Popen(
        [*SORTIE, "serve", "--store", str(store), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline, "sortie serve did not start"
                time.sleep(0.2)
        yield port, store, proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _titles(layout: str) -> set[str]:
    """Every string of the page's layout (the article filter lists the articles' titles)."""
    out: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, str):
            out.add(node)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads(layout))
    return out


@pytest.mark.model
def test_an_ingest_while_serving_locks_nothing_and_a_reload_shows_it(
    server: tuple[int, Path, subprocess.Popen[str]],
) -> None:
    port, store, proc = server
    status, page = _get(port, "/")
    assert status == 200 and "Sortie" in page
    # Served by waitress, not Flask's development server (which names itself Werkzeug).
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    con.request("GET", "/")
    assert "werkzeug" not in (con.getresponse().getheader("Server") or "").lower()
    con.close()
    before = _titles(_get(port, "/_dash-layout")[1])
    new_titles = {v["title"] for v in json.loads((DATA / "articles" / "meta.json").read_text()).values()}
    assert not new_titles & before

    # Viewers keep loading the page (each load reads the store when it changed) during the ingest.
    failures: list[str] = []
    answered = 0
    stop = threading.Event()

    def viewer() -> None:
        nonlocal answered
        while not stop.is_set():
            status, body = _get(port, "/_dash-layout")
            if status != 200:
                failures.append(f"HTTP {status}: {body[:200]}")
            answered += 1

    viewers = [threading.Thread(target=viewer) for _ in range(4)]
    for v in viewers:
        v.start()
    try:
        done = subprocess.run(
            [*SORTIE, "ingest", "--store", str(store), str(DATA / "articles")], capture_output=True, text=True
        )
    finally:
        stop.set()
        for v in viewers:
            v.join()
    assert done.returncode == 0, done.stderr
    assert "locked" not in done.stderr.lower()
    assert not failures, failures[:3]
    assert answered > 4  # the viewers were answered while the ingest ran

    after = _titles(_get(port, "/_dash-layout")[1])
    assert new_titles <= after
    proc.terminate()
    _, err = proc.communicate(timeout=10)
    assert "Traceback" not in err and "locked" not in err.lower()
