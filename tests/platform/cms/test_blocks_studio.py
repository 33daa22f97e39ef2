"""ppta's four blocks in the real Studio: preview, author view and editor for the course team; saves.

Studio's own views: ``xblock_view_handler`` (``/xblock/<usage_key>/<view>``), the REST save
``xblock_handler`` (POST ``/xblock/<usage_key>`` with JSON) and ``preview_handler`` (the block's
own handlers, e.g. the editor's ``submit_studio_edits``). Every request carries the CSRF token, as
Studio's JavaScript sends it. The library is not mounted in Studio: its URLs are absolute on the
LMS root, ``http://localhost:8000`` in the platform's test settings.
"""

from __future__ import annotations

from blocks_platform_support import HANDBOOK_ID, HANDBOOK_TITLES, add_stored_handbook
from cms.djangoapps.contentstore.courseware_index import CoursewareSearchIndexer
from cms.djangoapps.contentstore.tests.utils import AjaxEnabledTestClient
from common.djangoapps.student.roles import CourseInstructorRole, CourseStaffRole
from common.djangoapps.student.tests.factories import AdminFactory, CourseEnrollmentFactory, UserFactory
from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import _get_new_csrf_string
from django.urls import reverse
from search.tests.mock_search_engine import MockSearchEngine
from xmodule.modulestore.django import modulestore
from xmodule.modulestore.tests.django_utils import ModuleStoreTestCase
from xmodule.modulestore.tests.factories import BlockFactory, CourseFactory

from course_templates import get_area

PASSWORD = "Password1234"  # UserFactory's default
BLOCKS = {
    "ppta_material": {"url_en": "https://docs.example.org/im-handbook-en.pdf"},
    "ppta_library": {"preset_areas": ["illegal-migration"]},
    "ppta_trainer_notes": {"notes": "<p>Split the group into pairs.</p>"},
    "ppta_area_overview": {"area": "illegal-migration", "language": "ru"},
}
#: what each block shows in its preview (student_view / author_view)
SHOWN = {
    "ppta_material": 'href="https://docs.example.org/im-handbook-en.pdf"',
    "ppta_library": "ppta-library",
    "ppta_trainer_notes": "Split the group into pairs.",
    "ppta_area_overview": get_area("illegal-migration").title("ru"),  # the author chose Russian
}


