from django.db import migrations, models
import django.db.models.deletion


def lower_case_ids(apps, schema_editor):
    """Ids are stored in lower case from now on; one typed otherwise (in the admin) is lowered unless taken."""
    Material = apps.get_model("ppta_library", "Material")
    taken = set(Material.objects.values_list("external_id", flat=True))
    for pk, external_id in Material.objects.values_list("pk", "external_id"):
        canonical = external_id.lower()
        if canonical != external_id and canonical not in taken:
            Material.objects.filter(pk=pk).update(external_id=canonical)
            taken.add(canonical)


class Migration(migrations.Migration):

    dependencies = [
        ("ppta_library", "0003_origin_browse_indexes_sqlite_fts"),
    ]

    operations = [
        migrations.CreateModel(
            name="MaterialTitle",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(choices=[("en", "English"), ("ru", "Russian")], max_length=8,
                                              verbose_name="language")),
                ("title", models.CharField(max_length=500, verbose_name="title")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("material", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="titles",
                                               to="ppta_library.material")),
            ],
            options={
                "verbose_name": "title without a document",
                "verbose_name_plural": "titles without a document",
                "ordering": ["language"],
            },
        ),
        migrations.AddConstraint(
            model_name="materialtitle",
            constraint=models.UniqueConstraint(fields=("material", "language"),
                                               name="ppta_library_unique_title_language"),
        ),
        migrations.RunPython(lower_case_ids, migrations.RunPython.noop),
    ]
