"""A lock file that keeps two processes from writing the same output at once.

The lock is ``fcntl.flock`` on a file holding the PID of its holder: the
kernel releases it when the holder dies, however it dies, so a killed run
never leaves a lock behind (a lock file left on disk is free to take). Where
``fcntl`` does not exist (not POSIX) writes are not locked.

A lock path that is not a regular file (a symbolic link, a pipe, a device) is refused, never
opened through: the holder truncates the lock file and writes its PID in it, so a link planted
in a shared output folder would otherwise overwrite whatever file it points to.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from matcher.errors import InputError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

__all__ = ["hold_lock"]


def _busy(path: Path, what: str, holder: str) -> InputError:
    return InputError(
        f"{what}: another matcher run (pid {holder or 'unknown'}) is writing it; wait for it "
        f"to finish, or write elsewhere (lock file {path})"
    )


@contextlib.contextmanager
def hold_lock(path: str | Path, what: str) -> Iterator[None]:
    """Hold the lock file ``path`` for the writing of ``what`` (named in the error).

    Raises
    ------
    InputError
        Another process holds it (the message names its PID), or the lock file
        cannot be created.
    """
    path = Path(path)
    if fcntl is None:  # pragma: no cover - not POSIX
        yield
        return
    fd = _acquire(path, what)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)  # while held: whoever opened it meanwhile finds it gone, retries
        os.close(fd)


def _not_a_file(path: Path, what: str) -> InputError:
    return InputError(
        f"{what}: the lock file {path} is a symbolic link, folder, pipe or device, not a "
        "regular file; it is left untouched: remove it (or write elsewhere) and run again"
    )


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def _acquire(path: Path, what: str) -> int:
    # O_NOFOLLOW: a link planted after the check below is not followed either (ELOOP).
    flags = (
        os.O_RDWR
        | os.O_CREAT
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)  # a pipe put there must not hang the open
    )
    while True:
        before = _lstat(path)
        if before is not None and not stat.S_ISREG(before.st_mode):
            raise _not_a_file(path, what)
        try:
            fd = os.open(path, flags, 0o666)
        except OSError as exc:
            after = _lstat(path)  # planted meanwhile (ELOOP)
            if after is not None and not stat.S_ISREG(after.st_mode):
                raise _not_a_file(path, what) from None
            raise InputError(f"{what}: cannot write in {path.parent} ({exc.strerror})") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise _not_a_file(path, what)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            raise _busy(path, what, holder) from None
        try:
            same = os.path.samestat(os.fstat(fd), os.lstat(path))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # the holder removed it as we opened it: lock the new one
