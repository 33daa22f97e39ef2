"""The 24 catalogue templates and the builder's options: structure, policies, language, stability."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import subprocess
import sys
import tarfile
from importlib import metadata
from xml.etree import ElementTree as ET

import pytest
import yaml

from course_templates import all_areas
from course_templates.archive import course_archive
from course_templates.builder import ADVANCED_MODULES, build_course
from course_templates.catalogue import catalogue_spec, catalogue_specs
from course_templates.spec import CourseSpec
from course_templates.taxonomies import taxonomies
from course_templates.validation import validate_course
from tests.course_templates.olx import all_url_names, parse, visible_texts, xml_files
from tests.services import REPO_ROOT

ROMAN_NUMERALS = {"I", "II", "III", "IV", "V", "VI"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
LATIN_WORD = re.compile(r"[A-Za-z]+")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def english_words(text: str) -> list[str]:
    """Latin-script words left in ``text`` once e-mail addresses and chapter numerals are allowed."""
    return [word for word in LATIN_WORD.findall(EMAIL.sub(" ", text)) if word not in ROMAN_NUMERALS]


def test_all_24_templates_pass_olxcleaner_without_errors_or_warnings(built_templates):
    assert len(built_templates) == 24
    assert len({spec.course_id for spec, _ in built_templates}) == 24
    for spec, output in built_templates:
        for path in (output.folder, output.archive):
            report = validate_course(path)
            assert report.errors == () and report.warnings == (), (spec.slug, path, report)


def test_every_xml_file_parses_and_html_bodies_are_well_formed(built_templates):
    for _spec, output in built_templates:
        files = xml_files(output.folder)
        assert len(files) > 30
        for path in files:
            ET.parse(path)
        for path in output.folder.rglob("*.html"):
            ET.fromstring(f"<div>{path.read_text(encoding='utf-8')}</div>")


def test_url_names_are_unique_and_do_not_depend_on_the_course_key(built_templates):
    for spec, output in built_templates:
        names = all_url_names(output.folder)
        assert len(names) == len(set(names)), spec.slug
        prefix = spec.area.code.lower() + "_"
        assert all(name.startswith(prefix) for name in names)
    spec = catalogue_spec("integration", "ru", "tot")
    other_key = CourseSpec.create(area="integration", lang="ru", org="Other", number="X1", run="2031", kind="tot")
    first, second = build_course(spec), build_course(other_key)
    structure = [path for path in first if not path.startswith(("course/", "policies/2026"))]
    assert structure == [path for path in second if not path.startswith(("course/", "policies/2031"))]


def test_archives_are_byte_reproducible_across_builds_and_processes(built_templates, tmp_path):
    for spec, output in built_templates:
        assert course_archive(build_course(spec)) == output.archive.read_bytes(), spec.slug
    spec, output = built_templates[-1]
    # A fresh interpreter with another hash seed must give the same bytes (no set/dict-order leaks).
    subprocess.run(
        [sys.executable, "-c", "from ppta.cli import main; main()", "course", "new",
         "--area", spec.area.slug, "--lang", spec.lang, "--org", spec.org, "--number", spec.number,
         "--run", spec.run, "--kind", spec.kind, "--out", str(tmp_path)],
        check=True, env={"PYTHONHASHSEED": "12345", "PATH": ""}, cwd=REPO_ROOT, capture_output=True)
    assert (tmp_path / output.archive.name).read_bytes() == output.archive.read_bytes()


def test_archive_layout_is_one_course_folder_with_fixed_metadata(built_templates):
    _spec, output = built_templates[0]
    data = output.archive.read_bytes()
    assert data[3] & 0x08 == 0, "gzip header must not carry a file name"
    assert data[4:8] == b"\0\0\0\0", "gzip header mtime must be 0"
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(data))) as tar:
        members = tar.getmembers()
    names = [member.name for member in members]
    assert names == sorted(names)
    assert {name.split("/")[0] for name in names} == {"course"}
    assert "course/course.xml" in names
    assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in members} == {(members[0].mtime, 0, 0, "", "")}
    assert all(m.isdir() or m.isfile() for m in members)


@pytest.mark.parametrize("kind", ["standard", "tot"])
def test_course_structure(built_templates, kind):
    spec, output = next(item for item in built_templates if item[0].kind == kind and item[0].lang == "en")
    folder, prefix = output.folder, spec.area.code.lower()
    course = parse(folder, f"course/{spec.run}.xml")
    chapters = [chapter.get("url_name") for chapter in course]
    assert chapters == [f"{prefix}_welcome", *(f"{prefix}_m{n:02d}" for n in range(1, 5)), f"{prefix}_final"]

    overview = parse(folder, f"vertical/{prefix}_welcome_overview.xml").find("ppta_area_overview")
    assert overview.get("area") == spec.area.slug and overview.get("language") == "en"
    assert len(json.loads(overview.get("objectives"))) == 4 and overview.get("effort").endswith("hours")
    library = parse(folder, f"vertical/{prefix}_welcome_library.xml").find("ppta_library")
    assert json.loads(library.get("preset_areas")) == [spec.area.slug]

    grading = json.loads((folder / f"policies/{spec.run}/grading_policy.json").read_text())
    graders = {grader["type"]: grader for grader in grading["GRADER"]}
    assert graders["Module quiz"]["min_count"] == 4 and graders["Final assessment"]["min_count"] == 1
    for n in range(1, 5):
        module = f"{prefix}_m{n:02d}"
        learn, quiz = (parse(folder, f"sequential/{module}_{name}.xml") for name in ("learn", "quiz"))
        assert learn.get("graded") is None
        assert quiz.get("graded") == "true" and quiz.get("format") in graders
        units = [parse(folder, f"vertical/{unit.get('url_name')}.xml") for unit in learn]
        blocks = [[child.tag for child in unit] for unit in units]
        assert blocks[:3] == [["html"], ["ppta_material"], ["problem"]]
        material = units[1].find("ppta_material")
        assert material.get("material_id") and material.get("default_language") == "en"
        practice = parse(folder, f"problem/{units[2].find('problem').get('url_name')}.xml")
        assert practice.get("max_attempts") is None, "practice checks allow unlimited attempts"
        assert practice.find("multiplechoiceresponse/choicegroup[@type='MultipleChoice']") is not None
        if kind == "tot":
            notes = units[3].find("ppta_trainer_notes")
            assert "<ol>" in notes.get("notes") and json.loads(notes.get("session_plans")) == []
        else:
            assert len(units) == 3
    final = parse(folder, f"sequential/{prefix}_final_exam.xml")
    assert final.get("graded") == "true" and final.get("format") == "Final assessment"


def test_every_question_has_exactly_one_right_answer_among_distinct_choices(built_templates):
    for _spec, output in built_templates:
        for path in (output.folder / "problem").glob("*.xml"):
            choices = ET.parse(path).getroot().findall(".//choice")
            assert [choice.get("correct") for choice in choices].count("true") == 1, path
            assert len({choice.text for choice in choices}) == len(choices) >= 3, path


PPTA_BLOCKS = {entry.name for entry in metadata.entry_points(group="xblock.v1") if entry.dist.name == "ppta-openedx"}


def test_policy_carries_pacing_language_blocks_and_certificate(built_templates):
    for spec, output in built_templates:
        policy = json.loads((output.folder / f"policies/{spec.run}/policy.json").read_text(encoding="utf-8"))
        settings = policy[f"course/{spec.run}"]
        assert settings["self_paced"] is True and settings["language"] == spec.lang
        assert settings["advanced_modules"] == list(ADVANCED_MODULES)
        # Studio shows a module whose block is not installed as broken: only ppta's own blocks are listed.
        assert set(settings["advanced_modules"]) <= PPTA_BLOCKS
        assert settings["cert_html_view_enabled"] is True
        assert settings["certificates"]["certificates"][0]["is_active"] is True
        overrides = settings["cert_html_view_overrides"]
        assert overrides["ppta_area"] == spec.area.slug
        assert spec.area.title_en in overrides["course_title_en"] and spec.area.title_ru in overrides["course_title_ru"]
        assert "ppta_certificate_language" not in overrides  # the platform setting decides
        assert overrides["ppta_completion_threshold"] == 0.8  # a certificate of completion (issue 15)
        assert (output.folder / "static" / settings["course_image"]).read_bytes().startswith(b"\x89PNG")


def test_options_title_modules_pass_mark_and_certificate_language():
    spec = CourseSpec.create(area="migration-development", lang="ru", org="PPTA", number="MDV1", run="R1",
                             title="Мой курс", modules=6, pass_mark=0.7, certificate_language="ru")
    files = build_course(spec)
    settings = json.loads(files["policies/R1/policy.json"])["course/R1"]
    assert settings["display_name"] == "Мой курс"
    assert settings["cert_html_view_overrides"]["course_title_ru"] == "Мой курс"
    assert settings["cert_html_view_overrides"]["course_title_en"] == all_areas()[4].title_en
    assert settings["cert_html_view_overrides"]["ppta_certificate_language"] == "ru"
    grading = json.loads(files["policies/R1/grading_policy.json"])
    assert grading["GRADE_CUTOFFS"] == {"Pass": 0.7} and grading["GRADER"][0]["min_count"] == 6
    assert sum(path.startswith("chapter/mdv_m") for path in files) == 6
    assert "70" in files["about/overview.html"].decode() and "80" not in files["about/overview.html"].decode()
    pass_question = ET.fromstring(files["problem/mdv_final_pass_mark.xml"])
    right = [c.text for c in pass_question.iter("choice") if c.get("correct") == "true"]
    assert right == ["70\u00a0%"]


def test_about_page_follows_the_academy_pattern(built_templates):
    for spec, output in built_templates:
        page = (output.folder / "about/overview.html").read_text(encoding="utf-8")
        headings = re.findall(r"<h2>(.*?)</h2>", page)
        expected = {"en": ["About the course", "What you will learn", "What is included", "Trainers", "How to take it"],
                    "ru": ["О курсе", "Чему вы научитесь", "Что входит в курс", "Тренеры", "Как пройти курс"]}
        assert headings == expected[spec.lang], spec.slug


def test_russian_courses_have_no_english_and_english_courses_no_russian(built_templates):
    for spec, output in built_templates:
        texts = visible_texts(output.folder)
        if spec.lang == "ru":
            assert sum(bool(CYRILLIC.search(text)) for _where, text in texts) > 50
            leftovers = [(where, english_words(text)) for where, text in texts if english_words(text)]
            assert leftovers == [], spec.slug
        else:
            assert [where for where, text in texts if CYRILLIC.search(text)] == [], spec.slug


def test_russian_text_data_has_no_english_at_all():
    """Also the strings a default build does not use (extra modules, other kinds)."""
    data = yaml.safe_load((REPO_ROOT / "course_templates/text_data/ru.yaml").read_text(encoding="utf-8"))

    def strings(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)
        elif isinstance(node, str):
            yield re.sub(r"\{\w+\}", " ", node)

    keys_of_areas = set(data["areas"])  # area slugs are keys, not text
    assert keys_of_areas == {area.slug for area in all_areas()}
    assert [text for text in strings(data) if english_words(text)] == []


def test_tags_csv_tags_the_course_with_area_and_language_values_of_the_taxonomies(built_templates):
    by_key = taxonomies()
    for spec, output in built_templates:
        rows = list(csv.DictReader(io.StringIO((output.folder / "tags.csv").read_text(encoding="utf-8"))))
        assert len(rows) == 1 and rows[0]["Type"] == "course" and rows[0]["ID"] == spec.course_id
        area_values = {tag.id: tag.value for tag in by_key["areas"].tags}
        language_values = {tag.id: tag.value for tag in by_key["languages"].tags}
        assert rows[0][by_key["areas"].export_id] == area_values[spec.area.slug]
        assert rows[0][by_key["languages"].export_id] == language_values[spec.lang]


def test_catalogue_course_keys_are_distinct_per_language_and_kind():
    keys = [spec.course_id for spec in catalogue_specs()]
    assert len(keys) == len(set(keys)) == 24
    assert catalogue_spec("illegal-migration", "en", "standard").course_id == "course-v1:PPTA+ILM101EN+2026"


def test_module_materials_exist_in_the_sample_library_under_their_area():
    """The ``material_id``s the templates point at are the bundled sample library's materials."""
    from course_templates.texts import area_materials
    from library_importer.public import SAMPLE_LIBRARY

    with (SAMPLE_LIBRARY / "manifest.csv").open(encoding="utf-8") as handle:
        areas_of = {row["id"]: set(row["areas"].split(";")) for row in csv.DictReader(handle)}
    for area in all_areas():
        materials = area_materials(area.slug)
        assert materials
        for material in materials:
            assert area.slug in areas_of[material.id], (area.slug, material.id)


def test_course_images_are_valid_pngs_in_a_colour_per_area():
    from PIL import Image

    from course_templates.images import HEIGHT, WIDTH, course_image_png

    corners = set()
    for area in all_areas():
        image = Image.open(io.BytesIO(course_image_png(area)))
        image.load()
        assert image.size == (WIDTH, HEIGHT) and image.mode == "RGB"
        corners.add(image.getpixel((0, 0)))
    assert len(corners) == 6


def test_a_fractional_pass_mark_is_written_as_each_language_writes_numbers():
    for lang, expected in (("en", "75.5%"), ("ru", "75,5\u00a0%")):
        spec = CourseSpec.create(area="integration", lang=lang, org="O", number="N", run="R", pass_mark=0.755)
        files = build_course(spec)
        assert expected in files["about/overview.html"].decode()
        assert json.loads(files["policies/R/grading_policy.json"])["GRADE_CUTOFFS"] == {"Pass": 0.755}
