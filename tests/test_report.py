"""Gap reports: contents, escaping, file names, batches, determinism, the CLI."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_svg import FigureCanvasSVG

from matcher import (
    Assessment,
    build_report,
    gaps,
    read_survey_assessments,
    recommend,
    render_html,
    render_markdown,
    write_report,
    write_reports,
)
from matcher.cli import main
from matcher.core.gapmath import estimated_ratings
from matcher.errors import InputError, UnknownOccupationError
from matcher.match.recommend import rate
from matcher.report import build as report_build
from matcher.report import charts
from matcher.report import files as report_files
from matcher.report import stems as report_stems
from matcher.report.charts import canvas as chart_canvas
from matcher.report.context import format_time
from matcher.report.render import markdown_escape
from matcher.report.stems import report_stem

CREATED = datetime(2025, 4, 1, 9, 30, tzinfo=UTC)
PROFILE = {
    "name": "Aiko Tanaka",
    "current_job": "Municipal Clerk",
    "skills": {"Budget Management": 3, "Public Speaking": 2, "Office Administration": 4},
    "aptitudes": {"Stress Tolerance": 4, "Communication Skills": 3},
    "traits": {"Leadership": 4},
}
XSS = "<script>alert(1)</script>"
SECTIONS = [
    "Best matches",
    "Path to",
    "Aptitudes and traits against",
    "Learning plan",
    "How to read this report",
]


class _Page(HTMLParser):
    """What a test needs from an HTML page: headings, links, sources, text, tags."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.h1: list[str] = []
        self.h2: list[str] = []
        self.links: list[str] = []
        self.sources: list[str] = []
        self.tags: list[str] = []
        self._open: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        for name in ("src", "srcset", "data", "poster", "xlink:href", "action", "formaction"):
            if attrs.get(name) and not attrs[name].startswith("#"):
                self.sources.append(attrs[name])
        if tag in ("h1", "h2"):
            self._open = tag
            getattr(self, tag).append("")

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            getattr(self, self._open)[-1] += data


def _report(model, profile=PROFILE, **kwargs):
    kwargs.setdefault("created", CREATED)
    return build_report(profile, model=model, **kwargs)


def _md_headings(markdown: str, level: int = 2) -> list[str]:
    prefix = "#" * level + " "
    return [line[len(prefix) :] for line in markdown.splitlines() if line.startswith(prefix)]


# --------------------------------------------------------------------------- contents


def test_report_holds_the_matches_path_chart_and_plan(fixture_model):
    report = _report(fixture_model, target="mayor", top_k=4)
    expected_recs = recommend(PROFILE, model=fixture_model, top_k=4)
    expected_gaps = gaps(PROFILE, "mayor", model=fixture_model)
    assert [r.occupation_id for r in report.recommendations] == [
        r.occupation_id for r in expected_recs
    ]
    assert report.gaps == expected_gaps
    assert report.target_source == "given"

    page = render_html(report)
    parsed = _Page(page)
    assert parsed.h1 == ["Aiko Tanaka"]
    assert [h for h in parsed.h2] == [
        "Best matches",
        f"Path to {expected_gaps.target_title}",
        f"Aptitudes and traits against {expected_gaps.target_title}",
        "Learning plan",
        "How to read this report",
    ]
    assert "2025-04-01 09:30" in page and 'datetime="2025-04-01T09:30:00+00:00"' in page
    # Matches in rank order with their scores, both in the table and the chart.
    table = page[page.index('<table class="matches">') :]
    positions = [table.index(f"<strong>{r.title}</strong>") for r in expected_recs]
    assert positions == sorted(positions)
    for r in expected_recs:
        assert f"{r.score:.2f}" in page
    # Every step of the path, in order, each with its gaps.
    positions = [page.index(f"{i}. {s.title}</h3>") for i, s in enumerate(expected_gaps.steps, 1)]
    assert positions == sorted(positions)
    # The learning plan in the order gaps() gives it.
    plan = page[page.index('id="plan"') :]
    positions = [plan.index(f"<td>{html.escape(item.name)}</td>") for item in expected_gaps.plan]
    assert positions == sorted(positions) and expected_gaps.plan
    # Two charts, as inline SVG with an accessible name.
    assert page.count("<svg ") == 2 and page.count('role="img"') == 2


