"""The search rows of MariaDB/MySQL (``MaterialSearchRow``, ``mysql_search``), filled from the materials
already there; they replace the column of migration 0005, dropped here (made again when migrating back).

On other databases the table is made and stays empty. Safe to re-run: filling copies every row afresh.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

from library_importer import mysql_search

search_column = importlib.import_module("library_importer.migrations.0005_search_index")


def fill_search_rows(apps, schema_editor):
    mysql_search.make_table_single_byte(schema_editor.connection)
    mysql_search.rebuild(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("ppta_library", "0006_search_facets"),
    ]

    operations = [
        migrations.CreateModel(
            name="MaterialSearchRow",
            fields=[
                ("sort_key", models.CharField(max_length=105, primary_key=True, serialize=False)),
                ("search_facets", models.CharField(max_length=500)),
                ("search_text", models.TextField()),
                ("material", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                                  to="ppta_library.material")),
            ],
        ),
        migrations.RunPython(fill_search_rows, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(search_column.drop_column, search_column.add_column, elidable=False),
    ]
