"""The search accelerator for MariaDB/MySQL (production): narrow search rows in catalog order.

Why: a search there reads every published material's text, and reading it out of the material
table is most of its cost: a material's row holds all its fields and the text in UTF-8. The table
``ppta_library_materialsearchrow`` (``MaterialSearchRow``) holds, per published material, only
what a search reads: the text in Windows-1251 (Latin and Cyrillic letters, one byte each; any other
character becomes ``?``), the facets, and a primary key in catalog order (year, newest first, then
id), so that the scan reads the rows already sorted. In UTF-8 every Cyrillic letter also starts
with the byte D0 or D1, so ``LIKE '%word%'`` tries a match at almost every other byte; in
Windows-1251 the same LIKE takes a third of the time. The copy is exact for query words written
only in those letters (``indexable``; no ``?``): a letter maps to one byte and back. Other words
are looked for in ``Material.search_text``.

Why not a FULLTEXT index: InnoDB's index finds words that *start* with the query, and an index of
every word's suffixes (which would answer "contains") was measured slower than the scan for the
common words readers search for (0.8 s for a word in 13,000 of 20,000 materials), and InnoDB does
not see a transaction's own rows in it before commit.

The rows are copied from the material table by SQL (``refresh``), by whatever writes a material's
status, year, id, search text or facets (``Material.save``, ``refresh_search_fields``, ``set_status``
for publishing and withdrawing, the importer's bulk insert), inside the same transaction; a deleted
material's row goes with it. Migration ``0007_search_rows`` makes the table Windows-1251 and fills it
(``rebuild``, also the command ``manage.py reindex_library_search``). ``first_ids_and_count`` is the
other half of the speed-up: the number of matches and the first page from one scan, instead of every
id sent to Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connections
from django.db.models import Lookup, QuerySet

# Constant SQL, written out; the words searched for and the materials' ids are bound parameters.
MAKE_TEXT_SINGLE_BYTE = (
    "ALTER TABLE ppta_library_materialsearchrow MODIFY search_text LONGTEXT CHARACTER SET cp1251 COLLATE cp1251_bin "
    "NOT NULL"
)
# The catalog order (year descending, a material without a year last, then id) as one key.
# Characters other than ASCII and Cyrillic letters are made "?" first: converting them would be an error
# in strict mode, not a "?". COLLATE utf8mb4_bin: a case-blind class would let "ſ" (a case variant of "s") through.
COPY = (
    "INSERT INTO ppta_library_materialsearchrow (sort_key, material_id, search_facets, search_text) "
    "SELECT CONCAT(LPAD(IFNULL(65535 - year, 65536), 5, '0'), external_id), id, search_facets, "
    "CONVERT(REGEXP_REPLACE(search_text COLLATE utf8mb4_bin, '[^ -~Ё-ЌЎ-яё-ќўџҐґ]', '?') USING cp1251) "
    "FROM ppta_library_material WHERE status = 'published'"
)
DELETE = "DELETE FROM ppta_library_materialsearchrow"
FOUND_ROWS = "SELECT FOUND_ROWS()"
BATCH = 1000
# Latin and Cyrillic letters (lower case: search_text is folded), digits and ASCII punctuation: kept
# as they are in the copy. Not "?" (what every other character becomes), nor LIKE's "%", "_", "\\".
INDEXABLE_WORD = re.compile(r"[0-9a-z!-$&-/:->@\[\]^`{-~а-яё-ќўџґ]+")


def available(alias: str) -> bool:
    """True when this database is MariaDB/MySQL, where migration 0007 made and filled the search rows."""
    return connections[alias].vendor == "mysql"


def make_table_single_byte(connection) -> None:
    """A migration step: the rows' text column in Windows-1251 (one byte per letter)."""
    if connection.vendor == "mysql":
        with connection.cursor() as cursor:
            cursor.execute(MAKE_TEXT_SINGLE_BYTE)


def rebuild(connection) -> None:
    """Copy every published material's row afresh; a migration step and a command, safe to re-run."""
    if connection.vendor == "mysql":
        with connection.cursor() as cursor:
            cursor.execute(DELETE)
            cursor.execute(COPY)


def refresh(materials: QuerySet) -> None:
    """Bring the search rows of ``materials`` (a Material queryset) in step with the materials' rows.

    Call it after writing a material's status, year, id, search text or facets, in the same transaction.
    """
    if not available(materials.db):
        return
    ids = list(materials.values_list("pk", flat=True))
    with connections[materials.db].cursor() as cursor:
        for batch in _batches(ids):
            placeholders = ", ".join(["%s"] * len(batch))
            cursor.execute(f"{DELETE} WHERE material_id IN ({placeholders})", batch)  # noqa: S608 - only placeholders
            cursor.execute(f"{COPY} AND id IN ({placeholders})", batch)  # noqa: S608 - only placeholders


def _batches(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start:start + BATCH]


def indexable(word: str) -> bool:
    """Whether ``word`` can be looked for in the Windows-1251 copy with exactly the same result."""
    return INDEXABLE_WORD.fullmatch(word) is not None


class SingleByteContains(Lookup):
    """``search_text__single_byte_contains=word``: the search row's text contains ``word`` (``indexable``).

    A plain LIKE: the server converts the word to the column's Windows-1251 (Django's ``contains``
    would compare UTF-8 bytes with ``LIKE BINARY``); an indexable word holds no LIKE wildcards.
    """

    lookup_name = "single_byte_contains"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs}", [*lhs_params, *(f"%{word}%" for word in rhs_params)]


def counts_while_paging(alias: str) -> bool:
    return connections[alias].vendor == "mysql"


def first_ids_and_count(ids: QuerySet, limit: int) -> tuple[list, int]:
    """The first ``limit`` values of a ``values_list`` query and how many there are in all: one scan.

    ``SQL_CALC_FOUND_ROWS`` (MariaDB; deprecated but kept by MySQL 8) makes the server count the
    rows a ``LIMIT`` leaves out, so a search reads the table once and sends a page, not every id.
    """
    connection = connections[ids.db]
    sql, params = ids[:limit].query.get_compiler(using=ids.db).as_sql()
    if not sql.startswith("SELECT "):
        raise ValueError(f"not a plain SELECT: {sql[:40]}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT SQL_CALC_FOUND_ROWS " + sql[len("SELECT "):], params)  # noqa: S608 - Django's own SQL
        first = [row[0] for row in cursor.fetchall()]
        cursor.execute(FOUND_ROWS)
        return first, cursor.fetchone()[0]
