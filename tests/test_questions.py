"""Choosing the next question: the maths (matcher.core.questions), next_questions() and the
designed questionnaire of ``survey-template --items``."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from helpers import scorer_of as _scorer

from matcher import Assessment, AssessmentError, InputError, Interview, next_questions, recommend
from matcher.core.design import design, listed_order
from matcher.core.questions import (
    Belief,
    answer_model,
    contrast,
    information_gain,
    predictive,
)
from matcher.match.questions import choose, designed_order, read_answers

# -- the maths -----------------------------------------------------------------------------


def test_an_items_level_columns_sum_to_one_and_interpolate_between_knots():
    levels = np.array([[2.5, 4.0], [1.0, 4.0]])
    model = answer_model(_scorer(levels, np.ones_like(levels), background=False))
    columns = model.ratings.columns(np.array([1, 0]))  # (F, C, L), rows in the order asked
    assert columns.shape == (2, 2, 6)
    np.testing.assert_allclose(columns.sum(axis=2), 1.0)
    np.testing.assert_allclose(columns[0, 1, 2:4], [0.5, 0.5])  # 2.5: half at 2, half at 3
    np.testing.assert_allclose(columns[0, 0, 1], 1.0)  # occupation 1 reads item 0 at 1
    np.testing.assert_allclose(columns[1, 0], columns[1, 1])  # both need item 1 at 4


def test_an_unlisted_item_is_read_at_the_catalogs_typical_row():
    levels = np.array([[4.0, 0.0], [0.0, 3.0], [0.0, 0.0]])
    importance = (levels > 0).astype(float)
    scorer = _scorer(levels, importance, background=True)
    columns = answer_model(scorer).ratings.columns(np.arange(3))
    np.testing.assert_allclose(columns.sum(axis=2), 1.0)
    # occupations 1 and 2 do not list item 0: both read it at the typical row
    np.testing.assert_allclose(columns[0, 1], columns[0, 2])
    np.testing.assert_allclose(
        columns[0, 1], scorer.weights.typical[0] / scorer.weights.typical[0].sum(), rtol=1e-5
    )
    assert columns[0, 0, 4] == pytest.approx(1.0)  # occupation 0 lists it at 4, importance 1


def _belief(tables: np.ndarray, weight, rate: float = 0.0) -> Belief:
    c = len(weight)
    return Belief(np.arange(c), np.asarray(weight, float), tables, np.full((c, 2), rate))


def test_an_item_that_splits_two_likely_occupations_perfectly_tells_one_bit():
    tables = np.broadcast_to(np.eye(6), (2, 6, 6)).copy()  # rating = level, no noise
    columns = np.zeros((3, 2, 6))
    columns[0, 0, 0] = columns[0, 1, 5] = 1.0  # item 0: level 0 against level 5
    columns[1, :, 3] = 1.0  # item 1: both at 3
    columns[2, 0, 2] = columns[2, 1, 3] = 1.0  # item 2: 2 against 3
    answers = predictive(columns, _belief(tables, [0.5, 0.5]))
    np.testing.assert_allclose(answers.sum(axis=2), 1.0)
    gain = information_gain(answers, np.array([0.5, 0.5]))
    np.testing.assert_allclose(gain, [1.0, 0.0, 1.0], atol=1e-12)
    # a skip tells nothing here: a person who skips a third of the items learns a third less
    skipping = information_gain(
        predictive(columns, _belief(tables, [0.5, 0.5], 1 / 3)), np.full(2, 0.5)
    )
    np.testing.assert_allclose(skipping, [2 / 3, 0.0, 2 / 3], atol=1e-12)
    # an occupation nobody believes in is not worth telling apart
    assert information_gain(answers, np.array([1.0, 0.0]))[0] == pytest.approx(0.0)


def test_a_skip_tells_which_occupation_lists_an_item_when_the_person_skips_what_theirs_does_not():
    tables = np.broadcast_to(np.full((6, 6), 1 / 6), (2, 6, 6)).copy()  # ratings tell nothing
    columns = np.full((1, 2, 6), 1 / 6)
    known = Belief(np.arange(2), np.array([0.5, 0.5]), tables, np.array([[0.05, 0.9]] * 2))
    weight = known.weight
    assert information_gain(predictive(columns, known), weight)[0] == pytest.approx(0.0)
    unlisted = np.array([[0.0, 1.0]])  # the first lists the item, the second does not
    answers = predictive(columns, known, unlisted)
    np.testing.assert_allclose(answers[0, :, 6], [0.05, 0.9])
    assert information_gain(answers, weight)[0] > 0.4


def test_noise_makes_an_answer_tell_less():
    sharp = np.broadcast_to(np.eye(6), (2, 6, 6)).copy()
    blurred = 0.6 * sharp + 0.4 / 6
    columns = np.zeros((1, 2, 6))
    columns[0, 0, 1] = columns[0, 1, 4] = 1.0
    weight = np.array([0.5, 0.5])
    noisy = information_gain(predictive(columns, _belief(blurred, weight)), weight)[0]
    clean = information_gain(predictive(columns, _belief(sharp, weight)), weight)[0]
    assert 0.0 < noisy < clean


def test_the_contrast_is_the_likely_pair_whose_answers_differ_most():
    answers = np.zeros((4, 7))
    for c, rating in enumerate([1, 1, 5, 3]):
        answers[c, rating] = 1.0
    assert contrast(answers, np.array([0.4, 0.3, 0.2, 0.1])) == (0, 2)
    # an unlikely occupation does not make the reason
    assert contrast(answers, np.array([0.5, 0.0, 1e-9, 0.5])) == (0, 3)


def test_the_design_asks_what_splits_the_catalog_first_and_nothing_twice():
    rng = np.random.default_rng(0)
    split = np.repeat([[0.0, 5.0], [5.0, 0.0]], 10, axis=0)  # two kinds of occupation, twice
    weak = rng.integers(2, 4, (20, 4)).astype(float)  # 2 or 3: easily blurred by noise
    levels = np.hstack([np.full((20, 1), 3.0), split, weak])
    model = answer_model(_scorer(levels, np.ones_like(levels), background=False))
    order, gains = design(model, 7, np.arange(7))
    assert sorted(order.tolist()) == list(range(7))
    assert order[0] in (1, 2)  # the split, not item 0 that every occupation needs alike
    assert order[1] not in (1, 2)  # the split's mirror tells nothing new
    assert order.tolist().index(0) >= 5
    # a gain for each item the design chose, none for those after it (padded with 0s, the
    # count was read back with count_nonzero); item 0, alike everywhere, is not chosen
    assert 0 < len(gains) <= order.tolist().index(0) and np.all(gains > 0)
    assert gains[0] > gains[1]
    assert (
        design(model, 3, np.arange(7))[0].tolist() == order[:3].tolist()
    )  # the first 3 of 7 are the 3


# -- next_questions() ------------------------------------------------------------------------


def test_an_empty_profile_gets_the_opening_questions(builtin_model):
    first = next_questions(None, k=5, model=builtin_model)
    assert len(first) == 5
    assert [q.gain for q in first] == sorted((q.gain for q in first), reverse=True)
    assert all(q.reason.startswith("splits the catalog") and not q.contrast for q in first)
    assert next_questions({}, k=5, model=builtin_model) == first
    # "asked": null: nothing to rank on yet (it was an AttributeError); a wrong word is named
    assert next_questions({"asked": None}, k=5, model=builtin_model) == first
    with pytest.raises(AssessmentError, match="'asked' must be \"all\""):
        next_questions({"asked": "ALL"}, k=5, model=builtin_model)
    # the same questions, whatever was asked before in this process
    assert next_questions(None, k=5, model=builtin_model) == first


def test_questions_are_items_not_asked_yet(builtin_model):
    person = {
        "skills": {"Nursing Care": 4, "Patient Assessment": 4},
        "asked": {"skills": ["Nursing Care", "Patient Assessment", "Infection Control"]},
    }
    questions = next_questions(person, k=10, model=builtin_model)
    keys = {q.key for q in questions}
    assert len(keys) == 10
    assert not keys & {"skill:Nursing Care", "skill:Patient Assessment", "skill:Infection Control"}
    # skipped only: the skipped item is not asked again, the rest are the opening questions
    skipped = next_questions({"asked": {"skills": ["Team Management"]}}, k=3, model=builtin_model)
    assert "skill:Team Management" not in {q.key for q in skipped}


def test_asked_all_leaves_nothing_to_ask(builtin_model):
    """ "all" read as a free list: the interview asked again what the person had skipped
    (three opening questions), where listing every name gave none."""
    every: dict[str, list[str]] = {}
    for block, name in builtin_model.feature_keys:
        every.setdefault(f"{block}s", []).append(name)
    rated = {"skills": {"Patient Care": 4, "Infection Control": 4}}
    assert next_questions({**rated, "asked": every}, k=3, model=builtin_model) == []
    assert next_questions({**rated, "asked": "all"}, k=3, model=builtin_model) == []
    assert next_questions({"asked": "all"}, k=3, model=builtin_model) == []  # all skipped
    person, _, asked = read_answers({**rated, "asked": "all"}, builtin_model)
    assert asked.all() and person.asked == "all"
    # a free list still asked only what it rates; the ranking reads both as every item asked
    assert read_answers(rated, builtin_model)[2].sum() == 2
    # alike but in what each says of the items not rated: left blank when asked ("all")
    everything = recommend({**rated, "asked": "all"}, model=builtin_model)
    free = recommend(rated, model=builtin_model)
    assert [dataclasses.replace(r, left_blank=()) for r in everything] == free
    assert all(r.left_blank == r.unrated for r in everything)


def test_an_assessment_is_a_questionnaire_so_far(builtin_model):
    """An Interview's skips alone (no rating) are still a questionnaire; a bad rating in an
    Assessment is an AssessmentError, not numpy's broadcast error."""
    interview = Interview(builtin_model)
    first = interview.snapshot.question
    interview.answer(None)
    questions = next_questions(interview.assessment(), k=3, model=builtin_model)
    assert len(questions) == 3 and first.key not in {q.key for q in questions}
    bad = Assessment(ratings={("skill", "Patient Care"): 9})
    with pytest.raises(AssessmentError, match=r"(?s)<Assessment>: .*rating 9 is outside 0-5"):
        next_questions(bad, model=builtin_model)


