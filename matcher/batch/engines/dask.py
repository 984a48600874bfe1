"""The Dask engine: the same chunk scoring as the local engine, on a Dask cluster.

The client reads each survey's header and cuts every file into chunks of
whole records (one sequential pass over the bytes: quote parity, no parsing);
the chunks are shipped as offsets. The scoring context (the model and the
survey layouts) is sent to every worker once, before the first chunk, and each
worker keeps the scorers it builds from it for the whole run. A worker reads
its chunk's bytes, parses, checks and scores it with
:func:`matcher.batch.pipeline.process_chunk`; the client takes the results
back in input order (a bounded number in flight); the caller removes duplicate
respondent ids exactly as for the local engine and writes the output. So both
engines give identical rows.

Workers run with the local engine's memory settings
(:func:`~matcher.util.memory.keep_freed_memory`): Dask's workers otherwise hand
freed memory back to the system at once, and fault it in again on every
chunk. Workers must be able to read the survey files at the paths the client
sees (a shared file system) and must have matcher installed. Importing this
module does not import Dask: a run does.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from matcher.batch.pipeline import BatchContext, ChunkResult, process_chunk
from matcher.errors import InputError
from matcher.io.survey.chunks import Chunk
from matcher.io.survey.parsed import ParsedChunk
from matcher.util.memory import keep_freed_memory
from matcher.util.progress import progress_bar
from matcher.validation import check_positive_int

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

__all__ = ["connect", "run_dask"]


def connect(scheduler: str | None, jobs: int | None = None) -> tuple[Client, LocalCluster | None]:
    """A client of the cluster at ``scheduler`` (``tcp://host:8786``), or of a new local one
    of ``jobs`` single-threaded worker processes (default: one per core)."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except ValueError as exc:  # "missing port number", "unknown address scheme"
            raise InputError(
                f"--scheduler {scheduler!r}: {exc}; give the scheduler's address, as "
                f"tcp://HOST:8786"
            ) from None
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with _without_sigint():
        cluster = LocalCluster(
            n_workers=jobs or None,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            processes=True,
            # its own cluster's logs are matcher's to keep: a Ctrl-C printed the scheduler's
            # and the nannies' warnings about cancelled tasks and workers killed on the way out
            silence_logs=logging.CRITICAL,
        )
        # ... and so are its event loop's: a Ctrl-C during the scatter printed the
        # scheduler's "Task exception was never retrieved" with a traceback
        cluster.loop.asyncio_loop.set_exception_handler(_unsaid)
        return Client(cluster), cluster


def _unsaid(loop: Any, context: dict[str, Any]) -> None:
    """An exception handler of the local cluster's event loop that prints nothing: what
    goes wrong in a task reaches the client through its future."""


@contextlib.contextmanager
def _without_sigint() -> Iterator[None]:
    """SIGINT held back from the threads started here, and so from the worker processes
    they start: a terminal's Ctrl-C goes to the whole process group, and each worker printed
    its traceback (its own KeyboardInterrupt) while this process unwound and closed the
    cluster. A Ctrl-C meanwhile waits, and stops the run when this thread takes it again."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    # multiprocessing starts its resource tracker with SIGINT blocked and then unblocks it
    # in the thread that asked: started here first, it leaves the cluster's threads alone
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _absolute(context: BatchContext) -> BatchContext:
    layouts = [dataclasses.replace(x, path=os.path.abspath(x.path)) for x in context.layouts]
    return dataclasses.replace(context, layouts=layouts)


def _offsets(items: Iterable[Chunk | ParsedChunk]) -> list[Chunk]:
    """The work items as chunks without their bytes (workers read their own)."""
    chunks = []
    for item in items:
        if not isinstance(item, Chunk):
            raise InputError("the dask engine reads survey files; give a path or a glob pattern")
        chunks.append(item.without_data())
    return chunks


def run_dask(
    context: BatchContext,
    items: Iterable[Chunk | ParsedChunk],
    *,
    jobs: int | None = None,
    progress: bool = False,
    total_bytes: int = 0,
    scheduler: str | None = None,
) -> Iterator[ChunkResult]:
    """Chunk results in input order, computed on a Dask cluster.

    The same signature as :func:`~matcher.batch.engines.local.run_local`, plus a
    ``scheduler`` address, or none for a local cluster of ``jobs`` worker processes
    (default: one per core) that is closed at the end. Twice the workers' threads of
    chunks are in flight at a time.
    """
    if jobs is not None:
        jobs = check_positive_int("jobs", jobs)
    chunks = _offsets(items)
    if not chunks:
        return
    client, own_cluster = connect(scheduler, jobs)
    bar = progress_bar(
        total_bytes, enabled=progress, unit="B", unit_scale=True, desc="scoring", leave=False
    )
    pending: deque = deque()
    try:
        client.run(keep_freed_memory)
        threads = sum(client.nthreads().values()) or 1
        window = 2 * threads
        # Once to every worker, not once per chunk: the model is megabytes. Survey paths as
        # absolute ones: a worker's working folder is its own, and "s1.csv" there is another
        # file (its rows were scored as this survey's).
        shared = client.scatter(_absolute(context), broadcast=True, hash=False)
        next_chunk = 0
        while next_chunk < len(chunks) or pending:
            while next_chunk < len(chunks) and len(pending) < window:
                pending.append(client.submit(process_chunk, chunks[next_chunk], shared, pure=False))
                next_chunk += 1
            future = pending.popleft()
            results: list[ChunkResult] = future.result()
            future.release()
            for result in results:
                bar.update(result.size)
                yield result
    finally:
        for future in pending:
            future.cancel()
        bar.close()
        client.close()
        if own_cluster is not None:
            own_cluster.close()
