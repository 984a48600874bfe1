"""The likelihood of a self-assessment: response styles, blanks, evidence counts, confidence."""

from __future__ import annotations

import json

import numpy as np
import pytest
from helpers import FIXTURES

from matcher import recommend
from matcher.core import weights as weights_module
from matcher.core.evidence import Evidence
from matcher.core.likelihood import evaluate_many, evaluate_one
from matcher.core.styles import FAMILIES, rating_tables, style_grid
from matcher.core.weighting import level_weights
from matcher.match.recommend import asked_mask, rate


def _needs(model, occupation_id: str) -> dict:
    """A self-assessment that rates every key item of an occupation at the level it needs."""
    row = model.index_of(occupation_id)
    out: dict[str, dict[str, float]] = {}
    for column in np.flatnonzero(model.importance[row] >= 0.5):
        block, name = model.feature_keys[column]
        level = float(np.clip(np.round(model.levels[row, column]), 0, 5))
        out.setdefault(f"{block}s", {})[name] = level
    return out


def test_the_style_prior_is_a_distribution_over_documented_families():
    grid = style_grid(3.0)
    assert np.exp(grid.log_prior).sum() == pytest.approx(1.0)
    assert set(FAMILIES) == {"honest", "shift", "middle", "top", "bottom", "slab"}
    honest = (grid.offset == 3.0) & (grid.scale == 1.0)
    # the honest style has the weight of its family (and a share of the others' points)
    assert np.exp(grid.log_prior[honest]).sum() >= FAMILIES["honest"] / sum(FAMILIES.values())
    # the bottom family: squeezed towards 0 (a level of 0 read at 0, whatever the scale)
    squeezed = grid.scale < 0.9
    towards_0 = np.isclose(grid.offset - grid.scale * grid.centre, 0.0, atol=1e-3) & squeezed
    assert len(np.unique(grid.scale[towards_0])) >= 10
    tables = rating_tables(grid, np.arange(1.0, 6.0))
    probabilities = np.exp(tables.reshape(6, 5, -1)).sum(axis=0)
    assert probabilities == pytest.approx(np.ones_like(probabilities), abs=1e-5)


def test_the_ends_of_the_scale_are_censored_not_points():
    # a style that rates everything 1.5 points low: a level of 1 reads as 0 most of the time,
    # and a 0 is as likely for a level of 1 as for a level of 0 (both below 0.5)
    grid = style_grid(3.0)
    low = np.flatnonzero(
        (grid.scale == 1.0)
        & np.isclose(grid.offset, 3.0 - 1.5)
        & (grid.careless == grid.careless.min())
        & (grid.noise == grid.noise.min())
    )
    assert low.size
    table = np.exp(rating_tables(grid, np.array([0.0, 1.0]))).reshape(6, 2, -1)[:, :, low]
    assert (table[0, 1] > 0.6).all() and (table[0, 0] > 0.9).all()


# One person's counts are added a feature at a time in a catalog whose features have many
# entries each (20,000 occupations), all at once in a small one: both ways, as many people's.
@pytest.mark.parametrize("at_a_time", [False, True], ids=["at-once", "a-feature-at-a-time"])
def test_counts_of_one_person_equal_the_counts_of_many(builtin_model, monkeypatch, at_a_time):
    monkeypatch.setattr(weights_module, "FEATURE_ENTRIES", 0 if at_a_time else 10**9)
    weights = builtin_model.scorer.weights
    rng = np.random.default_rng(3)
    ratings = np.full((4, weights.n_features), np.nan)
    asked = rng.random(ratings.shape) < 0.6
    for person in range(4):
        chosen = rng.choice(weights.n_features, 25, replace=False)
        ratings[person, chosen] = rng.integers(0, 6, 25)
        ratings[person, chosen[0]] = 3.5  # halfway: counts for 3 and for 4
        asked[person, chosen] = True
    asked[0] = True  # a free list: everything asked
    listing = builtin_model.scorer.listing
    many = Evidence.of_people(weights, listing, ratings, asked)
    for person in range(4):
        one = Evidence.of_person(weights, listing, ratings[person], asked[person])
        assert many.rated[..., person] == pytest.approx(one.rated[..., 0], abs=1e-4)
        assert many.base[:, person] == pytest.approx(one.base[:, 0], abs=1e-4)
        assert many.answered[..., person] == pytest.approx(one.answered[..., 0], abs=1e-4)
        if one.asked is not None:
            assert many.asked[..., person] == pytest.approx(one.asked[..., 0], abs=1e-4)
        assert many.n_blank[person] == one.n_blank[0]
        assert many.n_asked[person] == one.n_asked[0]


