"""The only place that reads the Open edX platform (its modules are imported lazily, inside functions).

Everything else in this app works on the plain values returned here, so it runs and is tested outside
the LMS: outside it ``in_lms()`` is False, certificates and enrolments are empty, and kits are built
from the template courses (``trainers.content.TemplateCourses``). The fast suite replaces these
functions, and nothing else, to stand in for the platform.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from trainers.content import Course, CourseFile, Node, course_file_name

DOWNLOADABLE = "downloadable"  # GeneratedCertificate statuses of a certificate the learner holds
PASSING_STATUSES = (DOWNLOADABLE,)
TOT_KIND = "tot"  # cert_html_view_overrides["ppta_course_kind"] that course_templates writes
KIT_FIELDS = ("notes", "session_plans", "material_id", "url_en", "url_ru", "default_language")


@dataclass(frozen=True)
class TotCertificate:
    course_key: str
    title: str
    issued: datetime.date


@dataclass(frozen=True)
class KitCourse:
    course_key: str
    title: str
    language: str


@functools.cache
def in_lms() -> bool:
    try:
        import xmodule.modulestore.django  # noqa: F401
    except ImportError:
        return False
    return True


def _course(course_key: str, depth: int | None = 0):
    from opaque_keys import InvalidKeyError
    from opaque_keys.edx.keys import CourseKey
    from xmodule.modulestore.django import modulestore

    try:
        key = CourseKey.from_string(course_key)
    except InvalidKeyError:
        return None
    return modulestore().get_course(key, depth=depth)


def course_kind(course) -> str:
    return str(dict(course.cert_html_view_overrides or {}).get("ppta_course_kind") or "")


def tot_certificates(user_id: int) -> list[TotCertificate]:
    """The learner's certificates (downloadable) in courses of the training-of-trainers kind."""
    if not in_lms():
        return []
    from lms.djangoapps.certificates.models import GeneratedCertificate

    found = []
    rows = GeneratedCertificate.eligible_certificates.filter(user_id=user_id, status__in=PASSING_STATUSES)
    for row in rows.order_by("created_date"):
        course = _course(str(row.course_id))
        if course is not None and course_kind(course) == TOT_KIND:
            found.append(TotCertificate(str(row.course_id), course.display_name, row.created_date.date()))
    return found


def is_course_staff(user, course_key: str) -> bool:
    if not in_lms() or not user.is_authenticated:
        return False
    from lms.djangoapps.courseware.access import has_access
    from opaque_keys.edx.keys import CourseKey

    return bool(has_access(user, "staff", CourseKey.from_string(course_key)))


def is_enrolled(user, course_key: str) -> bool:
    if not in_lms() or not user.is_authenticated:
        return False
    from common.djangoapps.student.models import CourseEnrollment
    from opaque_keys.edx.keys import CourseKey

    return CourseEnrollment.is_enrolled(user, CourseKey.from_string(course_key))


def kit_courses(user) -> list[KitCourse]:
    """Courses the user is enrolled in or on the staff of (the kits page offers these)."""
    if not in_lms() or not user.is_authenticated:
        return []
    from common.djangoapps.student.models import CourseAccessRole, CourseEnrollment
    from openedx.core.djangoapps.content.course_overviews.models import CourseOverview

    keys = set(CourseEnrollment.objects.filter(user=user, is_active=True).values_list("course_id", flat=True))
    keys |= set(CourseAccessRole.objects.filter(user=user, role__in=("staff", "instructor"))
                .exclude(course_id=None).values_list("course_id", flat=True))
    overviews = CourseOverview.objects.filter(id__in=keys).order_by("display_name")
    return [KitCourse(str(row.id), row.display_name or str(row.id), row.language or "") for row in overviews]


class ModulestoreCourses:
    """Course content as the LMS publishes it (``trainers.content.CourseSource``)."""

    def content_version(self, course_key: str) -> str | None:
        course = _course(course_key)
        if course is None:
            return None
        # Split courses carry the published structure's version; old-mongo ones the last edit.
        version = getattr(course, "course_version", None)
        return f"ms-{version}" if version else f"ms-{course.subtree_edited_on.isoformat()}"

    def course_file(self, course_key: str, url: str) -> CourseFile | None:
        """From the platform's contentstore (the course's Files page)."""
        from opaque_keys.edx.keys import CourseKey
        from xmodule.contentstore.content import StaticContent
        from xmodule.contentstore.django import contentstore

        name = course_file_name(url)
        if not name:
            return None
        location = StaticContent.compute_location(CourseKey.from_string(course_key), name)
        content = contentstore().find(location, throw_on_not_found=False)
        return CourseFile(name.rsplit("/", 1)[-1], content.data) if content is not None else None

    def course(self, course_key: str) -> Course | None:
        course = _course(course_key, depth=None)
        if course is None:
            return None
        return Course(str(course.id), course.display_name, course.language or "", course_kind(course),
                      self.content_version(course_key) or "", _node(course))


def _node(block) -> Node:
    fields = {name: getattr(block, name) for name in KIT_FIELDS if name in block.fields}
    children = tuple(_node(child) for child in block.get_children()) if block.has_children else ()
    return Node(block.category, block.display_name or "", fields, children)
