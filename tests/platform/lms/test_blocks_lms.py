"""ppta's four blocks as the real LMS renders them (``render_xblock``) and calls their handlers.

Learners and course staff of a started course; the catalog rows live in the platform's test
database. The platform's test settings have ``LMS_ROOT_URL = http://localhost:8000`` (an HTTP
deployment, like ``tutor dev`` or Tutor without HTTPS).
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from blocks_platform_support import HANDBOOK_ID, HANDBOOK_TITLES, PDF_BYTES, add_stored_handbook, post_json
from common.djangoapps.student.roles import CourseInstructorRole, CourseStaffRole
from common.djangoapps.student.tests.factories import AdminFactory, CourseEnrollmentFactory, UserFactory
from completion.models import BlockCompletion
from completion.waffle import ENABLE_COMPLETION_TRACKING_SWITCH
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from edx_toggles.toggles.testutils import override_waffle_switch
from xmodule.modulestore import ModuleStoreEnum
from xmodule.modulestore.tests.django_utils import ModuleStoreTestCase
from xmodule.modulestore.tests.factories import BlockFactory, CourseFactory
from xmodule.modulestore.xml_importer import import_course_from_xml

from course_templates import get_area
from course_templates.builder import build_course
from course_templates.spec import CourseSpec
from library_importer.models import MaterialVersion

PASSWORD = "Password1234"  # UserFactory's default
NOTES = "<p>Split the group into pairs for the document check.</p>"


class BlocksInTheLmsTestCase(ModuleStoreTestCase):
    """A started course with one unit holding ppta's blocks; a learner and a course staff member."""

    course_language = "en"

    def setUp(self):
        super().setUp()
        cache.clear()
        self.course = CourseFactory.create(
            org="PPTA", number="IM101", run="2026", display_name="Identification of irregular migrants",
            start=datetime.now(UTC) - timedelta(days=1), language=self.course_language,
            advanced_modules=["ppta_material", "ppta_library", "ppta_trainer_notes", "ppta_area_overview"],
        )
        chapter = BlockFactory.create(parent=self.course, category="chapter", display_name="Module 1")
        sequence = BlockFactory.create(parent=chapter, category="sequential", display_name="Lesson 1")
        self.unit = BlockFactory.create(parent=sequence, category="vertical", display_name="Unit 1")
        self.learner = UserFactory.create(password=PASSWORD)
        CourseEnrollmentFactory.create(user=self.learner, course_id=self.course.id)
        self.staff = UserFactory.create(password=PASSWORD)
        CourseStaffRole(self.course.id).add_users(self.staff)

    def add_block(self, category: str, **fields):
        return BlockFactory.create(parent=self.unit, category=category, **fields)

    def client_for(self, user, **client_options) -> Client:
        client = Client(enforce_csrf_checks=True, **client_options)
        assert client.login(username=user.username, password=PASSWORD)
        return client

    def render(self, client, block, **params) -> str:
        response = client.get(reverse("render_xblock", args=[str(block.location)]), params)
        assert response.status_code == 200, response.content[:2000]
        return response.content.decode()

    def handler_url(self, block, handler: str) -> str:
        return reverse("xblock_handler", args=[str(self.course.id), str(block.location), handler, ""])


class TestMaterialInTheLms(BlocksInTheLmsTestCase):
    def test_library_material_shows_its_stored_pdf_inline_with_a_download_link(self):
        add_stored_handbook()
        block = self.add_block("ppta_material", material_id=HANDBOOK_ID)
        for user in (self.learner, self.staff):
            html = self.render(self.client_for(user), block)
            assert "No document has been added" not in html
            assert f'src="/academy/library/materials/{HANDBOOK_ID}/view/en/"' in html
            assert f'href="/academy/library/materials/{HANDBOOK_ID}/download/en/"' in html
            assert HANDBOOK_TITLES["en"] in html

    def test_course_file_and_https_urls_are_documents_but_foreign_http_is_not(self):
        block = self.add_block("ppta_material", url_en="/static/im-handbook-en.pdf",
                               url_ru="https://docs.example.org/im-handbook-ru.pdf")
        html = self.render(self.client_for(self.learner), block)
        # The LMS rewrites a course file to the course's asset URL.
        assert f"/asset-v1:{self.course.id.org}+{self.course.id.course}+{self.course.id.run}+type@asset+block" \
               "/im-handbook-en.pdf" in html
        assert 'href="https://docs.example.org/im-handbook-ru.pdf"' in html

        foreign_http = self.add_block("ppta_material", url_en="http://docs.example.org/im-handbook-en.pdf")
        html = self.render(self.client_for(self.learner), foreign_http)
        assert "http://docs.example.org" not in html
        assert "No document has been added to this component yet." in html

    def test_an_absolute_url_on_the_lms_origin_is_a_document_even_over_http(self):
        """Issue 10 item 4: the LMS's own (http) origin is not foreign."""
        own = f"{settings.LMS_ROOT_URL}/academy/library/materials/{HANDBOOK_ID}/download/en/"
        assert own.startswith("http://")
        block = self.add_block("ppta_material", url_en=own)
        html = self.render(self.client_for(self.learner), block)
        assert f'href="{own}"' in html
        assert "No document has been added" not in html


