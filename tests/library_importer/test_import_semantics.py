"""What an import does to the catalog: create, update, unchanged, withdraw; stored file facts; formats."""

from __future__ import annotations

import json
import os
import unicodedata

import pytest
from django.core.management import call_command

from library_importer.demo import setup
from library_importer.models import ImportRun, Material, MaterialVersion, fold_for_search
from library_importer.public import SAMPLE_LIBRARY
from library_importer.search import MaterialFilters, find_materials
from tests.library_importer.documents import minimal_pdf
from tests.library_importer.import_helpers import material_row, media_fixture, run_cli, source_fixture, stored_files  # noqa: F401

pytestmark = pytest.mark.django_db


def catalog_state() -> list[tuple]:
    """Everything an import may change, to compare before and after."""
    materials = list(Material.objects.order_by("external_id").values_list(
        "external_id", "status", "source_checksum", "modified"))
    versions = list(MaterialVersion.objects.order_by("material__external_id", "language").values_list(
        "material__external_id", "language", "title", "file", "sha256", "size", "pk"))
    return materials + versions


def test_first_import_stores_each_version_with_its_file_facts(source, media):
    source.write([material_row("handbook-a", title_ru="Пособие А", description_ru="О пособии.",
                               file_ru="files/handbook-a.ru.pdf", areas="integration;migration-development",
                               country="md")], pdf_pages=3)
    result = run_cli("import", source.root)
    assert result.exit_code == 0, result.output
    assert "1 created, 0 updated, 0 unchanged, 0 withdrawn" in result.output
    material = Material.objects.get()
    assert (material.type, material.year, material.country, material.status) == ("handbook", 2020, "MD", "published")
    assert sorted(material.area_slugs) == ["integration", "migration-development"]
    ru = material.versions.get(language="ru")
    content = (source.root / "files/handbook-a.ru.pdf").read_bytes()
    import hashlib

    digest = hashlib.sha256(content).hexdigest()
    assert ru.sha256 == digest and ru.size == len(content)
    assert ru.mime_type == "application/pdf" and ru.page_count == 3
    assert ru.file.name == f"ppta-library/{digest[:2]}/{digest}.pdf"
    assert (media / ru.file.name).read_bytes() == content
    assert "пособие а" in material.search_text and "handbook-a" in material.search_text
    assert fold_for_search("О ПОСОБИИ") in material.search_text


def test_a_url_version_has_no_file(source, media):
    source.write([material_row("linked", file_en="", url_en="https://www.pragueprocess.eu/en/x")])
    assert run_cli("import", source.root).exit_code == 0
    version = MaterialVersion.objects.get()
    assert version.url == "https://www.pragueprocess.eu/en/x" and not version.file and version.sha256 == ""
    assert stored_files(media) == []


def test_reimporting_an_unchanged_source_writes_nothing(source, media):
    source.write([material_row(f"m-{n}") for n in range(5)])
    assert run_cli("import", source.root).exit_code == 0
    before, files_before = catalog_state(), stored_files(media)
    result = run_cli("import", source.root)
    assert result.exit_code == 0
    assert "0 created, 0 updated, 5 unchanged, 0 withdrawn" in result.output
    assert catalog_state() == before and stored_files(media) == files_before
    # --rehash reads every file again and still finds nothing to do
    assert "5 unchanged" in run_cli("import", source.root, "--rehash").output
    assert catalog_state() == before


def test_a_file_is_checked_again_when_changed_and_always_with_rehash(source, media):
    """Unchanged size and time mean an unchanged file (as for make and rsync): a file that passed the checks
    is not read again. A change in either, or ``--rehash``, checks its content again."""
    source.write([material_row("m-1")])
    assert run_cli("import", source.root).exit_code == 0
    path = source.root / "files/m-1.pdf"
    status = path.stat()
    fake = b"MZ" + b"\0" * (status.st_size - 2)  # not a PDF, same size
    path.write_bytes(fake)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # and the same time
    assert "1 unchanged" in run_cli("import", source.root).output
    refused = run_cli("import", source.root, "--rehash")
    assert refused.exit_code != 0 and "content does not match the extension" in refused.output
    os.utime(path)  # touched: checked again without --rehash too
    refused = run_cli("import", source.root)
    assert refused.exit_code != 0 and "content does not match the extension" in refused.output


