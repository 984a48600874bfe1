"""Where the built-in data lives, in a checkout and in an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The built-in ``data/`` folder: vocabularies, profiles and examples.

    A wheel carries it as ``matcher/data``; a checkout (or editable install)
    has it beside the package.
    """
    for candidate in (_PACKAGE / "data", _PACKAGE.parent / "data"):
        if (candidate / "vocabulary").is_dir():
            return candidate
    raise FileNotFoundError(
        f"the built-in data folder is missing (looked in {_PACKAGE / 'data'} and "
        f"{_PACKAGE.parent / 'data'}); reinstall matcher"
    )


def catalog_dir() -> Path:
    """The built-in catalog of occupation profiles."""
    return data_dir() / "profiles"


def vocabulary_dir() -> Path:
    return data_dir() / "vocabulary"


def models_dir() -> Path:
    """Where the default model is cached.

    ``MATCHER_HOME`` wins; a checkout uses its ``models/`` folder; an installed
    package, whose folder may be read-only, uses the user's cache directory.
    """
    if home := os.environ.get("MATCHER_HOME"):
        return Path(home) / "models"
    checkout_models = _PACKAGE.parent / "models"
    if checkout_models.is_dir() and os.access(checkout_models, os.W_OK):
        return checkout_models
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "matcher" / "models"


def config_dir() -> Path:
    """Where the per-user signing key for trusted models is kept."""
    if home := os.environ.get("MATCHER_HOME"):
        return Path(home)
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config) / "matcher"
