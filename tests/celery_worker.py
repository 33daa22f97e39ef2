"""A real ``celery -A ppta_demo worker`` for the tests that prove a task through Redis (CI sets the broker)."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Worker:
    process: subprocess.Popen
    log_path: Path
    env: dict  # the worker's environment: give it to CLI commands that must queue to the same place

    def assert_alive(self) -> None:
        assert self.process.poll() is None, self.log_path.read_text()[-3000:]

    def log_tail(self) -> str:
        return self.log_path.read_text()[-3000:]


@contextmanager
def celery_worker(tmp_path: Path, env: dict, queue: str, extra_settings: str = ""):
    """A worker on ``queue`` (a queue of the test's own: no stray messages either way) with the demo's
    settings plus ``extra_settings`` (Python lines), in ``env``; stopped when the block ends."""
    settings_dir = tmp_path / "worker_settings"
    settings_dir.mkdir()
    (settings_dir / "ppta_worker_settings.py").write_text(
        f"from ppta_demo.settings import *  # noqa\nPPTA_CELERY_QUEUE = {queue!r}\n{extra_settings}", encoding="utf-8")
    env = {**env, "DJANGO_SETTINGS_MODULE": "ppta_worker_settings",
           "PYTHONPATH": os.pathsep.join([str(settings_dir), env["PYTHONPATH"]])}
    celery = os.path.join(os.path.dirname(sys.executable), "celery")
    log_path = tmp_path / "worker.log"  # a file, not a pipe: a full pipe would block the worker
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [celery, "-A", "ppta_demo", "worker", "-Q", queue, "--pool", "solo", "--without-gossip",
             "--without-mingle", "--without-heartbeat", "-l", "warning"],
            env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield Worker(process, log_path, env)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
