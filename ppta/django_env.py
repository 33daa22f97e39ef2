"""Start Django for CLI commands that run outside Open edX."""

from __future__ import annotations

import os

DEMO_SETTINGS = "ppta_demo.settings"


def setup_django() -> None:
    """Configure Django once; migrate the database first when the settings ask for it.

    Inside the LMS/CMS, ``DJANGO_SETTINGS_MODULE`` is already set and nothing is migrated.
    With the demo settings (``PPTA_AUTO_MIGRATE = True``) a fresh clone works with no other step.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEMO_SETTINGS)
    import django
    from django.apps import apps
    from django.conf import settings

    if apps.ready:
        return
    django.setup()
    if getattr(settings, "PPTA_AUTO_MIGRATE", False):
        migrate_if_needed()


def migrate_if_needed() -> bool:
    """Apply pending migrations; return whether there were any."""
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    call_command("migrate", interactive=False, verbosity=0)
    return True
