"""Run ppta's rendered Tutor init tasks against the platform, in the test process.

The script runs for real (``sh -e``, tests/init_script_calls.py); each ``./manage.py SERVICE ...``
call it makes is then carried out here, against the platform's models and in-memory modulestore:
``shell -c CODE`` runs CODE as ``manage.py shell`` would, any other command through call_command.
The project root is put on sys.path only to load that shared helper.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path
from unittest import mock

from django.core.management import call_command

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.init_script_calls import run_script  # noqa: E402

sys.path.pop(0)


def init_scripts(rendered: Path, service: str) -> list[str]:
    """The rendered ppta init tasks of ``service`` (lms|cms), in the order Tutor runs them."""
    return [path.read_text(encoding="utf-8") for path in sorted((rendered / "init").glob(f"*-{service}.sh"))]


def run_init_task(script: str, service: str) -> str:
    """Carry out ``script``'s manage.py calls for ``service`` in-process; return what they printed."""
    with tempfile.TemporaryDirectory(prefix="ppta-init-") as folder:
        calls = run_script(script, Path(folder))
    output = io.StringIO()
    for call in calls:
        target, command, *arguments = call["argv"]
        assert target == service, f"an {target} call in a {service} task: {call['argv']}"
        with mock.patch.dict(os.environ, call["env"]), contextlib.redirect_stdout(output):
            if command == "shell" and arguments[:1] == ["-c"]:
                exec(compile(arguments[1], f"<ppta init: {service} shell>", "exec"), {"__name__": "__main__"})  # noqa: S102
            else:
                call_command(command, *arguments)
    return output.getvalue()
