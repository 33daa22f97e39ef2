"""Search and filters of the catalog (``library_importer.search``), on SQLite and MariaDB alike."""

from __future__ import annotations

import importlib
from io import StringIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from library_importer import mysql_search, sqlite_search
from library_importer.search import MatchList, MaterialFilters, find_materials, paginable_materials
from tests.library_importer.catalog_rows import build_catalog, make_material

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    return build_catalog()


def ids(filters: MaterialFilters) -> list[str]:
    return [material.external_id for material in find_materials(filters)]


@pytest.mark.parametrize("query", ["ТОРГОВЛЯ", "торговля", "Торговля Людьми", "TRAFFICKING", "trainer's"])
def test_text_search_ignores_case_in_cyrillic_and_latin(catalog, query):
    assert ids(MaterialFilters(q=query)) == ["thb-trainers-manual"]


def test_yo_and_ye_are_the_same_letter(db):
    make_material("yolka", versions={"ru": {"title": "Ёлочные игрушки и ЁЖ"}})
    assert ids(MaterialFilters(q="елочные еж")) == ["yolka"]
    assert ids(MaterialFilters(q="ЁЛОЧНЫЕ")) == ["yolka"]


def test_every_word_must_occur(catalog):
    assert ids(MaterialFilters(q="руководство интеграционной")) == ["eris-integration-manual"]
    assert ids(MaterialFilters(q="руководство торговля")) == []


def test_words_in_other_scripts_are_found_exactly(db):
    """On MariaDB/MySQL such words are not in the single-byte copy of the text (there they are "?")."""
    make_material("at-handbook", versions={"en": {"title": "Migration in Österreich"}})
    make_material("question-mark", versions={"en": {"title": "Migration ?sterreich"}})
    make_material("ge-strategy", versions={"ru": {"title": "Стратегия: საქართველო"}})
    assert ids(MaterialFilters(q="ÖSTERREICH")) == ids(MaterialFilters(q="migration österreich")) == ["at-handbook"]
    assert ids(MaterialFilters(q="?sterreich")) == ["question-mark"]
    assert ids(MaterialFilters(q="СТРАТЕГИЯ საქართველო")) == ["ge-strategy"]
    assert [m.external_id for m in paginable_materials(MaterialFilters(q="österreich"))] == ["at-handbook"]


def test_text_search_lists_in_the_catalog_order_of_browsing(db):
    for external_id, year in (("b-undated", None), ("a-undated", None), ("year-zero", 0), ("old", 1999),
                              ("new-b", 2024), ("new-a", 2024), ("new_c", 2024)):
        make_material(external_id, year=year, versions={"en": {"title": "Readmission handbook"}})
    browsed = ids(MaterialFilters())
    # newest first; the same year in id order, whatever the database's collation makes of "-" and "_"
    assert set(browsed[:3]) == {"new-a", "new-b", "new_c"}
    assert browsed[3:] == ["old", "year-zero", "a-undated", "b-undated"]  # no year: last
    assert [m.external_id for m in paginable_materials(MaterialFilters(q="readmission"))] == browsed
    assert ids(MaterialFilters(q="READMISSION")) == browsed


def test_like_wildcards_in_the_query_are_literal(catalog):
    assert ids(MaterialFilters(q="%")) == []
    assert ids(MaterialFilters(q="_")) == []


def test_search_covers_descriptions_and_ids(catalog):
    assert ids(MaterialFilters(q="pp1")) == ["pp-handbook-readmission"]
    assert ids(MaterialFilters(q="eris-integration")) == ["eris-integration-manual"]


def test_no_filters_lists_every_published_material_newest_first(catalog):
    assert ids(MaterialFilters()) == [
        "ge-labour-migration-strategy",
        "thb-trainers-manual",
        "eris-integration-manual",
        "asylum-training-guidelines",
        "pp-handbook-readmission",
    ]


