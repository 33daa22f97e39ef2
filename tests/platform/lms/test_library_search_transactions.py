"""Library search inside the platform's transactions (issue 10 item 5): a request runs in a transaction
(ATOMIC_REQUESTS) and the platform's TestCase rolls every test back. No search may leave schema
changes behind in such a transaction, nor a connection that fails afterwards."""

from __future__ import annotations

from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from library_importer.public import SAMPLE_LIBRARY, search_materials

DDL = ("CREATE ", "DROP ", "ALTER ")


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
