"""The one progress bar and the one default worker count of every parallel command."""

from __future__ import annotations

import os
import sys
from typing import Any


def default_workers() -> int:
    """Workers to use by default: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def on_terminal() -> bool:
    """Whether standard error is a terminal: where a progress bar is shown by default."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed
        return False


def progress_bar(
    total: int | None,
    *,
    enabled: bool | None = None,
    unit: str = "it",
    desc: str = "",
    unit_scale: bool = False,
    leave: bool = True,
) -> Any:
    """A tqdm bar on standard error, shown when ``enabled`` (default: on a terminal).

    Disabled, it costs nothing and prints nothing, so callers update it unconditionally.
    """
    from tqdm import tqdm

    return tqdm(
        total=total or None,
        unit=unit,
        unit_scale=unit_scale,
        desc=desc,
        disable=not (on_terminal() if enabled is None else enabled),
        file=sys.stderr,
        leave=leave,
    )
