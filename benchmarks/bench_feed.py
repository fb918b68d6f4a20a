"""The server's side of a filter change over 100,000 synthetic features (run on demand).

    .venv/bin/python benchmarks/bench_feed.py [--features 100000] [--rounds 3]

The page fetches /map-data once per server-side filter (search, event types, article): the answer is
made once and kept, so what a user waits for on a new filter is its first making. Each round starts
a new feed (dashboard/feed.py:MapFeed, no answer kept) and times, in order: the first view (every
feature; made at start by `MapFeed.warm`), then an event-type filter, a broad search and a narrow one,
each made for the first time. Reports the median and range over the rounds, per answer.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench_dashboard import synthetic

from sortie.dashboard.corpus import Corpus
from sortie.dashboard.feed import MapFeed

QUERIES = {
    "first view": "",
    "one event type": "types=strike",
    "broad search": "q=Place",
    "narrow search": "q=Place+1",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    features, articles = synthetic(args.features)
    corpus = Corpus.from_records(features, articles)
    times: dict[str, list[float]] = {name: [] for name in QUERIES}
    for _ in range(args.rounds):
        feed = MapFeed(corpus)
        for name, query in QUERIES.items():
            t0 = time.perf_counter()
            feed.answer(query)
            times[name].append(time.perf_counter() - t0)
    print(f"{args.features} features, {args.rounds} rounds: time to make each answer the first time")
    for name, ts in times.items():
        print(f"  {name:15} {statistics.median(ts):5.2f} s  ({min(ts):.2f}-{max(ts):.2f})")


if __name__ == "__main__":
    main()
