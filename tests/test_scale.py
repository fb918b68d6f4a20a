"""Cost that grows with the text, not faster: operations counted, never timed.

Each stage after spaCy (recognition, resolution, times, events with coreference, merging, the
store) runs on a synthetic text and on one four times as long, under cProfile; the number of
Python function calls must grow about four times (linear, with some slack for n log n), where a
stage that compares every mention with every other would grow sixteen times. The texts are the
shapes that once made Sortie quadratic: one place named in sentence after sentence, one place
named thousands of times in one sentence, and ordinary news prose repeated.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import pstats
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sortie.geodata.records import Article

DATA = Path(__file__).parent / "data"
# Calls on the long text / calls on the short one, for a text four times as long: 4 when linear.
MAX_GROWTH = 5.0


def prose(paragraphs: int) -> str:
    """Paragraphs of the test articles in turn, numbers changed on each pass so copies differ."""
    paras = [
        p
        for d in ("articles", "articles2", "articles3")
        for f in sorted((DATA / d).glob("*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n\n")
        if p.strip()
    ]
    out = []
    for i in range(paragraphs):
        k = i // len(paras)
        out.append(re.sub(r"\b\d+\b", lambda m, k=k: str(int(m.group()) + k), paras[i % len(paras)]))
    return "\n\n".join(out)


TEXTS: dict[str, Callable[[int], str]] = {
    "one place in every sentence": lambda n: " ".join(["Bombers flew to Kabul on Monday."] * n),
    "one place named over and over": lambda n: "Kabul " * (4 * n),
    "news prose": lambda n: prose(n // 4),
}


def _calls(text: str) -> int:
    """Python function calls of every stage after spaCy's parse, for one article."""
    import tempfile

    from sortie.geodata.events import extract
    from sortie.geodata.nlp import load_model, parse_texts
    from sortie.geodata.pipeline import analyse
    from sortie.geodata.places.gazetteer import open_gazetteer
    from sortie.geodata.store.geopackage import Store

    nlp, gazetteer = load_model(), open_gazetteer()
    article = Article("long.txt", text, published=dt.date(2024, 3, 6))
    [doc] = parse_texts(nlp, [text])
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "s.gpkg")
        store.ingest(analyse(article, doc, gazetteer), [], [])  # schema creation, outside the count
        profile = cProfile.Profile()
        profile.enable()
        parsed = analyse(article, doc, gazetteer)
        events, routes = extract(parsed, doc, gazetteer)
        store.ingest(parsed, events, routes)
        profile.disable()
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


@pytest.mark.model
@pytest.mark.parametrize("shape", list(TEXTS))
def test_operations_grow_linearly_with_the_text(shape: str) -> None:
    small, large = TEXTS[shape](400), TEXTS[shape](1600)
    growth = _calls(large) / _calls(small)
    assert growth < MAX_GROWTH, f"{shape}: 4x the text costs {growth:.1f}x the calls"


@pytest.mark.model
def test_a_text_longer_than_a_piece_keeps_exact_offsets() -> None:
    from sortie.geodata.nlp import PIECE_CHARS, load_model, parse_texts
    from sortie.geodata.pipeline import analyse
    from sortie.geodata.places.gazetteer import open_gazetteer

    text = prose(400)
    assert len(text) > 2 * PIECE_CHARS  # parsed in several pieces
    [doc] = parse_texts(load_model(), [text])
    assert doc.text == text
    parsed = analyse(Article("long.txt", text), doc, open_gazetteer())
    assert parsed.sentences[-1].end > 2 * PIECE_CHARS
    for s in parsed.sentences:
        assert text[s.start : s.end] == s.text
    for t in parsed.toponyms:
        assert text[t.mention.start : t.mention.end] == t.mention.text
    for m in parsed.times:
        assert text[m.start : m.end] == m.text
    # The paragraphs come round again: the later pieces name the places the first one did.
    early = {t.mention.text for t in parsed.toponyms if t.mention.end < PIECE_CHARS}
    late = {t.mention.text for t in parsed.toponyms if t.mention.start > 2 * PIECE_CHARS}
    assert len(early & late) >= 5
