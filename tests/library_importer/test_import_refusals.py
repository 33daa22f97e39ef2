"""Every refusal of the importer: its own message, exit code 1, and nothing written."""

from __future__ import annotations

import datetime
import json
import os
import stat
import zipfile

import pytest

from library_importer.models import ImportRun, Material, MaterialVersion
from tests.library_importer.documents import minimal_pdf, office_package
from tests.library_importer.import_helpers import material_row, media_fixture, run_cli, source_fixture, stored_files  # noqa: F401

pytestmark = pytest.mark.django_db


def assert_refused(result, *messages: str, media=None) -> None:
    assert result.exit_code == 1, result.output
    for message in messages:
        assert message in result.output
    assert not Material.objects.exists() and not MaterialVersion.objects.exists()
    if media is not None:
        assert stored_files(media) == []


def test_every_problem_of_every_row_is_reported_and_nothing_is_written(source, media):
    next_year = datetime.date.today().year + 1
    rows = [
        material_row("good-one"),
        material_row("bad-area", areas="integration;space-travel"),
        material_row("bad-type", type="poster"),
        material_row("bad-country", type="national_strategy", country="QQ"),
        material_row("good-one", title_en="Again"),
        material_row("no-title", title_en="", description_en="", file_en=""),
        material_row("missing-file", file_en="files/nowhere.pdf"),
        material_row("too-old", year="1989"),
        material_row("too-new", year=str(next_year + 1)),
        material_row("plain-http", file_en="", url_en="http://example.org/doc.pdf"),
    ]
    source.write(rows, files={"files/nowhere.pdf": None})
    result = run_cli("import", source.root)
    assert_refused(
        result,
        "9 problem(s); nothing was imported",
        "row 3, id bad-area, column areas: unknown thematic area 'space-travel'",
        "row 4, id bad-type, column type: unknown type 'poster'",
        "row 5, id bad-country, column country: unknown country 'QQ'",
        "row 6, id good-one, column id: duplicate id 'good-one' (first used in row 2)",
        "row 7, id no-title, column title_en: no title in any language",
        "row 8, id missing-file, column file_en: file 'files/nowhere.pdf' is missing from the source",
        "row 9, id too-old, column year: year 1989 is outside 1990–",
        f"row 10, id too-new, column year: year {next_year + 1} is outside 1990–{next_year}",
        "row 11, id plain-http, column url_en: url_en must be an https:// address",
        "--skip-invalid",
        media=media,
    )
    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.FAILED
    assert len(run.report["problems"]) == 9


