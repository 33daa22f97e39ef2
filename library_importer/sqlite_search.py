"""A search accelerator for SQLite (demo, tests, small sites): an FTS5 trigram index and a browse index.

Why: SQLite has no index for ``LIKE '%word%'``, so every search read the whole catalog (~70 ms
for 20,000 materials on a small machine). An FTS5 table with the ``trigram`` tokenizer answers
the same substring question from an index (words of three or more characters); an index on
``(status, year DESC, external_id)`` serves the catalog order and the year menu, one on
``(status, country)`` the country menu, without reading the (wide) material rows.

All of it is derived data, not part of the schema: they are created on first use, filled from
``Material.search_text`` and kept current by triggers, so the importer needs to know nothing of
them. When something removed them (a fresh database, a test rollback, a migration that rebuilt the
material table and dropped its triggers) the next search recreates and refills them. Other
databases (MySQL/MariaDB in production) search with ``LIKE`` and are untouched.
"""

from __future__ import annotations

from django.db import DatabaseError, connections

# Constant SQL (no input is ever interpolated); the words searched for are a bound parameter.
FTS_TABLE = "ppta_library_material_fts"
CREATE_STATEMENTS = {
    "ppta_library_material_browse": "CREATE INDEX IF NOT EXISTS ppta_library_material_browse "
    "ON ppta_library_material (status, year DESC, external_id)",
    "ppta_library_material_countries": "CREATE INDEX IF NOT EXISTS ppta_library_material_countries "
    "ON ppta_library_material (status, country)",
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


def ensure_accelerator(alias: str) -> bool:
    """Create what is missing of the accelerator; True if FTS5 text search can be used on this database."""
    connection = connections[alias]
    if connection.vendor != "sqlite":
        return False
    if getattr(connection, "ppta_fts5_missing", False):
        return False
    with connection.cursor() as cursor:
        cursor.execute(LIST_OBJECTS)
        present = {row[0] for row in cursor.fetchall()} & set(CREATE_STATEMENTS)
        if present == set(CREATE_STATEMENTS):
            return True
        try:
            for statement in CREATE_STATEMENTS.values():
                cursor.execute(statement)
            # rows written while the index or its triggers were missing are indexed now
            cursor.execute(REBUILD)
        except DatabaseError:  # SQLite built without FTS5: plain LIKE still gives the right answers
            connection.ppta_fts5_missing = True
            return False
    return True


def match_subquery(words: list[str]) -> tuple[str, list[str]]:
    """SQL selecting the ids of materials whose search_text contains every word (each ≥ 3 characters)."""
    expression = " AND ".join('"' + word.replace('"', '""') + '"' for word in words)
    return MATCH, [expression]
