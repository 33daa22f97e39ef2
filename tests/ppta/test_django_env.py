"""Commands outside Open edX: demo settings by default, database migrated on first use."""

import os
import subprocess
import sys

PROBE = (
    "from ppta.django_env import setup_django; setup_django();"
    "from django.conf import settings; from django.db import connection;"
    "print(settings.SETTINGS_MODULE); print(' '.join(connection.introspection.table_names()))"
)


def run_probe(tmp_path, **extra_env):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PPTA_", "DJANGO_"))}
    env.update(PPTA_VAR_DIR=str(tmp_path / "var"), **extra_env)
    completed = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.splitlines()


def test_fresh_clone_gets_a_migrated_sqlite_database_under_var(tmp_path):
    settings_module, tables = run_probe(tmp_path)
    assert settings_module == "ppta_demo.settings"
    assert "ppta_library_material" in tables.split()
    assert (tmp_path / "var" / "ppta-demo.sqlite3").exists()


def test_database_url_and_media_root_are_honoured(tmp_path):
    database = tmp_path / "elsewhere.sqlite3"
    _settings, tables = run_probe(tmp_path, PPTA_DATABASE_URL=f"sqlite:///{database}")
    assert database.exists() and "ppta_library_material" in tables.split()
    assert not (tmp_path / "var" / "ppta-demo.sqlite3").exists()
