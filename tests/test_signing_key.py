"""The signing key is made once, whole, even when threads or processes save their first
model at the same moment: none of them fails, and all of them sign with the same key."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from matcher.model import signing

HEADER = {"format_version": 4, "members": {}}


def _signed_with(key: bytes) -> str:
    return hmac.new(key, signing._signed_bytes(HEADER), hashlib.sha256).hexdigest()


def test_a_key_made_elsewhere_at_the_same_moment_is_used_not_refused(monkeypatch):
    path = signing.key_path()
    theirs = bytes(range(32))
    make = secrets.token_bytes

    def another_process_links_its_key_first(n: int) -> bytes:
        if n == 32 and not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(theirs.hex())
        return make(n)

    monkeypatch.setattr(secrets, "token_bytes", another_process_links_its_key_first)
    assert signing.sign(HEADER) == _signed_with(theirs)  # was FileExistsError
    assert path.read_text() == theirs.hex()  # not replaced: models signed with it stay trusted
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_threads_making_the_first_key_at_once_all_sign_with_one_key(tmp_path, monkeypatch):
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch often: the race is tried at every step
    try:
        for trial in range(20):
            monkeypatch.setenv("MATCHER_HOME", str(tmp_path / str(trial)))
            barrier = threading.Barrier(8)

            def sign(_: int, barrier: threading.Barrier = barrier) -> str:
                barrier.wait()
                return signing.sign(HEADER)

            with ThreadPoolExecutor(8) as pool:
                signatures = set(pool.map(sign, range(8)))  # an error would be raised here
            key = bytes.fromhex(signing.key_path().read_text())
            assert signatures == {_signed_with(key)}, trial
    finally:
        sys.setswitchinterval(interval)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_key_is_readable_by_its_owner_only():
    signing.sign(HEADER)
    assert signing.key_path().stat().st_mode & 0o777 == 0o600


def test_a_file_system_without_hard_links_still_gets_a_key(monkeypatch):
    """FAT, exFAT and some network mounts refuse a hard link (EPERM): the key was linked into
    place only, so no model could be saved there."""
    import errno
    import os

    def refused(src, dst):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refused)
    signature = signing.sign(HEADER)
    path = signing.key_path()
    assert signature == _signed_with(bytes.fromhex(path.read_text()))
    assert signing.sign(HEADER) == signature  # read back, not made again
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert path.stat().st_mode & 0o777 == 0o600
