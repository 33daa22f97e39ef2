"""``ppta library list``: filters, limit, table and JSON output, usage errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from library_importer.cli_list import list_materials
from tests.library_importer.catalog_rows import build_catalog, make_material

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    return build_catalog()


def run(*args: str):
    return CliRunner().invoke(list_materials, list(args), catch_exceptions=False)


def test_json_carries_ids_types_areas_and_titles_per_language(catalog):
    result = run("--format", "json", "--area", "illegal-migration")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [row["id"] for row in rows] == ["thb-trainers-manual", "pp-handbook-readmission"]
    handbook = rows[1]
    assert handbook["type"] == "handbook"
    assert handbook["areas"] == ["illegal-migration", "readmission-return-reintegration"]
    assert handbook["titles"] == {
        "en": "Handbook on Concluding Readmission Agreements and Organising Returns",
        "ru": "Пособие по заключению соглашений о реадмиссии и организации возвращения",
    }


def test_table_lists_all_matches_with_titles_in_the_chosen_language(catalog):
    result = run("--lang", "ru", "--q", "ТОРГОВЛЯ")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["ID", "TYPE", "YEAR", "LANGS", "TITLE"]
    assert lines[1].split()[:4] == ["thb-trainers-manual", "training_material", "2019", "en,ru"]
    assert lines[1].endswith("Что такое торговля людьми? Пособие для тренеров")
    assert lines[-1] == "1 material(s)."


def test_all_matches_unless_limited(db):
    for number in range(30):
        make_material(f"item-{number:02d}", type="report", versions={"en": {"title": f"Report {number}"}})
    assert len(json.loads(run("--format", "json").output)) == 30
    assert len(json.loads(run("--format", "json", "--limit", "7").output)) == 7
    assert len(json.loads(run("--format", "json", "--type", "handbook").output)) == 0


def test_withdrawn_materials_are_not_listed(catalog):
    ids = [row["id"] for row in json.loads(run("--format", "json").output)]
    assert "withdrawn-brief" not in ids and len(ids) == 5


def test_nothing_found_says_so(catalog):
    result = run("--q", "no such words")
    assert result.exit_code == 0
    assert "No materials match." in result.output


@pytest.mark.parametrize(
    ("args", "option"),
    [(["--area", "atlantis"], "--area"), (["--type", "poem"], "--type"), (["--lang", "de"], "--lang"),
     (["--limit", "0"], "--limit"), (["--format", "xml"], "--format")],
)  # fmt: skip
def test_bad_options_are_usage_errors(catalog, args, option):
    result = CliRunner().invoke(list_materials, args)
    assert result.exit_code == 2
    assert option in result.output


def test_wired_into_the_ppta_command(catalog):
    from ppta.cli import main

    result = CliRunner().invoke(main, ["library", "list", "--type", "national_strategy", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in json.loads(result.output)] == ["ge-labour-migration-strategy"]
