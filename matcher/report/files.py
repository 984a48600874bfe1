"""Writing reports: one report, a batch of them in parallel, and its index (their safe file
names: :mod:`matcher.report.stems`)."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matcher import __version__
from matcher.errors import InputError
from matcher.io.assessment import Assessment
from matcher.io.survey.rejects import duplicate_reason, id_key
from matcher.model.credit import data_credit
from matcher.model.default import model_or_default
from matcher.model.model import Model
from matcher.util.atomic import atomic_write_text, file_to_write
from matcher.util.progress import default_workers, progress_bar
from matcher.validation import (
    check_choice,
    check_flag,
    check_path,
    check_positive_int,
    check_text,
    refuse,
)

from .build import DEFAULT_TOP, Report, build_report, report_time
from .context import SOURCE_TEXT, format_time
from .rejects import RejectedRow, as_rejected_rows, rejects_csv
from .render import FORMATS, RENDERERS, check_report, render_index
from .stems import given_stem, report_stem, unique_stems

if TYPE_CHECKING:  # a rejects table; reports need no pandas
    import pandas as pd

__all__ = [
    "RejectedRow",
    "ReportBatch",
    "ReportFile",
    "parse_formats",
    "rejects_csv",
    "write_report",
    "write_reports",
]

#: Below this many reports a process pool costs more than it saves.
MIN_PARALLEL = 16

# --------------------------------------------------------------------------- writing


def _check_formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(formats, str):  # "html,md", or "html" (not its letters)
        formats = formats.split(",")
    if not isinstance(formats, Iterable) or not all(isinstance(f, str) for f in formats):
        refuse("formats", formats, "names such as 'html' or 'html,md'")
    formats = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    if not formats:
        raise InputError(f"no report format given; choose one or more of {', '.join(FORMATS)}")
    return tuple(check_choice("report format", f, FORMATS) for f in formats)


def _check_people(people: object) -> None:
    """Refuse what is not a list of (respondent id, Assessment or profile dict) pairs: a bad
    pair reached an AttributeError inside a worker."""

    def pair(item: object) -> bool:
        return (
            isinstance(item, tuple | list)
            and len(item) == 2
            and isinstance(item[0], str)
            and isinstance(item[1], Assessment | Mapping)
        )

    pairs = "(respondent id, Assessment or profile dict) pair"
    if isinstance(people, str | bytes) or not isinstance(people, Sequence):
        refuse("people", people, f"a list of {pairs}s, as read_survey_assessments returns")
    for row, item in enumerate(people):
        if not pair(item):  # the first wrong one, not the repr of the whole list
            refuse(f"people[{row}]", item, f"a {pairs}")


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    """``"html,md"`` (or a list) as a tuple of known formats.

    Raises
    ------
    InputError
        An unknown format, naming the known ones.
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    return _check_formats(items)


def write_report(
    report: Report,
    outdir: str | Path,
    formats: Iterable[str] = FORMATS,
    *,
    stem: str | None = None,
    index_href: str | None = None,
) -> dict[str, Path]:
    """Write one report in each format into ``outdir``; return ``{format: path}``.

    ``stem`` names the files (without suffix), made safe as the names made from ids are
    (:func:`~matcher.report.stems.given_stem`); default: from the respondent id or name.
    """
    check_report(report, index_href)
    outdir = check_path("outdir", outdir)
    stem = report_stem(report.respondent_id or report.who) if stem is None else given_stem(stem)
    written = {}
    for fmt in _check_formats(formats):
        path = outdir / f"{stem}.{fmt}"
        atomic_write_text(path, RENDERERS[fmt](report, index_href=index_href))
        written[fmt] = path
    return written


@dataclass(frozen=True)
class ReportFile:
    """One written report, as the index lists it. ``files``: format -> file name."""

    respondent_id: str
    name: str
    files: Mapping[str, str]
    target_title: str
    target_source: str
    best_title: str
    best_score: float
    next_step: str | None
    plan_size: int


