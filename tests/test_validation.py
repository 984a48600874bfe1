"""The one parameter-check layer: the library refuses bad counts and choices with InputError,
and the CLI refuses the same values as argument errors (exit 2), naming option and value."""

from __future__ import annotations

import argparse

import numpy as np
import pytest
from helpers import FIXTURES, make_survey

from matcher import InputError, gaps, recommend, score_survey, write_reports
from matcher.cli import main
from matcher.validation import argument, check_choice, check_positive_int

PERSON = {"skills": {"Office Administration": 4, "Citizen Services": 3}}


@pytest.mark.parametrize("value", [1, 7, np.int64(3)])
def test_positive_int_accepts_whole_numbers_of_at_least_one(value):
    assert check_positive_int("top_k", value) == int(value)
    assert type(check_positive_int("top_k", value)) is int


@pytest.mark.parametrize("value", [0, -1, True, 2.0, "3", None])
def test_positive_int_refuses_the_rest_naming_parameter_and_value(value):
    with pytest.raises(InputError, match=r"top_k must be a whole number of at least 1, got "):
        check_positive_int("top_k", value)
    with pytest.raises(ValueError):  # an InputError is a ValueError
        check_positive_int("top_k", value)


def test_choice():
    assert check_choice("engine", "dask", ("local", "dask")) == "dask"
    with pytest.raises(InputError, match="engine must be one of local, dask, got 'gpu'"):
        check_choice("engine", "gpu", ("local", "dask"))


def test_argument_types_name_the_option_and_the_value(capsys):
    parser = argparse.ArgumentParser(prog="x")
    parser.add_argument("--top", type=argument(check_positive_int))
    parser.add_argument("--engine", type=argument(check_choice, ("local", "dask"), parse=str))
    assert parser.parse_args(["--top", "3", "--engine", "dask"]).top == 3
    for args, message in [
        (["--top", "0"], "argument --top: must be a whole number of at least 1, got '0'"),
        (["--top", "x"], "argument --top: must be a whole number of at least 1, got 'x'"),
        (["--engine", "gpu"], "argument --engine: must be one of local, dask, got 'gpu'"),
    ]:
        with pytest.raises(SystemExit) as exit_:
            parser.parse_args(args)
        assert exit_.value.code == 2
        assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "option", "value"),
    [
        (["recommend", "PROFILE", "--top", "0"], "--top", "'0'"),
        (["search", "clerk", "--top", "-1"], "--top", "'-1'"),
        (["similar", "clerk", "--top", "many"], "--top", "'many'"),
        (["report", "PROFILE", "-o", "out", "--jobs", "0"], "--jobs", "'0'"),
        (["batch", "s.csv", "-o", "out.csv", "--top", "0"], "--top", "'0'"),
        (["batch", "s.csv", "-o", "out.csv", "--engine", "gpu"], "--engine", "'gpu'"),
    ],
)
def test_the_cli_refuses_bad_option_values_with_exit_2(argv, option, value, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}: must be" in err and f"got {value}" in err
    assert "Traceback" not in err


def test_the_library_checks_its_own_parameters(fixture_model, tmp_path):
    with pytest.raises(InputError, match="top_k must be a whole number of at least 1, got 0"):
        recommend(PERSON, model=fixture_model, top_k=0)
    with pytest.raises(InputError, match="k must be"):
        fixture_model.similar("clerk", k=0)
    with pytest.raises(InputError, match="top_k must be"):
        fixture_model.search("clerk", top_k=-1)
    path = make_survey(tmp_path / "s.csv", fixture_model, n=3)
    with pytest.raises(InputError, match="top_k must be"):
        score_survey(path, model=fixture_model, top_k=0)
    with pytest.raises(InputError, match="jobs must be"):
        score_survey(path, model=fixture_model, jobs=0)
    with pytest.raises(InputError, match="engine must be one of local, dask, got 'gpu'"):
        score_survey(path, model=fixture_model, engine="gpu")
    with pytest.raises(InputError, match="jobs must be"):
        write_reports([], tmp_path / "out", model=fixture_model, jobs=0)


@pytest.mark.parametrize("profile", [None, [1, 2], 3])
def test_a_profile_of_the_wrong_type_is_refused_by_name(profile, fixture_model):
    with pytest.raises(InputError, match=r"profile must be a dict, an Assessment or the path"):
        recommend(profile, model=fixture_model)


@pytest.mark.parametrize("target", [None, 3, ["clerk"]])
def test_an_occupation_of_the_wrong_type_is_refused_by_name(target, fixture_model):
    if target is not None:  # None is the profile's target_job (below)
        with pytest.raises(InputError, match=r"occupation must be an occupation's id, title"):
            gaps(PERSON, target, model=fixture_model)
    with pytest.raises(InputError, match=r"occupation must be an occupation's id"):
        fixture_model.similar(target)


