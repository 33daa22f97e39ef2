"""Settings this app adds to the LMS (edx-django-utils ``plugin_settings``)."""

DEFAULTS = {
    "PPTA_CONTRIBUTIONS_PER_DAY": 20,  # contributions one user may submit per (rolling) day
}


def plugin_settings(settings) -> None:
    for name, value in DEFAULTS.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)
