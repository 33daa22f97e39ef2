"""ppta_material and ppta_library with a catalog title given in a language that has no document (issue 15).

A Russian reader of an English-only material sees its Russian title marked «на английском»; an
English reader sees the English title unmarked. Ids in any case find the material.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from library_importer.models import MaterialTitle
from library_importer.public import get_material
from tests.xblocks.catalog_data import add_material, fresh_catalog_cache  # noqa: F401 (fixture)
from tests.xblocks.html_query import parse, select
from tests.xblocks.test_library_browser import search
from tests.xblocks.test_material import render
from xblocks.material import picker_item

CURRICULUM_RU = "Учебная программа по миграции"


@pytest.fixture
def curriculum(db):
    material = add_material("mobilaze2-curriculum", titles={"en": "Migration Curriculum"}, type="curriculum")
    MaterialTitle.objects.create(material=material, language="ru", title=CURRICULUM_RU, description="Шесть модулей.")
    material.refresh_search_fields()
    return material


def shown_title(page):
    (title,) = select(page, ".ppta-material__title")
    return title.get("lang"), " ".join(title.text_content().split())


def test_material_block_shows_the_russian_title_marked_in_english_to_russian_readers(make_block, curriculum):
    block = make_block('<ppta_material material_id="MOBILAZE2-Curriculum"/>')  # an id in another case
    assert shown_title(render(block, "ru")) == ("ru", f"{CURRICULUM_RU} (на английском)")
    assert shown_title(render(block, "en")) == ("en", "Migration Curriculum")


def test_library_block_finds_it_by_the_russian_title_and_marks_it(make_block, curriculum):
    block = make_block('<ppta_library page_size="10"/>')
    page = parse(search(block, ui="ru", q="ПРОГРАММА по").json["html"])
    (title,) = select(page, ".ppta-library__title")
    assert title.get("lang") == "ru"
    assert " ".join(title.text_content().split()) == f"{CURRICULUM_RU} (на английском)"
    english = parse(search(block, ui="en", q="curriculum").json["html"])
    assert [" ".join(t.text_content().split()) for t in select(english, ".ppta-library__title")] == [
        "Migration Curriculum"]


def test_studio_picker_lists_the_title_in_the_authors_language_with_the_note(curriculum):
    with translation.override("ru"):
        item = picker_item(get_material("mobilaze2-curriculum"))
    assert (item["title"], item["title_language"]) == (CURRICULUM_RU, "ru")
    assert item["details"].startswith("на английском · ")
