"""A search accelerator for SQLite (demo, tests, small sites): an FTS5 trigram index of the catalog.

Why: SQLite has no index for ``LIKE '%word%'``, so every search read the whole catalog (~70 ms
for 20,000 materials on a small machine). An FTS5 table with the ``trigram`` tokenizer answers
the same substring question from an index (words of three or more characters).

It is derived data kept current by triggers, so the importer needs to know nothing of it. It is
schema, made by migration ``0003`` (``install``), never during a request: DDL inside a request's
transaction is rolled back with it and leaves the connection unusable (issue 10 item 5). A search
uses the index only when all of it is there (``available``) and otherwise answers with ``LIKE``:
slower, same results. A later migration that rebuilds the material table (which drops its
triggers) must call ``install`` again. Other databases are untouched here.
"""

from __future__ import annotations

from django.db import DatabaseError, connections

# Constant SQL (no input is ever interpolated); the words searched for are a bound parameter.
FTS_TABLE = "ppta_library_material_fts"
CREATE_STATEMENTS = {
    FTS_TABLE: "CREATE VIRTUAL TABLE IF NOT EXISTS ppta_library_material_fts USING fts5(search_text, "
    "content='ppta_library_material', content_rowid='id', tokenize='trigram case_sensitive 1')",
    "ppta_library_material_fts_ai": "CREATE TRIGGER IF NOT EXISTS ppta_library_material_fts_ai "
    "AFTER INSERT ON ppta_library_material BEGIN "
    "INSERT INTO ppta_library_material_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "ppta_library_material_fts_ad": "CREATE TRIGGER IF NOT EXISTS ppta_library_material_fts_ad "
    "AFTER DELETE ON ppta_library_material BEGIN "
    "INSERT INTO ppta_library_material_fts(ppta_library_material_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "ppta_library_material_fts_au": "CREATE TRIGGER IF NOT EXISTS ppta_library_material_fts_au "
    "AFTER UPDATE OF search_text ON ppta_library_material BEGIN "
    "INSERT INTO ppta_library_material_fts(ppta_library_material_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO ppta_library_material_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
}
REBUILD = "INSERT INTO ppta_library_material_fts(ppta_library_material_fts) VALUES ('rebuild')"
LIST_OBJECTS = "SELECT name FROM sqlite_master WHERE name LIKE 'ppta\\_library\\_material\\_%' ESCAPE '\\'"
MATCH = "SELECT rowid FROM ppta_library_material_fts WHERE ppta_library_material_fts MATCH %s"
MIN_WORD_LENGTH = 3  # trigram: shorter words cannot be looked up and are matched with LIKE instead


def install(connection) -> None:
    """Create (or complete) the index and its triggers and fill it; a migration step, safe to re-run."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        try:
            for statement in CREATE_STATEMENTS.values():
                cursor.execute(statement)
        except DatabaseError:  # SQLite built without FTS5: searches use LIKE (see ``available``)
            return
        cursor.execute(REBUILD)  # rows written before the index (or while a trigger was missing)


def uninstall(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in reversed(CREATE_STATEMENTS):
            kind = "TABLE" if name == FTS_TABLE else "TRIGGER"
            cursor.execute(f"DROP {kind} IF EXISTS {name}")  # constant names


def available(alias: str) -> bool:
    """True when this database is SQLite and the whole index (table and triggers) is in place.

    A read of the schema only; when something is missing (a database not migrated, a trigger dropped)
    the caller falls back to ``LIKE``, which gives the same results without the index.
    """
    connection = connections[alias]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(LIST_OBJECTS)
        present = {row[0] for row in cursor.fetchall()}
    return set(CREATE_STATEMENTS) <= present


def match_subquery(words: list[str]) -> tuple[str, list[str]]:
    """SQL selecting the ids of materials whose search_text contains every word (each ≥ 3 characters)."""
    expression = " AND ".join('"' + word.replace('"', '""') + '"' for word in words)
    return MATCH, [expression]
