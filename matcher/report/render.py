"""Rendering a report (and a batch's index) as HTML and Markdown with Jinja2 templates.

HTML text is escaped by Jinja2's autoescape; in Markdown every value goes
through :func:`markdown_escape` unless it is ``Markup``. In both, every value
goes through :func:`isolate`, so right-to-left text or direction controls in a
name cannot reorder the text around it, and the pages are valid Unicode.
"""

from __future__ import annotations

import functools
import re
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
import numpy as np
from markupsafe import Markup

from matcher.util.invisible import BIDI_CONTROLS
from matcher.util.labels import counted
from matcher.validation import check_instance

from .build import Report
from .charts import needs_chart, score_chart
from .context import report_context
from .rows import left_blank

__all__ = [
    "FORMATS",
    "RENDERERS",
    "check_report",
    "isolate",
    "markdown_escape",
    "render_html",
    "render_index",
    "render_markdown",
]

#: Output formats, by file suffix.
FORMATS = ("html", "md")

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$#!{}]|&(?=#?\w+;))")
#: What autolinkers (GitHub's, markdown-it's linkify) take for a link: the dot before a
#: domain label, the colon of a scheme, an e-mail's @, the slashes of //host. An escaped
#: character ends the text run they scan, so the link is never found.
_LINKABLE = re.compile(r"\.(?=[^\W\d_])|(?<=[^\W\d_]):|@|/(?=/)|(?<=/)/")
_WHITESPACE = re.compile(r"\s+")
#: Bidi embeddings, overrides and isolates: one left open would reorder the page after it.
_BIDI_CONTROLS = re.compile(f"[{BIDI_CONTROLS}]")
#: Right-to-left letters and digits (Hebrew, Arabic and the other RTL blocks) and marks.
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_SURROGATES = re.compile("[\ud800-\udfff]")
_FIRST_STRONG_ISOLATE, _POP_ISOLATE = "\u2068", "\u2069"


def isolate(text: object) -> str:
    """Untrusted text that cannot change the direction of the text around it.

    Bidi embedding, override and isolate controls are removed; text with
    right-to-left characters is wrapped in a first-strong isolate (U+2068 ..
    U+2069, what HTML's ``<bdi>`` does, and valid in a title or a Markdown
    table too). Lone surrogates, which no file can hold, become U+FFFD.
    """
    text = _SURROGATES.sub("\ufffd", _BIDI_CONTROLS.sub("", str(text)))
    if _RIGHT_TO_LEFT.search(text):
        return f"{_FIRST_STRONG_ISOLATE}{text}{_POP_ISOLATE}"
    return text


def markdown_escape(text: object) -> str:
    """Text made inert in Markdown: every character that could start markup is escaped.

    Line breaks become spaces (a line break could end a table row or start a
    heading), and backslash escapes neutralise emphasis, links, images, code,
    tables, raw HTML (``<``), entities (an ``&`` that would start one: a plain one stays
    plain) and autolinks (``www.x.org``,
    ``https://``, ``a@b.org``, ``//host``: the escapes do not show).
    """
    if isinstance(text, Markup):
        return str(text)
    text = _WHITESPACE.sub(" ", str(text)).strip()
    return _LINKABLE.sub(r"\\\g<0>", _MARKDOWN_SPECIAL.sub(r"\\\1", text))


def _markdown_finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup | int | float):
        return value
    return isolate(markdown_escape(value))


def _html_finalize(value: object) -> object:
    if value is None or isinstance(value, Markup | int | float):
        return value
    return isolate(value)  # autoescape follows


# --------------------------------------------------------------------------- templates


@functools.cache
def _environments() -> tuple[jinja2.Environment, jinja2.Environment]:
    loader = jinja2.PackageLoader("matcher.report", "templates")
    common = {
        "loader": loader,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    html_env = jinja2.Environment(autoescape=True, finalize=_html_finalize, **common)
    # Markdown: every {{ value }} goes through markdown_escape unless it is Markup.
    md_env = jinja2.Environment(autoescape=False, finalize=_markdown_finalize, **common)
    for env in (html_env, md_env):
        env.filters["url"] = _url
        env.filters["isolate"] = isolate  # each item of a list joined into one value
        env.filters["counted"] = counted  # "1 problem", as everywhere else
    return html_env, md_env


def _url(file_name: str) -> Markup:
    """A relative link to a file beside this one, percent-encoded (never a scheme or a path)."""
    return Markup(urllib.parse.quote(Path(str(file_name)).name, safe=""))


def check_report(report: object, index_href: object = None) -> None:
    """Refuse what is not a :class:`~.build.Report` (a Recommendation, None) and an
    ``index_href`` that is not text: each reached an AttributeError deep in the rendering.

    Raises
    ------
    InputError
        Naming the parameter, the value and what would do.
    """
    check_instance("report", report, (Report,), "a Report, as build_report(profile) makes")
    if index_href is not None:
        check_instance("index_href", index_href, (str,), "the link to an index page, or None")


def render_html(report: Report, *, index_href: str | None = None) -> str:
    """The report as a self-contained HTML page (charts as inline SVG)."""
    check_report(report, index_href)
    context = report_context(report)
    recs = report.recommendations
    context["score_svg"] = (
        Markup(
            score_chart(
                [f"{r.rank}. {r.title}" for r in recs],
                np.array([[r.contributions.get(b, 0.0) for b in _blocks(report)] for r in recs]),
                _blocks(report),
                label=f"Match scores of the {len(recs)} best-matching occupations",
            )
        )
        if recs
        else None
    )
    items = report.need_items
    context["needs_svg"] = (
        Markup(
            needs_chart(
                [i.name for i in items],
                [i.block for i in items],
                np.array([np.nan if i.rating is None else i.rating for i in items]),
                np.array([i.estimate for i in items]),
                np.array([i.level for i in items]),
                fit=[i.is_fit for i in items],
                skipped=[left_blank(report.person, i.block, i.name) for i in items],
                label=f"{context['needs_title']} against {report.gaps.target_title}",
            )
        )
        if items
        else None
    )
    context["index_href"] = index_href
    return _environments()[0].get_template("report.html.j2").render(context)


def _blocks(report: Report) -> list[str]:
    blocks: dict[str, None] = {}
    for r in report.recommendations:
        blocks.update(dict.fromkeys(r.contributions))
    return list(blocks)


def render_markdown(report: Report, *, index_href: str | None = None) -> str:
    """The report as Markdown: the same sections as the HTML, tables instead of charts."""
    check_report(report, index_href)
    context = report_context(report)
    context["index_href"] = index_href
    return _environments()[1].get_template("report.md.j2").render(context)


#: Renderer by format.
RENDERERS = {"html": render_html, "md": render_markdown}


def render_index(context: Mapping[str, Any], fmt: str = "html") -> str:
    """The index page of a batch (``fmt``: ``html`` or ``md``)."""
    html_env, md_env = _environments()
    env = html_env if fmt == "html" else md_env
    return env.get_template(f"index.{fmt}.j2").render(context)
