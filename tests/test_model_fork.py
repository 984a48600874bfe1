"""A model loaded before a fork (the report writer's worker pool) reads its file right in every
process: forked processes share the file's offset, so a read must not depend on it."""

from __future__ import annotations

import multiprocessing
import sys

import pytest

from matcher import load_model

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or "fork" not in multiprocessing.get_all_start_methods(),
    reason="needs fork (workers that inherit the open model file)",
)

_MODEL = None


def _read_all(_: int) -> str:
    try:
        _MODEL.arrays.file.check()  # every member read and checked against its digest
    except Exception as exc:  # the test shows what went wrong
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def test_processes_forked_with_a_loaded_model_read_its_file_right(fixture_model, tmp_path):
    global _MODEL
    path = fixture_model.save(tmp_path / "shared.model")
    for attempt in range(3):
        _MODEL = load_model(path)  # opened before the fork, nothing read yet
        with multiprocessing.get_context("fork").Pool(4) as pool:
            results = pool.map(_read_all, range(16), chunksize=1)
        assert results == ["ok"] * 16, (attempt, sorted(set(results)))
