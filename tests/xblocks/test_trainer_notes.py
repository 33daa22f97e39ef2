"""Trainer notes in the real WorkbenchRuntime.

Faked (the workbench lacks them; the LMS provides them): the user service's course roles
(``FakeLmsUserService`` in conftest) and event publishing (``runtime.published``).
"""

from __future__ import annotations

import json

import pytest
from django.utils import translation
from lxml import etree
from webob import Request
from xblock.completable import XBlockCompletionMode

from tests.xblocks.notes_overview_support import (
    UNSAFE_URLS,
    XSS_PAYLOADS,
    dangerous_markup,
    latin_words,
    visible_text,
)

NOTES_OLX = """<ppta_trainer_notes url_name="notes" display_name="Facilitator notes, day 1"
  notes="&lt;p&gt;Start with the &lt;strong&gt;case study&lt;/strong&gt;.&lt;/p&gt;"
  session_plans='[{"title": "Day 1 plan", "url": "/static/day1.pdf"},
                  {"title": "Checklist", "url": "https://example.org/checklist.pdf"}]'/>"""

TEAM = [
    pytest.param({"role": "staff"}, id="course-staff"),
    pytest.param({"role": "instructor"}, id="instructor"),
    pytest.param({"role": "student", "is_staff": True}, id="global-staff"),
]


def error_text(response) -> str:
    return json.dumps(json.loads(response.body), ensure_ascii=False)


def submit(block, payload, method="POST"):
    request = Request.blank("/", method=method, body=json.dumps(payload).encode(), content_type="application/json")
    return block.runtime.handle(block, "submit_studio_edits", request)


def edit_payload(**values):
    return {"values": values, "defaults": []}


@pytest.mark.parametrize("user", TEAM)
def test_course_team_sees_notes_and_session_plans(make_block, user):
    block = make_block(NOTES_OLX, **user)
    html = block.render("student_view").content
    assert "Facilitator notes, day 1" in html
    assert "<strong>case study</strong>" in html
    assert 'href="/static/day1.pdf"' in html and ">Day 1 plan<" in html
    assert 'href="https://example.org/checklist.pdf"' in html
    assert "learners do not see this component" in visible_text(html)


def test_learner_gets_an_empty_fragment_and_nothing_else(make_block):
    block = make_block(NOTES_OLX, role="student")
    fragment = block.student_view()
    assert fragment.content == ""
    assert fragment.resources == [] and fragment.js_init_fn is None
    rendered = block.render("student_view").content  # with the runtime's wrapper, as a page gets it
    assert "case study" not in rendered and "day1.pdf" not in rendered and "Facilitator" not in rendered


def test_without_a_user_service_nobody_sees_notes(make_block):
    """Anonymous LMS users, or runtimes without the user service, are treated as learners."""
    block = make_block(NOTES_OLX, role="staff")
    block.runtime._services["user"] = None
    assert block.student_view().content == ""


@pytest.mark.parametrize("user", [*TEAM, pytest.param({"role": "student"}, id="student")])
def test_notes_never_reach_mobile_data_or_search_index(make_block, user):
    block = make_block(NOTES_OLX, **user)
    assert block.student_view_data() == {}
    assert block.index_dictionary() == {}


def test_excluded_from_completion_and_publishes_nothing(make_block):
    block = make_block(NOTES_OLX, role="staff")
    assert XBlockCompletionMode.get_mode(block) == XBlockCompletionMode.EXCLUDED
    block.render("student_view")
    make_block(NOTES_OLX, role="student").render("student_view")
    assert block.runtime.published == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_in_every_author_field_is_neutralised(make_block, payload):
    olx = etree.tostring(etree.Element("ppta_trainer_notes", {
        "display_name": payload,
        "notes": f"<p>ok</p>{payload}",
        "session_plans": json.dumps([{"title": payload, "url": "/static/plan.pdf"}]),
    })).decode()
    block = make_block(olx, role="staff")
    html = block.render("student_view").content
    assert dangerous_markup(html) == []
    assert "<p>ok</p>" in html
    assert payload in visible_text(html)  # the display name and plan title show as text


def test_notes_are_sanitised_on_import_and_on_save(make_block):
    block = make_block('<ppta_trainer_notes notes="&lt;p onclick=&quot;x()&quot;&gt;Hi&lt;/p&gt;&lt;script&gt;bad()'
                       '&lt;/script&gt;"/>', role="staff")
    assert block.notes == "<p>Hi</p>"
    unsafe = '<p>Plan</p><img src=x onerror="alert(1)"><a href="javascript:x">l</a>'
    response = submit(block, edit_payload(notes=unsafe))
    assert response.status_code == 200
    assert "onerror" not in block.notes and "javascript:" not in block.notes and "<p>Plan</p>" in block.notes


