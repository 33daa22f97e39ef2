"""ppta_material in the real WorkbenchRuntime.

Faked (the workbench lacks them): the LMS user service (roles, ``pref-lang``) and event publishing
(``runtime.published`` records what the LMS's completion and tracking services would receive) — see
``conftest.make_block``. The catalog is real: rows created through ``library_importer.models``.
"""

from __future__ import annotations

import json
import re
from unittest import mock

import lxml.html
import pytest
from django.utils import translation
from webob import Request

from tests.xblocks.catalog_data import add_bilingual_handbook, add_material, fresh_catalog_cache  # noqa: F401 (fixture)
from tests.xblocks.html_query import select

HANDBOOK = "handbook-identification-irregular-migrants"
BILINGUAL = f'<ppta_material display_name="Handbook" material_id="{HANDBOOK}" default_language="ru"/>'


def call(block, handler: str, data=None, method: str = "POST", body: bytes | None = None):
    request = Request.blank("/", method=method)
    if method == "POST":
        request.body = body if body is not None else json.dumps(data or {}).encode()
        request.content_type = "application/json"
    return block.runtime.handle(block, handler, request)


def render(block, language: str = "en"):
    with translation.override(language):
        return lxml.html.fromstring(block.render("student_view").content)


def shown_language(page) -> str:
    """The language of the document a learner sees first (the one not hidden, with a loaded viewer)."""
    visible = [doc for doc in select(page, ".ppta-material__document") if doc.get("hidden") is None]
    assert len(visible) == 1
    assert select(visible[0], "iframe")[0].get("src")
    return visible[0].get("data-language")


@pytest.fixture
def handbook(db):
    return add_bilingual_handbook()


# ---- which language a learner sees ----

@pytest.mark.parametrize(("ui", "pref_lang", "expected"), [
    ("ru", None, "ru"),      # UI language
    ("en", "ru", "en"),      # UI language beats the account preference when it is one we have
    ("de", "en", "en"),      # UI language without a document -> account language
    ("de", None, "ru"),      # neither -> the author's default (ru here)
])
def test_document_language_follows_ui_then_account_then_author_default(make_block, handbook, ui, pref_lang, expected):
    block = make_block(BILINGUAL, pref_lang=pref_lang)
    assert shown_language(render(block, ui)) == expected


def test_learner_choice_is_remembered_for_every_material_block_of_that_learner(make_block, handbook):
    add_material("report-2", titles={"en": "Report", "ru": "Доклад"})
    block = make_block(BILINGUAL)
    assert call(block, "select_language", {"language": "ru"}).status_code == 200
    assert shown_language(render(block, "en")) == "ru"
    other_block = make_block('<ppta_material material_id="report-2"/>')
    assert shown_language(render(other_block, "en")) == "ru"
    other_learner = make_block(BILINGUAL, user_id="learner-2")
    assert shown_language(render(other_learner, "en")) == "en"


def test_language_switch_offers_both_documents_with_lang_and_pressed_state(make_block, handbook):
    page = render(make_block(BILINGUAL), "ru")
    buttons = select(page, ".ppta-material__switch button")
    assert [(b.get("data-language"), b.get("aria-pressed"), b.text_content()) for b in buttons] == [
        ("en", "false", "Английский"), ("ru", "true", "Русский"),
    ]
    hidden_doc = select(page, '.ppta-material__document[data-language="en"]')[0]
    assert hidden_doc.get("hidden") is not None
    frame = select(hidden_doc, "iframe")[0]
    assert frame.get("src") is None and frame.get("data-src").endswith(f"{HANDBOOK}-en.pdf")
    assert frame.get("lang") == "en" and "Handbook on Identification" in frame.get("title")
    links = select(hidden_doc, "a[hreflang]")
    assert {link.get("hreflang") for link in links} == {"en"}


def test_one_document_means_no_switch(make_block, db):
    add_material("only-ru", titles={"ru": "Только по-русски"})
    page = render(make_block('<ppta_material material_id="only-ru" default_language="en"/>'), "en")
    assert select(page, ".ppta-material__switch") == []
    assert shown_language(page) == "ru"


def test_explicit_url_wins_over_the_catalog_version(make_block, handbook):
    block = make_block(f'<ppta_material material_id="{HANDBOOK}" url_en="/static/own-guide-en.pdf"/>')
    page = render(block, "en")
    assert select(page, '[data-language="en"] iframe')[0].get("src") == "/static/own-guide-en.pdf"
    assert select(page, '[data-language="ru"] iframe')[0].get("data-src").endswith(f"{HANDBOOK}-ru.pdf")


def test_stored_library_pdf_is_embedded_through_the_inline_view(make_block, db):
    """Shown through the library's inline view; the download link still goes through the counting view."""
    add_material("stored", titles={"en": "Stored handbook"}, stored_file=True)
    page = render(make_block('<ppta_material material_id="stored"/>'), "en")
    assert select(page, "iframe")[0].get("src") == "/academy/library/materials/stored/view/en/"  # the active one
    assert select(page, 'a[data-action="open"]')[0].get("href") == "/academy/library/materials/stored/view/en/"
    assert select(page, 'a[data-action="download"]')[0].get("href") == "/academy/library/materials/stored/download/en/"


