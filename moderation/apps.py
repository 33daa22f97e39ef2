from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    label = "ppta_moderation"
    verbose_name = _("Academy moderation")
    default_auto_field = "django.db.models.BigAutoField"

    # edx-django-utils plugin configuration: the app has models and an admin, no pages of its own.
    plugin_app: dict = {}
