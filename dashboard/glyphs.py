"""Offline glyphs for the map's text labels: SDF glyph files that MapLibre reads instead of a glyph server.

MapLibre draws text from signed-distance-field glyphs, 256 code points per file, fetched from the style's
`glyphs` URL. No font server may be asked, so the files are built here from DejaVu Sans (Debian's
fonts-dejavu-core; its licence allows redistribution, see assets/glyphs/LICENSE) and committed under
`assets/glyphs/`. `python -m sortie.dashboard.glyphs` rebuilds them; it needs Pillow (FreeType) only then.
The app serves them at /glyphs/ (`glyph_file`), and an empty glyph set for a range that ships none, so a
label with a character outside the shipped ranges shows without it instead of failing the page.

The file format is MapLibre's glyph protobuf (a `glyphs` message of font stacks, each with its glyphs:
id, SDF bitmap, width, height, left, top, advance, in pixels of a 24 px font), written and read by hand
below: it is four small messages.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dash import Dash

FONT_STACK = "dejavu-sans"
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# In the repository's assets/ folder, beside the basemap (sortie.dashboard.basemap.ASSETS).
GLYPHS_DIR = Path(__file__).resolve().parent.parent / "assets" / "glyphs"
GLYPHS_URL = "/glyphs/{fontstack}/{range}.pbf"
# Latin (with its extensions), Greek, Cyrillic and general punctuation: the scripts of the place names
# that Sortie's gazetteer and English news give. CJK needs no file: MapLibre draws it
# with the browser's own fonts.
RANGES = (0, 256, 512, 768, 1024, 7680, 8192)
# MapLibre's constants: glyphs are drawn for a 24 px font with a 3 px border of distance field around
# them; the field spans RADIUS px and the glyph's edge sits at CUTOFF of it (value 191 of 255).
SIZE = 24
BORDER = 3
RADIUS = 8.0
CUTOFF = 0.25
# MapLibre places a glyph's top this many pixels below the line's top for a zero `top` (the value its
# own locally drawn glyphs use).
TOP_OFFSET = 27
# Rendered this many times larger, then sampled: the distance field is then exact to a sub-pixel.
OVERSAMPLE = 4


@dataclass(frozen=True)
class Glyph:
    """One glyph as MapLibre reads it: a (width + 6) x (height + 6) SDF bitmap and its metrics."""

    id: int
    width: int
    height: int
    left: int
    top: int
    advance: int
    bitmap: bytes = b""


# --- protobuf, by hand -----------------------------------------------------------------------------------


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _zigzag(value: int) -> int:
    return (value << 1) ^ (value >> 63)


def _field(number: int, payload: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _int_field(number: int, value: int) -> bytes:
    return _varint(number << 3) + _varint(value)


def encode(stack: str, start: int, glyphs: list[Glyph]) -> bytes:
    """A glyph file: one font stack holding `glyphs` for the code points start..start+255."""
    body = _field(1, stack.encode()) + _field(2, f"{start}-{start + 255}".encode())
    for g in glyphs:
        msg = _int_field(1, g.id)
        if g.bitmap:
            msg += _field(2, g.bitmap)
        msg += _int_field(3, g.width) + _int_field(4, g.height)
        msg += _int_field(5, _zigzag(g.left)) + _int_field(6, _zigzag(g.top)) + _int_field(7, g.advance)
        body += _field(3, msg)
    return _field(1, body)


def _fields(data: bytes) -> Iterator[tuple[int, int | bytes]]:
    pos = 0

    def varint() -> int:
        nonlocal pos
        shift = value = 0
        while True:
            byte = data[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value

    while pos < len(data):
        key = varint()
        if key & 7 == 0:
            yield key >> 3, varint()
        elif key & 7 == 2:
            size = varint()
            yield key >> 3, data[pos : pos + size]
            pos += size
        else:
            raise ValueError(f"unexpected protobuf wire type {key & 7} in a glyph file")


def decode(data: bytes) -> dict[str, dict[int, Glyph]]:
    """A glyph file's stacks: {stack name: {code point: Glyph}} (the inverse of `encode`)."""

    def signed(v: int) -> int:
        return (v >> 1) ^ -(v & 1)

    out: dict[str, dict[int, Glyph]] = {}
    for number, stack in _fields(data):
        if number != 1 or not isinstance(stack, bytes):
            continue
        name, glyphs = "", {}
        for key, value in _fields(stack):
            if key == 1 and isinstance(value, bytes):
                name = value.decode()
            elif key == 3 and isinstance(value, bytes):
                ints = {k: v for k, v in _fields(value) if isinstance(v, int)}
                bitmap = b"".join(v for k, v in _fields(value) if k == 2 and isinstance(v, bytes))
                g = Glyph(
                    id=ints[1],
                    width=ints.get(3, 0),
                    height=ints.get(4, 0),
                    left=signed(ints.get(5, 0)),
                    top=signed(ints.get(6, 0)),
                    advance=ints.get(7, 0),
                    bitmap=bitmap,
                )
                glyphs[g.id] = g
        out[name] = glyphs
    return out


# --- serving -----------------------------------------------------------------------------------------------