class TestDocumentLanguageChoiceInTheLms(BlocksInTheLmsTestCase):
    def test_the_learners_choice_is_remembered_for_every_training_material(self):
        """``preferred_language`` (Scope.preferences): the LMS keeps it per learner and block type."""
        add_stored_handbook()
        first = self.add_block("ppta_material", material_id=HANDBOOK_ID)
        second = self.add_block("ppta_material", material_id=HANDBOOK_ID)
        client = self.client_for(self.learner)
        assert 'data-language="en">' in self.render(client, second)  # the English interface's document first
        response = post_json(client, self.handler_url(first, "select_language"), {"language": "ru"})
        assert response.status_code == 200, response.content
        html = self.render(client, second)
        assert 'data-language="ru">' in html and 'data-language="en" hidden>' in html
        other = self.client_for(self.staff)
        assert 'data-language="en">' in self.render(other, second)  # nobody else's choice


class TestMaterialCompletionInTheLms(BlocksInTheLmsTestCase):
    """``record_access`` through the LMS's xblock_handler, as the learner's browser calls it."""

    def open_document(self, block):
        client = self.client_for(self.learner)
        self.render(client, block)  # sets the CSRF cookie, as the unit page does
        return post_json(client, self.handler_url(block, "record_access"), {"action": "open", "language": "en"})

    def test_without_the_csrf_token_the_handler_refuses(self):
        block = self.add_block("ppta_material", url_en="https://docs.example.org/im-handbook-en.pdf")
        client = self.client_for(self.learner)
        self.render(client, block)
        response = client.post(self.handler_url(block, "record_access"), data=json.dumps(
            {"action": "open", "language": "en"}), content_type="application/json")
        assert response.status_code == 403
        assert not BlockCompletion.objects.filter(block_key=block.location).exists()

    def test_with_completion_tracking_off_the_handler_answers_but_the_platform_stores_nothing(self):
        """The platform's default: ``completion.enable_completion_tracking`` off (Tutor's init turns it on)."""
        block = self.add_block("ppta_material", url_en="https://docs.example.org/im-handbook-en.pdf")
        with override_waffle_switch(ENABLE_COMPLETION_TRACKING_SWITCH, False):
            response = self.open_document(block)
        assert response.status_code == 200
        assert response.json() == {"completed": True}
        assert not BlockCompletion.objects.filter(block_key=block.location).exists()

    def test_with_completion_tracking_on_opening_the_document_completes_the_block(self):
        block = self.add_block("ppta_material", url_en="https://docs.example.org/im-handbook-en.pdf")
        with override_waffle_switch(ENABLE_COMPLETION_TRACKING_SWITCH, True):
            response = self.open_document(block)
        assert response.status_code == 200
        completion = BlockCompletion.objects.get(user=self.learner, block_key=block.location)
        assert completion.completion == 1.0
        assert completion.context_key == self.course.id


@pytest.mark.mariadb  # the library's search (Cyrillic, case folding) on the production database too
class TestLibraryBrowserInTheLms(BlocksInTheLmsTestCase):
    def test_results_link_to_the_library_detail_and_download_pages(self):
        add_stored_handbook()
        block = self.add_block("ppta_library", preset_areas=["illegal-migration"])
        html = self.render(self.client_for(self.learner), block)
        assert f'href="/academy/library/materials/{HANDBOOK_ID}/"' in html
        assert f'href="/academy/library/materials/{HANDBOOK_ID}/download/en/"' in html
        assert f'href="/academy/library/materials/{HANDBOOK_ID}/download/ru/"' in html

    def test_search_handler_answers_the_learner_with_linked_results(self):
        add_stored_handbook()
        block = self.add_block("ppta_library")
        client = self.client_for(self.learner)
        self.render(client, block)
        for query in ("irregular", "НЕРЕГУЛЯРНЫХ"):  # any script, any case
            response = post_json(client, self.handler_url(block, "search"), {"q": query, "page": 1})
            assert response.status_code == 200, response.content
            assert f'href="/academy/library/materials/{HANDBOOK_ID}/download/en/"' in response.json()["html"], query


