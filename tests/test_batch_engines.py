"""Engines, chunk sizes, threads and input forms give a batch the same rows."""

from __future__ import annotations

import csv
import warnings

import pandas as pd
import pytest
from helpers import make_survey, quiet_score

from matcher import score_survey
from matcher.batch import scorer as scorer_module
from matcher.errors import InputError
from matcher.io.survey import chunks as chunks_module
from matcher.io.survey.rejects import REJECT_COLUMNS


def test_chunk_sizes_threads_and_engines_give_identical_rows(
    tmp_path, fixture_model, monkeypatch, engine
):
    extra = "r003,1,1,1,1,1,1,1,1,\nbad,9,,,,,,,,\n"
    path = make_survey(tmp_path / "s.csv", fixture_model, n=300, seed=7, extra_rows=extra)
    reference = quiet_score(path, model=fixture_model, top_k=3, jobs=1)
    monkeypatch.setattr(chunks_module, "CHUNK_SIZE", 997)  # many chunks (Dask partitions)
    monkeypatch.setattr(scorer_module, "MIN_ROWS", 1)  # one respondent at a time
    monkeypatch.setattr(scorer_module, "CACHE_BYTES", 1)
    monkeypatch.setattr(scorer_module, "STEP_BYTES", 1)
    small = quiet_score(path, model=fixture_model, top_k=3, jobs=2, **engine)
    pd.testing.assert_frame_equal(reference, small)
    assert reference.attrs["rejects"] == small.attrs["rejects"]
    assert small.attrs["summary"]["rows_read"] == 302
    assert small.attrs["summary"]["duplicates"] == 1


def test_dataframe_input_gives_the_rows_of_the_file(tmp_path, fixture_model):
    path = make_survey(tmp_path / "s.csv", fixture_model, n=300, seed=7)
    reference = quiet_score(path, model=fixture_model, top_k=3)
    frame_input = quiet_score(pd.read_csv(path, dtype=str), model=fixture_model, top_k=3)
    pd.testing.assert_frame_equal(reference, frame_input)
    assert frame_input.attrs["summary"]["files"] == []  # a DataFrame is no file (it was [""])
    with pytest.raises(InputError, match="the dask engine reads survey files"):
        quiet_score(pd.read_csv(path, dtype=str), model=fixture_model, engine="dask")


