"""``matcher build``, ``import-onet`` and ``trust``: making models and trusting model files."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import base


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("build", help="build and save a model from a catalog folder")
    p.add_argument("--catalog", type=Path, help="folder of profiles (default: built-in catalog)")
    p.add_argument("-o", "--output", type=Path, help="model file (default: models/default.model)")
    p.set_defaults(handler=build)

    p = subparsers.add_parser("import-onet", help="build a model from an O*NET text database")
    p.add_argument("directory", type=Path, help="folder of the O*NET db_XX_X_text files")
    p.add_argument("-o", "--output", type=Path, required=True, help="model file to write")
    p.set_defaults(handler=import_onet)

    p = subparsers.add_parser("trust", help="sign a model file you trust with your key")
    p.add_argument("path", type=Path, help="the model file to sign")
    p.set_defaults(handler=trust)


def build(args: argparse.Namespace) -> int:
    from matcher.model.build import build_model
    from matcher.model.default import DEFAULT_FILE
    from matcher.model.locations import models_dir

    model = build_model(args.catalog)
    path = model.save(args.output or models_dir() / DEFAULT_FILE)
    print(
        f"built a model of {len(model.catalog)} occupations and {model.vectorizer.n_features} "
        f"features from {model.source}; saved to {path}"
    )
    return base.EXIT_OK


def import_onet(args: argparse.Namespace) -> int:
    from matcher.io.onet import import_onet as read_onet

    model = read_onet(args.directory)
    path = model.save(args.output)
    print(
        f"imported {len(model.catalog)} O*NET occupations ({model.extra.get('unrated', 0)} "
        f"without ratings skipped) and {model.vectorizer.n_features} features; saved to {path}"
    )
    return base.EXIT_OK


def trust(args: argparse.Namespace) -> int:
    from matcher.model.store import trust_model

    trust_model(args.path)
    print(f"{args.path} is now signed with your key; load_model() will accept it")
    return base.EXIT_OK
