// Browser-side callbacks for the Sortie dashboard (Dash serves this file from /assets/).
//
// applyTime mirrors dashboard/views.py:visible_in_time: a feature with days [s, e] shows in window
// [lo, hi] when s <= hi && e >= lo (cumulative: s <= hi); undated ones (s == null) when asked for.
// Hidden points get null coordinates, which Plotly skips, so trace sizes and indices never change.
(function () {
  "use strict";

  function isoDay(days) {
    return new Date(days * 86400000).toISOString().slice(0, 10);
  }

  function visible(days, lo, hi, cumulative, showUndated) {
    if (days === null || days === undefined) {
      return showUndated;
    }
    return cumulative ? days[0] <= hi : days[0] <= hi && days[1] >= lo;
  }

  // The last inputs applyTime drew: a slider commit repeats the drag's final value, skip redrawing it.
  let last = { base: null, key: "" };

  function applyTime(base, dragValue, value, mode, undated) {
    const noUpdate = window.dash_clientside.no_update;
    if (!base) {
      return [noUpdate, ""];
    }
    const ctx = window.dash_clientside.callback_context;
    const dragged = ctx.triggered.some(function (t) { return t.prop_id.endsWith(".drag_value"); });
    const win = (dragged && dragValue) || value || dragValue || [0, 0];
    const lo = Math.min(win[0], win[1]);
    const hi = Math.max(win[0], win[1]);
    const cumulative = mode === "cumulative";
    const showUndated = Array.isArray(undated) && undated.length > 0;
    const key = [lo, hi, cumulative, showUndated].join("|");
    if (last.base === base && last.key === key) {
      return [noUpdate, noUpdate];
    }
    last = { base: base, key: key };
    const t0 = performance.now();
    // base.sortie[t]: the time table of trace t (ids, days, and vidx: the feature of each vertex).
    const shownIds = new Set();
    const data = base.data.map(function (trace, t) {
      const table = base.sortie[t];
      const vidx = table.vidx;
      const show = table.days.map(function (d) { return visible(d, lo, hi, cumulative, showUndated); });
      const n = trace.lon.length;
      const lon = new Array(n);
      const lat = new Array(n);
      for (let i = 0; i < n; i++) {
        const k = vidx ? vidx[i] : i;
        if (k >= 0 && show[k]) {
          lon[i] = trace.lon[i];
          lat[i] = trace.lat[i];
        } else {
          lon[i] = null;
          lat[i] = null;
        }
      }
      table.ids.forEach(function (id, k) { if (show[k]) { shownIds.add(id); } });
      return Object.assign({}, trace, { lon: lon, lat: lat });
    });
    window.sortieShown = Array.from(shownIds).sort();
    window.sortieTables = base.sortie;
    // For the benchmark and the browser tests: when the filter ran and how long it took.
    window.sortieTiming = { filteredAt: t0, filterMs: performance.now() - t0 };
    const label = cumulative ? "up to " + isoDay(hi) : isoDay(lo) + " – " + isoDay(hi);
    return [{ data: data, layout: base.layout }, label];
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

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    sortie: { applyTime: applyTime, tick: tick, scrollToHighlight: scrollToHighlight },
  });
})();
