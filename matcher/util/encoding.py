"""What a text file that is not UTF-8 most likely is, for an error that says how to fix it."""

from __future__ import annotations

__all__ = ["looks_utf16"]


def looks_utf16(head: bytes) -> bool:
    """Whether a file starting with ``head`` is UTF-16 text: an editor's or Excel's
    "Unicode" often is. Its byte order mark gives it away, or, without one, a NUL byte
    among the first characters (which text in UTF-8 does not have)."""
    return head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]
