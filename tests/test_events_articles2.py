"""End to end on a second, different set of eight articles written for the tests
(tests/data/articles2: a long magazine piece with background and quotes, a live blog, dates all
relative, several movements in one article, two strikes a few km apart on different days, UK and
Australian spelling). The gold (tests/data/articles2_gold.json) was written by hand from the texts
before the pipeline ran on them; the misses still open are listed below with their cause.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from events_articles import cited, export, why_not

pytestmark = pytest.mark.model

DATA = Path(__file__).parent / "data"
GOLD = json.loads((DATA / "articles2_gold.json").read_text(encoding="utf-8"))

# Known misses, each with its cause; strict, so that fixing one makes its test say so.
OPEN = {
    # The curated point of the Western Pacific (15N 150E, by the Marianas) is a fair centre for the
    # whole western Pacific; the gold's point for this voyage is the sea just past the strait, about
    # 1,700 km away. Left as curated: a region is one point whatever the voyage.
    "liaoning-miyako-pacific": "'the western Pacific' is one curated point, far from the strait's exit",
}


def _param(g: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=OPEN[g["id"]], strict=True)] if g["id"] in OPEN else []
    return pytest.param(g, id=g["id"], marks=marks)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return export(DATA / "articles2", tmp_path_factory.mktemp("store") / "store")


@pytest.mark.parametrize("gold", [_param(g) for g in GOLD["routes"]])
def test_expected_route_is_on_the_map(exported: list[dict[str, Any]], gold: dict[str, Any]) -> None:
    assert why_not(gold, "routes", exported) is None, gold["what"]


@pytest.mark.parametrize("gold", [_param(g) for g in GOLD["events"]])
def test_expected_event_is_on_the_map(exported: list[dict[str, Any]], gold: dict[str, Any]) -> None:
    assert why_not(gold, "events", exported) is None, gold["what"]


@pytest.mark.parametrize("item", GOLD["not_cited"], ids=lambda i: f"{i['doc'][:3]}-{i['why'][:20]}")
def test_quotes_plans_habits_and_tallies_are_not_on_the_map(
    exported: list[dict[str, Any]], item: dict[str, Any]
) -> None:
    found = [
        f["properties"]["name"]
        for f in exported
        if f["properties"]["layer"] in ("routes", "events") and cited(f, item["doc"], item["sentence"])
    ]
    assert found == [], item["why"]


def test_two_strikes_a_few_km_apart_on_different_days_stay_two_events(exported: list[dict[str, Any]]) -> None:
    # Al-Qaim (Friday) and Abu Kamal (Tuesday) face each other across the border: not one event
    kinds = ("attack", "air_strike", "drone_strike")
    strikes = [
        f for f in exported
        if f["properties"]["layer"] == "events" and f["properties"]["kind"] in kinds
        and any(str(c["doc"]).startswith("b06") and any(w in c["sentence"] for w in ("Al-Qaim", "Abu Kamal"))
                for c in f["properties"]["citations"])
    ]  # fmt: skip
    assert {f["properties"]["start"][:10] for f in strikes} >= {"2024-02-02", "2024-01-30"}
