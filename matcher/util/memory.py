"""Memory settings of a process that runs a batch."""

from __future__ import annotations

__all__ = ["keep_freed_memory"]

#: glibc's mallopt parameters: the memory a heap keeps at its top when trimmed, and the size
#: from which a block is mapped on its own (and unmapped when freed).
_M_TOP_PAD = -2
_M_MMAP_THRESHOLD = -3
#: glibc's largest mapping threshold (64-bit): blocks up to this size come from the heaps.
_MMAP_MAX = 32 << 20


def keep_freed_memory(pad: int = 256 << 20) -> bool:
    """Ask the C allocator to keep up to ``pad`` bytes of freed memory for reuse.

    Every chunk allocates and frees arrays of megabytes on each thread. By
    default glibc returns that memory to the kernel and faults it back in page
    by page for the next chunk: half a million page faults per million
    respondents, a tenth of the run. With a top pad the heaps keep it; peak
    memory does not change. For a process that runs a batch and exits (the
    CLI, a Dask worker); a no-op where the C library is not glibc. Returns whether it applied.

    Setting the pad turns off glibc's sliding threshold for mapping large blocks on their own
    (it stays at 128 kB), which would map and unmap every array above that size and fault
    it in again each time; so the threshold is set too, to glibc's largest.
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(_M_TOP_PAD, int(pad))) and bool(
            libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_MAX)
        )
    except (OSError, AttributeError, TypeError):
        return False
