"""`sortie ingest`: bad files named and skipped, re-ingest semantics, the store left readable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyogrio
import pytest
from storeworld import sentences

from sortie.geodata.cli import main
from sortie.geodata.records import ParsedArticle
from sortie.geodata.store import ingest
from sortie.geodata.store.geopackage import Store

SEEDS = Path("/work/shared/seeds")


@pytest.fixture
def fake_pipeline(monkeypatch):
    """No model, no gazetteer: every article parses to its sentences; records which were parsed."""
    parsed_docs: list[str] = []

    def parse_docs(articles, gazetteer=None, **_):
        for a in articles:
            parsed_docs.append(a.doc)
            yield ParsedArticle(a, sentences(a.text), ()), None

    monkeypatch.setattr("sortie.geodata.pipeline.parse_docs", parse_docs)
    monkeypatch.setattr("sortie.geodata.places.gazetteer.open_gazetteer", lambda *a, **k: None)
    monkeypatch.setattr(ingest, "_extractor", lambda: lambda parsed, doc, gaz: ([], []))
    return parsed_docs


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "good.txt").write_text("Bombers flew over the Gulf. They returned.", encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (d / "latin.txt").write_bytes("Caf\xe9 bombers over the Gulf.".encode("cp1252"))
    return d


def test_bad_files_are_named_and_the_others_ingested(folder, tmp_path, fake_pipeline, capsys):
    store = tmp_path / "s.gpkg"
    assert main(["ingest", str(folder), "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert "empty.txt: the file is empty" in err
    assert "binary.txt: binary file" in err
    assert "latin.txt: not valid UTF-8" in err
    assert "1 added, 0 replaced, 0 unchanged, 3 failed" in err
    assert [a["doc"] for a in Store(store).articles()] == ["good.txt"]
    # GDAL still opens the store and every layer in it.
    assert {name for name, _ in pyogrio.list_layers(store)} >= {"places", "routes", "events", "articles"}
    assert list(pyogrio.read_dataframe(store, layer="articles")["doc"]) == ["good.txt"]


def test_reingest_unchanged_does_not_even_parse(folder, tmp_path, fake_pipeline, capsys):
    store = str(tmp_path / "s.gpkg")
    good = str(folder / "good.txt")
    assert ingest.ingest_paths([good], store) == 0
    assert ingest.ingest_paths([good], store) == 0
    assert fake_pipeline == ["good.txt"]
    assert "0 added, 0 replaced, 1 unchanged, 0 failed" in capsys.readouterr().err


def test_a_changed_file_replaces_its_old_version(folder, tmp_path, fake_pipeline, capsys):
    store = str(tmp_path / "s.gpkg")
    good = folder / "good.txt"
    ingest.ingest_paths([good], store)
    good.write_text("Bombers flew over the Gulf again.", encoding="utf-8")
    assert ingest.ingest_paths([good], store) == 0
    assert "1 replaced" in capsys.readouterr().err
    assert Store(store).article("good.txt").text == "Bombers flew over the Gulf again."


def test_a_new_publication_date_is_a_change(folder, tmp_path, fake_pipeline, capsys):
    import datetime as dt

    store = str(tmp_path / "s.gpkg")
    ingest.ingest_paths([folder / "good.txt"], store)
    ingest.ingest_paths([folder / "good.txt"], store, published=dt.date(2021, 1, 2))
    assert Store(store).article("good.txt").published == dt.date(2021, 1, 2)


def test_a_file_that_is_not_a_store_stops_before_anything(folder, tmp_path, fake_pipeline, capsys):
    bogus = tmp_path / "bogus.gpkg"
    bogus.write_text("not a database at all, just text\n" * 20)
    assert main(["ingest", str(folder / "good.txt"), "--store", str(bogus)]) == 2
    assert "bogus.gpkg: not a SQLite" in capsys.readouterr().err
    assert fake_pipeline == []


@pytest.mark.model
def test_seeds_end_to_end(tmp_path, capsys):
    docs = tmp_path / "seeds"
    shutil.copytree(SEEDS, docs)
    store = tmp_path / "s.gpkg"
    assert main(["ingest", str(docs), "--store", str(store)]) == 0
    assert main(["ingest", str(docs), "--store", str(store)]) == 0
    assert "2 unchanged" in capsys.readouterr().err
    out = tmp_path / "map.geojson"
    assert main(["export", "--store", str(store), "-o", str(out)]) == 0
    fc = json.loads(out.read_text())
    places = [f for f in fc["features"] if f["properties"]["layer"] == "places"]
    names = {f["properties"]["name"] for f in places}
    assert "Baghdad" in names
    for f in fc["features"]:
        for c in f["properties"]["citations"]:
            text = (docs / c["doc"]).read_text(encoding="utf-8")
            assert text[c["start"] : c["end"]] == c["sentence"]
    assert len(pyogrio.read_dataframe(out)) == len(fc["features"])


def test_a_crash_in_one_article_costs_only_that_article(folder, tmp_path, fake_pipeline, monkeypatch, capsys):
    (folder / "other.txt").write_text("Ships sailed through the strait.", encoding="utf-8")

    def extract(parsed, doc, gazetteer):
        if parsed.article.doc == "good.txt":
            raise RuntimeError("boom")
        return [], []

    monkeypatch.setattr(ingest, "_extractor", lambda: extract)
    store = tmp_path / "s.gpkg"
    assert ingest.ingest_paths([folder / "good.txt", folder / "other.txt"], str(store)) == 1
    err = capsys.readouterr().err
    assert "good.txt: internal error (RuntimeError: boom)" in err
    assert [a["doc"] for a in Store(store).articles()] == ["other.txt"]


def _two_folders(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "wire" / "x.txt", tmp_path / "paper" / "x.txt"
    for path, text in ((first, "Bombers flew over the Gulf."), (second, "Ships sailed through the strait.")):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    return first, second


def test_a_different_file_of_the_same_name_replaces_it_with_a_note(tmp_path, fake_pipeline, capsys):
    # The article id is the file name: the second x.txt is a new version of article x.txt.
    first, second = _two_folders(tmp_path)
    store = str(tmp_path / "s.gpkg")
    ingest.ingest_paths([first], store)
    capsys.readouterr()
    assert ingest.ingest_paths([second], store) == 0
    err = capsys.readouterr().err
    assert f"note: x.txt: {second} replaces the article of the same file name in the store" in err
    assert f"read from {first}" in err and "rename one file to keep both" in err
    assert "1 replaced" in err
    assert Store(store).article("x.txt").text == "Ships sailed through the strait."
    assert Store(store).article("x.txt").path == str(second)


def test_two_files_of_one_name_in_one_run_the_last_wins_with_a_note(tmp_path, fake_pipeline, capsys):
    first, second = _two_folders(tmp_path)
    store = str(tmp_path / "s.gpkg")
    assert ingest.ingest_paths([first, second], store) == 0
    err = capsys.readouterr().err
    assert f"note: x.txt: {second} replaces the article of the same file name read earlier in this run" in err
    assert "1 added, 1 replaced" in err
    assert [a["doc"] for a in Store(store).articles()] == ["x.txt"]
    assert Store(store).article("x.txt").text == "Ships sailed through the strait."


def test_the_same_text_under_another_folder_is_unchanged_without_a_note(tmp_path, fake_pipeline, capsys):
    first, second = _two_folders(tmp_path)
    second.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    store = str(tmp_path / "s.gpkg")
    ingest.ingest_paths([first], store)
    assert ingest.ingest_paths([second], store) == 0
    err = capsys.readouterr().err
    assert "x.txt: unchanged" in err and "same file name" not in err


def test_an_edited_file_at_the_same_path_is_replaced_without_a_name_note(
    folder, tmp_path, fake_pipeline, capsys
):
    store = str(tmp_path / "s.gpkg")
    ingest.ingest_paths([folder / "good.txt"], store)
    (folder / "good.txt").write_text("Bombers flew over the Gulf again.", encoding="utf-8")
    ingest.ingest_paths([folder / "good.txt"], store)
    assert "same file name" not in capsys.readouterr().err


def test_a_broken_meta_json_is_an_error_once_and_its_articles_still_stored(tmp_path, fake_pipeline, capsys):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a.txt").write_text("Bombers flew over the Gulf.", encoding="utf-8")
    (d / "b.txt").write_text("Jets landed in Qatar.", encoding="utf-8")
    (d / "meta.json").write_text('{"a.txt": {"published": "2020-12-30",}', encoding="utf-8")
    store = tmp_path / "s.gpkg"
    assert main(["ingest", str(d), "--store", str(store)]) == 1  # not a clean run: the dates are lost
    err = capsys.readouterr().err
    assert err.count(f"error: {d / 'meta.json'}: not valid JSON") == 1  # named once, not once per article
    assert "without title, source or date" in err
    assert "2 added, 0 replaced, 0 unchanged, 0 failed, 1 broken meta.json file" in err
    assert [a["doc"] for a in Store(store).articles()] == ["a.txt", "b.txt"]
    assert list(pyogrio.read_dataframe(store, layer="articles")["doc"]) == ["a.txt", "b.txt"]


def test_ingest_lines_count_events_and_routes_in_english(folder, tmp_path, fake_pipeline, capsys):
    main(["ingest", str(folder / "good.txt"), "--store", str(tmp_path / "s.gpkg")])
    assert "good.txt: added (0 events, 0 routes)" in capsys.readouterr().err
    assert ingest._plural(1, "route") == "1 route" and ingest._plural(2, "event") == "2 events"
