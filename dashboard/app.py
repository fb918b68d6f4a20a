"""The Dash app factory and `sortie serve`.

`create_app()` builds everything on call: nothing happens at import. The app holds one read-only
Corpus (the data); all per-visitor state lives in the page (components, dcc.Store, the URL).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sortie.dashboard.basemap import assets_dir, ensure_basemap
from sortie.geodata.errors import SortieError
from sortie.geodata.store.geopackage import default_store_path

if TYPE_CHECKING:
    from dash import Dash

    from sortie.dashboard.corpus import Corpus


def create_app(
    store_path: str | Path | None = None,
    online_tiles: bool = False,
    *,
    corpus: Corpus | None = None,
    user: str | None = None,
) -> Dash:
    """The dashboard over the store at `store_path` (or over `corpus`, for tests); `user` signs the
    corrections made in it (default: $SORTIE_USER, else the OS user name)."""
    from dash import Dash

    from sortie.dashboard.callbacks import register_callbacks
    from sortie.dashboard.corpus import Corpus
    from sortie.dashboard.layout import page

    assets = assets_dir()  # before anything else: a missing folder is a clear error, not a blank page
    ensure_basemap()
    data = corpus or Corpus.from_store(store_path)
    app = Dash(
        __name__,
        title="Sortie",
        assets_folder=str(assets),
        # Serve Dash's and Plotly's JavaScript from this app, never from a CDN: the page must not
        # reveal what the analyst looks at to any other host.
        serve_locally=True,
        suppress_callback_exceptions=True,  # feature-list rows are created by a callback
        update_title=None,  # type: ignore[arg-type]  # None turns the "Updating..." title off (Dash docs)
    )
    # A function, so each page load reads the current data (slider span, event types) from the store.
    app.layout = lambda: page(data.snapshot(), online_tiles=online_tiles)
    register_callbacks(app, data)
    # The map's features and its labels' glyphs, served by plain routes (dashboard/feed.py, glyphs.py).
    from sortie.dashboard.feed import MapFeed, register_feed
    from sortie.dashboard.glyphs import register_glyphs

    feed = MapFeed(data)
    register_feed(app, feed)
    register_glyphs(app)
    feed.warm()  # the default view's features, made while the first visitor's page loads
    # Observed tracks: their own layer, time bar and panel (dashboard/tracks.py, assets/tracks.js).
    from sortie.dashboard.tracks import TrackSource, register_track_callbacks
    from sortie.geodata.store import is_url, store_location

    # Observed tracks are kept in GeoPackage stores only (a PostGIS store has none).
    on_file = corpus is None and not is_url(store_location(store_path))
    tracks = TrackSource.from_store(store_path) if on_file else TrackSource.empty()
    register_track_callbacks(app, tracks)
    # Analysts' corrections: the panel's candidates, move / mark wrong / fix the date, undo.
    from sortie.dashboard.corrections import CorrectionSource, register_correction_callbacks

    source = CorrectionSource(store_path, user) if corpus is None else CorrectionSource.disabled()
    register_correction_callbacks(app, data, source)
    return app


# Requests served at once. Callbacks are short and mostly hold the GIL, so more threads than this
# only queue inside Python instead of in the server; waitress queues further connections itself.
THREADS = 8


def serve(
    store: str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = 8050,
    online_tiles: bool = False,
    debug: bool = False,
    threads: int = THREADS,
    user: str | None = None,
) -> None:
    """`sortie serve`: run the dashboard until interrupted.

    A store that cannot be read, or a port already taken, is a StoreError before the server starts,
    so the user sees one clear line instead of a running server with a broken page. The server is
    waitress (a production WSGI server, `threads` worker threads); `debug` runs Flask's development
    server instead, for Dash's reloader and error pop-ups.
    """
    from sortie.geodata.store import is_url, open_store, store_location
    from sortie.geodata.store.geopackage import Store

    location = store_location(store)
    if is_url(location):
        open_store(location).articles()  # raises StoreError: no server there, or not a Sortie store
        path = None
    else:
        path = Path(location).expanduser() if location else default_store_path()
        if path.exists() or path.is_symlink():
            Store(path).articles()  # raises StoreError naming the file and the fault
    check_port(host, port)
    app = create_app(store, online_tiles=online_tiles, user=user)
    if path is not None and not path.exists():
        print(
            f"sortie: note: the store {path} does not exist yet; the map is empty until you run "
            f"`sortie ingest PATH{'' if store is None else f' --store {store}'}`",
            file=sys.stderr,
        )
    print(f"Sortie dashboard on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    if debug:
        # Dash's dev tools would otherwise ask plotly.com for the latest version: no outside requests.
        app.run(host=host, port=port, debug=True, dev_tools_disable_version_check=True)
        return
    import logging

    from waitress import serve as waitress_serve

    # "Task queue depth is N" at every request queued behind busy threads: normal under load, noise here.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    # One line per request would drown the terminal; waitress still logs its own errors.
    waitress_serve(app.server, host=host, port=port, threads=threads, ident="sortie", _quiet=True)


def check_port(host: str, port: int) -> None:
    """Raise a SortieError when `host:port` cannot be listened on (taken, or not this machine's)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise SortieError(f"--host {host}: not an address of this machine ({exc})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        # As the server will bind: SO_REUSEADDR, so a port left in TIME_WAIT is not reported as taken.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise SortieError(
                f"cannot listen on {host}:{port} ({exc.strerror}); is another `sortie serve` running? "
                "Stop it, or choose another port with --port"
            ) from None
