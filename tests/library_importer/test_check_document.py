"""One set of file rules: ``check_document`` (one upload) and the importer refuse the same files,
including an Office package that is a zip bomb; messages follow the active language."""

from __future__ import annotations

import io

import pytest
from django.utils import translation

from library_importer.public import DocumentRefused, check_document
from tests.contributions.conftest import zip_bomb_docx
from tests.library_importer.documents import minimal_pdf, office_package
from tests.library_importer.import_helpers import material_row, media_fixture, run_cli, source_fixture  # noqa: F401


def check(name: str, content: bytes):
    return check_document(name, io.BytesIO(content), len(content))


def test_a_good_pdf_and_docx():
    pdf = check("Стратегия.PDF", minimal_pdf(3))
    assert (pdf.extension, pdf.mime_type, pdf.page_count) == (".pdf", "application/pdf", 3)
    assert len(pdf.sha256) == 64 and pdf.size > 0
    docx = check("plan.docx", office_package("docx"))
    assert docx.mime_type.endswith("wordprocessingml.document") and docx.page_count is None


@pytest.mark.parametrize(("name", "content", "english", "russian"), [
    ("fake.pdf", b"<html>", "fake.pdf is not a PDF document (it does not start with %PDF-)",
     "fake.pdf — это не документ PDF (файл не начинается с %PDF-)"),
    ("bomb.docx", zip_bomb_docx(), "bomb.docx is refused: its member word/document.xml would expand more than "
     "100 times (a possible zip bomb)", "распаковывается более чем в 100 раз (возможная zip-бомба)"),
    ("tool.exe", b"MZ", "Unsupported file type; allowed: .pdf, .docx, .pptx, .xlsx, .odt.",
     "Этот тип файлов не поддерживается"),
])
def test_refusals_in_both_languages(name, content, english, russian):
    with pytest.raises(DocumentRefused) as refused:
        check(name, content)
    assert str(refused.value) == english
    with translation.override("ru"), pytest.raises(DocumentRefused) as refused:
        check(name, content)
    assert russian in str(refused.value)


def test_size_limit(settings):
    settings.PPTA_LIBRARY_MAX_FILE_SIZE = 100
    with pytest.raises(DocumentRefused, match="larger than the limit of 100 bytes"):
        check("big.pdf", minimal_pdf())


@pytest.mark.django_db
def test_the_importer_refuses_the_same_zip_bomb(source, media):
    source.write([material_row("bomb", file_en="files/bomb.docx")], {"files/bomb.docx": zip_bomb_docx()})
    result = run_cli("import", source.root)
    assert result.exit_code == 1 and "possible zip bomb" in result.output
