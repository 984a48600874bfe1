"""The credit a model built from O*NET owes it, and the release it names.

O*NET's database is licensed under Creative Commons Attribution 4.0, which asks anything
built from it to credit it. The importer records the source in the model
(``model.extra["data_source"]``, :data:`~matcher.model.credit.DATA_SOURCE`), so that every
report and look-up made from the model carries the credit, however long after the import.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["CREATOR", "LICENCE", "NAME", "onet_release", "onet_source"]

NAME = "O*NET"
LICENCE = "CC BY 4.0"
CREATOR = "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)"
#: O*NET's own wording of the credit (its "Read Me.txt" and licence page).
_CREDIT = (
    "This product includes information from the {database} by the {creator}, used under the "
    "{licence} license."
)
#: "O*NET 29.3 Database", the first line of the release's "Read Me.txt".
_READ_ME = re.compile(r"O\*NET\s+(\d{1,3}(?:\.\d{1,3})?)\s+Database", re.IGNORECASE)
#: ``db_29_3_text``: O*NET's name for the download's folder.
_FOLDER = re.compile(r"db_(\d{1,3})_(\d{1,3})_text", re.IGNORECASE)
#: How much of "Read Me.txt" is read: the release is named in its first line.
_HEAD = 4096


def onet_release(folder: Path) -> str:
    """The release of the O*NET database in ``folder`` ("29.3"): from its "Read Me.txt", else
    from the folder's name as O*NET names the download (``db_29_3_text``); "" when neither
    says (the credit then names the database without it)."""
    read_me = folder / "Read Me.txt"
    if read_me.is_file():
        with read_me.open("rb") as handle:
            found = _READ_ME.search(handle.read(_HEAD).decode("utf-8", errors="replace"))
        if found:
            return found.group(1)
    found = _FOLDER.fullmatch(folder.resolve().name)
    return f"{int(found.group(1))}.{int(found.group(2))}" if found else ""


def onet_source(release: str) -> dict[str, str]:
    """What a model built from O*NET ``release`` ("" when unknown) records of its source:
    ``name``, ``release``, ``licence``, ``credit`` (the sentence a report prints) and
    ``short`` (the source in a few words, for a line of terminal output)."""
    database = f"{NAME} {release} Database" if release else f"{NAME} Database"
    return {
        "name": NAME,
        "release": release,
        "licence": LICENCE,
        "credit": _CREDIT.format(database=database, creator=CREATOR, licence=LICENCE),
        "short": f"{database} by USDOL/ETA, used under the {LICENCE} license",
    }
