"""Gap reports a person can read and a counsellor can print and hand out.

A report puts together, for one person, what :func:`~matcher.recommend.recommend`
and :func:`~matcher.gaps.gaps` find:

- who it is for, the target, when it was made;
- the best-matching occupations, a chart of their scores split by block, and
  the reasons (key items met, to work on, not rated);
- the path to the target, step by step, with the gaps of each step;
- a chart of the person's aptitudes and traits against what the target needs;
- the learning plan, in order.

It is written as self-contained HTML (no script, no network: styles and SVG
charts inline, a Content-Security-Policy that forbids loading anything) with
an A4 print stylesheet, and as Markdown with the same sections (tables instead
of charts). Every piece of text that comes from the input or a catalog is
escaped: by Jinja2's autoescape in HTML, by :func:`markdown_escape` in Markdown.

Batches. :func:`write_reports` makes one report per respondent in parallel
processes (progress bar on a terminal) plus an ``index.html`` listing every
report and every rejected row with its reason; rejected rows also go to
``rejects.csv``. File names come from respondent ids through
:func:`report_stem`: safe characters only, plus a hash of the id, so two ids
never share a file. Every file is written atomically. Apart from the
timestamp, the same input gives byte-identical files, however many processes.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import multiprocessing
import os
import re
import sys
import time
import unicodedata
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import numpy as np
from markupsafe import Markup

from . import __version__
from .atomic import atomic_write_text
from .charts import BLOCK_COLOURS, profile_chart, score_chart
from .errors import InputError
from .explain import MATCH_TOLERANCE, Recommendation
from .gaps import GapReport, estimated_ratings, gaps
from .model import Model, default_model
from .person import PersonProfile
from .recommend import rate, recommend
from .spreadsheet import safe_cell

__all__ = [
    "DEFAULT_TOP",
    "FORMATS",
    "BatchResult",
    "ProfileItem",
    "RejectedRow",
    "Report",
    "ReportFile",
    "build_report",
    "default_jobs",
    "is_profile_source",
    "markdown_escape",
    "parse_formats",
    "rejects_csv",
    "render_html",
    "render_index",
    "render_markdown",
    "report_stem",
    "write_report",
    "write_reports",
]

#: How many best matches a report shows unless told otherwise (fits one page).
DEFAULT_TOP = 5
#: Output formats, by file suffix.
FORMATS = ("html", "md")
#: Blocks compared in the profile chart.
PROFILE_BLOCKS = ("aptitude", "trait")
#: Most rows of the profile chart (a catalog like O*NET rates every item for every job).
MAX_PROFILE_ITEMS = 16
#: Below this many reports a process pool costs more than it saves.
MIN_PARALLEL = 16

_STEM_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_STEM_LENGTH = 48
_HASH_LENGTH = 10

_SOURCE_TEXT = {
    "given": "chosen for this report",
    "profile": "named in the profile",
    "best match": "the best match (no target was named)",
}
_ROUTE_TEXT = {
    "career path": "the career path the target occupation documents",
    "route": "a route through related jobs, each move kept small",
    "direct": "the target alone: no path leads to it in this catalog",
}


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class ProfileItem:
    """One aptitude or trait the target needs, set against the person.

    ``rating`` is None when unrated; ``estimate`` is then the rating the gaps
    assume (:func:`matcher.gaps.estimated_ratings`, from the person's other
    ratings). ``level`` 0-5 is what the target needs.
    """

    block: str
    name: str
    rating: float | None
    estimate: float
    level: float
    importance: float

    @property
    def value(self) -> float:
        """The rating, or the estimate where unrated."""
        return self.estimate if self.rating is None else self.rating

    @property
    def shortfall(self) -> float:
        return max(0.0, self.level - self.value)

    @property
    def meets(self) -> bool:
        return self.value >= self.level - MATCH_TOLERANCE


@dataclass(frozen=True)
class Report:
    """Everything a report shows, computed once and rendered to any format."""

    respondent_id: str
    person: PersonProfile
    target_source: str  # "given" | "profile" | "best match"
    recommendations: tuple[Recommendation, ...]
    gaps: GapReport
    profile_items: tuple[ProfileItem, ...]
    created: datetime
    catalog_size: int
    catalog_digest: str = ""
    rated: Mapping[str, int] = field(default_factory=dict)
    profile_items_total: int = 0  # before the cap of MAX_PROFILE_ITEMS

    @property
    def who(self) -> str:
        """The person's name, else the respondent id."""
        return self.person.name.strip() or self.respondent_id or "Anonymous respondent"


