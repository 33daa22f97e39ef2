"""Receivers: the platform's openedx-events and the library's signals become report facts.

The platform sends CERTIFICATE_CHANGED on every save and enrolment events on every change, so every
receiver is idempotent (see ``facts``). Payloads carry personal data (name, e-mail); only the user id
(for idempotency) and the course key are kept.
"""

from __future__ import annotations

import functools
import logging

from django.utils import timezone
from openedx_events.learning.signals import (
    CERTIFICATE_CHANGED,
    CERTIFICATE_CREATED,
    CERTIFICATE_REVOKED,
    COURSE_ENROLLMENT_CHANGED,
    COURSE_ENROLLMENT_CREATED,
    COURSE_PASSING_STATUS_UPDATED,
    COURSE_UNENROLLMENT_COMPLETED,
    PERSISTENT_GRADE_SUMMARY_CHANGED,
)

from reports import facts

log = logging.getLogger(__name__)
REVOKED = "revoked"  # not a GeneratedCertificate status we need to know: anything not downloadable stops counting


def never_breaks_the_sender(receiver):
    """A report that cannot be written must not break an enrolment, a certificate or another receiver:
    the failure is logged, and ``ppta_reports_backfill --restart`` repairs the counts later."""

    @functools.wraps(receiver)
    def wrapped(*args, **kwargs):
        try:
            receiver(*args, **kwargs)
        except Exception:  # noqa: BLE001 (logged with its traceback)
            log.exception("ppta reports: could not record %s", receiver.__name__)

    return wrapped


@never_breaks_the_sender
def enrolment_changed(enrollment, **kwargs) -> None:
    """COURSE_ENROLLMENT_CREATED / COURSE_ENROLLMENT_CHANGED → the enrolment fact (active or not)."""
    facts.record_enrolment(enrollment.user.id, str(enrollment.course.course_key),
                           created=enrollment.creation_date or timezone.now(), is_active=bool(enrollment.is_active))


@never_breaks_the_sender
def unenrolled(enrollment, **kwargs) -> None:
    """COURSE_UNENROLLMENT_COMPLETED → the enrolment stops counting."""
    facts.record_enrolment(enrollment.user.id, str(enrollment.course.course_key),
                           created=enrollment.creation_date or timezone.now(), is_active=False)


@never_breaks_the_sender
def certificate_changed(certificate, **kwargs) -> None:
    """CERTIFICATE_CREATED / CERTIFICATE_CHANGED → counts while downloadable, in the month first seen so."""
    facts.record_certificate(certificate.user.id, str(certificate.course.course_key),
                             status=certificate.current_status, created=timezone.now())


@never_breaks_the_sender
def certificate_revoked(certificate, **kwargs) -> None:
    facts.record_certificate(certificate.user.id, str(certificate.course.course_key),
                             status=REVOKED, created=timezone.now())


@never_breaks_the_sender
def passing_status_updated(course_passing_status, **kwargs) -> None:
    """COURSE_PASSING_STATUS_UPDATED → a completion (or, when no longer passing, none)."""
    facts.record_passing(course_passing_status.user.id, str(course_passing_status.course.course_key),
                         is_passing=bool(course_passing_status.is_passing), when=timezone.now())


@never_breaks_the_sender
def grade_summary_changed(grade, **kwargs) -> None:
    """PERSISTENT_GRADE_SUMMARY_CHANGED with ``passed_timestamp`` → a completion in the month passed."""
    if grade.passed_timestamp:
        facts.record_passing(grade.user_id, str(grade.course.course_key), is_passing=True,
                             when=grade.passed_timestamp)


@never_breaks_the_sender
def library_material_used(sender, *, material_id: str, language: str, areas=(), kind: str, **kwargs) -> None:
    from reports.public import record_library_use

    record_library_use(material_id=material_id, language=language, areas=areas, kind=kind, when=timezone.now())


def connect_receivers() -> None:
    """Connect once (dispatch_uid), from ``AppConfig.ready``."""
    for signal, receiver in (
        (COURSE_ENROLLMENT_CREATED, enrolment_changed),
        (COURSE_ENROLLMENT_CHANGED, enrolment_changed),
        (COURSE_UNENROLLMENT_COMPLETED, unenrolled),
        (CERTIFICATE_CREATED, certificate_changed),
        (CERTIFICATE_CHANGED, certificate_changed),
        (CERTIFICATE_REVOKED, certificate_revoked),
        (COURSE_PASSING_STATUS_UPDATED, passing_status_updated),
        (PERSISTENT_GRADE_SUMMARY_CHANGED, grade_summary_changed),
    ):
        signal.connect(receiver, dispatch_uid=f"ppta_reports_{signal.event_type}")
    from library_importer.public import material_used

    material_used.connect(library_material_used, dispatch_uid="ppta_reports_library_material_used")
