"""Helpers the tests share (fixtures are in conftest.py). No test file imports another."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

from matcher import score_survey

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"

#: Rating columns of :func:`make_survey` (those the model knows are used).
SURVEY_COLUMNS = [
    "skill:Office Administration",
    "skill:Citizen Services",
    "skill:Policy Planning",
    "skill:Budget Management",
    "skill:Nursing Care",
    "skill:Programming",
    "aptitude:Communication Skills",
    "trait:Leadership",
]


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: it holds data for developers and CI only, not shipped")
    return path


def make_survey(path, model, n=40, seed=0, target=True, extra_rows=""):
    """A survey of n respondents with random ratings (about half answered)."""
    rng = np.random.default_rng(seed)
    columns = [
        c for c in SURVEY_COLUMNS if model.vectorizer.feature_index(*c.split(":", 1)) is not None
    ]
    titles = [o.title for o in model.catalog]
    lines = [",".join(["respondent_id", *columns, *(["target_job"] if target else [])])]
    for i in range(n):
        ratings = [str(rng.integers(0, 6)) if rng.random() < 0.6 else "" for _ in columns]
        if not any(ratings):
            ratings[0] = "3"
        goal = [titles[rng.integers(len(titles))] if rng.random() < 0.5 else ""] if target else []
        lines.append(",".join([f"r{i:03d}", *ratings, *goal]))
    path.write_text("\n".join(lines) + "\n" + extra_rows, encoding="utf-8")
    return path


def quiet_score(*args, **kwargs):
    """:func:`matcher.score_survey` without its warning about rejected rows."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return score_survey(*args, **kwargs)


def scorer_of(levels: np.ndarray, importance: np.ndarray, *, background: bool):
    """A :class:`~matcher.core.scorer.Scorer` of occupations' ``levels`` and
    ``importance`` (m, F) on knots 0-5, the whole style prior; ``background``: a listing
    catalog (unlisted items read from a background of levels 0 and 1)."""
    from matcher.core.scorer import Scorer
    from matcher.core.styles import cells, probes, rating_tables, style_grid
    from matcher.core.weighting import level_weights

    knots = np.arange(0.0, 5.01, 1.0)
    weights = level_weights(levels, importance, knots, background=background)
    listing = level_weights(levels, importance, knots, background=background, discriminate=False)
    grid = style_grid(2.5)
    tables = rating_tables(
        grid, knots, (np.array([0.0, 1.0]), np.array([0.5, 0.5])) if background else None
    )
    return Scorer(weights, listing, grid, tables, probes(grid), cells(grid))


def expected_failures(files, not_yet: dict[str, str]) -> list:
    """Test parameters of ``files`` (paths), those whose stem is in ``not_yet`` strict
    expected failures with its reason: one that starts to pass fails until taken off."""
    return [
        pytest.param(
            path, marks=pytest.mark.xfail(strict=True, reason=f"not yet: {not_yet[path.stem]}")
        )
        if path.stem in not_yet
        else path
        for path in files
    ]