def test_profile_chart_compares_the_targets_aptitudes_and_traits(fixture_model):
    report = _report(fixture_model, target="mayor")
    row = fixture_model.index_of("mayor")
    wanted = {
        fixture_model.vectorizer.key(c)
        for c in np.flatnonzero(fixture_model.importance[row] > 0)
        if fixture_model.vectorizer.key(c)[0] in ("aptitude", "trait")
    }
    assert {(i.block, i.name) for i in report.profile_items} == wanted
    stress = next(i for i in report.profile_items if i.name == "Stress Tolerance")
    assert stress.rating == 4 and stress.level == 5 and not stress.meets
    # An unrated item shows the estimate the gaps assume, never zero.
    _, ratings = rate(PROFILE, fixture_model)
    estimates = estimated_ratings(ratings[None, :], fixture_model.block_codes)[0]
    unrated = [i for i in report.profile_items if i.rating is None]
    assert unrated
    for item in unrated:
        column = fixture_model.vectorizer.feature_index(item.block, item.name)
        assert item.estimate == pytest.approx(estimates[column]) and item.estimate > 0
    svg = render_html(report).split("<svg ")[2]
    for item in report.profile_items:
        assert item.name.replace("&", "&amp;") in svg


def test_profile_chart_keeps_the_most_important_items(fixture_model, monkeypatch):
    full = _report(fixture_model, target="mayor").profile_items
    monkeypatch.setattr(report_build, "MAX_PROFILE_ITEMS", 3)
    report = _report(fixture_model, target="mayor")
    ranked = sorted(full, key=lambda i: (-i.importance, -i.level, i.name))[:3]
    assert set(report.profile_items) == set(ranked)
    assert report.profile_items_total == len(full) > 3
    assert [i for i in full if i in set(ranked)] == list(report.profile_items)  # order kept
    assert f"the 3 most important of the {len(full)}" in render_html(report)
    assert f"the 3 most important of the {len(full)}" in render_markdown(report)


def test_target_defaults_to_the_profile_then_the_best_match(fixture_model):
    named = _report(fixture_model, profile={**PROFILE, "target_job": "Policy Director"})
    assert named.gaps.target_id == "policy-director" and named.target_source == "profile"
    best = _report(fixture_model)
    assert best.gaps.target_id == best.recommendations[0].occupation_id
    assert best.target_source == "best match"
    given = _report(
        fixture_model,
        profile={**PROFILE, "target_job": "Policy Director"},
        target="Town Mayor (Fixture)",
    )
    assert given.gaps.target_id == "mayor" and given.target_source == "given"
    with pytest.raises(UnknownOccupationError, match="Astronaut"):
        _report(fixture_model, target="Astronaut")


def test_markdown_has_the_same_sections_as_html(fixture_model):
    report = _report(fixture_model, target="mayor")
    html_sections = _Page(render_html(report)).h2
    markdown = render_markdown(report)
    assert _md_headings(markdown) == html_sections
    assert _md_headings(markdown, 1) == ["Career report: Aiko Tanaka"]
    steps = _md_headings(markdown, 3)
    assert [s.split(" (")[0] for s in steps] == [
        f"{i}. {s.title}" for i, s in enumerate(report.gaps.steps, 1)
    ]
    for item in report.gaps.plan:
        assert re.search(rf"\| \d+ \| {re.escape(markdown_escape(item.name))} \|", markdown)
    # Every table row has as many cells as its header.
    for block in re.split(r"\n\n", markdown):
        rows = [r for r in block.splitlines() if r.startswith("|")]
        if rows:
            widths = {len(re.findall(r"(?<!\\)\|", r)) for r in rows}
            assert len(widths) == 1, block