class BlocksInStudioTestCase(ModuleStoreTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()
        self.course = CourseFactory.create(
            org="PPTA", number="IM101", run="2026", display_name="Identification of irregular migrants",
            advanced_modules=list(BLOCKS),
        )
        chapter = BlockFactory.create(parent=self.course, category="chapter", display_name="Module 1")
        sequence = BlockFactory.create(parent=chapter, category="sequential", display_name="Lesson 1")
        self.unit = BlockFactory.create(parent=sequence, category="vertical", display_name="Unit 1")
        self.blocks = {category: BlockFactory.create(parent=self.unit, category=category, **fields)
                       for category, fields in BLOCKS.items()}
        self.course_staff = UserFactory.create(password=PASSWORD)
        CourseStaffRole(self.course.id).add_users(self.course_staff)
        self.instructor = UserFactory.create(password=PASSWORD)
        CourseInstructorRole(self.course.id).add_users(self.instructor)
        self.learner = UserFactory.create(password=PASSWORD)  # enrolled, no course role
        CourseEnrollmentFactory.create(user=self.learner, course_id=self.course.id)

    def client_for(self, user) -> AjaxEnabledTestClient:
        client = AjaxEnabledTestClient(enforce_csrf_checks=True)
        assert client.login(username=user.username, password=PASSWORD)
        client.cookies[settings.CSRF_COOKIE_NAME] = self.csrf_token = _get_new_csrf_string()
        return client

    def view(self, client, block, view_name: str):
        url = reverse("xblock_view_handler", kwargs={"usage_key_string": str(block.location), "view_name": view_name})
        return client.get_json(url)

    def save(self, client, block, metadata: dict):
        """Studio's REST save, as its editors' "Save" sends it."""
        url = reverse("xblock_handler", kwargs={"usage_key_string": str(block.location)})
        return client.ajax_post(url, {"metadata": metadata}, HTTP_X_CSRFTOKEN=self.csrf_token)

    def submit_studio_edits(self, client, block, values: dict):
        """The blocks' own editor (StudioEditableXBlockMixin) saves through Studio's component handler,
        the ``handlerUrl`` of the editor's StudioRuntime."""
        url = reverse("component_handler", kwargs={"usage_key_string": str(block.location),
                                                   "handler": "submit_studio_edits", "suffix": ""})
        return client.ajax_post(url, {"values": values, "defaults": []}, HTTP_X_CSRFTOKEN=self.csrf_token)

    def preview_handler(self, client, block, handler: str, data: dict):
        """A learner-side handler called from Studio's preview (PreviewRuntime's ``handlerUrl``)."""
        url = reverse("preview_handler", kwargs={"usage_key_string": str(block.location),
                                                 "handler": handler, "suffix": ""})
        return client.ajax_post(url, data, HTTP_X_CSRFTOKEN=self.csrf_token)

    def stored(self, block):
        return modulestore().get_item(block.location)


class TestStudioViewsForTheCourseTeam(BlocksInStudioTestCase):
    def test_preview_and_author_view_show_each_block_to_the_course_team_and_global_staff(self):
        for user in (self.course_staff, self.instructor, AdminFactory.create(password=PASSWORD)):
            client = self.client_for(user)
            for category, block in self.blocks.items():
                for view_name in ("student_view", "author_view"):
                    response = self.view(client, block, view_name)
                    assert response.status_code == 200, (category, view_name, response.content[:500])
                    assert SHOWN[category] in response.json()["html"], (category, view_name)

    def test_the_unit_page_shows_every_block(self):
        """Studio's unit page renders the unit's ``container_preview`` with each child's preview."""
        response = self.view(self.client_for(self.course_staff), self.unit, "container_preview")
        assert response.status_code == 200
        for category, shown in SHOWN.items():
            assert shown in response.json()["html"], category

    def test_editor_opens_for_course_staff_with_the_blocks_fields(self):
        client = self.client_for(self.course_staff)
        for category, block in self.blocks.items():
            response = self.view(client, block, "studio_view")
            assert response.status_code == 200, category
            html = response.json()["html"]
            assert "Only course staff can edit this component." not in html, category
            for field in block.editable_fields:
                assert f'data-field-name="{field}"' in html, (category, field)


class TestStudioSaves(BlocksInStudioTestCase):
    def test_course_staff_save_through_studios_rest_handler_persists_the_fields(self):
        block = self.blocks["ppta_material"]
        response = self.save(self.client_for(self.course_staff), block, {
            "display_name": "Handbook", "url_ru": "https://docs.example.org/im-handbook-ru.pdf",
            "default_language": "ru",
        })
        assert response.status_code == 200, response.content
        stored = self.stored(block)
        assert (stored.display_name, stored.url_ru, stored.default_language) == (
            "Handbook", "https://docs.example.org/im-handbook-ru.pdf", "ru")

    def test_course_staff_save_through_the_blocks_editor_persists_the_fields(self):
        block = self.blocks["ppta_trainer_notes"]
        response = self.submit_studio_edits(self.client_for(self.instructor), block, {
            "display_name": "Notes for day 1", "notes": "<p>Start with the case study.</p><script>x()</script>",
            "session_plans": [{"title": "Day 1 plan", "url": "/static/day1.pdf"}],
        })
        assert response.status_code == 200, response.content
        stored = self.stored(block)
        assert stored.display_name == "Notes for day 1"
        assert stored.notes == "<p>Start with the case study.</p>"
        assert stored.session_plans == [{"title": "Day 1 plan", "url": "/static/day1.pdf"}]

    def test_editor_refuses_a_foreign_http_document_url(self):
        block = self.blocks["ppta_material"]
        response = self.submit_studio_edits(self.client_for(self.course_staff), block,
                                            {"url_en": "http://docs.example.org/im-handbook-en.pdf"})
        assert response.status_code == 400
        assert self.stored(block).url_en == BLOCKS["ppta_material"]["url_en"]

    def test_without_the_csrf_token_nothing_is_saved(self):
        block = self.blocks["ppta_material"]
        client = self.client_for(self.course_staff)
        self.csrf_token = "wrong" + self.csrf_token[5:]
        assert self.save(client, block, {"display_name": "Changed"}).status_code == 403
        assert self.submit_studio_edits(client, block, {"display_name": "Changed"}).status_code == 403
        assert self.stored(block).display_name != "Changed"

    def test_the_library_search_answers_in_the_preview(self):
        add_stored_handbook()
        response = self.preview_handler(self.client_for(self.course_staff), self.blocks["ppta_library"], "search",
                                        {"q": "irregular", "page": 1})
        assert response.status_code == 200, response.content
        download = f"{settings.LMS_ROOT_URL}/academy/library/materials/{HANDBOOK_ID}/download/en/"
        assert download in response.json()["html"]


class TestStudioRefusesALearner(BlocksInStudioTestCase):
    def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_saved(self):
        client = AjaxEnabledTestClient()
        self.csrf_token = ""
        for category, block in self.blocks.items():
            for view_name in ("student_view", "author_view", "studio_view"):
                assert self.view(client, block, view_name).status_code == 302, (category, view_name)
            assert self.save(client, block, {"display_name": "Hacked"}).status_code in (302, 401, 403), category
            assert self.submit_studio_edits(client, block, {"display_name": "Hacked"}).status_code == 302, category
            assert self.stored(block).display_name != "Hacked"

    def test_a_learner_gets_no_preview_author_view_or_editor(self):
        client = self.client_for(self.learner)
        for block in self.blocks.values():
            for view_name in ("student_view", "author_view", "studio_view"):
                assert self.view(client, block, view_name).status_code == 403

    def test_a_learner_cannot_save_through_studio_or_the_blocks_editor(self):
        client = self.client_for(self.learner)
        for category, block in self.blocks.items():
            assert self.save(client, block, {"display_name": "Hacked"}).status_code == 403, category
            response = self.submit_studio_edits(client, block, {"display_name": "Hacked"})
            assert response.status_code == 403, (category, response.content[:300])
            assert self.stored(block).display_name != "Hacked"


class TestLibraryInStudioOverHttp(BlocksInStudioTestCase):
    """Issue 10 item 4: Studio links the library on the LMS root, http:// in an HTTP deployment."""

    def test_material_preview_shows_the_library_pdf(self):
        add_stored_handbook()
        block = BlockFactory.create(parent=self.unit, category="ppta_material", material_id=HANDBOOK_ID)
        html = self.view(self.client_for(self.course_staff), block, "student_view").json()["html"]
        lms = settings.LMS_ROOT_URL
        assert lms.startswith("http://")
        assert "No document has been added" not in html
        assert f'src="{lms}/academy/library/materials/{HANDBOOK_ID}/view/en/"' in html
        assert HANDBOOK_TITLES["en"] in html

    def test_library_preview_links_its_results_to_the_lms(self):
        add_stored_handbook()
        html = self.view(self.client_for(self.course_staff), self.blocks["ppta_library"], "student_view").json()["html"]
        lms = settings.LMS_ROOT_URL
        assert f'href="{lms}/academy/library/materials/{HANDBOOK_ID}/"' in html
        assert f'href="{lms}/academy/library/materials/{HANDBOOK_ID}/download/ru/"' in html

    def component_handler(self, client, block, handler: str, data: dict):
        """A handler of the editor (its StudioRuntime's ``handlerUrl``: Studio's component handler)."""
        url = reverse("component_handler", kwargs={"usage_key_string": str(block.location),
                                                   "handler": handler, "suffix": ""})
        return client.ajax_post(url, data, HTTP_X_CSRFTOKEN=self.csrf_token)

    def test_the_editors_picker_finds_library_materials_for_course_staff_only(self):
        add_stored_handbook()
        block = self.blocks["ppta_material"]
        html = self.view(self.client_for(self.course_staff), block, "studio_view").json()["html"]
        assert "PptaStudioEditor" in html
        found = self.component_handler(self.client_for(self.course_staff), block, "material_search", {"q": "НЕРЕГУЛЯР"})
        assert found.status_code == 200
        assert [item["id"] for item in found.json()["results"]] == [HANDBOOK_ID]
        refused = self.component_handler(self.client_for(self.learner), block, "material_search", {"q": "НЕРЕГУЛЯР"})
        assert refused.status_code in (403, 404)



class TestCourseSearchIndex(BlocksInStudioTestCase):
    """Studio indexes a published course for course search (shown to learners): what each block gives."""

    def setUp(self):
        super().setUp()
        MockSearchEngine.destroy()
        self.addCleanup(MockSearchEngine.destroy)

    def indexed(self) -> dict[str, dict]:
        CoursewareSearchIndexer.do_course_reindex(modulestore(), self.course.id)
        documents = MockSearchEngine.load_index(CoursewareSearchIndexer.INDEX_NAME)
        return {document["id"]: document for document in documents}

    def test_materials_and_the_area_are_searchable_and_the_trainer_notes_are_not(self):
        add_stored_handbook()
        material = BlockFactory.create(parent=self.unit, category="ppta_material", material_id=HANDBOOK_ID)
        documents = self.indexed()
        assert HANDBOOK_TITLES["ru"] in documents[str(material.location)]["content"]["titles"]
        overview = documents[str(self.blocks["ppta_area_overview"].location)]
        assert get_area("illegal-migration").title("ru") in overview["content"]["area_title"]
        notes = documents.get(str(self.blocks["ppta_trainer_notes"].location), {})
        assert "Split the group" not in str(notes)
