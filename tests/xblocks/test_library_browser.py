"""ppta_library in the real WorkbenchRuntime over a real catalog (rows from ``library_importer.models``).

Faked (the workbench lacks them): the LMS user service for roles (``conftest.make_block``).
"""

from __future__ import annotations

import json
import re
from unittest import mock

import lxml.etree
import pytest
from django.core.cache import cache
from django.utils import translation

from tests.xblocks.catalog_data import add_material, fresh_catalog_cache  # noqa: F401 (fixture)
from tests.xblocks.html_query import parse, select, without_runtime_data
from tests.xblocks.test_material import call, error_text, studio_submit

XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.fixture
def catalog(db):
    """12 materials: 7 on irregular migration (4 bilingual, 3 English only), 5 asylum guidelines in Russian only."""
    for number in range(4):
        add_material(f"handbook-{number}", titles={"en": f"Handbook {number} on identification",
                                                    "ru": f"Пособие {number} по идентификации"}, year=2010 + number)
    for number in range(3):
        add_material(f"report-{number}", titles={"en": f"Report {number} on borders"}, type="report", year=2000)
    for number in range(5):
        add_material(f"guideline-{number}", titles={"ru": f"Руководство {number} по убежищу"}, type="training_material",
                     areas=("asylum-international-protection",), year=2020)


def render(block, language: str = "en"):
    with translation.override(language):
        return parse(block.render("student_view").content)


def search(block, ui: str = "en", **query):
    with translation.override(ui):
        return call(block, "search", query)


def titles(html_or_page) -> list[str]:
    page = parse(html_or_page) if isinstance(html_or_page, str) else html_or_page
    return [item.text_content().strip() for item in select(page, ".ppta-library__title")]


def test_presets_select_filters_and_the_first_page(make_block, catalog):
    block = make_block('<ppta_library preset_areas=\'["illegal-migration"]\' preset_types=\'["report"]\' '
                       'preset_language="en" page_size="10"/>')
    page = render(block)
    checked = {box.get("value") for box in select(page, "input[checked]")}
    assert checked == {"illegal-migration", "report"}
    assert select(page, 'option[selected]')[0].get("value") == "en"
    assert sorted(titles(page)) == ["Report 0 on borders", "Report 1 on borders", "Report 2 on borders"]
    assert select(page, ".ppta-library__summary")[0].text_content() == "3 materials found."


def test_results_link_to_library_detail_and_downloads(make_block, catalog):
    page = render(make_block('<ppta_library preset_areas=\'["illegal-migration"]\' preset_types=\'["handbook"]\'/>'))
    first = select(page, ".ppta-library__item")[0]
    assert select(first, "h4 a")[0].get("href") == "/academy/library/materials/handbook-3/"
    links = select(first, ".ppta-library__downloads a")
    downloads = [(link.get("hreflang"), link.get("href"), link.text_content()) for link in links]
    assert downloads == [
        ("en", "/academy/library/materials/handbook-3/download/en/", "Download in English"),
        ("ru", "/academy/library/materials/handbook-3/download/ru/", "Download in Russian"),
    ]
    assert "Handbook · 2013 · Preventing and combating illegal migration" in first.text_content()


def test_search_handler_filters_by_words_types_and_language(make_block, catalog):
    block = make_block("<ppta_library page_size='50'/>")
    by_word = search(block, q="ПОСОБИЕ 2")
    assert by_word.status_code == 200 and titles(by_word.json["html"]) == ["Handbook 2 on identification"]
    russian_only = search(block, "ru", language="ru", areas=["asylum-international-protection"])
    assert russian_only.json["total"] == 5
    assert all(title.startswith("Руководство") for title in titles(russian_only.json["html"]))
    reports = search(block, types=["report"], language="ru")
    assert reports.json["total"] == 0 and reports.json["summary"] == "No materials match your search."


def test_pagination_pages_through_all_results(make_block, catalog):
    block = make_block("<ppta_library page_size='5'/>")
    page = render(block)
    assert len(select(page, ".ppta-library__item")) == 5
    pager = select(page, ".ppta-library__pager")[0]
    assert "Page 1 of 3" in pager.text_content()
    previous, following = select(pager, "button")
    assert previous.get("disabled") is not None and following.get("data-page") == "2"
    seen = titles(page)
    for number in (2, 3):
        response = search(block, page=number)
        assert response.json["page"] == number and response.json["num_pages"] == 3
        seen += titles(response.json["html"])
    assert len(seen) == len(set(seen)) == 12
    last = parse(response.json["html"])
    assert select(last, "ol")[0].get("start") == "11"
    assert select(last, "button")[1].get("disabled") is not None


def test_russian_summary_uses_the_three_plural_forms(make_block, db):
    block = make_block("<ppta_library page_size='50'/>")
    expected = {1: "Найден 1 материал.", 2: "Найдено 2 материала.", 5: "Найдено 5 материалов.",
                11: "Найдено 11 материалов.", 21: "Найден 21 материал.", 22: "Найдено 22 материала."}
    created = 0
    for count, summary in expected.items():
        while created < count:
            add_material(f"m-{created}", titles={"ru": f"Материал {created}"})
            created += 1
        cache.clear()  # search answers are cached for a minute (xblocks.catalog)
        assert search(block, "ru").json["summary"] == summary


def test_russian_pager_and_page_summary(make_block, catalog):
    response = search(make_block("<ppta_library page_size='5'/>"), "ru", page=2)
    assert response.json["summary"] == "Найдено 12 материалов, страница 2 из 3."
    assert "Страница 2 из 3" in parse(response.json["html"]).text_content()