def test_notes_are_sanitised_on_render_even_if_stored_unsafe(make_block):
    """Data written around the editor (an old import, a shell) is still cleaned when shown."""
    block = make_block("<ppta_trainer_notes/>", role="staff")
    block.notes = '<p>Hi</p><script>alert(1)</script><a href="javascript:alert(1)">x</a>'
    html = block.render("student_view").content
    assert "<p>Hi</p>" in html and dangerous_markup(html) == []


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_unsafe_session_plan_urls_are_rejected_and_never_rendered(make_block, url):
    block = make_block(NOTES_OLX, role="staff")
    response = submit(block, edit_payload(session_plans=[{"title": "Plan", "url": url}]))
    assert response.status_code == 400
    assert "https://" in error_text(response)
    assert block.session_plans[0]["url"] == "/static/day1.pdf"  # nothing half-saved

    block.session_plans = [{"title": "Evil plan", "url": url}]  # stored around the editor
    html = block.render("student_view").content
    assert "Evil plan" not in html and url.strip() not in html


@pytest.mark.parametrize("url", [
    "https://example.org/plan.pdf", "/static/plan.pdf", "/asset-v1:ICMPD+T1+2026+type@asset+block@p.pdf",
])
def test_safe_session_plan_urls_are_saved(make_block, url):
    block = make_block(NOTES_OLX, role="instructor")
    response = submit(block, edit_payload(session_plans=[{"title": " Plan ", "url": url}]))
    assert response.status_code == 200
    assert block.session_plans == [{"title": "Plan", "url": url}]


@pytest.mark.parametrize("plans", ["not a list", [["Plan", "/static/p.pdf"]], [{"title": "", "url": "/static/p.pdf"}]])
def test_malformed_session_plans_are_rejected_with_a_message(make_block, plans):
    block = make_block(NOTES_OLX, role="staff")
    response = submit(block, edit_payload(session_plans=plans))
    assert response.status_code == 400
    assert block.session_plans[0]["title"] == "Day 1 plan"  # unchanged
    if isinstance(plans, list):
        assert "Session plan 1" in error_text(response)


def test_studio_submit_by_a_learner_is_refused(make_block):
    block = make_block(NOTES_OLX, role="student")
    response = submit(block, edit_payload(notes="<p>Hacked</p>", display_name="Hacked"))
    assert response.status_code == 403
    assert "Hacked" not in block.notes and block.display_name == "Facilitator notes, day 1"


def test_studio_editor_is_refused_to_a_learner(make_block):
    learner_view = make_block(NOTES_OLX, role="student").render("studio_view").content
    assert "xb-field-edit-notes" not in learner_view and "case study" not in learner_view
    staff_view = make_block(NOTES_OLX, role="staff").render("studio_view").content
    assert "xb-field-edit-notes" in staff_view and "xb-field-edit-session_plans" in staff_view


def test_studio_course_team_may_edit_through_studio_permissions(make_block, monkeypatch):
    """Studio's user service reports no course role; ``studio_user_permissions`` (faked: LMS/CMS only) decides."""

    class StudioPermissions:
        def __init__(self, allowed):
            self.allowed = allowed

        def can_write(self, course_key):
            return self.allowed

    block = make_block(NOTES_OLX, role="student")
    monkeypatch.setattr(type(block), "context_key", "course-v1:ICMPD+T1+2026")  # Studio's usage keys have one
    block.runtime._services["studio_user_permissions"] = StudioPermissions(allowed=True)
    assert "case study" in block.student_view().content
    block.runtime._services["studio_user_permissions"] = StudioPermissions(allowed=False)
    assert block.student_view().content == ""


def test_mutation_rejects_get(make_block):
    block = make_block(NOTES_OLX, role="staff")
    response = submit(block, edit_payload(notes="<p>x</p>"), method="GET")
    assert response.status_code == 405
    assert "case study" in block.notes


def test_olx_round_trip_keeps_authored_fields_only(make_block):
    block = make_block(NOTES_OLX, role="staff")
    node = etree.Element("unknown")
    block.add_xml_to_node(node)
    assert node.tag == "ppta_trainer_notes"
    assert set(node.attrib) == {"xblock-family", "display_name", "notes"}
    assert dict(node.find("session_plans/item").attrib) == {"title": "Day 1 plan", "url": "/static/day1.pdf"}
    exported = etree.tostring(node)

    again = make_block(exported.decode(), role="staff")
    for name in ("display_name", "notes", "session_plans"):
        assert getattr(again, name) == getattr(block, name)
    assert again.student_view().content == block.student_view().content.replace(
        block.html_id("heading"), again.html_id("heading"))


def test_russian_ui_shows_no_english(make_block):
    olx = ('<ppta_trainer_notes notes="&lt;p&gt;Начните с разбора кейса.&lt;/p&gt;" '
           'session_plans=\'[{"title": "План первого дня", "url": "/static/day1.pdf"}]\'/>')
    block = make_block(olx, role="staff")
    with translation.override("ru"):
        html = block.student_view().content
    assert latin_words(html) == [], visible_text(html)
    assert "Заметки для тренеров" in html and "Планы занятий" in html
    empty = make_block("<ppta_trainer_notes/>", role="staff")
    with translation.override("ru"):
        assert latin_words(empty.student_view().content) == []


def test_russian_validation_messages(make_block):
    block = make_block(NOTES_OLX, role="staff")
    with translation.override("ru"):
        response = submit(block, edit_payload(session_plans=[{"title": "План", "url": "javascript:alert(1)"}]))
    assert response.status_code == 400
    assert "План занятия 1" in error_text(response)
