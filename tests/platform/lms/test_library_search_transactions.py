"""Library search inside the platform's transactions (issue 10 item 5): a request runs in a transaction
(ATOMIC_REQUESTS) and the platform's TestCase rolls every test back. No search may leave schema
changes behind in such a transaction, nor a connection that fails afterwards. On MariaDB too (issue
15): there the search reads the search rows of migration 0007, which must be current inside the
transaction that changed a material."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from library_importer.models import Material
from library_importer.public import SAMPLE_LIBRARY, search_materials

pytestmark = pytest.mark.mariadb
DDL = ("CREATE ", "DROP ", "ALTER ")
# what each database's search reads its text from (migration 0003 on SQLite, 0007 on MariaDB/MySQL)
SEARCH_INDEX = {"sqlite": "ppta_library_material_fts", "mysql": "ppta_library_materialsearchrow"}


class TestSearchInRolledBackTransactions(TestCase):

    def setUp(self):
        call_command("import_materials", str(SAMPLE_LIBRARY), verbosity=0)

    def search_page(self):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/academy/library/", {"q": "стратегия"})
        assert response.status_code == 200
        assert "national-strategy-md-migration-asylum" in response.content.decode()
        return [query["sql"] for query in queries.captured_queries]

    def test_a_search_request_changes_no_schema(self):
        statements = self.search_page()
        assert not [sql for sql in statements if sql.lstrip().upper().startswith(DDL)]

    def test_searches_keep_working_after_earlier_tests_rolled_back(self):
        # runs after the test above (alphabetical order) on the same connection, after its rollback
        self.search_page()
        assert [material.id for material in search_materials(q="СТРАТЕГИЯ").results] == [
            "national-strategy-md-migration-asylum"]

    def test_the_search_reads_the_index_its_database_has(self):
        statements = self.search_page()
        assert any(SEARCH_INDEX[connection.vendor] in sql for sql in statements), statements

    def test_a_material_changed_in_this_transaction_is_found_by_its_new_text(self):
        material = Material.objects.get(external_id="national-strategy-md-migration-asylum")
        version = material.versions.get(language="ru")
        version.title = "Национальная стратегия в области ЮВЕНАЛЬНОЙ миграции"
        version.save()
        material.refresh_search_fields()  # not committed: the test's transaction is rolled back
        response = self.client.get("/academy/library/", {"q": "ювенальной"})
        assert response.status_code == 200
        assert "national-strategy-md-migration-asylum" in response.content.decode()
        assert [m.id for m in search_materials(q="ЮВЕНАЛЬНОЙ СТРАТЕГИЯ").results] == [
            "national-strategy-md-migration-asylum"]
