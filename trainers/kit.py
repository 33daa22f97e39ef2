"""A course's training kit: one ``.zip`` with a single top folder holding the agenda, the attendance
sheet, every trainer note with the session plans the course team uploaded, the course documents in the
kit's language and a README.

Every path inside is ``<folder>/<sanitised name>``: no absolute path, no ``..``, no separators or
control characters taken from course content, so unpacking it cannot write outside its folder.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
import urllib.parse
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import nh3

from trainers.content import Course, MaterialRef, course_file_name, course_outline
from trainers.kitpdf import agenda_pdf, attendance_pdf
from trainers.kittexts import KitTexts, kit_texts

NAME_LIMIT = 80
# A fixed timestamp: the same course content gives the same zip bytes.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def safe_name(text: str, *, limit: int = NAME_LIMIT) -> str:
    """A file or folder name from any text: letters and digits of any script, "-", "_" and "."."""
    text = unicodedata.normalize("NFC", text)
    cleaned = re.sub(r"[^\w.]+", "-", text, flags=re.UNICODE).strip("-._")
    cleaned = re.sub(r"\.{2,}", ".", cleaned)
    return cleaned[:limit].rstrip("-._") or "untitled"


def kit_folder(course: Course, language: str) -> str:
    course_part = course.course_key.split(":", 1)[-1]
    return safe_name(f"ppta-kit-{course_part}-{language}")


@dataclass(frozen=True)
class KitFile:
    path: str  # relative to the kit folder, already made of safe names
    content: bytes


@dataclass(frozen=True)
class Kit:
    filename: str
    content: bytes
    files: tuple[str, ...]


Progress = Callable[[int], None]


def build_kit(course: Course, language: str, *, documents, course_files=lambda url: None,
              progress: Progress = lambda percent: None) -> Kit:
    """The kit of ``course`` in ``language``; ``documents(material_id, language)`` gives library files,
    ``course_files(url)`` the files the course team uploaded (``/static/…`` on a block)."""
    texts = kit_texts(language)
    outline = course_outline(course)
    files: list[KitFile] = [KitFile("01-" + safe_name(texts.agenda) + ".pdf", agenda_pdf(course.title, outline, texts))]
    progress(20)
    files.append(KitFile("02-" + safe_name(texts.attendance) + ".pdf", attendance_pdf(course.title, texts)))
    progress(35)
    notes_folder = "03-" + safe_name(texts.notes_heading)
    plan_files = _session_plan_files(outline.notes, texts, course_files)
    files += [KitFile(f"{notes_folder}/{path}", content) for path, content in plan_files.values()]
    for number, note in enumerate(outline.notes, start=1):
        files.append(KitFile(f"{notes_folder}/{number:02d}-{safe_name(note.title)}.html",
                             _note_html(note, texts, {url: path for url, (path, _) in plan_files.items()})
                             .encode("utf-8")))
    progress(50)
    documents_folder = "04-" + safe_name(_documents_label(texts))
    links: list[str] = []
    seen: set[str] = set()
    for index, material in enumerate(outline.materials, start=1):
        identity = material.material_id or repr(sorted(material.urls.items()))
        if identity in seen:
            continue
        seen.add(identity)
        found = _document(material, language, texts, documents, course_files)
        if found:
            files.append(KitFile(f"{documents_folder}/{len(seen):02d}-{found[0]}", found[1]))
        links += _author_links(material, language)
        progress(50 + 40 * index // max(1, len(outline.materials)))
    readme = _readme(course, texts, notes_folder, documents_folder, links)
    files.insert(0, KitFile(safe_name("README") + ".txt", readme.encode("utf-8")))
    folder = kit_folder(course, language)
    content = _zip(folder, files)
    progress(100)
    return Kit(f"{folder}.zip", content, tuple(f"{folder}/{file.path}" for file in files))


def _documents_label(texts: KitTexts) -> str:
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override(texts.language):
        return gettext("Documents")


def _document(material: MaterialRef, language: str, texts: KitTexts, documents,
              course_files) -> tuple[str, bytes] | None:
    """The document in ``language``, else in the other language with the name marked as such.

    As on the block, a file the author set (a course file) wins over the library material.
    """
    other = "en" if language == "ru" else "ru"
    for code, mark in ((language, ""), (other, texts.other_language_mark)):
        url = material.urls.get(code) or ""
        stored = course_files(url) if course_file_name(url) else None
        if stored is None and material.material_id:
            stored = documents(material.material_id, code)
        if stored is not None:
            stem, _dot, extension = stored.filename.rpartition(".")
            marked = "-" + safe_name(mark) if mark else ""  # kept whole: the title is shortened instead
            suffix = "." + safe_name(extension, limit=8) if stem and extension else ""
            return safe_name(material.title, limit=NAME_LIMIT - len(marked)) + marked + suffix, stored.content
    return None


def _author_links(material: MaterialRef, language: str) -> list[str]:
    url = material.urls.get(language) or ""
    return [f"{material.title}: {url}"] if url.startswith("https://") else []


def _session_plan_files(notes, texts: KitTexts, course_files) -> dict[str, tuple[str, bytes]]:
    """Session plans the course team uploaded (``/static/…``), by URL: their path beside the notes and bytes.

    Each file once, however many notes link to it, in a folder of its own next to the notes.
    """
    folder = safe_name(texts.session_plans)
    found: dict[str, tuple[str, bytes]] = {}
    for note in notes:
        for title, url in note.session_plans:
            if url in found or not course_file_name(url):
                continue
            stored = course_files(url)
            if stored is None:
                continue
            stem, _dot, extension = stored.filename.rpartition(".")
            suffix = "." + safe_name(extension, limit=8) if stem and extension else ""
            name = f"{len(found) + 1:02d}-{safe_name(title or stem or stored.filename)}{suffix}"
            found[url] = (f"{folder}/{name}", stored.content)
    return found


def _note_html(note, texts: KitTexts, plan_files: dict[str, str]) -> str:
    """The note as a page; a session plan in the kit (``plan_files``: URL → path beside the notes) is
    linked there, an https one on the web, any other is named with its address."""
    plans = "".join(
        f'<li><a href="{html.escape(urllib.parse.quote(plan_files[url]))}">{html.escape(title or url)}</a></li>'
        if url in plan_files
        else f'<li><a href="{html.escape(url)}">{html.escape(title or url)}</a></li>' if url.startswith("https://")
        else f"<li>{html.escape(title)} ({html.escape(url)})</li>"
        for title, url in note.session_plans)
    plans_section = f"<h2>{html.escape(texts.session_plans)}</h2><ul>{plans}</ul>" if plans else ""
    return (f'<!DOCTYPE html>\n<html lang="{texts.language}"><head><meta charset="utf-8">'
            f"<title>{html.escape(note.title)}</title></head><body>"
            f"<p>{html.escape(note.chapter)}</p><h1>{html.escape(note.title)}</h1>"
            f"{nh3.clean(note.notes_html, url_schemes={'https'})}{plans_section}</body></html>\n")


def _readme(course: Course, texts: KitTexts, notes_folder: str, documents_folder: str, links: list[str]) -> str:
    text = texts.readme.format(course=course.title, agenda=texts.agenda, attendance=texts.attendance,
                               notes=notes_folder, documents=documents_folder, mark=texts.other_language_mark)
    if links:
        text += "\n" + "\n".join(links) + "\n"
    return text


def _zip(folder: str, files: list[KitFile]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            parts = file.path.split("/")
            if any(part != safe_name(part, limit=max(1, len(part))) for part in parts):
                raise ValueError(f"unsafe kit path {file.path!r}")
            info = zipfile.ZipInfo(f"{folder}/{file.path}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, file.content)
    return buffer.getvalue()
