"""Shared fixtures. Every test runs with its own MATCHER_HOME, so signing keys and cached
models never leak between tests or into the user's home. Helpers are in helpers.py."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest
from helpers import FIXTURES, shared_or_skip

from matcher import build_model, import_onet


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


@pytest.fixture(scope="session")
def shared_onet_model():
    """A model of the real O*NET database in ../shared/onet, imported as a user imports it
    (related jobs too); the test skips, saying why, without it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the shared copy has no Abilities.txt: tested apart
        return import_onet(shared_or_skip("onet"))


@pytest.fixture(scope="session")
def onet_fixture_model():
    """A model of the small O*NET fixture database (tests/fixtures/onet), imported once."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the fixture leaves out files a real database has
        return import_onet(FIXTURES / "onet")


@pytest.fixture
def onet_dir(tmp_path) -> Path:
    """A private copy of the O*NET fixture database (tests/fixtures/onet), to delete or edit
    files in."""
    target = tmp_path / "onet"
    shutil.copytree(FIXTURES / "onet", target)
    return target


@pytest.fixture
def model_file(fixture_model, tmp_path):
    """The fixture model saved (and signed with this test's key), as a path string."""
    return str(fixture_model.save(tmp_path / "fixture.joblib"))


@pytest.fixture(scope="module")
def dask_cluster():
    """An in-process Dask cluster of two single-threaded workers, one per test module."""
    distributed = pytest.importorskip(
        "distributed", reason="distributed is not installed: pip install 'matcher[dask]'"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(
            host="127.0.0.1",
            protocol="tcp",
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            dashboard_address=None,
        )
    yield cluster
    cluster.close()


@pytest.fixture(params=["local", "dask"])
def engine(request):
    """The engine options of ``score_survey`` / ``write_batch``: each test runs once per engine."""
    if request.param == "local":
        return {"engine": "local"}
    cluster = request.getfixturevalue("dask_cluster")
    return {"engine": "dask", "scheduler": cluster.scheduler_address}
