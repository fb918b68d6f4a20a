import datetime as dt

import pytest

from sortie.dashboard.views import (
    ARTICLE_OPTIONS,
    ViewState,
    actors,
    article_options,
    category,
    controls_from_state,
    day_number,
    features_in_view,
    is_coarse,
    route_end_precisions,
    route_is_coarse,
    split_article,
    split_mention,
    state_from_controls,
    state_from_query,
    state_to_query,
    time_span,
    visible_in_time,
    when_label,
)
from sortie.geodata.records import Citation, Feature

D = day_number


def by_id(features):
    return {f.id: f for f in features}


def test_categories_split_places_by_kind(features):
    f = by_id(features)
    assert category(f["places:icao:KMIB"]) == "airbases"
    assert category(f["places:iso:IR"]) == "regions"
    assert category(f["places:sortie:gulf"]) == "seas"
    assert category(f["routes:1"]) == "routes"
    assert category(f["events:1"]) == "events"


def test_route_end_precisions_come_from_the_end_places(features):
    f = by_id(features)
    assert route_end_precisions(f["routes:1"], f) == {"origin": "point", "destination": "region"}
    assert route_is_coarse(f["routes:1"], f)
    # A route that names no end places: neither end can be told.
    assert route_end_precisions(f["routes:2"], f) == {"origin": None, "destination": None}
    assert not route_is_coarse(f["routes:2"], f)  # its summary precision, a city, is exact enough


def test_country_precision_is_coarse_and_a_city_is_not(features):
    f = by_id(features)
    assert is_coarse(f["places:iso:IR"]) and is_coarse(f["events:2"])
    assert not is_coarse(f["events:1"]) and not is_coarse(f["places:icao:KMIB"])


def test_time_span_covers_dated_features_only(features):
    # The Guam route is the earliest (November), the December clash the latest; Iran is undated.
    assert time_span(features) == (dt.date(2020, 11, 1), dt.date(2020, 12, 31))
    assert time_span([]) is None


@pytest.mark.parametrize(
    ("days", "window", "mode", "expected"),
    [
        ((10, 10), (5, 15), "window", True),
        ((10, 10), (11, 15), "window", False),  # over before the window opens
        ((10, 20), (15, 16), "window", True),  # a month-long event overlaps a day inside it
        ((16, 20), (5, 15), "window", False),  # starts after the window closes
        ((1, 2), (10, 15), "cumulative", True),  # cumulative keeps what already happened
        ((16, 20), (10, 15), "cumulative", False),
    ],
)
def test_visible_in_time(days, window, mode, expected):
    assert visible_in_time(days, window, mode=mode) is expected


def test_undated_features_follow_the_toggle():
    assert visible_in_time(None, (0, 1), show_undated=True)
    assert not visible_in_time(None, (0, 1), show_undated=False)


def test_features_in_view_applies_layers_time_and_filters(features):
    span = time_span(features)
    december_20 = ViewState(start=dt.date(2020, 12, 20), end=dt.date(2020, 12, 20), undated=False)
    # Dec. 20: the Kabul strike (that day) and the December-long clash; nothing from Dec. 10 or November.
    assert {f.id for f in features_in_view(features, december_20, span)} == {"events:1", "events:2"}
    only_routes = ViewState(layers=("routes",))
    assert {f.id for f in features_in_view(features, only_routes, span)} == {"routes:1", "routes:2"}
    search = ViewState(query="persian")  # matches the sea and the route that ends there
    assert {f.id for f in features_in_view(features, search, span)} == {"places:sortie:gulf", "routes:1"}
    strikes = ViewState(event_types=("air_strike",), layers=("events",))
    assert [f.id for f in features_in_view(features, strikes, span)] == ["events:1"]
    hostile = ViewState(article="hostile.txt")
    assert {f.id for f in features_in_view(features, hostile, span)} == {"events:1", "events:2"}


def test_url_state_round_trips():
    state = ViewState(
        layers=("routes", "events"),
        start=dt.date(2020, 12, 1),
        end=dt.date(2020, 12, 24),
        mode="cumulative",
        undated=False,
        query="Minot AFB",
        event_types=("air_strike",),
        article="a b.txt",
        selected="routes:1",
    )
    query = state_to_query(state)
    assert query.startswith("?from=2020-12-01&to=2020-12-24")
    assert state_from_query(query) == state


def test_default_state_has_an_empty_query_and_bad_values_fall_back():
    assert state_to_query(ViewState()) == ""
    state = state_from_query("?from=yesterday&mode=sideways&layers=routes,bogus")
    assert state == ViewState(layers=("routes",))


