"""The 24 catalogue templates, built once per test session with ``write_course``."""

from __future__ import annotations

import pytest

from course_templates.catalogue import catalogue_specs
from course_templates.output import write_course


@pytest.fixture(scope="session")
def built_templates(tmp_path_factory):
    """[(spec, CourseOutput)] for every area × language × kind, written to a session folder."""
    out_dir = tmp_path_factory.mktemp("templates")
    return [(spec, write_course(spec, out_dir)) for spec in catalogue_specs()]


def template_id(item) -> str:
    spec, _output = item
    return spec.slug
