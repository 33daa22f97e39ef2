"""The kit task ``ppta.trainers.build_kit`` run by a real celery worker, requested as the kit page does.

With PPTA_TEST_BROKER_URL (CI) a real ``celery -A ppta_demo worker`` runs against Redis on the shared
MariaDB test database and a queue of its own, with kits in a private store outside the media root (as
the Tutor patch keeps them); the page's POST queues the build and its status poll waits for it. Without
a broker the task runs in-process (eagerly, as the demo does) and the same outcome is asserted.
"""

from __future__ import annotations

import io
import os
import time
import uuid
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from celery import current_app
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from library_importer.public import SAMPLE_LIBRARY
from tests.celery_worker import Worker, celery_worker
from tests.library_importer.import_helpers import subprocess_env
from tests.services import REQUIRE_SERVICES, broker_url, missing, test_database_url
from tests.trainers.conftest import PASSWORD
from trainers import tasks
from trainers.models import KitBuild, kit_storage
from trainers.tasks import TASK_NAME, build_kit_task

RU_TOT = "course-v1:PPTA+AIP201RU+2026"


def test_the_task_has_the_contract_name():
    assert build_kit_task.name == TASK_NAME == "ppta.trainers.build_kit"


def configured_broker() -> str | None:
    """The test broker, when there is one (under PPTA_REQUIRE_SERVICES=1 there must be)."""
    if os.environ.get("PPTA_TEST_BROKER_URL") or REQUIRE_SERVICES:
        url = broker_url()
        if not test_database_url():  # the worker is another process: an in-memory SQLite cannot be shared
            missing("A database the worker can share", "set PPTA_TEST_DATABASE_URL=mysql://root@127.0.0.1:3306/test")
        return url
    return None


def private_kit_root() -> Path:
    return Path(kit_storage().location)


@contextmanager
def kit_worker(tmp_path: Path, media: Path, broker: str, queue: str):
    """A real worker on ``queue``, the shared test database, this test's media root and the suite's private
    kit store; this process sends its tasks to the same broker meanwhile."""
    private_store = ("from django.conf import global_settings\n"
                     "STORAGES = {**global_settings.STORAGES, 'ppta_trainers': {\n"
                     "    'BACKEND': 'django.core.files.storage.FileSystemStorage',\n"
                     f"    'OPTIONS': {{'location': {str(private_kit_root())!r}}}}}}}\n"
                     "PPTA_TRAINERS_STORAGE = 'ppta_trainers'\n")
    conf = current_app.conf
    saved = {"broker_url": conf.broker_url, "task_always_eager": conf.task_always_eager}
    with celery_worker(tmp_path, subprocess_env(tmp_path, media, PPTA_BROKER_URL=broker), queue,
                       private_store) as worker:
        current_app.amqp._producer_pool = None  # noqa: SLF001 (connections of the eager configuration)
        conf.update(broker_url=broker, task_always_eager=False)
        try:
            yield worker
        finally:
            conf.update(saved)
            current_app.pool.force_close_all()
            current_app._pool = current_app.amqp._producer_pool = None  # noqa: SLF001


def kit_url(name: str) -> str:
    return reverse(f"ppta_trainers:{name}", args=[RU_TOT, "ru"])


def wait_until_built(client: Client, worker: Worker | None = None) -> dict:
    """Poll the status URL as the page's script does, until the build is done or failed."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = client.get(kit_url("kit_status")).json()
        if status["state"] not in ("queued", "running"):
            return status
        if worker is not None:
            worker.assert_alive()
        time.sleep(0.5)
    pytest.fail(f"the kit was not built in 120 s:\n{worker.log_tail() if worker else ''}")


@pytest.mark.django_db(transaction=True)
def test_a_kit_requested_on_its_page_is_built_by_the_worker_into_the_private_store(users, settings, tmp_path,
                                                                                  monkeypatch):
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    call_command("import_materials", str(SAMPLE_LIBRARY))  # the kit's documents come from the library
    queue = f"ppta-test-{uuid.uuid4().hex[:8]}"  # a queue of our own: no stray messages either way
    settings.PPTA_CELERY_QUEUE = queue
    client = Client()
    client.login(username=users["trainer"].username, password=PASSWORD)

    broker = configured_broker()
    if broker is None:  # no broker here: the task runs in-process, as in the demo
        assert client.post(kit_url("kit")).status_code == 302
        status = wait_until_built(client)
    else:
        def not_here(*args, **kwargs):
            raise AssertionError("the kit was built by the test process, not by the worker")

        monkeypatch.setattr(tasks, "build_kit", not_here)
        with kit_worker(tmp_path, media, broker, queue) as worker:
            response = client.post(kit_url("kit"))
            assert response.status_code == 302 and response["Location"] == kit_url("kit")
            assert client.get(kit_url("kit_status")).json()["state"] in ("queued", "running", "done")
            status = wait_until_built(client, worker)

    build = KitBuild.objects.get()
    assert status == {"state": "done", "progress": 100, "label": "Ready", "download_url": kit_url("kit_download")}, (
        build.error)
    stored = private_kit_root() / build.file.name
    assert stored.is_file() and stored.stat().st_size == build.size > 0
    assert not [path for path in media.rglob("*.zip")]  # never in the (public) media root
    download = client.get(kit_url("kit_download"))
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    content = b"".join(download.streaming_content)
    assert content == stored.read_bytes()
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    folder = "ppta-kit-PPTA-AIP201RU-2026-ru/"
    assert folder + "README.txt" in names and folder + "01-Программа.pdf" in names
    assert any("/04-Документы/" in name for name in names)  # the library's documents, read by the worker
