"""Warnings said where the caller's code called matcher, however deep inside matcher they arise.

``warnings.warn``'s ``stacklevel`` counts frames from where it is called, and a profile is read
at different depths by each way in (``recommend``, ``gaps``, a report): a fixed level said a
profile's unknown names at a line of ``matcher/io/assessment.py``. Python 3.12 has
``skip_file_prefixes``; this is it by hand, for 3.11.
"""

from __future__ import annotations

import os
import sys
import warnings

__all__ = ["warn"]

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def warn(message: str, category: type[Warning] = UserWarning) -> None:
    """``warnings.warn(message, category)`` at the first frame outside the matcher package."""
    frame, level = sys._getframe(1), 2  # level 2: the frame that called this function
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, category, stacklevel=level)
