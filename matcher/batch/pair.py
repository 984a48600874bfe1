"""A batch's output and rejects file, written as one unit.

Both are written to temporary files beside them while the run holds a lock
(:mod:`matcher.util.lock`), taken before the run reads any input, so a second
run to the same output stops at once.
When both are complete, the manifest ``OUT-STEM.manifest.json`` is removed,
the rejects file and the output are renamed into place, and the manifest is
written last, naming the two files, their sizes, the summary and, when the model's data
asks to be credited (O*NET's), the record of its source. So while the
manifest is there the two files are one run's pair; while it is missing a run
is replacing them (or was killed doing so: each file is still whole, the old or
the new one). The next run to the output removes the temporary files of runs
that were killed, and no file a run writes may be one of its inputs.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from matcher.errors import InputError
from matcher.util.atomic import (
    atomic_write_text,
    file_to_write,
    publish,
    remove_own_temps,
    remove_stale_temps,
    removed_if_left_empty,
    temp_beside,
)
from matcher.util.lock import hold_lock

__all__ = ["OutputPair", "PairFiles", "manifest_path"]


def manifest_path(output: str | Path) -> Path:
    """The manifest of ``OUT``: ``OUT-STEM.manifest.json`` beside it."""
    output = Path(output)
    return output.with_name(f"{output.stem}.manifest.json")


@dataclass
class PairFiles:
    """The open temporary files of a pair, and the summary for the manifest."""

    output: IO[bytes]
    rejects: IO[str]
    summary: dict[str, Any] = field(default_factory=dict)
    #: What else the manifest records: the ``data_source`` a model's data asks for.
    about: dict[str, Any] = field(default_factory=dict)


class OutputPair:
    """``output`` and ``rejects`` of a batch over the survey files ``inputs``.

    Raises
    ------
    InputError
        The two are the same file, either is a folder, or a file the run
        writes is one of the inputs.
    """

    def __init__(self, output: Path, rejects: Path, inputs: Sequence[Path]) -> None:
        self.output, self.rejects = Path(output), Path(rejects)
        self.manifest = manifest_path(self.output)
        if _same(self.rejects, self.output) or _same(self.rejects, self.manifest):
            raise InputError(
                f"{self.rejects}: the rejects file must differ from the output and its manifest"
            )
        for path in (self.output, self.rejects, self.manifest):
            if path.is_dir():
                raise InputError(f"{path}: is a folder; give the name of a file to write")
            for source in inputs:
                if _same(path, Path(source)):
                    raise InputError(
                        f"{path}: is an input survey; write the output and the rejects "
                        f"elsewhere (the survey would be overwritten)"
                    )
        locks = [
            self.output.with_name(f".{self.output.stem}.lock"),
            self.rejects.with_name(f".{self.rejects.name}.lock"),
        ]
        self.locks = list(dict.fromkeys(locks))

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the locks, for the whole run: taken before any input is read (standard input
        included), so a second run to the same output stops at once."""
        with contextlib.ExitStack() as stack:
            for path in (self.output, self.rejects):
                # entered before the locks, so left after their files are gone: a run refused
                # (a bad header) leaves no empty folder it made
                stack.enter_context(removed_if_left_empty(path.parent))
                file_to_write(path)
            for lock, path in zip(self.locks, (self.output, self.rejects), strict=False):
                stack.enter_context(hold_lock(lock, str(path)))
            self._check_manifest()
            yield

    @contextlib.contextmanager
    def open(self) -> Iterator[PairFiles]:
        """Give the temporary files (call it under :meth:`locked`); on success put the pair
        in place."""
        for path in (self.output, self.rejects, self.manifest):
            remove_stale_temps(path)
        try:
            with contextlib.ExitStack() as opened:
                out_fd, out_tmp = temp_beside(self.output)
                out = opened.enter_context(os.fdopen(out_fd, "wb"))
                bad_fd, bad_tmp = temp_beside(self.rejects)
                bad = opened.enter_context(os.fdopen(bad_fd, "w", encoding="utf-8", newline=""))
                files = PairFiles(out, bad)
                yield files
                for handle in (out, bad):
                    handle.flush()
                    os.fsync(handle.fileno())
            self._put_in_place(out_tmp, bad_tmp, files)
        except BaseException:
            for path in (self.output, self.rejects):
                remove_own_temps(path)
            raise

    def _check_manifest(self) -> None:
        """Refuse to take over the manifest of another output of the same stem: ``a.parquet``
        and ``a.csv`` share ``a.manifest.json`` (and by default ``a.rejects.csv``), so the
        second run would replace the first's rejects and leave its output undescribed."""
        try:
            named = json.loads(self.manifest.read_text(encoding="utf-8"))["output"]
        except (OSError, ValueError, KeyError, TypeError):
            return  # none, or not one a run wrote: a run replaces it
        other = Path(named) if Path(named).is_absolute() else self.manifest.parent / named
        if other.exists() and not _same(other, self.output):
            raise InputError(
                f"{self.output}: {self.manifest.name} describes {other.name}, another output "
                f"of the same name before its suffix; writing here would replace its rejects and "
                f"manifest: give this output another name (or remove {other.name} first)"
            )

    def _put_in_place(self, out_tmp: Path, bad_tmp: Path, files: PairFiles) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.manifest)
        publish(bad_tmp, self.rejects)
        publish(out_tmp, self.output)
        record = {
            "output": _relative(self.output, self.manifest),
            "output_bytes": self.output.stat().st_size,
            "rejects": _relative(self.rejects, self.manifest),
            "rejects_bytes": self.rejects.stat().st_size,
            "summary": files.summary,
            **files.about,
        }
        atomic_write_text(self.manifest, json.dumps(record, indent=2) + "\n")


def _same(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        return os.path.samefile(a, b)
    return a.resolve() == b.resolve()


def _relative(path: Path, manifest: Path) -> str:
    """The path as the manifest names it: a name when beside it, else absolute."""
    if path.resolve().parent == manifest.resolve().parent:
        return path.name
    return str(path.resolve())