def test_a_question_says_which_likely_occupations_it_tells_apart(builtin_model):
    person = {"skills": {"Nursing Care": 5, "Patient Assessment": 4}, "traits": {"Compassion": 4}}
    question = next_questions(person, k=1, model=builtin_model)[0]
    assert question.gain > 0
    a, b = question.contrast
    first, second = (builtin_model.resolve_occupation(x).title for x in (a, b))
    assert question.reason.startswith(f"tells {first} from {second}")
    # the item is one the two need differently
    item = builtin_model.vectorizer.feature_index(question.block, question.name)
    rows = [builtin_model.index_of(x) for x in (a, b)]
    need = builtin_model.levels[rows, item] * (builtin_model.importance[rows, item] > 0)
    assert need[0] != need[1]


def _answer_from(model, row: int, order) -> tuple[np.ndarray, np.ndarray]:
    """Ratings and asked items of a person of occupation ``row`` who rates the items of
    ``order`` at the levels it needs and skips those it does not list."""
    n = model.vectorizer.n_features
    ratings, asked = np.full(n, np.nan), np.zeros(n, bool)
    for item in order:
        asked[item] = True
        if model.importance[row, item] > 0:
            ratings[item] = round(model.levels[row, item])
    return ratings, asked


def test_adaptive_questions_find_a_person_sooner_than_the_catalogs_order(builtin_model):
    from matcher.core.likelihood import evaluate_one

    keys = builtin_model.feature_keys
    found = {"adaptive": 0, "in order": 0}
    rows = range(0, len(builtin_model.ids), 21)  # ten occupations across the catalog
    for row in rows:
        ratings, asked = _answer_from(builtin_model, row, [])
        for _ in range(10):
            question = choose(ratings, asked, builtin_model, 1)[0]
            item = keys.index((question.block, question.name))
            ratings, asked = _answer_from(builtin_model, row, [*np.flatnonzero(asked), item])
        for label, (r, a) in (
            ("adaptive", (ratings, asked)),
            ("in order", _answer_from(builtin_model, row, range(10))),
        ):
            scores = evaluate_one(r, a, builtin_model.scorer).log_likelihood[0]
            found[label] += int(np.sum(scores >= scores[row]) <= 5)  # ties count against
    assert found["adaptive"] >= 9 and found["in order"] <= 3


