"""Bad files are refused with a message on their field and leave nothing behind: no file, no row."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contributions.models import Contribution, ContributionDocument, contribution_storage
from tests.contributions.conftest import docx_bytes, form_data, submit, zip_bomb_docx
from tests.library_importer.documents import minimal_pdf

pytestmark = pytest.mark.django_db


def stored_files() -> list[str]:
    storage = contribution_storage()
    if not storage.exists("ppta-contributions"):
        return []
    folders, _files = storage.listdir("ppta-contributions")
    return [name for folder in folders for name in storage.listdir(f"ppta-contributions/{folder}")[1]]


@pytest.fixture
def clean_storage():
    before = stored_files()
    yield
    assert stored_files() == before, "a refused upload left a file in storage"


CASES = {
    "fake PDF": (SimpleUploadedFile("strategy.pdf", b"<html>not a pdf</html>"), "does not start with %PDF-"),
    "zip bomb as .docx": (SimpleUploadedFile("strategy.docx", zip_bomb_docx()), "possible zip bomb"),
    "not a Word document": (SimpleUploadedFile("strategy.docx", minimal_pdf()), "not a zip package"),
    "unsupported type": (SimpleUploadedFile("strategy.exe", b"MZ"), "Unsupported file type"),
    "empty": (SimpleUploadedFile("strategy.pdf", b""), "empty"),
}


@pytest.mark.parametrize("case", CASES)
def test_refused_with_a_message_and_nothing_stored(client, people, clean_storage, case):
    upload, message = CASES[case]
    response = submit(client, people["representative"], file_ru=upload)
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert Contribution.objects.count() == 0 and ContributionDocument.objects.count() == 0


def test_oversize(client, people, clean_storage, settings):
    settings.PPTA_LIBRARY_MAX_FILE_SIZE = 1000
    response = submit(client, people["representative"], file_ru=SimpleUploadedFile("big.pdf", minimal_pdf(40)))
    assert "larger than the limit of" in response.content.decode()
    assert Contribution.objects.count() == 0


def test_one_bad_file_of_two_stores_neither(client, people, clean_storage):
    response = submit(client, people["representative"], title_en="Strategy",
                      file_en=SimpleUploadedFile("en.pdf", b"fake"))
    assert response.status_code == 200 and Contribution.objects.count() == 0


def test_a_failure_while_saving_removes_the_stored_files(client, people, clean_storage, monkeypatch):
    from moderation import public as moderation

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(moderation, "submit", broken)
    client.raise_request_exception = False
    response = submit(client, people["representative"])
    assert response.status_code == 500
    assert Contribution.objects.count() == 0


def test_a_real_docx_and_a_hostile_name_are_fine(client, people):
    hostile = '"><img src=x onerror=alert(1)>план.docx'
    response = submit(client, people["representative"], file_ru=SimpleUploadedFile(hostile, docx_bytes()))
    assert response.status_code == 302
    document = ContributionDocument.objects.get()
    assert document.original_name == hostile  # shown, escaped, never used as a storage name
    assert document.file.name.startswith("ppta-contributions/") and document.file.name.endswith("/ru.docx")
    page = client.get(f"/academy/library/contributions/{document.contribution_id}/edit/").content.decode()
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;план.docx" in page


@pytest.mark.parametrize("url", ["http://example.org/a.pdf", "javascript:alert(1)", "https://"])
def test_only_https_links(client, people, url):
    client.force_login(people["representative"])
    response = client.post("/academy/library/contribute/", form_data(url_ru=url))
    assert "https://" in response.content.decode() and Contribution.objects.count() == 0
