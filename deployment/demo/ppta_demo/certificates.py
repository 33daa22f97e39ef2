"""Demo pages: certificate previews per language mode, and their PDFs (mounted at /academy/certificates/).

Each preview is produced the way the LMS produces a certificate page: a context with the platform's
keys (sample values) and the course's ``cert_html_view_overrides``, passed through the real
``CertificateRenderStarted`` filter pipeline (``OPEN_EDX_FILTERS_CONFIG`` from the app's plugin
settings), then the theme's ``certificates/valid.html`` rendered with Mako. ``?format=pdf`` answers
with the PDF through ``ServePdfCertificate``, as on ``/certificates/<uuid>?format=pdf`` in the LMS.
"""

from __future__ import annotations

import crum
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from openedx_filters.learning.filters import CertificateRenderStarted

from certificates_theme.preview import (
    SampleCertificate,
    render_certificate_page,
    sample_platform_context,
    template_lookup,
)
from certificates_theme.texts import LANGUAGE_MODES

app_name = "ppta_demo_certificates"

SAMPLE_COURSE = {
    "display_name": "Combatting Trafficking in Human Beings",
    "overrides": {
        "course_title_en": "Combatting Trafficking in Human Beings",
        "course_title_ru": "Противодействие торговле людьми",
        "ppta_area": "illegal-migration",
    },
}
SAMPLE_LEARNERS = {
    "bilingual": ("Анна-Мария Ёлкина", "3f2a9c1d5b7e4f60a1b2c3d4e5f60718"),
    "en": ("Łukasz O’Connor-Ströbele", "8c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"),
    "ru": ("Пётр Ильич Чайковский", "0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d"),
}


def index(request):
    modes = [(mode, SAMPLE_LEARNERS[mode][0]) for mode in LANGUAGE_MODES]
    return render(request, "ppta_demo/certificates.html", {"modes": modes})


def certificate(request, mode: str):
    """The sample certificate of ``mode``; ``?format=pdf`` gives its PDF."""
    if mode not in LANGUAGE_MODES:
        raise Http404("unknown certificate language mode")
    name, verify_uuid = SAMPLE_LEARNERS[mode]
    context = sample_platform_context(
        learner_name=name,
        course_display_name=SAMPLE_COURSE["display_name"],
        overrides={**SAMPLE_COURSE["overrides"], "ppta_certificate_language": mode},
        certificate=SampleCertificate(name=name, verify_uuid=verify_uuid),
        request=request,
    )
    crum.set_current_request(request)  # what the LMS's CurrentRequestUserMiddleware does
    try:
        context, _template = CertificateRenderStarted.run_filter(context=context, custom_template=None)
    except CertificateRenderStarted.RenderCustomResponse as answer:
        return answer.response
    finally:
        crum.set_current_request(None)
    return HttpResponse(render_certificate_page(context), content_type="text/html; charset=utf-8")


def invalid(request):
    """What a verifier sees for an unknown or revoked certificate (the platform's invalid-page keys)."""
    keys = {"platform_name": "Prague Process Training Academy", "document_title": "Invalid Certificate",
            "request": request, "user": request.user, "settings": None, "LANGUAGE_CODE": request.LANGUAGE_CODE}
    html = template_lookup().get_template("certificates/invalid.html").render(**keys)
    return HttpResponse(html, content_type="text/html; charset=utf-8", status=404)


urlpatterns = [
    path("", index, name="index"),
    path("invalid/", invalid, name="invalid"),
    path("<str:mode>/", certificate, name="certificate"),
]
