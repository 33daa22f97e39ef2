"""Manifests written by people (issue 15): ids in any case, titles in a language that has no document.

An id is matched case-insensitively and stored in lower case; pages, the API and
``library_importer.public`` find a material by its id in any case. A title (and description) given
in a language without a document is shown to readers of that language, marked with the document's
language, and found by search.
"""

from __future__ import annotations

import json

import pytest

from library_importer.migrations import __name__ as migrations_package
from library_importer.models import Material, MaterialTitle
from library_importer.public import get_material, search_materials
from tests.library_importer.documents import minimal_pdf
from tests.library_importer.import_helpers import material_row, media_fixture, run_cli, source_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
LIBRARY = "/academy/library/"
CURRICULUM_RU = "Учебная программа по миграции"


def curriculum(**values) -> dict:
    """An English-only document with a Russian title and description (no Russian document)."""
    row = material_row("HB-RETURN-2014", title_en="Migration Curriculum", description_en="Six modules.",
                       title_ru=CURRICULUM_RU, description_ru="Шесть модулей.", file_en="files/curriculum.pdf")
    row.update(values)
    return row


def test_an_id_in_capitals_is_accepted_stored_lower_case_and_a_second_import_in_another_case_updates(source):
    same_file = {"files/curriculum.pdf": minimal_pdf(1, "curriculum")}  # not made from the id as written
    source.write([curriculum()], files=same_file)
    assert "1 created" in run_cli("import", source.root).output
    assert list(Material.objects.values_list("external_id", flat=True)) == ["hb-return-2014"]

    source.write([curriculum(id="Hb-Return-2014")], files=same_file)
    assert "0 created, 0 updated, 1 unchanged" in run_cli("import", source.root).output
    source.write([curriculum(id="hb-return-2014", title_en="Migration Curriculum, second edition")], files=same_file)
    assert "0 created, 1 updated, 0 unchanged" in run_cli("import", source.root).output
    assert Material.objects.count() == 1
    assert get_material("HB-Return-2014").title("en") == "Migration Curriculum, second edition"


def test_ids_differing_only_in_case_are_duplicates_and_bad_ids_are_named(source):
    source.write([material_row("Handbook-A"), material_row("HANDBOOK-A"), material_row("handbook a")])
    result = run_cli("import", source.root)
    assert result.exit_code == 1
    assert ("row 3, id handbook-a, column id: duplicate id 'HANDBOOK-A' (first used in row 2 as 'Handbook-A': "
            "ids ignore case)") in result.output
    assert "row 4, id handbook a, column id: id 'handbook a' must be latin letters, digits, '-' or '_'" in result.output
    assert Material.objects.count() == 0


def test_a_title_without_a_document_is_stored_shown_marked_and_searchable(source):
    source.write([curriculum()])
    run_cli("import", source.root)
    title = MaterialTitle.objects.get()
    assert (title.material.external_id, title.language, title.title, title.description) == (
        "hb-return-2014", "ru", CURRICULUM_RU, "Шесть модулей.")
    assert list(title.material.versions.values_list("language", flat=True)) == ["en"]

    material = get_material("hb-return-2014")
    assert (material.title("ru"), material.title_language("ru"), material.document_note("ru")) == (
        CURRICULUM_RU, "ru", "на английском")
    assert (material.title("en"), material.title_language("en"), material.document_note("en")) == (
        "Migration Curriculum", "en", "")
    assert material.description("ru") == "Шесть модулей."
    # search finds it by the title without a document; the language filter still means "has a document in"
    assert [found.id for found in search_materials(q="учебная ПРОГРАММА").results] == ["hb-return-2014"]
    assert search_materials(q="учебная программа", language="ru").total == 0


def test_a_russian_only_document_with_an_english_title_is_marked_in_russian(source):
    source.write([material_row("results-note", title_en="Results Note", file_en="",
                               title_ru="Заметка о результатах", file_ru="files/results-note.ru.pdf")])
    run_cli("import", source.root)
    material = get_material("results-note")
    assert (material.title("en"), material.document_note("en")) == ("Results Note", "in Russian")
    assert (material.title("ru"), material.document_note("ru")) == ("Заметка о результатах", "")


def test_removing_the_title_from_the_manifest_removes_it(source):
    source.write([curriculum()])
    run_cli("import", source.root)
    source.write([curriculum(title_ru="", description_ru="")])
    assert "1 updated" in run_cli("import", source.root).output
    assert MaterialTitle.objects.count() == 0
    assert get_material("hb-return-2014").title("ru") == "Migration Curriculum"
    assert get_material("hb-return-2014").document_note("ru") == ""


