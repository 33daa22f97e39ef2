"""Repeating a course without losing the certificate (issue 15), with Teak's own course reset."""

from __future__ import annotations

import datetime
import os
import runpy
from pathlib import Path
from unittest import mock
from uuid import uuid4

from common.djangoapps.course_modes.models import CourseMode
from common.djangoapps.student.models import CourseEnrollment
from common.djangoapps.student.tests.factories import CourseEnrollmentFactory, UserFactory
from completion.models import BlockCompletion
from completion.waffle import ENABLE_COMPLETION_TRACKING_SWITCH
from edx_toggles.toggles.testutils import override_waffle_switch
from lms.djangoapps.certificates.models import CertificateStatuses, GeneratedCertificate
from lms.djangoapps.certificates.tests.factories import (
    CertificateHtmlViewConfigurationFactory,
    GeneratedCertificateFactory,
)
from lms.djangoapps.grades.api import CourseGradeFactory
from lms.djangoapps.grades.tests.utils import mock_passing_grade
from lms.djangoapps.support.models import CourseResetAudit, CourseResetCourseOptIn
from lms.djangoapps.support.views.course_reset import can_enrollment_be_reset
from openedx.core.djangoapps.signals.signals import COURSE_GRADE_NOW_FAILED
from xmodule.modulestore.tests.django_utils import ModuleStoreTestCase
from xmodule.modulestore.tests.factories import BlockFactory, CourseFactory

from certificates_theme.platform import restart_course

PROJECT_ROOT = Path(__file__).resolve().parents[3]
TEMPLATE_COURSES_TASK = PROJECT_ROOT / "tutor_config" / "templates" / "ppta" / "tasks" / "template_courses.py"
ACTIVE_CERTIFICATE = {"id": 1, "version": 1, "name": "Certificate", "description": "Academy certificate",
                      "is_active": True, "signatories": []}


class CourseResetTest(ModuleStoreTestCase):
    ENABLED_SIGNALS = ["course_published"]

    def setUp(self):
        super().setUp()
        switch = override_waffle_switch(ENABLE_COMPLETION_TRACKING_SWITCH, True)
        switch.__enter__()
        self.addCleanup(switch.__exit__, None, None, None)
        # the template course of area ILM in Russian, as the Tutor init step names it
        self.course = CourseFactory.create(org="PPTA", number="ILM-RU", run="2026", self_paced=True,
                                           start=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
                                           certificates={"certificates": [ACTIVE_CERTIFICATE]})
        unit = BlockFactory.create(parent=BlockFactory.create(
            parent=BlockFactory.create(parent=self.course, category="chapter"), category="sequential"),
            category="vertical")
        self.lessons = [BlockFactory.create(parent=unit, category="html") for _n in range(3)]
        self.learner = UserFactory.create()
        CourseEnrollmentFactory.create(user=self.learner, course_id=self.course.id, mode=CourseMode.HONOR)
        CertificateHtmlViewConfigurationFactory.create()
        for lesson in self.lessons:
            BlockCompletion.objects.submit_completion(user=self.learner, block_key=lesson.location, completion=1.0)
        self.certificate = GeneratedCertificateFactory.create(
            user=self.learner, course_id=self.course.id, status=CertificateStatuses.downloadable,
            mode=CourseMode.HONOR, name="Анна", grade="0.9", verify_uuid=uuid4().hex)

    def run_tutor_lms_step(self):
        env = {"PPTA_TEMPLATE_COURSES_STEP": "modes", "PPTA_TEMPLATE_COURSE_ORG": "PPTA",
               "PPTA_TEMPLATE_COURSE_RUN": "2026", "PPTA_TEMPLATE_COURSE_AREAS": "illegal-migration",
               "PPTA_TEMPLATE_COURSE_KINDS": "course", "PPTA_TEMPLATE_COURSE_LANGUAGES": "ru"}
        with mock.patch.dict(os.environ, env):
            runpy.run_path(str(TEMPLATE_COURSES_TASK))

    def test_tutor_init_opts_template_courses_into_course_reset_once(self):
        self.run_tutor_lms_step()
        self.run_tutor_lms_step()
        assert list(CourseResetCourseOptIn.objects.values_list("course_id", "active")) == [(self.course.id, True)]

    def test_the_platforms_own_reset_refuses_a_learner_who_passed(self):
        """Why ppta does not stop at the opt-in: the support tool will not reset a finished learner."""
        self.run_tutor_lms_step()
        enrollment = CourseEnrollment.objects.get(user=self.learner, course_id=self.course.id)
        with mock_passing_grade():
            assert can_enrollment_be_reset(enrollment) == (False, "Learner Has Passing Grade")

    def test_a_learner_with_a_certificate_starts_again_and_keeps_it(self):
        self.run_tutor_lms_step()
        status = restart_course(self.learner.id, str(self.course.id))
        assert status == CourseResetAudit.CourseResetStatus.COMPLETE
        assert not BlockCompletion.get_learning_context_completions(self.learner, self.course.id)
        # the learner's new grade is below passing: the platform would mark the certificate notpassing
        grade = CourseGradeFactory().read(self.learner, self.course)
        COURSE_GRADE_NOW_FAILED.send(sender=None, user=self.learner, course_id=self.course.id, grade=grade)
        certificate = GeneratedCertificate.objects.get(pk=self.certificate.pk)
        assert certificate.status == CertificateStatuses.downloadable
        assert self.client.get(f"/certificates/{certificate.verify_uuid}").status_code == 200

    def test_without_ppta_the_failing_grade_after_a_restart_revokes_the_certificate(self):
        """The platform behaviour restart_course guards against (no allowlist entry)."""
        grade = CourseGradeFactory().read(self.learner, self.course)
        COURSE_GRADE_NOW_FAILED.send(sender=None, user=self.learner, course_id=self.course.id, grade=grade)
        assert GeneratedCertificate.objects.get(pk=self.certificate.pk).status == CertificateStatuses.notpassing
