"""``matcher show``, ``search`` and ``similar``: looking occupations up in a model."""

from __future__ import annotations

import argparse
import sys

from matcher.errors import InputError
from matcher.model.credit import with_source

from . import base, plain

#: What a fit block's items are called where ``show`` explains their levels (O*NET's traits
#: are its work styles).
FIT_NAMES = {"trait": "work styles", "interest": "interests"}


def add_arguments(p: argparse.ArgumentParser, command: str) -> None:
    if command == "show":
        p.add_argument("occupation", help="the occupation's id, title or alias")
        base.add_json_option(p, "the profile")
        p.set_defaults(handler=show)
    elif command == "search":
        p.description = (
            "Find occupations whose title, aliases or reading hold the words of TEXT, in any "
            "order; the start of a word counts, and so do small typos. A TEXT of digits is a "
            "code: the occupations whose ids start with it."
        )
        p.add_argument("text", help="words of a title, an alias or a reading, or a code")
        _add_top_option(p)
        base.add_json_option(p, "the occupations")
        p.set_defaults(handler=search)
    else:
        p.add_argument("occupation", help="the occupation's id, title or alias")
        _add_top_option(p)
        base.add_json_option(p, "the occupations and their similarity")
        p.set_defaults(handler=similar)
    base.add_model_option(p)


def _add_top_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--top", type=base.positive_int, default=10, help="how many occupations (default 10)"
    )


def show(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from matcher.core.gapmath import fit_blocks
    from matcher.io.job_writer import write_profile
    from matcher.model.credit import credit_line
    from matcher.model.facts import occupation_facts

    model = base.load_model_option(args)
    occupation = model.resolve_occupation(args.occupation)
    # what the model scores beside the document: O*NET's interests, Job Zone, work styles' levels
    facts = occupation_facts(model, occupation.id)
    if args.json:
        found = {"id": occupation.id, **asdict(facts.profile)}
        if "interest" in model.block_names:
            found["interests"] = [asdict(i) for i in facts.interests]
        if model.extra.get("job_zone"):
            found["job_zone"] = facts.job_zone
        base.print_json(with_source(found, model))
        return base.EXIT_OK
    # The document as written, unwrapped: `matcher show X > x.txt` gives a profile to edit.
    print(plain.printable(f"[{occupation.id}]"))
    print(plain.printable(write_profile(facts.profile).rstrip()))
    if facts.interests:
        interests = " / ".join(f"{i.name} ({i.level:g})" for i in facts.interests)
        print(plain.printable(f"\nInterests (RIASEC, 0-5): {interests}"))
    if facts.job_zone is not None:
        print(f"Job Zone: {facts.job_zone} of 5 (how much preparation it asks for)")
    fits = fit_blocks(model) & {"trait", "interest"}
    if fits & set(model.block_names):
        kinds = " and ".join(FIT_NAMES[b] for b in sorted(fits, reverse=True))
        print(
            f"({kinds.capitalize()} are a matter of fit: their levels are how strong each is "
            "in a typical worker of the occupation, never a need.)"
        )
    neighbours = model.similar(occupation.id, k=5)
    if neighbours:
        titles = ", ".join(n.title for n in neighbours)
        print(plain.printable(f"\nMost similar in this catalog: {titles}"))
    if credit := credit_line(model):
        print(plain.printable(f"\n{credit}"))
    return base.EXIT_OK


def search(args: argparse.Namespace) -> int:
    if not args.text.strip():  # matches nothing, which exit 0 passed off as an answer
        raise InputError("search: give the words to look for (the text is empty)")
    model = base.load_model_option(args)
    found = model.search(args.text, top_k=args.top)
    note = model.left_out(args.text)
    if args.json:
        base.print_json(
            [{"id": o.id, "title": o.title, "aliases": list(o.profile.aliases)} for o in found]
        )
        if note:  # beside the JSON, which stays the list it always was
            print(f"matcher: note: {note}", file=sys.stderr)
        return base.EXIT_OK
    from .screen import Screen

    screen = Screen()
    if not found:
        screen.text(f"no occupation title, alias or reading matches {args.text!r}")
    else:
        rows = [[o.id, o.title, ", ".join(o.profile.aliases[:3])] for o in found]
        screen.table(["id", "title", "aliases"], rows)
    if note:
        screen.text()
        screen.text(f"Note: {note}.")
    base.print_credit(screen, model)
    return base.EXIT_OK


def similar(args: argparse.Namespace) -> int:
    model = base.load_model_option(args)
    occupation = model.resolve_occupation(args.occupation)
    neighbours = model.similar(occupation.id, k=args.top)
    if args.json:
        base.print_json([n.__dict__ for n in neighbours])
        return base.EXIT_OK
    from .screen import Screen

    screen = Screen()
    screen.text(f"Occupations most similar to {occupation.title}:")
    screen.text()
    rows = [
        [i, f"{n.similarity:.2f}", n.title, n.occupation_id] for i, n in enumerate(neighbours, 1)
    ]
    screen.table(["#", "similarity", "occupation", "id"], rows, numeric=["#", "similarity"])
    base.print_credit(screen, model)
    return base.EXIT_OK
