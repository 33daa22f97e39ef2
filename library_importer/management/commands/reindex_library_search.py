"""``manage.py reindex_library_search``: copy every published material into the search rows again.

For MariaDB/MySQL after materials were written around ppta's code (raw SQL, ``QuerySet.update``);
safe to re-run. On SQLite the search index is kept by triggers and there is nothing to do.
"""

from django.core.management.base import BaseCommand
from django.db import connections, transaction

from library_importer import mysql_search
from library_importer.models import MaterialSearchRow


class Command(BaseCommand):
    help = "Rebuild the library's search rows (MariaDB/MySQL) from the materials; safe to re-run."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, database: str, **options) -> None:
        connection = connections[database]
        if not mysql_search.available(database):
            self.stdout.write(f"Nothing to do on {connection.vendor}: its search index is kept up to date by itself.")
            return
        with transaction.atomic(using=database):
            mysql_search.rebuild(connection)
        count = MaterialSearchRow.objects.using(database).count()
        self.stdout.write(f"Search rows rebuilt: {count} published material(s).")
