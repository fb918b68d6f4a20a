"""The map's features over HTTP (/map-data): what each filter sends, and that answers are kept."""

from __future__ import annotations

import dataclasses

import orjson

from sortie.dashboard.app import create_app
from sortie.dashboard.corpus import Corpus, Snapshot
from sortie.dashboard.feed import PATH, MapFeed, feed_query
from sortie.dashboard.figures import map_data
from sortie.dashboard.views import ViewState


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
    assert orjson.loads(feed.body("")) == map_data(features, {f.id: f for f in features})
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
    first = feed.body("")
    assert feed.body("") is first  # kept: not made again
    version["n"] = 1  # a new ingest: the store's version changed
    again = feed.body("")
    assert again is not first and len(ids_in(again)) == len(ids_in(first)) + 1


def test_the_app_serves_it(corpus, features):
    client = create_app(corpus=corpus).server.test_client()
    answer = client.get(PATH + "?q=kabul")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert ids_in(answer.data) == {f.id for f in features if "kabul" in f.name.casefold()}
    assert answer.headers["Cache-Control"] == "no-store"


def test_features_marked_wrong_are_sent_only_when_asked_for(features, articles):
    wrong = dataclasses.replace(features[0], properties={**features[0].properties, "wrong": True})
    feed = MapFeed(Corpus.from_records([wrong, *features[1:]], articles))
    assert wrong.id not in ids_in(feed.body(""))
    assert wrong.id in ids_in(feed.body("wrong=1"))
    # The corrections' version in the query tells page loads apart; it changes nothing sent.
    assert feed.body("v=3") == feed.body("")
    assert feed_query(ViewState(), wrong=True, version=3) == "wrong=1&v=3"
