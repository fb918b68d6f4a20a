"""Scoring of `sortie eval geoparse`, on hand-made gold and system results (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sortie.geodata.errors import InputError
from sortie.geodata.eval.geoparse import GoldArticle, GoldToponym, format_report, read_corpus, score
from sortie.geodata.records import Mention, Place, Toponym

PARIS = Place("geonames:2988507", "Paris", "city", "FR", 2.3488, 48.8534, "city")
PARIS_TX = Place("geonames:4717560", "Paris", "city", "US", -95.5555, 33.6609, "city")


def topo(start: int, end: int, place: Place | None) -> Toponym:
    return Toponym(Mention("x" * (end - start), start, end, 0, "GPE"), place)


def test_overlap_recognition_and_acc161() -> None:
    # Gold: "Paris" (0-5) in France, "Lyon" (10-14) with coordinates, "Somewhere" (20-29) without.
    gold = GoldArticle(
        "a",
        "Paris and Lyon and Somewhere",
        (
            GoldToponym(0, 5, "Paris", 2.35, 48.85),
            GoldToponym(10, 14, "Lyon", 4.83, 45.76),
            GoldToponym(20, 29, "Somewhere", None, None),
        ),
    )
    found = [
        topo(0, 9, PARIS),  # overlaps Paris (longer span still counts), resolved right
        topo(10, 14, PARIS_TX),  # overlaps Lyon, resolved 8,000 km off
        topo(15, 18, None),  # overlaps nothing: a false positive
    ]
    r = score([(gold, found)])
    assert (r["found"], r["found_correct"], r["gold_toponyms"], r["gold_found"]) == (3, 2, 3, 2)
    assert r["precision"] == pytest.approx(2 / 3)
    assert r["recall"] == pytest.approx(2 / 3)
    assert r["f1"] == pytest.approx(2 / 3)
    # Two gold toponyms have coordinates; both found and resolved; one within 161 km.
    assert (r["gold_with_coordinates"], r["resolved"], r["within_161km"]) == (2, 2, 1)
    assert r["acc161_resolved"] == pytest.approx(0.5)
    assert r["acc161_all"] == pytest.approx(0.5)
    assert r["mean_error_km"] > 4000  # Paris, Texas is about 8,000 km from Lyon


def test_a_miss_counts_wrong_over_all_gold_only() -> None:
    gold = GoldArticle(
        "a",
        "Paris and Lyon",
        (GoldToponym(0, 5, "Paris", 2.35, 48.85), GoldToponym(10, 14, "Lyon", 4.83, 45.76)),
    )
    r = score([(gold, [topo(0, 5, PARIS)])])
    assert r["acc161_resolved"] == 1.0
    assert r["acc161_all"] == 0.5


def test_unresolved_found_mention_counts_wrong() -> None:
    gold = GoldArticle("a", "Paris", (GoldToponym(0, 5, "Paris", 2.35, 48.85),))
    r = score([(gold, [topo(0, 5, None)])])
    assert (r["recall"], r["resolved"], r["acc161_all"]) == (1.0, 0, 0.0)


def test_report_prints_the_figures() -> None:
    gold = GoldArticle("a", "Paris", (GoldToponym(0, 5, "Paris", 2.35, 48.85),))
    text = format_report(score([(gold, [topo(0, 5, PARIS)])]))
    for word in ("precision", "recall", "F1", "Acc@161", "mean"):
        assert word in text


def test_read_corpus_and_its_errors(tmp_path: Path) -> None:
    good = {
        "id": "d1",
        "text": "Paris",
        "toponyms": [{"start": 0, "end": 5, "name": "Paris", "lat": 48.85, "lon": 2.35}],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "id": "d2"}) + "\n", encoding="utf-8")
    assert [a.id for a in read_corpus(path)] == ["d1", "d2"]
    assert [a.id for a in read_corpus(path, limit=1)] == ["d1"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        list(read_corpus(bad))
    with pytest.raises(InputError, match=r"missing\.jsonl"):
        list(read_corpus(tmp_path / "missing.jsonl"))


def test_error_table_counts_each_gold_toponym_once_by_its_kind() -> None:
    # "Paris" found and right, "Lyon" found and 8,000 km off, "Nice" missed, "Ailleurs" found but
    # unresolved; "extra" (30-35) overlaps no gold span: a false positive labelled GPE.
    gold = GoldArticle(
        "a",
        "Paris Lyon Nice Ailleurs x extra",
        (
            GoldToponym(0, 5, "Paris", 2.35, 48.85, 2988507),
            GoldToponym(6, 10, "Lyon", 4.83, 45.76, 2996944),
            GoldToponym(11, 15, "Nice", 7.26, 43.70, 2990440),
            GoldToponym(16, 24, "Ailleurs", 1.0, 1.0, None),
        ),
    )
    found = [topo(0, 5, PARIS), topo(6, 10, PARIS_TX), topo(16, 24, None), topo(27, 32, PARIS)]
    kinds = {2988507: "city", 2996944: "city", 2990440: "admin2"}
    r = score([(gold, found)], lambda g: kinds.get(g.geonameid or 0, "no geonameid"))
    table = r["errors_by_kind"]
    assert table["city"] == {"gold": 2, "missed": 0, "unresolved": 0, "wrong": 1, "right": 1}
    assert table["admin2"] == {"gold": 1, "missed": 1, "unresolved": 0, "wrong": 0, "right": 0}
    assert table["no geonameid"]["unresolved"] == 1
    assert list(table) == ["admin2", "city", "no geonameid"]  # one error each: by name
    assert r["false_positives_by_label"] == {"GPE": 1}
    assert r["wrong_by_kind_chosen"] == {"city": 1}
    text = format_report(r)
    assert "errors by kind of gold place" in text and "admin2" in text
