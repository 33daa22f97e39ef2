"""Every block module imports before Django settings exist, as the platform's entry-point scan
(and ``xblock.core`` plugin loading) may import it that early."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

BLOCK_MODULES = ("xblocks.material", "xblocks.library_browser", "xblocks.area_overview", "xblocks.trainer_notes")


@pytest.mark.parametrize("module", BLOCK_MODULES)
def test_block_module_imports_without_django_settings(module):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, "-c", f"import {module}"], env=env, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
