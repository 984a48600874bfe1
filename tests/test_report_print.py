"""Reports printed on A4 by headless Chromium: one of each kind (built-in catalog, O*NET
model, survey row), read back from the PDF with poppler's ``pdftotext``.

Checked: the top matches start on page 1 (heading to the first match; whole there on the
built-in catalog, a long O*NET table running on between rows); no heading, nor the first line
of one that wraps, is among the last lines of a page (it would be stranded at its foot); chart
text prints at 7 pt or more, charts of 16 items included; a chart made only of estimates says so
in words; an O*NET model's report never speaks of aptitudes. The PDFs are kept under
``test-artifacts/`` for people to look at.

Skips, saying why, when Chromium, the ``playwright`` package or ``pdftotext`` is missing.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, SHARED

from matcher import import_onet, read_survey_assessments, write_reports
from matcher.report.build import build_report
from matcher.report.render import render_html

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("MATCHER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PDFTOTEXT = shutil.which("pdftotext")
CREATED = datetime(2025, 4, 1, 9, 30, tzinfo=UTC)
#: Smallest chart text on paper, in points.
MIN_CHART_PT = 7.0
#: A4 at 96 px per inch, less the print margins of the stylesheet (14 mm each side).
A4_CONTENT_WIDTH_PX = round((210 - 2 * 14) / 25.4 * 96)

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (pip install -e .[test])"
)
if not Path(CHROMIUM).is_file():
    pytest.skip(
        f"Chromium not found at {CHROMIUM} (Debian: apt-get install chromium)",
        allow_module_level=True,
    )
if PDFTOTEXT is None:
    pytest.skip(
        "pdftotext not found (Debian: apt-get install poppler-utils)", allow_module_level=True
    )

#: Every text element of every chart shown, as its printed size in points: the SVG's font
#: size in user units times the scale from user units to CSS px (the element's screen
#: transform: the viewBox as drawn, letterboxing included), at 72 pt per 96 px.
CHART_TEXT_PT = """() => [...document.querySelectorAll('svg.chart')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .flatMap(svg => [...svg.querySelectorAll('text')].map(t => {
    const m = t.getScreenCTM();
    return {
      text: t.textContent,
      pt: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) * 72 / 96,
    };
  }))"""

#: Invented work styles, so that an O*NET model has a trait chart of 16 items and more.
STYLES = [
    "Fog Patience",
    "Lantern Care",
    "Tide Sense",
    "Rope Tidiness",
    "Night Calm",
    "Map Memory",
    "Crowd Warmth",
    "Signal Focus",
    "Storm Nerve",
    "Ledger Neatness",
    "Bell Timing",
    "Harbour Courtesy",
    "Moss Gentleness",
    "Ferry Punctuality",
]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def _onet_without_aptitudes(folder: Path) -> Path:
    """The fixture O*NET database without Abilities (as the real one ships) and with 16 work
    styles per occupation, so the trait chart is full."""
    shutil.copytree(FIXTURES / "onet", folder)
    (folder / "Abilities.txt").unlink()
    path = folder / "Work Styles.txt"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t"))
    header, body = rows[0], rows[1:]
    occupations = sorted({(r[0], r[1]) for r in body})
    for n, name in enumerate(STYLES):
        for k, (code, title) in enumerate(occupations):
            value = 2.5 + ((n + k) % 6) * 0.5  # importance 2.5 .. 5
            body.append(
                [
                    code,
                    title,
                    f"1.Z.9.{n}",
                    name,
                    "IM",
                    "Importance",
                    f"{value:g}",
                    "20",
                    "0.1",
                    "",
                    "",
                    "N",
                    "04/2024",
                    "Incumbent",
                ]
            )
    path.write_text("\n".join("\t".join(r) for r in [header, *body]) + "\n", encoding="utf-8")
    return folder


def _print(
    browser, html: str, name: str, tmp_path: Path
) -> tuple[list[str], list[dict], list[str]]:
    """Print one report: (the text of each page, the chart texts in points, the headings)."""
    page_file = tmp_path / f"{name}.html"
    page_file.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": A4_CONTENT_WIDTH_PX, "height": 1000})
    page = context.new_page()
    try:
        page.goto(page_file.resolve().as_uri(), wait_until="load")
        page.emulate_media(media="print")
        charts = page.evaluate(CHART_TEXT_PT)
        headings = page.locator("h2, h3").all_inner_texts()
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = ARTIFACTS / f"print-{name}.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        context.close()
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1] or [text], charts, headings


def _content_lines(page: str) -> list[str]:
    """A page's lines of text, without blank lines and the page-number footer."""
    lines = [" ".join(line.split()) for line in page.splitlines()]
    return [line for line in lines if line and not re.fullmatch(r"Page \d+ of \d+", line)]