def test_controls_round_trip_and_a_full_slider_means_no_limit(features):
    span = time_span(features)
    full = [D(span[0]), D(span[1])]
    state = state_from_controls(span, full, ["events"], "window", ["yes"], "", [], None, None)
    assert state.start is None and state.end is None
    narrowed = state_from_controls(
        span, [D(dt.date(2020, 12, 2)), full[1]], ["events"], "window", [], "x", [], None, "events:1"
    )
    assert narrowed.start == dt.date(2020, 12, 2) and narrowed.end is None and not narrowed.undated
    slider, layers, _mode, undated, query, *_ = controls_from_state(narrowed, span)
    assert (
        slider == [D(dt.date(2020, 12, 2)), full[1]]
        and layers == ["events"]
        and undated == []
        and query == "x"
    )


def test_split_mention_uses_article_offsets():
    # The sentence starts at offset 100 in its article; "Minot" is at 100+22.
    c = Citation("a", "Two bombers flew from Minot to the Gulf.", 100, 140, 122, 127)
    assert split_mention(c) == ("Two bombers flew from ", "Minot", " to the Gulf.")
    outside = Citation("a", "Short.", 100, 106, 300, 305)
    assert split_mention(outside) == ("Short.", "", "")


def test_split_article_highlights_the_sentence():
    assert split_article("One. Two. Three.", 5, 9) == ("One. ", "Two.", " Three.")
    assert split_article("One.", 3, 99) == ("One.", "", "")


Date = dt.date


@pytest.mark.parametrize(
    ("start", "end", "precision", "label"),
    [
        (Date(2020, 12, 20), Date(2020, 12, 20), "day", "2020-12-20"),
        # A month-only date is the month, never its first day shown as if it were the day.
        (Date(2020, 12, 1), Date(2020, 12, 31), "month", "2020-12"),
        (Date(2020, 11, 1), Date(2020, 12, 31), "month", "2020-11 – 2020-12"),
        (Date(2020, 1, 1), Date(2020, 12, 31), "year", "2020"),
        # A report's date known to a week: the day, with how little it means.
        (Date(2020, 12, 20), Date(2020, 12, 20), "week", "2020-12-20 (week)"),
        (Date(2020, 12, 18), Date(2020, 12, 20), None, "2020-12-18 – 2020-12-20"),
        (None, Date(2020, 12, 20), "day", "2020-12-20"),
        (None, None, None, "undated"),
    ],
)
def test_when_label_is_no_more_exact_than_the_date(start, end, precision, label):
    assert when_label(start, end, precision) == label


def _route_with_actors(actors: object) -> Feature:
    return Feature(
        "routes:b52",
        "routes",
        "Flight: Minot Air Force Base to Persian Gulf",
        "flight",
        {"type": "LineString", "coordinates": [[-101.36, 48.42], [51.0, 27.0]]},
        None,
        "region",
        None,
        None,
        None,
        (),
        {"actors": actors},
    )


def test_search_finds_a_route_by_what_flew_it():
    route = _route_with_actors(["The B52s", "United States B-52 bombers"])
    assert actors(route) == ["The B52s", "United States B-52 bombers"]
    assert actors(_route_with_actors(None)) == []
    assert [f.id for f in features_in_view([route], ViewState(query="b-52"), None)] == ["routes:b52"]
    assert features_in_view([route], ViewState(query="tanker"), None) == []


def test_the_article_filter_offers_a_page_of_articles_and_searches_them_all():
    labels = {f"r{i:03d}.txt": f"Report {i} from the front" for i in range(3 * ARTICLE_OPTIONS)}
    labels["untitled.txt"] = "untitled.txt"  # an article without a title is labelled by its id
    first = article_options(labels, None, None)
    assert [o["value"] for o in first] == sorted(labels)[:ARTICLE_OPTIONS]
    assert first[0] == {"label": "Report 0 from the front", "value": "r000.txt"}
    # Any case, anywhere in the label, among all the articles (not only the page offered first).
    found = article_options(labels, "  REPORT 14", None)
    assert [o["label"] for o in found] == [f"Report {i} from the front" for i in [14, *range(140, 150)]]
    assert article_options(labels, "untitled", None) == [{"label": "untitled.txt", "value": "untitled.txt"}]
    assert article_options(labels, "nothing like it", None) == []
    # The chosen article is always offered, first, so that the filter can name it.
    chosen = article_options(labels, "report 14", "r099.txt")
    assert chosen[0]["value"] == "r099.txt" and len(chosen) == 12
    assert article_options(labels, None, "r000.txt") == first  # already there: not twice
    assert article_options(labels, None, "gone.txt") == first  # not in the store: nothing to name