def test_bad_input_is_an_error_naming_it(builtin_model):
    with pytest.raises(AssessmentError, match="Nursng Care"):
        next_questions({"skills": {"Nursng Care": 4}}, model=builtin_model)
    with pytest.raises(AssessmentError, match="Teem"):
        next_questions({"asked": {"skills": ["Teem Management"]}}, model=builtin_model)
    with pytest.raises(InputError, match="k"):
        next_questions(None, k=0, model=builtin_model)


def test_a_profile_without_asked_was_asked_what_it_rates(builtin_model):
    _, ratings, asked = read_answers({"skills": {"Nursing Care": 4}}, builtin_model)
    assert asked.sum() == 1 and ratings[asked] == 4


def test_questions_are_deterministic(builtin_model):
    person = {"skills": {"Programming": 4}, "traits": {"Leadership": 2}}
    assert next_questions(person, k=4, model=builtin_model) == next_questions(
        person, k=4, model=builtin_model
    )


def test_the_designed_questionnaire_is_nested_and_every_item_once(fixture_model):
    every, _ = designed_order(fixture_model)
    assert sorted(every.tolist()) == list(range(fixture_model.vectorizer.n_features))
    assert designed_order(fixture_model, 5)[0].tolist() == every[:5].tolist()
    # the first item is one the occupations need differently
    first = fixture_model.levels[:, every[0]] * (fixture_model.importance[:, every[0]] > 0)
    assert np.ptp(first) > 0