def test_html_is_self_contained_and_printable(fixture_model):
    page = render_html(_report(fixture_model, target="mayor"))
    parsed = _Page(page)
    assert parsed.sources == []
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(parsed.tags)
    assert not re.search(r"url\((?!#)|@import|https?://(?!www\.w3\.org/)", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", page)
    assert "@media print" in page and "break-inside: avoid" in page


# --------------------------------------------------------------------------- escaping


def test_untrusted_text_is_escaped_in_html_and_markdown(fixture_model):
    profile = {
        **PROFILE,
        "name": XSS + " & [link](javascript:alert(1)) |pipe| *bold*\n# heading",
        "current_job": '"><img src=x onerror=alert(1)>',
    }
    report = _report(fixture_model, profile=profile, target="mayor", respondent_id="../x")
    page = render_html(report)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert _Page(page).h1[0].startswith(XSS)  # the browser shows the text as typed
    assert "script" not in _Page(page).tags

    markdown = render_markdown(report)
    assert not re.search(r"(?<!\\)<", markdown)  # every < is escaped
    assert r"\<script\>alert(1)\</script\>" in markdown
    assert r"\[link\](javascript\:alert(1))" in markdown
    assert r"\|pipe\|" in markdown and r"\*bold\*" in markdown
    assert not any(line.startswith("# heading") for line in markdown.splitlines())
    assert _md_headings(markdown) == _Page(page).h2


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words 3.5", "plain words 3.5"),
        ("a|b", r"a\|b"),
        ("<b>&amp;</b>", r"\<b\>\&amp;\</b\>"),
        ("line\nbreak\r\n# not a heading", r"line break \# not a heading"),
        ("`code` _em_ ~~del~~ $x$ ![img](u)", r"\`code\` \_em\_ \~\~del\~\~ \$x\$ \!\[img\](u)"),
        ("back\\slash", r"back\\slash"),
    ],
)
def test_markdown_escape(text, escaped):
    assert markdown_escape(text) == escaped


LINKS = [
    "https://evil.example/x",
    "www.evil.com",
    "WWW.EVIL.ORG/path",
    "evil.com",
    "someone@evil.org",
    "mailto:someone@evil.example",
    "ftp://evil.example/f",
    "//localhost/x",
    "![img](https://evil.example/a.png)",
    "[x](https://evil.example) <https://evil.example>",
]


@pytest.mark.parametrize("text", LINKS)
def test_markdown_of_untrusted_text_cannot_link(text):
    """GitHub's and markdown-it's autolinkers find nothing; the escapes do not show."""
    markdown_it = pytest.importorskip("markdown_it", reason="pip install 'matcher[test]'")
    pytest.importorskip("linkify_it", reason="pip install 'matcher[test]'")
    renderer = markdown_it.MarkdownIt("gfm-like", {"linkify": True})
    assert "<a " in renderer.render(text) or "<img" in renderer.render(text)  # unescaped: a link
    rendered = renderer.render(markdown_escape(text))
    assert "<a " not in rendered and "<img" not in rendered
    assert html.unescape(re.sub(r"</?p>", "", rendered)).strip() == text


RIGHT_TO_LEFT = "\u202eevil\u202c \u05e9\u05dc\u05d5\u05dd (3) \u2069\u202e"


def test_right_to_left_text_is_isolated_in_html_and_markdown(fixture_model):
    """A name cannot reorder the text around it: direction controls go, RTL text is isolated."""
    profile = {**PROFILE, "name": RIGHT_TO_LEFT, "current_job": "\u0645\u062f\u064a\u0631"}
    report = _report(fixture_model, profile=profile, target="mayor")
    for page in (render_html(report), render_markdown(report)):
        assert not re.search("[\u202a-\u202e\u2066\u2067]", page)
        isolates = re.findall("\u2068([^\u2068\u2069]*)\u2069", page)
        assert "evil \u05e9\u05dc\u05d5\u05dd (3) " in isolates
        assert "\u0645\u062f\u064a\u0631" in isolates
        assert page.count("\u2068") == page.count("\u2069")
    plain = _report(fixture_model)
    assert "\u2068" not in render_html(plain) + render_markdown(plain)  # only where needed


