"""``Material.search_facets`` (areas and languages on the material's row), and ``search_text`` with each word once.

Both are filled for the materials already there; safe to re-run (it recomputes the same values).
On SQLite adding the column rebuilds the material table, which drops the search index's triggers:
they are made again here (``sqlite_search``).
"""

from django.db import migrations, models

from library_importer import sqlite_search
from library_importer.models import search_fields_of

BATCH = 500


def fill_search_fields(apps, schema_editor):
    Material = apps.get_model("ppta_library", "Material")
    materials = Material.objects.using(schema_editor.connection.alias).order_by("pk")
    materials = materials.prefetch_related("versions", "titles", "area_links")
    batch = []
    for material in materials.iterator(chunk_size=BATCH):
        for name, value in search_fields_of(material).items():
            setattr(material, name, value)
        batch.append(material)
        if len(batch) == BATCH:
            Material.objects.bulk_update(batch, ["search_text", "search_facets"])
            batch = []
    Material.objects.bulk_update(batch, ["search_text", "search_facets"])


def reinstall_sqlite_search(apps, schema_editor):
    sqlite_search.install(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("ppta_library", "0005_search_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="material",
            name="search_facets",
            field=models.CharField(blank=True, editable=False, max_length=500),
        ),
        migrations.RunPython(reinstall_sqlite_search, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(fill_search_fields, migrations.RunPython.noop, elidable=False),
    ]
