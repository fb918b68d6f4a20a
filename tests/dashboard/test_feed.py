"""The map's features over HTTP (/map-data): what each filter sends, and that answers are kept."""

from __future__ import annotations

import dataclasses
import gzip

import orjson

from sortie.dashboard.app import create_app
from sortie.dashboard.corpus import Corpus, Snapshot
from sortie.dashboard.feed import PATH, MapFeed, feed_query
from sortie.dashboard.figures import legend_items, map_data
from sortie.dashboard.views import ViewState
from sortie.geodata.records import Feature


def ids_in(body: bytes) -> set[str]:
    data = orjson.loads(body)
    return {*data["points"]["id"], *data["routes"]["id"]}


def test_the_query_holds_only_the_server_side_filters_in_a_fixed_order():
    assert feed_query(ViewState()) == ""
    view = ViewState(
        layers=("routes",), query=" B-52 ", event_types=("shelling", "air_strike"), article="a.txt"
    )
    assert feed_query(view) == "q=B-52&types=air_strike%2Cshelling&article=a.txt"


def test_every_layer_is_sent_and_searches_narrow_it(corpus, features):
    feed = MapFeed(corpus)
    answer = orjson.loads(feed.body(""))
    data = map_data(features, {f.id: f for f in features})
    # The records as map_data makes them; the routes' lines and arrowheads travel in the sources only.
    assert answer["points"] == data["points"] and answer["styles"] == data["styles"]
    assert answer["routes"] == {k: v for k, v in data["routes"].items() if k not in ("parts", "head")}
    assert answer["sources"] and answer["bounds"]
    # Layer toggles are the page's business: a `layers` parameter changes nothing here.
    assert feed.body("layers=routes") == feed.body("")
    assert ids_in(feed.body("q=kabul")) == {f.id for f in features if "kabul" in f.name.casefold()}
    events = {f.id for f in features if f.layer == "events" and f.kind == "air_strike"}
    assert ids_in(feed.body("types=air_strike")) == events | {f.id for f in features if f.layer != "events"}


def test_answers_are_kept_until_the_store_changes(features, articles):
    version = {"n": 0}
    loads = []

    def load() -> Snapshot:
        loads.append(version["n"])
        return Snapshot(features[: 2 + version["n"]], {})

    feed = MapFeed(Corpus(load, lambda doc: None, lambda: version["n"]))
    first = feed.answer("")
    assert feed.answer("") is first  # kept: not made again
    version["n"] = 1  # a new ingest: the store's version changed
    again = feed.answer("")
    assert again is not first and again.token != first.token
    assert len(ids_in(feed.body(""))) == len(ids_in(gzip.decompress(first.body))) + 1
    # The old answer's sources are gone with it.
    assert feed.source(first.token, 0) is None and feed.source(again.token, 0) is not None


def test_the_app_serves_it(corpus, features):
    client = create_app(corpus=corpus).server.test_client()
    answer = client.get(PATH + "?q=kabul")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert ids_in(answer.data) == {f.id for f in features if "kabul" in f.name.casefold()}
    assert answer.headers["Cache-Control"] == "no-store"
    # A browser says it takes gzip, and gets the same answer compressed.
    packed = client.get(PATH + "?q=kabul", headers={"Accept-Encoding": "gzip, deflate"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == answer.data


def test_the_sources_served_hold_every_record_once_and_go_when_the_answer_does(corpus, features):
    client = create_app(corpus=corpus).server.test_client()
    data = orjson.loads(client.get(PATH).data)
    records = len(data["points"]["id"]) + len(data["routes"]["id"])
    served = []
    for source in data["sources"]:
        answer = client.get(source["url"])
        assert answer.status_code == 200 and answer.mimetype == "application/geo+json"
        assert "immutable" in answer.headers["Cache-Control"]  # a URL names one answer, never changed
        collection = orjson.loads(answer.data)
        assert {f["properties"]["i"] for f in collection["features"]} == set(source["members"])
        assert sorted({f["properties"]["r"] for f in collection["features"]}) == source["roles"]
        served += source["members"]
    assert sorted(served) == list(range(records))
    # An answer no longer kept (the store changed since the page asked): said so, not mixed with another.
    gone = client.get(data["sources"][0]["url"].replace("a=", "a=stale"))
    assert gone.status_code == 410 and b"reload the page" in gone.data


def test_features_marked_wrong_are_sent_only_when_asked_for(features, articles):
    wrong = dataclasses.replace(features[0], properties={**features[0].properties, "wrong": True})
    feed = MapFeed(Corpus.from_records([wrong, *features[1:]], articles))
    assert wrong.id not in ids_in(feed.body(""))
    assert wrong.id in ids_in(feed.body("wrong=1"))
    # The corrections' version in the query tells page loads apart; it changes nothing sent.
    assert feed.body("v=3") == feed.body("")
    assert feed_query(ViewState(), wrong=True, version=3) == "wrong=1&v=3"


def _event(fid: str, kind: str, lon: float) -> Feature:
    point = {"type": "Point", "coordinates": [lon, 10.0]}
    return Feature(fid, "events", fid, kind, point, "x", "city", None, None, None, ())


def test_an_event_type_outside_the_palette_keeps_its_legend_colour_when_the_types_are_filtered():
    # Two kinds no EVENT_COLORS entry names: each takes a fallback colour by its rank among the
    # store's kinds, as the legend shows them; filtering to the second must not recolour it as the first.
    features = [_event("events:1", "convoy_ambush", 1.0), _event("events:2", "port_blockade", 2.0)]
    legend = {key: color for key, _label, color in legend_items(features)}
    assert legend["event:convoy_ambush"] != legend["event:port_blockade"]
    feed = MapFeed(Corpus(lambda: Snapshot(features, {}), lambda doc: None))
    for query, kind in [
        ("", "port_blockade"),
        ("types=port_blockade", "port_blockade"),
        ("types=convoy_ambush", "convoy_ambush"),
    ]:
        data = orjson.loads(feed.body(query))
        table = data["points"]
        (k,) = [i for i in range(len(table["id"])) if data["kinds"][table["kind"][i]] == kind]
        _layer, color, _coarse = data["styles"][table["style"][k]]
        assert color == legend[f"event:{kind}"], query


def test_a_filter_drawn_from_the_kept_drawings_is_drawn_as_from_scratch(features):
    places = {f.id: f for f in features}
    kept: dict = {}
    map_data(features, places, drawings=kept)  # every feature's drawing made once, as for the first view
    some = [f for f in features if f.layer != "events"]
    assert map_data(some, places, drawings=kept) == map_data(some, places)
