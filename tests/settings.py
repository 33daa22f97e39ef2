"""Test settings: the demo project's, with the database chosen by PPTA_TEST_DATABASE_URL."""

import os
import tempfile

os.environ.setdefault("PPTA_VAR_DIR", tempfile.mkdtemp(prefix="ppta-test-var-"))
os.environ.pop("PPTA_BROKER_URL", None)  # tasks run eagerly unless a test starts a worker itself

from django.conf import global_settings  # noqa: E402

from ppta_demo.db import database_from_url  # noqa: E402
from ppta_demo.settings import *  # noqa: E402,F403
from ppta_demo.settings import VAR_DIR  # noqa: E402
from tests.services import REQUIRE_SERVICES, test_database_url  # noqa: E402

if REQUIRE_SERVICES and not test_database_url():
    raise RuntimeError("PPTA_REQUIRE_SERVICES=1 but PPTA_TEST_DATABASE_URL is not set")
DATABASES = {"default": database_from_url(test_database_url() or "sqlite://:memory:")}
MEDIA_ROOT = str(VAR_DIR / "media")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast test users
PPTA_AUTO_MIGRATE = False  # pytest-django builds the test database
# Training kits in a store of their own outside MEDIA_ROOT, as the Tutor patch keeps them (private media)
STORAGES = {**global_settings.STORAGES, "ppta_trainers": {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(VAR_DIR / "private-trainers")}}}
PPTA_TRAINERS_STORAGE = "ppta_trainers"
