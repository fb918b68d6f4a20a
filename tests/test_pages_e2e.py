"""Saved web pages through the real pipeline: offsets into the extracted text, the store, progress."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sortie.geodata.cli import main
from sortie.geodata.pages import read_page
from sortie.geodata.store.geopackage import Store

pytestmark = pytest.mark.model

HTML = Path(__file__).parent / "data" / "html"


def test_parse_gives_offsets_into_the_extracted_text(capsys):
    assert main(["parse", str(HTML / "ledger-bombers.html")]) == 0
    out = json.loads(capsys.readouterr().out)
    text = read_page((HTML / "ledger-bombers.html").read_bytes(), "x").text
    assert (out["doc"], out["title"], out["source"], out["published"]) == (
        "ledger-bombers.html",
        "US bombers arrive in England for Baltic exercise",
        "The Northern Ledger",
        "2024-03-05",
    )
    assert out["url"] == "https://www.northernledger.example/world/2024/03/05/us-bombers-arrive-fairford"
    names = {p["text"] for p in out["places"]}
    assert {"RAF Fairford", "Gloucestershire", "Minot Air Force Base", "North Dakota"} <= names
    for item in out["places"] + out["times"]:
        assert text[item["start"] : item["end"]] == item["text"]
    # "on Monday" in a report of Tuesday 5 March 2024 is Monday 4 March.
    [monday] = [t for t in out["times"] if t["text"] == "Monday"]
    assert monday["value"] == "2024-03-04"


def test_ingest_a_folder_of_pages_shows_progress_and_stores_the_extracted_text(tmp_path, capsys):
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in ("ledger-bombers.html", "coastal-patrol.htm", "undated.html", "frontpage.html"):
        shutil.copy(HTML / name, folder)
    store = tmp_path / "s.gpkg"
    assert main(["ingest", str(folder), "--store", str(store)]) == 1  # the front page is no article
    err = capsys.readouterr().err
    assert "frontpage.html: no article text found in the page" in err
    assert "note: undated.html: no publication date in the page" in err
    # stderr is not a terminal here: plain progress lines, and the summary as before.
    progress = [line for line in err.splitlines() if line.startswith("sortie: parsing: ")]
    assert progress and progress[-1].startswith("sortie: parsing: 3/3 articles (100%), ")
    assert all("articles/s, ETA " in line for line in progress)
    assert "done: 3 added, 0 replaced, 0 unchanged, 1 failed" in err

    s = Store(store)
    article = s.article("ledger-bombers.html")
    assert article is not None
    assert article.text == read_page((HTML / "ledger-bombers.html").read_bytes(), "x").text
    assert article.url == "https://www.northernledger.example/world/2024/03/05/us-bombers-arrive-fairford"
    assert article.published == dt.date(2024, 3, 5) and article.source == "The Northern Ledger"
    texts = {d: s.article(d).text for d in ("ledger-bombers.html", "coastal-patrol.htm", "undated.html")}
    cited = [c for f in s.features() for c in f.citations]
    assert {c.doc for c in cited} >= {"ledger-bombers.html", "coastal-patrol.htm"}
    for c in cited:
        assert texts[c.doc][c.start : c.end] == c.sentence
    # The flight the page reports: from Minot to Fairford.
    routes = [f for f in s.features() if f.layer == "routes"]
    assert any("Fairford" in f.name and "Minot" in f.name for f in routes), [f.name for f in routes]
    # Ingested again: nothing changes.
    assert main(["ingest", str(folder / "ledger-bombers.html"), "--store", str(store)]) == 0
    assert "done: 0 added, 0 replaced, 1 unchanged, 0 failed" in capsys.readouterr().err


# `sortie ingest` in a fresh interpreter whose audit hook records any attempt to reach another
# machine (a library may swallow the error the hook raises, so the record is what is checked).
_OFFLINE_INGEST = """
import sys
attempts = []
NETWORK = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
           "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg"}
def hook(event, args):
    if event in NETWORK:
        attempts.append(f"{event} {args!r}")
        raise RuntimeError(f"went online: {event}")
sys.addaudithook(hook)
from sortie.geodata.cli import main
code = main(sys.argv[1:])
print(f"exit {code}; attempts {attempts}")
"""


def test_ingest_of_saved_pages_never_goes_online(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in ("ledger-bombers.html", "hostile.html"):
        shutil.copy(HTML / name, folder)
    store = str(tmp_path / "s.gpkg")
    run = [sys.executable, "-c", _OFFLINE_INGEST]
    done = subprocess.run([*run, "ingest", str(folder), "--store", store], capture_output=True, text=True)
    assert done.stdout.strip() == "exit 0; attempts []", done.stderr
    assert "done: 2 added" in done.stderr
    # A URL without --fetch: refused before any request.
    done = subprocess.run(
        [*run, "ingest", "http://127.0.0.1:9/page.html", "--store", store], capture_output=True, text=True
    )
    assert done.stdout.strip() == "exit 2; attempts []"
    assert "--fetch" in done.stderr
