#!/usr/bin/env python3
"""Check the persona files against the catalog and the vocabulary, without importing matcher.

Usage: python tests/personas/check_personas.py [PERSONA_DIR] [--repo CHECKOUT] [--table]
(default: this folder, and the checkout it is in)

Stand-alone on purpose: the expectations must not depend on the engine, so this reads
the vocabulary CSVs and the occupation documents itself. Every problem is reported at once;
the exit status is 1 when there is any.

A persona's industry is the industry of its first `acceptable` occupation (its best fit), so
the coverage rule (every industry at least twice) needs no extra field in the persona shape.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

STYLES = {"modest", "over-confident", "partial", "honest", "narrow", "skips-weak"}
BLOCKS = {"skills": "skills.csv", "aptitudes": "aptitudes.csv", "traits": "traits.csv"}
TOP_KEYS = {"about", "style", "assessment", "acceptable", "absurd", "why"}
ASSESSMENT_KEYS = {"name", "current_job", "target_job", "skills", "aptitudes", "traits", "asked"}
MIN_PERSONAS = 36
MIN_PER_INDUSTRY = 2
INDUSTRIES = 16
MIN_ASKED = 4

_DASHES = re.compile(r"[-‐‑‒–—_]")
_SPACES = re.compile(r"\s+")
# A list entry as the documents write it (matcher's reader takes the same): "-", "*", "–" or
# "1." before a space, or a bullet mark ("•" in half the catalog) with or without one.
_BULLET = re.compile(r"^(?:(?:[*\-–]|\d{1,2}[.)])\s+|[•・●■◆▪◦○‣]\s*)(.*)$")
# People write traits as a sentence about themselves ("Has integrity", "Is patient").
_TRAIT_PREFIX = re.compile(r"^(?:has|have|is|shows|with|a|an)\s+(?:a\s+|an\s+)?")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    return _SPACES.sub(" ", _DASHES.sub(" ", text)).strip(" .:;,")


def read_vocabulary(directory: Path) -> dict[str, dict[str, str]]:
    """block -> normalised spelling -> canonical name."""
    tables: dict[str, dict[str, str]] = {}
    for block, filename in BLOCKS.items():
        table: dict[str, str] = {}
        with (directory / filename).open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                name = row["name"].strip()
                aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
                for spelling in (name, *aliases):
                    table[normalise(spelling)] = name
        tables[block] = table
    return tables


def resolve(tables: dict[str, dict[str, str]], block: str, text: str) -> str | None:
    key = normalise(text)
    table = tables[block]
    if key in table:
        return table[key]
    if block == "traits":
        return table.get(_TRAIT_PREFIX.sub("", key))
    return None


def read_catalog(directory: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(id -> industry, normalised id/title/alias -> id) from the occupation documents."""
    industry: dict[str, str] = {}
    names: dict[str, str] = {}
    for path in sorted(directory.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines()]
        lines = [line for line in lines if line]
        occupation = path.stem
        names[normalise(occupation)] = occupation
        names[normalise(lines[0].lstrip("# "))] = occupation
        section = None
        for line in lines[1:]:
            if line in {"Industry & Occupation", "Aliases"}:
                section = line
                continue
            if section == "Industry & Occupation":
                industry[occupation] = line
                section = None
            elif section == "Aliases":
                if bullet := _BULLET.match(line):
                    names.setdefault(normalise(bullet[1]), occupation)
                else:
                    section = None
    return industry, names


def check_block(tables, block, ratings, where, errors) -> dict[str, float]:
    """Canonical name -> rating for one block, reporting bad names and values."""
    seen: dict[str, str] = {}
    if not isinstance(ratings, dict):
        errors.append(f"{where}: '{block}' must be an object of name -> rating")
        return {}
    for text, value in ratings.items():
        name = resolve(tables, block, text)
        if name is None:
            errors.append(f"{where}: {block} item {text!r} is not in {BLOCKS[block]}")
            continue
        if name in seen:
            errors.append(f"{where}: {block} {text!r} and {seen[name]!r} are both {name!r}")
        seen[name] = text
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 5:
            errors.append(f"{where}: {block} {text!r} = {value!r}; expected a whole number 0-5")
    return {resolve(tables, block, t): v for t, v in ratings.items() if resolve(tables, block, t)}


def check_asked(tables, asked, rated, where, errors) -> None:
    if asked == "all":
        return
    if not isinstance(asked, dict) or not set(asked) <= set(BLOCKS):
        errors.append(f"{where}: 'asked' must be \"all\" or an object with keys {sorted(BLOCKS)}")
        return
    for block in BLOCKS:
        listed = set()
        for text in asked.get(block, []):
            name = resolve(tables, block, text)
            if name is None:
                errors.append(f"{where}: asked {block} item {text!r} is not in {BLOCKS[block]}")
            listed.add(name)
        for name in rated[block]:
            if name not in listed:
                errors.append(f"{where}: {block} {name!r} is rated but was not asked")


def check_style(style, rated, where, errors) -> None:
    values = [v for block in rated.values() for v in block.values()]
    if style == "partial" and not 4 <= len(values) <= 8:
        errors.append(f"{where}: style 'partial' rates 4-8 items, this rates {len(values)}")
    if style == "narrow" and any(not 2 <= v <= 4 for v in values):
        errors.append(f"{where}: style 'narrow' uses only 2-4, found {sorted(set(values))}")
    if style != "partial" and not 6 <= len(values) <= 30:
        errors.append(f"{where}: {len(values)} ratings; a real self-assessment has about 6-25")