def test_withdrawn_materials_are_never_found(catalog):
    assert ids(MaterialFilters(q="отозванная")) == []
    assert "withdrawn-brief" not in ids(MaterialFilters(areas=("integration",)))


def test_area_filter_lists_a_material_in_two_chosen_areas_once(catalog):
    found = ids(MaterialFilters(areas=("illegal-migration", "readmission-return-reintegration")))
    assert found == ["thb-trainers-manual", "pp-handbook-readmission"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (MaterialFilters(types=("national_strategy",)), ["ge-labour-migration-strategy"]),
        (MaterialFilters(types=("handbook", "brief")), ["asylum-training-guidelines", "pp-handbook-readmission"]),
        (MaterialFilters(years=(2014,)), ["asylum-training-guidelines", "pp-handbook-readmission"]),
        (MaterialFilters(countries=("ge",)), ["ge-labour-migration-strategy"]),
        (MaterialFilters(areas=("integration",), language="ru"), ["eris-integration-manual"]),
        (MaterialFilters(q="training", types=("handbook",), years=(2014,)), ["asylum-training-guidelines"]),
    ],
)
def test_filters_combine(catalog, filters, expected):
    assert ids(filters) == expected


def test_language_filter_keeps_materials_with_a_version_in_it(catalog):
    english_only = set(ids(MaterialFilters(language="en"))) - set(ids(MaterialFilters(language="ru")))
    assert english_only == {"asylum-training-guidelines"}


def test_short_words_are_matched_too(catalog):
    assert ids(MaterialFilters(q="PP1 ру")) == ["pp-handbook-readmission"]
    assert ids(MaterialFilters(q="ge")) == ["ge-labour-migration-strategy"]


def test_text_changes_are_found_at_once(catalog):
    assert ids(MaterialFilters(q="торговля")) == ["thb-trainers-manual"]  # the index exists now
    material = catalog["eris-integration-manual"]
    version = material.versions.get(language="ru")
    version.title = "Руководство по противодействию торговле людьми"
    version.save()
    material.refresh_search_fields()
    assert ids(MaterialFilters(q="ТОРГОВЛ")) == ["thb-trainers-manual", "eris-integration-manual"]
    assert ids(MaterialFilters(q="интеграционной")) == []
    catalog["thb-trainers-manual"].delete()
    assert ids(MaterialFilters(q="торговл")) == ["eris-integration-manual"]


def test_paginated_text_search_counts_and_slices_in_catalog_order(db):
    for number in range(23):
        make_material(f"return-{number:02d}", year=2000 + number, versions={"ru": {"title": f"Возвращение {number}"}})
    make_material("other", versions={"ru": {"title": "Интеграция"}})
    matches = paginable_materials(MaterialFilters(q="ВОЗВРАЩЕНИЕ"))
    assert len(matches) == matches.count() == 23
    assert [m.external_id for m in matches[:3]] == ["return-22", "return-21", "return-20"]
    assert [m.external_id for m in matches[20:30]] == ["return-02", "return-01", "return-00"]
    assert matches[0].external_id == "return-22"


def test_sqlite_search_stays_right_when_its_triggers_were_dropped(catalog):
    """SQLite only: a migration that rebuilds the material table drops triggers; search must stay right
    (the stale index is then not used, and nothing is rebuilt during the search)."""
    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 accelerator exists only on SQLite")
    assert ids(MaterialFilters(q="торговля")) == ["thb-trainers-manual"]
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER ppta_library_material_fts_au")
    material = catalog["asylum-training-guidelines"]
    version = material.versions.get()
    version.title = "Guidelines on trafficking"
    version.save()
    material.refresh_search_fields()  # not seen by the dropped trigger
    with CaptureQueriesContext(connection) as queries:
        assert ids(MaterialFilters(q="trafficking")) == ["thb-trainers-manual", "asylum-training-guidelines"]
    assert not [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(("CREATE", "DROP"))]


