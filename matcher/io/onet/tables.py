"""O*NET's tab-separated files, read and checked line by line, and the scales they hold
(what each scale means on matcher's own: :mod:`.requirements`).

A row with too few or too many fields, or a last line cut off, is an error naming the
line: pandas would pad the first (a rating lost quietly), stop at the second with its own
message and read half of the third. Values outside their scale are errors too.
"""

from __future__ import annotations

import codecs
import contextlib
import io
from pathlib import Path

import numpy as np
import pandas as pd

from matcher.errors import OnetFormatError
from matcher.util.encoding import looks_utf16
from matcher.util.labels import counted

__all__ = [
    "BLOCK_SCALES",
    "CODE",
    "NAME",
    "RATED_COLUMNS",
    "SCALE",
    "SCALE_RANGES",
    "VALUE",
    "read_ratings",
    "read_table",
]

CODE, NAME, SCALE, VALUE = "O*NET-SOC Code", "Element Name", "Scale ID", "Data Value"
ELEMENT = "Element ID"
#: The columns of every rated file (Skills, Knowledge, Abilities, Work Styles, Interests).
RATED_COLUMNS = (CODE, NAME, SCALE, VALUE)


#: The range of each O*NET scale matcher reads.
SCALE_RANGES = {"IM": (1.0, 5.0), "LV": (0.0, 7.0), "OI": (1.0, 7.0)}

#: The scales O*NET gives each block's files (29.3, and its Scales Reference): Skills,
#: Knowledge and Abilities IM and LV, Work Styles IM, Interests OI and the IH high-point
#: codes. A row of any other scale is no rating matcher can place: left out, it took an
#: element from its occupation unsaid, so it is an error.
BLOCK_SCALES = {
    "skill": ("IM", "LV"),
    "aptitude": ("IM", "LV"),
    "trait": ("IM",),
    "interest": ("OI", "IH"),
}
#: O*NET's names of the scales (its Scales Reference), for messages.
SCALE_NAMES = {
    "IM": "Importance",
    "LV": "Level",
    "OI": "Occupational Interests",
    "IH": "Occupational Interest High-Point",
}