def _now(created: datetime | None) -> datetime:
    if created is not None:
        if created.tzinfo is None:
            raise ValueError("created must be timezone-aware, e.g. datetime.now(UTC)")
        return created
    epoch = os.environ.get("SOURCE_DATE_EPOCH")  # reproducible builds
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).astimezone().replace(microsecond=0)


def build_report(
    profile: PersonProfile | Mapping[str, Any] | str | Path,
    *,
    target: str | None = None,
    model: Model | None = None,
    top_k: int = DEFAULT_TOP,
    respondent_id: str = "",
    created: datetime | None = None,
    lenient: bool = False,
) -> Report:
    """Compute a report for one person.

    Parameters
    ----------
    profile : a :class:`PersonProfile`, a dict in the profile JSON shape, or a path.
    target : occupation id, title or alias. Default: the profile's
        ``target_job``, else the person's best match.
    top_k : how many best matches to show.
    respondent_id : shown on the report and used for its file name.
    created : timezone-aware time the report is dated (default: now, or
        ``$SOURCE_DATE_EPOCH`` when set).

    Raises
    ------
    UnknownOccupationError
        The target names no occupation of the catalog (the message lists the
        closest titles).
    """
    model = model or default_model()
    person, ratings = rate(profile, model, lenient=lenient)
    recommendations = tuple(recommend(person, top_k=top_k, model=model))
    if target:
        source = "given"
    elif person.target_job.strip():
        target, source = person.target_job, "profile"
    else:
        target, source = recommendations[0].occupation_id, "best match"
    gap_report = gaps(person, target, model=model)
    rated: dict[str, int] = {}
    for block, _ in person.ratings:
        rated[block] = rated.get(block, 0) + 1
    items = _profile_items(model, ratings, gap_report.target_id)
    return Report(
        respondent_id=respondent_id,
        person=person,
        target_source=source,
        recommendations=recommendations,
        gaps=gap_report,
        profile_items=_most_important(items, MAX_PROFILE_ITEMS),
        created=_now(created),
        catalog_size=len(model.catalog),
        catalog_digest=model.catalog_hash[:12],
        rated={b: rated[b] for b in model.block_names if b in rated},
        profile_items_total=len(items),
    )


def _profile_items(model: Model, ratings: np.ndarray, target_id: str) -> tuple[ProfileItem, ...]:
    """The target's aptitudes and traits against the person's ratings.

    Aptitudes, then traits; most important first within each block.
    """
    row = model.index_of(target_id)
    estimates = estimated_ratings(ratings[None, :], model.block_codes)[0]
    importance, levels = model.importance[row], model.levels[row]
    items = []
    for column in np.flatnonzero(importance > 0):
        block, name = model.vectorizer.key(column)
        if block not in PROFILE_BLOCKS:
            continue
        rating = None if np.isnan(ratings[column]) else float(ratings[column])
        items.append(
            ProfileItem(block, name, rating, float(estimates[column]), float(levels[column]),
                        float(importance[column]))
        )
    order = {b: i for i, b in enumerate(PROFILE_BLOCKS)}
    items.sort(key=lambda i: (order[i.block], -i.importance, -i.level, i.name))
    return tuple(items)


def _most_important(items: tuple[ProfileItem, ...], limit: int) -> tuple[ProfileItem, ...]:
    """The ``limit`` most important items (then highest level, then name), in their order."""
    if len(items) <= limit:
        return items
    keep = set(sorted(items, key=lambda i: (-i.importance, -i.level, i.name))[:limit])
    return tuple(i for i in items if i in keep)


# --------------------------------------------------------------------------- formatting


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _when(created: datetime) -> str:
    return created.strftime("%Y-%m-%d %H:%M ") + (created.tzname() or "")