def test_a_reimport_reads_exactly_the_files_touched_since(source, media, monkeypatch):
    from library_importer.importer import hash_cache, validate

    source.write([material_row(f"m-{n}") for n in range(6)])
    assert run_cli("import", source.root).exit_code == 0
    sniffed, hashed = [], []
    real_mismatch, real_sha256 = validate.content_mismatch, hash_cache.sha256_of
    monkeypatch.setattr(validate, "content_mismatch",
                        lambda path, kind, **kw: sniffed.append(path.name) or real_mismatch(path, kind, **kw))
    monkeypatch.setattr(hash_cache, "sha256_of", lambda path, tick=None: hashed.append(path.name) or
                        real_sha256(path, tick))
    for name in ("m-1.pdf", "m-4.pdf"):  # the same content, a later time
        status = (source.root / "files" / name).stat()
        os.utime(source.root / "files" / name, ns=(status.st_atime_ns, status.st_mtime_ns + 10**9))
    assert "6 unchanged" in run_cli("import", source.root).output
    assert sorted(sniffed) == sorted(hashed) == ["m-1.pdf", "m-4.pdf"]  # read in worker threads: any order
    sniffed.clear()
    hashed.clear()
    assert "6 unchanged" in run_cli("import", source.root).output  # their new times are remembered
    assert sniffed == hashed == []
    assert "6 unchanged" in run_cli("import", source.root, "--rehash").output
    assert sorted(sniffed) == sorted(hashed) == [f"m-{n}.pdf" for n in range(6)]


def test_changed_metadata_or_file_updates_only_that_material(source, media):
    rows = [material_row("stays"), material_row("retitled"), material_row("new-file")]
    source.write(rows)
    run_cli("import", source.root)
    downloads = MaterialVersion.objects.filter(material__external_id="new-file").update(download_count=7)
    assert downloads == 1
    rows[1]["title_en"] = "A better title"
    source.write(rows, files={"files/new-file.pdf": minimal_pdf(2, "second edition")})
    result = run_cli("import", source.root)
    assert "0 created, 2 updated, 1 unchanged" in result.output
    assert MaterialVersion.objects.get(material__external_id="retitled").title == "A better title"
    new_file = MaterialVersion.objects.get(material__external_id="new-file")
    assert new_file.page_count == 2 and new_file.download_count == 7
    assert (media / new_file.file.name).read_bytes() == (source.root / "files/new-file.pdf").read_bytes()


def test_a_language_version_removed_from_the_source_is_removed(source):
    rows = [material_row("both", title_ru="Оба", file_ru="files/both.ru.pdf")]
    source.write(rows)
    run_cli("import", source.root)
    rows[0].update(title_ru="", file_ru="")
    source.write(rows)
    run_cli("import", source.root)
    assert list(MaterialVersion.objects.values_list("language", flat=True)) == ["en"]


def test_the_library_filters_follow_areas_and_languages_changed_by_a_reimport(source):
    def found(**filters) -> list[str]:
        return [material.external_id for material in find_materials(MaterialFilters(**filters))]

    rows = [material_row("moves", areas="integration", title_ru="Переезд", file_ru="files/moves.ru.pdf")]
    source.write(rows)
    run_cli("import", source.root)
    assert found(areas=("integration",), language="ru", q="ПЕРЕЕЗД") == ["moves"]
    rows[0].update(areas="asylum-international-protection;illegal-migration", title_ru="", file_ru="")
    source.write(rows)
    run_cli("import", source.root)
    assert found(areas=("integration",)) == found(language="ru") == found(q="переезд") == []
    assert found(areas=("asylum-international-protection", "integration"), language="en") == ["moves"]
    assert found(areas=("illegal-migration",)) == ["moves"]


def test_prune_withdraws_materials_missing_from_the_source_and_they_can_return(source):
    source.write([material_row("kept"), material_row("dropped")])
    run_cli("import", source.root)
    source.write([material_row("kept")])
    result = run_cli("import", source.root)
    assert "1 published material(s) are not in the source and were kept (--prune withdraws them): dropped" \
        in result.output
    assert Material.objects.get(external_id="dropped").status == "published"

    dry = run_cli("import", source.root, "--prune", "--dry-run")
    assert "withdraw  dropped" in dry.output and "1 to withdraw" in dry.output
    assert Material.objects.get(external_id="dropped").status == "published"

    def found(word: str) -> list[str]:
        return [material.external_id for material in find_materials(MaterialFilters(q=word))]

    assert found("dropped") == ["dropped"]
    assert "1 withdrawn" in run_cli("import", source.root, "--prune").output
    assert Material.objects.get(external_id="dropped").status == "withdrawn"
    assert found("dropped") == [] and found("kept") == ["kept"]
    assert Material.objects.get(external_id="kept").status == "published"
    assert "0 withdrawn" in run_cli("import", source.root, "--prune").output  # already withdrawn

    source.write([material_row("kept"), material_row("dropped")])
    assert "1 updated" in run_cli("import", source.root).output
    assert Material.objects.get(external_id="dropped").status == "published"
    assert found("dropped") == ["dropped"]


