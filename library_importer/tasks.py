"""Celery task ``ppta.library.import_materials``: runs a queued import recorded as an ImportRun."""

from __future__ import annotations

import uuid

from celery import shared_task
from django.conf import settings

from library_importer.importer.lock import current_lock, describe_holder
from library_importer.importer.problems import ImportBusy
from library_importer.importer.run import ImportOptions, run_import
from library_importer.models import ImportRun

TASK_NAME = "ppta.library.import_materials"


@shared_task(name=TASK_NAME)
def import_materials(run_id: int) -> dict:
    """Run the import recorded as ImportRun ``run_id``; the run gets state, progress, counts and report."""
    run = ImportRun.objects.get(pk=run_id)
    try:
        result = run_import(ImportOptions.from_run(run), run=run)
    except ImportBusy as error:  # recorded on the run as failed; nothing to retry automatically
        return {"state": ImportRun.State.FAILED, "error": str(error)}
    return {"state": result.report["state"], "counts": result.report["counts"]}


def queue_import(options: ImportOptions) -> ImportRun:
    """Record a queued ImportRun and send the task to ``PPTA_CELERY_QUEUE`` (default queue when None).

    Refuses (``ImportBusy``) when an import is running, unless ``options.wait``: the worker then
    waits for the lock.
    """
    lock = current_lock()
    if lock is not None and not options.wait and not options.dry_run:
        raise ImportBusy(f"{describe_holder(lock)} is running; only one import runs at a time. "
                         f"Try again when it has finished, or pass --wait to queue this one behind it.")
    task_id = str(uuid.uuid4())
    run = ImportRun.objects.create(source=options.source, options=options.as_dict(), task_id=task_id)
    routing = {"queue": settings.PPTA_CELERY_QUEUE} if getattr(settings, "PPTA_CELERY_QUEUE", None) else {}
    import_materials.apply_async(args=[run.pk], task_id=task_id, **routing)
    run.refresh_from_db()
    return run
