"""Title, dateline and photo captions: the parts of an article that report no event of their own."""

from __future__ import annotations

from sortie.geodata.events import layout

TEXT = (
    "Jets intercept bombers over sea\n\n"
    "OSLO, May 2 (Reuters) - Two jets intercepted two bombers on Friday.\n\n"
    "PHOTO/ Air Force: a jet takes off for a mission. (File photo)\n"
    "(Photo: Smoke rises after a strike. REUTERS/File photo)\n"
    "Officials said it was routine.\n"
)


def part(ranges):
    return [TEXT[a:b] for a, b in ranges]


def test_the_first_line_before_a_blank_line_is_the_title():
    assert part([layout.title_range(TEXT)]) == ["Jets intercept bombers over sea"]
    assert layout.title_range("One sentence ends here.\n\nAnother.") is None  # a lead, not a title


def test_a_dateline_is_the_place_date_and_agency_before_the_dash():
    assert part(layout.dateline_ranges(TEXT)) == ["OSLO, May 2 (Reuters) - "]


def test_photo_captions_are_whole_lines():
    assert part(layout.caption_ranges(TEXT)) == [
        "PHOTO/ Air Force: a jet takes off for a mission. (File photo)",
        "(Photo: Smoke rises after a strike. REUTERS/File photo)",
    ]


def test_a_regional_wire_dateline_in_title_case_with_no_dash():
    text = "Rebels attack ships\n\nAden, March 3 (XNA) The rebels said on Saturday they attacked a ship.\n"
    assert [text[a:b] for a, b in layout.dateline_ranges(text)] == ["Aden, March 3 (XNA) "]
    # an ordinary opening clause is no dateline
    assert layout.dateline_ranges("Title here\n\nOn Monday, March 3 (local time) jets flew.\n") == []
