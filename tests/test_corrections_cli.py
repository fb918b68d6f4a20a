"""Corrections end to end through the CLI, on articles read by the real pipeline: make them, re-ingest
the same folder and a folder with one more article naming the same place, export, list, undo."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from sortie.geodata.cli import main
from sortie.geodata.places.explain import explain
from sortie.geodata.places.gazetteer import open_gazetteer
from sortie.geodata.store.geopackage import Store

pytestmark = pytest.mark.model

# Our own sentences, in the manner of wire copy.
ARTICLES = {
    "bombers.txt": (
        "Two B-52 bombers flew from Minot Air Force Base to the Persian Gulf on Dec. 30, the Air Force said. "
        "The bombers returned to Minot after a 36-hour mission.\n"
    ),
    "rockets.txt": "Rockets struck near the U.S. Embassy in Baghdad on Sunday, officials said.\n",
}
LATER = {"again.txt": "Militias fired more rockets at Baghdad on Jan. 10, police in the city said.\n"}
META = {
    "bombers.txt": {"title": "Bombers over the Gulf", "published": "2020-12-31"},
    "rockets.txt": {"title": "Rockets hit Baghdad", "published": "2020-12-21"},
    "again.txt": {"title": "More rockets", "published": "2021-01-11"},
}


def write(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps({k: META[k] for k in articles}), encoding="utf-8")
    return folder


def exported(store: Path, out: Path, *extra: str) -> dict[str, dict]:
    assert main(["export", "--store", str(store), "-o", str(out), *extra]) == 0
    return {f["id"]: f for f in json.loads(out.read_text(encoding="utf-8"))["features"]}


def test_corrections_through_the_cli_survive_reingest_and_more_articles(tmp_path, capsys):
    store = tmp_path / "s.gpkg"
    first = write(tmp_path / "first", ARTICLES)
    assert main(["ingest", str(first), "--store", str(store)]) == 0
    st = Store(store)
    baghdad = st.feature("places:geonames:98182")
    assert baghdad is not None, [f.id for f in st.features()]
    # What the panel would offer: the other candidates of the name, from the article.
    citation = baghdad.citations[0]
    found = explain(
        st.parsed(citation.doc), "geonames:98182", open_gazetteer(), offset=citation.mention_start
    )
    other = next(c.place for c in found.candidates if not c.machine)

    assert main(["corrections", "move", baghdad.id, other.id, "--store", str(store), "--user", "alice"]) == 0
    route = st.features(["routes"])[0]
    assert (
        main(
            [
                "corrections",
                "date",
                route.id,
                "--start",
                "2020-12-29",
                "--end",
                "2020-12-31",
                "--precision",
                "day",
                "--store",
                str(store),
                "--user",
                "bob",
            ]
        )
        == 0
    )
    event = next(f for f in st.features(["events"]) if f.citations[0].doc == "bombers.txt")
    assert main(["corrections", "wrong", event.id, "--store", str(store), "--user", "bob"]) == 0
    capsys.readouterr()

    # The same folder again (nothing changes), then with one more article naming Baghdad.
    assert main(["ingest", str(first), "--store", str(store)]) == 0
    second = write(tmp_path / "second", {**ARTICLES, **LATER})
    assert main(["ingest", str(second), "--store", str(store)]) == 0
    features = exported(store, tmp_path / "map.geojson")
    moved = features[baghdad.id]["properties"]
    assert moved["sources"] == 2  # the new article's sentence is cited too...
    assert moved["name"] == other.name and moved["corrected"] is True  # ...and the correction holds
    assert features[baghdad.id]["geometry"]["coordinates"] == pytest.approx([other.lon, other.lat])
    assert moved["corrected_by"] == "alice" and moved["machine"]["name"] == "Baghdad"
    dated = features[route.id]["properties"]
    assert (dated["start"], dated["end"], dated["corrected_by"]) == ("2020-12-29", "2020-12-31", "bob")
    assert dated["machine"]["start"] == route.start.isoformat()
    assert event.id not in features
    with_wrong = exported(store, tmp_path / "all.geojson", "--corrected-away", "include")
    assert with_wrong[event.id]["properties"]["wrong"] is True

    assert main(["corrections", "list", "--store", str(store)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 3 and "alice" in listed[0] and "moved from Baghdad" in listed[0]

    assert main(["corrections", "undo", "1", "--store", str(store), "--user", "carol"]) == 0
    back = exported(store, tmp_path / "map2.geojson")[baghdad.id]["properties"]
    assert back["name"] == "Baghdad" and "corrected" not in back
    assert main(["corrections", "undo", "1", "--store", str(store)]) == 2  # already undone: said so
    assert "already undone" in capsys.readouterr().err

    log = tmp_path / "log.csv"
    assert main(["corrections", "export", "--format", "csv", "-o", str(log), "--store", str(store)]) == 0
    rows = list(csv.DictReader(log.open(encoding="utf-8")))
    assert [(r["id"], r["kind"], r["who"], r["undone_by"]) for r in rows] == [
        ("1", "place", "alice", "carol"),
        ("2", "date", "bob", ""),
        ("3", "wrong", "bob", ""),
    ]
    # Rebuilding the layers keeps them too (a store copied elsewhere, rebuilt from its articles).
    copy = tmp_path / "copy.gpkg"
    shutil.copy(store, copy)
    Store(copy).rebuild()
    assert exported(copy, tmp_path / "map3.geojson")[route.id]["properties"]["start"] == "2020-12-29"


def test_a_correction_of_an_unknown_feature_is_refused(tmp_path, capsys):
    store = tmp_path / "s.gpkg"
    assert (
        main(
            [
                "ingest",
                str(write(tmp_path / "a", {"rockets.txt": ARTICLES["rockets.txt"]})),
                "--store",
                str(store),
            ]
        )
        == 0
    )
    assert main(["corrections", "wrong", "event-nope", "--store", str(store)]) == 2
    assert "no feature 'event-nope'" in capsys.readouterr().err
