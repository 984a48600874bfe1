"""CSV cells that are safe to open in a spreadsheet.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is run as a formula by spreadsheet programs; untrusted text in such a cell
gets a leading ``'`` so that it is shown, not run. A NUL byte, which ends a
string for many CSV readers (and so hides the rest of the row), is shown as
U+FFFD.
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from matcher.util.invisible import BIDI_CONTROLS

#: Cell starts that a spreadsheet would run as a formula.
FORMULA_START = r"^[=+\-@\t\r]"
_FORMULA = re.compile(FORMULA_START)
#: A cell :func:`safe_cell` neutralised: ``'`` before a formula start.
_NEUTRALISED = re.compile("'" + FORMULA_START[1:])


_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def safe_cell(value: object) -> str:
    """One cell as text, prefixed with ``'`` if it could start a formula; NUL shown as
    U+FFFD and bidi controls removed (they reorder what a spreadsheet shows)."""
    text = "" if value is None else _BIDI.sub("", str(value).replace("\x00", "\ufffd"))
    return "'" + text if _FORMULA.match(text) else text


def unneutralised(text: str) -> str:
    """``text`` as it was before :func:`safe_cell`: the ``'`` before a formula start removed
    (``'@Home Care`` is ``@Home Care``); any other text as it is."""
    return text[1:] if _NEUTRALISED.match(text) else text


def neutralise_formulas(values: pa.Array) -> pa.Array:
    """Text cells that a spreadsheet would run as a formula, prefixed with ``'``; NUL shown
    as U+FFFD."""
    values = values.cast(pa.string()) if not pa.types.is_string(values.type) else values
    if pc.any(pc.fill_null(pc.match_substring(values, "\x00"), False)).as_py():
        values = pc.replace_substring(values, "\x00", "\ufffd")
    if pc.any(pc.fill_null(pc.match_substring_regex(values, _BIDI.pattern), False)).as_py():
        values = pc.replace_substring_regex(values, _BIDI.pattern, "")
    risky = pc.fill_null(pc.match_substring_regex(values, FORMULA_START), False)
    if not pc.any(risky).as_py():
        return values
    return pc.if_else(risky, pc.binary_join_element_wise("'", values, ""), values)
