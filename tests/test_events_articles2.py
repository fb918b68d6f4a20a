"""End to end on a second, different set of eight articles written for the tests
(tests/data/articles2: a long magazine piece with background and quotes, a live blog, dates all
relative, several movements in one article, two strikes a few km apart on different days, UK and
Australian spelling). The gold (tests/data/articles2_gold.json) was written by hand from the texts
before the pipeline ran on them.
The checks every set gets are in tests/test_events_articles.py; these are this set's own.
"""

from __future__ import annotations

import pytest
from events_articles import Exports

pytestmark = pytest.mark.model


def test_two_strikes_a_few_km_apart_on_different_days_stay_two_events(exports: Exports) -> None:
    # Al-Qaim (Friday) and Abu Kamal (Tuesday) face each other across the border: not one event
    kinds = ("attack", "air_strike", "drone_strike")
    strikes = [
        f for f in exports("articles2")
        if f["properties"]["layer"] == "events" and f["properties"]["kind"] in kinds
        and any(str(c["doc"]).startswith("b06") and any(w in c["sentence"] for w in ("Al-Qaim", "Abu Kamal"))
                for c in f["properties"]["citations"])
    ]  # fmt: skip
    assert {f["properties"]["start"][:10] for f in strikes} >= {"2024-02-02", "2024-01-30"}
