"""openedx-filters steps for ``org.openedx.learning.certificate.render.started.v1``.

Configure (``plugin_settings`` does it)::

    OPEN_EDX_FILTERS_CONFIG["org.openedx.learning.certificate.render.started.v1"]["pipeline"] = [
        "certificates_theme.pipeline.AddBilingualContext", "certificates_theme.pipeline.ServePdfCertificate"]
"""

from __future__ import annotations

import crum
from django.http import HttpResponse
from django.utils import timezone
from openedx_filters import PipelineStep
from openedx_filters.learning.filters import CertificateRenderStarted

from certificates_theme import platform
from certificates_theme.content import CertificateContent, certificate_number
from certificates_theme.models import CertificateSnapshot
from certificates_theme.pdf import render_pdf
from certificates_theme.publishing import CertificateRevoked, read_published_pdf
from certificates_theme.snapshots import OVERRIDE_KEYS, course_fields, freeze_snapshot, snapshot_content
from certificates_theme.web import web_context


def _overrides(context: dict) -> dict:
    # The platform merges the course's cert_html_view_overrides into the context (last, so they win).
    return {key: context[key] for key in OVERRIDE_KEYS if context.get(key)}


def certificate_for_render(context: dict) -> tuple[CertificateContent, CertificateSnapshot | None]:
    """The content to show for the platform's render context, freezing a snapshot on first view.

    The platform's context carries no certificate object, only its ``certificate_id_number`` (the
    verify uuid): an issued certificate is the downloadable row with that uuid, and is shown with
    the platform's date for it, frozen with the names and titles on first view. A Studio preview
    (a random uuid no row has) is shown with today's date and frozen nowhere.
    """
    verify_uuid = context["certificate_id_number"]
    overrides = _overrides(context)
    display_name = context["accomplishment_copy_course_name"]
    issued = platform.certificate_by_uuid(verify_uuid)
    if issued is None:
        fields = course_fields(overrides, display_name)
        today = timezone.localdate()
        content = CertificateContent(
            learner_name=context["accomplishment_copy_name"], issue_date=today,
            number=certificate_number(verify_uuid, fields["area_slug"], today),
            verify_url=platform.verify_url(verify_uuid), **fields,
        )
        return content, None
    snapshot = freeze_snapshot(
        verify_uuid=verify_uuid,
        user_id=issued.user_id,
        course_key=issued.course_key,
        learner_name=issued.learner_name or context["accomplishment_copy_name"],
        issue_date=issued.issue_date,
        overrides=overrides,
        display_name=display_name,
    )
    return snapshot_content(snapshot), snapshot


def pdf_response(pdf: bytes, content: CertificateContent) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"certificate-{content.number or 'preview'}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


class AddBilingualContext(PipelineStep):
    """Adds the ``ppta_*`` keys (see ``certificates_theme.web.WEB_CONTEXT_KEYS``) to the context."""

    def run_filter(self, context, custom_template):  # noqa: D102 (signature fixed by the filter)
        content, snapshot = certificate_for_render(context)
        context.update(web_context(content))
        context["ppta_snapshot"] = snapshot
        return {"context": context, "custom_template": custom_template}


class ServePdfCertificate(PipelineStep):
    """On ``?format=pdf`` answers with the PDF instead of the HTML page (``RenderCustomResponse``)."""

    def run_filter(self, context, custom_template):  # noqa: D102
        request = crum.get_current_request()
        if request is None or request.GET.get("format") != "pdf":
            return {"context": context, "custom_template": custom_template}
        if "ppta_content" in context:
            content, snapshot = context["ppta_content"], context.get("ppta_snapshot")
        else:
            content, snapshot = certificate_for_render(context)
        try:
            pdf = read_published_pdf(snapshot) if snapshot is not None else render_pdf(content)
        except CertificateRevoked:
            raise CertificateRenderStarted.RenderAlternativeInvalidCertificate(
                "certificate revoked", template_name="certificates/invalid.html"
            ) from None
        raise CertificateRenderStarted.RenderCustomResponse("PDF certificate", response=pdf_response(pdf, content))
