"""Issuing PDFs: openedx-events receivers, the celery task, storage, revocation, bulk regeneration.

The events and their data classes are the real openedx-events ones. The platform's certificate rows
and courses cannot exist here, so ``certificates_theme.platform``'s look-ups are replaced by the
``fake_platform`` fixture (see conftest); nothing else is faked.
"""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core.management import CommandError, call_command
from opaque_keys.edx.keys import CourseKey
from openedx_events.learning.data import CertificateData, CourseData, UserData, UserPersonalData
from openedx_events.learning.signals import CERTIFICATE_CHANGED, CERTIFICATE_CREATED, CERTIFICATE_REVOKED

from certificates_theme.models import CertificateSnapshot
from tests.certificates_theme import pdftools

COURSE = "course-v1:PPTA+ILM101+2026"
UUID = "0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d"


def certificate_event_data(user_id=7, name="Пётр Ильич Чайковский", status="downloadable", previous=""):
    return CertificateData(
        user=UserData(id=user_id, is_active=True, pii=UserPersonalData(username="petr", email="p@example.org",
                                                                       name=name)),
        course=CourseData(course_key=CourseKey.from_string(COURSE), display_name="ILM 101"),
        mode="honor", grade="0.9", download_url="", name=name, current_status=status, previous_status=previous,
    )


def send(signal, data, on_commit):
    with on_commit(execute=True):
        signal.send_event(send_robust=False, certificate=data)


@pytest.fixture
def course(fake_platform):
    fake_platform.add_course(COURSE, "ILM 101", course_title_en="Identification and Profiling",
                             course_title_ru="Идентификация и профилирование", ppta_area="illegal-migration",
                             ppta_certificate_language="ru")
    return fake_platform


@pytest.mark.django_db
def test_certificate_created_renders_and_stores_the_pdf(course, pdf_storage, tmp_path,
                                                        django_capture_on_commit_callbacks):
    course.issue(7, COURSE, "Пётр Ильич Чайковский", UUID)
    send(CERTIFICATE_CREATED, certificate_event_data(), django_capture_on_commit_callbacks)
    snapshot = CertificateSnapshot.objects.get(verify_uuid=UUID)
    stored = pdf_storage / snapshot.pdf_name
    assert snapshot.pdf_name.startswith(f"ppta-certificates/{UUID}/") and stored.is_file()
    text = pdftools.text(stored)
    assert "Пётр Ильич Чайковский" in text and "Идентификация и профилирование" in text
    assert "28 ноября 2026 г." in text and "Identification and Profiling" not in text  # mode "ru"


@pytest.mark.django_db
def test_repeated_change_events_do_not_render_again(course, pdf_storage, django_capture_on_commit_callbacks):
    course.issue(7, COURSE, "Пётр Ильич Чайковский", UUID)
    send(CERTIFICATE_CREATED, certificate_event_data(), django_capture_on_commit_callbacks)
    first = sorted(pdf_storage.rglob("*.pdf"))
    modified = first[0].stat().st_mtime_ns
    for _ in range(3):  # the platform sends CHANGED on every save of the row
        send(CERTIFICATE_CHANGED, certificate_event_data(), django_capture_on_commit_callbacks)
    assert sorted(pdf_storage.rglob("*.pdf")) == first
    assert first[0].stat().st_mtime_ns == modified


@pytest.mark.django_db
def test_a_not_passing_certificate_gets_nothing(course, pdf_storage, django_capture_on_commit_callbacks):
    course.issue(7, COURSE, "Пётр Ильич Чайковский", UUID, status="notpassing")
    send(CERTIFICATE_CHANGED, certificate_event_data(status="notpassing"), django_capture_on_commit_callbacks)
    assert not CertificateSnapshot.objects.exists()
    assert not list(pdf_storage.rglob("*.pdf"))


