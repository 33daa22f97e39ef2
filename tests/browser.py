"""Headless Debian Chromium for browser tests, and axe-core accessibility checks."""

from __future__ import annotations

import json
import tempfile

from tests.services import axe_source, executable

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--window-size=1280,900",
)
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def start_chromium(lang: str = "en"):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = executable("chromium", "chromium")
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--lang={lang}")
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='ppta-chromium-')}")
    # An explicit chromedriver path keeps Selenium Manager from trying to download one.
    service = Service(executable_path=executable("chromedriver", "chromium-driver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_script_timeout(30)
    return driver


def axe_violations(driver, context: str | None = None) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page, or on the element matching ``context``."""
    driver.execute_script(axe_source())
    return driver.execute_async_script(
        """
        const [context, tags, done] = arguments;
        axe.run(context ? document.querySelector(context) : document,
                {runOnly: {type: 'tag', values: tags}})
           .then(result => done(result.violations), error => done([{id: 'axe-error', help: String(error)}]));
        """,
        context,
        WCAG_AA_TAGS,
    )


def assert_accessible(driver, context: str | None = None) -> None:
    violations = axe_violations(driver, context)
    summary = [
        {"id": v["id"], "help": v.get("help"), "nodes": [n.get("html") for n in v.get("nodes", [])][:3]}
        for v in violations
    ]
    assert not violations, "axe found WCAG 2.1 A/AA violations:\n" + json.dumps(summary, ensure_ascii=False, indent=1)
