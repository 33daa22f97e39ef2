"""Database settings from a URL (``sqlite:///path``, ``mysql://user@host:port/name``)."""

from __future__ import annotations

import dj_database_url
import django


def database_from_url(url: str) -> dict:
    config = dj_database_url.parse(url)
    if config["ENGINE"] == "django.db.backends.mysql":
        import pymysql  # pure Python: no client headers needed on the demo/test machine

        pymysql.install_as_MySQLdb()
        # utf8mb4_unicode_ci compares Cyrillic case-insensitively ("ТОРГОВЛЯ" = "торговля").
        config["OPTIONS"] = {"charset": "utf8mb4", "init_command": "SET sql_mode='STRICT_TRANS_TABLES'"}
        config["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
    elif config["ENGINE"] == "django.db.backends.sqlite3" and django.VERSION >= (5, 1):
        # WAL lets the demo server read while an import writes, and commits without a full fsync each.
        config["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    return config
