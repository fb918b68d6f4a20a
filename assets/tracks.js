// Observed tracks on the dashboard's map (the server side is dashboard/tracks.py).
//
// The tracks arrive once per page load as columns (dashboard/tracks.py:track_payload). Each flight is cut
// into one line feature per minute of its fixes (a "piece"), so the tracks' time bar can show exactly the
// minutes in its window: a piece outside it gets MapLibre feature-state `off` (drawn transparent, no
// re-tiling), and a slider step changes only the pieces that entered or left the window. Gaps in
// coverage are dashed great-circle bridges (computed by the server). A head marker per aircraft sits at
// its position at the window's end, interpolated between fixes, and moves while the bar plays.
//
// Callsigns and file names reach the page only as textContent, never as HTML.
(function () {
  "use strict";

  const SRC = "sortie-tracks";
  const GAP_SRC = "sortie-track-gaps";
  const HEAD_SRC = "sortie-track-heads";
  const LINE = "sortie-track-line";
  const GAP = "sortie-track-gap";
  const HEAD = "sortie-track-head";
  const SELECTED_ID = "track-selected"; // dashboard/ids.py:TRACK_SELECTED
  const SLIDER_ID = "track-slider"; // dashboard/ids.py:TRACK_SLIDER
  // Altitude colours (feet), low to high; unknown altitude is grey.
  const ALT_STEPS = [[0, "#ffd43b"], [2000, "#fab005"], [10000, "#f76707"], [20000, "#e03131"], [30000, "#c2255c"], [38000, "#5f3dc4"]];

  const st = {
    data: null,
    drawn: null,
    map: null,
    handlersOn: null,
    color: "alt",
    win: null, // [lo, hi] minutes since 1970
    pieceFlight: null, // per piece: flight index
    pieceMinute: null, // per piece: minute after t0
    pieceFrom: null, // per piece: first vertex index
    pieceTo: null, // per piece: last vertex index (inclusive)
    pieceOff: null, // per piece: 1 when drawn transparent
    gapOff: null,
    t0min: 0,
    timer: null,
    timing: null,
    heads: null,
    waited: 0,
    appliedKey: null,
  };

  function graphMap() {
    return window.sortie && window.sortie.map ? window.sortie.map() : null;
  }

  function altColor(ft) {
    if (ft < 0) return "#868e96";
    let c = ALT_STEPS[0][1];
    for (let i = 0; i < ALT_STEPS.length; i++) if (ft >= ALT_STEPS[i][0]) c = ALT_STEPS[i][1];
    return c;
  }

  // A piece's positions; a step over the antimeridian (more than 180 degrees of longitude) starts a
  // new part, so no line runs the wrong way round the world.
  function parts(d, a, b) {
    const out = [[]];
    for (let i = a; i <= b; i++) {
      const cur = out[out.length - 1];
      if (cur.length && Math.abs(d.lon[i] - cur[cur.length - 1][0]) > 180) out.push([]);
      out[out.length - 1].push([d.lon[i], d.lat[i]]);
    }
    return out.filter(function (p) { return p.length > 1; });
  }

  function clear(map) {
    [HEAD, GAP, LINE].forEach(function (id) { if (map.getLayer(id)) map.removeLayer(id); });
    [HEAD_SRC, GAP_SRC, SRC].forEach(function (id) { if (map.getSource(id)) map.removeSource(id); });
  }

  function build(map, d) {
    clear(map);
    st.map = map;
    st.drawn = d;
    if (!d) return;
    const t0 = performance.now();
    st.t0min = Math.floor(d.t0 / 60);
    const nf = d.flights.id.length;
    const feats = [];
    const pf = [], pm = [], pa = [], pb = [];
    for (let k = 0; k < nf; k++) {
      const start = d.off[k], end = d.off[k + 1];
      let a = start;
      while (a < end) {
        const minute = Math.floor(d.t[a] / 60);
        let b = a;
        while (b + 1 < end && Math.floor(d.t[b + 1] / 60) === minute) b++;
        // Join to the next minute's first vertex, so a flight is one unbroken line.
        const last = b + 1 < end ? b + 1 : b;
        const lines = parts(d, a, last);
        if (lines.length) {
          let sum = 0, n = 0;
          for (let i = a; i <= last; i++) if (d.alt[i] >= 0) { sum += d.alt[i]; n++; }
          const p = pf.length;
          pf.push(k); pm.push(minute); pa.push(a); pb.push(last);
          feats.push({ type: "Feature", id: p + 1, properties: { p: p, ca: altColor(n ? sum / n : -1), cx: d.flights.color[k] }, geometry: { type: "MultiLineString", coordinates: lines } });
        }
        a = b + 1;
      }
    }
    st.pieceFlight = Int32Array.from(pf);
    st.pieceMinute = Int32Array.from(pm);
    st.pieceFrom = Int32Array.from(pa);
    st.pieceTo = Int32Array.from(pb);
    st.pieceOff = new Uint8Array(pf.length);
    const gaps = d.gaps.f.map(function (k, g) {
      return { type: "Feature", id: g + 1, properties: { g: g, f: k }, geometry: { type: "MultiLineString", coordinates: d.gaps.coords[g].map(function (flat) {
        const out = [];
        for (let j = 0; j + 1 < flat.length; j += 2) out.push([flat[j], flat[j + 1]]);
        return out;
      }) } };
    });
    st.gapOff = new Uint8Array(gaps.length);
    // Above the article features' lines: an observed track that matches a reported route follows the
    // same great circle, and would be hidden under it.
    const before = undefined;
    const off = ["boolean", ["feature-state", "off"], false];
    // tolerance 0: a minute of flight is a few pixels at world scale, and the default simplification
    // would drop such short lines from the tiles altogether.
    map.addSource(SRC, { type: "geojson", tolerance: 0, data: { type: "FeatureCollection", features: feats } });
    map.addSource(GAP_SRC, { type: "geojson", data: { type: "FeatureCollection", features: gaps } });
    map.addSource(HEAD_SRC, { type: "geojson", data: { type: "FeatureCollection", features: [] } });
    map.addLayer({ id: LINE, type: "line", source: SRC, layout: { "line-cap": "round" }, paint: { "line-color": ["get", st.color === "alt" ? "ca" : "cx"], "line-width": 1.8, "line-opacity": ["case", off, 0, 0.9] } }, before);
    map.addLayer({ id: GAP, type: "line", source: GAP_SRC, paint: { "line-color": "#495057", "line-width": 1.5, "line-dasharray": [2, 2], "line-opacity": ["case", off, 0, 0.8] } }, before);
    map.addLayer({ id: HEAD, type: "circle", source: HEAD_SRC, paint: { "circle-radius": 4.5, "circle-color": ["get", "c"], "circle-stroke-color": "#fff", "circle-stroke-width": 1.2 } }, before);
    window.sortieTracksBuilt = { at: performance.now(), ms: performance.now() - t0, pieces: pf.length };
  }

  // The last vertex of flight k at or before second `s` (after t0), or -1.
  function vertexAt(d, k, s) {
    let lo = d.off[k], hi = d.off[k + 1] - 1;
    if (hi < lo || d.t[lo] > s) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (d.t[mid] <= s) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function heads(d, loS, hiS) {
    const out = [];
    for (let k = 0; k < d.flights.id.length; k++) {
      const first = d.off[k], last = d.off[k + 1] - 1;
      if (last < first || d.t[first] > hiS || d.t[last] < loS) continue;
      const i = vertexAt(d, k, hiS);
      if (i < 0) continue;
      let lon = d.lon[i], lat = d.lat[i];
      if (i < last && d.t[i + 1] > d.t[i] && Math.abs(d.lon[i + 1] - lon) < 180) {
        const f = (hiS - d.t[i]) / (d.t[i + 1] - d.t[i]);
        lon += (d.lon[i + 1] - lon) * f;
        lat += (d.lat[i + 1] - lat) * f;
      }
      out.push({ type: "Feature", properties: { f: k, v: i, c: st.color === "alt" ? altColor(d.alt[i]) : d.flights.color[k] }, geometry: { type: "Point", coordinates: [lon, lat] } });
    }
    return out;
  }

  // Apply the window [lo, hi] (minutes since 1970, both included): pieces of minutes outside it and gaps
  // wholly outside it are drawn transparent; the heads move to the window's end.
  function applyWindow(map) {
    const d = st.drawn;
    if (!d || !st.win) return;
    const t1 = performance.now();
    const lo = st.win[0] - st.t0min, hi = st.win[1] - st.t0min;
    let changed = 0;
    const pm = st.pieceMinute, offs = st.pieceOff;
    for (let p = 0; p < pm.length; p++) {
      const off = pm[p] < lo || pm[p] > hi ? 1 : 0;
      if (off !== offs[p]) {
        offs[p] = off;
        changed++;
        map.setFeatureState({ source: SRC, id: p + 1 }, { off: off === 1 });
      }
    }
    for (let g = 0; g < st.gapOff.length; g++) {
      const off = d.gaps.t1[g] < lo * 60 || d.gaps.t0[g] > (hi + 1) * 60 ? 1 : 0;
      if (off !== st.gapOff[g]) {
        st.gapOff[g] = off;
        map.setFeatureState({ source: GAP_SRC, id: g + 1 }, { off: off === 1 });
      }
    }
    st.heads = heads(d, lo * 60, (hi + 1) * 60 - 1);
    map.getSource(HEAD_SRC).setData({ type: "FeatureCollection", features: st.heads });
    // Recorded for a new window only, not for a pass that applies the same window again (Dash's
    // callback after followHandles): the benchmark reads the step that did the work.
    const key = st.win.join() + "|" + st.color;
    if (changed || key !== st.appliedKey) {
      st.timing = { at: t1, ms: performance.now() - t1, changed: changed };
      window.sortieTracksTiming = st.timing;
    }
    st.appliedKey = key;
  }

  function pick(map, point) {
    const layers = [HEAD, LINE, GAP].filter(function (id) { return map.getLayer(id); });
    if (!layers.length || !st.drawn) return null;
    const r = 5;
    const hits = map.queryRenderedFeatures([[point.x - r, point.y - r], [point.x + r, point.y + r]], { layers: layers });
    for (let j = 0; j < hits.length; j++) {
      const h = hits[j];
      if (h.state && h.state.off) continue;
      if (h.layer.id === HEAD) return { f: h.properties.f, v: h.properties.v };
      if (h.layer.id === LINE) return { f: st.pieceFlight[h.properties.p], p: h.properties.p };
      if (h.layer.id === GAP) return { f: h.properties.f, gap: true };
    }
    return null;
  }

  function nearestVertex(map, hit, lngLat) {
    if (hit.v !== undefined) return hit.v;
    if (hit.p === undefined) return -1;
    const d = st.drawn;
    let best = -1, bestD = Infinity;
    for (let i = st.pieceFrom[hit.p]; i <= st.pieceTo[hit.p]; i++) {
      const dx = (d.lon[i] - lngLat.lng) * Math.cos(lngLat.lat * Math.PI / 180), dy = d.lat[i] - lngLat.lat;
      const dd = dx * dx + dy * dy;
      if (dd < bestD) { bestD = dd; best = i; }
    }
    return best;
  }

  function hoverText(hit, v) {
    const d = st.drawn, k = hit.f;
    const hex = d.flights.hex[k] ? String(d.flights.hex[k]).toUpperCase() : "no hex";
    const title = d.flights.label[k] + " · " + hex + (d.flights.type[k] ? " · " + d.flights.type[k] : "");
    if (hit.gap) return [title, "gap in coverage: great circle, not observed"];
    if (v < 0) return [title, ""];
    const when = new Date((d.t0 + d.t[v]) * 1000).toISOString().replace("T", " ").slice(0, 19) + "Z";
    const alt = d.alt[v] >= 0 ? d.alt[v].toLocaleString("en-US") + " ft" : "altitude unknown";
    const spd = d.spd[v] >= 0 ? d.spd[v] + " kt" : "speed unknown";
    return [title, alt + " · " + spd + " · " + when];
  }

  function attach(map) {
    if (st.handlersOn === map) return;
    st.handlersOn = map;
    const label = document.createElement("div");
    label.className = "map-hover track-hover";
    label.style.display = "none";
    const title = document.createElement("div");
    const meta = document.createElement("div");
    meta.className = "map-hover-meta";
    label.appendChild(title);
    label.appendChild(meta);
    map.getContainer().appendChild(label);
    map.on("mousemove", function (e) {
      const hit = pick(map, e.point);
      if (!hit) {
        label.style.display = "none";
        return;
      }
      const text = hoverText(hit, nearestVertex(map, hit, e.lngLat));
      title.textContent = text[0];
      meta.textContent = text[1];
      label.style.display = "block";
      map.getCanvas().style.cursor = "pointer";
      // Above-left of the pointer (the article features' label sits below-right, see sortie.js), on
      // whichever side keeps it inside the map.
      const box = map.getContainer();
      const left = e.point.x - 12 - label.offsetWidth < 0 ? e.point.x + 12 : e.point.x - 12 - label.offsetWidth;
      const top = e.point.y - 12 - label.offsetHeight < 0 ? e.point.y + 12 : e.point.y - 12 - label.offsetHeight;
      label.style.left = Math.max(0, left) + "px";
      label.style.top = Math.max(0, top) + "px";
    });
    map.on("mouseout", function () { label.style.display = "none"; });
    map.on("click", function (e) {
      const hit = pick(map, e.point);
      if (hit) window.dash_clientside.set_props(SELECTED_ID, { data: st.drawn.flights.id[hit.f] });
    });
    map.on("styledata", function () {
      if (st.drawn && !map.getLayer(LINE)) {
        st.drawn = null;
        schedule();
      }
    });
  }

  function schedule() {
    if (st.timer === null) {
      st.timer = window.setTimeout(function () {
        st.timer = null;
        sync();
      }, 50);
    }
  }

  function sync() {
    const map = graphMap();
    // After the article features (so the tracks are drawn above their lines), but not for ever: 5 s at most.
    const articlesDrawn = window.sortie && window.sortie.drawn && window.sortie.drawn();
    if (!map || (st.data && !articlesDrawn && st.waited++ < 100)) { // drawn after them: on top
      schedule();
      return;
    }
    attach(map);
    if (st.map !== map || st.drawn !== st.data) {
      build(map, st.data);
      st.pieceOff && st.pieceOff.fill(0);
    }
    if (map.getLayer(LINE)) {
      map.setPaintProperty(LINE, "line-color", ["get", st.color === "alt" ? "ca" : "cx"]);
    }
    applyWindow(map);
  }

  function label(win) {
    const fmt = function (m) { return new Date(m * 60000).toISOString().replace("T", " ").slice(0, 16) + "Z"; };
    return "Observed tracks: " + fmt(win[0]) + " – " + fmt(win[1]);
  }

  function apply(data, dragValue, value, color) {
    const ctx = window.dash_clientside.callback_context;
    const dragged = ctx.triggered.some(function (t) { return t.prop_id.endsWith(".drag_value"); });
    const win = (dragged && dragValue) || value || dragValue;
    st.data = data || null;
    st.color = color || "alt";
    if (!st.data || !win) {
      st.win = null;
      sync();
      return "";
    }
    st.win = [Math.min(win[0], win[1]), Math.max(win[0], win[1])];
    sync();
    return label(st.win);
  }

  // While a handle is dragged, follow its aria-valuenow (as sortie.js does for the main slider): the
  // window is applied without waiting for Dash to dispatch drag_value.
  function followHandles(mutations) {
    const slider = document.getElementById(SLIDER_ID);
    if (!st.win || !slider || !mutations.some(function (m) { return slider.contains(m.target); })) return;
    const values = Array.prototype.map.call(slider.querySelectorAll('[role="slider"]'), function (el) {
      return Number(el.getAttribute("aria-valuenow"));
    });
    if (values.length !== 2 || values.some(isNaN)) return;
    st.win = [Math.min(values[0], values[1]), Math.max(values[0], values[1])];
    sync();
  }

  new MutationObserver(followHandles).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ["aria-valuenow"] });

  function tick(n, value, min, max) {
    if (!value || max <= min) return window.dash_clientside.no_update;
    const span = max - min;
    const step = Math.max(1, Math.round(span / 60));
    let width = value[1] - value[0];
    if (width >= span) {
      width = Math.max(1, Math.round(span / 8)); // a full-span window cannot move: start a narrower one
      return [min, min + width];
    }
    if (value[1] >= max) return [min, min + width];
    const hi = Math.min(max, value[1] + step);
    return [hi - width, hi];
  }

  // What the browser tests and the benchmark read.
  window.sortieTracks = {
    drawn: function () { return st.drawn !== null && st.drawn === st.data && st.map === graphMap() && Boolean(graphMap() && graphMap().getLayer(LINE)); },
    timing: function () { return st.timing; },
    // The screen position of flight `id`'s vertex nearest the middle of its fixes (for a test's click).
    anchor: function (id) {
      const d = st.drawn;
      if (!d) return null;
      const k = d.flights.id.indexOf(id);
      if (k < 0) return null;
      const i = (d.off[k] + d.off[k + 1] - 1) >> 1;
      return [d.lon[i], d.lat[i]];
    },
    pieces: function () {
      const n = {};
      if (!st.pieceFlight) return n;
      st.pieceFlight.forEach(function (k) { const id = st.drawn.flights.id[k]; n[id] = (n[id] || 0) + 1; });
      return n;
    },
    visibleFlights: function () {
      const seen = new Set();
      if (!st.pieceOff) return [];
      for (let p = 0; p < st.pieceOff.length; p++) if (!st.pieceOff[p]) seen.add(st.drawn.flights.id[st.pieceFlight[p]]);
      return Array.from(seen).sort();
    },
    heads: function () {
      return (st.heads || []).map(function (f) { return { id: st.drawn.flights.id[f.properties.f], at: f.geometry.coordinates }; });
    },
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    sortieTracks: { apply: apply, tick: tick },
  });
})();
