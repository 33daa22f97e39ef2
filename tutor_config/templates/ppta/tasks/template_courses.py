"""ppta init step for the thematic-area template courses (PPTA_CREATE_TEMPLATE_COURSES).

Run with ``./manage.py cms|lms shell -c``. PPTA_TEMPLATE_COURSES_STEP selects the step:
``create`` (CMS) builds each missing course with ``ppta course new`` and imports it with the core
``import`` command; ``modes`` (LMS, after ``create``) gives each existing template course an
``honor`` mode and opts it into the platform's course reset (so a learner can start again).
Existing courses, modes and opt-ins are never touched, so every launch may run both.
The course key of area ILM in Russian is ``course-v1:<ORG>+ILM-RU+<RUN>`` (ILM-TOT-RU for the
training-of-trainers kind).
"""

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass

from django.core.management import call_command
from opaque_keys.edx.locator import CourseLocator
from xmodule.modulestore.django import modulestore

from course_templates import UnknownAreaError, area_slugs, get_area


@dataclass(frozen=True)
class TemplateCourse:
    area: str
    language: str
    kind: str
    key: CourseLocator

    @property
    def folder(self):
        """Folder name written by ``ppta course new``: <org>-<number>-<run>."""
        return f"{self.key.org}-{self.key.course}-{self.key.run}"


def planned_courses():
    org, run = os.environ["PPTA_TEMPLATE_COURSE_ORG"], os.environ["PPTA_TEMPLATE_COURSE_RUN"]
    areas = os.environ.get("PPTA_TEMPLATE_COURSE_AREAS", "").split() or list(area_slugs())
    for slug in areas:
        try:
            code = get_area(slug).code
        except UnknownAreaError:
            sys.exit(f"ppta: PPTA_TEMPLATE_COURSE_AREAS has an unknown area {slug!r}; "
                     f"known areas: {', '.join(area_slugs())}")
        for kind in os.environ["PPTA_TEMPLATE_COURSE_KINDS"].split():
            for language in os.environ["PPTA_TEMPLATE_COURSE_LANGUAGES"].split():
                number = f"{code}-TOT-{language.upper()}" if kind == "tot" else f"{code}-{language.upper()}"
                yield TemplateCourse(slug, language, kind, CourseLocator(org, number, run))


def create_missing(courses):
    store = modulestore()
    missing = [course for course in courses if not store.has_course(course.key)]
    if not missing:
        print(f"ppta: all {len(courses)} template courses exist")
        return
    with tempfile.TemporaryDirectory(prefix="ppta-courses-") as out:
        for course in missing:
            command = ["ppta", "course", "new", "--area", course.area, "--lang", course.language,
                       "--org", course.key.org, "--number", course.key.course, "--run", course.key.run,
                       "--kind", course.kind, "--out", out]
            if subprocess.run(command, check=False).returncode != 0:
                sys.exit(f"ppta: `{' '.join(command)}` failed: template course {course.key} not created")
        call_command("import", out, *[course.folder for course in missing])
    for course in missing:
        print(f"ppta: template course {course.key} created")


def add_honor_modes(courses):
    from common.djangoapps.course_modes.models import CourseMode
    from openedx.core.djangoapps.content.course_overviews.models import CourseOverview

    store = modulestore()
    for course in courses:
        if not store.has_course(course.key):
            continue
        CourseOverview.get_from_id(course.key)  # course modes refer to the course overview
        _mode, created = CourseMode.objects.get_or_create(
            course_id=course.key, mode_slug="honor", defaults={"mode_display_name": "Honor"}
        )
        if created:
            print(f"ppta: honor mode added to {course.key}")


def opt_in_course_reset(courses):
    """Opt template courses into the platform's course reset (Teak: ``CourseResetCourseOptIn``, one
    row per course); a row an operator already set (even inactive) is left as it is."""
    try:
        from lms.djangoapps.support.models import CourseResetCourseOptIn
    except ImportError:
        print("ppta: this Open edX release has no course reset; template courses are not opted in")
        return
    store = modulestore()
    for course in courses:
        if not store.has_course(course.key):
            continue
        _opt_in, created = CourseResetCourseOptIn.objects.get_or_create(course_id=course.key,
                                                                        defaults={"active": True})
        if created:
            print(f"ppta: course reset enabled for {course.key}")


def lms_setup(courses):
    add_honor_modes(courses)
    opt_in_course_reset(courses)


STEPS = {"create": create_missing, "modes": lms_setup}
STEPS[os.environ["PPTA_TEMPLATE_COURSES_STEP"]](list(planned_courses()))
