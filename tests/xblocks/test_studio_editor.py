"""The academy blocks' Studio editor (xblocks/editor): list fields as rows, the material picker, the
library presets as choices, the save contract, and readable OLX for lists. Runs in the WorkbenchRuntime."""

from __future__ import annotations

import io

import lxml.etree
import lxml.html
import pytest
from django.utils import translation

from tests.xblocks.catalog_data import add_bilingual_handbook, add_material, fresh_catalog_cache  # noqa: F401
from tests.xblocks.html_query import select, without_runtime_data
from tests.xblocks.notes_overview_support import latin_words, visible_text
from tests.xblocks.test_material import call

OBJECTIVES = ["Объяснить модели интеграции", "Сравнить национальные программы", "Применить контрольный список"]
OVERVIEW_OLX = ('<ppta_area_overview area="integration" language="ru" '
                'objectives=\'["Объяснить модели интеграции", "Сравнить национальные программы"]\'/>')
NOTES_OLX = ('<ppta_trainer_notes session_plans=\'[{"title": "План дня 1", "url": "/static/day1.pdf"}]\'/>')


def editor(block, language="en"):
    with translation.override(language):
        return lxml.html.fromstring(block.render("studio_view").content)


def save(block, **values):
    return call(block, "submit_studio_edits", {"values": values, "defaults": []})


def search(block, q, language="en"):
    with translation.override(language):
        return call(block, "material_search", {"q": q})


def export(block) -> bytes:
    output = io.BytesIO()
    block.runtime.export_to_xml(block, output)
    return output.getvalue()


# ---- list fields as rows ----

def test_objectives_are_rows_of_readable_cyrillic(make_block):
    page = editor(make_block(OVERVIEW_OLX, role="staff"), "ru")
    rows = select(page, '[data-field-name="objectives"] .ppta-editor__rows .ppta-editor__row')
    assert [select(row, "input")[0].get("value") for row in rows] == OBJECTIVES[:2]
    assert "\\u04" not in lxml.html.tostring(without_runtime_data(page), encoding="unicode")
    assert select(page, '[data-field-name="objectives"] .ppta-editor__add')[0].text_content() == "Добавить цель"
    assert select(page, ".ppta-editor__rows")[0].get("data-item-label") == "Цель %(number)s"


def test_session_plans_are_rows_with_title_and_link(make_block):
    page = editor(make_block(NOTES_OLX, role="staff"))
    row = select(page, '[data-field-name="session_plans"] .ppta-editor__rows .ppta-editor__row')[0]
    inputs = {cell.get("data-key"): cell for cell in select(row, "input")}
    assert inputs["title"].get("value") == "План дня 1" and inputs["url"].get("value") == "/static/day1.pdf"
    assert inputs["url"].get("data-url") == "1"  # checked per row in the browser


def test_rows_save_in_the_order_given_and_blank_rows_are_dropped(make_block):
    block = make_block(OVERVIEW_OLX, role="staff")
    assert save(block, objectives=[OBJECTIVES[2], "  ", OBJECTIVES[0]]).status_code == 200
    assert block.objectives == [OBJECTIVES[2], OBJECTIVES[0]]
    notes = make_block(NOTES_OLX, role="staff")
    plans = [{"title": "День 2", "url": "https://example.org/d2.pdf"}, {"title": "", "url": ""}]
    assert save(notes, session_plans=plans).status_code == 200
    assert notes.session_plans == plans[:1]


def test_a_bad_session_plan_link_is_refused_with_its_row_number_in_russian(make_block):
    block = make_block(NOTES_OLX, role="staff")
    with translation.override("ru"):
        response = save(block, session_plans=[{"title": "Хорошо", "url": "/static/a.pdf"},
                                              {"title": "Плохо", "url": "javascript:alert(1)"}])
    assert response.status_code == 400
    text = " ".join(message["text"] for message in response.json["error"]["messages"])
    assert "2" in text and "https://" in text and latin_words(text.replace("https", "")) == ["static"]
    assert block.session_plans == [{"title": "План дня 1", "url": "/static/day1.pdf"}]  # nothing half-written


def test_learners_get_no_editor_and_cannot_save_rows(make_block):
    block = make_block(OVERVIEW_OLX)
    assert not select(editor(block), ".ppta-editor")
    assert save(block, objectives=["x"]).status_code == 403 and block.objectives == OBJECTIVES[:2]


# Technical words an author types as they are, and the language choice naming each language in itself.
NOT_ENGLISH_TEXT = {"URL", "https", "static", "English"}


@pytest.mark.parametrize("olx", ["<ppta_material/>", "<ppta_library/>", NOTES_OLX, OVERVIEW_OLX])
def test_russian_editors_show_no_english(make_block, db, olx):
    page = editor(make_block(olx, role="staff"), "ru")
    text = visible_text(lxml.html.tostring(without_runtime_data(page), encoding="unicode"))
    assert set(latin_words(text)) <= NOT_ENGLISH_TEXT, text
    assert select(page, ".save-button")[0].text_content() == "Сохранить"


# ---- library presets ----

