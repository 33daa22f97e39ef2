"""The course templates as the LMS sees them: imported by the platform's OLX importer, read back as
course policy, every ppta block rendered for a learner, exported and imported again."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pytest
from common.djangoapps.student.tests.factories import CourseEnrollmentFactory, UserFactory
from django.core.management import call_command
from django.urls import reverse
from xblock.core import XBlock
from xblock.fields import Scope
from xmodule.contentstore.django import contentstore
from xmodule.modulestore.tests.django_utils import ModuleStoreTestCase
from xmodule.modulestore.xml_exporter import export_course_to_xml
from xmodule.modulestore.xml_importer import import_course_from_xml

from course_templates.catalogue import catalogue_spec
from course_templates.output import write_course
from library_importer.public import SAMPLE_LIBRARY

PPTA_CATEGORIES = ("ppta_material", "ppta_library", "ppta_trainer_notes", "ppta_area_overview")
# One template of each kind in each language (issue 10: "at least one per kind and language").
TEMPLATES = [("readmission-return-reintegration", "en", "standard"),
             ("asylum-international-protection", "ru", "standard"),
             ("integration", "en", "tot"), ("legal-migration-mobility", "ru", "tot")]


@pytest.mark.django_db
class TestTemplateCoursesInTheLms(ModuleStoreTestCase):

    def setUp(self):
        super().setUp()
        call_command("import_materials", str(SAMPLE_LIBRARY))  # the handbooks the templates point at
        self.out = Path(tempfile.mkdtemp(prefix="ppta-templates-"))

    def import_template(self, area, lang, kind, target_id=None, source=None):
        spec = catalogue_spec(area, lang, kind)
        folder = source or write_course(spec, self.out).folder
        target_id = target_id or self.store.make_course_key(spec.org, spec.number, spec.run)
        [course] = import_course_from_xml(
            self.store, self.user.id, str(folder.parent), source_dirs=[folder.name],
            static_content_store=contentstore(), target_id=target_id, raise_on_failure=True,
            create_if_not_present=True,
        )
        return spec, course

    def ppta_blocks(self, course_key):
        return [block for category in PPTA_CATEGORIES
                for block in self.store.get_items(course_key, qualifiers={"category": category})]

    def test_policy_is_read_by_the_platform_as_the_template_wrote_it(self):
        for area, lang, kind in TEMPLATES:
            spec, course = self.import_template(area, lang, kind)
            assert course.self_paced is True
            assert course.language == lang
            assert course.cert_html_view_enabled is True
            assert course.cert_html_view_overrides["ppta_area"] == area
            assert 0 < course.grade_cutoffs["Pass"] < 1
            # every advanced module is a block this platform has installed (issue 10 item 8)
            for name in course.advanced_modules:
                assert XBlock.load_class(name).__name__, name
            categories = Counter(block.category for block in self.ppta_blocks(course.id))
            assert categories["ppta_material"] and categories["ppta_area_overview"] == 1
            assert bool(categories["ppta_trainer_notes"]) == (kind == "tot")

    def test_every_ppta_block_renders_for_an_enrolled_learner(self):
        learner = UserFactory(password="test")
        self.client.login(username=learner.username, password="test")
        for area, lang, kind in TEMPLATES:
            _spec, course = self.import_template(area, lang, kind)
            CourseEnrollmentFactory(user=learner, course_id=course.id, mode="honor")
            for block in self.ppta_blocks(course.id):
                response = self.client.get(reverse("render_xblock", args=[str(block.location)]))
                assert response.status_code == 200, (block.location, response.status_code)
                html = response.content.decode()
                assert "xblock-student_view" in html, block.location
                assert "ppta" in html, block.location

    def test_export_and_reimport_keep_every_block(self):
        _spec, course = self.import_template("illegal-migration", "ru", "tot")
        export_root = Path(tempfile.mkdtemp(prefix="ppta-export-"))
        export_course_to_xml(self.store, contentstore(), course.id, str(export_root), "exported")
        copy_key = self.store.make_course_key("PPTA", "COPY", "2026")
        _spec, copy = self.import_template("illegal-migration", "ru", "tot", target_id=copy_key,
                                           source=export_root / "exported")
        original = Counter(block.category for block in self.store.get_items(course.id))
        assert Counter(block.category for block in self.store.get_items(copy.id)) == original
        for before, after in zip(sorted(self.ppta_blocks(course.id), key=lambda b: b.location.block_id),
                                 sorted(self.ppta_blocks(copy.id), key=lambda b: b.location.block_id), strict=True):
            assert authored_values(before) == authored_values(after), before.location


def authored_values(block) -> dict:
    return {name: field.read_from(block) for name, field in block.fields.items()
            if field.scope in (Scope.content, Scope.settings)}
