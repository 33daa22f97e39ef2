"""REST API v1 of the library: list (filters, search, pagination), detail, escaping, access setting."""

from __future__ import annotations

import json

import pytest

from tests.library_importer.catalog_rows import HTML_PAYLOAD, build_catalog, make_hostile_material, make_material

pytestmark = pytest.mark.django_db
LIST_URL = "/academy/library/api/v1/materials/"
MATERIAL_FIELDS = {
    "id", "type", "areas", "year", "country", "project", "audience", "license", "modified", "detail_url", "versions",
    "titles", "origin",
}  # fmt: skip
VERSION_FIELDS = {
    "language", "title", "description", "download_url", "view_url", "mime_type", "size", "page_count", "external_url",
}


@pytest.fixture
def catalog():
    return build_catalog()


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, json.loads(response.content)


def test_list_is_paginated_with_stable_field_names(client, catalog):
    status, data = get_json(client, LIST_URL, page_size=2)
    assert status == 200
    assert data["count"] == 5
    assert data["previous"] is None and data["next"].endswith("page=2&page_size=2")
    assert [item["id"] for item in data["results"]] == ["ge-labour-migration-strategy", "thb-trainers-manual"]
    first = data["results"][0]
    assert set(first) == MATERIAL_FIELDS
    assert set(first["versions"]["ru"]) == VERSION_FIELDS
    assert (first["type"], first["areas"], first["year"], first["country"]) == (
        "national_strategy",
        ["legal-migration-mobility"],
        2021,
        "GE",
    )
    assert first["origin"] == "import"  # from a manifest; "contribution" when a state contributed it
    assert first["versions"]["en"]["external_url"] == "https://example.org/ge-strategy.pdf"
    assert first["versions"]["ru"]["download_url"] == (
        "http://testserver/academy/library/materials/ge-labour-migration-strategy/download/ru/"
    )
    assert first["versions"]["en"]["view_url"] == ""  # an https link: nothing to show inline here
    status, last = get_json(client, LIST_URL, page_size=2, page=3)
    assert [item["id"] for item in last["results"]] == ["pp-handbook-readmission"]


def test_cyrillic_search_is_case_insensitive(client, catalog):
    _, data = get_json(client, LIST_URL, q="ТОРГОВЛЯ")
    assert [item["id"] for item in data["results"]] == ["thb-trainers-manual"]
    assert data["results"][0]["versions"]["ru"]["title"] == "Что такое торговля людьми? Пособие для тренеров"


def test_filters_repeatable_areas_and_types(client, catalog):
    response = client.get(f"{LIST_URL}?area=integration&area=asylum-international-protection&type=handbook")
    ids = [item["id"] for item in json.loads(response.content)["results"]]
    assert ids == ["asylum-training-guidelines"]
    _, data = get_json(client, LIST_URL, year=2014, language="ru")
    assert [item["id"] for item in data["results"]] == ["pp-handbook-readmission"]
    _, data = get_json(client, LIST_URL, country="ge")
    assert [item["id"] for item in data["results"]] == ["ge-labour-migration-strategy"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"area": "atlantis"}, "area"),
        ({"type": "poem"}, "type"),
        ({"year": "soon"}, "year"),
        ({"country": "GEO"}, "country"),
    ],
)
def test_bad_filters_are_rejected_naming_the_parameter(client, catalog, params, field):
    status, data = get_json(client, LIST_URL, **params)
    assert status == 400
    assert list(data) == [field]


def test_detail_and_withdrawn_or_unknown_ids(client, catalog):
    status, data = get_json(client, f"{LIST_URL}eris-integration-manual/")
    assert status == 200
    assert data["id"] == "eris-integration-manual"
    assert data["versions"]["en"]["description"] == "Principles and standards."
    assert get_json(client, f"{LIST_URL}withdrawn-brief/")[0] == 404
    assert get_json(client, f"{LIST_URL}no-such-id/")[0] == 404


def test_markup_in_metadata_is_never_markup_in_the_response(client, db):
    make_hostile_material()
    response = client.get(f"{LIST_URL}hostile-markup/")
    body = response.content.decode()
    assert "<script" not in body and "<img" not in body
    data = json.loads(body)  # …while clients still get the exact text back
    assert data["project"] == HTML_PAYLOAD
    assert data["versions"]["ru"]["title"] == f"Разметка {HTML_PAYLOAD}"


def test_api_is_read_only(client, catalog):
    assert client.post(LIST_URL, {"id": "x"}).status_code in (403, 405)
    assert client.delete(f"{LIST_URL}eris-integration-manual/").status_code in (403, 405)


def test_login_setting_closes_the_api_to_anonymous_users(client, settings, django_user_model, db):
    make_material("only-for-members")
    settings.PPTA_LIBRARY_REQUIRE_LOGIN = True
    assert client.get(LIST_URL).status_code in (401, 403)
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    status, data = get_json(client, LIST_URL)
    assert (status, data["count"]) == (200, 1)
