"""ppta LMS init step: theme, released languages, completion tracking, certificate configuration.

Run by the ppta init task with ``./manage.py lms shell -c``; the task passes PPTA_THEME_DOMAINS and
PPTA_RELEASED_LANGUAGES in the environment. Each step writes only when the database differs from
what ppta needs, so a second run changes nothing. An operator's own choices (e.g. switching the
automatic certificate generation off in the admin) are kept.
"""

import os

from django.contrib.sites.models import Site
from lms.djangoapps.certificates.models import CertificateGenerationConfiguration, CertificateHtmlViewConfiguration
from openedx.core.djangoapps.dark_lang.models import DarkLangConfig
from waffle.models import Switch

THEME = "ppta"
AUTO_CERTIFICATES_SWITCH = "certificates.auto_certificate_generation"
# Off by default in the platform: then the blocks' completion handlers answer 200 and store nothing,
# and learners lose the progress the academy promises to keep.
COMPLETION_TRACKING_SWITCH = "completion.enable_completion_tracking"
SITE_NAME_LENGTH = 50  # django.contrib.sites Site.name max_length


def set_theme(domains):
    """Make ``ppta`` the only theme of each LMS/CMS site (what `tutor do settheme ppta` does)."""
    for domain in domains:
        site, _created = Site.objects.get_or_create(domain=domain, defaults={"name": domain[:SITE_NAME_LENGTH]})
        if list(site.themes.values_list("theme_dir_name", flat=True)) != [THEME]:
            site.themes.all().delete()
            site.themes.create(theme_dir_name=THEME)
            print(f"ppta: theme {THEME} set for {domain}")


def release_languages(languages):
    """Release the academy's languages, so that the header language selector offers them."""
    current = DarkLangConfig.current()
    if not current.enabled or sorted(current.released_languages_list) != sorted(languages):
        DarkLangConfig.objects.create(enabled=True, released_languages=",".join(languages))
        print(f"ppta: released languages {', '.join(languages)}")


def enable(model, what, **fields):
    """Add an enabled row to a configuration model unless its current row is enabled."""
    if not model.current().enabled:
        model.objects.create(enabled=True, **fields)
        print(f"ppta: {what} enabled")


def create_switch(name):
    """Create an active waffle switch unless it exists (an operator who switched it off is not overruled)."""
    _switch, created = Switch.objects.get_or_create(name=name, defaults={"active": True})
    if created:
        print(f"ppta: waffle switch {name} created (on)")


def configure_certificates():
    enable(CertificateGenerationConfiguration, "self-generated certificates")
    # Keep the current (or default) JSON configuration; only the switch is ppta's business.
    enable(CertificateHtmlViewConfiguration, "HTML certificates",
           configuration=CertificateHtmlViewConfiguration.current().configuration)
    create_switch(AUTO_CERTIFICATES_SWITCH)


set_theme(os.environ["PPTA_THEME_DOMAINS"].split())
release_languages(os.environ["PPTA_RELEASED_LANGUAGES"].split(","))
# Self-pacing is a course setting (the templates set it); the platform has no site-wide switch for it.
create_switch(COMPLETION_TRACKING_SWITCH)
configure_certificates()