@pytest.mark.parametrize("query", [
    {"q": "x" * 201}, {"q": 5}, {"areas": ["atlantis"]}, {"areas": "illegal-migration"}, {"types": ["novel"]},
    {"language": "de"}, {"page": 0}, {"page": "2"}, {"page": True},
])
def test_search_rejects_bad_input(make_block, catalog, query):
    response = search(make_block("<ppta_library/>"), **query)
    assert response.status_code == 400
    assert next(iter(query)) in response.json["error"]


def test_search_refuses_get_and_bad_json(make_block, catalog):
    block = make_block("<ppta_library/>")
    assert call(block, "search", method="GET").status_code == 405
    assert call(block, "search", body=b"[").status_code == 400


def test_withdrawn_materials_are_never_listed(make_block, db):
    add_material("old-handbook", titles={"en": "Withdrawn handbook"}, status="withdrawn")
    add_material("new-handbook", titles={"en": "Published handbook"})
    block = make_block("<ppta_library/>")
    assert titles(render(block)) == ["Published handbook"]
    assert titles(search(block, q="handbook").json["html"]) == ["Published handbook"]


def test_title_in_ui_language_else_marked_with_its_own_language(make_block, catalog):
    page = render(make_block('<ppta_library preset_areas=\'["illegal-migration"]\' page_size="50"/>'), "ru")
    languages = {item.text_content().strip(): item.get("lang") for item in select(page, ".ppta-library__title")}
    assert languages["Пособие 0 по идентификации"] == "ru"
    assert languages["Report 0 on borders"] == "en"


def test_library_not_installed(make_block, db):
    """The app cannot be uninstalled per test: its lookup is patched to report "not installed"."""
    with mock.patch("xblocks.library_browser.library", return_value=None):
        block = make_block("<ppta_library/>")
        page = render(block, "ru")
        assert "Библиотека материалов на этом сайте недоступна." in page.text_content()
        assert select(page, "form") == []
        assert search(block).status_code == 503


# ---- Studio ----

@pytest.mark.parametrize(("values", "message"), [
    ({"preset_areas": ["atlantis"]}, "Unknown thematic areas: atlantis."),
    ({"preset_types": ["novel"]}, "Unknown material types: novel."),
    ({"preset_language": "de"}, "The preset language must be"),
    ({"page_size": 0}, "Results per page must be"),
    ({"page_size": 51}, "Results per page must be"),
])
def test_studio_validation(make_block, db, values, message):
    block = make_block("<ppta_library/>", role="staff")
    response = studio_submit(block, **values)
    assert response.status_code == 400 and message in error_text(response)


def test_studio_edits_need_course_staff(make_block, db):
    learner_block = make_block("<ppta_library/>")
    assert studio_submit(learner_block, page_size=3).status_code == 403 and learner_block.page_size == 10
    staff_block = make_block("<ppta_library/>", role="staff")
    assert studio_submit(staff_block, preset_areas=["integration"], page_size=3).status_code == 200
    assert (staff_block.preset_areas, staff_block.page_size) == (["integration"], 3)
    editor = parse(staff_block.render("studio_view").content)
    assert "Preventing and combating illegal migration" in editor.text_content()  # area choices, UI language
    with translation.override("ru"):
        russian_editor = staff_block.render("studio_view").content
    assert "Предустановленные тематические области" in russian_editor and "Любой язык" in russian_editor
    assert {"preset_areas", "page_size"} <= {f.get("data-field-name") for f in select(editor, "[data-field-name]")}


def test_bad_page_size_setting_in_olx_falls_back(make_block, catalog):
    page = render(make_block('<ppta_library page_size="500"/>'))
    assert len(select(page, ".ppta-library__item")) == 12  # clamped to 50


# ---- XSS ----

def test_xss_payload_in_author_fields_and_catalog_is_escaped(make_block, db):
    add_material("xss", titles={"en": XSS, "ru": XSS})
    olx = lxml.etree.Element("ppta_library", display_name=XSS, preset_language=XSS,
                             preset_areas=json.dumps([XSS]), preset_types=json.dumps([XSS]))
    block = make_block(lxml.etree.tostring(olx, encoding="unicode"))
    for html in (block.render("student_view").content, search(block, q="script").json["html"]):
        assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html
        page = without_runtime_data(parse(html))
        assert not select(page, "script, img")
        assert not [name for element in page.iter() for name in element.attrib if name.startswith("on")]


# ---- Russian UI, mobile ----

def test_russian_ui_render_shows_no_english(make_block, catalog):
    page = without_runtime_data(
        render(make_block('<ppta_library preset_areas=\'["asylum-international-protection"]\'/>'), "ru"))
    text = " ".join(page.itertext()) + " ".join(
        element.get("aria-label") or "" for element in page.iter() if isinstance(element.tag, str)
    )
    assert re.findall(r"[A-Za-z]{2,}", text) == []
    assert "Поиск материалов" in text and "Найдено 5 материалов." in text


def test_student_view_data_carries_the_presets_only(make_block, db):
    block = make_block(
        '<ppta_library preset_areas=\'["integration", "atlantis"]\' preset_language="ru" page_size="7"/>'
    )
    assert block.student_view_data() == {
        "display_name": "Materials library", "preset_areas": ["integration"], "preset_types": [],
        "preset_language": "ru", "page_size": 7,
    }


def test_search_answers_are_cached_briefly(make_block, settings, db):
    add_material("first", titles={"en": "First handbook"})
    block = make_block("<ppta_library/>")
    assert search(block).json["total"] == 1
    add_material("second", titles={"en": "Second handbook"})
    assert search(block).json["total"] == 1  # the cached answer, for up to a minute
    settings.PPTA_XBLOCKS_CATALOG_CACHE_SECONDS = 0
    assert search(block).json["total"] == 2