def test_skip_invalid_imports_the_valid_rows_and_reports_the_others(source):
    source.write([material_row("fine"), material_row("broken", type="poster")])
    result = run_cli("import", source.root, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "Skipped 1 invalid row(s)" in result.output and "unknown type 'poster'" in result.output
    assert list(Material.objects.values_list("external_id", flat=True)) == ["fine"]


def test_unknown_language_columns_are_refused(source, tmp_path):
    (source.root / "files").mkdir(parents=True)
    (source.root / "files" / "a.pdf").write_bytes(minimal_pdf())
    (source.root / "manifest.json").write_text(json.dumps([
        {"id": "a", "type": "handbook", "areas": ["integration"], "title_en": "A", "file_en": "files/a.pdf",
         "title_de": "Ein Handbuch"},
    ]), encoding="utf-8")
    assert_refused(run_cli("import", source.root), "column title_de: unknown language 'de'")


@pytest.mark.parametrize(("name", "message"), [
    ("../outside.pdf", "path '../outside.pdf' leaves the source folder ('..' is not allowed)"),
    ("/etc/passwd.pdf", "absolute path '/etc/passwd.pdf' is not allowed"),
])
def test_paths_escaping_the_source_are_refused(source, media, name, message):
    (source.root.parent / "outside.pdf").write_bytes(minimal_pdf())
    source.write([material_row("escape", file_en=name)])
    assert_refused(run_cli("import", source.root), message, media=media)


def test_a_symlink_to_a_file_outside_the_source_is_refused(source, tmp_path, media):
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(minimal_pdf())
    source.write([material_row("linked", file_en="files/linked.pdf")], files={"files/linked.pdf": None})
    (source.root / "files").mkdir(exist_ok=True)
    os.symlink(secret, source.root / "files" / "linked.pdf")
    assert_refused(run_cli("import", source.root),
                   "'files/linked.pdf' is a symbolic link to a file outside the source", media=media)


def test_a_folder_linked_to_outside_the_source_is_refused_and_links_inside_it_are_followed(source, tmp_path,
                                                                                           media):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(minimal_pdf())
    source.write([material_row("inner"), material_row("secret", file_en="linked/deeper/secret.pdf")],
                 files={"linked/deeper/secret.pdf": None})
    (source.root / "linked").mkdir()
    os.symlink(outside, source.root / "linked" / "deeper")
    os.symlink(source.root / "files", source.root / "also-files")  # inside the source: followed
    assert_refused(run_cli("import", source.root),
                   "'linked/deeper/secret.pdf' is a symbolic link to a file outside the source", media=media)

    source.write([material_row("inner", file_en="also-files/inner.pdf")])
    result = run_cli("import", source.root)
    assert result.exit_code == 0, result.output
    assert MaterialVersion.objects.get().size == (source.root / "files" / "inner.pdf").stat().st_size


def test_a_file_over_the_size_limit_is_refused(source, settings, media):
    settings.PPTA_LIBRARY_MAX_FILE_SIZE = 100
    source.write([material_row("big")])
    assert_refused(run_cli("import", source.root), "larger than the limit of 100 bytes (PPTA_LIBRARY_MAX_FILE_SIZE)",
                   media=media)


@pytest.mark.parametrize(("extension", "content", "message"), [
    ("pdf", b"<html>not a pdf</html>", "x.pdf is not a PDF document (it does not start with %PDF-)"),
    ("docx", minimal_pdf(), "x.docx is not a Word document (it is not a zip package)"),
    ("pptx", office_package("docx"),
     "x.pptx is not a PowerPoint presentation (the package has no ppt/presentation.xml)"),
    ("xlsx", office_package("pptx"), "x.xlsx is not an Excel workbook (the package has no xl/workbook.xml)"),
    ("odt", office_package("xlsx"), "x.odt is not an OpenDocument text (no mimetype member first)"),
])
def test_content_not_matching_its_extension_is_refused(source, extension, content, message):
    source.write([material_row("x", file_en=f"x.{extension}")], files={f"x.{extension}": content})
    assert_refused(run_cli("import", source.root), f"content does not match the extension: {message}")


@pytest.mark.parametrize("extension", ["docx", "pptx", "xlsx", "odt"])
def test_office_documents_with_the_right_content_are_accepted(source, extension):
    source.write([material_row("doc", file_en=f"doc.{extension}")],
                 files={f"doc.{extension}": office_package(extension)})
    result = run_cli("import", source.root)
    assert result.exit_code == 0, result.output
    version = MaterialVersion.objects.get()
    assert version.file.name.endswith(f".{extension}") and version.page_count is None
    assert "officedocument" in version.mime_type or "opendocument" in version.mime_type


def test_an_unsupported_file_type_is_refused(source):
    source.write([material_row("exe", file_en="setup.exe")], files={"setup.exe": b"MZ"})
    assert_refused(run_cli("import", source.root), "setup.exe: unsupported file type; allowed: .pdf, .docx")


def test_a_version_needs_a_title_and_a_material_needs_a_document(source):
    source.write([
        material_row("no-ru-title", file_ru="files/no-ru-title.ru.pdf"),
        material_row("no-document", file_en="", title_ru="Пособие"),
        material_row("both", url_en="https://example.org/a.pdf"),
    ])
    assert_refused(run_cli("import", source.root),
                   "row 2, id no-ru-title, column title_ru: title_ru is required: file_ru or url_ru is given",
                   "row 3, id no-document, column file_en: no document in any language: give file_en or url_en",
                   "row 4, id both, column url_en: give file_en or url_en, not both")


def test_a_cp1251_manifest_needs_encoding_and_imports_with_it(source):
    source.write([material_row("cyr", title_ru="Пособие по интеграции", file_ru="files/cyr.ru.pdf")], encoding="cp1251")
    result = run_cli("import", source.root)
    assert_refused(result, "manifest.csv is not UTF-8", "--encoding cp1251")
    result = run_cli("import", source.root, "--encoding", "cp1251")
    assert result.exit_code == 0, result.output
    assert MaterialVersion.objects.get(language="ru").title == "Пособие по интеграции"


def test_an_unknown_encoding_is_a_usage_error(source):
    source.write([material_row("a")])
    result = run_cli("import", source.root, "--encoding", "klingon")
    assert result.exit_code == 2 and "unknown encoding 'klingon'" in result.output


# Zip sources -------------------------------------------------------------------------------------

def write_zip(path, members: dict[str, bytes], symlinks: dict[str, str] | None = None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return path


def manifest_csv(*rows: dict) -> bytes:
    from library_importer.importer.manifest import COLUMNS

    lines = [",".join(COLUMNS)]
    for row in rows:
        lines.append(",".join(row.get(column, "") for column in COLUMNS))
    return ("\n".join(lines) + "\n").encode()


def test_a_zip_source_imports_like_a_folder(tmp_path):
    archive = write_zip(tmp_path / "library.zip", {
        "library/manifest.csv": manifest_csv(material_row("zipped")),
        "library/files/zipped.pdf": minimal_pdf(2),
    })
    result = run_cli("import", archive)
    assert result.exit_code == 0, result.output
    assert MaterialVersion.objects.get().page_count == 2


@pytest.mark.parametrize(("member", "message"), [
    ("../evil.pdf", "zip member '../evil.pdf' would be written outside the source"),
    ("/tmp/evil.pdf", "zip member '/tmp/evil.pdf' has an absolute path"),
])
def test_zip_members_escaping_the_source_are_refused(tmp_path, member, message):
    archive = tmp_path / "slip.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("manifest.csv", manifest_csv(material_row("a", file_en="a.pdf")))
        zf.writestr(zipfile.ZipInfo(member), minimal_pdf())  # ZipInfo keeps the hostile name as given
    assert_refused(run_cli("import", archive), message)
    assert not (tmp_path / "evil.pdf").exists()


def test_a_symlink_in_a_zip_is_refused(tmp_path):
    archive = write_zip(tmp_path / "link.zip", {"manifest.csv": manifest_csv(material_row("a", file_en="a.pdf"))},
                        symlinks={"a.pdf": "/etc/passwd"})
    assert_refused(run_cli("import", archive), "zip member 'a.pdf' is a symbolic link")


def test_a_zip_bomb_over_the_total_size_is_refused(tmp_path, settings):
    settings.PPTA_LIBRARY_MAX_TOTAL_SIZE = 1024 * 1024
    archive = write_zip(tmp_path / "bomb.zip", {
        "manifest.csv": manifest_csv(material_row("a", file_en="a.pdf")),
        "a.pdf": minimal_pdf(),
        "padding.bin": bytes(2 * 1024 * 1024),  # compresses to a few KiB
    })
    assert_refused(run_cli("import", archive), "unpacks to more than 1.0 MiB (PPTA_LIBRARY_MAX_TOTAL_SIZE)",
                   "zip bomb")


def test_a_zip_member_over_the_compression_ratio_is_refused(tmp_path, settings):
    settings.PPTA_LIBRARY_MAX_COMPRESSION_RATIO = 50
    archive = write_zip(tmp_path / "ratio.zip", {
        "manifest.csv": manifest_csv(material_row("a", file_en="a.pdf")),
        "a.pdf": minimal_pdf(),
        "zeros.bin": bytes(3 * 1024 * 1024),
    })
    assert_refused(run_cli("import", archive), "zip member 'zeros.bin' expands more than 50 times "
                                               "(PPTA_LIBRARY_MAX_COMPRESSION_RATIO)")


def test_a_zip_member_over_the_file_size_limit_is_refused_when_referenced(tmp_path, settings):
    settings.PPTA_LIBRARY_MAX_FILE_SIZE = 2 * 1024 * 1024
    archive = write_zip(tmp_path / "big.zip", {
        "manifest.csv": manifest_csv(material_row("a", file_en="a.pdf")),
        "a.pdf": minimal_pdf() + os.urandom(3 * 1024 * 1024),
    })
    assert_refused(run_cli("import", archive), "file 'a.pdf' is over", "PPTA_LIBRARY_MAX_FILE_SIZE")


def test_a_source_without_a_manifest_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    assert_refused(run_cli("import", tmp_path / "empty"), "no manifest found")


def test_a_manifest_without_materials_is_refused_even_with_prune(source):
    source.write([material_row("a")])
    assert run_cli("import", source.root).exit_code == 0
    (source.root / "manifest.csv").write_text("id,type,title_en,file_en\n", encoding="utf-8")
    result = run_cli("import", source.root, "--prune")
    assert result.exit_code == 1 and "manifest.csv lists no materials" in result.output
    assert Material.objects.get().status == "published"


def test_a_misspelt_column_is_refused(source):
    source.root.mkdir(parents=True, exist_ok=True)
    (source.root / "a.pdf").write_bytes(minimal_pdf())
    (source.root / "manifest.csv").write_text("id,type,title_en,file_en,audiense\na,handbook,A,a.pdf,Trainers\n",
                                              encoding="utf-8")
    assert_refused(run_cli("import", source.root), "column audiense: unknown column 'audiense'; columns are: id, type")
