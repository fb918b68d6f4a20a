"""Ingest throughput: serially, with worker processes, and on a Dask local cluster (on demand; not a test).

    python benchmarks/bench_ingest_parallel.py [--articles 10000] [--workers 2] [--store postgresql://...]
        [--modes spacy,serial,workers,dask]

1. Inputs: the test articles (tests/data/articles*, 52 texts) written again and again into a temporary
   folder under distinct names, copy k published k x 61 days after the original (so copies are
   distinct articles whose events mostly do not merge), with a meta.json as a user would have.
2. Each mode runs `sortie ingest FOLDER` in a fresh process into a new store (a GeoPackage in the
   temporary folder, or a new PostgreSQL database's tables when --store is a URL: its tables are
   dropped first) and is timed from start to exit, model loading and store writing included:
   `serial`, `workers` (`--workers N`), `dask` (`--dask --workers N`: a distributed.LocalCluster).
   `spacy` is the floor: one process loading the model and running `nlp.pipe` over the same texts
   as Sortie cuts them (sortie.geodata.nlp.parse_texts), nothing else.
3. Output: articles/s per mode, and its time as a multiple of bare spaCy's (1.00 = as fast as
   spaCy alone in one process; under 1 = faster, which only more processes can be), and a check
   that every mode stored the same features (normalised GeoJSON; ingest timestamps are not in it).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ("articles", "articles2", "articles3", "articles4")


def write_corpus(folder: Path, count: int) -> int:
    """`count` article files in `folder` (copies of the test sets) with their meta.json."""
    base: list[tuple[str, str, dict[str, str]]] = []
    for name in SETS:
        src = ROOT / "tests" / "data" / name
        meta = json.loads((src / "meta.json").read_text(encoding="utf-8"))
        for f in sorted(src.glob("*.txt")):
            base.append((f.name, f.read_text(encoding="utf-8"), meta.get(f.name, {})))
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, dict[str, str]] = {}
    for i in range(count):
        name, text, meta = base[i % len(base)]
        k = i // len(base)
        doc = f"c{k:04d}_{name}"
        (folder / doc).write_text(text, encoding="utf-8")
        entry = {key: v for key, v in meta.items() if key in ("title", "source", "published")}
        if entry.get("published"):
            when = dt.date.fromisoformat(entry["published"]) + dt.timedelta(days=61 * k)
            entry["published"] = when.isoformat()
        out[doc] = entry
    (folder / "meta.json").write_text(json.dumps(out), encoding="utf-8")
    return len(base)


SPACY_ONLY = """
import sys, time
from pathlib import Path
from sortie.geodata.nlp import load_model, parse_texts
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
t = time.perf_counter()
nlp = load_model()
for _ in parse_texts(nlp, texts, batch_size=16):
    pass
print(time.perf_counter() - t)
"""


def time_spacy(folder: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", SPACY_ONLY, str(folder)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def reset(store: str) -> None:
    """An empty store at `store`: the file removed, or the Sortie tables dropped from the database."""
    if not store.startswith(("postgresql://", "postgres://")):
        Path(store).unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(store, autocommit=True) as con:
        for table in ("places", "routes", "events", "articles", "article_results", "sortie_meta",
                      "sortie_place_parts", "sortie_records", "sortie_features"):  # fmt: skip
            con.execute(f'DROP TABLE IF EXISTS "{table}"')


def stored(store: str) -> int | None:
    """How many articles `store` holds now (None: not readable yet)."""
    try:
        if store.startswith(("postgresql://", "postgres://")):
            import psycopg

            with psycopg.connect(store, autocommit=True) as con:
                row = con.execute("SELECT count(*) FROM articles").fetchone()
        else:
            import sqlite3

            with contextlib.closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True)) as con:
                row = con.execute("SELECT count(*) FROM articles").fetchone()
    except Exception:  # no store, or no table yet, this early in the run
        return None
    return int(row[0]) if row else None


def time_ingest(folder: Path, store: str, extra: list[str], every: float) -> float:
    """Seconds for `sortie ingest` of `folder`; with `every`, the articles stored so far said that often
    (so a run whose rate falls as the store grows shows it)."""
    sortie = Path(sys.executable).with_name("sortie")
    reset(store)
    t = time.perf_counter()
    run = subprocess.Popen(
        [str(sortie), "ingest", str(folder), "--store", store, *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    err = ""
    last = (t, 0)
    while True:
        try:
            err = run.communicate(timeout=every or None)[1]
            break
        except subprocess.TimeoutExpired:
            now, count = time.perf_counter(), stored(store)
            if count is not None:
                rate = (count - last[1]) / (now - last[0])
                print(f"  {now - t:7.0f} s {count:6d} articles stored ({rate:.1f} articles/s since the last)",
                      flush=True)  # fmt: skip
                last = (now, count)
    elapsed = time.perf_counter() - t
    if run.returncode:
        raise SystemExit(f"sortie ingest {' '.join(extra)} failed ({run.returncode}):\n{err[-3000:]}")
    return elapsed


def normalised(store: str) -> set[str]:
    from sortie.geodata.geojson import feature_json
    from sortie.geodata.store import open_store

    return {json.dumps(feature_json(f), sort_keys=True) for f in open_store(store).features()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--store", help="a PostgreSQL URL (default: a GeoPackage in the temporary folder)")
    ap.add_argument("--modes", default="spacy,serial,workers,dask")
    ap.add_argument("--every", type=float, default=0, metavar="SECONDS",
                    help="say how many articles are stored this often during each run")  # fmt: skip
    args = ap.parse_args()
    modes = args.modes.split(",")
    with tempfile.TemporaryDirectory(prefix="sortie-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        n_base = write_corpus(folder, args.articles)
        store = args.store or str(Path(tmp) / "bench.gpkg")
        print(f"{args.articles} articles ({n_base} test texts repeated), store {store.split('?')[0]},"
              f" {os.cpu_count()} CPUs")  # fmt: skip
        spacy_s = time_spacy(folder) if "spacy" in modes else None
        if spacy_s:
            rate = args.articles / spacy_s
            print(f"{'bare spaCy (1 process)':<34} {rate:6.1f} articles/s   1.00 x spaCy   ({spacy_s:.1f} s)")
        seen: dict[str, set[str]] = {}
        runs = {
            "serial": [],
            "workers": ["--workers", str(args.workers)],
            "dask": ["--dask", "--workers", str(args.workers)],
        }
        for mode, extra in runs.items():
            if mode not in modes:
                continue
            s = time_ingest(folder, store, extra, args.every)
            rate = args.articles / s
            ratio = f"{s / spacy_s:.2f} x spaCy" if spacy_s else ""
            label = f"sortie ingest {' '.join(extra) or '(serial)'}"
            print(f"{label:<34} {rate:6.1f} articles/s   {ratio}   ({s:.1f} s)", flush=True)
            seen[mode] = normalised(store)
            # A digest too, so that runs of different invocations can be compared.
            digest = hashlib.sha256("\n".join(sorted(seen[mode])).encode()).hexdigest()[:16]
            print(f"  {len(seen[mode])} features, sha256 {digest}", flush=True)
        if len(seen) > 1:
            first = next(iter(seen.values()))
            same = all(v == first for v in seen.values())
            print(f"same features from every mode: {same} ({len(first)} features)")


if __name__ == "__main__":
    main()
