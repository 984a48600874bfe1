"""recommend(): explained rankings for a self-assessment, and its input checks."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from helpers import FIXTURES

from matcher import AssessmentError, InputError, recommend
from matcher.model.locations import data_dir

AIKO = {
    "name": "Aiko",
    "skills": {"Office Administration": 4, "Citizen Services": 4, "Document Preparation": 3},
    "aptitudes": {"Communication Skills": 4},
    "traits": {"Has leadership": 3},
}


def test_recommendations_are_ranked_and_explained(fixture_model):
    recs = recommend(AIKO, model=fixture_model, top_k=4)
    assert [r.rank for r in recs] == [1, 2, 3, 4]
    assert recs[0].occupation_id == "clerk"
    # the clear best match is the likeliest (below it, the catalog's relations also order the
    # list, so the confidence need not fall with the rank; nor need the score)
    assert recs[0].confidence == max(r.confidence for r in recs)
    assert sum(r.confidence for r in recs) <= 1 + 1e-6
    for r in recs:
        assert 0 <= r.score <= 1 and 0 <= r.confidence <= 1
        assert sum(r.contributions.values()) == pytest.approx(r.score)
        assert set(r.contributions) == {"skill", "aptitude", "trait"}
    names = {e.name for e in recs[0].matched}
    assert {"Office Administration", "Citizen Services"} <= names
    assert "Office Administration" in recs[0].explanation
    # Key items not rated are listed, not counted as zeros.
    assert "IT Literacy" in {e.name for e in recs[0].unrated}
    assert all(e.rating is None for e in recs[0].unrated)


def test_missing_items_show_the_shortfall(fixture_model):
    recs = recommend(
        {"skills": {"Policy Planning": 1, "Budget Management": 1}}, model=fixture_model, top_k=6
    )
    mayor = next(r for r in recs if r.occupation_id == "mayor")
    policy = next(e for e in mayor.missing if e.name == "Policy Planning")
    assert policy.rating == 1 and policy.level == 5 and policy.deficit == 4


def test_results_are_deterministic(fixture_model):
    first = [r.to_dict() for r in recommend(AIKO, model=fixture_model)]
    assert [r.to_dict() for r in recommend(AIKO, model=fixture_model)] == first


def test_unknown_name_suggests_close_names_and_lenient_mode_ignores_it(fixture_model):
    bad = {"skills": {"Budget Managment": 3, "Policy Planning": 4}}
    with pytest.raises(AssessmentError, match="did you mean 'Budget Management'"):
        recommend(bad, model=fixture_model)
    with pytest.warns(UserWarning, match="Budget Managment"):
        recs = recommend(bad, model=fixture_model, lenient=True)
    assert recs


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ({"Policy Planning": 7}, r"skills / 'Policy Planning': rating 7 is outside 0-5"),
        ({"Policy Planning": "high"}, r"rating 'high' is not a number"),
        ({"Policy Planning": True}, r"rating true is not a number"),
        ({"Policy Planning": [4]}, r"rating \[4\] is not a number"),
        ({"Policy Planning": -1}, r"rating -1 is outside 0-5"),
    ],
)
def test_bad_ratings_name_the_item_and_value(fixture_model, ratings, message):
    with pytest.raises(AssessmentError, match=message):
        recommend({"skills": ratings}, model=fixture_model)


def test_a_rating_a_hair_outside_the_scale_is_shown_as_it_is(fixture_model):
    """Float noise (a slider's 0.1 * 3 * 5 / 0.3) was shown with six digits: "rating 5 is
    outside 0-5" read as a bug. A value is shown short only when that is still the value."""
    noisy = 0.1 * 3 * 5 / 0.3
    assert noisy > 5
    with pytest.raises(AssessmentError) as caught:
        recommend(
            {"skills": {"Policy Planning": noisy, "Budget Management": -1e-16}},
            model=fixture_model,
        )
    problems = caught.value.problems
    assert any(f"rating {noisy!r} is outside 0-5" in p for p in problems), problems
    assert any("rating -1e-16 is outside 0-5" in p for p in problems), problems
    # two spellings of one item, rated apart by a hair, are not "4 and 4"
    with pytest.raises(AssessmentError, match=r"\(4 and 4\.0000001\)"):
        recommend(
            {"skills": {"Policy Planning": 4, "policy planning": 4.0000001}}, model=fixture_model
        )


def test_numbers_of_numpy_pandas_decimal_and_fraction_are_ratings(fixture_model):
    # A dict made from a pandas row carries NumPy numbers: the same ratings as plain ones.
    plain = recommend(
        {"skills": {"Policy Planning": 4, "Budget Management": 3.5}}, model=fixture_model
    )
    for four, half in [
        (np.int64(4), np.float64(3.5)),
        (np.float32(4), np.float32(3.5)),
        (Decimal("4"), Decimal("3.5")),
        (Fraction(4), Fraction(7, 2)),
    ]:
        ranked = recommend(
            {"skills": {"Policy Planning": four, "Budget Management": half}}, model=fixture_model
        )
        assert ranked == plain
    for bad in (np.bool_(True), np.float64("nan"), Decimal("Infinity")):
        with pytest.raises(AssessmentError, match="is not a number"):
            recommend({"skills": {"Policy Planning": bad}}, model=fixture_model)


def test_a_key_given_twice_with_different_values_is_an_error(fixture_model, tmp_path):
    # JSON readers keep the last of a repeated key: the first "skills" would be lost unsaid.
    path = tmp_path / "twice.json"
    path.write_text(
        '{"skills": {"Policy Planning": 4}, "skills": {"Budget Management": 3}}', encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"twice\.json: 'skills' appears twice in one object"):
        recommend(str(path), model=fixture_model)
    path.write_text('{"skills": {"Policy Planning": 4, "Policy Planning": 2}}', encoding="utf-8")
    with pytest.raises(InputError, match="'Policy Planning' appears twice"):
        recommend(str(path), model=fixture_model)
    path.write_text('{"skills": {"Policy Planning": 4, "Policy Planning": 4}}', encoding="utf-8")
    assert recommend(str(path), model=fixture_model)  # nothing lost: the same value twice


def test_every_problem_is_reported_at_once(fixture_model):
    with pytest.raises(AssessmentError) as caught:
        recommend({"skills": {"Policy Planning": 9, "Nope": 2}, "trait": {}}, model=fixture_model)
    assert len(caught.value.problems) == 3


def test_a_message_of_many_problems_shows_the_first_and_counts_the_rest(fixture_model):
    bad = {"skills": {f"Nope {i}": 3 for i in range(300)}}
    with pytest.raises(AssessmentError) as caught:
        recommend(bad, model=fixture_model)
    assert len(caught.value.problems) == 300  # every one kept for a program
    message = str(caught.value)
    assert "'Nope 19'" in message and "'Nope 20'" not in message
    assert "... and 280 more" in message and len(message) < 4000
    # every name unknown: said to be perhaps another model's profile, after the problems
    assert message.endswith("(give that model: --model FILE, or model= in the library)")


def test_profile_without_ratings_or_with_only_nulls(fixture_model):
    with pytest.raises(AssessmentError, match="no ratings"):
        recommend({"name": "x", "skills": {"Policy Planning": None}}, model=fixture_model)


@pytest.mark.parametrize("model", ["fixture.model", {"catalog": []}, 0, True])
def test_a_model_that_is_not_one_is_named(model, tmp_path):
    # a path or a dict reached an AttributeError deep inside; 0 passed as "no model"
    from matcher import build_report, gaps, next_questions, read_survey_assessments, score_survey

    survey = tmp_path / "s.csv"
    survey.write_text("respondent_id,Leadership\nr1,3\n", encoding="utf-8")
    calls = [
        lambda: recommend(AIKO, model=model),
        lambda: gaps(AIKO, "Clerk", model=model),
        lambda: next_questions(AIKO, model=model),
        lambda: build_report(AIKO, model=model),
        lambda: score_survey(survey, model=model),
        lambda: read_survey_assessments(survey, model),
    ]
    for call in calls:
        with pytest.raises(InputError, match="model must be a Model"):
            call()


def test_top_k_must_be_positive(fixture_model):
    with pytest.raises(ValueError, match="top_k"):
        recommend(AIKO, model=fixture_model, top_k=0)


def test_profile_from_a_json_file(fixture_model, tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(AIKO), encoding="utf-8")
    assert recommend(str(path), model=fixture_model)[0].occupation_id == "clerk"


# --------------------------------------------------------------------------- built-in catalog

ARCHETYPES = {
    "section-chief": (
        "Public Administration",
        {
            "section-chief",
            "subsection-chief",
            "department-head",
            "local-government-official",
            "general-administrative-staff",
        },
    ),
    "ward-nurse": (
        "Healthcare",
        {"registered-nurse", "head-nurse", "licensed-practical-nurse", "midwife"},
    ),
    "software-developer": (
        "Information Technology",
        {
            "software-developer",
            "programmer",
            "senior-software-engineer",
            "web-developer",
            "machine-learning-engineer",
        },
    ),
    "carpenter": (
        "Construction & Trades",
        {"carpenter", "apprentice-carpenter", "master-carpenter"},
    ),
    "primary-school-teacher": (
        "Education",
        {
            "primary-school-teacher",
            "junior-high-school-teacher",
            "kindergarten-teacher",
            "special-needs-teacher",
        },
    ),
    "accountant": ("Finance & Accounting", {"accountant", "bookkeeper", "accounting-manager"}),
}


def _example(name):
    return json.loads((data_dir() / "examples" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("archetype", sorted(ARCHETYPES))
def test_archetypes_find_their_own_family(builtin_model, archetype):
    industry, family = ARCHETYPES[archetype]
    profile = _example(archetype)
    recs = recommend(profile, model=builtin_model, top_k=5)
    assert recs[0].occupation_id in family
    assert sum(r.occupation_id in family for r in recs) >= 3
    industries = [builtin_model.catalog.get(r.occupation_id).profile.industry for r in recs]
    assert industries.count(industry) >= 3
    # The explanation names the person's strongest ratings that the job needs.
    strongest = {k for k, v in profile["skills"].items() if v >= 4}
    assert strongest & {e.name for e in recs[0].matched}


def _transform(profile, change):
    out = dict(profile)
    for section in ("skills", "aptitudes", "traits"):
        out[section] = {k: min(5.0, max(0.0, change(v))) for k, v in profile[section].items()}
    return out


@pytest.mark.parametrize("archetype", sorted(ARCHETYPES))
def test_biased_self_ratings_keep_the_best_matches(builtin_model, archetype):
    profile = _example(archetype)
    values = [v for s in ("skills", "aptitudes", "traits") for v in profile[s].values()]
    mean = sum(values) / len(values)
    base = [r.occupation_id for r in recommend(profile, model=builtin_model, top_k=5)]
    for change in (
        lambda v: v + 1,
        lambda v: v - 1,
        lambda v: mean + 1.5 * (v - mean),
        lambda v: mean + 0.6 * (v - mean),
    ):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            got = [
                r.occupation_id
                for r in recommend(_transform(profile, change), model=builtin_model, top_k=5)
            ]
        assert got[0] in base[:3]
        assert len(set(got) & set(base)) >= 3


def test_a_dentist_who_answers_every_item_is_matched_as_a_dentist(builtin_model):
    # A simulated honest respondent (noise, a fifth of the items skipped) who was asked all 280
    # items: their job's items at its levels (Dental Care, Diagnosis, Infection Control 5,
    # Surgery 4), the others mostly 0-1, a few at 3-4. Before the person's styles were also
    # chosen on the shortlist's first occupations, QA Engineer came first and Dentist 30th.
    person = json.loads((FIXTURES / "profiles" / "whole-questionnaire-dentist.json").read_text())
    assert person["asked"] == "all" and sum(len(person[b]) for b in ("skills", "traits")) > 200
    top = [r.occupation_id for r in recommend(person, model=builtin_model, top_k=5)]
    assert top[0] == "dentist"
    assert not {"qa-engineer", "restaurant-manager", "hotel-manager"} & set(top)


def test_a_dentist_who_rates_everything_else_one_is_matched_as_a_dentist(builtin_model):
    # 260 answers of 1 read as a squeezed rater with careless answers, under which every
    # occupation is about as likely: Dentist came 5th, after Assembly Worker, Programmer,
    # Cashier and Apprentice Carpenter, until a floor at 1 read as "1 or less" (core.coarse).
    model = builtin_model
    row = list(model.ids).index("dentist")
    groups = {"skill": "skills", "aptitude": "aptitudes", "trait": "traits"}
    person: dict = {"asked": "all"}
    for column, (block, name) in enumerate(model.feature_keys):
        if block not in groups:
            continue
        level = model.levels[row, column] if model.importance[row, column] > 0 else 1
        person.setdefault(groups[block], {})[name] = round(float(level))
    top = [r.occupation_id for r in recommend(person, model=model, top_k=3)]
    assert top[0] == "dentist"


@pytest.mark.parametrize(
    "profile",
    [{"traits": {"Patience": 4}}, {"skills": {"Carpentry": 3}}, "data/examples/section-chief.json"],
    ids=["one trait", "one skill", "section chief"],
)
def test_every_occupation_holds_its_share_of_the_confidence(builtin_model, profile):
    """Past the exactly scored shortlist (45 occupations) the confidence was 0.0, though the
    posterior is over every occupation: for a person who rated only Patience, the 165 at 0
    held two thirds of it. Over the whole catalog the shares sum to 1, in the ranking's order
    past the shortlist."""
    if isinstance(profile, str):
        profile = str(data_dir().parent / profile)
    recommendations = recommend(profile, model=builtin_model, top_k=len(builtin_model.ids))
    shares = np.array([r.confidence for r in recommendations])
    assert shares.sum() == pytest.approx(1.0, abs=1e-6)
    assert (shares > 0).all()
    past = shares[50:]  # beyond any shortlist: the Gaussian pass's order
    assert (np.diff(past) <= 1e-12).all()


def test_the_key_items_of_several_matches_read_at_once_are_each_ones(builtin_model):
    """evidence_of_many (the ten matches of a recommendation at once) gives each match the
    verdicts of its own key items, as the half-point rule judges them item by item."""
    from matcher.core.gapmath import MATCH_TOLERANCE, deficit, fit_blocks
    from matcher.match.explain import evidence_of_many, key_items

    model = builtin_model
    rng = np.random.default_rng(3)
    ratings = np.full(model.vectorizer.n_features, np.nan)
    chosen = rng.choice(len(ratings), 60, replace=False)
    ratings[chosen] = rng.integers(0, 11, 60) / 2
    keys = [
        key_items(
            model.levels[row],
            model.importance[row],
            model.vectorizer.match_weights(model.importance[row][None])[0],
            model.feature_keys,
            model.name_rank,
            fit_blocks(model),
        )
        for row in (5, 17, 0, 120, 5)
    ]
    together = evidence_of_many(ratings, keys)
    assert len(together) == len(keys)
    for (matched, missing, unrated), (columns, _, items) in zip(together, keys, strict=True):
        rated = [(item, ratings[c]) for item, c in zip(items, columns.tolist(), strict=True)]
        met = [i.name for i, r in rated if r == r and deficit(i.level, r) <= MATCH_TOLERANCE]
        short = [i.name for i, r in rated if r == r and deficit(i.level, r) > MATCH_TOLERANCE]
        assert [e.name for e in matched] == met
        assert [e.name for e in missing] == short
        assert [e.name for e in unrated] == [i.name for i, r in rated if r != r]
        given = {i.name: r for i, r in rated}
        assert all(e.rating == given[e.name] for e in matched + missing)
    assert any(matched and missing and unrated for matched, missing, unrated in together)
    assert evidence_of_many(ratings, []) == []


def test_a_job_the_model_does_not_know_is_said_in_a_warning(fixture_model):
    """score_survey rejects a row whose current_job or target_job names no occupation, and
    the command notes it; recommend() ranked the same person in silence."""
    profile = {**AIKO, "current_job": "Astronaut", "target_job": "Mayor of a Smal Town"}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        recs = recommend(profile, model=fixture_model, top_k=3)
    said = [str(w.message) for w in caught]
    assert len(said) == 2 and all(w.filename == __file__ for w in caught), said
    assert said[0] == "current_job not used: no occupation is called 'Astronaut'"
    assert said[1].startswith(
        "target_job not used: no occupation is called 'Mayor of a Smal Town'; similar names: "
        "'Mayor of a Small Town'"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # known jobs, or none: nothing to say
        known = {**AIKO, "current_job": "Municipal Clerk", "target_job": "mayor"}
        assert recommend(known, model=fixture_model, top_k=3) == recs
        assert recommend(AIKO, model=fixture_model, top_k=3) == recs


def test_every_match_says_when_the_ratings_hardly_vary(fixture_model):
    """The batch's rows and the command's JSON carry `alike`; a Recommendation had no such
    field, so a notebook could not tell a straight-liner's matches."""
    names = [f.split(":", 1)[1] for f in fixture_model.vectorizer.feature_names_[:8]]
    flat = recommend({"skills": dict.fromkeys(names, 3)}, model=fixture_model, top_k=3)
    assert [r.alike for r in flat] == [True] * 3 and flat[0].to_dict()["alike"] is True
    assert not any(r.alike for r in recommend(AIKO, model=fixture_model, top_k=3))