def test_a_lone_surrogate_in_a_name_still_gives_a_report(fixture_model, tmp_path, capsys):
    report = _report(fixture_model, profile={**PROFILE, "name": "A\ud800B"}, target="mayor")
    written = write_report(report, tmp_path / "one")
    assert "A\ufffdB" in written["html"].read_text(encoding="utf-8")
    profile = tmp_path / "s.json"
    profile.write_text('{"name": "A\\ud800B", "skills": {"Policy Planning": 3}}')
    model = tmp_path / "m.joblib"
    fixture_model.save(model)
    assert main(["report", str(profile), "-o", str(tmp_path / "two"), "--model", str(model)]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_survey_with_an_unclosed_quote_still_gets_its_reports(model_file, tmp_path, capsys):
    survey = tmp_path / "survey.csv"
    survey.write_text(
        'respondent_id,skill:Budget Management\na,3\nb,"4\nc,2\nd,5\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main(["report", str(survey), "-o", str(out), "--model", model_file]) == 1
    assert "3 reports" in capsys.readouterr().out
    with (out / "rejects.csv").open(encoding="utf-8", newline="") as handle:
        rejects = list(csv.DictReader(handle))
    assert [(r["line"], r["value"]) for r in rejects] == [("3", 'b,"4')]
    assert "unterminated quoted field" in rejects[0]["reason"]
    survey.write_bytes(b"respondent_id,skill:Budget Management\na,3\rb,4\n")
    assert main(["report", str(survey), "-o", str(out), "--model", model_file]) == 2
    assert f"{survey}:2: a carriage return (CR)" in capsys.readouterr().err


def test_report_into_a_file_is_a_clear_error(fixture_model, model_file, tmp_path, capsys):
    existing = tmp_path / "notes.txt"
    existing.write_text("keep me")
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(PROFILE))
    survey = tmp_path / "s.csv"
    survey.write_text("respondent_id,skill:Budget Management\na,3\n", encoding="utf-8")
    for source in (profile, survey):
        assert main(["report", str(source), "-o", str(existing), "--model", model_file]) == 2
        error = capsys.readouterr().err
        assert f"{existing}: is a file, not a folder to write into" in error, error
    assert existing.read_text() == "keep me"
    with pytest.raises(InputError, match="is a file, not a folder"):
        write_reports([], existing, model=fixture_model)


# --------------------------------------------------------------------------- file names


@pytest.mark.parametrize(
    "respondent_id",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "..",
        ".",
        "",
        "a/b\\c",
        "C:\\Windows\\x",
        "-rf",
        "ünïcødé 名前",
        "x" * 500,
        "name\x00with\nnul",
        "CON",
        ".hidden",
    ],
)
def test_report_stem_is_a_safe_file_name(respondent_id, tmp_path):
    stem = report_stem(respondent_id)
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*-[0-9a-f]{10}", stem), stem
    assert len(stem) <= 48 + 1 + 10
    assert (tmp_path / f"{stem}.html").resolve().parent == tmp_path.resolve()
    assert report_stem(respondent_id) == stem  # stable


def test_distinct_ids_never_share_a_file_name(monkeypatch):
    ids = ["a/b", "a?b", "a b", "Anna", "anna", "ANNA", "x" * 60, "x" * 61]
    stems = [report_stem(i) for i in ids]
    assert len({s.casefold() for s in stems}) == len(ids)
    # Even when short hashes clash (forced here by shortening them), names stay distinct.
    monkeypatch.setattr(report_stems, "_HASH_LENGTH", 1)
    many = [f"id{c}" for c in "!#$%&()*+,/:;<=>?@[]^{|}~ \"'"]  # one readable part, 16 hashes
    assert len({report_stem(i, hash_length=1) for i in many}) < len(many)
    stems = report_stems.unique_stems(many)
    assert len({s.casefold() for s in stems}) == len(many)
    assert any(len(s) > 60 for s in stems)


# --------------------------------------------------------------------------- batches


def _people(model, n: int, seed: int = 0) -> list[tuple[str, Assessment]]:
    rng = np.random.default_rng(seed)
    keys = [model.vectorizer.key(c) for c in range(model.vectorizer.n_features)]
    people = []
    for i in range(n):
        columns = rng.choice(len(keys), 12, replace=False)
        ratings = {keys[c]: float(rng.integers(0, 6)) for c in columns}
        people.append((f"r{i:03d}", Assessment(name=f"Person {i}", ratings=ratings)))
    return people


