"""Settings of the platform tier: the platform's own test settings + what Tutor adds for ppta.

``lms`` / ``cms`` start from ``lms.envs.test`` / ``cms.envs.test`` and exec the ppta settings
patches rendered by the real Tutor (``tests/platform/render_tutor.py``), as Tutor appends them to
its settings files. Only what cannot exist here is changed afterwards, each said where it is done.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]
#: Where the Tutor image copies the ppta comprehensive theme from (see patches/openedx-dockerfile-pre-assets).
THEMES_DIR = PROJECT_ROOT / "certificates_theme" / "theme"
#: ppta's Django app labels: only their migrations run; the platform's tables are created from its models.
PPTA_APP_LABELS = ("ppta_library", "ppta_certificates", "ppta_moderation", "ppta_reports", "ppta_trainers",
                   "ppta_contributions")


def rendered_dir() -> Path:
    try:
        return Path(os.environ["PPTA_PLATFORM_RENDERED"])
    except KeyError:
        raise RuntimeError("PPTA_PLATFORM_RENDERED is not set: run the tier with `make test-platform`") from None


def exec_tutor_patches(namespace: dict, *names: str) -> None:
    """Run Tutor's rendered settings patches in a settings module's namespace (as Tutor's settings file does)."""
    for name in names:
        path = rendered_dir() / "patches" / name
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # noqa: S102


class OnlyPptaMigrations(dict):
    """MIGRATION_MODULES that disable every app's migrations except ppta's.

    The platform's ~1,000 migrations would take many minutes on each test database; its tables are
    created from its models (what ``--nomigrations`` does), while ppta's migrations run for real.
    """

    def __contains__(self, label) -> bool:
        return label not in PPTA_APP_LABELS

    def __getitem__(self, label):
        return None


def private_media_root() -> Path:
    """Stands in for Tutor's /openedx/media-private volume (not writable here)."""
    root = Path(os.environ.get("PPTA_PLATFORM_MEDIA") or tempfile.mkdtemp(prefix="ppta-platform-media-"))
    root.mkdir(parents=True, exist_ok=True)
    return root


def localise_storages(storages: dict) -> None:
    """Point ppta's file-system storages at the private media stand-in (location only)."""
    root = private_media_root()
    for alias in ("ppta_library", "ppta_certificates", "ppta_trainers", "ppta_contributions"):
        options = storages[alias].setdefault("OPTIONS", {})
        if str(options.get("location", "")).startswith("/openedx/"):
            options["location"] = str(root / alias)


def database_from_env(databases: dict) -> dict:
    """MariaDB instead of the platform's SQLite when PPTA_PLATFORM_DATABASE_URL=mysql://user@host:port/name."""
    url = os.environ.get("PPTA_PLATFORM_DATABASE_URL")
    if not url:
        return databases
    from urllib.parse import urlparse

    parts = urlparse(url)
    mysql = {
        "ENGINE": "django.db.backends.mysql", "NAME": parts.path.lstrip("/"), "USER": parts.username or "root",
        "PASSWORD": parts.password or "", "HOST": parts.hostname or "127.0.0.1", "PORT": str(parts.port or 3306),
        "ATOMIC_REQUESTS": True, "OPTIONS": {"charset": "utf8mb4"},
        "TEST": {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"},
    }
    # Only the default database moves: ppta's tables live there (the courseware history one stays SQLite).
    return {**databases, "default": mysql}


def apply_ppta(namespace: dict, service: str) -> None:
    """What a Tutor deployment with ppta adds to the ``service`` (lms|cms) settings in ``namespace``."""
    exec_tutor_patches(namespace, "openedx-common-settings", f"openedx-{service}-common-settings")
    # Tutor's image has the theme under /openedx/themes; here it is read where the package keeps it.
    namespace["COMPREHENSIVE_THEME_DIRS"] = [*namespace["COMPREHENSIVE_THEME_DIRS"], THEMES_DIR]
    # The Mako lookup dirs were derived from the theme dirs before this runs (derive_settings at the
    # end of the platform's test settings); Tutor's image has its themes dir there from the start.
    if THEMES_DIR not in namespace["MAKO_TEMPLATE_DIRS_BASE"]:
        namespace["MAKO_TEMPLATE_DIRS_BASE"].insert(0, THEMES_DIR)
    localise_storages(namespace["STORAGES"])
    namespace["MIGRATION_MODULES"] = OnlyPptaMigrations()
    namespace["DATABASES"] = database_from_env(namespace["DATABASES"])
