"""ppta's certificates inside the real LMS: ``/certificates/<verify_uuid>`` through the platform's
``render_html_view``, its ``CertificateRenderStarted`` filter and the ppta theme (issue 10)."""

from __future__ import annotations

import datetime
import logging
from uuid import uuid4

import ddt
from common.djangoapps.course_modes.models import CourseMode
from common.djangoapps.student.tests.factories import CourseEnrollmentFactory, UserFactory
from django.core.files.storage import storages
from freezegun import freeze_time
from lms.djangoapps.certificates.api import invalidate_certificate
from lms.djangoapps.certificates.models import CertificateStatuses, GeneratedCertificate
from lms.djangoapps.certificates.tests.factories import (
    CertificateHtmlViewConfigurationFactory,
    GeneratedCertificateFactory,
)
from openedx.core.djangoapps.theming.tests.test_util import with_comprehensive_theme_context
from xmodule.modulestore.tests.django_utils import ModuleStoreTestCase
from xmodule.modulestore.tests.factories import CourseFactory

from certificates_theme.models import CertificateSnapshot

ISSUED_AT = "2026-11-28 10:00:00"
VIEWED_AT = "2027-02-03 12:00:00"  # a later day: the page must still show the certificate's own date
TITLES = {"course_title_en": "Combatting Trafficking in Human Beings",
          "course_title_ru": "Противодействие торговле людьми", "ppta_area": "illegal-migration"}
ACTIVE_CERTIFICATE = {"id": 1, "version": 1, "name": "Certificate", "description": "Academy certificate",
                      "is_active": True, "signatories": []}


class CertificateTestCase(ModuleStoreTestCase):
    """A self-paced template-like course with ppta's overrides and an active certificate configuration."""

    ENABLED_SIGNALS = ["course_published"]
    LANGUAGE = "bilingual"

    def setUp(self):
        super().setUp()
        self.course = CourseFactory.create(
            org="PPTA", number="ILM101", run="2026", display_name="CTHB display name", self_paced=True,
            certificates={"certificates": [ACTIVE_CERTIFICATE]},
            cert_html_view_overrides={**TITLES, "ppta_certificate_language": self.LANGUAGE},
        )
        self.learner = UserFactory.create(username="anna", password="test")
        self.learner.profile.name = "Анна-Мария Ёлкина"
        self.learner.profile.save()
        CourseEnrollmentFactory.create(user=self.learner, course_id=self.course.id, mode=CourseMode.HONOR)
        CertificateHtmlViewConfigurationFactory.create()

    def issue(self, execute_on_commit: bool = False) -> GeneratedCertificate:
        """A downloadable certificate, made on ISSUED_AT (the platform's save sends CERTIFICATE_CREATED)."""
        with freeze_time(ISSUED_AT), self.captureOnCommitCallbacks(execute=execute_on_commit):
            return GeneratedCertificateFactory.create(
                user=self.learner, course_id=self.course.id, status=CertificateStatuses.downloadable,
                mode=CourseMode.HONOR, name=self.learner.profile.name, grade="0.9", verify_uuid=uuid4().hex,
            )

    def view(self, certificate, query: str = ""):
        with freeze_time(VIEWED_AT), with_comprehensive_theme_context("ppta"):
            return self.client.get(f"/certificates/{certificate.verify_uuid}{query}")

    def rename_course(self):
        self.course.display_name = "Renamed course"
        self.course.cert_html_view_overrides = {
            "course_title_en": "A new title", "course_title_ru": "Новое название", "ppta_area": "integration",
            "ppta_certificate_language": "en" if self.LANGUAGE != "en" else "ru"}
        self.update_course(self.course, self.user.id)


class IssuedCertificatePageTest(CertificateTestCase):
    def test_issued_certificate_shows_its_own_date_and_freezes_on_first_view(self):
        certificate = self.issue()
        assert not CertificateSnapshot.objects.exists()
        page = self.view(certificate).content.decode()
        assert "28 November 2026" in page and "28 ноября 2026" in page
        assert "3 February 2027" not in page and "3 февраля 2027" not in page
        snapshot = CertificateSnapshot.objects.get(verify_uuid=certificate.verify_uuid)
        assert (snapshot.issue_date, snapshot.learner_name, snapshot.course_title_ru, snapshot.user_id) == (
            datetime.date(2026, 11, 28), "Анна-Мария Ёлкина", "Противодействие торговле людьми", self.learner.id)

    def test_renaming_the_course_does_not_change_an_issued_certificate(self):
        certificate = self.issue()
        first = self.view(certificate).content.decode()
        self.rename_course()
        with freeze_time(VIEWED_AT):  # the platform re-saves the row: its own date moves to today
            GeneratedCertificate.objects.get(pk=certificate.pk).save()
        again = self.view(certificate).content.decode()
        assert "Противодействие торговле людьми" in again and "Combatting Trafficking in Human Beings" in again
        assert "Новое название" not in again and "A new title" not in again and "28 November 2026" in again
        assert first.count("Противодействие") == again.count("Противодействие")
        assert CertificateSnapshot.objects.count() == 1

    def test_studio_preview_still_renders_and_freezes_nothing(self):
        staff = UserFactory.create(is_staff=True, password="test")
        with freeze_time(VIEWED_AT), with_comprehensive_theme_context("ppta"):
            self.client.login(username=staff.username, password="test")
            response = self.client.get(f"/certificates/course/{self.course.id}?preview=honor")
        page = response.content.decode()
        assert response.status_code == 200
        assert "Combatting Trafficking in Human Beings" in page
        assert "3 February 2027" in page  # a preview is dated the day it is looked at
        assert not CertificateSnapshot.objects.exists()


