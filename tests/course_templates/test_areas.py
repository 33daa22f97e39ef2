"""The area registry and the shared vocabularies every part of ppta reads."""

from __future__ import annotations

import re

import pytest

from course_templates import (
    CONTENT_LANGUAGES,
    LANGUAGES,
    MATERIAL_TYPES,
    UnknownAreaError,
    all_areas,
    area_slugs,
    get_area,
    term_ids,
)
from course_templates.areas import _check_registry

LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def test_six_areas_in_action_plan_chapter_order():
    areas = all_areas()
    assert [area.chapter for area in areas] == ["I", "II", "III", "IV", "V", "VI"]
    assert [area.order for area in areas] == [1, 2, 3, 4, 5, 6]
    assert area_slugs()[0] == "illegal-migration" and area_slugs()[-1] == "asylum-international-protection"
    assert get_area("integration").title_en == "Promote the integration of migrants legally residing in host societies"


def test_slugs_and_codes_are_stable_identifiers():
    areas = all_areas()
    assert len({area.slug for area in areas}) == 6 and len({area.code for area in areas}) == 6
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", area.slug) for area in areas)
    assert all(re.fullmatch(r"[A-Z]{3}", area.code) for area in areas)


def test_every_area_has_texts_in_both_languages_and_russian_is_marked_translated():
    for area in all_areas():
        for lang in LANGUAGES:
            assert area.title(lang) and len(area.description(lang)) > 80
        assert not CYRILLIC.search(area.title_en + area.description_en)
        assert not LATIN.search(area.title_ru + area.description_ru)
        assert area.ru_source in {"official", "translated"}
    assert {area.ru_source for area in all_areas()} == {"translated"}  # no official Russian list exists yet


def test_unknown_area_and_language_are_clear_errors():
    with pytest.raises(UnknownAreaError) as error:
        get_area("atlantis")
    assert "atlantis" in str(error.value) and "illegal-migration" in str(error.value)
    assert isinstance(error.value, LookupError)
    with pytest.raises(ValueError, match="unsupported language 'de'"):
        all_areas()[0].title("de")


def test_registry_check_rejects_duplicates_and_wrong_order():
    areas = all_areas()
    with pytest.raises(ValueError, match="chapter order"):
        _check_registry(tuple(reversed(areas)))
    duplicate = (*areas[:5], areas[0].__class__(**{**areas[5].__dict__, "code": areas[0].code}))
    with pytest.raises(ValueError, match="duplicate code"):
        _check_registry(duplicate)


def test_vocabularies_have_unique_ids_and_labels_in_both_languages():
    for vocabulary in (MATERIAL_TYPES, CONTENT_LANGUAGES):
        ids = term_ids(vocabulary)
        assert len(ids) == len(set(ids))
        for term in vocabulary:
            assert term.label("en") == term.en and term.label("ru") == term.ru
            assert not LATIN.search(term.ru) and not CYRILLIC.search(term.en)
    assert term_ids(CONTENT_LANGUAGES) == LANGUAGES
    assert "handbook" in term_ids(MATERIAL_TYPES)
