"""Browser-test fixtures: a store built by ingesting the seeds (plus one hostile article), the app
served from a background thread, and a Chromium page that records every request and console error."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from harness import HOSTILE_DOC, HOSTILE_TEXT, SEEDS, chromium, served


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sortie.geodata.store.ingest import ingest_paths

    folder = tmp_path_factory.mktemp("store")
    hostile = folder / "hostile"
    hostile.mkdir()
    (hostile / HOSTILE_DOC).write_text(HOSTILE_TEXT, encoding="utf-8")
    path = folder / "seeds.gpkg"
    assert ingest_paths([str(SEEDS)], store=str(path)) == 0
    assert ingest_paths([str(hostile)], store=str(path)) == 0
    return path


@pytest.fixture(scope="session")
def base_url(store_path: Path) -> Iterator[str]:
    from sortie.dashboard.app import create_app

    with served(create_app(store_path)) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@dataclass
class Recorder:
    """What the page did: every request URL, console errors, uncaught exceptions and dialogs."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser: Any, base_url: str, tmp_path: Path) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 850}, accept_downloads=True)
    pg = context.new_page()
    log = Recorder()
    pg.on("request", lambda r: log.requests.append(r.url))
    pg.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: log.errors.append(f"uncaught: {e}"))

    def on_dialog(dialog: Any) -> None:
        log.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.log = log
    yield pg
    context.close()
    # Over the whole test, every request went to the app's own host, and nothing failed in the page.
    own = urlsplit(base_url).netloc
    foreign = [
        u
        for u in log.requests
        if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != own
    ]
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert log.errors == [], f"console errors: {log.errors}"
    assert log.dialogs == [], f"the page opened dialogs (script ran): {log.dialogs}"
