from dashboard.figures import arrowhead, line_parts, map_figure
from dashboard.views import day_number


def time_table(fig, trace):
    return fig["sortie"][fig["data"].index(trace)]


def traces(fig, prefix):
    return [t for t in fig["data"] if t["name"].startswith(prefix)]


def test_every_point_carries_its_id_and_days(features):
    fig = map_figure(features)
    (airbase,) = traces(fig, "airbases:")
    assert airbase["lon"] == [-101.36] and airbase["lat"] == [48.42]
    d = day_number(features[0].start)
    assert airbase["customdata"] == ["places:icao:KMIB"]
    assert time_table(fig, airbase) == {"ids": ["places:icao:KMIB"], "days": [[d, d]]}
    (iran,) = traces(fig, "regions:")
    assert time_table(fig, iran)["days"] == [None]  # undated


def test_country_precision_is_drawn_as_a_pale_halo_not_a_dot(features):
    fig = map_figure(features)
    (iran,) = traces(fig, "regions:")
    (airbase,) = traces(fig, "airbases:")
    assert iran["marker"]["size"] > 2 * airbase["marker"]["size"]
    assert iran["marker"]["opacity"] < 0.5 < airbase["marker"]["opacity"]
    # Halos are drawn first (underneath everything else).
    assert fig["data"][0]["meta"]["coarse"] is True


def test_antimeridian_route_is_drawn_as_two_parts(features):
    fig = map_figure(features)
    line = next(t for t in fig["data"] if t["name"] == "routes:deployment")
    # Two parts separated by a gap (None), each ending on the antimeridian, not a line across the world.
    assert line["lon"] == [144.8, 180.0, None, -180.0, -157.9, None]
    table = time_table(fig, line)
    assert table["ids"] == ["routes:2"] and table["vidx"] == [0, 0, -1, 0, 0, -1]


def test_route_has_an_arrowhead_at_its_destination(features):
    fig = map_figure(features)
    arrows = next(t for t in fig["data"] if t["name"] == "routes:flight:arrows")
    assert (arrows["lon"][1], arrows["lat"][1]) == (51.0, 27.0)  # the tip is the Persian Gulf
    marks = next(t for t in fig["data"] if t["name"] == "routes:flight:marks")
    assert marks["customdata"] == ["routes:1", "routes:1"]  # mid-route and destination, both clickable


def test_arrowhead_wings_trail_behind_the_tip():
    # Heading due east along the equator: both wings are west of the tip, one north, one south.
    left, tip, right = arrowhead((0.0, 0.0), (10.0, 0.0), size=1.0)
    assert tip == (10.0, 0.0)
    assert left[0] < 10 and right[0] < 10 and left[1] * right[1] < 0


def test_long_lines_are_thinned_but_keep_their_ends(features):
    import dataclasses

    long = dataclasses.replace(
        features[3], geometry={"type": "LineString", "coordinates": [[x / 10, 0.0] for x in range(1001)]}
    )
    (part,) = line_parts(long)
    assert len(part) == 32 and part[0] == (0.0, 0.0) and part[-1] == (100.0, 0.0)


def test_offline_by_default_no_url_outside_the_app(features):
    import json

    fig = map_figure(features)
    style = fig["layout"]["map"]["style"]
    assert "glyphs" not in style and "sprite" not in style
    assert "http" not in json.dumps(style)
    assert fig["layout"]["uirevision"]  # zoom and pan survive updates
    assert map_figure(features, online_tiles=True)["layout"]["map"]["style"] == "carto-positron"
