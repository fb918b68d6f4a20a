"""`sortie eval events`: each gold miss put down to the first stage that failed, on hand-made features."""

from __future__ import annotations

from sortie.geodata.eval.events import stage_of, unsupported

SENT = "Two bombers flew from Alpha Base to Bravo Base on Monday."
GOLD = {
    "doc": "a.txt",
    "what": "flight",
    "from": {"mention": "Alpha Base", "lat": 10.0, "lon": 20.0, "within_km": 10},
    "to": {"mention": "Bravo Base", "lat": 12.0, "lon": 22.0, "within_km": 10},
    "date": "2024-03-04",
    "sentence": SENT,
}


def route(coords, start="2024-03-04", sentence=SENT):
    return {
        "geometry": {"type": "LineString", "coordinates": coords},
        "properties": {
            "layer": "routes",
            "name": "r",
            "start": start,
            "end": start,
            "citations": [{"doc": "a.txt", "sentence": sentence}],
        },
    }


def nowhere(lon, lat, iso2):
    return False


def resolved(spec, doc):
    return True


def test_a_route_with_both_ends_and_the_date_is_found():
    assert stage_of(GOLD, "routes", [route([[20.0, 10.0], [22.0, 12.0]])], resolved, nowhere) == "found"


def test_a_route_ending_elsewhere_is_a_wrong_end_when_the_places_were_resolved():
    feats = [route([[20.0, 10.0], [30.0, 12.0]])]
    assert stage_of(GOLD, "routes", feats, resolved, nowhere) == "wrong end"
    assert stage_of(GOLD, "routes", feats, lambda s, d: False, nowhere) == "end not resolved"


def test_a_route_dated_another_day_is_a_wrong_date():
    feats = [route([[20.0, 10.0], [22.0, 12.0]], start="2024-03-09")]
    assert stage_of(GOLD, "routes", feats, resolved, nowhere) == "wrong date"


def test_no_feature_on_the_sentence_is_not_detected_or_not_cited():
    assert stage_of(GOLD, "routes", [], resolved, nowhere) == "not detected"
    other = [route([[20.0, 10.0], [22.0, 12.0]], sentence="Another sentence.")]
    assert stage_of(GOLD, "routes", other, resolved, nowhere) == "not cited"


def test_features_citing_no_gold_sentence_are_listed_as_unsupported():
    feats = [
        route([[0.0, 0.0], [1.0, 1.0]], sentence="A plan to fly next year."),
        route([[20, 10], [22, 12]]),
    ]
    assert [f["properties"]["citations"][0]["sentence"] for f in unsupported({"routes": [GOLD]}, feats)] == [
        "A plan to fly next year."
    ]
