"""Settings this app adds to the LMS/CMS (edx-django-utils ``plugin_settings``)."""

MIB = 1024 * 1024

# Defaults, applied only where the operator set nothing.
DEFAULTS = {
    "PPTA_LIBRARY_STORAGE": "default",  # STORAGES alias holding library files
    "PPTA_LIBRARY_MAX_FILE_SIZE": 200 * MIB,  # bytes per file (and per zip member)
    "PPTA_LIBRARY_MAX_TOTAL_SIZE": 20 * 1024 * MIB,  # bytes per source; a zip's uncompressed content
    "PPTA_LIBRARY_MAX_COMPRESSION_RATIO": 100,  # largest uncompressed/compressed ratio of a zip member
    "PPTA_LIBRARY_IMPORT_LOCK_TIMEOUT": 120,
    # materials per import transaction (a batch is also committed after a second of work)
    "PPTA_LIBRARY_IMPORT_BATCH_SIZE": 100,  # seconds without heartbeat before a crashed import's lock is taken over
    "PPTA_LIBRARY_REQUIRE_LOGIN": False,  # True: anonymous visitors are sent to log in first
    "PPTA_LIBRARY_BACK_URL": "/",  # the library header's link back to the platform
    "PPTA_CELERY_QUEUE": None,  # queue for ppta.library.import_materials (None: the default queue)
}


def plugin_settings(settings) -> None:
    """Add the defaults above without overriding what the operator set."""
    for name, value in DEFAULTS.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)
