"""The Dask engine gives exactly the rows of the local engine, on a LocalCluster."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from test_batch import make_survey

from matcher import score_survey, write_batch

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(
            host="127.0.0.1",
            protocol="tcp",
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            dashboard_address=None,
        )
    yield cluster
    cluster.close()


def both(source, model, cluster, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        local = score_survey(source, model=model, **kwargs)
        remote = score_survey(
            source, model=model, engine="dask", scheduler=cluster.scheduler_address, **kwargs
        )
    return local, remote


def test_dask_engine_matches_the_local_engine(tmp_path, fixture_model, cluster, monkeypatch):
    monkeypatch.setattr("matcher.io.survey.chunks.CHUNK_SIZE", 4096)  # many partitions
    extra = "r003,1,1,1,1,1,1,1,1,\nbad,9,,,,,,,,\n"
    path = make_survey(tmp_path / "s.csv", fixture_model, n=400, extra_rows=extra)
    local, remote = both(path, fixture_model, cluster, top_k=3)
    pd.testing.assert_frame_equal(local, remote)
    pd.testing.assert_frame_equal(local.attrs["rejects"], remote.attrs["rejects"])
    assert local.attrs["summary"]["rows_read"] == remote.attrs["summary"]["rows_read"] == 402
    assert remote.attrs["summary"]["duplicates"] == 1


def test_dask_engine_over_a_glob_of_files(tmp_path, fixture_model, cluster):
    make_survey(tmp_path / "part-1.csv", fixture_model, n=60, seed=1)
    make_survey(tmp_path / "part-2.csv", fixture_model, n=50, seed=2)  # ids repeat part-1's
    stray = tmp_path / "part-3.csv"
    make_survey(stray, fixture_model, n=30, seed=3)
    stray.write_text(stray.read_text().replace("r010,", 'x5"10,', 1))  # a quote inside a field
    local, remote = both(str(tmp_path / "part-*.csv"), fixture_model, cluster, top_k=2)
    pd.testing.assert_frame_equal(local, remote)
    pd.testing.assert_frame_equal(local.attrs["rejects"], remote.attrs["rejects"])
    assert 'x5"10' in set(local["respondent_id"])
    assert local.attrs["summary"]["duplicates"] == 50 + 29


def test_dask_engine_writes_the_same_files(tmp_path, fixture_model, cluster):
    path = make_survey(tmp_path / "s.csv", fixture_model, n=80)
    write_batch(path, tmp_path / "local.csv", model=fixture_model)
    write_batch(
        path,
        tmp_path / "dask.csv",
        model=fixture_model,
        engine="dask",
        scheduler=cluster.scheduler_address,
    )
    assert (tmp_path / "local.csv").read_bytes() == (tmp_path / "dask.csv").read_bytes()
    assert (tmp_path / "local.rejects.csv").read_bytes() == (
        tmp_path / "dask.rejects.csv"
    ).read_bytes()
