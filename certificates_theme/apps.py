from django.apps import AppConfig


class CertificatesThemeConfig(AppConfig):
    name = "certificates_theme"
    label = "ppta_certificates"
    verbose_name = "Academy certificates"
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "settings_config": {
            "lms.djangoapp": {"common": {"relative_path": "settings.common"}},
        },
    }

    def ready(self) -> None:
        # Connected here rather than through plugin ``signals_config`` so the demo and the CLI
        # (which do not run edx-django-utils' receiver wiring) behave as the LMS does.
        from certificates_theme import filter_logging, platform
        from certificates_theme.completion import request_when_complete
        from certificates_theme.receivers import connect_receivers

        connect_receivers()
        filter_logging.install()
        platform.connect_completion_receiver(request_when_complete)
