"""Run a rendered ppta init script (`sh -e`, as Tutor does) against a stand-in ``./manage.py``.

Open edX's ``./manage.py`` cannot run in a test's shell: the stand-in records its arguments and the
``PPTA_*`` environment, so a test sees exactly what the script hands to Django. The fast suite checks
those calls; the platform tier then runs them in-process against the platform (tests/platform/tutor_init.py).
Plain Python without third-party imports: both tiers' interpreters load it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FAKE_MANAGE_PY = f"""#!{sys.executable}
import json, os, sys
with open(os.environ["PPTA_TEST_CALLS"], "a", encoding="utf-8") as calls:
    environment = {{key: value for key, value in os.environ.items() if key.startswith("PPTA_")}}
    calls.write(json.dumps({{"argv": sys.argv[1:], "env": environment}}) + "\\n")
"""


def run_script(script: str, tmp_path: Path) -> list[dict]:
    """The ``./manage.py`` calls of ``script``, in order: ``{"argv": [...], "env": {PPTA_*: ...}}``."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    manage = tmp_path / "manage.py"
    manage.write_text(FAKE_MANAGE_PY, encoding="utf-8")
    manage.chmod(0o755)
    calls = tmp_path / "calls.jsonl"
    environ = {**os.environ, "PPTA_TEST_CALLS": str(calls)}
    subprocess.run(["sh", "-e", "-c", script], cwd=tmp_path, env=environ, check=True, timeout=60,
                   capture_output=True)
    if not calls.exists():
        return []
    return [json.loads(line) for line in calls.read_text(encoding="utf-8").splitlines()]
