"""The link to where an article was published: http(s) only, opened without a handle on Sortie."""

from __future__ import annotations

import json

from dash import html
from plotly.utils import PlotlyJSONEncoder

from sortie.dashboard.panels import article_view
from sortie.geodata.records import Article


def links(children: list[object]) -> list[html.A]:
    return [c for c in children if isinstance(c, html.A) and getattr(c, "className", "") == "article-url"]


def test_a_web_pages_url_is_a_link_that_opens_apart():
    url = "https://www.example.org/world/2024/03/05/story"
    [link] = links(article_view(Article("p.html", "Text.", url=url), None, None))
    assert link.href == url and link.target == "_blank"
    assert set(link.rel.split()) >= {"noopener", "noreferrer"}


def test_a_url_that_is_not_http_is_not_a_link():
    for url in (
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "/relative",
    ):
        view = article_view(Article("p.html", "Text.", url=url), None, None)
        assert links(view) == []
        assert url not in json.dumps(view, cls=PlotlyJSONEncoder)


def test_an_article_without_url_has_no_link():
    assert links(article_view(Article("a.txt", "Text."), None, None)) == []
