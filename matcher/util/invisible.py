"""Characters that show as nothing and mean nothing in a name, which readers remove."""

from __future__ import annotations

import re

__all__ = ["BIDI_CONTROLS", "INVISIBLE", "SURVEY_HIDDEN", "strip_invisible", "strip_survey_hidden"]

#: A zero-width space, a word joiner, a byte-order mark (pasted mid-file), left-to-right and
#: right-to-left marks and the soft hyphen (Word leaves them in pasted text): a name holding
#: one looks like its clean twin but is not ("Tech\u00adLead", an id "r\u200e3"). The zero-width
#: joiner and non-joiner are not among them: they are part of how emoji and some scripts
#: (Persian, Indic) are written, and removing them changes the name. The contents of a
#: regular-expression character class (what pyarrow's regex functions take too).
INVISIBLE = "\u00ad\u200b\u200e\u200f\u2060\ufeff"
_HIDDEN = re.compile(f"[{INVISIBLE}]")
#: Bidi embeddings, overrides and isolates: one left open reorders the text after it (an id
#: "abc\u202egnp.exe" shows as "abcexe.png"), in a report or a spreadsheet cell alike.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
#: What a survey's ids, job names and header names lose: the invisible characters and the bidi
#: controls, which every output removes (an id "\u202eRLO" was a second respondent, shown as
#: "RLO" beside the first in the results and the report index).
SURVEY_HIDDEN = INVISIBLE + BIDI_CONTROLS
_SURVEY_HIDDEN = re.compile(f"[{SURVEY_HIDDEN}]")


def strip_invisible(text: str) -> str:
    """``text`` without the :data:`INVISIBLE` characters."""
    return _HIDDEN.sub("", text)


def strip_survey_hidden(text: str) -> str:
    """``text`` without the :data:`SURVEY_HIDDEN` characters."""
    return _SURVEY_HIDDEN.sub("", text)
