"""Batch scoring: agreement with recommend() and gaps, every row accounted for, outputs.

Tests that take the ``engine`` fixture run once per engine (local threads, and
Dask on an in-process cluster) and compare with a local single-thread run, so
the engines give identical rows, rejects and files.
"""

from __future__ import annotations

import csv
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from helpers import FIXTURES, make_survey, quiet_score

from matcher import (
    build_model,
    read_survey_assessments,
    recommend,
    score_survey,
    write_batch,
)
from matcher.batch import scorer as scorer_module
from matcher.batch.ids import IdRegistry
from matcher.cli import main
from matcher.core.gapmath import KEY_IMPORTANCE, estimated_ratings
from matcher.errors import InputError
from matcher.io.survey import chunks as chunks_module
from matcher.io.survey.rejects import REJECT_COLUMNS
from matcher.io.survey.template import write_template
from matcher.match.gaps import step_gaps

ONET_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "onet"


def test_rankings_and_scores_agree_with_recommend(tmp_path, fixture_model):
    path = make_survey(tmp_path / "s.csv", fixture_model, n=30)
    frame = quiet_score(path, model=fixture_model, top_k=4)
    profiles, _ = read_survey_assessments(path, fixture_model)
    assert frame["respondent_id"].nunique() == len(profiles) == 30
    for rid, person in profiles:
        rows = frame[frame.respondent_id == rid]
        recs = recommend(person, model=fixture_model, top_k=4)
        assert rows["rank"].tolist() == [1, 2, 3, 4]
        assert rows["score"].to_numpy() == pytest.approx(
            [r.score for r in recs], rel=1e-4, abs=1e-5
        )
        got, want = rows["occupation_id"].astype(str).tolist(), [r.occupation_id for r in recs]
        if got != want:  # only a near-tie in float32 may swap two neighbours
            scores = sorted(r.score for r in recs)
            assert min(np.diff(scores)) < 1e-5, (rid, got, want)


def test_top_gaps_are_the_gap_reports_first_items(tmp_path, fixture_model):
    model = fixture_model
    path = make_survey(tmp_path / "s.csv", model, n=25, seed=3)
    frame = quiet_score(path, model=model, top_k=6)
    profiles = dict(read_survey_assessments(path, model)[0])
    checked = 0
    for row in frame.itertuples():
        person = profiles[row.respondent_id]
        ratings = model.vectorizer.transform_ratings([person.ratings])[0]
        estimates = estimated_ratings(ratings[None, :], model.block_codes)[0]
        occupation = model.index_of(row.occupation_id)
        expected = step_gaps(model, occupation, ratings, estimates)[:3]
        got = [getattr(row, f"gap_{g}") for g in (1, 2, 3)]
        names = [f"{g.block}:{g.name}" for g in expected] + [None] * (3 - len(expected))
        assert [None if pd.isna(x) else x for x in got] == names
        for g, gap in enumerate(expected, start=1):
            # to the hundredth in the batch (a float32 difference: 1.9124999)
            assert getattr(row, f"gap_{g}_deficit") == pytest.approx(gap.deficit, abs=0.0051)
        checked += len(expected)
    assert checked > 50


def test_interests_are_never_gaps_in_a_batch():
    """As in ``matcher gaps``: an interest is fit, not a gap to close. On an O*NET model
    (where every occupation rates the six interests, Realistic the key one of some) a survey
    asking skills and interests got ``gap_1 = interest:Realistic`` with a deficit of 3.25 for a
    person who left it blank."""
    from matcher import import_onet

    model = import_onet(ONET_FIXTURE)
    skills = [name for block, name in model.feature_keys if block == "skill"]
    interests = [name for block, name in model.feature_keys if block == "interest"]
    rows = []
    for i in range(12):
        row = {"respondent_id": f"p{i}"}
        row.update({f"skill:{name}": (i + k) % 3 for k, name in enumerate(skills)})
        row.update({f"interest:{name}": np.nan for name in interests})  # asked, left blank
        row[f"interest:{interests[i % len(interests)]}"] = 1
        rows.append(row)
    frame = quiet_score(pd.DataFrame(rows), model=model, top_k=len(model.catalog))
    gaps = pd.concat([frame[f"gap_{g}"] for g in (1, 2, 3)]).dropna().astype(str)
    assert len(gaps) > 20  # low skill ratings: plenty of gaps
    assert not gaps.str.startswith("interest:").any(), gaps[gaps.str.startswith("interest:")]
    assert not gaps.str.startswith("trait:").any()  # O*NET's work styles are fit too
    deficits = frame[[f"gap_{g}_deficit" for g in (1, 2, 3)]].to_numpy().ravel()
    deficits = deficits[~np.isnan(deficits)]
    assert np.allclose(deficits, np.round(deficits, 2), atol=1e-6)


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
    assert first.attrs["rejects"].column_names == list(REJECT_COLUMNS)


