"""The parts of a news article that report no event of their own: title, dateline, photo captions.

A title restates the lead in headline grammar ("China stages drills around Taiwan": present tense,
no date); a dateline ("VILNIUS, June 12 (Reuters) -") dates the report, not the event; a photo
caption ("PHOTO/ ...", "(Photo: ...)", "... (File photo)") describes a picture, often a file
picture of another mission. Events read from them would duplicate or misdate the body's events.
Pure text functions: character ranges of the article to leave out.
"""

from __future__ import annotations

import bisect
import re

# A caption paragraph: starts with a photo credit, or carries a photo/file-photo marker.
_CAPTION_START = re.compile(r"^\s*[\(\[]?\s*(?:photo|file photo|picture|image|caption)\s*[/:\-—–)]", re.I)
_CAPTION_MARK = re.compile(
    r"[\(\[]\s*(?:file\s+photo|photo\s*[:/][^)\]]*|[^)\]]*/\s*file\s+photo)\s*[\)\]]"
    r"|\b[A-Z]{3,}/(?:File\s+)?Photo\b",
    re.I,
)
# "VILNIUS, June 12 (Reuters) -", "DUBAI (Reuters) -", "WASHINGTON (AP) —": a place in capitals,
# an optional date, an agency in brackets, a dash.
_DATELINE = re.compile(
    r"^[ \t]*[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{2,}(?:,\s*[^()\n]{0,40}?)?\s*(?:\([^)\n]{1,40}\))?\s*[-—–]{1,2}\s",
)


# "Sanaa, June 2 (UNI) Yemen's ...": regional wires write the place in title case, then the date and
# the agency, often with no dash.
_DATELINE_TITLED = re.compile(
    r"^[ \t]*(?!(?:On|In|At|By|From|Since|Until|Last|Next|Early|Late|[A-Z][a-z]+day)\b)"
    r"[A-Z][a-zà-ÿ'’.-]+(?:[ -][A-Z][a-zà-ÿ'’.-]+){0,3},\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
    r"\s*\([A-Z][A-Za-z .-]{1,24}\)\s*[-—–]{0,2}\s"
)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of the text."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def caption_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of photo-caption lines."""
    return [
        (a, b)
        for a, b in paragraphs(text)
        if _CAPTION_START.match(text[a:b]) or _CAPTION_MARK.search(text[a:b])
    ]


def title_range(text: str) -> tuple[int, int] | None:
    """The title line: the first line when a blank line follows it and it does not end a sentence."""
    paras = paragraphs(text)
    if len(paras) < 2:
        return None
    a, b = paras[0]
    line = text[a:b].rstrip()
    if line.endswith((".", "?", "!", ":", '"', "”")) or "\n\n" not in text[b : paras[1][0] + 1]:
        return None
    return a, b


def dateline_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of datelines at the start of a paragraph."""
    out = []
    for a, b in paragraphs(text):
        m = _DATELINE.match(text[a:b])
        if not (m and re.search(r"\(|[-—–]", m.group(0))):
            m = _DATELINE_TITLED.match(text[a:b])
        if m:
            out.append((a, a + m.end()))
    return out


class Ranges:
    """Character ranges to test positions against by bisection: a long article has a dateline or a
    caption in every few paragraphs, and testing every position against each of them was quadratic."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for a, b in sorted(r for r in ranges if r[0] < r[1]):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def inside(pos: int, ranges: list[tuple[int, int]] | Ranges) -> bool:
    if isinstance(ranges, Ranges):
        return pos in ranges
    return any(a <= pos < b for a, b in ranges)
