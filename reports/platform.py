"""The only place that reads the Open edX platform (its models are imported lazily, inside functions).

Everything else in this app works on the plain values returned here, so it runs and is tested outside
the LMS: the fast test suite replaces these functions, and nothing else, with a fake platform.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable
from dataclasses import dataclass

DOWNLOADABLE = "downloadable"  # GeneratedCertificate status of a certificate the learner can see
COURSE_CACHE_SECONDS = 300  # course area/language change rarely; events must not hit the modulestore each time


@dataclass(frozen=True)
class CourseDimensions:
    area: str  # ppta_area of the course's certificate overrides, "" when not a ppta template course
    language: str  # the course's language setting, "" when not set


@dataclass(frozen=True)
class EnrolmentRow:
    pk: int
    user_id: int
    course_key: str
    created: datetime.datetime
    is_active: bool


@dataclass(frozen=True)
class PassedGradeRow:
    pk: int
    user_id: int
    course_key: str
    passed: datetime.datetime


@dataclass(frozen=True)
class CertificateRow:
    pk: int
    user_id: int
    course_key: str
    created: datetime.datetime
    status: str


_course_cache: dict[str, tuple[float, CourseDimensions]] = {}


def course_dimensions(course_key: str) -> CourseDimensions:
    """Thematic area and language of a course, from the modulestore (cached for a few minutes)."""
    cached = _course_cache.get(course_key)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    from opaque_keys.edx.keys import CourseKey
    from xmodule.modulestore.django import modulestore

    course = modulestore().get_course(CourseKey.from_string(course_key))
    if course is None:
        dimensions = CourseDimensions("", "")
    else:
        overrides = dict(course.cert_html_view_overrides or {})
        dimensions = CourseDimensions(str(overrides.get("ppta_area") or ""), str(course.language or ""))
    _course_cache[course_key] = (time.monotonic() + COURSE_CACHE_SECONDS, dimensions)
    return dimensions


def learner_countries(user_ids: Iterable[int]) -> dict[int, str]:
    """Profile country code of each learner who has one (learners without a country are left out)."""
    from common.djangoapps.student.models import UserProfile

    rows = UserProfile.objects.filter(user_id__in=list(user_ids)).values_list("user_id", "country")
    return {user_id: str(country) for user_id, country in rows if country}


def enrolment(user_id: int, course_key: str) -> EnrolmentRow | None:
    from common.djangoapps.student.models import CourseEnrollment
    from opaque_keys.edx.keys import CourseKey

    row = CourseEnrollment.objects.filter(user_id=user_id, course_id=CourseKey.from_string(course_key)).first()
    return EnrolmentRow(row.pk, row.user_id, str(row.course_id), row.created, row.is_active) if row else None


def enrolments_after(pk: int, limit: int) -> list[EnrolmentRow]:
    """The next ``limit`` platform enrolments with a primary key above ``pk``, in key order."""
    from common.djangoapps.student.models import CourseEnrollment

    rows = CourseEnrollment.objects.filter(pk__gt=pk).order_by("pk")[:limit]
    return [EnrolmentRow(row.pk, row.user_id, str(row.course_id), row.created, row.is_active) for row in rows]


def passed_grades_after(pk: int, limit: int) -> list[PassedGradeRow]:
    """The next passing persistent course grades (``passed_timestamp`` set) above ``pk``."""
    from lms.djangoapps.grades.models import PersistentCourseGrade

    rows = PersistentCourseGrade.objects.filter(pk__gt=pk, passed_timestamp__isnull=False).order_by("pk")[:limit]
    return [PassedGradeRow(row.pk, row.user_id, str(row.course_id), row.passed_timestamp) for row in rows]


def certificates_after(pk: int, limit: int) -> list[CertificateRow]:
    """The next platform certificates (any status) above ``pk``."""
    from lms.djangoapps.certificates.models import GeneratedCertificate

    rows = GeneratedCertificate.objects.filter(pk__gt=pk).order_by("pk")[:limit]
    return [CertificateRow(row.pk, row.user_id, str(row.course_id), row.created_date, row.status) for row in rows]
