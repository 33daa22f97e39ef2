"""Studio taxonomies for the areas and vocabularies, and the course tags that refer to them.

Studio's taxonomy import (openedx_tagging) accepts CSV with the header ``id,value[,parent_id]`` or
JSON ``{"tags": [{"id", "value"}]}``, read as UTF-8 *without* a BOM. Tag values may not contain a
TAB, ``" > "`` or ``";"``. Course ``tags.csv`` files name a taxonomy by its ``export_id`` and a tag
by its *value*, so the courses and the exported taxonomies share the definitions below.
Values are English: the official area titles are English and Studio shows one value per tag.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from course_templates.areas import Area, all_areas
from course_templates.vocabularies import CONTENT_LANGUAGES, MATERIAL_TYPES

FORBIDDEN_IN_VALUES = ("\t", " > ", ";")
FORMATS = ("csv", "json")


@dataclass(frozen=True)
class Tag:
    id: str
    value: str


@dataclass(frozen=True)
class Taxonomy:
    """One taxonomy: ``key`` is the CLI name, ``export_id`` the id Studio and ``tags.csv`` use."""

    key: str
    export_id: str
    name: str
    description: str
    tags: tuple[Tag, ...]


def taxonomies() -> dict[str, Taxonomy]:
    found = (
        Taxonomy("areas", "ppta-areas", "Prague Process thematic areas",
                 "The six thematic areas of the Prague Process Action Plan (ids are ppta area slugs).",
                 tuple(Tag(area.slug, area.title_en) for area in all_areas())),
        Taxonomy("material-types", "ppta-material-types", "Training material types",
                 "Types of the Training Academy's library materials.",
                 tuple(Tag(term.id, term.en) for term in MATERIAL_TYPES)),
        Taxonomy("languages", "ppta-languages", "Content languages",
                 "Languages of the Training Academy's courses and materials.",
                 tuple(Tag(term.id, term.en) for term in CONTENT_LANGUAGES)),
    )
    for taxonomy in found:
        for tag in taxonomy.tags:
            _check_value(taxonomy, tag.value)
    return {taxonomy.key: taxonomy for taxonomy in found}


def _check_value(taxonomy: Taxonomy, value: str) -> None:
    for forbidden in FORBIDDEN_IN_VALUES:
        if forbidden in value:
            raise ValueError(f"taxonomy {taxonomy.export_id}: value {value!r} contains {forbidden!r}")


def render_taxonomy(taxonomy: Taxonomy, fmt: str) -> bytes:
    """The taxonomy as Studio's import reads it: UTF-8 without BOM, in ``fmt`` (csv or json)."""
    if fmt == "json":
        tags = [{"id": tag.id, "value": tag.value} for tag in taxonomy.tags]
        return (json.dumps({"tags": tags}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["id", "value", "parent_id"])
        writer.writerows([tag.id, tag.value, ""] for tag in taxonomy.tags)
        return buffer.getvalue().encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def course_tags_csv(name: str, course_id: str, area: Area, lang: str) -> bytes:
    """A course's ``tags.csv``: the course tagged with its area and language (by tag value)."""
    by_key = taxonomies()
    values = {
        "areas": _value_of(by_key["areas"], area.slug),
        "languages": _value_of(by_key["languages"], lang),
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(["Name", "Type", "ID", *(by_key[key].export_id for key in values)])
    writer.writerow([name, "course", course_id, *values.values()])
    return buffer.getvalue().encode("utf-8")


def _value_of(taxonomy: Taxonomy, tag_id: str) -> str:
    return next(tag.value for tag in taxonomy.tags if tag.id == tag_id)
