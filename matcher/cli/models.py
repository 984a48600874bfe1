"""``matcher build``, ``import-onet`` and ``trust``: making models and trusting model files."""

from __future__ import annotations

import argparse
from pathlib import Path

from matcher.model.credit import with_source
from matcher.util.labels import counted

from . import base


def add_arguments(p: argparse.ArgumentParser, command: str) -> None:
    if command == "build":
        p.add_argument(
            "--catalog", type=Path, help="folder of job profiles (default: the built-in catalog)"
        )
        p.add_argument(
            "-o", "--output", type=Path, help="model file to write (default: the default model's)"
        )
        base.add_quiet_option(p, "summary line")
        base.add_json_option(p, "what was built and where it was saved")
        p.set_defaults(handler=build)
    elif command == "import-onet":
        p.add_argument("directory", type=Path, help="folder of the O*NET db_XX_X_text files")
        p.add_argument("-o", "--output", type=Path, required=True, help="model file to write")
        base.add_quiet_option(p, "summary line")
        base.add_json_option(p, "what was imported and where it was saved")
        p.set_defaults(handler=import_onet)
    else:
        p.add_argument("path", type=Path, help="the model file to sign")
        base.add_quiet_option(p, "confirmation")
        base.add_json_option(p, "the signed file")
        p.set_defaults(handler=trust)


def build(args: argparse.Namespace) -> int:
    from matcher.model.build import build_model
    from matcher.model.default import DEFAULT_FILE
    from matcher.model.locations import models_dir

    model = build_model(args.catalog)
    path = model.save(args.output or models_dir() / DEFAULT_FILE)
    facts = {
        "model": str(path),
        "occupations": len(model.catalog),
        "features": model.vectorizer.n_features,
        "source": model.source,
    }
    return _report(
        args,
        facts,
        f"built a model of {counted(facts['occupations'], 'occupation')} and "
        f"{counted(facts['features'], 'item')} from {model.source}; saved to {path}",
        model,
    )


def import_onet(args: argparse.Namespace) -> int:
    from matcher.io.onet import import_onet as read_onet
    from matcher.model.credit import credit_line

    model = read_onet(args.directory)
    path = model.save(args.output)
    facts = {
        "model": str(path),
        "occupations": len(model.catalog),
        "skipped_without_ratings": model.extra.get("unrated", 0),
        "features": model.vectorizer.n_features,
        "source": model.source,
    }
    return _report(
        args,
        facts,
        f"imported {facts['occupations']} O*NET occupations "
        f"({facts['skipped_without_ratings']} without ratings skipped) and "
        f"{counted(facts['features'], 'item')}; saved to {path}\n{credit_line(model)}",
        model,
    )


def trust(args: argparse.Namespace) -> int:
    from matcher.model.trust import trust_model

    trust_model(args.path)
    return _report(
        args,
        {"model": str(args.path), "signed": True},
        f"{args.path} is now signed with your key; load_model() will accept it",
    )


def _report(args: argparse.Namespace, facts: dict, sentence: str, model=None) -> int:
    if args.json:
        base.print_json(facts if model is None else with_source(facts, model))
    elif not args.quiet:
        print(sentence)
    return base.EXIT_OK