def _begins(heading: str, line: str) -> bool:
    """Whether ``line`` is the first line of ``heading`` wrapped (at least three words of it)."""
    return len(line.split()) >= 3 and heading.startswith(line + " ")


def check_printout(pages: list[str], charts: list[dict], headings: list[str]) -> list[str]:
    """What is wrong with a printed report (empty when nothing is)."""
    problems = []
    lines = _content_lines(pages[0])
    heading = next((i for i, line in enumerate(lines) if line == "Best matches"), None)
    if heading is None or not any(re.match(r"1 \S", line) for line in lines[heading:]):
        problems.append("the top matches (heading to the first match) do not start on page 1")
    for number, page in enumerate(pages[:-1], start=1):
        tail = _content_lines(page)[-3:]
        whole = [" ".join(h.split()) for h in headings]
        # a heading at the foot, or the first line(s) of one that wraps (split across pages)
        stranded = [h for h in whole for line in tail if line.startswith(h) or _begins(h, line)]
        if stranded:
            problems.append(f"page {number} ends with the heading {stranded[0]!r}")
    last = _content_lines(pages[-1])
    if len(pages) > 1 and last and last[0].startswith("Made with matcher"):
        problems.append("the last page holds only the footer")
    small = [c for c in charts if c["pt"] < MIN_CHART_PT - 0.05]
    if small:
        problems.append(f"chart text under {MIN_CHART_PT} pt: {small[:3]}")
    return problems


def test_the_checks_catch_a_stranded_heading_small_text_and_a_split_table():
    pages = [
        "Best matches\n#  Occupation",
        "1 Cook\n2 Chef\nItems read\nLearning plan\n",
        "Made with matcher 1.0",
    ]
    problems = check_printout(pages, [{"text": "Cook", "pt": 5.3}], ["Learning plan"])
    assert len(problems) == 4, problems
    # the first line of a heading that wraps, at the foot of a page
    pages = ["Best matches\n1 Cook\nTraits against First-Line Supervisors of", "Workers\nend"]
    heading = ["Traits against First-Line Supervisors of Workers"]
    assert check_printout(pages, [], heading) == [f"page 1 ends with the heading {heading[0]!r}"]


def test_a_heading_that_wraps_is_never_split_across_pages(browser, builtin_model, tmp_path):
    """A long O*NET title wrapped "Traits and interests against First-Line Supervisors of
    Production and Operating Workers" to two lines, and the first was printed alone at the foot
    of page 3. Here, with the report's own stylesheet, such a heading starts a little lower on
    each page, so that on some page the break falls inside it unless it is kept whole."""
    report = build_report(
        ROOT / "data" / "examples" / "section-chief.json", model=builtin_model, created=CREATED
    )
    style = re.search(r"<style>.*?</style>", render_html(report), re.S).group(0)
    title = " ".join(["Supervisors of Production and Operating Workers"] * 3)
    sections = "".join(
        f'<div style="break-before: page; height: {880 + 6 * k}px"></div>'
        f"<h2>Section {k}: traits and interests against {title} end{k}</h2><p>The chart.</p>"
        for k in range(24)
    )
    html = f"<!doctype html><html><head>{style}</head><body><main>{sections}</main></body></html>"
    pages, _, _ = _print(browser, html, "headings", tmp_path)
    split = []
    for k in range(24):
        where = [n for n, page in enumerate(pages) if f"Section {k}:" in page]
        if not where or f"end{k}" not in pages[where[0]]:
            split.append(k)
    assert split == []


def test_a_builtin_report_prints_well(browser, builtin_model, tmp_path):
    report = build_report(
        ROOT / "data" / "examples" / "section-chief.json",
        target="Ward Mayor",
        model=builtin_model,
        created=CREATED,
    )
    pages, charts, headings = _print(browser, render_html(report), "builtin", tmp_path)
    assert check_printout(pages, charts, headings) == []
    assert "Items read" in pages[0]  # the table whole on page 1, to its caption
    assert len(pages) >= 3 and any(c["text"].startswith("Stress Tolerance") for c in charts)
    assert "Aptitudes and traits against" in "".join(pages)


