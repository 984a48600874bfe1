"""The local engine: chunks processed on a pool of threads, results in input order."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from matcher.batch.pipeline import BatchContext, ChunkResult, process_item
from matcher.io.survey.chunks import Chunk
from matcher.io.survey.parsed import ParsedChunk
from matcher.util.progress import default_workers, progress_bar
from matcher.validation import check_positive_int

__all__ = ["run_local"]


def run_local(
    context: BatchContext,
    items: Iterable[Chunk | ParsedChunk],
    *,
    jobs: int | None = None,
    progress: bool = False,
    total_bytes: int = 0,
) -> Iterator[ChunkResult]:
    """Chunk results in input order, computed on ``jobs`` threads (default: every CPU).

    ``items`` are the work items of :func:`~matcher.batch.pipeline.prepare`; at
    most two per thread are in flight, so memory stays bounded. ``progress``
    shows a bar of ``total_bytes``.
    """
    try:  # parallel over chunks, so BLAS runs single-threaded (threadpoolctl comes with sklearn)
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        from contextlib import nullcontext as threadpool_limits  # type: ignore[assignment]

    jobs = default_workers() if jobs is None else check_positive_int("jobs", jobs)
    bar = progress_bar(
        total_bytes, enabled=progress, unit="B", unit_scale=True, desc="scoring", leave=False
    )
    pending: deque[Future] = deque()
    try:
        with (
            threadpool_limits(1),
            ThreadPoolExecutor(jobs, thread_name_prefix="matcher-batch") as pool,
        ):
            iterator = iter(items)
            exhausted = False
            while True:
                while not exhausted and len(pending) < 2 * jobs:
                    try:
                        item = next(iterator)
                    except StopIteration:
                        exhausted = True
                        break
                    pending.append(pool.submit(process_item, item, context))
                if not pending:
                    break
                for result in pending.popleft().result():
                    bar.update(result.size)
                    yield result
    finally:
        for future in pending:
            future.cancel()
        bar.close()
