"""Platform events become report facts and monthly counts.

The events and their data classes are the real openedx-events ones, sent as the platform sends them;
``reports.platform`` (profile country, course area/language) is the ``fake_platform`` stand-in.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from opaque_keys.edx.keys import CourseKey
from openedx_events.learning.data import (
    CertificateData,
    CourseData,
    CourseEnrollmentData,
    CoursePassingStatusData,
    PersistentCourseGradeData,
    UserData,
    UserPersonalData,
)
from openedx_events.learning.signals import (
    CERTIFICATE_CHANGED,
    CERTIFICATE_CREATED,
    CERTIFICATE_REVOKED,
    COURSE_ENROLLMENT_CHANGED,
    COURSE_ENROLLMENT_CREATED,
    COURSE_PASSING_STATUS_UPDATED,
    COURSE_UNENROLLMENT_COMPLETED,
    PERSISTENT_GRADE_SUMMARY_CHANGED,
)

from reports.facts import rebuild_monthly_learning
from reports.models import CertificateFact, EnrolmentFact, MonthlyLearning
from tests.reports.conftest import ILM_RU, LEG_EN, UTC

pytestmark = pytest.mark.django_db
NOVEMBER = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
DECEMBER = datetime.datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def user(user_id=7):
    return UserData(id=user_id, is_active=True,
                    pii=UserPersonalData(username="olena", email="olena@example.org", name="Олена Коваленко"))


def course(course_key=ILM_RU):
    return CourseData(course_key=CourseKey.from_string(course_key), display_name="ILM 101")


def enrolment(user_id=7, course_key=ILM_RU, is_active=True, created=NOVEMBER):
    return CourseEnrollmentData(user=user(user_id), course=course(course_key), mode="honor", is_active=is_active,
                                creation_date=created)


def certificate(user_id=7, course_key=ILM_RU, status="downloadable"):
    return CertificateData(user=user(user_id), course=course(course_key), mode="honor", grade="0.9",
                           download_url="", name="Олена Коваленко", current_status=status)


def counts(**filters) -> dict:
    rows = MonthlyLearning.objects.filter(**filters)
    return {(row.month.isoformat(), row.country, row.area, row.language):
            (row.enrolments, row.completions, row.certificates) for row in rows
            if (row.enrolments, row.completions, row.certificates) != (0, 0, 0)}


def test_an_enrolment_counts_once_under_country_area_and_language(courses):
    courses.countries[7] = "UA"
    for _ in range(3):  # CHANGED follows CREATED on every save of the enrolment row
        COURSE_ENROLLMENT_CREATED.send_event(send_robust=False, enrollment=enrolment())
        COURSE_ENROLLMENT_CHANGED.send_event(send_robust=False, enrollment=enrolment())
    assert counts() == {("2026-11-01", "UA", "illegal-migration", "ru"): (1, 0, 0)}


def test_unenrolling_stops_counting_and_reenrolling_counts_again(courses):
    courses.countries[7] = "GE"
    COURSE_ENROLLMENT_CREATED.send_event(send_robust=False, enrollment=enrolment())
    COURSE_UNENROLLMENT_COMPLETED.send_event(send_robust=False, enrollment=enrolment(is_active=False))
    assert counts() == {}
    COURSE_ENROLLMENT_CHANGED.send_event(send_robust=False, enrollment=enrolment(is_active=True))
    assert counts() == {("2026-11-01", "GE", "illegal-migration", "ru"): (1, 0, 0)}


def test_a_learner_without_a_profile_country_counts_as_unknown(courses):
    COURSE_ENROLLMENT_CREATED.send_event(send_robust=False, enrollment=enrolment(course_key=LEG_EN))
    assert counts() == {("2026-11-01", "unknown", "legal-migration-mobility", "en"): (1, 0, 0)}


def test_a_course_outside_the_templates_counts_under_unknown_area_and_language(courses):
    courses.countries[7] = "AM"
    COURSE_ENROLLMENT_CREATED.send_event(send_robust=False, enrollment=enrolment(course_key="course-v1:X+Y+Z"))
    assert counts() == {("2026-11-01", "AM", "unknown", "unknown"): (1, 0, 0)}


def test_certificates_count_while_downloadable_and_stop_when_revoked(courses, freezer_at):
    courses.countries[7] = "MD"
    COURSE_ENROLLMENT_CREATED.send_event(send_robust=False, enrollment=enrolment())
    with freezer_at(DECEMBER):
        CERTIFICATE_CREATED.send_event(send_robust=False, certificate=certificate())
        for _ in range(3):
            CERTIFICATE_CHANGED.send_event(send_robust=False, certificate=certificate())
    assert counts(month=datetime.date(2026, 12, 1)) == {("2026-12-01", "MD", "illegal-migration", "ru"): (0, 0, 1)}
    CERTIFICATE_REVOKED.send_event(send_robust=False, certificate=certificate(status="unavailable"))
    assert counts() == {("2026-11-01", "MD", "illegal-migration", "ru"): (1, 0, 0)}


def test_a_not_passing_certificate_is_not_counted(courses):
    CERTIFICATE_CHANGED.send_event(send_robust=False, certificate=certificate(status="notpassing"))
    assert counts() == {} and not CertificateFact.objects.exists()


def test_passing_counts_a_completion_in_the_month_first_passed(courses, freezer_at):
    courses.countries[7] = "KZ"
    COURSE_ENROLLMENT_CREATED.send_event(send_robust=False, enrollment=enrolment())
    grade = PersistentCourseGradeData(user_id=7, course=course(), course_edited_timestamp=NOVEMBER,
                                      course_version="1", grading_policy_hash="h", percent_grade=0.9,
                                      letter_grade="Pass", passed_timestamp=NOVEMBER)
    PERSISTENT_GRADE_SUMMARY_CHANGED.send_event(send_robust=False, grade=grade)
    with freezer_at(DECEMBER):  # still passing a month later: the completion keeps November
        COURSE_PASSING_STATUS_UPDATED.send_event(send_robust=False, course_passing_status=CoursePassingStatusData(
            is_passing=True, course=course(), user=user()))
    assert counts() == {("2026-11-01", "KZ", "illegal-migration", "ru"): (1, 1, 0)}
    COURSE_PASSING_STATUS_UPDATED.send_event(send_robust=False, course_passing_status=CoursePassingStatusData(
        is_passing=False, course=course(), user=user()))
    assert counts() == {("2026-11-01", "KZ", "illegal-migration", "ru"): (1, 0, 0)}


def test_a_new_profile_country_moves_the_learner_s_counts(courses):
    courses.countries[7] = "UZ"
    COURSE_ENROLLMENT_CREATED.send_event(send_robust=False, enrollment=enrolment())
    courses.countries[7] = "TJ"
    COURSE_ENROLLMENT_CHANGED.send_event(send_robust=False, enrollment=enrolment())
    assert counts() == {("2026-11-01", "TJ", "illegal-migration", "ru"): (1, 0, 0)}


def test_incremental_counts_equal_counts_rebuilt_from_the_facts(courses, freezer_at):
    for user_id in range(1, 30):
        courses.countries[user_id] = ("UA", "GE", "")[user_id % 3]
        key = (ILM_RU, LEG_EN)[user_id % 2]
        COURSE_ENROLLMENT_CREATED.send_event(send_robust=False, enrollment=enrolment(user_id, key))
        if user_id % 4 == 0:
            with freezer_at(DECEMBER):
                CERTIFICATE_CREATED.send_event(send_robust=False, certificate=certificate(user_id, key))
        if user_id % 5 == 0:
            COURSE_UNENROLLMENT_COMPLETED.send_event(send_robust=False, enrollment=enrolment(user_id, key, False))
    incremental = counts()
    rebuild_monthly_learning()
    assert counts() == incremental and sum(value[0] for value in incremental.values()) == 29 - 5


def test_no_personal_data_is_stored(courses):
    courses.countries[7] = "UA"
    with CaptureQueriesContext(connection) as queries:
        COURSE_ENROLLMENT_CREATED.send_event(send_robust=False, enrollment=enrolment())
        CERTIFICATE_CREATED.send_event(send_robust=False, certificate=certificate())
    written = " ".join(query["sql"] for query in queries.captured_queries)
    for personal in ("olena", "Олена", "Коваленко", "example.org"):
        assert personal not in written
    assert EnrolmentFact.objects.get().user_id == 7  # the id only, to keep events idempotent


def test_a_report_that_cannot_be_written_does_not_break_the_enrolment(courses, monkeypatch, caplog):
    from reports import platform

    def broken(user_ids):
        raise RuntimeError("profile table unavailable")

    monkeypatch.setattr(platform, "learner_countries", broken)
    COURSE_ENROLLMENT_CREATED.send_event(send_robust=False, enrollment=enrolment())  # does not raise
    assert counts() == {} and "could not record enrolment_changed" in caplog.text
