from django.apps import AppConfig


class TrainersConfig(AppConfig):
    name = "trainers"
    label = "ppta_trainers"
    verbose_name = "Academy trainer network"
    default_auto_field = "django.db.models.BigAutoField"

    # edx-django-utils plugin configuration: how the LMS mounts this app.
    plugin_app = {
        "url_config": {
            "lms.djangoapp": {"namespace": "ppta_trainers", "regex": r"^academy/trainers/", "relative_path": "urls"},
        },
    }

    def ready(self) -> None:
        # Here rather than through plugin ``signals_config`` so the demo and the CLI behave as the LMS.
        from trainers.applications import connect

        connect()
