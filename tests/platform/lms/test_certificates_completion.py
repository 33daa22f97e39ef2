"""The academy's certificate of completion inside the real LMS (issue 15): the platform's completion
data, its certificate generation, and ppta's ``CertificateCreationRequested`` step and receiver."""

from __future__ import annotations

import logging

import pytest
from common.djangoapps.course_modes.models import CourseMode
from common.djangoapps.student.tests.factories import CourseEnrollmentFactory, UserFactory
from completion.models import BlockCompletion
from completion.waffle import ENABLE_COMPLETION_TRACKING_SWITCH
from django.conf import settings
from django.urls import reverse
from edx_toggles.toggles.testutils import override_waffle_switch
from lms.djangoapps.certificates.api import generate_certificate_task
from lms.djangoapps.certificates.config import AUTO_CERTIFICATE_GENERATION
from lms.djangoapps.certificates.generation_handler import CertificateGenerationNotAllowed
from lms.djangoapps.certificates.models import CertificateStatuses, GeneratedCertificate
from lms.djangoapps.grades.tests.utils import mock_passing_grade
from openedx.core.djangoapps.signals.signals import COURSE_GRADE_NOW_PASSED
from xmodule.modulestore.tests.django_utils import ModuleStoreTestCase
from xmodule.modulestore.tests.factories import BlockFactory, CourseFactory

from certificates_theme.platform import course_completion_share

REFUSAL_60 = "needs 80% of the course completed; you have completed 60%"
ACTIVE_CERTIFICATE = {"id": 1, "version": 1, "name": "Certificate", "description": "Academy certificate",
                      "is_active": True, "signatories": []}


class CompletionCertificateTest(ModuleStoreTestCase):
    """Five lessons and a trainer note (excluded from completion); 80 % needed, as the templates write."""

    ENABLED_SIGNALS = ["course_published"]
    OVERRIDES = {"ppta_completion_threshold": 0.8}

    def setUp(self):
        super().setUp()
        switch = override_waffle_switch(ENABLE_COMPLETION_TRACKING_SWITCH, True)
        switch.__enter__()
        self.addCleanup(switch.__exit__, None, None, None)
        self.course = CourseFactory.create(
            org="PPTA", number="CMP101", run="2026", self_paced=True,
            certificates={"certificates": [ACTIVE_CERTIFICATE]}, cert_html_view_overrides=dict(self.OVERRIDES),
        )
        chapter = BlockFactory.create(parent=self.course, category="chapter")
        sequence = BlockFactory.create(parent=chapter, category="sequential")
        unit = BlockFactory.create(parent=sequence, category="vertical")
        self.lessons = [BlockFactory.create(parent=unit, category="html", display_name=f"Lesson {n}")
                        for n in range(5)]
        self.notes = BlockFactory.create(parent=unit, category="ppta_trainer_notes")
        self.learner = UserFactory.create(password="test")
        CourseEnrollmentFactory.create(user=self.learner, course_id=self.course.id, mode=CourseMode.HONOR)

    def complete(self, *blocks):
        with self.captureOnCommitCallbacks(execute=True):
            for block in blocks:
                BlockCompletion.objects.submit_completion(user=self.learner, block_key=block.location, completion=1.0)

    def certificate(self):
        return GeneratedCertificate.objects.filter(user=self.learner, course_id=self.course.id).first()


class CompletionRuleTest(CompletionCertificateTest):
    def test_creation_filter_step_is_configured_by_the_tutor_patch(self):
        pipeline = settings.OPEN_EDX_FILTERS_CONFIG["org.openedx.learning.certificate.creation.requested.v1"]
        assert pipeline["pipeline"][-1] == "certificates_theme.completion.RequireCourseCompletion"

    def test_share_counts_completable_blocks_only(self):
        self.complete(*self.lessons[:2])
        assert course_completion_share(self.learner.id, str(self.course.id)) == pytest.approx(0.4)

    def test_a_passing_learner_below_the_threshold_is_refused_with_a_message_and_no_error_log(self):
        self.complete(*self.lessons[:3])  # 60 %
        with mock_passing_grade(), self.assertLogs(level=logging.DEBUG) as logs:
            with pytest.raises(CertificateGenerationNotAllowed, match=REFUSAL_60):
                generate_certificate_task(self.learner, self.course.id)
        assert self.certificate() is None
        assert not [record for record in logs.records if record.levelno >= logging.ERROR], logs.output

    def test_the_learners_certificate_request_answers_with_the_refusal(self):
        """The progress page's "Request certificate" posts to the platform's generate_user_cert view."""
        self.complete(*self.lessons[:3])
        self.client.login(username=self.learner.username, password="test")
        with mock_passing_grade(), self.assertLogs(level=logging.DEBUG) as logs:
            response = self.client.post(reverse("generate_user_cert", args=[str(self.course.id)]))
        assert response.status_code == 400 and REFUSAL_60 in response.content.decode()
        assert self.certificate() is None
        assert not [record for record in logs.records if record.levelno >= logging.ERROR], logs.output

    def test_a_passing_grade_signal_below_the_threshold_issues_nothing_and_logs_no_error(self):
        """The platform's own trigger (auto generation on): refused by the step, logged as INFO only."""
        self.complete(*self.lessons[:3])
        with override_waffle_switch(AUTO_CERTIFICATE_GENERATION, True), mock_passing_grade():
            with self.assertLogs(level=logging.DEBUG) as logs:
                COURSE_GRADE_NOW_PASSED.send(sender=None, user=self.learner, course_id=self.course.id)
        assert self.certificate() is None
        assert not [record for record in logs.records if record.levelno >= logging.ERROR], logs.output
        assert any("ppta completion rule" in line for line in logs.output)

    def test_crossing_the_threshold_requests_the_certificate_of_a_passing_learner(self):
        with mock_passing_grade():
            self.complete(*self.lessons[:3])
            assert self.certificate() is None
            self.complete(self.lessons[3])  # 4 of 5 lessons = 80 %; the trainer note does not count
        assert self.certificate().status == CertificateStatuses.downloadable

    def test_completion_alone_does_not_certify_a_failing_learner(self):
        self.complete(*self.lessons)
        certificate = self.certificate()
        assert certificate is None or certificate.status != CertificateStatuses.downloadable


class PlatformRuleCourseTest(CompletionCertificateTest):
    OVERRIDES = {}

    def test_a_course_without_a_threshold_keeps_the_platforms_passing_grade_rule(self):
        with mock_passing_grade():
            assert generate_certificate_task(self.learner, self.course.id)
        assert self.certificate().status == CertificateStatuses.downloadable
