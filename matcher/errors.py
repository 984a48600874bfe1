"""Every exception and warning matcher raises on purpose, all under :class:`MatcherError`.

Everything a user can fix by changing their input is an :class:`InputError` (the CLI
exits 2); it is also a ``ValueError``, so ``except ValueError`` keeps working.
"""

from __future__ import annotations

from matcher.util.labels import counted


class MatcherError(Exception):
    """Base class of the errors matcher raises on purpose."""


class InputError(MatcherError, ValueError):
    """Bad input: a document, a self-assessment, a survey, an occupation name, a parameter.

    The CLI exits 2.
    """


class UnknownOccupationError(InputError, KeyError):
    """No occupation has this id, title or alias."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class CatalogFolderError(InputError, FileNotFoundError):
    """A catalog folder that does not exist, is a file, or holds no profiles (also a
    ``FileNotFoundError``, as it was before it was an :class:`InputError`)."""


class ProfileParseError(InputError):
    """A job-profile document that cannot be read. ``str()`` is ``source:line: message``."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class ProfileWriteError(MatcherError, ValueError):
    """A job profile holds text that the document format cannot represent unambiguously."""


class AssessmentError(InputError):
    """A self-assessment with problems; ``problems`` lists each one."""

    #: Problems the message shows (all are in ``problems``): 200,000 unknown names made a
    #: message of 12 MB.
    SHOWN = 20

    def __init__(self, source: str, problems: list[str], hint: str = "") -> None:
        self.source = source
        self.problems = problems
        self.hint = hint
        shown = [p if len(p) <= 300 else p[:299] + "\u2026" for p in problems[: self.SHOWN]]
        lines = "\n".join(f"  - {p}" for p in shown)
        if len(problems) > self.SHOWN:
            lines += f"\n  ... and {len(problems) - self.SHOWN} more"
        if hint:  # after the list: what the problems together suggest
            lines += f"\n{hint}"
        super().__init__(f"{source}: {counted(len(problems), 'problem')} in the profile:\n{lines}")


class OnetFormatError(InputError):
    """A missing required O*NET file, or a file without the columns O*NET gives it."""


class ModelError(MatcherError):
    """A model file that must not or cannot be loaded."""


class UntrustedModelError(ModelError):
    """The model file is not signed with this user's key."""


class ProfileWarning(UserWarning):
    """Something in a job-profile document was kept but looks unintended (an unknown heading)."""


class OnetWarning(UserWarning):
    """Something an O*NET database lacks or holds for no listed occupation, left out of the model.

    One warning sums up each finding (an absent optional file, rows of unknown codes,
    occupations missing ratings), with the file, the count and a few examples.
    """
