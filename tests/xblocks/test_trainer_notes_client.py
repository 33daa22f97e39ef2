"""Trainer notes and the area overview through the demo's workbench URLs, with CSRF enforced.

Pages are read from ``/view/<scenario>/`` (the block alone): ``/scenario/<id>/`` also prints the
scenario's OLX source for developers, notes included; that is the workbench's debug panel, not the block.

The workbench has no course roles; the demo's ``WorkbenchCourseRoleUserService`` (the role the LMS
would report, chosen by ``?student=``) stands in for the LMS user service.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import translation

from tests.xblocks.notes_overview_support import scenario_block_id, use_demo_roles

NOTES = "ppta_trainer_notes.0"
OVERVIEW = "ppta_area_overview.0"


@pytest.fixture
def workbench(db, settings):
    from workbench.runtime_util import reset_global_state

    use_demo_roles(settings)
    reset_global_state()  # scenario field data lives in this test's database
    yield Client(enforce_csrf_checks=True)
    reset_global_state()
    translation.deactivate()  # LocaleMiddleware leaves the last request's language active in this thread


def save_url(block_id: str, student: str) -> str:
    return f"/handler/{block_id}/submit_studio_edits/?student={student}"


def post_json(client: Client, url: str, payload: dict, token: str | None):
    headers = {"HTTP_X_CSRFTOKEN": token} if token else {}
    return client.post(url, json.dumps(payload), content_type="application/json", **headers)


def csrf_token(client: Client, scenario: str) -> str:
    client.get(f"/view/{scenario}/")  # the workbench sets the CSRF cookie on scenario pages
    return client.cookies["csrftoken"].value


@pytest.mark.parametrize("student", ["staff", "instructor", "global-staff"])
def test_course_team_sees_the_notes_page(workbench, student):
    page = workbench.get(f"/view/{NOTES}/?student={student}").content.decode()
    assert "case study" in page and "Session 1 plan" in page


def test_learner_page_has_no_trace_of_the_notes(workbench):
    page = workbench.get(f"/view/{NOTES}/?student=learner-7").content.decode()
    assert "case study" not in page and "Session 1 plan" not in page and "ppta-trainer-notes" not in page


def test_save_without_csrf_token_is_forbidden(workbench):
    block_id = scenario_block_id(NOTES)
    csrf_token(workbench, NOTES)
    response = post_json(workbench, save_url(block_id, "staff"), {"values": {"notes": "<p>No token</p>"}}, None)
    assert response.status_code == 403
    assert "No token" not in workbench.get(f"/view/{NOTES}/?student=staff").content.decode()


def test_learner_save_with_csrf_token_is_refused(workbench):
    block_id = scenario_block_id(NOTES)
    token = csrf_token(workbench, NOTES)
    response = post_json(workbench, save_url(block_id, "learner-7"), {"values": {"notes": "<p>Mine now</p>"}}, token)
    assert response.status_code == 403
    assert "Mine now" not in workbench.get(f"/view/{NOTES}/?student=staff").content.decode()


def test_staff_save_with_csrf_token_is_applied_and_sanitised(workbench):
    block_id = scenario_block_id(NOTES)
    token = csrf_token(workbench, NOTES)
    payload = {"values": {"notes": "<p>Updated plan</p><script>alert(1)</script>"}}
    assert post_json(workbench, save_url(block_id, "staff"), payload, token).status_code == 200
    page = workbench.get(f"/view/{NOTES}/?student=staff").content.decode()
    assert "<p>Updated plan</p>" in page and "alert(1)" not in page


def test_save_by_get_is_rejected(workbench):
    response = workbench.get(save_url(scenario_block_id(NOTES), "staff"))
    assert response.status_code == 405


def test_area_overview_page_and_edit(workbench):
    page = workbench.get(f"/view/{OVERVIEW}/").content.decode()
    assert "Глава IV" in page and "Объяснить основные модели интеграции мигрантов" in page
    block_id = scenario_block_id(OVERVIEW)
    token = csrf_token(workbench, OVERVIEW)
    change = {"values": {"area": "migration-development"}}
    assert post_json(workbench, save_url(block_id, "learner-7"), change, token).status_code == 403
    staff = post_json(workbench, save_url(block_id, "staff"), change, token)
    assert staff.status_code == 200
    assert "Глава V<" in workbench.get(f"/view/{OVERVIEW}/").content.decode()


def test_area_overview_follows_the_language_cookie(workbench):
    workbench.cookies["openedx-language-preference"] = "ru"
    page = workbench.get("/view/ppta_area_overview.1/").content.decode()
    assert "Глава VI" in page and "Цели обучения" in page
    workbench.cookies["openedx-language-preference"] = "en"
    page = workbench.get("/view/ppta_area_overview.1/").content.decode()
    assert "Chapter VI" in page and "Learning objectives" in page
