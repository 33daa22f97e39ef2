"""Platform tier fixtures: the platform's own pytest fixtures, and ppta's rendered Tutor output.

Faked here only what cannot exist on this machine: MongoDB (mongomock, ../shared/platform's
``mongomock_plugin``) and Tutor's Docker volumes (a temporary private media folder).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The platform's autouse fixtures (webpack bundles stubbed, the Site cache kept), from its own conftest.
from cms.conftest import _django_clear_site_cache, no_webpack_loader  # noqa: F401

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def rendered_tutor() -> Path:
    """The folder of Tutor's rendered ppta output (settings patches, init tasks)."""
    return Path(os.environ["PPTA_PLATFORM_RENDERED"])
