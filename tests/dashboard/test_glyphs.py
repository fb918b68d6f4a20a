"""The offline glyphs for the map's labels: the shipped files, the file format and the route."""

from __future__ import annotations

import json

import pytest

from sortie.dashboard.basemap import offline_style
from sortie.dashboard.glyphs import (
    BORDER,
    FONT_STACK,
    GLYPHS_DIR,
    GLYPHS_URL,
    RANGES,
    Glyph,
    decode,
    encode,
    glyph_file,
)

EDGE = 191  # the SDF value at a glyph's edge (MapLibre's cutoff, 0.75 of 255): above it is ink


def shipped(start: int) -> dict[int, Glyph]:
    data = (GLYPHS_DIR / FONT_STACK / f"{start}-{start + 255}.pbf").read_bytes()
    stacks = decode(data)
    assert list(stacks) == [FONT_STACK]
    return stacks[FONT_STACK]


@pytest.mark.parametrize("start", RANGES)
def test_every_shipped_file_holds_glyphs_of_its_own_range(start):
    glyphs = shipped(start)
    assert glyphs, f"no glyph in {start}-{start + 255}"
    assert all(start <= code <= start + 255 for code in glyphs)
    for g in glyphs.values():
        # A bitmap: the glyph's box and the border on every side, a byte per pixel (none for a space).
        assert len(g.bitmap) in (0, (g.width + 2 * BORDER) * (g.height + 2 * BORDER))


def test_latin_letters_are_real_glyphs_of_a_proportional_font():
    glyphs = shipped(0)
    assert set(map(ord, "ABCXYZabcxyz0123456789 -'.,()")) <= set(glyphs)
    assert glyphs[ord("W")].advance > glyphs[ord("i")].advance  # not a monospace stand-in
    assert glyphs[ord(" ")].bitmap == b"" and glyphs[ord(" ")].advance > 0
    # A capital stands on the baseline and rises above it: taller than a lower-case x, same bottom.
    big, small = glyphs[ord("H")], glyphs[ord("x")]
    assert big.height > small.height and big.top > small.top
    # "I" is a vertical bar: ink down its middle column, none in the border around it.
    i = glyphs[ord("I")]
    cols = i.width + 2 * BORDER
    rows = [i.bitmap[r * cols : (r + 1) * cols] for r in range(i.height + 2 * BORDER)]
    middle = rows[len(rows) // 2]
    assert max(middle) > EDGE
    assert max(rows[0]) < EDGE and max(rows[-1]) < EDGE
    assert max(r[0] for r in rows) < EDGE and max(r[-1] for r in rows) < EDGE


def test_place_names_with_accents_have_their_letters():
    latin = {**shipped(0), **shipped(256)}
    for name in ("Şanlıurfa", "Kraków", "Gdańsk", "Mosul", "Al-Ḥasakah"):
        missing = {c for c in name if ord(c) not in latin and ord(c) < 512}
        assert not missing, f"{name}: {missing}"


def test_encode_and_decode_round_trip_negative_offsets():
    glyphs = [Glyph(65, 2, 1, -3, -27, 9, bytes(range(8 * 7))), Glyph(32, 0, 0, 0, 0, 6)]
    assert decode(encode("test", 0, glyphs)) == {"test": {65: glyphs[0], 32: glyphs[1]}}


def test_a_range_that_ships_no_file_is_an_empty_set_not_a_missing_file():
    assert decode(glyph_file(FONT_STACK, 19968, 20223)) == {FONT_STACK: {}}  # CJK: the browser draws it
    assert glyph_file(FONT_STACK, 0, 255) == (GLYPHS_DIR / FONT_STACK / "0-255.pbf").read_bytes()
    assert glyph_file("Open Sans Regular", 0, 255) is None
    assert glyph_file(FONT_STACK, 5, 260) is None
    assert glyph_file(FONT_STACK, 65536, 65791) is None


def test_the_app_serves_them_where_the_style_points(corpus):
    from sortie.dashboard.app import create_app

    style = offline_style()
    assert style["glyphs"] == GLYPHS_URL
    fonts = {
        json.dumps(layer["layout"]["text-font"])
        for layer in style["layers"]
        if "text-font" in layer.get("layout", {})
    }
    assert fonts == {json.dumps([FONT_STACK])}
    client = create_app(corpus=corpus).server.test_client()
    url = GLYPHS_URL.replace("{fontstack}", FONT_STACK)
    answer = client.get(url.replace("{range}", "0-255"))
    assert answer.status_code == 200 and answer.mimetype == "application/x-protobuf"
    assert ord("A") in decode(answer.data)[FONT_STACK]
    assert client.get(url.replace("{range}", "19968-20223")).status_code == 200
    assert client.get(url.replace("{range}", "0-999")).status_code == 404
    assert client.get("/glyphs/other/0-255.pbf").status_code == 404