def test_batch_writes_reports_index_and_rejects(fixture_model, tmp_path):
    people = _people(fixture_model, 5)
    evil = [
        ("../../etc/passwd", Assessment(name=XSS, ratings=people[0][1].ratings)),
        ('=HYPERLINK("http://x")', Assessment(ratings=people[1][1].ratings)),
        ("r001", Assessment(ratings=people[2][1].ratings)),  # duplicate id
        ("lost", Assessment(ratings=people[3][1].ratings, target_job="Astronaut")),
        ("aimed", Assessment(ratings=people[3][1].ratings, target_job="Policy Director")),
    ]
    outdir = tmp_path / "out" / "reports"
    result = write_reports(people + evil, outdir, model=fixture_model, created=CREATED, jobs=1)
    assert {p.parent for p in tmp_path.rglob("*") if p.is_file()} == {outdir}
    written = [r.respondent_id for r in result.reports]
    assert written == [i for i, _ in people] + [
        "../../etc/passwd",
        '=HYPERLINK("http://x")',
        "aimed",
    ]
    aimed = result.reports[-1]
    assert aimed.target_title == "Policy Director" and aimed.target_source == "profile"
    assert {(r.respondent_id, r.column) for r in result.rejected} == {
        ("r001", "respondent_id"),
        ("lost", "target_job"),
    }
    assert any("Astronaut" in r.reason for r in result.rejected)
    # Two files per report, the index, index.md and rejects.csv; nothing else.
    assert len(list(outdir.iterdir())) == 2 * len(written) + 3

    index = (outdir / "index.html").read_text(encoding="utf-8")
    parsed = _Page(index)
    links = set(parsed.links)
    assert links, "index has no links"
    for link in links:
        assert "/" not in link and (outdir / link).is_file(), link
    for entry in result.reports:
        assert entry.files["html"] in links and entry.files["md"] in links
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index and "<script>" not in index
    assert "duplicate of an earlier row" in index and "Astronaut" in index
    for entry in result.reports:
        page = (outdir / entry.files["html"]).read_text(encoding="utf-8")
        assert 'href="index.html"' in page
    evil_page = (outdir / result.reports[len(people)].files["html"]).read_text(encoding="utf-8")
    assert "<script>" not in evil_page and "&lt;script&gt;" in evil_page

    rejects = list(csv.DictReader(io.StringIO(result.rejects_file.read_text(encoding="utf-8"))))
    assert [r["respondent_id"] for r in rejects] == ["r001", "lost"]
    index_md = (outdir / "index.md").read_text(encoding="utf-8")
    assert r"\<script\>alert(1)\</script\>" in index_md and "<script>" not in index_md


def test_rejects_csv_neutralises_formulas():
    rows = [report_files.RejectedRow("s.csv", 3, "=cmd|' /C calc'!A0", "+x", "-1", "@SUM(A1)")]
    text = report_files.rejects_csv(rows)
    record = next(csv.DictReader(io.StringIO(text)))
    assert record == {
        "file": "s.csv",
        "line": "3",
        "respondent_id": "'=cmd|' /C calc'!A0",
        "column": "'+x",
        "value": "'-1",
        "reason": "'@SUM(A1)",
    }


def test_unknown_batch_target_stops_before_any_work(fixture_model, tmp_path):
    with pytest.raises(UnknownOccupationError, match="Astronaut"):
        write_reports(
            _people(fixture_model, 2), tmp_path / "out", model=fixture_model, target="Astronaut"
        )
    assert not (tmp_path / "out").exists()


def test_batch_in_parallel_is_byte_identical_to_serial(fixture_model, tmp_path):
    people = _people(fixture_model, report_files.MIN_PARALLEL + 4, seed=1)
    serial = write_reports(
        people, tmp_path / "serial", model=fixture_model, created=CREATED, jobs=1
    )
    parallel = write_reports(
        people, tmp_path / "parallel", model=fixture_model, created=CREATED, jobs=2
    )
    assert serial.reports == parallel.reports
    names = sorted(p.name for p in (tmp_path / "serial").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "parallel").iterdir())
    for name in names:
        assert (tmp_path / "serial" / name).read_bytes() == (
            tmp_path / "parallel" / name
        ).read_bytes(), name