def _context(report: Report) -> dict[str, Any]:
    """What the templates show, formatted once for both HTML and Markdown."""
    g = report.gaps
    recs = report.recommendations
    matches = [
        {
            "rank": r.rank,
            "title": r.title,
            "score": f"{r.score:.2f}",
            "bar": "█" * round(r.score * 10) + "░" * (10 - round(r.score * 10)),
            "is_target": r.occupation_id == g.target_id,
            "matched": [str(e) for e in r.matched[:4]],
            "matched_more": max(0, len(r.matched) - 4),
            "missing": [str(e) for e in r.missing[:4]],
            "missing_more": max(0, len(r.missing) - 4),
            "unrated": [e.name for e in r.unrated[:4]],
            "unrated_more": max(0, len(r.unrated) - 4),
            "parts": ", ".join(
                f"{block}s {value:.2f}"
                for block, value in sorted(r.contributions.items(), key=lambda kv: (-kv[1], kv[0]))
                if value > 0.005
            ),
        }
        for r in recs
    ]
    steps = []
    for number, step in enumerate(g.steps, start=1):
        if step.reached:
            status, css = "reached", "reached"
        elif step.is_next:
            status, css = "next step", "next"
        else:
            status, css = "ahead", "ahead"
        steps.append(
            {
                "number": number,
                "title": step.title,
                "status": status,
                "css": css,
                "here": step.is_current,
                "is_target": step.occupation_id == g.target_id,
                "score": f"{step.score:.2f}",
                "gaps": [
                    {
                        "name": gap.name,
                        "block": gap.block,
                        "you": "not rated" if gap.rating is None else _number(gap.rating),
                        "estimated": gap.estimated,
                        "needs": _number(gap.level),
                        "short": f"{gap.deficit:.1f}",
                        "priority": f"{gap.priority:.2f}",
                    }
                    for gap in step.gaps
                ],
            }
        )
    plan = [
        {
            "number": number,
            "name": item.name,
            "block": item.block,
            "from": "not rated" if item.rating is None else _number(item.rating),
            "estimated": item.estimated,
            "to": _number(item.level),
            "final": _number(item.final_level) if item.final_level > item.level else "",
            "step": item.step + 1,
            "step_title": item.step_title,
        }
        for number, item in enumerate(g.plan, start=1)
    ]
    items = [
        {
            "name": i.name,
            "block": i.block,
            "you": _number(i.rating) if i.rating is not None else f"≈{i.estimate:.1f}",
            "estimated": i.rating is None,
            "needs": _number(i.level),
            "verdict": "meets it" if i.meets else f"short by {i.shortfall:.1f}",
            "meets": i.meets,
        }
        for i in report.profile_items
    ]
    met = sum(i.meets for i in report.profile_items)
    shortest = sorted(
        (i for i in report.profile_items if not i.meets), key=lambda i: (-i.shortfall, i.name)
    )[:3]
    next_step = g.steps[g.next_step] if g.next_step is not None else None
    best = recs[0] if recs else None
    rated = ", ".join(_plural(n, b) for b, n in report.rated.items())
    return {
        "who": report.who,
        # A survey names people by their id: show the id once.
        "respondent_id": "" if report.respondent_id == report.who else report.respondent_id,
        "current_job": report.person.current_job,
        "named_target": report.person.target_job,
        "target_title": g.target_title,
        "target_source": _SOURCE_TEXT[report.target_source],
        "created": _when(report.created),
        "created_iso": report.created.isoformat(),
        "rated": rated,
        "rated_total": sum(report.rated.values()),
        "catalog_size": _plural(report.catalog_size, "occupation"),
        "catalog": _plural(report.catalog_size, "occupation")
        + (f", catalog {report.catalog_digest}" if report.catalog_digest else ""),
        "version": __version__,
        "best": None if best is None else {"title": best.title, "score": f"{best.score:.2f}"},
        "next_step": None if next_step is None else next_step.title,
        "steps_left": sum(not s.reached for s in g.steps),
        "plan_size": len(plan),
        "route": g.route,
        "route_text": _ROUTE_TEXT.get(g.route, g.route),
        "notes": list(g.notes),
        "matches": matches,
        "steps": steps,
        "plan": plan,
        "items": items,
        "items_met": met,
        "items_total": report.profile_items_total,
        "items_estimated": sum(i.rating is None for i in report.profile_items),
        "items_short": [f"{i.name} (short by {i.shortfall:.1f})" for i in shortest],
        "has_estimates": any(s["estimated"] for st in steps for s in st["gaps"])
        or any(i["estimated"] for i in items),
        "block_colours": BLOCK_COLOURS,
        "tolerance": _number(MATCH_TOLERANCE),
    }


