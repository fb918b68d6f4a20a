"""End to end on the article sets written for the tests (tests/data/articles*: wire stories, long
magazine pieces, a live blog, relative dates, several movements in one article, one strike told by two
outlets): ingest each set into a temporary store, export the map, and check the routes and events an
analyst expects (tests/data/<set>_gold.json, written by hand from the texts before the pipeline ran on
them), the way the acceptance check does; and that captions, quotes, plans, habits and tallies listed
as `not_cited` put nothing on the map.
"""

from __future__ import annotations

from typing import Any

import pytest
from events_articles import Exports, cited, gold_params, why_not

pytestmark = pytest.mark.model


@pytest.mark.parametrize(("articles", "gold"), list(gold_params("routes")))
def test_expected_route_is_on_the_map(exports: Exports, articles: str, gold: dict[str, Any]) -> None:
    assert why_not(gold, "routes", exports(articles)) is None, gold["what"]


@pytest.mark.parametrize(("articles", "gold"), list(gold_params("events")))
def test_expected_event_is_on_the_map(exports: Exports, articles: str, gold: dict[str, Any]) -> None:
    assert why_not(gold, "events", exports(articles)) is None, gold["what"]


@pytest.mark.parametrize(("articles", "item"), list(gold_params("not_cited")))
def test_captions_quotes_plans_and_habits_are_not_on_the_map(
    exports: Exports, articles: str, item: dict[str, Any]
) -> None:
    found = [
        f["properties"]["name"]
        for f in exports(articles)
        if f["properties"]["layer"] in ("routes", "events") and cited(f, item["doc"], item["sentence"])
    ]
    assert found == [], item["why"]


def test_attacks_on_one_place_on_different_days_stay_two_events(exports: Exports) -> None:
    # "Last week ... intercepted ... over the Baltic Sea" is not Wednesday's interception
    baltic = [
        f for f in exports("articles")
        if f["properties"]["layer"] == "events" and f["properties"]["kind"] == "interception"
        and any(str(c["doc"]).startswith("a04") for c in f["properties"]["citations"])
    ]  # fmt: skip
    assert len({f["properties"]["start"] for f in baltic}) == 2
