"""What the model-file tests share: a profile, and a model file's parts read and rewritten
byte by byte. (No test file imports another.)"""

from __future__ import annotations

import json

from matcher.model import signing, store

PROFILE = {"skills": {"Policy Planning": 4, "Budget Management": 3}, "traits": {"Leadership": 4}}


def parts(path):
    """``(magic, header, data)`` of a model file."""
    blob = path.read_bytes()
    magic, rest = blob.split(b"\n", 1)
    line, data = rest.split(b"\n", 1)
    return magic + b"\n", json.loads(line), data


def rewrite(path, header, data, sign=False):
    """Write a model file with this header and data (re-signed with this user's key)."""
    if sign:
        header["signature"] = signing.sign(header)
    path.write_bytes(b"MATCHER-MODEL\n" + store.header_line(header) + data)


def member_span(path, name):
    """Absolute byte range of a member in the file."""
    magic, header, _ = parts(path)
    start = len(magic) + len(store.header_line(header))
    spec = header["members"][name]
    return start + spec["offset"], spec["size"]
