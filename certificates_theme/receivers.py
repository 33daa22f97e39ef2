"""openedx-events receivers: queue PDF rendering on issue/change, withdraw the PDF on revocation.

The platform sends CERTIFICATE_CHANGED on every save of a certificate row and CERTIFICATE_CREATED on
every passing save, so receivers only enqueue (after the transaction commits) and the task is idempotent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from openedx_events.learning.signals import CERTIFICATE_CHANGED, CERTIFICATE_CREATED, CERTIFICATE_REVOKED

from certificates_theme.models import CertificateSnapshot
from certificates_theme.platform import DOWNLOADABLE
from certificates_theme.publishing import withdraw_pdf


def queue_pdf_render(certificate, **kwargs) -> None:
    """CERTIFICATE_CREATED / CERTIFICATE_CHANGED → ``ppta.certificates.render_pdf`` for a downloadable one."""
    if certificate.current_status != DOWNLOADABLE:
        return
    from certificates_theme.tasks import render_pdf_task

    args = (certificate.user.id, str(certificate.course.course_key))
    queue = getattr(settings, "PPTA_CELERY_QUEUE", None)
    transaction.on_commit(lambda: render_pdf_task.apply_async(args=args, queue=queue))


def withdraw_revoked_pdf(certificate, **kwargs) -> None:
    """CERTIFICATE_REVOKED → the stored PDF disappears and is no longer served."""
    snapshots = CertificateSnapshot.objects.filter(
        user_id=certificate.user.id, course_key=str(certificate.course.course_key)
    )
    for snapshot in snapshots:
        withdraw_pdf(snapshot)


def connect_receivers() -> None:
    """Connect once (dispatch_uid), from ``AppConfig.ready``."""
    CERTIFICATE_CREATED.connect(queue_pdf_render, dispatch_uid="ppta_certificates_created")
    CERTIFICATE_CHANGED.connect(queue_pdf_render, dispatch_uid="ppta_certificates_changed")
    CERTIFICATE_REVOKED.connect(withdraw_revoked_pdf, dispatch_uid="ppta_certificates_revoked")