def test_an_item_every_occupation_lists_alike_tells_them_apart_less():
    levels = np.array([[3.0, 4.0, 0.0], [3.0, 0.0, 4.0], [3.0, 0.0, 0.0]])
    importance = (levels > 0).astype(float)
    weights = level_weights(levels, importance, np.arange(1.0, 6.0), background=True)
    excess = weights._sparse().toarray().reshape(3, 3, -1)  # (feature, occupation, column)
    # feature 0 is listed alike by all: it has no excess over the typical row
    assert np.abs(excess[0]).max() < 1e-6
    # feature 1 is listed by one occupation: its excess there is the difference of rows
    assert np.abs(excess[1, 0]).sum() > 1.0


@pytest.mark.parametrize("background", [True, False])
def test_level_weights_are_the_same_made_a_feature_at_a_time(monkeypatch, background):
    # A big catalog's weights are made a few features at a time (memory); the pieces must
    # join into exactly the weights of one piece.
    from matcher.core import weighting

    rng = np.random.default_rng(3)
    importance = np.where(rng.random((40, 17)) < 0.3, rng.choice([0.5, 1.0], (40, 17)), 0.0)
    levels = np.where(importance > 0, rng.integers(1, 6, (40, 17)), 0).astype(float)
    if not background:
        importance, levels = np.ones_like(levels), rng.uniform(0, 5, levels.shape)
    knots = np.arange(1.0, 6.0)
    block = rng.uniform(0.2, 1.0, 17)
    whole = level_weights(levels, importance, knots, background=background, block_weight=block)
    monkeypatch.setattr(weighting, "STRIPE_ENTRIES", 1)
    pieces = level_weights(levels, importance, knots, background=background, block_weight=block)
    for name in ("typical", "indptr", "index", "weight"):
        np.testing.assert_array_equal(getattr(pieces, name), getattr(whole, name))


@pytest.mark.parametrize("occupation", ["registered-nurse", "accountant", "carpenter"])
def test_an_honest_rater_ranks_their_occupation_first(builtin_model, occupation):
    ranked = recommend(_needs(builtin_model, occupation), model=builtin_model, top_k=3)
    assert ranked[0].occupation_id == occupation


@pytest.mark.parametrize("shift", [-1.5, 1.5])
def test_a_shifted_rater_keeps_their_occupation_near_the_top(builtin_model, shift):
    needs = _needs(builtin_model, "accountant")
    shifted = {
        group: {name: float(np.clip(level + shift, 0, 5)) for name, level in items.items()}
        for group, items in needs.items()
    }
    ranked = [r.occupation_id for r in recommend(shifted, model=builtin_model, top_k=3)]
    assert "accountant" in ranked


def test_unmentioned_key_items_count_against_an_occupation(builtin_model):
    """A free list that meets a cook's generic items but not cooking: the cook must not outrank
    an occupation whose key items are rated and met."""
    person = {
        "skills": {"Forklift Operation": 4, "Freight Handling": 4, "Stock Control": 3},
        "aptitudes": {"Physical Stamina": 4, "Teamwork": 4},
        "traits": {"Punctuality": 4, "Cooperativeness": 4},
    }
    ranked = [r.occupation_id for r in recommend(person, model=builtin_model, top_k=20)]
    assert ranked[0] == "warehouse-worker"
    assert ranked.index("warehouse-worker") < ranked.index("cook") if "cook" in ranked else True


def test_asked_items_left_blank_are_weaker_evidence_than_a_free_list(builtin_model):
    """The same ratings as a free list and as answers to a short questionnaire: under the
    questionnaire the items not asked say nothing, so an occupation outside it is not
    penalised for them."""
    ratings = {"skills": {"Cooking": 4, "Food Hygiene": 4}}
    free = recommend(ratings, model=builtin_model, top_k=5)
    asked = {**ratings, "asked": {"skills": ["Cooking", "Food Hygiene"]}}
    questionnaire = recommend(asked, model=builtin_model, top_k=5)
    assert free[0].occupation_id in {"cook", "chef"}
    assert questionnaire[0].occupation_id in {"cook", "chef"}
    person, _ = rate(asked, builtin_model)
    assert asked_mask(person, builtin_model).sum() == 2


