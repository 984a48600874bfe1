"""Gap reports: contents, escaping, file names (batches: tests/test_report_batch.py; charts:
tests/test_charts.py)."""

from __future__ import annotations

import csv
import dataclasses
import html
import json
import re

import numpy as np
import pytest
from reports import PROFILE, XSS, Page, report_of

from matcher import (
    gaps,
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
from matcher.model.locations import data_dir
from matcher.report import build as report_build
from matcher.report import stems as report_stems
from matcher.report.render import markdown_escape
from matcher.report.stems import report_stem
from matcher.util.labels import possessive


def _md_headings(markdown: str, level: int = 2) -> list[str]:
    prefix = "#" * level + " "
    return [line[len(prefix) :] for line in markdown.splitlines() if line.startswith(prefix)]


# --------------------------------------------------------------------------- contents


def test_report_holds_the_matches_path_chart_and_plan(fixture_model):
    report = report_of(fixture_model, target="mayor", top_k=4)
    expected_recs = recommend(PROFILE, model=fixture_model, top_k=4)
    expected_gaps = gaps(PROFILE, "mayor", model=fixture_model)
    assert [r.occupation_id for r in report.recommendations] == [
        r.occupation_id for r in expected_recs
    ]
    assert report.gaps == expected_gaps
    assert report.target_source == "given"

    page = render_html(report)
    parsed = Page(page)
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
    positions = [
        plan.index(f'<td data-label="Build up">{html.escape(item.name)}</td>')
        for item in expected_gaps.plan
    ]
    assert positions == sorted(positions) and expected_gaps.plan
    # Two charts, as inline SVG with an accessible name.
    assert page.count("<svg ") == 2 and page.count('role="img"') == 2


def test_a_step_with_gaps_still_names_its_unrated_key_items(fixture_model):
    # a bookkeeper aiming at a manager's post never rated Team Management: estimated near
    # its level, it was no gap, and the report (unlike `matcher gaps`) never named it
    report = report_of(fixture_model, target="mayor", top_k=4)
    step = next(s for s in report.gaps.steps if s.gaps and s.unrated)
    in_table = {g.name for g in step.gaps}
    unrated = [name for name in step.unrated if name not in in_table]
    assert unrated
    for text in (render_html(report), render_markdown(report)):
        part = text[text.index(step.title) :]
        said = part[part.index("Not rated yet") :][:400]
        assert all(html.escape(name) in said or name in said for name in unrated[:3])


def test_a_printed_page_says_nothing_of_the_chart_it_hides(fixture_model):
    """The print style hides the score chart and each match's breakdown; the sentence that
    points at "each bar" is hidden with them (a printed page pointed at bars it did not show),
    and the reading guide does not claim the list is in the order of the confidences."""
    page = render_html(report_of(fixture_model, target="mayor", top_k=4))
    hidden = re.search(r'<span class="no-print">([^<]*)</span>', page)
    assert hidden and "Each bar" in hidden.group(1)
    assert page.count("Each bar") == 1
    assert "the matches are in this order" not in page
    style = re.search(r"@media print \{(.*?)\n\}", page, re.S).group(1)
    assert ".no-print" in style and "figure.scores { display: none; }" in style


def test_profile_chart_compares_the_targets_aptitudes_and_traits(fixture_model):
    report = report_of(fixture_model, target="mayor")
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
    full = report_of(fixture_model, target="mayor").profile_items
    monkeypatch.setattr(report_build, "MAX_PROFILE_ITEMS", 3)
    report = report_of(fixture_model, target="mayor")
    ranked = sorted(full, key=lambda i: (-i.importance, -i.level, i.name))[:3]
    assert set(report.profile_items) == set(ranked)
    assert report.profile_items_total == len(full) > 3
    assert [i for i in full if i in set(ranked)] == list(report.profile_items)  # order kept
    assert f"the 3 most important of the {len(full)}" in render_html(report)
    assert f"the 3 most important of the {len(full)}" in render_markdown(report)


def test_target_defaults_to_the_profile_then_the_best_match(fixture_model):
    named = report_of(fixture_model, profile={**PROFILE, "target_job": "Policy Director"})
    assert named.gaps.target_id == "policy-director" and named.target_source == "profile"
    best = report_of(fixture_model)
    assert best.gaps.target_id == best.recommendations[0].occupation_id
    assert best.target_source == "best match"
    given = report_of(
        fixture_model,
        profile={**PROFILE, "target_job": "Policy Director"},
        target="Town Mayor (Fixture)",
    )
    assert given.gaps.target_id == "mayor" and given.target_source == "given"
    with pytest.raises(UnknownOccupationError, match="Astronaut"):
        report_of(fixture_model, target="Astronaut")


def test_markdown_has_the_same_sections_as_html(fixture_model):
    report = report_of(fixture_model, target="mayor")
    html_sections = Page(render_html(report)).h2
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
    page = render_html(report_of(fixture_model, target="mayor"))
    parsed = Page(page)
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
    report = report_of(fixture_model, profile=profile, target="mayor", respondent_id="../x")
    page = render_html(report)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert Page(page).h1[0].startswith(XSS)  # the browser shows the text as typed
    assert "script" not in Page(page).tags

    markdown = render_markdown(report)
    assert not re.search(r"(?<!\\)<", markdown)  # every < is escaped
    assert r"\<script\>alert(1)\</script\>" in markdown
    assert r"\[link\](javascript\:alert(1))" in markdown
    assert r"\|pipe\|" in markdown and r"\*bold\*" in markdown
    assert not any(line.startswith("# heading") for line in markdown.splitlines())
    assert _md_headings(markdown) == Page(page).h2


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words 3.5", "plain words 3.5"),
        ("a|b", r"a\|b"),
        ("<b>&amp;</b>", r"\<b\>\&amp;\</b\>"),
        ("line\nbreak\r\n# not a heading", r"line break \# not a heading"),
        ("`code` _em_ ~~del~~ $x$ ![img](u)", r"\`code\` \_em\_ \~\~del\~\~ \$x\$ \!\[img\](u)"),
        ("back\\slash", r"back\\slash"),
        # a plain & shows as typed (a "\\&" in every "Precision & Accuracy" of the plain text)
        ("Precision & Accuracy, R&D", "Precision & Accuracy, R&D"),
        ("&#60; &#x3C; &lt", r"\&\#60; \&\#x3C; &lt"),
    ],
)
def test_markdown_escape(text, escaped):
    assert markdown_escape(text) == escaped


