"""Reading built courses back, for assertions: XML files, inline blocks, visible texts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

# Attributes whose values learners or authors see in the LMS or in Studio.
VISIBLE_ATTRIBUTES = ("display_name", "effort", "objectives", "notes")
TAG = re.compile(r"<[^>]+>")


def parse(folder: Path, relative: str) -> ET.Element:
    return ET.parse(folder / relative).getroot()


def xml_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.xml"))


def all_url_names(folder: Path) -> list[str]:
    """Every block's url_name: one per OLX file (its file name) plus every inline ``ppta_*`` block."""
    names = []
    for path in xml_files(folder):
        relative = path.relative_to(folder).as_posix()
        if relative in ("course.xml",) or relative.startswith("course/"):
            continue
        if relative.startswith("html/"):
            continue  # html/<name>.xml and the vertical's pointer name the same block; counted via vertical
        names.append(path.stem)
        for element in ET.parse(path).getroot().iter():
            if element.tag.startswith("ppta_"):
                names.append(element.get("url_name"))
    names += [path.stem for path in (folder / "html").glob("*.xml")]
    return names


def visible_texts(folder: Path) -> list[tuple[str, str]]:
    """(where, text) for every text a learner or author sees: XML text and visible attributes,
    HTML pages (tags removed; author comments kept), the policy's titles and the grader names."""
    found = []
    for path in xml_files(folder):
        where = path.relative_to(folder).as_posix()
        for element in ET.parse(path).getroot().iter():
            for text in (element.text, element.tail):
                if text and text.strip():
                    found.append((where, text))
            for attribute in VISIBLE_ATTRIBUTES:
                if element.get(attribute):
                    value = element.get(attribute)
                    if attribute == "objectives":
                        value = " ".join(json.loads(value))
                    found.append((f"{where}@{attribute}", TAG.sub(" ", value)))
    for path in sorted(folder.rglob("*.html")):
        found.append((path.relative_to(folder).as_posix(), TAG.sub(" ", path.read_text(encoding="utf-8"))))
    for path in folder.glob("policies/*/policy.json"):
        settings = next(iter(json.loads(path.read_text(encoding="utf-8")).values()))
        certificate = settings["certificates"]["certificates"][0]
        signatory = certificate["signatories"][0]
        for key, value in (("display_name", settings["display_name"]), ("cert.name", certificate["name"]),
                           ("cert.description", certificate["description"]),
                           ("cert.course_title", certificate["course_title"]),
                           *((f"signatory.{k}", signatory[k]) for k in ("name", "title", "organization"))):
            found.append((f"policy.json:{key}", value))
    for path in folder.glob("policies/*/grading_policy.json"):
        for grader in json.loads(path.read_text(encoding="utf-8"))["GRADER"]:
            found.append(("grading_policy.json", f"{grader['type']} {grader['short_label']}"))
    return found