def test_quoted_and_semicolon_exports_score_like_plain_ones(tmp_path, fixture_model):
    plain = make_survey(tmp_path / "plain.csv", fixture_model, n=50, seed=9)
    frame = pd.read_csv(plain, dtype=str, keep_default_na=False)
    quoted = tmp_path / "quoted.csv"
    frame.to_csv(quoted, index=False, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    semicolon = tmp_path / "semicolon.csv"
    semicolon.write_bytes(
        b"\xef\xbb\xbf" + frame.to_csv(index=False, sep=";", lineterminator="\r\n").encode()
    )
    reference = quiet_score(plain, model=fixture_model, top_k=3)
    for other in (quoted, semicolon):
        pd.testing.assert_frame_equal(reference, quiet_score(other, model=fixture_model, top_k=3))


def test_results_concatenate_like_any_frame(tmp_path, fixture_model):
    """pandas compares ``attrs`` when it concatenates: with the rejects as a DataFrame there,
    ``pd.concat`` of two results, or of two columns of one, raised "the truth value of a
    DataFrame is ambiguous"."""
    first = quiet_score(
        make_survey(tmp_path / "a.csv", fixture_model, n=6, seed=1), model=fixture_model, top_k=2
    )
    second = quiet_score(
        make_survey(tmp_path / "b.csv", fixture_model, n=6, seed=2), model=fixture_model, top_k=2
    )
    both = pd.concat([first, second], ignore_index=True)
    assert len(both) == len(first) + len(second)
    assert len(pd.concat([first["gap_1"], first["gap_2"]])) == 2 * len(first)
    assert first.attrs["rejects"].to_pandas().columns.tolist() == list(REJECT_COLUMNS)


def test_results_write_to_parquet_and_read_back_with_their_rejects(tmp_path, fixture_model):
    """pandas writes ``attrs`` into Parquet as JSON: with the rejects a pyarrow Table there,
    ``score_survey(...).to_parquet(...)`` raised TypeError, even for a result without rejects."""
    survey = make_survey(
        tmp_path / "s.csv", fixture_model, n=6, seed=1, extra_rows="r9,9,,,,,,,,\n"
    )
    result = quiet_score(survey, model=fixture_model, top_k=2)
    rejects = result.attrs["rejects"].to_pandas()
    assert rejects["respondent_id"].tolist() == ["r9"] and rejects["value"].tolist() == ["9"]
    for frame in (
        result,
        quiet_score(make_survey(tmp_path / "ok.csv", fixture_model, n=3), model=fixture_model),
    ):
        frame.to_parquet(tmp_path / "out.parquet")
        back = pd.read_parquet(tmp_path / "out.parquet")
        pd.testing.assert_frame_equal(back, frame)
        assert back.attrs["summary"] == frame.attrs["summary"]
        pd.testing.assert_frame_equal(
            pd.DataFrame(back.attrs["rejects"]),
            frame.attrs["rejects"].to_pandas(),
            check_dtype=False,
        )
    both = pd.concat([result, result], ignore_index=True)  # attrs compared: still concatenates
    pd.testing.assert_frame_equal(both.attrs["rejects"].to_pandas(), rejects)


def test_a_scheduler_without_the_dask_engine_is_refused(tmp_path, fixture_model):
    survey = tmp_path / "s.csv"
    survey.write_text("respondent_id,skill:Nursing Care\nr1,4\n")
    with pytest.raises(InputError, match=r"scheduler is for engine='dask'.*engine='local'"):
        score_survey(survey, model=fixture_model, scheduler="tcp://127.0.0.1:8786")


def test_a_cluster_reads_the_survey_named_here_not_one_of_that_name_in_its_folder(
    tmp_path, fixture_model, monkeypatch
):
    # A worker's working folder is its own: a relative "s.csv" named another survey there,
    # whose rows were scored as this one's (with an external scheduler).
    distributed = pytest.importorskip("distributed")
    elsewhere, here = tmp_path / "workers", tmp_path / "here"
    elsewhere.mkdir(), here.mkdir()
    make_survey(elsewhere / "s.csv", fixture_model, n=30, seed=1)
    make_survey(here / "s.csv", fixture_model, n=20, seed=2)
    monkeypatch.chdir(elsewhere)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        )
    try:
        monkeypatch.chdir(here)
        options = {"engine": "dask", "scheduler": cluster.scheduler_address}
        scored = quiet_score("s.csv", model=fixture_model, top_k=1, **options)
        expected = quiet_score("s.csv", model=fixture_model, top_k=1, engine="local")
        pd.testing.assert_frame_equal(scored, expected)
        with pytest.raises(InputError, match=r"--scheduler 'nonsense'"):
            quiet_score("s.csv", model=fixture_model, engine="dask", scheduler="nonsense")
    finally:
        cluster.close()


def test_keep_freed_memory_applies_on_glibc():
    import platform

    from matcher.batch.run import keep_freed_memory

    applied = keep_freed_memory(64 << 20)
    assert isinstance(applied, bool)
    if platform.libc_ver()[0] == "glibc":
        assert applied


def test_many_rejects_keep_the_parquet_file_small_and_readable(tmp_path, fixture_model):
    """Every reject went into ``attrs`` as JSON, which ``to_parquet`` writes into the file's
    metadata: 100,000 rejects made a result of 0 rows a 28 MB file, a million one that pandas
    could not open again. The cells hold the first REJECTS_KEPT; ``to_pandas()`` gives all."""
    from matcher.io.survey.rejects import REJECTS_KEPT

    n = 20_000
    frame = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(n)], "skill:Policy Planning": 9})
    result = quiet_score(frame, model=fixture_model, top_k=1)
    assert len(result) == 0
    everything = result.attrs["rejects"].to_pandas()
    assert len(everything) == n and everything["line"].tolist() == list(range(2, n + 2))
    summary = result.attrs["summary"]
    assert summary["reject_lines"] == n and summary["rejects_cut"] is True
    path = tmp_path / "out.parquet"
    result.to_parquet(path)
    assert path.stat().st_size < 400_000  # 20,000 rejects as JSON were about 1.2 MB
    back = pd.read_parquet(path)
    kept = pd.DataFrame(back.attrs["rejects"])
    assert len(kept) == REJECTS_KEPT < n
    pd.testing.assert_frame_equal(kept, everything.head(REJECTS_KEPT), check_dtype=False)
    assert back.attrs["summary"] == summary
    fewer = quiet_score(frame.head(n - 1), model=fixture_model, top_k=1)
    # the same first cells, other rejects after them: not the same attrs for pd.concat
    assert fewer.attrs["rejects"] != result.attrs["rejects"]
    assert pd.concat([result, result]).attrs["rejects"].table.num_rows == n