def read_table(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """The rows of one tab-separated O*NET file, indexed by their line number.

    Every line is checked before pandas parses the text: ``pd.read_csv`` would pad a
    row with too few fields (a rating lost quietly), stop at one with too many with
    its own message, and import the half of a last line cut off mid-way. Each is an
    error naming the line instead, as O*NET writes every row whole.
    """
    text = _decode(path, path.read_bytes())
    if not text.strip():
        raise OnetFormatError(
            f"{path}: the file is empty; expected a header row with the columns "
            f"{', '.join(repr(c) for c in columns)}"
        )
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()  # what follows the last line end
    else:
        # O*NET ends every line, the last too: one without an end was cut off mid-way.
        cut, width = lines[-1].split("\t"), len(lines[0].split("\t"))
        raise OnetFormatError(
            f"{path}:{len(lines)}: the file ends inside this line ({len(cut)} of "
            f"{width} fields, the last {cut[-1]!r}, and no line end); "
            f"expected whole lines, each ending with a line end. The file looks cut off: "
            f"copy it again in full"
        )
    header = lines[0].split("\t")
    missing = [c for c in columns if c not in header]
    if missing:
        raise OnetFormatError(
            f"{path}: missing {'column' if len(missing) == 1 else 'columns'} "
            f"{', '.join(repr(c) for c in missing)}; found "
            f"{', '.join(repr(c) for c in header)}. Is this an O*NET text database file?"
        )
    tabs = len(header) - 1
    odd = [n for n, line in enumerate(lines) if line.count("\t") != tabs]
    for n in odd:
        if lines[n].strip():
            fields = lines[n].split("\t")
            raise OnetFormatError(f"{path}:{n + 1}: {_width_problem(fields, header)}")
    if odd:  # blank lines only: drop them, keeping each row's line number
        blank = set(odd)
        numbers = [n + 1 for n in range(1, len(lines)) if n not in blank]
        lines = [lines[0], *(lines[n - 1] for n in numbers)]
    else:
        numbers = list(range(2, len(lines) + 1))
    # Every line now has one field per column, so pandas (fast) reads them one row each.
    frame = pd.read_csv(
        io.StringIO("\n".join(lines)),
        sep="\t",
        dtype=str,
        keep_default_na=False,
        quoting=3,
        lineterminator="\n",
        skip_blank_lines=False,
    )
    frame.index = pd.Index(numbers, name="line")
    return frame[(frame != "").any(axis=1)]  # a line of empty fields is blank too


def _decode(path: Path, data: bytes) -> str:
    """The text of an O*NET file, which O*NET writes in UTF-8; else an error naming the line,
    the column and the value of the first byte that is not UTF-8 (a byte offset left the user
    to find it in a file of 60,000 lines)."""
    if looks_utf16(data[:4]):
        raise OnetFormatError(
            f"{path}: the file is UTF-16 text, not UTF-8 as O*NET writes it; save it as UTF-8"
        )
    data = data.removeprefix(codecs.BOM_UTF8)  # so that the error's offsets index ``data``
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        end = data.find(b"\n", exc.start)
        fields = data[start : len(data) if end < 0 else end].rstrip(b"\r").split(b"\t")
        index = data.count(b"\t", start, exc.start)
        line = data.count(b"\n", 0, exc.start) + 1
        header = data[: data.find(b"\n")].rstrip(b"\r").split(b"\t")
        if line == 1:
            where = "the header"
        else:
            name = header[index].decode("utf-8", "replace") if index < len(header) else None
            where = f"column {name!r}" if name else f"field {index + 1}"
        value = fields[index].decode("utf-8", "replace").replace("\ufffd", "?")
        if len(value) > 60:  # a description: the words around the byte are enough to find it
            at = value.index("?")
            value = ("..." if at > 30 else "") + value[max(0, at - 30) : at + 30] + "..."
        bad = data[exc.start : exc.end]
        named = ("byte " if len(bad) == 1 else "bytes ") + " ".join(f"0x{b:02x}" for b in bad)
        with contextlib.suppress(UnicodeDecodeError):  # what a Windows program meant by it
            named += f" ({bad.decode('cp1252')!r} in Windows-1252)"
        raise OnetFormatError(
            f"{path}:{line}, {where}: {named} in {value!r} is not UTF-8 text; "
            f"save the file as UTF-8"
        ) from None


def _width_problem(fields: list[str], header: list[str]) -> str:
    """What is wrong with a row of ``fields`` under ``header``, and what would be valid."""
    found = counted(len(fields), "tab-separated field")
    if len(fields) < len(header):
        lost = header[len(fields) :]
        return (
            f"{found} where the header has {len(header)}: the row ends after "
            f"{fields[-1]!r} (column {header[len(fields) - 1]!r}) and has no "
            f"{', '.join(repr(c) for c in lost[:3])}{', ...' if len(lost) > 3 else ''}; "
            f"expected one field per column (an empty value is still a field between tabs)"
        )
    extra = fields[len(header) :]
    return (
        f"{found} where the header has {len(header)}: {len(extra)} more after column "
        f"{header[-1]!r}, starting {extra[0]!r}; expected one field per column "
        f"(a value may not hold a tab)"
    )


def read_ratings(path: Path, block: str) -> pd.DataFrame:
    """The ratings of one rated file (of ``block``), each checked against its scale."""
    frame = read_table(path, RATED_COLUMNS)
    scales = BLOCK_SCALES[block]
    other = ~frame[SCALE].isin(scales)
    if other.any():
        line = frame.index[other.to_numpy()][0]
        expected = " or ".join(f"{s!r} ({SCALE_NAMES[s]})" for s in scales)
        raise OnetFormatError(
            f"{path}:{line}: column {SCALE!r} holds {frame[SCALE][line]!r}; expected "
            f"{expected}, the {'scale' if len(scales) == 1 else 'scales'} O*NET gives "
            f"{path.name!r}"
        )
    values = pd.to_numeric(frame[VALUE], errors="coerce")
    low = frame[SCALE].map(lambda s: SCALE_RANGES.get(s, (-np.inf, np.inf))[0]).astype(float)
    high = frame[SCALE].map(lambda s: SCALE_RANGES.get(s, (-np.inf, np.inf))[1]).astype(float)
    rated = frame[SCALE].isin(list(SCALE_RANGES))
    bad = (values.isna() & (rated | (frame[VALUE] != ""))) | (values < low) | (values > high)
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        line = int(frame.index[row])
        scale = frame[SCALE].iloc[row]
        expected = (
            f"a number from {SCALE_RANGES[scale][0]:g} to {SCALE_RANGES[scale][1]:g} "
            f"(scale {scale})"
            if scale in SCALE_RANGES
            else "a number"
        )
        raise OnetFormatError(
            f"{path}:{line}: column {VALUE!r} holds {frame[VALUE].iloc[row]!r}; expected {expected}"
        )
    again = frame.duplicated([CODE, NAME, SCALE])
    if again.any():  # which of two ratings counts would be the row order's choice
        row = int(again.to_numpy().nonzero()[0][0])
        code, name, scale = (frame[c].iloc[row] for c in (CODE, NAME, SCALE))
        first = frame.index[
            ((frame[CODE] == code) & (frame[NAME] == name) & (frame[SCALE] == scale)).to_numpy()
        ][0]
        raise OnetFormatError(
            f"{path}:{frame.index[row]}: a second {scale} rating of {name!r} for {code} (the "
            f"first at line {first}); expected one row per occupation, element and scale"
        )
    frame = frame.assign(value=values)
    if "Not Relevant" in frame.columns:
        frame.loc[(frame["Not Relevant"] == "Y") & (frame[SCALE] == "LV"), "value"] = 0.0
    frame["block"] = block
    if ELEMENT not in frame.columns:  # the id finds the element's description, where given
        frame[ELEMENT] = ""
    return frame[[CODE, NAME, SCALE, "value", "block", ELEMENT]]
