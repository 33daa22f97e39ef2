"""The LMS starts with ppta's Tutor settings on top of the platform's and mounts ppta's apps."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.urls import reverse


def test_lms_loads_ppta_plugin_apps_and_urls():
    assert apps.is_installed("library_importer")
    assert apps.is_installed("certificates_theme")
    assert reverse("ppta_library:browse") == "/academy/library/"


def test_storage_patch_keeps_the_platforms_storages_and_adds_ppta_aliases():
    """Teak still sets DEFAULT_FILE_STORAGE; ppta's patch must not make Django refuse to start."""
    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert settings.STORAGES["staticfiles"]["BACKEND"] == "pipeline.storage.NonPackagingPipelineStorage"
    assert settings.DEFAULT_FILE_STORAGE == settings.STORAGES["default"]["BACKEND"]
    for alias in ("ppta_library", "ppta_certificates"):
        assert storages[alias].location.endswith(alias)


@pytest.mark.django_db
def test_certificate_filter_pipeline_has_the_ppta_steps():
    pipeline = settings.OPEN_EDX_FILTERS_CONFIG["org.openedx.learning.certificate.render.started.v1"]["pipeline"]
    assert pipeline[-2:] == ["certificates_theme.pipeline.AddBilingualContext",
                             "certificates_theme.pipeline.ServePdfCertificate"]
