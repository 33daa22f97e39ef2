"""The trainer network inside the real LMS (issue 12): its pages mounted by the plugin, a learner with a
certificate in a training-of-trainers course invited to apply, and a training kit built from a
template course imported into the platform's modulestore by its own OLX importer."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from common.djangoapps.course_modes.models import CourseMode
from common.djangoapps.student.roles import CourseStaffRole
from common.djangoapps.student.tests.factories import CourseEnrollmentFactory, UserFactory
from django.core.management import call_command
from django.utils import timezone
from lms.djangoapps.certificates.models import CertificateStatuses
from lms.djangoapps.certificates.tests.factories import GeneratedCertificateFactory
from xmodule.contentstore.django import contentstore
from xmodule.modulestore.tests.django_utils import ModuleStoreTestCase
from xmodule.modulestore.xml_importer import import_course_from_xml

from course_templates.catalogue import catalogue_spec
from course_templates.output import write_course
from library_importer.public import SAMPLE_LIBRARY
from trainers import platform
from trainers.content import course_outline
from trainers.models import APPROVED, KitBuild, TrainerProfile

TOT_RU = ("asylum-international-protection", "ru", "tot")
STANDARD_EN = ("integration", "en", "standard")


@pytest.mark.django_db
class TestTrainersInTheLms(ModuleStoreTestCase):

    def setUp(self):
        super().setUp()
        call_command("import_materials", str(SAMPLE_LIBRARY))  # the documents the templates point at
        self.out = Path(tempfile.mkdtemp(prefix="ppta-trainers-"))
        self.tot = self.import_template(*TOT_RU)
        self.learner = UserFactory(password="test")

    def import_template(self, area, lang, kind):
        spec = catalogue_spec(area, lang, kind)
        folder = write_course(spec, self.out).folder
        [course] = import_course_from_xml(
            self.store, self.user.id, str(folder.parent), source_dirs=[folder.name],
            static_content_store=contentstore(), target_id=self.store.make_course_key(spec.org, spec.number, spec.run),
            raise_on_failure=True, create_if_not_present=True)
        return course

    def certify(self, user, course):
        CourseEnrollmentFactory(user=user, course_id=course.id, mode=CourseMode.HONOR)
        return GeneratedCertificateFactory(user=user, course_id=course.id, status=CertificateStatuses.downloadable,
                                           mode=CourseMode.HONOR, name=user.profile.name)

    def test_the_pages_are_mounted_and_ask_anonymous_visitors_to_sign_in(self):
        response = self.client.get("/academy/trainers/")
        assert response.status_code == 302 and "login" in response["Location"]
        self.client.login(username=self.learner.username, password="test")
        assert self.client.get("/academy/trainers/").status_code == 200
        assert self.client.get("/academy/trainers/applications/").status_code == 403

    def test_a_tot_certificate_holder_is_invited_and_a_standard_course_certificate_is_not(self):
        standard = self.import_template(*STANDARD_EN)
        self.certify(self.learner, standard)
        assert platform.tot_certificates(self.learner.id) == []
        self.certify(self.learner, self.tot)
        [certificate] = platform.tot_certificates(self.learner.id)
        assert certificate.course_key == str(self.tot.id) and certificate.title == self.tot.display_name
        self.client.login(username=self.learner.username, password="test")
        page = self.client.get("/academy/trainers/").content.decode()
        assert "You are invited to join the trainer network" in page and self.tot.display_name in page

    def test_an_application_inside_the_lms_reaches_the_secretariat_in_its_language(self):
        from django.core import mail
        from openedx.core.djangoapps.user_api.preferences.api import set_user_preference

        from moderation.public import Role, grant_role

        secretariat = UserFactory(email="secretariat@example.org")
        grant_role(secretariat, Role.SECRETARIAT)
        set_user_preference(secretariat, "pref-lang", "ru")
        self.client.login(username=self.learner.username, password="test")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post("/academy/trainers/me/", {
                "name_en": "Nino Beridze", "name_ru": "Нино Беридзе", "country": "GE", "kind": "academia",
                "organisation": "TSU", "areas": ["integration"], "languages": ["ka"], "consent": "on"})
        assert response.status_code == 302
        [message] = [m for m in mail.outbox if m.to == ["secretariat@example.org"]]
        assert message.subject == "Заявка тренера: Нино Беридзе"

    def test_a_kit_is_built_from_the_imported_course_and_reused(self):
        trainer = UserFactory(password="test")
        TrainerProfile.objects.create(user=trainer, name_en="T", country="MD", kind="state", organisation="O",
                                      areas=",integration,", languages=",ru,", status=APPROVED,
                                      consent_at=timezone.now(), consent_version="2026-12")
        course_key = str(self.tot.id)
        base = f"/academy/trainers/kits/{course_key}/ru/"
        self.client.login(username=trainer.username, password="test")
        assert self.client.post(base).status_code == 403  # approved, but not enrolled in the course
        CourseEnrollmentFactory(user=trainer, course_id=self.tot.id, mode=CourseMode.HONOR)
        with self.captureOnCommitCallbacks(execute=True):
            assert self.client.post(base).status_code == 302
        assert self.client.get(base + "status/").json()["state"] == "done"
        download = self.client.get(base + "download/")
        archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
        by_part = {}  # "01" agenda, "02" attendance sheet, "03" trainer notes, "04" documents
        for name in archive.namelist():
            by_part.setdefault(name.split("/")[1][:2], []).append(name)
        course = platform.ModulestoreCourses().course(course_key)
        outline = course_outline(course)
        assert course.kind == "tot" and len(outline.notes) >= 4
        assert len(by_part["03"]) == len(outline.notes)
        assert by_part["04"] and all(archive.read(name).startswith(b"%PDF") for name in by_part["04"])
        assert archive.read(by_part["01"][0]).startswith(b"%PDF")

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(base)  # unchanged course: the same kit
        assert KitBuild.objects.count() == 1

        staff = UserFactory(password="test")
        CourseStaffRole(self.tot.id).add_users(staff)
        self.client.login(username=staff.username, password="test")
        assert self.client.get(base + "download/").status_code == 200

    def test_a_file_on_the_course_files_page_reaches_the_kit_through_the_contentstore(self):
        from xmodule.contentstore.content import StaticContent

        location = StaticContent.compute_location(self.tot.id, "plan-ru.pdf")
        contentstore().save(StaticContent(location, "plan-ru.pdf", "application/pdf", b"%PDF-1.4 plan"))
        courses = platform.ModulestoreCourses()
        found = courses.course_file(str(self.tot.id), "/static/plan-ru.pdf")
        assert (found.filename, found.content) == ("plan-ru.pdf", b"%PDF-1.4 plan")
        assert courses.course_file(str(self.tot.id), "/static/missing.pdf") is None
        assert courses.course_file(str(self.tot.id), "https://example.org/plan-ru.pdf") is None
