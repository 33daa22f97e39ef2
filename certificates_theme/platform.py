"""The only place that touches the Open edX platform's own models (imported lazily).

Everything else in this app works on plain values, so it runs and is tested outside the LMS; tests
replace these functions, and nothing else, to stand in for the platform.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings

DOWNLOADABLE = "downloadable"  # GeneratedCertificate status of a certificate the learner can see


@dataclass(frozen=True)
class IssuedCertificate:
    verify_uuid: str
    user_id: int
    course_key: str
    learner_name: str
    created: datetime.datetime
    status: str


@dataclass(frozen=True)
class CourseCertificateSettings:
    display_name: str
    overrides: dict  # the course's ``cert_html_view_overrides`` (Advanced Settings)


def _issued(certificate) -> IssuedCertificate:
    return IssuedCertificate(
        verify_uuid=certificate.verify_uuid,
        user_id=certificate.user_id,
        course_key=str(certificate.course_id),
        learner_name=certificate.name,  # the preferred name, set by the platform at generation
        created=certificate.created_date,
        status=certificate.status,
    )


def issued_certificate(user_id: int, course_key: str) -> IssuedCertificate | None:
    """The learner's certificate row in the course (any status), or None."""
    from lms.djangoapps.certificates.models import GeneratedCertificate
    from opaque_keys.edx.keys import CourseKey

    certificate = GeneratedCertificate.objects.filter(
        user_id=user_id, course_id=CourseKey.from_string(course_key)
    ).first()
    return _issued(certificate) if certificate else None


def downloadable_certificates(course_key: str) -> list[IssuedCertificate]:
    """Every certificate learners can see in the course."""
    from lms.djangoapps.certificates.models import GeneratedCertificate
    from opaque_keys.edx.keys import CourseKey

    rows = GeneratedCertificate.eligible_certificates.filter(
        course_id=CourseKey.from_string(course_key), status=DOWNLOADABLE
    ).order_by("id")
    return [_issued(row) for row in rows]


def course_certificate_settings(course_key: str) -> CourseCertificateSettings:
    """Display name and certificate overrides of a course, from the modulestore."""
    from opaque_keys.edx.keys import CourseKey
    from xmodule.modulestore.django import modulestore

    course = modulestore().get_course(CourseKey.from_string(course_key))
    if course is None:
        raise LookupError(f"course {course_key} does not exist")
    return CourseCertificateSettings(course.display_name, dict(course.cert_html_view_overrides or {}))


def verify_url(verify_uuid: str) -> str:
    """The public verification page of a certificate: ``<LMS root>/certificates/<verify_uuid>``."""
    root = getattr(settings, "LMS_ROOT_URL", None) or "http://localhost:8000"
    return f"{root.rstrip('/')}/certificates/{verify_uuid}"
