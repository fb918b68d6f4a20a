"""The corrections part of the side panel, built from records (no browser)."""

from __future__ import annotations

import dataclasses
import json

from dash import html

from sortie.dashboard import ids
from sortie.dashboard.corrections import correction_marks, correction_section, hide_wrong
from sortie.geodata.places.explain import Candidate, Explanation
from sortie.geodata.records import Place
from sortie.geodata.store.corrections import Correction

EVIL = "<img src=x onerror=alert(1)>"
PARIS_FR = Place("geonames:2988507", "Paris", "city", "FR", 2.35, 48.85, "city", population=2_138_551)
PARIS_TX = Place("geonames:4717560", EVIL, "city", "US", -95.56, 33.66, "city", admin1="Texas")


def texts(component) -> list[str]:
    """Every string in a component tree (what React renders as text)."""
    out: list[str] = []

    def walk(c) -> None:
        if isinstance(c, str):
            out.append(c)
        elif isinstance(c, (list, tuple)):
            for x in c:
                walk(x)
        elif c is not None and hasattr(c, "children"):
            walk(c.children)

    walk(component)
    return out


def components(component, kind):
    found = []

    def walk(c) -> None:
        if isinstance(c, (list, tuple)):
            for x in c:
                walk(x)
        elif c is not None and hasattr(c, "children"):
            if isinstance(c, kind):
                found.append(c)
            walk(c.children)

    walk(component)
    return found


def explanation() -> Explanation:
    return Explanation(
        "calm.txt",
        "Paris",
        0,
        "most important of 2",
        (
            Candidate(PARIS_FR, 9.1, ((7.6, "importance"), (1.5, "exact name")), True, ("Minot", 7000.0)),
            Candidate(PARIS_TX, 4.0, ((3.0, "importance"),), False, None),
        ),
    )


def test_a_place_lists_its_candidates_with_reasons_and_move_buttons(features):
    place = features[0]
    section = correction_section(place, {"place": explanation()}, [])
    words = " ".join(texts(section))
    assert "machine's choice" in words and "importance (+7.6)" in words
    assert "7,000 km from Minot, named in the article" in words
    buttons = {json.dumps(b.id, sort_keys=True): b for b in components(section, html.Button)}
    move = {"end": "place", "place": PARIS_TX.id, "type": ids.CORR_MOVE}
    assert json.dumps(move, sort_keys=True) in buttons
    # A place has no date to fix, but can be marked wrong.
    assert not any("Save the date" in t for t in texts(section))
    assert any("Mark as wrong" in t for t in texts(section))
    # The hostile candidate name is a plain string child, never markup.
    assert any(EVIL in t for t in texts(section))
    assert not components(section, html.Iframe)


def test_a_route_offers_both_ends_and_the_date_form(features):
    route = features[3]
    section = correction_section(route, {"origin": explanation(), "destination": "no candidates here"}, [])
    words = texts(section)
    assert "Origin: “Paris”" in words and "Destination" in words and "no candidates here" in words
    assert "Save the date" in words


def test_a_corrected_feature_says_so_and_lists_who_did_what(features):
    route = features[3]
    corrected = dataclasses.replace(
        route, properties={**route.properties, "corrected": True, "corrections": [{"id": 3}]}
    )
    log = [
        Correction(
            3,
            "routes",
            route.id,
            (),
            "date",
            None,
            {"start": "2020-12-10", "end": "2020-12-10", "time_precision": "day"},
            {"start": "2020-11-02", "end": "2020-11-03", "time_precision": "day"},
            "alice",
            "2026-12-07T05:00:00.000Z",
        ),
    ]
    words = " ".join(texts(correction_section(corrected, {}, log)))
    assert "Corrected by an analyst" in words and "not the machine's answer" in words
    assert (
        "date changed from 2020-12-10 (day) to 2020-11-02 – 2020-11-03 (day) — by alice, 2026-12-07 05:00 UTC"
        in words
    )


def test_wrong_features_are_hidden_unless_asked(features):
    wrong = dataclasses.replace(features[5], properties={"wrong": True, "corrected": True})
    items = [*features[:5], wrong]
    assert wrong not in hide_wrong(items)
    assert wrong in hide_wrong(items, ["yes"])


def test_marks_ring_only_corrected_features_on_the_map(features):
    fixed = dataclasses.replace(features[5], properties={"corrected": True})
    items = [*features[:5], fixed, features[6]]
    marks = correction_marks(items, [f.id for f in items])
    assert marks["id"] == [fixed.id]
    assert (marks["lon"], marks["lat"]) == ([69.17], [34.53])
    assert correction_marks(items, [])["id"] == []


def test_the_panel_says_first_that_an_analyst_changed_the_feature(features):
    from sortie.dashboard.panels import feature_panel

    props = {"corrected": True, "corrected_by": "alice", "corrected_at": "2026-12-07T05:00:00.000Z"}
    fixed = dataclasses.replace(features[5], properties=props)
    table = components(feature_panel(fixed, {}), html.Table)[0]
    first = components(table, html.Tr)[0]
    assert texts(first)[:2] == [
        "Corrected",
        "corrected by alice, 2026-12-07 05:00 UTC (the machine's answer and undo: below)",
    ]
    assert not any("Corrected" in t for t in texts(feature_panel(features[5], {})))


def test_a_place_found_by_name_can_take_either_end_of_a_route(features):
    route = features[3]
    section = correction_section(route, {}, [], search=("Paris", [PARIS_FR, PARIS_TX]))
    buttons = [b.id for b in components(section, html.Button) if isinstance(b.id, dict)]
    moves = [(b["end"], b["place"]) for b in buttons if b["type"] == ids.CORR_MOVE]
    assert moves == [
        ("origin", PARIS_FR.id),
        ("destination", PARIS_FR.id),
        ("origin", PARIS_TX.id),
        ("destination", PARIS_TX.id),
    ]
    nothing = texts(correction_section(route, {}, [], search=("Atlantis", [])))
    assert "No place called “Atlantis” in the gazetteer." in nothing
