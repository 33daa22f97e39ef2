"""Fixtures: a sample certificate, a temporary PDF storage, and a stand-in for the platform's models."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest

from certificates_theme import platform
from certificates_theme.content import CertificateContent

VERIFY_UUID = "3f2a9c1d5b7e4f60a1b2c3d4e5f60718"


@pytest.fixture
def content() -> CertificateContent:
    return CertificateContent(
        learner_name="Анна-Мария Ёлкина",
        course_title_en="Combatting Trafficking in Human Beings",
        course_title_ru="Противодействие торговле людьми",
        issue_date=datetime.date(2026, 11, 28),
        language_mode="bilingual",
        area_slug="illegal-migration",
        number="PPTA-ILM-2026-3F2A9C1D",
        verify_url=f"https://academy.example.org/certificates/{VERIFY_UUID}",
    )


@pytest.fixture
def pdf_storage(settings, tmp_path):
    """PDFs go to their own STORAGES alias in a temporary folder, as an operator would configure."""
    settings.STORAGES = {
        **settings.STORAGES,
        "ppta_certificates": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "certificate-pdfs")},
        },
    }
    settings.PPTA_CERTIFICATE_STORAGE = "ppta_certificates"
    settings.LMS_ROOT_URL = "https://academy.example.org"
    return tmp_path / "certificate-pdfs"


@dataclass
class FakePlatform:
    """Stands in for the LMS's GeneratedCertificate rows and modulestore courses, which cannot exist here.

    Only ``certificates_theme.platform``'s look-up functions are replaced; everything after them
    (snapshots, tasks, storage, receivers) is the real code.
    """

    certificates: dict = field(default_factory=dict)  # (user_id, course_key) -> IssuedCertificate
    courses: dict = field(default_factory=dict)  # course_key -> CourseCertificateSettings

    def add_course(self, course_key: str, display_name: str, **overrides) -> None:
        self.courses[course_key] = platform.CourseCertificateSettings(display_name, overrides)

    def issue(self, user_id: int, course_key: str, name: str, verify_uuid: str,
              issue_date=datetime.date(2026, 11, 28), status="downloadable"):
        certificate = platform.IssuedCertificate(verify_uuid, user_id, course_key, name, issue_date, status)
        self.certificates[(user_id, course_key)] = certificate
        return certificate

    def certificate_by_uuid(self, verify_uuid):
        return next((c for c in self.certificates.values()
                     if c.verify_uuid == verify_uuid and c.status == platform.DOWNLOADABLE), None)

    def issued_certificate(self, user_id, course_key):
        return self.certificates.get((user_id, course_key))

    def downloadable_certificates(self, course_key):
        if course_key not in self.courses:
            raise LookupError(f"course {course_key} does not exist")
        return [c for (_u, key), c in self.certificates.items()
                if key == course_key and c.status == platform.DOWNLOADABLE]

    def course_certificate_settings(self, course_key):
        if course_key not in self.courses:
            raise LookupError(f"course {course_key} does not exist")
        return self.courses[course_key]


@pytest.fixture
def fake_platform(monkeypatch) -> FakePlatform:
    fake = FakePlatform()
    for name in ("issued_certificate", "downloadable_certificates", "course_certificate_settings",
                 "certificate_by_uuid"):
        monkeypatch.setattr(platform, name, getattr(fake, name))
    return fake
