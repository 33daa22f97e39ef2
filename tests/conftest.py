"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from tests.browser import start_chromium


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """Django test clients leave the last request's language active; start every test from English."""
    yield
    from django.utils import translation

    translation.activate("en")


@pytest.fixture(scope="session")
def _chromium_session():
    driver = start_chromium()
    yield driver
    driver.quit()


@pytest.fixture
def chromium(_chromium_session):
    """Headless Chromium (English UI) shared by the session, handed to each test in a clean state.

    Cookies are per host, not per port, so a language cookie set by one test's live server would
    otherwise reach the next test's server.
    """
    driver = _chromium_session
    for handle in driver.window_handles[1:]:
        driver.switch_to.window(handle)
        driver.close()
    driver.switch_to.window(driver.window_handles[0])
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    driver.set_window_size(1280, 900)
    driver.get("about:blank")
    return driver
