"""The candidates an analyst sees for a resolved place: ranked as the resolver ranks them, with reasons."""

from __future__ import annotations

from typing import Any

from sortie.geodata.places.explain import explain
from sortie.geodata.places.resolve import resolve
from sortie.geodata.records import Article, Mention, ParsedArticle, Sentence


def parsed(text: str, gazetteer: Any, *spans: tuple[str, str]) -> ParsedArticle:
    mentions, pos = [], 0
    for name, label in spans:
        start = text.index(name, pos)
        mentions.append(Mention(name, start, start + len(name), 0, label))
        pos = start + len(name)
    sentences = (Sentence(0, 0, len(text), text),)
    toponyms = resolve(mentions, sentences, text, gazetteer)
    return ParsedArticle(Article("a.txt", text), sentences, tuple(toponyms))


def test_paris_texas_lists_both_paris_with_the_reasons_that_decided(tiny_gazetteer):
    p = parsed("He grew up in Paris, Texas.", tiny_gazetteer, ("Paris", "GPE"), ("Texas", "GPE"))
    found = explain(p, "geonames:4717560", tiny_gazetteer)
    assert found is not None and found.mention == "Paris"
    first, second = found.candidates[:2]
    assert (first.place.id, first.machine) == ("geonames:4717560", True)
    assert (second.place.id, second.machine) == ("geonames:2988507", False)
    assert first.score > second.score
    whys = [why for _points, why in first.reasons]
    assert "in Texas, named in the sentence" in whys and "parent right after the name" in whys
    # France's capital is far more important in itself, and the list says so.
    assert (
        dict((w, p) for p, w in second.reasons)["importance"]
        > dict((w, p) for p, w in first.reasons)["importance"]
    )
    # Distance to the article's other places: Paris, Texas lies in Texas, the other an ocean away.
    assert first.nearest is not None and second.nearest is not None
    assert first.nearest[0] == "Texas" and first.nearest[1] < 1000 < 7000 < second.nearest[1]


def test_the_machine_choice_is_listed_even_when_placed_by_another_rule(tiny_gazetteer):
    text = "Planes landed at Baghdad’s international airport."
    p = parsed(text, tiny_gazetteer, ("Baghdad’s international airport", "FAC"))
    (t,) = p.toponyms
    assert t.place is not None and t.place.id == "icao:ORBI"
    found = explain(p, "icao:ORBI", tiny_gazetteer)
    assert found is not None
    assert [c.place.id for c in found.candidates if c.machine] == ["icao:ORBI"]
    assert found.reason == t.reason


def test_no_mention_of_the_place_gives_none(tiny_gazetteer):
    p = parsed("Paris hosted the talks.", tiny_gazetteer, ("Paris", "GPE"))
    assert explain(p, "geonames:4717560", tiny_gazetteer) is None
