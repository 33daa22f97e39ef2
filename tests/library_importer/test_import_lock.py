"""One import at a time: a running import refuses a second one (or makes it wait); crashed ones are taken over.

The "other import" is a lock row held the way a running import holds it (same host, a live pid,
a fresh heartbeat); a real second process is exercised by test_import_kill.
"""

from __future__ import annotations

import datetime
import os
import socket
import subprocess
import sys

import pytest
from django.utils import timezone

from library_importer.importer.lock import LOCK_PK
from library_importer.models import ImportLock, ImportRun, Material
from tests.library_importer.import_helpers import material_row, media_fixture, run_cli, source_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def hold_lock(*, pid: int, heartbeat_age: float = 0.0, source: str = "/srv/library-2026") -> ImportRun:
    run = ImportRun.objects.create(source=source, state=ImportRun.State.RUNNING, started=timezone.now(), total=40,
                                   processed=12)
    ImportLock.objects.update_or_create(pk=LOCK_PK, defaults={
        "run": run, "holder": f"{socket.gethostname()}:{pid}:test",
        "heartbeat": timezone.now() - datetime.timedelta(seconds=heartbeat_age)})
    return run


def test_a_second_import_is_refused_naming_the_running_one(source):
    running = hold_lock(pid=os.getpid())
    source.write([material_row("a")])
    result = run_cli("import", source.root)
    assert result.exit_code == 1
    assert f"Import refused: import #{running.pk} of /srv/library-2026 (started" in result.output
    assert "12/40 done) is running; only one import runs at a time" in result.output and "--wait" in result.output
    assert not Material.objects.exists()
    assert ImportLock.objects.get().run == running


def test_async_import_is_refused_too_while_one_runs(source):
    running = hold_lock(pid=os.getpid())
    source.write([material_row("a")])
    result = run_cli("import", source.root, "--async")
    assert result.exit_code == 1 and f"import #{running.pk} of /srv/library-2026" in result.output
    assert ImportRun.objects.count() == 1


def test_wait_starts_once_the_running_import_is_over(source, settings):
    settings.PPTA_LIBRARY_IMPORT_LOCK_TIMEOUT = 2
    running = hold_lock(pid=os.getpid(), heartbeat_age=1)  # alive now, silent from now on
    source.write([material_row("a")])
    result = run_cli("import", source.root, "--wait")
    assert result.exit_code == 0, result.output
    assert f"Waiting: import #{running.pk} of /srv/library-2026" in result.output
    assert Material.objects.filter(external_id="a").exists()
    running.refresh_from_db()
    assert running.state == ImportRun.State.FAILED and "no heartbeat" in running.error


def test_a_stale_lock_is_taken_over(source, settings):
    settings.PPTA_LIBRARY_IMPORT_LOCK_TIMEOUT = 60
    crashed = hold_lock(pid=os.getpid(), heartbeat_age=61)
    source.write([material_row("a")])
    assert run_cli("import", source.root).exit_code == 0
    crashed.refresh_from_db()
    assert crashed.state == ImportRun.State.FAILED
    assert ImportLock.objects.get().run is None  # released at the end


def test_the_lock_of_a_dead_process_on_this_host_is_taken_over_at_once(source):
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True)
    crashed = hold_lock(pid=int(finished.stdout))  # fresh heartbeat, but the process is gone
    source.write([material_row("a")])
    assert run_cli("import", source.root).exit_code == 0
    crashed.refresh_from_db()
    assert crashed.state == ImportRun.State.FAILED and "its process is gone" in crashed.error


def test_the_lock_is_released_after_a_refused_import(source):
    source.write([material_row("bad", type="poster")])
    assert run_cli("import", source.root).exit_code == 1
    source.write([material_row("good")])
    assert run_cli("import", source.root).exit_code == 0
    assert ImportLock.objects.get().run is None
