"""Parallel ingest: worker processes and Dask store what a serial ingest stores, in any order.

The articles of the four test sets, whose events and routes merge across sources, are ingested
serially in file order (the reference), then shuffled: serially, in two worker processes, and on a
Dask local cluster into PostGIS. The exported features must be the same (as normalised GeoJSON:
ids, geometry and every property; ingest timestamps are not part of a feature).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from sortie.geodata.geojson import feature_json
from sortie.geodata.store import open_store
from sortie.geodata.store.ingest import ingest_paths

pytestmark = pytest.mark.model
DATA = Path(__file__).parent / "data"
PATHS = sorted(
    str(p) for d in ("articles", "articles2", "articles3", "articles4") for p in (DATA / d).glob("*.txt")
)


def _features(location: str) -> list[str]:
    return sorted(json.dumps(feature_json(f), sort_keys=True) for f in open_store(location).features())


def _shuffled(seed: int) -> list[str]:
    paths = list(PATHS)
    random.Random(seed).shuffle(paths)
    assert paths != PATHS
    return paths


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> list[str]:
    store = str(tmp_path_factory.mktemp("serial") / "s.gpkg")
    assert ingest_paths(PATHS, store=store) == 0
    features = _features(store)
    # The sets report some flights and strikes in several articles: the merge has work to do.
    merged = [f for f in map(json.loads, features) if f["properties"]["sources"] > 1]
    assert len(merged) >= 5 and any(f["properties"]["layer"] != "places" for f in merged)
    assert len({a["doc"] for a in open_store(store).articles()}) == len(PATHS)
    return features


def test_a_shuffled_serial_ingest_stores_the_same_features(serial, tmp_path):
    store = str(tmp_path / "s.gpkg")
    assert ingest_paths(_shuffled(1), store=store) == 0
    assert _features(store) == serial


def test_two_worker_processes_store_the_same_features(serial, tmp_path, capsys):
    store = str(tmp_path / "s.gpkg")
    assert ingest_paths(_shuffled(2), store=store, workers=2) == 0
    assert f"parsing {len(PATHS)} article(s) into {store} in 2 worker processes" in capsys.readouterr().err
    assert _features(store) == serial


def test_dask_into_postgis_stores_the_same_features(serial, pg_url, capsys):
    assert ingest_paths(_shuffled(3), store=pg_url, dask=True, workers=2) == 0
    err = capsys.readouterr().err
    assert "on a local Dask cluster of 2 workers" in err and f"{len(PATHS)} added" in err
    assert _features(pg_url) == serial
    # Ingesting them again, in another order, changes nothing.
    assert ingest_paths(_shuffled(4), store=pg_url, workers=2) == 0
    assert f"0 added, 0 replaced, {len(PATHS)} unchanged" in capsys.readouterr().err
    assert _features(pg_url) == serial
