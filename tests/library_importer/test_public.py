"""The public module other parts import (``library_importer.public``), exactly as contracts.md fixes it."""

from __future__ import annotations

import dataclasses

import pytest
from django.urls import resolve

from library_importer import public
from tests.library_importer.catalog_rows import build_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    return build_catalog()


def test_search_returns_frozen_infos_with_both_language_versions(catalog):
    page = public.search_materials(q="ТОРГОВЛЯ")
    assert (page.total, page.page, page.num_pages) == (1, 1, 1)
    (info,) = page.results
    assert isinstance(info, public.MaterialInfo)
    assert (info.id, info.type, info.areas, info.year, info.country) == (
        "thb-trainers-manual",
        "training_material",
        ("illegal-migration",),
        2019,
        "",
    )
    assert set(info.versions) == {"en", "ru"}
    assert info.versions["ru"].title == "Что такое торговля людьми? Пособие для тренеров"
    assert info.versions["ru"].page_count == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.type = "brief"


def test_filters_by_areas_types_and_language(catalog):
    assert [i.id for i in public.search_materials(areas=["integration"]).results] == ["eris-integration-manual"]
    assert [i.id for i in public.search_materials(types=("national_strategy",)).results] == [
        "ge-labour-migration-strategy"
    ]
    in_russian = {i.id for i in public.search_materials(language="ru", page_size=None).results}
    assert "asylum-training-guidelines" not in in_russian
    assert len(in_russian) == 4


def test_pages_are_counted_and_clamped(catalog):
    first = public.search_materials(page_size=2)
    assert (len(first.results), first.total, first.page, first.num_pages) == (2, 5, 1, 3)
    last = public.search_materials(page=99, page_size=2)
    assert (last.page, [i.id for i in last.results]) == (3, ["pp-handbook-readmission"])
    every = public.search_materials(page_size=None)
    assert (len(every.results), every.total, every.num_pages) == (5, 5, 1)


def test_get_material_hides_withdrawn_and_unknown_ids(catalog):
    assert public.get_material("eris-integration-manual").id == "eris-integration-manual"
    assert public.get_material("withdrawn-brief") is None
    assert public.get_material("no-such-material") is None


def test_title_falls_back_to_an_available_language(catalog):
    info = public.get_material("asylum-training-guidelines")
    assert info.title("ru") == info.title("en") == "Guidelines on Training in the Asylum Process"
    bilingual = public.get_material("eris-integration-manual")
    assert bilingual.title("ru") == "Совместное руководство по интеграционной политике"


def test_urls_are_site_relative_and_resolve_to_library_views(catalog):
    info = public.get_material("pp-handbook-readmission")
    assert info.detail_url == "/academy/library/materials/pp-handbook-readmission/"
    assert resolve(info.detail_url).view_name == "ppta_library:detail"
    download = info.versions["ru"].download_url
    assert download == "/academy/library/materials/pp-handbook-readmission/download/ru/"
    assert resolve(download).view_name == "ppta_library:download"
    ru = info.versions["ru"]
    assert (ru.mime_type, ru.size, ru.external_url) == ("application/pdf", 1_234_567, "")


def test_external_url_only_for_https_url_versions(catalog):
    info = public.get_material("ge-labour-migration-strategy")
    assert info.versions["en"].external_url == "https://example.org/ge-strategy.pdf"
    assert info.versions["ru"].external_url == ""
    # even a URL version is downloaded through the library (the view counts, then redirects)
    assert info.versions["en"].download_url.endswith("/download/en/")


def test_sample_library_path_points_inside_the_package():
    assert public.SAMPLE_LIBRARY.name == "sample_library"
    assert public.SAMPLE_LIBRARY.parent.name == "library_importer"


urlpatterns: list = []  # a project that does not mount the library, as Studio (used with pytest.mark.urls)


@pytest.mark.urls(__name__)
def test_where_the_library_is_not_mounted_urls_point_to_the_lms(catalog, settings):
    settings.LMS_ROOT_URL = "https://lms.example.org/"
    info = public.get_material("thb-trainers-manual")
    assert info.detail_url == "https://lms.example.org/academy/library/materials/thb-trainers-manual/"
    assert info.versions["ru"].download_url.endswith("/academy/library/materials/thb-trainers-manual/download/ru/")
    assert info.versions["ru"].view_url.endswith("/academy/library/materials/thb-trainers-manual/view/ru/")
