"""Reports a screen reader, a phone and a grey printer can read (a reviewer's findings,
2026-12-01): the chart's data as a table, tables named, a "*" said in words, chart colours at
least 3:1 against white and apart in grey, bidi controls out of CSV cells."""

from __future__ import annotations

import itertools
import re

from reports import PROFILE, report_of

from matcher import render_html
from matcher.report.charts import BLOCK_COLOURS
from matcher.util.cells import safe_cell


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_needs_chart_is_also_a_table_a_screen_reader_reads(builtin_model):
    report = report_of(builtin_model, PROFILE, target="ward-mayor")
    page = render_html(report)
    table = re.search(r'<div class="sr-only chart-table cards">\s*<table>(.*?)</table>', page, re.S)
    assert table is not None and "<caption>The chart as a table" in table.group(1)
    for item in report.need_items:
        assert f'<td data-label="Item">{item.name}</td>' in table.group(1).replace("&amp;", "&")
    # every table says what it is and its headers say they head columns
    assert page.count("<table") == page.count("<caption")
    assert '<th scope="col"' in page and "<th>" not in page.split('<section id="needs"')[1]


def test_an_estimate_mark_is_said_in_words(builtin_model):
    page = render_html(report_of(builtin_model, PROFILE, target="ward-mayor"))
    assert 'aria-hidden="true">*</span><span class="sr-only"> (estimated)</span>' in page


def _luma(colour: str) -> float:
    """The grey a printer makes of a colour (Rec. 601 luma, as ``pdftoppm -gray``), 0-255."""
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.299 * red + 0.587 * green + 0.114 * blue


def test_chart_colours_stand_out_from_white_and_from_each_other_in_grey():
    """A WCAG luminance ratio of 1.25 let the aptitude, trait and interest bars print as
    greys 114, 123 and 118, which nobody tells apart on paper."""
    assert all(1.05 / (_luminance(c) + 0.05) >= 3.0 for c in BLOCK_COLOURS.values())  # WCAG
    greys = sorted(_luma(c) for c in BLOCK_COLOURS.values())
    assert min(b - a for a, b in itertools.pairwise(greys)) >= 40, greys


def test_csv_cells_lose_bidi_controls():
    assert safe_cell("abc\u202egnp.exe") == "abcgnp.exe"
    assert safe_cell("=\u2066cmd") == "'=cmd"
