"""The evaluation suite of ``scripts/evaluate.py`` (``scripts/evaluation/``) on a tiny
synthetic catalog: each response style produces what it claims, the oracle earns its place
as a ceiling, the baselines compute what they say, and matcher is scored as ``recommend()``
scores. The parts that need O*NET skip without it."""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
import pytest
from helpers import ROOT, shared_or_skip
from scipy.stats import spearmanr

sys.path.insert(0, str(ROOT / "scripts"))

from evaluation import ablation, baselines, metrics, oracle, styles
from evaluation.freelist import simulate_free_lists
from evaluation.suite import Catalog, matcher_scores

from matcher.core.likelihood import evaluate_one

M, F = 30, 60


@pytest.fixture(scope="module")
def levels():
    rng = np.random.default_rng(7)
    return np.clip(rng.normal(2.5, 1.3, size=(M, F)), 0, 5).round(2)


def people(levels, name, per=20, variant="base", seed=0):
    return styles.simulate(levels, name, np.random.default_rng(seed), per, variant)


def _shift(p, levels) -> float:
    """Mean of rating − level over answered items."""
    return float(np.nanmean(p.ratings - levels[p.truth]))


def _spread(p) -> float:
    """Mean within-person standard deviation of the ratings."""
    return float(np.mean(np.nanstd(p.ratings, axis=1)))


def test_every_style_answers_on_the_scale_and_only_what_it_was_asked(levels):
    for name in styles.STYLES:
        p = people(levels, name)
        answered = ~np.isnan(p.ratings)
        assert np.isin(p.ratings[answered], np.arange(6)).all(), name
        assert not (answered & ~p.asked).any(), name
        assert answered.any(axis=1).all(), name
        assert (p.styles == list(styles.STYLES).index(name)).all()


def test_leniency_and_severity_shift_the_ratings(levels):
    honest = _shift(people(levels, "honest"), levels)
    assert abs(honest) < 0.15
    assert _shift(people(levels, "leniency"), levels) > honest + 0.5
    assert _shift(people(levels, "severity"), levels) < honest - 0.5
    assert _shift(people(levels, "weak-overrate"), levels) > honest + 0.5


def test_extreme_midpoint_and_acquiescence_change_the_spread(levels):
    honest = people(levels, "honest")
    assert _spread(people(levels, "extreme")) > _spread(honest) + 0.3
    assert _spread(people(levels, "midpoint")) < _spread(honest) - 0.5
    top = people(levels, "acquiescence")
    assert _spread(top) < _spread(honest) - 0.2
    assert _shift(top, levels) > _shift(honest, levels) + 0.3


def test_skip_weak_skips_low_levels_more_and_honest_skips_at_random(levels):
    def skip_rates(p):
        true = levels[p.truth]
        blank = p.asked & np.isnan(p.ratings)
        return blank[true < 1.5].mean(), blank[true > 3.5].mean()

    low, high = skip_rates(people(levels, "skip-weak"))
    assert low > high + 0.3
    low, high = skip_rates(people(levels, "honest"))
    assert abs(low - high) < 0.05


def test_short_questionnaires_ask_20_to_40_items_the_rest_ask_all(levels):
    asked = people(levels, "short").asked.sum(axis=1)
    assert asked.min() >= 20 and asked.max() <= 40 and asked.std() > 2
    assert people(levels, "honest").asked.all()