def test_a_duplicate_of_a_rejected_row_does_not_say_it_was_scored(tmp_path, fixture_model, capsys):
    path = make_survey(tmp_path / "s.csv", fixture_model, n=4, seed=1)
    lines = path.read_text().splitlines()
    header, first = lines[0].split(","), lines[1].split(",")
    bad = list(first)
    bad[header.index(next(c for c in header if ":" in c))] = "9"  # outside 0-5
    path.write_text("\n".join([lines[0], ",".join(bad), *lines[2:], ",".join(first)]) + "\n")
    frame = quiet_score(path, model=fixture_model, top_k=1)
    rejects = frame.attrs["rejects"].to_pandas()
    assert first[0] not in set(frame["respondent_id"])  # neither row of that id is scored
    reason = rejects.loc[rejects["column"] == header[0], "reason"].iloc[0]
    assert reason.startswith("duplicate of line 2") and "scored" not in reason
    # nor does the summary ("2 duplicate respondent ids (first occurrence scored)")
    from matcher.cli import main

    model_path = fixture_model.save(tmp_path / "m.model")
    main(["batch", str(path), "-o", str(tmp_path / "out.csv"), "--model", str(model_path)])
    said = capsys.readouterr()
    summary = " ".join((said.out + said.err).split())
    assert "1 duplicate respondent id (only the first row of each id counts)" in summary
    assert "scored)" not in summary


def test_a_row_with_the_wrong_number_of_fields_keeps_its_id_in_the_rejects(
    tmp_path, fixture_model, engine
):
    """An adviser follows a reject up by the person's id: a short or long row had none."""
    path = tmp_path / "s.csv"
    long_id = "x" * 70  # cut off in the shown text: no id rather than a part of one
    path.write_text(
        "respondent_id,skill:Office Administration,skill:Policy Planning\n"
        'a1,3,4\na6,3\n"a7,x",2,3,4\n' + long_id + ",1,2,3\n"
    )
    frame = quiet_score(path, model=fixture_model, top_k=1, **engine)
    rejects = frame.attrs["rejects"].to_pandas().set_index("line")
    assert list(frame["respondent_id"].unique()) == ["a1"]
    assert rejects.loc[3, "respondent_id"] == "a6" and rejects.loc[4, "respondent_id"] == "a7,x"
    assert rejects.loc[5, "respondent_id"] == ""


def test_a_survey_without_trait_columns_gets_its_gaps(tmp_path, fixture_model, engine):
    """Issue 11: a skills-only questionnaire crashed the gap code (IndexError)."""
    model = fixture_model
    rows = "".join(f"s{i},{i % 6},{(i * 7) % 6},Mayor of a Small Town\n" for i in range(20))
    path = tmp_path / "skills.csv"
    path.write_text(
        "respondent_id,skill:Office Administration,skill:Policy Planning,target_job\n" + rows
    )
    frame = quiet_score(path, model=model, top_k=3, **engine)
    assert frame.attrs["summary"]["scored"] == 20 and len(frame) == 60
    profiles = dict(read_survey_assessments(path, model)[0])
    for row in frame.itertuples():
        ratings = model.vectorizer.transform_ratings([profiles[row.respondent_id].ratings])[0]
        estimates = estimated_ratings(ratings[None, :], model.block_codes)[0]
        expected = step_gaps(model, model.index_of(row.occupation_id), ratings, estimates)[:3]
        got = [getattr(row, f"gap_{g}") for g in (1, 2, 3)]
        assert [x for x in got if not pd.isna(x)] == [f"{g.block}:{g.name}" for g in expected]
    assert frame["target_gap_1"].notna().any()


