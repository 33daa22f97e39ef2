"""Freezing a certificate's content, and turning a snapshot back into printable content."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings

from certificates_theme import platform
from certificates_theme.content import CertificateContent, certificate_number
from certificates_theme.models import CertificateSnapshot
from certificates_theme.texts import DEFAULT_LANGUAGE_MODE, LANGUAGE_MODES
from course_templates import UnknownAreaError, get_area

log = logging.getLogger(__name__)

# Keys of a course's ``cert_html_view_overrides`` this app reads (course_templates writes them).
OVERRIDE_KEYS = ("course_title_en", "course_title_ru", "ppta_area", "ppta_certificate_language")


def site_language_mode() -> str:
    mode = getattr(settings, "PPTA_CERTIFICATE_LANGUAGE_MODE", DEFAULT_LANGUAGE_MODE)
    return mode if mode in LANGUAGE_MODES else DEFAULT_LANGUAGE_MODE


def course_fields(overrides: dict, display_name: str) -> dict:
    """Titles, area and language mode of a course's certificates.

    A title missing from the overrides falls back to the display name. An unknown area or mode is
    logged and ignored rather than breaking every certificate of the course.
    """
    area_slug = str(overrides.get("ppta_area") or "")
    if area_slug:
        try:
            get_area(area_slug)
        except UnknownAreaError as error:
            log.warning("certificate overrides: %s", error)
            area_slug = ""
    mode = str(overrides.get("ppta_certificate_language") or "") or site_language_mode()
    if mode not in LANGUAGE_MODES:
        log.warning("certificate overrides: unknown ppta_certificate_language %r; using the site default", mode)
        mode = site_language_mode()
    return {
        "course_title_en": str(overrides.get("course_title_en") or display_name).strip(),
        "course_title_ru": str(overrides.get("course_title_ru") or display_name).strip(),
        "area_slug": area_slug,
        "language_mode": mode,
    }


def freeze_snapshot(*, verify_uuid: str, user_id: int, course_key: str, learner_name: str,
                    issue_date: datetime.date, overrides: dict, display_name: str) -> CertificateSnapshot:
    """The snapshot of this certificate, created from these values only if there is none yet."""
    values = {
        "user_id": user_id,
        "course_key": course_key,
        "learner_name": learner_name.strip(),
        "issue_date": issue_date,
        **course_fields(overrides, display_name),
    }
    for name in ("learner_name", "course_title_en", "course_title_ru"):  # a strict MySQL would refuse more
        values[name] = values[name][: CertificateSnapshot._meta.get_field(name).max_length]
    snapshot, _created = CertificateSnapshot.objects.get_or_create(verify_uuid=verify_uuid, defaults=values)
    return snapshot


def snapshot_content(snapshot: CertificateSnapshot) -> CertificateContent:
    return CertificateContent(
        learner_name=snapshot.learner_name,
        course_title_en=snapshot.course_title_en,
        course_title_ru=snapshot.course_title_ru,
        issue_date=snapshot.issue_date,
        language_mode=snapshot.language_mode,
        area_slug=snapshot.area_slug,
        number=certificate_number(snapshot.verify_uuid, snapshot.area_slug, snapshot.issue_date),
        verify_url=platform.verify_url(snapshot.verify_uuid),
    )
