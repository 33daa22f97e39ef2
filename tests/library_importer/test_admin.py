"""Staff admin: materials with their versions inline, Cyrillic search, uploads described; runs read-only."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from library_importer.models import ImportRun, Material, MaterialVersion
from library_importer.public import SAMPLE_LIBRARY
from library_importer.search import MaterialFilters, find_materials
from tests.library_importer.documents import minimal_pdf
from tests.library_importer.import_helpers import media_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("librarian", "librarian@example.org", "secret")
    client.force_login(user)
    return client


def found(**filters) -> list[str]:
    return [material.external_id for material in find_materials(MaterialFilters(**filters))]


@pytest.fixture
def sample():
    call_command("import_materials", str(SAMPLE_LIBRARY))


def test_material_list_and_change_page_show_the_versions_inline(staff_client, sample):
    listing = staff_client.get("/admin/ppta_library/material/")
    assert listing.status_code == 200
    assert "national-strategy-md-migration-asylum" in listing.content.decode()
    material = Material.objects.get(external_id="national-strategy-md-migration-asylum")
    page = staff_client.get(f"/admin/ppta_library/material/{material.pk}/change/").content.decode()
    assert "Национальная стратегия в области миграции и убежища" in page
    assert material.versions.get(language="ru").sha256 in page


def test_admin_search_finds_cyrillic_in_any_case(staff_client, sample):
    page = staff_client.get("/admin/ppta_library/material/", {"q": "ТОРГОВЛЯ"}).content.decode()
    assert "trainers-manual-what-is-thb" in page and "handbook-readmission-returns" not in page


def test_a_staff_upload_gets_its_file_facts_and_search_text(staff_client):
    pdf = minimal_pdf(2)
    response = staff_client.post("/admin/ppta_library/material/add/", {
        "external_id": "Staff-Upload", "type": "brief", "year": "2024", "status": "published",
        "area_links-TOTAL_FORMS": "1", "area_links-INITIAL_FORMS": "0", "area_links-0-area": "integration",
        "versions-TOTAL_FORMS": "1", "versions-INITIAL_FORMS": "0",
        "versions-0-language": "ru", "versions-0-title": "Записка ЁЛКИ",
        "versions-0-file": SimpleUploadedFile("brief.pdf", pdf, content_type="application/pdf"),
        "titles-TOTAL_FORMS": "1", "titles-INITIAL_FORMS": "0",
        "titles-0-language": "en", "titles-0-title": "Brief on fir trees",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    version = MaterialVersion.objects.get(material__external_id="staff-upload")
    assert version.sha256 == hashlib.sha256(pdf).hexdigest() and version.size == len(pdf)
    assert version.mime_type == "application/pdf" and version.page_count == 2
    material = Material.objects.get(external_id="staff-upload")  # the id typed as Staff-Upload, stored lower-case
    assert "записка елки" in material.search_text and "brief on fir trees" in material.search_text
    assert material.titles.get(language="en").title == "Brief on fir trees"
    # the areas and document languages typed in the admin are what the library's filters find it by
    assert found(areas=("integration",), language="ru") == ["staff-upload"]
    assert found(areas=("asylum-international-protection",)) == found(language="en") == []


def test_withdraw_and_publish_actions(staff_client, sample):
    def found() -> list[str]:
        return [material.external_id for material in find_materials(MaterialFilters(q="results-note"))]

    material = Material.objects.get(external_id="results-note-2025")
    assert found() == ["results-note-2025"]
    staff_client.post("/admin/ppta_library/material/", {"action": "withdraw", "_selected_action": [material.pk]})
    material.refresh_from_db()
    assert material.status == "withdrawn" and found() == []
    staff_client.post("/admin/ppta_library/material/", {"action": "publish", "_selected_action": [material.pk]})
    material.refresh_from_db()
    assert material.status == "published" and found() == ["results-note-2025"]


def test_import_runs_are_read_only(staff_client, sample):
    run = ImportRun.objects.get()
    page = staff_client.get(f"/admin/ppta_library/importrun/{run.pk}/change/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "succeeded" in content and "handbook-readmission-returns" in content  # the report
    assert 'name="state"' not in content and "Save" not in content
    assert staff_client.get("/admin/ppta_library/importrun/add/").status_code == 403
    assert staff_client.get(f"/admin/ppta_library/importrun/{run.pk}/delete/").status_code == 403
    staff_client.post(f"/admin/ppta_library/importrun/{run.pk}/change/", {"state": "failed"})
    run.refresh_from_db()
    assert run.state == "succeeded"


def test_the_admin_is_for_staff_only(client, sample):
    assert client.get("/admin/ppta_library/material/").status_code == 302  # to the login page


def test_a_version_url_must_be_https(staff_client):
    response = staff_client.post("/admin/ppta_library/material/add/", {
        "external_id": "insecure", "type": "brief", "status": "published",
        "area_links-TOTAL_FORMS": "0", "area_links-INITIAL_FORMS": "0",
        "versions-TOTAL_FORMS": "1", "versions-INITIAL_FORMS": "0",
        "versions-0-language": "en", "versions-0-title": "Brief", "versions-0-url": "http://example.org/brief.pdf",
    })
    assert response.status_code == 200 and "Only https:// addresses are allowed." in response.content.decode()
    assert not Material.objects.exists()
