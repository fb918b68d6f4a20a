"""Progress on stderr: plain lines when it is a file or pipe, a bar on a terminal."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import select
import struct
import termios

from sortie.geodata.progress import Progress, duration


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_plain_lines_at_each_tenth_with_rate_and_time_left():
    out, clock = io.StringIO(), Clock()
    with Progress(20, stream=out, clock=clock) as progress:
        for _ in range(20):
            clock.now += 0.5  # two articles a second
            progress.advance()
    lines = out.getvalue().splitlines()
    assert len(lines) == 10  # 2/20, 4/20, ... 20/20
    # Half done after 5 s at 2 articles/s: the other 10 take 5 s more.
    assert lines[4] == "sortie: parsing: 10/20 articles (50%), 2.00 articles/s, ETA 5 s"
    assert lines[-1] == "sortie: parsing: 20/20 articles (100%), 2.00 articles/s, ETA 0 s"


def test_slow_work_still_reports_every_so_often():
    out, clock = io.StringIO(), Clock()
    progress = Progress(1000, stream=out, clock=clock, every=30)
    for _ in range(3):
        clock.now += 40  # one article in 40 s: under a tenth, but 30 s have passed
        progress.advance()
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    # 3 done in 120 s: 0.025 articles/s, 997 left take 39,880 s = 11 h 04 min.
    assert lines[-1] == "sortie: parsing: 3/1000 articles (0%), 0.03 articles/s, ETA 11 h 04 min"


def test_one_article_shows_no_progress_but_messages_still_print():
    out = io.StringIO()
    with Progress(1, stream=out) as progress:
        progress.say("a.txt: added")
        progress.advance()
    assert out.getvalue() == "sortie: a.txt: added\n"


def test_durations_read_as_a_person_says_them():
    assert [duration(s) for s in (0, 59.4, 61, 3599, 3600, 7620)] == [
        "0 s",
        "59 s",
        "1 min 01 s",
        "59 min 59 s",
        "1 h 00 min",
        "2 h 07 min",
    ]


def test_on_a_terminal_a_bar_shows_articles_per_second_and_eta_with_messages_above_it():
    master, slave = pty.openpty()
    # A terminal 100 columns wide, as a person's would be (a new pty has no size).
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    try:
        with os.fdopen(slave, "w", closefd=False) as tty:
            assert tty.isatty()
            with Progress(4, stream=tty) as progress:
                for name in "abcd":
                    progress.say(f"{name}.txt: added")
                    progress.advance()
            tty.flush()
        chunks = []
        while select.select([master], [], [], 0.5)[0]:  # a terminal hands its output out in pieces
            chunks.append(os.read(master, 65536))
        shown = b"".join(chunks).decode("utf-8", "replace")
    finally:
        os.close(master)
        os.close(slave)
    assert "\r" in shown  # redrawn in place
    assert "articles/s" in shown and "ETA" in shown and "4/4" in shown
    assert "sortie: d.txt: added" in shown


def test_reading_many_files_shows_progress_and_a_few_do_not(tmp_path, capsys):
    from sortie.geodata.articles import READ_PROGRESS_FROM, load_articles

    many, few = tmp_path / "many", tmp_path / "few"
    for folder, count in ((many, READ_PROGRESS_FROM), (few, READ_PROGRESS_FROM - 1)):
        folder.mkdir()
        for i in range(count):
            (folder / f"{i:03d}.txt").write_text(f"Report {i}: bombers flew over the Gulf.", encoding="utf-8")
    assert len(list(load_articles([few]))) == READ_PROGRESS_FROM - 1
    assert capsys.readouterr().err == ""
    assert len(list(load_articles([many]))) == READ_PROGRESS_FROM
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 10 and all(line.startswith("sortie: reading: ") for line in lines)
    assert lines[-1].startswith(f"sortie: reading: {READ_PROGRESS_FROM}/{READ_PROGRESS_FROM} files (100%), ")