def test_the_caveat_of_a_match_resting_on_few_asked_items_is_printed(
    browser, builtin_model, tmp_path
):
    """On paper "15 of its 16 key items were not on your questionnaire: this match rests on
    the one that was" was hidden with the lists of unrated items: a 58 % Farm Worker printed
    with a gap as its only "why"."""
    person = {
        "name": "Few asked",
        "skills": {"Customer Service": 4, "Programming": 0, "Mathematics": 1},
        "aptitudes": {"Teamwork": 5, "Communication Skills": 4},
        "traits": {"Cleanliness": 5},
    }
    person["asked"] = {b: list(person[b]) for b in ("skills", "aptitudes", "traits")}
    report = build_report(person, model=builtin_model, created=CREATED)
    shown = report.recommendations[:5]
    assert any(r.rests_on_few_asked for r in shown)
    pages, _, _ = _print(browser, render_html(report), "few-asked", tmp_path)
    printed = " ".join(pages[0].split())
    assert printed.count("were not on your questionnaire: this match") == sum(
        r.rests_on_few_asked for r in shown
    )


def test_a_report_ending_at_a_page_foot_keeps_its_footer_with_the_glossary(
    browser, builtin_model, tmp_path
):
    """A sales representative's report printed its last page with the footer alone."""
    seller = {
        "current_job": "Sales Representative",
        "skills": {"Sales": 4, "Negotiation": 4, "Account Management": 4, "Product Knowledge": 4}
        | {"Public Speaking": 3, "IT Literacy": 3, "Business Writing": 3}
        | {"Contract Management": 3, "Market Research": 2, "Data Analysis": 2, "Mentoring": 2}
        | {"Marketing": 2, "Team Management": 1, "Budget Management": 1}
        | {"Strategic Planning": 1, "Recruitment": 0},
        "aptitudes": {"Persuasiveness": 5, "Communication Skills": 4, "Active Listening": 4}
        | {"Stress Tolerance": 4, "Time Management": 3, "Initiative & Leadership": 3}
        | {"Decision Making": 3, "Planning & Organization": 3},
        "traits": {"Ambition": 5, "Assertiveness": 4, "Sociability": 4, "Perseverance": 4}
        | {"Positive Attitude": 4, "Leadership": 3, "Sound Judgment": 3},
    }
    report = build_report(
        {"name": "Daichi Ono", **seller},
        target="Sales Manager",
        model=builtin_model,
        created=CREATED,
    )
    pages, charts, headings = _print(browser, render_html(report), "seller", tmp_path)
    # (a one-line step at a page foot reads to the heading check as a stranded heading)
    assert "the last page holds only the footer" not in check_printout(pages, charts, headings)
    assert len(_content_lines(pages[-1])) > 2


def test_an_onet_report_with_a_chart_of_16_items_prints_well(browser, tmp_path):
    model = import_onet(_onet_without_aptitudes(tmp_path / "onet"))
    assert "aptitude" not in model.block_names
    person = {
        "name": "Mika",
        "skills": {"Programming": 3, "Mathematics": 2},
        "traits": {"Dependability": 4, "Fog Patience": 2},
        "interests": {"Realistic": 4},
    }
    report = build_report(person, target="Beacon Signal Engineers", model=model, created=CREATED)
    assert len(report.need_items) == 16
    pages, charts, headings = _print(browser, render_html(report), "onet", tmp_path)
    assert check_printout(pages, charts, headings) == []
    rows = [c for c in charts if "·" in c["text"]]
    assert len(rows) == 16  # every row of the chart measured
    printed = "".join(pages)
    assert "aptitude" not in printed.lower()  # the model has none
    assert "Traits and interests against Beacon Signal Engineers" in " ".join(printed.split())


