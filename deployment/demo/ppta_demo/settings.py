"""Demo settings: the XBlock SDK workbench settings plus ppta's plugin apps.

Plugin apps, their settings and URLs are found through the ``lms.djangoapp`` entry points by
edx-django-utils, exactly as the LMS does it. Environment:
PPTA_DATABASE_URL (default sqlite var/ppta-demo.sqlite3), PPTA_MEDIA_ROOT (default var/media),
PPTA_VAR_DIR (default ./var), PPTA_BROKER_URL (default: run tasks eagerly).
"""

import os
from pathlib import Path

os.environ.setdefault("EXCLUDE_SAMPLE_XBLOCKS", "yes")  # the workbench lists only ppta's blocks

from edx_django_utils.plugins import add_plugins, get_plugin_apps  # noqa: E402
from workbench.settings import *  # noqa: E402,F403
from workbench.settings import INSTALLED_APPS, MIDDLEWARE  # noqa: E402

from ppta_demo.db import database_from_url  # noqa: E402

PROJECT_TYPE = "lms.djangoapp"
DEMO_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("PPTA_VAR_DIR", "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)
LOGGING["handlers"]["logfile"]["filename"] = str(VAR_DIR / "workbench.log")  # noqa: F405 (workbench: CWD-relative)

DATABASES = {
    "default": database_from_url(os.environ.get("PPTA_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'ppta-demo.sqlite3'}")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PPTA_AUTO_MIGRATE = True

MEDIA_ROOT = str(Path(os.environ.get("PPTA_MEDIA_ROOT") or VAR_DIR / "media").resolve())
MEDIA_URL = "/media/"
TIME_ZONE = "UTC"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LANGUAGE_COOKIE_NAME = "openedx-language-preference"  # the LMS's cookie name
# One catalogue per demo page set, so each component keeps its own strings.
LOCALE_PATHS = [str(DEMO_DIR / name) for name in ("locale", "locale_areas", "locale_certificates")]
MIDDLEWARE = [
    *MIDDLEWARE[:2],
    "django.middleware.locale.LocaleMiddleware",  # after sessions, before common
    *MIDDLEWARE[2:],
]
TEMPLATES[0]["DIRS"].append(str(DEMO_DIR / "templates"))  # noqa: F405

INSTALLED_APPS = [*INSTALLED_APPS, "rest_framework", "ppta_demo", *get_plugin_apps(PROJECT_TYPE)]
ROOT_URLCONF = "ppta_demo.urls"
LOGIN_URL = "/academy/login/"  # the demo's sign-in page for everyone (the LMS has its own)
LOGIN_REDIRECT_URL = "/academy/"
# Mail (e.g. contribution notices) is written to files under var/mail/ instead of being sent.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = "academy@ppta.invalid"
# Demo only: lets `?student=staff` (or instructor, global-staff) show the trainer-notes staff view.
WORKBENCH = {**WORKBENCH, "services": {**WORKBENCH.get("services", {}),  # noqa: F405
                                       "user": "xblocks.trainer_notes.demo.WorkbenchCourseRoleUserService"}}

CELERY_BROKER_URL = os.environ.get("PPTA_BROKER_URL") or "memory://"
CELERY_TASK_ALWAYS_EAGER = not os.environ.get("PPTA_BROKER_URL")
CELERY_TASK_EAGER_PROPAGATES = True

add_plugins(__name__, PROJECT_TYPE, "common")
