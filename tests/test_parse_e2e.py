"""End to end on the seed articles with the real model and gazetteer (slow: marked `model`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sortie.geodata.pipeline import parse_paths
from sortie.geodata.records import ParsedArticle

pytestmark = pytest.mark.model

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def parsed() -> dict[str, ParsedArticle]:
    out = {}
    for item in parse_paths([SEEDS]):
        assert isinstance(item, ParsedArticle), item
        out[item.article.doc] = item
    return out


def places(p: ParsedArticle, mention: str) -> list[str | None]:
    return [t.place.id if t.place else None for t in p.toponyms if t.mention.text == mention]


def test_offsets_point_into_the_text(parsed: dict[str, ParsedArticle]) -> None:
    for p in parsed.values():
        for t in p.toponyms:
            assert p.article.text[t.mention.start : t.mention.end] == t.mention.text
            s = p.sentences[t.mention.sentence]
            assert s.start <= t.mention.start < s.end


def test_people_are_not_places(parsed: dict[str, ParsedArticle]) -> None:
    for p in parsed.values():
        for t in p.toponyms:
            for person in ("Soleimani", "Trump", "Biden", "Pompeo", "McKenzie", "Rouhani"):
                assert person not in t.mention.text


def test_air_base_sea_and_airport(parsed: dict[str, ParsedArticle]) -> None:
    p = parsed["001_ac1b8fae573eaeea.txt"]
    base = [t.place for t in p.toponyms if t.mention.text == "Minot Air Force Base"]
    assert base and base[0] is not None and base[0].kind == "airbase"
    # Minot AFB is at 48.42 N, 101.36 W (not Minot, Maine).
    assert abs(base[0].lat - 48.42) < 0.1 and abs(base[0].lon + 101.36) < 0.1
    gulf = [t.place for t in p.toponyms if t.mention.text == "Arabian Gulf"]
    assert gulf and gulf[0] is not None and gulf[0].kind == "water" and 24 < gulf[0].lat < 30
    airport = [t.place for t in p.toponyms if t.mention.text == "Baghdad’s international airport"]
    # Baghdad International Airport is at 33.26 N, 44.23 E, west of the city centre.
    assert (
        airport
        and airport[0] is not None
        and abs(airport[0].lat - 33.26) < 0.05
        and abs(airport[0].lon - 44.23) < 0.05
    )


def test_washington_the_government_is_the_capital(parsed: dict[str, ParsedArticle]) -> None:
    p = parsed["000_1157a2bb771a45e2.txt"]
    (washington,) = [t.place for t in p.toponyms if t.mention.text == "Washington"]
    assert washington is not None and washington.country == "US"
    assert abs(washington.lat - 38.9) < 0.2 and abs(washington.lon + 77.04) < 0.2