def test_size_and_pages_use_russian_plurals_and_number_format(make_block, db):
    for pages, expected in ((1, "1 страница"), (3, "3 страницы"), (48, "48 страниц"), (21, "21 страница")):
        add_material(f"m{pages}", titles={"ru": "Т"}, page_count=pages, size=2_345_678)
        text = render(make_block(f'<ppta_material material_id="m{pages}"/>'), "ru").text_content()
        assert f"2,3 МБ, {expected}" in text


# ---- completion and events ----

@pytest.mark.parametrize(("action", "event", "url"), [
    ("open", "ppta.material.opened", f"https://docs.example.org/{HANDBOOK}-ru.pdf"),
    ("download", "ppta.material.downloaded", f"/academy/library/materials/{HANDBOOK}/download/ru/"),
])
def test_open_or_download_publishes_the_event_and_completes(make_block, handbook, action, event, url):
    block = make_block(BILINGUAL)
    assert block.has_custom_completion
    response = call(block, "record_access", {"action": action, "language": "ru"})
    assert response.status_code == 200 and response.json == {"completed": True}
    assert block.runtime.published == [
        (event, {"material_id": HANDBOOK, "language": "ru", "url": url}),
        ("completion", {"completion": 1.0}),
    ]
    assert block.completed is True


def test_rendering_alone_does_not_complete(make_block, handbook):
    block = make_block(BILINGUAL)
    render(block)
    assert block.runtime.published == [] and block.completed is False


@pytest.mark.parametrize("handler", ["record_access", "select_language", "submit_studio_edits"])
def test_json_handlers_refuse_get(make_block, handbook, handler):
    block = make_block(BILINGUAL, role="staff")
    response = call(block, handler, method="GET")
    assert response.status_code == 405 and response.headers["Allow"] == "POST"


@pytest.mark.parametrize("data", [
    {"action": "open", "language": "de"},
    {"action": "delete", "language": "en"},
    {"action": "open"},
    ["open", "en"],
])
def test_record_access_rejects_bad_input_without_side_effects(make_block, handbook, data):
    block = make_block(BILINGUAL)
    assert call(block, "record_access", data).status_code == 400
    assert block.runtime.published == [] and block.completed is False


def test_select_language_rejects_a_language_without_document_and_bad_json(make_block, db):
    add_material("only-en", titles={"en": "Only English"})
    block = make_block('<ppta_material material_id="only-en"/>')
    assert call(block, "select_language", {"language": "ru"}).status_code == 400
    assert call(block, "select_language", body=b"{not json").status_code == 400
    assert block.preferred_language == ""


# ---- Studio: permission and validation ----

def studio_submit(block, **values):
    return call(block, "submit_studio_edits", {"values": values, "defaults": []})


def error_text(response) -> str:
    return " ".join(message["text"] for message in response.json["error"]["messages"])


def test_learners_cannot_edit(make_block, handbook):
    block = make_block(BILINGUAL, role="student")
    response = studio_submit(block, display_name="Hacked")
    assert response.status_code == 403
    assert block.display_name == "Handbook"
    assert "Hacked" not in block.render("studio_view").content
    assert "only course staff" in block.render("studio_view").content.lower()


def test_staff_can_edit(make_block, handbook):
    block = make_block(BILINGUAL, role="instructor")
    assert studio_submit(block, display_name="New name", url_ru="https://docs.example.org/x.pdf").status_code == 200
    assert (block.display_name, block.url_ru) == ("New name", "https://docs.example.org/x.pdf")
    editor = lxml.html.fromstring(block.render("studio_view").content)
    assert {field.get("data-field-name") for field in select(editor, "[data-field-name]")} >= {"url_en", "url_ru"}


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", " JavaScript:alert(1)", "data:application/pdf;base64,AAAA", "http://docs.example.org/x.pdf",
    "//evil.example.org/x.pdf", "/academy/library/../admin/", "/admin/", "https://", "vbscript:x", "/static/a\nb.pdf",
])
def test_unsafe_urls_are_rejected_on_save(make_block, handbook, url):
    block = make_block(BILINGUAL, role="staff")
    response = studio_submit(block, url_en=url)
    assert response.status_code == 400
    assert error_text(response) == "English document URL must be an https:// URL or a course file (/static/…)."
    assert block.url_en == ""


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>", "http://x.org/a.pdf"])
def test_unsafe_urls_in_imported_olx_are_never_rendered(make_block, db, url):
    block = make_block(f'<ppta_material url_en="{url.replace("<", "&lt;")}"/>')
    html = block.render("student_view").content
    assert url.split(":")[0] + ":" not in html.replace("https:", "")
    assert "No document has been added" in html
    assert block.student_view_data()["documents"] == {}