def test_output_differs_only_in_the_timestamp(fixture_model, tmp_path):
    people = _people(fixture_model, 3, seed=2)
    later = datetime(2026, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=9), "JST"))
    first = write_reports(people, tmp_path / "a", model=fixture_model, created=CREATED)
    second = write_reports(people, tmp_path / "b", model=fixture_model, created=later)
    stamps = {
        "a": (CREATED.isoformat(), format_time(CREATED)),
        "b": (later.isoformat(), format_time(later)),
    }
    assert stamps["b"][1] == "2026-02-03 04:05 JST"
    for path in sorted((tmp_path / "a").iterdir()):
        texts = {}
        for side in ("a", "b"):
            text = (tmp_path / side / path.name).read_text(encoding="utf-8")
            assert stamps[side][1] in text, path.name
            for stamp in stamps[side]:
                text = text.replace(stamp, "<time>")
            texts[side] = text
        assert texts["a"] == texts["b"], path.name
    assert first.reports == second.reports


def test_progress_bar_only_when_asked_or_on_a_terminal(fixture_model, tmp_path, capsys):
    people = _people(fixture_model, 3)
    write_reports(people, tmp_path / "quiet", model=fixture_model)
    assert capsys.readouterr().err == ""  # stderr is not a terminal under pytest
    write_reports(people, tmp_path / "loud", model=fixture_model, progress=True)
    err = capsys.readouterr().err
    assert "reports" in err and "3/3" in err


def test_empty_batch_still_writes_an_index(fixture_model, tmp_path):
    result = write_reports([], tmp_path / "none", model=fixture_model, formats=["html"])
    assert result.reports == () and "No report was made" in result.index.read_text("utf-8")
    assert not (tmp_path / "none" / "index.md").exists()


def test_formats_are_checked(fixture_model, tmp_path):
    with pytest.raises(InputError, match=r"report format must be one of html, md, got 'pdf'"):
        report_files.parse_formats("html,pdf")
    assert report_files.parse_formats(" MD ,html,md") == ("md", "html")
    paths = write_report(_report(fixture_model, target="mayor"), tmp_path, ["md"])
    assert list(paths) == ["md"] and paths["md"].suffix == ".md"


def test_survey_rows_become_reports_and_rejects(fixture_model, tmp_path):
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "respondent_id,target_job,skill:Budget Management,aptitude:Stress Tolerance,"
        "trait:Leadership\n"
        f'"{XSS}",mayor,3,4,4\n'
        "r2,,2,2,2\n"
        "r3,Astronaut,3,3,3\n"
        "r4,,9,1,1\n",
        encoding="utf-8",
    )
    people, rejects = read_survey_assessments(survey, fixture_model)
    result = write_reports(
        people, tmp_path / "out", model=fixture_model, rejects=rejects, created=CREATED
    )
    assert [r.respondent_id for r in result.reports] == [XSS, "r2"]
    assert result.reports[0].target_title == "Mayor of a Small Town"
    assert {(r.line, r.respondent_id) for r in result.rejected} == {(4, "r3"), (5, "r4")}
    index = result.index.read_text(encoding="utf-8")
    assert "survey.csv, line 4" in index and "survey.csv, line 5" in index
    assert "<script>" not in index


# --------------------------------------------------------------------------- charts


def test_charts_are_deterministic_and_reusing_a_figure_leaks_nothing():
    contributions = np.array([[0.4, 0.2, 0.1], [0.1, 0.3, 0.0]])
    titles = ["1. Price $5 <b>&</b>", "2. Other"]
    first = charts.score_chart(titles, contributions, ["skill", "aptitude", "trait"])
    charts.score_chart(
        ["1. Many", "2. More", "3. Rows"], np.full((3, 3), 0.1), ["skill", "aptitude", "trait"]
    )
    again = charts.score_chart(titles, contributions, ["skill", "aptitude", "trait"])
    assert first == again
    assert "Price $5 &lt;b&gt;&amp;&lt;/b&gt;" in first  # text, not mathtext, escaped
    assert first.startswith("<svg ") and "<?xml" not in first and "<metadata" not in first
    assert 'role="img"' in first and "width=" not in first.split(">")[0]
    assert "0.70" in first and "0.40" in first
    for svg in (
        first,
        charts.profile_chart(
            ["A", "B"],
            ["aptitude", "trait"],
            np.array([3.0, np.nan]),
            np.array([3.0, 2.5]),
            np.array([4.0, 3.0]),
        ),
    ):
        ids = set(re.findall(r'\sid="([^"]+)"', svg))
        assert set(re.findall(r"url\(#([^)]+)\)", svg)) <= ids
        assert set(re.findall(r'xlink:href="#([^"]+)"', svg)) <= ids