class TestTrainerNotesInTheLms(BlocksInTheLmsTestCase):
    def test_course_staff_see_the_notes_and_the_learner_does_not(self):
        block = self.add_block("ppta_trainer_notes", notes=NOTES, session_plans=[
            {"title": "Day 1 plan", "url": "/static/day1.pdf"}])
        staff_html = self.render(self.client_for(self.staff), block)
        assert "Split the group into pairs" in staff_html
        assert "Day 1 plan" in staff_html
        learner_html = self.render(self.client_for(self.learner), block)
        assert "Split the group into pairs" not in learner_html
        assert "Day 1 plan" not in learner_html
        assert "ppta-trainer-notes" not in learner_html


class TestAreaOverviewInARussianCourse(BlocksInTheLmsTestCase):
    course_language = "ru"

    def test_the_area_is_shown_in_the_course_language_whatever_the_interface_language(self):
        area = get_area("illegal-migration")
        # ppta's course templates set the overview's language to the course's (course_templates/builder.py).
        block = self.add_block("ppta_area_overview", area=area.slug, language=self.course.language)
        html = self.render(self.client_for(self.learner), block)
        assert area.title("ru") in html
        assert area.description("ru")[:60] in html
        assert area.title("en") not in html

    def test_a_bilingual_overview_follows_the_learners_language_cookie(self):
        area = get_area("illegal-migration")
        block = self.add_block("ppta_area_overview", area=area.slug, language="")
        client = self.client_for(self.learner)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
        html = self.render(client, block)
        assert area.title("ru") in html
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        html = self.render(client, block)
        assert area.title("en") in html


class TestLibraryFilesInTheLms(BlocksInTheLmsTestCase):
    """The URLs ``ppta_material`` embeds and links answer inside the LMS for the logged-in learner,
    in the language the LMS selects (its ``openedx-language-preference`` cookie)."""

    def learner_in(self, language: str) -> Client:
        client = self.client_for(self.learner)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client

    def shown_document_urls(self, client, block) -> tuple[str, str]:
        """The viewer's src and the download link of the one document the learner sees (not ``hidden``)."""
        html = self.render(client, block)
        shown = re.findall(r'<div class="ppta-material__document"[^>]*data-language="\w+">(.*?)</div>', html, re.S)
        assert len(shown) == 1, html[:3000]
        view = re.search(r'<iframe class="ppta-material__viewer"[^>]*?\ssrc="([^"]+)"', shown[0])
        download = re.search(r'href="([^"]+)"[^>]*\sdata-action="download"', shown[0])
        return view.group(1), download.group(1)

    def test_the_inline_pdf_and_the_download_answer_in_the_learners_language(self):
        add_stored_handbook()
        block = self.add_block("ppta_material", material_id=HANDBOOK_ID)
        for language in ("en", "ru"):
            client = self.learner_in(language)
            view_url, download_url = self.shown_document_urls(client, block)
            assert view_url == f"/academy/library/materials/{HANDBOOK_ID}/view/{language}/"
            assert download_url == f"/academy/library/materials/{HANDBOOK_ID}/download/{language}/"

            shown = client.get(view_url)
            assert shown.status_code == 200
            assert shown["Content-Type"] == "application/pdf"
            assert shown["Content-Disposition"].startswith("inline")
            assert shown["X-Frame-Options"] == "SAMEORIGIN"  # the LMS's default is DENY
            assert b"".join(shown.streaming_content) == PDF_BYTES

            downloaded = client.get(download_url)
            assert downloaded.status_code == 200
            assert downloaded["Content-Disposition"].startswith("attachment")
            assert b"".join(downloaded.streaming_content) == PDF_BYTES
            version = MaterialVersion.objects.get(material__external_id=HANDBOOK_ID, language=language)
            assert version.download_count == 1

    def test_the_library_detail_page_follows_the_lms_language(self):
        add_stored_handbook()
        area = get_area("illegal-migration")
        url = reverse("ppta_library:detail", args=[HANDBOOK_ID])
        russian = self.learner_in("ru").get(url)
        assert russian.status_code == 200
        assert russian["Content-Language"] == "ru"
        assert area.title("ru") in russian.content.decode()
        english = self.learner_in("en").get(url)
        assert english["Content-Language"] == "en"
        assert area.title("en") in english.content.decode()


