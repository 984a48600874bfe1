"""Untrusted text in a report: escaped in HTML, unable to link in Markdown, isolated, shortened."""

from __future__ import annotations

import html
import re

import pytest
from reports import PROFILE, XSS, Page, _md_headings, report_of

from matcher import render_html, render_markdown, write_report
from matcher.cli import main
from matcher.report.render import markdown_escape


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
