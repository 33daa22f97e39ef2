"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from tests.browser import start_chromium


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session (English UI); tests navigate it as they need."""
    driver = start_chromium()
    yield driver
    driver.quit()
