"""The render filter steps, run through the real openedx-filters ``CertificateRenderStarted``."""

from __future__ import annotations

import datetime
import logging

import crum
import pytest
from django.test import RequestFactory
from django.utils import timezone
from openedx_filters.learning.filters import CertificateRenderStarted

from certificates_theme.models import CertificateSnapshot
from certificates_theme.publishing import withdraw_pdf
from tests.certificates_theme import pdftools
from tests.certificates_theme.rendering import filters_config, platform_context, run_pipeline

FIRST_ISSUE = datetime.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _our_filter_steps(settings):
    settings.OPEN_EDX_FILTERS_CONFIG = filters_config()


@pytest.fixture
def pdf_request():
    """The certificate URL with ?format=pdf, as the LMS's crum middleware exposes it."""
    crum.set_current_request(RequestFactory().get("/certificates/3f2a9c1d5b7e4f60a1b2c3d4e5f60718?format=pdf"))
    yield
    crum.set_current_request(None)


@pytest.mark.django_db
def test_first_view_of_an_issued_certificate_freezes_its_snapshot(pdf_storage, fake_platform):
    context = run_pipeline(platform_context(issued=fake_platform, issue_date=FIRST_ISSUE))
    snapshot = CertificateSnapshot.objects.get(verify_uuid="3f2a9c1d5b7e4f60a1b2c3d4e5f60718")
    assert (snapshot.learner_name, snapshot.issue_date, snapshot.language_mode, snapshot.area_slug) == (
        "Анна-Мария Ёлкина", datetime.date(2026, 11, 28), "bilingual", "illegal-migration")
    assert context["ppta_texts"]["ru"]["issue_date"] == "28 ноября 2026\u00a0г."
    assert context["ppta_texts"]["en"]["issue_date"] == "28 November 2026"
    assert context["ppta_certificate_number"] == "PPTA-ILM-2026-3F2A9C1D"
    assert context["ppta_verify_url"] == "https://academy.example.org/certificates/3f2a9c1d5b7e4f60a1b2c3d4e5f60718"


@pytest.mark.django_db
def test_later_changes_on_the_platform_do_not_move_the_date_name_or_titles(pdf_storage, fake_platform):
    run_pipeline(platform_context(issued=fake_platform, issue_date=FIRST_ISSUE))
    # A year later: the row was re-saved (date moves), the learner renamed, the course retitled.
    changed = platform_context(
        "ru", name="Анна Петрова", issued=fake_platform, issue_date=FIRST_ISSUE.replace(year=2027),
        overrides={"course_title_en": "New title", "course_title_ru": "Новое название", "ppta_area": "integration"},
    )
    context = run_pipeline(changed)
    texts = context["ppta_texts"]
    assert context["ppta_learner_name"] == "Анна-Мария Ёлкина"
    assert context["ppta_languages"] == ("en", "ru")
    assert texts["en"]["issue_date"] == "28 November 2026"
    assert texts["ru"]["course_title"] == "Противодействие торговле людьми"
    assert CertificateSnapshot.objects.count() == 1


@pytest.mark.django_db
def test_a_studio_preview_freezes_nothing_and_shows_todays_date():
    context = run_pipeline(platform_context(issued=None))
    assert CertificateSnapshot.objects.count() == 0
    assert context["ppta_content"].issue_date == timezone.localdate()


