// The side panel's citations (the server side is dashboard/panels.py:citation_rows).
//
// The server sends the selected feature's citations as rows of plain strings, a page at a time; this
// file draws them under the panel's facts. As Dash components they cost Dash's renderer seconds for a
// few hundred (6-8 s for 200, 31-53 s for 500: benchmarks/bench_panel.py), as the feature list's rows
// did (sortie.js:renderList). Article text reaches the page only as textContent, never as HTML.
//
// "Show more" asks the server for a page more by setting CITATION_LIMIT: the panel's callback sends
// the rows again, up to the new limit.
(function () {
  "use strict";

  const BOX_ID = "citations"; // dashboard/ids.py:CITATIONS
  const LIMIT_ID = "citation-limit"; // dashboard/ids.py:CITATION_LIMIT
  const ARTICLE_PATH = "/article/"; // dashboard/panels.py:article_href
  const PAGE = 50; // dashboard/panels.py:CITATION_PAGE

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function citation(row) {
    const box = el("div", "citation");
    box.appendChild(el("div", "citation-title", row.title));
    box.appendChild(el("div", "citation-source", row.source));
    const quote = el("blockquote", "citation-text");
    quote.appendChild(document.createTextNode(row.before));
    if (row.mention) {
      quote.appendChild(el("mark", null, row.mention));
      quote.appendChild(document.createTextNode(row.after));
    }
    box.appendChild(quote);
    const link = el("a", "citation-link", "Read the article");
    // The server makes this app-relative link; anything else (a scheme, another host) is not a link.
    if (typeof row.href === "string" && row.href.indexOf(ARTICLE_PATH) === 0) link.href = row.href;
    link.target = "_blank";
    box.appendChild(link);
    return box;
  }

  function heading(shown, total) {
    return shown < total ? "Citations: " + shown + " of " + total : "Citations";
  }

  // `data`: {feature, rows: [{title, source, before, mention, after, href}], total}.
  function render(data) {
    const box = document.getElementById(BOX_ID);
    if (!box) return window.dash_clientside.no_update;
    if (!data || !data.feature) {
      box.replaceChildren();
      return 0;
    }
    // A page more for the feature already shown: keyboard focus goes to the first citation added.
    const before = box.dataset.feature === data.feature ? box.querySelectorAll(".citation").length : 0;
    const out = document.createDocumentFragment();
    out.appendChild(el("h4", null, heading(data.rows.length, data.total)));
    data.rows.forEach(function (row) { out.appendChild(citation(row)); });
    const rest = data.total - data.rows.length;
    if (rest > 0) {
      const more = el("button", "citations-more", "Show " + Math.min(PAGE, rest) + " more (" + rest + " not shown)");
      more.type = "button";
      more.dataset.limit = String(data.rows.length + PAGE);
      out.appendChild(more);
    }
    box.replaceChildren(out);
    box.dataset.feature = data.feature;
    const added = before > 0 && before < data.rows.length ? box.querySelectorAll(".citation-link")[before] : null;
    if (added) added.focus();
    return data.rows.length;
  }

  document.addEventListener("click", function (e) {
    const button = e.target && e.target.closest && e.target.closest("#" + BOX_ID + " .citations-more");
    const box = button && document.getElementById(BOX_ID);
    if (!box) return;
    button.disabled = true; // until the rows arrive (render replaces it)
    window.dash_clientside.set_props(LIMIT_ID, { data: { id: box.dataset.feature, limit: Number(button.dataset.limit) } });
  });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    sortieCitations: { render: render },
  });
})();
