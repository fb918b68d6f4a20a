// Browser side of the Sortie dashboard (Dash serves this file from /assets/).
//
// The map's features are not Plotly traces: the Plotly graph draws the basemap only, and this file adds
// the features as GeoJSON sources and layers of its own to the MapLibre map inside the graph
// (gd._fullLayout.map._subplot.map). The page fetches them as columns (dashboard/figures.py:map_data)
// from /map-data (dashboard/feed.py) when a server-side filter (search, event types, article) changes,
// the first time as soon as this script runs; they are parsed into MapLibre once.
//
// The time slider and the layer toggles then change no data. The server splits the features into
// chunks by first day, one GeoJSON source each, which MapLibre's worker fetches from it
// (dashboard/sources.py): chunks wholly outside the window are hidden (layer visibility), and in the
// chunks that straddle a window end the features outside it get MapLibre feature-state `off` (drawn
// transparent).
// A feature-state change needs no re-tiling, so a step costs the state changes (a few ms) and a frame;
// only a window end crossing into another chunk re-tiles that chunk's source.
//
// The time rule mirrors dashboard/views.py:visible_in_time: a feature with days [d0, d1] shows in window
// [lo, hi] when d0 <= hi && d1 >= lo (cumulative: d0 <= hi); undated ones (no d0) when asked for. A
// feature of a layer toggled off is `off` the same way (dashboard/views.py:category is its layer).
//
// Names and other article text reach the page only as textContent (hover label), never as HTML.
(function () {
  "use strict";

  const PREFIX = "sortie-";
  const FEED = "/map-data"; // dashboard/feed.py:PATH
  const FEED_PARAMS = ["q", "types", "article", "wrong", "v"]; // dashboard/feed.py:feed_query
  const MAP_ID = "map"; // dashboard/ids.py:MAP
  const SLIDER_ID = "time-slider"; // dashboard/ids.py:SLIDER
  const LABEL_ID = "time-label"; // dashboard/ids.py:SLIDER_LABEL
  const FIT_ID = "fit-view"; // dashboard/ids.py:FIT
  const LIST_ID = "feature-list"; // dashboard/ids.py:FEATURE_LIST
  const PICK_ID = "list-pick"; // dashboard/ids.py:LIST_PICK
  const FONT = "dejavu-sans"; // dashboard/glyphs.py:FONT_STACK, served from this app (no glyph server)
  // dashboard/views.py:LAYERS, the layer toggles (a record's `cat`).
  const ALL_LAYERS = ["airbases", "cities", "regions", "seas", "other", "routes", "events"];
  // Bottom to top. A route is a line, an arrowhead and a clickable mark (mid-route); its line is dashed
  // when an end is known only to its country or region (the line then joins representative points).
  // A place or event is a dot, or a pale halo when only its country or region is known.
  // Radii grow with the zoom: at world scale smaller circles keep a dense map readable (and cheap to
  // draw: a software-rendered frame costs about the number of pixels the circles cover).
  function radius(world, near) {
    return ["interpolate", ["linear"], ["zoom"], 1, world, 5, near];
  }
  // A feature outside the time window but in a chunk that is partly inside has feature-state `off`:
  // drawn fully transparent, which changes no tile (no re-tiling, unlike a filter).
  function unlessOff(value) {
    return ["case", ["boolean", ["feature-state", "off"], false], 0, value];
  }
  function byRole(dot, mark) {
    return ["match", ["get", "r"], "mark", mark, dot];
  }
  // Up to four layers per chunk, bottom to top: halos, lines (routes and their arrowheads), dashed
  // lines (routes with a coarse end: MapLibre cannot vary line-dasharray per feature, hence a layer of
  // their own, added only to chunks that hold such routes), dots and route marks. Few layers matter:
  // every layer is a draw call per tile on every frame.
  const LAYERS = [
    { name: "halo", roles: ["halo"], type: "circle", paint: { "circle-radius": radius(8, 13), "circle-color": ["get", "c"], "circle-opacity": unlessOff(0.22) } },
    { name: "line", roles: ["line", "arrow"], type: "line", paint: { "line-color": ["get", "c"], "line-width": 2.2, "line-opacity": unlessOff(1) } },
    { name: "dash", roles: ["dline"], type: "line", paint: { "line-color": ["get", "c"], "line-width": 2.2, "line-dasharray": [2.5, 1.8], "line-opacity": unlessOff(1) } },
    {
      name: "dot",
      roles: ["dot", "mark"],
      type: "circle",
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 1, byRole(3.5, 3.5), 5, byRole(5, 4.5)],
        "circle-color": ["get", "c"],
        "circle-opacity": unlessOff(byRole(0.95, 1)),
        "circle-stroke-width": byRole(0.8, 0),
        "circle-stroke-color": "#ffffff",
        "circle-stroke-opacity": unlessOff(1),
      },
    },
  ];

  // The hover label says when a position is only a country's or region's (as the legend does).
  const COARSE_NOTE = { point: "country or region only", route: "an end known to a country or region only" };
  // Which hit wins when several are under the pointer: small targets before big ones.
  const PICK_ORDER = { mark: 0, dot: 1, line: 2, dline: 2, arrow: 2, halo: 3 };

  // Place labels: the names of the places drawn (not events or routes: their names are sentences' words),
  // one label per name, the coarser places (countries, seas) first. MapLibre drops a label that would
  // overlap one placed before it, so a world view shows a few and a closer view more. Only places in
  // view and inside the time window are offered, at most MAX_LABELS of them (updated once the map and
  // the slider rest): placing thousands of labels on every frame would slow the whole map.
  const MAX_LABELS = 300;
  const LABEL_RANK = { regions: 0, seas: 1, airbases: 2, cities: 3, other: 4 };
  const LABEL_LAYER = {
    id: PREFIX + "labels",
    type: "symbol",
    source: PREFIX + "labels",
    layout: {
      "text-field": ["get", "n"],
      "text-font": [FONT],
      "text-size": ["interpolate", ["linear"], ["zoom"], 1, 10.5, 6, 12.5],
      "symbol-sort-key": ["get", "k"],
      // Beside the dot, on whichever side has room.
      "text-variable-anchor": ["left", "right", "top", "bottom"],
      "text-radial-offset": 0.6,
      "text-justify": "auto",
      "text-max-width": 9,
      "text-padding": 3,
    },
    paint: { "text-color": "#212529", "text-halo-color": "rgba(255, 255, 255, 0.92)", "text-halo-width": 1.3 },
  };
  // When the map opens and the filters change, it is fitted to what is drawn, with this margin (px) and
  // no closer than MAX_FIT_ZOOM (a single place must not open at street level).
  const FIT_PADDING = 48;
  const MAX_FIT_ZOOM = 6;
  // Route lines are simplified by MapLibre's tiler to within this many pixels at every zoom: a
  // geodesic sampled every 100 km (dashboard/figures.py) has far more vertices than a world view can
  // show, and each segment costs triangles on every frame.
  const LINE_TOLERANCE = 1.5;
  // A feature within this many pixels of a tile's edge (of its 512) is copied into the next tile too,
  // and tiled and drawn twice: more than the largest circle's radius (13 px, radius(8, 13) below),
  // where MapLibre's default of 128 copies a point 2.25 times on average.
  const TILE_BUFFER = 32;
  // While the sources of a new build are being tiled, frames are painted only this often (see
  // holdPaint), and for this long at most.
  const HOLD_FRAME_MS = 5000;
  const HOLD_MAX_MS = 60000;
  // Once all is tiled, how long the hold waits at most for the map to settle before its one frame.
  const SETTLE_MS = 1500;
  // ... and how long the view and the size must have stayed as they are: a change of the map's size
  // comes in turns (MapLibre's, Plotly's, a fit to the new size, the labels 250 ms after it).
  const QUIET_MS = 400;
  // A time window that shows or hides a chunk has MapLibre tile that source anew; painting is held the
  // same way meanwhile, for this long at most (the slider must not leave an old map up for long).
  const STEP_HOLD_MS = 4000;

  const state = {
    data: null, // the map data to draw (parsed from FEED)
    wanted: null, // the FEED query the server last asked for (dashboard/callbacks.py:features_for_map)
    drawn: null, // the data drawn on `map` (compared by identity)
    map: null,
    handlersOn: null, // the map our hover and click handlers are attached to
    records: [], // per feature: {id, name, kind, day, span, precision, anchor}
    chunks: [], // per source: {source, layers: [{id}], members, off, shown, undated, minD0, maxD0, ...}
    layerIds: [],
    time: null, // {lo, hi, cumulative, showUndated}
    bounds: null, // of what is drawn: {w, e, s, n, w360, e360} (w360/e360: longitudes in 0..360)
    userMoved: false, // the analyst panned or zoomed since the map was last fitted: leave the view be
    fitted: null, // the last fit: {zoom, again (how many times it was redone after Plotly undid it)}
    figureView: null, // the Plotly figure's own view: {zoom, lng, lat}
    labelTimer: null,
    labelsKey: null,
    labelsShown: null, // the labels last given to the map, as JSON
    holdUntil: 0, // while painting is held (holdPaint): until when, at most
    heldAt: 0, // when painting was last held
    paintedAt: 0, // when the map was last painted while held
    tiledAt: 0, // while held: when every source of the build had been tiled
    holdWaits: 0, // while held: changes the page is still making (panelOpen), before which none is painted
    movedAt: 0, // when the map's view or size last changed
    basemapShown: false, // while held: whether the basemap has been painted
    basemapSources: [], // the ids of the basemap's sources (the figure's style), read at each build
    appliedKey: null, // state.time last applied to the map, as JSON
    timer: null,
  };

  // FEED answers by query (the last few kept, as promises of the parsed data): going back to a filter
  // seen before, such as clearing a search, downloads nothing.
  const feedCache = new Map();
  function canonical(query) {
    const params = new URLSearchParams(query || "");
    const out = new URLSearchParams();
    FEED_PARAMS.forEach(function (k) {
      const all = params.getAll(k);
      let v = all.length ? all[all.length - 1].trim() : "";
      if (k === "types") v = v.split(",").filter(Boolean).sort().join(",");
      if (v) out.set(k, v);
    });
    return out.toString();
  }
  function fetchData(query) {
    const key = canonical(query);
    if (!feedCache.has(key)) {
      feedCache.set(key, fetch(FEED + (key ? "?" + key : ""), { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("map data: HTTP " + r.status);
        return r.json();
      }));
      if (feedCache.size > 4) feedCache.delete(feedCache.keys().next().value);
    }
    return feedCache.get(key);
  }
  // The page's own URL holds the filters it opens with: ask for those features now, while Dash loads.
  // When the URL sets only these (no time window, layers or mode: dashboard/views.py:state_to_query),
  // every feature of that answer is shown, so the map is built from it as soon as the map is there.
  // Dash's first callbacks name the same query, but up to a second later (they wait behind Plotly's
  // start); they then change nothing. Any other URL waits for them, as every later change does.
  const OPENING_PARAMS = ["q", "types", "article", "sel"];
  if (location.pathname.indexOf("/article/") !== 0) {
    const plain = Array.from(new URLSearchParams(location.search).keys()).every(function (k) { return OPENING_PARAMS.indexOf(k) >= 0; });
    fetchData(location.search).then(function (data) {
      if (plain && state.wanted === null && state.data === null) {
        state.data = data;
        schedule();
      }
    }, function () {}); // a failure is met again, and reported, when Dash asks for the same query
  }

  function isoDay(days) {
    return new Date(days * 86400000).toISOString().slice(0, 10);
  }

  // The dates as exactly as they are known: a month-only date reads "2020-12", not its first day.
  // Mirrors dashboard/views.py:when_label.
  function whenLabel(rec) {
    if (rec.day === null || rec.day === undefined) return "undated";
    const first = isoDay(rec.day);
    const last = isoDay(rec.day + rec.span);
    const cut = rec.precision === "year" ? 4 : rec.precision === "month" ? 7 : 0;
    if (cut) {
      const lo = first.slice(0, cut), hi = last.slice(0, cut);
      return lo === hi ? lo : lo + " – " + hi;
    }
    const text = first === last ? first : first + " – " + last;
    return !rec.precision || rec.precision === "day" ? text : text + " (" + rec.precision + ")";
  }

  // The map's Plotly graph div.
  function graphDiv() {
    return document.querySelector("#" + MAP_ID + " .js-plotly-plot");
  }

  function graphMap() {
    const gd = graphDiv();
    const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    const map = sub && sub.map;
    // The style must have loaded before layers can be added (the basemap's own data may still load).
    return map && map.style && map.style._loaded ? map : null;
  }

  // The server's columns -> one record per feature, numbered as the sources' `i` numbers them (points,
  // then routes). A style is [layer, colour, coarse] (dashboard/figures.py:map_data).
  function features(data) {
    const records = [];
    function add(table, i, anchor) {
      const style = data.styles[table.style[i]];
      const tp = table.precision ? table.precision[i] : null;
      const precision = tp === null || tp === undefined ? null : data.precisions[tp];
      records.push({ id: table.id[i], name: table.name[i], kind: data.kinds[table.kind[i]], day: table.day[i], span: table.span[i], precision: precision, anchor: anchor, coarse: Boolean(style[2]), route: table === data.routes, cat: style[0] });
    }
    const p = data.points;
    for (let i = 0; i < p.id.length; i++) add(p, i, [p.lon[i], p.lat[i]]);
    const r = data.routes;
    for (let i = 0; i < r.id.length; i++) add(r, i, r.mark[i]);
    return records;
  }

  // The sources the server made of the records (dashboard/sources.py): a chunk each, by first day.
  function chunked(records, sources) {
    return sources.map(function (src) {
      const c = { roles: src.roles, undated: false, members: [], off: new Set(), minD0: Infinity, maxD0: -Infinity, minD1: Infinity, maxD1: -Infinity };
      src.members.forEach(function (k) {
        const rec = records[k];
        const undated = rec.day === null || rec.day === undefined;
        c.undated = undated;
        c.members.push({ k: k, d0: rec.day, d1: rec.day + rec.span, cat: rec.cat });
        if (!undated) {
          const d1 = rec.day + rec.span;
          c.minD0 = Math.min(c.minD0, rec.day);
          c.maxD0 = Math.max(c.maxD0, rec.day);
          c.minD1 = Math.min(c.minD1, d1);
          c.maxD1 = Math.max(c.maxD1, d1);
        }
      });
      return c;
    });
  }

  function clear(map) {
    state.layerIds.forEach(function (id) { if (map.getLayer(id)) map.removeLayer(id); });
    state.chunks.forEach(function (c) { if (map.getSource(c.source)) map.removeSource(c.source); });
    if (map.getLayer(LABEL_LAYER.id)) map.removeLayer(LABEL_LAYER.id);
    if (map.getSource(LABEL_LAYER.source)) map.removeSource(LABEL_LAYER.source);
    state.layerIds = [];
    state.chunks = [];
    state.records = [];
  }

  function build(map, data) {
    if (state.map === map) {
      clear(map);
    } else {
      state.layerIds = [];
      state.chunks = [];
    }
    state.basemapSources = basemapSourceIds();
    state.map = map;
    state.drawn = data;
    if (!data) {
      return;
    }
    // The sources first: MapLibre's worker starts fetching and tiling them while this thread makes the
    // records (a third of a second or more for 100,000 features).
    const sourceIds = data.sources.map(function (src, k) {
      const id = PREFIX + k;
      // By URL: MapLibre's worker fetches and parses the GeoJSON itself (dashboard/sources.py says
      // why). A record's features share its number as their feature-state id.
      map.addSource(id, { type: "geojson", tolerance: LINE_TOLERANCE, buffer: TILE_BUFFER, promoteId: "i", data: new URL(src.url, location.href).href });
      return id;
    });
    state.records = features(data);
    state.bounds = data.bounds; // dashboard/sources.py:bounds
    const chunks = chunked(state.records, data.sources);
    chunks.forEach(function (c, k) {
      c.source = sourceIds[k];
      c.shown = true; // layers start visible
      c.layers = [];
    });
    // All halos of every chunk first, then all lines, ...: the drawing order holds across chunks.
    LAYERS.forEach(function (def) {
      chunks.forEach(function (c, k) {
        if (!c.roles.some(function (role) { return def.roles.indexOf(role) >= 0; })) return;
        const id = PREFIX + def.name + "-" + k;
        const layer = { id: id, type: def.type, source: c.source, filter: ["in", ["get", "r"], ["literal", def.roles]], paint: def.paint };
        if (def.layout) layer.layout = def.layout;
        map.addLayer(layer);
        c.layers.push({ id: id });
        state.layerIds.push(id);
      });
    });
    state.chunks = chunks;
    state.labelsKey = null;
    state.labelsShown = null;
    if (hasOwnGlyphs(map)) {
      map.addSource(LABEL_LAYER.source, { type: "geojson", data: { type: "FeatureCollection", features: [] } });
      map.addLayer(LABEL_LAYER);
    }
    holdPaint(map);
  }

  // Each tile that arrives makes MapLibre paint the whole map again. With 100,000 features a frame
  // costs over a second in software GL (headless Chromium, or a machine without a GPU), so a first load
  // painted tile by tile spent seconds on frames no one needed (benchmarks/bench_dashboard.py). While
  // the feature sources of a build are tiled, the map container says it is busy (aria-busy, which
  // sortie.css shows) and a frame is painted only
  // - once when the basemap has loaded (the features are added as soon as the style is there, so that
  //   they are tiled while the basemap loads: the analyst still sees the map come), and every
  //   HOLD_FRAME_MS, to show that the features are coming; neither when the sources tiled so far say
  //   the rest will be tiled in less than half that (such a frame only delays the full one by its cost);
  // - when all is tiled and has settled: MapLibre's `load` has fired, Plotly's own changes after it
  //   (its traces' sources) have loaded, no label placement or style transition asks for another frame
  //   at once; at most SETTLE_MS after the last tile (heldFrame asks for frames meanwhile, which cost
  //   little unpainted), and once the view and size have been still for QUIET_MS. Each of these
  //   would otherwise have painted every feature again.
  // A slider step that shows or hides a chunk is held the same way (applyFilters): without the hold,
  // each of its tiles, the labels that follow the window and the placement after them each painted the
  // map again (four or five frames of 1.1-2.0 s for a ten-day step over 100,000 features). So is the
  // side panel's opening and closing (panelOpen), until the page has resized and fitted the map.
  // The hold ends when the analyst moves the map, or after HOLD_MAX_MS (STEP_HOLD_MS for a step)
  // whatever happens (a source that never loads must not slow the map for good). The painter is not
  // MapLibre's public API: without it (another MapLibre in another Plotly) every frame is painted.
  function holdPaint(map, maxMs) {
    const painter = map.painter;
    if (!painter || typeof painter.render !== "function") return;
    if (!painter.sortieHold) {
      const paint = painter.render;
      // The first frame after this is always painted. A map built before Plotly's own setup of it
      // (its view, size and traces, once `load` has fired), as when the page has its data before the
      // map, and held from then on, painted nothing but the background for good, however often it
      // was asked to paint again (tests/e2e/test_map_reading.py reads the pixels).
      let first = true;
      painter.render = function () {
        if (state.holdUntil && !first && heldFrame(map, performance.now())) return undefined;
        first = false;
        return paint.apply(this, arguments);
      };
      painter.sortieHold = true;
    }
    state.heldAt = state.paintedAt = performance.now();
    state.holdUntil = state.heldAt + (maxMs || HOLD_MAX_MS);
    state.tiledAt = 0;
    state.basemapShown = basemapLoaded(map);
    busy(true);
  }

  // Whether to leave this frame unpainted while painting is held (see holdPaint); ends the hold when
  // the map has settled.
  function heldFrame(map, now) {
    if (now >= state.holdUntil) {
      releasePaint();
      return false;
    }
    if (state.holdWaits > 0) return true;
    const share = tiledShare(map);
    if (share < 1) {
      // How long the rest will take, at the pace of the sources tiled so far.
      const left = share > 0 ? ((now - state.heldAt) * (1 - share)) / share : Infinity;
      const basemap = !state.basemapShown && basemapLoaded(map);
      if (basemap) state.basemapShown = true;
      if (left < HOLD_FRAME_MS / 2 || (!basemap && now - state.paintedAt < HOLD_FRAME_MS)) return true;
      state.paintedAt = now;
      return false;
    }
    if (!state.tiledAt) state.tiledAt = now;
    if ((now - state.tiledAt < SETTLE_MS && !settled(map)) || now - state.movedAt < QUIET_MS) {
      map.triggerRepaint();
      return true;
    }
    releasePaint();
    return false;
  }

  // Whether the next frame would change nothing that this one shows. `_placementDirty` is not public
  // API: a MapLibre without it waits SETTLE_MS, no more.
  function settled(map) {
    const style = map.style;
    return map.sortieLoaded === true && map.loaded() && map._placementDirty === false
      && !(style && typeof style.hasTransitions === "function" && style.hasTransitions());
  }

  // The sources of the style the figure names (dashboard/basemap.py:offline_style); none for a style
  // given by URL (--online-tiles).
  function basemapSourceIds() {
    const gd = graphDiv();
    const style = gd && gd.layout && gd.layout.map && gd.layout.map.style;
    return style && typeof style === "object" && style.sources ? Object.keys(style.sources) : [];
  }

  // The basemap's sources have loaded (the features' may not have).
  function basemapLoaded(map) {
    return state.basemapSources.every(function (id) { return !map.getSource(id) || map.isSourceLoaded(id); });
  }

  function releasePaint() {
    state.holdUntil = 0;
    state.holdWaits = 0;
    busy(false);
  }

  function busy(on) {
    const el = document.getElementById(MAP_ID);
    if (el) el.setAttribute("aria-busy", on ? "true" : "false");
  }

  // The share of the build's sources that MapLibre has tiled (1 when there are none).
  function tiledShare(map) {
    const sources = state.chunks.map(function (c) { return c.source; });
    if (map.getSource(LABEL_LAYER.source)) sources.push(LABEL_LAYER.source);
    if (!sources.length) return 1;
    return sources.filter(function (id) { return map.isSourceLoaded(id); }).length / sources.length;
  }

  // Labels only with this app's own glyphs (the offline style): with --online-tiles the style's glyphs
  // are another server's, which has no such font, and its own tiles carry place names anyway.
  function hasOwnGlyphs(map) {
    const sheet = map.style && map.style.stylesheet;
    const url = sheet && sheet.glyphs;
    return typeof url === "string" && url.indexOf("/glyphs/") === 0;
  }

  // The basemap names the countries (dashboard/basemap.py): a place of the same name is not labelled twice.
  const COUNTRY_LABELS_URL = "/assets/basemap/country-labels.geojson"; // dashboard/basemap.py
  // Asked for as the page opens, beside the map data, so that the first labels already leave them out.
  const countryNames = new Set();
  if (location.pathname.indexOf("/article/") !== 0) {
    fetch(COUNTRY_LABELS_URL, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : { features: [] }; }).then(function (fc) {
      fc.features.forEach(function (f) { countryNames.add(f.properties.name); });
      state.labelsKey = null;
      scheduleLabels();
    }, function () {});
  }

  function labelData(map) {
    const t = state.time;
    const byName = new Map();
    const view = map.getBounds();
    const w = view.getWest(), e = view.getEast(), s = view.getSouth(), n = view.getNorth();
    const wide = e - w >= 360;
    state.records.forEach(function (rec) {
      if (!(rec.cat in LABEL_RANK) || !rec.name || countryNames.has(rec.name)) return;
      const lon = rec.anchor[0], lat = rec.anchor[1];
      if (lat < s || lat > n) return;
      // The view's longitudes may run past 180 (world copies): compare modulo 360.
      if (!wide && ((((lon - w) % 360) + 360) % 360) > e - w) return;
      if (t && !visible({ d0: rec.day, d1: rec.day + rec.span, cat: rec.cat }, t)) return;
      const seen = byName.get(rec.name);
      if (seen) seen.count += 1;
      else byName.set(rec.name, { rec: rec, count: 1 });
    });
    const ranked = Array.from(byName.values());
    // Coarse places first, then the most often drawn: they win the space when labels would collide.
    ranked.sort(function (a, b) { return LABEL_RANK[a.rec.cat] - LABEL_RANK[b.rec.cat] || b.count - a.count; });
    return {
      type: "FeatureCollection",
      features: ranked.slice(0, MAX_LABELS).map(function (x, k) {
        return { type: "Feature", properties: { n: x.rec.name, k: k }, geometry: { type: "Point", coordinates: x.rec.anchor } };
      }),
    };
  }

  // The labels follow the time window once the slider rests (a re-tiled source per drag step would
  // slow the drag); a new window or new data schedules one update.
  function scheduleLabels() {
    if (state.labelTimer !== null) window.clearTimeout(state.labelTimer);
    state.labelTimer = window.setTimeout(function () {
      state.labelTimer = null;
      updateLabels(state.map);
    }, 250);
  }

  // New labels re-tile their source and paint a frame: only when the view or the window changed, and
  // what they show did too.
  function updateLabels(map) {
    const source = map && map.getSource(LABEL_LAYER.source);
    const b = map && map.getBounds();
    const key = b && JSON.stringify([state.time, b.toArray(), map.getZoom().toFixed(1)]);
    if (!source || key === state.labelsKey) return;
    state.labelsKey = key;
    const data = labelData(map);
    const shown = JSON.stringify(data.features);
    if (shown === state.labelsShown) return;
    state.labelsShown = shown;
    source.setData(data);
  }

  // Fit the map to what is drawn (the features' box and a margin). Across the antimeridian the box in
  // 0..360 longitudes is the narrower one: MapLibre takes an east edge past 180.
  // Plotly keeps the view of its figure and puts it back at its next update, except a view the user
  // chose (a move with an `originalEvent`): the fit's events carry one, marked as ours (FIT_EVENT).
  const FIT_EVENT = { originalEvent: { type: "sortie-fit" }, sortieFit: true };
  function fit(map) {
    const b = state.bounds;
    if (!b) return;
    const across = b.e360 - b.w360 < b.e - b.w;
    const w = across ? b.w360 : b.w, e = across ? b.e360 : b.e;
    const box = map.getContainer();
    const pad = Math.max(0, Math.min(FIT_PADDING, box.clientWidth / 6, box.clientHeight / 6));
    const cam = map.cameraForBounds([[w, Math.max(b.s, -80)], [e, Math.min(b.n, 80)]], { padding: pad, maxZoom: MAX_FIT_ZOOM });
    if (!cam) return;
    const c = cam.center.lng === undefined ? { lng: cam.center[0], lat: cam.center[1] } : cam.center;
    // Never so far out that the world repeats across the map: the copies would show the same features
    // twice, and drawing each copy costs a whole frame again. Features all round the world then fill
    // the map's width (the polar edges may fall outside).
    const filled = Math.log2(box.clientWidth / 512) + 0.02;
    const zoom = Math.min(MAX_FIT_ZOOM, Math.max(cam.zoom, filled));
    let lng = c.lng;
    if (zoom > cam.zoom && !across) {
      const half = (180 * box.clientWidth) / (512 * Math.pow(2, zoom));
      lng = Math.max(-180 + half, Math.min(180 - half, lng));
    }
    map.jumpTo({ center: [lng, c.lat], zoom: zoom }, FIT_EVENT);
    state.fitted = { zoom: map.getZoom(), at: performance.now(), again: 0 };
  }

  // While Plotly is still making the map it may put its figure's first view back after our fit (a
  // layout pass from a layout object made before the fit): fit again then, a few times at most. Any
  // other move (the user's, or a script's) is left alone.
  function keepFit(map, e) {
    const f = state.fitted, first = state.figureView;
    if (e.originalEvent || state.userMoved || !f || !first || f.again >= 3) return;
    const c = map.getCenter();
    const back = Math.abs(map.getZoom() - first.zoom) < 1e-6 && Math.abs(c.lng - first.lng) < 1e-6 && Math.abs(c.lat - first.lat) < 1e-6;
    if (!back || Math.abs(map.getZoom() - f.zoom) < 1e-6) return;
    window.setTimeout(function () {
      if (state.userMoved || state.fitted !== f) return;
      fit(map);
      state.fitted.again = f.again + 1;
    }, 0);
  }

  function chunkMode(c, t) {
    const mode = timeMode(c, t);
    // With a layer toggled off, each feature of a shown chunk is looked at.
    return mode === "all" && t.hidden.size ? "some" : mode;
  }

  function timeMode(c, t) {
    if (c.undated) return t.showUndated ? "all" : "none";
    if (t.cumulative) {
      if (c.minD0 > t.hi) return "none";
      return c.maxD0 <= t.hi ? "all" : "some";
    }
    if (c.minD0 > t.hi || c.maxD1 < t.lo) return "none";
    return c.maxD0 <= t.hi && c.minD1 >= t.lo ? "all" : "some";
  }

  // m: {d0, d1, cat} (d0 null when undated).
  function visible(m, t) {
    if (t.hidden.has(m.cat)) return false;
    if (m.d0 === null || m.d0 === undefined) return t.showUndated;
    return t.cumulative ? m.d0 <= t.hi : m.d0 <= t.hi && m.d1 >= t.lo;
  }

  // Hide whole chunks with their layers' visibility (MapLibre re-tiles that source: rare, when a
  // window end crosses into another chunk); within a chunk partly in the window, mark the features
  // outside it `off`, and change only the features whose state changed.
  function applyFilters(map) {
    const t = state.time;
    let changed = 0;
    let toggled = 0;
    if (!t) return changed;
    state.chunks.forEach(function (c) {
      const mode = chunkMode(c, t);
      const shown = mode !== "none";
      if (shown !== c.shown) {
        c.shown = shown;
        changed += 1;
        toggled += 1;
        c.layers.forEach(function (layer) {
          map.setLayoutProperty(layer.id, "visibility", shown ? "visible" : "none");
        });
      }
      if (!shown || (mode === "all" && c.off.size === 0)) return;
      c.members.forEach(function (m) {
        const off = mode === "some" && !visible(m, t);
        if (off === c.off.has(m)) return;
        changed += 1;
        if (off) c.off.add(m);
        else c.off.delete(m);
        map.setFeatureState({ source: c.source, id: m.k }, { off: off });
      });
    });
    if (toggled && !state.holdUntil) holdPaint(map, STEP_HOLD_MS);
    return changed;
  }

  function pick(map, point) {
    const layers = state.layerIds.filter(function (id) { return map.getLayer(id); });
    if (!layers.length) return null;
    const r = 6;
    const hits = map.queryRenderedFeatures([[point.x - r, point.y - r], [point.x + r, point.y + r]], { layers: layers });
    // Small targets first; among those, the one drawn nearest the pointer (at world scale a city's
    // places overlap: the first hit would be any of them).
    let best = null;
    hits.forEach(function (f) {
      if (f.state && f.state.off) return; // outside the time window: transparent, not there
      const rank = PICK_ORDER[f.properties.r];
      const at = map.project(state.records[f.properties.i].anchor);
      const far = Math.hypot(at.x - point.x, at.y - point.y);
      if (best === null || rank < best.rank || (rank === best.rank && far < best.far)) best = { rank: rank, far: far, i: f.properties.i };
    });
    return best === null ? null : state.records[best.i];
  }

  function attachHandlers(map) {
    if (state.handlersOn === map) return;
    state.handlersOn = map;
    const label = document.createElement("div");
    label.className = "map-hover";
    label.style.display = "none";
    const title = document.createElement("div");
    const meta = document.createElement("div");
    meta.className = "map-hover-meta";
    label.appendChild(title);
    label.appendChild(meta);
    map.getContainer().appendChild(label);
    let pending = null;
    map.on("mousemove", function (e) {
      pending = e.point;
      window.requestAnimationFrame(function () {
        if (!pending) return;
        const at = pending;
        pending = null;
        const rec = pick(map, at);
        map.getCanvas().style.cursor = rec ? "pointer" : "";
        if (!rec) {
          label.style.display = "none";
          return;
        }
        title.textContent = rec.name;
        meta.textContent = String(rec.kind).replace(/_/g, " ") + " · " + whenLabel(rec) + (rec.coarse ? " · " + (rec.route ? COARSE_NOTE.route : COARSE_NOTE.point) : "");
        label.style.display = "block";
        // Beside the pointer, on whichever side keeps it inside the map.
        const box = map.getContainer();
        const left = at.x + 12 + label.offsetWidth > box.clientWidth ? at.x - 12 - label.offsetWidth : at.x + 12;
        const top = at.y + 12 + label.offsetHeight > box.clientHeight ? at.y - 12 - label.offsetHeight : at.y + 12;
        label.style.left = Math.max(0, left) + "px";
        label.style.top = Math.max(0, top) + "px";
      });
    });
    map.on("mouseout", function () {
      pending = null;
      label.style.display = "none";
    });
    // A click selects the feature through the graph's clickData, as a Plotly click on a point would.
    map.on("click", function (e) {
      const rec = pick(map, e.point);
      if (rec) {
        window.dash_clientside.set_props(MAP_ID, { clickData: { points: [{ customdata: rec.id }] } });
      }
    });
    // A pan or zoom by the analyst (an event with a DOM event behind it, unlike our own fitBounds):
    // from then on a filter change leaves the view where they put it, until they press "Fit".
    const c0 = map.getCenter();
    state.figureView = { zoom: map.getZoom(), lng: c0.lng, lat: c0.lat }; // the figure's, before any fit
    map.on("moveend", function (e) {
      keepFit(map, e);
      scheduleLabels(); // the labels offered are those in view
    });
    map.on("movestart", function (e) {
      if (!e.originalEvent || e.sortieFit) return;
      state.userMoved = true;
      releasePaint(); // the analyst moves the map: every frame counts again
    });
    // Plotly replaces the whole style when the figure's style changes: draw the features again.
    map.on("styledata", function () {
      if (state.layerIds.length && !map.getLayer(state.layerIds[0])) {
        state.layerIds = [];
        state.chunks = [];
        state.drawn = null;
        schedule();
      }
    });
  }

  // Once per map, before the first build.
  function prepare(map) {
    if (map.sortiePrepared) return;
    map.sortiePrepared = true;
    // Labels appear at once rather than fade in. With a fade, MapLibre places labels a few
    // milliseconds per frame and draws frames until the fade is over: with 100,000 features a
    // software-rendered frame costs over a second, and a busy machine went on drawing frames for many
    // seconds (and tests found no label placed). The fade time is not public API: a MapLibre without
    // it only fades, as before.
    if (typeof map._fadeDuration === "number") map._fadeDuration = 0;
    // Whether `load` has fired (MapLibre: the style and every source loaded), for holdPaint.
    map.sortieLoaded = map._loaded === true;
    map.once("load", function () { map.sortieLoaded = true; });
    map.on("move", function () { state.movedAt = performance.now(); });
    map.on("resize", function () { state.movedAt = performance.now(); });
  }

  function schedule() {
    if (state.timer === null) {
      state.timer = window.setTimeout(function () {
        state.timer = null;
        sync();
      }, 50);
    }
  }

  // Bring the map up to date with state.data and state.time; wait for the map if it is not ready.
  function sync() {
    const map = graphMap();
    // As soon as the style is there, before the basemap has loaded: the features are tiled meanwhile.
    // MapLibre then fires `load` only when they are, and Plotly sets its view and size after that
    // event; holdPaint paints none of those frames but the last.
    if (!map) {
      schedule();
      return;
    }
    prepare(map);
    attachHandlers(map);
    // For the benchmark: when the features were last built into the map, and the layers last changed.
    if (state.map !== map || state.drawn !== state.data) {
      const t0 = performance.now();
      build(map, state.data);
      window.sortieBuilt = { at: performance.now(), ms: performance.now() - t0 };
      // The first view shows the features, not the whole world; new filters refit it, unless the
      // analyst has moved the map themselves.
      if (!state.userMoved) fit(map);
      document.dispatchEvent(new CustomEvent("sortie:data"));
    }
    // Set whenever a new window is applied, also when it changes no feature (a one-day step in a small
    // corpus often does), but not by a pass that re-applies the same window (Dash's applyTime after
    // followHandles): the benchmark waits for it after each step.
    const t1 = performance.now();
    const changed = applyFilters(map);
    const key = state.time && JSON.stringify(state.time);
    if (changed || key !== state.appliedKey) {
      window.sortieTiming = { filteredAt: t1, filterMs: performance.now() - t1, changed: changed };
      document.dispatchEvent(new CustomEvent("sortie:time"));
    }
    state.appliedKey = key;
    // Fresh features get their labels at once, so that they are tiled with them (one first frame).
    if (state.holdUntil) updateLabels(map);
    else scheduleLabels();
  }

  function windowLabel(t) {
    return t.cumulative ? "up to " + isoDay(t.hi) : isoDay(t.lo) + " – " + isoDay(t.hi);
  }

  // `request`: {query} from dashboard/callbacks.py:features_for_map, the FEED query to draw.
  function applyTime(request, dragValue, value, mode, undated, layers) {
    const ctx = window.dash_clientside.callback_context;
    const dragged = ctx.triggered.some(function (t) { return t.prop_id.endsWith(".drag_value"); });
    const win = (dragged && dragValue) || value || dragValue || [0, 0];
    const shown = Array.isArray(layers) ? layers.slice().sort() : [];
    state.time = {
      lo: Math.min(win[0], win[1]),
      hi: Math.max(win[0], win[1]),
      cumulative: mode === "cumulative",
      showUndated: Array.isArray(undated) && undated.length > 0,
      layers: shown,
      // Set-valued, so not part of the JSON key: `layers` stands for it there.
      hidden: new Set(ALL_LAYERS.filter(function (k) { return shown.indexOf(k) < 0; })),
    };
    const query = request && typeof request.query === "string" ? canonical(request.query) : null;
    // For the benchmark: when Dash's controls first reached the map.
    if (query !== null && !window.sortieControlled) window.sortieControlled = { at: performance.now() };
    if (query !== state.wanted) {
      state.wanted = query;
      if (query === null) {
        state.data = null;
      } else {
        fetchData(query).then(function (data) {
          if (state.wanted !== query) return; // a newer filter came first
          state.data = data;
          sync();
        }, function (err) {
          feedCache.delete(query); // try again on the next change
          console.error("Sortie: the map's features could not be loaded (" + err.message + ")");
        });
      }
    }
    sync();
    return windowLabel(state.time);
  }

  // While a handle moves, follow the slider's own handles (their aria-valuenow) rather than waiting for
  // Dash to dispatch drag_value to applyTime: that dispatch costs about 50-100 ms a step, the filters
  // about 3 ms. applyTime then arrives with the same window and changes nothing.
  function followHandles(mutations) {
    const slider = document.getElementById(SLIDER_ID);
    if (!state.time || !slider || !mutations.some(function (m) { return slider.contains(m.target); })) return;
    const values = Array.prototype.map.call(slider.querySelectorAll('[role="slider"]'), function (el) {
      return Number(el.getAttribute("aria-valuenow"));
    });
    if (values.length !== 2 || values.some(isNaN)) return;
    state.time = Object.assign({}, state.time, { lo: Math.min(values[0], values[1]), hi: Math.max(values[0], values[1]) });
    sync();
    // Update the label's text node in place (React keeps that node and writes the same text later).
    const label = document.getElementById(LABEL_ID);
    if (label && label.firstChild && label.firstChild.nodeType === Node.TEXT_NODE) {
      label.firstChild.nodeValue = windowLabel(state.time);
    }
  }

  // A click on a row of the feature list (a button: Enter and Space click it too) selects its feature.
  // The rows have no Dash ids of their own (dashboard/ids.py:LIST_PICK says why).
  let picks = 0;
  document.addEventListener("click", function (e) {
    const row = e.target && e.target.closest && e.target.closest("#" + LIST_ID + " [data-feature]");
    if (row) window.dash_clientside.set_props(PICK_ID, { data: { id: row.dataset.feature, n: ++picks } });
  });

  document.addEventListener("click", function (e) {
    const button = e.target && e.target.closest && e.target.closest("#" + FIT_ID);
    const map = button && graphMap();
    if (!map) return;
    state.userMoved = false;
    fit(map);
  });

  new MutationObserver(followHandles).observe(document.documentElement, {
    subtree: true,
    attributes: true,
    attributeFilter: ["aria-valuenow"],
  });

  function tick(n, value, min, max, mode) {
    if (value === undefined || value === null || max <= min) {
      return window.dash_clientside.no_update;
    }
    const span = max - min;
    const step = Math.max(1, Math.round(span / 40));
    let lo = value[0];
    let hi = value[1];
    if (mode === "cumulative") {
      hi = hi >= max ? min : Math.min(max, hi + step);
      return [min, hi];
    }
    let width = hi - lo;
    if (width >= span) {
      width = Math.max(1, Math.round(span / 6)); // a full-span window cannot move: start a narrower one
      return [min, min + width];
    }
    if (hi >= max) {
      return [min, min + width]; // loop back to the start
    }
    hi = Math.min(max, hi + step);
    return [hi - width, hi];
  }

  // The full-text view: bring the cited sentence into view once React has drawn it (retrying for a
  // second: the callback can run before the new children are in the page).
  function scrollToHighlight(children) {
    let tries = 0;
    function attempt() {
      const mark = document.getElementById("highlight"); // dashboard/ids.py:HIGHLIGHT
      if (mark) {
        mark.scrollIntoView({ block: "center" });
      } else if (++tries < 20) {
        window.setTimeout(attempt, 50);
      }
    }
    window.setTimeout(attempt, 0);
    return Date.now();
  }

  // The list of features in view, from the rows the server sends (dashboard/panels.py:feature_list):
  // buttons whose names are set as text, never as HTML. A row that had the focus keeps it, or the row
  // now in its place does (a keyboard user's place in the list survives a slider move).
  function renderList(list, selected) {
    const box = document.getElementById(LIST_ID);
    if (!box || !list) return window.dash_clientside.no_update;
    const had = document.activeElement && box.contains(document.activeElement) ? document.activeElement : null;
    const focused = had ? had.dataset.feature : null;
    const place = had ? Array.prototype.indexOf.call(box.children, had) : -1;
    const out = document.createDocumentFragment();
    let refocus = null;
    list.rows.forEach(function (row) {
      const button = document.createElement("button");
      button.className = "item";
      button.title = row.id;
      button.dataset.feature = row.id;
      const name = document.createElement("span");
      name.className = "item-name";
      name.textContent = row.name;
      const meta = document.createElement("span");
      meta.className = "item-meta";
      meta.textContent = row.meta;
      button.appendChild(name);
      button.appendChild(meta);
      out.appendChild(button);
      if (row.id === focused) refocus = button;
    });
    if (list.more > 0) {
      const more = document.createElement("div");
      more.className = "muted";
      more.textContent = "… and " + list.more + " more (narrow the filters)";
      out.appendChild(more);
    }
    box.replaceChildren(out);
    markSelected(selected);
    if (!refocus && place >= 0 && list.rows.length) refocus = box.children[Math.min(place, list.rows.length - 1)];
    if (refocus) refocus.focus();
    return list.rows.length;
  }

  // Mark the selected feature's row in the list; done here, not by the server, so that a selection
  // does not rebuild, and unfocus, the rows.
  function markSelected(selected) {
    document.querySelectorAll("#" + LIST_ID + " [data-feature]").forEach(function (row) {
      const on = Boolean(selected) && row.dataset.feature === selected;
      row.classList.toggle("selected", on);
      row.setAttribute("aria-current", on ? "true" : "false");
    });
    return window.dash_clientside.no_update;
  }

  // The side panel is open while a feature or a track is selected; its close button clears both.
  function panelOpen(selected, track) {
    const ctx = window.dash_clientside.callback_context;
    const closed = ctx.triggered.some(function (t) { return t.prop_id.indexOf("clear-selection.") === 0; }); // ids.CLEAR
    if (closed && track) window.dash_clientside.set_props("track-selected", { data: null }); // ids.TRACK_SELECTED
    const open = !closed && Boolean(selected || track);
    const className = open ? "main panel-open" : "main";
    const main = document.getElementById("main-view"); // ids.MAIN
    if (!main || main.className !== className) {
      // The map's container changes size: MapLibre and Plotly follow a window resize; a view the
      // analyst has not moved is fitted again to the new size, and the labels follow. Painting is
      // held until all of that is done and tiled, then one frame (holdPaint): each of them painted
      // every feature again (7 to 12 frames of 1.2-4.7 s over 100,000 features), and the panel's
      // text waited behind those frames.
      const held = graphMap();
      if (held) {
        // A fit to the new size may re-tile every source (at another zoom level): no sooner limit
        // than the first build's.
        if (!state.holdUntil) holdPaint(held);
        state.holdWaits += 1;
      }
      window.setTimeout(function () {
        window.dispatchEvent(new Event("resize"));
        window.setTimeout(function () {
          const map = graphMap();
          if (map && !state.userMoved) fit(map);
          if (map) updateLabels(map);
          if (held) state.holdWaits = Math.max(0, state.holdWaits - 1);
          if (map) map.triggerRepaint();
        }, 100);
      }, 0);
    }
    return className;
  }

  // The tab's title says which article is open (the server sends it as data: plain text, no markup).
  function setTitle(title) {
    if (typeof title === "string" && title) {
      document.title = title;
    }
    return window.dash_clientside.no_update;
  }

  // What the browser tests and the benchmark read: the drawn records and our layers.
  window.sortie = {
    map: graphMap,
    layerIds: function () { return state.layerIds.slice(); },
    record: function (i) { return state.records[i]; },
    anchor: function (id) {
      const rec = state.records.find(function (r) { return r.id === id; });
      return rec ? rec.anchor : null;
    },
    drawn: function () { return state.drawn !== null && state.drawn === state.data && state.map === graphMap(); },
    // For the timeline strip (assets/timeline.js): the drawn records and the time window.
    records: function () { return state.records; },
    time: function () { return state.time; },
    labelLayer: LABEL_LAYER.id,
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    sortie: { applyTime: applyTime, tick: tick, scrollToHighlight: scrollToHighlight, setTitle: setTitle, markSelected: markSelected, renderList: renderList, panelOpen: panelOpen },
  });
})();
