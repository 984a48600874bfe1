"""Batch scoring agrees with recommend() and gaps(): ranks, scores, confidences, gaps, targets.

Tests that take the ``engine`` fixture run once per engine (local threads, and
Dask on an in-process cluster).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import make_survey, quiet_score

from matcher import read_survey_assessments, recommend
from matcher.batch import scorer as scorer_module
from matcher.core.gapmath import KEY_IMPORTANCE, estimated_ratings, priority_key, shown
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


def test_gaps_of_equal_priority_come_in_the_order_of_gaps(onet_fixture_model):
    """gaps() compares priorities to six decimals, then names; the batch took the largest
    float32 priority. Active Listening 0.9 short (need 0.5) and Geography 0.6 short (need 0.75)
    are 0.45 each, a tie gaps() gives Active Listening, but float32 made Geography's the
    larger, and gap_1 and gap_2 swapped."""
    model = onet_fixture_model
    target = "99-0001.00"
    levels, importance = model.requirements(model.index_of(target))
    row: dict = {"respondent_id": "p1", "target_job": target}
    for c, (block, name) in enumerate(model.feature_keys):
        if block != "interest":  # every key item met, but for the two
            row[f"{block}:{name}"] = float(shown(levels[c])) if importance[c] >= 0.5 else 0.0
    row["skill:Active Listening"], row["skill:Geography"] = 1.4, 3.1
    frame = quiet_score(pd.DataFrame([row]), model=model, top_k=len(model.catalog))
    person = read_survey_assessments(pd.DataFrame([row]), model)[0][0][1]
    ratings = model.vectorizer.transform_ratings([person.ratings])[0]
    estimates = estimated_ratings(ratings[None, :], model.block_codes)[0]
    expected = step_gaps(model, model.index_of(target), ratings, estimates)
    assert [g.name for g in expected] == ["Active Listening", "Geography"]
    assert expected[0].priority == expected[1].priority  # the tie
    for result in frame.itertuples():
        gaps = step_gaps(model, model.index_of(result.occupation_id), ratings, estimates)[:3]
        want = [f"{g.block}:{g.name}" for g in gaps] + [None] * (3 - len(gaps))
        got = [getattr(result, f"gap_{g}") for g in (1, 2, 3)]
        assert [None if pd.isna(x) else x for x in got] == want
        got = [getattr(result, f"target_gap_{g}") for g in (1, 2)]
        assert got == ["skill:Active Listening", "skill:Geography"]


def test_priority_key_rounds_as_python_rounds():
    rng = np.random.default_rng(5)
    values = np.concatenate(
        [rng.random(20_000) * 5, np.arange(1, 2_000) / 2e6, [0.45, 0.44999999999999996, 0.0]]
    )
    assert (priority_key(values) / 1e6).tolist() == [round(v, 6) for v in values.tolist()]


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
