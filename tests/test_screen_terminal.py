"""How a table looks on a terminal: styled, unless NO_COLOR or a dumb terminal says not."""

from __future__ import annotations

import io
import sys

import pytest

from matcher.cli.screen import Screen


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _drawn(monkeypatch, **environ: str) -> str:
    for name in ("NO_COLOR", "TERM", "COLORTERM", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    out = Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    Screen().table(["#", "occupation"], [[1, "Cook"], [2, "Chef"]], numeric=["#"])
    return out.getvalue()


def test_a_terminal_gets_bold_headers_and_a_drawn_rule(monkeypatch):
    drawn = _drawn(monkeypatch, TERM="xterm-256color")
    assert "\x1b[1m" in drawn and "─" in drawn


@pytest.mark.parametrize("value", ["1", "yes"])
def test_no_color_asks_for_no_styling_at_all(monkeypatch, value):
    drawn = _drawn(monkeypatch, TERM="xterm-256color", NO_COLOR=value)
    assert "\x1b[" not in drawn and "Cook" in drawn


def test_a_dumb_terminal_gets_ascii_rules(monkeypatch):
    drawn = _drawn(monkeypatch, TERM="dumb")
    assert "─" not in drawn and "\x1b[" not in drawn and "-" in drawn and "Chef" in drawn