@pytest.mark.parametrize("text", ["R&D & Co", "&amp; &#60; &#x3C; &copy;", "a &b; c"])
def test_markdown_of_an_ampersand_shows_as_typed(text):
    markdown_it = pytest.importorskip("markdown_it", reason="pip install 'matcher[test]'")
    rendered = markdown_it.MarkdownIt("commonmark").render(markdown_escape(text))
    assert html.unescape(re.sub(r"</?p>", "", rendered)).strip() == text


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
    report = report_of(fixture_model, profile=profile, target="mayor")
    for page in (render_html(report), render_markdown(report)):
        assert not re.search("[\u202a-\u202e\u2066\u2067]", page)
        isolates = re.findall("\u2068([^\u2068\u2069]*)\u2069", page)
        assert "evil \u05e9\u05dc\u05d5\u05dd (3) " in isolates
        assert "\u0645\u062f\u064a\u0631" in isolates
        assert page.count("\u2068") == page.count("\u2069")
    plain = report_of(fixture_model)
    assert "\u2068" not in render_html(plain) + render_markdown(plain)  # only where needed


def test_a_long_name_is_shortened_in_the_headings(fixture_model):
    # set whole as the <h1>, 400 characters pushed the best matches off the first page
    report = report_of(fixture_model, {**PROFILE, "name": "Word " * 120})
    page, markdown = render_html(report), render_markdown(report)
    assert Page(page).h1[0].endswith("\u2026") and len(Page(page).h1[0]) <= 80
    assert "Word " * 20 not in markdown.splitlines()[0]


def test_a_lone_surrogate_in_a_name_still_gives_a_report(fixture_model, tmp_path, capsys):
    report = report_of(fixture_model, profile={**PROFILE, "name": "A\ud800B"}, target="mayor")
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
    # an empty name (-o "$UNSET") is not the current folder
    with pytest.raises(SystemExit) as stopped:
        main(["report", str(profile), "-o", "", "--model", model_file])
    assert stopped.value.code == 2
    assert "give the name of a folder to write into" in capsys.readouterr().err


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


@pytest.mark.parametrize(
    "respondent_id", ["con.nguyen", "aux.html", "nul.1", "COM\u00b9.x", "lpt1.a", "Prn.2", "CON"]
)
def test_a_report_file_name_is_never_a_windows_device_name(respondent_id):
    """con.nguyen-294ca71d26.html is the device CON on Windows: "Con" is a Vietnamese name."""
    stem = report_stem(respondent_id)
    before_dot = f"{stem}.html".split(".")[0].upper()
    devices = {"CON", "PRN", "AUX", "NUL", *(f"{d}{n}" for d in ("COM", "LPT") for n in range(10))}
    assert before_dot not in devices, stem
    assert report_stem("a.con.x").startswith("a.con.x-")  # only the part before the first dot


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


