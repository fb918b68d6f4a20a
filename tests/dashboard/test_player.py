"""The time bars' shared player: Play/Pause and the slider it moves."""

from sortie.dashboard.player import PAUSE, PLAY, player, toggled


def test_play_starts_the_ticker_and_pause_stops_it():
    assert toggled(True) == (False, PAUSE)  # stopped: Play starts it, the button now says Pause
    assert toggled(False) == (True, PLAY)


def test_the_slider_spans_the_given_range_and_starts_whole():
    button, ticker, box = player(
        play_id="p", ticker_id="t", interval_ms=500, label_id="l", slider_id="s", span=(3, 9), marks={3: "a"}
    )
    slider = box.children[1]
    assert (button.id, ticker.id, ticker.disabled, ticker.interval) == ("p", "t", True, 500)
    assert (slider.id, slider.min, slider.max, slider.value) == ("s", 3, 9, [3, 9])
