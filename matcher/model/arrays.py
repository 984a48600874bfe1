"""A model's named arrays: held in memory, or members of a model file read on first use."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping

import numpy as np

from matcher.errors import ModelError

from .store import ModelFile

__all__ = ["Arrays"]


class Arrays(MutableMapping[str, np.ndarray]):
    """A model's named arrays: in memory, or members of a :class:`ModelFile` read on
    first use (an array set after loading shadows the file's).

    ``names`` are the file's members this holds (default: every array member). ``check(arrays,
    name, values)`` says what is wrong with a member's values when it is first read (None:
    nothing; :func:`matcher.model.checks.wrong_values`), which is then a
    :class:`~matcher.errors.ModelError` naming the file.
    """

    def __init__(
        self,
        arrays: Mapping[str, np.ndarray] | None = None,
        file: ModelFile | None = None,
        names: Iterable[str] | None = None,
        check: Callable[[Arrays, str, np.ndarray], str | None] | None = None,
    ):
        self._arrays = dict(arrays or {})
        self._file = file
        self._check = check
        members = [n for n, s in file.index.items() if s["kind"] == "array"] if file else []
        self._names = members if names is None else [n for n in members if n in set(names)]

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self._arrays:
            if name not in self._names:
                raise KeyError(name)
            values = self._file.array(name)  # type: ignore[union-attr]
            problem = self._check(self, name, values) if self._check else None
            if problem:
                raise ModelError(f"{self._file.path}: {problem}; rebuild the model")  # type: ignore[union-attr]
            self._arrays[name] = values
        return self._arrays[name]

    def __setitem__(self, name: str, value: np.ndarray) -> None:
        self._arrays[name] = value

    def __delitem__(self, name: str) -> None:
        if name in self._names:
            self._names.remove(name)
            self._arrays.pop(name, None)
        else:
            del self._arrays[name]

    def __reduce__(self):
        # By value, as a model built in memory is: a worker process or a Dask worker gets
        # the arrays, not a file it may not see (or trust).
        return (Arrays, ({name: np.asarray(self[name]) for name in self},))

    @property
    def file(self) -> ModelFile | None:
        """The model file the arrays are read from (None for arrays held in memory)."""
        return self._file

    def __contains__(self, name: object) -> bool:  # without reading the array
        return name in self._arrays or name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._names, *self._arrays]))

    def __len__(self) -> int:
        return len(set(self._names) | set(self._arrays))

    def shape(self, name: str) -> tuple[int, ...]:
        """The shape of an array, without reading it."""
        if name in self._arrays or name not in self._names:
            return self[name].shape
        return tuple(self._file.index[name]["shape"])  # type: ignore[union-attr]

    def dtype(self, name: str) -> np.dtype:
        """The dtype of an array, without reading it."""
        if name in self._arrays or name not in self._names:
            return self[name].dtype
        return np.dtype(self._file.index[name]["dtype"])  # type: ignore[union-attr]
