"""MariaDB/MySQL only (a no-op elsewhere): the Windows-1251 copy of the search text (``mysql_search``).

Made here, never during a request. Self-contained on purpose: it changes no model, so it can be
renumbered after migrations made in parallel without touching their state.
"""

from django.db import migrations

from library_importer import mysql_search


def install_mysql_search(apps, schema_editor):
    mysql_search.install(schema_editor.connection)


def uninstall_mysql_search(apps, schema_editor):
    mysql_search.uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("ppta_library", "0004_material_titles"),
    ]

    operations = [
        migrations.RunPython(install_mysql_search, uninstall_mysql_search, elidable=False),
    ]