def test_two_charts_of_a_report_share_no_element_id(fixture_model):
    page = render_html(_report(fixture_model, target="mayor"))
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_measuring_canvas_draws_exactly_what_matplotlib_draws():
    svg = charts.profile_chart(
        ["Stress Tolerance", "Integrity"],
        ["aptitude", "trait"],
        np.array([4.0, np.nan]),
        np.array([4.0, 3.0]),
        np.array([5.0, 3.0]),
    )
    assert "not rated, estimated 3.0" in svg
    canvas = next(c for kind, c in chart_canvas._canvases.items() if kind.startswith("profile"))
    import matplotlib

    outputs = []
    for canvas_class in (chart_canvas._CanvasSVG, FigureCanvasSVG):
        canvas_class(canvas.figure)
        buffer = io.StringIO()
        with matplotlib.rc_context({**chart_canvas._RC, "svg.hashsalt": canvas.salt}):
            canvas.figure.savefig(buffer, format="svg", metadata={"Date": None})
        outputs.append(buffer.getvalue())
    chart_canvas._CanvasSVG(canvas.figure)
    assert outputs[0] == outputs[1]


def test_chart_inputs_are_validated():
    with pytest.raises(ValueError, match="non-negative"):
        charts.score_chart(["a"], np.array([[-0.1, 0.2]]), ["skill", "trait"])
    with pytest.raises(ValueError, match="one entry per item"):
        charts.profile_chart(
            ["a", "b"], ["trait"], np.array([1.0]), np.array([1.0]), np.array([1.0])
        )
    with pytest.raises(ValueError, match="estimate"):
        charts.profile_chart(
            ["a"], ["trait"], np.array([np.nan]), np.array([np.nan]), np.array([1.0])
        )


# --------------------------------------------------------------------------- command line


def test_cli_report_for_one_profile(model_file, tmp_path, capsys):
    profile = tmp_path / "aiko.json"
    profile.write_text(json.dumps({**PROFILE, "name": XSS}), encoding="utf-8")
    out = tmp_path / "out"
    assert (
        main(
            [
                "report",
                str(profile),
                "--target",
                "mayor",
                "-o",
                str(out),
                "--model",
                model_file,
                "--top",
                "3",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out.split()
    assert sorted(Path(p).suffix for p in printed) == [".html", ".md"]
    page = Path(printed[0]).read_text(encoding="utf-8")
    assert Path(printed[0]).parent == out and Path(printed[0]).name.startswith("aiko-")
    assert "<script>" not in page and page.count('<tr>\n        <td class="num">') == 3
    assert not (out / "index.html").exists()

    assert (
        main(
            ["report", str(profile), "--target", "Astronaut", "-o", str(out), "--model", model_file]
        )
        == 2
    )
    assert "no occupation is called 'Astronaut'" in capsys.readouterr().err
    assert (
        main(["report", str(profile), "-o", str(out), "--model", model_file, "--format", "pdf"])
        == 2
    )
    assert "report format must be one of html, md" in capsys.readouterr().err


def test_cli_report_for_a_survey(model_file, tmp_path, capsys):
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "respondent_id,skill:Budget Management,aptitude:Stress Tolerance\na,3,4\nb,4,2\nc,x,1\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert (
        main(
            [
                "report",
                str(survey),
                "-o",
                str(out),
                "--model",
                model_file,
                "--format",
                "html",
                "--jobs",
                "1",
            ]
        )
        == 1
    )  # one row rejected
    captured = capsys.readouterr()
    assert "2 reports" in captured.out and "index.html" in captured.out
    assert "1 problem(s)" in captured.err and "rejects.csv" in captured.err
    assert len(list(out.glob("*.html"))) == 3 and not list(out.glob("*.md"))
    assert (
        main(
            ["report", str(survey), "-o", str(out), "--model", model_file, "--target", "Astronaut"]
        )
        == 2
    )
    survey.write_text("respondent_id,skill:Budget Management\na,3\n", encoding="utf-8")
    assert main(["report", str(survey), "-o", str(tmp_path / "clean"), "--model", model_file]) == 0