@pytest.mark.parametrize(("values", "message"), [
    ({"material_id": "no-such-material"}, "no published library material"),
    ({"material_id": "bad id!"}, "may contain only"),
    ({"material_id": "", "url_en": "", "url_ru": ""}, "Choose a library material"),
    ({"default_language": "de"}, "default language"),
])
def test_studio_validation_names_the_problem(make_block, handbook, values, message):
    block = make_block(BILINGUAL, role="staff")
    response = studio_submit(block, **values)
    assert response.status_code == 400 and message in error_text(response)


def test_validation_messages_are_translated(make_block, handbook):
    block = make_block(BILINGUAL, role="staff")
    with translation.override("ru"):
        response = studio_submit(block, url_en="javascript:alert(1)")
    assert error_text(response) == "URL документа на английском: укажите адрес https:// или файл курса (/static/…)."


# ---- XSS ----

XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def test_xss_payload_in_every_author_field_and_catalog_title_is_escaped(make_block, db):
    add_material("xss-material", titles={"en": XSS, "ru": XSS})
    olx = lxml.etree.Element("ppta_material")
    for name, value in {"display_name": XSS, "material_id": "xss-material", "default_language": XSS,
                        "url_en": "https://x.example.org/" + XSS, "url_ru": "/static/" + XSS}.items():
        olx.set(name, value)
    block = make_block(lxml.etree.tostring(olx, encoding="unicode"))
    html = block.render("student_view").content
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    page = lxml.html.fromstring(html)
    assert not select(page, "script, img, [onerror]")
    for element in page.iter():
        for name, value in element.attrib.items():
            assert not name.startswith("on")
            assert not value.lower().startswith(("javascript:", "data:"))
    for xss_id in ('<script>alert(1)</script>', XSS):
        payload_block = make_block(lxml.etree.tostring(lxml.etree.Element("ppta_material", material_id=xss_id),
                                                       encoding="unicode"))
        assert "<script>" not in payload_block.render("student_view").content


# ---- library availability ----

def test_library_not_installed_shows_a_clear_notice(make_block, db):
    """The library app cannot be uninstalled per test: its lookup is patched to report "not installed"."""
    with mock.patch("xblocks.material.documents.library", return_value=None):
        html = render(make_block(BILINGUAL), "ru").text_content()
    assert "Библиотека материалов на этом сайте недоступна." in html


def test_withdrawn_material_is_not_shown(make_block, db):
    add_material(HANDBOOK, titles={"en": "Withdrawn"}, status="withdrawn")
    html = render(make_block(BILINGUAL), "en").text_content()
    assert "This material is not available in the library." in html and "Withdrawn" not in html


# ---- mobile ----

def test_student_view_data_lists_documents_and_supports_multi_device(make_block, handbook):
    block = make_block(BILINGUAL, pref_lang="ru")
    from xblocks.material import TrainingMaterialBlock

    assert TrainingMaterialBlock.supports("multi_device") or block.has_support(block.student_view, "multi_device")
    with translation.override("en"):
        data = block.student_view_data()
    assert data["language"] == "en" and data["material_id"] == HANDBOOK
    assert set(data["documents"]) == {"en", "ru"}
    assert data["documents"]["ru"]["url"] == f"https://docs.example.org/{HANDBOOK}-ru.pdf"
    assert data["documents"]["ru"]["page_count"] == 48
    assert "completed" not in json.dumps(data) and "preferred" not in json.dumps(data)


def test_student_view_data_rewrites_course_asset_urls_for_the_apps(make_block, db):
    """The LMS's replace_urls service is faked (the workbench has none): it rewrites quoted /static/ URLs."""
    block = make_block('<ppta_material url_en="/static/guide.pdf"/>')
    rewrite = mock.Mock(replace_urls=lambda text: text.replace('"/static/', '"/assets/course-v1:X+Y+Z/'))
    services = block.runtime._services
    with mock.patch.dict(services, {"replace_urls": rewrite}):
        data = block.student_view_data()
    assert data["documents"]["en"]["url"] == "/assets/course-v1:X+Y+Z/guide.pdf"
    assert "/static/guide.pdf" in block.render("student_view").content  # the LMS rewrites the HTML itself


def test_course_search_indexes_the_document_titles(make_block, handbook):
    index = make_block(BILINGUAL).index_dictionary()
    assert "Пособие Пражского процесса" in index["content"]["titles"]
    assert "Handbook on Identification" in index["content"]["titles"]
    assert index["content"]["display_name"] == "Handbook"


# ---- Russian UI ----

def test_russian_ui_render_shows_no_english(make_block, handbook):
    html = render(make_block(f'<ppta_material material_id="{HANDBOOK}"/>'), "ru")
    text = " ".join(html.itertext()) + " " + " ".join(
        value for element in html.iter() for name, value in element.attrib.items() if name in ("title", "aria-label")
    )
    english_title = "Prague Process Handbook on Identification of Irregular Migrants"
    text = text.replace(english_title, "")  # catalogue data, not UI
    assert re.findall(r"[A-Za-z]{2,}", text) == []
    assert "Учебный материал" in text and "Открыть в новой вкладке" in text and "Скачать" in text