def test_a_real_onet_report_prints_well(browser, tmp_path):
    folder = SHARED / "onet"
    if not folder.exists():
        pytest.skip(f"{folder} is absent: it holds data for developers and CI only, not shipped")
    model = import_onet(folder)
    person = {
        "skills": {"Programming": 4, "Mathematics": 3, "Critical Thinking": 4, "Writing": 3},
        "traits": {"Analytical Thinking": 4, "Attention to Detail": 4},
        "interests": {"Investigative": 4, "Conventional": 2},
    }
    report = build_report(person, target="Statisticians", model=model, created=CREATED)
    pages, charts, headings = _print(browser, render_html(report), "onet-real", tmp_path)
    assert check_printout(pages, charts, headings) == []
    assert "aptitude" not in "".join(pages).lower()
    # Thirty ratings make long rows: kept whole, the table left page 1 blank but for the
    # summary; it starts there and runs on between rows.
    nurse = {
        "current_job": "Registered Nurses",
        "skills": dict.fromkeys(
            (
                "Customer and Personal Service",
                "Service Orientation",
                "Active Listening",
                "Social Perceptiveness",
                "Speaking",
                "Critical Thinking",
                "Coordination",
                "Monitoring",
                "Reading Comprehension",
                "Judgment and Decision Making",
                "English Language",
                "Medicine and Dentistry",
            ),
            4,
        )
        | dict.fromkeys(
            ("Psychology", "Biology", "Instructing", "Writing", "Therapy and Counseling"), 3
        )
        | dict.fromkeys(
            ("Administration and Management", "Administrative", "Computers and Electronics"), 2
        )
        | dict.fromkeys(("Personnel and Human Resources", "Economics and Accounting"), 1),
        "traits": {"Concern for Others": 5, "Stress Tolerance": 4, "Dependability": 5},
        "interests": {"Social": 5, "Investigative": 3},
    }
    report = build_report(
        nurse, target="Medical and Health Services Managers", model=model, created=CREATED
    )
    pages, charts, headings = _print(browser, render_html(report), "onet-long", tmp_path)
    assert check_printout(pages, charts, headings) == []
    # A welder's report: its long target title wrapped the trait chart's heading, whose first
    # line was printed alone at the foot of page 3.
    welder = {
        "current_job": "Welders, Cutters, Solderers, and Brazers",
        "skills": dict.fromkeys(("Operation and Control", "Monitoring", "Active Listening"), 3)
        | dict.fromkeys(("Quality Control Analysis", "Mechanical", "Production and Processing"), 3)
        | dict.fromkeys(("Building and Construction", "Public Safety and Security"), 3)
        | dict.fromkeys(("Equipment Maintenance", "Repairing", "Troubleshooting"), 2)
        | dict.fromkeys(("Critical Thinking", "Reading Comprehension", "Mathematics"), 2)
        | dict.fromkeys(("Design", "Mathematics (Knowledge)", "Engineering and Technology"), 2)
        | {"Physics": 1, "English Language": 2},
        "traits": {"Attention to Detail": 5, "Dependability": 4, "Independence": 4}
        | {"Persistence": 4, "Self-Control": 3},
        "interests": {"Realistic": 5, "Conventional": 3, "Investigative": 2, "Enterprising": 1}
        | {"Social": 1, "Artistic": 2},
    }
    report = build_report(
        {"name": "Luis Garcia", **welder},
        target="First-Line Supervisors of Production and Operating Workers",
        model=model,
        created=CREATED,
    )
    pages, charts, headings = _print(browser, render_html(report), "onet-welder", tmp_path)
    assert check_printout(pages, charts, headings) == []


def test_a_survey_row_report_prints_well_and_says_when_a_chart_is_all_estimates(
    browser, builtin_model, tmp_path
):
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "respondent_id,current_job,target_job,skill:Patient Care,skill:Medical Knowledge,"
        "skill:Infection Control\n"
        "n-7,Registered Nurse,Head Nurse,4,3,4\n",
        encoding="utf-8",
    )
    people, rejects = read_survey_assessments(survey, builtin_model)
    batch = write_reports(
        people, tmp_path / "out", model=builtin_model, rejects=rejects, created=CREATED, jobs=1
    )
    html = (batch.outdir / batch.reports[0].files["html"]).read_text(encoding="utf-8")
    pages, charts, headings = _print(browser, html, "survey-row", tmp_path)
    assert check_printout(pages, charts, headings) == []
    # Only skills were rated: every bar of the aptitude and trait chart is an estimate.
    assert "You rated none of these items" in " ".join("".join(pages).split())
