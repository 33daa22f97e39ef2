"""ppta's Studio init task: the thematic-area template courses, created by `ppta course new` and the
platform's own `import` command, run twice against the platform's modulestore."""

from __future__ import annotations

import pytest
from opaque_keys.edx.locator import CourseLocator
from xmodule.modulestore.django import modulestore
from xmodule.modulestore.tests.django_utils import ModuleStoreIsolationMixin

from course_templates import all_areas
from tutor_init import init_scripts, run_init_task


@pytest.fixture
def isolated_modulestore():
    ModuleStoreIsolationMixin.start_modulestore_isolation()
    yield modulestore()
    ModuleStoreIsolationMixin.end_modulestore_isolation()


@pytest.mark.django_db
def test_template_courses_are_created_once_and_a_second_run_changes_nothing(rendered_tutor, isolated_modulestore):
    [create_task] = init_scripts(rendered_tutor, "cms")
    printed = run_init_task(create_task, "cms")

    expected = [CourseLocator("PPTA", f"{area.code}-{lang.upper()}", "template")
                for area in all_areas() for lang in ("en", "ru")]
    for key in expected:
        course = isolated_modulestore.get_course(key)
        assert course is not None, f"{key} was not imported"
        assert course.self_paced and course.language == key.course[-2:].lower()
    assert printed.count("template course") == len(expected)

    again = run_init_task(create_task, "cms")
    assert again.strip() == f"ppta: all {len(expected)} template courses exist"
