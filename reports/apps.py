from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    label = "ppta_reports"
    verbose_name = "Academy reports"
    default_auto_field = "django.db.models.BigAutoField"

    # edx-django-utils plugin configuration: how the LMS mounts this app.
    plugin_app = {
        "url_config": {
            "lms.djangoapp": {"namespace": "ppta_reports", "regex": r"^academy/reports/", "relative_path": "urls"},
        },
    }

    def ready(self) -> None:
        # Connected here rather than through plugin ``signals_config`` so the demo and the CLI
        # (which do not run edx-django-utils' receiver wiring) behave as the LMS does.
        from reports.receivers import connect_receivers

        connect_receivers()
