"""The files a survey argument names: one path, a glob pattern, or a list of them."""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from pathlib import Path

from matcher.errors import InputError

__all__ = ["survey_sources"]


def survey_sources(source: str | Path | Sequence[str | Path]) -> list[Path]:
    """The files a survey argument names: one path, a glob pattern, or a list of them. A
    path that exists is that file even when its name holds ``*``, ``?`` or ``[``.

    Raises
    ------
    InputError
        A pattern that matches nothing or a file that does not exist.
    """
    if isinstance(source, str | os.PathLike):
        items = [source]
    elif isinstance(source, list | tuple) and all(isinstance(i, str | os.PathLike) for i in source):
        items = list(source)
    else:
        raise InputError(
            "a survey is a path, a glob pattern, a readable file object, a list of them or a "
            f"DataFrame; got {type(source).__name__} {str(source)[:60]!r}"
        )
    if any(not str(item).strip() for item in items):
        raise InputError("a survey path is empty; give the path of a CSV file")
    paths: list[Path] = []
    for item in items:
        text = str(item)
        # a file that exists is read as itself ("data[1].csv"); only a name that names no
        # file is a pattern, so a glob character in a real file's name cannot misread it
        if any(ch in text for ch in "*?[") and not Path(text).exists():
            base = Path(text)
            anchor = Path(base.anchor) if base.is_absolute() else Path()
            pattern = str(base.relative_to(anchor)) if base.is_absolute() else text
            found = sorted(p for p in anchor.glob(pattern) if p.is_file())
            if not found:
                raise InputError(f"{text}: no survey file matches this pattern")
            paths.extend(found)
        else:
            path = Path(text)
            if not path.exists():
                raise InputError(f"{path}: no such survey file")
            paths.append(path)
    if not paths:
        raise InputError("no survey file given")
    unique: dict[str, Path] = {}
    for path in paths:  # the same file under two names (s.csv, ./s.csv) is read once
        unique.setdefault(os.path.realpath(path), path)
    if len(unique) < len(paths):
        named = sorted({str(p) for p in paths if paths.count(p) > 1 or p not in unique.values()})
        warnings.warn(
            f"{', '.join(named[:3])}: a file named more than once is read once", stacklevel=3
        )
    return list(unique.values())
