"""Parse and extract many articles at once: in worker processes, or on a Dask (distributed) cluster.

Only the pure stages run in the workers (spaCy, places, times, events and routes); the results come
back to the one process that writes the store, which stores each article in its own transaction as
it arrives. Results arrive in whatever order the workers finish, so the store must not depend on
the order of its articles: its layers are a function of the set of articles (see
`sortie.geodata.store.layers`), which the tests check by ingesting the same articles shuffled.

Articles travel to the workers as records (their text and metadata), so Dask workers on other
machines need Sortie and its gazetteer installed (`sortie gazetteer build`), not the input files.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from sortie.geodata.errors import SortieError
from sortie.geodata.records import Article, Event, ParsedArticle, Route

if TYPE_CHECKING:
    from sortie.geodata.places.gazetteer import Gazetteer

# Articles per task: enough for spaCy's batching, few enough that the workers share the tail.
BATCH = 8


@dataclass(frozen=True)
class Analysed:
    """One article's results, ready to store."""

    parsed: ParsedArticle
    events: list[Event]
    routes: list[Route]


@dataclass(frozen=True)
class Failed:
    """An article whose stages raised: nothing of it is stored."""

    doc: str
    message: str


Outcome = Analysed | Failed


@cache
def _gazetteer() -> Gazetteer:
    """Opened once per worker process (the spaCy model is cached by sortie.geodata.nlp)."""
    from sortie.geodata.places.gazetteer import open_gazetteer

    return open_gazetteer()


def analyse_batch(articles: Sequence[Article]) -> list[Outcome]:
    """Parse and extract `articles` (runs in a worker). An article's own failure is an outcome."""
    from sortie.geodata.events import extract
    from sortie.geodata.pipeline import parse_docs

    gazetteer = _gazetteer()
    out: list[Outcome] = []
    for parsed, doc in parse_docs(articles, gazetteer=gazetteer):
        try:
            events, routes = extract(parsed, doc, gazetteer)
            out.append(Analysed(parsed, list(events), list(routes)))
        except SortieError as exc:
            out.append(Failed(parsed.article.doc, str(exc)))
        except Exception as exc:  # a bug in one article's stages must not cost the others
            out.append(Failed(parsed.article.doc, internal_error(exc)))
    return out


def internal_error(exc: BaseException) -> str:
    return f"internal error ({type(exc).__name__}: {exc}); nothing stored for it"


def batches(articles: Sequence[Article], workers: int) -> list[list[Article]]:
    """Tasks of up to BATCH articles, at least a few per worker (a short run still uses them all)."""
    size = max(1, min(BATCH, len(articles) // (4 * workers)))
    return [list(articles[i : i + size]) for i in range(0, len(articles), size)]


def _failed_batch(batch: Sequence[Article], exc: BaseException) -> list[Outcome]:
    why = f"its worker failed ({type(exc).__name__}: {exc})"
    return [Failed(a.doc, why) for a in batch]


def in_processes(articles: Sequence[Article], workers: int) -> Iterator[Outcome]:
    """Outcomes from `workers` local processes, as they finish.

    The processes start from a fork server, not by forking this one: a fork copies the caller's
    threads' locks and open connections (the store's), which the children must not touch.
    """
    context = multiprocessing.get_context("forkserver")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        futures: dict[Future[list[Outcome]], list[Article]] = {
            pool.submit(analyse_batch, batch): batch for batch in batches(articles, workers)
        }
        for future in as_completed(futures):
            try:
                yield from future.result()
            except Exception as exc:  # a worker killed (out of memory) or a batch that cannot pickle
                yield from _failed_batch(futures[future], exc)
    finally:
        # Interrupted (Ctrl+C, or the caller stopped reading): the batches not yet started are dropped.
        pool.shutdown(wait=True, cancel_futures=True)


def on_dask(articles: Sequence[Article], scheduler: str | None, workers: int) -> Iterator[Outcome]:
    """Outcomes from a Dask cluster: the scheduler at `scheduler`, else a local cluster of `workers`.

    The local cluster listens on 127.0.0.1 only and starts no diagnostics web server.
    """
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError as exc:
        raise SortieError(
            f"--dask and --scheduler need Dask's distributed scheduler ({exc}); install it with "
            "`pip install 'sortie-osint[scale]'`"
        ) from None
    cluster: Any = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,  # spaCy holds the GIL: one article at a time per process
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
    try:
        with Client(cluster if cluster is not None else scheduler) as client:
            # Batches for the workers the cluster has now (a remote one may have any number).
            jobs = batches(articles, len(client.nthreads()) or workers)
            futures = client.map(analyse_batch, jobs, pure=False)
            of = {f.key: batch for f, batch in zip(futures, jobs, strict=True)}
            for future in dask_completed(futures):
                try:
                    yield from future.result()
                except Exception as exc:
                    yield from _failed_batch(of[future.key], exc)
    except OSError as exc:
        raise SortieError(f"cannot reach the Dask scheduler {scheduler} ({exc})") from None
    finally:
        if cluster is not None:
            cluster.close()
