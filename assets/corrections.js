// Rings around the features an analyst corrected (dashboard/corrections.py:correction_marks sends them
// as columns: id, lon, lat, day, span, wrong). Drawn as a layer of our own on the MapLibre map that
// assets/sortie.js draws the features on, on top of them, and filtered by the same time rule
// (dashboard/views.py:visible_in_time). A feature marked wrong (shown only when asked for) gets a
// dashed-looking grey ring instead. Nothing here reads article text.
(function () {
  "use strict";

  const SOURCE = "sortie-corrections";
  const LAYER = "sortie-corrections-ring";
  const COLOR = "#e8590c"; // dashboard/corrections.py:CORRECTED_COLOR
  // drawn: the rings' data last given to the map, as JSON.
  const state = { marks: null, time: null, timer: null, drawn: null };

  function visible(day, span, t) {
    if (day === null || day === undefined) return t.showUndated;
    if (t.cumulative) return day <= t.hi;
    return day <= t.hi && day + span >= t.lo;
  }

  function collection() {
    const m = state.marks;
    const out = [];
    if (!m || !m.id) return { type: "FeatureCollection", features: out };
    for (let i = 0; i < m.id.length; i++) {
      if (state.time && !visible(m.day[i], m.span[i], state.time)) continue;
      out.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [m.lon[i], m.lat[i]] },
        properties: { id: m.id[i], wrong: m.wrong[i] ? 1 : 0 },
      });
    }
    return { type: "FeatureCollection", features: out };
  }

  // Whether the rings are above every layer of sortie.js (a move, even to where the layer already is,
  // has MapLibre redraw the map).
  function ringsOnTop(map) {
    const order = map.getLayersOrder();
    return order.slice(order.indexOf(LAYER) + 1).every(function (id) { return id.indexOf("sortie-") !== 0; });
  }

  function apply() {
    const map = window.sortie && window.sortie.map();
    if (!map) {
      // The map (or its style) is not ready yet: try again shortly.
      window.clearTimeout(state.timer);
      state.timer = window.setTimeout(apply, 200);
      return;
    }
    const data = collection();
    const source = map.getSource(SOURCE);
    // A new time window mostly leaves the rings as they were: setting the same data again would have
    // MapLibre tile the source and paint the whole map once more (over a second with 100,000 features).
    const json = JSON.stringify(data);
    if (!source) {
      map.addSource(SOURCE, { type: "geojson", data: data });
    } else if (json !== state.drawn) {
      source.setData(data);
    }
    if (!map.getLayer(LAYER)) {
      map.addLayer({
        id: LAYER,
        type: "circle",
        source: SOURCE,
        paint: {
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 1, 9, 8, 14],
          "circle-color": "rgba(0,0,0,0)",
          "circle-stroke-width": 2.5,
          "circle-stroke-color": ["case", ["==", ["get", "wrong"], 1], "#868e96", COLOR],
        },
      });
    } else if (!ringsOnTop(map)) {
      map.moveLayer(LAYER); // above the feature layers sortie.js may have added since
    }
    state.drawn = json;
  }

  function draw(marks, dragValue, value, mode, undated) {
    const win = dragValue || value || [0, 0];
    state.marks = marks || null;
    state.time = {
      lo: Math.min(win[0], win[1]),
      hi: Math.max(win[0], win[1]),
      cumulative: mode === "cumulative",
      showUndated: Array.isArray(undated) && undated.length > 0,
    };
    apply();
    return Date.now();
  }

  // For the browser tests: the ids ringed on the map now.
  window.sortieCorrections = {
    ringed: function () {
      const map = window.sortie && window.sortie.map();
      const source = map && map.getSource(SOURCE);
      return source ? collection().features.map(function (f) { return f.properties.id; }).sort() : [];
    },
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    sortieCorrections: { draw: draw },
  });
})();
