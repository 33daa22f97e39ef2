"""ppta_material and ppta_library through the workbench's own URLs (as the demo serves them), with the
Django test client enforcing CSRF. Nothing is faked: the workbench's user service knows no course
roles, so its user is a learner."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import translation

from tests.xblocks.catalog_data import add_material, fresh_catalog_cache  # noqa: F401 (fixture)
from tests.xblocks.html_query import parse, select

SCENARIO_TITLES = (
    "Training material: library handbook in Russian and English",
    "Training material: guidelines on training in the asylum process",
    "Library browser: the whole catalog",
    "Library browser: preset to irregular migration, Russian documents",
)


@pytest.fixture
def scenarios(db):
    """The workbench scenarios loaded over a catalog holding the sample materials they name."""
    from workbench.runtime import WorkbenchRuntime
    from workbench.runtime_util import reset_global_state
    from workbench.scenarios import get_scenarios

    add_material("handbook-identification-irregular-migrants", titles={
        "en": "Prague Process Handbook on Identification of Irregular Migrants",
        "ru": "Пособие Пражского процесса по идентификации нерегулярных мигрантов",
    })
    add_material("guidelines-training-asylum-process", titles={"en": "Guidelines on Training in the Asylum Process"},
                 areas=("asylum-international-protection",), type="training_material")
    reset_global_state()
    runtime = WorkbenchRuntime("student_1")

    def usage(scenario_id: str) -> str:
        vertical = runtime.get_block(get_scenarios()[scenario_id].usage_id)
        return vertical.children[0]

    yield usage
    reset_global_state()
    translation.deactivate()  # LocaleMiddleware leaves the last request's language active in this thread


def handler_url(usage_id: str, handler: str, student: str = "student_1") -> str:
    return f"/handler/{usage_id}/{handler}/?student={student}"


def csrf_client() -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    response = client.get("/scenario/ppta_material.0/")
    return client, response.cookies["csrftoken"].value


def post(client: Client, url: str, data: dict, token: str | None = None):
    headers = {"HTTP_X_CSRFTOKEN": token} if token else {}
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_index_lists_the_scenarios(scenarios):
    html = Client().get("/").content.decode()
    for title in SCENARIO_TITLES:
        assert title in html


@pytest.mark.parametrize("scenario_id", ["ppta_material.0", "ppta_material.1", "ppta_library.0", "ppta_library.1"])
def test_scenarios_render(scenarios, scenario_id):
    response = Client().get(f"/scenario/{scenario_id}/")
    assert response.status_code == 200
    assert b'class="ppta-block' in response.content and b'class="ppta-notice' not in response.content


def test_handlers_need_the_csrf_token(scenarios):
    client, token = csrf_client()
    url = handler_url(scenarios("ppta_material.0"), "select_language")
    assert post(client, url, {"language": "en"}).status_code == 403
    assert post(client, url, {"language": "en"}, token).status_code == 200
    search_url = handler_url(scenarios("ppta_library.0"), "search")
    assert post(client, search_url, {"q": "handbook"}).status_code == 403
    found = post(client, search_url, {"q": "handbook"}, token)
    assert found.status_code == 200 and "Identification of Irregular Migrants" in found.json()["html"]


def pressed_language(client: Client, student: str) -> str:
    page = parse(client.get(f"/scenario/ppta_material.0/?student={student}").content.decode())
    return select(page, 'button[aria-pressed="true"]')[0].get("data-language")


def test_language_choice_is_remembered_per_learner(scenarios):
    client, token = csrf_client()
    client.cookies["openedx-language-preference"] = "ru"
    assert pressed_language(client, "student_1") == pressed_language(client, "student_2") == "ru"
    assert post(client, handler_url(scenarios("ppta_material.0"), "select_language"), {"language": "en"},
                token).status_code == 200
    assert pressed_language(client, "student_1") == "en"
    assert pressed_language(client, "student_2") == "ru"


def test_download_completes_for_that_learner_only(scenarios):
    from workbench.models import XBlockState

    client, token = csrf_client()
    url = handler_url(scenarios("ppta_material.0"), "record_access", student="student_7")
    assert post(client, url, {"action": "download", "language": "ru"}, token).json() == {"completed": True}
    rows = XBlockState.objects.filter(scope="usage", tag="ppta_material")
    states = {row.user_id: json.loads(row.state) for row in rows}
    assert states["student_7"]["completed"] is True
    assert all(not state.get("completed") for user, state in states.items() if user != "student_7")


def test_handlers_refuse_get(scenarios):
    client = Client(enforce_csrf_checks=True)
    for scenario_id, handler in (("ppta_material.0", "record_access"), ("ppta_library.0", "search")):
        assert client.get(handler_url(scenarios(scenario_id), handler)).status_code == 405


def test_workbench_learner_cannot_submit_studio_edits(scenarios):
    client, token = csrf_client()
    url = handler_url(scenarios("ppta_material.0"), "submit_studio_edits")
    response = post(client, url, {"values": {"url_en": "https://evil.example.org/x.pdf"}, "defaults": []}, token)
    assert response.status_code == 403
    assert b"evil.example.org" not in client.get("/scenario/ppta_material.0/").content


def test_russian_ui_from_the_language_cookie(scenarios):
    client = Client()
    client.cookies["openedx-language-preference"] = "ru"
    material = client.get("/scenario/ppta_material.0/").content.decode()
    assert "Открыть в новой вкладке" in material and "Скачать" in material and "Open in a new tab" not in material
    library = client.get("/scenario/ppta_library.1/").content.decode()
    assert "Поиск материалов" in library and "Найден 1 материал." in library