# --------------------------------------------------------------------------- Markdown

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~$#!{}])")
_WHITESPACE = re.compile(r"\s+")


def markdown_escape(text: object) -> str:
    """Text made inert in Markdown: every character that could start markup is escaped.

    Line breaks become spaces (a line break could end a table row or start a
    heading), and backslash escapes neutralise emphasis, links, images, code,
    tables, raw HTML (``<``) and entities (``&``).
    """
    if isinstance(text, Markup):
        return str(text)
    text = _WHITESPACE.sub(" ", str(text)).strip()
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _markdown_finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup | int | float):
        return value
    return markdown_escape(value)


# --------------------------------------------------------------------------- templates


@functools.cache
def _environments() -> tuple[jinja2.Environment, jinja2.Environment]:
    loader = jinja2.PackageLoader("matcher", "templates")
    common = {
        "loader": loader,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    html_env = jinja2.Environment(autoescape=True, **common)
    # Markdown: every {{ value }} goes through markdown_escape unless it is Markup.
    md_env = jinja2.Environment(autoescape=False, finalize=_markdown_finalize, **common)
    for env in (html_env, md_env):
        env.filters["url"] = _url
    return html_env, md_env


def _url(file_name: str) -> Markup:
    """A relative link to a file beside this one, percent-encoded (never a scheme or a path)."""
    return Markup(urllib.parse.quote(Path(str(file_name)).name, safe=""))


def render_html(report: Report, *, index_href: str | None = None) -> str:
    """The report as a self-contained HTML page (charts as inline SVG)."""
    context = _context(report)
    recs = report.recommendations
    context["score_svg"] = Markup(
        score_chart(
            [f"{r.rank}. {r.title}" for r in recs],
            np.array([[r.contributions.get(b, 0.0) for b in _blocks(report)] for r in recs]),
            _blocks(report),
            label=f"Match scores of the {len(recs)} best-matching occupations",
        )
    ) if recs else None
    items = report.profile_items
    context["profile_svg"] = Markup(
        profile_chart(
            [i.name for i in items],
            [i.block for i in items],
            np.array([np.nan if i.rating is None else i.rating for i in items]),
            np.array([i.estimate for i in items]),
            np.array([i.level for i in items]),
            label=f"Aptitudes and traits against {report.gaps.target_title}",
        )
    ) if items else None
    context["index_href"] = index_href
    return _environments()[0].get_template("report.html.j2").render(context)


def _blocks(report: Report) -> list[str]:
    blocks: dict[str, None] = {}
    for r in report.recommendations:
        blocks.update(dict.fromkeys(r.contributions))
    return list(blocks)


def render_markdown(report: Report, *, index_href: str | None = None) -> str:
    """The report as Markdown: the same sections as the HTML, tables instead of charts."""
    context = _context(report)
    context["index_href"] = index_href
    return _environments()[1].get_template("report.md.j2").render(context)


_RENDERERS = {"html": render_html, "md": render_markdown}


# --------------------------------------------------------------------------- file names


def report_stem(respondent_id: str, *, hash_length: int = _HASH_LENGTH) -> str:
    """A safe file name stem for a respondent's report (no suffix).

    Characters outside ``[A-Za-z0-9._-]`` become ``_``, leading dots, dashes
    and underscores go (no hidden files, no ``..``, nothing that reads as a
    command-line option), the readable part is capped at 48 characters and a
    hash of the whole id is always appended, so distinct ids give distinct
    names, also on case-insensitive file systems. Never a path: no ``/``.
    """
    text = unicodedata.normalize("NFKD", str(respondent_id))
    text = text.encode("ascii", "ignore").decode("ascii")
    readable = _STEM_CHARS.sub("_", text).lstrip("._-")[:_STEM_LENGTH].rstrip("._-")
    digest = hashlib.sha256(str(respondent_id).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{readable or 'respondent'}-{digest[:hash_length]}"


def _unique_stems(ids: Sequence[str]) -> list[str]:
    """Stems for distinct ids; ids whose short stems clash (ignoring case) get the full hash.

    A full stem (64 hex digits) is longer than any short one, so it cannot
    clash with one, and distinct ids never share a full hash.
    """
    stems = [report_stem(i, hash_length=_HASH_LENGTH) for i in ids]
    counts: dict[str, int] = {}
    for stem in stems:
        counts[stem.casefold()] = counts.get(stem.casefold(), 0) + 1
    return [
        report_stem(i, hash_length=64) if counts[stem.casefold()] > 1 else stem
        for i, stem in zip(ids, stems, strict=True)
    ]


# --------------------------------------------------------------------------- writing


def _check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in formats if f not in _RENDERERS]
    if unknown or not formats:
        raise InputError(
            f"unknown report format(s) {', '.join(map(repr, unknown)) or '(none given)'}; "
            f"choose from {', '.join(FORMATS)}"
        )
    return formats


def is_profile_source(source: str | Path) -> bool:
    """Whether a command-line input names one profile (``.json`` or ``-``) rather than a survey."""
    text = str(source)
    return text == "-" or text.lower().endswith(".json")


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
    """Write one report in each format into ``outdir``; return ``{format: path}``."""
    outdir = Path(outdir)
    stem = stem or report_stem(report.respondent_id or report.who)
    written = {}
    for fmt in _check_formats(formats):
        path = outdir / f"{stem}.{fmt}"
        atomic_write_text(path, _RENDERERS[fmt](report, index_href=index_href))
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
class RejectedRow:
    """A problem that kept an input row from getting a report.

    The fields are those of a survey's rejects table; ``file`` is empty and
    ``line`` None where not known (e.g. people given as a list).
    """

    file: str
    line: int | None
    respondent_id: str
    column: str
    value: str
    reason: str

    @property
    def where(self) -> str:
        line = "" if self.line is None else f"line {self.line}"
        return ", ".join(part for part in (Path(self.file).name if self.file else "", line) if part)


@dataclass(frozen=True)
class BatchResult:
    """What :func:`write_reports` wrote."""

    outdir: Path
    reports: tuple[ReportFile, ...]
    rejected: tuple[RejectedRow, ...]
    index: Path
    rejects_file: Path | None
    seconds: float


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
    task: tuple[str, PersonProfile, str],
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
        f"{stem}.{fmt}": _RENDERERS[fmt](report, index_href="index.html")
        for fmt in options.formats
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
        next_step=None if g.next_step is None else g.steps[g.next_step].title,
        plan_size=len(g.plan),
    )
    return entry, files


