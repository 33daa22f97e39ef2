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


def wait_for_next_page(driver, action, timeout: float = 20) -> None:
    """Run ``action`` (a click, a form submit) and wait until the page it opens has loaded.

    ``click()`` returns before the navigation; while Chromium is between two pages a command may fail
    with an inspector error or a stale element, so those are retried, not reported.
    """
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    page = driver.find_element("tag name", "html")
    action()
    WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(
        lambda d: _detached(page) and d.execute_script("return document.readyState") == "complete")


def wait_until(driver, condition, timeout: float = 30):
    """``WebDriverWait(...).until(condition)``, retrying commands that fail while a page is replaced."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(condition)


def _detached(element) -> bool:
    from selenium.common.exceptions import StaleElementReferenceException

    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    return False
