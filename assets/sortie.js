// Browser side of the Sortie dashboard (Dash serves this file from /assets/).
//
// The map's features are not Plotly traces: the Plotly graph draws the basemap only, and this file adds
// the features as GeoJSON sources and layers of its own to the MapLibre map inside the graph
// (gd._fullLayout.map._subplot.map). The server sends them as columns (dashboard/figures.py:map_data)
// when a filter other than time changes; they are parsed into MapLibre once.
//
// The time slider then only changes layer filters. The features are split into chunks by first day, one
// GeoJSON source each, so a slider step re-filters only the chunks that straddle the window's ends:
// chunks wholly inside the window show unfiltered, chunks wholly outside are hidden, and MapLibre
// re-tiles only the sources whose layers changed.
//
// The time rule mirrors dashboard/views.py:visible_in_time: a feature with days [d0, d1] shows in window
// [lo, hi] when d0 <= hi && d1 >= lo (cumulative: d0 <= hi); undated ones (no d0) when asked for.
//
// Names and other article text reach the page only as textContent (hover label), never as HTML.
(function () {
  "use strict";

  const PREFIX = "sortie-";
  const MAP_ID = "map"; // dashboard/ids.py:MAP
  const MIN_CHUNK = 2000; // GeoJSON features per source, at least...
  const MAX_CHUNKS = 24; // ...and no more sources than this (each costs draw calls on every frame)
  // Bottom to top. A route is a line, an arrowhead and two clickable marks (mid-route, destination);
  // a place or event is a dot, or a pale halo when only its country or region is known.
  // Radii grow with the zoom: at world scale smaller circles keep a dense map readable (and cheap to
  // draw: a software-rendered frame costs about the number of pixels the circles cover).
  function radius(world, near) {
    return ["interpolate", ["linear"], ["zoom"], 1, world, 5, near];
  }
  const LINE = { "line-color": ["get", "c"], "line-width": 2.2 };
  const ROUND = {};
  const ROLES = [
    { role: "halo", type: "circle", paint: { "circle-radius": radius(8, 13), "circle-color": ["get", "c"], "circle-opacity": 0.22 } },
    { role: "line", type: "line", paint: LINE, layout: ROUND },
    { role: "arrow", type: "line", paint: LINE, layout: ROUND },
    {
      role: "dot",
      type: "circle",
      paint: {
        "circle-radius": radius(3.5, 5),
        "circle-color": ["get", "c"],
        "circle-opacity": 0.95,
        "circle-stroke-width": 0.8,
        "circle-stroke-color": "#ffffff",
      },
    },
    { role: "mark", type: "circle", paint: { "circle-radius": radius(3.5, 4.5), "circle-color": ["get", "c"] } },
  ];
  // Which hit wins when several are under the pointer: small targets before big ones.
  const PICK_ORDER = { mark: 0, dot: 1, line: 2, arrow: 2, halo: 3 };

  const state = {
    data: null, // the last map data from the server
    drawn: null, // the data drawn on `map` (compared by identity)
    map: null,
    handlersOn: null, // the map our hover and click handlers are attached to
    records: [], // per feature: {id, name, kind, day, span, anchor}
    chunks: [], // per source: {source, layers: [{id, role}], undated, minD0, maxD0, minD1, maxD1, key}
    layerIds: [],
    time: null, // {lo, hi, cumulative, showUndated}
    timer: null,
  };

  function isoDay(days) {
    return new Date(days * 86400000).toISOString().slice(0, 10);
  }

  function graphMap() {
    const gd = document.querySelector("#" + MAP_ID + " .js-plotly-plot");
    const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    const map = sub && sub.map;
    // The style must have loaded before layers can be added (the basemap's own data may still load).
    return map && map.style && map.style._loaded ? map : null;
  }

  function pairs(flat) {
    const out = [];
    for (let j = 0; j + 1 < flat.length; j += 2) {
      out.push([flat[j], flat[j + 1]]);
    }
    return out;
  }

  // The server's columns -> one record per feature and its GeoJSON features (properties: i = record
  // index, c = colour, r = role, d0/d1 = first/last day when dated).
  function features(data) {
    const records = [];
    const geo = [];
    function add(table, i, style, anchor) {
      const k = records.length;
      const day = table.day[i];
      records.push({ id: table.id[i], name: table.name[i], kind: data.kinds[table.kind[i]], day: day, span: table.span[i], anchor: anchor });
      const props = { i: k, c: style[1] };
      if (day !== null && day !== undefined) {
        props.d0 = day;
        props.d1 = day + table.span[i];
      }
      const list = [];
      geo.push(list);
      return function (role, geometry) {
        list.push({ type: "Feature", properties: Object.assign({ r: role }, props), geometry: geometry });
      };
    }
    const p = data.points;
    for (let i = 0; i < p.id.length; i++) {
      const style = data.styles[p.style[i]];
      const at = [p.lon[i], p.lat[i]];
      add(p, i, style, at)(style[2] ? "halo" : "dot", { type: "Point", coordinates: at });
    }
    const r = data.routes;
    for (let i = 0; i < r.id.length; i++) {
      const parts = r.parts[i].map(pairs);
      const longest = parts.reduce(function (a, b) { return b.length > a.length ? b : a; });
      const mid = longest[Math.floor(longest.length / 2)];
      const last = parts[parts.length - 1];
      const tip = last[last.length - 1];
      const head = r.head[i];
      const put = add(r, i, data.styles[r.style[i]], mid);
      put("line", { type: "MultiLineString", coordinates: parts });
      put("arrow", { type: "LineString", coordinates: [[head[0], head[1]], tip, [head[2], head[3]]] });
      put("mark", { type: "Point", coordinates: mid });
      put("mark", { type: "Point", coordinates: tip });
    }
    return { records: records, geo: geo };
  }

  // Records -> chunks of about equal size, by first day; the undated ones in chunks of their own.
  function chunked(records, geo) {
    const total = geo.reduce(function (n, list) { return n + list.length; }, 0);
    const size = Math.max(MIN_CHUNK, Math.ceil(total / MAX_CHUNKS));
    const order = records.map(function (_, k) { return k; });
    order.sort(function (a, b) {
      const da = records[a].day, db = records[b].day;
      if (da === null || da === undefined) return db === null || db === undefined ? a - b : 1;
      if (db === null || db === undefined) return -1;
      return da - db || a - b;
    });
    const chunks = [];
    let current = null;
    order.forEach(function (k) {
      const rec = records[k];
      const undated = rec.day === null || rec.day === undefined;
      if (!current || current.undated !== undated || current.features.length >= size) {
        current = { undated: undated, features: [], minD0: Infinity, maxD0: -Infinity, minD1: Infinity, maxD1: -Infinity };
        chunks.push(current);
      }
      current.features.push.apply(current.features, geo[k]);
      if (!undated) {
        const d1 = rec.day + rec.span;
        current.minD0 = Math.min(current.minD0, rec.day);
        current.maxD0 = Math.max(current.maxD0, rec.day);
        current.minD1 = Math.min(current.minD1, d1);
        current.maxD1 = Math.max(current.maxD1, d1);
      }
    });
    return chunks;
  }

  function clear(map) {
    state.layerIds.forEach(function (id) { if (map.getLayer(id)) map.removeLayer(id); });
    state.chunks.forEach(function (c) { if (map.getSource(c.source)) map.removeSource(c.source); });
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
    state.map = map;
    state.drawn = data;
    if (!data) {
      return;
    }
    const built = features(data);
    state.records = built.records;
    const chunks = chunked(built.records, built.geo);
    chunks.forEach(function (c, k) {
      c.source = PREFIX + k;
      c.key = "";
      c.layers = [];
      map.addSource(c.source, { type: "geojson", data: { type: "FeatureCollection", features: c.features } });
    });
    // All halos of every chunk first, then all lines, ...: the drawing order holds across chunks.
    ROLES.forEach(function (def) {
      chunks.forEach(function (c, k) {
        if (!c.features.some(function (f) { return f.properties.r === def.role; })) return;
        const id = PREFIX + def.role + "-" + k;
        const layer = { id: id, type: def.type, source: c.source, filter: ["==", ["get", "r"], def.role], paint: def.paint };
        if (def.layout) layer.layout = def.layout;
        map.addLayer(layer);
        c.layers.push({ id: id, role: def.role });
        state.layerIds.push(id);
      });
    });
    chunks.forEach(function (c) { delete c.features; }); // MapLibre has its own copy
    state.chunks = chunks;
  }

  function chunkMode(c, t) {
    if (c.undated) return t.showUndated ? "all" : "none";
    if (t.cumulative) {
      if (c.minD0 > t.hi) return "none";
      return c.maxD0 <= t.hi ? "all" : "some";
    }
    if (c.minD0 > t.hi || c.maxD1 < t.lo) return "none";
    return c.maxD0 <= t.hi && c.minD1 >= t.lo ? "all" : "some";
  }

  function filterFor(role, mode, t) {
    const base = ["==", ["get", "r"], role];
    if (mode !== "some") return base;
    const f = ["all", base, ["<=", ["get", "d0"], t.hi]];
    if (!t.cumulative) f.push([">=", ["get", "d1"], t.lo]);
    return f;
  }

  // Change only the chunks whose state changed: MapLibre re-tiles the sources of changed layers.
  function applyFilters(map) {
    const t = state.time;
    if (!t) return;
    state.chunks.forEach(function (c) {
      const mode = chunkMode(c, t);
      const key = mode === "some" ? [mode, t.lo, t.hi, t.cumulative].join("|") : mode;
      if (key === c.key) return;
      c.key = key;
      c.layers.forEach(function (layer) {
        if (mode !== "none") map.setFilter(layer.id, filterFor(layer.role, mode, t));
        map.setLayoutProperty(layer.id, "visibility", mode === "none" ? "none" : "visible");
      });
    });
  }

  function pick(map, point) {
    const layers = state.layerIds.filter(function (id) { return map.getLayer(id); });
    if (!layers.length) return null;
    const r = 6;
    const hits = map.queryRenderedFeatures([[point.x - r, point.y - r], [point.x + r, point.y + r]], { layers: layers });
    let best = null;
    hits.forEach(function (f) {
      const rank = PICK_ORDER[f.properties.r];
      if (best === null || rank < best.rank) best = { rank: rank, i: f.properties.i };
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
        const when = rec.day === null || rec.day === undefined ? "undated" : isoDay(rec.day);
        meta.textContent = String(rec.kind).replace(/_/g, " ") + " · " + when;
        label.style.left = at.x + 12 + "px";
        label.style.top = at.y + 12 + "px";
        label.style.display = "block";
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
    if (!map) {
      schedule();
      return;
    }
    attachHandlers(map);
    let buildMs = 0;
    if (state.map !== map || state.drawn !== state.data) {
      const t0 = performance.now();
      build(map, state.data);
      buildMs = performance.now() - t0;
    }
    const t1 = performance.now();
    applyFilters(map);
    // For the benchmark and the browser tests: when the filters were set and how long it took.
    window.sortieTiming = { filteredAt: t1, filterMs: performance.now() - t1, buildMs: buildMs };
  }

  function applyTime(data, dragValue, value, mode, undated) {
    const ctx = window.dash_clientside.callback_context;
    const dragged = ctx.triggered.some(function (t) { return t.prop_id.endsWith(".drag_value"); });
    const win = (dragged && dragValue) || value || dragValue || [0, 0];
    const lo = Math.min(win[0], win[1]);
    const hi = Math.max(win[0], win[1]);
    const cumulative = mode === "cumulative";
    state.data = data || null;
    state.time = { lo: lo, hi: hi, cumulative: cumulative, showUndated: Array.isArray(undated) && undated.length > 0 };
    sync();
    return cumulative ? "up to " + isoDay(hi) : isoDay(lo) + " – " + isoDay(hi);
  }

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

  function scrollToHighlight(children) {
    window.setTimeout(function () {
      const mark = document.getElementById("highlight");
      if (mark) {
        mark.scrollIntoView({ block: "center" });
      }
    }, 50);
    return Date.now();
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
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    sortie: { applyTime: applyTime, tick: tick, scrollToHighlight: scrollToHighlight },
  });
})();
