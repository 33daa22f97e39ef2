"""Thematic-area overview in the real WorkbenchRuntime.

Faked (the workbench lacks it; the LMS provides it): the user service's course roles
(``FakeLmsUserService`` in conftest), which decide whether an author-facing problem is shown.
"""

from __future__ import annotations

import json

import pytest
from django.utils import translation
from lxml import etree
from webob import Request

from course_templates import get_area
from tests.xblocks.notes_overview_support import (
    XSS_PAYLOADS,
    dangerous_markup,
    latin_words,
    visible_text,
)

RU_OLX = """<ppta_area_overview url_name="overview" display_name="Обзор" area="integration" language="ru"
  effort="4 часа" objectives='["Объяснить модели интеграции", "Сравнить национальные программы"]'/>"""
UI_OLX = """<ppta_area_overview area="asylum-international-protection" language="" effort="2 x 90 min"
  objectives='["Describe a fair asylum procedure"]'/>"""
UNKNOWN_OLX = """<ppta_area_overview area="space-migration" effort="1 hour" objectives='["Read the handbook"]'/>"""


def submit(block, values, method="POST"):
    body = json.dumps({"values": values, "defaults": []}).encode()
    request = Request.blank("/", method=method, body=body, content_type="application/json")
    return block.runtime.handle(block, "submit_studio_edits", request)


def test_chapter_title_and_description_come_from_the_registry_in_the_course_language(make_block):
    area = get_area("integration")
    with translation.override("en"):  # the UI is English, the course is Russian
        html = make_block(RU_OLX).student_view().content
    assert '<p class="ppta-area-overview__chapter" lang="ru">Глава IV</p>' in html
    assert area.title_ru in html and area.description_ru in html
    assert area.title_en not in html
    assert "Learning objectives" in html and "Estimated effort:" in html  # the block's own labels: UI language
    assert "<li>Объяснить модели интеграции</li>" in html and 'lang="ru">4 часа</span>' in html


@pytest.mark.parametrize("ui, chapter", [("en", "Chapter VI"), ("ru", "Глава VI")])
def test_empty_language_follows_the_learners_ui_language(make_block, ui, chapter):
    area = get_area("asylum-international-protection")
    with translation.override(ui):
        html = make_block(UI_OLX).student_view().content
    assert chapter in html and area.title(ui) in html and area.description(ui) in html
    assert f'<section class="ppta-area-overview" lang="{ui}"' in html


def test_heading_structure_fits_inside_a_unit(make_block):
    block = make_block(RU_OLX)
    html = block.student_view().content
    assert "<h1" not in html and "<h2" not in html
    assert html.index("<h3") < html.index("<h4")
    heading_id = block.html_id("heading")
    assert f'aria-labelledby="{heading_id}"' in html and f'id="{heading_id}"' in html


def test_unknown_area_is_an_author_facing_validation_error(make_block):
    block = make_block(UNKNOWN_OLX, role="staff")
    messages = [message.text for message in block.validate().messages]
    assert len(messages) == 1 and "space-migration" in messages[0] and "integration" in messages[0]
    html = block.student_view().content
    assert "space-migration" in html  # the course team sees why the area part is missing


def test_unknown_area_gives_learners_a_graceful_view(make_block):
    html = make_block(UNKNOWN_OLX, role="student").student_view().content
    text = visible_text(html)
    assert "Thematic area overview" in text and "Read the handbook" in text and "1 hour" in text
    assert "space-migration" not in text and "Unknown" not in text and "Chapter" not in text


def test_missing_area_asks_the_author_to_choose(make_block):
    block = make_block("<ppta_area_overview/>", role="staff")
    assert [m.text for m in block.validate().messages] == ["Choose the thematic area this overview presents."]


def test_student_view_data_for_mobile(make_block):
    area = get_area("integration")
    data = make_block(RU_OLX).student_view_data()
    assert data["area"] == "integration" and data["area_known"] is True
    assert data["chapter"] == "IV" and data["code"] == area.code and data["language"] == "ru"
    assert data["title"] == {"ru": area.title_ru} and data["description"] == {"ru": area.description_ru}
    assert data["chapter_label"] == {"ru": "Глава IV"}
    assert data["objectives"] == ["Объяснить модели интеграции", "Сравнить национальные программы"]
    assert data["effort"] == "4 часа"
    both = make_block(UI_OLX).student_view_data()
    assert set(both["title"]) == {"en", "ru"}  # collected once for everyone: both languages
    unknown = make_block(UNKNOWN_OLX).student_view_data()
    assert unknown["area_known"] is False and "title" not in unknown
    json.dumps(data)  # the Blocks API serialises it


