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
def chromium():
    """One headless Chromium for the session (English UI); tests navigate it as they need."""
    driver = start_chromium()
    yield driver
    driver.quit()
