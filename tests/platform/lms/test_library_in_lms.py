"""The materials library inside the LMS: its migrations on the platform's database, and its pages,
API, downloads and inline views at the URLs where the LMS mounts them, in English and Russian."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from library_importer.public import SAMPLE_LIBRARY, get_material
from ppta_platform_settings import PPTA_APP_LABELS

pytestmark = [pytest.mark.django_db, pytest.mark.mariadb]
LANGUAGE_COOKIE = "openedx-language-preference"  # the LMS's language cookie (LANGUAGE_COOKIE_NAME)
STRATEGY = "national-strategy-md-migration-asylum"


@pytest.fixture
def library():
    call_command("import_materials", str(SAMPLE_LIBRARY))


def installed_ppta_labels():
    return [label for label in PPTA_APP_LABELS if label in {config.label for config in apps.get_app_configs()}]


def test_every_ppta_migration_is_applied_to_the_platform_database():
    on_disk = MigrationLoader(connection, ignore_no_migrations=True).disk_migrations
    applied = MigrationRecorder(connection).applied_migrations()
    for label in installed_ppta_labels():
        names = {name for app, name in on_disk if app == label}
        assert names, f"{label} has no migrations"
        assert {name for app, name in applied if app == label} == names, label


def test_models_and_migrations_agree():
    # exits non-zero (SystemExit) when a model change has no migration
    call_command("makemigrations", *installed_ppta_labels(), "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize(("language", "heading"), [("en", "Materials library"), ("ru", "Библиотека материалов")])
def test_library_pages_answer_in_the_learners_language(library, language, heading):
    client = Client()
    client.cookies[LANGUAGE_COOKIE] = language
    page = client.get("/academy/library/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'lang="{language}"' in html and heading in html
    found = client.get("/academy/library/", {"q": "СТРАТЕГИЯ"})
    assert STRATEGY in found.content.decode(), "Cyrillic search is case-insensitive"
    detail = client.get(f"/academy/library/materials/{STRATEGY}/")
    assert detail.status_code == 200


def test_library_api_download_and_inline_view_answer_inside_the_lms(library):
    client = Client()
    listing = client.get("/academy/library/api/v1/materials/", {"q": "стратегия"}).json()
    assert [row["id"] for row in listing["results"]] == [STRATEGY]
    material = get_material(STRATEGY)
    russian = material.versions["ru"]
    download = client.get(russian.download_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    inline = client.get(russian.view_url)
    assert inline.status_code == 200 and inline["Content-Disposition"].startswith("inline")
    assert get_material(STRATEGY).versions["ru"].download_url == russian.download_url
    assert client.get("/academy/library/materials/no-such-material/").status_code == 404