def test_prune_never_withdraws_a_row_skipped_as_invalid(source):
    source.write([material_row("fine"), material_row("later-broken")])
    run_cli("import", source.root)
    source.write([material_row("fine"), material_row("later-broken", type="poster")])
    result = run_cli("import", source.root, "--prune", "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert Material.objects.get(external_id="later-broken").status == "published"


def test_dry_run_prints_the_plan_and_writes_nothing(source, media):
    source.write([material_row("one"), material_row("two")])
    result = run_cli("import", source.root, "--dry-run")
    assert result.exit_code == 0
    assert "create    one" in result.output and "Plan: 2 to create, 0 to update, 0 unchanged, 0 to withdraw." \
        in result.output
    assert not Material.objects.exists() and not ImportRun.objects.exists() and stored_files(media) == []


def test_report_file_holds_counts_items_and_problems(source, tmp_path):
    source.write([material_row("ok"), material_row("bad", year="1900")])
    report_path = tmp_path / "report.json"
    result = run_cli("import", source.root, "--skip-invalid", "--report", report_path)
    assert result.exit_code == 0
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["state"] == "succeeded" and report["counts"]["create"] == 1 and report["counts"]["invalid"] == 1
    assert report["items"] == [{"id": "ok", "action": "create"}]
    assert report["problems"] == [{"row": 3, "column": "year", "id": "bad",
                                   "message": f"year 1900 is outside 1990–{report['problems'][0]['message'][-4:]}"}]


def test_csv_with_bom_semicolons_and_decomposed_text_is_normalised(source):
    decomposed = unicodedata.normalize("NFD", "Новый подход к реинтеграции")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    (source.root / "files").mkdir(parents=True)
    (source.root / "files/a.pdf").write_bytes(minimal_pdf())
    manifest = ("id;type;areas;title_ru;file_ru\n"
                f'  bom-row ;handbook;"integration; illegal-migration";  {decomposed}  ;files/a.pdf\n')
    (source.root / "manifest.csv").write_bytes(b"\xef\xbb\xbf" + manifest.encode("utf-8"))
    result = run_cli("import", source.root)
    assert result.exit_code == 0, result.output
    version = MaterialVersion.objects.get()
    assert version.material.external_id == "bom-row"
    assert version.title == "Новый подход к реинтеграции"  # NFC and trimmed
    assert sorted(version.material.area_slugs) == ["illegal-migration", "integration"]


@pytest.mark.parametrize("name", ["manifest.yaml", "manifest.json"])
def test_yaml_and_json_manifests(source, name):
    (source.root / "docs").mkdir(parents=True)
    (source.root / "docs/a.pdf").write_bytes(minimal_pdf())
    records = [{"id": "structured", "type": "national_strategy", "areas": ["integration", "illegal-migration"],
                "year": 2019, "country": "NO", "title_en": "Strategy", "file_en": "docs/a.pdf"}]
    if name.endswith(".json"):
        (source.root / name).write_text(json.dumps({"materials": records}), encoding="utf-8")
    else:  # a bare NO is a boolean in YAML 1.1: the importer still reads Norway
        (source.root / name).write_text(
            "materials:\n- id: structured\n  type: national_strategy\n  areas: [integration, illegal-migration]\n"
            "  year: 2019\n  country: NO\n  title_en: Strategy\n  file_en: docs/a.pdf\n", encoding="utf-8")
    result = run_cli("import", source.root)
    assert result.exit_code == 0, result.output
    material = Material.objects.get()
    assert (material.year, material.country, sorted(material.area_slugs)) == (
        2019, "NO", ["illegal-migration", "integration"])


def test_two_manifests_are_ambiguous(source):
    source.write([material_row("a")])
    (source.root / "manifest.json").write_text("[]", encoding="utf-8")
    result = run_cli("import", source.root)
    assert result.exit_code == 1 and "more than one manifest (manifest.csv, manifest.json)" in result.output


def test_the_sample_library_covers_all_areas_both_languages_and_a_national_strategy(media):
    call_command("import_materials", str(SAMPLE_LIBRARY))
    from course_templates import area_slugs

    materials = Material.objects.prefetch_related("area_links", "versions")
    assert materials.count() >= 12
    assert {area for m in materials for area in m.area_slugs} == set(area_slugs())
    assert set(MaterialVersion.objects.values_list("language", flat=True)) == {"en", "ru"}
    strategy = Material.objects.get(type="national_strategy")
    assert strategy.country == "MD" and strategy.versions.count() == 2
    assert all(v.page_count and v.sha256 for v in MaterialVersion.objects.exclude(file=""))
    assert MaterialVersion.objects.exclude(url="").exists()


def test_demo_setup_imports_the_sample_once(media):
    lines = []
    setup(lines.append)
    setup(lines.append)
    assert "12 created" in lines[0] and "0 created, 0 updated, 12 unchanged" in lines[1]


def test_materials_sharing_one_file_store_it_once_while_worker_threads_copy(source, media):
    source.write([material_row(f"shared-{n}", file_en="files/shared.pdf") for n in range(30)])
    result = run_cli("import", source.root)
    assert "30 created" in result.output, result.output
    (stored,) = stored_files(media)  # one content-addressed copy, no partial copy left behind
    assert stored.read_bytes() == (source.root / "files/shared.pdf").read_bytes()
    assert set(MaterialVersion.objects.values_list("file", flat=True)) == {str(stored.relative_to(media))}