def test_target_columns(tmp_path, fixture_model):
    model = fixture_model
    path = make_survey(tmp_path / "s.csv", model, n=30, seed=5)
    frame = quiet_score(path, model=model, top_k=2)
    profiles = dict(read_survey_assessments(path, model)[0])
    with_target = frame.dropna(subset=["target_id"]).drop_duplicates("respondent_id")
    assert 5 < len(with_target) < 30
    for row in with_target.itertuples():
        recs = recommend(profiles[row.respondent_id], model=model, top_k=len(model.catalog))
        position = [r.occupation_id for r in recs].index(row.target_id)
        assert abs(row.target_rank - (position + 1)) <= 1  # float32 near-ties only
        assert row.target_score == pytest.approx(recs[position].score, rel=1e-4, abs=1e-5)
    without = frame[frame.target_id.isna()]
    assert without["target_rank"].isna().all() and without["target_gap_1"].isna().all()


def test_every_row_is_scored_or_rejected(tmp_path, fixture_model, engine):
    bad = (
        "r000,1,1,1,1,1,1,1,1,\n"  # duplicate of the first row
        "bad1,9,,,,,,,,\n"
        ",3,,,,,,,,\n"
        "bad2,,,,,,,,,\n"
        "bad3,2,,,,,,,,Astronaut\n"
        "\n"
        "bad4,1,2\n"
    )
    path = make_survey(tmp_path / "s.csv", fixture_model, n=20, extra_rows=bad)
    with pytest.warns(UserWarning, match="rejected"):
        frame = score_survey(path, model=fixture_model, top_k=3, **engine)
    summary, rejects = frame.attrs["summary"], frame.attrs["rejects"].to_pandas()
    assert summary["rows_read"] == 26 == summary["scored"] + summary["rejected"]
    assert summary["scored"] == 20 and summary["duplicates"] == 1 and summary["blank_lines"] == 1
    assert len(frame) == 20 * 3
    reasons = dict(zip(rejects["line"], rejects["reason"], strict=True))
    assert reasons[22].startswith("duplicate of line 2")
    assert reasons[23] == "outside 0-5"
    assert reasons[24] == "no respondent id"
    assert reasons[25].startswith("no ratings")
    assert "no occupation is called 'Astronaut'" in reasons[26]
    assert reasons[28].startswith("3 fields")


def test_the_batch_and_the_small_survey_reader_reject_alike(tmp_path, fixture_model, engine):
    """One duplicate-id rule and one reject record: score_survey (any engine, through the id
    registry) and read_survey_assessments give identical rejects for the same files."""
    extra = (
        "r001,9,,,,,,,,\n"  # a duplicate that is also invalid
        "dup,2,,,,,,,,\n"
        "dup,3,,,,,,,,\n"
        ",4,,,,,,,,\n"
        "r7,1,2\n"
    )
    make_survey(tmp_path / "a.csv", fixture_model, n=30, seed=4, extra_rows=extra)
    make_survey(tmp_path / "b.csv", fixture_model, n=12, seed=5)  # every id repeats a.csv's
    source = str(tmp_path / "*.csv")
    frame = quiet_score(source, model=fixture_model, top_k=2, **engine)
    people, rejects = read_survey_assessments(source, fixture_model)
    pd.testing.assert_frame_equal(frame.attrs["rejects"].to_pandas(), rejects, check_dtype=False)
    assert list(dict.fromkeys(frame["respondent_id"])) == [i for i, _ in people]
    reasons = rejects["reason"].tolist()
    assert sum(r.startswith("duplicate of line") for r in reasons) == 2
    assert sum(r.startswith(f"duplicate of {tmp_path / 'a.csv'} line") for r in reasons) == 12


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
    assert reference.attrs["rejects"].equals(small.attrs["rejects"])
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