def _dental_nurse(answers: int) -> dict:
    """A dental nurse's questionnaire, every item asked answered, cut to ``answers`` items."""
    items = {
        "skills": {"Dental Care": 3, "Infection Control": 5, "Patient Care": 3,
                   "Medical Records": 4, "Medical Imaging": 3, "First Aid": 3,
                   "Customer Service": 4, "Health Education": 2},
        "aptitudes": {"Manual Dexterity": 4, "Precision & Accuracy": 4,
                      "Communication Skills": 4, "Teamwork": 5},
        "traits": {"Cleanliness": 5, "Confidentiality": 4, "Patience": 4, "Compassion": 4},
    }  # fmt: skip
    kept = [(b, n, v) for b in items for n, v in items[b].items()][:answers]
    person: dict = {block: {} for block in items}
    for block, name, value in kept:
        person[block][name] = value
    return {**person, "asked": {block: list(person[block]) for block in person}}


@pytest.mark.parametrize("answers", [14, 16])
def test_a_short_questionnaire_reads_its_ratings_as_a_free_list_not_its_blanks(
    builtin_model, answers
):
    """Under 15 answers a questionnaire's ratings are read as a free list's (the README), but
    what it asked still decides its blanks: it is not the same ratings without ``asked``."""
    scorer = builtin_model.scorer
    questionnaire = _dental_nurse(answers)
    free = {k: v for k, v in questionnaire.items() if k != "asked"}
    person, ratings = rate(questionnaire, builtin_model)
    asked = scorer.evidence(ratings, asked_mask(person, builtin_model))
    unasked = scorer.evidence(ratings, np.ones_like(ratings, bool))
    read_alike = np.array_equal(asked.rated, unasked.rated)
    assert read_alike == (answers < 15)
    assert asked.n_blank[0] == 0 and unasked.n_blank[0] == ratings.size - answers
    ranked = [r.occupation_id for r in recommend(free, model=builtin_model, top_k=3)]
    as_asked = [r.occupation_id for r in recommend(questionnaire, model=builtin_model, top_k=3)]
    assert ranked[0] == "dental-hygienist" and as_asked != ranked


def test_confidence_is_a_probability_and_low_on_thin_evidence(builtin_model):
    thin = recommend({"skills": {"Customer Service": 3}}, model=builtin_model, top_k=10)
    rich = recommend(_needs(builtin_model, "registered-nurse"), model=builtin_model, top_k=10)
    for ranked in (thin, rich):
        assert all(0 <= r.confidence <= 1 for r in ranked)
        assert sum(r.confidence for r in ranked) <= 1 + 1e-6
    assert thin[0].confidence < 0.5 < rich[0].confidence


def test_confidence_is_among_every_occupation_not_the_shortlist_alone():
    """Occupations outside the shortlist share the probability too: of 100 alike
    occupations that fit a person equally, none can be more than about 1 % sure (normalised
    over the shortlist of 45 alone, each got 2.2 %)."""
    from helpers import scorer_of

    rng = np.random.default_rng(3)
    alike = np.tile(np.array([[4.0, 3.0, 1.0, 0.0, 2.0, 5.0, 1.0, 0.0]]), (100, 1))
    others = rng.uniform(0, 5, size=(20, 8)).round()
    levels = np.vstack([alike, others])
    scorer = scorer_of(levels, np.ones_like(levels), background=False)
    result = evaluate_many(alike[:1].copy(), None, scorer)
    assert result.shortlist.shape[1] < 100  # the alike outnumber the shortlist
    first = result.confidence(np.argmax(result.log_likelihood, axis=1)[:, None])[0, 0]
    assert first == pytest.approx(0.01, rel=0.1)
    assert result.posterior.sum() <= result.shortlist.shape[1] / 100 + 1e-6


def test_the_score_does_not_grow_as_evidence_shrinks(builtin_model):
    """Two ratings cannot make a better match than a full profile: an unrated key item
    is not met."""
    full = recommend(_needs(builtin_model, "registered-nurse"), model=builtin_model, top_k=1)[0]
    two = recommend(
        {"skills": {"Nursing Care": 4, "Patient Care": 4}}, model=builtin_model, top_k=1
    )[0]
    assert full.score > 0.9
    assert two.score < 0.5


