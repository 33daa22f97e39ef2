"""Helpers shared by the trainer-notes and area-overview tests (no tests here)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

DEMO_ROLE_SERVICE = "xblocks.trainer_notes.demo.WorkbenchCourseRoleUserService"

XSS_PAYLOADS = (
    '<script>alert("x")</script>',
    '<img src=x onerror=alert(1)>',
    '"><svg onload=alert(1)>',
    "<a href=\"javascript:alert(1)\">click</a>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<style>body{display:none}</style>",
)
UNSAFE_URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "http://insecure.example/plan.pdf",
    "//evil.example/plan.pdf",
    "/admin/",
    "/static/../../admin/",
    "java\tscript:alert(1)",
)


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a reader sees (no tags, scripts or styles), whitespace collapsed."""
    collector = _TextCollector()
    collector.feed(html)
    return " ".join(" ".join(collector.parts).split())


def latin_words(html: str) -> list[str]:
    """Latin-alphabet words in the visible text: on a Russian screen with Russian content, English leaking."""
    words = re.findall(r"[A-Za-z]{2,}", visible_text(html))
    return [word for word in words if not re.fullmatch(r"[IVXLC]+", word)]  # Roman numerals are Russian too


def use_demo_roles(settings) -> None:
    """Give the workbench the demo user service that reports course roles for ``?student=staff`` etc."""
    settings.WORKBENCH = {
        **settings.WORKBENCH,
        "services": {**settings.WORKBENCH.get("services", {}), "user": DEMO_ROLE_SERVICE},
    }


def scenario_block_id(scenario_id: str) -> str:
    """The usage id of the (first) block inside a workbench scenario's ``vertical_demo``."""
    from workbench.runtime import WorkbenchRuntime
    from workbench.scenarios import get_scenarios

    runtime = WorkbenchRuntime("student_1")
    return runtime.get_block(get_scenarios()[scenario_id].usage_id).children[0]


class _MarkupCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "iframe", "svg", "img", "object", "embed", "form"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name in ("href", "src") and (value or "").strip().lower().replace("\t", "").startswith(
                    ("javascript:", "data:", "vbscript:")):
                self.problems.append(f"{tag}[{name}={value}]")


def dangerous_markup(html: str) -> list[str]:
    """Elements and attributes in ``html`` that could run script or restyle the page (escaped text is fine)."""
    collector = _MarkupCollector()
    collector.feed(html)
    return collector.problems
