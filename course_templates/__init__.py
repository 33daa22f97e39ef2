"""Thematic areas registry, shared vocabularies and the OLX course-template builder.

Public API: import from here, not from the submodules.
"""

from course_templates.areas import LANGUAGES, Area, UnknownAreaError, all_areas, area_slugs, get_area
from course_templates.vocabularies import CONTENT_LANGUAGES, MATERIAL_TYPES, Term, term_ids

__all__ = [
    "CONTENT_LANGUAGES",
    "LANGUAGES",
    "MATERIAL_TYPES",
    "Area",
    "Term",
    "UnknownAreaError",
    "all_areas",
    "area_slugs",
    "get_area",
    "term_ids",
]
