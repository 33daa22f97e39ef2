"""ppta's LMS init tasks (`tutor local do init`), run twice against the platform's real models."""

from __future__ import annotations

import pytest

from tutor_init import init_scripts, run_init_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def configure_script(rendered_tutor):
    return init_scripts(rendered_tutor, "lms")[0]


def config_rows():
    from django.contrib.sites.models import Site
    from lms.djangoapps.certificates.models import (
        CertificateGenerationConfiguration,
        CertificateHtmlViewConfiguration,
    )
    from openedx.core.djangoapps.dark_lang.models import DarkLangConfig
    from openedx.core.djangoapps.theming.models import SiteTheme
    from waffle.models import Switch

    return {model.__name__: model.objects.count() for model in (
        Site, SiteTheme, DarkLangConfig, CertificateGenerationConfiguration, CertificateHtmlViewConfiguration, Switch)}


def test_lms_init_configures_the_academy(configure_script):
    from django.contrib.sites.models import Site
    from lms.djangoapps.certificates.models import (
        CertificateGenerationConfiguration,
        CertificateHtmlViewConfiguration,
    )
    from openedx.core.djangoapps.dark_lang.models import DarkLangConfig
    from waffle import switch_is_active

    printed = run_init_task(configure_script, "lms")

    assert "ppta: released languages en, ru" in printed
    assert sorted(DarkLangConfig.current().released_languages_list) == ["en", "ru"]
    site = Site.objects.get(domain="local.openedx.io")
    assert list(site.themes.values_list("theme_dir_name", flat=True)) == ["ppta"]
    assert CertificateGenerationConfiguration.current().enabled
    assert CertificateHtmlViewConfiguration.current().enabled
    assert switch_is_active("certificates.auto_certificate_generation")
    # issue 10 item 7: without this switch the platform stores no completion at all
    assert switch_is_active("completion.enable_completion_tracking")


def test_lms_init_second_run_changes_nothing(configure_script):
    run_init_task(configure_script, "lms")
    before = config_rows()
    printed = run_init_task(configure_script, "lms")
    assert "ppta:" not in printed, printed
    assert config_rows() == before


def test_lms_init_keeps_an_operators_switch_off(configure_script):
    from waffle.models import Switch

    Switch.objects.create(name="certificates.auto_certificate_generation", active=False)
    run_init_task(configure_script, "lms")
    assert not Switch.objects.get(name="certificates.auto_certificate_generation").active


def test_lms_modes_step_gives_existing_template_courses_an_honor_mode_once(rendered_tutor):
    from common.djangoapps.course_modes.models import CourseMode
    from xmodule.modulestore.tests.django_utils import ModuleStoreIsolationMixin
    from xmodule.modulestore.tests.factories import CourseFactory

    ModuleStoreIsolationMixin.start_modulestore_isolation()
    try:
        course = CourseFactory.create(org="PPTA", number="ILM-RU", run="template")
        modes_task = init_scripts(rendered_tutor, "lms")[1]
        assert f"honor mode added to {course.id}" in run_init_task(modes_task, "lms")
        assert run_init_task(modes_task, "lms") == ""
        assert list(CourseMode.objects.filter(course_id=course.id).values_list("mode_slug", flat=True)) == ["honor"]
    finally:
        ModuleStoreIsolationMixin.end_modulestore_isolation()
