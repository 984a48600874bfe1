"""What the gap-report tests share: a profile, a fixed creation time, hostile text, an HTML
page's parts, a Markdown page's headings, and a report of a profile. (No test file imports
another.)"""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser

from matcher import build_report

CREATED = datetime(2025, 4, 1, 9, 30, tzinfo=UTC)
PROFILE = {
    "name": "Aiko Tanaka",
    "current_job": "Municipal Clerk",
    "skills": {"Budget Management": 3, "Public Speaking": 2, "Office Administration": 4},
    "aptitudes": {"Stress Tolerance": 4, "Communication Skills": 3},
    "traits": {"Leadership": 4},
}
XSS = "<script>alert(1)</script>"


class Page(HTMLParser):
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


def _md_headings(markdown: str, level: int = 2) -> list[str]:
    prefix = "#" * level + " "
    return [line[len(prefix) :] for line in markdown.splitlines() if line.startswith(prefix)]


def report_of(model, profile=PROFILE, **kwargs):
    kwargs.setdefault("created", CREATED)
    return build_report(profile, model=model, **kwargs)