def test_weak_overrate_comes_from_the_weakest_third(levels):
    weakest = set(np.argsort(levels.mean(axis=1))[: M // 3].tolist())
    assert set(people(levels, "weak-overrate").truth.tolist()) == weakest


def test_careless_answers_land_anywhere(levels):
    def far(p):
        return float(np.nanmean(np.abs(p.ratings - levels[p.truth]) >= 2))

    # a quarter of the answers at random: about a third of those 2 points off or more
    assert far(people(levels, "careless")) > far(people(levels, "honest")) + 0.05


def test_the_variants_change_what_they_say(levels):
    base, t3 = people(levels, "honest"), people(levels, "honest", variant="t3")
    tail = [float(np.nanmean(np.abs(p.ratings - levels[p.truth]) >= 2)) for p in (base, t3)]
    assert tail[1] > tail[0]
    assert _shift(people(levels, "honest", variant="floor"), levels) < _shift(base, levels) - 0.15
    person = people(levels, "honest", variant="person")
    assert np.nanvar(person.ratings - levels[person.truth]) > np.nanvar(
        base.ratings - levels[base.truth]
    )


def test_a_mixed_population_holds_every_style(levels):
    p = styles.mixed(levels, np.random.default_rng(0), per=20)
    assert set(p.styles.tolist()) == set(range(len(styles.STYLES)))
    assert len(p) == pytest.approx(len(people(levels, "honest")), rel=0.1)


def _mrr(scores, truth) -> float:
    return float(np.mean(1 / metrics.ranks_of(scores, truth)))


@pytest.mark.parametrize("name", ["honest", "leniency", "midpoint", "skip-weak", "careless"])
def test_the_oracle_beats_random_and_every_baseline(levels, name):
    p = people(levels, name, per=10)
    best = _mrr(oracle.oracle(p, levels, name), p.truth)
    chance = np.mean(1 / np.arange(1, M + 1))
    assert best > 3 * chance
    skill = np.arange(F) < 40
    found = baselines.baselines(p.ratings, levels, np.full((M, F), 0.8), skill)
    strongest = max(_mrr(s, p.truth) for s in found.values())
    assert best >= strongest - 0.01, (name, best, strongest)


def test_the_oracle_knows_its_variant(levels):
    p = people(levels, "severity", per=10, variant="floor")
    right = _mrr(oracle.oracle(p, levels, "severity", "floor"), p.truth)
    assert right >= _mrr(oracle.oracle(p, levels, "severity", "base"), p.truth)


def test_a_personal_deviation_without_skip_weak_only_widens_the_noise(levels, monkeypatch):
    p = people(levels, "leniency", per=2, variant="person")
    closed = oracle.oracle(p, levels, "leniency", "person")
    nodes = oracle._deviations({"levels": "person", "noise": "t3"}, True)  # quadrature
    monkeypatch.setattr(oracle, "_deviations", lambda how, mnar: nodes)
    np.testing.assert_allclose(oracle.oracle(p, levels, "leniency", "person"), closed, rtol=2e-3)


def test_a_mixture_of_one_style_is_that_style(levels):
    p = people(levels, "leniency", per=3)
    np.testing.assert_allclose(
        oracle.mixture_oracle(p, levels), oracle.oracle(p, levels, "leniency"), rtol=1e-6
    )


def test_the_oracle_of_an_interview_reads_the_answers_not_which_items_were_chosen(levels):
    # An interview asks some items only. As a whole-questionnaire style, honest cannot have
    # produced that pattern (-inf for every occupation); items chosen from the answers before
    # leave the blanks' rate as the only part of the pattern, so the answers rank as usual.
    p = people(levels, "honest", per=4)
    first = np.arange(F) < 15
    partial = styles.Respondents(
        np.where(first, p.ratings, np.nan), p.asked & first, p.truth, p.styles
    )
    assert np.isneginf(oracle.oracle(partial, levels, "honest")).all()
    chosen = oracle.oracle(partial, levels, "honest", chosen=True)
    assert np.isfinite(chosen).all()
    assert _mrr(chosen, p.truth) > 3 * np.mean(1 / np.arange(1, M + 1))
    # the blanks' rate stays: asked everything, a chosen order changes nothing
    np.testing.assert_array_equal(
        oracle.oracle(p, levels, "honest", chosen=True), oracle.oracle(p, levels, "honest")
    )


@pytest.mark.parametrize("name", ["honest", "skip-weak", "careless"])
def test_an_unlisted_item_is_read_at_a_level_drawn_from_the_background(levels, name):
    p = people(levels, name, per=2)
    unlisted = np.zeros(levels.shape, bool)
    unlisted[::3, ::4] = True
    some = np.where(unlisted, np.nan, levels)
    # a background of one level is that level
    at_two = oracle.oracle(p, np.where(unlisted, 2.0, levels), name)
    np.testing.assert_allclose(
        oracle.oracle(p, some, name, background=(np.array([2.0]), np.array([1.0]))), at_two
    )
    # two levels: between the two (a mixture of the chances cell by cell)
    mixed = oracle.oracle(p, some, name, background=(np.array([0.0, 4.0]), np.array([0.5, 0.5])))
    assert not np.allclose(mixed, at_two)
    with pytest.raises(ValueError, match="background"):
        oracle.oracle(p, some, name)


def test_spearman_is_scipys_on_the_answered_items(levels):
    p = people(levels, "skip-weak", per=1)
    ours = baselines.spearman(p.ratings[:5], levels)
    for i in range(5):
        seen = ~np.isnan(p.ratings[i])
        for j in range(0, M, 7):
            expected = spearmanr(p.ratings[i, seen], levels[j, seen]).statistic
            assert ours[i, j] == pytest.approx(expected, abs=1e-9)


def test_pearson_is_blind_to_offset_and_scale(levels):
    rng = np.random.default_rng(1)
    values = np.where(rng.random((4, F)) < 0.3, np.nan, rng.uniform(0, 5, (4, F)))
    seen = ~np.isnan(values)
    np.testing.assert_allclose(
        baselines.pearson(values, levels, seen), baselines.pearson(3 * values + 7, levels, seen)
    )


def test_ties_count_half_against_a_method():
    ranks = metrics.ranks_of(np.array([[1.0, 1.0, 0.0], [0.0, 2.0, 2.0]]), np.array([0, 0]))
    assert ranks.tolist() == [1.5, 3.0]


def test_the_interval_holds_the_mean_and_narrows_with_more_people():
    rng = np.random.default_rng(0)
    small, large = rng.random(100), rng.random(10_000)
    a, b = metrics.bootstrap(small), metrics.bootstrap(large)
    assert a.low < a.value < a.high and b.low < b.value < b.high
    assert b.high - b.low < (a.high - a.low) / 5
    both = metrics.bootstrap([small, large])
    assert both.value == pytest.approx((small.mean() + large.mean()) / 2)


def test_free_lists_mention_what_the_person_is_good_at(fixture_model):
    levels, importance = fixture_model.levels, fixture_model.importance
    p = simulate_free_lists(levels, importance, "honest", np.random.default_rng(0), per=200)
    mentioned = ~np.isnan(p.ratings)
    listed_high = (importance[p.truth] > 0) & (levels[p.truth] >= 4)
    unlisted = importance[p.truth] == 0
    assert mentioned[listed_high].mean() > 3 * mentioned[unlisted].mean()
    assert p.asked.all()  # a free list: what it does not mention is a blank


def test_matcher_is_scored_as_recommend_scores(fixture_model):
    catalog = Catalog.of("fixture", fixture_model, free_lists=True)
    p = simulate_free_lists(
        catalog.levels, catalog.importance, "leniency", np.random.default_rng(2), per=2
    )
    batch = matcher_scores(catalog.scorer, p)
    for i in range(len(p)):
        one = evaluate_one(p.ratings[i], p.asked[i], fixture_model.scorer).log_likelihood[0]
        np.testing.assert_allclose(batch[i], one, rtol=1e-4, atol=1e-3)


def test_an_ablation_changes_the_scores_and_restores_the_model(fixture_model):
    catalog = Catalog.of("fixture", fixture_model, free_lists=True)
    p = simulate_free_lists(
        catalog.levels, catalog.importance, "honest", np.random.default_rng(3), per=3
    )
    full = matcher_scores(catalog.scorer, p)
    families = dict(ablation.styles.FAMILIES)
    for name in (
        "no-honest",
        "no-blanks",
        "no-discrimination",
        "no-importance",
        "gaussian",
        "no-relations",
    ):
        with ablation.patched(name) as part:
            changed = matcher_scores(ablation.scorer(catalog, name), p, part.gaussian_only)
        assert not np.allclose(changed, full), name
    assert families == ablation.styles.FAMILIES
    np.testing.assert_allclose(matcher_scores(catalog.scorer, p), full)


def test_parts_that_cannot_act_on_a_catalog_are_not_run(fixture_model):
    documents = Catalog.of("fixture", fixture_model, free_lists=True)
    rated = Catalog.of("fixture", fixture_model)
    assert ablation.applies("no-discrimination", documents)
    assert not ablation.applies("no-discrimination", rated)
    ones = Catalog(**{**documents.__dict__, "block_weight": np.ones(len(documents.skill))})
    assert not ablation.applies("no-block-weights", ones)
    assert ablation.applies("no-relations", documents)
    unrelated = dataclasses.replace(documents.scorer, relations=None)
    assert not ablation.applies(
        "no-relations", Catalog(**{**documents.__dict__, "scorer": unrelated})
    )


def test_the_script_says_when_there_is_no_onet(tmp_path, capsys):
    import evaluate

    assert evaluate.main([str(tmp_path)]) == 2
    assert "no O*NET text database" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        evaluate.main([str(tmp_path), "--variants", "t4"])


def test_on_onet_matcher_and_the_oracle_find_honest_raters():
    from evaluation.related import primary_related

    from matcher import import_onet

    onet = shared_or_skip("onet")
    model = import_onet(onet, related=False)
    related = primary_related(onet, model.ids)
    assert len(related) > 800 and all(related.values())
    catalog = Catalog.of("onet", model)
    rng = np.random.default_rng(0)
    p = styles.simulate(model.levels[:50], "honest", rng, per=1)
    assert _mrr(oracle.oracle(p, model.levels, "honest"), p.truth) > 0.9
    assert _mrr(matcher_scores(catalog.scorer, p), p.truth) > 0.9


def test_calibration_bins_hold_every_respondent_and_their_share_right():
    from evaluation.report import calibration_table

    confidence = np.array([0.1, 0.2, 0.6, 0.95, 1.0, 1.0])
    right = np.array([False, True, True, True, True, True])
    lines = calibration_table(confidence, right)
    rows = [line.split("|")[1:-1] for line in lines[2:]]
    assert sum(int(r[1]) for r in rows) == len(confidence)
    assert [r[0].strip() for r in rows] == ["0.00-0.30", "0.50-0.70", "0.90-0.99", "0.99-1.00"]
    assert rows[0][3].strip().startswith("0.500")


def test_reference_ranks_are_cached_and_read_back_alike(levels, tmp_path):
    from evaluation.suite import Job, reference

    catalog = Catalog(
        "tiny", levels, np.full((M, F), 0.8), np.arange(F) < 40, np.ones(F), None, False
    )
    job = Job("tiny", "base", "leniency", 0, 1)
    first_people, first = reference(catalog, job, tmp_path)
    assert len(list(tmp_path.iterdir())) == 1
    again_people, again = reference(catalog, job, tmp_path)
    assert set(first) == {*baselines.BASELINES, "oracle", "oracle-unknown"} == set(again)
    for name in first:
        np.testing.assert_array_equal(first[name], again[name])
    np.testing.assert_array_equal(first_people.ratings, again_people.ratings)


def test_a_cache_without_the_style_unknown_oracle_gets_it(levels, tmp_path):
    # Caches written before the style-unknown oracle existed keep their respondents and
    # ranks, and gain the new ranks (computed once, then read back).
    from evaluation.suite import Job, reference

    catalog = Catalog(
        "tiny", levels, np.full((M, F), 0.8), np.arange(F) < 40, np.ones(F), None, False
    )
    job = Job("tiny", "base", "honest", 0, 1)
    people, first = reference(catalog, job, tmp_path)
    (path,) = tmp_path.iterdir()
    with np.load(path) as saved:
        kept = {k: saved[k] for k in saved.files if k != "ranks_oracle-unknown"}
    np.savez(path, **kept)
    again_people, again = reference(catalog, job, tmp_path)
    np.testing.assert_array_equal(again["oracle-unknown"], first["oracle-unknown"])
    np.testing.assert_array_equal(again_people.ratings, people.ratings)
    with np.load(path) as saved:
        assert "ranks_oracle-unknown" in saved.files


def test_held_out_styles_answer_as_they_say(levels):
    from evaluation.heldout import HELD_OUT, simulate_held_out

    personal = np.arange(F) % 3 == 0
    answered = {}
    for name in HELD_OUT:
        p = simulate_held_out(levels, personal, name, np.random.default_rng(0), per=4)
        assert p.ratings.shape == (4 * M, F) and (p.truth == np.repeat(np.arange(M), 4)).all()
        assert (~np.isnan(p.ratings)).any(axis=1).all()  # everybody answers something
        answered[name] = p

    def used(name: str) -> set[float]:
        ratings = answered[name].ratings
        return set(np.unique(ratings[~np.isnan(ratings)]).tolist())

    assert used("coarse") <= {1.0, 3.0, 5.0}
    assert used("yes-no") == {0.0, 5.0}
    assert min(used("floor")) >= 2.0
    ranked = answered["ranked"].ratings
    shares = [np.mean(ranked[~np.isnan(ranked)] == v) for v in range(6)]
    assert max(shares) < 0.3  # spread over the scale, whatever the levels
    up = answered["personal-up"]
    gap = np.nanmean(up.ratings[:, personal] - levels[up.truth][:, personal])
    assert gap > np.nanmean(up.ratings[:, ~personal] - levels[up.truth][:, ~personal]) + 0.5


def test_the_free_list_table_of_an_onet_model_has_a_row_per_style():
    import evaluate_freelists

    from matcher import import_onet

    lines = evaluate_freelists.run(import_onet(ROOT / "tests" / "fixtures" / "onet"), 3, 0)
    rows = [line.split(" | ") for line in lines[2:]]
    from evaluation.freelist import FREE_STYLES

    assert [r[0].lstrip("| ") for r in rows] == list(FREE_STYLES)
    for row in rows:
        assert 0.0 < float(row[3].split()[0]) <= 1.0  # matcher's MRR
        assert row[4].split()[0] in baselines.BASELINES  # the best baseline, named
