"""``matcher items``: the items a model rates, which a self-assessment or a survey can name."""

from __future__ import annotations

import argparse

from matcher.core.gapmath import fit_blocks
from matcher.util.labels import counted

from . import base

#: How much of a long TEXT a message repeats.
ECHO = 60


def add_arguments(p: argparse.ArgumentParser, command: str) -> None:
    p.description = (
        "List the skills, aptitudes, traits and interests a model rates: the names a "
        "self-assessment or a survey's columns use. With TEXT, the items its words find: "
        "in their names, aliases, everyday words or descriptions."
    )
    p.add_argument("text", nargs="?", help="words of an item's name, alias or description")
    base.add_json_option(p, "the items")
    base.add_model_option(p)
    p.set_defaults(handler=items)


def items(args: argparse.Namespace) -> int:
    if args.text is not None and not args.text.strip():
        from matcher.errors import InputError

        raise InputError(
            "TEXT is empty: give words to look for, or leave it out to list every item"
        )
    model = base.load_model_option(args)
    found = model.items(args.text)
    if args.json:
        base.print_json([i.to_dict() for i in found])
        return base.EXIT_OK
    from matcher.io.ratings import GROUPS
    from matcher.model.items import found_by

    from .screen import Screen

    screen = Screen()
    total = len(model.feature_keys)
    shown = args.text if len(args.text or "") <= ECHO else args.text[:ECHO] + "…"
    if args.text is None:
        counts: dict[str, int] = {}
        for i in found:
            counts[i.block] = counts.get(i.block, 0) + 1
        blocks = ", ".join(counted(n, block) for block, n in counts.items())
        groups = ", ".join(f'"{GROUPS[b]}"' for b in counts)  # where a block goes
        screen.text(
            f"This model rates {total} items ({blocks}). A self-assessment rates any of them "
            f"0-5 by its name, in its group ({groups}); a survey's column is the key."
        )
    elif not found:
        screen.text(
            f"no item's name, alias, everyday word or description matches {shown!r}; "
            f"`matcher items` lists all {total}"
        )
        base.print_credit(screen, model)
        return base.EXIT_OK
    else:
        screen.text(f"{len(found)} of the {total} items match {shown!r}:")
    fits = fit_blocks(model)
    for i in found:
        # the key on a line of its own, never wrapped: it can be copied, and grep finds it
        how = "" if args.text is None else f"; {_how(found_by(i, args.text))}"
        screen.text()
        screen.text(i.key)
        screen.text(f"key for {counted(i.key_for, 'occupation')}{how}", indent=4)
        if i.description:
            screen.text(i.description, indent=4)
        if i.needed_most:
            # an interest or an O*NET work style is where an occupation's people are, no need
            how = "highest in" if i.block in fits else "needed most by"
            screen.text(f"{how}: {'; '.join(i.needed_most)}", indent=4)
        if i.aliases:
            screen.text(f"also: {', '.join(i.aliases)}", indent=4)
    base.print_credit(screen, model)
    return base.EXIT_OK


def _how(field: str | None) -> str:
    return "a near spelling of its name" if field is None else f"found by its {field}"