def test_gaps_without_a_target_takes_the_profiles_target_job(fixture_model):
    # as `matcher gaps` does; a caller from Python got "occupation must be ..., got None"
    person = {**PERSON, "target_job": "Section Manager"}
    assert gaps(person, model=fixture_model).target_title == "Office Manager"  # by its alias
    assert gaps(person, None, model=fixture_model).target_title == "Office Manager"
    assert gaps(person, "Municipal Clerk", model=fixture_model).target_title == "Municipal Clerk"
    with pytest.raises(InputError, match=r"no target occupation: pass gaps\(profile, TARGET\)"):
        gaps(PERSON, model=fixture_model)


def test_json_text_for_a_profile_is_told_from_a_missing_file(fixture_model):
    with pytest.raises(InputError, match=r"this one is JSON text; pass it as a dict"):
        recommend('{"skills": {"Office Administration": 4}}', model=fixture_model)


def test_paths_flags_formats_and_surveys_are_checked_by_name(fixture_model, tmp_path):
    # each reached a TypeError or AttributeError inside, or was read as something else
    from matcher import build_model, import_onet, load_model, write_batch

    path_calls = [
        ("path", lambda: load_model(None)),
        ("path", lambda: import_onet(0)),
        ("path", lambda: fixture_model.save(None)),
        ("catalog_dir", lambda: build_model("")),
        ("output", lambda: write_batch(tmp_path / "s.csv", None, model=fixture_model)),
        ("outdir", lambda: write_reports([], None, model=fixture_model)),
        ("profile", lambda: recommend("", model=fixture_model)),  # was ".: is a folder"
    ]
    for name, call in path_calls:
        with pytest.raises(InputError, match=rf"^{name} must be the path of a file or folder"):
            call()
    with pytest.raises(InputError, match="lenient must be True or False, got 'no'"):
        recommend(PERSON, model=fixture_model, lenient="no")  # it was read as lenient
    for survey in (None, 0, [1]):
        with pytest.raises(InputError, match="a survey is a path, a glob pattern"):
            score_survey(survey, model=fixture_model)
    # a format given as one string is that format, not its letters
    written = write_reports([("a", PERSON)], tmp_path / "r", model=fixture_model, formats="md")
    assert [p.suffix for p in (tmp_path / "r").iterdir() if p.stem != "index"] == [".md"]
    assert written.reports
    with pytest.raises(InputError, match="formats must be names"):
        write_reports([], tmp_path / "r", model=fixture_model, formats=None)


