import dataclasses
import json

from sortie.dashboard.figures import EVENT_COLORS, ROUTE_COLORS, arrowhead, line_parts, map_data, map_figure
from sortie.dashboard.views import day_number


def row(table, feature_id):
    """One feature's values in a columnar table, as a dict."""
    i = table["id"].index(feature_id)
    return {key: column[i] for key, column in table.items()}


def test_every_point_carries_its_id_kind_and_days(features):
    data = map_data(features)
    airbase = row(data["points"], "places:icao:KMIB")
    assert (airbase["lon"], airbase["lat"]) == (-101.36, 48.42)
    assert data["kinds"][airbase["kind"]] == "airbase"
    assert (airbase["day"], airbase["span"]) == (day_number(features[0].start), 0)
    iran = row(data["points"], "places:iso:IR")
    assert iran["day"] is None  # undated
    # The December-long clash: first day Dec. 1, 30 more days.
    clash = row(data["points"], "events:2")
    assert clash["day"] == day_number(features[-1].start) and clash["span"] == 30


def test_points_and_routes_are_split_and_every_column_is_full(features):
    data = map_data(features)
    assert set(data["routes"]["id"]) == {"routes:1", "routes:2"}
    assert len(data["points"]["id"]) == len(features) - 2
    for table in (data["points"], data["routes"]):
        assert len({len(column) for column in table.values()}) == 1


def test_country_precision_is_marked_coarse_and_a_point_is_not(features):
    data = map_data(features)
    layer, _color, coarse = data["styles"][row(data["points"], "places:iso:IR")["style"]]
    assert (layer, coarse) == ("regions", True)
    layer, _color, coarse = data["styles"][row(data["points"], "places:icao:KMIB")["style"]]
    assert (layer, coarse) == ("airbases", False)


def test_event_types_get_distinct_colours(features):
    data = map_data(features)
    strike = data["styles"][row(data["points"], "events:1")["style"]][1]
    clash = data["styles"][row(data["points"], "events:2")["style"]][1]
    assert strike != clash


def test_colour_tables_are_keyed_by_the_event_vocabulary():
    from sortie.geodata.events import vocab

    # A key that is no kind colours nothing (the table once said "strike" and "clash").
    assert set(EVENT_COLORS) <= set(vocab.FAMILY) and set(ROUTE_COLORS) <= set(vocab.FAMILY)
    assert len(set(EVENT_COLORS.values())) == len(EVENT_COLORS)


def test_time_precision_is_sent_so_a_month_is_not_shown_as_a_day(features):
    data = map_data(features)
    clash = row(data["points"], "events:2")  # December 2020, known to the month
    assert data["precisions"][clash["precision"]] == "month"
    assert row(data["points"], "places:iso:IR")["precision"] is None  # undated


def test_antimeridian_route_is_sent_as_two_parts(features):
    route = row(map_data(features)["routes"], "routes:2")
    # Two parts, each ending on the antimeridian, not one line across the whole world.
    assert route["parts"] == [[144.8, 13.5, 180.0, 18.0], [-180.0, 18.0, -157.9, 21.3]]


def test_route_has_an_arrowhead_behind_its_destination(features):
    route = row(map_data(features)["routes"], "routes:1")
    assert route["parts"][-1][-2:] == [51.0, 27.0]  # the tip: the last vertex, the Persian Gulf
    # The last leg runs south-east (from 20E 45N): both wings trail behind the tip, to its west.
    left_lon, _, right_lon, _ = route["head"]
    assert left_lon < 51.0 and right_lon < 51.0


def test_arrowhead_wings_trail_behind_the_tip():
    # Heading due east along the equator: both wings are west of the tip, one north, one south.
    left, tip, right = arrowhead((0.0, 0.0), (10.0, 0.0), size=1.0)
    assert tip == (10.0, 0.0)
    assert left[0] < 10 and right[0] < 10 and left[1] * right[1] < 0


def test_long_lines_are_thinned_but_keep_their_ends(features):
    long = dataclasses.replace(
        features[3], geometry={"type": "LineString", "coordinates": [[x / 10, 0.0] for x in range(1001)]}
    )
    (part,) = line_parts(long)
    # 100 degrees long: a vertex every 3 degrees would be 35, capped at 24.
    assert len(part) == 24 and part[0] == (0.0, 0.0) and part[-1] == (100.0, 0.0)
    short = dataclasses.replace(
        features[3], geometry={"type": "LineString", "coordinates": [[0.0, 0.0], [0.5, 0.1], [1.0, 0.0]]}
    )
    assert line_parts(short) == [[(0.0, 0.0), (1.0, 0.0)]]  # about 1 degree: the two ends suffice


def test_the_plotly_figure_is_the_offline_basemap_only(features):
    fig = map_figure()
    style = fig["layout"]["map"]["style"]
    # Text is drawn from this app's own glyphs (sortie.dashboard.glyphs), never a font server's.
    assert style["glyphs"] == "/glyphs/{fontstack}/{range}.pbf" and "sprite" not in style
    assert "http" not in json.dumps(style)
    assert all(not trace["lon"] for trace in fig["data"])  # the page draws the features
    assert fig["layout"]["uirevision"]  # zoom and pan survive updates
    assert map_figure(online_tiles=True)["layout"]["map"]["style"] == "carto-positron"


def route_is_dashed(data, route_id):
    """Whether map_data marks a route `coarse`: the page draws such a route's line dashed."""
    return data["styles"][row(data["routes"], route_id)["style"]][2]


def test_route_with_an_end_known_only_to_a_region_is_dashed(features):
    # routes:1 ends at the Persian Gulf, a place known only to a region: its line joins Minot to the
    # Gulf's representative point, not to where the bombers went.
    assert route_is_dashed(map_data(features), "routes:1")


def test_route_between_exact_points_is_solid(features):
    by_id = {f.id: f for f in features}
    # The same route, its destination now Minot itself (an exact point): both ends exact.
    exact = dataclasses.replace(
        by_id["routes:1"],
        geo_precision="point",
        properties={**by_id["routes:1"].properties, "destination_id": "icao:KMIB"},
    )
    assert not route_is_dashed(map_data([by_id["places:icao:KMIB"], exact]), "routes:1")
    # routes:2 names no end places: its own precision (a city, its less exact end) decides.
    assert not route_is_dashed(map_data(features), "routes:2")


def test_route_ends_are_read_from_the_places_even_when_the_places_layer_is_hidden(features):
    routes_only = [f for f in features if f.layer == "routes"]
    by_id = {f.id: f for f in features}
    exact_route = dataclasses.replace(by_id["routes:1"], geo_precision="point")  # a wrong summary
    # The Gulf end is known only to a region: its place record says so, whatever the route's summary.
    assert route_is_dashed(map_data([exact_route], places=by_id), "routes:1")
    # Without the places, the route's own precision (region: its less exact end) still says it.
    assert route_is_dashed(map_data(routes_only), "routes:1")


def test_end_precision_given_by_the_route_itself_is_used(features):
    by_id = {f.id: f for f in features}
    given = dataclasses.replace(
        by_id["routes:2"], properties={"origin_precision": "country", "destination_precision": "point"}
    )
    assert route_is_dashed(map_data([given]), "routes:2")
