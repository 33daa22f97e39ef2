from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "contributions"
    label = "ppta_contributions"
    verbose_name = _("Library contributions")
    default_auto_field = "django.db.models.BigAutoField"

    # edx-django-utils plugin configuration: the pages sit beside the library's, under /academy/library/.
    plugin_app = {
        "url_config": {
            "lms.djangoapp": {"namespace": "ppta_contributions", "regex": r"^academy/library/",
                              "relative_path": "urls"},
        },
        "settings_config": {
            "lms.djangoapp": {"common": {"relative_path": "settings.common"}},
        },
    }

    def ready(self) -> None:
        # Registered here (not via plugin signals_config) so the demo and the CLI behave as the LMS does.
        from contributions.receivers import connect_receivers

        connect_receivers()
