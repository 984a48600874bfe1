"""Atomic file writes: a reader sees the old file or the new one, never half of one.

A write goes to a temporary file beside the target, ``.NAME.PID.RANDOM.tmp``,
created like any new file (its permissions are those the umask gives), and is
renamed over the target once complete and synced. The PID in the name lets a
later write remove what a killed process left (:func:`remove_stale_temps`).
Errors of the file system (a folder given as the file, no permission, a
read-only disk) are :class:`~matcher.errors.InputError` naming the path.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from matcher.errors import InputError

__all__ = [
    "atomic_write",
    "atomic_write_text",
    "file_to_write",
    "folder_to_write",
    "folder_while_needed",
    "probe_file",
    "publish",
    "remove_own_temps",
    "remove_stale_temps",
    "removed_if_left_empty",
    "temp_beside",
]


def file_to_write(path: str | Path) -> Path:
    """``path``, checked as a file to write: not a folder; the folder that holds it created.

    Raises
    ------
    InputError
        ``path`` is a folder, a device, pipe or socket, or its folder cannot be created.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give the name of a file to write")
    if path.exists() and not path.is_file():
        # the rename would put a file where a device or a pipe was (/dev/full as root)
        raise InputError(
            f"{path}: is a device, pipe or socket, not a file; give the name of a file to write"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(f"{path.parent}: is a file, not a folder to write into") from None
    except OSError as exc:
        raise InputError(f"{path.parent}: cannot create the folder ({exc.strerror})") from None
    return path


def probe_file(path: str | Path) -> Path:
    """``path``, checked for real as a file that can be written: a temporary file is created
    beside it and removed (a read-only disk, /proc or a full quota pass the checks of
    :func:`file_to_write` and fail only at the write).

    Raises
    ------
    InputError
        As :func:`temp_beside`.
    """
    fd, tmp = temp_beside(path)
    os.close(fd)
    os.unlink(tmp)
    return Path(path)


def folder_to_write(path: str | Path) -> Path:
    """``path``, a folder created if missing and checked for real as one that can be written
    into (a temporary file created in it and removed).

    Raises
    ------
    InputError
        ``path`` is a file, or the folder cannot be created or written into.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: is a file; give the folder to write into")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(f"{path}: is a file, not a folder to write into") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot create the folder ({exc.strerror})") from None
    probe_file(path / ".probe")
    return path


@contextlib.contextmanager
def folder_while_needed(path: str | Path) -> Iterator[Path]:
    """:func:`folder_to_write` for the length of a ``with`` block, after which the folders it
    created are removed if nothing was written into them: a folder checked before a long task
    (``matcher assess --report DIR``) that then wrote nothing is not left behind empty. A
    folder that existed before, or holds anything, is kept.

    Raises
    ------
    InputError
        As :func:`folder_to_write`.
    """
    with removed_if_left_empty(path):
        yield folder_to_write(path)


@contextlib.contextmanager
def removed_if_left_empty(path: str | Path) -> Iterator[None]:
    """Remove, on the way out, the folders of ``path`` (itself and its parents) that do not
    exist now and are empty then: the folders a ``with`` block created and wrote nothing
    into (a batch's output folder, made for its lock, when the survey is refused)."""
    path = Path(path)
    # the folders mkdir(parents=True) is about to create, deepest first
    created = []
    for folder in (path, *path.parents):
        if os.path.lexists(folder):
            break
        created.append(folder)
    try:
        yield
    finally:
        for folder in created:
            try:
                folder.rmdir()  # refused for a folder holding anything: that one is kept
            except OSError:
                break


def temp_beside(path: str | Path) -> tuple[int, Path]:
    """Create an empty temporary file beside ``path`` (permissions from the umask).

    Returns its open descriptor (write only) and its path.

    Raises
    ------
    InputError
        ``path`` is a folder, or its folder cannot be created or written.
    """
    import secrets  # here: a process that only reads (a model, say) does not need it

    path = file_to_write(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
        except OSError as exc:
            raise InputError(f"{path}: cannot write in {path.parent} ({exc.strerror})") from None


def publish(tmp: Path, path: Path) -> None:
    """Rename a complete temporary file over ``path`` and make the rename durable."""
    os.replace(tmp, path)
    with contextlib.suppress(OSError):  # not every file system syncs a folder
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w", **open_args) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    On an exception the temporary file is removed and ``path`` is untouched.
    """
    path = Path(path)
    try:
        fd, tmp = temp_beside(path)
        with os.fdopen(fd, mode, **open_args) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        publish(tmp, path)
    except BaseException:
        remove_own_temps(path)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    with atomic_write(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    # A process killed a moment ago stays a zombie until its parent reaps it, and kill(0)
    # succeeds on a zombie: its temporary files would outlive it into the next run.
    return _state(pid) not in ("Z", "X")


def _state(pid: int) -> str:
    """The state letter of a process on Linux (``/proc/PID/stat``), "" where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:  # no /proc (not Linux), or the process is gone
        return ""
    # the name in parentheses may hold spaces or parentheses: the state follows the last ")"
    fields = stat[stat.rfind(b")") + 1 :].split()
    return fields[0].decode("ascii", "replace") if fields else ""


def remove_own_temps(path: str | Path) -> None:
    """Remove this process's temporary files of ``path``, found by name rather than by the
    value :func:`temp_beside` returned: a signal handled between the file's creation and the
    assignment of that value (SIGTERM raises there) would otherwise leave the file behind."""
    path = Path(path)
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.{os.getpid()}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def remove_stale_temps(path: str | Path) -> list[Path]:
    """Remove the temporary files that writes of ``path`` left in processes that have died.

    Those of processes still running are left alone. Returns what was removed.
    """
    path = Path(path)
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[0-9a-f]+\.tmp")
    removed = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found and not _alive(int(found.group(1))):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed
