"""``matcher items``: the items a model rates, which a self-assessment or a survey can name."""

from __future__ import annotations

import argparse

from . import base


def add_arguments(p: argparse.ArgumentParser, command: str) -> None:
    p.description = (
        "List the skills, aptitudes, traits and interests a model rates: the names a "
        "self-assessment or a survey's columns can use. With TEXT, only the items it names "
        "(small typos allowed) or whose description holds its words."
    )
    p.add_argument("text", nargs="?", help="words of an item's name, alias or description")
    base.add_json_option(p, "the items")
    base.add_model_option(p)
    p.set_defaults(handler=items)


def items(args: argparse.Namespace) -> int:

    model = base.load_model_option(args)
    found = model.items(args.text)
    if args.json:
        base.print_json(
            [
                {
                    "key": i.key,
                    "block": i.block,
                    "name": i.name,
                    "aliases": list(i.aliases),
                    "description": i.description,
                    "occupations": i.occupations,
                }
                for i in found
            ]
        )
        return base.EXIT_OK
    from .screen import Screen

    screen = Screen()
    if args.text is None:
        counts = {}
        for i in found:
            counts[i.block] = counts.get(i.block, 0) + 1
        blocks = ", ".join(f"{n} {block}s" for block, n in counts.items())
        screen.text(
            f"This model rates {len(found)} items ({blocks}). A self-assessment rates any of "
            "them 0-5 by name, in its group; a survey's column is the key."
        )
    elif not found:
        screen.text(f"no item's name, alias or description matches {args.text!r}")
        return base.EXIT_OK
    screen.text()
    rows = [[i.key, i.occupations, i.description or ", ".join(i.aliases) or "-"] for i in found]
    screen.table(["item", "key for", "what it covers (or other names)"], rows, numeric=["key for"])
    screen.text()
    screen.text(
        '"key for": how many of the model\'s occupations hold the item as a key item '
        "(importance 0.5 or more)."
    )
    return base.EXIT_OK