class TestWhoSeesWhatInTheLms(BlocksInTheLmsTestCase):
    """Every block through ``render_xblock``: anonymous, not enrolled, learner, course team, global staff."""

    def setUp(self):
        super().setUp()
        add_stored_handbook()
        area = get_area("illegal-migration")
        self.blocks = {
            "ppta_material": (self.add_block("ppta_material", material_id=HANDBOOK_ID), HANDBOOK_TITLES["en"]),
            "ppta_library": (self.add_block("ppta_library", preset_areas=[area.slug]),
                             f"/academy/library/materials/{HANDBOOK_ID}/"),
            "ppta_area_overview": (self.add_block("ppta_area_overview", area=area.slug, language="en"),
                                   area.title("en")),
            "ppta_trainer_notes": (self.add_block("ppta_trainer_notes", notes=NOTES), "Split the group into pairs"),
        }
        self.instructor = UserFactory.create(password=PASSWORD)
        CourseInstructorRole(self.course.id).add_users(self.instructor)
        self.global_staff = AdminFactory.create(password=PASSWORD)

    def test_the_course_team_sees_every_block(self):
        for user in (self.staff, self.instructor, self.global_staff):
            client = self.client_for(user)
            for category, (block, shown) in self.blocks.items():
                assert shown in self.render(client, block), (user.username, category)

    def test_the_learner_sees_every_block_but_the_trainer_notes(self):
        client = self.client_for(self.learner)
        for category, (block, shown) in self.blocks.items():
            html = self.render(client, block)
            assert (shown in html) is (category != "ppta_trainer_notes"), category

    def test_the_unit_as_the_learning_mfe_frames_it_shows_the_learner_no_trainer_notes(self):
        learner_unit = self.render(self.client_for(self.learner), self.unit)
        staff_unit = self.render(self.client_for(self.staff), self.unit)
        for category, (_block, shown) in self.blocks.items():
            assert shown in staff_unit, category
            assert (shown in learner_unit) is (category != "ppta_trainer_notes"), category

    def test_staff_viewing_the_course_as_a_learner_see_no_trainer_notes(self):
        """The LMS's "View this course as: Learner" (masquerade) shows what learners see."""
        client = self.client_for(self.staff)
        block, shown = self.blocks["ppta_trainer_notes"]
        assert shown in self.render(client, block)
        response = post_json(client, reverse("masquerade_update", args=[str(self.course.id)]),
                             {"role": "student", "group_id": None, "user_name": None, "user_partition_id": None})
        assert response.status_code == 200, response.content
        assert shown not in self.render(client, block)

    def test_anonymous_visitors_and_users_not_enrolled_get_no_block(self):
        outsider = UserFactory.create(password=PASSWORD)
        for client in (Client(enforce_csrf_checks=True), self.client_for(outsider)):
            for category, (block, shown) in self.blocks.items():
                response = client.get(reverse("render_xblock", args=[str(block.location)]))
                assert response.status_code in (302, 404), (category, response.status_code)
                assert shown not in response.content.decode(), category

    def test_anonymous_visitors_cannot_complete_a_material(self):
        block, _shown = self.blocks["ppta_material"]
        with override_waffle_switch(ENABLE_COMPLETION_TRACKING_SWITCH, True):
            response = post_json(Client(enforce_csrf_checks=True), self.handler_url(block, "record_access"),
                                 {"action": "open", "language": "en"})
        assert response.status_code == 403
        assert not BlockCompletion.objects.exists()


class TestInlinePdfUnderTheLearningMfe(BlocksInTheLmsTestCase):
    def test_the_pdf_may_be_framed_inside_the_unit_the_learning_mfe_frames(self):
        """The MFE (``apps.<host>``, in CORS_ORIGIN_WHITELIST with Tutor's MFE plugin) frames the LMS's
        ``render_xblock``, which frames the PDF: every ancestor must be allowed."""
        add_stored_handbook()
        mfe = "http://apps.local.openedx.io"
        with override_settings(CORS_ORIGIN_WHITELIST=[mfe], LEARNING_MICROFRONTEND_URL=f"{mfe}/learning"):
            response = self.client_for(self.learner).get(f"/academy/library/materials/{HANDBOOK_ID}/view/en/")
        assert response.status_code == 200
        assert response["Content-Security-Policy"] == f"frame-ancestors 'self' {mfe}"