def test_evaluate_of_one_person_is_evaluate_of_many(builtin_model):
    scorer = builtin_model.scorer
    rng = np.random.default_rng(5)
    features = builtin_model.vectorizer.n_features
    ratings = np.full((3, features), np.nan)
    for person in range(3):
        chosen = rng.choice(features, 30, replace=False)
        ratings[person, chosen] = rng.integers(0, 6, 30)
    asked = np.ones_like(ratings, bool)
    many = evaluate_many(ratings, None, scorer)
    for person in range(3):
        one = evaluate_one(ratings[person], asked[person], scorer)
        assert many.log_likelihood[person] == pytest.approx(one.log_likelihood[0], abs=1e-2)


def _straight(model, value: int) -> dict:
    groups = {"skill": "skills", "aptitude": "aptitudes", "trait": "traits"}
    person: dict = {"asked": "all"}
    for block, name in model.feature_keys:
        person.setdefault(groups[block], {})[name] = value
    return person


@pytest.mark.parametrize("value", [3, 5])
def test_a_straight_liner_is_told_nothing_stands_out(builtin_model, value):
    # the same rating for all 280 items says nothing of which occupation; it was read as a
    # squeezed rater whose levels sit nearest 3 (Farm Worker, 40 % sure)
    recs = recommend(_straight(builtin_model, value), model=builtin_model, top_k=3)
    assert recs[0].confidence < 0.05


def test_a_person_who_tells_items_apart_stays_sure(builtin_model):
    # an honest, noisy whole questionnaire of a dentist (mostly 0s and 1s for other jobs' items)
    path = FIXTURES / "profiles" / "whole-questionnaire-dentist.json"
    recs = recommend(json.loads(path.read_text()), model=builtin_model, top_k=3)
    assert recs[0].occupation_id == "dentist" and recs[0].confidence > 0.9


def test_answers_that_do_not_follow_the_items_are_likelier_the_flatter_they_are():
    from matcher.core.flat import flat_likelihood

    counts = np.zeros((6, 3))
    counts[3, 0] = 40  # forty 3s
    counts[3, 1], counts[4, 1] = 36, 4  # nearly
    counts[:, 2] = [5, 10, 5, 5, 10, 5]  # spread over the scale
    ll = flat_likelihood(counts, np.zeros(3), np.full(3, 40))  # three whole questionnaires
    assert ll[0] > ll[1] > ll[2]
    assert ll[0] - ll[2] > 40  # about a nat an answer


def test_a_free_list_of_like_ratings_keeps_its_confidence(builtin_model):
    # a free list names what the person has: which items is the evidence, even when every
    # rating is a 3, 4 or 5 (the flat alternative is for questionnaires; on this office
    # temp's list it took the first match from 98 % to 13 %)
    persona = json.loads((FIXTURES.parent / "personas" / "office-temp.json").read_text())
    ratings = {
        v
        for block in ("skills", "aptitudes", "traits")
        for v in persona["assessment"].get(block, {}).values()
    }
    assert "asked" not in persona["assessment"] and ratings <= {3, 4, 5}
    recs = recommend(persona["assessment"], model=builtin_model, top_k=1)
    assert recs[0].confidence > 0.9


def test_a_free_lists_blanks_weigh_less_in_the_confidence_where_every_item_is_rated(monkeypatch):
    """O*NET's free lists leave about 75 of 90 items unnamed: weighed as on the built-in
    catalog (where an occupation lists about 10) their first matches were given 25 % where
    20 % were right. The order is the same either way; only the confidence moves."""
    import warnings

    from matcher import import_onet
    from matcher.core import likelihood
    from matcher.core.posterior import FREE_LIST_BLANKS, FREE_LIST_BLANKS_RATED

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = import_onet(FIXTURES / "onet")
    assert not model.scorer.weights.background  # a catalog that rates every item
    ratings = np.full(model.vectorizer.n_features, np.nan)
    ratings[:3] = [5, 4, 4]
    asked = np.ones_like(ratings, dtype=bool)  # a free list: every other item unnamed
    light = evaluate_one(ratings, asked, model.scorer)
    monkeypatch.setattr(likelihood, "FREE_LIST_BLANKS_RATED", FREE_LIST_BLANKS)
    heavy = evaluate_one(ratings, asked, model.scorer)
    assert FREE_LIST_BLANKS_RATED < FREE_LIST_BLANKS
    np.testing.assert_array_equal(light.shortlist, heavy.shortlist)
    np.testing.assert_array_equal(light.exact, heavy.exact)  # the order: untouched
    assert light.posterior.max() < heavy.posterior.max()  # less sure
