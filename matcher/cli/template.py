"""``matcher survey-template``: an empty survey with a column for every item of a model."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import base


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("survey-template", help="write an empty survey with every column")
    p.add_argument("-o", "--output", type=Path, required=True, help="survey CSV to write")
    p.add_argument("--id-column", default="respondent_id", help="respondent id column name")
    p.add_argument("--no-example", action="store_true", help="leave out the example row")
    base.add_model_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from matcher.io.survey.template import write_template

    model = base.load_model_option(args)
    path = write_template(args.output, model, id_column=args.id_column, example=not args.no_example)
    print(
        f"wrote {path}: {model.vectorizer.n_features} rating columns; delete the ones your "
        f"questionnaire does not ask"
    )
    return base.EXIT_OK