class TestBlocksApiForTheMobileApps(BlocksInTheLmsTestCase):
    """The Course Blocks API (the mobile apps and the Learning MFE) asks for ``student_view_data``."""

    def test_learner_gets_documents_and_the_area_but_never_the_trainer_notes(self):
        add_stored_handbook()
        area = get_area("illegal-migration")
        material = self.add_block("ppta_material", material_id=HANDBOOK_ID)
        overview = self.add_block("ppta_area_overview", area=area.slug, language="ru")
        notes = self.add_block("ppta_trainer_notes", notes=NOTES)
        client = self.client_for(self.learner)
        response = client.get(reverse("blocks_in_course"), {
            "course_id": str(self.course.id), "username": self.learner.username, "depth": "all",
            "requested_fields": "student_view_data,student_view_multi_device",
            "student_view_data": "ppta_material,ppta_library,ppta_area_overview,ppta_trainer_notes",
        })
        assert response.status_code == 200, response.content[:1000]
        blocks = response.json()["blocks"]
        material_data = blocks[str(material.location)]["student_view_data"]
        assert material_data["documents"]["ru"]["title"] == HANDBOOK_TITLES["ru"]
        assert material_data["documents"]["en"]["download_url"].endswith(f"/materials/{HANDBOOK_ID}/download/en/")
        assert blocks[str(material.location)]["student_view_multi_device"] is True
        assert blocks[str(overview.location)]["student_view_data"]["title"] == {"ru": area.title("ru")}
        assert "Split the group" not in response.content.decode()
        assert blocks[str(notes.location)].get("student_view_data", {}) == {}


class TestTemplateCourseInTheLms(ModuleStoreTestCase):
    """ppta's Russian training-of-trainers template (``ppta course new``), imported into the real LMS."""

    def setUp(self):
        super().setUp()
        cache.clear()
        spec = CourseSpec.create(area="illegal-migration", lang="ru", org="PPTA", number="ILM201RU", run="T1",
                                 kind="tot", start="2020-01-01", end="2099-12-31")
        root = Path(self.enterContext(tempfile.TemporaryDirectory()))
        for name, content in build_course(spec).items():
            (root / "course" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "course" / name).write_bytes(content)
        self.course = import_course_from_xml(self.store, ModuleStoreEnum.UserID.test, root, ["course"],
                                             create_if_not_present=True)[0]
        self.learner = UserFactory.create(password=PASSWORD)
        CourseEnrollmentFactory.create(user=self.learner, course_id=self.course.id)
        self.trainer = UserFactory.create(password=PASSWORD)
        CourseStaffRole(self.course.id).add_users(self.trainer)
        add_stored_handbook()

    def render(self, user, url_name: str, block_type: str) -> str:
        client = Client(enforce_csrf_checks=True)
        assert client.login(username=user.username, password=PASSWORD)
        location = self.course.id.make_usage_key(block_type, url_name)
        response = client.get(reverse("render_xblock", args=[str(location)]))
        assert response.status_code == 200, (url_name, response.status_code)
        return response.content.decode()

    def test_the_welcome_unit_shows_the_area_in_russian_and_the_library_with_links(self):
        area = get_area("illegal-migration")
        assert self.course.language == "ru"
        overview = self.render(self.learner, "ilm_welcome_overview_block", "ppta_area_overview")
        assert area.title("ru") in overview and area.title("en") not in overview
        library = self.render(self.learner, "ilm_welcome_library_block", "ppta_library")
        assert f'href="/academy/library/materials/{HANDBOOK_ID}/download/ru/"' in library

    def test_the_reading_shows_the_library_document_and_trainer_notes_only_to_the_trainer(self):
        reading = self.render(self.learner, "ilm_m01_material", "ppta_material")
        assert f"/academy/library/materials/{HANDBOOK_ID}/view/ru/" in reading
        assert "No document has been added" not in reading
        assert "ppta-trainer-notes" not in self.render(self.learner, "ilm_m01_trainer_notes", "ppta_trainer_notes")
        assert "ppta-trainer-notes" in self.render(self.trainer, "ilm_m01_trainer_notes", "ppta_trainer_notes")