@pytest.mark.django_db
def test_format_pdf_answers_with_the_stored_pdf_through_render_custom_response(pdf_storage, fake_platform, tmp_path,
                                                                               pdf_request):
    context = platform_context(issued=fake_platform, issue_date=FIRST_ISSUE)
    with pytest.raises(CertificateRenderStarted.RenderCustomResponse) as answer:
        run_pipeline(context)
    response = answer.value.response
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="certificate-PPTA-ILM-2026-3F2A9C1D.pdf"' in response["Content-Disposition"]
    text = pdftools.text(pdftools.write(tmp_path, response.content))
    assert "Анна-Мария Ёлкина" in text and "28 ноября 2026 г." in text
    stored = list(pdf_storage.rglob("*.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == response.content
    # asked again: the stored file is served, nothing new is written
    with pytest.raises(CertificateRenderStarted.RenderCustomResponse) as again:
        run_pipeline(platform_context(issued=fake_platform, issue_date=FIRST_ISSUE))
    assert again.value.response.content == response.content
    assert list(pdf_storage.rglob("*.pdf")) == stored


@pytest.mark.django_db
def test_format_pdf_of_a_preview_is_rendered_but_not_stored(pdf_storage, pdf_request):
    with pytest.raises(CertificateRenderStarted.RenderCustomResponse) as answer:
        run_pipeline(platform_context(issued=None))
    assert answer.value.response.content.startswith(b"%PDF-")
    assert not list(pdf_storage.rglob("*.pdf"))


@pytest.mark.django_db
def test_format_pdf_of_a_revoked_certificate_shows_the_invalid_page(pdf_storage, fake_platform, pdf_request):
    crum.set_current_request(RequestFactory().get("/certificates/x"))
    run_pipeline(platform_context(issued=fake_platform, issue_date=FIRST_ISSUE))
    withdraw_pdf(CertificateSnapshot.objects.get())
    crum.set_current_request(RequestFactory().get("/certificates/x?format=pdf"))
    with pytest.raises(CertificateRenderStarted.RenderAlternativeInvalidCertificate):
        run_pipeline(platform_context(issued=fake_platform, issue_date=FIRST_ISSUE))


@pytest.mark.django_db
def test_serve_pdf_alone_builds_the_content_itself(pdf_storage, fake_platform, settings, pdf_request):
    """ServePdfCertificate also works when an operator lists it without AddBilingualContext."""
    settings.OPEN_EDX_FILTERS_CONFIG = filters_config(["certificates_theme.pipeline.ServePdfCertificate"])
    with pytest.raises(CertificateRenderStarted.RenderCustomResponse) as answer:
        run_pipeline(platform_context(issued=fake_platform, issue_date=FIRST_ISSUE))
    assert answer.value.response.content.startswith(b"%PDF-")


def test_plugin_settings_add_our_steps_once_and_keep_the_operators_config():
    from types import SimpleNamespace

    from certificates_theme.settings.common import FILTER_TYPE, plugin_settings

    settings = SimpleNamespace(PPTA_CERTIFICATE_LANGUAGE_MODE="ru", OPEN_EDX_FILTERS_CONFIG={
        FILTER_TYPE: {"fail_silently": True, "pipeline": ["operator.Step"]}})
    plugin_settings(settings)
    plugin_settings(settings)
    assert settings.OPEN_EDX_FILTERS_CONFIG[FILTER_TYPE] == {"fail_silently": True, "pipeline": [
        "operator.Step", "certificates_theme.pipeline.AddBilingualContext",
        "certificates_theme.pipeline.ServePdfCertificate"]}
    assert settings.OPEN_EDX_FILTERS_CONFIG["org.openedx.learning.certificate.creation.requested.v1"] == {
        "fail_silently": False, "pipeline": ["certificates_theme.completion.RequireCourseCompletion"]}
    assert settings.PPTA_CERTIFICATE_LANGUAGE_MODE == "ru"
    assert (settings.PPTA_CERTIFICATE_STORAGE, settings.PPTA_CELERY_QUEUE) == ("default", None)


@pytest.mark.django_db
def test_an_overlong_course_title_is_frozen_clipped_not_refused(pdf_storage, fake_platform):
    title = "Очень длинное название " * 40
    overrides = {"course_title_ru": title}
    context = run_pipeline(platform_context(issued=fake_platform, issue_date=FIRST_ISSUE, overrides=overrides))
    assert context["ppta_texts"]["ru"]["course_title"] == title.strip()[:500]


@pytest.mark.django_db
def test_a_pdf_answer_logs_no_error(pdf_storage, fake_platform, pdf_request, caplog):
    """openedx-filters logs each exception a step raises as an ERROR; ours are answers, not failures."""
    with pytest.raises(CertificateRenderStarted.RenderCustomResponse):
        run_pipeline(platform_context(issued=fake_platform, issue_date=FIRST_ISSUE))
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert "ServePdfCertificate answered: RenderCustomResponse" in caplog.text


def test_a_broken_ppta_step_still_logs_an_error(caplog, settings):
    settings.OPEN_EDX_FILTERS_CONFIG = filters_config()
    with pytest.raises(KeyError):
        run_pipeline({})  # no platform keys at all: a real failure
    assert [record.levelno for record in caplog.records] == [logging.ERROR]
