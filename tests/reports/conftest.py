"""Fixtures: a stand-in for the platform (``reports.platform``), users for the permission matrix.

The platform's tables (CourseEnrollment, GeneratedCertificate, PersistentCourseGrade, UserProfile)
and its modulestore cannot exist here, so ``reports.platform``'s functions, and nothing else, are
replaced by ``FakePlatform``. Events are sent with the real openedx-events signals and data classes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest

from reports import platform

UTC = datetime.UTC


@dataclass
class FakePlatform:
    countries: dict = field(default_factory=dict)  # user_id -> profile country ("" = not given)
    courses: dict = field(default_factory=dict)  # course_key -> CourseDimensions
    enrolments: list = field(default_factory=list)
    grades: list = field(default_factory=list)
    certificates: list = field(default_factory=list)
    reads: list = field(default_factory=list)  # (table, after_pk) of every batch read

    def add_course(self, course_key: str, area: str, language: str) -> None:
        self.courses[course_key] = platform.CourseDimensions(area, language)

    def enrol(self, user_id, course_key, created, is_active=True):
        self.enrolments.append(platform.EnrolmentRow(len(self.enrolments) + 1, user_id, course_key, created,
                                                     is_active))

    def pass_course(self, user_id, course_key, passed):
        self.grades.append(platform.PassedGradeRow(len(self.grades) + 1, user_id, course_key, passed))

    def certify(self, user_id, course_key, created, status="downloadable"):
        self.certificates.append(platform.CertificateRow(len(self.certificates) + 1, user_id, course_key, created,
                                                         status))

    # -- the functions of reports.platform --------------------------------------------------------------
    def course_dimensions(self, course_key):
        return self.courses.get(course_key, platform.CourseDimensions("", ""))

    def learner_countries(self, user_ids):
        return {user_id: self.countries[user_id] for user_id in user_ids if self.countries.get(user_id)}

    def enrolment(self, user_id, course_key):
        return next((row for row in self.enrolments if (row.user_id, row.course_key) == (user_id, course_key)), None)

    def _after(self, table, rows, pk, limit):
        self.reads.append((table, pk))
        return [row for row in rows if row.pk > pk][:limit]

    def enrolments_after(self, pk, limit):
        return self._after("enrolments", self.enrolments, pk, limit)

    def passed_grades_after(self, pk, limit):
        return self._after("grades", self.grades, pk, limit)

    def certificates_after(self, pk, limit):
        return self._after("certificates", self.certificates, pk, limit)


@pytest.fixture
def fake_platform(monkeypatch) -> FakePlatform:
    fake = FakePlatform()
    for name in ("course_dimensions", "learner_countries", "enrolment", "enrolments_after",
                 "passed_grades_after", "certificates_after"):
        monkeypatch.setattr(platform, name, getattr(fake, name))
    return fake


ILM_RU = "course-v1:PPTA+ILM101+2026"
LEG_EN = "course-v1:PPTA+LEG101+2026"


@pytest.fixture
def courses(fake_platform) -> FakePlatform:
    fake_platform.add_course(ILM_RU, "illegal-migration", "ru")
    fake_platform.add_course(LEG_EN, "legal-migration-mobility", "en")
    return fake_platform


@pytest.fixture
def users(db):
    """One user per row of the permission matrix."""
    from django.contrib.auth.models import User

    from moderation.public import Role, grant_role

    learner = User.objects.create_user("learner", password="x")
    secretariat = User.objects.create_user("secretary", password="x")
    grant_role(secretariat, Role.SECRETARIAT)
    staff = User.objects.create_user("staff", password="x", is_staff=True)
    return {"learner": learner, "secretariat": secretariat, "staff": staff}


@pytest.fixture
def freezer_at():
    """``with freezer_at(moment):`` makes ``django.utils.timezone.now`` return ``moment`` (events carry
    no date for certificates and passing status: the receivers use the time they arrive)."""
    from contextlib import contextmanager
    from unittest import mock

    @contextmanager
    def freeze(moment):
        with mock.patch("django.utils.timezone.now", return_value=moment):
            yield

    return freeze