def _show_progress(progress: bool | None) -> bool:
    if progress is not None:
        return progress
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _run(tasks: list, model: Model, options: _Options, jobs: int, progress: bool) -> list:
    from tqdm import tqdm

    bar = tqdm(total=len(tasks), unit="report", desc="reports", disable=not progress,
               file=sys.stderr)
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


def _rejects_from_frame(rejects) -> list[RejectedRow]:
    if rejects is None or len(rejects) == 0:
        return []
    rows = []
    for record in rejects.to_dict("records"):
        line = record.get("line")
        try:
            line = int(line)
        except (TypeError, ValueError):
            line = None
        rows.append(
            RejectedRow(
                file=_cell(record.get("file", "")),
                line=line,
                respondent_id=_cell(record.get("respondent_id", "")),
                column=_cell(record.get("column", "")),
                value=_cell(record.get("value", "")),
                reason=_cell(record.get("reason", "")),
            )
        )
    return rows


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def default_jobs() -> int:
    """Processes to use by default: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def write_reports(
    people: Sequence[tuple[str, PersonProfile]],
    outdir: str | Path,
    *,
    model: Model | None = None,
    target: str | None = None,
    formats: Iterable[str] = FORMATS,
    top_k: int = DEFAULT_TOP,
    jobs: int | None = None,
    rejects=None,
    created: datetime | None = None,
    progress: bool | None = None,
    title: str = "Career reports",
) -> BatchResult:
    """One report per respondent, made in parallel, plus ``index.html`` (and ``index.md``).

    Parameters
    ----------
    people : ``(respondent id, profile)`` pairs, in the order the index lists them.
    target : one target for everyone (an unknown one raises
        :class:`UnknownOccupationError` before any work); default: each
        person's ``target_job``, else their best match. A ``target_job`` that
        names no occupation rejects that respondent (listed in the index and
        in ``rejects.csv``); it does not stop the batch.
    jobs : worker processes (default: every CPU; 1 = in this process).
    rejects : rows already rejected while reading the input: the rejects
        DataFrame of :func:`matcher.survey.read_survey_profiles` (columns
        ``file, line, respondent_id, column, value, reason``; any may be missing).
    created : the time every report is dated (default: now).
    progress : show a progress bar (default: when standard error is a terminal).

    A respondent id seen twice keeps its first row; later ones are rejected.
    """
    started = time.perf_counter()
    model = model or default_model()
    formats = _check_formats(formats)
    if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
        raise ValueError(f"top_k must be a positive integer, got {top_k!r}")
    if target:
        target = model.resolve_occupation(target).id  # an unknown target stops the batch here
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    options = _Options(outdir, formats, target or None, top_k, _now(created))

    rejected = _rejects_from_frame(rejects)
    seen: set[str] = set()
    unique: list[tuple[str, PersonProfile]] = []
    for respondent_id, person in people:
        respondent_id = str(respondent_id)
        if respondent_id in seen:
            rejected.append(
                RejectedRow("", None, respondent_id, "respondent_id", respondent_id,
                            "duplicate respondent id: only its first row got a report")
            )
            continue
        seen.add(respondent_id)
        unique.append((respondent_id, person))
    stems = _unique_stems([i for i, _ in unique])
    tasks = [(i, person, stem) for (i, person), stem in zip(unique, stems, strict=True)]

    jobs = default_jobs() if jobs is None else jobs
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive integer, got {jobs!r}")
    if len(tasks) < MIN_PARALLEL:
        jobs = 1
    results = _run(tasks, model, options, min(jobs, max(1, len(tasks))), _show_progress(progress))

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
        "created": _when(options.created),
        "created_iso": options.created.isoformat(),
        "reports": reports,
        "show_names": any(r.name and r.name != r.respondent_id for r in reports),
        "rejected": rejected_rows,
        "rejected_rows": len({(r.file, r.line, r.respondent_id) for r in rejected_rows}),
        "rejects_file": None if rejects_file is None else rejects_file.name,
        "formats": formats,
        "source_text": _SOURCE_TEXT,
        "version": __version__,
    }
    atomic_write_text(index, render_index(context, "html"))
    if "md" in formats:
        atomic_write_text(outdir / "index.md", render_index(context, "md"))
    return BatchResult(outdir, reports, rejected_rows, index, rejects_file,
                       time.perf_counter() - started)


def render_index(context: Mapping[str, Any], fmt: str = "html") -> str:
    """The index page of a batch (``fmt``: ``html`` or ``md``)."""
    html_env, md_env = _environments()
    env = html_env if fmt == "html" else md_env
    return env.get_template(f"index.{fmt}.j2").render(context)


def rejects_csv(rows: Iterable[RejectedRow]) -> str:
    """Rejected rows as CSV text: file, line, respondent_id, column, value, reason.

    Text cells that a spreadsheet would run as a formula are prefixed with ``'``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "line", "respondent_id", "column", "value", "reason"])
    for row in rows:
        writer.writerow(
            [
                safe_cell(row.file),
                "" if row.line is None else row.line,
                *(safe_cell(v) for v in (row.respondent_id, row.column, row.value,
                                                 row.reason)),
            ]
        )
    return buffer.getvalue()
