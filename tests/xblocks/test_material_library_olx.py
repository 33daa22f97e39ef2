"""OLX import/export of ppta_material and ppta_library: the attribute form of the contract, round trip,
and no learner state in an export. Runs in the real WorkbenchRuntime (``conftest.make_block``)."""

from __future__ import annotations

import io

import lxml.etree
import pytest

from tests.xblocks.catalog_data import add_bilingual_handbook, fresh_catalog_cache  # noqa: F401 (fixture)
from tests.xblocks.test_material import call

MATERIAL_OLX = (
    '<ppta_material url_name="handbook" display_name="Пособие по идентификации" '
    'material_id="handbook-identification-irregular-migrants" url_en="https://docs.example.org/guide.pdf" '
    'url_ru="/static/guide-ru.pdf" default_language="ru"/>'
)
LIBRARY_OLX = (
    '<ppta_library url_name="library" display_name="Материалы области" '
    'preset_areas=\'["illegal-migration","integration"]\' preset_types=\'["handbook"]\' preset_language="ru" '
    'page_size="5"/>'
)
MATERIAL_FIELDS = {
    "display_name": "Пособие по идентификации", "material_id": "handbook-identification-irregular-migrants",
    "url_en": "https://docs.example.org/guide.pdf", "url_ru": "/static/guide-ru.pdf", "default_language": "ru",
}
LIBRARY_FIELDS = {
    "display_name": "Материалы области", "preset_areas": ["illegal-migration", "integration"],
    "preset_types": ["handbook"], "preset_language": "ru", "page_size": 5,
}


def export(block) -> lxml.etree._Element:
    output = io.BytesIO()
    block.runtime.export_to_xml(block, output)
    return lxml.etree.fromstring(output.getvalue())  # bytes: the export carries an XML declaration


def field_values(block, names) -> dict:
    return {name: getattr(block, name) for name in names}


@pytest.mark.parametrize(("olx", "fields"), [(MATERIAL_OLX, MATERIAL_FIELDS), (LIBRARY_OLX, LIBRARY_FIELDS)])
def test_contract_attribute_form_imports_and_round_trips(make_block, db, olx, fields):
    block = make_block(olx)
    assert field_values(block, fields) == fields
    exported = export(block)
    assert exported.tag == lxml.etree.fromstring(olx).tag
    reimported = make_block(lxml.etree.tostring(exported, encoding="unicode"))
    assert field_values(reimported, fields) == fields


def test_material_export_holds_authored_fields_only(make_block, db):
    add_bilingual_handbook()
    block = make_block(MATERIAL_OLX)
    assert call(block, "select_language", {"language": "en"}).status_code == 200
    assert call(block, "record_access", {"action": "download", "language": "en"}).status_code == 200
    assert block.preferred_language == "en" and block.completed is True
    exported = export(block)
    assert set(exported.attrib) == {"xblock-family", *MATERIAL_FIELDS}
    assert "preferred_language" not in lxml.etree.tostring(exported, encoding="unicode")


def test_library_export_writes_lists_as_item_elements(make_block, db):
    exported = export(make_block(LIBRARY_OLX))
    assert [item.text for item in exported.find("preset_areas")] == ["illegal-migration", "integration"]
    assert exported.get("page_size") == "5"
    assert set(exported.attrib) == {"xblock-family", *LIBRARY_FIELDS} - {"preset_areas", "preset_types"}


def test_defaults_are_not_exported(make_block, db):
    assert set(export(make_block("<ppta_library/>")).attrib) == {"xblock-family"}
    assert set(export(make_block("<ppta_material/>")).attrib) == {"xblock-family"}