@pytest.mark.django_db
def test_revoked_certificate_pdf_disappears_and_comes_back_if_reissued(course, pdf_storage,
                                                                       django_capture_on_commit_callbacks):
    course.issue(7, COURSE, "Пётр Ильич Чайковский", UUID)
    send(CERTIFICATE_CREATED, certificate_event_data(), django_capture_on_commit_callbacks)
    course.issue(7, COURSE, "Пётр Ильич Чайковский", UUID, status="unavailable")
    send(CERTIFICATE_REVOKED, certificate_event_data(status="unavailable", previous="downloadable"),
         django_capture_on_commit_callbacks)
    snapshot = CertificateSnapshot.objects.get()
    assert snapshot.revoked and snapshot.pdf_name == ""
    assert not list(pdf_storage.rglob("*.pdf"))
    # re-issued later: same verify uuid (the platform keeps it), same frozen date
    course.issue(7, COURSE, "Пётр Ильич Чайковский", UUID, issue_date=datetime.date(2027, 3, 1))
    send(CERTIFICATE_CREATED, certificate_event_data(), django_capture_on_commit_callbacks)
    snapshot.refresh_from_db()
    assert not snapshot.revoked and snapshot.issue_date == datetime.date(2026, 11, 28)
    assert len(list(pdf_storage.rglob("*.pdf"))) == 1


@pytest.mark.django_db
def test_a_design_or_url_change_replaces_the_stored_pdf(course, pdf_storage, settings,
                                                        django_capture_on_commit_callbacks):
    course.issue(7, COURSE, "Пётр Ильич Чайковский", UUID)
    send(CERTIFICATE_CREATED, certificate_event_data(), django_capture_on_commit_callbacks)
    before = CertificateSnapshot.objects.get().pdf_name
    settings.LMS_ROOT_URL = "https://learn.pragueprocess.example"
    send(CERTIFICATE_CHANGED, certificate_event_data(), django_capture_on_commit_callbacks)
    after = CertificateSnapshot.objects.get().pdf_name
    assert after != before
    assert [p.name for p in pdf_storage.rglob("*.pdf")] == [after.rsplit("/", 1)[1]]


@pytest.mark.django_db
def test_regenerate_command_renders_each_course_certificate_once(course, pdf_storage):
    uuids = [uuid.uuid4().hex for _ in range(3)]
    for user_id, verify_uuid in enumerate(uuids, start=1):
        course.issue(user_id, COURSE, f"Learner {user_id}", verify_uuid)
    course.issue(9, COURSE, "Failed Learner", uuid.uuid4().hex, status="notpassing")
    first = call_and_capture("ppta_regenerate_certificates", "--course", COURSE)
    assert "[3/3]" in first and "3 certificates, 3 rendered, 0 unchanged" in first
    again = call_and_capture("ppta_regenerate_certificates", "--course", COURSE)
    assert "3 certificates, 0 rendered, 3 unchanged" in again
    assert len(list(pdf_storage.rglob("*.pdf"))) == 3


@pytest.mark.django_db
def test_regenerate_command_names_an_unknown_course(course, pdf_storage):
    with pytest.raises(CommandError, match="course-v1:PPTA\\+NOPE\\+1"):
        call_command("ppta_regenerate_certificates", "--course", "course-v1:PPTA+NOPE+1")
    with pytest.raises(CommandError, match="not-a-key"):
        call_command("ppta_regenerate_certificates", "--course", "not-a-key")


def test_regenerate_command_outside_the_lms_says_where_it_runs():
    """No fake here: the real platform look-up fails to import, as on any non-LMS host."""
    with pytest.raises(CommandError, match="inside the Open edX LMS"):
        call_command("ppta_regenerate_certificates", "--course", COURSE)


def call_and_capture(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_receiver_publishes_the_named_task_to_the_configured_queue(course, settings):
    """Not eager: the task message really goes through celery's publisher (demo in-memory broker)."""
    from celery.signals import after_task_publish

    from ppta_demo.celery import app

    settings.PPTA_CELERY_QUEUE = "ppta-certificates"
    published = []

    def record(sender=None, headers=None, routing_key=None, **kwargs):
        published.append((sender, routing_key, headers["argsrepr"]))

    after_task_publish.connect(record, weak=False)
    app.conf.task_always_eager = False
    try:
        CERTIFICATE_CREATED.send_event(send_robust=False, certificate=certificate_event_data())
        CERTIFICATE_CHANGED.send_event(send_robust=False, certificate=certificate_event_data(status="notpassing"))
    finally:
        app.conf.task_always_eager = True
        after_task_publish.disconnect(record)
    assert published == [("ppta.certificates.render_pdf", "ppta-certificates", f"(7, '{COURSE}')")]
    assert not CertificateSnapshot.objects.exists()  # queued, not run here
