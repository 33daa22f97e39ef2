"""``deployment/find-python312``: the Makefile's way to find Python 3.12 on PATH or under pyenv."""

import subprocess

from tests.services import REPO_ROOT

SCRIPT = REPO_ROOT / "deployment" / "find-python312"


def test_finds_a_python_312_interpreter():
    found = subprocess.run(["sh", SCRIPT], capture_output=True, text=True, check=True).stdout.strip()
    version = subprocess.run([found, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True)
    assert version.stdout.strip() == "(3, 12)"


def test_says_what_to_do_when_there_is_none(tmp_path):
    env = {"PATH": "/nonexistent", "PYENV_ROOT": str(tmp_path), "HOME": str(tmp_path)}
    completed = subprocess.run(["/bin/sh", SCRIPT], capture_output=True, text=True, env=env)
    assert completed.returncode == 1
    assert "needs Python 3.12" in completed.stderr and "pyenv install 3.12" in completed.stderr
    assert completed.stdout == ""