def check_expectations(persona, industry, where, errors) -> None:
    lists = {}
    for key in ("acceptable", "absurd"):
        ids = persona.get(key)
        if not isinstance(ids, list) or not ids:
            errors.append(f"{where}: '{key}' must be a non-empty list of occupation ids")
            ids = []
        for occupation, count in Counter(ids).items():
            if count > 1:
                errors.append(f"{where}: {key} lists {occupation!r} {count} times")
            if occupation not in industry:
                errors.append(f"{where}: {key} id {occupation!r} is not a catalog file name")
        lists[key] = set(ids)
    for occupation in sorted(lists["acceptable"] & lists["absurd"]):
        errors.append(f"{where}: {occupation!r} is both acceptable and absurd")
    for occupation in persona.get("why", {}):
        if occupation not in lists["acceptable"] | lists["absurd"]:
            errors.append(f"{where}: why explains {occupation!r}, which neither list holds")
    # The test wants three acceptable ids in the top 5 and none absurd.
    if len(lists["acceptable"]) < 4:
        errors.append(
            f"{where}: only {len(lists['acceptable'])} acceptable ids; 3 of the top 5 "
            "must come from this list, so it should be generous"
        )


def check_persona(path, tables, industry, names, errors) -> tuple[str, ...] | None:
    where = path.name
    try:
        persona = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        errors.append(f"{where}: not readable JSON ({exc})")
        return None
    if not isinstance(persona, dict) or set(persona) != TOP_KEYS:
        got = sorted(persona) if isinstance(persona, dict) else type(persona).__name__
        errors.append(f"{where}: keys {got}; expected {sorted(TOP_KEYS)}")
        return None
    if not isinstance(persona["about"], str) or not persona["about"].strip():
        errors.append(f"{where}: 'about' must say who the person is")
    style = persona["style"]
    if style not in STYLES:
        errors.append(f"{where}: style {style!r}; expected one of {sorted(STYLES)}")
    assessment = persona["assessment"]
    if not isinstance(assessment, dict) or not set(assessment) <= ASSESSMENT_KEYS:
        errors.append(f"{where}: assessment keys must be among {sorted(ASSESSMENT_KEYS)}")
        return None
    if not str(assessment.get("name", "")).strip():
        errors.append(f"{where}: assessment has no name")
    rated = {b: check_block(tables, b, assessment.get(b, {}), where, errors) for b in BLOCKS}
    if "asked" in assessment:
        check_asked(tables, assessment["asked"], rated, where, errors)
    check_style(style, rated, where, errors)
    check_expectations(persona, industry, where, errors)
    if "current_job" in assessment:
        job = names.get(normalise(str(assessment["current_job"])))
        if job is None:
            errors.append(f"{where}: current_job {assessment['current_job']!r} names no occupation")
        elif job not in persona["acceptable"]:
            errors.append(f"{where}: current_job {job!r} should be acceptable for its holder")
    # a target is where the person wants to go, not what their ratings show: any occupation
    if "target_job" in assessment and names.get(normalise(str(assessment["target_job"]))) is None:
        errors.append(f"{where}: target_job {assessment['target_job']!r} names no occupation")
    first = persona["acceptable"][0] if persona["acceptable"] else None
    count = sum(len(block) for block in rated.values())
    asked = assessment.get("asked")
    asked = "" if asked is None else "all" if asked == "all" else "questionnaire"
    job = names.get(normalise(str(assessment.get("current_job", ""))), "")
    return style, industry.get(first, "?"), str(count), asked, job


def _has_asked(path: Path) -> bool:
    try:
        return "asked" in json.loads(path.read_text(encoding="utf-8")).get("assessment", {})
    except (OSError, json.JSONDecodeError, AttributeError):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("personas", nargs="?", default=Path(__file__).resolve().parent, type=Path)
    parser.add_argument("--repo", default=Path(__file__).resolve().parents[2], type=Path)
    parser.add_argument("--table", action="store_true", help="print the persona table (Markdown)")
    args = parser.parse_args(argv)

    tables = read_vocabulary(args.repo / "data" / "vocabulary")
    industry, names = read_catalog(args.repo / "data" / "profiles")
    errors: list[str] = []
    rows = []
    files = sorted(args.personas.glob("*.json"))
    for path in files:
        found = check_persona(path, tables, industry, names, errors)
        if found:
            rows.append((path.stem, *found))

    if len(files) < MIN_PERSONAS:
        errors.append(f"{len(files)} personas; at least {MIN_PERSONAS} are wanted")
    per_industry = Counter(row[2] for row in rows)
    for name in sorted(set(industry.values())):
        if per_industry[name] < MIN_PER_INDUSTRY:
            errors.append(
                f"industry {name!r} has {per_industry[name]} personas; "
                f"at least {MIN_PER_INDUSTRY} are wanted"
            )
    asked = sum(1 for path in files if _has_asked(path))
    if asked < MIN_ASKED:
        errors.append(f"{asked} personas say what they were asked; at least {MIN_ASKED} are wanted")
    if len(set(industry.values())) != INDUSTRIES:
        errors.append(f"the catalog has {len(set(industry.values()))} industries, not {INDUSTRIES}")

    if args.table:
        print("| persona | style | industry | ratings | asked | current job |")
        print("| --- | --- | --- | --- | --- | --- |")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    styles = Counter(row[1] for row in rows)
    print(f"{len(files)} personas; styles: {dict(sorted(styles.items()))}", file=sys.stderr)
    print(f"industries: {dict(sorted(per_industry.items()))}", file=sys.stderr)
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    print("ok" if not errors else f"{len(errors)} problem(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
