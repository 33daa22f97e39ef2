"""Catalog rows for the blocks' tests, created through ``library_importer.models`` (the contract's
fallback when the sample library is not needed): published materials with English/Russian versions."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile

from library_importer.models import Material, MaterialArea, MaterialVersion


def add_material(external_id: str, *, titles: dict[str, str], type: str = "handbook", areas=("illegal-migration",),
                 year: int = 2016, status: str = "published", url_base: str = "https://docs.example.org/",
                 size: int | None = 2_345_678, page_count: int | None = 48, stored_file: bool = False) -> Material:
    """A material with one version per language in ``titles`` ({lang: title}): an https URL, or a stored
    file when ``stored_file``."""
    material = Material.objects.create(external_id=external_id, type=type, year=year, status=status)
    for area in areas:
        MaterialArea.objects.create(material=material, area=area)
    for language, title in titles.items():
        version = MaterialVersion(
            material=material, language=language, title=title, mime_type="application/pdf", size=size,
            page_count=page_count, url="" if stored_file else f"{url_base}{external_id}-{language}.pdf",
        )
        if stored_file:
            version.file.save(f"{external_id}.{language}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        version.save()
    material.refresh_search_fields()
    return material


def add_bilingual_handbook() -> Material:
    return add_material(
        "handbook-identification-irregular-migrants",
        titles={
            "en": "Prague Process Handbook on Identification of Irregular Migrants",
            "ru": "Пособие Пражского процесса по идентификации нерегулярных мигрантов",
        },
    )


@pytest.fixture(autouse=True)
def fresh_catalog_cache():
    """The blocks cache catalog answers (``xblocks.catalog``): each test starts and ends with none."""
    cache.clear()
    yield
    cache.clear()
