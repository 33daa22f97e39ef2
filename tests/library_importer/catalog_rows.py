"""Catalog rows for the read-side tests (library pages, API, search, public module, CLI list).

Rows are created with ``library_importer.models`` directly, as the importer would leave them:
files in the library storage, sha256/size/MIME filled in and ``search_text`` refreshed.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile

from library_importer.models import Material, MaterialArea, MaterialVersion

PDF_MIME = "application/pdf"


def tiny_pdf(text: str = "ppta") -> bytes:
    """A small but well-formed one-page PDF (enough for a download test to compare bytes)."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        + f"% {text}\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def make_material(
    external_id: str,
    *,
    type: str = "handbook",  # noqa: A002 (the catalog's field name)
    areas: tuple[str, ...] = ("integration",),
    year: int | None = 2015,
    country: str = "",
    project: str = "",
    audience: str = "",
    license: str = "",  # noqa: A002
    status: str = Material.Status.PUBLISHED,
    versions: dict[str, dict] | None = None,
) -> Material:
    """A material; ``versions`` maps a language to {title, description, and content bytes or url, pages, size}."""
    versions = versions if versions is not None else {"en": {"title": f"{external_id} (EN)"}}
    material = Material.objects.create(
        external_id=external_id,
        type=type,
        year=year,
        country=country,
        project=project,
        audience=audience,
        license=license,
        status=status,
    )
    for area in areas:
        MaterialArea.objects.create(material=material, area=area)
    for language, spec in versions.items():
        version = MaterialVersion(
            material=material,
            language=language,
            title=spec["title"],
            description=spec.get("description", ""),
            page_count=spec.get("pages"),
        )
        if spec.get("url"):
            version.url = spec["url"]
        else:
            content = spec.get("content") or tiny_pdf(f"{external_id} {language}")
            version.file.save(f"{external_id}-{language}.pdf", ContentFile(content), save=False)
            version.sha256 = hashlib.sha256(content).hexdigest()
            version.size = spec.get("size", len(content))
            version.mime_type = spec.get("mime_type", PDF_MIME)
        version.save()
    material.refresh_search_fields()
    return material


def build_catalog() -> dict[str, Material]:
    """A small realistic catalog: both languages, several areas and types, a national strategy, a withdrawn item."""
    rows = [
        make_material(
            "pp-handbook-readmission",
            type="handbook",
            areas=("readmission-return-reintegration", "illegal-migration"),
            year=2014,
            project="PP TI",
            audience="Migration officials",
            license="CC BY-NC 4.0",
            versions={
                "en": {
                    "title": "Handbook on Concluding Readmission Agreements and Organising Returns",
                    "description": "Guidelines from the PP1 pilot project.",
                    "pages": 124,
                    "size": 1_234_567,
                },
                "ru": {
                    "title": "Пособие по заключению соглашений о реадмиссии и организации возвращения",
                    "description": "Руководство пилотного проекта PP1.",
                    "pages": 121,
                    "size": 1_234_567,
                },
            },
        ),
        make_material(
            "thb-trainers-manual",
            type="training_material",
            areas=("illegal-migration",),
            year=2019,
            project="PP DATA",
            versions={
                "en": {"title": "What is Trafficking in Human Beings? Trainer's manual", "pages": 1},
                "ru": {"title": "Что такое торговля людьми? Пособие для тренеров", "pages": 3},
            },
        ),
        make_material(
            "eris-integration-manual",
            type="training_material",
            areas=("integration",),
            year=2015,
            project="ERIS",
            versions={
                "en": {"title": "Joint Manual on Integration Policies", "description": "Principles and standards."},
                "ru": {"title": "Совместное руководство по интеграционной политике", "pages": 22},
            },
        ),
        make_material(
            "ge-labour-migration-strategy",
            type="national_strategy",
            areas=("legal-migration-mobility",),
            year=2021,
            country="GE",
            versions={
                "en": {"title": "Georgia: Labour Migration Strategy", "url": "https://example.org/ge-strategy.pdf"},
                "ru": {"title": "Грузия: стратегия трудовой миграции"},
            },
        ),
        make_material(
            "asylum-training-guidelines",
            type="handbook",
            areas=("asylum-international-protection",),
            year=2014,
            versions={"en": {"title": "Guidelines on Training in the Asylum Process"}},
        ),
        make_material(
            "withdrawn-brief",
            type="brief",
            areas=("integration",),
            year=2016,
            status=Material.Status.WITHDRAWN,
            versions={"en": {"title": "Withdrawn brief on integration"}, "ru": {"title": "Отозванная записка"}},
        ),
    ]
    return {material.external_id: material for material in rows}


HTML_PAYLOAD = '<script>alert("ppta")</script><img src=x onerror=alert(1)>'


def make_hostile_material() -> Material:
    """A published material whose metadata carries markup that must be shown as text everywhere."""
    return make_material(
        "hostile-markup",
        type="other",
        project=HTML_PAYLOAD,
        audience=HTML_PAYLOAD,
        versions={
            "en": {"title": f"Markup {HTML_PAYLOAD}", "description": HTML_PAYLOAD},
            "ru": {"title": f"Разметка {HTML_PAYLOAD}", "description": HTML_PAYLOAD},
        },
    )
