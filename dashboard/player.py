"""A time bar's player: the Play button, its ticker and the range slider they move, with its label.

The articles' time bar (layout.timebar, in days) and the observed tracks' (tracks.track_bar_children,
in minutes) are the same control over different units: built and wired here once. Each page script
moves its own slider a step per tick (its `tick` clientside function).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html

PLAY, PAUSE = "▶ Play", "⏸ Pause"


def player(
    *,
    play_id: str,
    ticker_id: str,
    interval_ms: int,
    label_id: str,
    slider_id: str,
    span: tuple[int, int],
    marks: dict[int, str],
) -> list[Any]:
    """The Play button, its (stopped) ticker, and the slider over `span` with its label above it."""
    lo, hi = span
    return [
        html.Button(PLAY, id=play_id, className="play"),
        dcc.Interval(id=ticker_id, interval=interval_ms, disabled=True),
        html.Div(
            [
                html.Div(id=label_id, className="time-label"),
                dcc.RangeSlider(
                    id=slider_id,
                    min=lo,
                    max=hi,
                    step=1,
                    value=[lo, hi],
                    marks=marks,
                    allowCross=False,
                    updatemode="mouseup",
                    allow_direct_input=False,
                ),
            ],
            className="slider",
        ),
    ]


def toggled(disabled: bool | None) -> tuple[bool, str]:
    """(ticker disabled, button text) after a press of Play/Pause on a ticker now `disabled`."""
    return (False, PAUSE) if disabled else (True, PLAY)


def register_player(
    app: Dash,
    *,
    play_id: str,
    ticker_id: str,
    slider_id: str,
    tick: ClientsideFunction,
    tick_states: Sequence[State] = (),
) -> None:
    """Play/Pause starts and stops the ticker; each tick, `tick(n, value, min, max, *tick_states)` in
    the page gives the slider's next value."""

    @app.callback(
        Output(ticker_id, "disabled"),
        Output(play_id, "children"),
        Input(play_id, "n_clicks"),
        State(ticker_id, "disabled"),
        prevent_initial_call=True,
    )
    def toggle_play(_n, disabled):
        return toggled(disabled)

    app.clientside_callback(
        tick,
        Output(slider_id, "value", allow_duplicate=True),
        Input(ticker_id, "n_intervals"),
        State(slider_id, "value"),
        State(slider_id, "min"),
        State(slider_id, "max"),
        *tick_states,
        prevent_initial_call=True,
    )