def test_onet_work_styles_are_called_traits_where_a_report_lists_what_fits(tmp_path):
    """O*NET's work styles are a matter of fit there, as interests are: a report listed them
    under "Interests:" ("Interests: Analytical Thinking (5 / typical 4.3)")."""
    import warnings

    from helpers import FIXTURES

    from matcher import import_onet

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = import_onet(FIXTURES / "onet")
    person = {
        "skills": {"Mathematics": 4, "Programming": 3},
        "traits": {"Dependability": 5, "Stress Tolerance": 4},
        "interests": {"Realistic": 4},
    }
    report = report_of(model, person, top_k=3)
    for page in (render_html(report), render_markdown(report)):
        assert "Interests and traits:" in page or "Traits and interests:" in page
        assert "Interests:" not in page


def test_the_summary_counts_the_steps_ahead_and_says_the_own_posts_gaps_apart(builtin_model):
    """A report said "2 of 2 steps still to reach; the next is <the target>": the first of the
    two was the post the person is in, which is no step ahead of them."""
    person = json.loads((data_dir() / "examples" / "section-chief.json").read_text("utf-8"))
    report = report_of(builtin_model, person)
    steps = report.gaps.steps
    assert steps[0].is_current and not steps[0].reached  # the example has gaps in its post
    assert any(not gap.estimated for gap in steps[0].gaps)  # rated ones among them
    ahead = [s for s in steps if not s.is_current]
    left = sum(not s.reached for s in ahead)
    for page in (render_markdown(report), html.unescape(render_html(report))):
        assert f"{left} of {len(ahead)} step{'s' if len(ahead) > 1 else ''} ahead" in page
        assert f"Your own post, {steps[0].title}, has gaps too." in page
    assert "has gaps too.\n- Learning plan" in render_markdown(report)  # still its own line
    # short of its own post on estimates alone (its rated gaps now met): not said to have gaps
    sections = {"skill": "skills", "aptitude": "aptitudes", "trait": "traits"}
    met = json.loads(json.dumps(person))
    for gap in steps[0].gaps:
        if not gap.estimated:
            met.setdefault(sections[gap.block], {})[gap.name] = 5
    first = report_of(builtin_model, met).gaps.steps[0]
    assert first.is_current and first.gaps and all(g.estimated for g in first.gaps)
    assert "has gaps too" not in render_markdown(report_of(builtin_model, met))


def test_a_post_short_only_of_ratings_asks_for_ratings_not_for_closing_gaps(builtin_model):
    """A cook who rated one item of their own post was told to close its gaps, beside a
    learning plan of nothing: the post was short of ratings, not of levels."""
    # A farm worker rating, at their levels, only the key items a farm worker needs above 2.5:
    # the rest (more than 40 %) ask at most 2.5, which an estimate (never above 2) meets.
    row = builtin_model.index_of("farm-worker")
    levels, importance = builtin_model.levels[row], builtin_model.importance[row]
    sections = {"skill": "skills", "aptitude": "aptitudes", "trait": "traits"}
    person: dict = {"current_job": "Farm Worker"}
    for (block, name), level, weight in zip(
        builtin_model.feature_keys, levels, importance, strict=True
    ):
        if weight >= 0.5 and level > 2.5:
            person.setdefault(sections[block], {})[name] = float(np.ceil(level))
    report = report_of(builtin_model, person, target="farm-worker")
    step = report.gaps.steps[report.gaps.next_step]
    assert step.is_current and not step.gaps and step.unrated  # the case at hand
    page = render_markdown(report)
    assert "the next is **rating the rest of the key items of your own post, Farm Worker**" in page
    assert "closing the gaps" not in page


def test_an_unrated_interest_or_work_style_is_not_judged_on_its_estimate():
    """A short survey's report said "Integrity ≈2* below typical" of items never asked: a
    judgement of the person from a guess."""
    import warnings

    from helpers import FIXTURES

    from matcher import import_onet

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = import_onet(FIXTURES / "onet")
    report = report_of(model, {"skills": {"Mathematics": 4, "Programming": 3}}, top_k=3)
    fits = [i for i in report.profile_items if i.is_fit]
    assert fits and all(i.rating is None for i in fits)  # none rated: only estimates
    page = render_markdown(report)
    assert "below typical" not in page and "a weaker interest" not in page
    assert "| not rated | " in page and "rate it to see how it fits" in page


