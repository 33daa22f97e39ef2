"""One import at a time, across processes and hosts: a lock row claimed with one conditional UPDATE.

The UPDATE succeeds only when the lock is free or its holder's heartbeat is older than
``PPTA_LIBRARY_IMPORT_LOCK_TIMEOUT``; the database serialises concurrent UPDATEs of one row (on
SQLite and MySQL/MariaDB alike), so exactly one claimant wins. A holder that died on this same
host (its pid is gone, e.g. after a kill) is taken over at once instead of after the timeout.
"""

from __future__ import annotations

import datetime
import os
import socket
import time
import uuid
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from library_importer.importer.limits import Limits
from library_importer.importer.problems import ImportBusy, LockLost
from library_importer.models import ImportLock, ImportRun

LOCK_PK = 1
WAIT_POLL_SECONDS = 0.5


def _holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _holder_is_dead(holder: str) -> bool:
    """True when the holder ran on this host and its process no longer exists."""
    host, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, owned by another user
        return False
    return False


class ImportLockHandle:
    """The held lock: ``beat()`` keeps it, ``release()`` frees it."""

    def __init__(self, run: ImportRun, holder: str):
        self.run = run
        self.holder = holder

    def beat(self) -> None:
        now = timezone.now()
        if not ImportLock.objects.filter(pk=LOCK_PK, holder=self.holder).update(heartbeat=now):
            raise LockLost("this import sent no heartbeat for too long and another import took over; "
                           "materials written so far are complete, run the import again")

    def release(self) -> None:
        ImportLock.objects.filter(pk=LOCK_PK, holder=self.holder).update(run=None, holder="", heartbeat=None)


def describe_holder(lock: ImportLock) -> str:
    run = lock.run
    if run is None:
        return "another import"
    started = run.started or run.created
    return (f"import #{run.pk} of {run.source} (started {started:%Y-%m-%d %H:%M:%S} UTC, "
            f"{run.processed}/{run.total} done)")


def current_lock() -> ImportLock | None:
    """The lock row when an import holds it and is alive (heartbeat within the timeout)."""
    lock = ImportLock.objects.select_related("run").filter(pk=LOCK_PK, run__isnull=False).first()
    if lock is None or lock.heartbeat is None:
        return None
    if lock.heartbeat < timezone.now() - datetime.timedelta(seconds=Limits.from_settings().lock_timeout):
        return None
    if _holder_is_dead(lock.holder):
        return None
    return lock


def acquire(run: ImportRun, *, timeout: int, wait: bool,
            on_wait: Callable[[str], None] = lambda message: None) -> ImportLockHandle:
    """Claim the lock for ``run``; raise ``ImportBusy`` naming the running import, or wait for it."""
    holder = _holder_name()
    announced = False
    while True:
        if _claim(run, holder, timeout):
            return ImportLockHandle(run, holder)
        lock = ImportLock.objects.select_related("run").get(pk=LOCK_PK)
        if lock.holder and _holder_is_dead(lock.holder) and _take_over(lock, run, holder, "its process is gone"):
            return ImportLockHandle(run, holder)
        message = f"{describe_holder(lock)} is running"
        if not wait:
            raise ImportBusy(f"{message}; only one import runs at a time. Try again when it has finished, "
                             f"or pass --wait to start as soon as it does.")
        if not announced:
            on_wait(f"Waiting: {message}.")
            announced = True
        time.sleep(WAIT_POLL_SECONDS)


def _claim(run: ImportRun, holder: str, timeout: int) -> bool:
    try:
        with transaction.atomic():
            ImportLock.objects.get_or_create(pk=LOCK_PK)
    except IntegrityError:  # created by a concurrent claimant in between
        pass
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=timeout)
    previous = ImportLock.objects.filter(pk=LOCK_PK).values_list("run_id", "holder").first()
    claimed = ImportLock.objects.filter(pk=LOCK_PK).filter(
        Q(run__isnull=True) | Q(heartbeat__isnull=True) | Q(heartbeat__lt=stale)
    ).update(run=run, holder=holder, heartbeat=now)
    if claimed and previous and previous[0] and previous[0] != run.pk:
        _mark_interrupted(previous[0], f"no heartbeat for more than {timeout} s")
    return bool(claimed)


def _take_over(lock: ImportLock, run: ImportRun, holder: str, reason: str) -> bool:
    taken = ImportLock.objects.filter(pk=LOCK_PK, holder=lock.holder).update(
        run=run, holder=holder, heartbeat=timezone.now())
    if taken and lock.run_id:
        _mark_interrupted(lock.run_id, reason)
    return bool(taken)


def _mark_interrupted(run_id: int, reason: str) -> None:
    ImportRun.objects.filter(pk=run_id, state__in=[ImportRun.State.RUNNING, ImportRun.State.QUEUED]).update(
        state=ImportRun.State.FAILED, finished=timezone.now(),
        error=f"Interrupted ({reason}); a later import took over and completes the work.")
