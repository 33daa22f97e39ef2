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

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL

from library_importer import mysql_search, sqlite_search
from library_importer.models import (
    Material,
    MaterialArea,
    MaterialSearchRow,
    MaterialVersion,
    facet_pattern,
    fold_for_search,
)


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
    published = Material.objects.filter(status=Material.Status.PUBLISHED)
    published = published.defer("search_text", "search_facets", "source_checksum")
    return published.prefetch_related(
        Prefetch("area_links", queryset=MaterialArea.objects.order_by("area")),
        Prefetch("versions", queryset=MaterialVersion.objects.order_by("language")),
        "titles",
    )


def find_materials(filters: MaterialFilters | None = None) -> QuerySet[Material]:
    """Published materials matching every given filter (words of ``q`` all present, AND across filters)."""
    filters = filters or MaterialFilters()
    materials = published_materials()
    if filters.query_words and mysql_search.available(materials.db):
        return materials.filter(pk__in=_search_rows(filters).values("material_id"))
    return _containing(_filtered(materials, filters), filters.query_words)


def paginable_materials(filters: MaterialFilters | None = None) -> QuerySet[Material] | Sequence[Material]:
    """``find_materials`` in a form for a paginator: counted and sliced without searching the text twice."""
    filters = filters or MaterialFilters()
    if not filters.query_words:
        return find_materials(filters)
    if mysql_search.available(Material.objects.db):
        return MatchList(_search_rows(filters).order_by("sort_key").values_list("material_id", flat=True))
    return MatchList(find_materials(filters).prefetch_related(None).values_list("pk", flat=True))


def _filtered(rows: QuerySet, filters: MaterialFilters, material: str = "") -> QuerySet:
    """``rows`` (materials, or search rows with ``material="material__"``) narrowed to the filters but the text.

    Areas and language are tests on the row itself (``search_facets``), so that the database reads
    the text only of the rows they leave.
    """
    if filters.types:
        rows = rows.filter(**{f"{material}type__in": _clean(filters.types)})
    if filters.years:
        rows = rows.filter(**{f"{material}year__in": [int(year) for year in filters.years]})
    if filters.countries:
        rows = rows.filter(**{f"{material}country__in": [code.upper() for code in _clean(filters.countries)]})
    if filters.areas:
        in_areas = Q()
        for area in _clean(filters.areas):
            in_areas |= Q(search_facets__contains=facet_pattern("area", area))
        rows = rows.filter(in_areas)
    if filters.language:
        rows = rows.filter(search_facets__contains=facet_pattern("lang", filters.language))
    return rows


class MatchList(Sequence):
    """Text-search matches in catalog order, for ``django.core.paginator.Paginator``.

    A paginator counts, then slices: on a queryset that runs the text search twice. Here one query
    of the matches' ids in catalog order (``ids``) answers both for the first pages: on SQLite it
    fetches all of them (cheap: the browse index covers the order), on MariaDB/MySQL the first
    ``FIRST_IDS`` ids and the number of matches (``mysql_search.first_ids_and_count``: sending every
    id costs more there than the search). Only the requested slice is loaded as materials; a page
    beyond the first ids is one more query.
    """

    FIRST_IDS = 100

    def __init__(self, ids: QuerySet):
        self._ids_query = ids

    @cached_property
    def _first_ids_and_count(self) -> tuple[list[int], int]:
        if mysql_search.counts_while_paging(self._ids_query.db):
            return mysql_search.first_ids_and_count(self._ids_query, self.FIRST_IDS)
        ids = list(self._ids_query)
        return ids, len(ids)

    def count(self) -> int:
        return self._first_ids_and_count[1]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        first, total = self._first_ids_and_count
        start, stop, step = index.indices(total)
        ids = first[index] if stop <= len(first) or len(first) == total else list(self._ids_query[start:stop])[::step]
        by_id = published_materials().in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]


def _search_rows(filters: MaterialFilters) -> QuerySet[MaterialSearchRow]:
    """MariaDB/MySQL: the search rows (published materials, ``mysql_search``) matching the filters.

    A word in Latin or Cyrillic letters is looked for in the rows' single-byte text, any other in
    the material's ``search_text``: both give what LIKE on search_text would.
    """
    rows = _filtered(MaterialSearchRow.objects.all(), filters, material="material__")
    for word in filters.query_words:
        if mysql_search.indexable(word):
            rows = rows.filter(search_text__single_byte_contains=word)
        else:
            rows = rows.filter(material__search_text__contains=word)
    return rows


def _containing(materials: QuerySet[Material], words: tuple[str, ...]) -> QuerySet[Material]:
    """Materials whose search_text contains every (folded) word.

    search_text is folded by the importer, the words here: comparing two folded strings makes the
    match case-blind in any script whatever the database collation. On SQLite the FTS5 trigram
    index (``sqlite_search``) answers for words of three or more characters, which gives what
    LIKE on search_text would; the others use that LIKE.
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
