"""MariaDB/MySQL only (a no-op elsewhere): a Windows-1251 copy of the search text, as a column of the
material table (a generated column). Migration 0007 replaced it by the search rows (``mysql_search``)
and drops it; the statements live here, where the column was made, for migrating either way.

Self-contained on purpose: it changes no model, so it can be renumbered after migrations made in
parallel without touching their state.
"""

from django.db import migrations

# Characters outside Latin and Cyrillic are made "?" first: converting them would be an error in strict mode.
ADD_COLUMN = (
    "ALTER TABLE ppta_library_material ADD COLUMN search_text_cp1251 LONGTEXT "
    "CHARACTER SET cp1251 COLLATE cp1251_bin AS (CONVERT(REGEXP_REPLACE(search_text COLLATE utf8mb4_bin, "
    "'[^ -~Ё-ЌЎ-яё-ќўџҐґ]', '?') USING cp1251)) STORED"
)
DROP_COLUMN = "ALTER TABLE ppta_library_material DROP COLUMN search_text_cp1251"
HAS_COLUMN = (
    "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
    "AND TABLE_NAME = 'ppta_library_material' AND COLUMN_NAME = 'search_text_cp1251'"
)


def add_column(apps, schema_editor):
    _alter(schema_editor.connection, ADD_COLUMN, when_present=False)


def drop_column(apps, schema_editor):
    _alter(schema_editor.connection, DROP_COLUMN, when_present=True)


def _alter(connection, statement: str, *, when_present: bool) -> None:
    """Run ``statement`` on MariaDB/MySQL if the column is there (``when_present``) or not: safe to re-run."""
    if connection.vendor != "mysql":
        return
    with connection.cursor() as cursor:
        cursor.execute(HAS_COLUMN)
        if bool(cursor.fetchone()[0]) == when_present:
            cursor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("ppta_library", "0004_material_titles"),
    ]

    operations = [
        migrations.RunPython(add_column, drop_column, elidable=False),
    ]
