"""The one parameter-check layer: the library's checks, also used as the CLI's argument types.

Modelled on scikit-learn's ``_param_validation``, much smaller: a check takes
the parameter's name and value, returns the value (normalised) or raises
:class:`~matcher.errors.InputError` naming the parameter, the value and what
would be valid. :func:`argument` turns a check into an ``argparse`` ``type=``,
so that ``matcher recommend --top 0`` is refused with the same rule as
``recommend(profile, top_k=0)``.
"""

from __future__ import annotations

import argparse
import math
import numbers
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from matcher.errors import InputError

__all__ = [
    "argument",
    "check_choice",
    "check_flag",
    "check_instance",
    "check_number",
    "check_path",
    "check_positive_int",
    "check_text",
    "check_weights",
    "refuse",
]

#: The longest ``repr`` of a refused value a message shows whole: an Occupation's repr is its
#: whole profile, kilobytes of it.
SHOWN_CHARS = 80

T = TypeVar("T")


def check_positive_int(name: str | None, value: Any) -> int:
    """``value`` as an int when it is a whole number of at least 1 (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        refuse(name, value, "a whole number of at least 1")
    return int(value)


def check_choice(name: str | None, value: Any, choices: Iterable[str]) -> str:
    """``value`` when it is one of ``choices``."""
    options = list(choices)
    if value not in options:
        refuse(name, value, f"one of {', '.join(options)}")
    return value


def check_number(
    name: str | None, value: Any, minimum: float = 0.0, maximum: float = math.inf
) -> float:
    """``value`` as a float when it is a finite real number from ``minimum`` to ``maximum``
    (not a bool, not ``"1"``, not NaN)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not math.isfinite(value)
        or not minimum <= value <= maximum
    ):
        if math.isinf(maximum):
            refuse(name, value, f"a finite number of at least {minimum:g}")
        refuse(name, value, f"a number from {minimum:g} to {maximum:,.15g}")
    return float(value)


def check_weights(
    name: str, value: Any, keys: Iterable[str], maximum: float = math.inf
) -> dict[str, float]:
    """``value`` as a dict key -> float when it maps some of ``keys`` to numbers from 0 to
    ``maximum`` (the ``block_weights`` of a model: ``{"skil": 1}``, ``{"skill": -1}`` or a
    weight the maths cannot take is refused)."""
    options = list(keys)
    if not isinstance(value, Mapping):
        refuse(name, value, f"a mapping of {', '.join(options)} to weights")
    for key in value:
        check_choice(f"each key of {name}", key, options)
    return {
        key: check_number(f"{name}[{key!r}]", weight, maximum=maximum)
        for key, weight in value.items()
    }


def check_instance(name: str | None, value: Any, types: tuple[type, ...], valid: str) -> Any:
    """``value`` when it is an instance of one of ``types`` (``valid`` says so in words)."""
    if isinstance(value, bool) or not isinstance(value, types):
        refuse(name, value, valid)
    return value


def check_flag(name: str | None, value: Any) -> bool:
    """``value`` when it is True or False (``lenient="no"`` was read as lenient)."""
    if not isinstance(value, bool):
        refuse(name, value, "True or False")
    return value


def check_text(name: str | None, value: Any, valid: str) -> str:
    """``value`` when it is a str with something in it (``""`` read as "none given")."""
    if not isinstance(value, str) or not value.strip():
        refuse(name, value, valid)
    return value


def check_path(name: str | None, value: Any) -> Path:
    """``value`` as a :class:`~pathlib.Path` when it is a non-empty str or path-like (an empty
    name is the current folder, which nobody means)."""
    if not isinstance(value, str | os.PathLike) or not str(value).strip():
        refuse(name, value, "the path of a file or folder (a non-empty str or Path)")
    return Path(value)


def refuse(name: str | None, value: Any, valid: str) -> NoReturn:
    """Raise the layer's :class:`~matcher.errors.InputError`, ``NAME must be VALID, got
    VALUE``, for a rule no ``check_`` function states (the value's repr cut short)."""
    subject = f"{name} " if name else ""
    shown = repr(value)
    if len(shown) > SHOWN_CHARS:
        shown = f"{type(value).__name__} {shown[: SHOWN_CHARS - 20]}\u2026"
    raise InputError(f"{subject}must be {valid}, got {shown}")


def argument(check: Callable[..., T], *args: Any, parse: Callable[[str], Any] = int) -> Callable:
    """An ``argparse`` ``type=`` that parses the text with ``parse`` and applies ``check``.

    ``check(None, value, *args)`` runs on the value as typed (when ``parse``
    fails, on the text itself, which it refuses); argparse's message names the
    option (``argument --top: must be a whole number of at least 1, got '0'``).
    """

    def convert(text: str) -> T:
        try:
            value = parse(text)
        except ValueError:
            value = text
        try:
            check(None, value, *args)
        except InputError as exc:
            requirement = str(exc).rsplit(", got ", 1)[0]
            raise argparse.ArgumentTypeError(f"{requirement}, got {text!r}") from None
        return value

    convert.__name__ = check.__name__.removeprefix("check_")  # argparse names the type
    return convert