def test_library_presets_are_named_checkboxes_and_a_language_select(make_block, db):
    block = make_block('<ppta_library preset_areas=\'["integration"]\' preset_language="ru"/>', role="staff")
    page = editor(block, "ru")
    areas = select(page, '[data-field-name="preset_areas"] input[type="checkbox"]')
    assert len(areas) == 6 and [box.get("value") for box in areas if box.get("checked") is not None] == ["integration"]
    labels = [label.text_content().strip() for label in select(page, '[data-field-name="preset_areas"] label')]
    assert "integration" not in labels and all(any("а" <= char <= "я" for char in label) for label in labels)
    selected = select(page, '[data-field-name="preset_language"] option[selected]')[0]
    assert selected.get("value") == "ru"
    assert save(block, preset_areas=["asylum-international-protection"], preset_types=["handbook"],
                preset_language="", page_size=5).status_code == 200
    assert (block.preset_areas, block.preset_types, block.page_size) == (
        ["asylum-international-protection"], ["handbook"], 5)


# ---- material picker ----

@pytest.fixture
def trade_catalog(db):
    add_bilingual_handbook()
    add_material("trafficking-handbook", titles={"en": "Handbook on trafficking in human beings",
                                                 "ru": "Пособие по борьбе с торговлей людьми"}, year=2019, page_count=3)
    add_material("trafficking-report", titles={"en": "Report on human trafficking"}, type="report", year=2021)


def test_picker_search_lists_title_type_year_languages_and_pages_in_the_ui_language(make_block, trade_catalog):
    block = make_block("<ppta_material/>", role="staff")
    response = search(block, "торговл", "ru")
    assert response.status_code == 200
    (item,) = response.json["results"]
    assert item["id"] == "trafficking-handbook" and item["title"] == "Пособие по борьбе с торговлей людьми"
    assert item["details"] == "Пособие · 2019 · Английский, Русский · 3 страницы"
    assert item["preview_url"] == "https://docs.example.org/trafficking-handbook-ru.pdf"
    assert response.json["summary"] == "Найден 1 материал."
    english = search(block, "trafficking", "en").json
    assert {result["id"] for result in english["results"]} == {"trafficking-handbook", "trafficking-report"}
    assert search(block, "nothing-like-this").json["results"] == []


def test_picker_search_is_for_course_staff_only_and_checks_its_input(make_block, trade_catalog):
    assert search(make_block("<ppta_material/>"), "торговл").status_code == 403
    staff = make_block("<ppta_material/>", role="staff")
    assert call(staff, "material_search", {"q": "x" * 201}).status_code == 400
    assert call(staff, "material_search", {"q": 5}).status_code == 400
    assert call(staff, "material_search", method="GET").status_code == 405


def test_picker_shows_the_chosen_material_and_a_withdrawn_one(make_block, trade_catalog):
    page = editor(make_block('<ppta_material material_id="trafficking-handbook"/>', role="staff"), "ru")
    assert select(page, ".ppta-picker__value")[0].get("value") == "trafficking-handbook"
    assert select(page, ".ppta-picker__chosen-title")[0].text_content() == "Пособие по борьбе с торговлей людьми"
    assert select(page, ".ppta-picker__preview")[0].get("src").endswith("trafficking-handbook-ru.pdf")
    add_material("withdrawn-one", titles={"en": "Gone"}, status="withdrawn")
    page = editor(make_block('<ppta_material material_id="withdrawn-one"/>', role="staff"))
    assert select(page, ".ppta-picker__chosen-title")[0].text_content() == "withdrawn-one (not in the library)"
    assert select(page, '[data-field-name="url_en"] input')  # URL fields stay for documents outside the library


def test_picked_material_saves_and_unknown_ids_are_refused(make_block, trade_catalog):
    block = make_block("<ppta_material/>", role="staff")
    assert save(block, material_id="trafficking-handbook").status_code == 200 and block.material_id == \
        "trafficking-handbook"
    assert save(block, material_id="no-such-material").status_code == 400
    assert block.material_id == "trafficking-handbook"


# ---- OLX ----

def test_olx_export_holds_list_fields_as_readable_items_and_round_trips(make_block):
    block = make_block(OVERVIEW_OLX, role="staff")
    block.objectives = OBJECTIVES
    exported = export(block)
    text = exported.decode("utf-8")
    for objective in OBJECTIVES:
        assert f"<item>{objective}</item>" in text
    assert "\\u04" not in text and "&#" not in text
    again = make_block(text.split("?>", 1)[1])
    assert again.objectives == OBJECTIVES and again.area == "integration"


def test_session_plans_export_as_items_with_attributes_and_old_json_olx_still_imports(make_block):
    block = make_block(NOTES_OLX, role="staff")  # the old JSON-attribute form
    assert block.session_plans == [{"title": "План дня 1", "url": "/static/day1.pdf"}]
    node = lxml.etree.fromstring(export(block))
    assert [dict(item.attrib) for item in node.find("session_plans")] == block.session_plans
    again = make_block(lxml.etree.tostring(node, encoding="unicode"), role="staff")
    assert again.session_plans == block.session_plans
