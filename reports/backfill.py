"""One-off read of the platform's existing enrolments, passing grades and certificates into the facts.

Reads each platform table in primary-key batches and remembers the last key read per table
(``BackfillCheckpoint``), so an interrupted run resumes where it stopped. Each batch is written in one
transaction together with its checkpoint. Writing a fact is idempotent, so ``restart=True`` (reading
everything again) leaves the totals as they are.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from reports import facts, platform
from reports.models import BackfillCheckpoint

DEFAULT_BATCH_SIZE = 1000


def _dimensions(row, countries: dict[int, str]) -> dict:
    return facts.learner_dimensions(row.user_id, row.course_key, country=countries.get(row.user_id, ""))


def _enrolment(row: platform.EnrolmentRow, countries) -> None:
    facts.record_enrolment(row.user_id, row.course_key, created=row.created, is_active=row.is_active,
                           dimensions=_dimensions(row, countries))


def _passed(row: platform.PassedGradeRow, countries) -> None:
    facts.record_passing(row.user_id, row.course_key, is_passing=True, when=row.passed,
                         dimensions=_dimensions(row, countries))


def _certificate(row: platform.CertificateRow, countries) -> None:
    facts.record_certificate(row.user_id, row.course_key, status=row.status, created=row.created,
                             dimensions=_dimensions(row, countries))


# Enrolments first: a completion or certificate then finds its enrolment's fact.
STREAMS: dict[str, tuple[str, Callable]] = {
    "enrolments": ("enrolments_after", _enrolment),
    "completions": ("passed_grades_after", _passed),
    "certificates": ("certificates_after", _certificate),
}


def backfill(echo: Callable[[str], None], *, batch_size: int = DEFAULT_BATCH_SIZE, restart: bool = False) -> dict:
    """Read every platform table past its checkpoint; returns rows read per table in this run."""
    read: dict[str, int] = {}
    for stream, (fetch_name, write) in STREAMS.items():
        checkpoint, _created = BackfillCheckpoint.objects.get_or_create(stream=stream)
        if restart:
            checkpoint.last_pk, checkpoint.done = 0, 0
            checkpoint.save()
        read[stream] = 0
        fetch = getattr(platform, fetch_name)
        while rows := fetch(checkpoint.last_pk, batch_size):
            countries = platform.learner_countries({row.user_id for row in rows})
            with transaction.atomic():
                for row in rows:
                    write(row, countries)
                checkpoint.last_pk = rows[-1].pk
                checkpoint.done += len(rows)
                checkpoint.save()
            read[stream] += len(rows)
            echo(f"{stream}: {checkpoint.done} read so far (up to platform id {checkpoint.last_pk})")
        echo(f"{stream}: done, {read[stream]} read in this run, {checkpoint.done} in all")
    return read
