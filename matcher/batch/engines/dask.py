"""The Dask engine: the same chunk scoring as the local engine, on a Dask cluster.

The client reads each survey's header and cuts every file into chunks of
whole records (one sequential pass over the bytes: quote parity, no parsing);
the chunks are shipped as offsets. Each chunk becomes one partition of a
``dask.dataframe`` built with ``from_map``; a worker reads its chunk's bytes,
parses, checks and scores it with :func:`matcher.batch.pipeline.process_chunk`
and returns the partition as a pandas frame. The client takes the partitions
back in input order (a bounded number in flight); the caller removes duplicate
respondent ids exactly as for the local engine and writes the output. So both
engines give identical rows.

Workers must be able to read the survey files at the paths the client sees
(a shared file system) and must have matcher installed. Importing this module
does not import Dask: a run does.
"""

from __future__ import annotations

import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from matcher.batch.pipeline import BatchContext, ChunkResult, process_chunk
from matcher.errors import InputError
from matcher.io.survey.chunks import Chunk
from matcher.io.survey.parsed import ParsedChunk
from matcher.util.progress import progress_bar
from matcher.validation import check_positive_int

__all__ = ["connect", "run_dask", "survey_partitions"]

#: Columns of a partition frame: one row per chunk result, the result pickled.
#: Scored rows stay numpy arrays inside, so the round trip is exact.
PARTITION_META = pd.DataFrame(
    {"file_index": pd.Series([], dtype=np.int64), "payload": pd.Series([], dtype=object)}
)


class _ScoreChunk:
    """The function of each partition (a class so the context is shipped once per task)."""

    def __init__(self, context: BatchContext) -> None:
        self.context = context

    def __call__(self, chunk: Chunk) -> pd.DataFrame:
        results = process_chunk(chunk, self.context)
        return pd.DataFrame(
            {
                "file_index": np.full(len(results), chunk.file_index, np.int64),
                "payload": [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results],
            }
        )


def survey_partitions(context: BatchContext, chunks: list[Chunk]):
    """A lazy ``dask.dataframe`` with one partition per chunk of the survey files.

    Each partition holds the chunk's results (see
    :class:`~matcher.batch.pipeline.ChunkResult`), pickled, in column
    ``payload``; :func:`run_dask` turns them back into results.
    """
    import dask
    import dask.dataframe as dd

    # The payload is bytes: keep it an object column (no conversion to strings).
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_map(
            _ScoreChunk(context),
            chunks,
            meta=PARTITION_META,
            enforce_metadata=False,
            label="matcher-score",
        )


def connect(scheduler: str | None, jobs: int | None = None):
    """A client of the cluster at ``scheduler`` (``tcp://host:8786``), or of a new local one."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    cluster = LocalCluster(
        n_workers=jobs or None,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
        processes=True,
    )
    return Client(cluster), cluster


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
    client: Any = None,
    window: int | None = None,
) -> Iterator[ChunkResult]:
    """Chunk results in input order, computed on a Dask cluster.

    The same signature as :func:`~matcher.batch.engines.local.run_local`, plus:
    give an existing ``client``, or a ``scheduler`` address, or neither for a
    local cluster of ``jobs`` worker processes (default: one per core) that is
    closed at the end. ``window`` bounds the partitions in flight (default:
    twice the workers' threads).
    """
    import dask

    if jobs is not None:
        jobs = check_positive_int("jobs", jobs)
    chunks = _offsets(items)
    if not chunks:
        return
    frame = survey_partitions(context, chunks)
    own_cluster = None
    if client is None:
        client, own_cluster = connect(scheduler, jobs)
        own_client = client
    else:
        own_client = None
    bar = progress_bar(
        total_bytes, enabled=progress, unit="B", unit_scale=True, desc="scoring", leave=False
    )
    try:
        threads = sum(client.nthreads().values()) or 1
        window = window or 2 * threads
        with dask.config.set({"dataframe.convert-string": False}):
            parts = frame.to_delayed()
        pending: deque = deque()
        next_part = 0
        while next_part < len(parts) or pending:
            while next_part < len(parts) and len(pending) < window:
                pending.append(client.compute(parts[next_part]))
                next_part += 1
            future = pending.popleft()
            partition = future.result()
            future.release()
            for payload in partition["payload"]:
                result: ChunkResult = pickle.loads(payload)
                bar.update(result.size)
                yield result
    finally:
        bar.close()
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
