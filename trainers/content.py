"""What a training kit needs of a course, read through one interface with two implementations.

* In the LMS: the platform's modulestore (``trainers.platform.ModulestoreCourses``).
* Outside it (the demo, the fast suite): the template courses ``course_templates`` builds, read
  from their OLX (``TemplateCourses``), so the demo's kits hold what the imported course would hold.

Both turn a course into the same plain ``Course`` tree (``Node``s), and ``course_outline`` reads the
kit's parts from it; nothing else in the kit knows where the course came from.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol
from xml.etree import ElementTree as ET

TRAINER_NOTES = "ppta_trainer_notes"
MATERIAL = "ppta_material"


@dataclass(frozen=True)
class Node:
    """A block: its category, display name, the fields the kit reads, its children."""

    category: str
    display_name: str
    fields: dict = field(default_factory=dict)
    children: tuple[Node, ...] = ()

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Course:
    course_key: str
    title: str
    language: str
    kind: str  # "tot", "standard" or "" (not a ppta template course)
    version: str  # changes whenever the published content changes
    root: Node


class CourseSource(Protocol):
    def course(self, course_key: str) -> Course | None: ...
    def content_version(self, course_key: str) -> str | None: ...
    def course_file(self, course_key: str, url: str) -> CourseFile | None:
        """A file the course team uploaded (``/static/<name>`` on a block), or None."""


@dataclass(frozen=True)
class CourseFile:
    filename: str
    content: bytes


COURSE_FILE_PREFIX = "/static/"


def course_file_name(url: str) -> str:
    """``name.pdf`` of a course-file URL ``/static/name.pdf`` ("" for any other URL or an unsafe name)."""
    if not url.startswith(COURSE_FILE_PREFIX):
        return ""
    name = url[len(COURSE_FILE_PREFIX):].split("?", 1)[0]
    return "" if not name or ".." in name.split("/") or name.startswith("/") else name


@dataclass(frozen=True)
class TrainerNote:
    chapter: str
    title: str
    notes_html: str
    session_plans: tuple[tuple[str, str], ...]  # (title, url)


@dataclass(frozen=True)
class MaterialRef:
    chapter: str
    title: str
    material_id: str
    urls: dict  # {"en": url, "ru": url} the author set on the block


@dataclass(frozen=True)
class Section:
    title: str
    sequences: tuple[tuple[str, tuple[str, ...]], ...]  # (subsection title, unit titles)


@dataclass(frozen=True)
class Outline:
    sections: tuple[Section, ...]
    notes: tuple[TrainerNote, ...]
    materials: tuple[MaterialRef, ...]


def course_outline(course: Course) -> Outline:
    sections, notes, materials = [], [], []
    for chapter in course.root.children:
        sequences = []
        for sequence in chapter.children:
            sequences.append((sequence.display_name, tuple(unit.display_name for unit in sequence.children)))
            for block in sequence.walk():
                if block.category == TRAINER_NOTES:
                    plans = tuple((str(plan.get("title", "")), str(plan.get("url", "")))
                                  for plan in block.fields.get("session_plans") or () if isinstance(plan, dict))
                    notes.append(TrainerNote(chapter.display_name, block.display_name,
                                             str(block.fields.get("notes") or ""), plans))
                elif block.category == MATERIAL:
                    materials.append(MaterialRef(
                        chapter.display_name, block.display_name, str(block.fields.get("material_id") or ""),
                        {lang: str(block.fields.get(f"url_{lang}") or "") for lang in ("en", "ru")}))
        sections.append(Section(chapter.display_name, tuple(sequences)))
    return Outline(tuple(sections), tuple(notes), tuple(materials))


# -- the template courses (OLX built by course_templates) ----------------------------------------------

class TemplateCourses:
    """The catalogue's template courses, read from the OLX ``course_templates`` builds."""

    def course(self, course_key: str) -> Course | None:
        files = _template_files(course_key)
        if files is None:
            return None
        spec = _template_specs()[course_key]
        policy = json.loads(files[f"policies/{spec.run}/policy.json"])[f"course/{spec.run}"]
        root = _olx_node(files, "course", spec.run)
        return Course(course_key, policy["display_name"], policy.get("language", ""),
                      policy.get("cert_html_view_overrides", {}).get("ppta_course_kind", spec.kind),
                      _files_version(files), root)

    def content_version(self, course_key: str) -> str | None:
        files = _template_files(course_key)
        return _files_version(files) if files is not None else None

    def course_file(self, course_key: str, url: str) -> CourseFile | None:
        files, name = _template_files(course_key), course_file_name(url)
        content = files.get(f"static/{name}") if files and name else None
        return CourseFile(name.rsplit("/", 1)[-1], content) if content is not None else None

    def course_keys(self, kind: str = "tot") -> list[str]:
        return [key for key, spec in _template_specs().items() if spec.kind == kind]


@functools.cache
def _template_specs() -> dict:
    from course_templates.catalogue import catalogue_specs

    return {spec.course_id: spec for spec in catalogue_specs()}


@functools.lru_cache(maxsize=32)
def _template_files(course_key: str) -> dict[str, bytes] | None:
    from course_templates.builder import build_course

    spec = _template_specs().get(course_key)
    return build_course(spec) if spec else None


def _files_version(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for path, data in files.items():
        digest.update(path.encode() + b"\0" + hashlib.sha256(data).digest())
    return "olx-" + digest.hexdigest()[:32]


LIST_FIELDS = frozenset({"session_plans"})


def _olx_node(files: dict[str, bytes], category: str, url_name: str) -> Node:
    element = ET.fromstring(files[f"{category}/{url_name}.xml"])  # noqa: S314 (built in-process by course_templates)
    return _element_node(files, element)


def _element_node(files: dict[str, bytes], element: ET.Element) -> Node:
    children = []
    for child in element:
        pointer = f"{child.tag}/{child.get('url_name')}.xml"
        if len(child.attrib) == 1 and "url_name" in child.attrib and pointer in files:
            children.append(_olx_node(files, child.tag, child.get("url_name")))
        else:
            children.append(_element_node(files, child))
    fields = {name: (json.loads(value) if name in LIST_FIELDS else value) for name, value in element.attrib.items()}
    return Node(element.tag, element.get("display_name", ""), fields, tuple(children))


def course_source() -> CourseSource:
    """The modulestore inside the LMS, the template courses anywhere else."""
    from trainers import platform

    return platform.ModulestoreCourses() if platform.in_lms() else TemplateCourses()
