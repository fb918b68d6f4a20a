"""Speed of `sortie parse` against spaCy alone (run on demand; not a test).

    python benchmarks/bench_parse.py [--corpus ../shared/eval/trnews.jsonl] [--articles 300] [--rounds 2]

1. Throughput: the full parse path (spaCy, recognition, resolution, times, JSON output) on a few
   hundred article texts, as a ratio to `nlp.pipe` alone on the same texts. The model is loaded and
   the gazetteer opened before timing, so the ratio is what Sortie adds per article. Target <= 1.15.
2. Cold start: wall time of `sortie parse` on one seed article in a fresh process.
Texts come from a JSON Lines corpus (its "text" fields) or, without one, from the seeds, repeated
to the requested count.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def texts_from(corpus: Path | None, count: int) -> list[str]:
    if corpus is not None:
        base = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8") if line.strip()]
    else:
        base = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if not base:
        raise SystemExit("no texts to time")
    return [base[i % len(base)] for i in range(count)]


def throughput(texts: list[str], rounds: int) -> dict[str, float]:
    from sortie.geodata.nlp import load_model
    from sortie.geodata.output import parsed_json
    from sortie.geodata.pipeline import parse_articles
    from sortie.geodata.places.gazetteer import open_gazetteer
    from sortie.geodata.places.matcher import phrase_index
    from sortie.geodata.records import Article

    nlp = load_model()
    gazetteer = open_gazetteer()
    phrase_index(gazetteer)  # built once per process; that cost belongs to the cold start
    articles = [Article(doc=f"bench-{i}.txt", text=t) for i, t in enumerate(texts)]
    list(parse_articles(articles[:8], nlp=nlp, gazetteer=gazetteer))  # warm caches and lazy imports

    best_pipe = best_full = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
        best_pipe = min(best_pipe, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for parsed in parse_articles(articles, nlp=nlp, gazetteer=gazetteer):
            json.dumps(parsed_json(parsed), ensure_ascii=False)
        best_full = min(best_full, time.perf_counter() - t0)
    return {
        "articles": len(texts),
        "nlp_pipe_s": best_pipe,
        "full_parse_s": best_full,
        "ratio": best_full / best_pipe,
        "articles_per_s": len(texts) / best_full,
    }


def cold_start() -> float:
    seed = sorted((ROOT / "seeds").glob("000*.txt"))
    if not seed:
        raise SystemExit("no seed article 000*.txt under seeds/")
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "geodata", "parse", str(seed[0])], check=True, capture_output=True, cwd=ROOT
    )
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, help="JSON Lines file with a 'text' field per line")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=2, help="best of N timings")
    args = ap.parse_args()
    result = throughput(texts_from(args.corpus, args.articles), args.rounds)
    print(
        f"throughput: {result['articles']} articles, nlp.pipe alone {result['nlp_pipe_s']:.2f} s, "
        f"full parse {result['full_parse_s']:.2f} s ({result['articles_per_s']:.1f} articles/s), "
        f"ratio {result['ratio']:.3f} (target <= 1.15)"
    )
    print(f"cold start: `sortie parse` on one seed article {cold_start():.2f} s (model load included)")


if __name__ == "__main__":
    main()
