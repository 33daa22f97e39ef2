"""The download view: streams stored files, redirects https URL versions, counts downloads."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from library_importer.models import MaterialVersion
from tests.library_importer.catalog_rows import build_catalog, make_material, tiny_pdf

pytestmark = pytest.mark.django_db


def download_url(material_id: str, lang: str) -> str:
    return f"/academy/library/materials/{material_id}/download/{lang}/"


def count(material_id: str, lang: str) -> int:
    return MaterialVersion.objects.get(material__external_id=material_id, language=lang).download_count


@pytest.fixture
def catalog():
    return build_catalog()


def test_streams_the_file_with_its_type_and_a_cyrillic_file_name(client, db):
    content = tiny_pdf("Пособие")
    make_material("ru-handbook", versions={"ru": {"title": "Пособие: тренер / модуль 1", "content": content}})
    response = client.get(download_url("ru-handbook", "ru"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(content))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    # RFC 6266/5987: the UTF-8 name, with characters unsafe in a file name replaced
    assert f"filename*=utf-8''{quote('Пособие тренер модуль 1.pdf')}" in disposition


def test_ascii_titles_give_a_plain_file_name(client, catalog):
    response = client.get(download_url("asylum-training-guidelines", "en"))
    assert response["Content-Disposition"] == 'attachment; filename="Guidelines on Training in the Asylum Process.pdf"'


def test_each_download_is_counted_once(client, catalog):
    for _ in range(3):
        response = client.get(download_url("thb-trainers-manual", "ru"))
        b"".join(response.streaming_content)
    assert count("thb-trainers-manual", "ru") == 3
    assert count("thb-trainers-manual", "en") == 0


def test_head_requests_are_not_counted(client, catalog):
    assert client.head(download_url("thb-trainers-manual", "en")).status_code == 200
    assert count("thb-trainers-manual", "en") == 0


def test_https_url_versions_redirect_and_are_counted(client, catalog):
    response = client.get(download_url("ge-labour-migration-strategy", "en"))
    assert response.status_code == 302
    assert response["Location"] == "https://example.org/ge-strategy.pdf"
    assert count("ge-labour-migration-strategy", "en") == 1


@pytest.mark.parametrize("url", ["javascript:alert(1)", "http://example.org/plain.pdf", "data:text/html,x"])
def test_non_https_urls_are_never_followed(client, db, url):
    make_material("odd-url", versions={"en": {"title": "Odd", "url": url}})
    assert client.get(download_url("odd-url", "en")).status_code == 404


@pytest.mark.parametrize(
    ("material_id", "lang"),
    [("withdrawn-brief", "en"), ("asylum-training-guidelines", "ru"), ("no-such-material", "en")],
)
def test_withdrawn_unknown_or_missing_versions_are_not_found(client, catalog, material_id, lang):
    assert client.get(download_url(material_id, lang)).status_code == 404


def test_a_file_missing_from_storage_is_not_found(client, catalog):
    version = MaterialVersion.objects.get(material__external_id="eris-integration-manual", language="en")
    version.file.storage.delete(version.file.name)
    assert client.get(download_url("eris-integration-manual", "en")).status_code == 404


def test_post_is_refused(client, catalog):
    assert client.post(download_url("thb-trainers-manual", "en")).status_code == 405
    assert count("thb-trainers-manual", "en") == 0


def test_login_setting_sends_anonymous_visitors_to_log_in(client, catalog, settings, django_user_model):
    settings.PPTA_LIBRARY_REQUIRE_LOGIN = True
    response = client.get(download_url("thb-trainers-manual", "en"))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    assert client.get(download_url("thb-trainers-manual", "en")).status_code == 200


def test_every_version_of_the_sample_library_opens(client, db):
    """End to end with the importer: the bundled sample's pages and downloads all work."""
    from io import StringIO

    from django.core.management import call_command

    from library_importer.public import SAMPLE_LIBRARY, search_materials

    call_command("import_materials", str(SAMPLE_LIBRARY), stdout=StringIO(), stderr=StringIO())
    materials = search_materials(page_size=None).results
    assert len(materials) >= 12
    for info in materials:
        assert client.get(info.detail_url).status_code == 200
        for version in info.versions.values():
            response = client.get(version.download_url)
            if version.external_url:
                assert (response.status_code, response["Location"]) == (302, version.external_url)
            else:
                assert response.status_code == 200
                assert b"".join(response.streaming_content)[:5] == b"%PDF-"
                assert response["Content-Type"] == version.mime_type == "application/pdf"


def view_url(material_id: str, lang: str) -> str:
    return f"/academy/library/materials/{material_id}/view/{lang}/"


def test_inline_view_shows_a_stored_pdf_in_the_browser_without_counting_it(client, db):
    content = tiny_pdf("Пособие")
    make_material("ru-handbook", versions={"ru": {"title": "Пособие", "content": content}})
    response = client.get(view_url("ru-handbook", "ru"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # the material block embeds it on the same site
    assert count("ru-handbook", "ru") == 0


def test_inline_view_is_only_for_published_stored_pdfs(client, catalog):
    from library_importer.models import Material
    from library_importer.public import get_material

    kinds = set()
    for material in get_material_ids_with_versions():
        info = get_material(material)
        for lang, version in info.versions.items():
            status = client.get(view_url(material, lang)).status_code
            if version.view_url:
                assert version.view_url == view_url(material, lang) and version.mime_type == "application/pdf"
                assert status == 200
            else:
                assert status == 404  # an https URL version or a non-PDF file: download only
            kinds.add(bool(version.view_url))
    assert kinds == {True, False}, "the catalog fixture should hold both kinds of version"
    withdrawn = Material.objects.filter(versions__file__gt="").first()
    withdrawn.status = Material.Status.WITHDRAWN
    withdrawn.save()
    lang = withdrawn.versions.exclude(file="").first().language
    assert client.get(view_url(withdrawn.external_id, lang)).status_code == 404


def get_material_ids_with_versions() -> list[str]:
    from library_importer.models import Material

    return list(Material.objects.filter(status=Material.Status.PUBLISHED).values_list("external_id", flat=True))
