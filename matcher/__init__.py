"""matcher: which occupations fit a person, and what they still have to learn to get there.

Public API::

    from matcher import parse_profile, write_profile, build_model, load_model, recommend
"""

from .batch import score_survey
from .errors import InputError, MatcherError, ModelError, UnknownOccupationError
from .explain import ItemEvidence, Recommendation
from .gaps import Gap, GapReport, PathStep, PlanItem, gaps
from .model import Model, Neighbour, build_model, default_model, load_model, trust_model
from .onet import OnetFormatError, import_onet
from .parse import (
    ProfileParseError,
    ProfileWarning,
    ProfileWriteError,
    parse_profile,
    write_profile,
)
from .person import PersonProfile, PersonProfileError
from .profile import Aptitude, Item, JobProfile
from .recommend import recommend

__all__ = [
    "Aptitude",
    "Gap",
    "GapReport",
    "InputError",
    "Item",
    "ItemEvidence",
    "JobProfile",
    "MatcherError",
    "Model",
    "ModelError",
    "Neighbour",
    "OnetFormatError",
    "PathStep",
    "PersonProfile",
    "PersonProfileError",
    "PlanItem",
    "ProfileParseError",
    "ProfileWarning",
    "ProfileWriteError",
    "Recommendation",
    "UnknownOccupationError",
    "build_model",
    "default_model",
    "gaps",
    "import_onet",
    "load_model",
    "parse_profile",
    "recommend",
    "score_survey",
    "trust_model",
    "write_profile",
]

__version__ = "0.1.0"