def test_batch_engine_and_scheduler_must_agree(fixture_model, model_file, tmp_path, capsys):
    # --engine local with --scheduler switched to dask unsaid; an empty address named neither
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=3)
    run = ["batch", str(survey), "-o", str(tmp_path / "o.csv"), "--model", model_file]
    assert main([*run, "--engine", "local", "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--scheduler is for --engine dask" in capsys.readouterr().err
    assert main([*run, "--scheduler", ""]) == 2
    assert "--scheduler: give the scheduler's address" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()


def test_documents_reports_and_searches_check_their_arguments(fixture_model, tmp_path):
    # each reached an AttributeError or a TypeError inside
    from matcher import build_report, write_profile

    with pytest.raises(InputError, match="profile must be a JobProfile"):
        write_profile(None)
    with pytest.raises(InputError, match="text must be the words to look for"):
        fixture_model.search(None)
    with pytest.raises(InputError, match="text must be the words to look for, or None"):
        fixture_model.items(5)  # a TypeError from inside the name normaliser
    with pytest.raises(InputError, match="created must be a timezone-aware datetime"):
        build_report(PERSON, model=fixture_model, created="2020-01-01")
    for people in ([("a", 1)], "abc", None, [1]):
        with pytest.raises(InputError, match=r"people(\[0\])? must be a"):
            write_reports(people, tmp_path / "r", model=fixture_model)


def test_an_empty_report_target_is_refused_not_read_as_none(fixture_model, tmp_path):
    from matcher import build_report

    for target in ("", "  ", 0):
        with pytest.raises(InputError, match="target"):
            build_report(PERSON, model=fixture_model, target=target)
        with pytest.raises(InputError, match="target must be"):
            write_reports([("a", PERSON)], tmp_path / "r", model=fixture_model, target=target)
    with pytest.raises(InputError, match="respondent_id must be text"):
        build_report(PERSON, model=fixture_model, respondent_id=["x"])


def test_a_batch_checks_its_flag_and_id_column(fixture_model, tmp_path):
    path = make_survey(tmp_path / "s.csv", fixture_model, n=3)
    with pytest.raises(InputError, match="progress must be True or False, got 'x'"):
        score_survey(path, model=fixture_model, progress="x")
    with pytest.raises(InputError, match="id_column must be the name of the id column, got 0"):
        score_survey(path, model=fixture_model, id_column=0)


def test_reports_surveys_catalogs_and_the_vectoriser_check_their_arguments(fixture_model, tmp_path):
    """Each raised a raw AttributeError, TypeError or KeyError from inside (KeyError: 'A' for
    a key "Accounting", its first letter read as a block); write_reports(progress="no") drew
    a progress bar."""
    from matcher import (
        build_report,
        check_catalog,
        read_survey_assessments,
        render_html,
        render_markdown,
        write_report,
    )
    from matcher.core.vectorise import OccupationVectorizer, Requirement

    report = build_report(PERSON, model=fixture_model)
    recommendation = recommend(PERSON, model=fixture_model, top_k=1)[0]
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=3)
    out = tmp_path / "r"
    refused = [
        ("report must be a Report", "Recommendation", lambda: render_html(recommendation)),
        ("report must be a Report", "None", lambda: render_markdown(None)),
        ("report must be a Report", "None", lambda: write_report(None, out)),
        ("index_href must be the link", "5", lambda: write_report(report, out, index_href=5)),
        ("index_href must be the link", "5", lambda: render_html(report, index_href=5)),
        (
            "rejects must be the rejects DataFrame",
            "'rejects.csv'",
            lambda: write_reports([("a", PERSON)], out, model=fixture_model, rejects="rejects.csv"),
        ),
        (
            "progress must be True or False",
            "'no'",
            lambda: write_reports([("a", PERSON)], out, model=fixture_model, progress="no"),
        ),
        (
            "id_column must be the name of the id column",
            "None",
            lambda: read_survey_assessments(survey, fixture_model, id_column=None),
        ),
        ("directory must be the path", "None", lambda: check_catalog(None)),
        (
            "vocabulary must be a Vocabulary",
            "'x'",
            lambda: check_catalog(FIXTURES / "catalog", vocabulary="x"),
        ),
        (
            "each key of occupation 0 must be a \\(block, name\\) pair",
            "'Accounting'",
            lambda: OccupationVectorizer().fit([{"Accounting": Requirement(1, 4)}]),
        ),
        (
            "each key of occupation 1 must be a \\(block, name\\) pair",
            "\\('skil', 'A'\\)",
            lambda: OccupationVectorizer().fit(
                [{("skill", "A"): Requirement(1, 4)}, {("skil", "A"): Requirement(1, 4)}]
            ),
        ),
    ]
    for message, value, call in refused:
        with pytest.raises(InputError, match=rf"^{message}.*, got {value}"):
            call()
    assert not out.exists()  # refused before the folder was made


def test_a_naive_created_time_is_an_input_error_like_a_wrong_type(fixture_model, tmp_path):
    # it was a bare ValueError, which `except MatcherError` missed
    from datetime import datetime

    from matcher import build_report

    naive = datetime(2024, 1, 1)
    with pytest.raises(InputError, match=r"created must be a timezone-aware datetime.*got date"):
        build_report(PERSON, model=fixture_model, created=naive)
    with pytest.raises(InputError, match="created must be a timezone-aware datetime"):
        write_reports([("a", PERSON)], tmp_path / "r", model=fixture_model, created=naive)
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"skil": 1.0}, "each key of block_weights must be one of skill, .*got 'skil'"),
        ({"skill": -1}, r"block_weights\['skill'\] must be a number from 0 to 1,000,000, got -1"),
        ({"skill": "1"}, r"block_weights\['skill'\] must be a number from 0 to 1,000,000"),
        ({"skill": True}, r"block_weights\['skill'\] must be a number from 0 to 1,000,000"),
        # finite, but past what the float32 sums can take: every recommend() crashed
        (
            {"skill": 1e38},
            r"block_weights\['skill'\] must be a number from 0 to 1,000,000, got 1e\+38",
        ),
        ({"trait": float("inf")}, r"block_weights\['trait'\] must be a number from 0 to 1,000,000"),
        ([("skill", 1)], r"block_weights must be a mapping of skill, aptitude, trait"),
    ],
)
def test_bad_block_weights_are_refused_before_the_catalog_is_read(weights, message, tmp_path):
    # a bare ValueError or TypeError once the whole catalog had been read; the folder here
    # does not exist, so a check after reading would have named the folder instead
    from matcher import build_model

    with pytest.raises(InputError, match=message):
        build_model(tmp_path / "no-such-catalog", block_weights=weights)


def test_numbers_and_weights():
    from matcher.validation import check_number, check_weights

    assert check_number("w", np.float32(0.5)) == 0.5 and check_number("w", 0) == 0.0
    for bad in (float("nan"), float("inf"), -0.1, "1", None, False):
        with pytest.raises(InputError, match="w must be a finite number of at least 0"):
            check_number("w", bad)
    assert check_weights("w", {"a": np.int64(2)}, ("a", "b")) == {"a": 2.0}


def test_a_long_value_is_shown_cut_short():
    # an Occupation's repr is its whole profile: kilobytes in one message
    with pytest.raises(InputError) as caught:
        check_choice("x", "y" * 5000, ("a",))
    assert len(str(caught.value)) < 200 and str(caught.value).endswith("\u2026")
