"""The one way to find materials: a queryset builder shared by the public module, REST API, pages and CLI.

Only published materials are ever returned. The text query is folded with ``fold_for_search``
(the same folding the importer applies to ``Material.search_text``) and every word must occur,
so ``ТОРГОВЛЯ`` finds ``торговля`` on SQLite and MySQL/MariaDB alike: the comparison is made
between two already case-folded strings, never left to the database's collation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.db.models.expressions import RawSQL

from library_importer import sqlite_search
from library_importer.models import Material, MaterialArea, MaterialVersion, fold_for_search


@dataclass(frozen=True)
class MaterialFilters:
    """What a reader asks for; an empty value means "any"."""

    q: str = ""
    areas: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    language: str | None = None  # the material has a version in this language
    years: tuple[int, ...] = ()
    countries: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.query_words or self.areas or self.types or self.language or self.years or self.countries)

    @property
    def query_words(self) -> tuple[str, ...]:
        return tuple(fold_for_search(self.q).split())


def published_materials() -> QuerySet[Material]:
    """Published materials with their areas, versions and titles prefetched, in catalogue order (newest first)."""
    published = Material.objects.filter(status=Material.Status.PUBLISHED).defer("search_text", "source_checksum")
    return published.prefetch_related(
        Prefetch("area_links", queryset=MaterialArea.objects.order_by("area")),
        Prefetch("versions", queryset=MaterialVersion.objects.order_by("language")),
        "titles",
    )


def find_materials(filters: MaterialFilters | None = None) -> QuerySet[Material]:
    """Published materials matching every given filter (words of ``q`` all present, AND across filters)."""
    filters = filters or MaterialFilters()
    materials = published_materials()
    materials = _containing(materials, filters.query_words)
    if filters.types:
        materials = materials.filter(type__in=_clean(filters.types))
    if filters.years:
        materials = materials.filter(year__in=[int(year) for year in filters.years])
    if filters.countries:
        materials = materials.filter(country__in=[code.upper() for code in _clean(filters.countries)])
    if filters.areas:
        # Exists, not a join: a material in two of the chosen areas must still be listed once.
        in_areas = MaterialArea.objects.filter(material=OuterRef("pk"), area__in=_clean(filters.areas))
        materials = materials.filter(Exists(in_areas))
    if filters.language:
        materials = materials.filter(
            Exists(MaterialVersion.objects.filter(material=OuterRef("pk"), language=filters.language))
        )
    return materials


def paginable_materials(filters: MaterialFilters | None = None) -> QuerySet[Material] | Sequence[Material]:
    """``find_materials`` in a form for a paginator: counted and sliced without searching the text twice."""
    materials = find_materials(filters)
    return MatchList(materials) if filters and filters.query_words else materials


class MatchList(Sequence):
    """Text-search matches in catalog order, for ``django.core.paginator.Paginator``.

    A paginator counts, then slices: on a queryset that runs the text search twice. Here one
    query fetches the ordered ids of all matches (cheap: the browse index covers the order),
    and only the requested slice is loaded as materials.
    """

    def __init__(self, materials: QuerySet[Material]):
        self._materials = materials

    @cached_property
    def _ids(self) -> list[int]:
        return list(self._materials.prefetch_related(None).values_list("pk", flat=True))

    def count(self) -> int:
        return len(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        ids = self._ids[index]
        by_id = published_materials().in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]


def _containing(materials: QuerySet[Material], words: tuple[str, ...]) -> QuerySet[Material]:
    """Materials whose search_text contains every (folded) word.

    search_text is folded by the importer, the words here: comparing two folded strings makes the
    match case-blind in any script whatever the database collation. On SQLite the FTS5 trigram
    index answers for words of three or more characters (see ``sqlite_search``).
    """
    indexed = [word for word in words if len(word) >= sqlite_search.MIN_WORD_LENGTH]
    if indexed and sqlite_search.available(materials.db):
        sql, params = sqlite_search.match_subquery(indexed)  # constant SQL, the words are a bound parameter
        materials = materials.filter(pk__in=RawSQL(sql, params))  # noqa: S611
        words = tuple(word for word in words if word not in indexed)
    for word in words:
        materials = materials.filter(search_text__contains=word)
    return materials


def _clean(values: Iterable[str]) -> list[str]:
    return [value.strip() for value in values if value and value.strip()]
