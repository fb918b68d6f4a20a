// The timeline strip under the map: when the drawn events happened, linked to the time slider.
//
// Bars count the events per day, week or month (whichever keeps the strip to about 130 bars over the
// slider's span), from the records the map draws (assets/sortie.js), so the strip follows the same
// filters. An event known only to a span longer than one bar (a month-precision date in a strip of days)
// is not put on its first day: it is drawn as a span in a lane below the bars. The slider's window is
// shaded over the strip; a click on a bar or a span moves the window to it.
//
// Drawn as SVG with `textContent` only (event kinds and dates, no article text reaches it).
(function () {
  "use strict";

  const STRIP_ID = "timeline"; // dashboard/ids.py:TIMELINE
  const SLIDER_ID = "time-slider"; // dashboard/ids.py:SLIDER
  const SVG = "http://www.w3.org/2000/svg";
  const BAR_AREA = 30; // px: the tallest bar
  const LANE = 6; // px per lane of spans
  const MAX_LANES = 3;
  const TARGET_BARS = 130;

  const cache = { records: null, span: null, shown: null, bins: null };

  function isoDay(days) {
    return new Date(days * 86400000).toISOString().slice(0, 10);
  }

  function monthStart(d) {
    const t = new Date(d * 86400000);
    return Math.round(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) / 86400000);
  }

  // A bin unit: start(day) -> first day of its bin, next(start) -> first day of the next bin.
  const UNITS = {
    day: { start: function (d) { return d; }, next: function (s) { return s + 1; }, label: function (s) { return isoDay(s); } },
    // Weeks start on Monday; day 4 (1970-01-05) was one.
    week: { start: function (d) { return d - (((d - 4) % 7) + 7) % 7; }, next: function (s) { return s + 7; }, label: function (s) { return "week of " + isoDay(s); } },
    month: {
      start: monthStart,
      next: function (s) { return monthStart(s + 32); },
      label: function (s) { return isoDay(s).slice(0, 7); },
    },
  };

  function unitFor(lo, hi) {
    const days = hi - lo + 1;
    if (days <= TARGET_BARS) return "day";
    return days <= TARGET_BARS * 7 ? "week" : "month";
  }

  function plural(n) {
    return n + (n === 1 ? " event" : " events");
  }

  // The precision as the hover label says it (assets/sortie.js:whenLabel): "2020-12" for a month.
  function spanLabel(d0, d1, precision) {
    const cut = precision === "year" ? 4 : precision === "month" ? 7 : 0;
    const a = isoDay(d0), b = isoDay(d1);
    if (cut) return a.slice(0, cut) === b.slice(0, cut) ? a.slice(0, cut) : a.slice(0, cut) + " – " + b.slice(0, cut);
    return (a === b ? a : a + " – " + b) + (precision && precision !== "day" ? " (" + precision + ")" : "");
  }

  // Events -> bars (one per bin holding events that fit in it) and spans (grouped by their interval).
  function binned(records, lo, hi) {
    const unit = UNITS[unitFor(lo, hi)];
    const bars = new Map();
    const spans = new Map();
    let undated = 0;
    records.forEach(function (r) {
      if (r.cat !== "events") return;
      if (r.day === null || r.day === undefined) {
        undated += 1;
        return;
      }
      const d0 = r.day, d1 = r.day + r.span;
      const s = unit.start(d0);
      if (unit.start(d1) === s) {
        const bar = bars.get(s) || { lo: s, hi: unit.next(s) - 1, count: 0, label: unit.label(s) };
        bar.count += 1;
        bars.set(s, bar);
      } else {
        const key = d0 + ":" + d1 + ":" + r.precision;
        const span = spans.get(key) || { lo: d0, hi: d1, count: 0, label: spanLabel(d0, d1, r.precision) };
        span.count += 1;
        spans.set(key, span);
      }
    });
    // Spans into lanes: each in the first lane where it overlaps nothing (the last lane takes the rest).
    const laneEnds = [];
    const spanList = Array.from(spans.values()).sort(function (a, b) { return a.lo - b.lo || b.hi - a.hi; });
    spanList.forEach(function (sp) {
      let lane = laneEnds.findIndex(function (end) { return end < sp.lo; });
      if (lane < 0) lane = laneEnds.length < MAX_LANES ? laneEnds.length : MAX_LANES - 1;
      laneEnds[lane] = Math.max(laneEnds[lane] === undefined ? -Infinity : laneEnds[lane], sp.hi);
      sp.lane = lane;
    });
    return { unit: unitFor(lo, hi), bars: Array.from(bars.values()), spans: spanList, lanes: laneEnds.length, undated: undated };
  }

  function el(name, attrs) {
    const node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function sliderSpan() {
    const handle = document.querySelector("#" + SLIDER_ID + ' [role="slider"]');
    if (!handle) return null;
    const lo = Number(handle.getAttribute("aria-valuemin")), hi = Number(handle.getAttribute("aria-valuemax"));
    return isNaN(lo) || isNaN(hi) || hi < lo ? null : [lo, hi];
  }

  function moveWindow(lo, hi) {
    const span = sliderSpan();
    if (!span) return;
    const a = Math.max(span[0], Math.min(lo, span[1])), b = Math.max(span[0], Math.min(hi, span[1]));
    window.dash_clientside.set_props(SLIDER_ID, { value: [a, b] });
  }

  function render() {
    const strip = document.getElementById(STRIP_ID);
    const sortie = window.sortie;
    const span = sliderSpan();
    if (!strip || !sortie || !span) return;
    const records = sortie.records();
    const t = sortie.time();
    const shown = !t || !t.hidden.has("events"); // the Events layer toggle
    if (cache.records !== records || cache.shown !== shown || !cache.span || cache.span[0] !== span[0] || cache.span[1] !== span[1]) {
      cache.records = records;
      cache.span = span;
      cache.shown = shown;
      cache.bins = binned(shown ? records : [], span[0], span[1]);
    }
    const bins = cache.bins;
    // The strip lines up with the slider's track: a day sits above the slider position for that day.
    const track = document.querySelector("#" + SLIDER_ID + " .dash-slider-track") || document.getElementById(SLIDER_ID);
    const box = strip.getBoundingClientRect(), tr = track.getBoundingClientRect();
    const left = Math.max(0, tr.left - box.left), width = Math.max(10, tr.width);
    const lo = span[0], hi = span[1];
    const scale = width / (hi - lo + 1);
    function x(day) { return (day - lo) * scale; }

    const height = BAR_AREA + 4 + Math.max(1, bins.lanes) * LANE;
    const svg = el("svg", { width: width, height: height, class: "timeline-svg", role: "img" });
    svg.style.marginLeft = left + "px";
    const wlo = t ? (t.cumulative ? lo : t.lo) : lo, whi = t ? t.hi : hi;
    svg.appendChild(el("rect", { class: "tl-window", x: x(wlo), y: 0, width: Math.max(1, x(whi + 1) - x(wlo)), height: height, "data-lo": wlo, "data-hi": whi }));
    const most = bins.bars.reduce(function (m, b) { return Math.max(m, b.count); }, 1);
    function clickable(node, item, cls) {
      const inWindow = item.hi >= wlo && item.lo <= whi;
      node.setAttribute("class", cls + (inWindow ? " in-window" : ""));
      node.setAttribute("data-lo", item.lo);
      node.setAttribute("data-hi", item.hi);
      node.setAttribute("data-count", item.count);
      const title = el("title", {});
      title.textContent = item.label + ": " + plural(item.count);
      node.appendChild(title);
      node.addEventListener("click", function () { moveWindow(item.lo, item.hi); });
      svg.appendChild(node);
    }
    bins.bars.forEach(function (b) {
      const h = Math.max(2, Math.round((b.count / most) * BAR_AREA));
      const x0 = x(Math.max(lo, b.lo)), x1 = x(Math.min(hi, b.hi) + 1);
      clickable(el("rect", { x: x0, y: BAR_AREA - h, width: Math.max(1.5, x1 - x0 - (x1 - x0 > 4 ? 1 : 0)), height: h }), b, "tl-bar");
    });
    bins.spans.forEach(function (sp) {
      const x0 = x(Math.max(lo, sp.lo)), x1 = x(Math.min(hi, sp.hi) + 1);
      clickable(el("rect", { x: x0, y: BAR_AREA + 4 + sp.lane * LANE, width: Math.max(2, x1 - x0), height: LANE - 2, rx: 2 }), sp, "tl-span");
    });
    const caption = document.createElement("div");
    caption.className = "timeline-caption";
    const total = bins.bars.reduce(function (n, b) { return n + b.count; }, 0) + bins.spans.reduce(function (n, s) { return n + s.count; }, 0);
    caption.textContent = total ? "events per " + bins.unit : "no dated events";
    if (bins.spans.length) {
      const note = document.createElement("div");
      note.className = "muted";
      note.textContent = "lower row: vaguer dates";
      note.title = "Events known only to a week, a month or a year: drawn over that period, not on one day";
      caption.appendChild(note);
    }
    strip.replaceChildren(caption, svg);
  }

  let pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      render();
    });
  }
  document.addEventListener("sortie:data", schedule);
  document.addEventListener("sortie:time", schedule);
  window.addEventListener("resize", schedule);
})();