def test_outputs_are_written_atomically_and_neutralised(tmp_path, fixture_model, engine):
    extra = "=HYPERLINK(1),2,,,,,,,,\n+bad,9,,,,,,,,\n"
    path = make_survey(tmp_path / "s.csv", fixture_model, n=10, extra_rows=extra)
    # (two outputs of one stem in one folder would share a manifest: refused, so apart)
    out_csv, out_pq = tmp_path / "o" / "out.csv", tmp_path / "p" / "out.parquet"
    summary = write_batch(path, out_csv, model=fixture_model, top_k=2, **engine)
    assert summary["rows_read"] == 12 and summary["rejects"].endswith("out.rejects.csv")
    with out_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    ids = {r["respondent_id"] for r in rows}
    assert "'=HYPERLINK(1)" in ids and "=HYPERLINK(1)" not in ids
    with (tmp_path / "o" / "out.rejects.csv").open(encoding="utf-8", newline="") as handle:
        rejects = list(csv.DictReader(handle))
    assert [r["respondent_id"] for r in rejects] == ["'+bad"]
    write_batch(path, out_pq, model=fixture_model, top_k=2, **engine)
    table = pq.read_table(out_pq).to_pandas()
    assert "=HYPERLINK(1)" in set(table["respondent_id"])  # Parquet keeps the data as it is
    assert len(table) == len(rows) == 22
    # Byte for byte the files of a local single-thread run.
    write_batch(path, tmp_path / "ref" / "out.csv", model=fixture_model, top_k=2, jobs=1)
    assert (tmp_path / "ref" / "out.csv").read_bytes() == out_csv.read_bytes()
    assert (tmp_path / "ref" / "out.rejects.csv").read_bytes() == (
        tmp_path / "o" / "out.rejects.csv"
    ).read_bytes()
    # A failed run leaves the previous output untouched and no temporary files.
    before = out_csv.read_bytes()
    (tmp_path / "bad.csv").write_text("who,skill:Office Administration\nx,3\n")
    with pytest.raises(Exception, match="respondent_id"):
        write_batch(tmp_path / "bad.csv", out_csv, model=fixture_model, **engine)
    assert out_csv.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == [
        "out.csv",
        "out.manifest.json",
        "out.rejects.csv",
    ]


def test_a_nul_byte_never_reaches_a_csv_output(tmp_path, fixture_model):
    # many CSV readers end a string at NUL, hiding the rest of the row
    extra = "r\x0099,2,,,,,,,,\nbad,2\x00,,,,,,,,\n"
    path = make_survey(tmp_path / "s.csv", fixture_model, n=3, extra_rows=extra)
    write_batch(path, tmp_path / "o.csv", model=fixture_model, top_k=1, jobs=1)
    output = (tmp_path / "o.csv").read_text(encoding="utf-8")
    rejects = (tmp_path / "o.rejects.csv").read_text(encoding="utf-8")
    assert "\x00" not in output + rejects
    # a NUL in an id rejects the row, shown escaped; in a rating cell it is no number
    assert "r\\x0099" in rejects and "r\ufffd99" not in output and "2\ufffd" in rejects


def test_whole_float_ids_of_a_dataframe_are_the_integers_they_stand_for(fixture_model):
    # pandas reads integer ids as floats when one is blank: 1.0 must join back to 1
    frame = pd.DataFrame({"respondent_id": [1.0, 2.0, np.nan], "Leadership": [4, 3, 2]})
    scored = quiet_score(frame, model=fixture_model, top_k=1)
    assert scored["respondent_id"].tolist() == ["1", "2"]
    mixed = pd.DataFrame(
        {"respondent_id": pd.Series([1, 1.0, "1", 1.5], dtype=object), "Leadership": [4, 3, 2, 1]}
    )
    scored = quiet_score(mixed, model=fixture_model, top_k=1)
    assert scored["respondent_id"].tolist() == ["1", "1.5"]  # 1.0 and "1" are duplicates of 1


