"""Training kits: what the zip holds (agenda, session plans, documents in the kit's language, with the
other language marked when one is missing), PDFs that poppler reads (Cyrillic, embedded fonts), zip
safety, the cache by content version, and who may build and download one."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from library_importer.public import SAMPLE_LIBRARY, StoredDocument
from tests.certificates_theme import pdftools
from tests.trainers.conftest import PASSWORD
from trainers import tasks
from trainers.content import CourseFile, Node, TemplateCourses, course_outline
from trainers.kit import build_kit, safe_name
from trainers.models import KitBuild

RU_TOT = "course-v1:PPTA+AIP201RU+2026"
EN_TOT = "course-v1:PPTA+INT201EN+2026"


@pytest.fixture
def library(db):
    call_command("import_materials", str(SAMPLE_LIBRARY))


def open_zip(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def build(course_key: str, language: str, documents=None):
    course = TemplateCourses().course(course_key)
    return course, build_kit(course, language, documents=documents or tasks._documents)


def test_a_russian_tot_kit_holds_the_agenda_every_session_plan_and_the_russian_documents(library, tmp_path):
    course, kit = build(RU_TOT, "ru")
    outline = course_outline(course)
    names = open_zip(kit.content).namelist()
    folder = "ppta-kit-PPTA-AIP201RU-2026-ru/"
    assert all(name.startswith(folder) for name in names)
    assert folder + "01-Программа.pdf" in names and folder + "02-Лист-регистрации-участников.pdf" in names
    notes = [name for name in names if "/03-Заметки-для-тренера/" in name]
    assert len(notes) == len(outline.notes) == 4  # one trainer-notes block per module of the ToT template
    documents = [name for name in names if "/04-Документы/" in name]
    assert len(documents) == len({material.material_id for material in outline.materials}) >= 1
    assert not any("только на английском" in name for name in documents)  # every one has a Russian version
    readme = open_zip(kit.content).read(folder + "README.txt").decode()
    assert readme.startswith("Комплект для тренера: " + course.title)

    archive = open_zip(kit.content)
    first_note = archive.read(notes[0]).decode()
    assert '<html lang="ru">' in first_note and "<script" not in first_note
    agenda = pdftools.write(tmp_path, archive.read(folder + "01-Программа.pdf"), "agenda.pdf")
    text = pdftools.text(agenda)
    assert "Программа" in text and " ".join(course.title.split()[:3]) in text
    for section in outline.sections:
        assert section.title.split()[0] in text
    sheet = pdftools.write(tmp_path, archive.read(folder + "02-Лист-регистрации-участников.pdf"), "sheet.pdf")
    assert "Подпись" in pdftools.text(sheet)
    for pdf in (agenda, sheet):
        fonts = pdftools.fonts(pdf)
        assert fonts and all(row["emb"] == "yes" for row in fonts)
    document = archive.read(documents[0])
    assert document.startswith(b"%PDF")


def test_a_document_missing_in_the_kit_language_comes_in_the_other_one_marked(library):
    def only_english(material_id, language):
        return StoredDocument("handbook.pdf", "application/pdf", b"%PDF-1.4 en") if language == "en" else None

    _course, kit = build(RU_TOT, "ru", documents=only_english)
    documents = [name for name in open_zip(kit.content).namelist() if "/04-Документы/" in name]
    assert documents and all(name.endswith("только-на-английском.pdf") for name in documents)


def test_the_english_kit_is_in_english(library):
    course, kit = build(EN_TOT, "en")
    archive = open_zip(kit.content)
    readme = archive.read("ppta-kit-PPTA-INT201EN-2026-en/README.txt").decode()
    assert readme.startswith("Training kit: " + course.title) and "only in Russian" in readme


def test_files_the_course_team_uploaded_are_in_the_kit_and_win_over_the_library(library):
    """Documents set on a block as course files (/static/…) come from the course (its Files page in the LMS)."""
    uploaded = {"/static/plan-ru.pdf": b"%PDF-1.4 ru plan", "/static/guide-en.pdf": b"%PDF-1.4 en guide",
                "/static/own-ru.pdf": b"%PDF-1.4 the author's own"}

    def course_files(url):
        return CourseFile(url.rsplit("/", 1)[-1], uploaded[url]) if url in uploaded else None

    blocks = (Node("ppta_material", "План", {"url_ru": "/static/plan-ru.pdf"}),
              Node("ppta_material", "Guide", {"url_en": "/static/guide-en.pdf"}),
              Node("ppta_material", "Своё", {"material_id": "handbook-readmission-returns",
                                             "url_ru": "/static/own-ru.pdf"}),
              Node("ppta_material", "Чужое", {"url_ru": "/static/../secret.pdf"}))
    root = Node("course", "", {}, (Node("chapter", "Глава", {}, (Node("sequential", "", {}, (
        Node("vertical", "", {}, blocks),)),)),))
    course = replace(TemplateCourses().course(RU_TOT), root=root)
    archive = open_zip(build_kit(course, "ru", documents=tasks._documents, course_files=course_files).content)
    documents = {name.rsplit("/", 1)[-1]: archive.read(name) for name in archive.namelist() if "/04-Документы/" in name}
    assert documents == {"01-План.pdf": b"%PDF-1.4 ru plan",
                         "02-Guide-только-на-английском.pdf": b"%PDF-1.4 en guide",
                         "03-Своё.pdf": b"%PDF-1.4 the author's own"}


def test_session_plans_the_course_team_uploaded_are_in_the_kit_and_the_notes_link_to_them(library):
    uploaded = {"/static/plan-day1.docx": b"PK day one", "/static/../../etc/passwd": b"root"}

    def course_files(url):
        return CourseFile(url.rsplit("/", 1)[-1], uploaded[url]) if url in uploaded else None

    plans = [{"title": "План дня 1", "url": "/static/plan-day1.docx"},
             {"title": "Онлайн", "url": "https://example.org/plan.pdf"},
             {"title": "Чужой", "url": "/static/../../etc/passwd"},
             {"title": "Нет файла", "url": "/static/missing.pdf"}]
    notes = [Node("ppta_trainer_notes", title, {"notes": "<p>x</p>", "session_plans": plans})
             for title in ("День 1", "День 2")]
    root = Node("course", "", {}, (Node("chapter", "Глава", {}, (Node("sequential", "", {}, (
        Node("vertical", "", {}, tuple(notes)),)),)),))
    course = replace(TemplateCourses().course(RU_TOT), root=root)
    archive = open_zip(build_kit(course, "ru", documents=tasks._documents, course_files=course_files).content)
    notes_folder = "ppta-kit-PPTA-AIP201RU-2026-ru/03-Заметки-для-тренера/"
    plan_files = [name for name in archive.namelist() if name.startswith(notes_folder + "Планы-занятий/")]
    assert plan_files == [notes_folder + "Планы-занятий/01-План-дня-1.docx"]  # once, for both notes
    assert archive.read(plan_files[0]) == b"PK day one"
    for note in ("01-День-1.html", "02-День-2.html"):
        page = archive.read(notes_folder + note).decode()
        assert f'href="{quote("Планы-занятий/01-План-дня-1.docx")}"' in page  # opens the copy in the kit
        assert 'href="https://example.org/plan.pdf"' in page and "Нет файла (/static/missing.pdf)" in page


@pytest.mark.parametrize("hostile", ["../../etc/passwd", "/root/.ssh/id", "C:\\Windows\\x", "..", "a\x00b", "  "])
def test_names_from_course_content_cannot_leave_the_kit_folder(hostile):
    course = TemplateCourses().course(RU_TOT)
    notes = Node("ppta_trainer_notes", hostile, {"notes": "<p>x</p>", "session_plans": []})
    material = Node("ppta_material", hostile, {"material_id": "m1"})
    root = Node("course", hostile, {}, (Node("chapter", hostile, {}, (Node("sequential", hostile, {}, (
        Node("vertical", hostile, {}, (notes, material)),)),)),))
    course = replace(course, root=root, title=hostile)
    kit = build_kit(course, "ru", documents=lambda m, lang: StoredDocument(f"{hostile}.pdf", "", b"%PDF"))
    for name in open_zip(kit.content).namelist():
        assert name.startswith("ppta-kit-PPTA-AIP201RU-2026-ru/")
        parts = name.split("/")
        assert ".." not in parts and "" not in parts and "\\" not in name and "\x00" not in name
    assert safe_name("../../x") == "x" and safe_name("") == "untitled"


def test_a_second_request_reuses_the_cached_kit_and_a_content_change_builds_a_new_one(
        library, monkeypatch, django_capture_on_commit_callbacks):
    built = []
    real_build = tasks.build_kit
    monkeypatch.setattr(tasks, "build_kit", lambda *args, **kwargs: built.append(args) or real_build(*args, **kwargs))
    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.request_kit(RU_TOT, "ru")
    with django_capture_on_commit_callbacks(execute=True):
        second = tasks.request_kit(RU_TOT, "ru")
    assert first.pk == second.pk and len(built) == 1
    second.refresh_from_db()
    assert second.state == KitBuild.State.DONE and second.progress == 100 and second.size > 0

    published = TemplateCourses.content_version
    monkeypatch.setattr(TemplateCourses, "content_version", lambda self, key: published(self, key) + "-edited")
    with django_capture_on_commit_callbacks(execute=True):
        third = tasks.request_kit(RU_TOT, "ru")
    assert third.pk != first.pk and len(built) == 2


def test_a_failed_build_is_recorded_and_the_next_request_retries(library, monkeypatch,
                                                                  django_capture_on_commit_callbacks):
    monkeypatch.setattr(tasks, "build_kit", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("disk full")))
    with django_capture_on_commit_callbacks(execute=True):
        failed = tasks.request_kit(RU_TOT, "ru")
    failed.refresh_from_db()
    assert failed.state == KitBuild.State.FAILED and "disk full" in failed.error
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        retried = tasks.request_kit(RU_TOT, "ru")
    retried.refresh_from_db()
    assert retried.pk == failed.pk and retried.state == KitBuild.State.DONE


# -- the pages ------------------------------------------------------------------------------------------

def kit_url(name: str, course_key: str = RU_TOT, language: str = "ru") -> str:
    return reverse(f"ppta_trainers:{name}", args=[course_key, language])


@pytest.mark.parametrize(("role", "expected"), [
    ("anonymous", 302), ("learner", 403), ("secretariat", 403), ("trainer", 200), ("staff", 200)])
def test_who_may_build_and_download_a_kit(users, library, role, expected, django_capture_on_commit_callbacks):
    client = Client()
    if role != "anonymous":
        client.login(username=users[role].username, password=PASSWORD)
    for name in ("kit", "kit_status"):
        assert client.get(kit_url(name)).status_code == expected
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(kit_url("kit"))
    assert response.status_code == (302 if expected == 200 else expected)
    download = client.get(kit_url("kit_download"))
    assert download.status_code == expected
    if expected == 200:
        assert download["Content-Type"] == "application/zip"
        assert zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()


def test_the_kit_page_shows_progress_then_the_download(users, library, django_capture_on_commit_callbacks):
    client = Client()
    client.login(username=users["trainer"].username, password=PASSWORD)
    assert client.get(kit_url("kit_status")).json()["state"] == ""
    assert client.get(kit_url("kit_download")).status_code == 404  # nothing built yet
    with django_capture_on_commit_callbacks(execute=True):
        client.post(kit_url("kit"))
    status = client.get(kit_url("kit_status")).json()
    assert status["state"] == "done" and status["progress"] == 100
    assert status["download_url"] == kit_url("kit_download")
    page = client.get(kit_url("kit")).content.decode()
    assert 'id="ppta-kit-download" href="' + kit_url("kit_download") in page


def test_unknown_courses_and_languages_are_not_found(users):
    client = Client()
    client.login(username=users["staff"].username, password=PASSWORD)
    assert client.get(kit_url("kit", language="de")).status_code == 404
    assert client.get(kit_url("kit", course_key="course-v1:X+Y+Z")).status_code == 404
    assert client.post(kit_url("kit", course_key="course-v1:X+Y+Z")).status_code == 404


def test_a_build_that_lost_its_worker_is_queued_again(library, django_capture_on_commit_callbacks):
    version = TemplateCourses().content_version(RU_TOT)
    stuck = KitBuild.objects.create(course_key=RU_TOT, language="ru", content_version=version,
                                    state=KitBuild.State.RUNNING, progress=35)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.request_kit(RU_TOT, "ru").pk == stuck.pk  # still fresh: left to its worker
    stuck.refresh_from_db()
    assert stuck.state == KitBuild.State.RUNNING
    KitBuild.objects.filter(pk=stuck.pk).update(updated=stuck.updated - tasks.STALE_AFTER * 2)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.request_kit(RU_TOT, "ru")
    stuck.refresh_from_db()
    assert stuck.state == KitBuild.State.DONE


def test_a_build_that_makes_progress_is_not_queued_again(library, monkeypatch, django_capture_on_commit_callbacks):
    """Progress counts as a sign of life: a long build is not started a second time while it moves."""
    real_build = tasks.build_kit
    builds, seen = [], []

    def slow_build(course, language, *, progress, **kwargs):
        builds.append(language)
        if len(builds) == 1:
            build = KitBuild.objects.get()
            KitBuild.objects.filter(pk=build.pk).update(updated=build.updated - tasks.STALE_AFTER * 2)  # long ago
            progress(40)  # …but it moved just now
            with django_capture_on_commit_callbacks(execute=True):
                again = tasks.request_kit(RU_TOT, "ru")  # someone opens the page meanwhile
            seen.append((again.pk == build.pk, KitBuild.objects.get().state))
        return real_build(course, language, progress=progress, **kwargs)

    monkeypatch.setattr(tasks, "build_kit", slow_build)
    with django_capture_on_commit_callbacks(execute=True):
        built = tasks.request_kit(RU_TOT, "ru")
    assert seen == [(True, KitBuild.State.RUNNING)] and len(builds) == 1
    built.refresh_from_db()
    assert built.state == KitBuild.State.DONE
