"""An article's URL (a web page's own) in the store, including stores written before it was kept."""

from __future__ import annotations

import dataclasses
import sqlite3

from storeworld import BAGHDAD, fake_merge_groups, parsed_article

from sortie.geodata.store import layers as store_layers
from sortie.geodata.store.base import article_sha256
from sortie.geodata.store.geopackage import Store

URL = "https://www.example.org/world/2024/03/05/rockets-hit-baghdad"
PAGE = parsed_article("page.html", "Rockets hit Baghdad on Sunday. Nothing else.", {"Baghdad": BAGHDAD})
PAGE = dataclasses.replace(PAGE, article=dataclasses.replace(PAGE.article, url=URL))
TEXT = parsed_article("a.txt", "Rockets hit Baghdad. Nothing else.", {"Baghdad": BAGHDAD})


def test_the_url_is_stored_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setattr(store_layers, "_merge", fake_merge_groups)
    store = Store(tmp_path / "s.gpkg")
    store.ingest(PAGE, [], [])
    store.ingest(TEXT, [], [])
    assert store.article("page.html").url == URL
    assert store.article("a.txt").url is None


def test_a_store_from_before_urls_is_read_and_gets_the_column_on_its_next_write(tmp_path, monkeypatch):
    monkeypatch.setattr(store_layers, "_merge", fake_merge_groups)
    path = tmp_path / "old.gpkg"
    Store(path).ingest(TEXT, [], [])
    with sqlite3.connect(path) as con:  # as a store written before this change was
        con.execute("ALTER TABLE articles DROP COLUMN url")
    old = Store(path)
    assert old.article("a.txt").text == TEXT.article.text and old.article("a.txt").url is None
    old.ingest(PAGE, [], [])
    assert Store(path).article("page.html").url == URL
    assert Store(path).article("a.txt").url is None


def test_an_articles_fingerprint_changes_with_its_url_only_when_it_has_one():
    plain = TEXT.article
    assert article_sha256(plain) == article_sha256(dataclasses.replace(plain, url=None))
    assert article_sha256(plain) != article_sha256(dataclasses.replace(plain, url=URL))