def glyph_file(stack: str, first: int, last: int, folder: Path = GLYPHS_DIR) -> bytes | None:
    """The glyph file for /glyphs/<stack>/<first>-<last>.pbf; an empty set where none ships; None for a
    request that is no glyph range (or for a font stack that is not ours)."""
    if stack != FONT_STACK or first % 256 or last != first + 255 or not 0 <= first < 65536:
        return None
    path = folder / stack / f"{first}-{last}.pbf"
    return path.read_bytes() if path.is_file() else encode(stack, first, [])


def register_glyphs(app: Dash) -> None:
    """Serve the glyph files at GLYPHS_URL (the offline style's `glyphs`)."""
    from flask import Response, abort

    @app.server.route("/glyphs/<stack>/<name>.pbf")
    def glyphs_route(stack: str, name: str) -> Response:
        first, _, last = name.partition("-")
        body = glyph_file(stack, int(first), int(last)) if first.isdigit() and last.isdigit() else None
        if body is None:
            abort(404)
        # Immutable for a given build of the app: let the browser keep them.
        return Response(body, mimetype="application/x-protobuf", headers={"Cache-Control": "max-age=86400"})


# --- building (maintainers only: needs Pillow) ---------------------------------------------------------


def render(font: object, code: int) -> Glyph | None:
    """The SDF glyph for one code point, or None when the font has no glyph for it."""
    import numpy as np
    from PIL import Image, ImageDraw

    char = chr(code)
    s = OVERSAMPLE
    x0, y0, x1, y1 = font.getbbox(char, anchor="ls")  # type: ignore[attr-defined]
    advance = round(font.getlength(char) / s)  # type: ignore[attr-defined]
    if x1 <= x0 or y1 <= y0:
        return Glyph(code, 0, 0, 0, 0, advance)
    left, right = math.floor(x0 / s), math.ceil(x1 / s)
    above, below = math.ceil(-y0 / s), math.ceil(y1 / s)  # pixels above and below the baseline
    width, height = right - left, above + below
    # The glyph at OVERSAMPLE scale, on a canvas covering its box and the border, baseline at `above`.
    pad = BORDER * s
    canvas = Image.new("L", (width * s + 2 * pad, height * s + 2 * pad), 0)
    ImageDraw.Draw(canvas).text((pad - left * s, pad + above * s), char, font=font, fill=255, anchor="ls")
    inside = np.asarray(canvas) >= 128
    if not inside.any():
        return None
    # Edge pixels on each side: an inside pixel next to an outside one, and the other way round.
    padded = np.pad(inside, 1, mode="edge")
    near_out = ~padded[:-2, 1:-1] | ~padded[2:, 1:-1] | ~padded[1:-1, :-2] | ~padded[1:-1, 2:]
    near_in = padded[:-2, 1:-1] | padded[2:, 1:-1] | padded[1:-1, :-2] | padded[1:-1, 2:]
    edge_in = np.argwhere(inside & near_out).astype(float)
    edge_out = np.argwhere(~inside & near_in).astype(float)
    rows, cols = height + 2 * BORDER, width + 2 * BORDER
    # Each output pixel's centre, in oversampled pixels.
    yy, xx = np.mgrid[0:rows, 0:cols]
    centres = np.stack([(yy.ravel() + 0.5) * s - 0.5, (xx.ravel() + 0.5) * s - 0.5], axis=1)

    def nearest(points: np.ndarray) -> np.ndarray:
        if not len(points):
            return np.full(len(centres), np.inf)
        d = np.full(len(centres), np.inf)
        for lo in range(0, len(points), 512):  # in blocks: bounded memory for large glyphs
            block = points[lo : lo + 512]
            diff = centres[:, None, :] - block[None, :, :]
            d = np.minimum(d, np.sqrt((diff**2).sum(axis=2)).min(axis=1))
        return d

    at = np.clip(np.round(centres).astype(int), 0, [inside.shape[0] - 1, inside.shape[1] - 1])
    is_in = inside[at[:, 0], at[:, 1]]
    # Distance to the edge in output pixels, signed (negative inside); the edge lies half an
    # oversampled pixel beyond the nearest pixel of the other side.
    dist = np.where(is_in, -(nearest(edge_out) - 0.5), nearest(edge_in) - 0.5) / s
    values = np.clip(np.round(255 - 255 * (dist / RADIUS + CUTOFF)), 0, 255).astype(np.uint8)
    return Glyph(code, width, height, left, above - TOP_OFFSET, advance, values.tobytes())


def build_glyphs(font_file: Path = FONT_FILE, out_dir: Path = GLYPHS_DIR) -> list[Path]:
    """Write one glyph file per range in RANGES for the font; return the files written."""
    from fontTools.ttLib import TTFont
    from PIL import ImageFont

    # One character at a time, unshaped: MapLibre lays the text out itself.
    font = ImageFont.truetype(str(font_file), SIZE * OVERSAMPLE, layout_engine=ImageFont.Layout.BASIC)
    covered = set(TTFont(str(font_file)).getBestCmap())
    folder = out_dir / FONT_STACK
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for start in RANGES:
        glyphs = [g for code in range(start, start + 256) if code in covered and (g := render(font, code))]
        path = folder / f"{start}-{start + 255}.pbf"
        path.write_bytes(encode(FONT_STACK, start, glyphs))
        written.append(path)
    return written


if __name__ == "__main__":
    for p in build_glyphs():
        print(f"wrote {p} ({p.stat().st_size // 1024} KB)")
