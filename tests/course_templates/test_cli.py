"""``ppta course`` and ``ppta areas`` as an operator uses them: outputs, refusals, exit codes."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tarfile

import pytest
from click.testing import CliRunner

from course_templates import all_areas
from course_templates.taxonomies import FORBIDDEN_IN_VALUES
from ppta.cli import main

GOOD = ["--area", "integration", "--lang", "ru", "--org", "PPTA", "--number", "INT101", "--run", "2026"]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def new_course(out, *extra: str, base=GOOD):
    return run("course", "new", *base, "--out", str(out), *extra)


def with_option(name: str, value: str) -> list[str]:
    args = list(GOOD)
    args[args.index(name) + 1] = value
    return args


def test_new_writes_folder_and_archive_that_validate(tmp_path):
    result = new_course(tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "PPTA-INT101-2026/course.xml").is_file()
    archive = tmp_path / "PPTA-INT101-2026.tar.gz"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["PPTA-INT101-2026", "PPTA-INT101-2026.tar.gz"]
    for path in (archive, tmp_path / "PPTA-INT101-2026"):
        checked = run("course", "validate", str(path))
        assert checked.exit_code == 0, checked.output
        assert "no errors" in checked.output


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--area", "atlantis", "unknown thematic area"),
    ("--lang", "de", "'de' is not one of: en, ru"),
    ("--org", "", "must not be empty"),
    ("--org", "PP TA", "no spaces"),
    ("--number", "INT/101", "no spaces or '/'"),
    ("--run", "20 26", "no spaces"),
    ("--run", "..", "must not start with '.'"),
])
def test_bad_course_key_area_or_language_exits_2_and_writes_nothing(tmp_path, option, value, message):
    out = tmp_path / "out"
    result = new_course(out, base=with_option(option, value))
    assert result.exit_code == 2
    assert option in result.output and message in result.output
    assert not out.exists()


@pytest.mark.parametrize(("extra", "option"), [
    (["--pass-mark", "1.5"], "--pass-mark"),
    (["--pass-mark", "0"], "--pass-mark"),
    (["--pass-mark", "-0.2"], "--pass-mark"),
    (["--pass-mark", "nan"], "--pass-mark"),
    (["--modules", "0"], "--modules"),
    (["--modules", "99"], "--modules"),
    (["--kind", "webinar"], "--kind"),
    (["--title", "   "], "--title"),
    (["--certificate-language", "fr"], "--certificate-language"),
    (["--start", "2026-13-01"], "--start"),
    (["--end", "2025-01-01"], "--end"),
])
def test_bad_options_exit_2_and_write_nothing(tmp_path, extra, option):
    out = tmp_path / "out"
    result = new_course(out, *extra)
    assert result.exit_code == 2 and option in result.output, result.output
    assert not out.exists()


def test_existing_output_is_refused_without_replace_and_replaced_whole_with_it(tmp_path):
    assert new_course(tmp_path).exit_code == 0
    folder, archive = tmp_path / "PPTA-INT101-2026", tmp_path / "PPTA-INT101-2026.tar.gz"
    (folder / "author-notes.txt").write_text("keep me")
    before = archive.read_bytes()

    refused = new_course(tmp_path, "--modules", "2")
    assert refused.exit_code == 2 and "--replace" in refused.output
    assert (folder / "author-notes.txt").read_text() == "keep me" and archive.read_bytes() == before

    replaced = new_course(tmp_path, "--modules", "2", "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert not (folder / "author-notes.txt").exists()
    assert sorted((folder / "chapter").iterdir()) == sorted(folder.glob("chapter/int_*.xml"))
    assert len(list(folder.glob("chapter/int_m*.xml"))) == 2 and archive.read_bytes() != before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["PPTA-INT101-2026", "PPTA-INT101-2026.tar.gz"]


def test_validate_lists_every_error_and_exits_1(tmp_path):
    assert new_course(tmp_path).exit_code == 0
    folder = tmp_path / "PPTA-INT101-2026"
    (folder / "problem/int_m01_quiz_topic.xml").write_text("<problem><broken></problem>")
    (folder / "static/course_image.png").unlink()  # olxcleaner calls it a warning; Studio would break the card
    result = run("course", "validate", str(folder))
    assert result.exit_code == 1
    assert "InvalidXML" in result.output and "int_m01_quiz_topic" in result.output
    assert "MissingFile" in result.output and "course_image.png" in result.output
    assert "2 error(s)" in result.output


def test_validate_refuses_an_archive_that_escapes_its_folder(tmp_path):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("../escaped.txt")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"bad"))
    result = run("course", "validate", str(evil))
    assert result.exit_code == 1 and "outside the archive folder" in result.output
    assert not (tmp_path / "escaped.txt").exists()
    assert not list(tmp_path.parent.glob("escaped.txt"))


def test_validate_refuses_links_in_archives_and_reports_non_archives(tmp_path):
    linked = tmp_path / "linked.tar.gz"
    with tarfile.open(linked, "w:gz") as tar:
        info = tarfile.TarInfo("course/passwd")
        info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(info)
    result = run("course", "validate", str(linked))
    assert result.exit_code == 1 and "link or special file" in result.output
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert run("course", "validate", str(text)).exit_code == 1
    assert run("course", "validate", str(tmp_path / "missing")).exit_code == 2


def test_validate_accepts_a_studio_export_folder_holding_course(tmp_path):
    assert new_course(tmp_path / "build").exit_code == 0
    shutil.copytree(tmp_path / "build/PPTA-INT101-2026", tmp_path / "export/course")
    result = run("course", "validate", str(tmp_path / "export"))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("taxonomy", ["areas", "material-types", "languages"])
def test_taxonomy_export_csv_is_studio_importable(tmp_path, taxonomy):
    out = tmp_path / f"{taxonomy}.csv"
    result = run("areas", "export", "--format", "csv", "--taxonomy", taxonomy, "--out", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), "Studio's parser rejects a BOM"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert list(rows[0]) == ["id", "value", "parent_id"]
    assert len({row["id"] for row in rows}) == len(rows) >= 2
    assert all(row["value"] and not any(bad in row["value"] for bad in FORBIDDEN_IN_VALUES) for row in rows)
    if taxonomy == "areas":
        assert [row["id"] for row in rows] == [area.slug for area in all_areas()]
        assert f"ppta-{taxonomy}" in result.output


def test_taxonomy_export_json_and_refusals(tmp_path):
    out = tmp_path / "areas.json"
    assert run("areas", "export", "--format", "json", "--taxonomy", "areas", "--out", str(out)).exit_code == 0
    tags = json.loads(out.read_text(encoding="utf-8"))["tags"]
    assert [tag["id"] for tag in tags] == [area.slug for area in all_areas()]
    assert [tag["value"] for tag in tags] == [area.title_en for area in all_areas()]
    before = out.read_bytes()
    export_csv = ("areas", "export", "--format", "csv", "--taxonomy", "areas", "--out")
    again = run(*export_csv, str(out))
    assert again.exit_code == 2 and out.read_bytes() == before
    assert run(*export_csv, str(out), "--replace").exit_code == 0
    assert out.read_bytes().startswith(b"id,value,parent_id")
    assert run(*export_csv, str(tmp_path / "x/y.csv")).exit_code == 2  # no such folder
    assert run("areas", "export", "--format", "xml", "--taxonomy", "areas", "--out", str(out)).exit_code == 2
    assert [p.name for p in tmp_path.iterdir()] == ["areas.json"]


def test_areas_list_table_and_json():
    table = run("areas", "list", "--lang", "ru")
    assert table.exit_code == 0
    assert all(area.title_ru in table.output and area.slug in table.output for area in all_areas())
    listed = json.loads(run("areas", "list", "--format", "json").output)
    assert [row["code"] for row in listed] == [area.code for area in all_areas()]


def test_a_failure_while_replacing_leaves_the_previous_output(tmp_path, monkeypatch):
    from course_templates import output

    assert new_course(tmp_path).exit_code == 0
    folder, archive = tmp_path / "PPTA-INT101-2026", tmp_path / "PPTA-INT101-2026.tar.gz"
    (folder / "author-notes.txt").write_text("keep me")
    before = archive.read_bytes()
    real_replace = output.os.replace

    def failing_replace(source, target):
        if str(target).endswith(".tar.gz"):
            raise OSError(28, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", failing_replace)
    result = new_course(tmp_path, "--modules", "2", "--replace")
    assert result.exit_code == 1 and "No space left" in result.output
    assert (folder / "author-notes.txt").read_text() == "keep me"
    assert len(list(folder.glob("chapter/int_m*.xml"))) == 4 and archive.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["PPTA-INT101-2026", "PPTA-INT101-2026.tar.gz"]


def test_unpacking_never_follows_a_link_already_in_the_destination(tmp_path):
    """A folder or file link left in the destination is not written through (zip slip by a planted link)."""
    from course_templates.archive import UnsafeArchiveError, extract_archive

    outside = tmp_path / "outside"
    outside.mkdir()
    archive = tmp_path / "course.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name in ("course/about.txt", "static/logo.txt"):
            info = tarfile.TarInfo(name)
            info.size = 3
            tar.addfile(info, io.BytesIO(b"new"))
    for planted in ("course", "course/about.txt"):  # a linked folder, then a linked file
        destination = tmp_path / f"unpack-{planted.count('/')}"
        (destination / "course").mkdir(parents=True) if "/" in planted else destination.mkdir()
        (destination / planted).symlink_to(outside / "about.txt" if "/" in planted else outside)
        with pytest.raises(UnsafeArchiveError, match="outside the archive folder|would replace a link"):
            extract_archive(archive, destination)
        assert list(outside.iterdir()) == []
    clean = tmp_path / "clean"
    extract_archive(archive, clean)
    assert (clean / "course/about.txt").read_bytes() == (clean / "static/logo.txt").read_bytes() == b"new"