def test_search_index_has_the_area_texts(make_block):
    content = make_block(RU_OLX).index_dictionary()["content"]
    assert content["area_title"] == get_area("integration").title_ru
    assert "Сравнить национальные программы" in content["objectives"] and content["effort"] == "4 часа"


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_in_every_author_field_is_escaped(make_block, payload):
    olx = etree.tostring(etree.Element("ppta_area_overview", {
        "display_name": payload, "area": payload, "language": "ru", "effort": payload,
        "objectives": json.dumps([payload]),
    })).decode()
    block = make_block(olx, role="staff")  # staff also see the unknown-area problem, which quotes the area
    html = block.student_view().content
    assert dangerous_markup(html) == []
    assert visible_text(html).count(payload) >= 3  # display name, objective, effort (and the quoted area)


def test_studio_edit_by_course_staff_is_saved_and_cleaned(make_block):
    block = make_block(RU_OLX, role="instructor")
    response = submit(block, {"area": " readmission-return-reintegration ", "language": "en",
                              "objectives": [" Apply the checklist ", ""], "effort": " 3 hours "})
    assert response.status_code == 200
    assert (block.area, block.language, block.objectives, block.effort) == (
        "readmission-return-reintegration", "en", ["Apply the checklist"], "3 hours")


@pytest.mark.parametrize("values, expected", [
    ({"area": "nowhere"}, "nowhere"),
    ({"language": "de"}, "Content language"),
    ({"objectives": [1, 2]}, "Learning objectives"),
])
def test_invalid_studio_edits_are_rejected_with_a_message(make_block, values, expected):
    block = make_block(RU_OLX, role="staff")
    response = submit(block, values)
    assert response.status_code == 400
    assert expected in json.dumps(json.loads(response.body), ensure_ascii=False)
    assert (block.area, block.language) == ("integration", "ru")  # nothing half-saved


def test_studio_submit_by_a_learner_is_refused_and_get_is_rejected(make_block):
    learner = make_block(RU_OLX, role="student")
    assert submit(learner, {"area": "migration-development"}).status_code == 403
    assert learner.area == "integration"
    staff = make_block(RU_OLX, role="staff")
    assert submit(staff, {"area": "migration-development"}, method="GET").status_code == 405
    assert staff.area == "integration"


def test_studio_editor_offers_the_areas_in_the_ui_language(make_block):
    with translation.override("ru"):
        html = make_block(RU_OLX, role="staff").render("studio_view").content
    assert get_area("integration").title_ru in html and "Язык интерфейса слушателя" in html
    assert "Тематическая область" in html


def test_olx_round_trip(make_block):
    block = make_block(RU_OLX)
    node = etree.Element("unknown")
    block.add_xml_to_node(node)
    assert node.tag == "ppta_area_overview"
    assert set(node.attrib) == {"xblock-family", "display_name", "area", "language", "effort"}
    assert [item.text for item in node.find("objectives")] == block.objectives  # readable elements, in order
    again = make_block(etree.tostring(node).decode())
    for name in ("display_name", "area", "language", "objectives", "effort"):
        assert getattr(again, name) == getattr(block, name)


def test_contract_olx_imports(make_block):
    """The attribute form from contracts.md, as course_templates writes it."""
    olx = ('<ppta_area_overview url_name="overview" display_name="Обзор" area="integration" language="ru" '
           'effort="4 часа" objectives=\'["Цель один","Цель два"]\'/>')
    block = make_block(olx)
    assert block.objectives == ["Цель один", "Цель два"] and block.area == "integration"


@pytest.mark.parametrize("olx", [RU_OLX, UI_OLX.replace('language=""', 'language="ru"').replace(
    "Describe a fair asylum procedure", "Описать справедливую процедуру").replace("2 x 90 min", "2 по 90 минут")])
def test_russian_ui_shows_no_english(make_block, olx):
    with translation.override("ru"):
        html = make_block(olx, role="staff").student_view().content
    assert latin_words(html) == [], visible_text(html)
