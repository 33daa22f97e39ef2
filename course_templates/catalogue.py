"""The 24 ready-made templates: every area × language × kind, with stable course keys.

Used by the demo (downloads), the benchmark and the tests; keys look like
``course-v1:PPTA+ILM101EN+2026`` (101 = standard, 201 = training of trainers).
"""

from __future__ import annotations

from course_templates.areas import LANGUAGES, all_areas, get_area
from course_templates.spec import KINDS, CourseSpec

CATALOGUE_ORG = "PPTA"
CATALOGUE_RUN = "2026"
KIND_NUMBERS = {"standard": "101", "tot": "201"}


def catalogue_spec(area_slug: str, lang: str, kind: str) -> CourseSpec:
    number = f"{get_area(area_slug).code}{KIND_NUMBERS[kind]}{lang.upper()}"
    return CourseSpec.create(area=area_slug, lang=lang, org=CATALOGUE_ORG, number=number, run=CATALOGUE_RUN, kind=kind)


def catalogue_specs() -> list[CourseSpec]:
    """All templates, area by area (chapter order), then language, then kind."""
    return [catalogue_spec(area.slug, lang, kind) for area in all_areas() for lang in LANGUAGES for kind in KINDS]
