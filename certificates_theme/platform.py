"""The only place that touches the Open edX platform's own models (imported lazily).

Everything else in this app works on plain values, so it runs and is tested outside the LMS; tests
replace these functions, and nothing else, to stand in for the platform. Outside the LMS (the demo,
the benchmark) ``certificate_by_uuid`` finds no certificate, so every render there is a preview.
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
    issue_date: datetime.date  # the platform's displayed date (``display_date_for_certificate``)
    status: str


@dataclass(frozen=True)
class CourseCertificateSettings:
    display_name: str
    overrides: dict  # the course's ``cert_html_view_overrides`` (Advanced Settings)


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def platform_issue_date(certificate) -> datetime.date:
    """The date the platform shows on a certificate row: its override, the course's certificate
    date or end (instructor-paced), else the row's ``modified_date`` (self-paced) -- which moves on
    every save, hence the snapshot."""
    from lms.djangoapps.certificates.api import display_date_for_certificate
    from openedx.core.djangoapps.content.course_overviews.api import get_course_overview_or_none

    course = get_course_overview_or_none(certificate.course_id)
    return _as_date(display_date_for_certificate(course, certificate) if course else certificate.modified_date)


def _issued(certificate) -> IssuedCertificate:
    return IssuedCertificate(
        verify_uuid=certificate.verify_uuid,
        user_id=certificate.user_id,
        course_key=str(certificate.course_id),
        learner_name=certificate.name,  # the preferred name, set by the platform at generation
        issue_date=platform_issue_date(certificate),
        status=certificate.status,
    )


def certificate_by_uuid(verify_uuid: str) -> IssuedCertificate | None:
    """The downloadable certificate behind ``/certificates/<verify_uuid>``; None for a Studio preview
    (its certificate is an unsaved object with a random uuid) or outside the LMS."""
    try:
        from lms.djangoapps.certificates.models import GeneratedCertificate
    except ImportError:  # not running inside the LMS: the demo and benchmark render previews
        return None
    certificate = GeneratedCertificate.eligible_certificates.filter(
        verify_uuid=verify_uuid, status=DOWNLOADABLE
    ).first()
    return _issued(certificate) if certificate else None


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


def course_completion_share(user_id: int, course_key: str) -> float:
    """Share (0..1) of the course's completable blocks the learner completed, from the platform's
    completion data (``completion.BlockCompletion``). Blocks whose ``completion_mode`` is EXCLUDED
    (trainer notes) or AGGREGATOR (units, sections) are not counted; a course with none is complete."""
    from completion.models import BlockCompletion
    from opaque_keys.edx.keys import CourseKey
    from xblock.completable import XBlockCompletionMode
    from xmodule.modulestore.django import modulestore

    key = CourseKey.from_string(course_key)
    course = modulestore().get_course(key, depth=None)
    if course is None:
        raise LookupError(f"course {course_key} does not exist")
    completable, pending = set(), [course]
    while pending:
        block = pending.pop()
        children = block.get_children() if block.has_children else []
        pending.extend(children)
        mode = XBlockCompletionMode.get_mode(block)
        if mode == XBlockCompletionMode.COMPLETABLE and not children:
            completable.add((block.location.block_type, block.location.block_id))
    if not completable:
        return 1.0
    completions = BlockCompletion.get_learning_context_completions(_user(user_id), key)
    done = sum(1 for block_key, value in completions.items()
               if value >= 1.0 and (block_key.block_type, block_key.block_id) in completable)
    return done / len(completable)


def _user(user_id: int):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user_id)


def has_downloadable_certificate(user_id: int, course_key: str) -> bool:
    certificate = issued_certificate(user_id, course_key)
    return certificate is not None and certificate.status == DOWNLOADABLE


def request_certificate(user_id: int, course_key: str) -> bool:
    """Ask the platform to generate the learner's certificate with its own rules (passing grade,
    enrolment, invalidation...) and the creation filter; False if it was not allowed."""
    from lms.djangoapps.certificates.api import generate_certificate_task
    from lms.djangoapps.certificates.generation_handler import CertificateGenerationNotAllowed
    from opaque_keys.edx.keys import CourseKey

    try:
        return bool(generate_certificate_task(_user(user_id), CourseKey.from_string(course_key)))
    except CertificateGenerationNotAllowed:
        return False


def connect_completion_receiver(receiver) -> bool:
    """Call ``receiver(user_id, course_key)`` after each saved completion; False outside the LMS."""
    try:
        from completion.models import BlockCompletion
    except ImportError:  # no completion app (the demo, the fast suite)
        return False
    from django.db.models.signals import post_save

    def on_completion(sender, instance, **kwargs):
        receiver(instance.user_id, str(instance.context_key))

    post_save.connect(on_completion, sender=BlockCompletion, weak=False, dispatch_uid="ppta_certificates_completion")
    return True


class CourseResetUnavailable(Exception):
    """The course is not opted into the platform's course reset, or the learner is not enrolled."""


def restart_course(user_id: int, course_key: str, by_user_id: int | None = None) -> str:
    """Let a learner start a course again without losing their certificate; returns the reset status.

    Teak's own course reset (``lms.djangoapps.support``: per-course ``CourseResetCourseOptIn``, a
    ``CourseResetAudit`` row, the ``reset_student_course`` task clearing state, completion and
    grades) is run as it is -- but the support tool refuses a learner with a passing grade, exactly
    the one who finished, and once their grade is recomputed below passing the platform marks the
    certificate ``notpassing`` (its COURSE_GRADE_NOW_FAILED receiver). So ppta first puts a learner
    holding a certificate on the course's certificate allowlist (the platform's own "keep the
    certificate whatever the grade" mechanism), then runs the reset task directly.
    """
    from common.djangoapps.student.models import CourseEnrollment
    from lms.djangoapps.certificates.api import create_or_update_certificate_allowlist_entry
    from lms.djangoapps.support.models import CourseResetAudit, CourseResetCourseOptIn
    from lms.djangoapps.support.tasks import reset_student_course
    from opaque_keys.edx.keys import CourseKey

    key = CourseKey.from_string(course_key)
    learner = _user(user_id)
    by = _user(by_user_id) if by_user_id else learner
    opt_in = CourseResetCourseOptIn.objects.filter(course_id=key, active=True).first()
    enrollment = CourseEnrollment.objects.filter(user=learner, course_id=key, is_active=True).first()
    if opt_in is None or enrollment is None:
        raise CourseResetUnavailable(f"{course_key}: course reset is not enabled or the learner is not enrolled")
    if has_downloadable_certificate(user_id, course_key):
        create_or_update_certificate_allowlist_entry(
            learner, key, "ppta: the learner is repeating the course; the certificate earned stays valid")
    audit = CourseResetAudit.objects.create(course=opt_in, course_enrollment=enrollment, reset_by=by)
    reset_student_course(str(key), learner.email, by.email)
    audit.refresh_from_db()
    return audit.status
