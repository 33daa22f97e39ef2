from django.apps import AppConfig


class LibraryImporterConfig(AppConfig):
    name = "library_importer"
    label = "ppta_library"
    verbose_name = "Materials library"
    default_auto_field = "django.db.models.BigAutoField"

    # edx-django-utils plugin configuration: how the LMS/CMS mount this app.
    plugin_app = {
        "url_config": {
            "lms.djangoapp": {"namespace": "ppta_library", "regex": r"^academy/library/", "relative_path": "urls"},
        },
        "settings_config": {
            "lms.djangoapp": {"common": {"relative_path": "settings.common"}},
            "cms.djangoapp": {"common": {"relative_path": "settings.common"}},
        },
    }
