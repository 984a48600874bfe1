"""``matcher survey-template``: an empty survey with a column for every item of a model."""

from __future__ import annotations

import argparse
import io
import sys

from matcher.model.credit import with_source

from . import base


def add_arguments(p: argparse.ArgumentParser, command: str) -> None:
    p.description = (
        "Write an empty survey CSV with the id column, current_job, target_job and every "
        "block:name column the model knows, and a one-row example. With --items N, only the "
        "N items chosen one at a time to tell the model's occupations apart (on respondents "
        "simulated from its catalog), in the order chosen; once no item tells them apart any "
        "further, the items most occupations list (see the README for when to ask 20, 40 or "
        "every item)."
    )
    p.add_argument(
        "-o", "--output", required=True, help="survey CSV to write, or - for standard output"
    )
    p.add_argument(
        "--items",
        type=base.positive_int,
        metavar="N",
        help="only the N items chosen to tell occupations apart, in the order chosen, then the "
        "items most occupations list (default: every item, in the model's order)",
    )
    p.add_argument("--id-column", default="respondent_id", help="respondent id column name")
    p.add_argument("--no-example", action="store_true", help="leave out the example row")
    base.add_quiet_option(p, "summary line")
    base.add_json_option(p, "the file written and its columns")
    base.add_model_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from matcher.io.survey.template import template_columns, write_template, write_template_to

    base.refuse_json_on_stdout(args, "survey")
    model = base.load_model_option(args)
    items, designed = None, 0
    if args.items is not None:
        from matcher.match.questions import designed_order

        order, designed = designed_order(model, args.items)
        items = order.tolist()
    options = {"id_column": args.id_column, "example": not args.no_example, "items": items}
    if args.output == base.STDIO:
        sys.stdout.flush()
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        write_template_to(stream, model, **options)
        stream.flush()
        stream.detach()  # standard output stays open
        return base.EXIT_OK
    path = write_template(args.output, model, **options)
    if args.json:
        columns = template_columns(model, id_column=args.id_column, items=items)
        chosen = {} if items is None else {"designed": designed}
        base.print_json(with_source({"survey": str(path), "columns": columns, **chosen}, model))
    elif items is not None and not args.quiet:
        print(f"wrote {path}: {_chosen(len(items), designed, len(model.ids), args.items)}")
    elif not args.quiet:
        print(
            f"wrote {path}: {model.vectorizer.n_features} rating columns; delete the ones your "
            f"questionnaire does not ask"
        )
    return base.EXIT_OK


def _chosen(n: int, designed: int, occupations: int, asked: int) -> str:
    """What the ``n`` rating columns of a designed survey are, ``designed`` of them chosen by
    the design (``asked``: how many the user asked for)."""
    if designed < n:  # the first ones tell the simulated respondents apart already
        words = (
            f"{n} rating columns: the {designed} chosen to tell the {occupations} occupations "
            f"apart, in the order chosen, then {n - designed} in the order of how many "
            f"occupations list them (then their mean importance), as no other item tells "
            f"the occupations apart any further"
        )
    else:
        words = f"the {n} rating columns chosen to tell the {occupations} occupations apart"
        words += ", in the order chosen"
    if n < asked:  # more asked for than the model has
        words += f" (the model has {n} items, not {asked})"
    return words