def test_a_description_needs_its_title_and_a_material_needs_a_document(source):
    source.write([material_row("no-title", description_ru="Описание без названия"),
                  material_row("titles-only", file_en="", title_ru="Только название")])
    result = run_cli("import", source.root)
    assert result.exit_code == 1
    assert "row 2, id no-title, column description_ru: description_ru is given but title_ru is empty" in result.output
    assert "row 3, id titles-only, column file_en: no document in any language" in result.output


@pytest.fixture
def imported(source):
    source.write([curriculum()])
    run_cli("import", source.root)


def test_russian_pages_show_the_russian_title_marked_in_english(client, imported):
    detail = client.get(f"{LIBRARY}materials/hb-return-2014/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert f'<h1 lang="ru">{CURRICULUM_RU} <span class="ppta-document-note">(на английском)</span></h1>' in detail
    assert '<div class="ppta-title-description" lang="ru"><p>Шесть модулей.</p></div>' in detail
    assert '<p class="ppta-version__title" lang="en">Migration Curriculum</p>' in detail  # the document itself
    browse = client.get(LIBRARY, {"q": "программа"}, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert (f'lang="ru">{CURRICULUM_RU}</a> <span class="ppta-document-note">(на английском)</span>') in browse
    english = client.get(f"{LIBRARY}materials/hb-return-2014/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<h1 lang="en">Migration Curriculum</h1>' in english and "ppta-document-note" not in english


@pytest.mark.parametrize("url", ["materials/HB-RETURN-2014/", "materials/Hb-Return-2014/"])
def test_a_page_url_in_another_case_redirects_to_the_canonical_url(client, imported, url):
    response = client.get(f"{LIBRARY}{url}", {"from": "course"})
    assert response.status_code == 301
    assert response["Location"] == f"{LIBRARY}materials/hb-return-2014/?from=course"


def test_downloads_the_inline_view_and_the_api_find_an_id_in_another_case(client, imported):
    download = client.get(f"{LIBRARY}materials/HB-Return-2014/download/en/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert client.get(f"{LIBRARY}materials/HB-RETURN-2014/view/en/").status_code == 200
    response = client.get(f"{LIBRARY}api/v1/materials/HB-RETURN-2014/")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["id"] == "hb-return-2014"
    assert data["titles"] == {"ru": {"title": CURRICULUM_RU, "description": "Шесть модулей."}}
    assert data["detail_url"].endswith("/materials/hb-return-2014/")
    assert client.get(f"{LIBRARY}api/v1/materials/HB-NOTHING/").status_code == 404


def test_pages_and_api_for_a_case_variant_follow_the_login_setting(client, imported, settings, django_user_model):
    settings.PPTA_LIBRARY_REQUIRE_LOGIN = True
    assert client.get(f"{LIBRARY}materials/HB-RETURN-2014/").status_code == 302  # to the login page
    assert "login" in client.get(f"{LIBRARY}materials/HB-RETURN-2014/")["Location"]
    assert client.get(f"{LIBRARY}api/v1/materials/HB-RETURN-2014/").status_code in (401, 403)
    client.force_login(django_user_model.objects.create_user("learner", "learner@example.org", "secret"))
    assert client.get(f"{LIBRARY}materials/HB-RETURN-2014/").status_code == 301
    assert client.get(f"{LIBRARY}api/v1/materials/HB-RETURN-2014/").status_code == 200


def test_the_migration_lowers_ids_typed_in_capitals_unless_the_lower_case_id_is_taken():
    import importlib

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module(f"{migrations_package}.0004_material_titles")
    # MySQL/MariaDB's unique index already ignores case: "Taken" and "taken" cannot both exist there
    ids = ["Typed-In-Admin", "Taken"] + ([] if connection.vendor == "mysql" else ["taken"])
    Material.objects.bulk_create([Material(external_id=external_id, type="handbook")  # bulk: no save() lowering
                                  for external_id in ids])
    migration.lower_case_ids(apps, None)
    expected = ["typed-in-admin", "taken"] if connection.vendor == "mysql" else ["typed-in-admin", "Taken", "taken"]
    assert sorted(Material.objects.values_list("external_id", flat=True)) == sorted(expected)
