"""Engines that run the batch pipeline over many chunks, one signature, picked by name.

Every engine is ``engine(context, items, *, jobs=None, progress=False,
total_bytes=0, ...)`` and yields :class:`~matcher.batch.pipeline.ChunkResult`
in input order: ``"local"`` on threads of this process, ``"dask"`` on a Dask
cluster. Importing this package does not import Dask.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from matcher.batch.pipeline import BatchContext, ChunkResult
from matcher.io.survey.chunks import Chunk
from matcher.io.survey.parsed import ParsedChunk
from matcher.validation import check_choice

from .dask import run_dask
from .local import run_local

__all__ = ["ENGINES", "run"]

#: Engine by name.
ENGINES = {"local": run_local, "dask": run_dask}


def run(
    engine: str,
    context: BatchContext,
    items: Iterable[Chunk | ParsedChunk],
    *,
    jobs: int | None = None,
    progress: bool = False,
    total_bytes: int = 0,
    scheduler: str | None = None,
) -> Iterator[ChunkResult]:
    """Run the engine named ``engine``; ``scheduler`` is the Dask scheduler's address (Dask only).

    Raises
    ------
    InputError
        An engine that does not exist.
    """
    check_choice("engine", engine, ENGINES)
    extra = {"scheduler": scheduler} if engine == "dask" else {}
    return ENGINES[engine](
        context, items, jobs=jobs, progress=progress, total_bytes=total_bytes, **extra
    )
