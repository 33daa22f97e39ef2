"""The academy blocks in the templates load into the real ppta XBlocks with the intended field values.

The runtime is a minimal ``xblock.runtime.Runtime`` (in-memory ids and field data): Studio's import
runtime cannot exist here; the blocks' own classes and ``parse_xml`` are the real ones.
"""

from __future__ import annotations

import json
import logging
from xml.etree import ElementTree as ET

import pytest
from xblock.runtime import DictKeyValueStore, KvsFieldData, MemoryIdManager, Runtime

from course_templates.builder import build_course
from course_templates.catalogue import catalogue_spec

JSON_FIELDS = {"objectives", "preset_areas", "preset_types", "session_plans"}


class MinimalRuntime(Runtime):
    def handler_url(self, *args, **kwargs):
        return ""

    def local_resource_url(self, *args, **kwargs):
        return ""

    def resource_url(self, *args, **kwargs):
        return ""

    def publish(self, *args, **kwargs):
        pass


@pytest.mark.filterwarnings("ignore:Runtime.user_id is deprecated")  # XBlock's own get_block still reads it
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_academy_block_parses_into_its_xblock_fields(lang, caplog):
    caplog.set_level(logging.ERROR)  # the bare runtime notes that url_name is not a field; Studio keeps it as the id
    ids = MemoryIdManager()
    field_data = KvsFieldData(DictKeyValueStore())
    runtime = MinimalRuntime(id_reader=ids, id_generator=ids, services={"field-data": field_data})
    files = build_course(catalogue_spec("asylum-international-protection", lang, "tot"))
    seen = set()
    for path, data in files.items():
        if not path.startswith("vertical/"):
            continue
        for element in ET.fromstring(data):
            if not element.tag.startswith("ppta_"):
                continue
            block = runtime.get_block(runtime.parse_xml_string(ET.tostring(element, encoding="unicode")))
            seen.add(element.tag)
            for name, raw in element.attrib.items():
                if name == "url_name":
                    continue
                expected = json.loads(raw) if name in JSON_FIELDS else raw
                if name == "page_size":
                    expected = int(raw)
                assert getattr(block, name) == expected, (element.tag, name)
    assert seen == {"ppta_area_overview", "ppta_library", "ppta_material", "ppta_trainer_notes"}