@dataclass(frozen=True)
class ReportBatch:
    """What :func:`write_reports` wrote."""

    outdir: Path
    reports: tuple[ReportFile, ...]
    rejected: tuple[RejectedRow, ...]
    index: Path
    rejects_file: Path | None
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (``matcher report --json``): each report's respondent id and files
        (format -> path), the rows rejected, the index and the rejects file (or None)."""
        return written_dict(
            [
                (r.respondent_id, {fmt: self.outdir / name for fmt, name in r.files.items()})
                for r in self.reports
            ],
            self.rejected,
            self.index,
            self.rejects_file,
        )


def written_dict(
    reports: Sequence[tuple[str, Mapping[str, Path]]],
    rejected: Sequence[RejectedRow] = (),
    index: Path | None = None,
    rejects_file: Path | None = None,
) -> dict[str, Any]:
    """What a report run wrote, JSON-ready, in one shape for one report and for a batch:
    ``reports`` (respondent id and files by format), ``rejected``, ``index``, ``rejects``."""
    return {
        "reports": [
            {"respondent_id": who, "files": {fmt: str(path) for fmt, path in files.items()}}
            for who, files in reports
        ],
        "rejected": [asdict(r) for r in rejected],
        "index": None if index is None else str(index),
        "rejects": None if rejects_file is None else str(rejects_file),
    }


@dataclass(frozen=True)
class _Options:
    outdir: Path
    formats: tuple[str, ...]
    target: str | None
    top_k: int
    created: datetime


_worker: dict[str, Any] = {}


def _init_worker(model: Model, options: _Options) -> None:
    _worker["model"] = model
    _worker["options"] = options


def _make_one(
    task: tuple[str, Assessment, str],
) -> tuple[ReportFile | RejectedRow, dict[str, str]]:
    """Build and render one respondent's report; return its index entry and ``{file: text}``.

    Workers only compute: the parent writes the files, so that the fsyncs of
    atomic writes do not queue up behind each other across processes.
    """
    respondent_id, person, stem = task
    model: Model = _worker["model"]
    options: _Options = _worker["options"]
    try:
        report = build_report(
            person,
            target=options.target,
            model=model,
            top_k=options.top_k,
            respondent_id=respondent_id,
            created=options.created,
        )
    except InputError as exc:
        column = "target" if options.target else "target_job"
        value = options.target or person.target_job
        return RejectedRow("", None, respondent_id, column, value, str(exc)), {}
    files = {
        f"{stem}.{fmt}": RENDERERS[fmt](report, index_href="index.html") for fmt in options.formats
    }
    g = report.gaps
    best = report.recommendations[0]
    entry = ReportFile(
        respondent_id=respondent_id,
        name=report.person.name,
        files={fmt: f"{stem}.{fmt}" for fmt in options.formats},
        target_title=g.target_title,
        target_source=report.target_source,
        best_title=best.title,
        best_score=best.score,
        next_step=_next_step(g),
        plan_size=len(g.plan),
    )
    return entry, files


def _next_step(g) -> str | None:
    """The index's next step: at the target with gaps of its own, the person's own post."""
    if g.next_step is None:
        return None
    step = g.steps[g.next_step]
    return f"{step.title} ({g.mine})" if step.is_current else step.title


def _run(tasks: list, model: Model, options: _Options, jobs: int, progress: bool | None) -> list:
    bar = progress_bar(len(tasks), enabled=progress, unit="report", desc="reports")
    results = []

    def keep(result: tuple[ReportFile | RejectedRow, dict[str, str]]) -> None:
        entry, files = result
        for name, text in files.items():
            atomic_write_text(options.outdir / name, text)
        results.append(entry)
        bar.update()

    try:
        if jobs <= 1:
            _init_worker(model, options)
            for task in tasks:
                keep(_make_one(task))
        else:
            # Chunks amortise the hand-over; small enough that the bar moves smoothly.
            chunk = max(1, min(16, len(tasks) // (jobs * 8)))
            with multiprocessing.get_context().Pool(
                jobs, initializer=_init_worker, initargs=(model, options)
            ) as pool:
                for result in pool.imap(_make_one, tasks, chunksize=chunk):
                    keep(result)
    finally:
        bar.close()
    return results


def write_reports(
    people: Sequence[tuple[str, Assessment]],
    outdir: str | Path,
    *,
    model: Model | None = None,
    target: str | None = None,
    formats: Iterable[str] = FORMATS,
    top_k: int = DEFAULT_TOP,
    jobs: int | None = None,
    rejects: pd.DataFrame | None = None,
    created: datetime | None = None,
    progress: bool | None = None,
    title: str = "Career reports",
) -> ReportBatch:
    """One report per respondent, made in parallel, plus ``index.html`` (and ``index.md``).

    Parameters
    ----------
    people : ``(respondent id, Assessment)`` pairs, in the order the index lists them.
    target : one target for everyone (an unknown one raises
        :class:`UnknownOccupationError` before any work); default: each
        person's ``target_job``, else their best match. A ``target_job`` that
        names no occupation rejects that respondent (listed in the index and
        in ``rejects.csv``); it does not stop the batch.
    jobs : worker processes (default: every CPU; 1 = in this process).
    rejects : rows already rejected while reading the input: the rejects
        DataFrame of :func:`~matcher.read_survey_assessments` (columns
        ``file, line, respondent_id, column, value, reason``; any may be missing).
    created : the time every report is dated (default: now).
    progress : show a progress bar (default: when standard error is a terminal).

    A respondent id seen twice keeps its first row; later ones are rejected.
    """
    started = time.perf_counter()
    _check_people(people)
    model = model_or_default(model)
    formats = _check_formats(formats)
    top_k = check_positive_int("top_k", top_k)
    jobs = default_workers() if jobs is None else check_positive_int("jobs", jobs)
    if target is not None:
        check_text("target", target, "an occupation's id, title or alias, or None (each's own)")
    if target:
        target = model.resolve_occupation(target).id  # an unknown target stops the batch here
    created = report_time(created)  # checked before the folder is made
    if progress is not None:  # "no" drew a progress bar
        check_flag("progress", progress)
    rejected = as_rejected_rows(rejects)  # checked, as the rest, before the folder is made
    outdir = file_to_write(check_path("outdir", outdir) / "index.html").parent
    options = _Options(outdir, formats, target or None, top_k, created)

    seen: set[str] = set()
    unique: list[tuple[str, Assessment]] = []
    for respondent_id, person in people:
        respondent_id = str(respondent_id)
        if id_key(respondent_id) in seen:
            rejected.append(
                RejectedRow(
                    "",
                    None,
                    respondent_id,
                    "respondent_id",
                    respondent_id,
                    duplicate_reason(("", None), ""),
                )
            )
            continue
        seen.add(id_key(respondent_id))
        unique.append((respondent_id, person))
    stems = unique_stems([i for i, _ in unique])
    tasks = [(i, person, stem) for (i, person), stem in zip(unique, stems, strict=True)]

    if len(tasks) < MIN_PARALLEL:
        jobs = 1
    results = _run(tasks, model, options, min(jobs, max(1, len(tasks))), progress)

    reports = tuple(r for r in results if isinstance(r, ReportFile))
    rejected.extend(r for r in results if isinstance(r, RejectedRow))
    rejected_rows = tuple(rejected)
    rejects_file = None
    if rejected_rows:
        rejects_file = outdir / "rejects.csv"
        atomic_write_text(rejects_file, rejects_csv(rejected_rows))
    index = outdir / "index.html"
    context = {
        "title": title,
        "created": format_time(options.created),
        "created_iso": options.created.isoformat(),
        "reports": reports,
        "show_names": any(r.name and r.name != r.respondent_id for r in reports),
        "rejected": rejected_rows,
        "rejected_rows": len({(r.file, r.line, r.respondent_id) for r in rejected_rows}),
        "rejects_file": None if rejects_file is None else rejects_file.name,
        "formats": formats,
        "source_text": SOURCE_TEXT,
        "version": __version__,
        "credit": data_credit(model),
    }
    atomic_write_text(index, render_index(context, "html"))
    if "md" in formats:
        atomic_write_text(outdir / "index.md", render_index(context, "md"))
    return ReportBatch(
        outdir, reports, rejected_rows, index, rejects_file, time.perf_counter() - started
    )