def test_duplicates_across_files_and_globs(tmp_path, fixture_model, engine):
    make_survey(tmp_path / "a.csv", fixture_model, n=5, target=False)
    make_survey(tmp_path / "b.csv", fixture_model, n=3, seed=1, target=False)
    frame = quiet_score(str(tmp_path / "*.csv"), model=fixture_model, top_k=1, **engine)
    assert frame["respondent_id"].tolist() == ["r000", "r001", "r002", "r003", "r004"]
    rejects = frame.attrs["rejects"].to_pandas()
    assert rejects["reason"].str.contains(r"duplicate of .*a\.csv line", regex=True).sum() == 3
    assert "target_id" not in frame.columns


def test_a_stray_quote_in_one_file_of_a_glob(tmp_path, fixture_model, engine):
    make_survey(tmp_path / "part-1.csv", fixture_model, n=60, seed=1)
    make_survey(tmp_path / "part-2.csv", fixture_model, n=50, seed=2)  # ids repeat part-1's
    stray = tmp_path / "part-3.csv"
    make_survey(stray, fixture_model, n=30, seed=3)
    stray.write_text(stray.read_text().replace("r010,", 'x5"10,', 1))  # a quote inside a field
    source = str(tmp_path / "part-*.csv")
    reference = quiet_score(source, model=fixture_model, top_k=2, jobs=1)
    frame = quiet_score(source, model=fixture_model, top_k=2, **engine)
    pd.testing.assert_frame_equal(reference, frame)
    assert reference.attrs["rejects"].equals(frame.attrs["rejects"])
    assert 'x5"10' in set(frame["respondent_id"])
    assert frame.attrs["summary"]["duplicates"] == 50 + 29


def test_an_unclosed_quote_rejects_one_row_in_the_cli(tmp_path, fixture_model, capsys, monkeypatch):
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: fixture_model)
    survey = tmp_path / "s.csv"
    rows = "".join(f"r{i},3\n" for i in range(3, 10_001))
    survey.write_text('respondent_id,skill:Office Administration\nr1,3\nr2,"4\n' + rows)
    assert main(["batch", str(survey), "-o", str(tmp_path / "out.csv"), "--top", "1"]) == 1
    out = capsys.readouterr().out
    assert "10,000 rows read = 9,999 scored + 1 rejected" in out
    with (tmp_path / "out.rejects.csv").open(encoding="utf-8", newline="") as handle:
        rejects = list(csv.DictReader(handle))
    assert [(r["line"], r["value"]) for r in rejects] == [("3", 'r2,"4')]
    assert rejects[0]["reason"].startswith("unterminated quoted field")


def test_id_registry_finds_first_occurrences():
    registry = IdRegistry()
    first = registry.first_seen(["a", "b", "a", "c"], np.array([1, 2, 3, 4]))
    assert first.tolist() == [-1, -1, 1, -1]
    second = registry.first_seen(["c", "d", "d", "b"], np.array([5, 6, 7, 8]))
    assert second.tolist() == [4, -1, 6, 2]
    many = [f"id{i}" for i in range(5000)]
    for start in range(0, 5000, 100):
        assert (registry.first_seen(many[start : start + 100], np.arange(100) + 10) < 0).all()
    # Fifty runs merged along the way: every id still maps to its own first line.
    again = registry.first_seen(many[::7], np.zeros(len(many[::7]), np.int64))
    assert again.tolist() == [10 + i % 100 for i in range(0, 5000, 7)]