def test_ratings_that_hardly_vary_are_said_to_say_little(builtin_model, tmp_path, capsys):
    """Every item rated 3 got an ordinary-looking best match and no word of warning."""
    from matcher.io.assessment import read_assessment

    names = [n for b, n in builtin_model.feature_keys if b == "skill"][:9]
    flat = {"skills": dict.fromkeys(names[:8], 3)}
    resolver = builtin_model.item_resolver
    assert read_assessment(flat, resolver).alike
    assert not read_assessment({"skills": dict.fromkeys(names[:7], 3)}, resolver).alike  # few
    spread = {"skills": {**dict.fromkeys(names[:8], 3), names[8]: 5}}
    assert not read_assessment(spread, resolver).alike  # two points apart: it says something
    for person, said in ((flat, True), (spread, False)):
        page = render_markdown(report_of(builtin_model, person))
        assert ("Your ratings hardly vary" in page) is said
        path = tmp_path / "p.json"
        path.write_text(json.dumps(person), encoding="utf-8")
        assert main(["recommend", str(path), "--top", "2"]) == 0
        assert ("Note: your ratings hardly vary" in capsys.readouterr().out) is said
        assert main(["gaps", str(path), "--target", "Electrician"]) == 0  # and on the way
        assert ("note: your ratings hardly vary" in capsys.readouterr().out) is said
        assert main(["recommend", str(path), "--json"]) == 0  # beside the JSON, on stderr
        out, err = capsys.readouterr()
        assert json.loads(out) and ("note: your ratings hardly vary" in err) is said


def test_the_summary_says_how_many_of_the_best_matchs_key_items_were_rated(builtin_model):
    """A score of 0.12 from a short survey read as "12 % suited": the summary now says how
    many of the match's key items the person rated (the score counts the others as not met)."""
    person = json.loads((data_dir() / "examples" / "section-chief.json").read_text("utf-8"))
    report = report_of(builtin_model, person)
    best = report.recommendations[0]
    rated, key = (
        len(best.matched) + len(best.missing),
        len(best.matched + best.missing + best.unrated),
    )
    assert 0 < rated < key  # the example leaves some key items unrated
    for page in (render_markdown(report), html.unescape(render_html(report))):
        assert f"of 1; you rated {rated} of its {key} key items)" in page


def test_a_current_job_not_first_among_the_matches_is_said_so(builtin_model, tmp_path, capsys):
    """Both README examples put a neighbour of the person's own job first (Subsection Chief
    at 78 % for a Section Chief): read as a mislabelled person. The order stays the answers';
    where the named job stands, and why, is said beside the matches."""
    from matcher.match.explain import current_job_note

    example = data_dir() / "examples" / "section-chief.json"
    person = json.loads(example.read_text("utf-8"))
    recs = recommend(person, top_k=5, model=builtin_model)
    mine = builtin_model.catalog.resolve(person["current_job"])
    current = (mine, builtin_model.catalog.get(mine).title)
    rank = next((r.rank for r in recs if r.occupation_id == mine), None)
    note = current_job_note(current, recs)
    if rank == 1:
        assert note is None
    elif rank is None:
        assert note.startswith(f"your current job, {current[1]}, is not among the 5 shown")
    else:
        assert note.startswith(f"your current job, {current[1]}, is #{rank}: your answers fit")
    assert current_job_note(current, [r for r in recs if r.occupation_id == mine][:1]) is None
    assert current_job_note(None, recs) is None
    others = [r for r in recs if r.occupation_id != mine]
    assert f"is not among the {len(others)} shown: your answers fit the" in current_job_note(
        current, others
    )
    assert "is not this match: your answers fit this match" in current_job_note(current, others[:1])
    assert (
        f"is #37, after 36 occupations: your answers fit {possessive(others[0].title)} levels "
        "better ("
    ) in current_job_note(current, others, 37)
    assert f"is #2: your answers fit {possessive(others[0].title)} levels better" in (
        current_job_note(current, others[:1], 2)
    )
    if rank is not None:  # an O*NET title is plural: Budget Analysts' levels, not Analysts's
        first = dataclasses.replace(others[0], title="Budget Analysts")
        assert "fit Budget Analysts' levels" in current_job_note(current, [first, *recs])
    if note is not None:
        assert main(["recommend", str(example), "--top", "5"]) == 0
        assert f"Note: {note[:40]}" in " ".join(capsys.readouterr().out.split())
        assert main(["recommend", str(example), "--top", "5", "--json"]) == 0
        out, err = capsys.readouterr()
        assert json.loads(out) and f"matcher: note: {note}" in err  # the JSON stays a list
        page = render_markdown(report_of(builtin_model, person))
        assert f"Your current job, {current[1]}, is" in page


