"""``--async``: an ImportRun is queued and the celery task ``ppta.library.import_materials`` runs it.

With PPTA_TEST_BROKER_URL (CI) a real ``celery -A ppta_demo worker`` runs against Redis on the
shared test database and a queue of its own; without a broker the task runs in-process (eagerly,
as the demo does) and the same outcome is asserted.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import uuid

import pytest

from library_importer.models import ImportRun, Material
from library_importer.tasks import TASK_NAME, import_materials
from tests.celery_worker import celery_worker
from tests.library_importer.import_helpers import (  # noqa: F401
    PPTA,
    inspect_catalog,
    material_row,
    media_fixture,
    run_cli,
    source_fixture,
    subprocess_env,
)
from tests.services import REQUIRE_SERVICES, broker_url

ROWS = [material_row(f"queued-{n}", title_ru=f"Материал {n}", file_ru=f"files/q{n}.ru.pdf") for n in range(6)]


def test_the_task_has_the_contract_name():
    assert import_materials.name == TASK_NAME == "ppta.library.import_materials"


def configured_broker() -> str | None:
    """The test broker, when there is one (under PPTA_REQUIRE_SERVICES=1 there must be)."""
    if os.environ.get("PPTA_TEST_BROKER_URL") or REQUIRE_SERVICES:
        return broker_url()
    return None


def assert_outcome(run: dict, materials: int) -> None:
    assert run["state"] == "succeeded", run
    assert run["counts"]["create"] == len(ROWS) and run["total"] == run["processed"] == len(ROWS)
    assert sorted(item["id"] for item in run["report"]["items"]) == sorted(row["id"] for row in ROWS)
    assert materials == len(ROWS)


@pytest.mark.django_db(transaction=True)
def test_async_import_runs_the_task_and_records_state_progress_counts_and_report(source, media, tmp_path):
    source.write(ROWS)
    broker = configured_broker()
    if broker is None:  # no broker here: the task runs in-process, as in the demo
        result = run_cli("import", source.root, "--async")
        assert result.exit_code == 0, result.output
        run = ImportRun.objects.get()
        assert f"Queued import #{run.pk}" in result.output and run.task_id
        assert_outcome({"state": run.state, "counts": run.counts, "total": run.total, "processed": run.processed,
                        "report": run.report}, Material.objects.count())
        listing = run_cli("runs")
        assert f"{run.pk:>5}  succeeded" in listing.output and "create 6" in listing.output
        return
    run_with_worker(source, media, tmp_path, broker)


def run_with_worker(source, media, tmp_path, broker: str) -> None:
    queue = f"ppta-test-{uuid.uuid4().hex[:8]}"
    with celery_worker(tmp_path, subprocess_env(tmp_path, media, PPTA_BROKER_URL=broker), queue) as worker:
        env = worker.env
        queued = subprocess.run([str(PPTA), "library", "import", str(source.root), "--async"], env=env,
                                capture_output=True, text=True, timeout=120)
        assert queued.returncode == 0, queued.stdout + queued.stderr
        assert "Queued import #" in queued.stdout
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            listing = subprocess.run([str(PPTA), "library", "runs", "--format", "json"], env=env,
                                     capture_output=True, text=True, timeout=60, check=True)
            runs = json.loads(listing.stdout)
            if runs and runs[0]["state"] in ("succeeded", "failed"):
                break
            worker.assert_alive()
            time.sleep(0.5)
        else:
            pytest.fail(f"the worker did not finish the import in 90 s:\n{worker.log_tail()}")
        detail = subprocess.run([str(PPTA), "library", "runs", str(runs[0]["id"]), "--format", "json"], env=env,
                                capture_output=True, text=True, timeout=60, check=True)
        assert_outcome(json.loads(detail.stdout)[0], inspect_catalog(env)["materials"])


@pytest.mark.django_db
def test_a_failing_async_import_is_recorded_with_its_problems(source):
    source.write([material_row("bad", type="poster")])
    assert run_cli("import", source.root, "--async").exit_code == 0  # queued; the task fails it
    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.FAILED and not Material.objects.exists()
    assert run.report["problems"][0]["message"].startswith("unknown type 'poster'")
    shown = run_cli("runs", str(run.pk))
    assert "failed" in shown.output and "row 2, column type: unknown type 'poster'" in shown.output


@pytest.mark.django_db
def test_the_queue_comes_from_the_setting(source, settings, monkeypatch):
    """Celery's ``apply_async`` is observed (not replaced): the task still runs eagerly."""
    settings.PPTA_CELERY_QUEUE = "ppta-library"
    source.write([material_row("a")])
    sent = []
    original = import_materials.apply_async
    monkeypatch.setattr(import_materials, "apply_async", lambda *a, **kw: sent.append(kw) or original(*a, **kw))
    assert run_cli("import", source.root, "--async").exit_code == 0
    assert sent[0]["queue"] == "ppta-library"