def test_once_the_items_tell_the_occupations_apart_the_rest_are_the_most_listed(fixture_model):
    """On a small catalog a few dozen items tell every simulated respondent's occupation for
    sure; the gains left were rounding, and the design took the rest in the vocabulary's
    order, items no occupation lists before those the catalog uses (a 23-occupation
    hospital survey asked about Air Traffic Control and left out Teamwork)."""
    every, designed = designed_order(fixture_model)
    assert 0 < designed < len(every)
    listed = np.count_nonzero(fixture_model.importance > 0, axis=0)[every]
    assert not np.any((listed[:-1] == 0) & (listed[1:] > 0))  # nobody's item before a listed one
    rest = set(every[designed:].tolist())
    expected = [i for i in listed_order(fixture_model.importance).tolist() if i in rest]
    assert every[designed:].tolist() == expected
    # the first N of a longer design are still the design of N, however many were designed
    for n in (designed - 1, designed + 3):
        first, chosen = designed_order(fixture_model, n)
        assert first.tolist() == every[:n].tolist() and chosen == min(n, designed)


def test_the_items_after_the_design_go_by_how_many_list_them_then_mean_importance():
    importance = np.array(
        [
            [0.0, 0.5, 0.2, 0.0, 0.9, 0.1],
            [0.0, 0.5, 0.2, 0.0, 0.0, 0.1],
            [0.0, 0.0, 0.2, 0.0, 0.0, 0.0],
        ]
    )
    assert listed_order(importance).tolist() == [2, 1, 5, 4, 0, 3]


def test_the_belief_reads_the_counts_in_the_tables_order(builtin_model, monkeypatch):
    """The counts handed to the belief are in the order of ``scorer.tables`` (rating, then
    level column), whatever the layout the passes count in: each style's log-likelihood of
    each occupation is the same either way."""
    import matcher.match.questions as questions
    from matcher.match.questions import understand

    scorer = builtin_model.scorer
    rng = np.random.default_rng(4)
    ratings = np.full(scorer.weights.n_features, np.nan)
    chosen = rng.choice(len(ratings), 30, replace=False)
    ratings[chosen] = rng.integers(0, 6, 30)
    asked = ~np.isnan(ratings)
    seen = {}
    real = questions.belief

    def spy(rated, *rest):
        seen["rated"] = rated
        return real(rated, *rest)

    monkeypatch.setattr(questions, "belief", spy)
    understand(ratings, asked, builtin_model)
    evidence = scorer.evidence(ratings, asked)
    counts = evidence.rated[:, :, 0] + evidence.base[:, 0]  # the passes' own layout
    expected = counts @ scorer.by_level  # (m, G)
    assert seen["rated"] @ scorer.tables == pytest.approx(expected, rel=1e-4, abs=1e-3)


def test_answers_are_predicted_as_the_ranking_will_read_them(builtin_model):
    # An interview of fewer than BACKGROUND_ANSWERS answers is ranked as a free list (typical
    # rows), a longer one as a questionnaire (unlisted items from the background).
    from matcher.core.questions import answer_model, answers, opening, predictive
    from matcher.core.scorer import BACKGROUND_ANSWERS

    model = answer_model(builtin_model.scorer)
    start = opening(model)
    known = dataclasses.replace(start, rows=start.rows[:12], weight=start.weight[:12])
    known = dataclasses.replace(known, tables=known.tables[:12], skip=known.skip[:12])
    unlisted = model.listing.columns(known.rows)[:, :, -1]
    early = predictive(model.early.columns(known.rows), known, unlisted)
    late = predictive(model.ratings.columns(known.rows), known, unlisted)
    assert not np.allclose(early, late)
    np.testing.assert_allclose(answers(model, known), early)
    longer = dataclasses.replace(known, answers=BACKGROUND_ANSWERS - 1)
    np.testing.assert_allclose(answers(model, longer), late)


def test_a_reason_never_contrasts_two_occupations_that_both_leave_the_item_out(builtin_model):
    # after many skips: "tells A from B: A does not list it, B does not list it" said nothing
    keys = builtin_model.feature_keys
    skipped = [name for block, name in keys if block == "skill"][:25]
    questions = next_questions({"asked": {"skills": skipped}}, k=10, model=builtin_model)
    assert questions
    for q in questions:
        assert q.reason.count("does not list it") < 2, q.reason
