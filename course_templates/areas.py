"""The six thematic areas of the Prague Process Action Plan, read from ``areas.yaml``.

This is the registry every other part of ppta reads areas from: course templates, library
records, XBlocks and certificates. Slugs and codes are stable identifiers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

LANGUAGES = ("en", "ru")
ROMAN_CHAPTERS = ("I", "II", "III", "IV", "V", "VI")


class UnknownAreaError(LookupError):
    """Raised for a slug that is not one of the six thematic areas."""

    def __init__(self, slug: str):
        self.slug = slug
        known = ", ".join(area_slugs())
        super().__init__(f"unknown thematic area {slug!r}; choose one of: {known}")

    def __str__(self) -> str:  # LookupError would quote the message
        return self.args[0]


@dataclass(frozen=True)
class Area:
    """One thematic area; texts exist in every language of ``LANGUAGES``."""

    slug: str
    order: int
    chapter: str
    code: str
    title_en: str
    title_ru: str
    description_en: str
    description_ru: str
    ru_source: str  # "official" or "translated": no official Russian list exists yet

    def title(self, lang: str) -> str:
        return getattr(self, f"title_{_check_language(lang)}")

    def description(self, lang: str) -> str:
        return getattr(self, f"description_{_check_language(lang)}")


def _check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of: {', '.join(LANGUAGES)}")
    return lang


@functools.cache
def all_areas() -> tuple[Area, ...]:
    """The six areas in Action Plan chapter order."""
    text = resources.files(__package__).joinpath("areas.yaml").read_text(encoding="utf-8")
    rows = yaml.safe_load(text)["areas"]
    areas = tuple(_area_from_row(order, row) for order, row in enumerate(rows, start=1))
    _check_registry(areas)
    return areas


def _area_from_row(order: int, row: dict) -> Area:
    fields = ("slug", "chapter", "code", "title_en", "title_ru", "description_en", "description_ru", "ru_source")
    missing = [name for name in fields if not str(row.get(name) or "").strip()]
    if missing:
        raise ValueError(f"areas.yaml: area #{order} lacks {', '.join(missing)}")
    return Area(order=order, **{name: " ".join(str(row[name]).split()) for name in fields})


def _check_registry(areas: tuple[Area, ...]) -> None:
    if tuple(area.chapter for area in areas) != ROMAN_CHAPTERS:
        raise ValueError("areas.yaml: areas must be listed in chapter order I-VI")
    for attribute in ("slug", "code"):
        values = [getattr(area, attribute) for area in areas]
        if len(set(values)) != len(values):
            raise ValueError(f"areas.yaml: duplicate {attribute}")


def area_slugs() -> tuple[str, ...]:
    return tuple(area.slug for area in all_areas())


def get_area(slug: str) -> Area:
    for area in all_areas():
        if area.slug == slug:
            return area
    raise UnknownAreaError(slug)
