"""Where things live: the built-in data (in a checkout and in a wheel), the model cache, the key.

``MATCHER_HOME``, when set, holds both the cached models and the signing key.
Otherwise a checkout caches models in its ``models/`` folder, and an installed
package uses the user's cache and config folders as ``platformdirs`` gives
them (``$XDG_CACHE_HOME/matcher``, else ``~/.cache/matcher``, and
``$XDG_CONFIG_HOME/matcher``, else ``~/.config/matcher``, on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["catalog_dir", "config_dir", "data_dir", "models_dir", "vocabulary_dir"]

_PACKAGE = Path(__file__).resolve().parent.parent


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
    package, whose folder may be read-only, uses the user's cache folder.
    """
    if home := os.environ.get("MATCHER_HOME"):
        return Path(home) / "models"
    checkout_models = _PACKAGE.parent / "models"
    if checkout_models.is_dir() and os.access(checkout_models, os.W_OK):
        return checkout_models
    import platformdirs  # a few milliseconds to import: only for the user's own folders

    return Path(platformdirs.user_cache_dir("matcher", appauthor=False)) / "models"


def config_dir() -> Path:
    """Where the per-user signing key for trusted models is kept."""
    if home := os.environ.get("MATCHER_HOME"):
        return Path(home)
    import platformdirs

    return Path(platformdirs.user_config_dir("matcher", appauthor=False))
