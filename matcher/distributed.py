"""The Dask engine: the same block scoring as the local engine, on a Dask cluster.

The client reads each survey's header and cuts every file into blocks of
whole records (one sequential pass over the bytes: quote parity, no
parsing). Each block becomes one partition of a ``dask.dataframe`` built with
``from_map``; a worker reads its block's bytes, parses, checks and scores it
with :func:`matcher.batch.process_block` and returns the partition as a
pandas frame. The client takes the partitions back in input order (a bounded
number in flight), removes duplicate respondent ids exactly as the local
engine does and writes the output. So both engines give identical rows.

Workers must be able to read the survey files at the paths the client sees
(a shared file system) and must have matcher installed.
"""

from __future__ import annotations

import pickle
from collections import deque
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from .batch import BatchContext, BlockResult, process_block
from .errors import InputError
from .survey import Block, iter_blocks

__all__ = ["connect", "run_dask", "survey_partitions"]

#: Columns of a partition frame: one row per block result, the result pickled.
#: Scored rows stay numpy arrays inside, so the round trip is exact.
PARTITION_META = pd.DataFrame(
    {"file_index": pd.Series([], dtype=np.int64), "payload": pd.Series([], dtype=object)}
)


class _ScoreBlock:
    """The function of each partition (a class so the context is shipped once per task)."""

    def __init__(self, context: BatchContext) -> None:
        self.context = context

    def __call__(self, block: Block) -> pd.DataFrame:
        results = process_block(block, self.context)
        return pd.DataFrame(
            {
                "file_index": np.full(len(results), block.file_index, np.int64),
                "payload": [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results],
            }
        )


def plan_blocks(context: BatchContext) -> list[Block]:
    """Every block of every file, as offsets (the workers read the bytes)."""
    return [
        block
        for index, layout in enumerate(context.layouts)
        for block in iter_blocks(layout, file_index=index, with_data=False)
    ]


def survey_partitions(context: BatchContext):
    """A lazy ``dask.dataframe`` with one partition per block of the survey files.

    Each partition holds the block's results (see :class:`matcher.batch.BlockResult`),
    pickled, in column ``payload``; :func:`run_dask` turns them into output rows.
    """
    import dask
    import dask.dataframe as dd

    blocks = plan_blocks(context)
    if not blocks:
        return None, blocks
    # The payload is bytes: keep it an object column (no conversion to strings).
    with dask.config.set({"dataframe.convert-string": False}):
        frame = dd.from_map(
            _ScoreBlock(context),
            blocks,
            meta=PARTITION_META,
            enforce_metadata=False,
            label="matcher-score",
        )
    return frame, blocks


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


def run_dask(
    context: BatchContext,
    *,
    scheduler: str | None = None,
    client: Any = None,
    progress: bool = False,
    jobs: int | None = None,
    window: int | None = None,
) -> Iterator[BlockResult]:
    """Block results in input order, computed on a Dask cluster.

    Give an existing ``client``, or a ``scheduler`` address, or neither for a
    local cluster (one worker process per core) that is closed at the end.
    ``window`` bounds the partitions in flight (default: twice the workers' threads).
    """
    import dask

    from .batch import _progress_bar

    frame, _ = survey_partitions(context)
    if frame is None:
        return
    own_cluster = None
    if client is None:
        client, own_cluster = connect(scheduler, jobs)
        own_client = client
    else:
        own_client = None
    bar = _progress_bar(progress, sum(layout.size for layout in context.layouts))
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
                result: BlockResult = pickle.loads(payload)
                bar.update(result.size)
                yield result
    finally:
        bar.close()
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
