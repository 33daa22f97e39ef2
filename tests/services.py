"""Services the suite may talk to, and what to do when one is missing.

A test that needs MariaDB, Redis, Chromium or axe-core asks here. Without the service it is
skipped, unless PPTA_REQUIRE_SERVICES=1 (as in CI), where a missing service fails the run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
REQUIRE_SERVICES = os.environ.get("PPTA_REQUIRE_SERVICES") == "1"


def missing(what: str, how: str) -> None:
    """Skip (or fail under PPTA_REQUIRE_SERVICES=1) because a service or tool is missing."""
    message = f"{what} is not available: {how}"
    if REQUIRE_SERVICES:
        pytest.fail(f"{message} (PPTA_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(message)


def test_database_url() -> str | None:
    """MariaDB/MySQL URL for the suite, e.g. mysql://root@127.0.0.1:3306/test (None: SQLite)."""
    return os.environ.get("PPTA_TEST_DATABASE_URL") or None


test_database_url.__test__ = False  # not a test, despite the name


def broker_url() -> str:
    url = os.environ.get("PPTA_TEST_BROKER_URL")
    if not url:
        missing("A Redis broker", "set PPTA_TEST_BROKER_URL=redis://127.0.0.1:6379/0")
    return url


def executable(name: str, package: str) -> str:
    path = shutil.which(name)
    if not path:
        missing(name, f"install the Debian package {package} (make test does it when run as root)")
    return path


def axe_source() -> str:
    path = Path(os.environ.get("PPTA_AXE_JS", REPO_ROOT / ".venv/node_modules/axe-core/axe.min.js"))
    if not path.is_file():
        missing("axe-core", "run `make test` (it installs axe-core with npm) or set PPTA_AXE_JS")
    return path.read_text(encoding="utf-8")
