"""One import from start to end: lock, open the source, validate everything, plan, apply, report.

Used by the ``ppta library import`` command, the ``import_materials`` management command, the
celery task and the demo. Nothing is written unless every row is valid (or ``skip_invalid``);
each material is then applied in its own transaction (see ``apply``).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from django.utils import timezone

from library_importer.importer.apply import apply_steps
from library_importer.importer.hash_cache import FileHashCache
from library_importer.importer.limits import Limits
from library_importer.importer.lock import ImportLockHandle, acquire
from library_importer.importer.manifest import read_manifest
from library_importer.importer.plan import build_plan
from library_importer.importer.problems import ImportFailure, Problem
from library_importer.importer.progress import NO_PROGRESS, Progress
from library_importer.importer.source import open_source
from library_importer.importer.validate import validate_rows
from library_importer.models import ImportRun

HEARTBEAT_SECONDS = 2.0


@dataclass(frozen=True)
class ImportOptions:
    """What the operator asked for (the options of ``ppta library import``)."""

    source: str
    dry_run: bool = False
    prune: bool = False
    skip_invalid: bool = False
    encoding: str | None = None
    wait: bool = False
    rehash: bool = False

    def as_dict(self) -> dict:
        return {name: value for name, value in asdict(self).items() if name != "source"}

    @classmethod
    def from_run(cls, run: ImportRun) -> ImportOptions:
        known = {f.name for f in fields(cls)}
        return cls(source=run.source, **{k: v for k, v in (run.options or {}).items() if k in known})


@dataclass
class ImportResult:
    report: dict
    run: ImportRun | None

    @property
    def ok(self) -> bool:
        return self.report["state"] == ImportRun.State.SUCCEEDED


class _Tracker:
    """Keeps the lock alive and the ImportRun's progress current, at most every HEARTBEAT_SECONDS."""

    def __init__(self, run: ImportRun | None, lock: ImportLockHandle | None, progress: Progress):
        self.run, self.lock, self.progress = run, lock, progress
        self.phase, self.total, self.done = "", 0, 0
        self._last = 0.0

    def start(self, phase: str, total: int) -> None:
        self.phase, self.total, self.done = phase, total, 0
        self.progress.start(phase, total)
        self.tick(force=True)

    def advance(self, done: int, label: str = "") -> None:
        self.done = done
        self.progress.advance(done, label)
        self.tick()

    def tick(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < HEARTBEAT_SECONDS:
            return
        self._last = now
        if self.lock:
            self.lock.beat()
        if self.run:
            ImportRun.objects.filter(pk=self.run.pk).update(
                total=self.total, processed=self.done, heartbeat=timezone.now(),
                report={"phase": self.phase, "state": ImportRun.State.RUNNING})


def run_import(options: ImportOptions, *, run: ImportRun | None = None, progress: Progress = NO_PROGRESS,
               ) -> ImportResult:
    """Import ``options.source``; the report says what happened (``state`` succeeded or failed).

    A dry run writes nothing (not even an ImportRun unless one is given). Otherwise an ImportRun
    records the import; ``ImportBusy`` is raised when another import runs and ``wait`` is off.
    """
    limits = Limits.from_settings()
    if run is None and not options.dry_run:
        run = ImportRun.objects.create(source=options.source, options=options.as_dict())
    lock = None
    if not options.dry_run:
        try:
            lock = acquire(run, timeout=limits.lock_timeout, wait=options.wait, on_wait=progress.note)
        except ImportFailure as error:
            _finish(run, _report(options, problems=[Problem(None, "", str(error))]))
            raise
    if run:
        ImportRun.objects.filter(pk=run.pk).update(state=ImportRun.State.RUNNING, started=timezone.now(),
                                                   heartbeat=timezone.now())
    tracker = _Tracker(run, lock, progress)
    try:
        try:
            report = _import(options, limits, tracker)
        except ImportFailure as error:
            report = _report(options, problems=[Problem(None, "", str(error))])
        except BaseException as error:  # a bug or an interrupt: record it, then let it propagate
            _finish(run, _report(options, problems=[Problem(None, "", f"unexpected error: {error!r}")]))
            raise
        _finish(run, report)
    finally:
        if lock:
            lock.release()
    return ImportResult(report=report, run=run)


def _import(options: ImportOptions, limits: Limits, tracker: _Tracker) -> dict:
    with open_source(options.source, limits) as source:
        manifest = read_manifest(source.root, options.encoding)
        name, rows, row_count = manifest.name, manifest.rows, len(manifest.rows)
        del manifest  # the rows are dropped once validated: only the specs are needed from here on
        cache = FileHashCache(trust_known=not options.rehash, remember=not source.is_archive)
        tracker.start("checking", row_count)
        checked = validate_rows(rows, source, limits, cache, tick=tracker.tick,
                                on_row=lambda done: tracker.advance(done))
        del rows
        tracker.progress.finish()
        problems = checked.problems
        blocking = [p for p in problems if p.row is None] or (problems if not options.skip_invalid else [])
        if blocking:
            return _report(options, manifest=name, rows=row_count, problems=problems)

        plan = build_plan(checked.specs, prune=options.prune, keep_ids=checked.invalid_ids)
        items = [{"id": step.material_id, "action": step.action} for step in plan.changes]
        counts = {**plan.counts, "invalid": len({p.row for p in problems})}
        if options.dry_run:
            return _report(options, manifest=name, rows=row_count, problems=problems,
                           counts=counts, items=items, not_in_source=plan.not_in_source, ok=True)
        cache.save()
        changes = plan.changes
        tracker.start("importing", len(changes))
        applied = 0

        def on_applied(step) -> None:
            nonlocal applied
            applied += 1
            tracker.advance(applied, f"{step.action} {step.material_id}")

        apply_steps(changes, on_applied=on_applied, tick=tracker.tick, batch_size=limits.batch_size)
        tracker.tick(force=True)
        tracker.progress.finish()
        return _report(options, manifest=name, rows=row_count, problems=problems,
                       counts=counts, items=items,
                       not_in_source=plan.not_in_source, ok=True)


def _report(options: ImportOptions, *, problems: list[Problem], ok: bool = False, **facts) -> dict:
    return {
        "source": str(Path(options.source)),
        "dry_run": options.dry_run,
        "state": ImportRun.State.SUCCEEDED if ok else ImportRun.State.FAILED,
        "counts": facts.pop("counts", {}),
        "problems": [problem.as_dict() for problem in problems],
        **facts,
    }


def _finish(run: ImportRun | None, report: dict) -> None:
    if run is None:
        return
    run.state = report["state"]
    run.counts = report["counts"]
    run.report = report
    run.error = "\n".join(str(Problem(**p)) for p in report["problems"] if p["row"] is None)
    run.finished = timezone.now()
    ImportRun.objects.filter(pk=run.pk).update(state=run.state, counts=run.counts, report=run.report,
                                               error=run.error, finished=run.finished)
