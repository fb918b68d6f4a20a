"""Saved web pages: how fast their text and metadata are extracted (offline), by kind of page.

    .venv/bin/python benchmarks/bench_pages.py [--repeat 20]

Reports milliseconds per page and pages per second for the fixture pages in tests/data/html (news
pages of 8-10 KB), and for the same news page grown the ways real pages grow: 5 MB of inline script
data, and a menu of 2,000 or 20,000 links (trafilatura's fallback extractors read every link). Run on
demand; nothing here goes online.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from sortie.geodata.pages import read_page

HTML = Path(__file__).resolve().parents[1] / "tests" / "data" / "html"


def grown(base: str, links: int = 0, script_numbers: int = 0) -> bytes:
    menu = "".join(f'<li><a href="/s/{i}">Section {i} headline that goes on</a></li>' for i in range(links))
    script = (
        "<script>var d = [" + ",".join(map(str, range(script_numbers))) + "];</script>"
        if script_numbers
        else ""
    )
    return base.replace(
        '<main id="content">', f"<ul class='mega-menu'>{menu}</ul>{script}<main id=\"content\">"
    ).encode()


def timed(data: bytes, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        read_page(data, "bench.html")
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    read_page((HTML / "ledger-bombers.html").read_bytes(), "warm-up")  # imports, first parse
    base = (HTML / "ledger-bombers.html").read_text(encoding="utf-8")
    cases = [(name, (HTML / name).read_bytes(), args.repeat) for name in
             ("ledger-bombers.html", "coastal-patrol.htm", "hostile.html", "undated.html")]  # fmt: skip
    cases += [
        ("news page + 5 MB inline script", grown(base, script_numbers=700_000), max(2, args.repeat // 5)),
        ("news page + 2,000-link menu", grown(base, links=2_000), max(2, args.repeat // 5)),
        ("news page + 20,000-link menu", grown(base, links=20_000), 2),
    ]
    for name, data, repeat in cases:
        times = timed(data, repeat)
        median = statistics.median(times)
        print(f"{name:34s} {len(data):>10,} bytes  {1000 * median:8.1f} ms/page  {1 / median:7.1f} pages/s")


if __name__ == "__main__":
    main()