def test_cli_batch_and_template(tmp_path, fixture_model, capsys, monkeypatch):
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: fixture_model)
    template = tmp_path / "template.csv"
    assert main(["survey-template", "-o", str(template)]) == 0
    header = template.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:3] == ["respondent_id", "current_job", "target_job"]
    # the example row left in is a reject saying so (scored, it read as a respondent)
    assert main(["batch", str(template), "-o", str(tmp_path / "t.parquet")]) == 1
    assert "the survey template's example row" in (tmp_path / "t.rejects.csv").read_text("utf-8")
    assert main(["survey-template", "--no-example", "-o", str(template)]) == 0
    assert main(["batch", str(template), "-o", str(tmp_path / "t.parquet")]) == 0
    good = make_survey(tmp_path / "s.csv", fixture_model, n=8)
    assert main(["batch", str(good), "-o", str(tmp_path / "s.parquet"), "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "8 rows read = 8 scored + 0 rejected" in out
    bad = make_survey(tmp_path / "b.csv", fixture_model, n=4, extra_rows="x,9,,,,,,,,\n")
    assert main(["batch", str(bad), "-o", str(tmp_path / "b.csv.out.csv")]) == 1
    (tmp_path / "noid.csv").write_text("id;skill:Office Administration\n1;2\n")
    assert main(["batch", str(tmp_path / "noid.csv"), "-o", str(tmp_path / "n.csv")]) == 2
    assert "no 'respondent_id' column" in capsys.readouterr().err
    assert main(["batch", str(good), "-o", str(tmp_path / "s.xlsx")]) == 2


def test_the_template_neutralises_titles_a_spreadsheet_would_run_and_batch_reads_them_back(
    tmp_path, capsys
):
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    for document in catalog.iterdir():  # every title: the example row shows two of them
        title, rest = document.read_text(encoding="utf-8").split("\n", 1)
        document.write_text(f'=HYPERLINK("http://x.example","{title}")\n{rest}', "utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # related jobs named by their old titles
        model = build_model(catalog)
    template = tmp_path / "template.csv"
    write_template(template, model)
    with template.open(encoding="utf-8", newline="") as handle:
        _header, example = list(csv.reader(handle))
    assert example[1].startswith("'=HYPERLINK(") and example[2].startswith("'=HYPERLINK(")
    # A row that copies the example's jobs (the ' left in) is scored against them.
    example[0] = "r1"
    with template.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(example)
    frame = quiet_score(template, model=model, top_k=1)
    assert frame.respondent_id.tolist() == ["r1"]
    assert model.resolve_occupation(example[2][1:]).id == frame.target_id[0]
    with pytest.raises(InputError, match="spreadsheet formula"):
        write_template(template, model, id_column="=id")


def test_batch_on_the_builtin_catalog(tmp_path, builtin_model):
    columns = [str(f) for f in builtin_model.vectorizer.feature_names_[::7]]
    rng = np.random.default_rng(11)
    lines = [",".join(["respondent_id", *columns])]
    for i in range(200):
        lines.append(",".join([f"b{i}", *(str(rng.integers(0, 6)) for _ in columns)]))
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n")
    frame = quiet_score(path, model=builtin_model)
    assert len(frame) == 200 * 10
    key = builtin_model.importance >= KEY_IMPORTANCE
    assert key.any()
    first = frame[frame.respondent_id == "b0"]
    profiles = dict(read_survey_assessments(path, builtin_model)[0])
    recs = recommend(profiles["b0"], model=builtin_model, top_k=10)
    assert first["score"].to_numpy() == pytest.approx([r.score for r in recs], rel=1e-4, abs=1e-5)


def _agree(batch, one, rows):
    """The log-likelihoods of ``rows`` agree, and so does the order of the best ten (up to
    float rounding between two equally likely occupations)."""
    assert batch[rows] == pytest.approx(one[rows], rel=1e-4, abs=1e-3)
    best = np.argsort(-batch, kind="stable")[:10]
    assert one[best] == pytest.approx(np.sort(one)[::-1][:10], abs=1e-4)


@pytest.mark.parametrize("catalog", ["builtin", "onet"])
def test_batch_ranks_by_the_likelihood_of_recommend(builtin_model, catalog, monkeypatch):
    """A survey's columns are its questionnaire: the batch's log-likelihoods are those of
    the one-person passes with the items asked being those columns, for every
    respondent, whatever the number scored at once, for a catalog that lists what each
    occupation needs and for one that rates every item (O*NET)."""
    from matcher import import_onet
    from matcher.batch.scorer import BatchScorer
    from matcher.core.likelihood import evaluate_many, evaluate_one

    model = builtin_model if catalog == "builtin" else import_onet(ONET_FIXTURE)
    n_features = model.vectorizer.n_features
    features = np.arange(0, n_features, 3)
    rng = np.random.default_rng(2)
    ratings = rng.integers(0, 6, (60, len(features))).astype(np.float32)
    ratings[:10] += rng.choice([0.0, 0.5, -0.25], (10, len(features))).astype(np.float32)
    ratings = np.clip(ratings, 0, 5)
    # most rows mostly blank (read as free lists), a third mostly answered (questionnaires,
    # read against the background in a listing catalog): the two kinds scored together
    blank = np.where(np.arange(len(ratings)) % 3 == 0, 0.2, 0.7)[:, None]
    ratings[rng.random(ratings.shape) < blank] = np.nan
    ratings[np.isnan(ratings).all(axis=1), 0] = 1
    ratings[0] = np.nan
    ratings[0, 5 % len(features)] = 4  # one answer only
    scorer = BatchScorer(model, features, 10)
    likelihood, sure = scorer.evaluate(ratings)
    asked = np.zeros(n_features, bool)
    asked[features] = True
    top = scorer.rank(likelihood)
    confidence = sure(top)
    for person in range(len(ratings)):
        full = np.full(n_features, np.nan)
        full[features] = ratings[person]
        one = evaluate_one(full, asked, model.scorer)
        _agree(likelihood[person], one.log_likelihood[0], one.shortlist[0])
        assert confidence[person] == pytest.approx(
            one.confidence(top[person : person + 1])[0], abs=1e-4
        )
    monkeypatch.setattr(scorer_module, "MIN_ROWS", 1)  # one respondent at a time
    monkeypatch.setattr(scorer_module, "CACHE_BYTES", 1)
    alone, _ = BatchScorer(model, features, 10).evaluate(ratings)
    np.testing.assert_allclose(alone, likelihood, rtol=1e-5, atol=1e-4)
    # a free list or a partial questionnaire: people asked different items
    people = np.full((20, n_features), np.nan)
    people[:, features] = ratings[:20]
    asked_some = rng.random(people.shape) < 0.5
    asked_some |= ~np.isnan(people)
    many = evaluate_many(people, asked_some, model.scorer)
    for person in range(20):
        one = evaluate_one(people[person], asked_some[person], model.scorer)
        _agree(many.log_likelihood[person], one.log_likelihood[0], one.shortlist[0])


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


def test_keep_freed_memory_applies_on_glibc():
    import platform

    from matcher.batch.run import keep_freed_memory

    applied = keep_freed_memory(64 << 20)
    assert isinstance(applied, bool)
    if platform.libc_ver()[0] == "glibc":
        assert applied


def test_bare_cr_line_endings_are_a_clear_error(tmp_path, fixture_model, capsys, monkeypatch):
    from matcher import score_survey
    from matcher.errors import InputError
    from matcher.io.survey import read_layout

    # Old Mac exports end lines in a lone CR: the header then holds the whole file.
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: fixture_model)
    survey = tmp_path / "mac.csv"
    survey.write_bytes(b"respondent_id,skill:Office Administration\rr1,3\rr2,4\r")
    assert main(["batch", str(survey), "-o", str(tmp_path / "out.csv")]) == 2
    error = capsys.readouterr().err
    assert f"{survey}:1: the lines end in a bare carriage return" in error
    assert "Traceback" not in error
    with pytest.raises(InputError, match="bare carriage return"):
        score_survey(survey, model=fixture_model)
    # In the data too: a CR that ends no line would merge two respondents.
    survey.write_bytes(b"respondent_id,skill:Office Administration\nr1,3\nr2,4\rr3,5\n")
    assert main(["batch", str(survey), "-o", str(tmp_path / "out.csv")]) == 2
    error = capsys.readouterr().err
    assert f"{survey}:3: a carriage return (CR) that is not followed by a line feed" in error
    assert "Traceback" not in error and not (tmp_path / "out.csv").exists()
    # A CR inside a quoted header cell is not a line ending.
    quoted = tmp_path / "quoted.csv"
    quoted.write_bytes(b'"respondent_id\r",skill:Office Administration\nr1,3\n')
    layout = read_layout(quoted, fixture_model, id_column="respondent_id\r")
    assert layout.columns.id_column == "respondent_id\r"


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


def test_a_file_named_twice_is_read_once_and_said_so(tmp_path, fixture_model, monkeypatch):
    path = make_survey(tmp_path / "s.csv", fixture_model, n=5)
    (tmp_path / "link.csv").symlink_to(path)
    monkeypatch.chdir(tmp_path)
    with pytest.warns(UserWarning, match="named more than once is read once") as caught:
        scored = score_survey(["s.csv", "./s.csv", "link.csv"], model=fixture_model, top_k=1)
    assert len(caught) == 1 and scored["respondent_id"].nunique() == len(scored) <= 5


def test_respondents_whose_ratings_hardly_vary_are_flagged(tmp_path, fixture_model, engine):
    """A straight-liner (every item 3) got an ordinary-looking best match, unflagged; the
    batch's column says what `matcher recommend` and the reports say."""
    from matcher.io.assessment import Assessment
    from matcher.io.ratings import ratings_alike

    items = [n for b, n in fixture_model.feature_keys if b == "skill"][:9]
    header = "respondent_id," + ",".join(f"skill:{n}" for n in items)
    flat = ",".join(["3"] * 8) + ","  # eight alike, the ninth blank
    varied = ",".join(["3"] * 8) + ",5"
    few = ",".join(["3"] * 7) + ",,"
    path = tmp_path / "s.csv"
    path.write_text(f"{header}\nflat,{flat}\nvaried,{varied}\nfew,{few}\n")
    frame = quiet_score(path, model=fixture_model, top_k=2, **engine)
    flags = frame.groupby("respondent_id", observed=True)["alike"].agg(set).to_dict()
    assert flags == {"flat": {True}, "varied": {False}, "few": {False}}
    assert frame.attrs["summary"]["alike"] == 1
    # the batch's rule is the self-assessment's
    rng = np.random.default_rng(0)
    rows = rng.choice([np.nan, 2.0, 3.0, 4.0], size=(200, 12), p=[0.3, 0.1, 0.5, 0.1])
    one_by_one = [
        Assessment(ratings={("skill", str(j)): v for j, v in enumerate(r) if v == v}).alike
        for r in rows
    ]
    assert list(ratings_alike(rows)) == one_by_one and any(one_by_one) and not all(one_by_one)


def test_a_survey_column_no_item_answers_to_is_warned_of_from_the_library(fixture_model):
    # the CLI printed it; from Python it sat in attrs["summary"] and a misspelt item's column
    # went unread for every respondent unsaid
    frame = pd.DataFrame(
        {
            "respondent_id": ["a", "b"],
            "skill:Office Administration": [4, 2],
            "skil:Citizen Services": [3, 5],
        }
    )
    with pytest.warns(UserWarning, match=r"unknown columns, ignored: 'skil:Citizen Services'"):
        out = score_survey(frame, model=fixture_model, top_k=2)
    assert out.attrs["summary"]["rejected"] == 0 and len(out) == 4
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a survey of known columns warns of nothing
        score_survey(frame.drop(columns="skil:Citizen Services"), model=fixture_model, top_k=2)


def test_confidences_past_the_shortlist_agree_with_recommend_and_sum_to_one(
    tmp_path, builtin_model
):
    """Every occupation's confidence, in batch as in ``recommend()`` (they were 0.0 past the
    shortlist in both, hiding most of the probability of a respondent who rated little)."""
    model = builtin_model
    path = make_survey(tmp_path / "s.csv", model, n=4, seed=5)
    every = len(model.ids)  # 210: most past the shortlist
    frame = quiet_score(path, model=model, top_k=every)
    for rid, person in read_survey_assessments(path, model)[0]:
        rows = frame[frame.respondent_id == rid].sort_values("rank")
        assert rows["confidence"].sum() == pytest.approx(1.0, abs=1e-4)
        want = {r.occupation_id: r.confidence for r in recommend(person, model=model, top_k=every)}
        got = dict(zip(rows["occupation_id"].astype(str), rows["confidence"], strict=True))
        assert got == pytest.approx(want, rel=1e-3, abs=1e-7)