def test_the_current_job_note_counts_every_occupation_above_it_whatever_top(
    builtin_model, tmp_path, capsys
):
    """The README's profile (a Section Chief at #10) was told "your answers fit the 3 shown
    better" with --top 3, "the 5 shown" in a report, and "City Mayor's levels" with --top 12:
    the reason given changed with --top, and nine occupations rank above it."""
    profile = {
        "name": "Aiko Tanaka",
        "current_job": "Section Chief",
        "skills": {"Crisis Management": 4, "Policy Planning": 5},
        "aptitudes": {"Stress Tolerance": 5},
        "traits": {"Leadership": 4},
    }
    path = tmp_path / "aiko.json"
    path.write_text(json.dumps(profile), "utf-8")
    everything = recommend(profile, top_k=len(builtin_model.catalog), model=builtin_model)
    place = next(r.rank for r in everything if r.title == "Section Chief")
    assert place > 3  # the case in point: more occupations above it than a short list shows
    wanted = (
        f"Section Chief, is #{place}, after {place - 1} occupations: your answers fit "
        f"{possessive(everything[0].title)} levels better ("
    )
    for top in ("3", str(place + 2)):
        assert main(["recommend", str(path), "--top", top]) == 0
        assert wanted in " ".join(capsys.readouterr().out.split())
        assert main(["recommend", str(path), "--top", top, "--json"]) == 0
        assert wanted in " ".join(capsys.readouterr().err.split())
    for top in (3, place + 2):
        report = report_of(builtin_model, profile, top_k=top)
        markdown = " ".join(render_markdown(report).replace("\\", "").split())
        page = re.sub(r"<[^>]+>", " ", html.unescape(render_html(report)))
        assert wanted in markdown and wanted in " ".join(page.split())


def test_a_current_job_with_the_higher_confidence_is_never_said_to_fit_worse(builtin_model):
    """The order keeps near relations of the likeliest occupations near them; the
    confidence is the answers' alone. A teacher's own job was #3 at 44 % under a first match
    at 21 %, and the note said her answers fit the first better."""
    from matcher.match.explain import current_job_note

    example = data_dir() / "examples" / "section-chief.json"
    person = json.loads(example.read_text("utf-8"))
    recs = recommend(person, top_k=3, model=builtin_model)
    first, second, third = recs
    current = (third.occupation_id, third.title)
    mine = dataclasses.replace(third, confidence=0.44)
    ranked = [dataclasses.replace(first, confidence=0.21), second, mine]
    note = current_job_note(current, ranked)
    assert note == (
        f"your current job, {third.title}, is #3: placed after occupations related to your "
        "likeliest ones, though your answers alone give it the higher confidence (44% against 21%)"
    )
    assert "fit" not in note  # no claim the numbers beside it deny
    lower = [
        dataclasses.replace(first, confidence=0.44),
        second,
        dataclasses.replace(third, confidence=0.21),
    ]
    assert f"is #3, after 2 occupations: your answers fit {possessive(first.title)} levels" in (
        current_job_note(current, lower)
    )


def test_the_current_job_note_claims_no_fit_the_order_does_not_mean(builtin_model):
    """The order is the answers' fit and the relations; the confidence is the answers' alone.
    A carpenter's example, current job Plumber, read "is #4: 3 occupations fit your answers
    better", and #3, Apprentice Carpenter, had a fifth of the Plumber's confidence."""
    from matcher.match.explain import current_job_note

    person = json.loads((data_dir() / "examples" / "carpenter.json").read_text("utf-8"))
    person["current_job"] = "Plumber"
    recs = recommend(person, top_k=5, model=builtin_model)
    mine = next(r for r in recs if r.title == "Plumber")
    above = recs[: mine.rank - 1]
    assert any(r.confidence < mine.confidence for r in above)  # the case in point
    assert recs[0].confidence >= mine.confidence
    note = current_job_note((mine.occupation_id, "Plumber"), recs)
    assert f"{len(above)} occupations fit" not in note
    assert note.startswith(
        f"your current job, Plumber, is #{mine.rank}, after {len(above)} occupations: your "
        f"answers fit {possessive(recs[0].title)} levels better ("
    )


def test_a_current_job_not_in_the_catalog_is_said_beside_the_matches(tmp_path, capsys):
    # `matcher gaps` said so; `matcher recommend` ignored it unsaid
    path = tmp_path / "p.json"
    path.write_text(
        json.dumps({"current_job": "Registred Nurse", "skills": {"Patient Care": 4}}), "utf-8"
    )
    assert main(["recommend", str(path), "--top", "2"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "Note: current job not used: no occupation is called 'Registred Nurse'; closest: "
        "'Registered Nurse' (registered-nurse)"
    ) in out
