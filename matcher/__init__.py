"""matcher: which occupations fit a person, and what they still have to learn to get there.

Public API (everything is imported on first use, so ``import matcher`` is cheap)::

    from matcher import recommend, gaps                   # one person's self-assessment
    from matcher import next_questions, Interview         # an adaptive self-assessment
    from matcher import parse_profile, write_profile      # job-profile documents
    from matcher import build_model, load_model, default_model, trust_model, import_onet
    from matcher import score_survey, write_batch, read_survey_assessments   # surveys
    from matcher import build_report, render_html, render_markdown, write_report, write_reports
    from matcher import check_catalog

plus the data classes those return and take (``Recommendation``, ``GapReport``,
``JobProfile``, ``Assessment``, ``Model``, ``Report``, ...) and every exception,
all subclasses of :class:`MatcherError`. ``Model.save``, ``Model.similar`` and
``Model.search`` hang off a model (:class:`matcher.Model`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Public name -> the module that defines it (imported on first access, as scikit-learn does).
_LAZY = {
    # one person
    "recommend": "matcher.match.recommend",
    "gaps": "matcher.match.gaps",
    "Recommendation": "matcher.match.explain",
    "ItemEvidence": "matcher.match.explain",
    "GapReport": "matcher.match.gapreport",
    "PathStep": "matcher.match.gapreport",
    "Gap": "matcher.match.gapreport",
    "PlanItem": "matcher.match.gapreport",
    "Assessment": "matcher.io.assessment",
    "next_questions": "matcher.match.questions",
    "Question": "matcher.match.questions",
    "Interview": "matcher.match.interview",
    # job profiles and catalogs
    "parse_profile": "matcher.io.job_reader",
    "write_profile": "matcher.io.job_writer",
    "JobProfile": "matcher.io.profile",
    "Item": "matcher.io.profile",
    "Aptitude": "matcher.io.profile",
    "check_catalog": "matcher.io.catalog_check",
    "import_onet": "matcher.io.onet",
    # models
    "Model": "matcher.model.model",
    "Neighbour": "matcher.model.model",
    "load_model": "matcher.model.load",
    "build_model": "matcher.model.build",
    "default_model": "matcher.model.default",
    "trust_model": "matcher.model.trust",
    # surveys
    "score_survey": "matcher.batch.run",
    "write_batch": "matcher.batch.run",
    "read_survey_assessments": "matcher.io.survey.assessments",
    # reports
    "Report": "matcher.report.build",
    "build_report": "matcher.report.build",
    "render_html": "matcher.report.render",
    "render_markdown": "matcher.report.render",
    "write_report": "matcher.report.files",
    "write_reports": "matcher.report.files",
    # errors
    "MatcherError": "matcher.errors",
    "InputError": "matcher.errors",
    "CatalogFolderError": "matcher.errors",
    "UnknownOccupationError": "matcher.errors",
    "ModelError": "matcher.errors",
    "UntrustedModelError": "matcher.errors",
    "ProfileParseError": "matcher.errors",
    "ProfileWriteError": "matcher.errors",
    "AssessmentError": "matcher.errors",
    "OnetFormatError": "matcher.errors",
    "OnetWarning": "matcher.errors",
    "ProfileWarning": "matcher.errors",
}

__all__ = [
    "Aptitude",
    "Assessment",
    "AssessmentError",
    "CatalogFolderError",
    "Gap",
    "GapReport",
    "InputError",
    "Interview",
    "Item",
    "ItemEvidence",
    "JobProfile",
    "MatcherError",
    "Model",
    "ModelError",
    "Neighbour",
    "OnetFormatError",
    "OnetWarning",
    "PathStep",
    "PlanItem",
    "ProfileParseError",
    "ProfileWarning",
    "ProfileWriteError",
    "Question",
    "Recommendation",
    "Report",
    "UnknownOccupationError",
    "UntrustedModelError",
    "build_model",
    "build_report",
    "check_catalog",
    "default_model",
    "gaps",
    "import_onet",
    "load_model",
    "next_questions",
    "parse_profile",
    "read_survey_assessments",
    "recommend",
    "render_html",
    "render_markdown",
    "score_survey",
    "trust_model",
    "write_batch",
    "write_profile",
    "write_report",
    "write_reports",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'matcher' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later accesses skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:
    from matcher.batch.run import score_survey, write_batch
    from matcher.errors import (
        AssessmentError,
        CatalogFolderError,
        InputError,
        MatcherError,
        ModelError,
        OnetFormatError,
        OnetWarning,
        ProfileParseError,
        ProfileWarning,
        ProfileWriteError,
        UnknownOccupationError,
        UntrustedModelError,
    )
    from matcher.io.assessment import Assessment
    from matcher.io.catalog_check import check_catalog
    from matcher.io.job_reader import parse_profile
    from matcher.io.job_writer import write_profile
    from matcher.io.onet import import_onet
    from matcher.io.profile import Aptitude, Item, JobProfile
    from matcher.io.survey.assessments import read_survey_assessments
    from matcher.match.explain import ItemEvidence, Recommendation
    from matcher.match.gapreport import Gap, GapReport, PathStep, PlanItem
    from matcher.match.gaps import gaps
    from matcher.match.interview import Interview
    from matcher.match.questions import Question, next_questions
    from matcher.match.recommend import recommend
    from matcher.model.build import build_model
    from matcher.model.default import default_model
    from matcher.model.load import load_model
    from matcher.model.model import Model, Neighbour
    from matcher.model.trust import trust_model
    from matcher.report.build import Report, build_report
    from matcher.report.files import write_report, write_reports
    from matcher.report.render import render_html, render_markdown
