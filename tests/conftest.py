"""Shared fixtures. Every test runs with its own MATCHER_HOME, so signing keys and cached
models never leak between tests or into the user's home."""

from __future__ import annotations

from pathlib import Path

import pytest

from matcher import build_model

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def matcher_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("matcher-home")
    monkeypatch.setenv("MATCHER_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def fixture_model():
    """A model of the six small profiles in tests/fixtures/catalog."""
    return build_model(FIXTURES / "catalog")


@pytest.fixture(scope="session")
def builtin_model():
    """A model of the built-in catalog (data/profiles)."""
    return build_model()


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: it holds data for developers and CI only, not shipped")
    return path
