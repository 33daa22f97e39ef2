"""Celery task ``ppta.certificates.render_pdf`` (queued by the certificate event receivers)."""

from __future__ import annotations

import logging

from celery import shared_task

from certificates_theme import platform
from certificates_theme.publishing import publish_pdf, reinstate
from certificates_theme.snapshots import freeze_snapshot

log = logging.getLogger(__name__)


def issue_pdf(certificate: platform.IssuedCertificate,
              course: platform.CourseCertificateSettings | None = None) -> tuple[str, bool]:
    """Freeze (first time only) and publish the PDF of a downloadable certificate; idempotent."""
    course = course or platform.course_certificate_settings(certificate.course_key)
    snapshot = freeze_snapshot(
        verify_uuid=certificate.verify_uuid,
        user_id=certificate.user_id,
        course_key=certificate.course_key,
        learner_name=certificate.learner_name,
        issue_date=certificate.issue_date,
        overrides=course.overrides,
        display_name=course.display_name,
    )
    reinstate(snapshot)
    return publish_pdf(snapshot)


@shared_task(name="ppta.certificates.render_pdf", ignore_result=True)
def render_pdf_task(user_id: int, course_key: str) -> str:
    """Render and store the PDF of a learner's certificate, if it is (still) downloadable."""
    certificate = platform.issued_certificate(user_id, course_key)
    if certificate is None or certificate.status != platform.DOWNLOADABLE:
        log.info("no downloadable certificate for user %s in %s; nothing rendered", user_id, course_key)
        return ""
    name, rendered = issue_pdf(certificate)
    log.info("certificate PDF %s %s", name, "rendered" if rendered else "already up to date")
    return name
