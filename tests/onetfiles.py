"""What the O*NET importer's tests share: the fixture database (tests/fixtures/onet, described
in tests/test_onet.py), its codes and files, the documented scale mapping, an occupation's need
in a model, and edits of its tab-separated files. (No test file imports another.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "onet"

BEACON, TALLY, MOSS, FERRY, COMET, LANTERN = (f"99-000{i}.00" for i in range(1, 7))
RATED = [BEACON, TALLY, MOSS, FERRY]
REQUIRED_FILES = ["Occupation Data.txt", "Skills.txt"]
OPTIONAL_FILES = [
    "Knowledge.txt",
    "Abilities.txt",
    "Work Styles.txt",
    "Interests.txt",
    "Alternate Titles.txt",
    "Related Occupations.txt",
    "Job Zones.txt",
    "Content Model Reference.txt",
]


# The documented mapping (matcher/onet.py), written out independently of the importer.
def im(value: float) -> float:
    return (value - 1) / 4


def lv(value: float, importance: float) -> float:
    """The level of an element rated LV ``value`` and IM ``importance``: the mean of LV×5/7
    and (IM − 1)×5/4 (a self-rating's scale)."""
    return (value * 5 / 7 + im(importance) * 5) / 2 if value else 0.0


def oi(value: float) -> float:
    return (value - 1) / 6


def need(model, code: str, block: str, name: str) -> tuple[float, float]:
    """(importance, level) the model gives one occupation for one feature."""
    column = model.vectorizer.feature_index(block, name)
    assert column is not None, f"{block}:{name} is not a feature"
    row = model.index_of(code)
    return float(model.importance[row, column]), float(model.levels[row, column])


def edit_rows(path: Path, change: Callable[[list[list[str]]], None]) -> None:
    """Rewrite a tab-separated file after ``change`` edits its rows (header included) in place."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    change(rows)
    path.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")


def set_value(path: Path, code: str, element: str, scale: str, column: str, value: str) -> int:
    """Set ``column`` in the row of (code, element, scale); return that row's line number."""
    found = []

    def change(rows: list[list[str]]) -> None:
        header = rows[0]
        for number, row in enumerate(rows[1:], start=2):
            keys = (row[header.index("O*NET-SOC Code")], row[header.index("Element Name")])
            if keys == (code, element) and row[header.index("Scale ID")] == scale:
                row[header.index(column)] = value
                found.append(number)

    edit_rows(path, change)
    assert len(found) == 1, found
    return found[0]


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def write_lines(path: Path, lines: list[str], *, end: str = "\n") -> None:
    path.write_text("\n".join(lines) + end, encoding="utf-8")