def test_sqlite_search_index_is_made_by_the_migration_and_rebuilt_by_rerunning_it(catalog):
    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 accelerator exists only on SQLite")
    assert sqlite_search.available(connection.alias)
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER ppta_library_material_fts_au")
    assert not sqlite_search.available(connection.alias)
    sqlite_search.install(connection)  # what migration 0003 runs; safe to re-run
    assert sqlite_search.available(connection.alias)
    assert ids(MaterialFilters(q="торговля")) == ["thb-trainers-manual"]


@pytest.mark.parametrize(
    "query", ['"торговля', "торговля*", "NEAR(торговля", "торговля:", "^торговля", "торговля OR", "торговля)"]
)
def test_search_syntax_characters_are_plain_text(catalog, query):
    """Quotes, stars, colons or operators in a query are looked for literally, never parsed or rejected."""
    assert ids(MaterialFilters(q=query)) == []


def test_letters_beyond_latin_and_cyrillic_are_matched_exactly(db):
    """On MariaDB/MySQL words in Latin/Cyrillic letters are looked for in a Windows-1251 copy of the
    text, where every other character is "?": that copy must never make a word match more or less."""
    make_material("moldova", versions={"ro": {"title": "Ștefan Vodă: café ნინო"}})
    make_material("plain", versions={"en": {"title": "Stefan Voda: cafe"}})
    assert ids(MaterialFilters(q="ștefan")) == ["moldova"]
    assert ids(MaterialFilters(q="stefan")) == ["plain"]
    assert ids(MaterialFilters(q="cafe")) == ["plain"]
    assert ids(MaterialFilters(q="caf vod")) == ["moldova", "plain"]
    assert ids(MaterialFilters(q="ნინო")) == ["moldova"]
    assert ids(MaterialFilters(q="?")) == []
    assert ids(MaterialFilters(q="caf?")) == []


def test_pages_beyond_the_first_counted_ids_are_listed_in_catalog_order(db, monkeypatch):
    monkeypatch.setattr(MatchList, "FIRST_IDS", 4)
    for number in range(11):
        make_material(f"return-{number:02d}", year=2000 + number, versions={"ru": {"title": f"Возвращение {number}"}})
    matches = paginable_materials(MaterialFilters(q="возвращение"))
    assert matches.count() == 11
    assert [m.external_id for m in matches[0:4]] == ["return-10", "return-09", "return-08", "return-07"]
    assert [m.external_id for m in matches[8:12]] == ["return-02", "return-01", "return-00"]
    assert [m.external_id for m in matches[3:6]] == ["return-07", "return-06", "return-05"]


def test_mysql_search_reads_the_search_rows_made_by_the_migration(catalog):
    if connection.vendor != "mysql":
        pytest.skip("the search rows are read only on MariaDB/MySQL")
    assert mysql_search.available(connection.alias)
    with CaptureQueriesContext(connection) as queries:
        assert [m.external_id for m in paginable_materials(MaterialFilters(q="ТОРГОВЛЯ"))[:10]] == [
            "thb-trainers-manual"]
    statements = [q["sql"] for q in queries.captured_queries]
    assert any("`ppta_library_materialsearchrow`.`search_text` LIKE" in sql and "SQL_CALC_FOUND_ROWS" in sql
               for sql in statements), statements
    assert not any(sql.lstrip().upper().startswith(("CREATE", "DROP", "ALTER")) for sql in statements)