@ddt.ddt
class LanguageModeTest(CertificateTestCase):
    LANGUAGE = "en"

    @ddt.data(("bilingual", True, True), ("en", True, False), ("ru", False, True))
    @ddt.unpack
    def test_each_language_mode_prints_its_languages(self, mode, english, russian):
        self.course.cert_html_view_overrides = {**TITLES, "ppta_certificate_language": mode}
        self.update_course(self.course, self.user.id)
        page = self.view(self.issue()).content.decode()
        assert ("Certificate of Completion" in page) is english
        assert ("Combatting Trafficking in Human Beings" in page) is english
        assert ("Сертификат об окончании курса" in page) is russian
        assert ("Противодействие торговле людьми" in page) is russian
        assert f'<html lang="{"ru" if mode == "ru" else "en"}"' in page
        assert CertificateSnapshot.objects.get().language_mode == mode


class PdfCertificateTest(CertificateTestCase):
    def stored_pdfs(self, certificate) -> list[str]:
        """The certificate's files in the ppta_certificates storage (shared by the session's tests)."""
        storage, folder = storages["ppta_certificates"], f"ppta-certificates/{certificate.verify_uuid}"
        try:
            return [f"{folder}/{name}" for name in storage.listdir(folder)[1]]
        except FileNotFoundError:
            return []

    def test_certificate_created_stores_the_pdf_and_format_pdf_serves_exactly_it(self):
        certificate = self.issue(execute_on_commit=True)  # CERTIFICATE_CREATED → ppta.certificates.render_pdf
        stored = self.stored_pdfs(certificate)
        assert len(stored) == 1
        with storages["ppta_certificates"].open(stored[0], "rb") as pdf:
            stored_bytes = pdf.read()
        with self.assertLogs(level=logging.DEBUG) as logs:
            response = self.view(certificate, "?format=pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content == stored_bytes
        assert not [record for record in logs.records if record.levelno >= logging.ERROR], logs.output
        assert self.stored_pdfs(certificate) == stored  # nothing rendered again

    def test_revoked_certificate_loses_its_pdf_and_the_page_answers_invalid(self):
        certificate = self.issue(execute_on_commit=True)
        assert self.view(certificate, "?format=pdf").status_code == 200
        with self.captureOnCommitCallbacks(execute=True):
            assert invalidate_certificate(self.learner.id, self.course.id, source="ppta test")  # CERTIFICATE_REVOKED
        assert self.stored_pdfs(certificate) == []
        assert CertificateSnapshot.objects.get().revoked
        assert self.view(certificate, "?format=pdf").status_code == 404
        assert self.view(certificate).status_code == 404


class ContextSpy:
    """A filter step that keeps the context the platform passes (listed before ppta's steps)."""

    seen: dict = {}

    def __init__(self, **_metadata):
        pass

    def run_filter(self, context, custom_template):
        ContextSpy.seen = dict(context)
        return {"context": context, "custom_template": custom_template}


class RealContextTest(CertificateTestCase):
    def test_fast_suite_sample_context_has_only_keys_the_platform_really_passes(self):
        """The fast suite renders the theme from ``sample_platform_context``: it must match the real view."""
        from django.conf import settings
        from django.test import override_settings

        from certificates_theme.preview import PLATFORM_CONTEXT_KEYS

        filters = {**settings.OPEN_EDX_FILTERS_CONFIG}
        render = "org.openedx.learning.certificate.render.started.v1"
        filters[render] = {**filters[render], "pipeline": ["test_certificates_webview.ContextSpy",
                                                           *filters[render]["pipeline"]]}
        with override_settings(OPEN_EDX_FILTERS_CONFIG=filters):
            assert self.view(self.issue()).status_code == 200
        real = set(ContextSpy.seen)
        assert "user_certificate" not in real  # the platform passes no certificate object
        mako_names = {"request", "user", "settings", "LANGUAGE_CODE"}  # added by edxmako at render
        assert PLATFORM_CONTEXT_KEYS - mako_names <= real, PLATFORM_CONTEXT_KEYS - mako_names - real
