"""Exception types. Everything a user can fix by changing their input is an :class:`InputError`."""


class MatcherError(Exception):
    """Base class of the errors matcher raises on purpose."""


class InputError(MatcherError, ValueError):
    """Bad input: a document, a profile, a survey, an occupation name. The CLI exits 2."""


class UnknownOccupationError(InputError, KeyError):
    """No occupation has this id, title or alias."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class ModelError(MatcherError):
    """A model file that must not or cannot be loaded."""