def test_mysql_search_rows_follow_every_change_of_a_material(catalog):
    if connection.vendor != "mysql":
        pytest.skip("the search rows are kept only on MariaDB/MySQL")
    from library_importer.models import Material, MaterialSearchRow

    def search_rows():
        return dict(MaterialSearchRow.objects.values_list("material__external_id", "sort_key"))

    published = set(Material.objects.filter(status=Material.Status.PUBLISHED).values_list("external_id", flat=True))
    assert set(search_rows()) == published  # the withdrawn material has none
    material = catalog["thb-trainers-manual"]
    material.year, material.external_id = 1999, "thb-manual-1999"
    material.save()  # e.g. the admin's form
    assert search_rows()["thb-manual-1999"].endswith("thb-manual-1999")
    assert ids(MaterialFilters(q="торговля")) == ["thb-manual-1999"]
    assert [m.external_id for m in paginable_materials(MaterialFilters(q="e"))][-1] == "thb-manual-1999"
    Material.objects.filter(pk=material.pk).update(status=Material.Status.WITHDRAWN)
    mysql_search.refresh(Material.objects.filter(pk=material.pk))  # what the admin's "withdraw" runs
    assert ids(MaterialFilters(q="торговля")) == []
    material.delete()
    assert set(search_rows()) == published - {"thb-trainers-manual"}
    mysql_search.rebuild(connection)  # what migration 0007 runs; safe to re-run
    mysql_search.rebuild(connection)
    assert set(search_rows()) == published - {"thb-trainers-manual"}
    assert ids(MaterialFilters(q="руководство интеграционной")) == ["eris-integration-manual"]


def test_reindexing_takes_in_materials_written_around_the_library_code(catalog):
    from django.core.management import call_command

    from library_importer.models import Material

    out = StringIO()
    Material.objects.filter(external_id="thb-trainers-manual").update(status=Material.Status.WITHDRAWN)  # raw write
    call_command("reindex_library_search", stdout=out)
    assert ids(MaterialFilters(q="торговля")) == []
    if connection.vendor == "mysql":
        assert out.getvalue() == "Search rows rebuilt: 4 published material(s).\n"
    else:
        assert "Nothing to do on sqlite" in out.getvalue()


@pytest.mark.django_db(transaction=True)  # ALTER TABLE commits on MariaDB/MySQL: no rolled-back test here
def test_migration_0007_fills_the_search_rows_and_migrating_back_restores_the_column():
    if connection.vendor != "mysql":
        pytest.skip("the search rows are kept only on MariaDB/MySQL")
    from django.db.migrations.executor import MigrationExecutor

    from library_importer.models import MaterialSearchRow

    search_column = importlib.import_module("library_importer.migrations.0005_search_index")

    def has_column() -> bool:
        with connection.cursor() as cursor:
            cursor.execute(search_column.HAS_COLUMN)
            return bool(cursor.fetchone()[0])

    build_catalog()
    MigrationExecutor(connection).migrate([("ppta_library", "0006_search_facets")])
    assert has_column() and "ppta_library_materialsearchrow" not in connection.introspection.table_names()
    MigrationExecutor(connection).migrate([("ppta_library", "0007_search_rows")])
    assert not has_column() and MaterialSearchRow.objects.count() == 5  # the published materials
    assert ids(MaterialFilters(q="ТОРГОВЛЯ")) == ["thb-trainers-manual"]


def test_the_migration_fills_the_search_fields_of_materials_already_there(db):
    """Migration 0006 gives existing materials their facets and a search text with each word once."""
    from types import SimpleNamespace

    from django.apps import apps

    from library_importer.models import Material

    material = make_material("old-row", areas=("integration",),
                             versions={"ru": {"title": "Миграция и миграция", "description": "МИГРАЦИЯ"}})
    Material.objects.filter(pk=material.pk).update(search_text="old-row миграция и миграция миграция", search_facets="")
    assert ids(MaterialFilters(areas=("integration",))) == []  # what a catalog looks like before the migration
    migration = importlib.import_module("library_importer.migrations.0006_search_facets")
    migration.fill_search_fields(apps, SimpleNamespace(connection=connection))
    mysql_search.rebuild(connection)  # what migration 0007 runs next on MariaDB/MySQL
    material.refresh_from_db()
    assert material.search_text == "old-row миграция и"
    assert ids(MaterialFilters(areas=("integration",), language="ru", q="Миграция")) == ["old-row"]
