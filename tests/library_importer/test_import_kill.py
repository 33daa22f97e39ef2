"""A real import process killed with SIGKILL mid-import leaves a consistent catalog; re-running completes it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import pytest

from tests.library_importer.import_helpers import (  # noqa: F401
    PPTA,
    inspect_catalog,
    material_row,
    media_fixture,
    source_fixture,
    subprocess_env,
)

MATERIALS = 60


def start_import(source_root, env) -> subprocess.Popen:
    return subprocess.Popen([str(PPTA), "library", "import", str(source_root)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def kill_after(process: subprocess.Popen, applied: int) -> list[str]:
    """SIGKILL the import right after it reports its ``applied``-th material; returns its output."""
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith(("create ", "update ")) and f"({applied}/" in line:
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=60)
    return lines


def small_batches_env(tmp_path, media) -> dict[str, str]:
    """The demo settings with 3 materials per transaction, so a kill lands between commits of this small source."""
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    (settings_dir / "ppta_small_batches.py").write_text(
        "from ppta_demo.settings import *  # noqa\nPPTA_LIBRARY_IMPORT_BATCH_SIZE = 3\n", encoding="utf-8")
    env = subprocess_env(tmp_path, media)
    env["DJANGO_SETTINGS_MODULE"] = "ppta_small_batches"
    env["PYTHONPATH"] = os.pathsep.join([str(settings_dir), env["PYTHONPATH"]])
    return env


@pytest.mark.django_db(transaction=True)
def test_killed_import_leaves_a_consistent_catalog_and_a_rerun_completes(source, media, tmp_path):
    source.write([material_row(f"material-{n:03}", title_ru=f"Материал {n}", file_ru=f"files/m{n}.ru.pdf")
                  for n in range(MATERIALS)])
    env = small_batches_env(tmp_path, media)

    output = kill_after(start_import(source.root, env), applied=12)
    assert any("(12/" in line for line in output), output
    killed = inspect_catalog(env)
    assert 12 <= killed["materials"] < MATERIALS, "the import was not killed midway"
    assert killed["materials"] == killed["complete"]  # no half-written material
    assert killed["dangling"] == []  # no row points at a missing or partial file
    assert killed["runs"] == ["running"]  # what a kill leaves behind

    # a second kill on the re-run, then a run to the end
    kill_after(start_import(source.root, env), applied=8)
    again = inspect_catalog(env)
    assert killed["materials"] < again["materials"] < MATERIALS and again["dangling"] == []

    finished = subprocess.run([str(PPTA), "library", "import", str(source.root)], env=env, capture_output=True,
                              text=True, timeout=120)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert f"{MATERIALS - again['materials']} created" in finished.stdout
    final = inspect_catalog(env)
    assert final["materials"] == final["complete"] == MATERIALS
    assert final["versions"] == 2 * MATERIALS and final["dangling"] == []
    # the killed runs are marked as interrupted by the runs that took their lock over
    assert final["runs"] == ["failed", "failed", "succeeded"]

    unchanged = subprocess.run([str(PPTA), "library", "import", str(source.root)], env=env, capture_output=True,
                               text=True, timeout=120)
    assert f"0 created, 0 updated, {MATERIALS} unchanged" in unchanged.stdout


HOLD_THE_LOCK = """
import time
from ppta.django_env import setup_django
setup_django()
from library_importer.importer.lock import acquire
from library_importer.models import ImportRun
run = ImportRun.objects.create(source="/srv/library-import", state=ImportRun.State.RUNNING)
acquire(run, timeout=120, wait=False)
print(run.pk, flush=True)
time.sleep(120)
"""


@pytest.mark.django_db(transaction=True)
def test_a_second_process_is_refused_while_another_holds_the_lock(source, media, tmp_path):
    """Process A holds the import lock as a running import does; process B is a real ``ppta library import``."""
    source.write([material_row("after-the-lock")])
    env = subprocess_env(tmp_path, media)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_LOCK], env=env, stdout=subprocess.PIPE, text=True)
    try:
        holder_run = int(holder.stdout.readline())
        refused = subprocess.run([str(PPTA), "library", "import", str(source.root)], env=env, capture_output=True,
                                 text=True, timeout=120)
        assert refused.returncode == 1
        assert re.search(rf"Import refused: import #{holder_run} of /srv/library-import \(started .*\) is running; "
                         r"only one import runs at a time", refused.stderr), refused.stderr
        assert inspect_catalog(env)["materials"] == 0
    finally:
        holder.kill()
        holder.wait(timeout=30)
    # the holder died: its lock is taken over at once and its run marked as interrupted
    done = subprocess.run([str(PPTA), "library", "import", str(source.root)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    catalog = inspect_catalog(env)
    assert catalog["materials"] == 1 and catalog["runs"] == ["failed", "failed", "succeeded"]
